"""Accounts and the technical review on the workstation (issue 22): signing in (the dialog, a wrong passphrase, a
cancel, the environment), the conclusion's fraud type and confidence, the review from submission through a return
with comments to an issued report, a reviewer's own case, and what a trainee is not shown."""

import shutil

import pypdf
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from docexam.gui.main_window import MainWindow
from docexam.gui.review_view import ReviewQueueDialog
from docexam.gui.signin import SignInDialog, ask_sign_in
from docexam.store import Store, accounts
from docexam.store.review import ReviewState
from docexam.workbench import Workbench

PASSPHRASE = "correct horse battery"
PEOPLE = (("ada", "administrator"), ("emin", "examiner"), ("rena", "reviewer"), ("rauf", "reviewer"),
          ("tural", "trainee"))


@pytest.fixture(scope="module")
def accounts_db(tmp_path_factory):
    """A store with an administrator, an examiner, two reviewers and a trainee (Argon2 once for the module)."""
    path = tmp_path_factory.mktemp("accounts") / "cases.db"
    store = Store.open(path)
    for name, role in PEOPLE:
        accounts.add_user(store, name, role, PASSPHRASE)
    store.close()
    return path


@pytest.fixture
def store(accounts_db, tmp_path, monkeypatch):
    monkeypatch.delenv(accounts.USER_ENV, raising=False)
    monkeypatch.delenv(accounts.PASSPHRASE_ENV, raising=False)
    path = tmp_path / "cases.db"
    shutil.copy(accounts_db, path)
    s = Store.open(path)
    yield s
    s.close()


