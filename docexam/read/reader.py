"""Read the MRZ of a scan or photo: locate, straighten, segment, recognise, correct.

Two recognisers sit behind one interface: ``ocrb`` (docexam's own, numpy only) and ``tesseract`` (the adapter in
:mod:`docexam.ocr.tesseract`). ``auto`` reads with ``ocrb`` and asks tesseract only when the result does not
validate and tesseract is installed. Every candidate reading goes through the MRZ engine's check-digit correction
(:func:`docexam.mrz.correct.correct`), and the best one is kept: valid first, then most checks holding, then the
most confident.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from docexam.inspector import Inspector
from docexam.mrz.correct import Correction, correct
from docexam.mrz.issues import UNCONFIRMED_MESSAGE, IssueCode
from docexam.mrz.result import Issue, MRZResult
from docexam.ocr import ocrb
from docexam.read.locate import MRZRegion, locate_mrz, with_extra_line
from docexam.read.segment import deshear, estimate_shear, ink_map, line_bands, segment_lines
from docexam.read.steps import ReadStep

LENGTHS = {3: (30,), 2: (44, 36)}


class Engine(StrEnum):
    AUTO = "auto"
    OCRB = "ocrb"
    TESSERACT = "tesseract"


@dataclass
class ReadResult:
    """What reading one image gave. ``found`` is False when no MRZ-like region was seen."""

    found: bool
    engine: str | None = None
    correction: Correction | None = None
    region: MRZRegion | None = None
    elapsed_ms: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def mrz(self) -> MRZResult | None:
        return self.correction.result if self.correction else None

    @property
    def valid(self) -> bool:
        """The MRZ validates and the reading is trusted (see :data:`MIN_CONFIDENCE`)."""
        return bool(self.correction and self.correction.result.valid and trusted(self.correction))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"found": self.found, "engine": self.engine, "elapsed_ms": round(self.elapsed_ms, 1)}
        if self.correction is not None:
            r = self.correction.result.to_dict()
            d |= {k: r[k] for k in ("format", "lines", "fields", "checks", "errors", "warnings", "issues")}
            d["valid"] = self.valid
            if r["valid"] and not self.valid:
                unsure = Issue(IssueCode.UNCONFIRMED_READING.value, UNCONFIRMED_MESSAGE)
                d["warnings"] = d["warnings"] + [unsure.message]
                d["issues"] = d["issues"] + [dict(unsure.to_dict(), severity="warning")]
            d["confidence"] = round(self.correction.confidence, 4)
            d["char_confidence"] = [[round(c, 3) for c in line] for line in self.correction.char_confidence]
            d["corrections"] = [{"line": c.line + 1, "position": c.column + 1, "read": c.read, "corrected": c.corrected}
                                for c in self.correction.changes]
        else:
            d |= {"format": None, "lines": [], "valid": False, "fields": None, "checks": {}, "confidence": 0.0}
        if self.region is not None:
            d["region"] = np.round(self.region.corners, 1).tolist()
        return d


#: A reading is trusted only when the recogniser itself read every character with at least MIN_CHAR_CONFIDENCE
#: (so a correction may pick the engine's own second choice, but never a look-alike the engine did not see), the
#: geometric mean is at least MIN_CONFIDENCE, and no more than MAX_CHANGES characters were changed. Otherwise check
#: digits can be satisfied by chance on garbage, or a forged digit "repaired", and a validated wrong read is the
#: worst outcome. Measured on the real corpus and on generated captures: every correct validated reading had all
#: characters above 0.5, every wrong one had a character below 0.41.
MIN_CHAR_CONFIDENCE = 0.45
MIN_CONFIDENCE = 0.5
MAX_CHANGES = 8
#: A character standing alone among fillers ("<<<O<<<") is most often a filler seen through a cell that straddles
#: two chevrons; where no check digit covers it (names, optional data) nothing else would catch it, so it needs a
#: near-certain recognition. A genuine initial ("SMITH<<J<<<") is read with 0.99 and more.
MIN_LONE_CHAR_CONFIDENCE = 0.95


def _lone_chars_sure(c: Correction) -> bool:
    for line, conf in zip(c.lines, c.char_confidence):
        for i in range(1, len(line) - 1):
            if line[i] != "<" and line[i - 1] == "<" and line[i + 1] == "<" and conf[i] < MIN_LONE_CHAR_CONFIDENCE:
                return False
    return True


def trusted(c: Correction) -> bool:
    lowest = min((x for line in c.char_confidence for x in line), default=0.0)
    return (lowest >= MIN_CHAR_CONFIDENCE and c.confidence >= MIN_CONFIDENCE and len(c.changes) <= MAX_CHANGES
            and _lone_chars_sure(c))


def _rank(c: Correction) -> tuple:
    r = c.result
    # Among readings that are not trusted, the recogniser's confidence says more than check digits, which garbage
    # satisfies by chance one time in ten each.
    return (r.valid and trusted(c), trusted(c), r.format is not None, round(c.confidence, 2), sum(ch.valid for ch in r.checks))


@dataclass(frozen=True)
class _View:
    """One way of looking at the crop: upright or turned, with its ink, line bands and grey levels."""

    img: np.ndarray
    ink: np.ndarray
    bands: list[tuple[int, int]]
    levels: tuple[float, float]


@dataclass(frozen=True)
class _Reading:
    view: _View
    n: int  # characters per line
    lines: list  # LineCells
    candidates: list  # per line, per position: [(char, confidence), ...]


#: Foreshortenings tried when no uniform grid gives a reading that validates (see segment.fit_centres): a phone
#: held at an angle shrinks the pitch by up to ~15 % from one end of the line to the other (LEAST_INK_WARPS, the
#: grid crossing the least ink wins), a steep one by up to ~40 % (PERSPECTIVE_WARPS, each read).
LEAST_INK_WARPS = (0.0, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09)
PERSPECTIVE_WARPS = (-0.24, -0.18, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.18, 0.24)
#: Foreshortened readings corrected, the surest first.
SECOND_LOOKS = 4
#: Mean first-choice confidence above which the upright reading is corrected before the upside-down view is read.
EARLY_SURENESS = 0.85


def _unslanted(crop: np.ndarray) -> np.ndarray:
    """``crop`` with leaning characters stood upright (see :func:`segment.estimate_shear`)."""
    shear = estimate_shear(ink_map(crop))
    return deshear(crop, shear) if shear else crop


def _views(crop: np.ndarray, n_lines: int, *, flips: tuple[bool, ...] = (False, True)) -> list[_View]:
    """The ways of reading ``crop`` (already stood upright by :func:`_unslanted`): as it is, turned 180 degrees."""
    out = []
    for flip in flips:
        img = cv2.rotate(crop, cv2.ROTATE_180) if flip else crop
        ink = ink_map(img)
        bands = line_bands(ink, n_lines)
        if len(bands) == n_lines:
            out.append(_View(img, ink, bands, ocrb.line_levels(img)))
    return out


def _ocrb_reading(view: _View, n: int, *, warps=(0.0,)) -> _Reading | None:
    """The recogniser's candidates for ``view`` read as lines of ``n`` characters, or None if they cannot be."""
    try:
        lines = segment_lines(view.ink, view.bands, n, warps=warps)
    except ValueError:
        return None
    pitch = float(np.median([ln.pitch for ln in lines]))
    if not 0.55 < pitch / np.median([b - a for a, b in view.bands]) < 2.2:
        return None  # cells far wider or narrower than the characters: wrong length
    candidates = [ocrb.classify(ocrb.cut_cells(view.img, ln.centres, ln.y_centre, ln.pitch, levels=view.levels)) for ln in lines]
    return _Reading(view, n, lines, candidates)


