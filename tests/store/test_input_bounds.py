"""Numbers and dates at the edges of what a database holds: a clear usage error (exit 2) or the right answer, never
an OverflowError."""

from __future__ import annotations

import pytest

from docexam.cli import main
from docexam.store import CaseInputError, CaseNotFoundError, Store
from tests.store.conftest import make_png

HUGE = str(10**20)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as e:  # argparse's usage errors
        status = e.code
    out, err = capsys.readouterr()
    return status, out, err


def test_an_id_too_large_for_any_row_names_no_case(store):
    store.create_case("kept")
    for ident in (HUGE, "99999999999999999999999", "9" * 5000, "2147483648", "²"):
        with pytest.raises(CaseNotFoundError):
            store.case(ident)


def test_a_document_id_too_large_is_no_document(store, tmp_path):
    case = store.create_case("kept")
    with pytest.raises(CaseInputError, match="has no document"):
        store.attach(case.id, make_png(tmp_path / "a.png", 1), light="uv", document=10**20)


def test_the_last_day_there_is_bounds_nothing(store):
    case = store.create_case("kept")
    assert [c.uid for c in store.list_cases(until="9999-12-31")] == [case.uid]
    assert [c.uid for c in store.list_cases(since="0001-01-01", until="9999-12-31")] == [case.uid]


def test_a_limit_out_of_range_is_refused(store):
    for limit in (10**20, -1):
        with pytest.raises(CaseInputError, match="the limit must be a whole number"):
            store.list_cases(limit=limit)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cases.sqlite"
    with Store.open(path) as s:
        case = s.create_case("Passport UTO")
    return str(path), case


@pytest.mark.parametrize("args, message", [
    (["case", "list", "--limit", HUGE], "is not a number of cases: give a whole number from 0 to 2,147,483,647"),
    (["case", "list", "--limit", "-3"], "is not a number of cases"),
    (["case", "attach", "1", "--light", "uv", "--document", HUGE, "x.png"], "is not an id: give a whole number from 1"),
    (["case", "attach", "1", "--light", "uv", "--document", "0", "x.png"], "is not an id"),
])
def test_numbers_out_of_range_are_usage_errors(db, capsys, args, message):
    path, _ = db
    status, out, err = cli(capsys, *args, "--db", path)
    assert status == 2 and message in err and "Traceback" not in err and out == ""


def test_show_of_an_id_too_large_says_no_such_case(db, capsys):
    path, _ = db
    status, out, err = cli(capsys, "case", "show", "--db", path, "99999999999999999999999")
    assert status == 2 and "no case '99999999999999999999999'" in err and "Traceback" not in err


def test_list_until_the_last_day_lists_every_case(db, capsys):
    path, case = db
    status, out, err = cli(capsys, "case", "list", "--db", path, "--until", "9999-12-31")
    assert status == 0 and case.reference in out and err == ""
