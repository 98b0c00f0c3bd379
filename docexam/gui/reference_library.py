"""The reference library's browser (References > Reference library...): the library's references with a thumbnail,
searchable by state, document code, format and name; a new reference made from captures (chosen, dropped, or the
open case's) with its automatic annotation run in a worker; a reference opened in the editor or used for the
comparison. The logic is :mod:`docexam.workbench.library`'s; this module only shows it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.dialogs import finish_form, open_warning, resolution_box
from docexam.gui.qimage import to_qimage
from docexam.gui.reference_details import AddSpecimenDialog, ReferenceDetailsDialog
from docexam.gui.workers import Job, JobRunner
from docexam.imageio import IMAGE_SUFFIXES
from docexam.store.library import ReferenceLibrary, ReferenceSummary
from docexam.workbench.library import (
    THUMBNAIL_PX,
    Created,
    LibraryRow,
    NewReference,
    RowDetails,
    SpecimensAdded,
    TypeDescription,
    add_design,
    add_specimens,
    create_reference,
    row_details,
    search,
)

#: The table's columns: the thumbnail, then :attr:`LibraryRow.COLUMNS`.
COLUMNS = ("", *LibraryRow.COLUMNS)
# Their headings and the words of the Version and Kind cells, translated where shown (context ReferenceLibraryDialog).
HEADINGS = (QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Name"), QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "State"),
            QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Code"), QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Format"),
            QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Series"), QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Issued"),
            QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Specimens"), QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Version"),
            QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "Kind"))
CELL_WORDS = (QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "none"), QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "synthetic"),
              QT_TRANSLATE_NOOP("ReferenceLibraryDialog", "genuine"))
#: A synthetic reference's row is marked in this colour (the generator's, not a genuine document's).
SYNTHETIC_TINT = "#f3e8ff"


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    if not event.mimeData().hasUrls():
        return []
    paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
    return [p for p in paths if Path(p).is_dir() or Path(p).suffix.lower() in IMAGE_SUFFIXES]


class NewReferenceDialog(QDialog):
    """What the examiner says of a new reference: its name (required), and the resolution, state, code, format and
    series when they know them (else read from the MRZ)."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "", source: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New reference"))
        self.setObjectName("newReferenceDialog")
        self.name = QLineEdit(name, placeholderText=self.tr("e.g. Utopia passport, 2025 series"))
        self.state = QLineEdit(placeholderText=self.tr("from the MRZ"))
        self.state.setMaxLength(3)
        self.code = QLineEdit(placeholderText=self.tr("from the MRZ"))
        self.code.setMaxLength(2)
        self.format = QComboBox()
        self.format.addItem(self.tr("from the MRZ"), "")
        for fmt in ("TD1", "TD2", "TD3", "MRVA", "MRVB"):
            self.format.addItem(fmt, fmt)
        self.series = QLineEdit()
        self.dpi = resolution_box(self.tr("dpi"), self.tr("as the images record it"))
        self.provenance = QLineEdit(placeholderText=self.tr("e.g. specimen booklet from the issuer"))
        form = QFormLayout()
        if source:
            shown = QLabel(source)
            shown.setWordWrap(True)
            form.addRow(self.tr("Captures"), shown)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Resolution"), self.dpi)
        form.addRow(self.tr("Issuing &state"), self.state)
        form.addRow(self.tr("Document &code"), self.code)
        form.addRow(self.tr("&Format"), self.format)
        form.addRow(self.tr("S&eries"), self.series)
        form.addRow(self.tr("&Provenance"), self.provenance)
        self.buttons = finish_form(self, form, note=self.tr("The regions (MRZ, portrait, ghost image, VIZ fields, UV and "
                                                            "IR features, personalised area) are found automatically; "
                                                            "correct them in the editor afterwards."),
                                   ok=self.tr("Make the reference"), on_ok=self._accept)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            self.name.setPlaceholderText(self.tr("a name is needed, e.g. Utopia passport, 2025 series"))
            return
        self.accept()

    def about(self) -> NewReference:
        return NewReference(self.name.text().strip(), self.state.text().strip().upper() or None,
                            self.code.text().strip().upper() or None, self.format.currentData() or None,
                            self.series.text().strip(), self.provenance.text().strip(),
                            self.dpi.value() or None)


