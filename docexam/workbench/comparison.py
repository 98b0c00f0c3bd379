"""How the questioned image is set against the reference: the comparison mode and its settings, and what a difference
map says as a whole (:func:`summarise_heat`, for the heat map's legend)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

import numpy as np
from psygnal import SignalGroupDescriptor

from docexam.compare.result import DIFFERENCE_THRESHOLD
from docexam.workbench.ranges import in_range


class CompareMode(StrEnum):
    """How the questioned image is set against the reference."""

    SINGLE = "single"  # the questioned image alone
    SIDE_BY_SIDE = "side_by_side"  # two panes, zoom and pan locked (unless unlocked)
    OVERLAY = "overlay"  # the questioned image over the reference at an opacity
    SWIPE = "swipe"  # reference left of a slider, questioned right
    FLICKER = "flicker"  # alternating at a rate
    HEATMAP = "heatmap"  # the difference map over the questioned image


FLICKER_RANGE = (0.5, 20.0)


def _mode(value: CompareMode | str) -> CompareMode:
    try:
        return CompareMode(value)
    except ValueError:
        raise ValueError(f"mode must be one of {', '.join(m.value for m in CompareMode)}, got {value!r}") from None


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "mode": _mode,
    "opacity": lambda v: in_range("opacity", v, 0.0, 1.0),
    "swipe": lambda v: in_range("swipe position", v, 0.0, 1.0),
    "flicker_hz": lambda v: in_range("flicker rate (Hz)", v, *FLICKER_RANGE),
    "locked": bool,
    "show_findings": bool,
}


@dataclass(eq=False)
class CompareState:
    """Mode, overlay opacity, swipe position, flicker rate, locked panes, findings shown. Evented
    (:mod:`docexam.workbench.events`): ``events.mode``, ``events.opacity`` and so on; a listener to the whole group
    learns which from ``info.signal.name``."""

    mode: CompareMode = CompareMode.SINGLE
    opacity: float = 0.5
    swipe: float = 0.5
    flicker_hz: float = 2.0
    locked: bool = True
    show_findings: bool = True
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __setattr__(self, name: str, value: Any) -> None:
        check = _CHECKS.get(name)
        super().__setattr__(name, check(value) if check else value)

    @property
    def flicker_interval_ms(self) -> int:
        """Milliseconds each image stays up when flickering."""
        return max(1, round(500.0 / self.flicker_hz))

    def set_mode(self, mode: CompareMode | str) -> None:
        self.mode = _mode(mode)

    def set_opacity(self, value: float) -> None:
        self.opacity = value

    def set_swipe(self, value: float) -> None:
        self.swipe = value

    def set_flicker_hz(self, value: float) -> None:
        self.flicker_hz = value

    def set_locked(self, value: bool) -> None:
        self.locked = value

    def set_show_findings(self, value: bool) -> None:
        self.show_findings = value


@dataclass(frozen=True)
class HeatSummary:
    """What a difference map says as a whole: its ``peak`` (0 same, 1 wholly different), the share of the compared
    pixels (those above 0: the fixed design) at or above ``threshold``, and whether any is."""

    peak: float
    share_above: float
    threshold: float

    @property
    def above(self) -> bool:
        return self.share_above > 0.0

    def message(self, light_name: str) -> str:
        """The banner of the heat map: "" when something differs, else the clear "nothing above threshold"."""
        if self.above:
            return ""
        return (f"No difference above the threshold ({self.threshold:.2f}) in {light_name}: the fixed design matches "
                "the specimen.")

    def legend(self) -> str:
        """The legend's line under the colour scale."""
        if not self.above:
            return f"largest {self.peak:.2f}, none above {self.threshold:.2f}"
        return f"largest {self.peak:.2f}, {self.share_above:.1%} above {self.threshold:.2f}"


def summarise_heat(heat: np.ndarray, *, threshold: float = DIFFERENCE_THRESHOLD) -> HeatSummary:
    """The :class:`HeatSummary` of a difference map (2-D float, 0 to 1; NaN counts as not compared).

    Raises
    ------
    ValueError
        ``heat`` is not a non-empty 2-D float array, or ``threshold`` is not in (0, 1].
    """
    if not isinstance(heat, np.ndarray) or heat.ndim != 2 or heat.size == 0 or not np.issubdtype(heat.dtype, np.floating):
        raise ValueError(f"the difference map must be a non-empty 2-D float array, got "
                         f"{getattr(heat, 'dtype', type(heat).__name__)} {getattr(heat, 'shape', '')}")
    threshold = in_range("threshold", threshold, 0.0, 1.0)
    if threshold <= 0.0:
        raise ValueError(f"threshold must be above 0, got {threshold!r}")
    values = np.nan_to_num(heat, nan=0.0)
    compared = int(np.count_nonzero(values > 0.0))
    above = int(np.count_nonzero(values >= threshold))
    peak = float(values.max())
    return HeatSummary(peak=min(max(peak, 0.0), 1.0), share_above=above / compared if compared else 0.0,
                       threshold=float(threshold))
