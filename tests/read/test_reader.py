"""The MRZ reader on generated captures: every family, every orientation, both lights that show the MRZ."""

import dataclasses

import cv2
import numpy as np
import pytest

from docexam.inspector import Inspector
from docexam.lights import Light
from docexam.read.reader import Engine, read_gray
from docexam.read.segment import fit_grid
from docexam.read.steps import ReadStep
from docexam.specimens import FAMILIES, Kind, alter, random_specimen, render
from docexam.specimens.capture import capture, sample_conditions
from tests.conftest import TODAY


def _capture(specimen, *, light="visible", rotation=0.0, seed=0, difficulty="easy", **overrides):
    images = render(specimen)
    cond = sample_conditions(seed=seed, difficulty=difficulty)
    cond = dataclasses.replace(cond, rotation_deg=rotation, **overrides)
    shot = capture({light: images[Light(light)]}, cond, seed=seed)
    return cv2.cvtColor(shot.images[light], cv2.COLOR_RGB2GRAY)


@pytest.mark.parametrize("rotation", [0.0, 90.0, 180.0, -90.0, 12.0, -14.0, 167.0])
@pytest.mark.parametrize("fam", sorted(FAMILIES))
def test_reads_every_family_in_every_orientation(fam, rotation):
    specimen = random_specimen(FAMILIES[fam], 31, today=TODAY)
    gray = _capture(specimen, rotation=rotation, seed=3, dpi=300)
    r = read_gray(gray, engine=Engine.OCRB, today=TODAY)
    assert r.found and r.correction is not None
    assert r.correction.lines == specimen.mrz
    assert r.valid and r.engine == "ocrb"
    # the way back upright, a half turn told apart (the lines' direction alone cannot tell it)
    assert abs((r.text_angle + rotation + 180) % 360 - 180) < 1.5, r.text_angle


@pytest.mark.parametrize("dpi", [150, 200, 600])
def test_reads_across_resolutions_and_in_ir(dpi):
    specimen = random_specimen(FAMILIES["td3"], 5, today=TODAY)
    for light in ("visible", "ir"):
        gray = _capture(specimen, light=light, seed=8, dpi=dpi)
        r = read_gray(gray, engine="ocrb", today=TODAY)
        assert r.correction.lines == specimen.mrz, (dpi, light)


def test_a_forged_digit_is_read_as_printed_and_fails():
    specimen, _ = alter(random_specimen(FAMILIES["td2"], 12, today=TODAY), Kind.MRZ_CHECK_DIGIT, seed=4)
    r = read_gray(_capture(specimen, seed=2, dpi=300), engine="ocrb", today=TODAY)
    assert r.correction.lines == specimen.mrz  # not "repaired" by the correction
    assert not r.valid and r.correction.failing_checks


def test_uv_capture_and_a_blank_image_find_no_mrz():
    specimen = random_specimen(FAMILIES["td1"], 3, today=TODAY)
    r = read_gray(_capture(specimen, light="uv", seed=1, dpi=300), engine="ocrb", today=TODAY)
    assert not r.valid
    blank = np.full((600, 800), 230, np.uint8)
    r = read_gray(blank, engine="ocrb")
    assert not r.found and not r.valid and r.to_dict()["format"] is None


def test_debug_inspector_writes_every_step(tmp_path):
    specimen = random_specimen(FAMILIES["mrva"], 2, today=TODAY)
    read_gray(_capture(specimen, seed=1, dpi=250), engine="ocrb", inspector=Inspector(tmp_path), today=TODAY)
    written = {p.stem for p in tmp_path.glob("*.png")}
    assert {s.value for s in (ReadStep.GRAY, ReadStep.TEXT, ReadStep.CANDIDATES, ReadStep.CROP, ReadStep.CELLS)} <= written


def test_grid_fit_recovers_a_known_pitch_and_offset():
    rng = np.random.default_rng(0)
    pitch, x0, n = 23.4, 57.0, 44
    profile = np.zeros(1200, np.float32)
    for i in range(n):
        a = x0 + i * pitch + 0.15 * pitch
        width = rng.uniform(0.45, 0.75) * pitch
        profile[int(a) : int(a + width)] = rng.uniform(8, 20)
    profile[:20] = 5  # junk beyond the MRZ must not stretch the grid
    p, o = fit_grid(profile, n, char_height=24.0)
    assert abs(p - pitch) < 0.3 and abs(o - x0) < 0.3 * pitch


def test_validation_of_the_input():
    with pytest.raises(ValueError, match="2-D uint8"):
        read_gray(np.zeros((10, 10, 3), np.uint8))


@pytest.mark.parametrize("fam", ["td3", "td1", "mrva"])
def test_reads_a_phone_photo_taken_at_a_steep_angle(fam):
    # Perspective 0.06 (the most a "hard" capture has): the pitch shrinks by a quarter along the line and the
    # characters lean; a uniform grid or a shared grid for all lines would cut glyphs in half. Four captures a family,
    # not one: over 100 such captures (seeds 100-124, four families) all read exactly and 88 were confirmed, so one
    # capture's confirmation hangs on a letter's margin (an O read as the 0 a name cannot hold, 0.53 against the 0.45
    # a confirmed character needs) that a grid shifted by a fraction of a pixel tips.
    read = confirmed = 0
    for seed in range(40, 44):
        specimen = random_specimen(FAMILIES[fam], seed, today=TODAY)
        gray = _capture(specimen, seed=seed, dpi=300, perspective=0.06, rotation=8.0)
        r = read_gray(gray, engine="ocrb", today=TODAY)
        exact = r.correction is not None and r.correction.lines == specimen.mrz
        assert exact or not r.valid, (seed, r.correction)  # never confirmed wrong
        read += exact
        confirmed += exact and r.valid
    assert read == 4 and confirmed >= 3, (read, confirmed)


