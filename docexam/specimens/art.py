"""Security-printing artwork for synthetic specimen documents, drawn as ink coverage masks.

The specimen renderer composites "inks" through coverage masks: float32 ``(H, W)`` arrays in ``[0, 1]`` giving
how much of each pixel an ink covers. This module draws the artwork of a security-printed background as such
masks: guilloche line work in eight styles (:func:`guilloche`), a standalone guilloche medallion
(:func:`rosette`), a bordered frame (:func:`frame`), a national-emblem-like motif (:func:`emblem`), security
fibres (:func:`fibres`), a microtext line (:func:`microtext`, and in any script :func:`microtext_line`),
TrueType/OpenType text such as the MRZ (:func:`text_mask`), a laser-perforated number (:func:`perforation_mask`)
and laser-engraved text with its relief (:func:`engraved_mask`); :func:`rainbow` gives the one colour field, an
iris (split-duct) printed background.

Conventions
-----------
* ``shape`` is ``(height, width)`` in pixels; every size is in pixels (the caller converts millimetres).
* Geometry uses OpenCV's pixel convention: the centre of pixel ``(row, col)`` is the point ``(x=col, y=row)``.
* Everything random comes from ``np.random.default_rng(seed)``: the same arguments give the same array.
* Lines are anti-aliased (``cv2.LINE_AA`` with 1/16 px sub-pixel coordinates) and carry about the ink of
  their nominal width: OpenCV's anti-aliased lines only come in coarse widths (about 1.35, 3.4, 5.4, ... px
  of ink across), so thinner lines are drawn with proportionally less intensity, lines of about 1.7 to
  2.5 px as two thin lines side by side, and wider ones with the nearest thickness (see ``_stroke_plan``).
* Arguments are checked before any work and bad ones raise :class:`ValueError` naming the argument.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

import cv2
import numpy as np

__all__ = [
    "emblem", "engraved_mask", "fibres", "frame", "guilloche", "microtext", "microtext_line", "perforation_mask", "rainbow",
    "rosette", "text_mask",
]

GUILLOCHE_STYLES = ("rosette", "waves", "mesh", "spirograph", "lattice", "concentric", "moire", "radial")
#: The per-design options each :func:`guilloche` style takes besides ``line_width_px``, ``density``/``spacing_px``.
GUILLOCHE_OPTIONS: dict[str, tuple[str, ...]] = {
    "rosette": (),
    "waves": (),
    "mesh": (),
    "spirograph": ("petals", "amplitude", "frequency"),
    "lattice": ("amplitude", "frequency", "angle_deg"),
    "concentric": ("centre", "petals", "amplitude"),
    "moire": ("amplitude", "frequency", "angle_deg"),
    "radial": ("centre", "amplitude", "frequency"),
}
EMBLEM_KINDS = ("seal", "star", "shield", "sun", "wreath", "crown", "eagle", "mountain", "key", "tower")
#: Colour families of :func:`fibres` (labels ``1..FIBRE_FAMILIES``).
FIBRE_FAMILIES = 3
#: Largest accepted side of ``shape`` in pixels (a 125 mm page at 3000 dpi is about 14800 px).
MAX_SIDE = 16384

_SHIFT = 4  # fractional bits of the sub-pixel coordinates handed to OpenCV
_ONE = 1 << _SHIFT
#: Ink-equivalent width (integral across the line) of a thickness-1 ``cv2.LINE_AA`` line, in pixels.
_AA_THIN_WIDTH = 1.35
#: A thick ``cv2.LINE_AA`` line of even thickness ``t`` carries about ``t + 1.4`` px of ink across.
_AA_THICK_EXTRA = 1.4
#: Lines drawn thin at full intensity may carry this much less ink than asked (1.35 px for 1.69 px).
_MIN_WIDTH_RATIO = 0.8
#: Two thin anti-aliased lines ``d`` px apart (d <= 1.35) carry about ``1.62 + 0.68 d`` px of ink across.
_DOUBLE_BASE, _DOUBLE_SLOPE, _DOUBLE_MAX_OFFSET = 1.62, 0.68, 1.35
_DOUBLE_MAX = _DOUBLE_BASE + _DOUBLE_SLOPE * _DOUBLE_MAX_OFFSET
#: Cap height of ``cv2.FONT_HERSHEY_SIMPLEX`` at ``fontScale=1``, measured between stroke centres, in pixels.
_HERSHEY_CAP = 20.8
_MICROTEXT_SS = 4  # supersampling of the microtext strip
_MICROTEXT_MAX = 256  # largest cap height of "micro" text, px


# --------------------------------------------------------------------------------------------------------------
# Argument checks
# --------------------------------------------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _check_shape(shape: object, *, min_side: int = 1) -> tuple[int, int]:
    try:
        items: tuple[Any, ...] = tuple(shape)  # type: ignore[arg-type]  # any iterable; refused below if not
    except TypeError:
        raise ValueError(f"shape must be a (height, width) pair of ints, got {shape!r}") from None
    if len(items) != 2 or not all(_is_int(v) for v in items):
        raise ValueError(f"shape must be a (height, width) pair of ints, got {shape!r}")
    h, w = int(items[0]), int(items[1])
    if not (min_side <= h <= MAX_SIDE and min_side <= w <= MAX_SIDE):
        raise ValueError(f"shape sides must be between {min_side} and {MAX_SIDE} pixels, got {shape!r}")
    return h, w


def _check_seed(seed: object) -> int:
    if not _is_int(seed) or int(seed) < 0:  # type: ignore[call-overload]
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    return int(seed)  # type: ignore[call-overload]


def _check_positive(name: str, value: object, *, maximum: float = math.inf) -> float:
    number = float(value) if _is_real(value) else math.nan  # type: ignore[arg-type]
    if not (math.isfinite(number) and 0 < number <= maximum):
        bound = f" and at most {maximum:g}" if math.isfinite(maximum) else ""
        raise ValueError(f"{name} must be a finite number greater than 0{bound}, got {value!r}")
    return number


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(map(repr, choices))}")
    return str(value)


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("text must contain at least one visible character, got an empty or blank string")
    if any(not c.isprintable() for c in text):
        raise ValueError(f"text must be a single line of printable characters, got {text!r}")
    return text


# --------------------------------------------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------------------------------------------


def _aa_width(thickness: int) -> float:
    """Ink width (integral across the line) of a ``cv2.LINE_AA`` line of the given even (or 1) thickness."""
    return _AA_THIN_WIDTH if thickness == 1 else thickness + _AA_THICK_EXTRA


def _thickness(width: float) -> tuple[int, float]:
    """The OpenCV thickness whose anti-aliased ink width is nearest ``width`` (by ratio), and that ink width."""
    if width <= _AA_THIN_WIDTH:
        return 1, _AA_THIN_WIDTH
    above = max(2, 2 * math.ceil((width - _AA_THICK_EXTRA) / 2))
    below = above - 2 if above > 2 else 1
    best = min((below, above), key=lambda t: abs(math.log(_aa_width(t) / width)))
    return best, _aa_width(best)


def _stroke_plan(width: float) -> tuple[int, float, float]:
    """How to draw an anti-aliased line carrying ``width`` px of ink across: (thickness, intensity, offset).

    OpenCV's anti-aliased lines come in coarse ink widths (about 1.35, 3.4, 5.4, ... px). Lines up to 1.35 px
    are drawn thin with proportionally lower intensity, and up to 1.69 px thin at full intensity; lines of
    1.69 to 2.54 px as two thin lines ``offset`` apart (their union carries about ``1.62 + 0.68 * offset`` px);
    wider ones with the thickness of nearest ink width, which is then within -21%/+33%, with the intensity
    lowered when it is too wide.
    """
    if width <= _AA_THIN_WIDTH / _MIN_WIDTH_RATIO:
        return 1, min(1.0, width / _AA_THIN_WIDTH), 0.0
    if width <= _DOUBLE_MAX:
        return 1, 1.0, min(_DOUBLE_MAX_OFFSET, max(0.0, (width - _DOUBLE_BASE) / _DOUBLE_SLOPE))
    thickness, drawn = _thickness(width)
    return thickness, min(1.0, width / drawn), 0.0


def _fixed(points: np.ndarray) -> np.ndarray:
    """Pixel coordinates (cv2 convention) as OpenCV fixed-point int32."""
    return np.rint(points * _ONE).astype(np.int32)


def _draw_lines(
    shape: tuple[int, int], curves: Sequence[np.ndarray], width: float, *, closed: bool = False
) -> np.ndarray:
    """Coverage mask of polylines drawn anti-aliased with ink width ``width``.

    ``curves`` holds batches of polylines: arrays of shape ``(n, 2)`` (one polyline of x, y vertices) or
    ``(m, n, 2)`` (``m`` polylines of ``n`` vertices each).
    """
    return _to_mask(_draw_lines_u8(shape, curves, width, closed=closed))


def _draw_lines_u8(
    shape: tuple[int, int], curves: Sequence[np.ndarray], width: float, *, closed: bool = False
) -> np.ndarray:
    """:func:`_draw_lines` as a uint8 canvas (255 = full coverage)."""
    thickness, gain, offset = _stroke_plan(width)
    canvas = np.zeros(shape, np.uint8)
    pts: list[np.ndarray] = []
    for batch in curves:
        arr = np.asarray(batch, np.float64)
        if arr.ndim == 2:
            arr = arr[None]
        if arr.shape[0] == 0 or arr.shape[1] < 2:
            continue
        if offset:  # two copies, shifted +-offset/2 along the normals
            tangent = np.gradient(arr, axis=1)
            normal = np.stack([-tangent[..., 1], tangent[..., 0]], axis=-1)
            normal *= (offset / 2) / np.maximum(np.hypot(normal[..., :1], normal[..., 1:]), 1e-9)
            pts.extend(_fixed(arr + normal))
            pts.extend(_fixed(arr - normal))
        else:
            pts.extend(_fixed(arr))
    if pts:
        cv2.polylines(canvas, pts, closed, int(round(255 * gain)), thickness, cv2.LINE_AA, _SHIFT)
    return canvas


def _to_mask(canvas: np.ndarray) -> np.ndarray:
    mask = canvas.astype(np.float32)
    mask *= np.float32(1 / 255)
    return mask


def _fill(canvas: np.ndarray, contours: Sequence[np.ndarray], value: int = 255) -> None:
    """Fill polygons (even-odd over all ``contours``, so an inner contour makes a hole) anti-aliased."""
    cv2.fillPoly(canvas, [_fixed(np.asarray(c, np.float64)) for c in contours], value, cv2.LINE_AA, _SHIFT)


def _circle(cx: float, cy: float, r: float, n: int | None = None) -> np.ndarray:
    if n is None:
        n = int(np.clip(2 * math.pi * r / 2.0, 24, 2048))
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=-1)


def _star(cx: float, cy: float, r_out: float, r_in: float, points: int, rotation: float = -math.pi / 2) -> np.ndarray:
    """A star polygon with ``points`` tips, the first at angle ``rotation`` (default: pointing up)."""
    k = np.arange(2 * points)
    ang = rotation + k * math.pi / points
    rad = np.where(k % 2 == 0, r_out, r_in)
    return np.stack([cx + rad * np.cos(ang), cy + rad * np.sin(ang)], axis=-1)


def _ring(canvas: np.ndarray, cx: float, cy: float, r_in: float, r_out: float, value: int = 255) -> None:
    _fill(canvas, [_circle(cx, cy, r_out), _circle(cx, cy, r_in)], value)


def _symmetric_angles(n: int, half_offset: bool) -> np.ndarray:
    """``n`` equally spaced angles, one on (or straddling) the top, so the set is mirror-symmetric left-right."""
    return -math.pi / 2 + (np.arange(n) + (0.5 if half_offset else 0.0)) * (2 * math.pi / n)


def _samples(length: float, step: float = 2.0, minimum: int = 8) -> int:
    return max(minimum, int(math.ceil(length / step)) + 1)


# --------------------------------------------------------------------------------------------------------------
# Guilloche
# --------------------------------------------------------------------------------------------------------------

#: Nominal line spacing at density 1, in multiples of the line width (the area per unit of line length),
#: tuned so that the mean coverage at density 1 is about 0.11 to 0.14 for every style.
_GUILLOCHE_SPACING = {
    "rosette": 5.5, "waves": 4.0, "mesh": 6.0,
    "spirograph": 5.5, "lattice": 6.0, "concentric": 7.0, "moire": 6.0, "radial": 6.5,
}
#: Lines are never spaced closer than this (px): thinner lines saturate instead of multiplying without bound.
_MIN_SPACING = 0.5


def guilloche(
    shape: tuple[int, int],
    *,
    seed: int,
    line_width_px: float = 1.0,
    density: float = 1.0,
    style: str = "rosette",
    spacing_px: float | None = None,
    centre: tuple[float, float] | None = None,
    petals: int | None = None,
    amplitude: float | None = None,
    frequency: float | None = None,
    angle_deg: float | None = None,
) -> np.ndarray:
    """Draw a guilloche: fine, interlaced line work of the kind printed on banknote and passport backgrounds.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels.
    seed : int
        Seed of the pattern (lobe counts, wavelengths, phases); a non-negative int.
    line_width_px : float, optional
        Ink width of the lines in pixels, in ``(0, 50]``.
    density : float, optional
        Scales the number of lines, between 0.2 and 4. The line spacing is proportional to
        ``line_width_px / density`` (but at least 0.5 px), so the coverage does not depend on the resolution
        when the line width is scaled with it; the pattern's own features (ring and band widths,
        wavelengths) are proportional to the area.
    style : str, optional
        One of :data:`GUILLOCHE_STYLES`. ``"rosette"``: a spirograph flower centred in the area, surrounded by
        concentric rings (braids of phase-shifted waves or chains of loops) out to the corners; ``"waves"``:
        bands of phase-shifted sine curves, separated by narrow gaps, across the whole area along its longer
        side; ``"mesh"``: two families of wavy lines crossing at an angle; ``"spirograph"``: overlapping
        medallions of rotated hypotrochoids or epitrochoids on a staggered grid; ``"lattice"``: two families of
        sine curves in counter-phase, crossing in a net of lens-shaped cells; ``"concentric"``: lobed rings
        around a centre anywhere (also off the area), each ring's lobes turned a little from its neighbour's,
        so that they drift into spiral arms; ``"moire"``: two fields of gently wavy parallel lines a few degrees
        apart, beating into broad moire bands; ``"radial"``: a sunburst of wavy rays from a centre, new rays
        starting where the spacing doubles so that the density stays even.
    spacing_px : float, optional
        Distance between neighbouring lines in pixels, in ``(0, 16384]``, instead of the spacing the density
        gives (then ``density`` must stay 1). Every style takes it.
    centre : tuple of float, optional
        ``(x, y)`` of the pattern's centre as fractions of the width and height, each in ``[-1, 2]`` (outside
        ``[0, 1]``: off the area). Styles ``"concentric"`` and ``"radial"``.
    petals : int, optional
        ``"spirograph"``: petals of each medallion, 3 to 24; ``"concentric"``: lobes per ring, 0 to 64
        (0: plain circles).
    amplitude : float, optional
        Depth of the modulation, in ``[0, 1]`` (0: none; the natural maximum of the style at 1):
        ``"spirograph"`` the inner circle's share of the medallion, ``"lattice"`` and ``"moire"`` the height
        of the waves (relative to their wavelength), ``"concentric"`` the lobes' depth, ``"radial"`` the rays'
        sideways swing.
    frequency : float, optional
        In ``(0, 100]``: ``"spirograph"`` medallions along the longer side, ``"lattice"`` and ``"moire"``
        waves along the longer side, ``"radial"`` swings along a ray.
    angle_deg : float, optional
        ``"lattice"``: tilt of the net from the horizontal, in ``[-90, 90]``; ``"moire"``: the angle between
        the two line fields, in ``(0, 30]`` (the moire bands are the wider the smaller it is).

    Options a style does not take raise :class:`ValueError`; the ones it takes but are not given are drawn
    from the seed (as if none were given: giving one does not change the others).

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``. At density 1 the mean is about 0.11 to 0.14 over page-sized areas (up to
        about 0.3 for a rosette in a narrow strip); it grows with the density (about 0.4 at density 4).

    Raises
    ------
    ValueError
        If ``shape``, ``seed``, ``line_width_px``, ``density``, ``spacing_px`` or ``style`` is invalid, or
        an option is invalid or not one the style takes.
    """
    h, w = _check_shape(shape)
    seed = _check_seed(seed)
    width = _check_positive("line_width_px", line_width_px, maximum=50)
    if not _is_real(density) or not 0.2 <= float(density) <= 4:
        raise ValueError(f"density must be a number between 0.2 and 4, got {density!r}")
    style = _check_choice("style", style, GUILLOCHE_STYLES)
    options = _check_pattern_options(
        style, centre=centre, petals=petals, amplitude=amplitude, frequency=frequency, angle_deg=angle_deg
    )
    if spacing_px is None:
        spacing = max(_MIN_SPACING, _GUILLOCHE_SPACING[style] * width / float(density))
    else:
        if float(density) != 1:
            raise ValueError(f"give either density or spacing_px, not both (density={density!r})")
        spacing = max(_MIN_SPACING, _check_positive("spacing_px", spacing_px, maximum=MAX_SIDE))
    rng = np.random.default_rng(seed)
    if style in _GUILLOCHE_BUILDERS:
        curves, closed = _GUILLOCHE_BUILDERS[style](h, w, spacing, rng)
    else:
        curves, closed = _PATTERN_BUILDERS[style](h, w, spacing, rng, options)
    return _draw_lines((h, w), curves, width, closed=closed)


def _rosette_curves(h: int, w: int, spacing: float, rng: np.random.Generator) -> tuple[list[np.ndarray], bool]:
    cx, cy = (w - 1) / 2, (h - 1) / 2
    half_min = min(h, w) / 2
    r_reach = math.hypot(w, h) / 2 + spacing  # the rings reach the corners
    curves: list[np.ndarray] = []

    def add(z: np.ndarray) -> None:
        curves.append(np.stack([cx + z.real, cy + z.imag], axis=-1))

    def copies_for(area: float, length: float) -> int:
        return max(1, int(round(area / (spacing * length))))

    # The central flower: rotated copies of the spirograph curve z(t) = a e^{it} + b e^{ikt}, whose |k - 1|
    # petals loop in towards the centre (k < 0: pointed, hypotrochoid; k > 1: round, epitrochoid).
    r_core = half_min * rng.uniform(0.5, 0.68)
    petals = int(rng.integers(6, 15))
    k = -(petals - 1) if rng.random() < 0.5 else petals + 1
    ratio = rng.uniform(0.5, 0.8)
    a = r_core / (1 + ratio)
    b = a * ratio
    # Sparse patterns (small areas, low density) get fewer petals, so that at least two copies interlace.
    fit = int(r_core**2 / (4 * spacing * b))
    if abs(k) > max(4, fit):
        petals = max(3, fit - 1)
        k = -(petals - 1) if k < 0 else petals + 1
    length = 2 * math.pi * math.hypot(a, k * b)
    n = _samples(length, step=2.5)
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    z = a * np.exp(1j * t) + b * np.exp(1j * k * t)
    copies = copies_for(math.pi * r_core**2, length)
    rot = np.exp(2j * math.pi * np.arange(copies) / (copies * petals))
    add(rot[:, None] * z[None, :])

    # Concentric rings, separated by narrow gaps, each a family of phase-shifted closed curves: a braid of
    # sine waves about the ring's centre line, or a chain of loops (a trochoid rolling along it).
    r = r_core * rng.uniform(1.04, 1.1)
    while r < r_reach:
        step = max(half_min * rng.uniform(0.16, 0.26), 6 * spacing)  # at least two lines per ring
        band = step * rng.uniform(0.72, 0.86)
        r_mid = r + band / 2
        theta_len = 2 * math.pi * r_mid
        if rng.random() < 0.6:  # braid
            waves = max(6, int(round(theta_len / (band * rng.uniform(1.2, 2.4)))))
            swell = int(rng.integers(0, 4)) * int(rng.integers(2, 6))  # slow swelling of the ring
            amp_s = band * rng.uniform(0.05, 0.12) if swell else 0.0
            amp = band / 2 - amp_s
            length = theta_len * math.hypot(1.0, amp * waves / r_mid)
            m = copies_for(band * theta_len, length)
            n = _samples(length, step=2.5)
            theta = np.linspace(0, 2 * math.pi, n, endpoint=False)
            phases = 2 * math.pi * np.arange(m)[:, None] / m
            rad = r_mid + amp * np.sin(waves * theta + phases) + amp_s * np.sin(swell * theta)
            add(rad * np.exp(1j * theta))
        else:  # chain of loops
            rho = band / 2
            loops = max(8, int(round(theta_len / (rho * rng.uniform(0.9, 1.6)))))
            length = 2 * math.pi * math.hypot(r_mid, loops * rho)
            m = copies_for(band * theta_len, length)
            n = _samples(length, step=2.5)
            theta = np.linspace(0, 2 * math.pi, n, endpoint=False)
            phases = 2 * math.pi * np.arange(m)[:, None] / m
            add(r_mid * np.exp(1j * theta) - rho * np.exp(1j * ((loops + 1) * theta + phases)))
        r += step
    return curves, True


def _waves_curves(h: int, w: int, spacing: float, rng: np.random.Generator) -> tuple[list[np.ndarray], bool]:
    transpose = h > w  # the bands run along the longer side
    length, across = (h, w) if transpose else (w, h)
    curves: list[np.ndarray] = []
    x = np.linspace(-4.0, length + 4.0, _samples(length + 8, step=2.0))
    # All bands follow one slow undulation, so they stay parallel with a gap between neighbours.
    swing = across * rng.uniform(0.02, 0.05) * np.sin(
        2 * math.pi * x / (length / rng.uniform(0.8, 2.2)) + rng.uniform(0, 2 * math.pi)
    )
    y0 = -rng.uniform(0.02, 0.1) * across
    while y0 < across + across * 0.05:
        step = max(across * rng.uniform(0.11, 0.2), 5.5 * spacing)  # room for at least two lines per band
        band = step * rng.uniform(0.82, 0.92)
        wavelength = band * rng.uniform(1.4, 3.0)
        # The band's half-width swells and narrows along it (lens-shaped bulges).
        bulge = rng.uniform(0.0, 0.3)
        swells = int(rng.integers(2, 6))
        envelope = 1 - bulge * (0.5 + 0.5 * np.sin(2 * math.pi * swells * x / length + rng.uniform(0, 2 * math.pi)))
        amp = band / 2
        stretch = math.hypot(1.0, 2 * math.pi * amp * (1 - bulge / 2) / wavelength)
        m = max(2, int(round(band * (1 - bulge / 2) / (spacing * stretch))))
        phases = 2 * math.pi * np.arange(m) / m + rng.uniform(0, 2 * math.pi)
        yy = (
            y0
            + band / 2
            + swing
            + amp * envelope * np.sin(2 * math.pi * x[None, :] / wavelength + phases[:, None])
        )
        xx = np.broadcast_to(x, yy.shape)
        xy = np.stack([yy, xx] if transpose else [xx, yy], axis=-1)
        curves.append(xy)
        y0 += step
    return curves, False


def _mesh_curves(h: int, w: int, spacing: float, rng: np.random.Generator) -> tuple[list[np.ndarray], bool]:
    cx, cy = (w - 1) / 2, (h - 1) / 2
    reach = math.hypot(w, h) / 2 + 2 * spacing
    u = np.linspace(-reach, reach, _samples(2 * reach, step=3.0))
    angle = math.radians(rng.uniform(25, 40))
    curves: list[np.ndarray] = []
    for sign in (1, -1):
        wavelength = min(h, w) * rng.uniform(0.12, 0.3)
        amp = wavelength * rng.uniform(0.08, 0.2)
        stretch = math.hypot(1.0, 2 * math.pi * amp / wavelength)
        step = 2 * spacing * stretch  # two families share the ink
        v = np.arange(-reach, reach + step, step) + rng.uniform(0, step)
        drift = rng.uniform(0.0, 0.2)  # phase drift between neighbouring lines bends the mesh into waves
        phases = drift * np.arange(v.size) + rng.uniform(0, 2 * math.pi)
        vv = v[:, None] + amp * np.sin(2 * math.pi * u[None, :] / wavelength + phases[:, None])
        uu = np.broadcast_to(u, vv.shape)
        a = sign * angle
        ca, sa = math.cos(a), math.sin(a)
        xy = np.stack([cx + uu * ca - vv * sa, cy + uu * sa + vv * ca], axis=-1)
        curves.append(xy)
    return curves, False


_GUILLOCHE_BUILDERS = {"rosette": _rosette_curves, "waves": _waves_curves, "mesh": _mesh_curves}


# The styles below take per-design options (centre, petals, amplitude, frequency, angle); the ones a caller does
# not give are drawn from the seed, all of them always and in a fixed order, so that giving one leaves the rest.


@dataclass(frozen=True)
class _PatternOptions:
    centre: tuple[float, float] | None = None
    petals: int | None = None
    amplitude: float | None = None
    frequency: float | None = None
    angle_deg: float | None = None


#: Accepted ``petals`` per style (inclusive) and ``angle_deg`` per style (``(lo, hi, lo_inclusive)``).
_PETALS_RANGE = {"spirograph": (3, 24), "concentric": (0, 64)}
_ANGLE_RANGE = {"lattice": (-90.0, 90.0, True), "moire": (0.0, 30.0, False)}


def _check_pattern_options(style: str, **given: Any) -> _PatternOptions:
    takes = GUILLOCHE_OPTIONS[style]
    for name, value in given.items():
        if value is not None and name not in takes:
            offer = f"it takes {', '.join(takes)}" if takes else "it takes no options besides spacing_px"
            raise ValueError(f"guilloche style {style!r} does not take {name}; {offer}")
    centre, petals, amplitude = given["centre"], given["petals"], given["amplitude"]
    frequency, angle = given["frequency"], given["angle_deg"]
    if centre is not None:
        centre = _check_fraction_pair("centre", centre, -1.0, 2.0)
    if petals is not None:
        lo, hi = _PETALS_RANGE[style]
        if not _is_int(petals) or not lo <= int(petals) <= hi:
            raise ValueError(f"petals must be an int between {lo} and {hi} for style {style!r}, got {petals!r}")
        petals = int(petals)
    if amplitude is not None:
        if not _is_real(amplitude) or not 0 <= float(amplitude) <= 1:
            raise ValueError(f"amplitude must be a number between 0 and 1, got {amplitude!r}")
        amplitude = float(amplitude)
    if frequency is not None:
        frequency = _check_positive("frequency", frequency, maximum=100)
    if angle is not None:
        lo_a, hi_a, closed = _ANGLE_RANGE[style]
        ok = _is_real(angle) and (lo_a <= float(angle) if closed else lo_a < float(angle)) and float(angle) <= hi_a
        if not ok:
            bracket = "[" if closed else "("
            raise ValueError(f"angle_deg must be a number in {bracket}{lo_a:g}, {hi_a:g}] for style {style!r}, got {angle!r}")
        angle = float(angle)
    return _PatternOptions(centre, petals, amplitude, frequency, angle)


def _check_fraction_pair(name: str, value: Any, lo: float, hi: float) -> tuple[float, float]:
    try:
        x, y = value
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an (x, y) pair of numbers, got {value!r}") from None
    if not (_is_real(x) and _is_real(y) and lo <= float(x) <= hi and lo <= float(y) <= hi):
        raise ValueError(f"{name} must be an (x, y) pair of numbers between {lo:g} and {hi:g}, got {value!r}")
    return float(x), float(y)


def _pick(given: Any, drawn: Any) -> Any:
    return drawn if given is None else given


def _sector(cx: float, cy: float, h: int, w: int, margin: float) -> tuple[float, float]:
    """Angles ``(lo, hi)`` (radians, ``lo < hi``) under which the area is seen from ``(cx, cy)``: the full turn
    from inside, else the corners' span widened by ``margin`` radians."""
    x0, x1, y0, y1 = -0.5, w - 0.5, -0.5, h - 0.5
    if x0 <= cx <= x1 and y0 <= cy <= y1:
        return 0.0, 2 * math.pi
    mid = math.atan2((y0 + y1) / 2 - cy, (x0 + x1) / 2 - cx)
    rel = [
        (math.atan2(y - cy, x - cx) - mid + math.pi) % (2 * math.pi) - math.pi
        for x in (x0, x1) for y in (y0, y1)
    ]
    return mid + min(rel) - margin, mid + max(rel) + margin


