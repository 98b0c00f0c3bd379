"""The one range check behind every setter of the workstation's state: a number, finite, inside its bounds, or a
``ValueError`` that names the allowed range."""

from __future__ import annotations

import math


def in_range(name: str, value: float, lo: float, hi: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number from {lo:g} to {hi:g}, got {value!r}") from None
    if not (math.isfinite(v) and lo <= v <= hi):
        raise ValueError(f"{name} must be from {lo:g} to {hi:g}, got {value!r}")
    return v
