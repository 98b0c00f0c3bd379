"""Training: the pack dialog refuses bad options and hands a worker task; the trainee panel collects marks and
verdicts, scores them against the keys, shows the key's regions and keeps the attempt."""

import json

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QDialog, QPushButton

from docexam.compare.reference import load_reference
from docexam.gui.main_window import MainWindow
from docexam.gui.trainer import DesignChoice, GeneratePackDialog, TraineePanel
from docexam.gui.workers import JobRunner
from docexam.specimens.designs import catalogue
from docexam.store import Store
from docexam.workbench import Workbench, training
from docexam.workbench.training import KeyRegion, PackOptions


def set_up(dialog, out, *, count=3, families=("td1",), seed=1, difficulty="normal"):
    dialog.count.setValue(count)
    for name, box in dialog.families.items():
        box.setChecked(name in families)
    dialog.seed.setValue(seed)
    dialog.difficulty.setCurrentIndex(dialog.difficulty.findData(difficulty))
    dialog.out.setText(str(out))


@pytest.fixture(scope="module")
def pack(qapp, tmp_path_factory):
    """A three-document pack, generated once for the module as the workstation does: the dialog's task in a worker
    thread. Returns the folder and the progress fractions the job reported."""
    out = tmp_path_factory.mktemp("trainer") / "pack"
    dialog = GeneratePackDialog()
    set_up(dialog, out)
    task = dialog.task()
    dialog.deleteLater()
    fractions = []

    def recorded(*, progress, cancel):  # the fractions as the job reports them, without racing its signal
        return task(progress=lambda f, m: (fractions.append(f), progress(f, m)), cancel=cancel)

    runner = JobRunner()
    job = runner.start("exercise pack", recorded)
    assert runner.wait(120_000)
    qapp.processEvents()
    if job.error is not None:
        raise job.error
    return out, fractions, job.result


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "c.db")
    yield s
    s.close()


@pytest.fixture
def panel(qtbot, store, pack):
    p = TraineePanel(store, pack[0], trainee="T. Rainee")
    qtbot.addWidget(p)
    return p


def test_the_dialog_refuses_a_count_of_zero_and_says_why(qtbot, tmp_path):
    dialog = GeneratePackDialog()
    qtbot.addWidget(dialog)
    set_up(dialog, tmp_path / "p", count=0)
    with pytest.raises(ValueError, match="from 1 to"):
        dialog.options()
    dialog.open()
    dialog.accept()
    assert "from 1 to" in dialog.message.text() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()


def test_the_dialog_refuses_no_family(qtbot, tmp_path):
    dialog = GeneratePackDialog()
    qtbot.addWidget(dialog)
    set_up(dialog, tmp_path / "p", families=())
    dialog.accept()
    assert dialog.message.text() == "choose at least one document family"


def test_the_dialog_gives_checked_options(qtbot, tmp_path):
    dialog = GeneratePackDialog(seed=42)
    qtbot.addWidget(dialog)
    assert set(dialog.families) == {"td3", "td1", "td2", "mrva", "mrvb"}
    assert not dialog.families["mrvb"].isEnabled()  # Utopia, the default, has no MRV-B design
    assert [dialog.difficulty.itemData(i) for i in range(dialog.difficulty.count())] == ["easy", "normal", "hard"]
    set_up(dialog, tmp_path / "p", count=5, families=("td3", "mrva"), seed=7, difficulty="hard")
    assert dialog.options() == PackOptions(count=5, families=("td3", "mrva"), difficulty="hard", seed=7,
                                           out=tmp_path / "p")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.message.text() == ""


def test_utopia_is_the_default_and_a_number_of_designs_goes_on_the_plan(qtbot, tmp_path):
    dialog = GeneratePackDialog(seed=42)
    qtbot.addWidget(dialog)
    set_up(dialog, tmp_path / "p", count=6, families=("td3", "td1", "mrvb"), seed=7)
    assert dialog.choice is DesignChoice.UTOPIA and not dialog.design_count.isEnabled()
    assert not dialog.design_list.isEnabled()
    assert dialog.options().designs is None and dialog.options().families == ("td3", "td1")  # no Utopian MRV-B
    dialog.set_choice(DesignChoice.NUMBER, 4)
    assert dialog.design_count.isEnabled() and dialog.families["mrvb"].isEnabled()
    assert dialog.options() == PackOptions(count=6, families=("td3", "td1", "mrvb"), difficulty="normal", seed=7,
                                           out=tmp_path / "p", designs=4)
    dialog.set_choice(DesignChoice.UTOPIA)
    assert dialog.options().designs is None and not dialog.families["mrvb"].isEnabled()


