"""Simulated capture of flat synthetic documents by an examination workstation or a phone.

Synthetic documents are rendered flat in *document coordinates*: the pixels of a reference rendering at
``reference_dpi`` (typically 300), in up to three lights (``"visible"``, ``"uv"``, ``"ir"``) that register
exactly. :func:`capture` turns such a set into what a capture device delivers: the document scaled to the
capture resolution, rotated, slightly out of plane (perspective), placed on a background, unevenly lit,
blurred, noisy and JPEG-compressed, with a small misregistration between the lights. It reports, per light,
the exact homography from document to capture coordinates, so that registration and MRZ reading can be
tested against a known truth.

Coordinates follow OpenCV: pixel centres sit at integer coordinates ``(x, y)``, ``x`` to the right and ``y``
down; pixel ``(0, 0)`` covers ``[-0.5, 0.5] x [-0.5, 0.5]``. A document of width ``W`` and height ``H``
therefore spans ``[-0.5, W - 0.5] x [-0.5, H - 0.5]``.

Randomness comes only from :func:`numpy.random.default_rng`, one independent stream per purpose (geometry,
misregistration, illumination, noise of each light), so the result depends only on the inputs and the seed,
and a light's geometry does not depend on which other lights are captured with it.

>>> import numpy as np
>>> doc = np.full((200, 300, 3), 128, np.uint8)
>>> cond = sample_conditions(seed=1, difficulty="easy")
>>> cap = capture({"visible": doc, "ir": doc}, cond, seed=7)
>>> sorted(cap.images), cap.homographies["ir"].shape
(['ir', 'visible'], (3, 3))
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from functools import lru_cache
from statistics import NormalDist
from typing import Any

import cv2
import numpy as np

from docexam.lights import LIGHTS, Light

__all__ = [
    "BACKGROUNDS",
    "DIFFICULTIES",
    "Capture",
    "CaptureConditions",
    "apply_homography",
    "capture",
    "sample_conditions",
]


#: Difficulty levels understood by :func:`sample_conditions`.
DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")

#: Surface around the document in the lights other than visible (RGB): under UV the surface glows a dark
#: violet-blue, under IR it is a mid-dark grey. The visible background is ``CaptureConditions.background_rgb``.
BACKGROUNDS: dict[str, tuple[int, int, int]] = {Light.UV: (20, 12, 40), Light.IR: (60, 60, 60)}

#: Largest tiny rotation of one light against visible (degrees), part of the misregistration.
MAX_MISREGISTRATION_ROTATION_DEG = 0.2

#: OpenCV's remapping works with 16-bit signed coordinates: no side of the capture may exceed this.
MAX_CAPTURE_SIDE = 32767

# Independent random streams: np.random.default_rng((seed, stream)).
_STREAM_CONDITIONS = 0
_STREAM_GEOMETRY = 1
_STREAM_MISREGISTRATION = 2
_STREAM_ILLUMINATION = 3
_STREAM_NOISE = 10  # + index of the light in LIGHTS

# Plausible surfaces under a document (RGB): dark mat, black, light grey, wood, blue mat, white paper.
_SURFACES: tuple[tuple[int, int, int], ...] = (
    (32, 32, 34),
    (12, 12, 14),
    (200, 200, 196),
    (92, 64, 44),
    (30, 52, 90),
    (235, 235, 230),
)

# Documented ranges of CaptureConditions, (low, high), both inclusive unless said otherwise.
_RANGES: dict[str, tuple[float, float]] = {
    "dpi": (150, 600),
    "rotation_deg": (-180.0, 180.0),  # low bound exclusive
    "perspective": (0.0, 0.08),
    "blur_sigma_px": (0.0, 3.0),
    "noise_sigma": (0.0, 12.0),
    "illumination": (0.0, 0.5),
    "jpeg_quality": (30, 95),
    "margin": (0.0, 0.5),
    "misregistration_px": (0.0, 4.0),
}


# --------------------------------------------------------------------------------------------------------------
# Validation helpers


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _check_int(name: str, value: object, low: int | None = None, high: int | None = None) -> int:
    if not _is_int(value):
        raise ValueError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    value = int(value)  # type: ignore[arg-type]
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else low
        hi = "inf" if high is None else high
        raise ValueError(f"{name} must be in [{lo}, {hi}], got {value}")
    return value


def _check_real(name: str, value: object, low: float, high: float, *, low_open: bool = False) -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise ValueError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if value > high or value < low or (low_open and value == low):
        bracket = "(" if low_open else "["
        raise ValueError(f"{name} must be in {bracket}{low}, {high}], got {value}")
    return value


# --------------------------------------------------------------------------------------------------------------
# Conditions


@dataclass(frozen=True)
class CaptureConditions:
    """How one set of lights of a document is captured.

    Parameters
    ----------
    dpi : int
        Capture resolution in dots per inch, 150 to 600.
    rotation_deg : float
        In-plane rotation of the document in the capture, in (-180, 180] degrees; positive turns the document
        counter-clockwise as displayed (the convention of ``cv2.getRotationMatrix2D``).
    perspective : float
        0 to 0.08: the largest displacement of each document corner, as a fraction of the document's diagonal
        at capture resolution (out-of-plane tilt of the document or the camera).
    blur_sigma_px : float
        Standard deviation of the Gaussian blur, in capture pixels, 0 to 3.
    noise_sigma : float
        Standard deviation of the sensor noise, in grey levels per channel, 0 to 12.
    illumination : float
        0 to 0.5: strength of the uneven illumination; the image is multiplied by a smooth field spanning
        ``[1 - illumination, 1]``.
    jpeg_quality : int or None
        ``None`` for a lossless capture, else the JPEG quality, 30 to 95.
    background_rgb : tuple of 3 int
        Colour of the surface around the document in visible light, each 0 to 255.
    margin : float
        0 to 0.5: border around the document, as a fraction of its (rotated) width and height, on each side.
    misregistration_px : float
        0 to 4: the largest shift, in capture pixels, of any document point between any two lights.

    Raises
    ------
    ValueError
        If a field has the wrong type or is outside its range.
    """

    dpi: int
    rotation_deg: float
    perspective: float
    blur_sigma_px: float
    noise_sigma: float
    illumination: float
    jpeg_quality: int | None
    background_rgb: tuple[int, int, int]
    margin: float
    misregistration_px: float

    def __post_init__(self) -> None:
        lo, hi = _RANGES["dpi"]
        values: dict[str, Any] = {"dpi": _check_int("dpi", self.dpi, int(lo), int(hi))}
        values["rotation_deg"] = _check_real("rotation_deg", self.rotation_deg, -180.0, 180.0, low_open=True)
        for name in ("perspective", "blur_sigma_px", "noise_sigma", "illumination", "margin", "misregistration_px"):
            lo, hi = _RANGES[name]
            values[name] = _check_real(name, getattr(self, name), lo, hi)
        if self.jpeg_quality is None:
            values["jpeg_quality"] = None
        else:
            lo, hi = _RANGES["jpeg_quality"]
            values["jpeg_quality"] = _check_int("jpeg_quality", self.jpeg_quality, int(lo), int(hi))
        rgb = self.background_rgb
        if isinstance(rgb, (str, bytes)) or not hasattr(rgb, "__len__") or len(rgb) != 3:
            raise ValueError(f"background_rgb must be three integers (R, G, B), got {rgb!r}")
        values["background_rgb"] = tuple(_check_int("background_rgb component", c, 0, 255) for c in rgb)
        for name, value in values.items():  # store plain Python types, so to_dict() is JSON-ready
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """Return the conditions as a JSON-ready dict (``background_rgb`` as a list).

        Examples
        --------
        >>> sample_conditions(seed=0, difficulty="easy").to_dict()["dpi"]
        300
        """
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["background_rgb"] = list(self.background_rgb)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaptureConditions:
        """Rebuild conditions from :meth:`to_dict` output.

        Raises
        ------
        ValueError
            If keys are missing or unknown, or a value is out of range.
        """
        names = [f.name for f in fields(cls)]
        missing = [n for n in names if n not in data]
        unknown = sorted(set(data) - set(names))
        if missing or unknown:
            raise ValueError(f"capture conditions: missing keys {missing}, unknown keys {unknown}")
        values = dict(data)
        values["background_rgb"] = tuple(values["background_rgb"])
        return cls(**values)


def _wrap_degrees(angle: float) -> float:
    """Wrap an angle to (-180, 180]."""
    wrapped = math.remainder(angle, 360.0)
    return 180.0 if wrapped <= -180.0 else wrapped


def sample_conditions(*, seed: int, difficulty: str = "normal") -> CaptureConditions:
    """Draw random, plausible capture conditions.

    Parameters
    ----------
    seed : int
        Non-negative seed; the same seed and difficulty always give the same conditions.
    difficulty : {"easy", "normal", "hard"}
        ``"easy"``: a workstation scan at 300 dpi, rotation within +-2 deg, no perspective, light blur and
        noise, lossless, margin about 0.05, misregistration up to 0.5 px.
        ``"normal"``: 200-400 dpi, rotation within +-8 deg, perspective up to 0.02, moderate blur and noise,
        JPEG quality 70-95 or lossless, misregistration up to 1.5 px.
        ``"hard"``: a phone shot at 150-600 dpi, rotation near 0, 90, 180 or 270 deg (+-15 deg), perspective
        up to 0.06, stronger blur, noise and uneven illumination, JPEG quality 30-80, misregistration up
        to 3 px.

    Returns
    -------
    CaptureConditions

    Raises
    ------
    ValueError
        If ``difficulty`` is unknown or ``seed`` is not a non-negative integer.
    """
    if not isinstance(difficulty, str) or difficulty not in DIFFICULTIES:
        choices = ", ".join(repr(d) for d in DIFFICULTIES)
        raise ValueError(f"unknown difficulty {difficulty!r}; choose one of {choices}")
    seed = _check_int("seed", seed, 0)
    rng = np.random.default_rng((seed, _STREAM_CONDITIONS))

    surface = np.array(_SURFACES[int(rng.integers(len(_SURFACES)))]) + rng.integers(-8, 9, size=3)
    background = tuple(int(c) for c in np.clip(surface, 0, 255))

    if difficulty == "easy":
        dpi = 300
        rotation = rng.uniform(-2.0, 2.0)
        perspective = 0.0
        blur = rng.uniform(0.0, 0.5)
        noise = rng.uniform(0.0, 2.0)
        illumination = rng.uniform(0.0, 0.1)
        jpeg: int | None = None
        margin = rng.uniform(0.04, 0.06)
        misregistration = rng.uniform(0.0, 0.5)
    elif difficulty == "normal":
        dpi = int(rng.integers(200, 401))
        rotation = rng.uniform(-8.0, 8.0)
        perspective = rng.uniform(0.0, 0.02)
        blur = rng.uniform(0.0, 1.2)
        noise = rng.uniform(1.0, 5.0)
        illumination = rng.uniform(0.0, 0.25)
        jpeg = None if rng.random() < 0.25 else int(rng.integers(70, 96))
        margin = rng.uniform(0.03, 0.15)
        misregistration = rng.uniform(0.0, 1.5)
    else:  # hard
        dpi = int(rng.integers(150, 601))
        rotation = _wrap_degrees(90.0 * int(rng.integers(4)) + rng.uniform(-15.0, 15.0))
        perspective = rng.uniform(0.0, 0.06)
        blur = rng.uniform(0.5, 3.0)
        noise = rng.uniform(3.0, 12.0)
        illumination = rng.uniform(0.1, 0.5)
        jpeg = int(rng.integers(30, 81))
        margin = rng.uniform(0.0, 0.3)
        misregistration = rng.uniform(0.0, 3.0)

    return CaptureConditions(
        dpi=dpi,
        rotation_deg=float(rotation),
        perspective=float(perspective),
        blur_sigma_px=float(blur),
        noise_sigma=float(noise),
        illumination=float(illumination),
        jpeg_quality=jpeg,
        background_rgb=background,  # type: ignore[arg-type]
        margin=float(margin),
        misregistration_px=float(misregistration),
    )


# --------------------------------------------------------------------------------------------------------------
# Result


@dataclass(frozen=True)
class Capture:
    """A simulated capture of one document in one or more lights.

    Attributes
    ----------
    images : dict of str to ndarray
        Per light, the captured ``(H, W, 3)`` uint8 RGB image; all lights have the same size.
    homographies : dict of str to ndarray
        Per light, the exact 3x3 float64 homography mapping document (reference) pixel coordinates
        ``(x, y, 1)`` to capture pixel coordinates (normalised so that ``h[2, 2] == 1``).
    conditions : CaptureConditions
        The conditions the capture was made under.
    """

    images: dict[str, np.ndarray]
    homographies: dict[str, np.ndarray]
    conditions: CaptureConditions


def apply_homography(homography: np.ndarray, points: Any) -> np.ndarray:
    """Map points through a homography.

    Parameters
    ----------
    homography : (3, 3) array_like
        The homography, e.g. ``Capture.homographies["uv"]``.
    points : (N, 2) or (2,) array_like
        Points ``(x, y)``.

    Returns
    -------
    ndarray of float64
        The mapped points, same shape as ``points``.

    Raises
    ------
    ValueError
        If the shapes are wrong or a point maps to infinity.

    Examples
    --------
    >>> apply_homography(np.diag([2.0, 2.0, 1.0]), [1.0, 3.0])
    array([2., 6.])
    """
    h = np.asarray(homography, dtype=np.float64)
    if h.shape != (3, 3):
        raise ValueError(f"homography must be 3x3, got shape {h.shape}")
    pts = np.asarray(points, dtype=np.float64)
    single = pts.ndim == 1
    pts = np.atleast_2d(pts)
    if pts.ndim != 2 or pts.shape[1] != 2:
        raise ValueError(f"points must have shape (N, 2) or (2,), got {np.shape(points)}")
    w = pts @ h[2, :2] + h[2, 2]
    if np.any(np.abs(w) < 1e-12):
        raise ValueError("a point maps to infinity under this homography")
    out = (pts @ h[:2, :2].T + h[:2, 2]) / w[:, None]
    return out[0] if single else out


# --------------------------------------------------------------------------------------------------------------
# Geometry


def _homography_from_points(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The homography mapping four points ``src`` exactly onto ``dst`` (float64, ``h[2, 2] == 1``)."""
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(src, dst, strict=True)):
        a[2 * i] = (x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y)
        a[2 * i + 1] = (0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y)
        b[2 * i], b[2 * i + 1] = u, v
    return np.append(np.linalg.solve(a, b), 1.0).reshape(3, 3)


