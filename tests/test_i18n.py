"""docexam.i18n: the language chosen, the catalogues loaded (compiled or not), plurals, capitals, dates and numbers."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from docexam import i18n
from docexam.i18n import Translator, language, normalize, set_language, upper


@pytest.fixture
def no_choice(monkeypatch):
    """No language chosen: neither set_language, nor $DOCEXAM_LANG, nor any locale variable."""
    set_language(None)
    for var in ("DOCEXAM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    yield monkeypatch
    set_language(None)


def test_a_language_is_named_by_its_code_or_any_locale_of_it():
    assert [normalize(v) for v in ("az", "az_AZ.UTF-8", "az-Latn", "ru-RU", "RU", "en_GB@euro")] == \
        ["az", "az", "az", "ru", "ru", "en"]
    assert [normalize(v) for v in ("", None, "C", "POSIX", "de_DE.UTF-8")] == [None] * 5


def test_the_language_comes_from_the_choice_then_docexam_lang_then_the_locale_then_english(no_choice):
    assert language() == "en"
    no_choice.setenv("LANG", "ru_RU.UTF-8")
    assert language() == "ru"
    no_choice.setenv("LANGUAGE", "de:az:ru")  # a list of preferences: the first docexam speaks
    assert language() == "az"
    no_choice.setenv("LC_ALL", "C")  # LANGUAGE comes first, as gettext reads them
    assert language() == "az"
    no_choice.delenv("LANGUAGE")
    assert language() == "en"  # LC_ALL=C says English, whatever LANG says
    no_choice.setenv("DOCEXAM_LANG", "ru")
    assert language() == "ru"
    no_choice.setenv("DOCEXAM_LANG", "tlh")  # a language docexam does not speak
    assert language() == "en"
    set_language("az")
    assert language() == "az" and i18n._("VERDICT") == "NƏTİCƏ"
    set_language(None)
    assert language() == "en" and i18n._("VERDICT") == "VERDICT"


def test_an_unknown_language_asked_for_is_refused_with_the_choices(no_choice):
    with pytest.raises(ValueError, match="choose one of en, az, ru"):
        set_language("klingon")
    assert language() == "en"


def test_russian_has_three_plural_forms_and_azerbaijani_one_after_a_number():
    ru, az, en = Translator("ru"), Translator("az"), Translator("en")
    forms = [ru.ngettext("{n} alarm(s)", "{n} alarm(s)", n).format(n=n) for n in (1, 3, 5, 21, 11)]
    assert forms == ["1 тревога", "3 тревоги", "5 тревог", "21 тревога", "11 тревог"]
    assert [az.ngettext("{n} alarm(s)", "{n} alarm(s)", n).format(n=n) for n in (1, 3)] == ["1 siqnal", "3 siqnal"]
    assert en.ngettext("{n} alarm(s)", "{n} alarm(s)", 3).format(n=3) == "3 alarm(s)"


def test_a_string_no_catalogue_has_is_given_back_as_it_is():
    assert Translator("az").gettext("a sentence nobody marked") == "a sentence nobody marked"
    assert Translator("de").lang == "en"


def test_azerbaijani_capitals_keep_the_dot_on_i():
    assert upper("həqiqi", "az") == "HƏQİQİ" and upper("qırmızı", "az") == "QIRMIZI"
    assert upper("həqiqi", "ru") == "HƏQIQI"  # str.upper elsewhere


def test_dates_and_numbers_in_each_language_and_english_as_docexam_always_wrote_them():
    t = dt.datetime(2026, 11, 28, 9, 5, 7)
    en, az, ru = Translator("en"), Translator("az"), Translator("ru")
    assert (en.datetime(t, utc=True), en.datetime_seconds(t), en.decimal(0.725), en.integer(1234567),
            en.percent(0.95)) == ("2026-11-28 09:05 UTC", "2026-11-28 09:05:07 UTC", "0.72", "1,234,567", "95%")
    assert (az.datetime(t), az.decimal(0.73), az.integer(1234567)) == ("28.11.2026 09:05", "0,73", "1.234.567")
    assert (ru.datetime(t, utc=True), ru.decimal(0.5, 1), ru.integer(1234567).replace("\u00a0", " "),
            ru.percent(0.95).replace("\u00a0", " ")) == ("28.11.2026 09:05 UTC", "0,5", "1 234 567", "95 %")


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """A copy of the catalogues (the .po files only) that docexam.i18n reads instead of its own."""
    folder = tmp_path / "locale"
    for lang in ("az", "ru"):
        po, _mo = i18n.catalogue_files(lang)
        (folder / lang / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(po, folder / lang / "LC_MESSAGES" / po.name)
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.translations.cache_clear()
    yield folder
    i18n.translations.cache_clear()


def test_a_catalogue_without_its_mo_is_compiled_in_memory_from_its_po(locale_copy):
    assert Translator("ru").gettext("Examiner") == "Эксперт"
    assert not list(locale_copy.rglob("*.mo"))  # nothing written into the package


def test_a_compiled_mo_is_used_unless_its_po_is_newer(locale_copy):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    po, mo = (locale_copy / "ru" / "LC_MESSAGES" / "docexam.po", locale_copy / "ru" / "LC_MESSAGES" / "docexam.mo")
    stale = Catalog(locale="ru", domain="docexam")
    stale.add("Examiner", "Эксперт (старый перевод)")
    with mo.open("wb") as f:
        write_mo(f, stale)
    os.utime(mo, (po.stat().st_mtime + 10,) * 2)
    assert Translator("ru").gettext("Examiner") == "Эксперт (старый перевод)"  # the .mo, newer than the .po
    i18n.translations.cache_clear()
    os.utime(po, (mo.stat().st_mtime + 10,) * 2)
    assert Translator("ru").gettext("Examiner") == "Эксперт"  # the .po edited since: compiled again


def test_the_mrz_explained_in_russian_and_in_english_as_before():
    from docexam.mrz import parse
    from docexam.mrz.explain import explain

    result = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
                   today=dt.date(2026, 11, 28))
    ru = explain(result, Translator("ru"))
    lines = [line.split() for line in ru.splitlines()]
    assert "Поля\n  Код документа" in ru and ["Пол", "женский"] in lines
    label_column = {line.index("P") for line in ru.splitlines() if line.startswith("  Код документа")}
    assert label_column == {len("  Дата окончания срока действия  ")}  # the longest label and two spaces
    assert "напечатано '2', вычислено '2'  (строка 2, позиция 20)" in ru
    assert "  - срок действия документа истёк 2012-04-15" in ru
    assert ru.endswith("Вывод: ДЕЙСТВИТЕЛЬНА: МСЗ построена правильно и все контрольные цифры верны; 1 предупреждение "
                       "требует внимания.")
    en = explain(result, Translator("en"))
    assert "  Sex              female\n" in en and en.endswith("with 1 warning(s) to review.")
    assert "  ok   date of birth   printed '2', computed '2'  (line 2, position 20)" in en
