"""The selected finding's evidence in the findings panel: what was expected and seen, in which light, and the three
crops side by side (reference | questioned | difference), from the comparison or from the case store; larger on a
double-click."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from docexam.compare.evidence import attach_evidence
from docexam.compare.result import OBSERVATION_WORDS, Comparison, Finding, FindingKind
from docexam.gui.findings_panel import OBSERVATION_WORDS as SHOWN_WORDS
from docexam.gui.findings_panel import EvidenceDialog, FindingsPanel, observation_words
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens" / "td3-photo-substitution"


def _images(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.full((600, 900, 3), 220, np.uint8)
    for _ in range(60):
        x, y = int(rng.integers(0, 860)), int(rng.integers(0, 590))
        img[y : y + 8, x : x + 30] = 40
    return img


def _comparison() -> tuple[Comparison, dict[str, np.ndarray]]:
    reference = {light: _images(i) for i, light in enumerate(("visible", "uv"))}
    rectified = {light: img.copy() for light, img in reference.items()}
    rectified["visible"][120:270, 140:260] = 90  # a portrait pasted over
    findings = [
        Finding(FindingKind.PORTRAIT, "visible", (140, 120, 120, 150), 0.9, "portrait", "edge of a glued photo"),
        Finding(FindingKind.UV_UNEXPECTED, "uv", (600, 300, 40, 30), 0.6, None, "a spot glows"),
        Finding(FindingKind.B900, "ir", (10, 10, 40, 20), 0.8, "mrz", "characters fade"),  # IR was not registered
    ]
    comparison = Comparison({}, findings, rectified, {})
    attach_evidence(comparison, reference)
    return comparison, reference


@pytest.fixture
def panel(qtbot, bench):
    p = FindingsPanel(bench)
    qtbot.addWidget(p)
    p.resize(510, 620)  # the Findings dock of the window at 1366x768
    p.show()
    bench.new_case("Passport UTO")
    return p


def test_selecting_a_finding_shows_its_three_crops_and_what_was_expected_and_seen(panel, bench):
    comparison, reference = _comparison()
    bench.set_comparison(comparison)
    assert not panel.evidence.isVisible() and not panel.observed.isVisible()
    bench.select_finding(0)
    assert panel.evidence.isVisible() and not panel.no_evidence.isVisible()
    shown = panel.evidence_shown()
    x, y, w, h = comparison.findings[0].evidence.box
    assert np.array_equal(shown.images["reference"], reference["visible"][y : y + h, x : x + w])
    assert np.array_equal(shown.images["questioned"], comparison.rectified["visible"][y : y + h, x : x + w])
    for role, image in panel.evidence.images.items():
        assert image.source_size().width() == w and image.source_size().height() == h, role
        assert not image.pixmap().isNull() and image.pixmap().width() >= 60
    assert [panel.evidence.captions[r].text() for r in ("reference", "questioned", "difference")] == \
        ["Reference", "Questioned", "Difference"]
    text = panel.observed.text()
    assert "visible" in text and "a portrait printed as the specimen's" in text and "a portrait unlike the specimen's" in text


def test_a_finding_without_evidence_says_so_and_shows_no_images(panel, bench):
    comparison, _ = _comparison()
    bench.set_comparison(comparison)
    bench.select_finding(2)  # in IR, which this comparison did not register
    assert panel.evidence_shown() is None
    assert not panel.evidence.isVisible() and panel.no_evidence.isVisible()
    assert "characters fading in IR" in panel.observed.text() and "ink dark in IR" in panel.observed.text()
    assert panel.enlarge() is None
    bench.select_finding(None)
    assert not panel.no_evidence.isVisible() and not panel.observed.isVisible()


def test_the_three_crops_fit_the_dock_of_a_small_screen_side_by_side(panel, bench, qtbot):
    comparison, _ = _comparison()
    bench.set_comparison(comparison)
    bench.select_finding(0)
    qtbot.wait(10)
    images = [panel.evidence.images[r] for r in ("reference", "questioned", "difference")]
    tops = {i.mapTo(panel, QPoint(0, 0)).y() for i in images}
    lefts = [i.mapTo(panel, QPoint(0, 0)).x() for i in images]
    assert len(tops) == 1 and lefts == sorted(lefts)  # one row, left to right
    for image in images:
        where = image.mapTo(panel, QPoint(0, 0))
        assert where.x() >= 0 and where.x() + image.width() <= panel.width()
        assert where.y() + image.height() <= panel.height()
        assert image.pixmap().height() >= 100  # large enough to see the print
    assert panel.table.height() >= 150  # the list keeps room for its rows


def test_a_double_click_opens_the_evidence_larger(panel, bench, qtbot):
    comparison, _ = _comparison()
    bench.set_comparison(comparison)
    bench.select_finding(0)
    qtbot.mouseDClick(panel.evidence.images["difference"], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, EvidenceDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    qtbot.wait(10)
    small = panel.evidence.images["questioned"].pixmap().size()
    large = dialog.images.images["questioned"].pixmap().size()
    assert large.width() > small.width() and large.height() > small.height()
    assert "a portrait unlike the specimen's" in dialog.text.text() and "edge of a glued photo" in dialog.text.text()
    dialog.close()


def test_a_reopened_case_shows_the_evidence_kept_in_the_store(panel, bench):
    comparison, _ = _comparison()
    case = bench.case
    images = {light: SAMPLE / f"{light}.jpg" for light in ("visible", "uv")}
    bench.store.record_comparison(case.summary.id, images, {"aligned": {}}, [f.to_dict() for f in comparison.findings],
                                  evidence=comparison.evidence_images)
    bench.open_case(case.summary.id)
    assert bench.comparison is None
    (portrait,) = [i for i, f in enumerate(bench.findings) if f.kind is FindingKind.PORTRAIT]
    bench.select_finding(portrait)
    shown = panel.evidence_shown()
    assert shown is not None and panel.evidence.isVisible()
    x, y, w, h = comparison.findings[0].evidence.box
    assert np.array_equal(shown.images["questioned"], comparison.rectified["visible"][y : y + h, x : x + w])


def test_every_code_has_the_reports_words_and_a_value_follows_them():
    assert SHOWN_WORDS == OBSERVATION_WORDS  # the workstation and the report say the same
    assert observation_words("check_digit_fails") == "the check digit failing"
    assert observation_words("check_digit_fails=3") == "the check digit failing: 3"
    assert observation_words("new_code") == "new_code"
