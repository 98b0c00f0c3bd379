"""A date or a number of the VIZ printed where the specimen's is (issue 20, item 1: another holder's print modelled).

Another holder's date or document number is as long as the specimen's and starts at the same edge of its field; a
piece of paper stuck over it, paint or an erasure leaves it with little of its ink, or starting later. The share is
measured against the MRZ's on the same document, so a soft or coarse capture, which takes the same share of every
print's depth, is not a missing value."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import prepare, visible_values
from docexam.compare.result import ALARM
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from tests.compare.family_reference import generated_reference
from tests.conftest import TODAY

DPI = 150
CODE = "NVR-TD1-3"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return generated_reference(tmp_path_factory.mktemp("values"), CODE, dpi=DPI)


def _captured(seed: int, *, blur: float = 0.8) -> dict[str, np.ndarray]:
    """Another holder's genuine document: blur, noise and JPEG in every light."""
    images = {light.value: img for light, img in render(random_specimen(design(CODE), seed, today=TODAY), dpi=DPI).items()}
    rng = np.random.default_rng(seed)
    out = {}
    for light, img in images.items():
        soft = cv2.GaussianBlur(img, (0, 0), blur).astype(np.float32) + rng.normal(0, 2.5, img.shape).astype(np.float32)
        ok, buf = cv2.imencode(".jpg", np.clip(soft, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])
        out[light] = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return out


def _papered(images: dict[str, np.ndarray], box, share: float) -> dict[str, np.ndarray]:
    """A blank paper of the page's tint stuck over the left ``share`` of ``box``, in every light."""
    x, y, w, h = box
    out = {}
    for light, img in images.items():
        img = img.copy()
        # the paper's tint: the page beside the value, above its box
        img[y : y + h, x : x + round(share * w)] = np.median(img[max(0, y - h) : y, x : x + w].reshape(-1, 3), axis=0)
        out[light] = img
    return out


def _values(reference) -> list[str]:
    return [n for n in reference.regions if n.startswith("viz:") and ("date" in n or "number" in n)]


def test_the_design_has_dates_and_a_number_to_judge(reference):
    assert {"viz:birth_date", "viz:expiry_date"} <= set(_values(reference)), sorted(reference.regions)


@pytest.mark.parametrize(("seed", "blur"), [(1, 0.8), (2, 0.8), (3, 1.6), (4, 2.4)])
def test_another_holders_dates_and_numbers_are_present(reference, seed, blur):
    assert not [f.detail for f in visible_values(prepare(_captured(seed, blur=blur), reference)) if f.score >= 0.2]


@pytest.mark.parametrize("share", [0.4, 1.0])
def test_a_value_covered_from_its_start_is_found(reference, share):
    name = "viz:expiry_date"
    images = _papered(_captured(5), reference.regions[name], share)
    found = [f for f in visible_values(prepare(images, reference)) if f.region == name]
    assert found and found[0].score >= ALARM and found[0].light == "visible", [f.detail for f in found]
    assert found[0].said.code == ("value_missing" if share == 1.0 else "value_late"), found[0].said


def test_a_value_covered_elsewhere_on_the_page_leaves_this_one_alone(reference):
    images = _papered(_captured(6), reference.regions["viz:birth_date"], 1.0)
    found = {f.region for f in visible_values(prepare(images, reference)) if f.score >= ALARM}
    assert found == {"viz:birth_date"}


def test_a_name_whose_first_letters_are_covered_is_found(reference):
    # A name is as long as its holder's, but starts at its field's edge whoever the holder.
    name = "viz:surname"
    x, y, w, h = reference.regions[name]
    images = _papered(_captured(7), (x, y, w, h), min(1.0, 1.5 * h / w))  # about the first two letters
    found = [f for f in visible_values(prepare(images, reference)) if f.region == name]
    assert found and found[0].score >= ALARM and found[0].said.code == "value_late", [f.detail for f in found]
