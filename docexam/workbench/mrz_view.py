"""What the MRZ panel shows of a reading, Qt-free: characters banded by recognition confidence, check digits with
their printed and computed values, the fields in words, plain-word warnings, the verdict, and the examiner's
comparison of the MRZ with the visual inspection zone (VIZ).

A reading is a :class:`docexam.store.records.MRZReading` (what a case stores as its MRZ finding), or the dict of
``docexam read --json`` (:meth:`docexam.read.reader.ReadResult.to_dict`) or of ``docexam mrz --json``
(:meth:`docexam.mrz.result.MRZResult.to_dict`, which has no confidences), read as one. Neither carries every check
digit's position, so the lines are parsed again with the MRZ engine for them: check digits do not depend on the
reference day, and the dates' meaning is taken from the reading. Warnings are worded from their codes and values
(:class:`docexam.mrz.issues.IssueCode`), never from their messages.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from docexam.mrz.codes import state_name
from docexam.mrz.explain import CHECK_NAMES, FORMAT_NAMES
from docexam.mrz.issues import IssueCode, issue_from_message
from docexam.mrz.layout import MRZFormat
from docexam.mrz.result import Issue
from docexam.store.records import MRZReading

#: What the panel accepts as a reading.
ReadingLike = MRZReading | Mapping[str, Any]


def as_reading(reading: ReadingLike) -> MRZReading:
    """``reading`` as an :class:`MRZReading` (a ``read --json`` or ``mrz --json`` dict is read as the store reads
    one)."""
    return reading if isinstance(reading, MRZReading) else MRZReading.from_dict(reading)

# --------------------------------------------------------------------------------------------------------------
# Characters by confidence

#: Below this the reader does not trust a character (``docexam.read.reader.MIN_CHAR_CONFIDENCE``, kept equal by a
#: test: importing the reader here would load OpenCV for a colour threshold).
LOW_BELOW = 0.45
#: At or above this the recogniser was sure; between the two, the character is worth a look.
HIGH_FROM = 0.9


class Band(StrEnum):
    """How sure the recogniser was of a character."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"  # typed or parsed text: no recogniser confidence


#: Text colour of each band (dark enough to read on white; red and amber stand out from the ink of sure ones).
BAND_COLOURS: dict[Band, str] = {Band.HIGH: "#1b5e20", Band.MEDIUM: "#b26a00", Band.LOW: "#c62828",
                                 Band.UNKNOWN: "#000000"}
BAND_LEGEND: dict[Band, str] = {
    Band.HIGH: f"read with confidence {HIGH_FROM:.0%} or more",
    Band.MEDIUM: f"read with confidence from {LOW_BELOW:.0%} to {HIGH_FROM:.0%}: worth a look",
    Band.LOW: f"read with confidence under {LOW_BELOW:.0%}: not trusted, check by eye",
}
#: Background of a character the check-digit correction changed from what the recogniser read.
CORRECTED_BACKGROUND = "#fff59d"


def band(confidence: float | None) -> Band:
    """The band of a recognition confidence (0..1), :attr:`Band.UNKNOWN` for None."""
    if confidence is None:
        return Band.UNKNOWN
    if confidence < LOW_BELOW:
        return Band.LOW
    return Band.HIGH if confidence >= HIGH_FROM else Band.MEDIUM


@dataclass(frozen=True)
class MrzChar:
    """One MRZ character as shown: its confidence band, and what the recogniser read if it was corrected."""

    char: str
    confidence: float | None
    band: Band
    read_as: str | None = None  # the recogniser's character, when the correction changed it

    @property
    def colour(self) -> str:
        return BAND_COLOURS[self.band]

    @property
    def corrected(self) -> bool:
        return self.read_as is not None


def mrz_chars(reading: ReadingLike) -> list[list[MrzChar]]:
    """Per line, per position: the characters of ``reading`` with their confidence band and correction."""
    reading = as_reading(reading)
    lines = list(reading.lines)
    confidences = reading.char_confidence or ()
    corrected = {(c.line - 1, c.position - 1): c.read for c in reading.corrections or ()}
    out = []
    for i, line in enumerate(lines):
        conf = confidences[i] if i < len(confidences) else []
        row = []
        for j, ch in enumerate(line):
            c = float(conf[j]) if j < len(conf) and conf[j] is not None else None
            row.append(MrzChar(ch, c, band(c), corrected.get((i, j))))
        out.append(row)
    return out


