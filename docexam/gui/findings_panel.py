"""The findings of the comparison (or the open case's stored ones), highest score first, alarms highlighted; the
selected row is the workbench's selected finding, both ways."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.compare.result import Finding, FindingKind
from docexam.gui.i18n import light_word
from docexam.workbench.state import Workbench

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
    FindingKind.NOT_EXAMINED: QT_TRANSLATE_NOOP("FindingsPanel", "outside the capture: not examined"),
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
        # The selected finding in full, wrapped: the table's Detail column is cut in a laptop's dock.
        self.detail = QLabel(self.tr(NO_DETAIL))
        self.detail.setObjectName("findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setFrameShape(QLabel.Shape.StyledPanel)
        self.detail.setMargin(6)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

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
                         f.detail or (self.tr("region {region}").format(region=f.region) if f.region else "")]
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
                    item.setToolTip(f.detail)
                    self.table.setItem(r, c, item)
        finally:
            self._syncing = False
        alarms = sum(f.alarm for f in findings)
        hidden = len(findings) - len(order)
        others = self.tr(", %n in other lights", "", hidden) if hidden else ""
        self.count.setText(self.tr("%n finding(s)", "", len(findings)) + ", " + self.tr("%n alarm(s)", "", alarms) + others)
        self._select_row(self.workbench.selected)

    def _light_changed(self, _light: str) -> None:
        if self.filter.currentData() == CURRENT:
            self.refresh()

    # --- selection, both ways ----------------------------------------------------------------------------------

    def _show_detail(self, index: int | None) -> None:
        findings = self.workbench.findings
        if index is None or not 0 <= index < len(findings):
            self.detail.setText(self.tr(NO_DETAIL))
            return
        f = findings[index]
        said = f.detail or (self.tr("region {region}").format(region=f.region) if f.region else "")
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
