"""Issue 20: registrations that agree with themselves and are wrong (development designs only).

Three ways a fit of many agreeing patches came out 1-8 px off in every light on development designs: patches on
another holder's signature (its loops lock a loop off), patches on lines running nearly straight through them (waves,
a rule: they pin a patch across the lines, not along them) or on evenly repeated lines (a lattice: a line further on
correlates as well), and an over-exposed visible capture that left the set's other lights no close start.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docexam.compare import geometry
from docexam.compare.geometry import register_set
from docexam.compare.reference import Reference, load_reference
from docexam.specimens import random_specimen, render
from docexam.specimens.capture import CaptureConditions, capture
from docexam.specimens.designs import design
from docexam.specimens.exercise import write_reference
from tests.compare.bench_capture import recaptured
from tests.conftest import TODAY

DPI = 300


def _misfit(homography: np.ndarray, truth: np.ndarray, shape: tuple[int, int]) -> float:
    """The largest distance, in reference pixels, by which ``homography`` misplaces a grid of reference points that
    the capture's true homography (reference -> capture) carried into the capture."""
    h, w = shape
    xs, ys = np.meshgrid(np.linspace(0, w - 1, 9), np.linspace(0, h - 1, 7))
    pts = np.stack([xs.ravel(), ys.ravel()], axis=1).astype(np.float64).reshape(-1, 1, 2)
    back = cv2.perspectiveTransform(cv2.perspectiveTransform(pts, truth), homography)
    return float(np.abs(back - pts).reshape(-1, 2).max())


def test_every_area_of_the_holder_is_left_out_of_registration():
    # The checks leave every named region but the fixed ones (and a library annotation's personal boxes) out of the
    # fixed design; registration left out only the portrait, MRZ, ghost and VIZ fields, and registered on another
    # holder's signature and perforated number.
    white = np.full((300, 400, 3), 255, np.uint8)
    ref = Reference(images={"visible": white}, dpi=300.0,
                    regions={"signature": (20, 200, 120, 40), "perforation": (350, 20, 30, 200),
                             "uv_emblem": (200, 100, 80, 80), "portrait": (20, 20, 100, 150)},
                    personal=((200, 250, 60, 30),))
    mask = geometry._design_mask(ref)
    for x, y, w, h in [(20, 200, 120, 40), (350, 20, 30, 200), (200, 250, 60, 30), (20, 20, 100, 150)]:
        assert not mask[y : y + h, x : x + w].any(), (x, y, w, h)
    assert mask[110:170, 210:270].all()  # the UV emblem is the design's
    assert mask[150:190, 160:190].all()  # and so is plain design away from every region


