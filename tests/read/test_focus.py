"""How soft a capture is, and the capture sharpened where it is soft (docexam.read.focus)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docexam.ocr.ocrb import line_levels
from docexam.read import focus
from docexam.read.reader import _views
from docexam.specimens import FAMILIES, random_specimen, render
from tests.conftest import TODAY


def _mrz_crop(*, dpi: int = 300) -> np.ndarray:
    """The MRZ of a generated TD3 as rendered (crisp), grey."""
    spec = random_specimen(FAMILIES["td3"], 11, today=TODAY)
    vis = render(spec, dpi=dpi)["visible"]
    x, y, w, h = spec.family.mrz_box(len(spec.mrz)).px(dpi)
    return cv2.cvtColor(np.ascontiguousarray(vis[y : y + h, x : x + w]), cv2.COLOR_RGB2GRAY)


def _soft(gray: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(gray, (0, 0), sigma)


def test_a_crisp_print_measures_under_the_soft_width_and_a_blurred_one_over_it_in_step_with_the_blur():
    crisp = _mrz_crop()
    # a 300-dpi render: 30 px from character to character, so the print's own edges are about a pixel wide
    widths = [focus.softness(img, levels=line_levels(img)) for img in (crisp, _soft(crisp, 3.0), _soft(crisp, 5.0))]
    assert widths[0] < 1.4 and widths[0] < focus.SOFT_PX < widths[1] < widths[2], widths
    assert 1.3 < widths[2] / widths[1] < 5 / 3, widths  # the blur's width adds to the print's own


def test_sensor_noise_and_jpeg_blocks_do_not_make_a_crisp_print_soft():
    crisp = _mrz_crop()
    rng = np.random.default_rng(3)
    noisy = np.clip(crisp + rng.normal(0, 8, crisp.shape), 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", crisp, [cv2.IMWRITE_JPEG_QUALITY, 20])
    blocky = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    for img in (noisy, blocky):
        assert focus.softness(img, levels=line_levels(img)) < focus.SOFT_PX


def test_sharpening_steepens_the_edges_of_a_soft_print_and_keeps_its_size():
    soft = _soft(_mrz_crop(), 4.0)
    width = focus.softness(soft, levels=line_levels(soft))
    sharp = focus.sharpened(soft, sigma=width)
    assert sharp.shape == soft.shape and sharp.dtype == np.uint8
    assert focus.softness(sharp, levels=line_levels(sharp)) < 0.9 * width


def test_the_reader_reads_the_characters_of_a_soft_crop_sharpened_and_of_a_crisp_one_as_they_are():
    crisp = _mrz_crop()
    (view,) = _views(crisp, 2, flips=(False,))
    assert view.cells_img is view.img or np.array_equal(view.cells_img, view.img)
    soft = _soft(crisp, 4.0)
    (view,) = _views(soft, 2, flips=(False,))
    assert not np.array_equal(view.cells_img, view.img)
    assert view.levels == line_levels(view.cells_img)


@pytest.mark.parametrize("bad", [np.zeros((5, 5, 3), np.uint8), np.zeros((5, 5), np.float32), np.zeros((2, 9), np.uint8),
                                 [[1, 2], [3, 4]]])
def test_bad_images_are_refused(bad):
    with pytest.raises(ValueError, match="2-D uint8"):
        focus.softness(bad, levels=(200.0, 50.0))
    with pytest.raises(ValueError, match="2-D uint8"):
        focus.sharpened(bad, sigma=2.0)


def test_a_width_that_is_not_positive_is_refused():
    with pytest.raises(ValueError, match="sigma must be positive"):
        focus.sharpened(np.zeros((8, 8), np.uint8), sigma=0.0)


def test_the_debug_folder_shows_what_a_soft_captures_cells_were_read_from(tmp_path):
    from docexam.inspector import Inspector
    from docexam.read.reader import read_gray
    from docexam.read.steps import ReadStep

    spec = random_specimen(FAMILIES["td3"], 11, today=TODAY)
    gray = cv2.cvtColor(render(spec, dpi=300)["visible"], cv2.COLOR_RGB2GRAY)
    for name, img in (("crisp", gray), ("soft", _soft(gray, 4.0))):
        folder = tmp_path / name
        result = read_gray(img, engine="ocrb", inspector=Inspector(folder), today=TODAY)
        assert result.mrz is not None and result.mrz.valid, name
        written = {p.stem for p in folder.iterdir()}
        assert ReadStep.CELLS.value in written
        assert (ReadStep.CELLS_READ.value in written) == (name == "soft"), (name, sorted(written))
