"""MRZ against VIZ in the comparison: what disagrees, in words with both values, and which disagreement is an alarm.

The text rules themselves (dates, names, numbers as OCR reads them) are tested in tests/mrz/test_viz.py.
"""

import pytest

from docexam.compare.mrz_viz import decisive, viz_disagreement
from docexam.mrz import parse

# Doc 9303 Part 4, Appendix A's specimen (Utopia): ERIKSSON, ANNA MARIA, L898902C3, born 12 Aug 1974, expires 15 Apr 2012
LINES = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


@pytest.fixture(scope="module")
def fields():
    return parse(LINES).fields


def test_the_same_data_agrees_despite_common_misreadings(fields):
    assert viz_disagreement("birth_date", "12 AUG/AOUT 74", fields) is None
    assert viz_disagreement("expiry_date", "15 APR/AVR 12", fields) is None
    assert viz_disagreement("number", "L898 902C3", fields) is None
    assert viz_disagreement("number", "L8989O2C3", fields) is None
    assert viz_disagreement("surname", "ERIKSSON", fields) is None
    assert viz_disagreement("given_names", "ANNA MARIA", fields) is None


def test_different_data_is_named_with_both_values(fields):
    why = viz_disagreement("birth_date", "12 AUG/AOUT 72", fields)
    assert why and "740812" in why and "12 AUG/AOUT 72" in why
    assert viz_disagreement("expiry_date", "15 APR/AVR 17", fields)
    assert viz_disagreement("number", "L898902C8", fields)
    assert viz_disagreement("surname", "JOHANSSON", fields)


def test_only_dates_and_same_length_numbers_are_alarms(fields):
    assert decisive("birth_date", "12 AUG/AOUT 72", fields)
    assert decisive("number", "L898902C8", fields)
    assert not decisive("number", "L8989902C3", fields)  # a character read twice
    assert not decisive("surname", "JOHANSSON", fields)


def test_a_garbled_viz_date_is_a_note_not_an_alarm(fields):
    assert decisive("birth_date", "12 AUG/AOÛT 74", fields) and decisive("expiry_date", "21 NOVINOV 96”", fields)
    assert not decisive("birth_date", "06 NOVINGW 35”", fields)


def test_every_viz_field_of_an_examiners_reference_is_compared(fields):
    """An examiner's library names the number ``document_number``; the codes the VIZ prints are compared too."""
    from docexam.compare.mrz_viz import VIZ_FIELDS

    assert {"number", "document_number", "surname", "given_names", "birth_date", "expiry_date", "sex",
            "nationality", "issuing_state"} <= set(VIZ_FIELDS)
    assert viz_disagreement("document_number", "L898902C3", fields) is None
    assert viz_disagreement("document_number", "L898902C8", fields)
    assert viz_disagreement("sex", "F/F", fields) is None and viz_disagreement("sex", "M", fields)
    assert viz_disagreement("nationality", "UTO", fields) is None
    assert viz_disagreement("nationality", "UTOPIAN", fields) is None  # a word, not the code: not compared
    assert viz_disagreement("issuing_state", "XYZ", fields)
    assert not decisive("sex", "M", fields)


def test_dates_in_any_printed_form_are_compared(fields):
    for same in ("12.08.1974", "12/08/74", "1974-08-12", "12 AUG 1974", "12 AGO/AUG 74", "12 АВГ/AUG 74"):
        assert viz_disagreement("birth_date", same, fields) is None, same
    for other in ("12.08.1972", "13 AGO/AUG 74"):
        assert viz_disagreement("birth_date", other, fields), other
    assert decisive("birth_date", "13 AGO/AUG 74", fields)  # the month in words: rigid
    assert not decisive("birth_date", "12.06.1974", fields)  # a digit misread is another valid date


def test_a_letter_read_for_a_digit_in_a_number_is_a_note(fields):
    assert viz_disagreement("number", "L898902CJ", fields)  # J for the 3: another character...
    assert not decisive("number", "L898902CJ", fields)  # ...but a letter read for a digit, a misreading
    assert not decisive("number", "L89890233", fields)  # a digit read for the letter C
    assert decisive("number", "L898902E3", fields)  # a letter for a letter, a digit for a digit: an alteration
    assert decisive("birth_date", "12 AUG/AOUT.72", fields)  # a dot read for the space before the year


def test_a_date_no_calendar_has_is_a_misreading_not_an_alarm(fields):
    assert viz_disagreement("expiry_date", "65 APR/AVR 12", fields)
    assert not decisive("expiry_date", "65 APR/AVR 12", fields)
    assert decisive("expiry_date", "16 APR/AVR 12", fields)
