"""Simulated capture: exact homographies (checked against dots found in the images), misregistration bounds,
photometry, determinism, sampled conditions and input validation."""

import dataclasses
import json
import math

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docexam.lights import LIGHTS
from docexam.specimens.capture import (
    BACKGROUNDS,
    DIFFICULTIES,
    MAX_MISREGISTRATION_ROTATION_DEG,
    Capture,
    CaptureConditions,
    apply_homography,
    capture,
    sample_conditions,
)

# A small document at the reference 300 dpi, with Gaussian dots at known, deliberately fractional positions.
DOC_W, DOC_H = 480, 320
DOTS = np.array(
    [
        [60.3, 50.7],
        [240.0, 60.2],
        [420.6, 48.9],
        [70.2, 160.5],
        [241.4, 159.8],
        [410.8, 170.3],
        [55.5, 270.1],
        [250.9, 265.6],
        [425.2, 272.4],
    ]
)
DOT_SIGMA = 3.0
#: The contract: dots are found within this distance (capture px) of where the homography puts them ...
TOLERANCE = 0.75
#: ... and within this one under moderate blur and noise.
NOISY_TOLERANCE = 1.5
#: Without blur, noise or JPEG the dots are in fact far closer (about 0.03 px); a check this tight also catches a
#: half-pixel slip between the pixel-centre conventions of the homography and of the warp.
EXACT = 0.25
CORNERS = np.array([[-0.5, -0.5], [DOC_W - 0.5, -0.5], [DOC_W - 0.5, DOC_H - 0.5], [-0.5, DOC_H - 0.5]])
# Per light: (paper, dot) colours, so the lights differ as real renderings do.
TINTS = {
    "visible": ((60, 50, 40), (255, 250, 240)),
    "uv": ((20, 10, 50), (120, 230, 255)),
    "ir": ((45, 45, 45), (235, 235, 235)),
}


def _dot_documents() -> dict[str, np.ndarray]:
    yy, xx = np.mgrid[0:DOC_H, 0:DOC_W].astype(np.float64)
    mask = np.zeros((DOC_H, DOC_W))
    for x, y in DOTS:
        mask += np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * DOT_SIGMA**2))
    docs = {}
    for light, (paper, dot) in TINTS.items():
        img = np.array(paper) + mask[..., None] * (np.array(dot) - np.array(paper))
        docs[light] = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    return docs


DOCS = _dot_documents()


def conditions(**changes) -> CaptureConditions:
    """Geometry only by default: no blur, noise, uneven light or JPEG."""
    base = dict(
        dpi=300,
        rotation_deg=0.0,
        perspective=0.0,
        blur_sigma_px=0.0,
        noise_sigma=0.0,
        illumination=0.0,
        jpeg_quality=None,
        background_rgb=(30, 30, 30),
        margin=0.05,
        misregistration_px=0.0,
    )
    base.update(changes)
    return CaptureConditions(**base)


def find_dot(image: np.ndarray, guess: np.ndarray, *, search: int, radius: int) -> np.ndarray:
    """Intensity centroid (x, y) of the bright dot nearest ``guess``, found independently of the guess.

    The dot's peak is located in a ``search`` window, then the centroid is taken over the pixels above a quarter
    of the dot's height (symmetric about the true centre, so unbiased) in a window centred on that peak.
    """
    gx, gy = (int(round(v)) for v in guess)
    reach = search + radius + 2
    top, left = gy - reach, gx - reach
    assert top >= 0 and left >= 0, "dot too near the edge of the capture for this test"
    grey = image[top : gy + reach + 1, left : gx + reach + 1].astype(np.float64).mean(axis=2)
    gx, gy = gx - left, gy - top  # window coordinates from here on
    win = grey[gy - search : gy + search + 1, gx - search : gx + search + 1]
    smooth = cv2.GaussianBlur(win, (0, 0), 1.0)
    py, px = np.unravel_index(np.argmax(smooth), smooth.shape)
    cx, cy = gx - search + px, gy - search + py
    for _ in range(3):
        x0, y0 = int(round(cx)), int(round(cy))
        patch = grey[y0 - radius : y0 + radius + 1, x0 - radius : x0 + radius + 1]
        border = np.concatenate([patch[0], patch[-1], patch[:, 0], patch[:, -1]])
        background = np.median(border)
        height = cv2.GaussianBlur(patch, (0, 0), 1.0).max() - background
        weights = np.clip(patch - background - 0.25 * height, 0, None)
        ys, xs = np.mgrid[y0 - radius : y0 + radius + 1, x0 - radius : x0 + radius + 1]
        cx, cy = (weights * xs).sum() / weights.sum(), (weights * ys).sum() / weights.sum()
    return np.array([cx + left, cy + top])


