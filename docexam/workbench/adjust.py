"""Brightness, contrast, gamma and channel of the viewer: the adjustment every light of a document is drawn through."""

from __future__ import annotations

from enum import StrEnum

import cv2
import numpy as np
from psygnal import Signal

from docexam.workbench.ranges import in_range


class Channel(StrEnum):
    """Which channel of a capture the viewer shows: all of them, one as grey, or their mean."""

    ALL = "all"
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"


BRIGHTNESS_RANGE = (-1.0, 1.0)
CONTRAST_RANGE = (0.1, 10.0)
GAMMA_RANGE = (0.1, 10.0)


class Adjustment:
    """Brightness, contrast, gamma and channel of the viewer, the same for every light of a document.

    ``out = ((in / 255) ** (1 / gamma) - 0.5) * contrast + 0.5 + brightness``, clipped: gamma above 1 lifts the
    shadows (faint UV fluorescence), contrast turns about mid-grey, brightness shifts by a share of the range.
    """

    changed = Signal()

    def __init__(self) -> None:
        self._brightness, self._contrast, self._gamma, self._channel = 0.0, 1.0, 1.0, Channel.ALL

    @property
    def brightness(self) -> float:
        return self._brightness

    @property
    def contrast(self) -> float:
        return self._contrast

    @property
    def gamma(self) -> float:
        return self._gamma

    @property
    def channel(self) -> Channel:
        return self._channel

    @property
    def is_identity(self) -> bool:
        return (self._brightness, self._contrast, self._gamma, self._channel) == (0.0, 1.0, 1.0, Channel.ALL)

    def set(self, *, brightness: float | None = None, contrast: float | None = None, gamma: float | None = None,
            channel: Channel | str | None = None) -> None:
        """Change any of the four; all are checked before any changes."""
        new = [self._brightness, self._contrast, self._gamma, self._channel]
        if brightness is not None:
            new[0] = in_range("brightness", brightness, *BRIGHTNESS_RANGE)
        if contrast is not None:
            new[1] = in_range("contrast", contrast, *CONTRAST_RANGE)
        if gamma is not None:
            new[2] = in_range("gamma", gamma, *GAMMA_RANGE)
        if channel is not None:
            try:
                new[3] = Channel(channel)
            except ValueError:
                raise ValueError(f"channel must be one of {', '.join(c.value for c in Channel)}, got {channel!r}") from None
        if tuple(new) != (self._brightness, self._contrast, self._gamma, self._channel):
            self._brightness, self._contrast, self._gamma, self._channel = new
            self.changed.emit()

    def reset(self) -> None:
        self.set(brightness=0.0, contrast=1.0, gamma=1.0, channel=Channel.ALL)

    def lut(self) -> np.ndarray:
        """The 256-entry uint8 look-up table of brightness, contrast and gamma."""
        x = np.arange(256, dtype=np.float64) / 255.0
        y = (x ** (1.0 / self._gamma) - 0.5) * self._contrast + 0.5 + self._brightness
        return np.clip(np.round(y * 255.0), 0, 255).astype(np.uint8)

    def apply(self, image: np.ndarray) -> np.ndarray:
        """``image`` (uint8, (H, W) or (H, W, 3) RGB) as the viewer shows it: (H, W, 3) RGB, or (H, W) for a
        single channel or grey."""
        if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
            raise ValueError(f"image must be a uint8 numpy array, got {getattr(image, 'dtype', type(image).__name__)}")
        if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3) or image.size == 0:
            raise ValueError(f"image must be (H, W) grey or (H, W, 3) RGB, got shape {image.shape}")
        if image.ndim == 3 and self._channel is not Channel.ALL:
            if self._channel is Channel.GREY:
                image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)  # luma (ITU-R BT.601), as a grey scan
            else:
                image = np.ascontiguousarray(image[..., ("red", "green", "blue").index(self._channel.value)])
        if self.is_identity or (self._brightness, self._contrast, self._gamma) == (0.0, 1.0, 1.0):
            return image
        return cv2.LUT(image, self.lut())  # 8x faster than numpy's fancy indexing on a 300 dpi page
