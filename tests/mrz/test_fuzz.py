"""MRZ text at its boundary: whatever text OCR, a paste or a file gives, parsing, explaining and correcting answer
with a result (never an exception), and only an MRZ of the ICAO alphabet is ever reported valid."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from docexam.mrz import generate, parse
from docexam.mrz.correct import candidates_from_text, correct
from docexam.mrz.explain import explain
from tests.conftest import TODAY
from tests.mrz.strategies import documents

#: ICAO Doc 9303 Part 3, 4.1: the MRZ is written in upper-case A-Z, 0-9 and the filler "<".
ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")

_ANY_LINE = st.text(max_size=50)
_NEAR_MRZ_LINE = st.text(alphabet=st.sampled_from(sorted(ALPHABET) + ["\x00", "\x1b", "\u00e9", "\u202e", " ", "\t", "\ufeff"]),
                         min_size=28, max_size=46)


def _answers(lines) -> None:
    result = parse(lines, today=TODAY)
    assert isinstance(result.valid, bool)
    json.dumps(result.to_dict())  # its record is plain JSON
    assert isinstance(explain(result), str)
    if result.valid:
        assert all(set(line) <= ALPHABET for line in result.lines)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ANY_LINE, st.lists(_ANY_LINE, max_size=4), st.lists(_NEAR_MRZ_LINE, min_size=1, max_size=3)))
def test_any_text_parses_to_a_result(lines):
    _answers(lines)


@settings(max_examples=200, deadline=None)
@given(documents(), st.data())
def test_a_real_mrz_with_any_character_changed_parses_and_is_valid_only_in_the_alphabet(args, data):
    lines = list(generate(**args))
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines[i]) - 1))
    stranger = data.draw(st.characters())
    lines[i] = lines[i][:j] + stranger + lines[i][j + 1:]
    _answers(lines)
    if stranger not in ALPHABET:
        assert not parse(lines, today=TODAY).valid


@settings(max_examples=100, deadline=None)
@given(st.lists(_NEAR_MRZ_LINE, min_size=1, max_size=3))
def test_correcting_any_text_gives_a_correction(lines):
    fixed = correct(candidates_from_text(lines), today=TODAY)
    assert len(fixed.lines) == len(lines)


_CHECK_CHARS = "0123456789<ABZ"


@settings(max_examples=400, deadline=None)
@given(documents(), st.data())
def test_the_fast_check_digit_verdict_is_the_verdict_of_the_checks_one_by_one(args, data):
    # parser._fast_checks says at once whether every check digit holds; _run_checks lists them one by one (what a
    # result reports): on an MRZ with up to three characters changed (check digits, fillers, data), they agree.
    from docexam.mrz import parser
    from docexam.mrz.formats import LAYOUTS

    lines = list(generate(**args))
    for _ in range(data.draw(st.integers(0, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines[i]) - 1))
        lines[i] = lines[i][:j] + data.draw(st.sampled_from(_CHECK_CHARS)) + lines[i][j + 1:]
    result = parse(lines, today=TODAY)
    layout = LAYOUTS[result.format]
    text = "".join(lines)
    plan = layout.plan
    long_end, number_check_at = None, plan.document_number_check.start
    if (result.format.value in ("TD1", "TD2") and text[number_check_at] == "<"
            and text[plan.document_number.stop - 1] != "<" and text[plan.optional_data].find("<") >= 2):
        long_end = text[plan.optional_data].find("<")
        number_check_at = plan.optional_data.start + long_end - 1
    fast = parser._fast_checks(layout, long_end)
    one_by_one = parser._run_checks(layout, text, True, parser._number_spans(plan, long_end), number_check_at)
    ascii_ = text.encode("ascii")
    assert fast(ascii_, ascii_.translate(parser._VALUE_BYTES)) == all(valid for *_, valid, _ in one_by_one)
    assert all(c.valid for c in result.checks) == all(valid for *_, valid, _ in one_by_one)
