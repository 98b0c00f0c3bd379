"""Procedural passport-style portraits of no real person, for synthetic specimen documents.

:func:`synthetic_face` draws a frontal head-and-shoulders portrait from OpenCV primitives (anti-aliased
polygons and polylines), numpy gradients and seeded noise. Nothing is learnt from, traced from or compared with
photographs of people: every face is a point in a small hand-written parameter space, so it depicts no real
person and carries no personal data. The portraits exist to fill the photo zone of synthetic training documents
(photo substitution, ghost images, print defects), where they must look like a printed ID photo at a glance,
not like a photograph under scrutiny.

The composition follows the ICAO Doc 9303 / ISO/IEC 19794-5 portrait guidance loosely: a plain light background,
the face centred and frontal with a neutral expression, 70 to 80 % of the image height from chin to crown, and the
shoulders visible at the bottom.

What the seed varies
--------------------
- skin tone, over light to very dark human tones with warm, neutral or olive undertones;
- head size and position (within the ICAO band), face width, jaw taper and chin shape;
- eye spacing, size, openness, canthal tilt and iris colour; eyebrow thickness, arch and colour;
- nose length and width, mouth position and width, lip thickness; ear size;
- hair colour (black, browns, blonde, auburn, grey) and style (bald, buzz cut, short, receding, curly,
  tied back, bob, long, long curly), with strand or curl texture; optional moustache, beard or stubble;
- optional glasses (plastic or metal frames);
- clothing (suit with or without tie, crew neck, V-neck, collared shirt) and its colour;
- the background's light grey or blue-grey shade, and the light's direction.

The same seed always gives the same face, and the same seed at another size gives the same face resampled
(only the fine noise differs).
"""

from __future__ import annotations

import math
from numbers import Integral
from types import SimpleNamespace

import cv2
import numpy as np

__all__ = ["MAX_ASPECT", "MAX_SIZE", "MIN_ASPECT", "MIN_SIZE", "synthetic_face"]

#: Smallest and largest accepted height or width, in pixels.
MIN_SIZE = 48
MAX_SIZE = 2000
#: Accepted range of the aspect ratio height / width (a 35 x 45 mm photo is 1.29).
MIN_ASPECT = 1.0
MAX_ASPECT = 1.6

# Portraits are drawn at least this tall and then resampled down, so small outputs keep their detail.
_MIN_WORK_HEIGHT = 320
# Sub-pixel precision of the OpenCV drawing calls (coordinates are in 1/16 pixel).
_SHIFT = 4
_ONE = 1 << _SHIFT
_AA = cv2.LINE_AA

# Skin tones seen in well-lit ID photos (sRGB), from very light to very dark.
_SKIN = np.array(
    [
        (246, 222, 204),
        (236, 204, 178),
        (226, 184, 153),
        (206, 160, 124),
        (182, 132, 96),
        (152, 104, 72),
        (122, 82, 57),
        (94, 63, 45),
        (70, 48, 37),
    ],
    np.float32,
)

_HAIR = {
    "black": (26, 23, 22),
    "dark brown": (50, 37, 29),
    "brown": (86, 60, 42),
    "light brown": (128, 95, 66),
    "dark blonde": (158, 126, 86),
    "blonde": (196, 166, 118),
    "auburn": (118, 56, 33),
    "salt and pepper": (104, 101, 98),
    "grey": (150, 148, 145),
    "white": (205, 203, 198),
}

_EYES = {
    "dark brown": (52, 33, 24),
    "brown": (92, 58, 34),
    "hazel": (112, 92, 52),
    "green": (84, 106, 74),
    "blue": (78, 112, 150),
    "grey": (108, 120, 132),
}

_CLOTHES = [
    (30, 37, 60),  # navy
    (52, 54, 60),  # charcoal
    (24, 24, 27),  # black
    (108, 110, 114),  # mid grey
    (84, 64, 50),  # brown
    (40, 64, 50),  # dark green
    (92, 32, 42),  # burgundy
    (186, 172, 148),  # beige
    (228, 228, 224),  # white
    (160, 184, 212),  # light blue
    (62, 92, 128),  # denim blue
    (130, 60, 70),  # rose
    (40, 90, 96),  # teal
]

_SHIRTS = [(236, 236, 232), (196, 212, 232), (226, 222, 210), (230, 218, 222)]
_TIES = [(120, 28, 36), (30, 40, 90), (60, 60, 66), (40, 80, 60), (130, 100, 40)]
_FRAMES = [(22, 22, 24), (58, 40, 30), (92, 60, 36), (165, 166, 170), (176, 148, 90)]


# --- validation --------------------------------------------------------------------------------------------------


