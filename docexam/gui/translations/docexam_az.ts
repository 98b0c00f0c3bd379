<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="az">
    <context>
        <name>AddSpecimenDialog</name>
        <message>
            <source>Add a specimen</source>
            <translation>Nümunə əlavə et</translation>
        </message>
        <message>
            <source>dpi</source>
            <translation>dpi</translation>
        </message>
        <message>
            <source>as the images record it</source>
            <translation>təsvirlərdə qeyd olunduğu kimi</translation>
        </message>
        <message>
            <source>e.g. genuine document of another holder</source>
            <translation>məs., başqa sahibin həqiqi sənədi</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Etalon</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Çəkilişlər</translation>
        </message>
        <message>
            <source>&amp;Resolution</source>
            <translation>&amp;Ayırdetmə</translation>
        </message>
        <message>
            <source>&amp;Provenance</source>
            <translation>&amp;Mənşə</translation>
        </message>
        <message>
            <source>A genuine document of the same design, of another holder. With two or more specimens the personalised areas are learnt from where they differ, and kept as a new annotation version.</source>
            <translation>Eyni dizaynda, başqa sahibin həqiqi sənədi. İki və ya daha çox nümunə olduqda fərdiləşdirilmiş sahələr onların fərqləndiyi yerlərdən öyrənilir və yeni annotasiya versiyası kimi saxlanılır.</translation>
        </message>
        <message>
            <source>Add the specimen</source>
            <translation>Nümunəni əlavə et</translation>
        </message>
    </context>
    <context>
        <name>AdjustPanel</name>
        <message>
            <source>all</source>
            <translation>hamısı</translation>
        </message>
        <message>
            <source>red</source>
            <translation>qırmızı</translation>
        </message>
        <message>
            <source>green</source>
            <translation>yaşıl</translation>
        </message>
        <message>
            <source>blue</source>
            <translation>göy</translation>
        </message>
        <message>
            <source>grey</source>
            <translation>boz</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Sıfırla</translation>
        </message>
        <message>
            <source>Brightness</source>
            <translation>Parlaqlıq</translation>
        </message>
        <message>
            <source>Contrast</source>
            <translation>Kontrast</translation>
        </message>
        <message>
            <source>Gamma</source>
            <translation>Qamma</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
    </context>
    <context>
        <name>CaseBrowser</name>
        <message>
            <source>Reference</source>
            <translation>Nömrə</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Başlıq</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Rəy</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Çəkilişlər</translation>
        </message>
        <message>
            <source>Examiner</source>
            <translation>Ekspert</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Dəyişdirilib</translation>
        </message>
        <message>
            <source>Search reference, title, number or holder</source>
            <translation>Nömrə, başlıq, sənəd nömrəsi və ya sahibi üzrə axtarış</translation>
        </message>
        <message>
            <source>exact</source>
            <translation>dəqiq</translation>
        </message>
        <message>
            <source>words of the name</source>
            <translation>adın sözləri</translation>
        </message>
        <message>
            <source>e.g. UTO</source>
            <translation>məs., UTO</translation>
        </message>
        <message>
            <source>any verdict</source>
            <translation>istənilən rəy</translation>
        </message>
        <message>
            <source>no verdict yet</source>
            <translation>hələ rəy yoxdur</translation>
        </message>
        <message>
            <source>Opened between</source>
            <translation>Açılma tarixi:</translation>
        </message>
        <message>
            <source>New case…</source>
            <translation>Yeni iş…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Aç</translation>
        </message>
        <message>
            <source>Document number</source>
            <translation>Sənədin nömrəsi</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>Sahibi</translation>
        </message>
        <message>
            <source>Issuing state</source>
            <translation>Verən dövlət</translation>
        </message>
        <message>
            <source>and</source>
            <translation>və</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n iş</numerusform>
                <numerusform>%n iş</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasePanel</name>
        <message>
            <source>No case open</source>
            <translation>Açıq iş yoxdur</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— seçin —</translation>
        </message>
        <message>
            <source>why (required; goes into the audit trail)</source>
            <translation>səbəb (məcburi; audit jurnalına düşür)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>yoxdur</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>göstərilməyib</translation>
        </message>
        <message>
            <source>Record verdict</source>
            <translation>Rəyi qeyd et</translation>
        </message>
        <message>
            <source>Withdraw…</source>
            <translation>Geri götür…</translation>
        </message>
        <message>
            <source>Withdraw the recorded verdict, saying why: the case is reopened for review</source>
            <translation>Qeyd olunmuş rəyi səbəbini göstərərək geri götür: iş yenidən baxılmaq üçün açılır</translation>
        </message>
        <message>
            <source>add a note and press Enter</source>
            <translation>qeyd əlavə edib Enter basın</translation>
        </message>
        <message>
            <source>Open an entry to see what it recorded</source>
            <translation>Nəyin qeydə alındığını görmək üçün yazını açın</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Rəy</translation>
        </message>
        <message>
            <source>Fraud type</source>
            <translation>Saxtakarlıq növü</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>Əminlik</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Səbəb</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Qeydlər</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Çəkilişlər</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Audit jurnalı</translation>
        </message>
        <message>
            <source>examiner {examiner}, {status}</source>
            <translation>ekspert {examiner}, {status}</translation>
        </message>
        <message>
            <source>No verdict recorded yet.</source>
            <translation>Hələ rəy qeyd olunmayıb.</translation>
        </message>
        <message>
            <source>recorded without a reason</source>
            <translation>səbəbsiz qeyd olunub</translation>
        </message>
        <message>
            <source>Recorded: &lt;b&gt;{verdict}&lt;/b&gt;&lt;br&gt;Reason: {reason}&lt;br&gt;&lt;small&gt;by {examiner}, {when} UTC — case {status}&lt;/small&gt;</source>
            <translation>Qeyd olunub: &lt;b&gt;{verdict}&lt;/b&gt;&lt;br&gt;Səbəb: {reason}&lt;br&gt;&lt;small&gt;{examiner}, {when} UTC — iş {status}&lt;/small&gt;</translation>
        </message>
        <message>
            <source>Record without a reason?</source>
            <translation>Səbəbsiz qeyd edilsin?</translation>
        </message>
        <message>
            <source>Record the verdict “{verdict}” without a reason?

The audit trail and the report will say that no reason was given.</source>
            <translation>«{verdict}» rəyi səbəbsiz qeyd edilsin?

