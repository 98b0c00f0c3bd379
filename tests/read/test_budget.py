"""The reader's time budget: what it affords, where the reading stops on evidence, and what it says when it stops
early or asks a second engine. Clocks are faked: nothing here depends on how fast the machine is."""

import itertools

import pytest

import docexam.read.reader as reader
from docexam.mrz.correct import candidates_from_text, correct
from docexam.mrz.issues import IssueCode, issue_from_message
from docexam.read.budget import DEFAULT_LIMIT_MS, LIMIT_ENV, Budget, default_limit_ms
from docexam.read.reader import Engine, ReadResult, SecondEngine, SecondOutcome, read_gray
from docexam.specimens import FAMILIES, Kind, alter, random_specimen
from tests.conftest import TODAY
from tests.read.test_reader import _capture


def _ticking(step_s: float):
    """A clock that moves ``step_s`` seconds each time it is read."""
    count = itertools.count()
    return lambda: next(count) * step_s


def test_a_budget_affords_a_step_while_its_costliest_run_still_fits():
    b = Budget(100.0, clock=_ticking(0.010))  # 10 ms each time the clock is read
    assert b.affords("read", guess_ms=85.0)  # 10 ms spent, 90 left
    assert not b.affords("read", guess_ms=85.0)  # 20 spent, 80 left
    with b.step("read"):  # read at 30 and at 40 ms: it cost 10
        pass
    assert b.cost_ms("read") == pytest.approx(10.0)
    assert b.affords("read")  # 50 spent: its costliest run fits
    assert not b.affords("correct", guess_ms=60.0)  # 60 spent, 40 left
    b.skip("x")
    b.skip("x")
    assert b.skipped == ["x"] and b.cut_short


def test_an_unlimited_budget_never_runs_out_and_a_bad_limit_is_refused():
    b = Budget.unlimited()
    assert b.affords("anything", guess_ms=1e12) and b.wall_left_s() is None
    for bad in (0.0, -5.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="limit_ms"):
            Budget(bad)


def test_the_default_limit_is_380_ms_unless_the_environment_sets_another_or_none(monkeypatch):
    monkeypatch.delenv(LIMIT_ENV, raising=False)
    assert default_limit_ms() == DEFAULT_LIMIT_MS == Budget().limit_ms == 380.0
    monkeypatch.setenv(LIMIT_ENV, " 1500 ")
    assert Budget().limit_ms == 1500.0
    monkeypatch.setenv(LIMIT_ENV, "0")  # as --time-limit 0: the exhaustive search
    assert Budget().limit_ms is None and Budget().affords("anything", guess_ms=1e12)
    assert Budget(200.0).limit_ms == 200.0  # a limit passed wins over the environment
    for bad in ("fast", "-1", "nan", "inf"):
        monkeypatch.setenv(LIMIT_ENV, bad)
        with pytest.raises(ValueError, match=LIMIT_ENV):
            Budget()


def test_one_altered_digit_is_evidence_enough_and_a_shifted_reading_is_not():
    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    forged = [lines[0], lines[1][:13] + "8" + lines[1][14:]]  # a birth date digit changed
    c = correct(candidates_from_text(forged, confidence=0.999), today=TODAY)
    assert not c.result.valid and reader._settled(c)
    shifted = [lines[0], "<" + lines[1][:-1]]  # a grid one cell off: nearly every check fails
    c = correct(candidates_from_text(shifted, confidence=0.999), today=TODAY)
    assert not c.result.valid and not reader._settled(c)
    unsure = correct(candidates_from_text(forged, confidence=0.3), today=TODAY)
    assert not reader._settled(unsure)  # the recogniser's doubt is no evidence


def test_a_date_altered_into_no_date_is_evidence_enough_but_not_beside_another_field_s_failure():
    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    month_28 = [lines[0], lines[1][:15] + "2" + lines[1][16:]]  # birth date 742812: month 28, its check fails
    c = correct(candidates_from_text(month_28, confidence=0.999), today=TODAY)
    assert not c.result.valid and {i.code for i in c.result.errors} == {"check_digit", "date"}
    assert reader._settled(c)
    # the date error in another field than the one whose check fails: not one changed character's doing
    other = [lines[0], lines[1][:15] + "2" + lines[1][16:19] + "4" + lines[1][20:]]  # and its check digit made to fit
    c = correct(candidates_from_text(other, confidence=0.999), today=TODAY)
    failing = {ch.name for ch in c.result.checks if not ch.valid}
    dates = {i.field for i in c.result.errors if i.code == "date"}
    assert dates and not dates <= failing and not reader._settled(c)


def test_a_forged_check_digit_is_reported_without_searching_further(monkeypatch):
    specimen, _ = alter(random_specimen(FAMILIES["td2"], 12, today=TODAY), Kind.MRZ_CHECK_DIGIT, seed=4)
    asked = []
    monkeypatch.setattr(reader, "_second_engine", lambda *a: asked.append(a) or a[3:] + (None,))
    r = read_gray(_capture(specimen, seed=2, dpi=300), engine=Engine.AUTO, today=TODAY, budget=Budget.unlimited())
    assert r.correction.lines == specimen.mrz and not r.valid
    assert asked == [] and r.second_engine is None and r.skipped == ()


