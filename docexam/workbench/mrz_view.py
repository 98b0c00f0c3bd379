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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from docexam.i18n import N_
from docexam.mrz.codes import state_name
from docexam.mrz.explain import CHECK_NAMES, FORMAT_NAMES
from docexam.mrz.issues import IssueCode, issue_from_message
from docexam.mrz.layout import MRZFormat
from docexam.mrz.name_practice import name_language
from docexam.mrz.result import Issue
from docexam.mrz.viz import VIZField, check_field, viz_values
from docexam.read.names import marked_positions
from docexam.store.records import MRZReading

#: What the panel accepts as a reading.
ReadingLike = MRZReading | Mapping[str, Any]
#: How the view's words are put in the reader's language: a gettext (the workstation passes its own); None for
#: English, as docexam has always shown them. The words are marked ``N_`` here, translated in docexam's catalogues.
Words = Callable[[str], str] | None


def _in(words: Words, text: str) -> str:
    return words(text) if words is not None and text else text


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
    #: A letter of the name the reader flagged for the examiner to check by eye (read with little confidence or
    #: through a stamp: no check digit covers a name), from its name_unsure warning.
    check_by_eye: bool = False

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
    to_check = {pos for w in reading.warnings if w.code == IssueCode.NAME_UNSURE
                for pos in marked_positions(reading.format, lines, w.field, (w.params or {}).get("marked", ""))}
    out = []
    for i, line in enumerate(lines):
        conf = confidences[i] if i < len(confidences) else []
        row = []
        for j, ch in enumerate(line):
            cj = conf[j] if j < len(conf) else None
            c = float(cj) if cj is not None else None
            row.append(MrzChar(ch, c, band(c), corrected.get((i, j)), (i, j) in to_check))
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

_DOCUMENT_TYPES = {"P": N_("passport"), "I": N_("identity card"), "A": N_("identity card"), "C": N_("identity card"),
                   "V": N_("visa")}
_SEXES = {"M": N_("male"), "F": N_("female"), "<": N_("unspecified"), "X": N_("unspecified")}


def state_text(code: str | None, words: Words = None) -> str:
    """``"UTO, Utopia (specimen)"``, or the code with "unknown code"."""
    if not code:
        return _in(words, N_("(none)"))
    name = state_name(code)
    return f"{code}, {name}" if name else f"{code}, " + _in(words, N_("unknown code"))


def _date_text(iso: str | None, raw: str | None, words: Words = None) -> str:
    if iso:
        return f"{iso} ({raw})" if raw else iso
    return _in(words, N_("{raw}: not a valid date")).format(raw=raw) if raw else _in(words, N_("(none)"))


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: str


def field_rows(reading: ReadingLike, words: Words = None) -> list[FieldRow]:
    """The parsed fields in words (in ``words``' language): document type, states with their names, names, number,
    dates, sex, optional data. Empty when the reading has no fields."""
    reading = as_reading(reading)
    f = reading.fields
    if not f:
        return []
    code = f.get("document_code") or ""
    kind = _in(words, _DOCUMENT_TYPES.get(code[:1], N_("travel document")))
    fmt = reading.format
    try:
        layout = FORMAT_NAMES.get(MRZFormat(fmt)) if fmt else None
    except ValueError:
        layout = None
    none = _in(words, N_("(none)"))
    surname = f.get("surname") or none
    if f.get("name_possibly_truncated"):
        surname += "  " + _in(words, N_("(the name may be truncated)"))
    sex = f.get("sex") or ""
    rows = [
        FieldRow(_in(words, N_("Document type")), f"{code}: {kind}" + (f", {_in(words, layout)}" if layout else "")),
        FieldRow(_in(words, N_("Issuing state")), state_text(f.get("issuing_state"), words)),
        FieldRow(_in(words, N_("Surname")), surname),
        FieldRow(_in(words, N_("Given names")), f.get("given_names") or none),
        FieldRow(_in(words, N_("Document number")), f.get("document_number") or none),
        FieldRow(_in(words, N_("Nationality")), state_text(f.get("nationality"), words)),
        FieldRow(_in(words, N_("Date of birth")), _date_text(f.get("birth_date"), f.get("birth_date_raw"), words)),
        FieldRow(_in(words, N_("Sex")), _in(words, _SEXES[sex]) if sex in _SEXES else sex or none),
    ]
    empty = _in(words, N_("(empty)"))
    if f.get("expiry_date") is not None or f.get("expiry_date_raw") is not None:
        rows.append(FieldRow(_in(words, N_("Date of expiry")),
                             _date_text(f.get("expiry_date"), f.get("expiry_date_raw"), words)))
    rows.append(FieldRow(_in(words, N_("Optional data")), f.get("optional_data") or empty))
    if f.get("optional_data_2") is not None:
        rows.append(FieldRow(_in(words, N_("Optional data 2")), f.get("optional_data_2") or empty))
    return rows


