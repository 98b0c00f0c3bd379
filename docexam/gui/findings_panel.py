"""The findings of the comparison (or the open case's stored ones), highest score first, alarms highlighted; the
selected row is the workbench's selected finding, both ways."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.compare.result import Finding, FindingKind
from docexam.gui.checks_dialog import ChecksDialog, summary_text, view_of
from docexam.gui.i18n import light_word, word
from docexam.gui.qimage import to_qimage
from docexam.workbench.evidence import ROLES, EvidenceView, evidence_view, split_observation
from docexam.workbench.state import Workbench

if TYPE_CHECKING:
    from docexam.store.records import ComparisonRecord

# Each kind of finding in the examiner's words, translated where shown.
KIND_WORDS: dict[FindingKind, str] = {
    FindingKind.DIFFERENCE: QT_TRANSLATE_NOOP("FindingsPanel", "differs from the reference"),
    FindingKind.PAPER_FLUORESCENCE: QT_TRANSLATE_NOOP("FindingsPanel", "paper glows under UV"),
    FindingKind.UV_FEATURE_MISSING: QT_TRANSLATE_NOOP("FindingsPanel", "UV feature missing or weak"),
    FindingKind.UV_UNEXPECTED: QT_TRANSLATE_NOOP("FindingsPanel", "unexpected UV fluorescence"),
    FindingKind.IR_NO_DROPOUT: QT_TRANSLATE_NOOP("FindingsPanel", "stays dark in IR (should drop out)"),
    FindingKind.IR_DROPOUT: QT_TRANSLATE_NOOP("FindingsPanel", "fades in IR (should stay dark)"),
    FindingKind.B900: QT_TRANSLATE_NOOP("FindingsPanel", "characters fade in IR (B900 ink expected)"),
    FindingKind.PORTRAIT: QT_TRANSLATE_NOOP("FindingsPanel", "portrait differs (substitution?)"),
    FindingKind.VIZ_FIELD: QT_TRANSLATE_NOOP("FindingsPanel", "VIZ field erased or re-printed"),
    FindingKind.MRZ_CHECK: QT_TRANSLATE_NOOP("FindingsPanel", "MRZ check digit fails"),
    FindingKind.MRZ_VIZ_MISMATCH: QT_TRANSLATE_NOOP("FindingsPanel", "MRZ and VIZ disagree"),
    FindingKind.NOT_EXAMINED: QT_TRANSLATE_NOOP("FindingsPanel", "not examined"),
}
# What a finding expected and saw (docexam.compare.result.EXPECTED_SEEN's codes), translated where shown.
OBSERVATION_WORDS: dict[str, str] = {
    "design_as_specimen": QT_TRANSLATE_NOOP("FindingsPanel", "the design as on the specimen"),
    "design_differs": QT_TRANSLATE_NOOP("FindingsPanel", "the design differs"),
    "paper_glow_as_specimen": QT_TRANSLATE_NOOP("FindingsPanel", "paper glowing as the specimen's"),
    "paper_glow_differs": QT_TRANSLATE_NOOP("FindingsPanel", "paper glowing otherwise"),
    "uv_feature_present": QT_TRANSLATE_NOOP("FindingsPanel", "the UV feature glowing"),
    "uv_feature_weak": QT_TRANSLATE_NOOP("FindingsPanel", "the UV feature weak or missing"),
    "no_uv_glow": QT_TRANSLATE_NOOP("FindingsPanel", "no glow under UV"),
    "uv_glow": QT_TRANSLATE_NOOP("FindingsPanel", "a glow under UV"),
    "ir_dropout": QT_TRANSLATE_NOOP("FindingsPanel", "ink dropping out in IR"),
    "ir_dark": QT_TRANSLATE_NOOP("FindingsPanel", "ink dark in IR"),
    "ir_fading_characters": QT_TRANSLATE_NOOP("FindingsPanel", "characters fading in IR"),
    "portrait_as_printed": QT_TRANSLATE_NOOP("FindingsPanel", "a portrait printed as the specimen's"),
    "portrait_differs": QT_TRANSLATE_NOOP("FindingsPanel", "a portrait unlike the specimen's"),
    "field_as_printed": QT_TRANSLATE_NOOP("FindingsPanel", "the field printed as the specimen's"),
    "field_altered": QT_TRANSLATE_NOOP("FindingsPanel", "signs of erasure or re-printing"),
    "check_digit_holds": QT_TRANSLATE_NOOP("FindingsPanel", "the check digit holding"),
    "check_digit_fails": QT_TRANSLATE_NOOP("FindingsPanel", "the check digit failing"),
    "check_digit": QT_TRANSLATE_NOOP("FindingsPanel", "check digit"),  # with its value: check_digit=7
    "mrz_value": QT_TRANSLATE_NOOP("FindingsPanel", "the MRZ's value"),  # with it: mrz_value=040306
    "viz_text": QT_TRANSLATE_NOOP("FindingsPanel", "the VIZ reading"),  # with what it reads: viz_text=05 MAR 04
    "mrz_matches_viz": QT_TRANSLATE_NOOP("FindingsPanel", "the MRZ matching the VIZ"),
    "mrz_differs_from_viz": QT_TRANSLATE_NOOP("FindingsPanel", "the MRZ differing from the VIZ"),
    "in_capture": QT_TRANSLATE_NOOP("FindingsPanel", "inside the capture"),
    "outside_capture": QT_TRANSLATE_NOOP("FindingsPanel", "outside the capture"),
    "print_exposed": QT_TRANSLATE_NOOP("FindingsPanel", "the design's print within the capture's range"),
    "print_clipped": QT_TRANSLATE_NOOP("FindingsPanel", "the design's print clipped white by the exposure"),
    "ir_ink_ratio": QT_TRANSLATE_NOOP("FindingsPanel", "IR darkness of the ink for its daylight darkness"),
    "uv_glow_ratio": QT_TRANSLATE_NOOP("FindingsPanel", "glow under UV for the specimen's"),
    "uv_glow_share": QT_TRANSLATE_NOOP("FindingsPanel", "share of the area glowing under UV"),
    "uv_spot": QT_TRANSLATE_NOOP("FindingsPanel", "a spot glowing under UV"),
    "uv_colour": QT_TRANSLATE_NOOP("FindingsPanel", "colour of the glow under UV"),
    "pattern_correlation": QT_TRANSLATE_NOOP("FindingsPanel", "correlation with the specimen's pattern"),
    "registration_trusted": QT_TRANSLATE_NOOP("FindingsPanel", "a registration to the specimen that can be trusted"),
    "registration_uncertain": QT_TRANSLATE_NOOP("FindingsPanel", "a registration too uncertain to compare pixel by pixel"),
}
# The evidence images' captions, left to right.
ROLE_WORDS: dict[str, str] = {
    "reference": QT_TRANSLATE_NOOP("FindingsPanel", "Reference"),
    "questioned": QT_TRANSLATE_NOOP("FindingsPanel", "Questioned"),
    "difference": QT_TRANSLATE_NOOP("FindingsPanel", "Difference"),
}
ALARM_BACKGROUND = "#ffcdd2"
ALL, CURRENT = "all", "current"


NO_DETAIL = QT_TRANSLATE_NOOP("FindingsPanel", "Select a finding to read it in full here; the image zooms to it.")


def _light_word(light: str) -> str:
    return light_word(light)


def kind_words(kind: FindingKind | str) -> str:
    try:
        return QCoreApplication.translate("FindingsPanel", KIND_WORDS[FindingKind(kind)])
    except ValueError:
        return str(kind).replace("_", " ")


def observation_words(code: str) -> str:
    """A finding's ``expected`` or ``seen`` in words: the code's, with its value after a colon (``check_digit=7``:
    the words of ``check_digit``, then 7); a code the table lacks, as it is."""
    name, value = split_observation(code)
    words = QCoreApplication.translate("FindingsPanel", OBSERVATION_WORDS[name]) if name in OBSERVATION_WORDS else name
    return f"{words}: {value}" if value is not None else words


def expected_seen_text(finding: Finding) -> str:
    """"Expected: ...; seen: ..." of ``finding``, in the light it was found in (rich text)."""
    return QCoreApplication.translate("FindingsPanel", "In {light}, expected <b>{expected}</b>, seen <b>{seen}</b>.").format(
        light=html.escape(_light_word(finding.light), quote=False),
        expected=html.escape(observation_words(finding.expected), quote=False),
        seen=html.escape(observation_words(finding.seen), quote=False))


class EvidenceImage(QLabel):
    """One evidence image, scaled to the label with its proportions kept; a double-click asks for it enlarged."""

    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, *, minimum: int = 60) -> None:
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(minimum, minimum)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet("background: #202020;")

    def set_image(self, image) -> None:
        self._pixmap = QPixmap.fromImage(to_qimage(image)) if image is not None else None
        self._rescale()

    def source_size(self) -> QSize | None:
        """The size of the image shown, before scaling (None: none)."""
        return self._pixmap.size() if self._pixmap is not None else None

    def _rescale(self) -> None:
        if self._pixmap is None or self._pixmap.isNull():
            self.clear()
            return
        size = self.contentsRect().size()
        if size.width() < 2 or size.height() < 2:
            return
        # enlarged by whole steps with the pixels kept sharp (each a pixel of the crop), reduced smoothly
        smooth = size.width() < self._pixmap.width() or size.height() < self._pixmap.height()
        mode = Qt.TransformationMode.SmoothTransformation if smooth else Qt.TransformationMode.FastTransformation
        self.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, mode))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rescale()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.double_clicked.emit()
        super().mouseDoubleClickEvent(event)


class EvidenceImages(QWidget):
    """The three evidence images of a finding side by side (reference | questioned | difference), each captioned."""

    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, *, minimum: int = 60) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        self.captions: dict[str, QLabel] = {}
        self.images: dict[str, EvidenceImage] = {}
        for col, role in enumerate(ROLES):
            caption = QLabel(QCoreApplication.translate("FindingsPanel", ROLE_WORDS[role]))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image = EvidenceImage(minimum=minimum)
            image.setObjectName(f"evidence-{role}")
            image.double_clicked.connect(self.double_clicked)
            grid.addWidget(caption, 0, col)
            grid.addWidget(image, 1, col)
            grid.setColumnStretch(col, 1)
            self.captions[role], self.images[role] = caption, image
        grid.setRowStretch(1, 1)

    def set_view(self, view: EvidenceView | None) -> None:
        for role, image in self.images.items():
            image.set_image(view.images.get(role) if view is not None else None)


class EvidenceDialog(QDialog):
    """A finding's evidence enlarged: the three images as large as the screen allows, what was expected and seen."""

    def __init__(self, finding: Finding, view: EvidenceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence: {kind}").format(kind=kind_words(finding.kind)))
        said = finding.words(word)
        self.text = QLabel(expected_seen_text(finding) + (f"<br>{html.escape(said, quote=False)}" if said else ""))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.images = EvidenceImages(minimum=200)
        self.images.set_view(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.images, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1300, screen.width() - 40), min(700, screen.height() - 60))


