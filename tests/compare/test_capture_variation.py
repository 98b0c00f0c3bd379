"""Capture variation is not forgery: a genuine document captured at 150 to 600 dpi, blurred, JPEG-compressed, with
its own exposure and white balance per light, raises no alarm; and what the specimen's own box shows in IR is no
residue of an erased original."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import run_checks
from docexam.compare.reference import Reference
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.capture import CaptureConditions, capture
from docexam.specimens.exercise import reference_specimen
from tests.compare.family_reference import family_reference
from tests.conftest import TODAY

DPI = 150


def _reference(name: str, images=None) -> Reference:
    return family_reference(name, dpi=DPI, images=images)


@pytest.fixture(scope="module")
def references() -> dict[str, Reference]:
    return {name: _reference(name) for name in ("td3", "td1")}


def _lights(spec) -> dict[str, np.ndarray]:
    return {light.value: img for light, img in render(spec, dpi=DPI).items()}


def _alarms(findings):
    return [(f.kind.value, f.light, f.region, f.detail) for f in findings if f.alarm]


@pytest.mark.parametrize("dpi,blur,jpeg", [(150, 1.2, 60), (300, 0.6, 75), (600, 1.5, 90)])
def test_a_genuine_document_captured_at_another_resolution_blur_and_jpeg_raises_no_alarm(references, dpi, blur, jpeg):
    ref = references["td3"]
    cond = CaptureConditions(dpi=dpi, rotation_deg=-3.0, perspective=0.01, blur_sigma_px=blur, noise_sigma=3.0,
                             illumination=0.2, jpeg_quality=jpeg, background_rgb=(40, 40, 40), margin=0.05,
                             misregistration_px=1.0)
    shot = capture(_lights(random_specimen(FAMILIES["td3"], 31, today=TODAY)), cond, reference_dpi=DPI, seed=dpi)
    h, w = ref.shape
    rectified = {light: cv2.warpPerspective(img, shot.homographies[light], (w, h),
                                            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)
                 for light, img in shot.images.items()}
    findings, _ = run_checks(rectified, ref)
    assert not _alarms(findings)


@pytest.mark.parametrize("gains", [(1.0, 0.5, 1.0), (0.8, 1.6, 1.2), (1.25, 1.0, 0.6)])
def test_each_light_exposed_and_white_balanced_on_its_own_raises_no_alarm(references, gains):
    """Per light an exposure (a stop either way) and a white balance (up to 8 % per channel)."""
    rng = np.random.default_rng(5)
    images = _lights(random_specimen(FAMILIES["td1"], 32, today=TODAY))
    questioned = {}
    for (light, img), gain in zip(images.items(), gains, strict=True):
        balance = rng.uniform(0.92, 1.08, 3).astype(np.float32)
        soft = cv2.GaussianBlur(img, (0, 0), 0.7).astype(np.float32) * balance * gain
        questioned[light] = np.clip(soft + rng.normal(0, 2.0, img.shape), 0, 255).astype(np.uint8)
    findings, _ = run_checks(questioned, references["td1"])
    assert not _alarms(findings)


def test_ir_absorbing_print_the_specimens_own_box_holds_is_no_residue():
    """A non-absorbing field's box that takes in an IR-absorbing mark of the design (in the specimen too) is not
    read as the residue of an erased original."""
    fam = FAMILIES["td3"]
    name = next(f"viz:{f.key}" for f in fam.fields if not f.ir_absorbing)

    def marked(images):
        x, y, w, h = fam_regions[name]
        out = {k: v.copy() for k, v in images.items()}
        for light in ("visible", "ir"):
            out[light][y + h // 4 : y + h // 4 + 8, x + w - w // 4 : x + w - 2] = 25  # a carbon bar at the box's end
        return out

    fam_regions = {f"viz:{f.key}": f.value_box().px(DPI) for f in fam.fields}
    ref = _reference("td3", marked(_lights(reference_specimen("td3"))))
    questioned = marked(_lights(random_specimen(fam, 33, today=TODAY)))
    findings, _ = run_checks(questioned, ref)
    assert not [f for f in findings if f.region == name and f.light == "ir" and f.alarm], _alarms(findings)


def test_an_over_exposed_capture_says_which_part_of_the_designs_print_it_clipped_and_was_not_examined(references):
    """Print an over-exposed capture clips white cannot differ, so an alteration of it is not seen: the comparison
    says so, a note (not an alarm) with the share of the design's print lost, and nothing at a normal exposure."""
    from docexam.compare.result import FindingKind

    images = _lights(random_specimen(FAMILIES["td1"], 33, today=TODAY))

    def notes(gain):
        exposed = {light: np.clip(img.astype(np.float32) * (gain if light == "visible" else 1.0), 0, 255)
                   .astype(np.uint8) for light, img in images.items()}
        findings, _ = run_checks(exposed, references["td1"])
        assert not _alarms(findings)
        return [f for f in findings if f.kind is FindingKind.NOT_EXAMINED]

    assert notes(1.0) == [] and notes(1.1) == []
    over = notes(2.2)
    assert [(f.light, f.seen) for f in over] == [("visible", "print_clipped")]
    assert not over[0].alarm and over[0].said.code == "print_clipped" and over[0].said.args["share"] >= 0.2
    assert "clipped white in the visible capture" in over[0].detail
