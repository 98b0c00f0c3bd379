"""The personalised areas compared with what is expected to differ there modelled, not masked out (issue 20, item 1).

Another holder's document differs from the specimen in its personalised areas by its holder's print: other letters
and digits, in the personalisation's dark ink, on the same background print. That print is all that may differ. The
security background of the data page runs under and around the holder's data (Doc 9303 Part 2, 5.3: the background
print and the personalisation are separate layers, the latter printed over the former), so away from either
holder's letters the questioned background must be the specimen's: in level, in texture and in pattern. What an
alteration leaves there, the holder's text does not explain:

* background print missing where it should run around the text (a blank piece of paper stuck on, an erasure, an
  inpainted field);
* printing or texture the specimen's background has not (a piece of another page moved over it, foreign paper);
* under UV, fluorescence where the specimen's background has none (glue, a brightened patch, a spot).

The holder's print is found in both images as thin dark strokes (thin bright ones under UV, for a fluorescent
personalisation) and left out with a halo, in every light; the rest of each personalised area is compared with
moments taken over that background only, so a letter beside a pixel never weighs in its window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.compare.normalise import channel_mean, soften
from docexam.lights import Light

#: Half-size (working pixels, about 0.25 mm each) of the closing that takes strokes out of an image to find its
#: background: strokes of the holder's text at 100 dpi are 1 to 3 pixels wide.
_STROKE = 3
#: A stroke of the holder's print is darker than its background by this share of the light's range (background
#: print is 10 to 25 % of it, printed values 50 % and more, soft at the working scale).
_INK = 0.22
#: Halo (working pixels) left out around either holder's print: blur and misregistration spread it.
_HALO = 2
#: The halo reaches at least this many times the questioned capture's blur (its Gaussian sigma against the
#: reference's, working pixels) beyond the strokes: a blurred stroke darkens its background out to about two sigmas.
_HALO_BLUR = 2.0
#: Window (Gaussian sigma, working pixels) of the background's moments.
_WINDOW = 3.0
#: Least share of a window that must be background for its moments to be judged.
_SUPPORT = 0.35
#: The background's departure from the specimen's, in robust standard deviations of its own over the page, that
#: scores an alarm (0.5); under UV, brighter only. Genuine documents of other holders, development designs: up to
#: 6 in visible light and IR, up to 21 brighter under UV (a fluorescent personalisation); a blank or foreign patch
#: 20 to 130 in IR, a UV spot 60 to 600.
_Z = 10.0
_Z_UV = 30.0
#: Least spread (share of the light's range): a capture cleaner than this is not held to it.
_SPREAD_FLOOR = 0.004
#: Where the background of the reference, made as soft as the capture, reaches this share of the capture's white (its
#: ceiling), it is the capture's clipped paper; when such windows are at least :data:`_CLIPPED_SHARE` of the background
#: judged and :data:`_MIN_BELOW` are below it (an over-exposed capture), the two kinds are judged apart.
_AT_WHITE = 0.97
_CLIPPED_SHARE = 0.2
_MIN_BELOW = 200


def stroke_depth(grey: np.ndarray) -> np.ndarray:
    """How much darker each pixel of ``grey`` (float, one light) is than the image closed over :data:`_STROKE`
    pixels: a thin stroke's depth below the paper around it."""
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * _STROKE + 1, 2 * _STROKE + 1))
    return cv2.morphologyEx(grey, cv2.MORPH_CLOSE, k) - grey


def strokes(grey: np.ndarray, unit: float, *, bright: bool = False, share: float = _INK) -> np.ndarray:
    """Thin print in ``grey`` (float, one light): pixels darker (``bright``: brighter) than the image closed
    (opened) over :data:`_STROKE` pixels by ``share`` (default :data:`_INK`) of ``unit``, the light's range."""
    if bright:
        k = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * _STROKE + 1, 2 * _STROKE + 1))
        return (grey - cv2.morphologyEx(grey, cv2.MORPH_OPEN, k)) > share * unit
    return stroke_depth(grey) > share * unit


#: The least share of the specimen's print depth a questioned capture is taken to keep (:func:`depth_kept`).
_DEPTH_KEPT_FLOOR = 0.5