Audit jurnalında və hesabatda səbəbin göstərilmədiyi yazılacaq.</translation>
        </message>
        <message>
            <source>Withdraw the verdict</source>
            <translation>Rəyi geri götür</translation>
        </message>
        <message>
            <source>Why is the verdict “{verdict}” withdrawn? (goes into the audit trail)</source>
            <translation>«{verdict}» rəyi niyə geri götürülür? (audit jurnalına düşür)</translation>
        </message>
        <message>
            <source>Choose a verdict first.</source>
            <translation>Əvvəlcə rəyi seçin.</translation>
        </message>
        <message>
            <source>The verdict was not recorded: {error}</source>
            <translation>Rəy qeyd olunmadı: {error}</translation>
        </message>
        <message>
            <source>The verdict was not withdrawn: say why (it goes into the audit trail).</source>
            <translation>Rəy geri götürülmədi: səbəbini göstərin (audit jurnalına düşür).</translation>
        </message>
        <message>
            <source>The verdict was not withdrawn: {error}</source>
            <translation>Rəy geri götürülmədi: {error}</translation>
        </message>
        <message>
            <source>The note was not added: {error}</source>
            <translation>Qeyd əlavə olunmadı: {error}</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>No case is open.</source>
            <translation>Açıq iş yoxdur.</translation>
        </message>
        <message>
            <source>This case has no capture in {light}.</source>
            <translation>Bu işdə {light} altında çəkiliş yoxdur.</translation>
        </message>
        <message>
            <source>The {light} capture cannot be shown: {reason}.</source>
            <translation>{light} altında çəkiliş göstərilə bilmir: {reason}.</translation>
        </message>
        <message>
            <source>No difference map yet: compare the case with its reference specimen to see where it differs.</source>
            <translation>Fərq xəritəsi hələ yoxdur: fərqli yerləri görmək üçün işi etalon nümunə ilə müqayisə edin.</translation>
        </message>
        <message>
            <source>The comparison has no difference map in {light}.</source>
            <translation>Müqayisədə {light} altında fərq xəritəsi yoxdur.</translation>
        </message>
        <message>
            <source>No reference image in {light}: load the reference specimen.</source>
            <translation>{light} altında etalon təsviri yoxdur: etalon nümunəni yükləyin.</translation>
        </message>
        <message>
            <source>Not compared yet: the capture is not aligned with the reference.</source>
            <translation>Hələ müqayisə olunmayıb: çəkiliş etalonla uzlaşdırılmayıb.</translation>
        </message>
        <message>
            <source>Questioned over reference ({opacity}), {light}</source>
            <translation>Etalon üzərində tədqiq olunan ({opacity}), {label}</translation>
        </message>
        <message>
            <source>Reference | questioned, {light}</source>
            <translation>Etalon | tədqiq olunan, {label}</translation>
        </message>
        <message>
            <source>Reference, {light}</source>
            <translation>Etalon, {label}</translation>
        </message>
        <message>
            <source>Questioned, {light}</source>
            <translation>Tədqiq olunan, {label}</translation>
        </message>
        <message>
            <source>Difference map, {light}</source>
            <translation>Fərq xəritəsi, {label}</translation>
        </message>
    </context>
    <context>
        <name>CompositeCanvas</name>
        <message>
            <source>Difference from the specimen</source>
            <translation>Nümunədən fərq</translation>
        </message>
        <message>
            <source>0 same</source>
            <translation>0 eyni</translation>
        </message>
        <message>
            <source>1 different</source>
            <translation>1 fərqli</translation>
        </message>
    </context>
    <context>
        <name>EvidenceDialog</name>
        <message>
            <source>Evidence: {kind}</source>
            <translation>Sübut: {kind}</translation>
        </message>
    </context>
    <context>
        <name>ExerciseView</name>
        <message>
            <source>Draw marks</source>
            <translation>Qeydlər çək</translation>
        </message>
        <message>
            <source>Drag on the questioned image to mark a suspicious region in the light shown (off: a drag pans; the middle button always pans)</source>
            <translation>Göstərilən işıqda şübhəli sahəni qeyd etmək üçün tədqiq olunan təsvir üzərində dartın (söndürüldükdə dartma sürüşdürür; orta düymə həmişə sürüşdürür)</translation>
        </message>
        <message>
            <source>Choose a document in the Exercise panel.</source>
            <translation>Tapşırıq panelində sənəd seçin.</translation>
        </message>
        <message>
            <source>Opening {document}…</source>
            <translation>{document} açılır…</translation>
        </message>
        <message>
            <source>No reference specimen for this document.</source>
            <translation>Bu sənəd üçün etalon nümunə yoxdur.</translation>
        </message>
        <message>
            <source>Reference {name}, {light}</source>
            <translation>Etalon {name}, {light}</translation>
        </message>
        <message>
            <source>Exercise</source>
            <translation>Tapşırıq</translation>
        </message>
    </context>
    <context>
        <name>FindingsPanel</name>
        <message>
            <source>differs from the reference</source>
            <translation>etalondan fərqlənir</translation>
        </message>
        <message>
            <source>paper glows under UV</source>
            <translation>kağız UB-da işıldayır</translation>
        </message>
        <message>
            <source>UV feature missing or weak</source>
            <translation>UB əlaməti yoxdur və ya zəifdir</translation>
        </message>
        <message>
            <source>unexpected UV fluorescence</source>
            <translation>gözlənilməz UB lüminessensiyası</translation>
        </message>
        <message>
            <source>stays dark in IR (should drop out)</source>
            <translation>İQ-da tünd qalır (görünməməli idi)</translation>
        </message>
        <message>
            <source>fades in IR (should stay dark)</source>
            <translation>İQ-da solur (tünd qalmalı idi)</translation>
        </message>
        <message>
            <source>characters fade in IR (B900 ink expected)</source>
            <translation>simvollar İQ-da solur (B900 mürəkkəbi gözlənilir)</translation>
        </message>
        <message>
            <source>portrait differs (substitution?)</source>
            <translation>portret fərqlənir (dəyişdirilib?)</translation>
        </message>
        <message>
            <source>VIZ field erased or re-printed</source>
            <translation>VIZ sahəsi silinib və ya yenidən çap olunub</translation>
        </message>
        <message>
            <source>MRZ check digit fails</source>
            <translation>MRZ yoxlama rəqəmi uyğun gəlmir</translation>
        </message>
        <message>
            <source>MRZ and VIZ disagree</source>
            <translation>MRZ və VIZ uyğun gəlmir</translation>
        </message>
        <message>
            <source>not examined</source>
            <translation>tədqiq olunmayıb</translation>
        </message>
        <message>
            <source>the design as on the specimen</source>
            <translation>dizayn nümunədəki kimi</translation>
        </message>
        <message>
            <source>the design differs</source>
            <translation>dizayn fərqlənir</translation>
        </message>
        <message>
            <source>paper glowing as the specimen's</source>
            <translation>kağız nümunəninki kimi işıldayır</translation>
        </message>
        <message>
            <source>paper glowing otherwise</source>
            <translation>kağız başqa cür işıldayır</translation>
        </message>
        <message>
            <source>the UV feature glowing</source>
            <translation>UB elementi işıldayır</translation>
        </message>
        <message>
            <source>the UV feature weak or missing</source>
            <translation>UB elementi zəifdir və ya yoxdur</translation>
        </message>
        <message>
            <source>no glow under UV</source>
            <translation>UB altında işıltı yoxdur</translation>
        </message>
        <message>
            <source>a glow under UV</source>
            <translation>UB altında işıltı</translation>
        </message>
        <message>
            <source>ink dropping out in IR</source>
            <translation>mürəkkəb İQ-da itir</translation>
        </message>
        <message>
            <source>ink dark in IR</source>
            <translation>mürəkkəb İQ-da tünd qalır</translation>
        </message>
        <message>
            <source>characters fading in IR</source>
            <translation>simvollar İQ-da solur</translation>
        </message>
        <message>
            <source>a portrait printed as the specimen's</source>
            <translation>portret nümunədəki kimi çap olunub</translation>
        </message>
        <message>
            <source>a portrait unlike the specimen's</source>
            <translation>portret nümunədəkinə bənzəmir</translation>
        </message>
        <message>
            <source>the field printed as the specimen's</source>
            <translation>sahə nümunədəki kimi çap olunub</translation>
        </message>
        <message>
            <source>signs of erasure or re-printing</source>
            <translation>silinmə və ya təkrar çap izləri</translation>
        </message>
        <message>
            <source>the check digit holding</source>
            <translation>yoxlama rəqəmi düzgündür</translation>
        </message>
        <message>
            <source>the check digit failing</source>
            <translation>yoxlama rəqəmi səhvdir</translation>
        </message>
        <message>
            <source>check digit</source>
            <translation>yoxlama rəqəmi</translation>
        </message>
        <message>
            <source>the MRZ's value</source>
            <translation>MRZ-dakı dəyər</translation>
        </message>
        <message>
            <source>the VIZ reading</source>
            <translation>VIZ-də oxunan</translation>
        </message>
        <message>
            <source>the MRZ matching the VIZ</source>
            <translation>MRZ VIZ ilə uyğundur</translation>
        </message>
        <message>
            <source>the MRZ differing from the VIZ</source>
            <translation>MRZ VIZ-dən fərqlənir</translation>
        </message>
        <message>
            <source>inside the capture</source>
            <translation>çəkilişin daxilində</translation>
        </message>
        <message>
            <source>outside the capture</source>
            <translation>çəkilişdən kənarda</translation>
        </message>
        <message>
            <source>the design&apos;s print within the capture&apos;s range</source>
            <translation>dizaynın çapı çəkilişin diapazonu daxilində</translation>
        </message>
        <message>
            <source>the design&apos;s print clipped white by the exposure</source>
            <translation>dizaynın çapı ekspozisiya ilə ağa qədər kəsilib</translation>
        </message>
        <message>
            <source>IR darkness of the ink for its daylight darkness</source>
            <translation>mürəkkəbin İQ-da tündlüyü gün işığındakı tündlüyünə nisbətdə</translation>
        </message>
        <message>
            <source>glow under UV for the specimen's</source>
            <translation>UB altında işıltı nümunənin işıltısına nisbətdə</translation>
        </message>
        <message>
            <source>share of the area glowing under UV</source>
            <translation>sahənin UB altında işıldayan payı</translation>
        </message>
        <message>
            <source>a spot glowing under UV</source>
            <translation>UB altında işıldayan ləkə</translation>
        </message>
        <message>
            <source>colour of the glow under UV</source>
            <translation>UB altında işıltının rəngi</translation>
        </message>
        <message>
            <source>correlation with the specimen's pattern</source>
            <translation>nümunənin naxışı ilə korrelyasiya</translation>
        </message>
        <message>
            <source>a registration to the specimen that can be trusted</source>
            <translation>etalonla etibarlı uyğunlaşdırma</translation>
        </message>
        <message>
            <source>a registration too uncertain to compare pixel by pixel</source>
            <translation>piksel-piksel müqayisə üçün çox qeyri-müəyyən uyğunlaşdırma</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Etalon</translation>
        </message>
        <message>
            <source>Questioned</source>
            <translation>Şübhəli</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>Fərq</translation>
        </message>
        <message>
            <source>Select a finding to read it in full here; the image zooms to it.</source>
            <translation>Tam oxumaq üçün aşkarlananı seçin; təsvir ona yaxınlaşacaq.</translation>
        </message>
        <message>
            <source>In {light}, expected &lt;b&gt;{expected}&lt;/b&gt;, seen &lt;b&gt;{seen}&lt;/b&gt;.</source>
            <translation>{light} işıqda gözlənilən: &lt;b&gt;{expected}&lt;/b&gt;, görünən: &lt;b&gt;{seen}&lt;/b&gt;.</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>Aşkarlanan</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>İşıq</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>Bal</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Təfərrüat</translation>
        </message>
        <message>
            <source>All lights</source>
            <translation>Bütün işıqlar</translation>
        </message>
        <message>
            <source>Current light only</source>
            <translation>Yalnız cari işıq</translation>
        </message>
        <message>
            <source>Double-click to enlarge</source>
            <translation>Böyütmək üçün iki dəfə klikləyin</translation>
        </message>
        <message>
            <source>No evidence images were kept for this finding.</source>
            <translation>Bu aşkarlanan üçün sübut şəkilləri saxlanmayıb.</translation>
        </message>
        <message>
            <source>ALARM</source>
            <translation>SİQNAL</translation>
        </message>
        <message>
            <source>note</source>
            <translation>qeyd</translation>
        </message>
        <message>
            <source>region {region}</source>
            <translation>sahə {region}</translation>
        </message>
        <message numerus="yes">
            <source>, %n in other lights</source>
            <translation>
                <numerusform>, %n digər işıqlarda</numerusform>
                <numerusform>, %n digər işıqlarda</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n finding(s)</source>
            <translation>
                <numerusform>%n aşkarlanan əlamət</numerusform>
                <numerusform>%n aşkarlanan əlamət</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n alarm(s)</source>
            <translation>
                <numerusform>%n siqnal</numerusform>
                <numerusform>%n siqnal</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;b&gt;{kind}&lt;/b&gt; in {light}, score {score} ({alarm})</source>
            <translation>&lt;b&gt;{kind}&lt;/b&gt;, işıq: {light}, bal {score} ({alarm})</translation>
        </message>
        <message>
            <source>Checks performed...</source>
            <translation>Aparılmış yoxlamalar...</translation>
        </message>
        <message>
            <source>Every check the comparison ran, light by light, with its outcome, and what it could not check: what a conclusion rests on</source>
            <translation>Müqayisənin apardığı hər yoxlama, işıq-işıq, nəticəsi ilə, və onun yoxlaya bilmədikləri: rəyin əsaslandığı</translation>
        </message>
    </context>
    <context>
        <name>GeneratePackDialog</name>
        <message>
            <source>easy</source>
            <translation>asan</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>orta</translation>
        </message>
        <message>
            <source>hard</source>
            <translation>çətin</translation>
        </message>
        <message>
            <source>New exercise pack</source>
            <translation>Yeni tapşırıq paketi</translation>
        </message>
        <message>
            <source>Document families</source>
            <translation>Sənəd ailələri</translation>
        </message>
        <message>
            <source>visa sticker (MRV-B), generated designs only</source>
            <translation>viza stikeri (MRV-B), yalnız yaradılmış dizaynlar</translation>
        </message>
        <message>
            <source>The same seed gives the same pack; a new seed, new documents</source>
            <translation>Eyni toxum eyni paketi verir; yeni toxum — yeni sənədlər</translation>
        </message>
        <message>
            <source>a new or empty folder</source>
            <translation>yeni və ya boş qovluq</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Seç…</translation>
        </message>
        <message>
            <source>Utopia only (one design per family, as packs always were)</source>
            <translation>Yalnız Utopiya (hər ailəyə bir dizayn, paketlər həmişə belə olub)</translation>
        </message>
        <message>
            <source>Different designs of fictional states, chosen by the seed:</source>
            <translation>Uydurma dövlətlərin müxtəlif dizaynları, toxumla seçilir:</translation>
        </message>
        <message>
            <source>Chosen designs (tick them in the list):</source>
            <translation>Seçilmiş dizaynlar (siyahıda işarələyin):</translation>
        </message>
        <message>
            <source>designs</source>
            <translation>dizayn</translation>
        </message>
        <message>
            <source>Search code, state, family or split (e.g. CSP, td1, held-out)</source>
            <translation>Kod, dövlət, ailə və ya bölgü üzrə axtarış (məs., CSP, td1, held-out)</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Kod</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Dövlət</translation>
        </message>
        <message>
            <source>Family</source>
            <translation>Ailə</translation>
        </message>
        <message>
            <source>Split</source>
            <translation>Bölgü</translation>
        </message>
        <message>
            <source>Tick selected</source>
            <translation>Seçilənləri işarələ</translation>
        </message>
        <message>
            <source>Tick every selected row (Ctrl- or Shift-click to select several); Enter does it too</source>
            <translation>Seçilmiş bütün sətirləri işarələ (bir neçəsini seçmək üçün Ctrl və ya Shift ilə klikləyin); Enter də bunu edir</translation>
        </message>
        <message>
            <source>Untick selected</source>
            <translation>Seçilənlərdən işarəni götür</translation>
        </message>
        <message>
            <source>Designs</source>
            <translation>Dizaynlar</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Yarat</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Sənədlər</translation>
        </message>
        <message>
            <source>Difficulty</source>
            <translation>Çətinlik</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Toxum</translation>
        </message>
        <message>
            <source>Output folder</source>
            <translation>Çıxış qovluğu</translation>
        </message>
        <message>
            <source>Each design is a fictional state's document series (code STATE-FAMILY-VARIANT). Designs with an even variant are held out: docexam's own tools are measured on them and never tuned on them; any design can go into a training pack.</source>
            <translation>Hər dizayn uydurma dövlətin sənəd seriyasıdır (kod DÖVLƏT-AİLƏ-VARİANT). Cüt variantlı dizaynlar ayrılıb: docexam-ın öz alətləri onlarla ölçülür və heç vaxt onlara uyğunlaşdırılmır; istənilən dizayn təlim paketinə daxil edilə bilər.</translation>
        </message>
        <message>
            <source>No design ticked</source>
            <translation>Heç bir dizayn işarələnməyib</translation>
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation>
                <numerusform> və daha %n</numerusform>
                <numerusform> və daha %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticked: {designs}</source>
            <translation>
                <numerusform>%n işarələnib: {designs}</numerusform>
                <numerusform>%n işarələnib: {designs}</numerusform>
            </translation>
        </message>
        <message>
            <source>Folder for the pack</source>
            <translation>Paket üçün qovluq</translation>
        </message>
        <message>
            <source>choose at least one document family</source>
            <translation>ən azı bir sənəd ailəsi seçin</translation>
        </message>
        <message>
            <source>tick at least one design in the list (of the families ticked), or choose Utopia only or a number of designs</source>
            <translation>siyahıda (işarələnmiş ailələrdən) ən azı bir dizayn işarələyin və ya «Yalnız Utopiya» və ya dizayn sayını seçin</translation>
        </message>
    </context>
    <context>
        <name>ImageCanvas</name>
        <message>
            <source>{value} px</source>
            <translation>{value} piks</translation>
        </message>
        <message>
            <source>{value} mm</source>
            <translation>{value} mm</translation>
        </message>
    </context>
    <context>
        <name>Light</name>
        <message>
            <source>Visible</source>
            <translation>Görünən</translation>
        </message>
        <message>
            <source>UV 365 nm</source>
            <translation>UB 365 nm</translation>
        </message>
        <message>
            <source>IR 870 nm</source>
            <translation>İQ 870 nm</translation>
        </message>
        <message>
            <source>Coaxial</source>
            <translation>Koaksial</translation>
        </message>
        <message>
            <source>Transmitted</source>
            <translation>Keçən</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Digər</translation>
        </message>
        <message>
            <source>visible</source>
            <translation>görünən</translation>
        </message>
        <message>
            <source>UV</source>
            <translation>UB</translation>
        </message>
        <message>
            <source>IR</source>
            <translation>İQ</translation>
        </message>
        <message>
            <source>coaxial</source>
            <translation>koaksial</translation>
        </message>
        <message>
            <source>transmitted</source>
            <translation>keçən</translation>
        </message>
        <message>
            <source>other</source>
            <translation>digər</translation>
        </message>
        <message>
            <source>visible light</source>
            <translation>görünən işıq</translation>
        </message>
        <message>
            <source>coaxial light</source>
            <translation>koaksial işıq</translation>
        </message>
        <message>
            <source>transmitted light</source>
            <translation>keçən işıq</translation>
        </message>
        <message>
            <source>other light</source>
            <translation>digər işıq</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Questioned</source>
            <translation>Tədqiq olunan</translation>
        </message>
        <message>
            <source>Side by side</source>
            <translation>Yan-yana</translation>
        </message>
        <message>
            <source>Overlay</source>
            <translation>Üst-üstə</translation>
        </message>
        <message>
            <source>Swipe</source>
            <translation>Pərdə</translation>
        </message>
        <message>
            <source>Flicker</source>
            <translation>Titrəmə</translation>
        </message>
        <message>
            <source>Heat map</source>
            <translation>İstilik xəritəsi</translation>
        </message>
        <message>
            <source>Zoom about the pointer</source>
            <translation>Göstərici ətrafında miqyas</translation>
        </message>
        <message>
            <source>Wheel</source>
            <translation>Təkər</translation>
        </message>
        <message>
            <source>Pan</source>
            <translation>Sürüşdürmə</translation>
        </message>
        <message>
            <source>Drag, arrows</source>
            <translation>Dartma, oxlar</translation>
        </message>
        <message>
            <source>Zoom in / out</source>
            <translation>Böyütmə / kiçiltmə</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>Sığdır</translation>
        </message>
        <message>
            <source>0, double click</source>
            <translation>0, iki dəfə klik</translation>
        </message>
        <message>
            <source>Actual pixels</source>
            <translation>Real piksellər</translation>
        </message>
        <message>
            <source>Measure once</source>
            <translation>Bir dəfə ölç</translation>
        </message>
        <message>
            <source>Shift+drag</source>
            <translation>Shift+dartma</translation>
        </message>
        <message>
            <source>Clear the measurement</source>
            <translation>Ölçməni sil</translation>
        </message>
        <message>
            <source>Mark a region (exercise, Draw marks on)</source>
            <translation>Sahəni qeyd et (tapşırıq, «Qeydlər çək» açıq)</translation>
        </message>
        <message>
            <source>Drag on the questioned image</source>
            <translation>Tədqiq olunan təsvir üzərində dartma</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>İşlər</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>İş</translation>
        </message>
        <message>
            <source>MRZ</source>
            <translation>MRZ</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>Aşkarlananlar</translation>
        </message>
        <message>
            <source>Image adjustments</source>
            <translation>Təsvir tənzimləmələri</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>İmtina</translation>
        </message>
        <message>
            <source>Cancel the running work (nothing half-done is stored)</source>
            <translation>Gedən işi dayandır (yarımçıq heç nə saxlanmır)</translation>
        </message>
        <message>
            <source>{action} ({keys})</source>
            <translation>{action} ({keys})</translation>
        </message>
        <message>
            <source>&amp;New case…</source>
            <translation>&amp;Yeni iş…</translation>
        </message>
        <message>
            <source>&amp;Find case…</source>
            <translation>İşi &amp;tap…</translation>
        </message>
        <message>
            <source>&amp;Import captures…</source>
            <translation>Çəkilişləri &amp;idxal et…</translation>
        </message>
        <message>
            <source>Add scans or photos of the questioned document to the case</source>
            <translation>Tədqiq olunan sənədin skanlarını və ya fotolarını işə əlavə et</translation>
        </message>
        <message>
            <source>&amp;Watch scanner folder…</source>
            <translation>Skaner qovluğunu &amp;izlə…</translation>
        </message>
        <message>
            <source>New images saved by the scanner into a folder are imported into the open case</source>
            <translation>Skanerin qovluğa saxladığı yeni təsvirlər açıq işə idxal olunur</translation>
        </message>
        <message>
            <source>Export PDF &amp;report…</source>
            <translation>PDF &amp;hesabatı ixrac et…</translation>
        </message>
        <message>
            <source>&amp;Export cases to a bundle…</source>
            <translation>İşləri paketə &amp;ixrac et…</translation>
        </message>
        <message>
            <source>Export &amp;today's cases…</source>
            <translation>&amp;Bugünkü işləri ixrac et…</translation>
        </message>
        <message>
            <source>Every case changed today, in one bundle for the centre</source>
            <translation>Bu gün dəyişdirilən bütün işlər, mərkəz üçün bir paketdə</translation>
        </message>
        <message>
            <source>Import a &amp;bundle…</source>
            <translation>&amp;Paketi idxal et…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>Çı&amp;xış</translation>
        </message>
        <message>
            <source>Sign &amp;out / switch user…</source>
            <translation>Çıx&amp;ış / istifadəçini dəyiş…</translation>
        </message>
        <message>
            <source>Sign out, and sign in as someone else</source>
            <translation>Çıxın və başqa istifadəçi kimi daxil olun</translation>
        </message>
        <message>
            <source>&amp;Submit for review</source>
            <translation>&amp;Yoxlamaya göndər</translation>
        </message>
        <message>
            <source>Send the conclusion to a second examiner for technical review</source>
            <translation>Rəyi texniki yoxlama üçün ikinci ekspertə göndərin</translation>
        </message>
        <message>
            <source>Review &amp;queue…</source>
            <translation>Yoxlama &amp;növbəsi…</translation>
        </message>
        <message>
            <source>The cases submitted and awaiting a reviewer</source>
            <translation>Yoxlamaya göndərilmiş və yoxlayıcı gözləyən işlər</translation>
        </message>
        <message>
            <source>&amp;Agree with the conclusion</source>
            <translation>Rəylə &amp;razılaş</translation>
        </message>
        <message>
            <source>&amp;Return with comment…</source>
            <translation>Şərhlə &amp;qaytar…</translation>
        </message>
        <message>
            <source>&amp;Issue report</source>
            <translation>Hesabatı &amp;buraxmaq</translation>
        </message>
        <message>
            <source>Issue the reviewed case: its report becomes final</source>
            <translation>Yoxlanmış işi buraxın: onun hesabatı yekun olur</translation>
        </message>
        <message>
            <source>&amp;Compare with reference</source>
            <translation>Etalonla &amp;müqayisə et</translation>
        </message>
        <message>
            <source>Register every light to the reference specimen and list where they differ</source>
            <translation>Hər işıqdakı təsviri etalon nümunə ilə uzlaşdır və fərqli yerləri sadala</translation>
        </message>
        <message>
            <source>Choose reference &amp;folder…</source>
            <translation>Etalon &amp;qovluğunu seç…</translation>
        </message>
        <message>
            <source>Reference &amp;library…</source>
            <translation>Etalon &amp;kitabxanası…</translation>
        </message>
        <message>
            <source>Browse, make and annotate the references of genuine documents</source>
            <translation>Həqiqi sənədlərin etalonlarını nəzərdən keçir, yarat və annotasiya et</translation>
        </message>
        <message>
            <source>&amp;Use this document as a reference…</source>
            <translation>Bu sənədi etalon kimi &amp;istifadə et…</translation>
        </message>
        <message>
            <source>Make a reference of the library from the open case's captures (a genuine document)</source>
            <translation>Açıq işin çəkilişlərindən kitabxana etalonu yarat (həqiqi sənəd)</translation>
        </message>
        <message>
            <source>&amp;Lock zoom and pan</source>
            <translation>Miqyas və sürüşdürməni &amp;bağla</translation>
        </message>
        <message>
            <source>Show &amp;findings</source>
            <translation>Aşkarlananları &amp;göstər</translation>
        </message>
        <message>
            <source>&amp;Fit</source>
            <translation>&amp;Sığdır</translation>
        </message>
        <message>
            <source>&amp;Actual pixels</source>
            <translation>&amp;Real piksellər</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>&amp;Böyüt</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>&amp;Kiçilt</translation>
        </message>
        <message>
            <source>&amp;Generate exercise pack…</source>
            <translation>Tapşırıq paketi &amp;yarat…</translation>
        </message>
        <message>
            <source>&amp;Hand out a pack as a bundle…</source>
            <translation>Paketi fayl kimi &amp;payla…</translation>
        </message>
        <message>
            <source>One file of an exercise pack for trainees, with or without the answer keys</source>
            <translation>Kursantlar üçün tapşırıq paketinin bir faylı, cavab açarları ilə və ya onlarsız</translation>
        </message>
        <message>
            <source>&amp;Trainee exercise…</source>
            <translation>&amp;Kursant tapşırığı…</translation>
        </message>
        <message>
            <source>&amp;Loupe</source>
            <translation>&amp;Lupa</translation>
        </message>
        <message>
            <source>A round magnifier at the pointer over the image (L)</source>
            <translation>Təsvir üzərində göstəricidə dəyirmi böyüdücü (L)</translation>
        </message>
        <message>
            <source>&amp;Ruler</source>
            <translation>&amp;Xətkeş</translation>
        </message>
        <message>
            <source>Drag on the image to measure, in millimetres from the capture's dpi (R)</source>
            <translation>Ölçmək üçün təsvir üzərində dartın, çəkilişin dpi-dən millimetrlə (R)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Klaviatura qısayolları</translation>
        </message>
        <message>
            <source>&amp;About docexam</source>
            <translation>docexam &amp;haqqında</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fayl</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>&amp;Sonuncuları aç</translation>
        </message>
        <message>
            <source>&amp;Examine</source>
            <translation>&amp;Ekspertiza</translation>
        </message>
        <message>
            <source>Re&amp;ferences</source>
            <translation>&amp;Etalonlar</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>İş&amp;lər</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Görünüş</translation>
        </message>
        <message>
            <source>Light ({keys})</source>
            <translation>İşıq ({keys})</translation>
        </message>
        <message>
            <source>Comparison mode ({keys}; Ctrl+0 fit, Ctrl+1 actual pixels)</source>
            <translation>Müqayisə rejimi ({keys}; Ctrl+0 sığdır, Ctrl+1 real piksellər)</translation>
        </message>
        <message>
            <source>Lan&amp;guage</source>
            <translation>&amp;Dil</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>&amp;Təlim</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Kömək</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>İşıq</translation>
        </message>
        <message>
            <source>Comparison</source>
            <translation>Müqayisə</translation>
        </message>
        <message>
            <source>Opacity</source>
            <translation>Qeyri-şəffaflıq</translation>
        </message>
        <message>
            <source>Hz</source>
            <translation>Hs</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>Sistemin dili</translation>
        </message>
        <message>
            <source>The workstation speaks {language} from its next start</source>
            <translation>İş stansiyası növbəti başlanğıcdan {language} dilində olacaq</translation>
        </message>
        <message>
            <source>Open case</source>
            <translation>İşi aç</translation>
        </message>
        <message>
            <source>Case {case} could not be opened: {error}</source>
            <translation>{case} işi açıla bilmədi: {error}</translation>
        </message>
        <message>
            <source>New case</source>
            <translation>Yeni iş</translation>
        </message>
        <message>
            <source>What is the case about?
