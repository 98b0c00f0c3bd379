import datetime as dt

import numpy as np
import pytest

from docexam.lights import LIGHTS, Light
from docexam.mrz import parse
from docexam.specimens import FAMILIES, Features, family, random_specimen, render
from docexam.specimens.design import REFERENCE_DPI, mm_to_px
from docexam.specimens.render import make_specimen
from tests.conftest import TODAY


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def rendered(request):
    s = random_specimen(FAMILIES[request.param], 7, today=TODAY)
    return s, render(s)


def test_three_lights_same_page_size(rendered):
    s, images = rendered
    h, w = s.family.size_px(REFERENCE_DPI)
    assert set(images) == set(LIGHTS)
    for img in images.values():
        assert img.shape == (h, w, 3) and img.dtype == np.uint8


def test_every_rendered_mrz_validates(rendered):
    s, _ = rendered
    r = parse(s.mrz, today=TODAY)
    assert r.valid, r.errors
    assert r.fields.surname == s.data.surname and r.fields.document_number == s.data.document_number


def test_many_seeds_give_valid_mrzs_of_the_family_format():
    for name, fam in FAMILIES.items():
        for seed in range(25):
            s = random_specimen(fam, seed, today=TODAY)
            r = parse(s.mrz, today=TODAY)
            assert r.valid and r.format is fam.mrz_format, (name, seed, r.errors)


def test_same_seed_same_bytes_different_seed_differs():
    fam = family("td3")
    a = render(random_specimen(fam, 3, today=TODAY))
    b = render(random_specimen(fam, 3, today=TODAY))
    c = render(random_specimen(fam, 4, today=TODAY))
    for light in LIGHTS:
        assert np.array_equal(a[light], b[light])
        assert not np.array_equal(a[light], c[light])


def _region(img, box, dpi=REFERENCE_DPI):
    x, y, w, h = box.px(dpi)
    return img[y : y + h, x : x + w].astype(np.float32)


def test_mrz_is_dark_in_ir_and_visible(rendered):
    s, images = rendered
    box = s.family.mrz_box(len(s.mrz))
    for light in (Light.VISIBLE, Light.IR):
        region = _region(images[light], box)
        assert region.min() < 80, f"MRZ ink missing in {light}"


def test_background_and_captions_drop_out_in_ir(rendered):
    s, images = rendered
    # A caption-only strip: the caption of the first field, above its value.
    slot = s.family.fields[0]
    x = int(mm_to_px(slot.x, REFERENCE_DPI))
    y = int(mm_to_px(slot.y - slot.size - 1.6, REFERENCE_DPI))
    vis = images[Light.VISIBLE][y - 4 : y + 4, x : x + 60].astype(np.float32)
    ir = images[Light.IR][y - 4 : y + 4, x : x + 60].astype(np.float32)
    assert vis.min() < 170  # the caption is printed
    assert ir.min() > 150  # and drops out in IR
    # The whole IR page outside personalisation is nearly uniform paper.
    corner = images[Light.IR][8:40, -120:-40].astype(np.float32)  # clear of the rounded corners
    assert corner.std() < 6


def test_uv_emblem_glows_only_under_uv(rendered):
    s, images = rendered
    without = render(s.replace(features=Features(uv_emblem="missing")))
    assert np.array_equal(without[Light.VISIBLE], images[Light.VISIBLE])  # invisible ink in daylight
    assert np.array_equal(without[Light.IR], images[Light.IR])
    uv = _region(images[Light.UV], s.family.emblem)
    assert (uv - _region(without[Light.UV], s.family.emblem)).max() > 100  # and fluorescent under UV


def test_mrz_characters_sit_on_the_icao_pitch():
    s = make_specimen(family("td3"), random_specimen(family("td3"), 11, today=TODAY).data)
    ir = render(s)[Light.IR]
    box = s.family.mrz_box(2)
    x0, y0, w, h = box.px(REFERENCE_DPI)
    ink = (ir[y0 : y0 + h, x0 : x0 + w].mean(axis=2) < 110).any(axis=0)
    # Runs of ink columns: one per printed character cell, 2.54 mm apart (Doc 9303 Part 3, 4.4).
    starts = [i for i in range(1, len(ink)) if ink[i] and not ink[i - 1]]
    pitch = np.median(np.diff(starts))
    assert abs(pitch - mm_to_px(2.54, REFERENCE_DPI)) < 1.5


def test_invalid_dpi_is_refused():
    s = random_specimen(family("td1"), 1, today=TODAY)
    with pytest.raises(ValueError, match="dpi"):
        render(s, dpi=50)


def test_rendering_at_other_resolutions_scales_the_page():
    s = random_specimen(family("td2"), 1, today=dt.date(2026, 1, 1))
    img = render(s, dpi=150)[Light.VISIBLE]
    assert img.shape[:2] == s.family.size_px(150)
