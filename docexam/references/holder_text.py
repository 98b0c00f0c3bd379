"""Where another holder's data may be printed, from one specimen's automatic annotation: its VIZ values run on to the
right, and the lines of value print in the VIZ's columns that no MRZ field explains.

An automatic annotation boxes the VIZ values it could tie to the MRZ (:mod:`docexam.references.viz`), as long as
the specimen's holder's data: another holder's name runs longer, and a value the MRZ does not repeat (place of
birth, authority, a personal number) is not found at all. Both are the holder's data, and against one specimen
the comparison cannot tell them from the fixed design by their differences (two or more specimens can:
:mod:`docexam.references.variable`). What tells them is the print: VIZ values are printed in a column, in one
size and in dark ink (Doc 9303 Part 3, 3.8 and 4.1: the data page's zones and their layout), captions are smaller
and background print is far lighter.

Regions an examiner drew (or the generator, which knows its layout) are taken as drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from docexam.read.numeric import true_runs
from docexam.references.boxes import clip_box, overlap
from docexam.references.model import NAME_AGAIN, Annotation, Box, Role, Source

__all__ = ["holder_text", "ink_row_runs", "ink_rows", "text_height", "value_lines"]

#: Grey levels by which a value's ink is darker than the paper around it (background lines: 20-50; printed values:
#: 120 and more; :func:`docexam.references.viz.ink_only`).
VALUE_INK = 80
#: A line of print is a value's when its height is this share of the VIZ values' (captions: about half, up to 0.8
#: with their ascenders and descenders on the generated designs), and its darkest ink (5th percentile) no more than
#: this many grey levels lighter than theirs (values are printed in the personalisation's black, captions in the
#: design's colour).
VALUE_HEIGHT = (0.85, 1.45)
VALUE_DARKNESS = 15
#: How far right a value of fixed length (a date, a number, a code) may run, as a share of the widest value found in
#: its column (another month's name, another holder's number); a name, and a line the MRZ does not explain (a place,
#: an authority), runs on to what is printed beside it or the page's edge (Part 4, 4.2.3: up to 39 characters).
RUN_ON = 1.3
#: The VIZ fields whose length varies from holder to holder without bound (names), by the annotation's field name.
_NAMES = frozenset({"surname", "given_names", NAME_AGAIN})
#: The roles whose boxes stop a value running on (what is printed beside it on its line), and are no value line
#: themselves: the fixed design among them (a field's caption, which a design may print as dark and as large as its
#: values: :func:`docexam.references.viz.find_viz`, or a region an examiner marked fixed).
_STOPS = (Role.PORTRAIT, Role.GHOST, Role.MRZ, Role.VIZ_FIELD, Role.SIGNATURE, Role.DOCUMENT_NUMBER, Role.FIXED_DESIGN)
#: Of those, the holder's pictures, which end a run that reaches into any of its rows (:func:`_run_on`).
_PICTURES = (Role.PORTRAIT, Role.GHOST, Role.SIGNATURE)


def holder_text(visible: np.ndarray, annotation: Annotation) -> tuple[dict[str, Box], list[Box]]:
    """Boxes (in ``visible``'s pixels) where another holder's VIZ data may be printed, beyond the annotation's own
    regions: each automatic VIZ value's box run on to the right up to what is printed beside it, and the lines of
    print of a value's height that start in the column of a VIZ value found (run on as well): ``(runs, lines)``,
    the runs by region id. Empty when the annotation has no automatic VIZ value.

    Parameters
    ----------
    visible : (H, W, 3) uint8 ndarray
        The specimen's visible capture, in whose pixels ``annotation`` is drawn.
    annotation : Annotation
    """
    if not isinstance(visible, np.ndarray) or visible.dtype != np.uint8 or visible.ndim != 3 or visible.shape[2] != 3:
        raise ValueError("visible must be an (H, W, 3) uint8 RGB array")
    values = [r for r in annotation.regions if r.role is Role.VIZ_FIELD and r.source is Source.AUTOMATIC]
    if not values:
        return {}, []
    grey = cv2.cvtColor(visible, cv2.COLOR_RGB2GRAY)
    # Each value's line, the rows its letters fill, and the values' text height from them, as their ink fills their
    # boxes: the annotation pads a value's words by a fifth of their height above and below, and tesseract's box of a
    # word in a capture of 100 dpi often takes in its caption too.
    inked = [ink_rows(grey, r.box) for r in values]
    height = float(np.median([i[1] if i is not None else text_height(grey, r.box)
                              for i, r in zip(inked, values, strict=True)]))
    darkest = float(np.median([_darkest(grey, r.box) for r in values]))
    lines = [b for b in value_lines(grey, height) if _darkest(grey, b) <= darkest + VALUE_DARKNESS]
    columns = [r.box[0] + 0.15 * r.box[3] for r in values]
    rows = [i or (r.box[1], r.box[3]) for i, r in zip(inked, values, strict=True)]
    stops = [r.box for r in annotation.regions if r.role in _STOPS]
    pictures = [r.box for r in annotation.regions if r.role in _PICTURES]
    found = []
    for line in lines:
        b = line if any(abs(line[0] - c) <= 0.8 * height for c in columns) or _on_a_row(line, rows, height) \
            else _column_start(grey, line, columns, reach=0.8 * height)
        if b is not None and not any(overlap(b, s) > 0.3 * b[2] * b[3] for s in stops):
            found.append(b)
    boxes = [r.box for r in values] + found
    out = []
    fixed_length = [r.field not in _NAMES for r in values] + [False] * len(found)
    for i, b in enumerate(boxes):
        widest = max((o[2] for o in boxes if abs(o[0] - b[0]) <= 0.8 * height), default=b[2])
        limit = b[0] + max(b[2], RUN_ON * widest) if fixed_length[i] else float(grey.shape[1])
        out.append(_run_on(b, limit=limit, stops=[*stops, *found], gap=0.5 * height,
                           pad=0.0 if i < len(values) else 0.2 * b[3], shape=grey.shape, pictures=pictures))
    runs = {r.id: b for r, b in zip(values, out, strict=False) if b is not None}
    return runs, [b for b in out[len(values) :] if b is not None]


#: How far (a share of the values' text height) a line's top and bottom may lie from a value's to be on its row.
ROW_SLACK = 0.4


def _on_a_row(box: Box, rows: Sequence[tuple[int, int]], height: float) -> bool:
    """Whether the line of print ``box`` stands on the row of one of the values' lines ``rows`` (top, height): a value
    printed beside another in a second column of the VIZ (development BRL-TD3-3, seed 71: the place of birth beside
    the sex, under its own caption, in no found value's column)."""
    x, y, w, h = box
    return any(abs(y - top) <= ROW_SLACK * height and abs(y + h - (top + th)) <= ROW_SLACK * height for top, th in rows)


#: Least gap (a share of the line's height) before ink that starts a value inside a line of print: wider than the
#: gaps between a word's letters.
START_GAP = 0.2


def _column_start(grey: np.ndarray, box: Box, columns: Sequence[float], *, reach: float) -> Box | None:
    """The part of the line of print ``box`` from where its ink starts again, after a gap of :data:`START_GAP` of its
    height or more, within ``reach`` of one of the values' ``columns``; None when it starts again in none. A value
    whose line was joined to print just left of it (development CSP-TD1-1, seed 61: the place of birth, 9 px from
    the dots of the card's border, one line with them starting at the page's edge) starts in the column all the
    same."""
    x, y, w, h = box
    crop = grey[max(0, y) : y + h, max(0, x) : x + w]
    if crop.size == 0:
        return None
    paper, dark = np.percentile(crop, 90), np.percentile(crop, 2)
    inked = (crop < (paper + dark) / 2).any(axis=0)
    gap = max(2, round(START_GAP * h))
    for start, _stop in true_runs(inked):
        at = max(0, x) + start
        if start >= gap and not inked[start - gap : start].any() and any(abs(at - c) <= reach for c in columns):
            return at, y, x + w - at, h
    return None


def text_height(grey: np.ndarray, box: Box) -> float:
    """The height (pixels) of the line of print in ``box`` (:func:`ink_rows`): from the first to the last row of its
    run of inked rows that the dark half of the ink (between the paper and the darkest print) covers at least a
    third as much as the fullest. A caption above or below, smaller and sparser, is left out."""
    x, y, w, h = box
    if grey[max(0, y) : y + h, max(0, x) : x + w].size == 0:
        return float(h)
    rows = ink_rows(grey, box)
    return float(rows[1]) if rows is not None else h / 1.4


def ink_rows(grey: np.ndarray, box: Box) -> tuple[int, int] | None:
    """``(top, height)`` in ``grey``'s pixels of the line of print in ``box`` (:func:`text_height`): of the run of
    inked rows about the fullest one (:func:`ink_row_runs`), from its first row to its last covered a third as much
    as the fullest; None when the box holds too little ink to tell."""
    runs = _row_runs(grey, box)
    if not runs:
        return None
    return max(runs, key=lambda r: r[2])[:2]


def ink_row_runs(grey: np.ndarray, box: Box) -> list[tuple[int, int]]:
    """``(top, height)`` in ``grey``'s pixels of each line of print in ``box``, top to bottom: the runs of rows the
    dark half of its ink (between the paper and the darkest print) reaches, at a tenth of the fullest row's cover or
    more, each from its first row to its last covered a third as much as its own fullest row or more. A value's line
    and the caption above it are two, whichever holds more ink."""
    return [r[:2] for r in _row_runs(grey, box)]


def _row_runs(grey: np.ndarray, box: Box) -> list[tuple[int, int, int]]:
    """(top, height, fullest row's cover) of each line of print in ``box`` (:func:`ink_row_runs`). Its first and
    last rows a third as full as its fullest, not the rows next to the fullest: a line of digits and capitals is
    fullest along its top and its baseline (the bars of 2, 5, 7, E, T, Z) and three times sparser between them,
    where only the upright strokes are (development BRL-TD3-3, seed 71: dates 29 px high in a light sans measured 5 px,
    the top bars alone)."""
    x, y, w, h = box
    crop = grey[max(0, y) : y + h, max(0, x) : x + w].astype(np.float32)
    if crop.size == 0:
        return []
    paper, dark = np.percentile(crop, 90), np.percentile(crop, 2)
    rows = (crop < (paper + dark) / 2).sum(axis=1)
    if rows.max() < 3:
        return []
    out = []
    for start, stop in true_runs(rows >= max(2.0, rows.max() / 10)):
        run = rows[start:stop]
        full = np.nonzero(run >= run.max() / 3)[0]
        out.append((max(0, y) + start + int(full[0]), int(full[-1] - full[0]) + 1, int(run.max())))
    return out


def _darkest(grey: np.ndarray, box: Box) -> float:
    x, y, w, h = box
    crop = grey[y : y + h, x : x + w]
    return float(np.percentile(crop, 5)) if crop.size else 255.0


def value_lines(grey: np.ndarray, height: float) -> list[Box]:
    """Lines of dark print about ``height`` high: the characters of a word and the words of a line joined."""
    k = max(9, round(1.5 * height) | 1)
    background = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    dark = ((background.astype(np.int16) - grey.astype(np.int16)) > VALUE_INK).astype(np.uint8)
    ink = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(0.7 * height)), 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    lo, hi = VALUE_HEIGHT
    out = []
    for x, y, w, h, _ in stats[1:]:
        if lo * height <= h <= hi * height and w >= 0.5 * height:
            out.append((int(x), int(y), int(w), int(h)))
    return out


def _run_on(box: Box, *, limit: float, stops: Sequence[Box], gap: float, pad: float,
            shape: tuple[int, ...], pictures: Sequence[Box] = ()) -> Box | None:
    """``box`` grown by ``pad`` above and below, and to the right up to ``limit`` or the first of ``stops`` beside it
    on its line, or of ``pictures`` reaching into any of the line's rows, padding included (less ``gap``)."""
    x, y, w, h = box
    right = limit
    for s in stops:
        sx, sy, sw, sh = s
        beside = sx > x + w - 1 and min(y + h, sy + sh) - max(y, sy) >= 0.5 * min(h, sh)
        if beside:
            right = min(right, sx - gap)
    for sx, sy, _sw, sh in pictures:
        # A portrait, its ghost or a signature differs from holder to holder in every light: a line run on under a
        # portrait's bottom edge (a generated card's authority line, its padded box 7 px into the photograph) had
        # the photograph's IR darkness measured as the line's ink, another holder's photograph as a residue.
        if sx > x + w - 1 and min(y + h + pad, sy + sh) - max(y - pad, sy) > 0:
            right = min(right, sx - gap)
    right = max(right, x + w)
    return clip_box((x, y - pad, right - x, h + 2 * pad), shape)

