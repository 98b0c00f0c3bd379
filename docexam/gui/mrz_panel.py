"""The MRZ of the open case (or of a fresh reading): its characters coloured by recognition confidence, its check
digits, fields, warnings and verdict, and the examiner's comparison of the MRZ with the VIZ. What is shown comes
from :class:`docexam.workbench.mrz_view.MrzView`; this module only lays it out."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.i18n import word
from docexam.mrz.viz import viz_field, viz_values
from docexam.store.records import MRZReading
from docexam.workbench.caseview import CaseView
from docexam.workbench.mrz_view import (
    BAND_COLOURS,
    CORRECTED_BACKGROUND,
    HIGH_FROM,
    LOW_BELOW,
    VIZ_FIELDS,
    Band,
    Match,
    MRZValidity,
    MrzView,
    ReadingLike,
    Row,
    as_reading,
    compare_with_viz,
    viz_record,
)
from docexam.workbench.state import Workbench

#: OCR-B as Debian's fonts-ocr-b and common Windows installs name it; any monospace font otherwise.
MRZ_FONTS = ["OCR B", "OCR-B", "OCRB", "OCR-B 10 BT", "DejaVu Sans Mono", "Monospace"]
VERDICT_COLOURS = {MRZValidity.VALID: "#1b5e20", MRZValidity.INVALID: "#c62828", MRZValidity.UNCONFIRMED: "#b26a00"}
MATCH_COLOURS = {Match.MATCH: "#1b5e20", Match.DIFFERS: "#c62828", Match.NOT_ENTERED: "#616161"}
EMPTY_TEXT = QT_TRANSLATE_NOOP("MrzPanel", "No MRZ read yet")
# The panel's words for what docexam.workbench.mrz_view names by code: the bands of confidence (with the thresholds
# filled in), the MRZ's verdict and the match of a VIZ field, translated where shown.
BAND_WORDS = {Band.HIGH: QT_TRANSLATE_NOOP("MrzPanel", "read with confidence {high} or more"),
              Band.MEDIUM: QT_TRANSLATE_NOOP("MrzPanel", "read with confidence from {low} to {high}: worth a look"),
              Band.LOW: QT_TRANSLATE_NOOP("MrzPanel", "read with confidence under {low}: not trusted, check by eye")}
VALIDITY_WORDS = {MRZValidity.VALID: QT_TRANSLATE_NOOP("MrzPanel", "VALID"),
                  MRZValidity.INVALID: QT_TRANSLATE_NOOP("MrzPanel", "INVALID"),
                  MRZValidity.UNCONFIRMED: QT_TRANSLATE_NOOP("MrzPanel", "UNCONFIRMED")}
MATCH_WORDS = {Match.MATCH: QT_TRANSLATE_NOOP("MrzPanel", "match"), Match.DIFFERS: QT_TRANSLATE_NOOP("MrzPanel", "differs"),
               Match.NOT_ENTERED: QT_TRANSLATE_NOOP("MrzPanel", "not entered")}


def mrz_font(point_size: int = 13) -> QFont:
    font = QFont()
    font.setFamilies(MRZ_FONTS)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFixedPitch(True)
    font.setPointSize(point_size)
    return font


#: The MRZ is drawn at this size where there is room, and shrunk down to MRZ_MIN_POINTS to show whole lines (44
#: characters for TD3, ICAO Doc 9303 Part 4, 4.2) in a narrow dock rather than hide their ends behind a scroll bar.
MRZ_POINTS = 13.0
MRZ_MIN_POINTS = 7.0


class MrzLines(QTextEdit):
    """The MRZ lines, read-only, unwrapped, in OCR-B at the largest size (up to :data:`MRZ_POINTS`) that shows the
    longest line whole in the width it has; as tall as its lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(mrz_font())
        self.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as tall as its lines

    def fit(self) -> None:
        doc = self.document()
        chars = max((len(doc.findBlockByNumber(i).text()) for i in range(doc.blockCount())), default=0) or 44
        probe = mrz_font()
        probe.setPointSizeF(MRZ_POINTS)
        wide = QFontMetricsF(probe).horizontalAdvance("<" * chars) + 2 * doc.documentMargin() + 10
        room = self.viewport().width()
        points = max(MRZ_MIN_POINTS, min(MRZ_POINTS, MRZ_POINTS * room / wide)) if room > 0 else MRZ_POINTS
        self._set_points(points)
        while room > 0 and doc.idealWidth() > room - 2 and points > MRZ_MIN_POINTS:  # sizes round to whole pixels
            points = max(MRZ_MIN_POINTS, points - 0.25)
            self._set_points(points)
        # A scroll bar only when even the smallest size does not show the lines whole.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if points > MRZ_MIN_POINTS
                                          else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        bar = self.horizontalScrollBar().sizeHint().height() if points <= MRZ_MIN_POINTS else 0
        self.setFixedHeight(int(doc.size().height()) + 2 * self.frameWidth() + 4 + bar)

    def _set_points(self, points: float) -> None:
        if abs(self.font().pointSizeF() - points) > 0.05:
            font = self.font()
            font.setPointSizeF(points)
            self.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()


