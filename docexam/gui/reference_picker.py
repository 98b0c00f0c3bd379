"""The library reference proposed for the open case (in the MRZ panel): once the case's MRZ has been read, the
references of the library whose issuing state, document code and format match it, the best first
(:func:`docexam.workbench.library.propose`, then the issue period against the expiry date), with why it was
picked; the examiner confirms it or picks another, and the case is compared with it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from docexam.store.library import ReferenceChoice, ReferenceSummary


def _label(s: ReferenceSummary) -> str:
    kind = (QCoreApplication.translate("ReferencePicker", "synthetic") if s.synthetic
            else QCoreApplication.translate("ReferencePicker", "genuine"))
    version = f"v{s.version}" if s.version else QCoreApplication.translate("ReferencePicker", "not annotated")
    return f"{s.name} ({' '.join(x for x in (s.state, s.document_code, s.format) if x)}, {kind}, {version})"


class ReferencePicker(QGroupBox):
    """The proposal and the other matching references. ``use_requested(uid)`` when the examiner confirms one,
    ``library_requested()`` for the whole library."""

    use_requested = Signal(str)
    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Reference from the library"))
        self.setObjectName("referencePicker")
        self.choice: ReferenceChoice | None = None
        self.text = QLabel()
        self.text.setObjectName("referenceProposal")
        self.text.setWordWrap(True)
        self.options = QComboBox()
        self.options.setObjectName("referenceOptions")
        self.options.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.options.setMinimumContentsLength(16)
        self.use = QPushButton(self.tr("Use"))
        self.use.setToolTip(self.tr("Compare the open case with the reference chosen here (its current annotation version)"))
        self.use.clicked.connect(self._use)
        browse = QPushButton(self.tr("Library…"))
        browse.setToolTip(self.tr("Browse the whole library, or make a reference"))
        browse.clicked.connect(self.library_requested)
        row = QHBoxLayout()
        row.addWidget(self.options, 1)
        row.addWidget(self.use)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.set_choice(None, "")

    def set_choice(self, choice: ReferenceChoice | None, why_none: str, *, in_use: str | None = None) -> None:
        """Show ``choice`` (None: say ``why_none``); ``in_use`` names the reference compared with now."""
        self.choice = choice
        self.options.clear()
        if choice is None:
            self.text.setText(why_none)
        else:
            for s in (choice.picked, *choice.others):
                self.options.addItem((self.tr("Proposed: ") if s is choice.picked else "") + _label(s), s.uid)
            self.options.setItemData(0, choice.why, role=3)  # Qt.ToolTipRole
            self.text.setText(self.tr("<b>{reference}</b> proposed: {why}.").format(reference=_label(choice.picked),
                                                                                   why=choice.why)
                              + ("<br>" + self.tr("In use: {reference}").format(reference=in_use) if in_use else ""))
        self.options.setVisible(choice is not None)
        self.use.setVisible(choice is not None)

    def chosen_uid(self) -> str | None:
        return self.options.currentData() if self.choice is not None else None

    def choose(self, uid: str) -> bool:
        i = self.options.findData(uid)
        if i >= 0:
            self.options.setCurrentIndex(i)
        return i >= 0

    def _use(self) -> None:
        uid = self.chosen_uid()
        if uid:
            self.use_requested.emit(uid)