# --------------------------------------------------------------------------------------------------------------
# Warnings in plain words

#: The MRZ engine's and the reader's warnings by code, each as a heading and a plain sentence made of the warning's
#: values (:attr:`docexam.mrz.result.Issue.params`). Doc 9303 citations are left out here (the command line's
#: report keeps them).
_PLAIN: dict[IssueCode, str] = {
    IssueCode.EXPIRED: N_("Expired: the document expired on {expiry}."),
    IssueCode.UNDER_AGE: N_("Under age: the holder, born {birth}, is {age} years old (under {adult})."),
    IssueCode.UNKNOWN_CODE: N_("Unknown state: the {label} code '{value}' is not a known country or organisation."),
    IssueCode.BIRTH_AFTER_EXPIRY: N_("Birth after expiry: the date of birth {birth} is not before the date of expiry "
                                     "{expiry}."),
    IssueCode.BIRTH_DATE_UNKNOWN: N_("Birth date unknown: the date of birth '{raw}' is partly or wholly unknown "
                                     "(written with fillers)."),
    IssueCode.NAME_TRUNCATED: N_("Name may be cut short: the name fills its field to the last position, so it may "
                                 "have been truncated."),
    IssueCode.STRAY_FILLERS: N_("Stray fillers: the name field '{raw}' has fillers (<) where names do not have them."),
    IssueCode.SEX: N_("Sex written 'X': an unspecified sex is written '<' in the MRZ."),
    IssueCode.UNCONFIRMED_READING: N_("Unconfirmed reading: the MRZ validates, but some characters were read with "
                                      "low confidence; check them by eye."),
    IssueCode.CHECK_BLIND: N_("Check digits cannot decide: the MRZ validates, but at line {line}, position "
                              "{position} the check digits cannot tell {chosen} from {rival}, and the recogniser was "
                              "not sure which it is; check that character by eye."),
    IssueCode.SMALL_PRINT: N_("Print too small to confirm: the MRZ validates, but its print is so small in this "
                              "image that it was read from an enlarged copy; check every character by eye, or capture "
                              "the document at a higher resolution."),
    IssueCode.NAME_UNSURE: N_("Check the name by eye: the letters in brackets in {marked} were read with little "
                              "confidence or through a stamp, and no check digit covers a name."),
}


def plain_issue(issue: Issue, words: Words = None) -> str:
    """A warning as a heading and a plain sentence, from its code and values; one without a plain wording (or
    without the values its wording needs) is its message with the first letter capitalised and a full stop."""
    try:
        template = _PLAIN.get(IssueCode(issue.code))
    except ValueError:
        template = None
    if template is not None:
        for wording in (_in(words, template), template):  # a translation that lost a field: the English
            try:
                return wording.format(**(issue.params or {}))
            except (KeyError, IndexError, ValueError):
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


class MRZValidity(StrEnum):
    """Whether the MRZ reading holds (the panel's verdict word): not the case's verdict, which is the examiner's
    conclusion on the document (:class:`docexam.verdicts.Verdict`)."""

    VALID = "VALID"
    INVALID = "INVALID"
    UNCONFIRMED = "UNCONFIRMED"


def verdict(reading: ReadingLike, words: Words = None) -> tuple[MRZValidity, str]:
    """The verdict word and a sentence (in ``words``' language): VALID (well-formed, every check digit holds and, for
    a scan, every character was read with confidence), UNCONFIRMED (it validates but the recogniser was unsure),
    INVALID (why)."""
    reading = as_reading(reading)
    if reading.found is False:
        return MRZValidity.INVALID, _in(words, N_("no MRZ was found in the image."))
    if reading.format is None:
        errors = reading.error_messages
        return MRZValidity.INVALID, (_in(words, N_("not an MRZ: {error}")).format(error=errors[0]) if errors
                                     else _in(words, N_("not an MRZ.")))
    warnings = reading.warnings
    if reading.valid:
        scanned = reading.char_confidence is not None
        if scanned:
            said = (N_("the MRZ is well-formed and every check digit holds, and every character was read with "
                       "confidence, with {n} warning(s) to review.") if warnings else
                    N_("the MRZ is well-formed and every check digit holds, and every character was read with "
                       "confidence."))
        else:
            said = (N_("the MRZ is well-formed and every check digit holds, with {n} warning(s) to review.")
                    if warnings else N_("the MRZ is well-formed and every check digit holds."))
        return MRZValidity.VALID, _in(words, said).format(n=len(warnings))
    failed = [_in(words, r.label) for r in check_rows(reading) if not r.ok]
    if failed:
        return MRZValidity.INVALID, _in(words, N_("check digit(s) failing: {checks}.")).format(checks=", ".join(failed))
    errors = reading.error_messages
    if errors:
        return MRZValidity.INVALID, "; ".join(errors) + "."
    if reading.has_issue(IssueCode.SMALL_PRINT.value):
        return MRZValidity.UNCONFIRMED, _in(words, N_("the MRZ validates, but its print is so small in this image that "
                                                      "it was read from an enlarged copy: check every character by "
                                                      "eye before relying on it."))
    return MRZValidity.UNCONFIRMED, _in(words, N_("the MRZ validates, but the recogniser was unsure of some characters: "
                                                  "check them by eye before relying on it."))


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
    verdict: MRZValidity
    verdict_text: str
    confidence: float | None
    engine: str | None

    @classmethod
    def of(cls, reading: ReadingLike, words: Words = None) -> MrzView:
        """The view of ``reading``, its words in ``words``' language (a gettext; None: English)."""
        reading = as_reading(reading)
        word, text = verdict(reading, words)
        errors = [e[0].upper() + e[1:] for e in reading.error_messages if e]
        return cls(mrz_chars(reading), check_rows(reading), field_rows(reading, words),
                   [plain_issue(w, words) for w in reading.warnings], errors, word, text, reading.confidence,
                   reading.engine)


