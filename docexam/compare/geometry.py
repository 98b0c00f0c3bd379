"""Bring a questioned capture into the frame of its reference specimen, light by light.

A capture shows the document on a background, turned by any angle, slightly out of plane, blurred, noisy and
unevenly lit. :func:`register` finds the homography from capture pixels to reference pixels in two stages:

* coarse: a starting homography from the document's outline (:func:`find_document`) in each of its four
  quarter turns, most alike the reference first, or from SIFT features of the design's fixed parts matched on
  downscaled images with a robust homography (MAGSAC). A wrong start is dropped by the fine stage within
  milliseconds, so starts are simply tried in turn.
* fine: the capture is warped into the reference frame with the current estimate, patches of the reference
  are located in it by normalised cross-correlation (so uneven lighting does not matter) with a sub-pixel
  peak, and a correcting homography is fitted robustly (MAGSAC) to the shifts; at a quarter, half, then full
  reference resolution. Patches where the two documents differ (personal data, forged areas) become outliers,
  and the reference's personal regions can be left out altogether with a mask.

:func:`register_set` does the visible light first, starting from the outline found in IR (where the paper
stands out from any background), then each other light from the visible light's homography, refined directly
against the reference in that light (UV: a genuine document's fibres and emblem are fixed design) or against
the questioned visible capture brought into the reference frame (IR keeps only the holder's data, which only
the questioned visible capture shares; a counterfeit's UV paper looks nothing like the reference's).

Coordinates follow OpenCV: pixel centres at integers, ``x`` right, ``y`` down.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import chain

import cv2
import numpy as np

from docexam.compare.reference import Reference
from docexam.compare.result import Alignment
from docexam.details import Said, say
from docexam.errors import DocexamError
from docexam.i18n import _
from docexam.lights import LIGHTS, Light

__all__ = ["RegistrationError", "ResidualField", "coverage", "find_document", "register", "register_set", "residual_field",
           "warp_to_reference"]

#: Long side, in pixels, of the reference when matching features.
COARSE_SIDE = 480
#: Fewest feature matches consistent with one homography for the coarse stage to be trusted.
MIN_FEATURE_INLIERS = 15
#: Fewest patches agreeing on the fine correction for a registration to be trusted.
MIN_PATCH_INLIERS = 8
#: Least spread of the agreeing patches (:func:`_span`: 1 for patches all over the document) for a registration to
#: be trusted.
MIN_SPAN = 0.5
#: Least share of the document the finer levels' agreeing patches must enclose (:func:`_cover`) for a registration
#: to be trusted: beyond them a homography is held only by the quarter-resolution patches, misplaced by 1-4 px, and its
#: tilt swings. Development visible captures, seed 19 (/tmp/h20reg/finespan.txt): MVN-TD2-1 (a title strip, 0.03-0.06)
#: 1.0 and 10.7 px off the simulator's truth, BRL-TD2-1 (its left half, 0.15) 4.3 px off; 30 fits of 16 other designs
#: enclose 0.28-0.70, within 0.6 px.
MIN_COVER = 0.2
#: Smallest image side accepted, in pixels.
MIN_SIDE = 16


class RegistrationError(DocexamError, ValueError):
    """A capture could not be brought into the reference frame; the message says why and what to do."""

    def __init__(self, light: str, reason: str) -> None:
        self.light = light
        self.reason = reason
        super().__init__(
            _("cannot register the {light} capture to the reference: {reason}; check that the capture shows the "
              "whole document of the reference's family, in focus, and capture it again if not").format(
                light=light, reason=reason)
        )


# --------------------------------------------------------------------------------------------------------------
# Validation and small helpers


def _grey(image: object, what: str) -> np.ndarray:
    """``image`` as a 2-D uint8 array, after checking it is a usable image."""
    if not isinstance(image, np.ndarray):
        raise ValueError(f"{what} must be a numpy array, got {type(image).__name__}")
    if image.size == 0:
        raise ValueError(f"{what} is empty (shape {image.shape}); give an image of at least {MIN_SIDE}x{MIN_SIDE} px")
    if image.dtype != np.uint8:
        raise ValueError(f"{what} must have dtype uint8, got {image.dtype}")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if not (image.ndim == 2 or (image.ndim == 3 and image.shape[2] in (3, 4))):
        raise ValueError(f"{what} must be (H, W) grey or (H, W, 3) RGB, got shape {image.shape}")
    if min(image.shape[:2]) < MIN_SIDE:
        raise ValueError(_("{what} is {width}x{height} px; give at least {min_side}x{min_side}").format(
            what=what, width=image.shape[1], height=image.shape[0], min_side=MIN_SIDE))
    if image.ndim == 3:
        code = cv2.COLOR_RGB2GRAY if image.shape[2] == 3 else cv2.COLOR_RGBA2GRAY
        return cv2.cvtColor(image, code)
    return np.ascontiguousarray(image)


def _homography(value: object, what: str) -> np.ndarray:
    h = np.asarray(value, dtype=np.float64)
    if h.shape != (3, 3) or not np.all(np.isfinite(h)) or abs(np.linalg.det(h)) < 1e-12 or h[2, 2] == 0:
        raise ValueError(f"{what} must be a finite, invertible 3x3 homography, got {h.tolist()}")
    return h / h[2, 2]


def _scaling(sx: float, sy: float) -> np.ndarray:
    """Pixel coordinates before -> after resizing by (sx, sy), pixel centres at integers."""
    return np.array([[sx, 0.0, 0.5 * sx - 0.5], [0.0, sy, 0.5 * sy - 0.5], [0.0, 0.0, 1.0]])


def _resize(image: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """``image`` resized by ``scale`` and the coordinate map to it.

    A shrink to half or less is rounded to a whole divisor (never coarser than asked): OpenCV averages whole
    blocks of pixels several times faster than fractional ones, and the captures are large.
    """
    h, w = image.shape[:2]
    if scale <= 0.5:
        scale = 1.0 / math.floor(1.0 / scale + 1e-9)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    if (nw, nh) == (w, h):
        return image, np.eye(3)
    if scale <= 0.5:
        # Given as a factor, OpenCV maps coordinates by exactly that factor, whatever the rounded size.
        small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return small, _scaling(scale, scale)
    small = cv2.resize(image, (nw, nh), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    return small, _scaling(nw / w, nh / h)


def _project(h: np.ndarray, pts: np.ndarray) -> np.ndarray:
    return cv2.perspectiveTransform(np.asarray(pts, np.float64).reshape(-1, 1, 2), h).reshape(-1, 2)


def _ref_per_capture_px(h: np.ndarray, ref_shape: tuple[int, int]) -> float:
    """How many reference pixels one capture pixel spans near the document's centre, under ``h``."""
    cy, cx = (ref_shape[0] - 1) / 2.0, (ref_shape[1] - 1) / 2.0
    inv = np.linalg.inv(h)
    p = _project(inv, [[cx, cy], [cx + 10.0, cy], [cx, cy + 10.0]])
    (ax, ay), (bx, by) = p[1] - p[0], p[2] - p[0]
    return 10.0 / max(1e-9, math.sqrt(abs(ax * by - ay * bx)))


#: Least share of the document a capture must show for a registration to stand (the rest is not examined).
MIN_SHOWN = 0.5


def _sane(h: np.ndarray, capture_shape: tuple[int, int], ref_shape: tuple[int, int]) -> bool:
    """Whether ``h`` (capture -> reference) maps the reference's corners to a convex quad of a plausible size of
    which the capture shows at least :data:`MIN_SHOWN` (a document partly outside the frame is registered on what
    is visible)."""
    rh, rw = ref_shape
    ch, cw = capture_shape
    try:
        quad = _project(np.linalg.inv(h), [[0, 0], [rw - 1, 0], [rw - 1, rh - 1], [0, rh - 1]])
    except np.linalg.LinAlgError:
        return False
    if not np.all(np.isfinite(quad)):
        return False
    edges = np.roll(quad, -1, axis=0) - quad
    cross = edges[:, 0] * np.roll(edges, -1, axis=0)[:, 1] - edges[:, 1] * np.roll(edges, -1, axis=0)[:, 0]
    if not (np.all(cross > 0) or np.all(cross < 0)):
        return False
    area = 0.5 * abs(float(np.sum(quad[:, 0] * np.roll(quad[:, 1], -1) - quad[:, 1] * np.roll(quad[:, 0], -1))))
    if not 0.02 * ch * cw < area < 4.0 * ch * cw:
        return False
    frame = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    if cross[0] < 0:  # the same winding as the frame's
        quad = quad[::-1]
    shown, _ = cv2.intersectConvexConvex(quad.astype(np.float32), frame)
    return float(shown) >= MIN_SHOWN * area


def _reference_grey(image: object, what: str) -> np.ndarray:
    """A reference image in grey, remembered with what is made from it (a reference is read, never changed)."""
    if isinstance(image, np.ndarray) and image.ndim == 3:
        return _memo(image, "grey", lambda: _grey(image, what))
    return _grey(image, what)


# --------------------------------------------------------------------------------------------------------------
# Coarse stage: features of the fixed design


@dataclass(frozen=True)
class _Features:
    points: np.ndarray  # (N, 2) float32, in the downscaled image
    descriptors: np.ndarray  # (N, 128) float32
    to_full: np.ndarray  # downscaled -> full-size pixel coordinates


def _features(grey: np.ndarray, scale: float, mask: np.ndarray | None = None) -> _Features:
    small, to_small = _resize(grey, scale)
    small_mask = None
    if mask is not None:
        small_mask = cv2.resize(mask, small.shape[::-1], interpolation=cv2.INTER_NEAREST)
    # A new detector per call: OpenCV's detectors are not safe to share between threads.
    keypoints, descriptors = cv2.SIFT_create(nfeatures=2500).detectAndCompute(small, small_mask)
    points = np.array([k.pt for k in keypoints], np.float32).reshape(-1, 2)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return _Features(points, descriptors, np.linalg.inv(to_small))


def _reference_features(reference: np.ndarray, mask: np.ndarray | None) -> _Features:
    mask_key = None if mask is None else hash(np.packbits(mask > 0).tobytes())
    return _memo(reference, ("features", mask_key),
                 lambda: _features(reference, COARSE_SIDE / max(reference.shape), mask))


def _match_features(capture: np.ndarray, ref: _Features, ref_shape: tuple[int, int]) -> list[np.ndarray]:
    """Capture -> reference transforms from feature matches: a homography and an affine map (matches crowded
    on part of the design can tilt a homography wildly beyond them; an affine map cannot tilt)."""
    if len(ref.points) < MIN_FEATURE_INLIERS:
        return []
    # Shrink the capture so the document comes out at about the reference's coarse size: assume it fills
    # about 60 % of the capture (the rest is background); SIFT absorbs the remaining scale difference.
    scale = COARSE_SIDE / max(ref_shape) * math.sqrt(ref_shape[0] * ref_shape[1] / capture.size) * 1.3
    cap = _features(capture, min(1.0, scale))
    if len(cap.points) < MIN_FEATURE_INLIERS:
        return []
    pairs = cv2.BFMatcher(cv2.NORM_L2).knnMatch(cap.descriptors, ref.descriptors, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < 0.8 * p[1].distance]
    # One capture feature per reference feature, the closest: a reference feature that many capture features take
    # for their nearest (a plain stroke end, where the design's distinctive parts are out of the frame) would
    # otherwise carry a homography that takes the whole capture onto that one point, consistent with all of them.
    closest: dict[int, cv2.DMatch] = {}
    for m in good:
        if m.trainIdx not in closest or m.distance < closest[m.trainIdx].distance:
            closest[m.trainIdx] = m
    good = list(closest.values())
    if len(good) < MIN_FEATURE_INLIERS:
        return []
    src = cap.points[[m.queryIdx for m in good]]
    dst = ref.points[[m.trainIdx for m in good]]
    found = []
    h, inliers = cv2.findHomography(src, dst, cv2.USAC_MAGSAC, 2.0, maxIters=5000, confidence=0.999)
    if h is not None and inliers is not None and int(inliers.sum()) >= MIN_FEATURE_INLIERS:
        found.append(h)
    a, inliers = cv2.estimateAffine2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=2.0, maxIters=5000)
    if a is not None and inliers is not None and int(inliers.sum()) >= MIN_FEATURE_INLIERS:
        found.append(np.vstack([a, [0.0, 0.0, 1.0]]))
    return [(lambda full: full / full[2, 2])(ref.to_full @ t @ np.linalg.inv(cap.to_full)) for t in found]


# --------------------------------------------------------------------------------------------------------------
# Fine stage: patches of the reference located in the warped capture


