"""Read the MRZ of a scan or photo: locate, straighten, segment, recognise, correct.

Two recognisers sit behind one interface: ``ocrb`` (docexam's own, numpy only) and ``tesseract`` (the adapter in
:mod:`docexam.ocr.tesseract`). ``auto`` reads with ``ocrb`` and asks tesseract only when the result is not confirmed,
tesseract is installed and the time budget has room for it; the result says that it was asked, why, and what it
changed (:class:`SecondEngine`). Every candidate reading goes through the MRZ engine's check-digit correction
(:func:`docexam.mrz.correct.correct`), and the best one is kept: valid first, then most checks holding, then the
most confident.

Each image has a time budget (:mod:`docexam.read.budget`): the likeliest readings come first (the layout the geometry
says, upright, at the located line count), the search ends as soon as the evidence is in (a confirmed reading, or a
confident one that fails as a changed character fails), and a reading the budget cut short says what it left untried.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import EllipsisType
from typing import Any, NamedTuple

import cv2
import numpy as np

from docexam.i18n import N_
from docexam.imageio import to_gray
from docexam.inspector import Inspector
from docexam.mrz.alphabet import LETTERS
from docexam.mrz.codes import is_known_state
from docexam.mrz.correct import CONFUSIONS, BlindRival, Change, Correction, correct
from docexam.mrz.issues import (
    CHECK_BLIND_MESSAGE,
    NAME_UNSURE_MESSAGE,
    SEARCH_CUT_SHORT_MESSAGE,
    SMALL_PRINT_MESSAGE,
    UNCONFIRMED_MESSAGE,
    IssueCode,
)
from docexam.mrz.layout import Span
from docexam.mrz.parser import parse
from docexam.mrz.result import Issue, MRZResult
from docexam.ocr import ocrb
from docexam.read import focus
from docexam.read.budget import Budget
from docexam.read.diacritics import Mark, marks_over
from docexam.read.locate import LAYOUT_TOLERANCE, LAYOUTS, MRZRegion, cut_quad, locate_mrz, with_extra_line
from docexam.read.lookalikes import calibrate
from docexam.read.names import NAME_CHECK_BELOW, NameLetters, name_letters, unsure_names
from docexam.read.overprint import lift_colour, lift_non_ir
from docexam.read.segment import (
    deshear,
    estimate_shear,
    grids_by_ink,
    ink_map,
    line_bands,
    line_length_evidence,
    segment_lines,
    segment_lines_followed,
    shared_grid,
)
from docexam.read.steps import ReadStep

LENGTHS = {3: (30,), 2: (44, 36)}


class Engine(StrEnum):
    AUTO = "auto"
    OCRB = "ocrb"
    TESSERACT = "tesseract"


class SecondOutcome(StrEnum):
    """What became of asking a second engine."""

    ADOPTED = "adopted"  # its reading ranks above the first engine's and is the result
    KEPT_FIRST = "kept_first"  # it read, but the first engine's reading ranks higher and stays
    NOT_ASKED = "not_asked"  # it was needed, but the time budget had no room left for it
    TIMED_OUT = "timed_out"  # it was asked and did not answer within the time left
    FAILED = "failed"  # it was asked and failed (see the reason)


@dataclass(frozen=True)
class SecondEngine:
    """The second engine the reader asked about a reading its own recogniser could not confirm, why, and what that
    changed: the first engine's lines and the second's (the characters that differ are :attr:`changes`)."""

    engine: str
    reason: str
    outcome: SecondOutcome
    first_lines: tuple[str, ...]
    second_lines: tuple[str, ...]
    elapsed_ms: float = 0.0

    @property
    def changes(self) -> tuple[Change, ...]:
        """The characters the second engine's reading has otherwise than the first's (line, column from 0), where the
        two have the same shape; every line's difference is the format's when they do not."""
        if len(self.first_lines) != len(self.second_lines) or any(
                len(a) != len(b) for a, b in zip(self.first_lines, self.second_lines)):
            return ()
        return tuple(Change(i, j, x, y) for i, (a, b) in enumerate(zip(self.first_lines, self.second_lines))
                     for j, (x, y) in enumerate(zip(a, b)) if x != y)

    @property
    def message(self) -> str:
        what = {SecondOutcome.ADOPTED: "its reading was kept", SecondOutcome.KEPT_FIRST: "the first reading was kept",
                SecondOutcome.NOT_ASKED: "there was no time left to ask it",
                SecondOutcome.TIMED_OUT: "it did not answer in the time left",
                SecondOutcome.FAILED: "it failed"}[self.outcome]
        text = f"a second engine ({self.engine}) was needed because {self.reason}: {what}"
        if self.outcome is SecondOutcome.ADOPTED:
            changes = self.changes
            if not self.first_lines:
                text += " (the first engine had none)"
            elif changes:
                shown = ", ".join(f"line {c.line + 1} position {c.column + 1} {c.read!r} -> {c.corrected!r}" for c in changes[:6])
                text += f", changing {len(changes)} character(s): {shown}{' ...' if len(changes) > 6 else ''}"
            elif self.first_lines != self.second_lines:
                text += " (a reading of another shape)"
            else:
                text += " (the same characters)"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "reason": self.reason, "outcome": self.outcome.value,
                "first_lines": list(self.first_lines), "second_lines": list(self.second_lines),
                "changes": [{"line": c.line + 1, "position": c.column + 1, "read": c.read, "corrected": c.corrected}
                            for c in self.changes],
                "elapsed_ms": round(self.elapsed_ms, 1)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SecondEngine:
        return cls(str(d["engine"]), str(d["reason"]), SecondOutcome(d["outcome"]),
                   tuple(str(x) for x in d.get("first_lines") or ()), tuple(str(x) for x in d.get("second_lines") or ()),
                   float(d.get("elapsed_ms") or 0.0))


class ReadStatus(StrEnum):
    """What a reading amounts to for the examiner, the surest first."""

    CONFIRMED = "confirmed"  # every check holds, the recogniser was sure of every character, names included
    #: Every check holds and the recogniser was sure of the checked fields, but a letter of a name was read unsurely
    #: or through a stamp: no check digit covers a name (Doc 9303 Part 3, 4.9), so the reading is not confirmed
    #: until the examiner has checked the name by eye.
    NAME_UNCONFIRMED = "name_unconfirmed"
    UNCONFIRMED = "unconfirmed"  # the check digits hold, but the recogniser was unsure of the reading
    INVALID = "invalid"  # a check fails, or the reading is no MRZ of a known format
    NOT_FOUND = "not_found"  # no MRZ-like region was seen


@dataclass
class ReadResult:
    """What reading one image gave. ``found`` is False when no MRZ-like region was seen."""

    found: bool
    engine: str | None = None
    correction: Correction | None = None
    region: MRZRegion | None = None
    elapsed_ms: float = 0.0
    notes: list[str] = field(default_factory=list)
    #: A second engine asked about an unconfirmed reading (``auto``), and what it changed.
    second_engine: SecondEngine | None = None
    #: What the time budget left untried, in the order it would have been tried (empty when the reading is
    #: confirmed, or the search ended on its own).
    skipped: tuple[str, ...] = ()
    #: Per line, per character: the share of its cell that coloured print lifted out before reading covered
    #: (docexam.read.overprint); empty when none was.
    overprint: tuple[tuple[float, ...], ...] = ()
    #: The MRZ was read from its crop (``region.crop``) turned 180 degrees: the text runs the other way from the
    #: region's ``angle``, which tells the lines' direction only up to a half turn (see :meth:`text_angle`).
    upside_down: bool = False

    @property
    def mrz(self) -> MRZResult | None:
        return self.correction.result if self.correction else None

    @property
    def names(self) -> tuple[NameLetters, ...]:
        """The name fields as read, each character with the recogniser's confidence (none when the format is not
        known); :func:`docexam.read.names.unsure_names` says which hold a letter to check by eye."""
        if self.correction is None:
            return ()
        return name_letters(self.correction.result.format, self.correction.lines, self.correction.char_confidence,
                            overprint=self.overprint)

    @property
    def name_issues(self) -> tuple[Issue, ...]:
        """A warning per name field holding a character the recogniser was unsure of (:data:`IssueCode.NAME_UNSURE`):
        no check digit covers a name, so the examiner checks it by eye; nothing is corrected."""
        return tuple(Issue(IssueCode.NAME_UNSURE.value, NAME_UNSURE_MESSAGE.format(marked=n.marked()), n.field,
                           {"marked": n.marked()}) for n in unsure_names(self.names))

    @property
    def text_angle(self) -> float | None:
        """Degrees (counter-clockwise, between -180 and 180) to turn the image by to stand the MRZ's text upright, as
        read: the region's ``angle``, or that plus a half turn when it was read upside down; None when no MRZ-like
        lines were found."""
        if self.region is None:
            return None
        angle = float(self.region.angle) + (180.0 if self.upside_down else 0.0)
        return (angle + 180.0) % 360.0 - 180.0

    @property
    def valid(self) -> bool:
        """The MRZ validates and the reading is trusted (see :data:`MIN_CONFIDENCE`), and was not read from print so
        small that it was found only on an enlarged copy of the image (:attr:`MRZRegion.enlarged`): there the
        recogniser can be sure of a wrong letter of a name, which no check digit covers (a small photo in low light,
        development captures of docexam.ocr.training.printsim: bench/soft_capture_bench.py), so such a reading is
        reported unconfirmed, every character to be checked against the document."""
        return self._holds_surely and not self._enlarged

    @property
    def small_print(self) -> bool:
        """The reading validates and the recogniser was sure of it, and it is unconfirmed only because its print was
        found on an enlarged copy of the image (:attr:`valid`): the examiner is told so (:data:`IssueCode.SMALL_PRINT`),
        and that a sharper or finer capture would settle it, rather than that the recogniser was unsure."""
        return self._holds_surely and self._enlarged

    @property
    def _holds_surely(self) -> bool:
        """The MRZ validates and the recogniser's reading of it is trusted (:func:`trusted`)."""
        return bool(self.correction and self.correction.result.valid and trusted(self.correction))

    @property
    def _enlarged(self) -> bool:
        return self.region is not None and self.region.enlarged

    @property
    def unconfirmed_issue(self) -> Issue | None:
        """Why a reading whose check digits hold is not :attr:`valid` (None when it is valid, or does not validate):
        its print too small to trust a sure recogniser (:attr:`small_print`), a character the check digits cannot
        tell from a rival the recogniser also saw (:func:`blind_doubts`), or the recogniser unsure of it."""
        if self.correction is None or not self.correction.result.valid or self.valid:
            return None
        if self.small_print:
            return Issue(IssueCode.SMALL_PRINT.value, SMALL_PRINT_MESSAGE)
        doubts = blind_doubts(self.correction)
        if doubts and _sure(self.correction):  # sure of every character, but the checks cannot settle these
            d = doubts[0]
            params = {"chosen": d.chosen, "rival": d.rival, "line": str(d.line + 1), "position": str(d.column + 1)}
            return Issue(IssueCode.CHECK_BLIND.value, CHECK_BLIND_MESSAGE.format(**params), None, params)
        return Issue(IssueCode.UNCONFIRMED_READING.value, UNCONFIRMED_MESSAGE)

    @property
    def confirmed(self) -> bool:
        """The reading is :attr:`valid` and no letter of a name is left for the examiner to check by eye
        (:attr:`name_issues`): what a count of confirmed readings counts."""
        return self.valid and not self.name_issues

    @property
    def status(self) -> ReadStatus:
        if self.correction is None:
            return ReadStatus.NOT_FOUND if not self.found else ReadStatus.INVALID
        if self.valid:
            return ReadStatus.CONFIRMED if not self.name_issues else ReadStatus.NAME_UNCONFIRMED
        return ReadStatus.UNCONFIRMED if self.correction.result.valid else ReadStatus.INVALID

    def _cut_short(self) -> Issue:
        skipped = "; ".join(self.skipped)
        return Issue(IssueCode.SEARCH_CUT_SHORT.value, SEARCH_CUT_SHORT_MESSAGE.format(skipped=skipped), None,
                     {"skipped": skipped})

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"found": self.found, "engine": self.engine, "elapsed_ms": round(self.elapsed_ms, 1),
                             "status": self.status.value, "confirmed": self.confirmed}
        if self.correction is not None:
            r = self.correction.result.to_dict()
            d |= {k: r[k] for k in ("format", "lines", "fields", "checks", "errors", "warnings", "issues")}
            d["valid"] = self.valid
            unsure = self.unconfirmed_issue
            if unsure is not None:
                d["warnings"] = d["warnings"] + [unsure.message]
                d["issues"] = d["issues"] + [dict(unsure.to_dict(), severity="warning")]
            d["confidence"] = round(self.correction.confidence, 4)
            d["char_confidence"] = [[round(c, 3) for c in line] for line in self.correction.char_confidence]
            d["corrections"] = [{"line": c.line + 1, "position": c.column + 1, "read": c.read, "corrected": c.corrected}
                                for c in self.correction.changes]
            d["name_letters"] = [n.to_dict() for n in self.names]
            extra = list(self.name_issues)
            if self.second_engine is not None:
                extra.append(Issue(IssueCode.SECOND_ENGINE.value, self.second_engine.message, None,
                                   {"engine": self.second_engine.engine, "outcome": self.second_engine.outcome.value}))
            if self.skipped and not self.valid:
                extra.append(self._cut_short())
            d["warnings"] = d["warnings"] + [i.message for i in extra]
            d["issues"] = d["issues"] + [dict(i.to_dict(), severity="warning") for i in extra]
        else:
            d |= {"format": None, "lines": [], "valid": False, "fields": None, "checks": {}, "confidence": 0.0}
            # A search cut short before any reading was corrected still says what it left untried.
            cut = [self._cut_short()] if self.skipped else []
            d |= {"errors": [], "warnings": [i.message for i in cut],
                  "issues": [dict(i.to_dict(), severity="warning") for i in cut]}
        if self.region is not None:
            d["region"] = np.round(self.region.corners, 1).tolist()
        if self.second_engine is not None:
            d["second_engine"] = self.second_engine.to_dict()
        if self.skipped:
            d["skipped"] = list(self.skipped)
        if self.notes:
            d["notes"] = list(self.notes)
        return d


