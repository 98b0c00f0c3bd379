"""The tesseract adapter (probe, run, parse), on MRZ lines drawn at a fixed pitch in the real OCR-B font.

Tesseract (Debian's tesseract-ocr, with its English model) is installed by the Makefile and the OCR-B font ships in the
package (docexam/fonts/), so these tests run; they do not skip.
"""

import os
import threading
from pathlib import Path

import cv2
import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from docexam.errors import DocexamError
from docexam.ocr import tesseract
from docexam.ocr.tesseract import TesseractUnavailable, parse_hocr, recognise_line
from docexam.paths import font_file

OCRB = Path(font_file("/usr/share/fonts/opentype/ocr-b/OCRB.otf"))
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    tesseract.clear_cache()
    yield
    tesseract.clear_cache()


def test_tesseract_is_available_here():
    assert tesseract.available()
    assert int(tesseract.version().split(".")[0]) >= 4


def test_one_openmp_thread_unless_the_user_chose(monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    recognise_line(render(TD1[0]))
    assert os.environ["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
    tesseract.clear_cache()
    recognise_line(render(TD1[0]))
    assert os.environ["OMP_THREAD_LIMIT"] == "2"


def test_a_line_is_recognised_in_one_run_on_the_image_given_to_tesseract(monkeypatch):
    runs = []
    real = tesseract.recognise
    monkeypatch.setattr(tesseract, "recognise", lambda img: runs.append(img) or real(img))
    seen = recognise_line(render(TD3[0]))
    assert len(runs) == 1 and runs[0] is seen.image
    assert seen.image.dtype == np.uint8 and seen.image.ndim == 2
    # tesseract's own reading, before the reader puts it in cells: right where the glyphs are not fillers
    assert "".join(s.char for s in seen.symbols).startswith("P<UTOERIKSSON<<ANNA<")
    assert [s.x_centre for s in seen.symbols] == sorted(s.x_centre for s in seen.symbols)


@pytest.mark.parametrize(
    "line",
    [np.full((60, 800), 255, np.float32), np.full((60, 800, 3), 255, np.uint8), [[255] * 800] * 60,
     np.full((3, 800), 255, np.uint8)],
    ids=["float32", "3-D", "list", "too-thin"],
)
def test_bad_lines_are_refused_before_tesseract_runs(line, monkeypatch):
    monkeypatch.setattr(tesseract, "recognise", lambda img: pytest.fail("tesseract ran"))
    with pytest.raises(ValueError):
        recognise_line(line)


def test_missing_tesseract_is_reported_with_what_to_do(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    tesseract.clear_cache()
    assert tesseract.available() is False
    assert tesseract.version() is None
    with pytest.raises(TesseractUnavailable) as err:
        recognise_line(render(TD3[0]))
    assert "--engine ocrb" in str(err.value) and "tesseract-ocr" in str(err.value)
    assert isinstance(err.value, DocexamError) and isinstance(err.value, RuntimeError)


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


def test_read_text_reads_a_block_of_printed_lines_top_to_bottom():
    font = ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 34)
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


def test_read_words_finds_scattered_words_with_their_boxes_and_lines():
    font = ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 34)
    img = Image.new("L", (900, 260), 255)
    draw = ImageDraw.Draw(img)
    placed = {"ERIKSSON": (40, 30), "L898902C3": (560, 30), "12.08.1974": (40, 170)}
    for text, at in placed.items():
        draw.text(at, text, fill=0, font=font)
    words = tesseract.read_words(np.asarray(img))
    found = {w.text: w for w in words}
    assert set(placed) <= set(found), [w.text for w in words]
    for text, (x, y) in placed.items():
        bx, by, bw, bh = found[text].box
        assert abs(bx - x) <= 6 and y <= by <= y + 20 and 20 <= bh <= 40 and bw > 100
        assert 0.5 <= found[text].conf <= 1.0
    assert found["ERIKSSON"].line != found["12.08.1974"].line
    with pytest.raises(ValueError, match="uint8"):
        tesseract.read_words(np.zeros((10, 10), np.float32))


def _words_page(*texts: str) -> np.ndarray:
    font = ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 34)
    img = Image.new("L", (700, 80 + 70 * len(texts)), 255)
    for i, text in enumerate(texts):
        ImageDraw.Draw(img).text((40, 30 + 70 * i), text, fill=0, font=font)
    return np.asarray(img)