@dataclass(frozen=True)
class _Level:
    scale: float  # of the reference frame
    patch: int  # patch side, px at this level
    radius: int  # search radius, px at this level
    threshold: float  # robust-fit inlier threshold, px at this level
    allowed_share: float = 0.97  # least share of a patch's pixels that must be allowed


#: A start from the document's outline or from features may be off by a few percent of the document's size:
#: quarter resolution with a wide search (48 reference px), again with a narrow one, then half and full
#: resolution. The searches stay narrow after the first, as some designs (wavy guilloche lines) repeat every
#: few pixels and a wide search could lock onto the next line.
_FROM_OUTLINE = (_Level(0.25, 32, 12, 1.5, allowed_share=0.5), _Level(0.25, 32, 3, 1.0, allowed_share=0.5),
                 _Level(0.5, 32, 4, 1.0), _Level(1.0, 40, 3, 0.8))
#: Another light of the same capture set: at most a few capture pixels from the visible light.
_FROM_LIGHT = (_Level(0.5, 32, 7, 1.0), _Level(1.0, 40, 3, 0.8))


@dataclass(frozen=True)
class _Fit:
    homography: np.ndarray  # capture -> reference
    residual_px: float  # RMS of the inlier patches' misfit after the last correction, reference px
    inliers: int
    tried: int  # patches found at the last level, agreeing or not
    span: float = 1.0  # how far the agreeing patches spread across the frame: :func:`_span`
    cover: float = 1.0  # how much of the frame the fine levels' agreeing patches enclose: :func:`_cover`


class _Pyramid:
    """The capture shrunk by whole divisors to the resolution each level needs, made on demand and kept."""

    def __init__(self, capture: np.ndarray) -> None:
        self.capture = capture
        self._made: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def at(self, factor: float) -> tuple[np.ndarray, np.ndarray]:
        divisor = max(1, math.floor(1.0 / max(factor, 1e-3) + 1e-9))
        if divisor not in self._made:
            self._made[divisor] = _resize(self.capture, 1.0 / divisor)
        return self._made[divisor]


# Per reference image, what the levels need of it (shrunk, blurred copies; features): the same for every
# questioned document, so made once. Keyed by the array's id, checked by a weak reference to it.
_PER_REFERENCE: dict[int, tuple[weakref.ref, dict]] = {}


_PER_REFERENCE_LOCK = threading.Lock()  # callers may register several capture sets on threads
#: The most arrays remembered at once (the oldest forgotten first): a bound whatever the callers keep alive.
_PER_REFERENCE_MAX = 32


def _holds(value: object, array: np.ndarray) -> bool:
    """Whether ``value`` (an array, or a tuple or list of them) is ``array`` or a view of its memory."""
    if isinstance(value, np.ndarray):
        return value is array or np.may_share_memory(value, array)
    if isinstance(value, tuple | list):
        return any(_holds(v, array) for v in value)
    return False


def _memo(array: np.ndarray, key: object, make):
    """``make()``, remembered for as long as ``array`` lives (made outside the lock: two threads may both make
    it once, which is harmless). A value that is ``array`` itself or a view of it (a level at full size, unblurred)
    is not remembered: it would keep ``array`` alive for ever (a questioned document's template, one per
    comparison: a benchmark's worker grew by megabytes per document until the kernel killed it)."""
    with _PER_REFERENCE_LOCK:
        entry = _PER_REFERENCE.get(id(array))
        if entry is None or entry[0]() is not array:
            for stale in [k for k, (ref, _) in _PER_REFERENCE.items() if ref() is None]:
                del _PER_REFERENCE[stale]
            try:
                entry = (weakref.ref(array), {})
            except TypeError:  # cannot be weakly referenced: do not remember
                entry = None
            else:
                _PER_REFERENCE[id(array)] = entry
                while len(_PER_REFERENCE) > _PER_REFERENCE_MAX:
                    del _PER_REFERENCE[next(iter(_PER_REFERENCE))]
        if entry is not None and key in entry[1]:
            return entry[1][key]
    value = make()
    if entry is not None and not _holds(value, array):
        with _PER_REFERENCE_LOCK:
            entry[1][key] = value
    return value


