"""The case browser: search and filter the store's cases, open one, start a new one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
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

from docexam.verdicts import Verdict
from docexam.workbench.cases import NO_VERDICT, CaseFilter

COLUMNS = ("Reference", "Title", "Verdict", "Captures", "Examiner", "Changed")
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
        self.text = QLineEdit(placeholderText="Search reference, title, number or holder")
        self.text.setClearButtonEnabled(True)
        self.number = QLineEdit(placeholderText="exact")
        self.holder = QLineEdit(placeholderText="words of the name")
        self.state = QLineEdit(placeholderText="e.g. UTO")
        self.state.setMaxLength(3)
        self.verdict = QComboBox()
        self.verdict.addItem("any verdict", "")
        self.verdict.addItem("no verdict yet", NO_VERDICT)
        for v in Verdict:
            self.verdict.addItem(v.value, v.value)
        self.use_dates = QCheckBox("Opened between")
        self.since = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.until = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = QDate.currentDate()
        self.since.setDate(today.addMonths(-1))
        self.until.setDate(today)
        self.message = QLabel()
        self.message.setObjectName("filterMessage")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.new_button = QPushButton("New case…")
        self.open_button = QPushButton("Open")

        form = QFormLayout()
        form.addRow("Document number", self.number)
        form.addRow("Holder", self.holder)
        form.addRow("Issuing state", self.state)
        form.addRow("Verdict", self.verdict)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("and"))
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
        self.message.setText(f"{len(self.cases)} case(s)")
        self.table.setRowCount(len(self.cases))
        for row, c in enumerate(self.cases):
            values = (c.reference, c.title, c.verdict or "—", str(c.captures), c.examiner, c.updated_at[:16].replace("T", " "))
            tip = "\n".join(f"{name}: {value}" for name, value in zip(COLUMNS, values))
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
