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
    assert decisive("number", "L898902C4", fields)
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


def test_one_rounded_digit_read_as_another_in_a_number_is_a_note(fields):
    """Small or soft print: tesseract reads a rounded digit as another (3 as 8, 5 as 8, 6 as 0), and both views of the
    field misread it alike (docexam.compare.mrz_viz.DIGIT_CONFUSIONS); two such digits, or a digit outside the group,
    are another number."""
    assert viz_disagreement("number", "L898902C8", fields)  # the 3 read as an 8: they differ...
    assert not decisive("number", "L898902C8", fields)  # ...but as a misreading does
    assert not decisive("number", "L898902C3".replace("0", "6"), fields)  # 0 as 6
    assert decisive("number", "L899902C8", fields)  # two of them: another number
    assert decisive("number", "L898902C4", fields)  # 3 and 4 are not alike
    assert decisive("number", "L898902C1", fields)  # nor 3 and 1


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


# --- each field judged from its readings (issue 20: an MRZ re-made with valid check digits) ----------------------

def _read(*texts, conf=0.9):
    from docexam.compare.mrz_viz import VIZRead

    return VIZRead(tuple((t, conf) for t in texts))


def test_one_reading_that_agrees_with_the_mrz_clears_the_field(fields):
    from docexam.compare.mrz_viz import Outcome, judge

    # tesseract lost the year in one reading and misread it in the other: the field agrees, it is no alarm
    assert judge("birth_date", _read("12 AUG/AOUT", "12 AUG/AOUT 74"), fields).outcome is Outcome.AGREES
    assert judge("birth_date", _read("12 AUG/AOUT 72", "12 AUG/AOUT 74"), fields).outcome is Outcome.AGREES


def test_a_field_read_as_nothing_comparable_is_not_examined_rather_than_agreeing(fields):
    from docexam.compare.mrz_viz import Outcome, judge

    assert judge("birth_date", _read("19 6S", "33"), fields).outcome is Outcome.NOT_EXAMINED
    assert judge("sex", _read("pO", ""), fields).outcome is Outcome.NOT_EXAMINED
    assert judge("number", _read("", "—"), fields).outcome is Outcome.NOT_EXAMINED


def test_two_readings_of_one_other_value_confirm_an_alteration_where_one_would_be_a_misreading(fields):
    from docexam.compare.mrz_viz import Outcome, judge

    # a date in digits: one digit misread is another date, unless the other reading says the same
    assert judge("birth_date", _read("12.08.1972", "12.08.1972"), fields).outcome is Outcome.DIFFERS
    assert judge("birth_date", _read("12.08.1972", "12.06.1972"), fields).outcome is Outcome.DOUBTFUL
    assert judge("birth_date", _read("12.08.1972", "garbled"), fields).outcome is Outcome.DOUBTFUL
    # a name that has nothing of the MRZ's, read so twice; a name partly read is only a note
    assert judge("surname", _read("TOLBERANI", "TOLBERANI"), fields).outcome is Outcome.DIFFERS
    # read two ways that differ, neither keeping anything of the MRZ's: another name all the same (issue 19)
    assert judge("surname", _read("TOLBERANI", "TOLBERAM"), fields).outcome is Outcome.DIFFERS
    assert judge("surname", _read("TOLBERANI", "ERKSTOLB"), fields).outcome is Outcome.DOUBTFUL
    # read two ways with little in common, each far from the MRZ's: a value that could not be read, a note (a Finnish
    # page at 120 dpi, GIDASBE read 'Sarak' and 'fast')
    assert judge("surname", _read("Sarak", "fast"), fields).outcome is Outcome.DOUBTFUL
    assert judge("given_names", _read("ANNA", "ANNA"), fields).outcome is Outcome.DOUBTFUL  # a word lost: a note
    assert judge("surname", _read("ERIKSS0N KA", "ERIKSSON KA"), fields).outcome is not Outcome.DIFFERS
    # the sex, one letter: two readings of M against the MRZ's F
    assert judge("sex", _read("M", "M"), fields).outcome is Outcome.DIFFERS
    assert judge("sex", _read("M", "pO"), fields).outcome is Outcome.DOUBTFUL
    # read one way only, the rigid printed date is an alarm as before; read two ways, the other reading must confirm
    # it: one that says a third value or nothing understandable shows the value is hard to read there (a blurred
    # capture's expiry 30 read once as 29 and once as 39)
    assert judge("birth_date", _read("12 AUG/AOUT 72"), fields).outcome is Outcome.DIFFERS
    assert judge("birth_date", _read("12 AUG/AOUT 72", "12 AUG/AOUT 72"), fields).outcome is Outcome.DIFFERS
    assert judge("birth_date", _read("12 AUG/AOUT 72", "12 AUG/AOUT 78"), fields).outcome is Outcome.DOUBTFUL
    assert judge("birth_date", _read("12 AUG/AOUT 72", "ed At AS OD"), fields).outcome is Outcome.DOUBTFUL


