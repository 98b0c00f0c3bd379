<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
    <context>
        <name>AddSpecimenDialog</name>
        <message>
            <source>Add a specimen</source>
            <translation>Добавить образец</translation>
        </message>
        <message>
            <source>dpi</source>
            <translation>dpi</translation>
        </message>
        <message>
            <source>as the images record it</source>
            <translation>как записано в изображениях</translation>
        </message>
        <message>
            <source>e.g. genuine document of another holder</source>
            <translation>напр., подлинный документ другого владельца</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Эталон</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Снимки</translation>
        </message>
        <message>
            <source>&amp;Resolution</source>
            <translation>&amp;Разрешение</translation>
        </message>
        <message>
            <source>&amp;Provenance</source>
            <translation>&amp;Происхождение</translation>
        </message>
        <message>
            <source>A genuine document of the same design, of another holder. With two or more specimens the personalised areas are learnt from where they differ, and kept as a new annotation version.</source>
            <translation>Подлинный документ того же образца другого владельца. При двух и более образцах зоны персонализации определяются по местам, где они различаются, и сохраняются как новая версия разметки.</translation>
        </message>
        <message>
            <source>Add the specimen</source>
            <translation>Добавить образец</translation>
        </message>
    </context>
    <context>
        <name>AdjustPanel</name>
        <message>
            <source>all</source>
            <translation>все</translation>
        </message>
        <message>
            <source>red</source>
            <translation>красный</translation>
        </message>
        <message>
            <source>green</source>
            <translation>зелёный</translation>
        </message>
        <message>
            <source>blue</source>
            <translation>синий</translation>
        </message>
        <message>
            <source>grey</source>
            <translation>серый</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Сбросить</translation>
        </message>
        <message>
            <source>Brightness</source>
            <translation>Яркость</translation>
        </message>
        <message>
            <source>Contrast</source>
            <translation>Контраст</translation>
        </message>
        <message>
            <source>Gamma</source>
            <translation>Гамма</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Канал</translation>
        </message>
    </context>
    <context>
        <name>CaseBrowser</name>
        <message>
            <source>Reference</source>
            <translation>Номер</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Название</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Вывод</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Снимки</translation>
        </message>
        <message>
            <source>Examiner</source>
            <translation>Эксперт</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Изменено</translation>
        </message>
        <message>
            <source>Search reference, title, number or holder</source>
            <translation>Поиск по номеру дела, названию, номеру документа или владельцу</translation>
        </message>
        <message>
            <source>exact</source>
            <translation>точно</translation>
        </message>
        <message>
            <source>words of the name</source>
            <translation>слова имени</translation>
        </message>
        <message>
            <source>e.g. UTO</source>
            <translation>напр., UTO</translation>
        </message>
        <message>
            <source>any verdict</source>
            <translation>любой вывод</translation>
        </message>
        <message>
            <source>no verdict yet</source>
            <translation>вывода ещё нет</translation>
        </message>
        <message>
            <source>Opened between</source>
            <translation>Открыто между</translation>
        </message>
        <message>
            <source>New case…</source>
            <translation>Новое дело…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Открыть</translation>
        </message>
        <message>
            <source>Document number</source>
            <translation>Номер документа</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>Владелец</translation>
        </message>
        <message>
            <source>Issuing state</source>
            <translation>Государство выдачи</translation>
        </message>
        <message>
            <source>and</source>
            <translation>и</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n дело</numerusform>
                <numerusform>%n дела</numerusform>
                <numerusform>%n дел</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasePanel</name>
        <message>
            <source>No case open</source>
            <translation>Дело не открыто</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— выберите —</translation>
        </message>
        <message>
            <source>why (required; goes into the audit trail)</source>
            <translation>основание (обязательно; заносится в журнал аудита)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>не указана</translation>
        </message>
        <message>
            <source>Record verdict</source>
            <translation>Записать вывод</translation>
        </message>
        <message>
            <source>Withdraw…</source>
            <translation>Отозвать…</translation>
        </message>
        <message>
            <source>Withdraw the recorded verdict, saying why: the case is reopened for review</source>
            <translation>Отозвать записанный вывод с указанием причины: дело снова открывается для пересмотра</translation>
        </message>
        <message>
            <source>add a note and press Enter</source>
            <translation>добавьте заметку и нажмите Enter</translation>
        </message>
        <message>
            <source>Open an entry to see what it recorded</source>
            <translation>Раскройте запись, чтобы увидеть, что в ней зафиксировано</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Вывод</translation>
        </message>
        <message>
            <source>Fraud type</source>
            <translation>Вид подделки</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>Уверенность</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Основание</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Заметки</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Снимки</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Журнал аудита</translation>
        </message>
        <message>
            <source>examiner {examiner}, {status}</source>
            <translation>эксперт {examiner}, {status}</translation>
        </message>
        <message>
            <source>No verdict recorded yet.</source>
            <translation>Вывод ещё не записан.</translation>
        </message>
        <message>
            <source>recorded without a reason</source>
            <translation>записан без основания</translation>
        </message>
        <message>
            <source>Recorded: &lt;b&gt;{verdict}&lt;/b&gt;&lt;br&gt;Reason: {reason}&lt;br&gt;&lt;small&gt;by {examiner}, {when} UTC — case {status}&lt;/small&gt;</source>
            <translation>Записано: &lt;b&gt;{verdict}&lt;/b&gt;&lt;br&gt;Основание: {reason}&lt;br&gt;&lt;small&gt;{examiner}, {when} UTC — дело {status}&lt;/small&gt;</translation>
        </message>
        <message>
            <source>Record without a reason?</source>
            <translation>Записать без основания?</translation>
        </message>
        <message>
            <source>Record the verdict “{verdict}” without a reason?

The audit trail and the report will say that no reason was given.</source>
            <translation>Записать вывод «{verdict}» без основания?

