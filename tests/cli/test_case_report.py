"""docexam case report: the PDF report of a case from the command line (exit 0 and the file, or 2 and nothing)."""

import os
import subprocess
import sys

import pypdf
import pytest

from docexam.cli import main
from docexam.store import Store
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "specimens" / "td1-viz-alteration"


@pytest.fixture
def case(tmp_path):
    """(database path, case reference) of a case with three captures and a verdict."""
    db = tmp_path / "db" / "cases.db"
    with Store.open(db, actor="A. Examiner") as store:
        c = store.create_case("ID card UTO, counter 2")
        for light in ("visible", "uv", "ir"):
            store.attach(c.id, SAMPLE / f"{light}.jpg", light=light)
        store.set_verdict(c.id, "counterfeit", note="printed by inkjet")
    return db, c.reference


def text_of(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_report_writes_the_pdf_and_says_where_and_how_long(case, tmp_path, capsys):
    db, reference = case
    out = tmp_path / "reports" / "case.pdf"
    out.parent.mkdir()
    out.write_bytes(b"an older report")
    assert main(["case", "report", reference, "--out", str(out), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    pages = len(pypdf.PdfReader(out).pages)
    assert printed.startswith(f"wrote {out}: {pages} page(s)")
    text = text_of(out)
    assert reference in text and "COUNTERFEIT" in text and "printed by inkjet" in text
    assert sum(len(p.images) for p in pypdf.PdfReader(out).pages) == 3
    assert [p.name for p in out.parent.iterdir()] == ["case.pdf"]


def test_an_unknown_case_is_a_usage_error_and_leaves_the_file(case, tmp_path, capsys):
    db, _ = case
    out = tmp_path / "case.pdf"
    out.write_bytes(b"an older report")
    assert main(["case", "report", "DX-2026-0000000000", "--out", str(out), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "docexam case report: no case 'DX-2026-0000000000'" in err and "docexam case list" in err
    assert out.read_bytes() == b"an older report"


def test_an_unwritable_output_is_a_usage_error_that_says_what_to_do(case, tmp_path, capsys):
    db, reference = case
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert main(["case", "report", reference, "--out", str(blocker / "case.pdf"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write the report to {blocker / 'case.pdf'}: {blocker} is a file, not a folder" in err
    assert "--out FILE.pdf" in err


def test_the_installed_command_runs_it(case, tmp_path):
    db, reference = case
    out = tmp_path / "case.pdf"
    r = subprocess.run([sys.executable, "-m", "docexam", "case", "report", reference, "--out", str(out)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, "DOCEXAM_DB": str(db)})
    assert r.returncode == 0, r.stderr
    assert reference in text_of(out) and f"wrote {out}" in r.stdout


def test_a_report_without_a_verdict_is_written_with_a_warning(tmp_path, capsys):
    db = tmp_path / "cases.db"
    with Store.open(db, actor="A. Examiner") as store:
        c = store.create_case("ID card UTO, no verdict yet")
        store.attach(c.id, SAMPLE / "visible.jpg", light="visible")
    out = tmp_path / "case.pdf"
    assert main(["case", "report", c.reference, "--out", str(out), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert f"docexam case report: warning: case {c.reference} has no verdict yet" in captured.err
    assert "docexam case verdict" in captured.err and "warning" not in captured.out
    assert "NO VERDICT YET" in text_of(out)


def test_a_report_with_a_verdict_warns_of_nothing(case, tmp_path, capsys):
    db, reference = case
    assert main(["case", "report", reference, "--out", str(tmp_path / "case.pdf"), "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""
