"""Split a straightened MRZ crop into lines and each line into character cells on the fixed pitch.

Every MRZ character occupies one cell of the 2.54 mm pitch (Doc 9303 Part 3, 4.4), so a line of ``n`` characters is
``n`` equal cells. The pitch and the phase of the grid are fitted to the ink: OCR-B leaves a gap between glyphs,
so the grid whose cell boundaries cross the least ink wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


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
    scale = max(float(np.percentile(dark, 99.5)), 20.0)
    return np.clip(dark / scale, 0, 1)


def line_bands(ink: np.ndarray, n_lines: int) -> list[tuple[int, int]]:
    """Rows of the ``n_lines`` text lines: the strongest bands of the row profile."""
    profile = cv2.GaussianBlur(ink.sum(axis=1).astype(np.float32).reshape(-1, 1), (1, 0), 1.5).ravel()
    thr = 0.25 * float(profile.max())
    rows = profile > thr
    bands = []
    start = None
    for y, on in enumerate(np.append(rows, False)):
        if on and start is None:
            start = y
        elif not on and start is not None:
            bands.append((start, y))
            start = None
    bands = [b for b in bands if b[1] - b[0] >= 3]
    if len(bands) > n_lines:  # keep the heaviest
        weights = [float(profile[a:b].sum()) for a, b in bands]
        keep = sorted(np.argsort(weights)[-n_lines:])
        bands = [bands[i] for i in keep]
    return bands


def fit_grid(column_profile: np.ndarray, n: int, *, pitch_guess: float | None = None) -> tuple[float, float]:
    """(pitch, x of the first cell's left edge) for ``n`` cells over the ink of one line."""
    cols = np.nonzero(column_profile > 0.08 * column_profile.max())[0]
    if len(cols) < 2:
        raise ValueError("no ink in the line")
    xa, xb = float(cols[0]), float(cols[-1] + 1)
    p0 = (xb - xa) / (n - 0.2)
    if pitch_guess:
        p0 = pitch_guess if abs(pitch_guess - p0) / p0 < 0.06 else p0
    prof = np.concatenate([column_profile.astype(np.float32), np.zeros(int(p0 * 3) + 4, np.float32)])
    xs = np.arange(len(prof), dtype=np.float32)
    best = (np.inf, p0, xa)
    for p in np.linspace(p0 * 0.95, p0 * 1.05, 21):
        for o in np.linspace(xa - 0.45 * p, xa + 0.1 * p, 23):
            edges = o + np.arange(n + 1) * p
            if edges[0] < 0:
                continue
            cost = float(np.interp(edges, xs, prof).sum())
            # the grid must cover the ink: penalise ink left outside
            outside = float(prof[: max(0, int(edges[0]))].sum() + prof[int(min(edges[-1], len(prof) - 1)) :].sum())
            cost += 2.0 * outside
            if cost < best[0]:
                best = (cost, float(p), float(o))
    return best[1], best[2]


def segment_line(ink: np.ndarray, band: tuple[int, int], n: int) -> LineCells:
    a, b = band
    pad = max(2, (b - a) // 4)
    rows = ink[max(0, a - pad) : b + pad]
    profile = rows.sum(axis=0)
    pitch, x0 = fit_grid(profile, n)
    centres = x0 + (np.arange(n) + 0.5) * pitch
    return LineCells((a + b) / 2.0, pitch, centres, band)
