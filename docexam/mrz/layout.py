"""Declarative MRZ layouts: where each field and check digit sits, and what each check covers.

Positions are written as Doc 9303 writes them (line number and character positions, both from 1) and
stored as offsets into the lines joined end to end, so that checks spanning lines (the TD1 composite) and
the OCR corrector can work on one string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class MRZFormat(StrEnum):
    TD1 = "TD1"
    TD2 = "TD2"
    TD3 = "TD3"
    MRVA = "MRVA"
    MRVB = "MRVB"
    #: French national identity card issued before 2021: 2x36, its own layout, no expiry date.
    FRA_ID = "FRA_ID"


class CharClass(StrEnum):
    """What a position may hold. Used to validate and to restrict OCR correction."""

    LETTER = "letter"  # A-Z or filler (codes, names)
    DIGIT = "digit"  # 0-9 (dates, check digits)
    DIGIT_OR_FILLER = "digit_or_filler"  # birth date (unknown parts), the TD3 personal number check digit
    ALNUM = "alnum"  # A-Z, 0-9 or filler (document number, optional data)
    SEX = "sex"  # M, F or <


class Field(StrEnum):
    DOCUMENT_CODE = "document_code"
    ISSUING_STATE = "issuing_state"
    NAME = "name"
    DOCUMENT_NUMBER = "document_number"
    NATIONALITY = "nationality"
    BIRTH_DATE = "birth_date"
    SEX = "sex"
    EXPIRY_DATE = "expiry_date"
    OPTIONAL_DATA = "optional_data"
    OPTIONAL_DATA_2 = "optional_data_2"
    # check digits
    DOCUMENT_NUMBER_CHECK = "document_number_check"
    BIRTH_DATE_CHECK = "birth_date_check"
    EXPIRY_DATE_CHECK = "expiry_date_check"
    OPTIONAL_DATA_CHECK = "optional_data_check"
    COMPOSITE_CHECK = "composite_check"


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start`` (inclusive) to ``stop`` (exclusive) of the joined lines."""

    start: int
    stop: int

    def __len__(self) -> int:
        return self.stop - self.start

    def of(self, text: str) -> str:
        return text[self.start : self.stop]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """A check digit: its name in results (``document_number``, ``composite``...), where it is, what it covers."""

    name: str
    digit: Span
    covers: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    format: MRZFormat
    lines: int
    length: int
    fields: dict[Field, Span]
    classes: dict[Field, CharClass]
    checks: tuple[CheckSpec, ...]
    #: Narrower classes for single positions inside a field (offsets into the joined lines).
    position_classes: dict[int, CharClass]

    def class_at(self, offset: int) -> CharClass:
        if offset in self.position_classes:
            return self.position_classes[offset]
        for field, span in self.fields.items():
            if span.start <= offset < span.stop:
                return self.classes[field]
        raise IndexError(f"offset {offset} is outside the {self.format} MRZ")

    @property
    def plan(self) -> Plan:
        """The same positions as plain slices, for the parser's hot path (enum-keyed lookups are slow)."""
        return _PLANS[self.format]

    def at(self, line: int, first: int, last: int | None = None) -> Span:
        return at(self.length, line, first, last)

    @property
    def total(self) -> int:
        return self.lines * self.length


def at(length: int, line: int, first: int, last: int | None = None) -> Span:
    """Span for Doc 9303's "line ``line``, positions ``first`` to ``last``" (1-based, inclusive)."""
    last = first if last is None else last
    base = (line - 1) * length
    return Span(base + first - 1, base + last)


