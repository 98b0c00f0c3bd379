"""docexam compare against a library reference: --reference-id gives the findings --reference DIR gives, --reference
auto picks the reference by the questioned MRZ and says why, and the case records the reference and its version."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from docexam.specimens.exercise import write_reference
from tests.cli.inprocess import run_docexam
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "specimens"


def docexam(*args: str, db) -> subprocess.CompletedProcess:
    """``docexam ARGS`` on the database ``db``, run in this process (tests/cli/inprocess.py)."""
    return run_docexam(list(args), env={**os.environ, "OMP_THREAD_LIMIT": "1", "DOCEXAM_DB": str(db)})


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A library holding the generator's TD3 reference (imported, synthetic), and that reference's folder."""
    tmp = tmp_path_factory.mktemp("library")
    folder = tmp / "td3"
    write_reference(folder, "td3")
    db = tmp / "library.sqlite"
    r = docexam("reference", "create", "--synthetic-from", str(folder), "--json", db=db)
    assert r.returncode == 0, r.stderr
    return db, folder, json.loads(r.stdout)


def test_a_library_reference_gives_the_findings_of_its_folder(library):
    db, folder, made = library
    questioned = str(SAMPLES / "td3-photo-substitution")
    by_id = docexam("compare", "--reference-id", str(made["id"]), "--questioned", questioned, "--json",
                    "--today", "2026-11-28", db=db)
    by_dir = docexam("compare", "--reference", str(folder), "--questioned", questioned, "--json",
                     "--today", "2026-11-28", db=db)
    assert by_id.returncode == by_dir.returncode == 1, by_id.stderr + by_dir.stderr
    a, b = json.loads(by_id.stdout), json.loads(by_dir.stdout)
    assert a["findings"] == b["findings"] and a["checks"] == b["checks"] and a["mrz"] == b["mrz"]
    assert {f["light"] for f in a["findings"] if f["kind"] == "portrait" and f["alarm"]} == {"visible", "uv", "ir"}
    assert a["reference"] == made["uid"] and a["library"]["version"] == 1 and a["library"]["synthetic"] is True
    assert a["reference_version"] == {"library": made["uid"], "version": 1} and "reference_version" not in b


def test_auto_picks_the_reference_by_the_mrz_and_says_why(library, tmp_path):
    db, _, made = library
    r = docexam("compare", "--reference", "auto", "--questioned", str(SAMPLES / "td3-genuine"), "--today",
                "2026-11-28", db=db)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"library reference {made['id']}, {made['uid']}, annotation version 1" in r.stdout
    assert "issuing state UTO, document code P and format TD3 match the questioned document's MRZ" in r.stdout
    assert "findings: 0 (0 alarms)" in r.stdout
    # a TD1 card: no reference of its format in the library
    r = docexam("compare", "--reference", "auto", "--questioned", str(SAMPLES / "td1-genuine"), db=db)
    assert r.returncode == 2 and "no reference in the library matches" in r.stderr and "TD1" in r.stderr, r.stderr
    r = docexam("compare", "--reference", "auto", "--questioned", str(SAMPLES / "td3-genuine"),
                db=tmp_path / "empty.sqlite")
    assert r.returncode == 2 and "no reference in the library matches" in r.stderr
    # named by its id, a reference of another format: the reason said
    r = docexam("compare", "--reference-id", str(made["id"]), "--questioned", str(SAMPLES / "td1-genuine"), db=db)
    assert r.returncode == 2 and "is of format TD3, the questioned document's MRZ is TD1" in r.stderr, r.stderr
    r = docexam("compare", "--reference-id", "77", "--questioned", str(SAMPLES / "td3-genuine"), db=db)
    assert r.returncode == 2 and "no reference '77'" in r.stderr


def test_the_case_records_the_library_reference_and_its_version(library, tmp_path):
    db, _, made = library
    case = json.loads(docexam("case", "create", "--title", "UTO passport", "--json", db=db).stdout)
    r = docexam("compare", "--reference-id", made["uid"][:8], "--questioned", str(SAMPLES / "td3-genuine"),
                "--case", str(case["id"]), "--json", "--today", "2026-11-28", db=db)
    assert r.returncode == 0, r.stderr
    shown = json.loads(docexam("case", "show", str(case["id"]), "--json", db=db).stdout)
    (stored,) = [f["detail"] for f in shown["findings"] if f["kind"] == "comparison"]
    assert stored["reference"]["library"] == made["uid"] and stored["reference"]["version"] == 1
    assert stored["reference"]["family"] == "td3" and len(stored["reference"]["sha256"]) == 64
    assert docexam("case", "verify", db=db).returncode == 0
