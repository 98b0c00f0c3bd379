"""numpy arrays to QImages and back, and the colour map of a difference map.

A QImage made over a numpy buffer does not own its pixels: when the array goes, the image reads freed memory.
Every QImage returned here owns its pixels (a copy or a format conversion), so callers never keep arrays alive.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

_FORMATS = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}


def _check_uint8(image: np.ndarray) -> np.ndarray:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError(f"image must be a uint8 numpy array, got {getattr(image, 'dtype', type(image).__name__)}")
    if image.ndim == 2:
        image = image[..., None]
    if image.ndim != 3 or image.shape[2] not in _FORMATS or image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"image must be (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA, got shape {image.shape}")
    return np.ascontiguousarray(image)


def _wrap(image: np.ndarray) -> QImage:
    """A QImage *over* ``image``'s buffer (not owning it): only for an immediate copy or conversion."""
    h, w, c = image.shape
    return QImage(image.data, w, h, w * c, _FORMATS[c])


def to_qimage(image: np.ndarray) -> QImage:
    """``image`` (uint8 (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA) as a QImage of the same format that owns a
    copy of the pixels."""
    return _wrap(_check_uint8(image)).copy()


def to_display_qimage(image: np.ndarray) -> QImage:
    """``image`` (uint8 grey, RGB or RGBA) in the format QPainter draws fastest: ``RGB32`` for grey and RGB,
    ``ARGB32_Premultiplied`` for RGBA. The result owns its pixels."""
    a = _check_uint8(image)
    fmt = QImage.Format.Format_ARGB32_Premultiplied if a.shape[2] == 4 else QImage.Format.Format_RGB32
    return _wrap(a).convertToFormat(fmt)


def to_array(image: QImage) -> np.ndarray:
    """A QImage's pixels as a uint8 (H, W, 3) RGB array (alpha dropped), e.g. of ``widget.grab().toImage()``."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w = rgb.height(), rgb.width()
    if h == 0 or w == 0:
        return np.zeros((h, w, 3), np.uint8)
    buf = np.frombuffer(rgb.constBits(), np.uint8, count=rgb.bytesPerLine() * h)
    return buf.reshape(h, rgb.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


# The difference map's colours: dark blue (0) through cyan and yellow to red (1), like a thermal scale; each row
# is (value, r, g, b). Opacity rises with the value, so where nothing differs the questioned image shows through.
_STOPS = np.array([(0.00, 20, 30, 140), (0.25, 0, 170, 230), (0.50, 250, 230, 30), (0.75, 250, 120, 0),
                   (1.00, 210, 0, 0)], dtype=np.float64)
HEAT_LUT = np.stack([np.interp(np.linspace(0, 1, 256), _STOPS[:, 0], _STOPS[:, k]) for k in (1, 2, 3)],
                    axis=1).round().astype(np.uint8)


def heatmap_lut(*, max_alpha: float = 0.85, full_at: float = 0.5, floor_alpha: float = 0.0) -> np.ndarray:
    """The (256, 4) uint8 RGBA table of :func:`heatmap_rgba`: :data:`HEAT_LUT` colours, alpha rising from
    ``floor_alpha`` (from the first level above 0; level 0 stays transparent) to ``max_alpha`` as the value goes from
    0 to ``full_at``. A floor shows small differences too: the whole compared design is coloured on its scale."""
    if not (0.0 <= floor_alpha <= max_alpha <= 1.0 and full_at > 0.0):
        raise ValueError(f"floor_alpha and max_alpha must be from 0 to 1 (the floor at most the maximum) and "
                         f"full_at positive, got {floor_alpha!r}, {max_alpha!r}, {full_at!r}")
    ramp = np.clip(np.linspace(0.0, 1.0, 256) / full_at, 0.0, 1.0)
    alpha = (floor_alpha + ramp * (max_alpha - floor_alpha)) * 255.0
    alpha[0] = 0.0
    return np.concatenate([HEAT_LUT, np.round(alpha).astype(np.uint8)[:, None]], axis=1)


def heatmap_rgba(heat: np.ndarray, *, max_alpha: float = 0.85, full_at: float = 0.5,
                 floor_alpha: float = 0.0) -> np.ndarray:
    """A difference map (float, 0 = same, 1 = wholly different; NaN counts as 0) coloured as uint8 (H, W, 4) RGBA
    through :func:`heatmap_lut` (quantised to 256 levels)."""
    heat = np.asarray(heat)
    if heat.ndim != 2 or heat.size == 0 or not np.issubdtype(heat.dtype, np.floating):
        raise ValueError(f"heat map must be a 2-D float array, got {heat.dtype} of shape {heat.shape}")
    lut = np.ascontiguousarray(heatmap_lut(max_alpha=max_alpha, full_at=full_at,
                                           floor_alpha=floor_alpha)).view(np.uint32)[:, 0]
    v = np.nan_to_num(heat.astype(np.float32), nan=0.0, copy=False)  # one copy, changed in place below
    np.clip(v, 0.0, 1.0, out=v)
    v *= 255.0
    v += 0.5
    return lut[v.astype(np.uint8)].view(np.uint8).reshape(heat.shape + (4,))


def heatmap_qimage(heat: np.ndarray, **options: float) -> QImage:
    """:func:`heatmap_rgba` as a premultiplied ARGB QImage that owns its pixels (ready to draw over an image)."""
    return to_display_qimage(heatmap_rgba(heat, **options))
