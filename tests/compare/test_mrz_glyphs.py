"""The MRZ's characters against the document's own print of the same characters: a patch of other text over the
fillers, or a character printed again in another typeface, departs from its kind; genuine MRZs, real and generated,
do not."""

import dataclasses

import cv2
import numpy as np
import pytest

from docexam.compare.mrz_glyphs import glyph_cells, glyph_findings
from docexam.compare.result import ALARM
from docexam.lights import Light
from docexam.read.reader import Engine, read_gray
from docexam.specimens import FAMILIES, random_specimen, render
from tests.conftest import CORPUS, TODAY

DPI = 200


def _read(grey: np.ndarray):
    reading = read_gray(grey, engine=Engine.OCRB, exhaustive=False)
    assert reading.correction is not None and reading.region is not None
    return reading


def _document(name: str, seed: int) -> np.ndarray:
    images = render(random_specimen(FAMILIES[name], seed, today=TODAY), dpi=DPI)
    return cv2.cvtColor(images[Light.VISIBLE], cv2.COLOR_RGB2GRAY)


def _filler_run(grey: np.ndarray, reading, length: int = 4) -> tuple[int, int, int, int]:
    """The image box of ``length`` fillers in a row on the MRZ's first line (where the names end)."""
    line = reading.correction.lines[0]
    start = line.rindex("<" * (length + 2)) + 1
    h, w = reading.region.crop.shape
    corners = reading.region.corners
    top, bottom = corners[:, 1].min(), corners[:, 1].max()
    x_left, x_right = corners[:, 0].min(), corners[:, 0].max()
    pitch = (x_right - x_left) / len(line)
    x0 = int(x_left + start * pitch)
    return x0, int(top), int(length * pitch), int((bottom - top) / len(reading.correction.lines))


@pytest.mark.parametrize("name,seed", [("td3", 3), ("td1", 5), ("td2", 8)])
def test_a_genuine_generated_mrz_departs_nowhere(name, seed):
    grey = _document(name, seed)
    reading = _read(grey)
    assert glyph_findings(reading, "visible") == []
    cells = glyph_cells(reading.region.crop, reading.correction.lines)
    assert len(cells) == sum(len(t) for t in reading.correction.lines)
    assert sum(np.isfinite(c.departure) for c in cells) > len(cells) // 2  # most characters are judged


def test_other_text_stuck_over_the_fillers_is_an_alarm_over_its_place():
    grey = _document("td3", 3)
    before = _read(grey)
    x, y, w, h = _filler_run(grey, before)
    patched = grey.copy()
    patched[y : y + h, x : x + w] = int(np.percentile(grey[y : y + h, x : x + w], 95)) - 12  # a tinted slip of paper
    cv2.putText(patched, "XS", (x + 2, y + int(h * 0.8)), cv2.FONT_HERSHEY_TRIPLEX, h / 40, 60, 2, cv2.LINE_AA)
    found = glyph_findings(_read(patched), "visible")
    alarms = [f for f in found if f.score >= ALARM]
    assert alarms, [(f.score, f.said.args) for f in found]
    fx, fy, fw, fh = alarms[0].bbox
    assert fx < x + w and x < fx + fw and fy < y + h and y < fy + fh  # over the patch
    assert alarms[0].said.code == "mrz_glyph_departs" and alarms[0].said.args["line"] == 1


def _patched_td3():
    grey = _document("td3", 3)
    x, y, w, h = _filler_run(grey, _read(grey))
    patched = grey.copy()
    patched[y : y + h, x : x + w] = int(np.percentile(grey[y : y + h, x : x + w], 95)) - 12
    cv2.putText(patched, "XS", (x + 2, y + int(h * 0.8)), cv2.FONT_HERSHEY_TRIPLEX, h / 40, 60, 2, cv2.LINE_AA)
    return _read(patched)


def test_a_reading_doubted_in_many_places_is_not_judged():
    """Characters read wrongly are compared with another character's prints: a reading the recogniser doubts in more
    than a tenth of its characters is not judged; one doubted only where the patch lies still is."""
    reading = _patched_td3()
    c = reading.correction
    assert any(f.score >= ALARM for f in glyph_findings(reading, "visible"))
    doubted = dataclasses.replace(c, char_confidence=tuple(tuple(0.3 for _ in line) for line in c.char_confidence))
    assert glyph_findings(dataclasses.replace(reading, correction=doubted), "visible") == []
    n = len(c.lines[0])
    start = c.lines[0].rindex("<" * 6) + 1
    local = tuple(tuple(0.3 if (li == 0 and start <= i < start + 4) else 1.0 for i in range(n)) for li in range(len(c.lines)))
    assert sum(x < 0.5 for line in local for x in line) / (n * len(c.lines)) <= 0.1
    locally = dataclasses.replace(c, char_confidence=local)
    assert any(f.score >= ALARM for f in glyph_findings(dataclasses.replace(reading, correction=locally), "visible"))


def test_a_stamp_the_reader_lifted_out_of_a_cell_is_not_judged():
    grey = _document("td3", 3)
    reading = _read(grey)
    crop = reading.region.crop.copy()
    lines = reading.correction.lines
    # One filler's cell blotted out in the crop: judged, it departs; said covered by coloured print, it is not.
    col = lines[0].rindex("<<<") + 1
    x, y, w, h = glyph_cells(crop, lines)[col].box
    crop[y : y + h // 2, x : x + w] = 40
    judged = glyph_cells(crop, lines)
    assert judged[col].departure > 6
    covered = [[0.0] * len(t) for t in lines]
    covered[0][col] = 0.6
    assert not np.isfinite(glyph_cells(crop, lines, covered=covered)[col].departure)


def test_no_real_corpus_mrz_departs_enough_for_an_alarm(corpus_truth):
    """The real pages of ../shared/corpus (scans, photos, screenshots of many printers), as they are and blurred by
    1.2 px (where some names are misread): none of their characters departs from its kind enough for an alarm."""
    read = 0
    for name in corpus_truth:
        grey = cv2.imread(str(CORPUS / name), cv2.IMREAD_GRAYSCALE)
        if grey is None:
            continue
        reading = read_gray(grey, engine=Engine.OCRB, exhaustive=False)
        if reading.correction is None or reading.region is None:
            continue
        read += 1
        assert not [f for f in glyph_findings(reading, "visible") if f.score >= ALARM], name
        soft = read_gray(cv2.GaussianBlur(grey, (0, 0), 1.2), engine=Engine.OCRB, exhaustive=False)
        if soft.correction is not None and soft.region is not None:  # read or not, a blurred page is no alarm
            assert not [f for f in glyph_findings(soft, "visible") if f.score >= ALARM], (name, soft.correction.lines)
    assert read >= 30


@pytest.mark.parametrize("crop,lines", [(np.zeros((4, 4), np.uint8), ["P<UTO"]),
                                        (np.zeros((40, 200), np.float32), ["P<UTO"]),
                                        (np.zeros((40, 200), np.uint8), []),
                                        (np.zeros((40, 200), np.uint8), [""])])
def test_bad_input_is_a_value_error(crop, lines):
    with pytest.raises(ValueError):
        glyph_cells(crop, lines)


def test_an_mrz_whose_lines_cannot_be_found_gives_no_cells():
    blank = np.full((60, 400), 230, np.uint8)
    assert glyph_cells(blank, ["P<UTO" + "<" * 39, "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]) == []

