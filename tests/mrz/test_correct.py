import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from docexam.errors import CandidateError
from docexam.mrz import MRZFormat, generate, parse
from docexam.mrz.checkdigit import checksum
from docexam.mrz.correct import DIGIT_LOOKALIKES, candidates_from_text, correct
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Field
from tests.conftest import TODAY
from tests.mrz.strategies import documents

SPECIMEN = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
LOOKALIKE = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"}


def test_clean_reading_is_left_alone():
    c = correct(candidates_from_text(SPECIMEN), today=TODAY)
    assert c.lines == SPECIMEN and c.changes == () and c.result.valid
    assert c.confidence == pytest.approx(0.9)


def test_letters_in_dates_and_check_digits_become_digits():
    read = (SPECIMEN[0], "L898902C36UTO74O8I22F12O4I59ZE184226B<<<<<1O")
    c = correct(candidates_from_text(read), today=TODAY)
    assert c.lines == SPECIMEN and c.result.valid
    assert {(ch.line, ch.column, ch.read, ch.corrected) for ch in c.changes} == {
        (1, 15, "O", "0"), (1, 17, "I", "1"), (1, 23, "O", "0"), (1, 25, "I", "1"), (1, 43, "O", "0"),
    }


def test_filler_read_as_k_in_the_name_tail_is_restored():
    read = (SPECIMEN[0][:30] + "K" + SPECIMEN[0][31:40] + "X" + SPECIMEN[0][41:], SPECIMEN[1])
    c = correct(candidates_from_text(read), today=TODAY)
    assert c.lines == SPECIMEN and c.result.fields.given_names == "ANNA MARIA"


def test_state_code_prefers_a_known_code():
    read = ("P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", SPECIMEN[1].replace("UTO", "UT0"))
    c = correct(candidates_from_text(read), today=TODAY)
    assert c.lines == SPECIMEN


def test_engine_confidences_decide_between_look_alikes():
    # B and 8 both fit the document number field; the check digit and the engine's second choice decide.
    cands = candidates_from_text(SPECIMEN)
    cands[1][1] = [("B", 0.5), ("8", 0.45)]
    c = correct(cands, today=TODAY)
    assert c.lines == SPECIMEN
    assert c.char_confidence[1][1] == pytest.approx(0.45)


def test_two_misreads_that_cancel_in_mod_10_are_a_real_ambiguity():
    # B for 8 at weights 3 and 7 changes the sum by 3*3 + 3*7 = 30: the check digit cannot tell. The more
    # probable reading wins, and the lower confidence of those characters is reported for the examiner.
    cands = candidates_from_text(SPECIMEN)
    cands[1][1] = cands[1][3] = [("B", 0.5), ("8", 0.45)]
    c = correct(cands, today=TODAY)
    assert c.lines[1].startswith("LB9B902C3") and c.result.valid
    assert c.char_confidence[1][1] == c.char_confidence[1][3] == pytest.approx(0.5)


def test_round_letters_between_digits_read_as_zero_others_stay():
    # U counts 30, the same as 0 mod 10: no check digit can catch a 0 read as U. Numbering schemes leave U, D, O and Q
    # out for their likeness to 0, so between digits they are read as 0. G counts 16 like 6, but G is printed among
    # digits (German card numbers): the engine's G stands, and so does a U ending a run (Finland's check letters).
    read = (SPECIMEN[0], SPECIMEN[1][:5] + "U" + SPECIMEN[1][6:])
    assert parse(read, today=TODAY).valid, "U for 0 must keep the check digits, or the test proves nothing"
    assert correct(candidates_from_text(read, confidence=0.9), today=TODAY).lines == SPECIMEN
    lines = generate("TD3", document_code="P", issuing_state="UTO", surname="TADO", given_names="XAWE",
                     document_number="L1G234567", nationality="UTO", birth_date="930825", expiry_date="341016",
                     sex="M", optional_data="211271<426U")
    assert correct(candidates_from_text(lines, confidence=0.9), today=TODAY).lines == lines


def test_long_document_number_is_corrected_in_its_overflow():
    lines = generate("TD1", document_code="ID", issuing_state="BEL", surname="DUPONT", given_names="MARIE",
                     document_number="592123456789", birth_date="850712", expiry_date="310101", sex="F")
    read = (lines[0].replace("<789", "<7B9"), lines[1], lines[2])
    c = correct(candidates_from_text(read), today=TODAY)
    assert c.lines == lines and c.result.fields.document_number == "592123456789"


