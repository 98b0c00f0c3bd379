"""UV under the holder's data (issue 20, item 1: what is expected to differ modelled, not masked out).

The UV emblem judged where it can be seen: under the holder's lines, between either holder's letters (development
design NVR-TD1-3 prints its emblem under four lines of the holder's data, which leave only a corner of it to the fixed
design)."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import emblem_glow, prepare, uv_emblem
from docexam.compare.reference import load_reference
from docexam.compare.result import ALARM, FindingKind
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from docexam.specimens.exercise import write_reference
from tests.conftest import TODAY

DPI = 150
CODE = "NVR-TD1-3"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("emblem") / CODE
    write_reference(folder, CODE, dpi=DPI)
    return load_reference(folder)


def _captured(seed: int, code: str = CODE) -> dict[str, np.ndarray]:
    """Another holder's genuine document: blur, noise and JPEG in every light, UV exposed apart from the others."""
    images = {light.value: img for light, img in render(random_specimen(design(code), seed, today=TODAY), dpi=DPI).items()}
    rng = np.random.default_rng(seed)
    out = {}
    for light, img in images.items():
        soft = cv2.GaussianBlur(img, (0, 0), 0.8).astype(np.float32) * (0.8 if light == "uv" else 1.0)
        soft += rng.normal(0, 2.5, img.shape).astype(np.float32)
        ok, buf = cv2.imencode(".jpg", np.clip(soft, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])
        out[light] = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return out


def test_the_emblem_lies_mostly_under_the_holders_lines(reference):
    x, y, w, h = reference.regions["uv_emblem"]
    under = np.zeros(reference.shape, bool)
    for name, (bx, by, bw, bh) in reference.regions.items():
        if name.startswith("viz:"):
            under[by : by + bh, bx : bx + bw] = True
    assert under[y : y + h, x : x + w].mean() > 0.5


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_another_holders_emblem_is_in_place_and_as_bright(reference, seed):
    exam = prepare(_captured(seed), reference)
    mass, corr = emblem_glow(exam)
    assert corr > 0.8 and 0.8 < mass < 1.25, (mass, corr)
    assert not [f for f in uv_emblem(exam) if f.score >= 0.2]


def test_an_emblem_scraped_off_under_the_holders_lines_is_found(reference):
    images = _captured(7)
    x, y, w, h = reference.regions["uv_emblem"]
    uv = images["uv"].copy()
    paper = np.median(uv[y + h : y + h + 20, x : x + w].reshape(-1, 3), axis=0)
    uv[y + h // 4 : y + 3 * h // 4, x : x + w] = paper.astype(np.uint8)  # the middle half: under the lines only
    exam = prepare(dict(images, uv=uv), reference)
    found = uv_emblem(exam)
    assert found and found[0].kind is FindingKind.UV_FEATURE_MISSING and found[0].score >= ALARM, [f.detail for f in found]
    assert found[0].light == "uv" and found[0].region == "uv_emblem"