# --------------------------------------------------------------------------------------------------------------
# Check digits


@dataclass(frozen=True)
class CheckRow:
    """One check digit: the digit the data it covers give (``expected``) against the one printed (``found``)."""

    name: str
    expected: str | None
    found: str | None
    ok: bool
    line: int | None = None  # from 1
    position: int | None = None  # from 1

    @property
    def label(self) -> str:
        return CHECK_NAMES.get(self.name, self.name.replace("_", " "))

    @property
    def status(self) -> str:
        return "ok" if self.ok else "FAIL"

    @property
    def where(self) -> str:
        return f"line {self.line}, position {self.position}" if self.line is not None else ""

    @property
    def text(self) -> str:
        expected = self.expected if self.expected is not None else "none (characters outside the MRZ alphabet)"
        found = self.found if self.found is not None else "?"
        where = f" ({self.where})" if self.where else ""
        return f"{self.status} {self.label}: expected {expected}, found {found}{where}"


def _parsed(lines: Sequence[str]):
    from docexam.mrz import parse

    try:
        return parse(list(lines))
    except (TypeError, ValueError):
        return None


def check_rows(reading: ReadingLike) -> list[CheckRow]:
    """Every check digit of ``reading``, in the order of the MRZ, with expected and found digits and positions."""
    reading = as_reading(reading)
    result = _parsed(reading.lines) if reading.lines else None
    if result is not None and result.format is not None and result.checks:
        return [CheckRow(c.name, c.expected, c.found, c.valid, c.line + 1, c.column + 1) for c in result.checks]
    digits = reading.check_digits or {}
    rows = []
    for name, ok in reading.checks.items():
        d = digits.get(name) or {}
        rows.append(CheckRow(name, d.get("expected"), d.get("found"), bool(ok)))
    return rows


# --------------------------------------------------------------------------------------------------------------
# Fields

_DOCUMENT_TYPES = {"P": "passport", "I": "identity card", "A": "identity card", "C": "identity card", "V": "visa"}
_SEXES = {"M": "male", "F": "female", "<": "unspecified", "X": "unspecified"}


def state_text(code: str | None) -> str:
    """``"UTO, Utopia (specimen)"``, or the code with "unknown code"."""
    if not code:
        return "(none)"
    name = state_name(code)
    return f"{code}, {name}" if name else f"{code}, unknown code"


def _date_text(iso: str | None, raw: str | None) -> str:
    if iso:
        return f"{iso} ({raw})" if raw else iso
    return f"{raw}: not a valid date" if raw else "(none)"


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: str


def field_rows(reading: ReadingLike) -> list[FieldRow]:
    """The parsed fields in words: document type, states with their names, names, number, dates, sex, optional
    data. Empty when the reading has no fields."""
    reading = as_reading(reading)
    f = reading.fields
    if not f:
        return []
    code = f.get("document_code") or ""
    kind = _DOCUMENT_TYPES.get(code[:1], "travel document")
    fmt = reading.format
    try:
        layout = FORMAT_NAMES.get(MRZFormat(fmt)) if fmt else None
    except ValueError:
        layout = None
    surname = f.get("surname") or "(none)"
    if f.get("name_possibly_truncated"):
        surname += "  (the name may be truncated)"
    rows = [
        FieldRow("Document type", f"{code}: {kind}" + (f", {layout}" if layout else "")),
        FieldRow("Issuing state", state_text(f.get("issuing_state"))),
        FieldRow("Surname", surname),
        FieldRow("Given names", f.get("given_names") or "(none)"),
        FieldRow("Document number", f.get("document_number") or "(none)"),
        FieldRow("Nationality", state_text(f.get("nationality"))),
        FieldRow("Date of birth", _date_text(f.get("birth_date"), f.get("birth_date_raw"))),
        FieldRow("Sex", _SEXES.get(f.get("sex") or "", f.get("sex") or "(none)")),
    ]
    if f.get("expiry_date") is not None or f.get("expiry_date_raw") is not None:
        rows.append(FieldRow("Date of expiry", _date_text(f.get("expiry_date"), f.get("expiry_date_raw"))))
    rows.append(FieldRow("Optional data", f.get("optional_data") or "(empty)"))
    if f.get("optional_data_2") is not None:
        rows.append(FieldRow("Optional data 2", f.get("optional_data_2") or "(empty)"))
    return rows


