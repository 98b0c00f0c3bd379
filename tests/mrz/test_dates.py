import datetime as dt

import pytest

from docexam.mrz.dates import DateKind, parse_mrz_date
from tests.conftest import TODAY

B, E = DateKind.BIRTH, DateKind.EXPIRY


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("740812", dt.date(1974, 8, 12)),
        ("261128", dt.date(2026, 11, 28)),  # born today
        ("261129", dt.date(1926, 11, 29)),  # tomorrow's date in 2026 lies in the future: a centenarian
        ("000229", dt.date(2000, 2, 29)),
        ("991231", dt.date(1999, 12, 31)),
    ],
)
def test_birth_dates_lie_in_the_past(raw, expected):
    assert parse_mrz_date(raw, B, TODAY).value == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("120415", dt.date(2012, 4, 15)),
        ("361231", dt.date(2036, 12, 31)),  # future expiry
        ("461231", dt.date(2046, 12, 31)),  # 20 years ahead is the window's end
        ("470101", dt.date(1947, 1, 1)),  # beyond it: the last century
        ("950101", dt.date(1995, 1, 1)),
    ],
)
def test_expiry_dates_window(raw, expected):
    assert parse_mrz_date(raw, E, TODAY).value == expected


@pytest.mark.parametrize(("raw", "problem"), [("741312", "month 13"), ("740230", "day 30"), ("010229", "day 29"), ("74O812", "not a date")])
def test_invalid_dates_say_why(raw, problem):
    d = parse_mrz_date(raw, B, TODAY)
    assert d.value is None and problem in d.problem


@pytest.mark.parametrize(
    ("raw", "year", "month", "day"),
    [("74<<<<", 1974, None, None), ("7408<<", 1974, 8, None), ("<<<<<<", None, None, None), ("<<0812", None, 8, 12)],
)
def test_unknown_birth_date_parts_part3_4_8(raw, year, month, day):
    d = parse_mrz_date(raw, B, TODAY)
    assert (d.year, d.month, d.day, d.value, d.problem) == (year, month, day, None, None)
    assert d.partly_unknown


def test_unknown_parts_are_not_allowed_in_expiry():
    assert parse_mrz_date("32<<<<", E, TODAY).problem
