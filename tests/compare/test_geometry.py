"""Registration of a questioned capture to its reference: known synthetic transforms must be recovered.

The documents are rendered at 150 dpi to keep the module fast; captures come from the simulator, which reports
the exact document -> capture homography of every light, so errors are measured against the truth.
"""

from __future__ import annotations

import datetime as dt

import cv2
import numpy as np
import pytest

from docexam.compare.geometry import RegistrationError, find_document, register, register_set, warp_to_reference
from docexam.compare.reference import Reference
from docexam.compare.result import Alignment
from docexam.errors import DocexamError
from docexam.specimens.capture import CaptureConditions, apply_homography, capture
from docexam.specimens.design import FAMILIES, FamilyName
from docexam.specimens.exercise import reference_specimen
from docexam.specimens.forgery import Kind, alter
from docexam.specimens.render import random_specimen, render

DPI = 150
TODAY = dt.date(2026, 11, 28)
FAMILY = FAMILIES[FamilyName.TD3]


def _reference() -> Reference:
    """The TD3 reference specimen at 150 dpi, with its regions as the exercise packs write them."""
    images = {light.value: img for light, img in render(reference_specimen(FamilyName.TD3), dpi=DPI).items()}
    regions = {
        "portrait": FAMILY.portrait.px(DPI),
        "uv_emblem": FAMILY.emblem.px(DPI),
        "mrz": FAMILY.mrz_box(2).px(DPI),
        "ghost": FAMILY.ghost.px(DPI),
        **{f"viz:{f.key}": f.value_box().px(DPI) for f in FAMILY.fields},
    }
    ir = frozenset(["mrz", "portrait"] + [f"viz:{f.key}" for f in FAMILY.fields if f.ir_absorbing])
    return Reference(images, regions, ir, float(DPI), "td3")


REFERENCE = _reference()
HOLDER = random_specimen(FAMILY, 11, today=TODAY)  # another holder than the reference's: other face, names, MRZ


def _lights(specimen) -> dict[str, np.ndarray]:
    return {light.value: img for light, img in render(specimen, dpi=DPI).items()}


QUESTIONED = _lights(HOLDER)


def conditions(**changes) -> CaptureConditions:
    """A workstation capture with moderate degradation; ``changes`` override."""
    base = dict(dpi=200, rotation_deg=0.0, perspective=0.02, blur_sigma_px=0.8, noise_sigma=3.0, illumination=0.2,
                jpeg_quality=85, background_rgb=(40, 40, 44), margin=0.08, misregistration_px=1.5)
    return CaptureConditions(**(base | changes))


def true_error(alignment: Alignment, truth: np.ndarray) -> tuple[float, float]:
    """Mean and largest distance, in reference px, between where the alignment and the truth put a grid of
    document points (``truth`` maps document -> capture)."""
    h, w = REFERENCE.shape
    xs, ys = np.meshgrid(np.linspace(0, w - 1, 12), np.linspace(0, h - 1, 9))
    points = np.stack([xs.ravel(), ys.ravel()], axis=1)
    back = apply_homography(alignment.homography, apply_homography(truth, points))
    distance = np.linalg.norm(back - points, axis=1)
    return float(distance.mean()), float(distance.max())


def design_mask() -> np.ndarray:
    """The reference pixels outside the personal regions."""
    mask = np.ones(REFERENCE.shape, bool)
    for name, (x, y, w, h) in REFERENCE.regions.items():
        if name != "uv_emblem":
            mask[y : y + h, x : x + w] = False
    return mask


# --- recovering known transforms ------------------------------------------------------------------------------


def test_register_recovers_a_warp_of_another_holders_document():
    # A similarity with a slight perspective, applied with OpenCV to a clean rendering of another holder.
    truth = np.array([[0.93, -0.34, 260.0], [0.36, 0.95, 40.0], [4e-5, -3e-5, 1.0]])
    capture_image = cv2.warpPerspective(QUESTIONED["visible"], truth, (1100, 900), flags=cv2.INTER_LINEAR,
                                        borderMode=cv2.BORDER_CONSTANT, borderValue=(25, 25, 25))
    found = register(capture_image, REFERENCE.images["visible"], light="visible", mask=design_mask())
    mean, worst = true_error(found, truth)
    assert mean < 0.3 and worst < 0.8, (mean, worst)
    assert found.light == "visible" and found.method.endswith("+patches")
    assert found.inliers >= 16 and found.residual_px < 1.0


