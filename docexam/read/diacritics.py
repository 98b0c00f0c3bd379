"""Marks printed over letters of the MRZ: a glyph outside its alphabet, which an examiner must be told about.

The MRZ's characters are A-Z, 0-9 and the filler (Doc 9303 Part 3, 4.3), national characters being transliterated
(section 6: an N with tilde as N or NXX). Some issuers print the national character itself (the old Spanish identity
card's ``ESPAÑOLA``): the recogniser, knowing only the alphabet, reads the letter under the mark (``N``) or a
look-alike, and the reading would silently normalise what the document prints. So after reading, each letter cell of
the name is looked at for ink above the letters' cap height inside its own column, clearly apart from the letter
(blank rows between): a diacritic mark. A mark of a known shape over a letter that takes it gives the printed glyph
(:data:`MARKED`), which goes into the reading's line as printed; the parser then reports the character outside the
alphabet and the ``national_characters`` deviation (docexam/mrz/deviations.py). Names carry no check digit (Part 3,
4.9), so no check is touched.

Shapes: a tilde is one wide stroke; a diaeresis two dots side by side; anything else (an acute, a ring, print of the
line above) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docexam.mrz.alphabet import LETTERS

#: (letter, mark) -> the glyph printed. Tilde and diaeresis: the marks whose shape a cell shows unambiguously.
MARKED: dict[tuple[str, str], str] = {
    ("N", "tilde"): "Ñ", ("A", "tilde"): "Ã", ("O", "tilde"): "Õ",
    ("A", "diaeresis"): "Ä", ("O", "diaeresis"): "Ö", ("U", "diaeresis"): "Ü", ("E", "diaeresis"): "Ë",
}
#: Ink above the letter counts from this coverage (as :func:`docexam.read.segment.ink_map` gives it).
STRONG_INK = 0.45
#: The mark is looked for up to this many letter heights above the letter's top.
MARK_REACH = 0.6
#: Share of the mark's window and letter that coloured print may have covered (weighted by how coloured it was) for a
#: mark to be looked for there at all (as docexam.read.names.OVERPRINTED_CELL: a stamp's ring across a cell, 0.1 to 0.2).
OVERPRINTED = 0.02
#: Least share of the cell's width a tilde spans, and least pixels of a mark per letter height.
TILDE_WIDTH = 0.4
MIN_MARK_PIXELS_PER_HEIGHT = 0.25
#: Least darkness of a mark (the 90th percentile of its ink coverage) over that of the letter under it.
MARK_DARKNESS = 0.75


@dataclass(frozen=True)
class Mark:
    """A mark found over the letter at (line, column), from 0, of a reading, and the glyph it makes."""

    line: int
    column: int
    letter: str
    mark: str
    glyph: str


def _body_top(profile: np.ndarray, centre: int) -> int | None:
    """The first row of the run of inked rows of ``profile`` that holds ``centre`` (the letter's body)."""
    if profile[centre] <= 0:
        inked = np.flatnonzero(profile > 0)
        if inked.size == 0:
            return None
        centre = int(inked[np.argmin(np.abs(inked - centre))])
    top = centre
    while top > 0 and profile[top - 1] > 0:
        top -= 1
    return top


#: How far the ink between a letter and a mark joined to it by blur must thin, of the lesser of the mark's densest row
#: and the letter's, for the two to be told apart: a defocused 150 dpi capture of a tilde over an N thins to about
#: half; a letter's own strokes, and print joined to it, do not thin so.
VALLEY = 0.6


def _valley(profile: np.ndarray, band_top: int, centre: int, reach: int, height: int) -> int | None:
    """The row (of ``profile``, the mean ink of a letter's column, row by row) where the ink joining the letter to
    something above it thins most, between that something's densest row and the letter's top (``band_top``), when it
    thins enough to tell a mark apart (:data:`VALLEY`); else None."""
    top = max(0, band_top - reach)
    if band_top - top < 2 or centre <= band_top:
        return None
    peak = top + int(np.argmax(profile[top:band_top]))
    hi = min(centre, band_top + height // 4)
    if hi - peak < 3:
        return None
    v = peak + 1 + int(np.argmin(profile[peak + 1 : hi]))
    letter = float(profile[v + 1 : centre + 1].max()) if centre > v else 0.0
    return v if profile[v] < VALLEY * min(float(profile[peak]), letter) else None


def _mark_shape(mark: np.ndarray, cell_width: float, letter_height: float) -> str | None:
    """'tilde', 'diaeresis' or None for the strong-ink mask ``mark`` above one letter."""
    if mark.sum() < max(4.0, MIN_MARK_PIXELS_PER_HEIGHT * letter_height):
        return None
    _, _, stats, _ = cv2.connectedComponentsWithStats(mark.astype(np.uint8), connectivity=8)
    blobs = [s for s in stats[1:] if s[cv2.CC_STAT_AREA] >= 3]
    if len(blobs) == 1:
        w, h = blobs[0][cv2.CC_STAT_WIDTH], blobs[0][cv2.CC_STAT_HEIGHT]
        if w >= TILDE_WIDTH * cell_width and w >= 1.5 * h:
            return "tilde"
    elif len(blobs) == 2:
        xs = sorted(b[cv2.CC_STAT_LEFT] + b[cv2.CC_STAT_WIDTH] / 2 for b in blobs)
        ys = [b[cv2.CC_STAT_TOP] + b[cv2.CC_STAT_HEIGHT] / 2 for b in blobs]
        if xs[1] - xs[0] >= 0.25 * cell_width and abs(ys[0] - ys[1]) <= 0.15 * letter_height:
            return "diaeresis"
    return None


def marks_over(img: np.ndarray, ink: np.ndarray, line: str, cells, *, columns: range | None = None,
               line_index: int = 0, above_limit: int = 0, overprint: np.ndarray | None = None) -> list[Mark]:
    """The marks over the letters of one read line, each with the glyph it makes with the letter under it.

    ``img``: the view's grey image the line was read from, ``ink`` its coverage ((H, W) float in [0, 1],
    :func:`docexam.read.segment.ink_map`); ``line``: the line as read; ``cells``: its
    :class:`~docexam.read.segment.LineCells`; ``columns``: the positions to look at (default all); ``above_limit``:
    the first row below the line above (a mark is never looked for in another line's band); ``overprint``: how
    coloured each pixel was before coloured print was lifted out (docexam.read.overprint), where it was: what is
    left of a stamp above a letter is no mark, so none is looked for where coloured print lay. The letter under a mark
    is read again with the mark lifted out (the recogniser, shown the mark, may take an N with tilde for another
    letter).
    """
    if img.ndim != 2 or img.dtype != np.uint8 or ink.shape != img.shape:
        raise ValueError(f"img must be a 2-D uint8 image and ink its coverage map of the same shape, got {img.dtype} "
                         f"{img.shape} and {ink.shape}")
    from docexam.ocr import ocrb  # deferred: the recogniser's weights are loaded by the reader already

    h_img, w_img = ink.shape
    a, b = cells.band
    height = max(3, b - a)
    strong = ink > STRONG_INK
    reach = int(round(MARK_REACH * height))
    top_row = max(0, above_limit, a - reach - height // 4)
    centre = (a + b) // 2 - top_row
    looked: dict[int, tuple[np.ndarray, int, int, int]] = {}
    column_of: dict[int, np.ndarray] = {}
    for j in range(len(line)):
        x0 = max(0, int(round(cells.centres[j] - 0.4 * cells.pitch)))
        x1 = min(w_img, int(round(cells.centres[j] + 0.4 * cells.pitch)))
        if x1 - x0 < 3:
            continue
        column = strong[top_row : min(h_img, b), x0:x1]
        if not 0 <= centre < len(column):
            continue
        # A row crossed by a pixel or two of blur between the mark and the letter is still the gap between them.
        rows = column.sum(axis=1)
        body = _body_top(np.where(rows > max(1, 0.1 * (x1 - x0)), rows, 0), centre)
        if body is not None:
            looked[j] = (column[max(0, body - reach) : max(0, body - 1)], body, x0, x1)
            column_of[j] = column
    levels = ocrb.line_levels(img)
    found = []
    for j in columns if columns is not None else range(len(line)):
        if line[j] not in LETTERS or j not in looked:
            continue
        window, body, x0, x1 = looked[j]
        if overprint is not None and overprint[max(0, top_row + body - reach) : b, x0:x1].mean() > OVERPRINTED:
            continue
        # Ink running on from the letter above its line's top: a blurred capture (150 dpi, defocused) joins a mark to
        # its letter by a few pixels, and the mark is then apart from the letter where the ink thins to a valley
        # between the two. Ink that does not thin so and reaches well above the line is no mark apart from the letter.
        valley = None
        if body + top_row < a:
            valley = _valley(ink[top_row : min(h_img, b), x0:x1].mean(axis=1), a - top_row, centre, reach, height)
        if valley is not None:
            body = valley + 1
            window = column_of[j][max(0, body - reach) : valley]
        elif body + top_row < a - height // 4:
            continue
        shape = _mark_shape(window, x1 - x0, height)
        if shape is None:
            continue
        # A mark is printed in the letters' ink: as dark as the letter under it. Security print under the line, its
        # thin lines cut into specks by heavy JPEG, is far lighter (a guilloche's "diaeresis" at 0.53 to 0.56 of its
        # letter's darkness on a development capture; the corpus's tildes 1.07, the tests' 1.0).
        first = top_row + max(0, body - reach)
        mark_ink = ink[first : first + window.shape[0], x0:x1][window]
        letter_ink = ink[top_row + body : b, x0:x1][strong[top_row + body : b, x0:x1]]
        if not letter_ink.size or np.percentile(mark_ink, 90) < MARK_DARKNESS * np.percentile(letter_ink, 90):
            continue
        # A mark is the cell's own: print spanning the line (a rule, security print) inks its neighbours' columns at
        # the same height too.
        neighbours = [looked[k][0] for k in (j - 1, j + 1) if k in looked]
        if neighbours and all(n.sum() >= 0.5 * window.sum() for n in neighbours):
            continue
        lifted = img.copy()
        lifted[max(0, top_row + body - reach) : top_row + body, x0:x1] = int(levels[0])
        cut = ocrb.cut_cells(lifted, np.array([cells.centres[j]]), cells.y_centre, cells.pitch, levels=levels)
        letter = ocrb.classify(cut)[0][0][0]
        glyph = MARKED.get((letter, shape))
        if glyph is not None:
            found.append(Mark(line_index, j, letter, shape, glyph))
    return found


__all__ = ["MARKED", "Mark", "marks_over"]
