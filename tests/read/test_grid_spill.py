"""A grid that leaves a character of the line outside it is not evidence that the MRZ as printed fails its checks."""

import datetime as dt

import numpy as np

from docexam.lights import Light
from docexam.read.reader import _Reading, _spills, _View, read_image
from docexam.read.segment import LineCells
from docexam.specimens import random_specimen, render
from docexam.specimens.capture import CaptureConditions, capture
from docexam.specimens.designs import design


def _reading(ink: np.ndarray, centres: np.ndarray, pitch: float) -> _Reading:
    view = _View(img=np.zeros(ink.shape, np.uint8), ink=ink, bands=[(10, 30)], levels=(200.0, 40.0),
                 cells_img=np.zeros(ink.shape, np.uint8))
    return _Reading(view, len(centres), [LineCells(20.0, pitch, centres, (10, 30))], [])


def _line(ink: np.ndarray, xs) -> np.ndarray:
    for x in xs:
        ink[12:28, int(x) - 7 : int(x) + 7] = 1.0  # a character 14 px wide in a 20 px cell
    return ink


def test_a_character_beside_the_grid_is_a_spill_a_clear_margin_is_not():
    centres = 40.0 + 20.0 * np.arange(10)
    clear = _line(np.zeros((40, 300), np.float32), centres)
    assert not _spills(_reading(clear, centres, 20.0))
    # one more character after the last cell (the grid's pitch too short for the line): left out
    after = _line(clear.copy(), [centres[-1] + 20.0])
    assert _spills(_reading(after, centres, 20.0))
    before = _line(clear.copy(), [centres[0] - 20.0])
    assert _spills(_reading(before, centres, 20.0))
    # a speck in the margin is no character
    speck = clear.copy()
    speck[18:20, int(centres[-1]) + 20 : int(centres[-1]) + 22] = 1.0
    assert not _spills(_reading(speck, centres, 20.0))
    assert not _spills(None)


def test_a_page_in_perspective_is_read_past_a_grid_that_dropped_its_last_character():
    # A development design (OPH-TD3-5) photographed at an angle, as read_bench's design split drew it: the uniform
    # grid's pitch was too short for the characters nearer the camera, the last character of the second line fell
    # outside it, the characters before it were read surely and wrongly, and the failure looked like one changed
    # character (the optional data's check digit and the composite): the reading was taken for a document whose
    # check digits fail as printed, and the foreshortened grids that read it right were never tried.
    today = dt.date(2026, 11, 28)
    specimen = random_specimen(design("OPH-TD3-5"), 418172787, today=today)
    cond = CaptureConditions(dpi=572, rotation_deg=79.315, perspective=0.0387, blur_sigma_px=2.76, noise_sigma=4.49,
                             illumination=0.426, jpeg_quality=47, background_rgb=(38, 55, 97), margin=0.298,
                             misregistration_px=1.44)
    shot = capture({"visible": render(specimen)[Light.VISIBLE]}, cond, seed=68).images["visible"]
    result = read_image(shot, today=today)
    assert result.correction is not None and list(result.correction.lines) == list(specimen.mrz)
    assert result.valid
