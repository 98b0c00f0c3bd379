"""MRZ lines read with tesseract: its symbols put in the cells of the fixed pitch and checked against OCR-B.

The adapter (:mod:`docexam.ocr.tesseract`) recognises a line and returns tesseract's symbols with their boxes on the
image it read. This module turns them into what the MRZ corrector (:func:`docexam.mrz.correct.correct`) consumes:
for each of the line's ``length`` character positions, (char, confidence) pairs from the MRZ alphabet, best first.
Each line is recognised once, whatever lengths it is then read at (44 and 36 for a two-line MRZ).

1. **Alignment to the fixed pitch** (:func:`align`). Every MRZ character fills one cell of a fixed pitch
   (Doc 9303 Part 3, 4.4), so tesseract's symbols are put in cells by the centres of their boxes, not by their
   order: the grid is fitted to the centres (:func:`docexam.read.segment.fit_grid_to_points`) and each symbol goes
   to cell ``round((x_centre - x_first_centre) / pitch)``. Two symbols in one cell (a glyph read twice): the more
   confident wins, the other becomes a weak alternative. Symbols spanning more than ``length`` cells: the window
   of ``length`` cells holding the most confidence. Fewer: cells are added where the line still has ink beyond
   them, right first (fillers end lines). A cell no symbol reached gets ``<`` at 0.3 (most lost characters are
   fillers).
2. **Cells read again**. A cell that holds a full-height glyph but no symbol (typically a lone check digit after
   fillers, swallowed into one wide ``<``) is cut out and read on its own, all such cells of a line in one more
   tesseract run per line, whatever lengths it is read at.
3. **OCR-B geometry** (:mod:`docexam.read.glyphs`). A chevron-shaped cell read as one of tesseract's usual chevron
   misreadings (:data:`CHEVRON_MISREADS`) becomes ``<``; a ``<`` at full height on the baseline yields to
   tesseract's next choice; a letter at digit height becomes its digit look-alike (``O`` -> ``0``, ``B`` ->
   ``8``...) and, where the line's two heights were measured, a digit at capital height its letter. Tesseract's
   reading stays as a weak alternative, and nothing is overruled when the measurements are too scattered to be
   trusted. What remains is the corrector's: check digits and field alphabets.

Tesseract's ``eng`` model was not trained on OCR-B: on the synthetic OCR-B lines of the tests it gets about 89 % of
the characters right in place by itself; with these steps, 99 %.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from docexam.mrz.alphabet import DIGITS, LETTERS, MRZ_ALPHABET
from docexam.ocr import tesseract
from docexam.ocr.tesseract import Symbol
from docexam.read.glyphs import CellInk, LineGeometry, cell_shape, line_geometry, measure_cells
from docexam.read.segment import fit_grid_to_points

_DIGITS = frozenset(DIGITS)
_LETTERS = frozenset(LETTERS)

# Candidates
#: What a cell no recognised symbol reached is given: probably a filler (most lost characters are).
MISSING = (("<", 0.3), ("K", 0.05))
#: ... and a cell no symbol reached whose ink is chevron-shaped.
MISSING_CHEVRON = (("<", 0.6), ("K", 0.05))
#: Confidence of the character the OCR-B geometry puts first, and the cap on the confidences of the readings it
#: overrules (which stay as alternatives).
OVERRULING_CONF = 0.9
OVERRULED_CONF = 0.1

#: What tesseract's ``eng`` model reads OCR-B chevrons as (seen on synthetic and real MRZs). A chevron-shaped cell
#: read as one of these, or with ``<`` among tesseract's alternatives, becomes ``<``; other readings stand, so that
#: a letter whose foot has faded (a P, an I) is not taken for a filler.
CHEVRON_MISREADS = frozenset("KXECSRMGZ46")
#: How far from the middle between capital and digit height (in units of their difference) a cell must measure for
#: its height to overrule tesseract's letter or digit: at least MIN_MARGIN, and SPREAD_MARGIN times the spread of
#: the line's measurements.
MIN_MARGIN = 0.2
SPREAD_MARGIN = 1.0
#: Characters tesseract tells apart in OCR-B by context only (it reads the same glyph as O or 0 depending on its
#: neighbours): their confidence is capped at OVERRULING_CONF, below the corrector's "sure" (0.95), so that check
#: digits and field alphabets can still decide between them.
_GUESSED_BY_CONTEXT = frozenset("O0QD")

#: OCR-B look-alikes across letters and digits, for a cell whose height says the other class.
#: Not A/4 nor 6->G: the apex of 4 and the hook of 6 measure low, like a capital.
_AS_DIGIT = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "T": "7", "Z": "2", "S": "5", "G": "6", "B": "8"}
_AS_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "7": "T"}


def _demote(cands: list[tuple[str, float]], new_first: str, conf: float) -> list[tuple[str, float]]:
    rest = [(c, min(p, OVERRULED_CONF)) for c, p in cands if c != new_first]
    return [(new_first, conf), *rest]


def _apply_geometry(cands: list[list[tuple[str, float]]], cells: CellInk, geo: LineGeometry, read: list[bool]) -> None:
    """Overrule tesseract where a cell's OCR-B shape clearly says otherwise (module docstring, step 3)."""
    for i, cand in enumerate(cands):
        shape = cell_shape(i, cells, geo)
        top = cand[0][0]
        if not read[i]:
            if shape == "chevron":
                cands[i] = list(MISSING_CHEVRON)
            continue
        if shape == "chevron":
            if top != "<" and (top in CHEVRON_MISREADS or any(c == "<" for c, _ in cand)):
                cands[i] = _demote(cand, "<", OVERRULING_CONF)
            continue
        if top == "<":
            if shape == "glyph":
                # Read as a filler but it stands on the baseline at full height: not a chevron. Tesseract's next
                # choice goes first if it gave one; the corrector's look-alikes (< : K X C) do the rest.
                alts = [(c, p) for c, p in cand if c != "<"]
                if alts:
                    cands[i] = _demote(cand, alts[0][0], min(max(alts[0][1], 0.5 * cand[0][1]), OVERRULING_CONF))
                else:
                    cands[i] = [("<", 0.5 * cand[0][1])]
            continue
        if geo.digit_ratio is None or shape == "none":
            continue
        # 0 at capital height, 1 at digit height; a decision needs the cell clearly on one side.
        x = ((geo.baseline[i] - cells.top[i]) / geo.cap_height - 1.0) / (geo.digit_ratio - 1.0)
        margin = max(MIN_MARGIN, SPREAD_MARGIN * geo.spread_top / (geo.digit_ratio - 1.0))
        if top in _LETTERS and x > 0.5 + margin:
            want = _AS_DIGIT.get(top)
        elif top in _DIGITS and x < 0.5 - margin and geo.measured:
            want = _AS_LETTER.get(top)
        else:
            continue
        if want is not None:
            cands[i] = _demote(cand, want, min(cand[0][1], OVERRULING_CONF))


