"""The command line in Azerbaijani and Russian (issue 23): --lang anywhere, or $DOCEXAM_LANG, chooses the language of
help, messages, errors and the report; JSON stays the same in every language (codes, not sentences)."""

from __future__ import annotations

import json

import pypdf
import pytest

from docexam.cli import language_asked, main
from docexam.i18n import chosen_language, language
from docexam.store import Store
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens" / "td1-viz-alteration"


@pytest.fixture
def case(tmp_path):
    """(database path, case reference) of a case with a UV capture and a verdict."""
    db = tmp_path / "db" / "cases.db"
    with Store.open(db, actor="A. Examiner") as store:
        c = store.create_case("ID card UTO, counter 2")
        store.attach(c.id, SAMPLE / "uv.jpg", light="uv")
        store.set_verdict(c.id, "counterfeit", note="printed by inkjet")
    return db, c.reference


def text_of(path) -> str:
    return "\n".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def test_lang_is_found_anywhere_before_a_double_dash():
    assert language_asked(["--lang", "az", "case", "list"]) == "az"
    assert language_asked(["case", "report", "1", "--lang=ru_RU", "--out", "x.pdf"]) == "ru"
    assert language_asked(["mrz", "--", "--lang", "ru"]) is None
    assert language_asked(["case", "list"]) is None and language_asked(["--lang"]) is None


def test_help_in_azerbaijani(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--lang", "az", "--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Səyahət sənədlərinin kriminalistik ekspertizası" in out and "əmrlər" in out
    assert "ekspertiza işləri: yaratmaq" in out and "Çıxış kodu: hər şey qaydasındadırsa 0" in out
    assert "Forensic examination of travel documents" not in out


def test_a_report_in_russian_from_the_command_line_says_so_in_russian(case, tmp_path, capsys):
    db, reference = case
    out = tmp_path / "ru.pdf"
    assert main(["case", "report", reference, "--out", str(out), "--db", str(db), "--lang", "ru"]) == 0
    printed = capsys.readouterr().out
    pages = len(pypdf.PdfReader(out).pages)
    assert printed.startswith(f"записано {out}: {pages} страниц")
    text = text_of(out)
    assert "ПОДДЕЛЬНЫЙ (ИЗГОТОВЛЕН ПОЛНОСТЬЮ)" in text and "printed by inkjet" in text and "УФ-свет" in text
    # the next command, without --lang, is in English again
    assert main(["case", "report", reference, "--out", str(tmp_path / "en.pdf"), "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("wrote ") and language() == "en"


def test_a_bilingual_report_and_the_language_before_the_command(case, tmp_path, capsys):
    db, reference = case
    out = tmp_path / "az.pdf"
    assert main(["--lang", "az", "case", "report", reference, "--out", str(out), "--db", str(db), "--bilingual"]) == 0
    assert " yazıldı: " in capsys.readouterr().out
    text = text_of(out)
    assert "NƏTİCƏ / VERDICT" in text and "SAXTA (TAM HAZIRLANMIŞ) / COUNTERFEIT" in text


def test_errors_are_in_the_language_asked_for(case, tmp_path, capsys, monkeypatch):
    db, reference = case
    assert main(["--lang", "ru", "case", "report", reference, "--out", str(tmp_path), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("docexam case report: невозможно записать заключение в ") and "это папка" in err
    monkeypatch.setenv("DOCEXAM_LANG", "az")
    with pytest.raises(SystemExit):
        main(["case", "list", "--db", str(db), "--since", "28/11/2026"])
    assert "'28/11/2026' tarix deyil; onu İİİİ-AA-GG (YYYY-MM-DD) şəklində yazın" in capsys.readouterr().err


def test_json_is_the_same_in_every_language(case, capsys):
    db, reference = case
    shown = {}
    for lang in ("en", "az", "ru"):
        assert main(["--lang", lang, "case", "show", reference, "--json", "--db", str(db)]) == 0
        shown[lang] = json.loads(capsys.readouterr().out)
    assert shown["en"] == shown["az"] == shown["ru"]
    assert chosen_language() is None  # main() leaves the process's language as it found it
    assert shown["ru"]["case"]["verdict"] == "counterfeit"


def test_case_show_list_and_verify_in_russian_and_azerbaijani(case, capsys):
    db, reference = case
    assert main(["--lang", "ru", "case", "show", reference, "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"Дело {reference} (id 1): ID card UTO, counter 2\n")
    assert "  вывод: поддельный (изготовлен полностью) (printed by inkjet), записал A. Examiner" in shown
    assert "журнал аудита (" in shown and "снимок 1: uv" in shown
    assert main(["--lang", "ru", "case", "list", "--db", str(db)]) == 0
    assert "заключение вынесено  поддельный (изготовлен полностью)  1 снимок  ID card UTO" in capsys.readouterr().out
    assert main(["--lang", "az", "case", "verify", "--db", str(db)]) == 0
    verified = capsys.readouterr().out
    assert verified.startswith("yoxlanıldı: 1 iş, 1 çəkiliş, 1 təsvir, ") and " audit jurnalı\n" in verified
    assert "bütün təsvirlər SHA-256-larına uyğundur" in verified


def test_mrz_and_read_explain_in_the_language_asked_for(capsys):
    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    assert main(["--lang", "az", "mrz", *lines, "--today", "2026-11-28"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("MRZ: TD3 pasportu (2 x 44)\n") and "Nəzarət rəqəmləri\n" in said
    assert said.rstrip().endswith("Nəticə: ETİBARLIDIR: MRZ düzgün qurulub və bütün nəzarət rəqəmləri doğrudur; 1 "
                                  "xəbərdarlığa baxmaq lazımdır.")
    assert main(["--lang", "ru", "read", str(ROOT / "samples" / "specimens" / "td3-genuine" / "ir.jpg"),
                 "--engine", "ocrb", "--today", "2026-11-28"]) == 0
    said = capsys.readouterr().out
    assert "  считано модулем ocrb за " in said and "  MRZ: паспорт TD3 (2 x 44)" in said
    assert "  Вывод: ДЕЙСТВИТЕЛЬНА" in said