def _item(text: str, *, editable: bool = False, colour: str | None = None, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    if bold:
        f = item.font()
        f.setBold(True)
        item.setFont(f)
    return item


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fit_columns(table: QTableWidget, *, stretch: tuple[int, ...]) -> None:
    """Fit ``table``'s columns in the dock's width rather than scroll sideways (a longer word in Azerbaijani or
    Russian): the ``stretch`` columns share what the others (as wide as their contents) leave, their words wrapping
    onto more lines (:func:`_fit_height` makes the rows as tall as that needs)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for c in range(table.columnCount()):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c in stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setProperty("stretched", list(stretch))


def _wrap_headings(table: QTableWidget) -> None:
    """Break the heading of each stretched column onto as many lines as its width needs (``VIZ (as printed)`` over
    two in a narrow dock) rather than cut it."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for c in table.property("stretched") or []:
        item = table.horizontalHeaderItem(c)
        if item is None:
            continue
        full = item.data(Qt.ItemDataRole.UserRole) or item.text()
        item.setData(Qt.ItemDataRole.UserRole, full)
        room = header.sectionSize(c) - 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin) - 4
        lines: list[str] = []
        for w in str(full).split(" "):
            if lines and metrics.horizontalAdvance(lines[-1] + " " + w) <= room:
                lines[-1] += " " + w
            else:
                lines.append(w)
        text = "\n".join(lines)
        if text != item.text():
            item.setText(text)


def _fit_height(table: QTableWidget) -> None:
    """Make ``table`` as tall as its rows, and its horizontal scroll bar when its columns are wider than the dock (a
    longer word in another language): the panel scrolls as a whole, not table by table, and no row hides behind
    the bar."""
    _wrap_headings(table)
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    wide = table.horizontalHeader().length() > table.viewport().width()
    bar = table.horizontalScrollBar().sizeHint().height() if wide else 0
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + 2 + bar)


