"""Difference maps: a known alteration pasted into a copy of a reference is found, and only there; the ways two
captures of one design differ without being different (a pixel of misregistration, blur, noise, lighting) are not
differences."""

import cv2
import numpy as np
import pytest

from docexam.compare.difference import difference_map, match_blur, regions
from docexam.specimens import FAMILIES, render
from docexam.specimens.exercise import reference_specimen

DPI = 100


@pytest.fixture(scope="module")
def page() -> dict[str, np.ndarray]:
    """A TD2 reference specimen at 100 dpi (the scale the checks work at)."""
    return {light.value: img for light, img in render(reference_specimen("td2"), dpi=DPI).items()}


@pytest.fixture(scope="module")
def design(page) -> np.ndarray:
    """Where the fixed design is: here, the band under the header and above the portrait and fields is left
    out, so the tests use the whole page but the areas below say what they test."""
    return np.ones(page["visible"].shape[:2], bool)


def _shift(img: np.ndarray, dx: float, dy: float) -> np.ndarray:
    m = np.float32([[1, 0, dx], [0, 1, dy]])
    return cv2.warpAffine(img, m, (img.shape[1], img.shape[0]), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _capture_like(img: np.ndarray, *, seed: int, shift=(0.7, -0.5), blur=1.0, noise=3.0, gain=0.8) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = cv2.GaussianBlur(_shift(img, *shift), (0, 0), blur).astype(np.float32) * gain
    out += rng.normal(0, noise, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("light", ["visible", "uv", "ir"])
def test_same_design_captured_differently_is_no_difference(page, light):
    ref = page[light]
    heat = difference_map(_capture_like(ref, seed=1), ref)
    assert heat.shape == ref.shape[:2] and heat.dtype == np.float32
    assert float(np.percentile(heat, 99.9)) < 0.5
    assert regions(heat, threshold=0.5, min_area=20) == []


def test_a_patch_of_lifted_print_is_found_where_it_is(page):
    ref = page["visible"]
    altered = ref.copy()
    x, y, w, h = 300, 180, 40, 25  # background print, clear of text on the TD2 page
    altered[y : y + h, x : x + w] = (altered[y : y + h, x : x + w] * 0.3 + np.array([246, 244, 236]) * 0.7).astype(np.uint8)
    heat = difference_map(_capture_like(altered, seed=2), ref)
    found = regions(heat, threshold=0.5, min_area=20)
    assert found, "the lifted patch was not found"
    (bx, by, bw, bh), score = found[0]
    assert score >= 0.5
    # Inside the patch (give or take the smoothing) and covering most of it: the texture window rounds the
    # patch's corners off, so the box may be a few pixels smaller.
    assert x - 4 <= bx and y - 4 <= by and bx + bw <= x + w + 4 and by + bh <= y + h + 4
    assert bw * bh >= 0.4 * w * h
    assert len(found) == 1


def test_a_missing_uv_feature_and_an_added_one_have_opposite_signs(page):
    ref = page["uv"]
    fam = FAMILIES["td2"]
    ex, ey, ew, eh = fam.emblem.px(DPI)
    altered = ref.copy()
    altered[ey : ey + eh, ex : ex + ew] = np.median(ref.reshape(-1, 3), axis=0).astype(np.uint8)  # emblem gone
    altered[20:40, 20:60] = (200, 210, 250)  # a glowing patch where there was none
    heat, signed = difference_map(altered, ref, signed=True)
    assert float(signed[ey + eh // 2 - 3 : ey + eh // 2 + 3, ex + ew // 2 - 3 : ex + ew // 2 + 3].min()) <= -0.5
    assert float(signed[25:35, 30:50].min()) >= 0.5
    assert float(heat[ey : ey + eh, ex : ex + ew].max()) == pytest.approx(1.0)


def test_mask_leaves_personalised_areas_out(page):
    ref = page["visible"]
    altered = ref.copy()
    altered[100:140, 100:160] = 0
    mask = np.ones(ref.shape[:2], bool)
    mask[90:150, 90:170] = False
    heat = difference_map(altered, ref, mask=mask)
    assert float(heat[~mask].max()) == 0.0
    assert regions(heat, threshold=0.5, min_area=4) == []


def test_match_blur_recovers_the_capture_blur(page):
    ref = page["visible"].astype(np.float32)
    for sigma in (0.0, 1.1, 2.0):
        blurred = cv2.GaussianBlur(ref, (0, 0), sigma) if sigma else ref
        assert match_blur(blurred, ref) == pytest.approx(sigma, abs=0.35)


def test_regions_orders_by_score_and_drops_small_ones():
    heat = np.zeros((60, 80), np.float32)
    heat[5:15, 5:15] = 0.6
    heat[30:50, 40:70] = 0.9
    heat[55, 2] = 1.0  # one pixel: below min_area
    found = regions(heat, threshold=0.5, min_area=4)
    assert [b for b, _ in found] == [(40, 30, 30, 20), (5, 5, 10, 10)]
    assert found[0][1] == pytest.approx(0.9) and found[1][1] == pytest.approx(0.6)


def test_regions_joins_pieces_near_each_other_counting_only_what_differs():
    heat = np.zeros((40, 60), np.float32)
    heat[10:14, 10:14] = 0.8  # two 16 px pieces 4 px apart
    heat[10:14, 18:22] = 1.0
    assert regions(heat, threshold=0.5, min_area=20) == []  # apart, each too small
    (box, level), = regions(heat, threshold=0.5, min_area=20, join=2)
    assert box == (10, 10, 12, 4)
    assert level == pytest.approx(1.0)  # the gap between them (0) is not counted in the score
    assert regions(heat, threshold=0.5, min_area=33, join=2) == []  # nor in the area: 32 px, not the 48 of the box
    heat[30:34, 40:44] = 1.0  # far away: not joined
    assert len(regions(heat, threshold=0.5, min_area=10, join=2)) == 2


def test_bad_inputs(page):
    ref = page["visible"]
    with pytest.raises(ValueError, match="same shape"):
        difference_map(ref[:-1], ref)
    with pytest.raises(ValueError, match="uint8 or floating"):
        difference_map(ref.astype(np.int32), ref)
    with pytest.raises(ValueError, match="empty"):
        difference_map(ref[:0], ref[:0])
    with pytest.raises(ValueError, match="tolerance_px"):
        difference_map(ref, ref, tolerance_px=9)
    with pytest.raises(ValueError, match="mask selects no pixel"):
        difference_map(ref, ref, mask=np.zeros(ref.shape[:2], bool))
    with pytest.raises(ValueError, match="mask must be a boolean array"):
        difference_map(ref, ref, mask=np.ones((3, 3), bool))
    with pytest.raises(ValueError, match="threshold"):
        regions(np.zeros((4, 4), np.float32), threshold=0)
    with pytest.raises(ValueError, match="min_area"):
        regions(np.zeros((4, 4), np.float32), threshold=0.5, min_area=0)
    with pytest.raises(ValueError, match="join"):
        regions(np.zeros((4, 4), np.float32), threshold=0.5, join=0)
    with pytest.raises(ValueError, match="2-D"):
        regions(np.zeros((4, 4, 3), np.float32))


# --- an over-exposed capture -----------------------------------------------------------------------------------


def _over_exposed(img: np.ndarray, gain: tuple[float, float, float]) -> np.ndarray:
    """A capture a stop or so too bright: the sensor clips the paper white (8 bits), the print under it stays."""
    return np.clip(img.astype(np.float32) * np.float32(gain), 0, 255).astype(np.uint8)


def test_an_over_exposed_capture_is_fitted_on_what_it_did_not_clip(page):
    from docexam.compare.normalise import estimate_illumination

    ref = page["visible"]
    gain = (1.45, 1.35, 1.3)
    fit = estimate_illumination(_over_exposed(ref, gain), ref)
    # Clipped paper counted as seen would make the exposure about 1.05 (white over the paper's level).
    assert fit.level == pytest.approx(np.array(gain), rel=0.06)


@pytest.mark.parametrize("blur", [0.8, 1.5])
def test_an_over_exposed_soft_capture_is_not_read_as_brighter_than_it_is(page, blur):
    # The lens blurs before the sensor clips: the print's ink spreads into paper that then clips white, so the print
    # alone (what stays below white) is lighter than the specimen's times the exposure. Fitted on it alone, the
    # exposure of a soft 170 dpi capture read 1.9 times too high, and the whole page differed.
    import cv2

    from docexam.compare.normalise import estimate_illumination

    ref = page["visible"]
    gain = (1.35, 1.25, 1.3)
    soft = cv2.GaussianBlur(ref.astype(np.float32), (0, 0), blur)
    fit = estimate_illumination(_over_exposed(soft, gain), ref)
    assert fit.level == pytest.approx(np.array(gain), rel=0.05)


def test_the_reference_clipped_as_the_capture_was_shows_no_difference_and_lifted_print_under_white_does(page):
    from docexam.compare.difference import sensor_ceiling
    from docexam.compare.normalise import estimate_illumination, normalise

    ref = page["visible"]
    gain = (1.15, 1.1, 1.12)  # the paper clipped white, the background print under it not
    over = _over_exposed(ref, gain)
    assert float((over >= 251).any(axis=2).mean()) > 0.3
    fit = estimate_illumination(over, ref)
    ceiling = sensor_ceiling(fit.gain)
    q = normalise(over, ref, illumination=fit)
    heat = difference_map(q, ref, normalised=True, blur_sigma=0.0, ceiling=ceiling)
    assert regions(heat, threshold=0.5, min_area=20) == []

    altered = ref.copy()
    x, y, w, h = 300, 180, 40, 25  # background print, clear of text on the TD2 page
    altered[y : y + h, x : x + w] = (altered[y : y + h, x : x + w] * 0.3 + np.array([246, 244, 236]) * 0.7).astype(np.uint8)
    over = _over_exposed(altered, gain)
    q = normalise(over, ref, illumination=estimate_illumination(over, ref))
    heat = difference_map(q, ref, normalised=True, blur_sigma=0.0, ceiling=ceiling)
    found = regions(heat, threshold=0.5, min_area=20)
    assert found, "print lifted under clipped paper was not found"
    (bx, by, bw, bh), _ = found[0]
    assert bx < x + w and bx + bw > x and by < y + h and by + bh > y


def test_sensor_ceiling_is_white_over_the_gain_and_refuses_no_gain():
    from docexam.compare.difference import sensor_ceiling

    assert sensor_ceiling(np.full((2, 2, 3), 2.0, np.float32), white=250.0) == pytest.approx(np.full((2, 2, 3), 125.0))
    with pytest.raises(ValueError):
        sensor_ceiling(np.zeros((0, 3), np.float32))
    with pytest.raises(ValueError, match="ceiling"):
        difference_map(page_like := np.full((8, 8, 3), 100, np.uint8), page_like, ceiling=np.ones((4, 4, 3), np.float32))
