"""Boxes ``(x, y, w, h)`` in whole pixels, as the annotation draws regions: cut to an image, grown, merged."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from docexam.references.model import Box

__all__ = ["box_back", "clip_box", "grow", "inside", "join_boxes", "merge_boxes", "overlap", "turned"]


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

    def joins(a: Box, b: Box) -> bool:
        shared = overlap(a, b)
        return (touching and shared > 0) or shared >= 0.5 * min(a[2] * a[3], b[2] * b[3])

    return sorted(join_boxes(rects, joins), key=lambda r: (r[1], r[0]))


def join_boxes(rects: list[Box], joins: Callable[[Box, Box], bool]) -> list[Box]:
    """``rects`` with every two that ``joins`` says are one replaced by the rectangle around both, repeatedly, until
    no two join (the first of a pair keeps its place)."""
    rects = list(rects)
    merged = True
    while merged:
        merged = False
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                a, b = rects[i], rects[j]
                if joins(a, b):
                    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
                    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
                    rects[i] = (x0, y0, x1 - x0, y1 - y0)
                    del rects[j]
                    merged = True
                    break
            if merged:
                break
    return rects


def overlap(a: Box, b: Box) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


def inside(a: Box, b: Box) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]


def turned(grey: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """``grey`` turned by ``degrees`` (counter-clockwise) on a canvas that holds all of it, and the 2x3 map from the
    turned image's pixels back to ``grey``'s."""
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = round(h * sin + w * cos), round(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    turned = cv2.warpAffine(grey, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=int(np.median(grey)))
    return turned, cv2.invertAffineTransform(m)


def box_back(box: Box, back: np.ndarray, shape: tuple[int, ...]) -> Box | None:
    """The box around ``box`` (in a turned image's pixels) mapped back by ``back`` (from :func:`turned`), cut to
    ``shape``."""
    x, y, w, h = box
    corners = np.array([[x, y, 1], [x + w, y, 1], [x + w, y + h, 1], [x, y + h, 1]], np.float64) @ back.T
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    return clip_box((x0, y0, x1 - x0, y1 - y0), shape)