def _locate_one(template: np.ndarray, shift: tuple[float, float]) -> np.ndarray:
    """Where one patch at the centre of ``template`` is located in ``template`` moved by ``shift`` (empty if it is not
    located), at the finest level's patch size and search radius."""
    m = np.float32([[1, 0, shift[0]], [0, 1, shift[1]]])
    warped = cv2.warpAffine(template, m, template.shape[::-1], flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    level = geometry._FROM_OUTLINE[-1]
    valid = np.ones(template.shape, bool)
    centre = np.array([[template.shape[1] // 2, template.shape[0] // 2]])
    _src, dst, _scores = geometry._locate(template, warped, valid, centre, level, 0.4)
    return dst - centre


@pytest.mark.parametrize("period", [6.0, 9.0])
def test_a_patch_on_lines_running_through_it_is_not_located(period):
    # Lines bending gently across a patch (a design's waves) correlate almost as well anywhere along them: the
    # sub-pixel peak along them lay wherever their slight bend put it (here 0.3-0.9 px for a move of 1.5 px), and a
    # fit of many such patches was 2-5 px off on a design of waves.
    yy, xx = np.mgrid[0:120, 0:120].astype(np.float32)
    across = yy + 0.002 * (xx - 40) ** 2
    waves = cv2.GaussianBlur((200 - 120 * (np.cos(2 * np.pi * across / period) > 0.6)).astype(np.uint8), (0, 0), 0.8)
    assert len(_locate_one(waves, (1.5, 0.6))) == 0


def test_a_patch_on_evenly_repeated_marks_is_not_located():
    # A lattice of dots every 4 px, the start 1.8 px off: the dot one period the other way correlates as well, and
    # the patch was located 2.1 px the wrong way.
    lattice = np.full((120, 120), 220, np.uint8)
    lattice[::4, ::4] = 60
    lattice = cv2.GaussianBlur(lattice, (0, 0), 1.0)
    assert len(_locate_one(lattice, (1.8, 0.4))) == 0


def test_a_patch_on_print_that_pins_it_both_ways_is_located_where_it_moved():
    rng = np.random.default_rng(3)
    blobs = cv2.GaussianBlur((rng.random((120, 120)) * 255).astype(np.uint8), (0, 0), 1.5)
    found = _locate_one(blobs, (1.5, -0.6))
    assert len(found) == 1
    assert np.allclose(found[0], (1.5, -0.6), atol=0.25)


# --- whole capture sets of development designs whose fit was consistent and wrong ---------------------------------


@pytest.fixture(scope="module")
def references(tmp_path_factory):
    out = {}
    for code in ("NVR-TD3-5", "NVR-TD3-7"):
        folder = tmp_path_factory.mktemp("lock") / code
        write_reference(folder, code, dpi=DPI)
        out[code] = load_reference(folder)
    return out


def _shot(code: str, seed: int, *, dpi: int, over_exposed: float = 1.0):
    images = {light.value: img for light, img in render(random_specimen(design(code), seed, today=TODAY), dpi=DPI).items()}
    cond = CaptureConditions(dpi=dpi, rotation_deg=2.0, perspective=0.01, blur_sigma_px=0.5, noise_sigma=2.0,
                             illumination=0.0, jpeg_quality=None, background_rgb=(60, 60, 60), margin=0.06,
                             misregistration_px=0.0)
    shot = capture(images, cond, reference_dpi=DPI, seed=seed)
    out = dict(shot.images)
    if over_exposed != 1.0:
        out["visible"] = np.clip(out["visible"].astype(np.float32) * over_exposed, 0, 255).astype(np.uint8)
    return out, shot.homographies


@pytest.mark.parametrize("seed", [11, 12])
def test_a_design_of_waves_registers_within_a_pixel(references, seed):
    # NVR-TD3-5 (development): wave lines across most of the page. Patches along them agreed with a fit 1.4-4.5 px
    # off in every light.
    reference = references["NVR-TD3-5"]
    images, truth = _shot("NVR-TD3-5", seed, dpi=400)
    for light, alignment in register_set(images, reference).items():
        assert _misfit(alignment.homography, truth[light], reference.shape) < 1.0, light


def test_an_over_exposed_visible_capture_gives_the_other_lights_their_start(references):
    # NVR-TD3-7 (development) over-exposed in daylight: its pale background print is clipped white and little is left
    # to register on; the UV capture shows the fixed design all over, but found no start of its own (its outline is
    # dark on a dark background, features too few). The visible light's near fit is its start.
    reference = references["NVR-TD3-7"]
    images, truth = _shot("NVR-TD3-7", 4, dpi=450, over_exposed=1.34)
    assert (images["visible"] >= 250).all(axis=2).mean() > 0.4  # mostly clipped white
    for light, alignment in register_set(images, reference).items():
        assert _misfit(alignment.homography, truth[light], reference.shape) < 1.0, light


def test_a_perforated_number_is_no_ir_residue_whatever_each_lights_blur(tmp_path):
    # KST-TD3-1 (development) perforates its number through the page: the holes show the scanner's lid, dark in
    # every light, so the specimen's own marks there do not drop out in IR. Judged as ink that should drop out, the
    # ratio of holes two pixels across wandered with the blur of each light (1.23 against the specimen's 1.03) and
    # every such genuine document alarmed as the residue of an erased original.
    from docexam.compare.checks import run_checks

    code = "KST-TD3-1"
    assert design(code).perforation is not None
    write_reference(tmp_path / code, code, dpi=DPI)
    reference = load_reference(tmp_path / code)
    images = {light.value: img for light, img in render(random_specimen(design(code), 21, today=TODAY), dpi=DPI).items()}
    images["visible"] = cv2.GaussianBlur(images["visible"], (0, 0), 1.4)  # softer in daylight than in IR
    images["ir"] = cv2.GaussianBlur(images["ir"], (0, 0), 0.4)
    findings, _ = run_checks(images, reference)
    assert not [f for f in findings if f.region == "perforation" and f.alarm]


def test_a_design_too_repetitive_for_distinct_peaks_registers_with_repeating_print(tmp_path):
    # ARC-TD2-7 (development), as bench/reference_bench draws a genuine capture of it at 331 dpi (seed 23, document
    # 0): so few patches pass DISTINCT_PEAK that no light registered ("too few parts of the reference's design");
    # without the rule the peaks' roundness and the coarser levels' patches hold the fit within a pixel. The method
    # says the weaker rule was needed. Since the UV page is outlined whole (find_document's second threshold), the set
    # registers with the rule from UV's outline; the visible light alone still needs the weaker rule (and, since the
    # last retry adds small patches at the coarse levels, trusted within a pixel of the truth; said uncertain before).
    reference, shot, truth = recaptured("ARC-TD2-7", tmp_path, seed=23, key="regerr:23:ARC-TD2-7")
    aligned = register_set(shot, reference)
    assert set(aligned) == set(shot)
    for light, alignment in aligned.items():
        assert _misfit(alignment.homography, truth, reference.shape) < 1.0, light
        assert alignment.trusted, light
    alone = register_set({"visible": shot["visible"]}, reference)["visible"]
    assert geometry.REPEATS_ALLOWED in alone.method
    assert _misfit(alone.homography, truth, reference.shape) < 1.0


# --- lines pin a patch across them: the joint fit of every level (issue 20) ------------------------------------------


def _locate_ridge(template: np.ndarray, shift: tuple[float, float]) -> list:
    m = np.float32([[1, 0, shift[0]], [0, 1, shift[1]]])
    warped = cv2.warpAffine(template, m, template.shape[::-1], flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    level = geometry._FROM_OUTLINE[-1]
    centre = np.array([[template.shape[1] // 2, template.shape[0] // 2]])
    ridges: list = []
    geometry._locate(template, warped, np.ones(template.shape, bool), centre, level, 0.4, ridges=ridges)
    return ridges


@pytest.mark.parametrize("angle, shift", [(0.0, (1.5, 0.6)), (30.0, (-0.7, 1.2)), (75.0, (0.4, -1.3))])
def test_a_patch_on_lines_is_located_across_them(angle, shift):
    # Waves bending gently across a patch: no round peak (its place along them is anyone's guess), but a ridge whose
    # offset along its normal is the move across the lines, to a few hundredths of a pixel.
    yy, xx = np.mgrid[0:120, 0:120].astype(np.float32)
    a = np.radians(angle)
    across = xx * np.cos(a) + yy * np.sin(a) + 0.002 * (xx * np.sin(a) - yy * np.cos(a) - 40) ** 2
    waves = cv2.GaussianBlur((200 - 120 * (np.cos(2 * np.pi * across / 9.0) > 0.6)).astype(np.uint8), (0, 0), 0.8)
    assert len(_locate_one(waves, shift)) == 0
    ridges = _locate_ridge(waves, shift)
    assert len(ridges) == 1
    (sx, sy), (dx, dy), (nx, ny) = ridges[0]
    assert abs(np.hypot(nx, ny) - 1.0) < 1e-6
    assert abs((dx - sx) * nx + (dy - sy) * ny - (shift[0] * nx + shift[1] * ny)) < 0.08


def test_lines_repeated_within_the_search_are_no_ridge():
    # Lines every 4 px: the next line lies inside the search window and correlates as well; across them the patch
    # could be a line off.
    yy, xx = np.mgrid[0:120, 0:120].astype(np.float32)
    lines = cv2.GaussianBlur((200 - 120 * (np.cos(2 * np.pi * yy / 4.0) > 0.5)).astype(np.uint8), (0, 0), 0.7)
    assert _locate_ridge(lines, (0.3, 0.8)) == []


def test_the_joint_fit_holds_a_homography_where_only_lines_pin_it():
    # Points located both ways along the top band only, lines across the rest: fitted to the band alone, the
    # homography's tilt is free; the lines' normal constraints hold it over the whole page.
    truth = np.array([[1.01, 0.02, 3.0], [-0.015, 0.99, -2.0], [2e-5, -1.5e-5, 1.0]])
    rng = np.random.default_rng(5)
    band = np.stack([rng.uniform(50, 1400, 30), rng.uniform(60, 110, 30)], axis=1)
    lines = np.stack([rng.uniform(50, 1400, 120), rng.uniform(150, 1000, 120)], axis=1)
    angle = rng.uniform(0, np.pi, 120)
    normal = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    inv = np.linalg.inv(truth)
    cap_band = geometry._project(inv, band) + rng.normal(0, 0.1, band.shape)
    # A point on a line is located across it only: its place along it is wherever the line's noise put it.
    cap_lines = geometry._project(inv, lines + normal[:, ::-1] * [1, -1] * rng.uniform(-3, 3, (120, 1)))
    cap_lines += normal * rng.normal(0, 0.02, (120, 1))
    band_only, _ = cv2.findHomography(cap_band, band, 0)
    support = [(band, cap_band, 0.2, np.full((30, 2), np.nan)), (lines, cap_lines, 0.2, normal)]
    joint = geometry._joint_fit(band_only, np.eye(3), support, "homography")
    corners = np.array([[0, 0], [1475, 0], [1475, 1038], [0, 1038]], np.float64)
    def error(h):
        return float(np.abs(geometry._project(h, geometry._project(inv, corners)) - corners).max())
    assert error(band_only) > 1.0
    assert error(joint) < 0.2


def test_a_design_of_waves_with_fine_print_along_its_top_registers_within_half_a_pixel(tmp_path):
    # ARC-TD3-1 (development), as /tmp regerr drew it (seed 23, document 0, 434 dpi, JPEG 75 in daylight): waves
    # everywhere but the title and captions, and the captions within a millimetre of the holder's values: the patches
    # located both ways at full resolution lay along the top, and the fit swung 2.7 px off at the bottom corners.
    reference, shot, truth = recaptured("ARC-TD3-1", tmp_path, seed=23)
    for light, alignment in register_set(shot, reference).items():
        assert _misfit(alignment.homography, truth, reference.shape) < 0.6, light


def test_a_level_of_patches_nearly_all_on_lines_is_fitted_across_them():
    # A moiré guilloche at half resolution: 16 patches located both ways (most of them misplaced by its beats), 60
    # across their lines, within a pixel of the start: the robust fit of the patches alone agrees on too few of them;
    # the lines, which run every way, pin the correction.
    rng = np.random.default_rng(3)
    correction = np.array([[1.0, 0.001, 0.6], [-0.001, 1.0, -0.4], [0.0, 0.0, 1.0]])  # warped -> template
    src = np.stack([rng.uniform(20, 700, 16), rng.uniform(20, 500, 16)], axis=1)
    dst = geometry._project(np.linalg.inv(correction), src) + rng.uniform(-3, 3, (16, 2))
    dst[:4] = geometry._project(np.linalg.inv(correction), src[:4])
    lines = np.stack([rng.uniform(20, 700, 60), rng.uniform(20, 500, 60)], axis=1)
    angle = rng.uniform(0, np.pi, 60)
    normal = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    along = normal[:, ::-1] * [1, -1] * rng.uniform(-2, 2, (60, 1))
    on = geometry._project(np.linalg.inv(correction), lines) + along + normal * rng.normal(0, 0.05, (60, 1))
    ridges = [(tuple(a), tuple(b), tuple(n)) for a, b, n in zip(lines, on, normal, strict=True)]
    assert geometry._fit_correction(src, dst, "homography", 1.0) is None
    fitted = geometry._fit_across_lines(src, dst, ridges, "homography", 1.0)
    assert fitted is not None
    c, _points, agree = fitted
    assert agree.sum() >= 55
    grid = np.stack(np.meshgrid(np.linspace(0, 720, 5), np.linspace(0, 520, 5)), axis=-1).reshape(-1, 2)
    assert np.abs(geometry._project(c, grid) - geometry._project(correction, grid)).max() < 0.2


def test_parallel_lines_alone_do_not_fit_a_level():
    # One family of parallel lines pins nothing along them: no fit from them.
    lines = np.stack([np.linspace(20, 700, 40), np.linspace(20, 500, 40)], axis=1)
    ridges = [(tuple(p), tuple(p + [0.0, 0.3]), (0.0, 1.0)) for p in lines]
    assert geometry._fit_across_lines(np.zeros((0, 2)), np.zeros((0, 2)), ridges, "homography", 1.0) is None


def test_a_moire_design_registers_in_visible_light_alone(tmp_path):
    # NVR-TD3-5 (development), a moiré guilloche: at half resolution nearly every patch is on lines, and its visible
    # capture alone (or with IR, whose design inks drop out) was refused ("too few parts of the reference's design");
    # with UV it registered only through UV's fibres. Bench-drawn capture, seed 19, document 2 (194 dpi).
    reference, shot, truth = recaptured("NVR-TD3-5", tmp_path, seed=19, index=2)
    alignment = register_set({"visible": shot["visible"]}, reference)["visible"]
    assert _misfit(alignment.homography, truth, reference.shape) < 0.6
