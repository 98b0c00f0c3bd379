"""A rubber stamp printed across a rendered document's MRZ: the overprint the reader must see through.

Entry and exit stamps land anywhere on a passport page, often across the MRZ. A stamp is drawn here as a coloured
ring with a word and a date in it, inked unevenly and laid over the page as ink is (multiplied: dark print under it
stays dark), its centre above the MRZ's first line so that its lower arc and its date cross the name. Stamp ink is
coloured and transparent in the near infrared, the MRZ's black print is not (Doc 9303 Part 3, 4.11), so only the
visible image is stamped.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.specimens.design import MRZ_LINE_SPACING_MM, MRZ_PITCH_MM, Family, mm_to_px

#: Stamp inks (RGB): the violet, blue, red and green of border-control stamps.
STAMP_COLOURS: dict[str, tuple[int, int, int]] = {
    "violet": (110, 50, 160), "blue": (40, 80, 200), "red": (210, 40, 50), "green": (40, 150, 70)}


def stamp(visible: np.ndarray, family: Family, lines: int, *, colour: tuple[int, int, int], at_char: float = 8.0,
          dpi: int = 300, seed: int = 0, strength: float = 0.85) -> np.ndarray:
    """``visible`` (the (H, W, 3) uint8 RGB rendering of a document of ``family`` at ``dpi``, its MRZ of ``lines``
    lines) with a stamp of ``colour`` whose centre is above character ``at_char`` (from 0) of the first MRZ line.

    ``strength`` (0 to 1) is how much of the light the stamp's ink absorbs where it is inked fully."""
    if not isinstance(visible, np.ndarray) or visible.dtype != np.uint8 or visible.ndim != 3 or visible.shape[2] != 3:
        raise ValueError(f"visible must be an (H, W, 3) uint8 RGB image, got {getattr(visible, 'shape', None)}")
    if not 0.0 < strength <= 1.0:
        raise ValueError(f"strength must be in (0, 1], got {strength}")
    if len(colour) != 3 or not all(0 <= c <= 255 for c in colour):
        raise ValueError(f"colour must be an (R, G, B) triple of 0-255, got {colour!r}")

    def px(mm: float) -> int:
        return round(mm_to_px(mm, dpi))

    first_line = family.mrz_bottom_centre - (lines - 1) * MRZ_LINE_SPACING_MM
    cx, cy = px(family.mrz_left + at_char * MRZ_PITCH_MM), px(first_line - 6.0)
    r = px(9.0)
    layer = np.zeros(visible.shape[:2], np.uint8)
    cv2.circle(layer, (cx, cy), r, 255, max(1, px(0.7)), cv2.LINE_AA)
    cv2.circle(layer, (cx, cy), round(r * 0.72), 255, max(1, px(0.4)), cv2.LINE_AA)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(layer, "ENTRY", (round(cx - r * 0.62), cy + px(1.5)), font, px(0.9) / 10, 255, max(1, px(0.45)),
                cv2.LINE_AA)
    cv2.putText(layer, "04 DEC 26", (round(cx - r * 0.8), cy + px(7.2)), font, px(0.75) / 10, 255, max(1, px(0.45)),
                cv2.LINE_AA)
    rng = np.random.default_rng(seed)
    ink = layer.astype(np.float32) / 255 * strength * (0.8 + 0.2 * rng.random(layer.shape, dtype=np.float32))
    tint = np.asarray(colour, np.float32) / 255
    out = visible.astype(np.float32) * (1 - ink[..., None] * (1 - tint))
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


__all__ = ["STAMP_COLOURS", "stamp"]
