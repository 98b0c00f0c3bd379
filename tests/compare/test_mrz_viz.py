"""MRZ against VIZ: dates, numbers and names compared as an examiner would, a misreading not taken for a forgery."""

import pytest

from docexam.compare.mrz_viz import _decisive, _disagreement, _same_name, _same_number, _viz_date
from docexam.mrz import parse

# Doc 9303 Part 4, Appendix A's specimen (Utopia): ERIKSSON, ANNA MARIA, L898902C3, born 12 Aug 1974, expires 15 Apr 2012
LINES = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


@pytest.fixture(scope="module")
def fields():
    return parse(LINES).fields


@pytest.mark.parametrize("text,expected", [
    ("12 AUG/AOÛT 74", (12, 8, 74)), ("12 AUGIAOUT 74 |", (12, 8, 74)), ("O5 JUL/JUIL59", (5, 7, 59)),
    ("05 JUL/JUIL 59", (5, 7, 59)), ("35 DECIBEC 6”", None), ("12 XYZ 74", None), ("", None),
])
def test_viz_dates_are_understood_or_left_alone(text, expected):
    assert _viz_date(text) == expected


def test_the_same_data_agrees_despite_common_misreadings(fields):
    assert _disagreement("birth_date", "12 AUG/AOUT 74", fields) is None
    assert _disagreement("expiry_date", "15 APR/AVR 12", fields) is None
    assert _same_number("L898902C3", "L898902C3") and _same_number("L8989O2C3", "L898902C3")
    assert _same_number("£898902C3", "E898902C3")
    assert _disagreement("number", "L898 902C3", fields) is None
    assert _disagreement("surname", "ERIKSSON", fields) is None
    assert _disagreement("given_names", "ANNA MARIA", fields) is None
    assert _same_name("ERIKSSONNE", "ERIKSSON", truncated=True)  # the MRZ cut a long name


def test_different_data_is_named_with_both_values(fields):
    why = _disagreement("birth_date", "12 AUG/AOUT 72", fields)
    assert why and "740812" in why and "12 AUG/AOUT 72" in why
    assert _disagreement("expiry_date", "15 APR/AVR 17", fields)
    assert _disagreement("number", "L898902C8", fields)
    assert _disagreement("surname", "JOHANSSON", fields)


def test_only_dates_and_same_length_numbers_are_alarms(fields):
    assert _decisive("birth_date", "12 AUG/AOUT 72", fields)
    assert _decisive("number", "L898902C8", fields)
    assert not _decisive("number", "L8989902C3", fields)  # a character read twice
    assert not _decisive("surname", "JOHANSSON", fields)


def test_a_garbled_viz_date_is_a_note_not_an_alarm():
    from docexam.compare.mrz_viz import _clean_date

    # Read cleanly, a VIZ date that disagrees with the MRZ is evidence; read with stray characters it is not.
    assert _clean_date("16 FEB/FÉV 76") and _clean_date("12 AUG/AOÛT 74") and _clean_date("6 NOV 29")
    assert not _clean_date("06 NOVINGW 35”") and not _clean_date("O6 NOV 29") and not _clean_date("06 NOV/NOV 2")
    # Tesseract's usual slips that leave the digits alone: punctuation beside the field, the slash read as I or lost,
    # when the second month repeats the first. A second month that is not the first's is a struggle, not a slip.
    assert _clean_date("25 DEC/DEC 86 —") and _clean_date("21 NOVINOV 96”") and _clean_date("08 JUNJUIN 98")
    assert not _clean_date("19 AUG/AGUT 30”") and not _clean_date("06 NOVINGV 38") and not _clean_date("06 MAY/JUIN 98")