def test_a_document_number_with_a_letter_ocr_takes_for_a_digit_is_compared_as_letters():
    """An MRZ re-made with D for T in the number: D reads like 0 to OCR, but in the VIZ it is a T, a letter for a
    letter; a J read as I is a misreading."""
    from docexam.compare.mrz_viz import decisive

    remade = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "LD8087386<UTO7408122F1204159<<<<<<<<<<<<<<00"]).fields
    assert decisive("number", "LT8087386", remade)
    assert not decisive("number", "LI8087386", parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                                      "LJ8087386<UTO7408122F1204159<<<<<<<<<<<<<<00"]).fields)


def test_a_pale_blurred_value_keeps_its_ink_in_both_preparations():
    """A blurred low-contrast capture leaves strokes less than 60 grey levels below the paper: the ink-only
    preparation takes them from half the value's own depth instead of losing them whole."""
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from docexam.compare.mrz_viz import VALUE_HEIGHT, _value_views
    from docexam.paths import font_file

    img = Image.new("L", (420, 60), 225)
    ImageDraw.Draw(img).text((10, 12), "19 MAY/MAI 69", fill=160, font=ImageFont.truetype(font_file("DejaVuSans.ttf"), 30))
    crop = cv2.GaussianBlur(np.asarray(img), (0, 0), 1.5)
    ink, grey = _value_views(crop)
    assert (ink < 128).sum() > 0.5 * (grey < 128).sum() > 0
    assert abs(ink.shape[0] / (1 + 2 / 3) - VALUE_HEIGHT) < VALUE_HEIGHT  # scaled to the reading height, padded


def test_a_cyrillic_name_read_with_the_national_models_is_compared_through_its_transliteration():
    """Doc 9303 Part 3, 6.B: the MRZ holds the transliteration of the name the VIZ prints in Cyrillic; read twice as
    another name altogether, the MRZ was re-made."""
    from docexam.compare.mrz_viz import Outcome, judge

    line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    genuine = parse([("P<UTOKHOMIURENKO<<HRYTSYRA").ljust(44, "<"), line2]).fields
    remade = parse([("P<UTOKHOMIURENKO<<LINKADOR").ljust(44, "<"), line2]).fields
    read = _read("ГРИЦИРА", "ГРИЦИРА :")
    assert judge("given_names", read, genuine).outcome is Outcome.AGREES
    assert judge("given_names", read, remade).outcome is Outcome.DIFFERS
    assert judge("given_names", _read("ГРИЦИРА", "ПОЛЕНКО"), remade).outcome is Outcome.DOUBTFUL  # not confirmed