def dot_errors(cap: Capture) -> dict[str, np.ndarray]:
    """Per light, the distance of each found dot from where the reported homography puts it."""
    scale = cap.conditions.dpi / 300
    radius = int(math.ceil(4 * DOT_SIGMA * scale + 3 * cap.conditions.blur_sigma_px)) + 2
    search = int(math.ceil(2 * DOT_SIGMA * scale + cap.conditions.misregistration_px)) + 3
    errors = {}
    for light, image in cap.images.items():
        predicted = apply_homography(cap.homographies[light], DOTS)
        found = np.array([find_dot(image, p, search=search, radius=radius) for p in predicted])
        errors[light] = np.hypot(*(found - predicted).T)
    return errors


def found_dots(cap: Capture, light: str) -> np.ndarray:
    scale = cap.conditions.dpi / 300
    radius = int(math.ceil(4 * DOT_SIGMA * scale)) + 2
    predicted = apply_homography(cap.homographies[light], DOTS)
    return np.array([find_dot(cap.images[light], p, search=radius, radius=radius) for p in predicted])


# ---------------------------------------------------------------------------------------------------------------
# Geometry: the reported homographies are where the document really lands


GEOMETRIES = [
    dict(dpi=300),
    dict(dpi=200, rotation_deg=7.3, perspective=0.02, misregistration_px=1.5),
    dict(dpi=150, rotation_deg=90.0, perspective=0.05, misregistration_px=2.0, margin=0.0),
    dict(dpi=450, rotation_deg=180.0, perspective=0.03, misregistration_px=1.0),
    dict(dpi=600, rotation_deg=-87.0, perspective=0.06, misregistration_px=3.0, margin=0.3),
    dict(dpi=237, rotation_deg=-135.5, perspective=0.08, misregistration_px=4.0, background_rgb=(240, 240, 240)),
]


@pytest.mark.parametrize("changes", GEOMETRIES, ids=lambda c: f"{c['dpi']}dpi-{c.get('rotation_deg', 0)}deg")
def test_dots_land_where_the_homography_says(changes):
    cap = capture(DOCS, conditions(**changes), seed=11)
    for light, errors in dot_errors(cap).items():
        assert errors.max() < TOLERANCE, (light, errors.round(3))
        assert errors.max() < EXACT, (light, errors.round(3))


@pytest.mark.parametrize("seed", [1, 2])
def test_dots_within_tolerance_under_blur_noise_and_uneven_light(seed):
    cond = conditions(
        dpi=250,
        rotation_deg=-5.0,
        perspective=0.02,
        blur_sigma_px=1.2,
        noise_sigma=6.0,
        illumination=0.3,
        misregistration_px=1.5,
    )
    cap = capture(DOCS, cond, seed=seed)
    for light, errors in dot_errors(cap).items():
        assert errors.max() < NOISY_TOLERANCE, (light, errors.round(3))
        assert errors.max() < 2 * EXACT, (light, errors.round(3))  # in fact about 0.08


def test_jpeg_loses_exactness_but_keeps_the_dots():
    cond = conditions(dpi=300, rotation_deg=3.0, perspective=0.01, misregistration_px=1.0)
    lossless = capture(DOCS, cond, seed=5)
    lossy = capture(DOCS, dataclasses.replace(cond, jpeg_quality=40), seed=5)
    for light in LIGHTS:
        np.testing.assert_array_equal(lossy.homographies[light], lossless.homographies[light])
        diff = np.abs(lossy.images[light].astype(int) - lossless.images[light].astype(int))
        assert diff.mean() > 0.2 and diff.max() > 5, light
    for light, errors in dot_errors(lossy).items():
        assert errors.max() < TOLERANCE, (light, errors.round(3))