def _patch_centres(template: np.ndarray, allowed: np.ndarray, level: _Level) -> np.ndarray:
    """Centres (x, y) of textured patches, at least ``level.allowed_share`` of them ``allowed``, on a grid."""
    half = level.patch // 2
    margin = half + level.radius + 1
    h, w = template.shape
    if h <= 2 * margin or w <= 2 * margin:
        return np.zeros((0, 2), int)
    # Overlapping patches (half a patch apart), at most about 600 candidates.
    step = max(level.patch // 2, int(math.sqrt((h - 2 * margin) * (w - 2 * margin) / 600.0)))
    ys = np.arange(margin, h - margin, step)
    xs = np.arange(margin, w - margin, step)
    gx, gy = np.meshgrid(xs, ys)
    gx, gy = gx.ravel(), gy.ravel()
    # Sums over each patch from integral images, at the grid points only.
    x0, x1, y0, y1 = gx - half, gx + half, gy - half, gy + half
    def box_sum(integral: np.ndarray) -> np.ndarray:
        return integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    area = float(4 * half * half)
    share = box_sum(cv2.integral(allowed, sdepth=cv2.CV_32S)) / (255.0 * area)
    total, squares = cv2.integral2(template, sdepth=cv2.CV_64F, sqdepth=cv2.CV_64F)
    mean = box_sum(total) / area
    var = box_sum(squares) / area - mean * mean
    # Texture: a flat patch has no defined position.
    keep = (share >= level.allowed_share) & (var > 6.0)  # a standard deviation above 2.5 grey levels
    return np.stack([gx[keep], gy[keep]], axis=1)


#: How much higher than any other local maximum of its search window a patch's correlation peak must be for the
#: patch to be located: a patch on one straight line or edge (a frame's rule, the MRZ band's border) correlates as
#: well anywhere along it, and one on evenly repeated lines (a lattice, waves) as well a line further on; either
#: would lock where the start happened to put it, and many such patches agree with one another on a wrong fit.
DISTINCT_PEAK = 0.08


#: Least ratio of the correlation peak's curvature along its flattest direction to that along its steepest for the
#: patch to be located: lines running nearly straight through a patch (waves, a rule) pin it across them, hardly
#: along them, and a sub-pixel peak along them lies wherever noise and the lines' slight bend put it (measured on
#: development captures: 0.001-0.03 on such patches, wrong by up to 5 px; 0.17-0.95 on print that pins both ways).
ROUND_PEAK = 0.1


def _peak(r: np.ndarray, distinct: float = DISTINCT_PEAK, ridges: list | None = None) -> tuple[float, float, float] | None:
    """Sub-pixel (dx, dy) of the correlation maximum from the window's centre, and its value; None at the edge, when
    the maximum is not distinct (another local maximum of the window, two pixels or more from it, comes within
    ``distinct``, by default :data:`DISTINCT_PEAK`, of it; 0 lets any peak stand), or when it is a ridge rather than
    a peak (:data:`ROUND_PEAK`). When it is None and ``ridges`` is given, a ridge the window holds is appended to it
    (:func:`_ridge`)."""
    out = _round_peak(r, distinct)
    if out is None and ridges is not None:
        ridge = _ridge(r, distinct)
        if ridge is not None:
            ridges.append(ridge)
    return out


def _hessian(r: np.ndarray, x: int, y: int) -> tuple[float, float, float, float, float]:
    """The second derivatives (dxx, dyy, dxy) of ``r`` at pixel (x, y), and its curvatures there (the eigenvalues of
    minus the Hessian), steepest and flattest."""
    dxx = float(r[y, x - 1] - 2.0 * r[y, x] + r[y, x + 1])
    dyy = float(r[y - 1, x] - 2.0 * r[y, x] + r[y + 1, x])
    dxy = 0.25 * float(r[y + 1, x + 1] - r[y + 1, x - 1] - r[y - 1, x + 1] + r[y - 1, x - 1])
    mean, spread = -0.5 * (dxx + dyy), math.sqrt(0.25 * (dxx - dyy) ** 2 + dxy * dxy)
    return dxx, dyy, dxy, mean + spread, mean - spread


def _round_peak(r: np.ndarray, distinct: float) -> tuple[float, float, float] | None:
    """:func:`_peak`'s peak."""
    _low, top, _at, (x, y) = cv2.minMaxLoc(r)
    if not (0 < x < r.shape[1] - 1 and 0 < y < r.shape[0] - 1):
        return None
    if distinct > 0:
        near = r > top - distinct
        # Only pixels that high can be another maximum that high: most windows have none beyond the peak's own 3x3
        # (counted first, a tenth of the cost of finding the local maxima).
        if cv2.countNonZero(near.view(np.uint8)) > cv2.countNonZero(near[y - 1 : y + 2, x - 1 : x + 2].view(np.uint8)):
            maxima = (r >= cv2.dilate(r, np.ones((3, 3), np.uint8))) & near
            maxima[y - 1 : y + 2, x - 1 : x + 2] = False
            if maxima.any():
                return None
    _dxx, _dyy, _dxy, steepest, flattest = _hessian(r, x, y)
    if steepest <= 0 or flattest < ROUND_PEAK * steepest:
        return None

    def offset(a: float, b: float, c: float) -> float:  # vertex of the parabola through three samples
        d = a - 2.0 * b + c
        return 0.0 if d >= 0 else 0.5 * (a - c) / d

    dx = offset(r[y, x - 1], r[y, x], r[y, x + 1])
    dy = offset(r[y - 1, x], r[y, x], r[y + 1, x])
    cy, cx = (r.shape[0] - 1) / 2.0, (r.shape[1] - 1) / 2.0
    return x + dx - cx, y + dy - cy, float(top)


#: How far across a ridge (pixels) another local maximum within ``distinct`` of its crest makes it another line's.
_RIDGE_APART = 2.0


def _ridge(r: np.ndarray, distinct: float) -> tuple[float, float, float, float, float] | None:
    """A correlation ridge in the window ``r``: lines running through a patch (waves, a rule) correlate as well all
    along them, and pin the patch across them only. Returns ``(dx, dy, nx, ny, value)``: the crest's offset from the
    window's centre along its unit normal (nx, ny) (the vertex of the parabola across it: the offset along the ridge
    means nothing), and its correlation; None when the window's highest inner pixel is no local maximum, is a round
    peak (a round peak :func:`_peak` refused is a repeated or an edge one) or no crest (the vertex more than a pixel
    off), or another local maximum, :data:`_RIDGE_APART` or more across the ridge, comes within ``distinct`` of it
    (the next line of evenly repeated ones)."""
    inner = r[1:-1, 1:-1]
    if inner.size == 0:
        return None
    _low, top, _at, (x, y) = cv2.minMaxLoc(inner)
    x, y = x + 1, y + 1
    if top < float(r[y - 1 : y + 2, x - 1 : x + 2].max()):
        return None  # on a slope to the window's edge
    dxx, dyy, dxy, steepest, flattest = _hessian(r, x, y)
    if steepest <= 0 or flattest >= ROUND_PEAK * steepest:
        return None
    # The normal: the eigenvector of the Hessian [[dxx, dxy], [dxy, dyy]] for its most negative eigenvalue, -steepest.
    nx, ny = max([(dxy, -steepest - dxx), (-steepest - dyy, dxy)], key=lambda v: math.hypot(*v))
    norm = math.hypot(nx, ny)
    if norm < 1e-12:
        nx, ny = (1.0, 0.0) if dxx <= dyy else (0.0, 1.0)
    else:
        nx, ny = nx / norm, ny / norm
    if distinct > 0:
        maxima = (r >= cv2.dilate(r, np.ones((3, 3), np.uint8))) & (r > top - distinct)
        ys, xs = np.nonzero(maxima)
        if np.any(np.abs((xs - x) * nx + (ys - y) * ny) >= _RIDGE_APART):
            return None
    gx = 0.5 * float(r[y, x + 1] - r[y, x - 1])
    gy = 0.5 * float(r[y + 1, x] - r[y - 1, x])
    t = (nx * gx + ny * gy) / steepest  # Newton's step along the normal: -(n . g) / (n' H n), where n' H n = -steepest
    if abs(t) > 1.0:
        return None
    cy, cx = (r.shape[0] - 1) / 2.0, (r.shape[1] - 1) / 2.0
    return x + t * nx - cx, y + t * ny - cy, nx, ny, float(top)


def _locate(template: np.ndarray, warped: np.ndarray, valid: np.ndarray, centres: np.ndarray, level: _Level,
            min_score: float, *, distinct: float = DISTINCT_PEAK,
            ridges: list | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each template patch lies in ``warped``: template points, warped points, correlations (``distinct``: as
    :func:`_peak`'s). ``ridges``, when given, collects the patches located across their lines only, as ``(template
    point, warped point, unit normal)``."""
    half, rad = level.patch // 2, level.radius
    src, dst, scores = [], [], []
    found: list | None = [] if ridges is not None else None
    reach = half + rad - 1
    for x, y in centres:
        if not (valid[y - reach, x - reach] and valid[y - reach, x + reach] and valid[y + reach, x - reach]
                and valid[y + reach, x + reach]):
            continue  # the search window leaves the capture
        t = template[y - half : y + half, x - half : x + half]
        s = warped[y - half - rad : y + half + rad, x - half - rad : x + half + rad]
        if float(cv2.meanStdDev(s)[1][0, 0]) < 2.0:  # nothing to match in the capture (flat, or outside it)
            continue
        peak = _peak(cv2.matchTemplate(s, t, cv2.TM_CCOEFF_NORMED), distinct, found)
        if found:
            dx, dy, nx, ny, score = found.pop()
            if score >= min_score and ridges is not None:
                ridges.append(((x, y), (x + dx, y + dy), (nx, ny)))
        if peak is None or peak[2] < min_score:
            continue
        src.append((x, y))
        dst.append((x + peak[0], y + peak[1]))
        scores.append(peak[2])
    return np.array(src, np.float64).reshape(-1, 2), np.array(dst, np.float64).reshape(-1, 2), np.array(scores)


def _ridge_arrays(ridges: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The patches on lines :func:`_locate` collected, as arrays: template points, warped points, unit normals."""
    return tuple(np.array([r[k] for r in ridges], np.float64).reshape(-1, 2) for k in range(3))  # type: ignore[return-value]


def _misfit(d: np.ndarray, normal: np.ndarray) -> np.ndarray:
    """Each point's misfit from its displacement ``d``: along its unit ``normal`` for a patch on lines (located across
    them only), per axis (the norm over sqrt 2) for one located both ways (``normal`` NaN)."""
    across = np.all(np.isfinite(normal), axis=1)
    return np.where(across, np.abs(np.sum(d * np.nan_to_num(normal), axis=1)), np.linalg.norm(d, axis=1) / math.sqrt(2))


def _span(points: np.ndarray, shown: np.ndarray | tuple[int, int]) -> float:
    """How well ``points`` (x, y) pin a homography down over what the capture shows of the frame (``shown``: a bool
    mask of the frame, or the frame's shape for all of it): the standard deviation of the points along their
    narrowest direction, over that of the shown pixels along theirs (1 for patches all over it, near 0 for patches
    along one line, such as a title's, which leave the tilt across that line free: a homography fitted to them
    extrapolates wildly). A document partly outside the frame is judged on the part the capture shows, as only that
    part is examined (a quarter cut off narrowed the agreeing patches' spread below MIN_SPAN however well they
    covered the rest)."""
    if len(points) < 3:
        return 0.0
    narrowest = float(np.linalg.eigvalsh(np.cov(np.asarray(points, np.float64).T))[0])
    if isinstance(shown, np.ndarray):
        mom = cv2.moments(shown.astype(np.uint8), binaryImage=True)
        if mom["m00"] < 1:
            return 0.0
        c = np.array([[mom["mu20"], mom["mu11"]], [mom["mu11"], mom["mu02"]]]) / mom["m00"]
        even = math.sqrt(max(float(np.linalg.eigvalsh(c)[0]), 1e-9))
    else:
        even = min(shown) / math.sqrt(12.0)
    return math.sqrt(max(narrowest, 0.0)) / even


def _cover(points: np.ndarray, shown: np.ndarray) -> float:
    """The share of what the capture shows of the frame (``shown``, a bool mask) that ``points`` (x, y, in its
    pixels) enclose: their convex hull's area over the shown area."""
    if len(points) < 3 or not shown.any():
        return 0.0
    hull = cv2.convexHull(np.asarray(points, np.float32).reshape(-1, 1, 2))
    return min(1.0, float(cv2.contourArea(hull)) / float(shown.sum()))


def _fit_correction(src: np.ndarray, dst: np.ndarray, model: str, threshold: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The correction mapping ``dst`` (warped capture) onto ``src`` (template), and the inlier flags."""
    if len(src) < MIN_PATCH_INLIERS:
        return None
    if model == "homography":
        c, inl = cv2.findHomography(dst, src, cv2.USAC_MAGSAC, threshold, maxIters=2000, confidence=0.999)
    else:  # similarity: the lights of one capture set differ by a small rigid motion
        c, inl = cv2.estimateAffinePartial2D(dst, src, method=cv2.RANSAC, ransacReprojThreshold=threshold,
                                             maxIters=2000, confidence=0.999, refineIters=20)
        if c is not None:
            c = np.vstack([c, [0.0, 0.0, 1.0]])
    if c is None or inl is None or int(inl.sum()) < MIN_PATCH_INLIERS:
        return None
    return c / c[2, 2], inl.ravel().astype(bool)


#: Least number of patches on lines (ridges) for :func:`_fit_across_lines` to fit a level from them, and how many of
#: them, and of all constraints, must agree with its fit: each pins one direction only, half of what a patch located
#: both ways does.
MIN_RIDGE_INLIERS = 2 * MIN_PATCH_INLIERS
_LINE_FIT_SHARE = 0.6


def _fit_across_lines(src: np.ndarray, dst: np.ndarray, ridges: list, model: str,
                      threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The correction mapping the warped capture onto the template from the patches located both ways (``src``,
    ``dst``) and the patches on lines located across them only (``ridges``, as :func:`_locate` gives them), for a
    level whose patches are nearly all on lines (a moiré or wave guilloche at half resolution): too few located both
    ways for :func:`_fit_correction`'s robust fit, many across their lines. The warped capture is already close (the
    coarser level's fit, within a pixel or so of this level), so the fit starts from no correction and is refitted by
    least squares (a ridge by its misfit along its normal) on the constraints that agree within a threshold that
    narrows to the level's; None unless :data:`MIN_RIDGE_INLIERS` ridges and :data:`_LINE_FIT_SHARE` of all
    constraints agree and they pin both directions. Returns the correction and the agreeing flags of ``src`` and of
    ``ridges``."""
    if len(ridges) < MIN_RIDGE_INLIERS:
        return None
    r_src, r_dst, r_nrm = _ridge_arrays(ridges)
    t_pts = np.concatenate([src, r_src])
    w_pts = np.concatenate([dst, r_dst])
    normal = np.concatenate([np.full((len(src), 2), np.nan), r_nrm])
    across = np.all(np.isfinite(normal), axis=1)
    # The ridges must pin both directions: their normals spread over angles (a single family of parallel lines
    # leaves the fit free along them).
    doubled = np.arctan2(r_nrm[:, 1], r_nrm[:, 0]) * 2.0
    if float(np.hypot(np.mean(np.cos(doubled)), np.mean(np.sin(doubled)))) > 0.9 and len(src) < MIN_PATCH_INLIERS:
        return None

    def misses(c: np.ndarray) -> np.ndarray:
        return _misfit(_project(c, w_pts) - t_pts, normal)

    c = np.eye(3)
    keep = np.ones(len(t_pts), bool)
    for limit in (4.0 * threshold, 2.0 * threshold, threshold, threshold):
        keep = misses(c) <= limit
        if int(keep[across].sum()) < MIN_RIDGE_INLIERS:
            return None
        found = _weighted_homography(w_pts[keep], t_pts[keep], np.ones(int(keep.sum())), normal[keep], model)
        if found is None:
            return None
        c = found
    keep = misses(c) <= threshold
    if int(keep[across].sum()) < MIN_RIDGE_INLIERS or keep.mean() < _LINE_FIT_SHARE:
        return None
    return c / c[2, 2], keep[~across], keep[across]


def _template_at(template: np.ndarray, scale: float, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """The template shrunk to ``scale`` and blurred by ``sigma`` (level px, to the nearest half), remembered."""
    sigma = round(2.0 * sigma) / 2.0

    def make() -> tuple[np.ndarray, np.ndarray]:
        small, to_small = _resize(template, scale)
        return (cv2.GaussianBlur(small, (0, 0), sigma) if sigma > 0 else small), to_small

    return _memo(template, ("level", scale, sigma), make)


#: Extra blurs (level px) tried on the template to match a blurred capture.
_EXTRA_BLURS = (0.0, 1.0, 2.0, 3.0)


def _matched_blur(template: np.ndarray, level: _Level, sampling: float, tmpl: np.ndarray, warped: np.ndarray,
                  inside: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """The level's template blurred as much as the capture seems to be: the blur whose patches correlate best."""
    sample = centres[:: max(1, len(centres) // 30)]
    best, best_score = tmpl, -1.0
    for extra in _EXTRA_BLURS:
        candidate = tmpl if extra == 0 else _template_at(template, level.scale, math.hypot(sampling, extra))[0]
        _src, _dst, scores = _locate(candidate, warped, inside, sample, level, -1.0)
        score = float(np.median(scores)) if len(scores) else -1.0
        if score <= best_score:
            break  # the correlation rises to the matching blur, then falls
        best, best_score = candidate, score
    return best


def _capture_area(m: np.ndarray, capture_shape: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
    """Where the capture lands in a level's frame under ``m`` (bool), one pixel in from its edge."""
    ch, cw = capture_shape
    quad = _project(m, [[1, 1], [cw - 2, 1], [cw - 2, ch - 2], [1, ch - 2]])
    area = np.zeros(size[::-1], np.uint8)
    cv2.fillConvexPoly(area, np.round(quad).astype(np.int32), 1)
    return area > 0


def _good(fit: _Fit, share: float) -> bool:
    """Enough patches agree, and at least ``share`` of those that were found: a wrong start or a level too fine
    for a blurred capture leaves few agreeing."""
    return fit.inliers >= 2 * MIN_PATCH_INLIERS and fit.inliers >= share * fit.tried


#: How far (RMS, reference px) a finer level's fit may move the coarser level's agreeing patches from where that
#: level found them: this many times their misfit there, and at least this many of that level's pixels.
STRAY = 3.0
STRAY_FLOOR = 0.5


def _strays(h: np.ndarray, held: tuple[np.ndarray, np.ndarray, float]) -> bool:
    """Whether ``h`` (capture -> reference) misplaces the capture points ``held[1]`` found at a coarser level for the
    reference points ``held[0]`` by more than ``held[2]`` (RMS, reference px)."""
    ref_pts, cap_pts, bound = held
    d = _project(h, cap_pts) - ref_pts
    return float(np.sqrt(np.mean(np.sum(d * d, axis=1)))) > bound


#: Least misfit (RMS, pixels of a level) a level's patches are taken to be located with in the joint fit
#: (:func:`_joint_fit`), however closely they agree; and the least in reference pixels, whatever the level.
LEVEL_PRECISION = 0.1
LEVEL_PRECISION_PX = 0.02


def _normalising(pts: np.ndarray) -> np.ndarray:
    """The similarity taking ``pts`` to zero mean and a mean distance of sqrt(2) from it (Hartley's)."""
    centre = pts.mean(axis=0)
    scale = math.sqrt(2.0) / max(float(np.mean(np.linalg.norm(pts - centre, axis=1))), 1e-9)
    return np.array([[scale, 0.0, -scale * centre[0]], [0.0, scale, -scale * centre[1]], [0.0, 0.0, 1.0]])


def _weighted_homography(src: np.ndarray, dst: np.ndarray, weight: np.ndarray, normal: np.ndarray,
                         model: str) -> np.ndarray | None:
    """The homography (or similarity, ``model``) taking ``src`` onto ``dst`` by least squares, each point's misfit
    weighted by ``weight`` (one over its standard deviation); a point with a ``normal`` (unit, else NaN) counts by
    its misfit along it only. None if the points do not determine it."""
    ts, td = _normalising(src), _normalising(dst)
    a_pts, b_pts = _project(ts, src), _project(td, dst)
    x, y, u, v = a_pts[:, 0], a_pts[:, 1], b_pts[:, 0], b_pts[:, 1]
    w = np.asarray(weight, np.float64)
    n, zero, one = len(x), np.zeros(len(x)), np.ones(len(x))
    if model == "homography":
        row_u = np.stack([-x, -y, -one, zero, zero, zero, u * x, u * y, u], axis=1)
        row_v = np.stack([zero, zero, zero, -x, -y, -one, v * x, v * y, v], axis=1)
        rhs_u = rhs_v = np.zeros(n)
    else:  # similarity: u = a x - b y + c, v = b x + a y + d
        row_u, rhs_u = np.stack([x, -y, one, zero], axis=1), u
        row_v, rhs_v = np.stack([y, x, zero, one], axis=1), v
    # The normalising maps are similarities: a direction is the same in their frames.
    across = np.all(np.isfinite(normal), axis=1)
    nx, ny = np.where(across, normal[:, 0], 0.0), np.where(across, normal[:, 1], 0.0)
    rows = np.concatenate([row_u[~across], row_v[~across], (nx[:, None] * row_u + ny[:, None] * row_v)[across]])
    rhs = np.concatenate([rhs_u[~across], rhs_v[~across], (nx * rhs_u + ny * rhs_v)[across]])
    wr = np.concatenate([w[~across], w[~across], w[across]])
    rows, rhs = rows * wr[:, None], rhs * wr
    if len(rows) < rows.shape[1] + (0 if model != "homography" else -1):
        return None
    if model == "homography":
        _u, sv, vt = np.linalg.svd(rows, full_matrices=False)
        if sv[-2] < 1e-9 * sv[0]:
            return None
        m = vt[-1].reshape(3, 3)
    else:
        sol, _res, rank, _sv = np.linalg.lstsq(rows, rhs, rcond=None)
        if rank < 4:
            return None
        a, b, c, d = sol
        m = np.array([[a, -b, c], [b, a, d], [0.0, 0.0, 1.0]])
    out = np.linalg.inv(td) @ m @ ts
    if not np.all(np.isfinite(out)) or abs(out[2, 2]) < 1e-12:
        return None
    return out / out[2, 2]


#: What the joint fit takes of a level: reference points, capture points, the level's misfit (reference px), and per
#: point the unit normal of a patch located across its lines only (NaN for one located both ways).
_Support = tuple[np.ndarray, np.ndarray, float, np.ndarray]


def _joint_fit(h: np.ndarray, start: np.ndarray, support: list[_Support], model: str) -> np.ndarray:
    """``h`` (capture -> reference, the finest level's robust fit) fitted again to every level's agreeing patches at
    once, with the patches on lines (waves, rules) located across them only, each group (a level's patches located
    both ways, its patches on lines) weighted by its own precision: the fine patches that pin the fit both ways may
    lie in one part of the page (captions, a title), and a homography fitted to them alone swung 1-5 px off across
    the rest (development ARC-TD3-1, waves everywhere else; CSP-TD1-1 at 180 dpi), where the lines still pin it
    across them (located there within 0.03 px). ``support``: per level (:data:`_Support`); ``model`` "similarity"
    fits a similarity after ``start`` (another light of the set). Each group's misfit is measured again after each
    fit (robustly: the median's), and a patch misplaced by more than three times its group's is left out of the next
    fit, three fits at most; ``h`` itself is kept when the joint fit cannot be made."""
    ref_pts = np.concatenate([r for r, _c, _s, _n in support])
    cap_pts = np.concatenate([c for _r, c, _s, _n in support])
    floor = np.concatenate([np.full(len(r), s) for r, _c, s, _n in support])
    normal = np.concatenate([n for _r, _c, _s, n in support])
    if len(ref_pts) == 0:
        return h
    across = np.all(np.isfinite(normal), axis=1)
    level = np.concatenate([np.full(len(r), i) for i, (r, _c, _s, _n) in enumerate(support)])
    groups = level * 2 + across
    pre = start if model != "homography" else np.eye(3)
    moved = _project(pre, cap_pts)

    def misses(hh: np.ndarray) -> np.ndarray:
        return _misfit(_project(hh, cap_pts) - ref_pts, normal)

    sigma = floor.copy()
    miss = misses(h)
    keep = np.ones(len(ref_pts), bool)
    fitted = h
    for _round in range(3):
        for g in np.unique(groups):
            sel = groups == g
            # The first fit is the finest level's alone: a group's misfit is measured under it, with its own level's
            # misfit as its ceiling (a coarse level's patches misfit by their own noise only).
            spread = 1.4826 * float(np.median(miss[sel & keep])) if np.any(sel & keep) else float(floor[sel][0])
            sigma[sel] = max(min(spread, float(floor[sel][0])), LEVEL_PRECISION_PX)
        keep = keep & (miss <= 3.0 * sigma)
        if keep.sum() < MIN_PATCH_INLIERS:
            return fitted / fitted[2, 2]
        found = _weighted_homography(moved[keep], ref_pts[keep], 1.0 / sigma[keep], normal[keep], model)
        if found is None:
            return fitted / fitted[2, 2]
        fitted = found @ pre
        miss = misses(fitted)
        keep = np.ones(len(ref_pts), bool)
    return fitted / fitted[2, 2]


def _refine(pyramid: _Pyramid, template: np.ndarray, allowed: np.ndarray, h: np.ndarray, levels: tuple[_Level, ...],
            *, model: str, min_score: float, share: float, coarse: list[np.ndarray] | None = None,
            distinct: float = DISTINCT_PEAK, toned: bool = False, coarse_small: bool = False) -> _Fit | None:
    """Refine ``h`` (capture -> reference) level by level; with ``toned``, each level's template given the
    capture's tones first (:func:`_tone_matched`); with ``coarse_small``, a coarse level with few whole patches
    adds small ones as the fine levels do.

    None if a level finds too few agreeing patches; but when the last level does, or few of its patches agree,
    a good fit from a level at half its resolution or finer stands: a blurred or coarse capture holds no detail
    that fine. When ``coarse`` is given, the homography of the finest level that found a good fit is appended to it
    whenever the whole refinement fails: too coarse to stand as a registration, it is still a close start for the
    set's other lights, which share the capture's geometry.
    """
    fit, fit_scale = None, 0.0
    held: tuple[np.ndarray, np.ndarray, float] | None = None  # the last level's agreeing patches, and how closely
    # Every level's agreeing patches (reference points, capture points, misfit in reference px), the last per scale.
    support: dict[float, _Support] = {}
    start = h
    skipped = False
    for level in levels:
        capture_px = level.scale * _ref_per_capture_px(h, template.shape)  # level px per capture px
        # A capture coarser than the level: blur the template as sampling blurred the capture.
        sampling = 0.5 * math.sqrt(capture_px**2 - 1.0) if capture_px > 1.2 else 0.0
        tmpl, to_level = _template_at(template, level.scale, sampling)
        allow = cv2.resize(allowed, tmpl.shape[::-1], interpolation=cv2.INTER_NEAREST)
        cap, to_small = pyramid.at(capture_px)
        m = to_level @ h @ np.linalg.inv(to_small)
        size = tmpl.shape[::-1]
        warped = cv2.warpPerspective(cap, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        inside = _capture_area(m, cap.shape, size)
        centres = _patch_centres(tmpl, allow, level)
        if level is not levels[0]:
            # Focus and motion blur the capture further: match the template's blur to it, as the correlation
            # peak is sharpest when both are equally blurred.
            tmpl = _matched_blur(template, level, sampling, tmpl, warped, inside, centres)
        if toned:
            tmpl = _tone_matched(tmpl, warped, inside & (allow > 0))
        ridges: list = []
        src, dst, _scores = _locate(tmpl, warped, inside, centres, level, min_score, distinct=distinct, ridges=ridges)
        if len(centres) < FEW_PATCHES and (coarse_small or level.allowed_share > 0.9) and level.patch >= 2 * SMALL_PATCH:
            # A page whose holder's rows lie close together leaves few whole patches of the design between them
            # (a reference scanned at 100-150 dpi, whose patches are two to three times as large on the page as a
            # 300 dpi one's): smaller ones fill the gaps, so that the fit does not rest on a few clustered patches
            # and swing away from them elsewhere.
            small = replace(level, patch=SMALL_PATCH)
            extra = _patch_centres(tmpl, allow, small)
            if len(centres) and len(extra):
                near = np.min(np.abs(extra[:, None, :] - centres[None, :, :]).max(axis=2), axis=1)
                extra = extra[near >= level.patch // 2]
            more_src, more_dst, _more = _locate(tmpl, warped, inside, extra, small, min_score, distinct=distinct,
                                                ridges=ridges)
            src, dst = np.concatenate([src, more_src]), np.concatenate([dst, more_dst])
        found = _fit_correction(src, dst, model, level.threshold)
        lines = None
        if found is None and level is not levels[0]:
            # Nearly every patch on lines (a moiré guilloche): fitted across them, from the coarser level's fit.
            lines = _fit_across_lines(src, dst, ridges, model, level.threshold)
            if lines is not None:
                found = lines[:2]
                ridges = [r for r, ok in zip(ridges, lines[2], strict=True) if ok]
        new = None
        if found is not None:
            c, inl = found
            refined = np.linalg.inv(to_level) @ c @ to_level @ h
            misfit = _project(c, dst[inl]) - src[inl]
            if lines is not None:  # the ridges' misfit along their normals, counted as a point's on both axes
                r_src, r_dst, r_nrm = _ridge_arrays(ridges)
                across = np.sum((_project(c, r_dst) - r_src) * r_nrm, axis=1)
                misfit = np.concatenate([misfit, np.column_stack([across * math.sqrt(2.0), np.zeros(len(across))])])
            rms = float(np.sqrt(np.mean(np.sum(misfit**2, axis=1)))) / level.scale
            back = np.linalg.inv(to_level)
            ref_pts = _project(back, src[inl])
            cap_pts = _project(np.linalg.inv(h) @ back, dst[inl])
            normals = np.full((len(ref_pts), 2), np.nan)
            if ridges:
                r_src, r_dst, r_nrm = _ridge_arrays(ridges)
                ref_pts = np.concatenate([ref_pts, _project(back, r_src)])
                cap_pts = np.concatenate([cap_pts, _project(np.linalg.inv(h) @ back, r_dst)])
                normals = np.concatenate([normals, r_nrm])
            here = {k: v for k, v in support.items() if k != level.scale}
            here[level.scale] = (ref_pts, cap_pts, max(rms, LEVEL_PRECISION / level.scale), normals)
            refined = _joint_fit(refined / refined[2, 2], start, list(here.values()), model)
            # The spread of every level's agreeing patches the joint fit holds to, over what the capture shows.
            held_pts = np.concatenate([r[~np.all(np.isfinite(n), axis=1)] for r, _c, _s, n in here.values()])
            agreeing, tried = int(inl.sum()), len(src)
            if lines is not None:
                # Fitted across lines: two ridges count as one patch located both ways, and they spread the fit too.
                held_pts = np.concatenate([held_pts, ref_pts[agreeing:]])
                agreeing, tried = agreeing + len(ridges) // 2, tried + len(lines[2]) // 2
            # What pins the fit to a pixel: the patches of this level and the next coarser (not the quarter-resolution
            # ones, located to a pixel or two only), and their lines where a level has as many as a fit across lines
            # needs (a few lines pin it across them only).
            fine = np.concatenate([r if np.all(np.isfinite(n), axis=1).sum() >= 2 * MIN_PATCH_INLIERS
                                   else r[~np.all(np.isfinite(n), axis=1)]
                                   for k, (r, _c, _s, n) in here.items() if k >= 0.5 * level.scale])
            new = _Fit(refined, rms, agreeing, tried, _span(_project(to_level, held_pts), inside),
                       _cover(_project(to_level, fine), inside))
            # A finer level sees fewer patches where the capture lacks the detail (an over-exposed or coarse
            # capture): clustered, they may agree with a homography that swings away from them by many pixels.
            # The coarser level's patches, spread wider, must still agree with it.
            if held is not None and _strays(new.homography, held):
                new = None
            elif not _sane(new.homography, pyramid.capture.shape, template.shape):
                # Patches locked anywhere (a start far off, on print that repeats) can agree on a fit that folds the
                # page or shrinks it to a point; the next level would blur its template by the absurd scale for
                # minutes (development CSP-TD3-5, seed 19 doc 0, from a feature start 84 px off).
                new = None
            else:
                n = int(inl.sum())
                held = (ref_pts[:n], cap_pts[:n], max(STRAY * rms, STRAY_FLOOR / level.scale))
                support = here
        last = level is levels[-1]
        if new is None or (last and not _good(new, share)):
            if last and fit is not None and fit_scale >= 0.5 * level.scale and _good(fit, share):
                return fit
            if new is None and not last and not skipped and fit is not None and _good(fit, share):
                # A level between two others may find too few distinct peaks, or only in one part of the page, for a
                # fit of its own: print that repeats within its search (a moiré at half resolution) is not located
                # there, yet is at full resolution, where its lines stand further apart than the search. The next level
                # starts from the coarser fit, once; its fit still answers to the coarser patches (_strays) and stands
                # alone only at a level it reached (a quarter-resolution fit is never a registration). Development
                # CSP-TD3-5 made denser (moiré density 1.4, its IR showing the background print), seed 19 doc 0,
                # visible and IR: 46 quarter-resolution patches agree within 0.4 px of the truth, 18 at half
                # resolution along the title (no fit), and no start registered.
                skipped = True
                continue
            if coarse is not None and fit is not None and _good(fit, share):
                coarse.append(fit.homography)
            if new is None:
                return None
        fit, fit_scale, h = new, level.scale, new.homography
    return fit


def _tone_matched(template: np.ndarray, capture: np.ndarray, where: np.ndarray) -> np.ndarray:
    """``template`` (uint8) with the tones of ``capture`` (uint8, in the template's frame) over ``where``: each grey
    level mapped to the capture's at the same quantile (histogram specification). Correlation does not see a
    capture's gain and offset, but it does see what the capture clipped: an over-exposed capture has lost the pale
    background print to white, and the template's pale print, kept, weighs in every patch against the capture's
    flat paper; given the capture's tones, it is clipped away as the capture's was."""
    if np.count_nonzero(where) < MIN_TONED_PIXELS:
        return template
    quantiles = []
    for image in (template, capture):
        cumulative = np.cumsum(np.bincount(image[where], minlength=256)).astype(np.float64)
        quantiles.append(cumulative / cumulative[-1])
    lut = np.interp(quantiles[0], quantiles[1], np.arange(256.0))
    return cv2.LUT(template, np.clip(np.round(lut), 0, 255).astype(np.uint8))


#: Fewest pixels of a level whose tones :func:`_tone_matched` matches (a 32-px patch has 1024).
MIN_TONED_PIXELS = 4096


#: The levels are set for a reference about this long (a passport page at 300 dpi).
_NOMINAL_SIDE = 1500
#: A fine level with fewer whole patches of the design than this adds patches of :data:`SMALL_PATCH` pixels between
#: them (:func:`_refine`).
FEW_PATCHES = 60
SMALL_PATCH = 16


def _for_size(levels: tuple[_Level, ...], shape: tuple[int, int]) -> tuple[_Level, ...]:
    """``levels`` for a reference of ``shape``: scales multiplied by the power of two that brings its long side
    nearest the nominal one, never above full resolution."""
    factor = 2.0 ** round(math.log2(_NOMINAL_SIDE / max(shape)))
    return tuple(replace(level, scale=min(1.0, level.scale * factor)) for level in levels)


# --------------------------------------------------------------------------------------------------------------
# The document's outline


#: Long side, in pixels, at which the outline is looked for.
OUTLINE_SIDE = 480


def _order(quad: np.ndarray, aspect: float | None) -> np.ndarray:
    """Corners clockwise as displayed, from the one nearest the image's top left; with ``aspect`` (the
    document's width / height), from a corner whose next side is a long one when the document is wider."""
    centre = quad.mean(axis=0)
    angle = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    quad = quad[np.argsort(angle)]  # y down: increasing angle runs clockwise as displayed
    quad = np.roll(quad, -int(np.argmin(quad.sum(axis=1))), axis=0)
    if aspect is not None:
        top, side = np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[1])
        if (top >= side) != (aspect >= 1.0):
            quad = np.roll(quad, -1, axis=0)
    return quad


#: Weight of the texture channel against the colour channels (grey levels) in finding the outline.
TEXTURE_WEIGHT = 3.0


def _texture(colour: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Local gradient strength, at twice the outline's working resolution, brought to ``shape`` (float32)."""
    grey = colour[:, :, 0] if colour.shape[2] == 1 else cv2.cvtColor(np.ascontiguousarray(colour), cv2.COLOR_RGB2GRAY)
    fine, _scale = _resize(grey, min(1.0, 2.0 * OUTLINE_SIDE / max(grey.shape)))
    fine = cv2.GaussianBlur(fine.astype(np.float32), (0, 0), 1.0)  # sensor noise is finer than print
    strength = cv2.magnitude(cv2.Sobel(fine, cv2.CV_32F, 1, 0), cv2.Sobel(fine, cv2.CV_32F, 0, 1))
    return cv2.resize(cv2.blur(strength, (5, 5)), shape[::-1], interpolation=cv2.INTER_AREA)


def _quad(contour: np.ndarray) -> np.ndarray:
    """Four corners of a roughly quadrilateral outline (rounded corners, ragged edges)."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for frac in (0.01, 0.02, 0.03, 0.05, 0.08):
        poly = cv2.approxPolyDP(hull, frac * perimeter, True).reshape(-1, 2)
        if len(poly) == 4:
            return poly.astype(np.float64)
        if len(poly) < 4:
            break
    return cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float64)


#: Least share of its outline's hull a region standing out from the background must fill to be taken for the page
#: itself rather than the print on it (:func:`find_document`): a page fills it but for its rounded corners and the
#: closing's roughness.
OUTLINE_FILL = 0.8


def _standing_out(distance: np.ndarray, threshold: float) -> tuple[np.ndarray, float, float] | None:
    """The outline of what stands out from the background by more than ``threshold`` (every large region of it, a
    card's front and back together), the share of its convex hull the region fills, and the hull's area; None when
    nothing does."""
    region = (distance > threshold).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    region = cv2.morphologyEx(cv2.morphologyEx(region, cv2.MORPH_OPEN, kernel), cv2.MORPH_CLOSE, kernel, iterations=3)
    contours, _hierarchy = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    # A document of several panels (a card's front and back) shows the gap between them in the reference's
    # colour: keep every large region, and outline them together.
    areas = [cv2.contourArea(c) for c in contours]
    outline = np.concatenate([c for c, a in zip(contours, areas, strict=True) if a >= 0.2 * max(areas)])
    hull = cv2.convexHull(outline)
    inside = np.zeros_like(region)
    cv2.fillConvexPoly(inside, hull.reshape(-1, 2), 1)
    hull_px = int(inside.sum())
    fill = float(np.count_nonzero(region & inside)) / max(1, hull_px)
    return outline, fill, float(cv2.contourArea(hull))


def find_document(image: np.ndarray, *, aspect: float | None = None, light: str = Light.VISIBLE) -> np.ndarray:
    """Locate a document's outline in a capture.

    The background is taken to be the colour along the capture's edge; the document is the largest region
    that differs from it, and its four corners those of the region's convex hull.

    Parameters
    ----------
    image : (H, W) or (H, W, 3) uint8 ndarray
        The capture, grey or RGB.
    aspect : float, optional
        The document's width / height, if known: the corners then start where a side of the document's width
        begins (the remaining half-turn ambiguity is the caller's to settle).
    light : str, optional
        The light of the capture, for the error message.

    Returns
    -------
    (4, 2) float64 ndarray
        Corners ``(x, y)`` in capture pixels, clockwise as displayed (TL, TR, BR, BL when the document is upright).

    Raises
    ------
    ValueError
        If ``image`` is not a non-empty 2-D or 3-channel uint8 array of at least 16x16 px, or ``aspect`` is not
        positive.
    RegistrationError
        If nothing stands out from the background enough to be a document.
    """
    _grey(image, "the image")  # validation
    if aspect is not None and not (isinstance(aspect, (int, float)) and math.isfinite(aspect) and aspect > 0):
        raise ValueError(f"aspect must be a positive width / height ratio, got {aspect!r}")
    colour = image if image.ndim == 3 else image[:, :, None]
    colour = colour[:, :, :3] if colour.shape[2] >= 3 else colour
    small, to_small = _resize(colour, OUTLINE_SIDE / max(image.shape[:2]))
    small = cv2.GaussianBlur(small.astype(np.float32), (0, 0), 1.5).reshape(small.shape[0], small.shape[1], -1)
    # Printed texture as one more channel: a pale document on a pale surface differs from it in texture only.
    small = np.concatenate([small, TEXTURE_WEIGHT * _texture(colour, small.shape[:2])[:, :, None]], axis=2)
    edge = np.concatenate([small[:3].reshape(-1, small.shape[2]), small[-3:].reshape(-1, small.shape[2]),
                           small[:, :3].reshape(-1, small.shape[2]), small[:, -3:].reshape(-1, small.shape[2])])
    background = np.median(edge, axis=0)
    distance = np.sqrt(np.sum((small - background) ** 2, axis=2))
    spread = float(np.percentile(np.linalg.norm(edge - background, axis=1), 95))
    level, _binary = cv2.threshold(np.clip(distance, 0, 255).astype(np.uint8), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # A document stands out from the background by more than the background's own variation.
    floor = 2.0 * spread + 4.0
    threshold = max(level, floor)
    found = _standing_out(distance, threshold)
    if found is None or found[1] < OUTLINE_FILL:
        # Otsu's threshold splits the distances in two. Where the page differs from the background less than its print
        # differs from the page (a pale page on a grey surface in IR, an over-exposed page in visible light), it
        # splits the print from the page and the background, and outlines the print, a hull the region hardly fills:
        # then the background is told from all the rest, at half the typical distance of what stands out from it.
        # Development CSP-TD3-5, seed 19 doc 0 (/tmp/h20d/fd.py): the IR page stands 68 grey levels from its surface,
        # the print 200; Otsu's 126 outlined the MRZ, the portrait and the data, corners 100-500 px off.
        standing = distance[distance > floor]
        lower = max(floor, 0.5 * float(np.median(standing))) if standing.size else threshold
        other = _standing_out(distance, lower) if lower < threshold else None
        if other is not None and (found is None or other[1] > found[1]):
            found = other
    if found is None:
        raise RegistrationError(light, _("no document stands out from the background"))
    outline, _fill, hull_area = found
    if hull_area < 0.05 * distance.size:
        raise RegistrationError(light, _("no document stands out from the background (nothing large differs from it)"))
    quad = _project(np.linalg.inv(to_small), _quad(outline))
    return _order(quad, aspect)


def _quarter_turns(cap: np.ndarray, ref: np.ndarray, *, quad: np.ndarray) -> list[np.ndarray]:
    """The four homographies taking ``quad`` onto the reference frame, most alike the reference first."""
    rh, rw = ref.shape
    scale = 160.0 / max(rh, rw)
    small_ref, to_small = _resize(ref, scale)
    corners = np.array([[-0.5, -0.5], [rw - 0.5, -0.5], [rw - 0.5, rh - 0.5], [-0.5, rh - 0.5]], np.float32)
    factor = scale * math.sqrt(rh * rw / max(1.0, cv2.contourArea(quad.astype(np.float32))))
    small_cap, cap_to_small = _resize(cap, min(1.0, factor))
    scored = []
    for k in range(4):
        h = cv2.getPerspectiveTransform(np.roll(quad, -k, axis=0).astype(np.float32), corners)
        warped = cv2.warpPerspective(small_cap, to_small @ h @ np.linalg.inv(cap_to_small), small_ref.shape[::-1],
                                     flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        score = float(cv2.matchTemplate(warped, small_ref, cv2.TM_CCOEFF_NORMED)[0, 0])
        scored.append((score, k, h / h[2, 2]))
    return [h for _score, _at, h in sorted(scored, key=lambda t: -t[0])]


# --------------------------------------------------------------------------------------------------------------
# Registration


def _allowed(mask: object, shape: tuple[int, int]) -> np.ndarray:
    """The reference pixels patches may use (uint8 0/255): ``mask``, less a band along the frame's edge, where the
    reference shows its scanner lid in the rounded corners and the capture its own background."""
    if mask is None:
        allowed = np.full(shape, 255, np.uint8)
    else:
        if not isinstance(mask, np.ndarray) or mask.shape != shape or mask.dtype not in (np.bool_, np.uint8):
            got = f"{mask.dtype} {mask.shape}" if isinstance(mask, np.ndarray) else type(mask).__name__
            raise ValueError(f"mask must be a bool or uint8 array of the reference's shape {shape}, got {got}")
        allowed = np.where(mask > 0, 255, 0).astype(np.uint8)
    band = max(2, round(0.02 * min(shape)))
    allowed[:band], allowed[-band:], allowed[:, :band], allowed[:, -band:] = 0, 0, 0, 0
    if not allowed.any():
        raise ValueError(_("mask leaves no reference pixel to register on; allow at least the document's fixed design"))
    return allowed


def _starts(cap: np.ndarray, ref: np.ndarray, allowed: np.ndarray,
            outline: np.ndarray | None = None) -> Iterator[tuple[np.ndarray, tuple[_Level, ...], str]]:
    """Starting homographies to try, most promising first, each made only when the previous ones failed: a given
    ``outline`` of the document (from another light of the capture set) in its four quarter turns, most alike
    the reference first (a wrong turn fails within milliseconds), feature matches, the outline found in ``cap``
    itself in its four quarter turns."""
    if outline is not None:
        for h in _quarter_turns(cap, ref, quad=outline):
            yield h, _FROM_OUTLINE, "outline"
    for h in _match_features(cap, _reference_features(ref, allowed), ref.shape):
        if _sane(h, cap.shape, ref.shape):
            yield h, _FROM_OUTLINE, "features"
    try:
        quad = find_document(cap, aspect=ref.shape[1] / ref.shape[0])
    except RegistrationError:
        return
    for h in _quarter_turns(cap, ref, quad=quad):
        yield h, _FROM_OUTLINE, "outline"


def register(questioned: np.ndarray, reference: np.ndarray, *, light: str = Light.VISIBLE, initial: np.ndarray | None = None,
             mask: np.ndarray | None = None) -> Alignment:
    """Find the homography bringing a questioned capture into the frame of a reference image.

    Parameters
    ----------
    questioned : (H, W) or (H, W, 3) uint8 ndarray
        The capture, any size, grey or RGB, the document in any orientation on any background.
    reference : (h, w) or (h, w, 3) uint8 ndarray
        The reference specimen's image in the same light (its pixels are the reference frame).
    light : str, optional
        The light both show; it names the result and any error.
    initial : (3, 3) array_like, optional
        A capture -> reference homography to start from, good to a few percent of the document's size; without
        it, features or the document's outline give the start.
    mask : (h, w) bool or uint8 ndarray, optional
        The reference pixels to register on: leave out what differs between documents of one design
        (portrait, personal data, MRZ). Default: all.

    Returns
    -------
    Alignment
        ``homography`` maps questioned-capture pixels to reference pixels; ``residual_px`` is the RMS misfit, in
        reference pixels, of the agreeing patches at the finest level the capture supports (full reference
        resolution, or half for a blurred or coarse capture), ``inliers`` their number; ``method`` is
        ``"features+patches"`` or ``"outline+patches"`` (or ``"initial+patches"``).

    Raises
    ------
    ValueError
        If an image is not a non-empty 2-D or 3-channel uint8 array of at least 16x16 px, the mask does not fit
        the reference, or ``initial`` is not an invertible 3x3 matrix.
    RegistrationError
        If no document matching the reference is found in the capture.

    Notes
    -----
    What is derived from a reference image (grey copy, shrunk and blurred copies, features) is remembered for
    as long as the array lives, so the second document compared with one reference costs less: do not change
    a reference image in place.
    """
    cap = _grey(questioned, "the questioned image")
    ref = _reference_grey(reference, "the reference image")
    allowed = _allowed(mask, ref.shape)
    if initial is not None:
        starts: Iterable = [(_homography(initial, "initial"), _FROM_OUTLINE, "initial")]
    else:
        starts = _starts(cap, ref, allowed)
    return _register(cap, ref, allowed, light, starts)


#: Share of the patches tried that must agree for a registration to be trusted.
TRUSTED_SHARE = 0.4
#: Largest residual (reference px) of a trusted registration.
TRUSTED_RESIDUAL = 1.5


def _trusted(fit: _Fit) -> bool:
    """Most of the patches tried agree, closely, and they spread across the document: a wrong start leaves few
    agreeing, loosely; patches along one strip (a title, when an over-exposed capture has lost the pale background
    print) agree with a homography that is wrong away from the strip."""
    return (fit.inliers >= max(2 * MIN_PATCH_INLIERS, TRUSTED_SHARE * fit.tried) and fit.residual_px < TRUSTED_RESIDUAL
            and fit.span >= MIN_SPAN and fit.cover >= MIN_COVER)


def _uncertain(fit: _Fit, light: str, basis: str) -> Said:
    """What a comparison says of a ``light`` registered, from ``basis``'s fit, that failed :func:`_trusted`: the
    fit's figures beside the rule's."""
    return say("registration_uncertain", light=light, basis=basis, inliers=fit.inliers, tried=fit.tried,
               span=fit.span, cover=fit.cover, residual=fit.residual_px, least=2 * MIN_PATCH_INLIERS,
               share=TRUSTED_SHARE, need=MIN_SPAN, need_cover=MIN_COVER, limit=TRUSTED_RESIDUAL)


def _conclusive(fit: _Fit) -> bool:
    """So many patches agree, and so nearly all of them, across the document, that no other start could do
    better."""
    return (fit.inliers >= 4 * MIN_PATCH_INLIERS and fit.inliers >= 0.85 * fit.tried and fit.residual_px < 1.0
            and fit.span >= MIN_SPAN and fit.cover >= MIN_COVER)


def _sound(fit: _Fit) -> bool:
    """Trusted, by many patches, most of those found: a fit that need not be checked against the set's other
    lights (they are registered from scratch only when the first light's fit is not sound)."""
    return _trusted(fit) and fit.inliers >= 4 * MIN_PATCH_INLIERS and fit.inliers >= 0.6 * fit.tried


def _best_fit(cap: np.ndarray, ref: np.ndarray, allowed: np.ndarray, light: str, starts: Iterable,
              hints: list[np.ndarray] | None = None, distinct: float = DISTINCT_PEAK) -> tuple[_Fit, str]:
    """Refine each start in turn, up to a conclusive fit; else the trusted fit with most agreeing patches; and how
    it started. When no start gives a trusted fit, each is tried again with the reference's tones matched to the
    capture's (:func:`_tone_matched`; the method says ``+tones``), and then with small patches at the coarse levels
    too (``+tones+small``). ``hints``, when given, collects the homographies this light came close with (fits, and
    coarse fits whose finer levels failed): starts for the capture set's other lights.

    A start from poor feature matches may leave a fit that agrees over part of the document only (a
    homography extrapolates badly): it is trusted, yet another start may agree over far more.
    """
    pyramid = _Pyramid(cap)
    tried: list[tuple[np.ndarray, tuple[_Level, ...], str]] = []
    fits = []
    for toned, coarse_small in ((False, False), (True, False), (True, True)):
        if toned and any(_trusted(fit) for fit, _how in fits):
            break
        # Again, when no start gave a trusted fit, with the reference's tones matched to the capture's (an
        # over-exposed capture that has lost the pale print the patches rest on; development MVN-MRVA-5 and
        # MVN-TD2-7, seed 43, visible light at gains 1.25 and 1.32: no light registered). Only then: on a capture
        # that registers as it is, matching the tones of the whole page can cost a well-exposed part its detail
        # (MVN-TD2-7 doc 1 at gain 1.14 came out 4 px off). Last, with small patches between the whole ones at the
        # coarse levels too: a one-specimen reference whose holder's areas cover most of a plain page leaves the
        # quarter-resolution levels 3 to 16 whole patches, of which a start needs 8 to agree (development KST-TD2-1
        # and CSP-TD2-1, seed 61: no light of three captures registered; the coarse fits found so also start the
        # set's other lights).
        for h, levels, how in (tried if toned else starts):
            if not toned:
                tried.append((h, levels, how))
            fit = _refine(pyramid, ref, allowed, h, _for_size(levels, ref.shape), model="homography", min_score=0.4,
                          share=0.6, coarse=hints, distinct=distinct, toned=toned, coarse_small=coarse_small)
            if fit is not None and hints is not None:
                hints.append(fit.homography)
            if fit is not None and coarse_small and _sane(fit.homography, cap.shape, ref.shape):
                # The small patches only start the fit: it stands on the half and full resolution levels' own, refined
                # again from it without the coarse levels. Held by mislocated small patches at a quarter resolution,
                # a fit can pass the trust rule yet be pixels off (development BRL-TD2-1, seed 19 doc 0, its tones
                # left as they are: 3.7 px off, trusted; refined again, 4.3 px off and said uncertain, as before).
                fit = _refine(pyramid, ref, allowed, fit.homography, _for_size(_FROM_LIGHT, ref.shape),
                              model="homography", min_score=0.4, share=0.6, distinct=distinct, toned=True)
            if fit is None or not _sane(fit.homography, cap.shape, ref.shape):
                continue
            if toned:  # the method names it: the reference's tones were matched to the capture's (and small patches)
                how = f"{how}+tones" + ("+small" if coarse_small else "")
            if _conclusive(fit):
                return fit, how
            fits.append((fit, how))
    if fits:
        return max(fits, key=lambda t: (_trusted(t[0]), t[0].inliers))
    if not tried:
        raise RegistrationError(light, _("neither features of the reference's design nor a document outline were found "
                                         "in it"))
    raise RegistrationError(light, _("too few parts of the reference's design could be matched in it"))


def _register(cap: np.ndarray, ref: np.ndarray, allowed: np.ndarray, light: str, starts: Iterable) -> Alignment:
    """:func:`_best_fit` as the light's Alignment."""
    fit, how = _best_fit(cap, ref, allowed, light, starts)
    return Alignment(light, fit.homography, fit.residual_px, fit.inliers, f"{how}+patches")


# --------------------------------------------------------------------------------------------------------------
# All lights of a capture set

#: Named regions of the fixed design, the same on every document of the family (as ``checks.FIXED_REGIONS``): every
#: other named region is the holder's.
_FIXED_REGIONS = frozenset({"uv_emblem"})


def _region_mask(shape: tuple[int, int], boxes: Iterable[tuple[int, int, int, int]], grow: int) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    for x, y, w, h in boxes:
        mask[max(0, y - grow) : max(0, y + h + grow), max(0, x - grow) : max(0, x + w + grow)] = 255
    return mask


def _design_mask(reference: Reference) -> np.ndarray:
    """Reference pixels showing the design, the same on every document of the family: all but the holder's areas
    (grown by 1 mm, as printing may spill over a box), the same areas the checks leave out of the fixed design:
    every named region but the fixed ones, and what a library reference's annotation marks personal. A signature
    among them matters most: its loops repeat a few pixels apart, and another holder's lock the patches on them a
    loop off, consistently (a registration agreeing with itself, wrong by a loop)."""
    grow = round(reference.dpi / 25.4)
    personal = [b for k, b in reference.regions.items() if k not in _FIXED_REGIONS]
    personal += list(reference.personal)
    personal += [e.box for e in (reference.expected or {}).values() if e.personal]
    return 255 - _region_mask(reference.shape, personal, grow)


def _shared_with_visible(reference: Reference, light: str) -> np.ndarray:
    """Reference pixels where a document shows the same structure in ``light`` as in visible light: in IR, what is
    printed in IR-absorbing ink (MRZ, portrait, some fields); in UV, the printed design (the guilloche and captions
    absorb UV) away from the UV emblem, which visible light does not show."""
    if not reference.regions:
        return np.full(reference.shape, 255, np.uint8)
    if light == Light.IR:
        boxes = [b for k, b in reference.regions.items() if k in reference.ir_absorbing]
        return _region_mask(reference.shape, boxes, 0) if boxes else np.full(reference.shape, 255, np.uint8)
    emblem = [b for k, b in reference.regions.items() if k == "uv_emblem"]
    return _design_mask(reference) & (255 - _region_mask(reference.shape, emblem, round(reference.dpi / 25.4)))


def _other_light(pyramid: _Pyramid, reference: Reference, light: str, anchor: Alignment, anchor_rectified: np.ndarray,
                 design: np.ndarray, distinct: float = DISTINCT_PEAK) -> Alignment:
    """Register ``light`` starting from the anchor light's homography: directly against the reference in that
    light, or against the anchor capture brought into the reference frame; the better of the two."""
    tries = []
    # Directly in UV, where a genuine document shows fixed design (fibres, emblem), and in visible light when another
    # light was the anchor. In IR the design's inks drop out and what remains is the holder's (or the panels'
    # outline), which the visible capture shares.
    if light in (Light.UV, Light.VISIBLE) and light in reference.images:
        ref = _reference_grey(reference.images[light], f"the reference {light} image")
        fit = _refine(pyramid, ref, _allowed(design, ref.shape), anchor.homography, _for_size(_FROM_LIGHT, ref.shape),
                      model="similarity", min_score=0.4, share=0.3, distinct=distinct)
        if fit is not None:
            if fit.inliers >= 4 * MIN_PATCH_INLIERS and fit.inliers >= 0.75 * fit.tried:
                # Clearly the reference's UV design (a genuine document's fibres): no need to look further.
                return Alignment(light, fit.homography, fit.residual_px, fit.inliers, "direct+patches")
            tries.append((fit, "direct+patches"))
    shared = _allowed(_shared_with_visible(reference, light), reference.shape)
    fit = _refine(pyramid, anchor_rectified, shared, anchor.homography, _for_size(_FROM_LIGHT, reference.shape),
                  model="similarity", min_score=0.3, share=0.3, distinct=distinct)
    if fit is not None:
        tries.append((fit, f"from:{anchor.light}"))
    tries = [(fit, method) for fit, method in tries if fit.inliers >= 2 * MIN_PATCH_INLIERS]
    if not tries:
        # The lights of one capture set differ by a few capture pixels at most: the anchor's homography is
        # the best estimate left; its residual says so.
        slack = 3.0 * _ref_per_capture_px(anchor.homography, reference.shape)
        return Alignment(light, anchor.homography.copy(), anchor.residual_px + slack, 0, f"as:{anchor.light}")
    # A direct registration carries no error over from the anchor: it is kept unless the other finds far more
    # agreeing patches (a counterfeit's UV paper matches the reference's in a few places only).
    fit, method = tries[0]
    if len(tries) == 2 and tries[1][0].inliers > 2 * fit.inliers:
        fit, method = tries[1]
    return Alignment(light, fit.homography, fit.residual_px, fit.inliers, method)


def _outline(captures: Mapping[str, np.ndarray], reference: Reference, anchor: str) -> np.ndarray | None:
    """The document's outline from the IR capture, if there is one: there the paper stands out brightly from any
    background (IR-transparent inks drop out), whereas in visible light a pale background may hide it. The lights
    of one set are misregistered by a few pixels only, nothing at the scale of an outline. ``captures`` as captured,
    in colour: a paper of another tint than its background may be as bright as it."""
    if Light.IR not in captures or anchor == Light.IR:
        return None
    h, w = reference.shape
    try:
        return find_document(captures[Light.IR], aspect=w / h, light=Light.IR)
    except RegistrationError:
        return None


def register_set(questioned: Mapping[str, np.ndarray], reference: Reference) -> dict[str, Alignment]:
    """Register every light of a questioned capture set to its reference specimen.

    The visible light (else the first light given) is registered from scratch with :func:`register` on the
    design's fixed parts (the reference's personal regions left out). Each other light starts from its
    homography and is refined both directly against the reference in that light and against the anchor light's
    capture brought into the reference frame (the lights of one capture set are misregistered by a few pixels at
    most); the one with more agreeing patches is kept. ``method`` says which (``"direct+patches"``,
    ``"from:visible"``; ``"as:visible"`` when neither worked and the anchor's homography is used as is).

    Parameters
    ----------
    questioned : mapping of str to ndarray
        ``{light: image}`` for some of ``"visible"``, ``"uv"``, ``"ir"``; uint8 grey or RGB, one capture set.
    reference : Reference
        The reference specimen; its ``regions`` (when known) tell personal areas from the fixed design.

    Returns
    -------
    dict of str to Alignment
        Per light given, in the order of :data:`docexam.lights.LIGHTS`.

    Raises
    ------
    ValueError
        If ``questioned`` is empty or names an unknown light, an image is unusable, or ``reference`` is not a
        :class:`Reference` with images.
    RegistrationError
        If no light of the set can be registered, not even with an untrusted fit.

    Notes
    -----
    A light that shows too little of the fixed design to register on surely (an over-exposed capture) leaves the
    anchor to another light that does. Where no light registers surely, the best untrusted fit is used, and every
    light is marked :attr:`Alignment.uncertain`: a comparison that says so and alarms on nothing it compares pixel by
    pixel is worth more to the examiner than none (the MRZ, its IR print and the page's UV are still checked).
    """
    if not isinstance(reference, Reference):
        raise ValueError(f"reference must be a docexam.compare.reference.Reference, got {type(reference).__name__}")
    if not reference.images:
        raise ValueError(_("the reference has no image; load one with docexam.compare.reference.load_reference"))
    if not isinstance(questioned, Mapping) or not questioned:
        raise ValueError(f"questioned must be a non-empty mapping of light to image, one of {', '.join(LIGHTS)}")
    unknown = sorted(set(questioned) - set(LIGHTS))
    if unknown:
        raise ValueError(f"unknown light(s) {unknown}; the lights are {', '.join(LIGHTS)}")
    lights = [str(light) for light in LIGHTS if light in questioned]
    anchor_light = next((light for light in lights if light in reference.images), None)
    if anchor_light is None:
        raise ValueError(_("the reference has none of the lights given ({lights}); it has {images}").format(
            lights=lights, images=sorted(reference.images)))
    captures = {light: _grey(questioned[light], f"the questioned {light} image") for light in lights}
    design = _design_mask(reference)
    try:
        return _register_lights(questioned, reference, lights, anchor_light, captures, design, DISTINCT_PEAK)
    except RegistrationError as strict:
        # The last resort, when no light registers with distinct peaks alone: a design whose fixed print is nearly
        # all lines and repeats (waves, a lattice) leaves too few patches that pass DISTINCT_PEAK. Measured on
        # development captures (ARC-TD2-7, seeds 23 and 57): refused outright with the rule; registered within
        # 0.22 px of the simulator's truth without it, the peaks' roundness and the coarser levels' patches
        # (_strays) still holding the fit. The method says so, so the examiner sees the registration is weaker.
        try:
            out = _register_lights(questioned, reference, lights, anchor_light, captures, design, 0.0)
        except RegistrationError:
            pass
        else:
            return {light: replace(a, method=f"{a.method} ({REPEATS_ALLOWED})") for light, a in out.items()}
        # Last, where the first light found no fit at all and no other light a trusted one: the others' best fit,
        # every light then uncertain (:func:`_register_lights`), rather than no comparison.
        try:
            return _register_lights(questioned, reference, lights, anchor_light, captures, design, DISTINCT_PEAK,
                                    loose=True)
        except RegistrationError:
            raise strict from None


#: What a registration's method says when it needed patches whose peaks repeat (:func:`register_set`).
REPEATS_ALLOWED = "repeating print matched"


def _register_lights(questioned: Mapping[str, np.ndarray], reference: Reference, lights: list[str], anchor_light: str,
                     captures: dict[str, np.ndarray], design: np.ndarray,
                     distinct: float, *, loose: bool = False) -> dict[str, Alignment]:
    """:func:`register_set`'s work, its inputs checked, with ``distinct`` for :func:`_peak`; with ``loose``, an
    untrusted fit of another light stands in for a first light that found none."""

    # Where the lights registered so far came close: the lights of one set share the capture's geometry (to a few
    # pixels), so a light that shows too little to register on (an over-exposed visible capture) still tells the
    # others where to start, ahead of their own outline and features.
    hints: list[np.ndarray] = []

    def from_scratch(light: str) -> tuple[_Fit, str]:
        ref = _reference_grey(reference.images[light], f"the reference {light} image")
        allowed = _allowed(design, ref.shape)
        near = [(h, _FROM_OUTLINE, "light") for h in hints if _sane(h, captures[light].shape, ref.shape)]
        return _best_fit(captures[light], ref, allowed, light,
                         chain(near, _starts(captures[light], ref, allowed, _outline(questioned, reference, light))),
                         hints, distinct)

    failure: RegistrationError | None = None
    try:
        fit, how = from_scratch(anchor_light)
    except RegistrationError as e:
        fit, how, failure = None, "", e
    base: Alignment | None = None
    if fit is None or not _sound(fit):
        # Each light is a capture of its own: one that shows too little of the fixed design to register on surely
        # (an over-exposed visible capture has lost its pale background print) need not hold the others back. The
        # first other light that registers conclusively on its own (else, when the first light's fit is not even
        # trusted, the first trusted one) is the anchor; the first light is then registered from it as any other
        # light is.
        fallback: Alignment | None = None
        best_loose: tuple[_Fit, str, str] | None = None  # the untrusted fit with most agreeing patches, light, start
        for light in lights:
            if light == anchor_light or light not in reference.images:
                continue
            try:
                other, other_how = from_scratch(light)
            except RegistrationError:
                continue
            found = Alignment(light, other.homography, other.residual_px, other.inliers, f"{other_how}+patches")
            if _conclusive(other):
                base = found
                break
            if fallback is None and _trusted(other) and (fit is None or not _trusted(fit)):
                fallback = found
            if not _trusted(other) and (best_loose is None or other.inliers > best_loose[0].inliers):
                best_loose = (other, light, other_how)
        base = base or fallback
        if loose and base is None and fit is None and best_loose is not None:
            # The first light found no fit at all and no other light a trusted one: the best of the others' fits is
            # used as the first light's would be, uncertain, and every light with it (below). Development CSP-TD2-1,
            # seed 61 doc 2: a capture over-exposed (gain 1.33) on a white background, the guilloche and the page's
            # edge washed out, the visible light found nothing; UV's 45 patches agreed at 0.12 px, over 0.44 of the
            # page's span where 0.5 is asked: the comparison was refused outright.
            fit, anchor_light, how = best_loose
    if base is None:
        if fit is None:
            assert failure is not None
            raise failure
        # No light registered surely, and this fit failed the trust rule: it is used (a comparison is better than
        # none), but never silently. Development MVN-TD2-1 (a dense moiré), seed 19 doc 1 in visible light alone: 29
        # of 31 patches agree at 0.20 px, over 0.485 of the document, and the homography is 10.7 px off the
        # simulator's truth (/tmp/h20/vis4.py); the comparison says so and alarms on nothing it compares pixel by
        # pixel in these lights (compare.pipeline).
        uncertain = None if _trusted(fit) else _uncertain(fit, anchor_light, anchor_light)
        anchor = Alignment(anchor_light, fit.homography, fit.residual_px, fit.inliers, f"{how}+patches", uncertain)
    else:
        base_rectified = warp_to_reference(captures[base.light], base, reference.shape)
        anchor = _other_light(_Pyramid(captures[anchor_light]), reference, anchor_light, base, base_rectified, design,
                              distinct)
    rectified = warp_to_reference(captures[anchor_light], anchor, reference.shape)
    out = {anchor_light: anchor}
    if base is not None:
        out[base.light] = base
    for light in lights:
        if light not in out:
            out[light] = _other_light(_Pyramid(captures[light]), reference, light, anchor, rectified, design, distinct)
    if anchor.uncertain is not None:
        # Every other light was registered from the uncertain anchor (none registered surely on its own), so each
        # is as uncertain as it.
        assert fit is not None
        out = {light: a if a.uncertain is not None else replace(a, uncertain=_uncertain(fit, light, anchor_light))
               for light, a in out.items()}
    return {light: out[light] for light in lights}


# --------------------------------------------------------------------------------------------------------------
# What a homography leaves: a smooth residual distortion


#: Degree of the polynomial displacement field fitted to what the homography leaves (lens distortion, a curled page:
#: a radial distortion moves points by the cube of their distance from the centre).
RESIDUAL_DEGREE = 3
#: Largest displacement (reference px) the residual field may take anywhere on the page; beyond it the field is not
#: believed (the registration is wrong, not distorted) and none is applied.
RESIDUAL_LIMIT = 6.0
#: Least robust misfit (reference px) of the fixed design's patches to the homography for a field to be fitted at all:
#: a homography that already holds them within a tenth of a pixel or so leaves nothing a lens could explain, and a
#: polynomial fitted to such noise swings where no patch measured it (a real page at 121 dpi whose patches all lay
#: within 0.07 px, misfit 0.015-0.021 px, fitted with fields of 0.9 and 1.5 px that alarmed on its title; a lens of
#: k1 = 0.02 on development KST-TD3-1 leaves 0.25-0.36 px).
RESIDUAL_MISFIT = 0.15
#: Least displacement (reference px) the field must reach somewhere on the page to be applied at all.
RESIDUAL_FLOOR = 0.3
#: Least share by which the field must lower the patches' misfit to be applied.
RESIDUAL_GAIN = 0.2
#: The level the residual field is measured at: full resolution, a search of a few pixels.
_RESIDUAL_LEVEL = _Level(1.0, 40, 4, 1.0)


def _monomials(x: np.ndarray, y: np.ndarray, degree: int = RESIDUAL_DEGREE) -> np.ndarray:
    """Every monomial x**i * y**j with i + j <= ``degree``, as columns."""
    return np.stack([x**i * y ** (d - i) for d in range(degree + 1) for i in range(d, -1, -1)], axis=1)


@dataclass(frozen=True)
class ResidualField:
    """A smooth displacement (reference px) of the questioned content from where the homography puts it, over the
    reference frame: a polynomial of :data:`RESIDUAL_DEGREE` in the frame's coordinates scaled to [-1, 1]."""

    shape: tuple[int, int]
    coefficients: np.ndarray  # (terms, 2): dx, dy
    largest_px: float
    #: The box (x0, y0, x1, y1) of the patches it was fitted to: beyond it the field keeps its value at the box's
    #: edge (a polynomial extrapolated into a corner with no patch swings far beyond any distortion).
    measured: tuple[float, float, float, float]

    def at(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The displacement (dx, dy) at reference points (x, y)."""
        h, w = self.shape
        x0, y0, x1, y1 = self.measured
        x = np.clip(np.asarray(x, np.float64), x0, x1)
        y = np.clip(np.asarray(y, np.float64), y0, y1)
        d = _monomials(2.0 * x / max(w - 1, 1) - 1.0, 2.0 * y / max(h - 1, 1) - 1.0) @ self.coefficients
        return d[:, 0], d[:, 1]

    def over_frame(self) -> tuple[np.ndarray, np.ndarray]:
        """The displacement (dx, dy) at every pixel of the frame, each ``shape``: what :meth:`at` gives there, computed
        as the polynomial it is, a sum of products of a power of x (the column's) and one of y (the row's), so as
        two small matrix products (rows x terms x columns) rather than every monomial at every pixel (ten arrays of
        the frame's size, a second per three lights at 300 dpi)."""
        h, w = self.shape
        x0, y0, x1, y1 = self.measured
        x = 2.0 * np.clip(np.arange(w, dtype=np.float64), x0, x1) / max(w - 1, 1) - 1.0
        y = 2.0 * np.clip(np.arange(h, dtype=np.float64), y0, y1) / max(h - 1, 1) - 1.0
        powers = [(i, d - i) for d in range(RESIDUAL_DEGREE + 1) for i in range(d, -1, -1)]  # as _monomials orders them
        vx = np.stack([x**i for i in range(RESIDUAL_DEGREE + 1)], axis=1)  # (w, degree + 1)
        vy = np.stack([y**j for j in range(RESIDUAL_DEGREE + 1)], axis=1)  # (h, degree + 1)
        out = []
        for axis in range(2):
            c = np.zeros((RESIDUAL_DEGREE + 1, RESIDUAL_DEGREE + 1))
            for k, (i, j) in enumerate(powers):
                c[j, i] = self.coefficients[k, axis]
            out.append(vy @ c @ vx.T)
        return out[0], out[1]


def residual_field(rectified: np.ndarray, reference: Reference, *, light: str = Light.VISIBLE) -> ResidualField | None:
    """What a homography cannot take out of a registration: a capture through a lens that bends straight lines (a
    phone, a document camera) or of a page not quite flat moves the document's print by a smooth field of up to a
    few pixels, which left the fine print misregistered by 2-3 px in the corners and alarmed on genuine documents
    (development NVR-TD1-3 and KST-TD3-1 captured with a radial distortion k1 = 0.02: visible 'difference' and
    'portrait' alarms). Patches of the fixed design (and lines across them) are located in the rectified capture at
    full resolution and a polynomial field (:data:`RESIDUAL_DEGREE`) fitted to their displacements robustly.

    Returns None when the field is not worth applying: too few patches, a field under :data:`RESIDUAL_FLOOR` px
    everywhere, a homography the patches already fit within :data:`RESIDUAL_MISFIT` px, one that does not lower the
    patches' misfit by :data:`RESIDUAL_GAIN`, or one over
    :data:`RESIDUAL_LIMIT` px (a wrong registration, not a distortion). Being smooth and fitted to the whole page, the
    field cannot take a local alteration away: a patch's own print is an outlier to it.

    Parameters
    ----------
    rectified : (H, W) or (H, W, 3) uint8 ndarray
        The questioned capture of ``light`` warped into the reference frame by its homography.
    reference : Reference
        The reference; its image in ``light`` and its regions (the holder's areas are left out).
    light : str
        The light compared.

    Raises
    ------
    ValueError
        If the image is unusable or of another size than the reference, or the reference lacks the light.
    """
    if not isinstance(reference, Reference) or light not in reference.images:
        raise ValueError(f"reference must be a Reference with a {light} image")
    rect = _grey(rectified, f"the rectified {light} image")
    ref = _reference_grey(reference.images[light], f"the reference {light} image")
    if rect.shape != ref.shape:
        raise ValueError(f"the rectified image is {rect.shape}, the reference {ref.shape}: warp it into the frame first")
    level = _for_size((_RESIDUAL_LEVEL,), ref.shape)[0]
    tmpl, to_level = _template_at(ref, level.scale, 0.0)
    warped, _scale = _resize(rect, level.scale) if level.scale < 1.0 else (rect, np.eye(3))
    allowed = cv2.resize(_allowed(_design_mask(reference), ref.shape), tmpl.shape[::-1], interpolation=cv2.INTER_NEAREST)
    inside = np.ones(tmpl.shape, bool)
    centres = _patch_centres(tmpl, allowed, level)
    if len(centres) < 3 * MIN_PATCH_INLIERS:
        return None
    tmpl = _matched_blur(ref, level, 0.0, tmpl, warped, inside, centres)
    ridges: list = []
    src, dst, _scores = _locate(tmpl, warped, inside, centres, level, 0.5, ridges=ridges)
    back = np.linalg.inv(to_level)
    pts = [_project(back, src)] if len(src) else []
    moved = [_project(back, dst)] if len(dst) else []
    normals = [np.full((len(src), 2), np.nan)] if len(src) else []
    if ridges:
        r_src, r_dst, r_nrm = _ridge_arrays(ridges)
        pts.append(_project(back, r_src))
        moved.append(_project(back, r_dst))
        normals.append(r_nrm)
    if not pts:
        return None
    p, q, n = np.concatenate(pts), np.concatenate(moved), np.concatenate(normals)
    if len(src) < 2 * MIN_PATCH_INLIERS or _span(p[~np.all(np.isfinite(n), axis=1)], ref.shape) < MIN_SPAN:
        return None
    h, w = ref.shape
    field = _fit_field(p, q - p, n, (h, w))
    if field is None:
        return None
    coefficients, before, after = field
    box = (float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max()))
    xs, ys = np.meshgrid(np.linspace(box[0], box[2], 25), np.linspace(box[1], box[3], 17))
    dx, dy = ResidualField((h, w), coefficients, 0.0, box).at(xs.ravel(), ys.ravel())
    largest = float(np.hypot(dx, dy).max())
    if (largest < RESIDUAL_FLOOR or largest > RESIDUAL_LIMIT or after > (1.0 - RESIDUAL_GAIN) * before
            or before < RESIDUAL_MISFIT):
        return None
    return ResidualField((h, w), coefficients, largest, box)


def _fit_field(p: np.ndarray, d: np.ndarray, normal: np.ndarray,
               shape: tuple[int, int]) -> tuple[np.ndarray, float, float] | None:
    """The polynomial field's coefficients fitted to displacements ``d`` at points ``p`` (along ``normal`` only where it
    is finite), robustly (a patch's misfit beyond three times the robust spread is left out, three fits at most); and
    the robust misfit of the points with no field and with it."""
    h, w = shape
    m = _monomials(2.0 * p[:, 0] / max(w - 1, 1) - 1.0, 2.0 * p[:, 1] / max(h - 1, 1) - 1.0)
    across = np.all(np.isfinite(normal), axis=1)
    nx, ny = np.where(across, normal[:, 0], 0.0), np.where(across, normal[:, 1], 0.0)
    zero = np.zeros_like(m)
    # Rows: dx and dy for a patch located both ways, n . d for one on lines; unknowns: the dx and dy coefficients.
    rows = np.concatenate([np.hstack([m, zero])[~across], np.hstack([zero, m])[~across],
                           np.hstack([m * nx[:, None], m * ny[:, None]])[across]])
    rhs = np.concatenate([d[~across, 0], d[~across, 1], (d[:, 0] * nx + d[:, 1] * ny)[across]])
    if len(rows) < 3 * rows.shape[1]:
        return None

    def spread(miss: np.ndarray) -> float:
        return 1.4826 * float(np.median(np.abs(miss))) + 1e-6

    before = spread(rhs)
    keep = np.abs(rhs) <= max(3.0 * before, 0.5)
    sol = np.zeros(rows.shape[1])
    for _round in range(3):
        if keep.sum() < 3 * rows.shape[1]:
            return None
        sol, _res, rank, _sv = np.linalg.lstsq(rows[keep], rhs[keep], rcond=None)
        if rank < rows.shape[1]:
            return None
        miss = rhs - rows @ sol
        again = np.abs(miss) <= 3.0 * spread(miss[keep])
        if np.array_equal(again, keep):
            break
        keep = again
    after = spread((rhs - rows @ sol)[keep])
    return sol.reshape(2, -1).T, spread(rhs[keep]), after


def warp_to_reference(image: np.ndarray, alignment: Alignment, shape: tuple[int, ...], *,
                      border: str = "replicate", residual: ResidualField | None = None) -> np.ndarray:
    """The capture resampled into the reference frame (bilinear).

    Parameters
    ----------
    image : (H, W) or (H, W, C) uint8 ndarray
        The capture the alignment was found for.
    alignment : Alignment
        Its registration.
    shape : tuple of int
        The reference's shape; its first two values are used.
    border : {"replicate", "constant"}, optional
        What fills reference pixels that fall outside the capture: its nearest edge, or black.
    residual : ResidualField, optional
        What the homography leaves (:func:`residual_field`), taken out in the same resampling.

    Returns
    -------
    ndarray
        ``shape[:2]`` (plus the image's channels), same dtype as ``image``.

    Raises
    ------
    ValueError
        If an argument is malformed.
    """
    if not isinstance(image, np.ndarray) or image.size == 0 or image.ndim not in (2, 3):
        raise ValueError("image must be a non-empty (H, W) or (H, W, C) numpy array")
    if not isinstance(alignment, Alignment):
        raise ValueError(f"alignment must be an Alignment, got {type(alignment).__name__}")
    if len(shape) < 2 or int(shape[0]) < 1 or int(shape[1]) < 1:
        raise ValueError(f"shape must give a positive height and width, got {shape!r}")
    modes = {"replicate": cv2.BORDER_REPLICATE, "constant": cv2.BORDER_CONSTANT}
    if border not in modes:
        raise ValueError(f"border must be one of {sorted(modes)}, got {border!r}")
    h = _homography(alignment.homography, "alignment.homography")
    if residual is None:
        return cv2.warpPerspective(image, h, (int(shape[1]), int(shape[0])), flags=cv2.INTER_LINEAR,
                                   borderMode=modes[border])
    if not isinstance(residual, ResidualField) or residual.shape != (int(shape[0]), int(shape[1])):
        raise ValueError("residual must be a ResidualField of the reference's shape")
    # Reference pixel p shows the capture at H^-1 (p + d(p)): one resampling, from the capture itself.
    dx, dy = residual.over_frame()
    at = np.empty((*dx.shape, 2), np.float64)
    at[..., 0] = dx + np.arange(dx.shape[1], dtype=np.float64)[None, :]
    at[..., 1] = dy + np.arange(dx.shape[0], dtype=np.float64)[:, None]
    src = cv2.perspectiveTransform(at, np.linalg.inv(h)).astype(np.float32)
    return cv2.remap(image, src[..., 0], src[..., 1], cv2.INTER_LINEAR, borderMode=modes[border])


def coverage(capture_shape: tuple[int, ...], alignment: Alignment, shape: tuple[int, ...], *, margin_px: int = 2) -> np.ndarray:
    """Which reference pixels the capture shows: True where the alignment brings a capture pixel, at least
    ``margin_px`` reference pixels inside the capture's edge (its last pixels are resampled from the border).

    A document partly outside the frame registers on what is visible; the rest of the reference frame is not
    examined, and this says where.

    Parameters
    ----------
    capture_shape : tuple of int
        The capture's shape (its first two values are used).
    alignment : Alignment
        The capture's registration.
    shape : tuple of int
        The reference's shape.
    margin_px : int
        Reference pixels left out along the capture's edge.

    Returns
    -------
    ndarray of bool, ``shape[:2]``.

    Raises
    ------
    ValueError
        If an argument is malformed.
    """
    if len(capture_shape) < 2 or int(capture_shape[0]) < 1 or int(capture_shape[1]) < 1:
        raise ValueError(f"capture_shape must give a positive height and width, got {capture_shape!r}")
    if not isinstance(margin_px, int) or margin_px < 0:
        raise ValueError(f"margin_px must be a whole number >= 0, got {margin_px!r}")
    ones = np.full((int(capture_shape[0]), int(capture_shape[1])), 255, np.uint8)
    seen = warp_to_reference(ones, alignment, shape, border="constant") > 127
    if margin_px:
        k = np.ones((2 * margin_px + 1, 2 * margin_px + 1), np.uint8)
        seen = cv2.erode(seen.astype(np.uint8), k, borderType=cv2.BORDER_CONSTANT, borderValue=1) > 0
    return seen
