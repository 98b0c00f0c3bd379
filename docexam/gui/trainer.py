"""Training: the dialog that sets up an exercise pack, and the trainee's panel (marks and verdicts per document,
submitted for scoring against the answer keys and kept in the store).

Generating runs in a worker (:class:`docexam.gui.workers.JobRunner`, with :meth:`GeneratePackDialog.task`); the
checks, the scoring and the marks model are Qt-free, in :mod:`docexam.workbench.training`. Drawing marks on the
image is the viewer's: it calls :meth:`TraineePanel.add_mark`.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.i18n import light_code_or_word, light_word, word
from docexam.lights import LIGHTS
from docexam.specimens.design import FAMILIES, FamilyName
from docexam.specimens.designs import STATES, catalogue, parse_code, split
from docexam.specimens.exercise import VERDICTS
from docexam.specimens.forgery import DIFFICULTIES
from docexam.verdicts import ExerciseVerdict
from docexam.workbench import training
from docexam.workbench.training import MARK_KINDS, MAX_COUNT, Attempt, KeyRegion, Mark, PackOptions

ERROR_COLOUR = "#c62828"


# The difficulties' words in the list, translated where shown.
DIFFICULTY_WORDS = {"easy": QT_TRANSLATE_NOOP("GeneratePackDialog", "easy"), "normal": QT_TRANSLATE_NOOP("GeneratePackDialog", "normal"),
                    "hard": QT_TRANSLATE_NOOP("GeneratePackDialog", "hard")}


class DesignChoice(StrEnum):
    """Which designs a pack's documents are drawn from, as ``docexam exercise generate`` offers them."""

    UTOPIA = "utopia"  # Utopia's design of each family (the default; --designs and --design not given)
    NUMBER = "number"  # N different generated designs chosen by the seed (--designs N)
    CHOSEN = "chosen"  # the designs named (--design CODE,...)