def test_a_glyph_cut_by_a_uniform_grid_on_a_steep_photo_is_not_confirmed_as_its_check_digit_twin(monkeypatch):
    # On a uniform grid the passport number's first letter, P, was cut at its cell's edge where perspective shifted its
    # line, and read F (0.95 sure); P and F differ by 10 in a check digit's values (Doc 9303 Part 3, 4.9), so every
    # check held and the wrong reading was confirmed. The first grid is now the least-ink one of three
    # foreshortenings.
    from docexam.read import reader

    specimen = random_specimen(FAMILIES["td3"], 105, today=TODAY)
    gray = _capture(specimen, seed=105, dpi=300, perspective=0.06, rotation=8.0)
    r = read_gray(gray, engine="ocrb", today=TODAY)
    assert r.correction is not None and r.correction.lines == specimen.mrz and r.valid
    monkeypatch.setattr(reader._ocrb_reading, "__kwdefaults__", {"warps": (0.0,), "follow": True, "grid": None})  # uniform, as before
    r = read_gray(gray, engine="ocrb", today=TODAY)
    assert r.valid and r.correction.lines[1][0] == "F"  # the case this guards: confirmed, and wrong


@pytest.mark.parametrize("shear", [-0.2, 0.15])
def test_leaning_characters_are_stood_upright(shear):
    from docexam.read.segment import deshear, estimate_shear, ink_map

    specimen = random_specimen(FAMILIES["td2"], 4, today=TODAY)
    gray = _capture(specimen, seed=4, dpi=300)
    r = read_gray(gray, engine="ocrb", today=TODAY)
    crop = r.region.crop
    assert estimate_shear(ink_map(crop)) == 0.0  # upright text is left alone
    leaning = deshear(crop, -shear)
    assert abs(estimate_shear(ink_map(leaning)) - shear) <= 0.03


@pytest.mark.parametrize("rotation", [0.0, 180.0, 90.0, -90.0])
def test_the_quick_look_along_the_rows_finds_an_upright_mrz_and_a_turned_one_is_still_read(rotation):
    from docexam.read.locate import locate_mrz

    specimen = random_specimen(FAMILIES["td3"], 12, today=TODAY)
    gray = _capture(specimen, rotation=rotation, seed=4, dpi=300)
    full = locate_mrz(gray)
    assert full is not None and not full.quick
    if rotation in (0.0, 180.0):
        fast = locate_mrz(gray, quick=True)
        assert fast is not None and fast.quick
        assert np.abs(fast.corners - full.corners).max() < 3.0  # the same MRZ as the full search's
    # A quarter-turned page may offer the quick look other rows of text; their reading fails and the reader
    # looks along the columns too.
    assert read_gray(gray, engine="ocrb", today=TODAY).correction.lines == specimen.mrz


def test_an_upright_mrz_read_with_confidence_is_not_read_upside_down_too(monkeypatch):
    import docexam.read.reader as reader

    seen = []
    views = reader._views
    monkeypatch.setattr(reader, "_views", lambda crop, n, *, flips=(False, True), **kw: seen.append(flips) or views(crop, n, flips=flips, **kw))
    specimen = random_specimen(FAMILIES["td3"], 21, today=TODAY)
    upright = read_gray(_capture(specimen, seed=2, dpi=300), engine="ocrb", today=TODAY)
    assert upright.valid and upright.correction.lines == specimen.mrz
    assert seen == [(False,)]
    seen.clear()
    turned = read_gray(_capture(specimen, rotation=180.0, seed=2, dpi=300), engine="ocrb", today=TODAY)
    assert turned.valid and turned.correction.lines == specimen.mrz


def test_a_crops_ink_map_is_computed_once_and_turned_for_the_crop_turned():
    from docexam.read import reader
    from docexam.read.locate import locate_mrz
    from docexam.read.segment import ink_map

    gray = _capture(random_specimen(FAMILIES[sorted(FAMILIES)[0]], 5, today=TODAY), difficulty="normal")
    crop = locate_mrz(gray).crop
    ink = reader._ink(crop)
    assert np.array_equal(ink, ink_map(crop)) and reader._ink(crop) is ink and not ink.flags.writeable
    turned = cv2.rotate(crop, cv2.ROTATE_180)
    assert np.array_equal(reader._ink(turned, turned_from=crop), ink_map(turned))
    # another array of the same content is looked at afresh, never taken for the one it replaced
    assert reader._ink(crop.copy()) is not ink


def test_an_mrz_read_with_confidence_at_the_length_its_geometry_says_is_not_read_at_the_other(monkeypatch):
    import docexam.read.reader as reader

    lengths = []
    reading = reader._ocrb_reading
    monkeypatch.setattr(reader, "_ocrb_reading", lambda view, n, **kw: lengths.append(n) or reading(view, n, **kw))
    specimen = random_specimen(FAMILIES["td3"], 21, today=TODAY)
    result = read_gray(_capture(specimen, seed=2, dpi=300), engine="ocrb", today=TODAY)
    assert result.valid and result.correction.lines == specimen.mrz
    assert lengths == [44]  # a TD3's two lines of 44 (Doc 9303 Part 4), never read as a TD2's 36
