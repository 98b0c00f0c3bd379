"""The workstation's long jobs without Qt: import with the MRZ read, compare with the family's reference, cancel
leaving nothing stored, and the scanner folder reporting each finished file once."""

import json
import shutil

import numpy as np
import pytest

from docexam.compare.reference import load_reference
from docexam.imageio import ImageReadError
from docexam.lights import light_from_name
from docexam.store import Store
from docexam.workbench.caseview import load_case
from docexam.workbench.tasks import Cancelled, CancelToken, FolderWatcher, compare_case, family_of_reading, import_capture, reference_folder
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "specimens"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "cases.db", actor="examiner-1")
    yield s
    s.close()


@pytest.mark.parametrize("name, light", [
    ("doc1_UV365.jpg", "uv"), ("passport-ir.png", "ir"), ("scan_IR870.tif", "ir"), ("page visible.jpg", "visible"),
    ("white.png", "visible"), ("scan0001.jpg", None), ("uvula-notes.png", None),
])
def test_light_from_file_name(name, light):
    assert light_from_name(name) == light


def test_an_imported_visible_capture_has_its_mrz_read_and_stored(store):
    case = store.create_case("Passport UTO")
    progress = []
    out = import_capture(store, case.id, SAMPLE / "td3-genuine" / "visible.jpg", light="visible",
                         progress=lambda f, m: progress.append((f, m)))
    assert out.reading is not None and out.reading.found and out.reading.format == "TD3"
    data = store.show(case.id).to_dict()
    assert [c["uid"] for c in data["captures"]] == [out.capture_uid]
    assert [f["kind"] for f in data["findings"]] == ["mrz"]
    assert data["documents"][0]["number"]  # filled from the MRZ
    fractions = [f for f, _ in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert family_of_reading(out.reading) == "td3"


def test_a_uv_capture_is_attached_without_reading(store):
    case = store.create_case("Passport UTO")
    out = import_capture(store, case.id, SAMPLE / "td3-genuine" / "uv.jpg", light="uv")
    assert out.reading is None
    assert [f["kind"] for f in store.show(case.id).to_dict()["findings"]] == []


def test_a_bad_file_or_a_cancel_stores_nothing(store, tmp_path):
    case = store.create_case("Passport UTO")
    bad = tmp_path / "scan.jpg"
    bad.write_bytes(b"not really a JPEG")
    with pytest.raises(ImageReadError):
        import_capture(store, case.id, bad, light="visible")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled, match="nothing was stored"):
        import_capture(store, case.id, SAMPLE / "td3-genuine" / "visible.jpg", light="visible", cancel=token)
    assert store.show(case.id).to_dict()["captures"] == []


@pytest.fixture(scope="module")
def td3_reference(tmp_path_factory):
    return load_reference(reference_folder("td3", cache=tmp_path_factory.mktemp("refs")))


def test_comparing_a_case_stores_findings_on_its_own_captures(store, td3_reference):
    case = store.create_case("Passport UTO, photo substituted")
    for light in ("visible", "uv", "ir"):
        import_capture(store, case.id, SAMPLE / "td3-photo-substitution" / f"{light}.jpg", light=light, read_mrz=False)
    result = compare_case(store, case.id, td3_reference, today=TODAY, compare_viz=False)
    assert result.lights == ["visible", "uv", "ir"]
    assert any(f.kind == "portrait" and f.alarm for f in result.comparison.findings)
    data = store.show(case.id).to_dict()
    assert len(data["captures"]) == 3  # compared in place, not attached again
    kinds = [f["kind"] for f in data["findings"]]
    assert kinds.count("comparison") == 1 and "portrait" in kinds
    on_captures = {f["capture_id"] for f in data["findings"] if f["kind"] != "comparison"}
    assert on_captures <= {c["id"] for c in data["captures"]}

    # Reopened, the case shows its raw captures: the stored boxes (reference pixels) are moved onto them through
    # the stored registration, and land where the generator put the glued photograph on this 200 dpi capture.
    key = json.loads((SAMPLE / "td3-photo-substitution" / "key.json").read_text())
    x, y, w, h = key["alterations"][0]["bbox"]
    truth = np.array([[x, y, 1], [x + w, y + h, 1]], float) @ np.array(key["capture"]["homographies"]["visible"]).T
    (tx0, ty0), (tx1, ty1) = truth[:, :2] / truth[:, 2:]
    reopened = load_case(store, case.id)
    portrait = max((f for f in reopened.findings if f.kind == "portrait" and f.light == "visible"), key=lambda f: f.score)
    bx, by, bw, bh = portrait.bbox
    inter = max(0, min(bx + bw, tx1) - max(bx, tx0)) * max(0, min(by + bh, ty1) - max(by, ty0))
    union = bw * bh + (tx1 - tx0) * (ty1 - ty0) - inter
    assert inter / union > 0.6, (portrait.bbox, (tx0, ty0, tx1, ty1))
    stored = next(f for f in data["findings"] if f["kind"] == "portrait" and f["light"] == "visible"
                  and f["score"] == portrait.score)
    assert stored["region"] != list(portrait.bbox)  # the store keeps reference pixels; only the view moves them


