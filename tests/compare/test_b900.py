"""The B900 check: MRZ characters (and IR-absorbing VIZ characters) present in daylight must be dark in IR, each
one; a genuine document, soft, noisy or exposed otherwise, raises nothing."""

import cv2
import numpy as np
import pytest

from docexam.compare.b900 import check_b900, mrz_cells
from docexam.compare.checks import run_checks
from docexam.compare.reference import Reference
from docexam.compare.result import ALARM, FindingKind
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.exercise import reference_specimen
from tests.conftest import TODAY

DPI = 150


def _reference(name: str) -> Reference:
    fam = FAMILIES[name]
    spec = reference_specimen(name)
    images = {light.value: img for light, img in render(spec, dpi=DPI).items()}
    regions = {"portrait": fam.portrait.px(DPI), "uv_emblem": fam.emblem.px(DPI),
               "mrz": fam.mrz_box(len(spec.mrz)).px(DPI)}
    regions |= {f"viz:{f.key}": f.value_box().px(DPI) for f in fam.fields}
    ir = frozenset(["mrz", "portrait"] + [f"viz:{f.key}" for f in fam.fields if f.ir_absorbing])
    return Reference(images, regions, ir, float(DPI), name)


@pytest.fixture(scope="module")
def references() -> dict[str, Reference]:
    return {name: _reference(name) for name in ("td3", "td1")}


def _document(name: str, seed: int) -> dict[str, np.ndarray]:
    return {light.value: img for light, img in render(random_specimen(FAMILIES[name], seed, today=TODAY), dpi=DPI).items()}


def _cell(reference: Reference, line: int, col: int, length: int) -> tuple[int, int, int, int]:
    """The box of MRZ position (line, col), counted from 1, from the design's geometry (Doc 9303 Part 3, 4.4:
    2.54 mm a character; 4.10: lines 25.4/6 mm apart, centred in the region)."""
    x, y, w, h = reference.regions["mrz"]
    lines = 3 if reference.family == "td1" else 2
    pitch, spacing = DPI / 10, DPI / 6
    x0 = x + (w - length * pitch) / 2
    cy = y + h / 2 + (line - 1 - (lines - 1) / 2) * spacing
    return (round(x0 + (col - 1) * pitch), round(cy - spacing / 2), round(pitch), round(spacing))


def _ir_transparent(images: dict[str, np.ndarray], boxes) -> dict[str, np.ndarray]:
    """What re-printing in an ordinary ink does: the characters in ``boxes`` keep their daylight colour but vanish
    in IR (their pixels lifted to the paper's IR level)."""
    ir = images["ir"].copy()
    for x, y, w, h in boxes:
        patch = ir[y : y + h, x : x + w]
        paper = np.percentile(patch.reshape(-1, 3), 95, axis=0)
        ir[y : y + h, x : x + w] = np.maximum(patch, paper).astype(np.uint8)
    return dict(images, ir=ir)


def _soften(images: dict[str, np.ndarray], *, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    out = {}
    for light, img in images.items():
        soft = cv2.GaussianBlur(img, (0, 0), 0.9).astype(np.float32) + rng.normal(0, 3.0, img.shape).astype(np.float32)
        out[light] = np.clip(soft, 0, 255).astype(np.uint8)
    return out


def _overlap(a, b) -> bool:
    return min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0]) and min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1])


def test_mrz_characters_reprinted_in_ir_transparent_ink_are_found_where_they_are(references):
    ref = references["td3"]
    changed = [_cell(ref, 2, c, 44) for c in (14, 15, 16)]
    findings = check_b900(_soften(_ir_transparent(_document("td3", 3), changed), seed=1), ref)
    alarms = [f for f in findings if f.score >= ALARM]
    assert len(alarms) == 1, [(f.bbox, f.detail) for f in findings]
    (f,) = alarms
    assert f.kind is FindingKind.B900 and f.light == "ir" and f.region == "mrz"
    assert all(_overlap(f.bbox, c) for c in changed)
    assert f.bbox[2] < 6 * DPI / 10  # the three characters, not the whole line
    assert "line 2, positions 14, 15, 16" in f.detail


