"""The library's references edited further from the workstation: their details (name, series, state, code,
format, issue period, notes) saved and audited without a new annotation version; a second genuine specimen added
from captures or from the open case, its variable areas learnt in a worker into a new version, a specimen of
another design refused with a message and nothing written; a region's UV fluorescence colour (a preset or one
picked) and IR expectation set in the editor and kept in a new version."""

import datetime as dt

import pytest
from PIL import Image
from PySide6.QtGui import QColor

from docexam.gui import reference_editor, reference_library
from docexam.gui.reference_details import AddSpecimenDialog, ReferenceDetailsDialog
from docexam.gui.reference_editor import ReferenceEditor
from docexam.gui.reference_library import COLUMNS, ReferenceLibraryDialog
from docexam.references.annotate import annotate
from docexam.references.model import Expect, Role
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from docexam.store import Store
from docexam.store import audit as audit_mod
from docexam.store.library import ReferenceLibrary, prepare_specimen
from docexam.workbench.library import FLUORESCENCE_COLOURS
from tests.conftest import TODAY, copy_sqlite


def _folder(root, code, seed):
    """A genuine document of design ``code`` for holder ``seed``, captured at 300 dpi in the three lights."""
    folder = root / f"{code}-{seed}"
    folder.mkdir()
    for light, image in render(random_specimen(design(code), seed, today=TODAY), dpi=300).items():
        Image.fromarray(image).save(folder / f"{light}.png", dpi=(300, 300))
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("specimens")
    return {"first": _folder(root, "ARC-TD3-1", 1), "second": _folder(root, "ARC-TD3-1", 2),
            "other design": _folder(root, "NVR-TD1-3", 1)}


@pytest.fixture(scope="module")
def filled(tmp_path_factory, folders):
    """A store holding a reference of one genuine specimen, annotated automatically (without OCR, for speed), made
    once: (its database file, the reference's uid)."""
    path = tmp_path_factory.mktemp("filled") / "c.db"
    with Store.open(path) as s:
        spec = prepare_specimen({p.stem: p for p in folders["first"].iterdir()}, source=str(folders["first"]))
        ann = annotate(spec.images, dpi=spec.dpi, specimen=spec.uid, today=TODAY, ocr=False)
        uid = ReferenceLibrary(s).create("Arcadia passport", specimens=[spec], annotation=ann, state="ARC",
                                         document_code="P", format="TD3").id
    return path, uid


@pytest.fixture
def store(tmp_path, filled):
    """The test's own copy of the filled store."""
    s = Store.open(copy_sqlite(filled[0], tmp_path / "c.db"))
    yield s
    s.close()


@pytest.fixture
def reference(store, filled):
    """The uid of the store's reference."""
    return filled[1]


def wait(qtbot, runner, timeout=180_000):
    qtbot.waitUntil(lambda: not runner.busy, timeout=timeout)


def browser(qtbot, store, uid, case=None):
    dialog = ReferenceLibraryDialog(store, case=case)
    qtbot.addWidget(dialog)
    wait(qtbot, dialog.runner)
    assert dialog.select(uid)
    return dialog


def trail(store, uid):
    with store._reader.connect() as conn:
        return audit_mod.entries(conn, uid)


def test_a_references_details_are_edited_saved_audited_and_keep_the_annotation_version(qtbot, store, reference,
                                                                                       monkeypatch):
    dialog = browser(qtbot, store, reference)
    before = ReferenceLibrary(store).show(reference)

    def answer(self):
        assert self.name.text() == "Arcadia passport" and self.state.text() == "ARC"
        self.name.setText("Arcadia passport, 2019 series")
        self.series.setText("2019")
        self.state.setText("arc")
        self.code.setText("PO")
        self.format.setCurrentIndex(self.format.findData("TD3"))
        self.issued_from.setText("2019-03-01")
        self.issued_until.setText("2024-12-31")
        self.notes.setPlainText("specimen booklet from the issuer")
        return True

    monkeypatch.setattr(ReferenceDetailsDialog, "exec", answer)
    described = []
    dialog.described.connect(described.append)
    dialog.details_button.click()
    wait(qtbot, dialog.runner)
    assert dialog.last_error is None and len(described) == 1
    kind = ReferenceLibrary(store).show(reference)
    assert (kind.name, kind.series, kind.state, kind.document_code, kind.format) == \
        ("Arcadia passport, 2019 series", "2019", "ARC", "PO", "TD3")
    assert (kind.issued_from, kind.issued_until) == (dt.date(2019, 3, 1), dt.date(2024, 12, 31))
    assert kind.notes == "specimen booklet from the issuer"
    assert kind.annotations == before.annotations and kind.annotation.version == 1
    last = trail(store, reference)[-1]
    assert last.action == "reference.describe"
    assert last.details["changed"]["name"] == ["Arcadia passport", "Arcadia passport, 2019 series"]
    assert last.details["changed"]["document_code"] == ["P", "PO"] and "format" not in last.details["changed"]
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).data(256) == reference)
    assert dialog.table.item(row, COLUMNS.index("Name")).text() == "Arcadia passport, 2019 series"
    assert dialog.table.item(row, COLUMNS.index("Issued")).text() == "2019-03-01 to 2024-12-31"
    assert dialog.table.item(row, COLUMNS.index("Series")).text() == "2019"
    assert store.verify().ok


