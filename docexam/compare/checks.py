"""Light-specific checks of a questioned document against its reference specimen, each giving findings.

The questioned images arrive in the reference frame (rectified by the registration). The questioned document
has another holder than the reference, so the personalised regions (portrait, VIZ fields, MRZ, ghost image)
cannot be compared pixel by pixel; they are judged by what an examiner looks at instead:

* visible light: the background print under a field (an erasure lifts it), a hairline edge round the portrait
  (a glued photograph);
* UV: the paper's own fluorescence (optical brighteners), the fluorescent emblem and fibres, fluorescence where
  the specimen has none (a moved emblem, a glued photo on brightened paper), fluorescent personalisation;
* IR: ink that must stay dark (the MRZ, IR-absorbing fields, a printed portrait) and ink that must drop out; the
  ratio of IR darkness to visible darkness of a field's ink tells which ink it was printed in, whatever it says;
  and, character by character, the MRZ and the IR-absorbing fields (:mod:`docexam.compare.b900`).

The fixed design elsewhere (background print, captions, emblem, fibres, paper) is the same on every document of
the family and is compared with :func:`docexam.compare.difference.difference_map`.

Everything runs at about :data:`WORK_DPI` (checks of inks and levels integrate over areas, and integrals survive
downscaling and blur); boxes are returned in reference pixels.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import cv2
import numpy as np

from docexam.compare.b900 import check_b900
from docexam.compare.difference import REACH_PX, difference_map, grey, match_blur, reference_range, regions, sensor_ceiling
from docexam.compare.mrz_print import mrz_print_findings
from docexam.compare.normalise import CLIPPED, Illumination, channel_max, channel_mean, clipped, estimate_illumination, normalise
from docexam.compare.personal import (
    _SURE_INK_PX,
    TEXTURE_DPI,
    background_difference,
    depth_kept,
    holder_print,
    ink_departures,
    stroke_depth,
    strokes,
    texture_difference,
)
from docexam.compare.reference import Reference
from docexam.compare.result import ALARM, DIFFERENCE_THRESHOLD, OTHER_EXPECTED_SEEN, Box, Finding, FindingKind, measured, rgb
from docexam.compare.result import grade as _grade
from docexam.details import say
from docexam.lights import LIGHTS, Light

#: Resolution the checks work at.
WORK_DPI = 100.0
#: Region names that belong to the fixed design (everything else named in a reference is personalised).
FIXED_REGIONS = frozenset({"uv_emblem"})
#: Margin around personalised regions left out of the fixed-design comparison (ink and blur spill over), mm.
_PERSONAL_MARGIN_MM = 1.0
#: The same margin for the difference maps, whose structure window reaches further, mm.
_DESIGN_MARGIN_MM = 2.5
#: How far (mm) another holder's print may lie beyond the boxes of the holder's data: accents and descenders, blur
#: and registration.
_LINE_MARGIN_MM = 0.5
#: The regions of another holder's face, left out of the personalised areas' background comparison.
_FACES = ("portrait", "ghost")
#: An edge of the fixed design, where a capture's blur is measured: the reference's grey level changing by this share
#: of its range per working pixel; and the least edge pixels for a light's own blur to be measured.
_EDGE_SLOPE = 0.06
_BLUR_EDGE_PX = 400
#: The margin around the portrait in the print-structure comparison of the fixed design, mm: a photograph stuck on
#: over the portrait, larger or shifted, covers the background print round it (Doc 9303 Part 2, 5.3: the background
#: print runs up to the portrait's edge, one straight step a capture's blur spreads by a few tenths of a millimetre).
#: Development designs (seeds 57 and 58, 8 designs, 54 genuine documents): 0.3 mm alarmed on a genuine one.
_PORTRAIT_MARGIN_MM = 0.5
#: Margin along the document's edges left out (the edge itself, the corners' rounding), mm.
_EDGE_MARGIN_MM = 1.0


# --- grading ---------------------------------------------------------------------------------------------------


#: Findings scored below this are not reported.
_REPORT = 0.2


# --- preparation -----------------------------------------------------------------------------------------------


@dataclass
class _PreparedReference:
    """What every comparison with one reference needs, computed once."""

    scale: float  # working pixels per reference pixel
    images: dict[str, np.ndarray]  # float32 working-scale images
    document: np.ndarray  # bool: the document itself (not the scanner around it)
    fixed: np.ndarray  # bool: fixed design, away from personalised regions and edges
    design: dict[str, np.ndarray]  # per light, where the difference map compares the design
    boxes: dict[str, tuple[int, int, int, int]]  # regions in working pixels
    paper: dict[str, float]  # grey level of the paper per light (a high percentile of the fixed design)
    unit: dict[str, np.ndarray]
    # per light, where the personalised areas are compared by their background around the holder's print
    # (docexam.compare.personal): those the difference maps leave out, but portraits and, under UV, the fixed design's
    # fluorescent features
    personal: dict[str, np.ndarray]
    # the fixed design the print-structure comparison judges (:func:`_fine_texture`): nearer the holder's data than
    # ``design``
    fine_design: np.ndarray
    # per light, the fixed design's edges (where the reference's grey level changes by a share of its range within a
    # pixel): where the blur of a capture can be measured
    edges: dict[str, np.ndarray] = field(default_factory=dict)
    # the visible reference at the print-structure comparison's finer scale, made when first needed
    fine: dict[str, np.ndarray] = field(default_factory=dict)
    # bool: the card's own outline in the reference (:func:`_card_outline`), left out of ``document``
    outline: np.ndarray | None = None
    # where another holder's print may lie: the boxes of the holder's data themselves (a value's line, its rows), not
    # the margin around them that the personalised areas take in; None: anywhere in them
    lines: np.ndarray | None = None


_CACHE: list[tuple[tuple, _PreparedReference]] = []


def _shrink_image(img: np.ndarray, factor: int) -> np.ndarray:
    """Mean of ``factor x factor`` blocks (the image cropped to whole blocks)."""
    if factor == 1:
        return img
    h, w = img.shape[:2]
    crop = img[: h - h % factor, : w - w % factor]
    return cv2.resize(crop, (w // factor, h // factor), interpolation=cv2.INTER_AREA)


def _painted(shape: tuple[int, ...], boxes: Iterable[tuple[tuple[int, int, int, int], int]]) -> np.ndarray:
    """A bool mask of ``shape`` (height, width), True in each of ``boxes`` widened by its margin: ``(box, margin)``
    pairs, boxes and margins in the mask's pixels."""
    out = np.zeros(shape, bool)
    for (x, y, bw, bh), m in boxes:
        out[max(0, y - m) : y + bh + m, max(0, x - m) : x + bw + m] = True
    return out


def _mm(mm: float, dpi: float, scale: float) -> int:
    return max(1, round(mm / 25.4 * dpi * scale))


#: The card's own outline in a reference captured with a margin round it (a dark line where the card's cut edge or
#: its shadow lies on a white lid): a connected dark line within this share of the image's shorter side from its
#: border, as long as this share of the image's width or height, and no thicker on average than this many mm.
_OUTLINE_BAND = 0.08
_OUTLINE_EXTENT = 0.5
_OUTLINE_THICK_MM = 1.0


def _card_outline(image: np.ndarray, dpi: float) -> np.ndarray:
    """The card's outline in a reference image (RGB, full resolution): the dark lines, each one connected piece, that
    run along the image's border as a card's edge does (:data:`_OUTLINE_BAND`, :data:`_OUTLINE_EXTENT`,
    :data:`_OUTLINE_THICK_MM`), the corners' rounding and all. Where a questioned capture of the same design is
    registered a pixel or two off at the page's edge (a homography fitted on the print inside it), so thin and deep a
    line differs along its whole length: it is the cut of the card, not its design, and is left out as the image's own
    border is. A printed frame of the design as thin is left out with it; a band of border print is not thin."""
    g = channel_mean(image.astype(np.float32)) if image.ndim == 3 else image.astype(np.float32)
    paper = float(np.percentile(g, 90))
    dark = (g < 0.5 * paper).astype(np.uint8)
    h, w = dark.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    band = _OUTLINE_BAND * min(h, w)
    thick = _OUTLINE_THICK_MM / 25.4 * float(dpi)
    out = np.zeros((h, w), bool)
    depth = None
    for i in range(1, n):
        x, y, bw, bh, _ = (int(v) for v in stats[i])
        if max(bw / w, bh / h) < _OUTLINE_EXTENT:
            continue
        ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == i)
        xs, ys = xs + x, ys + y
        if np.minimum(np.minimum(xs, w - 1 - xs), np.minimum(ys, h - 1 - ys)).max() > band:
            continue
        if depth is None:  # how far inside the dark print each of its pixels is: half a line's thickness at most
            depth = cv2.distanceTransform(dark, cv2.DIST_L2, 3)
        if 2.0 * float(np.percentile(depth[ys, xs], 90)) <= thick:
            out[ys, xs] = True
    return out


