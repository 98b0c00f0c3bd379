"""The reader's geometry before any character is read: the grid's pitch, the line length, which region to search
first (issue 21, items 2 and 5)."""

import dataclasses

import cv2
import numpy as np

from docexam.lights import Light
from docexam.read.reader import Engine, read_gray
from docexam.read.segment import fit_grid, line_length_evidence
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.capture import capture, sample_conditions
from tests.conftest import TODAY


def _periodic(n: int, pitch: float, x0: float, size: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    profile = np.zeros(size, np.float32)
    for i in range(n):
        a = x0 + i * pitch + 0.15 * pitch
        profile[int(a) : int(a + rng.uniform(0.45, 0.75) * pitch)] = rng.uniform(8, 20)
    return profile


def test_a_caption_beside_the_line_does_not_stretch_the_grid():
    # Six cells' worth of larger print left of the MRZ (a caption, an arrow pointing at the zone): the extent of the
    # ink says a pitch a fifth too large, the period of the characters says the right one.
    pitch, x0, n = 23.8, 220.0, 44
    profile = _periodic(n, pitch, x0, 1300)
    for a in (8, 38, 68, 98, 128, 158):
        profile[a : a + 20] = 14
    p, o = fit_grid(profile, n, char_height=28.0)
    assert abs(p - pitch) < 0.3 and abs(o - x0) < 0.3 * pitch


def test_fewer_cells_than_the_line_holds_are_not_fitted_inside_it_at_its_period():
    # 36 cells asked of a line of 44 (a visa's MRV-A read as an MRV-B): at the line's own period the first 36
    # characters would read, and validate, as a line that ends there; the line's next character beside the window
    # says it does not.
    pitch, x0 = 26.0, 60.0
    profile = _periodic(44, pitch, x0, 1300)
    p, _ = fit_grid(profile, 36, char_height=30.0)
    assert p > 1.1 * pitch


def _ink(n: int, pitch: float = 26.0, lines: int = 2, height: int = 30) -> tuple[np.ndarray, list[tuple[int, int]]]:
    w = round((n + 4) * pitch)
    ink = np.zeros((lines * 2 * height + height, w), np.float32)
    bands = []
    for k in range(lines):
        a = height + 2 * k * height
        bands.append((a, a + height))
        row = _periodic(n, pitch, 2 * pitch, w, seed=k) > 0
        ink[a : a + height, row] = 1.0
    return ink, bands


def test_the_line_length_comes_from_the_geometry_before_reading():
    for n in (44, 36):
        ink, bands = _ink(n)
        assert line_length_evidence(ink, bands, (44, 36)) == n
    ink, bands = _ink(40)  # between the two: no decision, both are read
    assert line_length_evidence(ink, bands, (44, 36)) is None
    assert line_length_evidence(np.zeros((90, 900), np.float32), [(30, 60)], (44, 36)) is None


def test_a_quarter_turned_page_is_looked_along_its_columns_before_rows_of_holes_are_searched(monkeypatch):
    # Rows of perforation holes (a laser-perforated number) run along the image's rows beside an MRZ turned a
    # quarter: they read unsurely, so the look along the columns comes before any search of them.
    import docexam.read.reader as reader

    specimen = random_specimen(FAMILIES["td3"], 12, today=TODAY)
    cond = dataclasses.replace(sample_conditions(seed=4, difficulty="easy"), rotation_deg=90.0, dpi=300)
    gray = cv2.cvtColor(capture({"visible": render(specimen)[Light.VISIBLE]}, cond, seed=4).images["visible"],
                        cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    step = int(w * 0.02)
    for row in range(3):
        for k in range(28):
            if k % 3 != 2:
                cv2.circle(gray, (int(w * 0.15) + k * step, int(h * 0.15) + row * step), max(3, step // 4), 40, -1)
    searched = []
    read_ocrb = reader._read_ocrb

    def spy(region, *args, **kwargs):
        out = read_ocrb(region, *args, **kwargs)  # raises when the region gives way: not searched
        searched.append(region.angle)
        return out

    monkeypatch.setattr(reader, "_read_ocrb", spy)
    r = read_gray(gray, engine=Engine.OCRB, today=TODAY)
    assert r.valid and r.correction.lines == specimen.mrz
    assert searched and abs(searched[0]) > 45  # the MRZ along the columns was the first region searched