def test_one_character_in_ir_transparent_ink_is_an_alarm_in_the_comparison(references):
    ref = references["td1"]
    changed = [_cell(ref, 1, 7, 30)]
    findings, _ = run_checks(_soften(_ir_transparent(_document("td1", 5), changed), seed=2), ref)
    hits = [f for f in findings if f.kind is FindingKind.B900 and f.score >= ALARM]
    assert hits and _overlap(hits[0].bbox, changed[0]), [(f.kind.value, f.bbox, f.detail) for f in findings]
    assert "line 1, position 7" in hits[0].detail


def test_a_whole_mrz_in_ir_transparent_ink_is_found_against_the_specimens_own_mrz(references):
    ref = references["td3"]
    x, y, w, h = ref.regions["mrz"]
    findings = check_b900(_ir_transparent(_document("td3", 4), [(x, y, w, h)]), ref)
    assert any(f.kind is FindingKind.B900 and f.score >= ALARM and f.bbox[2] > w / 3 for f in findings)


def test_without_regions_the_mrz_is_still_checked(references):
    """A reference folder without specimen.json: the MRZ is IR-absorbing by Doc 9303 and is found by the reader's
    locator."""
    ref = references["td3"]
    bare = Reference(ref.images, dpi=ref.dpi)
    changed = [_cell(ref, 1, c, 44) for c in (20, 21)]
    findings = check_b900(_ir_transparent(_document("td3", 6), changed), bare)
    assert any(f.score >= ALARM and _overlap(f.bbox, changed[0]) for f in findings), [f.detail for f in findings]
    assert not check_b900(_document("td3", 6), bare)


def test_a_character_of_an_ir_absorbing_field_in_ir_transparent_ink_is_found(references):
    ref = references["td3"]
    name = next(n for n in sorted(ref.ir_absorbing) if n.startswith("viz:"))
    x, y, w, h = ref.regions[name]
    first = (x, y, max(4, round(DPI / 25.4 * 2.5)), h)  # about the field's first character
    findings = check_b900(_soften(_ir_transparent(_document("td3", 7), [first]), seed=3), ref)
    hits = [f for f in findings if f.region == name and f.score >= ALARM]
    assert hits and _overlap(hits[0].bbox, first), [(f.region, f.bbox, f.detail) for f in findings]
    assert hits[0].bbox[2] < w / 2


@pytest.mark.parametrize("fam,seed", [("td3", 1), ("td1", 2), ("td3", 8)])
def test_genuine_documents_raise_nothing(references, fam, seed):
    images = _soften(_document(fam, seed), seed=seed)
    dark_ir = dict(images, ir=(images["ir"] * 0.5).astype(np.uint8))  # an IR capture a stop darker too
    for questioned in (images, dark_ir):
        findings = check_b900(questioned, references[fam])
        assert not findings, [(f.bbox, f.detail) for f in findings]


def test_every_mrz_position_is_measured(references):
    ref = references["td1"]
    images = _document("td1", 9)
    cells = mrz_cells(images["visible"], images["ir"], dpi=DPI, region=ref.regions["mrz"], lines=3)
    assert [c.position for c in cells] == [(line, col) for line in (1, 2, 3) for col in range(1, 31)]
    inked = [c for c in cells if c.visible > 0.1]
    assert len(inked) > 45 and all(0.8 < c.ratio < 1.3 for c in inked)


def test_bad_inputs_raise_value_error():
    img = np.zeros((40, 60, 3), np.uint8)
    with pytest.raises(ValueError, match="one frame"):
        mrz_cells(img, img[:30], dpi=300)
    with pytest.raises(ValueError, match="uint8"):
        mrz_cells(img.astype(np.float32), img, dpi=300)
    with pytest.raises(ValueError, match="dpi"):
        mrz_cells(img, img, dpi=0)
    with pytest.raises(ValueError, match="2 or 3 lines"):
        mrz_cells(img, img, dpi=300, region=(0, 0, 60, 40), lines=4)


