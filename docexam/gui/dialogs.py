"""What the workstation's dialogs and windows build the same way: a non-blocking warning box, the resolution box of
a capture, and a form dialog's note and buttons. Texts arrive translated by the caller (``self.tr`` in its own
class), so the Qt catalogues keep each string in the context of the dialog that shows it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QMessageBox, QVBoxLayout, QWidget


def open_warning(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A window-modal warning that does not block the UI thread (``open``, not ``exec``); it deletes itself."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def resolution_box(dpi: str, as_recorded: str) -> QDoubleSpinBox:
    """A capture's resolution in dpi; 0 shows ``as_recorded`` (the images' own resolution is used)."""
    box = QDoubleSpinBox(decimals=0, minimum=0, maximum=5000, singleStep=50, suffix=" " + dpi)
    box.setSpecialValueText(as_recorded)
    box.setValue(0)
    return box


def finish_form(dialog: QDialog, form: QFormLayout, *, note: str, ok: str, on_ok: Callable[[], None],
                extra: QWidget | None = None, width: int = 460) -> QDialogButtonBox:
    """Lay out ``dialog``: the form, a wrapped ``note``, ``extra`` (e.g. a problem line) and OK (labelled ``ok``,
    calling ``on_ok``) / Cancel; the dialog is ``width`` wide. Returns the button box."""
    label = QLabel(note)
    label.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(label)
    if extra is not None:
        layout.addWidget(extra)
    layout.addWidget(buttons)
    dialog.resize(width, dialog.sizeHint().height())
    return buttons
