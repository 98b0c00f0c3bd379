"""Separate the MRZ's ink from what is printed over it: stamps, signatures, coloured security print.

The MRZ's OCR print is black in the visible bands (Doc 9303 Part 3, 4.11, "Spectral band": black from B425 to B680,
ISO 1831) and absorbs in the near infrared (B900); security features in the MRZ must not interfere with reading it
in B900 (Part 3, 4.5). So two kinds of evidence tell the MRZ from what lies across it:

- **Colour** (:func:`drop_colour`): a coloured stamp or security print transmits its own colour, so in the channel
  where it is lightest it nearly vanishes, while the black MRZ stays dark in every channel, under the stamp too (ink
  over black is still black). On the straightened MRZ crop, white-balanced on its paper, a pixel is taken at its
  lightest channel (no lighter than the paper) in proportion to how coloured it is beyond what a colour cast or JPEG's
  subsampled chroma at the characters' edges give black print. This is the colour dropout of form readers. A crop
  with nothing coloured on it is read in grey exactly as before.
- **Infrared** (:func:`ir_mask`): stamp and signature inks and most security print are transparent in B900 where the
  MRZ is not; where an IR capture of the same framing is available, print that is dark in visible light but not in IR
  is not the MRZ's.
"""

from __future__ import annotations

import cv2
import numpy as np

#: Chroma (largest minus smallest channel of the white-balanced crop, 0-255) up to which a pixel counts as neutral;
#: above it a pixel is lifted towards its lightest channel, wholly at CHROMA_RAMP more. Chosen on generated captures
#: with generated stamps (docexam.specimens.overprint; development seeds 100 and 101 of every family, four inks, two
#: places on the line, easy to hard: 35 of 64 stamped MRZs read exactly against none in grey, and the 8 unstamped ones
#: unchanged), never on ../shared/corpus: the black print of the generated captures measures a chroma of about 4
#: (median), a stamp's ink over paper 60 and more.
NEUTRAL_CHROMA = 35.0
CHROMA_RAMP = 35.0
#: The share of the crop's pixels that must be coloured (wholly lifted) before the crop is read decoloured: fewer
#: are colour fringes and noise, and the grey reading stands.
MIN_COLOURED = 0.004


def _check_rgb(image: np.ndarray, name: str) -> None:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError(f"{name} must be a uint8 numpy array, got {getattr(image, 'dtype', type(image).__name__)}")
    if image.ndim != 3 or image.shape[2] != 3 or 0 in image.shape:
        raise ValueError(f"{name} must be an (H, W, 3) RGB image, got shape {image.shape}")


def drop_colour(crop: np.ndarray) -> np.ndarray | None:
    """The grey of an RGB MRZ ``crop`` ((H, W, 3) uint8) with coloured print lifted out, or ``None`` when nothing on
    it is coloured (the crop's luma is then the reading's grey, as before). See :func:`lift_colour`."""
    lifted = lift_colour(crop)
    return None if lifted is None else lifted[0]


