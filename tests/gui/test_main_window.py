"""The main window over a real store: the examiner's whole path through it (the end-to-end test), and its desktop
manners: remembered layout and recent cases, errors that leave the work on screen, the checkpoint's bundle."""

import datetime as dt
import zipfile

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidget, QToolBar

from docexam.gui.main_window import MainWindow, UiWatch
from docexam.paths import samples_dir
from docexam.store import Store
from docexam.workbench import Workbench
from docexam.workbench.comparison import CompareMode
from docexam.workbench.samples import SAMPLE_FOLDER

SAMPLE = samples_dir() / "specimens" / SAMPLE_FOLDER
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def window(qtbot, tmp_path, settings, monkeypatch):
    # The reference specimen is rendered into the user's cache folder: keep it inside the test's folder.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = Store.open(tmp_path / "cases.db")
    win = MainWindow(Workbench(store), settings=settings, today=TODAY)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.cancel_all()
    win.runner.wait(20_000)
    store.close()


@pytest.fixture
def window_az(qapp, qtbot, tmp_path, settings, monkeypatch):
    """The same window in Azerbaijani (the workstation's catalogue and the words of the layers below); English
    again after."""
    from docexam import i18n
    from docexam.gui import i18n as gui_i18n

    gui_i18n.install(qapp, "az")
    i18n.set_language("az")
    try:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        store = Store.open(tmp_path / "cases.db")
        win = MainWindow(Workbench(store), settings=settings, today=TODAY)
        qtbot.addWidget(win)
        win.show()
        yield win
        win.runner.cancel_all()
        win.runner.wait(20_000)
        store.close()
    finally:
        gui_i18n.install(qapp, "en")
        i18n.set_language(None)


def wait_jobs(qtbot, win, timeout=120_000):
    qtbot.waitUntil(lambda: not win.runner.busy, timeout=timeout)


def no_errors(win):
    assert win.last_error is None, win.last_error


def test_the_examiners_path_from_new_case_to_pdf_report(qtbot, window, tmp_path):
    """New case, three captures imported (their MRZ read in the background), the reference specimen loaded, the
    comparison run and shown, a verdict recorded, the PDF report written and read back."""
    win, bench = window, window.workbench
    win.new_case("UTO passport presented at border post 4")
    assert bench.case is not None and bench.case.captures == []
    assert not win.act_compare.isEnabled()

    jobs = win.import_files(sorted(SAMPLE.glob("*.jpg")))
    assert len(jobs) == 3
    wait_jobs(qtbot, win)
    no_errors(win)
    assert sorted(c.light for c in bench.case.captures) == ["ir", "uv", "visible"]
    assert bench.light == "visible"  # whichever import finished first, the examination starts in visible light

    # The MRZ was read in the background and is in the panel, character by character.
    assert bench.case.reading is not None and bench.case.reading.valid
    lines = ["".join(ch for ch, _colour in line) for line in win.mrz_panel.char_colours()]
    assert lines == list(bench.case.reading.lines) and lines[0].startswith("P<UTO")

    # The TD3 reference specimen came with the reading.
    qtbot.waitUntil(lambda: win.workbench.reference is not None, timeout=60_000)
    assert win.workbench.reference.family == "td3" and win.act_compare.isEnabled()

    job = win.compare_with_reference()
    assert job is not None
    wait_jobs(qtbot, win, timeout=180_000)
    no_errors(win)
    comparison = bench.comparison
    assert comparison is not None
    assert bench.compare.mode is CompareMode.SIDE_BY_SIDE
    # The substituted photograph is named as such, and listed first in the findings panel.
    portrait = [f for f in comparison.alarms if f.region == "portrait" and f.light == "visible"]
    assert portrait, [(f.kind, f.light, f.region, f.score) for f in comparison.findings]
    shown = win.findings_panel.shown()
    assert len(shown) == len(bench.findings) > 0
    assert bench.findings[shown[0]].score == max(f.score for f in bench.findings)

    # Selecting a finding zooms to it.
    zoom_before = bench.view.zoom
    i = bench.findings.index(portrait[0])
    bench.select_finding(i)
    assert bench.selected == i and bench.view.zoom > zoom_before

    # Each heat-map mode paints (no exception on the way) with the comparison in place.
    for mode in CompareMode:
        bench.compare.set_mode(mode)
        win.compare_view.grab()

    win.case_panel.verdict.setCurrentIndex(win.case_panel.verdict.findData("forged/altered"))
    win.case_panel.verdict_note.setText("photograph substituted")
    win.case_panel.set_verdict.click()
    no_errors(win)
    assert bench.case.summary.verdict == "forged/altered"

    out = tmp_path / "report.pdf"
    win.export_report(out)
    wait_jobs(qtbot, win)
    no_errors(win)
    pdf = PdfReader(out)
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 3
    assert bench.case.summary.reference in text
    assert "forged/altered" in text.lower()
    assert "portrait" in text.lower()
    for c in bench.case.captures:
        assert c.sha256[:16] in text.replace("\n", "")

    # Every step landed in the audit trail.
    actions = " ".join(e.action for e in bench.case.audit)
    for word in ("case.create", "capture.add", "finding.add", "case.verdict"):
        assert word in actions, actions