def _check(seed: object, height: object, width: object) -> None:
    if isinstance(seed, bool) or not isinstance(seed, Integral):
        raise ValueError(f"`seed` must be a non-negative integer, got {seed!r} of type {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"`seed` must be a non-negative integer, got {seed}")
    for name, size in (("height", height), ("width", width)):
        if isinstance(size, bool) or not isinstance(size, Integral):
            raise ValueError(
                f"`{name}` must be an integer number of pixels, got {size!r} of type {type(size).__name__}"
            )
        if not MIN_SIZE <= int(size) <= MAX_SIZE:
            raise ValueError(f"`{name}` must be between {MIN_SIZE} and {MAX_SIZE} pixels, got {size}")
    aspect = height / width  # type: ignore[operator]
    if not MIN_ASPECT <= aspect <= MAX_ASPECT:
        raise ValueError(
            f"the aspect ratio `height` / `width` must be between {MIN_ASPECT} and {MAX_ASPECT}, "
            f"got {height} / {width} = {aspect:.3f}"
        )


# --- public API --------------------------------------------------------------------------------------------------


def synthetic_face(*, seed: int, height: int, width: int) -> np.ndarray:
    """Return an (height, width, 3) uint8 RGB head-and-shoulders portrait of no real person.

    The portrait is procedural: a seeded draw of face, hair, clothing and background parameters rendered with
    anti-aliased OpenCV primitives, soft shading and a little noise, in an ICAO-like passport composition (plain
    light background, frontal neutral face, chin to crown about 70 to 80 % of the height, shoulders visible).

    Parameters
    ----------
    seed : int
        Non-negative seed of :func:`numpy.random.default_rng`; it alone decides who is pictured.
    height : int
        Image height in pixels, 48 to 2000.
    width : int
        Image width in pixels, 48 to 2000, with ``height / width`` from 1.0 to 1.6.

    Returns
    -------
    numpy.ndarray
        A new ``(height, width, 3)`` ``uint8`` array in RGB order.

    Raises
    ------
    ValueError
        If ``seed`` is not a non-negative integer, if ``height`` or ``width`` is not an integer from 48 to 2000,
        or if ``height / width`` is outside 1.0 to 1.6.

    Notes
    -----
    The same arguments always give identical bytes. The same seed at another size gives the same person, except
    for the fine grain. A 480 x 380 portrait takes about 20 to 25 ms; outputs under 320 pixels tall are drawn at
    320 and resampled down.

    Examples
    --------
    >>> img = synthetic_face(seed=7, height=480, width=380)
    >>> img.shape, img.dtype
    ((480, 380, 3), dtype('uint8'))
    """
    _check(seed, height, width)
    height, width = int(height), int(width)
    rng = np.random.default_rng(int(seed))
    p = _sample(rng)
    factor = max(1.0, _MIN_WORK_HEIGHT / height)
    img = _render(p, rng, round(height * factor), round(width * factor))
    cv2.GaussianBlur(img, (0, 0), 0.45 * factor + 0.35, dst=img)
    if factor > 1:
        img = cv2.resize(img, (width, height), interpolation=cv2.INTER_AREA)
    grain = rng.standard_normal((height, width), dtype=np.float32)
    cv2.scaleAdd(_x3(grain), 1.6, img, dst=img)  # a little monochrome film grain
    np.add(img, 0.5, out=img)
    np.clip(img, 0, 255, out=img)
    return img.astype(np.uint8)


# --- parameters --------------------------------------------------------------------------------------------------


def _pick(rng: np.random.Generator, options: list, weights: list[float]):
    w = np.asarray(weights, np.float64)
    return options[int(rng.choice(len(options), p=w / w.sum()))]


def _sample(rng: np.random.Generator) -> SimpleNamespace:
    """Draw every size-independent parameter of a portrait (lengths relative to the head or image height)."""
    p = SimpleNamespace()
    # Skin: a position along the tone ramp, and an undertone (negative: pink, positive: olive/yellow).
    p.tone = float(rng.random())
    pos = p.tone * (len(_SKIN) - 1)
    i = min(int(pos), len(_SKIN) - 2)
    skin = _SKIN[i] + (_SKIN[i + 1] - _SKIN[i]) * (pos - i)
    under = rng.uniform(-1.0, 1.0)
    skin = skin * np.array([1.0 - 0.01 * under, 1.0 + 0.025 * under, 1.0 - 0.04 * under], np.float32)
    p.skin = np.clip(skin * rng.uniform(0.97, 1.03), 0, 255).astype(np.float32)

    p.masc = bool(rng.random() < 0.5)
    # Head and position (fractions of the image height unless said otherwise).
    p.head_h = rng.uniform(0.70, 0.765)  # chin to crown
    p.crown = rng.uniform(0.075, 0.105)
    p.dx = rng.uniform(-0.006, 0.006)
    p.face_w = rng.uniform(0.30, 0.355) + (0.01 if p.masc else 0.0)  # half-width / head height
    p.jaw_k = rng.uniform(0.12, 0.24) if p.masc else rng.uniform(0.2, 0.32)  # taper towards the chin
    p.jaw_sq = rng.uniform(2.4, 3.4) if p.masc else rng.uniform(2.0, 2.8)  # squareness of the jaw
    # Features (fractions of the head height from the crown, or of the face half-width ``a``).
    p.eye_y = rng.uniform(0.475, 0.52)
    p.eye_sep = rng.uniform(0.37, 0.45)  # x a
    p.eye_w = rng.uniform(0.18, 0.225)  # half-width, x a
    p.eye_open = rng.uniform(0.36, 0.50)  # upper lid height, x eye half-width
    p.eye_low = rng.uniform(0.22, 0.32)
    p.eye_tilt = rng.uniform(-0.05, 0.12)
    p.iris = rng.uniform(0.42, 0.49)
    p.brow_gap = rng.uniform(0.07, 0.10)  # above the eye line, x head height
    p.brow_thick = rng.uniform(0.26, 0.42) if p.masc else rng.uniform(0.16, 0.30)
    p.brow_arch = rng.uniform(0.0, 0.45)
    p.brow_len = rng.uniform(1.15, 1.45)
    p.nose_y = rng.uniform(0.675, 0.725)
    p.nose_w = rng.uniform(0.19, 0.26)
    p.mouth_pos = rng.uniform(0.30, 0.37)  # fraction of nose-to-chin
    p.mouth_w = rng.uniform(0.30, 0.38)
    p.lip_up = rng.uniform(0.010, 0.018) if p.masc else rng.uniform(0.014, 0.022)
    p.lip_lo = rng.uniform(0.016, 0.026) if p.masc else rng.uniform(0.020, 0.032)
    p.ear_w = rng.uniform(0.09, 0.14)
    p.neck_w = rng.uniform(0.58, 0.70) if p.masc else rng.uniform(0.48, 0.58)
    p.shoulder_w = rng.uniform(2.15, 2.6) if p.masc else rng.uniform(1.95, 2.35)
    p.shoulder_y = rng.uniform(-0.015, 0.01)
    p.shoulder_drop = rng.uniform(0.045, 0.075)
    p.light = rng.uniform(-1.0, 1.0)

    # Hair: colour depends loosely on the skin tone, style on presentation.
    dark = p.tone > 0.5
    names = list(_HAIR)
    if dark:
        weights = [6, 3, 0.6, 0, 0, 0, 0, 0.6, 0.4, 0.2]
    else:
        weights = [2, 3, 2.5, 2, 1.2, 1, 0.8, 0.6, 0.5, 0.3]
    p.hair_name = _pick(rng, names, weights)
    p.hair = np.array(_HAIR[p.hair_name], np.float32) * rng.uniform(0.9, 1.1)
    if p.masc:
        styles = ["short", "buzz", "bald", "receding", "curly", "medium"]
        weights = [4, 1.5, 1, 1.5, 1.5 + (1.5 if dark else 0), 1]
    else:
        styles = ["long", "bob", "tied", "curly", "long curly", "short"]
        weights = [4, 2, 1.5, 1 + (1.5 if dark else 0), 1, 1]
    p.style = _pick(rng, styles, weights)
    p.hairline = rng.uniform(0.14, 0.20)  # from the crown, x head height
    if p.style == "receding":
        p.hairline = rng.uniform(0.22, 0.28)
    p.hair_top = rng.uniform(0.02, 0.05)
    p.hair_side = rng.uniform(0.01, 0.03)
    p.hair_len = rng.uniform(0.04, 0.16)  # below the chin, x image height (long styles)
    p.part = rng.uniform(-0.12, 0.12)
    p.hairline_sq = rng.uniform(2.1, 3.0)
    p.bangs = bool(rng.random() < 0.3) and p.style in ("long", "bob")
    beards = ["none", "stubble", "moustache", "beard", "goatee"]
    p.facial_hair = _pick(rng, beards, [6, 1.2, 1, 1.2, 0.6]) if p.masc else "none"
    if p.hair_name in ("blonde", "dark blonde"):
        p.brow = np.array(_HAIR["light brown"], np.float32) * rng.uniform(0.8, 1.0)
    elif p.hair_name in ("grey", "white"):
        p.brow = np.array(_HAIR["salt and pepper"], np.float32) * rng.uniform(0.9, 1.2)
    else:
        p.brow = p.hair * rng.uniform(0.8, 1.0)
    eye_names = list(_EYES)
    ew = [6, 3, 0.5, 0, 0, 0] if dark else [2, 3, 1.5, 1, 1.5, 1]
    p.eye = np.array(_EYES[_pick(rng, eye_names, ew)], np.float32) * rng.uniform(0.9, 1.1)

    p.glasses = bool(rng.random() < 0.22)
    p.frame = np.array(_FRAMES[int(rng.integers(len(_FRAMES)))], np.float32)
    p.frame_round = rng.uniform(2.3, 4.0)
    p.frame_w = rng.uniform(1.35, 1.6)
    p.frame_h = rng.uniform(0.95, 1.25)

    p.clothes = _pick(rng, ["suit", "crew", "vneck", "collar"], [3, 2, 1.5, 2] if p.masc else [1.5, 2.5, 2, 2])
    p.cloth = np.array(_CLOTHES[int(rng.integers(len(_CLOTHES)))], np.float32) * rng.uniform(0.9, 1.1)
    p.shirt = np.array(_SHIRTS[int(rng.integers(len(_SHIRTS)))], np.float32)
    p.tie = np.array(_TIES[int(rng.integers(len(_TIES)))], np.float32) if (p.masc and rng.random() < 0.55) else None
    if p.clothes in ("crew", "vneck", "collar") and rng.random() < 0.4:
        p.cloth = np.clip(p.cloth * 1.0 + rng.uniform(20, 60), 0, 235)  # lighter casual colours

    grey = rng.uniform(214, 236)
    tint = rng.uniform(-2, 9) if rng.random() < 0.6 else 0.0  # blue-grey
    p.bg = np.array([grey - tint, grey - 0.2 * tint, grey + tint], np.float32)
    return p


# --- drawing helpers ---------------------------------------------------------------------------------------------


def _fx(pts: np.ndarray) -> np.ndarray:
    return np.round(np.asarray(pts, np.float64) * _ONE).astype(np.int32).reshape(-1, 1, 2)


def _ellipse(cx: float, cy: float, ax: float, ay: float, n: int = 48, angle: float = 0.0) -> np.ndarray:
    t = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    x, y = ax * np.cos(t), ay * np.sin(t)
    if angle:
        c, s = math.cos(angle), math.sin(angle)
        x, y = c * x - s * y, s * x + c * y
    return np.stack([cx + x, cy + y], axis=-1)


def _superellipse(cx: float, cy: float, ax: float, ay: float, n_exp: float, n: int = 72) -> np.ndarray:
    t = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    x = ax * np.sign(c) * np.abs(c) ** (2.0 / n_exp)
    y = ay * np.sign(s) * np.abs(s) ** (2.0 / n_exp)
    return np.stack([cx + x, cy + y], axis=-1)


def _x3(m: np.ndarray) -> np.ndarray:
    """A single-channel map repeated into three channels (numpy broadcasting against a trailing 3 is slow)."""
    return cv2.merge([m, m, m])


def _tint(m: np.ndarray, colour, add: np.ndarray | float = 0.0) -> np.ndarray:
    """``colour * m + add`` as an (h, w, 3) image, for a single-channel ``m`` and an RGB ``colour``."""
    if isinstance(add, np.ndarray):
        return cv2.merge([cv2.addWeighted(m, float(c), add, 1.0, 0.0) for c in colour[:3]])
    return cv2.merge([cv2.addWeighted(m, float(c), m, 0.0, float(add)) for c in colour[:3]])


class _Canvas:
    """A float32 RGB image painted through soft masks computed over small regions of interest."""

    def __init__(self, img: np.ndarray) -> None:
        self.img = img
        self.h, self.w = img.shape[:2]
        self._pool: dict[str, np.ndarray] = {}

    def scratch(self, key: str, shape: tuple[int, ...]) -> np.ndarray:
        """A float32 work array of ``shape``, reused across calls under ``key`` (fresh memory costs page faults)."""
        n = math.prod(shape)
        buf = self._pool.get(key)
        if buf is None or buf.size < n:
            buf = self._pool[key] = np.empty(max(n, self.h * self.w * (3 if len(shape) == 3 else 1)), np.float32)
        return buf[:n].reshape(shape)

    def box(self, pts: list[np.ndarray], pad: float) -> tuple[int, int, int, int] | None:
        allp = np.concatenate([np.asarray(q, np.float64).reshape(-1, 2) for q in pts])
        x0 = max(int(allp[:, 0].min() - pad), 0)
        x1 = min(int(allp[:, 0].max() + pad) + 2, self.w)
        y0 = max(int(allp[:, 1].min() - pad), 0)
        y1 = min(int(allp[:, 1].max() + pad) + 2, self.h)
        if x1 <= x0 or y1 <= y0:
            return None
        return y0, y1, x0, x1

    def mask(self, shapes: list[tuple], blur: float = 0.0, box: tuple | None = None):
        """Rasterise ``shapes``, each (points, value 0..1[, thickness]), in order; thickness > 0 strokes a line.

        Returns ``(mask, box)``: a float32 mask over the region ``box`` = (y0, y1, x0, x1), or ``None`` when the
        shapes fall outside the canvas.
        """
        if box is None:
            box = self.box([s[0] for s in shapes], pad=3 * blur + 3)
        if box is None:
            return None
        y0, y1, x0, x1 = box
        m = np.zeros((y1 - y0, x1 - x0), np.uint8)
        off = np.array([x0, y0], np.float64)
        for shape in shapes:
            pts, val = shape[0], shape[1]
            thick = shape[2] if len(shape) > 2 else 0
            q = _fx(np.asarray(pts, np.float64) - off)
            v = int(round(255 * val))
            if thick <= 0:
                cv2.fillPoly(m, [q], v, _AA, _SHIFT)
            else:
                cv2.polylines(m, [q], False, v, max(1, int(round(thick))), _AA, _SHIFT)
        return _soft(m.astype(np.float32) * np.float32(1 / 255), blur), box

    def grid(self, box: tuple) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates of ``box`` as float32 column (y) and row (x) vectors."""
        y0, y1, x0, x1 = box
        return np.arange(y0, y1, dtype=np.float32)[:, None], np.arange(x0, x1, dtype=np.float32)[None, :]

    def roi(self, box: tuple) -> np.ndarray:
        y0, y1, x0, x1 = box
        return self.img[y0:y1, x0:x1]

    def paint(self, mb, color, alpha: float = 1.0) -> None:
        """Blend ``color`` (RGB triple or an image over the box) into the canvas through the mask ``mb``."""
        if mb is None:
            return
        m, box = mb
        roi = self.roi(box)
        shape = (*m.shape, 3)
        a = m if alpha == 1.0 else m * np.float32(alpha)
        a3 = cv2.merge([a, a, a], dst=self.scratch("a3", shape))
        d = self.scratch("d", shape)
        if isinstance(color, np.ndarray) and color.ndim == 3:
            cv2.subtract(color, roi, dst=d)
        else:
            c = [float(v) for v in color]
            cv2.subtract(roi, (c[0], c[1], c[2], 0.0), dst=d)  # type: ignore[call-overload]  # a Scalar; the stubs lack it
            cv2.multiply(d, -1.0, dst=d)
        cv2.multiply(d, a3, dst=d)
        cv2.add(roi, d, dst=roi)  # in place, through the view


def _soft(m: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur; wide ones run on a downsampled copy, which looks the same and costs far less."""
    if sigma <= 0.25:
        return m
    if sigma <= 3.0:
        return cv2.GaussianBlur(m, (0, 0), sigma, dst=m)
    f = sigma / 1.5
    h, w = m.shape[:2]
    small = cv2.resize(m, (max(1, round(w / f)), max(1, round(h / f))), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 1.5)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _upsample(m: np.ndarray, step: int, h: int, w: int) -> np.ndarray:
    """Resample a map computed every ``step`` pixels (from the region's origin) up to ``h`` x ``w``."""
    m = m[: (h + step - 1) // step + 1, : (w + step - 1) // step + 1]
    return cv2.resize(m, None, fx=step, fy=step, interpolation=cv2.INTER_LINEAR)[:h, :w]


def _noise(rng: np.random.Generator, h: int, w: int, cell_y: float, cell_x: float) -> np.ndarray:
    """Smooth unit-variance-ish noise over an h x w canvas with features about ``cell`` pixels in size."""
    gy, gx = max(2, int(h / cell_y) + 2), max(2, int(w / cell_x) + 2)
    n = rng.standard_normal((gy, gx), dtype=np.float32)
    return cv2.resize(n, (w, h), interpolation=cv2.INTER_CUBIC)


def _halfwidth(outline: np.ndarray, cx: float, y: float) -> float:
    right = outline[outline[:, 0] >= cx]
    order = np.argsort(right[:, 1])
    return float(np.interp(y, right[order, 1], right[order, 0])) - cx


# --- rendering ---------------------------------------------------------------------------------------------------


def _render(p: SimpleNamespace, rng: np.random.Generator, H: int, W: int) -> np.ndarray:
    U = float(H)
    g = SimpleNamespace(U=U)  # geometry in canvas pixels
    g.hh = hh = p.head_h * U
    g.crown = crown = p.crown * U
    g.chin = chin = crown + hh
    g.cx = cx = W / 2 + p.dx * U
    g.a = a = p.face_w * hh
    g.y_c = y_c = crown + 0.44 * hh  # the widest line of the skull
    g.b1, g.b2 = y_c - crown, chin - y_c
    g.y_e = crown + p.eye_y * hh
    g.e_dx = a * p.eye_sep
    g.ew = a * p.eye_w
    g.y_b = g.y_e - p.brow_gap * hh
    g.y_n = crown + p.nose_y * hh
    g.nw = a * p.nose_w
    g.y_m = g.y_n + (chin - g.y_n) * p.mouth_pos
    g.mw = a * p.mouth_w
    g.lu, g.ll = p.lip_up * hh, p.lip_lo * hh
    g.y_hl = crown + p.hairline * hh
    g.nk = a * p.neck_w
    g.y_sh = chin + p.shoulder_y * U  # where the shoulder line meets the neck
    skin = p.skin

    # Face outline: an egg, wider at the temples, tapering to the jaw and chin.
    t = np.linspace(0.0, np.pi, 48)
    skull = np.stack([cx + a * np.cos(t), y_c - g.b1 * np.sin(t)], -1)  # right to left over the top
    u = np.sin(np.linspace(0.0, np.pi / 2, 40)) ** 0.8  # 0 at the temples to 1 at the chin, dense at the chin
    half = a * (1 - u**p.jaw_sq) ** (1 / p.jaw_sq) * (1 - p.jaw_k * u)
    jaw_left = np.stack([cx - half, y_c + g.b2 * u], -1)
    jaw_right = np.stack([cx + half, y_c + g.b2 * u], -1)[::-1]
    g.face = face = np.concatenate([skull, jaw_left[1:], jaw_right[1:-1]])
    top, bot = g.y_b + 0.015 * hh, g.y_n + 0.01 * hh
    g.ear_y, g.ear_h, g.ear_w = (top + bot) / 2, (bot - top) / 2, a * p.ear_w
    g.ear_dx = _halfwidth(face, cx, g.ear_y) + g.ear_w * 0.25

    # Seeded noise fields over the whole canvas (drawn at low resolution, then resampled).
    fine = _noise(rng, H, W, 2.5, 2.5)
    mottle = _noise(rng, H, W, U / 25, U / 25)
    if "curly" in p.style:
        k = U / 80
        hair_tex = 0.6 * _noise(rng, H, W, k, k) + 0.4 * _noise(rng, H, W, k / 2, k / 2)
        hair_tex -= 0.3 * np.abs(_noise(rng, H, W, 2 * k, 2 * k))
    else:
        hair_tex = _noise(rng, H, W, U / 14, 1.8)
        cv2.addWeighted(hair_tex, 0.55, _noise(rng, H, W, U / 40, 3.5), 0.35, 0.0, dst=hair_tex)
        cv2.scaleAdd(_noise(rng, H, W, U / 20, U / 20), 0.3, hair_tex, dst=hair_tex)

    # Background: a plain light shade, slightly brighter behind the head, with a faint mottle.
    yy = np.linspace(0, U, 24, dtype=np.float32)[:, None]
    xx = np.linspace(0, W, 20, dtype=np.float32)[None, :]
    r2 = ((xx - cx) / (0.8 * W)) ** 2 + ((yy - 0.42 * U) / (0.9 * U)) ** 2
    vign = cv2.resize(1.03 - 0.06 * r2, (W, H), interpolation=cv2.INTER_LINEAR) + 0.003 * mottle
    cv = _Canvas(_tint(vign, p.bg))

    # The hair mass behind the head (long hair falls behind the neck); window[0] is the face, the rest ears.
    hair = _hair_shapes(p, g)
    outer, window, _ = hair
    mb = cv.mask([(q, 1.0) for q in outer] + [(q, 0.0) for q in window[1:]], blur=0.008 * hh)
    _paint_hair(cv, mb, p, g, hair_tex, back=True)

    _neck(cv, p, g, mottle)
    _clothes(cv, p, g, fine, mottle)
    _ears(cv, p, g)

    # Face: skin with an elliptical gradient, soft feature shading, a little blush and texture.
    mb = cv.mask([(face, 1.0)], blur=0.8)
    fbox = mb[1]
    y0, y1, x0, x1 = fbox
    gy, gx = cv.grid(fbox)
    ry = (gy - (g.y_e + 0.04 * hh)) / (0.62 * hh)
    rx = (gx - cx - 0.18 * p.light * a) / (1.0 * a)
    grad = np.clip(1.08 - 0.38 * (rx * rx + ry * ry) ** 1.3, 0.5, 1.1)
    dark, light = _face_shading(cv, fbox, p, g)
    shade = grad * (1 - dark) * (1 + 0.10 * light) * (1 + 0.022 * mottle[y0:y1, x0:x1] + 0.012 * fine[y0:y1, x0:x1])
    blush = _blush(cv, fbox, g) * np.float32(0.06 * (1 - p.tone))
    add = 9 * light
    col = cv2.merge(
        [shade * skin[0] + add, shade * (1 - blush) * skin[1] + add, shade * (1 - 0.8 * blush) * skin[2] + add]
    )
    cv.paint(mb, col)

    for side in (-1, 1):
        _brow(cv, p, g, side, fine)
        _eye(cv, p, g, side)
    _nose(cv, p, g)
    _mouth(cv, p, g)
    if p.facial_hair != "none":
        _facial_hair(cv, p, g, fbox, hair_tex, mottle)
    if p.glasses:
        _glasses(cv, p, g)

    _front_hair(cv, p, g, hair, fbox, hair_tex)
    return cv.img


def _front_hair(
    cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace, hair: _Shapes, fbox: tuple, hair_tex: np.ndarray
) -> None:
    """The hair in front of the face: the hair mass minus the face window and the neck, with its shadow."""
    outer, window, extra = hair
    cx, chin, hh, U, a, crown, skin, face = g.cx, g.chin, g.hh, g.U, g.a, g.crown, p.skin, g.face
    y_top = chin - 0.05 * hh
    neck_cut = np.array(
        [(cx - 1.02 * g.nk, y_top), (cx + 1.02 * g.nk, y_top), (cx + 1.3 * g.nk, 1.1 * U), (cx - 1.3 * g.nk, 1.1 * U)]
    )
    shapes = [(q, 1.0) for q in outer] + [(q, 0.0) for q in window] + [(neck_cut, 0.0)]
    shapes += [(q, 1.0) for q in extra]
    mb = cv.mask(shapes, blur=0.008 * hh)
    if mb is not None and p.style != "bald":
        # A soft shadow of the hair on the forehead and temples.
        sh = cv.mask(shapes, blur=0.025 * hh, box=fbox)[0]
        fm = cv.mask([(face, 1.0)], box=fbox)[0]
        cv.roi(fbox)[:] *= _x3(1 - 0.35 * sh * fm)
    _paint_hair(cv, mb, p, g, hair_tex, back=False)
    if p.style in ("long", "bob", "medium", "short", "tied") and abs(p.part) > 0.03 and not p.bangs:
        # The parting: a thin line of scalp from the hairline back towards the crown.
        xp = cx + 1.6 * p.part * a
        k = np.linspace(0, 1, 12)
        line = np.stack([xp + (0.3 * p.part * a) * k, g.y_hl - 0.01 * hh - (g.y_hl - crown - 0.02 * hh) * k], -1)
        cv.paint(cv.mask([(line, 1.0, max(1.0, 0.006 * hh))], blur=0.004 * hh + 0.4), skin * 0.8, 0.55)


_Shapes = tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]


def _hair_shapes(p: SimpleNamespace, g: SimpleNamespace) -> _Shapes:
    """(outer, window, extra) polygon lists: the hair mass, the face cut out of it, and bits added back."""
    style = p.style
    cx, a, hh, U, y_c, b1 = g.cx, g.a, g.hh, g.U, g.y_c, g.b1
    top, side = p.hair_top * hh, p.hair_side * hh
    part = p.part * a
    ph = p.hair_top * 977.0  # a seeded phase for the outline's waviness

    # The window is a squarish ellipse whose top edge is the hairline, with the temples cut back a little.
    win_bottom = g.chin + 0.05 * hh
    win_w = a * (0.86 if style in ("long", "bob", "long curly", "medium") else 0.96)
    win_h = (win_bottom - g.y_hl) / 2
    win = _superellipse(cx + 0.25 * part, g.y_hl + win_h, win_w, win_h, p.hairline_sq, n=120)
    if p.masc and style in ("short", "receding", "buzz", "medium", "curly"):
        # Temples receding: the hairline rises towards the sides.
        recess = (0.07 if style == "receding" else 0.03) * hh
        rel = np.abs(win[:, 0] - cx) / a
        lift = recess * np.exp(-(((rel - 0.62) / 0.22) ** 2)) * (win[:, 1] < g.y_b)
        win = win - np.stack([np.zeros_like(lift), lift], -1)
    if style in ("long", "bob", "medium", "short", "tied") and abs(p.part) > 0.03:
        # A parting: the hairline rises in a narrow notch on one side.
        xp = cx + 1.6 * part
        notch = 0.025 * hh * np.exp(-(((win[:, 0] - xp) / (0.04 * a)) ** 2)) * (win[:, 1] < g.y_b)
        win = win - np.stack([np.zeros_like(notch), notch], -1)
    window = [win]
    if style in ("short", "receding", "buzz", "tied", "curly"):
        # The hair wraps around the top of the ears.
        for sd in (-1, 1):
            ex = cx + sd * (g.ear_dx + 0.3 * g.ear_w)
            window.append(_ellipse(ex, g.ear_y + 0.1 * g.ear_h, 2.0 * g.ear_w, 1.2 * g.ear_h, angle=sd * 0.35))
    if p.bangs:
        y_f = g.y_b - 0.035 * hh
        window = [_superellipse(cx, (y_f + win_bottom) / 2, a * 0.84, (win_bottom - y_f) / 2, 4.0)]

    def cap(ax: float, ay: float, cyc: float, wav: float, n: int = 120) -> np.ndarray:
        t = np.linspace(0, 2 * np.pi, n, endpoint=False)
        bump = 1 + wav * (np.sin(7 * t + ph) + 0.6 * np.sin(13 * t + 2 * ph) + 0.4 * np.sin(23 * t + 3 * ph))
        return np.stack([cx - 0.15 * part + ax * np.cos(t) * bump, cyc + ay * np.sin(t) * bump], -1)

    def above(poly: np.ndarray, y: float) -> np.ndarray:
        return _clip_poly(poly, np.array([(0.0, -U), (0.0, y)]))

    sideburns = []
    if p.masc and style in ("short", "receding", "medium", "curly"):
        for sd in (-1, 1):
            y0, y1 = g.y_b - 0.02 * hh, g.y_e + 0.03 * hh
            h0, h1 = _halfwidth(g.face, cx, y0), _halfwidth(g.face, cx, y1)
            sideburns.append(
                np.array(
                    [
                        (cx + sd * (h0 + 0.01 * a), y0),
                        (cx + sd * (h0 - 0.12 * a), y0),
                        (cx + sd * (h1 - 0.07 * a), y1),
                        (cx + sd * (h1 + 0.01 * a), y1),
                    ]
                )
            )

    if style == "bald":
        ring = cap(a * 1.03 + 0.012 * hh, b1 + 0.012 * hh, y_c, 0.0)
        outer = [_clip_poly(ring, np.array([(0.0, y_c - 0.09 * hh), (0.0, g.y_e + 0.01 * hh)]))]
        return outer, [_ellipse(cx, y_c + 0.1 * hh, a * 0.96, 0.6 * hh, n=72)], []
    if style == "buzz":
        return [above(cap(a * 1.03 + 0.006 * hh, b1 + 0.008 * hh, y_c, 0.0), g.y_b + 0.01 * hh)], window, sideburns
    if style == "tied":
        return [above(cap(a * 1.03 + 0.012 * hh, b1 + 0.018 * hh, y_c, 0.002), g.y_b)], window, []
    if style in ("short", "receding"):
        return [above(cap(a * 1.01 + 0.5 * side, b1 + top, y_c, 0.004), g.y_b + 0.01 * hh)], window, sideburns
    if style == "curly":
        vol = (0.04 + 0.3 * p.hair_top) * hh
        poly = cap(a * 1.02 + 0.6 * vol, b1 + vol, y_c + 0.02 * hh, 0.006, n=200)
        # Hugging the head above the ears rather than standing out like a cap.
        pull = np.clip((poly[:, 1] - y_c + 0.12 * hh) / (0.12 * hh), 0, 1)
        poly[:, 0] = cx + (poly[:, 0] - cx) * (1 - 0.07 * pull)
        return [above(poly, g.y_b + 0.02 * hh)], window, sideburns

    # Long styles: the cap continues down into curtains past the jaw, flaring out, with ragged ends.
    if style == "medium":
        bottom, flare = g.y_n, 0.02 * hh
    elif style == "bob":
        bottom, flare = g.chin + 0.01 * U + 0.2 * p.hair_len * U, 0.06 * hh
    else:
        bottom, flare = min(g.chin + p.hair_len * U + 0.03 * U, U * 1.05), 0.11 * hh
    curly = style == "long curly"
    if curly:
        flare += 0.04 * hh
        side += 0.03 * hh
        top += 0.03 * hh
    ax, ay = a * 1.03 + side, b1 + top
    t = np.linspace(np.pi, 2 * np.pi, 60)
    wav = 0.012 if curly else 0.003
    bump = 1 + wav * (np.sin(7 * t + ph) + 0.6 * np.sin(13 * t + 2 * ph))
    upper = np.stack([cx - 0.15 * part + ax * np.cos(t) * bump, y_c + ay * np.sin(t) * bump], -1)
    xr, xl = upper[-1, 0], upper[0, 0]
    k = np.linspace(0, 1, 30)
    swing = flare * np.sin(np.pi / 2 * k) ** 1.5 + (0.012 * hh * np.sin(k * 9 + ph) if curly else 0)
    right = np.stack([xr + swing, y_c + (bottom - y_c) * k], -1)
    left = np.stack([xl - swing[::-1], y_c + (bottom - y_c) * k[::-1]], -1)
    xs = np.linspace(xr + flare, xl - flare, 24)
    ragged = 0.02 * hh * np.abs(np.sin(np.arange(24) * 1.7 + ph))
    ys = bottom - ragged - 0.05 * hh * (1 - ((xs - cx) / (xr - cx + flare)) ** 2)
    outer = [np.concatenate([upper, right, np.stack([xs, ys], -1), left])]
    return outer, window, []


def _clip_poly(poly: np.ndarray, band: np.ndarray) -> np.ndarray:
    """Clip a polygon to the horizontal band between ``band[:, 1].min()`` and ``.max()`` (Sutherland-Hodgman)."""
    y_lo, y_hi = band[:, 1].min(), band[:, 1].max()
    out = poly
    for y_lim, keep_below in ((y_hi, True), (y_lo, False)):
        res = []
        for i in range(len(out)):
            p0, p1 = out[i - 1], out[i]
            in0 = p0[1] <= y_lim if keep_below else p0[1] >= y_lim
            in1 = p1[1] <= y_lim if keep_below else p1[1] >= y_lim
            if in1 != in0:
                res.append(p0 + (p1 - p0) * ((y_lim - p0[1]) / (p1[1] - p0[1])))
            if in1:
                res.append(p1)
        if not res:
            return np.zeros((3, 2))
        out = np.array(res)
    return out


def _paint_hair(cv: _Canvas, mb, p: SimpleNamespace, g: SimpleNamespace, tex: np.ndarray, back: bool) -> None:
    if mb is None:
        return
    m, box = mb
    y0, y1, x0, x1 = box
    t = tex[y0:y1, x0:x1]
    # Shading, computed on a coarse grid (it is smooth): darker away from the head and behind it, and a sheen
    # ring around the crown that the strands break up.
    step = 4
    gy = np.arange(y0, y1 + step, step, dtype=np.float32)[:, None]
    gx = np.arange(x0, x1 + step, step, dtype=np.float32)[None, :]
    ex = (gx - g.cx) / (1.15 * g.a)
    ey = (gy - g.y_c + 0.08 * g.hh) / (1.0 * g.b1 + 0.08 * g.hh)
    r = np.sqrt(ex * ex + ey * ey)
    shade = 1.05 - 0.3 * np.clip(r - 0.5, 0, 1.2)
    if back:
        shade = shade * 0.72
    sheen = np.exp(-(((r - 0.78) / 0.16) ** 2)) * np.clip(0.6 - ey, 0, 1)
    shade = _upsample(shade, step, y1 - y0, x1 - x0)
    sheen = _upsample(sheen, step, y1 - y0, x1 - x0)
    lum = float(p.hair.mean())
    amp = (0.2 if lum < 120 else 0.12) * (0.7 if "curly" in p.style else 1.0)
    mod = shade * (1 + amp * t)
    grain = 0.5 if "curly" in p.style else 0.9
    glow = (34.0 if lum < 100 else 22.0) * sheen * np.clip(1 + grain * t, 0, 2)
    warm = 0.5 + 0.5 * p.hair / max(float(p.hair.max()), 1.0)  # the sheen takes the hair's hue
    # Strand-like edges: the soft mask is sharpened and broken up by the texture.
    alpha = np.clip((m - 0.5) * 2.2 + 0.5 + 0.18 * t, 0, 1) * np.clip(m * 4, 0, 1)
    if p.style in ("short", "receding", "buzz", "curly"):
        # Clipped shorter over the ears: thinner towards the bottom of the sides.
        gy = np.arange(y0, y1, dtype=np.float32)[:, None]
        alpha = alpha * np.clip(0.45 + (g.y_b - gy) / (0.12 * g.hh), 0.45, 1)
    if p.style == "buzz":
        alpha = alpha * np.clip(0.6 + 0.2 * t, 0, 1)
    elif p.style == "bald":
        alpha = alpha * np.clip(0.45 + 0.2 * t, 0, 1)
    # Blend channel by channel: this region can be most of the canvas, and three-channel temporaries cost.
    roi = cv.roi(box)
    chans = [cv.scratch(f"c{i}", mod.shape) for i in range(3)]
    cv2.split(roi, chans)
    tmp = cv.scratch("tmp", mod.shape)
    for i in range(3):
        cv2.addWeighted(mod, float(p.hair[i]), glow, float(warm[i]), 0.0, dst=tmp)
        cv2.subtract(tmp, chans[i], dst=tmp)
        cv2.multiply(tmp, alpha.astype(np.float32, copy=False), dst=tmp)
        cv2.add(chans[i], tmp, dst=chans[i])
    cv2.merge(chans, dst=roi)


def _neck(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace, mottle: np.ndarray) -> None:
    """The neck, darker under the jaw and at its sides."""
    cx, nk, y_sh, U = g.cx, g.nk, g.y_sh, g.U
    y_low = y_sh + 0.07 * U
    neck = np.array(
        [
            (cx - nk, g.y_c),
            (cx + nk, g.y_c),
            (cx + nk * 1.04, y_sh),
            (cx + nk * 1.3, y_low),
            (cx - nk * 1.3, y_low),
            (cx - nk * 1.04, y_sh),
        ]
    )
    mb = cv.mask([(neck, 1.0)], blur=0.7)
    if mb is None:
        return
    box = mb[1]
    y0, y1, x0, x1 = box
    shadow = cv.mask([(g.face + [0, 0.05 * g.hh], 1.0)], blur=0.03 * g.hh, box=box)[0]
    gy, gx = cv.grid(box)
    side = np.abs(gx - cx) / nk
    shade = (0.86 - 0.4 * shadow - 0.12 * side**4) * (1 + 0.03 * mottle[y0:y1, x0:x1])
    cv.paint(mb, _tint(shade, p.skin))


def _ears(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace) -> None:
    """Ears with a darker bowl; the face covers their inner edge."""
    ey, eh, ew = g.ear_y, g.ear_h, g.ear_w
    for side in (-1, 1):
        ex = g.cx + side * g.ear_dx
        mb = cv.mask([(_ellipse(ex, ey, ew, eh, angle=side * 0.12), 1.0)], blur=0.8)
        if mb is None:
            continue
        gy, gx = cv.grid(mb[1])
        shade = 0.8 - 0.1 * np.clip(((gx - ex) * side) / ew, -1, 1) + 0 * gy
        cv.paint(mb, _tint(shade, p.skin))
        inner = _ellipse(ex + side * 0.1 * ew, ey + 0.05 * eh, ew * 0.45, eh * 0.55, angle=side * 0.12)
        cv.paint(cv.mask([(inner, 1.0)], blur=0.25 * ew), p.skin * 0.6, 0.6)


def _face_shading(cv: _Canvas, box: tuple, p: SimpleNamespace, g: SimpleNamespace):
    """Soft dark and light maps over the face box: sockets, nose, lips, cheekbones, forehead."""
    E = _ellipse
    cx, a, hh, ew, nw = g.cx, g.a, g.hh, g.ew, g.nw
    y_e, y_n, y_m = g.y_e, g.y_n, g.y_m
    dark_shapes = []
    light_shapes = []
    for side in (-1, 1):
        ex = cx + side * g.e_dx
        dark_shapes += [
            (E(ex - side * 0.2 * ew, y_e - 0.25 * ew, 1.35 * ew, 0.85 * ew), 0.16),  # socket
            (E(cx + side * 0.55 * nw, (y_e + y_n) / 2 - 0.05 * hh, 0.2 * nw, (y_n - y_e) * 0.42), 0.13),  # nose side
            (E(ex, y_e + 0.75 * ew, 0.9 * ew, 0.22 * ew), 0.07),  # under the eye
            (E(cx + side * 0.80 * a, y_n + 0.02 * hh, 0.16 * a, 0.10 * hh), 0.07),  # cheek hollow
            (E(cx + side * (g.mw + 0.02 * a), y_m, 0.06 * a, 0.02 * hh), 0.16),  # mouth corner
        ]
        light_shapes += [(E(cx + side * 0.52 * a, y_e + 1.35 * ew, 0.24 * a, 0.13 * a), 0.45)]  # cheekbone
    dark_shapes += [
        (E(cx, y_n + 0.10 * nw, 0.75 * nw, 0.22 * nw), 0.20),  # under the nose
        (E(cx, y_m + g.lu + g.ll * 1.25, 0.55 * g.mw, 0.45 * g.ll), 0.16),  # under the lower lip
        (E(cx, (y_n + y_m) / 2 + 0.1 * (y_m - y_n), 0.12 * nw, 0.3 * (y_m - y_n)), 0.05),  # philtrum
    ]
    light_shapes += [
        (E(cx, (y_e + y_n) / 2 - 0.02 * hh, 0.2 * nw, (y_n - y_e) * 0.42), 0.5),  # nose bridge
        (E(cx, y_n - 0.45 * nw, 0.3 * nw, 0.26 * nw), 0.8),  # nose tip
        (E(cx, g.y_hl + (g.y_b - g.y_hl) * 0.5, 0.42 * a, (g.y_b - g.y_hl) * 0.28), 0.45),  # forehead
        (E(cx, g.chin - 0.05 * hh, 0.22 * a, 0.03 * hh), 0.35),  # chin
    ]
    dark = cv.mask(dark_shapes, blur=0.014 * hh, box=box)[0]
    light = cv.mask(light_shapes, blur=0.022 * hh, box=box)[0]
    return dark, light


def _blush(cv: _Canvas, box: tuple, g: SimpleNamespace) -> np.ndarray:
    E = _ellipse
    shapes = [(E(g.cx + s * 0.5 * g.a, g.y_e + 2.0 * g.ew, 0.2 * g.a, 0.12 * g.a), 1.0) for s in (-1, 1)]
    shapes.append((E(g.cx, g.y_n - 0.4 * g.nw, 0.4 * g.nw, 0.3 * g.nw), 0.8))
    return cv.mask(shapes, blur=0.1 * g.a, box=box)[0]


def _brow(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace, side: int, fine: np.ndarray) -> None:
    ew, ex = g.ew, g.cx + side * g.e_dx
    u = np.linspace(0, 1, 24)
    gamma = math.log(0.5) / math.log(0.62)  # the arch peaks 62 % of the way out
    x = ex + side * (-1.0 * ew + u * p.brow_len * 1.9 * ew)
    y = g.y_b - p.brow_arch * ew * np.sin(np.pi * u**gamma) + 0.18 * ew * u**2 - 0.05 * ew * (1 - u)
    th = p.brow_thick * ew * (1.05 - 0.65 * u**1.5)
    poly = np.concatenate([np.stack([x, y - th * 0.45], -1), np.stack([x, y + th * 0.55], -1)[::-1]])
    mb = cv.mask([(poly, 1.0)], blur=0.06 * ew + 0.4)
    if mb is None:
        return
    m, box = mb
    y0, y1, x0, x1 = box
    gy, gx = cv.grid(box)
    # Fainter at the inner end, a little grain along the hairs.
    fade = np.clip(0.55 + 0.45 * ((gx - (ex - side * ew)) * side) / (0.5 * ew), 0.55, 1.0)
    t = fine[y0:y1, x0:x1]
    alpha = m * fade * np.clip(0.85 + 0.12 * t, 0.3, 1.0)
    cv.paint((alpha, box), _tint(1 + 0.08 * t, p.brow))


def _eye(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace, side: int) -> None:
    ew, ex, ey, skin = g.ew, g.cx + side * g.e_dx, g.y_e, p.skin
    xs = np.linspace(-1, 1, 32)
    inner = -side  # +1 where x grows towards the nose
    up, lo = p.eye_open * ew, p.eye_low * ew

    def tilt(x):  # the outer corner sits higher
        return -p.eye_tilt * ew * (x * side)

    yu = ey - up * (1 - xs**2) ** 0.7 * (1 + 0.15 * xs * inner) + tilt(xs)
    yl = ey + lo * (1 - xs**2) ** 0.85 * (1 - 0.15 * xs * inner) + tilt(xs)
    X = ex + xs * ew
    upper, lower = np.stack([X, yu], -1), np.stack([X, yl], -1)
    almond = np.concatenate([upper, lower[::-1]])
    box = cv.box([almond], pad=ew * 0.9)
    if box is None:
        return
    alm = cv.mask([(almond, 1.0)], blur=0.35, box=box)[0]
    gy, gx = cv.grid(box)
    # Sclera: off-white, shadowed towards the corners and under the upper lid.
    sx = (gx - ex) / ew
    sh = 0.82 - 0.22 * sx * sx - 0.12 * np.clip((ey - gy) / up, 0, 1)
    sclera = np.array([222, 216, 210], np.float32) * 0.85 + skin * 0.15
    cv.paint((alm, box), _tint(sh, sclera))
    # Iris with a darker limbal ring, pupil, lid shadow and a catchlight.
    r = p.iris * ew
    icx, icy = ex, ey - 0.06 * ew
    ring = cv.mask([(_ellipse(icx, icy, r, r), 1.0)], blur=0.4, box=box)[0]
    cv.paint((ring * alm, box), p.eye * 0.45)
    iris = cv.mask([(_ellipse(icx, icy, 0.82 * r, 0.82 * r), 1.0)], blur=0.12 * r, box=box)[0]
    d = np.sqrt((gx - icx) ** 2 + (gy - icy) ** 2) / r
    cv.paint((iris * alm, box), _tint(0.8 + 0.35 * d, p.eye))
    pupil = cv.mask([(_ellipse(icx, icy, 0.38 * r, 0.38 * r), 1.0)], blur=0.4, box=box)[0]
    cv.paint((pupil * alm, box), (14, 11, 11))
    lid_shadow = cv.mask([(upper, 1.0, max(1.0, 0.3 * ew))], blur=0.12 * ew, box=box)[0]
    cv.paint((lid_shadow * alm, box), sclera * 0.3, 0.5)
    glint = cv.mask([(_ellipse(icx - 0.35 * r, icy - 0.35 * r, 0.13 * r, 0.13 * r), 1.0)], blur=0.4, box=box)[0]
    cv.paint((glint * alm, box), (250, 250, 250), 0.85)
    # Lid margin and lashes, the lower lid, and the crease above.
    lash = cv.mask([(upper, 1.0, max(1.0, 0.12 * ew))], blur=0.05 * ew + 0.3, box=box)[0]
    cv.paint((lash, box), (28, 22, 20), 0.92)
    lower_line = cv.mask([(lower[3:-3], 1.0, max(1.0, 0.06 * ew))], blur=0.06 * ew + 0.3, box=box)[0]
    cv.paint((lower_line, box), skin * 0.55, 0.45)
    xc = xs[3:-3]
    crease_y = ey - up * 1.7 * (1 - xc**2) ** 0.6 * (1 + 0.1 * xc * inner) - 0.1 * ew + tilt(xc)
    crease = np.stack([ex + xc * ew * 1.02, crease_y], -1)
    cm = cv.mask([(crease, 1.0, max(1.0, 0.08 * ew))], blur=0.1 * ew, box=box)[0]
    cv.paint((cm, box), skin * 0.62, 0.45)


def _nose(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace) -> None:
    cx, y_n, nw, skin = g.cx, g.y_n, g.nw, p.skin
    for side in (-1, 1):
        # Alar crease: an arc around the nostril wing; then the nostril.
        t = np.linspace(-0.6 * np.pi, 0.55 * np.pi, 16)
        if side < 0:
            t = np.pi - t
        wing = np.stack([cx + side * 0.62 * nw + 0.34 * nw * np.cos(t), y_n - 0.28 * nw + 0.34 * nw * np.sin(t)], -1)
        cv.paint(cv.mask([(wing, 1.0, max(1.0, 0.09 * nw))], blur=0.07 * nw + 0.4), skin * 0.6, 0.5)
        nostril = _ellipse(cx + side * 0.36 * nw, y_n - 0.04 * nw, 0.22 * nw, 0.1 * nw, angle=side * 0.25)
        cv.paint(cv.mask([(nostril, 1.0)], blur=0.06 * nw + 0.4), skin * 0.32, 0.8)


def _lip_colour(skin: np.ndarray, tone: float) -> np.ndarray:
    pinkish = skin * np.array([0.9, 0.66, 0.7], np.float32) + np.array([4, 0, 10], np.float32)
    darkish = skin * np.array([0.8, 0.66, 0.74], np.float32) + np.array([0, 0, 4], np.float32)
    return pinkish * (1 - tone) + darkish * tone


def _mouth(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace) -> None:
    cx, y_m, mw, lu, ll = g.cx, g.y_m, g.mw, g.lu, g.ll
    xs = np.linspace(-1, 1, 33)
    X = cx + xs * mw
    bow = 1 - 0.35 * np.exp(-((xs / 0.13) ** 2))
    top = y_m - lu * (1 - xs**2) ** 0.55 * bow * (1 + 0.25 * np.exp(-(((np.abs(xs) - 0.28) / 0.18) ** 2)))
    line = y_m + 0.12 * lu * (1 - xs**2)
    bottom = y_m + ll * (1 - xs**2) ** 0.5 * (1 - 0.15 * xs**2)
    lip = _lip_colour(p.skin, p.tone)
    upper = np.concatenate([np.stack([X, top], -1), np.stack([X, line], -1)[::-1]])
    lower = np.concatenate([np.stack([X, line], -1), np.stack([X, bottom], -1)[::-1]])
    soft = 0.22 * lu + 0.4
    cv.paint(cv.mask([(upper, 1.0)], blur=soft), lip * 0.86, 0.85)
    mb = cv.mask([(lower, 1.0)], blur=soft)
    if mb is not None:
        gy, gx = cv.grid(mb[1])
        hl = np.exp(-(((gx - cx) / (0.35 * mw)) ** 2) - (((gy - y_m - 0.45 * ll) / (0.22 * ll)) ** 2))
        cv.paint(mb, _tint(1 + 0.12 * hl, lip), 0.8)
    seam = np.stack([X, line], -1)[1:-1]
    cv.paint(cv.mask([(seam, 1.0, max(1.0, 0.16 * lu))], blur=0.12 * lu + 0.3), lip * 0.42, 0.75)


def _facial_hair(
    cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace, fbox: tuple, tex: np.ndarray, mottle: np.ndarray
) -> None:
    cx, a, hh, nw, y_m, mw, lu, ll, chin = g.cx, g.a, g.hh, g.nw, g.y_m, g.mw, g.lu, g.ll, g.chin
    y0, y1, x0, x1 = fbox
    gy, gx = cv.grid(fbox)
    fm = cv.mask([(g.face, 1.0)], box=fbox)[0]
    kind = p.facial_hair
    t = tex[y0:y1, x0:x1]
    soft = 0.012 * hh
    mouth = cv.mask([(_ellipse(cx, y_m + 0.3 * ll, mw * 1.02, (lu + ll) * 0.62), 1.0)], blur=0.6, box=fbox)[0]
    wm = max(mw, 1.25 * nw)
    moust_poly = np.array(
        [
            (cx - wm * 1.12, y_m + 1.2 * lu),
            (cx - wm * 0.95, y_m - 0.6 * lu),
            (cx - 0.6 * nw, g.y_n + 0.15 * nw),
            (cx + 0.6 * nw, g.y_n + 0.15 * nw),
            (cx + wm * 0.95, y_m - 0.6 * lu),
            (cx + wm * 1.12, y_m + 1.2 * lu),
            (cx + wm * 0.8, y_m - 0.3 * lu),
            (cx, y_m - 0.7 * lu),
            (cx - wm * 0.8, y_m - 0.3 * lu),
        ]
    )
    moust = cv.mask([(moust_poly, 1.0)], blur=soft, box=fbox)[0]
    if kind == "moustache":
        region, alpha = moust, 0.85
    elif kind == "goatee":
        chin_patch = _ellipse(cx, y_m + 0.55 * (chin - y_m), mw * 0.75, 0.55 * (chin - y_m) + 0.01 * hh)
        patch = cv.mask([(chin_patch, 1.0)], blur=soft, box=fbox)[0]
        region, alpha = np.maximum(moust, patch * fm) * (1 - mouth), 0.85
    else:
        rel = np.clip(np.abs(gx - cx) / a, 0, 1)
        cheek = y_m - (y_m - g.y_e - 0.05 * hh) * rel**1.4
        region = _soft(np.clip((gy - cheek) / (0.03 * hh), 0, 1) * fm, soft)
        region = np.maximum(region, moust) * (1 - mouth)
        alpha = 0.88 if kind == "beard" else 0.3
    if kind == "stubble":
        a_map = region * np.clip(alpha + 0.05 * mottle[y0:y1, x0:x1], 0, 1)
        col = _tint(np.ones_like(region), p.hair * 0.7 + p.skin * 0.3)
    else:
        a_map = region * np.clip(alpha + 0.12 * t, 0, 1)
        col = _tint(0.9 + 0.18 * t, p.hair)
    cv.paint((a_map.astype(np.float32), fbox), col)


def _glasses(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace) -> None:
    ew, cx, y_e = g.ew, g.cx, g.y_e
    fw, fh = ew * p.frame_w, ew * p.frame_h
    metal = p.frame.mean() > 140
    th = max(1.0, (0.05 if metal else 0.11) * ew)
    shapes = []
    for side in (-1, 1):
        ex, ey = cx + side * (g.e_dx + 0.05 * ew), y_e + 0.12 * ew
        rim = _superellipse(ex, ey, fw, fh, p.frame_round, n=64)
        shapes.append((np.concatenate([rim, rim[:1]]), 1.0, th))
        hw = _halfwidth(g.face, cx, ey - 0.5 * fh)
        temple = np.array([(ex + side * fw, ey - 0.55 * fh), (cx + side * (hw + 0.02 * g.hh), ey - 0.6 * fh)])
        shapes.append((temple, 1.0, th * 0.8))
        cv.paint(cv.mask([(rim, 1.0)], blur=0.5), (235, 240, 245), 0.06)  # a faint lens reflection
    t = np.linspace(0, 1, 12)
    inner = g.e_dx + 0.05 * ew - fw
    bridge = np.stack([cx - inner + 2 * inner * t, y_e - 0.35 * fh - 0.15 * fh * np.sin(np.pi * t)], -1)
    shapes.append((bridge, 1.0, th))
    cv.paint(cv.mask(shapes, blur=0.4), p.frame, 0.95)


def _clothes(cv: _Canvas, p: SimpleNamespace, g: SimpleNamespace, fine: np.ndarray, mottle: np.ndarray) -> None:
    cx, nk, y_sh, U, a = g.cx, g.nk, g.y_sh, g.U, g.a
    sw = a * p.shoulder_w
    drop = p.shoulder_drop * U
    n = 40
    d = np.linspace(0, 1, n)
    xs = nk * 0.95 + d * (sw - nk * 0.95)
    ys = y_sh + drop * (0.55 * d + 0.45 * d**3)
    right = np.stack([cx + xs, ys], -1)
    left = np.stack([cx - xs[::-1], ys[::-1]], -1)
    base = np.array([(cx + sw, U * 1.05), (cx - sw, U * 1.05)])

    def body(neckline: np.ndarray) -> np.ndarray:
        return np.concatenate([left, neckline, right, base])

    def fabric(mb, colour) -> None:
        if mb is None:
            return
        y0, y1, x0, x1 = mb[1]
        gy, gx = cv.grid(mb[1])
        sh = 1.0 - 0.22 * np.clip(np.abs(gx - cx) / sw, 0, 1) ** 2 - 0.10 * np.clip((gy - y_sh) / (U - y_sh), 0, 1)
        cv.paint(mb, _tint(sh * (1 + 0.015 * fine[y0:y1, x0:x1] + 0.02 * mottle[y0:y1, x0:x1]), colour))

    def line(pts: np.ndarray, colour, width: float = 0.005) -> None:
        cv.paint(cv.mask([(pts, 1.0, max(1, width * U))], blur=0.8), colour, 0.55)

    jx = nk * 0.95
    k = np.linspace(0, 1, 16)
    if p.clothes == "crew":
        dip = 0.03 * U
        neckline = np.stack([cx - jx + 2 * jx * k, y_sh + dip * np.sin(np.pi * k)], -1)
        fabric(cv.mask([(body(neckline), 1.0)], blur=0.8), p.cloth)
        line(neckline + [0, 0.008 * U], p.cloth * 0.78, 0.01)
    elif p.clothes == "vneck":
        neckline = np.array([(cx - jx, y_sh), (cx, y_sh + 0.075 * U), (cx + jx, y_sh)])
        fabric(cv.mask([(body(neckline), 1.0)], blur=0.8), p.cloth)
        line(neckline + [0, 0.006 * U], p.cloth * 0.78, 0.009)
    elif p.clothes == "collar":
        depth = 0.06 * U
        neckline = np.array([(cx - jx, y_sh - 0.01 * U), (cx, y_sh + depth), (cx + jx, y_sh - 0.01 * U)])
        fabric(cv.mask([(body(neckline), 1.0)], blur=0.8), p.cloth)
        for s in (-1, 1):
            wing = np.array(
                [
                    (cx + s * jx * 1.02, y_sh - 0.03 * U),
                    (cx + s * jx * 1.5, y_sh + 0.045 * U),
                    (cx + s * 0.3 * jx, y_sh + depth + 0.02 * U),
                    (cx + s * 0.05 * jx, y_sh + depth),
                ]
            )
            fabric(cv.mask([(wing, 1.0)], blur=0.8), p.cloth * 1.08)
            line(np.concatenate([wing, wing[:1]]), p.cloth * 0.6, 0.004)
    else:  # suit: shirt and collar, optional tie, jacket with lapels
        neckline = np.stack([cx - jx + 2 * jx * k, y_sh - 0.005 * U + 0.012 * U * np.sin(np.pi * k)], -1)
        fabric(cv.mask([(body(neckline), 1.0)], blur=0.8), p.shirt)
        for s in (-1, 1):
            wing = np.array(
                [
                    (cx + s * jx * 1.05, y_sh - 0.025 * U),
                    (cx + s * jx * 1.2, y_sh + 0.045 * U),
                    (cx + s * 0.2 * jx, y_sh + 0.06 * U),
                    (cx, y_sh + 0.02 * U),
                ]
            )
            fabric(cv.mask([(wing, 1.0)], blur=0.8), p.shirt)
            line(np.concatenate([wing, wing[:1]]), p.shirt * 0.7, 0.004)
        if p.tie is not None:
            k0, k1, k2 = y_sh + 0.025 * U, y_sh + 0.06 * U, y_sh + 0.055 * U
            knot = np.array([(cx - 0.2 * jx, k0), (cx + 0.2 * jx, k0), (cx + 0.13 * jx, k1), (cx - 0.13 * jx, k1)])
            end = 1.05 * U
            blade = np.array([(cx - 0.13 * jx, k2), (cx + 0.13 * jx, k2), (cx + 0.3 * jx, end), (cx - 0.3 * jx, end)])
            fabric(cv.mask([(blade, 1.0)], blur=0.8), p.tie)
            fabric(cv.mask([(knot, 1.0)], blur=0.8), p.tie * 0.9)
        y_lap = y_sh - 0.01 * U
        jacket_neck = np.array(
            [(cx - 1.25 * jx, y_lap), (cx - 0.3 * jx, U), (cx + 0.3 * jx, U), (cx + 1.25 * jx, y_lap)]
        )
        jacket = np.concatenate([left[: n - 3], jacket_neck, right[3:], base])
        fabric(cv.mask([(jacket, 1.0)], blur=0.8), p.cloth)
        for s in (-1, 1):
            edge = np.array([(cx + s * jx * 1.25, y_sh - 0.01 * U), (cx + s * jx * 0.3, U * 1.0)])
            line(edge + [s * 0.02 * U, 0], p.cloth * 0.6, 0.004)
