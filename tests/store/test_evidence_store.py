"""The findings' evidence images in the case store: kept as blobs by SHA-256 with the comparison, read back, checked
by verify, carried by export bundles; a case stored before evidence was kept stays readable."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from sqlalchemy import delete

from docexam.compare.evidence import decode_png, encode_png
from docexam.compare.result import Finding, FindingEvidence, FindingKind
from docexam.store import CaseInputError, Store
from docexam.store.bundle import export_cases, import_bundle
from docexam.store.schema import blobs

SUMMARY = {"reference": "reference/td3", "aligned": {"visible": {"residual_px": 0.1}}, "alarms": 1}


def _evidence(seed: int) -> tuple[FindingEvidence, dict[str, bytes]]:
    rng = np.random.default_rng(seed)
    pngs = {role: encode_png(rng.integers(0, 255, (30, 40, 3), dtype=np.uint8))
            for role in ("reference", "questioned", "difference")}
    shas = {role: hashlib.sha256(data).hexdigest() for role, data in pngs.items()}
    return FindingEvidence((60, 140, 400, 510), **shas), {shas[r]: pngs[r] for r in pngs}


def _findings(evidence: FindingEvidence | None) -> list[dict]:
    return [Finding(FindingKind.PORTRAIT, "visible", (71, 154, 378, 484), 1.0, "portrait", "glued photograph",
                    evidence=evidence).to_dict()]


def test_a_comparisons_evidence_is_kept_and_read_back(store, images):
    ev, pngs = _evidence(1)
    case = store.create_case("evidence")
    store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, _findings(ev), evidence=pngs)
    (stored,) = [f for f in store.show(case.id).findings if f.kind == "portrait"]
    back = Finding.from_dict(stored.detail)
    assert back.evidence == ev and (back.expected, back.seen) == ("portrait_as_printed", "portrait_differs")
    for sha in ev.images.values():
        assert store.blob(sha) == pngs[sha]
        assert decode_png(store.blob(sha)).shape == (30, 40, 3)
    assert store.verify().ok


def test_evidence_named_but_not_given_or_not_matching_is_refused_and_nothing_is_stored(store, images):
    ev, pngs = _evidence(2)
    case = store.create_case("evidence")
    with pytest.raises(CaseInputError, match="evidence"):
        store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, _findings(ev))
    forged = {sha: data + b"x" for sha, data in pngs.items()}
    with pytest.raises(CaseInputError, match="SHA-256"):
        store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, _findings(ev), evidence=forged)
    assert store.show(case.id).findings == []


def test_a_finding_stored_before_evidence_was_kept_still_reads(store, images):
    case = store.create_case("old")
    old = [{"kind": "portrait", "light": "visible", "bbox": [71, 154, 378, 484], "score": 1.0, "region": "portrait",
            "detail": "glued photograph", "alarm": True}]
    store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, old)
    (stored,) = [f for f in store.show(case.id).findings if f.kind == "portrait"]
    f = Finding.from_dict(stored.detail)
    assert f.evidence is None and f.seen == "portrait_differs"
    assert store.verify().ok


def test_verify_reports_a_lost_evidence_image(sqlite_store, images):
    ev, pngs = _evidence(3)
    case = sqlite_store.create_case("evidence")
    sqlite_store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, _findings(ev), evidence=pngs)
    with sqlite_store.engine.begin() as conn:
        conn.execute(delete(blobs).where(blobs.c.sha256 == ev.difference))
    problems = sqlite_store.verify().problems
    assert any("lost its evidence image" in p and ev.difference[:12] in p for p in problems)


def test_a_bundle_carries_the_evidence_images(sqlite_store, images, tmp_path):
    ev, pngs = _evidence(4)
    case = sqlite_store.create_case("evidence")
    sqlite_store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, _findings(ev), evidence=pngs)
    report = export_cases(sqlite_store, [case.id], tmp_path / "out.zip")
    assert report.images == 4  # the capture and the three crops
    with Store.open(f"sqlite:///{tmp_path}/centre.sqlite", actor="centre") as centre:
        import_bundle(centre, tmp_path / "out.zip")
        for sha, data in pngs.items():
            assert centre.blob(sha) == data
        (stored,) = [f for f in centre.show(case.uid).findings if f.kind == "portrait"]
        assert Finding.from_dict(stored.detail).evidence == ev
        assert centre.verify().ok


def test_a_bundle_without_one_of_its_evidence_images_is_refused(sqlite_store, images, tmp_path):
    import json
    import zipfile

    from docexam.store.bundle import BundleError

    ev, pngs = _evidence(5)
    case = sqlite_store.create_case("evidence")
    sqlite_store.record_comparison(case.id, {"visible": images["visible"]}, SUMMARY, _findings(ev), evidence=pngs)
    export_cases(sqlite_store, [case.id], tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as z:
        items = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(items.pop("manifest.json"))
    del manifest["blobs"][ev.difference]  # the difference image taken out, manifest and all
    items.pop(f"blobs/{ev.difference}")
    with zipfile.ZipFile(tmp_path / "cut.zip", "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
        z.writestr("manifest.json", json.dumps(manifest))
    with Store.open(f"sqlite:///{tmp_path}/centre.sqlite", actor="centre") as centre:
        with pytest.raises(BundleError, match="evidence image missing"):
            import_bundle(centre, tmp_path / "cut.zip")
        assert centre.list_cases() == []
