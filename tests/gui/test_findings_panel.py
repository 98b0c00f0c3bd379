"""The findings panel: the comparison's findings by score, alarms highlighted, the light filter, and the selection
shared with the workbench both ways."""

import pytest
from PySide6.QtCore import Qt

from docexam.compare.result import Comparison, Finding, FindingKind
from docexam.gui.findings_panel import ALARM_BACKGROUND, FindingsPanel

# Deliberately not in score order: the panel sorts, its rows keep the index into workbench.findings.
FINDINGS = [
    Finding(FindingKind.DIFFERENCE, "visible", (10, 10, 20, 20), 0.3, "viz:surname", "print differs slightly"),
    Finding(FindingKind.UV_FEATURE_MISSING, "uv", (100, 50, 80, 60), 0.9, "uv_emblem", "the UV emblem is missing"),
    Finding(FindingKind.IR_NO_DROPOUT, "ir", (200, 40, 50, 10), 0.6, "viz:birth_date", "stays dark in IR"),
    Finding(FindingKind.PORTRAIT, "visible", (30, 60, 90, 120), 0.7, "portrait", "portrait differs"),
]


@pytest.fixture
def panel(qtbot, bench):
    p = FindingsPanel(bench)
    qtbot.addWidget(p)
    bench.new_case("Passport UTO")  # selecting a finding shows its light only in an open case
    bench.set_comparison(Comparison(alignments={}, findings=list(FINDINGS), rectified={}, heatmaps={}))
    return p


def texts(panel, column):
    return [panel.table.item(r, column).text() for r in range(panel.table.rowCount())]


def selected_rows(panel):
    return sorted({i.row() for i in panel.table.selectedItems()})


def test_a_new_comparison_fills_the_table_by_score_with_alarms_highlighted(panel, bench):
    assert panel.shown() == [1, 3, 2, 0]
    assert texts(panel, 0)[0] == "UV feature missing or weak"
    assert texts(panel, 1) == ["UV", "visible", "IR", "visible"]
    assert texts(panel, 2) == ["0.90", "0.70", "0.60", "0.30"]
    assert texts(panel, 3) == ["ALARM", "ALARM", "ALARM", "note"]
    assert panel.table.item(0, 4).text() == "the UV emblem is missing"
    assert panel.table.item(0, 0).background().color().name() == ALARM_BACKGROUND
    assert panel.table.item(3, 0).background().color().name() != ALARM_BACKGROUND
    assert panel.count.text() == "4 finding(s), 3 alarm(s)"
    bench.set_comparison(None)
    assert panel.table.rowCount() == 0


def test_selecting_a_row_selects_the_finding_in_the_workbench(panel, bench):
    seen = []
    bench.events.selected.connect(seen.append)
    panel.table.selectRow(1)  # the portrait, finding 3
    assert bench.selected == 3 and seen == [3]  # once: no echo from the row the workbench then selects
    assert bench.light == "visible"
    panel.table.selectRow(0)
    assert bench.selected == 1 and bench.light == "uv"  # selecting shows the finding's light


def test_a_selection_made_elsewhere_selects_the_row(panel, bench):
    bench.select_finding(2)
    assert selected_rows(panel) == [2]
    bench.select_finding(None)
    assert selected_rows(panel) == []


def test_up_and_down_move_the_selection(qtbot, panel, bench):
    panel.table.setFocus()
    bench.select_finding(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert bench.selected == 3
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert bench.selected == 2
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert bench.selected == 3


def test_the_filter_shows_the_current_light_only(panel, bench):
    bench.set_light("uv")
    panel.set_filter("current")
    assert panel.shown() == [1] and "3 in other lights" in panel.count.text()
    bench.set_light("visible")
    assert panel.shown() == [3, 0]
    bench.select_finding(2)  # an IR finding: the light follows, and so does the list
    assert bench.light == "ir" and panel.shown() == [2] and selected_rows(panel) == [0]
    panel.set_filter("all")
    assert panel.shown() == [1, 3, 2, 0] and selected_rows(panel) == [2]


def test_opening_another_case_shows_its_findings(panel, bench):
    bench.select_finding(0)
    bench.new_case("Identity card UTO")  # no comparison, no stored findings
    assert panel.table.rowCount() == 0 and panel.count.text() == "0 finding(s), 0 alarm(s)"


def test_the_selected_finding_is_given_in_full_below_the_table(panel, bench):
    from docexam.gui.findings_panel import NO_DETAIL

    assert panel.detail.text() == NO_DETAIL and panel.detail.wordWrap()
    long = "a dark hairline runs along the portrait's edge & the paper under it " * 3
    findings = [*FINDINGS[:3], Finding(FindingKind.PORTRAIT, "visible", (30, 60, 90, 120), 0.7, "portrait", long)]
    bench.set_comparison(Comparison(alignments={}, findings=findings, rectified={}, heatmaps={}))
    panel.table.selectRow(1)  # the portrait
    text = panel.detail.text()
    assert "score 0.70 (ALARM)" in text and "&amp; the paper" in text and text.count("hairline") == 3
    bench.select_finding(0)
    assert "print differs slightly" in panel.detail.text() and "(note)" in panel.detail.text()
    bench.select_finding(None)
    assert panel.detail.text() == NO_DETAIL