def test_a_reading_cut_short_by_its_budget_says_what_was_left_untried():
    specimen = random_specimen(FAMILIES["td3"], 21, today=TODAY)
    gray = _capture(specimen, rotation=180.0, seed=2, dpi=300)  # the first view read is upside down
    r = read_gray(gray, engine="ocrb", today=TODAY, budget=Budget(50.0, clock=_ticking(1.0)))
    assert r.found and not r.valid and r.skipped
    d = r.to_dict()
    assert d["skipped"] == list(r.skipped)
    cut = [i for i in d["issues"] if i["code"] == IssueCode.SEARCH_CUT_SHORT.value]
    assert len(cut) == 1 and cut[0]["severity"] == "warning" and cut[0]["message"] in d["warnings"]
    assert issue_from_message(cut[0]["message"]).code == IssueCode.SEARCH_CUT_SHORT.value
    again = read_gray(gray, engine="ocrb", today=TODAY, budget=Budget.unlimited())
    assert again.valid and again.skipped == () and "skipped" not in again.to_dict()


def test_a_second_engine_asked_says_why_and_what_it_changed(monkeypatch):
    from docexam.ocr import tesseract

    first = correct(candidates_from_text(["P<UTOERIKSSON<<ANNE<MARIA<<<<<<<<<<<<<<<<<<<",
                                          "L898902C36UTO7408122F1204159ZE184226B<<<<<10"], confidence=0.4), today=TODAY)
    second = correct(candidates_from_text(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                           "L898902C36UTO7408122F1204159ZE184226B<<<<<10"], confidence=0.999),
                     today=TODAY)
    monkeypatch.setattr(tesseract, "available", lambda: True)
    monkeypatch.setattr(reader, "_tesseract_reading", lambda region, today, *, timeout_s=None: (second, None))
    kept, engine, _, asked = reader._second_engine(None, TODAY, Budget.unlimited(), first, Engine.OCRB, None)
    assert kept is second and engine is Engine.TESSERACT and asked.outcome is SecondOutcome.ADOPTED
    assert [(c.line, c.column, c.read, c.corrected) for c in asked.changes] == [(0, 18, "E", "A")]
    assert "tesseract" in asked.message and "line 1 position 19 'E' -> 'A'" in asked.message
    assert SecondEngine.from_dict(asked.to_dict()).to_dict() == asked.to_dict()
    d = ReadResult(True, engine.value, kept, second_engine=asked).to_dict()
    assert d["second_engine"]["outcome"] == "adopted" and asked.message in d["warnings"]
    assert issue_from_message(asked.message).code == IssueCode.SECOND_ENGINE.value
    # no time left: not asked, and the result says so
    kept, engine, _, asked = reader._second_engine(None, TODAY, Budget(1.0, clock=_ticking(1.0)), first, Engine.OCRB, None)
    assert kept is first and engine is Engine.OCRB and asked.outcome is SecondOutcome.NOT_ASKED


def test_tesseract_past_its_deadline_is_not_started(monkeypatch):
    from docexam.ocr import tesseract

    monkeypatch.setattr(tesseract, "_pytesseract", lambda: pytest.fail("tesseract was started"))
    with pytest.raises(tesseract.TesseractTimeout):
        tesseract._call("image_to_string", None, deadline=0.0)


def test_a_td1_that_lost_a_line_is_looked_at_grown_both_ways_before_either_is_searched(monkeypatch):
    import numpy as np

    from docexam.read.locate import MRZRegion, cut_quad, locate_mrz

    specimen = random_specimen(FAMILIES["td1"], 5, today=TODAY)
    gray = _capture(specimen, seed=2, dpi=300)
    whole = locate_mrz(gray)
    assert whole.lines == 3
    tl, tr, br, bl = whole.corners.astype(np.float64)
    up = (bl - tl) / 3  # the located region without its last line: the grown region below is the right one
    corners = np.array([tl, tr, br - up, bl - up], np.float32)
    h, w = whole.crop.shape
    two = MRZRegion(cut_quad(gray, corners, w, round(h * 2 / 3)), 2, corners, whole.angle, whole.pitch_estimate)
    calls = []
    plain = reader._read_ocrb

    def recorded(region, *args, **kwargs):
        calls.append(kwargs.get("first_looks", False))
        return plain(region, *args, **kwargs)

    monkeypatch.setattr(reader, "_read_ocrb", recorded)
    notes = []
    c, _view, region = reader._ocrb_pass(gray, two, TODAY, True, Budget.unlimited(), notes)
    assert "a TD1 (3 x 30) whose third line was not located" in notes[0]
    assert c.lines == specimen.mrz and reader._confirmed(c) and region.lines == 3
    assert calls == [True, True]  # above (garbage) and below looked at; neither searched through every grid
    # the plain path, the region grown below searched as ever, reads the same
    searched, _ = plain(region, TODAY, budget=Budget.unlimited())
    assert searched.lines == c.lines and searched.confidence == c.confidence