def _document_mask(images: Mapping[str, np.ndarray], dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Where the reference shows the document, and the card's outline (:func:`_card_outline`, in visible light),
    which is not part of it: the scanner lid around the document is flat in every light, paper is not."""
    h, w = next(iter(images.values())).shape[:2]
    outline = _card_outline(images[Light.VISIBLE], dpi) if Light.VISIBLE in images else np.zeros((h, w), bool)
    return _flat_lid(images) & ~outline, outline


def _flat_lid(images: Mapping[str, np.ndarray]) -> np.ndarray:
    """Where the reference is not the scanner lid round the document: the lid is flat in every light, paper is not
    (the whole image when most of it is flat: a synthetic card with no lid). The lid lies round the document: only
    flat areas that reach the image's border are it, all of them where most of the border is flat
    (:data:`_LID_BORDER`), else those lying mostly in the band along the border (:data:`_OUTLINE_BAND`: a scan's
    corner). A flat band of print inside the page, or one crossing a card scanned edge to edge (a clean rendered
    reference's solid tint, flat in every light), is the document's, and an alteration over it is judged there; a
    flat area clipped white in visible light (:data:`_CLIPPED_WHITE`) shows nothing of the page, and is not."""
    flat = None
    for img in images.values():
        g = channel_mean(img.astype(np.float32))
        mean = cv2.blur(g, (3, 3))
        var = cv2.blur(g * g, (3, 3)) - mean * mean
        f = var < 0.25
        flat = f if flat is None else flat & f
    assert flat is not None
    flat = cv2.morphologyEx(flat.astype(np.uint8), cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    if flat.mean() > 0.5:  # a flat reference (a synthetic test card): the whole image is the document
        return np.ones(flat.shape, bool)
    n, labels = cv2.connectedComponents(flat, connectivity=8)
    size = np.bincount(labels.ravel(), minlength=n)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    lid = np.unique(edge[edge > 0])
    if (edge > 0).mean() < _LID_BORDER and lid.size:
        # No lid round the document: the card fills the image but for a part of a frame along its border (a scan's
        # corner, a screenshot's rule). A flat area lying mostly in the band along the border is that; one reaching
        # across the card (a tint from edge to edge) is the card's.
        h, w = flat.shape
        band = max(1, round(_OUTLINE_BAND * min(h, w)))
        near = np.zeros(flat.shape, bool)
        near[:band], near[-band:], near[:, :band], near[:, -band:] = True, True, True, True
        in_band = np.bincount(labels[near], minlength=n)
        lid = lid[in_band[lid] >= _LID_BORDER * size[lid]]
    # Inside the page, a flat area clipped white in visible light (glare, a screenshot's blank form box) shows
    # nothing of the document's own appearance either: it is left out with the lid, not judged.
    seen = images.get(Light.VISIBLE)
    if seen is not None:
        level = seen.astype(np.float32).min(axis=2) if seen.ndim == 3 else seen.astype(np.float32)
        white = np.bincount(labels.ravel(), weights=(level >= _CLIPPED_WHITE).ravel(), minlength=n)
        clipped = np.nonzero(white >= _CLIPPED_SHARE_FLAT * size)[0]
        lid = np.union1d(lid, clipped[clipped > 0])
    return ~np.isin(labels, lid)


#: The least share of the image's border a scanner lid round the document keeps flat (:func:`_flat_lid`); the level
#: from which a pixel is clipped white (every channel), and the share of a flat area's pixels that are, for the area
#: to be clipped white.
_LID_BORDER = 0.5
_CLIPPED_WHITE = 250
_CLIPPED_SHARE_FLAT = 0.9


def _fingerprint(reference: Reference) -> tuple:
    """What identifies a reference for the cache: its description and a sparse sample of its pixels (the same
    specimen loaded twice is one reference; hashing every pixel would cost more than preparing it)."""
    sample = hashlib.blake2b(digest_size=16)
    for light in sorted(reference.images):
        sample.update(light.encode())
        sample.update(np.ascontiguousarray(reference.images[light][::7, ::7]).tobytes())
    return (reference.shape, float(reference.dpi), reference.family, tuple(sorted(reference.regions.items())),
            tuple(sorted(reference.ir_absorbing)), reference.personal,
            None if reference.expected is None else tuple(sorted(reference.expected.items())), sample.hexdigest())


def working_box(box: Box, scale: float, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """A reference-pixel box at working ``scale`` (whole working pixels covering it), clipped to ``size``
    ``(width, height)``; None when nothing of it is left."""
    x, y, bw, bh = box
    x0, y0 = math.floor(x * scale), math.floor(y * scale)
    x1, y1 = math.ceil((x + bw) * scale), math.ceil((y + bh) * scale)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(size[0], x1), min(size[1], y1)
    return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def _prepare(reference: Reference) -> _PreparedReference:
    key = _fingerprint(reference)
    for k, prep in _CACHE:
        if k == key:
            return prep
    h, w = reference.shape
    # A whole factor, so that INTER_AREA takes its fast path and working pixels are whole blocks of reference ones.
    factor = max(1, round(float(reference.dpi) / WORK_DPI))
    factor = min(factor, max(1, min(h, w) // 16))
    size = (w // factor, h // factor)
    scale = 1.0 / factor
    images = {light: _shrink_image(img, factor).astype(np.float32) for light, img in reference.images.items()}
    doc_full, outline_full = _document_mask(reference.images, float(reference.dpi))
    document = _shrink_image(doc_full.astype(np.uint8), factor) > 0.99
    outline = _shrink_image(outline_full.astype(np.uint8), factor) > 0
    boxes = {}
    for name, box in reference.regions.items():
        work = working_box(box, scale, size)
        if work is not None:
            boxes[name] = work
    # Every area of the holder's data: the named regions but the fixed ones, and what a library reference's
    # annotation says besides (personalised areas, signature, document numbers, learnt variable areas), whatever
    # their role's name.
    personal_boxes = [b for name, b in boxes.items() if name not in FIXED_REGIONS]
    for box in (*reference.personal, *(e.box for e in (reference.expected or {}).values() if e.personal)):
        work = working_box(box, scale, size)
        if work is not None:
            personal_boxes.append(work)
    em = _mm(_EDGE_MARGIN_MM, reference.dpi, scale)
    inner = cv2.erode(document.astype(np.uint8), np.ones((2 * em + 1, 2 * em + 1), np.uint8),
                      borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)

    portrait = boxes.get("portrait")

    def away_from_personal(margin_mm: float, portrait_mm: float | None = None) -> np.ndarray:
        personal = _painted((size[1], size[0]), (
            (b, _mm(portrait_mm if portrait_mm is not None and b == portrait else margin_mm, reference.dpi, scale))
            for b in personal_boxes))
        out = inner & ~personal
        if out.sum() < 64:  # nothing fixed is left (a reference without design): compare the whole document
            out = inner if inner.sum() >= 64 else document
        return out

    fixed = away_from_personal(_PERSONAL_MARGIN_MM)
    wide = away_from_personal(_DESIGN_MARGIN_MM)
    # The print structure's comparison (at a finer scale, its windows confined to the design) comes nearer a portrait,
    # whose edge is one straight step, than the difference maps. (As near the other personalised areas as the feature
    # checks, 1 mm, it found 2 more of 37 background prints altered on development designs, but took another holder's
    # value on a line the reference does not name for a difference of the design.)
    fine_design = away_from_personal(_DESIGN_MARGIN_MM, _PORTRAIT_MARGIN_MM)
    # The difference maps keep further from personalised ink than the feature checks (whose measures integrate
    # over areas): the structure window reaches over the blurred edge of a portrait or a line of text.
    design = {light: wide for light in images}
    paper = {}
    unit = {}
    for light, img in images.items():
        sel = grey(img)[fixed]
        # Under UV the paper is the dull majority; in visible and IR light it is the brightest common level.
        paper[light] = float(np.percentile(sel, 50 if light == Light.UV else 90))
        unit[light] = reference_range(img, fixed)
    # The personalised areas but the portrait and ghost image (another face; their own checks judge them): compared
    # by their background around the holder's print. In daylight the portrait is left out with the print-structure
    # comparison's margin (_PORTRAIT_MARGIN_MM: its edge is one straight step), so that background print lifted
    # between the portrait and the holder's data, where the margins kept from both meet, is still compared; in IR and
    # UV, whose portrait edges a capture blurs further and lights less evenly, with the design's margin.
    pm = _mm(_DESIGN_MARGIN_MM, reference.dpi, scale)

    def without_faces(portrait_mm: float) -> np.ndarray:
        faces = _painted((size[1], size[0]), ((boxes[n], _mm(portrait_mm, reference.dpi, scale) if n == "portrait" else pm)
                                               for n in _FACES if n in boxes))
        return inner & ~wide & ~faces

    area = without_faces(_DESIGN_MARGIN_MM)
    # Under UV a fluorescent feature under the holder's data (the emblem) shows through another holder's letters
    # where it did not through the specimen's: the emblem's own check judges it.
    uv_features = [boxes[n] for n in FIXED_REGIONS if n in boxes]
    uv_features += [b for e in (reference.expected or {}).values() if not e.personal and e.uv is not None
                    and (b := working_box(e.box, scale, size)) is not None]
    glowing = _painted((size[1], size[0]), ((b, pm) for b in uv_features))
    personal = {light: area & ~glowing if light == Light.UV
                else without_faces(_PORTRAIT_MARGIN_MM) if light == Light.VISIBLE else area for light in images}
    edges = {}
    for light, img in images.items():
        g = grey(img)
        slope = np.hypot(cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)) / 8.0
        steep = (slope >= _EDGE_SLOPE * float(np.mean(unit[light]))).astype(np.uint8)
        edges[light] = (cv2.dilate(steep, np.ones((3, 3), np.uint8)) > 0) & fixed
    # The holder's print lies on the holder's lines: within the boxes of the holder's data (a value's box is its line,
    # run on to the right where another holder's value may run), give or take what a capture's blur and registration
    # move it by. Print in the margin around them, above or below a line, is not another holder's letters: a caption
    # of the design, or what an alteration put there.
    lines = np.zeros((size[1], size[0]), np.uint8)
    lm = _mm(_LINE_MARGIN_MM, reference.dpi, scale)
    for x, y, bw, bh in personal_boxes:
        lines[max(0, y - lm) : y + bh + lm, max(0, x - lm) : x + bw + lm] = 1
    prep = _PreparedReference(scale, images, document, fixed, design, boxes, paper, unit, personal, fine_design, edges,
                              lines=lines > 0, outline=outline)
    _CACHE.insert(0, (key, prep))
    del _CACHE[4:]
    return prep


@dataclass
class Examination:
    """The inputs of the checks, prepared once: every intermediate image can be looked at.

    Attributes
    ----------
    reference : Reference
    scale : float
        Working pixels per reference pixel.
    questioned : dict
        Per light, the questioned image at working scale, photometrically normalised to the reference (float32).
    references : dict
        Per light, the reference image at working scale (float32).
    illumination : dict
        Per light, the fitted :class:`~docexam.compare.normalise.Illumination` at working scale.
    blur : dict
        Per light, the Gaussian sigma (working pixels) that makes the reference as soft as the questioned image.
    fixed : ndarray of bool
        The fixed design at working scale (no personalised region, no document edge).
    boxes : dict
        Regions of interest at working scale.
    paper : dict
        The reference's paper grey level per light.
    """

    reference: Reference
    scale: float
    questioned: dict[str, np.ndarray]
    references: dict[str, np.ndarray]
    illumination: dict[str, Illumination]
    blur: dict[str, float]
    fixed: np.ndarray
    document: np.ndarray
    boxes: dict[str, tuple[int, int, int, int]]
    paper: dict[str, float]
    unit: dict[str, np.ndarray]
    heatmaps: dict[str, np.ndarray] = field(default_factory=dict)
    signed: dict[str, np.ndarray] = field(default_factory=dict)
    #: results shared between checks (e.g. the emblem's glow, used by the emblem and the paper checks)
    memo: dict[str, object] = field(default_factory=dict, repr=False)

    def to_reference(self, box: tuple[int, int, int, int]) -> Box:
        """A working-scale box in reference pixels, clipped to the reference."""
        x, y, w, h = box
        s = self.scale
        H, W = self.reference.shape
        x0, y0 = max(0, math.floor(x / s)), max(0, math.floor(y / s))
        x1, y1 = min(W, math.ceil((x + w) / s)), min(H, math.ceil((y + h) / s))
        return (x0, y0, max(1, x1 - x0), max(1, y1 - y0))

    def region_box(self, name: str) -> Box:
        """The reference's own box of a named region (reference pixels)."""
        return tuple(int(v) for v in self.reference.regions[name])  # type: ignore[return-value]


def _validate(rectified: object, reference: object) -> None:
    if not isinstance(reference, Reference):
        raise ValueError(f"reference must be a docexam.compare.reference.Reference, got {type(reference).__name__}")
    if not isinstance(rectified, Mapping) or not rectified:
        raise ValueError("rectified must be a non-empty mapping {light: image}; give at least one of "
                         f"{', '.join(LIGHTS)}")
    h, w = reference.shape
    for light, img in rectified.items():
        if light not in LIGHTS:
            raise ValueError(f"unknown light {light!r}; the lights are {', '.join(LIGHTS)}")
        if light not in reference.images:
            raise ValueError(f"the reference has no {light} image to compare the questioned {light} image with")
        if not isinstance(img, np.ndarray):
            raise ValueError(f"rectified['{light}'] must be a numpy array, got {type(img).__name__}")
        if img.size == 0:
            raise ValueError(f"rectified['{light}'] is empty (shape {img.shape})")
        if img.dtype != np.uint8:
            raise ValueError(f"rectified['{light}'] must be uint8 RGB, got dtype {img.dtype}")
        if img.ndim != 3 or img.shape[2] != 3:
            raise ValueError(f"rectified['{light}'] must be an (H, W, 3) RGB image, got shape {img.shape}")
        if img.shape[:2] != (h, w):
            raise ValueError(f"rectified['{light}'] is {img.shape[1]}x{img.shape[0]} but the reference is {w}x{h}: "
                             "warp the questioned image into the reference frame first")


def prepare(rectified: Mapping[str, np.ndarray], reference: Reference) -> Examination:
    """Downscale, normalise and difference the questioned images: the inputs of every check.

    Parameters
    ----------
    rectified : mapping of str to ndarray
        Per light (any of :data:`~docexam.lights.LIGHTS`), the questioned image warped into the reference
        frame: (H, W, 3) uint8 RGB of the reference's size.
    reference : Reference
        The reference specimen; it must have an image for every given light.

    Returns
    -------
    Examination

    Raises
    ------
    ValueError
        If a light is unknown or missing from the reference, or an image is empty, not uint8 RGB, or of another
        size than the reference.
    """
    _validate(rectified, reference)
    prep = _prepare(reference)
    factor = round(1.0 / prep.scale)
    questioned, illum, blur, white = {}, {}, {}, {}
    saturated: dict[str, np.ndarray] = {}
    for light in LIGHTS:
        if light not in rectified:
            continue
        q = _shrink_image(rectified[light], factor).astype(np.float32)
        r = prep.images[light]
        il = estimate_illumination(q, r, mask=prep.fixed)
        illum[light] = il
        questioned[light] = normalise(q, r, illumination=il)
        white[light] = clipped(q, r, il)
        # clipped in every channel: nothing of the print left there at all (clipped_print)
        saturated[light] = (q >= CLIPPED).all(axis=2) & white[light]
    # The sharpness per light, measured on the fixed design's edges (each light is a capture of its own, and a lens
    # focuses IR and UV apart from daylight), with the reference clipped where the capture was: a plain paper says
    # nothing of the blur (smoothing its noise always looks better), so a light with too few edges takes the
    # sharpness of one that has them (the background print in daylight; then IR, then UV).
    ceilings = {light: sensor_ceiling(illum[light].gain) for light in questioned}
    measured = {}
    for light in (Light.VISIBLE, Light.IR, Light.UV):
        if light in questioned and int(prep.edges[light].sum()) >= _BLUR_EDGE_PX:
            measured[light] = match_blur(questioned[light], prep.images[light], mask=prep.edges[light],
                                         ceiling=ceilings[light])
    if measured:
        common = next(iter(measured.values()))
    else:  # no light shows edges enough: the old measure over the whole fixed design
        order = [light for light in (Light.VISIBLE, Light.IR, Light.UV) if light in questioned]
        first = max(order, key=lambda light: float((prep.fixed & ~white[light]).sum()))
        sharp = prep.fixed & ~white[first]
        common = match_blur(questioned[first], prep.images[first], mask=sharp if sharp.sum() >= 500 else prep.fixed)
    blur = {light: measured.get(light, common) for light in questioned}
    exam = Examination(reference, prep.scale, questioned, {k: prep.images[k] for k in questioned}, illum, blur,
                       prep.fixed, prep.document, prep.boxes, prep.paper, prep.unit)
    printed = (holder_print(questioned, exam.references, prep.unit, where=prep.lines, fixed=prep.fixed)
               if any(m.any() for m in prep.personal.values()) else None)
    exam.memo["holder_print"] = printed
    for light, qn in questioned.items():
        # An over-exposed capture records no level above its sensor's white: the reference is clipped there as the
        # capture was, so paper clipped white is no difference and print missing or added on it still is.
        ceiling = ceilings[light]
        heat, signed = difference_map(qn, exam.references[light], mask=prep.design[light], normalised=True,
                                      blur_sigma=blur[light], signed=True, contrast=prep.unit[light], ceiling=ceiling)
        if printed is not None:
            # The personalised areas: the background around either holder's print (docexam.compare.personal).
            back, sign = background_difference(qn, exam.references[light], area=prep.personal[light], printed=printed,
                                               unit=prep.unit[light], blur_sigma=blur[light],
                                               brighter_only=light == Light.UV, ceiling=ceiling)
            more = back > heat
            heat[more] = back[more]
            signed[more] = (back * sign)[more]
        if light == Light.VISIBLE:
            # The print structure at a finer scale, where the background's lines are still lines: under and around the
            # holders' print, and over the fixed design, where background print lifted, moved or redrawn keeps the
            # page's mean level at the working scale and changes only its lines.
            fine = _fine_texture(rectified[light], prep, reference, illum[light],
                                 printed if printed is not None else np.zeros(prep.fixed.shape, bool), white[light],
                                 blur[light])
            more = fine > heat
            heat[more] = fine[more]
            signed[more] = -fine[more]
        exam.memo[f"clipped:{light}"] = white[light]
        exam.memo[f"saturated:{light}"] = saturated[light]
        exam.heatmaps[light] = heat
        exam.signed[light] = signed
    return exam


#: At the print-structure scale, the holders' letters: strokes darker than their surround by this share of the range
#: (background print lines are 10 to 30 % of it), left out with a halo of this many millimetres.
_FINE_INK = 0.3
_HALO_MM = 0.4
#: The band along the document's edge (mm) the print-structure comparison of the fixed design leaves to the working
#: scale's, and its halo (mm) around strong print (a caption, or a value on a line the reference does not name).
_FINE_EDGE_MM = 3.0
_DESIGN_HALO_MM = 0.7


def _fine_texture(image: np.ndarray, prep: _PreparedReference, reference: Reference, illumination: Illumination,
                  printed: np.ndarray, white: np.ndarray, blur: float) -> np.ndarray:
    """The print structure of the personalised areas' background compared at about
    :data:`~docexam.compare.personal.TEXTURE_DPI` (:func:`~docexam.compare.personal.texture_difference`), as a map at
    the working scale: the light's rectified ``image`` (full resolution) normalised by its ``illumination``, the
    reference made as soft as the capture and clipped where it was."""
    work_factor = round(1.0 / prep.scale)
    # A reference captured no finer than the texture's scale (a real specimen scanned at 100-150 dpi) is compared at
    # its own resolution, the working scale: the finest it shows of its lines (left out, a piece of another part of
    # the page over the holder's line kept the page's mean level and was compared by nothing).
    factor = max(1, min(work_factor, round(float(reference.dpi) / TEXTURE_DPI)))
    key = f"fine:{factor}"
    if key not in prep.fine:
        prep.fine[key] = _shrink_image(reference.images[Light.VISIBLE], factor).astype(np.float32)
    ref = prep.fine[key]
    h, w = ref.shape[:2]
    ratio = work_factor / factor
    q = _shrink_image(image, factor).astype(np.float32)[:h, :w]
    gain = cv2.resize(illumination.gain, (w, h), interpolation=cv2.INTER_LINEAR)
    q /= np.maximum(gain, 1e-3)
    r = np.minimum(cv2.GaussianBlur(ref, (0, 0), max(blur * ratio, 0.3)), sensor_ceiling(gain))

    def up(mask: np.ndarray) -> np.ndarray:
        return cv2.resize(mask.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0

    # The holders' print (``printed``, found at the working scale) and, at this scale, the sharp cores and fringes
    # of their letters that the working scale's halo does not reach.
    unit = float(np.mean(prep.unit[Light.VISIBLE]))
    marks = (strokes(grey(q), unit, share=_FINE_INK) | strokes(grey(r), unit, share=_FINE_INK)).astype(np.uint8)
    halo = max(1, round(_HALO_MM * float(reference.dpi) / factor / 25.4))
    on_lines = marks & up(prep.lines) if prep.lines is not None else marks
    letters = cv2.dilate(on_lines.astype(np.uint8), np.ones((2 * halo + 1, 2 * halo + 1), np.uint8)) > 0
    halo = max(1, round(_DESIGN_HALO_MM * float(reference.dpi) / factor / 25.4))
    near_print = cv2.dilate(marks, np.ones((2 * halo + 1, 2 * halo + 1), np.uint8)) > 0
    # Strong print (captions, and a value on a line the reference does not name for the holder's) is no background
    # texture: left out of the fixed design's local means and moments too, or another holder's letters there shift
    # them a millimetre and more beyond the letters' halo (development seed 43, a place of birth, bold, on a generated
    # card: a band of 1.0 under the name, every other holder's card alarmed).
    strong = cv2.dilate(marks, np.ones((3, 3), np.uint8)) > 0
    fixed = up(prep.fixed & ~white) & ~strong
    background = up(prep.personal[Light.VISIBLE] & ~printed) & ~letters
    # The fixed design itself, but near its captions and other strong print in either image (judged at the working
    # scale by their level; and a value on a line the reference does not name for the holder's is another holder's
    # letters there), and the band along the document's edge, where a capture's own edge and its focus across a tilted
    # card show.
    em = _mm(_FINE_EDGE_MM, reference.dpi, prep.scale)
    outline = prep.outline if prep.outline is not None else np.zeros_like(prep.document)
    inner = cv2.erode((prep.document | outline).astype(np.uint8), np.ones((2 * em + 1, 2 * em + 1), np.uint8),
                      borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
    if outline.any():
        # The card's outline inside the image is a line, not the capture's edge: left out with the margin of the
        # other comparisons (_EDGE_MARGIN_MM), its own width and the registration's error, not the band above.
        om = _mm(_EDGE_MARGIN_MM, reference.dpi, prep.scale)
        inner &= cv2.dilate(outline.astype(np.uint8), np.ones((2 * om + 1, 2 * om + 1), np.uint8)) == 0
    design = up(prep.fine_design & inner) & ~near_print
    px_per_mm = float(reference.dpi) / factor / 25.4
    fine = texture_difference(grey(q), grey(r), background=background, fixed=fixed,
                              unit=unit, px_per_mm=px_per_mm, blur_sigma=0.0, design=design)
    H, W = prep.fixed.shape
    out = cv2.resize(fine, (W, H), interpolation=cv2.INTER_AREA)
    return out[:H, :W]


# --- helpers ---------------------------------------------------------------------------------------------------


def _crop(img: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = box
    return img[y : y + h, x : x + w]


_grey = grey


def _darkness(exam: Examination, light: str, box: tuple[int, int, int, int], *, reference: bool = False) -> np.ndarray:
    """1 - grey / paper in ``box``: 0 on the paper, towards 1 on black ink."""
    src = exam.references if reference else exam.questioned
    return 1.0 - _grey(_crop(src[light], box)) / max(exam.paper[light], 1.0)


def mask_box(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """The box (x, y, width, height, in the mask's pixels) of a mask's set pixels, None when there are none."""
    ys, xs = np.nonzero(mask)
    if xs.size == 0:
        return None
    return (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))


def _page_box(exam: Examination) -> Box:
    box = mask_box(exam.document)
    if box is None:
        h, w = exam.reference.shape
        return (0, 0, w, h)
    return exam.to_reference(box)


def _personalised(exam: Examination) -> list[str]:
    return [n for n in exam.boxes if n not in FIXED_REGIONS]


def _shrink(box: tuple[int, int, int, int], share: float) -> tuple[int, int, int, int]:
    x, y, w, h = box
    dx, dy = int(w * share), int(h * share)
    return (x + dx, y + dy, max(1, w - 2 * dx), max(1, h - 2 * dy))


def _fmt(v: float) -> str:
    return f"{v:.2f}"


#: A UV measure relative to the specimen's: 1 when the document glows as the specimen does (the expected value).
_AS_SPECIMEN = measured("uv_glow_ratio", 1.0)


# --- UV --------------------------------------------------------------------------------------------------------


#: How much brighter (or duller) than the specimen's the paper must glow, relative to the document's own fluorescent
#: features, for a note, an alarm and certainty. Exposure scales paper and features alike and leaves the ratio be;
#: optical brighteners raise the paper alone (security paper is dull, Doc 9303 Part 3, 4.11 "Fluorescence").
_PAPER_OWN = (1.5, 2.0, 3.5)
#: The same from the lights' exposures alone (UV against visible and IR), when the document shows no fluorescent
#: feature to compare its paper with: wider, since a workstation may expose UV a stop apart from the other lights.
_PAPER_CROSS = (1.6, 2.8, 4.5)


def _paper_grade(factor: float, levels: tuple[float, float, float]) -> float:
    note, alarm, certain = levels
    return _grade(math.log(max(factor, 1e-6)), note=math.log(note), alarm=math.log(alarm), certain=math.log(certain))


def paper_against_features(exam: Examination) -> tuple[float, float] | None:
    """How bright the paper glows under UV relative to the document's own fluorescent features, as a share of the
    specimen's: ``(least, most)`` of the estimates, or ``None`` when no feature can be measured.

    Each fluorescent feature of the fixed design (the emblem, :func:`emblem_glow`; the fibres, :func:`fibre_ratio`)
    is measured on the UV image normalised on its paper, so its glow is relative to the paper: 1 when paper and
    feature keep the specimen's proportion, whatever the exposure, and each feature says the paper is 1 over that
    as bright as the specimen's. A paper with brighteners drowns every feature, so even the least estimate is
    high; a duller paper lifts every feature, so even the most is low. A feature missing on its own (an emblem
    scraped off) raises only its own estimate: the others speak for the paper.
    """
    kept = []
    glow = emblem_glow(exam)
    if glow is not None and glow[1] >= 0.5 and float(exam.memo.get("emblem_saturated", 0.0)) < 0.5:  # type: ignore[arg-type]
        kept.append(glow[0])
    fibres = fibre_ratio(exam)
    if fibres is not None:
        kept.append(fibres)
    if not kept:
        return None
    return 1.0 / max(max(kept), 1e-6), 1.0 / max(min(kept), 1e-6)


def paper_fluorescence(exam: Examination) -> list[Finding]:
    """The paper's own glow under UV compared with the reference's, relative to the document itself.

    Normalisation divides the UV image by its fitted gain, so a uniform exposure change disappears from it; what
    is left is the paper's glow relative to the document's own fluorescent features
    (:func:`paper_against_features`): a paper with optical brighteners drowns them, another paper's exposure
    does not. Only when the document shows no such feature is the paper read from the exposure of the UV capture
    against the visible and IR captures' (one lamp set, usually one exposure), with wider margins: a workstation
    may expose UV a stop apart from the other lights.
    """
    if Light.UV not in exam.illumination:
        return []
    others = [float(np.mean(exam.illumination[light].level)) for light in (Light.VISIBLE, Light.IR) if light in exam.illumination]
    exposure = float(np.median(others)) if others else 1.0
    uv_level = exam.illumination[Light.UV].level
    cross_bright, cross_dull = float(np.max(uv_level)) / max(exposure, 1e-6), float(np.min(uv_level)) / max(exposure, 1e-6)
    own = paper_against_features(exam)
    page = _page_box(exam)
    out = []
    if own is not None:
        bright, dull_factor = own
        how = say("paper_vs_features")
        s_bright, s_dull = _paper_grade(bright, _PAPER_OWN), _paper_grade(1.0 / max(dull_factor, 1e-6), _PAPER_OWN)
    elif others:
        bright, dull_factor = cross_bright, cross_dull
        how = say("paper_vs_exposure", uv=float(np.max(uv_level)), others=exposure)
        s_bright, s_dull = _paper_grade(bright, _PAPER_CROSS), _paper_grade(1.0 / max(dull_factor, 1e-6), _PAPER_CROSS)
    else:
        return []  # neither a feature nor another light to tell the paper from the exposure
    if s_bright >= _REPORT and s_bright >= s_dull:
        out.append(Finding(FindingKind.PAPER_FLUORESCENCE, Light.UV, page, s_bright, None,
                           expected=_AS_SPECIMEN, seen=measured("uv_glow_ratio", bright),
                           said=say("paper_bright", bright=bright, how=how)))
    elif s_dull >= _REPORT:
        out.append(Finding(FindingKind.PAPER_FLUORESCENCE, Light.UV, page, s_dull, None,
                           expected=_AS_SPECIMEN, seen=measured("uv_glow_ratio", dull_factor),
                           said=say("paper_dull", dull=dull_factor, how=how)))
    return out


def _fluorescence(exam: Examination, box: tuple[int, int, int, int], *, reference: bool,
                  sigma: float = 0.0) -> np.ndarray:
    """Grey level above the reference's paper under UV in ``box`` (reference blurred by ``sigma`` if asked)."""
    img = exam.references[Light.UV] if reference else exam.questioned[Light.UV]
    g = _grey(_crop(img, box)).astype(np.float32)
    if sigma > 0.05:
        g = cv2.GaussianBlur(g, (0, 0), sigma)
    return g - exam.paper[Light.UV]


def _uv_clipped(exam: Examination) -> np.ndarray:
    """Where the questioned UV capture was clipped white in some channel (before normalisation), dilated by the
    working blur (a clipped pixel pulls its neighbours' means)."""
    if "uv_clipped" not in exam.memo:
        raw = exam.questioned[Light.UV] * exam.illumination[Light.UV].gain
        clipped = (channel_max(raw) >= CLIPPED).astype(np.uint8)
        exam.memo["uv_clipped"] = cv2.dilate(clipped, np.ones((3, 3), np.uint8)) > 0
    return exam.memo["uv_clipped"]  # type: ignore[return-value]


def _emblem_ground(exam: Examination) -> np.ndarray:
    """Where a fixed fluorescent feature (the emblem) can be measured: the fixed design, and under the holder's data
    the page between either holder's letters (:func:`docexam.compare.personal.holder_print`, with its halo). An
    emblem printed under the holder's lines shows through another holder's letters where it did not through the
    specimen's, and only there; measured on the fixed design alone, an emblem the lines cover leaves a few pixels
    of a corner, whose correlation is noise (development NVR-TD1-3: 2 of 8 genuine documents alarmed at 0.36 to 0.46).
    Portraits and ghost images (another face, which may glow) are left out with their margin."""
    printed = exam.memo.get("holder_print")
    if printed is None:
        return exam.fixed
    em = _mm(_EDGE_MARGIN_MM, exam.reference.dpi, exam.scale)
    out = cv2.erode(exam.document.astype(np.uint8), np.ones((2 * em + 1, 2 * em + 1), np.uint8),
                    borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool) & ~printed  # type: ignore[operator]
    pm = _mm(_PERSONAL_MARGIN_MM, exam.reference.dpi, exam.scale)
    out &= ~_painted(out.shape, ((exam.boxes[n], pm) for n in _FACES if n in exam.boxes))
    return out | exam.fixed


def emblem_glow(exam: Examination) -> tuple[float, float] | None:
    """The UV emblem's glow above the paper compared with the specimen's: ``(mass, correlation)``.

    ``mass`` is the questioned emblem's total glow over the specimen's (1: as bright; the UV image is normalised
    on its paper, so this is the glow *relative to the paper*), ``correlation`` how well the two patterns match
    in the emblem's box (1: in place). ``None`` when there is no UV image, no emblem region, or the specimen's
    emblem does not glow.
    """
    if "emblem" in exam.memo:
        return exam.memo["emblem"]  # type: ignore[return-value]
    out = None
    if Light.UV in exam.questioned and "uv_emblem" in exam.boxes:
        box = exam.boxes["uv_emblem"]
        sel = _crop(_emblem_ground(exam), box)
        # Pixels the capture clipped (a UV exposure a stop up whitens a bright emblem) say nothing of its glow.
        clipped = _crop(_uv_clipped(exam), box) & sel
        exam.memo["emblem_saturated"] = float(clipped.sum()) / max(1, int(sel.sum()))
        sel = sel & ~clipped
        if sel.sum() >= 16:
            tol = 1.5  # working pixels of smoothing: a misregistration of a pixel or two is no displacement
            q = cv2.GaussianBlur(_fluorescence(exam, box, reference=False), (0, 0), tol)[sel]
            r = cv2.GaussianBlur(_fluorescence(exam, box, reference=True, sigma=exam.blur[Light.UV]), (0, 0), tol)[sel]
            ref_mass = float(np.clip(r, 0, None).sum())
            if ref_mass > 1e-3 * sel.sum() * float(exam.unit[Light.UV].mean()):
                mass = float(np.clip(q, 0, None).sum()) / ref_mass
                corr = float(np.corrcoef(q, r)[0, 1]) if q.std() > 1e-6 else 0.0
                out = (mass, corr)
    exam.memo["emblem"] = out
    return out


def uv_emblem(exam: Examination) -> list[Finding]:
    """The fluorescent emblem: present (as much glow as the reference's) and in place (the same pattern)."""
    glow = emblem_glow(exam)
    if glow is None:
        return []
    mass, corr = glow
    out = []
    bbox = exam.region_box("uv_emblem")
    s_missing = _grade(1 - min(mass, 1.0), note=0.3, alarm=0.5, certain=0.8)
    s_place = _grade(1 - corr, note=0.25, alarm=0.45, certain=0.75)
    if s_missing >= s_place and s_missing >= _REPORT:
        out.append(Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, bbox, s_missing, "uv_emblem",
                           expected=_AS_SPECIMEN, seen=measured("uv_glow_ratio", mass),
                           said=say("uv_emblem_weak", mass=mass)))
    elif s_place >= _REPORT:
        out.append(Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, bbox, s_place, "uv_emblem",
                           expected=measured("pattern_correlation", 1.0), seen=measured("pattern_correlation", corr),
                           said=say("uv_emblem_moved", corr=corr, mass=mass)))
    return out


#: A part of the UV emblem is dimmed when its glow falls under this share of what the rest of the emblem says it
#: should be (the median ratio of the two glows over its body, the specimen's emblem where it glows at least
#: :data:`_EMBLEM_BODY` of its brightest), over this area (mm^2) and more. Strokes of print narrower than twice
#: :data:`_EMBLEM_STROKE_MM` over it (another holder's letters absorb) are closed over first.
_EMBLEM_DIM = 0.6
_EMBLEM_PART_MM2, _EMBLEM_PART_ALARM_MM2 = 4.0, 12.0
_EMBLEM_BODY = 0.35
_EMBLEM_STROKE_MM = 0.4


def uv_emblem_parts(exam: Examination) -> list[Finding]:
    """Parts of the UV emblem that glow far less than the rest of it, against the specimen: paper or print stuck over
    part of it, or the emblem scraped there. Judged relative to the emblem itself (a capture's exposure moves it all
    alike), over the whole of it but the faces, where the capture clipped included; another holder's letters over it
    (thin dark strokes under UV) are closed over, a covered part is wider than a stroke."""
    if Light.UV not in exam.questioned or "uv_emblem" not in exam.boxes:
        return []
    box = exam.boxes["uv_emblem"]
    x, y, w, h = box
    pm = _mm(_PERSONAL_MARGIN_MM, exam.reference.dpi, exam.scale)
    faces = _painted(exam.fixed.shape, ((exam.boxes[n], pm) for n in _FACES if n in exam.boxes))
    # Pixels the capture clipped are kept: their glow is at least what they show, so they can only raise what the rest
    # of the emblem says (a bright emblem clipped everywhere but where a patch dimmed it, development seed 43).
    sel = _crop(exam.document & ~faces, box)
    r = _fluorescence(exam, box, reference=True, sigma=exam.blur[Light.UV])
    top = float(np.percentile(r[sel], 99)) if sel.sum() >= 16 else 0.0
    if top <= 0.1 * float(exam.unit[Light.UV].mean()):
        return []
    body = sel & (r >= _EMBLEM_BODY * top)
    if body.sum() < 16:
        return []
    q = _fluorescence(exam, box, reference=False)
    k = _mm(_EMBLEM_STROKE_MM, exam.reference.dpi, exam.scale)
    ratio = np.where(body, q / np.maximum(r, 1e-3), 0.0).astype(np.float32)
    ratio = cv2.morphologyEx(ratio, cv2.MORPH_CLOSE, np.ones((2 * k + 1, 2 * k + 1), np.uint8))
    scale = float(np.median(ratio[body]))
    if scale <= 0.2:
        return []  # the emblem as a whole is missing or weak: uv_emblem says so
    dim = (body & (ratio < _EMBLEM_DIM * scale)).astype(np.uint8)
    px_mm2 = (25.4 / (float(exam.reference.dpi) * exam.scale)) ** 2
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dim, connectivity=8)
    out = []
    for j in range(1, n):
        bx, by, bw, bh, count = (int(v) for v in stats[j])
        area = count * px_mm2
        if area < _EMBLEM_PART_MM2:
            continue
        level = float(np.median(ratio[labels == j])) / scale
        s = _grade(min(1.0, area / _EMBLEM_PART_ALARM_MM2) * (1.0 - level), note=0.15, alarm=0.3, certain=0.6)
        if s < _REPORT:
            continue
        out.append(Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, exam.to_reference((x + bx, y + by, bw, bh)), s,
                           "uv_emblem", expected=_AS_SPECIMEN, seen=measured("uv_glow_ratio", level),
                           said=say("uv_emblem_part", area=area, level=level)))
    return out


def fibre_ratio(exam: Examination) -> float | None:
    """The density of fluorescent fibres under UV as a share of the specimen's (1: as many, as bright relative to
    the paper), or ``None`` without a UV image, fixed design enough, or fibres on the specimen.

    Fibres are measured as the UV white top-hat (bright detail narrower than about 1.5 mm) above its own 75th
    percentile, integrated over the paper: an integral survives blur and downscaling, and positions do not
    matter (fibres fall at random on real documents). Both images are compared at the capture's sharpness,
    taken from the visible light where the paper has texture enough to measure it; pixels the capture clipped
    are left out of both.
    """
    if "fibres" in exam.memo:
        return exam.memo["fibres"]  # type: ignore[return-value]
    out = None
    if Light.UV in exam.questioned:
        m = exam.fixed & ~_uv_clipped(exam)
        if "uv_emblem" in exam.boxes:
            x, y, w, h = exam.boxes["uv_emblem"]
            m[y : y + h, x : x + w] = False
        if m.sum() >= 64:
            sigma = exam.blur.get(Light.VISIBLE, exam.blur[Light.UV])
            kernel = np.ones((5, 5), np.uint8)

            def energy(img: np.ndarray, s: float) -> float:
                if s > 0.05:
                    img = cv2.GaussianBlur(img, (0, 0), s)
                t = channel_max(cv2.morphologyEx(img, cv2.MORPH_TOPHAT, kernel))[m]
                return float(np.mean(np.maximum(t - np.percentile(t, 75), 0)))

            e_ref = energy(exam.references[Light.UV], float(np.hypot(sigma, 0.7)))
            if e_ref >= 0.05:  # else the specimen shows no fibres
                out = energy(exam.questioned[Light.UV], 0.7) / e_ref
    exam.memo["fibres"] = out
    return out


def uv_fibres(exam: Examination) -> list[Finding]:
    """The density of fluorescent fibres (:func:`fibre_ratio`) against the specimen's."""
    ratio = fibre_ratio(exam)
    if ratio is None:
        return []
    s = _grade(1 - ratio, note=0.5, alarm=0.7, certain=0.9)
    if s < _REPORT:
        return []
    return [Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, _page_box(exam), s, "fibres",
                    expected=_AS_SPECIMEN, seen=measured("uv_glow_ratio", ratio), said=say("uv_fibres", ratio=ratio))]