В журнале аудита и в заключении будет указано, что основание не приведено.</translation>
        </message>
        <message>
            <source>Withdraw the verdict</source>
            <translation>Отозвать вывод</translation>
        </message>
        <message>
            <source>Why is the verdict “{verdict}” withdrawn? (goes into the audit trail)</source>
            <translation>Почему отзывается вывод «{verdict}»? (заносится в журнал аудита)</translation>
        </message>
        <message>
            <source>Choose a verdict first.</source>
            <translation>Сначала выберите вывод.</translation>
        </message>
        <message>
            <source>The verdict was not recorded: {error}</source>
            <translation>Вывод не записан: {error}</translation>
        </message>
        <message>
            <source>The verdict was not withdrawn: say why (it goes into the audit trail).</source>
            <translation>Вывод не отозван: укажите причину (она заносится в журнал аудита).</translation>
        </message>
        <message>
            <source>The verdict was not withdrawn: {error}</source>
            <translation>Вывод не отозван: {error}</translation>
        </message>
        <message>
            <source>The note was not added: {error}</source>
            <translation>Заметка не добавлена: {error}</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>No case is open.</source>
            <translation>Дело не открыто.</translation>
        </message>
        <message>
            <source>This case has no capture in {light}.</source>
            <translation>В этом деле нет снимка в {light}.</translation>
        </message>
        <message>
            <source>The {light} capture cannot be shown: {reason}.</source>
            <translation>Снимок в {light} не может быть показан: {reason}.</translation>
        </message>
        <message>
            <source>No difference map yet: compare the case with its reference specimen to see where it differs.</source>
            <translation>Карты различий ещё нет: сравните дело с эталонным образцом, чтобы увидеть расхождения.</translation>
        </message>
        <message>
            <source>The comparison has no difference map in {light}.</source>
            <translation>В сравнении нет карты различий в {light}.</translation>
        </message>
        <message>
            <source>No reference image in {light}: load the reference specimen.</source>
            <translation>Нет изображения эталона в {light}: загрузите эталонный образец.</translation>
        </message>
        <message>
            <source>Not compared yet: the capture is not aligned with the reference.</source>
            <translation>Сравнение ещё не выполнено: снимок не совмещён с эталоном.</translation>
        </message>
        <message>
            <source>Questioned over reference ({opacity}), {light}</source>
            <translation>Исследуемый поверх эталона ({opacity}) — {label}</translation>
        </message>
        <message>
            <source>Reference | questioned, {light}</source>
            <translation>Эталон | исследуемый — {label}</translation>
        </message>
        <message>
            <source>Reference, {light}</source>
            <translation>Эталон — {label}</translation>
        </message>
        <message>
            <source>Questioned, {light}</source>
            <translation>Исследуемый — {label}</translation>
        </message>
        <message>
            <source>Difference map, {light}</source>
            <translation>Карта различий — {label}</translation>
        </message>
    </context>
    <context>
        <name>CompositeCanvas</name>
        <message>
            <source>Difference from the specimen</source>
            <translation>Отличие от образца</translation>
        </message>
        <message>
            <source>0 same</source>
            <translation>0 совпадает</translation>
        </message>
        <message>
            <source>1 different</source>
            <translation>1 отличается</translation>
        </message>
    </context>
    <context>
        <name>EvidenceDialog</name>
        <message>
            <source>Evidence: {kind}</source>
            <translation>Доказательство: {kind}</translation>
        </message>
    </context>
    <context>
        <name>ExerciseView</name>
        <message>
            <source>Draw marks</source>
            <translation>Рисовать отметки</translation>
        </message>
        <message>
            <source>Drag on the questioned image to mark a suspicious region in the light shown (off: a drag pans; the middle button always pans)</source>
            <translation>Проведите по исследуемому изображению, чтобы отметить подозрительную область в показанном освещении (выключено: перетаскивание сдвигает изображение; средняя кнопка сдвигает всегда)</translation>
        </message>
        <message>
            <source>Choose a document in the Exercise panel.</source>
            <translation>Выберите документ на панели «Упражнение».</translation>
        </message>
        <message>
            <source>Opening {document}…</source>
            <translation>Открытие {document}…</translation>
        </message>
        <message>
            <source>No reference specimen for this document.</source>
            <translation>Для этого документа нет эталонного образца.</translation>
        </message>
        <message>
            <source>Reference {name}, {light}</source>
            <translation>Эталон {name} — {light}</translation>
        </message>
        <message>
            <source>Exercise</source>
            <translation>Упражнение</translation>
        </message>
    </context>
    <context>
        <name>FindingsPanel</name>
        <message>
            <source>differs from the reference</source>
            <translation>отличается от эталона</translation>
        </message>
        <message>
            <source>paper glows under UV</source>
            <translation>бумага светится в УФ</translation>
        </message>
        <message>
            <source>UV feature missing or weak</source>
            <translation>УФ-признак отсутствует или слабый</translation>
        </message>
        <message>
            <source>unexpected UV fluorescence</source>
            <translation>неожиданная УФ-люминесценция</translation>
        </message>
        <message>
            <source>stays dark in IR (should drop out)</source>
            <translation>остаётся тёмным в ИК (должно исчезать)</translation>
        </message>
        <message>
            <source>fades in IR (should stay dark)</source>
            <translation>бледнеет в ИК (должно оставаться тёмным)</translation>
        </message>
        <message>
            <source>characters fade in IR (B900 ink expected)</source>
            <translation>символы бледнеют в ИК (ожидается краска B900)</translation>
        </message>
        <message>
            <source>portrait differs (substitution?)</source>
            <translation>портрет отличается (замена?)</translation>
        </message>
        <message>
            <source>VIZ field erased or re-printed</source>
            <translation>поле ВЗП стёрто или перепечатано</translation>
        </message>
        <message>
            <source>MRZ check digit fails</source>
            <translation>контрольная цифра МСЗ не сходится</translation>
        </message>
        <message>
            <source>MRZ and VIZ disagree</source>
            <translation>МСЗ и ВЗП не совпадают</translation>
        </message>
        <message>
            <source>not examined</source>
            <translation>не исследовано</translation>
        </message>
        <message>
            <source>the design as on the specimen</source>
            <translation>оформление как на образце</translation>
        </message>
        <message>
            <source>the design differs</source>
            <translation>оформление отличается</translation>
        </message>
        <message>
            <source>paper glowing as the specimen's</source>
            <translation>бумага светится как у образца</translation>
        </message>
        <message>
            <source>paper glowing otherwise</source>
            <translation>бумага светится иначе</translation>
        </message>
        <message>
            <source>the UV feature glowing</source>
            <translation>УФ-элемент светится</translation>
        </message>
        <message>
            <source>the UV feature weak or missing</source>
            <translation>УФ-элемент слабый или отсутствует</translation>
        </message>
        <message>
            <source>no glow under UV</source>
            <translation>нет свечения в УФ</translation>
        </message>
        <message>
            <source>a glow under UV</source>
            <translation>свечение в УФ</translation>
        </message>
        <message>
            <source>ink dropping out in IR</source>
            <translation>краска исчезает в ИК</translation>
        </message>
        <message>
            <source>ink dark in IR</source>
            <translation>краска тёмная в ИК</translation>
        </message>
        <message>
            <source>characters fading in IR</source>
            <translation>символы бледнеют в ИК</translation>
        </message>
        <message>
            <source>a portrait printed as the specimen's</source>
            <translation>портрет напечатан как на образце</translation>
        </message>
        <message>
            <source>a portrait unlike the specimen's</source>
            <translation>портрет не такой, как на образце</translation>
        </message>
        <message>
            <source>the field printed as the specimen's</source>
            <translation>поле напечатано как на образце</translation>
        </message>
        <message>
            <source>signs of erasure or re-printing</source>
            <translation>следы стирания или перепечатки</translation>
        </message>
        <message>
            <source>the check digit holding</source>
            <translation>контрольная цифра верна</translation>
        </message>
        <message>
            <source>the check digit failing</source>
            <translation>контрольная цифра неверна</translation>
        </message>
        <message>
            <source>check digit</source>
            <translation>контрольная цифра</translation>
        </message>
        <message>
            <source>the MRZ's value</source>
            <translation>значение в MRZ</translation>
        </message>
        <message>
            <source>the VIZ reading</source>
            <translation>в VIZ прочитано</translation>
        </message>
        <message>
            <source>the MRZ matching the VIZ</source>
            <translation>MRZ совпадает с VIZ</translation>
        </message>
        <message>
            <source>the MRZ differing from the VIZ</source>
            <translation>MRZ отличается от VIZ</translation>
        </message>
        <message>
            <source>inside the capture</source>
            <translation>в пределах снимка</translation>
        </message>
        <message>
            <source>outside the capture</source>
            <translation>за пределами снимка</translation>
        </message>
        <message>
            <source>the design&apos;s print within the capture&apos;s range</source>
            <translation>печать макета в пределах диапазона съёмки</translation>
        </message>
        <message>
            <source>the design&apos;s print clipped white by the exposure</source>
            <translation>печать макета, срезанная до белого экспозицией</translation>
        </message>
        <message>
            <source>IR darkness of the ink for its daylight darkness</source>
            <translation>темнота краски в ИК относительно её темноты при дневном свете</translation>
        </message>
        <message>
            <source>glow under UV for the specimen's</source>
            <translation>свечение в УФ относительно образца</translation>
        </message>
        <message>
            <source>share of the area glowing under UV</source>
            <translation>доля площади, светящейся в УФ</translation>
        </message>
        <message>
            <source>a spot glowing under UV</source>
            <translation>пятно, светящееся в УФ</translation>
        </message>
        <message>
            <source>colour of the glow under UV</source>
            <translation>цвет свечения в УФ</translation>
        </message>
        <message>
            <source>correlation with the specimen's pattern</source>
            <translation>корреляция с рисунком образца</translation>
        </message>
        <message>
            <source>a registration to the specimen that can be trusted</source>
            <translation>надёжное совмещение с эталоном</translation>
        </message>
        <message>
            <source>a registration too uncertain to compare pixel by pixel</source>
            <translation>совмещение слишком ненадёжное для попиксельного сравнения</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Эталон</translation>
        </message>
        <message>
            <source>Questioned</source>
            <translation>Исследуемый</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>Разница</translation>
        </message>
        <message>
            <source>Select a finding to read it in full here; the image zooms to it.</source>
            <translation>Выберите признак, чтобы прочитать его здесь полностью; изображение приблизится к нему.</translation>
        </message>
        <message>
            <source>In {light}, expected &lt;b&gt;{expected}&lt;/b&gt;, seen &lt;b&gt;{seen}&lt;/b&gt;.</source>
            <translation>В свете «{light}» ожидалось: &lt;b&gt;{expected}&lt;/b&gt;, видно: &lt;b&gt;{seen}&lt;/b&gt;.</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>Признак</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Свет</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>Оценка</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Подробности</translation>
        </message>
        <message>
            <source>All lights</source>
            <translation>Все виды освещения</translation>
        </message>
        <message>
            <source>Current light only</source>
            <translation>Только текущее освещение</translation>
        </message>
        <message>
            <source>Double-click to enlarge</source>
            <translation>Дважды щёлкните, чтобы увеличить</translation>
        </message>
        <message>
            <source>No evidence images were kept for this finding.</source>
            <translation>Для этого признака изображения-доказательства не сохранены.</translation>
        </message>
        <message>
            <source>ALARM</source>
            <translation>ТРЕВОГА</translation>
        </message>
        <message>
            <source>note</source>
            <translation>заметка</translation>
        </message>
        <message>
            <source>region {region}</source>
            <translation>область {region}</translation>
        </message>
        <message numerus="yes">
            <source>, %n in other lights</source>
            <translation>
                <numerusform>, %n в другом освещении</numerusform>
                <numerusform>, %n в другом освещении</numerusform>
                <numerusform>, %n в другом освещении</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n finding(s)</source>
            <translation>
                <numerusform>%n признак</numerusform>
                <numerusform>%n признака</numerusform>
                <numerusform>%n признаков</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n alarm(s)</source>
            <translation>
                <numerusform>%n тревога</numerusform>
                <numerusform>%n тревоги</numerusform>
                <numerusform>%n тревог</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;b&gt;{kind}&lt;/b&gt; in {light}, score {score} ({alarm})</source>
            <translation>&lt;b&gt;{kind}&lt;/b&gt;, освещение: {light}, оценка {score} ({alarm})</translation>
        </message>
        <message>
            <source>Checks performed...</source>
            <translation>Выполненные проверки...</translation>
        </message>
        <message>
            <source>Every check the comparison ran, light by light, with its outcome, and what it could not check: what a conclusion rests on</source>
            <translation>Каждая проверка, выполненная сравнением, по видам освещения, с её результатом, и что сравнение не смогло проверить: то, на чём основан вывод</translation>
        </message>
    </context>
    <context>
        <name>GeneratePackDialog</name>
        <message>
            <source>easy</source>
            <translation>лёгкий</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>средний</translation>
        </message>
        <message>
            <source>hard</source>
            <translation>сложный</translation>
        </message>
        <message>
            <source>New exercise pack</source>
            <translation>Новый пакет упражнений</translation>
        </message>
        <message>
            <source>Document families</source>
            <translation>Семейства документов</translation>
        </message>
        <message>
            <source>visa sticker (MRV-B), generated designs only</source>
            <translation>визовая наклейка (MRV-B), только сгенерированные образцы</translation>
        </message>
        <message>
            <source>The same seed gives the same pack; a new seed, new documents</source>
            <translation>Одинаковое зерно даёт тот же пакет; новое зерно — новые документы</translation>
        </message>
        <message>
            <source>a new or empty folder</source>
            <translation>новая или пустая папка</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Обзор…</translation>
        </message>
        <message>
            <source>Utopia only (one design per family, as packs always were)</source>
            <translation>Только Утопия (один образец на семейство, как всегда было в пакетах)</translation>
        </message>
        <message>
            <source>Different designs of fictional states, chosen by the seed:</source>
            <translation>Разные образцы вымышленных государств, выбранные по зерну:</translation>
        </message>
        <message>
            <source>Chosen designs (tick them in the list):</source>
            <translation>Выбранные образцы (отметьте их в списке):</translation>
        </message>
        <message>
            <source>designs</source>
            <translation>образцов</translation>
        </message>
        <message>
            <source>Search code, state, family or split (e.g. CSP, td1, held-out)</source>
            <translation>Поиск по коду, государству, семейству или выборке (напр., CSP, td1, held-out)</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Код</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Государство</translation>
        </message>
        <message>
            <source>Family</source>
            <translation>Семейство</translation>
        </message>
        <message>
            <source>Split</source>
            <translation>Выборка</translation>
        </message>
        <message>
            <source>Tick selected</source>
            <translation>Отметить выделенные</translation>
        </message>
        <message>
            <source>Tick every selected row (Ctrl- or Shift-click to select several); Enter does it too</source>
            <translation>Отметить все выделенные строки (несколько — щелчком с Ctrl или Shift); то же делает Enter</translation>
        </message>
        <message>
            <source>Untick selected</source>
            <translation>Снять отметку с выделенных</translation>
        </message>
        <message>
            <source>Designs</source>
            <translation>Образцы</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Создать</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Документы</translation>
        </message>
        <message>
            <source>Difficulty</source>
            <translation>Сложность</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Зерно</translation>
        </message>
        <message>
            <source>Output folder</source>
            <translation>Папка вывода</translation>
        </message>
        <message>
            <source>Each design is a fictional state's document series (code STATE-FAMILY-VARIANT). Designs with an even variant are held out: docexam's own tools are measured on them and never tuned on them; any design can go into a training pack.</source>
            <translation>Каждый образец — серия документов вымышленного государства (код ГОСУДАРСТВО-СЕМЕЙСТВО-ВАРИАНТ). Образцы с чётным вариантом отложены: на них измеряются собственные инструменты docexam, но никогда не настраиваются; в учебный пакет можно включить любой образец.</translation>
        </message>
        <message>
            <source>No design ticked</source>
            <translation>Ни один образец не отмечен</translation>
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation>
                <numerusform> и ещё %n</numerusform>
                <numerusform> и ещё %n</numerusform>
                <numerusform> и ещё %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticked: {designs}</source>
            <translation>
                <numerusform>Отмечен %n: {designs}</numerusform>
                <numerusform>Отмечено %n: {designs}</numerusform>
                <numerusform>Отмечено %n: {designs}</numerusform>
            </translation>
        </message>
        <message>
            <source>Folder for the pack</source>
            <translation>Папка для пакета</translation>
        </message>
        <message>
            <source>choose at least one document family</source>
            <translation>выберите хотя бы одно семейство документов</translation>
        </message>
        <message>
            <source>tick at least one design in the list (of the families ticked), or choose Utopia only or a number of designs</source>
            <translation>отметьте в списке хотя бы один образец (из отмеченных семейств) или выберите «Только Утопия» либо число образцов</translation>
        </message>
    </context>
    <context>
        <name>ImageCanvas</name>
        <message>
            <source>{value} px</source>
            <translation>{value} пкс</translation>
        </message>
        <message>
            <source>{value} mm</source>
            <translation>{value} мм</translation>
        </message>
    </context>
    <context>
        <name>Light</name>
        <message>
            <source>Visible</source>
            <translation>Видимый</translation>
        </message>
        <message>
            <source>UV 365 nm</source>
            <translation>УФ 365 нм</translation>
        </message>
        <message>
            <source>IR 870 nm</source>
            <translation>ИК 870 нм</translation>
        </message>
        <message>
            <source>Coaxial</source>
            <translation>Коаксиальный</translation>
        </message>
        <message>
            <source>Transmitted</source>
            <translation>Проходящий</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Другой</translation>
        </message>
        <message>
            <source>visible</source>
            <translation>видимый</translation>
        </message>
        <message>
            <source>UV</source>
            <translation>УФ</translation>
        </message>
        <message>
            <source>IR</source>
            <translation>ИК</translation>
        </message>
        <message>
            <source>coaxial</source>
            <translation>коаксиальный</translation>
        </message>
        <message>
            <source>transmitted</source>
            <translation>проходящий</translation>
        </message>
        <message>
            <source>other</source>
            <translation>другой</translation>
        </message>
        <message>
            <source>visible light</source>
            <translation>видимом свете</translation>
        </message>
        <message>
            <source>coaxial light</source>
            <translation>коаксиальном свете</translation>
        </message>
        <message>
            <source>transmitted light</source>
            <translation>проходящем свете</translation>
        </message>
        <message>
            <source>other light</source>
            <translation>другом свете</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Questioned</source>
            <translation>Исследуемый</translation>
        </message>
        <message>
            <source>Side by side</source>
            <translation>Рядом</translation>
        </message>
        <message>
            <source>Overlay</source>
            <translation>Наложение</translation>
        </message>
        <message>
            <source>Swipe</source>
            <translation>Шторка</translation>
        </message>
        <message>
            <source>Flicker</source>
            <translation>Мерцание</translation>
        </message>
        <message>
            <source>Heat map</source>
            <translation>Тепловая карта</translation>
        </message>
        <message>
            <source>Zoom about the pointer</source>
            <translation>Масштаб вокруг указателя</translation>
        </message>
        <message>
            <source>Wheel</source>
            <translation>Колесо</translation>
        </message>
        <message>
            <source>Pan</source>
            <translation>Панорамирование</translation>
        </message>
        <message>
            <source>Drag, arrows</source>
            <translation>Перетаскивание, стрелки</translation>
        </message>
        <message>
            <source>Zoom in / out</source>
            <translation>Увеличить / уменьшить</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>Вписать</translation>
        </message>
        <message>
            <source>0, double click</source>
            <translation>0, двойной щелчок</translation>
        </message>
        <message>
            <source>Actual pixels</source>
            <translation>Реальные пиксели</translation>
        </message>
        <message>
            <source>Measure once</source>
            <translation>Однократное измерение</translation>
        </message>
        <message>
            <source>Shift+drag</source>
            <translation>Shift+перетаскивание</translation>
        </message>
        <message>
            <source>Clear the measurement</source>
            <translation>Сбросить измерение</translation>
        </message>
        <message>
            <source>Mark a region (exercise, Draw marks on)</source>
            <translation>Отметить область (упражнение, «Рисовать отметки» включено)</translation>
        </message>
        <message>
            <source>Drag on the questioned image</source>
            <translation>Перетаскивание по исследуемому изображению</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>Дела</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Дело</translation>
        </message>
        <message>
            <source>MRZ</source>
            <translation>МСЗ</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>Выявленные признаки</translation>
        </message>
        <message>
            <source>Image adjustments</source>
            <translation>Настройки изображения</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>Cancel the running work (nothing half-done is stored)</source>
            <translation>Прервать текущую работу (ничего незавершённого не сохраняется)</translation>
        </message>
        <message>
            <source>{action} ({keys})</source>
            <translation>{action} ({keys})</translation>
        </message>
        <message>
            <source>&amp;New case…</source>
            <translation>&amp;Новое дело…</translation>
        </message>
        <message>
            <source>&amp;Find case…</source>
            <translation>&amp;Найти дело…</translation>
        </message>
        <message>
            <source>&amp;Import captures…</source>
            <translation>&amp;Импорт снимков…</translation>
        </message>
        <message>
            <source>Add scans or photos of the questioned document to the case</source>
            <translation>Добавить в дело сканы или фотографии исследуемого документа</translation>
        </message>
        <message>
            <source>&amp;Watch scanner folder…</source>
            <translation>&amp;Следить за папкой сканера…</translation>
        </message>
        <message>
            <source>New images saved by the scanner into a folder are imported into the open case</source>
            <translation>Новые изображения, сохранённые сканером в папку, импортируются в открытое дело</translation>
        </message>
        <message>
            <source>Export PDF &amp;report…</source>
            <translation>Экспорт &amp;заключения в PDF…</translation>
        </message>
        <message>
            <source>&amp;Export cases to a bundle…</source>
            <translation>&amp;Экспорт дел в пакет…</translation>
        </message>
        <message>
            <source>Export &amp;today's cases…</source>
            <translation>Экспорт &amp;сегодняшних дел…</translation>
        </message>
        <message>
            <source>Every case changed today, in one bundle for the centre</source>
            <translation>Все дела, изменённые сегодня, одним пакетом для центра</translation>
        </message>
        <message>
            <source>Import a &amp;bundle…</source>
            <translation>Импорт &amp;пакета…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Выход</translation>
        </message>
        <message>
            <source>Sign &amp;out / switch user…</source>
            <translation>&amp;Выйти / сменить пользователя…</translation>
        </message>
        <message>
            <source>Sign out, and sign in as someone else</source>
            <translation>Выйти и войти под другим пользователем</translation>
        </message>
        <message>
            <source>&amp;Submit for review</source>
            <translation>&amp;Отправить на проверку</translation>
        </message>
        <message>
            <source>Send the conclusion to a second examiner for technical review</source>
            <translation>Отправить вывод второму эксперту на техническую проверку</translation>
        </message>
        <message>
            <source>Review &amp;queue…</source>
            <translation>&amp;Очередь проверки…</translation>
        </message>
        <message>
            <source>The cases submitted and awaiting a reviewer</source>
            <translation>Дела, отправленные на проверку и ждущие проверяющего</translation>
        </message>
        <message>
            <source>&amp;Agree with the conclusion</source>
            <translation>&amp;Согласиться с выводом</translation>
        </message>
        <message>
            <source>&amp;Return with comment…</source>
            <translation>&amp;Вернуть с замечаниями…</translation>
        </message>
        <message>
            <source>&amp;Issue report</source>
            <translation>&amp;Выпустить заключение</translation>
        </message>
        <message>
            <source>Issue the reviewed case: its report becomes final</source>
            <translation>Выпустить проверенное дело: его заключение становится окончательным</translation>
        </message>
        <message>
            <source>&amp;Compare with reference</source>
            <translation>&amp;Сравнить с эталоном</translation>
        </message>
        <message>
            <source>Register every light to the reference specimen and list where they differ</source>
            <translation>Совместить изображение в каждом освещении с эталонным образцом и перечислить расхождения</translation>
        </message>
        <message>
            <source>Choose reference &amp;folder…</source>
            <translation>Выбрать &amp;папку эталона…</translation>
        </message>
        <message>
            <source>Reference &amp;library…</source>
            <translation>&amp;Библиотека эталонов…</translation>
        </message>
        <message>
            <source>Browse, make and annotate the references of genuine documents</source>
            <translation>Просмотр, создание и разметка эталонов подлинных документов</translation>
        </message>
        <message>
            <source>&amp;Use this document as a reference…</source>
            <translation>&amp;Использовать этот документ как эталон…</translation>
        </message>
        <message>
            <source>Make a reference of the library from the open case's captures (a genuine document)</source>
            <translation>Создать эталон библиотеки из снимков открытого дела (подлинный документ)</translation>
        </message>
        <message>
            <source>&amp;Lock zoom and pan</source>
            <translation>&amp;Связать масштаб и сдвиг</translation>
        </message>
        <message>
            <source>Show &amp;findings</source>
            <translation>Показать &amp;признаки</translation>
        </message>
        <message>
            <source>&amp;Fit</source>
            <translation>&amp;Вписать</translation>
        </message>
        <message>
            <source>&amp;Actual pixels</source>
            <translation>&amp;Реальные пиксели</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>&amp;Увеличить</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>&amp;Уменьшить</translation>
        </message>
        <message>
            <source>&amp;Generate exercise pack…</source>
            <translation>&amp;Создать пакет упражнений…</translation>
        </message>
        <message>
            <source>&amp;Hand out a pack as a bundle…</source>
            <translation>&amp;Выдать пакет одним файлом…</translation>
        </message>
        <message>
            <source>One file of an exercise pack for trainees, with or without the answer keys</source>
            <translation>Пакет упражнений одним файлом для обучаемых, с ключами ответов или без них</translation>
        </message>
        <message>
            <source>&amp;Trainee exercise…</source>
            <translation>&amp;Упражнение обучаемого…</translation>
        </message>
        <message>
            <source>&amp;Loupe</source>
            <translation>&amp;Лупа</translation>
        </message>
        <message>
            <source>A round magnifier at the pointer over the image (L)</source>
            <translation>Круглая лупа у указателя над изображением (L)</translation>
        </message>
        <message>
            <source>&amp;Ruler</source>
            <translation>Лине&amp;йка</translation>
        </message>
        <message>
            <source>Drag on the image to measure, in millimetres from the capture's dpi (R)</source>
            <translation>Проведите по изображению для измерения, в миллиметрах по dpi снимка (R)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Сочетания клавиш</translation>
        </message>
        <message>
            <source>&amp;About docexam</source>
            <translation>&amp;О программе docexam</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Файл</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>&amp;Недавние</translation>
        </message>
        <message>
            <source>&amp;Examine</source>
            <translation>&amp;Экспертиза</translation>
        </message>
        <message>
            <source>Re&amp;ferences</source>
            <translation>&amp;Эталоны</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>&amp;Дело</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Вид</translation>
        </message>
        <message>
            <source>Light ({keys})</source>
            <translation>Освещение ({keys})</translation>
        </message>
        <message>
            <source>Comparison mode ({keys}; Ctrl+0 fit, Ctrl+1 actual pixels)</source>
            <translation>Режим сравнения ({keys}; Ctrl+0 вписать, Ctrl+1 реальные пиксели)</translation>
        </message>
        <message>
            <source>Lan&amp;guage</source>
            <translation>&amp;Язык</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>&amp;Обучение</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Справка</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Освещение</translation>
        </message>
        <message>
            <source>Comparison</source>
            <translation>Сравнение</translation>
        </message>
        <message>
            <source>Opacity</source>
            <translation>Непрозрачность</translation>
        </message>
        <message>
            <source>Hz</source>
            <translation>Гц</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>Язык системы</translation>
        </message>
        <message>
            <source>The workstation speaks {language} from its next start</source>
            <translation>Рабочее место перейдёт на язык «{language}» при следующем запуске</translation>
        </message>
        <message>
            <source>Open case</source>
            <translation>Открыть дело</translation>
        </message>
        <message>
            <source>Case {case} could not be opened: {error}</source>
            <translation>Не удалось открыть дело {case}: {error}</translation>
        </message>
        <message>
            <source>New case</source>
            <translation>Новое дело</translation>
        </message>
        <message>
            <source>What is the case about?
