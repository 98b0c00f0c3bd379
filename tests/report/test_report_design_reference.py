"""A report finds the reference of a comparison made with a generated design's specimen, not Utopia's of its
family (whose content hash would differ)."""

from __future__ import annotations

from docexam.compare.reference import load_reference, reference_id
from docexam.report.pdf import _find_reference
from docexam.specimens.exercise import write_reference
from docexam.store.records import ReferenceId


def test_a_design_reference_is_found_by_its_design_and_stored_with_it(tmp_path):
    folder = tmp_path / "ref"
    write_reference(folder, "NVR-TD1-1", dpi=100)
    reference = load_reference(folder)
    rid = reference_id(reference)
    assert (rid.family, rid.design) == ("td1", "NVR-TD1-1")
    stored = ReferenceId.from_dict(rid.to_dict())
    assert stored == rid and stored.label.startswith("NVR-TD1-1")

    found, why = _find_reference(ReferenceId(rid.family, None, design=rid.design), cache=tmp_path / "cache")
    assert found is not None, why
    assert found.design == "NVR-TD1-1"
    # Utopia's TD1 is another reference: a comparison with one is not the same as with the other
    utopia = ReferenceId("td1", rid.sha256)
    assert not ReferenceId("td1", None, design="NVR-TD1-1").same_as(ReferenceId("td1", None))
    assert utopia.to_dict() == {"family": "td1", "sha256": rid.sha256}  # Utopia's stored form as before


def test_utopia_references_keep_their_stored_form(tmp_path):
    write_reference(tmp_path / "td3", "td3", dpi=100)
    rid = reference_id(load_reference(tmp_path / "td3"))
    assert rid.design is None and set(rid.to_dict()) == {"family", "sha256"}