(e.g. Passport UTO L898902C3, border post 4)</source>
            <translation>İş nə haqqındadır?
(məs., Pasport UTO L898902C3, 4 saylı sərhəd məntəqəsi)</translation>
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation>{first} – {last}</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Təsvir</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Klaviatura qısayolları</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Harada</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Nə</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Düymələr</translation>
        </message>
        <message>
            <source>Signed in: {name} ({role})</source>
            <translation>Daxil olub: {name} ({role})</translation>
        </message>
        <message>
            <source>Everything you record is kept under {name} and signed with their key</source>
            <translation>Qeyd etdiyiniz hər şey {name} adı ilə saxlanılır və onun açarı ilə imzalanır</translation>
        </message>
        <message>
            <source>This case store has no accounts: nobody signs in.</source>
            <translation>Bu iş bazasında hesab yoxdur: heç kim daxil olmur.</translation>
        </message>
        <message>
            <source>Import captures</source>
            <translation>Çəkilişləri idxal et</translation>
        </message>
        <message>
            <source>Images ({patterns})</source>
            <translation>Təsvirlər ({patterns})</translation>
        </message>
        <message>
            <source>In which light were these taken?
(files named …_uv / …_ir are tagged by their name)</source>
            <translation>Bunlar hansı işıqda çəkilib?