#: The share of a region's pixels a capture may clip before a weak glow there is no evidence (a stroke's width of a
#: line of text, no more).
_CLIPPED_SHARE = 0.02


def uv_personalisation(exam: Examination) -> list[Finding]:
    """Personalised regions that glow in the specimen (a fluorescent number, the ghost image) must glow too.

    Their content differs between holders, so only the amount of glow is compared, leniently.
    """
    if Light.UV not in exam.questioned:
        return []
    out = []
    unit = float(exam.unit[Light.UV].mean())
    for name in _personalised(exam):
        if name == "portrait":
            continue
        box = exam.boxes[name]
        # Only the region's own glow: the part of it over a fixed fluorescent feature (the emblem) is checked there.
        own = np.ones((box[3], box[2]), bool)
        for fixed_name in FIXED_REGIONS & exam.boxes.keys():
            fx, fy, fw, fh = exam.boxes[fixed_name]
            own[max(0, fy - box[1]) : max(0, fy + fh - box[1]), max(0, fx - box[0]) : max(0, fx + fw - box[0])] = False
        if own.sum() < 0.25 * own.size:
            continue
        r = np.clip(_fluorescence(exam, box, reference=True), 0, None)[own]
        if r.mean() < 0.02 * unit:
            continue
        # A region the capture clipped in part glows at least as it shows, so a weak glow there says nothing
        # (normalised, a clipped white reads darker than it was: a UV capture a stop brighter read the glowing regions
        # of development MVN-TD2-5, KST-TD3-1 and NVR-TD1-3 as 0 to 40 % of the specimen's).
        if float(_crop(_uv_clipped(exam), box)[own].mean()) >= _CLIPPED_SHARE:
            continue
        q = np.clip(_fluorescence(exam, box, reference=False), 0, None)[own]
        ratio = float(q.mean() / r.mean())
        s = _grade(1 - ratio, note=0.6, alarm=0.8, certain=0.95)
        if s >= _REPORT:
            out.append(Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, exam.region_box(name), s, name,
                               expected=_AS_SPECIMEN, seen=measured("uv_glow_ratio", ratio),
                               said=say("uv_print_weak", name=name, ratio=ratio)))
    return out