def depth_kept(soft: np.ndarray, sharp: np.ndarray, fixed: np.ndarray) -> float:
    """How deep the thin print of ``soft`` (grey, float) is against that of ``sharp``, on the fixed design
    (``fixed``, bool) where both show the same print: the ratio of their strongest stroke depths (99th percentile,
    :func:`stroke_depth`), from :data:`_DEPTH_KEPT_FLOOR` to 1."""
    if soft.shape != sharp.shape or fixed.shape != soft.shape[:2]:
        raise ValueError(f"the images and the mask differ in shape: {soft.shape}, {sharp.shape}, {fixed.shape}")
    return _kept(stroke_depth(soft), stroke_depth(sharp), fixed)


def _kept(soft_depth: np.ndarray, sharp_depth: np.ndarray, fixed: np.ndarray) -> float:
    """:func:`depth_kept` from the two images' :func:`stroke_depth` maps."""
    if int(fixed.sum()) < 100:
        return 1.0
    ds = float(np.percentile(soft_depth[fixed], 99))
    dr = float(np.percentile(sharp_depth[fixed], 99))
    if dr <= 0.0:
        return 1.0
    return float(np.clip(ds / dr, _DEPTH_KEPT_FLOOR, 1.0))


def holder_print(questioned: dict[str, np.ndarray], references: dict[str, np.ndarray],
                 units: dict[str, np.ndarray], *, where: np.ndarray | None = None,
                 fixed: np.ndarray | None = None) -> np.ndarray:
    """Where either holder's print lies (the questioned document's or the specimen's), in any light, with its
    halo: the pixels the background comparison leaves out. ``where`` (bool, optional): where a holder's print may
    lie at all (the holder's lines); strokes elsewhere are compared as the background they stand on. ``fixed``
    (bool, optional): the fixed design, where the questioned capture's print depth is measured against the
    specimen's (:func:`depth_kept`)."""
    if fixed is not None and any(fixed.shape != img.shape[:2] for img in questioned.values()):
        raise ValueError(f"fixed must be a mask of the images' shape, got {fixed.shape}")
    out: np.ndarray | None = None
    # Under UV the holder's print is dull on dull paper; a UV-bright stroke is no print of the holder's but what the
    # check is for (a thin fluorescent line). The print is taken from the other lights, from UV only without them.
    lights = [light for light in questioned if light != Light.UV] or list(questioned)
    for light in lights:
        unit = float(np.mean(units[light]))
        q, r = (channel_mean(img) if img.ndim == 3 else img for img in (questioned[light], references[light]))
        # A soft capture prints its letters shallower than the sharp specimen does: in visible light they are taken at
        # the share of the depth its fixed print keeps (real corpus, seed 41: another holder's longer surname in a
        # capture blurred by 1.1 working pixels, its strokes 0.22-0.31 of the range deep against the specimen's 0.9,
        # was partly compared as background where the specimen has none, and alarmed). Not in IR: there the lower
        # share took more of the page between the lines for letters, where a UV emblem under them is measured (an
        # emblem scraped off under the lines went unfound, tests/compare/test_uv_personal_areas.py).
        dq, dr = stroke_depth(q), stroke_depth(r)  # each once: for the share kept and for the strokes (strokes())
        kept = _kept(dq, dr, fixed) if fixed is not None and light == Light.VISIBLE else 1.0
        m = (dq > _INK * kept * unit) | (dr > _INK * unit)
        out = m if out is None else out | m
    assert out is not None
    if where is not None:
        if where.shape != out.shape:
            raise ValueError(f"where must be a mask of the images' shape {out.shape}, got {where.shape}")
        out &= where
    k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * _HALO + 1, 2 * _HALO + 1))
    return cv2.dilate(out.astype(np.uint8), k) > 0


