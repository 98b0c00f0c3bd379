"""A library reference as the comparison's Reference: the generator's specimen.json turned into an annotation and
back gives the same regions, IR-absorbing list, resolution and identity as the folder does."""

from __future__ import annotations

import json

import numpy as np
import pytest

from docexam.compare.reference import load_reference, reference_id
from docexam.errors import UntrustedInputError
from docexam.references.convert import annotation_from_specimen, comparison_reference, comparison_regions, type_from_specimen
from docexam.references.model import Annotation, DocumentType, Expect, Expectation, Region, Role
from docexam.specimens.exercise import write_reference
from docexam.store.records import ReferenceId


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "td3"
    write_reference(out, "td3")
    return out


def test_specimen_json_round_trips_through_an_annotation(folder):
    meta = json.loads((folder / "specimen.json").read_text())
    ann = annotation_from_specimen(meta, specimen="s1")
    regions, absorbing = comparison_regions(ann)
    assert regions == {k: tuple(v) for k, v in meta["regions"].items()}
    assert absorbing == frozenset(meta["ir_absorbing"])
    assert ann.region("viz:surname").role is Role.VIZ_FIELD and ann.region("viz:surname").field == "surname"
    assert ann.region("uv_emblem").expects("uv") is Expect.FLUORESCES
    assert ann.region("viz:sex").expects("ir") is Expect.DROPS_OUT
    assert Annotation.from_dict(ann.to_dict()) == ann
    assert type_from_specimen(meta) == {"name": "passport data page (TD3) (UTO-TD3)", "state": "UTO",
                                        "document_code": "P", "format": "TD3", "series": "UTO-TD3"}


def test_the_library_reference_is_the_folder_reference(folder):
    meta = json.loads((folder / "specimen.json").read_text())
    from_folder = load_reference(folder)
    kind = DocumentType("t-1", "UTO passport", "UTO", "P", "TD3", synthetic=True,
                        annotations=(annotation_from_specimen(meta, specimen="s1"),))
    ref = comparison_reference(kind, from_folder.images)
    assert (ref.regions, ref.ir_absorbing, ref.dpi, ref.family) == (
        from_folder.regions, from_folder.ir_absorbing, from_folder.dpi, from_folder.family)
    ident = reference_id(ref)
    assert ident.sha256 == reference_id(from_folder).sha256  # the same content, wherever it is kept
    # the generator's annotation says no more than specimen.json: compared by its IR-absorbing list, as the folder is
    assert (ref.personal, ref.expected) == ((), None)
    assert (ident.library, ident.version) == ("t-1", 1)
    assert ReferenceId.from_dict(ident.to_dict()) == ident
    assert "library reference t-1 version 1" in ident.label
    assert "library" not in reference_id(from_folder).to_dict()  # a folder's stays as it was stored before


def test_only_the_first_region_of_a_role_is_named_and_absorbing_comes_from_ir_expectations():
    ann = Annotation("s", 300, (
        Region("uv-1", Role.UV_FEATURE, (1, 1, 5, 5)), Region("uv-2", Role.UV_FEATURE, (9, 9, 5, 5)),
        Region("m", Role.MRZ, (0, 20, 40, 8), expectations=(Expectation("ir", Expect.ABSORBS),)),
        Region("n", Role.VIZ_FIELD, (0, 10, 20, 5), field="surname",
               expectations=(Expectation("ir", Expect.DROPS_OUT),)),
        Region("p", Role.PERSONALISED, (0, 0, 40, 30)), Region("nameless", Role.VIZ_FIELD, (0, 0, 4, 4)),
    ))
    regions, absorbing = comparison_regions(ann)
    assert regions == {"uv_emblem": (1, 1, 5, 5), "mrz": (0, 20, 40, 8), "viz:surname": (0, 10, 20, 5)}
    assert absorbing == {"mrz"}
    images = {"visible": np.zeros((30, 40, 3), np.uint8)}
    kind = DocumentType("t", "x", annotations=(ann,))
    assert comparison_reference(kind, images).regions == regions
    with pytest.raises(ValueError, match="outside its 30x20 images"):
        comparison_reference(kind, {"visible": np.zeros((20, 30, 3), np.uint8)})
    bare = comparison_reference(DocumentType("t", "x"), images)
    assert bare.regions == {} and bare.version is None


def test_a_malformed_specimen_json_is_untrusted_input():
    with pytest.raises(UntrustedInputError, match="names no regions"):
        annotation_from_specimen({"dpi": 300}, specimen="s")
    with pytest.raises(UntrustedInputError, match="whole pixels"):
        annotation_from_specimen({"regions": {"mrz": [1, 2, "x", 4]}}, specimen="s")


# --- a reference annotated automatically, no specimen.json (issue 19, item 5) -------------------------------------


@pytest.fixture(scope="module")
def automatic():
    """A development design's reference made from one genuine document by the automatic annotation alone."""
    import datetime as dt

    from docexam.references.annotate import annotate
    from docexam.specimens import random_specimen, render
    from docexam.specimens.designs import Split, design, split

    code = "ARC-TD3-7"
    assert split(code) is Split.DEVELOPMENT  # never tuned on held-out designs
    today = dt.date(2026, 11, 28)
    images = {str(k): v for k, v in render(random_specimen(design(code), 3, today=today), dpi=300).items()}
    kind = DocumentType("t-9", code, "ARC", "P", "TD3", annotations=(annotate(images, dpi=300, specimen="s1", today=today),))
    return design(code), today, comparison_reference(kind, images)


def test_an_automatic_reference_leaves_the_holders_data_out_and_checks_what_it_measured(automatic):
    from docexam.compare.pipeline import compare
    from docexam.specimens import Kind, alter, random_specimen, render
    from docexam.specimens.capture import CaptureConditions, capture
    from docexam.specimens.exercise import mark_matches

    fam, today, ref = automatic
    assert ref.expected and ref.personal and (ref.library, ref.version) == ("t-9", 1)
    cond = CaptureConditions(dpi=250, rotation_deg=3.0, perspective=0.01, blur_sigma_px=0.6, noise_sigma=2.0,
                             illumination=0.1, jpeg_quality=90, background_rgb=(40, 40, 40), margin=0.05,
                             misregistration_px=0.5)

    def shot(spec):
        return capture({str(k): v for k, v in render(spec, dpi=300).items()}, cond, seed=2).images

    for seed in (21, 22):  # other holders, names and places of other lengths
        comparison, _ = compare(shot(random_specimen(fam, seed, today=today)), ref, today=today, compare_viz=False)
        assert not comparison.alarms, [(f.kind.value, f.light, f.region, f.detail) for f in comparison.alarms]
        assert comparison.to_dict()["reference_version"] == {"library": "t-9", "version": 1}
    forged, alteration = alter(random_specimen(fam, 21, today=today), Kind.IR_NO_DROPOUT, seed=1)
    comparison, _ = compare(shot(forged), ref, today=today, compare_viz=False)
    key = {"bbox": list(alteration.box.px(300)), "lights": [light.value for light in alteration.lights]}
    assert any(mark_matches(f.to_dict(), key) for f in comparison.alarms), [f.detail for f in comparison.findings]
