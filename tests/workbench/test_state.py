"""The examiner's session without Qt: locked panes, a case opened with its lights, selecting a finding, the
reference specimen in use, the day's cases, and every change of a case reaching the store and its audit trail."""

import numpy as np
import pytest

from docexam.compare.result import Comparison, Finding, FindingKind
from docexam.store import Store
from docexam.store.records import FindingRecord
from docexam.workbench import Workbench
from docexam.workbench.caseview import VerdictRecord, finding_from_record
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens"


def _recorder(signal):
    seen = []
    signal.connect(lambda *a: seen.append(a))
    return seen


# --- Workbench over a store ---------------------------------------------------------------------------------------


@pytest.fixture
def bench(tmp_path):
    store = Store.open(tmp_path / "cases.db", actor="examiner-1")
    yield Workbench(store)
    store.close()


def test_locked_panes_follow_and_unlocked_do_not(bench):
    bench.view.set_viewport(800, 600)
    bench.view.set_view(3.0, (10, 20))
    assert (bench.reference_view.zoom, bench.reference_view.centre) == (3.0, (10, 20))
    bench.compare.set_locked(False)
    bench.view.zoom_by(2)
    assert bench.reference_view.zoom == 3.0
    bench.compare.set_locked(True)  # locking again brings the reference pane back in step
    assert bench.reference_view.zoom == 6.0


def test_a_new_case_opens_with_its_captures_and_lights(bench):
    seen = _recorder(bench.events.case)
    case = bench.new_case("Passport UTO, border post 4")
    assert seen and seen[-1][0] is case
    assert case.summary.title == "Passport UTO, border post 4" and case.captures == []
    for light in ("ir", "visible"):
        bench.store.attach(case.summary.id, SAMPLE / "td3-genuine" / f"{light}.jpg", light=light)
    case = bench.refresh()
    assert case.lights == ["visible", "ir"]  # examination order, not the order attached
    img = bench.image("ir")
    assert img.dtype == np.uint8 and img.ndim == 3 and img.shape[0] > 100
    assert bench.image("ir") is img  # decoded once
    assert bench.image("uv") is None
    with pytest.raises(ValueError, match="no 'uv' capture in this case"):
        bench.set_light("uv")


def test_verdict_and_notes_reach_the_store_and_its_audit_trail(bench):
    case = bench.new_case("ID card UTO")
    bench.set_verdict("forged", note="photo substituted")
    bench.add_note("UV: emblem missing")
    assert bench.case.summary.verdict.startswith("forged")
    assert "UV: emblem missing" in bench.case.notes
    actions = [e["action"] for e in bench.store.show(case.summary.id).to_dict()["audit"]]
    assert "case.verdict" in actions and "case.note" in actions
    with pytest.raises(ValueError, match="needs some text"):
        bench.add_note("  ")


def test_the_recorded_verdict_says_its_reason_who_and_when_and_goes_with_a_withdrawal(bench):
    bench.new_case("ID card UTO")
    assert bench.case.verdict_record is None
    bench.set_verdict("forged", note="photo substituted")
    record = bench.case.verdict_record
    assert (record.verdict, record.reason, record.actor, record.status) == ("forged/altered", "photo substituted",
                                                                           "examiner-1", "concluded")
    assert record.at == bench.case.audit[-1].at and len(record.when) == 16
    assert VerdictRecord.from_dict(record.to_dict()) == record
    bench.withdraw_verdict("second look needed")
    assert bench.case.verdict_record is None and bench.case.summary.status == "reopened"
    bench.set_verdict("genuine")
    assert bench.case.verdict_record.reason is None


def test_nothing_can_be_changed_without_an_open_case(bench):
    with pytest.raises(ValueError, match="no case is open"):
        bench.set_verdict("genuine")


