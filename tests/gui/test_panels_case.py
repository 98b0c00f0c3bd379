"""The case browser, case panel and adjustment panel: model changes show on the widget, and widget actions change
the model (the napari shape)."""

import pytest
from PySide6.QtCore import Qt

from docexam.gui.adjust_panel import AdjustPanel
from docexam.gui.case_browser import CaseBrowser
from docexam.gui.case_panel import CasePanel
from docexam.store import Store
from docexam.workbench import Adjustment, Workbench
from docexam.workbench.cases import NO_VERDICT
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "cases.db", actor="examiner-1")
    yield s
    s.close()


def rows(browser):
    return [browser.table.item(r, 1).text() for r in range(browser.table.rowCount())]


def test_the_browser_lists_filters_and_opens_cases(qtbot, store):
    a = store.create_case("Passport, border post 4")
    store.create_case("Identity card, airport")
    store.set_verdict(a.id, "genuine")
    browser = CaseBrowser(store)
    qtbot.addWidget(browser)
    browser.refresh()
    assert sorted(rows(browser)) == ["Identity card, airport", "Passport, border post 4"]
    browser.text.setText("airport")
    qtbot.waitUntil(lambda: rows(browser) == ["Identity card, airport"], timeout=2000)  # after the typing pause
    browser.text.setText("")
    browser.verdict.setCurrentIndex(browser.verdict.findData(NO_VERDICT))
    qtbot.waitUntil(lambda: rows(browser) == ["Identity card, airport"], timeout=2000)
    browser.verdict.setCurrentIndex(browser.verdict.findData("genuine"))
    assert rows(browser) == ["Passport, border post 4"]
    with qtbot.waitSignal(browser.case_activated) as opened:
        browser.table.cellDoubleClicked.emit(0, 1)
    assert opened.args == [a.id]


def test_a_bad_filter_says_why_and_keeps_the_list(qtbot, store):
    store.create_case("Passport")
    browser = CaseBrowser(store)
    qtbot.addWidget(browser)
    browser.refresh()
    browser.state.setText("U1")
    browser.refresh()
    assert "three-letter code" in browser.message.text()
    assert rows(browser) == ["Passport"]


def test_the_case_panel_records_a_verdict_and_a_note_into_the_audit_trail(qtbot, store):
    bench = Workbench(store)
    panel = CasePanel(bench)
    qtbot.addWidget(panel)
    assert not panel.set_verdict.isEnabled()  # no case open
    bench.new_case("Passport UTO")
    store.attach(bench.case.summary.id, SAMPLE / "td3-genuine" / "uv.jpg", light="uv")
    bench.refresh()
    assert panel.captures.count() == 1 and panel.captures.item(0).text().startswith("uv")
    panel.verdict.setCurrentIndex(panel.verdict.findData("counterfeit"))
    panel.verdict_note.setText("printed on brightened paper")
    qtbot.mouseClick(panel.set_verdict, Qt.MouseButton.LeftButton)
    assert bench.case.summary.verdict == "counterfeit"
    assert any("case.verdict" in panel.audit.topLevelItem(i).text(0) for i in range(panel.audit.topLevelItemCount()))
    panel.note.setText("UV fibres absent")
    qtbot.keyClick(panel.note, Qt.Key.Key_Return)
    assert "UV fibres absent" in panel.notes.toPlainText() and panel.note.text() == ""


def audit_rows(panel) -> list[tuple[str, list[str]]]:
    """Each audit entry's line and the lines it opens to."""
    out = []
    for i in range(panel.audit.topLevelItemCount()):
        item = panel.audit.topLevelItem(i)
        out.append((item.text(0), [item.child(j).text(0) for j in range(item.childCount())]))
    return out


def test_a_verdict_without_a_reason_asks_first_and_the_recorded_one_shows_with_its_reason(qtbot, store, monkeypatch):
    bench = Workbench(store)
    bench.new_case("Passport UTO")
    panel = CasePanel(bench)
    qtbot.addWidget(panel)
    assert "No verdict recorded" in panel.recorded.text() and not panel.withdraw.isEnabled()
    asked = []
    monkeypatch.setattr(panel, "confirm_without_reason", lambda v: asked.append(v) or False)
    panel.verdict.setCurrentIndex(panel.verdict.findData("genuine"))
    qtbot.mouseClick(panel.set_verdict, Qt.MouseButton.LeftButton)
    assert asked == ["genuine"] and bench.case.summary.verdict is None  # declined: nothing recorded
    assert bench.case.summary.status == "open"
    monkeypatch.setattr(panel, "confirm_without_reason", lambda v: asked.append(v) or True)
    qtbot.mouseClick(panel.set_verdict, Qt.MouseButton.LeftButton)
    assert bench.case.summary.verdict == "genuine" and bench.case.summary.status == "concluded"
    assert "recorded without a reason" in panel.recorded.text() and "examiner-1" in panel.recorded.text()
    panel.verdict.setCurrentIndex(panel.verdict.findData("forged/altered"))
    panel.verdict_note.setText("photo substituted")
    qtbot.mouseClick(panel.set_verdict, Qt.MouseButton.LeftButton)
    assert len(asked) == 2  # a reason given: no question
    text = panel.recorded.text()
    assert "forged/altered" in text and "photo substituted" in text and "examiner-1" in text and "concluded" in text
    assert "concluded" in panel.title.text()
    # The two verdict entries are told apart on their line and open to their content.
    verdicts = [r for r in audit_rows(panel) if "case.verdict" in r[0]]
    assert [r[0].split("  ")[-1] for r in verdicts] == ["case.verdict: genuine", "case.verdict: forged/altered"]
    assert "reason: none given (recorded without a reason)" in verdicts[0][1]
    assert verdicts[1][1][:3] == ["verdict: forged/altered", "reason: photo substituted", "previous verdict: genuine"]
    assert "status: open → concluded" in verdicts[0][1]


