"""A document partly outside the frame: what the capture shows is registered and compared, and the part it leaves
out is reported as not examined (a note), instead of failing the comparison or raising alarms along the cut."""

import dataclasses

import numpy as np
import pytest

from docexam.compare.geometry import coverage
from docexam.compare.pipeline import compare
from docexam.compare.reference import Reference, load_reference
from docexam.compare.result import Alignment, FindingKind
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.capture import capture, sample_conditions
from docexam.specimens.exercise import write_reference
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    folder = tmp_path_factory.mktemp("reference") / "td3"
    write_reference(folder, "td3")
    return load_reference(folder)


def test_coverage_says_which_reference_pixels_the_capture_shows():
    shift = Alignment("visible", np.array([[1.0, 0, 10], [0, 1, 0], [0, 0, 1]]), 0.0, 0, "test")
    seen = coverage((100, 80), shift, (100, 120), margin_px=0)
    assert seen[:, 10:90].all() and not seen[:, :10].any() and not seen[:, 90:].any()
    inner = coverage((100, 80), shift, (100, 120), margin_px=2)
    assert inner[5:95, 13:87].all() and not inner[:, 88:].any()
    with pytest.raises(ValueError, match="margin_px"):
        coverage((100, 80), shift, (100, 120), margin_px=-1)


def test_a_document_partly_outside_the_frame_is_compared_on_what_it_shows(reference):
    spec = random_specimen(FAMILIES["td3"], 41, today=TODAY)
    cond = dataclasses.replace(sample_conditions(seed=41), rotation_deg=0.5, margin=0.02, perspective=0.0)
    shot = capture({light.value: img for light, img in render(spec).items()}, cond, seed=41)
    cut = {light: np.ascontiguousarray(img[:, : int(img.shape[1] * 0.93)]) for light, img in shot.images.items()}
    comparison, _ = compare(cut, reference, today=TODAY, compare_viz=False)
    assert not comparison.alarms, [(f.kind.value, f.light, f.bbox, f.detail) for f in comparison.alarms]
    notes = {f.light: f for f in comparison.findings if f.kind is FindingKind.NOT_EXAMINED}
    assert set(notes) == {"visible", "uv", "ir"}
    h, w = reference.shape
    for f in notes.values():
        x, y, bw, bh = f.bbox
        assert not f.alarm and x > w * 0.8 and x + bw >= w - 2 and bh > h * 0.9  # the cut-off right-hand strip
        assert "not examined" in f.detail


@pytest.mark.parametrize("side", ["right", "left", "bottom"])
def test_a_document_a_fifth_outside_the_frame_is_registered_on_what_it_shows(reference, side):
    # A fifth of the page out of the frame puts two of the reference's corners well outside the capture: a
    # registration is judged by the share of the document the capture shows, not by where the corners fall.
    spec = random_specimen(FAMILIES["td3"], 43, today=TODAY)
    cond = dataclasses.replace(sample_conditions(seed=43), rotation_deg=1.0, margin=0.02, perspective=0.0)
    shot = capture({light.value: img for light, img in render(spec).items()}, cond, seed=43)
    h, w = shot.images["visible"].shape[:2]
    keep = {"right": np.s_[:, : int(w * 0.78)], "left": np.s_[:, int(w * 0.22) :], "bottom": np.s_[: int(h * 0.78)]}[side]
    cut = {light: np.ascontiguousarray(img[keep]) for light, img in shot.images.items()}
    comparison, _ = compare(cut, reference, today=TODAY, compare_viz=False)
    notes = [f for f in comparison.findings if f.kind is FindingKind.NOT_EXAMINED]
    assert {f.light for f in notes} == {"visible", "uv", "ir"}
    rh, rw = reference.shape
    for f in notes:
        x, y, bw, bh = f.bbox
        assert bw * bh >= 0.15 * rw * rh  # the part cut off, not a sliver along the edge


def test_a_quarter_cut_off_registers_on_the_spread_of_what_the_capture_shows(tmp_path):
    # MVN-TD2-7 (development), as /tmp regerr drew it (seed 31, document 0, 390 dpi), a quarter of the page cut off
    # on the right: the full-resolution patches agreeing in UV spread 0.47 of an even spread over the page, under
    # MIN_SPAN, and in visible light a level found too few: the set was refused ("too few parts of the reference's
    # design"), though the UV fit was within 0.8 px. The spread is judged over what the capture shows, with every
    # level's patches the joint fit holds to.
    import cv2

    from docexam.compare.geometry import register_set
    from tests.compare.bench_capture import recaptured

    ref, shot, truth = recaptured("MVN-TD2-7", tmp_path, seed=31)
    h, w = ref.shape
    corners = cv2.perspectiveTransform(np.float64([[0, 0], [w, 0], [w, h], [0, h]]).reshape(-1, 1, 2), truth)
    x0, x1 = corners[:, 0, 0].min(), corners[:, 0, 0].max()
    cut = {light: np.ascontiguousarray(img[:, : int(x1 - 0.25 * (x1 - x0))]) for light, img in shot.items()}
    aligned = register_set(cut, ref)
    xs, ys = np.meshgrid(np.linspace(0, w - 1, 13), np.linspace(0, h - 1, 9))
    pts = np.stack([xs.ravel(), ys.ravel()], axis=1).reshape(-1, 1, 2)
    in_capture = cv2.perspectiveTransform(pts, truth)
    shown = in_capture[:, 0, 0] < cut["visible"].shape[1]
    for light, alignment in aligned.items():
        back = cv2.perspectiveTransform(in_capture, alignment.homography)
        assert float(np.abs(back - pts)[shown].max()) < 1.0, light