def make_window(qtbot, store, tmp_path):
    win = MainWindow(Workbench(store), settings=QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


def switch_to(win, name, monkeypatch):
    """File > Sign out / switch user, the dialog answered by ``name``."""
    monkeypatch.setattr(win, "ask_sign_in", lambda user="": win.workbench.signoff.sign_in(name, PASSPHRASE) is not None)
    assert win.sign_out_switch()
    assert win.workbench.signoff.user.name == name


# --- signing in ------------------------------------------------------------------------------------------------


def test_a_store_with_accounts_asks_who_signs_in_and_refuses_a_wrong_passphrase_then_lets_them_retry(qtbot, store):
    bench = Workbench(store)
    assert bench.signoff.needs_sign_in
    dialog = SignInDialog(bench.signoff)
    qtbot.addWidget(dialog)
    assert [dialog.user.itemText(i) for i in range(dialog.user.count())] == sorted(n for n, _ in PEOPLE)
    dialog.user.setCurrentText("emin")
    dialog.passphrase.setText("not the passphrase")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "wrong passphrase" in dialog.message.text() and "emin" in dialog.message.text()
    assert dialog.passphrase.text() == "" and store.session is None  # nobody signed in; try again
    with pytest.raises(accounts.AccessError):
        store.create_case("not without a sign-in")
    dialog.passphrase.setText(PASSPHRASE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.message.text() == ""
    assert store.session.user.name == "emin" and not bench.signoff.needs_sign_in
    case = store.create_case("Passport, border post 4")
    assert store.show(case.id).audit[-1].actor == "emin"  # the account, not the operating-system user


def test_cancelling_the_sign_in_leaves_nobody_signed_in(qtbot, store):
    bench = Workbench(store)

    def cancel():
        dialog = next(w for w in qtbot_top_levels() if isinstance(w, SignInDialog))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(50, cancel)
    assert ask_sign_in(bench.signoff) is False
    assert store.session is None and bench.signoff.needs_sign_in


def qtbot_top_levels():
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()


def test_the_environment_signs_in_without_the_dialog_and_a_store_without_accounts_needs_none(accounts_db, tmp_path,
                                                                                             monkeypatch, qtbot):
    shutil.copy(accounts_db, tmp_path / "cases.db")
    monkeypatch.setenv(accounts.USER_ENV, "rena")
    monkeypatch.setenv(accounts.PASSPHRASE_ENV, PASSPHRASE)
    with Store.open(tmp_path / "cases.db") as store:
        bench = Workbench(store)
        assert ask_sign_in(bench.signoff) is True and bench.signoff.user.name == "rena"
        win = make_window(qtbot, store, tmp_path)
        assert win.user_label.isVisibleTo(win) and win.user_label.text() == "Signed in: rena (reviewer)"
    monkeypatch.delenv(accounts.USER_ENV)
    with Store.open(tmp_path / "plain.db", actor="examiner-1") as plain:
        bench = Workbench(plain)
        assert not bench.signoff.needs_sign_in and ask_sign_in(bench.signoff) is True
        win = make_window(qtbot, plain, tmp_path)
        assert not win.user_label.isVisibleTo(win) and win.act_new.isEnabled() and win.act_queue.isEnabled()


# --- the conclusion and its review ------------------------------------------------------------------------------


def test_the_verdict_records_the_fraud_type_and_confidence_under_the_signed_in_examiner(qtbot, store, tmp_path):
    store.sign_in("emin", PASSPHRASE)
    win = make_window(qtbot, store, tmp_path)
    win.new_case("Passport UTO L898902C3")
    panel = win.case_panel
    panel.verdict.setCurrentIndex(panel.verdict.findData("forged/altered"))
    panel.fraud_type.setCurrentIndex(panel.fraud_type.findData("forgery"))
    panel.confidence.setCurrentIndex(panel.confidence.findData("highly probable"))
    panel.verdict_note.setText("photo substituted")
    panel.set_verdict.click()
    review = win.workbench.case.review
    assert (review.verdict, review.fraud_type, review.confidence, review.concluded_by) == (
        "forged/altered", "forgery", "highly probable", "emin")
    assert "forgery" in panel.review_box.status.text() and "highly probable" in panel.review_box.status.text()
    # A genuine document is no counterfeit: the store refuses, the panel says why, nothing changes.
    errors = []
    panel.error.connect(errors.append)
    panel.verdict.setCurrentIndex(panel.verdict.findData("genuine"))
    panel.fraud_type.setCurrentIndex(panel.fraud_type.findData("counterfeit"))
    panel.verdict_note.setText("looks fine")
    panel.set_verdict.click()
    assert errors and "impostor" in errors[0]
    assert win.workbench.case.summary.verdict == "forged/altered"


def test_a_case_goes_from_submission_through_a_return_with_comments_to_an_issued_report(qtbot, store, tmp_path,
                                                                                      monkeypatch):
    store.sign_in("emin", PASSPHRASE)
    win = make_window(qtbot, store, tmp_path)
    assert win.user_label.text() == "Signed in: emin (examiner)"
    win.new_case("Passport UTO L898902C3")
    case_id = win.workbench.case.summary.id
    box = win.case_panel.review_box
    assert not win.act_submit.isEnabled() and "Record a verdict first" in win.act_submit.toolTip()
    win.workbench.set_verdict("counterfeit", note="printed by inkjet", fraud_type="counterfeit", confidence="certain")
    assert win.act_submit.isEnabled()
    assert not win.act_issue.isEnabled() and "only after a reviewer agreed" in win.act_issue.toolTip()
    assert not win.act_agree.isEnabled()
    assert win.act_agree.toolTip() == "Your role (examiner) may not do this; only: administrator, reviewer."
    win.act_submit.trigger()
    assert win.workbench.case.review.state is ReviewState.SUBMITTED
    assert "submitted for review" in box.status.text()
    assert not win.act_submit.isEnabled()
    # The store refuses an issue anyway, and the window says why.
    assert box.issue_case() is False
    assert win.last_error is not None and "only a case whose review agreed is issued" in win.last_error[1]

    switch_to(win, "rena", monkeypatch)
    assert win.workbench.case is None and win.user_label.text() == "Signed in: rena (reviewer)"
    queue = win.show_review_queue()
    assert [queue.table.item(r, 0).text() for r in range(queue.table.rowCount())] == [store.case(case_id).reference]
    assert queue.table.item(0, 5).text() == "awaiting you" and queue.message.text() == ""
    with qtbot.waitSignal(queue.open_requested):
        queue.open_button.click()
    assert win.workbench.case.summary.id == case_id
    assert win.act_agree.isEnabled() and win.act_return.isEnabled() and box.return_.isEnabled()
    monkeypatch.setattr(box, "ask_comment", lambda: "Check the UV emblem again: is it printed or absent?")
    win.act_return.trigger()
    review = win.workbench.case.review
    assert review.state is ReviewState.RETURNED and review.reviewed_by == "rena"
    assert queue.table.rowCount() == 0 and queue.message.text() == "No case awaits review."

    switch_to(win, "emin", monkeypatch)
    win.open_case(case_id)
    assert "returned with comments" in box.status.text() and "Reviewer: rena" in box.status.text()
    assert box.comments.isVisibleTo(win) and "Check the UV emblem again" in box.comments.text()
    assert "rena returned it" in box.comments.text()
    assert win.act_submit.isEnabled()
    win.act_submit.trigger()
    assert win.workbench.case.review.state is ReviewState.SUBMITTED

    switch_to(win, "rena", monkeypatch)
    win.open_case(case_id)
    win.act_agree.trigger()
    assert win.workbench.case.review.state is ReviewState.AGREED
    assert "rena agreed" in box.comments.text() and "Check the UV emblem again" in box.comments.text()

    switch_to(win, "emin", monkeypatch)
    win.open_case(case_id)
    assert win.act_issue.isEnabled() and box.issue.isEnabled()
    win.act_issue.trigger()
    review = win.workbench.case.review
    assert review.state is ReviewState.ISSUED and review.issued_by == "emin"
    assert not win.act_issue.isEnabled() and "The case is issued" in win.act_issue.toolTip()
    assert not win.case_panel.set_verdict.isEnabled() and not win.act_import.isEnabled()
    assert [e.actor for e in store.show(case_id).audit if e.action.startswith("case.")][-1] == "emin"
    path = tmp_path / "report.pdf"
    job = win.export_report(path)
    qtbot.waitUntil(lambda: job.is_done, timeout=120_000)
    assert job.error is None, job.traceback
    text = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    assert "NOT ISSUED" not in text and "reviewed by rena" in text


def test_a_reviewer_cannot_review_their_own_case_and_is_told_why(qtbot, store, tmp_path, monkeypatch):
    store.sign_in("rena", PASSPHRASE)
    win = make_window(qtbot, store, tmp_path)
    win.new_case("Identity card, airport")
    case_id = win.workbench.case.summary.id
    win.workbench.set_verdict("genuine", note="all features present")
    win.act_submit.trigger()
    queue = win.show_review_queue()
    assert isinstance(queue, ReviewQueueDialog) and queue.table.rowCount() == 1
    assert queue.table.item(0, 5).text() == "your own: another reviewer"
    assert "your own case" in queue.message.text() and "second examiner" in queue.message.text()
    assert not win.act_agree.isEnabled() and "your own case" in win.act_agree.toolTip()
    assert not win.case_panel.review_box.agree.isEnabled()
    # Asked all the same, the store refuses and the window says why; nothing is recorded.
    assert win.case_panel.review_box.review(agree=True) is False
    assert "cannot review case" in win.last_error[1] and "their own" in win.last_error[1]
    assert win.workbench.case.review.state is ReviewState.SUBMITTED
    switch_to(win, "rauf", monkeypatch)
    assert queue.table.item(0, 5).text() == "awaiting you"  # the open queue follows who signed in
    assert win.show_review_queue() is queue and queue.message.text() == ""
    win.open_case(case_id)
    assert win.act_agree.isEnabled()


# --- roles ------------------------------------------------------------------------------------------------------


def test_a_trainee_changes_no_case_writes_no_pack_and_is_shown_no_answer_key(qtbot, store, tmp_path):
    from docexam.workbench import training
    from docexam.workbench.training import PackOptions

    pack = tmp_path / "pack"
    training.generate(PackOptions(count=3, families=("td1",), difficulty="normal", seed=1, out=pack))
    key = training.answer_key(pack)
    altered = next(doc for doc, k in key.items() if k["alterations"])
    store.sign_in("tural", PASSPHRASE)
    win = make_window(qtbot, store, tmp_path)
    assert win.user_label.text() == "Signed in: tural (trainee)"
    for action in (win.act_new, win.act_import_bundle, win.act_generate, win.act_handout):
        assert not action.isEnabled(), action.text()
    assert win.act_new.toolTip() == "Your role (trainee) may not do this; only: administrator, examiner, reviewer."
    assert "trainee" not in win.act_generate.toolTip().split("only:")[1]
    assert not win.browser.new_button.isEnabled()
    assert win.act_trainee.isEnabled()
    win.open_exercise(pack)
    panel = win.exercise_panel
    assert panel.hide_keys
    panel.trainee.setText("tural")
    result = panel.submit_attempt()
    assert result is not None and store.attempts(trainee="tural")
    panel.select_document(altered)
    assert panel.alterations_of(altered) == [] and win.exercise_view.state.key == ()
    assert panel.alterations.count() == 1 and "not shown to a trainee" in panel.alterations.item(0).text()
    assert all(panel.results.item(r, 2).text() == "?" for r in range(panel.results.rowCount()))
    with pytest.raises(accounts.AccessError):
        store.exercise_keys(str(pack))


# --- languages --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_no_text_of_the_sign_in_the_review_box_and_the_queue_is_cut_on_a_laptops_screen(qtbot, qapp, store, tmp_path,
                                                                                       monkeypatch, lang):
    """At 1366x768, in each language: the sign-in dialog after a wrong passphrase, the Case dock with a conclusion
    returned with a comment, and the review queue show every label and button whole."""
    import importlib.util

    from docexam.gui import i18n as gui_i18n
    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("screenshots_tool", ROOT / "tools" / "screenshots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    gui_i18n.install(qapp, lang)
    try:
        dialog = SignInDialog(Workbench(store).signoff)
        qtbot.addWidget(dialog)
        dialog.user.setCurrentText("emin")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        dialog.show()
        qapp.processEvents()
        assert dialog.message.text() and shots.clipped_texts(dialog) == []

        store.sign_in("emin", PASSPHRASE)
        win = make_window(qtbot, store, tmp_path)
        win.setGeometry(0, 0, 1366, 768)
        win.new_case("Passport UTO L898902C3, border post 4")
        case_id = win.workbench.case.summary.id
        win.workbench.set_verdict("forged/altered", note="photograph substituted", fraud_type="forgery",
                                  confidence="highly probable")
        win.act_submit.trigger()
        switch_to(win, "rena", monkeypatch)
        win.open_case(case_id)
        monkeypatch.setattr(win.case_panel.review_box, "ask_comment", lambda: "Compare the IR capture along the "
                            "photograph's left side before concluding.")
        win.act_return.trigger()
        win.docks["case"].show()
        win.docks["case"].raise_()
        qapp.processEvents()
        assert win.case_panel.review_box.comments.isVisible()
        assert shots.clipped_texts(win) == []
        queue = win.show_review_queue()
        qapp.processEvents()
        assert shots.clipped_texts(queue) == []
    finally:
        gui_i18n.install(qapp, "en")


# --- starting the workstation -----------------------------------------------------------------------------------


@pytest.fixture
def start(accounts_db, tmp_path, monkeypatch, qapp):
    """``start(**env)``: ``docexam gui`` on a copy of the accounts' store (docexam.gui.app.run), the language put
    back after; returns its exit code and the windows it made."""
    import argparse

    from docexam import i18n
    from docexam.gui import app, main_window
    from docexam.gui import i18n as gui_i18n

    shutil.copy(accounts_db, tmp_path / "cases.db")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no View > Language of the user's
    made = []

    class Window(main_window.MainWindow):
        def __init__(self, workbench, **kw):
            super().__init__(workbench, settings=QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
            made.append(self)

    monkeypatch.setattr(main_window, "MainWindow", Window)

    def run(**env):
        for name in (accounts.USER_ENV, accounts.PASSPHRASE_ENV):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        chosen = i18n.chosen_language()
        try:
            code = app.run(argparse.Namespace(db=str(tmp_path / "cases.db"), sample=False, case=None,
                                              startup_time=False, quit_after=0.3))
        finally:
            gui_i18n.install(qapp, "en")
            i18n.set_language(chosen)
        return code, made

    return run


def test_the_workstation_quits_when_the_sign_in_is_cancelled(start, monkeypatch):
    from docexam.gui import signin

    asked = []
    monkeypatch.setattr(signin, "ask_sign_in", lambda signoff, parent=None, user="": asked.append(user) or False)
    code, windows = start()
    assert code == 0 and asked == [""] and windows == []
    # A name without its passphrase: the dialog asks for it, the name filled in.
    code, windows = start(DOCEXAM_USER="rena")
    assert code == 0 and asked == ["", "rena"] and windows == []


def test_the_environment_signs_the_workstation_in_and_a_wrong_passphrase_stops_it(start, monkeypatch, capsys):
    from docexam.gui import signin

    def no_dialog(signoff, parent=None, user=""):
        assert not signoff.needs_sign_in, "the sign-in dialog was shown"
        return True

    monkeypatch.setattr(signin, "ask_sign_in", no_dialog)
    code, windows = start(DOCEXAM_USER="rena", DOCEXAM_PASSPHRASE="not the passphrase")
    assert code == 2 and windows == [] and "wrong passphrase" in capsys.readouterr().err
    code, windows = start(DOCEXAM_USER="rena", DOCEXAM_PASSPHRASE=PASSPHRASE)
    assert code == 0 and len(windows) == 1
    assert windows[0].workbench.signoff.user.name == "rena"
    assert windows[0].user_label.text() == "Signed in: rena (reviewer)"
