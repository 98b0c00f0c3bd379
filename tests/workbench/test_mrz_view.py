"""The MRZ panel's content, Qt-free: confidence bands, check digits, fields, plain warnings, verdict, MRZ vs VIZ."""

import numpy as np
import pytest

from docexam.mrz import parse
from docexam.read.reader import MIN_CHAR_CONFIDENCE
from docexam.workbench.mrz_view import (
    BAND_COLOURS,
    Band,
    Match,
    MRZValidity,
    MrzView,
    band,
    check_rows,
    compare_with_viz,
    field_rows,
    plain_warning,
    verdict,
    viz_record,
)
from tests.conftest import TODAY
from tests.workbench.readings import ALTERED, ICAO, reading_of


def test_the_bands_follow_the_readers_trust_threshold():
    assert band(MIN_CHAR_CONFIDENCE - 0.01) is Band.LOW
    assert band(MIN_CHAR_CONFIDENCE) is Band.MEDIUM
    assert band(0.95) is Band.HIGH
    assert band(None) is Band.UNKNOWN


def test_each_character_carries_its_band_colour_and_correction():
    conf = [[1.0] * 44, [1.0] * 44]
    conf[1][0], conf[1][1] = 0.3, 0.7
    reading = reading_of(ICAO, char_confidence=conf,
                         corrections=[{"line": 2, "position": 3, "read": "B", "corrected": "8"}])
    chars = MrzView.of(reading).chars
    assert [c.char for c in chars[1][:3]] == ["L", "8", "9"]
    assert [c.band for c in chars[1][:3]] == [Band.LOW, Band.MEDIUM, Band.HIGH]
    assert chars[1][0].colour == BAND_COLOURS[Band.LOW] != chars[1][2].colour
    assert chars[1][2].read_as == "B" and chars[1][2].corrected and not chars[1][1].corrected


def test_a_failing_check_digit_has_expected_found_and_position_even_from_a_reader_dict():
    rows = {r.name: r for r in check_rows(reading_of(ALTERED))}
    birth = rows["birth_date"]
    assert (birth.ok, birth.expected, birth.found, birth.line, birth.position) == (False, "5", "2", 2, 20)
    assert birth.text.startswith("FAIL date of birth: expected 5, found 2")
    assert rows["document_number"].ok and rows["document_number"].status == "ok"


def test_the_fields_name_the_state_and_the_sex():
    rows = {r.label: r.value for r in field_rows(reading_of(ICAO))}
    assert rows["Issuing state"] == "UTO, Utopia (specimen)"
    assert rows["Document type"].startswith("P: passport")
    assert rows["Sex"] == "female"
    assert rows["Date of birth"] == "1974-08-12 (740812)"
    unknown = {r.label: r.value for r in field_rows(reading_of([ICAO[0].replace("UTO", "ZZZ"), ICAO[1]]))}
    assert unknown["Issuing state"] == "ZZZ, unknown code"


@pytest.mark.parametrize(("message", "plain"), [
    ("the document expired on 2012-04-15", "Expired: the document expired on 2012-04-15."),
    ("the holder, born 2012-08-12, is 14: under 18",
     "Under age: the holder, born 2012-08-12, is 14 years old (under 18)."),
    ("issuing state code 'ZZZ' is not in ISO 3166-1 nor in Doc 9303 Part 3 section 5",
     "Unknown state: the issuing state code 'ZZZ' is not a known country or organisation."),
    ("something new", "Something new."),
])
def test_warnings_read_as_plain_words(message, plain):
    assert plain_warning(message) == plain


def test_the_engines_warnings_come_out_plain():
    lines = ["P<ZZZERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36ZZZ7408122F1204159ZE184226B<<<<<10"]
    warnings = MrzView.of(reading_of(lines)).warnings
    assert any(w.startswith("Expired:") for w in warnings)
    assert any(w.startswith("Unknown state: the issuing state code 'ZZZ'") for w in warnings)
    assert not any("Doc 9303" in w for w in warnings)


def test_the_verdict_is_valid_invalid_or_unconfirmed():
    assert verdict(reading_of(ICAO))[0] is MRZValidity.VALID
    word, why = verdict(reading_of(ALTERED))
    assert word is MRZValidity.INVALID and "date of birth" in why
    assert verdict(reading_of(ICAO, valid=False))[0] is MRZValidity.UNCONFIRMED  # validates, not trusted
    assert verdict({"found": False, "format": None, "lines": []})[0] is MRZValidity.INVALID


def test_a_mrz_json_object_is_shown_too():
    r = parse(ALTERED, today=TODAY).to_dict()
    view = MrzView.of(r)
    assert view.verdict is MRZValidity.INVALID
    assert view.chars[0][0].band is Band.UNKNOWN
    assert {c.name: c.expected for c in view.checks}["composite"] == "7"


# --- MRZ against VIZ -------------------------------------------------------------------------------------------


def states(rows):
    return {r.field: r.state for r in rows}


def test_dates_are_compared_as_dates():
    fields = reading_of(ICAO)["fields"]
    got = states(compare_with_viz(fields, {"birth_date": "12.08.1974", "expiry_date": "15 APR/AVR 12"}))
    assert got["birth_date"] is Match.MATCH and got["expiry_date"] is Match.MATCH
    got = states(compare_with_viz(fields, {"birth_date": "12.08.1975", "expiry_date": "2012-04-16"}))
    assert got["birth_date"] is Match.DIFFERS and got["expiry_date"] is Match.DIFFERS


def test_a_date_that_is_not_one_differs_and_says_why():
    row = compare_with_viz(reading_of(ICAO)["fields"], {"birth_date": "31.02.1974"})[3]
    assert row.state is Match.DIFFERS and "not understood as a date" in row.note


