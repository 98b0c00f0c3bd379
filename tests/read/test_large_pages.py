"""A large page costs what its MRZ costs, not what its pixels do (issue 21, item 5): each fast path is the plain path's
result exactly."""

import cv2
import numpy as np
import pytest

from docexam.read import locate
from docexam.read.locate import cut_quad


def _plain_cut(gray: np.ndarray, corners: np.ndarray, out_w: int, out_h: int) -> np.ndarray:
    """cut_quad as it was: the whole image smoothed before the warp when shrinking."""
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    k = out_w / max(1e-6, float(np.linalg.norm(corners[1] - corners[0])))
    src = cv2.GaussianBlur(gray, (0, 0), 0.45 / k) if k < 0.7 else gray
    return cv2.warpPerspective(src, m, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _quads(seed: int, count: int):
    """Images with some structure and oriented, slightly foreshortened quads on them (some across the image's
    edges, some far outside it), with crop sizes that shrink and that enlarge."""
    rng = np.random.default_rng(seed)
    for t in range(count):
        h, w = (int(v) for v in rng.integers(40, 700, 2))
        img = cv2.GaussianBlur(rng.integers(0, 256, (h, w, 3) if t % 3 == 0 else (h, w), np.uint8), (0, 0), 2)
        centre = np.array([rng.uniform(-0.2, 1.2) * w, rng.uniform(-0.2, 1.2) * h])
        if t % 17 == 0:
            centre += (3 * w, 0)  # wholly outside
        length, height = rng.uniform(5, w), rng.uniform(3, h / 2)
        a = rng.uniform(0, 2 * np.pi)
        u = np.array([np.cos(a), np.sin(a)])
        v = np.array([-u[1], u[0]])
        f = 1 + rng.uniform(-0.1, 0.1)
        corners = np.array([centre - u * length / 2 - v * height / 2, centre + u * length / 2 - v * height / 2 * f,
                            centre + u * length / 2 + v * height / 2 * f, centre - u * length / 2 + v * height / 2],
                           np.float32)
        yield img, corners, max(10, round(length * rng.uniform(0.15, 1.4))), int(rng.integers(5, 160))


@pytest.fixture
def garbage_canvas(monkeypatch):
    """np.empty filling what it gives with a changing byte (what it gives is anyone's garbage anyway): a crop that
    sampled a pixel of the canvas the window left unwritten would show it."""
    real = np.empty
    garbage = iter(range(1 << 30))

    def noisy(*args, **kwargs):
        out = real(*args, **kwargs)
        out.view(np.uint8).fill(next(garbage) * 37 % 251)
        return out

    monkeypatch.setattr(locate.np, "empty", noisy)


def test_a_crop_smooths_only_the_window_it_samples_and_equals_the_whole_image_smoothed(garbage_canvas):
    shrunk = 0
    for img, corners, out_w, out_h in _quads(seed=1, count=160):
        k = out_w / max(1e-6, float(np.linalg.norm(corners[1] - corners[0])))
        shrunk += k < 0.7
        assert np.array_equal(cut_quad(img, corners, out_w, out_h), _plain_cut(img, corners, out_w, out_h))
    assert shrunk > 40  # the windowed path was taken


def test_a_page_s_window_is_its_quad_s_box_widened_by_the_blur_and_none_for_the_whole_page_or_a_twisted_quad():
    square = np.array([[100, 50], [300, 50], [300, 90], [100, 90]], np.float32)
    assert locate._window(square, (1000, 2000), reach=4) == (96, 46, 305, 95)
    page = np.array([[-10, -10], [2100, -10], [2100, 1100], [-10, 1100]], np.float32)
    assert locate._window(page, (1000, 2000), reach=4) is None  # covers the whole page
    twisted = square[[0, 2, 1, 3]]
    assert locate._window(twisted, (1000, 2000), reach=4) is None
    assert locate._blur_reach(1.0) == 3 and locate._blur_reach(0.0) == 0
