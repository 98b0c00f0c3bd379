"""numpy's statistics for the few values the reader asks of many small arrays: the same values, without the general
machinery that costs more than the arithmetic on arrays of a few thousand elements (issue 21: every line the locator
follows asks for them). None of them takes NaN. And the runs of a boolean row, which the reader and the comparison
both count."""

from __future__ import annotations

import math

import numpy as np


def median(a: np.ndarray) -> float:
    """``float(np.median(a))`` of a non-empty array's values, from a partial sort of its middle (numpy's general
    median costs more than the counting it is asked about)."""
    a = np.ravel(a)
    n = a.size
    half = n // 2
    if n % 2:
        return float(np.partition(a, half)[half])
    part = np.partition(a, (half - 1, half))
    return float(np.mean(part[half - 1 : half + 1]))


def line_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(slope, offset) of the least-squares line ``y = slope * x + offset`` (``np.polyfit(x, y, 1)``, in closed form
    and in double precision: the general solver costs a dozen times more on a line's few thousand points)."""
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    mx, my = float(x.mean()), float(y.mean())
    dx = x - mx
    spread = float(dx @ dx)
    slope = float(dx @ (y - my)) / spread if spread > 0 else 0.0
    return slope, my - slope * mx


def percentile(a: np.ndarray, q: float) -> np.floating:
    """``np.percentile(a, q)`` of a non-empty array's values for one ``q`` (a Python number), the same value to the bit:
    numpy's interpolation in the array's own type, the fraction a Python float, from a partial sort of the one or two
    values it needs."""
    a = np.ravel(a)
    n = a.size
    index = q / 100 * (n - 1)
    below_i = math.floor(index)
    above_i = min(below_i + 1, n - 1)
    part = np.partition(a, sorted({below_i, above_i}))
    below, above = part[below_i], part[above_i]
    gamma = index - below_i
    diff = above - below
    return above - diff * (1 - gamma) if gamma >= 0.5 else below + diff * gamma


def percentiles(a: np.ndarray, qs: tuple[float, ...]) -> np.ndarray:
    """``np.percentile(a, qs)`` of a non-empty array's values (its default, linear method, the same values to the bit)
    from a partial sort of the few order statistics it needs, without numpy's general machinery (the costlier part on
    a line's strokes)."""
    a = np.ravel(a)
    n = a.size
    index = np.asarray(qs, np.float64) / 100 * (n - 1)
    below_i = np.floor(index).astype(np.intp)
    above_i = np.minimum(below_i + 1, n - 1)
    part = np.partition(a, np.unique(np.concatenate([below_i, above_i])))
    below, above = part[below_i].astype(np.float64), part[above_i].astype(np.float64)
    gamma = index - below_i
    diff = above - below
    # numpy's interpolation: from the nearer neighbour's side
    return np.where(gamma >= 0.5, above - diff * (1 - gamma), below + diff * gamma)


__all__ = ["interp_unit", "line_fit", "median", "percentile", "percentiles", "true_runs"]


def interp_unit(x: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """``np.interp(x, np.arange(len(fp)), fp)``, to the last bit, without its binary search for every point (the
    sample points are 0, 1, 2, ...: a point's interval is its floor). The same arithmetic as NumPy's: the slope is the
    difference of neighbours (over a spacing of exactly 1), times the distance from the left one, plus its value;
    points before the first sample take the first value, points at or past the last the last one. Seven times faster
    on the grid search's ten thousand points (docexam.read.segment), which runs several times for every line read."""
    fp = np.asarray(fp, dtype=np.float64)
    last = len(fp) - 1
    j = np.clip(np.floor(x), 0, max(last - 1, 0)).astype(np.intp)
    out = (fp[np.minimum(j + 1, last)] - fp[j]) * (x - j) + fp[j]
    out[x >= last] = fp[last]
    out[x < 0] = fp[0]
    return out


def true_runs(on: np.ndarray) -> list[tuple[int, int]]:
    """The runs of True in a 1-D boolean array, ``(start, stop)`` with stop exclusive."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
