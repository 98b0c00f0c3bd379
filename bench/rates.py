"""Rates with their uncertainty, score distributions and ROC-style tables, as the benchmarks report them (issue 20,
item 3: "a score distribution (genuine against altered) and a ROC-style table, not only one operating point").

A rate of a few dozen trials is an estimate: it is reported as ``n/N`` with its 95 % Wilson score interval (Wilson
1927; Brown, Cai and DasGupta 2001 recommend it over the normal approximation for small ``N`` and rates near 0 or 1),
so that 20/20 reads as "at least 84 %", not "100 %".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

#: z of a two-sided 95 % interval.
Z95 = 1.959963984540054
#: The quantiles a score distribution is described by.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def wilson(n: int, d: int, *, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``n`` successes in ``d`` trials (95 % by default): ``(low, high)`` in [0, 1].
    With no trials the interval is the whole of [0, 1]."""
    if n < 0 or d < 0 or n > d:
        raise ValueError(f"need 0 <= n <= d, got n={n}, d={d}")
    if d == 0:
        return 0.0, 1.0
    p = n / d
    z2 = z * z
    centre = (p + z2 / (2 * d)) / (1 + z2 / d)
    half = z / (1 + z2 / d) * math.sqrt(p * (1 - p) / d + z2 / (4 * d * d))
    # exact at the ends (the formula gives them up to rounding)
    low = 0.0 if n == 0 else max(0.0, centre - half)
    high = 1.0 if n == d else min(1.0, centre + half)
    return low, high


def rate(n: int, d: int) -> dict[str, Any]:
    """``n`` of ``d`` as the figures keep it: the counts, the rate (None without trials) and its 95 % interval."""
    low, high = wilson(n, d)
    return {"n": n, "of": d, "rate": n / d if d else None, "low": low, "high": high}


def show(r: Mapping[str, Any]) -> str:
    """A rate in words: ``12/20 60% [39-78]`` (the interval in percent), ``-`` without trials."""
    if not r["of"]:
        return "-"
    return f"{r['n']}/{r['of']} {r['rate']:.0%} [{r['low'] * 100:.0f}-{r['high'] * 100:.0f}]"


def quantiles(values: Sequence[float], qs: Sequence[float] = QUANTILES) -> dict[str, Any]:
    """The distribution of ``values``: their count, the quantiles ``qs`` (linear interpolation between order
    statistics, numpy's default) keyed ``q05``, ``q50``..., and the extremes; None for each without values."""
    xs = sorted(float(v) for v in values)
    out: dict[str, Any] = {"count": len(xs)}
    for q in qs:
        if not 0 <= q <= 1:
            raise ValueError(f"a quantile is between 0 and 1, got {q}")
        key = f"q{round(q * 100):02d}"
        if not xs:
            out[key] = None
            continue
        pos = q * (len(xs) - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, len(xs) - 1)
        out[key] = xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
    out["min"] = xs[0] if xs else None
    out["max"] = xs[-1] if xs else None
    return out


def roc_table(genuine: Sequence[float], found: Mapping[str, Sequence[float]], thresholds: Sequence[float]) -> list[dict]:
    """At each alarm threshold ``t``: the genuine documents whose highest score reaches ``t`` (``genuine``: one score
    per genuine document), and the alterations found at ``t`` in all and per kind (``found``: kind -> one score per
    alteration, the highest of the findings that find it, 0 for none). Each a :func:`rate`."""
    everything = [s for scores in found.values() for s in scores]
    rows = []
    for t in thresholds:
        rows.append({"threshold": t,
                     "genuine_alarmed": rate(sum(s >= t for s in genuine), len(genuine)),
                     "found": rate(sum(s >= t for s in everything), len(everything)),
                     "per_kind": {k: rate(sum(s >= t for s in v), len(v)) for k, v in found.items()}})
    return rows


def operating_point(table: Sequence[Mapping[str, Any]], *, genuine_at_most: float) -> dict | None:
    """The row of a :func:`roc_table` with the lowest threshold whose genuine alarm rate is at most
    ``genuine_at_most`` (so the most alterations found at that false-alarm rate), None if no threshold reaches it."""
    ok = [r for r in table if r["genuine_alarmed"]["of"] and r["genuine_alarmed"]["rate"] <= genuine_at_most]
    return min(ok, key=lambda r: r["threshold"]) if ok else None
