"""The case browser: search and filter the store's cases, open one, start a new one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.i18n import when_text, word
from docexam.verdicts import Verdict
from docexam.workbench.cases import NO_VERDICT, CaseFilter

# The columns' headings, translated where shown.
COLUMNS = (QT_TRANSLATE_NOOP("CaseBrowser", "Reference"), QT_TRANSLATE_NOOP("CaseBrowser", "Title"),
           QT_TRANSLATE_NOOP("CaseBrowser", "Verdict"), QT_TRANSLATE_NOOP("CaseBrowser", "Captures"),
           QT_TRANSLATE_NOOP("CaseBrowser", "Examiner"), QT_TRANSLATE_NOOP("CaseBrowser", "Changed"))
#: Below this width the columns NARROW_HIDDEN (captures, examiner) are hidden.
NARROW_WIDTH = 640
NARROW_HIDDEN = (3, 4)


class CaseBrowser(QWidget):
    """Cases matching the filter, most recently changed first. Double-click or Enter opens one."""

    case_activated = Signal(int)
    new_case_requested = Signal()

    def __init__(self, store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("caseBrowser")
        self.text = QLineEdit(placeholderText=self.tr("Search reference, title, number or holder"))
        self.text.setClearButtonEnabled(True)
        self.number = QLineEdit(placeholderText=self.tr("exact"))
        self.holder = QLineEdit(placeholderText=self.tr("words of the name"))
        self.state = QLineEdit(placeholderText=self.tr("e.g. UTO"))
        self.state.setMaxLength(3)
        self.verdict = QComboBox()
        self.verdict.addItem(self.tr("any verdict"), "")
        self.verdict.addItem(self.tr("no verdict yet"), NO_VERDICT)
        for v in Verdict:
            self.verdict.addItem(word(v.value), v.value)
        self.use_dates = QCheckBox(self.tr("Opened between"))
        self.since = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.until = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = QDate.currentDate()
        self.since.setDate(today.addMonths(-1))
        self.until.setDate(today)
        self.message = QLabel()
        self.message.setObjectName("filterMessage")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.new_button = QPushButton(self.tr("New case…"))
        self.open_button = QPushButton(self.tr("Open"))

        form = QFormLayout()
        form.addRow(self.tr("Document number"), self.number)
        form.addRow(self.tr("Holder"), self.holder)
        form.addRow(self.tr("Issuing state"), self.state)
        form.addRow(self.tr("Verdict"), self.verdict)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel(self.tr("and")))
        dates.addWidget(self.until)
        form.addRow(self.use_dates, dates)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        # Typing filters after a short pause, not at every key (a centre's database holds many cases).
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        for edit in (self.text, self.number, self.holder, self.state):
            edit.textChanged.connect(self._debounce.start)
        self.verdict.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._activate(row))
        self.open_button.clicked.connect(lambda: self._activate(self.table.currentRow()))
        self.new_button.clicked.connect(self.new_case_requested)
        self.cases = []

    def current_filter(self) -> CaseFilter:
        """The filter as typed (``ValueError`` when it cannot be: the message says why)."""
        dates = {}
        if self.use_dates.isChecked():
            dates = {"since": self.since.date().toString("yyyy-MM-dd"), "until": self.until.date().toString("yyyy-MM-dd")}
        return CaseFilter(text=self.text.text(), number=self.number.text(), holder=self.holder.text(),
                          state=self.state.text(), verdict=self.verdict.currentData() or "", **dates)

    def refresh(self) -> None:
        try:
            self.cases = self.current_filter().search(self.store)
        except ValueError as e:
            self.message.setText(str(e))
            return
        self.message.setText(self.tr("%n case(s)", "", len(self.cases)))
        self.table.setRowCount(len(self.cases))
        for row, c in enumerate(self.cases):
            values = (c.reference, c.title, word(c.verdict) if c.verdict else "—", QLocale().toString(c.captures), c.examiner,
                      when_text(c.updated_at))
            tip = "\n".join(f"{self.tr(name)}: {value}" for name, value in zip(COLUMNS, values))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setToolTip(tip)
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(0)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """In a narrow dock (a laptop's), the captures and examiner columns give way so the title and verdict show;
        every cell's tooltip gives the whole row."""
        narrow = self.width() < NARROW_WIDTH
        for col in NARROW_HIDDEN:
            self.table.setColumnHidden(col, narrow)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()

    def select_case(self, case_id: int) -> None:
        """Select case ``case_id`` in the list, reading the list again first when it is not there (a case made since
        the last search: the bundled sample on first launch, one created from the command line)."""
        if not any(c.id == case_id for c in self.cases):
            self.refresh()
        for row, c in enumerate(self.cases):
            if c.id == case_id:
                self.table.selectRow(row)
                return

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._activate(self.table.currentRow())
            return
        super().keyPressEvent(event)

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self.cases):
            self.case_activated.emit(self.cases[row].id)