def _window(symbols: list[Symbol], j: np.ndarray, img: np.ndarray, first: float, pitch: float, length: int) -> int:
    """Index of the grid cell where the line's ``length`` cells start."""
    span = int(j.max()) + 1 if len(j) else 0
    if span > length:  # extra symbols (noise, a neighbour's ink): the window holding the most confidence
        conf_per_cell = np.zeros(span)
        np.add.at(conf_per_cell, j, [s.conf for s in symbols])
        return int(np.argmax(np.convolve(conf_per_cell, np.ones(length), mode="valid")))
    if span == length:
        return 0
    # Missing symbols: extend where the line still has ink beyond them, right first (fillers end a line).
    missing = length - span
    has = ~np.isnan(measure_cells(img, first + np.arange(-missing, span + missing) * pitch, pitch).top)
    right = 0
    while right < missing and has[missing + span + right]:
        right += 1
    left = 0
    while left < missing - right and has[missing - 1 - left]:
        left += 1
    return -left


@dataclass
class _Placed:
    """One line's symbols in ``length`` cells, before the cells tesseract lost are read again."""

    cands: list[list[tuple[str, float]]]
    read: list[bool]  # whether a symbol reached the cell
    cells: CellInk
    geo: LineGeometry | None
    centres: np.ndarray  # x of each cell's centre on the line as tesseract read it
    pitch: float
    lost: list[int]  # cells that hold a letter or digit tesseract did not return


