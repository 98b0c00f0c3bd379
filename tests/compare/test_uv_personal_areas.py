"""UV under the holder's data (issue 20, item 1: what is expected to differ modelled, not masked out).

The UV emblem judged where it can be seen: under the holder's lines, between either holder's letters (development
design NVR-TD1-3 prints its emblem under four lines of the holder's data, which leave only a corner of it to the fixed
design). A spot on the portrait is judged against what the specimen's portrait lets through, not the paper's glow
around it (development design MVN-TD2-5 has a paper that glows brighter than many spots)."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import check_uv, emblem_glow, portrait_uv_slope, prepare, run_checks, uv_emblem, uv_portrait, uv_spots
from docexam.compare.result import ALARM, FindingKind
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from tests.compare.family_reference import generated_reference
from tests.conftest import TODAY

DPI = 150
CODE = "NVR-TD1-3"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return generated_reference(tmp_path_factory.mktemp("emblem"), CODE, dpi=DPI)


#: A development design whose paper glows bright purple under UV, its portrait dark.
BRIGHT = "MVN-TD2-5"


@pytest.fixture(scope="module")
def bright(tmp_path_factory):
    return generated_reference(tmp_path_factory.mktemp("bright"), BRIGHT, dpi=DPI)


def _captured(seed: int, code: str = CODE) -> dict[str, np.ndarray]:
    """Another holder's genuine document: blur, noise and JPEG in every light, UV exposed apart from the others."""
    images = {light.value: img for light, img in render(random_specimen(design(code), seed, today=TODAY), dpi=DPI).items()}
    rng = np.random.default_rng(seed)
    out = {}
    for light, img in images.items():
        soft = cv2.GaussianBlur(img, (0, 0), 0.8).astype(np.float32) * (0.8 if light == "uv" else 1.0)
        soft += rng.normal(0, 2.5, img.shape).astype(np.float32)
        ok, buf = cv2.imencode(".jpg", np.clip(soft, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])
        out[light] = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return out


def test_the_emblem_lies_mostly_under_the_holders_lines(reference):
    x, y, w, h = reference.regions["uv_emblem"]
    under = np.zeros(reference.shape, bool)
    for name, (bx, by, bw, bh) in reference.regions.items():
        if name.startswith("viz:"):
            under[by : by + bh, bx : bx + bw] = True
    assert under[y : y + h, x : x + w].mean() > 0.5


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_another_holders_emblem_is_in_place_and_as_bright(reference, seed):
    exam = prepare(_captured(seed), reference)
    mass, corr = emblem_glow(exam)
    assert corr > 0.8 and 0.8 < mass < 1.25, (mass, corr)
    assert not [f for f in uv_emblem(exam) if f.score >= 0.2]