class ReferenceLibraryDialog(QDialog):
    """The library's references, searchable, with thumbnails. ``open_requested(uid)`` asks for the editor,
    ``use_requested(uid)`` for the reference to compare the open case with; ``created(Created)`` follows a new
    reference, ``described(DocumentType)`` its details saved, ``specimens_added(SpecimensAdded)`` a further
    specimen; ``error_shown(title, text)`` every message box of an error (tests listen to it)."""

    open_requested = Signal(str)
    use_requested = Signal(str)
    created = Signal(object)
    described = Signal(object)
    specimens_added = Signal(object)
    error_shown = Signal(str, str)

    def __init__(self, store, *, runner: JobRunner | None = None, case: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.library = ReferenceLibrary(store)
        self.runner = runner if runner is not None else JobRunner(self)
        self.case = case
        self.summaries: list[ReferenceSummary] = []
        self.details: dict[str, RowDetails] = {}
        self.last_error: tuple[str, str] | None = None
        self.setWindowTitle(self.tr("Reference library"))
        self.setObjectName("referenceLibrary")
        self.setAcceptDrops(True)

        self.search = QLineEdit(placeholderText=self.tr("Search: state, document code, format or name (e.g. UTO P TD3)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.count = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("referenceTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) if c else "" for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX * 3 // 4))
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL_PX * 3 // 4 + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.hint = QLabel(self.tr("Drop a genuine specimen's folder (visible.*, uv.*, ir.*) or its captures here to "
                                   "make a reference. The generator's references are marked synthetic."))
        self.hint.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.busy_text = QLabel()
        self.new_button = QPushButton(self.tr("New from &captures…"))
        self.new_button.setToolTip(self.tr("Make a reference from the captures of a genuine specimen (a folder, or files)"))
        self.new_button.clicked.connect(self.choose_captures)
        self.case_button = QPushButton(self.tr("From the open &case"))
        self.case_button.setToolTip(self.tr("Use the open case's document as a genuine specimen of a new reference"))
        self.case_button.clicked.connect(self.from_case)
        self.design_button = QPushButton(self.tr("Generator's &design…"))
        self.design_button.setToolTip(self.tr("Add a design of the generator (synthetic), e.g. UTO-TD3 or CSP-TD1-3"))
        self.design_button.clicked.connect(self.choose_design)
        self.details_button = QPushButton(self.tr("De&tails…"))
        self.details_button.setToolTip(self.tr("Edit the chosen reference's name, series, state, code, format, issue "
                                               "period and notes"))
        self.details_button.clicked.connect(self.edit_details)
        self.specimen_button = QPushButton(self.tr("Add &specimen"))
        self.specimen_button.setToolTip(self.tr("Add a further genuine specimen (another holder's document) to the "
                                                "chosen reference; its personalised areas are learnt again"))
        specimen_menu = QMenu(self.specimen_button)
        self.specimen_from_captures = QAction(self.tr("From captures…"), self)
        self.specimen_from_captures.triggered.connect(self.choose_specimen_captures)
        self.specimen_from_case = QAction(self.tr("From the open case"), self)
        self.specimen_from_case.triggered.connect(lambda: self.add_specimen_from(case=self.case))
        specimen_menu.addAction(self.specimen_from_captures)
        specimen_menu.addAction(self.specimen_from_case)
        self.specimen_button.setMenu(specimen_menu)
        self.open_button = QPushButton(self.tr("&Open in editor"))
        self.open_button.clicked.connect(self._open)
        self.use_button = QPushButton(self.tr("&Use for comparison"))
        self.use_button.setToolTip(self.tr("Compare the open case with this reference (its current annotation version)"))
        self.use_button.clicked.connect(self._use)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        status = QHBoxLayout()
        status.addWidget(self.busy)
        status.addWidget(self.busy_text, 1)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.case_button, self.design_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.details_button, self.specimen_button, self.open_button, self.use_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(status)
        layout.addLayout(buttons)
        self.set_case(case)
        self.refresh()

    # --- listing ------------------------------------------------------------------------------------------------

    def set_case(self, case: int | None) -> None:
        """The open case (its captures can become a reference; a reference can be used for it)."""
        self.case = case
        self._update_buttons()

    def refresh(self) -> Job | None:
        """Read the list again; the thumbnails follow from a worker. Returns that job (None: nothing to draw)."""
        try:
            self.summaries = self.library.list()
        except Exception as e:  # noqa: BLE001 - an unreadable database, shown; the dialog stays
            self.show_error(self.tr("Reference library"), self.tr("The library could not be read: {error}").format(error=e))
            self.summaries = []
        self._fill()
        missing = [s.uid for s in self.summaries if s.uid not in self.details]
        if not missing:
            return None
        store = self.store
        job = self.runner.start(self.tr("Drawing the references' thumbnails"),
                                lambda progress, cancel: row_details(ReferenceLibrary(store), missing, progress=progress,
                                                                     cancel=cancel))
        job.finished.connect(self._got_details)
        return job

    def _got_details(self, details: dict) -> None:
        self.details.update({str(k): v for k, v in details.items()})
        self._fill()

    def shown(self) -> list[ReferenceSummary]:
        """The references the search lets through, in the table's order."""
        return search(self.summaries, self.search.text())

    def _fill(self) -> None:
        selected = self.selected_uid()
        shown = self.shown()
        self.table.setRowCount(len(shown))
        for row, s in enumerate(shown):
            detail = self.details.get(s.uid)
            thumb = QTableWidgetItem()
            if detail is not None and detail.thumbnail is not None:
                thumb.setIcon(QIcon(QPixmap.fromImage(to_qimage(detail.thumbnail))))
            thumb.setData(Qt.ItemDataRole.UserRole, s.uid)
            self.table.setItem(row, 0, thumb)
            for col, text in enumerate(LibraryRow(s).cells(detail.series if detail else ""), start=1):
                # The version's "none" and the kind in the workstation's language (the search reads the summary).
                shown_text = self.tr(text) if COLUMNS[col] in ("Version", "Kind") and text in CELL_WORDS else text
                self.table.setItem(row, col, QTableWidgetItem(shown_text))
            if s.synthetic:  # the generator's, not a genuine document's: tinted, and said in the Kind column
                for col in range(len(COLUMNS)):
                    cell = self.table.item(row, col)
                    if cell is not None:
                        cell.setBackground(QColor(SYNTHETIC_TINT))
                        cell.setToolTip(self.tr("made by the generator (synthetic), not from a genuine document"))
        self.count.setText(self.tr("{shown} of {total}").format(shown=len(shown), total=len(self.summaries)))
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def select(self, uid: str) -> bool:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == uid:
                self.table.selectRow(row)
                return True
        return False

    def selected_uid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _update_buttons(self) -> None:
        chosen = self.selected_uid() is not None
        self.open_button.setEnabled(chosen)
        self.details_button.setEnabled(chosen)
        self.specimen_button.setEnabled(chosen and not self.busy.isVisibleTo(self))
        self.specimen_from_case.setEnabled(self.case is not None)
        self.use_button.setEnabled(chosen and self.case is not None)
        self.case_button.setEnabled(self.case is not None)

    def _open(self) -> None:
        uid = self.selected_uid()
        if uid is not None:
            self.open_requested.emit(uid)

    def _use(self) -> None:
        uid = self.selected_uid()
        if uid is not None:
            self.use_requested.emit(uid)

    # --- making a reference -------------------------------------------------------------------------------------

    def choose_captures(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("A genuine specimen's folder (visible.*, uv.*, ir.*)"))
        if folder:
            self.new_from([folder])

    def new_from(self, paths: Sequence[str | Path]) -> Job | None:
        """Ask for the new reference's name (and what else is known), then make it from ``paths``."""
        given = [Path(p) for p in paths]
        first = given[0] if given else None
        dialog = NewReferenceDialog(self, name=first.name if first is not None and first.is_dir() else "",
                                    source=", ".join(p.name for p in given))
        if not dialog.exec():
            return None
        return self.start_create(dialog.about(), paths=given)

    def from_case(self) -> Job | None:
        if self.case is None:
            return None
        dialog = NewReferenceDialog(self, source=self.tr("the open case's captures (case {case})").format(case=self.case))
        if not dialog.exec():
            return None
        return self.start_create(dialog.about(), case=self.case)

    def start_create(self, about: NewReference, *, paths: Sequence[str | Path] = (), case: int | None = None) -> Job:
        """Make the reference in a worker (its captures read, annotated automatically, written in one transaction);
        the new one is selected when done, an error is shown as a message."""
        store = self.store
        job = self.runner.start(self.tr("Making the reference {name}").format(name=about.name), lambda progress, cancel: create_reference(
            store, about, paths=list(paths), case=case, progress=progress, cancel=cancel))
        self._set_busy(True, self.tr("Making the reference {name}…").format(name=about.name))
        job.progress.connect(lambda _f, message: self.busy_text.setText(message))
        job.finished.connect(self._created)
        job.failed.connect(lambda e: self.show_error(self.tr("New reference"),
                                                    self.tr("The reference was not made: {error}").format(error=e)))
        job.done.connect(lambda: self._set_busy(False, ""))
        return job

    def choose_design(self) -> Job | None:
        from docexam.specimens.designs import catalogue

        code, ok = QInputDialog.getItem(self, self.tr("The generator's design"), self.tr("Design (its code; type to search):"),
                                        catalogue(), 0, True)
        return self.start_design(code) if ok and code.strip() else None

    def start_design(self, code: str) -> Job:
        """Add the generator's design ``code`` in a worker (its specimen drawn once); it is selected when done."""
        store = self.store
        job = self.runner.start(self.tr("Adding the design {code}").format(code=code), lambda progress, cancel: add_design(
            store, code, progress=progress, cancel=cancel))
        self._set_busy(True, self.tr("Adding the design {code}…").format(code=code))
        job.progress.connect(lambda _f, message: self.busy_text.setText(message))
        job.finished.connect(lambda summary: self._created(Created(summary, "the generator's design")))
        job.failed.connect(lambda e: self.show_error(self.tr("Generator's design"),
                                                    self.tr("The design was not added: {error}").format(error=e)))
        job.done.connect(lambda: self._set_busy(False, ""))
        return job

    # --- a reference's details, a further specimen -----------------------------------------------------------------

    def edit_details(self) -> bool:
        """Ask for the chosen reference's details and save them (the annotation keeps its version). Whether they
        were saved."""
        uid = self.selected_uid()
        if uid is None:
            return False
        try:
            kind = self.library.show(uid)
        except Exception as e:  # noqa: BLE001 - a reference gone or unreadable: said, the dialog stays
            self.show_error(self.tr("Reference details"), self.tr("The reference could not be read: {error}").format(
                error=e))
            return False
        dialog = ReferenceDetailsDialog(kind, self)
        if not dialog.exec():
            return False
        return self.save_details(uid, dialog.description())

    def save_details(self, uid: str, description: TypeDescription) -> bool:
        try:
            kind = description.save(self.library, uid)
        except Exception as e:  # noqa: BLE001 - a code refused, a reference changed behind: said, nothing written
            self.show_error(self.tr("Reference details"), self.tr("The details were not saved: {error}").format(error=e))
            return False
        self.details.pop(uid, None)  # its series is shown from the details
        self.refresh()
        self.select(uid)
        self.described.emit(kind)
        return True

    def choose_specimen_captures(self) -> Job | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("A genuine specimen's folder (visible.*, uv.*, ir.*)"))
        return self.add_specimen_from([folder]) if folder else None

    def add_specimen_from(self, paths: Sequence[str | Path] = (), *, case: int | None = None) -> Job | None:
        """Ask for the resolution and provenance of the specimen in ``paths`` (or the open ``case``'s), then add it
        to the chosen reference in a worker."""
        uid = self.selected_uid()
        if uid is None or (not paths and case is None):
            return None
        given = [Path(p) for p in paths]
        source = (", ".join(p.name for p in given) if given
                  else self.tr("the open case's captures (case {case})").format(case=case))
        name = next((s.name for s in self.summaries if s.uid == uid), uid)
        dialog = AddSpecimenDialog(name, source=source, parent=self)
        if not dialog.exec():
            return None
        dpi, provenance = dialog.chosen()
        return self.start_add_specimens(uid, paths=given, case=case, dpi=dpi, provenance=provenance)

    def start_add_specimens(self, uid: str, *, paths: Sequence[str | Path] = (), case: int | None = None,
                            dpi: float | None = None, provenance: str = "") -> Job:
        """Add the specimens in a worker (read, checked against the reference's size, the variable areas learnt
        when there are two or more, written in one transaction); an error is shown as a message."""
        store = self.store
        name = next((s.name for s in self.summaries if s.uid == uid), uid)
        job = self.runner.start(self.tr("Adding a specimen to {name}").format(name=name), lambda progress, cancel:
                                add_specimens(store, uid, paths=list(paths), case=case, dpi=dpi, provenance=provenance,
                                              progress=progress, cancel=cancel))
        self._set_busy(True, self.tr("Adding a specimen to {name}…").format(name=name))
        job.progress.connect(lambda _f, message: self.busy_text.setText(message))
        job.finished.connect(self._specimens_added)
        job.failed.connect(lambda e: self.show_error(self.tr("Add a specimen"),
                                                    self.tr("The specimen was not added: {error}").format(error=e)))
        job.done.connect(lambda: self._set_busy(False, ""))
        return job

    def _specimens_added(self, added: SpecimensAdded) -> None:
        self.details.pop(added.summary.uid, None)
        self.refresh()
        self.select(added.summary.uid)
        self.specimens_added.emit(added)

    def _created(self, created: Created) -> None:
        self.refresh()
        self.search.clear()
        self.select(created.summary.uid)
        self.created.emit(created)

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy.setVisible(busy)
        self.busy_text.setText(text)
        for b in (self.new_button, self.case_button, self.design_button):
            b.setEnabled(not busy and (b is not self.case_button or self.case is not None))
        self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = _dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.new_from(paths)

    def show_error(self, title: str, text: str) -> None:
        """A message box that does not block the UI thread."""
        self.last_error = (title, text)
        self.error_shown.emit(title, text)
        open_warning(self, title, text)
