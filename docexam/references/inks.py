"""What a reference's regions show in UV and IR, measured on the genuine specimen's registered captures.

IR (about 870 nm): carbon-based inks, the MRZ's among them (Doc 9303 Part 3, 4.5 and 4.11: the MRZ must absorb in
the B900 band), stay dark, while dye-based inks drop out. A region **absorbs** when its ink keeps at least half its
daylight contrast against the paper in IR, and **drops out** when it keeps less than a fifth; in between nothing
is asserted. UV (365 nm): a region **fluoresces** when a share of it glows well above the document's own paper,
with the colour it glows in, and is **dull** otherwise (Part 3, 4.11: the substrate must not fluoresce unless for
security). Connected glowing areas that no other region explains are **UV features** (the UV emblem).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import cv2
import numpy as np

from docexam.lights import Light
from docexam.references.boxes import clip_box, merge_boxes
from docexam.references.model import Expect, Expectation, Region, Role

__all__ = ["expectations", "ir_behaviour", "uv_behaviour", "uv_features"]

#: IR contrast kept, as a share of the daylight contrast, from which a region absorbs / below which it drops out.
ABSORBS_FROM = 0.5
DROPS_OUT_BELOW = 0.2
#: Luminance above the paper's under UV from which a pixel glows, grey levels: a faint
#: glow (a ghost image printed in fluorescent ink: 20-45 above the paper), and a feature's (an emblem: 100 and more).
GLOW_ABOVE_PAPER = 15
FEATURE_ABOVE_PAPER = 40
#: Share of a region's pixels that glow, more than of the band around it, from which the region fluoresces (a
#: region printed over a UV emblem does not glow of its own).
GLOWING_SHARE = 0.08
#: The roles whose ink is measured in IR (printed or photographic personalisation).
_INKED = (Role.PORTRAIT, Role.GHOST, Role.MRZ, Role.VIZ_FIELD, Role.SIGNATURE, Role.DOCUMENT_NUMBER)


def _crop(img: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = box
    return img[y : y + h, x : x + w]


def _grey(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def ir_behaviour(visible: np.ndarray, ir: np.ndarray, box: tuple[int, int, int, int]) -> tuple[Expect, float] | None:
    """Whether the ink in ``box`` absorbs or drops out in IR, and how clearly; None when there is no ink to measure
    in daylight or the answer lies between."""
    v = _grey(_crop(visible, box)).astype(np.float32)
    i = _grey(_crop(ir, box)).astype(np.float32)
    if v.size < 16:
        return None
    paper_v, dark_v = float(np.percentile(v, 90)), float(np.percentile(v, 2))
    if paper_v - dark_v < 40:
        return None
    ink = v < paper_v - 0.5 * (paper_v - dark_v)
    paper = v > paper_v - 0.15 * (paper_v - dark_v)
    if ink.sum() < 8 or paper.sum() < 8:
        return None
    # The ink against the paper beside it in the same light: background print that absorbs in IR darkens both.
    paper_v, paper_i = float(np.median(v[paper])), max(float(np.median(i[paper])), 1.0)
    rel_v = (paper_v - float(np.median(v[ink]))) / max(paper_v, 1.0)
    rel_i = (paper_i - float(np.median(i[ink]))) / paper_i
    kept = rel_i / max(rel_v, 1e-3)
    if kept >= ABSORBS_FROM:
        return Expect.ABSORBS, float(min(1.0, 0.6 + (kept - ABSORBS_FROM)))
    if kept < DROPS_OUT_BELOW:
        return Expect.DROPS_OUT, float(min(1.0, 0.6 + (DROPS_OUT_BELOW - kept) * 2))
    return None


def _luminance(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def _paper_uv(uv: np.ndarray) -> float:
    return float(np.median(_luminance(uv)))


def _glow(uv: np.ndarray, paper: float, above: float = GLOW_ABOVE_PAPER) -> np.ndarray:
    # Luminance, not the brightest channel: on paper that glows blue, an orange glow lowers the blue it covers.
    return _luminance(uv).astype(np.int16) > paper + above


def uv_behaviour(uv: np.ndarray, box: tuple[int, int, int, int], *, paper: float | None = None
                 ) -> tuple[Expect, tuple[int, int, int] | None]:
    """FLUORESCES with the glow's colour (the median of the glowing pixels) or DULL, for ``box`` of a UV capture:
    it fluoresces when a share of it glows, more than of the band of its own height around it."""
    paper = _paper_uv(uv) if paper is None else paper
    x, y, w, h = box
    band = max(4, min(w, h) // 2)
    y0, y1, x0, x1 = max(0, y - band), min(uv.shape[0], y + h + band), max(0, x - band), min(uv.shape[1], x + w + band)
    around = _glow(uv[y0:y1, x0:x1], paper)
    inside = np.zeros(around.shape, bool)
    inside[y - y0 : y - y0 + h, x - x0 : x - x0 + w] = True
    share = float(around[inside].mean()) if inside.any() else 0.0
    ring = float(around[~inside].mean()) if (~inside).any() else 0.0
    if share >= GLOWING_SHARE and share - ring >= GLOWING_SHARE:
        colour = np.median(uv[y0:y1, x0:x1][around & inside], axis=0)
        return Expect.FLUORESCES, (int(colour[0]), int(colour[1]), int(colour[2]))
    return Expect.DULL, None


def expectations(region: Region, caps: Mapping[str, np.ndarray]) -> Region:
    """``region`` with what it shows in the UV and IR captures among ``caps`` (measured on the specimen)."""
    found: list[Expectation] = [e for e in region.expectations if e.light not in (Light.UV, Light.IR)]
    if Light.IR in caps and region.role in _INKED:
        ir = ir_behaviour(caps[Light.VISIBLE], caps[Light.IR], region.box)
        if ir is not None:
            found.append(Expectation(Light.IR.value, ir[0]))
    if Light.UV in caps:
        expect, colour = uv_behaviour(caps[Light.UV], region.box)
        found.append(Expectation(Light.UV.value, expect, colour))
    return replace(region, expectations=tuple(found))


def uv_features(caps: Mapping[str, np.ndarray], regions: list[Region], *, px_per_mm: float) -> list[Region]:
    """Glowing areas of the UV capture that no region in ``regions`` covers (the UV emblem, fluorescent patterns),
    as UV_FEATURE regions that fluoresce in their colour. Security fibres (thin, short) are left out."""
    uv = caps[Light.UV]
    paper = _paper_uv(uv)
    raw: np.ndarray = _glow(uv, paper, FEATURE_ABOVE_PAPER).astype(np.uint8)
    # Fibres are a few tenths of a millimetre wide: an opening of about half a millimetre removes them, and the thin
    # rays of a sun or the tips of a star with them; those are taken back below (what glows joined to a core).
    k = max(3, round(0.5 * px_per_mm) | 1)
    glow = cv2.morphologyEx(raw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    c = max(3, round(1.0 * px_per_mm) | 1)
    glow = cv2.morphologyEx(glow, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (c, c)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(glow, connectivity=8)
    _, raw_labels, raw_stats, _ = cv2.connectedComponentsWithStats(raw | glow, connectivity=8)
    # What glows there already (the ghost image, a fluorescent number) explains its glow; a region printed over an
    # emblem without glowing itself does not.
    covered = np.zeros(glow.shape, bool)
    for r in regions:
        if r.expects(Light.UV.value) is Expect.FLUORESCES:
            x, y, w, h = r.box
            covered[y : y + h, x : x + w] = True
    min_area = (3.0 * px_per_mm) ** 2
    kept = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < min_area or min(w, h) < 2.0 * px_per_mm:
            continue
        mask = labels[y : y + h, x : x + w] == i
        if covered[y : y + h, x : x + w][mask].mean() > 0.5:
            continue
        # the core with what glows joined to it, unless that runs far off (a fibre lying across it)
        joined = raw_labels[y : y + h, x : x + w][mask]
        rx, ry, rw, rh, _ = (int(v) for v in raw_stats[int(np.bincount(joined).argmax())])
        if rw * rh <= 2.5 * w * h:
            x, y, w, h = rx, ry, rw, rh
        kept.append((x, y, w, h))
    out: list[Region] = []
    # An emblem's rings, its centre, the two branches of a wreath are separate components: one feature, the box around
    # those less than 2 mm apart.
    gap = 1.0 * px_per_mm
    grown = merge_boxes([(x - gap, y - gap, w + 2 * gap, h + 2 * gap) for x, y, w, h in kept], uv.shape, touching=True)
    for box in grown:
        shrunk = clip_box((box[0] + gap, box[1] + gap, box[2] - 2 * gap, box[3] - 2 * gap), uv.shape)
        if shrunk is None:
            continue
        x, y, w, h = shrunk
        mask = glow[y : y + h, x : x + w] > 0
        area = int(mask.sum())
        if area == 0:
            continue
        colour = tuple(int(v) for v in np.median(uv[y : y + h, x : x + w][mask], axis=0))
        fill = area / float(w * h)
        out.append(Region(f"uv-feature-{len(out) + 1}", Role.UV_FEATURE, (x, y, w, h),
                          expectations=(Expectation(Light.UV.value, Expect.FLUORESCES, colour),),  # type: ignore[arg-type]
                          confidence=round(min(1.0, 0.5 + 0.5 * min(1.0, area / (100 * min_area)) * (0.5 + fill)), 3)))
    return out