(…_uv / …_ir adlı fayllar adlarına görə işarələnir)</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>İdxal</translation>
        </message>
        <message>
            <source>Open or create a case first, then add its captures.</source>
            <translation>Əvvəlcə işi açın və ya yaradın, sonra onun çəkilişlərini əlavə edin.</translation>
        </message>
        <message>
            <source>Importing {file} ({light})</source>
            <translation>{file} idxal olunur ({light})</translation>
        </message>
        <message>
            <source>{file} was not imported</source>
            <translation>{file} idxal olunmadı</translation>
        </message>
        <message>
            <source>{file} imported as {light}</source>
            <translation>{file} {light} kimi idxal olundu</translation>
        </message>
        <message>
            <source>; MRZ valid</source>
            <translation>; MRZ etibarlıdır</translation>
        </message>
        <message>
            <source>; MRZ read, not valid</source>
            <translation>; MRZ oxundu, etibarlı deyil</translation>
        </message>
        <message>
            <source>Scanner folder to watch</source>
            <translation>İzlənəcək skaner qovluğu</translation>
        </message>
        <message>
            <source>Scanner folder</source>
            <translation>Skaner qovluğu</translation>
        </message>
        <message>
            <source>Watching {folder}: new scans go into the open case</source>
            <translation>{folder} izlənilir: yeni skanlar açıq işə düşür</translation>
        </message>
        <message>
            <source>Loading the {name} reference specimen</source>
            <translation>{name} etalon nümunəsi yüklənir</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Etalon</translation>
        </message>
        <message>
            <source>The {name} reference could not be loaded</source>
            <translation>{name} etalonu yüklənə bilmədi</translation>
        </message>
        <message>
            <source>Reference: {source}</source>
            <translation>Etalon: {source}</translation>
        </message>
        <message>
            <source>Reference specimen folder (visible.*, uv.*, ir.*)</source>
            <translation>Etalon nümunə qovluğu (visible.*, uv.*, ir.*)</translation>
        </message>
        <message>
            <source>Loading the reference {name}</source>
            <translation>{name} etalonu yüklənir</translation>
        </message>
        <message>
            <source>{folder} is not a usable reference</source>
            <translation>{folder} yararlı etalon deyil</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Müqayisə</translation>
        </message>
        <message>
            <source>Open a case with captures and choose a reference specimen first.</source>
            <translation>Əvvəlcə çəkilişləri olan işi açın və etalon nümunəni seçin.</translation>
        </message>
        <message>
            <source>Comparing with the reference</source>
            <translation>Etalonla müqayisə olunur</translation>
        </message>
        <message>
            <source>The comparison failed</source>
            <translation>Müqayisə alınmadı</translation>
        </message>
        <message>
            <source>Compared in {ms} ms: {alarms}, {findings}</source>
            <translation>{ms} ms-də müqayisə olundu: {alarms}, {findings}</translation>
        </message>
        <message numerus="yes">
            <source>%n alarm(s)</source>
            <translation>
                <numerusform>%n siqnal</numerusform>
                <numerusform>%n siqnal</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n finding(s)</source>
            <translation>
                <numerusform>%n aşkarlanan əlamət</numerusform>
                <numerusform>%n aşkarlanan əlamət</numerusform>
            </translation>
        </message>
        <message>
            <source>MRZ and VIZ</source>
            <translation>MRZ və VIZ</translation>
        </message>
        <message>
            <source>Not recorded: {error}</source>
            <translation>Qeydə alınmadı: {error}</translation>
        </message>
        <message>
            <source>The VIZ values you confirmed are recorded in the case</source>
            <translation>Təsdiq etdiyiniz VIZ dəyərləri işdə qeydə alındı</translation>
        </message>
        <message>
            <source>Open the case of a genuine document first.</source>
            <translation>Əvvəlcə həqiqi sənədin işini açın.</translation>
        </message>
        <message>
            <source>Reference {name} made: {specimens}, annotation version {version}</source>
            <translation>{name} etalonu yaradıldı: {specimens}, annotasiya versiyası {version}</translation>
        </message>
        <message numerus="yes">
            <source>%n specimen(s)</source>
            <translation>
                <numerusform>%n nümunə</numerusform>
                <numerusform>%n nümunə</numerusform>
            </translation>
        </message>
        <message>
            <source>Open a case to have a reference proposed.</source>
            <translation>Etalon təklif olunması üçün işi açın.</translation>
        </message>
        <message>
            <source>Once the MRZ is read, the library's references of its issuing state, document code and format are proposed here.</source>
            <translation>MRZ oxunduqdan sonra kitabxananın verən dövlətə, sənəd koduna və formata uyğun etalonları burada təklif olunur.</translation>
        </message>
        <message>
            <source>The reference library could not be read: {error}</source>
            <translation>Etalon kitabxanası oxuna bilmədi: {error}</translation>
        </message>
        <message>
            <source>No reference of the library matches this MRZ (issuing state {state}, document code {code}, format {format}); make one from a genuine document in References &gt; Reference library.</source>
            <translation>Kitabxanada bu MRZ-ə uyğun etalon yoxdur (verən dövlət {state}, sənəd kodu {code}, format {format}); Etalonlar &gt; Etalon kitabxanası bölməsində həqiqi sənəddən yaradın.</translation>
        </message>
        <message>
            <source>Loading the library reference</source>
            <translation>Kitabxana etalonu yüklənir</translation>
        </message>
        <message>
            <source>The library reference could not be used</source>
            <translation>Kitabxana etalonundan istifadə etmək olmadı</translation>
        </message>
        <message>
            <source>Export PDF report</source>
            <translation>PDF hesabatı ixrac et</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Case {case} has no verdict yet: the report will say NO VERDICT YET.

Record a verdict first (the Case panel's Record verdict), or export this report anyway?</source>
            <translation>{case} işi üzrə hələ rəy yoxdur: hesabatda HƏLƏ RƏY YOXDUR yazılacaq.

Əvvəlcə rəyi qeyd edin (İş panelində «Rəyi qeyd et») və ya hesabat yenə də ixrac olunsun?</translation>
        </message>
        <message>
            <source>Writing the report {file}</source>
            <translation>{file} hesabatı yazılır</translation>
        </message>
        <message>
            <source>Report written and signed by {signer}: {path}</source>
            <translation>Hesabat yazıldı və imzalandı ({signer}): {path}</translation>
        </message>
        <message>
            <source>Report written: {path}</source>
            <translation>Hesabat yazıldı: {path}</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>Hesabat</translation>
        </message>
        <message>
            <source>The report was not written</source>
            <translation>Hesabat yazılmadı</translation>
        </message>
        <message>
            <source>Export case</source>
            <translation>İşi ixrac et</translation>
        </message>
        <message>
            <source>Bundles (*.zip)</source>
            <translation>Paketlər (*.zip)</translation>
        </message>
        <message>
            <source>Export today's cases</source>
            <translation>Bugünkü işləri ixrac et</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>İxrac</translation>
        </message>
        <message>
            <source>No case was changed today.</source>
            <translation>Bu gün heç bir iş dəyişdirilməyib.</translation>
        </message>
        <message numerus="yes">
            <source>Exporting %n case(s)</source>
            <translation>
                <numerusform>%n iş ixrac olunur</numerusform>
                <numerusform>%n iş ixrac olunur</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) exported to {path}</source>
            <translation>
                <numerusform>%n iş {path} faylına ixrac olundu</numerusform>
                <numerusform>%n iş {path} faylına ixrac olundu</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was exported</source>
            <translation>Heç nə ixrac olunmadı</translation>
        </message>
        <message>
            <source>Import a bundle</source>
            <translation>Paketi idxal et</translation>
        </message>
        <message>
            <source>Importing {file}</source>
            <translation>{file} idxal olunur</translation>
        </message>
        <message>
            <source>Imported {path}</source>
            <translation>İdxal olundu: {path}</translation>
        </message>
        <message>
            <source>The bundle was not imported (nothing changed)</source>
            <translation>Paket idxal olunmadı (heç nə dəyişmədi)</translation>
        </message>
        <message>
            <source>Exercise pack</source>
            <translation>Tapşırıq paketi</translation>
        </message>
        <message numerus="yes">
            <source>Generating %n documents</source>
            <translation>
                <numerusform>%n sənəd yaradılır</numerusform>
                <numerusform>%n sənəd yaradılır</numerusform>
            </translation>
        </message>
        <message>
            <source>Exercise pack written to {folder}</source>
            <translation>Tapşırıq paketi {folder} qovluğuna yazıldı</translation>
        </message>
        <message>
            <source>The pack was not generated</source>
            <translation>Paket yaradılmadı</translation>
        </message>
        <message>
            <source>Exercise pack to hand out</source>
            <translation>Paylanacaq tapşırıq paketi</translation>
        </message>
        <message>
            <source>Hand out a pack</source>
            <translation>Paketi payla</translation>
        </message>
        <message>
            <source>Include the answer keys?

