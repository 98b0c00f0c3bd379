"""Boxes ``(x, y, w, h)`` in whole pixels, as the annotation draws regions: cut to an image, grown, merged."""

from __future__ import annotations

from docexam.references.model import Box

__all__ = ["clip_box", "grow", "inside", "merge_boxes", "overlap"]


def clip_box(box: tuple[float, float, float, float], shape: tuple[int, ...]) -> Box | None:
    """``box`` (x, y, w, h) cut to an image of ``shape``, in whole pixels; None when nothing is left."""
    x0, y0 = max(0, round(box[0])), max(0, round(box[1]))
    x1, y1 = min(shape[1], round(box[0] + box[2])), min(shape[0], round(box[1] + box[3]))
    return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def grow(box: Box, dx: float, dy: float | None = None) -> tuple[float, float, float, float]:
    dy = dx if dy is None else dy
    return box[0] - dx, box[1] - dy, box[2] + 2 * dx, box[3] + 2 * dy


def merge_boxes(boxes: list[tuple[float, float, float, float]], shape: tuple[int, ...], *,
                touching: bool = False) -> list[Box]:
    """Rectangles covering ``boxes``, cut to ``shape``; two that overlap by half the smaller one or more (with
    ``touching``, at all) merged into the rectangle around both (repeatedly): nearly the same area, not a large one
    spanning the fixed design between."""
    rects = [b for b in (clip_box(b, shape) for b in boxes) if b is not None]
    merged = True
    while merged:
        merged = False
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                a, b = rects[i], rects[j]
                shared = overlap(a, b)
                if (touching and shared > 0) or shared >= 0.5 * min(a[2] * a[3], b[2] * b[3]):
                    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
                    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
                    rects[i] = (x0, y0, x1 - x0, y1 - y0)
                    del rects[j]
                    merged = True
                    break
            if merged:
                break
    return sorted(rects, key=lambda r: (r[1], r[0]))


def overlap(a: Box, b: Box) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


def inside(a: Box, b: Box) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]