# --------------------------------------------------------------------------------------------------------------
# Warnings in plain words

#: The MRZ engine's and the reader's warnings by code, each as a heading and a plain sentence made of the warning's
#: values (:attr:`docexam.mrz.result.Issue.params`). Doc 9303 citations are left out here (the command line's
#: report keeps them).
_PLAIN: dict[IssueCode, str] = {
    IssueCode.EXPIRED: "Expired: the document expired on {expiry}.",
    IssueCode.UNDER_AGE: "Under age: the holder, born {birth}, is {age} years old (under {adult}).",
    IssueCode.UNKNOWN_CODE: "Unknown state: the {label} code '{value}' is not a known country or organisation.",
    IssueCode.BIRTH_AFTER_EXPIRY: "Birth after expiry: the date of birth {birth} is not before the date of expiry "
                                  "{expiry}.",
    IssueCode.BIRTH_DATE_UNKNOWN: "Birth date unknown: the date of birth '{raw}' is partly or wholly unknown "
                                  "(written with fillers).",
    IssueCode.NAME_TRUNCATED: "Name may be cut short: the name fills its field to the last position, so it may have "
                              "been truncated.",
    IssueCode.STRAY_FILLERS: "Stray fillers: the name field '{raw}' has fillers (<) where names do not have them.",
    IssueCode.SEX: "Sex written 'X': an unspecified sex is written '<' in the MRZ.",
    IssueCode.UNCONFIRMED_READING: "Unconfirmed reading: the MRZ validates, but some characters were read with low "
                                   "confidence; check them by eye.",
}


def plain_issue(issue: Issue) -> str:
    """A warning as a heading and a plain sentence, from its code and values; one without a plain wording (or
    without the values its wording needs) is its message with the first letter capitalised and a full stop."""
    try:
        template = _PLAIN.get(IssueCode(issue.code))
    except ValueError:
        template = None
    if template is not None:
        try:
            return template.format(**(issue.params or {}))
        except (KeyError, IndexError):
            pass
    text = issue.message.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def plain_warning(message: str) -> str:
    """A warning known by its ``message`` alone (a reading stored before codes were kept) in plain words."""
    return plain_issue(issue_from_message(message))


# --------------------------------------------------------------------------------------------------------------
# The verdict


class Verdict(StrEnum):
    VALID = "VALID"
    INVALID = "INVALID"
    UNCONFIRMED = "UNCONFIRMED"


def verdict(reading: ReadingLike) -> tuple[Verdict, str]:
    """The verdict word and a sentence: VALID (well-formed, every check digit holds and, for a scan, every character
    was read with confidence), UNCONFIRMED (it validates but the recogniser was unsure), INVALID (why)."""
    reading = as_reading(reading)
    if reading.found is False:
        return Verdict.INVALID, "no MRZ was found in the image."
    if reading.format is None:
        errors = reading.error_messages
        return Verdict.INVALID, "not an MRZ" + (f": {errors[0]}" if errors else ".")
    warnings = reading.warnings
    if reading.valid:
        scanned = reading.char_confidence is not None
        extra = f", with {len(warnings)} warning(s) to review" if warnings else ""
        read = ", and every character was read with confidence" if scanned else ""
        return Verdict.VALID, f"the MRZ is well-formed and every check digit holds{read}{extra}."
    failed = [r.label for r in check_rows(reading) if not r.ok]
    if failed:
        return Verdict.INVALID, f"check digit(s) failing: {', '.join(failed)}."
    errors = reading.error_messages
    if errors:
        return Verdict.INVALID, "; ".join(errors) + "."
    return Verdict.UNCONFIRMED, ("the MRZ validates, but the recogniser was unsure of some characters: check them by "
                                 "eye before relying on it.")


# --------------------------------------------------------------------------------------------------------------
# All of it


