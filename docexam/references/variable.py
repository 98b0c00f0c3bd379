"""The variable areas of a document type, learnt from two or more genuine specimens of different holders: registered
onto the first (:func:`docexam.compare.geometry.register`, on the fixed design), where they differ is the holders'
data. The PERSONALISED regions of the first specimen's annotation are refined with what differs (pieces of one line of
print joined across what the holders happen to share), and the portrait's sides that one specimen could not show are
put where the holders' photos end (:func:`photo_sides`), so that the fixed design is compared up to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import cv2
import numpy as np

from docexam.errors import DocexamError
from docexam.i18n import _
from docexam.lights import Light
from docexam.references.boxes import grow, inside, join_boxes, merge_boxes
from docexam.references.model import Annotation, Region, Role, Source

__all__ = ["DesignMismatchError", "learn_variable", "photo_sides", "variable_boxes"]

#: Grey-level difference (after a light blur) from which two registered genuine specimens differ at a pixel.
DIFFERENCE_FROM = 40
#: Share of the document's pixels (after closing the differences into areas) above which two specimens are not
#: of one design: personalisation covers a third of a data page at most.
MAX_VARIABLE_SHARE = 0.5
#: Registration residual (reference pixels) above which the specimens are not taken to share their fixed design.
MAX_RESIDUAL_PX = 3.0
#: The printed photos whose sides the specimens' difference finds (:func:`photo_sides`): the portrait. (A ghost image
#: is printed faintly into the background print, without sides of its own: the holders' faces differ within it, and
#: on development designs its box was brought in over the face.)
_PHOTOS = (Role.PORTRAIT,)
#: The regions that carry the holder's data, whose union is the personalised area (as the annotation makes it).
_CARRYING = (Role.PORTRAIT, Role.GHOST, Role.MRZ, Role.VIZ_FIELD, Role.SIGNATURE, Role.DOCUMENT_NUMBER)


class DesignMismatchError(DocexamError, ValueError):
    """Specimens given as one document type are evidently of different designs."""

    def __init__(self, which: int, reason: str) -> None:
        self.which = which
        self.reason = reason
        super().__init__(_("specimen {number} is not of the first specimen's design: {reason}; give genuine "
                           "specimens of one document type (one state, one series), or make them separate types").format(
            number=which + 1, reason=reason))


def _design_mask(shape: tuple[int, ...], annotation: Annotation, margin: float) -> np.ndarray:
    mask = np.full(shape[:2], 255, np.uint8)
    for r in annotation.regions:
        if r.role is Role.PERSONALISED:
            x, y, w, h = (round(v) for v in grow(r.box, margin))
            mask[max(0, y) : max(0, y + h), max(0, x) : max(0, x + w)] = 0
    return mask if mask.any() else np.full(shape[:2], 255, np.uint8)


def _registered(first: np.ndarray, other: np.ndarray, *, which: int,
                mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """``other`` (a visible capture) registered onto ``first`` on the fixed design (``mask``), and where it lies in
    ``first``'s frame. Raises DesignMismatchError when it cannot be registered or matches only loosely."""
    from docexam.compare.geometry import RegistrationError, register, warp_to_reference

    try:
        alignment = register(other, first, light=Light.VISIBLE, mask=mask)
    except RegistrationError as e:
        raise DesignMismatchError(which, _("it could not be registered onto it ({reason})").format(
            reason=e.reason)) from None
    if alignment.residual_px > MAX_RESIDUAL_PX:
        raise DesignMismatchError(which, _("its design matches the first's only loosely (residual {residual_px:.1f} px)").format(
            residual_px=alignment.residual_px))
    warped = warp_to_reference(other, alignment, first.shape, border="constant")
    inside = warp_to_reference(np.full(other.shape[:2], 255, np.uint8), alignment, first.shape, border="constant") > 0
    return warped, inside


