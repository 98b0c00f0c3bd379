"""How soft a capture of print is, and the capture sharpened for the recogniser when it is soft (issue 21).

A soft focus (a phone too close, a document not flat on the scanner, a small photo enlarged) widens every edge of
the print. For a step of contrast C blurred by a Gaussian of sigma s, the steepest slope is C / (s sqrt(2 pi)), so
:func:`softness` estimates s from the crop's paper-to-ink contrast and its steepest slopes (a high percentile of the
gradient, after a light smoothing so that sensor noise and JPEG blocks steepen nothing): a crisp print measures 1 to
1.9 px here, a capture in soft focus more. Noise and JPEG blocks, if anything, steepen slopes, so they lower the
estimate: a noisy or compressed capture is not taken for a soft one.

:func:`sharpened` is an unsharp mask of the estimated width. The recogniser reads it better only when the capture
really is soft: on crisp, dark or compressed captures the mask raises the noise it has learnt to read through.

Chosen on the development split of the print-and-capture simulator only (``bench/soft_capture_bench.py``'s
captures: training faces, capture seeds 910000 on, pitch 7 to 11 px; 40 captures per condition, cells cut at their
true places): softness of crisp captures 1.13-1.79 px, in low light 0.94-1.77, JPEG 20-40 0.96-1.87, in a soft focus
of 0.8-1.6 px 1.75-5.78 (38 of 40 at or above :data:`SOFT_PX`); the recogniser's first choice on those soft ones
88.7% -> 94.9% right (sure and wrong, at 0.9 or more: 11 -> 6 cells), the others untouched.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["SHARPEN_AMOUNT", "SOFT_PX", "sharpened", "softness"]

#: The softness (px) from which a crop is read sharpened.
SOFT_PX = 1.9
#: The unsharp mask's strength: the crop plus this many times its difference from its blur.
SHARPEN_AMOUNT = 2.0
#: The share of the crop's gradients above the steepest slope taken (its edges, not the noise on them).
_STEEP_QUANTILE = 0.995


def _check(gray: np.ndarray) -> None:
    if not isinstance(gray, np.ndarray) or gray.ndim != 2 or gray.dtype != np.uint8 or min(gray.shape) < 3:
        raise ValueError(f"gray must be a 2-D uint8 image at least 3 px each way, got "
                         f"{getattr(gray, 'dtype', type(gray))} with shape {getattr(gray, 'shape', '?')}")


def softness(gray: np.ndarray, *, levels: tuple[float, float]) -> float:
    """The width (Gaussian sigma, px) of the edges of the print in ``gray`` (dark on light, uint8), given its
    ``levels`` (paper, ink grey levels: :func:`docexam.ocr.ocrb.line_levels`)."""
    _check(gray)
    paper, ink = levels
    smooth = cv2.GaussianBlur(gray.astype(np.float32), (0, 0), 0.7)
    gx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)
    slopes = (np.hypot(gx, gy) / 8.0).ravel()  # a 3x3 Sobel weighs the slope 8 times
    k = min(slopes.size - 1, int(_STEEP_QUANTILE * slopes.size))
    steepest = float(np.partition(slopes, k)[k])
    return abs(paper - ink) / (np.sqrt(2.0 * np.pi) * steepest + 1e-6)


def sharpened(gray: np.ndarray, *, sigma: float, amount: float = SHARPEN_AMOUNT) -> np.ndarray:
    """``gray`` (uint8) with an unsharp mask of width ``sigma`` px and strength ``amount``."""
    _check(gray)
    if not (sigma > 0 and amount >= 0):
        raise ValueError(f"sigma must be positive and amount not negative, got {sigma} and {amount}")
    img = gray.astype(np.float32)
    blur = cv2.GaussianBlur(img, (0, 0), sigma)
    return np.clip(img + amount * (img - blur) + 0.5, 0, 255).astype(np.uint8)