def test_scale_and_rotation_sense():
    ref = capture(DOCS, conditions(dpi=300), seed=0).homographies["visible"]
    cap = capture(DOCS, conditions(dpi=450, rotation_deg=90.0), seed=0)
    a, b = apply_homography(cap.homographies["visible"], [[100.0, 160.0], [400.0, 160.0]])
    # 300 document pixels to the right become 450 capture pixels up: positive angles turn the document
    # counter-clockwise as displayed.
    np.testing.assert_allclose(b - a, [0.0, -450.0], atol=1e-9)
    # Without rotation, only a translation separates document and capture at the reference dpi.
    np.testing.assert_allclose(ref[:2, :2], np.eye(2), atol=1e-12)
    np.testing.assert_allclose(ref[2], [0, 0, 1], atol=1e-15)


def test_outputs_have_one_size_and_exact_types():
    cap = capture(DOCS, conditions(dpi=333, rotation_deg=12.0, perspective=0.03, misregistration_px=2.0), seed=3)
    assert list(cap.images) == list(LIGHTS) == list(cap.homographies)
    shapes = {img.shape for img in cap.images.values()}
    assert len(shapes) == 1
    (shape,) = shapes
    assert len(shape) == 3 and shape[2] == 3
    for light in LIGHTS:
        assert cap.images[light].dtype == np.uint8
        h = cap.homographies[light]
        assert h.dtype == np.float64 and h.shape == (3, 3) and h[2, 2] == 1.0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), difficulty=st.sampled_from(DIFFICULTIES))
def test_whole_document_is_inside_the_capture_in_every_light(seed, difficulty):
    cond = sample_conditions(seed=seed, difficulty=difficulty)
    small = {light: img[::8, ::8].copy() for light, img in DOCS.items()}  # 60x40: fast at any dpi
    h, w = small["visible"].shape[:2]
    cap = capture(small, cond, seed=seed)
    out_h, out_w = cap.images["visible"].shape[:2]
    corners = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])
    for light, hom in cap.homographies.items():
        pts = apply_homography(hom, corners)
        assert pts.min() >= -0.5 - 1e-9, light
        assert (pts[:, 0] <= out_w - 0.5 + 1e-9).all() and (pts[:, 1] <= out_h - 0.5 + 1e-9).all(), light
    # The margin is there: the canvas is the document's bounding box plus margin and misregistration room.
    box = apply_homography(cap.homographies["visible"], corners)
    extent = box.max(axis=0) - box.min(axis=0)
    expected = extent * (1 + 2 * cond.margin) + 2 * cond.misregistration_px
    assert np.all(np.array([out_w, out_h]) - expected >= -1e-6)
    assert np.all(np.array([out_w, out_h]) - expected < 1 + 1e-6)


# ---------------------------------------------------------------------------------------------------------------
# Misregistration between lights


@pytest.mark.parametrize("limit", [0.5, 1.5, 3.0])
def test_misregistration_is_bounded_and_present(limit):
    largest = 0.0
    for seed in range(4):
        cap = capture(DOCS, conditions(dpi=300, rotation_deg=4.0, misregistration_px=limit), seed=seed)
        predicted = {light: apply_homography(h, np.vstack([DOTS, CORNERS])) for light, h in cap.homographies.items()}
        found = {light: found_dots(cap, light) for light in LIGHTS}
        for i, a in enumerate(LIGHTS):
            for b in LIGHTS[i + 1 :]:
                shift = np.hypot(*(predicted[a] - predicted[b]).T)
                assert shift.max() <= limit + 1e-9, (a, b, shift.max())
                measured = np.hypot(*(found[a] - found[b]).T)
                assert measured.max() <= limit + 0.3, (a, b, measured.max())
                # The measurement agrees with the reported shift.
                np.testing.assert_allclose(found[a] - found[b], (predicted[a] - predicted[b])[: len(DOTS)], atol=0.3)
                largest = max(largest, shift.max(), measured.max())
        for light in LIGHTS[1:]:  # rigid and nearly unrotated against visible
            motion = cap.homographies[light] @ np.linalg.inv(cap.homographies["visible"])
            motion /= motion[2, 2]
            np.testing.assert_allclose(motion[2, :2], 0, atol=1e-12)
            assert np.linalg.det(motion[:2, :2]) == pytest.approx(1, abs=1e-9)
            assert abs(math.degrees(math.atan2(motion[1, 0], motion[0, 0]))) <= MAX_MISREGISTRATION_ROTATION_DEG
    assert largest > limit / 3


def test_no_misregistration_when_none_requested():
    cap = capture(DOCS, conditions(dpi=275, rotation_deg=-20.0, perspective=0.04), seed=9)
    for light in LIGHTS[1:]:
        np.testing.assert_array_equal(cap.homographies[light], cap.homographies["visible"])
        np.testing.assert_allclose(found_dots(cap, light), found_dots(cap, "visible"), atol=0.05)