def _sureness(candidates: list) -> float:
    """Mean confidence of the recogniser's first choice over all cells of a reading."""
    return float(np.mean([cell[0][1] for line in candidates for cell in line]))


def _draw_cells(img: np.ndarray, lines) -> np.ndarray:
    vis = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
    for ln in lines:
        for xc in ln.centres:
            x0, y0, x1, y1 = ocrb.cell_geometry(float(xc), ln.y_centre, ln.pitch)
            cv2.rectangle(vis, (int(x0), int(y0)), (int(x1), int(y1)), (0, 140, 255), 1)
    return vis


def _confirmed(c: Correction | None) -> bool:
    return c is not None and c.result.valid and trusted(c)


def _read_ocrb(region: MRZRegion, today, exhaustive: bool = True) -> tuple[Correction | None, tuple | None]:
    """The best OCR-B reading of ``region`` and the view it came from (image, line cells); with ``exhaustive``
    False, the first trusted reading even if it does not validate."""
    best: Correction | None = None
    best_view = None
    # The likeliest reading first (upright, right length: the recogniser is sure of nearly every cell), and no more
    # once one validates and is trusted: the check-digit search is the costly part.
    lengths = LENGTHS.get(region.lines, (44, 36))
    straight = _unslanted(region.crop)
    upright = _views(straight, region.lines, flips=(False,))
    first = [r for v in upright for n in lengths if (r := _ocrb_reading(v, n))]
    corrected: dict[int, Correction] = {}  # id(reading) -> its correction, so none is searched twice
    if first:
        # Most crops are the right way up: when the recogniser is sure of the upright reading and it validates, the
        # upside-down view need not be read at all (a reading of it could not validate as well).
        surest = max(first, key=lambda r: _sureness(r.candidates))
        if _sureness(surest.candidates) >= EARLY_SURENESS:
            c = corrected[id(surest)] = correct(surest.candidates, today=today)
            if _confirmed(c) or (not exhaustive and trusted(c)):
                return c, (surest.view.img, surest.lines)
    flipped = _views(straight, region.lines, flips=(True,))
    readings = first + [r for v in flipped for n in lengths if (r := _ocrb_reading(v, n))]
    readings.sort(key=lambda r: -_sureness(r.candidates))
    for reading in readings:
        c = corrected.get(id(reading)) or correct(reading.candidates, today=today)
        if best is None or _rank(c) > _rank(best):
            best, best_view = c, (reading.view.img, reading.lines)
        if _confirmed(best) or (not exhaustive and trusted(best)):
            return best, best_view
    # Second look, at the two likeliest readings: a grid foreshortened by perspective, the grid crossing the least ink
    # among the milder foreshortenings first.
    for r in readings[:2]:
        again = _ocrb_reading(r.view, r.n, warps=LEAST_INK_WARPS)
        if again is not None:
            c = correct(again.candidates, today=today)
            if best is None or _rank(c) > _rank(best):
                best, best_view = c, (again.view.img, again.lines)
            if _confirmed(best):
                return best, best_view
    # When the pitch changes by a third along the line the least-ink grid can be wrong (it takes in an empty cell at
    # one end instead), so every foreshortening is read and the surest few corrected. One of them is taken when it
    # validates and is trusted, or by the usual ranking when the best so far is neither trusted nor valid; not
    # otherwise: a grid that drops a character can be read with confidence and would outrank a right reading whose
    # check digits hold.
    steep = [a for r in readings[:2] for w in PERSPECTIVE_WARPS if (a := _ocrb_reading(r.view, r.n, warps=(w,)))]
    steep.sort(key=lambda r: -_sureness(r.candidates))
    open_question = best is None or not (best.result.valid or trusted(best))
    for reading in steep[:SECOND_LOOKS]:
        c = correct(reading.candidates, today=today)
        if _confirmed(c) or (open_question and (best is None or _rank(c) > _rank(best))):
            best, best_view = c, (reading.view.img, reading.lines)
            if _confirmed(c):
                break
    return best, best_view


