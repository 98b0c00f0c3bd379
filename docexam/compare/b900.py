"""The B900 check: every character printed in IR-absorbing ink must be as dark in IR as the others, one by one.

Doc 9303 Part 3, 4.5 and 4.11 ("Spectral band"): the OCR print of the MRZ shall be black in the visible bands and
shall also absorb in the B900 band (near infrared, PCS/min >= 0.6). Under the IR lamp of an examination
workstation a genuine MRZ stays as dark as in daylight, every character of it; a character re-printed with an
ordinary dye ink (IR-transparent) is present in daylight and missing or faint in IR. The same holds for the VIZ
fields a design prints in IR-absorbing ink (the reference's ``ir_absorbing`` regions, or a library reference's
text regions expected to absorb).

The check compares each character with the document itself, not with a threshold tuned on one generator:

* the MRZ's character cells are found in the rectified visible image with the reader's own locator and grid
  (:func:`docexam.read.locate.locate_mrz`, :func:`docexam.read.segment.segment_lines`);
* per cell, the ink's darkness relative to the local paper (a print contrast, as Doc 9303's PCS) is measured in
  visible light and in IR over the same pixels (the ink seen in visible light), and their ratio taken: about the
  same for every B900 character whatever the exposure, blur or lamp, about 0 for IR-transparent ink;
* each ratio is compared with the median ratio of the document's other IR-absorbing characters and with the
  reference specimen's own ratio (so a document whose MRZ is wholly re-printed has nothing to hide behind);
* cells that fail are merged, line by line, into findings that list their positions.

VIZ fields the reference prints in IR-absorbing ink are judged the same way, text blob by text blob (a changed
digit is a blob, a field average would drown it).

Works without regions (a reference folder without ``specimen.json``): the MRZ is IR-absorbing by Doc 9303 whatever
the reference says, and is looked for on the whole page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.compare.reference import Reference
from docexam.compare.result import ALARM, Box, Finding, FindingKind, measured, union_box
from docexam.details import say
from docexam.lights import Expect, Light
from docexam.read.locate import TARGET_PITCH, locate_mrz
from docexam.read.numeric import true_runs
from docexam.read.segment import LineCells, ink_map, line_bands, segment_lines

#: Characters per line for an MRZ of two and of three lines (Doc 9303 Part 4-7: TD3/MRV-A 44, TD2/MRV-B 36, TD1 30).
LENGTHS = {2: (44, 36), 3: (30,)}
#: Doc 9303 Part 3, 4.4 and 4.10: the MRZ character pitch and line spacing, mm.
PITCH_MM = 2.54
LINE_SPACING_MM = 25.4 / 6
#: Least print contrast (darkness relative to the local paper) of a cell's visible ink for the cell to be judged: a
#: filler '<' has little ink, and a ratio of two small numbers is noise.
MIN_CELL_CONTRAST = 0.04
#: A character's IR-to-visible darkness ratio, as a share of the expected ratio, below which it is reported, and
#: the shares at which the finding becomes an alarm and certain. Measured on development designs (14 captures of 7
#: designs through the capture simulator, 150-600 dpi, blurred, JPEG-compressed): genuine characters kept at least
#: 0.92 of the expected ratio, characters whose ink was taken out of the IR image at most 0.18.
_NOTE_SHARE, _ALARM_SHARE, _CERTAIN_SHARE = 0.6, 0.45, 0.2
#: Least share of the reference specimen's ratio the document's median may keep before the whole MRZ is suspect.
_WHOLE_SHARE = 0.5
_REPORT = 0.2


@dataclass(frozen=True)
class InkCell:
    """One character (or text blob) measured in visible light and IR.

    ``box`` in image pixels; ``position`` the MRZ position (line, column) counted from 1, or ``None`` for a VIZ
    blob; ``visible`` and ``ir`` the mean print contrast of the character's ink (0 paper, 1 black) in each light.
    """

    box: Box
    visible: float
    ir: float
    position: tuple[int, int] | None = None

    @property
    def ratio(self) -> float:
        return self.ir / max(self.visible, 1e-6)


# --- measuring -------------------------------------------------------------------------------------------------


def _grey(img: np.ndarray) -> np.ndarray:
    if img.ndim == 2:
        return img
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def _contrast(grey: np.ndarray, size: int) -> np.ndarray:
    """Print contrast in [0, 1]: how much darker than its local paper each pixel is, as a share of the paper
    (the local paper being the grey closing over ``size`` pixels, wider than a character's stroke)."""
    g = grey.astype(np.float32)
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    paper = cv2.morphologyEx(g, cv2.MORPH_CLOSE, k)
    return np.clip((paper - g) / np.maximum(paper, 8.0), 0.0, 1.0)


def _measure(vis_c: np.ndarray, ir_c: np.ndarray, ink: np.ndarray, box: Box) -> tuple[float, float]:
    """Mean print contrast in each light over the visible ink of ``box`` (grown by a pixel: a slight
    misregistration between the lights and different blur must not starve the IR measure)."""
    x, y, w, h = box
    m = ink[y : y + h, x : x + w]
    if not m.any():
        return 0.0, 0.0
    m = cv2.dilate(m.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    v = vis_c[y : y + h, x : x + w][m]
    i = ir_c[y : y + h, x : x + w][m]
    return float(v.mean()), float(i.mean())


@dataclass(frozen=True)
class _Located:
    to_image: np.ndarray  # 3x3: crop pixels to image pixels
    size: tuple[int, int]  # crop (w, h)
    lines: int


def _from_region(region: Box, *, dpi: float, lines: int, shape: tuple[int, int]) -> _Located | None:
    """The crop geometry of a known MRZ region of the frame (the reference's, the image registered to it): the
    box grown by half a line and a character either way for the registration's error, at the reader's pitch."""
    x, y, w, h = region
    pitch = PITCH_MM / 25.4 * dpi
    gx, gy = pitch, 0.5 * LINE_SPACING_MM / 25.4 * dpi
    H, W = shape
    x0, y0 = max(0.0, x - gx), max(0.0, y - gy)
    x1, y1 = min(float(W), x + w + gx), min(float(H), y + h + gy)
    k = TARGET_PITCH / pitch
    size = (max(16, round((x1 - x0) * k)), max(16, round((y1 - y0) * k)))
    src = np.array([[0, 0], [size[0], 0], [size[0], size[1]], [0, size[1]]], np.float32)
    dst = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return _Located(cv2.getPerspectiveTransform(src, dst), size, lines)


def _locate(grey: np.ndarray) -> _Located | None:
    """The MRZ's straightened crop geometry in ``grey`` found by the reader's locator, upright."""
    if min(grey.shape[:2]) < 16:
        return None
    region = locate_mrz(grey, quick=True)
    if region is None or region.lines not in LENGTHS:
        return None
    corners = region.corners.astype(np.float64)
    h, w = region.crop.shape
    # The rectified image is upright (the reference's frame): a crop the locator turned upside down is turned back.
    if corners[1, 0] < corners[0, 0]:
        corners = corners[[2, 3, 0, 1]]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    return _Located(cv2.getPerspectiveTransform(src, corners.astype(np.float32)), (w, h), region.lines)


def _cut(img: np.ndarray, loc: _Located) -> np.ndarray:
    return cv2.warpPerspective(img, np.linalg.inv(loc.to_image), loc.size, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def _image_box(loc: _Located, x0: float, y0: float, x1: float, y1: float, shape: tuple[int, int]) -> Box:
    pts = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float64)
    p = cv2.perspectiveTransform(pts, loc.to_image)[0]
    H, W = shape
    a0, b0 = max(0, math.floor(p[:, 0].min())), max(0, math.floor(p[:, 1].min()))
    a1, b1 = min(W, math.ceil(p[:, 0].max())), min(H, math.ceil(p[:, 1].max()))
    return (a0, b0, max(1, a1 - a0), max(1, b1 - b0))


def mrz_cells(visible: np.ndarray, ir: np.ndarray, *, dpi: float, region: Box | None = None,
              lines: int | None = None) -> list[InkCell]:
    """Every MRZ character of a rectified document measured in visible light and IR.

    Parameters
    ----------
    visible, ir : ndarray
        The two lights of one document in one frame (the reference's), (H, W) or (H, W, 3) uint8.
    dpi : float
        Resolution of that frame (sets the expected character pitch, Doc 9303 Part 3, 4.4).
    region : tuple of int, optional
        ``(x, y, w, h)`` of the MRZ in the frame (the reference's MRZ region); default: found by the reader's
        locator on the whole image.
    lines : int, optional
        The MRZ's number of lines, 2 or 3, with ``region`` (default: from the region's height).

    Returns
    -------
    list of InkCell
        One per MRZ position, line by line (empty when no MRZ is found).

    Raises
    ------
    ValueError
        If the images are not uint8 images of one size or ``dpi`` is not positive.
    """
    for name, img in (("visible", visible), ("ir", ir)):
        if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim not in (2, 3) or img.size == 0:
            raise ValueError(f"{name} must be a non-empty uint8 (H, W) or (H, W, 3) image")
    if visible.shape[:2] != ir.shape[:2]:
        raise ValueError(f"visible and ir must be one frame; got {visible.shape[:2]} and {ir.shape[:2]}")
    if not (isinstance(dpi, int | float) and math.isfinite(dpi) and dpi > 0):
        raise ValueError(f"dpi must be a positive number, got {dpi!r}")
    gv, gi = _grey(visible), _grey(ir)
    if region is not None:
        if lines is None:  # the region holds its lines a spacing apart, and about a line's height more
            lines = 3 if region[3] / (LINE_SPACING_MM / 25.4 * dpi) > 2.4 else 2
        if lines not in LENGTHS:
            raise ValueError(f"an MRZ has 2 or 3 lines, got {lines!r}")
        loc = _from_region(region, dpi=dpi, lines=lines, shape=gv.shape[:2])
    else:
        loc = _locate(gv)
    if loc is None:
        return []
    cv_, ci_ = _cut(gv, loc), _cut(gi, loc)
    ink = ink_map(cv_)
    bands = line_bands(ink, loc.lines)
    if len(bands) != loc.lines:
        return []
    # The pitch the frame's resolution gives, in crop pixels (the locator aims at TARGET_PITCH): it tells a TD3's
    # 44 characters from a TD2's 36 on a line of the same length.
    scale = float(np.linalg.norm(np.linalg.inv(loc.to_image)[0, :2]))
    expected = PITCH_MM / 25.4 * dpi * scale if scale > 0 else TARGET_PITCH
    best: tuple[float, list[LineCells]] | None = None
    for n in LENGTHS[loc.lines]:
        try:
            grid = segment_lines(ink, bands, n)
        except ValueError:
            continue
        miss = abs(math.log(grid[0].pitch / expected))
        if best is None or miss < best[0]:
            best = (miss, grid)
    if best is None:
        return []
    grid = best[1]
    char_h = float(np.median([b - a for a, b in bands]))
    size = max(5, int(round(char_h * 1.6)) | 1)
    vis_c, ir_c = _contrast(cv_, size), _contrast(ci_, size)
    text = vis_c >= max(0.15, 0.35 * float(np.percentile(vis_c, 99.5)))
    out = []
    for li, ln in enumerate(grid):
        a, b = ln.band
        pad = max(1, (b - a) // 5)
        for ci, xc in enumerate(ln.centres):
            x0, x1 = int(round(xc - ln.pitch / 2)), int(round(xc + ln.pitch / 2))
            box = (max(0, x0), max(0, a - pad), max(1, x1 - max(0, x0)), b - a + 2 * pad)
            v, i = _measure(vis_c, ir_c, text, box)
            out.append(InkCell(_image_box(loc, box[0], box[1], box[0] + box[2], box[1] + box[3], gv.shape[:2]),
                               v, i, (li + 1, ci + 1)))
    return out


def _value_rows(text: np.ndarray) -> tuple[int, int] | None:
    """The rows of the tallest run of inked rows of a field's text mask (its value's line), or ``None``."""
    runs = true_runs(text.sum(axis=1) > max(1, 0.01 * text.shape[1]))
    return max(runs, key=lambda r: r[1] - r[0], default=None)  # the first of the tallest


def text_blobs(visible: np.ndarray, ir: np.ndarray, box: Box, *, dpi: float) -> list[InkCell]:
    """The text blobs (characters, or touching characters) of a VIZ field in ``box``, measured in both lights."""
    x, y, w, h = box
    gv = _grey(visible)[y : y + h, x : x + w]
    gi = _grey(ir)[y : y + h, x : x + w]
    if gv.size == 0 or min(gv.shape) < 4:
        return []
    size = max(5, int(round(3.0 / 25.4 * dpi)) | 1)  # wider than a VIZ character's stroke (text 2-3 mm high)
    vis_c, ir_c = _contrast(gv, size), _contrast(gi, size)
    text = (vis_c >= max(0.3, 0.5 * float(np.percentile(vis_c, 99)))).astype(np.uint8)
    line = _value_rows(text)
    if line is None:
        return []
    top, bottom = line
    n, labels, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    least = max(3, round((0.3 / 25.4 * dpi) ** 2))  # specks smaller than a full stop are not characters
    thinnest = 0.25 / 25.4 * dpi  # mm: a VIZ character's stroke is wider, and a character wider than its stroke
    out = []
    for k in range(1, n):
        bx, by, bw, bh, area = (int(v) for v in stats[k])
        # Characters of the value's line only: a field's box may take in the cut edge of its caption (printed in
        # another ink just above) or of the next field.
        if area < least or not top <= by + bh / 2 < bottom or bh < 0.4 * (bottom - top):
            continue
        # A line, not a character: thinner than any stroke of text (a rule or a frame's edge), or a sliver of a
        # neighbour's print that the box cuts at its side.
        if bw < thinnest or ((bx == 0 or bx + bw == w) and bw < 2 * thinnest):
            continue
        m = labels[by : by + bh, bx : bx + bw] == k
        m = cv2.dilate(m.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        v = float(vis_c[by : by + bh, bx : bx + bw][m].mean())
        i = float(ir_c[by : by + bh, bx : bx + bw][m].mean())
        out.append(InkCell((x + bx, y + by, bw, bh), v, i))
    return out


# --- judging ---------------------------------------------------------------------------------------------------


def _grade(share: float) -> float:
    """Score of a ratio kept at ``share`` of the expected one: 0 above the note level, :data:`ALARM` at the alarm
    level, 1 at the certain level (falling)."""
    if not math.isfinite(share) or share >= _NOTE_SHARE:
        return 0.0
    if share > _ALARM_SHARE:
        return ALARM * (_NOTE_SHARE - share) / (_NOTE_SHARE - _ALARM_SHARE)
    return min(1.0, ALARM + (1 - ALARM) * (_ALARM_SHARE - share) / (_ALARM_SHARE - _CERTAIN_SHARE))


def expected_ratio(cells: Sequence[InkCell], reference: float | None) -> float:
    """The IR-to-visible ratio a B900 character of this document should have: the median of its own inked cells,
    unless that falls below :data:`_WHOLE_SHARE` of the reference's (the whole zone re-printed), then the
    reference's."""
    judged = [c.ratio for c in cells if c.visible >= MIN_CELL_CONTRAST]
    own = float(np.median(judged)) if judged else float("nan")
    if reference is None or not math.isfinite(reference) or reference <= 0:
        return own
    if not math.isfinite(own) or own < _WHOLE_SHARE * reference:
        return reference
    return own


def _runs(cells: Sequence[tuple[InkCell, float]]) -> list[list[tuple[InkCell, float]]]:
    """Failing cells grouped into runs of neighbours on one line (one cell between two failing ones does not break
    a run: a filler or a thin character may keep enough of its faint ink to pass)."""
    runs: list[list[tuple[InkCell, float]]] = []
    for cell, s in cells:
        if runs and cell.position and runs[-1][-1][0].position:
            (l0, c0), (l1, c1) = runs[-1][-1][0].position, cell.position
            if l0 == l1 and c1 - c0 <= 2:
                runs[-1].append((cell, s))
                continue
        runs.append([(cell, s)])
    return runs


def _positions(run: Sequence[tuple[InkCell, float]]) -> str:
    line = run[0][0].position[0]  # type: ignore[index]
    cols = [c.position[1] for c, _ in run]  # type: ignore[index]
    return f"line {line}, position{'s' if len(cols) > 1 else ''} {', '.join(str(c) for c in cols)}"


def mrz_findings(cells: Sequence[InkCell], *, reference: float | None) -> list[Finding]:
    """Findings for the MRZ's characters that fade in IR, one per run of neighbouring characters."""
    expected = expected_ratio(cells, reference)
    if not math.isfinite(expected) or expected <= 0.05:
        return []  # no IR-absorbing ink to compare with: nothing to say character by character
    failing = []
    for c in cells:
        if c.visible < MIN_CELL_CONTRAST:
            continue
        s = _grade(c.ratio / expected)
        if s >= _REPORT:
            failing.append((c, s))
    out = []
    for run in _runs(failing):
        score = float(np.mean(sorted((s for _, s in run), reverse=True)[:3]))
        shares = [c.ratio / expected for c, _ in run]
        ratios = [c.ratio for c, _ in run]
        out.append(Finding(
            FindingKind.B900, Light.IR, union_box([c.box for c, _ in run]), score, "mrz",
            expected=measured("ir_ink_ratio", expected), seen=measured("ir_ink_ratio", max(ratios), low=min(ratios)),
            said=say("b900_mrz_many" if len(run) > 1 else "b900_mrz_one", positions=_positions(run), low=min(shares),
                     high=max(shares))))
    return out


def blob_findings(name: str, blobs: Sequence[InkCell], *, expected: float) -> list[Finding]:
    """Findings for the text blobs of an IR-absorbing VIZ field that fade in IR (neighbouring blobs merged)."""
    if not math.isfinite(expected) or expected <= 0.05:
        return []
    failing = [(b, _grade(b.ratio / expected)) for b in blobs if b.visible >= MIN_CELL_CONTRAST]
    failing = [(b, s) for b, s in failing if s >= _REPORT]
    if not failing:
        return []
    judged = sum(b.visible >= MIN_CELL_CONTRAST for b in blobs)
    score = float(np.mean(sorted((s for _, s in failing), reverse=True)[:3]))
    shares = [b.ratio / expected for b, _ in failing]
    ratios = [b.ratio for b, _ in failing]
    return [Finding(FindingKind.B900, Light.IR, union_box([b.box for b, _ in failing]), score, name,
                    expected=measured("ir_ink_ratio", expected), seen=measured("ir_ink_ratio", max(ratios), low=min(ratios)),
                    said=say("b900_field", failing=len(failing), judged=judged, name=name, low=min(shares),
                             high=max(shares)))]


# --- the check -------------------------------------------------------------------------------------------------

#: The last few references measured (held, so that ``is`` identifies them): their ratios, and per field the boxes of
#: the specimen's own print there that fades in IR (fixed print in another ink inside the field's box).
_REFERENCE_RATIO: list[tuple[Reference, dict[str, float], dict[str, list[Box]]]] = []


def _mrz_region(reference: Reference) -> tuple[Box | None, int | None]:
    """The reference's MRZ region and its number of lines (a TD1's three), when it names one."""
    if "mrz" not in reference.regions:
        return None, None
    lines = {"td1": 3}.get(reference.family or "", 2) if reference.family else None
    return reference.regions["mrz"], lines


def reference_ratios(reference: Reference) -> dict[str, float]:
    """The reference specimen's own median IR-to-visible ratio of its MRZ characters (``"mrz"``) and of the text
    blobs of each IR-absorbing field, where there is ink enough to measure it (cached per reference)."""
    return _reference_measures(reference)[0]


def reference_faint(reference: Reference) -> dict[str, list[Box]]:
    """Per IR-absorbing text field of the reference, the boxes of the specimen's own print there that fades in IR as
    much as a re-printed character would: print of the fixed design in another ink that the field's box takes in (a
    caption's letter, a line of the background). A questioned blob at the same place is the same print, not evidence:
    the specimen shows what each place should do in IR (Doc 9303 Part 3, 4.5: only the MRZ must absorb whatever
    else is printed)."""
    return _reference_measures(reference)[1]


def _reference_measures(reference: Reference) -> tuple[dict[str, float], dict[str, list[Box]]]:
    for known, ratios, faint in _REFERENCE_RATIO:
        if known is reference:
            return ratios, faint
    value: dict[str, float] = {}
    fading: dict[str, list[Box]] = {}
    if Light.VISIBLE in reference.images and Light.IR in reference.images:
        vis, ir = reference.images[Light.VISIBLE], reference.images[Light.IR]
        region, lines = _mrz_region(reference)
        judged = [c.ratio for c in mrz_cells(vis, ir, dpi=reference.dpi, region=region, lines=lines)
                  if c.visible >= MIN_CELL_CONTRAST]
        if len(judged) >= 10:
            value["mrz"] = float(np.median(judged))
        for name, box in absorbing_text(reference).items():
            blobs = [b for b in text_blobs(vis, ir, box, dpi=reference.dpi) if b.visible >= MIN_CELL_CONTRAST]
            if len(blobs) >= 2:
                value[name] = float(np.median([b.ratio for b in blobs]))
                fading[name] = [b.box for b in blobs if b.ratio < _NOTE_SHARE * value[name]]
    _REFERENCE_RATIO.insert(0, (reference, value, fading))
    del _REFERENCE_RATIO[8:]
    return value, fading


def _same_place(a: Box, b: Box) -> bool:
    """Whether two blobs are one print: they overlap by half the smaller one."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    w = min(ax + aw, bx + bw) - max(ax, bx)
    h = min(ay + ah, by + bh) - max(ay, by)
    return w > 0 and h > 0 and w * h >= 0.5 * min(aw * ah, bw * bh)


#: Regions an IR-absorbing blob check does not apply to (pictures, not text; the MRZ has its own).
_NOT_TEXT = frozenset({"mrz", "portrait", "ghost"})
#: A library reference's regions of text, by the names :mod:`docexam.references.convert` gives them.
_TEXT_PREFIXES = ("viz:", "holder-text-")


def absorbing_text(reference: Reference) -> dict[str, Box]:
    """The regions of text a reference says are printed in IR-absorbing ink, by name: a folder's ``ir_absorbing``
    named regions, and a library reference's text regions expected to absorb in IR."""
    out = {name: reference.regions[name] for name in reference.ir_absorbing - _NOT_TEXT if name in reference.regions}
    for name, e in (reference.expected or {}).items():
        if e.ir is Expect.ABSORBS and name.startswith(_TEXT_PREFIXES):
            out.setdefault(name, e.box)
    return dict(sorted(out.items()))


def check_b900(rectified: Mapping[str, np.ndarray], reference: Reference) -> list[Finding]:
    """The B900 check of a rectified document: the MRZ character by character, and the reference's IR-absorbing
    VIZ fields text blob by text blob. Empty without both a visible and an IR image.

    Parameters
    ----------
    rectified : mapping of str to ndarray
        Per light, the questioned image in the reference frame (uint8 RGB of the reference's size).
    reference : Reference

    Returns
    -------
    list of Finding
        In IR light, boxes in reference pixels.
    """
    if Light.VISIBLE not in rectified or Light.IR not in rectified:
        return []
    vis, ir = rectified[Light.VISIBLE], rectified[Light.IR]
    region, lines = _mrz_region(reference)
    cells = mrz_cells(vis, ir, dpi=reference.dpi, region=region, lines=lines)
    ref = reference_ratios(reference)
    out = mrz_findings(cells, reference=ref.get("mrz")) if len(cells) >= 10 else []
    mrz = expected_ratio(cells, ref.get("mrz")) if len(cells) >= 10 else ref.get("mrz", float("nan"))
    faint = reference_faint(reference)
    for name, box in absorbing_text(reference).items():
        blobs = text_blobs(vis, ir, box, dpi=reference.dpi)
        blobs = [b for b in blobs if not any(_same_place(b.box, f) for f in faint.get(name, ()))]
        # The field's own ink against the specimen's same field (or, unmeasured there, the MRZ's ink).
        out += blob_findings(name, blobs, expected=expected_ratio(blobs, ref.get(name, mrz)))
    return out
