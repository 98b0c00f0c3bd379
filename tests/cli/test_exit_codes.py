"""Exit statuses a script can rely on: 1 is a finding, 2 bad input, 3 a failure of docexam itself (with its
traceback in the log, never on the examiner's screen)."""

import io
import json
import os
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docexam.cli import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE, crash, main
from tests.cli.test_cli import SPECIMEN
from tests.conftest import ROOT

CRASHING_MRZ = (
    "import sys\n"
    "import docexam.cli.mrz_cmd as m\n"
    "def boom(args):\n"
    "    raise RuntimeError('stored value 7 is not a list\\nsecond line')\n"
    "m.run = boom\n"
    "from docexam.cli import main\n"
    "sys.exit(main(['mrz', 'P<UTO']))\n"
)


def run_python(code: str, state_home, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_STATE_HOME": str(state_home), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env=env, **kwargs)


def docexam_bytes(*args: str | bytes, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "docexam", *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=60, env=env)


def test_an_internal_error_exits_3_with_one_line_and_the_traceback_in_the_log(tmp_path):
    r = run_python(CRASHING_MRZ, tmp_path)
    assert r.returncode == EXIT_INTERNAL == 3
    assert r.stdout == ""
    log = tmp_path / "docexam" / "log" / "errors.log"
    assert r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith("docexam mrz: internal error (RuntimeError: stored value 7 is not a list)")
    assert "not a finding" in r.stderr and str(log) in r.stderr
    assert "Traceback" not in r.stderr
    text = log.read_text()
    assert "command: docexam mrz 'P<UTO'" in text and "Traceback (most recent call last)" in text
    assert "RuntimeError: stored value 7 is not a list" in text and "in boom" in text
    assert log.stat().st_mode & 0o077 == 0, "a traceback may quote case data: the log is the user's alone"


def test_every_crash_is_appended_to_the_log(tmp_path):
    for _ in range(2):
        assert run_python(CRASHING_MRZ, tmp_path).returncode == EXIT_INTERNAL
    assert (tmp_path / "docexam" / "log" / "errors.log").read_text().count("Traceback (most recent call last)") == 2


def test_a_log_that_cannot_be_written_changes_nothing_but_the_traceback_comes_to_stderr(tmp_path):
    not_a_folder = tmp_path / "state"
    not_a_folder.write_text("a file where the state folder should be")
    r = run_python(CRASHING_MRZ, not_a_folder)
    assert r.returncode == EXIT_INTERNAL
    first, rest = r.stderr.split("\n", 1)
    assert first.startswith("docexam mrz: internal error (RuntimeError") and "could not be written" in first
    assert "Traceback (most recent call last)" in rest and "in boom" in rest


def test_the_log_is_rotated_once_it_is_large(tmp_path, monkeypatch):
    log = tmp_path / "log" / "errors.log"
    log.parent.mkdir()
    log.write_bytes(b"old entry\n" * (crash.MAX_LOG_BYTES // 10 + 1))
    crash.append_to_log(b"new entry\n", log)
    assert log.read_bytes() == b"new entry\n"
    assert (tmp_path / "log" / "errors.log.1").read_bytes().startswith(b"old entry\n")


def test_the_one_line_names_the_sub_command_and_escapes_what_the_error_quotes(tmp_path, monkeypatch, capsys):
    import docexam.cli.case_cmd as case_cmd

    def boom(args):
        raise ValueError("title \x1b]0;owned\x07 is bad")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(case_cmd, "run_list", boom)
    assert main(["case", "list", "--db", str(tmp_path / "x.sqlite")]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("docexam case list: internal error (ValueError: title \\x1b]0;owned\\x07 is bad)")
    assert "\x1b" not in err and "\x07" not in err


def test_a_finding_still_exits_1_and_a_broken_pipe_0(monkeypatch):
    import docexam.cli.mrz_cmd as mrz_cmd

    assert main(["mrz", "--today", "2026-11-28", SPECIMEN[0], SPECIMEN[1][:-1] + "1"]) == EXIT_INVALID

    def closed(args):
        raise BrokenPipeError

    monkeypatch.setattr(mrz_cmd, "run", closed)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["mrz", "x"]) == 0


def test_the_help_documents_the_exit_statuses():
    r = subprocess.run([sys.executable, "-m", "docexam", "--help"], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    text = " ".join(r.stdout.split())
    assert "Exit status: 0 when all went well; 1 when what was checked failed" in text
    assert "3 when docexam itself failed" in text and "errors.log" in text
    mrz_help = " ".join(subprocess.run([sys.executable, "-m", "docexam", "mrz", "--help"], capture_output=True,
                                       text=True, cwd=ROOT, timeout=60).stdout.split())
    assert "1 when any is not, 2 for bad arguments or no MRZ on standard input, 3 when docexam itself failed" in mrz_help


@pytest.mark.parametrize("stdin", [b"", b"\n\n  \n"])
def test_mrz_json_on_empty_input_exits_2_as_text_mode_does(stdin):
    for mode in (["--json"], []):
        r = docexam_bytes("mrz", *mode, "-", stdin=stdin)
        assert r.returncode == EXIT_USAGE and r.stdout == b""
        assert b"no MRZ lines on standard input" in r.stderr


SPECIMEN_FF = (SPECIMEN[0][:-1].encode() + b"\xff\n" + SPECIMEN[1].encode() + b"\n")


def test_mrz_correct_does_not_turn_a_byte_that_is_not_text_into_a_filler():
    r = docexam_bytes("mrz", "--correct", "--json", "--today", "2026-11-28", "-", stdin=SPECIMEN_FF)
    assert r.returncode == EXIT_INVALID, r.stderr
    obj = json.loads(r.stdout)
    assert obj["valid"] is False and obj["corrections"] == []
    assert obj["lines"][0] == SPECIMEN[0][:-1] + "\ufffd", "the text is reported as given, not repaired"
    assert obj["not_corrected"] == ["line 1 position 44 holds bytes that are not UTF-8 text"]
    assert any("outside the MRZ alphabet" in e for e in obj["errors"])
    text = docexam_bytes("mrz", "--correct", "--today", "2026-11-28", "-", stdin=SPECIMEN_FF)
    assert text.returncode == EXIT_INVALID and b"Verdict: INVALID" in text.stdout
    assert b"not corrected: line 1 position 44 holds bytes that are not UTF-8 text" in text.stdout


def test_mrz_correct_refuses_bytes_given_as_arguments_and_letters_of_other_alphabets():
    r = docexam_bytes("mrz", "--correct", "--today", "2026-11-28", SPECIMEN[0][:-1].encode() + b"\xff", SPECIMEN[1])
    assert r.returncode == EXIT_INVALID and b"Verdict: INVALID" in r.stdout and b"not UTF-8 text" in r.stdout
    cyrillic_a = SPECIMEN[0].replace("ANNA", "\u0410NNA")  # looks like A, is not
    r = docexam_bytes("mrz", "--correct", "--today", "2026-11-28", cyrillic_a, SPECIMEN[1])
    assert r.returncode == EXIT_INVALID
    assert "line 1 position 16 holds 'А' (U+0410), not an ASCII character" in r.stdout.decode()


def test_mrz_correct_still_fixes_ocr_look_alikes_in_ascii():
    read = [SPECIMEN[0], SPECIMEN[1].replace("7408122", "74O8I22")]
    r = docexam_bytes("mrz", "--correct", "--json", "--today", "2026-11-28", *read)
    assert r.returncode == 0 and json.loads(r.stdout)["valid"] is True


def test_mrz_batch_goes_on_after_a_block_that_is_not_text():
    stdin = SPECIMEN_FF + b"\n" + "\n".join(SPECIMEN).encode() + b"\n"
    r = docexam_bytes("mrz", "--json", "--today", "2026-11-28", "-", stdin=stdin)
    assert [json.loads(x)["valid"] for x in r.stdout.splitlines()] == [False, True]
    assert r.returncode == EXIT_INVALID


@settings(max_examples=150, deadline=None)
@given(position=st.integers(0, 87),
       stranger=st.one_of(st.binary(min_size=1, max_size=3).filter(lambda b: not b.isascii() and b"\n" not in b),
                          st.characters(min_codepoint=0x80).map(lambda c: c.encode("utf-8", "surrogatepass")),
                          st.sampled_from([b"\x00", b"\x1b", b"\x07", b"\x7f"])))
def test_mrz_correct_never_reports_valid_an_mrz_holding_anything_but_printable_ascii(position, stranger):
    lines = [s.encode() for s in SPECIMEN]
    line, column = divmod(position, 44)
    lines[line] = lines[line][:column] + stranger + lines[line][column + 1:]
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n".join(lines) + b"\n")))
        mp.setattr(sys, "stdout", out)
        status = main(["mrz", "--correct", "--json", "--today", "2026-11-28", "-"])
    assert status == EXIT_INVALID
    obj = json.loads(out.getvalue())
    assert obj["valid"] is False and obj["not_corrected"] and obj["corrections"] == []
    acting = [ch for ch in out.getvalue().rstrip("\n") if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")
              or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"]
    assert not acting, "nothing that acts on a terminal is written raw"
