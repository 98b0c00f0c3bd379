"""The workstation's PDF report is signed as ``docexam case report`` signs it (issue 22): by the signed-in examiner
inside the PDF and beside it (FILE.pdf.sig), checked as ``docexam case verify-report`` checks; a store without
accounts writes it unsigned, as before."""

import pytest
from PySide6.QtCore import QSettings

from docexam.gui.main_window import MainWindow
from docexam.report.pdfsign import verify_report
from docexam.store import Store, accounts
from docexam.store.trust import signature_path
from docexam.workbench import Workbench

PASSPHRASE = "correct horse battery"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.delenv(accounts.USER_ENV, raising=False)
    monkeypatch.delenv(accounts.PASSPHRASE_ENV, raising=False)
    s = Store.open(tmp_path / "cases.db")
    yield s
    s.close()


def export(qtbot, store, tmp_path):
    win = MainWindow(Workbench(store), settings=QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.new_case("Passport UTO L898902C3")
    win.workbench.set_verdict("genuine", note="nothing found")
    path = tmp_path / "report.pdf"
    job = win.export_report(path)
    qtbot.waitUntil(lambda: job.is_done, timeout=120_000)
    assert job.error is None, job.traceback
    # the job is done in its worker before the window hears of it (a queued signal): wait for the window's word
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Report written"), timeout=30_000)
    return win, path


def test_a_signed_in_examiners_report_from_the_workstation_is_signed_and_verifies(qtbot, store, tmp_path):
    accounts.add_user(store, "ada", "administrator", PASSPHRASE)
    accounts.add_user(store, "emin", "examiner", PASSPHRASE)
    store.sign_in("emin", PASSPHRASE)
    win, path = export(qtbot, store, tmp_path)
    assert win.statusBar().currentMessage() == f"Report written and signed by emin: {path}"
    assert signature_path(path).is_file()
    check = verify_report(store, path)
    assert check.ok, check.problems
    assert check.embedded is not None and check.embedded.draft  # not reviewed nor issued: signed as a draft
    assert check.signer is not None and check.signer.owner == "emin"
    assert check.detached is not None and check.detached.owner == "emin"
    # A byte changed after signing: the check refuses it.
    body = bytearray(path.read_bytes())
    body[len(body) // 2] ^= 1
    path.write_bytes(bytes(body))
    assert not verify_report(store, path).ok


def test_a_store_without_accounts_writes_the_report_unsigned_as_before(qtbot, store, tmp_path):
    win, path = export(qtbot, store, tmp_path)
    assert win.statusBar().currentMessage() == f"Report written: {path}"
    assert path.is_file() and not signature_path(path).exists()
    check = verify_report(store, path)
    assert not check.ok and check.embedded is None
