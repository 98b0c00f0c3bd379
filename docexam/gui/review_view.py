"""The technical review on the workstation (issue 22): the Review box of the case panel (where the conclusion
stands, who reviewed it, the reviewers' comments, and the steps the signed-in examiner may take now) and the review
queue (Case > Review queue...). The store decides and refuses (:mod:`docexam.store.review`); the widgets offer what
:class:`~docexam.workbench.signoff.Signoff` says may be done and, for what may not, say why."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.i18n import when_text, word
from docexam.gui.signin import role_word
from docexam.store.accounts import Permission
from docexam.store.review import Review, ReviewState
from docexam.workbench.caseview import CaseView
from docexam.workbench.signoff import Blocked, QueueEntry, Signoff, review_queue, roles_allowed
from docexam.workbench.state import Workbench

ERROR_COLOUR = "#b00020"
#: The review states' words, translated where shown (context "Review").
STATE_WORDS = {
    ReviewState.DRAFT: QT_TRANSLATE_NOOP("Review", "draft"),
    ReviewState.SUBMITTED: QT_TRANSLATE_NOOP("Review", "submitted for review"),
    ReviewState.AGREED: QT_TRANSLATE_NOOP("Review", "reviewed: agreed"),
    ReviewState.RETURNED: QT_TRANSLATE_NOOP("Review", "reviewed: returned with comments"),
    ReviewState.ISSUED: QT_TRANSLATE_NOOP("Review", "issued"),
}
#: Why an action is not offered, in the examiner's words (context "Review").
BLOCKED_WORDS = {
    Blocked.NO_CASE: QT_TRANSLATE_NOOP("Review", "Open a case first."),
    Blocked.READ_ONLY: QT_TRANSLATE_NOOP("Review", "The case store can only be read here."),
    Blocked.SIGN_IN: QT_TRANSLATE_NOOP("Review", "Sign in first (File > Sign out / switch user)."),
    Blocked.NO_KEY: QT_TRANSLATE_NOOP("Review", "You have no signing key that is not revoked: an administrator "
                                                "makes you one (docexam key create)."),
    Blocked.NO_VERDICT: QT_TRANSLATE_NOOP("Review", "Record a verdict first: the review checks the conclusion."),
    Blocked.NOT_DRAFT: QT_TRANSLATE_NOOP("Review", "The case is submitted already, reviewed or issued."),
    Blocked.NOT_SUBMITTED: QT_TRANSLATE_NOOP("Review", "Only a case submitted for review is reviewed."),
    Blocked.OWN_CASE: QT_TRANSLATE_NOOP("Review", "This is your own case (you examined it, or recorded or submitted "
                                                  "its verdict): a second examiner reviews it."),
    Blocked.NOT_AGREED: QT_TRANSLATE_NOOP("Review", "A report is issued only after a reviewer agreed with the "
                                                    "conclusion: submit the case for review first."),
    Blocked.ISSUED: QT_TRANSLATE_NOOP("Review", "The case is issued: its conclusion and report stand, and nothing "
                                                "more is recorded in it."),
}


def state_word(state: ReviewState) -> str:
    return QCoreApplication.translate("Review", str(STATE_WORDS[state]))


def blocked_text(blocked: Blocked, signoff: Signoff, permission: Permission = Permission.CASE_WRITE) -> str:
    """Why an action is not offered, in the workstation's language; for a role, which roles may."""
    if blocked is Blocked.ROLE:
        user = signoff.user
        return QCoreApplication.translate("Review", "Your role ({role}) may not do this; only: {roles}.").format(
            role=role_word(user.role) if user is not None else "?",
            roles=", ".join(role_word(r) for r in roles_allowed(permission)))
    return QCoreApplication.translate("Review", str(BLOCKED_WORDS[blocked]))


def review_summary(review: Review) -> str:
    """The Review box's text: the state, who submitted, reviewed and issued, as rich text."""
    lines = [QCoreApplication.translate("Review", "Status: <b>{state}</b>").format(state=escape(state_word(review.state)))]
    if review.verdict and (review.fraud_type or review.confidence):
        lines.append(QCoreApplication.translate("Review", "Conclusion: {verdict}, {fraud}, confidence {confidence}").format(
            verdict=escape(word(review.verdict)),
            fraud=escape(word(review.fraud_type)) if review.fraud_type else QCoreApplication.translate("Review", "no fraud type"),
            confidence=escape(word(review.confidence)) if review.confidence else QCoreApplication.translate("Review", "not stated")))
    if review.submitted_by:
        lines.append(QCoreApplication.translate("Review", "Submitted by {who}, {when} UTC").format(who=escape(review.submitted_by),
                                                                 when=escape(when_text(review.submitted_at or ""))))
    if review.reviewed_by:
        lines.append(QCoreApplication.translate("Review", "Reviewer: {who}, {when} UTC").format(who=escape(review.reviewed_by),
                                                              when=escape(when_text(review.reviewed_at or ""))))
    if review.issued_by:
        lines.append(QCoreApplication.translate("Review", "Issued by {who}, {when} UTC").format(who=escape(review.issued_by),
                                                              when=escape(when_text(review.issued_at or ""))))
    return "<br>".join(lines)


