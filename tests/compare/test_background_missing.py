"""Issue 20: the background print that runs under the holder's data (Doc 9303 Part 2, 5.3) missing there: a piece of
plain paper stuck over a value leaves the background flat where the specimen's has lines (development design
KST-TD1-3; compare.checks.background_missing)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from bench import simulate as sim
from bench.heldout import genuine_document
from docexam.compare.checks import run_checks
from docexam.specimens import render
from tests.compare.family_reference import generated_reference
from tests.conftest import TODAY

CODE = "KST-TD1-3"
DPI = 300


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return generated_reference(tmp_path_factory.mktemp("under"), CODE, dpi=DPI)


def _document(index: int) -> tuple[dict[str, np.ndarray], sim.Layout]:
    holder = genuine_document(CODE, index, seed=23, today=TODAY)
    images = {str(k): v for k, v in render(holder, dpi=DPI).items()}
    layout = sim.generated_layout(holder.family, dpi=DPI, mrz_lines=len(holder.mrz), chars=len(holder.mrz[0]))
    return images, layout


def _captured(images: dict[str, np.ndarray], seed: int) -> dict[str, np.ndarray]:
    """The document as a capture shows it in the reference's frame: exposure, white balance, blur, noise, JPEG."""
    rng = random.Random(seed)
    return {light: sim.photometry(img, rng, gain=(0.9, 1.1), blur=(0.3, 1.0))[0] for light, img in images.items()}


def _missing(findings) -> list:
    return [f for f in findings if f.said is not None and f.said.code == "background_missing" and f.alarm]


def test_plain_paper_over_a_value_is_background_print_missing(reference):
    images, layout = _document(11)
    x, y, w, h = layout.fields["birth_date"]
    box = (x - 10, y - 5, min(w, 160) + 20, h + 10)
    bx, by, bw, bh = box
    visible = images["visible"].copy()
    paper = np.median(visible[by : by + bh, bx : bx + bw].reshape(-1, 3), axis=0)
    visible[by : by + bh, bx : bx + bw] = paper.astype(np.uint8)  # the field's colour, flat: no lines, no letters
    findings, _ = run_checks(_captured(images | {"visible": visible}, 3), reference)
    hits = _missing(findings)
    assert hits, [(f.kind.value, f.light, f.bbox, round(f.score, 2), f.detail) for f in findings]
    fx, fy, fw, fh = hits[0].bbox
    assert fx < bx + bw and bx < fx + fw and fy < by + bh and by < fy + fh


@pytest.mark.parametrize("index", [12, 13, 14])
def test_another_holders_genuine_data_leaves_the_background_print_be(reference, index):
    images, _ = _document(index)
    findings, _ = run_checks(_captured(images, index), reference)
    assert not _missing(findings), [(f.bbox, round(f.score, 2), f.detail) for f in _missing(findings)]