def _translation(tx: float, ty: float) -> np.ndarray:
    return np.array([[1.0, 0.0, tx], [0.0, 1.0, ty], [0.0, 0.0, 1.0]])


def _rotation(angle_deg: float, scale: float = 1.0) -> np.ndarray:
    """Rotation about the origin, positive counter-clockwise as displayed (y down), as cv2.getRotationMatrix2D."""
    t = math.radians(angle_deg)
    c, s = scale * math.cos(t), scale * math.sin(t)
    return np.array([[c, s, 0.0], [-s, c, 0.0], [0.0, 0.0, 1.0]])


def _orientation(quad: np.ndarray) -> int:
    """+1 or -1 if a quadrilateral (4, 2), in order, is strictly convex with that turning sense, else 0."""
    edges = np.roll(quad, -1, axis=0) - quad
    following = np.roll(edges, -1, axis=0)
    cross = edges[:, 0] * following[:, 1] - edges[:, 1] * following[:, 0]
    return 1 if np.all(cross > 0) else -1 if np.all(cross < 0) else 0


def _document_geometry(
    width: int, height: int, conditions: CaptureConditions, scale: float, seed: int
) -> tuple[np.ndarray, int, int]:
    """Homography from document to capture coordinates of the visible light, and the capture size."""
    corners = np.array([[-0.5, -0.5], [width - 0.5, -0.5], [width - 0.5, height - 0.5], [-0.5, height - 0.5]])
    centre = ((width - 1) / 2.0, (height - 1) / 2.0)
    similarity = _rotation(conditions.rotation_deg, scale) @ _translation(-centre[0], -centre[1])
    placed = apply_homography(similarity, corners)

    geometry = similarity
    if conditions.perspective > 0:
        rng = np.random.default_rng((seed, _STREAM_GEOMETRY))
        reach = conditions.perspective * scale * math.hypot(width, height)
        angles = rng.uniform(0.0, 2.0 * math.pi, size=4)
        radii = reach * np.sqrt(rng.random(4))
        jitter = radii[:, None] * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        sense = _orientation(placed)
        for _ in range(8):  # very elongated documents: shrink the jitter until the outline stays convex
            if _orientation(placed + jitter) == sense:
                break
            jitter = jitter / 2.0
        else:
            jitter = np.zeros_like(jitter)
        if np.any(jitter):
            placed = placed + jitter
            geometry = _homography_from_points(corners, placed)

    low, high = placed.min(axis=0), placed.max(axis=0)
    extent = high - low
    pad = conditions.margin * extent + conditions.misregistration_px  # room for every light's document
    out_w, out_h = (int(math.ceil(v - 1e-9)) for v in extent + 2.0 * pad)
    out_w, out_h = max(out_w, 1), max(out_h, 1)
    if max(out_w, out_h) > MAX_CAPTURE_SIDE:
        raise ValueError(
            f"the capture would be {out_w}x{out_h} pixels, more than {MAX_CAPTURE_SIDE} on a side; "
            "lower the dpi or the margin, or raise reference_dpi if the document is rendered at a higher one"
        )
    # Centre the document's bounding box on the canvas; the canvas spans [-0.5, out - 0.5].
    shift = (np.array([out_w, out_h]) - extent) / 2.0 - 0.5 - low
    homography = _translation(*shift) @ geometry
    return homography / homography[2, 2], out_w, out_h


