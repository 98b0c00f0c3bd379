"""Which reference a document is set against, now that there are many designs: a pack document's from its key's
``reference`` and ``design`` (or the pack's list, or its only reference; Utopia's family for an older pack), a
case's from the key beside the capture its MRZ was read from, else Utopia's design of its MRZ's family."""

import json

import pytest

from docexam.mrz import parse
from docexam.store.records import MRZReading
from docexam.workbench.references import canonical, design_beside, document_reference, folder_design, key_design
from docexam.workbench.tasks import reference_design

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


def _write(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


@pytest.fixture
def pack(tmp_path):
    """A pack's skeleton with three designs' references: Utopia's TD3 and two generated ones."""
    for folder in ("td3", "csp-td1-3", "nvr-td3-5"):
        (tmp_path / "reference" / folder).mkdir(parents=True)
    return tmp_path


def test_design_codes_are_written_as_the_generator_writes_them():
    assert canonical("csp-td1-3") == "CSP-TD1-3" and canonical("td3") == "UTO-TD3" and canonical("UTO-MRVA") == "UTO-MRVA"
    assert canonical("CSP-TD1") is None and canonical("XYZ-TD3-1") is None and canonical("mrvb") is None


def test_a_key_names_its_design_or_an_older_pack_its_family():
    assert key_design({"design": "CSP-TD1-3", "family": "td1"}) == "CSP-TD1-3"
    assert key_design({"family": "td2"}) == "UTO-TD2"  # written before there were designs: Utopia's
    assert key_design({"family": "mrvb"}) is None and key_design({}) is None


def test_a_pack_document_finds_the_reference_its_key_names(pack):
    _write(pack / "doc-0001" / "key.json", {"id": "doc-0001", "family": "td1", "design": "CSP-TD1-3",
                                            "reference": "reference/csp-td1-3"})
    assert document_reference(pack, "doc-0001") == "csp-td1-3"
    # the key's design alone is enough, and a reference folder that is not there is not taken
    _write(pack / "doc-0002" / "key.json", {"id": "doc-0002", "family": "td3", "design": "NVR-TD3-5",
                                            "reference": "reference/elsewhere"})
    assert document_reference(pack, "doc-0002") == "nvr-td3-5"
    _write(pack / "doc-0003" / "key.json", {"id": "doc-0003", "family": "td3", "reference": "reference/td3"})
    assert document_reference(pack, "doc-0003") == "td3"


def test_a_handout_without_keys_finds_it_in_the_packs_list_or_the_only_reference(pack):
    _write(pack / "pack.json", {"documents": [{"id": "doc-0001", "family": "td1", "design": "CSP-TD1-3"},
                                              {"id": "doc-0002", "family": "td3"}]})
    assert document_reference(pack, "doc-0001") == "csp-td1-3"
    assert document_reference(pack, "doc-0002") == "td3"  # an older pack: Utopia's design of its family
    assert document_reference(pack, "doc-0003") is None  # three references, and nothing says which
    (pack / "pack.json").write_text("{not json", encoding="utf-8")
    assert document_reference(pack, "doc-0001") is None


def test_a_reference_folder_says_its_design_or_its_name_does(pack):
    assert folder_design(pack / "reference" / "td3") == "UTO-TD3"
    assert folder_design(pack / "reference" / "csp-td1-3") == "CSP-TD1-3"
    _write(pack / "reference" / "mine" / "specimen.json", {"family": "td3", "design": "NVR-TD3-5"})
    assert folder_design(pack / "reference" / "mine") == "NVR-TD3-5"


def test_a_case_read_from_a_pack_document_needs_the_design_its_key_names(tmp_path):
    doc = tmp_path / "doc-0004"
    _write(doc / "key.json", {"id": "doc-0004", "family": "td3", "design": "NVR-TD3-5"})
    reading = MRZReading.from_dict({**parse(TD3).to_dict(), "path": str(doc / "visible.png")})
    assert design_beside(doc / "visible.png") == "NVR-TD3-5"
    assert reference_design(reading) == "NVR-TD3-5"
    _write(doc / "key.json", {"id": "doc-0004", "family": "td3"})
    assert reference_design(reading) == "UTO-TD3"  # an older pack's key: Utopia's
    (doc / "key.json").unlink()
    assert reference_design(reading) == "UTO-TD3"  # nothing beside it: Utopia's design of the MRZ's family
    assert reference_design(MRZReading.from_dict(parse(TD3).to_dict())) == "UTO-TD3"
    assert reference_design(None) is None