def test_a_light_does_not_depend_on_the_others_given():
    cond = conditions(dpi=320, rotation_deg=2.0, perspective=0.02, noise_sigma=4.0, illumination=0.2,
                      misregistration_px=2.0, jpeg_quality=80)
    full = capture(DOCS, cond, seed=21)
    alone = capture({"ir": DOCS["ir"]}, cond, seed=21)
    assert list(alone.images) == ["ir"]
    np.testing.assert_array_equal(alone.homographies["ir"], full.homographies["ir"])
    assert alone.images["ir"].tobytes() == full.images["ir"].tobytes()


# ---------------------------------------------------------------------------------------------------------------
# Photometry


def _flat(colours: dict[str, tuple[int, int, int]]) -> dict[str, np.ndarray]:
    return {light: np.full((DOC_H, DOC_W, 3), rgb, np.uint8) for light, rgb in colours.items()}


FLAT = {"visible": (220, 40, 60), "uv": (10, 200, 250), "ir": (90, 90, 90)}


def test_document_colour_and_backgrounds_are_preserved():
    cond = conditions(margin=0.2, background_rgb=(12, 140, 200))
    cap = capture(_flat(FLAT), cond, seed=0)
    backgrounds = {"visible": (12, 140, 200), **BACKGROUNDS}
    for light, image in cap.images.items():
        h, w = image.shape[:2]
        x0, y0 = apply_homography(cap.homographies[light], [0, 0])
        x1, y1 = apply_homography(cap.homographies[light], [DOC_W - 1, DOC_H - 1])
        assert (x1 - x0, y1 - y0) == pytest.approx((DOC_W - 1, DOC_H - 1), abs=1e-9)
        inside = image[int(math.ceil(y0)) + 1 : int(y1), int(math.ceil(x0)) + 1 : int(x1)]
        assert inside.size and (inside == FLAT[light]).all(), light
        assert (image[:5, :5] == backgrounds[light]).all() and (image[-5:, -5:] == backgrounds[light]).all(), light


