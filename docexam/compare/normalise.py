"""Photometric normalisation: bring a questioned image to its reference's lighting before comparing them.

A scan or photograph of a document is lit unevenly (a gradient, a vignette) and exposed differently from the
reference; neither is a difference in the document. Both are smooth and multiplicative, so the questioned
image is modelled on the fixed design (the parts of the page every document of the family shares) as

    questioned(x, y, c) = gain(x, y, c) * reference(x, y, c)

and the gain is fitted per channel as a quadratic surface (a gradient plus a vignette, the two shapes lamps
and lenses give) to the ratio of block means of the two images (blocks of about 5 mm). Block means read the paper and the
background print, not one pixel, so a misregistration of a pixel or two and noise do not move them; the fit is made again without the blocks it explains worst, so a patch that really differs
(a glowing glued photo, a missing emblem) does not bend the surface.

The fitted gain is kept (:class:`Illumination`): its overall level per light is the capture's exposure, and
comparing levels *between lights* is how the UV check tells a paper that fluoresces from a brighter UV lamp
(see :func:`docexam.compare.checks.paper_fluorescence`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

#: Blocks along the longer side of the image used to fit the illumination (about 5 mm on a passport page).
_BLOCKS = 24
#: Least share of a block that must be fixed design for its mean to count.
_MIN_BLOCK_COVER = 0.5
#: Blocks further than this (relative) from the fitted gain, or 3 robust deviations if larger, are dropped and
#: the surface fitted again.
_OUTLIER_LOG = 0.08
#: A channel clipped white on more than this share of the fitted area is fitted on what it left below
#: ``_CLIP_MARGIN`` times the clipping level only.
_CLIPPED_SHARE = 0.01
_CLIP_MARGIN = 0.9


@dataclass(frozen=True)
class Illumination:
    """How a questioned image is lit and exposed compared with its reference.

    Attributes
    ----------
    gain : ndarray, shape (H, W, C), float32
        ``questioned ~= gain * reference`` on the fixed design.
    level : ndarray, shape (C,), float64
        The median gain per channel over the fitted blocks: the exposure of the capture relative to the reference.
    spread : float
        Robust standard deviation of the blocks' relative deviation from the fitted surface (0.02 is a clean fit; large
        values mean the two images do not show the same design or that much of it differs).
    blocks : int
        Blocks the fit kept.
    """

    gain: np.ndarray
    level: np.ndarray
    spread: float
    blocks: int


def _as_float_image(name: str, image: object) -> np.ndarray:
    if not isinstance(image, np.ndarray):
        raise ValueError(f"{name} must be a numpy array, got {type(image).__name__}")
    if image.size == 0:
        raise ValueError(f"{name} is empty (shape {image.shape})")
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (1, 3)):
        raise ValueError(f"{name} must be (H, W) or (H, W, 3), got shape {image.shape}")
    if image.dtype != np.uint8 and not np.issubdtype(image.dtype, np.floating):
        raise ValueError(f"{name} must be uint8 or floating point, got dtype {image.dtype}")
    out = image.astype(np.float32, copy=False)
    if out.ndim == 2:
        out = out[..., None]
    if not np.isfinite(out).all():
        raise ValueError(f"{name} holds NaN or infinite values")
    return out


def _check_pair(image: object, reference: object, mask: object, *,
                name: str = "image") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The questioned and reference images as float (H, W, C) and the mask as bool, after checking them all."""
    q = _as_float_image(name, image)
    r = _as_float_image("reference", reference)
    if q.shape != r.shape:
        raise ValueError(f"{name} and reference must have the same shape; got {q.shape} and {r.shape}"
                         " (warp the questioned image into the reference frame first)")
    if mask is None:
        m = np.ones(q.shape[:2], bool)
    else:
        if not isinstance(mask, np.ndarray) or mask.shape != q.shape[:2]:
            raise ValueError(f"mask must be a boolean array of shape {q.shape[:2]}, got {getattr(mask, 'shape', type(mask).__name__)}")
        m = mask.astype(bool, copy=False)
        if not m.any():
            raise ValueError("mask selects no pixel; give the fixed-design area of the page")
    return q, r, m


