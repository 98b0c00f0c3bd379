"""Automatic annotation of a reference from one genuine specimen's captures (issue 19, item 2).

From the visible capture: the MRZ (the reader, :func:`docexam.read.reader.read_gray`, and its parsed fields), the
portrait and the ghost image (OpenCV's frontal-face cascade, :mod:`docexam.references.faces`, the face grown to the
printed photo's edges; the ghost found as a smaller, fainter copy of the portrait), the VIZ values the MRZ repeats
(tesseract's words, :func:`docexam.ocr.tesseract.read_words`, matched by content with the MRZ's fields:
:mod:`docexam.references.viz`), and the personalised area as their union. From the UV and IR captures, what each
region shows (:mod:`docexam.references.lights`) and the UV features no other region explains. Every region is
marked :attr:`~docexam.references.model.Source.AUTOMATIC` with a confidence, for the examiner to correct.

Regions are ``(x, y, w, h)`` in the pixels of the visible capture, to which the other lights are registered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from docexam.errors import DocexamError
from docexam.i18n import _
from docexam.lights import Light
from docexam.mrz.result import MRZFields
from docexam.references.boxes import box_back, clip_box, grow, inside, merge_boxes, overlap, turned
from docexam.references.faces import detect_faces
from docexam.references.model import Annotation, Box, Expect, Region, Role, Source
from docexam.references.perforation import find_perforation
from docexam.references.variable import DesignMismatchError, learn_variable

__all__ = ["DesignMismatchError", "NoDocumentError", "annotate", "check_captures", "learn_variable"]

#: The MRZ's character pitch, inches (OCR-B size 1 at 10 characters per inch: Doc 9303 Part 3, 4.2.2).
MRZ_PITCH_IN = 0.1
#: Long side, in pixels, of the image the portrait is looked for in (a face of the document fills 40 px or more).
FACE_SEARCH_PX = 640
#: Gaussian width (pixels of that copy) the page is softened by when no face is found on it as it is.
FACE_SOFTEN_PX = 1.5


class NoDocumentError(DocexamError, ValueError):
    """A capture given as a genuine specimen shows no document: neither an MRZ nor a portrait was found in it."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(_("no document found in the visible capture: {reason}; capture the whole document, data page "
                           "up and in focus, and try again (or annotate it by hand)").format(reason=reason))


@dataclass(frozen=True)
class MRZFound:
    """The MRZ the reader found: its box, its lines, its parsed fields (None when unparseable), the character pitch
    it was printed with (pixels) and how sure the reading was."""

    box: Box
    lines: tuple[str, ...]
    fields: MRZFields | None
    pitch_px: float
    confidence: float
    valid: bool
    #: Degrees (counter-clockwise) to turn the image by to stand the MRZ's text upright, as the reader read it (its
    #: lines' direction, and which way round they read: ReadResult.text_angle).
    angle: float = 0.0
    corners: tuple[tuple[float, float], ...] = ()  # the MRZ's quadrilateral (a turned MRZ's box takes in more)

    def holds(self, x: float, y: float) -> bool:
        """Whether the point lies on the MRZ itself."""
        if not self.corners:
            return self.box[0] <= x <= self.box[0] + self.box[2] and self.box[1] <= y <= self.box[1] + self.box[3]
        quad = np.asarray(self.corners, np.float32).reshape(-1, 1, 2)
        return cv2.pointPolygonTest(quad, (float(x), float(y)), False) >= 0


def check_captures(images: object, dpi: object) -> dict[str, np.ndarray]:
    """``images`` as ``{light: (H, W, 3) uint8}``, all of one size with ``visible`` among them; ValueError saying what
    is wrong otherwise."""
    if not isinstance(images, Mapping) or not images:
        raise ValueError("images must be a mapping {light: (H, W, 3) uint8 array} holding at least 'visible'")
    out: dict[str, np.ndarray] = {}
    for light, img in images.items():
        name = Light.named(light)
        if name not in (Light.VISIBLE, Light.UV, Light.IR):
            raise ValueError(_("images has a capture in {light} light; give visible, uv and/or ir").format(
                light=repr(light)))
        if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
            raise ValueError(f"the {light} capture must be an (H, W, 3) uint8 RGB array, got "
                             f"{getattr(img, 'dtype', type(img).__name__)} {getattr(img, 'shape', '')}")
        if min(img.shape[:2]) < 64:
            raise ValueError(_("the {light} capture is {width}x{height} px: too small to hold a document").format(
                light=light, width=img.shape[1], height=img.shape[0]))
        out[str(name)] = img
    if Light.VISIBLE not in out:
        raise ValueError(_("images has no visible capture; the annotation is made on the visible light"))
    shapes = {img.shape for img in out.values()}
    if len(shapes) != 1:
        raise ValueError(_("the captures differ in size ({sizes}); register them to the visible capture first").format(
            sizes=sorted(s[:2] for s in shapes)))
    if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not 50 <= dpi <= 5000:
        raise ValueError(_("dpi must be a resolution from 50 to 5000, got {dpi}").format(dpi=repr(dpi)))
    return out


