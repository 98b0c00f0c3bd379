"""docexam user, and signing in from the command line (issue 22)."""

import json
import os
import subprocess

from tests.cli.inprocess import run_docexam

ADMIN = {"DOCEXAM_USER": "Ana Adoro", "DOCEXAM_PASSPHRASE": "admin passphrase"}
EXAMINER = {"DOCEXAM_USER": "Eli Examo", "DOCEXAM_PASSPHRASE": "examiner passphrase"}


def docexam(db, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # none of the suite's own settings but the cheap key derivation (tests/conftest.py); run in this process
    base = {k: v for k, v in os.environ.items() if not k.startswith("DOCEXAM_") or k == "DOCEXAM_TEST_FAST_KDF"}
    return run_docexam(list(args), env={**base, "DOCEXAM_DB": str(db), "DOCEXAM_EXAMINER": "os-login", **(env or {})})


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


def test_keys_and_trust_between_a_checkpoint_and_the_centre(tmp_path):
    checkpoint, centre = tmp_path / "checkpoint.sqlite", tmp_path / "centre.sqlite"
    officer = {"DOCEXAM_USER": "Oto Ficera", "DOCEXAM_PASSPHRASE": "officer passphrase"}
    assert docexam(checkpoint, "user", "add", "Oto Ficera", "--role", "administrator",
                   env={"DOCEXAM_NEW_PASSPHRASE": officer["DOCEXAM_PASSPHRASE"]}).returncode == 0
    case = json.loads(docexam(checkpoint, "case", "create", "--title", "Passport UTO", "--json", env=officer).stdout)
    bundle = tmp_path / "b.dxb"
    r = docexam(checkpoint, "case", "export", case["reference"], "--out", str(bundle), env=officer)
    assert r.returncode == 2 and "no station key" in r.stderr and not bundle.exists()
    r = docexam(checkpoint, "key", "create", "--station", "--json", env=officer)
    assert r.returncode == 0, r.stderr
    station = json.loads(r.stdout)
    assert docexam(checkpoint, "case", "export", case["reference"], "--out", str(bundle), env=officer).returncode == 0
    key_file = tmp_path / "station.json"
    assert docexam(checkpoint, "key", "export", "--station", "--out", str(key_file)).returncode == 0

    assert docexam(centre, "user", "add", "Ana Adoro", "--role", "administrator",
                   env={"DOCEXAM_NEW_PASSPHRASE": ADMIN["DOCEXAM_PASSPHRASE"]}).returncode == 0
    r = docexam(centre, "case", "import", str(bundle), env=ADMIN)
    assert r.returncode == 2 and "not on this store's trust list" in r.stderr
    r = docexam(centre, "trust", "add", str(key_file), "--json", env=ADMIN)
    assert r.returncode == 0 and json.loads(r.stdout)["key_id"] == station["key_id"], r.stderr
    r = docexam(centre, "case", "import", str(bundle), env=ADMIN)
    assert r.returncode == 0 and "1 added" in r.stdout, r.stderr
    assert docexam(centre, "case", "verify").returncode == 0
    r = docexam(centre, "trust", "revoke", station["key_id"][:12], "--reason", "laptop lost", env=ADMIN)
    assert r.returncode == 0, r.stderr
    listed = [json.loads(x) for x in docexam(centre, "trust", "list", "--json").stdout.splitlines()]
    revoked = [k for k in listed if k["key_id"] == station["key_id"]]
    assert [k["revoke_reason"] for k in revoked] == ["laptop lost"]
    assert {k["source"] for k in listed} == {"local", "added", "vouched"}


def test_a_revoked_examiner_key_signs_nothing_more_and_says_who_revoked_it_when_and_why(tmp_path):
    db = tmp_path / "cases.sqlite"
    assert docexam(db, "user", "add", "Ana Adoro", "--role", "administrator",
                   env={"DOCEXAM_NEW_PASSPHRASE": ADMIN["DOCEXAM_PASSPHRASE"]}).returncode == 0
    r = docexam(db, "user", "add", "Eli Examo", "--role", "examiner",
                env={**ADMIN, "DOCEXAM_NEW_PASSPHRASE": EXAMINER["DOCEXAM_PASSPHRASE"]})
    assert r.returncode == 0, r.stderr
    assert docexam(db, "case", "create", "--title", "Passport UTO", env=EXAMINER).returncode == 0
    key = json.loads(docexam(db, "key", "export", "--user", "Eli Examo").stdout)["key_id"]
    r = docexam(db, "trust", "revoke", key[:12], "--reason", "laptop stolen at border post 4", env=ADMIN)
    assert r.returncode == 0, r.stderr
    r = docexam(db, "case", "create", "--title", "ID card UTO", env=EXAMINER)
    assert r.returncode == 2 and f"the key {key[:12]}... of Eli Examo (examiner) was revoked on " in r.stderr
    assert "by Ana Adoro: laptop stolen at border post 4" in r.stderr and "nothing was done" in r.stderr
    r = docexam(db, "case", "verify", "--since-last")
    assert r.returncode == 0 and "all images match" in r.stdout, r.stdout + r.stderr  # what it signed before holds


def test_technical_review_from_the_command_line(tmp_path):
    db = tmp_path / "cases.sqlite"
    reviewer = {"DOCEXAM_USER": "Rev Ida", "DOCEXAM_PASSPHRASE": "reviewer passphrase"}
    assert docexam(db, "user", "add", "Ana Adoro", "--role", "administrator",
                   env={"DOCEXAM_NEW_PASSPHRASE": ADMIN["DOCEXAM_PASSPHRASE"]}).returncode == 0
    for who, role in ((EXAMINER, "examiner"), (reviewer, "reviewer")):
        r = docexam(db, "user", "add", who["DOCEXAM_USER"], "--role", role,
                    env={**ADMIN, "DOCEXAM_NEW_PASSPHRASE": who["DOCEXAM_PASSPHRASE"]})
        assert r.returncode == 0, r.stderr
    case = json.loads(docexam(db, "case", "create", "--title", "Passport UTO", "--json", env=EXAMINER).stdout)
    ref = case["reference"]
    r = docexam(db, "case", "verdict", ref, "counterfeit", "--note", "offset print", "--fraud-type", "counterfeit",
                "--confidence", "highly probable", env=EXAMINER)
    assert r.returncode == 0, r.stderr
    r = docexam(db, "case", "issue", ref, env=EXAMINER)
    assert r.returncode == 2 and "only a case whose review agreed is issued" in r.stderr
    assert docexam(db, "case", "submit", ref, env=EXAMINER).returncode == 0
    queue = [json.loads(x) for x in docexam(db, "case", "queue", "--json").stdout.splitlines()]
    assert [(q["case"]["reference"], q["review"]["submitted_by"]) for q in queue] == [(ref, "Eli Examo")]
    r = docexam(db, "case", "review", ref, "--agree", env=EXAMINER)
    assert r.returncode == 2 and "may not review cases" in r.stderr
    r = docexam(db, "case", "review", ref, "--return", env=reviewer)
    assert r.returncode == 2 and "say why the case is returned" in r.stderr
    r = docexam(db, "case", "review", ref, "--return", "--comment", "check the laminate under UV", "--json",
                env=reviewer)
    assert r.returncode == 0 and json.loads(r.stdout)["state"] == "returned", r.stderr
    shown = docexam(db, "case", "show", ref).stdout
    assert "returned by Rev Ida" in shown and "check the laminate under UV" in shown
    assert "conclusion: counterfeit, confidence highly probable" in shown
    assert docexam(db, "case", "submit", ref, env=EXAMINER).returncode == 0
    assert docexam(db, "case", "review", ref, "--agree", env=reviewer).returncode == 0
    r = docexam(db, "case", "issue", ref, "--json", env=EXAMINER)
    assert r.returncode == 0 and json.loads(r.stdout)["issued_by"] == "Eli Examo", r.stderr
    r = docexam(db, "case", "verdict", ref, "genuine", "--note", "second thoughts", env=EXAMINER)
    assert r.returncode == 2 and "was issued" in r.stderr
    assert docexam(db, "case", "verify").returncode == 0


def test_a_report_is_signed_by_its_examiner_and_a_changed_pdf_is_caught(tmp_path):
    db = tmp_path / "cases.sqlite"
    assert docexam(db, "user", "add", "Ana Adoro", "--role", "administrator",
                   env={"DOCEXAM_NEW_PASSPHRASE": ADMIN["DOCEXAM_PASSPHRASE"]}).returncode == 0
    case = json.loads(docexam(db, "case", "create", "--title", "Passport UTO", "--json", env=ADMIN).stdout)
    out = tmp_path / "report.pdf"
    r = docexam(db, "case", "report", case["reference"], "--out", str(out), env=ADMIN)
    assert r.returncode == 0 and "signed:" in r.stdout, r.stderr
    assert (tmp_path / "report.pdf.sig").is_file()
    r = docexam(db, "case", "verify-report", str(out))
    assert r.returncode == 0 and "signed by Ana Adoro" in r.stdout, r.stderr
    assert "signed inside the PDF by Ana Adoro" in r.stdout and "signed as a DRAFT" in r.stdout
    found = json.loads(docexam(db, "case", "verify-report", str(out), "--json").stdout)
    assert found["ok"] and found["signer"]["owner"] == found["detached"]["owner"] == "Ana Adoro"
    assert found["embedded"]["intact"] and not found["embedded"]["modified"] and found["embedded"]["draft"] is True
    out.write_bytes(out.read_bytes() + b"%% appended\n")
    r = docexam(db, "case", "verify-report", str(out))
    assert r.returncode == 1 and "changed after it was signed" in r.stderr
    (tmp_path / "report.pdf.sig").unlink()
    r = docexam(db, "case", "verify-report", str(out))
    assert r.returncode == 1 and "no readable signature" in r.stderr
