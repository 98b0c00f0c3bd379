"""A library reference's annotation in the comparison: the holder's data of any role is left out of the fixed-design
difference, and each region's IR and UV expectation is checked against the specimen's own measure of it."""

from dataclasses import replace

import numpy as np
import pytest

from docexam.compare.checks import prepare, run_checks, working_box
from docexam.compare.expectations import check_ir_expectations, check_uv_expectations
from docexam.compare.reference import Expected, Reference, reference_id
from docexam.compare.result import ALARM, FindingKind
from docexam.lights import Expect
from docexam.references.convert import comparison_expectations, comparison_names
from docexam.references.model import Annotation, Expectation, Region, Role
from docexam.specimens import FAMILIES, Kind, alter, random_specimen, render
from tests.compare.test_checks import DPI, _lights, _reference, _soften
from tests.conftest import TODAY


def _library(ref: Reference) -> Reference:
    """``ref`` as a library reference says it: each region's IR ink as its IR-absorbing list says, the VIZ fields
    dull under UV, the UV emblem fluorescing."""
    expected = {}
    for name, box in ref.regions.items():
        if name == "uv_emblem":
            expected[name] = Expected(box, uv=Expect.FLUORESCES, personal=False)
        elif name.startswith("viz:") or name == "mrz":
            ir = Expect.ABSORBS if name in ref.ir_absorbing else Expect.DROPS_OUT
            expected[name] = Expected(box, ir=ir, uv=Expect.DULL)
    return replace(ref, expected=expected, library="t-1", version=2)


@pytest.fixture(scope="module")
def td3() -> Reference:
    return _library(_reference("td3"))


def _genuine(seed: int):
    return random_specimen(FAMILIES["td3"], seed, today=TODAY)


def _alarms(findings):
    return [f for f in findings if f.score >= ALARM]


@pytest.mark.parametrize("seed", [1, 5, 9])
def test_a_genuine_document_of_another_holder_meets_every_expectation(td3, seed):
    findings, _ = run_checks(_soften(_lights(render(_genuine(seed), dpi=DPI)), seed=seed), td3)
    assert not _alarms(findings), [(f.kind.value, f.light, f.region, f.detail) for f in _alarms(findings)]


def test_a_field_that_should_drop_out_but_stays_dark_in_ir_is_named(td3):
    forged, alteration = alter(_genuine(11), Kind.IR_NO_DROPOUT, seed=2)
    exam = prepare(_soften(_lights(render(forged, dpi=DPI)), seed=2), td3)
    found = _alarms(check_ir_expectations(exam))
    assert found and all(f.kind is FindingKind.IR_NO_DROPOUT for f in found), [(f.region, f.detail) for f in found]
    assert "the specimen's" in found[0].detail


def test_an_erased_and_reprinted_field_is_named_in_ir(td3):
    forged, _ = alter(_genuine(11), Kind.VIZ_ALTERATION, seed=4)
    (key,) = forged.edits
    findings, _ = run_checks(_soften(_lights(render(forged, dpi=DPI)), seed=3), td3)
    assert any(f.kind is FindingKind.VIZ_FIELD and f.light == "ir" and f.region == f"viz:{key}" for f in _alarms(findings))


def test_a_dull_region_that_glows_and_a_glowing_one_gone_dull_under_uv(td3):
    images = _lights(render(_genuine(12), dpi=DPI))
    x, y, w, h = td3.regions["viz:surname"]
    uv = images["uv"].copy()
    uv[y : y + h, x : x + w] = (90, 200, 255)  # fluorescent ink over the surname
    ex, ey, ew, eh = td3.regions["uv_emblem"]
    exam = prepare(dict(images, uv=uv), td3)
    found = {f.region: f.kind for f in _alarms(check_uv_expectations(exam))}
    assert found.get("viz:surname") is FindingKind.UV_UNEXPECTED
    # the emblem has a check of its own; a fixed UV feature of another name is checked here
    feature = replace(td3, expected={"uv-feature-2": Expected((ex, ey, ew, eh), uv=Expect.FLUORESCES, personal=False)})
    dull = uv.copy()
    dull[ey : ey + eh, ex : ex + ew] = np.median(uv.reshape(-1, 3), axis=0).astype(np.uint8)
    found = _alarms(check_uv_expectations(prepare(dict(images, uv=dull), feature)))
    assert [(f.region, f.kind) for f in found] == [("uv-feature-2", FindingKind.UV_FEATURE_MISSING)]
    assert not _alarms(check_uv_expectations(prepare(images, feature)))