def background_difference(questioned: np.ndarray, reference: np.ndarray, *, area: np.ndarray,
                          printed: np.ndarray, unit: np.ndarray, blur_sigma: float,
                          brighter_only: bool = False, ceiling: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """How far the background of ``area`` away from the holders' print (``printed``) departs from the specimen's,
    as a map from 0 to 1 over ``area`` (0 elsewhere), and its sign (+1 where the questioned background is
    brighter).

    The background's mean over about a millimetre, questioned less specimen, is measured against its own spread
    over the personalised areas of this document (a robust z-score): what the capture does to the whole page
    (noise, JPEG, blur, exposure left over) sets the scale, and only a local departure of many times that counts.

    Parameters
    ----------
    questioned, reference : ndarray, (H, W, 3) float32
        One light at working scale, the questioned image normalised to the reference.
    area : ndarray of bool, (H, W)
        The personalised areas to judge.
    printed : ndarray of bool, (H, W)
        The holders' print with its halo (:func:`holder_print`).
    unit : ndarray
        Per channel, the light's range (:func:`docexam.compare.difference.reference_range`).
    blur_sigma : float
        The blur that makes the reference as soft as the questioned capture (working pixels).
    brighter_only : bool
        Count only a background brighter than the specimen's (under UV: fluorescence the specimen has not; a
        duller one is the specimen's own fluorescent personalisation, absent from another holder's document).
    ceiling : ndarray, optional
        Per pixel and channel, the brightest level the questioned capture could record
        (:func:`docexam.compare.difference.sensor_ceiling`): the reference is clipped there as the capture was.
    """
    if questioned.shape != reference.shape or area.shape != questioned.shape[:2] or printed.shape != area.shape:
        raise ValueError(f"the images and masks differ in shape: {questioned.shape}, {reference.shape}, "
                         f"{area.shape}, {printed.shape}")
    out = np.zeros(area.shape, np.float32)
    sign = np.zeros(area.shape, np.float32)
    # A soft capture spreads the print's darkness farther than the halo reaches: the halo is taken out to
    # :data:`_HALO_BLUR` of the capture's blur beyond the strokes, to the whole pixel that reach falls in (a very soft
    # re-capture's MRZ, blur 1.5 working pixels, darkened the background 3 pixels from its glyphs; real corpus, seed
    # 157: another holder's longer surname on a Lithuanian page at 100 dpi, blur 1.1, its strokes' third pixel out
    # compared as the page, an alarm where the specimen's name had ended); up to a blur of 1.0 the halo is
    # :data:`_HALO`.
    extra = math.ceil(_HALO_BLUR * blur_sigma - 1e-6) - _HALO
    if extra > 0:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * extra + 1, 2 * extra + 1))
        printed = cv2.dilate(printed.astype(np.uint8), k) > 0
    bg = area & ~printed
    if bg.sum() < 64:
        return out, sign
    u = float(np.mean(unit))
    if ceiling is not None:
        # What the capture recorded at or above its white says only that the page is at least that bright, as the
        # reference clipped there does: both are taken at the ceiling (clipped paper read up to 255 against a ceiling
        # of CLIPPED, 251, left it 0.6 % brighter than the clipped reference everywhere, and a window reaching from
        # it just into print, its depth below the white a few per cent, departed by a fifth of that depth:
        # development CSP-TD1-1, seed 61, an IR panel's outline on an over-exposed capture, z 25).
        questioned = np.minimum(questioned, ceiling)
    q = soften(np.ascontiguousarray(channel_mean(questioned)), 0.7) / u
    if ceiling is None:
        r = soften(np.ascontiguousarray(channel_mean(reference)), float(np.hypot(blur_sigma, 0.7))) / u
    else:  # blurred by the optics, clipped by the sensor, smoothed as the questioned image is
        ref = np.minimum(soften(np.ascontiguousarray(reference), blur_sigma), ceiling)
        r = soften(np.ascontiguousarray(channel_mean(ref)), 0.7) / u
    w = bg.astype(np.float32)
    cover = soften(w, _WINDOW)
    ok = area & (cover >= _SUPPORT)
    if ok.sum() < 64:
        return out, sign
    c = np.maximum(cover, 1e-3)
    d = (soften(q * w, _WINDOW) - soften(r * w, _WINDOW)) / c
    z = _departure(d, ok)
    if ceiling is not None:
        # An over-exposed capture clips most of the paper white, where both images agree to the last grey level: the
        # spread of the whole background is then that of clipped paper, against which the print the capture still
        # records (a caption, a fingerprint, background lines among the holder's data) departs by what any capture,
        # its gain fitted a few per cent off, does to print. A gain off by a share moves a window of print on clipped
        # paper by that share of the print's level times the print's cover, and the window's depth below the white is
        # the print's depth times the same cover: below the capture's white each window is judged by its departure
        # relative to its depth, whatever the print's cover, against the spread of such departures; at the white,
        # against the clipped paper's.
        rw = soften(r * w, _WINDOW) / c
        white = soften(np.ascontiguousarray(channel_mean(ceiling)) / u * w, _WINDOW) / c
        depth = white - rw
        at_white = depth < (1.0 - _AT_WHITE) * white
        below = ok & ~at_white
        if (ok & at_white).sum() >= _CLIPPED_SHARE * ok.sum() and below.sum() >= _MIN_BELOW:
            relative = d / np.maximum(depth, 1e-3)
            z = np.where(at_white, _departure(d, ok & at_white), _departure(relative, below))
    if brighter_only:
        z = np.maximum(z, 0.0)
    score = np.clip(np.abs(z) / (2.0 * (_Z_UV if brighter_only else _Z)), 0.0, 1.0).astype(np.float32)
    out[ok] = score[ok]
    sign[ok] = np.where(z >= 0, 1.0, -1.0)[ok]
    return out, sign


