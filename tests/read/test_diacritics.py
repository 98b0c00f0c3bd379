"""A diacritic printed over a letter of the MRZ's name (Doc 9303 Part 3, 4.3: outside the alphabet) is read as the
glyph printed and reported, never normalised away (issue 21, item 2)."""

import dataclasses

import cv2
import numpy as np
import pytest

from docexam.lights import Light
from docexam.mrz import parse
from docexam.read.diacritics import _mark_shape, _valley
from docexam.read.reader import read_gray
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.capture import capture, sample_conditions
from docexam.specimens.design import MRZ_CHAR_HEIGHT_MM, MRZ_LINE_SPACING_MM, MRZ_PITCH_MM, REFERENCE_DPI, mm_to_px
from tests.conftest import TODAY


def _with_tilde(image: np.ndarray, family, n_lines: int, line: int, col: int, grey: int = 20) -> np.ndarray:
    """``image`` (a rendered document) with a tilde drawn over the MRZ character at (line, col), from 0, in ``grey``."""
    def px(mm):
        return mm_to_px(mm, REFERENCE_DPI)

    top = family.mrz_bottom_centre - (n_lines - 1 - line) * MRZ_LINE_SPACING_MM - MRZ_CHAR_HEIGHT_MM / 2
    x0 = family.mrz_left + (col + 0.15) * MRZ_PITCH_MM
    t = np.linspace(0, 1, 24)
    pts = np.stack([px(x0 + t * 0.55 * MRZ_PITCH_MM), px(top - 0.55 - 0.2 * np.sin(2 * np.pi * t))], axis=1)
    out = image.copy()
    cv2.polylines(out, [np.round(pts * 8).astype(np.int32)], False, (grey, grey, grey), thickness=round(px(0.3)),
                  lineType=cv2.LINE_AA, shift=3)
    return out


@pytest.mark.parametrize("fam,seed,line,difficulty", [("td1", 3, 2, "normal"), ("td3", 5, 0, "easy")])
def test_an_n_with_tilde_in_the_name_is_read_as_printed_and_reported(fam, seed, line, difficulty):
    # "normal": blurred enough that a pixel or two of ink crosses the gap between the tilde and the letter
    specimen = random_specimen(FAMILIES[fam], seed, today=TODAY)
    col = (0 if fam == "td1" else 5) + 1  # the name's second letter
    text = specimen.mrz[line]
    printed = specimen.mrz[:line] + (text[:col] + "N" + text[col + 1 :],) + specimen.mrz[line + 1 :]
    image = _with_tilde(render(dataclasses.replace(specimen, mrz=printed))[Light.VISIBLE], specimen.family,
                        len(printed), line, col)
    cond = dataclasses.replace(sample_conditions(seed=2, difficulty=difficulty), dpi=300)
    gray = cv2.cvtColor(capture({"visible": image}, cond, seed=2).images["visible"], cv2.COLOR_RGB2GRAY)
    r = read_gray(gray, engine="ocrb", today=TODAY)
    assert r.correction.lines[line] == text[:col] + "Ñ" + text[col + 1 :]
    assert not r.valid  # a glyph outside the alphabet: the MRZ as printed is not compliant
    d = r.to_dict()
    assert any(i["code"] == "national_deviation" and i["params"]["deviation"] == "national_characters"
               for i in d["issues"])
    assert any("Ñ" in note for note in r.notes)
    # no check digit covers a name: every check holds as it does on the MRZ without the mark
    assert [(c.name, c.valid) for c in r.correction.result.checks] == [
        (c.name, c.valid) for c in parse(printed, today=TODAY).checks]


def test_no_mark_is_looked_for_where_coloured_print_lay_or_on_a_reading_the_recogniser_was_unsure_of(monkeypatch):
    # What is left of a stamp lifted out above a letter can look like a diaeresis; and garbage has no letters.
    import docexam.read.reader as reader

    specimen = random_specimen(FAMILIES["td3"], 5, today=TODAY)
    text = specimen.mrz[0]
    printed = (text[:6] + "N" + text[7:], specimen.mrz[1])
    image = _with_tilde(render(dataclasses.replace(specimen, mrz=printed))[Light.VISIBLE], specimen.family, 2, 0, 6)
    cond = dataclasses.replace(sample_conditions(seed=2, difficulty="easy"), dpi=300)
    gray = cv2.cvtColor(capture({"visible": image}, cond, seed=2).images["visible"], cv2.COLOR_RGB2GRAY)
    seen = []
    marked = reader._printed_marks
    monkeypatch.setattr(reader, "_printed_marks", lambda c, view, today: seen.append((c, view)) or marked(c, view, today))
    assert read_gray(gray, engine="ocrb", today=TODAY).correction.lines[0][6] == "Ñ"
    c, (img, cells, _, _) = seen[-1]
    plain = dataclasses.replace(c, lines=printed, result=parse(printed, today=TODAY))
    assert marked(plain, (img, cells, None, False), TODAY)[1]  # the mark is seen on the view as read
    assert marked(plain, (img, cells, np.ones(img.shape, np.float32), False), TODAY)[1] == []  # not under coloured print
    unsure = dataclasses.replace(plain, char_confidence=tuple((0.3,) * len(x) for x in printed))
    assert marked(unsure, (img, cells, None, False), TODAY)[1] == []  # not on a reading the recogniser was unsure of


