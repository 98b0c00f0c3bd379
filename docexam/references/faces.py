"""Faces on a document: OpenCV's LBP frontal-face cascade (``lbpcascade_frontalface_improved.xml``, shipped in
``docexam/references/data/`` with its licence in the file's header).

``cv2.CascadeClassifier`` runs it where the installed OpenCV has one (4.x). OpenCV 5 moved the cascade classifier
out of its main package (``opencv-python-headless`` 5.x has none), so there the same cascade file is evaluated here,
as OpenCV's ``LBPEvaluator`` and ``CascadeClassifierImpl::detectMultiScale`` evaluate it: multi-block LBP codes over
an integral image, categorical stumps, stage thresholds, the image shrunk by ``scale_factor`` per scale and the
hits grouped as ``cv2.groupRectangles`` groups them. tests/references checks the two agree where both exist.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

__all__ = ["CASCADE_FILE", "Cascade", "detect_faces", "load_cascade"]

CASCADE_FILE = Path(__file__).with_name("data") / "lbpcascade_frontalface_improved.xml"

Rect = tuple[int, int, int, int]


@dataclass(frozen=True, eq=False)
class Cascade:
    """A boosted LBP cascade: window size, per stage (threshold, first weak classifier, count), per weak
    classifier its feature, the 256-bit subset of LBP codes sending it left, and its two leaf values (compared and
    hashed by identity: one per cascade file, :func:`load_cascade`)."""

    width: int
    height: int
    stages: tuple[tuple[float, int, int], ...]
    feature: np.ndarray  # (n_weak,) index into rects
    subsets: np.ndarray  # (n_weak, 8) int64 bit masks
    leaves: np.ndarray  # (n_weak, 2) float
    rects: np.ndarray  # (n_features, 4) x, y, w, h of one of the 3x3 blocks


def _numbers(node: ET.Element | None) -> list[float]:
    if node is None or node.text is None:
        raise ValueError("the cascade file is not an OpenCV LBP cascade")
    return [float(v) for v in node.text.split()]


@lru_cache(maxsize=2)
def load_cascade(path: str | Path = CASCADE_FILE) -> Cascade:
    """The cascade in an OpenCV cascade XML file (the new format, LBP features, stumps)."""
    root = ET.parse(path).getroot().find("cascade")
    if root is None or (root.findtext("featureType") or "").strip() != "LBP":
        raise ValueError(f"{path} is not an OpenCV LBP cascade")
    stages: list[tuple[float, int, int]] = []
    feature: list[int] = []
    subsets: list[list[int]] = []
    leaves: list[list[float]] = []
    stages_node = root.find("stages")
    assert stages_node is not None
    for stage in stages_node:
        weak = list(stage.find("weakClassifiers") or [])
        stages.append((float(_numbers(stage.find("stageThreshold"))[0]), len(feature), len(weak)))
        for w in weak:
            nodes = _numbers(w.find("internalNodes"))
            feature.append(int(nodes[2]))
            subsets.append([int(v) & 0xFFFFFFFF for v in nodes[3:11]])
            leaves.append(_numbers(w.find("leafValues"))[:2])
    rects = [_numbers(f.find("rect"))[:4] for f in root.find("features") or []]
    return Cascade(int(_numbers(root.find("width"))[0]), int(_numbers(root.find("height"))[0]), tuple(stages),
                   np.asarray(feature, np.int64), np.asarray(subsets, np.int64), np.asarray(leaves, np.float64),
                   np.asarray(rects, np.int64))


# LBP bit of each 3x3 block (row, column), clockwise from the top left, as OpenCV's LBPEvaluator::Feature::calc.
_BITS = ((0, 0, 128), (0, 1, 64), (0, 2, 32), (1, 2, 16), (2, 2, 8), (2, 1, 4), (2, 0, 2), (1, 0, 1))
#: The eight outer blocks of the 3x3 grid (row-major index) and their bits, in :data:`_BITS`' order.
_OUTER = np.array([3 * r + c for r, c, _ in _BITS])
_WEIGHTS = np.array([bit for _, _, bit in _BITS], np.int32)


@lru_cache(maxsize=2)
def _left_tables(cascade: Cascade) -> np.ndarray:
    """(n_weak, 256) bool: whether each LBP code sends each weak classifier to its left leaf (its subset's bit)."""
    codes = np.arange(256)
    tables: np.ndarray = ((cascade.subsets[:, codes >> 5] >> (codes & 31)) & 1).astype(bool)
    return tables


def _windows(cascade: Cascade, gray: np.ndarray, step: int) -> np.ndarray:
    """(N, 2) x, y of the windows of ``gray`` the whole cascade accepts."""
    h, w = gray.shape
    ii = cv2.integral(gray, sdepth=cv2.CV_32S)
    flat = ii.reshape(-1)
    ys, xs = np.mgrid[0 : h - cascade.height + 1 : step, 0 : w - cascade.width + 1 : step]
    ay, ax = ys.ravel(), xs.ravel()
    alive = np.arange(ay.size)  # the windows still in, as indices into the grid
    left_tables = _left_tables(cascade)
    # the sum of every fw x fh block of the image, once per block size the dense stages use: each feature's nine
    # blocks are then nine strided views instead of sixteen corners of the integral image
    block_sums: dict[tuple[int, int], np.ndarray] = {}
    ny, nx = ys.shape
    for threshold, first, count in cascade.stages:
        if ay.size == 0:
            break
        total = np.zeros(ay.size)
        if alive.size * 4 > ys.size:
            # most windows of the grid still in: the blocks are strided views of the block sums, no look-up
            for k in range(first, first + count):
                fx, fy, fw, fh = (int(v) for v in cascade.rects[cascade.feature[k]])
                sums = block_sums.get((fw, fh))
                if sums is None:
                    sums = ii[fh:, fw:] - ii[:-fh, fw:] - ii[fh:, :-fw] + ii[:-fh, :-fw]
                    block_sums[(fw, fh)] = sums
                view = [sums[fy + r * fh : fy + r * fh + step * ny : step, fx + c * fw : fx + c * fw + step * nx : step]
                        for r in range(3) for c in range(3)]
                grid_code = np.zeros((ny, nx), np.int32)
                for i, bit in zip(_OUTER, _WEIGHTS, strict=True):
                    grid_code |= (view[i] >= view[4]) * bit
                code = grid_code.ravel() if alive.size == ys.size else grid_code.ravel()[alive]
                total += np.where(left_tables[k][code], cascade.leaves[k, 0], cascade.leaves[k, 1])
        else:
            # few windows left: the whole stage in one look-up of the integral image, the 4 x 4 corners of each
            # feature's nine blocks per window, (windows, weak classifiers, 16)
            corners = np.empty((count, 16), np.int64)
            for j, k in enumerate(range(first, first + count)):
                fx, fy, fw, fh = (int(v) for v in cascade.rects[cascade.feature[k]])
                corners[j] = [(fy + r * fh) * (w + 1) + fx + c * fw for r in range(4) for c in range(4)]
            p = flat[(ay * (w + 1) + ax)[:, None, None] + corners[None, :, :]].reshape(ay.size, count, 4, 4)
            blocks = (p[..., 1:, 1:] - p[..., :-1, 1:] - p[..., 1:, :-1] + p[..., :-1, :-1]).reshape(ay.size, count, 9)
            codes = (blocks[:, :, _OUTER] >= blocks[:, :, 4:5]).astype(np.int32) @ _WEIGHTS
            for j, k in enumerate(range(first, first + count)):  # summed in the classifiers' order, as one by one
                total += np.where(left_tables[k][codes[:, j]], cascade.leaves[k, 0], cascade.leaves[k, 1])
        keep = total >= threshold
        ay, ax, alive = ay[keep], ax[keep], alive[keep]
    return np.stack([ax, ay], axis=1)


def _group(rects: list[Rect], min_neighbours: int, eps: float = 0.2) -> list[Rect]:
    """Clusters of alike rectangles with more than ``min_neighbours`` members, averaged; those lying inside a
    stronger one dropped (``cv2.groupRectangles``)."""
    n = len(rects)
    label = list(range(n))

    def find(i: int) -> int:
        while label[i] != i:
            label[i] = label[label[i]]
            i = label[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a, b = rects[i], rects[j]
            delta = eps * (min(a[2], b[2]) + min(a[3], b[3])) * 0.5
            if (abs(a[0] - b[0]) <= delta and abs(a[1] - b[1]) <= delta and abs(a[0] + a[2] - b[0] - b[2]) <= delta
                    and abs(a[1] + a[3] - b[1] - b[3]) <= delta):
                label[find(i)] = find(j)
    clusters: dict[int, list[Rect]] = {}
    for i in range(n):
        clusters.setdefault(find(i), []).append(rects[i])
    found = []
    for members in clusters.values():
        if len(members) <= min_neighbours:
            continue
        m = np.mean(np.asarray(members, np.float64), axis=0)
        found.append(((round(m[0]), round(m[1]), round(m[2]), round(m[3])), len(members)))
    out = []
    for i, (r, count) in enumerate(found):
        inside = False
        for j, (o, other) in enumerate(found):
            if i == j or other <= 2:
                continue
            dx, dy = round(o[2] * eps), round(o[3] * eps)
            if (r[0] >= o[0] - dx and r[1] >= o[1] - dy and r[0] + r[2] <= o[0] + o[2] + dx
                    and r[1] + r[3] <= o[1] + o[3] + dy and (other > max(3, count) or count < 3)):
                inside = True
                break
        if not inside:
            out.append(r)
    return out


def detect_faces(gray: np.ndarray, *, scale_factor: float = 1.1, min_neighbours: int = 3,
                 min_size: int = 0, max_size: int = 0) -> list[Rect]:
    """Frontal faces in a (H, W) uint8 image: ``(x, y, w, h)`` boxes, as ``cv2.CascadeClassifier.detectMultiScale``
    with OpenCV's improved LBP frontal-face cascade finds them.

    Raises ValueError for anything but a 2-D uint8 image, or a scale factor not above 1.
    """
    if not isinstance(gray, np.ndarray) or gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError(f"gray must be a 2-D uint8 image, got {getattr(gray, 'dtype', type(gray))} "
                         f"with shape {getattr(gray, 'shape', '?')}")
    if not scale_factor > 1.0:
        raise ValueError(f"scale_factor must be above 1, got {scale_factor}")
    classifier = getattr(cv2, "CascadeClassifier", None)
    if classifier is not None:
        found = classifier(str(CASCADE_FILE)).detectMultiScale(
            gray, scaleFactor=scale_factor, minNeighbors=min_neighbours, minSize=(min_size, min_size),
            maxSize=(max_size, max_size))
        return [tuple(int(v) for v in r) for r in found]  # type: ignore[misc]
    cascade = load_cascade()
    h, w = gray.shape
    rects: list[Rect] = []
    factor = 1.0
    while True:
        win_w, win_h = round(cascade.width * factor), round(cascade.height * factor)
        sw, sh = round(w / factor), round(h / factor)
        if sw < cascade.width or sh < cascade.height:
            break
        if max_size and (win_w > max_size or win_h > max_size):
            break
        if win_w >= min_size and win_h >= min_size:
            scaled = gray if factor == 1.0 else cv2.resize(gray, (sw, sh), interpolation=cv2.INTER_LINEAR)
            step = 1 if factor > 2.0 else 2
            for x, y in _windows(cascade, scaled, step):
                rects.append((round(x * factor), round(y * factor), win_w, win_h))
        factor *= scale_factor
    return _group(rects, min_neighbours)
