"""Where a questioned image differs from its reference, as a map from 0 (same) to 1 (wholly different).

Two images of one design never agree pixel for pixel: the questioned one is misregistered by a pixel or so,
softer (a capture blurs, a rendering does not), noisy and JPEG-compressed. The map is therefore made

* at the questioned image's sharpness: the reference is blurred by the Gaussian that makes it most like the
  questioned image on the fixed design, so a soft capture is not a difference everywhere;
* with a spatial tolerance: a pixel differs only by how far it lies outside the range of the other image's
  values in a small neighbourhood (both ways round), so an edge moved by a pixel is no difference, while a
  feature that is missing or added is;
* with a structural term: where the reference has texture (background print, fibres, an emblem), the local
  correlation of the two images must be high; print that was lifted or replaced loses it even when its mean
  grey level is right.

Grey-level differences are measured in units of the reference's own range in that light (paper to darkest
ink), so one threshold serves visible, UV and IR images.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.compare.normalise import CLIPPED, _check_pair, normalise, soften

#: Candidate blurs (Gaussian sigma, pixels of the compared images) tried to match the reference to the capture.
_BLUR_SIGMAS = (0.0, 0.5, 0.8, 1.1, 1.5, 2.0, 2.7, 3.5)
#: The share by which one more candidate blur must lower the error to be taken.
_BLUR_GAIN = 0.02
#: Smoothing of both images against noise, pixels.
_NOISE_SIGMA = 0.7
#: A grey-level difference of this share of the reference's range maps to 1.
_FULL = 0.4
#: Window (Gaussian sigma, pixels) of the local correlation.
_WINDOW = 2.0
#: How far (pixels) beyond a mark the map still shows its change, through the local correlation's window (two sigmas).
REACH_PX = round(2 * _WINDOW)
#: Weight of the structural term against the grey-level term.
_STRUCTURE_GAIN = 1.0
#: Window (Gaussian sigma, pixels) of the texture-strength term, its floor (variance, in units of the range
#: squared: texture fainter than this is not judged) and its weight.
_TEXTURE_WINDOW = 4.0
_TEXTURE_FLOOR = 0.02**2
_TEXTURE_GAIN = 1.2


def grey(img: np.ndarray) -> np.ndarray:
    """The mean of the channels of an (H, W, C) float image, or the image itself if 2-D (float32)."""
    if img.ndim == 2:
        return img.astype(np.float32, copy=False)
    if img.shape[2] == 1:
        return img[..., 0].astype(np.float32, copy=False)
    out = img[..., 0].astype(np.float32)
    for c in range(1, img.shape[2]):
        out += img[..., c]
    out *= 1.0 / img.shape[2]
    return out


def _cmax(img: np.ndarray) -> np.ndarray:
    out = img[..., 0].copy()
    for c in range(1, img.shape[2]):
        np.maximum(out, img[..., c], out=out)
    return out


def match_blur(questioned: np.ndarray, reference: np.ndarray, *, mask: np.ndarray | None = None,
               ceiling: np.ndarray | None = None) -> float:
    """The Gaussian sigma (pixels) that, applied to ``reference``, makes it most like ``questioned``.

    Both are float images of one shape, photometrically normalised; ``mask`` limits the comparison to the
    fixed design (best: its edges, where blur shows). Candidates are :data:`_BLUR_SIGMAS`; the mean absolute
    difference decides. ``ceiling`` (:func:`sensor_ceiling`, the questioned image's shape): the blurred reference is
    clipped there as the capture was.
    """
    q = np.ascontiguousarray(grey(questioned))
    sel = None if mask is None else mask.astype(np.uint8)
    if ceiling is None:
        r = np.ascontiguousarray(grey(reference))

        def error(s: float) -> float:
            return float(cv2.mean(cv2.absdiff(soften(r, s), q), mask=sel)[0])
    else:
        rc = np.ascontiguousarray(reference, dtype=np.float32)
        cap = np.asarray(ceiling, np.float32)
        if cap.shape != rc.shape:
            raise ValueError(f"ceiling must have the reference's shape {rc.shape}, got {cap.shape}")

        def error(s: float) -> float:
            return float(cv2.mean(cv2.absdiff(grey(np.minimum(soften(rc, s), cap)), q), mask=sel)[0])

    # The error falls and then rises with the blur: walk up the candidates until it rises, or falls by less than
    # the capture's own noise, clipping and JPEG explain (a flat curve says nothing of the blur: smoothing them
    # away always looks a little better, and a reference made softer than the capture is differences everywhere).
    best, best_err = _BLUR_SIGMAS[0], error(_BLUR_SIGMAS[0])
    for s in _BLUR_SIGMAS[1:]:
        err = error(s)
        if err >= best_err * (1.0 - _BLUR_GAIN) - 1e-6:
            break
        best, best_err = s, err
    return best


def reference_range(reference: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Per channel, the contrast scale of the reference: its span from darkest to brightest print (0.5th to
    99.5th percentile, so a feature covering a few per cent of the page counts, as the emblem and fibres do
    under UV), at least a quarter of its brightest level (a plain page in IR) and at least 24 grey levels."""
    r = reference if reference.ndim == 3 else reference[..., None]
    sel = r[mask] if mask is not None and mask.any() else r.reshape(-1, r.shape[-1])
    lo, hi = np.percentile(sel, [0.5, 99.5], axis=0)
    return np.maximum(np.maximum(hi - lo, 0.25 * hi), 24.0).astype(np.float32)


def difference_map(questioned: np.ndarray, reference: np.ndarray, *, mask: np.ndarray | None = None,
                   tolerance_px: int = 1, normalised: bool = False, blur_sigma: float | None = None,
                   signed: bool = False, contrast: np.ndarray | None = None,
                   ceiling: np.ndarray | None = None) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """How much, and where, ``questioned`` differs from ``reference``.

    Parameters
    ----------
    questioned : ndarray, (H, W) or (H, W, 3), uint8 or float
        The questioned image in the reference frame.
    reference : ndarray, same shape
        The reference image in the same light.
    mask : ndarray of bool, (H, W), optional
        The fixed design: where the two should agree. The map is 0 elsewhere, and illumination and blur are
        fitted only here. Default: everywhere.
    tolerance_px : int, optional
        Misregistration tolerated, in pixels of these images (0 to 5).
    normalised : bool, optional
        ``questioned`` is already photometrically normalised (:func:`~docexam.compare.normalise.normalise`);
        otherwise it is normalised here.
    blur_sigma : float, optional
        Blur to apply to the reference; default: estimated with :func:`match_blur`.
    signed : bool, optional
        Also return the signed map: positive where the questioned image is brighter than the reference.
    contrast : ndarray, optional
        Per channel, the grey-level difference that counts as wholly different, times ``_FULL``; default:
        :func:`reference_range` of the reference on the mask.
    ceiling : ndarray, optional
        Per pixel and channel (the questioned image's shape), the brightest level the questioned capture could
        record, in the questioned image's (normalised) units: its sensor's white divided by its fitted gain
        (:func:`sensor_ceiling`). The reference, made as soft as the capture, is clipped there too before the two
        are compared, so an over-exposed capture, white where the specimen's paper is a little darker, is no
        difference, while print missing or added under the clipped paper still is. Default: no ceiling.

    Returns
    -------
    ndarray, float32, (H, W)
        0 where the images agree, rising to 1 where they differ by a large share of the reference's range or
        where the reference's texture is absent. With ``signed``, ``(map, signed_map)``.

    Raises
    ------
    ValueError
        If the images are empty, differ in shape, have another dtype, or an option is out of range.
    """
    q, r, m = _check_pair(questioned, reference, mask, name="questioned")
    if not isinstance(tolerance_px, int | np.integer) or not 0 <= tolerance_px <= 5:
        raise ValueError(f"tolerance_px must be an int from 0 to 5, got {tolerance_px!r}")
    if blur_sigma is not None and not (np.isfinite(blur_sigma) and 0 <= blur_sigma <= 20):
        raise ValueError(f"blur_sigma must be from 0 to 20 pixels, got {blur_sigma!r}")
    if ceiling is not None:
        ceiling = np.asarray(ceiling, np.float32)
        if ceiling.shape != q.shape:
            raise ValueError(f"ceiling must have the questioned image's shape {q.shape}, got {ceiling.shape}")
    if not normalised:
        q = normalise(q, r, mask=m)

    sigma = match_blur(q, r, mask=m) if blur_sigma is None else float(blur_sigma)
    qs = soften(np.ascontiguousarray(q), _NOISE_SIGMA)
    if ceiling is None:
        rs = soften(np.ascontiguousarray(r), float(np.hypot(sigma, _NOISE_SIGMA)))
    else:
        # The optics blur, the sensor clips, then the comparison's own smoothing: the reference goes the same way.
        rs = soften(np.minimum(soften(np.ascontiguousarray(r), sigma), ceiling), _NOISE_SIGMA)
    if qs.ndim == 2:
        qs, rs = qs[..., None], rs[..., None]
    unit = reference_range(r, m) if contrast is None else np.asarray(contrast, np.float32).reshape(-1)

    k = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * tolerance_px + 1, 2 * tolerance_px + 1))
    r_hi, r_lo = cv2.dilate(rs, k), cv2.erode(rs, k)
    q_hi, q_lo = cv2.dilate(qs, k), cv2.erode(qs, k)
    if r_hi.ndim == 2:
        r_hi, r_lo, q_hi, q_lo = (a[..., None] for a in (r_hi, r_lo, q_hi, q_lo))
    # Outside the other's local range, both ways round: a moved edge is inside, a missing or added mark is not.
    brighter = np.minimum(qs - r_hi, q_lo - rs) / unit
    darker = np.minimum(r_lo - qs, rs - q_hi) / unit
    up = _cmax(brighter)
    down = _cmax(darker)
    intensity = np.maximum(np.maximum(up, down), 0.0)
    sign = np.where(up >= down, 1.0, -1.0).astype(np.float32)

    # Structure: local correlation of the grey images where the reference has texture.
    qg = grey(qs) / float(unit.mean())
    rg = grey(rs) / float(unit.mean())
    mu_q, mu_r = soften(qg, _WINDOW), soften(rg, _WINDOW)
    var_q = np.maximum(soften(qg * qg, _WINDOW) - mu_q * mu_q, 0.0)
    var_r = np.maximum(soften(rg * rg, _WINDOW) - mu_r * mu_r, 0.0)
    cov = soften(qg * rg, _WINDOW) - mu_q * mu_r
    c2 = 0.03**2  # texture weaker than 3 % of the range is too faint to judge structure by
    # SSIM's contrast-structure term: 1 where the two textures match in pattern and strength, lower where the
    # pattern differs or the questioned print is weaker (lifted) or stronger.
    cs = (2.0 * cov + c2) / (var_q + var_r + c2)
    # Weighted by the reference's own texture: where it has none (plain paper, IR) a JPEG block or the noise of
    # the capture is no missing structure.
    weight = var_r / (var_r + c2)
    structure = np.clip(1.0 - cs, 0.0, 1.0) * weight * _STRUCTURE_GAIN

    # Texture strength over about a millimetre, relative to the page's own: background print lifted by an erasure
    # is weaker than the specimen's, more than the capture (blur, JPEG) weakens it everywhere.
    # Moments over the mask only: the window must not see a portrait or a field beside the design.
    mf = m.astype(np.float32)
    cover = np.maximum(soften(mf, _TEXTURE_WINDOW), 1e-3)
    qm, rm = qg * mf, rg * mf
    mu_q, mu_r = soften(qm, _TEXTURE_WINDOW) / cover, soften(rm, _TEXTURE_WINDOW) / cover
    tq = np.maximum(soften(qm * qg, _TEXTURE_WINDOW) / cover - mu_q * mu_q, 0.0)
    tr = np.maximum(soften(rm * rg, _TEXTURE_WINDOW) / cover - mu_r * mu_r, 0.0)
    # Not judged within two windows of the image's border: there the window sees the page's own corners (a
    # rounded card against the background), whose few pixels of texture a capture's blur wipes out.
    edge = int(round(2 * _TEXTURE_WINDOW))
    inner = np.zeros_like(m)
    inner[edge:-edge, edge:-edge] = True
    textured = m & (tr > _TEXTURE_FLOOR)
    ratio = np.sqrt((tq + 1e-6) / (tr + 1e-6))
    if textured.sum() >= 32:
        ratio /= max(float(np.median(ratio[textured])), 1e-3)
    lifted = np.clip(1.0 - ratio, 0.0, 1.0) * (tr / (tr + _TEXTURE_FLOOR)) * _TEXTURE_GAIN
    lifted[~inner] = 0.0

    out = np.clip(np.maximum(np.maximum(intensity / _FULL, structure), lifted), 0.0, 1.0).astype(np.float32)
    out[~m] = 0.0
    if signed:
        return out, (out * sign).astype(np.float32)
    return out