# --------------------------------------------------------------------------------------------------------------
# MRZ against VIZ


class Match(StrEnum):
    MATCH = "match"
    DIFFERS = "differs"
    NOT_ENTERED = "not entered"


#: The VIZ fields the MRZ repeats (Doc 9303 Part 3, 4.1), in the order the panel lists them.
VIZ_FIELDS: tuple[VIZField, ...] = tuple(VIZField)
#: Said of a typed date that is not one, with what the panel understands.
_DATE_HINT = " (write e.g. 12.08.1974, 1974-08-12 or 12 AUG 74)"


@dataclass(frozen=True)
class Row:
    """One line of the MRZ-vs-VIZ table."""

    field: str
    label: str
    mrz: str
    viz: str
    state: Match
    note: str = ""


def _mrz_value(fields: Mapping[str, Any], field: VIZField) -> str:
    if field.is_date:
        iso, raw = fields.get(field.value), fields.get(f"{field.value}_raw")
        return iso or raw or ""
    return str(fields.get(field.value) or "")


def compare_with_viz(fields: Mapping[str, Any] | None, viz: Mapping[str, str] | None) -> list[Row]:
    """The MRZ value of each VIZ field the MRZ repeats beside the examiner's VIZ value, and whether they agree
    (:func:`docexam.mrz.viz.check_field`, as typed text).

    Dates are compared as dates (a four-digit VIZ year with the MRZ date's meaning, a two-digit one with the MRZ's
    YYMMDD); names ignoring fillers, case, accents and extra spaces, in any of their transliterations (an MRZ name
    marked as possibly truncated matches a VIZ name it begins); document numbers ignoring fillers, spaces,
    punctuation and case. A blank VIZ value is "not entered".
    """
    fields = fields or {}
    values = viz_values(viz)
    rows = []
    for field in VIZ_FIELDS:
        key = field.value
        mrz = _mrz_value(fields, field)
        entered = values.get(field, "").strip()
        if not entered:
            rows.append(Row(key, field.label, mrz, "", Match.NOT_ENTERED))
            continue
        if not fields:
            rows.append(Row(key, field.label, mrz, entered, Match.DIFFERS, "no MRZ value to compare with"))
            continue
        printed = fields.get(f"{key}_raw") if field.is_date else mrz
        check = check_field(field, entered, mrz=printed, mrz_iso=fields.get(key) if field.is_date else None,
                            truncated=bool(fields.get("name_possibly_truncated")),
                            language=name_language(fields.get("issuing_state")))
        note = check.note + (_DATE_HINT if field.is_date and check.note == "not understood as a date" else "")
        rows.append(Row(key, field.label, mrz, entered, Match.MATCH if check.agrees else Match.DIFFERS, note))
    return rows


def viz_record(rows: Sequence[Row]) -> dict[str, Any]:
    """The examiner's confirmed comparison as the panel hands it on (for the case's findings): every row, the
    fields that differ, those not entered, and a sentence."""
    differs = [r.field for r in rows if r.state is Match.DIFFERS]
    missing = [r.field for r in rows if r.state is Match.NOT_ENTERED]
    matching = sum(r.state is Match.MATCH for r in rows)
    parts = [f"{matching} match"]
    if differs:
        parts.append(f"{len(differs)} differ ({', '.join(VIZField(k).label.lower() for k in differs)})")
    if missing:
        parts.append(f"{len(missing)} not entered")
    return {
        "rows": [{"field": r.field, "label": r.label, "mrz": r.mrz, "viz": r.viz, "state": r.state.value,
                  **({"note": r.note} if r.note else {})} for r in rows],
        "differs": differs,
        "not_entered": missing,
        "summary": "MRZ against VIZ: " + ", ".join(parts),
    }