def _misregistrations(
    outline: np.ndarray, out_w: int, out_h: int, limit: float, seed: int
) -> dict[str, np.ndarray]:
    """Per light, a small rigid motion of the capture (3x3) moving no document point more than ``limit`` from
    where it lands in any other light. ``outline`` is the document's corners in the visible capture.

    Drawn for every light, whichever are captured, so a light's geometry does not depend on the others.
    """
    motions = {light: np.eye(3) for light in LIGHTS}
    if limit <= 0:
        return motions
    rng = np.random.default_rng((seed, _STREAM_MISREGISTRATION))
    cx, cy = (out_w - 1) / 2.0, (out_h - 1) / 2.0
    reach = float(np.max(np.hypot(outline[:, 0] - cx, outline[:, 1] - cy)))
    # A rotation moves points by at most angle * radius: keep its share to a quarter of the budget.
    max_angle = min(MAX_MISREGISTRATION_ROTATION_DEG, math.degrees(0.25 * limit / max(reach, 1.0)))
    placed = {Light.VISIBLE: outline}
    for light in LIGHTS[1:]:
        for _ in range(200):  # rejection sampling; accepts within a few draws
            direction = rng.uniform(0.0, 2.0 * math.pi)
            radius = limit * math.sqrt(rng.random())
            angle = rng.uniform(-max_angle, max_angle)
            motion = (
                _translation(radius * math.cos(direction), radius * math.sin(direction))
                @ _translation(cx, cy)
                @ _rotation(angle)
                @ _translation(-cx, -cy)
            )
            moved = apply_homography(motion, outline)
            # The shift between two rigid motions is affine, so its largest size over the (convex) document
            # is at a corner.
            if all(np.max(np.hypot(*(moved - other).T)) <= limit for other in placed.values()):
                motions[light] = motion
                placed[light] = moved
                break
        else:  # practically unreachable; stay registered rather than break the bound
            placed[light] = outline
    return motions