def test_details_with_a_bad_date_or_code_are_not_saved(qtbot, store, reference, monkeypatch):
    kind = ReferenceLibrary(store).show(reference)
    details = ReferenceDetailsDialog(kind)
    qtbot.addWidget(details)
    details.issued_from.setText("1 March 2019")
    details.buttons.accepted.emit()
    assert details.result() == 0 and not details.problem.isHidden() and "YYYY-MM-DD" in details.problem.text()

    dialog = browser(qtbot, store, reference)
    monkeypatch.setattr(ReferenceDetailsDialog, "exec", lambda self: (self.state.setText("A1"), True)[-1])
    assert not dialog.edit_details()
    title, text = dialog.last_error
    assert title == "Reference details" and "A1" in text and "Traceback" not in text
    assert ReferenceLibrary(store).show(reference) == kind and trail(store, reference)[-1].action != "reference.describe"


def test_a_second_specimen_from_captures_teaches_the_personalised_areas_in_a_new_version(qtbot, store, reference,
                                                                                          folders, monkeypatch):
    dialog = browser(qtbot, store, reference)
    assert dialog.specimen_button.isEnabled() and not dialog.specimen_from_case.isEnabled()  # no case open
    before = ReferenceLibrary(store).show(reference)
    monkeypatch.setattr(reference_library.QFileDialog, "getExistingDirectory",
                        lambda *args: str(folders["second"]))
    monkeypatch.setattr(AddSpecimenDialog, "exec",
                        lambda self: (self.provenance.setText("genuine document, another holder"), True)[-1])
    added = []
    dialog.specimens_added.connect(added.append)
    dialog.specimen_from_captures.trigger()
    assert dialog.busy.isVisibleTo(dialog) and not dialog.specimen_button.isEnabled()
    wait(qtbot, dialog.runner)
    assert dialog.last_error is None and len(added) == 1
    assert added[0].added == 1 and added[0].learnt_version == 2 and added[0].summary.specimens == 2
    kind = ReferenceLibrary(store).show(reference)
    assert len(kind.specimens) == 2 and kind.specimens[1].provenance == "genuine document, another holder"
    assert [a.version for a in kind.annotations] == [1, 2]
    learnt = kind.annotation
    assert learnt.specimen == before.annotation.specimen and "learnt from 2 specimens" in learnt.note
    assert learnt.by_role(Role.PERSONALISED) and any(r.confidence == 0.9 for r in learnt.by_role(Role.PERSONALISED))
    # Every other region is kept as it was, but for a portrait whose sides the two holders' photos showed
    # (references.variable): the same region, no larger, and saying so.
    kept = {r.id: r for r in before.annotation.regions if r.role is not Role.PERSONALISED}
    now = [r for r in learnt.regions if r.role is not Role.PERSONALISED]
    assert [r.id for r in now] == list(kept)
    for r in (r for r in now if r != kept[r.id]):
        (x, y, w, h), (x0, y0, w0, h0) = r.box, kept[r.id].box
        assert r.role is Role.PORTRAIT and r.role is kept[r.id].role and "photos end" in r.note
        assert x0 <= x and y0 <= y and x + w <= x0 + w0 and y + h <= y0 + h0
    assert trail(store, reference)[-1].action == "reference.annotate"
    assert dialog.selected_uid() == reference and not dialog.busy.isVisibleTo(dialog)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).data(256) == reference)
    assert dialog.table.item(row, COLUMNS.index("Specimens")).text() == "2"
    assert dialog.table.item(row, COLUMNS.index("Version")).text() == "v2"
    assert store.verify().ok


def test_the_open_cases_document_is_added_as_a_specimen(qtbot, store, reference, folders, monkeypatch):
    case = store.create_case("Arcadia passport of another holder")
    for light in ("visible", "uv", "ir"):
        store.attach(case.id, folders["second"] / f"{light}.png", light=light)
    dialog = browser(qtbot, store, reference, case=case.id)
    assert dialog.specimen_from_case.isEnabled()
    asked = []
    monkeypatch.setattr(AddSpecimenDialog, "exec", lambda self: (asked.append(self.windowTitle()), True)[-1])
    dialog.specimen_from_case.trigger()
    wait(qtbot, dialog.runner)
    assert dialog.last_error is None and asked == ["Add a specimen"]
    kind = ReferenceLibrary(store).show(reference)
    assert len(kind.specimens) == 2 and f"case {case.reference}" in kind.specimens[1].provenance
    assert kind.annotation.version == 2 and "learnt from 2 specimens" in kind.annotation.note


def test_a_specimen_of_another_design_is_refused_with_a_message_and_nothing_is_written(qtbot, store, reference,
                                                                                       folders):
    before = ReferenceLibrary(store).show(reference)
    dialog = browser(qtbot, store, reference)
    dialog.start_add_specimens(reference, paths=[folders["other design"]])
    wait(qtbot, dialog.runner)
    title, text = dialog.last_error
    assert title == "Add a specimen" and "not one design" in text and "nothing was written" in text
    assert "Traceback" not in text
    assert ReferenceLibrary(store).show(reference) == before