def test_jpeg_keeps_colours_in_rgb_order():
    cap = capture(_flat(FLAT), conditions(margin=0.2, jpeg_quality=70), seed=0)
    for light, image in cap.images.items():
        h, w = image.shape[:2]
        middle = image[h // 2 - 20 : h // 2 + 20, w // 2 - 20 : w // 2 + 20].reshape(-1, 3).mean(axis=0)
        np.testing.assert_allclose(middle, FLAT[light], atol=4, err_msg=light)


def test_noise_has_the_requested_strength():
    cap = capture(_flat({"visible": (128, 128, 128)}), conditions(noise_sigma=8.0, margin=0.0), seed=4)
    middle = cap.images["visible"][40:-40, 40:-40].astype(np.float64)
    assert middle.mean() == pytest.approx(128, abs=0.2)
    assert middle.std() == pytest.approx(8.0, rel=0.05)
    channels = middle.reshape(-1, 3) - 128
    assert abs(np.corrcoef(channels.T)[0, 1]) < 0.05  # independent per channel


def test_uneven_illumination_spans_the_requested_range():
    cap = capture(_flat({"visible": (250, 250, 250)}), conditions(illumination=0.4, margin=0.0), seed=6)
    grey = cap.images["visible"].astype(np.float64)
    assert grey.max() <= 250 and grey.max() >= 248
    assert grey.min() >= 250 * 0.6 - 1 and grey.min() <= 250 * 0.6 + 3
    # Smooth: neighbouring pixels differ by at most a grey level or two.
    assert np.abs(np.diff(grey, axis=1)).max() <= 2 and np.abs(np.diff(grey, axis=0)).max() <= 2


def test_blur_softens_edges():
    stripes = np.zeros((DOC_H, DOC_W, 3), np.uint8)
    stripes[:, ::8] = 255
    sharp = capture({"visible": stripes}, conditions(), seed=0).images["visible"].astype(np.int64)
    soft = capture({"visible": stripes}, conditions(blur_sigma_px=2.0), seed=0).images["visible"].astype(np.int64)
    assert np.abs(np.diff(soft, axis=1)).sum() < 0.5 * np.abs(np.diff(sharp, axis=1)).sum()


def test_downscaling_does_not_alias_fine_print():
    # Stripes of period 3 px at 300 dpi, captured at 150 dpi, lie beyond the capture's Nyquist limit: they must
    # mostly fade to an even grey instead of beating into false stripes as plain bilinear sampling makes them.
    stripes = np.zeros((DOC_H, DOC_W, 3), np.uint8)
    stripes[:, ::3] = 255
    cap = capture({"visible": stripes}, conditions(dpi=150, rotation_deg=1.0, margin=0.0), seed=0)
    image = cap.images["visible"]
    h, w = image.shape[:2]
    naive = cv2.warpPerspective(stripes, cap.homographies["visible"], (w, h), flags=cv2.INTER_LINEAR)
    ours, plain = (img[20:-20, 20:-20, 0].astype(np.float64) for img in (image, naive))
    assert ours.mean() == pytest.approx(85, abs=3)
    assert ours.std() < 0.4 * plain.std()


# ---------------------------------------------------------------------------------------------------------------
# Determinism


def test_same_inputs_and_seed_give_identical_bytes():
    cond = sample_conditions(seed=8, difficulty="hard")
    a = capture(DOCS, cond, seed=99)
    b = capture(DOCS, cond, seed=99)
    for light in LIGHTS:
        assert a.images[light].tobytes() == b.images[light].tobytes()
        assert a.homographies[light].tobytes() == b.homographies[light].tobytes()


def test_another_seed_gives_another_capture():
    cond = conditions(dpi=300, perspective=0.03, noise_sigma=3.0, illumination=0.2, misregistration_px=2.0)
    a = capture(DOCS, cond, seed=1)
    b = capture(DOCS, cond, seed=2)
    for light in LIGHTS:
        assert not np.array_equal(a.homographies[light], b.homographies[light])
        if a.images[light].shape == b.images[light].shape:
            assert not np.array_equal(a.images[light], b.images[light])
    # Noise alone (same geometry) also follows the seed.
    quiet = conditions(noise_sigma=3.0)
    c, d = capture(DOCS, quiet, seed=1), capture(DOCS, quiet, seed=2)
    np.testing.assert_array_equal(c.homographies["uv"], d.homographies["uv"])
    assert not np.array_equal(c.images["uv"], d.images["uv"])


def test_capture_does_not_modify_its_inputs():
    docs = {light: img.copy() for light, img in DOCS.items()}
    capture(docs, sample_conditions(seed=3, difficulty="hard"), seed=3)
    for light in LIGHTS:
        np.testing.assert_array_equal(docs[light], DOCS[light])


# ---------------------------------------------------------------------------------------------------------------
# Sampled conditions

SEEDS = range(200)


def _in(value, low, high):
    return low <= value <= high


def _check_common(c: CaptureConditions):
    assert -180 < c.rotation_deg <= 180
    assert all(0 <= v <= 255 for v in c.background_rgb) and len(c.background_rgb) == 3
    assert _in(c.blur_sigma_px, 0, 3) and _in(c.noise_sigma, 0, 12) and _in(c.illumination, 0, 0.5)
    assert _in(c.margin, 0, 0.5) and _in(c.misregistration_px, 0, 4) and _in(c.perspective, 0, 0.08)
    assert CaptureConditions.from_dict(json.loads(json.dumps(c.to_dict()))) == c


def test_easy_conditions():
    samples = [sample_conditions(seed=s, difficulty="easy") for s in SEEDS]
    for c in samples:
        _check_common(c)
        assert c.dpi == 300 and abs(c.rotation_deg) <= 2 and c.perspective == 0 and c.jpeg_quality is None
        assert _in(c.margin, 0.04, 0.06) and c.misregistration_px <= 0.5
        assert c.blur_sigma_px <= 0.5 and c.noise_sigma <= 2 and c.illumination <= 0.1


def test_normal_conditions():
    samples = [sample_conditions(seed=s, difficulty="normal") for s in SEEDS]
    for c in samples:
        _check_common(c)
        assert _in(c.dpi, 200, 400) and abs(c.rotation_deg) <= 8 and c.perspective <= 0.02
        assert c.jpeg_quality is None or _in(c.jpeg_quality, 70, 95)
        assert c.misregistration_px <= 1.5 and c.noise_sigma <= 5 and c.blur_sigma_px <= 1.2
    qualities = {c.jpeg_quality for c in samples}
    assert None in qualities and len(qualities) > 10
    assert min(c.dpi for c in samples) < 220 and max(c.dpi for c in samples) > 380


def test_hard_conditions():
    samples = [sample_conditions(seed=s, difficulty="hard") for s in SEEDS]
    quadrants = set()
    for c in samples:
        _check_common(c)
        assert _in(c.dpi, 150, 600) and c.perspective <= 0.06 and _in(c.jpeg_quality, 30, 80)
        assert c.misregistration_px <= 3 and c.blur_sigma_px >= 0.5 and c.noise_sigma >= 3
        nearest = round(c.rotation_deg / 90) * 90
        assert abs(c.rotation_deg - nearest) <= 15
        quadrants.add(nearest % 360)
    assert quadrants == {0, 90, 180, 270}
    assert max(c.dpi for c in samples) > 550 and min(c.dpi for c in samples) < 200


def test_sampling_is_seeded():
    assert sample_conditions(seed=5) == sample_conditions(seed=5, difficulty="normal")
    assert len({sample_conditions(seed=s) for s in range(20)}) == 20


# ---------------------------------------------------------------------------------------------------------------
# Validation


def test_unknown_difficulty_lists_the_choices():
    with pytest.raises(ValueError, match="'easy', 'normal', 'hard'"):
        sample_conditions(seed=0, difficulty="extreme")


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(dpi=149), "dpi"),
        (dict(dpi=601), "dpi"),
        (dict(dpi=300.0), "dpi must be an integer"),
        (dict(dpi=True), "dpi must be an integer"),
        (dict(rotation_deg=-180.0), "rotation_deg"),
        (dict(rotation_deg=float("nan")), "rotation_deg"),
        (dict(perspective=0.09), "perspective"),
        (dict(blur_sigma_px=-0.1), "blur_sigma_px"),
        (dict(noise_sigma=13), "noise_sigma"),
        (dict(illumination=0.6), "illumination"),
        (dict(jpeg_quality=20), "jpeg_quality"),
        (dict(jpeg_quality=96), "jpeg_quality"),
        (dict(background_rgb=(256, 0, 0)), "background_rgb"),
        (dict(background_rgb=(1, 2)), "background_rgb"),
        (dict(margin=0.6), "margin"),
        (dict(misregistration_px=4.5), "misregistration_px"),
    ],
)
def test_conditions_out_of_range_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        conditions(**changes)


