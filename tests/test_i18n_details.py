"""A finding's detail is kept as a code and its figures and put in words in the reader's language where it is shown
(issue 23): the command line, the PDF report's record, the workstation; English as it always was, and a record stored
before codes still shows its English sentence."""

from __future__ import annotations

import io
import json
import string

import pytest

from docexam.compare.result import Comparison, Finding, FindingKind
from docexam.details import DETAILS, Said, finding_words, say
from docexam.i18n import Translator, set_language
from docexam.store.records import FindingRecord


def fields(template: str) -> set[str]:
    return {f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_every_detail_is_translated_with_the_same_fields_and_formats(lang):
    words = Translator(lang)
    for code, english in DETAILS.items():
        own = words.gettext(english)
        assert own != english, f"{lang}: {code} untranslated"
        assert fields(own) == fields(english), f"{lang}: {code} takes other fields: {own}"


FADES = say("ir_fades_vs", name="viz:surname", ratio=0.31, own=0.92)


def test_a_finding_keeps_its_english_detail_and_adds_the_code_and_figures():
    f = Finding(FindingKind.IR_DROPOUT, "ir", (1, 2, 3, 4), 0.8, "viz:surname", said=FADES)
    d = f.to_dict()
    assert d["detail"] == ("viz:surname fades in IR (31% of its daylight darkness, the specimen's 92%): the specimen "
                           "prints it in IR-absorbing ink")
    assert (d["detail_code"], d["detail_args"]) == ("ir_fades_vs", {"name": "viz:surname", "ratio": 0.31, "own": 0.92})
    json.dumps(d)  # codes and figures, nothing JSON cannot hold
    assert f.words(Translator("ru").gettext) == ("viz:surname исчезает в ИК (31% от темноты в видимом свете, у эталона "
                                                 "92%): у эталона напечатано поглощающей ИК краской")
    plain = Finding(FindingKind.PORTRAIT, "uv", (0, 0, 1, 1), 0.2, None, "as stored").to_dict()
    assert plain["detail"] == "as stored" and not {"detail_code", "detail_args"} & plain.keys()  # no code: as before
    assert Finding.from_dict(d).words(Translator("az").gettext).startswith("viz:surname İQ işıqda itir")  # read back


def test_a_clause_is_said_in_the_same_language_and_kept_as_a_code():
    said = say("paper_bright", bright=2.04, how=say("paper_vs_features"))
    assert said.to_dict() == {"code": "paper_bright", "args": {"bright": 2.04, "how": {"code": "paper_vs_features",
                                                                                          "args": {}}}}
    az = Said.from_dict(said.to_dict()).text(Translator("az").gettext)
    assert az.startswith("UB işıqda kağız etalonun kağızından 2.0 dəfə parlaqdır, sənədin öz flüoressent emblemi")
    check = say("mrz_check", check="birth_date", found="3", expected=say("no_digit"))
    assert check.text() == ("MRZ check digit 'birth_date' does not hold: printed 3, the data it covers give no digit "
                            "(characters outside the MRZ alphabet)")
    assert "никакой цифры" in check.text(Translator("ru").gettext)


def test_a_code_nobody_defined_is_refused_and_a_stored_one_unknown_is_read_as_none():
    with pytest.raises(ValueError, match="no finding detail has the code 'made_up'"):
        say("made_up")
    assert Said.from_dict({"code": "made_up", "args": {}}) is None
    assert Said.from_dict({"code": "ir_fades", "args": {"name": "x"}}) is None  # a figure missing
    assert Said.from_dict("ir_fades") is None


def record(detail: dict) -> FindingRecord:
    return FindingRecord(1, "u", 1, None, None, "ir_dropout", "ir", [1, 2, 3, 4], 0.8, "comparison", detail,
                         "2026-12-04T10:00:00")


def test_a_stored_finding_is_shown_in_the_readers_language_and_an_old_one_as_stored():
    new = record(Finding(FindingKind.IR_DROPOUT, "ir", (1, 2, 3, 4), 0.8, "viz:surname", said=FADES).to_dict())
    assert new.text.startswith("viz:surname fades in IR")  # what .text always gave
    assert new.words(Translator("az").gettext).startswith("viz:surname İQ işıqda itir (gün işığındakı")
    assert finding_words(new.detail, Translator("ru").gettext).startswith("viz:surname исчезает в ИК")
    old = record({"kind": "ir_dropout", "detail": "surname fades in IR (stored before codes)", "bbox": [1, 2, 3, 4]})
    assert old.said is None
    assert old.words(Translator("ru").gettext) == "surname fades in IR (stored before codes)"
    assert finding_words({"detail_code": "ir_fades", "detail_args": {}, "detail": "kept"}) == "kept"


def test_the_compare_commands_text_speaks_the_language_asked_for():
    from docexam.checkrun import CheckRun
    from docexam.cli.compare_cmd import _print
    from docexam.compare.result import Alignment

    comparison = Comparison(
        alignments={"ir": Alignment("ir", None, 0.5, 120, "features+ecc")},
        findings=[Finding(FindingKind.IR_DROPOUT, "ir", (1, 2, 3, 4), 0.8, "viz:surname", said=FADES),
                  Finding(FindingKind.PORTRAIT, "ir", (5, 6, 7, 8), 0.2, "portrait", "stored before codes")],
        checks=[CheckRun("ir:inks", "ir", "IR inks of the MRZ and VIZ fields (absorb or drop out)", 1, 1),
                CheckRun("ir:b900", "ir", "each MRZ and IR-absorbing VIZ character dark in IR (B900)")])

    from docexam.compare.mrz_viz import MRZEvidence

    evidence = MRZEvidence(light="visible", notes=[say("viz_unread", field=say("field_surname"))])

    def printed(lang):
        out = io.StringIO()
        set_language(lang)
        try:
            _print(comparison, evidence, out)
        finally:
            set_language(None)
        return out.getvalue()

    assert "note: the VIZ surname could not be read: not examined" in printed("en")
    assert "checks: 1 check passed, 1 with alarms" in printed("en")
    assert printed("en").splitlines()[5:9] == [
        "  ALARM 0.80 ir      ir_dropout           [1, 2, 3, 4] viz:surname",
        "         viz:surname fades in IR (31% of its daylight darkness, the specimen's 92%): the specimen prints it "
        "in IR-absorbing ink",
        "         expected ink dark in IR; seen ink dropping out in IR",
        "  note  0.20 ir      portrait             [5, 6, 7, 8] portrait"]
    ru = printed("ru")
    assert "признаков: 2 (1 тревога)" in ru and "viz:surname исчезает в ИК (31%" in ru
    assert "ожидалось: краска тёмная в ИК; видно: краска исчезает в ИК" in ru  # what was expected and seen, worded
    assert "stored before codes" in ru  # no code: the stored sentence
    assert "поле ВЗП «фамилия» не удалось прочитать: не исследовано" in ru  # what the comparison could not check
    assert "пройдена 1 проверка, 1 с тревогами" in ru
    az = printed("az")
    assert "  SİQNAL 0.80 ir" in az and "  qeyd   0.20 ir" in az  # the flag column as wide as its longer word
    assert "gözlənilən: mürəkkəb İQ-da tünd qalır; görünən: mürəkkəb İQ-da itir" in az


def test_an_mrz_viz_disagreement_is_kept_as_codes_and_worded_in_the_readers_language():
    from docexam.compare.mrz_viz import viz_disagreement, viz_disagreement_said
    from docexam.mrz import parse

    fields = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]).fields
    assert viz_disagreement("birth_date", "12 AUG 75", fields) == ("the VIZ birth date reads '12 AUG 75', the MRZ "
                                                                   "says 740812 (YYMMDD)")  # as before
    mismatch = say("viz_mismatch", why=viz_disagreement_said("birth_date", "12 AUG 75", fields))
    assert mismatch.to_dict()["args"]["why"] == {"code": "viz_date_differs", "args": {
        "field": {"code": "field_birth_date", "args": {}}, "viz": "12 AUG 75", "mrz": "740812"}}
    assert mismatch.text(Translator("ru").gettext) == ("в поле ВЗП «дата рождения» читается '12 AUG 75', а в МСЗ — "
                                                       "740812 (ГГММДД): одно из них изменено или ВЗП прочитана "
                                                       "неверно (проверьте глазами)")
    assert mismatch.text().endswith(": one of them has been altered, or the VIZ was misread (check by eye)")


