"""The MRZ's characters against the document's own print of the same characters.

Every character of an MRZ is printed by one machine, in one typeface (OCR-B, Doc 9303 Part 3, 4.2), at one size and
a fixed pitch (Part 3, 4.4). Within one document every ``<`` therefore looks like every other ``<``, every ``7`` like
every other ``7``, whatever the capture did to them: the same printer, blur, exposure and resolution. A piece of paper
or of another page stuck over the MRZ leaves cells that look like none of their kind, even where the characters still
read (a filler's ``<`` half covered, a name's letters under a patch of other text) and no check digit covers them (the
names, Part 4, 4.2.2). A single character printed again in another face is subtler: one digit of a generated TD3
re-typed in DejaVu Sans departed 3.5 times (a note from :data:`_NOTE`), so this is a check for patches, not for one
re-typed character.

So each cell is compared with the median of the document's other cells read as the same character, after the small
shift that matches them best (the grid a reader fits is a fraction of a pitch off here and there); only characters
the line holds at least :data:`MIN_KIND` times are judged. The yardstick is the document's own: a cell's departure
is counted in multiples of the median departure of all judged cells, so that a soft, noisy or low-resolution capture,
which makes every cell depart from its kind, raises the yardstick with them. Coloured print the reader lifted out of a
cell (a stamp across the line, :mod:`docexam.read.overprint`) explains its departure and is not judged: a stamp is
seen, and said, by the reader.

The check needs no reference: the specimen is not consulted, so another holder's MRZ is judged as well as the
specimen's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.compare.b900 import _contrast
from docexam.compare.result import Box, Finding, FindingKind, grade
from docexam.details import say
from docexam.read.reader import ReadResult, trusted
from docexam.read.segment import ink_map, line_bands, segment_lines

__all__ = ["GlyphCell", "glyph_cells", "glyph_findings"]

#: Least number of cells of one character in the MRZ for them to be judged against each other (each against the
#: median of at least two others).
MIN_KIND = 3
#: From this many cells of a character on, each is compared with the median of all of them rather than of the others.
_MANY = 9
#: Half the width of the part of a cell compared, in pitches: the character's body (OCR-B's characters fill about
#: 0.6 of the pitch), not its neighbours' edges, which differ with the neighbours.
HALF_WIDTH = 0.42
#: The largest shift, in pitches, tried to match a cell to its kind's median (either way, across and down): the
#: reader's grid can be a third of a pitch off at a line's ends.
SHIFT = 0.35
#: Rounds of matching every cell to its kind's median and taking the median again of the matched cells.
ROUNDS = 2
#: Least median departure (mean absolute difference as a share of the kind's mean print contrast) the yardstick
#: takes: a perfectly clean capture is not held to its own noise.
FLOOR = 0.05
#: A cell departing from its kind this many times the document's median departure is a note, an alarm and certain.
#: Genuine MRZs: development generated designs (32 captures, 150-600 dpi) departed at most 3.95 times, held out 2.81;
#: the real corpus's 38 images at most 3.8 (a darker band laid over five characters of the Latvian sample), its pages
#: re-personalised by the bench 4.95. Patches forced over the MRZ (bench simulator, development designs): 16 of 32
#: reach 6.
_NOTE, _ALARM, _CERTAIN = 5.0, 6.5, 10.0
#: Share of a cell coloured print covered (the reader's overprint measure) from which it is not judged.
_COLOURED = 0.2
#: A reading the reader does not trust is not judged when more than this share of its characters were read with a
#: confidence under :data:`_DOUBT`. The real corpus's pages blurred (1.2 px), made smaller, darkened and compressed
#: (bench/recapture_bench.py's conditions): two readings whose names came out garbled, 22 % and 81 % of their
#: characters doubtful, departed up to 6.6 and 21 times (alarms); the other doubtful readings (up to 28 %) had no
#: finding. A patch over the MRZ leaves a few doubtful cells where it lies (3 of 88 on the Czech page's, 3 %).
_DOUBT = 0.5
_DOUBTFUL_SHARE = 0.1


@dataclass(frozen=True)
class GlyphCell:
    """One MRZ position: its line and column (from 1), the character read there, its box in the crop it was
    measured in, and how far it departs from the document's other cells of the same character (multiples of the
    document's median departure; NaN when not judged)."""

    line: int
    column: int
    char: str
    box: Box
    departure: float