@pytest.mark.parametrize("grey", [20, 120])
def test_a_mark_far_lighter_than_the_letters_ink_is_print_under_the_line_not_a_diacritic(grey, monkeypatch):
    # A guilloche's thin lines, cut into specks by heavy JPEG, made an A with a diaeresis of a development capture:
    # a diacritic is printed in the letters' ink, as dark as they are.
    import docexam.read.diacritics as diacritics

    specimen = random_specimen(FAMILIES["td3"], 5, today=TODAY)
    text = specimen.mrz[0]
    printed = (text[:6] + "N" + text[7:], specimen.mrz[1])
    image = _with_tilde(render(dataclasses.replace(specimen, mrz=printed))[Light.VISIBLE], specimen.family, 2, 0, 6,
                        grey=grey)
    cond = dataclasses.replace(sample_conditions(seed=2, difficulty="easy"), dpi=300)
    gray = cv2.cvtColor(capture({"visible": image}, cond, seed=2).images["visible"], cv2.COLOR_RGB2GRAY)
    read = read_gray(gray, engine="ocrb", today=TODAY).correction.lines[0][6]
    assert read == ("Ñ" if grey == 20 else "N")
    if grey != 20:  # (its shape is a tilde's all the same: darkness alone tells it apart)
        monkeypatch.setattr(diacritics, "MARK_DARKNESS", 0.0)
        assert read_gray(gray, engine="ocrb", today=TODAY).correction.lines[0][6] == "Ñ"


def test_the_shape_of_a_mark_over_a_letter():
    tilde = np.zeros((8, 20), bool)
    tilde[3:5, 3:17] = True
    dots = np.zeros((8, 20), bool)
    dots[2:5, 3:6] = dots[2:5, 13:16] = True
    speck = np.zeros((8, 20), bool)
    speck[3:5, 9:11] = True
    assert _mark_shape(tilde, 20, 30) == "tilde"
    assert _mark_shape(dots, 20, 30) == "diaeresis"
    assert _mark_shape(speck, 20, 30) is None


@pytest.mark.parametrize("fam,seed,line", [("td3", 0, 0), ("td1", 4, 2)])
def test_a_tilde_joined_to_its_letter_by_the_blur_of_a_150_dpi_capture_is_still_read(fam, seed, line):
    # Defocused at 150 dpi, the tilde runs into the N's top by a few pixels: no blank row parts them, but the ink thins
    # to half between the two (read as a plain N before).
    specimen = random_specimen(FAMILIES[fam], seed, today=TODAY)
    col = (0 if fam == "td1" else 5) + 1
    text = specimen.mrz[line]
    printed = specimen.mrz[:line] + (text[:col] + "N" + text[col + 1 :],) + specimen.mrz[line + 1 :]
    image = _with_tilde(render(dataclasses.replace(specimen, mrz=printed))[Light.VISIBLE], specimen.family,
                        len(printed), line, col)
    cond = dataclasses.replace(sample_conditions(seed=seed + 100, difficulty="normal"), dpi=150)
    gray = cv2.cvtColor(capture({"visible": image}, cond, seed=seed).images["visible"], cv2.COLOR_RGB2GRAY)
    r = read_gray(gray, engine="ocrb", today=TODAY)
    assert r.correction.lines[line] == text[:col] + "Ñ" + text[col + 1 :]


def test_ink_that_does_not_thin_between_a_letter_and_what_is_above_it_is_no_mark():
    # Rows of mean ink over a letter's column: a mark (rows 2-5) joined to the letter (from row 10) through a valley
    # at half (row 8) is apart from it; the same without the valley is not.
    letter = [0.6] * 12
    joined = np.array([0.0, 0.2, 0.8, 0.85, 0.8, 0.6, 0.5, 0.4, 0.3, 0.45] + letter, np.float32)
    assert _valley(joined, band_top=9, centre=15, reach=9, height=12) == 8
    flat = np.array([0.0, 0.2, 0.8, 0.85, 0.8, 0.7, 0.65, 0.6, 0.6, 0.6] + letter, np.float32)
    assert _valley(flat, band_top=9, centre=15, reach=9, height=12) is None
