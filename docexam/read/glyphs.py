"""OCR-B glyph metrics in a line's cells: where each cell's ink starts and ends, the line's baseline, its capital
and digit heights, and what shape a cell's ink has (a chevron, a letter or digit on the baseline).

OCR-B (ISO 1073-2, Doc 9303 Part 3, 4.2) draws the chevron clear of the baseline (its lower arm ends ~0.10 of the
capital height above it, and it is ~0.85 of the capitals high) and the digits ~8 % taller than the capitals
(1.05-1.14 measured on real MRZs). Each cell's ink is measured (:func:`measure_cells`: top and bottom edge,
sub-pixel), the line's baseline is fitted to the glyphs standing on it and the heights of those glyphs are split
into capitals and digits when both are there (:func:`line_geometry`); :func:`cell_shape` then says what a cell's
ink looks like. A recogniser's reading can be checked against these (see :mod:`docexam.read.symbols`); nothing
should be decided from them when the measurements are too scattered (blur, noise, faded print) to be trusted.

The cells come from the fixed-pitch grid of :mod:`docexam.read.segment`; the image is one text line, dark ink on
light paper, with the text band near its middle row.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docexam.mrz.alphabet import DIGITS, LETTERS
from docexam.ocr.levels import paper_and_ink

_DIGITS = frozenset(DIGITS)
_LETTERS = frozenset(LETTERS)

# OCR-B geometry, in fractions of the line's capital height
#: Clearance of a cell's ink above the baseline from which the cell is chevron-shaped (OCR-B ``<``: ~0.10; letters
#: and digits: ~0, but stems such as P, T, Y and 9 measure up to ~0.05). A chevron is also 0.7-0.92 high.
CHEVRON_RAISE = 0.072
#: Clearance below which (and height above 0.97) a cell holds a letter or digit standing on the baseline.
FULL_RAISE = 0.025
#: OCR-B digit height / capital height (fonts-ocr-b: 1.08), assumed for a line of capitals.
DIGIT_HEIGHT_RATIO = 1.08
#: Below this measured ratio two height classes are not capitals and digits.
MIN_DIGIT_HEIGHT_RATIO = 1.04
#: Beyond these, a line's measurements are too scattered to overrule a recogniser: the spread of the bottoms of the
#: glyphs on the baseline and of the tops within a height class (OCR-B's own design varies both by ~0.01), and the
#: fraction of cells whose bottom is neither on the baseline nor where a chevron's would be.
MAX_BOTTOM_SPREAD = 0.03
MAX_TOP_SPREAD = 0.025
MAX_SCATTERED = 0.2
#: Largest tilt of the fitted baseline over the whole line (the line comes straightened).
MAX_TILT = 0.1
#: Row-mass threshold of a glyph's top and bottom edges, as a fraction of the pitch (about half a stroke width).
EDGE_MASS = 0.06


@dataclass(frozen=True)
class CellInk:
    """Vertical extent of the ink in each cell (rows of the line image, sub-pixel); NaN where no ink."""

    top: np.ndarray
    bottom: np.ndarray


def measure_cells(img: np.ndarray, centres: np.ndarray, pitch: float) -> CellInk:
    """Top and bottom edge of each cell's ink: where its row mass crosses about half a stroke.

    Only what is darker than halfway between paper and ink counts (background print is lighter than the MRZ's
    black), and only the run of inked rows through the middle of the line (stray marks above or below are not
    the glyph): every MRZ glyph inks each row between its top and bottom.
    """
    paper, ink_level = paper_and_ink(img)
    mid = (paper + ink_level) / 2
    ink = np.clip((mid - img.astype(np.float32)) / (mid - ink_level), 0, 1)
    ink = cv2.GaussianBlur(ink, (0, 0), max(0.6, pitch / 40))
    h, w = ink.shape
    half = 0.42 * pitch  # OCR-B glyphs fill the middle ~70 % of their cell; the rest allows for the grid's error
    tau = EDGE_MASS * pitch
    centre_rows = slice(h // 2 - max(1, h // 8), h // 2 + max(1, h // 8) + 1)  # the text band is centred
    tops = np.full(len(centres), np.nan)
    bottoms = np.full(len(centres), np.nan)
    for i, xc in enumerate(centres):
        x0, x1 = int(round(xc - half)), int(round(xc + half)) + 1
        if x1 <= 0 or x0 >= w:
            continue
        mass = ink[:, max(0, x0) : min(w, x1)].sum(axis=1)
        core = centre_rows.start + int(np.argmax(mass[centre_rows]))
        if mass[core] < 2 * tau:
            continue
        t = core
        while t > 0 and mass[t - 1] >= tau:
            t -= 1
        b = core
        while b + 1 < h and mass[b + 1] >= tau:
            b += 1
        # sub-pixel: where the mass crosses tau between the last row above it and the next one out
        tops[i] = t - (mass[t] - tau) / (mass[t] - mass[t - 1]) + 0.5 if t > 0 else float(t)
        bottoms[i] = b + (mass[b] - tau) / (mass[b] - mass[b + 1]) + 0.5 if b + 1 < h else float(b + 1)
    return CellInk(tops, bottoms)


@dataclass(frozen=True)
class LineGeometry:
    """A line's vertical metrics, in rows of the line image and fractions of its capital height."""

    #: Baseline under each cell (a straight line fitted to the glyphs' bottoms, so a slight tilt does not matter).
    baseline: np.ndarray
    cap_height: float
    #: digit height / capital height; None when the line cannot tell digits from capitals by height.
    digit_ratio: float | None
    #: Whether the ratio was measured on the line's own capitals and digits (else it is OCR-B's, assumed for a
    #: line of capitals, and only a cell that stands out as taller is judged by it).
    measured: bool
    #: Robust spread (fraction of the capital height) of the bottoms of the glyphs standing on the baseline and of
    #: the tops within each height class. OCR-B's own design varies them by ~0.01 (round glyphs overshoot); more
    #: means blur or noise, and tells how far a single cell's measurement can be trusted.
    spread_bottom: float
    spread_top: float
    #: Fraction of the inked cells whose bottom is neither on the baseline nor where a chevron's is: when noise or
    #: faded print scatter the bottoms, a raised bottom says little.
    scattered: float