def _place(symbols: list[Symbol], img: np.ndarray, length: int, *, reread: bool) -> _Placed:
    """Steps 1 and the measuring half of 3 (module docstring) for one line at one length."""
    if symbols:
        centres = np.array([s.x_centre for s in symbols])
        first, pitch, j = fit_grid_to_points(centres, np.array([s.conf for s in symbols]), pitch_hint=float(tesseract.TEXT_HEIGHT))
    else:
        first, pitch, j = tesseract.BORDER + 0.5 * tesseract.TEXT_HEIGHT, float(tesseract.TEXT_HEIGHT), np.zeros(0, dtype=int)
    start = _window(symbols, j, img, first, pitch, length)
    cands: list[list[tuple[str, float]] | None] = [None] * length
    for s, cell in zip(symbols, j - start):
        if not 0 <= cell < length:
            continue
        held = cands[cell]
        mine = [(s.char, s.conf), *s.choices]
        if held is None:
            cands[cell] = mine
        else:  # two symbols in one cell: the more confident wins, the other stays as a weak alternative
            win, lose = (mine, held) if s.conf > held[0][1] else (held, mine)
            extra = [(c, p * 0.5) for c, p in lose if c not in {w for w, _ in win}]
            cands[cell] = win + extra[:1]
    read = [c is not None for c in cands]
    out = [c if c is not None else list(MISSING) for c in cands]
    centres_out = first + (np.arange(length) + start) * pitch
    cells = measure_cells(img, centres_out, pitch)
    geo = line_geometry([c[0][0] if r else None for c, r in zip(out, read)], cells)
    lost: list[int] = []
    if reread and len(symbols) >= length / 3:
        shapes = [cell_shape(i, cells, geo) for i in range(length)]
        lost = [i for i in range(length) if shapes[i] != "none" and (
            (not read[i] and shapes[i] != "chevron") or (out[i][0][0] == "<" and shapes[i] == "glyph"))]
    return _Placed(out, read, cells, geo, centres_out, float(pitch), lost)


def _finish(placed: _Placed, again: Sequence[list[tuple[str, float]] | None]) -> list[list[tuple[str, float]]]:
    """Step 2's readings of the lost cells (``again``, one per ``placed.lost``) merged, then step 3."""
    out, read = placed.cands, placed.read
    for i, cand in zip(placed.lost, again):
        if cand is not None:
            out[i] = cand + [(c, min(p, 0.5 * cand[0][1])) for c, p in out[i]]
            read[i] = True
    if placed.geo is not None:
        _apply_geometry(out, placed.cells, placed.geo, read)
    for cand in out:
        if cand[0][0] in _GUESSED_BY_CONTEXT:
            cand[0] = (cand[0][0], min(cand[0][1], OVERRULING_CONF))
    return [_tidy(c) for c in out]


def _cut_cell(img: np.ndarray, x_centre: float, pitch: float) -> np.ndarray:
    """The cell of ``img`` centred at ``x_centre``, 0.92 ``pitch`` wide and as high as ``img``; white beyond it."""
    h, w = img.shape
    half = int(round(0.46 * pitch))
    x0 = int(round(x_centre)) - half
    cell = np.full((h, 2 * half + 1), 255, np.uint8)
    src = img[:, max(0, x0) : min(w, x0 + 2 * half + 1)]
    off = max(0, -x0)
    cell[:, off : off + src.shape[1]] = src
    return cell