def _distance_range(cx: float, cy: float, h: int, w: int) -> tuple[float, float]:
    """Nearest and farthest distance from ``(cx, cy)`` to the area (0 nearest from inside)."""
    x0, x1, y0, y1 = -0.5, w - 0.5, -0.5, h - 0.5
    near = math.hypot(max(x0 - cx, 0.0, cx - x1), max(y0 - cy, 0.0, cy - y1))
    far = max(math.hypot(x - cx, y - cy) for x in (x0, x1) for y in (y0, y1))
    return near, far


def _spirograph_curves(
    h: int, w: int, spacing: float, rng: np.random.Generator, opt: _PatternOptions
) -> tuple[list[np.ndarray], bool]:
    petals = _pick(opt.petals, int(rng.integers(5, 13)))
    amplitude = _pick(opt.amplitude, rng.uniform(0.3, 0.8))
    frequency = _pick(opt.frequency, rng.uniform(2.5, 6.0))
    pointed = rng.random() < 0.5
    jitter = rng.uniform(0, 1, 2)
    cell = max(h, w) / frequency
    pitch_y = cell * math.sqrt(3) / 2  # a staggered (hexagonal) grid of medallions
    outer = 0.62 * cell  # neighbours overlap, so their lines interlace
    ratio = 0.25 + 0.65 * amplitude
    a = outer / (1 + ratio)
    b = a * ratio
    if opt.petals is None:  # as in the rosette: fewer petals where the lines are too sparse to interlace
        petals = min(petals, max(3, int(outer**2 / (4 * spacing * max(b, 1e-9))) - 1))
    k = -(petals - 1) if pointed else petals + 1
    length = 2 * math.pi * math.hypot(a, k * b)
    n = min(_samples(length, step=2.5), 4096)
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    z = a * np.exp(1j * t) + b * np.exp(1j * k * t)
    copies = cell * pitch_y / (spacing * length)  # rotated copies per medallion, on average
    rows = np.arange(-1, int(math.ceil(h / pitch_y)) + 2)
    centres: list[tuple[float, float]] = []
    for r in rows:
        x_off = (jitter[0] + (0.5 if r % 2 else 0.0)) * cell
        cols = np.arange(-1, int(math.ceil(w / cell)) + 2)
        centres.extend((c * cell + x_off - cell / 2, r * pitch_y + jitter[1] * pitch_y - pitch_y / 2) for c in cols)
    ctr = np.asarray(centres)
    ctr = ctr[(ctr[:, 0] > -outer) & (ctr[:, 0] < w + outer) & (ctr[:, 1] > -outer) & (ctr[:, 1] < h + outer)]
    # A fractional average is met by giving neighbouring medallions the counts just below and above it.
    j = np.arange(len(ctr) + 1)
    cum = np.floor(copies * j + 0.5)
    counts = np.clip(cum[1:] - cum[:-1], 1, 256).astype(np.int64)
    curves = []
    for m in np.unique(counts):
        rot = np.exp(2j * math.pi * np.arange(m) / (m * petals))[:, None] * z[None, :]
        sel = ctr[counts == m]
        zz = (sel[:, 0, None, None] + 1j * sel[:, 1, None, None] + rot[None]).reshape(-1, n)
        curves.append(np.stack([zz.real, zz.imag], axis=-1))
    return curves, True