@pytest.mark.parametrize("rotation", [3.0, 86.0, -175.0, -93.0])
def test_register_set_in_every_quarter_turn(rotation):
    shot = capture(QUESTIONED, conditions(rotation_deg=rotation), reference_dpi=DPI, seed=5)
    found = register_set(shot.images, REFERENCE)
    assert list(found) == ["visible", "uv", "ir"]
    for light, alignment in found.items():
        mean, worst = true_error(alignment, shot.homographies[light])
        assert mean < 0.6 and worst < 1.5, (light, mean, worst, alignment.method)
        assert alignment.light == light
    assert true_error(found["visible"], shot.homographies["visible"])[0] < 0.3


def test_phone_shot_with_strong_perspective_blur_and_jpeg():
    cond = conditions(rotation_deg=-12.0, perspective=0.06, blur_sigma_px=1.5, noise_sigma=8.0, illumination=0.45,
                      jpeg_quality=45, background_rgb=(200, 200, 196), dpi=260, misregistration_px=3.0)
    shot = capture(QUESTIONED, cond, reference_dpi=DPI, seed=9)
    found = register_set(shot.images, REFERENCE)
    for light, alignment in found.items():
        mean, _ = true_error(alignment, shot.homographies[light])
        assert mean < 1.0, (light, mean, alignment.method)


def test_counterfeit_uv_is_aligned_through_the_visible_light():
    # Ordinary paper glows under UV and has no fibres: the UV capture looks nothing like the reference's.
    fake, _ = alter(HOLDER, Kind.COUNTERFEIT_PAPER, seed=3)
    shot = capture(_lights(fake), conditions(rotation_deg=91.0), reference_dpi=DPI, seed=2)
    found = register_set(shot.images, REFERENCE)
    assert found["uv"].method == "from:visible"
    mean, worst = true_error(found["uv"], shot.homographies["uv"])
    assert mean < 1.0 and worst < 2.0, (mean, worst)


def test_genuine_uv_is_registered_on_its_own_design_and_ir_through_visible():
    shot = capture(QUESTIONED, conditions(rotation_deg=-4.0, misregistration_px=3.0), reference_dpi=DPI, seed=4)
    found = register_set(shot.images, REFERENCE)
    assert found["uv"].method == "direct+patches"  # fibres and emblem are fixed design
    assert found["ir"].method == "from:visible"  # IR keeps only the holder's data
    for light in ("uv", "ir"):
        # The misregistration (up to 3 capture px, 2.25 reference px) is found, not inherited from visible.
        assert true_error(found[light], shot.homographies[light])[0] < 0.6


def test_a_single_light_is_registered_from_scratch():
    shot = capture({"visible": QUESTIONED["visible"]}, conditions(rotation_deg=178.0), reference_dpi=DPI, seed=6)
    found = register_set(shot.images, REFERENCE)
    assert list(found) == ["visible"]
    assert true_error(found["visible"], shot.homographies["visible"])[0] < 0.5


def test_initial_homography_is_refined():
    shot = capture(QUESTIONED, conditions(rotation_deg=30.0), reference_dpi=DPI, seed=8)
    truth = np.linalg.inv(shot.homographies["visible"])
    rough = np.array([[1.0, 0.0, 6.0], [0.0, 1.0, -5.0], [0.0, 0.0, 1.0]]) @ truth  # 8 reference px off
    found = register(shot.images["visible"], REFERENCE.images["visible"], initial=rough, mask=design_mask())
    assert found.method == "initial+patches"
    assert true_error(found, shot.homographies["visible"])[0] < 0.4


# --- the document's outline -----------------------------------------------------------------------------------


@pytest.mark.parametrize("light, rotation", [("ir", 20.0), ("visible", -70.0)])
def test_find_document_corners(light, rotation):
    shot = capture(QUESTIONED, conditions(rotation_deg=rotation, misregistration_px=0.0), reference_dpi=DPI, seed=1)
    h, w = REFERENCE.shape
    true_corners = apply_homography(shot.homographies[light], [[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5],
                                                               [-0.5, h - 0.5]])
    found = find_document(shot.images[light], aspect=w / h)
    assert found.shape == (4, 2)
    diagonal = float(np.linalg.norm(true_corners[0] - true_corners[2]))
    # The corners are rounded, so a found corner sits a little inside the true one; up to a half turn.
    errors = [np.linalg.norm(np.roll(found, k, axis=0) - true_corners, axis=1).max() / diagonal for k in (0, 2)]
    assert min(errors) < 0.02, errors


