"""The MRZ panel and the findings panel in the examiner's language (issue 23): the check-digit rows and a finding's
detail are words made from data where they are shown, and the MRZ panel's tables fit the dock of a 1366x768 screen
in every language, with no sideways scroll bar and no heading cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from docexam import i18n
from docexam.compare.result import Comparison, Finding, FindingKind
from docexam.details import say
from docexam.gui import i18n as gui_i18n
from docexam.gui.findings_panel import FindingsPanel
from docexam.gui.main_window import MainWindow
from docexam.gui.mrz_panel import MrzPanel
from tests.workbench.readings import ICAO, reading_of

READING = {"lines": ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]}


@pytest.fixture
def language(qapp):
    """``language(lang)``: the workstation and the Qt-free layers in ``lang``; English again after the test."""
    def use(lang):
        gui_i18n.install(qapp, lang)
        i18n.set_language(lang)

    yield use
    gui_i18n.install(qapp, "en")
    i18n.set_language(None)


def test_the_check_digit_rows_speak_the_panels_language(qtbot, bench, language):
    language("az")
    panel = MrzPanel(bench)
    qtbot.addWidget(panel)
    panel.set_reading(READING)
    row = [panel.checks.item(0, c).text() for c in range(5)]
    assert row == ["sənədin nömrəsi", "6", "6", "sətir 2, mövqe 10", "düzgün"]
    assert panel.checks.item(0, 0).toolTip() == "düzgün sənədin nömrəsi: gözlənilən 6, tapılan 6 (sətir 2, mövqe 10)"
    assert panel.checks.horizontalHeaderItem(1).text() == "Gözl."  # abbreviated, the whole word in its tooltip
    assert panel.checks.horizontalHeaderItem(1).toolTip().startswith("Gözlənilən:")
    language("en")
    panel.set_reading(None)
    panel.set_reading(READING)
    assert [panel.checks.item(0, c).text() for c in range(5)] == ["document number", "6", "6", "line 2, position 10",
                                                                  "ok"]
    assert panel.checks.item(0, 0).toolTip() == "ok document number: expected 6, found 6 (line 2, position 10)"


def sideways(table) -> list[str]:
    """What of ``table`` does not fit its width: its columns wider than its viewport, a heading line wider than its
    column."""
    header = table.horizontalHeader()
    out = []
    if header.length() > table.viewport().width():
        out.append(f"columns {header.length()} px in {table.viewport().width()} px")
    metrics = header.fontMetrics()
    for c in range(table.columnCount()):
        for line in table.horizontalHeaderItem(c).text().splitlines():
            if metrics.horizontalAdvance(line) > header.sectionSize(c):
                out.append(f"heading {line!r}: {metrics.horizontalAdvance(line)} px in {header.sectionSize(c)} px")
    return out


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_the_mrz_panels_tables_need_no_sideways_scroll_bar_on_a_laptops_screen(qtbot, qapp, tmp_path, bench,
                                                                               language, lang):
    language(lang)
    win = MainWindow(bench, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.setGeometry(0, 0, 1366, 768)
    win.show()
    win.docks["mrz"].show()
    win.docks["mrz"].raise_()
    win.mrz_panel.set_reading(READING)
    qapp.processEvents()
    panel = win.mrz_panel
    qtbot.waitUntil(lambda: panel.checks.viewport().width() > 100)
    qapp.processEvents()
    assert {name: sideways(t) for name, t in (("checks", panel.checks), ("fields", panel.fields),
                                              ("viz", panel.viz))} == {"checks": [], "fields": [], "viz": []}
    # every row whole above the table's bottom edge (no row hidden behind a bar)
    rows = sum(panel.checks.rowHeight(r) for r in range(panel.checks.rowCount()))
    assert panel.checks.horizontalHeader().height() + rows <= panel.checks.height()


def test_a_findings_detail_is_shown_in_the_workstations_language(qtbot, bench, language):
    language("ru")
    panel = FindingsPanel(bench)
    qtbot.addWidget(panel)
    bench.new_case("Passport UTO")
    bench.set_comparison(Comparison(alignments={}, findings=[
        Finding(FindingKind.IR_DROPOUT, "ir", (1, 2, 3, 4), 0.8, "viz:surname",
                said=say("ir_fades", name="viz:surname", ratio=0.31)),
        Finding(FindingKind.PORTRAIT, "visible", (5, 6, 7, 8), 0.3, "portrait", "stored before codes")]))
    assert panel.table.item(0, 4).text() == ("viz:surname исчезает в ИК (31% от темноты в видимом свете): у эталона "
                                             "напечатано поглощающей ИК краской")
    assert panel.table.item(0, 4).toolTip() == panel.table.item(0, 4).text()
    assert panel.table.item(1, 4).text() == "stored before codes"
    panel.table.selectRow(0)
    assert "исчезает в ИК" in panel.detail.text()


@pytest.mark.parametrize(("lang", "ok", "cancel", "yes", "no"), [
    ("az", "OK", "İmtina", "&Bəli", "&Xeyr"),
    ("ru", "OK", "Отмена", "&Да", "&Нет"),
    ("en", "OK", "Cancel", "&Yes", "&No"),
])
def test_qts_own_dialog_buttons_speak_the_language(qtbot, language, lang, ok, cancel, yes, no):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    language(lang)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    message = QMessageBox(QMessageBox.Icon.Question, "docexam", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    said = {box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", ""),
            box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")}
    assert said == {ok, cancel.replace("&", "")}
    # a message box's Yes and No (with their mnemonics, whichever theme asks)
    assert message.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == yes.replace("&", "")
    assert message.button(QMessageBox.StandardButton.No).text().replace("&", "") == no.replace("&", "")


def test_qts_catalogue_is_loaded_where_qt_ships_one():
    assert gui_i18n.qt_catalogue("ru") is not None  # qtbase_ru.qm in PySide6's translations folder
    assert gui_i18n.qt_catalogue("en") is None


def test_the_mrz_panels_fields_verdict_and_warnings_speak_the_panels_language(qtbot, bench, language):
    language("ru")
    panel = MrzPanel(bench)
    qtbot.addWidget(panel)
    panel.set_reading(reading_of(ICAO))
    fields = {panel.fields.item(r, 0).text(): panel.fields.item(r, 1).text() for r in range(panel.fields.rowCount())}
    assert fields["Тип документа"].startswith("P: паспорт, ") and fields["Пол"] == "женский"
    assert "Срок истёк: срок действия документа истёк 2012-04-15." in panel.warnings.text()
    assert "МСЗ построена правильно" in panel.verdict.text()
    language("en")
    panel.set_reading(None)
    panel.set_reading(reading_of(ICAO))
    fields = {panel.fields.item(r, 0).text(): panel.fields.item(r, 1).text() for r in range(panel.fields.rowCount())}
    assert fields["Document type"].startswith("P: passport, ") and fields["Sex"] == "female"
    assert "the MRZ is well-formed and every check digit holds" in panel.verdict.text()