def test_what_the_mrz_check_could_not_check_is_kept_as_codes_and_worded_in_the_readers_language():
    """The comparison's notes on what it could not check (docexam.compare.mrz_viz.MRZEvidence.notes) are stored with
    the case as codes beside their English, so that the report and the command line word them in their reader's
    language; a comparison stored before codes shows its English notes as stored."""
    from docexam.compare.mrz_viz import MRZEvidence
    from docexam.store.records import EvidenceRecord

    evidence = MRZEvidence(light="ir", notes=[say("viz_uncomparable", field=say("field_sex"), viz="X/"),
                                              say("viz_compared_vouched")])
    d = evidence.to_dict()
    assert d["notes"] == ["the VIZ sex was read as 'X/', which cannot be compared with the MRZ: not examined",
                          "the MRZ was read with low confidence: only the VIZ fields its check digits cover (document "
                          "number, dates) and those it read surely were compared with it"]  # as stored before
    json.dumps(d)
    stored = EvidenceRecord.from_dict(json.loads(json.dumps(d)))
    assert stored.note_words() == d["notes"]
    assert stored.note_words(Translator("ru").gettext) == [
        "поле ВЗП «пол» прочитано как 'X/', что нельзя сравнить с МСЗ: не исследовано",
        "МСЗ прочитана с низкой уверенностью: с ней сравнивались только поля ВЗП, охваченные её контрольными цифрами "
        "(номер документа, даты), и поля, прочитанные уверенно"]
    assert stored.note_words(Translator("az").gettext)[0].startswith("VIZ-in «cins» sahəsi 'X/' kimi oxunub")
    assert EvidenceRecord.from_dict(stored.to_dict()) == stored  # stored again as read
    old = EvidenceRecord.from_dict({"light": "ir", "notes": ["no MRZ could be read in ir or visible"]})
    assert old.note_words(Translator("ru").gettext) == ["no MRZ could be read in ir or visible"]
    # a code this version does not know (a newer docexam's bundle): every note as stored in English
    newer = EvidenceRecord.from_dict({**d, "notes_said": [{"code": "made_up", "args": {}}, d["notes_said"][1]]})
    assert newer.said == () and newer.note_words(Translator("ru").gettext) == d["notes"]
    # a record gone wrong (a hand-edited or damaged bundle) reads as having no notes rather than failing
    assert EvidenceRecord.from_dict({"light": "ir", "notes": 5, "notes_said": 7}).note_words() == []


@pytest.mark.parametrize(("lights", "code"), [(("ir", "visible"), "mrz_unread"), (("visible",), "mrz_unread_visible"),
                                              (("ir",), "mrz_unread_ir"), (("uv",), "mrz_no_light")])
def test_an_mrz_not_read_says_in_which_lights_it_was_looked_for(lights, code):
    import numpy as np

    from docexam.compare.mrz_viz import mrz_findings
    from docexam.compare.reference import Reference

    blank = np.full((200, 300, 3), 235, np.uint8)
    reference = Reference(images={"visible": blank}, regions={})
    findings, evidence = mrz_findings({light: blank for light in lights}, reference)
    assert findings == [] and [n.code for n in evidence.notes] == [code]
    assert "МСЗ не" in evidence.note_words(Translator("ru").gettext)[0]
