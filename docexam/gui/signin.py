"""Signing in to the workstation (issue 22): when the case store has accounts, the examiner gives their name and
passphrase before the window opens, and everything the window records is theirs (the audit trail's actor, signed with
their key). ``$DOCEXAM_USER`` and ``$DOCEXAM_PASSPHRASE`` sign in without the dialog, as on the command line."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from docexam.store.accounts import Role, SignInError
from docexam.workbench.signoff import Signoff

ERROR_COLOUR = "#b00020"
#: The roles' words, translated where shown (context "SignIn").
ROLE_WORDS = {
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("SignIn", "administrator"),
    Role.EXAMINER: QT_TRANSLATE_NOOP("SignIn", "examiner"),
    Role.REVIEWER: QT_TRANSLATE_NOOP("SignIn", "reviewer"),
    Role.TRAINER: QT_TRANSLATE_NOOP("SignIn", "trainer"),
    Role.TRAINEE: QT_TRANSLATE_NOOP("SignIn", "trainee"),
}


def role_word(role: Role) -> str:
    return QCoreApplication.translate("SignIn", str(ROLE_WORDS[role]))


class SignInDialog(QDialog):
    """Asks for an account's name and passphrase and signs it in to ``signoff``'s store. A refused sign-in says so
    and asks again (the name stays, the passphrase is cleared); Cancel rejects the dialog with nobody signed in."""

    def __init__(self, signoff: Signoff, parent: QWidget | None = None, *, user: str = "") -> None:
        super().__init__(parent)
        self.signoff = signoff
        self.attempts = 0
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to docexam"))
        intro = QLabel(self.tr("This case store keeps accounts: everything you record is signed with your key "
                               "and kept under your name."))
        intro.setWordWrap(True)
        where = QLabel(self.tr("Case store: {where}").format(where=signoff.store.where))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: palette(mid)")
        self.user = QComboBox(editable=True)
        self.user.setObjectName("signInUser")
        self.user.addItems(signoff.user_names())
        self.user.setCurrentText(user)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("signInPassphrase")
        self.message = QLabel("")
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        (self.passphrase if user else self.user).setFocus()

    def try_sign_in(self) -> bool:
        """Sign in with what is typed: accepts the dialog, or says why not and waits for another try."""
        name, passphrase = self.user.currentText().strip(), self.passphrase.text()
        if not name:
            self._say(self.tr("Give your user name."))
            self.user.setFocus()
            return False
        self.attempts += 1
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # Argon2 takes a moment, on purpose
        try:
            self.signoff.sign_in(name, passphrase)
        except SignInError:
            disabled = name in self._all_names() and name not in self.signoff.user_names()
            self._say(self.tr("The account {name} is disabled: an administrator can say why.").format(name=name)
                      if disabled else
                      self.tr("Cannot sign in as {name}: no such account, or a wrong passphrase. Try again.")
                      .format(name=name))
            self.passphrase.clear()
            self.passphrase.setFocus()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.message.clear()
        self.accept()
        return True

    def _all_names(self) -> list[str]:
        from docexam.store.accounts import list_users

        with self.signoff.store._reader.connect() as conn:
            return [u.name for u in list_users(conn)]

    def _say(self, text: str) -> None:
        self.message.setText(text)


def sign_in_from_environment(signoff: Signoff) -> bool:
    """Whether someone is signed in (the store opened with ``$DOCEXAM_USER`` and ``$DOCEXAM_PASSPHRASE`` signs them in,
    as the command line does), or nobody needs to be (a store without accounts)."""
    return not signoff.needs_sign_in


def ask_sign_in(signoff: Signoff, parent: QWidget | None = None, *, user: str = "") -> bool:
    """Ask for a sign-in until one succeeds (True) or the examiner cancels (False). True at once when the store
    needs none or someone is signed in already."""
    if sign_in_from_environment(signoff):
        return True
    dialog = SignInDialog(signoff, parent, user=user)
    return dialog.exec() == QDialog.DialogCode.Accepted
