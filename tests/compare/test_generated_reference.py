"""A generated design's own reference (``write_reference``: clean renderings and ``specimen.json``) against another
holder's genuine document re-captured softer, noisier, JPEG-compressed and at another resolution (issue 20)."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import run_checks
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


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / CODE
    write_reference(folder, CODE, dpi=DPI)
    return load_reference(folder)


def _recaptured(images: dict[str, np.ndarray], shape: tuple[int, int], *, dpi: int, seed: int) -> dict[str, np.ndarray]:
    cond = CaptureConditions(dpi=dpi, rotation_deg=2.0, perspective=0.01, blur_sigma_px=1.0, noise_sigma=3.0,
                             illumination=0.2, jpeg_quality=70, background_rgb=(40, 40, 40), margin=0.05,
                             misregistration_px=1.0)
    shot = capture(images, cond, reference_dpi=DPI, seed=seed)
    h, w = shape
    return {light: cv2.warpPerspective(img, shot.homographies[light], (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)
            for light, img in shot.images.items()}


def _holder(seed: int) -> dict[str, np.ndarray]:
    return {light.value: img for light, img in render(random_specimen(design(CODE), seed, today=TODAY), dpi=DPI).items()}


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
    hits = [f for f in findings if f.alarm and f.light == "visible"
            and f.bbox[0] < x + w and x < f.bbox[0] + f.bbox[2] and f.bbox[1] < y + h and y < f.bbox[1] + f.bbox[3]]
    assert hits