def uv_portrait(exam: Examination) -> list[Finding]:
    """A printed-in portrait absorbs UV as the page around it does; a glued photograph often fluoresces; and a portrait
    printed again in another way shows its face under UV otherwise than the specimen's (:func:`portrait_uv_slope`).
    The stronger of the two is reported."""
    if Light.UV not in exam.questioned or "portrait" not in exam.boxes:
        return []
    box = _shrink(exam.boxes["portrait"], 0.1)
    q = float(np.median(_grey(_crop(exam.questioned[Light.UV], box))))
    r = float(np.median(_grey(_crop(exam.references[Light.UV], box))))
    ratio = (q + 2.0) / (r + 2.0)  # 2 grey levels: a black portrait must not make the ratio explode
    s = _grade(math.log(max(ratio, 1e-6)), note=math.log(1.3), alarm=math.log(1.6), certain=math.log(2.5))
    out = []
    if s >= _REPORT:
        out.append(Finding(FindingKind.PORTRAIT, Light.UV, exam.region_box("portrait"), s, "portrait",
                           said=say("uv_portrait_bright", ratio=ratio)))
    slopes = portrait_uv_slope(exam)
    if slopes is not None:
        seen, expected = slopes
        s_slope = _grade(abs(seen - expected), note=_UV_PORTRAIT_SLOPE[0], alarm=_UV_PORTRAIT_SLOPE[1],
                         certain=_UV_PORTRAIT_SLOPE[2])
        if s_slope >= _REPORT and s_slope > s:
            out = [Finding(FindingKind.PORTRAIT, Light.UV, exam.region_box("portrait"), s_slope, "portrait",
                           said=say("uv_portrait_slope", seen=seen, expected=expected))]
    return out


#: How far the portrait's UV slope (:func:`portrait_uv_slope`) may depart from the specimen's (note, alarm,
#: certain). Development designs (seed 19: MVN-TD2-5, NVR-TD1-3, NVR-MRVB-5, KST-TD3-1, ZLN-MRVB-5; seed 23: KST-TD1-3,
#: BRL-MRVA-3, OPH-MRVB-1), 52 genuine documents of other holders re-captured by bench/simulate.py: departures 0.00 to
#: 0.10 (median 0.01); 24 portraits replaced by it (printed in, or a photograph stuck on): 0.40 to 0.81.
_UV_PORTRAIT_SLOPE = (0.15, 0.25, 0.4)
#: Least spread of the questioned portrait's daylight darkness for a slope to be measured, and least grey level of the
#: specimen's portrait under UV for its relative changes to mean anything.
_UV_SLOPE_SPREAD = 0.05
_UV_SLOPE_LEVEL = 3.0
#: Least share of the portrait's box that must absorb UV on the specimen for the slope to be fitted there only.
_UV_SLOPE_SHARE = 0.5
#: Least share of those pixels the questioned daylight capture must not have clipped for a slope to be fitted (over
#: them alone: development OPH-MRVB-1, seed 61, a portrait printed in over a face 63 % clipped, -0.48 against +0.02 on
#: the 37 % seen; NVR-MRVA-7's genuine visa of 40 % seen, as the specimen's there).
_UV_SLOPE_SEEN = 0.2


def portrait_uv_slope(exam: Examination) -> tuple[float, float] | None:
    """How the portrait's UV glow follows its daylight darkness: ``(questioned, specimen)`` slopes, or ``None``.

    The slope is the change of the portrait's UV level, relative to its own median, per unit of daylight darkness
    (1 - grey / paper), fitted over the portrait (a tenth in from its edges; both lights at one sharpness). A
    portrait printed into the page in the specimen's way relates the two as the specimen's does whatever the face
    (Doc 9303 Part 2: the portrait is integrated into the page; generated designs print it flat under UV, slope 0),
    and the ratio to its own level leaves exposure out; another portrait printed in over it, or a photograph, shows
    its face under UV in its own way (darker where the face is darker: a negative slope)."""
    if Light.UV not in exam.questioned or Light.VISIBLE not in exam.questioned or "portrait" not in exam.boxes:
        return None
    box = _shrink(exam.boxes["portrait"], 0.1)
    if box[2] < 8 or box[3] < 8:
        return None

    def soft(img: np.ndarray, own: float) -> np.ndarray:
        return _at_common_sharpness(exam, img, own, other=Light.UV)

    # Where the specimen's portrait absorbs UV (darker than its paper by a tenth of the range), when it does over most
    # of the box: a box taken wider than the photo (a side with no edge, taken as far out as it may lie) holds
    # paper, bright under UV and in daylight, beside another holder's darker hair, which made a slope of the two
    # (development OPH-MRVB-1, one-specimen reference: -1.6 on genuine documents whose portrait glows flat).
    ref_uv = _grey(_crop(exam.references[Light.UV], box)).astype(np.float32).ravel()
    portrait = ref_uv < exam.paper[Light.UV] - 0.1 * float(_grey(exam.unit[Light.UV][None, None, :])[0, 0])
    judged = portrait if portrait.mean() >= _UV_SLOPE_SHARE else np.ones_like(portrait)
    # Where the questioned daylight capture clipped white, its darkness reads as the paper's whatever was printed: the
    # light half of a face over-exposed flattens the daylight side of the slope and steepens it (development
    # NVR-MRVA-7, seed 71: a visa captured with 92 % of its print clipped, -0.50 against the specimen's -0.23). Both
    # slopes are fitted over the pixels the capture saw; too few of them (:data:`_UV_SLOPE_SEEN`), and there is no
    # slope to tell.
    white = exam.memo.get(f"clipped:{Light.VISIBLE}")
    if isinstance(white, np.ndarray):
        seen = ~_crop(white, box).ravel()
        if float((judged & seen).sum()) < _UV_SLOPE_SEEN * float(judged.sum()):
            return None
        judged = judged & seen

    def slope(reference: bool) -> tuple[float, float, float]:
        src = exam.references if reference else exam.questioned
        v = soft(_darkness(exam, Light.VISIBLE, box, reference=reference),
                 0.0 if reference else exam.blur[Light.VISIBLE]).ravel()[judged]
        u = soft(_grey(_crop(src[Light.UV], box)).astype(np.float32),
                 0.0 if reference else exam.blur[Light.UV]).ravel()[judged]
        level = float(np.median(u))
        u = u / max(level, 1.0)
        v = v - v.mean()
        return float((v * (u - u.mean())).sum() / max(float((v * v).sum()), 1e-9)), float(v.std()), level

    seen, spread, _ = slope(False)
    expected, _, level = slope(True)
    if spread < _UV_SLOPE_SPREAD or level < _UV_SLOPE_LEVEL:
        return None
    return seen, expected


