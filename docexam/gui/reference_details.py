"""What a library reference describes, edited (name, series, issuing state, document code, format, issue period,
notes), and what the examiner says of a further genuine specimen added to it (its resolution and provenance). The
dialogs only ask; :mod:`docexam.gui.reference_library` saves through :mod:`docexam.workbench.library`."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from docexam.gui.dialogs import finish_form, resolution_box
from docexam.mrz import MRZFormat
from docexam.references.model import DocumentType
from docexam.store.library import ReferenceInputError
from docexam.workbench.library import TypeDescription, parse_day


class ReferenceDetailsDialog(QDialog):
    """The details of reference ``kind``, filled in from it; :meth:`description` is what the examiner made of them
    (raises ReferenceInputError for a date not written YYYY-MM-DD). OK is refused, with the reason shown, while the
    name is empty or a date unreadable."""

    def __init__(self, kind: DocumentType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reference details"))
        self.setObjectName("referenceDetails")
        self.name = QLineEdit(kind.name)
        self.series = QLineEdit(kind.series)
        self.state = QLineEdit(kind.state or "", placeholderText=self.tr("e.g. UTO"))
        self.state.setMaxLength(3)
        self.code = QLineEdit(kind.document_code or "", placeholderText=self.tr("e.g. P"))
        self.code.setMaxLength(2)
        self.format = QComboBox()
        self.format.addItem(self.tr("not known"), "")
        for fmt in MRZFormat:
            self.format.addItem(fmt.value, fmt.value)
        self.format.setCurrentIndex(max(0, self.format.findData(kind.format or "")))
        self.issued_from = QLineEdit(kind.issued_from.isoformat() if kind.issued_from else "",
                                     placeholderText=self.tr("YYYY-MM-DD, empty if not known"))
        self.issued_until = QLineEdit(kind.issued_until.isoformat() if kind.issued_until else "",
                                      placeholderText=self.tr("YYYY-MM-DD, empty if still issued"))
        self.notes = QPlainTextEdit(kind.notes)
        self.notes.setPlaceholderText(self.tr("e.g. where the specimens came from, what to look at"))
        self.notes.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("S&eries"), self.series)
        form.addRow(self.tr("Issuing &state"), self.state)
        form.addRow(self.tr("Document &code"), self.code)
        form.addRow(self.tr("&Format"), self.format)
        form.addRow(self.tr("Issued f&rom"), self.issued_from)
        form.addRow(self.tr("Issued &until"), self.issued_until)
        form.addRow(self.tr("N&otes"), self.notes)
        self.problem = QLabel()
        self.problem.setObjectName("detailsProblem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = finish_form(self, form, note=self.tr("The details are kept in the library's audit trail. The "
                                                            "annotation (its regions) keeps its version."),
                                   ok=self.tr("Save the details"), on_ok=self._accept, extra=self.problem, width=480)

    def description(self) -> TypeDescription:
        return TypeDescription(
            self.name.text().strip(), self.state.text().strip().upper() or None,
            self.code.text().strip().upper() or None, self.format.currentData() or None, self.series.text().strip(),
            parse_day(self.issued_from.text(), "issued from"), parse_day(self.issued_until.text(), "issued until"),
            self.notes.toPlainText().strip())

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            self.problem.setText(self.tr("A reference needs a name."))
            self.problem.show()
            return
        try:
            self.description()
        except ReferenceInputError:
            self.problem.setText(self.tr("Write the dates of the issue period as YYYY-MM-DD (e.g. 2019-03-01), or "
                                         "leave them empty."))
            self.problem.show()
            return
        self.accept()


class AddSpecimenDialog(QDialog):
    """What the examiner says of a further genuine specimen of reference ``name``: its captures' resolution (else
    as the images record it) and where it came from."""

    def __init__(self, name: str, *, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a specimen"))
        self.setObjectName("addSpecimenDialog")
        self.dpi = resolution_box(self.tr("dpi"), self.tr("as the images record it"))
        self.provenance = QLineEdit(placeholderText=self.tr("e.g. genuine document of another holder"))
        form = QFormLayout()
        shown = QLabel(source)
        shown.setWordWrap(True)
        form.addRow(self.tr("Reference"), QLabel(name))
        form.addRow(self.tr("Captures"), shown)
        form.addRow(self.tr("&Resolution"), self.dpi)
        form.addRow(self.tr("&Provenance"), self.provenance)
        self.buttons = finish_form(self, form, note=self.tr("A genuine document of the same design, of another holder. "
                                                            "With two or more specimens the personalised areas are "
                                                            "learnt from where they differ, and kept as a new "
                                                            "annotation version."),
                                   ok=self.tr("Add the specimen"), on_ok=self.accept)

    def chosen(self) -> tuple[float | None, str]:
        """The resolution (None: as the images record it) and the provenance."""
        return self.dpi.value() or None, self.provenance.text().strip()