def _windows(crop: np.ndarray, lines: Sequence[str]) -> tuple[list[tuple[int, int, str, Box, np.ndarray]], int] | None:
    """Every cell's print contrast, cut wide enough for :data:`SHIFT`, and the margin that width adds."""
    ink = ink_map(crop)
    bands = line_bands(ink, len(lines))
    n = len(lines[0])
    if len(bands) != len(lines) or any(len(t) != n for t in lines):
        return None
    try:
        grid = segment_lines(ink, bands, n)
    except ValueError:
        return None
    char_h = float(np.median([b - a for a, b in bands]))
    pitch = float(np.median([g.pitch for g in grid]))
    if char_h < 4 or pitch < 4:
        return None
    pad = int(round(pitch))
    # The paper is measured on a crop grown by its own edges: a first or last character is measured as the others.
    grown = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    contrast = _contrast(grown, max(5, int(round(char_h * 1.6)) | 1))
    margin = max(1, int(round(pitch * SHIFT)))
    half = max(2, int(round(pitch * HALF_WIDTH)))
    height = int(round(char_h * 1.5))
    out = []
    for li, ln in enumerate(grid):
        top = int(round((ln.band[0] + ln.band[1]) / 2 - height / 2))
        for ci, xc in enumerate(ln.centres):
            x0 = int(round(xc)) - half
            y0, x0g = top - margin + pad, x0 - margin + pad
            win = np.zeros((height + 2 * margin, 2 * half + 2 * margin), np.float32)
            src = contrast[max(0, y0) : y0 + win.shape[0], max(0, x0g) : x0g + win.shape[1]]
            win[max(0, -y0) : max(0, -y0) + src.shape[0], max(0, -x0g) : max(0, -x0g) + src.shape[1]] = src
            out.append((li, ci, lines[li][ci], (x0, top, 2 * half, height), win))
    return out, margin


def _matched(wins: np.ndarray, template: np.ndarray, margin: int) -> np.ndarray:
    """Each window's part that matches ``template`` best, within ``margin`` either way."""
    h, w = template.shape
    out = np.empty((len(wins), h, w), np.float32)
    for k, win in enumerate(wins):
        sq = cv2.matchTemplate(win, template, cv2.TM_SQDIFF)
        _, _, (dx, dy), _ = cv2.minMaxLoc(sq)
        out[k] = win[dy : dy + h, dx : dx + w]
    return out


def glyph_cells(crop: np.ndarray, lines: Sequence[str], *, covered: Sequence[Sequence[float]] = ()) -> list[GlyphCell]:
    """Every MRZ cell of ``crop`` and how far it departs from the document's other cells of its character.

    Parameters
    ----------
    crop : ndarray
        The straightened MRZ, (H, W) uint8, text upright (the reader's crop, :class:`docexam.read.locate.MRZRegion`).
    lines : sequence of str
        The MRZ as read, one string per line, all of one length.
    covered : sequence of sequences of float, optional
        Per line, per character, the share of its cell coloured print covered (the reader's ``overprint``); cells
        of :data:`_COLOURED` or more are not judged.

    Returns
    -------
    list of GlyphCell
        One per position, line by line; empty when the crop's lines and cells cannot be found for the reading.

    Raises
    ------
    ValueError
        If ``crop`` is not a 2-D uint8 image or ``lines`` are empty.
    """
    if not isinstance(crop, np.ndarray) or crop.dtype != np.uint8 or crop.ndim != 2 or min(crop.shape) < 8:
        raise ValueError("crop must be a 2-D uint8 image at least 8 pixels each way")
    if not lines or not all(isinstance(t, str) and t for t in lines):
        raise ValueError("lines must be the MRZ's non-empty lines as read")
    cut = _windows(crop, lines)
    if cut is None:
        return []
    cells, margin = cut
    departure = np.full(len(cells), np.nan)
    kinds: dict[str, list[int]] = {}
    for k, (li, ci, ch, _, _) in enumerate(cells):
        share = covered[li][ci] if li < len(covered) and ci < len(covered[li]) else 0.0
        if share < _COLOURED:
            kinds.setdefault(ch, []).append(k)
    for members in kinds.values():
        if len(members) < MIN_KIND:
            continue
        wins = np.stack([cells[k][4] for k in members])
        matched = wins[:, margin:-margin, margin:-margin]
        for _ in range(ROUNDS):
            matched = _matched(wins, np.median(matched, axis=0).astype(np.float32), margin)
        common = np.median(matched, axis=0) if len(members) >= _MANY else None
        for j, k in enumerate(members):
            # Among many, one cell moves the median of all hardly at all: it stands for the others'.
            others = common if common is not None else np.median(np.delete(matched, j, axis=0), axis=0)
            departure[k] = float(np.abs(matched[j] - others).mean()) / max(float(others.mean()), 0.02)
    judged = departure[np.isfinite(departure)]
    if judged.size:
        departure /= max(float(np.median(judged)), FLOOR)
    return [GlyphCell(li + 1, ci + 1, ch, box, float(departure[k])) for k, (li, ci, ch, box, _) in enumerate(cells)]


