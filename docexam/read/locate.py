"""Find the machine readable zone in a scan or photo, in any orientation, and straighten it.

The MRZ is two or three long lines of evenly sized dark characters (Doc 9303 Part 3, 4.10). On a working copy of
at most :data:`WORK_SIZE` pixels, a black-hat transform keeps dark strokes narrower than its kernel, a closing along
the text direction merges each line's characters into one long component, and the components that are long, thin,
parallel, equally long and evenly spaced are grouped into an MRZ. Text runs either horizontally or vertically in
the working copy before deskewing (skew up to about 20 degrees merges fine), so both are tried. The group's
oriented box is then cut from the full-resolution image, rotated upright (or upside down: the reader tries both),
and scaled so the character pitch is :data:`TARGET_PITCH` pixels.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace

import cv2
import numpy as np

from docexam.inspector import Inspector
from docexam.read.numeric import line_fit, median, percentiles
from docexam.read.steps import ReadStep

WORK_SIZE = 1200
#: Least share of a text line's length left blank between characters (see LineCandidate.gaps).
MIN_GAPS = 0.08
#: A line with fewer gaps is still taken for text when its strokes repeat at a character pitch this regularly (see
#: LineCandidate.regularity) and that pitch is OCR-B's for the line's height (see _blurred_text).
BLURRED_REGULARITY = 0.6
#: The pitch over the height of a line's dense rows that blurred OCR-B shows: the font's pitch is 2.54 mm for
#: characters 2.4 mm high (Doc 9303 Part 3, 4.4 and 4.10), 1.06; a blur of sigma s widens the dense rows by about 2 s,
#: so up to a blur of a fifth of the pitch (where the characters are barely legible) the ratio stays above
#: 1 / (0.945 + 0.4) = 0.74 (development captures of generated designs at a 9.5 px pitch blurred 1.2 px: 0.88-0.97;
#: at 9.6 px blurred 1.5 px: 0.80-0.97).
BLURRED_PITCH_OVER_HEIGHT = (0.72, 1.1)
#: How much wider than a line's dense rows (see _text_rows) the span of its strokes may be before the strokes beyond
#: them are taken for print across the line rather than its characters: on the real corpus's MRZ lines the span is
#: 0.8 to 1.0 of the dense rows.
STRAY_SPAN = 1.3
#: Least blank between two rows of dense strokes, in the taller's heights, for them to be two lines (see _extended).
GAP_BETWEEN_LINES = 0.2
#: The most a line's dense rows of strokes may measure, in character pitches, where blur or heavy JPEG swells them
#: (OCR-B's characters are 0.95 of a pitch high: Doc 9303 Part 3, 4.4): runs parted by less than GAP_BETWEEN_LINES
#: are two lines when the line's length holds an MRZ's characters at that height for each, and not for both as one.
SWOLLEN_HEIGHT = 1.5
#: Character pitch of the straightened crop, in pixels.
TARGET_PITCH = 26.0


@dataclass(frozen=True)
class LineCandidate:
    centre: tuple[float, float]  # working-image coordinates
    length: float
    thickness: float
    angle: float  # degrees, direction of the line, in (-90, 90]
    points: np.ndarray  # (N, 2) float32 x, y of the component's outline
    #: Share of the line's length with no stroke across it: the gaps between characters (about 0.2-0.35 for MRZ
    #: text, blurred or not), none along a page edge, a shadow or a rule.
    gaps: float = 0.3
    #: Height of the line's dense rows of strokes (see _text_rows), 0 when not measured: what the lines of a group
    #: are compared by, since the span of the strokes (``thickness``) takes in whatever print crosses the line.
    height: float = 0.0
    #: The period of the line's strokes along it (its character pitch, Doc 9303 Part 3, 4.4), 0 when not measured,
    #: and how regular they are at that period (the autocorrelation there, 0 to 1): an MRZ line's fixed pitch is
    #: regular, a line of proportionally spaced print far less.
    pitch: float = 0.0
    regularity: float = 0.0

    @property
    def size(self) -> float:
        """The line's height as the lines of a group are compared: its dense rows, else its thickness."""
        return self.height or self.thickness


@dataclass(frozen=True)
class MRZRegion:
    """Where the MRZ is: the straightened crop and how it maps back to the image."""

    crop: np.ndarray  # (H, W) uint8, text upright or upside down, pitch about TARGET_PITCH
    lines: int  # number of text lines found (2 or 3)
    corners: np.ndarray  # (4, 2) float32 corners of the crop in the original image (tl, tr, br, bl)
    angle: float  # degrees the text was rotated by
    pitch_estimate: float  # character pitch in the original image, pixels
    quick: bool = False  # found on the pass along the image's rows alone (see locate_mrz)
    #: Found only on a copy of a small image twice as large (see locate_mrz): print this small is read with less
    #: certainty than the recogniser's confidence says (docexam.read.reader.ReadResult.valid).
    enlarged: bool = False
    #: How coloured each crop pixel was (0 to 1) where coloured print was lifted out of the crop
    #: (docexam.read.overprint), else None.
    overprint: np.ndarray | None = None
    #: Characters per line the located lines hold at their strokes' period (:func:`_cells`), None when
    #: no line's period was measured: the geometry's evidence of the layout, before any character is read.
    cells: float | None = None