With them, each trainee's workstation scores the attempt and shows the key after it is submitted (a trainee who unzips the file can read them). Without them, trainees cannot see the verdicts; you score their answers.</source>
            <translation>Cavab açarları daxil edilsin?

Onlarla hər kursantın iş stansiyası cəhdi qiymətləndirir və təqdim edildikdən sonra açarı göstərir (faylı açan kursant onları oxuya bilər). Onlarsız kursantlar rəyləri görə bilmir; cavabları siz qiymətləndirirsiniz.</translation>
        </message>
        <message>
            <source>Save the handout</source>
            <translation>Paylanacaq faylı saxla</translation>
        </message>
        <message>
            <source>Exercise packs (*.zip)</source>
            <translation>Tapşırıq paketləri (*.zip)</translation>
        </message>
        <message>
            <source>Writing the handout {file}</source>
            <translation>{file} paylanacaq faylı yazılır</translation>
        </message>
        <message>
            <source>Handout written: {path} (with the answer keys)</source>
            <translation>Paylanacaq fayl yazıldı: {path} (cavab açarları ilə)</translation>
        </message>
        <message>
            <source>Handout written: {path} (without the answer keys)</source>
            <translation>Paylanacaq fayl yazıldı: {path} (cavab açarları olmadan)</translation>
        </message>
        <message>
            <source>The handout was not written</source>
            <translation>Paylanacaq fayl yazılmadı</translation>
        </message>
        <message>
            <source>Open an exercise (a handout, or a pack folder's pack.json)</source>
            <translation>Tapşırığı aç (paylanmış fayl və ya paket qovluğunun pack.json faylı)</translation>
        </message>
        <message>
            <source>Exercise packs (*.zip pack.json)</source>
            <translation>Tapşırıq paketləri (*.zip pack.json)</translation>
        </message>
        <message>
            <source>Opening {file}</source>
            <translation>{file} açılır</translation>
        </message>
        <message>
            <source>Exercise</source>
            <translation>Tapşırıq</translation>
        </message>
        <message>
            <source>{file} was not opened</source>
            <translation>{file} açılmadı</translation>
        </message>
        <message>
            <source>{folder} is not an exercise pack: {error}</source>
            <translation>{folder} tapşırıq paketi deyil: {error}</translation>
        </message>
        <message>
            <source>{file} could not be shown</source>
            <translation>{file} göstərilə bilmədi</translation>
        </message>
        <message>
            <source>{failure}: {error}</source>
            <translation>{failure}: {error}</translation>
        </message>
        <message>
            <source>{job}: cancelled, nothing stored</source>
            <translation>{job}: dayandırıldı, heç nə saxlanmadı</translation>
        </message>
        <message>
            <source>About docexam</source>
            <translation>docexam haqqında</translation>
        </message>
        <message>
            <source>Forensic examination of travel documents in visible, UV and IR light.</source>
            <translation>Səyahət sənədlərinin görünən, UB və İQ işıqda kriminalistik ekspertizası.</translation>
        </message>
    </context>
    <context>
        <name>MarkCanvas</name>
        <message>
            <source>mark {number}</source>
            <translation>qeyd {number}</translation>
        </message>
        <message>
            <source>key: {kind} ({lights})</source>
            <translation>açar: {kind} ({lights})</translation>
        </message>
    </context>
    <context>
        <name>MrzPanel</name>
        <message>
            <source>Expected</source>
            <comment>column heading, abbreviated if long</comment>
            <translation>Gözl.</translation>
        </message>
        <message>
            <source>Found</source>
            <comment>column heading, abbreviated if long</comment>
            <translation>Tapılan</translation>
        </message>
        <message>
            <source>Expected: the digit the data it covers give</source>
            <translation>Gözlənilən: əhatə etdiyi məlumatlardan alınan rəqəm</translation>
        </message>
        <message>
            <source>Found: the digit printed in the MRZ</source>
            <translation>Tapılan: MRZ-də çap olunmuş rəqəm</translation>
        </message>
        <message>
            <source>line {line}, position {position}</source>
            <translation>sətir {line}, mövqe {position}</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>düzgün</translation>
        </message>
        <message>
            <source>FAIL</source>
            <translation>XƏTA</translation>
        </message>
        <message>
            <source>{status} {label}: expected {expected}, found {found}</source>
            <translation>{status} {label}: gözlənilən {expected}, tapılan {found}</translation>
        </message>
        <message>
            <source>none (characters outside the MRZ alphabet)</source>
            <translation>yoxdur (MRZ əlifbasından kənar simvollar)</translation>
        </message>
        <message>
            <source>No MRZ read yet</source>
            <translation>MRZ hələ oxunmayıb</translation>
        </message>
        <message>
            <source>read with confidence {high} or more</source>
            <translation>{high} və daha yüksək etibarla oxunub</translation>
        </message>
        <message>
            <source>read with confidence from {low} to {high}: worth a look</source>
            <translation>{low}–{high} etibarla oxunub: baxmağa dəyər</translation>
        </message>
        <message>
            <source>read with confidence under {low}: not trusted, check by eye</source>
            <translation>{low}-dən aşağı etibarla oxunub: etibarsızdır, gözlə yoxlayın</translation>
        </message>
        <message>
            <source>VALID</source>
            <translation>ETİBARLI</translation>
        </message>
        <message>
            <source>INVALID</source>
            <translation>ETİBARSIZ</translation>
        </message>
        <message>
            <source>UNCONFIRMED</source>
            <translation>TƏSDİQLƏNMƏYİB</translation>
        </message>
        <message>
            <source>match</source>
            <translation>uyğundur</translation>
        </message>
        <message>
            <source>differs</source>
            <translation>fərqlidir</translation>
        </message>
        <message>
            <source>not entered</source>
            <translation>daxil edilməyib</translation>
        </message>
        <message>
            <source>Check digit</source>
            <translation>Yoxlama</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Yeri</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Nəticə</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Sahə</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Dəyər</translation>
        </message>
        <message>
            <source>MRZ</source>
            <translation>MRZ</translation>
        </message>
        <message>
            <source>VIZ (as printed)</source>
            <translation>VIZ (çap olunduğu kimi)</translation>
        </message>
        <message>
            <source>Match</source>
            <translation>Uyğunluq</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Qeyd et</translation>
        </message>
        <message>
            <source>Keep the MRZ-against-VIZ comparison in the case</source>
            <translation>MRZ ilə VIZ müqayisəsini işdə saxla</translation>
        </message>
        <message>
            <source>Machine readable zone</source>
            <translation>Maşınla oxunan zona</translation>
        </message>
        <message>
            <source>Check digits</source>
            <translation>Yoxlama rəqəmləri</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Sahələr</translation>
        </message>
        <message>
            <source>Errors and warnings</source>
            <translation>Xətalar və xəbərdarlıqlar</translation>
        </message>
        <message>
            <source>MRZ against VIZ</source>
            <translation>MRZ ilə VIZ müqayisəsi</translation>
        </message>
        <message>
            <source>changed by the check-digit correction (hover the line for what was read)</source>
            <translation>yoxlama rəqəmi ilə düzəliş edilib (nəyin oxunduğunu görmək üçün göstəricini sətrin üzərinə aparın)</translation>
        </message>
        <message>
            <source>line {line}, position {position}: read {read}, corrected to {char}</source>
            <translation>sətir {line}, mövqe {position}: {read} oxunub, {char} kimi düzəldilib</translation>
        </message>
        <message>
            <source>line {line}, position {position}: a letter of the name to check by eye</source>
            <translation>sətir {line}, mövqe {position}: adın gözlə yoxlanmalı hərfi</translation>
        </message>
        <message>
            <source>, overall confidence {percent}</source>
            <translation>, ümumi etibar {percent}</translation>
        </message>
        <message>
            <source>read by {engine}</source>
            <translation>{engine} ilə oxunub</translation>
        </message>
        <message>
            <source>typed or parsed text (no recognition confidence)</source>
            <translation>yazılmış və ya təhlil edilmiş mətn (tanınma etibarı yoxdur)</translation>
        </message>
        <message numerus="yes">
            <source>; %n character(s) corrected</source>
            <translation>
                <numerusform>; %n simvol düzəldilib</numerusform>
                <numerusform>; %n simvol düzəldilib</numerusform>
            </translation>
        </message>
        <message>
            <source>none</source>
            <translation>yoxdur</translation>
        </message>
        <message>
            <source>Error: {error}</source>
            <translation>Xəta: {error}</translation>
        </message>
        <message>
            <source>No warnings.</source>
            <translation>Xəbərdarlıq yoxdur.</translation>
        </message>
    </context>
    <context>
        <name>NewReferenceDialog</name>
        <message>
            <source>New reference</source>
            <translation>Yeni etalon</translation>
        </message>
        <message>
            <source>e.g. Utopia passport, 2025 series</source>
            <translation>məs., Utopiya pasportu, 2025 seriyası</translation>
        </message>
        <message>
            <source>from the MRZ</source>
            <translation>MRZ-dən</translation>
        </message>
        <message>
            <source>dpi</source>
            <translation>dpi</translation>
        </message>
        <message>
            <source>as the images record it</source>
            <translation>təsvirlərdə qeyd olunduğu kimi</translation>
        </message>
        <message>
            <source>e.g. specimen booklet from the issuer</source>
            <translation>məs., verəndən nümunə kitabçası</translation>
        </message>
        <message>
            <source>Captures</source>
            <translation>Çəkilişlər</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Ad</translation>
        </message>
        <message>
            <source>&amp;Resolution</source>
            <translation>&amp;Ayırdetmə</translation>
        </message>
        <message>
            <source>Issuing &amp;state</source>
            <translation>Verən &amp;dövlət</translation>
        </message>
        <message>
            <source>Document &amp;code</source>
            <translation>Sənəd &amp;kodu</translation>
        </message>
        <message>
            <source>&amp;Format</source>
            <translation>&amp;Format</translation>
        </message>
        <message>
            <source>S&amp;eries</source>
            <translation>&amp;Seriya</translation>
        </message>
        <message>
            <source>&amp;Provenance</source>
            <translation>&amp;Mənşə</translation>
        </message>
        <message>
            <source>The regions (MRZ, portrait, ghost image, VIZ fields, UV and IR features, personalised area) are found automatically; correct them in the editor afterwards.</source>
            <translation>Sahələr (MRZ, portret, kölgə təsviri, VIZ sahələri, UB və İQ əlamətləri, fərdiləşdirilmiş sahə) avtomatik tapılır; sonra onları redaktorda düzəldin.</translation>
        </message>
        <message>
            <source>Make the reference</source>
            <translation>Etalonu yarat</translation>
        </message>
        <message>
            <source>a name is needed, e.g. Utopia passport, 2025 series</source>
            <translation>ad lazımdır, məs., Utopiya pasportu, 2025 seriyası</translation>
        </message>
    </context>
    <context>
        <name>ReferenceDetailsDialog</name>
        <message>
            <source>Reference details</source>
            <translation>Etalonun məlumatları</translation>
        </message>
        <message>
            <source>e.g. UTO</source>
            <translation>məs., UTO</translation>
        </message>
        <message>
            <source>e.g. P</source>
            <translation>məs., P</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>məlum deyil</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, empty if not known</source>
            <translation>İİİİ-AA-GG, məlum deyilsə boş</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, empty if still issued</source>
            <translation>İİİİ-AA-GG, hələ verilirsə boş</translation>
        </message>
        <message>
            <source>e.g. where the specimens came from, what to look at</source>
            <translation>məs., nümunələr haradan gəlib, nəyə baxmalı</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Ad</translation>
        </message>
        <message>
            <source>S&amp;eries</source>
            <translation>S&amp;eriya</translation>
        </message>
        <message>
            <source>Issuing &amp;state</source>
            <translation>Verən &amp;dövlət</translation>
        </message>
        <message>
            <source>Document &amp;code</source>
            <translation>Sənəd &amp;kodu</translation>
        </message>
        <message>
            <source>&amp;Format</source>
            <translation>&amp;Format</translation>
        </message>
        <message>
            <source>Issued f&amp;rom</source>
            <translation>&amp;Verilmə başlanğıcı</translation>
        </message>
        <message>
            <source>Issued &amp;until</source>
            <translation>Verilmə s&amp;onu</translation>
        </message>
        <message>
            <source>N&amp;otes</source>
            <translation>Qe&amp;ydlər</translation>
        </message>
        <message>
            <source>The details are kept in the library's audit trail. The annotation (its regions) keeps its version.</source>
            <translation>Məlumatlar kitabxananın audit jurnalında saxlanılır. Annotasiya (onun sahələri) öz versiyasını saxlayır.</translation>
        </message>
        <message>
            <source>Save the details</source>
            <translation>Məlumatları saxla</translation>
        </message>
        <message>
            <source>A reference needs a name.</source>
            <translation>Etalonun adı olmalıdır.</translation>
        </message>
        <message>
            <source>Write the dates of the issue period as YYYY-MM-DD (e.g. 2019-03-01), or leave them empty.</source>
            <translation>Verilmə dövrünün tarixlərini İİİİ-AA-GG kimi yazın (məs., 2019-03-01) və ya boş saxlayın.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceEditor</name>
        <message>
            <source>Portrait</source>
            <translation>Portret</translation>
        </message>
        <message>
            <source>Ghost image</source>
            <translation>Kölgə təsviri</translation>
        </message>
        <message>
            <source>MRZ</source>
            <translation>MRZ</translation>
        </message>
        <message>
            <source>VIZ field</source>
            <translation>VIZ sahəsi</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>İmza</translation>
        </message>
        <message>
            <source>Document number</source>
            <translation>Sənədin nömrəsi</translation>
        </message>
        <message>
            <source>UV feature</source>
            <translation>UB əlaməti</translation>
        </message>
        <message>
            <source>IR feature</source>
            <translation>İQ əlaməti</translation>
        </message>
        <message>
            <source>Personalised area</source>
            <translation>Fərdiləşdirilmiş sahə</translation>
        </message>
        <message>
            <source>Fixed design</source>
            <translation>Sabit dizayn</translation>
        </message>
        <message>
            <source>absorbs (dark)</source>
            <translation>udur (tünd)</translation>
        </message>
        <message>
            <source>drops out</source>
            <translation>görünmür</translation>
        </message>
        <message>
            <source>fluoresces</source>
            <translation>lüminessensiya edir</translation>
        </message>
        <message>
            <source>dull (no glow)</source>
            <translation>tutqun (işıltı yoxdur)</translation>
        </message>
        <message>
            <source>as on the specimen</source>
            <translation>nümunədəki kimi</translation>
        </message>
        <message>
            <source>blue</source>
            <translation>göy</translation>
        </message>
        <message>
            <source>green</source>
            <translation>yaşıl</translation>
        </message>
        <message>
            <source>yellow</source>
            <translation>sarı</translation>
        </message>
        <message>
            <source>orange</source>
            <translation>narıncı</translation>
        </message>
        <message>
            <source>red</source>
            <translation>qırmızı</translation>
        </message>
        <message>
            <source>violet</source>
            <translation>bənövşəyi</translation>
        </message>
        <message>
            <source>white</source>
            <translation>ağ</translation>
        </message>
        <message>
            <source>Reference {name}</source>
            <translation>Etalon {name}</translation>
        </message>
        <message>
            <source>&amp;Draw a region</source>
            <translation>Sahə &amp;çək</translation>
        </message>
        <message>
            <source>Drag on the specimen to add a region (then set its role)</source>
            <translation>Sahə əlavə etmək üçün nümunə üzərində dartın (sonra rolunu təyin edin)</translation>
        </message>
        <message>
            <source>De&amp;lete region</source>
            <translation>Sahəni &amp;sil</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>Sığdır</translation>
        </message>
        <message>
            <source>Double-click a region to zoom to it</source>
            <translation>Yaxınlaşmaq üçün sahəyə iki dəfə klikləyin</translation>
        </message>
        <message>
            <source>The colour the region glows in UV light (measured on the specimen, or chosen)</source>
            <translation>Sahənin UB işığında parıldadığı rəng (nümunədə ölçülmüş və ya seçilmiş)</translation>
        </message>
        <message>
            <source>Other colour…</source>
            <translation>Başqa rəng…</translation>
        </message>
        <message>
            <source>Selected region</source>
            <translation>Seçilmiş sahə</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Sahə</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>&amp;Rol</translation>
        </message>
        <message>
            <source>VIZ &amp;field</source>
            <translation>VIZ &amp;sahəsi</translation>
        </message>
        <message>
            <source>In &amp;UV</source>
            <translation>&amp;UB-da</translation>
        </message>
        <message>
            <source>colour not said</source>
            <translation>rəng göstərilməyib</translation>
        </message>
        <message>
            <source>In &amp;IR</source>
            <translation>&amp;İQ-da</translation>
        </message>
        <message>
            <source>what you corrected (kept with the version)</source>
            <translation>nəyi düzəltdiniz (versiya ilə saxlanılır)</translation>
        </message>
        <message>
            <source>&amp;Save as new version</source>
            <translation>Yeni versiya kimi &amp;saxla</translation>
        </message>
        <message>
            <source>Start from the chosen version</source>
            <translation>Seçilmiş versiyadan başla</translation>
        </message>
        <message>
            <source>Edit from an earlier version (saving keeps it as the next version)</source>
            <translation>Əvvəlki versiyadan redaktə et (saxladıqda növbəti versiya kimi qalır)</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>Versiyalar</translation>
        </message>
        <message>
            <source>Regions</source>
            <translation>Sahələr</translation>
        </message>
        <message>
            <source>Dashed: found automatically (check it). Solid: drawn or corrected by an examiner.</source>
            <translation>Qırıq xətt: avtomatik tapılıb (yoxlayın). Bütöv xətt: ekspert tərəfindən çəkilib və ya düzəldilib.</translation>
        </message>
        <message>
            <source>type not known</source>
            <translation>növ məlum deyil</translation>
        </message>
        <message>
            <source> to </source>
            <translation> – </translation>
        </message>
        <message>
            <source>, series {series}</source>
            <translation>, seriya {series}</translation>
        </message>
        <message>
            <source>, issued {period}</source>
            <translation>, verilib {period}</translation>
        </message>
        <message numerus="yes">
            <source>%n specimen(s)</source>
            <translation>
                <numerusform>%n nümunə</numerusform>
                <numerusform>%n nümunə</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;b&gt;synthetic&lt;/b&gt; (the generator's)</source>
            <translation>&lt;b&gt;sintetik&lt;/b&gt; (generatorun)</translation>
        </message>
        <message numerus="yes">
            <source>%n regions</source>
            <translation>
                <numerusform>%n sahə</numerusform>
                <numerusform>%n sahə</numerusform>
            </translation>
        </message>
        <message>
            <source>no note</source>
            <translation>qeyd yoxdur</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Etalon</translation>
        </message>
        <message>
            <source>Reference {name} has no specimen to annotate.</source>
            <translation>{name} etalonunda annotasiya üçün nümunə yoxdur.</translation>
        </message>
        <message>
            <source>Opening the reference {name}</source>
            <translation>{name} etalonu açılır</translation>
        </message>
        <message>
            <source>The specimen's images could not be read: {error}</source>
            <translation>Nümunənin təsvirləri oxuna bilmədi: {error}</translation>
        </message>
        <message>
            <source>automatic</source>
            <translation>avtomatik</translation>
        </message>
        <message>
            <source>examiner</source>
            <translation>ekspert</translation>
        </message>
        <message>
            <source> (changed, not saved)</source>
            <translation> (dəyişdirilib, saxlanılmayıb)</translation>
        </message>
        <message>
            <source>Editing from version {version}</source>
            <translation>{version} versiyasından redaktə</translation>
        </message>
        <message>
            <source>No annotation yet</source>
            <translation>Hələ annotasiya yoxdur</translation>
        </message>
        <message>
            <source>none chosen: click a region</source>
            <translation>heç biri seçilməyib: sahəyə klikləyin</translation>
        </message>
        <message>
            <source>Found automatically (confidence {confidence}); a change makes it the examiner's.</source>
            <translation>Avtomatik tapılıb (etibar {confidence}); dəyişiklik onu ekspertin edir.</translation>
        </message>
        <message>
            <source>Drawn or corrected by an examiner.</source>
            <translation>Ekspert tərəfindən çəkilib və ya düzəldilib.</translation>
        </message>
        <message>
            <source>The colour it glows in UV</source>
            <translation>UB-də parıldama rəngi</translation>
        </message>
        <message>
            <source>Save the annotation</source>
            <translation>Annotasiyanı saxla</translation>
        </message>
        <message>
            <source>The new version was not kept: {error}</source>
            <translation>Yeni versiya saxlanılmadı: {error}</translation>
        </message>
    </context>
    <context>
        <name>ReferenceLibraryDialog</name>
        <message>
            <source>Name</source>
            <translation>Ad</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Dövlət</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Kod</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Series</source>
            <translation>Seriya</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>Verilib</translation>
        </message>
        <message>
            <source>Specimens</source>
            <translation>Nümunələr</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Versiya</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Növ</translation>
        </message>
        <message>
            <source>none</source>
            <translation>yoxdur</translation>
        </message>
        <message>
            <source>synthetic</source>
            <translation>sintetik</translation>
        </message>
        <message>
            <source>genuine</source>
            <translation>həqiqi</translation>
        </message>
        <message>
            <source>Reference library</source>
            <translation>Etalon kitabxanası</translation>
        </message>
        <message>
            <source>Search: state, document code, format or name (e.g. UTO P TD3)</source>
            <translation>Axtarış: dövlət, sənəd kodu, format və ya ad (məs., UTO P TD3)</translation>
        </message>
        <message>
            <source>Drop a genuine specimen's folder (visible.*, uv.*, ir.*) or its captures here to make a reference. The generator's references are marked synthetic.</source>
            <translation>Etalon yaratmaq üçün həqiqi nümunənin qovluğunu (visible.*, uv.*, ir.*) və ya çəkilişlərini bura atın. Generatorun etalonları sintetik kimi işarələnib.</translation>
        </message>
        <message>
            <source>New from &amp;captures…</source>
            <translation>Çəkilişlərdən &amp;yeni…</translation>
        </message>
        <message>
            <source>Make a reference from the captures of a genuine specimen (a folder, or files)</source>
            <translation>Həqiqi nümunənin çəkilişlərindən etalon yarat (qovluq və ya fayllar)</translation>
        </message>
        <message>
            <source>From the open &amp;case</source>
            <translation>Açıq &amp;işdən</translation>
        </message>
        <message>
            <source>Use the open case's document as a genuine specimen of a new reference</source>
            <translation>Açıq işin sənədini yeni etalonun həqiqi nümunəsi kimi istifadə et</translation>
        </message>
        <message>
            <source>Generator's &amp;design…</source>
            <translation>Generatorun &amp;dizaynı…</translation>
        </message>
        <message>
            <source>Add a design of the generator (synthetic), e.g. UTO-TD3 or CSP-TD1-3</source>
            <translation>Generatorun dizaynını əlavə et (sintetik), məs., UTO-TD3 və ya CSP-TD1-3</translation>
        </message>
        <message>
            <source>De&amp;tails…</source>
            <translation>&amp;Məlumatlar…</translation>
        </message>
        <message>
            <source>Edit the chosen reference's name, series, state, code, format, issue period and notes</source>
            <translation>Seçilmiş etalonun adını, seriyasını, dövlətini, kodunu, formatını, verilmə dövrünü və qeydlərini redaktə et</translation>
        </message>
        <message>
            <source>Add &amp;specimen</source>
            <translation>Nümunə əlavə &amp;et</translation>
        </message>
        <message>
            <source>Add a further genuine specimen (another holder's document) to the chosen reference; its personalised areas are learnt again</source>
            <translation>Seçilmiş etalona daha bir həqiqi nümunə (başqa sahibin sənədi) əlavə et; fərdiləşdirilmiş sahələri yenidən öyrənilir</translation>
        </message>
        <message>
            <source>From captures…</source>
            <translation>Çəkilişlərdən…</translation>
        </message>
        <message>
            <source>From the open case</source>
            <translation>Açıq işdən</translation>
        </message>
        <message>
            <source>&amp;Open in editor</source>
            <translation>Redaktorda &amp;aç</translation>
        </message>
        <message>
            <source>&amp;Use for comparison</source>
            <translation>Müqayisə üçün &amp;istifadə et</translation>
        </message>
        <message>
            <source>Compare the open case with this reference (its current annotation version)</source>
            <translation>Açıq işi bu etalonla müqayisə et (onun cari annotasiya versiyası)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bağla</translation>
        </message>
        <message>
            <source>The library could not be read: {error}</source>
            <translation>Kitabxana oxuna bilmədi: {error}</translation>
        </message>
        <message>
            <source>Drawing the references' thumbnails</source>
            <translation>Etalonların miniatürləri çəkilir</translation>
        </message>
        <message>
            <source>made by the generator (synthetic), not from a genuine document</source>
            <translation>generator tərəfindən yaradılıb (sintetik), həqiqi sənəddən deyil</translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation>{total} ədəddən {shown}</translation>
        </message>
        <message>
            <source>A genuine specimen's folder (visible.*, uv.*, ir.*)</source>
            <translation>Həqiqi nümunənin qovluğu (visible.*, uv.*, ir.*)</translation>
        </message>
        <message>
            <source>the open case's captures (case {case})</source>
            <translation>açıq işin çəkilişləri ({case} işi)</translation>
        </message>
        <message>
            <source>Making the reference {name}</source>
            <translation>{name} etalonu yaradılır</translation>
        </message>
        <message>
            <source>Making the reference {name}…</source>
            <translation>{name} etalonu yaradılır…</translation>
        </message>
        <message>
            <source>New reference</source>
            <translation>Yeni etalon</translation>
        </message>
        <message>
            <source>The reference was not made: {error}</source>
            <translation>Etalon yaradılmadı: {error}</translation>
        </message>
        <message>
            <source>The generator's design</source>
            <translation>Generatorun dizaynı</translation>
        </message>
        <message>
            <source>Design (its code; type to search):</source>
            <translation>Dizayn (kodu; axtarmaq üçün yazın):</translation>
        </message>
        <message>
            <source>Adding the design {code}</source>
            <translation>{code} dizaynı əlavə olunur</translation>
        </message>
        <message>
            <source>Adding the design {code}…</source>
            <translation>{code} dizaynı əlavə olunur…</translation>
        </message>
        <message>
            <source>Generator's design</source>
            <translation>Generatorun dizaynı</translation>
        </message>
        <message>
            <source>The design was not added: {error}</source>
            <translation>Dizayn əlavə olunmadı: {error}</translation>
        </message>
        <message>
            <source>Reference details</source>
            <translation>Etalonun məlumatları</translation>
        </message>
        <message>
            <source>The reference could not be read: {error}</source>
            <translation>Etalon oxuna bilmədi: {error}</translation>
        </message>
        <message>
            <source>The details were not saved: {error}</source>
            <translation>Məlumatlar saxlanılmadı: {error}</translation>
        </message>
        <message>
            <source>Adding a specimen to {name}</source>
            <translation>{name} etalonuna nümunə əlavə olunur</translation>
        </message>
        <message>
            <source>Adding a specimen to {name}…</source>
            <translation>{name} etalonuna nümunə əlavə olunur…</translation>
        </message>
        <message>
            <source>Add a specimen</source>
            <translation>Nümunə əlavə et</translation>
        </message>
        <message>
            <source>The specimen was not added: {error}</source>
            <translation>Nümunə əlavə edilmədi: {error}</translation>
        </message>
    </context>
    <context>
        <name>ReferencePicker</name>
        <message>
            <source>synthetic</source>
            <translation>sintetik</translation>
        </message>
        <message>
            <source>genuine</source>
            <translation>həqiqi</translation>
        </message>
        <message>
            <source>not annotated</source>
            <translation>annotasiyasız</translation>
        </message>
        <message>
            <source>Reference from the library</source>
            <translation>Kitabxanadan etalon</translation>
        </message>
        <message>
            <source>Use</source>
            <translation>İstifadə et</translation>
        </message>
        <message>
            <source>Compare the open case with the reference chosen here (its current annotation version)</source>
            <translation>Açıq işi burada seçilmiş etalonla müqayisə et (onun cari annotasiya versiyası)</translation>
        </message>
        <message>
            <source>Library…</source>
            <translation>Kitabxana…</translation>
        </message>
        <message>
            <source>Browse the whole library, or make a reference</source>
            <translation>Bütün kitabxananı nəzərdən keçir və ya etalon yarat</translation>
        </message>
        <message>
            <source>Proposed: </source>
            <translation>Təklif: </translation>
        </message>
        <message>
            <source>&lt;b&gt;{reference}&lt;/b&gt; proposed: {why}.</source>
            <translation>&lt;b&gt;{reference}&lt;/b&gt; təklif olunur: {why}.</translation>
        </message>
        <message>
            <source>In use: {reference}</source>
            <translation>İstifadədə: {reference}</translation>
        </message>
    </context>
    <context>
        <name>Review</name>
        <message>
            <source>draft</source>
            <translation>layihə</translation>
        </message>
        <message>
            <source>submitted for review</source>
            <translation>yoxlamaya göndərilib</translation>
        </message>
        <message>
            <source>reviewed: agreed</source>
            <translation>yoxlanılıb: razılaşdırılıb</translation>
        </message>
        <message>
            <source>reviewed: returned with comments</source>
            <translation>yoxlanılıb: şərhlərlə qaytarılıb</translation>
        </message>
        <message>
            <source>issued</source>
            <translation>buraxılıb</translation>
        </message>
        <message>
            <source>Open a case first.</source>
            <translation>Əvvəlcə işi açın.</translation>
        </message>
        <message>
            <source>The case store can only be read here.</source>
            <translation>İş bazası burada yalnız oxuna bilər.</translation>
        </message>
        <message>
            <source>Sign in first (File &gt; Sign out / switch user).</source>
            <translation>Əvvəlcə daxil olun (Fayl &gt; Çıxış / istifadəçini dəyiş).</translation>
        </message>
        <message>
            <source>You have no signing key that is not revoked: an administrator makes you one (docexam key create).</source>
            <translation>Ləğv edilməmiş imza açarınız yoxdur: administrator sizə açar yaradır (docexam key create).</translation>
        </message>
        <message>
            <source>Record a verdict first: the review checks the conclusion.</source>
            <translation>Əvvəlcə rəy qeyd edin: yoxlama rəyi yoxlayır.</translation>
        </message>
        <message>
            <source>The case is submitted already, reviewed or issued.</source>
            <translation>İş artıq göndərilib, yoxlanılıb və ya buraxılıb.</translation>
        </message>
        <message>
            <source>Only a case submitted for review is reviewed.</source>
            <translation>Yalnız yoxlamaya göndərilmiş iş yoxlanılır.</translation>
        </message>
        <message>
            <source>This is your own case (you examined it, or recorded or submitted its verdict): a second examiner reviews it.</source>
            <translation>Bu sizin öz işinizdir (onu siz araşdırmısınız və ya rəyini qeyd etmiş, göndərmisiniz): onu ikinci ekspert yoxlayır.</translation>
        </message>
        <message>
            <source>A report is issued only after a reviewer agreed with the conclusion: submit the case for review first.</source>
            <translation>Hesabat yalnız yoxlayıcı rəylə razılaşdıqdan sonra buraxılır: əvvəlcə işi yoxlamaya göndərin.</translation>
        </message>
        <message>
            <source>The case is issued: its conclusion and report stand, and nothing more is recorded in it.</source>
            <translation>İş buraxılıb: onun rəyi və hesabatı qüvvədədir, ona daha heç nə yazılmır.</translation>
        </message>
        <message>
            <source>Your role ({role}) may not do this; only: {roles}.</source>
            <translation>Rolunuz ({role}) buna icazə vermir; yalnız: {roles}.</translation>
        </message>
        <message>
            <source>Status: &lt;b&gt;{state}&lt;/b&gt;</source>
            <translation>Vəziyyət: &lt;b&gt;{state}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Conclusion: {verdict}, {fraud}, confidence {confidence}</source>
            <translation>Nəticə: {verdict}, {fraud}, əminlik: {confidence}</translation>
        </message>
        <message>
            <source>no fraud type</source>
            <translation>saxtakarlıq növü yoxdur</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>göstərilməyib</translation>
        </message>
        <message>
            <source>Submitted by {who}, {when} UTC</source>
            <translation>Göndərən: {who}, {when} UTC</translation>
        </message>
        <message>
            <source>Reviewer: {who}, {when} UTC</source>
            <translation>Yoxlayıcı: {who}, {when} UTC</translation>
        </message>
        <message>
            <source>Issued by {who}, {when} UTC</source>
            <translation>Buraxan: {who}, {when} UTC</translation>
        </message>
        <message>
            <source>{who} agreed, {when} UTC</source>
            <translation>{who} razılaşdı, {when} UTC</translation>
        </message>
        <message>
            <source>{who} returned it, {when} UTC</source>
            <translation>{who} qaytardı, {when} UTC</translation>
        </message>
        <message>
            <source>no comment</source>
            <translation>şərh yoxdur</translation>
        </message>
    </context>
    <context>
        <name>ReviewBox</name>
        <message>
            <source>Review</source>
            <translation>Yoxlama</translation>
        </message>
        <message>
            <source>Submit for review</source>
            <translation>Yoxlamaya göndər</translation>
        </message>
        <message>
            <source>Agree</source>
            <translation>Razılaş</translation>
        </message>
        <message>
            <source>Return…</source>
            <translation>Qaytar…</translation>
        </message>
        <message>
            <source>Issue</source>
            <translation>Burax</translation>
        </message>
        <message>
            <source>Send the conclusion to a second examiner for technical review</source>
            <translation>Rəyi texniki yoxlama üçün ikinci ekspertə göndərin</translation>
        </message>
        <message>
            <source>Agree with the conclusion</source>
            <translation>Rəylə razılaşın</translation>
        </message>
        <message>
            <source>Return the conclusion to the examiner with your comments</source>
            <translation>Rəyi şərhlərinizlə ekspertə qaytarın</translation>
        </message>
        <message>
            <source>Issue the case: its report becomes final</source>
            <translation>İşi buraxın: onun hesabatı yekun olur</translation>
        </message>
        <message>
            <source>Return with comments</source>
            <translation>Şərhlərlə qaytar</translation>
        </message>
        <message>
            <source>What should the examiner look at again? (they read it beside the findings)</source>
            <translation>Ekspert nəyə yenidən baxmalıdır? (o bunu əlamətlərin yanında oxuyur)</translation>
        </message>
        <message>
            <source>Submitted for review.</source>
            <translation>Yoxlamaya göndərildi.</translation>
        </message>
        <message>
            <source>The case was not submitted: {error}</source>
            <translation>İş göndərilmədi: {error}</translation>
        </message>
        <message>
            <source>You agreed with the conclusion.</source>
            <translation>Siz rəylə razılaşdınız.</translation>
        </message>
        <message>
            <source>The review was not recorded: {error}</source>
            <translation>Yoxlama qeyd edilmədi: {error}</translation>
        </message>
        <message>
            <source>The case was not returned: say what should be looked at again.</source>
            <translation>İş qaytarılmadı: nəyə yenidən baxılmalı olduğunu yazın.</translation>
        </message>
        <message>
            <source>Returned to the examiner with your comments.</source>
            <translation>Şərhlərinizlə ekspertə qaytarıldı.</translation>
        </message>
        <message>
            <source>The case is issued: its report is final.</source>
            <translation>İş buraxıldı: onun hesabatı yekundur.</translation>
        </message>
        <message>
            <source>The case was not issued: {error}</source>
            <translation>İş buraxılmadı: {error}</translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueDialog</name>
        <message>
            <source>Case</source>
            <translation>İş</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Başlıq</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Rəy</translation>
        </message>
        <message>
            <source>Submitted by</source>
            <translation>Göndərən</translation>
        </message>
        <message>
            <source>Submitted (UTC)</source>
            <translation>Göndərilib (UTC)</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Yoxlama</translation>
        </message>
        <message>
            <source>Review queue</source>
            <translation>Yoxlama növbəsi</translation>
        </message>
        <message>
            <source>Open the case</source>
            <translation>İşi aç</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Yenilə</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bağla</translation>
        </message>
        <message>
            <source>You may open these cases, not review them: {why}</source>
            <translation>Bu işləri aça bilərsiniz, yoxlaya bilməzsiniz: {why}</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) awaiting review, oldest first. Open one to agree with its conclusion or return it with comments.</source>
            <translation>
                <numerusform>Yoxlama gözləyən %n iş, ən köhnəsi əvvəldə. Rəylə razılaşmaq və ya onu şərhlərlə qaytarmaq üçün işi açın.</numerusform>
                <numerusform>Yoxlama gözləyən %n iş, ən köhnəsi əvvəldə. Rəylə razılaşmaq və ya onu şərhlərlə qaytarmaq üçün işi açın.</numerusform>
            </translation>
        </message>
        <message>
            <source>your own: another reviewer</source>
            <translation>sizin öz işiniz: başqa yoxlayıcı</translation>
        </message>
        <message>
            <source>awaiting you</source>
            <translation>sizi gözləyir</translation>
        </message>
        <message>
            <source>No case awaits review.</source>
            <translation>Yoxlama gözləyən iş yoxdur.</translation>
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>administrator</source>
            <translation>administrator</translation>
        </message>
        <message>
            <source>examiner</source>
            <translation>ekspert</translation>
        </message>
        <message>
            <source>reviewer</source>
            <translation>yoxlayıcı</translation>
        </message>
        <message>
            <source>trainer</source>
            <translation>təlimçi</translation>
        </message>
        <message>
            <source>trainee</source>
            <translation>kursant</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in to docexam</source>
            <translation>docexam-a daxil olun</translation>
        </message>
        <message>
            <source>This case store keeps accounts: everything you record is signed with your key and kept under your name.</source>
            <translation>Bu iş bazasında hesablar var: qeyd etdiyiniz hər şey açarınızla imzalanır və adınızla saxlanılır.</translation>
        </message>
        <message>
            <source>Case store: {where}</source>
            <translation>İş bazası: {where}</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Daxil ol</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>İmtina</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>İstifadəçi adı</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Parol ifadəsi</translation>
        </message>
        <message>
            <source>Give your user name.</source>
            <translation>İstifadəçi adınızı yazın.</translation>
        </message>
        <message>
            <source>The account {name} is disabled: an administrator can say why.</source>
            <translation>{name} hesabı bağlanıb: səbəbini administrator deyə bilər.</translation>
        </message>
        <message>
            <source>Cannot sign in as {name}: no such account, or a wrong passphrase. Try again.</source>
            <translation>{name} kimi daxil olmaq mümkün deyil: belə hesab yoxdur və ya parol ifadəsi səhvdir. Yenidən cəhd edin.</translation>
        </message>
    </context>
    <context>
        <name>TraineePanel</name>
        <message>
            <source>No pack open</source>
            <translation>Açıq paket yoxdur</translation>
        </message>
        <message>
            <source>— not judged —</source>
            <translation>— qiymətləndirilməyib —</translation>
        </message>
        <message>
            <source>width</source>
            <translation>en</translation>
        </message>
        <message>
            <source>height</source>
            <translation>hündürlük</translation>
        </message>
        <message>
            <source>— kind not given —</source>
            <translation>— növ göstərilməyib —</translation>
        </message>
        <message>
            <source>Add mark</source>
            <translation>Qeyd əlavə et</translation>
        </message>
        <message>
            <source>Remove mark</source>
            <translation>Qeydi sil</translation>
        </message>
        <message>
            <source>trainee's name</source>
            <translation>kursantın adı</translation>
        </message>
        <message>
            <source>Submit for scoring</source>
            <translation>Qiymətləndirməyə göndər</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Sənəd</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Rəy</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Açar</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>Tapılan</translation>
        </message>
        <message>
            <source>False marks</source>
            <translation>Yanlış qeydlər</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Sənədlər</translation>
        </message>
        <message>
            <source>Your answer for this document</source>
            <translation>Bu sənəd üzrə cavabınız</translation>
        </message>
        <message>
            <source>Drag on the image to mark a region in the light shown, or type its box:</source>
            <translation>Göstərilən işıqda sahəni qeyd etmək üçün təsvir üzərində dartın və ya onun çərçivəsini yazın:</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Nəticə</translation>
        </message>
        <message>
            <source>What the key says of this document:</source>
            <translation>Açar bu sənəd haqqında nə deyir:</translation>
        </message>
        <message numerus="yes">
            <source>Pack: {pack}  (%n documents)</source>
            <translation>
                <numerusform>Paket: {pack}  (%n sənəd)</numerusform>
                <numerusform>Paket: {pack}  (%n sənəd)</numerusform>
            </translation>
        </message>
        <message>
            <source>Open a pack first.</source>
            <translation>Əvvəlcə paketi açın.</translation>
        </message>
        <message>
            <source>The mark was not added: {error}</source>
            <translation>Qeyd əlavə olunmadı: {error}</translation>
        </message>
        <message>
            <source>Choose a mark to remove.</source>
            <translation>Silmək üçün qeyd seçin.</translation>
        </message>
        <message>
            <source>x {x}, y {y}, {w} × {h}</source>
            <translation>x {x}, y {y}, {w} × {h}</translation>
        </message>
        <message>
            <source>Enter the trainee's name: the attempt is kept under it.</source>
            <translation>Kursantın adını daxil edin: cəhd bu ad altında saxlanılır.</translation>
        </message>
        <message>
            <source>The attempt could not be scored: {error}</source>
            <translation>Cəhd qiymətləndirilə bilmədi: {error}</translation>
        </message>
        <message>
            <source>Scored, but the attempt was not kept: {error}</source>
            <translation>Qiymətləndirildi, lakin cəhd saxlanılmadı: {error}</translation>
        </message>
        <message>
            <source>Attempt kept for {trainee}.</source>
            <translation>{trainee} üçün cəhd saxlanıldı.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Score {score}/100&lt;/b&gt;: {right}/{documents} verdicts right, {found}/{alterations} alterations found, {false} false mark(s), {unanswered} unanswered</source>
            <translation>&lt;b&gt;Bal {score}/100&lt;/b&gt;: {right}/{documents} rəy düzgün, {found}/{alterations} dəyişiklik tapılıb, {false} yanlış qeyd, {unanswered} cavabsız</translation>
        </message>
        <message>
            <source>right</source>
            <translation>düzgün</translation>
        </message>
        <message>
            <source>wrong ({answer})</source>
            <translation>səhv ({answer})</translation>
        </message>
        <message>
            <source>none</source>
            <translation>yoxdur</translation>
        </message>
        <message>
            <source>The answer key is not shown to a trainee: your trainer goes through it.</source>
            <translation>Cavab açarı kursanta göstərilmir: onu təlimçiniz izah edəcək.</translation>
        </message>
        <message>
            <source>{verdict}: no alteration</source>
            <translation>{verdict}: dəyişiklik yoxdur</translation>
        </message>
        <message>
            <source>{kind} in {lights}: x {x}, y {y}, {w} × {h}</source>
            <translation>{kind}, işıq: {lights}: x {x}, y {y}, {w} × {h}</translation>
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
            <translation>Saxla</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Hamısını saxla</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Aç</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Bəli</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>&amp;Hamısına bəli</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Xeyr</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>Hamısına x&amp;eyr</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Dayandır</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Təkrarla</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Nəzərə alma</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Bağla</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>İmtina</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Saxlamadan çıx</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Kömək</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Tətbiq et</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Sıfırla</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Standart dəyərlər</translation>
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
            <translation>&amp;Saxla</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>İ&amp;mtina</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Bağla</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translation>Saxlamadan bağla</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Ətraflı göstər...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Ətraflını gizlət...</translation>
        </message>
    </context>
    <context>
        <name>ChecksDialog</name>
        <message>
            <source>Checks performed</source>
            <translation>Aparılmış yoxlamalar</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>İşıq</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Yoxlama</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Nəticə</translation>
        </message>
        <message>
            <source>document</source>
            <translation>sənəd</translation>
        </message>
        <message>
            <source>Checks not recorded: this comparison was stored by an earlier version of docexam, which did not record which checks ran. A light without findings shows only that nothing was found; compare again for the list of checks and their outcome.</source>
            <translation>Yoxlamalar qeydə alınmayıb: bu müqayisə docexam-ın hansı yoxlamaların aparıldığını qeyd etməyən əvvəlki versiyası ilə saxlanılıb. Əlamətsiz işıq yalnız heç nə tapılmadığını göstərir; yoxlamaların siyahısı və nəticələri üçün yenidən müqayisə edin.</translation>
        </message>
        <message>
            <source>What the comparison could not check</source>
            <translation>Müqayisənin yoxlaya bilmədikləri</translation>
        </message>
        <message>
            <source>"passed": the check ran and found nothing at or above the reporting level.</source>
            <translation>"keçdi": yoxlama aparılıb və qeydiyyat səviyyəsində və ya ondan yuxarı heç nə aşkarlamayıb.</translation>
        </message>
        <message>
            <source>registered</source>
            <translation>uyğunlaşdırılıb</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>keçdi</translation>
        </message>
        <message numerus="yes">
            <source>%n alarm(s)</source>
            <translation>
                <numerusform>%n siqnal</numerusform>
                <numerusform>%n siqnal</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n note(s)</source>
            <translation>
                <numerusform>%n qeyd</numerusform>
                <numerusform>%n qeyd</numerusform>
            </translation>
        </message>
        <message>
            <source>Checks not recorded</source>
            <translation>Yoxlamalar qeydə alınmayıb</translation>
        </message>
        <message numerus="yes">
            <source>%n check(s) passed</source>
            <translation>
                <numerusform>Keçən yoxlamalar: %n</numerusform>
                <numerusform>Keçən yoxlamalar: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with alarms</source>
            <translation>
                <numerusform>siqnallı: %n</numerusform>
                <numerusform>siqnallı: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with notes only</source>
            <translation>
                <numerusform>yalnız qeydli: %n</numerusform>
                <numerusform>yalnız qeydli: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n thing(s) not checked</source>
            <translation>
                <numerusform>yoxlanılmayan: %n</numerusform>
                <numerusform>yoxlanılmayan: %n</numerusform>
            </translation>
        </message>
    </context>
</TS>