def _read_cells(cells: Sequence[np.ndarray], *, gap: int, deadline: float | None = None
                ) -> list[list[tuple[str, float]] | None]:
    """Candidates for single cells read on their own: set ``gap`` pixels apart on a white strip, each centred on its
    height, all read in one tesseract run; None for a cell where tesseract saw nothing."""
    h = max(c.shape[0] for c in cells)
    strip = np.full((h, sum(c.shape[1] + gap for c in cells) + gap), 255, np.uint8)
    mids, halves = [], []
    x = gap
    for c in cells:
        top = (h - c.shape[0]) // 2
        strip[top : top + c.shape[0], x : x + c.shape[1]] = c
        mids.append(x + c.shape[1] // 2)
        halves.append(c.shape[1] // 2)
        x += c.shape[1] + gap
    out: list[list[tuple[str, float]] | None] = [None] * len(cells)
    symbols = tesseract.recognise(strip) if deadline is None else tesseract.recognise(strip, deadline=deadline)
    for s in symbols:
        k = int(np.argmin([abs(s.x_centre - m) for m in mids]))
        held = out[k]
        if abs(s.x_centre - mids[k]) < halves[k] and (held is None or s.conf > held[0][1]):
            out[k] = [(s.char, s.conf), *s.choices]
    return out


def _read_lost(placed: Sequence[tuple[int, _Placed]], images: Sequence[np.ndarray], *, deadline: float | None = None
               ) -> list[list]:
    """Step 2 for placed lines: the cells each line lost (each cell once, though several lengths lose it) read in one
    tesseract run per line. ``placed`` pairs each placement with the index of its line in ``images``."""
    index: dict[tuple[int, int], int] = {}
    cuts: dict[int, list[np.ndarray]] = {}
    pitch: dict[int, float] = {}
    for k, p in placed:
        for i in p.lost:
            key = (k, int(round(p.centres[i] * 8)))
            if key not in index:
                index[key] = len(cuts.setdefault(k, []))
                cuts[k].append(_cut_cell(images[k], float(p.centres[i]), p.pitch))
                pitch.setdefault(k, p.pitch)
    seen = {k: _read_cells(c, gap=int(round(pitch[k])), deadline=deadline) for k, c in cuts.items()}
    return [[seen[k][index[(k, int(round(p.centres[i] * 8)))]] for i in p.lost] for k, p in placed]


def align(symbols: list[Symbol], img: np.ndarray, length: int, *, reread: bool = True) -> list[list[tuple[str, float]]]:
    """``length`` positions of candidates from tesseract's symbols on the line ``img`` it read.

    See the module docstring, steps 1 to 3. With ``reread``, cells that hold a letter or digit tesseract did not
    return are read again on their own (one more tesseract run, only when there are such cells).
    """
    placed = _place(symbols, img, length, reread=reread)
    (again,) = _read_lost([(0, placed)], [img])
    return _finish(placed, again)


def _tidy(cands: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Unique characters (the first mention of each), most confident first (ties keep their order), confidences
    clipped to [0, 1]."""
    seen: dict[str, float] = {}
    for c, p in cands:
        if c in MRZ_ALPHABET and c not in seen:
            seen[c] = float(min(max(p, 0.0), 1.0))
    return sorted(seen.items(), key=lambda o: -o[1])


def _validate_length(length: object) -> None:
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < 1:
        raise ValueError(f"length must be a positive number of characters (30, 36 or 44 for an MRZ), got {length!r}")


def read_lines(lines: Sequence[np.ndarray], *, lengths: Sequence[int], timeout_s: float | None = None
               ) -> dict[int, list[list[list[tuple[str, float]]]]]:
    """Per-position candidates for each line of an MRZ at each of ``lengths``: length -> lines -> positions ->
    (char, confidence) pairs. Each line is recognised once, whatever the lengths.

    Parameters
    ----------
    lines : sequence of (H, W) uint8 ndarray
        Greyscale, dark ink on light paper: straightened MRZ text lines (OCR-B, fixed pitch), each cropped with a
        small margin.
    lengths : sequence of int
        Numbers of characters per line to read them at (44 for TD3, 36 for TD2 and MRV-B, 30 for TD1).
    timeout_s : float, optional
        Seconds all of tesseract's runs together may take (the reader's time budget); default: each run its own
        :data:`docexam.ocr.tesseract.TIMEOUT_S`.

    Returns
    -------
    For each length, one list per line of ``length`` positions, each a non-empty list of (char, confidence) pairs
    from the MRZ alphabet, best first, confidences in [0, 1].

    Raises
    ------
    ValueError
        A line is not a 2-D uint8 image, or a length is not a positive integer.
    TesseractUnavailable
        Tesseract, its English model or pytesseract is missing or fails (:class:`~docexam.ocr.tesseract.TesseractTimeout`
        when it does not answer within ``timeout_s``).
    """
    if isinstance(lines, np.ndarray) or not isinstance(lines, Sequence):
        raise ValueError(f"lines must be a sequence of 2-D uint8 line images, got {type(lines).__name__}")
    for k, line in enumerate(lines):
        tesseract.check_line(line, f"lines[{k}]")
    for length in lengths:
        _validate_length(length)
    if timeout_s is not None and not timeout_s >= 0:
        raise ValueError(f"timeout_s must be a number of seconds >= 0 or None, got {timeout_s!r}")
    deadline = None if timeout_s is None else time.perf_counter() + timeout_s
    seen = [tesseract.recognise_line(line, deadline=deadline) for line in lines]
    placed = [(k, _place(s.symbols, s.image, int(n), reread=True)) for n in lengths for k, s in enumerate(seen)]
    again = _read_lost(placed, [s.image for s in seen], deadline=deadline)  # the cells a line lost, at every length: one run
    out: dict[int, list[list[list[tuple[str, float]]]]] = {int(n): [] for n in lengths}
    for (_, p), cells in zip(placed, again):
        out[len(p.cands)].append(_finish(p, cells))
    return out


def read_line(line: np.ndarray, *, length: int) -> list[list[tuple[str, float]]]:
    """:func:`read_lines` for one line at one length: ``length`` positions of (char, confidence) pairs."""
    tesseract.check_line(line)
    _validate_length(length)
    return read_lines([line], lengths=(length,))[int(length)][0]


__all__ = ["CHEVRON_MISREADS", "align", "read_line", "read_lines"]