#: A UV spot: glow this many robust noise deviations (and at least this share of the UV contrast) above what the
#: specimen shows within a millimetre, over at least this area (mm^2; alarm from the second area). Development
#: designs (3 designs, seed 21, 15 genuine documents and 21 spots of bench/simulate.py per reference kind): no genuine
#: document had a spot at all, so the areas were lowered from 2 and 5 mm^2 to find spots of 1.5 mm across.
_SPOT_SIGMAS = 6.0
_SPOT_CONTRAST = 0.08
_SPOT_MIN_MM2, _SPOT_ALARM_MM2 = 1.0, 3.0
#: How far a specimen's glow may have moved (registration), mm; and, over a personalised region, the most another
#: holder's print may uncover of what the specimen's print covered (a line of VIZ text), mm.
_SPOT_REACH_MM = 1.0
_SPOT_PERSONAL_REACH_MM = 3.0
_SPOT_GAIN = 1.1
#: How much surer a spot is for each doubling of its area beyond the alarm's area.
_SPOT_WIDER = 0.15
#: The percentile of a glowing personalised region's pixels taken as its print's brightest glow: fluorescent fibres
#: crossing it (a few per cent of its pixels) are not its print.
_SPOT_PRINT_PERCENTILE = 97.0
#: A face printed in fluorescent ink (the ghost image) glows as brightly as its holder's portrait is light there:
#: another holder's may glow this many times as far above the paper as the specimen's brightest (its 97th percentile),
#: in the print's colour (development design ZLN-TD3-3, seed 43: 16 holders' ghosts rendered clean glow 0.89 to 1.33
#: times as far as the specimen's, light hair where its holder has none; captured, up to 1.38, and 6 of 15 documents
#: alarmed as spots in the ghost from 1.22). Light of another colour is still a spot at any strength.
_FACE_GLOW_SPAN = 1.6
#: Cosine between a pixel's glow and a fixed UV feature's colour above which the pixel is the feature's print.
_FEATURE_COLOUR = 0.95
#: Least pixels of a fixed UV feature's box outside the personalised regions for its colour to be measured there alone.
_FEATURE_APART_PX = 64