def test_an_emblem_scraped_off_under_the_holders_lines_is_found(reference):
    images = _captured(7)
    x, y, w, h = reference.regions["uv_emblem"]
    uv = images["uv"].copy()
    paper = np.median(uv[y + h : y + h + 20, x : x + w].reshape(-1, 3), axis=0)
    uv[y + h // 4 : y + 3 * h // 4, x : x + w] = paper.astype(np.uint8)  # the middle half: under the lines only
    exam = prepare(dict(images, uv=uv), reference)
    found = uv_emblem(exam)
    assert found and found[0].kind is FindingKind.UV_FEATURE_MISSING and found[0].score >= ALARM, [f.detail for f in found]
    assert found[0].light == "uv" and found[0].region == "uv_emblem"


def _orange_spot(images: dict[str, np.ndarray], box) -> dict[str, np.ndarray]:
    x, y, w, h = box
    mask = np.zeros(images["uv"].shape[:2], np.float32)
    cv2.ellipse(mask, (x + w // 2, y + h // 2), (w // 2, h // 2), 0, 0, 360, 1.0, -1)
    a = cv2.GaussianBlur(mask, (0, 0), 1.0)[..., None] * 0.6
    uv = images["uv"].astype(np.float32)
    uv = uv * (1 - a) + np.maximum(uv, np.float32((110, 72, 60))) * a
    return dict(images, uv=np.clip(uv, 0, 255).astype(np.uint8))


def test_a_spot_on_the_portrait_dimmer_than_the_paper_is_found(bright):
    px, py, pw, ph = bright.regions["portrait"]
    box = (px + pw // 2, py + ph // 4, pw // 3, ph // 4)
    images = _orange_spot(_captured(8, BRIGHT), box)
    paper = np.median(images["uv"][py + ph + 10 : py + ph + 30, px : px + pw].reshape(-1, 3), axis=0)
    spot = images["uv"][box[1] + box[3] // 2, box[0] + box[2] // 2]
    assert (spot < paper).all()  # no channel of the spot glows above the paper beside the portrait
    spots = [f for f in uv_spots(prepare(images, bright)) if f.alarm]
    assert spots and spots[0].kind is FindingKind.UV_UNEXPECTED and spots[0].region == "portrait"
    fx, fy, fw, fh = spots[0].bbox
    x, y, w, h = box
    assert fx < x + w and x < fx + fw and fy < y + h and y < fy + fh


@pytest.mark.parametrize("seed", [9, 10, 11])
def test_another_holders_portrait_is_no_spot(bright, seed):
    assert not [f.detail for f in uv_spots(prepare(_captured(seed, BRIGHT), bright)) if f.score >= 0.2]


#: A development design with a dark paper under UV, whose portrait another was printed in over on the bench.
DARK = "OPH-MRVB-1"


@pytest.fixture(scope="module")
def dark(tmp_path_factory):
    return generated_reference(tmp_path_factory.mktemp("dark"), DARK, dpi=DPI)


def _printed_in(images: dict[str, np.ndarray], box, *, seed: int) -> dict[str, np.ndarray]:
    """Another face printed in over the portrait: in daylight the face; in IR as dark as a genuine print (the IR
    checks cannot tell it); under UV the page's glow there darkened where the face is darker."""
    from docexam.specimens.face import synthetic_face

    x, y, w, h = box
    face = synthetic_face(seed=seed, height=h, width=w).astype(np.float32)
    grey = face.mean(axis=2, keepdims=True)
    out = {k: v.copy() for k, v in images.items()}
    out["visible"][y : y + h, x : x + w] = np.clip(face, 0, 255).astype(np.uint8)
    uv = out["uv"][y : y + h, x : x + w].astype(np.float32)
    out["uv"][y : y + h, x : x + w] = np.clip(uv * (0.6 + 0.4 * grey / 255), 0, 255).astype(np.uint8)
    paper_ir = float(np.percentile(images["ir"], 90))
    ir = paper_ir - (255 - grey) * 0.8 * paper_ir / 255
    out["ir"][y : y + h, x : x + w] = np.clip(np.repeat(ir, 3, axis=2), 0, 255).astype(np.uint8)
    return out


def test_a_portrait_printed_in_again_shows_its_face_under_uv(dark):
    images = {light.value: img for light, img in render(random_specimen(design(DARK), 12, today=TODAY), dpi=DPI).items()}
    images = _printed_in(images, dark.regions["portrait"], seed=4242)
    exam = prepare(images, dark)
    seen, expected = portrait_uv_slope(exam)
    assert seen < expected - 0.25, (seen, expected)
    found = [f for f in uv_portrait(exam) if f.alarm]
    assert found and found[0].kind is FindingKind.PORTRAIT and found[0].light == "uv" and found[0].region == "portrait"
    assert f"{expected:+.2f}" in found[0].detail and f"{seen:+.2f}" in found[0].detail  # what was expected, what seen


@pytest.mark.parametrize("seed", [13, 14, 15, 16])
def test_another_holders_printed_portrait_keeps_the_specimens_uv_slope(dark, seed):
    exam = prepare(_captured(seed, DARK), dark)
    seen, expected = portrait_uv_slope(exam)
    assert abs(seen - expected) < 0.15, (seen, expected)
    assert not [f.detail for f in uv_portrait(exam) if f.score >= 0.2]


def test_a_spot_on_the_portrait_is_reported_though_the_portraits_uv_slope_bends(bright):
    """A spot on part of the portrait bends the portrait's UV slope too, less surely: the spot stays a spot."""
    px, py, pw, ph = bright.regions["portrait"]
    box = (px + pw // 3, py + ph // 5, pw // 2, ph // 3)
    images = _orange_spot(_captured(8, BRIGHT), box)
    bent = [f for f in uv_portrait(prepare(images, bright)) if f.score >= 0.2]
    assert bent and "daylight darkness" in bent[0].detail  # the slope says something is there
    findings, _ = run_checks(images, bright)
    spots = [f for f in findings if f.kind is FindingKind.UV_UNEXPECTED and f.alarm]
    assert spots and spots[0].score > bent[0].score


@pytest.mark.parametrize("seed", [17, 18, 19])
def test_a_uv_capture_a_stop_brighter_clipping_the_fluorescent_values_raises_no_uv_alarm(reference, seed):
    """NVR-TD1-3 prints its document number in fluorescent ink: a stop over-exposed, its glow clips in a channel,
    which bends its colour and hides how bright it is; neither is a spot or a missing glow."""
    images = _captured(seed)
    uv = np.clip(images["uv"].astype(np.float32) * 2.0, 0, 255).astype(np.uint8)
    x, y, w, h = reference.regions["viz:number"]
    assert (uv[y : y + h, x : x + w] == 255).any()  # the value's glow clipped
    exam = prepare(dict(images, uv=uv), reference)
    found = check_uv(exam)
    assert not [(f.kind.value, f.region, f.detail) for f in found if f.alarm]


def test_a_fluorescent_name_across_an_emblems_box_is_no_part_of_the_emblem(tmp_path):
    """Development MVN-TD1-1, seed 73: the surname, printed in blue fluorescent ink, runs across the box drawn round
    the green shield. The shield's colour was measured over its whole box, the name's letters with it, and at a cosine
    of 0.95 the letters were taken for the shield's print: the name's own glow was then measured on the few pixels
    left (18 grey levels), and another holder's longer name glowed as a spot. The feature's colour is measured outside
    the personalised regions."""
    from bench import reference_bench as rb
    from docexam.compare.pipeline import compare
    from docexam.lights import Light
    from tests.compare.bench_capture import bench_documents

    reference, documents = bench_documents("MVN-TD1-1", 73, tmp_path, 2)
    shot, alteration = documents[1]
    assert alteration is None
    comparison, _ = compare(shot, reference, today=rb.TODAY, compare_viz=False)
    assert not [(f.kind.value, f.bbox, round(f.score, 2)) for f in comparison.alarms if f.light == Light.UV]