def test_a_library_references_text_expected_to_absorb_is_checked_too(references):
    from docexam.compare.reference import Expected
    from docexam.lights import Expect

    ref = references["td3"]
    name = next(n for n in sorted(ref.ir_absorbing) if n.startswith("viz:"))
    library = Reference(ref.images, {"mrz": ref.regions["mrz"]}, frozenset(), ref.dpi, "td3",
                        expected={"holder-text-1": Expected(ref.regions[name], Expect.ABSORBS)})
    x, y, w, h = ref.regions[name]
    first = (x, y, max(4, round(DPI / 25.4 * 2.5)), h)
    findings = check_b900(_soften(_ir_transparent(_document("td3", 7), [first]), seed=3), library)
    assert any(f.region == "holder-text-1" and f.score >= ALARM and _overlap(f.bbox, first) for f in findings)


def _mark_in_daylight(images: dict[str, np.ndarray], box) -> dict[str, np.ndarray]:
    """A dark mark printed in an ink IR does not see (as a design's fixed print can be), in daylight only."""
    vis = images["visible"].copy()
    x, y, w, h = box
    cv2.putText(vis, "X", (x + 1, y + h // 2 + 7), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (40, 40, 90), 2, cv2.LINE_AA)
    return dict(images, visible=vis)


def test_fixed_print_the_specimen_shows_fading_in_ir_inside_an_absorbing_field_is_not_evidence(references):
    from docexam.compare.reference import Expected
    from docexam.lights import Expect

    ref = references["td3"]
    name = next(n for n in sorted(ref.ir_absorbing) if n.startswith("viz:"))
    x, y, w, h = ref.regions[name]
    cw = max(4, round(DPI / 25.4 * 2.5))
    mark = (x + w - cw, y, cw, h)  # at the field's end, past the value: the design's print, there on every document
    library = Reference(_mark_in_daylight(ref.images, mark), {"mrz": ref.regions["mrz"]}, frozenset(), ref.dpi, "td3",
                        expected={"holder-text-1": Expected(ref.regions[name], Expect.ABSORBS)})
    genuine = _soften(_mark_in_daylight(_document("td3", 7), mark), seed=3)
    assert not [f for f in check_b900(genuine, library) if f.score >= ALARM]
    # A character of the holder's value re-printed in IR-transparent ink is still found beside the fixed mark.
    first = (x, y, cw, h)
    altered = _soften(_ir_transparent(_mark_in_daylight(_document("td3", 7), mark), [first]), seed=3)
    hits = [f for f in check_b900(altered, library) if f.score >= ALARM]
    assert hits and _overlap(hits[0].bbox, first) and not _overlap(hits[0].bbox, mark)


def test_a_thin_line_or_a_sliver_cut_by_the_fields_box_is_no_character(references):
    """Print an IR-absorbing field's box takes in that is not a character of its value: a rule one pixel wide, or a
    sliver of a neighbour's print cut by the box's side, in an ink IR does not see. Not a character re-printed."""
    ref = references["td3"]
    name = next(n for n in sorted(ref.ir_absorbing) if n.startswith("viz:"))
    x, y, w, h = ref.regions[name]
    images = _document("td3", 7)
    vis = images["visible"].copy()
    ink = vis[y : y + h, x : x + w].reshape(-1, 3).min(axis=0)
    rows = np.nonzero((cv2.cvtColor(vis[y : y + h, x : x + w], cv2.COLOR_RGB2GRAY) < 128).any(axis=1))[0]
    top, bottom = y + int(rows.min()), y + int(rows.max()) + 1  # the value's line
    vis[top:bottom, x + w - 6] = ink  # a rule
    vis[top:bottom, x + w - 2 : x + w] = ink  # the cut edge of a neighbour's stroke
    findings = check_b900(dict(images, visible=vis), ref)
    assert not [f for f in findings if f.region == name], [(f.bbox, f.detail) for f in findings]


def test_a_b900_finding_says_the_ink_ratio_expected_and_the_ratios_seen(references):
    ref = references["td3"]
    changed = [_cell(ref, 2, c, 44) for c in (20, 21)]
    (f,) = [f for f in check_b900(_ir_transparent(_document("td3", 3), changed), ref) if f.score >= ALARM]
    code, _, expected = f.expected.partition("=")
    assert code == "ir_ink_ratio" and 0.6 < float(expected) < 1.4  # what the document's other MRZ characters keep
    code, _, seen = f.seen.partition("=")
    low, _, high = seen.partition("-")
    assert code == "ir_ink_ratio" and 0 <= float(low) <= float(high or low) < 0.45 * float(expected)