class MrzPanel(QWidget):
    """The MRZ reading of ``workbench``'s open case, or one given to :meth:`set_reading`.

    The MRZ-vs-VIZ table takes the examiner's VIZ values (typed, or pre-filled by :meth:`set_viz_values` from a
    comparison's VIZ reading) and shows per field whether they agree; "Record" emits ``viz_confirmed(dict)``
    (:func:`docexam.workbench.mrz_view.viz_record`) for the main window to keep as a finding.
    """

    viz_confirmed = Signal(dict)

    #: columns of the VIZ table
    VIZ_COL_FIELD, VIZ_COL_MRZ, VIZ_COL_VIZ, VIZ_COL_STATE = range(4)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.reading: MRZReading | None = None
        self.view: MrzView | None = None
        self.rows: list[Row] = []
        self._filling = False
        self._case_key: tuple | None = ()

        self.empty = QLabel(self.tr(str(EMPTY_TEXT)))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict = QLabel()
        self.verdict.setObjectName("mrzVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.lines = MrzLines()
        self.lines.setObjectName("mrzLines")
        self.legend = QLabel(self._legend_html())
        self.legend.setWordWrap(True)
        self.summary = QLabel()  # engine and overall confidence
        # The digits' headings are short (abbreviated where a language's word is long), the whole word in their
        # tooltips; the check's name and its place wrap: the table fits a dock at 1366x768 in every language.
        self.checks = _table([self.tr("Check digit"), self.tr("Expected", "column heading, abbreviated if long"),
                              self.tr("Found", "column heading, abbreviated if long"), self.tr("Where"),
                              self.tr("Result")])
        for column, tip in ((1, self.tr("Expected: the digit the data it covers give")),
                            (2, self.tr("Found: the digit printed in the MRZ"))):
            self.checks.horizontalHeaderItem(column).setToolTip(tip)
        _fit_columns(self.checks, stretch=(0, 3))
        self.fields = _table([self.tr("Field"), self.tr("Value")])
        self.warnings = QLabel()
        self.warnings.setObjectName("mrzWarnings")
        self.warnings.setWordWrap(True)
        self.errors = QLabel()
        self.errors.setObjectName("mrzErrors")
        self.errors.setWordWrap(True)
        self.viz = _table([self.tr("Field"), self.tr("MRZ"), self.tr("VIZ (as printed)"), self.tr("Match")])
        _fit_columns(self.viz, stretch=(self.VIZ_COL_MRZ, self.VIZ_COL_VIZ))
        self.viz.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.viz.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.viz_summary = QLabel()
        self.record = QPushButton(self.tr("Record"))
        self.record.setToolTip(self.tr("Keep the MRZ-against-VIZ comparison in the case"))

        mrz_box = QGroupBox(self.tr("Machine readable zone"))
        ml = QVBoxLayout(mrz_box)
        ml.addWidget(self.lines)
        ml.addWidget(self.legend)
        ml.addWidget(self.summary)
        checks_box = QGroupBox(self.tr("Check digits"))
        QVBoxLayout(checks_box).addWidget(self.checks)
        fields_box = QGroupBox(self.tr("Fields"))
        QVBoxLayout(fields_box).addWidget(self.fields)
        notes_box = QGroupBox(self.tr("Errors and warnings"))
        nl = QVBoxLayout(notes_box)
        nl.addWidget(self.errors)
        nl.addWidget(self.warnings)
        viz_box = QGroupBox(self.tr("MRZ against VIZ"))
        vl = QVBoxLayout(viz_box)
        vl.addWidget(self.viz)
        row = QHBoxLayout()
        row.addWidget(self.viz_summary, 1)
        row.addWidget(self.record)
        vl.addLayout(row)

        content = QWidget()
        cl = QVBoxLayout(content)
        cl.addWidget(self.verdict)
        cl.addWidget(mrz_box)
        cl.addWidget(checks_box)
        cl.addWidget(fields_box)
        cl.addWidget(notes_box)
        cl.addWidget(viz_box)
        cl.addStretch(1)
        self._content = cl
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        QVBoxLayout(self).addWidget(self.stack)

        self._fill_viz({})
        self.viz.itemChanged.connect(self._viz_edited)
        self.record.clicked.connect(self._record)
        workbench.events.case.connect(self._case_changed)
        self._case_changed(workbench.case)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Once the tables have their new width: whether each needs its scroll bar may have changed.
        QTimer.singleShot(0, self._refit_tables)

    def _refit_tables(self) -> None:
        for table in (self.checks, self.fields, self.viz):
            _fit_height(table)

    def add_section(self, widget: QWidget) -> None:
        """Show ``widget`` (a group of its own, such as the library reference proposed for the MRZ read) below the
        machine readable zone."""
        self._content.insertWidget(2, widget)

    # --- from the state ----------------------------------------------------------------------------------------

    def _case_changed(self, case: CaseView | None) -> None:
        # Only when another case is opened or its stored reading changed: a refresh after a note must not replace a
        # fresh reading shown with set_reading.
        reading = case.reading if case is not None else None
        key = (case.summary.id if case is not None else None, reading)
        if key != self._case_key:
            self._case_key = key
            self.set_reading(reading)

    def set_reading(self, reading: ReadingLike | None) -> None:
        """Show ``reading`` (an :class:`MRZReading`, or a ``docexam read --json`` or ``docexam mrz --json`` object),
        or the empty state. VIZ values typed so far are kept when the new reading is of the same MRZ."""
        reading = as_reading(reading) if reading else None
        same_mrz = bool(reading and self.reading and reading.lines == self.reading.lines)
        typed = self.viz_values() if same_mrz else {}
        self.reading = reading
        self.view = MrzView.of(self.reading, word) if self.reading else None
        self.record.setEnabled(self.view is not None)
        if self.view is None:
            self.stack.setCurrentWidget(self.empty)
            self.lines.clear()
            self._fill_viz({})
            return
        self.stack.setCurrentIndex(1)
        self._show_verdict(self.view)
        self._show_lines(self.view)
        self._show_checks(self.view)
        self._show_fields(self.view)
        self._show_notes(self.view)
        self._fill_viz(typed)

    @property
    def is_empty(self) -> bool:
        return self.view is None

    def _show_verdict(self, v: MrzView) -> None:
        self.verdict.setText(f'<span style="font-size:15pt; font-weight:bold; color:{VERDICT_COLOURS[v.verdict]}">'
                             f"{self.tr(str(VALIDITY_WORDS[v.verdict]))}</span>: {v.verdict_text}")

    @staticmethod
    def _legend_html() -> str:
        low, high = (QLocale().toString(round(x * 100)) + "%" for x in (LOW_BELOW, HIGH_FROM))
        parts = [f'<span style="color:{BAND_COLOURS[b]}; font-weight:bold">&#9632;</span> '
                 + QCoreApplication.translate("MrzPanel", str(BAND_WORDS[b])).format(low=low, high=high)
                 for b in (Band.HIGH, Band.MEDIUM, Band.LOW)]
        parts.append(f'<span style="background:{CORRECTED_BACKGROUND}">&nbsp;X&nbsp;</span> '
                     + QCoreApplication.translate(
                         "MrzPanel", "changed by the check-digit correction (hover the line for what was read)"))
        return "<br>".join(parts)

    def _show_lines(self, v: MrzView) -> None:
        self.lines.clear()
        cursor = self.lines.textCursor()
        tips: list[str] = []
        checks: list[str] = []
        for i, line in enumerate(v.chars):
            if i:
                cursor.insertBlock()
            for j, ch in enumerate(line):
                fmt = QTextCharFormat()
                fmt.setForeground(QBrush(QColor(ch.colour)))
                if ch.corrected:
                    fmt.setBackground(QBrush(QColor(CORRECTED_BACKGROUND)))
                    fmt.setFontUnderline(True)
                    tips.append(self.tr("line {line}, position {position}: read {read}, corrected to {char}").format(
                        line=i + 1, position=j + 1, read=repr(ch.read_as), char=repr(ch.char)))
                if ch.check_by_eye:  # a letter of the name to check by eye: underlined in red, whatever its band
                    fmt.setFontUnderline(True)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                    fmt.setUnderlineColor(QColor(BAND_COLOURS[Band.LOW]))
                    checks.append(self.tr("line {line}, position {position}: a letter of the name to check by eye").format(
                        line=i + 1, position=j + 1))
                cursor.insertText(ch.char, fmt)
        self.lines.moveCursor(QTextCursor.MoveOperation.Start)
        self.lines.fit()
        self.lines.setToolTip("\n".join(tips + checks))
        conf = self.tr(", overall confidence {percent}").format(
            percent=QLocale().toString(round(v.confidence * 100)) + "%") if v.confidence is not None else ""
        engine = (self.tr("read by {engine}").format(engine=v.engine) if v.engine
                  else self.tr("typed or parsed text (no recognition confidence)"))
        self.summary.setText(engine + conf + (self.tr("; %n character(s) corrected", "", len(tips)) if tips else ""))

    def char_colours(self) -> list[list[tuple[str, str]]]:
        """Per line, each character shown with its text colour (``#rrggbb``), read back from the text widget."""
        out = []
        block = self.lines.document().begin()
        while block.isValid():
            row: list[tuple[str, str]] = []
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                colour = frag.charFormat().foreground().color().name()
                row += [(c, colour) for c in frag.text()]
                it += 1
            out.append(row)
            block = block.next()
        return out

    def _show_checks(self, v: MrzView) -> None:
        self.checks.setRowCount(len(v.checks))
        for r, c in enumerate(v.checks):
            colour = None if c.ok else VERDICT_COLOURS[MRZValidity.INVALID]
            # The row's words from its data (the check's code, digits and place), in the panel's language.
            label = word(c.label)
            where = (self.tr("line {line}, position {position}").format(line=c.line, position=c.position)
                     if c.line is not None else "")
            status = self.tr("ok") if c.ok else self.tr("FAIL")
            self.checks.setItem(r, 0, _item(label))
            self.checks.setItem(r, 1, _item(c.expected if c.expected is not None else self.tr("none")))
            self.checks.setItem(r, 2, _item(c.found if c.found is not None else "?"))
            self.checks.setItem(r, 3, _item(where))
            self.checks.setItem(r, 4, _item(status, colour=colour, bold=not c.ok))
            self.checks.item(r, 0).setToolTip(self.tr("{status} {label}: expected {expected}, found {found}").format(
                status=status, label=label, found=c.found if c.found is not None else "?",
                expected=c.expected if c.expected is not None
                else self.tr("none (characters outside the MRZ alphabet)")) + (f" ({where})" if where else ""))
        _fit_height(self.checks)

    def _show_fields(self, v: MrzView) -> None:
        self.fields.setRowCount(len(v.fields))
        for r, f in enumerate(v.fields):
            self.fields.setItem(r, 0, _item(f.label))
            self.fields.setItem(r, 1, _item(f.value))
        _fit_height(self.fields)

    def _show_notes(self, v: MrzView) -> None:
        self.errors.setVisible(bool(v.errors))
        self.errors.setText("\n".join(self.tr("Error: {error}").format(error=e) for e in v.errors))
        self.warnings.setText("\n".join(f"• {w}" for w in v.warnings) if v.warnings else self.tr("No warnings."))

    # --- MRZ against VIZ -----------------------------------------------------------------------------------------

    def _fill_viz(self, values: dict[str, str]) -> None:
        fields = self.reading.fields if self.reading else None
        self.rows = compare_with_viz(fields, values)
        self._filling = True
        try:
            self.viz.setRowCount(len(self.rows))
            for r, row in enumerate(self.rows):
                self.viz.setItem(r, self.VIZ_COL_FIELD, _item(row.label))
                self.viz.item(r, self.VIZ_COL_FIELD).setData(Qt.ItemDataRole.UserRole, row.field)
                self.viz.setItem(r, self.VIZ_COL_MRZ, _item(row.mrz))
                self.viz.setItem(r, self.VIZ_COL_VIZ, _item(row.viz, editable=self.reading is not None))
                self._show_state(r, row)
        finally:
            self._filling = False
        _fit_height(self.viz)
        self._show_viz_summary()

    def _show_state(self, r: int, row: Row) -> None:
        item = _item(self.tr(str(MATCH_WORDS[row.state])), colour=MATCH_COLOURS[row.state], bold=row.state is Match.DIFFERS)
        if row.note:
            item.setToolTip(row.note)
            item.setText(f"{self.tr(str(MATCH_WORDS[row.state]))} ({row.note})")
        self.viz.setItem(r, self.VIZ_COL_STATE, item)

    def _show_viz_summary(self) -> None:
        self.viz_summary.setText(viz_record(self.rows)["summary"] if self.reading else "")

    def viz_values(self) -> dict[str, str]:
        """The VIZ values in the table, by field."""
        out = {}
        for r in range(self.viz.rowCount()):
            key = self.viz.item(r, self.VIZ_COL_FIELD).data(Qt.ItemDataRole.UserRole)
            text = self.viz.item(r, self.VIZ_COL_VIZ).text().strip()
            if text:
                out[key] = text
        return out

    def set_viz_values(self, values: dict[str, str] | None) -> None:
        """Pre-fill VIZ values (a comparison's VIZ reading: ``surname``, ``given_names``, ``number`` or
        ``document_number``, ``birth_date``, ``expiry_date``); fields the examiner already typed are kept."""
        merged = viz_values(values) | self.viz_values()
        self._fill_viz(merged)

    def set_viz_value(self, field: str, text: str) -> None:
        """Type ``text`` into the VIZ cell of ``field`` (as the examiner would)."""
        known = viz_field(field)
        if known is None:
            raise ValueError(f"no VIZ field {field!r}; the fields are {', '.join(VIZ_FIELDS)}")
        r = VIZ_FIELDS.index(known)
        self.viz.item(r, self.VIZ_COL_VIZ).setText(text)

    def match_states(self) -> dict[str, str]:
        """The match column as shown, by field."""
        return {row.field: self.viz.item(r, self.VIZ_COL_STATE).text() for r, row in enumerate(self.rows)}

    def _viz_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != self.VIZ_COL_VIZ:
            return
        fields = self.reading.fields if self.reading else None
        self.rows = compare_with_viz(fields, self.viz_values())
        self._filling = True
        try:
            for r, row in enumerate(self.rows):
                self._show_state(r, row)
        finally:
            self._filling = False
        self._show_viz_summary()

    def _record(self) -> None:
        if self.reading is None:
            return
        record = viz_record(self.rows)
        record["mrz"] = list(self.reading.lines)
        self.viz_confirmed.emit(record)
