"""The checks the newest stored comparison ran, in the workstation: a line above the findings (how many passed, found
alarms or notes, and how many things were not checked) and a dialog listing every check light by light with its
outcome and what the comparison could not check, in the workstation's language (issue 20, item 4: what an examiner
can act on; the PDF report lists the same)."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from docexam.checkrun import CheckRun
from docexam.compare.mrz_viz import MRZEvidence
from docexam.details import say
from docexam.gui.checks_dialog import ChecksDialog
from docexam.gui.findings_panel import FindingsPanel
from docexam.workbench.checks import Outcome, checks_view
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens" / "td3-photo-substitution"
CHECKS = [CheckRun("registration:visible", "visible", "registration to the specimen (features+ecc, residual 0.12 px)"),
          CheckRun("design:visible", "visible", "fixed design against the specimen (difference map)", 2, 1),
          CheckRun("visible:portrait", "visible", "portrait edge (a glued photograph's hairline)", 0, 0),
          CheckRun("uv:paper", "uv", "paper fluorescence (optical brighteners)", 1, 0),
          CheckRun("mrz:viz", None, "MRZ against the VIZ fields", 0, 0)]
SUMMARY = {"aligned": {"visible": {"method": "features+ecc", "residual_px": 0.1234, "inliers": 80}},
           "checks": [c.to_dict() for c in CHECKS],
           "mrz": MRZEvidence(light="ir", notes=[say("viz_unread", field=say("field_surname")),
                                                 say("viz_not_compared_unsure")]).to_dict()}


def store_comparison(bench, summary):
    case = bench.case.summary.id
    bench.store.record_comparison(case, {"visible": Path(SAMPLE / "visible.jpg")}, summary, [])
    bench.refresh()


@pytest.fixture
def panel(qtbot, bench):
    p = FindingsPanel(bench)
    qtbot.addWidget(p)
    bench.new_case("Passport UTO")
    return p


def test_the_checks_are_counted_above_the_findings_and_listed_in_a_dialog(qtbot, panel, bench):
    assert not panel.checks_button.isVisibleTo(panel)  # no comparison stored: nothing to list
    store_comparison(bench, SUMMARY)
    assert panel.checks_button.isVisibleTo(panel)
    assert panel.checks_summary.text() == ("2 check(s) passed, 1 with alarms, 1 with notes only; 2 thing(s) not "
                                           "checked")
    qtbot.mouseClick(panel.checks_button, Qt.MouseButton.LeftButton)
    dialog = panel.checks_dialog
    assert isinstance(dialog, ChecksDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.rows() == [
        ("visible", "registration to the specimen (features+ecc, residual 0.12 px)", "registered"),
        ("visible", "fixed design against the specimen (difference map)", "1 alarm(s), 1 note(s)"),
        ("visible", "portrait edge (a glued photograph's hairline)", "passed"),
        ("UV", "paper fluorescence (optical brighteners)", "1 note(s)"),
        ("document", "MRZ against the VIZ fields", "passed")]
    assert dialog.not_checked.isVisibleTo(dialog) and not dialog.unrecorded.isVisibleTo(dialog)
    assert "the VIZ surname could not be read: not examined" in dialog.notes.text()
    assert "the MRZ was read with low confidence" in dialog.notes.text()
    dialog.close()


def test_a_comparison_stored_before_checks_were_recorded_says_so(qtbot, panel, bench):
    store_comparison(bench, {"aligned": {}, "mrz": {"light": "ir", "notes": ["stored before codes"]}})
    assert panel.checks_summary.text() == "Checks not recorded; 1 thing(s) not checked"
    dialog = panel.show_checks()
    qtbot.addWidget(dialog)
    assert dialog.rows() == [] and not dialog.table.isVisibleTo(dialog) and dialog.unrecorded.isVisibleTo(dialog)
    assert "stored before codes" in dialog.notes.text()  # an English note stored before codes, as stored
    dialog.close()


def test_the_checks_view_counts_outcomes_and_words_the_registration_with_its_figures():
    from docexam.i18n import Translator
    from docexam.store.records import ComparisonRecord

    record = ComparisonRecord.from_dict(SUMMARY)
    view = checks_view(record, number=lambda v: f"{v:.3f}")
    assert [c.outcome for c in view.lines] == [Outcome.REGISTERED, Outcome.ALARM, Outcome.PASSED, Outcome.NOTE,
                                                Outcome.PASSED]
    assert (view.count(Outcome.PASSED), view.count(Outcome.ALARM), view.count(Outcome.NOTE)) == (2, 1, 1)
    assert view.lines[0].label == "registration to the specimen (features+ecc, residual 0.123 px)"
    assert (view.lines[1].alarms, view.lines[1].notes) == (1, 1)
    ru = checks_view(record, Translator("ru").gettext)
    assert ru.not_checked[0] == "поле ВЗП «фамилия» не удалось прочитать: не исследовано"
    assert ru.lines[0].label != view.lines[0].label and "features+ecc" in ru.lines[0].label  # worded, figures kept
    assert ru.lines[3].label == Translator("ru").gettext("paper fluorescence (optical brighteners)") != (
        "paper fluorescence (optical brighteners)")


def test_the_dialog_speaks_the_workstations_language(qtbot, qapp, panel, bench):
    from docexam.gui import i18n as gui_i18n

    gui_i18n.install(qapp, "ru")
    try:
        store_comparison(bench, SUMMARY)
        dialog = panel.show_checks()
        qtbot.addWidget(dialog)
        rows = dialog.rows()
        assert rows[2] == ("видимый", "край портрета (след вклеенной фотографии)", "пройдена")
        assert rows[1][2] == "1 тревога, 1 замечание"
        assert "поле ВЗП «фамилия» не удалось прочитать" in dialog.notes.text()
        assert dialog.windowTitle() == "Выполненные проверки"
        assert panel.checks_summary.text().startswith("Пройдено проверок: 2")
        dialog.close()
    finally:
        gui_i18n.install(qapp, "en")
