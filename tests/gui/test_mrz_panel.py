"""The MRZ panel: a reading (of the open case, or given) shows on the widget; the examiner's VIZ values show their
match states, and Record hands them on."""

import pytest
from PySide6.QtCore import Qt

from docexam.gui.mrz_panel import EMPTY_TEXT, MrzPanel
from docexam.workbench.mrz_view import BAND_COLOURS, CORRECTED_BACKGROUND, Band
from tests.conftest import ROOT
from tests.workbench.readings import ALTERED, ICAO, reading_of

SAMPLE = ROOT / "samples" / "specimens" / "td3-genuine" / "visible.jpg"


@pytest.fixture
def panel(qtbot, bench):
    p = MrzPanel(bench)
    qtbot.addWidget(p)
    return p


def cells(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_without_a_reading_the_panel_says_so(panel):
    assert panel.is_empty
    assert panel.stack.currentWidget() is panel.empty and panel.empty.text() == EMPTY_TEXT
    assert not panel.record.isEnabled()


def test_the_open_cases_reading_is_shown_and_closing_the_case_empties_it(panel, bench):
    case = bench.new_case("Passport UTO")
    bench.store.record_reading(case.summary.id, SAMPLE, reading_of(ICAO))
    bench.refresh()
    assert not panel.is_empty and panel.record.isEnabled()
    assert "".join(c for c, _ in panel.char_colours()[1]) == ICAO[1]
    assert panel.verdict.text().count("VALID") == 1 and "INVALID" not in panel.verdict.text()
    bench.close_case()
    assert panel.is_empty and panel.stack.currentWidget() is panel.empty


def test_characters_are_coloured_by_confidence_and_corrections_marked(panel):
    conf = [[1.0] * 44, [1.0] * 44]
    conf[1][0], conf[1][1] = 0.2, 0.6
    panel.set_reading(reading_of(ICAO, char_confidence=conf,
                                 corrections=[{"line": 2, "position": 2, "read": "B", "corrected": "8"}]))
    line2 = panel.char_colours()[1]
    assert line2[0] == ("L", BAND_COLOURS[Band.LOW])
    assert line2[1] == ("8", BAND_COLOURS[Band.MEDIUM])
    assert line2[2] == ("9", BAND_COLOURS[Band.HIGH])
    assert "read 'B', corrected to '8'" in panel.lines.toolTip()
    block = panel.lines.document().findBlockByNumber(1)
    corrected = [it for it in _fragments(block) if it.charFormat().background().color().name() == CORRECTED_BACKGROUND]
    assert [f.text() for f in corrected] == ["8"]
    assert panel.lines.font().fixedPitch()


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def test_a_failing_check_digit_shows_fail_with_expected_and_found(panel):
    panel.set_reading(reading_of(ALTERED))
    rows = {panel.checks.item(r, 0).text(): r for r in range(panel.checks.rowCount())}
    birth = rows["date of birth"]
    shown = [panel.checks.item(birth, c).text() for c in range(5)]
    assert shown == ["date of birth", "5", "2", "line 2, position 20", "FAIL"]
    assert panel.checks.item(rows["document number"], 4).text() == "ok"
    assert "INVALID" in panel.verdict.text() and "date of birth" in panel.verdict.text()


def test_fields_and_plain_warnings(panel):
    lines = [ICAO[0].replace("UTO", "ZZZ"), ICAO[1].replace("UTO", "ZZZ")]
    panel.set_reading(reading_of(lines))
    fields = dict(zip(cells(panel.fields, 0), cells(panel.fields, 1)))
    assert fields["Issuing state"] == "ZZZ, unknown code" and fields["Surname"] == "ERIKSSON"
    text = panel.warnings.text()
    assert "Expired: the document expired on 2012-04-15." in text
    assert "Unknown state: the issuing state code 'ZZZ'" in text and "Doc 9303" not in text


def test_an_unconfirmed_reading_says_so(panel):
    panel.set_reading(reading_of(ICAO, valid=False))
    assert "UNCONFIRMED" in panel.verdict.text()


def test_a_reading_of_print_too_small_to_confirm_says_why_on_the_panel(panel, qtbot):
    import numpy as np

    from docexam.mrz.correct import candidates_from_text, correct
    from docexam.read.locate import MRZRegion
    from docexam.read.reader import ReadResult

    sure = correct(candidates_from_text(ICAO, confidence=0.99))
    region = MRZRegion(np.zeros((20, 200), np.uint8), 2, np.zeros((4, 2)), 0.0, 4.0, enlarged=True)
    panel.set_reading(ReadResult(True, "ocrb", sure, region, 5.0).to_dict())
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    assert "UNCONFIRMED" in panel.verdict.text() and "enlarged copy" in panel.verdict.text()
    assert "Print too small to confirm:" in panel.warnings.text()
    assert "recogniser was unsure" not in panel.verdict.text() + panel.warnings.text()
    assert panel.warnings.isVisible() and panel.verdict.isVisible()


def test_viz_values_show_their_match_states(panel):
    panel.set_reading(reading_of(ICAO))
    assert set(panel.match_states().values()) == {"not entered"}
    panel.set_viz_value("birth_date", "12.08.1974")
    panel.set_viz_value("surname", "  eriksson")
    panel.set_viz_value("given_names", "Anna   MARIA")
    states = panel.match_states()
    assert (states["birth_date"], states["surname"], states["given_names"]) == ("match", "match", "match")
    panel.set_viz_value("birth_date", "12.08.1975")
    assert panel.match_states()["birth_date"] == "differs"
    assert "1 differ (date of birth)" in panel.viz_summary.text()


def test_a_comparisons_viz_reading_prefills_without_overwriting_typed_values(panel):
    panel.set_reading(reading_of(ICAO))
    panel.set_viz_value("surname", "ERIKSSON")
    panel.set_viz_values({"surname": "ERIKSON", "number": "L898902C3", "expiry_date": "15 APR/AVR 12"})
    assert panel.viz_values() == {"surname": "ERIKSSON", "document_number": "L898902C3", "expiry_date": "15 APR/AVR 12"}
    assert panel.match_states()["document_number"] == "match" and panel.match_states()["expiry_date"] == "match"


def test_record_emits_the_examiners_values_and_states(qtbot, panel):
    panel.set_reading(reading_of(ICAO))
    panel.set_viz_value("document_number", "L898902C3")
    panel.set_viz_value("expiry_date", "16.04.2012")
    with qtbot.waitSignal(panel.viz_confirmed) as got:
        qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    record = got.args[0]
    assert record["differs"] == ["expiry_date"] and record["mrz"] == ICAO
    assert {r["field"]: (r["viz"], r["state"]) for r in record["rows"]}["document_number"] == ("L898902C3", "match")


def test_a_new_reading_of_the_same_mrz_keeps_the_typed_values(panel):
    panel.set_reading(reading_of(ICAO))
    panel.set_viz_value("surname", "ERIKSSON")
    panel.set_reading(reading_of(ICAO, confidence=0.7))
    assert panel.viz_values() == {"surname": "ERIKSSON"}
    panel.set_reading(reading_of(ALTERED))
    assert panel.viz_values() == {}


def test_the_44_characters_of_a_td3_line_show_whole_in_a_narrow_dock(qtbot, panel):
    panel.set_reading(reading_of(ICAO))
    panel.resize(380, 700)
    panel.show()
    qtbot.waitExposed(panel)
    lines = panel.lines
    qtbot.waitUntil(lambda: lines.horizontalScrollBar().maximum() == 0)
    assert lines.font().pointSizeF() < 13  # shrunk to fit, still OCR-B's fixed pitch
    assert lines.document().idealWidth() <= lines.viewport().width()
    panel.resize(1200, 700)  # with room, back to the full size
    qtbot.waitUntil(lambda: lines.font().pointSizeF() == pytest.approx(13))


def test_a_name_letter_flagged_by_the_reader_is_underlined_with_its_reason(panel):
    from tests.workbench.test_mrz_view import _flagged_name_reading

    panel.set_reading(_flagged_name_reading())
    block = panel.lines.document().findBlockByNumber(0)
    waved = [f.text() for f in _fragments(block)
             if f.charFormat().underlineStyle() == f.charFormat().UnderlineStyle.WaveUnderline]
    assert waved == ["K"]
    assert "line 1, position 9: a letter of the name to check by eye" in panel.lines.toolTip()
    assert "Check the name by eye" in panel.warnings.text()
