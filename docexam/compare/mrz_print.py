"""The MRZ printed in every position: characters erased or covered leave a blank in its lines.

Every position of a machine readable zone carries a character: the data are followed by filler characters ``<`` to
the end of their field (Doc 9303 Part 3, 4.10, and the notes to the data structures of Parts 4 to 7), at a fixed pitch of
2.54 mm (Part 3, 4.4). So a genuine MRZ line is ink from its first position to its last, with nothing wider than the
space between two narrow characters left blank anywhere along it, whatever the holder. A character erased, or covered
by a piece of paper or of another page, leaves a run of blank columns a position or more wide; one cut off at a
line's end leaves the line shorter than the specimen's.

The check compares each line of the questioned MRZ with the same line of the reference specimen in the reference
frame, measured the same way (:func:`line_ink`): the specimen says where the line starts and ends and where its own
print leaves room (a design that prints nothing in some position is a national deviation the specimen shows). It
needs no reading of the characters, so it holds where the reader gives up (a patch over the MRZ makes it unreadable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.compare.b900 import LINE_SPACING_MM, PITCH_MM, _grey
from docexam.compare.reference import Reference
from docexam.compare.result import Box, Finding, FindingKind, grade
from docexam.details import say
from docexam.lights import Light
from docexam.read.numeric import true_runs
from docexam.read.segment import line_bands

__all__ = ["InkLine", "line_ink", "missing_print", "mrz_print_findings", "specimen_lines"]

#: A pixel is the line's ink when its darkness against the paper around it (a black-hat over about half a pitch)
#: is at least this share of the line's darkest print: a filler's thin strokes in a soft capture keep more than half.
INK_SHARE = 0.3
#: Least darkness (grey levels) of the MRZ's print for its lines to be measured at all.
MIN_CONTRAST = 12.0
#: Least width, in pitches, of a run of inked columns that can be a line's first or last character.
END_RUN = 0.2
#: Runs of inked columns narrower than this many pitches are specks, not print.
SPECK = 0.15
#: Blank runs narrower than this many pitches are not kept (the space between characters).
KEEP_GAP = 0.5
#: A blank run across a line, in pitches, that is a note, an alarm and certain. Genuine lines of the 35 upright real
#: corpus images leave at most 0.72 of a pitch blank between two characters (the pitch taken from each line's length;
#: the most on the smallest print, a 5 px pitch); a character missing leaves its own pitch and the margins of its
#: neighbours, about 1.3.
_NOTE_GAP, _ALARM_GAP, _CERTAIN_GAP = 0.85, 1.1, 2.0
#: Pixels at or above this grey level are clipped white: a blank there is glare on a photographed laminate, not
#: paper, and a blank this share of which is clipped is not judged.
_CLIPPED = 250
_CLIPPED_SHARE = 0.3


@dataclass(frozen=True)
class InkLine:
    """One MRZ line's print, in image pixels: its rows (top, bottom exclusive), its first and last inked column,
    and the runs of blank columns between them (``(start, stop)``, stop exclusive) at least :data:`KEEP_GAP` pitches
    wide."""

    band: tuple[int, int]
    first: int
    last: int
    gaps: tuple[tuple[int, int], ...]

    @property
    def centre(self) -> float:
        return (self.band[0] + self.band[1]) / 2


def line_ink(grey: np.ndarray, *, box: Box, n_lines: int, pitch_px: float) -> list[InkLine]:
    """The print of the MRZ lines in ``box`` of a grey image, top to bottom.

    Parameters
    ----------
    grey : ndarray, (H, W) uint8 or float
        The capture in grey.
    box : (x, y, w, h)
        The MRZ's box (its lines with a little margin); searched with a third of a pitch more sideways and half a
        pitch more above and below.
    n_lines : int
        The MRZ's number of lines: 2 or 3.
    pitch_px : float
        The character pitch in pixels (Doc 9303 Part 3, 4.4: 2.54 mm).

    Returns
    -------
    list of InkLine
        The lines found (fewer than ``n_lines`` when some are missing or the print is too faint to measure; empty
        when the box holds no print of at least :data:`MIN_CONTRAST` grey levels).

    Raises
    ------
    ValueError
        If ``grey`` is not a 2-D image, ``n_lines`` not 2 or 3, ``pitch_px`` under 3 pixels, or ``box`` empty or
        outside the image.
    """
    grey = np.asarray(grey)
    if grey.ndim != 2 or grey.size == 0:
        raise ValueError(f"line_ink wants a 2-D grey image, got shape {grey.shape}")
    if n_lines not in (2, 3):
        raise ValueError(f"an MRZ has 2 or 3 lines, not {n_lines}")
    if not np.isfinite(pitch_px) or pitch_px < 3:
        raise ValueError(f"a character pitch of {pitch_px} pixels is too small to measure blanks in")
    x, y, w, h = (int(v) for v in box)
    H, W = grey.shape
    gx, gy = int(round(pitch_px / 3)), int(round(pitch_px / 2))
    x0, y0, x1, y1 = max(0, x - gx), max(0, y - gy), min(W, x + w + gx), min(H, y + h + gy)
    if w <= 0 or h <= 0 or x1 - x0 < 2 * pitch_px or y1 - y0 < 3:
        raise ValueError(f"the MRZ box {box} is empty or outside the {W}x{H} image")
    crop = grey[y0:y1, x0:x1].astype(np.float32)
    k = max(3, int(round(0.45 * pitch_px)) | 1)
    dark = cv2.morphologyEx(crop, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    level = float(np.percentile(dark, 99.5))
    if level < MIN_CONTRAST:
        return []
    ink = np.clip(dark / level, 0, 1)
    out = []
    for a, b in line_bands(ink, n_lines):
        inked = (ink[a:b] >= INK_SHARE).any(axis=0)
        # The line's ends are its first and last character, not a speck beside them: a run of inked columns at
        # least :data:`END_RUN` pitches wide (every character is wider).
        runs = true_runs(inked)
        wide = [(s, e) for s, e in runs if e - s >= END_RUN * pitch_px]
        if not wide:
            continue
        first, last = wide[0][0], wide[-1][1] - 1
        # A speck (a run of inked columns narrower than :data:`SPECK` pitches: noise, a fibre, a patch's grain) does
        # not break a blank.
        for s, e in runs:
            if e - s < SPECK * pitch_px:
                inked[s:e] = False
        gaps = []
        for start, stop in true_runs(~inked[first : last + 1]):
            if stop - start >= KEEP_GAP * pitch_px:
                gaps.append((x0 + first + int(start), x0 + first + int(stop)))
        out.append(InkLine((y0 + a, y0 + b), x0 + first, x0 + last, tuple(gaps)))
    return out


def _specimen_lines(grey: np.ndarray, reference: Reference, box: Box, pitch: float) -> list[InkLine]:
    """The specimen's MRZ lines: a TD1's three where its family says so, else three when three MRZ lines are found
    evenly spaced, else two; none when what is found is not an MRZ's lines (:func:`_mrz_like`): nothing is judged
    against them. An annotated MRZ region may take in print above the MRZ."""
    counts = (3 if reference.family.lower() == "td1" else 2,) if reference.family else (3, 2)
    for n in counts:
        lines = line_ink(grey, box=box, n_lines=n, pitch_px=pitch)
        if len(lines) == n and _evenly_spaced(lines, pitch) and _mrz_like(lines, pitch):
            return lines
    return []


#: How far apart an MRZ's lines lie, in Doc 9303 Part 3, 4.10's six lines to the inch: the real corpus's TD1 cards
#: print theirs 1.0 apart, its passports 1.2 to 1.6 (a quarter of an inch).
_LINES_APART = (0.8, 1.7)


def _evenly_spaced(lines: list[InkLine], pitch: float) -> bool:
    spacing = LINE_SPACING_MM / PITCH_MM * pitch
    apart = [(b.centre - a.centre) / spacing for a, b in zip(lines, lines[1:])]
    return all(_LINES_APART[0] <= a <= _LINES_APART[1] for a in apart) and max(apart) <= 1.2 * min(apart)


#: Characters per line of the MRZ's formats (Doc 9303 Parts 4 to 7: TD1 30, TD2 and MRV-B 36, TD3 and MRV-A 44).
_LENGTHS = (30, 36, 44)


def _mrz_like(lines: list[InkLine], pitch: float) -> bool:
    """Whether every line runs from its first character to its last over one MRZ length at ``pitch``: a glyph less
    than the positions, give or take (a line of the VIZ taken in by a loose region, or a resolution that is not the
    capture's, is not measured against)."""
    spans = [(ln.last - ln.first) / pitch for ln in lines]
    return any(all(n - 1.5 <= s <= n + 0.5 for s in spans) for n in _LENGTHS)


def _overlaps(span: tuple[int, int], gaps: tuple[tuple[int, int], ...]) -> bool:
    return any(min(span[1], g[1]) > max(span[0], g[0]) for g in gaps)


def missing_print(questioned: list[InkLine], specimen: list[InkLine], *, pitch_px: float) -> list[tuple[int, tuple[int, int]]]:
    """``(line index, (start, stop))`` of every run of columns where the questioned line is blank and the specimen's
    same line is printed: a blank inside the line the specimen has not, or one end of the line short of the
    specimen's while the other is not (the whole line printed shifted, as another document's personalisation may
    be, moves both ends)."""
    out = []
    spacing = LINE_SPACING_MM / PITCH_MM * pitch_px
    for i, (q, r) in enumerate(zip(questioned, specimen, strict=False)):
        if abs(q.centre - r.centre) > spacing / 2:
            continue
        for gap in q.gaps:
            if gap[1] > r.first and gap[0] < r.last and not _overlaps(gap, r.gaps):
                out.append((i, gap))
        d_first, d_last = q.first - r.first, q.last - r.last
        if d_first - d_last >= KEEP_GAP * pitch_px:
            out.append((i, (r.first + d_last, q.first)))
        elif d_first - d_last <= -KEEP_GAP * pitch_px:
            out.append((i, (q.last + 1, r.last + 1 + d_first)))
    return out


#: The specimen's lines of the last few references (the same reference is compared with one document after another).
_SPECIMEN_LINES: list[tuple[Reference, list[InkLine]]] = []


def specimen_lines(reference: Reference) -> list[InkLine]:
    """The reference specimen's MRZ lines as :func:`line_ink` measures them, when they are an MRZ's (the check judges
    against them); empty when the reference has no visible image or ``mrz`` region, its MRZ is too small to measure,
    or what is found there is not an MRZ's lines at the reference's resolution (then the check is not made, and the
    list of checks does not claim it). Kept for the last few references."""
    for known, lines in _SPECIMEN_LINES:
        if known is reference:
            return lines
    lines = []
    pitch = float(reference.dpi) * PITCH_MM / 25.4
    if Light.VISIBLE in reference.images and "mrz" in reference.regions and pitch >= 3:
        x, y, w, h = (int(v) for v in reference.regions["mrz"])
        try:
            lines = _specimen_lines(_grey(reference.images[Light.VISIBLE]), reference, (x, y, w, h), pitch)
        except ValueError:
            lines = []  # an MRZ region too small or outside the image: nothing to measure
    _SPECIMEN_LINES.insert(0, (reference, lines))
    del _SPECIMEN_LINES[4:]
    return lines


def mrz_print_findings(rectified: Mapping[str, np.ndarray], reference: Reference) -> list[Finding]:
    """Blanks in the questioned MRZ's lines where the specimen's are printed, in visible light: one finding per
    line, over its widest blank.

    Parameters
    ----------
    rectified : mapping of str to ndarray
        Per light, the questioned image in the reference frame (uint8 RGB of the reference's size).
    reference : Reference
        With an ``mrz`` region (without one, nothing is judged).

    Returns
    -------
    list of Finding
        Kind :attr:`FindingKind.DIFFERENCE`, region ``"mrz"``, boxes in reference pixels.
    """
    if Light.VISIBLE not in rectified:
        return []
    specimen = specimen_lines(reference)
    if not specimen:
        return []
    pitch = float(reference.dpi) * PITCH_MM / 25.4
    x, y, w, h = (int(v) for v in reference.regions["mrz"])
    q_grey = _grey(rectified[Light.VISIBLE])
    questioned = line_ink(q_grey, box=(x, y, w, h), n_lines=len(specimen), pitch_px=pitch)
    if len(questioned) != len(specimen):
        return []
    widest: dict[int, tuple[int, int]] = {}
    for i, (a, b) in missing_print(questioned, specimen, pitch_px=pitch):
        band = questioned[i].band
        patch = q_grey[band[0] : band[1], a:b]
        if patch.size and float((patch >= _CLIPPED).mean()) >= _CLIPPED_SHARE:
            continue  # glare, not paper
        if i not in widest or b - a > widest[i][1] - widest[i][0]:
            widest[i] = (a, b)
    out = []
    for i, (a, b) in sorted(widest.items()):
        positions = (b - a) / pitch
        s = grade(positions, note=_NOTE_GAP, alarm=_ALARM_GAP, certain=_CERTAIN_GAP)
        if s < 0.2:
            continue
        top, bottom = questioned[i].band
        out.append(Finding(FindingKind.DIFFERENCE, Light.VISIBLE, (int(a), int(top), int(b - a), int(bottom - top)),
                           s, "mrz", said=say("mrz_print_missing", line=i + 1, positions=positions)))
    return out