def lift_colour(crop: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`drop_colour`'s grey and how coloured each pixel was (0 to 1, float32: how far it was lifted), or
    ``None`` when nothing on the crop is coloured.

    The crop is white-balanced on its paper (the 90th percentile of each channel), and each pixel is moved from its
    luma towards its lightest channel (no lighter than the paper) by how far its chroma exceeds a neutral pixel's
    (:data:`NEUTRAL_CHROMA`, :data:`CHROMA_RAMP`).
    """
    _check_rgb(crop, "crop")
    channels = cv2.split(np.ascontiguousarray(crop))
    # the paper: each channel's 90th percentile, from its histogram (a sort of the crop costs ten times more)
    paper = np.array([int(np.searchsorted(np.cumsum(np.bincount(ch.ravel(), minlength=256)), 0.9 * ch.size))
                      for ch in channels], np.float32)
    gains = float(paper.max()) / np.maximum(paper, 1.0)
    balanced = [cv2.convertScaleAbs(ch, alpha=float(g)) for ch, g in zip(channels, gains)]  # saturating uint8
    top = cv2.max(cv2.max(balanced[0], balanced[1]), balanced[2])
    chroma = cv2.subtract(top, cv2.min(cv2.min(balanced[0], balanced[1]), balanced[2]))
    if int(np.count_nonzero(chroma >= NEUTRAL_CHROMA + CHROMA_RAMP)) < MIN_COLOURED * chroma.size:
        return None  # nothing coloured: the grey reading stands (most captures; decided on uint8, cheaply)
    weight = np.clip((chroma.astype(np.float32) - NEUTRAL_CHROMA) / CHROMA_RAMP, 0.0, 1.0)
    luma = cv2.cvtColor(cv2.merge(balanced), cv2.COLOR_RGB2GRAY).astype(np.float32)
    # lifted no lighter than the paper: a coloured line lifted past it would be a light line on the paper, which
    # the ink map takes for paper with ink around it
    lightest = np.minimum(top.astype(np.float32), float(paper.max()))
    out = luma + weight * (lightest - luma)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8), weight


def ir_mask(visible: np.ndarray, ir: np.ndarray, *, lift: float = 0.8) -> np.ndarray:
    """``visible`` (grey, (H, W)) with the print that is not dark in the registered ``ir`` capture (the same framing,
    (H, W) grey) lifted towards the paper: only what absorbs in B900 stays as dark as it was. See
    :func:`lift_non_ir`."""
    return lift_non_ir(visible, ir, lift=lift)[0]


def lift_non_ir(visible: np.ndarray, ir: np.ndarray, *, lift: float = 0.8) -> tuple[np.ndarray, np.ndarray]:
    """:func:`ir_mask`'s grey, and how much of each pixel was print the IR capture does not see (0 to 1, float32).

    A pixel is lifted by how much lighter than the darkest IR print it is in IR, relative to the IR paper, times how
    dark it is in visible light; ``lift`` (0 to 1) is how far towards the visible paper such print is taken (short of
    all of it: a pixel of misregistration at a character's edge should not erase the edge).
    """
    for name, img in (("visible", visible), ("ir", ir)):
        if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim != 2 or 0 in img.shape:
            raise ValueError(f"{name} must be a grey (H, W) uint8 image, got {getattr(img, 'dtype', None)} with shape "
                             f"{getattr(img, 'shape', None)}")
    if visible.shape != ir.shape:
        raise ValueError(f"ir must have the visible capture's shape {visible.shape} (registered), got {ir.shape}")
    if not 0.0 <= lift <= 1.0:
        raise ValueError(f"lift must be from 0 to 1, got {lift}")
    ink_ir, paper_ir = (float(v) for v in np.percentile(ir, (1, 90)))
    ink_vis, paper_vis = (float(v) for v in np.percentile(visible, (1, 90)))
    if paper_ir - ink_ir < 10 or paper_vis - ink_vis < 10:
        return visible, np.zeros(visible.shape, np.float32)  # nothing dark in IR: it cannot say what the MRZ is
    transparent = np.clip((ir.astype(np.float32) - ink_ir) / (paper_ir - ink_ir), 0.0, 1.0)
    out = visible.astype(np.float32)
    dark = np.clip((paper_vis - out) / (paper_vis - ink_vis), 0.0, 1.0)
    out += lift * transparent * np.maximum(paper_vis - out, 0.0)
    # print IR does not see: dark in visible light (more than a third of the ink's depth), light in IR
    overprint = np.clip(transparent * (dark - 1 / 3) * 1.5, 0.0, 1.0)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8), overprint


__all__ = ["CHROMA_RAMP", "MIN_COLOURED", "NEUTRAL_CHROMA", "drop_colour", "ir_mask", "lift_colour", "lift_non_ir"]