def test_a_cancelled_comparison_stores_nothing(store, td3_reference):
    case = store.create_case("Passport UTO")
    import_capture(store, case.id, SAMPLE / "td3-genuine" / "visible.jpg", light="visible", read_mrz=False)
    token = CancelToken()
    before = len(store.show(case.id).to_dict()["audit"])

    def cancel_while_registering(fraction, message):
        if fraction >= 0.25:
            token.cancel()

    with pytest.raises(Cancelled):
        compare_case(store, case.id, td3_reference, compare_viz=False, progress=cancel_while_registering, cancel=token)
    assert len(store.show(case.id).to_dict()["audit"]) == before


def test_a_case_without_captures_cannot_be_compared(store, td3_reference):
    case = store.create_case("Passport UTO")
    with pytest.raises(ValueError, match="import the questioned document's captures first"):
        compare_case(store, case.id, td3_reference)


def test_the_scanner_folder_reports_each_finished_image_once(tmp_path):
    (tmp_path / "old.jpg").write_bytes(b"x")
    w = FolderWatcher(tmp_path, settle_s=1.0)
    assert w.poll(now=0.0) == []  # files already there are not new
    new = tmp_path / "scan_uv.jpg"
    new.write_bytes(b"partial")
    (tmp_path / "notes.txt").write_text("not an image")
    assert w.poll(now=10.0) == []  # just seen: it may still be growing
    assert w.poll(now=10.5) == []
    assert w.poll(now=11.1) == [new]
    assert w.poll(now=20.0) == []  # reported once
    with pytest.raises(ValueError, match="not a folder"):
        FolderWatcher(tmp_path / "missing")


def test_a_growing_file_waits_until_it_stops(tmp_path):
    w = FolderWatcher(tmp_path, settle_s=1.0)
    f = tmp_path / "scan.png"
    f.write_bytes(b"a")
    w.poll(now=0.0)
    f.write_bytes(b"ab")  # still being written
    assert w.poll(now=1.5) == []
    assert w.poll(now=3.0) == [f]


def test_reference_specimens_are_rendered_once_into_the_cache(tmp_path):
    folder = reference_folder("td1", cache=tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == ["ir.png", "specimen.json", "uv.png", "visible.png"]
    stamp = (folder / "visible.png").stat().st_mtime_ns
    assert reference_folder("td1", cache=tmp_path) == folder and (folder / "visible.png").stat().st_mtime_ns == stamp
    assert reference_folder("UTO-TD1", cache=tmp_path) == folder  # Utopia's design code: the family's folder
    with pytest.raises(ValueError, match="no reference specimen of family 'td9'"):
        reference_folder("td9", cache=tmp_path)
    shutil.rmtree(folder)


def _grey_scan_with_ir(tmp_path):
    """A grey scan of a stamped TD3 and its IR capture of the same framing, as a multi-light scanner gives them (the
    stamp's ink is transparent in B900, the MRZ's is not: Doc 9303 Part 3, 4.5 and 4.11)."""
    import dataclasses

    import cv2

    from docexam.imageio import to_gray
    from docexam.lights import Light
    from docexam.specimens import FAMILIES, random_specimen, render
    from docexam.specimens.capture import capture, sample_conditions
    from docexam.specimens.overprint import STAMP_COLOURS, stamp

    specimen = random_specimen(FAMILIES["td3"], 7, today=TODAY)
    images = render(specimen)
    visible = stamp(images[Light.VISIBLE], FAMILIES["td3"], len(specimen.mrz), colour=STAMP_COLOURS["blue"], seed=7)
    cond = dataclasses.replace(sample_conditions(seed=7, difficulty="easy"), dpi=300)
    shot = capture({"visible": visible, "ir": images[Light.IR]}, cond, seed=7).images
    paths = {}
    for light in ("visible", "ir"):
        paths[light] = tmp_path / f"{light}.png"
        assert cv2.imwrite(str(paths[light]), to_gray(shot[light]))
    paths["small ir"] = tmp_path / "small-ir.png"
    assert cv2.imwrite(str(paths["small ir"]), to_gray(shot["ir"])[:-8])
    return specimen, paths


def _mrz_notes(store, case_id, light):
    """The notes of the MRZ reading stored with the case's capture in ``light``."""
    (finding,) = [f for f in store.show(case_id).findings if f.kind == "mrz" and f.light == light]
    return finding.detail.get("notes", [])


def test_a_visible_capture_is_read_with_the_cases_ir_capture_of_the_same_framing(store, tmp_path):
    from docexam.workbench.tasks import case_ir_capture

    specimen, paths = _grey_scan_with_ir(tmp_path)
    case = store.create_case("Passport UTO, stamped")
    import_capture(store, case.id, paths["ir"], light="ir", read_mrz=False)
    out = import_capture(store, case.id, paths["visible"], light="visible")
    assert out.reading is not None and out.reading.valid and out.reading.lines == specimen.mrz
    assert any("infrared" in n for n in _mrz_notes(store, case.id, "visible"))
    assert case_ir_capture(store, case.id, (5, 5)) is None  # another size: not the same framing


def test_an_ir_capture_of_another_size_is_not_used_for_the_reading(store, tmp_path):
    from docexam.workbench.tasks import case_ir_capture

    _, paths = _grey_scan_with_ir(tmp_path)
    case = store.create_case("Passport UTO, stamped")
    assert case_ir_capture(store, case.id, (100, 100)) is None  # no IR capture at all
    import_capture(store, case.id, paths["small ir"], light="ir", read_mrz=False)
    out = import_capture(store, case.id, paths["visible"], light="visible")
    assert out.reading is not None and not any("infrared" in n for n in _mrz_notes(store, case.id, "visible"))
