"""The reference library in the main window: References > Reference library opens the browser; once a case's MRZ
is read the MRZ panel proposes the library's matching references (genuine before synthetic), the examiner takes
another, the case is compared with it and the comparison records the reference and its annotation version; the
open case's document becomes a reference ("Use this document as a reference")."""

import datetime as dt

import pytest
from PySide6.QtCore import QSettings

from docexam.gui import reference_library
from docexam.gui.main_window import MainWindow
from docexam.paths import samples_dir
from docexam.references.model import Role
from docexam.store import Store
from docexam.store.library import ReferenceLibrary
from docexam.workbench import Workbench
from docexam.workbench.library import NewReference, add_synthetic, create_reference
from docexam.workbench.samples import ensure_sample_case
from docexam.workbench.tasks import reference_folder

SAMPLE = samples_dir() / "specimens" / "td3-genuine"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = Store.open(tmp_path / "cases.db")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Workbench(store), settings=settings, today=TODAY)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.cancel_all()
    win.runner.wait(20_000)
    store.close()


def wait_jobs(qtbot, win, timeout=180_000):
    qtbot.waitUntil(lambda: not win.runner.busy, timeout=timeout)


def test_the_mrz_read_proposes_the_librarys_references_and_the_comparison_records_the_version(qtbot, window, tmp_path):
    win = window
    library = ReferenceLibrary(win.store)
    synthetic = add_synthetic(library, reference_folder("td3", cache=tmp_path / "refs"))
    genuine = create_reference(win.store, NewReference("Utopia passport, genuine", dpi=300), paths=[SAMPLE]).summary
    other = add_synthetic(library, reference_folder("CSP-TD1-3", cache=tmp_path / "refs"))
    picker = win.reference_picker
    assert picker.choice is None and "Open a case" in picker.text.text()

    win.open_case(ensure_sample_case(win.store).id)
    wait_jobs(qtbot, win)
    assert win.last_error is None
    choice = picker.choice
    assert choice is not None and choice.picked.uid == genuine.uid  # genuine before synthetic
    assert [s.uid for s in choice.others] == [synthetic.uid] and other.uid not in {picker.options.itemData(i)
                                                                                   for i in range(picker.options.count())}
    assert "issuing state UTO, document code P and format TD3" in picker.text.text()
    assert picker.options.itemText(0).startswith("Proposed: Utopia passport, genuine")
    assert not picker.isHidden() and picker.use.isVisibleTo(picker)

    # The examiner picks the other one.
    assert picker.choose(synthetic.uid)
    picker.use.click()
    wait_jobs(qtbot, win)
    reference = win.workbench.reference
    assert reference.library == synthetic.uid and reference.version == 1
    assert win.workbench.reference_source.startswith("library reference passport data page (TD3)")
    assert "In use: library reference" in picker.text.text()
    assert set(win.compare_view.reference_images) == {"visible", "uv", "ir"}

    assert win.compare_with_reference() is not None
    wait_jobs(qtbot, win)
    assert win.last_error is None and win.workbench.comparison is not None
    stored = [f for f in win.store.show(win.workbench.case.summary.id).findings if f.kind == "comparison"]
    assert stored and stored[-1].detail["reference"]["library"] == synthetic.uid
    assert stored[-1].detail["reference"]["version"] == 1


def test_the_reference_library_menu_opens_the_browser_and_a_case_becomes_a_reference(qtbot, window, monkeypatch):
    win = window
    assert not win.act_as_reference.isEnabled()
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "Re&ferences")
    assert [a.text() for a in menu.actions()] == ["Reference &library…", "&Use this document as a reference…"]
    win.act_library.trigger()
    dialog = win.library_dialog
    assert dialog is not None and dialog.isVisible() and dialog.table.rowCount() == 0
    assert not dialog.case_button.isEnabled()

    win.open_case(ensure_sample_case(win.store).id)
    wait_jobs(qtbot, win)
    assert win.act_as_reference.isEnabled() and dialog.case_button.isEnabled()
    monkeypatch.setattr(reference_library.NewReferenceDialog, "exec",
                        lambda self: (self.name.setText("Utopia passport from case"), self.dpi.setValue(300), True)[-1])
    made = []
    dialog.created.connect(made.append)
    win.act_as_reference.trigger()
    wait_jobs(qtbot, win)
    assert win.last_error is None and len(made) == 1
    kind = ReferenceLibrary(win.store).show(made[0].summary.uid)
    assert kind.name == "Utopia passport from case" and not kind.synthetic and kind.format == "TD3"
    assert "case" in kind.specimens[0].provenance and kind.annotation.by_role(Role.MRZ)
    assert dialog.table.rowCount() == 1 and dialog.selected_uid() == kind.id
    # The new reference is proposed for the case it came from.
    assert win.reference_picker.choice is not None and win.reference_picker.choice.picked.uid == kind.id

    assert dialog.use_button.isEnabled()
    dialog.use_button.click()  # the browser's own way to compare the case with a reference
    wait_jobs(qtbot, win)
    assert win.workbench.reference.library == kind.id and win.workbench.reference.version == 1

    dialog.open_button.click()
    editor = win.reference_editors[kind.id]
    qtbot.waitUntil(lambda: editor.draft is not None, timeout=60_000)
    assert editor.isVisible() and set(editor.items) == {r.id for r in kind.annotation.regions}
