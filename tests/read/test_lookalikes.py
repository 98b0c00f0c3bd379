"""A document's own digits learnt from its digits-only fields (docexam.read.lookalikes, issue 21): a font whose zero
is as round as an O, whose 8 is read as B."""

from docexam.mrz.correct import correct
from docexam.mrz.parser import parse
from docexam.read.lookalikes import calibrate, document_twins

# A TD3 (Doc 9303 Part 4) whose check digits hold: number, birth date, expiry date, personal number, composite.
TRUTH = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
         "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


def _read(lines, swaps):
    """Candidates as a recogniser would give them: every character sure, except ``swaps`` {(line, column): letter},
    read as that letter with full confidence and the true character at nothing."""
    out = []
    for i, line in enumerate(lines):
        row = []
        for j, ch in enumerate(line):
            if (i, j) in swaps:
                row.append([(swaps[i, j], 1.0), (ch, 0.0)])
            else:
                row.append([(ch, 1.0)])
        out.append(row)
    return out


def test_the_truth_validates():
    assert parse(TRUTH).valid


def test_zeros_read_as_o_in_the_dates_make_the_o_among_the_number_s_digits_a_zero():
    # Birth date 740812 and expiry date 120415: the 0 of both read as O, and the 0 of the number L898902C3 too. The
    # check digits alone cannot confirm the number's zero: the recogniser gave it no chance.
    swaps = {(1, 5): "O", (1, 15): "O", (1, 23): "O"}
    cands = _read(TRUTH, swaps)
    before = correct(cands)
    assert min(before.char_confidence[1][p] for p in (15, 23)) < 0.1  # the dates' zeros only as look-alikes
    calibrated, twins = calibrate(cands)
    assert twins == {"O": "0"}
    after = correct(calibrated)
    assert list(after.lines) == TRUTH and after.result.valid
    assert 0.5 < after.char_confidence[1][5] < 1.0  # the number's zero: likely, not certain
    # The dates' zeros are still look-alikes the recogniser did not read: a reading that needed them is not sure (a
    # recogniser that misreads the document's digits may misread its names, which no check digit covers).
    assert calibrated[1][15] == cands[1][15] and calibrated[1][23] == cands[1][23]
    assert min(after.char_confidence[1][p] for p in (15, 23)) < 0.1


def test_one_o_in_a_date_is_a_blur_not_the_font():
    cands = _read(TRUTH, {(1, 15): "O"})
    assert document_twins(cands) == {}
    calibrated, twins = calibrate(cands)
    assert twins == {} and calibrated == [[list(c) for c in line] for line in cands]


def test_a_letter_among_letters_of_the_number_and_names_stay_as_read():
    # The document's 8 reads as B (birth date 880818), and so do the number's 8s; the number's own C, the name's
    # letters and the state code are left alone, and the B of a name is no 8.
    lines = ["P<UTOBERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<", "L898902C36UTO8808187F2804154ZE184226B<<<<<12"]
    assert parse(lines).valid
    swaps = {(1, 13): "B", (1, 14): "B", (1, 16): "B", (1, 1): "B", (1, 3): "B"}
    calibrated, twins = calibrate(_read(lines, swaps))
    assert twins == {"B": "8"}
    assert calibrated[0] == [[(ch, 1.0)] for ch in lines[0]]
    assert calibrated[1][16] == [("B", 1.0), ("8", 0.0)]  # a digits-only position: left to the correction
    assert calibrated[1][1][0][0] == "8" and calibrated[1][1][1][0] == "B"  # beside the digit 9
    assert calibrated[1][7] == [("C", 1.0)]
    # The personal number's B (ZE184226B) stands beside a digit: both are tried, and its check digit keeps the letter.
    assert [ch for ch, _ in calibrated[1][36]] == ["8", "B"]
    after = correct(calibrated)
    assert list(after.lines) == lines and after.result.valid


def test_an_unknown_layout_is_left_as_read():
    cands = _read(["ABC", "DEF"], {})
    assert calibrate(cands) == ([[list(c) for c in line] for line in cands], {})
