"""MRZ dates: YYMMDD (Doc 9303 Part 3, section 4.8) with the century inferred.

The MRZ keeps only two digits of the year, so the century is inferred against a reference day
(``today``, injectable for tests and for re-examining old cases "as of" a date):

* **Birth dates** lie in the past: the latest of 19YY and 20YY that is not after ``today``.
  A holder is therefore always taken to be younger than 100 years.
* **Expiry dates** may lie in the future: the year is put in the window from 80 years before ``today``'s
  year to 20 years after it (no travel document is valid for more than 10 years, and examiners do look
  at documents that expired decades ago). On 2026-11-28, ``46`` is 2046 and ``47`` is 1947.

If all or part of a birth date is unknown the positions hold fillers (Part 3, 4.8): ``<<`` for an
unknown day or month, ``<<<<<<`` when nothing is known. Such a date has ``value`` ``None`` and keeps the
known parts.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from enum import Enum

EXPIRY_WINDOW_PAST_YEARS = 80
EXPIRY_WINDOW_FUTURE_YEARS = 20


class DateKind(Enum):
    BIRTH = "birth"
    EXPIRY = "expiry"


@dataclass(slots=True)  # not frozen: a frozen __init__ costs ~0.75 us and the parser makes many
class MRZDate:
    """A date as written in the MRZ and as understood.

    ``value`` is the full calendar date when every part is known and valid; ``year``, ``month`` and ``day``
    hold whatever parts are known (``None`` for filler parts). ``problem`` says, in words, why the raw text is
    not a valid date (``None`` when it is one, or when it is a valid partly-unknown birth date).
    """

    raw: str
    value: _dt.date | None
    year: int | None
    month: int | None
    day: int | None
    problem: str | None = None

    @property
    def partly_unknown(self) -> bool:
        return self.problem is None and self.value is None

    def isoformat(self) -> str | None:
        return self.value.isoformat() if self.value else None


def _two_digits(s: str) -> int | None:
    return int(s) if s.isdigit() and s.isascii() else None


def _pick_century(yy: int, month: int, day: int, kind: DateKind, today: _dt.date) -> int:
    if kind is DateKind.BIRTH:
        year = 2000 + yy
        # Compare month and day too: someone born later this calendar year than today is 100 years old.
        if (year, month, day) > (today.year, today.month, today.day):
            year -= 100
        return year
    low = today.year - EXPIRY_WINDOW_PAST_YEARS
    year = (low // 100) * 100 + yy
    if year <= low:
        year += 100
    return year


def parse_mrz_date(raw: str, kind: DateKind, today: _dt.date) -> MRZDate:
    """Read a six-character MRZ date. Never raises on bad text: ``problem`` says what is wrong."""
    if len(raw) != 6:
        return MRZDate(raw, None, None, None, None, f"{raw!r} is not six characters (YYMMDD)")
    if raw.isdigit() and raw.isascii():
        yy: int | None = int(raw[0:2])
        mm: int | None = int(raw[2:4])
        dd: int | None = int(raw[4:6])
    else:
        yy, mm, dd = _two_digits(raw[0:2]), _two_digits(raw[2:4]), _two_digits(raw[4:6])
    if yy is not None and mm is not None and dd is not None:
        if not 1 <= mm <= 12:
            return MRZDate(raw, None, None, None, None, f"month {mm:02d} does not exist")
        year = _pick_century(yy, mm, dd, kind, today)
        try:
            value = _dt.date(year, mm, dd)
        except ValueError:
            return MRZDate(raw, None, year, mm, None, f"day {dd:02d} does not exist in {year}-{mm:02d}")
        return MRZDate(raw, value, year, mm, dd)
    # Partly or wholly unknown: each pair is either two digits or two fillers (Part 3, 4.8).
    pairs = (raw[0:2], raw[2:4], raw[4:6])
    if kind is DateKind.BIRTH and all(p == "<<" or p.isdigit() for p in pairs):
        month = mm if mm is not None and 1 <= mm <= 12 else None
        if mm is not None and month is None:
            return MRZDate(raw, None, None, None, None, f"month {mm:02d} does not exist")
        if dd is not None and not 1 <= dd <= 31:
            return MRZDate(raw, None, None, month, None, f"day {dd:02d} does not exist")
        partial_year = _pick_century(yy, month or 1, dd or 1, kind, today) if yy is not None else None
        return MRZDate(raw, None, partial_year, month, dd)
    what = "date of birth" if kind is DateKind.BIRTH else "date of expiry"
    return MRZDate(raw, None, None, None, None, f"{raw!r} is not a {what} (YYMMDD digits)")