#: A reading is trusted only when the recogniser itself read every character with at least MIN_CHAR_CONFIDENCE
#: (so a correction may pick the engine's own second choice, but never a look-alike the engine did not see), the
#: geometric mean is at least MIN_CONFIDENCE, and no more than MAX_CHANGES characters were changed. Otherwise check
#: digits can be satisfied by chance on garbage, or a forged digit "repaired", and a validated wrong read is the
#: worst outcome. Measured on the real corpus and on generated captures: every correct validated reading had all
#: characters above 0.5, every wrong one had a character below 0.41.
MIN_CHAR_CONFIDENCE = 0.45
MIN_CONFIDENCE = 0.5
MAX_CHANGES = 8
#: A character standing alone among fillers ("<<<O<<<") is most often a filler seen through a cell that straddles
#: two chevrons; where no check digit covers it (names, optional data) nothing else would catch it, so it needs a
#: near-certain recognition. A genuine initial ("SMITH<<J<<<") is read with 0.99 and more.
MIN_LONE_CHAR_CONFIDENCE = 0.95
#: A reading is not trusted where the recogniser gave a character's blind rival (a character of the same check-digit
#: value modulo 10, :class:`~docexam.mrz.correct.BlindRival`: 3 and X, 6 and G, 8 and S) this much confidence: the
#: check digits hold with either, so they confirm neither, and the correction kept the likelier. On the real corpus and
#: on 400 development captures (Utopia and generated designs, seed 7) every right reading's rivals stayed under 0.007;
#: a hard Utopia capture's blurred X at the edge of the card was read 3 (0.58) with X at 0.18, valid and wrong.
BLIND_RIVAL = 0.05


def _lone_char(line: str, col: int) -> bool:
    """Whether the character at ``col`` of ``line`` stands alone among fillers ("<<<O<<<"), or is a letter after
    fillers in the line's last cell (a filler half cut by the crop's edge read as C on a visa's optional data, which
    no check digit covers; a digit there is a check digit)."""
    if line[col] == "<":
        return False
    if 0 < col < len(line) - 1:
        return line[col - 1] == "<" and line[col + 1] == "<"
    return 0 < col == len(line) - 1 and line[col - 1] == "<" and line[col] in LETTERS


def _lone_chars_sure(c: Correction) -> bool:
    return all(conf[col] >= MIN_LONE_CHAR_CONFIDENCE or not _lone_char(line, col)
               for line, conf in zip(c.lines, c.char_confidence) for col in range(len(line)))


def blind_doubts(c: Correction) -> tuple[BlindRival, ...]:
    """The characters of a reading its check digits cannot settle: a rival of the same check-digit value the
    recogniser gave at least :data:`BLIND_RIVAL` confidence, the likeliest rival first."""
    return tuple(sorted((r for r in c.blind_rivals if r.confidence >= BLIND_RIVAL), key=lambda r: -r.confidence))


def _sure(c: Correction) -> bool:
    """Whether the recogniser was sure enough of every character of ``c`` (:data:`MIN_CHAR_CONFIDENCE`...), its
    rivals left aside."""
    lowest = min((x for line in c.char_confidence for x in line), default=0.0)
    return (lowest >= MIN_CHAR_CONFIDENCE and c.confidence >= MIN_CONFIDENCE and len(c.changes) <= MAX_CHANGES
            and _lone_chars_sure(c))


def trusted(c: Correction) -> bool:
    return _sure(c) and not blind_doubts(c)