def test_o_among_digits_of_an_alphanumeric_field_reads_as_zero():
    # O counts 24 and 0 counts 0: swapped at weights 3 and 7 (24 * 10 = 240) every check digit still holds, so only
    # structure can tell. Among digits, the digit is the likelier reading, even where the engine was sure of the O.
    lines = generate("TD3", document_code="P", issuing_state="UTO", surname="TADO", given_names="XAWE",
                     document_number="RG1468467", nationality="UTO", birth_date="930825", expiry_date="341016",
                     sex="M", optional_data="6011776610")
    swapped = (lines[0], lines[1][:29] + "O" + lines[1][30:37] + "O" + lines[1][38:])
    assert parse(swapped, today=TODAY).valid, "the swap must keep every check digit, or the test proves nothing"
    c = correct(candidates_from_text(swapped, confidence=0.999), today=TODAY)
    assert c.lines == lines and c.result.fields.optional_data == "6011776610"


def test_two_os_among_digits_of_a_document_number_read_as_zeros():
    # A number's "00" read "OO" at weights 7 and 3 (24 * 7 + 24 * 3 = 240): its check digit holds either way, and the
    # engine was sure of both O's (a blurred capture loses the width that tells OCR-B's O from 0). Beside the pair are
    # digits: it is read as digits, as a single round letter among digits is.
    lines = generate("TD1", document_code="ID", issuing_state="UTO", surname="SOULBER", given_names="ANLOO",
                     document_number="S79009533", birth_date="061215", expiry_date="300115", sex="F",
                     optional_data="1861368233")
    at = lines[0].index("S79009533") + 3
    assert (at - 5) % 3 == 0, "the pair must sit at weights 7 and 3, or its check digit would catch it"
    swapped = (lines[0][:at] + "OO" + lines[0][at + 2:], lines[1], lines[2])
    assert parse(swapped, today=TODAY).valid, "the swap must keep every check digit, or the test proves nothing"
    c = correct(candidates_from_text(swapped, confidence=0.999), today=TODAY)
    assert c.lines == lines and c.result.fields.document_number == "S79009533"
    # a pair opening a number is letters (a filler, not a digit, on one side of it)
    opening = generate("TD1", document_code="ID", issuing_state="UTO", surname="SOULBER", given_names="ANLOO",
                       document_number="QO9123456", birth_date="061215", expiry_date="300115", sex="F")
    assert correct(candidates_from_text(opening, confidence=0.999), today=TODAY).lines == opening
    # a pair of U (30: a 0 in every check) between digits is not taken for a pair of 0: no check could catch it
    uu = generate("TD1", document_code="ID", issuing_state="UTO", surname="SOULBER", given_names="ANLOO",
                  document_number="S79UU9533", birth_date="061215", expiry_date="300115", sex="F")
    assert correct(candidates_from_text(uu, confidence=0.999), today=TODAY).lines == uu
    # three round letters in a row are letters, printed as such, whatever lies beside them
    three = generate("TD1", document_code="ID", issuing_state="UTO", surname="SOULBER", given_names="ANLOO",
                     document_number="S79OOO533", birth_date="061215", expiry_date="300115", sex="F")
    assert correct(candidates_from_text(three, confidence=0.999), today=TODAY).lines == three


def test_o_beside_a_letter_in_an_alphanumeric_field_stays_a_letter():
    lines = generate("TD3", document_code="P", issuing_state="UTO", surname="TADO", given_names="XAWE",
                     document_number="RO1468467", nationality="UTO", birth_date="930825", expiry_date="341016",
                     sex="M", optional_data="AO12")
    c = correct(candidates_from_text(lines), today=TODAY)
    assert c.lines == lines and c.changes == ()


@pytest.mark.parametrize("letter", ["O", "Q", "D"])
def test_a_zero_between_digits_is_not_made_a_round_letter_for_a_check_digit_to_hold(letter):
    # A forged number: a digit changed, its check digit left as printed (here the one the round letter would give).
    # Read surely but for the 0 between two digits (0.98: lookalikes are tried), the correction could make the check
    # hold by taking that 0 for the letter; numbering schemes leave O, Q and D out among digits (the rule that reads
    # a round letter there as 0), so the number stays as printed and its check fails, as it does on the document.
    genuine = generate("TD1", document_code="ID", issuing_state="UTO", surname="PELO", given_names="LINA",
                       document_number="LC2026764", birth_date="640307", expiry_date="310718", sex="M")
    number = genuine[0][5:14]
    assert number == "LC2026764"
    made = number[:3] + letter + number[4:]
    forged = (genuine[0][:14] + str(checksum(made)) + genuine[0][15:], genuine[1], genuine[2])
    assert not parse(forged, today=TODAY).valid
    cands = candidates_from_text(forged, confidence=0.999)
    cands[0][8] = [("0", 0.98), ("O", 0.01), ("Q", 0.005), ("D", 0.005)]
    c = correct(cands, today=TODAY)
    assert c.lines[0][5:14] == "LC2026764" and not c.result.valid
    assert [ch.name for ch in c.result.checks if not ch.valid][0] == "document_number"
    # the letter itself, read between digits, is still taken for the 0 it looks like where the check allows it
    read = (genuine[0][:8] + letter + genuine[0][9:], genuine[1], genuine[2])
    assert correct(candidates_from_text(read, confidence=0.999), today=TODAY).lines == genuine