def test_edge_values_are_accepted():
    c = conditions(dpi=600, rotation_deg=180.0, perspective=0.08, jpeg_quality=95, background_rgb=[0, 0, 255])
    assert c.background_rgb == (0, 0, 255)
    assert c.to_dict()["background_rgb"] == [0, 0, 255]


@pytest.mark.parametrize(
    "images, message",
    [
        ({"infrared": DOCS["ir"]}, "unknown light"),
        ({}, "empty"),
        ({"visible": DOCS["visible"], "uv": DOCS["uv"][:-1]}, "same shape"),
        ({"visible": DOCS["visible"].astype(np.float32)}, "uint8"),
        ({"visible": DOCS["visible"][..., 0]}, r"\(H, W, 3\)"),
        ({"visible": DOCS["visible"][..., :2]}, r"\(H, W, 3\)"),
    ],
    ids=["light-name", "empty", "shapes", "dtype", "2d", "channels"],
)
def test_bad_images_are_refused(images, message):
    with pytest.raises(ValueError, match=message):
        capture(images, conditions())


def test_bad_call_arguments_are_refused():
    with pytest.raises(ValueError, match="reference_dpi"):
        capture(DOCS, conditions(), reference_dpi=0)
    with pytest.raises(ValueError, match="seed"):
        capture(DOCS, conditions(), seed=-1)
    with pytest.raises(ValueError, match="seed"):
        sample_conditions(seed=-1)
    with pytest.raises(TypeError, match="CaptureConditions"):
        capture(DOCS, conditions().to_dict())
    with pytest.raises(TypeError, match="mapping"):
        capture([DOCS["visible"]], conditions())
    with pytest.raises(ValueError, match="missing keys"):
        CaptureConditions.from_dict({"dpi": 300})


def test_a_capture_too_large_for_opencv_is_refused_up_front():
    with pytest.raises(ValueError, match="32767"):
        capture({"visible": np.zeros((10, 4000, 3), np.uint8)}, conditions(dpi=600), reference_dpi=72)