# --------------------------------------------------------------------------------------------------------------
# Photometry


@lru_cache(maxsize=1)
def _gaussian_table() -> np.ndarray:
    """The 256 equiprobable quantiles of the standard normal distribution, scaled to unit variance, as a
    (1, 256) float32 table for ``cv2.LUT``.

    Looking uniform random bytes up in it gives a 256-level approximation of Gaussian noise (exact variance,
    tails cut at about 2.9 sigma) several times faster than drawing normals.
    """
    dist = NormalDist()
    half = np.array([dist.inv_cdf((k + 0.5) / 256.0) for k in range(128)])
    table = np.concatenate([half, -half[::-1]])
    table = (table / math.sqrt(float(np.mean(table**2)))).astype(np.float32).reshape(1, 256)
    table.flags.writeable = False
    return table


def _illumination_field(out_w: int, out_h: int, strength: float, seed: int) -> np.ndarray:
    """A smooth field within ``[1 - strength, 1]``: a linear gradient mixed with an off-centre vignette.

    Evaluated on a grid 8 times coarser and enlarged bilinearly (a convex combination, so the range holds).
    """
    rng = np.random.default_rng((seed, _STREAM_ILLUMINATION))
    direction = rng.uniform(0.0, 2.0 * math.pi)
    mix = rng.uniform(0.2, 0.8)
    centre = rng.uniform(0.3, 0.7, size=2) * (out_w, out_h)
    norm = float(max(out_w, out_h))
    small_w, small_h = max(2, -(-out_w // 8)), max(2, -(-out_h // 8))
    # Capture coordinates of the coarse grid's pixel centres, as cv2.resize sees them.
    x = (((np.arange(small_w) + 0.5) * (out_w / small_w) - 0.5 - centre[0]) / norm)[None, :]
    y = (((np.arange(small_h) + 0.5) * (out_h / small_h) - 0.5 - centre[1]) / norm)[:, None]
    darkening = mix * (x * math.cos(direction) + y * math.sin(direction)) + (1.0 - mix) * (x * x + y * y)
    low, high = float(darkening.min()), float(darkening.max())
    span = high - low if high > low else 1.0
    small = (1.0 - strength * (darkening - low) / span).astype(np.float32)
    return cv2.resize(small, (out_w, out_h), interpolation=cv2.INTER_LINEAR)


def _photometry(
    image: np.ndarray,
    conditions: CaptureConditions,
    field: np.ndarray | None,
    noise_rng: np.random.Generator,
) -> np.ndarray:
    """Uneven illumination, blur, noise, clip and JPEG round trip, in that order."""
    if field is not None or conditions.blur_sigma_px > 0 or conditions.noise_sigma > 0:
        if field is not None:
            work = np.multiply(image, field[:, :, None], dtype=np.float32)
        else:
            work = image.astype(np.float32)
        if conditions.blur_sigma_px > 0:
            sigma = conditions.blur_sigma_px
            work = cv2.GaussianBlur(work, (0, 0), sigmaX=sigma, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)
        if conditions.noise_sigma > 0:
            index = noise_rng.integers(0, 256, size=image.shape, dtype=np.uint8)
            cv2.scaleAdd(cv2.LUT(index, _gaussian_table()), conditions.noise_sigma, work, dst=work)
        np.clip(work, 0.0, 255.0, out=work)
        np.rint(work, out=work)
        image = work.astype(np.uint8)
    if conditions.jpeg_quality is not None:
        ok, encoded = cv2.imencode(
            ".jpg", cv2.cvtColor(image, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, conditions.jpeg_quality]
        )
        if not ok:  # pragma: no cover - OpenCV fails only on impossible sizes
            raise RuntimeError("OpenCV could not JPEG-encode the capture")
        image = cv2.cvtColor(cv2.imdecode(encoded, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    return image


# --------------------------------------------------------------------------------------------------------------
# Capture


def _validate_images(images: object) -> tuple[int, int]:
    if not isinstance(images, Mapping):
        raise TypeError(f"images must be a mapping of light name to image, got {type(images).__name__}")
    if not images:
        raise ValueError(f"images is empty; give at least one of the lights {', '.join(LIGHTS)}")
    unknown = [name for name in images if name not in LIGHTS]
    if unknown:
        raise ValueError(f"unknown light name(s) {unknown}; the lights are {', '.join(LIGHTS)}")
    shape = None
    for name, image in images.items():
        if not isinstance(image, np.ndarray):
            raise TypeError(f"images[{name!r}] must be a numpy array, got {type(image).__name__}")
        if image.dtype != np.uint8:
            raise ValueError(f"images[{name!r}] must have dtype uint8, got {image.dtype}")
        if image.ndim != 3 or image.shape[2] != 3:
            raise ValueError(f"images[{name!r}] must be an (H, W, 3) RGB image, got shape {image.shape}")
        if image.shape[0] < 2 or image.shape[1] < 2:
            raise ValueError(f"images[{name!r}] must be at least 2x2 pixels, got shape {image.shape}")
        if shape is None:
            shape = image.shape
        elif image.shape != shape:
            raise ValueError(f"all lights must have the same shape; got {shape} and {image.shape} ({name!r})")
    assert shape is not None
    return int(shape[1]), int(shape[0])


def capture(
    images: Mapping[str, np.ndarray],
    conditions: CaptureConditions,
    *,
    reference_dpi: int = 300,
    seed: int = 0,
) -> Capture:
    """Simulate the capture of a flat document rendered in one or more lights.

    The document is scaled by ``conditions.dpi / reference_dpi``, rotated about its centre, its corners
    jittered for perspective, and placed centred on a background with ``conditions.margin`` (plus room for
    the misregistration) around its bounding box. Every light other than visible is then moved by its own
    small translation and rotation (at most ``MAX_MISREGISTRATION_ROTATION_DEG``), so that no document point
    lands more than ``conditions.misregistration_px`` from where it lands in any other light. Each light is
    warped once (``cv2.warpPerspective``, bilinear, after a Gaussian anti-aliasing filter when the capture is
    coarser than the reference) over its own background (see :data:`BACKGROUNDS`), then unevenly lit, blurred,
    made noisy, clipped and JPEG-compressed.

    Parameters
    ----------
    images : mapping of str to ndarray
        A non-empty subset of :data:`LIGHTS`, each an ``(H, W, 3)`` uint8 RGB rendering at ``reference_dpi``,
        all of the same shape and registering exactly.
    conditions : CaptureConditions
        How to capture, e.g. from :func:`sample_conditions`.
    reference_dpi : int, optional
        Resolution of the renderings, 72 to 2400.
    seed : int, optional
        Non-negative seed of the perspective, misregistration, illumination and noise.

    Returns
    -------
    Capture
        The images and the exact document-to-capture homography of each given light. A light's geometry does
        not depend on which other lights are given.

    Raises
    ------
    TypeError
        If ``images`` is not a mapping of arrays or ``conditions`` is not a :class:`CaptureConditions`.
    ValueError
        If a light name is unknown, the images are not uint8 ``(H, W, 3)`` of one shape, ``reference_dpi`` or
        ``seed`` is out of range, or the capture would be too large for OpenCV.

    Notes
    -----
    The same inputs and seed give byte-identical images on the same platform and library versions. The lights
    are processed on up to three threads (a local pool; no global setting is touched). Sensor noise is drawn
    from a 256-level equiprobable approximation of the normal distribution (exact variance, tails cut at about
    2.9 sigma), independently per pixel and channel.
    """
    width, height = _validate_images(images)
    if not isinstance(conditions, CaptureConditions):
        raise TypeError(f"conditions must be a CaptureConditions, got {type(conditions).__name__}")
    reference_dpi = _check_int("reference_dpi", reference_dpi, 72, 2400)
    seed = _check_int("seed", seed, 0)

    scale = conditions.dpi / reference_dpi
    visible, out_w, out_h = _document_geometry(width, height, conditions, scale, seed)
    corners = np.array([[-0.5, -0.5], [width - 0.5, -0.5], [width - 0.5, height - 0.5], [-0.5, height - 0.5]])
    motions = _misregistrations(
        apply_homography(visible, corners), out_w, out_h, conditions.misregistration_px, seed
    )

    # Coarser than the reference: low-pass the rendering first, or bilinear sampling would alias fine print.
    # The Gaussian takes the reference's own pixel blur (sigma about 0.5 px) to that of the capture (0.5 capture
    # px); being symmetric it moves no feature's centroid, so one warp from the reference stays exact.
    # (cv2.warpPerspective has no INTER_AREA, and an INTER_AREA resize by a fractional ratio costs several
    # times the warp.)
    antialias = 0.5 * math.sqrt(1.0 / scale**2 - 1.0) if scale < 1.0 else 0.0

    field = None
    if conditions.illumination > 0:
        field = _illumination_field(out_w, out_h, conditions.illumination, seed)

    if conditions.noise_sigma > 0:
        _gaussian_table()  # fill the cache before the threads need it

    def capture_light(index: int, light: str) -> tuple[np.ndarray, np.ndarray]:
        homography = motions[light] @ visible
        homography = homography / homography[2, 2]
        source = np.ascontiguousarray(images[light])
        if antialias > 0.1:
            source = cv2.GaussianBlur(source, (0, 0), sigmaX=antialias, sigmaY=antialias)
        background = conditions.background_rgb if light == Light.VISIBLE else BACKGROUNDS[light]
        warped = cv2.warpPerspective(
            source,
            np.linalg.inv(homography),
            (out_w, out_h),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=tuple(float(c) for c in background),
        )
        noise_rng = np.random.default_rng((seed, _STREAM_NOISE + index))
        return _photometry(warped, conditions, field, noise_rng), homography

    # The lights are independent (own noise stream, shared read-only geometry and field), so they run on
    # threads: numpy and OpenCV release the GIL, and the result does not depend on the scheduling.
    todo = [(index, light) for index, light in enumerate(LIGHTS) if light in images]
    workers = min(len(todo), os.cpu_count() or 1)
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="docexam-capture") as pool:
            results = list(pool.map(lambda job: capture_light(*job), todo))
    else:
        results = [capture_light(*job) for job in todo]
    captured = {light: result[0] for (_, light), result in zip(todo, results, strict=True)}
    homographies = {light: result[1] for (_, light), result in zip(todo, results, strict=True)}
    return Capture(images=captured, homographies=homographies, conditions=conditions)
