"""docexam user, and signing in from the command line (issue 22)."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

ADMIN = {"DOCEXAM_USER": "Ana Adoro", "DOCEXAM_PASSPHRASE": "admin passphrase"}
EXAMINER = {"DOCEXAM_USER": "Eli Examo", "DOCEXAM_PASSPHRASE": "examiner passphrase"}


def docexam(db, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DOCEXAM_")}
    full_env = {**base, "DOCEXAM_DB": str(db), "DOCEXAM_EXAMINER": "os-login", **(env or {})}
    return subprocess.run([sys.executable, "-m", "docexam", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=full_env, stdin=subprocess.DEVNULL)


def test_accounts_from_the_first_administrator_to_a_signed_in_examiner(tmp_path):
    db = tmp_path / "cases.sqlite"
    r = docexam(db, "user", "add", "Ana Adoro", "--role", "administrator", "--json",
                env={"DOCEXAM_NEW_PASSPHRASE": ADMIN["DOCEXAM_PASSPHRASE"]})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["role"] == "administrator"
    # from now on, adding an account needs the administrator signed in
    new = {"DOCEXAM_NEW_PASSPHRASE": EXAMINER["DOCEXAM_PASSPHRASE"]}
    r = docexam(db, "user", "add", "Eli Examo", "--role", "examiner", env=new)
    assert r.returncode == 2 and "sign in to add accounts" in r.stderr
    r = docexam(db, "user", "add", "Eli Examo", "--role", "examiner", env={**ADMIN, **new})
    assert r.returncode == 0, r.stderr
    users = [json.loads(line) for line in docexam(db, "user", "list", "--json").stdout.splitlines()]
    assert [(u["name"], u["role"], u["created_by"]) for u in users] == [
        ("Ana Adoro", "administrator", "Ana Adoro"), ("Eli Examo", "examiner", "Ana Adoro")]

    r = docexam(db, "case", "create", "--title", "Passport UTO", env={**EXAMINER, "DOCEXAM_PASSPHRASE": "wrong one!"})
    assert r.returncode == 2 and "wrong passphrase" in r.stderr
    r = docexam(db, "case", "create", "--title", "Passport UTO")  # no sign-in, no terminal
    assert r.returncode == 2 and "sign in to open cases" in r.stderr
    assert docexam(db, "case", "list", "--json").stdout == ""  # nothing was made
    r = docexam(db, "case", "create", "--title", "Passport UTO", "--json", env=EXAMINER)
    assert r.returncode == 0, r.stderr
    case = json.loads(r.stdout)
    shown = json.loads(docexam(db, "case", "show", case["reference"], "--json").stdout)
    assert [(e["actor"], e["signature"] is not None) for e in shown["audit"]] == [("Eli Examo", True)]
    assert docexam(db, "case", "verify").returncode == 0

    r = docexam(db, "user", "disable", "Eli Examo", "--reason", "moved to another centre", env=EXAMINER)
    assert r.returncode == 2 and "may not disable accounts" in r.stderr
    r = docexam(db, "user", "disable", "Eli Examo", "--reason", "moved to another centre", env=ADMIN)
    assert r.returncode == 0, r.stderr
    r = docexam(db, "case", "create", "--title", "another", env=EXAMINER)
    assert r.returncode == 2 and "disabled" in r.stderr
