"""Packs of many designs: N generated designs chosen by the seed or designs named by code, each with its reference
folder named by design, keys and manifests naming the design, and scoring as for Utopia's packs."""

import json

import pytest

from docexam.mrz import parse
from docexam.mrz.transliterate import transliterate
from docexam.specimens.designs import UnknownDesignError, design
from docexam.specimens.exercise import generate_pack, pack_designs, reference_description, reference_specimen, score, write_reference
from docexam.workbench.references import document_reference
from docexam.workbench.trainee import load_document
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("designs") / "pack"
    manifest = generate_pack(out, count=6, seed=11, designs=3, today=TODAY)
    return out, manifest


def _keys(out):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("doc-*/key.json"))]


def test_a_pack_of_three_designs_has_three_references_named_by_design(pack):
    out, manifest = pack
    codes = manifest["designs"]
    assert len(codes) == 3 == len(set(codes)) and codes == pack_designs(3, seed=11)
    assert all(not c.startswith("UTO-") for c in codes)
    assert sorted(p.name for p in (out / "reference").iterdir()) == sorted(c.lower() for c in codes)
    for code in codes:
        spec = json.loads((out / "reference" / code.lower() / "specimen.json").read_text(encoding="utf-8"))
        assert spec["design"] == code and spec["family"] == design(code).name.value
        assert parse(spec["mrz"], today=TODAY).valid
    assert set(manifest["families"]) == {design(c).name.value for c in codes}


def test_every_key_names_its_design_and_reference_and_its_mrz_holds(pack):
    out, manifest = pack
    keys = _keys(out)
    assert len(keys) == 6
    for key, entry in zip(keys, manifest["documents"], strict=True):
        assert key["design"] in manifest["designs"] and key["family"] == design(key["design"]).name.value
        assert key["reference"] == f"reference/{key['design'].lower()}" and (out / key["reference"] / "visible.png").is_file()
        assert (entry["design"], entry["reference"]) == (key["design"], key["reference"])
        tampered = any(a["kind"] == "mrz_check_digit" for a in key["alterations"])
        r = parse(key["mrz"], today=TODAY)
        assert r.valid != tampered and r.format == design(key["design"]).mrz_format.value


def test_scoring_a_pack_of_designs(pack):
    out, _ = pack
    keys = _keys(out)
    perfect = {k["id"]: {"verdict": k["verdict"], "marks": [{"bbox": a["bbox"], "light": a["lights"][0]}
                                                            for a in k["alterations"]]} for k in keys}
    result = score(out, perfect)
    assert result["total"]["score"] == 100.0
    assert [r["design"] for r in result["documents"]] == [k["design"] for k in keys]
    wrong = {k["id"]: {"verdict": "genuine" if k["verdict"] != "genuine" else "counterfeit"} for k in keys}
    assert score(out, wrong)["total"]["verdicts_correct"] == 0


def test_a_trainee_opens_a_document_against_its_designs_reference(pack):
    out, manifest = pack
    entry = manifest["documents"][0]
    assert document_reference(out, entry["id"]) == entry["design"].lower()
    images = load_document(out, entry["id"])
    assert images.aligned and images.family == entry["family"], images.problem


def test_designs_named_by_code_with_utopias_folder_kept(tmp_path):
    out = tmp_path / "named"
    manifest = generate_pack(out, count=2, seed=3, designs=["csp-td1-3", "UTO-TD3", "CSP-TD1-3"], today=TODAY)
    assert manifest["designs"] == ["CSP-TD1-3", "UTO-TD3"]  # written as codes, once each
    assert sorted(p.name for p in (out / "reference").iterdir()) == ["csp-td1-3", "td3"]
    for key in _keys(out):
        assert key["reference"] == {"CSP-TD1-3": "reference/csp-td1-3", "UTO-TD3": "reference/td3"}[key["design"]]


def test_the_default_is_utopias_designs_of_the_families():
    assert pack_designs(None, seed=1) == ["UTO-TD3", "UTO-TD1", "UTO-TD2", "UTO-MRVA"]
    assert pack_designs(None, seed=1, families=["td1", "td1", "mrva"]) == ["UTO-TD1", "UTO-TD1", "UTO-MRVA"]
    assert all(design(c).name.value in ("td2", "mrvb") for c in pack_designs(4, seed=2, families=["td2", "mrvb"]))
    assert pack_designs(["NVR-TD2-1"], seed=1, families=["td2"]) == ["NVR-TD2-1"]


@pytest.mark.parametrize(("designs", "families", "error", "message"), [
    (["CSP-TD9-3"], None, UnknownDesignError, "not a design code"),
    (["XYZ-TD1-1"], None, UnknownDesignError, "no fictional state 'XYZ'"),
    (["CSP-TD1"], None, UnknownDesignError, "give a variant number"),
    (["UTO-MRVB"], None, UnknownDesignError, "Utopia has one design per family"),
    (["CSP-TD1-3"], ["td3"], UnknownDesignError, "family td1, not one of the families asked for"),
    ([], None, ValueError, "design codes"),
    (0, None, ValueError, "positive whole number"),
    (True, None, ValueError, "design codes"),
    (100_000, None, ValueError, "the catalogue has"),
    (2, ["td9"], ValueError, "unknown document family 'td9'"),
])
def test_designs_that_cannot_be_made_are_refused_before_anything_is_written(tmp_path, designs, families, error, message):
    out = tmp_path / "refused"
    with pytest.raises(error, match=message):
        generate_pack(out, count=1, seed=1, designs=designs, families=families, today=TODAY)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_references_of_a_design_by_code_family_or_name(tmp_path):
    fam = design("ZLN-MRVB-1")
    for name in ("ZLN-MRVB-1", "zln-mrvb-1", fam):
        d = reference_description(name, dpi=100)
        assert d["design"] == "ZLN-MRVB-1" and d["family"] == "mrvb" and d["dpi"] == 100
    ref = reference_specimen(fam)
    assert ref.data.issuing_state == ref.data.nationality == "ZLN"
    # Zelenia's holders' names are Ukrainian: the VIZ prints one in Cyrillic, the MRZ its transliteration
    assert all("\u0400" <= ch <= "\u04ff" or ch in " -'" for ch in ref.viz["surname"] + ref.viz["given_names"])
    assert parse(ref.mrz, today=TODAY).valid
    assert ref.data.surname == transliterate(ref.viz["surname"], language="uk") and ref.data.surname.isascii()
    assert reference_specimen("ZLN-TD1-2").viz["surname"] == ref.viz["surname"]  # one specimen holder per state
    latin = reference_specimen("OPH-TD3-1")
    assert (latin.viz["surname"], latin.viz["given_names"]) == ("SPECIMEN", "OPHIRIA")
    utopia = reference_description("td3")
    assert (utopia["design"], utopia["family"]) == ("UTO-TD3", "td3")
    assert reference_specimen("UTO-TD3") == reference_specimen("td3")
    write_reference(tmp_path / "ref", "ZLN-MRVB-1", dpi=100)
    assert sorted(p.name for p in (tmp_path / "ref").iterdir()) == ["ir.png", "specimen.json", "uv.png", "visible.png"]
    with pytest.raises(UnknownDesignError, match="not a design code"):
        reference_specimen("mrvb")