def _line_candidates(work: np.ndarray, inspector: Inspector, *, directions: tuple[bool, ...] = (False, True),
                     size: float | None = None) -> tuple[list[LineCandidate], np.ndarray]:
    """Long thin text-line components of ``work`` (their ends followed on the strokes), and the mask of all its dark
    strokes before merging; ``directions`` says which passes to make (False: lines along the rows, True: along the
    columns). ``size``: the image size (pixels) the character size and the least line length are reckoned from
    (default: ``work``'s longer side; less on a finer copy, to find text smaller in proportion)."""
    h, w = work.shape
    size = float(max(h, w)) if size is None else size
    out: list[LineCandidate] = []
    masks = []
    strokes = np.zeros_like(work)
    for vertical in directions:
        img = work.T if vertical else work
        ch = max(5, round(size / 90))  # a generous character size for the working copy
        dark = cv2.morphologyEx(img, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (ch * 2 + 1, ch + 1)))
        _, binary = cv2.threshold(dark, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        # Otsu on a nearly blank image would pick noise: strokes less than 18 darker than their surroundings are not
        # strokes (a mask and an AND, the same pixels as a boolean index, a tenth of its cost)
        cv2.bitwise_and(binary, cv2.threshold(dark, 17, 255, cv2.THRESH_BINARY)[1], dst=binary)
        np.maximum(strokes, binary.T if vertical else binary, out=strokes)
        merged = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * ch + 1, 3)))
        merged = cv2.morphologyEx(merged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
        # Keep only long runs along the text: a line touching a photo edge or a watermark is cut free of it. Lines
        # skewed by 15 degrees still have runs of about 3.7 character heights.
        merged = cv2.morphologyEx(merged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (3 * ch, 1)))
        masks.append(merged.T if vertical else merged)
        # Outer contours, not connected components: ten times faster, and a shape's outline has its extents.
        contours, _ = cv2.findContours(merged, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, bw, bh = cv2.boundingRect(contour)
            area = cv2.contourArea(contour)
            if max(bw, bh) < size * 0.12 or area < 60:
                continue
            if vertical:
                x, y, bw, bh = y, x, bh, bw
            if (y <= 1 or y + bh >= h - 1) and bh <= 10 or (x <= 1 or x + bw >= w - 1) and bw <= 10:
                continue  # the image's own edge, not text
            pts = contour.reshape(-1, 2).astype(np.float32)
            if vertical:
                pts = pts[:, ::-1].copy()
            (cx, cy), (rw, rh), ang = cv2.minAreaRect(pts)
            length, thick = max(rw, rh), min(rw, rh)
            if rw < rh:
                ang += 90
            ang = ((ang + 90) % 180) - 90
            if thick < 3 or length / thick < 9 or area / (length * thick) < 0.35:
                continue
            out.append(LineCandidate((cx, cy), length, thick, ang, pts))
    if inspector.active:
        inspector.keep(ReadStep.TEXT, np.maximum.reduce(masks))
    # Only lines that could be an MRZ's are followed (the costly part): a fragment of an MRZ line is still a good
    # part of the longest line in view, while a caption or a field label is far shorter.
    longest = max((c.length for c in out), default=0.0)
    out = [c for c in out if c.length >= 0.2 * longest]
    followed = [line for c in out for line in _extended(c, strokes)]
    return [c for c in followed if c.gaps >= MIN_GAPS or _blurred_text(c)], strokes


def _blurred_text(c: LineCandidate) -> bool:
    """Whether a line with few gaps across it (``c.gaps`` under :data:`MIN_GAPS`) is text all the same: small print
    in soft focus or heavy JPEG (a phone photo of a page, characters under 10 px apart) closes the gaps between its
    characters, but its strokes still repeat at the character pitch, which for OCR-B is about the characters' height.
    A rule, a page edge or a shadow repeats at no pitch; a guilloche or a barcode at one unlike the font's for its
    height (of the 47 lines with too few gaps on 230 development captures, bench/read_bench.py's synthetic set and a
    development designs' set, none outside an MRZ passes both)."""
    lo, hi = BLURRED_PITCH_OVER_HEIGHT
    return c.regularity >= BLURRED_REGULARITY and c.height > 0 and lo <= c.pitch / c.height <= hi


def _strokes_near(strokes: np.ndarray, c: LineCandidate) -> np.ndarray:
    """(N, 2) x, y of the stroke pixels within reach of ``c``: half its length beyond either end, and a few
    character heights across (the bounding box of that, cut from the mask, so the search stays local)."""
    h, w = strokes.shape
    u, v = _axes(c.angle)
    reach = np.abs(u) * (c.length + 2 * c.thickness) + np.abs(v) * 3 * c.thickness
    x0, y0 = (int(max(0, np.floor(c.centre[i] - reach[i]))) for i in (0, 1))
    x1, y1 = int(min(w, np.ceil(c.centre[0] + reach[0]) + 1)), int(min(h, np.ceil(c.centre[1] + reach[1]) + 1))
    # OpenCV's scan gives the pixels in np.nonzero's order (row by row), several times faster on a window of a mask
    found = cv2.findNonZero(strokes[y0:y1, x0:x1]) if y1 > y0 and x1 > x0 else None
    if found is None:
        return np.empty((0, 2), np.float32)
    return (found.reshape(-1, 2) + np.array([x0, y0], np.int32)).astype(np.float32)


def _axes(angle: float) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors along and across a line at ``angle`` degrees."""
    theta = math.radians(angle)  # (the math module's scalars: numpy's cost more than the arithmetic, per line)
    c, s = np.float32(math.cos(theta)), np.float32(math.sin(theta))
    return np.array([c, s], np.float32), np.array([-s, c], np.float32)


def _extended(c: LineCandidate, strokes: np.ndarray) -> list[LineCandidate]:
    """``c`` followed along its strokes to its true ends (see :func:`_follow`), its direction refitted on them.

    The closing and opening that merge a line into one component lose its ends where the print is thin: a run of
    blurred fillers (``<``) at 150 dpi, a narrow first ``I``. Cutting the crop there shifts the character grid by a
    cell or leaves it short, so the ends are followed on the unmerged strokes, inside the line's band, for as long
    as the gaps stay under a character pitch (MRZ characters never leave a blank cell: Doc 9303 Part 3, 4.10, empty
    positions are printed as fillers). The direction of a short component is a poor guide to a long line under
    perspective, so it is refitted on the strokes found and the line followed again, in steps of half its length
    for as long as it grows (a line broken in two by a photo edge or a fold grows from either piece).
    """
    stroke_pts = _strokes_near(strokes, c)
    if len(stroke_pts) == 0:
        return [c]
    angle, pitch = c.angle, c.thickness
    u, v = _axes(angle)
    pu, pv = c.points @ u, c.points @ v
    lo, hi = float(pu.min()), float(pu.max())
    centre = np.asarray(c.centre, np.float32)
    reach = 0.5 * (pv.max() - pv.min()) + 0.4 * pitch  # a generous band around the line's centre
    before = hi - lo
    for step in range(4):
        if step >= 2:
            if hi - lo < before + pitch:
                break  # it has stopped growing: those are its ends
            before = hi - lo
            stroke_pts = _strokes_near(strokes, replace(c, centre=(float(centre[0]), float(centre[1])), length=hi - lo, angle=angle))
        su, sv = stroke_pts @ u, _less(stroke_pts, centre) @ v
        off = np.abs(sv)  # (how far across the line, asked twice a step)
        length = hi - lo
        near = (off <= reach) & (su > lo - 0.5 * length) & (su < hi + 0.5 * length)
        lo, hi = _follow(su[near], lo, hi, pitch)
        # The direction is refitted on the line's core only: the wider band that follows the ends also takes in the
        # next line's strokes where lines are close and blurred (a TD1 at 150 dpi), which would tilt the fit.
        on_line = (off <= 0.5 * pitch) & (su >= lo) & (su <= hi)
        if on_line.sum() < 20:
            break
        slope, offset = line_fit(su[on_line], sv[on_line])
        slope = min(0.05, max(-0.05, slope))  # at most ~3 degrees a step
        mid = (lo + hi) / 2
        centre = centre + u * float(mid - float(centre @ u)) + v * float(offset + slope * mid)
        angle = ((angle + math.degrees(math.atan(slope)) + 90) % 180) - 90
        u, v = _axes(angle)
        half = (hi - lo) / 2
        lo, hi = float(centre @ u) - half, float(centre @ u) + half
    su, sv = stroke_pts @ u, _less(stroke_pts, centre) @ v
    off = np.abs(sv)
    within = (su >= lo) & (su <= hi)
    across = (off <= c.thickness / 2) & within
    columns = _uniform_histogram(su[across], max(1, int(hi - lo)), lo, hi)
    gaps = float((columns == 0).mean())
    # The characters' height, from the strokes themselves: a merged component of a line more than a few degrees
    # off the axis it was merged along is a staircase, thicker than the text.
    band = (off <= reach) & within
    thickness = c.thickness
    rows: list[tuple[float, float]] = []
    if band.sum() >= 50:
        lo_v, hi_v = percentiles(sv[band], (2.0, 98.0))
        thickness = float(min(c.thickness, max(3.0, hi_v - lo_v)))
        # rows cut off by the band's edge, away from its middle, are the next line's, partly seen
        su_band, sv_band = su[band], sv[band]
        rows = [(a, b) for a, b in _text_rows(sv_band) if (a > -reach + 1 and b < reach - 1) or abs(a + b) < reach]
    centre_t = (float(centre[0]), float(centre[1]))
    followed = replace(c, centre=centre_t, length=max(c.length, hi - lo), angle=angle, gaps=gaps, thickness=thickness)
    if not rows:
        return [followed]
    # Runs far lower than the tallest are print beside the line, not a line; runs parted by less than a fifth of
    # their height are one line (a dip between its characters' top and bottom strokes). The lines of an MRZ are parted
    # by three quarters of their height (Doc 9303 Part 3, 4.10: a pitch of 4.23 mm for characters 2.4 mm high).
    tallest = max(b - a for a, b in rows)

    def two_lines(upper: tuple[float, float], lower: tuple[float, float]) -> bool:
        # Two runs a line's length could hold an MRZ's characters of, as one run it could not: two lines whose strokes,
        # swollen by blur or heavy JPEG, reach into the blank between them (one line's top and bottom strokes, as one,
        # are a line of an MRZ's height).
        fewest = min(LAYOUTS[1]) / SWOLLEN_HEIGHT
        return (hi - lo) / (lower[1] - upper[0]) < fewest <= (hi - lo) / max(upper[1] - upper[0], lower[1] - lower[0])

    lines: list[tuple[float, float]] = []
    for a, b in rows:
        if b - a < max(3.0, 0.5 * tallest):
            continue
        if lines and a - lines[-1][1] < GAP_BETWEEN_LINES * tallest and not two_lines(lines[-1], (a, b)):
            lines[-1] = (lines[-1][0], b)
        else:
            lines.append((a, b))
    if not lines:
        return [followed]
    heights = [b - a for a, b in lines]

    def periodic(line: LineCandidate, a: float, b: float) -> LineCandidate:
        pitch, regularity = _period(su_band[(sv_band >= a) & (sv_band <= b)], lo, hi, b - a)
        return replace(line, pitch=pitch, regularity=regularity)

    if len(lines) == 1 or len(lines) > 3 or max(heights) > 1.3 * min(heights):
        # One line; or not an MRZ's lines, which are two or three of one height (Doc 9303 Part 3, 4.10), and the
        # tallest is taken for the line.
        a, b = max(lines, key=lambda r: r[1] - r[0])
        height = max(3.0, b - a)
        if thickness > STRAY_SPAN * height:
            # Strokes well beyond the line's dense rows (a stamp's ring or its date across the line, a signature)
            # widened the span: the characters' height is that of the dense rows.
            return [periodic(replace(followed, thickness=height, height=height), a, b)]
        return [periodic(replace(followed, height=height), a, b)]
    # Several lines merged into one component (a stamp or a signature across them joins them where the lines are
    # skewed): one candidate per line, the same length and direction, at its own rows.
    # Each line's ends are followed on its own rows, out from its middle half: what joined the lines (a stamp's ring
    # beyond a line's end) lengthened the component past either line's ends.
    out = []
    for a, b in lines:
        own = (sv >= a) & (sv <= b)
        quarter = (hi - lo) / 4
        lo_k, hi_k = _follow(su[own], lo + quarter, hi - quarter, float(b - a))
        lo_k, hi_k = max(lo, lo_k), min(hi, hi_k)
        mid = centre + v * float((a + b) / 2) + u * float((lo_k + hi_k) / 2 - float(centre @ u))
        half = (hi_k - lo_k) / 2
        corners = np.array([mid + u * s_u + v * s_v for s_u in (-half, half) for s_v in ((a - b) / 2, (b - a) / 2)],
                           np.float32)
        line = replace(followed, centre=(float(mid[0]), float(mid[1])), length=float(hi_k - lo_k),
                       thickness=float(max(3.0, b - a)), height=float(max(3.0, b - a)), points=corners)
        on = own & (su >= lo_k) & (su <= hi_k)
        pitch, regularity = _period(su[on], lo_k, hi_k, b - a)
        out.append(replace(line, pitch=pitch, regularity=regularity))
    return out


def _less(points: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """``points - origin`` for (N, 2) ``points`` and a (2,) ``origin`` of the same dtype, the same values, a column at a
    time (numpy's broadcasting along an axis two long costs several times more)."""
    out = np.empty_like(points)
    np.subtract(points[:, 0], origin[0], out=out[:, 0])
    np.subtract(points[:, 1], origin[1], out=out[:, 1])
    return out


def _uniform_histogram(x: np.ndarray, bins: int, lo: float, hi: float) -> np.ndarray:
    """``np.histogram(x, bins=bins, range=(lo, hi))[0]`` for ``x`` within ``[lo, hi]``, by numpy's own arithmetic for
    equal bins (an index from the scaled value, corrected where rounding put a value beside its bin's edge) without
    its general checks: counted for every line candidate, where the checks cost more than the counting."""
    dtype = np.result_type(lo, hi, x)
    edges = np.linspace(lo, hi, bins + 1, endpoint=True, dtype=dtype)
    x = x.astype(dtype, copy=False)
    index = (((x - lo) / (hi - lo)) * bins).astype(np.intp)
    index[index == bins] -= 1
    index[x < edges[index]] -= 1
    index[(x >= edges[index + 1]) & (index != bins - 1)] += 1
    return np.bincount(index, minlength=bins)


def _period(along: np.ndarray, lo: float, hi: float, height: float) -> tuple[float, float]:
    """(period, regularity) of a line's stroke pixels at positions ``along`` (from ``lo`` to ``hi``), characters
    ``height`` high: the lag between 0.6 and 1.4 character heights where the column profile's autocorrelation peaks
    (OCR-B's pitch, 2.54 mm, is 1.05 of its 2.4 mm characters' height), and the autocorrelation there over that at
    no lag; (0, 0) for a line too short to say."""
    n = int(hi - lo)
    first, last = max(2, int(0.6 * height)), int(np.ceil(1.4 * height))
    if n < 4 * last or len(along) < 20:
        return 0.0, 0.0
    prof = np.bincount(np.clip((along - lo).astype(np.intp), 0, n - 1), minlength=n).astype(np.float64)
    x = prof - prof.mean()
    energy = float(x @ x) / n
    if energy <= 0:
        return 0.0, 0.0
    lags = np.arange(first, last + 1)
    ac = np.array([float(x[:-k] @ x[k:]) / (n - k) for k in lags]) / energy
    i = int(np.argmax(ac))
    period = float(lags[i])
    if 0 < i < len(ac) - 1:  # parabolic refinement
        denom = ac[i - 1] - 2 * ac[i] + ac[i + 1]
        if denom:
            period += 0.5 * float(ac[i - 1] - ac[i + 1]) / float(denom)
    return period, float(max(0.0, ac[i]))


def _text_rows(across: np.ndarray, *, dense: float = 0.25) -> list[tuple[float, float]]:
    """Runs of rows across a line (``across``: its stroke pixels' offsets from the line's centre) where the strokes
    are dense enough to be the line's characters (at least ``dense`` of the densest row), in order."""
    first = np.floor(across.min())
    counts = np.bincount((across - first).astype(np.intp)).astype(np.float32)
    counts = np.convolve(counts, np.array([0.25, 0.5, 0.25], np.float32), mode="same")
    on = np.concatenate([[False], counts >= dense * counts.max(), [False]])
    edges = np.flatnonzero(on[1:] != on[:-1])
    return [(float(first + a), float(first + b)) for a, b in zip(edges[::2], edges[1::2])]


def _same_direction(a: float, b: float, tol: float) -> bool:
    d = abs(a - b) % 180
    return min(d, 180 - d) <= tol


def _groups(cands: list[LineCandidate]) -> list[list[LineCandidate]]:
    """Sets of 2 or 3 parallel lines of similar length, stacked at a regular spacing: MRZ hypotheses."""
    groups = []
    cands = sorted(cands, key=lambda c: -c.length)
    for i, a in enumerate(cands):
        direction = np.array([np.cos(np.radians(a.angle)), np.sin(np.radians(a.angle))])
        normal = np.array([-direction[1], direction[0]])
        mates = [a]
        for b in cands[i + 1 :]:
            if not _same_direction(a.angle, b.angle, 4) or not 0.8 <= b.length / a.length <= 1.25:
                continue
            if not 0.65 <= b.size / a.size <= 1.5:
                continue  # a rule or a laminate edge beside the MRZ: as long, but far thinner than text
            d = np.subtract(b.centre, a.centre)
            along, across = abs(d @ direction), abs(d @ normal)
            if along < 0.15 * a.length and a.size * 0.9 < across < a.size * 6:
                mates.append(b)
        mates = sorted(mates, key=lambda c: float(np.dot(c.centre, normal)))
        # The same line found on two passes (along the rows and on a turned copy) is one line: the longer is kept.
        kept: list[LineCandidate] = []
        for c in mates:
            if kept and float(np.dot(c.centre, normal) - np.dot(kept[-1].centre, normal)) < 0.5 * min(c.size, kept[-1].size):
                if c is a or (kept[-1] is not a and c.length > kept[-1].length):
                    kept[-1] = c
                continue
            kept.append(c)
        mates = kept
        # keep runs of 2-3 adjacent lines containing `a`; three only when evenly spaced (Doc 9303 Part 3, 4.10)
        if len(mates) >= 2:
            offsets = [float(np.dot(c.centre, normal)) for c in mates]
            for k in range(len(mates) - 1):
                groups.append(mates[k : k + 2])
                if k + 2 < len(mates):
                    gaps = offsets[k + 1] - offsets[k], offsets[k + 2] - offsets[k + 1]
                    if 0.75 <= gaps[0] / max(gaps[1], 1e-6) <= 1.33:
                        groups.append(mates[k : k + 3])
        groups.append([a])
    return groups


def _score(group: list[LineCandidate]) -> float:
    lengths = np.array([c.length for c in group])
    thick = np.array([c.size for c in group])
    n = len(group)
    regular = 1.0 - min(1.0, float(lengths.std() / lengths.mean() + thick.std() / thick.mean()))
    aspect = float(lengths.mean() / thick.mean())
    shape = 1.0 if 20 <= aspect <= 70 else 0.5
    # A third line that fits is evidence, not noise: a TD1 read as two lines cannot validate.
    lines = {2: 1.0, 3: 1.1}.get(n, 0.35)
    return lines * regular * shape * float(lengths.mean()) * _layout_fit(group)


#: Characters per line of the MRZ layouts, by number of lines: 2 x 44 (TD3 and MRV-A), 2 x 36 (TD2 and MRV-B), 3 x 30
#: (TD1) (Doc 9303 Parts 4 to 7); a single line found may be any of their lines.
LAYOUTS: dict[int, tuple[int, ...]] = {1: (30, 36, 44), 2: (36, 44), 3: (30,)}
#: How far (relative) the characters a group's lines hold by their length over their pitch may be from a layout's:
#: on the real corpus's MRZs, 0.98 to 1.02 of it upright, up to 1.08 in a steep photo (30 and 36 are a fifth apart).
LAYOUT_TOLERANCE = 0.1
#: Regularity of the strokes' period (LineCandidate.regularity) from which a line is taken for fixed-pitch print: the
#: real corpus's MRZ lines measure 0.37 to 0.82, most lines of other print beside them under 0.35.
FIXED_PITCH = 0.35


def _fits_layout(group: list[LineCandidate]) -> bool | None:
    """Whether a group's lines hold a layout's number of characters (LAYOUTS, within LAYOUT_TOLERANCE) at their own
    pitch; None when no line's pitch was measured."""
    cells = _cells(group)
    if cells is None:
        return None
    return any(abs(cells / n - 1) <= LAYOUT_TOLERANCE for n in LAYOUTS.get(len(group), ()))


def _cells(group: list[LineCandidate]) -> float | None:
    """How many characters a group's lines hold: their mean length over the median period of their strokes (None
    when no line's period was measured)."""
    pitches = [c.pitch for c in group if c.pitch > 0]
    if not pitches:
        return None
    return sum(c.length for c in group) / len(group) / statistics.median(pitches)


def _layout_fit(group: list[LineCandidate]) -> float:
    """How well a group's geometry fits an MRZ layout, before any character is read: lines that hold a layout's
    number of characters at their own pitch (:func:`_fits_layout`) count in full, lines of another length half; lines
    of proportionally spaced print (VIZ text, captions) count less, the less regular their period."""
    fits = _fits_layout(group)
    if fits is None:
        return 0.75  # too short or too sparse to measure: neither evidence for nor against
    regularity = sum(c.regularity for c in group) / len(group)
    return (1.0 if fits else 0.5) * (0.5 + 0.5 * min(1.0, regularity / FIXED_PITCH))


def _follow(along: np.ndarray, lo: float, hi: float, pitch: float) -> tuple[float, float]:
    """``(lo, hi)`` widened over the stroke pixels at positions ``along`` while they look like more of the line.

    The positions are counted in half-pitch bins; a bin is inked when it holds at least a sixth of the strokes of a
    typical bin inside ``[lo, hi]`` (a faint filler has about a third of a letter's) and at most three times as many
    (an icon beside the page on a phone's screenshot is solid: a phone photo read at 0.8 and 0.9 of its size ran its
    first line into one, and misread it at every scale but 1.0 and 0.7), and the line goes on across
    at most one bin without ink. A textured background or a stray speck is too sparse to carry it further.
    """
    step = pitch / 2
    if len(along) == 0 or step <= 0:
        return lo, hi
    first = np.floor((along.min() - lo) / step)
    edges = lo + step * np.arange(first, np.ceil((along.max() - lo) / step) + 2)
    # np.histogram(along, bins=edges), without its sort. Every position lies within the edges but for rounding: the
    # first edge, lo plus a whole number of steps, can land a hair above a position that sits on it (the floor of a
    # quotient rounded up to the integer), and a position below the first edge would be bin -1; np.histogram leaves
    # such a position out, and so does this.
    bins = np.searchsorted(edges, along, side="right") - 1
    bins[along == edges[-1]] = len(edges) - 2  # the last bin holds its right edge
    counts = np.bincount(bins[bins >= 0], minlength=len(edges) - 1)
    starts = edges[:-1]
    inside = (starts >= lo) & (starts + step <= hi)
    typical = median(counts[inside]) if inside.any() else float(counts.max())
    inked = (counts >= max(1.0, typical / 6)) & (counts <= 3 * max(typical, 1.0))

    def walk(indices) -> int | None:
        last, blank = None, 0
        for i in indices:
            if inked[i]:
                last, blank = i, 0
            else:
                blank += 1
                if blank > 1:
                    break
        return last

    right = walk(range(int(np.searchsorted(starts, hi, side="right")), len(starts)))
    left = walk(range(int(np.searchsorted(starts, lo, side="right")) - 2, -1, -1))
    return (float(starts[left]) if left is not None else lo), (float(starts[right] + step) if right is not None else hi)


def _turned_candidates(work: np.ndarray, degrees: float, size: float | None = None) -> list[LineCandidate]:
    """Line candidates of ``work`` found on a copy turned by ``degrees``, in ``work``'s coordinates (``size``: see
    :func:`_line_candidates`)."""
    h, w = work.shape
    side = int(np.ceil(np.hypot(h, w)))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    m[:, 2] += ((side - w) / 2, (side - h) / 2)
    turned = cv2.warpAffine(work, m, (side, side), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    back = cv2.invertAffineTransform(m)
    out = []
    for c in _line_candidates(turned, Inspector(), size=None if size is None else size * side / max(h, w))[0]:
        u, _ = _axes(c.angle)
        ends = np.array([np.add(c.centre, -u * c.length / 2), np.add(c.centre, u * c.length / 2)], np.float32)
        ends = cv2.transform(ends[None], back)[0]
        points = cv2.transform(c.points[None], back)[0]
        d = ends[1] - ends[0]
        angle = float(((np.degrees(np.arctan2(d[1], d[0])) + 90) % 180) - 90)
        centre = (float(ends.mean(axis=0)[0]), float(ends.mean(axis=0)[1]))
        out.append(replace(c, centre=centre, angle=angle, points=points.astype(np.float32)))
    return out


#: Height (working-copy pixels) under which text lines are looked for again on a finer copy (see locate_mrz): at
#: 8 pixels and under, lines 4 pixels apart merge and a character's period cannot be measured.
SMALL_TEXT = 9.0
#: How much larger a small image's copy is looked at when no MRZ's lines are found at its own size (see locate_mrz):
#: images at most WORK_SIZE / UPSAMPLE on their longer side.
UPSAMPLE = 2


#: How much smaller the copy is on which text large in proportion to the image is looked for (see locate_mrz).
COARSEN = 2


def _search(gray: np.ndarray, scale: float, inspector: Inspector, quick: bool, size: float | None = None
            ) -> tuple[np.ndarray, list[LineCandidate], list[LineCandidate], bool]:
    """(working copy of ``gray`` at ``scale``, its line candidates, the likeliest MRZ group of them, whether it was found
    on the look along the rows alone): see :func:`locate_mrz` (``size``: see :func:`_line_candidates`)."""
    h, w = gray.shape
    if scale == 1:
        work = gray
    else:  # area averaging down, cubic up (a small image looked at twice as large, see locate_mrz)
        work = cv2.resize(gray, (round(w * scale), round(h * scale)),
                          interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    inspector.keep(ReadStep.GRAY, work)
    found_quick = False
    if quick:
        cands, _ = _line_candidates(work, inspector, directions=(False,), size=size)
        best = max(_groups(cands), key=_score) if cands else []
        found_quick = len(best) >= 2
    if not found_quick:
        cands, _ = _line_candidates(work, inspector, size=size)
        best = max(_groups(cands), key=_score) if cands else []
    if len(best) < 2:
        # No MRZ-like pair of lines within about 15 degrees of either axis: look at the angles between too (a phone
        # photo at 15-75 degrees), on the working copy turned by 30 degrees either way.
        cands = cands + _turned_candidates(work, 30.0, size) + _turned_candidates(work, -30.0, size)
        best = max(_groups(cands), key=_score) if cands else []
    return work, cands, best, found_quick


def locate_mrz(gray: np.ndarray, *, inspector: Inspector | None = None, quick: bool = False) -> MRZRegion | None:
    """The straightened MRZ of ``gray`` ((H, W) uint8), or ``None`` when nothing MRZ-like is found.

    ``quick``: look along the rows first, and along the columns only when no MRZ-like pair of lines lies there (most
    scans are upright or upside down: that halves the work). The region says so (``quick``), so that a reader whose
    reading of it does not validate can ask again without ``quick``.
    """
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError(f"gray must be a 2-D uint8 image, got {gray.dtype} with shape {gray.shape}")
    inspector = inspector or Inspector()
    h, w = gray.shape
    scale = min(1.0, WORK_SIZE / max(h, w))
    work, cands, best, found_quick = _search(gray, scale, inspector, quick)
    enlarged = False
    if scale < 1 and (len(best) < 2 or float(np.median([c.size for c in best])) < SMALL_TEXT):
        # The text is too small in the working copy to be told apart (a passport page in a corner of a screenshot of
        # a large screen): look again on a copy twice as fine, for text half as large in proportion to the page, and
        # keep the group of lines it finds where its text is large enough there to be told apart.
        finer = min(1.0, 2 * scale)
        # (characters and lines reckoned as on the working copy: text twice as large in proportion to the page)
        work2, cands2, best2, quick2 = _search(gray, finer, Inspector(), quick, size=WORK_SIZE * finer / (2 * scale))
        if len(best2) >= 2 and (len(best) < 2 or float(np.median([c.size for c in best2])) >= SMALL_TEXT):
            work, cands, best, found_quick, scale = work2, cands2, best2, quick2, finer
            inspector.keep(ReadStep.GRAY, work)
    elif max(h, w) * UPSAMPLE <= WORK_SIZE and not (len(best) >= 2 and _fits_layout(best)):
        # A small image (a low-resolution scan, a web picture) whose lines, a few pixels apart, merged into one
        # another where the text is turned a little, and no group of lines of an MRZ's length was found: look again
        # on a copy twice as large, where the fixed few-pixel steps that merge a line's characters no longer reach
        # the next line, and keep what it finds if its lines hold an MRZ's characters.
        work2, cands2, best2, quick2 = _search(gray, float(UPSAMPLE), Inspector(), quick)
        # (a group found at the image's own size is replaced only by a likelier one: scores grow with the copy's size)
        if len(best2) >= 2 and _fits_layout(best2) and (len(best) < 2 or _score(best2) / UPSAMPLE > _score(best)):
            work, cands, best, found_quick, scale = work2, cands2, best2, quick2, float(UPSAMPLE)
            inspector.keep(ReadStep.GRAY, work)
            enlarged = True
    if cands and not (len(best) >= 2 and _fits_layout(best)):
        # Text large in proportion to the image (an MRZ strip cropped close, a card filling a phone photo) and soft:
        # the working copy's character size (its longer side / 90) is under half the characters' height, so the
        # morphology that merges a line's strokes fits inside the blurred line, and the line breaks into pieces (a TD1
        # blurred 1.5 px at 7.5 px a character, its lines 20-25 characters at their own size, a group of 2 or 1). Look
        # again on a copy half as large with the characters reckoned as on the working copy, and keep the group it
        # finds if its lines hold an MRZ's characters (scores grow with the copy's size).
        coarse = scale / COARSEN
        work2, cands2, best2, quick2 = _search(gray, coarse, Inspector(), quick, size=max(h, w) * scale)
        if len(best2) >= 2 and _fits_layout(best2) and (len(best) < 2 or _score(best2) * COARSEN > _score(best)):
            work, cands, best, found_quick, scale = work2, cands2, best2, quick2, coarse
            inspector.keep(ReadStep.GRAY, work)
    if not cands:
        return None
    if inspector.active:
        vis = cv2.cvtColor(work, cv2.COLOR_GRAY2RGB)
        for c in cands:
            box = cv2.boxPoints(cv2.minAreaRect(c.points)).astype(np.int32)
            cv2.polylines(vis, [box], True, (255, 160, 0), 1)
        for c in best:
            box = cv2.boxPoints(((c.centre[0], c.centre[1]), (c.length, c.thickness), c.angle)).astype(np.int32)
            cv2.polylines(vis, [box], True, (220, 0, 0), 2)
        inspector.keep(ReadStep.CANDIDATES, vis)

    # Oriented box around all the group's lines, in full-resolution coordinates.
    # (a median of axial angles: -89.9 and 89.9 degrees are one direction)
    a0 = best[0].angle
    angle = a0 + float(np.median([((c.angle - a0 + 90) % 180) - 90 for c in best]))
    u, v = _axes(angle)  # along the text, across it
    # Each line's outline, and its followed ends (half a line height either side of its centre line).
    ends = []
    for c in best:
        cu, cv = _axes(c.angle)
        for along in (-c.length / 2, c.length / 2):
            for across in (-c.thickness / 2, c.thickness / 2):
                ends.append(np.asarray(c.centre, np.float32) + cu * along + cv * across)
    pts = np.concatenate([c.points for c in best] + [np.array(ends, np.float32)]) / scale
    pu, pv = pts @ u, pts @ v
    thick = float(np.median([c.thickness for c in best])) / scale
    n_lines = len(best) if len(best) in (2, 3) else 2
    # The merged component is about one character high; OCR-B's pitch is about 1.05 character heights.
    pitch = thick * 1.0
    margin_u, margin_v = pitch * 1.2, thick * 0.7
    u0, u1 = float(pu.min() - margin_u), float(pu.max() + margin_u)
    v0, v1 = float(pv.min() - margin_v), float(pv.max() + margin_v)
    if len(best) == 1:  # a single line found: leave room for the others on both sides
        v0, v1 = v0 - thick * 2.2, v1 + thick * 2.2
    corners = np.array([u * u0 + v * v0, u * u1 + v * v0, u * u1 + v * v1, u * u0 + v * v1], np.float32)
    k = TARGET_PITCH / pitch
    out_w, out_h = round((u1 - u0) * k), round((v1 - v0) * k)
    crop = cut_quad(gray, corners, out_w, out_h)
    inspector.keep(ReadStep.CROP, crop)
    return MRZRegion(crop, n_lines, corners, angle, pitch, found_quick, enlarged=enlarged,
                     cells=_cells(best))


def cut_quad(gray: np.ndarray, corners: np.ndarray, out_w: int, out_h: int) -> np.ndarray:
    """The quadrilateral ``corners`` (tl, tr, br, bl) of ``gray`` (or of an RGB image of the same framing), warped
    to an ``out_w`` x ``out_h`` crop."""
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    k = out_w / max(1e-6, float(np.linalg.norm(corners[1] - corners[0])))
    if k >= 0.7:
        return cv2.warpPerspective(gray, m, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    # Shrinking: smooth first. Only the part of the image the crop samples is smoothed (a 16-megapixel page's MRZ is a
    # twentieth of it): the quad's bounding box, widened by the blur's reach so that every pixel sampled is smoothed
    # as on the whole image, smoothed into a canvas that keeps the image's coordinates, so that the warp (whose
    # coordinates would round otherwise with a shifted transform) samples the same pixels as ever.
    sigma = 0.45 / k
    window = _window(corners, gray.shape[:2], reach=_blur_reach(sigma) + 2)
    if window is None:
        src = cv2.GaussianBlur(gray, (0, 0), sigma)
    else:
        x0, y0, x1, y1 = window
        src = _canvas(gray, window)
        cv2.GaussianBlur(gray[y0:y1, x0:x1], (0, 0), sigma, dst=src[y0:y1, x0:x1])
    return cv2.warpPerspective(src, m, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _canvas(image: np.ndarray, window: tuple[int, int, int, int]) -> np.ndarray:
    """An array indexed as ``image`` is, up to the ``window``'s far corner, whose memory holds the window alone: rows
    one window-width apart, so that every row outside the window's columns overlaps its neighbours, and everything
    before the window's first pixel is never written. Only the window may be written and read (a crop that samples
    the window alone); a whole image's canvas would cost a page fault for each of the window's rows."""
    x0, y0, x1, y1 = window
    channels = image.shape[2] if image.ndim == 3 else 1
    row = (x1 - x0) * channels * image.itemsize
    memory = np.empty((y1 - 1) * row + x1 * channels * image.itemsize, np.uint8).view(image.dtype)
    shape, strides = (y1, x1, channels)[: image.ndim], (row, channels * image.itemsize, image.itemsize)[: image.ndim]
    return np.lib.stride_tricks.as_strided(memory, shape=shape, strides=strides)


def _blur_reach(sigma: float) -> int:
    """Pixels either side that OpenCV's Gaussian of ``sigma`` on 8-bit images takes in (its kernel's half width)."""
    return (round(sigma * 6 + 1) | 1) // 2 if sigma else 0


def _window(corners: np.ndarray, shape: tuple[int, int], *, reach: int) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1): the convex quadrilateral ``corners``'s bounding box widened by ``reach`` pixels and cut to
    an image of ``shape``; ``None`` when that is the whole image or the quadrilateral is not convex (its crop may then
    sample outside the box)."""
    h, w = shape
    c = np.asarray(corners, np.float64)
    edges = np.roll(c, -1, axis=0) - c
    turns = edges[:, 0] * np.roll(edges, -1, axis=0)[:, 1] - edges[:, 1] * np.roll(edges, -1, axis=0)[:, 0]
    if not ((turns > 0).all() or (turns < 0).all()) or not np.isfinite(c).all():
        return None
    x0, y0 = (max(0, int(np.floor(v)) - reach) for v in c.min(axis=0))
    x1, y1 = min(w, int(np.ceil(c[:, 0].max())) + reach + 1), min(h, int(np.ceil(c[:, 1].max())) + reach + 1)
    if x1 - x0 <= reach or y1 - y0 <= reach or (x0, y0, x1, y1) == (0, 0, w, h):
        return None
    return x0, y0, x1, y1


def with_extra_line(gray: np.ndarray, region: MRZRegion, *, spacing: float, above: bool) -> MRZRegion:
    """``region`` grown by one line ``spacing`` (crop pixels) above or below, as a three-line MRZ.

    A TD1 card's third line is sometimes lost in locating (a faint line, a photo edge across it) while the two others
    are found; the reader then asks for the grown region when two lines do not validate.
    """
    h, w = region.crop.shape
    tl, tr, br, bl = region.corners.astype(np.float64)
    down = (bl - tl) / max(1, h - 1)  # image pixels per crop row, across the lines
    grow = down * spacing
    corners = np.array([tl - grow, tr - grow, br, bl] if above else [tl, tr, br + grow, bl + grow], np.float32)
    crop = cut_quad(gray, corners, w, h + round(spacing))
    return MRZRegion(crop, 3, corners, region.angle, region.pitch_estimate, enlarged=region.enlarged,
                     cells=region.cells)