def test_names_ignore_fillers_case_and_spaces_and_numbers_ignore_fillers():
    fields = reading_of(ICAO)["fields"]
    got = states(compare_with_viz(fields, {"surname": "  eriksson ", "given_names": "Anna   Maria",
                                           "number": "l898902c3"}))
    assert got == {"surname": Match.MATCH, "given_names": Match.MATCH, "document_number": Match.MATCH,
                   "birth_date": Match.NOT_ENTERED, "expiry_date": Match.NOT_ENTERED}
    assert states(compare_with_viz(fields, {"given_names": "ANNA MARTA"}))["given_names"] is Match.DIFFERS


def test_a_truncated_mrz_name_matches_the_full_viz_name():
    fields = dict(reading_of(ICAO)["fields"], surname="VANDERBERGHE", name_possibly_truncated=True)
    row = compare_with_viz(fields, {"surname": "Vanderberghe-Smith"})[0]
    assert row.state is Match.MATCH and "truncated" in row.note


def test_a_transliterated_mrz_name_matches_the_national_spelling():
    fields = dict(reading_of(ICAO)["fields"], surname="MUELLER")
    assert compare_with_viz(fields, {"surname": "Müller"})[0].state is Match.MATCH


def test_the_record_lists_what_differs():
    rows = compare_with_viz(reading_of(ICAO)["fields"], {"surname": "ERIKSSON", "birth_date": "13.08.1974"})
    rec = viz_record(rows)
    assert rec["differs"] == ["birth_date"]
    assert rec["not_entered"] == ["given_names", "document_number", "expiry_date"]
    assert rec["summary"] == "MRZ against VIZ: 1 match, 1 differ (date of birth), 3 not entered"
    assert rec["rows"][3] == {"field": "birth_date", "label": "Date of birth", "mrz": "1974-08-12", "viz": "13.08.1974",
                              "state": "differs"}


# --- warnings by code --------------------------------------------------------------------------------------------


def test_warnings_are_worded_from_their_codes_and_values_not_their_messages():
    reworded = {"code": "expired", "message": "gone stale in 2012", "field": "expiry_date",
                "params": {"expiry": "2012-04-15"}, "severity": "warning"}
    r = reading_of(ICAO) | {"warnings": [reworded["message"]], "issues": [reworded]}
    assert MrzView.of(r).warnings == ["Expired: the document expired on 2012-04-15."]
    # a code without a plain wording, or without the values its wording needs, shows its message
    other = reworded | {"code": "expired", "params": {}}
    assert MrzView.of(r | {"issues": [other]}).warnings == ["Gone stale in 2012."]


def test_the_readers_unsure_warning_has_its_code_and_reads_as_unconfirmed():
    from docexam.mrz.correct import candidates_from_text, correct
    from docexam.read.reader import ReadResult
    from docexam.store.records import MRZReading

    unsure = correct(candidates_from_text(ICAO, confidence=0.3))
    stored = MRZReading.from_dict(ReadResult(True, "ocrb", unsure, None, 5.0).to_dict())
    assert stored.has_issue("unconfirmed_reading") and not stored.valid
    view = MrzView.of(stored)
    assert view.verdict is MRZValidity.UNCONFIRMED
    assert any(w.startswith("Unconfirmed reading:") for w in view.warnings)


def test_a_reading_of_print_found_only_enlarged_says_so_in_its_warning_and_verdict():
    from docexam.mrz.correct import candidates_from_text, correct
    from docexam.mrz.issues import SMALL_PRINT_MESSAGE, IssueCode, issue_from_message
    from docexam.read.locate import MRZRegion
    from docexam.read.reader import ReadResult
    from docexam.store.records import MRZReading

    sure = correct(candidates_from_text(ICAO, confidence=0.99))
    region = MRZRegion(np.zeros((20, 200), np.uint8), 2, np.zeros((4, 2)), 0.0, 4.0, enlarged=True)
    d = ReadResult(True, "ocrb", sure, region, 5.0).to_dict()
    assert d["status"] == "unconfirmed" and not d["valid"]
    assert [i["code"] for i in d["issues"] if i["code"] in ("small_print", "unconfirmed_reading")] == ["small_print"]
    stored = MRZReading.from_dict(d)
    view = MrzView.of(stored)
    assert view.verdict is MRZValidity.UNCONFIRMED and "enlarged copy" in view.verdict_text
    assert any(w.startswith("Print too small to confirm:") for w in view.warnings)
    # a reading stored with its messages alone maps back to the code
    assert issue_from_message(SMALL_PRINT_MESSAGE).code == IssueCode.SMALL_PRINT.value


def _flagged_name_reading():
    """``docexam read --json`` of the ICAO specimen whose surname's K the recogniser read with 0.6."""
    from docexam.mrz.correct import correct
    from docexam.read.reader import ReadResult

    candidates = [[[(ch, 0.99)] for ch in line] for line in ICAO]
    candidates[0][8] = [("K", 0.6), ("X", 0.3)]
    return ReadResult(True, "ocrb", correct(candidates, today=TODAY)).to_dict()


def test_a_name_letter_flagged_by_the_reader_is_marked_to_check_by_eye():
    view = MrzView.of(_flagged_name_reading())
    flagged = [(i, j) for i, line in enumerate(view.chars) for j, c in enumerate(line) if c.check_by_eye]
    assert flagged == [(0, 8)] and view.chars[0][8].char == "K"
    assert "Check the name by eye: the letters in brackets in ERI[K]SSON<<ANNA<MARIA were read" in "".join(view.warnings)
    assert not any(c.check_by_eye for c in MrzView.of(reading_of(ICAO)).chars[0])