def _block_means(img: np.ndarray, mask: np.ndarray, b: int) -> tuple[np.ndarray, np.ndarray]:
    """Per block of ``b x b`` pixels: the mean of the masked pixels per channel (nan where the mask covers too
    little of it), and the block centres' (x, y).

    Means, not medians: the two images show the same design in a block, so ink moves both means alike, and a block
    that truly differs is dropped by the fit's outlier test."""
    h, w, c = img.shape
    ny, nx = h // b, w // b
    oy, ox = (h - ny * b) // 2, (w - nx * b) // 2
    m = np.ascontiguousarray(mask[oy : oy + ny * b, ox : ox + nx * b], dtype=np.float32)
    crop = np.ascontiguousarray(img[oy : oy + ny * b, ox : ox + nx * b]) * m[..., None]
    # INTER_AREA by a whole factor is the block mean.
    sums = cv2.resize(crop, (nx, ny), interpolation=cv2.INTER_AREA).reshape(ny, nx, c)
    cover = cv2.resize(m, (nx, ny), interpolation=cv2.INTER_AREA).reshape(ny, nx)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / cover[..., None]
    count = cover * (b * b)
    means[count < _MIN_BLOCK_COVER * b * b] = np.nan
    ys = oy + (np.arange(ny) + 0.5) * b - 0.5
    xs = ox + (np.arange(nx) + 0.5) * b - 0.5
    centres = np.stack(np.meshgrid(xs, ys), axis=-1)
    return means, centres


def _design(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=-1)


#: Least extent of the fitted blocks' centres along an axis (in the fit's coordinates: the long side spans 2) for the
#: gain's slope and bend along that axis to be fitted.
_SPAN = 0.25