def _lattice_curves(
    h: int, w: int, spacing: float, rng: np.random.Generator, opt: _PatternOptions
) -> tuple[list[np.ndarray], bool]:
    amplitude = _pick(opt.amplitude, rng.uniform(0.35, 0.8))
    frequency = _pick(opt.frequency, rng.uniform(3.0, 8.0))
    angle = _pick(opt.angle_deg, rng.uniform(-20, 20))
    bulge = rng.uniform(0.0, 0.4)
    swell = rng.uniform(0.6, 1.6)
    offsets = rng.uniform(0, 1, 3)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    wavelength = max(h, w) / frequency
    amp = amplitude * wavelength * 0.3
    stretch = math.hypot(1.0, 2 * math.pi * amp / wavelength * 0.7)
    step = 2 * spacing * stretch  # two families share the ink
    reach = math.hypot(w, h) / 2 + amp + 2 * step
    u = np.linspace(-reach, reach, _samples(2 * reach, step=3.0))
    v = np.arange(-reach, reach + step, step) + offsets[0] * step
    # The waves' height swells and shrinks slowly across the lines, so that the net forms broad bands.
    env = 1 - bulge * (0.5 + 0.5 * np.sin(2 * math.pi * v / (wavelength * swell * 3) + 2 * math.pi * offsets[1]))
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    curves = []
    for phase in (0.0, math.pi):  # the two families in counter-phase cross in lens-shaped cells
        vv = v[:, None] + (amp * env)[:, None] * np.sin(
            2 * math.pi * u[None, :] / wavelength + phase + 2 * math.pi * offsets[2]
        )
        uu = np.broadcast_to(u, vv.shape)
        curves.append(np.stack([cx + uu * ca - vv * sa, cy + uu * sa + vv * ca], axis=-1))
    return curves, False


def _concentric_curves(
    h: int, w: int, spacing: float, rng: np.random.Generator, opt: _PatternOptions
) -> tuple[list[np.ndarray], bool]:
    fx, fy = _pick(opt.centre, (rng.uniform(0.0, 1.0), rng.uniform(0.0, 1.0)))  # anywhere on the area
    petals = _pick(opt.petals, int(rng.integers(6, 25)))
    amplitude = _pick(opt.amplitude, rng.uniform(0.3, 0.9))
    drift = rng.uniform(0.03, 0.12) * (1 if rng.random() < 0.5 else -1)
    swell_period = rng.uniform(15, 40)
    phase0, phase1 = rng.uniform(0, 2 * math.pi, 2)
    cx, cy = fx * w - 0.5, fy * h - 0.5
    amp = amplitude * 0.035 * max(h, w) if petals else 0.0
    near, far = _distance_range(cx, cy, h, w)
    lo, hi = _sector(cx, cy, h, w, margin=0.05)
    full = hi - lo >= 2 * math.pi
    r0 = max(spacing, near - amp - spacing)
    radii = np.arange(r0, far + amp + spacing, spacing)
    index = np.arange(radii.size)
    lobe = amp * radii / (radii + 2 * amp) if amp else np.zeros_like(radii)  # flatter lobes near the centre
    lobe = lobe * (0.7 + 0.3 * np.sin(2 * math.pi * index / swell_period + phase1))
    curves = []
    for start in range(0, radii.size, 8):  # eight rings at a time, sampled alike
        r, a_k, i = radii[start : start + 8], lobe[start : start + 8], index[start : start + 8]
        # Samples no farther apart than keeps the chord within 0.1 px of the curve (2 to 6 px).
        curvature = 1 / r[0] + a_k.max() * (petals / r[0]) ** 2
        step = min(6.0, max(2.0, math.sqrt(0.8 / curvature)))
        length = (hi - lo) * r[-1] * math.hypot(1.0, a_k.max() * petals / r[0])
        n = max(24, min(8192, int(math.ceil(length / step))))
        theta = np.linspace(lo, hi, n, endpoint=not full)
        rad = r[:, None] + a_k[:, None] * np.sin(petals * theta[None, :] + drift * i[:, None] + phase0)
        curves.append(np.stack([cx + rad * np.cos(theta), cy + rad * np.sin(theta)], axis=-1))
    return curves, full


def _moire_curves(
    h: int, w: int, spacing: float, rng: np.random.Generator, opt: _PatternOptions
) -> tuple[list[np.ndarray], bool]:
    amplitude = _pick(opt.amplitude, rng.uniform(0.0, 0.6))
    frequency = _pick(opt.frequency, rng.uniform(1.5, 4.0))
    angle = _pick(opt.angle_deg, rng.uniform(2.0, 6.0))
    base = rng.uniform(0, 180)
    offsets = rng.uniform(0, 1, 3)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    wavelength = max(h, w) / frequency
    amp = amplitude * wavelength * 0.08
    step = 2 * spacing * math.hypot(1.0, 2 * math.pi * amp / wavelength * 0.7)  # two fields share the ink
    reach = math.hypot(w, h) / 2 + amp + 2 * step
    u = np.linspace(-reach, reach, _samples(2 * reach, step=4.0))
    curves = []
    for k, rot in enumerate((base, base + angle)):
        v = np.arange(-reach, reach + step, step) + offsets[k] * step
        vv = v[:, None] + amp * np.sin(2 * math.pi * u[None, :] / wavelength + 2 * math.pi * offsets[2])
        uu = np.broadcast_to(u, vv.shape)
        a = math.radians(rot)
        ca, sa = math.cos(a), math.sin(a)
        curves.append(np.stack([cx + uu * ca - vv * sa, cy + uu * sa + vv * ca], axis=-1))
    return curves, False


def _radial_curves(
    h: int, w: int, spacing: float, rng: np.random.Generator, opt: _PatternOptions
) -> tuple[list[np.ndarray], bool]:
    fx, fy = _pick(opt.centre, (rng.uniform(0.25, 0.75), rng.uniform(0.25, 0.75)))
    amplitude = _pick(opt.amplitude, rng.uniform(0.2, 0.8))
    frequency = _pick(opt.frequency, rng.uniform(4.0, 12.0))
    phase = rng.uniform(0, 2 * math.pi)
    turn = rng.uniform(0, 1)
    cx, cy = fx * w - 0.5, fy * h - 0.5
    near, far = _distance_range(cx, cy, h, w)
    wavelength = max(far, 1.0) / frequency
    amp = amplitude * wavelength * 0.12
    far += amp + spacing
    # The innermost rays start on a small circle; where the spacing between rays has doubled, a ray starts
    # between every two, so that the density stays between one and two spacings out to the farthest corner.
    r_min = max(3 * spacing, 0.04 * min(h, w), near - amp - spacing)
    base = max(8, int(round(2 * math.pi * r_min / spacing)))
    levels = max(0, int(math.ceil(math.log2(max(1.0, 2 * math.pi * far / (spacing * base))))))
    levels = min(levels, 12)
    count = base << levels
    idx = np.arange(count)
    tz = np.zeros(count, np.int64)  # trailing zeros of each index, capped at `levels`
    for j in range(1, levels + 1):
        tz[idx % (1 << j) == 0] = j
    theta0 = 2 * math.pi * (idx + turn) / count
    lo, hi = _sector(cx, cy, h, w, margin=0.05)
    keep = ((theta0 - lo) % (2 * math.pi)) <= (hi - lo)
    curves = []
    for j in range(levels + 1):
        sel = theta0[keep & (tz == j)]
        if sel.size == 0:
            continue
        start = r_min * 2 ** (levels - j)
        if start >= far:
            continue
        r = np.linspace(start, far, _samples(far - start, step=3.0))
        swing = amp * np.sin(2 * math.pi * r / wavelength + phase) / r  # sideways, as an angle
        ang = sel[:, None] + swing[None, :]
        curves.append(np.stack([cx + r * np.cos(ang), cy + r * np.sin(ang)], axis=-1))
    return curves, False


_PATTERN_BUILDERS = {
    "spirograph": _spirograph_curves,
    "lattice": _lattice_curves,
    "concentric": _concentric_curves,
    "moire": _moire_curves,
    "radial": _radial_curves,
}


# --------------------------------------------------------------------------------------------------------------
# Rosette
# --------------------------------------------------------------------------------------------------------------


