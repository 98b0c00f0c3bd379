"""Text stored as given is printed so it cannot act on the examiner's terminal: escapes, bells, carriage returns,
line breaks and bidirectional overrides in titles, notes, names and file names come out as visible escapes."""

import io
import json
import os
import subprocess
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from docexam.cli.terminal import TerminalText, json_line, printable
from tests.cli.inprocess import run_docexam
from tests.conftest import ROOT

HOSTILE = "evil\x1b[2J\x1b]0;owned\x07\r\nline2\u202eabc\x9b31m\x7f"


def acts_on_a_terminal(ch: str) -> bool:
    """The characters a terminal acts on, restated here (not imported) so the test checks the module."""
    return (unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or "\u202a" <= ch <= "\u202e"
            or "\u2066" <= ch <= "\u2069")


def docexam(db, *args: str) -> subprocess.CompletedProcess:
    """``docexam ARGS`` on the database ``db``, run in this process (tests/cli/inprocess.py); the file-name test
    below runs a real process."""
    return run_docexam(list(args), env={**os.environ, "DOCEXAM_DB": str(db), "DOCEXAM_EXAMINER": "A. Examiner"})


def test_printable_escapes_what_acts_on_a_terminal_and_keeps_every_script():
    assert printable(HOSTILE) == "evil\\x1b[2J\\x1b]0;owned\\x07\\r\\nline2\\u202eabc\\x9b31m\\x7f"
    assert printable("Ériksson 日本 عبد الله\tx") == "Ériksson 日本 عبد الله\\tx"
    assert printable("notes\nover lines\x1b", newlines=True) == "notes\nover lines\\x1b"
    assert printable("P<UTOERIKSSON<<ANNA") == "P<UTOERIKSSON<<ANNA"


def test_a_terminal_stream_escapes_every_write_but_keeps_its_lines():
    buffer = io.StringIO()
    out = TerminalText(buffer)
    out.write("sample \x1b[2Jevil.mrz\n  MRZ: P<UTO\x07\n")
    assert buffer.getvalue() == "sample \\x1b[2Jevil.mrz\n  MRZ: P<UTO\\x07\n"


def test_json_lines_escape_what_json_dumps_leaves_raw_and_read_back_the_same():
    raw = json.dumps({"t": HOSTILE}, ensure_ascii=False)
    assert "\u202e" in raw and "\x9b" in raw and "\x7f" in raw, "json.dumps alone leaves these raw"
    line = json_line({"t": HOSTILE, "name": "Ériksson 日本"})
    assert not any(acts_on_a_terminal(ch) for ch in line)
    assert "Ériksson 日本" in line
    assert json.loads(line) == {"t": HOSTILE, "name": "Ériksson 日本"}


@given(st.text())
def test_no_text_gets_through_printable_or_json_line_raw(text):
    assert not any(acts_on_a_terminal(ch) for ch in printable(text))
    assert not any(acts_on_a_terminal(ch) for ch in printable(text, newlines=True).replace("\n", ""))
    line = json_line({"t": text})
    assert not any(acts_on_a_terminal(ch) for ch in line)
    assert json.loads(line) == {"t": text}


def test_case_create_list_show_and_verdict_print_stored_text_escaped_and_store_it_as_given(tmp_path):
    db = tmp_path / "cases.sqlite"
    created = docexam(db, "case", "create", "--title", HOSTILE, "--examiner", "ex\x1b]0;x\x07")
    assert created.returncode == 0, created.stderr
    verdict = docexam(db, "case", "verdict", "1", "forged", "--note", "photo\x1b[31m swapped\nsee UV")
    listed = docexam(db, "case", "list")
    shown = docexam(db, "case", "show", "1")
    for r in (created, verdict, listed, shown):
        assert r.returncode == 0, r.stderr
        assert not any(acts_on_a_terminal(ch) for ch in r.stdout.replace("\n", "")), r.stdout
    assert created.stdout.count("\n") == 1 and listed.stdout.count("\n") == 1
    assert "evil\\x1b[2J\\x1b]0;owned\\x07\\r\\nline2\\u202eabc\\x9b31m\\x7f, examiner ex\\x1b]0;x\\x07" in created.stdout
    assert listed.stdout.rstrip("\n").endswith("evil\\x1b[2J\\x1b]0;owned\\x07\\r\\nline2\\u202eabc\\x9b31m\\x7f")
    assert "verdict: forged/altered (photo\\x1b[31m swapped\\nsee UV)" in shown.stdout
    for args in (("case", "list", "--json"), ("case", "show", "1", "--json"), ("case", "create", "--title", HOSTILE,
                                                                              "--json")):
        r = docexam(db, *args)
        assert r.returncode == 0 and not any(acts_on_a_terminal(ch) for ch in r.stdout.replace("\n", ""))
        obj = json.loads(r.stdout.splitlines()[0])
        assert (obj.get("case") or obj)["title"] == HOSTILE, "stored and given back as given"


def test_case_show_prints_multi_line_notes_over_lines_but_escapes_the_rest(tmp_path):
    from docexam.store import Store

    db = tmp_path / "cases.sqlite"
    with Store.open(str(db)) as store:
        case = store.create_case("notes", examiner="A. Examiner", notes="first line")
        store.add_note(case.id, "second\x1b[8m hidden\rover")
    shown = docexam(db, "case", "show", str(case.id))
    assert shown.returncode == 0, shown.stderr
    assert "  notes: first line\n         second\\x1b[8m hidden\\rover\n" in shown.stdout


def test_read_and_attach_escape_the_file_names_they_print(tmp_path):
    bad = tmp_path / "scan\x1b[2J\x07.jpg"
    bad.write_bytes(b"not an image")
    r = subprocess.run([sys.executable, "-m", "docexam", "read", str(bad)], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 1 and "scan\\x1b[2J\\x07.jpg" in r.stdout
    assert not any(acts_on_a_terminal(ch) for ch in (r.stdout + r.stderr).replace("\n", ""))
    db = tmp_path / "cases.sqlite"
    assert docexam(db, "case", "create", "--title", "t").returncode == 0
    r = docexam(db, "case", "attach", "1", "--light", "uv", str(bad))
    assert "scan\\x1b[2J\\x07.jpg" in r.stderr
    assert not any(acts_on_a_terminal(ch) for ch in (r.stdout + r.stderr).replace("\n", ""))
