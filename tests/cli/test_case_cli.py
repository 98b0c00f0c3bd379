"""docexam case: the command line over the case store, on the embedded SQLite database."""

import json
import os
import sqlite3
import subprocess

import pytest

from tests.cli.inprocess import run_docexam
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "specimens"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cases.sqlite"


def docexam(db, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``docexam ARGS`` on the database ``db``, run in this process (tests/cli/inprocess.py)."""
    return run_docexam(list(args), env={**os.environ, "DOCEXAM_DB": str(db), "DOCEXAM_EXAMINER": "A. Examiner",
                                        **(env or {})})


def create(db, title="Passport UTO, border post 4") -> dict:
    r = docexam(db, "case", "create", "--title", title, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_create_attach_verdict_show_list(db):
    case = create(db)
    assert isinstance(case["id"], int) and case["reference"].startswith("DX-") and case["examiner"] == "A. Examiner"
    r = docexam(db, "case", "attach", str(case["id"]), "--light", "uv", "--captured-at", "2026-11-28T09:30",
                str(SAMPLES / "td3-genuine" / "uv.jpg"))
    assert r.returncode == 0, r.stderr
    r = docexam(db, "case", "verdict", case["reference"], "forged", "--note", "photo substituted")
    assert r.returncode == 0 and "forged/altered" in r.stdout
    shown = json.loads(docexam(db, "case", "show", str(case["id"]), "--json").stdout)
    assert shown["case"]["verdict"] == "forged/altered" and shown["case"]["verdict_note"] == "photo substituted"
    assert [(c["light"], c["captured_at"]) for c in shown["captures"]] == [("uv", "2026-11-28T09:30:00")]
    assert shown["captures"][0]["size"] == (SAMPLES / "td3-genuine" / "uv.jpg").stat().st_size
    assert [e["action"] for e in shown["audit"]] == ["case.create", "document.add", "capture.add", "case.verdict"]
    assert {e["actor"] for e in shown["audit"]} == {"A. Examiner"}
    create(db, "ID card ARC")
    lines = docexam(db, "case", "list", "--json").stdout.splitlines()
    assert [json.loads(x)["title"] for x in lines] == ["ID card ARC", "Passport UTO, border post 4"]
    found = docexam(db, "case", "list", "--query", "border post", "--json").stdout.splitlines()
    assert [json.loads(x)["id"] for x in found] == [case["id"]]


def test_read_with_case_stores_the_image_and_the_reading(db):
    case = create(db)
    r = docexam(db, "read", "--engine", "ocrb", "--case", str(case["id"]), "--light", "ir", str(SAMPLES / "td3-genuine" / "ir.jpg"))
    assert r.returncode == 0, r.stderr
    truth = json.loads((SAMPLES / "td3-genuine" / "key.json").read_text())["mrz"]
    shown = json.loads(docexam(db, "case", "show", str(case["id"]), "--json").stdout)
    (finding,) = shown["findings"]
    assert finding["kind"] == "mrz" and finding["source"] == "automatic" and finding["light"] == "ir"
    assert finding["detail"]["lines"] == truth and finding["detail"]["valid"] is True
    (doc,) = shown["documents"]
    assert doc["mrz"].split("\n") == truth and doc["family"] == "TD3" and doc["issuing_state"] == "UTO"
    number = doc["number"]
    hits = docexam(db, "case", "list", "--number", number, "--json").stdout.splitlines()
    assert [json.loads(x)["id"] for x in hits] == [case["id"]]
    assert docexam(db, "case", "list", "--number", "X" + number[1:], "--json").stdout == ""


def test_a_bad_file_fails_alone(db, tmp_path):
    case = create(db)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    good = SAMPLES / "td1-genuine" / "visible.jpg"
    r = docexam(db, "case", "attach", str(case["id"]), "--light", "visible", str(bad), str(good))
    assert r.returncode == 1
    assert "broken.jpg" in r.stderr
    shown = json.loads(docexam(db, "case", "show", str(case["id"]), "--json").stdout)
    assert [c["source_name"] for c in shown["captures"]] == ["visible.jpg"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["case", "verdict", "1", "probably-fine", "--no-reason"], "unknown verdict"),
        (["case", "verdict", "1", "genuine"], "one of the arguments --note --no-reason is required"),
        (["case", "verdict", "1", "genuine", "--note", " "], "say --no-reason"),
        (["case", "withdraw", "1", "--reason", "second look"], "no verdict to withdraw"),
        (["case", "attach", "1", "--light", "infrared", "x.jpg"], "unknown light"),
        (["case", "show", "999"], "no case '999'"),
        (["case", "create", "--title", "  "], "needs a title"),
        (["case", "list", "--since", "yesterday"], "not a date"),
    ],
)
def test_usage_errors_say_what_to_do(db, args, message):
    create(db)
    r = docexam(db, *args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


def test_export_import_between_databases_and_verify(db, tmp_path):
    case = create(db)
    docexam(db, "case", "attach", str(case["id"]), "--light", "ir", str(SAMPLES / "td3-genuine" / "ir.jpg"))
    bundle = tmp_path / "out" / "cases.zip"
    r = docexam(db, "case", "export", str(case["id"]), "--out", str(bundle))
    assert r.returncode == 0 and bundle.is_file(), r.stderr
    centre = tmp_path / "centre.sqlite"
    r = docexam(centre, "case", "import", str(bundle))
    assert r.returncode == 0 and "1 added" in r.stdout, r.stderr
    r = docexam(centre, "case", "import", str(bundle))
    assert r.returncode == 0 and "0 added" in r.stdout and "1 already here" in r.stdout
    shown = json.loads(docexam(centre, "case", "show", case["reference"], "--json").stdout)
    assert shown["case"]["uid"] == case["uid"] and [e["action"] for e in shown["audit"]][-1] == "case.export"
    assert docexam(centre, "case", "verify").returncode == 0


def test_verify_fails_on_tampering(db):
    case = create(db)
    docexam(db, "case", "attach", str(case["id"]), "--light", "ir", str(SAMPLES / "td3-genuine" / "ir.jpg"))
    assert docexam(db, "case", "verify").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit SET actor = 'someone else' WHERE action = 'capture.add'")
    r = docexam(db, "case", "verify")
    assert r.returncode == 1
    assert "altered" in r.stdout


def test_verify_since_last_checks_what_changed_and_finds_a_rewritten_chain(db):
    from docexam.store import audit as audit_mod

    case = create(db)
    r = docexam(db, "case", "verify")
    assert r.returncode == 0 and "checkpoint left for the next verify" in r.stdout, r.stdout + r.stderr
    docexam(db, "case", "verdict", str(case["id"]), "genuine", "--note", "all features present")
    r = docexam(db, "case", "verify", "--since-last", "--json")
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["ok"] and report["mode"] == "since-last" and report["entries"] == 1, r.stdout
    r = docexam(db, "case", "verify", "--since-last")
    assert r.returncode == 0 and r.stdout.startswith("checked what was written since the verify of "), r.stdout
    assert ": 0 audit entries" in r.stdout
    # the case's first entry edited and its chain recomputed, as someone with write access could
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, seq, at, actor, action, detail FROM audit WHERE chain = ? ORDER BY seq",
                            (case["uid"],)).fetchall()
        prev = audit_mod.GENESIS
        for row_id, seq, at, actor, action, detail in rows:
            detail = detail.replace("border post 4", "border post 5")
            prev_hash, prev = prev, audit_mod.entry_hash(prev, case["uid"], seq, at, actor, action, detail)
            conn.execute("UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
                         (detail, prev_hash, prev, row_id))
        conn.execute("UPDATE audit_heads SET hash = ? WHERE chain = ?", (prev, case["uid"]))
    r = docexam(db, "case", "verify", "--since-last")
    assert r.returncode == 1 and f"chain {case['uid']}: entry {len(rows)} is no longer the one" in r.stdout, r.stdout
    assert "checkpoint left" not in r.stdout


def test_a_tampered_bundle_is_refused_and_changes_nothing(db, tmp_path):
    import zipfile

    case = create(db)
    bundle = tmp_path / "b.zip"
    docexam(db, "case", "export", str(case["id"]), "--out", str(bundle))
    with zipfile.ZipFile(bundle) as z:
        manifest = json.loads(z.read("manifest.json"))
    manifest["cases"][0]["case"]["title"] = "something else"
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
    centre = tmp_path / "centre.sqlite"
    r = docexam(centre, "case", "import", str(forged))
    assert r.returncode == 1 and "refused" in r.stderr and "edited after export" in r.stderr
    assert docexam(centre, "case", "list", "--json").stdout == ""


def test_case_show_in_words_lists_documents_captures_readings_findings_and_the_trail(db):
    from docexam.store import Store
    from tests.store.conftest import reading

    with Store.open(db, actor="A. Examiner") as store:
        case = store.create_case("Passport UTO, border post 4")
        old = reading("ERIKSSON", "ANNA", "L898902C3") | {"valid": False, "warnings": ["the document expired on 2012-04-15"]}
        store.record_reading(case.id, SAMPLES / "td3-genuine" / "ir.jpg", old, light="ir")
        store.add_finding(case.id, kind="note", detail={"text": "the laminate lifts"}, source="examiner")
    r = docexam(db, "case", "show", case.reference)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"Case {case.reference} (id {case.id}): Passport UTO, border post 4"
    assert "document 1: td3, UTO, L898902C3, ERIKSSON ANNA" in r.stdout
    assert any(line.strip().startswith("capture 1: ir") and "ir.jpg" in line for line in lines)
    assert "finding 1: mrz (automatic, ir): td3 MRZ, NOT valid" in r.stdout
    assert "finding 2: note (examiner): the laminate lifts" in r.stdout
    assert "case.create" in r.stdout and "finding.add" in r.stdout


def test_case_show_counts_the_checks_of_a_stored_comparison_and_says_what_it_could_not_check(db):
    from docexam.checkrun import CheckRun
    from docexam.compare.mrz_viz import MRZEvidence
    from docexam.details import say
    from docexam.store import Store

    checks = [CheckRun("registration:visible", "visible", "registration to the specimen (features, residual 0.10 px)"),
              CheckRun("visible:portrait", "visible", "portrait edge (a glued photograph's hairline)", 1, 1),
              CheckRun("uv:paper", "uv", "paper fluorescence (optical brighteners)"),
              CheckRun("uv:fibres", "uv", "fluorescent fibres")]
    summary = {"aligned": {}, "checks": [c.to_dict() for c in checks],
               "mrz": MRZEvidence(light="ir", notes=[say("viz_unread", field=say("field_surname"))]).to_dict()}
    with Store.open(db, actor="A. Examiner") as store:
        case = store.create_case("Passport UTO")
        store.record_comparison(case.id, {"visible": SAMPLES / "td3-genuine" / "visible.jpg"}, summary, [])
    text = docexam(db, "case", "show", case.reference).stdout
    assert "comparison (automatic): 2 checks passed, 1 with alarms" in text
    assert "    not checked: the VIZ surname could not be read: not examined" in text
    ru = docexam(db, "--lang", "ru", "case", "show", case.reference).stdout
    assert "поле ВЗП «фамилия» не удалось прочитать" in ru and "could not be read" not in ru


def test_a_verdict_without_a_reason_is_said_so_and_a_withdrawal_reopens_the_case(db):
    case = create(db)
    r = docexam(db, "case", "verdict", case["reference"], "genuine", "--no-reason")
    assert r.returncode == 0 and "genuine (concluded)" in r.stdout
    shown = json.loads(docexam(db, "case", "show", case["reference"], "--json").stdout)
    assert (shown["case"]["status"], shown["case"]["verdict_note"]) == ("concluded", None)
    text = docexam(db, "case", "show", case["reference"]).stdout
    assert "status concluded" in text and "verdict: genuine (recorded without a reason), by A. Examiner, " in text
    assert "case.verdict: genuine" in text  # the audit line says which verdict
    r = docexam(db, "case", "withdraw", case["reference"], "--reason", "wrong reference series")
    assert r.returncode == 0 and "verdict withdrawn (reopened)" in r.stdout
    shown = json.loads(docexam(db, "case", "show", case["reference"], "--json").stdout)
    assert (shown["case"]["status"], shown["case"]["verdict"]) == ("reopened", None)
    text = docexam(db, "case", "show", case["reference"]).stdout
    assert "verdict: none yet" in text and "case.verdict_withdrawn: genuine" in text
    assert json.loads(shown["audit"][-1]["detail"])["reason"] == "wrong reference series"
    r = docexam(db, "case", "verdict", case["reference"], "forged", "--note", "photo", "--no-reason")
    assert r.returncode == 2 and "not allowed with argument" in r.stderr