def _to_frame(box: Box, to_image: np.ndarray, offset: tuple[int, int]) -> Box:
    x, y, w, h = box
    pts = np.array([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], np.float64)
    p = cv2.perspectiveTransform(pts, to_image)[0] + np.array(offset, np.float64)
    x0, y0 = np.floor(p.min(axis=0)).astype(int)
    x1, y1 = np.ceil(p.max(axis=0)).astype(int)
    return int(x0), int(y0), int(x1 - x0), int(y1 - y0)


def glyph_findings(reading: ReadResult, light: str, *, offset: tuple[int, int] = (0, 0)) -> list[Finding]:
    """Cells of a read MRZ that look like none of their kind: one finding per run of neighbouring cells on a line.

    Parameters
    ----------
    reading : ReadResult
        A reading with its region (the crop it was read from) and its lines.
    light : str
        The light it was read in.
    offset : tuple of int
        Where the image the reading was made in lies in the frame the findings are placed in.

    Returns
    -------
    list of Finding
        Kind :attr:`FindingKind.DIFFERENCE`, region ``"mrz"``.
    """
    region, correction = reading.region, reading.correction
    if region is None or correction is None or not correction.lines:
        return []
    if not trusted(correction):
        # A reading the recogniser doubts in many places classes many cells wrongly (a letter of a blurred name read as
        # another), and a cell compared with another character's prints departs: judged only where the doubt is local.
        doubt = np.array([x for line in correction.char_confidence for x in line], np.float64)
        if doubt.size and float((doubt < _DOUBT).mean()) > _DOUBTFUL_SHARE:
            return []
    crop = region.crop[::-1, ::-1] if reading.upside_down else region.crop
    cells = glyph_cells(np.ascontiguousarray(crop), correction.lines, covered=reading.overprint)
    h, w = region.crop.shape
    corners = region.corners.astype(np.float32)
    if reading.upside_down:  # the cells' crop is the region's turned a half turn
        corners = corners[[2, 3, 0, 1]]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    to_image = cv2.getPerspectiveTransform(src, corners)
    out = []
    for line in sorted({c.line for c in cells}):
        run: list[GlyphCell] = []
        for c in [c for c in cells if c.line == line] + [None]:
            if c is not None and np.isfinite(c.departure) and c.departure >= _NOTE:
                run.append(c)
                continue
            if run:
                top = max(run, key=lambda r: r.departure)
                s = grade(top.departure, note=_NOTE, alarm=_ALARM, certain=_CERTAIN)
                x0 = min(r.box[0] for r in run)
                x1 = max(r.box[0] + r.box[2] for r in run)
                box = _to_frame((x0, top.box[1], x1 - x0, top.box[3]), to_image, offset)
                first, last = run[0].column, run[-1].column
                out.append(Finding(FindingKind.DIFFERENCE, light, box, s, "mrz",
                                   said=say("mrz_glyph_departs", line=line,
                                            positions=f"{first}" if first == last else f"{first}-{last}",
                                            departure=top.departure)))
                run = []
    return out