def test_find_document_outlines_both_panels_of_a_card():
    # A TD1 card is rendered front above back, with a gap between them in the scanner lid's colour.
    card = random_specimen(FAMILIES[FamilyName.TD1], 5, today=TODAY)
    images = _lights(card)
    # Evenly lit and finely sampled, the gap is wide and stands out as much as the panels do from a brown table.
    cond = conditions(dpi=338, rotation_deg=5.4, illumination=0.0, background_rgb=(85, 67, 51), misregistration_px=0.0)
    shot = capture(images, cond, reference_dpi=DPI, seed=3)
    h, w = images["ir"].shape[:2]
    true_corners = apply_homography(shot.homographies["ir"], [[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5],
                                                              [-0.5, h - 0.5]])
    found = find_document(shot.images["ir"], aspect=w / h)
    diagonal = float(np.linalg.norm(true_corners[0] - true_corners[2]))
    errors = [np.linalg.norm(np.roll(found, k, axis=0) - true_corners, axis=1).max() / diagonal for k in (0, 2)]
    assert min(errors) < 0.02, errors


def test_find_document_orders_corners_from_the_top_left_clockwise():
    shot = capture(QUESTIONED, conditions(rotation_deg=0.0, perspective=0.0), reference_dpi=DPI, seed=1)
    corners = find_document(shot.images["ir"])
    assert corners[0].sum() == corners.sum(axis=1).min()  # nearest the image's top left
    assert corners[1][0] > corners[0][0] and corners[2][1] > corners[1][1]  # clockwise as displayed


# --- rectified images -----------------------------------------------------------------------------------------


def test_warp_to_reference_reproduces_the_document():
    shot = capture(QUESTIONED, conditions(rotation_deg=-30.0, blur_sigma_px=0.0, noise_sigma=0.0, illumination=0.0,
                                          jpeg_quality=None, dpi=300), reference_dpi=DPI, seed=3)
    found = register_set(shot.images, REFERENCE)
    rectified = warp_to_reference(shot.images["visible"], found["visible"], REFERENCE.images["visible"].shape)
    assert rectified.shape == REFERENCE.images["visible"].shape and rectified.dtype == np.uint8
    expected = QUESTIONED["visible"].astype(float)
    inner = (slice(10, -10), slice(10, -10))  # away from the rounded corners
    aligned = np.abs(rectified.astype(float) - expected)[inner].mean()
    shifted = np.abs(np.roll(rectified, 2, axis=1).astype(float) - expected)[inner].mean()
    assert aligned < 6.0 and aligned < 0.6 * shifted, (aligned, shifted)
    outside = Alignment("visible", np.array([[1.0, 0, 5000.0], [0, 1.0, 0], [0, 0, 1.0]]), 0.0, 0, "test")
    assert warp_to_reference(shot.images["visible"], outside, (50, 60), border="constant").max() == 0


# --- errors ---------------------------------------------------------------------------------------------------


def test_a_capture_without_a_document_is_a_registration_error():
    rng = np.random.default_rng(0)
    blank = np.clip(rng.normal(60, 3, (600, 800, 3)), 0, 255).astype(np.uint8)
    with pytest.raises(RegistrationError) as caught:
        register(blank, REFERENCE.images["visible"], light="visible")
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, DocexamError)
    assert error.light == "visible" and error.reason
    assert "visible capture" in str(error) and "capture it again" in str(error)
    with pytest.raises(RegistrationError, match="no document stands out"):
        find_document(blank)
    with pytest.raises(RegistrationError):
        register_set({"visible": blank, "ir": blank}, REFERENCE)


BAD_IMAGES = [
    (np.zeros((0, 0), np.uint8), "empty"),
    (np.zeros((100, 100), np.float32), "dtype uint8"),
    (np.zeros(100, np.uint8), "shape"),
    (np.zeros((2, 100, 100, 3), np.uint8), "shape"),
    (np.zeros((100, 100, 2), np.uint8), "shape"),
    (np.zeros((8, 100), np.uint8), "at least"),
    ([[0, 1], [2, 3]], "numpy array"),
]


@pytest.mark.parametrize("image, message", BAD_IMAGES)
def test_bad_questioned_images_are_refused(image, message):
    with pytest.raises(ValueError, match=message) as caught:
        register(image, REFERENCE.images["visible"])
    assert "questioned" in str(caught.value)
    with pytest.raises(ValueError, match=message):
        find_document(image)


@pytest.mark.parametrize("image, message", BAD_IMAGES)
def test_bad_reference_images_are_refused(image, message):
    with pytest.raises(ValueError, match=message) as caught:
        register(QUESTIONED["visible"], image)
    assert "reference" in str(caught.value)