@pytest.fixture
def editor(qtbot, store, reference):
    ed = ReferenceEditor(store, reference)
    qtbot.addWidget(ed)
    ed.resize(1300, 720)
    ed.show()
    with qtbot.waitSignal(ed.loaded, timeout=60_000):
        pass
    return ed


def test_a_regions_uv_fluorescence_colour_and_ir_expectation_are_kept_in_a_new_version(qtbot, editor, store,
                                                                                      monkeypatch):
    ed = editor
    ed.draft.add((100, 80, 120, 60))
    rid = ed.draft.selected
    assert not ed.uv_colour.isEnabled()  # nothing glows yet
    ed.role.setCurrentIndex(ed.role.findData(Role.UV_FEATURE.value))
    ed.expects["uv"].setCurrentIndex(ed.expects["uv"].findData(Expect.FLUORESCES.value))
    assert ed.uv_colour.isEnabled() and ed.uv_colour.currentIndex() == 0
    ed.uv_colour.setCurrentIndex(ed.uv_colour.findData(list(FLUORESCENCE_COLOURS["green"])))
    ed.expects["ir"].setCurrentIndex(ed.expects["ir"].findData(Expect.DROPS_OUT.value))
    uv = next(e for e in ed.draft.region(rid).expectations if e.light == "uv")
    assert uv.colour == FLUORESCENCE_COLOURS["green"] and ed.draft.region(rid).expects("ir") is Expect.DROPS_OUT
    ed.set_light("uv")
    assert ed.items[rid].label.text() == "UV feature · fluoresces (green)"

    ed.note.setText("UV emblem glows green")
    ed.save_button.click()
    assert ed.last_error is None
    kept = ReferenceLibrary(store).show(ed.uid).annotation
    assert kept.version == 2 and kept.region(rid).role is Role.UV_FEATURE
    assert {(e.light, e.expect, e.colour) for e in kept.region(rid).expectations} == \
        {("uv", Expect.FLUORESCES, FLUORESCENCE_COLOURS["green"]), ("ir", Expect.DROPS_OUT, None)}

    # Another colour picked in Qt's colour dialog; shown as its own item afterwards; cancelling keeps it.
    monkeypatch.setattr(reference_editor.QColorDialog, "getColor", lambda *args: QColor(10, 200, 180))
    ed.uv_colour.setCurrentIndex(ed.uv_colour.findData(reference_editor.OTHER_COLOUR))
    assert next(e for e in ed.draft.region(rid).expectations if e.light == "uv").colour == (10, 200, 180)
    assert ed.uv_colour.currentText() == "#0ac8b4"
    monkeypatch.setattr(reference_editor.QColorDialog, "getColor", lambda *args: QColor())  # cancelled
    ed.uv_colour.setCurrentIndex(ed.uv_colour.findData(reference_editor.OTHER_COLOUR))
    assert ed.uv_colour.currentText() == "#0ac8b4"
    ed.save_button.click()
    kept = ReferenceLibrary(store).show(ed.uid).annotation
    assert kept.version == 3 and next(e for e in kept.region(rid).expectations if e.light == "uv").colour == \
        (10, 200, 180)

    # No longer glowing: the colour goes with it.
    ed.expects["uv"].setCurrentIndex(ed.expects["uv"].findData(Expect.DULL.value))
    assert not ed.uv_colour.isEnabled() and ed.uv_colour.currentIndex() == 0
    assert ed.draft.region(rid).expects("uv") is Expect.DULL


def test_the_main_windows_open_editor_follows_details_and_specimens_changed_in_the_browser(qtbot, store, reference,
                                                                                           folders, tmp_path,
                                                                                           monkeypatch):
    from PySide6.QtCore import QSettings

    from docexam.gui.main_window import MainWindow
    from docexam.workbench import Workbench
    from docexam.workbench.library import TypeDescription

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    win = MainWindow(Workbench(store), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                     today=TODAY)
    qtbot.addWidget(win)
    win.show()
    proposed = []
    monkeypatch.setattr(win, "propose_reference", lambda: proposed.append(True))
    dialog = win.show_reference_library()
    editor = win.open_reference_editor(reference)
    qtbot.waitUntil(lambda: editor.draft is not None, timeout=60_000)
    assert dialog.save_details(reference, TypeDescription("Arcadia passport, 2019 series", "ARC", "P", "TD3", "2019"))
    assert "Arcadia passport, 2019 series" in editor.heading.text() and "series 2019" in editor.heading.text()
    assert editor.windowTitle() == "Reference Arcadia passport, 2019 series" and proposed == [True]
    dialog.start_add_specimens(reference, paths=[folders["second"]])
    qtbot.waitUntil(lambda: not win.runner.busy, timeout=180_000)
    assert dialog.last_error is None and "2 specimen(s)" in editor.heading.text()
    assert editor.history.count() == 2 and editor.history.item(0).text().startswith("v2") and len(proposed) == 2
    win.runner.wait(20_000)
