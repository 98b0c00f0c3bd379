"""The open case: its recorded verdict with its reason (and the conclusion's fraud type and confidence), its
technical review with the reviewers' comments, notes, captures, and its audit trail (each entry opens to what it
recorded)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.i18n import light_code_or_word, when_text, word
from docexam.gui.review_view import ReviewBox, blocked_text
from docexam.verdicts import Confidence, FraudType, Verdict
from docexam.workbench.caseview import CaseView
from docexam.workbench.state import Workbench


class CasePanel(QWidget):
    """Verdict, notes, captures and audit trail of ``workbench``'s open case. Setting or withdrawing a verdict or
    adding a note goes through the workbench (one store transaction with its audit entry each). A verdict needs a
    reason, or the examiner's confirmation that it is recorded without one. ``error(str)`` reports a refused change;
    the typed text stays."""

    error = Signal(str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.title = QLabel(self.tr("No case open"))
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        self.recorded = QLabel("")
        self.recorded.setObjectName("verdictRecord")
        self.recorded.setWordWrap(True)
        self.verdict = QComboBox()
        self.verdict.addItem(self.tr("— choose —"), "")
        for v in Verdict:
            self.verdict.addItem(word(v.value), v.value)
        self.verdict_note = QLineEdit(placeholderText=self.tr("why (required; goes into the audit trail)"))
        # The conclusion's scale beside the verdict's words (issue 22): the fraud found and how sure the examiner is.
        self.fraud_type = QComboBox()
        self.fraud_type.setObjectName("fraudType")
        self.fraud_type.addItem(self.tr("none"), "")
        for ft in FraudType:
            self.fraud_type.addItem(word(ft.value), ft.value)
        self.confidence = QComboBox()
        self.confidence.setObjectName("confidence")
        self.confidence.addItem(self.tr("not stated"), "")
        for cf in Confidence:
            self.confidence.addItem(word(cf.value), cf.value)
        self.set_verdict = QPushButton(self.tr("Record verdict"))
        self.withdraw = QPushButton(self.tr("Withdraw…"))
        self.withdraw.setToolTip(self.tr("Withdraw the recorded verdict, saying why: the case is reopened for review"))
        self.notes = QPlainTextEdit(readOnly=True)
        self.note = QLineEdit(placeholderText=self.tr("add a note and press Enter"))
        self.captures = QListWidget()
        self.captures.setMinimumHeight(56)
        self.audit = QTreeWidget()
        self.audit.setHeaderHidden(True)
        self.audit.setColumnCount(1)
        self.audit.setToolTip(self.tr("Open an entry to see what it recorded"))
        self.audit.setMinimumHeight(72)

        verdict_box = QGroupBox(self.tr("Verdict"))
        form = QFormLayout(verdict_box)
        form.addRow(self.recorded)
        # Compact rows, so that the panel, the review and the audit trail fit a laptop's screen together.
        row = QHBoxLayout()
        row.addWidget(self.verdict, 1)
        row.addWidget(self.withdraw)
        form.addRow(self.tr("Verdict"), row)
        for combo in (self.fraud_type, self.confidence):  # long words elide rather than widen the dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        row = QHBoxLayout()
        row.addWidget(self.fraud_type, 1)
        row.addWidget(QLabel(self.tr("Confidence")))
        row.addWidget(self.confidence, 1)
        form.addRow(self.tr("Fraud type"), row)
        row = QHBoxLayout()
        row.addWidget(self.verdict_note, 1)
        row.addWidget(self.set_verdict)
        form.addRow(self.tr("Reason"), row)
        # Notes, captures and the audit trail share the height left below the verdict and its review, one tab each
        # (a laptop's screen has no room for the three boxes with the review above them).
        notes_page = QWidget()
        nl = QVBoxLayout(notes_page)
        nl.setContentsMargins(4, 4, 4, 4)
        nl.addWidget(self.notes)
        nl.addWidget(self.note)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(notes_page, self.tr("Notes"))
        self.tabs.addTab(self.captures, self.tr("Captures"))
        self.tabs.addTab(self.audit, self.tr("Audit trail"))
        self._stretching = (self.tabs,)
        self.review_box = ReviewBox(workbench)
        self.review_box.error.connect(self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(verdict_box)
        layout.addWidget(self.review_box)
        layout.addWidget(self.tabs, 1)

        self.set_verdict.clicked.connect(self._record_verdict)
        self.withdraw.clicked.connect(self._withdraw_verdict)
        self.note.returnPressed.connect(self._add_note)
        workbench.events.case.connect(self.show_case)
        self.show_case(workbench.case)

    def minimum_height_for_width(self, width: int) -> int:
        """The least height the panel needs at ``width``: its wrapped texts whole, the captures' and audit trail's
        tabs at their least (:class:`FitScrollArea` gives them the height there is beyond it)."""
        layout = self.layout()
        has = layout is not None and layout.hasHeightForWidth()
        full = layout.heightForWidth(width) if layout is not None and has else self.sizeHint().height()
        slack = sum(max(0, b.sizeHint().height() - b.minimumSizeHint().height()) for b in self._stretching)
        return max(self.minimumSizeHint().height(), full - slack)

    def show_case(self, case: CaseView | None) -> None:
        signoff = self.workbench.signoff
        blocked = signoff.actions(case).change
        enabled = case is not None and blocked is None
        for w in (self.verdict, self.fraud_type, self.confidence, self.verdict_note, self.set_verdict, self.note):
            w.setEnabled(enabled)
            # A change the signed-in examiner's role (or the case's state) does not allow says why.
            w.setToolTip(blocked_text(blocked, signoff) if case is not None and blocked is not None else "")
        self.captures.clear()
        self.audit.clear()
        record = case.verdict_record if case is not None else None
        self.withdraw.setEnabled(record is not None and enabled)
        if case is None:
            self.title.setText(self.tr("No case open"))
            self.recorded.setText("")
            self.notes.setPlainText("")
            return
        s = case.summary
        self.title.setText(f"<b>{escape(s.reference)}</b> — {escape(s.title)}<br>" + self.tr("examiner {examiner}, {status}")
                           .format(examiner=escape(s.examiner), status=escape(word(s.status))))
        if record is None:
            self.recorded.setText("<i>{}</i>".format(self.tr("No verdict recorded yet.")))
        else:
            reason = escape(record.reason) if record.reason else "<i>{}</i>".format(self.tr("recorded without a reason"))
            self.recorded.setText(self.tr("Recorded: <b>{verdict}</b><br>Reason: {reason}<br>"
                                          "<small>by {examiner}, {when} UTC — case {status}</small>").format(
                verdict=escape(word(record.verdict)), reason=reason, examiner=escape(record.actor),
                when=escape(when_text(record.at)), status=escape(word(record.status))))
        i = self.verdict.findData(s.verdict or "")
        self.verdict.setCurrentIndex(max(i, 0))
        self.fraud_type.setCurrentIndex(max(self.fraud_type.findData(case.review.fraud_type or ""), 0))
        self.confidence.setCurrentIndex(max(self.confidence.findData(case.review.confidence or ""), 0))
        self.notes.setPlainText("\n".join(case.notes))
        for c in case.captures:
            dpi = f", {QLocale().toString(round(c.dpi))} dpi" if c.dpi else ""
            self.captures.addItem(f"{light_code_or_word(c.light):<8} {c.filename or c.sha256[:12]}  {c.width}×{c.height}{dpi}  sha256 {c.sha256[:12]}…")
        for e in case.audit:
            item = QTreeWidgetItem([f"{when_text(e.at, seconds=True)}  {e.actor}  {e.headline}"])
            lines = e.content
            item.setToolTip(0, "\n".join(str(x) for x in lines) or e.action)
            for line in lines:
                item.addChild(QTreeWidgetItem([str(line)]))
            self.audit.addTopLevelItem(item)
        self.audit.scrollToBottom()

    def confirm_without_reason(self, verdict: str) -> bool:
        """Ask whether to record ``verdict`` without a reason (the audit trail then says none was given)."""
        answer = QMessageBox.question(
            self, self.tr("Record without a reason?"),
            self.tr("Record the verdict “{verdict}” without a reason?\n\nThe audit trail and the report will say that "
                    "no reason was given.").format(verdict=word(verdict)), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_withdraw_reason(self, verdict: str) -> str | None:
        """Ask why ``verdict`` is withdrawn; None if the examiner cancels."""
        text, ok = QInputDialog.getText(self, self.tr("Withdraw the verdict"), self.tr(
            "Why is the verdict “{verdict}” withdrawn? (goes into the audit trail)").format(verdict=word(verdict)))
        return text if ok else None

    def _record_verdict(self) -> None:
        verdict = self.verdict.currentData()
        if not verdict:
            self.error.emit(self.tr("Choose a verdict first."))
            return
        note = self.verdict_note.text().strip()
        if not note and not self.confirm_without_reason(verdict):
            self.verdict_note.setFocus()
            return
        try:
            self.workbench.set_verdict(verdict, note=note or None, fraud_type=self.fraud_type.currentData() or None,
                                       confidence=self.confidence.currentData() or None)
        except Exception as e:  # noqa: BLE001 - shown to the examiner; the choice stays on screen
            self.error.emit(self.tr("The verdict was not recorded: {error}").format(error=e))
            return
        self.verdict_note.clear()

    def _withdraw_verdict(self) -> None:
        case = self.workbench.case
        record = case.verdict_record if case is not None else None
        if record is None:
            return
        reason = self.ask_withdraw_reason(record.verdict)
        if reason is None:
            return
        if not reason.strip():
            self.error.emit(self.tr("The verdict was not withdrawn: say why (it goes into the audit trail)."))
            return
        try:
            self.workbench.withdraw_verdict(reason)
        except Exception as e:  # noqa: BLE001 - shown to the examiner
            self.error.emit(self.tr("The verdict was not withdrawn: {error}").format(error=e))

    def _add_note(self) -> None:
        text = self.note.text()
        try:
            self.workbench.add_note(text)
        except Exception as e:  # noqa: BLE001 - shown to the examiner; the typed note stays
            self.error.emit(self.tr("The note was not added: {error}").format(error=e))
            return
        self.note.clear()


class FitScrollArea(QScrollArea):
    """A scroll area that gives its widget the whole viewport, and never less than the widget's minimum size: the
    widget's stretching lists take the height there is, and it scrolls only when its minimum does not fit (a Qt
    scroll area that resizes its widget gives a widget with word-wrapped text its preferred height instead)."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        widget = self.widget()
        if widget is None:
            return
        viewport, least = self.viewport().size(), widget.minimumSizeHint()
        width = max(viewport.width(), least.width())
        needs = getattr(widget, "minimum_height_for_width", None)
        height = needs(width) if needs is not None else least.height()
        widget.resize(width, max(viewport.height(), height))

