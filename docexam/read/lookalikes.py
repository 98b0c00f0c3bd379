"""A document's own digits, learnt from the positions that can only hold digits.

The MRZ is printed in one font throughout (Doc 9303 Part 3, 4.4), but not every issuer's font is OCR-B as the
recogniser learnt it: some print a zero as round as a letter O, or an 8 whose left side is as straight as a B's. The
recogniser then reads that zero as ``O`` with full confidence, wherever it stands. Positions whose field holds only
digits say what those glyphs are: the dates (Part 3, 4.8: six digits, fillers only for an unknown part of a birth
date) and the check digits (Part 3, 4.9). When the recogniser's first choice at two or more of them is the same letter
(``O``) standing for the same digit (``0``), that letter is how this document's digit reads, not one stray blur, and
the candidates are calibrated for the whole MRZ (:func:`calibrate`):

- at a position that may hold a letter or a digit (document number, optional data) among digits, the digit becomes
  the first choice and the letter stays its alternative, both with part of the letter's confidence: the check digit
  covering the field decides between them (each twin below differs from its digit by a value no check weight
  cancels, Part 3, 4.9), and where none can, the number's digits around it do.

The digits-only positions themselves are left as read: the correction takes their digit as a look-alike of the letter
(docexam.mrz.correct), with the little confidence that leaves, so a reading that needed them is never confirmed. A
recogniser that misreads a document's digits misreads its names too, where no check digit covers them: on simulated
low-resolution screenshots, readings made sure of their digits this way were confirmed with a letter of the name
wrong. Letter fields are left as read: a name or a code holds no digit (Part 3, 4.6 and 4.7).
"""

from __future__ import annotations

from collections.abc import Sequence

from docexam.mrz.alphabet import DIGITS
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import CharClass, Layout
from docexam.mrz.parser import detect_format

Candidates = list[list[list[tuple[str, float]]]]

#: Letters that some issuers' fonts draw like a digit, and that digit. A single swap of either pair changes a check
#: digit's sum by a multiple of the letter's value less the digit's that none of the weights 7, 3, 1 makes a multiple
#: of 10 (O 24, D 13, Q 26, B 11 - 8, I 18 - 1, S 28 - 5, Z 35 - 2), so the check digit can tell them apart. G and 6
#: (16 - 6 = 10) are left out: no check digit could ever decide between them.
TWINS: dict[str, str] = {"O": "0", "D": "0", "Q": "0", "B": "8", "I": "1", "S": "5", "Z": "2"}
#: How many digits-only positions must read as the same twin letter before it is taken for the document's digit.
MIN_EVIDENCE = 2
#: The recogniser's confidence in the letter at such a position for it to count as evidence.
EVIDENCE_CONFIDENCE = 0.5
#: Where a letter or a digit may stand, the share of the letter's confidence the digit gets, and the letter keeps:
#: the digit first, the letter a close alternative, neither near-certain (so the correction still tries both, and
#: a letter chosen over the digit is never reported as surely read).
DIGIT_SHARE = 2 / 3
LETTER_SHARE = 1 / 3

_DIGITS_ONLY = (CharClass.DIGIT, CharClass.DIGIT_OR_FILLER)


def document_twins(candidates: Sequence[Sequence[Sequence[tuple[str, float]]]]) -> dict[str, str]:
    """The twin letters (:data:`TWINS`) the recogniser read, with confidence, at :data:`MIN_EVIDENCE` or more of the
    positions that hold only digits, in the layout the first choices have; empty when the layout is not known."""
    top = ["".join(cell[0][0] for cell in line) for line in candidates]
    layout = _layout(top)
    if layout is None:
        return {}
    counts: dict[str, int] = {}
    flat = [cell for line in candidates for cell in line]
    for p, cell in enumerate(flat):
        ch, conf = cell[0]
        if ch in TWINS and conf >= EVIDENCE_CONFIDENCE and layout.class_at(p) in _DIGITS_ONLY:
            counts[ch] = counts.get(ch, 0) + 1
    return {ch: TWINS[ch] for ch, k in counts.items() if k >= MIN_EVIDENCE}


def calibrate(candidates: Sequence[Sequence[Sequence[tuple[str, float]]]]) -> tuple[Candidates, dict[str, str]]:
    """The candidates (per line, per position, (char, confidence) best first) with this document's twin letters read
    as its digits (see the module's docstring), and the twins found (letter -> digit; empty: nothing changed)."""
    lines: Candidates = [[list(cell) for cell in line] for line in candidates]
    twins = document_twins(candidates)
    if not twins:
        return lines, {}
    top = ["".join(cell[0][0] for cell in line) for line in lines]
    layout = _layout(top)
    assert layout is not None  # document_twins found one
    flat_top = "".join(top)
    p = 0
    for line in lines:
        for j, cell in enumerate(line):
            cls = layout.class_at(p)
            ch, conf = cell[0]
            if ch in twins:
                digit = twins[ch]
                if cls is CharClass.ALNUM and _among_digits(flat_top, p, layout.length):
                    line[j] = _with(cell, {digit: DIGIT_SHARE * conf + _confidence(cell, digit),
                                           ch: LETTER_SHARE * conf})
            p += 1
    return lines, twins


def _among_digits(flat: str, p: int, length: int) -> bool:
    """Whether the character at ``p`` of the joined lines has a digit beside it on its own line."""
    line_start = p - p % length
    return any(line_start <= q < line_start + length and flat[q] in DIGITS for q in (p - 1, p + 1))


def _confidence(cell: Sequence[tuple[str, float]], ch: str) -> float:
    return max((c for x, c in cell if x == ch), default=0.0)


def _with(cell: Sequence[tuple[str, float]], new: dict[str, float]) -> list[tuple[str, float]]:
    """``cell`` with the confidences ``new`` in place of its own for those characters, best first, each at most 1."""
    kept = [(x, c) for x, c in cell if x not in new]
    return sorted(kept + [(x, min(1.0, c)) for x, c in new.items()], key=lambda o: -o[1])


def _layout(top: list[str]) -> Layout | None:
    fmt = detect_format(top)
    if fmt is None or len({len(t) for t in top}) != 1:
        return None
    layout = LAYOUTS[fmt]
    if layout.lines != len(top) or layout.length != len(top[0]):
        return None
    return layout


__all__ = ["TWINS", "calibrate", "document_twins"]