def _on_its_line(exam: Examination, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A personalised region's box grown along its line to where another holder's value may run: a library reference
    learns from one specimen the box of *its* value (a short surname), and says in ``personal`` how far the line's
    values run (the widened box on the same line); a longer name glows beyond the specimen's box as the print does."""
    x, y, w, h = box
    H, W = exam.fixed.shape
    x0, x1 = x, x + w
    for p in (*exam.reference.personal, *exam.reference.read_boxes.values(),
              *(e.box for e in (exam.reference.expected or {}).values() if e.personal)):
        wb = working_box(p, exam.scale, (W, H))
        if wb is None:
            continue
        px, py, pw, ph = wb
        overlap = min(y + h, py + ph) - max(y, py)
        # the same line (most of either height shared) and the same value (it starts where the region does)
        if overlap >= 0.7 * min(h, ph) and ph <= 1.5 * h and px <= x + max(2, w // 4) and px + pw >= x:
            x0, x1 = min(x0, px), max(x1, px + pw)
    return (x0, y, x1 - x0, h)


@dataclass(frozen=True)
class _GlowingLine:
    """A personalised region that glows on the specimen, as far along its line as another holder's value may run
    (working pixels): its print glows in one colour (``colour``, a unit RGB vector, the glow above ``paper``) at any
    strength up to ``top`` along it."""

    box: tuple[int, int, int, int]
    paper: np.ndarray
    colour: np.ndarray
    top: float


def _print_colour(r: np.ndarray, paper: np.ndarray, unit: np.ndarray) -> np.ndarray | None:
    """The unit RGB direction of a region's glow above ``paper`` (its glowing pixels' mean), or None."""
    d = r.reshape(-1, 3) - paper
    lit = d.sum(axis=1) >= 0.3 * float(unit.sum())
    if lit.sum() < 4:
        return None
    c = d[lit].mean(axis=0)
    n = float(np.linalg.norm(c))
    return (c / n).astype(np.float32) if n > 1e-6 else None


def _spot_ceiling(exam: Examination) -> np.ndarray:
    """Per pixel and channel, the brightest the questioned UV image may be where nothing was added: the specimen's
    own glow within :data:`_SPOT_REACH_MM` (at the capture's blur), never below its paper. Over a personalised
    region, another holder's print may uncover any of the specimen's glow its own print covered, so the reach is
    the region's height (a line of text); and over one that glows on the specimen (a fluorescent number, a ghost
    image: another holder's glows elsewhere in it, and further along the line when the value is longer) it is the
    brightest the specimen's print glows anywhere in the region, channel by channel (a spot of another colour
    exceeds it), fibres left out (they fall at random, and are opened away in the questioned image)."""
    r = exam.references[Light.UV]
    sigma = exam.blur[Light.UV]
    if sigma > 0.05:
        r = cv2.GaussianBlur(r, (0, 0), sigma)
    reach = _mm(_SPOT_REACH_MM, exam.reference.dpi, exam.scale)
    near_glow = cv2.dilate(r, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    paper = np.percentile(r[exam.fixed], 50, axis=0) if exam.fixed.any() else np.median(r.reshape(-1, 3), axis=0)
    ceiling = np.maximum(near_glow, paper.astype(np.float32))
    unit = exam.unit[Light.UV]
    H, W = r.shape[:2]
    most = _mm(_SPOT_PERSONAL_REACH_MM, exam.reference.dpi, exam.scale)
    fixed_glow = np.zeros(r.shape[:2], bool)  # the fixed fluorescent features (the emblem) a region may lie over
    lines: list[_GlowingLine] = []
    exam.memo["uv_glowing_lines"] = lines
    holders = np.zeros(r.shape[:2], bool)  # the personalised regions' boxes: a holder's print, not the feature's
    for name in _personalised(exam):
        hx, hy, hw, hh = exam.boxes[name]
        holders[hy : hy + hh, hx : hx + hw] = True
    for name in FIXED_REGIONS & exam.boxes.keys():
        fx, fy, fw, fh = exam.boxes[name]
        # The feature's own print, not all of its box: a box drawn round an emblem (an automatic annotation's) may
        # take in a fluorescent value printed beside it, whose glow would then be the emblem's (development
        # MVN-TD1-1: the shield's box covered most of the surname, whose glow was measured on a sliver of paper and
        # every longer name alarmed as a spot). Where the feature glows in its own colour (and a reach about it, as
        # the capture blurs it) is left out; a feature of no distinct colour keeps its box.
        feature = r[fy : fy + fh, fx : fx + fw]
        # Its colour from its box outside the personalised regions where it leaves enough of it: a fluorescent value
        # printed across the box glows in its own colour, and taken into the feature's it made the value's letters
        # the feature's print (development MVN-TD1-1, seed 73: the blue surname across the green shield's box, its
        # own glow then measured on the few pixels left, 18 grey levels, and another holder's longer name a spot).
        apart = ~holders[fy : fy + fh, fx : fx + fw]
        colour = _print_colour(feature[apart] if apart.sum() >= _FEATURE_APART_PX else feature, paper, unit)
        if colour is None:
            fixed_glow[fy : fy + fh, fx : fx + fw] = True
            continue
        d = feature - paper
        lit = d.sum(axis=2) >= 0.3 * float(unit.sum())
        along = (d @ colour) / np.maximum(np.linalg.norm(d, axis=2), 1e-6)
        mine = cv2.dilate((lit & (along >= _FEATURE_COLOUR)).astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
        fixed_glow[fy : fy + fh, fx : fx + fw] = mine.astype(bool)
    for name in _personalised(exam):
        x, y, w, h = exam.boxes[name]
        own = ~fixed_glow[y : y + h, x : x + w]
        # The print's glow, not the fibres' (a few pixels of the region at most; the print covers more).
        top = np.percentile(r[y : y + h, x : x + w][own], _SPOT_PRINT_PERCENTILE, axis=0) if own.sum() >= 16 else paper
        if np.any(top - paper >= 0.1 * unit):  # it glows on the specimen, not only where the emblem runs under it
            lx, ly, lw, lh = _on_its_line(exam, (x, y, w, h))
            if name in _FACES:
                # Another face glows as far as its holder's hair and clothes do, where the specimen's holder's may not
                # have reached, and the box drawn round the specimen's glow ends where that glow did: grown by the
                # margin the difference maps keep from a face (development seed 43, a generated TD2's ghost image: a
                # light shirt glowing 1.4 mm below the box an automatic annotation drew round a dark one).
                fm = _mm(_DESIGN_MARGIN_MM, exam.reference.dpi, exam.scale)
                gx0, gy0 = max(0, lx - fm), max(0, ly - fm)
                lx, ly, lw, lh = gx0, gy0, min(W, lx + lw + fm) - gx0, min(H, ly + lh + fm) - gy0
                # and as brightly as its lighter parts make its print glow, in the print's colour (_FACE_GLOW_SPAN)
                top = paper + _FACE_GLOW_SPAN * (top - paper)
            ceiling[ly : ly + lh, lx : lx + lw] = np.maximum(ceiling[ly : ly + lh, lx : lx + lw], top.astype(np.float32))
            colour = _print_colour(r[y : y + h, x : x + w][own], paper, unit)
            if colour is not None:
                lines.append(_GlowingLine((lx, ly, lw, lh), paper.astype(np.float32), colour,
                                          float(np.dot(top - paper, colour))))
            continue
        if name == "portrait" and w > 2 * reach + 4 and h > 2 * reach + 4:
            # Every holder's portrait covers the same rectangle, printed into the page: it lets through at most what
            # the specimen's lets through (its brightest, a millimetre in from its edge for the box's error), not the
            # paper's glow around it (a paper glowing brighter than a spot on the portrait hid the spot: development
            # MVN-TD2-5). A specimen whose portrait lets the paper glow through gives the paper, as before.
            inner = r[y + reach : y + h - reach, x + reach : x + w - reach]
            inner_own = own[reach : h - reach, reach : w - reach]
            if inner_own.sum() >= 16:
                lets = np.percentile(inner[inner_own], _SPOT_PRINT_PERCENTILE, axis=0).astype(np.float32)
                ceiling[y : y + h, x : x + w] = np.maximum(near_glow[y : y + h, x : x + w], lets)
                continue
        k = max(reach, min(most, h))
        x0, y0, x1, y1 = max(0, x - k), max(0, y - k), min(W, x + w + k), min(H, y + h + k)
        near = cv2.dilate(r[y0:y1, x0:x1], np.ones((2 * k + 1, 2 * k + 1), np.uint8))
        ceiling[y : y + h, x : x + w] = np.maximum(ceiling[y : y + h, x : x + w], near[y - y0 : y - y0 + h, x - x0 : x - x0 + w])
    return ceiling


def _off_colour(exam: Examination, q: np.ndarray, r: np.ndarray, line: _GlowingLine) -> np.ndarray:
    """Per pixel of ``line``'s box, the light the questioned image holds beyond its print's glow, in grey levels of
    its most exceeding channel: the glow above the paper less its part along the print's colour (held between none
    and the specimen's brightest), less what the specimen shows there beyond its print's colour (a fixed feature
    under the line, within :data:`_SPOT_REACH_MM`). Another holder's print glows along the colour at any strength,
    and ink darkens; a spot of another colour, or brighter than the print, is left over."""
    x, y, w, h = line.box

    def beyond(img: np.ndarray) -> np.ndarray:
        d = img[y : y + h, x : x + w] - line.paper
        along = np.clip(d @ line.colour, 0.0, line.top)
        rest = d - along[..., None] * line.colour
        # a capture's white balance moves the colour by a few per cent of the glow
        return channel_max(rest) - (_SPOT_GAIN - 1.0) * along * float(line.colour.max())

    reach = _mm(_SPOT_REACH_MM, exam.reference.dpi, exam.scale)
    own = cv2.dilate(np.maximum(beyond(r), 0.0), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    return beyond(q) - _SPOT_GAIN * own


def uv_spots(exam: Examination) -> list[Finding]:
    """Local fluorescence the specimen does not have, anywhere on the page, personalised areas included.

    A spot of glue, fluorescent ink or brightener glows under UV where the specimen shows only its paper or a dimmer
    print. Another holder's data are no excuse under UV: printed ink absorbs (it darkens the paper, it cannot make
    it glow), and a personalised region that fluoresces on the specimen may glow as brightly anywhere in its box.
    So the questioned UV image, normalised on its paper (a uniform exposure change is gone), is compared channel by
    channel (a spot has any colour) with the ceiling of :func:`_spot_ceiling`; thin bright marks (fibres, which
    fall at random) are opened away first.
    """
    if Light.UV not in exam.questioned:
        return []
    q = cv2.morphologyEx(exam.questioned[Light.UV], cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    r = exam.references[Light.UV]
    ceiling = _spot_ceiling(exam)
    # The capture's noise after normalisation (a dark UV capture is noisier once brightened), from the fixed design.
    sel = exam.fixed if exam.fixed.any() else exam.document
    resid = (q - cv2.GaussianBlur(r, (0, 0), max(exam.blur[Light.UV], 0.5)))[sel]
    noise = 1.4826 * np.median(np.abs(resid - np.median(resid, axis=0)), axis=0)
    floor = np.maximum(_SPOT_SIGMAS * noise, _SPOT_CONTRAST * exam.unit[Light.UV])
    # Brightness first (a glow of any colour brightens); colour channel by channel too (a red glow on blue-glowing
    # paper), against a ceiling reaching a little further: JPEG keeps colour at half resolution and smears it.
    # Both with :data:`_SPOT_GAIN` to spare: a capture's colour (JPEG, white balance) moves each channel's fitted gain
    # by a few per cent, and the brightest print with it.
    excess = (_grey(q) - _SPOT_GAIN * _grey(ceiling)) / float(_grey(floor[None, None, :])[0, 0])
    wide = cv2.dilate(ceiling, np.ones((5, 5), np.uint8))
    excess = np.maximum(excess, channel_max((q - _SPOT_GAIN * wide) / floor))
    # Over a glowing personalised region, the print's own colour (any strength of it) is what another holder's value
    # shows; light of another colour, or beyond the print's brightest, is a spot whatever the flat ceiling allowed.
    blurred = cv2.GaussianBlur(r, (0, 0), exam.blur[Light.UV]) if exam.blur[Light.UV] > 0.05 else r
    # A channel the capture clipped bends the colour of what glows there (a fluorescent value a stop over-exposed turns
    # from its print's colour): clipped pixels are judged by brightness only.
    clipped = _uv_clipped(exam)
    # So are pixels near where the specimen's capture was clipped: the colour it glows in there is not known beyond
    # white, and the questioned capture, normalised, may show it (development KST-TD2-3, seed 67: a pink emblem clipped
    # red on the specimen, under another holder's yellow-green date).
    reach = _mm(_SPOT_REACH_MM, exam.reference.dpi, exam.scale)
    clipped = clipped | cv2.dilate((channel_max(r) >= CLIPPED).astype(np.uint8),
                                   np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)).astype(bool)
    for line in exam.memo.get("uv_glowing_lines", ()):  # type: ignore[attr-defined]
        x, y, w, h = line.box
        off = _off_colour(exam, q, blurred, line) / float(floor.max())
        off[clipped[y : y + h, x : x + w]] = 0.0
        excess[y : y + h, x : x + w] = np.maximum(excess[y : y + h, x : x + w], off)
    inside = exam.document
    em = _mm(_EDGE_MARGIN_MM, exam.reference.dpi, exam.scale)
    inside = cv2.erode(inside.astype(np.uint8), np.ones((2 * em + 1, 2 * em + 1), np.uint8),
                       borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
    hot = ((excess >= 1.0) & inside).astype(np.uint8)
    if not hot.any():
        return []
    px_mm2 = (25.4 / (float(exam.reference.dpi) * exam.scale)) ** 2
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(hot, np.ones((3, 3), np.uint8)), connectivity=8)
    out = []
    for k in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[k])
        own = (labels[y : y + h, x : x + w] == k) & (hot[y : y + h, x : x + w] > 0)
        area = float(own.sum()) * px_mm2
        if area < _SPOT_MIN_MM2:
            continue
        level = float(np.median(excess[y : y + h, x : x + w][own]))
        size = min(1.0, (area - _SPOT_MIN_MM2) / (_SPOT_ALARM_MM2 - _SPOT_MIN_MM2))
        # Every pixel of a component is above the floor already: a wider one is surer at the same level (a large
        # faint smear of glue as much as a small bright drop).
        wider = 1.0 + _SPOT_WIDER * math.log2(max(1.0, area / _SPOT_ALARM_MM2))
        s = min(1.0, ALARM * (0.6 + 0.4 * size) * min(level, 2.0) / 1.2 * wider)
        if s < _REPORT:
            continue
        where = next((name for name in _personalised(exam) if _inside((x, y, w, h), exam.boxes[name]) >= 0.5), None)
        # The spot's colour where it glows most (its core: the brightest quarter of it), not diluted by its rim
        pixels = exam.questioned[Light.UV][y : y + h, x : x + w][own]
        lum = pixels.sum(axis=1)
        colour = pixels[lum >= np.percentile(lum, 75)].mean(axis=0)
        out.append(Finding(FindingKind.UV_UNEXPECTED, Light.UV, exam.to_reference((x, y, w, h)), s, where,
                           seen=measured("uv_spot", f"{area:.0f} mm\u00b2 {rgb(colour)}"),
                           said=say("uv_spot_in", area=area, where=where) if where else say("uv_spot", area=area)))
    return out


def check_uv(exam: Examination) -> list[Finding]:
    """Every UV check: paper, emblem, fibres, fluorescent personalisation, portrait, local spots, fixed design."""
    if Light.UV not in exam.questioned:
        return []
    found = paper_fluorescence(exam) + uv_emblem(exam) + uv_emblem_parts(exam) + uv_fibres(exam) + _uv_regions(exam)
    found += uv_portrait(exam)
    # A spot inside a region a specific check has already named as surely (a glowing photograph on the portrait) is
    # that; a surer spot stays (a spot on part of the portrait also bends the portrait's UV slope, more weakly).
    named = [f for f in found if f.region not in (None, "fibres")]
    found += [f for f in uv_spots(exam) if not any(_inside(f.bbox, g.bbox) >= 0.5 and g.score >= f.score for g in named)]
    return found + _design_findings(exam, Light.UV, already=found)


def _uv_regions(exam: Examination) -> list[Finding]:
    """The personalised regions' glow: as ``specimen.json`` implies it (:func:`uv_personalisation`), or, for a library
    reference, each annotated region's expectation against the specimen (:mod:`docexam.compare.expectations`)."""
    if exam.reference.expected is None:
        return uv_personalisation(exam)
    from docexam.compare.expectations import check_uv_expectations

    return check_uv_expectations(exam)


def _ir_regions(exam: Examination) -> list[Finding]:
    """The inks of the personalised regions in IR: :func:`ir_regions` for a folder's reference, each annotated
    region's expectation against the specimen for a library reference (:mod:`docexam.compare.expectations`)."""
    if exam.reference.expected is None:
        return ir_regions(exam)
    from docexam.compare.expectations import check_ir_expectations

    return check_ir_expectations(exam)


# --- IR --------------------------------------------------------------------------------------------------------


def ink_ratio(exam: Examination, box: tuple[int, int, int, int], *, reference: bool = False) -> tuple[float, float]:
    """How dark a region's ink is in IR for how dark it is in daylight, and how much ink it holds.

    The darkness above the region's own background (its median) is compared where the visible ink is: about 1
    for IR-absorbing (carbon, B900) ink, about 0 for ink that drops out. Blur and exposure act alike on both
    lights, so the ratio holds for soft and dark captures; the second value, the mean weighted visible ink
    darkness, says whether there is ink enough to judge.
    """
    v = _darkness(exam, Light.VISIBLE, box, reference=reference)
    i = _darkness(exam, Light.IR, box, reference=reference)
    vt = v - np.median(v)
    it = i - np.median(i)
    w = np.clip(vt / 0.3, 0.0, 1.0) ** 2  # text, not the background print: it is darker than any guilloche
    ink = float((w * vt).sum())
    return float((w * it).sum() / max(ink, 1e-6)), ink / vt.size


#: Least mean weighted ink darkness for a region's IR ratio to be judged (about a character in a field).
_MIN_INK = 0.002
#: A region the specimen's list does not name IR-absorbing whose marks the specimen itself shows this dark in IR
#: (for their daylight darkness) does not drop out: holes perforated through the page, dark in every light.
_STAYS_IN_IR = 0.5


def ir_regions(exam: Examination) -> list[Finding]:
    """MRZ and VIZ fields: IR-absorbing ones stay dark, the others drop out."""
    if Light.IR not in exam.questioned or Light.VISIBLE not in exam.questioned:
        return []
    out = []
    for name in _personalised(exam):
        if name in ("portrait", "ghost"):
            continue
        box = exam.boxes[name]
        ratio, ink = ink_ratio(exam, box)
        if ink < _MIN_INK:
            continue
        bbox = exam.region_box(name)
        field_kind = FindingKind.IR_DROPOUT if name == "mrz" else FindingKind.VIZ_FIELD
        seen = measured("ir_ink_ratio", ratio)
        if name in exam.reference.ir_absorbing:
            s = _grade(1 - ratio, note=0.3, alarm=0.45, certain=0.7)
            if s < _REPORT:
                continue
            # what the specimen's own ink there shows (about 1 for absorbing ink), as the expected measure
            expected = measured("ir_ink_ratio", ink_ratio(exam, box, reference=True)[0])
            if ratio >= 0.1 and name != "mrz":
                out.append(Finding(FindingKind.VIZ_FIELD, Light.IR, bbox, s, name, expected=expected, seen=seen,
                                   said=say("ir_reprinted", name=name, ratio=ratio)))
            else:
                out.append(Finding(FindingKind.IR_DROPOUT, Light.IR, bbox, s, name, expected=expected, seen=seen,
                                   said=say("ir_fades", name=name, ratio=ratio)))
        else:
            # IR-absorbing ink the specimen's own box does not show: what its box holds anyway (the edge of an
            # IR-absorbing neighbour, a caption, art in carbon ink) is neither the field's ink nor a residue, however
            # the capture blurs or compresses it.
            own = max(0.0, ink_ratio(exam, box, reference=True)[0])
            if own >= _STAYS_IN_IR:
                # The specimen's own marks there do not drop out (a number perforated through the page shows the
                # scanner's lid, dark in every light): nothing drops out, so there is no residue to find, and the
                # ratio of marks a pixel or two across wanders with each light's blur (a development genuine
                # document's perforation read 1.23 against the specimen's 1.03 and alarmed). They may fade only.
                s = _grade(1 - ratio / own, note=0.3, alarm=0.45, certain=0.7)
                if s >= _REPORT:
                    out.append(Finding(field_kind, Light.IR, bbox, s, name, expected=measured("ir_ink_ratio", own),
                                       seen=seen, said=say("ir_fades_vs", name=name, ratio=ratio, own=own)))
                continue
            s_ink = _grade(ratio - own, note=0.2, alarm=0.45, certain=0.7)
            s_residue = _grade(ratio - own, note=0.04, alarm=0.08, certain=0.2)
            expected = measured("ir_ink_ratio", own)
            if ratio - own >= 0.45 and s_ink >= _REPORT:
                out.append(Finding(FindingKind.IR_NO_DROPOUT, Light.IR, bbox, s_ink, name, expected=expected, seen=seen,
                                   said=say("ir_stays_dark", name=name, ratio=ratio)))
            elif s_residue >= _REPORT:
                kind = field_kind if name != "mrz" else FindingKind.IR_NO_DROPOUT
                out.append(Finding(kind, Light.IR, bbox, max(s_residue, s_ink), name, expected=expected, seen=seen,
                                   said=say("ir_residue", name=name, ratio=ratio, own=own)))
    return out


#: The portrait's contrast in IR for its contrast in daylight, as a share of the specimen's, below which a printed
#: portrait's carbon-bearing print is missing (1 less the share: note, alarm, certain). Development designs (seeds 57
#: and 58, 8 designs, 54 genuine documents of other holders): genuine shares 0.97 to 1.23; portraits replaced by
#: bench/simulate.py, in inks of any IR contrast, 0.04 to 1.24 (an alarm at a share of 0.55, as before, found 19 of 42
#: in IR; at 0.85, 31).
_IR_PORTRAIT = (0.08, 0.15, 0.4)


def _at_common_sharpness(exam: Examination, img: np.ndarray, own: float, *, other: str = Light.IR) -> np.ndarray:
    """``img``, whose blur is ``own`` (working pixels), blurred on to the sharpness daylight and the ``other`` light
    are compared at: the softer capture's, at least a working pixel (a lens focuses IR and UV apart from daylight,
    and a regression on a sharper predictor reads a softer response as weaker)."""
    common = max(exam.blur[Light.VISIBLE], exam.blur[other], 1.0)
    extra = math.sqrt(max(common**2 - own**2, 0.0))
    return cv2.GaussianBlur(img, (0, 0), extra) if extra > 0.05 else img


def portrait_ir_share(exam: Examination) -> float | None:
    """How much of its daylight contrast the portrait shows in IR, as a share of what the specimen's shows (1: the
    same print), or ``None`` without both lights, a portrait, or a specimen's portrait that shows in IR.

    Both lights are compared at one sharpness (the softer capture's, at least a working pixel: a lens focuses IR apart
    from daylight, and a regression on a sharper predictor reads a softer response as weaker)."""
    if Light.IR not in exam.questioned or Light.VISIBLE not in exam.questioned or "portrait" not in exam.boxes:
        return None
    box = exam.boxes["portrait"]

    def slope(reference: bool) -> float:
        v = _darkness(exam, Light.VISIBLE, box, reference=reference)
        i = _darkness(exam, Light.IR, box, reference=reference)
        v = _at_common_sharpness(exam, v, 0.0 if reference else exam.blur[Light.VISIBLE]).ravel()
        i = _at_common_sharpness(exam, i, 0.0 if reference else exam.blur[Light.IR]).ravel()
        v = v - v.mean()
        return float((v * (i - i.mean())).sum() / max((v * v).sum(), 1e-9))

    r = slope(True)
    if r < 0.2:
        return None  # the specimen's portrait drops out in IR itself
    return slope(False) / r


#: A part of the portrait whose IR darkness departs from what its daylight darkness says, by this share of the light's
#: range (note, alarm, certain), over at least this area (mm^2). Development designs (seeds 57 and 58): genuine
#: documents' departures have a robust spread of 0.005 to 0.015, and none reaches 0.15 over any area; a patch of
#: paper or other print over the face departs by 0.2 and more.
_IR_PORTRAIT_PART = (0.1, 0.15, 0.3)
_IR_PORTRAIT_PART_MM2 = 3.0


def ir_portrait_parts(exam: Examination) -> list[Finding]:
    """A part of the portrait printed or stuck on in another ink or paper: its darkness in IR does not follow its
    darkness in daylight as the rest of the portrait's print does (Doc 9303 Part 2: the portrait is printed into the
    page in one pass, so one relation holds over all of it, whatever the face). The relation is fitted on the
    questioned portrait itself (robustly: a part that departs does not pull it), so another holder's face and a
    whole portrait in another ink (:func:`ir_portrait`) are no departure; a patch over part of it is."""
    if Light.IR not in exam.questioned or Light.VISIBLE not in exam.questioned or "portrait" not in exam.boxes:
        return []
    px, py, pw, ph = exam.boxes["portrait"]
    if pw < 8 or ph < 8:
        return []
    box = (px, py, pw, ph)

    def departures(reference: bool, judged: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        # the specimen's lights are sharp (blur 0), the questioned capture's as measured
        v = _at_common_sharpness(exam, _darkness(exam, Light.VISIBLE, box, reference=reference),
                                 0.0 if reference else exam.blur[Light.VISIBLE])
        i = _at_common_sharpness(exam, _darkness(exam, Light.IR, box, reference=reference),
                                 0.0 if reference else exam.blur[Light.IR])
        keep = judged.copy()
        for _ in range(3):  # the first fit is pulled by a departing part; the next ones leave it out
            if keep.sum() < 16:
                return None
            slope, offset = np.polyfit(v[keep], i[keep], 1)
            residual = i - (slope * v + offset)
            spread = 1.4826 * float(np.median(np.abs(residual[judged] - np.median(residual[judged]))))
            keep = judged & (np.abs(residual) < max(3.0 * spread, 0.03))
        return residual, keep

    note, alarm, certain = _IR_PORTRAIT_PART
    # What departs on the specimen itself is no part of a portrait printed in one pass: a box taken wider than the
    # photo (a side with no edge, taken as far out as it may lie) holds the design's background print, dark in
    # daylight and gone in IR, which departed on every genuine document (development NVR-TD3-1, one-specimen
    # reference: 4 of 4 alarmed along the box's top and side). It is left out, with a pixel about it.
    whole = np.ones(_crop(exam.questioned[Light.VISIBLE], box).shape[:2], bool)
    specimen = departures(True, whole)
    judged = whole
    if specimen is not None:
        theirs = cv2.dilate((np.abs(specimen[0]) >= note).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        judged = whole & ~theirs
    found = departures(False, judged)
    if found is None:
        return []
    residual, keep = found
    if keep.sum() < 0.5 * judged.sum():
        return []  # no one relation holds over most of it: the whole portrait is ir_portrait's to judge
    hot = ((np.abs(residual) >= alarm) & judged).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(hot, connectivity=8)
    px_mm2 = (25.4 / (float(exam.reference.dpi) * exam.scale)) ** 2
    out = []
    for k in range(1, n):
        x, y, w, h, area = (int(a) for a in stats[k])
        if area * px_mm2 < _IR_PORTRAIT_PART_MM2:
            continue
        level = float(np.median(np.abs(residual[labels == k])))
        s = _grade(level, note=note, alarm=alarm, certain=certain)
        if s >= _REPORT:
            out.append(Finding(FindingKind.PORTRAIT, Light.IR, exam.to_reference((px + x, py + y, w, h)), s, "portrait",
                               said=say("ir_portrait_part", area=area * px_mm2, departure=level)))
    return out


def ir_portrait(exam: Examination) -> list[Finding]:
    """A printed portrait absorbs IR as the specimen's does; a glued photograph's dyes are transparent in IR."""
    ratio = portrait_ir_share(exam)
    if ratio is None:
        return []
    note, alarm, certain = _IR_PORTRAIT
    s = _grade(1 - ratio, note=note, alarm=alarm, certain=certain)
    if s < _REPORT:
        return []
    return [Finding(FindingKind.PORTRAIT, Light.IR, exam.region_box("portrait"), s, "portrait",
                    said=say("ir_portrait_flat", ratio=max(ratio, 0)))]


def check_ir(exam: Examination) -> list[Finding]:
    """Every IR check: inks of the MRZ and the VIZ fields, the portrait, and the fixed design."""
    if Light.IR not in exam.questioned:
        return []
    found = _ir_regions(exam) + ir_portrait(exam) + ir_portrait_parts(exam)
    return found + _design_findings(exam, Light.IR, already=found)


# --- visible ---------------------------------------------------------------------------------------------------


def visible_portrait(exam: Examination) -> list[Finding]:
    """A glued photograph's hairline edge: a dark line along the portrait's border, which a printed portrait
    (a step from page to picture) does not have."""
    if Light.VISIBLE not in exam.questioned or "portrait" not in exam.boxes:
        return []
    x, y, w, h = exam.boxes["portrait"]
    H, W = exam.fixed.shape
    if x < 4 or y < 4 or x + w + 4 > W or y + h + 4 > H or w < 12 or h < 12:
        return []

    def line(reference: bool) -> float:
        g = 1.0 - _grey(exam.references[Light.VISIBLE] if reference else exam.questioned[Light.VISIBLE]) / exam.paper[Light.VISIBLE]
        sides = []
        for axis_rows, pos, lo, hi, step in ((True, y, x, x + w, -1), (True, y + h - 1, x, x + w, 1),
                                              (False, x, y, y + h, -1), (False, x + w - 1, y, y + h, 1)):
            def band(p: int, lo: int = lo, hi: int = hi, axis_rows: bool = axis_rows) -> float:
                return float(g[p, lo + 3 : hi - 3].mean()) if axis_rows else float(g[lo + 3 : hi - 3, p].mean())
            edge = max(band(pos + d) for d in (-1, 0, 1))
            inside, outside = band(pos - 3 * step), band(pos + 3 * step)
            sides.append(edge - max(inside, outside))
        return float(np.median(sides))

    contrast = line(False) - max(line(True), 0.0)
    s = _grade(contrast, note=0.02, alarm=0.04, certain=0.1)
    if s < _REPORT:
        return []
    return [Finding(FindingKind.PORTRAIT, Light.VISIBLE, exam.region_box("portrait"), s, "portrait",
                    said=say("portrait_hairline", contrast=contrast))]


_TEXT_HALO = np.ones((5, 5), np.uint8)


def visible_fields(exam: Examination) -> list[Finding]:
    """The background print under each VIZ field: an erasure lifts it (lighter, less texture)."""
    if Light.VISIBLE not in exam.questioned:
        return []
    out = []
    sigma = float(np.hypot(exam.blur[Light.VISIBLE], 0.7))
    q_all = cv2.GaussianBlur(_grey(exam.questioned[Light.VISIBLE]), (0, 0), 0.7)
    r_all = cv2.GaussianBlur(_grey(exam.references[Light.VISIBLE]), (0, 0), sigma)
    paper = exam.paper[Light.VISIBLE]
    for name in _personalised(exam):
        if not name.startswith("viz:"):
            continue
        box = exam.boxes[name]
        q = 1 - _crop(q_all, box) / paper
        r = 1 - _crop(r_all, box) / paper
        # The background: pixels no darker than the print in either image (text is darker than any guilloche).
        text = ((q - np.median(q) >= 0.12) | (r - np.median(r) >= 0.12)).astype(np.uint8)
        bg = cv2.dilate(text, _TEXT_HALO) == 0  # away from either image's text and its blurred halo
        if bg.sum() < 0.3 * bg.size:
            continue
        # A paper exposed to white shows no background print however much is there: left out, not lifted.
        white = exam.memo.get(f"clipped:{Light.VISIBLE}")
        if isinstance(white, np.ndarray):
            bg &= ~_crop(white, box)
            if bg.sum() < 0.3 * bg.size:
                continue
        lift = float(np.mean(r[bg]) - np.mean(q[bg]))  # how much lighter the background is than the specimen's
        depth = max(float(np.mean(r[bg])), 0.02)  # how dark the specimen's background print is there
        share = lift / depth
        s = _grade(share, note=0.2, alarm=0.33, certain=0.5)
        if s >= _REPORT:
            out.append(Finding(FindingKind.VIZ_FIELD, Light.VISIBLE, exam.region_box(name), s, name,
                               said=say("background_lifted", name=name, share=share)))
    return out


#: The VIZ values of one length whoever the holder (dates, numbers: Doc 9303 Part 3, 3.8 writes a date in one form per
#: document), by the words of their region names: another holder's is printed with about as much ink as the
#: specimen's, from the same place (the values of a data page start at their field's left edge). Names, whose length
#: varies without bound, and the one-letter sex are not judged so.
FIXED_LENGTH_WORDS = ("date", "number")
#: A fixed-length value's ink (its strokes' depth summed over its box, against the specimen's made as soft as the
#: capture) as a share of the specimen's, over the MRZ's same share on the same document (the capture's blur and
#: resolution take the same share of every print's depth), below which the value is missing: 1 less the share, note,
#: alarm, certain. And how much later (in heights of its box) the value's ink starts than the specimen's (the column
#: by which 5 % of it lies to the left): note, alarm, certain. Development designs (12, seed 23, 8 documents each,
#: 150-600 dpi re-captures, /tmp/s19/inkmass.py): 320 genuine dates and numbers keep 0.54 to 1.25 of the ink and start
#: within 0.10 of the specimen's; 48 values a third to all covered from the left by a blank paper keep 0.01 to 0.76,
#: and those keeping more than 0.4 start 1.1 to 2.5 later. The start is judged on every value, names and places too:
#: the same designs' 700 other genuine values (names, sex, nationality, places, authorities, entries) start within 0.29
#: (a given name's first letter) of the specimen's.
_VALUE_MISSING = (0.5, 0.6, 0.85)
_VALUE_LATE = (0.3, 0.5, 1.5)
#: Least ink of the specimen's value (summed stroke depth, in units of the light's range times a pixel) for it to be
#: judged.
_VALUE_MIN_INK = 30.0
#: The share of a value's ink to the left of the column its start is taken at.
_VALUE_START = 0.05


def _value_ink(exam: Examination, light: str, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The stroke depth (:func:`~docexam.compare.personal.stroke_depth`, in units of the light's range) of the
    questioned image and of the specimen made as soft as it, summed down each column of ``box`` (working pixels)."""
    key = f"stroke_depth:{light}"
    if key not in exam.memo:
        unit = float(np.mean(exam.unit[light]))
        ref = _grey(exam.references[light])
        soft = cv2.GaussianBlur(ref, (0, 0), exam.blur[light]) if exam.blur[light] > 0.05 else ref
        exam.memo[key] = tuple(np.clip(stroke_depth(g), 0.0, None) / unit for g in (_grey(exam.questioned[light]), soft))
    q, r = exam.memo[key]  # type: ignore[misc]
    return _crop(q, box).sum(axis=0), _crop(r, box).sum(axis=0)


def _ink_start(columns: np.ndarray) -> int | None:
    """The column by which :data:`_VALUE_START` of a value's ink lies to its left (None without ink)."""
    total = np.cumsum(columns)
    if total.size == 0 or total[-1] <= 0:
        return None
    return int(np.searchsorted(total, _VALUE_START * total[-1]))


def visible_values(exam: Examination) -> list[Finding]:
    """Each VIZ value printed from its field's start, and each value of one length whoever the holder (a date, a
    number) in full: a value covered by a piece of paper, painted over or erased starts later than its field, or
    keeps little of its ink, which no other holder's value of that field does. The share of the specimen's ink is
    measured against the MRZ's on the same document, which every holder's MRZ prints in full (Doc 9303 Part 3, 4.10:
    every position carries a character)."""
    if Light.VISIBLE not in exam.questioned or "mrz" not in exam.boxes:
        return []
    mq, mr = (float(c.sum()) for c in _value_ink(exam, Light.VISIBLE, exam.boxes["mrz"]))
    if mr < _VALUE_MIN_INK or mq <= 0.0:
        return []
    kept = mq / mr
    out = []
    for name in _personalised(exam):
        if not name.startswith("viz:"):
            continue
        q, r = _value_ink(exam, Light.VISIBLE, exam.boxes[name])
        if float(r.sum()) < _VALUE_MIN_INK:
            continue
        share = float(q.sum()) / float(r.sum()) / kept
        start_q, start_r = _ink_start(q), _ink_start(r)
        late = 0.0 if start_q is None or start_r is None else (start_q - start_r) / max(1, exam.boxes[name][3])
        s_share = 0.0
        if any(w in name for w in FIXED_LENGTH_WORDS):  # a name or a place may be shorter; it starts at the edge too
            s_share = _grade(1.0 - share, note=_VALUE_MISSING[0], alarm=_VALUE_MISSING[1], certain=_VALUE_MISSING[2])
        s_late = _grade(late, note=_VALUE_LATE[0], alarm=_VALUE_LATE[1], certain=_VALUE_LATE[2])
        s = max(s_share, s_late)
        if s >= _REPORT:
            said = (say("value_missing", name=name, share=share) if s_share >= s_late
                    else say("value_late", name=name, late=late))
            out.append(Finding(FindingKind.VIZ_FIELD, Light.VISIBLE, exam.region_box(name), s, name, said=said))
    return out


#: A value's ink departing from the document's other values' (beyond the specimen's own departure), in grey levels of
#: its largest channel: note, alarm, certain (for a value measured on enough ink), in hue (another colour) and in
#: density (more or less of the same ink). Development designs (five, 30 genuine documents of other holders and 30
#: re-printed values, 24 of them on a value the reference boxes): genuine values up to 4.1 in hue and 12.6 in density
#: (a capture's blur lightens thin strokes more than thick); values printed again 1 to 32 in hue, 19 of 24 at 6.5 or
#: more in hue or 17 or more in density. One departure of the two together (up to 15.6 on genuine values) alarmed at
#: 14 on one genuine document and found 17 of 24.
_INK_HUE = (4.5, 6.5, 15.0)
_INK_DENSITY = (13.0, 17.0, 35.0)


def visible_inks(exam: Examination, rectified: Mapping[str, np.ndarray]) -> list[Finding]:
    """Each VIZ value's ink against the document's other values' (:func:`docexam.compare.personal.ink_departures`):
    a value printed again after an erasure, in another ink than the personalisation's."""
    if Light.VISIBLE not in rectified:
        return []
    boxes = {n: b for n, b in exam.reference.regions.items() if n.startswith("viz:")}
    boxes |= {n: e.box for n, e in (exam.reference.expected or {}).items() if n.startswith("holder-text")}
    out = []
    for name, dep in ink_departures(rectified[Light.VISIBLE], exam.reference.images[Light.VISIBLE], boxes,
                                    dpi=float(exam.reference.dpi)).items():
        # A value of a character or two is measured on few pixels: its tolerance grows as one over their root.
        widen = max(1.0, math.sqrt(_SURE_INK_PX / max(dep.pixels, 1)))
        grades = [(_grade(d, note=n * widen, alarm=a * widen, certain=c * widen), d)
                  for d, (n, a, c) in ((dep.hue, _INK_HUE), (dep.density, _INK_DENSITY))]
        s, departure = max(grades)
        if s >= _REPORT:
            out.append(Finding(FindingKind.VIZ_FIELD, Light.VISIBLE, tuple(int(v) for v in boxes[name]), s, name,  # type: ignore[arg-type]
                               said=say("viz_ink_departs", name=name, departure=departure)))
    return out


def check_visible(exam: Examination) -> list[Finding]:
    """Every visible-light check: the portrait's edge, the background under the fields, the fixed design."""
    if Light.VISIBLE not in exam.questioned:
        return []
    found = visible_portrait(exam) + visible_fields(exam) + visible_values(exam)
    return found + _design_findings(exam, Light.VISIBLE, already=found)


# --- fixed design ----------------------------------------------------------------------------------------------

#: Difference-map level counted as a difference, and the least area of a reported difference (mm^2).
_DESIGN_THRESHOLD = DIFFERENCE_THRESHOLD
_DESIGN_MIN_MM2 = 2.0
_DESIGN_ALARM_MM2 = 6.0
#: Differences up to twice this far apart (mm) are one: a piece of print moved or redrawn differs along its own
#: strokes, in pieces each under the least area (real corpus, seed 19: a moved 64 x 26 px piece of the page's top
#: at 119 dpi differed in four pieces of 6-57 px, none reported).
_DESIGN_JOIN_MM = 0.5


def _inside(a: Box, b: Box) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    iw = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0, min(ay + ah, by + bh) - max(ay, by))
    return iw * ih / max(aw * ah, 1)


#: The score of a difference another holder's print explains (a note, never an alarm), the ink (share of the light's
#: range by which a stroke is darker than its background) of a value's print, the share of a difference that must lie
#: on either holder's letters, and how far apart (working pixels, 0.25 mm) the two lines' tops and bottoms may be.
_EXPLAINED = 0.3
_VALUE_INK = 0.35
_ON_LETTERS = 0.85
_SAME_LINE_PX = 2
#: The tallest a value's line (its letters and a caption over them) is taken to be, mm.
_TEXT_LINE_MM = 8.0
#: A pixel of such a difference counts as lighter or darker when it changed by this share of the light's range, and
#: the lesser of the two shares must be at least this part of the greater.
_TEXT_CHANGE = 0.15
_BOTH_WAYS = 0.4


def _holder_text_explains(exam: Examination, box: tuple[int, int, int, int], heat: np.ndarray) -> bool:
    """Whether a difference of the design at ``box`` (working pixels) is another holder's print: both the specimen
    and the questioned document have a value's dark letters there, on one line (the same top and bottom), and the
    difference lies on those letters and their halo, not on the background between them."""
    if Light.VISIBLE not in exam.questioned:
        return False
    x, y, w, h = box
    H, W = heat.shape
    pad = 3
    x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(W, x + w + pad), min(H, y + h + pad)
    unit = float(np.mean(exam.unit[Light.VISIBLE]))
    greys = [_grey(img[y0:y1, x0:x1])
             for img in (exam.questioned[Light.VISIBLE], exam.references[Light.VISIBLE])]
    marks = []
    for g in greys:
        m = strokes(g, unit, share=_VALUE_INK)
        if m.sum() < 8:
            return False
        marks.append(m)
    rows = [np.nonzero(m.any(axis=1))[0] for m in marks]

    def same_line(a: np.ndarray, b: np.ndarray) -> bool:
        return abs(int(a.min()) - int(b.min())) <= _SAME_LINE_PX and abs(int(a.max()) - int(b.max())) <= _SAME_LINE_PX

    if not same_line(*rows):
        # A soft or washed-out capture prints a caption over the value shallower than the sharp specimen does: its
        # line is looked for again at the share of the print's depth it keeps (development seed 43, a capture of 166
        # dpi keeping 0.54 of it, the caption a letter's depth in the specimen only).
        if "depth_kept" not in exam.memo:
            exam.memo["depth_kept"] = depth_kept(_grey(exam.questioned[Light.VISIBLE]),
                                                 _grey(exam.references[Light.VISIBLE]), exam.fixed)
        kept = float(exam.memo["depth_kept"])  # type: ignore[arg-type]
        loose = np.nonzero(strokes(greys[0], unit, share=_VALUE_INK * kept).any(axis=1))[0]
        if kept >= 1.0 or not same_line(loose, rows[1]):
            return False
    # A line of text: no taller than a value with a caption over it (a card's outline, or any long rule across the
    # lines, moved a pixel or two differs along both its sides as two words would).
    if max(int(r.max()) - int(r.min()) + 1 for r in rows) > _mm(_TEXT_LINE_MM, exam.reference.dpi, exam.scale):
        return False
    # The letters' halo: as far as the difference map shows a mark's change (its correlation window), or another
    # holder's letters differ beyond it (development seed 43, a bold place of birth: 0.81-0.84 of the difference
    # within 2 px of the letters, all of it within 4).
    reach = np.ones((2 * REACH_PX + 1, 2 * REACH_PX + 1), np.uint8)
    near_new, near_old = (cv2.dilate(m.astype(np.uint8), reach) > 0 for m in marks)
    differs = heat[y0:y1, x0:x1] >= _DESIGN_THRESHOLD
    if not differs.any():
        return False
    # Another holder's letters over the specimen's make the page darker where the new strokes are and lighter where
    # the old ones were; a difference nearly all one way is print erased or added over the letters, not another
    # value (real corpus, seed 19: a background redrawn over a title and a number, 0.44 of its pixels lighter and
    # 0.13 darker, was passed as text; another holder's value on development NVR-TD3-1, 0.16 and 0.12).
    change = (greys[0] - greys[1]) / unit
    lighter, darker = differs & (change > _TEXT_CHANGE), differs & (change < -_TEXT_CHANGE)
    n_light, n_dark = float(lighter.sum()), float(darker.sum())
    if min(n_light, n_dark) < _BOTH_WAYS * max(n_light, n_dark):
        return False
    # And each way where the letters are: darker on the questioned document's letters (their halo as far as the map
    # shows a change), lighter on the specimen's, the rest on either's. A patch over the end of a value is lighter on
    # the specimen's letters it hides, and darker with its own tint where no letter stands (real corpus, seed 139: a
    # Polish authority line's last letters and caption covered, passed for another holder's value).
    either = near_new | near_old
    explained = (darker & near_new) | (lighter & near_old) | (differs & ~lighter & ~darker & either)
    return float(explained.sum()) / float(differs.sum()) >= _ON_LETTERS


def _beside_portrait(exam: Examination, box: tuple[int, int, int, int]) -> bool:
    """Whether a difference of the design at ``box`` (working pixels) lies mostly in the band round the portrait that
    the difference maps leave to the print-structure comparison (:data:`_DESIGN_MARGIN_MM`)."""
    if "portrait" not in exam.boxes:
        return False
    x, y, w, h = exam.boxes["portrait"]
    m = _mm(_DESIGN_MARGIN_MM, exam.reference.dpi, exam.scale)
    return _inside(box, (x - m, y - m, w + 2 * m, h + 2 * m)) >= 0.5 and _inside(box, (x, y, w, h)) < 0.5


def _design_findings(exam: Examination, light: str, *, already: list[Finding] = ()) -> list[Finding]:
    """Differences of the fixed design in one light, from its difference map."""
    heat = exam.heatmaps.get(light)
    if heat is None:
        return []
    px_mm2 = (25.4 / (float(exam.reference.dpi) * exam.scale)) ** 2
    min_area = max(2, round(_DESIGN_MIN_MM2 / px_mm2))
    out = []
    # Near the document's edge, where a capture's own edge is resampled (its rounding, its shadow, a border of a
    # few pixels at a coarse resolution), a difference no wider than two working pixels is the capture's.
    em = _mm(2.0, exam.reference.dpi, exam.scale)
    edge = ~cv2.erode(exam.document.astype(np.uint8), np.ones((2 * em + 1, 2 * em + 1), np.uint8),
                      borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
    join = _mm(_DESIGN_JOIN_MM, exam.reference.dpi, exam.scale)
    for box, level in regions(heat, threshold=_DESIGN_THRESHOLD, min_area=min_area, join=join):
        x, y, w, h = box
        if min(w, h) <= 2 and edge[y : y + h, x : x + w].mean() > 0.5:
            continue
        area = float((heat[y : y + h, x : x + w] >= _DESIGN_THRESHOLD).sum()) * px_mm2
        s = level * min(1.0, 0.5 + 0.5 * area / _DESIGN_ALARM_MM2) if area < _DESIGN_ALARM_MM2 else level
        s = min(1.0, s)
        if s < _REPORT:
            continue
        bbox = exam.to_reference(box)
        if any(f.light == light and _inside(bbox, f.bbox) >= 0.5 for f in already):
            continue  # already named by a specific check
        kind, region = FindingKind.DIFFERENCE, None
        detail = say("design_differs", area=area)
        if s >= ALARM and light != Light.UV and _holder_text_explains(exam, box, heat):
            # Another holder's value on a line the annotation did not know for the holder's (a place of birth the MRZ
            # does not repeat): letters of the value's size on the specimen's line, and nothing else differs.
            s = min(s, _EXPLAINED)
            detail = say("design_text_differs", area=area)
        if light != Light.UV and _beside_portrait(exam, box):
            # The background print hugging the portrait, which the print-structure comparison judges up to the
            # portrait's edge: a photograph stuck on over it, larger or shifted, covers it (the finding names the
            # portrait, whose box it takes in).
            kind, region = FindingKind.PORTRAIT, "portrait"
            px, py, pw, ph = exam.region_box("portrait")
            x0, y0 = min(bbox[0], px), min(bbox[1], py)
            bbox = (x0, y0, max(bbox[0] + bbox[2], px + pw) - x0, max(bbox[1] + bbox[3], py + ph) - y0)
            detail = say("portrait_surround", area=area)
        if light == Light.UV:
            sign = float(np.mean(exam.signed[light][y : y + h, x : x + w][heat[y : y + h, x : x + w] >= _DESIGN_THRESHOLD]))
            if sign > 0:
                kind = FindingKind.UV_UNEXPECTED
                detail = say("design_uv_extra", area=area)
            else:
                kind = FindingKind.UV_FEATURE_MISSING
                detail = say("design_uv_missing", area=area)
        out.append(Finding(kind, light, bbox, s, region, said=detail))
    return out


def check_design(exam: Examination) -> list[Finding]:
    """Differences of the fixed design in every light (personalised regions left out)."""
    return [f for light in exam.heatmaps for f in _design_findings(exam, light)]


# --- all -------------------------------------------------------------------------------------------------------


#: A capture that clips white this share of the fixed design's print or more (the specimen's pixels at least
#: :data:`_PRINT_DARKNESS` darker than its paper, where the capture is white in every channel and the specimen exposed
#: as the capture was would be too) gets a note: print lost to the exposure cannot differ, so what was lifted, redrawn
#: or replaced there is not seen (development seed 37: two of the six fixed-design alterations missed lay where an
#: over-exposed capture had clipped the pale background print white; one of the two captures clipped a fifth of the
#: page's print or more). Daylight and IR, where print is darker than the paper.
_CLIPPED_PRINT_SHARE = 0.2
_PRINT_DARKNESS = 0.1
#: The score of a note that says which part was not examined: reported, never an alarm.
NOT_EXAMINED_SCORE = 0.3


def clipped_print(exam: Examination) -> list[Finding]:
    """Per light (visible, IR), a note when the capture clipped white :data:`_CLIPPED_PRINT_SHARE` or more of the
    fixed design's print: that part was not examined (its box: the clipped print's), and a capture with less
    exposure would examine it."""
    out = []
    for light in (Light.VISIBLE, Light.IR):
        white = exam.memo.get(f"saturated:{light}")
        if light not in exam.questioned or not isinstance(white, np.ndarray):
            continue
        printed = exam.fixed & ((1.0 - _grey(exam.references[light]) / max(exam.paper[light], 1.0)) >= _PRINT_DARKNESS)
        if printed.sum() < 100:
            continue
        lost = printed & white
        share = float(lost.sum()) / float(printed.sum())
        if share < _CLIPPED_PRINT_SHARE:
            continue
        lost_box = mask_box(lost)
        if lost_box is None:
            continue
        box = exam.to_reference(lost_box)
        expected, seen = OTHER_EXPECTED_SEEN[FindingKind.NOT_EXAMINED][1]
        out.append(Finding(FindingKind.NOT_EXAMINED, light, box, NOT_EXAMINED_SCORE, None, expected=expected,
                           seen=seen, said=say("print_clipped", share=share, light=light)))
    return out


def run_checks(rectified: Mapping[str, np.ndarray], reference: Reference) -> tuple[list[Finding], dict[str, np.ndarray]]:
    """Compare a questioned document, rectified into the reference frame, with its reference in every light.

    Parameters
    ----------
    rectified : mapping of str to ndarray
        Per light (any of ``"visible"``, ``"uv"``, ``"ir"``), the questioned image warped into the reference
        frame: (H, W, 3) uint8 RGB of the reference's size.
    reference : Reference
        The reference specimen, with an image for each given light; its ``regions`` and ``ir_absorbing`` say
        what is personalised and which inks absorb IR (without regions only the design is differenced).

    Returns
    -------
    findings : list of Finding
        Highest score first; boxes in reference pixels.
    heatmaps : dict of str to ndarray
        Per light, the difference map of the fixed design (float32, 0 to 1, the reference's size).

    Raises
    ------
    ValueError
        If a light is unknown or missing from the reference, or an image is empty, not uint8 RGB, or of another
        size than the reference.
    """
    exam = prepare(rectified, reference)
    # The B900 check reads characters, so it works on the full-resolution images, not the working scale.
    findings = (check_visible(exam) + visible_inks(exam, rectified) + check_uv(exam) + check_ir(exam)
                + check_b900(rectified, reference) + mrz_print_findings(rectified, reference) + clipped_print(exam))
    findings.sort(key=lambda f: -f.score)
    h, w = reference.shape
    heatmaps = {light: cv2.resize(m, (w, h), interpolation=cv2.INTER_LINEAR) for light, m in exam.heatmaps.items()}
    return findings, heatmaps
