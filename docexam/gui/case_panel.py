"""The open case: its verdict and notes, its captures, and its audit trail."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from docexam.verdicts import Verdict
from docexam.workbench.caseview import CaseView
from docexam.workbench.state import Workbench


class CasePanel(QWidget):
    """Verdict, notes, captures and audit trail of ``workbench``'s open case. Setting a verdict or adding a note
    goes through the workbench (one store transaction with its audit entry each). ``error(str)`` reports a refused
    change; the typed text stays."""

    error = Signal(str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.title = QLabel("No case open")
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        self.verdict = QComboBox()
        self.verdict.addItem("— choose —", "")
        for v in Verdict:
            self.verdict.addItem(v.value, v.value)
        self.verdict_note = QLineEdit(placeholderText="why (goes into the audit trail)")
        self.set_verdict = QPushButton("Record verdict")
        self.notes = QPlainTextEdit(readOnly=True)
        self.notes.setMaximumHeight(90)
        self.note = QLineEdit(placeholderText="add a note and press Enter")
        self.captures = QListWidget()
        self.audit = QListWidget()

        verdict_box = QGroupBox("Verdict")
        form = QFormLayout(verdict_box)
        form.addRow("Verdict", self.verdict)
        form.addRow("Reason", self.verdict_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.set_verdict)
        form.addRow(row)
        notes_box = QGroupBox("Notes")
        nl = QVBoxLayout(notes_box)
        nl.addWidget(self.notes)
        nl.addWidget(self.note)
        caps_box = QGroupBox("Captures")
        QVBoxLayout(caps_box).addWidget(self.captures)
        audit_box = QGroupBox("Audit trail")
        QVBoxLayout(audit_box).addWidget(self.audit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(verdict_box)
        layout.addWidget(notes_box)
        layout.addWidget(caps_box, 1)
        layout.addWidget(audit_box, 1)

        self.set_verdict.clicked.connect(self._record_verdict)
        self.note.returnPressed.connect(self._add_note)
        workbench.events.case.connect(self.show_case)
        self.show_case(workbench.case)

    def show_case(self, case: CaseView | None) -> None:
        enabled = case is not None
        for w in (self.verdict, self.verdict_note, self.set_verdict, self.note):
            w.setEnabled(enabled)
        self.captures.clear()
        self.audit.clear()
        if case is None:
            self.title.setText("No case open")
            self.notes.setPlainText("")
            return
        s = case.summary
        self.title.setText(f"<b>{s.reference}</b> — {s.title}<br>examiner {s.examiner}, {s.status}")
        i = self.verdict.findData(s.verdict or "")
        self.verdict.setCurrentIndex(max(i, 0))
        self.notes.setPlainText("\n".join(case.notes))
        for c in case.captures:
            dpi = f", {c.dpi:.0f} dpi" if c.dpi else ""
            self.captures.addItem(f"{c.light:<8} {c.filename or c.sha256[:12]}  {c.width}×{c.height}{dpi}  sha256 {c.sha256[:12]}…")
        for e in case.audit:
            self.audit.addItem(f"{e.at[:19].replace('T', ' ')}  {e.actor}  {e.action}")
        self.audit.scrollToBottom()

    def _record_verdict(self) -> None:
        verdict = self.verdict.currentData()
        if not verdict:
            self.error.emit("Choose a verdict first.")
            return
        try:
            self.workbench.set_verdict(verdict, note=self.verdict_note.text().strip() or None)
        except Exception as e:  # noqa: BLE001 - shown to the examiner; the choice stays on screen
            self.error.emit(f"The verdict was not recorded: {e}")
            return
        self.verdict_note.clear()

    def _add_note(self) -> None:
        text = self.note.text()
        try:
            self.workbench.add_note(text)
        except Exception as e:  # noqa: BLE001 - shown to the examiner; the typed note stays
            self.error.emit(f"The note was not added: {e}")
            return
        self.note.clear()
