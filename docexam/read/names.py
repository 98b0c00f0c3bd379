"""The letters of the holder's name as the recogniser read them, each with its confidence, and which of them an
examiner should check by eye.

No check digit covers the name (Doc 9303 Part 3, 4.9: the check digits cover the document number, the dates, the
optional data and, through the composite, those again), so a misread letter in a name (a stamp across the first line:
``KAABI`` read as ``ONNBI``) leaves an MRZ whose every check holds. The recogniser's own confidence is then the only
evidence: a name holding a letter read with less than :data:`NAME_CHECK_BELOW` is flagged for the examiner to check
against the document (:attr:`~docexam.mrz.issues.IssueCode.NAME_UNSURE`). It is never "corrected": a dictionary of
names would turn a real, rare name into a common one, and a forged name into the name it imitates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docexam.mrz.alphabet import FILLER
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Field, MRZFormat

#: Below this the recogniser's confidence in a letter of a name is not enough to go without looking. Chosen on
#: generated captures, never on ../shared/corpus: of the name letters of bench/read_bench.py's synthetic documents at
#: a development seed (240 captures, easy to hard, visible and IR) none was read wrong and 0.2 % of them were read
#: with less; under generated stamps (docexam.specimens.overprint, read in grey) 2.3 % of the letters read right and
#: 41 % of those read wrong were (0.95: 2.9 % and 50 %): the recogniser is sure of some letters a stamp changed, which
#: is why a stamp is lifted out before reading (docexam.read.overprint).
NAME_CHECK_BELOW = 0.9
#: Share of a letter's cell that coloured print must have covered (weighted by how coloured it was) for the letter
#: to be checked by eye whatever the recogniser's confidence: a stamp's ring or a letter of its date crossing a cell
#: covers 0.1 to 0.2 of it; a colour fringe at a character's edge, nearly nothing.
OVERPRINTED_CELL = 0.05

#: The fields that hold names, per format (Part 3, 4.6): the name field, and the pre-2021 French card's given names,
#: which its layout keeps apart on line 2 (docexam/mrz/formats/fra_id.py).
_NAME_FIELDS: dict[MRZFormat, tuple[Field, ...]] = {fmt: (Field.NAME,) for fmt in MRZFormat}
_NAME_FIELDS[MRZFormat.FRA_ID] = (Field.NAME, Field.OPTIONAL_DATA_2)


@dataclass(frozen=True)
class NameLetters:
    """One name field as read: its characters up to the last letter (the fillers after it are the field's end, not
    the name), each with the recogniser's confidence, and where the field starts."""

    field: str
    line: int  # from 0
    column: int  # from 0, of the field's first character
    text: str
    confidence: tuple[float, ...]
    #: Per character, the share of its cell that coloured print (a stamp) covered before it was lifted out
    #: (docexam.read.overprint); empty when none was.
    overprint: tuple[float, ...] = ()

    @property
    def overprinted(self) -> tuple[int, ...]:
        """Indices into :attr:`text` of the characters read through coloured print (:data:`OVERPRINTED_CELL` of
        their cell covered): the recogniser can be sure of a letter a stamp changed, so its confidence is not enough
        there."""
        return tuple(i for i, share in enumerate(self.overprint) if share >= OVERPRINTED_CELL)

    @property
    def unsure(self) -> tuple[int, ...]:
        """Indices into :attr:`text` of the characters to check by eye: read with less than
        :data:`NAME_CHECK_BELOW`, or through coloured print. A filler counts too: inside a name it separates
        components, and a letter hidden under a stamp can be read as one."""
        over = set(self.overprinted)
        return tuple(i for i, c in enumerate(self.confidence) if c < NAME_CHECK_BELOW or i in over)

    def marked(self, left: str = "[", right: str = "]") -> str:
        """:attr:`text` with every unsure character between ``left`` and ``right``."""
        unsure = set(self.unsure)
        return "".join(f"{left}{ch}{right}" if i in unsure else ch for i, ch in enumerate(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "line": self.line + 1, "position": self.column + 1, "text": self.text,
                "confidence": [round(c, 3) for c in self.confidence],
                "overprint": [round(c, 3) for c in self.overprint],
                "unsure": [self.column + i + 1 for i in self.unsure],
                "overprinted": [self.column + i + 1 for i in self.overprinted]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NameLetters:
        return cls(str(d["field"]), int(d["line"]) - 1, int(d["position"]) - 1, str(d["text"]),
                   tuple(float(c) for c in d.get("confidence") or ()), tuple(float(c) for c in d.get("overprint") or ()))


def name_letters(fmt: MRZFormat | None, lines: tuple[str, ...] | list[str],
                 char_confidence: tuple[tuple[float, ...], ...], *,
                 overprint: tuple[tuple[float, ...], ...] = ()) -> tuple[NameLetters, ...]:
    """The name fields of a reading of format ``fmt`` (none when the format is unknown or the confidences do not
    match the lines), each with its characters' confidences and, when given (per line, per character, as
    :attr:`docexam.read.reader.ReadResult.overprint`), the share of each cell coloured print covered."""
    if fmt is None or len(char_confidence) != len(lines) or any(
            len(c) != len(x) for c, x in zip(char_confidence, lines)):
        return ()
    layout = LAYOUTS[fmt]
    if len(lines) != layout.lines or any(len(x) != layout.length for x in lines):
        return ()
    out = []
    for field in _NAME_FIELDS[fmt]:
        span = layout.fields[field]
        line, column = divmod(span.start, layout.length)
        text = lines[line][column : column + len(span)].rstrip(FILLER)
        over = tuple(overprint[line][column : column + len(text)]) if len(overprint) == len(lines) else ()
        out.append(NameLetters(field.value, line, column, text,
                               tuple(char_confidence[line][column : column + len(text)]), over))
    return tuple(out)


def marked_positions(fmt: MRZFormat | str | None, lines: tuple[str, ...] | list[str], field: str | None,
                     marked: str) -> tuple[tuple[int, int], ...]:
    """(line, column), from 0, of the characters :meth:`NameLetters.marked` put in brackets in ``marked`` (the value a
    :attr:`~docexam.mrz.issues.IssueCode.NAME_UNSURE` warning keeps) for the name field ``field`` of ``lines``; none
    when the marked text is not that field's as read (a reading edited since)."""
    try:
        fmt = MRZFormat(fmt) if fmt is not None else None
    except ValueError:
        return ()
    names = {n.field: n for n in name_letters(fmt, lines, tuple((1.0,) * len(x) for x in lines))}
    name = names.get(field or Field.NAME.value)
    if name is None:
        return ()
    text: list[str] = []
    unsure: list[int] = []
    i = 0
    while i < len(marked):
        if marked[i] == "[" and i + 2 < len(marked) and marked[i + 2] == "]":
            unsure.append(len(text))
            text.append(marked[i + 1])
            i += 3
        else:
            text.append(marked[i])
            i += 1
    if "".join(text) != name.text:
        return ()
    return tuple((name.line, name.column + k) for k in unsure)


def unsure_names(letters: tuple[NameLetters, ...]) -> tuple[NameLetters, ...]:
    """The name fields holding a character the examiner should check by eye."""
    return tuple(n for n in letters if n.unsure)


__all__ = ["NAME_CHECK_BELOW", "OVERPRINTED_CELL", "NameLetters", "marked_positions", "name_letters", "unsure_names"]