def _mad(x: np.ndarray) -> float:
    return float(1.4826 * np.median(np.abs(x - np.median(x)))) if len(x) else 0.0


def _two_classes(h: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Split heights into a lower and an upper class (1-D Otsu), or None when one class explains them."""
    hs = np.sort(h)
    n = len(hs)
    best, k_best = 0.0, 0
    for k in range(2, n - 1):  # at least two in each class
        lo, hi = hs[:k], hs[k:]
        score = k * (n - k) * (hi.mean() - lo.mean()) ** 2
        if score > best:
            best, k_best = score, k
    if not k_best:
        return None
    lo, hi = hs[:k_best], hs[k_best:]
    return lo, hi


def _agrees(split: tuple[np.ndarray, np.ndarray], h: np.ndarray, read: list[str | None]) -> bool:
    """Whether two height classes are capitals and digits: clearly apart, and matching what was read for at least
    four in five of the reference glyphs (blur and noise can split any set of heights in two)."""
    lo, hi = np.median(split[0]), np.median(split[1])
    if hi / lo < MIN_DIGIT_HEIGHT_RATIO:
        return False
    mid = (lo + hi) / 2
    letters = [hh > mid for hh, c in zip(h, read) if c is not None and c in _LETTERS and c not in "JL"]
    digits = [hh > mid for hh, c in zip(h, read) if c is not None and c in _DIGITS and c not in "46"]
    if len(letters) < 2 or len(digits) < 1:
        return False
    agree = (len(letters) - sum(letters)) + sum(digits)
    return agree >= 0.8 * (len(letters) + len(digits))


def _fit_baseline(cells: CellInk, ok: np.ndarray, scale: float) -> np.ndarray | None:
    """The baseline under every cell: a straight line through the bottoms of the glyphs standing on it.

    Starts from the lowest bottoms (chevrons stand higher) and refits on the cells within 4 % of the scale. The
    line comes straightened, so the tilt allowed is small (:data:`MAX_TILT`), and a constant is fitted when the
    glyphs on the baseline cover less than half the line (a name followed by fillers): extrapolating a slope from
    them would bend the baseline onto the fillers.
    """
    x = np.arange(len(cells.bottom), dtype=np.float64)
    b = np.where(ok, cells.bottom, np.nan)
    sel = ok & (b >= np.nanpercentile(b, 85) - 0.05 * scale)
    line = np.full(len(x), np.nan)
    for _ in range(3):
        if sel.sum() < 3:
            return None
        if np.ptp(x[sel]) >= 0.5 * len(x):
            slope, icpt = np.polyfit(x[sel], b[sel], 1)
            limit = MAX_TILT * scale / len(x)
            slope = float(np.clip(slope, -limit, limit))
            icpt = float(np.median(b[sel] - slope * x[sel]))
        else:
            slope, icpt = 0.0, float(np.median(b[sel]))
        line = icpt + slope * x
        sel = ok & (np.abs(b - line) < 0.04 * scale)
    return line


def line_geometry(chars: list[str | None], cells: CellInk) -> LineGeometry | None:
    """The line's baseline, capital height and digit/capital ratio, measured on its own glyphs.

    The baseline is where most glyphs stand (chevrons stand higher); the glyphs standing on it fall into two height
    classes when the line has both capitals and digits (OCR-B digits are taller); the readings (``chars``, None
    where a cell was not read) only say which class a line has when there is one.
    """
    ok = ~np.isnan(cells.top)
    if ok.sum() < 3:
        return None
    bottoms, tops = cells.bottom[ok], cells.top[ok]
    scale = float(np.median(bottoms - tops))
    if scale <= 0:
        return None
    baseline = _fit_baseline(cells, ok, scale)
    if baseline is None:
        return None
    standing = ok & (np.abs(baseline - cells.bottom) < 0.05 * scale)
    idx = np.nonzero(standing)[0]
    if len(idx) < 3:
        return None
    h = baseline[idx] - cells.top[idx]
    read = [chars[i] for i in idx]
    split = _two_classes(h)
    if split is not None and _agrees(split, h, read):
        lo, hi = split
        cap = float(np.median(lo))
        ratio: float | None = float(np.median(hi)) / cap
        spread_top = float(np.sqrt((len(lo) * _mad(lo / cap) ** 2 + len(hi) * _mad(hi / cap) ** 2) / len(h)))
        measured = True
    else:
        measured = False
        n_digits = sum(c is not None and c in _DIGITS for c in read)
        n_letters = sum(c is not None and c in _LETTERS for c in read)
        if n_letters >= n_digits:  # capitals only: the prior ratio lets a digit-height cell stand out
            cap, ratio = float(np.median(h)), DIGIT_HEIGHT_RATIO
        else:  # digits only: the scale is known, but letters cannot be told from them
            cap, ratio = float(np.median(h)) / DIGIT_HEIGHT_RATIO, None
        spread_top = _mad(h / cap)
    spread_bottom = _mad((cells.bottom[idx] - baseline[idx]) / cap)
    raised = (baseline[ok] - cells.bottom[ok]) / cap
    explained = (np.abs(raised) < 0.04) | ((raised >= CHEVRON_RAISE - 0.01) & (raised <= 0.2))
    scattered = 1.0 - float(explained.mean())
    if ratio is not None and spread_top > MAX_TOP_SPREAD:
        ratio = None  # blur or noise: a cell's height says too little
    return LineGeometry(baseline, cap, ratio, measured, spread_bottom, spread_top, scattered)


def cell_shape(i: int, cells: CellInk, geo: LineGeometry | None) -> str:
    """What a cell's ink looks like: ``"none"``, ``"chevron"``, ``"glyph"`` (a letter or digit standing on the
    baseline at full height) or ``"unsure"``."""
    if np.isnan(cells.top[i]):
        return "none"
    if geo is None or geo.spread_bottom > MAX_BOTTOM_SPREAD or geo.scattered > MAX_SCATTERED:
        # A raised bottom may be noise: the chevron decision is left to the recogniser and the
        # corrector.
        return "unsure"
    raise_ = (geo.baseline[i] - cells.bottom[i]) / geo.cap_height
    top = (geo.baseline[i] - cells.top[i]) / geo.cap_height
    height = top - raise_
    # An OCR-B chevron clears the baseline by ~0.10 of the capital height and is ~0.85 of it high.
    if max(CHEVRON_RAISE, 2.5 * geo.spread_bottom) <= raise_ <= 0.25 and 0.7 <= height <= 0.92:
        return "chevron"
    if raise_ < FULL_RAISE and height > 0.97:
        return "glyph"
    return "unsure"
