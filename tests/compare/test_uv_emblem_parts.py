"""A part of the UV emblem covered (paper or print stuck over it) or scraped is found against the rest of the emblem;
another holder's letters over it, a capture a stop darker or brighter, or one that clips the emblem, are not."""

import numpy as np
import pytest

from docexam.compare.checks import prepare, uv_emblem_parts
from docexam.compare.result import FindingKind
from docexam.specimens import FAMILIES, random_specimen
from tests.compare.test_uv_relative import _captured, _lights, _mm, _reference
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def references():
    return {name: _reference(name) for name in ("td3", "td2", "mrva")}


def _covered(images: dict[str, np.ndarray], box, *, glow: float = 0.0) -> dict[str, np.ndarray]:
    """``box`` of the UV image dulled to the paper's level plus ``glow`` of what glowed there: a patch of paper
    without brightener (0), or a tint that lets some of the emblem's glow through."""
    x, y, w, h = box
    uv = images["uv"].astype(np.float32)
    paper = np.median(uv[: _mm(4), : _mm(20)].reshape(-1, 3), axis=0)
    uv[y : y + h, x : x + w] = paper + glow * (uv[y : y + h, x : x + w] - paper)
    return dict(images, uv=np.clip(uv, 0, 255).astype(np.uint8))


def _part(ref, share: float = 0.4):
    """A box over ``share`` of the emblem's width at its right and half its height, in the reference's pixels."""
    x, y, w, h = ref.regions["uv_emblem"]
    return (x + round(w * (1 - share)), y + h // 4, round(w * share), h // 2)


@pytest.mark.parametrize("fam,seed", [("td3", 51), ("td2", 52), ("mrva", 53)])
def test_a_part_of_the_emblem_covered_with_dull_paper_is_found_where_it_is(references, fam, seed):
    ref = references[fam]
    box = _part(ref)
    images = _covered(_lights(random_specimen(FAMILIES[fam], seed, today=TODAY)), box)
    found = [f for f in uv_emblem_parts(prepare(_captured(images, seed=seed), ref)) if f.alarm]
    assert found, fam
    f = found[0]
    x, y, w, h = box
    fx, fy, fw, fh = f.bbox
    assert fx < x + w and x < fx + fw and fy < y + h and y < fy + fh
    assert f.kind is FindingKind.UV_FEATURE_MISSING and f.region == "uv_emblem" and f.light == "uv"
    assert f.seen.startswith("uv_glow_ratio=") and float(f.seen.split("=")[1]) < 0.5
    assert "part of the UV emblem" in f.detail


@pytest.mark.parametrize("uv_gain", [0.5, 1.0, 2.5])
def test_a_genuine_emblem_at_any_exposure_has_no_dimmed_part(references, uv_gain):
    for fam, seed in (("td3", 54), ("td2", 55), ("mrva", 56)):
        exam = prepare(_captured(_lights(random_specimen(FAMILIES[fam], seed, today=TODAY)), seed=seed,
                                 uv_gain=uv_gain), references[fam])
        assert not [f for f in uv_emblem_parts(exam) if f.score >= 0.2], (fam, [f.detail for f in uv_emblem_parts(exam)])


def test_a_covered_part_is_found_where_the_capture_clipped_the_rest_of_the_emblem(references):
    """A UV capture over-exposed so that the emblem clips white but where a patch dulled it (development seed 43,
    a generated card's crown): the clipped rest glows at least as it shows, and the dull part is found against it."""
    ref = references["td3"]
    box = _part(ref)
    images = _covered(_lights(random_specimen(FAMILIES["td3"], 57, today=TODAY)), box, glow=0.4)
    exam = prepare(_captured(images, seed=57, uv_gain=2.0), ref)
    x, y, w, h = exam.boxes["uv_emblem"]
    raw = exam.questioned["uv"][y : y + h, x : x + w] * exam.illumination["uv"].gain[y : y + h, x : x + w]
    assert (raw.max(axis=2) >= 250).mean() > 0.05  # the capture clipped the emblem (its brightest)
    assert [f for f in uv_emblem_parts(exam) if f.alarm]
    # a tint that lets most of the glow through is not a covered part
    images = _covered(_lights(random_specimen(FAMILIES["td3"], 57, today=TODAY)), box, glow=0.85)
    assert not [f for f in uv_emblem_parts(prepare(_captured(images, seed=57), ref)) if f.score >= 0.2]
