"""The PDF report in Azerbaijani and Russian, alone or beside English, read back with pypdf: its fixed words, the
verdict, the checks and the MRZ's words translated, Azerbaijani letters and Cyrillic drawn with the embedded DejaVu
fonts, dates and numbers in the language's form; what the case holds shown as entered (issue 23)."""

from __future__ import annotations

import pypdf
import pytest

from docexam.mrz import parse
from docexam.report import write_report
from docexam.store import Store
from tests.conftest import ROOT, TODAY
from tests.report.test_pdf import SAMPLE, WHEN, comparison  # noqa: F401 - the compared case's fixture, built once

GENUINE = ROOT / "samples" / "specimens" / "td3-genuine"
LINES = ["P<UTOKALINYR<<LINYR<OISFIN<<<<<<<<<<<<<<<<<<", "F583882795UTO0403069F3212161<<<<<<<<<<<<<<<0"]


def text_of(path) -> str:
    return "\n".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def fonts_of(path) -> set[str]:
    reader = pypdf.PdfReader(path)
    return {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """A case with a valid reading, a capture in UV, a verdict and notes in Azerbaijani: (store, case id, tmp)."""
    tmp = tmp_path_factory.mktemp("languages")
    store = Store.open(tmp / "cases.db", actor="Ə. Əliyev")
    result = parse(LINES, today=TODAY)
    reading = {**result.to_dict(), "found": True, "engine": "ocrb", "confidence": 0.93}
    case = store.create_case("Pasport UTO F58388279, Şəki sərhəd məntəqəsi", examiner="Ə. Əliyev",
                             notes="Gecə növbəsi gətirib.")
    store.record_reading(case.id, GENUINE / "ir.jpg", reading, light="ir")
    store.attach(case.id, GENUINE / "uv.jpg", light="uv")
    store.set_verdict(case.id, "genuine", note="bütün yoxlamalar keçdi")
    yield store, case.id, tmp
    store.close()


def test_a_report_in_azerbaijani_draws_its_letters_with_the_embedded_fonts(case):
    store, ident, tmp = case
    info = write_report(store, ident, tmp / "az.pdf", generated_at=WHEN, language="az")
    text = text_of(info.path)
    for expected in ("SƏNƏDİN TEXNİKİ-KRİMİNALİSTİK EKSPERTİZASI ÜZRƏ RƏY", "NƏTİCƏ", "HƏQİQİ",
                     "Əsaslandırma: bütün yoxlamalar keçdi", "Tədqiq olunan sənəd", "Verən dövlət",
                     "Maşınla oxunan zona (MRZ)", "TD3 pasportu (2 x 44): ETİBARLIDIR", "sənədin nömrəsi",
                     "sətir 2, mövqe 10", "düzgün", "Təsvirlərin heşləri", "Audit jurnalı", "93% etibarlılıqla",
                     "Səhifə 1 / ", "28.11.2026 12:00:00 UTC", "Şəki sərhəd məntəqəsi", "Gecə növbəsi gətirib."):
        assert expected in text, expected
    assert all(ch in text for ch in "ƏəŞşğİı")
    for english in ("DOCUMENT EXAMINATION REPORT", "VERDICT", "GENUINE", "Machine readable zone", "Audit trail"):
        assert english not in text, english
    assert any("DejaVu" in f for f in fonts_of(info.path))
    assert pypdf.PdfReader(info.path).trailer["/Root"]["/Lang"] == "az"


def test_a_report_in_russian_is_in_cyrillic_with_russian_plurals_and_numbers(case):
    store, ident, tmp = case
    info = write_report(store, ident, tmp / "ru.pdf", generated_at=WHEN, language="ru")
    text = text_of(info.path)
    for expected in ("ЗАКЛЮЧЕНИЕ ТЕХНИКО-КРИМИНАЛИСТИЧЕСКОЙ ЭКСПЕРТИЗЫ ДОКУМЕНТА", "ВЫВОД", "ПОДЛИННЫЙ",
                     "Исследуемый документ", "Государство выдачи", "Машиносчитываемая зона (МСЗ)",
                     "паспорт TD3 (2 x 44): ДЕЙСТВИТЕЛЬНА", "дата рождения", "строка 2, позиция 20", "верно",
                     "Журнал аудита", "Хеши изображений", "УФ", "Стр. 1 из", "28.11.2026 12:00:00 UTC"):
        assert expected in text, expected
    entries = len(store.show(ident).audit)
    assert entries >= 5 and f"{entries} записей," in text  # 5 to 20: the plural form of many
    assert "DOCUMENT EXAMINATION REPORT" not in text and "VERDICT" not in text
    assert pypdf.PdfReader(info.path).trailer["/Root"]["/Lang"] == "ru"


def test_a_bilingual_report_puts_english_beside_the_national_words(case):
    store, ident, tmp = case
    info = write_report(store, ident, tmp / "az-en.pdf", generated_at=WHEN, language="az", bilingual=True)
    text = text_of(info.path)
    for expected in ("SƏNƏDİN TEXNİKİ-KRİMİNALİSTİK EKSPERTİZASI ÜZRƏ RƏY / DOCUMENT EXAMINATION REPORT",
                     "NƏTİCƏ / VERDICT", "HƏQİQİ / GENUINE", "Ekspert / Examiner", "Tədqiq olunan sənəd / Questioned "
                     "document", "Audit jurnalı / Audit trail", "Read from the ir capture ir.jpg on"):
        assert expected in text, expected
    assert "GENUİNE" not in text  # Azerbaijani capitals for Azerbaijani only
    assert write_report(store, ident, tmp / "en.pdf", generated_at=WHEN, language="en", bilingual=True).sha256 == \
        write_report(store, ident, tmp / "en-plain.pdf", generated_at=WHEN, language="en").sha256


def test_an_english_report_is_the_same_whatever_language_the_session_speaks(case, monkeypatch):
    store, ident, tmp = case
    english = write_report(store, ident, tmp / "en1.pdf", generated_at=WHEN, language="en")
    monkeypatch.setenv("DOCEXAM_LANG", "ru")
    assert write_report(store, ident, tmp / "default.pdf", generated_at=WHEN).sha256 != english.sha256  # Russian now
    assert write_report(store, ident, tmp / "en2.pdf", generated_at=WHEN, language="en").sha256 == english.sha256


def test_without_unicode_fonts_a_national_report_keeps_english_words(case):
    store, ident, tmp = case
    info = write_report(store, ident, tmp / "core.pdf", generated_at=WHEN, language="ru", font_dir=None)
    text = text_of(info.path)
    assert "DOCUMENT EXAMINATION REPORT" in text and "ЗАКЛЮЧЕНИЕ" not in text and "[U+0417]" not in text


def test_a_compared_case_in_azerbaijani_translates_the_checks_lights_and_findings(comparison, tmp_path):  # noqa: F811
    from docexam.compare.mrz_viz import MRZEvidence
    from docexam.details import say

    summary, findings, reading = comparison
    # what the comparison could not check, as stored with its codes (the fixture compared without tesseract's VIZ)
    summary = {**summary, "mrz": MRZEvidence(light="ir", notes=[say("viz_not_compared_no_ocr")]).to_dict()}
    store = Store.open(tmp_path / "cases.db", actor="A. Examiner")
    try:
        case = store.create_case("Passport UTO F58388279")
        store.record_reading(case.id, SAMPLE / "ir.jpg", reading, light="ir")
        store.record_comparison(case.id, {light: SAMPLE / f"{light}.jpg" for light in ("visible", "uv", "ir")},
                                summary, findings)
        store.set_verdict(case.id, "forged")
        info = write_report(store, case.id, tmp_path / "az.pdf", generated_at=WHEN, language="az",
                            reference_cache=tmp_path / "cache")
    finally:
        store.close()
    text = text_of(info.path)
    for expected in ("SAXTALAŞDIRILMIŞ/DƏYİŞDİRİLMİŞ", "Etalon nümunə ilə müqayisə", "Aparılmış yoxlamalar",
                     "portretin kənarı (yapışdırılmış fotoşəklin izi)", "kağızın flüoressensiyası (optik ağardıcılar)",
                     "Görünən işıq", "UB işıq", "İQ işıq", "SİQNAL", "Siqnallar etalon nümunə ilə yanaşı",
                     "etalonla uyğunlaşdırma (", "keçdi", "Təsvir səhifə üçün kiçildilib",
                     "VIZ MRZ ilə müqayisə olunmayıb: tesseract quraşdırılmayıb və ya etalonda VIZ sahələri"):
        assert expected in text, expected
    assert "1 siqnal" in text and "Checks performed" not in text and "Visible light" not in text
    assert "tesseract is not installed" not in text
    # the findings' scores with a decimal comma; their kinds in words, the codes staying in the store and JSON
    assert any(f"{score:.2f}".replace(".", ",") in text for score in (f["score"] for f in findings))
    assert "portret" in text and "paper_fluorescence" not in text


def test_mrz_warnings_are_worded_again_from_their_codes_and_values(tmp_path):
    store = Store.open(tmp_path / "cases.db", actor="A. Examiner")
    try:
        result = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122X1204159ZE184226B<<<<<10"],
                       today=TODAY)
        assert {i.code for i in result.warnings} == {"expired", "sex"}
        case = store.create_case("ICAO specimen")
        store.record_reading(case.id, GENUINE / "ir.jpg", {**result.to_dict(), "found": True}, light="ir")
        ru = text_of(write_report(store, case.id, tmp_path / "ru.pdf", generated_at=WHEN, language="ru").path)
        en = text_of(write_report(store, case.id, tmp_path / "en.pdf", generated_at=WHEN, language="en").path)
    finally:
        store.close()
    assert "срок действия документа истёк 2012-04-15" in ru and "пол 'X': Doc 9303 записывает" in ru
    assert "the document expired on 2012-04-15" in en and "the document expired" not in ru
