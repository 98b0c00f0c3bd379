"""The tesseract adapter, on MRZ lines drawn at a fixed pitch in the real OCR-B font.

Tesseract (Debian's tesseract-ocr, with its English model) and the OCR-B font (fonts-ocr-b) are installed by the
Makefile, so these tests run; they do not skip.
"""

import os
from pathlib import Path

import cv2
import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from docexam.errors import DocexamError
from docexam.mrz.correct import correct
from docexam.ocr import tesseract
from docexam.ocr.tesseract import MRZ_ALPHABET, Symbol, TesseractUnavailable, align, parse_hocr, read_line, read_lines
from tests.conftest import TODAY

OCRB = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
PITCH, FONT_SIZE = 30, 42
CANVAS = (44 * PITCH + 40, 70)

TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
LINES = TD3 + TD1 + TD2


def render(text: str) -> np.ndarray:
    """One MRZ line, each character drawn at 20 + i * PITCH on a white canvas wide enough for 44 characters."""
    img = Image.new("L", CANVAS, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(OCRB), FONT_SIZE)
    for i, ch in enumerate(text):
        draw.text((20 + i * PITCH, CANVAS[1] // 2), ch, font=font, fill=0, anchor="lm")
    return np.asarray(img)


def blurred_noisy(img: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = cv2.GaussianBlur(img.astype(np.float32), (0, 0), 1.2) + rng.normal(0, 12, img.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


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


@pytest.fixture(autouse=True)
def _fresh_cache():
    tesseract.clear_cache()
    yield
    tesseract.clear_cache()


def test_tesseract_is_available_here():
    assert tesseract.available()
    assert int(tesseract.version().split(".")[0]) >= 4


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
    c = correct(read_lines([render(line) for line in TD3], length=44), today=TODAY)
    assert c.lines == TD3 and c.result.valid


def test_a_line_is_recognised_once_whatever_length_is_asked(monkeypatch):
    calls = []
    real = tesseract.preprocess
    monkeypatch.setattr(tesseract, "preprocess", lambda line: calls.append(1) or real(line))
    img = render(TD2[0])
    as_td2 = read_line(img, length=36)
    as_td3 = read_line(img, length=44)  # the reader tries both lengths for a two-line MRZ
    assert len(calls) == 1
    assert top1(as_td2) == TD2[0] and top1(as_td3) == TD2[0] + "<" * 8


def test_one_openmp_thread_unless_the_user_chose(monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    read_line(render(TD1[0]), length=30)
    assert os.environ["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
    tesseract.clear_cache()
    read_line(render(TD1[0]), length=30)
    assert os.environ["OMP_THREAD_LIMIT"] == "2"


def test_missing_tesseract_is_reported_with_what_to_do(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    tesseract.clear_cache()
    assert tesseract.available() is False
    assert tesseract.version() is None
    with pytest.raises(TesseractUnavailable) as err:
        read_line(render(TD3[0]), length=44)
    assert "--engine ocrb" in str(err.value) and "tesseract-ocr" in str(err.value)
    assert isinstance(err.value, DocexamError) and isinstance(err.value, RuntimeError)


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
        read_lines([render(TD3[0]), np.zeros((60, 800, 3), np.uint8)], length=44)
    with pytest.raises(ValueError):
        read_lines(np.zeros((2, 60, 800), np.uint8), length=44)
    assert read_lines([], length=44) == []


def test_blank_and_noise_lines_give_well_formed_fillers():
    rng = np.random.default_rng(0)
    for img in (np.full((60, 800), 255, np.uint8), rng.integers(0, 256, (60, 800)).astype(np.uint8)):
        candidates = read_line(img, length=30)
        assert_well_formed(candidates, 30)


# What tesseract 5.3 writes with hocr_char_boxes=1 and lstm_choice_mode=2 (trimmed), plus a lower-case letter, a
# space and a character outside the MRZ alphabet.
HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' id='page_1' title='bbox 0 0 1360 70'>
 <span class='ocr_line' id='line_1_1' title="bbox 26 18 1336 49; baseline -0.002 -1">
  <span class='ocrx_word' id='word_1_1' title='bbox 26 18 1336 49; x_wconf 0'>
   <span class='ocrx_cinfo' title='x_bboxes 26 19 46 48; x_conf 98.976135'>P</span>
    <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
     <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 91.311005'>P</span>
     <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>F</span>
    </span>
   <span class='ocrx_cinfo' title='x_bboxes 595 19 616 45; x_conf 90.946808'>K</span>
    <span class='ocrx_cinfo' id='lstm_choices_1_1_20'>
     <span class='ocrx_cinfo' id='choice_1_1_66' title='x_confs 77.119316'>K</span>
     <span class='ocrx_cinfo' id='choice_1_1_67' title='x_confs 83.613091'>&lt;</span>
     <span class='ocrx_cinfo' id='choice_1_1_68' title='x_confs 12.5'>C</span>
    </span>
   <span class='ocrx_cinfo' title='x_bboxes 55 19 76 45; x_conf 98.374886'>&lt;</span>
   <span class='ocrx_cinfo' title='x_bboxes 85 18 105 48; x_conf 97.5'>u</span>
   <span class='ocrx_cinfo' title='x_bboxes 115 18 135 48; x_conf 97.5'> </span>
   <span class='ocrx_cinfo' title='x_bboxes 145 18 166 48; x_conf 97.5'>#</span>
  </span>
 </span>
</div></body></html>
"""


def test_hocr_symbols_boxes_confidences_and_alternatives():
    symbols = parse_hocr(HOCR.encode())
    assert [s.char for s in symbols] == ["P", "<", "U", "K"]  # left to right; space and '#' dropped
    p, chevron, u, k = symbols
    assert p.box == (26, 19, 46, 48) and p.conf == pytest.approx(0.98976135)
    assert p.choices == []  # a choice repeating the symbol, or at 0, is no alternative
    assert chevron.choices == [] and u.conf == pytest.approx(0.975)
    # tesseract's own pick stays first: an alternative is never more confident than it
    assert k.choices == [("<", pytest.approx(0.83613091)), ("C", pytest.approx(0.125))]


def test_hocr_without_character_boxes_shares_each_word_box():
    hocr = "<span class='ocrx_word' id='word_1_1' title='bbox 10 5 70 40; x_wconf 80'>AB&lt;</span>"
    symbols = parse_hocr(hocr)
    assert [(s.char, s.box[0], s.box[2], s.conf) for s in symbols] == [
        ("A", 10, 30, 0.8), ("B", 30, 50, 0.8), ("<", 50, 70, 0.8)]


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


def test_read_text_reads_a_block_of_printed_lines_top_to_bottom():
    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font = ImageFont.truetype(str(font_path), 34) if font_path.exists() else ImageFont.load_default()
    img = Image.new("L", (520, 190), 255)
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(("12 AUG/AOUT 74", "ERIKSSON", "L898902C3")):
        draw.text((20, 15 + 58 * i), text, fill=0, font=font)
    lines = tesseract.read_text(np.asarray(img))
    assert [ln.text for ln in lines] == ["12 AUG/AOUT 74", "ERIKSSON", "L898902C3"]
    assert all(0.5 <= ln.conf <= 1.0 for ln in lines)
    assert [ln.top for ln in lines] == sorted(ln.top for ln in lines) and lines[0].bottom <= lines[1].top
    with pytest.raises(ValueError, match="uint8"):
        tesseract.read_text(np.zeros((10, 10), np.float32))