# The character class of each field; shared by every format.
FIELD_CLASSES: dict[Field, CharClass] = {
    Field.DOCUMENT_CODE: CharClass.LETTER,
    Field.ISSUING_STATE: CharClass.LETTER,
    Field.NAME: CharClass.LETTER,
    Field.DOCUMENT_NUMBER: CharClass.ALNUM,
    Field.NATIONALITY: CharClass.LETTER,
    Field.BIRTH_DATE: CharClass.DIGIT_OR_FILLER,
    Field.SEX: CharClass.SEX,
    Field.EXPIRY_DATE: CharClass.DIGIT,
    Field.OPTIONAL_DATA: CharClass.ALNUM,
    Field.OPTIONAL_DATA_2: CharClass.ALNUM,
    Field.DOCUMENT_NUMBER_CHECK: CharClass.DIGIT,
    Field.BIRTH_DATE_CHECK: CharClass.DIGIT,
    Field.EXPIRY_DATE_CHECK: CharClass.DIGIT,
    Field.OPTIONAL_DATA_CHECK: CharClass.DIGIT_OR_FILLER,
    Field.COMPOSITE_CHECK: CharClass.DIGIT,
}


def make_layout(
    fmt: MRZFormat,
    lines: int,
    length: int,
    fields: dict[Field, tuple[int, int, int]],
    checks: Mapping[str, tuple[Field, Sequence[Field | tuple[int, int, int]]]],
    classes: dict[Field, CharClass] | None = None,
    position_classes: dict[tuple[int, int, int], CharClass] | None = None,
) -> Layout:
    """Build a layout from Doc 9303's (line, first, last) positions.

    ``checks`` maps a check's name to its digit field and what it covers: fields, or explicit
    (line, first, last) ranges where the standard names positions rather than fields.
    """
    spans = {f: at(length, *pos) for f, pos in fields.items()}
    total = lines * length
    covered: set[int] = set()
    for f, s in spans.items():
        if s.stop > total:
            raise AssertionError(f"{fmt}: {f} ends past the MRZ")
        overlap = covered & set(range(s.start, s.stop))
        if overlap:
            raise AssertionError(f"{fmt}: {f} overlaps another field")
        covered |= set(range(s.start, s.stop))
    if len(covered) != total:
        raise AssertionError(f"{fmt}: fields leave positions {sorted(set(range(total)) - covered)} unassigned")
    specs = tuple(
        CheckSpec(
            name,
            spans[digit],
            tuple(spans[c] if isinstance(c, Field) else at(length, *c) for c in covers),
        )
        for name, (digit, covers) in checks.items()
    )
    cls = {f: FIELD_CLASSES[f] for f in spans} | (classes or {})
    by_offset = {
        p: c for pos, c in (position_classes or {}).items() for p in range(at(length, *pos).start, at(length, *pos).stop)
    }
    layout = Layout(fmt, lines, length, spans, cls, specs, by_offset)
    register_plan(layout)
    return layout


class Plan:
    """A layout's field positions as ``slice`` attributes (``None`` where the format lacks the field)."""

    __slots__ = tuple(f.value for f in Field) + ("composite_covers", "length")
    # One slice attribute per Field, set in __init__ (spelled out for the type checker).
    document_code: slice
    issuing_state: slice
    name: slice
    document_number: slice
    nationality: slice  # on every layout but the French card's: the parser reads it only when it is there
    birth_date: slice
    sex: slice
    expiry_date: slice | None
    optional_data: slice
    optional_data_2: slice | None
    document_number_check: slice
    birth_date_check: slice
    expiry_date_check: slice  # present wherever expiry_date is
    optional_data_check: slice | None
    composite_check: slice | None
    composite_covers: tuple[slice, ...] | None
    length: int

    def __init__(self, layout: Layout) -> None:
        for f in Field:
            span = layout.fields.get(f)
            setattr(self, f.value, slice(span.start, span.stop) if span else None)
        comp = next((c for c in layout.checks if c.name == "composite"), None)
        self.composite_covers = tuple(slice(s.start, s.stop) for s in comp.covers) if comp else None
        self.length = layout.length


_PLANS: dict[MRZFormat, Plan] = {}


def register_plan(layout: Layout) -> None:
    _PLANS[layout.format] = Plan(layout)
