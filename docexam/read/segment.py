"""Split a straightened MRZ crop into lines and each line into character cells on the fixed pitch.

Every MRZ character occupies one cell of the 2.54 mm pitch (Doc 9303 Part 3, 4.4), so a line of ``n`` characters is
``n`` equal cells. The pitch and the phase of the grid are fitted to the ink: OCR-B leaves a gap between glyphs,
so the grid whose cell boundaries cross the least ink wins (:func:`fit_grid`, :func:`segment_lines`). A recogniser
that finds the characters itself (tesseract) has its characters put on the grid their centres sit on
(:func:`fit_grid_to_points`). This is the one module that fits the MRZ's character grid, for every engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.read.numeric import interp_unit, percentile, true_runs


@dataclass(frozen=True)
class LineCells:
    y_centre: float
    pitch: float
    centres: np.ndarray  # (n,) x centres of the cells
    band: tuple[int, int]  # rows of the line's ink (top, bottom), inclusive-exclusive


def ink_map(crop: np.ndarray) -> np.ndarray:
    """Ink coverage in [0, 1] of a crop, from local contrast (robust to uneven light)."""
    background = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (41, 41)))
    dark = background.astype(np.float32) - crop.astype(np.float32)
    scale = max(float(percentile(dark, 99.5)), 20.0)
    return np.clip(dark / scale, 0, 1)


#: Strips of a crop whose median inked rows stand for the crop's when its lines' rows joined (:func:`line_bands`).
STRIPS = 8


def _inked_row_runs(strong: np.ndarray) -> list[int]:
    """Lengths of the runs of three rows or more whose share of strong ink ``strong`` is over a fifth of its most."""
    return [b - a for a, b in true_runs(strong > 0.2 * strong.max()) if b - a >= 3]


def line_bands(ink: np.ndarray, n_lines: int) -> list[tuple[int, int]]:
    """Rows of the ``n_lines`` text lines, top to bottom.

    The row profile of strong ink is smoothed and its ``n_lines`` highest peaks, at least half a character apart,
    are the lines; each band runs while the profile stays above a third of its peak (and never past the midpoint to
    the next line). Background print raises the profile everywhere a little, which a plain threshold would merge.
    """
    strong = (ink > 0.45).mean(axis=1).astype(np.float32)
    h = len(strong)
    if strong.max() <= 0:
        return []
    # The character height, from the runs of inked rows; it sets the smoothing (bumps within a line vanish) and the
    # least distance between two lines' peaks.
    runs = _inked_row_runs(strong)
    if len(runs) < n_lines:
        # Fewer runs than lines: the lines' runs joined. Print beside them (a phone's on-screen buttons beside a
        # photographed page, a card's edge, a shadow) fills the rows of a strip or two of the crop, while an MRZ's
        # lines run its width: the rows are counted inked by the median of eight strips across instead.
        across = np.median([s.mean(axis=1) for s in np.array_split(ink > 0.45, STRIPS, axis=1)], axis=0).astype(np.float32)
        if across.max() > 0 and len(split := _inked_row_runs(across)) > len(runs):
            strong, runs = across, split
    char_h = float(np.median(runs)) if runs else h / (2 * n_lines)
    char_h = min(char_h, h / n_lines)
    profile = cv2.GaussianBlur(strong.reshape(-1, 1), (1, 0), max(1.0, char_h / 4)).ravel()
    maxima = [y for y in range(1, h - 1) if profile[y] >= profile[y - 1] and profile[y] >= profile[y + 1] and profile[y] > 0.15 * profile.max()]
    min_gap = max(4.0, char_h * 1.1)
    peaks: list[int] = []
    for y in sorted(maxima, key=lambda y: -profile[y]):
        if all(abs(y - q) >= min_gap for q in peaks):
            peaks.append(y)
        if len(peaks) == n_lines:
            break
    peaks.sort()
    bands = []
    for i, y in enumerate(peaks):
        lo = (peaks[i - 1] + y) // 2 if i else 0
        hi = (y + peaks[i + 1]) // 2 if i + 1 < len(peaks) else h
        floor = profile[y] / 3
        a = y
        while a > lo and profile[a - 1] > floor:
            a -= 1
        b = y + 1
        while b < hi and profile[b] > floor:
            b += 1
        if b - a >= 3:
            bands.append((a, b))
    return bands


#: The range, in character heights (the height of a line's inked rows), a line's period is looked for in. OCR-B's pitch
#: is about its height (2.54 mm for characters about 2.4 mm high, Doc 9303 Part 3, 4.4), but a line's inked rows run
#: taller than its letters (a tilde or a stain above, blur) and national MRZs are printed in other monospaced fonts: a
#: condensed one has a pitch of two thirds of its height. Two strokes of one glyph (an O, an H) lie under half a pitch
#: apart, below the range.
PERIOD_RANGE = (0.6, 1.6)


def _autocorrelation_pitch(profile: np.ndarray, lo: float, hi: float) -> float | None:
    x = profile - profile.mean()
    n = len(x)
    lags = np.arange(max(2, int(lo)), min(n // 2, int(hi) + 1))
    if len(lags) < 3:
        return None
    ac = np.array([float(x[:-k] @ x[k:]) / (n - k) for k in lags])
    i = int(np.argmax(ac))
    if not 0 < i < len(ac) - 1:
        # The highest correlation at an end of the range is no peak: the period lies outside it (a condensed font's
        # pitch two thirds of its height) or there is none; the range's end would pass for a measured period.
        return None
    a, b, c = ac[i - 1], ac[i], ac[i + 1]  # parabolic refinement
    denom = a - 2 * b + c
    return float(lags[i] + (0.5 * (a - c) / denom if denom else 0.0))


def _fit_uniform(column_profile: np.ndarray, n: int, *, char_height: float) -> tuple[float, float, float]:
    """(cost, pitch, x of the first cell's left edge) of the best uniform grid: see :func:`fit_grid`."""
    prof = column_profile.astype(np.float32)
    if prof.max() <= 0:
        raise ValueError("no ink in the line")
    cols = np.nonzero(prof > 0.2 * prof.max())[0]
    extent_pitch = (cols[-1] + 1 - cols[0]) / (n - 0.2)
    auto = _autocorrelation_pitch(prof, PERIOD_RANGE[0] * char_height, PERIOD_RANGE[1] * char_height)
    # Trust the periodicity unless it is far from what the extent says (a line of identical fillers can fool either).
    if auto and abs(auto - extent_pitch) / extent_pitch < 0.12:
        return _grid_near(prof, n, auto)
    best = _grid_near(prof, n, extent_pitch)
    if auto and auto < extent_pitch:
        # A period well under the extent's pitch: print beyond the MRZ that _text_columns did not clear (a caption in
        # the margin, an arrow pointing at the zone) stretches the extent, never the period (a passport page
        # photographed with its caption: 28.7 px by the extent, 23.8 by the period, the period right). Its grid is
        # taken only with a clear cell either side (the MRZ's margins, Doc 9303 Part 3, 4.10): n cells at the period
        # inside a longer line (36 of a visa's 44) would leave the line's next character beside them.
        at_period = _grid_near(prof, n, auto)
        if at_period[0] < best[0] and _clear_beside(prof, n, at_period[1], at_period[2]):
            best = at_period
    return best


def _clear_beside(prof: np.ndarray, n: int, pitch: float, x0: float) -> bool:
    """Whether the cells just before and after the ``n`` cells of ``pitch`` from ``x0`` hold little ink (a fifth of a
    typical cell's) in ``prof``."""
    cum = np.concatenate([[0.0], np.cumsum(prof, dtype=np.float64)])
    edges = x0 + pitch * np.arange(-1, n + 2)
    ink = np.diff(np.interp(edges, np.arange(len(cum), dtype=np.float64), cum))
    typical = float(np.median(ink[1:-1]))
    return bool(ink[0] <= 0.2 * typical and ink[-1] <= 0.2 * typical)


def _grid_near(prof: np.ndarray, n: int, p0: float) -> tuple[float, float, float]:
    """(cost, pitch, x of the first cell's left edge) of the best uniform grid of ``n`` cells with a pitch within 3 %
    of ``p0``.

    Every pitch and phase at once; the same search a pitch at a time gives the same grid to the last bit (every value
    here is computed from the same operands in the same order; tests/read/test_geometry.py compares the two)."""
    cum = np.concatenate([[0.0], np.cumsum(prof, dtype=np.float64)])
    pitches = np.linspace(p0 * 0.97, p0 * 1.03, 13)
    counts = ((len(prof) - 1) / pitches).astype(int) + 1
    fit = counts >= n + 1
    if not fit.any():
        return (np.inf, p0, 0.0)
    pitches, counts = pitches[fit], counts[fit]
    phases01 = np.arange(16) / 16.0
    widest = int(counts.max())
    # axes: pitch, phase, cell boundary; a pitch's boundaries past its own count are masked out below
    p = pitches[:, None, None]
    edges = phases01[None, :, None] * p + np.arange(widest)[None, None, :] * p
    boundary = interp_unit(edges, prof)
    ink_in = interp_unit(edges, cum)
    own = np.arange(widest)[None, None, :] < counts[:, None, None]  # the boundaries each pitch has
    windows = ink_in[..., n:] - ink_in[..., :-n]  # ink inside each run of n cells
    # ...less the ink of the cells just outside it: the MRZ has clear margins, so a window shifted by one cell (a thin
    # first "I" left out, an empty cell taken in at the end) leaves ink just outside.
    cells = np.where(own[..., 1:], ink_in[..., 1:] - ink_in[..., :-1], 0.0)
    padded = np.zeros((*cells.shape[:2], cells.shape[2] + 2))
    padded[..., 1:-1] = cells
    before = padded[..., : windows.shape[2]]
    after = padded[..., n + 1 : n + 1 + windows.shape[2]]
    windows = windows - 1.5 * (before + after)
    valid = (edges[..., n:] < len(prof)) & own[..., n:]
    windows = np.where(valid, windows, -np.inf)
    k = np.argmax(windows, axis=2)
    pi, ph = np.indices(k.shape)
    csum = np.concatenate([np.zeros((*boundary.shape[:2], 1)), np.cumsum(boundary, axis=2)], axis=2)
    boundary_mean = (csum[pi, ph, k + n + 1] - csum[pi, ph, k]) / (n + 1)
    cost = boundary_mean - 0.002 * windows[pi, ph, k] / n
    # the first least cost, pitches in order then phases: as the search a pitch at a time keeps it (strictly less)
    j = int(np.argmin(cost))
    a, b = divmod(j, cost.shape[1])
    if not cost[a, b] < np.inf:
        return (np.inf, p0, 0.0)
    return (float(cost[a, b]), float(pitches[a]), float(edges[a, b, k[a, b]]))


#: How close (relative) the characters a line holds by its ink's extent over its period must be to a format's length
#: for the geometry to decide the length before any character is read: 44 and 36 (Doc 9303 Parts 4 and 6) are 20 %
#: apart, and on the real corpus every two-line MRZ whose extent was the line's measured within 2.5 % of its length.
LENGTH_TOLERANCE = 0.06


def line_length_evidence(ink: np.ndarray, bands: list[tuple[int, int]], lengths: Sequence[int]) -> int | None:
    """The one of ``lengths`` the geometry of the lines says, before any character is read, or ``None`` when it says
    none clearly: the extent of the lines' ink over its period (every character is one pitch from the next,
    Doc 9303 Part 3, 4.4). The period of a line of identical fillers can be taken at two pitches, so twice the count
    is as good evidence as the count itself."""
    if not bands:
        return None
    profile = sum(_line_profile(ink, band) for band in bands) * _text_columns(ink, bands)
    if profile.max() <= 0:
        return None
    char_h = float(np.median([b - a for a, b in bands]))
    period = _autocorrelation_pitch(profile, PERIOD_RANGE[0] * char_h, PERIOD_RANGE[1] * char_h)
    if not period:
        return None
    cols = np.nonzero(profile > 0.2 * profile.max())[0]
    count = (cols[-1] + 1 - cols[0]) / period
    near = [n for n in lengths if any(abs(k * count - n) <= LENGTH_TOLERANCE * n for k in (1, 2))]
    return near[0] if len(near) == 1 else None


def fit_grid(column_profile: np.ndarray, n: int, *, char_height: float) -> tuple[float, float]:
    """(pitch, x of the first cell's left edge) for ``n`` cells over the ink of one line.

    The pitch comes from the profile's periodicity (every character is one pitch from the next), refined with the
    grid's phase so that cell boundaries cross the least ink (OCR-B leaves a gap between glyphs); then the window of
    ``n`` cells holding the most ink is the line. Ink beyond the MRZ (background print, a card edge) cannot stretch
    the grid, as it would if the grid were fitted to the ink's extent.
    """
    _, pitch, x0 = _fit_uniform(column_profile, n, char_height=char_height)
    return pitch, x0


def fit_grid_to_points(centres: np.ndarray, weights: np.ndarray, *, pitch_hint: float) -> tuple[float, float, np.ndarray]:
    """(first centre, pitch, cell index of each centre) of the fixed-pitch grid that points sit on: the centres of
    the characters a recogniser returned, weighted by its confidence (:func:`fit_grid` fits the grid to the ink).

    The pitch starts as the median distance between adjacent centres that are roughly one character apart
    (duplicates sit closer, merged fillers further), else ``pitch_hint``; then the grid's phase and pitch are
    refined by weighted least squares over the centres within a quarter pitch of a cell centre.
    """
    c = np.asarray(centres, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64) + 1e-3
    pitch = float(pitch_hint)
    if len(c) >= 3:
        d = np.diff(np.sort(c))
        near = d[(d > 0.6 * pitch_hint) & (d < 1.5 * pitch_hint)]
        if len(near) >= 2:
            pitch = float(np.median(near))
    # phase: circular mean of the centres modulo the pitch
    ang = 2 * np.pi * c / pitch
    phase = float(np.arctan2((w * np.sin(ang)).sum(), (w * np.cos(ang)).sum())) * pitch / (2 * np.pi)
    origin = phase + np.floor((c.min() - phase) / pitch + 0.5) * pitch
    for _ in range(3):
        j = np.round((c - origin) / pitch)
        resid = c - (origin + j * pitch)
        inl = np.abs(resid) < 0.25 * pitch
        if inl.sum() >= 2 and np.ptp(j[inl]) > 0:
            A = np.stack([np.ones(inl.sum()), j[inl]], axis=1) * np.sqrt(w[inl])[:, None]
            sol, *_ = np.linalg.lstsq(A, c[inl] * np.sqrt(w[inl]), rcond=None)
            if 0.5 * pitch < sol[1] < 1.5 * pitch:
                origin, pitch = float(sol[0]), float(sol[1])
        elif inl.sum() >= 1:
            origin += float(np.average(resid[inl], weights=w[inl]))
    j = np.round((c - origin) / pitch).astype(int)
    shift = int(j.min()) if len(j) else 0
    return origin + shift * pitch, pitch, j - shift


def _foreshorten(t: np.ndarray, c: float) -> np.ndarray:
    """The 1-D projective map of [0, 1] onto itself whose slope is ``1 + c`` at 0 and ``1 / (1 + c)`` at 1.

    A line photographed at an angle is foreshortened this way: its pitch shrinks steadily from one end to the other.
    """
    return t * (1 + c) / (1 + c * t)


def fit_centres(column_profile: np.ndarray, n: int, *, char_height: float, warps: Sequence[float] = (0.0,)) -> tuple[np.ndarray, float]:
    """Centres of ``n`` cells over one line's ink, and their median pitch, allowing for perspective.

    For each foreshortening ``c`` in ``warps`` (see :func:`_foreshorten`) the profile is resampled so that a
    foreshortened grid becomes a uniform one, the uniform grid is fitted (:func:`fit_grid`), and the grid crossing
    the least ink wins; its centres are mapped back to the crop.
    """
    c, pitch, x0 = _fit_foreshortened(column_profile, n, char_height=char_height, warps=warps)
    centres = _unwarped_centres(len(column_profile), n, c, pitch, x0)
    return centres, float(np.median(np.diff(centres)))


def _fit_foreshortened(column_profile: np.ndarray, n: int, *, char_height: float,
                       warps: Sequence[float]) -> tuple[float, float, float]:
    """(foreshortening, pitch, first edge) of the grid crossing the least ink: see :func:`fit_centres`."""
    best: tuple[float, float, float, float] | None = None  # cost, warp, pitch, x0
    for fit in _warp_fits(column_profile, n, char_height=char_height, warps=warps):
        if best is None or fit[0] < best[0]:
            best = fit
    assert best is not None
    return best[1], best[2], best[3]


def _warp_fits(column_profile: np.ndarray, n: int, *, char_height: float,
               warps: Sequence[float]) -> list[tuple[float, float, float, float]]:
    """(cost, foreshortening, pitch, first edge) of the best uniform grid (:func:`_fit_uniform`) of the profile
    foreshortened by each of ``warps``, in their order."""
    prof = np.asarray(column_profile, np.float32)
    return [(cost, c, pitch, x0) for c in warps
            for cost, pitch, x0 in [_fit_uniform(_warped(prof, c), n, char_height=char_height)]]


def grids_by_ink(ink: np.ndarray, bands: list[tuple[int, int]], n: int, *,
                 warps: Sequence[float]) -> list[tuple[float, float, float]]:
    """The best shared grid of ``n`` cells (:func:`shared_grid`) for each of ``warps``, ordered by the ink it crosses,
    least first, ties in the order of ``warps``: a grid far from the print's own foreshortening cuts through glyphs."""
    fits = _warp_fits(_shared_profile(ink, bands)[1], n, char_height=_char_height(bands), warps=warps)
    return [(c, pitch, x0) for _, c, pitch, x0 in sorted(fits, key=lambda f: f[0])]


def _unwarped_centres(size: int, n: int, c: float, pitch: float, x0: float) -> np.ndarray:
    """The centres of ``n`` cells of ``pitch`` from ``x0`` in a profile of ``size`` foreshortened by ``c``, mapped back."""
    centres = x0 + (np.arange(n) + 0.5) * pitch
    return size * _foreshorten(centres / size, c) if c else centres


def _warped(prof: np.ndarray, c: float) -> np.ndarray:
    """``prof`` resampled so that a grid foreshortened by ``c`` (:func:`_foreshorten`) becomes uniform."""
    if not c:
        return prof
    size = len(prof)
    grid = np.arange(size, dtype=np.float64)
    return np.interp(size * _foreshorten(grid / size, c), grid, prof).astype(np.float32)


#: How far (in pitches) a line's own grid may move each end of the shared grid: less than half a cell, so a line can
#: follow what perspective does to it (a page photographed from below its lower edge: the lower line 0.3 pitch longer
#: than the upper one at the end of a passport's 44 characters) but never slip by a character.
LINE_END_SLACK = 0.4
#: Room (in pitches) a cell leaves between its glyph and its outer edge, as far as a line's end may move out past its
#: last inked column: OCR-B's glyphs are about 0.6 of the pitch wide, centred in their cells.
MARGIN = 0.25


def _refine_on_line(prof: np.ndarray, n: int, pitch: float, x0: float) -> tuple[float, float]:
    """(pitch, x of the first cell's left edge) of the grid of ``n`` cells whose boundaries cross the least of one
    line's ink ``prof``, each of its ends within :data:`LINE_END_SLACK` pitches of the shared grid's (``pitch``,
    ``x0``).

    The lines of an MRZ are printed on one grid (Doc 9303 Part 3, 4.4 and 4.10), but a photo taken at an angle
    keystones it: the line nearer the camera is longer. The shared grid, fitted on the lines' summed ink, then sits
    between them and its cells drift off each line's characters towards its end. Each line's boundaries are moved to
    the gaps between its own glyphs; a line without a clear minimum keeps the shared grid.
    """
    # An end moves out only as far as the line's own ink goes past the shared grid's (and a margin of a quarter cell
    # beside the last glyph): past its ink the boundary crosses nothing wherever it goes, and a cell taken out there
    # reads what lies beyond the MRZ (a document's edge read as a 1 after a visa's fillers).
    cols = np.flatnonzero(prof > 0.2 * prof.max()) if prof.max() > 0 else np.array([x0, x0 + n * pitch])
    out_left = float(np.clip(x0 - (cols[0] - MARGIN * pitch), 0.0, LINE_END_SLACK * pitch))
    out_right = float(np.clip(cols[-1] + 1 + MARGIN * pitch - (x0 + n * pitch), 0.0, LINE_END_SLACK * pitch))
    # Smoothed by a sixth of a cell, so that the least ink lies in the middle of the gaps between glyphs, not anywhere
    # along a gap's flat floor.
    sigma = pitch / 6
    prof = cv2.GaussianBlur(np.asarray(prof, np.float32).reshape(1, -1), (0, 0), sigmaX=sigma).ravel()
    xs = np.arange(len(prof), dtype=np.float64)
    steps = np.linspace(-LINE_END_SLACK, LINE_END_SLACK, 17) * pitch
    starts = (x0 + steps)[:, None]  # first edge
    ends = (x0 + n * pitch + steps)[None, :]  # last edge
    pitches = (ends - starts) / n  # (start, end) pairs
    edges = starts[..., None] + pitches[..., None] * np.arange(n + 1)
    cost = np.interp(edges.ravel(), xs, prof, left=0.0, right=0.0).reshape(edges.shape).mean(axis=-1)
    cost[(steps < -out_left - 1e-9)[:, None] | (steps > out_right + 1e-9)[None, :]] = np.inf
    i, j = np.unravel_index(int(np.argmin(cost)), cost.shape)
    mid = len(steps) // 2
    if cost[i, j] >= cost[mid, mid]:
        return pitch, x0
    return float(pitches[i, j]), float(starts[i, 0])


def _line_profile(ink: np.ndarray, band: tuple[int, int]) -> np.ndarray:
    a, b = band
    pad = max(2, (b - a) // 4)
    return (ink[max(0, a - pad) : b + pad] > 0.45).sum(axis=0).astype(np.float32)


def segment_line(ink: np.ndarray, band: tuple[int, int], n: int) -> LineCells:
    """Cells of one line, its grid fitted on its own ink."""
    a, b = band
    pitch, x0 = fit_grid(_line_profile(ink, band), n, char_height=float(b - a))
    return LineCells((a + b) / 2.0, pitch, x0 + (np.arange(n) + 0.5) * pitch, band)


def _text_columns(ink: np.ndarray, bands: list[tuple[int, int]]) -> np.ndarray:
    """1 for the columns that may hold MRZ characters, 0 for those dark in the clear rows around and between lines.

    The MRZ has a clear band around it and between its lines (Doc 9303 Part 3, 4.10), so a column inked there too is
    not text: a document or sticker edge, a frame line, a shadow. Left in the profile, such a column looks like a
    character just outside the line and pulls the grid a cell towards it.
    """
    clear = np.ones(ink.shape[0], bool)
    for a, b in bands:
        pad = max(1, (b - a) // 6)
        clear[max(0, a - pad) : b + pad] = False
    if clear.sum() < 3:
        return np.ones(ink.shape[1], np.float32)
    dark = (ink[clear] > 0.45).mean(axis=0)
    return (dark < 0.3).astype(np.float32)


def segment_lines(ink: np.ndarray, bands: list[tuple[int, int]], n: int, *, warps: Sequence[float] = (0.0,)) -> list[LineCells]:
    """Cells of every line on one shared grid: an MRZ's lines have the same length and start at the same position
    (Doc 9303 Part 3, 4.10), so fitting their summed ink is steadier than fitting each line alone, where a faint first
    character or a stain at the end can shift a line by a cell."""
    return segment_lines_followed(ink, bands, n, warps=warps, follow=False)[0]


def _shared_profile(ink: np.ndarray, bands: list[tuple[int, int]]) -> tuple[list[np.ndarray], np.ndarray]:
    """Each line's column profile with the columns that are no text cleared (:func:`_text_columns`), and their sum,
    which the lines' shared grid is fitted to."""
    columns = _text_columns(ink, bands)
    profiles = [_line_profile(ink, band) * columns for band in bands]
    return profiles, np.sum(profiles, axis=0)


def _char_height(bands: list[tuple[int, int]]) -> float:
    return float(np.median([b - a for a, b in bands]))


def shared_grid(ink: np.ndarray, bands: list[tuple[int, int]], n: int, *,
                warps: Sequence[float] = (0.0,)) -> tuple[float, float, float]:
    """(foreshortening, pitch, first edge) of the grid of ``n`` cells shared by every line, the one of ``warps``
    crossing the least ink (:func:`segment_lines_followed` places its cells by it)."""
    return _fit_foreshortened(_shared_profile(ink, bands)[1], n, char_height=_char_height(bands), warps=warps)


def segment_lines_followed(ink: np.ndarray, bands: list[tuple[int, int]], n: int, *, warps: Sequence[float] = (0.0,),
                           follow: bool = True, grid: tuple[float, float, float] | None = None,
                           ) -> tuple[list[LineCells], list[LineCells]]:
    """The cells of :func:`segment_lines` (one grid shared by every line), and the same grid with each line's cells
    following that line's own ink by less than half a cell at either end (:func:`_refine_on_line`): what perspective
    does to one line and not the other, never a slip by a character. With one line, or ``follow=False``, both are the
    shared grid. ``grid``: :func:`shared_grid` of the same ink, bands, ``n`` and ``warps``, when already fitted."""
    profiles, total = _shared_profile(ink, bands)
    c, pitch, x0 = grid or _fit_foreshortened(total, n, char_height=_char_height(bands), warps=warps)
    centres = _unwarped_centres(len(total), n, c, pitch, x0)
    shared_pitch = float(np.median(np.diff(centres)))
    shared = [LineCells((a + b) / 2.0, shared_pitch, centres, (a, b)) for a, b in bands]
    if len(bands) < 2 or not follow:
        return shared, shared
    followed = []
    for (a, b), prof in zip(bands, profiles):
        own = _unwarped_centres(len(total), n, c, *_refine_on_line(_warped(prof, c), n, pitch, x0))
        followed.append(LineCells((a + b) / 2.0, float(np.median(np.diff(own))), own, (a, b)))
    return shared, followed


#: Slants tried, as horizontal shift per row (x' = x + s * (y - h/2)); a phone photo taken at an angle, or a
#: card bent on the scanner, leans the characters and shifts each line sideways against the one above.
SHEARS = np.arange(-0.5, 0.5001, 0.05)
#: Straighten only a clear lean: upright OCR-B's vertical strokes already line up (ratio 1.0 at no shear).
MIN_SHEAR = 0.075
MIN_SHEAR_GAIN = 1.03


#: Blank rows between two runs of inked rows up to which :func:`_stroke_alignment` shears the runs as one.
_RUN_GAP = 6


def _inked_runs(strong: np.ndarray) -> list[tuple[int, int]]:
    """(first, end) of the runs of rows of ``strong`` holding ink, runs parted by at most :data:`_RUN_GAP` blank rows
    taken as one."""
    rows = np.flatnonzero(strong.any(axis=1))
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > _RUN_GAP)
    firsts = np.concatenate([rows[:1], rows[breaks + 1]])
    ends = np.concatenate([rows[breaks], rows[-1:]]) + 1
    return list(zip(firsts.tolist(), ends.tolist()))


def _stroke_alignment(strong: np.ndarray, shears: np.ndarray) -> np.ndarray:
    """Sum of squared column sums of ``strong`` sheared by each of ``shears``: highest where strokes are upright.

    Only the runs of rows that hold ink are sheared (a horizontal shear moves each row along itself, and a blank row
    stays blank: about half the rows of a crop are its margins and the spaces between lines), each with the same
    shift per row as the whole (the row's offset added to the translation in double precision, where it is exact),
    and their rows summed onto the columns' sums in the order of the rows: the same sums as shearing the whole crop,
    to the bit."""
    h, w = strong.shape
    runs = _inked_runs(strong)
    out = np.empty(len(shears))
    rows = np.empty((max((b - a for a, b in runs), default=0) + 1, w), np.float32)
    for i, s in enumerate(shears):
        along, shift = float(np.float32(s)), float(np.float32(-s * h / 2))  # as a float32 matrix holds them
        p = np.zeros(w, np.float32)
        for a, b in runs:
            # rows[0]: the sums so far, then the run's rows sheared: summed down the columns as the whole crop's are
            block = rows[: b - a + 1]
            block[0] = p
            m = np.array([[1.0, along, shift + along * a], [0.0, 1.0, 0.0]])
            sheared = cv2.warpAffine(strong[a:b], m, (w, b - a), dst=block[1:], flags=cv2.INTER_LINEAR, borderValue=0)
            if not np.shares_memory(sheared, rows):  # (OpenCV wrote elsewhere)
                block[1:] = sheared
            p = block.sum(axis=0)
        out[i] = float(p @ p)
    return out


def estimate_shear(ink: np.ndarray) -> float:
    """The horizontal shear that makes the characters' vertical strokes upright, or 0.0 when they already are.

    OCR-B's strokes are upright and the lines of an MRZ start at the same position (Doc 9303 Part 3, 4.10), so the
    shear at which the column profile of the ink is sharpest undoes both the lean of the glyphs and the sideways
    drift of the lines that a shared cell grid cannot follow.
    """
    strong = (ink > 0.45).astype(np.float32)
    if not strong.any():
        return 0.0
    coarse = _stroke_alignment(strong, SHEARS)
    i = int(np.argmax(coarse))
    fine = SHEARS[i] + np.array([-0.025, 0.0, 0.025])
    scores = _stroke_alignment(strong, fine)
    s = float(fine[int(np.argmax(scores))])
    upright = coarse[len(SHEARS) // 2]
    if abs(s) < MIN_SHEAR or scores.max() < MIN_SHEAR_GAIN * upright:
        return 0.0
    return s


def deshear(img: np.ndarray, shear: float) -> np.ndarray:
    """``img`` sheared horizontally by ``shear`` about its middle row (edges repeated)."""
    h, w = img.shape[:2]
    m = np.float32([[1, shear, -shear * h / 2], [0, 1, 0]])
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
