"""The name's letters as read, with their confidences, and a name holding an unsure letter flagged, never corrected."""

import json

from docexam.cli import main
from docexam.i18n import Translator
from docexam.mrz.correct import correct
from docexam.mrz.issues import IssueCode, issue_from_message, worded
from docexam.read import reader
from docexam.read.names import NAME_CHECK_BELOW, NameLetters, name_letters, unsure_names
from docexam.read.reader import ReadResult
from tests.conftest import TODAY

TD3 = ("P<UTOKAABI<<ALI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
FRA = ("IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "8806923102858CORINNE<<<<<<<6512068F6")


def _candidates(lines, unsure=None):
    """Every character read with 0.99, but those in ``unsure`` ((line, column): [(char, confidence), ...])."""
    unsure = unsure or {}
    return [[unsure.get((i, j), [(ch, 0.99)]) for j, ch in enumerate(line)] for i, line in enumerate(lines)]


def _result(lines, unsure=None):
    return ReadResult(True, "ocrb", correct(_candidates(lines, unsure), today=TODAY))


def test_a_name_read_with_confidence_everywhere_is_not_flagged_and_its_confidences_are_shown():
    r = _result(TD3)
    assert r.valid
    (name,) = r.names
    assert (name.field, name.line, name.column, name.text) == ("name", 0, 5, "KAABI<<ALI")
    assert name.confidence == (0.99,) * 10 and not name.unsure
    d = r.to_dict()
    assert d["name_letters"] == [name.to_dict()] and NameLetters.from_dict(d["name_letters"][0]) == name
    assert not any(i["code"] == IssueCode.NAME_UNSURE for i in d["issues"])


def test_a_name_letter_read_with_little_confidence_is_flagged_and_kept_as_read():
    # A stamp across the first line: the engine reads the second A of KAABI as N, without much confidence, and the
    # reading still validates (no check digit covers the name, Doc 9303 Part 3, 4.9).
    r = _result(TD3, {(0, 7): [("N", 0.6), ("A", 0.3)], (0, 12): [("A", NAME_CHECK_BELOW + 0.05)]})
    assert r.valid  # every check digit holds, and the reading is trusted
    (name,) = r.names
    assert name.text == "KANBI<<ALI"  # as read: no dictionary put the A back
    assert name.unsure == (2,) and name.marked() == "KA[N]BI<<ALI"
    assert unsure_names(r.names) == (name,)
    d = r.to_dict()
    flagged = [i for i in d["issues"] if i["code"] == IssueCode.NAME_UNSURE]
    assert len(flagged) == 1 and flagged[0]["severity"] == "warning" and flagged[0]["field"] == "name"
    assert flagged[0]["params"] == {"marked": "KA[N]BI<<ALI"} and flagged[0]["message"] in d["warnings"]
    assert d["name_letters"][0]["unsure"] == [8] and d["name_letters"][0]["confidence"][2] == 0.6
    assert d["valid"] is True  # flagged for a look, not made invalid
    # read back from the message alone (a reading stored before codes were kept) and worded in another language
    again = issue_from_message(flagged[0]["message"])
    assert again.code == IssueCode.NAME_UNSURE and again.params == {"marked": "KA[N]BI<<ALI"}
    assert "KA[N]BI<<ALI" in worded(again, Translator("ru")) and worded(again, Translator("ru")) != again.message


def test_an_unsure_filler_inside_a_name_is_flagged_but_the_fillers_after_it_are_not_the_name():
    r = _result(TD3, {(0, 10): [("<", 0.5), ("L", 0.4)], (0, 30): [("<", 0.3), ("K", 0.2)]})
    (name,) = r.names
    assert name.text == "KAABI<<ALI" and name.marked() == "KAABI[<]<ALI"


def test_a_letter_read_through_a_stamp_is_flagged_however_sure_the_recogniser_was():
    # The recogniser can be sure of a letter a stamp changed (on generated stamps, half the letters read wrong had a
    # confidence of 0.95 or more): a letter whose cell coloured print crossed is checked by eye too.
    c = correct(_candidates(TD3), today=TODAY)
    overprint = tuple(tuple(0.12 if (i, j) in {(0, 6), (0, 7)} else 0.01 for j in range(44)) for i in range(2))
    r = ReadResult(True, "ocrb", c, overprint=overprint)
    (name,) = r.names
    assert name.confidence == (0.99,) * 10 and name.overprinted == (1, 2) and name.unsure == (1, 2)
    assert name.marked() == "K[A][A]BI<<ALI"
    d = name.to_dict()
    assert d["overprinted"] == [7, 8] and d["overprint"][1] == 0.12 and NameLetters.from_dict(d) == name
    assert [i.code for i in r.name_issues] == [IssueCode.NAME_UNSURE]


def test_the_french_card_has_its_given_names_apart_and_each_is_its_own_name():
    r = _result(FRA, {(1, 14): [("O", 0.7), ("Q", 0.2)]})
    assert [(n.field, n.line, n.column, n.text) for n in r.names] == [
        ("name", 0, 5, "BERTHIER"), ("optional_data_2", 1, 13, "CORINNE")]
    assert [n.field for n in unsure_names(r.names)] == ["optional_data_2"]


def test_no_names_without_a_format_or_with_confidences_of_another_shape():
    assert name_letters(None, TD3, ((0.9,) * 44,) * 2) == ()
    c = correct(_candidates(TD3), today=TODAY)
    assert name_letters(c.result.format, TD3, ((0.9,) * 43, (0.9,) * 44)) == ()
    assert ReadResult(False).names == () and "name_letters" not in ReadResult(False).to_dict()


def test_read_prints_the_name_with_its_unsure_letters_in_brackets(tmp_path, monkeypatch, capsys):
    unsure = _result(TD3, {(0, 7): [("N", 0.6), ("A", 0.3)]})
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: [(0, unsure)])
    image = tmp_path / "doc.png"
    image.write_bytes(b"")  # never decoded: read_file is replaced
    assert main(["read", str(image)]) == 0
    out = capsys.readouterr().out
    assert "CHECK THE NAME BY EYE: KA[N]BI<<ALI" in out and "'N' at line 1 position 8 (60%)" in out
    assert "under coloured print" not in out
    assert "NAME NOT CONFIRMED" in out  # said before the verdict, which reads VALID
    assert main(["read", "--json", str(image)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["name_letters"][0]["text"] == "KANBI<<ALI" and d["name_letters"][0]["unsure"] == [8]
    assert d["status"] == "name_unconfirmed" and d["confirmed"] is False


def test_a_valid_reading_whose_name_is_to_be_checked_is_not_reported_confirmed():
    # Every check holds and the recogniser was sure of every checked character, but a letter of the name was read
    # unsurely: the reading is valid, its name unconfirmed, and a count of confirmed readings must not count it.
    from docexam.read.reader import ReadStatus

    sure = _result(TD3)
    assert sure.confirmed and sure.status is ReadStatus.CONFIRMED
    assert sure.to_dict()["status"] == "confirmed" and sure.to_dict()["confirmed"] is True
    r = _result(TD3, {(0, 7): [("N", 0.6), ("A", 0.3)]})
    assert r.valid and not r.confirmed and r.status is ReadStatus.NAME_UNCONFIRMED
    d = r.to_dict()
    assert (d["valid"], d["confirmed"], d["status"]) == (True, False, "name_unconfirmed")
    unsure = _result(TD3, {(1, 2): [("8", 0.3), ("B", 0.25)]})  # a checked digit read unsurely
    assert not unsure.valid and unsure.status in (ReadStatus.UNCONFIRMED, ReadStatus.INVALID)
    assert ReadResult(False).status is ReadStatus.NOT_FOUND and ReadResult(False).to_dict()["confirmed"] is False