def sensor_ceiling(gain: np.ndarray, *, white: float = CLIPPED) -> np.ndarray:
    """The brightest level a capture could record, per pixel and channel, in units of the reference it was
    normalised to: ``white`` (the sensor's clipping level, a little under 255 after JPEG) over the fitted ``gain``
    (:class:`~docexam.compare.normalise.Illumination`). ``gain`` must be positive."""
    g = np.asarray(gain, np.float32)
    if g.size == 0 or not np.isfinite(g).all():
        raise ValueError("gain must be a non-empty array of finite values")
    return (np.float32(white) / np.maximum(g, 1e-3)).astype(np.float32)


def regions(diff_map: np.ndarray, *, threshold: float = 0.5, min_area: int = 9,
            join: int = 1) -> list[tuple[tuple[int, int, int, int], float]]:
    """Connected areas of ``diff_map`` at or above ``threshold``, as ``((x, y, w, h), score)``, highest first.

    Parameters
    ----------
    diff_map : ndarray, (H, W), float
        A map from :func:`difference_map` (values 0 to 1).
    threshold : float
        Level in (0, 1] above which a pixel differs.
    min_area : int
        Smallest area kept, in pixels of the map.
    join : int
        Pixels of the map at or above ``threshold`` up to twice this far apart are one area (a difference broken
        into pieces by the print it changed: a moved piece of text differs on its strokes). With more than 1, an
        area's size and score count only its pixels at or above ``threshold``, not the gaps joined.

    Returns
    -------
    list of (tuple of int, float)
        The bounding box in the map's pixels and the area's score (the 90th percentile of the map inside it).

    Raises
    ------
    ValueError
        If the map is not a non-empty 2-D array or an option is out of range.
    """
    if not isinstance(diff_map, np.ndarray) or diff_map.ndim != 2 or diff_map.size == 0:
        raise ValueError(f"diff_map must be a non-empty 2-D array, got {getattr(diff_map, 'shape', type(diff_map).__name__)}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if not isinstance(min_area, int | np.integer) or min_area < 1:
        raise ValueError(f"min_area must be a positive int, got {min_area!r}")
    if not isinstance(join, int | np.integer) or join < 1:
        raise ValueError(f"join must be a positive int, got {join!r}")
    above = (diff_map >= threshold).astype(np.uint8)
    if not above.any():
        return []
    size = 2 * int(join) + 1
    binary = cv2.morphologyEx(above, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        inside = labels[y : y + h, x : x + w] == i
        if join > 1:
            inside &= above[y : y + h, x : x + w] > 0
            area = int(inside.sum())
        if area < min_area:
            continue
        vals = diff_map[y : y + h, x : x + w][inside]
        out.append(((x, y, w, h), float(np.percentile(vals, 90))))
    out.sort(key=lambda t: -t[1])
    return out