def test_chosen_designs_are_ticked_in_a_searchable_list_of_the_catalogue(qtbot, tmp_path):
    dialog = GeneratePackDialog(seed=3)
    qtbot.addWidget(dialog)
    set_up(dialog, tmp_path / "p", count=4, families=("td3", "td1", "td2", "mrva", "mrvb"), seed=3)
    dialog.set_choice(DesignChoice.CHOSEN)
    assert dialog.design_list.isEnabled() and dialog.design_list.rowCount() == len(catalogue())
    row = [dialog.design_list.item(0, c).text() for c in range(4)]
    assert row == ["UTO-TD3", "UTOPIA (UTO)", "TD3", "development"]
    with pytest.raises(ValueError, match="tick at least one design"):
        dialog.options()
    # The search keeps rows whose code, state, family and split hold every word.
    dialog.design_search.setText("caspiana td1 held-out")
    assert dialog.design_rows() == ["CSP-TD1-2", "CSP-TD1-4", "CSP-TD1-6", "CSP-TD1-8"]
    dialog.design_list.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in range(dialog.design_list.rowCount()):  # as Ctrl-clicks on two of the rows shown
        if dialog.design_list.item(r, 0).text() in ("CSP-TD1-2", "CSP-TD1-4"):
            dialog.design_list.selectionModel().select(dialog.design_list.model().index(r, 0), flags)
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    buttons["Tick selected"].click()
    assert dialog.chosen_designs() == ["CSP-TD1-2", "CSP-TD1-4"]
    # Another search does not untick what the first one found.
    dialog.design_search.setText("NVR-TD3-5")
    assert dialog.design_rows() == ["NVR-TD3-5"]
    r = next(r for r in range(dialog.design_list.rowCount()) if not dialog.design_list.isRowHidden(r))
    dialog.design_list.item(r, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_designs() == ["CSP-TD1-2", "CSP-TD1-4", "NVR-TD3-5"]
    assert dialog.chosen_label.text().startswith("3 ticked")
    assert dialog.options() == PackOptions(count=4, families=("td3", "td1", "td2", "mrva", "mrvb"), difficulty="normal",
                                           seed=3, out=tmp_path / "p", designs=("CSP-TD1-2", "CSP-TD1-4", "NVR-TD3-5"))
    # The families filter the list and the choice: without TD1 only the passport is left.
    dialog.families["td1"].setChecked(False)
    assert dialog.design_rows() == ["NVR-TD3-5"] and dialog.options().designs == ("NVR-TD3-5",)
    dialog.design_search.clear()
    assert all(not code.split("-")[1] == "TD1" for code in dialog.design_rows())
    dialog.choose_designs(["uto-td2"])
    assert dialog.options().designs == ("UTO-TD2",) and dialog.chosen_designs() == ["UTO-TD2"]
    with pytest.raises(ValueError, match="no design XYZ-TD3-1"):
        dialog.choose_designs(["XYZ-TD3-1"])


def test_the_dialog_fits_a_laptops_screen(qtbot):
    dialog = GeneratePackDialog()
    qtbot.addWidget(dialog)
    dialog.set_choice(DesignChoice.CHOSEN)
    dialog.show()
    qtbot.waitExposed(dialog)
    for size in (dialog.size(), dialog.minimumSizeHint()):
        assert size.width() <= 1366 and size.height() <= 768 - 60  # a task bar and the title bar
    assert dialog.design_list.viewport().height() >= 8 * dialog.design_list.rowHeight(0)  # a useful list


def test_the_pack_is_generated_by_a_worker_with_progress(pack):
    out, fractions, manifest = pack
    assert manifest["count"] == 3 and (out / "pack.json").exists()
    assert fractions == [0.0, 1 / 3, 2 / 3, 1.0]


def test_marks_typed_or_added_show_in_the_list_and_can_be_removed(qtbot, panel):
    assert panel.documents.count() == 3 and panel.document == "doc-0001"
    panel.light.setCurrentIndex(panel.light.findData("uv"))
    for spin, v in zip(panel.box, (10, 20, 30, 40)):
        spin.setValue(v)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    panel.add_mark("ir", (5, 6, 7, 8), "ir_no_dropout")
    assert [panel.marks.item(i).text().split()[0] for i in range(panel.marks.count())] == ["uv", "ir"]
    assert panel.attempt.marks_of("doc-0001")[0].bbox == (10, 20, 30, 40)
    panel.marks.setCurrentRow(0)
    qtbot.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    assert panel.marks.count() == 1 and panel.attempt.marks_of("doc-0001")[0].light == "ir"
    panel.select_document("doc-0002")
    assert panel.marks.count() == 0  # each document has its own marks


def test_a_refused_mark_says_why(qtbot, panel):
    with qtbot.waitSignal(panel.error) as got:
        assert panel.add_mark("uv", (0, 0, 0, 10)) is None
    assert "positive width and height" in got.args[0] and "positive width" in panel.message.text()
    assert panel.marks.count() == 0


def test_the_verdict_combo_and_the_attempt_agree(panel):
    panel.verdict.setCurrentIndex(panel.verdict.findData("counterfeit"))
    assert panel.attempt.verdicts["doc-0001"] == "counterfeit"
    panel.set_verdict("genuine", "doc-0002")
    panel.select_document("doc-0002")
    assert panel.verdict.currentData() == "genuine"


def test_the_trainee_chooses_in_the_casework_wording_and_the_pack_keeps_its_words(panel):
    shown = [panel.verdict.itemText(i) for i in range(1, panel.verdict.count())]
    assert shown == ["genuine", "forged/altered", "counterfeit"]  # as the case panel words them
    panel.verdict.setCurrentIndex(panel.verdict.findText("forged/altered"))
    assert panel.attempt.verdicts["doc-0001"] == "altered"


def test_the_results_word_the_key_as_casework_does(panel, pack):
    out = pack[0]
    for doc in training.answer_key(out):
        panel.set_verdict("counterfeit", doc)
    panel.submit_attempt()
    expected = {panel.results.item(r, 2).text() for r in range(panel.results.rowCount())}
    assert expected <= {"genuine", "forged/altered", "counterfeit"} and "altered" not in expected
    keyed = [k["verdict"] for k in training.answer_key(out).values()]
    for r, v in enumerate(keyed):
        right = panel.results.item(r, 1).text()
        assert right == "right" if v == "counterfeit" else right == "wrong (counterfeit)"


def answer_perfectly(panel, pack_dir):
    for doc, key in training.answer_key(pack_dir).items():
        panel.select_document(doc)
        panel.set_verdict(key["verdict"])
        for a in key["alterations"]:
            panel.add_mark(a.lights[0], a.bbox, a.kind)


def test_a_perfect_attempt_scores_full_marks_shows_the_key_and_is_kept(qtbot, panel, store, pack):
    out = pack[0]
    answer_perfectly(panel, out)
    panel.select_document("doc-0001")
    assert panel.alterations.count() == 0 and panel.alterations_of("doc-0001") == []  # the key stays hidden
    regions = []
    panel.key_regions.connect(lambda doc, r: regions.append((doc, r)))
    with qtbot.waitSignal(panel.scored) as got:
        qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    assert got.args[0]["total"]["score"] == 100.0
    assert "Score 100/100" in panel.score.text()
    assert [panel.results.item(r, 1).text() for r in range(3)] == ["right"] * 3
    key = training.answer_key(out)["doc-0001"]["alterations"]
    assert key and regions == [("doc-0001", key)] and all(isinstance(r, KeyRegion) for r in key)
    assert panel.alterations.count() == len(key) and key[0].kind.replace("_", " ") in panel.alterations.item(0).text()
    kept = store.attempts(trainee="T. Rainee")
    assert len(kept) == 1 and kept[0]["score"] == 1.0 and kept[0]["exercise"] == str(out.resolve())


def test_an_empty_attempt_does_not_score_full_marks(panel, store):
    result = panel.submit_attempt()
    assert result["total"]["score"] < 100 and result["total"]["unanswered"] == 3
    assert "wrong (none)" in panel.results.item(0, 1).text()
    assert [a["score"] for a in store.attempts()] == [result["total"]["score"] / 100]


def test_an_attempt_needs_a_trainee_name(panel, store):
    panel.trainee.setText(" ")
    assert panel.submit_attempt() is None
    assert "trainee's name" in panel.message.text() and store.attempts() == []


def test_a_folder_that_is_not_a_pack_is_refused(qtbot, store, tmp_path):
    with pytest.raises(ValueError, match="no doc-\\* folders"):
        TraineePanel(store, tmp_path)
    p = TraineePanel(store)
    qtbot.addWidget(p)
    assert p.attempt is None and not p.submit.isEnabled()
    with pytest.raises(ValueError, match="not a folder"):
        p.open_pack(tmp_path / "missing")
    assert p.attempt is None and p.pack_label.text() == "No pack open"


# --- packs of many designs -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def designs_pack(qapp, tmp_path_factory):
    """A four-document pack of three generated designs, made as the workstation makes it: the dialog's "different
    designs" choice, generated by its task in a worker thread. Returns the folder and each document's key."""
    out = tmp_path_factory.mktemp("trainer-designs") / "pack"
    dialog = GeneratePackDialog()
    set_up(dialog, out, count=4, families=("td3", "td1", "td2", "mrva", "mrvb"), seed=5)
    dialog.set_choice(DesignChoice.NUMBER, 3)
    task = dialog.task()
    dialog.deleteLater()
    runner = JobRunner()
    job = runner.start("exercise pack", task)
    assert runner.wait(300_000)
    qapp.processEvents()
    if job.error is not None:
        raise job.error
    assert len(job.result["designs"]) == 3
    keys = {d["id"]: json.loads((out / d["id"] / "key.json").read_text(encoding="utf-8")) for d in job.result["documents"]}
    return out, keys


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # references rendered for cases go here
    store = Store.open(tmp_path / "cases.db")
    win = MainWindow(Workbench(store), settings=QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.cancel_all()
    win.runner.wait(20_000)
    store.close()


def _settle(qtbot, win):
    qtbot.waitUntil(lambda: not win.runner.busy, timeout=120_000)
    assert win.last_error is None, win.last_error


def test_a_trainee_sees_each_document_beside_the_reference_of_its_own_design(qtbot, window, designs_pack):
    pack, keys = designs_pack
    assert len({k["design"] for k in keys.values()}) >= 2  # a mix: the reference must follow the document
    window.open_exercise(pack)
    _settle(qtbot, window)
    view, panel = window.exercise_view, window.exercise_panel
    for doc, key in keys.items():
        panel.select_document(doc)
        _settle(qtbot, window)
        own = load_reference(pack / key["reference"])
        assert view.state.document == doc and view.state.images.aligned, view.state.images.problem
        assert np.array_equal(view.reference_canvas.image, own.images["visible"])
        assert view.reference_canvas.caption == f"Reference {key['design']}, Visible"


def test_a_case_of_a_generated_designs_document_gets_that_designs_reference(qtbot, window, designs_pack):
    pack, keys = designs_pack
    doc, key = min(keys.items(), key=lambda item: item[1]["verdict"] != "genuine")  # a genuine one if there is one
    window.new_case("A pack document taken in as a case")
    window.import_files([pack / doc / f"{light}.png" for light in ("visible", "uv", "ir")])
    _settle(qtbot, window)
    bench = window.workbench
    assert bench.case.reading is not None and bench.case.reading.valid
    assert bench.reference_source == f"{key['design']} specimen"  # the key beside the captures names it
    own = load_reference(pack / key["reference"])
    assert all(np.array_equal(bench.reference.images[light], own.images[light]) for light in own.images)