def _departure(d: np.ndarray, sel: np.ndarray) -> np.ndarray:
    """``d`` as robust z-scores against its own median and spread over ``sel`` (at least :data:`_SPREAD_FLOOR`)."""
    values = d[sel]
    centre = float(np.median(values))
    spread = max(1.4826 * float(np.median(np.abs(values - centre))), _SPREAD_FLOOR)
    return (d - centre) / spread


# --- the background's print structure, at a finer scale -----------------------------------------------------------

#: Resolution (dpi) of the print-structure comparison: the fine lines of a background print (a tenth to a fifth of a
#: millimetre) are averaged away at the working scale, where a piece of blank or other paper in their place changes
#: the mean level by a few per cent of the range only.
TEXTURE_DPI = 150.0
#: Window (Gaussian sigma, mm) of the detail's local mean (what is left is the print's lines), and of the moments
#: that compare the two details.
_DETAIL_MM = 0.6
_MOMENT_MM = 0.5
#: Texture (standard deviation of the detail, share of the light's range) below which the specimen's background has
#: none to compare (plain paper), and the questioned one's above which it has print the specimen's has not.
_TEXTURE_FLOOR = 0.03
#: Least share of a moment window that must be background (away from either holder's print).
_TEXTURE_SUPPORT = 0.4
#: The structural departure (1 - correlation of the details, weighted by the specimen's texture) above the
#: document's own (its 90th percentile over the fixed design, where nothing differs) that scores an alarm (0.5),
#: and the foreign texture's (questioned over specimen, in floors) that does.
_STRUCTURE_ALARM = 0.3
_FOREIGN_ALARM = 2.5
#: Over the fixed design itself, the structural departure that scores an alarm is set by the document's own spread of
#: it there (this many times its 90th less its 50th percentile, above its median), between these bounds: what the
#: capture (blur, JPEG, misregistration) does to the whole page sets the scale. Development designs (4, seed 57),
#: generator reference: a genuine capture's departure held over a square millimetre stays under 0.04; background
#: print lifted, moved or redrawn by bench/simulate.py 0.12 to 0.85 (fixed_design found 16/31 -> 21/31, genuine
#: documents alarmed 9/20 as before).
_DESIGN_SPREAD = 4.0
#: The design's own departure is taken where the specimen's print is at least this textured (the weight of its
#: structure: a faint light guilloche, a capture's blur on it, weighs 0.3 to 0.5).
_DESIGN_TEXTURED = 0.25
_DESIGN_MARGIN = (0.05, _STRUCTURE_ALARM)