def _ocrb_pass(gray: np.ndarray, region: MRZRegion, today, exhaustive: bool):
    """The built-in recogniser's best reading of ``region`` (and, for two lines that do not validate, of the region
    grown by a line: a TD1 whose third line was not located), its view, and the region it came from."""
    best, best_view = _read_ocrb(region, today, exhaustive)
    if region.lines == 2 and not _confirmed(best):
        bands = line_bands(ink_map(region.crop), 2)
        if len(bands) == 2:
            spacing = (sum(bands[1]) - sum(bands[0])) / 2
            for above in (True, False):
                grown = with_extra_line(gray, region, spacing=spacing, above=above)
                c, view = _read_ocrb(grown, today)
                if c is not None and _confirmed(c):
                    return c, view, grown
    return best, best_view, region


def read_gray(gray: np.ndarray, *, engine: Engine | str = Engine.AUTO, inspector: Inspector | None = None, today=None,
              exhaustive: bool = True) -> ReadResult:
    """Read the MRZ of a (H, W) uint8 image.

    ``exhaustive=False`` settles for the first reading the recogniser is sure of even when its check digits fail:
    for an image already straightened and cropped to its MRZ (the comparison's), where a forged check digit would
    otherwise send the reader through every grid it knows.
    """
    engine = Engine(engine)
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError(f"gray must be a 2-D uint8 image, got {gray.dtype} with shape {gray.shape}")
    t0 = time.perf_counter()
    inspector = inspector or Inspector()
    region = locate_mrz(gray, inspector=inspector, quick=engine is not Engine.TESSERACT)
    if region is None:
        return ReadResult(False, elapsed_ms=(time.perf_counter() - t0) * 1000, notes=["no MRZ-like text lines found"])
    best: Correction | None = None
    best_engine = None
    best_view = None
    if engine in (Engine.OCRB, Engine.AUTO):
        best, best_view, region = _ocrb_pass(gray, region, today, exhaustive)
        if region.quick and not _confirmed(best):
            # Found along the rows alone and not read: look along the columns too (a document turned a quarter).
            full = locate_mrz(gray, inspector=Inspector())
            if full is not None and not np.allclose(full.corners, region.corners, atol=2.0):
                c, view, r = _ocrb_pass(gray, full, today, exhaustive)
                if c is not None and (best is None or _rank(c) > _rank(best)):
                    best, best_view, region = c, view, r
                    if inspector.active:  # --debug-dir shows the locating steps of the region read
                        locate_mrz(gray, inspector=inspector)
        best_engine = Engine.OCRB if best is not None else None
    if engine is Engine.TESSERACT or (engine is Engine.AUTO and not _confirmed(best)):
        from docexam.ocr import tesseract

        if engine is Engine.TESSERACT or tesseract.available():
            c, view = _tesseract_reading(region, today)
            if c is not None and (best is None or _rank(c) > _rank(best)):
                best, best_engine, best_view = c, Engine.TESSERACT, view
    if best_view is not None and inspector.active:
        inspector.keep(ReadStep.CELLS, _draw_cells(*best_view))
    elapsed = (time.perf_counter() - t0) * 1000
    return ReadResult(True, best_engine.value if best_engine else None, best, region, elapsed)


