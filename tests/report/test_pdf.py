"""The PDF case report, read back with pypdf: what it says, the images it embeds, where it marks the findings, and
that a report is written whole or not at all."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import fpdf
import numpy as np
import pypdf
import pytest
from sqlalchemy import update

from docexam.errors import DocexamError
from docexam.mrz import compute_check_digit, parse
from docexam.report import ReportInfo, ReportWriteError, finding_quad, write_report
from docexam.report import pdf as report_pdf
from docexam.store import CaseNotFoundError, Store
from docexam.store.schema import blobs
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "specimens" / "td3-photo-substitution"
GENUINE = ROOT / "samples" / "specimens" / "td3-genuine"
WHEN = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
#: How fpdf2 writes the stroke colours of the marks (the comparison overlay's red and amber, RGB / 255).
RED, AMBER = "0.902 0.1176 0.1176", "0.9412 0.6667 0"
NOTE = {"kind": "paper_fluorescence", "light": "uv", "bbox": [900, 60, 300, 200], "score": 0.3, "region": None,
        "detail": "the paper glows a little, under the alarm level", "alarm": False}


# --- a compared case, built once -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison(tmp_path_factory) -> tuple[dict, list[dict], dict]:
    """(summary, findings, reading) of the photo-substitution sample: compared with the generated TD3 reference
    as `docexam compare --case` stores it, and its MRZ read as `docexam read --case` stores it."""
    from docexam.compare.pipeline import compare
    from docexam.compare.reference import load_lights, load_reference
    from docexam.read.reader import read_file
    from docexam.specimens.exercise import write_reference

    folder = tmp_path_factory.mktemp("reference") / "td3"
    write_reference(folder, "td3")
    result, evidence = compare(load_lights(SAMPLE), load_reference(folder), today=TODAY, compare_viz=False)
    summary = {"reference": str(folder), **{k: v for k, v in result.to_dict().items() if k != "findings"},
               "mrz": evidence.to_dict()}
    (_, read), = read_file(SAMPLE / "ir.jpg", engine="ocrb", today=TODAY)
    return summary, [f.to_dict() for f in result.findings] + [NOTE], {"path": str(SAMPLE / "ir.jpg"), **read.to_dict()}


@pytest.fixture(scope="module")
def report(tmp_path_factory, comparison):
    """The report of a case with a reading, a comparison, a verdict and notes: (store, show(), info, reader, text)."""
    summary, findings, reading = comparison
    tmp = tmp_path_factory.mktemp("report")
    store = Store.open(tmp / "cases.db", actor="A. Examiner")
    case = store.create_case("Passport UTO F58388279, border post 4", examiner="A. Examiner",
                             notes="Brought in by the night shift.")
    store.record_reading(case.id, SAMPLE / "ir.jpg", reading, light="ir")
    store.record_comparison(case.id, {light: SAMPLE / f"{light}.jpg" for light in ("visible", "uv", "ir")},
                            summary, findings)
    store.set_verdict(case.id, "forged", note="a photograph glued over the printed portrait")
    store.add_note(case.id, "Holder says the photo was renewed at the consulate \u2013 S\u00f8rensen \u2265 2.")
    info = write_report(store, case.reference, tmp / "out" / "report.pdf", generated_at=WHEN)
    reader = pypdf.PdfReader(info.path)
    yield store, store.show(case.id).to_dict(), info, reader, [p.extract_text() for p in reader.pages]
    store.close()


def marks(page) -> list[tuple[str, np.ndarray]]:
    """The closed four-corner paths stroked on a page (the findings' outlines), with their stroke colour, in PDF
    points."""
    stream = page.get_contents().get_data().decode("latin-1")
    out, colour = [], None
    num = r"(-?\d+(?:\.\d+)?)"
    for m in re.finditer(rf"{num} {num} {num} RG|{num} {num} m\s+{num} {num} l\s+{num} {num} l\s+{num} {num} l\s+h\s+S",
                         stream):
        if m.group(1) is not None:
            colour = " ".join(m.group(i) for i in (1, 2, 3))
        else:
            out.append((colour, np.array([float(v) for v in m.groups()[3:]]).reshape(4, 2)))
    return out


ALARMS_HEADING = "Alarms beside the reference specimen"


def capture_pages(reader: pypdf.PdfReader) -> list:
    """The pages before the alarms shown beside the reference (which has its own images, two per alarm)."""
    pages = list(reader.pages)
    first = next((i for i, p in enumerate(pages) if ALARMS_HEADING in p.extract_text()), len(pages))
    return pages[:first]


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def image_placement(page) -> tuple[float, float, float, float]:
    """(x, y, w, h) in PDF points of the one image drawn on a page."""
    stream = page.get_contents().get_data().decode("latin-1")
    drawn = re.findall(r"q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /I\d+ Do Q", stream)
    (w, h, x, y), = [tuple(map(float, m)) for m in drawn]
    return x, y, w, h


# --- what the report says ----------------------------------------------------------------------------------------


def test_the_report_names_the_case_verdict_examiner_mrz_findings_and_every_capture_hash(report):
    store, shown, info, reader, pages = report
    text = "\n".join(pages)
    case = shown["case"]
    assert isinstance(info, ReportInfo) and info.pages == len(reader.pages) >= 4
    body = info.path.read_bytes()
    assert info.sha256 == hashlib.sha256(body).hexdigest() and info.size == len(body)
    for expected in (case["reference"], case["title"], "A. Examiner", "FORGED/ALTERED",
                     "a photograph glued over the printed portrait", "Brought in by the night shift.",
                     "S\u00f8rensen \u2265 2", "F58388279", "KALINYR LINYR OISFIN", "UTO (Utopia"):
        assert expected in text
    assert "NO VERDICT YET" not in text
    assert len(shown["captures"]) == 4  # the read IR image, then the compared three
    for cap in shown["captures"]:
        assert cap["sha256"] in text
    reading = next(f for f in shown["findings"] if f["kind"] == "mrz")
    for line in reading["detail"]["lines"]:
        assert line in text
    kinds = {f["kind"] for f in shown["findings"] if f["kind"] not in ("mrz", "comparison")}
    assert kinds == {"portrait", "paper_fluorescence"}
    for kind in kinds:
        assert kind in text
    for name in ("document number", "date of birth", "date of expiry", "composite"):
        assert re.search(rf"{name} line 2, position \d+ (\S) \1 ok", text), name
    for action in ("case.create", "capture.add", "finding.add", "case.verdict"):
        assert action in text


def test_every_page_carries_its_number_the_time_and_the_audit_head(report):
    _, shown, info, _, pages = report
    head = shown["audit"][-1]
    assert head["action"] == "case.note"
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {info.pages}" in page
        assert "2026-11-28 12:00:00 UTC" in page
        assert f"Audit trail head (entry {head['seq']}): {head['hash']}" in page


def test_each_light_is_shown_once_as_a_downscaled_jpeg(report):
    _, shown, info, reader, pages = report
    images = [(n, im) for n, page in enumerate(capture_pages(reader)) for im in page.images]
    assert len(images) == 3  # visible, UV, IR: the newest IR capture only
    for _, im in images:
        assert im.name.endswith(".jpg")  # embedded as JPEG
        assert im.image.width <= round(180 / 25.4 * report_pdf.IMAGE_DPI)  # 150 dpi across the 180 mm page
    headings = [next(h for h in ("Visible light", "UV light", "IR light") if h in pages[n].split("Capture ")[-2])
                for n, _ in images]
    assert headings == ["Visible light", "UV light", "IR light"]
    assert info.size < 3_000_000


def test_findings_are_marked_through_the_inverse_of_each_lights_homography(report):
    _, shown, _, reader, _ = report
    summary = next(f for f in shown["findings"] if f["kind"] == "comparison")["detail"]
    caps = {c["id"]: c for c in shown["captures"]}
    pages = [p for p in capture_pages(reader) if p.images]
    by_light = {}
    for f in shown["findings"]:
        if f["kind"] not in ("mrz", "comparison"):
            by_light.setdefault(f["light"], []).append(f)
    for light, page in zip(("visible", "uv", "ir"), pages, strict=True):
        found = sorted(by_light[light], key=lambda f: -f["score"])
        cap = caps[found[0]["capture_id"]]
        x, y, w, h = image_placement(page)
        drawn = marks(page)
        assert len(drawn) == len(found)
        to_capture = np.linalg.inv(summary["aligned"][light]["homography"])
        for f, (colour, points) in zip(found, drawn, strict=True):
            bx, by, bw, bh = f["region"]
            corners = np.array([[bx, by, 1], [bx + bw, by, 1], [bx + bw, by + bh, 1], [bx, by + bh, 1]]) @ to_capture.T
            quad = corners[:, :2] / corners[:, 2:]
            assert (quad >= 0).all() and (quad < (cap["width"], cap["height"])).all()
            expected = np.column_stack([x + quad[:, 0] * w / cap["width"], y + h - quad[:, 1] * h / cap["height"]])
            assert np.abs(points - expected).max() < 0.02
            assert colour == (RED if f["score"] >= 0.5 else AMBER)
    assert [c for c, _ in marks(pages[1])] == [RED, AMBER]  # the UV portrait alarm and the paper note


def test_finding_quad_maps_reference_boxes_back_onto_the_capture():
    # capture -> reference: scale 1.5, then shift by (-85, -97), as a comparison of a 200 dpi capture stores it
    h = np.array([[1.5, 0.0, -85.0], [0.0, 1.5, -97.0], [0.0, 0.0, 1.0]])
    quad = finding_quad([71, 154, 378, 484], h)
    assert np.allclose(quad, [[104, 167.3333], [356, 167.3333], [356, 490], [104, 490]], atol=1e-3)
    # a homography with perspective: the quadrilateral maps back exactly onto the box's corners
    h = np.array([[1.2, 0.1, 30.0], [-0.05, 1.1, 12.0], [1e-4, -5e-5, 1.0]])
    quad = finding_quad([10, 20, 300, 150], h)
    back = np.column_stack([quad, np.ones(4)]) @ h.T
    assert np.allclose(back[:, :2] / back[:, 2:], [[10, 20], [310, 20], [310, 170], [10, 170]])
    with pytest.raises(ValueError, match="singular"):
        finding_quad([0, 0, 10, 10], np.zeros((3, 3)))
    with pytest.raises(ValueError, match="four numbers"):
        finding_quad([0, 0, 10], np.eye(3))


# --- other cases ---------------------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db" / "cases.db", actor="B. Examiner")
    yield s
    s.close()


def test_a_failing_check_digit_and_an_unsure_character_are_shown(store, tmp_path):
    lines = ["P<UTOKALINYR<<LINYR<OISFIN<<<<<<<<<<<<<<<<<<", "F583882795UTO0403089F3212161<<<<<<<<<<<<<<<0"]
    result = parse(lines, today=TODAY)  # the birth date altered from 040306 to 040308 under its check digit 9
    assert not result.valid
    confidence = [[1.0] * 44, [1.0] * 44]
    confidence[1][18] = 0.3
    reading = {**result.to_dict(), "found": True, "engine": "ocrb", "confidence": 0.93, "char_confidence": confidence}
    case = store.create_case("altered birth date")
    store.record_reading(case.id, GENUINE / "visible.jpg", reading)
    info = write_report(store, case.id, tmp_path / "r.pdf", generated_at=WHEN)
    reader = pypdf.PdfReader(info.path)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "TD3 passport (2 x 44): NOT VALID" in text
    assert f"date of birth line 2, position 20 9 {compute_check_digit('040308')} FAIL" in text
    assert "document number line 2, position 10 5 5 ok" in text
    for message in result.errors:
        assert message.message in text
    assert f"{RED} rg" in reader.pages[0].get_contents().get_data().decode("latin-1")  # the unsure character
    assert "NO VERDICT YET" in text and "No comparison with a reference specimen is recorded" in text
    assert not any(marks(p) for p in reader.pages)
    assert sum(len(p.images) for p in reader.pages) == 1


def test_a_stored_image_that_no_longer_matches_its_hash_is_flagged(store, tmp_path):
    case = store.create_case("tampered image")
    cap = store.attach(case.id, GENUINE / "uv.jpg", light="uv")
    with store.engine.begin() as conn:  # behind docexam's back: other (valid) image bytes under the same hash
        other = (GENUINE / "ir.jpg").read_bytes()
        conn.execute(update(blobs).where(blobs.c.sha256 == cap["sha256"]).values(data=other))
    text = text_of(write_report(store, case.id, tmp_path / "r.pdf").path)
    assert f"{cap['sha256']} ALTERED" in text and "NO LONGER HAS THE SHA-256" in text
    fresh = store.create_case("sound image")
    sound = store.attach(fresh.id, GENUINE / "visible.jpg", light="visible")
    text = text_of(write_report(store, fresh.id, tmp_path / "s.pdf").path)
    assert f"{sound['sha256']} ok" in text and "ALTERED" not in text


def test_the_same_case_and_time_give_the_same_pdf(store, tmp_path):
    case = store.create_case("twice")
    store.attach(case.id, GENUINE / "ir.jpg", light="ir")
    one = write_report(store, case.id, tmp_path / "one.pdf", generated_at=WHEN)
    two = write_report(store, case.id, tmp_path / "two.pdf", generated_at=WHEN)
    later = write_report(store, case.id, tmp_path / "later.pdf", generated_at=WHEN + dt.timedelta(minutes=1))
    assert one.sha256 == two.sha256 != later.sha256


def _fonts(path: Path) -> set[str]:
    reader = pypdf.PdfReader(path)
    return {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}


def test_core_fonts_stand_in_when_dejavu_is_missing(store, tmp_path):
    case = store.create_case("Pass\u00e9 \u2013 \u0141\u00f3d\u017a office", notes="score \u2265 0.5 \u2192 alarm")
    fallback = write_report(store, case.id, tmp_path / "core.pdf", font_dir=tmp_path / "no-fonts")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(fallback.path).pages)
    assert "Pass\u00e9 - L\u00f3dz office" in text and "score >= 0.5 -> alarm" in text
    assert not any("DejaVu" in f for f in _fonts(fallback.path))
    if not (report_pdf.DEJAVU_DIR / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed (the Makefile installs it)")
    unicode = write_report(store, case.id, tmp_path / "unicode.pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(unicode.path).pages)
    assert "Pass\u00e9 \u2013 \u0141\u00f3d\u017a office" in text and "score \u2265 0.5 \u2192 alarm" in text
    assert any("DejaVu" in f for f in _fonts(unicode.path))


# --- written whole or not at all --------------------------------------------------------------------------------


def test_an_unknown_case_fails_with_the_stores_error_and_writes_nothing(store, tmp_path):
    out = tmp_path / "new" / "report.pdf"
    with pytest.raises(CaseNotFoundError, match="DX-0000-NOPE"):
        write_report(store, "DX-0000-NOPE", out)
    assert not out.parent.exists()
    old = tmp_path / "old.pdf"
    old.write_bytes(b"the previous report")
    with pytest.raises(CaseNotFoundError):
        write_report(store, 12345, old)
    assert old.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "old.pdf"]


def test_an_existing_report_is_replaced_only_by_a_whole_one(store, tmp_path, monkeypatch):
    case = store.create_case("replace")
    store.attach(case.id, GENUINE / "visible.jpg", light="visible")
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "report.pdf"
    out.write_bytes(b"the previous report")

    def broken_output(self, *args, **kwargs):
        raise RuntimeError("crashed while writing the PDF")

    with monkeypatch.context() as m:
        m.setattr(fpdf.FPDF, "output", broken_output)
        with pytest.raises(RuntimeError, match="crashed"):
            write_report(store, case.id, out)
    assert out.read_bytes() == b"the previous report"

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(report_pdf.os, "replace", failing_replace)
        with pytest.raises(ReportWriteError, match="No space left on device"):
            write_report(store, case.id, out)
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]  # no temporary file left behind

    info = write_report(store, case.id, out)
    assert out.read_bytes()[:5] == b"%PDF-" and info.path == out and len(pypdf.PdfReader(out).pages) == info.pages
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]


def test_an_unwritable_target_is_a_clear_domain_error(store, tmp_path):
    case = store.create_case("nowhere")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for out, reason in ((tmp_path, "it is a folder"), (blocker / "report.pdf", "is a file, not a folder"),
                        (blocker / "sub" / "report.pdf", "is a file, not a folder")):
        with pytest.raises(ReportWriteError, match=reason) as err:
            write_report(store, case.id, out)
        assert isinstance(err.value, DocexamError) and isinstance(err.value, OSError)
        assert "choose a file in a folder you can write to" in str(err.value)
    assert blocker.read_text() == "not a folder"


# --- a report that stands alone ------------------------------------------------------------------------------------


def test_the_checks_the_comparison_ran_are_listed_per_light_with_their_outcome(report):
    _, shown, _, _, pages = report
    text = "\n".join(pages)
    assert "Checks performed" in text
    checks = next(f for f in shown["findings"] if f["kind"] == "comparison")["detail"]["checks"]
    assert {c["light"] for c in checks} >= {"visible", "uv", "ir"}
    for c in checks:
        assert c["label"] in text
    # the substituted photograph: the UV portrait check found an alarm, the fibres check ran and found nothing
    assert re.search(r"UV light portrait under UV \(a fluorescing photograph\) 1 alarm\(s\)", text)
    assert re.search(r"UV light fluorescent fibres passed", text)
    assert re.search(r"IR light registration to the specimen \(\S+, residual [\d.]+ px\) registered", text)
    assert "Checks not recorded" not in text


def test_a_comparison_stored_before_checks_were_recorded_says_so(report, tmp_path):
    store, shown, *_ = report
    summary = dict(next(f for f in shown["findings"] if f["kind"] == "comparison")["detail"])
    del summary["checks"]
    case = store.create_case("an older comparison")
    store.record_comparison(case.id, {"visible": SAMPLE / "visible.jpg"}, summary, [])
    text = " ".join(text_of(write_report(store, case.id, tmp_path / "old.pdf", generated_at=WHEN).path).split())
    assert "Checks not recorded" in text and "passed" not in text


def test_the_confirmed_viz_values_are_shown_field_by_field(store, tmp_path):
    case = store.create_case("confirmed VIZ")
    store.attach(case.id, GENUINE / "visible.jpg", light="visible")
    store.add_finding(case.id, kind="viz_confirmed", source="examiner", detail={"rows": [
        {"field": "surname", "label": "Surname", "mrz": "KALINYR", "viz": "KALINYR", "state": "match"},
        {"field": "birth_date", "label": "Date of birth", "mrz": "040306", "viz": "08 MAR 2004", "state": "differs",
         "note": "another date"}], "summary": "MRZ against VIZ: 1 match, 1 differ"})
    text = text_of(write_report(store, case.id, tmp_path / "viz.pdf", generated_at=WHEN).path)
    assert "MRZ against the VIZ, as the examiner confirmed it" in text
    assert "Surname KALINYR KALINYR match" in text
    assert "Date of birth 040306 08 MAR 2004 differs another date" in text
    assert "Other findings" not in text  # the confirmation is shown once, in the MRZ section
    bare = store.create_case("nothing confirmed")
    text = text_of(write_report(store, bare.id, tmp_path / "bare.pdf", generated_at=WHEN).path)
    assert "The examiner has not confirmed the VIZ values against the MRZ." in text


def test_each_alarm_is_shown_beside_the_reference_specimens_region(report):
    _, shown, _, reader, pages = report
    alarms = [f for f in shown["findings"] if f["kind"] not in ("mrz", "comparison") and (f["score"] or 0) >= 0.5]
    assert len(alarms) == 3  # the portrait in each light
    first = next(i for i, p in enumerate(pages) if ALARMS_HEADING in p)
    text = " ".join(" ".join(pages[first:]).split())
    crops = [im for page in reader.pages[first:] for im in page.images]
    assert len(crops) == 2 * len(alarms)  # the reference's region and the questioned capture's, per alarm
    assert all(im.name.endswith(".jpg") for im in crops)
    for light in ("visible", "uv", "ir"):
        assert f"Reference specimen ({light})" in text
    assert text.count(", registered") == len(alarms) and "CANNOT BE SHOWN" not in text
    # a region and its registered copy are the same size: the two images of a pair have one shape
    for a, b in zip(crops[::2], crops[1::2], strict=True):
        assert abs(a.image.width / a.image.height - b.image.width / b.image.height) < 0.02


@pytest.mark.parametrize("reference,why", [
    ({"family": "nosuch", "sha256": "00" * 32}, "could not be loaded"),
    ("/nowhere/td3", "the reference folder /nowhere/td3 the comparison was made with is not on this computer"),
    (None, "the comparison does not say which reference specimen it was made with"),
    ({"family": "td3", "sha256": "00" * 32}, "the reference specimen found for td3 is not the one the comparison was "
                                             "made with (its SHA-256 differs from 000000000000...)"),
])
def test_a_reference_that_cannot_be_found_is_said_and_the_report_still_made(report, tmp_path, reference, why):
    store, shown, *_ = report
    detail = next(f for f in shown["findings"] if f["kind"] == "comparison")["detail"]
    alarm = next(f for f in shown["findings"] if f["kind"] == "portrait" and f["light"] == "uv")
    case = store.create_case("a reference not to be had")
    store.record_comparison(case.id, {"uv": SAMPLE / "uv.jpg"}, {**detail, "reference": reference},
                            [{**alarm["detail"], "bbox": alarm["region"]}])
    reader = pypdf.PdfReader(write_report(store, case.id, tmp_path / "r.pdf", generated_at=WHEN,
                                          reference_cache=tmp_path / "cache").path)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "THE REFERENCE SPECIMEN CANNOT BE SHOWN" in text and why in text
    assert sum(len(p.images) for p in reader.pages) == 1  # the UV capture only