def test_the_holders_data_of_any_role_leaves_the_fixed_design_difference(td3):
    """A signature (or a personalised area, a document number) differs between holders: with it in the reference's
    personal areas, what differs there is no alarm; without, the fixed-design difference sees it."""
    images = _soften(_lights(render(_genuine(13), dpi=DPI)), seed=4)
    ex, ey, ew, eh = td3.regions["uv_emblem"]  # fixed design (background print) in daylight
    box = (ex + ew // 2 - 40, ey + eh // 2 - 12, 80, 24)
    x, y, w, h = box
    scribbled = {k: v.copy() for k, v in images.items()}
    for img in scribbled.values():
        img[y + 8 : y + 16, x + 5 : x + w - 5] = 20  # a stroke of dark ink
    plain = replace(td3, regions={k: v for k, v in td3.regions.items() if k != "uv_emblem"}, expected=None)
    assert any(f.kind is FindingKind.DIFFERENCE for f in _alarms(run_checks(scribbled, plain)[0]))
    for ref in (replace(plain, personal=(box,)),
                replace(td3, expected={**td3.expected, "signature": Expected(box, ir=Expect.ABSORBS)})):
        findings, _ = run_checks(scribbled, ref)
        inside = [f for f in _alarms(findings) if f.kind is FindingKind.DIFFERENCE]
        assert not inside, [(f.light, f.bbox, f.detail) for f in inside]
        exam = prepare(scribbled, ref)
        wx, wy, ww, wh = working_box(box, exam.scale, exam.fixed.shape[::-1])
        assert not exam.fixed[wy : wy + wh, wx : wx + ww].any()


# --- from an annotation ----------------------------------------------------------------------------------------


def _annotation() -> Annotation:
    ir_abs, ir_drop = Expectation("ir", Expect.ABSORBS), Expectation("ir", Expect.DROPS_OUT)
    dull, glows = Expectation("uv", Expect.DULL), Expectation("uv", Expect.FLUORESCES, (250, 120, 40))
    return Annotation("s", 300, (
        Region("mrz", Role.MRZ, (0, 90, 100, 10), expectations=(ir_abs, dull)),
        Region("portrait", Role.PORTRAIT, (70, 5, 25, 30), expectations=(ir_abs, dull)),
        Region("viz-surname", Role.VIZ_FIELD, (5, 5, 40, 6), field="surname", expectations=(ir_drop, dull)),
        Region("viz-surname-2", Role.VIZ_FIELD, (5, 15, 40, 6), field="surname"),
        Region("viz-date-1", Role.VIZ_FIELD, (5, 25, 30, 6), expectations=(ir_abs,)),
        Region("signature", Role.SIGNATURE, (60, 40, 35, 10), expectations=(ir_abs,)),
        Region("number", Role.DOCUMENT_NUMBER, (90, 5, 8, 60)),
        Region("personalised-1", Role.PERSONALISED, (0, 0, 50, 35)),
        Region("uv-feature-1", Role.UV_FEATURE, (40, 40, 15, 15), expectations=(glows,)),
        Region("uv-feature-2", Role.UV_FEATURE, (10, 60, 15, 15), expectations=(glows,)),
        Region("ir-feature-1", Role.IR_FEATURE, (30, 60, 5, 5), expectations=(ir_abs,)),
        Region("fixed-1", Role.FIXED_DESIGN, (30, 70, 5, 5)),
    ))


def test_every_region_of_the_annotation_reaches_the_comparison_whatever_its_role():
    ann = _annotation()
    names = comparison_names(ann)
    assert set(names) == {"mrz", "portrait", "viz:surname", "viz-surname-2", "viz-date-1", "signature", "number",
                          "personalised-1", "uv_emblem", "uv-feature-2", "ir-feature-1", "fixed-1"}
    personal, expected = comparison_expectations(ann)
    assert expected is not None
    assert set(personal) == {(5, 15, 40, 6), (5, 25, 30, 6), (60, 40, 35, 10), (90, 5, 8, 60), (0, 0, 50, 35)}
    assert set(expected) == {"mrz", "portrait", "viz:surname", "viz-date-1", "signature", "uv_emblem",
                             "uv-feature-2", "ir-feature-1"}
    assert expected["viz:surname"] == Expected((5, 5, 40, 6), Expect.DROPS_OUT, Expect.DULL)
    assert expected["uv-feature-2"] == Expected((10, 60, 15, 15), None, Expect.FLUORESCES, (250, 120, 40), False)
    assert expected["ir-feature-1"].personal is False and expected["signature"].personal is True
    assert Expected.from_dict(expected["uv-feature-2"].to_dict()) == expected["uv-feature-2"]


def test_expectations_and_personal_areas_are_part_of_the_references_identity(td3):
    bare = replace(td3, expected=None)
    assert reference_id(bare).sha256 != reference_id(td3).sha256
    assert reference_id(replace(td3, expected={})).sha256 not in (reference_id(bare).sha256, reference_id(td3).sha256)
    assert reference_id(replace(bare, personal=((1, 2, 3, 4),))).sha256 != reference_id(bare).sha256


def test_an_automatic_annotation_without_measures_is_not_read_by_specimen_jsons_rule():
    """Nothing measured in IR is nothing expected there: not 'every field drops out', as specimen.json's rule says."""
    ann = Annotation("s", 300, (Region("mrz", Role.MRZ, (0, 90, 100, 10)),
                                Region("viz-surname", Role.VIZ_FIELD, (5, 5, 40, 6), field="surname")))
    assert comparison_expectations(ann) == ((), {})


def test_an_ir_finding_says_the_specimens_ink_ratio_and_the_ratio_seen(td3):
    forged, _ = alter(_genuine(11), Kind.IR_NO_DROPOUT, seed=2)
    found = _alarms(check_ir_expectations(prepare(_soften(_lights(render(forged, dpi=DPI)), seed=2), td3)))
    assert found
    for f in found:
        (ecode, expected), (scode, seen) = f.expected.split("="), f.seen.split("=")
        assert ecode == scode == "ir_ink_ratio"
        assert float(expected) < 0.3 < float(seen)  # the specimen's ink drops out there; the document's stays dark


def test_a_uv_finding_says_the_share_glowing_on_the_specimen_and_on_the_document(td3):
    images = _lights(render(_genuine(12), dpi=DPI))
    x, y, w, h = td3.regions["viz:surname"]
    uv = images["uv"].copy()
    uv[y : y + h, x : x + w] = (90, 200, 255)
    (f,) = [f for f in _alarms(check_uv_expectations(prepare(dict(images, uv=uv), td3))) if f.region == "viz:surname"]
    (ecode, expected), (scode, seen) = f.expected.split("="), f.seen.split("=")
    assert ecode == scode == "uv_glow_share" and float(expected) < 0.3 and float(seen) > float(expected) + 0.5
