"""MRZ lines read with tesseract (docexam.read.tesseract_lines): its symbols put in the fixed-pitch cells and
checked against OCR-B's glyph metrics, on lines drawn at a fixed pitch in the real OCR-B font.

Tesseract (Debian's tesseract-ocr, with its English model) and the OCR-B font (fonts-ocr-b) are installed by the
Makefile, so these tests run; they do not skip.
"""

import numpy as np
import pytest

from docexam.mrz.alphabet import MRZ_ALPHABET
from docexam.mrz.correct import correct
from docexam.ocr import tesseract
from docexam.ocr.tesseract import Symbol
from docexam.read.tesseract_lines import align, read_line, read_lines
from tests.conftest import TODAY
from tests.ocr.test_tesseract import LINES, TD1, TD2, TD3, blurred_noisy, render


def top1(candidates) -> str:
    return "".join(position[0][0] for position in candidates)


def assert_well_formed(candidates, length: int) -> None:
    assert len(candidates) == length
    for position in candidates:
        assert position, "every position needs at least one candidate"
        assert all(ch in MRZ_ALPHABET and len(ch) == 1 and 0.0 <= p <= 1.0 for ch, p in position)
        confs = [p for _, p in position]
        assert confs == sorted(confs, reverse=True), "best first"
        assert len({ch for ch, _ in position}) == len(position)


@pytest.mark.parametrize("truth", LINES)
def test_clean_lines_are_read_exactly(truth):
    candidates = read_line(render(truth), length=len(truth))
    assert_well_formed(candidates, len(truth))
    assert top1(candidates) == truth


def test_blurred_noisy_lines_are_mostly_right():
    right = total = 0
    for seed, truth in enumerate(LINES):
        candidates = read_line(blurred_noisy(render(truth), seed), length=len(truth))
        assert_well_formed(candidates, len(truth))
        hits = sum(a == b for a, b in zip(top1(candidates), truth))
        assert hits >= 0.9 * len(truth), (truth, top1(candidates))
        right, total = right + hits, total + len(truth)
    assert right >= 0.95 * total


def test_candidates_feed_the_corrector():
    c = correct(read_lines([render(line) for line in TD3], lengths=(44,))[44], today=TODAY)
    assert c.lines == TD3 and c.result.valid


def test_a_line_is_recognised_once_whatever_length_is_asked(monkeypatch):
    calls = []
    real = tesseract.preprocess
    monkeypatch.setattr(tesseract, "preprocess", lambda line: calls.append(1) or real(line))
    img = render(TD2[0])
    by_length = read_lines([img], lengths=(36, 44))  # the reader tries both lengths for a two-line MRZ
    (as_td2,), (as_td3,) = by_length[36], by_length[44]
    assert len(calls) == 1
    assert top1(as_td2) == TD2[0] and top1(as_td3) == TD2[0] + "<" * 8


@pytest.mark.parametrize(
    "line, length",
    [
        (np.full((60, 800), 255, np.float32), 44),  # wrong dtype
        (np.full((60, 800, 3), 255, np.uint8), 44),  # colour
        ([[255] * 800] * 60, 44),  # not an array
        (np.full((60, 800), 255, np.uint8), 0),
        (np.full((60, 800), 255, np.uint8), -3),
        (np.full((60, 800), 255, np.uint8), 44.0),
    ],
    ids=["float32", "3-D", "list", "length-0", "length-negative", "length-float"],
)
def test_bad_input_is_refused_before_tesseract_runs(line, length):
    with pytest.raises(ValueError):
        read_line(line, length=length)


def test_read_lines_validates_every_line():
    with pytest.raises(ValueError, match=r"lines\[1\]"):
        read_lines([render(TD3[0]), np.zeros((60, 800, 3), np.uint8)], lengths=(44,))
    with pytest.raises(ValueError):
        read_lines(np.zeros((2, 60, 800), np.uint8), lengths=(44,))
    with pytest.raises(ValueError):
        read_lines([render(TD3[0])], lengths=(44, 0))
    assert read_lines([], lengths=(44,)) == {44: []}


def test_blank_and_noise_lines_give_well_formed_fillers():
    rng = np.random.default_rng(0)
    for img in (np.full((60, 800), 255, np.uint8), rng.integers(0, 256, (60, 800)).astype(np.uint8)):
        candidates = read_line(img, length=30)
        assert_well_formed(candidates, 30)


def _symbols(text: str, *, x0: float = 40.0, pitch: float = 36.0, conf: float = 0.95) -> list[Symbol]:
    return [Symbol(ch, conf, (round(x0 + i * pitch - 10), 20, round(x0 + i * pitch + 10), 56))
            for i, ch in enumerate(text) if ch != " "]


BLANK = np.full((72, 1800), 255, np.uint8)  # no ink: the geometry stays out, only the alignment is tested


def test_alignment_puts_symbols_in_their_cells_by_position_not_order():
    syms = _symbols("P<UTO  RIKSSON")  # two symbols lost in the middle
    cands = align(syms, BLANK, 14, reread=False)
    assert top1(cands) == "P<UTO<<RIKSSON"
    assert cands[5][0] == ("<", 0.3) and len(cands[5]) == 2  # a lost cell: a likely filler, and one alternative


def test_alignment_keeps_the_more_confident_of_two_symbols_in_one_cell():
    syms = _symbols("UTO7") + [Symbol("0", 0.6, (111, 20, 127, 56))]  # the O read twice, as O and as 0
    cands = align(syms, BLANK, 4, reread=False)
    assert top1(cands) == "UTO7"
    # O/0 are told apart by context only: never "sure" (0.95, the corrector's threshold) from tesseract alone
    assert cands[2] == [("O", 0.9), ("0", 0.3)]


def test_alignment_pads_a_short_reading_and_drops_a_stray_symbol():
    assert top1(align(_symbols("ABC"), BLANK, 6, reread=False)) == "ABC<<<"
    stray = _symbols("ABCDEF") + [Symbol("X", 0.2, (1500, 20, 1520, 56))]
    assert top1(align(stray, BLANK, 6, reread=False)) == "ABCDEF"


def test_the_cells_a_line_lost_are_read_again_in_one_run_whatever_the_lengths(monkeypatch):
    # tesseract swallows the lone check digit after the fillers: the line's reading lacks it
    img = render(TD1[1])
    full = tesseract.recognise(tesseract.preprocess(img))
    assert "".join(s.char for s in full).endswith("<<<<<<<<<<<6")
    runs = []
    real = tesseract.recognise

    def recognise(image):
        runs.append(image.shape)
        return full[:-1] if len(runs) == 1 else real(image)

    monkeypatch.setattr(tesseract, "recognise", recognise)
    by_length = read_lines([img], lengths=(30, 36, 44))
    assert len(runs) == 2  # the line, then its lost cell once (not once per length)
    assert top1(by_length[30][0]) == TD1[1]
    assert top1(by_length[36][0]) == TD1[1] + "<" * 6
