"""What the commands share, in one place: exit statuses a script relies on, options written the same everywhere,
and each command adding its own parser."""

import argparse

import pytest

from docexam.cli import build_parser, case_cmd, common, compare_cmd, demo_cmd, engines_cmd, exercise_cmd, gui_cmd, mrz_cmd, read_cmd

COMMAND_MODULES = (mrz_cmd, demo_cmd, gui_cmd, read_cmd, compare_cmd, exercise_cmd, case_cmd, engines_cmd)


def test_the_exit_statuses_are_those_the_help_promises():
    assert (common.EXIT_OK, common.EXIT_INVALID, common.EXIT_USAGE, common.EXIT_INTERNAL) == (0, 1, 2, 3)
    for status in ("0 when", "1 when", "2 for", "3 when", "130 when"):
        assert status in common.EXIT_STATUS_HELP


@pytest.mark.parametrize("module", COMMAND_MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_each_command_adds_its_own_parser_under_its_own_name(module):
    parser = argparse.ArgumentParser(prog="docexam")
    sub = parser.add_subparsers()
    module.add_parser(sub)
    assert len(sub.choices) == 1
    (name,) = sub.choices
    assert module.__name__.endswith(f".{name}_cmd")


@pytest.mark.parametrize("argv", [
    ["demo"], ["gui"], ["read", "x.jpg"], ["compare", "--reference", "r", "--questioned", "q"],
    ["exercise", "score", "--key", "k", "--answers", "a.json"], ["case", "list"], ["case", "show", "1"],
])
def test_every_command_that_keeps_cases_takes_the_same_db_option(argv):
    args = build_parser().parse_args([*argv, "--db", "cases.sqlite"])
    assert args.db == "cases.sqlite"


@pytest.mark.parametrize("argv", [["mrz", "x"], ["read", "x.jpg"], ["compare", "--reference", "r", "--questioned", "q"]])
def test_today_is_a_date_everywhere_and_a_wrong_one_is_refused_in_words(argv, capsys):
    import datetime as dt

    assert build_parser().parse_args([*argv, "--today", "2026-11-28"]).today == dt.date(2026, 11, 28)
    with pytest.raises(SystemExit) as e:
        build_parser().parse_args([*argv, "--today", "28/11/2026"])
    assert e.value.code == common.EXIT_USAGE
    assert "'28/11/2026' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_a_lazy_run_looks_its_function_up_when_the_command_runs(monkeypatch):
    run = common.lazy("docexam.cli.engines_cmd", "run")
    monkeypatch.setattr(engines_cmd, "run", lambda args: 42)
    assert run(argparse.Namespace()) == 42