(e.g. Passport UTO L898902C3, border post 4)</source>
            <translation>О чём это дело?
(например, паспорт UTO L898902C3, пограничный пост 4)</translation>
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation>{first} – {last}</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Изображение</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Сочетания клавиш</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Где</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Что</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Клавиши</translation>
        </message>
        <message>
            <source>Signed in: {name} ({role})</source>
            <translation>Вход выполнен: {name} ({role})</translation>
        </message>
        <message>
            <source>Everything you record is kept under {name} and signed with their key</source>
            <translation>Всё, что вы записываете, хранится под именем {name} и подписывается его ключом</translation>
        </message>
        <message>
            <source>This case store has no accounts: nobody signs in.</source>
            <translation>В этой базе дел нет учётных записей: вход не нужен.</translation>
        </message>
        <message>
            <source>Import captures</source>
            <translation>Импорт снимков</translation>
        </message>
        <message>
            <source>Images ({patterns})</source>
            <translation>Изображения ({patterns})</translation>
        </message>
        <message>
            <source>In which light were these taken?
(files named …_uv / …_ir are tagged by their name)</source>
            <translation>В каком освещении сделаны эти снимки?
(файлы с именами …_uv / …_ir размечаются по имени)</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Импорт</translation>
        </message>
        <message>
            <source>Open or create a case first, then add its captures.</source>
            <translation>Сначала откройте или создайте дело, затем добавьте его снимки.</translation>
        </message>
        <message>
            <source>Importing {file} ({light})</source>
            <translation>Импорт {file} ({light})</translation>
        </message>
        <message>
            <source>{file} was not imported</source>
            <translation>{file} не импортирован</translation>
        </message>
        <message>
            <source>{file} imported as {light}</source>
            <translation>{file} импортирован как {light}</translation>
        </message>
        <message>
            <source>; MRZ valid</source>
            <translation>; МСЗ действительна</translation>
        </message>
        <message>
            <source>; MRZ read, not valid</source>
            <translation>; МСЗ прочитана, недействительна</translation>
        </message>
        <message>
            <source>Scanner folder to watch</source>
            <translation>Папка сканера для наблюдения</translation>
        </message>
        <message>
            <source>Scanner folder</source>
            <translation>Папка сканера</translation>
        </message>
        <message>
            <source>Watching {folder}: new scans go into the open case</source>
            <translation>Наблюдение за {folder}: новые сканы попадают в открытое дело</translation>
        </message>
        <message>
            <source>Loading the {name} reference specimen</source>
            <translation>Загрузка эталонного образца {name}</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Эталон</translation>
        </message>
        <message>
            <source>The {name} reference could not be loaded</source>
            <translation>Не удалось загрузить эталон {name}</translation>
        </message>
        <message>
            <source>Reference: {source}</source>
            <translation>Эталон: {source}</translation>
        </message>
        <message>
            <source>Reference specimen folder (visible.*, uv.*, ir.*)</source>
            <translation>Папка эталонного образца (visible.*, uv.*, ir.*)</translation>
        </message>
        <message>
            <source>Loading the reference {name}</source>
            <translation>Загрузка эталона {name}</translation>
        </message>
        <message>
            <source>{folder} is not a usable reference</source>
            <translation>{folder} не годится в качестве эталона</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Сравнение</translation>
        </message>
        <message>
            <source>Open a case with captures and choose a reference specimen first.</source>
            <translation>Сначала откройте дело со снимками и выберите эталонный образец.</translation>
        </message>
        <message>
            <source>Comparing with the reference</source>
            <translation>Сравнение с эталоном</translation>
        </message>
        <message>
            <source>The comparison failed</source>
            <translation>Сравнение не удалось</translation>
        </message>
        <message>
            <source>Compared in {ms} ms: {alarms}, {findings}</source>
            <translation>Сравнение за {ms} мс: {alarms}, {findings}</translation>
        </message>
        <message numerus="yes">
            <source>%n alarm(s)</source>
            <translation>
                <numerusform>%n тревога</numerusform>
                <numerusform>%n тревоги</numerusform>
                <numerusform>%n тревог</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n finding(s)</source>
            <translation>
                <numerusform>%n признак</numerusform>
                <numerusform>%n признака</numerusform>
                <numerusform>%n признаков</numerusform>
            </translation>
        </message>
        <message>
            <source>MRZ and VIZ</source>
            <translation>МСЗ и ВЗП</translation>
        </message>
        <message>
            <source>Not recorded: {error}</source>
            <translation>Не записано: {error}</translation>
        </message>
        <message>
            <source>The VIZ values you confirmed are recorded in the case</source>
            <translation>Подтверждённые вами значения ВЗП записаны в дело</translation>
        </message>
        <message>
            <source>Open the case of a genuine document first.</source>
            <translation>Сначала откройте дело подлинного документа.</translation>
        </message>
        <message>
            <source>Reference {name} made: {specimens}, annotation version {version}</source>
            <translation>Эталон {name} создан: {specimens}, версия разметки {version}</translation>
        </message>
        <message numerus="yes">
            <source>%n specimen(s)</source>
            <translation>
                <numerusform>%n образец</numerusform>
                <numerusform>%n образца</numerusform>
                <numerusform>%n образцов</numerusform>
            </translation>
        </message>
        <message>
            <source>Open a case to have a reference proposed.</source>
            <translation>Откройте дело, чтобы получить предложенный эталон.</translation>
        </message>
        <message>
            <source>Once the MRZ is read, the library's references of its issuing state, document code and format are proposed here.</source>
            <translation>Когда МСЗ прочитана, здесь предлагаются эталоны библиотеки для её государства выдачи, кода документа и формата.</translation>
        </message>
        <message>
            <source>The reference library could not be read: {error}</source>
            <translation>Не удалось прочитать библиотеку эталонов: {error}</translation>
        </message>
        <message>
            <source>No reference of the library matches this MRZ (issuing state {state}, document code {code}, format {format}); make one from a genuine document in References &gt; Reference library.</source>
            <translation>В библиотеке нет эталона для этой МСЗ (государство выдачи {state}, код документа {code}, формат {format}); создайте его из подлинного документа в меню Эталоны &gt; Библиотека эталонов.</translation>
        </message>
        <message>
            <source>Loading the library reference</source>
            <translation>Загрузка эталона библиотеки</translation>
        </message>
        <message>
            <source>The library reference could not be used</source>
            <translation>Не удалось использовать эталон библиотеки</translation>
        </message>
        <message>
            <source>Export PDF report</source>
            <translation>Экспорт заключения в PDF</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Case {case} has no verdict yet: the report will say NO VERDICT YET.