def _comparison() -> Comparison:
    findings = [
        Finding(FindingKind.PORTRAIT, "visible", (100, 100, 200, 250), 0.9, "portrait", "edge of a glued photo"),
        Finding(FindingKind.UV_FEATURE_MISSING, "uv", (500, 80, 120, 120), 0.7, "uv_emblem", "emblem absent"),
        Finding(FindingKind.DIFFERENCE, "ir", (20, 20, 10, 10), 0.3, None, "faint"),
    ]
    img = np.zeros((600, 900, 3), np.uint8)
    return Comparison({}, findings, {"visible": img, "uv": img, "ir": img}, {})


def test_selecting_a_finding_shows_its_light_and_zooms_to_it(bench):
    bench.new_case("Passport UTO")
    bench.view.set_viewport(800, 600)
    lights = _recorder(bench.events.light)
    selected = _recorder(bench.events.selected)
    bench.set_comparison(_comparison())
    bench.select_finding(1)
    assert bench.selected == 1 and selected[-1] == (1, None)  # (new, old)
    assert bench.light == "uv" and lights[-1] == ("uv", "visible")
    assert bench.view.centre == (560, 140)
    bench.select_finding(None)
    assert bench.selected is None
    with pytest.raises(ValueError, match="there is no finding 7; there are 3"):
        bench.select_finding(7)


def test_a_stored_comparison_comes_back_as_findings_when_the_case_is_opened(bench):
    case = bench.new_case("Passport UTO")
    comp = _comparison()
    images = {light: SAMPLE / "td3-photo-substitution" / f"{light}.jpg" for light in ("visible", "uv", "ir")}
    bench.store.record_comparison(case.summary.id, images, {"aligned": {}}, [f.to_dict() for f in comp.findings])
    view = bench.open_case(case.summary.id)
    assert [(f.kind, f.light, f.bbox) for f in view.findings] == [(f.kind, f.light, f.bbox) for f in comp.findings]
    assert bench.findings == view.findings
    assert finding_from_record(FindingRecord.from_dict({"kind": "mrz", "light": "ir", "region": None})) is None


# --- The reference specimen in use --------------------------------------------------------------------------------


def _reference(family="td3"):
    from docexam.compare.reference import Reference

    return Reference(images={"visible": np.zeros((40, 60, 3), np.uint8)}, family=family)


def _case_with_a_td3_reading(bench):
    from docexam.mrz import parse

    case = bench.new_case("Passport UTO")
    reading = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])
    bench.store.record_reading(case.summary.id, SAMPLE / "td3-genuine" / "ir.jpg", reading.to_dict(), light="ir")
    return bench.open_case(case.summary.id)


def test_a_case_with_an_mrz_needs_the_reference_of_its_family_until_one_is_in_use(bench):
    assert bench.needed_reference_family() is None  # no case open
    case = _case_with_a_td3_reading(bench)
    assert bench.needed_reference_family() == "td3" and not bench.can_compare
    assert bench.needed_reference_design() == "UTO-TD3"  # Utopia's: nothing beside the capture names another
    seen = _recorder(bench.events.reference)
    ref = _reference()
    bench.set_reference(ref, "TD3 specimen")
    assert seen == [(ref, None)]
    assert bench.reference is ref and bench.reference_source == "TD3 specimen"
    assert bench.needed_reference_family() is None and bench.can_compare
    bench.set_reference(ref, "TD3 specimen")
    assert len(seen) == 1  # the same reference again: nothing to announce
    bench.refresh()
    assert bench.reference is ref  # a refresh keeps it; opening a case starts without one
    bench.open_case(case.summary.id)
    assert bench.reference is None and bench.reference_source is None and seen[-1] == (None, ref)
    assert bench.needed_reference_family() == "td3"


def test_a_case_without_a_reading_needs_a_reference_chosen_by_hand(bench):
    bench.new_case("ID card, MRZ unreadable")
    assert bench.needed_reference_family() is None
    bench.set_reference(_reference(), "/refs/uto-id-2019")
    assert not bench.can_compare  # no capture yet


