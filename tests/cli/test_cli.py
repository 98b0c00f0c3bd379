import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docexam import __version__
from tests.conftest import ROOT

SPECIMEN = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
BROKEN = [SPECIMEN[0], SPECIMEN[1][:-1] + "1"]


def docexam(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "docexam", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "docexam"
    assert script.exists(), "pip install -e . should have created the docexam console script"
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"docexam {__version__}"


def test_version_and_help_list_the_commands():
    assert docexam("--version").stdout.strip() == f"docexam {__version__}"
    help_text = docexam("--help").stdout
    for command in ("mrz", "demo", "gui"):
        assert command in help_text


def test_no_command_opens_the_workstation_and_without_a_display_says_so():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, "-m", "docexam"], capture_output=True, text=True, cwd=ROOT, timeout=60, env=env)
    assert r.returncode == 2
    assert "docexam gui: no display" in r.stderr and "QT_QPA_PLATFORM=offscreen" in r.stderr


def test_mrz_readable_verdict_and_exit_codes():
    ok = docexam("mrz", "--today", "2026-11-28", *SPECIMEN)
    assert ok.returncode == 0
    assert "VALID" in ok.stdout and "ERIKSSON" in ok.stdout and "printed '0', computed '0'" in ok.stdout
    assert "expired on 2012-04-15" in ok.stdout
    bad = docexam("mrz", *BROKEN)
    assert bad.returncode == 1 and "FAIL composite" in bad.stdout and "INVALID" in bad.stdout


def test_mrz_json_single():
    r = docexam("mrz", "--json", *SPECIMEN)
    obj = json.loads(r.stdout)
    assert obj["format"] == "TD3" and obj["valid"] is True and obj["fields"]["document_number"] == "L898902C3"
    assert obj["checks"]["composite"] is True


def test_mrz_json_batch_from_stdin_keeps_going_after_garbage():
    td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    text = "\n".join(SPECIMEN) + "\n\nthis is not an mrz\n\n\n" + "\n".join(td1) + "\n\n" + "\n".join(BROKEN) + "\n"
    r = docexam("mrz", "--json", "-", stdin=text)
    objs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["format"] for o in objs] == ["TD3", None, "TD1", "TD3"]
    assert [o["valid"] for o in objs] == [True, False, True, False]
    assert "not an MRZ shape" in objs[1]["errors"][0]
    assert r.returncode == 1


def test_mrz_correct_reports_changes():
    read = [SPECIMEN[0], SPECIMEN[1].replace("7408122", "74O8I22")]
    r = docexam("mrz", "--json", "--correct", *read)
    obj = json.loads(r.stdout)
    assert obj["valid"] and obj["lines"] == SPECIMEN
    assert {(c["position"], c["read"], c["corrected"]) for c in obj["corrections"]} == {(16, "O", "0"), (18, "I", "1")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mrz", "--today", "28/11/2026", *SPECIMEN], "YYYY-MM-DD"),
        (["mrz", "-", SPECIMEN[0]], "cannot be mixed"),
    ],
)
def test_usage_errors_are_explained(args, message):
    r = docexam(*args, stdin="")
    assert r.returncode == 2 and message in r.stderr


def test_empty_stdin_is_an_error():
    r = docexam("mrz", "-", stdin="\n\n")
    assert r.returncode == 2 and "no MRZ lines" in r.stderr


def test_demo_runs_on_the_bundled_samples(tmp_path):
    db = tmp_path / "demo.sqlite"
    r = docexam("demo", "--db", str(db))
    assert r.returncode == 0, r.stderr
    samples = sorted((ROOT / "samples" / "mrz").glob("*.mrz"))
    assert len(samples) >= 10
    for s in samples:
        assert s.name in r.stdout
    assert "INVALID" in r.stdout and "VALID" in r.stdout and "corrected:" in r.stdout
    # the case store part: each specimen's IR capture read and kept once, in one demo case, and the store verifies
    specimens = sorted((ROOT / "samples" / "specimens").glob("*/ir.jpg"))
    assert r.stdout.count("kept with its reading") == len(specimens) >= 4
    assert "every image and trail holds" in r.stdout
    # the comparison part: genuine samples raise nothing, altered ones the alarm their key names
    assert "td3-genuine              aligned within" in r.stdout
    lines = {ln.split()[0]: ln for ln in r.stdout.splitlines() if "aligned within" in ln}
    assert "nothing at the alarm level" in lines["td3-genuine"] and "nothing at the alarm level" in lines["td1-genuine"]
    assert "portrait (visible, uv, ir)" in lines["td3-photo-substitution"]
    assert "viz field" in lines["td1-viz-alteration"]
    # run again on the same store, the case part (the rest keeps nothing): each capture kept earlier, one case still
    import argparse
    import io

    from docexam.cli import demo_cmd
    from docexam.cli.terminal import TerminalText

    again = io.StringIO()
    assert demo_cmd._case_demo(TerminalText(again), argparse.Namespace(db=str(db))) == 0
    assert again.getvalue().count("(kept earlier)") == len(specimens)
    assert "1 case(s)" in again.getvalue() and "every image and trail holds" in again.getvalue()


def test_demo_with_an_empty_folder_fails_clearly(tmp_path):
    r = docexam("demo", "--samples", str(tmp_path))
    assert r.returncode == 2 and "no .mrz sample files" in r.stderr
