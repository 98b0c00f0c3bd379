"""The open case as the workstation reads it agrees with the report and the tasks: the same newest MRZ reading, the
same newest comparison and its findings, the same reference, whichever front end stored them and however old."""

import pypdf
import pytest

from docexam.compare.reference import load_reference, reference_id
from docexam.report.pdf import write_report
from docexam.store import Store
from docexam.workbench.caseview import finding_from_record, load_case
from docexam.workbench.mrz_view import MrzView
from docexam.workbench.tasks import compare_case, reference_folder
from tests.conftest import ROOT, TODAY
from tests.store.conftest import reading

SAMPLE = ROOT / "samples" / "specimens" / "td3-photo-substitution"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "cases.db", actor="examiner-1")
    yield s
    s.close()


def test_the_workstation_the_report_and_the_tasks_agree_on_the_latest_reading_and_comparison(store, tmp_path):
    case = store.create_case("Passport UTO, photo substituted")
    # an older reading (warnings as messages only), then a newer one
    old = reading("ERIKSSON", "ANNA", "L898902C3") | {"warnings": ["the document expired on 2012-04-15"]}
    store.record_reading(case.id, SAMPLE / "ir.jpg", old, light="ir")
    new = reading("KALINYR", "OISFIN", "F58388279")
    store.record_reading(case.id, SAMPLE / "visible.jpg", new, light="visible")
    # an older command-line comparison (its reference a folder path), then the workstation's
    store.add_finding(case.id, kind="comparison", source="automatic",
                      detail={"reference": "/old/references/td3", "aligned": {}, "alarms": 0, "elapsed_ms": 1.0})
    for light in ("uv", "ir"):
        store.attach(case.id, SAMPLE / f"{light}.jpg", light=light)
    ref = load_reference(reference_folder("td3", cache=tmp_path / "refs"))
    result = compare_case(store, case.id, ref, today=TODAY, compare_viz=False)

    shown = store.show(case.id)
    latest, compared = shown.latest_reading(), shown.latest_comparison()
    assert latest.reading.fields["surname"] == "KALINYR" and compared.uid == result.stored["uid"]
    assert compared.comparison.reference == reference_id(ref) and compared.comparison.reference.family == "td3"
    assert shown.comparisons[0].comparison.reference.source == "/old/references/td3"

    # the workstation
    view = load_case(store, case.id)
    assert view.reading == latest.reading
    expected = [finding_from_record(f) for f in shown.findings_of(compared)]
    assert sorted((f.kind, f.light) for f in view.findings) == sorted((f.kind, f.light) for f in expected)
    assert len(view.findings) == len(result.comparison.findings) > 0
    assert MrzView.of(shown.readings[0].reading).warnings == ["Expired: the document expired on 2012-04-15."]

    # the report
    info = write_report(store, case.id, tmp_path / "report.pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(info.path).pages)
    assert all(line in text for line in latest.reading.lines)
    assert "1 earlier reading(s) are in the case" in text and "The newest of 2 comparisons is shown" in text
    assert f"Compared with the reference specimen {compared.comparison.reference.label} on" in text.replace("\n", " ")
    assert f"{len(result.comparison.findings)} finding(s)" in text