class FindingsPanel(QWidget):
    """A table of ``workbench.findings``: kind, light, score, alarm or note, detail. Selecting a row selects the
    finding in the workbench (which shows its light and zooms to it); a selection made elsewhere selects the row.
    The filter shows all lights or the current one only."""

    COLUMNS = [QT_TRANSLATE_NOOP("FindingsPanel", "Finding"), QT_TRANSLATE_NOOP("FindingsPanel", "Light"),
               QT_TRANSLATE_NOOP("FindingsPanel", "Score"), "", QT_TRANSLATE_NOOP("FindingsPanel", "Detail")]

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self._syncing = False
        self.filter = QComboBox()
        self.filter.addItem(self.tr("All lights"), ALL)
        self.filter.addItem(self.tr("Current light only"), CURRENT)
        self.count = QLabel()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) if c else "" for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.count)
        # What the newest stored comparison checked (every check, passed ones included) and could not check.
        self.checks_summary = QLabel()
        self.checks_summary.setObjectName("checksSummary")
        self.checks_summary.setWordWrap(True)
        self.checks_button = QPushButton(self.tr("Checks performed..."))
        self.checks_button.setObjectName("checksButton")
        self.checks_button.setToolTip(self.tr("Every check the comparison ran, light by light, with its outcome, and "
                                              "what it could not check: what a conclusion rests on"))
        self.checks_button.clicked.connect(self.show_checks)
        self.checks_dialog: ChecksDialog | None = None
        checks = QHBoxLayout()
        checks.addWidget(self.checks_summary, 1)
        checks.addWidget(self.checks_button)
        # The selected finding in full, wrapped: the table's Detail column is cut in a laptop's dock.
        self.detail = QLabel(self.tr(NO_DETAIL))
        self.detail.setObjectName("findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setFrameShape(QLabel.Shape.StyledPanel)
        self.detail.setMargin(6)
        # The selected finding's evidence: what was expected and seen, and its three images (double-click: larger).
        self.observed = QLabel()
        self.observed.setObjectName("findingObserved")
        self.observed.setWordWrap(True)
        self.evidence = EvidenceImages()
        self.evidence.setMinimumHeight(150)
        self.evidence.setToolTip(self.tr("Double-click to enlarge"))
        self.evidence.double_clicked.connect(self.enlarge)
        self.no_evidence = QLabel(self.tr("No evidence images were kept for this finding."))
        self.no_evidence.setWordWrap(True)
        self.dialog: EvidenceDialog | None = None
        self._view: EvidenceView | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.observed)
        layout.addWidget(self.evidence, 1)  # as tall as the list: the crops are what the examiner looks at
        layout.addWidget(self.no_evidence)

        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._row_selected)
        workbench.events.comparison.connect(lambda _c: self.refresh())
        workbench.events.case.connect(lambda _c: self.refresh())
        workbench.events.light.connect(self._light_changed)
        workbench.events.selected.connect(self._select_row)
        self.refresh()

    # --- what is shown -----------------------------------------------------------------------------------------

    def set_filter(self, which: str) -> None:
        """``"all"`` lights or the ``"current"`` one."""
        i = self.filter.findData(which)
        if i < 0:
            raise ValueError(f"the filter is {ALL!r} or {CURRENT!r}, got {which!r}")
        self.filter.setCurrentIndex(i)

    def shown(self) -> list[int]:
        """Indices into ``workbench.findings`` of the rows, top to bottom."""
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.table.rowCount())]

    def _visible(self, findings: list[Finding]) -> list[int]:
        only = self.workbench.light if self.filter.currentData() == CURRENT else None
        keep = [i for i, f in enumerate(findings) if only is None or f.light == only]
        return sorted(keep, key=lambda i: (-findings[i].score, i))

    def refresh(self) -> None:
        """Rebuild the rows from the workbench and select its selected finding."""
        findings = self.workbench.findings
        order = self._visible(findings)
        self._syncing = True
        try:
            self.table.clearSelection()
            self.table.setRowCount(len(order))
            for r, i in enumerate(order):
                f = findings[i]
                cells = [kind_words(f.kind), _light_word(f.light), QLocale().toString(f.score, "f", 2),
                         self.tr("ALARM") if f.alarm else self.tr("note"),
                         f.words(word) or (self.tr("region {region}").format(region=f.region) if f.region else "")]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c == 0:
                        item.setData(Qt.ItemDataRole.UserRole, i)
                    if f.alarm:
                        item.setBackground(QBrush(QColor(ALARM_BACKGROUND)))
                        if c == 3:
                            font = item.font()
                            font.setBold(True)
                            item.setFont(font)
                    item.setToolTip(f.words(word))
                    self.table.setItem(r, c, item)
        finally:
            self._syncing = False
        alarms = sum(f.alarm for f in findings)
        hidden = len(findings) - len(order)
        others = self.tr(", %n in other lights", "", hidden) if hidden else ""
        self.count.setText(self.tr("%n finding(s)", "", len(findings)) + ", " + self.tr("%n alarm(s)", "", alarms) + others)
        record = self.stored_comparison()
        self.checks_summary.setText(summary_text(view_of(record)) if record is not None else "")
        self.checks_summary.setVisible(record is not None)
        self.checks_button.setVisible(record is not None)
        self._select_row(self.workbench.selected)

    def stored_comparison(self) -> ComparisonRecord | None:
        """The open case's newest comparison as stored (the one just made: the workstation stores every comparison
        before showing it), or None."""
        case = self.workbench.case
        return case.comparison if case is not None else None

    def show_checks(self) -> ChecksDialog | None:
        """Open the checks of the newest stored comparison (the button does); None when the case has none."""
        record = self.stored_comparison()
        if record is None:
            return None
        if self.checks_dialog is not None:
            self.checks_dialog.close()
        self.checks_dialog = ChecksDialog(view_of(record), self.window())
        self.checks_dialog.show()
        return self.checks_dialog

    def _light_changed(self, _light: str) -> None:
        if self.filter.currentData() == CURRENT:
            self.refresh()

    # --- selection, both ways ----------------------------------------------------------------------------------

    def _show_evidence(self, finding: Finding | None) -> None:
        self._view = evidence_view(self.workbench, finding) if finding is not None else None
        self.observed.setVisible(finding is not None)
        self.observed.setText(expected_seen_text(finding) if finding is not None else "")
        self.evidence.setVisible(self._view is not None)
        self.evidence.set_view(self._view)
        self.no_evidence.setVisible(finding is not None and self._view is None)

    def evidence_shown(self) -> EvidenceView | None:
        """The evidence of the selected finding shown under the table, or None."""
        return self._view

    def enlarge(self) -> EvidenceDialog | None:
        """Open the selected finding's evidence enlarged (a double-click on it does); None when it has none."""
        index = self.workbench.selected
        if self._view is None or index is None or not 0 <= index < len(self.workbench.findings):
            return None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = EvidenceDialog(self.workbench.findings[index], self._view, self.window())
        self.dialog.show()
        return self.dialog

    def _show_detail(self, index: int | None) -> None:
        findings = self.workbench.findings
        if index is None or not 0 <= index < len(findings):
            self.detail.setText(self.tr(NO_DETAIL))
            self._show_evidence(None)
            return
        f = findings[index]
        self._show_evidence(f)
        said = f.words(word) or (self.tr("region {region}").format(region=f.region) if f.region else "")
        self.detail.setText(self.tr("<b>{kind}</b> in {light}, score {score} ({alarm})").format(
            kind=kind_words(f.kind), light=_light_word(f.light), score=QLocale().toString(f.score, "f", 2),
            alarm=self.tr("ALARM") if f.alarm else self.tr("note")) + (f": {html.escape(said)}" if said else ""))

    def _select_row(self, index: int | None) -> None:
        self._show_detail(index)
        self._syncing = True
        try:
            rows = self.shown()
            if index is None or index not in rows:
                self.table.clearSelection()
                return
            r = rows.index(index)
            self.table.setCurrentCell(r, self.table.currentColumn() if self.table.currentColumn() >= 0 else 0)
            self.table.selectRow(r)
            self.table.scrollToItem(self.table.item(r, 0))
        finally:
            self._syncing = False

    def _row_selected(self) -> None:
        if self._syncing:
            return
        rows = {i.row() for i in self.table.selectedItems()}
        index = self.table.item(min(rows), 0).data(Qt.ItemDataRole.UserRole) if rows else None
        if index != self.workbench.selected:
            self.workbench.select_finding(index)