def _tesseract_reading(region: MRZRegion, today):
    from docexam.read import tesseract_lines  # deferred: only this engine needs it

    best, view = None, None
    crop = _unslanted(region.crop)
    for flip in (False, True):
        img = cv2.rotate(crop, cv2.ROTATE_180) if flip else crop
        ink = ink_map(img)
        bands = line_bands(ink, region.lines)
        if len(bands) != region.lines:
            continue
        pad = max(4, round(np.median([b - a for a, b in bands]) * 0.5))
        line_imgs = [img[max(0, a - pad) : b + pad] for a, b in bands]
        lengths = LENGTHS.get(region.lines, (44, 36))
        for n, candidates in tesseract_lines.read_lines(line_imgs, lengths=lengths).items():
            c = correct(candidates, today=today)
            if best is None or _rank(c) > _rank(best):
                lines = segment_lines(ink, bands, n)
                best, view = c, (img, lines)
        if best is not None and best.result.valid:
            break
    return best, view


def confidence_of(result: ReadResult) -> float:
    return result.correction.confidence if result.correction else 0.0


def read_file(path: str | Path, *, engine: Engine | str = Engine.AUTO, debug_dir: Path | None = None, today=None) -> list[tuple[int, ReadResult]]:
    """Read every page of an image file: [(page, result)]. Raises ImageReadError for unreadable files."""
    from docexam.imageio import iter_images

    out = []
    for loaded in iter_images(path, gray=True):  # one page decoded at a time
        inspector = Inspector(debug_dir / f"{Path(path).stem}-p{loaded.page}" if debug_dir else None)
        out.append((loaded.page, read_gray(loaded.image, engine=engine, inspector=inspector, today=today)))
    return out


__all__ = ["Engine", "ReadResult", "read_file", "read_gray"]
