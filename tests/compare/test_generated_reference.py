"""A generated design's own reference (``write_reference``: clean renderings and ``specimen.json``) against another
holder's genuine document re-captured softer, noisier, JPEG-compressed and at another resolution (issue 20)."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import run_checks
from docexam.compare.geometry import register_set
from docexam.compare.reference import load_reference
from docexam.specimens import random_specimen, render
from docexam.specimens.capture import CaptureConditions, capture
from docexam.specimens.designs import design
from docexam.specimens.exercise import write_reference
from tests.conftest import TODAY

#: The generator's reference resolution (a pack's reference/<design>).
DPI = 300
#: A development design whose holders sign under the portrait.
CODE = "MVN-TD2-5"


def _generated_reference(tmp_path_factory, code: str):
    """Design ``code``'s reference as a pack carries it (``write_reference``), loaded."""
    folder = tmp_path_factory.mktemp("generated") / code
    write_reference(folder, code, dpi=DPI)
    return load_reference(folder)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return _generated_reference(tmp_path_factory, CODE)


def _recaptured(images: dict[str, np.ndarray], shape: tuple[int, int], *, dpi: int, seed: int) -> dict[str, np.ndarray]:
    cond = CaptureConditions(dpi=dpi, rotation_deg=2.0, perspective=0.01, blur_sigma_px=1.0, noise_sigma=3.0,
                             illumination=0.2, jpeg_quality=70, background_rgb=(40, 40, 40), margin=0.05,
                             misregistration_px=1.0)
    shot = capture(images, cond, reference_dpi=DPI, seed=seed)
    h, w = shape
    return {light: cv2.warpPerspective(img, shot.homographies[light], (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)
            for light, img in shot.images.items()}


def _holder(seed: int, code: str = CODE) -> dict[str, np.ndarray]:
    return {light.value: img for light, img in render(random_specimen(design(code), seed, today=TODAY), dpi=DPI).items()}


def _over(f, box: tuple[int, int, int, int]) -> bool:
    """Whether finding ``f``'s box overlaps ``box`` (x, y, w, h)."""
    x, y, w, h = box
    return f.bbox[0] < x + w and x < f.bbox[0] + f.bbox[2] and f.bbox[1] < y + h and y < f.bbox[1] + f.bbox[3]


def test_the_generated_reference_names_the_holders_signature(reference):
    assert design(CODE).signature is not None
    assert "signature" in reference.regions


@pytest.mark.parametrize("dpi,seed", [(150, 3), (300, 7)])
def test_another_holders_genuine_recapture_raises_no_alarm_against_the_generated_reference(reference, dpi, seed):
    findings, _ = run_checks(_recaptured(_holder(seed), reference.shape, dpi=dpi, seed=seed), reference)
    assert not [(f.kind.value, f.light, f.bbox) for f in findings if f.alarm]


def test_a_patch_on_the_fixed_design_still_alarms_against_the_generated_reference(reference):
    images = _holder(5)
    x, y, w, h = 30, 540, 120, 80  # below the ghost image, left of the VIZ: fixed design only
    images["visible"] = images["visible"].copy()
    images["visible"][y : y + h, x : x + w] = (200, 60, 50)
    findings, _ = run_checks(_recaptured(images, reference.shape, dpi=300, seed=5), reference)
    hits = [f for f in findings if f.alarm and f.light == "visible" and _over(f, (x, y, w, h))]
    assert hits


def _misfit(homography: np.ndarray, truth: np.ndarray, shape: tuple[int, int]) -> float:
    """The largest distance, in reference pixels, between where ``homography`` (capture -> reference) and the truth
    (reference -> capture, as captured) put the points of a grid over the document."""
    h, w = shape
    ys, xs = np.mgrid[0:h:25, 0:w:25]
    pts = np.stack([xs.ravel(), ys.ravel()], axis=1).astype(np.float64).reshape(-1, 1, 2)
    back = cv2.perspectiveTransform(cv2.perspectiveTransform(pts, truth), homography)
    return float(np.abs(back - pts).reshape(-1, 2).max())


def test_an_over_exposed_visible_capture_is_registered_from_the_other_lights(reference):
    # A visible capture a third of a stop too bright and soft: the design's pale background print is clipped white,
    # and what is left of the fixed design (the title, the captions) lies along a few lines. A homography fitted to
    # them alone tilted by 10 px and more away from them, and the whole page alarmed; the UV capture of the same
    # document shows its fixed design all over and anchors the set.
    cond = CaptureConditions(dpi=320, rotation_deg=2.0, perspective=0.01, blur_sigma_px=1.1, noise_sigma=1.5,
                             illumination=0.0, jpeg_quality=80, background_rgb=(60, 60, 60), margin=0.06,
                             misregistration_px=0.0)
    shot = capture(_holder(2), cond, reference_dpi=DPI, seed=2)
    images = dict(shot.images)
    images["visible"] = np.clip(images["visible"].astype(np.float32) * 1.35, 0, 255).astype(np.uint8)
    assert (images["visible"] >= 250).all(axis=2).mean() > 0.4  # mostly clipped white
    alignments = register_set(images, reference)
    for light, alignment in alignments.items():
        assert _misfit(alignment.homography, shot.homographies[light], reference.shape) < 1.0, light


@pytest.mark.parametrize("dpi,seed", [(200, 5), (300, 6)])
def test_background_print_of_the_fixed_design_redrawn_in_its_own_tone_alarms_in_daylight(reference, dpi, seed):
    # Issue 20: a piece of the fixed design's background print turned over (the same lines and inks, so the same mean
    # level at the working scale: only the lines' course differs) is found by its print structure.
    images = _holder(seed)
    x, y, w, h = 30, 540, 120, 80  # below the ghost image, left of the VIZ: fixed design only
    vis = images["visible"].copy()
    piece = vis[y : y + h, x : x + w]
    assert float(piece.std()) > 5  # there is background print to redraw
    vis[y : y + h, x : x + w] = piece[::-1, ::-1]
    assert abs(float(vis[y : y + h, x : x + w].mean()) - float(piece.mean())) < 1
    images["visible"] = vis
    findings, _ = run_checks(_recaptured(images, reference.shape, dpi=dpi, seed=seed), reference)
    hits = [f for f in findings if f.alarm and f.light == "visible" and _over(f, (x, y, w, h))]
    assert hits


@pytest.mark.parametrize("dpi,seed", [(200, 8), (300, 9)])
def test_a_photograph_stuck_on_over_the_portrait_and_the_background_print_beside_it_alarms_in_daylight(reference, dpi,
                                                                                                       seed):
    # Issue 20: another holder's portrait is no finding, but a photograph stuck on a little wider than the portrait
    # covers the background print that runs up to the portrait's edge (Doc 9303 Part 2, 5.3). The strip it covers lies
    # within the margin the comparison of the design kept from the holder's data, and was not looked at.
    from docexam.specimens.face import synthetic_face

    images = _holder(seed)
    px, py, pw, ph = reference.regions["portrait"]
    wider = round(1.5 / 25.4 * DPI)  # 1.5 mm over the background print right of the portrait
    vis = images["visible"].copy()
    strip = vis[py : py + ph, px + pw : px + pw + wider]
    assert float(strip.std()) > 5  # there is background print beside the portrait
    vis[py : py + ph, px : px + pw + wider] = synthetic_face(seed=seed + 100, height=ph, width=pw + wider)
    images["visible"] = vis
    findings, _ = run_checks(_recaptured(images, reference.shape, dpi=dpi, seed=seed), reference)
    x, y, w, h = px + pw, py, wider, ph
    hits = [f for f in findings if f.alarm and f.light == "visible" and _over(f, (x, y, w, h))]
    assert hits


#: A development design whose holder's data begins 5 mm right of the portrait: the difference map's 2.5 mm margins
#: round the two meet between them.
NEAR = "NVR-TD1-3"


@pytest.fixture(scope="module")
def near_reference(tmp_path_factory):
    return _generated_reference(tmp_path_factory, NEAR)


@pytest.mark.parametrize("dpi,seed", [(200, 12), (300, 13)])
def test_background_print_lifted_between_the_portrait_and_the_holders_data_alarms_in_daylight(near_reference, dpi,
                                                                                              seed):
    # Issue 20: the background print between the portrait and the holder's data lifted (a strip of bare paper from
    # 0.7 mm right of the photograph's edge), the photograph itself untouched. The difference map keeps 2.5 mm from
    # the holder's data on either side, and the personalised areas' background comparison kept as far from the
    # portrait (another face), so that strip was looked at by nothing; the portrait's edge is one straight step
    # (Doc 9303 Part 2, 5.3), and the background comparison now comes as near it as the print-structure one.
    reference = near_reference
    images = _holder(seed, NEAR)
    px, py, pw, ph = reference.regions["portrait"]
    text_x = min(b[0] for k, b in reference.regions.items() if k.startswith("viz:") and b[0] > px + pw)
    margin, gap, wide = (round(mm / 25.4 * DPI) for mm in (2.5, 0.7, 1.5))
    x, y, w, h = px + pw + gap, py + ph // 4, wide, ph // 2
    assert text_x - (px + pw) <= 2 * margin  # the margins kept from the portrait and from the holder's data meet
    assert x + w <= px + pw + margin  # and the strip lies within the portrait's
    vis = images["visible"].copy()
    strip = vis[y : y + h, x : x + w]
    assert float(strip.std()) > 5  # there is background print beside the portrait
    vis[y : y + h, x : x + w] = np.percentile(strip.reshape(-1, 3), 99, axis=0).astype(np.uint8)
    images["visible"] = vis
    findings, _ = run_checks(_recaptured(images, reference.shape, dpi=dpi, seed=seed), reference)
    hits = [f for f in findings if f.alarm and f.light == "visible" and _over(f, (x, y, w, h))]
    assert hits, [(f.kind.value, f.light, f.bbox, round(f.score, 2)) for f in findings]


@pytest.mark.parametrize("dpi,seed", [(200, 10), (300, 11)])
def test_a_portrait_printed_again_in_an_ink_of_less_ir_contrast_alarms_in_ir(reference, dpi, seed):
    # Issue 20: the page's portrait is printed with carbon, so in IR it shows its daylight contrast as the specimen's
    # does (Doc 9303 Part 2: the portrait is integrated into the page). A portrait printed again in another ink keeps
    # only part of that contrast in IR; two thirds of it was a note at most, though genuine documents of other holders
    # keep 0.97 to 1.23 of the specimen's share (development designs).
    images = _holder(seed)
    px, py, pw, ph = reference.regions["portrait"]
    ir = images["ir"].astype(np.float32)
    paper = float(np.percentile(ir, 90))
    ir[py : py + ph, px : px + pw] = paper - (paper - ir[py : py + ph, px : px + pw]) * 0.65
    images["ir"] = np.clip(ir + 0.5, 0, 255).astype(np.uint8)
    findings, _ = run_checks(_recaptured(images, reference.shape, dpi=dpi, seed=seed), reference)
    assert [f for f in findings if f.alarm and f.light == "ir" and f.kind.value == "portrait"]


@pytest.mark.parametrize("dpi,seed", [(200, 12), (300, 13)])
def test_a_piece_of_paper_stuck_on_part_of_the_portrait_is_named_there_in_ir(reference, dpi, seed):
    # Issue 20: the portrait is printed into the page in one pass, so over all of it the IR darkness follows the
    # daylight darkness by one relation, whatever the face. A piece of paper over part of it, light in daylight and
    # grey in IR, departs from that relation there (another holder's face does not), and the finding names that part.
    images = _holder(seed)
    px, py, pw, ph = reference.regions["portrait"]
    x, y, w, h = px + pw // 5, py + ph // 2, pw // 3, ph // 4
    vis, ir = images["visible"].copy(), images["ir"].astype(np.float32)
    vis[y : y + h, x : x + w] = (236, 232, 224)
    ir[y : y + h, x : x + w] = 0.6 * float(np.percentile(ir, 90))
    images["visible"], images["ir"] = vis, np.clip(ir + 0.5, 0, 255).astype(np.uint8)
    findings, _ = run_checks(_recaptured(images, reference.shape, dpi=dpi, seed=seed), reference)
    parts = [f for f in findings if f.alarm and f.light == "ir" and f.kind.value == "portrait"
             and f.bbox[2] * f.bbox[3] < 0.6 * pw * ph and _over(f, (x, y, w, h))]
    assert parts, [(f.kind.value, f.light, f.bbox, round(f.score, 2)) for f in findings if f.score >= 0.2]