@dataclass(frozen=True)
class MrzView:
    """Everything the MRZ panel shows of one reading."""

    chars: list[list[MrzChar]]
    checks: list[CheckRow]
    fields: list[FieldRow]
    warnings: list[str]
    errors: list[str]
    verdict: Verdict
    verdict_text: str
    confidence: float | None
    engine: str | None

    @classmethod
    def of(cls, reading: ReadingLike) -> MrzView:
        reading = as_reading(reading)
        word, text = verdict(reading)
        errors = [e[0].upper() + e[1:] for e in reading.error_messages if e]
        return cls(mrz_chars(reading), check_rows(reading), field_rows(reading),
                   [plain_issue(w) for w in reading.warnings], errors, word, text, reading.confidence, reading.engine)


# --------------------------------------------------------------------------------------------------------------
# MRZ against VIZ


class Match(StrEnum):
    MATCH = "match"
    DIFFERS = "differs"
    NOT_ENTERED = "not entered"


#: The VIZ fields the MRZ repeats (Doc 9303 Part 3, 4.1), in the order the panel lists them.
VIZ_FIELDS: dict[str, str] = {"surname": "Surname", "given_names": "Given names", "document_number": "Document number",
                              "birth_date": "Date of birth", "expiry_date": "Date of expiry"}
#: Other names for them (the comparison's VIZ reading, :class:`docexam.compare.mrz_viz.MRZEvidence`, says "number").
_ALIASES = {"number": "document_number"}
_MONTHS = {m: i + 1 for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                                           "DEC"))}
# The French abbreviations printed beside the English ones (Doc 9303 Part 3, 3.8 allows a second language).
_MONTHS |= {"JANV": 1, "FEV": 2, "FEVR": 2, "MARS": 3, "AVR": 4, "MAI": 5, "JUIN": 6, "JUIL": 7, "AOUT": 8, "SEPT": 9}


@dataclass(frozen=True)
class Row:
    """One line of the MRZ-vs-VIZ table."""

    field: str
    label: str
    mrz: str
    viz: str
    state: Match
    note: str = ""


def viz_values(values: Mapping[str, str] | None) -> dict[str, str]:
    """``values`` keyed by :data:`VIZ_FIELDS` names (``number`` is taken for ``document_number``), others dropped."""
    out: dict[str, str] = {}
    for key, value in (values or {}).items():
        key = _ALIASES.get(key, key)
        if key in VIZ_FIELDS and value is not None:
            out[key] = str(value)
    return out


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).upper()


def normalise_name(text: str) -> str:
    """A name as the MRZ would compare it: fillers, hyphens and runs of spaces as one space, apostrophes dropped,
    accents removed, upper case (Doc 9303 Part 3, 4.6 and 6)."""
    text = _plain(text).replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[<\-,.]", " ", text).split())


def parse_viz_date(text: str) -> tuple[int, int, int, bool] | None:
    """``(day, month, year, four_digit_year)`` of a date as an examiner types it or a VIZ prints it: ``12.08.1974``,
    ``12/08/74``, ``1974-08-12``, ``12 AUG 74``, ``12 AUG/AOÛT 1974``, ``12AUG74``; None when it is none of these or
    not a calendar date."""
    t = _plain(text).strip()
    m = re.fullmatch(r"(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})", t)
    if m:
        y, mo, d, four = int(m.group(1)), int(m.group(2)), int(m.group(3)), True
    elif m := re.fullmatch(r"(\d{1,2})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d{4}|\d{2})", t):
        d, mo, y, four = int(m.group(1)), int(m.group(2)), int(m.group(3)), len(m.group(3)) == 4
    elif m := re.fullmatch(r"(\d{1,2})[\s.-]*([A-Z]{3,})\.?(?:\s*/\s*[A-Z]{3,}\.?)?[\s.-]*(\d{4}|\d{2})", t):
        month = m.group(2)
        mo = _MONTHS.get(month[:4]) or _MONTHS.get(month[:3])
        if mo is None:
            return None
        d, y, four = int(m.group(1)), int(m.group(3)), len(m.group(3)) == 4
    else:
        return None
    try:
        dt.date(y if four else 2000 + y, mo, d)  # 2000 is a leap year: 29 FEB of a two-digit year is let through
    except ValueError:
        return None
    return d, mo, y, four