def comments_html(review: Review) -> str:
    """Every reviewer's word on the case, newest last: agreed or returned, by whom, when, and the comment."""
    out = []
    for c in review.comments:
        head = (QCoreApplication.translate("Review", "{who} agreed, {when} UTC") if c.agreed else QCoreApplication.translate("Review", "{who} returned it, {when} UTC")).format(
            who=escape(c.reviewer), when=escape(when_text(c.at)))
        colour = "" if c.agreed else f' style="color: {ERROR_COLOUR}"'
        body = escape(c.comment).replace("\n", "<br>") if c.comment else "<i>{}</i>".format(QCoreApplication.translate("Review", "no comment"))
        out.append(f"<p><b{colour}>{head}</b><br>{body}</p>")
    return "".join(out)


class ReviewBox(QGroupBox):
    """The Review section of the case panel: the state and comments of the open case's review, and its steps
    (Submit for review, Agree, Return with comment, Issue), each offered or disabled with the reason as its tooltip.
    ``error(str)`` reports a step the store refused; ``changed(str)`` says a step was taken (in words)."""

    error = Signal(str)
    changed = Signal(str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Review"), parent)
        self.setObjectName("reviewBox")
        self.workbench = workbench
        self.status = QLabel("")
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        self.comments = QLabel("")
        self.comments.setObjectName("reviewComments")
        self.comments.setWordWrap(True)
        self.comments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.submit = QPushButton(self.tr("Submit for review"))
        self.agree = QPushButton(self.tr("Agree"))
        self.return_ = QPushButton(self.tr("Return…"))
        self.issue = QPushButton(self.tr("Issue"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.comments)
        row = QHBoxLayout()
        for b in (self.submit, self.agree, self.return_, self.issue):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.submit.clicked.connect(self.submit_for_review)
        self.agree.clicked.connect(lambda: self.review(agree=True))
        self.return_.clicked.connect(lambda: self.review(agree=False))
        self.issue.clicked.connect(self.issue_case)
        workbench.events.case.connect(self.show_case)
        self.show_case(workbench.case)

    def show_case(self, case: CaseView | None) -> None:
        review = case.review if case is not None else Review()
        self.status.setText(review_summary(review) if case is not None else "")
        self.comments.setText(comments_html(review))
        self.comments.setVisible(bool(review.comments))
        self.update_actions()

    def update_actions(self) -> None:
        """Offer the steps the signed-in examiner may take on the open case; a withheld one says why."""
        signoff = self.workbench.signoff
        actions = signoff.actions(self.workbench.case)
        tips = {
            self.submit: (actions.submit, Permission.CASE_WRITE, self.tr("Send the conclusion to a second examiner "
                                                                         "for technical review")),
            self.agree: (actions.review, Permission.CASE_REVIEW, self.tr("Agree with the conclusion")),
            self.return_: (actions.review, Permission.CASE_REVIEW, self.tr("Return the conclusion to the examiner "
                                                                           "with your comments")),
            self.issue: (actions.issue, Permission.CASE_WRITE, self.tr("Issue the case: its report becomes final")),
        }
        for button, (blocked, permission, tip) in tips.items():
            button.setEnabled(blocked is None)
            button.setToolTip(tip if blocked is None else blocked_text(blocked, signoff, permission))

    def ask_comment(self) -> str | None:
        """Ask why the conclusion is returned; None if the reviewer cancels."""
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Return with comments"), self.tr(
            "What should the examiner look at again? (they read it beside the findings)"))
        return text if ok else None

    def submit_for_review(self) -> bool:
        return self._step(self.workbench.submit_for_review, self.tr("Submitted for review."),
                          self.tr("The case was not submitted: {error}"))

    def review(self, *, agree: bool) -> bool:
        """Agree, or return with a comment (asked; required)."""
        if agree:
            return self._step(lambda: self.workbench.review_case(agree=True), self.tr("You agreed with the conclusion."),
                              self.tr("The review was not recorded: {error}"))
        comment = self.ask_comment()
        if comment is None:
            return False
        if not comment.strip():
            self.error.emit(self.tr("The case was not returned: say what should be looked at again."))
            return False
        return self._step(lambda: self.workbench.review_case(agree=False, comment=comment),
                          self.tr("Returned to the examiner with your comments."),
                          self.tr("The review was not recorded: {error}"))

    def issue_case(self) -> bool:
        return self._step(self.workbench.issue, self.tr("The case is issued: its report is final."),
                          self.tr("The case was not issued: {error}"))

    def _step(self, step, done: str, failed: str) -> bool:
        try:
            step()
        except Exception as e:  # noqa: BLE001 - the store's refusal, shown to the examiner; nothing changed
            self.error.emit(failed.format(error=e))
            return False
        self.changed.emit(done)
        return True


