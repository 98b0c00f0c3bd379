"""The checks the open case's newest comparison ran, light by light, with their outcome, and what it could not check
(:mod:`docexam.workbench.checks`): what a "genuine" conclusion rests on, in the workstation as in the PDF report."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.i18n import light_word, word
from docexam.workbench.checks import CheckLine, ChecksView, Outcome, checks_view

if TYPE_CHECKING:
    from docexam.store.records import ComparisonRecord

#: Each outcome's text colour: green for passed, red for an alarm, amber for notes (as the report colours them).
OUTCOME_COLOURS = {Outcome.PASSED: "#14642a", Outcome.REGISTERED: "#14642a", Outcome.ALARM: "#b71c1c",
                   Outcome.NOTE: "#8a5a00"}


def _number(value: float) -> str:
    return QLocale().toString(value, "f", 2)


class ChecksDialog(QDialog):
    """The checks of a stored comparison (:func:`docexam.workbench.checks.checks_view`): light, check, outcome, and
    below them what the comparison could not check."""

    def __init__(self, view: ChecksView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(self.tr("Checks performed"))
        self.setObjectName("checksDialog")
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary_text(view))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Light"), self.tr("Check"), self.tr("Outcome")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for r, line in enumerate(view.lines or ()):
            self.table.insertRow(r)
            cells = (light_word(line.light) if line.light else self.tr("document"), line.label, outcome_text(line))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 2:
                    item.setForeground(QBrush(QColor(OUTCOME_COLOURS[line.outcome])))
                    if line.outcome is Outcome.ALARM:
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(view.lines is not None)
        layout.addWidget(self.table, 1)
        self.unrecorded = QLabel(self.tr(
            "Checks not recorded: this comparison was stored by an earlier version of docexam, which did not record "
            "which checks ran. A light without findings shows only that nothing was found; compare again for the list "
            "of checks and their outcome."))
        self.unrecorded.setWordWrap(True)
        self.unrecorded.setVisible(view.lines is None)
        layout.addWidget(self.unrecorded)
        self.not_checked = QGroupBox(self.tr("What the comparison could not check"))
        self.notes = QLabel("<ul style='margin-left:-20px'>" + "".join(
            f"<li>{html.escape(n, quote=False)}</li>" for n in view.not_checked) + "</ul>")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.not_checked).addWidget(self.notes)
        self.not_checked.setVisible(bool(view.not_checked))
        layout.addWidget(self.not_checked)
        legend = QLabel(self.tr("\"passed\": the check ran and found nothing at or above the reporting level."))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        layout.addWidget(legend)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(820, screen.width() - 40), min(640, screen.height() - 60))

    def rows(self) -> list[tuple[str, str, str]]:
        """The table's rows as shown: (light, check, outcome)."""
        def text(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]


def outcome_text(line: CheckLine) -> str:
    """A check's outcome in the workstation's language: registered, passed, or its alarms and notes."""
    if line.outcome is Outcome.REGISTERED:
        return QCoreApplication.translate("ChecksDialog", "registered")
    if line.outcome is Outcome.PASSED:
        return QCoreApplication.translate("ChecksDialog", "passed")
    said = ([QCoreApplication.translate("ChecksDialog", "%n alarm(s)", "", line.alarms)] if line.alarms else []) + (
        [QCoreApplication.translate("ChecksDialog", "%n note(s)", "", line.notes)] if line.notes else [])
    return ", ".join(said)


def summary_text(view: ChecksView) -> str:
    """One line on the checks: how many passed, found alarms, found notes; and how many things were not checked."""
    if view.lines is None:
        text = QCoreApplication.translate("ChecksDialog", "Checks not recorded")
    else:
        passed = view.count(Outcome.PASSED)
        parts = [QCoreApplication.translate("ChecksDialog", "%n check(s) passed", "", passed)]
        if alarmed := view.count(Outcome.ALARM):
            parts.append(QCoreApplication.translate("ChecksDialog", "%n with alarms", "", alarmed))
        if noted := view.count(Outcome.NOTE):
            parts.append(QCoreApplication.translate("ChecksDialog", "%n with notes only", "", noted))
        text = ", ".join(parts)
    if view.not_checked:
        text += "; " + QCoreApplication.translate("ChecksDialog", "%n thing(s) not checked", "", len(view.not_checked))
    return text


def view_of(record: ComparisonRecord) -> ChecksView:
    """The checks of ``record`` (a stored comparison) in the workstation's language."""
    return checks_view(record, word, number=_number)
