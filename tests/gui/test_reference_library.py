"""The reference library's browser and editor over a real store: the references listed with thumbnails and marks,
searched; a reference made from a dropped folder (its automatic annotation in a worker) and a bad one refused with a
message; a region moved with the mouse, another drawn, roles and expectations set, saved as a new version and read
back from the library."""

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from docexam.gui import reference_library
from docexam.gui.reference_editor import ReferenceEditor
from docexam.gui.reference_library import COLUMNS, ReferenceLibraryDialog
from docexam.paths import samples_dir
from docexam.references.model import Expect, Role, Source
from docexam.store import Store
from docexam.store.library import ReferenceLibrary
from docexam.workbench.library import NewReference, add_synthetic, create_reference
from docexam.workbench.tasks import reference_folder
from tests.conftest import copy_sqlite

SAMPLE = samples_dir() / "specimens" / "td3-genuine"


@pytest.fixture(scope="module")
def generator_td3(tmp_path_factory):
    return reference_folder("td3", cache=tmp_path_factory.mktemp("cache"))


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "c.db")
    yield s
    s.close()


@pytest.fixture
def library(store, generator_td3):
    lib = ReferenceLibrary(store)
    add_synthetic(lib, generator_td3)
    return lib


def wait(qtbot, runner, timeout=120_000):
    qtbot.waitUntil(lambda: not runner.busy, timeout=timeout)


def cell(dialog, row, column):
    return dialog.table.item(row, COLUMNS.index(column)).text()


def test_the_browser_lists_the_references_with_thumbnails_and_marks_the_synthetic_ones(qtbot, store, library):
    create_reference(store, NewReference("Utopia passport, genuine", dpi=300), paths=[SAMPLE])
    dialog = ReferenceLibraryDialog(store)
    qtbot.addWidget(dialog)
    wait(qtbot, dialog.runner)
    assert dialog.table.rowCount() == 2 and dialog.count.text() == "2 of 2"
    rows = {cell(dialog, r, "Name"): r for r in range(2)}
    genuine, synthetic = rows["Utopia passport, genuine"], rows["passport data page (TD3) (UTO-TD3)"]
    assert [cell(dialog, genuine, c) for c in ("State", "Code", "Format", "Specimens", "Version", "Kind")] == \
        ["UTO", "P", "TD3", "1", "v1", "genuine"]
    assert cell(dialog, synthetic, "Kind") == "synthetic" and cell(dialog, synthetic, "Series") == "UTO-TD3"
    assert dialog.table.item(synthetic, 1).background().color().name() == reference_library.SYNTHETIC_TINT
    assert all(not dialog.table.item(r, 0).icon().isNull() for r in range(2))  # the thumbnails came from the worker

    dialog.search.setText("genuine uto")
    assert dialog.table.rowCount() == 1 and cell(dialog, 0, "Name") == "Utopia passport, genuine"
    dialog.search.setText("td1")
    assert dialog.table.rowCount() == 0 and dialog.count.text() == "0 of 2"
    dialog.search.setText("synthetic")
    assert dialog.table.rowCount() == 1
    opened = []
    dialog.open_requested.connect(opened.append)
    dialog.table.selectRow(0)
    assert not dialog.use_button.isEnabled()  # no case open to compare
    dialog.open_button.click()
    assert opened == [dialog.summaries[synthetic].uid] or opened == [s.uid for s in dialog.shown()]


def test_a_dropped_specimen_folder_becomes_an_annotated_reference(qtbot, store, monkeypatch):
    dialog = ReferenceLibraryDialog(store)
    qtbot.addWidget(dialog)
    asked = []

    def answer(self):
        asked.append(self.name.text())
        self.dpi.setValue(300)
        return True

    monkeypatch.setattr(reference_library.NewReferenceDialog, "exec", answer)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    made = []
    dialog.created.connect(made.append)
    dialog.dropEvent(event)
    assert asked == ["td3-genuine"] and dialog.busy.isVisibleTo(dialog)
    wait(qtbot, dialog.runner, timeout=180_000)
    assert dialog.last_error is None
    assert len(made) == 1 and made[0].summary.name == "td3-genuine" and made[0].summary.version == 1
    assert dialog.selected_uid() == made[0].summary.uid and not dialog.busy.isVisibleTo(dialog)
    kind = ReferenceLibrary(store).show(made[0].summary.uid)
    assert kind.format == "TD3" and kind.annotation.by_role(Role.MRZ)