def test_a_value_too_blurred_to_trust_gives_a_note_however_its_readings_agree(fields):
    """A blurred capture's digits are misread alike however they are prepared (an expiry year 30 read 29 twice)."""
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from docexam.compare.mrz_viz import MIN_SHARPNESS, Outcome, VIZRead, judge, sharpness
    from docexam.paths import font_file

    twice = (("15.04.2019", 0.9), ("15.04.2019", 0.9))
    assert judge("expiry_date", VIZRead(twice, sharpness=2.4), fields).outcome is Outcome.DIFFERS
    assert judge("expiry_date", VIZRead(twice, sharpness=1.6), fields).outcome is Outcome.DOUBTFUL
    assert judge("expiry_date", VIZRead((("15.04.2012", 0.9),) * 2, sharpness=1.6), fields).outcome is Outcome.AGREES
    img = Image.new("L", (420, 60), 235)
    ImageDraw.Draw(img).text((10, 12), "15 APR/AVR 12", fill=20, font=ImageFont.truetype(font_file("DejaVuSans.ttf"), 30))
    crisp = np.asarray(img)
    assert sharpness(crisp) >= MIN_SHARPNESS > sharpness(cv2.GaussianBlur(crisp, (0, 0), 2.5))


def test_two_readings_of_one_name_confirm_it_despite_a_speck_read_beside_it():
    from docexam.compare.mrz_viz import Outcome, judge

    line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    remade = parse([("P<UTOVLALOVA<<SUNU<VIKSULIN").ljust(44, "<"), line2]).fields
    read = _read("ХОФЕЛИНА НАХОЛОВНА", "ХОФЁЛИНА НАХОЛОВНА Ів")
    assert judge("given_names", read, remade).outcome is Outcome.DIFFERS


def test_a_name_read_in_its_run_on_box_stops_before_what_is_printed_beyond_it():
    """A name's box is run on to the right (another holder's name may be longer) and may reach a stamp or another
    column's value on its line: the name is what starts in its own box and runs on word by word, not the stamp."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from docexam.compare.mrz_viz import _value_views
    from docexam.paths import font_file

    font = ImageFont.truetype(font_file("DejaVuSans.ttf"), 30)
    img = Image.new("L", (900, 60), 225)
    draw = ImageDraw.Draw(img)
    draw.text((10, 12), "MEI PEVU", fill=30, font=font)  # the name, its box the first 100 columns
    draw.text((600, 12), "SPECIMEN", fill=30, font=font)  # a stamp far beyond it on the same line
    crop = np.asarray(img)
    whole = _value_views(crop, core=(0, 900))[0]
    name = _value_views(crop, core=(0, 900), own=(0, 100))[0]
    assert name.shape[1] < 0.5 * whole.shape[1]
    # the name's second word, past its own box but a word's space from the first, is kept: the same view as the
    # name printed alone
    alone = np.array(crop)
    alone[:, 400:] = 225
    assert abs(name.shape[1] - _value_views(alone, core=(0, 900))[0].shape[1]) <= 2


def _date_outcome(second_line: str, key: str, *readings: tuple[str, float], sharpness: float):
    """The judgement of ``key`` read as ``readings`` against the specimen's MRZ with ``second_line``."""
    from docexam.compare.mrz_viz import VIZRead, judge

    mrz = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", second_line]).fields
    return judge(key, VIZRead(tuple(readings), sharpness=sharpness), mrz).outcome


def test_a_dates_other_day_read_twice_is_confirmed_though_one_reading_garbled_its_month(fields):
    """'25 MOY 2032' beside '25 NOV 2032' against an MRZ's 22 Nov 2032: both readings say day 25, which is where
    the VIZ disagrees; a month read wrong is confirmed only by a reading of the month."""
    from docexam.compare.mrz_viz import Outcome

    line = "L898902C36UTO7408122F3211220ZE184226B<<<<<16"  # expires 321122
    assert _date_outcome(line, "expiry_date", ("25 MOY 2032", 0.9), ("25 NOV 2032", 0.95), sharpness=3.5) is Outcome.DIFFERS
    # the same digits as the MRZ's with another month read once: not confirmed
    assert _date_outcome(line, "expiry_date", ("22 MOY 2032", 0.9), ("22 OCT 2032", 0.95), sharpness=3.5) is Outcome.DOUBTFUL
    # another day read once, the other reading's digits not the same: not confirmed either
    assert _date_outcome(line, "expiry_date", ("26 MOY 2032", 0.9), ("25 NOV 2032", 0.95), sharpness=3.5) is Outcome.DOUBTFUL