def rosette(
    shape: tuple[int, int],
    *,
    seed: int,
    petals: int | None = None,
    rings: int | None = None,
    line_width_px: float = 1.0,
    spacing_px: float | None = None,
) -> np.ndarray:
    """Draw a standalone guilloche rosette: a circular medallion for a corner or behind the portrait.

    A spirograph flower (rotated copies of a hypotrochoid or epitrochoid) in the middle, ringed by concentric
    bands, each a braid of phase-shifted waves or a chain of loops; nothing outside the medallion's circle.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels; both sides at least 16. The medallion is centred and its
        diameter is 96% of the smaller side.
    seed : int
        Seed of the variations (flower kind and proportions, band widths, braid or chain); a non-negative int.
    petals : int, optional
        Petals of the central flower, 3 to 36; drawn from the seed (6 to 18) when not given.
    rings : int, optional
        Number of concentric bands around the flower, 0 to 12; drawn from the seed (2 to 5) when not given.
    line_width_px : float, optional
        Ink width of the lines in pixels, in ``(0, 50]``.
    spacing_px : float, optional
        Distance between neighbouring lines in pixels; 5.5 line widths when not given.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``.

    Raises
    ------
    ValueError
        If an argument is invalid.
    """
    h, w = _check_shape(shape, min_side=16)
    seed = _check_seed(seed)
    if petals is not None and (not _is_int(petals) or not 3 <= int(petals) <= 36):
        raise ValueError(f"petals must be an int between 3 and 36, got {petals!r}")
    if rings is not None and (not _is_int(rings) or not 0 <= int(rings) <= 12):
        raise ValueError(f"rings must be an int between 0 and 12, got {rings!r}")
    width = _check_positive("line_width_px", line_width_px, maximum=50)
    if spacing_px is None:
        spacing = max(_MIN_SPACING, 5.5 * width)
    else:
        spacing = max(_MIN_SPACING, _check_positive("spacing_px", spacing_px, maximum=MAX_SIDE))
    rng = np.random.default_rng(seed)
    n_petals = int(_pick(petals, int(rng.integers(6, 19))))
    n_rings = int(_pick(rings, int(rng.integers(2, 6))))
    pointed = rng.random() < 0.5
    ratio = rng.uniform(0.45, 0.8)
    core_share = rng.uniform(0.35, 0.5)
    weights = rng.uniform(0.7, 1.3, 12)[:n_rings]
    kinds = rng.random(12)[:n_rings] < 0.55  # True: braid, False: chain of loops
    shapes = rng.uniform(0, 1, (12, 3))[:n_rings]

    cx, cy = (w - 1) / 2, (h - 1) / 2
    outer = 0.48 * min(h, w)
    r_core = outer if n_rings == 0 else outer * (core_share + (1 - core_share) * 0.6 / (n_rings + 1.5))
    curves: list[np.ndarray] = []

    def add(z: np.ndarray) -> None:
        curves.append(np.stack([cx + z.real, cy + z.imag], axis=-1))

    def copies_for(area: float, length: float) -> int:
        return max(1, min(512, int(round(area / (spacing * length)))))

    a = r_core / (1 + ratio)
    b = a * ratio
    if petals is None:  # fewer petals where the lines are too sparse for two copies to interlace
        n_petals = min(n_petals, max(3, int(r_core**2 / (4 * spacing * max(b, 1e-9))) - 1))
    k = -(n_petals - 1) if pointed else n_petals + 1
    length = 2 * math.pi * math.hypot(a, k * b)
    t = np.linspace(0, 2 * math.pi, min(_samples(length, step=2.5), 8192), endpoint=False)
    z = a * np.exp(1j * t) + b * np.exp(1j * k * t)
    copies = copies_for(math.pi * r_core**2, length)
    add(np.exp(2j * math.pi * np.arange(copies) / (copies * n_petals))[:, None] * z[None, :])

    if n_rings:
        steps = weights / weights.sum() * (outer - r_core * 1.04)
        r = r_core * 1.04
        for step, braid, (u1, u2, u3) in zip(steps, kinds, shapes):
            band = step * (0.78 + 0.1 * u1)
            r_mid = r + band / 2
            theta_len = 2 * math.pi * r_mid
            if braid:
                waves = max(6, int(round(theta_len / (band * (1.2 + 1.2 * u2)))))
                amp = band / 2
                length = theta_len * math.hypot(1.0, amp * waves / r_mid)
                m = max(2, copies_for(band * theta_len, length))
                theta = np.linspace(0, 2 * math.pi, min(_samples(length, step=2.5), 16384), endpoint=False)
                phases = 2 * math.pi * (np.arange(m)[:, None] / m + u3)
                add((r_mid + amp * np.sin(waves * theta + phases)) * np.exp(1j * theta))
            else:
                rho = band / 2
                loops = max(8, int(round(theta_len / (rho * (0.9 + 0.7 * u2)))))
                length = 2 * math.pi * math.hypot(r_mid, loops * rho)
                m = copies_for(band * theta_len, length)
                theta = np.linspace(0, 2 * math.pi, min(_samples(length, step=2.5), 16384), endpoint=False)
                phases = 2 * math.pi * (np.arange(m)[:, None] / m + u3)
                add(r_mid * np.exp(1j * theta) - rho * np.exp(1j * ((loops + 1) * theta + phases)))
            r += step
    return _draw_lines((h, w), curves, width, closed=True)


# --------------------------------------------------------------------------------------------------------------
# Frame
# --------------------------------------------------------------------------------------------------------------

FRAME_STYLES = ("line", "guilloche", "dots", "greek")


def frame(
    shape: tuple[int, int],
    *,
    width_px: float,
    style: str = "line",
    seed: int = 0,
    inset_px: float = 0.0,
    line_width_px: float = 1.0,
) -> np.ndarray:
    """Draw a bordered frame: a band along the four edges of the area.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels.
    width_px : float
        Width of the band in pixels, greater than 0; the band (with ``inset_px``) must leave some of the area
        free: ``2 * (inset_px + width_px)`` below the smaller side.
    style : {"line", "guilloche", "dots", "greek"}, optional
        ``"line"``: a double rule, a bold one outside and a thin one inside; ``"guilloche"``: a braid of
        phase-shifted sine waves between two thin rules, turning round the corners; ``"dots"``: a row of
        beads with a thin rule inside; ``"greek"``: a meander (Greek key) along each side, with a square knot
        in each corner.
    seed : int, optional
        Seed of the variations (wavelength and braid count, bead size, rule weights); a non-negative int.
    inset_px : float, optional
        Distance from the edges of the area to the outer edge of the band, in pixels, at least 0.
    line_width_px : float, optional
        Ink width of the thin lines in pixels, in ``(0, 50]``; at most a third of the band is used.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``, zero outside the band.

    Raises
    ------
    ValueError
        If an argument is invalid, or the band does not fit in the area.
    """
    h, w = _check_shape(shape)
    band = _check_positive("width_px", width_px, maximum=MAX_SIDE)
    style = _check_choice("style", style, FRAME_STYLES)
    seed = _check_seed(seed)
    if not _is_real(inset_px) or not 0 <= float(inset_px) < MAX_SIDE:
        raise ValueError(f"inset_px must be a number of at least 0, got {inset_px!r}")
    inset = float(inset_px)
    lw = _check_positive("line_width_px", line_width_px, maximum=50)
    if 2 * (inset + band) >= min(h, w):
        raise ValueError(
            f"the frame does not fit: 2 * (inset_px + width_px) = {2 * (inset + band):g} px must be below the "
            f"smaller side of the shape ({min(h, w)} px)"
        )
    lw = min(lw, band / 3)  # thin lines stay thin beside the band
    rng = np.random.default_rng(seed)
    # The band's outer edge, in pixel-centre coordinates.
    x0, y0, x1, y1 = inset - 0.5, inset - 0.5, w - 0.5 - inset, h - 0.5 - inset
    return _FRAME_BUILDERS[style]((h, w), (x0, y0, x1, y1), band, lw, rng)


