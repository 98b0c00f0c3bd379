"""The procedural portraits: shape, determinism, variety, ICAO-like composition and argument checks."""

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docexam.specimens.face import synthetic_face

H, W = 240, 190  # a 35 x 45 mm photo's proportions, small enough to keep the tests fast
LUMA = np.array([0.299, 0.587, 0.114])


def _face(seed: int, height: int = H, width: int = W) -> np.ndarray:
    return synthetic_face(seed=seed, height=height, width=width)


def _top_corners(img: np.ndarray) -> list[np.ndarray]:
    """The top-left and top-right background patches, 8 % of the width square, as (N, 3) float arrays."""
    k = int(0.08 * img.shape[1])
    return [img[:k, :k].reshape(-1, 3).astype(float), img[:k, -k:].reshape(-1, 3).astype(float)]


def _face_patch(img: np.ndarray) -> np.ndarray:
    """Pixels of the face's centre: between the eyes and the tip of the nose, as (N, 3) floats."""
    h, w = img.shape[:2]
    return img[int(0.52 * h) : int(0.57 * h), int(0.45 * w) : int(0.55 * w)].reshape(-1, 3).astype(float)


@pytest.mark.parametrize(("height", "width"), [(H, W), (480, 380), (48, 48), (160, 100), (75, 62)])
def test_shape_and_dtype(height, width):
    img = _face(5, height, width)
    assert img.shape == (height, width, 3)
    assert img.dtype == np.uint8
    assert img.flags.c_contiguous


def test_same_seed_gives_identical_bytes_and_a_fresh_array():
    a = _face(42)
    b = _face(42)
    assert np.array_equal(a, b)
    a[:] = 0  # the caller owns the result: nothing is cached and shared
    assert np.array_equal(_face(42), b)


def test_different_seeds_give_visibly_different_faces():
    faces = [_face(s).astype(np.int16) for s in range(8)]
    for i in range(len(faces)):
        for j in range(i + 1, len(faces)):
            diff = np.abs(faces[i] - faces[j]).mean()
            assert diff > 8, f"seeds {i} and {j} differ by only {diff:.1f} grey levels on average"


def test_same_seed_at_another_size_is_the_same_person():
    big = cv2.resize(_face(3, 480, 380), (W, H), interpolation=cv2.INTER_AREA).astype(np.int16)
    assert np.abs(big - _face(3)).mean() < 5  # only the grain and the softening differ
    assert np.abs(big - _face(4)).mean() > 8


@pytest.mark.parametrize("seed", range(0, 60, 6))
def test_background_is_plain_and_light_and_the_face_stands_out(seed):
    img = _face(seed)
    corners = _top_corners(img)
    for patch in corners:
        mean = patch.mean(axis=0)
        assert mean.min() > 195, f"background not light: {mean}"
        assert np.ptp(mean) < 25, f"background not grey or blue-grey: {mean}"
        assert patch.std(axis=0).max() < 6, "background not uniform"
    left, right = (c.mean(axis=0) for c in corners)
    assert np.abs(left - right).max() < 10
    background = (left + right) / 2
    centre = _face_patch(img).mean(axis=0)
    assert np.linalg.norm(centre - background) > 20, "the centre of the portrait looks like background"


def test_composition_has_a_centred_head_and_shoulders_at_the_bottom():
    for seed in range(6):
        img = _face(seed).astype(float)
        bg = np.concatenate(_top_corners(img)).mean(axis=0)
        differs = np.linalg.norm(img - bg, axis=2) > 25
        rows = differs.mean(axis=1)
        # Something other than background fills the middle of the bottom row's width (clothing)...
        assert differs[-3:, W // 4 : 3 * W // 4].mean() > 0.95
        # ...and the left and right halves of the picture are about equally filled (a centred, frontal head).
        left, right = differs[:, : W // 2].mean(), differs[:, W // 2 :].mean()
        assert abs(left - right) < 0.06
        # The top rows are background: the head does not touch the top edge.
        assert rows[:3].max() < 0.05


def test_skin_tones_span_a_realistic_range():
    lum = [float((_face_patch(_face(s)) @ LUMA).mean()) for s in range(30)]
    assert max(lum) - min(lum) >= 60, f"face luminance only spans {min(lum):.0f}..{max(lum):.0f}"
    assert min(lum) > 30 and max(lum) < 250  # neither black nor blown out


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**63), width=st.integers(48, 400), aspect=st.floats(1.0, 1.6))
def test_any_valid_size_and_seed_gives_a_light_background(seed, width, aspect):
    height = int(width * aspect)
    if not 48 <= height <= 640 or not 1.0 <= height / width <= 1.6:
        return
    img = synthetic_face(seed=seed, height=height, width=width)
    assert img.shape == (height, width, 3)
    assert img[0, 0].min() > 170 and img[0, -1].min() > 170


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"seed": -1, "height": H, "width": W}, "seed"),
        ({"seed": 1.5, "height": H, "width": W}, "seed"),
        ({"seed": "7", "height": H, "width": W}, "seed"),
        ({"seed": True, "height": H, "width": W}, "seed"),
        ({"seed": 1, "height": 40, "width": 40}, "height"),
        ({"seed": 1, "height": 60, "width": 47}, "width"),
        ({"seed": 1, "height": 2400, "width": 1800}, "height"),
        ({"seed": 1, "height": 100, "width": 200}, "aspect ratio"),
        ({"seed": 1, "height": 400, "width": 200}, "aspect ratio"),
        ({"seed": 1, "height": 240.0, "width": W}, "height"),
        ({"seed": 1, "height": H, "width": None}, "width"),
    ],
)
def test_invalid_arguments_raise_value_error_naming_the_argument(kwargs, name):
    with pytest.raises(ValueError, match=name):
        synthetic_face(**kwargs)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        synthetic_face(1, H, W)  # type: ignore[misc]