def _spanned(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which terms of :func:`_design` the blocks at ``x``, ``y`` can fit: the blocks along one line (the few a clipped
    channel leaves below white may be one rule or one line of print across the page) say nothing of how the light
    changes across it, and a least-squares surface through them tilts across it as freely as it likes (development
    KST-TD1-1, seed 67: 18 blocks on one row, the IR gain fitted 2.5 % low a third of the card away, and the
    over-exposed paper there a difference)."""
    along_x = float(np.ptp(x)) >= _SPAN if x.size else False
    along_y = float(np.ptp(y)) >= _SPAN if y.size else False
    return np.array([True, along_x, along_y, along_x, along_x and along_y, along_y])


def _fit_surface(a: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float, np.ndarray]:
    """Least squares of ``a @ coef ~= t`` that ignores the blocks it explains worst.

    After a start on the blocks near the median, the next rounds keep the best three quarters of the blocks whatever their residuals (an alteration covering
    a tenth of the page must not pull the first fit towards itself); later rounds keep the blocks within three
    robust deviations (at least :data:`_OUTLIER_LOG`, relative) of the fit.
    """
    # Start from the blocks within a factor of two of the median ratio: no lamp varies more than that over a page,
    # while a glowing or blackened patch does.
    keep = np.abs(np.log(np.maximum(t, 1e-6) / np.median(t))) <= math.log(2.0)
    if keep.sum() < 12:
        keep = np.ones(t.size, bool)
    coef = np.zeros(a.shape[1])
    spread = float("inf")
    for round_ in range(6):
        coef, *_ = np.linalg.lstsq(a[keep], t[keep], rcond=None)
        fit = np.maximum(a @ coef, 1e-6)
        res = np.abs(t / fit - 1.0)
        spread = float(1.4826 * np.median(res[keep]))
        if round_ < 2:
            new_keep = res <= np.quantile(res, 0.75)
        else:
            new_keep = res <= max(_OUTLIER_LOG, 3.0 * spread)
        if new_keep.sum() < 12 or np.array_equal(new_keep, keep):
            break
        keep = new_keep
    return coef, spread, keep


#: The blurs (Gaussian sigma, pixels of the compared images) and the exposures (a factor of the median ratio, which
#: clipped pixels pull down) tried when a channel is clipped; and how many of its pixels are used.
_CLIPPED_BLURS = (0.0, 0.5, 0.8, 1.1, 1.5, 2.0)
_CLIPPED_GAINS = np.geomspace(0.7, 4.0, 33)
_CLIPPED_SAMPLE = 10000
#: Most relative disagreement between a clipped channel's surface, fitted on its blocks of print, and the exposure of its
#: whole page, for the surface to be kept.
_CLIPPED_AGREE = 0.04


def channel_mean(img: np.ndarray) -> np.ndarray:
    """``img.mean(axis=2)`` of an (H, W, C) float image, to the last bit (the channels summed in order, then divided
    by their number, as numpy's mean does over so short an axis), without numpy's reduction over a short last axis,
    which is about eight times slower on a page. Any other image is given to numpy's mean as it is."""
    if img.ndim != 3 or img.shape[2] < 2 or not np.issubdtype(img.dtype, np.floating):
        return img.mean(axis=2)
    out = np.add(img[..., 0], img[..., 1])
    for c in range(2, img.shape[2]):
        out += img[..., c]
    out /= img.shape[2]
    return out


def channel_max(img: np.ndarray) -> np.ndarray:
    """``img.max(axis=2)`` of an (H, W, C) image, without numpy's slow reduction over a short last axis."""
    if img.ndim != 3 or img.shape[2] < 2:
        return img.max(axis=2)
    out = np.maximum(img[..., 0], img[..., 1])
    for c in range(2, img.shape[2]):
        np.maximum(out, img[..., c], out=out)
    return out


def soften(img: np.ndarray, sigma: float) -> np.ndarray:
    """``img`` blurred by a Gaussian of ``sigma`` pixels, edges replicated (the page goes on past the frame); ``img``
    itself when ``sigma`` is too small to change it. The one blur of the comparison's modules."""
    if sigma <= 0.05:
        return img
    return cv2.GaussianBlur(img, (0, 0), sigmaX=sigma, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)


def _clipped_exposure(channel: np.ndarray, reference: np.ndarray, seen: np.ndarray) -> tuple[float, float]:
    """The exposure (gain) and blur (sigma) that make one channel of a clipped capture most like its reference as a
    sensor records it: ``min(gain * blur(reference), white)``, by the mean absolute difference over ``seen``.

    Clipped pixels count as what they are, a level at or above white, and the print as the capture blurred it: both
    are needed, as print alone (what stays below white) is lightened by the paper the blur mixes into it, and paper
    alone says only that the exposure is at least so high.
    """
    idx = np.flatnonzero(seen)
    if idx.size > _CLIPPED_SAMPLE:  # an even sample of the page (it decides a gain, not a map)
        idx = idx[:: int(math.ceil(idx.size / _CLIPPED_SAMPLE))]
    q = channel.ravel()[idx].astype(np.float32)
    start = float(np.median(q / np.maximum(reference.ravel()[idx], 1.0)))
    best = (float("inf"), start, 0.0)
    for sigma in _CLIPPED_BLURS:
        r = soften(reference, sigma).ravel()[idx].astype(np.float32)
        gains = start * _CLIPPED_GAINS
        for _ in range(2):  # a coarse grid, then a fine one around its best
            errors = [float(np.abs(np.minimum(g * r, CLIPPED) - q).mean()) for g in gains]
            k = int(np.argmin(errors))
            if errors[k] < best[0]:
                best = (errors[k], float(gains[k]), sigma)
            lo, hi = gains[max(0, k - 1)], gains[min(len(gains) - 1, k + 1)]
            gains = np.geomspace(lo, hi, 9)
    return best[1], best[2]


def estimate_illumination(image: np.ndarray, reference: np.ndarray, *, mask: np.ndarray | None = None) -> Illumination:
    """Fit the smooth gain that takes ``reference`` to ``image`` on the fixed design.

    Parameters
    ----------
    image : ndarray, (H, W) or (H, W, 3), uint8 or float
        The questioned image, already in the reference frame.
    reference : ndarray, same shape
        The reference specimen's image in the same light.
    mask : ndarray of bool, (H, W), optional
        Where the two should show the same thing (the fixed design: no personalised field, no portrait, only the
        document). Default: everywhere.

    Returns
    -------
    Illumination

    Raises
    ------
    ValueError
        If the images are empty, of different shapes, of another dtype, hold NaN, or the mask is unusable.
    """
    q, r, m = _check_pair(image, reference, mask)
    h, w, c = q.shape
    b = max(4, round(max(h, w) / _BLOCKS))
    b = min(b, h, w)
    mq, centres = _block_means(q, m, b)
    mr, _ = _block_means(r, m, b)
    # A pixel the capture clipped white says only that the document is at least that bright there: a block's mean over
    # clipped paper would pull the gain down (the print in it would then look lighter than the specimen's everywhere).
    # A channel that clipped a share of the page is measured on what it left well below white (a block mean at the
    # working scale mixes clipped paper into the edges of print: :data:`_CLIP_MARGIN`), as a surface where enough
    # blocks show such print, else as one exposure from those pixels themselves.
    exposure: dict[int, float] = {}
    page: dict[int, float] = {}  # a clipped channel's exposure from the whole page
    for ch in range(c):
        qc = q[..., ch]
        # (Levels above 255 are no 8-bit capture's: such an image was not clipped.)
        if float(qc.max()) > 255.5 or float(((qc >= CLIPPED) & m).sum()) <= _CLIPPED_SHARE * float(m.sum()):
            continue
        rc = r[..., ch]
        # Which pixels stay below white depends on the exposure sought, so the exposure is found first, as one
        # value, from the whole page (:func:`_clipped_exposure`); the pixels are then chosen by the reference (a
        # choice by the capture's own values would keep its darker noise and misregistered edges, and find the
        # exposure too high).
        seen = m & (rc >= 8.0)
        if seen.sum() < 100:
            continue
        gain_c, sigma = _clipped_exposure(qc, rc, seen)
        # The blocks are measured on the reference made as soft as the capture: a capture's blur spreads its print's
        # ink into the clipped paper around it, and print alone (what stays below white) then looks lighter than
        # the specimen's, the exposure higher than it is (a 170 dpi capture read 1.9 times too bright).
        page[ch] = gain_c
        soft = soften(rc, sigma)
        below = seen & (soft * gain_c < _CLIP_MARGIN * CLIPPED)
        if below.sum() < 100:
            continue
        mq[..., ch] = _block_means(q[..., ch : ch + 1], below, b)[0][..., 0]
        mr[..., ch] = _block_means(soft[..., None], below, b)[0][..., 0]
        if int((np.isfinite(mq[..., ch]) & np.isfinite(mr[..., ch])).sum()) < 12:
            exposure[ch] = gain_c
    scale = max(h, w) / 2.0
    cx, cy = (w - 1) / 2.0, (h - 1) / 2.0
    bx = (centres[..., 0] - cx) / scale
    by = (centres[..., 1] - cy) / scale
    gx = ((np.arange(w) - cx) / scale).astype(np.float32)[None, :]
    gy = ((np.arange(h) - cy) / scale).astype(np.float32)[:, None]

    gain = np.empty((h, w, c), np.float32)
    levels = np.empty(c)
    spreads, kept = [], 0
    shapes: list[tuple[float, int]] = []  # (spread, channel) of the channels fitted as surfaces, unclipped
    for ch in range(c):
        # A block counts when both images show something there: a ratio of two near-black means is noise.
        ok = np.isfinite(mq[..., ch]) & np.isfinite(mr[..., ch]) & (mr[..., ch] >= 2.0) & (mq[..., ch] >= 0.5)
        x, y = bx[ok], by[ok]
        t = (mq[..., ch][ok] / mr[..., ch][ok]).astype(np.float64)
        coef = np.zeros(6)
        if ch in exposure:  # a clipped channel with too few blocks of print: one exposure from its print's pixels
            coef[0], spread = exposure[ch], float("inf")
        elif t.size == 0:
            coef[0], spread = 1.0, float("inf")
        elif t.size < 12:  # too few blocks for a surface: one exposure for the whole image
            coef[0] = float(np.median(t))
            spread = float(1.4826 * np.median(np.abs(t / coef[0] - 1)))
        else:
            terms = _spanned(x, y)
            coef = np.zeros(6)
            coef[terms], spread, keep = _fit_surface(_design(x, y)[:, terms], t)
            kept = max(kept, int(keep.sum()))
            level = float(np.median(_design(x, y) @ coef))
            if ch in page and abs(level / page[ch] - 1.0) > _CLIPPED_AGREE:
                # The few blocks of print a clipped capture leaves disagree with its whole page (print spread out
                # by a blur the blocks' ratio did not undo, a surface bent by a corner of print): one exposure.
                coef, spread = np.zeros(6), float("inf")
                coef[0] = page[ch]
                exposure[ch] = page[ch]
        surface = (coef[0] + coef[1] * gx + coef[2] * gy + coef[3] * gx * gx + coef[4] * gx * gy + coef[5] * gy * gy)
        gain[..., ch] = np.maximum(surface, 1e-3)
        # The exposure: the fitted gain's median over the blocks (cheaper than over every pixel).
        levels[ch] = float(np.median(_design(x, y) @ coef)) if t.size >= 12 and ch not in exposure else float(coef[0])
        spreads.append(spread)
        if ch not in page and ch not in exposure and t.size >= 12:
            shapes.append((spread, ch))
    if page and shapes:
        # The lamp lights every channel alike; only the white balance sets them apart. A clipped channel's blocks of
        # print lie where the design prints, and a surface through them bends where it has none (a corner without
        # fixed print read 10 % dark): it takes the shape of the channel lit most cleanly, at its own page's exposure.
        _, u = min(shapes)
        shape = gain[..., u] / levels[u]
        for ch in page:
            gain[..., ch] = np.maximum(shape * page[ch], 1e-3)
            levels[ch] = page[ch]
    return Illumination(gain=gain, level=levels, spread=float(max(spreads)), blocks=kept)


def normalise(image: np.ndarray, reference: np.ndarray, *, mask: np.ndarray | None = None,
              illumination: Illumination | None = None) -> np.ndarray:
    """The questioned ``image`` relit as the reference is lit: uneven light and exposure divided out.

    Parameters
    ----------
    image : ndarray, (H, W) or (H, W, 3), uint8 or float
        The questioned image, already in the reference frame.
    reference : ndarray, same shape
        The reference specimen's image in the same light.
    mask : ndarray of bool, (H, W), optional
        The fixed design the illumination is fitted on (see :func:`estimate_illumination`).
    illumination : Illumination, optional
        A fit already made for this pair (saves fitting again).

    Returns
    -------
    ndarray, float32, (H, W, C)
        In the reference's grey levels: where the document matches the reference, about equal to it.

    Raises
    ------
    ValueError
        As :func:`estimate_illumination`.

    Notes
    -----
    Dividing out the whole gain also divides out a change of the *paper's* own brightness in one light (a paper
    with optical brighteners under UV), so absolute levels are compared between lights with
    :attr:`Illumination.level`, not on the normalised image.
    """
    q, r, m = _check_pair(image, reference, mask)
    if illumination is None:
        illumination = estimate_illumination(q, r, mask=m)
    elif illumination.gain.shape != q.shape:
        raise ValueError(f"illumination was fitted on shape {illumination.gain.shape}, the image is {q.shape}")
    return q / np.maximum(illumination.gain, 1e-3)


#: Grey level from which a capture's pixel (a block mean at the working scale) counts as clipped: the sensor's white, which
#: JPEG rounds a little down; a bright paper's noise seldom reaches it.
CLIPPED = 251.0


def clipped(image: np.ndarray, reference: np.ndarray, illumination: Illumination, *, level: float = CLIPPED) -> np.ndarray:
    """Where a capture says nothing about the document: clipped white in some channel, where the reference exposed as
    the capture was (its fitted gain) would be clipped too.

    A bright emblem under UV captured a stop brighter than the specimen is white in the capture; divided by the gain
    it looks dimmer than the specimen's, a difference of the exposure, not of the document. A bright spot where the
    reference is dark is not excused: the reference would not have clipped there.

    Parameters
    ----------
    image : ndarray, (H, W) or (H, W, 3)
        The questioned image as captured (before :func:`normalise`), in the reference frame.
    reference : ndarray, same shape
    illumination : Illumination
        The fit of ``image`` on ``reference`` (:func:`estimate_illumination`).
    level : float
        Grey level counted as clipped.

    Returns
    -------
    ndarray of bool, (H, W), grown by a pixel (a clipped pixel pulls its neighbours' block means).
    """
    q, r, _ = _check_pair(image, reference, None)
    if illumination.gain.shape != q.shape:
        raise ValueError(f"illumination was fitted on shape {illumination.gain.shape}, the image is {q.shape}")
    white = (q >= level).any(axis=2) & ((r * illumination.gain) >= 0.95 * level).any(axis=2)
    return cv2.dilate(white.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