def test_a_part_of_a_date_other_in_both_digits_read_alike_twice_is_confirmed_though_the_rest_is_garbled():
    """A birth date printed again as another holder's in digits ('1955.12.30', real corpus, Polish page at 95 dpi),
    read once cleanly and once with its year and day garbled ('1985.12.3D'), against the MRZ's 880317: the month, 12
    for 03, differs in both its digits and both readings say it in the same place. A digit misread in one reading
    and read alike in the other (08 for 03: one digit of the part) is no confirmation."""
    from docexam.compare.mrz_viz import Outcome

    line = "L898902C36UTO8803174F3211220ZE184226B<<<<<16"  # born 880317
    assert _date_outcome(line, "birth_date", ("1985.12.3D", 0.49), ("1955.12.30", 0.93), sharpness=2.9) is Outcome.DIFFERS
    # the part in another place in the other reading (its day, not its month): not confirmed
    assert _date_outcome(line, "birth_date", ("1985.3D.12", 0.49), ("1955.12.30", 0.93), sharpness=2.9) is Outcome.DOUBTFUL
    # one digit of the month other than the MRZ's (08 for 03), read so twice, the year garbled once: a misreading
    assert _date_outcome(line, "birth_date", ("1988.08.1?", 0.49), ("1988.08.17", 0.93), sharpness=2.9) is Outcome.DOUBTFUL


def test_another_document_number_read_twice_alike_but_for_one_character_is_confirmed():
    """A document number printed again as another holder's (real corpus pages at 100 dpi: '47337455' read also as
    '47337355' for the MRZ's 69561148; 'R8018962' read also as 'R8OE8962' for H1402723): each reading has most of its
    characters other than the MRZ's, which no misreading of the MRZ's number does, and the two differ by one
    character, a misread of one of them. Readings near the MRZ's number, or unlike each other, are no confirmation."""
    from docexam.compare.mrz_viz import Outcome

    line = "69561148<2UTO7408122F1204159ZE184226B<<<<<18"  # the number 69561148, check digits valid
    assert _date_outcome(line, "number", ("47337355", 0.76), ("47337455", 0.96), sharpness=2.6) is Outcome.DIFFERS
    # one character of the MRZ's number read otherwise in each reading: misread, whatever the two say
    assert _date_outcome(line, "number", ("69561146", 0.76), ("69561143", 0.96), sharpness=2.6) is Outcome.DOUBTFUL
    # far from the MRZ's, but unlike each other (three characters): the value is not read, only garbled
    assert _date_outcome(line, "number", ("47337355", 0.76), ("41937455", 0.96), sharpness=2.6) is Outcome.DOUBTFUL
    letters = "H1402723<2UTO7408122F1204159ZE184226B<<<<<18"
    assert _date_outcome(letters, "number", ("R8OE8962", 0.0), ("R8018962", 0.82), sharpness=3.5) is Outcome.DIFFERS


def test_a_state_code_one_letter_off_that_no_state_has_is_a_misreading_not_an_alarm(fields):
    """'ITO' read twice for the specimen's UTO (a re-captured VIZ's U read as an I) is no state's code: a note. A
    VIZ re-printed for another state prints that state's code, one letter off or not: an alarm (issue 19)."""
    from docexam.compare.mrz_viz import Outcome, judge

    assert viz_disagreement("issuing_state", "ITO", fields)  # still said, as a note
    assert judge("issuing_state", _read("ITO", "ITO"), fields).outcome is Outcome.DOUBTFUL
    assert judge("nationality", _read("UTD", "UTD"), fields).outcome is Outcome.DOUBTFUL
    assert judge("issuing_state", _read("ITA", "ITA"), fields).outcome is Outcome.DIFFERS  # Italy's code
    assert judge("nationality", _read("XYZ", "XYZ"), fields).outcome is Outcome.DIFFERS  # every letter another
    assert judge("sex", _read("M", "M"), fields).outcome is Outcome.DIFFERS