def test_a_capture_without_a_document_is_refused_with_a_message_and_nothing_is_written(qtbot, store, tmp_path):
    Image.fromarray(np.full((300, 400, 3), 180, np.uint8)).save(tmp_path / "visible.png", dpi=(300, 300))
    dialog = ReferenceLibraryDialog(store)
    qtbot.addWidget(dialog)
    dialog.start_create(NewReference("Blank"), paths=[tmp_path])
    wait(qtbot, dialog.runner)
    title, text = dialog.last_error
    assert title == "New reference" and "shows no document" in text and "Traceback" not in text
    assert dialog.table.rowCount() == 0 and ReferenceLibrary(store).list() == []


def test_a_generators_design_is_chosen_from_the_catalogue_and_listed_synthetic(qtbot, store, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dialog = ReferenceLibraryDialog(store)
    qtbot.addWidget(dialog)
    offered = []
    monkeypatch.setattr(reference_library.QInputDialog, "getItem",
                        lambda parent, title, label, items, current, editable: (offered.extend(items), ("NVR-TD3-5",
                                                                                                         True))[1])
    dialog.design_button.click()
    wait(qtbot, dialog.runner)
    assert dialog.last_error is None and "UTO-TD3" in offered and len(offered) > 100
    assert dialog.table.rowCount() == 1 and cell(dialog, 0, "Kind") == "synthetic"
    assert cell(dialog, 0, "Series") == "NVR-TD3-5" and dialog.selected_uid() is not None


@pytest.fixture(scope="module")
def sample_reference(tmp_path_factory):
    """A store holding a reference made of the bundled TD3 sample, as the workstation makes it, made once: (its
    database file, the reference's uid)."""
    path = tmp_path_factory.mktemp("sample-reference") / "c.db"
    with Store.open(path) as s:
        created = create_reference(s, NewReference("Utopia passport", dpi=300), paths=[SAMPLE])
    return path, created.summary.uid


@pytest.fixture
def sample_store(tmp_path, sample_reference):
    """The test's own copy of the store holding the sample's reference."""
    s = Store.open(copy_sqlite(sample_reference[0], tmp_path / "sample.db"))
    yield s
    s.close()


@pytest.fixture
def editor(qtbot, sample_store, sample_reference):
    ed = ReferenceEditor(sample_store, sample_reference[1])
    qtbot.addWidget(ed)
    ed.resize(1300, 720)
    ed.show()
    with qtbot.waitSignal(ed.loaded, timeout=60_000):
        pass
    return ed


def drag(widget, start, end, steps=5):
    """A left-button drag on ``widget`` with true screen positions (a graphics scene finds its items by them)."""
    L, NB, NM = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier

    def send(kind, pos, button, buttons):
        local = QPointF(*pos)
        QApplication.sendEvent(widget, QMouseEvent(kind, local, QPointF(widget.mapToGlobal(local)), button, buttons,
                                                   NM))

    send(QEvent.Type.MouseButtonPress, start, L, L)
    for i in range(1, steps + 1):
        t = i / steps
        send(QEvent.Type.MouseMove, (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t), NB, L)
    send(QEvent.Type.MouseButtonRelease, end, L, NB)


def screen(ed, x, y):
    p = ed.view.mapFromScene(QPointF(x, y))
    return (p.x(), p.y())


def test_the_editor_draws_every_region_per_light_automatic_ones_dashed(editor):
    ed = editor
    assert set(ed.items) == {r.id for r in ed.kind.annotation.regions}
    assert ed.lights.count() == 3 and ed.version.text() == "Editing from version 1"
    mrz = ed.items["mrz"]
    assert mrz.pen().style() == Qt.PenStyle.DashLine and not ed.save_button.isEnabled()
    ed.set_light("ir")
    assert ed.lights.tabText(ed.lights.currentIndex()) == "IR" or ed.draft.light == "ir"
    assert "absorbs" in mrz.label.text()  # the expectation in the light shown
    assert ed.history.count() == 1


def test_a_region_moved_with_the_mouse_and_one_drawn_are_saved_as_a_new_version(qtbot, editor, sample_store):
    ed = editor
    before = ed.draft.region("mrz").box
    x, y, w, h = before
    ed.view.viewport().setFocus()
    # Drag from inside the MRZ's box (away from its edges): the region moves.
    drag(ed.view.viewport(), screen(ed, x + w * 0.5, y + h * 0.5), screen(ed, x + w * 0.5 + 40, y + h * 0.5 - 30))
    moved = ed.draft.region("mrz")
    assert moved.source is Source.EXAMINER and abs(moved.box[0] - (x + 40)) <= 3 and abs(moved.box[1] - (y - 30)) <= 3
    assert moved.box[2:] == before[2:] and ed.draft.selected == "mrz" and ed.save_button.isEnabled()
    assert ed.items["mrz"].pen().style() == Qt.PenStyle.SolidLine
    # Drag its right edge: it is resized.
    nx, ny, nw, nh = moved.box
    drag(ed.view.viewport(), screen(ed, nx + nw, ny + nh * 0.5), screen(ed, nx + nw - 50, ny + nh * 0.5))
    assert abs(ed.draft.region("mrz").box[2] - (nw - 50)) <= 4 and ed.draft.region("mrz").box[0] == nx

    # Draw a new region, then set its role and what it shows in UV and IR.
    ed.draw.click()
    drag(ed.view.viewport(), screen(ed, 640, 60), screen(ed, 760, 120))
    new = ed.draft.selected
    assert new is not None and new in ed.items and not ed.draw.isChecked()
    ed.role.setCurrentIndex(ed.role.findData(Role.UV_FEATURE.value))
    ed.expects["uv"].setCurrentIndex(ed.expects["uv"].findData(Expect.FLUORESCES.value))
    ed.expects["ir"].setCurrentIndex(ed.expects["ir"].findData(Expect.DROPS_OUT.value))
    r = ed.draft.region(new)
    assert r.role is Role.UV_FEATURE and r.expects("uv") is Expect.FLUORESCES and r.expects("ir") is Expect.DROPS_OUT
    assert abs(r.box[0] - 640) <= 3 and abs(r.box[2] - 120) <= 3

    # Delete a region from the list.
    ed.draft.select("signature" if "signature" in ed.items else "ghost")
    gone = ed.draft.selected
    ed.delete.click()
    assert gone not in ed.items

    ed.note.setText("MRZ moved, UV feature drawn")
    saved = []
    ed.saved.connect(saved.append)
    ed.save_button.click()
    assert ed.last_error is None and len(saved) == 1 and saved[0].version == 2
    kind = ReferenceLibrary(sample_store).show(ed.uid)
    assert kind.annotation.version == 2 and kind.annotation.note == "MRZ moved, UV feature drawn"
    assert kind.annotation.region("mrz").box == ed.draft.region("mrz").box
    assert kind.annotation.region(new).role is Role.UV_FEATURE and gone not in {x.id for x in kind.annotation.regions}
    assert ed.history.count() == 2 and ed.history.item(0).text().startswith("v2")
    assert ed.version.text() == "Editing from version 2" and not ed.save_button.isEnabled()

    # An earlier version can be the start of the next.
    ed.history.setCurrentRow(1)
    with qtbot.waitSignal(ed.loaded, timeout=60_000):
        ed.start_from.click()
    assert ed.draft.base.version == 1 and ed.draft.region("mrz").box == before


def test_a_region_double_clicked_in_the_list_is_zoomed_to(editor):
    fitted = editor.view.transform().m11()
    row = next(i for i in range(editor.region_list.count())
               if editor.region_list.item(i).data(Qt.ItemDataRole.UserRole) == "portrait")
    editor.region_list.itemDoubleClicked.emit(editor.region_list.item(row))
    x, y, w, h = editor.draft.region("portrait").box
    assert editor.view.transform().m11() > fitted
    assert editor.view.viewport().rect().contains(QPoint(*(round(v) for v in screen(editor, x + w / 2, y + h / 2))))