def test_bad_options_are_refused():
    ref = REFERENCE.images["visible"]
    with pytest.raises(ValueError, match="invertible 3x3"):
        register(QUESTIONED["visible"], ref, initial=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="invertible 3x3"):
        register(QUESTIONED["visible"], ref, initial=np.eye(2))
    with pytest.raises(ValueError, match="mask must be"):
        register(QUESTIONED["visible"], ref, mask=np.ones((10, 10), bool))
    with pytest.raises(ValueError, match="leaves no reference pixel"):
        register(QUESTIONED["visible"], ref, mask=np.zeros(ref.shape[:2], bool))
    with pytest.raises(ValueError, match="aspect"):
        find_document(QUESTIONED["visible"], aspect=-1.0)
    with pytest.raises(ValueError, match="Reference"):
        register_set(QUESTIONED, REFERENCE.images)
    with pytest.raises(ValueError, match="non-empty mapping"):
        register_set({}, REFERENCE)
    with pytest.raises(ValueError, match="unknown light"):
        register_set({"xray": QUESTIONED["visible"]}, REFERENCE)
    with pytest.raises(ValueError, match="questioned uv image"):
        register_set({"visible": QUESTIONED["visible"], "uv": np.zeros((0, 3), np.uint8)}, REFERENCE)
    with pytest.raises(ValueError, match="no image"):
        register_set(QUESTIONED, Reference({}))
    ok = Alignment("visible", np.eye(3), 0.0, 0, "test")
    with pytest.raises(ValueError, match="positive height and width"):
        warp_to_reference(QUESTIONED["visible"], ok, (0, 0))
    with pytest.raises(ValueError, match="border"):
        warp_to_reference(QUESTIONED["visible"], ok, (10, 10), border="wrap")
    with pytest.raises(ValueError, match="Alignment"):
        warp_to_reference(QUESTIONED["visible"], np.eye(3), (10, 10))


def test_a_level_remembered_at_full_size_does_not_keep_its_image_alive():
    # A questioned document's template registered at full size and unblurred is the image itself: remembering it
    # under the image's own weak reference kept every document of a benchmark alive (its worker grew until killed).
    import gc
    import weakref

    from docexam.compare import geometry

    image = np.random.default_rng(1).random((64, 80)).astype(np.float32)
    alive = weakref.ref(image)
    same, _ = geometry._template_at(image, 1.0, 0.0)
    assert same is image
    blurred, _ = geometry._template_at(image, 1.0, 1.0)
    assert blurred is not image
    assert geometry._template_at(image, 1.0, 1.0)[0] is blurred  # a made copy is remembered while the image lives
    del image, same, blurred
    gc.collect()
    assert alive() is None


def test_the_arrays_remembered_for_registration_are_bounded():
    from docexam.compare import geometry

    kept = [np.full((8, 8), i, np.float32) for i in range(3 * geometry._PER_REFERENCE_MAX)]
    for image in kept:
        geometry._template_at(image, 1.0, 1.0)
    assert len(geometry._PER_REFERENCE) <= geometry._PER_REFERENCE_MAX
    assert geometry._template_at(kept[-1], 1.0, 1.0)[0].shape == (8, 8)


def test_a_design_crossed_by_close_rows_of_the_holders_data_is_registered_on_smaller_patches_between_them():
    # The 150 dpi reference with a row of the holder's data (8 px) every 40 px: hardly a whole patch of the finest
    # level's size fits between two rows, and the fit would rest on the coarser levels' patches (0.14 px off at
    # worst, measured with the smaller patches turned off); patches of 16 px between the rows pin it to 0.03 px.
    # (A real page scanned at 121 dpi whose portrait box was cut back to the photo: 24 patches, 0.72 px off.)
    truth = np.array([[0.93, -0.34, 260.0], [0.36, 0.95, 40.0], [4e-5, -3e-5, 1.0]])
    capture_image = cv2.warpPerspective(QUESTIONED["visible"], truth, (1100, 900), flags=cv2.INTER_LINEAR,
                                        borderMode=cv2.BORDER_CONSTANT, borderValue=(25, 25, 25))
    mask = design_mask()
    for y in range(0, mask.shape[0], 40):
        mask[y : y + 8] = False
    found = register(capture_image, REFERENCE.images["visible"], light="visible", mask=mask)
    mean, worst = true_error(found, truth)
    assert worst < 0.07, (mean, worst)