def trusted_span(c: Correction, span: Span) -> bool:
    """Whether the characters ``span`` of a reading that is not :func:`trusted` as a whole may still be taken as read:
    every check digit holds and the reading is confident overall (:data:`MIN_CONFIDENCE`, :data:`MAX_CHANGES`), and
    each character of the span is sure (:data:`MIN_CHAR_CONFIDENCE`; one alone among fillers,
    :data:`MIN_LONE_CHAR_CONFIDENCE`) or is a digit the field's alphabet turned into the letter it looks like (a 0
    read in a name is its O, Doc 9303 Part 3, 4.6: a name has no digits). A reading doubtful only in its document
    number's O and 0 still reads its name: what a name is compared with treats the two alike."""
    if not (c.result.valid and c.confidence >= MIN_CONFIDENCE and len(c.changes) <= MAX_CHANGES):
        return False
    forced = {(ch.line, ch.column) for ch in c.changes
              if ch.read.isdigit() and ch.corrected in LETTERS and ch.corrected in CONFUSIONS.get(ch.read, "")}
    doubted = {(r.line, r.column) for r in blind_doubts(c)}
    start = 0  # of the line in the joined lines the span counts in
    for line, (row, conf) in enumerate(zip(c.lines, c.char_confidence, strict=True)):
        for col in range(max(span.start - start, 0), min(span.stop - start, len(row))):
            least = MIN_LONE_CHAR_CONFIDENCE if _lone_char(row, col) else MIN_CHAR_CONFIDENCE
            if ((line, col) not in forced and conf[col] < least) or (line, col) in doubted:
                return False
        start += len(row)
    return True


def _rank(c: Correction) -> tuple:
    r = c.result
    # Among readings that are not trusted, the recogniser's confidence says more than check digits, which garbage
    # satisfies by chance one time in ten each.
    return (r.valid and trusted(c), trusted(c), r.format is not None, round(c.confidence, 2), sum(ch.valid for ch in r.checks))


@dataclass(frozen=True)
class _View:
    """One way of looking at the crop: upright or turned, with its ink, line bands and grey levels."""

    img: np.ndarray
    ink: np.ndarray
    bands: list[tuple[int, int]]
    levels: tuple[float, float]
    #: What the characters are read from: ``img`` with what was lifted out taken to the paper (:func:`_paper_under`).
    cells_img: np.ndarray
    #: How coloured each pixel of ``img`` was before it was lifted out (MRZRegion.overprint), or None.
    overprint: np.ndarray | None = None
    #: ``img`` is the crop turned 180 degrees.
    flipped: bool = False

    def seen(self, lines) -> _Seen:
        """What the reading of this view with cells ``lines`` keeps."""
        return _Seen(self.img, lines, self.overprint, self.flipped)


class _Seen(NamedTuple):
    """What a reading keeps of the view it was read on: the image, the cells, the overprint map (or None), and whether
    the image is the crop turned 180 degrees."""

    img: np.ndarray
    cells: Any
    overprint: np.ndarray | None
    flipped: bool


@dataclass(frozen=True)
class _Reading:
    view: _View
    n: int  # characters per line
    lines: list  # LineCells
    candidates: list  # per line, per position: [(char, confidence), ...]
    #: The shared grid the lines' cells were placed by (segment.shared_grid).
    grid: tuple[float, float, float] | None = None


#: Foreshortenings tried when the first grids give no reading that validates (see segment.fit_centres): a phone
#: held at an angle shrinks the pitch by up to ~15 % from one end of the line to the other (LEAST_INK_WARPS, the
#: grid crossing the least ink wins), a steep one by up to ~40 % (PERSPECTIVE_WARPS, each read).
LEAST_INK_WARPS = (0.0, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09)
#: Foreshortenings of the first reading's grid, the one crossing the least ink kept. A uniform grid over a line
#: photographed at an angle sits right in the middle and drifts off the glyphs towards either end, and a glyph cut at
#: its cell's edge can be read surely as another letter the check digit cannot tell from it: a passport number's P read
#: F (0.95 sure) where perspective shifted its line, and P and F differ by 10 in a check digit's values (Doc 9303
#: Part 3, 4.9), so the reading was confirmed wrong and never looked at again. Three fits, not LEAST_INK_WARPS' seven:
#: each costs a few milliseconds per reading, and the first readings are every image's. The crop turned upside down,
#: read to tell which way up it is, is read on a uniform grid first.
FIRST_WARPS = (0.0, -0.06, 0.06)
PERSPECTIVE_WARPS = (-0.24, -0.18, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.18, 0.24)
#: Of PERSPECTIVE_WARPS, how many are read: those whose grids cross the least ink (segment.grids_by_ink; fitting a grid
#: costs a seventh of reading its cells). On 100 development steep-angle photos (perspective 0.06, rotation 8 degrees,
#: seeds 100-124, four families; 20 went as far as these grids) the three readings of the twelve the recogniser was
#: surest of were those of the three least-ink grids in 19, and among the four least-ink in all 20; reading only those
#: four read the same 100 exactly, 0 valid but wrong, one more confirmed.
STEEP_READS = 4
#: Foreshortened readings corrected, the surest first.
SECOND_LOOKS = 4
#: Mean first-choice confidence above which the upright reading is corrected before the upside-down view is read.
EARLY_SURENESS = 0.85
#: How much less sure (mean first-choice confidence) than the surest reading a reading may be and still be looked at
#: through other grids. On the real corpus a right-way-up reading is 0.08 to 0.1 surer than the same crop turned.
UNLIKELY_MARGIN = 0.05

# The steps the time budget weighs (docexam.read.budget), and their costs before the first run of each is measured:
# a garbled reading's correction searches every field to its limit (about 60 ms); a reading's steep grids (twelve
# fitted, four read) cost 40 to 60 ms; tesseract's three runs on a two-line MRZ take 150 to 250 ms each.
_LOCATE, _LOCATE_FULL, _READ, _CORRECT, _STEEP, _TESSERACT = "locate", "locate_full", "read", "correct", "steep", "tesseract"
_DECOLOUR = "decolour"
_CORRECT_GUESS_MS = 25.0
_STEEP_GUESS_MS = 60.0
TESSERACT_GUESS_MS = 450.0


def _paper_under(img: np.ndarray, overprint: np.ndarray | None, paper: float) -> np.ndarray:
    """``img`` with the print lifted out of it (``overprint``: how coloured each pixel was, 0 to 1) taken the rest of
    the way to the ``paper``, or ``img`` itself when nothing was lifted.

    Coloured print is lifted only to its lightest channel (:func:`docexam.read.overprint.lift_colour`), so that the ink
    map the lines and the grid are found on sees no light line on the paper; a stamp's ring is still a grey stroke
    there, which turned an I into a C and an X into a K on generated stamped captures. The black MRZ is neutral under
    a stamp too (Doc 9303 Part 3, 4.11), so taking what was coloured to the paper takes nothing of the MRZ away."""
    if overprint is None:
        return img
    grey = img.astype(np.float32)
    return np.clip(grey + overprint * np.maximum(paper - grey, 0.0) + 0.5, 0, 255).astype(np.uint8)


def _unslanted(crop: np.ndarray) -> np.ndarray:
    """``crop`` with leaning characters stood upright (see :func:`segment.estimate_shear`)."""
    return _unslanted_with(crop, None)[0]


#: The ink maps (:func:`segment.ink_map`) of the images read last, by identity (each entry holds its image, so an id
#: is not reused while it is here): one crop's map is asked for by the layout's evidence, the shear, the upright view
#: and the printed marks, and is the same map each time. The maps are read-only, so none is changed under another.
_INK_MAPS: dict[int, tuple[np.ndarray, np.ndarray]] = {}
_INK_MAPS_KEPT = 8


def _ink(img: np.ndarray, *, turned_from: np.ndarray | None = None) -> np.ndarray:
    """``ink_map(img)``, computed once per image; ``turned_from``: the image ``img`` is turned 180 degrees from, whose
    map turned is ``img``'s (the closing's square window and the percentile do not depend on the orientation)."""
    kept = _INK_MAPS.get(id(img))
    if kept is not None and kept[0] is img:
        return kept[1]
    ink = cv2.rotate(_ink(turned_from), cv2.ROTATE_180) if turned_from is not None else ink_map(img)
    ink.setflags(write=False)
    while len(_INK_MAPS) >= _INK_MAPS_KEPT:
        try:
            _INK_MAPS.pop(next(iter(_INK_MAPS)), None)  # the oldest
        except (RuntimeError, StopIteration):  # another thread's reading changed the maps meanwhile
            break
    _INK_MAPS[id(img)] = (img, ink)
    return ink


