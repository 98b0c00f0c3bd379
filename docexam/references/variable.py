"""The variable areas of a document type, learnt from two or more genuine specimens of different holders: registered
onto the first (:func:`docexam.compare.geometry.register`, on the fixed design), where they differ is the holders'
data. The PERSONALISED regions of the first specimen's annotation are refined with what differs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import cv2
import numpy as np

from docexam.errors import DocexamError
from docexam.i18n import _
from docexam.lights import Light
from docexam.references.boxes import grow, merge_boxes
from docexam.references.model import Annotation, Region, Role, Source

__all__ = ["DesignMismatchError", "learn_variable", "variable_boxes"]

#: Grey-level difference (after a light blur) from which two registered genuine specimens differ at a pixel.
DIFFERENCE_FROM = 40
#: Share of the document's pixels (after closing the differences into areas) above which two specimens are not
#: of one design: personalisation covers a third of a data page at most.
MAX_VARIABLE_SHARE = 0.5
#: Registration residual (reference pixels) above which the specimens are not taken to share their fixed design.
MAX_RESIDUAL_PX = 3.0


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


def variable_boxes(first: np.ndarray, other: np.ndarray, *, px_per_mm: float, which: int = 1,
                   mask: np.ndarray | None = None) -> list[tuple[int, int, int, int]]:
    """Boxes (in ``first``'s pixels) where the visible capture ``other`` differs from ``first`` once registered onto
    it. Raises DesignMismatchError when it cannot be registered or differs almost everywhere."""
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
    boxes = [grow(r.box, 0) for r in first.regions if r.role is Role.PERSONALISED]
    varying: list[tuple[float, float, float, float]] = []
    for i, (caps, _annotation) in enumerate(specimens[1:], start=1):
        varying += [grow(b, margin) for b in variable_boxes(base, caps[Light.VISIBLE], px_per_mm=px_per_mm,
                                                            which=i, mask=mask)]
    merged = merge_boxes(boxes + varying, base.shape)
    regions = [r for r in first.regions if r.role is not Role.PERSONALISED]
    for k, b in enumerate(merged):
        seen = any(_meets(b, v) for v in varying)
        regions.append(Region(f"personalised-{k + 1}", Role.PERSONALISED, b, source=Source.AUTOMATIC,
                              confidence=0.9 if seen else 0.6,
                              note="" if seen else "did not vary between the specimens given"))
    note = f"automatic annotation; personalised areas learnt from {len(specimens)} specimens"
    return replace(first, regions=tuple(regions), note=note)


def _meets(a: tuple[int, int, int, int], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