def test_withdrawing_the_verdict_asks_why_and_reopens_the_case(qtbot, store, monkeypatch):
    bench = Workbench(store)
    bench.new_case("Passport UTO")
    bench.set_verdict("counterfeit", note="inkjet print")
    panel = CasePanel(bench)
    qtbot.addWidget(panel)
    assert panel.withdraw.isEnabled() and "inkjet print" in panel.recorded.text()
    monkeypatch.setattr(panel, "ask_withdraw_reason", lambda v: None)  # cancelled
    qtbot.mouseClick(panel.withdraw, Qt.MouseButton.LeftButton)
    assert bench.case.summary.verdict == "counterfeit"
    monkeypatch.setattr(panel, "ask_withdraw_reason", lambda v: "  ")
    with qtbot.waitSignal(panel.error) as err:
        qtbot.mouseClick(panel.withdraw, Qt.MouseButton.LeftButton)
    assert "say why" in err.args[0] and bench.case.summary.verdict == "counterfeit"
    monkeypatch.setattr(panel, "ask_withdraw_reason", lambda v: "wrong reference series")
    qtbot.mouseClick(panel.withdraw, Qt.MouseButton.LeftButton)
    assert (bench.case.summary.verdict, bench.case.summary.status) == (None, "reopened")
    assert "No verdict recorded" in panel.recorded.text() and not panel.withdraw.isEnabled()
    line, content = audit_rows(panel)[-1]
    assert "case.verdict_withdrawn: counterfeit" in line and "why: wrong reference series" in content


def test_a_refused_note_keeps_the_text_and_says_why(qtbot, store):
    bench = Workbench(store)
    bench.new_case("Passport UTO")
    panel = CasePanel(bench)
    qtbot.addWidget(panel)
    panel.note.setText("   ")
    with qtbot.waitSignal(panel.error) as err:
        qtbot.keyClick(panel.note, Qt.Key.Key_Return)
    assert "needs some text" in err.args[0]
    with qtbot.waitSignal(panel.error) as err:
        qtbot.mouseClick(panel.set_verdict, Qt.MouseButton.LeftButton)  # no verdict chosen
    assert "Choose a verdict" in err.args[0]


def test_adjustment_sliders_mirror_the_state_both_ways(qtbot):
    adjust = Adjustment()
    panel = AdjustPanel(adjust)
    qtbot.addWidget(panel)
    panel.brightness.setValue(50)
    assert adjust.brightness == 0.5
    panel.gamma.setValue(100)
    assert adjust.gamma == pytest.approx(10.0)
    adjust.set(contrast=0.1, channel="blue")
    assert panel.contrast.value() == -100 and panel.channel.currentData() == "blue"
    qtbot.mouseClick(panel.reset, Qt.MouseButton.LeftButton)
    assert adjust.is_identity and panel.brightness.value() == 0 and panel.channel.currentData() == "all"


def test_a_case_made_after_the_list_was_read_is_listed_and_selected_when_it_opens(qtbot, store):
    browser = CaseBrowser(store)
    qtbot.addWidget(browser)
    browser.refresh()
    assert browser.message.text() == "0 case(s)"
    case = store.create_case("The bundled sample, made after the window")  # as `docexam gui --sample` does
    browser.select_case(case.id)
    assert browser.message.text() == "1 case(s)" and rows(browser) == ["The bundled sample, made after the window"]
    assert browser.table.currentRow() == 0


def test_in_a_narrow_dock_the_title_and_verdict_keep_their_columns(qtbot, store):
    case = store.create_case("Passport UTO L898902C3, border post 4")
    store.set_verdict(case.id, "genuine")
    browser = CaseBrowser(store)
    qtbot.addWidget(browser)
    browser.resize(480, 500)
    browser.show()
    qtbot.waitExposed(browser)
    browser.refresh()
    hidden = [browser.table.isColumnHidden(c) for c in range(browser.table.columnCount())]
    assert hidden == [False, False, False, True, True, False]  # captures and examiner give way
    assert browser.table.columnWidth(1) >= 60 and browser.table.columnWidth(2) > 0
    assert "Examiner: " in browser.table.item(0, 1).toolTip() and "Verdict: genuine" in browser.table.item(0, 0).toolTip()
    browser.resize(1000, 500)
    qtbot.waitUntil(lambda: not browser.table.isColumnHidden(3) and not browser.table.isColumnHidden(4))