class ReviewQueueDialog(QDialog):
    """Case > Review queue...: the cases submitted and awaiting a reviewer, oldest first. One's own cases are
    listed, greyed, with why they are not one's to review. ``open_requested(case id)`` opens a case in the window,
    where its Review box agrees or returns it."""

    open_requested = Signal(int)

    COLUMNS = (
        QT_TRANSLATE_NOOP("ReviewQueueDialog", "Case"),
        QT_TRANSLATE_NOOP("ReviewQueueDialog", "Title"),
        QT_TRANSLATE_NOOP("ReviewQueueDialog", "Verdict"),
        QT_TRANSLATE_NOOP("ReviewQueueDialog", "Submitted by"),
        QT_TRANSLATE_NOOP("ReviewQueueDialog", "Submitted (UTC)"),
        QT_TRANSLATE_NOOP("ReviewQueueDialog", "Review"),
    )

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewQueueDialog")
        self.setWindowTitle(self.tr("Review queue"))
        self.workbench = workbench
        self.entries: list[QueueEntry] = []
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("reviewQueue")
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.message = QLabel("")
        self.message.setObjectName("reviewQueueMessage")
        self.message.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the case"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        signoff = self.workbench.signoff
        self.entries = review_queue(signoff)
        blocked = signoff.blocked(Permission.CASE_REVIEW)
        if blocked is not None:
            self.intro.setText(self.tr("You may open these cases, not review them: {why}").format(
                why=blocked_text(blocked, signoff, Permission.CASE_REVIEW)))
        else:
            self.intro.setText(self.tr("%n case(s) awaiting review, oldest first. Open one to agree with its conclusion "
                                       "or return it with comments.", "", len(self.entries)))
        self.table.setRowCount(len(self.entries))
        own_text = self.tr("your own: another reviewer")
        for r, e in enumerate(self.entries):
            s, rv = e.summary, e.review
            cells = [s.reference, s.title, word(rv.verdict) if rv.verdict else "-", rv.submitted_by or "",
                     when_text(rv.submitted_at or ""), own_text if e.own else self.tr("awaiting you")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                if e.own:
                    item.setForeground(self.palette().placeholderText())
                    item.setToolTip(blocked_text(Blocked.OWN_CASE, signoff))
                item.setToolTip(item.toolTip() or text)  # a cell cut short is read whole here
                self.table.setItem(r, c, item)
        self.fit_columns()
        if self.entries:
            self.table.selectRow(0)
        self._selection_changed()

    #: The widest a column other than the title is made (a long verdict in Russian is cut short, whole in its tip).
    MAX_COLUMN = 170

    def fit_columns(self) -> None:
        """Each column as wide as its contents, up to MAX_COLUMN; the title takes the width left (at least 120 px,
        scrolling sideways below that)."""
        self.table.resizeColumnsToContents()
        others = 0
        for c in range(self.table.columnCount()):
            if c != 1:
                self.table.setColumnWidth(c, min(self.table.columnWidth(c), self.MAX_COLUMN))
                others += self.table.columnWidth(c)
        self.table.setColumnWidth(1, max(120, self.table.viewport().width() - others))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_columns()

    def selected(self) -> QueueEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.open_button.setEnabled(entry is not None)
        if entry is None:
            self.message.setText(self.tr("No case awaits review.") if not self.entries else "")
        elif entry.own:
            self.message.setText(blocked_text(Blocked.OWN_CASE, self.workbench.signoff))
        else:
            self.message.setText("")

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_requested.emit(entry.summary.id)
