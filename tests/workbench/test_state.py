"""The workstation's state without Qt: limits, the follow-the-pointer zoom, locked panes, selecting a finding,
and every change of a case reaching the store and its audit trail."""

import numpy as np
import pytest

from docexam.compare.result import Comparison, Finding, FindingKind
from docexam.store import Store
from docexam.store.records import FindingRecord
from docexam.workbench import Adjustment, Channel, CompareMode, CompareState, ViewState, Workbench
from docexam.workbench.caseview import finding_from_record
from docexam.workbench.view import MAX_ZOOM, MIN_ZOOM, mm_per_pixel
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens"


def _recorder(signal):
    seen = []
    signal.connect(lambda *a: seen.append(a))
    return seen


# --- Adjustment ---------------------------------------------------------------------------------------------------


def test_identity_adjustment_returns_the_image_untouched():
    img = np.arange(48, dtype=np.uint8).reshape(4, 4, 3)
    assert Adjustment().apply(img) is img


def test_brightness_contrast_gamma_change_the_look_up_table_as_documented():
    a = Adjustment()
    a.set(gamma=2.0)
    lut = a.lut()
    assert lut[0] == 0 and lut[255] == 255 and lut[64] == round(255 * (64 / 255) ** 0.5)  # shadows lifted
    a.set(gamma=1.0, contrast=2.0)
    assert a.lut()[128] in (128, 129) and a.lut()[64] < 64 and a.lut()[192] > 192
    a.set(contrast=1.0, brightness=0.2)
    assert a.lut()[100] == 100 + 51


def test_channel_views():
    img = np.zeros((2, 2, 3), np.uint8)
    img[..., 0], img[..., 1], img[..., 2] = 10, 20, 60
    a = Adjustment()
    a.set(channel="green")
    assert a.apply(img).shape == (2, 2) and (a.apply(img) == 20).all()
    a.set(channel=Channel.GREY)
    assert (a.apply(img) == 22).all()  # luma, 0.299 R + 0.587 G + 0.114 B, as a grey scanner sees it


def test_the_adjusted_image_is_the_look_up_table_applied_to_each_pixel():
    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, (31, 47, 3), dtype=np.uint8)
    a = Adjustment()
    a.set(brightness=-0.1, contrast=1.7, gamma=0.6)
    assert np.array_equal(a.apply(img), a.lut()[img])
    a.set(channel="blue")
    assert np.array_equal(a.apply(img), a.lut()[img[..., 2]])


def test_adjustment_emits_only_on_change_and_validates_before_changing():
    a = Adjustment()
    seen = _recorder(a.events)
    a.set(brightness=0.0)
    assert seen == []
    a.set(brightness=0.1)
    assert len(seen) == 1
    with pytest.raises(ValueError, match="gamma must be from 0.1 to 10"):
        a.set(brightness=0.5, gamma=0)
    assert a.brightness == 0.1 and len(seen) == 1  # nothing changed
    with pytest.raises(ValueError, match="channel must be one of"):
        a.set(channel="infrared")
    with pytest.raises(ValueError, match="uint8"):
        a.apply(np.zeros((2, 2), np.float32))


# --- ViewState ----------------------------------------------------------------------------------------------------


def test_zoom_about_a_point_keeps_that_point_under_the_pointer():
    v = ViewState()
    v.set_viewport(800, 600)
    v.set_view(1.0, (400, 300))
    anchor = (500.0, 350.0)
    before = v.to_screen(*anchor)
    v.zoom_by(2.5, anchor=anchor)
    assert v.zoom == 2.5
    assert v.to_screen(*anchor) == pytest.approx(before)
    assert v.to_image(*v.to_screen(123, 45)) == pytest.approx((123, 45))


def test_zoom_stops_at_its_limits_and_pan_moves_by_screen_pixels():
    v = ViewState()
    v.zoom_by(1e6)
    assert v.zoom == MAX_ZOOM
    v.zoom_by(1e-9)
    assert v.zoom == MIN_ZOOM
    v.set_view(2.0, (100, 100))
    v.pan_by(40, -20)  # drag right and up: the image moves with the pointer
    assert v.centre == pytest.approx((80, 110))
    with pytest.raises(ValueError):
        v.zoom_by(0)
    with pytest.raises(ValueError):
        v.set_viewport(0, 10)


def test_fit_and_show_box():
    v = ViewState()
    v.set_viewport(1000, 500)
    v.fit((2000, 2000))
    assert v.zoom == pytest.approx(0.25 * 0.98) and v.centre == (1000, 1000)
    v.show_box((100, 200, 50, 20), margin=0.5)
    assert v.centre == (125, 210)
    x0, y0 = v.to_screen(100, 200)
    x1, y1 = v.to_screen(150, 220)
    assert 0 < x0 < x1 < 1000 and 0 < y0 < y1 < 500  # the whole box is on screen
    assert v.zoom == 8.0  # a small box: no closer than 8 screen pixels per image pixel
    v.show_box((0, 0, 400, 100), margin=0.5)  # 400 px and half its size either side fill the 1000 px width
    assert v.zoom == pytest.approx(1000 / 800) and v.centre == (200, 50)


def test_millimetres_per_pixel():
    assert mm_per_pixel(300) == pytest.approx(0.084666, rel=1e-4)
    with pytest.raises(ValueError):
        mm_per_pixel(0)


# --- CompareState -------------------------------------------------------------------------------------------------


def test_compare_state_names_what_changed_and_checks_ranges():
    c = CompareState()
    seen = _recorder(c.events)
    c.set_mode("overlay")
    c.set_mode(CompareMode.OVERLAY)
    c.set_opacity(0.25)
    c.set_flicker_hz(4)
    assert [s[0].signal.name for s in seen] == ["mode", "opacity", "flicker_hz"]
    assert c.flicker_interval_ms == 125
    with pytest.raises(ValueError, match="mode must be one of"):
        c.set_mode("blink")
    with pytest.raises(ValueError, match="opacity"):
        c.set_opacity(1.5)
    with pytest.raises(ValueError, match="flicker"):
        c.set_flicker_hz(100)


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


def test_a_fit_follows_the_viewport_until_the_examiner_zooms_or_pans():
    v = ViewState()
    v.set_viewport(400, 300)
    v.fit((800, 600))
    assert v.fitted and v.zoom == pytest.approx(0.49)
    v.set_viewport(800, 600)  # the window grew, or one pane became the whole view
    assert v.zoom == pytest.approx(0.98) and v.centre == (400.0, 300.0)
    v.zoom_by(2.0)
    assert not v.fitted
    v.set_viewport(400, 300)
    assert v.zoom == pytest.approx(1.96)  # the examiner's zoom is kept
    v.fit((800, 600))
    v.pan_by(10, 0)
    assert not v.fitted


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