def test_a_viz_date_read_only_in_its_year_is_judged_on_the_year(fields):
    """A re-printed expiry date whose day is too small to read: both readings hold one year, not the MRZ's (2012):
    the date differs whatever its day (issue 19: '- @% 2032' and 'MAY 2032' on a re-printed real page). The MRZ's
    year, or readings of two years, are no alarm."""
    from docexam.compare.mrz_viz import Outcome, judge

    assert judge("expiry_date", _read("- @% 2032", "MAY 2032"), fields).outcome is Outcome.DIFFERS
    assert judge("expiry_date", _read("- @% 2012", "APR 2012"), fields).outcome is Outcome.NOT_EXAMINED
    assert judge("expiry_date", _read("- @% 2032", "MAY 2038"), fields).outcome is Outcome.DOUBTFUL
    assert judge("expiry_date", _read("- @% 2032", "x3"), fields).outcome is Outcome.NOT_EXAMINED
    assert judge("birth_date", _read("19 6S", "33"), fields).outcome is Outcome.NOT_EXAMINED


def test_a_name_read_on_into_an_overprint_beside_it_is_judged_on_the_name_it_starts_with(fields):
    """A re-printed surname runs on into a SPECIMEN overprint's letters, which read as digits and marks after it
    ('TIVIRNUMUGETEZ3S~', a Lithuanian page): the name it starts with is what is compared. A name garbled inside
    stays no clean name, and a misreading of the MRZ's name with a tail still agrees."""
    from docexam.compare.mrz_viz import Outcome, judge, tidy_name

    assert tidy_name("TIVIRNUMUGETEZ3S~") == "TIVIRNUMUGETEZ"
    assert tidy_name("GIDA5BE") == "GIDA5BE"  # the clean start is not most of it
    assert tidy_name("AB3S") == "AB3S"  # too short to be a name on its own
    assert judge("surname", _read("TOLBERANIZ3S~", "TOLBERANIZ3~"), fields).outcome is Outcome.DIFFERS
    assert judge("surname", _read("ERIKSSONZ3S~", "ERIKSS0NZ3~"), fields).outcome is not Outcome.DIFFERS


def test_a_word_of_a_name_other_than_the_mrzs_read_alike_twice_confirms_the_name_differs(fields):
    """A given name printed again for another holder's ('VAPURL' for MARIA), read alike twice though one reading
    garbled the other word: the word that differs is what is confirmed, as a part of a date is. Read once, or read
    two different ways, it is a note; a misread word (MAKIA) is no other name."""
    from docexam.compare.mrz_viz import Outcome, judge

    assert judge("given_names", _read("Anna Vapurl", "Amu Vapurl"), fields).outcome is Outcome.DIFFERS
    assert judge("given_names", _read("Anna Vapurl", "Amu Kerbot"), fields).outcome is Outcome.DOUBTFUL
    assert judge("given_names", _read("Anna Vapurl", "Amu"), fields).outcome is Outcome.DOUBTFUL
    assert judge("given_names", _read("Anna Makia", "Amu Makia"), fields).outcome is not Outcome.DIFFERS


def test_a_second_reading_one_digit_from_a_date_where_that_digit_makes_it_impossible_confirms_it(fields):
    """'19.41.2032' beside '19.11.2032' (a Finnish expiry date printed again, against the MRZ's 15 Apr 2012): the 4
    makes the month impossible, so it is the digit misread, and the reading vouches for every other digit. A second
    reading that is another possible date, or differs in two digits, confirms nothing."""
    from docexam.compare.mrz_viz import Outcome, judge

    assert judge("expiry_date", _read("19.11.2032", "19.41.2032"), fields).outcome is Outcome.DIFFERS
    assert judge("expiry_date", _read("19.11.2032", "19.12.2032"), fields).outcome is Outcome.DOUBTFUL
    assert judge("expiry_date", _read("19.11.2032", "19.47.2039"), fields).outcome is Outcome.DOUBTFUL
    # the MRZ's own date with an impossible digit beside it still agrees
    assert judge("expiry_date", _read("15.04.2012", "15.94.2012"), fields).outcome is Outcome.AGREES
