"""A number perforated into the page: a line of small round holes of one size, set a hole or two apart.

Many passports perforate the document number through the data page and the pages after it (laser or needle
perforation, usually along the page's edge and turned a quarter): a personalisation, as the holder's number changes
from document to document. Tesseract reads no dotted digits, so the VIZ reader does not find it, and a reference that
left it in the fixed design would find "the design differs" on every other holder's document.

What is looked for needs no reading: holes that show dark (what lies behind the page, the burnt edge of a laser's
hole) as round spots of one diameter, each with a neighbour within two and a half diameters (the dots of one
character), in groups that lie a character's gap apart along one line (the characters of one number). Dotted print
of the design (a dotted rule, a stipple) is rarely one such line of many same-sized round dots; a stipple is an area,
not a line, and is not taken. Holes that show light (a page scanned on a white backing) are not looked for. The region
found is a document number drawn by the automatic annotation, marked as such, for the examiner to check.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import cv2
import numpy as np

from docexam.references.boxes import overlap
from docexam.references.model import Box

__all__ = ["find_perforation"]

#: A hole's diameter, mm (laser perforation: 0.2 to 0.5 mm).
HOLE_MM = 0.35
#: Least resolution (pixels per mm; 200 dpi) at which holes are looked for: below it a hole is a pixel or two, and
#: the bowls and dots of printed text are as round (the real corpus's pages, 95 to 164 dpi, showed text lines as lines
#: of "holes").
MIN_PX_PER_MM = 200 / 25.4
#: Dots of one character lie at most this many diameters apart (centre to centre); the characters of one number are
#: linked at up to :data:`_CHAR_GAP` diameters.
_NEIGHBOUR = 2.5
_CHAR_GAP = 5.0
#: Least number of holes of a character, and greatest gap between two characters of a line, in the line's widths.
_MIN_CHAR_HOLES = 8
_LINE_GAP = 2.0
#: Least number of holes, and least length (mm) and length-to-width ratio of their line, for a perforated number.
_MIN_HOLES = 40
_MIN_LENGTH_MM = 8.0
_MIN_ELONGATION = 2.5
#: Greatest width of a line of perforated characters, mm (a character's height: perforated numbers are 4 to 8 mm high).
_MAX_WIDTH_MM = 10.0
#: Greatest spread of the holes' areas (coefficient of variation): one needle or one laser makes every hole alike
#: (a generated perforated number 0.17; the spots of a visa's guilloche lettering, ../shared/corpus, 0.35).
_AREA_SPREAD = 0.25
#: Greatest median distance from a hole to its nearest, in diameters: a character's holes are set close (1.0 on a
#: generated number; the guilloche's spots 2.4).
_SPACING = 2.0
#: Least print contrast (grey levels) of a hole against the paper round it, and least share of the darkest spots'
#: contrast (their 98th percentile).
_MIN_CONTRAST = 12.0
_HOLE_SHARE = 0.5
#: Largest number of candidate dots examined (a page of stipple has thousands: it is not a number).
_MAX_DOTS = 1500


def _dots(grey: np.ndarray, d: int) -> np.ndarray:
    """Centres and areas ``(x, y, area)`` of the round dark spots about ``d`` pixels across (OpenCV's blob detector:
    the spots that stay round over a sweep of grey thresholds, so a line of the background crossing a hole, lighter
    than it, falls away below the hole's own level)."""
    params = cv2.SimpleBlobDetector.Params()
    params.minThreshold, params.maxThreshold, params.thresholdStep = 10.0, 230.0, 10.0
    params.minRepeatability = 2
    params.minDistBetweenBlobs = 0.8 * d
    params.filterByColor, params.blobColor = True, 0
    params.filterByArea, params.minArea, params.maxArea = True, 0.2 * d * d, 1.5 * d * d
    params.filterByCircularity, params.minCircularity = True, 0.6
    params.filterByInertia, params.minInertiaRatio = True, 0.5
    params.filterByConvexity, params.minConvexity = True, 0.8
    found = cv2.SimpleBlobDetector.create(params).detect(grey)
    spots = []
    for k in found:
        x, y = (int(round(v)) for v in k.pt)
        r = max(1, int(round(k.size)))
        around = grey[max(0, y - 2 * r) : y + 2 * r + 1, max(0, x - 2 * r) : x + 2 * r + 1]
        if around.size:
            spots.append((k.pt[0], k.pt[1], np.pi * (k.size / 2) ** 2,
                          float(np.percentile(around, 90)) - float(grey[y, x])))
    if not spots:
        return np.zeros((0, 3))
    out = np.array(spots, np.float64)
    # Holes are cut by one tool through one page: about equally dark. The spots of the background print where its
    # lines cross are many and faint; those half as dark as the darkest spots are not holes.
    floor = max(_MIN_CONTRAST, _HOLE_SHARE * float(np.percentile(out[:, 3], 98)))
    return out[out[:, 3] >= floor, :3]


def _distances(points: np.ndarray) -> np.ndarray:
    """Every pair of ``points``' distance, a point's to itself infinite."""
    dist = np.hypot(points[:, None, 0] - points[None, :, 0], points[:, None, 1] - points[None, :, 1])
    np.fill_diagonal(dist, np.inf)
    return dist


def _groups(points: np.ndarray, link: float) -> list[np.ndarray]:
    """Indices of ``points`` linked by distances up to ``link`` (single linkage)."""
    n = len(points)
    parent = np.arange(n)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for i, j in zip(*np.nonzero(np.triu(_distances(points) <= link, k=1)), strict=True):
        parent[root(int(i))] = root(int(j))
    roots = np.array([root(i) for i in range(n)])
    return [np.nonzero(roots == r)[0] for r in np.unique(roots)]


def _joinable(a: np.ndarray, b: np.ndarray, widest: float) -> bool:
    """Whether two characters' holes (points) lie on one line: along x or along y (a number turned a quarter), no
    wider across it than ``widest``, their extents across it overlapping by half the smaller, and their gap along it
    at most :data:`_LINE_GAP` times the line's width."""
    (a0, a1), (b0, b1) = (a.min(axis=0), a.max(axis=0)), (b.min(axis=0), b.max(axis=0))
    for along in (0, 1):
        across = 1 - along
        width = max(a1[across] - a0[across], b1[across] - b0[across], 1.0)
        if width > widest:
            continue
        shared = min(a1[across], b1[across]) - max(a0[across], b0[across])
        gap = max(a0[along], b0[along]) - min(a1[along], b1[along])
        smaller = min(a1[across] - a0[across], b1[across] - b0[across])
        if shared >= 0.5 * max(smaller, 1.0) and gap <= _LINE_GAP * width:
            return True
    return False


def _lines(points: np.ndarray, groups: list[np.ndarray], widest: float) -> list[np.ndarray]:
    """``groups`` (characters) joined into lines (:func:`_joinable`), the first joinable pair first, until none is."""
    groups = list(groups)
    while True:
        pair = next(((i, j) for i, j in combinations(range(len(groups)), 2)
                     if _joinable(points[groups[i]], points[groups[j]], widest)), None)
        if pair is None:
            return groups
        i, j = pair
        groups[i] = np.concatenate([groups[i], groups[j]])
        del groups[j]


def find_perforation(grey: np.ndarray, *, px_per_mm: float, avoid: Sequence[Box] = ()) -> tuple[Box, float, int] | None:
    """The box of a perforated number on the page, how sure the finding is (0 to 1) and its number of holes.

    Parameters
    ----------
    grey : ndarray
        The page, (H, W) uint8.
    px_per_mm : float
        Its scale.
    avoid : sequence of boxes
        Regions already found (the portrait, the MRZ, the VIZ): a line of dots mostly inside one of them is theirs.

    Returns
    -------
    tuple or None
        ``((x, y, w, h), confidence, holes)`` of the longest line of holes, or None when there is none.

    Raises
    ------
    ValueError
        If ``grey`` is not a 2-D uint8 image or ``px_per_mm`` is not positive.
    """
    if not isinstance(grey, np.ndarray) or grey.dtype != np.uint8 or grey.ndim != 2 or grey.size == 0:
        raise ValueError("grey must be a non-empty 2-D uint8 image")
    if not (px_per_mm > 0 and np.isfinite(px_per_mm)):
        raise ValueError(f"px_per_mm must be a positive number, got {px_per_mm!r}")
    if px_per_mm < MIN_PX_PER_MM:
        return None
    d = max(2, int(round(HOLE_MM * px_per_mm)))
    dots = _dots(grey, d)
    if not _MIN_HOLES <= len(dots) <= _MAX_DOTS:
        return None
    dots = dots[_distances(dots[:, :2]).min(axis=1) <= _NEIGHBOUR * d]  # a hole of a character has a neighbour hole
    if len(dots) < _MIN_HOLES:
        return None
    best: tuple[Box, float, int] | None = None
    widest = _MAX_WIDTH_MM * px_per_mm
    characters = [g for g in _groups(dots[:, :2], _CHAR_GAP * d) if len(g) >= _MIN_CHAR_HOLES]
    for g in _lines(dots[:, :2], characters, widest):
        if len(g) < _MIN_HOLES:
            continue
        p, areas = dots[g, :2], dots[g, 2]
        (x0, y0), (x1, y1) = p.min(axis=0), p.max(axis=0)
        long, short = max(x1 - x0, y1 - y0), max(min(x1 - x0, y1 - y0), float(d))
        spread = float(areas.std() / areas.mean())
        if (long < _MIN_LENGTH_MM * px_per_mm or long < _MIN_ELONGATION * short or short > widest
                or spread > _AREA_SPREAD):
            continue
        if float(np.median(_distances(p).min(axis=1))) > _SPACING * d:
            continue
        box = (int(x0) - d, int(y0) - d, int(x1 - x0) + 2 * d + 1, int(y1 - y0) + 2 * d + 1)
        if any(overlap(box, a) >= 0.5 * box[2] * box[3] for a in avoid):
            continue
        confidence = round(min(1.0, len(g) / 60) * (1.0 - spread), 3)
        if best is None or len(g) > best[2]:
            best = (box, confidence, len(g))
    return best