def _varying(first: np.ndarray, warped: np.ndarray, inside: np.ndarray, *, px_per_mm: float,
             which: int) -> list[tuple[int, int, int, int]]:
    sigma = max(0.8, 0.1 * px_per_mm)
    a = cv2.GaussianBlur(cv2.cvtColor(first, cv2.COLOR_RGB2GRAY), (0, 0), sigma)
    b = cv2.GaussianBlur(cv2.cvtColor(warped, cv2.COLOR_RGB2GRAY), (0, 0), sigma)
    diff: np.ndarray = ((cv2.absdiff(a, b) > DIFFERENCE_FROM) & inside).astype(np.uint8)
    # Thin slivers along edges are the registration's residual; text, photos and signatures are blobs once closed.
    diff = cv2.morphologyEx(diff, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    k = max(3, round(1.5 * px_per_mm) | 1)
    diff = cv2.morphologyEx(diff, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    area = max(1, int(inside.sum()))
    if diff.sum() / area > MAX_VARIABLE_SHARE:
        raise DesignMismatchError(which, _("they differ over {value:.0f} % of the document").format(
            value=100 * diff.sum() / area))
    n, _labels, stats, _centroids = cv2.connectedComponentsWithStats(diff, connectivity=8)
    min_area = (1.5 * px_per_mm) ** 2
    return [tuple(int(v) for v in stats[i][:4]) for i in range(1, n) if stats[i][4] >= min_area]  # type: ignore[misc]


#: A side of a printed photo (the portrait, the ghost image) is where the two holders' photos end and the fixed design
#: both share begins: a step of the registered difference between the specimens (their photos' backgrounds differ in
#: shade, the design around them does not), straight along the whole side. Least step (grey levels, of the median
#: across the side), share of the side's rows (columns) that step alike, and the difference left outside the side
#: as a share of the step at most (the specimens agree there). Development MVN-TD2-5: the photo's background differs
#: by 6 levels between two holders, the design around it by under 0.5.
_PHOTO_STEP = 4.0
_PHOTO_STRAIGHT = 0.6
_PHOTO_OUTSIDE = 0.35
#: How far in from each side of the annotated photo box its side is looked for (share of its width or height): an
#: automatic annotation takes a side it could not see as far out as it may lie (docexam.references.annotate).
_PHOTO_REACH = 0.25
#: Kept beside a side found, mm: the blur of either capture.
_PHOTO_MARGIN_MM = 0.3
#: A step of the capture itself, along the whole side (the median across it), that shows a photo's side: 4 grey
#: levels, as the 3x3 Sobel weighs it, as the annotation looks for one (docexam.references.annotate.photo_box).
_SEEN_STEP = 16.0


def _difference(first: np.ndarray, warped: np.ndarray, inside: np.ndarray, design: np.ndarray, *,
                px_per_mm: float) -> np.ndarray:
    """``first`` less ``warped`` per channel (float32, 0 outside ``inside``), the latter's exposure and colour
    balance fitted to the former's over the fixed design (``design``): two captures of one design agree there."""
    sigma = max(0.8, 0.1 * px_per_mm)
    a = cv2.GaussianBlur(first.astype(np.float32), (0, 0), sigma)
    b = cv2.GaussianBlur(warped.astype(np.float32), (0, 0), sigma)
    sel = design & inside
    out = np.zeros(a.shape, np.float32)
    for c in range(a.shape[2]):
        gain, offset = 1.0, 0.0
        if sel.sum() >= 100:
            gain, offset = (float(v) for v in np.polyfit(b[..., c][sel][::7], a[..., c][sel][::7], 1))
        out[..., c] = a[..., c] - (gain * b[..., c] + offset)
    out[~inside] = 0.0
    return out


def photo_sides(diff: np.ndarray, box: tuple[int, int, int, int], *, px_per_mm: float,
                grey: np.ndarray | None = None) -> tuple[int, int, int, int]:
    """``box`` (a printed photo's, reference pixels) brought in to where the difference between two holders'
    registered captures (``diff``, (H, W, 3) float: :func:`_difference`) steps straight along a side, within
    :data:`_PHOTO_REACH` of it; a side with no such step stays where it is, and so does one that would be brought
    in across an edge the first capture ``grey`` (optional) shows along it (the photo's own side, where two holders'
    clothes alike hide it in the difference). Never larger than ``box``."""
    if not (isinstance(diff, np.ndarray) and diff.ndim == 3 and diff.shape[0] >= 8 and diff.shape[1] >= 8):
        raise ValueError(f"diff must be an (H, W, C) array, got {getattr(diff, 'shape', type(diff).__name__)}")
    if grey is not None and (not isinstance(grey, np.ndarray) or grey.shape != diff.shape[:2]):
        raise ValueError(f"grey must be a 2-D image of diff's size {diff.shape[:2]}, got {getattr(grey, 'shape', grey)}")
    if not (len(box) == 4 and box[2] > 0 and box[3] > 0) or not px_per_mm > 0:
        raise ValueError(f"box must be (x, y, w, h) with a positive size and px_per_mm positive, got {box}, {px_per_mm}")
    x, y, w, h = (int(v) for v in box)
    height, width = diff.shape[:2]
    k1 = max(1, round(0.3 * px_per_mm))
    k2 = max(k1 + 2, round(1.2 * px_per_mm))
    margin = round(_PHOTO_MARGIN_MM * px_per_mm)
    g = cv2.GaussianBlur(grey, (0, 0), max(1.0, 0.15 * px_per_mm)).astype(np.float32) if grey is not None else None
    out = [x, y, x + w, y + h]
    for side in range(4):
        vertical = side in (0, 2)  # the left and right sides run down the rows
        start, length, limit = (x, w, width) if vertical else (y, h, height)
        lo, hi = max(0, start - k2), min(limit, start + length + k2)
        lines = diff[y : y + h, lo:hi] if vertical else diff[lo:hi, x : x + w].transpose(1, 0, 2)
        if lines.shape[0] < 8 or hi - lo < 2 * k2 + 2:
            continue
        profile = np.median(lines, axis=0)  # (positions, channels)
        edges = np.zeros(hi - lo, bool)  # where the capture itself steps along the side
        if g is not None:
            grad = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3) if vertical else cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
            band = grad[y : y + h, lo:hi] if vertical else grad[lo:hi, x : x + w].T
            edges = np.abs(np.median(band, axis=0)) >= _SEEN_STEP
        inward = 1 if side < 2 else -1
        edge = start if side < 2 else start + length - 1
        best: tuple[float, int] | None = None
        for t in range(edge, edge + inward * round(_PHOTO_REACH * length), inward):
            i = t - lo
            inner = sorted((i, i + inward * (k2 - 1)))
            outer = sorted((i - inward, i - inward * k2))
            if min(inner[0], outer[0]) < 0 or max(inner[1], outer[1]) >= hi - lo:
                continue
            # the strip given back to the fixed design, but the side itself and its blur
            crossed = sorted((edge - lo, i - inward * k1))
            if inward * (i - inward * k1 - (edge - lo)) >= 0 and edges[crossed[0] : crossed[1] + 1].any():
                continue
            inside_mean = profile[inner[0] : inner[1] + 1].mean(axis=0)
            outside_mean = profile[outer[0] : outer[1] + 1].mean(axis=0)
            step = inside_mean - outside_mean
            c = int(np.argmax(np.abs(step)))
            size = float(abs(step[c]))
            if size < _PHOTO_STEP or abs(float(outside_mean[c])) > _PHOTO_OUTSIDE * size:
                continue
            per_line = (lines[:, inner[0] : inner[1] + 1, c].mean(axis=1)
                        - lines[:, outer[0] : outer[1] + 1, c].mean(axis=1)) * np.sign(step[c])
            if float(np.mean(per_line >= 0.5 * size)) < _PHOTO_STRAIGHT:
                continue
            if best is None or size > best[0]:
                best = (size, t)
        if best is not None:
            t = best[1] - inward * margin
            out[side] = max(out[side], t) if side < 2 else min(out[side], t + 1)
    if out[2] - out[0] < w / 2 or out[3] - out[1] < h / 2:  # not a photo's sides: keep the box
        return box
    return out[0], out[1], out[2] - out[0], out[3] - out[1]


#: Two varying areas on one line of print (their heights alike and overlapping, for a line across the page; their
#: widths, for a line printed down it) less than this many line heights apart are one value: the characters two
#: holders happen to share between them (the same digit at the same place of a number) vary with a third holder.
#: Development KST-TD3-1: two holders' perforated numbers shared a digit, and the piece of the number between the
#: varying pieces was left in the fixed design.
_JOIN_GAP = 2.0


def _join_lines(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """``boxes`` of varying print with those on one line of print joined across the gaps between them
    (:data:`_JOIN_GAP`)."""

    def along(a: tuple[int, int, int, int], b: tuple[int, int, int, int], axis: int) -> bool:
        # axis 0: a line across the page (x along it, heights across); 1: a line down the page
        size_a, size_b = a[3 - axis], b[3 - axis]  # the line's height (across it)
        if size_a > 1.2 * a[2 + axis] or size_b > 1.2 * b[2 + axis]:
            return False  # not a piece of a line in that direction
        if min(size_a, size_b) < 0.6 * max(size_a, size_b):
            return False
        shared = min(a[1 - axis] + size_a, b[1 - axis] + size_b) - max(a[1 - axis], b[1 - axis])
        gap = max(a[axis], b[axis]) - min(a[axis] + a[2 + axis], b[axis] + b[2 + axis])
        return shared >= 0.6 * min(size_a, size_b) and gap <= _JOIN_GAP * max(size_a, size_b)

    return join_boxes(list(boxes), lambda a, b: along(a, b, 0) or along(a, b, 1))


def variable_boxes(first: np.ndarray, other: np.ndarray, *, px_per_mm: float, which: int = 1,
                   mask: np.ndarray | None = None) -> list[tuple[int, int, int, int]]:
    """Boxes (in ``first``'s pixels) where the visible capture ``other`` differs from ``first`` once registered onto
    it. Raises DesignMismatchError when it cannot be registered or differs almost everywhere."""
    warped, inside = _registered(first, other, which=which, mask=mask)
    return _varying(first, warped, inside, px_per_mm=px_per_mm, which=which)


def learn_variable(specimens: Sequence[tuple[Mapping[str, np.ndarray], Annotation]], *,
                   margin_mm: float = 0.6) -> Annotation:
    """The first specimen's annotation with its PERSONALISED regions refined by where the others differ from it.

    Parameters
    ----------
    specimens : sequence of (captures, annotation)
        Two or more genuine specimens of one document type (different holders): each one's captures per light
        (``visible`` required) and its automatic annotation (:func:`docexam.references.annotate.annotate`).
    margin_mm : float
        Grown around each varying area, millimetres.

    Raises
    ------
    ValueError
        Fewer than two specimens, or a specimen without a visible capture.
    DesignMismatchError
        A specimen cannot be registered onto the first, or differs from it almost everywhere.
    """
    if not isinstance(specimens, Sequence) or len(specimens) < 2:
        raise ValueError(_("learn_variable needs two or more genuine specimens of one document type"))
    for i, item in enumerate(specimens):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Annotation)
                and isinstance(item[0], Mapping) and isinstance(item[0].get(Light.VISIBLE), np.ndarray)):
            raise ValueError(f"specimen {i + 1} is not (captures with a visible image, Annotation)")
    first_caps, first = specimens[0]
    base = first_caps[Light.VISIBLE]
    px_per_mm = first.dpi / 25.4
    margin = margin_mm * px_per_mm
    mask = _design_mask(base.shape, first, margin)
    faces = [r for r in first.regions if r.role in _PHOTOS]
    sides: dict[str, list[tuple[int, int, int, int]]] = {r.id: [] for r in faces}
    varying: list[tuple[float, float, float, float]] = []
    grey = cv2.cvtColor(base, cv2.COLOR_RGB2GRAY) if faces else None
    for i, (caps, _annotation) in enumerate(specimens[1:], start=1):
        warped, within = _registered(base, caps[Light.VISIBLE], which=i, mask=mask)
        varying += [grow(b, margin) for b in _join_lines(_varying(base, warped, within, px_per_mm=px_per_mm, which=i))]
        if faces:
            diff = _difference(base, warped, within, mask > 0, px_per_mm=px_per_mm)
            for r in faces:
                sides[r.id].append(photo_sides(diff, r.box, px_per_mm=px_per_mm, grey=grey))
    # A photo's box is as large as any specimen's difference says it is (each says no larger than the annotation's).
    photos = {}
    for r in faces:
        x0, y0 = min(b[0] for b in sides[r.id]), min(b[1] for b in sides[r.id])
        x1, y1 = max(b[0] + b[2] for b in sides[r.id]), max(b[1] + b[3] for b in sides[r.id])
        if (x0, y0, x1 - x0, y1 - y0) != r.box:
            photos[r.id] = replace(r, box=(x0, y0, x1 - x0, y1 - y0),
                                   note=(r.note + "; " if r.note else "") + "sides where the specimens' photos end")
    boxes: list[tuple[float, float, float, float]] = []
    for p in (r for r in first.regions if r.role is Role.PERSONALISED):
        carried = [r for r in first.regions if r.role in _CARRYING and inside(r.box, p.box)]
        if not any(r.id in photos for r in carried):
            boxes.append(grow(p.box, 0))
            continue
        # the personalised area around a photo whose sides were found: the union of what it carried, anew
        boxes += [grow(photos.get(r.id, r).box, margin) for r in carried]
    merged = merge_boxes(boxes + varying, base.shape)
    regions = [photos.get(r.id, r) for r in first.regions if r.role is not Role.PERSONALISED]
    for k, b in enumerate(merged):
        seen = any(_meets(b, v) for v in varying)
        regions.append(Region(f"personalised-{k + 1}", Role.PERSONALISED, b, source=Source.AUTOMATIC,
                              confidence=0.9 if seen else 0.6,
                              note="" if seen else "did not vary between the specimens given"))
    note = f"automatic annotation; personalised areas learnt from {len(specimens)} specimens"
    return replace(first, regions=tuple(regions), note=note)


def _meets(a: tuple[int, int, int, int], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