class GeneratePackDialog(QDialog):
    """Count, designs, families, difficulty, seed and output folder of a new exercise pack. OK is refused, with the
    reason shown, until :meth:`options` accepts them.

    The designs as the command line offers them: Utopia's only (the default), N different generated designs chosen
    by the seed, or designs chosen from the catalogue (:func:`docexam.specimens.designs.catalogue`; a search box
    filters its code, state, family and split; ticked rows are chosen, whatever the search shows). The families
    filter all three (MRV-B visas exist only in generated designs). Sized for a 1366x768 laptop: the designs beside
    the rest, the catalogue scrolling.
    """

    def __init__(self, parent: QWidget | None = None, *, out: str | Path = "", seed: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New exercise pack"))
        self.count = QSpinBox()
        self.count.setRange(0, MAX_COUNT)  # 0 can be typed: the refusal says why, in one place (PackOptions)
        self.count.setValue(20)
        self.families: dict[str, QCheckBox] = {}
        fam_box = QGroupBox(self.tr("Document families"))
        fl = QVBoxLayout(fam_box)
        for name in FamilyName:
            fam = FAMILIES.get(name)
            box = QCheckBox(word(fam.title) if fam is not None else self.tr("visa sticker (MRV-B), generated designs only"))
            box.setChecked(True)
            box.toggled.connect(self._families_changed)
            self.families[name.value] = box
            fl.addWidget(box)
        self.difficulty = QComboBox()
        for d in DIFFICULTIES:
            self.difficulty.addItem(self.tr(str(DIFFICULTY_WORDS.get(d, d))), d)
        self.difficulty.setCurrentIndex(self.difficulty.findData("normal"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(random.randrange(1, 100_000) if seed is None else seed)
        self.seed.setToolTip(self.tr("The same seed gives the same pack; a new seed, new documents"))
        self.out = QLineEdit(str(out))
        self.out.setPlaceholderText(self.tr("a new or empty folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)

        # --- the designs ---
        self.design_choice: dict[DesignChoice, QRadioButton] = {
            DesignChoice.UTOPIA: QRadioButton(self.tr("Utopia only (one design per family, as packs always were)")),
            DesignChoice.NUMBER: QRadioButton(self.tr("Different designs of fictional states, chosen by the seed:")),
            DesignChoice.CHOSEN: QRadioButton(self.tr("Chosen designs (tick them in the list):")),
        }
        self._choice_group = QButtonGroup(self)
        for button in self.design_choice.values():
            self._choice_group.addButton(button)
            button.toggled.connect(self._choice_changed)
        self.design_count = QSpinBox()
        self.design_count.setRange(1, len(catalogue()))
        self.design_count.setValue(5)
        self.design_count.setSuffix(" " + self.tr("designs"))
        self.design_search = QLineEdit()
        self.design_search.setPlaceholderText(self.tr("Search code, state, family or split (e.g. CSP, td1, held-out)"))
        self.design_search.setClearButtonEnabled(True)
        self.design_search.textChanged.connect(self._filter_designs)
        self.design_list = QTableWidget(0, 4)
        self.design_list.setObjectName("designList")
        self.design_list.setHorizontalHeaderLabels([self.tr("Code"), self.tr("State"), self.tr("Family"), self.tr("Split")])
        self.design_list.verticalHeader().setVisible(False)
        self.design_list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.design_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.design_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.design_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.design_list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.design_list.horizontalHeader().setStretchLastSection(True)
        self.design_list.setMinimumHeight(200)
        self._fill_designs()
        self.design_list.itemChanged.connect(self._ticks_changed)
        self.design_list.itemActivated.connect(self._toggle_selected)
        tick = QPushButton(self.tr("Tick selected"))
        tick.setToolTip(self.tr("Tick every selected row (Ctrl- or Shift-click to select several); Enter does it too"))
        tick.clicked.connect(lambda: self._set_selected(True))
        untick = QPushButton(self.tr("Untick selected"))
        untick.clicked.connect(lambda: self._set_selected(False))
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenDesigns")
        self.chosen_label.setWordWrap(True)
        self.design_choice[DesignChoice.UTOPIA].setChecked(True)

        design_box = QGroupBox(self.tr("Designs"))
        dl = QVBoxLayout(design_box)
        dl.addWidget(self.design_choice[DesignChoice.UTOPIA])
        count_row = QHBoxLayout()
        count_row.addWidget(self.design_choice[DesignChoice.NUMBER])
        count_row.addWidget(self.design_count)
        count_row.addStretch(1)
        dl.addLayout(count_row)
        dl.addWidget(self.design_choice[DesignChoice.CHOSEN])
        dl.addWidget(self.design_search)
        dl.addWidget(self.design_list, 1)
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.chosen_label, 1)
        tick_row.addWidget(tick)
        tick_row.addWidget(untick)
        dl.addLayout(tick_row)

        self.message = QLabel()
        self.message.setObjectName("packMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Generate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Documents"), self.count)
        form.addRow(self.tr("Difficulty"), self.difficulty)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Output folder"), out_row)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(fam_box)
        note = QLabel(self.tr("Each design is a fictional state's document series (code STATE-FAMILY-VARIANT). Designs "
                              "with an even variant are held out: docexam's own tools are measured on them and never "
                              "tuned on them; any design can go into a training pack."))
        note.setWordWrap(True)
        note.setEnabled(False)  # greyed: an explanation, not a control
        left.addWidget(note)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(design_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._choice_changed()
        self.resize(960, 560)  # within a 1366x768 laptop's screen, the catalogue a dozen rows tall

    # --- the designs ---------------------------------------------------------------------------------------------

    def _fill_designs(self) -> None:
        codes = catalogue()
        self.design_list.setRowCount(len(codes))
        names = {s.code: s.name for s in STATES}
        for row, code in enumerate(codes):
            state, fam, _variant = parse_code(code)
            cells = (code, f"{names.get(state, 'UTOPIA')} ({state})", fam.value.upper(), split(code).value)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, code)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                self.design_list.setItem(row, col, item)

    def design_rows(self) -> list[str]:
        """The codes of the catalogue's rows the list shows now (the search and the families applied)."""
        return [self.design_list.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.design_list.rowCount())
                if not self.design_list.isRowHidden(r)]

    def chosen_designs(self) -> list[str]:
        """The ticked designs of the families ticked, in the catalogue's order (the search does not untick)."""
        fams = set(self._checked_families())
        out = []
        for r in range(self.design_list.rowCount()):
            item = self.design_list.item(r, 0)
            code = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and parse_code(code)[1].value in fams:
                out.append(code)
        return out

    def choose_designs(self, codes: Sequence[str]) -> None:
        """Tick exactly ``codes`` in the list and choose "Chosen designs". Raises ValueError for a code the list
        does not hold."""
        rows = {self.design_list.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(self.design_list.rowCount())}
        wanted = [c.strip().upper() for c in codes]
        missing = [c for c in wanted if c not in rows]
        if missing:
            raise ValueError(f"the catalogue has no design {', '.join(missing)}")
        self.design_list.blockSignals(True)
        for code, r in rows.items():
            self.design_list.item(r, 0).setCheckState(Qt.CheckState.Checked if code in wanted else Qt.CheckState.Unchecked)
        self.design_list.blockSignals(False)
        self.design_choice[DesignChoice.CHOSEN].setChecked(True)
        self._ticks_changed()

    def _set_selected(self, on: bool) -> None:
        rows = sorted({i.row() for i in self.design_list.selectedItems() if not self.design_list.isRowHidden(i.row())})
        self.design_list.blockSignals(True)
        for r in rows:
            self.design_list.item(r, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.design_list.blockSignals(False)
        self._ticks_changed()

    def _toggle_selected(self, item: QTableWidgetItem) -> None:
        first = self.design_list.item(item.row(), 0)
        self._set_selected(first.checkState() != Qt.CheckState.Checked)

    def _ticks_changed(self, _item: QTableWidgetItem | None = None) -> None:
        chosen = self.chosen_designs()
        if not chosen:
            self.chosen_label.setText(self.tr("No design ticked"))
        else:
            shown = ", ".join(chosen[:6]) + (self.tr(" and %n more", "", len(chosen) - 6) if len(chosen) > 6 else "")
            self.chosen_label.setText(self.tr("%n ticked: {designs}", "", len(chosen)).format(designs=shown))

    def _filter_designs(self) -> None:
        terms = self.design_search.text().lower().split()
        fams = set(self._checked_families())
        for r in range(self.design_list.rowCount()):
            text = " ".join(self.design_list.item(r, c).text().lower() for c in range(self.design_list.columnCount()))
            family = self.design_list.item(r, 2).text().lower()
            self.design_list.setRowHidden(r, family not in fams or not all(t in text for t in terms))

    def _checked_families(self) -> list[str]:
        utopia = self.design_choice[DesignChoice.UTOPIA].isChecked()
        return [name for name, box in self.families.items()
                if box.isChecked() and not (utopia and FamilyName(name) not in FAMILIES)]

    def _families_changed(self, _on: bool = False) -> None:
        self._filter_designs()
        self._ticks_changed()

    @property
    def choice(self) -> DesignChoice:
        return next(c for c, b in self.design_choice.items() if b.isChecked())

    def set_choice(self, choice: DesignChoice | str, count: int | None = None) -> None:
        """Choose how the designs are drawn (and, for :attr:`DesignChoice.NUMBER`, how many)."""
        self.design_choice[DesignChoice(choice)].setChecked(True)
        if count is not None:
            self.design_count.setValue(count)

    def _choice_changed(self, _on: bool = False) -> None:
        if not hasattr(self, "chosen_label"):  # while the buttons are being made
            return
        choice = self.choice
        self.design_count.setEnabled(choice is DesignChoice.NUMBER)
        for w in (self.design_search, self.design_list):
            w.setEnabled(choice is DesignChoice.CHOSEN)
        # Utopia has no MRV-B design: its box is for generated designs only.
        self.families[FamilyName.MRVB.value].setEnabled(choice is not DesignChoice.UTOPIA)
        self._families_changed()

    # --- the options ---------------------------------------------------------------------------------------------

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the pack"), self.out.text())
        if folder:
            self.out.setText(folder)

    def options(self) -> PackOptions:
        """The options as set (``designs`` as ``docexam exercise generate`` takes them: None for Utopia's, a number,
        or the ticked codes). Raises ValueError (from :class:`PackOptions`) with the reason."""
        families = tuple(self._checked_families())
        if not families:
            raise ValueError(self.tr("choose at least one document family"))
        choice = self.choice
        designs: int | tuple[str, ...] | None = None
        if choice is DesignChoice.NUMBER:
            designs = self.design_count.value()
        elif choice is DesignChoice.CHOSEN:
            designs = tuple(self.chosen_designs())
            if not designs:
                raise ValueError(self.tr("tick at least one design in the list (of the families ticked), or choose "
                                         "Utopia only or a number of designs"))
        return PackOptions(count=self.count.value(), families=families, difficulty=self.difficulty.currentData(),
                           seed=self.seed.value(), out=Path(self.out.text().strip()) if self.out.text().strip() else "",
                           designs=designs)

    def task(self) -> functools.partial:
        """The generation as a worker task (``progress`` and ``cancel`` keywords): for ``JobRunner.start``."""
        return functools.partial(training.generate, self.options())

    def accept(self) -> None:
        try:
            self.options()
        except ValueError as e:
            self.message.setText(str(e))
            return
        self.message.clear()
        super().accept()


class TraineePanel(QWidget):
    """A trainee's attempt at the pack in folder ``pack`` (or one given to :meth:`open_pack`): per document a
    verdict and marked regions, then "Submit" scores it against the keys, shows the score and each document's
    result, and keeps the attempt in ``store``.

    Signals: ``document_selected(str)`` (the document to show; :meth:`capture_paths` gives its images),
    ``key_regions(str, list)`` (after scoring, the shown document's alterations as :class:`KeyRegion`, for the
    viewer to overlay), ``scored(dict)`` (the result of :func:`training.score_attempt`), ``error(str)``.
    """

    document_selected = Signal(str)
    key_regions = Signal(str, list)
    scored = Signal(dict)
    error = Signal(str)

    def __init__(self, store: Any, pack: str | Path | None = None, parent: QWidget | None = None, *,
                 trainee: str = "") -> None:
        super().__init__(parent)
        self.store = store
        self.pack: Path | None = None
        self.attempt: Attempt | None = None
        self.result: dict | None = None
        self.key: dict[str, dict] = {}
        #: A trainee signed in never sees the answer keys (issue 22): the attempt is scored, the key is not shown.
        self.hide_keys = False
        self._watched = None  # the Marks the list mirrors

        self.pack_label = QLabel(self.tr("No pack open"))
        self.pack_label.setWordWrap(True)
        self.documents = QListWidget()
        self.documents.setMaximumHeight(160)  # a laptop's height leaves room below for the answer and Submit
        self.verdict = QComboBox()
        self.verdict.addItem(self.tr("— not judged —"), None)
        for v in VERDICTS:  # the casework wording; the pack's stored value as data
            self.verdict.addItem(word(v.label), v.value)
        self.marks = QListWidget()
        self.marks.setMaximumHeight(120)
        self.light = QComboBox()
        for light in LIGHTS:
            self.light.addItem(light_code_or_word(light), light.value)
        self.box = [QSpinBox() for _ in range(4)]
        for spin, name in zip(self.box, ("x", "y", self.tr("width"), self.tr("height"))):
            spin.setRange(0, 20_000)
            spin.setPrefix(f"{name} ")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("— kind not given —"), None)
        for k in MARK_KINDS:
            self.kind.addItem(k.replace("_", " "), k)
        self.add = QPushButton(self.tr("Add mark"))
        self.remove = QPushButton(self.tr("Remove mark"))
        self.trainee = QLineEdit(trainee)
        self.trainee.setPlaceholderText(self.tr("trainee's name"))
        self.submit = QPushButton(self.tr("Submit for scoring"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.score = QLabel()
        self.score.setObjectName("trainingScore")
        self.score.setWordWrap(True)
        self.results = QTableWidget(0, 5)
        self.results.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Verdict"), self.tr("Key"), self.tr("Found"),
                                                self.tr("False marks")])
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setMinimumWidth(0)
        self.alterations = QListWidget()

        doc_box = QGroupBox(self.tr("Documents"))
        QVBoxLayout(doc_box).addWidget(self.documents)
        answer_box = QGroupBox(self.tr("Your answer for this document"))
        al = QFormLayout(answer_box)
        al.addRow(self.tr("Verdict"), self.verdict)
        al.addRow(self.marks)
        # Rows narrow enough for a dock on a laptop: marks are drawn on the image; typing a box stays possible.
        how = QLabel(self.tr("Drag on the image to mark a region in the light shown, or type its box:"))
        how.setWordWrap(True)
        al.addRow(how)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.light)
        kind_row.addWidget(self.kind, 1)
        al.addRow(kind_row)
        box_row = QHBoxLayout()
        for spin in self.box:
            spin.setMinimumWidth(0)
            box_row.addWidget(spin, 1)
        al.addRow(box_row)
        mark_row = QHBoxLayout()
        mark_row.addStretch(1)
        mark_row.addWidget(self.add)
        mark_row.addWidget(self.remove)
        al.addRow(mark_row)
        submit_row = QHBoxLayout()
        submit_row.addWidget(self.trainee, 1)
        submit_row.addWidget(self.submit)
        result_box = QGroupBox(self.tr("Result"))
        rl = QVBoxLayout(result_box)
        rl.addWidget(self.score)
        rl.addWidget(self.results)
        rl.addWidget(QLabel(self.tr("What the key says of this document:")))
        rl.addWidget(self.alterations)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pack_label)
        layout.addWidget(doc_box)
        layout.addWidget(answer_box)
        layout.addLayout(submit_row)
        layout.addWidget(self.message)
        layout.addWidget(result_box, 1)

        self.documents.currentTextChanged.connect(self._document_changed)
        self.verdict.currentIndexChanged.connect(self._verdict_chosen)
        self.add.clicked.connect(self._add_typed)
        self.remove.clicked.connect(self._remove_selected)
        self.submit.clicked.connect(self.submit_attempt)
        self.error.connect(self._say)
        self._enable()
        if pack is not None:
            self.open_pack(pack)

    # --- the pack ----------------------------------------------------------------------------------------------

    def open_pack(self, folder: str | Path) -> None:
        """Open a pack to answer (its ``doc-*`` folders; the keys are needed only to score). Raises ValueError, and
        keeps the pack open before, for a folder that is not a pack."""
        docs = training.pack_documents(Path(folder))
        self.pack, self.attempt, self.result, self.key = Path(folder), Attempt(docs), None, {}
        self.pack_label.setText(self.tr("Pack: {pack}  (%n documents)", "", len(docs)).format(pack=self.pack))
        self.score.clear()
        self.results.setRowCount(0)
        self.alterations.clear()
        self.message.clear()
        self.documents.clear()
        self.documents.addItems(docs)
        for i in range(self.documents.count()):  # ticked by the panel when answered, not by hand
            item = self.documents.item(i)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        self._update_ticks()
        self.documents.setCurrentRow(0)
        self._enable()

    @property
    def document(self) -> str | None:
        item = self.documents.currentItem()
        return item.text() if item is not None else None

    def select_document(self, document: str) -> None:
        items = self.documents.findItems(document, Qt.MatchFlag.MatchExactly)
        if not items:
            raise ValueError(f"there is no document {document!r} in this pack")
        self.documents.setCurrentItem(items[0])

    def capture_paths(self, document: str | None = None) -> dict[str, Path]:
        doc = document or self.document
        return training.capture_paths(self.pack, doc) if self.pack and doc else {}

    def _enable(self) -> None:
        on = self.attempt is not None and self.document is not None
        for w in (self.verdict, self.marks, self.light, *self.box, self.kind, self.add, self.remove, self.submit):
            w.setEnabled(on)

    def _document_changed(self, document: str) -> None:
        if self.attempt is None or not document:
            return
        if self._watched is not None:
            self._watched.events.items.disconnect(self._show_marks)
        self._watched = self.attempt.marks_of(document)
        self._watched.events.items.connect(self._show_marks)
        i = self.verdict.findData(self.attempt.verdicts[document])
        self.verdict.blockSignals(True)
        self.verdict.setCurrentIndex(max(i, 0))
        self.verdict.blockSignals(False)
        self._show_marks()
        self._show_key(document)
        self._enable()
        self.document_selected.emit(document)

    def _verdict_chosen(self, _index: int) -> None:
        if self.attempt is not None and self.document is not None:
            self.attempt.set_verdict(self.document, self.verdict.currentData())
            self._update_ticks()

    def _update_ticks(self) -> None:
        """Tick each document that has an answer (a verdict or a mark)."""
        if self.attempt is None:
            return
        for i in range(self.documents.count()):
            item = self.documents.item(i)
            on = self.attempt.answered(item.text())
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def answered_documents(self) -> list[str]:
        """The documents the list shows ticked."""
        return [self.documents.item(i).text() for i in range(self.documents.count())
                if self.documents.item(i).checkState() == Qt.CheckState.Checked]

    def set_verdict(self, verdict: str | None, document: str | None = None) -> None:
        """Give ``verdict`` for ``document`` (default: the one shown)."""
        if self.attempt is None:
            raise ValueError("no pack is open")
        doc = document or self.document
        self.attempt.set_verdict(doc, verdict)
        self._update_ticks()
        if doc == self.document:
            self.verdict.blockSignals(True)
            self.verdict.setCurrentIndex(max(self.verdict.findData(verdict), 0))
            self.verdict.blockSignals(False)

    # --- marks -------------------------------------------------------------------------------------------------

    def add_mark(self, light: str, bbox: Any, kind: str | None = None, *, document: str | None = None) -> Mark | None:
        """Mark a region of ``document`` (default: the one shown), as the viewer does when the trainee draws a box.
        A refused mark is reported through ``error`` and None returned."""
        if self.attempt is None:
            self.error.emit(self.tr("Open a pack first."))
            return None
        try:
            mark = self.attempt.marks_of(document or self.document).add(light, bbox, kind)
        except ValueError as e:
            self.error.emit(self.tr("The mark was not added: {error}").format(error=e))
            return None
        self._update_ticks()
        return mark

    def _add_typed(self) -> None:
        if self.add_mark(self.light.currentData(), [s.value() for s in self.box], self.kind.currentData()) is not None:
            self.message.clear()

    def _remove_selected(self) -> None:
        row = self.marks.currentRow()
        if self.attempt is None or self.document is None or row < 0:
            self.error.emit(self.tr("Choose a mark to remove."))
            return
        self.attempt.marks_of(self.document).remove(row)

    def _show_marks(self) -> None:
        self._update_ticks()
        self.marks.clear()
        if self.attempt is None or self.document is None:
            return
        for m in self.attempt.marks_of(self.document):
            x, y, w, h = m.bbox
            kind = f"  {m.kind.replace('_', ' ')}" if m.kind else ""
            self.marks.addItem(f"{light_code_or_word(m.light):<8} "
                               + self.tr("x {x}, y {y}, {w} × {h}").format(x=x, y=y, w=w, h=h) + kind)

    # --- scoring -----------------------------------------------------------------------------------------------

    def submit_attempt(self) -> dict | None:
        """Score the answers against the pack's keys, show the result, keep the attempt; the result, or None when
        refused (no trainee name, no keys in the folder, the store refused)."""
        if self.attempt is None or self.pack is None:
            self.error.emit(self.tr("Open a pack first."))
            return None
        trainee = self.trainee.text().strip()
        if not trainee:
            self.error.emit(self.tr("Enter the trainee's name: the attempt is kept under it."))
            return None
        answers = self.attempt.answers()
        try:
            result = training.score_attempt(self.pack, answers)
            key = training.answer_key(self.pack)
        except (OSError, ValueError) as e:
            self.error.emit(self.tr("The attempt could not be scored: {error}").format(error=e))
            return None
        try:
            training.record_attempt(self.store, self.pack, trainee=trainee, answers=answers, result=result)
        except Exception as e:  # noqa: BLE001 - shown; the score is still shown below
            self.error.emit(self.tr("Scored, but the attempt was not kept: {error}").format(error=e))
        else:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Attempt kept for {trainee}.").format(trainee=trainee))
        self.result, self.key = result, key
        self._show_result(result)
        if self.document:
            self._show_key(self.document)
        self.scored.emit(result)
        return result

    def _show_result(self, result: dict) -> None:
        t = result["total"]
        self.score.setText(self.tr("<b>Score {score}/100</b>: {right}/{documents} verdicts right, {found}/{alterations} "
                                   "alterations found, {false} false mark(s), {unanswered} unanswered").format(
            score=f"{t['score']:g}", right=t["verdicts_correct"], documents=t["documents"], found=t["alterations_found"],
            alterations=t["alterations"], false=t["false_marks"], unanswered=t["unanswered"]))
        rows = result["documents"]
        self.results.setRowCount(len(rows))
        for r, d in enumerate(rows):
            answered = ExerciseVerdict.label_of(d["answered"])
            verdict = self.tr("right") if d["verdict_correct"] else self.tr("wrong ({answer})").format(
                answer=word(answered) if answered else self.tr("none"))
            expected = ExerciseVerdict.label_of(d["expected"]) if not self.hide_keys else None
            cells = [d["id"], verdict, word(expected) if expected else "?", f"{d['found']}/{d['alterations']}",
                     str(d["false_marks"])]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1 and not d["verdict_correct"]:
                    item.setForeground(QBrush(QColor(ERROR_COLOUR)))
                self.results.setItem(r, c, item)

    def alterations_of(self, document: str) -> list[KeyRegion]:
        """The key's alterations of ``document`` once the attempt is scored (none before: the key stays hidden)."""
        if self.result is None or self.hide_keys:
            return []
        return list(self.key.get(document, {}).get("alterations", []))

    def _show_key(self, document: str) -> None:
        self.alterations.clear()
        if self.result is None:
            return
        if self.hide_keys:
            self.alterations.addItem(self.tr("The answer key is not shown to a trainee: your trainer goes through it."))
            return
        regions = self.alterations_of(document)
        label = ExerciseVerdict.label_of(self.key.get(document, {}).get("verdict"))
        verdict = word(label) if label else "?"
        if not regions:
            self.alterations.addItem(self.tr("{verdict}: no alteration").format(verdict=verdict))
        for a in regions:
            x, y, w, h = a.bbox
            self.alterations.addItem(self.tr("{kind} in {lights}: x {x}, y {y}, {w} × {h}").format(
                kind=a.kind.replace("_", " "), lights=", ".join(light_word(x) for x in a.lights), x=x, y=y, w=w, h=h)
                                     + (f"  ({a.detail})" if a.detail else ""))
        self.key_regions.emit(document, regions)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.message.setText(text)