def _rounded_rect(rect: tuple[float, float, float, float], r: float, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Points of a closed rounded rectangle about every ``step`` px along it (equal spacing), and its outward
    unit normals there."""
    x0, y0, x1, y1 = rect
    r = max(0.0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
    sx, sy = x1 - x0 - 2 * r, y1 - y0 - 2 * r
    arc = math.pi / 2 * r
    total = 2 * (sx + sy) + 4 * arc
    n = max(16, int(math.ceil(total / step)))
    s = np.arange(n) * (total / n)
    # Pieces in order (clockwise in image coordinates): top, corner, right, corner, bottom, corner, left, corner.
    lengths = np.array([sx, arc, sy, arc, sx, arc, sy, arc])
    ends = np.cumsum(lengths)
    piece = np.minimum(np.searchsorted(ends, s, side="right"), 7)
    local = s - (ends[piece] - lengths[piece])
    pts = np.zeros((n, 2))
    nrm = np.zeros((n, 2))
    corners = [(x1 - r, y0 + r, -math.pi / 2), (x1 - r, y1 - r, 0.0), (x0 + r, y1 - r, math.pi / 2), (x0 + r, y0 + r, math.pi)]
    straight = [((x0 + r, y0), (1, 0), (0, -1)), ((x1, y0 + r), (0, 1), (1, 0)),
                ((x1 - r, y1), (-1, 0), (0, 1)), ((x0, y1 - r), (0, -1), (-1, 0))]
    for i in range(4):
        sel = piece == 2 * i
        (ox, oy), (dx, dy), normal = straight[i]
        pts[sel] = np.stack([ox + dx * local[sel], oy + dy * local[sel]], axis=-1)
        nrm[sel] = normal
        sel = piece == 2 * i + 1
        ccx, ccy, a0 = corners[i]
        ang = a0 + local[sel] / max(r, 1e-9)
        nrm[sel] = np.stack([np.cos(ang), np.sin(ang)], axis=-1)
        pts[sel] = np.stack([ccx + r * np.cos(ang), ccy + r * np.sin(ang)], axis=-1)
    return pts, nrm


def _inset(rect: tuple[float, float, float, float], d: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = rect
    return x0 + d, y0 + d, x1 - d, y1 - d


def _rect_path(rect: tuple[float, float, float, float]) -> np.ndarray:
    x0, y0, x1, y1 = rect
    return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], np.float64)


def _frame_line(
    shape: tuple[int, int], rect: tuple[float, float, float, float], band: float, lw: float, rng: np.random.Generator
) -> np.ndarray:
    bold = max(lw, band * rng.uniform(0.22, 0.35))
    out = _draw_lines_u8(shape, [_rect_path(_inset(rect, bold / 2))], bold, closed=True)
    inner = _draw_lines_u8(shape, [_rect_path(_inset(rect, band - lw / 2))], lw, closed=True)
    np.maximum(out, inner, out=out)
    return _to_mask(out)


def _frame_guilloche(
    shape: tuple[int, int], rect: tuple[float, float, float, float], band: float, lw: float, rng: np.random.Generator
) -> np.ndarray:
    spacing = max(_MIN_SPACING, 4.0 * lw)
    wavelength = band * rng.uniform(1.2, 2.6)
    phase = rng.uniform(0, 1)
    # Everything follows one rounded path, so that the braid turns the corners between its two rules.
    mid = _inset(rect, band / 2)
    pts, nrm = _rounded_rect(mid, band, 2.0)
    edge = band / 2 - lw / 2
    rules = _draw_lines_u8(shape, [pts + edge * nrm, pts - edge * nrm], lw, closed=True)
    amp = max(0.0, band / 2 - 1.5 * lw)
    total = len(pts) * 2.0  # about; the waves are counted over the samples, so they close up seamlessly
    waves = max(4, int(round(total / wavelength)))
    stretch = math.hypot(1.0, 2 * math.pi * amp / wavelength)
    m = max(2, min(64, int(round(2 * amp / (spacing * stretch)))))
    s = np.arange(len(pts)) / len(pts)
    off = amp * np.sin(2 * math.pi * (waves * s[None, :] + np.arange(m)[:, None] / m + phase))
    curves = pts[None] + off[..., None] * nrm[None]
    canvas = _draw_lines_u8(shape, [curves], lw, closed=True)
    np.maximum(canvas, rules, out=canvas)
    return _to_mask(canvas)


def _frame_dots(
    shape: tuple[int, int], rect: tuple[float, float, float, float], band: float, lw: float, rng: np.random.Generator
) -> np.ndarray:
    size = rng.uniform(0.45, 0.7)
    rule = lw
    bead_band = band - 2 * rule
    radius = bead_band * size / 2
    pitch = 2 * radius * rng.uniform(1.25, 1.6)
    pts, _ = _rounded_rect(_inset(rect, bead_band / 2), bead_band / 2, pitch)
    canvas = np.zeros(shape, np.uint8)
    _fill_each(canvas, [_circle(x, y, radius) for x, y in pts])
    rules = _draw_lines_u8(shape, [_rect_path(_inset(rect, band - rule / 2))], rule, closed=True)
    np.maximum(canvas, rules, out=canvas)
    return _to_mask(canvas)


def _fill_each(canvas: np.ndarray, polygons: Sequence[np.ndarray], value: int = 255) -> None:
    """Fill each polygon on its own (overlaps stay filled, unlike :func:`_fill`'s even-odd rule)."""
    for poly in polygons:
        _fill(canvas, [poly], value)


#: One period of the meander on a grid of 4 x 3 units, from (0, 0) on the outer edge to (4, 0): up, across,
#: and round a hook (every line one unit from its neighbours).
_MEANDER = np.array([(0, 0), (0, 3), (3, 3), (3, 1), (2, 1), (2, 2), (1, 2), (1, 0), (4, 0)], np.float64)


def _frame_greek(
    shape: tuple[int, int], rect: tuple[float, float, float, float], band: float, lw: float, rng: np.random.Generator
) -> np.ndarray:
    weight = max(lw, band / 3 * rng.uniform(0.28, 0.4))
    edge = min(weight / 2 + 1.0, band * 0.3)  # thick anti-aliased lines spread a little beyond their width
    x0, y0, x1, y1 = _inset(rect, edge)
    inner = band - 2 * edge  # the meander's height between stroke centres
    unit = inner / 3
    curves: list[np.ndarray] = []
    # Sides, clockwise: (start point, along, inward) with the meander's base on the outer edge; each stops
    # a band short of the corners, where a square knot sits.
    sides = [((x0 + band, y0), (1, 0), (0, 1), x1 - x0 - 2 * band), ((x1, y0 + band), (0, 1), (-1, 0), y1 - y0 - 2 * band),
             ((x1 - band, y1), (-1, 0), (0, -1), x1 - x0 - 2 * band), ((x0, y1 - band), (0, -1), (1, 0), y1 - y0 - 2 * band)]
    for (ox, oy), (ax, ay), (nx, ny), length in sides:
        if length <= 0:
            continue
        periods = max(1, int(round(length / (4 * unit))))
        along_unit = length / (4 * periods)
        k = np.arange(periods)[:, None]
        u = (_MEANDER[None, :, 0] + 4 * k).reshape(-1) * along_unit
        v = np.broadcast_to(_MEANDER[None, :, 1], (periods, len(_MEANDER))).reshape(-1) * unit
        curves.append(np.stack([ox + u * ax + v * nx, oy + u * ay + v * ny], axis=-1))
    squares = []
    for cx0, cy0 in ((x0, y0), (x1 - inner, y0), (x1 - inner, y1 - inner), (x0, y1 - inner)):
        squares.append(_rect_path((cx0, cy0, cx0 + inner, cy0 + inner)))
        squares.append(_rect_path((cx0 + unit, cy0 + unit, cx0 + 2 * unit, cy0 + 2 * unit)))
    canvas = _draw_lines_u8(shape, curves, weight)
    np.maximum(canvas, _draw_lines_u8(shape, squares, weight, closed=True), out=canvas)
    return _to_mask(canvas)


_FRAME_BUILDERS = {"line": _frame_line, "guilloche": _frame_guilloche, "dots": _frame_dots, "greek": _frame_greek}


# --------------------------------------------------------------------------------------------------------------
# Rainbow (iris) printing
# --------------------------------------------------------------------------------------------------------------


def rainbow(
    shape: tuple[int, int],
    *,
    colors: Sequence[tuple[int, int, int]],
    axis: int = 1,
    seed: int = 0,
    positions: Sequence[float] | None = None,
) -> np.ndarray:
    """Colour field of rainbow (iris) printing: a smooth shift between colours along one axis.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the field in pixels.
    colors : sequence of (r, g, b)
        At least two RGB colours, components in ``[0, 255]``, met in this order along ``axis``; they are
        equally spaced with smooth (C1) blends between neighbours.
    axis : {0, 1}, optional
        Axis along which the colour changes: 0 from top to bottom, 1 from left to right.
    seed : int, optional
        Seed of the slight waviness of the transition lines; a non-negative int.
    positions : sequence of float, optional
        Where along ``axis`` each colour is met, as fractions of the length: one per colour, increasing
        strictly from 0 to 1 (a split-duct print's zones need not be equally wide). Equally spaced when not
        given.

    Returns
    -------
    field : ndarray of float32, shape (height, width, 3)
        RGB values in ``[0, 255]``.

    Raises
    ------
    ValueError
        If ``shape``, ``colors``, ``axis``, ``seed`` or ``positions`` is invalid.
    """
    h, w = _check_shape(shape)
    try:
        stops = np.asarray(colors, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"colors must be a sequence of (r, g, b) triples, got {colors!r}") from None
    if stops.ndim != 2 or stops.shape[1] != 3:
        raise ValueError(f"colors must be a sequence of (r, g, b) triples, got {colors!r}")
    if stops.shape[0] < 2:
        raise ValueError(f"rainbow needs at least 2 colors, got {stops.shape[0]}")
    if not np.all(np.isfinite(stops)) or stops.min() < 0 or stops.max() > 255:
        raise ValueError("color components must be numbers in [0, 255]")
    if not _is_int(axis) or axis not in (0, 1):
        raise ValueError(f"axis must be 0 (vertical) or 1 (horizontal), got {axis!r}")
    seed = _check_seed(seed)
    if positions is not None:
        try:
            at = np.asarray(positions, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"positions must be a sequence of numbers, got {positions!r}") from None
        if at.shape != (stops.shape[0],) or not np.all(np.isfinite(at)) or at[0] != 0 or at[-1] != 1 or np.any(
            np.diff(at) <= 0
        ):
            raise ValueError(
                f"positions must give one fraction per colour ({stops.shape[0]}), increasing strictly from 0 to 1, "
                f"got {positions!r}"
            )
    rng = np.random.default_rng(seed)

    length, across = (h, w) if axis == 0 else (w, h)
    # Waviness: the transition lines are displaced along `axis` by a smooth function of the other coordinate.
    amp = max(length, 1) * rng.uniform(0.01, 0.02)
    s = np.arange(across, dtype=np.float64)
    wl1 = max(across, 1) / rng.uniform(0.8, 2.0)
    wl2 = max(across, 1) / rng.uniform(3.0, 6.0)
    offset = amp * (
        0.75 * np.sin(2 * math.pi * s / wl1 + rng.uniform(0, 2 * math.pi))
        + 0.25 * np.sin(2 * math.pi * s / wl2 + rng.uniform(0, 2 * math.pi))
    )
    # A lookup table over positions along the axis, at 1/4 px, indexed by position + offset.
    q = 4
    pad = int(math.ceil(amp)) + 1
    pos = np.arange(-pad * q, (length + pad) * q + 1) / q
    frac = np.clip(pos / max(length - 1, 1), 0.0, 1.0)
    if positions is None:
        frac = frac * (len(stops) - 1)
    else:  # the fraction of the length, mapped onto the colours' indices piece by piece
        frac = np.interp(frac, at, np.arange(len(stops), dtype=np.float64))
    seg = np.minimum(frac.astype(np.int64), len(stops) - 2)
    u = frac - seg
    u = u * u * (3 - 2 * u)  # smoothstep: C1 blends, no Mach bands at the stops
    lut = (stops[seg] + (stops[seg + 1] - stops[seg]) * u[:, None]).astype(np.float32)
    along = np.arange(length, dtype=np.float64)
    idx = np.rint((along[None, :] + offset[:, None] + pad) * q).astype(np.intp)  # (across, length)
    field = np.take(lut, idx if axis == 1 else idx.T, axis=0)
    return field


# --------------------------------------------------------------------------------------------------------------
# Emblem
# --------------------------------------------------------------------------------------------------------------


def emblem(shape: tuple[int, int], *, seed: int, kind: str = "seal") -> np.ndarray:
    """Draw a centred, national-emblem-like motif (e.g. the invisible UV-fluorescent emblem of a data page).

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels; both sides at least 16.
    seed : int
        Seed of the variations (ornament style and counts, number of star points, proportions).
    kind : str, optional
        One of :data:`EMBLEM_KINDS`. ``"seal"``: concentric rings with a band of radial ornaments, rays and a
        central star; ``"star"``: a multi-pointed star with an inner ring; ``"shield"``: a heraldic shield
        outline with a chevron and stars; ``"sun"``: a disc with long and short (or flame) rays; ``"wreath"``:
        two laurel branches of leaves tied by a ribbon, round a star or empty; ``"crown"``: a crown of points
        with balls, a jewelled band and a cross or an orb; ``"eagle"``: a stylised displayed bird, wings of
        fanned feathers, optionally crowned; ``"mountain"``: three snow-capped peaks over water in a ring;
        ``"key"``: two crossed keys; ``"tower"``: a crenellated tower with an arched door, with or without
        side towers. The last seven are placed so that their ink is centred vertically.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``. The motif is mirror-symmetric left-right, centred, and spans about 70% of
        the smaller side.

    Raises
    ------
    ValueError
        If ``shape``, ``seed`` or ``kind`` is invalid.
    """
    h, w = _check_shape(shape, min_side=16)
    seed = _check_seed(seed)
    kind = _check_choice("kind", kind, EMBLEM_KINDS)
    r = 0.35 * min(h, w)
    if kind in _EMBLEM_DRAWERS:
        return _to_mask(_centred(_EMBLEM_DRAWERS[kind], (h, w), r, seed))
    rng = np.random.default_rng(seed)
    canvas = np.zeros((h, w), np.uint8)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    {"seal": _seal, "star": _star_emblem, "shield": _shield}[kind](canvas, cx, cy, r, rng)
    return _to_mask(canvas)


# The kinds below are drawn in units of ``r`` about ``(0, 0)`` (y down) as the left half and its mirror image, so
# they are symmetric by construction; each is then placed so that its ink is centred (see _centred).


def _place(pts: Any, cx: float, cy: float, r: float) -> np.ndarray:
    arr = np.asarray(pts, np.float64)
    return np.stack([cx + r * arr[..., 0], cy + r * arr[..., 1]], axis=-1)


def _mirrored(polys: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Each polygon (in units, about x = 0) and its mirror image."""
    out = []
    for p in polys:
        out.append(p)
        out.append(p[::-1] * [-1.0, 1.0])
    return out


def _unit_circle(x: float, y: float, rad: float, n: int = 48) -> np.ndarray:
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return np.stack([x + rad * np.cos(t), y + rad * np.sin(t)], axis=-1)


def _lens(p0: Sequence[float] | np.ndarray, p1: Sequence[float] | np.ndarray, half_width: float, n: int = 12) -> np.ndarray:
    """A leaf: a lens-shaped polygon from ``p0`` to ``p1`` (units), ``half_width`` across at its middle."""
    a, b = np.asarray(p0, np.float64), np.asarray(p1, np.float64)
    d = b - a
    normal = np.array([-d[1], d[0]]) / max(float(np.hypot(*d)), 1e-9)
    t = np.linspace(0, 1, n)
    bulge = half_width * np.sin(math.pi * t)
    side1 = a + t[:, None] * d + bulge[:, None] * normal
    side2 = a + t[::-1, None] * d - bulge[::-1, None] * normal
    return np.concatenate([side1, side2[1:-1]])


def _quad(p0: Sequence[float] | np.ndarray, p1: Sequence[float] | np.ndarray, w0: float, w1: float) -> np.ndarray:
    """A tapering bar from ``p0`` (``w0`` wide) to ``p1`` (``w1`` wide), in units."""
    a, b = np.asarray(p0, np.float64), np.asarray(p1, np.float64)
    d = b - a
    normal = np.array([-d[1], d[0]]) / max(float(np.hypot(*d)), 1e-9)
    return np.array([a + normal * w0 / 2, b + normal * w1 / 2, b - normal * w1 / 2, a - normal * w0 / 2])


def _box(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], np.float64)


def _draw_units(canvas: np.ndarray, cx: float, cy: float, r: float, polys: Sequence[np.ndarray], value: int = 255) -> None:
    """Fill each polygon (units) on its own, so that overlapping parts stay filled."""
    for p in polys:
        _fill(canvas, [_place(p, cx, cy, r)], value)


def _sun(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    rays = int(rng.choice([12, 16, 20, 24]))
    long_w = rng.uniform(0.1, 0.16)
    short_len = rng.uniform(0.72, 0.85)
    disc = rng.uniform(0.38, 0.46)
    flames = rng.random() < 0.5
    polys = []
    for i, a in enumerate(_symmetric_angles(2 * rays, half_offset=False)):
        ca, sa = math.cos(a), math.sin(a)
        if i % 2 == 0:  # a long, straight ray
            base, tip, half = disc + 0.04, 1.0, long_w * disc
            pts = np.array([(base, -half), (tip, 0.0), (base, half)])
        elif flames:  # a short, leaf-like flame
            pts = _lens((disc + 0.04, 0.0), (short_len, 0.0), 0.045)
        else:
            base, half = disc + 0.04, 0.5 * long_w * disc
            pts = np.array([(base, -half), (short_len, 0.0), (base, half)])
        polys.append(np.stack([pts[:, 0] * ca - pts[:, 1] * sa, pts[:, 0] * sa + pts[:, 1] * ca], axis=-1))
    _draw_units(canvas, cx, cy, r, polys)
    _fill(canvas, [_circle(cx, cy, r * disc)])
    _ring(canvas, cx, cy, r * disc * 0.78, r * disc * 0.86, 0)  # an engraved ring inside the disc
    _fill(canvas, [_star(cx, cy, r * disc * 0.55, r * disc * 0.25, int(rng.choice([5, 6, 8])))], 0)


def _wreath(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    leaves = int(rng.integers(7, 11))
    radius = rng.uniform(0.76, 0.8)
    leaf_len = rng.uniform(0.2, 0.26)
    spread = math.radians(rng.uniform(28, 40))
    centre_star = rng.random() < 0.6
    start, end = math.radians(112), math.radians(245)  # the left branch, from the bottom round to the top
    stem_t = np.linspace(start, end + 0.08, 60)
    stem_w = 0.035
    outer = np.stack([(radius + stem_w / 2) * np.cos(stem_t), (radius + stem_w / 2) * np.sin(stem_t)], axis=-1)
    inner = np.stack([(radius - stem_w / 2) * np.cos(stem_t), (radius - stem_w / 2) * np.sin(stem_t)], axis=-1)
    polys = [np.concatenate([outer, inner[::-1]])]
    for i, t in enumerate(np.linspace(start + 0.12, end, leaves)):
        p = np.array([radius * math.cos(t), radius * math.sin(t)])
        tangent = np.array([-math.sin(t), math.cos(t)])  # towards the top of the branch
        normal = np.array([math.cos(t), math.sin(t)])  # outwards
        length = leaf_len * (0.75 + 0.25 * math.sin(math.pi * (i + 1) / (leaves + 1)))
        for side in (1, -1):
            d = tangent * math.cos(spread) + side * normal * math.sin(spread)
            polys.append(_lens(p, p + length * d, length * 0.2))
    tip = np.array([radius * math.cos(end + 0.08), radius * math.sin(end + 0.08)])
    polys.append(_lens(tip, tip + leaf_len * np.array([-math.sin(end), math.cos(end)]), leaf_len * 0.2))
    # The ribbon tying the branches at the bottom: a knot and two tails.
    bottom = radius * math.sin(start)
    polys.append(_quad((0.0, bottom - 0.02), (-0.22, bottom + 0.2), 0.1, 0.07))
    polys.append(np.array([(-0.22, bottom + 0.16), (-0.3, bottom + 0.27), (-0.17, bottom + 0.25)]))
    _draw_units(canvas, cx, cy, r, _mirrored(polys))
    _fill(canvas, [_circle(cx, cy + r * bottom, r * 0.07)])
    if centre_star:
        _fill(canvas, [_star(cx, cy, r * 0.32, r * 0.13, int(rng.choice([5, 6])))])


def _crown(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    points = int(rng.choice([3, 5, 7]))
    tip_y = rng.uniform(-0.5, -0.4)
    valley = rng.uniform(-0.02, 0.08)
    cross = rng.random() < 0.6
    half = 0.84
    xs = np.linspace(-half, half, points)
    body = [(-half, 0.38)]
    for i, x in enumerate(xs):
        drop = 0.12 * abs(x) / half  # the outer points are lower
        body.append((x, tip_y + drop))
        if i < points - 1:
            body.append(((x + xs[i + 1]) / 2, valley))
    body.append((half, 0.38))
    polys = [np.array(body), _box(-half, 0.34, half, 0.62), _box(-half * 0.95, 0.66, half * 0.95, 0.74)]
    polys += [_unit_circle(x, tip_y + 0.12 * abs(x) / half - 0.07, 0.075) for x in xs]
    if cross:
        polys += [_box(-0.035, -0.92, 0.035, tip_y - 0.1), _box(-0.11, -0.82, 0.11, -0.75)]
    else:
        polys.append(_unit_circle(0.0, tip_y - 0.22, 0.1))
    _draw_units(canvas, cx, cy, r, polys)
    jewels = [_unit_circle(x, 0.48, 0.06 if i % 2 == 0 else 0.045) for i, x in enumerate(np.linspace(-0.6, 0.6, 5))]
    _draw_units(canvas, cx, cy, r, jewels + [_box(-half, 0.3, half, 0.32)], 0)


def _eagle(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    feathers = int(rng.integers(5, 8))
    lift = rng.uniform(0.5, 0.68)  # how high the wings are raised
    crowned = rng.random() < 0.4
    tail = int(rng.choice([3, 5]))
    polys = []
    # The left wing, displayed: a bar rising from the shoulder, feathers hanging from it, the outer ones
    # longest and turned outwards.
    shoulder = np.array([-0.14, -0.22])
    tip = np.array([-0.62, -0.22 - lift])
    polys.append(_quad(shoulder, tip, 0.16, 0.09))
    for i in range(feathers):
        t = 0.3 + 0.7 * i / (feathers - 1)
        root = shoulder + t * (tip - shoulder)
        a = math.radians(100 + 48 * t)  # 90: straight down, 180: outwards
        length = 0.22 + 0.24 * t
        direction = np.array([math.cos(a), math.sin(a)])
        end = root + length * direction
        polys.append(_quad(root, end, 0.1, 0.07))
        polys.append(_lens(end - 0.04 * direction, end + 0.07 * direction, 0.035))
    for k in range(tail):  # the tail fan, its left half and middle
        a = math.radians(90 + 26 * (k - (tail - 1) / 2) / max(1, (tail - 1) / 2))
        if math.cos(a) > 1e-9:
            continue
        polys.append(_quad((0.0, 0.36), (0.55 * math.cos(a), 0.36 + 0.5 * math.sin(a)), 0.07, 0.13))
    polys.append(_quad((-0.07, 0.26), (-0.24, 0.46), 0.07, 0.05))  # a leg and its talons
    polys += [_quad((-0.24, 0.46), (-0.34, 0.52), 0.04, 0.01), _quad((-0.24, 0.46), (-0.25, 0.57), 0.04, 0.01)]
    body = _lens((0.0, -0.4), (0.0, 0.5), 0.2, 24)
    neck = _box(-0.08, -0.5, 0.08, -0.3)
    head = _unit_circle(0.0, -0.56, 0.14)
    beak = np.array([(-0.06, -0.48), (0.06, -0.48), (0.0, -0.36)])
    _draw_units(canvas, cx, cy, r, _mirrored(polys) + [body, neck, head, beak])
    if crowned:
        crown = np.array([(-0.12, -0.66), (-0.12, -0.82), (-0.06, -0.73), (0.0, -0.84), (0.06, -0.73), (0.12, -0.82), (0.12, -0.66)])
        _draw_units(canvas, cx, cy, r, [crown])
    # Engraved details: the eyes and a chevron of breast feathers.
    cuts = [_unit_circle(-0.055, -0.59, 0.025, 16), _unit_circle(0.055, -0.59, 0.025, 16)]
    cuts += [_quad((-0.1, y), (0.0, y + 0.06), 0.018, 0.018) for y in (-0.12, 0.03, 0.18)]
    cuts += [_quad((0.1, y), (0.0, y + 0.06), 0.018, 0.018) for y in (-0.12, 0.03, 0.18)]
    _draw_units(canvas, cx, cy, r, cuts, 0)


def _mountain(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    peak = rng.uniform(-0.55, -0.4)
    side = rng.uniform(-0.2, -0.05)
    waters = int(rng.integers(2, 5))
    sun = rng.random() < 0.6
    _ring(canvas, cx, cy, r * 0.9, r)
    field = np.zeros_like(canvas)
    ground = 0.38
    polys = [np.array([(-0.62, ground), (0.0, peak), (0.62, ground)]),
             np.array([(-1.0, ground), (-0.52, side), (-0.1, ground)])]
    _draw_units(field, cx, cy, r, _mirrored(polys[1:]) + polys[:1])
    # Snow lines: a zigzag cut below each summit.
    cuts = []
    for apex_x, apex_y, half in ((0.0, peak, 0.62), (-0.52, side, 0.45), (0.52, side, 0.45)):
        depth = 0.28 * (ground - apex_y)
        y = apex_y + depth
        w = half * depth / (ground - apex_y)
        zig = np.array([(apex_x - w, y), (apex_x - w / 3, y + 0.06), (apex_x, y - 0.01), (apex_x + w / 3, y + 0.06), (apex_x + w, y)])
        cuts.append(np.concatenate([zig, zig[::-1] + [0, 0.035]]))
    _draw_units(field, cx, cy, r, cuts, 0)
    for k in range(waters):  # water below the peaks
        y = ground + 0.1 + 0.12 * k
        _draw_units(field, cx, cy, r, [_box(-0.9, y, 0.9, y + 0.05)])
    if sun:
        _fill(field, [_circle(cx, cy + r * (peak - 0.2), r * 0.1)])
    clip = np.zeros_like(canvas)
    _fill(clip, [_circle(cx, cy, r * 0.84)])
    np.maximum(canvas, ((field.astype(np.uint16) * clip) // 255).astype(np.uint8), out=canvas)


def _key_polys(bow: Sequence[float], angle: float, length: float, bit_side: int, wards: int) -> tuple[list, list]:
    """One key (units): its filled parts and its cut-outs, from the bow's centre along ``angle``."""
    ca, sa = math.cos(angle), math.sin(angle)

    def at(u: float, v: float) -> tuple[float, float]:
        return bow[0] + u * ca - v * sa * bit_side, bow[1] + u * sa + v * ca * bit_side

    fill = [_unit_circle(bow[0], bow[1], 0.2), _quad(at(0.15, 0), at(length, 0), 0.09, 0.09),
            _quad(at(0.3, 0), at(0.36, 0), 0.18, 0.18)]
    bit = [at(length - 0.34, 0.0), at(length - 0.34, 0.28), at(length, 0.28), at(length, 0.0)]
    fill.append(np.array(bit))
    cuts = [_unit_circle(bow[0], bow[1], 0.11)]
    for k in range(wards):
        u = length - 0.3 + k * 0.26 / wards
        cuts.append(np.array([at(u, 0.12), at(u, 0.29), at(u + 0.04, 0.29), at(u + 0.04, 0.12)]))
    return fill, cuts


def _crossed_keys(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    tilt = math.radians(rng.uniform(48, 58))
    wards = int(rng.integers(1, 4))
    cord = rng.random() < 0.6
    length = 1.95
    angle = -tilt  # from the bottom left towards the top right (y down)
    bow = (-0.5 * length * math.cos(tilt) - 0.08, 0.5 * length * math.sin(tilt) + 0.05)
    fill, cuts = _key_polys(bow, angle, length, 1, wards)
    # The right key is the left one's mirror image, so the pair is symmetric; the cut-outs of each key are
    # made in its own layer, so that the other key's shaft is not cut where they cross.
    for mirror in (False, True):
        layer = np.zeros_like(canvas)
        _draw_units(layer, cx, cy, r, [p[::-1] * [-1.0, 1.0] if mirror else p for p in fill])
        _draw_units(layer, cx, cy, r, [p[::-1] * [-1.0, 1.0] if mirror else p for p in cuts], 0)
        np.maximum(canvas, layer, out=canvas)
    if cord:
        _ring(canvas, cx, cy + r * 0.02, r * 0.14, r * 0.2)


def _tower(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    merlons = int(rng.choice([3, 4, 5]))
    side_towers = rng.random() < 0.7
    windows = int(rng.integers(1, 3))
    top, bottom, half = -0.95, 0.85, 0.3
    polys = [_box(-half, top + 0.2, half, bottom), _box(-half - 0.06, top + 0.16, half + 0.06, top + 0.26)]
    gap = 2 * (half + 0.06) / (2 * merlons - 1)
    polys += [_box(-half - 0.06 + 2 * k * gap, top, -half - 0.06 + (2 * k + 1) * gap, top + 0.2) for k in range(merlons)]
    if side_towers:
        s0, s1 = -0.9, -0.52
        sgap = (s1 - s0) / 5
        polys += _mirrored([_box(s0, -0.2, s1, bottom), _box(s1, 0.15, -half, bottom)])
        polys += _mirrored([_box(s0 + 2 * k * sgap, -0.33, s0 + (2 * k + 1) * sgap, -0.2) for k in range(3)])
        polys += _mirrored([_box(s1 + 0.02, 0.06, s1 + 0.08, 0.15), _box(-half - 0.1, 0.06, -half - 0.04, 0.15)])
    else:
        polys.append(_box(-0.75, 0.7, 0.75, bottom))  # a plinth
    _draw_units(canvas, cx, cy, r, polys)
    t = np.linspace(0, math.pi, 16)
    arch = np.concatenate([[(-0.13, bottom)], np.stack([-0.13 * np.cos(t), 0.45 - 0.13 * np.sin(t)], -1), [(0.13, bottom)]])
    cuts = [arch]
    for k in range(windows):
        y = -0.45 + 0.3 * k
        for x in ((-0.12, 0.12) if windows == 1 else (0.0,)):
            cuts.append(_box(x - 0.035, y, x + 0.035, y + 0.16))
    if side_towers:
        cuts += _mirrored([_box(-0.74, 0.05, -0.68, 0.22)])
    _draw_units(canvas, cx, cy, r, cuts, 0)


def _centred(draw: Any, shape: tuple[int, int], r: float, seed: int) -> np.ndarray:
    """Draw ``draw`` centred by its ink: once to find the vertical balance, then again shifted by it (at most
    15% of ``r``), so that a top- or bottom-heavy motif sits in the middle like the round ones."""
    h, w = shape
    cx, cy = (w - 1) / 2, (h - 1) / 2
    canvas = np.zeros(shape, np.uint8)
    draw(canvas, cx, cy, r, np.random.default_rng(seed))
    weights = canvas.sum(axis=1, dtype=np.float64)
    total = weights.sum()
    if total <= 0:
        return canvas
    shift = float(np.clip(cy - (np.arange(h) * weights).sum() / total, -0.15 * r, 0.15 * r))
    if abs(shift) < 0.25:
        return canvas
    canvas = np.zeros(shape, np.uint8)
    draw(canvas, cx, cy + shift, r, np.random.default_rng(seed))
    return canvas


_EMBLEM_DRAWERS: dict[str, Any] = {
    "sun": _sun,
    "wreath": _wreath,
    "crown": _crown,
    "eagle": _eagle,
    "mountain": _mountain,
    "key": _crossed_keys,
    "tower": _tower,
}


def _seal(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    line = max(0.6, r * 0.012)
    _ring(canvas, cx, cy, r * 0.955, r)
    _ring(canvas, cx, cy, r * 0.80, r * 0.80 + line)
    ornaments = int(rng.choice([24, 30, 36, 40, 48]))
    style = rng.choice(["dots", "ticks", "petals"])
    angles = _symmetric_angles(ornaments, half_offset=bool(rng.integers(2)))
    mid = r * 0.875
    if style == "dots":
        for a in angles:
            _fill(canvas, [_circle(cx + mid * math.cos(a), cy + mid * math.sin(a), r * 0.032)])
    else:
        half = (r * 0.06) if style == "ticks" else (r * 0.065)
        across = (line * 0.9) if style == "ticks" else (r * 0.028)
        for a in angles:
            ca, sa = math.cos(a), math.sin(a)
            if style == "ticks":
                pts = np.array([(mid - half, -across), (mid + half, -across), (mid + half, across),
                                (mid - half, across)], np.float64)
            else:  # a lens-shaped petal
                t = np.linspace(0, math.pi, 12)
                side = np.stack([mid - half * np.cos(t), across * np.sin(t)], axis=-1)
                pts = np.concatenate([side, side[::-1] * [1, -1]]).astype(np.float64)
            _fill(canvas, [np.stack([cx + pts[:, 0] * ca - pts[:, 1] * sa, cy + pts[:, 0] * sa + pts[:, 1] * ca], -1)])
    _ring(canvas, cx, cy, r * 0.60, r * 0.60 + 2 * line)
    points = int(rng.choice([5, 6, 8]))
    rays = int(rng.choice([2, 3, 4])) * points
    for a in _symmetric_angles(rays, half_offset=False):
        ca, sa = math.cos(a), math.sin(a)
        base, tip, half = r * 0.63, r * rng.uniform(0.74, 0.78), r * 0.018
        pts = np.array([(base, -half), (tip, 0.0), (base, half)])
        _fill(canvas, [np.stack([cx + pts[:, 0] * ca - pts[:, 1] * sa, cy + pts[:, 0] * sa + pts[:, 1] * ca], -1)])
    inner = rng.uniform(0.38, 0.5) if points == 5 else rng.uniform(0.5, 0.62)
    _fill(canvas, [_star(cx, cy, r * 0.5, r * 0.5 * inner, points)])
    _fill(canvas, [_circle(cx, cy, r * 0.09)], 0)
    _fill(canvas, [_circle(cx, cy, r * 0.06)])


def _star_emblem(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    points = int(rng.choice([8, 10, 12, 16]))
    inner = rng.uniform(0.5, 0.68)
    _fill(canvas, [_star(cx, cy, r, r * inner, points)])
    # A second, offset star drawn as a gap gives the points a bevelled, engraved look.
    bevel = [_star(cx, cy, r * f, r * inner * f, points) for f in (0.9, 0.86)]
    _fill(canvas, bevel, 0)
    ring = r * rng.uniform(0.34, 0.42)
    _ring(canvas, cx, cy, ring, ring + r * 0.05, 0)
    _ring(canvas, cx, cy, ring - r * 0.06, ring - r * 0.035, 0)
    core_points = int(rng.choice([5, 6]))
    _fill(canvas, [_circle(cx, cy, ring - r * 0.1)], 0)
    _fill(canvas, [_star(cx, cy, ring - r * 0.13, (ring - r * 0.13) * 0.45, core_points)])


def _shield_outline(cx: float, top: float, half_w: float, shoulder: float, tip: float) -> np.ndarray:
    """A heraldic shield: straight top and sides down to ``shoulder``, then two curves meeting at ``tip``."""
    t = np.linspace(0, 1, 40)[:, None]
    p0, p1 = np.array([half_w, shoulder]), np.array([0.0, tip])
    c = np.array([half_w, shoulder + (tip - shoulder) * 0.75])
    right = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t**2 * p1  # quadratic Bezier down to the tip
    left = right[::-1][1:] * [-1, 1]
    pts = np.concatenate([[(-half_w, top), (half_w, top)], right, left])
    pts[:, 0] += cx
    return pts


def _shield(canvas: np.ndarray, cx: float, cy: float, r: float, rng: np.random.Generator) -> None:
    height = 2 * r
    half_w = r * rng.uniform(0.78, 0.88)
    top, tip = cy - r, cy + r
    shoulder = top + height * rng.uniform(0.45, 0.58)
    border = r * rng.uniform(0.05, 0.07)
    gap = r * 0.035
    outer = _shield_outline(cx, top, half_w, shoulder, tip)
    inner = _shield_outline(cx, top + border, half_w - border, shoulder, tip - border * 1.6)
    _fill(canvas, [outer, inner])
    # Inside a thin second line, the field holds a chevron and three stars (two in chief, one in base).
    i2 = _shield_outline(cx, top + border + gap, half_w - border - gap, shoulder, tip - (border + gap) * 1.6)
    i3 = _shield_outline(
        cx, top + border + gap + border * 0.3, half_w - border - gap - border * 0.3, shoulder,
        tip - (border + gap + border * 0.3) * 1.6,
    )
    _fill(canvas, [i2, i3])
    field = np.zeros_like(canvas)
    apex = top + height * rng.uniform(0.3, 0.36)
    foot = top + height * rng.uniform(0.56, 0.62)
    band = r * rng.uniform(0.13, 0.18)
    chevron = np.array(
        [(-half_w * 1.2, foot), (0.0, apex), (half_w * 1.2, foot), (half_w * 1.2, foot + band), (0.0, apex + band),
         (-half_w * 1.2, foot + band)]
    )
    chevron[:, 0] += cx
    _fill(field, [chevron])
    star_r = r * rng.uniform(0.1, 0.13)
    points = int(rng.choice([5, 6]))
    chief, base = top + height * 0.2, top + height * 0.78
    for sx, sy in ((-0.42 * half_w, chief), (0.42 * half_w, chief), (0.0, base)):
        _fill(field, [_star(cx + sx, sy, star_r, star_r * 0.45, points)])
    clip = np.zeros_like(canvas)
    _fill(clip, [i3])
    np.maximum(canvas, ((field.astype(np.uint16) * clip) // 255).astype(np.uint8), out=canvas)


# --------------------------------------------------------------------------------------------------------------
# Fibres
# --------------------------------------------------------------------------------------------------------------


def fibres(
    shape: tuple[int, int],
    *,
    seed: int,
    count: int,
    length_px: tuple[float, float],
    width_px: float = 1.2,
) -> tuple[np.ndarray, np.ndarray]:
    """Scatter security fibres: short, randomly curved strokes in three colour families.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels.
    seed : int
        Seed of the positions, orientations, lengths, bends and families; a non-negative int.
    count : int
        Number of fibres, at least 0 and at most 100000. Their centres are uniform over the area, so fibres
        near the border are cut by it.
    length_px : tuple of float
        ``(min, max)`` length of a fibre in pixels, ``0 < min <= max``; lengths are uniform in the range.
    width_px : float, optional
        Ink width of a fibre in pixels, in ``(0, 20]``.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``.
    label : ndarray of int32, shape (height, width)
        ``1..3``, the colour family of the fibre covering each pixel (the most strongly covering one where
        fibres cross), and 0 exactly where ``mask`` is 0.

    Raises
    ------
    ValueError
        If ``shape``, ``seed``, ``count``, ``length_px`` or ``width_px`` is invalid.
    """
    h, w = _check_shape(shape)
    seed = _check_seed(seed)
    if not _is_int(count) or not 0 <= int(count) <= 100_000:
        raise ValueError(f"count must be an int between 0 and 100000, got {count!r}")
    try:
        lo, hi = length_px
    except (TypeError, ValueError):
        raise ValueError(f"length_px must be a (min, max) pair of numbers, got {length_px!r}") from None
    lo = _check_positive("length_px[0]", lo, maximum=MAX_SIDE)
    hi = _check_positive("length_px[1]", hi, maximum=MAX_SIDE)
    if lo > hi:
        raise ValueError(f"length_px must be (min, max) with min <= max, got {length_px!r}")
    width = _check_positive("width_px", width_px, maximum=20)
    count = int(count)
    rng = np.random.default_rng(seed)

    centre = rng.uniform((0, 0), (w, h), size=(count, 2)) - 0.5
    angle = rng.uniform(0, math.pi, count)
    length = rng.uniform(lo, hi, count)
    bend = rng.uniform(-0.3, 0.3, count) * length  # sagitta of the quadratic bend
    wiggle = rng.uniform(-0.06, 0.06, count) * length  # a slight S-shape
    family = rng.integers(1, FIBRE_FAMILIES + 1, count)

    n = max(6, min(64, int(math.ceil(hi / 2.0)) + 1))
    s = np.linspace(-0.5, 0.5, n)[None, :]
    along = length[:, None] * s
    across = bend[:, None] * (1 - 4 * s**2) + wiggle[:, None] * np.sin(2 * math.pi * s)
    ca, sa = np.cos(angle)[:, None], np.sin(angle)[:, None]
    xy = np.stack([centre[:, :1] + along * ca - across * sa, centre[:, 1:] + along * sa + across * ca], axis=-1)

    # One canvas per family; each pixel takes the family that covers it most (the first of equals).
    best = _draw_lines_u8((h, w), [xy[family == 1]], width)
    label = np.where(best > 0, np.int32(1), np.int32(0))
    for k in range(2, FIBRE_FAMILIES + 1):
        layer = _draw_lines_u8((h, w), [xy[family == k]], width)
        more = layer > best
        label[more] = k
        np.maximum(best, layer, out=best)
    mask = _to_mask(best)
    return mask, label


# --------------------------------------------------------------------------------------------------------------
# Microtext
# --------------------------------------------------------------------------------------------------------------


def microtext(shape: tuple[int, int], *, text: str, height_px: float, seed: int = 0) -> np.ndarray:
    """Draw a microtext line: tiny text repeated across the full width, vertically centred.

    The text is set in ``cv2.FONT_HERSHEY_SIMPLEX`` scaled so that the cap height is ``height_px``, repeated
    with a space between copies, and drawn on a 4x supersampled strip, so that text too small to read at the
    output resolution turns into the grey, slightly textured line a real microprint becomes when under-resolved.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels.
    text : str
        The text to repeat: printable ASCII (the Hershey fonts have no other glyphs), not blank.
    height_px : float
        Cap height in pixels, in ``(0, height]`` and at most 256.
    seed : int, optional
        Seed of where in the text the line starts (its horizontal phase); a non-negative int.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``.

    Raises
    ------
    ValueError
        If ``shape``, ``text``, ``height_px`` or ``seed`` is invalid.
    """
    h, w = _check_shape(shape)
    text = _check_text(text)
    if not text.isascii():
        raise ValueError(f"microtext text must be printable ASCII (Hershey font), got {text!r}")
    cap = _check_positive("height_px", height_px, maximum=_MICROTEXT_MAX)
    if cap > h:
        raise ValueError(f"height_px ({cap:g}) must not exceed the mask height ({h})")
    seed = _check_seed(seed)
    rng = np.random.default_rng(seed)

    ss = _MICROTEXT_SS
    stroke = max(cap / 9.0, 0.25)  # ink width of the strokes, in output pixels
    thickness, drawn = _thickness(stroke * ss)
    gain = min(1.0, stroke * ss / drawn)
    font = cv2.FONT_HERSHEY_SIMPLEX
    scale = max(cap - stroke, cap * 0.5) * ss / _HERSHEY_CAP
    unit = text + " "
    (unit_w, _), _ = cv2.getTextSize(unit, font, scale, thickness)
    unit_w = max(unit_w, 1)
    reps = int(math.ceil(w * ss / unit_w)) + 2
    line = unit * reps

    # A strip around the text (descenders included) rendered supersampled, then placed in the mask.
    baseline = (h - 1) / 2 + cap / 2  # caps centred vertically
    top = max(0, int(math.floor(baseline - cap * 1.6)))
    bottom = min(h, int(math.ceil(baseline + cap * 0.7)) + 1)
    strip = np.zeros(((bottom - top) * ss, w * ss), np.uint8)
    x0 = -rng.uniform(0, unit_w)
    y0 = (baseline - top + 0.5) * ss - 0.5
    org = (int(round(x0)), int(round(y0)))
    cv2.putText(strip, line, org, font, scale, int(round(255 * gain)), thickness, cv2.LINE_AA)
    mask = np.zeros((h, w), np.float32)
    mask[top:bottom] = _to_mask(cv2.resize(strip, (w, bottom - top), interpolation=cv2.INTER_AREA))
    return mask


# --------------------------------------------------------------------------------------------------------------
# TrueType / OpenType text
# --------------------------------------------------------------------------------------------------------------

_H_ANCHORS = "lmr"
_V_ANCHORS = "atmsbd"
#: Text is rendered this many times larger and averaged down: FreeType hints glyphs onto whole pixels (Pillow
#: ignores fractional positions), so this gives 1/4 px placement, as the fixed MRZ pitch needs, and unhinted,
#: print-like shapes.
_TEXT_SS = 4


@functools.lru_cache(maxsize=32)
def _font(path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size)


def _load_font(path: str, size_px: float):
    """The font at ``path`` for drawing ``size_px`` text supersampled, i.e. in ``_TEXT_SS * size_px`` rounded
    to whole pixels (``size_px`` to 1/4 px); loaded once per (path, rounded size)."""
    try:
        return _font(path, max(1, int(round(size_px * _TEXT_SS))))
    except OSError as exc:
        raise ValueError(f"cannot load the font {path!r}: {exc}") from None


def _draw_text_run(out: np.ndarray, font, text: str, x: float, y: float, anchor: str) -> None:
    """Draw ``text`` with its ``anchor`` at (x, y) (Pillow coordinates) into the uint8 canvas ``out``."""
    from PIL import Image, ImageDraw

    ss = _TEXT_SS
    h, w = out.shape
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    x_lo, x_hi = max(0, math.floor(x + left / ss) - 1), min(w, math.ceil(x + right / ss) + 1)
    y_lo, y_hi = max(0, math.floor(y + top / ss) - 1), min(h, math.ceil(y + bottom / ss) + 1)
    if x_lo >= x_hi or y_lo >= y_hi:
        return  # entirely outside the shape
    patch = Image.new("L", ((x_hi - x_lo) * ss, (y_hi - y_lo) * ss), 0)
    ImageDraw.Draw(patch).text(((x - x_lo) * ss, (y - y_lo) * ss), text, fill=255, font=font, anchor=anchor)
    small = cv2.resize(np.asarray(patch), (x_hi - x_lo, y_hi - y_lo), interpolation=cv2.INTER_AREA)
    np.maximum(out[y_lo:y_hi, x_lo:x_hi], small, out=out[y_lo:y_hi, x_lo:x_hi])


def _check_anchor(anchor: object) -> str:
    if not (isinstance(anchor, str) and len(anchor) == 2 and anchor[0] in _H_ANCHORS and anchor[1] in _V_ANCHORS):
        raise ValueError(
            f"anchor must be a horizontal letter in {_H_ANCHORS!r} followed by a vertical one in {_V_ANCHORS!r} "
            f"(Pillow anchors for horizontal text), got {anchor!r}"
        )
    return anchor


def text_mask(
    shape: tuple[int, int],
    *,
    text: str,
    font_path: str,
    size_px: float,
    origin: tuple[float, float],
    anchor: str = "ls",
    tracking_px: float | None = None,
) -> np.ndarray:
    """Draw one line of text in a TrueType/OpenType font (through Pillow) as a mask.

    The text is rendered by Pillow's FreeType support at 4x the size and averaged down, so that it is placed
    to 1/4 px (Pillow alone snaps glyphs to whole pixels) and is not hinted, like print.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels.
    text : str
        One line of printable characters, not blank.
    font_path : str or os.PathLike
        Path of a font file Pillow's FreeType support can read (``.ttf``, ``.otf``). Loaded fonts are cached
        per (path, size rounded to 1/4 px).
    size_px : float
        Font size in pixels (Pillow's ``size``, the em size), in ``(0, 1024]``.
    origin : tuple of float
        ``(x, y)`` of the anchor point in pixels, in Pillow's coordinates: pixel ``(row, col)`` covers
        ``[col, col + 1) x [row, row + 1)`` (unlike the drawing functions above, whose pixel centres are at
        whole coordinates).
    anchor : str, optional
        Pillow anchor of ``origin``: a horizontal letter in ``l`` (left), ``m`` (middle), ``r`` (right) and a
        vertical one in ``a`` (ascender), ``t`` (top), ``m`` (middle), ``s`` (baseline), ``b`` (bottom),
        ``d`` (descender). Default ``"ls"``, left end of the baseline.
    tracking_px : float, optional
        Fixed pitch in pixels. When given, character ``i`` occupies the cell that starts at
        ``x_left + i * tracking_px`` and is centred in it (by its advance width), where ``x_left`` is
        ``origin[0]`` for a left anchor and is moved by the whole run ``len(text) * tracking_px`` for a middle
        or right one. This is how the MRZ is set: OCR-B on the 2.54 mm pitch of ICAO Doc 9303.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``; glyphs falling (partly) outside the shape are clipped.

    Raises
    ------
    ValueError
        If an argument is invalid or the font cannot be loaded.
    """
    h, w, text, path, size = _check_text_options(shape, text, font_path, size_px)
    try:
        ox, oy = origin
    except (TypeError, ValueError):
        raise ValueError(f"origin must be an (x, y) pair of numbers, got {origin!r}") from None
    if not (_is_real(ox) and _is_real(oy) and math.isfinite(float(ox)) and math.isfinite(float(oy))):
        raise ValueError(f"origin must be an (x, y) pair of finite numbers, got {origin!r}")
    _check_anchor(anchor)
    if tracking_px is not None:
        tracking = _check_positive("tracking_px", tracking_px, maximum=MAX_SIDE)
    font = _load_font(path, size)

    canvas = np.zeros((h, w), np.uint8)
    ox, oy = float(ox), float(oy)
    if tracking_px is None:
        _draw_text_run(canvas, font, text, ox, oy, anchor)
    else:
        run = len(text) * tracking
        left = ox - {"l": 0.0, "m": run / 2, "r": run}[anchor[0]]
        for i, ch in enumerate(text):
            if not ch.isspace():
                _draw_text_run(canvas, font, ch, left + (i + 0.5) * tracking, oy, "m" + anchor[1])
    return _to_mask(canvas)


def microtext_line(
    shape: tuple[int, int],
    *,
    text: str,
    height_px: float,
    seed: int = 0,
    font_path: str | os.PathLike[str] | None = None,
) -> np.ndarray:
    """Draw a security line of microtext: tiny text repeated across the full width of a band, caps centred.

    Without ``font_path`` this is :func:`microtext` (a Hershey stroke font, printable ASCII only). With a
    TrueType/OpenType font any text the font covers can be set (Cyrillic, Latin with diacritics), rendered 4x
    supersampled and averaged down like :func:`text_mask`.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the band in pixels.
    text : str
        The text to repeat (a space is put between copies), one line of printable characters, not blank.
    height_px : float
        Capital height in pixels, greater than 0 and at most 256; a height above the band's is drawn at the
        band's height (a band laid out in millimetres may round to fewer pixels than its text at a low
        resolution). A 0.2 to 0.3 mm line is 2.4 to 3.5 px at 300 dpi: too small to read at that resolution,
        as on a document.
    seed : int, optional
        Seed of where in the text the line starts; a non-negative int.
    font_path : str or os.PathLike, optional
        A font file for the text; the Hershey font when not given.

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Ink coverage in ``[0, 1]``.

    Raises
    ------
    ValueError
        If an argument is invalid, the text is not ASCII and no font is given, or the font cannot be loaded.
    """
    h, w = _check_shape(shape)
    cap = min(float(h), _check_positive("height_px", height_px, maximum=_MICROTEXT_MAX))
    if font_path is None:
        return microtext(shape, text=text, height_px=cap, seed=seed)
    text = _check_text(text)
    seed = _check_seed(seed)
    path = _check_font_path(font_path)
    rng = np.random.default_rng(seed)
    size = cap / _cap_ratio(path)
    font = _load_font(path, size)
    unit = text + " "
    unit_w = max(font.getlength(unit) / _TEXT_SS, 1.0)
    line = unit * (int(math.ceil(w / unit_w)) + 2)
    canvas = np.zeros((h, w), np.uint8)
    _draw_text_run(canvas, font, line, -rng.uniform(0, unit_w), h / 2 + cap / 2, "ls")
    return _to_mask(canvas)


def _check_font_path(font_path: object) -> str:
    if not isinstance(font_path, (str, os.PathLike)):
        raise ValueError(f"font_path must be a str or os.PathLike, got {type(font_path).__name__}")
    path = os.fspath(font_path)
    if not os.path.isfile(path):
        raise ValueError(f"font_path {path!r} is not a file")
    return str(path)


def _check_text_options(shape: object, text: object, font_path: object, size_px: object) -> tuple[int, int, str, str, float]:
    """The options every text drawing takes, checked: the shape's height and width, the text, the font's path and
    the size in pixels (at most 1024)."""
    h, w = _check_shape(shape)
    return h, w, _check_text(text), _check_font_path(font_path), _check_positive("size_px", size_px, maximum=1024)


@functools.lru_cache(maxsize=32)
def _cap_ratio(path: str) -> float:
    """Capital height over the em size of the font at ``path`` (of "H", or 0.7 if the font has no H)."""
    font = _load_font(path, 100 / _TEXT_SS)
    top = font.getbbox("H", anchor="ls")[1]
    return -top / 100 if top < 0 else 0.7


def _text_in(shape: tuple[int, int], text: str, path: str, size: float, origin: Any, anchor: str) -> np.ndarray:
    """:func:`text_mask` at ``origin`` (``None``: the middle of the shape, anchored ``"mm"``)."""
    h, w = shape
    if origin is None:
        _check_anchor(anchor)
        origin, anchor = (w / 2, h / 2), "mm"
    return text_mask(shape, text=text, font_path=path, size_px=size, origin=origin, anchor=anchor)


def perforation_mask(
    shape: tuple[int, int],
    *,
    text: str,
    font_path: str | os.PathLike[str],
    size_px: float,
    hole_px: float,
    pitch_px: float | None = None,
    origin: tuple[float, float] | None = None,
    anchor: str = "mm",
) -> np.ndarray:
    """Draw a laser-perforated number: small round holes along the centre lines of the glyphs' strokes.

    The text is set as by :func:`text_mask`; the centre lines of its strokes (the ridges of the distance from
    the glyphs' edges) are sampled with holes no closer than ``pitch_px`` (from the thickest places out), and a
    disc of ``hole_px`` is drawn at each: one row of holes per stroke, as a perforating laser writes it.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the mask in pixels.
    text : str
        The characters to perforate (typically the document number): one line, not blank.
    font_path : str or os.PathLike
        A TrueType/OpenType font; a bold sans-serif gives the clearest strokes.
    size_px : float
        Font size in pixels (em), in ``(0, 1024]``.
    hole_px : float
        Diameter of a hole in pixels, in ``(0, 64]``.
    pitch_px : float, optional
        Least distance between hole centres, at least ``hole_px``; ``max(1.6 * hole_px, hole_px + 1)`` when
        not given.
    origin : tuple of float, optional
        Where the text's ``anchor`` point is, as in :func:`text_mask`; the middle of the shape when not given.
    anchor : str, optional
        Pillow anchor of ``origin`` (default ``"mm"``, the middle of the text).

    Returns
    -------
    mask : ndarray of float32, shape (height, width)
        Coverage of the holes in ``[0, 1]`` (1: through the page).

    Raises
    ------
    ValueError
        If an argument is invalid or the font cannot be loaded.
    """
    h, w, text, path, size = _check_text_options(shape, text, font_path, size_px)
    hole = _check_positive("hole_px", hole_px, maximum=64)
    if pitch_px is None:
        pitch = max(1.6 * hole, hole + 1.0)
    else:
        pitch = _check_positive("pitch_px", pitch_px, maximum=MAX_SIDE)
        if pitch < hole:
            raise ValueError(f"pitch_px ({pitch:g}) must be at least hole_px ({hole:g}), or the holes would merge")
    glyphs = _text_in((h, w), text, path, size, origin, anchor) > 0.5
    canvas = np.zeros((h, w), np.uint8)
    if not glyphs.any():
        return _to_mask(canvas)
    dist = cv2.distanceTransform(glyphs.astype(np.uint8), cv2.DIST_L2, 5)
    ridge = glyphs & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)) - 0.5)
    ys, xs = np.nonzero(ridge)
    order = np.lexsort((xs, ys, -np.round(dist[ys, xs] * 4)))  # thickest first, then row by row
    cell = pitch
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    holes = []
    p2 = pitch * pitch
    for i in order:
        x, y = float(xs[i]), float(ys[i])
        gx, gy = int(x // cell), int(y // cell)
        if any(
            (x - px) ** 2 + (y - py) ** 2 < p2
            for dx in (-1, 0, 1) for dy in (-1, 0, 1) for px, py in grid.get((gx + dx, gy + dy), ())
        ):
            continue
        grid.setdefault((gx, gy), []).append((x, y))
        holes.append(_circle(x, y, hole / 2, n=max(12, int(2 * math.pi * hole / 2 / 1.5))))
    _fill_each(canvas, holes)
    return _to_mask(canvas)


def engraved_mask(
    shape: tuple[int, int],
    *,
    text: str,
    font_path: str | os.PathLike[str],
    size_px: float,
    origin: tuple[float, float] | None = None,
    anchor: str = "mm",
    relief_px: float | None = None,
    light_deg: float = 135.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw laser-engraved text: the blackened glyphs and the shading of their slight tactile relief.

    Parameters
    ----------
    shape : tuple of int
        ``(height, width)`` of the masks in pixels.
    text : str
        One line of printable characters, not blank.
    font_path : str or os.PathLike
        A TrueType/OpenType font.
    size_px : float
        Font size in pixels (em), in ``(0, 1024]``.
    origin : tuple of float, optional
        Where the text's ``anchor`` point is, as in :func:`text_mask`; the middle of the shape when not given.
    anchor : str, optional
        Pillow anchor of ``origin`` (default ``"mm"``).
    relief_px : float, optional
        How far the relief's slope spreads from the glyphs' edges, in pixels, in ``(0, 64]``; 4% of the font
        size (at least 0.5 px) when not given.
    light_deg : float, optional
        Direction the light comes from, in degrees counter-clockwise from the +x axis with y up (135: from
        the top left, as on a scanner with an oblique lamp).

    Returns
    -------
    ink : ndarray of float32, shape (height, width)
        Coverage of the blackened glyphs in ``[0, 1]``.
    shade : ndarray of float32, shape (height, width)
        Shading of the raised edges in ``[-1, 1]``: positive where a slope faces the light (a highlight),
        negative where it faces away (a shadow), 0 on flat ground.

    Raises
    ------
    ValueError
        If an argument is invalid or the font cannot be loaded.
    """
    h, w, text, path, size = _check_text_options(shape, text, font_path, size_px)
    sigma = max(0.5, 0.04 * size) if relief_px is None else _check_positive("relief_px", relief_px, maximum=64)
    if not _is_real(light_deg) or not math.isfinite(float(light_deg)):
        raise ValueError(f"light_deg must be a finite number, got {light_deg!r}")
    ink = _text_in((h, w), text, path, size, origin, anchor)
    height = cv2.GaussianBlur(ink, (0, 0), sigma)
    gy, gx = np.gradient(height)
    a = math.radians(float(light_deg))
    # Image rows run down, so the light's y component changes sign; a unit step blurred by sigma has a slope
    # of at most 1 / (sigma * sqrt(2 pi)), which maps to 1.
    shade = (gx * -math.cos(a) + gy * math.sin(a)) * (sigma * math.sqrt(2 * math.pi))
    np.clip(shade, -1.0, 1.0, out=shade)
    return ink, shade.astype(np.float32)