def test_the_examiners_path_in_azerbaijani(qtbot, window_az, tmp_path):
    """The same path with the workstation and the report in Azerbaijani: the menus, the status bar and the panels
    speak it, the codes stay codes (the verdict stored is forged/altered), and the report is issued in it."""
    win = window_az
    assert [a.text() for a in win.menuBar().actions()][:3] == ["&Fayl", "&Ekspertiza", "&Etalonlar"]
    win.new_case("UTO pasportu, 4 saylı sərhəd məntəqəsi")
    win.import_files(sorted(SAMPLE.glob("*.jpg")))
    wait_jobs(qtbot, win)
    no_errors(win)
    qtbot.waitUntil(lambda: win.workbench.reference is not None, timeout=60_000)
    win.compare_with_reference()
    wait_jobs(qtbot, win, timeout=180_000)
    no_errors(win)
    bench = win.workbench
    assert bench.comparison is not None and bench.comparison.alarms
    assert "müqayisə olundu" in win.statusBar().currentMessage()
    assert "aşkarlanan əlamət" in win.findings_panel.count.text()
    assert win.findings_panel.table.horizontalHeaderItem(0).text() == "Aşkarlanan"
    assert win.compare_view.questioned_canvas._caption.startswith("Tədqiq olunan")
    assert win.mrz_panel.verdict.text() and "ETİBARLI" in win.mrz_panel.verdict.text()
    win.case_panel.verdict.setCurrentIndex(win.case_panel.verdict.findData("forged/altered"))
    win.case_panel.verdict_note.setText("fotoşəkil dəyişdirilib")
    win.case_panel.set_verdict.click()
    no_errors(win)
    assert bench.case.summary.verdict == "forged/altered"  # a code, whatever the language
    out = tmp_path / "hesabat.pdf"
    win.export_report(out)
    wait_jobs(qtbot, win)
    no_errors(win)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert bench.case.summary.reference in text and "fotoşəkil dəyişdirilib" in text


def test_a_bad_file_fails_alone_with_its_name_in_the_message(qtbot, window, tmp_path):
    win = window
    win.new_case("mixed batch")
    bad = tmp_path / "scan_uv.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    errors = []
    win.error_shown.connect(lambda title, text: errors.append((title, text)))
    win.import_files([bad, SAMPLE / "visible.jpg"])
    wait_jobs(qtbot, win)
    assert len(errors) == 1 and "scan_uv.png" in errors[0][1]
    assert [c.light for c in win.workbench.case.captures] == ["visible"]


def test_importing_without_a_case_says_what_to_do(window):
    assert window.import_files([SAMPLE / "visible.jpg"]) == []
    assert "Open or create a case" in window.last_error[1]


def test_comparing_without_a_reference_is_refused_with_the_reason(window):
    window.new_case("no reference yet")
    assert window.compare_with_reference() is None
    assert "reference" in window.last_error[1]