Record a verdict first (the Case panel's Record verdict), or export this report anyway?</source>
            <translation>По делу {case} ещё нет вывода: в заключении будет указано «ВЫВОД НЕ СДЕЛАН».

Сначала запишите вывод (кнопка «Записать вывод» на панели «Дело») или всё равно экспортировать заключение?</translation>
        </message>
        <message>
            <source>Writing the report {file}</source>
            <translation>Запись заключения {file}</translation>
        </message>
        <message>
            <source>Report written and signed by {signer}: {path}</source>
            <translation>Заключение записано и подписано ({signer}): {path}</translation>
        </message>
        <message>
            <source>Report written: {path}</source>
            <translation>Заключение записано: {path}</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>Заключение</translation>
        </message>
        <message>
            <source>The report was not written</source>
            <translation>Заключение не записано</translation>
        </message>
        <message>
            <source>Export case</source>
            <translation>Экспорт дела</translation>
        </message>
        <message>
            <source>Bundles (*.zip)</source>
            <translation>Пакеты (*.zip)</translation>
        </message>
        <message>
            <source>Export today's cases</source>
            <translation>Экспорт сегодняшних дел</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Экспорт</translation>
        </message>
        <message>
            <source>No case was changed today.</source>
            <translation>Сегодня ни одно дело не изменялось.</translation>
        </message>
        <message numerus="yes">
            <source>Exporting %n case(s)</source>
            <translation>
                <numerusform>Экспорт %n дела</numerusform>
                <numerusform>Экспорт %n дел</numerusform>
                <numerusform>Экспорт %n дел</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) exported to {path}</source>
            <translation>
                <numerusform>%n дело экспортировано в {path}</numerusform>
                <numerusform>%n дела экспортировано в {path}</numerusform>
                <numerusform>%n дел экспортировано в {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was exported</source>
            <translation>Ничего не экспортировано</translation>
        </message>
        <message>
            <source>Import a bundle</source>
            <translation>Импорт пакета</translation>
        </message>
        <message>
            <source>Importing {file}</source>
            <translation>Импорт {file}</translation>
        </message>
        <message>
            <source>Imported {path}</source>
            <translation>Импортировано: {path}</translation>
        </message>
        <message>
            <source>The bundle was not imported (nothing changed)</source>
            <translation>Пакет не импортирован (ничего не изменилось)</translation>
        </message>
        <message>
            <source>Exercise pack</source>
            <translation>Пакет упражнений</translation>
        </message>
        <message numerus="yes">
            <source>Generating %n documents</source>
            <translation>
                <numerusform>Создание %n документа</numerusform>
                <numerusform>Создание %n документов</numerusform>
                <numerusform>Создание %n документов</numerusform>
            </translation>
        </message>
        <message>
            <source>Exercise pack written to {folder}</source>
            <translation>Пакет упражнений записан в {folder}</translation>
        </message>
        <message>
            <source>The pack was not generated</source>
            <translation>Пакет не создан</translation>
        </message>
        <message>
            <source>Exercise pack to hand out</source>
            <translation>Пакет упражнений для выдачи</translation>
        </message>
        <message>
            <source>Hand out a pack</source>
            <translation>Выдать пакет</translation>
        </message>
        <message>
            <source>Include the answer keys?

With them, each trainee's workstation scores the attempt and shows the key after it is submitted (a trainee who unzips the file can read them). Without them, trainees cannot see the verdicts; you score their answers.</source>
            <translation>Включить ключи ответов?

С ними рабочее место каждого обучаемого оценивает попытку и показывает ключ после её сдачи (обучаемый, распаковавший файл, может их прочитать). Без них обучаемые не видят выводов; ответы оцениваете вы.</translation>
        </message>
        <message>
            <source>Save the handout</source>
            <translation>Сохранить файл для выдачи</translation>
        </message>
        <message>
            <source>Exercise packs (*.zip)</source>
            <translation>Пакеты упражнений (*.zip)</translation>
        </message>
        <message>
            <source>Writing the handout {file}</source>
            <translation>Запись файла для выдачи {file}</translation>
        </message>
        <message>
            <source>Handout written: {path} (with the answer keys)</source>
            <translation>Файл для выдачи записан: {path} (с ключами ответов)</translation>
        </message>
        <message>
            <source>Handout written: {path} (without the answer keys)</source>
            <translation>Файл для выдачи записан: {path} (без ключей ответов)</translation>
        </message>
        <message>
            <source>The handout was not written</source>
            <translation>Файл для выдачи не записан</translation>
        </message>
        <message>
            <source>Open an exercise (a handout, or a pack folder's pack.json)</source>
            <translation>Открыть упражнение (выданный файл или pack.json из папки пакета)</translation>
        </message>
        <message>
            <source>Exercise packs (*.zip pack.json)</source>
            <translation>Пакеты упражнений (*.zip pack.json)</translation>
        </message>
        <message>
            <source>Opening {file}</source>
            <translation>Открытие {file}</translation>
        </message>
        <message>
            <source>Exercise</source>
            <translation>Упражнение</translation>
        </message>
        <message>
            <source>{file} was not opened</source>
            <translation>{file} не открыт</translation>
        </message>
        <message>
            <source>{folder} is not an exercise pack: {error}</source>
            <translation>{folder} не является пакетом упражнений: {error}</translation>
        </message>
        <message>
            <source>{file} could not be shown</source>
            <translation>Не удалось показать {file}</translation>
        </message>
        <message>
            <source>{failure}: {error}</source>
            <translation>{failure}: {error}</translation>
        </message>
        <message>
            <source>{job}: cancelled, nothing stored</source>
            <translation>{job}: отменено, ничего не сохранено</translation>
        </message>
        <message>
            <source>About docexam</source>
            <translation>О программе docexam</translation>
        </message>
        <message>
            <source>Forensic examination of travel documents in visible, UV and IR light.</source>
            <translation>Криминалистическая экспертиза документов, удостоверяющих личность, в видимом, УФ- и ИК-свете.</translation>
        </message>
    </context>
    <context>
        <name>MarkCanvas</name>
        <message>
            <source>mark {number}</source>
            <translation>отметка {number}</translation>
        </message>
        <message>
            <source>key: {kind} ({lights})</source>
            <translation>ключ: {kind} ({lights})</translation>
        </message>
    </context>
    <context>
        <name>MrzPanel</name>
        <message>
            <source>Expected</source>
            <comment>column heading, abbreviated if long</comment>
            <translation>Ожид.</translation>
        </message>
        <message>
            <source>Found</source>
            <comment>column heading, abbreviated if long</comment>
            <translation>Найд.</translation>
        </message>
        <message>
            <source>Expected: the digit the data it covers give</source>
            <translation>Ожидается: цифра, которая получается из охватываемых данных</translation>
        </message>
        <message>
            <source>Found: the digit printed in the MRZ</source>
            <translation>Найдено: цифра, напечатанная в МСЗ</translation>
        </message>
        <message>
            <source>line {line}, position {position}</source>
            <translation>строка {line}, позиция {position}</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>верно</translation>
        </message>
        <message>
            <source>FAIL</source>
            <translation>ОШИБКА</translation>
        </message>
        <message>
            <source>{status} {label}: expected {expected}, found {found}</source>
            <translation>{status} {label}: ожидалось {expected}, найдено {found}</translation>
        </message>
        <message>
            <source>none (characters outside the MRZ alphabet)</source>
            <translation>никакой (символы вне алфавита МСЗ)</translation>
        </message>
        <message>
            <source>No MRZ read yet</source>
            <translation>МСЗ ещё не прочитана</translation>
        </message>
        <message>
            <source>read with confidence {high} or more</source>
            <translation>прочитано с уверенностью {high} и выше</translation>
        </message>
        <message>
            <source>read with confidence from {low} to {high}: worth a look</source>
            <translation>прочитано с уверенностью от {low} до {high}: стоит проверить</translation>
        </message>
        <message>
            <source>read with confidence under {low}: not trusted, check by eye</source>
            <translation>прочитано с уверенностью ниже {low}: ненадёжно, проверьте визуально</translation>
        </message>
        <message>
            <source>VALID</source>
            <translation>ДЕЙСТВИТЕЛЬНА</translation>
        </message>
        <message>
            <source>INVALID</source>
            <translation>НЕДЕЙСТВИТЕЛЬНА</translation>
        </message>
        <message>
            <source>UNCONFIRMED</source>
            <translation>НЕ ПОДТВЕРЖДЕНА</translation>
        </message>
        <message>
            <source>match</source>
            <translation>совпадает</translation>
        </message>
        <message>
            <source>differs</source>
            <translation>отличается</translation>
        </message>
        <message>
            <source>not entered</source>
            <translation>не введено</translation>
        </message>
        <message>
            <source>Check digit</source>
            <translation>Проверка</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Где</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Итог</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Поле</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Значение</translation>
        </message>
        <message>
            <source>MRZ</source>
            <translation>МСЗ</translation>
        </message>
        <message>
            <source>VIZ (as printed)</source>
            <translation>ВЗП (как напечатано)</translation>
        </message>
        <message>
            <source>Match</source>
            <translation>Совпадение</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Записать</translation>
        </message>
        <message>
            <source>Keep the MRZ-against-VIZ comparison in the case</source>
            <translation>Сохранить в деле сверку МСЗ с ВЗП</translation>
        </message>
        <message>
            <source>Machine readable zone</source>
            <translation>Машиносчитываемая зона</translation>
        </message>
        <message>
            <source>Check digits</source>
            <translation>Контрольные цифры</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Поля</translation>
        </message>
        <message>
            <source>Errors and warnings</source>
            <translation>Ошибки и предупреждения</translation>
        </message>
        <message>
            <source>MRZ against VIZ</source>
            <translation>Сверка МСЗ с ВЗП</translation>
        </message>
        <message>
            <source>changed by the check-digit correction (hover the line for what was read)</source>
            <translation>исправлено по контрольной цифре (наведите указатель на строку, чтобы увидеть прочитанное)</translation>
        </message>
        <message>
            <source>line {line}, position {position}: read {read}, corrected to {char}</source>
            <translation>строка {line}, позиция {position}: прочитано {read}, исправлено на {char}</translation>
        </message>
        <message>
            <source>line {line}, position {position}: a letter of the name to check by eye</source>
            <translation>строка {line}, позиция {position}: буква имени, которую нужно проверить визуально</translation>
        </message>
        <message>
            <source>, overall confidence {percent}</source>
            <translation>, общая уверенность {percent}</translation>
        </message>
        <message>
            <source>read by {engine}</source>
            <translation>прочитано: {engine}</translation>
        </message>
        <message>
            <source>typed or parsed text (no recognition confidence)</source>
            <translation>введённый или разобранный текст (без оценки уверенности распознавания)</translation>
        </message>
        <message numerus="yes">
            <source>; %n character(s) corrected</source>
            <translation>
                <numerusform>; исправлен %n символ</numerusform>
                <numerusform>; исправлено %n символа</numerusform>
                <numerusform>; исправлено %n символов</numerusform>
            </translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>Error: {error}</source>
            <translation>Ошибка: {error}</translation>
        </message>
        <message>
            <source>No warnings.</source>
            <translation>Предупреждений нет.</translation>
        </message>
    </context>
    <context>
        <name>NewReferenceDialog</name>
        <message>
            <source>New reference</source>
            <translation>Новый эталон</translation>
        </message>
        <message>
            <source>e.g. Utopia passport, 2025 series</source>
            <translation>напр., паспорт Утопии, серия 2025</translation>
        </message>
        <message>
            <source>from the MRZ</source>
            <translation>из МСЗ</translation>
        </message>
        <message>
            <source>dpi</source>
            <translation>dpi</translation>
        </message>
        <message>
            <source>as the images record it</source>
            <translation>как записано в изображениях</translation>
        </message>
        <message>
            <source>e.g. specimen booklet from the issuer</source>
            <translation>напр., альбом образцов от эмитента</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Снимки</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Название</translation>
        </message>
        <message>
            <source>&amp;Resolution</source>
            <translation>&amp;Разрешение</translation>
        </message>
        <message>
            <source>Issuing &amp;state</source>
            <translation>&amp;Государство выдачи</translation>
        </message>
        <message>
            <source>Document &amp;code</source>
            <translation>&amp;Код документа</translation>
        </message>
        <message>
            <source>&amp;Format</source>
            <translation>&amp;Формат</translation>
        </message>
        <message>
            <source>S&amp;eries</source>
            <translation>&amp;Серия</translation>
        </message>
        <message>
            <source>&amp;Provenance</source>
            <translation>&amp;Происхождение</translation>
        </message>
        <message>
            <source>The regions (MRZ, portrait, ghost image, VIZ fields, UV and IR features, personalised area) are found automatically; correct them in the editor afterwards.</source>
            <translation>Области (МСЗ, портрет, теневое изображение, поля ВЗП, УФ- и ИК-признаки, зона персонализации) находятся автоматически; затем исправьте их в редакторе.</translation>
        </message>
        <message>
            <source>Make the reference</source>
            <translation>Создать эталон</translation>
        </message>
        <message>
            <source>a name is needed, e.g. Utopia passport, 2025 series</source>
            <translation>нужно название, напр., паспорт Утопии, серия 2025</translation>
        </message>
    </context>
    <context>
        <name>ReferenceDetailsDialog</name>
        <message>
            <source>Reference details</source>
            <translation>Сведения об эталоне</translation>
        </message>
        <message>
            <source>e.g. UTO</source>
            <translation>напр., UTO</translation>
        </message>
        <message>
            <source>e.g. P</source>
            <translation>напр., P</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>неизвестно</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, empty if not known</source>
            <translation>ГГГГ-ММ-ДД, пусто, если неизвестно</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, empty if still issued</source>
            <translation>ГГГГ-ММ-ДД, пусто, если ещё выдаётся</translation>
        </message>
        <message>
            <source>e.g. where the specimens came from, what to look at</source>
            <translation>напр., откуда образцы, на что смотреть</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Название</translation>
        </message>
        <message>
            <source>S&amp;eries</source>
            <translation>С&amp;ерия</translation>
        </message>
        <message>
            <source>Issuing &amp;state</source>
            <translation>&amp;Государство выдачи</translation>
        </message>
        <message>
            <source>Document &amp;code</source>
            <translation>&amp;Код документа</translation>
        </message>
        <message>
            <source>&amp;Format</source>
            <translation>&amp;Формат</translation>
        </message>
        <message>
            <source>Issued f&amp;rom</source>
            <translation>Выдаётся &amp;с</translation>
        </message>
        <message>
            <source>Issued &amp;until</source>
            <translation>Выдаётся &amp;до</translation>
        </message>
        <message>
            <source>N&amp;otes</source>
            <translation>&amp;Заметки</translation>
        </message>
        <message>
            <source>The details are kept in the library's audit trail. The annotation (its regions) keeps its version.</source>
            <translation>Сведения записываются в журнал аудита библиотеки. Разметка (её области) сохраняет свою версию.</translation>
        </message>
        <message>
            <source>Save the details</source>
            <translation>Сохранить сведения</translation>
        </message>
        <message>
            <source>A reference needs a name.</source>
            <translation>У эталона должно быть название.</translation>
        </message>
        <message>
            <source>Write the dates of the issue period as YYYY-MM-DD (e.g. 2019-03-01), or leave them empty.</source>
            <translation>Запишите даты периода выдачи как ГГГГ-ММ-ДД (напр., 2019-03-01) или оставьте их пустыми.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceEditor</name>
        <message>
            <source>Portrait</source>
            <translation>Портрет</translation>
        </message>
        <message>
            <source>Ghost image</source>
            <translation>Теневое изображение</translation>
        </message>
        <message>
            <source>MRZ</source>
            <translation>МСЗ</translation>
        </message>
        <message>
            <source>VIZ field</source>
            <translation>Поле ВЗП</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Подпись</translation>
        </message>
        <message>
            <source>Document number</source>
            <translation>Номер документа</translation>
        </message>
        <message>
            <source>UV feature</source>
            <translation>УФ-признак</translation>
        </message>
        <message>
            <source>IR feature</source>
            <translation>ИК-признак</translation>
        </message>
        <message>
            <source>Personalised area</source>
            <translation>Зона персонализации</translation>
        </message>
        <message>
            <source>Fixed design</source>
            <translation>Постоянный дизайн</translation>
        </message>
        <message>
            <source>absorbs (dark)</source>
            <translation>поглощает (тёмный)</translation>
        </message>
        <message>
            <source>drops out</source>
            <translation>исчезает</translation>
        </message>
        <message>
            <source>fluoresces</source>
            <translation>люминесцирует</translation>
        </message>
        <message>
            <source>dull (no glow)</source>
            <translation>тусклый (без свечения)</translation>
        </message>
        <message>
            <source>as on the specimen</source>
            <translation>как на образце</translation>
        </message>
        <message>
            <source>blue</source>
            <translation>синий</translation>
        </message>
        <message>
            <source>green</source>
            <translation>зелёный</translation>
        </message>
        <message>
            <source>yellow</source>
            <translation>жёлтый</translation>
        </message>
        <message>
            <source>orange</source>
            <translation>оранжевый</translation>
        </message>
        <message>
            <source>red</source>
            <translation>красный</translation>
        </message>
        <message>
            <source>violet</source>
            <translation>фиолетовый</translation>
        </message>
        <message>
            <source>white</source>
            <translation>белый</translation>
        </message>
        <message>
            <source>Reference {name}</source>
            <translation>Эталон {name}</translation>
        </message>
        <message>
            <source>&amp;Draw a region</source>
            <translation>&amp;Нарисовать область</translation>
        </message>
        <message>
            <source>Drag on the specimen to add a region (then set its role)</source>
            <translation>Проведите по образцу, чтобы добавить область (затем задайте её роль)</translation>
        </message>
        <message>
            <source>De&amp;lete region</source>
            <translation>&amp;Удалить область</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>Вписать</translation>
        </message>
        <message>
            <source>Double-click a region to zoom to it</source>
            <translation>Дважды щёлкните область, чтобы приблизить её</translation>
        </message>
        <message>
            <source>The colour the region glows in UV light (measured on the specimen, or chosen)</source>
            <translation>Цвет свечения области в УФ-свете (измеренный на образце или выбранный)</translation>
        </message>
        <message>
            <source>Other colour…</source>
            <translation>Другой цвет…</translation>
        </message>
        <message>
            <source>Selected region</source>
            <translation>Выбранная область</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Область</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>&amp;Роль</translation>
        </message>
        <message>
            <source>VIZ &amp;field</source>
            <translation>&amp;Поле ВЗП</translation>
        </message>
        <message>
            <source>In &amp;UV</source>
            <translation>В &amp;УФ</translation>
        </message>
        <message>
            <source>colour not said</source>
            <translation>цвет не указан</translation>
        </message>
        <message>
            <source>In &amp;IR</source>
            <translation>В &amp;ИК</translation>
        </message>
        <message>
            <source>what you corrected (kept with the version)</source>
            <translation>что вы исправили (сохраняется с версией)</translation>
        </message>
        <message>
            <source>&amp;Save as new version</source>
            <translation>&amp;Сохранить как новую версию</translation>
        </message>
        <message>
            <source>Start from the chosen version</source>
            <translation>Начать с выбранной версии</translation>
        </message>
        <message>
            <source>Edit from an earlier version (saving keeps it as the next version)</source>
            <translation>Править с более ранней версии (при сохранении станет следующей версией)</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>Версии</translation>
        </message>
        <message>
            <source>Regions</source>
            <translation>Области</translation>
        </message>
        <message>
            <source>Dashed: found automatically (check it). Solid: drawn or corrected by an examiner.</source>
            <translation>Пунктир: найдено автоматически (проверьте). Сплошная: нарисовано или исправлено экспертом.</translation>
        </message>
        <message>
            <source>type not known</source>
            <translation>тип неизвестен</translation>
        </message>
        <message>
            <source> to </source>
            <translation> – </translation>
        </message>
        <message>
            <source>, series {series}</source>
            <translation>, серия {series}</translation>
        </message>
        <message>
            <source>, issued {period}</source>
            <translation>, выдача {period}</translation>
        </message>
        <message numerus="yes">
            <source>%n specimen(s)</source>
            <translation>
                <numerusform>%n образец</numerusform>
                <numerusform>%n образца</numerusform>
                <numerusform>%n образцов</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;b&gt;synthetic&lt;/b&gt; (the generator's)</source>
            <translation>&lt;b&gt;синтетический&lt;/b&gt; (генератора)</translation>
        </message>
        <message numerus="yes">
            <source>%n regions</source>
            <translation>
                <numerusform>%n область</numerusform>
                <numerusform>%n области</numerusform>
                <numerusform>%n областей</numerusform>
            </translation>
        </message>
        <message>
            <source>no note</source>
            <translation>без примечания</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Эталон</translation>
        </message>
        <message>
            <source>Reference {name} has no specimen to annotate.</source>
            <translation>У эталона {name} нет образца для разметки.</translation>
        </message>
        <message>
            <source>Opening the reference {name}</source>
            <translation>Открытие эталона {name}</translation>
        </message>
        <message>
            <source>The specimen's images could not be read: {error}</source>
            <translation>Не удалось прочитать изображения образца: {error}</translation>
        </message>
        <message>
            <source>automatic</source>
            <translation>автоматически</translation>
        </message>
        <message>
            <source>examiner</source>
            <translation>эксперт</translation>
        </message>
        <message>
            <source> (changed, not saved)</source>
            <translation> (изменено, не сохранено)</translation>
        </message>
        <message>
            <source>Editing from version {version}</source>
            <translation>Правка с версии {version}</translation>
        </message>
        <message>
            <source>No annotation yet</source>
            <translation>Разметки ещё нет</translation>
        </message>
        <message>
            <source>none chosen: click a region</source>
            <translation>ничего не выбрано: щёлкните область</translation>
        </message>
        <message>
            <source>Found automatically (confidence {confidence}); a change makes it the examiner's.</source>
            <translation>Найдено автоматически (уверенность {confidence}); после изменения считается экспертным.</translation>
        </message>
        <message>
            <source>Drawn or corrected by an examiner.</source>
            <translation>Нарисовано или исправлено экспертом.</translation>
        </message>
        <message>
            <source>The colour it glows in UV</source>
            <translation>Цвет свечения в УФ</translation>
        </message>
        <message>
            <source>Save the annotation</source>
            <translation>Сохранить разметку</translation>
        </message>
        <message>
            <source>The new version was not kept: {error}</source>
            <translation>Новая версия не сохранена: {error}</translation>
        </message>
    </context>
    <context>
        <name>ReferenceLibraryDialog</name>
        <message>
            <source>Name</source>
            <translation>Название</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Государство</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Код</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Формат</translation>
        </message>
        <message>
            <source>Series</source>
            <translation>Серия</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>Выдача</translation>
        </message>
        <message>
            <source>Specimens</source>
            <translation>Образцы</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Версия</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Вид</translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>synthetic</source>
            <translation>синтетический</translation>
        </message>
        <message>
            <source>genuine</source>
            <translation>подлинный</translation>
        </message>
        <message>
            <source>Reference library</source>
            <translation>Библиотека эталонов</translation>
        </message>
        <message>
            <source>Search: state, document code, format or name (e.g. UTO P TD3)</source>
            <translation>Поиск: государство, код документа, формат или название (напр., UTO P TD3)</translation>
        </message>
        <message>
            <source>Drop a genuine specimen's folder (visible.*, uv.*, ir.*) or its captures here to make a reference. The generator's references are marked synthetic.</source>
            <translation>Перетащите сюда папку подлинного образца (visible.*, uv.*, ir.*) или его снимки, чтобы создать эталон. Эталоны генератора помечены как синтетические.</translation>
        </message>
        <message>
            <source>New from &amp;captures…</source>
            <translation>Новый из &amp;снимков…</translation>
        </message>
        <message>
            <source>Make a reference from the captures of a genuine specimen (a folder, or files)</source>
            <translation>Создать эталон из снимков подлинного образца (папка или файлы)</translation>
        </message>
        <message>
            <source>From the open &amp;case</source>
            <translation>Из открытого &amp;дела</translation>
        </message>
        <message>
            <source>Use the open case's document as a genuine specimen of a new reference</source>
            <translation>Использовать документ открытого дела как подлинный образец нового эталона</translation>
        </message>
        <message>
            <source>Generator's &amp;design…</source>
            <translation>&amp;Образец генератора…</translation>
        </message>
        <message>
            <source>Add a design of the generator (synthetic), e.g. UTO-TD3 or CSP-TD1-3</source>
            <translation>Добавить образец генератора (синтетический), напр., UTO-TD3 или CSP-TD1-3</translation>
        </message>
        <message>
            <source>De&amp;tails…</source>
            <translation>Свед&amp;ения…</translation>
        </message>
        <message>
            <source>Edit the chosen reference's name, series, state, code, format, issue period and notes</source>
            <translation>Изменить название, серию, государство, код, формат, период выдачи и заметки выбранного эталона</translation>
        </message>
        <message>
            <source>Add &amp;specimen</source>
            <translation>Добавить о&amp;бразец</translation>
        </message>
        <message>
            <source>Add a further genuine specimen (another holder's document) to the chosen reference; its personalised areas are learnt again</source>
            <translation>Добавить к выбранному эталону ещё один подлинный образец (документ другого владельца); зоны персонализации определяются заново</translation>
        </message>
        <message>
            <source>From captures…</source>
            <translation>Из снимков…</translation>
        </message>
        <message>
            <source>From the open case</source>
            <translation>Из открытого дела</translation>
        </message>
        <message>
            <source>&amp;Open in editor</source>
            <translation>&amp;Открыть в редакторе</translation>
        </message>
        <message>
            <source>&amp;Use for comparison</source>
            <translation>&amp;Использовать для сравнения</translation>
        </message>
        <message>
            <source>Compare the open case with this reference (its current annotation version)</source>
            <translation>Сравнить открытое дело с этим эталоном (его текущая версия разметки)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>The library could not be read: {error}</source>
            <translation>Не удалось прочитать библиотеку: {error}</translation>
        </message>
        <message>
            <source>Drawing the references' thumbnails</source>
            <translation>Отрисовка миниатюр эталонов</translation>
        </message>
        <message>
            <source>made by the generator (synthetic), not from a genuine document</source>
            <translation>создан генератором (синтетический), а не по подлинному документу</translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation>{shown} из {total}</translation>
        </message>
        <message>
            <source>A genuine specimen's folder (visible.*, uv.*, ir.*)</source>
            <translation>Папка подлинного образца (visible.*, uv.*, ir.*)</translation>
        </message>
        <message>
            <source>the open case's captures (case {case})</source>
            <translation>снимки открытого дела (дело {case})</translation>
        </message>
        <message>
            <source>Making the reference {name}</source>
            <translation>Создание эталона {name}</translation>
        </message>
        <message>
            <source>Making the reference {name}…</source>
            <translation>Создание эталона {name}…</translation>
        </message>
        <message>
            <source>New reference</source>
            <translation>Новый эталон</translation>
        </message>
        <message>
            <source>The reference was not made: {error}</source>
            <translation>Эталон не создан: {error}</translation>
        </message>
        <message>
            <source>The generator's design</source>
            <translation>Образец генератора</translation>
        </message>
        <message>
            <source>Design (its code; type to search):</source>
            <translation>Образец (его код; введите для поиска):</translation>
        </message>
        <message>
            <source>Adding the design {code}</source>
            <translation>Добавление образца {code}</translation>
        </message>
        <message>
            <source>Adding the design {code}…</source>
            <translation>Добавление образца {code}…</translation>
        </message>
        <message>
            <source>Generator's design</source>
            <translation>Образец генератора</translation>
        </message>
        <message>
            <source>The design was not added: {error}</source>
            <translation>Образец не добавлен: {error}</translation>
        </message>
        <message>
            <source>Reference details</source>
            <translation>Сведения об эталоне</translation>
        </message>
        <message>
            <source>The reference could not be read: {error}</source>
            <translation>Не удалось прочитать эталон: {error}</translation>
        </message>
        <message>
            <source>The details were not saved: {error}</source>
            <translation>Сведения не сохранены: {error}</translation>
        </message>
        <message>
            <source>Adding a specimen to {name}</source>
            <translation>Добавление образца к {name}</translation>
        </message>
        <message>
            <source>Adding a specimen to {name}…</source>
            <translation>Добавление образца к {name}…</translation>
        </message>
        <message>
            <source>Add a specimen</source>
            <translation>Добавить образец</translation>
        </message>
        <message>
            <source>The specimen was not added: {error}</source>
            <translation>Образец не добавлен: {error}</translation>
        </message>
    </context>
    <context>
        <name>ReferencePicker</name>
        <message>
            <source>synthetic</source>
            <translation>синтетический</translation>
        </message>
        <message>
            <source>genuine</source>
            <translation>подлинный</translation>
        </message>
        <message>
            <source>not annotated</source>
            <translation>без разметки</translation>
        </message>
        <message>
            <source>Reference from the library</source>
            <translation>Эталон из библиотеки</translation>
        </message>
        <message>
            <source>Use</source>
            <translation>Использовать</translation>
        </message>
        <message>
            <source>Compare the open case with the reference chosen here (its current annotation version)</source>
            <translation>Сравнить открытое дело с выбранным здесь эталоном (его текущая версия разметки)</translation>
        </message>
        <message>
            <source>Library…</source>
            <translation>Библиотека…</translation>
        </message>
        <message>
            <source>Browse the whole library, or make a reference</source>
            <translation>Просмотреть всю библиотеку или создать эталон</translation>
        </message>
        <message>
            <source>Proposed: </source>
            <translation>Предложено: </translation>
        </message>
        <message>
            <source>&lt;b&gt;{reference}&lt;/b&gt; proposed: {why}.</source>
            <translation>Предлагается &lt;b&gt;{reference}&lt;/b&gt;: {why}.</translation>
        </message>
        <message>
            <source>In use: {reference}</source>
            <translation>Используется: {reference}</translation>
        </message>
    </context>
    <context>
        <name>Review</name>
        <message>
            <source>draft</source>
            <translation>проект</translation>
        </message>
        <message>
            <source>submitted for review</source>
            <translation>отправлено на проверку</translation>
        </message>
        <message>
            <source>reviewed: agreed</source>
            <translation>проверено: согласовано</translation>
        </message>
        <message>
            <source>reviewed: returned with comments</source>
            <translation>проверено: возвращено с замечаниями</translation>
        </message>
        <message>
            <source>issued</source>
            <translation>выпущено</translation>
        </message>
        <message>
            <source>Open a case first.</source>
            <translation>Сначала откройте дело.</translation>
        </message>
        <message>
            <source>The case store can only be read here.</source>
            <translation>Базу дел здесь можно только читать.</translation>
        </message>
        <message>
            <source>Sign in first (File &gt; Sign out / switch user).</source>
            <translation>Сначала войдите (Файл &gt; Выйти / сменить пользователя).</translation>
        </message>
        <message>
            <source>You have no signing key that is not revoked: an administrator makes you one (docexam key create).</source>
            <translation>У вас нет неотозванного ключа подписи: администратор создаст его (docexam key create).</translation>
        </message>
        <message>
            <source>Record a verdict first: the review checks the conclusion.</source>
            <translation>Сначала запишите вывод: проверяется именно он.</translation>
        </message>
        <message>
            <source>The case is submitted already, reviewed or issued.</source>
            <translation>Дело уже отправлено, проверено или выпущено.</translation>
        </message>
        <message>
            <source>Only a case submitted for review is reviewed.</source>
            <translation>Проверяется только дело, отправленное на проверку.</translation>
        </message>
        <message>
            <source>This is your own case (you examined it, or recorded or submitted its verdict): a second examiner reviews it.</source>
            <translation>Это ваше собственное дело (вы его исследовали, записали или отправили вывод): его проверяет второй эксперт.</translation>
        </message>
        <message>
            <source>A report is issued only after a reviewer agreed with the conclusion: submit the case for review first.</source>
            <translation>Заключение выпускается только после согласия проверяющего с выводом: сначала отправьте дело на проверку.</translation>
        </message>
        <message>
            <source>The case is issued: its conclusion and report stand, and nothing more is recorded in it.</source>
            <translation>Дело выпущено: его вывод и заключение окончательны, в него больше ничего не записывается.</translation>
        </message>
        <message>
            <source>Your role ({role}) may not do this; only: {roles}.</source>
            <translation>Ваша роль ({role}) не позволяет это сделать; можно только: {roles}.</translation>
        </message>
        <message>
            <source>Status: &lt;b&gt;{state}&lt;/b&gt;</source>
            <translation>Состояние: &lt;b&gt;{state}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Conclusion: {verdict}, {fraud}, confidence {confidence}</source>
            <translation>Вывод: {verdict}, {fraud}, уверенность: {confidence}</translation>
        </message>
        <message>
            <source>no fraud type</source>
            <translation>вид подделки не указан</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>не указана</translation>
        </message>
        <message>
            <source>Submitted by {who}, {when} UTC</source>
            <translation>Отправил: {who}, {when} UTC</translation>
        </message>
        <message>
            <source>Reviewer: {who}, {when} UTC</source>
            <translation>Проверяющий: {who}, {when} UTC</translation>
        </message>
        <message>
            <source>Issued by {who}, {when} UTC</source>
            <translation>Выпустил: {who}, {when} UTC</translation>
        </message>
        <message>
            <source>{who} agreed, {when} UTC</source>
            <translation>{who}: согласовано, {when} UTC</translation>
        </message>
        <message>
            <source>{who} returned it, {when} UTC</source>
            <translation>{who}: возвращено, {when} UTC</translation>
        </message>
        <message>
            <source>no comment</source>
            <translation>без замечаний</translation>
        </message>
    </context>
    <context>
        <name>ReviewBox</name>
        <message>
            <source>Review</source>
            <translation>Проверка</translation>
        </message>
        <message>
            <source>Submit for review</source>
            <translation>На проверку</translation>
        </message>
        <message>
            <source>Agree</source>
            <translation>Согласовать</translation>
        </message>
        <message>
            <source>Return…</source>
            <translation>Вернуть…</translation>
        </message>
        <message>
            <source>Issue</source>
            <translation>Выпустить</translation>
        </message>
        <message>
            <source>Send the conclusion to a second examiner for technical review</source>
            <translation>Отправить вывод второму эксперту на техническую проверку</translation>
        </message>
        <message>
            <source>Agree with the conclusion</source>
            <translation>Согласиться с выводом</translation>
        </message>
        <message>
            <source>Return the conclusion to the examiner with your comments</source>
            <translation>Вернуть вывод эксперту с вашими замечаниями</translation>
        </message>
        <message>
            <source>Issue the case: its report becomes final</source>
            <translation>Выпустить дело: его заключение становится окончательным</translation>
        </message>
        <message>
            <source>Return with comments</source>
            <translation>Вернуть с замечаниями</translation>
        </message>
        <message>
            <source>What should the examiner look at again? (they read it beside the findings)</source>
            <translation>Что эксперту следует проверить ещё раз? (он прочтёт это рядом с признаками)</translation>
        </message>
        <message>
            <source>Submitted for review.</source>
            <translation>Отправлено на проверку.</translation>
        </message>
        <message>
            <source>The case was not submitted: {error}</source>
            <translation>Дело не отправлено: {error}</translation>
        </message>
        <message>
            <source>You agreed with the conclusion.</source>
            <translation>Вы согласились с выводом.</translation>
        </message>
        <message>
            <source>The review was not recorded: {error}</source>
            <translation>Проверка не записана: {error}</translation>
        </message>
        <message>
            <source>The case was not returned: say what should be looked at again.</source>
            <translation>Дело не возвращено: напишите, что проверить ещё раз.</translation>
        </message>
        <message>
            <source>Returned to the examiner with your comments.</source>
            <translation>Возвращено эксперту с вашими замечаниями.</translation>
        </message>
        <message>
            <source>The case is issued: its report is final.</source>
            <translation>Дело выпущено: его заключение окончательно.</translation>
        </message>
        <message>
            <source>The case was not issued: {error}</source>
            <translation>Дело не выпущено: {error}</translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueDialog</name>
        <message>
            <source>Case</source>
            <translation>Дело</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Название</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Вывод</translation>
        </message>
        <message>
            <source>Submitted by</source>
            <translation>Отправил</translation>
        </message>
        <message>
            <source>Submitted (UTC)</source>
            <translation>Отправлено (UTC)</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Проверка</translation>
        </message>
        <message>
            <source>Review queue</source>
            <translation>Очередь проверки</translation>
        </message>
        <message>
            <source>Open the case</source>
            <translation>Открыть дело</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Обновить</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>You may open these cases, not review them: {why}</source>
            <translation>Вы можете открыть эти дела, но не проверять их: {why}</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) awaiting review, oldest first. Open one to agree with its conclusion or return it with comments.</source>
            <translation>
                <numerusform>%n дело ждёт проверки, старые первыми. Откройте дело, чтобы согласиться с выводом или вернуть его с замечаниями.</numerusform>
                <numerusform>%n дела ждут проверки, старые первыми. Откройте дело, чтобы согласиться с выводом или вернуть его с замечаниями.</numerusform>
                <numerusform>%n дел ждут проверки, старые первыми. Откройте дело, чтобы согласиться с выводом или вернуть его с замечаниями.</numerusform>
            </translation>
        </message>
        <message>
            <source>your own: another reviewer</source>
            <translation>ваше: проверяет другой</translation>
        </message>
        <message>
            <source>awaiting you</source>
            <translation>ждёт вас</translation>
        </message>
        <message>
            <source>No case awaits review.</source>
            <translation>Нет дел, ждущих проверки.</translation>
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>administrator</source>
            <translation>администратор</translation>
        </message>
        <message>
            <source>examiner</source>
            <translation>эксперт</translation>
        </message>
        <message>
            <source>reviewer</source>
            <translation>проверяющий</translation>
        </message>
        <message>
            <source>trainer</source>
            <translation>инструктор</translation>
        </message>
        <message>
            <source>trainee</source>
            <translation>стажёр</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in to docexam</source>
            <translation>Вход в docexam</translation>
        </message>
        <message>
            <source>This case store keeps accounts: everything you record is signed with your key and kept under your name.</source>
            <translation>В этой базе дел есть учётные записи: всё, что вы записываете, подписывается вашим ключом и хранится под вашим именем.</translation>
        </message>
        <message>
            <source>Case store: {where}</source>
            <translation>База дел: {where}</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Войти</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Имя пользователя</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Парольная фраза</translation>
        </message>
        <message>
            <source>Give your user name.</source>
            <translation>Укажите имя пользователя.</translation>
        </message>
        <message>
            <source>The account {name} is disabled: an administrator can say why.</source>
            <translation>Учётная запись {name} отключена: причину знает администратор.</translation>
        </message>
        <message>
            <source>Cannot sign in as {name}: no such account, or a wrong passphrase. Try again.</source>
            <translation>Не удалось войти как {name}: нет такой учётной записи или неверная парольная фраза. Попробуйте ещё раз.</translation>
        </message>
    </context>
    <context>
        <name>TraineePanel</name>
        <message>
            <source>No pack open</source>
            <translation>Пакет не открыт</translation>
        </message>
        <message>
            <source>— not judged —</source>
            <translation>— без оценки —</translation>
        </message>
        <message>
            <source>width</source>
            <translation>ширина</translation>
        </message>
        <message>
            <source>height</source>
            <translation>высота</translation>
        </message>
        <message>
            <source>— kind not given —</source>
            <translation>— вид не указан —</translation>
        </message>
        <message>
            <source>Add mark</source>
            <translation>Добавить отметку</translation>
        </message>
        <message>
            <source>Remove mark</source>
            <translation>Удалить отметку</translation>
        </message>
        <message>
            <source>trainee's name</source>
            <translation>имя обучаемого</translation>
        </message>
        <message>
            <source>Submit for scoring</source>
            <translation>Отправить на оценку</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Документ</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Вывод</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Ключ</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>Найдено</translation>
        </message>
        <message>
            <source>False marks</source>
            <translation>Ложные отметки</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Документы</translation>
        </message>
        <message>
            <source>Your answer for this document</source>
            <translation>Ваш ответ по этому документу</translation>
        </message>
        <message>
            <source>Drag on the image to mark a region in the light shown, or type its box:</source>
            <translation>Проведите по изображению, чтобы отметить область в показанном освещении, или введите её рамку:</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Результат</translation>
        </message>
        <message>
            <source>What the key says of this document:</source>
            <translation>Что говорит ключ об этом документе:</translation>
        </message>
        <message numerus="yes">
            <source>Pack: {pack}  (%n documents)</source>
            <translation>
                <numerusform>Пакет: {pack}  (%n документ)</numerusform>
                <numerusform>Пакет: {pack}  (%n документа)</numerusform>
                <numerusform>Пакет: {pack}  (%n документов)</numerusform>
            </translation>
        </message>
        <message>
            <source>Open a pack first.</source>
            <translation>Сначала откройте пакет.</translation>
        </message>
        <message>
            <source>The mark was not added: {error}</source>
            <translation>Отметка не добавлена: {error}</translation>
        </message>
        <message>
            <source>Choose a mark to remove.</source>
            <translation>Выберите отметку для удаления.</translation>
        </message>
        <message>
            <source>x {x}, y {y}, {w} × {h}</source>
            <translation>x {x}, y {y}, {w} × {h}</translation>
        </message>
        <message>
            <source>Enter the trainee's name: the attempt is kept under it.</source>
            <translation>Введите имя обучаемого: попытка сохраняется под ним.</translation>
        </message>
        <message>
            <source>The attempt could not be scored: {error}</source>
            <translation>Попытку не удалось оценить: {error}</translation>
        </message>
        <message>
            <source>Scored, but the attempt was not kept: {error}</source>
            <translation>Оценено, но попытка не сохранена: {error}</translation>
        </message>
        <message>
            <source>Attempt kept for {trainee}.</source>
            <translation>Попытка сохранена для {trainee}.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Score {score}/100&lt;/b&gt;: {right}/{documents} verdicts right, {found}/{alterations} alterations found, {false} false mark(s), {unanswered} unanswered</source>
            <translation>&lt;b&gt;Оценка {score}/100&lt;/b&gt;: верных выводов {right}/{documents}, найдено изменений {found}/{alterations}, ложных отметок {false}, без ответа {unanswered}</translation>
        </message>
        <message>
            <source>right</source>
            <translation>верно</translation>
        </message>
        <message>
            <source>wrong ({answer})</source>
            <translation>неверно ({answer})</translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>The answer key is not shown to a trainee: your trainer goes through it.</source>
            <translation>Ключ ответов стажёру не показывается: его разберёт ваш инструктор.</translation>
        </message>
        <message>
            <source>{verdict}: no alteration</source>
            <translation>{verdict}: изменений нет</translation>
        </message>
        <message>
            <source>{kind} in {lights}: x {x}, y {y}, {w} × {h}</source>
            <translation>{kind}, освещение: {lights}: x {x}, y {y}, {w} × {h}</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Сохранить</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Сохранить все</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Открыть</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Да</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Да для &amp;всех</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Нет</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>Н&amp;ет для всех</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Прервать</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Повторить</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Пропустить</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Не сохранять</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Справка</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Применить</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Сбросить</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>По умолчанию</translation>
        </message>
    </context>
    <context>
        <name>QGnomeTheme</name>
        <message>
            <source>&amp;OK</source>
            <translation>&amp;OK</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Сохранить</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>От&amp;мена</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Закрыть</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translation>Закрыть без сохранения</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Показать подробности...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Скрыть подробности...</translation>
        </message>
    </context>
    <context>
        <name>ChecksDialog</name>
        <message>
            <source>Checks performed</source>
            <translation>Выполненные проверки</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Освещение</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Проверка</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Результат</translation>
        </message>
        <message>
            <source>document</source>
            <translation>документ</translation>
        </message>
        <message>
            <source>Checks not recorded: this comparison was stored by an earlier version of docexam, which did not record which checks ran. A light without findings shows only that nothing was found; compare again for the list of checks and their outcome.</source>
            <translation>Проверки не записаны: это сравнение сохранено более ранней версией docexam, которая не записывала, какие проверки выполнялись. Освещение без признаков показывает лишь, что ничего не найдено; сравните заново, чтобы получить список проверок и их результаты.</translation>
        </message>
        <message>
            <source>What the comparison could not check</source>
            <translation>Что сравнение не смогло проверить</translation>
        </message>
        <message>
            <source>"passed": the check ran and found nothing at or above the reporting level.</source>
            <translation>«пройдена»: проверка выполнена и не выявила ничего на уровне регистрации или выше.</translation>
        </message>
        <message>
            <source>registered</source>
            <translation>совмещено</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>пройдена</translation>
        </message>
        <message numerus="yes">
            <source>%n alarm(s)</source>
            <translation>
                <numerusform>%n тревога</numerusform>
                <numerusform>%n тревоги</numerusform>
                <numerusform>%n тревог</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n note(s)</source>
            <translation>
                <numerusform>%n замечание</numerusform>
                <numerusform>%n замечания</numerusform>
                <numerusform>%n замечаний</numerusform>
            </translation>
        </message>
        <message>
            <source>Checks not recorded</source>
            <translation>Проверки не записаны</translation>
        </message>
        <message numerus="yes">
            <source>%n check(s) passed</source>
            <translation>
                <numerusform>Пройдено проверок: %n</numerusform>
                <numerusform>Пройдено проверок: %n</numerusform>
                <numerusform>Пройдено проверок: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with alarms</source>
            <translation>
                <numerusform>с тревогами: %n</numerusform>
                <numerusform>с тревогами: %n</numerusform>
                <numerusform>с тревогами: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with notes only</source>
            <translation>
                <numerusform>только с замечаниями: %n</numerusform>
                <numerusform>только с замечаниями: %n</numerusform>
                <numerusform>только с замечаниями: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n thing(s) not checked</source>
            <translation>
                <numerusform>не проверено: %n</numerusform>
                <numerusform>не проверено: %n</numerusform>
                <numerusform>не проверено: %n</numerusform>
            </translation>
        </message>
    </context>
</TS>
