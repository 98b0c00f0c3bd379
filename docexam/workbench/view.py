"""The view of a pane: zoom and pan, the viewport it is drawn in, and the conversions between screen and image."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from psygnal import SignalGroupDescriptor

from docexam.compare.result import Box
from docexam.workbench.events import set_together
from docexam.workbench.ranges import in_range

MIN_ZOOM = 1.0 / 64.0
MAX_ZOOM = 32.0


def _centre(value: tuple[float, float]) -> tuple[float, float]:
    try:
        x, y = (float(c) for c in value)
    except (TypeError, ValueError):
        raise ValueError(f"centre must be an (x, y) point in image pixels, got {value!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"centre must be an (x, y) point in image pixels, got {value!r}")
    return x, y


@dataclass(eq=False)
class ViewState:
    """Zoom (screen pixels per image pixel) and the image point at the viewport's centre.

    The viewport's size (screen pixels) is set by whoever draws it; :meth:`fit` and :meth:`show_box` use it. A fit
    holds until the examiner zooms or pans: a resized viewport (a window resized, a dock closed, one pane becoming
    two) is fitted again. Evented (:mod:`docexam.workbench.events`): ``events.zoom`` and ``events.centre``; a change
    of both is announced once both are set.
    """

    zoom: float = 1.0
    centre: tuple[float, float] = (0.0, 0.0)
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __post_init__(self) -> None:
        self._viewport = (640, 480)
        self._fitted: tuple[int, int] | None = None  # the image size of the fit in force, if any
        self._moving = False  # True while a method sets zoom and centre together

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("zoom", "centre"):
            value = in_range("zoom", value, MIN_ZOOM, MAX_ZOOM) if name == "zoom" else _centre(value)
            if not self.__dict__.get("_moving", True):
                self._fitted = None  # the examiner's own zoom or pan ends a fit
        super().__setattr__(name, value)

    @property
    def fitted(self) -> bool:
        """Whether the view is the fit of the whole image (and follows the viewport's size)."""
        return self._fitted is not None

    @property
    def viewport(self) -> tuple[int, int]:
        return self._viewport

    def set_viewport(self, width: int, height: int) -> None:
        if not (isinstance(width, int | np.integer) and isinstance(height, int | np.integer) and width > 0 and height > 0):
            raise ValueError(f"the viewport must be a positive width and height in pixels, got {width!r} x {height!r}")
        if (int(width), int(height)) == self._viewport:
            return
        self._viewport = (int(width), int(height))
        if self._fitted is not None:
            self.fit(self._fitted)

    def _set(self, zoom: float, centre: tuple[float, float], *, fitted: tuple[int, int] | None = None) -> None:
        self._fitted, self._moving = fitted, True
        try:
            set_together(self, zoom=min(max(zoom, MIN_ZOOM), MAX_ZOOM), centre=(float(centre[0]), float(centre[1])))
        finally:
            self._moving = False

    def set_view(self, zoom: float, centre: tuple[float, float]) -> None:
        """Both at once (announced once both are set): how locked panes follow each other. The same values again
        change nothing, and keep a fit in force (a locked pane echoing this view's own fit back must not end it)."""
        zoom, centre = in_range("zoom", zoom, MIN_ZOOM, MAX_ZOOM), _centre(centre)
        if zoom == self.zoom and centre == self.centre:
            return
        self._set(zoom, centre)

    def zoom_by(self, factor: float, *, anchor: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor`` keeping the image point ``anchor`` (default: the centre) where it is on screen, as a
        mouse wheel zooms about the pointer. The zoom stops at :data:`MIN_ZOOM` and :data:`MAX_ZOOM`."""
        if not (isinstance(factor, int | float) and math.isfinite(factor) and factor > 0):
            raise ValueError(f"factor must be a positive number, got {factor!r}")
        new = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        if anchor is None:
            self._set(new, self.centre)
            return
        ax, ay = anchor
        k = self.zoom / new
        self._set(new, (ax + (self.centre[0] - ax) * k, ay + (self.centre[1] - ay) * k))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the image by ``(dx, dy)`` screen pixels, as a drag does."""
        self._set(self.zoom, (self.centre[0] - dx / self.zoom, self.centre[1] - dy / self.zoom))

    def one_to_one(self) -> None:
        """One image pixel per screen pixel, about the same centre."""
        self._set(1.0, self.centre)

    def fit(self, image_size: tuple[int, int]) -> None:
        """The whole image (``(width, height)``) in the viewport, centred."""
        w, h = image_size
        if w <= 0 or h <= 0:
            raise ValueError(f"image_size must be a positive (width, height), got {image_size!r}")
        vw, vh = self._viewport
        self._set(min(vw / w, vh / h) * 0.98, (w / 2.0, h / 2.0), fitted=(w, h))

    def show_box(self, box: Box, *, margin: float = 0.5) -> None:
        """Centre on ``box`` (``(x, y, w, h)`` image pixels) and zoom so it fills the viewport with ``margin`` of
        its size around it (no closer than 8 screen pixels per image pixel): how selecting a finding shows it."""
        x, y, w, h = box
        if w <= 0 or h <= 0:
            raise ValueError(f"box must have a positive width and height, got {box!r}")
        vw, vh = self._viewport
        zoom = min(vw / (w * (1 + 2 * margin)), vh / (h * (1 + 2 * margin)), 8.0)
        self._set(zoom, (x + w / 2.0, y + h / 2.0))

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        vw, vh = self._viewport
        return (x - self.centre[0]) * self.zoom + vw / 2.0, (y - self.centre[1]) * self.zoom + vh / 2.0

    def to_image(self, sx: float, sy: float) -> tuple[float, float]:
        vw, vh = self._viewport
        return (sx - vw / 2.0) / self.zoom + self.centre[0], (sy - vh / 2.0) / self.zoom + self.centre[1]


def mm_per_pixel(dpi: float) -> float:
    """Millimetres per image pixel at ``dpi`` (for the ruler)."""
    if not (math.isfinite(dpi) and dpi > 0):
        raise ValueError(f"dpi must be positive, got {dpi!r}")
    return 25.4 / dpi