def test_layout_and_recent_cases_are_remembered(qtbot, tmp_path, settings, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = Store.open(tmp_path / "cases.db")
    try:
        win = MainWindow(Workbench(store), settings=settings)
        qtbot.addWidget(win)
        win.resize(777, 707)  # the offscreen screen is 800 wide; restoring clamps to it
        win.show()
        win.new_case("first")
        win.new_case("second")
        win.docks["mrz"].hide()
        size = win.size()
        win.close()
        settings.sync()
        again = MainWindow(Workbench(store), settings=settings)
        qtbot.addWidget(again)
        again.show()
        assert [label.split(" — ")[1] for _i, label in again.recent_cases()] == ["second", "first"]
        assert again.size() == size and size.width() != 1400  # not the first-start default
        assert not again.docks["mrz"].isVisible()
        assert [a.text() for a in again.recent_menu.actions()][0].endswith("second")
        again.recent_menu.actions()[1].trigger()
        assert again.workbench.case.summary.title == "first"
        again.close()
    finally:
        store.close()


def test_opening_a_missing_case_shows_an_error_and_keeps_the_open_one(window):
    window.new_case("kept")
    window.open_case(999_999)
    assert "999999" in window.last_error[1]
    assert window.workbench.case.summary.title == "kept"


def test_the_days_cases_go_into_one_bundle_and_come_back(qtbot, window, tmp_path):
    win = window
    win.new_case("checkpoint one")
    win.new_case("checkpoint two")
    out = tmp_path / "today.zip"
    job = win.export_today(out)
    assert job is not None
    wait_jobs(qtbot, win)
    no_errors(win)
    with zipfile.ZipFile(out) as z:
        assert "manifest.json" in z.namelist()

    other = Store.open(tmp_path / "centre.db")
    try:
        centre = MainWindow(Workbench(other), settings=QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(centre)
        centre.import_bundle(out)
        wait_jobs(qtbot, centre)
        no_errors(centre)
        assert sorted(c.title for c in other.list_cases()) == ["checkpoint one", "checkpoint two"]
        centre.runner.wait(5000)
    finally:
        other.close()


def test_mode_and_light_actions_drive_the_workbench(qtbot, window, add_capture):
    import numpy as np

    win, bench = window, window.workbench
    add_capture(bench, "visible", np.full((60, 80, 3), 200, np.uint8))
    add_capture(bench, "uv", np.full((60, 80, 3), 40, np.uint8))
    win.mode_actions[CompareMode.OVERLAY].trigger()
    assert bench.compare.mode is CompareMode.OVERLAY
    win.light_actions["uv"].trigger()
    assert bench.light == "uv"
    bench.set_light("visible")
    assert win.light_actions["visible"].isChecked()
    win.opacity.setValue(25)
    assert bench.compare.opacity == pytest.approx(0.25)


def test_the_ui_watch_sees_a_blocked_event_loop(qtbot):
    import time

    watch = UiWatch()
    watch.start()
    qtbot.wait(50)
    time.sleep(0.25)  # the UI thread held up, as a slow slot would
    qtbot.wait(50)
    assert watch.stop() >= 200


def test_no_two_actions_share_a_shortcut(window):
    from PySide6.QtGui import QAction

    seen = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert len(seen) >= 15


def test_a_trainer_hands_out_a_pack_and_a_trainee_opens_it(qtbot, window, tmp_path):
    from docexam.workbench import training
    from tests.workbench.test_training import options

    pack = tmp_path / "pack"
    training.generate(options(pack, count=2, seed=9))
    out = tmp_path / "handout.zip"
    window.hand_out_pack(pack, out, with_keys=True)
    wait_jobs(qtbot, window)
    no_errors(window)
    job = window.open_exercise(out, unpack_to=tmp_path / "trainee")
    wait_jobs(qtbot, window)
    no_errors(window)
    assert job.result.parent == tmp_path / "trainee"
    assert window.docks["exercise"].isVisible()
    assert window.exercise_panel.pack == job.result
    # A damaged handout is refused with its reason; the exercise on screen stays.
    bad = tmp_path / "bad.zip"
    bad.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    window.open_exercise(bad, unpack_to=tmp_path / "trainee")
    wait_jobs(qtbot, window)
    assert "bad.zip was not opened" in window.last_error[1]
    assert window.exercise_panel.pack == job.result


def test_the_trainee_sees_each_document_marks_it_with_the_mouse_and_sees_the_key(qtbot, window, tmp_path, mouse):
    from docexam.workbench import training
    from tests.workbench.test_training import options

    pack = tmp_path / "pack"
    training.generate(options(pack, count=2, seed=9))
    window.open_exercise(pack)
    wait_jobs(qtbot, window)
    no_errors(window)
    view, panel = window.exercise_view, window.exercise_panel
    assert window.centre.currentWidget() is view
    assert view.state.document == "doc-0001" and view.state.images.aligned
    first = view.canvas.image
    assert first is not None and view.reference_canvas.image is not None
    panel.select_document("doc-0002")
    wait_jobs(qtbot, window)
    assert view.state.document == "doc-0002" and view.canvas.image is not None and view.canvas.image is not first
    panel.select_document("doc-0001")  # kept: shown at once, no job
    assert view.canvas.image is first and not window.runner.busy
    key = training.answer_key(pack)["doc-0001"]["alterations"]
    assert key  # seed 9 alters doc-0001
    x, y, w, h = key[0].bbox
    view.state.set_light(key[0].lights[0])
    mouse.drag(view.canvas, view.view.to_screen(x, y), view.view.to_screen(x + w, y + h))
    marks = list(panel.attempt.marks_of("doc-0001"))
    assert len(marks) == 1 and abs(marks[0].bbox[0] - x) <= 2 and abs(marks[0].bbox[2] - w) <= 3
    assert marks[0].light == view.state.light and panel.marks.count() == 1
    assert panel.answered_documents() == ["doc-0001"]
    assert view.canvas.marks == marks
    panel.trainee.setText("T. Rainee")
    result = panel.submit_attempt()
    assert result is not None
    assert view.state.key == tuple(key)
    assert result["documents"][0]["found"] == 1  # the mouse-drawn mark, in the key's frame, found it
    # Opening a case brings the examiner's view back.
    window.new_case("After the exercise")
    assert window.centre.currentWidget() is window.compare_view


def test_loupe_and_ruler_are_toolbar_toggles_and_every_shortcut_is_listed_in_help(qtbot, window):
    toolbar = window.findChild(QToolBar, "toolbar-compare")
    assert window.act_loupe in toolbar.actions() and window.act_ruler in toolbar.actions()
    q, r = window.compare_view.questioned_canvas, window.compare_view.reference_canvas
    window.act_loupe.trigger()
    assert q.loupe_on and r.loupe_on and window.act_loupe.isChecked()
    q.toggle_ruler()  # the canvas's own key (R with the image focused) keeps the toggle in step
    assert window.act_ruler.isChecked()
    window.act_ruler.trigger()
    window.act_loupe.trigger()
    assert not q.ruler_on and not r.ruler_on and not q.loupe_on and not window.act_loupe.isChecked()
    window.act_shortcuts.trigger()
    dialog = window.shortcuts_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Keyboard shortcuts"
    rows = window.shortcut_rows()
    assert ("View", "Questioned", "Ctrl+2") in rows and ("View", "Loupe", "L") in rows
    assert ("View", "Ruler", "R") in rows and any(row[0] == "Image" and row[2] == "1" for row in rows)
    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == len(rows)
    dialog.close()
    window.activateWindow()
    window.browser.text.setFocus()
    qtbot.keyClicks(window.browser.text, "lr")  # typed into the search field, not taken as shortcuts
    assert window.browser.text.text() == "lr" and not q.loupe_on and not q.ruler_on


def test_a_report_without_a_verdict_is_exported_only_when_the_examiner_confirms(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    win = window
    win.new_case("no verdict yet")
    asked, saved = [], []
    answer = QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: asked.append(text) or answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: saved.append(a) or ("", ""))
    win.report_dialog()
    assert len(asked) == 1 and "NO VERDICT YET" in asked[0] and saved == []  # cancelled: no file asked for
    answer = QMessageBox.StandardButton.Yes
    win.report_dialog()
    assert len(asked) == 2 and len(saved) == 1  # confirmed: the file dialog follows
    win.store.set_verdict(win.workbench.case.summary.id, "genuine", note="all checks passed")
    win.workbench.refresh()
    win.report_dialog()
    assert len(asked) == 2 and len(saved) == 2  # a verdict: no question


def test_the_comparison_modes_keys_are_shown_on_their_buttons_and_in_the_view_menu(window):
    from docexam.workbench import CompareMode

    toolbar = window.findChild(QToolBar, "toolbar-compare")
    tips = [a.toolTip() for a in toolbar.actions() if a in window.mode_actions.values()]
    assert tips == [f"{a.text()} (Ctrl+{i})" for i, a in enumerate(window.mode_actions.values(), start=2)]
    assert len(tips) == len(CompareMode)
    sections = [a.text() for a in window.view_menu.actions() if a.isSeparator() and a.text()]
    assert sections == ["Light (Alt+1 to Alt+3)",
                        f"Comparison mode (Ctrl+2 to Ctrl+{len(CompareMode) + 1}; Ctrl+0 fit, Ctrl+1 actual pixels)"]
    assert window.act_compare.toolTip() == "Compare with reference (Ctrl+R)"
    assert window.act_loupe.toolTip() == "A round magnifier at the pointer over the image (L)"