def test_a_reference_must_be_a_reference_and_say_where_it_came_from(bench):
    bench.new_case("Passport UTO")
    with pytest.raises(ValueError, match="must be a docexam.compare.reference.Reference"):
        bench.set_reference({"visible": np.zeros((4, 4, 3), np.uint8)}, "dict")
    with pytest.raises(ValueError, match="say where the reference came from"):
        bench.set_reference(_reference(), " ")
    assert bench.reference is None


def test_todays_cases_are_those_changed_today(bench):
    import datetime as dt

    bench.new_case("checkpoint one")
    bench.new_case("checkpoint two")
    today = dt.date.today()
    assert [c.title for c in bench.todays_cases()] == ["checkpoint two", "checkpoint one"]
    assert bench.todays_cases(today + dt.timedelta(days=1)) == []


def test_locked_panes_keep_the_fit_so_the_view_refits_when_its_pane_changes_size(bench):
    bench.compare.set_locked(True)
    bench.view.set_viewport(400, 300)
    bench.view.fit((800, 600))
    # What the reference pane does when it follows: it echoes the same view back.
    bench.view.set_view(bench.reference_view.zoom, bench.reference_view.centre)
    assert bench.view.fitted
    bench.view.set_viewport(200, 300)  # side by side: half the width
    assert bench.view.zoom == pytest.approx(0.245) and bench.reference_view.zoom == pytest.approx(0.245)


def test_imports_finishing_in_any_order_leave_the_examiner_in_visible_light(bench):
    case = bench.new_case("imports")

    def imported(light):
        bench.store.attach(case.summary.id, SAMPLE / "td3-genuine" / f"{light}.jpg", light=light)
        bench.refresh()
        return bench.show_imported(light)

    assert imported("uv") and bench.light == "uv"  # the only capture: shown
    assert imported("visible") and bench.light == "visible"  # visible arrives: the examination starts there
    assert not imported("ir") and bench.light == "visible"  # IR later: the light on screen stays
    bench.set_light("ir")  # the examiner chose IR
    assert imported("uv") is False and bench.light == "ir"
    assert imported("ir") and bench.light == "ir"  # a new IR capture replaces the image on screen: refit
    with pytest.raises(ValueError, match="no 'xray' capture"):
        bench.show_imported("xray")


def test_a_reopened_case_shows_its_captures_through_the_stored_registration_once_the_reference_is_in_use(
        bench, tmp_path):
    from docexam.compare.reference import load_reference
    from docexam.workbench.tasks import compare_case, reference_folder

    case = bench.new_case("reopened")
    for light in ("visible", "uv", "ir"):
        bench.store.attach(case.summary.id, SAMPLE / "td3-photo-substitution" / f"{light}.jpg", light=light)
    reference = load_reference(reference_folder("td3", cache=tmp_path / "cache"))
    done = compare_case(bench.store, case.summary.id, reference, compare_viz=False)
    in_memory = done.comparison

    bench.open_case(case.summary.id)  # reopened: no comparison in memory, no reference yet
    assert bench.rectified("visible") is None
    on_capture = bench.findings
    assert on_capture and on_capture == bench.case.findings
    bench.set_reference(reference, "TD3 specimen")
    rectified = bench.rectified("visible")
    assert rectified.shape == reference.images["visible"].shape  # in the reference frame, as side by side needs
    assert bench.rectified("visible") is rectified  # warped once
    # The same picture as the comparison made (the registration it stored, applied to the same capture).
    diff = np.abs(rectified.astype(int) - in_memory.rectified["visible"].astype(int))
    assert np.median(diff) <= 2
    # The stored findings come back in the reference frame, in the same order, so they outline on both panes.
    expected = sorted(in_memory.findings, key=lambda f: -f.score)
    assert [(f.kind, f.light, f.bbox) for f in bench.findings] == [(f.kind, f.light, f.bbox) for f in expected]
    assert [f.bbox for f in bench.findings] != [f.bbox for f in on_capture]
    bench.set_reference(None)
    assert bench.rectified("visible") is None and bench.findings == on_capture