def texture_difference(questioned: np.ndarray, reference: np.ndarray, *, background: np.ndarray, fixed: np.ndarray,
                       unit: float, px_per_mm: float, blur_sigma: float,
                       design: np.ndarray | None = None) -> np.ndarray:
    """How far the print structure of the background (``background``: the personalised areas away from either
    holder's print), and of the fixed design (``design``), departs from the specimen's, as a map from 0 to 1 (0
    outside both).

    The background print runs under the holder's data (Doc 9303 Part 2, 5.3), so away from the letters its lines
    must be the specimen's lines: the detail of both images (each less its local mean over the background) must
    correlate where the specimen has texture. A piece of blank paper stuck on has none; a piece of the page moved
    there or another paper has lines of another pattern; foreign print has texture where the specimen's background
    is plain. What the capture does to the whole page (blur, JPEG, misregistration) lowers the correlation
    everywhere: the departure is measured above the document's own over ``fixed`` (the fixed design, where the two
    show the same print), so only a local loss counts.

    Parameters
    ----------
    questioned, reference : ndarray, (H, W) float32
        Grey images of one light at about :data:`TEXTURE_DPI`, the questioned one normalised to the reference.
    background, fixed : ndarray of bool, (H, W)
        Where to judge, and where the two must agree (the fixed design) to calibrate the capture's own loss.
    unit : float
        The light's range (grey levels).
    px_per_mm : float
        Pixels of these images per millimetre.
    blur_sigma : float
        The blur (pixels of these images) that makes the reference as soft as the questioned capture.
    design : ndarray of bool, (H, W), optional
        The fixed design to judge as well (away from the holder's data): its lines lifted, moved or redrawn keep the
        page's mean level and change only its structure. It is judged against the document's own departure over it
        (:data:`_DESIGN_SPREAD`), so that only a local loss beyond what the capture does everywhere counts.
    """
    if design is None:
        design = np.zeros(questioned.shape, bool)
    if (questioned.shape != reference.shape or background.shape != questioned.shape or fixed.shape != questioned.shape
            or design.shape != questioned.shape):
        raise ValueError(f"the images and masks differ in shape: {questioned.shape}, {reference.shape}, "
                         f"{background.shape}, {fixed.shape}, {design.shape}")
    out = np.zeros(questioned.shape, np.float32)
    if background.sum() < 64 and design.sum() < 64:
        return out
    q = soften(np.ascontiguousarray(questioned, dtype=np.float32), 0.7) / unit
    r = soften(np.ascontiguousarray(reference, dtype=np.float32), float(np.hypot(blur_sigma, 0.7))) / unit
    judged = background | fixed | design
    w = judged.astype(np.float32)
    detail_sigma = _DETAIL_MM * px_per_mm
    cover = np.maximum(soften(w, detail_sigma), 1e-3)
    dq = (q - soften(q * w, detail_sigma) / cover) * w
    dr = (r - soften(r * w, detail_sigma) / cover) * w
    ms = _MOMENT_MM * px_per_mm
    support = soften(w, ms)
    c = np.maximum(support, 1e-3)
    var_q = np.maximum(soften(dq * dq, ms) / c, 0.0)
    var_r = np.maximum(soften(dr * dr, ms) / c, 0.0)
    cov = soften(dq * dr, ms) / c
    floor = _TEXTURE_FLOOR**2
    cs = (2.0 * cov + floor) / (var_q + var_r + floor)
    weight = var_r / (var_r + floor)
    structure = np.clip(1.0 - cs, 0.0, 2.0) * weight
    ok = support >= _TEXTURE_SUPPORT
    base_sel = fixed & ok & (weight >= 0.5)
    baseline = float(np.percentile(structure[base_sel], 90)) if base_sel.sum() >= 200 else 0.3
    lost = np.clip((structure - baseline) / (2.0 * _STRUCTURE_ALARM), 0.0, 1.0)
    # Texture where the specimen's background is plain: print, a pattern or another paper's fibres added.
    foreign = np.sqrt(var_q) / (np.sqrt(var_r) + _TEXTURE_FLOOR)
    base_f = float(np.percentile(foreign[base_sel | (fixed & ok)], 99)) if (fixed & ok).sum() >= 200 else 1.0
    added = np.clip((foreign - max(base_f, 1.0)) / (2.0 * _FOREIGN_ALARM), 0.0, 1.0)
    sel = background & ok
    out[sel] = np.maximum(lost, added)[sel]
    # Not within two detail windows of the image's border, where the windows see past the page (as
    # docexam.compare.difference leaves the border out of its texture term).
    edge = max(1, int(round(2 * detail_sigma)))
    design = design.copy()
    design[:edge], design[-edge:], design[:, :edge], design[:, -edge:] = False, False, False, False
    own = design & ok & (weight >= _DESIGN_TEXTURED)
    if own.sum() >= 200:
        # The median and 90th percentile: an alteration covering a tenth of the design moves neither much.
        p50, p90 = (float(v) for v in np.percentile(structure[own], [50, 90]))
        margin = float(np.clip(_DESIGN_SPREAD * (p90 - p50), *_DESIGN_MARGIN))
        lost_design = np.clip((structure - p50) / (2.0 * margin), 0.0, 1.0)
        sel = design & ok
        out[sel] = np.maximum(out[sel], np.maximum(lost_design, added)[sel])
    return out


# --- the holder's ink ------------------------------------------------------------------------------------------