def _unslanted_with(crop: np.ndarray, overprint: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """``crop`` stood upright, and its overprint map (:attr:`MRZRegion.overprint`) sheared with it."""
    shear = estimate_shear(_ink(crop))
    if not shear:
        return crop, overprint
    return deshear(crop, shear), (deshear(overprint, shear) if overprint is not None else None)


def _views(crop: np.ndarray, n_lines: int, *, flips: tuple[bool, ...] = (False, True),
           overprint: np.ndarray | None = None) -> list[_View]:
    """The ways of reading ``crop`` (already stood upright by :func:`_unslanted`): as it is, turned 180 degrees. A
    crop in soft focus (:func:`focus.softness`) has its characters read from it sharpened (:func:`focus.sharpened`);
    its lines and grid are found on it as it is."""
    out = []
    measured = None
    for flip in flips:
        img = cv2.rotate(crop, cv2.ROTATE_180) if flip else crop
        over = cv2.rotate(overprint, cv2.ROTATE_180) if flip and overprint is not None else overprint
        ink = _ink(img, turned_from=crop if flip else None)
        bands = line_bands(ink, n_lines)
        if len(bands) == n_lines:
            measured = measured or _focus(crop)  # one measure for the crop and its turned view
            cells_img, levels = _cells_image(img, over, measured)
            out.append(_View(img, ink, bands, levels, cells_img, over, flip))
    return out


def _focus(img: np.ndarray) -> tuple[tuple[float, float], float]:
    """The grey levels (:func:`ocrb.line_levels`) and the softness (:func:`focus.softness`) of the crop ``img``; both
    the same for it turned 180 degrees (a histogram; the magnitudes of its gradients), so measured once for both."""
    levels = ocrb.line_levels(img)
    return levels, focus.softness(img, levels=levels) if min(img.shape) >= 3 else 0.0  # (a sliver has no edges)


def _cells_image(img: np.ndarray, overprint: np.ndarray | None,
                 measured: tuple[tuple[float, float], float] | None = None) -> tuple[np.ndarray, tuple[float, float]]:
    """What the characters of the crop ``img`` are read from, and its grey levels: ``img`` with what was lifted out
    of it taken to the paper (:func:`_paper_under`), sharpened when it is in soft focus (:mod:`docexam.read.focus`).
    ``measured``: :func:`_focus` of ``img`` (or of the crop it is turned from), when already taken."""
    levels, soft = measured or _focus(img)
    cells_img = _paper_under(img, overprint, levels[0])
    if soft < focus.SOFT_PX:
        return cells_img, levels
    cells_img = focus.sharpened(cells_img, sigma=soft)
    return cells_img, ocrb.line_levels(cells_img)


def cell_overprint(overprint: np.ndarray | None, lines) -> tuple[tuple[float, ...], ...]:
    """Per line, per cell of ``lines`` (LineCells): the share of the cell that coloured print covered; empty when
    there is no overprint map."""
    if overprint is None:
        return ()
    h, w = overprint.shape
    out = []
    for ln in lines:
        row = []
        for xc in ln.centres:
            x0, y0, x1, y1 = ocrb.cell_geometry(float(xc), ln.y_centre, ln.pitch)
            cell = overprint[max(0, int(y0)) : min(h, int(np.ceil(y1))), max(0, int(x0)) : min(w, int(np.ceil(x1)))]
            row.append(float(cell.mean()) if cell.size else 0.0)
        out.append(tuple(row))
    return tuple(out)


#: How far (in pitches) a line's own grid must put a cell from the shared grid's for the line to be read on it too.
FOLLOW_MIN_SHIFT = 0.1


def _ocrb_reading(view: _View, n: int, *, warps=FIRST_WARPS, follow: bool = True,
                  grid: tuple[float, float, float] | None = None) -> _Reading | None:
    """The recogniser's candidates for ``view`` read as lines of ``n`` characters, or None if they cannot be;
    ``follow=False`` reads every line on the shared grid only (the steep foreshortenings, twelve readings of a crop:
    each line's own grid would cost a third more of each). ``grid``: segment.shared_grid of the view for ``n`` and
    ``warps``, when already fitted."""
    try:
        grid = grid or shared_grid(view.ink, view.bands, n, warps=warps)
        lines, followed = segment_lines_followed(view.ink, view.bands, n, follow=follow, grid=grid)
    except ValueError:
        return None
    pitch = float(np.median([ln.pitch for ln in lines]))
    if not 0.55 < pitch / np.median([b - a for a, b in view.bands]) < 2.2:
        return None  # cells far wider or narrower than the characters: wrong length
    candidates = [ocrb.classify(ocrb.cut_cells(view.cells_img, ln.centres, ln.y_centre, ln.pitch, levels=view.levels))
                  for ln in lines]
    # A line whose own ink puts its cells elsewhere (perspective lengthens the line nearer the camera) is read on its
    # own grid too, which is kept only when the recogniser reads fewer of its cells unsurely: a grid cutting across
    # glyphs shows as cells read unsurely, and where both grids read every cell surely the shared one stands.
    for i, (ln, own) in enumerate(zip(lines, followed)):
        moved = np.flatnonzero(np.abs(own.centres - ln.centres) > FOLLOW_MIN_SHIFT * ln.pitch)
        if moved.size:  # only the cells that moved are read again (the others are the same cells, near enough)
            again = ocrb.classify(ocrb.cut_cells(view.cells_img, own.centres[moved], own.y_centre, own.pitch,
                                                 levels=view.levels))
            if _unsure_cells(again) < _unsure_cells([candidates[i][j] for j in moved]):
                lines[i] = own
                for j, cell in zip(moved, again):
                    candidates[i][j] = cell
    candidates, _ = calibrate(candidates)  # this document's digits as its digits-only fields show them
    return _Reading(view, n, lines, candidates, grid)


def _member_readings(reading: _Reading, budget: Budget, today):
    """(correction, reading) of ``reading``'s cells read by each network of the recogniser alone that is surer of
    them than the networks together, while the budget affords a correction (nothing when the recogniser is one
    network)."""
    model = ocrb.load_model()
    if not isinstance(model, ocrb.Ensemble):
        return
    together = _sureness(reading.candidates)
    for member in model.members:
        cands, _ = calibrate([ocrb.classify(ocrb.cut_cells(reading.view.cells_img, ln.centres, ln.y_centre, ln.pitch,
                                                           levels=reading.view.levels), model=member)
                              for ln in reading.lines])
        # Only a network surer alone than the networks together, and sure as a right-way-up MRZ reads (not garbage,
        # whose correction costs most), is worth a correction.
        if not together < _sureness(cands) >= EARLY_SURENESS:
            continue
        if not budget.affords(_CORRECT, guess_ms=_CORRECT_GUESS_MS):
            budget.skip("the networks' readings one by one")
            return
        alone = _Reading(reading.view, reading.n, reading.lines, cands)
        with budget.step(_CORRECT):
            yield correct(cands, today=today), alone


def _member_wins(c: Correction, best: Correction | None, rank) -> bool:
    """Whether one network's reading ``c`` (:func:`_member_readings`) replaces the best reading so far: when it ranks
    higher, but a reading whose every check holds is not given up for one that breaks a check, however sure the one
    network is alone (the check digits are the evidence both readings are measured by), unless it is confirmed, or
    settled (:func:`_settled`: every character read surely, one field's check failing) where the best reading's
    checks hold only by a change the recogniser did not read (:func:`_checks_made_to_hold`).

    A check digit is satisfied by one changed character in about one try in ten (Doc 9303 Part 3, 4.9), and the
    correction tries every look-alike of every position: a forged document number read ``MC852D1249``, its 0 (0.985
    sure) taken for a D the networks gave nothing, so that a check digit failing as printed held. Reporting that MRZ
    valid hides exactly what the examiner looks for. A reading whose checks hold on characters read as read, however
    unsurely, keeps them holding."""
    return best is None or (rank(c) > rank(best) and (
        _confirmed(c) or not best.result.valid or _settled(c) and _checks_made_to_hold(best)))


def _checks_made_to_hold(c: Correction) -> bool:
    """Whether a character of ``c`` was changed into one the recogniser gave less than :data:`MIN_CHAR_CONFIDENCE`:
    what the check digits asked for, not what was read."""
    return any(c.char_confidence[ch.line][ch.column] < MIN_CHAR_CONFIDENCE for ch in c.changes)


def _unsure_cells(line: list) -> int:
    """How many cells of one line's candidates the recogniser's first choice is unsure of (under the confidence a
    name's letter needs to go unchecked, :data:`docexam.read.names.NAME_CHECK_BELOW`)."""
    return sum(cell[0][1] < NAME_CHECK_BELOW for cell in line)


def _sureness(candidates: list) -> float:
    """Mean confidence of the recogniser's first choice over all cells of a reading."""
    return float(np.mean([cell[0][1] for line in candidates for cell in line]))


def _draw_cells(img: np.ndarray, lines) -> np.ndarray:
    vis = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
    for ln in lines:
        for xc in ln.centres:
            x0, y0, x1, y1 = ocrb.cell_geometry(float(xc), ln.y_centre, ln.pitch)
            cv2.rectangle(vis, (int(x0), int(y0)), (int(x1), int(y1)), (0, 140, 255), 1)
    return vis


def _confirmed(c: Correction | None) -> bool:
    return c is not None and c.result.valid and trusted(c)


def _settled(c: Correction) -> bool:
    """Whether a reading that does not validate is evidence enough that the MRZ as printed does not: the recogniser
    read every character with confidence (:func:`trusted`), the format is known, and what fails is what one changed
    character fails (its field's check digit and the composite, Part 3, 4.9), not what a grid off by a character
    fails (nearly every check at once). Searching further would only look for a reading that hides the failure.

    A changed digit of a date can also make it no date at all (month 28): a date error in the field whose check digit
    fails is the same one changed character's doing (Part 3, 4.9: the check digit covers the date's six digits)."""
    failing = [ch.name for ch in c.result.checks if not ch.valid]
    return (trusted(c) and c.result.format is not None and 0 < len(failing) <= 2
            and (len(failing) == 1 or "composite" in failing)
            and all(i.code == IssueCode.CHECK_DIGIT.value or (i.code == IssueCode.DATE.value and i.field in failing)
                    for i in c.result.errors))


def _done(c: Correction | None, exhaustive: bool) -> bool:
    return c is not None and (_confirmed(c) or (trusted(c) if not exhaustive else _settled(c)))


#: Ink beyond a line's grid, in the cell-wide window past its first or last cell, over the ink of its typical cell,
#: from which the grid is taken to have left a character out (see :func:`_spills`).
SPILL_SHARE = 0.5


def _spills(reading: _Reading | None) -> bool:
    """Whether a line of ``reading`` (none: no) has a character's ink beside its grid: in the cell-wide window just
    past its first or its last cell, at least :data:`SPILL_SHARE` of the ink of its typical cell. The MRZ's lines have
    a clear margin at either end (Doc 9303 Part 3, 4.10), so a grid that is right leaves nothing there; one whose pitch
    is too short (a page held at an angle: the characters nearer the camera wider) drops the line's last character and
    misreads those before it with confidence, which looks like one changed character to the check digits."""
    if reading is None:
        return False
    ink = reading.view.ink
    for ln in reading.lines:
        a, b = ln.band
        profile = ink[a:b].sum(axis=0, dtype=np.float64)
        cum = np.concatenate([[0.0], np.cumsum(profile)])
        pitch = float(ln.pitch)
        first, last = float(ln.centres[0]), float(ln.centres[-1])
        edges = np.concatenate([ln.centres - pitch / 2, [last + pitch / 2]])
        at = np.arange(len(cum), dtype=np.float64)
        cells = np.diff(np.interp(edges, at, cum))
        typical = float(np.median(cells))
        if typical <= 0:
            continue
        before = np.diff(np.interp([first - 1.5 * pitch, first - pitch / 2], at, cum))[0]
        after = np.diff(np.interp([last + pitch / 2, last + 1.5 * pitch], at, cum))[0]
        if max(before, after) >= SPILL_SHARE * typical:
            return True
    return False


class _Unlikely(Exception):
    """The recogniser's first readings of a region are too unsure for it to be an MRZ read the right way
    (:data:`QUICK_UNLIKELY`): another region may be likelier, and is looked for before this one is searched."""

    def __init__(self, sureness: float) -> None:
        super().__init__(f"the surest reading of the region has a mean confidence of {sureness:.2f}")
        self.sureness = sureness


#: Mean first-choice confidence under which the surest reading, upright or upside down, of a region found along the
#: image's rows alone gives way to a look along the columns before the costly search: print that only looks like an
#: MRZ's lines (a laser-perforated number's rows of holes beside an MRZ turned a quarter: 0.63) reads far less surely
#: than an MRZ the right way (0.85 and more on the real corpus and generated captures, bar the hardest).
QUICK_UNLIKELY = 0.75


def _read_ocrb(region: MRZRegion, today, exhaustive: bool = True, budget: Budget | None = None, *,
               give_way_below: float = 0.0, first_looks: bool = False) -> tuple[Correction | None, tuple | None]:
    """The best OCR-B reading of ``region`` and the view it came from (image, line cells); with ``exhaustive``
    False, the first trusted reading even if it does not validate. Stops, with the best so far, when ``budget`` no
    longer affords the next step (what was left is recorded in it). Raises :class:`_Unlikely` when the surest first
    reading is less sure than ``give_way_below`` (before any correction is searched). ``first_looks``: only the
    likeliest readings (upright and turned, on the crop's own grid) are corrected, none searched further."""
    budget = budget or Budget.unlimited()
    best: Correction | None = None
    best_view = None
    # The likeliest reading first (upright, right length: the recogniser is sure of nearly every cell), and no more
    # once one validates and is trusted, or fails in a way only the document itself explains (:func:`_settled`):
    # the check-digit search is the costly part.
    lengths = LENGTHS.get(region.lines, (44, 36))
    straight, overprint = _unslanted_with(region.crop, region.overprint)
    upright = _views(straight, region.lines, flips=(False,), overprint=overprint)
    # The line length from the geometry before any character is read: a reading of another length outranks one of
    # that length only when it is confirmed (a TD3 whose unsure reading was corrected into validating as a TD2 stays
    # a TD3; a steep photo, whose foreshortened pitch the geometry measures less well, is still read at its length).
    decided = line_length_evidence(upright[0].ink, upright[0].bands, lengths) if upright and len(lengths) > 1 else None

    def rank(c: Correction) -> tuple:
        ranked = _rank(c)
        return (ranked[0], decided is None or len(c.lines[0]) == decided, *ranked[1:])

    def fits(r: _Reading) -> bool:
        return decided is None or r.n == decided

    def final(c: Correction | None, reading: _Reading | None) -> bool:
        # The search ends here: the reading is done (_done) and confirmed, or at the decided length with no
        # character's ink left beside its grid (_spills).
        return c is not None and _done(c, exhaustive) and (_confirmed(c) or rank(c)[1] and not _spills(reading))

    corrected: dict[int, Correction] = {}  # id(reading) -> its correction, so none is searched twice

    def early(first: list[_Reading]) -> tuple[Correction, tuple] | None:
        # Most crops are the right way up: when the recogniser is sure of the upright reading and it validates, the
        # upside-down view need not be read at all (a reading of it could not validate as well).
        surest = max(first, key=lambda r: (fits(r), _sureness(r.candidates)))
        if _sureness(surest.candidates) >= EARLY_SURENESS:
            with budget.step(_CORRECT):
                c = corrected[id(surest)] = correct(surest.candidates, today=today)
            if final(c, surest):
                return c, surest.view.seen(surest.lines)
        return None

    # The upright view at the length the geometry decided first: that reading is the surest of the upright ones
    # whenever there is one (it alone fits), so when it is read with confidence and confirmed, the other length is
    # never read; otherwise it is, and the readings are taken in the usual order.
    with budget.step(_READ):
        read = {(i, n): _ocrb_reading(v, n) for i, v in enumerate(upright)
                for n in ((decided,) if decided is not None else lengths)}
    looked = any(read.values())
    if looked and (found := early([r for r in read.values() if r])) is not None:
        return found
    if len(read) < len(upright) * len(lengths):
        with budget.step(_READ):
            read |= {(i, n): _ocrb_reading(v, n) for i, v in enumerate(upright) for n in lengths if (i, n) not in read}
    first = [r for i in range(len(upright)) for n in lengths if (r := read[i, n])]
    if first and not looked and (found := early(first)) is not None:
        return found
    readings = first
    if budget.affords(_READ):
        with budget.step(_READ):
            flipped = _views(straight, region.lines, flips=(True,), overprint=overprint)
            readings = first + [r for v in flipped for n in lengths if (r := _ocrb_reading(v, n, warps=(0.0,)))]
    else:
        budget.skip("the crop turned upside down")
    readings.sort(key=lambda r: (not fits(r), -_sureness(r.candidates)))
    top = max((_sureness(r.candidates) for r in readings), default=0.0)
    if give_way_below and top < give_way_below:
        raise _Unlikely(top)
    # A reading the recogniser is clearly less sure of than the surest (the crop the wrong way up, the wrong line
    # length) is garbage whose correction costs most (every field searched to its limit) and cannot win: it is
    # corrected only when nothing better turned up, and never looked at again through other grids.
    if readings:
        likely = [r for r in readings if _sureness(r.candidates) >= top - UNLIKELY_MARGIN]
        readings = likely + [r for r in readings if _sureness(r.candidates) < top - UNLIKELY_MARGIN]
    else:
        likely = []
    best_reading: _Reading | None = None  # the reading best came from
    for k, reading in enumerate(readings):
        if k >= len(likely) and (first_looks or best is not None and (trusted(best) or best.result.valid)):
            break
        known = corrected.get(id(reading))
        if known is not None:
            c = known
        else:
            if not budget.affords(_CORRECT, guess_ms=_CORRECT_GUESS_MS):
                budget.skip("the less likely readings of the crop")
                return best, best_view
            with budget.step(_CORRECT):
                c = correct(reading.candidates, today=today)
        if best is None or rank(c) > rank(best):
            best, best_view, best_reading = c, reading.view.seen(reading.lines), reading
        if final(best, best_reading):
            return best, best_view
    if first_looks:
        return best, best_view
    # The networks one by one, where together they were unsure of a character: one trained on another font than the
    # document's can be sure of a wrong character where the other is sure of the right one, and together neither is.
    if likely and (best is None or not trusted(best)):
        for c, reading in _member_readings(likely[0], budget, today):
            if _member_wins(c, best, rank):
                best, best_view, best_reading = c, reading.view.seen(reading.lines), reading
            if final(best, best_reading):
                return best, best_view
    # Second look, at the two likeliest readings: a grid foreshortened by perspective, the grid crossing the least ink
    # among the milder foreshortenings first.
    for r in likely[:2]:
        if not (budget.affords(_READ) and budget.affords(_CORRECT, guess_ms=_CORRECT_GUESS_MS)):
            budget.skip("grids foreshortened by perspective")
            return best, best_view
        with budget.step(_READ):
            try:
                grid = shared_grid(r.view.ink, r.view.bands, r.n, warps=LEAST_INK_WARPS)
            except ValueError:
                grid = None
            # The least-ink grid of these is often the first reading's own (FIRST_WARPS are among them; the likely
            # readings, upright and turned, all let each line follow its own ink, as this one does): that reading
            # again, corrected again, would change nothing.
            same = grid is not None and grid == r.grid
            again = None if grid is None or same else _ocrb_reading(r.view, r.n, warps=LEAST_INK_WARPS, grid=grid)
        if again is not None:
            with budget.step(_CORRECT):
                c = correct(again.candidates, today=today)
            if best is None or rank(c) > rank(best):
                best, best_view = c, again.view.seen(again.lines)
            if _confirmed(best):
                return best, best_view
    # When the pitch changes by a third along the line the least-ink grid can be wrong (it takes in an empty cell at
    # one end instead), so every foreshortening is read and the surest few corrected. One of them is taken when it
    # validates and is trusted, or by the usual ranking when the best so far is neither trusted nor valid; not
    # otherwise: a grid that drops a character can be read with confidence and would outrank a right reading whose
    # check digits hold.
    steep: list[_Reading] = []
    for r in likely[:2]:
        if not budget.affords(_STEEP, guess_ms=_STEEP_GUESS_MS):
            budget.skip("steeply foreshortened grids")
            break
        with budget.step(_STEEP):
            grids = grids_by_ink(r.view.ink, r.view.bands, r.n, warps=PERSPECTIVE_WARPS)[:STEEP_READS]
            steep += [a for g in grids if (a := _ocrb_reading(r.view, r.n, follow=False, grid=g))]
    steep.sort(key=lambda r: -_sureness(r.candidates))
    open_question = best is None or not (best.result.valid or trusted(best))
    for reading in steep[:SECOND_LOOKS]:
        if not budget.affords(_CORRECT, guess_ms=_CORRECT_GUESS_MS):
            budget.skip("steeply foreshortened grids")
            break
        with budget.step(_CORRECT):
            c = correct(reading.candidates, today=today)
        if _confirmed(c) or (open_question and (best is None or rank(c) > rank(best))):
            best, best_view = c, reading.view.seen(reading.lines)
            if _confirmed(c):
                break
    return best, best_view


#: Width of a line of OCR-B in character heights, per character: the pitch is 2.54 mm (Doc 9303 Part 3, 4.4) and the
#: height about 3 mm. Measured on the located lines of the real corpus: 0.76 to 0.94 (a fictional card in another
#: font, 0.68), whatever the format; the formats' lengths (30, 36, 44) differ by a fifth.
WIDTH_PER_CHARACTER = 0.85
#: Characters per line at or under which two located lines are taken for a TD1 that lost its third line (its lines
#: measured 24 to 33 characters on the corpus, the shortest TD2 33.4), and the region grown by a line is read first.
TD1_EVIDENCE_CHARACTERS = 31.0


def characters_per_line(crop: np.ndarray, bands: list[tuple[int, int]]) -> float:
    """How many characters the longest of the text ``bands`` of ``crop`` holds, from its width and its height (the
    evidence of the geometry, before any character is read)."""
    ink = _ink(crop)
    widths = []
    for a, b in bands:
        cols = np.flatnonzero(ink[a:b].max(axis=0) > 0) if b > a else np.empty(0, np.intp)
        widths.append(int(cols[-1] - cols[0] + 1) if cols.size else 0)
    height = float(np.median([b - a for a, b in bands]))
    return max(widths) / max(1.0, height) / WIDTH_PER_CHARACTER


#: A reading's note when no text lines of an MRZ were found (the command line words it in its reader's language).
NO_LINES = N_("no MRZ-like text lines found")


def _ocrb_pass(gray: np.ndarray, region: MRZRegion, today, exhaustive: bool, budget: Budget, notes: list[str],
               colour: np.ndarray | None = None, ir: np.ndarray | None = None, *, give_way_below: float = 0.0):
    """The built-in recogniser's best reading of ``region`` (and, for two lines that do not validate, of the region
    grown by a line: a TD1 whose third line was not located), its view, and the region it came from.

    The layout is decided from the geometry first: two lines about 30 characters long are a TD1's, one line lost
    (Doc 9303 Part 5, 4.2: 3 x 30; Parts 4 and 6: 2 x 44 and 2 x 36), and the region grown by a line is read before
    the two lines are read at 44 or 36."""
    bands = line_bands(_ink(region.crop), 2) if region.lines == 2 else []
    grown_first = False
    if len(bands) == 2:
        # Two measures of the lines' length in characters: their ink's width over its height, and the located lines'
        # length over their strokes' period (MRZRegion.cells), which print whose characters are low for their pitch
        # or broken across (a thermal printer's missed dot rows, a glyph drawn narrow) does not upset.
        chars = characters_per_line(region.crop, bands)
        cells = region.cells
        by_period = cells is not None and any(abs(cells / n - 1) <= LAYOUT_TOLERANCE for n in LAYOUTS[3])
        grown_first = chars <= TD1_EVIDENCE_CHARACTERS or by_period
        if grown_first:
            chars = cells if by_period and cells is not None else chars
            notes.append(f"two lines of about {chars:.0f} characters found: a TD1 (3 x 30) whose third line was not "
                         "located, read first with a line added above or below")

    # The likeliest of the grown region's readings so far (kept by grown_readings as it reads them).
    surest_grown: tuple[Correction, tuple | None, MRZRegion] | None = None

    def grown_readings(first: bool):
        nonlocal surest_grown
        # The likeliest readings of the region grown either way first, and only then the search of each: the line
        # added on the wrong side (other print, or the page beyond the card) reads as garbage, whose search through
        # every grid cost more than both first looks (stamped TD1 captures, whose stamp hid a line from the locator).
        spacing = (sum(bands[1]) - sum(bands[0])) / 2
        grown: dict[bool, MRZRegion] = {}
        for looks, above in ((True, True), (True, False), (False, True), (False, False)):
            if not first and (not budget.affords(_READ) or not budget.affords(_CORRECT, guess_ms=_CORRECT_GUESS_MS)):
                budget.skip("a third line above or below the two found (TD1)")
                return
            if above not in grown:
                grown[above] = _decoloured(with_extra_line(gray, region, spacing=spacing, above=above), colour, budget,
                                           notes, ir)
            c, view = _read_ocrb(grown[above], today, budget=budget, first_looks=looks)
            if c is not None and (surest_grown is None or _rank(c) > _rank(surest_grown[0])):
                surest_grown = (c, view, grown[above])
            if c is not None and _confirmed(c):
                yield c, view, grown[above]

    if grown_first:
        for found in grown_readings(True):
            return found
    best, best_view = _read_ocrb(region, today, exhaustive, budget, give_way_below=give_way_below)
    if surest_grown is not None and (best is None or (not best.result.valid and _rank(surest_grown[0]) > _rank(best))):
        # The geometry said a TD1 and no reading is confirmed either way: the likelier reading, which the three lines'
        # check digits or the recogniser's confidence make the grown region's more often than not (but two lines whose
        # check digits all hold are no TD1 missing a line).
        return surest_grown
    # Two lines whose check digits all hold are no TD1 missing a line, however unsure the recogniser was of them.
    if len(bands) == 2 and not grown_first and not (best is not None and (best.result.valid or _settled(best))):
        for found in grown_readings(False):
            return found
    return best, best_view, region


def read_gray(gray: np.ndarray, *, engine: Engine | str = Engine.AUTO, inspector: Inspector | None = None, today=None,
              exhaustive: bool = True, budget: Budget | None = None, colour: np.ndarray | None = None,
              ir: np.ndarray | None = None) -> ReadResult:
    """Read the MRZ of a (H, W) uint8 image.

    ``exhaustive=False`` settles for the first reading the recogniser is sure of even when its check digits fail:
    for an image already straightened and cropped to its MRZ (the comparison's), where a forged check digit would
    otherwise send the reader through every grid it knows.

    ``budget`` bounds the time spent (default: a new :class:`~docexam.read.budget.Budget` of
    :func:`~docexam.read.budget.default_limit_ms`; ``Budget.unlimited()`` for the exhaustive search): the likeliest
    readings are tried first, and what was left untried when it ran out is in :attr:`ReadResult.skipped`.

    ``colour``: the same capture in colour ((H, W, 3) RGB uint8), when there is one: the MRZ is located on ``gray``,
    and read from the colour crop with coloured print lifted out when any lies across it
    (:func:`docexam.read.overprint.drop_colour`).

    ``ir``: the same framing in infrared ((H, W) grey uint8, registered with ``gray``: a multi-light scanner's
    captures), when there is one: print the infrared does not show (stamps, signatures, most security print) is lifted
    out of the crop before reading (:func:`docexam.read.overprint.lift_non_ir`).
    """
    engine = Engine(engine)
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError(f"gray must be a 2-D uint8 image, got {gray.dtype} with shape {gray.shape}")
    if colour is not None and (colour.dtype != np.uint8 or colour.shape != (*gray.shape, 3)):
        raise ValueError(f"colour must be the same capture as gray in RGB, a {(*gray.shape, 3)} uint8 array, got "
                         f"{colour.dtype} with shape {colour.shape}")
    if ir is not None and (ir.dtype != np.uint8 or ir.shape != gray.shape):
        raise ValueError(f"ir must be the infrared capture registered with gray, a {gray.shape} uint8 array, got "
                         f"{ir.dtype} with shape {ir.shape}")
    t0 = time.perf_counter()
    prepare()
    if budget is None:
        budget = Budget()
    inspector = inspector or Inspector()
    with budget.step(_LOCATE):
        region = locate_mrz(gray, inspector=inspector, quick=engine is not Engine.TESSERACT)
    if region is None:
        return ReadResult(False, elapsed_ms=(time.perf_counter() - t0) * 1000, notes=[NO_LINES])
    best: Correction | None = None
    best_engine = None
    best_view = None
    notes: list[str] = []
    region = _decoloured(region, colour, budget, notes, ir)
    if engine in (Engine.OCRB, Engine.AUTO):
        unlikely = None
        try:
            best, best_view, region = _ocrb_pass(gray, region, today, exhaustive, budget, notes, colour, ir,
                                                 give_way_below=QUICK_UNLIKELY if region.quick else 0.0)
        except _Unlikely as e:
            unlikely, best, best_view = e, None, None
        if region.quick and not (best is not None and (best.result.valid or _settled(best))):
            # Found along the rows alone and not read: look along the columns too (a document turned a quarter), which
            # costs about twice the look along the rows. Not when the check digits hold: the MRZ was found.
            if budget.affords(_LOCATE_FULL, guess_ms=2 * budget.cost_ms(_LOCATE)):
                with budget.step(_LOCATE_FULL):
                    full = locate_mrz(gray, inspector=Inspector())
                if full is not None and not np.allclose(full.corners, region.corners, atol=2.0):
                    full = _decoloured(full, colour, budget, notes, ir)
                    c, view, r = _ocrb_pass(gray, full, today, exhaustive, budget, notes, colour, ir)
                    if c is not None and (best is None or _rank(c) > _rank(best)):
                        best, best_view, region = c, view, r
                        unlikely = None  # the region along the columns was read instead
                        if inspector.active:  # --debug-dir shows the locating steps of the region read
                            locate_mrz(gray, inspector=inspector)
            else:
                budget.skip("a look along the image's columns (a document turned a quarter)")
        if unlikely is not None and not _confirmed(best):
            # Nothing likelier along the columns: the region along the rows is searched after all.
            if budget.affords(_READ) and budget.affords(_CORRECT, guess_ms=_CORRECT_GUESS_MS):
                c, view, r = _ocrb_pass(gray, region, today, exhaustive, budget, notes, colour, ir)
                if c is not None and (best is None or _rank(c) > _rank(best)):
                    best, best_view, region = c, view, r
            else:
                budget.skip("the region found along the image's rows, which read unsurely")
        best_engine = Engine.OCRB if best is not None else None
    second = None
    if engine is Engine.TESSERACT:
        best, best_view = _tesseract_reading(region, today)
        best_engine = Engine.TESSERACT if best is not None else None
    elif engine is Engine.AUTO and not _confirmed(best) and not (best is not None and _settled(best)):
        best, best_engine, best_view, second = _second_engine(region, today, budget, best, best_engine, best_view)
    if best is not None and best_view is not None:
        best, marks = _printed_marks(best, best_view, today)
        notes += [f"{m.glyph} ({m.letter} with {m.mark}) printed at line {m.line + 1} position {m.column + 1}: a character "
                  "outside the MRZ's alphabet (Doc 9303 Part 3, 4.3), read as printed" for m in marks]
    if best_view is not None and inspector.active:
        inspector.keep(ReadStep.CELLS, _draw_cells(best_view.img, best_view.cells))
        read_from = _cells_image(best_view.img, best_view.overprint)[0]
        if not np.array_equal(read_from, best_view.img):  # sharpened, or print lifted out of it
            inspector.keep(ReadStep.CELLS_READ, _draw_cells(read_from, best_view.cells))
    overprint = (cell_overprint(best_view.overprint, best_view.cells) if best is not None and best_view is not None
                 else ())
    if best is not None and [len(x) for x in overprint] != [len(x) for x in best.lines]:
        overprint = ()
    elapsed = (time.perf_counter() - t0) * 1000
    skipped = tuple(budget.skipped) if not _confirmed(best) else ()
    return ReadResult(True, best_engine.value if best_engine else None, best, region, elapsed, notes=notes,
                      second_engine=second, skipped=skipped, overprint=overprint,
                      upside_down=best_view is not None and best_view.flipped)


def _printed_marks(c: Correction, view, today) -> tuple[Correction, list[Mark]]:
    """``c`` with the letters of its names that bear a diacritic mark (docexam.read.diacritics) read as the glyph
    printed (an N with tilde as Ñ), and the marks; the parse is redone so the result reports the character outside the
    alphabet and the national deviation. Names carry no check digit (Doc 9303 Part 3, 4.9): no check changes."""
    img, cells, overprint, _ = view
    # Only on a reading the recogniser was sure of: a mark is evidence about a letter, and garbage has no letters.
    if not trusted(c) or c.result.format is None or len(cells) != len(c.lines) or any(
            len(ln.centres) != len(x) for ln, x in zip(cells, c.lines)):
        return c, []
    ink = _ink(img)
    marks: list[Mark] = []
    for name in name_letters(c.result.format, c.lines, c.char_confidence):
        above = cells[name.line - 1].band[1] if name.line > 0 else 0
        marks += marks_over(img, ink, c.lines[name.line], cells[name.line], line_index=name.line, above_limit=above,
                            columns=range(name.column, name.column + len(name.text)), overprint=overprint)
    if not marks:
        return c, []
    chars = [list(x) for x in c.lines]
    for m in marks:
        chars[m.line][m.column] = m.glyph
    lines = tuple("".join(x) for x in chars)
    return dataclasses.replace(c, lines=lines, result=parse(lines, today=today)), marks


def read_image(image: np.ndarray, *, engine: Engine | str = Engine.AUTO, inspector: Inspector | None = None,
               today=None, exhaustive: bool = True, budget: Budget | None = None,
               ir: np.ndarray | None = None) -> ReadResult:
    """Read the MRZ of an (H, W, 3) RGB or (H, W) grey uint8 image: located on its grey (BT.601 luma,
    :func:`docexam.imageio.to_gray`) as :func:`read_gray` does, and read with coloured print across the MRZ (a
    stamp, coloured security print) lifted out of the crop (``colour``, see :func:`read_gray`); ``ir``: the same
    framing in infrared (grey or RGB), see :func:`read_gray`."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.ndim not in (2, 3) or (
            image.ndim == 3 and image.shape[2] != 3):
        raise ValueError(f"image must be an (H, W, 3) RGB or (H, W) grey uint8 array, got "
                         f"{getattr(image, 'dtype', type(image).__name__)} with shape {getattr(image, 'shape', None)}")
    colour = image if image.ndim == 3 and not _neutral(image) else None
    return read_gray(to_gray(image), engine=engine, inspector=inspector, today=today, exhaustive=exhaustive,
                     budget=budget, colour=colour, ir=to_gray(ir) if ir is not None else None)


def _neutral(rgb: np.ndarray) -> bool:
    """Whether an RGB image is grey stored as colour (every pixel's channels equal, checked on a sparse sample
    first)."""
    sample = rgb[::7, ::7]
    if not (np.array_equal(sample[..., 0], sample[..., 1]) and np.array_equal(sample[..., 1], sample[..., 2])):
        return False
    return bool(np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 1], rgb[..., 2]))


def _decoloured(region: MRZRegion, colour: np.ndarray | None, budget: Budget, notes: list[str],
                ir: np.ndarray | None = None) -> MRZRegion:
    """``region`` with its crop cut from the colour capture and coloured print lifted out
    (:func:`docexam.read.overprint.drop_colour`), or as it is when nothing on it is coloured; and, given the IR
    capture of the same framing, with the print IR does not see lifted too (:func:`docexam.read.overprint.lift_non_ir`:
    the MRZ must absorb in B900, Doc 9303 Part 3, 4.5 and 4.11; stamp and signature inks mostly do not)."""
    region = _colour_lifted(region, colour, budget, notes)
    if ir is None:
        return region
    with budget.step(_DECOLOUR):
        h, w = region.crop.shape
        grey, seen_not_ir = lift_non_ir(region.crop, cut_quad(ir, region.corners, w, h))
    note = N_("print the infrared capture does not show lifted out before reading: the MRZ absorbs in B900 (Doc 9303 "
              "Part 3, 4.5 and 4.11)")
    if note not in notes:
        notes.append(note)
    overprint = seen_not_ir if region.overprint is None else np.maximum(region.overprint, seen_not_ir)
    return dataclasses.replace(region, crop=grey, overprint=overprint)


def _colour_lifted(region: MRZRegion, colour: np.ndarray | None, budget: Budget, notes: list[str]) -> MRZRegion:
    if colour is None:
        return region
    with budget.step(_DECOLOUR):
        h, w = region.crop.shape
        lifted = lift_colour(cut_quad(colour, region.corners, w, h))
    if lifted is None:
        return region
    note = N_("coloured print across the MRZ (a stamp, security print) lifted out before reading: the MRZ's print is "
              "black (Doc 9303 Part 3, 4.11)")
    if note not in notes:
        notes.append(note)
    return dataclasses.replace(region, crop=lifted[0], overprint=lifted[1])


def _second_engine(region: MRZRegion, today, budget: Budget, best: Correction | None, best_engine: Engine | None,
                   best_view) -> tuple[Correction | None, Engine | None, Any, SecondEngine | None]:
    """Tesseract asked about a reading the built-in recogniser could not confirm, within what is left of ``budget``;
    the reading kept, its engine and view, and what asking did (``None`` when tesseract is not installed)."""
    from docexam.ocr import tesseract

    if not tesseract.available():
        return best, best_engine, best_view, None
    reason = ("the built-in recogniser found no reading" if best is None else
              "the built-in recogniser's reading does not validate" if not best.result.valid else
              "the built-in recogniser was unsure of its reading")
    first_lines = best.lines if best is not None else ()
    if not budget.affords(_TESSERACT, guess_ms=TESSERACT_GUESS_MS):
        budget.skip("a second engine (tesseract)")
        return best, best_engine, best_view, SecondEngine(Engine.TESSERACT.value, reason, SecondOutcome.NOT_ASKED,
                                                          first_lines, ())
    t = time.perf_counter()
    try:
        with budget.step(_TESSERACT):
            c, view = _tesseract_reading(region, today, timeout_s=budget.wall_left_s())
    except tesseract.TesseractTimeout:
        budget.skip("a second engine (tesseract): it did not answer in time")
        return best, best_engine, best_view, SecondEngine(Engine.TESSERACT.value, reason, SecondOutcome.TIMED_OUT,
                                                          first_lines, (), (time.perf_counter() - t) * 1000)
    except tesseract.TesseractUnavailable as e:
        return best, best_engine, best_view, SecondEngine(Engine.TESSERACT.value, f"{reason}; it failed: {e.detail}",
                                                          SecondOutcome.FAILED, first_lines, (),
                                                          (time.perf_counter() - t) * 1000)
    ms = (time.perf_counter() - t) * 1000
    if c is not None and (best is None or _rank(c) > _rank(best)):
        return c, Engine.TESSERACT, view, SecondEngine(Engine.TESSERACT.value, reason, SecondOutcome.ADOPTED,
                                                       first_lines, c.lines, ms)
    return best, best_engine, best_view, SecondEngine(Engine.TESSERACT.value, reason, SecondOutcome.KEPT_FIRST,
                                                      first_lines, c.lines if c is not None else (), ms)


def _tesseract_reading(region: MRZRegion, today, *, timeout_s: float | None = None):
    from docexam.read import tesseract_lines  # deferred: only this engine needs it

    best, view = None, None
    crop = _unslanted(region.crop)
    for flip in (False, True):
        img = cv2.rotate(crop, cv2.ROTATE_180) if flip else crop
        ink = ink_map(img)
        bands = line_bands(ink, region.lines)
        if len(bands) != region.lines:
            continue
        pad = max(4, round(np.median([b - a for a, b in bands]) * 0.5))
        line_imgs = [img[max(0, a - pad) : b + pad] for a, b in bands]
        lengths = LENGTHS.get(region.lines, (44, 36))
        for n, candidates in tesseract_lines.read_lines(line_imgs, lengths=lengths, timeout_s=timeout_s).items():
            c = correct(candidates, today=today)
            if best is None or _rank(c) > _rank(best):
                lines = segment_lines(ink, bands, n)
                best, view = c, _Seen(img, lines, None, flip)
        if best is not None and best.result.valid:
            break
    return best, view


_prepared = False


def prepare() -> None:
    """Load what the reader loads once per process (the recogniser's weights, about 0.1 s; the ISO 3166 codes), so
    that the first image's time budget is spent on the image as every other's is, and a reading does not depend on
    whether it was the process's first.

    And hold numpy's BLAS to the one thread docexam asks for (``OPENBLAS_NUM_THREADS=1``, docexam/__init__.py) even
    when numpy was imported before docexam, which leaves the variable without effect: with a thread per core the
    recogniser's small products take five times longer on a busy 2-core machine (measured: a steep phone photo read in
    140 ms with one thread, 500 to 800 ms with two, while other processes ran), and the time budget would run out on
    images it otherwise reads. A caller that set another thread count keeps it.
    """
    global _prepared
    if _prepared:
        return
    ocrb.load_model()
    is_known_state("ZZZ")  # an unknown code: the ISO list is loaded to look it up
    if os.environ.get("OPENBLAS_NUM_THREADS") == "1":
        try:
            from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
        except ImportError:  # not installed: the variable did its work if numpy came after docexam
            pass
        else:
            threadpool_limits(1, user_api="blas")
    _prepared = True


def confidence_of(result: ReadResult) -> float:
    return result.correction.confidence if result.correction else 0.0


#: The note of a page read without the IR capture given, which is not of its framing (another size).
IR_OTHER_FRAMING = N_("the infrared capture is not of this image's framing (another size): read without it")


def read_file(path: str | Path, *, engine: Engine | str = Engine.AUTO, debug_dir: Path | None = None, today=None,
              limit_ms: float | None | EllipsisType = ..., ir: np.ndarray | None = None) -> list[tuple[int, ReadResult]]:
    """Read every page of an image file: [(page, result)]. Raises ImageReadError for unreadable files.

    Each page's :class:`~docexam.read.budget.Budget` of ``limit_ms`` (``None``: unbounded; left out: the default,
    :func:`~docexam.read.budget.default_limit_ms`) starts before the page is
    decoded, so decoding counts against it as the examiner waits for it. ``ir``: the document's infrared capture
    (grey or RGB uint8), used for each page of its size (the same framing, see :func:`read_image`); a page of another
    size is read without it, its notes saying so (:data:`IR_OTHER_FRAMING`).
    """
    from docexam.imageio import iter_images

    prepare()
    out = []
    pages = iter_images(path)  # one page decoded at a time, in colour: coloured overprint is lifted out (read_image)
    while True:
        budget = Budget() if limit_ms is ... else Budget(limit_ms)
        loaded = next(pages, None)
        if loaded is None:
            break
        inspector = Inspector(debug_dir / f"{Path(path).stem}-p{loaded.page}" if debug_dir else None)
        framed = ir is not None and ir.shape[:2] == loaded.image.shape[:2]
        result = read_image(loaded.image, engine=engine, inspector=inspector, today=today, budget=budget,
                            ir=ir if framed else None)
        if ir is not None and not framed:
            result.notes.append(IR_OTHER_FRAMING)
        out.append((loaded.page, result))
    return out


__all__ = ["Engine", "ReadResult", "ReadStatus", "SecondEngine", "SecondOutcome", "prepare", "read_file", "read_gray", "read_image"]
