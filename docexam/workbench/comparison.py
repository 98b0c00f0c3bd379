"""How the questioned image is set against the reference: the comparison mode and its settings."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from psygnal import Signal

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


class CompareState:
    """Mode, overlay opacity, swipe position, flicker rate, locked panes, findings shown. ``changed`` carries the
    name of what changed."""

    changed = Signal(str)

    def __init__(self) -> None:
        self._mode = CompareMode.SINGLE
        self._opacity = 0.5
        self._swipe = 0.5
        self._flicker_hz = 2.0
        self._locked = True
        self._show_findings = True

    mode = property(lambda self: self._mode)
    opacity = property(lambda self: self._opacity)
    swipe = property(lambda self: self._swipe)
    flicker_hz = property(lambda self: self._flicker_hz)
    locked = property(lambda self: self._locked)
    show_findings = property(lambda self: self._show_findings)

    @property
    def flicker_interval_ms(self) -> int:
        """Milliseconds each image stays up when flickering."""
        return max(1, round(500.0 / self._flicker_hz))

    def _put(self, name: str, value: Any) -> None:
        if getattr(self, "_" + name) != value:
            setattr(self, "_" + name, value)
            self.changed.emit(name)

    def set_mode(self, mode: CompareMode | str) -> None:
        try:
            self._put("mode", CompareMode(mode))
        except ValueError:
            raise ValueError(f"mode must be one of {', '.join(m.value for m in CompareMode)}, got {mode!r}") from None

    def set_opacity(self, value: float) -> None:
        self._put("opacity", in_range("opacity", value, 0.0, 1.0))

    def set_swipe(self, value: float) -> None:
        self._put("swipe", in_range("swipe position", value, 0.0, 1.0))

    def set_flicker_hz(self, value: float) -> None:
        self._put("flicker_hz", in_range("flicker rate (Hz)", value, *FLICKER_RANGE))

    def set_locked(self, value: bool) -> None:
        self._put("locked", bool(value))

    def set_show_findings(self, value: bool) -> None:
        self._put("show_findings", bool(value))
