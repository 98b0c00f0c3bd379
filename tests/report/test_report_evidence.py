"""The report's evidence rows: each finding with what was expected and seen beside its three crops (reference,
questioned, difference), compact enough for twenty findings and more; a case kept before evidence was has none."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pypdf
import pytest

from docexam.compare.evidence import attach_evidence, encode_png
from docexam.compare.result import Finding, FindingEvidence, FindingKind
from docexam.report import write_report
from docexam.store import Store
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "specimens" / "td3-photo-substitution"
WHEN = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
LIGHTS = ("visible", "uv", "ir")


def _images(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    """(width, height) of every image XObject the report draws, page by page."""
    out = []
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                out.append((int(obj["/Width"]), int(obj["/Height"])))
    return out


def _text(reader: pypdf.PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """The photo-substitution sample compared with the generated TD3 reference, its evidence made, stored as the
    workstation stores it, and its report: (comparison, reader)."""
    from docexam.compare.pipeline import compare
    from docexam.compare.reference import load_lights, load_reference
    from docexam.specimens.exercise import write_reference

    tmp = tmp_path_factory.mktemp("evidence-report")
    write_reference(tmp / "td3", "td3")
    reference = load_reference(tmp / "td3")
    comparison, mrz = compare(load_lights(SAMPLE), reference, today=TODAY, compare_viz=False)
    attach_evidence(comparison, reference.images)
    summary = {"reference": str(tmp / "td3"), **{k: v for k, v in comparison.to_dict().items() if k != "findings"},
               "mrz": mrz.to_dict()}
    with Store.open(tmp / "cases.db", actor="A. Examiner") as store:
        case = store.create_case("Passport UTO", examiner="A. Examiner")
        store.record_comparison(case.id, {light: SAMPLE / f"{light}.jpg" for light in LIGHTS}, summary,
                                [f.to_dict() for f in comparison.findings], evidence=comparison.evidence_images)
        info = write_report(store, case.reference, tmp / "report.pdf", generated_at=WHEN)
    return comparison, pypdf.PdfReader(info.path)


def test_each_finding_is_shown_with_its_three_crops(compared):
    comparison, reader = compared
    images = _images(reader)
    assert comparison.findings
    crops = {_crop_size(comparison, f) for f in comparison.findings}
    shown = [size for size in images if size in crops]
    assert len(shown) == 3 * len(comparison.findings)  # reference, questioned and difference of each


def _crop_size(comparison, f: Finding) -> tuple[int, int]:
    from docexam.compare.evidence import decode_png

    h, w = decode_png(comparison.evidence_images[f.evidence.reference]).shape[:2]
    return w, h


def test_each_finding_says_what_was_expected_and_seen(compared):
    comparison, reader = compared
    text = " ".join(_text(reader).split())
    assert "Evidence of each finding" in text
    assert "Reference Questioned Difference" in text
    assert text.count("Expected: a portrait printed as the specimen's") == len(comparison.findings)
    assert text.count("Seen: a portrait unlike the specimen's") == len(comparison.findings)
    assert "#1 portrait, 1.00 ALARM" in text


def _many(tmp_path, count: int, *, evidence: bool):
    """A case of ``count`` findings spread over the three lights, each with (or without) evidence crops."""
    rng = np.random.default_rng(7)
    findings, pngs = [], {}
    for i in range(count):
        ev = None
        if evidence:
            shas = {}
            for role in ("reference", "questioned", "difference"):
                data = encode_png(rng.integers(0, 255, (60 + i, 90, 3), dtype=np.uint8))
                shas[role] = hashlib.sha256(data).hexdigest()
                pngs[shas[role]] = data
            ev = FindingEvidence((10 * i, 20, 90, 60 + i), **shas)
        findings.append(Finding(FindingKind.DIFFERENCE, LIGHTS[i % 3], (10 * i + 5, 25, 80, 50), 0.2 + 0.03 * i,
                                None, f"difference {i}", evidence=ev).to_dict())
    store = Store.open(tmp_path / "cases.db", actor="A. Examiner")
    case = store.create_case("Many findings", examiner="A. Examiner")
    store.record_comparison(case.id, {light: SAMPLE / f"{light}.jpg" for light in LIGHTS},
                            {"reference": "reference/td3", "aligned": {}}, findings, evidence=pngs)
    info = write_report(store, case.reference, tmp_path / "many.pdf", generated_at=WHEN)
    store.close()
    return pypdf.PdfReader(info.path)


def test_twenty_four_findings_take_a_compact_row_each(tmp_path):
    with_evidence = _many(tmp_path / "with", 24, evidence=True)
    without = _many(tmp_path / "without", 24, evidence=False)
    crops = [size for size in _images(with_evidence) if size[0] == 90]
    assert len(crops) == 24 * 3
    assert len(with_evidence.pages) - len(without.pages) <= 5  # about eight rows a page
    text = " ".join(_text(with_evidence).split())
    assert text.count("Expected: the design as on the specimen") == 24
    assert text.count("Seen: the design differs") == 24


def test_a_case_kept_before_evidence_was_has_no_evidence_rows(tmp_path):
    reader = _many(tmp_path, 3, evidence=False)
    assert "Evidence of each finding" not in _text(reader)
    assert not [size for size in _images(reader) if size[0] == 90]
