"""The measurement's alteration and re-capture simulator (bench/simulate.py): apart from the checks, and each
alteration where and in the lights it says."""

import datetime as dt
import random

import numpy as np
import pytest

from bench import simulate as sim
from docexam.specimens import render
from docexam.specimens.designs import design
from tests.bench import checks_imported_by

TODAY = dt.date(2026, 11, 28)
DPI = 150


@pytest.fixture(scope="module")
def document():
    from docexam.specimens import random_specimen

    fam = design("UTO-TD3")
    specimen = random_specimen(fam, 3, today=TODAY)
    other = random_specimen(fam, 4, today=TODAY)
    return specimen, other, {str(k): v for k, v in render(specimen, dpi=DPI).items()}


def test_the_simulator_imports_nothing_of_the_checks_or_the_annotation():
    code = ("import sys, random, datetime as dt; from bench import simulate as sim;"
            "from docexam.specimens import random_specimen, render; from docexam.specimens.designs import design;"
            "s = random_specimen(design('UTO-TD3'), 1, today=dt.date(2026, 11, 28));"
            "imgs = {str(k): v for k, v in render(s, dpi=150).items()};"
            "[sim.alter_generated(s, imgs, k, random.Random(k), dpi=150) for k in sim.KINDS];"
            "sim.recapture(imgs, random.Random(1), doc_dpi=150)")
    assert checks_imported_by(code) == []


@pytest.mark.parametrize("kind", sim.KINDS)
def test_each_kind_changes_the_document_only_around_its_box_and_in_the_lights_it_records(document, kind):
    specimen, other, images = document
    for seed in range(3):
        out, alt = sim.alter_generated(specimen, images, kind, random.Random(f"{kind}:{seed}"), dpi=DPI, other=other)
        assert alt.kind == kind and alt.lights and set(alt.lights) <= set(sim.LIGHTS)
        x, y, w, h = alt.box
        pad = 12
        for light in sim.LIGHTS:
            diff = np.abs(out[light].astype(int) - images[light].astype(int)).max(axis=2) > 3
            inside = diff[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad].sum()
            assert diff.sum() == inside, f"{kind} changed {light} light outside its box {alt.box}"
            if light in alt.lights:
                assert inside > 0
            else:
                assert (np.abs(out[light].astype(int) - images[light].astype(int)) > sim.CHANGED_FROM).mean() < 0.01


def test_the_mrz_in_ir_transparent_ink_stays_in_visible_light_and_goes_in_ir(document):
    specimen, _, images = document
    out, alt = sim.alter_generated(specimen, images, "mrz_ir", random.Random(5), dpi=DPI)
    assert alt.lights == ("ir",)
    assert np.array_equal(out["visible"], images["visible"])
    x, y, w, h = alt.box
    assert out["ir"][y : y + h, x : x + w].min() > images["ir"][y : y + h, x : x + w].min() + 40


def test_a_reprinted_field_takes_another_holders_value(document):
    specimen, other, images = document
    _, alt = sim.alter_generated(specimen, images, "viz_reprint", random.Random(2), dpi=DPI, other=other)
    key, printed = alt.detail.split(": re-printed ")
    assert printed.strip("'") == other.viz[key] != specimen.viz[key]


def test_a_recapture_carries_the_document_frame_by_its_homography():
    frame = np.full((300, 400, 3), 240, np.uint8)
    frame[100:140, 200:260] = (220, 0, 0)  # a red mark: the background is grey
    rng = random.Random(7)
    out, drawn = sim.recapture({"visible": frame, "ir": frame}, rng, doc_dpi=150, dpi=(300, 300), photometric=False)
    assert set(out) == {"visible", "ir"} and 150 < drawn.dpi <= 300.5
    x, y, w, h = sim.map_box((200, 100, 60, 40), np.asarray(drawn.homography))
    assert 100 < w < 140 and 60 < h < 100  # twice the size, a few degrees turned
    red = (out["visible"][..., 0] > 150) & (out["visible"][..., 1] < 80)
    assert red.sum() > 1000 and red[y : y + h, x : x + w].sum() > 0.95 * red.sum()


def test_a_recapture_draws_exposure_and_white_balance_per_light():
    frame = np.full((100, 120, 3), 128, np.uint8)
    _, drawn = sim.recapture({"visible": frame, "uv": frame, "ir": frame}, random.Random(3), doc_dpi=300)
    gains = {drawn.lights[light]["gain"] for light in ("visible", "uv", "ir")}
    assert len(gains) == 3 and all(0.7 <= g <= 1.35 for g in gains)


def test_an_alarm_finds_an_alteration_in_its_light_overlapping_its_box():
    alt = sim.Alteration("uv_spot", ("uv",), (100, 100, 50, 50))
    assert sim.found((110, 110, 20, 20), "uv", alt)
    assert not sim.found((110, 110, 20, 20), "visible", alt)
    assert not sim.found((300, 300, 20, 20), "uv", alt)
    assert sim.found((0, 0, 400, 400), "uv", alt)  # the spot inside a larger alarm
    assert sim.Alteration.from_dict(alt.to_dict()) == alt


def test_random_shapes_are_never_empty():
    rng = random.Random(1)
    for _ in range(40):
        m = sim.shape_mask(rng.randint(3, 60), rng.randint(3, 60), rng)
        assert m.max() > 0.5