def test_a_k_after_a_long_numbers_terminator_is_optional_data():
    # K and < both count 0; the K after the filler that ends a long document number starts the optional data.
    lines = generate("TD1", document_code="AA", issuing_state="UTO", surname="A", given_names="",
                     document_number="0000000000", birth_date="000101", expiry_date="000101", sex="M",
                     optional_data="K", nationality="UTO")
    c = correct(candidates_from_text(lines), today=TODAY)
    assert c.lines == lines


def test_unfixable_reading_names_the_failing_checks():
    # The printed birth date was altered: no look-alike makes 750812 agree with check digit 2 and the composite.
    read = (SPECIMEN[0], SPECIMEN[1].replace("7408122", "7508122"))
    c = correct(candidates_from_text(read), today=TODAY)
    assert not c.result.valid
    assert "birth_date" in c.failing_checks


def test_reading_of_no_mrz_shape_is_returned_as_read():
    c = correct(candidates_from_text(["P<UTO", "123"]), today=TODAY)
    assert c.result.format is None and c.lines == ("P<UTO", "123")


@pytest.mark.parametrize(
    "bad",
    [
        "P<UTO",
        [["P"]],
        [[[("P", 1.5)]]],
        [[[("PP", 0.5)]]],
        [[[]]],
        [[[("P", float("nan"))]]],
        [[["P"]]],
    ],
)
def test_malformed_candidates_raise_value_error(bad):
    with pytest.raises(CandidateError) as err:
        correct(bad)
    assert isinstance(err.value, ValueError)


def _date_positions(fmt: MRZFormat) -> list[int]:
    lay = LAYOUTS[fmt]
    out = []
    for field in (Field.BIRTH_DATE, Field.EXPIRY_DATE, Field.BIRTH_DATE_CHECK, Field.EXPIRY_DATE_CHECK):
        if field in lay.fields:
            out += list(range(lay.fields[field].start, lay.fields[field].stop))
    return out


@settings(max_examples=150, deadline=None)
@given(args=documents(), data=st.data())
def test_look_alikes_in_digit_fields_are_always_recovered(args, data):
    """Property: corrupt up to four digits of the date fields into look-alike letters, the engine's first choice
    (0.55), with the truth second (0.45): the correction gives back the printed MRZ exactly."""
    fmt = args.pop("fmt")
    # A letter among digits of an alphanumeric field is read as its digit look-alike where checks cannot tell
    # (test_o_among_digits_of_an_alphanumeric_field_reads_as_zero): a known ambiguity, not this property's subject.
    alnum = "".join(str(args.get(k, "")) for k in ("document_number", "optional_data", "optional_data_2"))
    assume(not set(alnum) & set(DIGIT_LOOKALIKES))
    lines = generate(fmt, **args)
    length = len(lines[0])
    flat = "".join(lines)
    positions = [p for p in _date_positions(fmt) if flat[p] in LOOKALIKE]
    chosen = data.draw(st.lists(st.sampled_from(positions), max_size=4, unique=True)) if positions else []
    cands = candidates_from_text(lines, confidence=0.97)
    for p in chosen:
        line, col = divmod(p, length)
        cands[line][col] = [(LOOKALIKE[flat[p]], 0.55), (flat[p], 0.45)]
    c = correct(cands, today=TODAY)
    assert c.lines == lines
    assert len(c.changes) == len(chosen)


def test_a_confidently_read_altered_digit_is_never_corrected():
    # The document itself was altered (birth year 74 -> 75): the engine reads it sure, so the correction must
    # leave it and let the check digits fail, not "repair" the forgery into a valid MRZ.
    read = (SPECIMEN[0], SPECIMEN[1].replace("7408122", "7508122"))
    c = correct(candidates_from_text(read, confidence=0.99), today=TODAY)
    assert c.lines == read and c.changes == ()
    assert not c.result.valid and "birth_date" in c.failing_checks