def _compare_date(mrz_iso: str | None, mrz_raw: str | None, viz: str) -> tuple[Match, str]:
    parsed = parse_viz_date(viz)
    if parsed is None:
        return Match.DIFFERS, "not understood as a date (write e.g. 12.08.1974, 1974-08-12 or 12 AUG 74)"
    d, mo, y, four = parsed
    if four and mrz_iso:
        same = dt.date(y, mo, d) == dt.date.fromisoformat(mrz_iso)
        return (Match.MATCH, "") if same else (Match.DIFFERS, "")
    # a two-digit VIZ year, or an MRZ date without a meaning: compared as the MRZ prints it, YYMMDD
    if not mrz_raw or len(mrz_raw) != 6 or not mrz_raw.isdigit():
        return Match.DIFFERS, "the MRZ date is not a date"
    same = (y % 100, mo, d) == (int(mrz_raw[:2]), int(mrz_raw[2:4]), int(mrz_raw[4:]))
    return (Match.MATCH, "") if same else (Match.DIFFERS, "")


def _mrz_value(fields: Mapping[str, Any], key: str) -> str:
    if key in ("birth_date", "expiry_date"):
        iso, raw = fields.get(key), fields.get(f"{key}_raw")
        return iso or raw or ""
    return str(fields.get(key) or "")


def compare_with_viz(fields: Mapping[str, Any] | None, viz: Mapping[str, str] | None) -> list[Row]:
    """The MRZ value of each VIZ field the MRZ repeats beside the examiner's VIZ value, and whether they agree.

    Dates are compared as dates (a four-digit VIZ year with the MRZ date's meaning, a two-digit one with the MRZ's
    YYMMDD); names ignoring fillers, case, accents and extra spaces (an MRZ name marked as possibly truncated
    matches a VIZ name it begins); document numbers ignoring fillers, spaces and case. A blank VIZ value is
    "not entered".
    """
    fields = fields or {}
    values = viz_values(viz)
    rows = []
    for key, label in VIZ_FIELDS.items():
        mrz = _mrz_value(fields, key)
        entered = values.get(key, "").strip()
        if not entered:
            rows.append(Row(key, label, mrz, "", Match.NOT_ENTERED))
            continue
        note = ""
        if not fields:
            state, note = Match.DIFFERS, "no MRZ value to compare with"
        elif key in ("birth_date", "expiry_date"):
            state, note = _compare_date(fields.get(key), fields.get(f"{key}_raw"), entered)
        elif key == "document_number":
            norm = lambda s: re.sub(r"[<\s]", "", s.upper())  # noqa: E731
            state = Match.MATCH if norm(entered) == norm(mrz) else Match.DIFFERS
        else:
            a, b = normalise_name(entered), normalise_name(mrz)
            state = Match.MATCH if a == b else Match.DIFFERS
            if state is Match.DIFFERS and fields.get("name_possibly_truncated") and b and a.startswith(b):
                state, note = Match.MATCH, "the MRZ name is truncated"
        rows.append(Row(key, label, mrz, entered, state, note))
    return rows


def viz_record(rows: Sequence[Row]) -> dict[str, Any]:
    """The examiner's confirmed comparison as the panel hands it on (for the case's findings): every row, the
    fields that differ, those not entered, and a sentence."""
    differs = [r.field for r in rows if r.state is Match.DIFFERS]
    missing = [r.field for r in rows if r.state is Match.NOT_ENTERED]
    matching = sum(r.state is Match.MATCH for r in rows)
    parts = [f"{matching} match"]
    if differs:
        parts.append(f"{len(differs)} differ ({', '.join(VIZ_FIELDS[k].lower() for k in differs)})")
    if missing:
        parts.append(f"{len(missing)} not entered")
    return {
        "rows": [{"field": r.field, "label": r.label, "mrz": r.mrz, "viz": r.viz, "state": r.state.value,
                  **({"note": r.note} if r.note else {})} for r in rows],
        "differs": differs,
        "not_entered": missing,
        "summary": "MRZ against VIZ: " + ", ".join(parts),
    }
