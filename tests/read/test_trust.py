"""Which readings the reader trusts enough to call valid (docexam.read.reader.trusted)."""

from docexam.mrz import generate
from docexam.mrz.correct import correct
from docexam.read.reader import MIN_LONE_CHAR_CONFIDENCE, trusted
from tests.conftest import TODAY


def _read(lines, at, char, confidence):
    """``lines`` read with 0.99 everywhere but ``char`` with ``confidence`` at (line, column) ``at``."""
    return correct([[[(char, confidence)] if (i, j) == at else [(ch, 0.99)] for j, ch in enumerate(line)]
                    for i, line in enumerate(lines)], today=TODAY)


def test_a_letter_alone_after_fillers_in_a_lines_last_cell_needs_a_near_certain_reading():
    # A visa's optional data (no check digit covers it) ends in fillers; the last one, half cut by the crop's edge,
    # read as C: every check still holds, so only the recogniser's sureness can keep it from a valid reading.
    lines = generate("MRVA", document_code="V", issuing_state="UTO", surname="TAHAL", given_names="SENLINKA",
                     document_number="H18052165", nationality="UTO", birth_date="960326", expiry_date="261205",
                     sex="M")
    last = (1, len(lines[1]) - 1)
    assert lines[1].endswith("<<")
    misread = _read([lines[0], lines[1][:-1] + "C"], last, "C", 0.8)
    assert misread.lines[1][-1] == "C" and misread.result.valid and not trusted(misread)
    sure = _read([lines[0], lines[1][:-1] + "C"], last, "C", MIN_LONE_CHAR_CONFIDENCE + 0.01)
    assert trusted(sure)
    # a check digit after a filler at the end of a TD3 is no lone letter
    td3 = generate("TD3", document_code="P", issuing_state="UTO", surname="ERIKSSON", given_names="ANNA",
                   document_number="L898902C3", birth_date="740812", expiry_date="320415", sex="F")
    assert td3[1][-2] == "<" or td3[1][-2].isdigit()
    assert trusted(_read(td3, (1, 43), td3[1][43], 0.8))


def test_a_reading_doubtful_only_in_its_number_still_reads_its_name_surely():
    """trusted_span: a reading not trusted as a whole for one doubtful character of its document number still reads
    its name where every letter of the name is sure, or is a 0 read in a name, which can only be its O; a doubtful
    letter of the name, or a reading whose check digits fail, reads no field surely."""
    from docexam.mrz.formats import LAYOUTS
    from docexam.mrz.layout import Field
    from docexam.read.reader import trusted_span

    td3 = generate("TD3", document_code="P", issuing_state="UTO", surname="DOZUNADIS", given_names="BIRUTE",
                   document_number="L898902C3", birth_date="740812", expiry_date="320415", sex="F")
    name = LAYOUTS[parse_format(td3)].fields[Field.NAME]
    number_doubt = _read(td3, (1, 2), td3[1][2], 0.3)
    assert number_doubt.result.valid and not trusted(number_doubt)
    assert trusted_span(number_doubt, name)
    assert not trusted_span(number_doubt, LAYOUTS[parse_format(td3)].fields[Field.DOCUMENT_NUMBER])
    # a name letter read doubtfully: the name is not read surely
    assert not trusted_span(_read(td3, (0, 7), td3[0][7], 0.3), name)
    # the O of DOZUNADIS read as a doubtful 0: a name has no digits, the correction's O is the letter
    zero = _read([td3[0][:6] + "0" + td3[0][7:], td3[1]], (0, 6), "0", 0.3)
    assert zero.lines[0][6] == "O" and trusted_span(zero, name)
    # a check digit that fails: nothing is read surely
    broken = _read([td3[0], td3[1][:9] + str((int(td3[1][9]) + 1) % 10) + td3[1][10:]], (1, 2), td3[1][2], 0.3)
    assert not broken.result.valid and not trusted_span(broken, name)


def parse_format(lines):
    from docexam.mrz import parse

    return parse(lines).format


def _with_rival(lines, at, chosen, rival, confidences):
    """``lines`` read with 0.99 everywhere but at (line, column) ``at``, where the recogniser proposed ``chosen`` and
    ``rival`` with ``confidences``."""
    return correct([[[(chosen, confidences[0]), (rival, confidences[1])] if (i, j) == at else [(ch, 0.99)]
                     for j, ch in enumerate(line)] for i, line in enumerate(lines)], today=TODAY)


def test_a_character_the_check_digits_cannot_tell_from_a_rival_the_recogniser_saw_is_not_trusted():
    """3 and X have the same value modulo 10 (3 and 33), so every check digit holds with either (Doc 9303 Part 3,
    4.9: weights 7, 3, 1): a visa number's blurred X read 3 at 0.58 with X at 0.18 was a valid reading, and wrong."""
    from docexam.read.reader import BLIND_RIVAL, ReadResult, blind_doubts

    lines = generate("MRVA", document_code="V", issuing_state="UTO", surname="KAMI", given_names="JOWEO",
                     document_number="X00640059", nationality="UTO", birth_date="750506", expiry_date="261205",
                     sex="F")
    misread = [lines[0], "3" + lines[1][1:]]
    c = _with_rival(misread, (1, 0), "3", "X", (0.58, 0.18))
    assert c.lines[1][0] == "3" and c.result.valid  # the checks hold either way
    assert [(r.line, r.column, r.chosen, r.rival) for r in c.blind_rivals] == [(1, 0, "3", "X")]
    assert not trusted(c) and blind_doubts(c)[0].rival == "X"
    issue = ReadResult(True, "ocrb", c).unconfirmed_issue
    assert issue is not None and issue.code == "check_blind"
    assert issue.params == {"chosen": "3", "rival": "X", "line": "2", "position": "1"}
    # a reading also unsure elsewhere says so: every character is to be checked, not that one alone
    cands = [[[(ch, 0.99)] for ch in line] for line in misread]
    cands[1][0] = [("3", 0.58), ("X", 0.18)]
    cands[0][6] = [(misread[0][6], 0.3)]
    unsure = ReadResult(True, "ocrb", correct(cands, today=TODAY)).unconfirmed_issue
    assert unsure is not None and unsure.code == "unconfirmed_reading"
    # a rival the checks can see is the correction's business, not a doubt: 8 (8) against 3 changes the check digit
    seen = _with_rival(misread, (1, 0), "3", "8", (0.58, 0.18))
    assert seen.blind_rivals == () and trusted(seen)
    # a rival the recogniser hardly saw leaves the reading trusted
    faint = _with_rival(misread, (1, 0), "3", "X", (0.9, BLIND_RIVAL / 2))
    assert faint.blind_rivals and trusted(faint)
    # dates hold digits only, and no two digits share a value modulo 10: no rival there
    date = (1, 13)
    digit = lines[1][date[1]]
    twin = "ABCDEFGHIJ"[int(digit)]  # A is 10, B 11...: the same value modulo 10 as the digit
    assert _with_rival(lines, date, digit, twin, (0.6, 0.3)).blind_rivals == ()
    # the same twin in the document number is a doubt
    number = (1, 3)
    digit = lines[1][number[1]]
    assert _with_rival(lines, number, digit, "ABCDEFGHIJ"[int(digit)], (0.6, 0.3)).blind_rivals
