"""The workstation as an examiner and a trainee meet it on a real X server (run by ``test_desktop_xvfb.py`` under
``xvfb-run`` at 1366x768, Qt's xcb platform): what it saw is printed as one JSON object for the test to judge.

    xvfb-run -a -s "-screen 0 1366x768x24 -dpi 96" python tests/gui/xvfb_session.py OUT_DIR
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(out: Path) -> dict:
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from docexam.gui.main_window import MainWindow
    from docexam.store import Store
    from docexam.workbench import CompareMode, Workbench, training
    from docexam.workbench.samples import ensure_sample_case

    seen: dict = {"platform": None, "errors": []}
    app = QApplication.instance() or QApplication([sys.argv[0]])
    seen["platform"] = app.platformName()
    os.environ.setdefault("XDG_CACHE_HOME", str(out / "cache"))
    store = Store.open(out / "cases.db")
    settings = QSettings(str(out / "gui.ini"), QSettings.Format.IniFormat)

    def settle(window, seconds=180.0):
        end = time.monotonic() + seconds
        while window.runner.busy and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.005)

    def fit(window, name):
        """The window's frame and every visible dock, against the screen's available geometry."""
        avail = window.available_geometry()
        docks = {}
        for key, dock in window.docks.items():
            # A dock behind another's tab is "visible" but parked off-screen: only those on top are on screen.
            if dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty():
                top_left = dock.mapToGlobal(QPoint(0, 0))
                docks[key] = [top_left.x(), top_left.y(), dock.width(), dock.height()]
        seen[name] = {"available": rect(avail), "frame": rect(window.frameGeometry()), "docks": docks,
                      "image_area": [window.centre.width(), window.centre.height()]}

    window = MainWindow(Workbench(store), settings=settings)
    window.error_shown.connect(lambda title, text: seen["errors"].append(f"{title}: {text}"))
    window.show()
    QTest.qWaitForWindowExposed(window)
    settle(window)
    fit(window, "first_start")
    window.open_case(ensure_sample_case(store).id)
    settle(window)
    window.compare_with_reference()
    settle(window)
    fit(window, "compared")
    # The findings dock as the comparison leaves it (raised), with the line on the checks, and the checks' dialog.
    window.grab().toImage().save(str(out / "compared-findings.png"))
    panel = window.findings_panel
    button = panel.checks_button
    checks = {"summary": panel.checks_summary.text(), "summary_shown": panel.checks_summary.isVisible()
              and not panel.checks_summary.visibleRegion().isEmpty(), "button_shown": button.isVisible()
              and window.available_geometry().contains(button.mapToGlobal(button.rect().center()))}
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(window)
    dialog = panel.checks_dialog
    QTest.qWaitForWindowExposed(dialog)
    settle(window)
    dialog.grab().save(str(out / "checks-dialog.png"))
    close = dialog.buttons.button(dialog.buttons.StandardButton.Close)
    table = dialog.table
    checks |= {"frame": rect(dialog.frameGeometry()), "rows": dialog.rows(),
               "rows_visible": table.viewport().height() // max(1, table.rowHeight(0)),
               "close_on_screen": window.available_geometry().contains(close.mapToGlobal(close.rect().center())),
               "not_checked": dialog.not_checked.isVisible()}
    close.click()
    settle(window)
    checks["closed"] = not dialog.isVisible()
    seen["checks"] = checks
    window.workbench.compare.set_mode(CompareMode.HEATMAP)
    settle(window)
    q = window.compare_view.questioned_canvas
    legend = q.legend_rect()
    seen["heatmap"] = {"legend": None if legend is None else [legend.x(), legend.y(), legend.width(), legend.height()],
                       "canvas": [q.width(), q.height()], "message": q.message,
                       "summary": None if q.heat_summary is None else q.heat_summary.legend()}
    window.grab().toImage().save(str(out / "heatmap.png"))

    # Loupe and ruler keys work wherever the focus is (not only after clicking the image), except while typing.
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.findings_panel.setFocus()
    QTest.keyClick(window.findings_panel, Qt.Key.Key_L)
    app.processEvents()
    keys = {"loupe_from_panel": window.compare_view.questioned_canvas.loupe_on}
    QTest.keyClick(window.findings_panel, Qt.Key.Key_L)
    app.processEvents()
    keys["loupe_off_again"] = not window.compare_view.questioned_canvas.loupe_on
    window.docks["cases"].show()
    window.docks["cases"].raise_()
    window.browser.text.setFocus()
    QTest.keyClicks(window.browser.text, "lr")
    app.processEvents()
    keys |= {"typed": window.browser.text.text(), "loupe_after_typing": window.compare_view.questioned_canvas.loupe_on,
             "ruler_after_typing": window.compare_view.questioned_canvas.ruler_on}
    window.browser.text.clear()
    window.show_shortcuts()
    settle(window)
    window.shortcuts_dialog.grab().save(str(out / "shortcuts.png"))
    keys["shortcuts_dialog"] = rect(window.shortcuts_dialog.frameGeometry())
    window.shortcuts_dialog.close()
    seen["keys"] = keys

    # The trainer's dialog with the catalogue of designs shown, over the window.
    from docexam.gui.trainer import DesignChoice, GeneratePackDialog

    dialog = GeneratePackDialog(window, out=out / "not-written", seed=7)
    dialog.choose_designs(["CSP-TD1-3", "NVR-TD3-5", "UTO-TD3"])
    dialog.design_search.setText("caspiana")
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    settle(window)
    dialog.grab().save(str(out / "pack-dialog.png"))
    generate = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    listed = dialog.design_list
    seen["pack_dialog"] = {"frame": rect(dialog.frameGeometry()), "choice": dialog.choice.value,
                           "rows_visible": listed.viewport().height() // max(1, listed.rowHeight(0)),
                           "generate_on_screen": window.available_geometry().contains(
                               generate.mapToGlobal(generate.rect().center())),
                           "chosen": dialog.chosen_designs()}
    assert dialog.choice is DesignChoice.CHOSEN
    dialog.close()

    # The reference library's browser and a reference's editor, each within the screen with its buttons on it.
    from docexam.store.library import ReferenceLibrary
    from docexam.workbench.library import NewReference, add_synthetic, create_reference
    from docexam.workbench.tasks import reference_folder

    add_synthetic(ReferenceLibrary(store), reference_folder("td3"))
    made = create_reference(store, NewReference("Utopia passport", dpi=300), case=window.workbench.case.summary.id)
    library = window.show_reference_library()
    QTest.qWaitForWindowExposed(library)
    settle(window)
    library.grab().save(str(out / "reference-library.png"))
    avail = window.available_geometry()

    def on_screen(widget) -> bool:
        return avail.contains(widget.mapToGlobal(widget.rect().center()))

    seen["library"] = {"frame": rect(library.frameGeometry()), "rows": library.table.rowCount(),
                       "thumbnails": sum(not library.table.item(r, 0).icon().isNull()
                                         for r in range(library.table.rowCount())),
                       "buttons_on_screen": all(on_screen(b) for b in (library.new_button, library.case_button, library.design_button,
                                                                       library.open_button, library.use_button))}
    library.select(made.summary.uid)
    library.open_button.click()
    editor = window.reference_editors[made.summary.uid]
    QTest.qWaitForWindowExposed(editor)
    settle(window)
    editor.draft.select("mrz")
    settle(window)
    editor.grab().save(str(out / "reference-editor.png"))
    seen["editor"] = {"frame": rect(editor.frameGeometry()), "regions": len(editor.items),
                      "widgets_on_screen": all(on_screen(w) for w in (editor.save_button, editor.role,
                                                                       editor.expects["ir"], editor.history,
                                                                       editor.draw, editor.lights)),
                      "view": [editor.view.width(), editor.view.height()]}
    editor.close()
    library.close()

    pack = out / "pack"
    training.generate(training.PackOptions(count=2, families=("td1",), difficulty="normal", seed=9, out=pack))
    window.open_exercise(pack)
    settle(window)
    view, panel = window.exercise_view, window.exercise_panel
    trainee: dict = {"documents": []}
    for doc in ("doc-0001", "doc-0002", "doc-0001"):
        panel.select_document(doc)
        settle(window)
        trainee["documents"].append({"document": view.state.document, "shown": window.centre.currentWidget() is view,
                                     "aligned": bool(view.state.images and view.state.images.aligned),
                                     "image": None if view.canvas.image is None else list(view.canvas.image.shape),
                                     "reference": view.reference_canvas.image is not None})
    key = training.answer_key(pack)["doc-0001"]["alterations"]
    region = key[0]
    view.state.set_light(region.lights[0])
    settle(window)
    x, y, w, h = region.bbox
    a = view.view.to_screen(x + 3, y + 2)
    b = view.view.to_screen(x + w - 3, y + h - 2)
    left = Qt.MouseButton.LeftButton
    start, end = QPoint(round(a[0]), round(a[1])), QPoint(round(b[0]), round(b[1]))
    QTest.mousePress(view.canvas, left, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 6):
        QTest.mouseMove(view.canvas, start + (end - start) * (i / 5))
    QTest.mouseRelease(view.canvas, left, Qt.KeyboardModifier.NoModifier, end)
    settle(window)
    trainee["key_region"] = list(region.bbox)
    trainee["marks"] = [{"light": m.light, "bbox": list(m.bbox)} for m in panel.attempt.marks_of("doc-0001")]
    trainee["ticked"] = panel.answered_documents()
    window.grab().toImage().save(str(out / "exercise-marked.png"))
    panel.set_verdict("altered")
    panel.trainee.setText("A. Trainee")
    result = panel.submit_attempt()
    settle(window)
    trainee["found"] = None if result is None else result["documents"][0]["found"]
    trainee["key_shown"] = [list(r.bbox) for r in view.state.key]
    submit = panel.submit
    trainee["submit_on_screen"] = window.available_geometry().contains(
        submit.mapToGlobal(submit.rect().center()))
    seen["trainee"] = trainee
    fit(window, "exercise")
    window.grab().toImage().save(str(out / "exercise-key.png"))
    saved = rect(window.geometry())
    window.close()
    settings.sync()

    again = MainWindow(Workbench(store), settings=settings)
    again.show()
    QTest.qWaitForWindowExposed(again)
    settle(again)
    seen["restarted"] = {"saved": saved, "restored": rect(again.geometry())}
    fit(again, "restarted_fit")
    again.close()
    store.close()
    return seen


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    print("XVFB-SESSION " + json.dumps(main(target)))