def _grey(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


# --------------------------------------------------------------------------------------------------------- MRZ


def find_mrz(grey: np.ndarray, *, today: dt.date | None = None) -> MRZFound | None:
    """The MRZ of the visible capture, as the reader finds and reads it (None when it finds no MRZ-like lines)."""
    from docexam.read.reader import read_gray

    result = read_gray(grey, today=today)
    if not result.found or result.region is None:
        return None
    corners = result.region.corners.astype(np.float64)
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    pitch = float(result.region.pitch_estimate)
    # The reader's crop leaves about 0.8 of a pitch around the characters, sideways, and 0.4 above and below: the
    # MRZ's box keeps about half a millimetre (0.2 pitch) of it.
    box = clip_box(grow((x0, y0, x1 - x0, y1 - y0), -0.6 * pitch, -0.2 * pitch), grey.shape)
    if box is None:
        return None
    mrz = result.mrz
    lines = tuple(result.correction.lines) if result.correction is not None else ()
    return MRZFound(box, lines, mrz.fields if mrz is not None else None, pitch,
                    float(result.correction.confidence) if result.correction is not None else 0.0, result.valid,
                    float(result.text_angle or 0.0), tuple((float(x), float(y)) for x, y in corners))


# ---------------------------------------------------------------------------------------------------- portrait


def _edge(profile: np.ndarray, lo: int, hi: int) -> tuple[int, float] | None:
    lo, hi = max(lo, 0), min(hi, len(profile))
    if hi - lo < 2:
        return None
    i = int(np.argmax(profile[lo:hi])) + lo
    return i, float(profile[i])


def _straight(g: np.ndarray, axis: int) -> np.ndarray:
    med = np.abs(np.median(g, axis=axis))
    strong = np.percentile(np.abs(g), 80, axis=axis)
    return np.where(med >= 0.7 * strong, med, 0.0)


#: The sides of a box, in the order :func:`photo_sides` gives them.
SIDES = ("left", "top", "right", "bottom")
#: Half-width of the window a side of the photo is looked for in, around where the proportions put it, in face
#: widths (heights for the top and bottom).
_SIDE_REACH = 0.22


def photo_box(grey: np.ndarray, face: Box, *, widest: bool = False) -> tuple[Box, float]:
    """The printed photo around ``face``: its edges where a straight edge runs along most of the side, else where
    a passport photo's proportions put them (ICAO: the face 50-70 % of the photo's width, Doc 9303 Part 3, 3.9 and
    the photo guidelines); and the share of the four sides found as edges. ``widest``: a side not found is put as
    far out as the search window reaches rather than where the proportions put it."""
    box, sides = photo_sides(grey, face, widest=widest)
    return box, sum(sides) / 4


def photo_sides(grey: np.ndarray, face: Box, *, widest: bool = False) -> tuple[Box, tuple[bool, bool, bool, bool]]:
    """:func:`photo_box`'s box, and which of its sides (left, top, right, bottom) were found as edges."""
    fx, fy, fw, fh = face
    # Proportions of the printed portrait around the cascade's face box (measured on generated specimens and on
    # the real passports of ../shared/corpus: the box spans the brows to the mouth).
    guess = [fx - 0.62 * fw, fy - 1.05 * fh, fx + 1.62 * fw, fy + 1.8 * fh]
    g = cv2.GaussianBlur(grey, (0, 0), max(1.0, fw / 120)).astype(np.float32)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    h, w = grey.shape
    rows = slice(max(0, round(fy - 0.4 * fh)), min(h, round(fy + 1.5 * fh)))
    cols = slice(max(0, round(fx - 0.3 * fw)), min(w, round(fx + 1.3 * fw)))
    # A side of the photo is one step along its whole length: the median of the signed gradient along the side finds
    # it, where hair and shoulders step along part of it only and the background's fine lines step both ways.
    # A straight edge steps alike all along: where the median is well below the strong steps (the 80th percentile),
    # the step is a curve crossing the line (the top of the hair), not a side.
    vert = _straight(gx[rows], axis=0)
    horiz = _straight(gy[:, cols], axis=1)
    # Only near where the proportions put a side: farther out, a column of text or a frame line runs as straight.
    floor = 4 * 4.0  # a step of 4 grey levels, as the 3x3 Sobel weighs it
    found = [False] * 4
    out = list(guess)
    # A side found nowhere in the search window may lie anywhere in it (a pale photo background on pale paper, the
    # shoulders running off the side): the photo is taken as far out as the window reaches, as a photo is the
    # holder's and its edge left in the fixed design differs on every other holder's document.
    outward = (-1, -1, 1, 1)
    for k, (profile, at, reach) in enumerate(((vert, guess[0], fw), (horiz, guess[1], fh), (vert, guess[2], fw),
                                              (horiz, guess[3], fh))):
        e = _edge(profile, round(at - _SIDE_REACH * reach), round(at + _SIDE_REACH * reach) + 1)
        if e is not None and e[1] >= floor:
            out[k] = e[0]
            found[k] = True
        elif widest:
            out[k] = at + outward[k] * _SIDE_REACH * reach
    box = clip_box((out[0], out[1], out[2] - out[0], out[3] - out[1]), grey.shape)
    if box is None or box[2] < fw or box[3] < fh:
        wide = guess if not widest else [guess[0] - _SIDE_REACH * fw, guess[1] - _SIDE_REACH * fh,
                                         guess[2] + _SIDE_REACH * fw, guess[3] + _SIDE_REACH * fh]
        box = clip_box((wide[0], wide[1], wide[2] - wide[0], wide[3] - wide[1]), grey.shape)
        found = [False] * 4
    assert box is not None
    return box, (found[0], found[1], found[2], found[3])


#: How much darker than the paper about the photo (a share of its level) a pixel is to be the photo's print: hair,
#: clothing (background print and a pale photo background are lighter).
_RUN_ON_DARK = 0.15
#: A row (column) past a side not found is still the photo while its share of such print is at least this share of
#: the photo's own along the inside of that side; the photo is followed no farther than this many face heights
#: (widths) out.
_RUN_ON_SHARE = 0.3
_RUN_ON_REACH = 1.0
#: Least share of dark print along the inside of a side for its print to be followed at all.
_RUN_ON_FLOOR = 0.08


def photo_run_on(grey: np.ndarray, box: Box, face: Box, *, found: tuple[bool, bool, bool, bool],
                 avoid: Sequence[Box] = ()) -> Box:
    """``box`` (the photo) grown past each side not ``found`` as an edge while the photo's print runs on there: the
    holder's clothing and hair, printed as far as the photo was cut (a half-length portrait: the face small for its
    photo, the shoulders and dress reaching far below and beside where the passport photo's proportions put the
    sides, and no edge where a pale photo background meets the paper). Row by row (column by column) out from the
    side, the share of dark print (:data:`_RUN_ON_DARK` below the paper about the photo) must stay at least
    :data:`_RUN_ON_SHARE` of the share just inside the side; a row of paper (the photo's cut, then the page), a
    region of ``avoid`` (the MRZ, the VIZ values, the signature: print of their own) or :data:`_RUN_ON_REACH` of the
    face stops it. The bottom is followed first (the clothing runs off it), then the sides over the rows so found.
    A photo's print left in the fixed design differs on every other holder's document (issue 20, item 1: what is
    expected to differ is the holder's photo, wherever it reaches)."""
    x0, y0, x1, y1 = box[0], box[1], box[0] + box[2], box[1] + box[3]
    fw, fh = face[2], face[3]
    h, w = grey.shape
    ring = np.zeros(grey.shape, bool)
    ring[max(0, y0 - fh // 2) : y1 + fh // 2, max(0, x0 - fw // 2) : x1 + fw // 2] = True
    ring[y0:y1, x0:x1] = False
    if not ring.any():
        return box
    g = cv2.GaussianBlur(grey, (0, 0), 1.0).astype(np.float32)
    paper = float(np.percentile(g[ring], 75))
    dark = g < (1.0 - _RUN_ON_DARK) * paper
    blocked = np.zeros(grey.shape, bool)
    for ax, ay, aw, ah in avoid:
        blocked[max(0, ay) : ay + ah, max(0, ax) : ax + aw] = True
    # The bottom first (the clothing runs off it), then the left, right and top over the rows so found.
    for side in (3, 0, 2, 1):
        if found[side]:
            continue
        across_rows = side in (1, 3)
        share: np.ndarray = dark[:, x0:x1].mean(axis=1) if across_rows else dark[y0:y1].mean(axis=0)
        stop = np.asarray(blocked[:, x0:x1].any(axis=1) if across_rows else blocked[y0:y1].any(axis=0))
        lo, hi = (y0, y1) if across_rows else (x0, x1)
        band = max(2, round(0.2 * (fh if across_rows else fw)))
        outward = side in (2, 3)
        inner = share[hi - band : hi] if outward else share[lo : lo + band]
        if inner.size == 0 or float(np.median(inner)) < _RUN_ON_FLOOR:
            continue
        least = _RUN_ON_SHARE * float(np.median(inner))
        step = 1 if outward else -1
        at = hi - 1 if outward else lo
        limit = round(_RUN_ON_REACH * (fh if across_rows else fw))
        i = at
        while 0 <= i + step < len(share) and abs(i + step - at) <= limit and not stop[i + step] \
                and share[i + step] >= least:
            i += step
        if side == 3:
            y1 = i + 1
        elif side == 1:
            y0 = i
        elif side == 0:
            x0 = i
        else:
            x1 = i + 1
    out = clip_box((x0, y0, x1 - x0, y1 - y0), grey.shape)
    return out if out is not None else box


def find_portrait(grey: np.ndarray, *, angle: float = 0.0) -> tuple[Box, Box, float, float] | None:
    """(photo box, face box, confidence, degrees the page was turned by to stand the face upright) of the document's
    portrait: the largest frontal face, or None. ``angle``: the degrees to turn the page by to stand its text upright
    (the MRZ's, as the reader read it: :attr:`MRZFound.angle`); the page is turned so before faces are looked for, as
    the cascade finds upright faces only, and then the other way up (a portrait printed turned from the MRZ)."""
    if abs(angle) < UPRIGHT_DEGREES:
        found = _upright_portrait(grey)
        return (*found, 0.0) if found is not None else None
    for degrees in (angle, angle + 180 if angle <= 0 else angle - 180):
        if _quarter_turn(degrees):  # turned exactly, by whole quarters: the boxes are the upright page's
            upright = _Upright(grey, degrees)
            found = _upright_portrait(upright.grey)
            if found is not None:
                return upright.back(found[0]), upright.back(found[1]), found[2], degrees
            continue
        page, back = turned(grey, degrees)
        found = _upright_portrait(page)
        if found is not None:
            box, face = box_back(found[0], back, grey.shape), box_back(found[1], back, grey.shape)
            if box is not None and face is not None:
                return box, face, found[2], degrees
    return None


#: A page whose MRZ is turned by less than this many degrees is read and searched as it is.
UPRIGHT_DEGREES = 4.0


def _upright_portrait(grey: np.ndarray) -> tuple[Box, Box, float] | None:
    # A small image is enlarged too: the cascade's window is 45 px, a small scan's portrait no more than that.
    scale = min(3.0, FACE_SEARCH_PX / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    least = round(0.07 * max(small.shape))
    faces = detect_faces(small, min_size=least)
    neighbours = 3
    if not faces:  # a pale or low-contrast photo
        faces = detect_faces(cv2.equalizeHist(small), min_size=least, min_neighbours=2)
        neighbours = 2
    if not faces:
        # Fine texture (white hair or a beard drawn in strands, a screened print) aliases where the cascade shrinks
        # the page to its 24 px window and scatters the features it compares, and a face between two of its scales
        # may fit neither: the page softened, at scales half as far apart (development NVR-MRVB-1, seed 71: a dark
        # face under white hair and beard, found only so).
        faces = detect_faces(cv2.GaussianBlur(small, (0, 0), FACE_SOFTEN_PX), min_size=least, min_neighbours=3,
                             scale_factor=1.05)
    if not faces:
        return None
    fx, fy, fw, fh = max(faces, key=lambda r: r[2] * r[3])
    face = (round(fx / scale), round(fy / scale), round(fw / scale), round(fh / scale))
    box, edges = photo_box(grey, face)
    return box, face, round(0.55 + 0.1 * (neighbours == 3) + 0.3 * edges, 3)


def find_ghost(grey: np.ndarray, portrait: Box, face: Box, *, uv: np.ndarray | None = None
               ) -> tuple[Box, float, bool] | None:
    """The ghost image: a smaller copy of the portrait printed faintly elsewhere (Doc 9303 Part 3, 3.9 lists it among
    the optional security features of the data page), found by matching the portrait's face at smaller scales, and
    taken when the cascade sees a face there too, or (the faint print of a ghost over background art hides its face
    from the cascade) when it glows under UV as ghost images are printed to (``uv``: the registered UV capture).
    (box, confidence, whether the cascade saw its face)."""
    from docexam.references.inks import uv_behaviour

    found = ghost_candidate(grey, portrait, face)
    if found is None:
        return None
    box, score, sharp_score, is_face = found
    likeness = score + sharp_score
    if score < GHOST_MIN_SCORE:
        return None
    if is_face:
        return box, round(min(1.0, 0.3 + likeness / 2), 3), True
    if uv is not None and likeness >= GHOST_SURE_LIKENESS and uv_behaviour(uv, box)[0] is Expect.FLUORESCES:
        return box, round(min(1.0, 0.3 + likeness / 2) * 0.85, 3), False
    return None


def ghost_candidate(grey: np.ndarray, portrait: Box, face: Box) -> tuple[Box, float, float, bool] | None:
    """The likeliest place of a ghost image, the likeness of the portrait's face there (normalised correlation) and
    whether the cascade sees a face there."""
    scale = min(1.0, 900 / max(grey.shape))
    sharp = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey.copy()
    # Blurred past the fine lines of the background art printed over a ghost: its shapes stay.
    work = cv2.GaussianBlur(sharp, (0, 0), max(1.0, 0.25 * face[2] * scale / 20))
    px, py, pw, ph = (round(v * scale) for v in portrait)
    fx, fy, fw, fh = (round(v * scale) for v in face)
    # the face with its hair and chin: the most distinctive part of the portrait
    tx0, ty0 = max(0, fx - fw // 4), max(0, fy - fh // 3)
    templ = work[ty0 : fy + fh + fh // 4, tx0 : fx + fw + fw // 4]
    masked = work.copy()
    masked[max(0, py - 4) : py + ph + 4, max(0, px - 4) : px + pw + 4] = int(np.median(work))
    best: tuple[float, float, tuple[int, int]] | None = None
    for s in np.linspace(0.25, 0.75, 11):
        t = cv2.resize(templ, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        if min(t.shape) < 12 or t.shape[0] >= masked.shape[0] or t.shape[1] >= masked.shape[1] or t.std() < 1:
            continue
        r = cv2.matchTemplate(masked, t, cv2.TM_CCOEFF_NORMED)
        _low, score, _at, at = cv2.minMaxLoc(r)
        if best is None or score > best[0]:
            best = (float(score), float(s), (int(at[0]), int(at[1])))
    if best is None:
        return None
    score, s, (ax, ay) = best
    # The same place compared unblurred: a patch of blurred background art can look like a blurred face, a face's
    # eyes, nose and mouth are still there unblurred (a ghost over fine background lines keeps some likeness).
    t = cv2.resize(sharp[ty0 : fy + fh + fh // 4, tx0 : fx + fw + fw // 4], None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    m = 3
    near = sharp[max(0, ay - m) : ay + t.shape[0] + m, max(0, ax - m) : ax + t.shape[1] + m]
    sharp_score = float(cv2.minMaxLoc(cv2.matchTemplate(near, t, cv2.TM_CCOEFF_NORMED))[1]) \
        if near.shape[0] >= t.shape[0] and near.shape[1] >= t.shape[1] else 0.0
    # the ghost's photo box is the portrait's, shrunk by s about the matched face
    gx = ax + (px - tx0) * s
    gy = ay + (py - ty0) * s
    box = clip_box((gx / scale, gy / scale, pw * s / scale, ph * s / scale), grey.shape)
    if box is None or box[0] == 0 or box[1] == 0 or box[0] + box[2] == grey.shape[1] or box[1] + box[3] == grey.shape[0]:
        return None  # cut by the image's edge: the ghost is printed on the document, off its edge
    # A likeness alone can be a patch of background art: the ghost is a face too, which the cascade sees once the
    # ghost is enlarged to a portrait's size and its faint print stretched to full contrast.
    x, y, w, h = box
    crop = grey[y : y + h, x : x + w]
    zoom = 200 / max(1, w)
    crop = cv2.equalizeHist(cv2.resize(crop, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC))
    return box, score, sharp_score, bool(detect_faces(crop, min_size=60, min_neighbours=1))


def ghost_photo(grey: np.ndarray, ghost: Box, *, portrait: Box, face: Box, avoid: Sequence[Box] = ()) -> Box:
    """The ghost image's printed photo, as far out as it reaches: ``ghost`` (the portrait's photo box scaled onto
    the matched copy of its face) grown while the print about the ghost's face stays as dark as the ghost's own
    background. A ghost is printed from the holder's photo with its background, a tint darker than the paper, which on
    a real page is often cropped wider about the face than the portrait is, and has no edge strong enough to find as
    the portrait's (:func:`photo_box`): its edge left in the fixed design differs on every other holder's document.
    A side is not grown into ``avoid`` (the MRZ, the VIZ values found), which are regions of their own, nor by more
    than :data:`GHOST_REACH` of the ghost's size."""
    k = ghost[2] / max(1, portrait[2])
    fx, fy = ghost[0] + (face[0] - portrait[0]) * k, ghost[1] + (face[1] - portrait[1]) * k
    fw, fh = max(1.0, face[2] * k), max(1.0, face[3] * k)
    gx, gy, gw, gh = ghost
    h, w = grey.shape
    blurred = cv2.GaussianBlur(grey, (0, 0), max(1.0, fw / 12)).astype(np.float32)
    reach_x, reach_y = round(GHOST_REACH * gw), round(GHOST_REACH * gh)
    x0, x1 = max(0, gx - reach_x), min(w, gx + gw + reach_x)
    y0, y1 = max(0, gy - reach_y), min(h, gy + gh + reach_y)
    # the column profile over the face's rows, the row profile over the face's columns (the hair and shoulders
    # about the face are the photo's, the background beside and above them the ghost's tint)
    rows = slice(max(0, round(fy)), min(h, round(fy + fh)))
    cols = slice(max(0, round(fx)), min(w, round(fx + fw)))
    across = np.median(blurred[rows, x0:x1], axis=0)
    down = np.median(blurred[y0:y1, cols], axis=1)
    # the ghost's tint: the background beside its face, between the face and the box's sides
    margins = np.concatenate([across[max(0, gx - x0) : max(0, round(fx) - x0)],
                              across[max(0, round(fx + fw) - x0) : max(0, gx + gw - x0)]])
    paper = float(np.percentile(np.concatenate([across, down]), 90))
    out = [gx, gy, gx + gw, gy + gh]
    if margins.size == 0 or paper - float(np.median(margins)) < GHOST_TINT:
        return ghost
    tint = float(np.median(margins))
    for k_side, (profile, lo, inner, step) in enumerate(((across, x0, gx, -1), (down, y0, gy, -1),
                                                         (across, x0, gx + gw - 1, 1), (down, y0, gy + gh - 1, 1))):
        # A side grows only where the tint runs on past it (half-way to the paper at least, for GHOST_RUN_ON of the
        # box or more: a photo's own edge, then the paper or background art, does not), and then out to where the
        # print is nearly the paper's again, as a ghost's tint fades out over a few pixels.
        i = inner - lo
        for level in ((paper + tint) / 2, paper - max(GHOST_TINT / 2, 0.25 * (paper - tint))):
            while 0 <= i + step < len(profile) and profile[i + step] < level:
                i += step
            if abs(i - (inner - lo)) < GHOST_RUN_ON * (gw if k_side % 2 == 0 else gh):
                i = inner - lo  # the photo's own edge, blurred: no tint runs on past it
                break
        out[k_side] = max(out[k_side], i + lo + 1) if step > 0 else min(out[k_side], i + lo)
    bx0, by0, bx1, by1 = out
    box = clip_box(cut_at((bx0, by0, bx1 - bx0, by1 - by0), ghost, avoid), grey.shape)  # the ghost's own box kept
    return box if box is not None else ghost


def over_text(box: Box, core: Box, sides: tuple[bool, bool, bool, bool], text: Sequence[tuple[str, Box]]) -> str:
    """What a portrait's region says when its ``box`` still covers some of the ``text`` found beside the photo
    (``(region id, box)`` pairs) away from ``core`` (the face and about it): which regions, and which of its sides
    showed no edge (``sides``: found as edges, left, top, right, bottom), for the examiner to check; else nothing."""
    over = [k for k, b in text if overlap(box, b) and not overlap(core, b)]
    if not over:
        return ""
    unseen = [n for n, f in zip(SIDES, sides, strict=True) if not f]
    return (f"the photo's box reaches over text found beside it ({', '.join(over)})"
            + (f"; its {' and '.join(unseen)} side{'s' if len(unseen) > 1 else ''} showed no edge" if unseen else "")
            + ": check the box")


def cut_at(box: Box, core: Box, avoid: Sequence[Box], *,
           sides: tuple[bool, bool, bool, bool] = (True, True, True, True)) -> Box:
    """``box`` with each region of ``avoid`` it overlaps cut off by the side (left, top, right, bottom, those
    ``sides`` allows) it lies beyond ``core``: a photo grown out to where its print may reach stops at print of
    another kind (text found beside it). A region overlapping ``core``, or beyond a side that may not be cut, leaves
    the box as it is."""
    bx0, by0, bx1, by1 = box[0], box[1], box[0] + box[2], box[1] + box[3]
    cx0, cy0, cx1, cy1 = core[0], core[1], core[0] + core[2], core[1] + core[3]
    for ax, ay, aw, ah in avoid:
        if ay < by1 and ay + ah > by0 and ax < bx1 and ax + aw > bx0:
            if ax >= cx1:
                bx1 = min(bx1, ax) if sides[2] else bx1
            elif ax + aw <= cx0:
                bx0 = max(bx0, ax + aw) if sides[0] else bx0
            elif ay >= cy1:
                by1 = min(by1, ay) if sides[3] else by1
            elif ay + ah <= cy0:
                by0 = max(by0, ay + ah) if sides[1] else by0
    return bx0, by0, bx1 - bx0, by1 - by0


#: How far the ghost's photo may reach beyond the portrait's proportions, as a share of its box's size.
GHOST_REACH = 0.6
#: The least run of the ghost's tint past its box's side, as a share of the box's size, for the side to grow.
GHOST_RUN_ON = 0.08
#: Grey levels by which the ghost's tint must be darker than the paper about it to be followed out.
GHOST_TINT = 8.0


#: Normalised correlation of the portrait's face with its ghost, blurred, below which there is no ghost; and the sum
#: of the blurred and unblurred likeness from which a glowing place with no face the cascade sees is taken for the
#: ghost (measured on 20 development designs: true ghosts 0.55 + 0.44 to 0.98 + 0.86, the best match on a page
#: without one at most 0.60 + 0.41; on real passports, places that are no ghost reach 0.74 + 0.66: a face is needed
#: there, or the UV glow).
GHOST_MIN_SCORE = 0.5
GHOST_SURE_LIKENESS = 0.95
#: The share of a ghost found by its glow alone that the VIZ values read there may cover: more, and it is the values.
GHOST_TEXT_SHARE = 0.25


def _text_share(box: Box, regions: Sequence[Region]) -> float:
    """The share of ``box`` that the VIZ values among ``regions`` cover."""
    x, y, w, h = box
    covered = np.zeros((h, w), bool)
    for r in regions:
        if r.role is Role.VIZ_FIELD:
            rx, ry, rw, rh = r.box
            covered[max(0, ry - y) : max(0, ry + rh - y), max(0, rx - x) : max(0, rx + rw - x)] = True
    return float(covered.mean()) if covered.size else 0.0


# ---------------------------------------------------------------------------------------------------- signature


def find_signature(grey: np.ndarray, portrait: Box, *, px_per_mm: float, avoid: list[Box]) -> tuple[Box, float] | None:
    """The holder's signature where most data pages put it when it sits beside the portrait: in the band just below
    the photo, as strokes much darker than their surroundings that no other region (``avoid``: the MRZ, the VIZ
    values) explains. None when the band holds too little ink for a signature."""
    px, py, pw, ph = portrait
    band = clip_box((px - 0.1 * pw, py + ph + 0.5 * px_per_mm, 1.2 * pw, 0.4 * ph), grey.shape)
    if band is None:
        return None
    bx, by, bw, bh = band
    crop = grey[by : by + bh, bx : bx + bw]
    k = max(9, round(1.5 * px_per_mm) | 1)
    background = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    ink = ((background.astype(np.int16) - crop.astype(np.int16)) > SIGNATURE_INK).astype(np.uint8)
    for ax, ay, aw, ah in avoid:
        ink[max(0, ay - by) : max(0, ay + ah - by), max(0, ax - bx) : max(0, ax + aw - bx)] = 0
    n, _labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    # not specks of background print, nor a frame running along the page's edge
    edge = 2 * px_per_mm
    strokes = [s for s in stats[1:] if s[4] >= 0.3 * px_per_mm ** 2 and bx + s[0] > edge
               and bx + s[0] + s[2] < grey.shape[1] - edge]
    if not strokes:
        return None
    x0 = min(int(s[0]) for s in strokes)
    y0 = min(int(s[1]) for s in strokes)
    x1 = max(int(s[0] + s[2]) for s in strokes)
    y1 = max(int(s[1] + s[3]) for s in strokes)
    if x1 - x0 < 0.35 * pw or y1 - y0 < 2.0 * px_per_mm:
        return None
    # Handwriting runs on: a signature's strokes are a few long ones, printed text (a caption, a place name, digits)
    # or a barcode under the photo is many short ones, a character or a bar each.
    if max(int(s[2]) for s in strokes) < RUN_ON * (x1 - x0):
        return None
    pad = 0.5 * px_per_mm
    box = clip_box((bx + x0 - pad, by + y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), grey.shape)
    return (box, 0.45) if box is not None else None


#: Grey levels by which a signature's strokes are darker than the paper around them (background print and frames
#: of the generated designs: up to 90; a pen's stroke, 120 and more).
SIGNATURE_INK = 100
#: The longest stroke's share of the signature's width below which the ink is printed text, not handwriting.
RUN_ON = 0.2


# -------------------------------------------------------------------------------------------------------- union


def personalised(regions: list[Region], shape: tuple[int, ...], *, margin: float) -> list[Region]:
    """The personalised area: the union of the regions that carry the holder's data, grown by ``margin``."""
    roles = (Role.PORTRAIT, Role.GHOST, Role.MRZ, Role.VIZ_FIELD, Role.SIGNATURE, Role.DOCUMENT_NUMBER)
    carrying = [r for r in regions if r.role in roles]
    boxes = merge_boxes([grow(r.box, margin) for r in carrying], shape)
    out = []
    for i, b in enumerate(boxes):
        within = [r.confidence for r in carrying if inside(r.box, b)]
        out.append(Region(f"personalised-{i + 1}", Role.PERSONALISED, b, source=Source.AUTOMATIC,
                          confidence=round(max(within, default=0.5), 3)))
    return out


# ------------------------------------------------------------------------------------------------------ annotate


def _quarter_turn(degrees: float) -> bool:
    """Whether a page turned by ``degrees`` is upright, sideways or upside down (within :data:`UPRIGHT_DEGREES`)."""
    return abs(degrees - 90 * round(degrees / 90)) < UPRIGHT_DEGREES


class _Upright:
    """A page turned by a whole number of quarter turns (the nearest to ``degrees``) to stand it upright, and boxes
    moved between the page as captured and the turned copy: exactly, the corners of a box staying a box's."""

    def __init__(self, grey: np.ndarray, degrees: float) -> None:
        self.shape = grey.shape
        self.quarters = round(degrees / 90) % 4  # counter-clockwise, as turned() and the angles found turn
        self.grey = np.ascontiguousarray(np.rot90(grey, self.quarters))

    def to(self, box: Box) -> Box:
        """``box`` of the page as captured, in the upright copy."""
        return _rot_box(box, self.quarters, self.shape)

    def back(self, box: Box) -> Box:
        """``box`` of the upright copy, in the page as captured."""
        return _rot_box(box, -self.quarters % 4, self.grey.shape)


def _rot_box(box: Box, quarters: int, shape: tuple[int, ...]) -> Box:
    """``box`` of an image of ``shape`` in that image turned ``quarters`` quarter turns counter-clockwise
    (np.rot90's)."""
    x, y, w, h = box
    height, width = shape[:2]
    for _turn in range(quarters % 4):  # one quarter counter-clockwise: column x becomes row width - x
        x, y, w, h = y, width - (x + w), h, w
        height, width = width, height
    return x, y, w, h


def annotate(images: Mapping[str, np.ndarray], *, dpi: float, specimen: str = "", today: dt.date | None = None,
             ocr: bool = True) -> Annotation:
    """The automatic annotation of one genuine specimen.

    Parameters
    ----------
    images : mapping of str to (H, W, 3) uint8 ndarray
        The specimen's captures per light (``visible`` required, ``uv`` and ``ir`` when taken), registered to each
        other (one frame).
    dpi : float
        The captures' resolution.
    specimen : str
        The specimen's id, recorded in the annotation (``"automatic"`` when empty).
    today : date, optional
        For the MRZ's dates (two-digit years), as the reader takes it.
    ocr : bool
        Read the VIZ with tesseract (when installed) to find the values the MRZ repeats.

    Returns
    -------
    Annotation
        Version 1, every region :attr:`Source.AUTOMATIC`: the MRZ, portrait, ghost image, VIZ fields, UV features,
        and the personalised area, with what they should show in UV and IR where those lights were given.

    Raises
    ------
    ValueError
        If the images are not RGB uint8 arrays of one size with a visible one, or ``dpi`` is not a resolution.
    NoDocumentError
        If neither an MRZ nor a portrait is found in the visible capture.
    """
    from docexam.references.inks import expectations, uv_features
    from docexam.references.viz import find_viz

    caps = check_captures(images, dpi)
    visible = caps[Light.VISIBLE]
    grey = _grey(visible)
    if float(grey.std()) < 2.0:
        raise NoDocumentError(_("the image is uniform"))
    regions: list[Region] = []
    mrz = find_mrz(grey, today=today)
    # The scale of the print: from the MRZ's pitch when there is one (a photo's resolution is seldom known).
    px_per_mm = mrz.pitch_px / (MRZ_PITCH_IN * 25.4) if mrz is not None else float(dpi) / 25.4
    if mrz is not None:
        regions.append(Region("mrz", Role.MRZ, mrz.box, confidence=round(0.5 + 0.5 * mrz.confidence if mrz.valid
                                                                          else 0.4 * mrz.confidence, 3),
                              note="" if mrz.valid else "the MRZ was found but did not read as a valid MRZ"))
    found = find_portrait(grey, angle=mrz.angle if mrz is not None else 0.0)
    upright = 0.0 if mrz is None or abs(mrz.angle) < UPRIGHT_DEGREES else mrz.angle
    glowing_ghost: Region | None = None
    if found is not None:
        pbox, face, conf, upright = found
        if mrz is not None and mrz.holds(face[0] + face[2] / 2, face[1] + face[3] / 2):
            found = None  # a "face" in the MRZ's characters
    if found is not None:
        regions.append(Region("portrait", Role.PORTRAIT, pbox, confidence=conf))
        ghost = find_ghost(grey, pbox, face, uv=caps.get(Light.UV))
        if ghost is not None and (mrz is None or not mrz.holds(ghost[0][0] + ghost[0][2] / 2, ghost[0][1] + ghost[0][3] / 2)):
            if ghost[2]:
                regions.append(Region("ghost", Role.GHOST, ghost[0], confidence=ghost[1]))
            else:  # seen by its glow alone: kept once the VIZ is read, unless it is the VIZ's values
                glowing_ghost = Region("ghost", Role.GHOST, ghost[0], confidence=ghost[1])
    if mrz is None and found is None:
        raise NoDocumentError(_("no MRZ and no portrait could be found"))
    if ocr and mrz is not None and mrz.fields is not None:
        # A ghost found by its glow, with no face the cascade sees, is not blanked before the VIZ is read: a value
        # printed in fluorescent ink glows too, and a blurred likeness to the face is found in its letters as in
        # background art (development ATL-MRVA-1, seed 67: a visa number's first two letters, 0.56 + 0.50).
        taken = [r.box for r in regions]
        regions += find_viz(grey, mrz.fields, taken=taken, px_per_mm=px_per_mm, degrees=upright)
    if glowing_ghost is not None and _text_share(glowing_ghost.box, regions) < GHOST_TEXT_SHARE:
        regions.insert(regions.index(next(r for r in regions if r.role is Role.PORTRAIT)) + 1, glowing_ghost)
    portraits = [r for r in regions if r.role is Role.PORTRAIT]
    # The signature and the photo's full extent are looked for on the page stood upright: the signature in the band
    # below the portrait, the photo's sides along the rows and columns. A page turned by a quarter or a half (a scan
    # or a photo taken sideways or upside down) is turned so exactly, and what is found there turned back; a page at
    # any other angle keeps the portrait box found (its box back would be the box around a turned box, wider than
    # the photo).
    page = _Upright(grey, upright) if portraits and found is not None and _quarter_turn(upright) else None
    if page is not None and found is not None:
        avoid = [page.to(r.box) for r in regions if r.role in (Role.MRZ, Role.VIZ_FIELD)]
        signature = find_signature(page.grey, page.to(portraits[0].box), px_per_mm=px_per_mm, avoid=avoid)
        if signature is not None:
            regions.append(Region("signature", Role.SIGNATURE, page.back(signature[0]), confidence=signature[1],
                                  note="strokes below the portrait taken for the holder's signature"))
        # The VIZ and the signature found, the photo is taken as far out as its sides not found may lie: a photo is
        # the holder's, and its edge left in the fixed design differs on every other holder's document.
        face = page.to(found[1])
        x, y, w, h = page.to(portraits[0].box)
        (wx, wy, ww, wh), sides = photo_sides(page.grey, face, widest=True)
        x0, y0 = min(x, wx), min(y, wy)
        wider = (x0, y0, max(x + w, wx + ww) - x0, max(y + h, wy + wh) - y0)
        # But not over the text found beside it (the values, the MRZ, the fixed design's captions): where no edge
        # was found, the proportions and the search window may reach into the page's text column (real passports
        # whose photo's pale background meets pale paper, CZE and POL of ../shared/corpus: the captions and the first
        # letters of the values taken for the photo, and so compared by nothing). The face and a fifth of its size
        # about it are the photo's, whatever lies there, and a side found as an edge is kept; what the box still
        # covers then (text over the photo) its note names, for the examiner to check.
        text = [(r.id, page.to(r.box)) for r in regions if r.role in (Role.MRZ, Role.VIZ_FIELD, Role.FIXED_DESIGN)]
        hx, hy, hw, hh = grow(face, 0.2 * face[2], 0.2 * face[3])
        head = (round(hx), round(hy), round(hw), round(hh))
        wider = cut_at(wider, head, [b for _, b in text], sides=(not sides[0], not sides[1], not sides[2], not sides[3]))
        wider = photo_run_on(page.grey, wider, face, found=sides,
                             avoid=[b for _, b in text] + [page.to(r.box) for r in regions if r.role is Role.SIGNATURE])
        note = over_text(wider, head, sides, text)
        regions = [replace(r, box=page.back(wider), note=note or r.note) if r is portraits[0] else r for r in regions]
        ghosts = [r for r in regions if r.role is Role.GHOST]
        if ghosts:
            wide_ghost = ghost_photo(page.grey, page.to(ghosts[0].box), portrait=page.to(pbox), face=face,
                                     avoid=[page.to(r.box) for r in regions if r.role in (Role.MRZ, Role.VIZ_FIELD)])
            regions = [replace(r, box=page.back(wide_ghost)) if r is ghosts[0] else r for r in regions]
    # A number perforated through the page (the document number, as many passports have it along an edge): the
    # holder's, though no reading finds it.
    holes = find_perforation(grey, px_per_mm=px_per_mm, avoid=[r.box for r in regions])
    if holes is not None:
        regions.append(Region("perforated-number", Role.DOCUMENT_NUMBER, holes[0], confidence=holes[1],
                              note=f"a line of {holes[2]} round holes of one size taken for a perforated document number"))
    extra = [c for c in (Light.UV, Light.IR) if c in caps]
    if extra:
        regions = [expectations(r, caps) for r in regions]
        if Light.UV in caps:
            regions += uv_features(caps, regions, px_per_mm=px_per_mm)
    regions += personalised(regions, grey.shape, margin=0.6 * px_per_mm)
    return Annotation(specimen or "automatic", float(dpi), tuple(regions), 1,
                      dt.datetime.now(dt.UTC).replace(microsecond=0), "automatic",
                      "automatic annotation: check each region before relying on it")