def test_a_sure_digit_in_a_name_is_read_as_its_letter():
    # Part 3, 4.6: numeric characters shall not be used in the name fields of the MRZ.
    read = (SPECIMEN[0].replace("ERIKSSON", "ERIKSS0N"), SPECIMEN[1])
    c = correct(candidates_from_text(read, confidence=0.999), today=TODAY)
    assert c.lines == SPECIMEN and c.result.fields.surname == "ERIKSSON"


def test_a_known_state_code_is_preferred_unless_the_engine_is_sure_of_the_unknown_one():
    cands = candidates_from_text(SPECIMEN, confidence=0.999)
    cands[1][10] = [("M", 0.967), ("U", 0.02)]  # read "MTO", unknown; "UTO" the engine's second choice
    assert correct(cands, today=TODAY).lines[1][10:13] == "UTO"
    cands[1][10] = [("M", 0.995), ("U", 0.005)]
    assert correct(cands, today=TODAY).lines[1][10:13] == "MTO"


def test_a_recognisers_candidates_are_taken_as_the_general_validation_takes_them():
    from docexam.mrz.correct import _validate, _validate_any

    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "l898902c36UTO7408122F1204159ZE184226B<<<<<10"]
    cands = [[[(c, 0.7), ("0", 0.2), ("<", 0.0), ("x", 1.0)] for c in line] for line in lines]
    assert _validate(cands) == _validate_any(cands) and _validate(cands)[1][0][0] == ("L", 0.7)
    # anything but lists of (str, float) tuples in [0, 1] goes the general way, which accepts or names the fault
    for wrong, where in ((float("nan"), (0, 3)), (1.5, (0, 3)), (-0.1, (0, 3))):
        bad = [[list(p) for p in line] for line in cands]
        bad[0][3][1] = ("E", wrong)
        with pytest.raises(CandidateError) as e:
            _validate(bad)
        assert (e.value.line, e.value.column) == where
    other = [[tuple((c, 1) for c, _ in p) for p in line] for line in cands]  # tuples, and an int confidence
    assert _validate(other) == _validate_any(other)
    with pytest.raises(CandidateError):
        _validate([[[("AB", 0.5)]]])


def test_a_codes_letter_is_judged_among_letters_once_the_digits_say_is_taken_away():
    # Part 3, 5: a code is three letters. OCR-B's O and 0 differ in width only; an engine 0.74 sure of a 0 and 0.25 of
    # an O in the issuing state reads an O, and is as sure of it as it is among letters (0.25 / 0.26).
    cands = candidates_from_text(SPECIMEN, confidence=0.999)
    cands[0][4] = [("0", 0.74), ("O", 0.25), ("D", 0.01)]
    c = correct(cands, today=TODAY)
    assert c.lines == SPECIMEN and c.result.valid
    assert c.char_confidence[0][4] == pytest.approx(0.25 / 0.26)
    # a letter the engine gave next to no say keeps its own small confidence: no sure reading made of it
    cands[0][4] = [("0", 0.95), ("O", 0.004), ("D", 0.001)]
    c = correct(cands, today=TODAY)
    assert c.lines[0][2:5] == "UTO" and c.char_confidence[0][4] == pytest.approx(0.004)
    # the same split in a name is not a code's: its letter keeps the engine's confidence
    cands = candidates_from_text(SPECIMEN, confidence=0.999)
    cands[0][5] = [("3", 0.74), ("E", 0.25)]
    assert correct(cands, today=TODAY).char_confidence[0][5] == pytest.approx(0.25)


def test_a_code_mixing_letters_and_a_sure_digit_is_read_with_its_letter_and_not_trusted():
    # "UT0" is no code of any kind; a network sure of the 0 misread OCR-B's O. The code is read UTO, with the
    # confidence of the look-alike the engine did not propose, so that the reading is not confirmed on it.
    cands = candidates_from_text(SPECIMEN, confidence=0.999)
    cands[1][12] = [("0", 0.995)]
    c = correct(cands, today=TODAY)
    assert c.lines[1][10:13] == "UTO" and c.char_confidence[1][12] < 0.05
    # a code printed in digits alone is kept as read (and fails as an unknown code)
    cands = candidates_from_text(SPECIMEN, confidence=0.999)
    for j, d in zip(range(10, 13), "132"):
        cands[1][j] = [(d, 0.995)]
    assert correct(cands, today=TODAY).lines[1][10:13] == "132"