#: Half-size (millimetres) of the closing that finds a value's background, and how much darker than it (grey
#: levels) a pixel must be to be the value's ink.
_INK_CLOSE_MM = 0.35
_INK_DARKER = 60
#: Share of a value's ink pixels, darkest first, taken as its colour (the glyphs' cores, not their blurred edges).
_CORE = 0.3
#: Least ink pixels (reference pixels) for a value's colour to be measured, and the number of them from which it is
#: measured as surely as a value's of several characters (fewer: the tolerance grows with one over their root).
_MIN_INK_PX = 40
_SURE_INK_PX = 2000


def ink_colour(img: np.ndarray, box: tuple[int, int, int, int], *, dpi: float) -> tuple[np.ndarray, int] | None:
    """The colour of the print of a value in ``box`` of ``img`` (uint8 RGB, full resolution) relative to the
    background around it (per channel, ink over background: exposure and white balance divide out), and how many
    ink pixels it was measured on; ``None`` when the box holds too little ink."""
    x, y, w, h = box
    crop = img[max(0, y) : y + h, max(0, x) : x + w].astype(np.float32)
    if crop.size == 0:
        return None
    g = channel_mean(crop)
    k = max(3, round(_INK_CLOSE_MM / 25.4 * dpi)) * 2 + 1
    back = cv2.morphologyEx(g, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    ink = (back - g) > _INK_DARKER
    n = int(ink.sum())
    if n < _MIN_INK_PX:
        return None
    px = crop[ink]
    lum = px.mean(axis=1)
    core = px[lum <= np.percentile(lum, 100 * _CORE)]
    background = np.median(crop[~ink], axis=0) if (~ink).any() else np.full(3, 255.0, np.float32)
    return np.median(core, axis=0) / np.maximum(background, 1.0), n


@dataclass(frozen=True)
class InkDeparture:
    """How a value's ink departs from the document's other values', beyond the specimen's own departure between the
    same values, in grey levels (of the largest channel, against a background of 255): in ``hue`` (another colour of
    ink) and in ``density`` (the same colour, more or less of it), and the ink pixels it was measured on."""

    hue: float
    density: float
    pixels: int


def _split(ink: np.ndarray, rest: np.ndarray) -> tuple[float, np.ndarray]:
    """``ink``'s absorption (1 - colour over background, per channel) as a multiple of ``rest``'s and what is left
    across it: (scale, residual)."""
    a, b = 1.0 - ink, 1.0 - rest
    scale = float(a @ b) / max(float(b @ b), 1e-6)
    return scale, a - scale * b


def ink_departures(questioned: np.ndarray, reference: np.ndarray, boxes: dict[str, tuple[int, int, int, int]], *,
                   dpi: float) -> dict[str, InkDeparture]:
    """How far each value's ink departs from the document's other values', beyond what the specimen shows between
    the same values (a number printed in another ink is the design's): ``{name: InkDeparture}``.

    The holder's data is printed in one pass by one printer (Doc 9303 Part 2, 5.3), so its values share an ink; a
    value printed again after an erasure seldom matches it. Both images are visible-light captures in the reference
    frame (uint8 RGB); each value is compared with the median of the others on the same document, so the capture's
    light cancels. The departure is split in two, measured apart because they are not equally sure: the ink's
    absorption across the other values' (its hue: a capture's blur leaves a value's hue as it is, so a value of
    another hue is another ink), and along it (its density: a capture's blur lightens thin strokes more than thick,
    so this varies more between genuine documents).
    """
    q = {n: c for n, b in boxes.items() if (c := ink_colour(questioned, b, dpi=dpi)) is not None}
    r = {n: c for n, b in boxes.items() if (c := ink_colour(reference, b, dpi=dpi)) is not None}
    names = [n for n in q if n in r]
    if len(names) < 3:
        return {}
    out = {}
    for n in names:
        q_rest = np.median([q[m][0] for m in names if m != n], axis=0)
        r_rest = np.median([r[m][0] for m in names if m != n], axis=0)
        q_scale, q_across = _split(q[n][0], q_rest)
        r_scale, r_across = _split(r[n][0], r_rest)
        depth = float(np.abs(1.0 - q_rest).max())
        out[n] = InkDeparture(float(np.abs(q_across - r_across).max()) * 255.0,
                              abs(q_scale - r_scale) * depth * 255.0, q[n][1])
    return out