@pytest.mark.parametrize("cores", [{0}, {0, 1}])
def test_read_ahead_gives_each_page_its_own_words_read_ahead_on_two_cores(monkeypatch, cores):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores)
    runs = []
    real = tesseract.read_words

    def counted(image, **options):
        runs.append((image.shape, threading.current_thread().name))
        return real(image, **options)

    monkeypatch.setattr(tesseract, "read_words", counted)
    pages = [_words_page("ERIKSSON"), _words_page("L898902C3", "12.08.1974")]
    with tesseract.ReadAhead() as ahead:
        first, second = ahead.start(pages[0]), ahead.start(pages[1])
        assert [w.text for w in second()] == ["L898902C3", "12.08.1974"]
        assert [w.text for w in first()] == ["ERIKSSON"]
        never = ahead.start(_words_page("ANNA"))
    assert sorted(shape for shape, _ in runs[:2]) == sorted(p.shape for p in pages)
    if len(cores) == 1:  # read when asked for, in the caller's thread; a page never asked for is never read
        assert [thread for _, thread in runs] == ["MainThread", "MainThread"]
    else:  # read ahead, in threads of their own, each tesseract process as read_words runs it
        assert {thread.split("_")[0] for _, thread in runs[:2]} == {"docexam-tesseract"}
        assert [w.text for w in never()] == ["ANNA"]
    with pytest.raises(ValueError, match="uint8"):
        tesseract.ReadAhead().start(np.zeros((10, 10), np.float32))


def test_read_words_reads_cyrillic_with_the_models_make_installs():
    # make system-deps installs tesseract-ocr-rus and -ukr: the automatic annotation reads Cyrillic names with them
    assert {"eng", "rus", "ukr"} <= tesseract.languages()
    font = ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 40)
    img = Image.new("L", (700, 120), 255)
    ImageDraw.Draw(img).text((30, 30), "ОЛЕСЬКИЙ ЧУБОРІЙ", fill=0, font=font)
    words = [w.text for w in tesseract.read_words(np.asarray(img), lang="rus+ukr")]
    assert "ОЛЕСЬКИЙ" in words, words
    with pytest.raises(ValueError, match="no xyz model"):
        tesseract.read_words(np.asarray(img), lang="xyz")


def test_read_lines_reads_each_image_as_its_own_line_in_one_run(monkeypatch):
    font = ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 34)
    lines = []
    for text in ("19 MAY/MAI 69", "CAVANSEN", "F"):
        img = Image.new("L", (40 + 26 * len(text), 70), 255)
        ImageDraw.Draw(img).text((20, 15), text, fill=0, font=font)
        lines.append(np.asarray(img))
    runs = []
    real = tesseract._call
    monkeypatch.setattr(tesseract, "_call", lambda *a, **k: runs.append(a[0]) or real(*a, **k))
    read = tesseract.read_lines(lines)
    assert [" ".join(w.text for w in words) for words in read] == ["19 MAY/MAI 69", "CAVANSEN", "F"]
    assert runs == ["image_to_data"]  # one tesseract run for every line
    assert all(w.line[0] == i for i, words in enumerate(read) for w in words)
    assert tesseract.read_lines([]) == []
    with pytest.raises(ValueError, match="uint8"):
        tesseract.read_lines([lines[0], np.zeros((10, 10), np.float32)])


def test_read_lines_reads_each_line_in_one_run_as_it_reads_it_alone():
    # The comparison reads every VIZ field, each prepared two ways, in one tesseract run (the run's cost is mostly
    # loading the model: ~0.13 s of a 12-line run's ~0.23 s CPU, h19speed). That is only right if a line read among
    # others is read as it is read alone: LSTM recognition of one --psm 7 page must not depend on the other pages.
    # Values as a VIZ prints them, in DejaVu Sans and OCR-B, clean and blurred with noise.
    faces = [ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 34),
             ImageFont.truetype(str(OCRB), 34)]
    lines = []
    for k, text in enumerate(("DT5412593", "LEKRIROUSOVA", "28 OCT/OCT 01", "05 AUG/AOUT 29", "F", "STETEMOSLAVA")):
        img = Image.new("L", (40 + 26 * len(text), 64), 255)
        ImageDraw.Draw(img).text((20, 12), text, fill=0, font=faces[k % 2])
        line = np.asarray(img)
        lines += [line, blurred_noisy(line, seed=k)]
    together = tesseract.read_lines(lines)
    alone = [tesseract.read_lines([line])[0] for line in lines]
    assert [[(w.text, w.box) for w in words] for words in together] == [[(w.text, w.box) for w in words] for words in alone]
    assert " ".join(w.text for w in together[2]) == "LEKRIROUSOVA"  # read, not merely alike in failing
