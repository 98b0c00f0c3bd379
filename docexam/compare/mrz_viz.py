"""The MRZ of the questioned document: its check digits, and whether it says what the visual inspection zone says.

Neither shows in a picture comparison with the reference: the holder's data differ from the specimen's anyway. A
digit changed in the MRZ breaks its check digit (Doc 9303 Part 3, 4.9); an MRZ re-made with recomputed check
digits validates, and only the VIZ still shows the original data (Part 3, 4.1: the MRZ repeats the VIZ's
mandatory elements). So the MRZ is read from the rectified capture (IR first: the MRZ is printed in IR-absorbing
ink on a background that drops out) with the project's reader, its failing checks become findings on the cells
they cover, and the VIZ fields the MRZ repeats are read with tesseract and compared with it.

Each VIZ field is read on its own (issue 20): its value cut to its line and columns, prepared two ways (the ink
alone, and its grey levels with the background taken away), scaled to the height tesseract reads best, every field
and preparation read as one line in one tesseract run (:func:`docexam.ocr.tesseract.read_lines`). A field is then
judged from all its readings (:func:`judge`), at the level of what it means (a date in any printed form, a name in
any transliteration, Part 3, 6): a reading that agrees with the MRZ clears it; another value confirmed by the other
reading (or read in the rigid printed form, when a caller gives one reading) is an alarm; a disagreement that is not
confirmed, or on a value too blurred to trust (:data:`MIN_SHARPNESS`), is a note; and a field nothing comparable was
read in is "not examined", a note, never a silent agreement. Dates of birth and expiry, the document number, the
names and the sex are compared, so an MRZ re-made with any of them changed is caught.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import cv2
import numpy as np

from docexam.compare.mrz_glyphs import glyph_findings
from docexam.compare.mrz_print import specimen_lines
from docexam.compare.reference import Reference
from docexam.compare.result import Box, Finding, FindingKind, union_box
from docexam.details import DETAILS, Said, say
from docexam.lights import MRZ_LIGHTS, Light
from docexam.mrz.codes import is_known_state
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Field, Span
from docexam.mrz.name_practice import name_language
from docexam.mrz.result import MRZFields
from docexam.mrz.viz import (
    LOOKALIKES,
    VIZField,
    check_field,
    clean_date,
    date_agrees,
    number_key,
    plain_upper,
    printed_date,
    read_date,
    viz_field,
)
from docexam.read.numeric import true_runs
from docexam.read.reader import Engine, ReadResult, read_gray, trusted, trusted_span

#: Doc 9303 Part 3, 4.4 and 4.10: OCR-B size 1 at 2.54 mm a character, lines 25.4/6 mm apart.
PITCH_MM = 2.54
LINE_SPACING_MM = 25.4 / 6
#: The ``viz:*`` regions of a reference the MRZ repeats (Doc 9303 Part 3, 4.1), in the order they are read, and the
#: MRZ field each is compared with: the designs' printed slot for the document number is ``number``, an examiner's
#: library names it ``document_number``; and, for a reference whose annotation says more than ``specimen.json``
#: (:attr:`Reference.expected`), the codes the VIZ prints (:data:`CODE_FIELDS`; the generator's references are
#: compared as they always were).
VIZ_FIELDS = {"number": Field.DOCUMENT_NUMBER, "document_number": Field.DOCUMENT_NUMBER, "surname": Field.NAME,
              "given_names": Field.NAME, "birth_date": Field.BIRTH_DATE, "expiry_date": Field.EXPIRY_DATE,
              "sex": Field.SEX, "nationality": Field.NATIONALITY, "issuing_state": Field.ISSUING_STATE}
#: The VIZ fields printed as codes: compared only when the VIZ prints the code itself (``F``, ``UTO``), not a word
#: (``UTOPIAN``); a disagreement is a note unless two readings confirm it (:func:`decisive`). The sex is read on every
#: reference (every design prints it as its code); the nationality and issuing state where the reference's
#: annotation says more than ``specimen.json`` (the generator's designs print the nationality as a word).
CODE_FIELDS = {"sex": "sex", "nationality": "nationality", "issuing_state": "issuing_state"}


def viz_keys(reference: Reference) -> list[str]:
    """The keys of the ``viz:*`` regions of ``reference`` compared with the MRZ, in the order they are read."""
    return [k for k in VIZ_FIELDS if f"viz:{k}" in reference.regions
            and (k not in CODE_FIELDS or k == "sex" or reference.expected is not None)]
#: Tesseract's models a name printed in Cyrillic is read again with when its Latin reading disagrees with the MRZ
#: (the MRZ holds its Part 3, 6 transliteration; :data:`docexam.references.viz.CYRILLIC`).
NATIONAL_SCRIPTS = ("rus", "ukr")
#: Least tesseract confidence for a VIZ reading to accuse the MRZ (or the VIZ) of being altered.
MIN_VIZ_CONFIDENCE = 0.5


@dataclass
class MRZEvidence:
    """What the MRZ check saw: the reading, the light it came from, the VIZ texts read, and notes for the examiner
    on what could not be checked."""

    reading: ReadResult | None = None
    light: str | None = None
    viz: dict[str, str] = field(default_factory=dict)
    #: What could not be checked, as data (docexam.details: put in words in the reader's language where shown)
    notes: list[Said] = field(default_factory=list)

    def note_words(self, gettext: Callable[[str], str] | None = None) -> list[str]:
        """The notes in ``gettext``'s language (English without one)."""
        return [n.text(gettext) for n in self.notes]

    def to_dict(self) -> dict:
        # "notes" in English as always (older readers), "notes_said" their codes and figures (docexam.details)
        d = {"light": self.light, "viz": dict(self.viz), "notes": self.note_words(),
             "notes_said": [n.to_dict() for n in self.notes]}
        if self.reading is not None:
            r = self.reading.to_dict()
            d["mrz"] = {k: r.get(k) for k in ("format", "lines", "valid", "confidence", "engine")}
        return d


def _grey(img: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img


def _clip(box: tuple[float, float, float, float], shape: tuple[int, int]) -> Box:
    x, y, w, h = box
    x0, y0 = max(0, int(round(x))), max(0, int(round(y)))
    x1, y1 = min(shape[1], int(round(x + w))), min(shape[0], int(round(y + h)))
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def _rank(r: ReadResult) -> tuple:
    c = r.correction
    if c is None or c.result.format is None:
        return (False, False, False, 0.0)
    return (c.result.valid and trusted(c), trusted(c), True, c.confidence)


def read_mrz(rectified: Mapping[str, np.ndarray], reference: Reference, *, today: dt.date | None = None) -> tuple[ReadResult | None, str | None, Box]:
    """The best MRZ reading of the rectified lights, the light it came from, and the box it was read in.

    The reference's ``mrz`` region, grown by a line either way, is read when known (a third of the time, and the
    VIZ cannot be mistaken for it); else the whole image.
    """
    best, best_light, best_box = None, None, (0, 0, 0, 0)
    for light in MRZ_LIGHTS:
        if light not in rectified:
            continue
        img = _grey(rectified[light])
        box = (0, 0, img.shape[1], img.shape[0])
        if "mrz" in reference.regions:
            x, y, w, h = reference.regions["mrz"]
            grow = LINE_SPACING_MM * reference.dpi / 25.4
            box = _clip((x - grow, y - grow, w + 2 * grow, h + 2 * grow), img.shape[:2])
        x, y, w, h = box
        if w < 8 or h < 8:
            continue
        r = read_gray(np.ascontiguousarray(img[y : y + h, x : x + w]), engine=Engine.OCRB, today=today, exhaustive=False)
        if best is None or _rank(r) > _rank(best):
            best, best_light, best_box = r, light, box
        if best.correction is not None and best.valid:
            break
    return best, best_light, best_box


def _cell_boxes(reference: Reference, fmt, n_lines: int) -> dict[int, Box] | None:
    """Reference-pixel box of every MRZ position (flat index), from the reference's ``mrz`` region: each line where
    the specimen's own print has it (:func:`docexam.compare.mrz_print.specimen_lines`; real passports print their
    lines a quarter inch apart, cards a sixth), else a sixth of an inch apart and centred in the region (Doc 9303
    Part 3, 4.10)."""
    if "mrz" not in reference.regions:
        return None
    layout = LAYOUTS[fmt]
    x, y, w, h = reference.regions["mrz"]
    px = reference.dpi / 25.4
    pitch = w / (layout.length + 1.0 / PITCH_MM)  # the region is the line plus half a millimetre either side
    x0 = x + 0.5 * px
    spacing = LINE_SPACING_MM * px
    first_centre = y + (h - (n_lines - 1) * spacing) / 2
    measured = specimen_lines(reference)
    out = {}
    for line in range(n_lines):
        cy = measured[line].centre if len(measured) == n_lines else first_centre + line * spacing
        for col in range(layout.length):
            out[line * layout.length + col] = (int(round(x0 + col * pitch)), int(round(cy - spacing / 2)),
                                               int(round(pitch)), int(round(spacing)))
    return out


def _span_box(cells: dict[int, Box] | None, spans: list[Span], fallback: Box) -> Box:
    if cells is None:
        return fallback
    boxes = [cells[p] for s in spans for p in range(s.start, s.stop) if p in cells]
    return union_box(boxes) if boxes else fallback


def _failing_checks(reading: ReadResult) -> list:
    """The check digits of the reading that fail, each a finding: the composite only when no field's own check
    fails (it covers them all)."""
    failing = [ch for ch in reading.correction.result.checks if not ch.valid]
    return [ch for ch in failing if ch.name != "composite"] or failing


def _with_check_digits(findings: list[Finding], reading: ReadResult) -> list[Finding]:
    """The check-digit findings of :func:`_check_findings` saying the digit the data give (expected) and the digit
    printed (seen): ``check_digit=7`` against ``check_digit=3`` (Doc 9303 Part 3, 4.9)."""
    return [replace(f, expected=f"check_digit={ch.expected}" if ch.expected is not None else "",
                    seen=f"check_digit={ch.found}")
            for f, ch in zip(findings, _failing_checks(reading), strict=True)]


def _check_findings(reading: ReadResult, light: str, cells: dict[int, Box] | None, read_box: Box) -> list[Finding]:
    c = reading.correction
    layout = LAYOUTS[c.result.format]
    sure = trusted(c)
    out = []
    for ch in _failing_checks(reading):
        spec = next((s for s in layout.checks if s.name == ch.name), None)
        spans = ([*spec.covers, spec.digit] if spec else [])
        bbox = _span_box(cells, spans, read_box)
        said = say("mrz_check" if sure else "mrz_check_unsure", check=ch.name, found=ch.found,
                   expected=ch.expected if ch.expected is not None else say("no_digit"))
        out.append(Finding(FindingKind.MRZ_CHECK, light, bbox, 0.9 if sure else 0.4, "mrz", said=said))
    return out


# --- VIZ ------------------------------------------------------------------------------------------------------


#: Capital height (pixels) a VIZ value is scaled to before tesseract reads it: its LSTM reads lines of 30-40 pixel
#: capitals best (as the MRZ's, docexam.ocr.tesseract.TEXT_HEIGHT); a 300 dpi value of 2.5 mm capitals is about 30.
VALUE_HEIGHT = 36


def _value_rows(crop: np.ndarray) -> tuple[np.ndarray, int, int] | None:
    """The background under a field's region (its ink closed over) and the rows ``(a, b)`` of its value: the tallest
    run of inked rows. A field region may take in the edge of its caption (printed small just above the value) or of
    the next one; tesseract would read them as part of it. A row counts as inked from a twentieth of the densest
    row's ink, so that a blurred gap between a caption's edge and the value still parts them."""
    background = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    ink = (background.astype(np.int16) - crop.astype(np.int16)) > 40
    counts = ink.sum(axis=1)
    rows = counts > max(2, 0.01 * crop.shape[1], 0.05 * counts.max())
    runs = true_runs(rows)
    if not runs:
        return None
    a, b = max(runs, key=lambda r: r[1] - r[0])
    return background, a, b


#: Least :func:`sharpness` of a field's value for a disagreement to be an alarm. A blurred value's digits are misread
#: alike however they are prepared (a 169 dpi JPEG capture's expiry year 30 read 29 twice); below this it is a note.
#: Measured on the development packs (seed 6): the values of normal captures 2.0 and above, those of the hard
#: captures tesseract could not read, or misread, 1.53-1.76.
MIN_SHARPNESS = 1.8


def sharpness(crop: np.ndarray) -> float | None:
    """How sharp a field's value is in ``crop`` (grey): the steepest horizontal edges of its rows (99.5th percentile
    of the gradient) against the depth of its ink below the background, about 2.5 for a crisp print and falling
    with blur; None when no value is found."""
    found = _value_rows(crop)
    if found is None:
        return None
    background, a, b = found
    depth = np.clip(background[a:b].astype(np.float32) - crop[a:b].astype(np.float32), 0, None)
    top = float(np.percentile(depth, 99.5)) if depth.size else 0.0
    if top < 20:
        return None
    edges = np.abs(cv2.Sobel(crop[a:b].astype(np.float32), cv2.CV_32F, 1, 0))
    return float(np.percentile(edges, 99.5)) / top


def _ink_depth(top: float) -> float:
    """How far below the background (grey levels) a pixel of a value whose darkest ink lies ``top`` below it counts
    as ink: 60, or half its own depth when a blurred or low-contrast capture leaves its strokes paler than that
    (one threshold would lose them whole), never under 25 (the background print)."""
    return min(60.0, max(25.0, 0.5 * top))


def _value_line(crop: np.ndarray) -> np.ndarray | None:
    """The field's value cut from its region (:func:`_value_rows`), black ink on white, nothing but the value's rows:
    the guilloche behind a field is printed far lighter than its ink, and tesseract misreads text where its lines
    cross it, or reads a caption's cut edge as a line."""
    found = _value_rows(crop)
    if found is None:
        return None
    background, a, b = found
    depth = background[a:b].astype(np.int16) - crop[a:b].astype(np.int16)
    dark = depth > _ink_depth(float(np.percentile(depth, 99.5)) if depth.size else 0.0)
    pad = max(4, (b - a) // 3)
    out = np.full((b - a + 2 * pad, crop.shape[1] + 2 * pad), 255, np.uint8)
    out[pad : pad + b - a, pad : pad + crop.shape[1]][dark] = 0
    return out


def _run_on_from(runs: list[np.ndarray], own: tuple[int, int], *, gap: float) -> list[np.ndarray]:
    """The runs of inked columns (left to right) that are one value starting in the field's own box ``own``: those
    reaching into it, and after them each next one no farther than ``gap`` from the last taken. A name's box run on
    to the right (another holder's name may be longer) may reach what is printed beyond it, a stamp or another
    column's value: it is not part of the name unless the name runs on into it."""
    first = next((i for i, r in enumerate(runs) if r[-1] >= own[0] and r[0] < own[1]), None)
    if first is None:
        return []
    kept = [runs[first]]
    for r in runs[first + 1 :]:
        if r[0] < own[1] or r[0] - kept[-1][-1] <= gap:
            kept.append(r)
        else:
            break
    return kept


#: The widest gap (a share of the value's height) within one value read past its own box: words of a name are
#: parted by about a third of it, the next thing printed on the line by more.
RUN_ON_GAP = 1.5


def _value_views(crop: np.ndarray, *, core: tuple[int, int] | None = None,
                 own: tuple[int, int] | None = None) -> list[np.ndarray]:
    """The field's value prepared two ways for tesseract, each cut to the columns its ink spans and scaled to
    capitals :data:`VALUE_HEIGHT` tall: the ink alone, black on white (:func:`_value_line`), and its grey levels with
    the background taken away (how much darker than the paper and print around it each pixel is, the faint print
    behind it dropped: the strokes' anti-aliased edges kept, which a blurred or low-resolution capture needs). Two
    readings of one field fail in different ways; one that agrees with the MRZ is enough to clear it. ``core``: the
    columns of ``crop`` that are the field's own box, when ``crop`` was cut wider (:func:`_field_crop`); ``own``:
    those of the region the annotation found, when the field is read in a box run on past it (a name read whole: the
    value is what starts there, :func:`_run_on_from`)."""
    found = _value_rows(crop)
    if found is None:
        return []
    background, a, b = found
    depth = np.clip(background[a:b].astype(np.float32) - crop[a:b].astype(np.float32), 0, None)
    top = float(np.percentile(depth, 99.5)) if depth.size else 0.0
    if top < 20:
        return []
    # The value's own columns: a short value (a sex's one letter) beside the background print is read as that print.
    cols = np.nonzero((depth > _ink_depth(top)).any(axis=0))[0]
    if core is not None:
        # The runs of inked columns that reach into the field's own box, parted from others by a gap wider than the
        # value is tall (words within a value are parted by a third of it): the field's box grown to take in a last character it clipped, not the next field.
        runs = np.split(cols, np.nonzero(np.diff(cols) > max(4, 0.6 * (b - a)))[0] + 1) if len(cols) else []
        kept = [r for r in runs if r[-1] >= core[0] and r[0] < core[1]]
        if own is not None:
            kept = _run_on_from(kept, own, gap=RUN_ON_GAP * (b - a))
        cols = np.concatenate(kept) if kept else cols[:0]
    if not len(cols):
        return []
    pad = max(4, (b - a) // 3)
    c0, c1 = max(0, int(cols[0]) - pad), min(crop.shape[1], int(cols[-1]) + 1 + pad)
    floor = 0.3 * top
    grey = np.full((b - a + 2 * pad, c1 - c0 + 2 * pad), 255, np.uint8)
    grey[pad : pad + b - a, pad : pad + c1 - c0] = np.clip(
        255 - (depth[:, c0:c1] - floor) * (255 / (top - floor)), 0, 255).astype(np.uint8)
    line = _value_line(crop[:, c0:c1])
    scale = float(np.clip(VALUE_HEIGHT / max(1, b - a), 0.5, 4.0))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return [cv2.resize(v, None, fx=scale, fy=scale, interpolation=interp) for v in (line, grey) if v is not None]


#: How far a field's box is grown to either side to be read, as a share of its height: an automatic annotation's box
#: is the specimen's value, and another holder's date or number may print a little wider (its last digit clipped).
GROW_LEFT, GROW_RIGHT = 0.2, 0.4


def _field_crop(grey: np.ndarray, box: tuple[float, float, float, float]) -> tuple[np.ndarray | None, tuple[int, int]]:
    """The field's box cut from ``grey`` grown to either side (:data:`GROW_LEFT`, :data:`GROW_RIGHT`), and the
    columns of the cut that are the box itself; None when the box is too small to hold text."""
    x, y, w, h = box
    x0, y0, w0, h0 = _clip(box, grey.shape[:2])
    if w0 < 4 or h0 < 4:
        return None, (0, 0)
    gx, gy, gw, gh = _clip((x - GROW_LEFT * h, y, w + (GROW_LEFT + GROW_RIGHT) * h, h), grey.shape[:2])
    return grey[gy : gy + gh, gx : gx + gw], (x0 - gx, x0 - gx + w0)


@dataclass(frozen=True)
class VIZRead:
    """What tesseract read in one VIZ field's value: one ``(text, confidence)`` per way the value was prepared
    (:func:`_value_views`), the confidence the mean of its words' (0..1)."""

    readings: tuple[tuple[str, float], ...]
    #: How sharp the value's strokes are (:func:`sharpness`); None when not measured.
    sharpness: float | None = None

    @property
    def text(self) -> str:
        """The first reading that says anything ('' when none does)."""
        return next((t for t, _ in self.readings if t), "")


def _viz_texts(visible: np.ndarray, reference: Reference, keys: list[str]) -> dict[str, VIZRead]:
    """Tesseract's readings of each VIZ field's value box: every field, each prepared two ways, cut to its line and
    read as one line (``--psm 7``), all in one run (:func:`docexam.ocr.tesseract.read_lines`)."""
    from docexam.ocr import tesseract

    grey = _grey(visible)
    pages: list[np.ndarray] = []
    owner: list[str] = []
    sharp: dict[str, float | None] = {}
    for key in keys:
        read = reference.read_box(f"viz:{key}")
        crop, core = _field_crop(grey, read)
        if crop is None:
            continue
        region = reference.regions.get(f"viz:{key}", read)
        own = (core[0] + region[0] - read[0], core[0] + region[0] - read[0] + region[2]) if region != read else None
        sharp[key] = sharpness(crop[:, core[0] : core[1]])
        for view in _value_views(crop, core=core, own=own):
            pages.append(view)
            owner.append(key)
    if not pages:
        return {}
    found: dict[str, list[tuple[str, float]]] = {}
    for key, words in zip(owner, tesseract.read_lines(pages), strict=True):
        text = " ".join(w.text for w in words)
        conf = float(np.mean([w.conf for w in words])) if words else 0.0
        found.setdefault(key, []).append((text, conf))
    return {key: VIZRead(tuple(r), sharp.get(key)) for key, r in found.items()}


def _mrz_value(field: VIZField, fields: MRZFields) -> tuple[str | None, str | None]:
    """The MRZ's value of ``field`` as printed, and for a date what it means (ISO 8601)."""
    if field.is_date:
        date = fields.birth_date if field is VIZField.BIRTH_DATE else fields.expiry_date
        return (date.raw, date.isoformat()) if date is not None else (None, None)
    return str(getattr(fields, field.value)), None


def _mrz_said(key: str, fields: MRZFields) -> str | None:
    """What the MRZ says for the VIZ field ``key``, as printed there (a date YYMMDD, a name with its fillers as
    spaces), or None when it says nothing the VIZ is compared with: a finding's expected value."""
    if key in CODE_FIELDS:
        return str(getattr(fields, CODE_FIELDS[key]) or "") or None
    field = viz_field(key)
    if field is None:
        return None
    value = _mrz_value(field, fields)[0]
    return value.replace("<", " ").strip() if value else None


def _code_of(key: str, viz: str) -> str | None:
    """The code the VIZ text of ``key`` (sex, nationality, issuing state) prints, when it is printed as the code (one
    letter of F, M, X; three capitals) and read as one; None otherwise (a word, ``UTOPIAN``, or a misreading)."""
    words = re.findall(r"[A-Z]+", viz.upper())
    if key == "sex":
        # Printed once or in two languages (F/F, M/H): the first letter is the holder's, as the MRZ's.
        return words[0] if words and len(words[0]) == 1 and words[0] in "FMX" else None
    if any(c.islower() for c in viz):
        return None  # a code is printed in capitals (Part 3, 5): read in small letters ('iru' for LTU), it was misread
    return words[0] if len(words) == 1 and len(words[0]) == 3 else None


def _code_disagreement(key: str, viz: str, fields: MRZFields) -> Said | None:
    """How a code the VIZ prints (sex, nationality, issuing state) disagrees with the MRZ's, when it is printed as
    the code and read as one (:func:`_code_of`); None otherwise."""
    mrz = str(getattr(fields, CODE_FIELDS[key]) or "").replace("<", "X" if key == "sex" else "")
    code = _code_of(key, viz)
    if code is None or len(mrz) != len(code) or code == mrz:
        return None
    return say("viz_code_differs", field=_field_word(key), viz=viz, mrz=mrz)


def _code_misread(key: str, viz: str, fields: MRZFields) -> bool:
    """Whether the state code the VIZ text of ``key`` (nationality, issuing state) prints is the MRZ's misread rather
    than another: one letter off it, and no code of any state or organisation (Doc 9303 Part 3, 5). A VIZ
    printed again for another state or nationality prints that one's code; a letter misread (an I or L for a U in a
    worn or re-captured code, 'ITO' for UTO) seldom lands on one."""
    if key == "sex":
        return False
    code, mrz = _code_of(key, viz), str(getattr(fields, CODE_FIELDS[key]) or "").rstrip("<")
    if code is None or len(code) != len(mrz) or is_known_state(code):
        return False
    return sum(a != b for a, b in zip(code, mrz, strict=True)) == 1


def _field_word(key: str) -> Said | str:
    """The field ``key`` names, as a word said in the reader's language (docexam.details), or its key in words."""
    code = f"field_{key}"
    return say(code) if code in DETAILS else key.replace("_", " ")


def viz_disagreement(key: str, viz: str, fields: MRZFields) -> str | None:
    """Plain words for how the VIZ text of ``key`` (a ``viz:*`` region's key) disagrees with the MRZ, or None when
    they agree (or either cannot be understood, which is not evidence). Compared as OCR text
    (:func:`docexam.mrz.viz.check_field` with ``ocr=True``); a date in any printed form
    (:func:`docexam.mrz.viz.printed_date`: numbers, the month in the state's language first)."""
    said = viz_disagreement_said(key, viz, fields)
    return said.text() if said is not None else None


def viz_disagreement_said(key: str, viz: str, fields: MRZFields) -> Said | None:
    """:func:`viz_disagreement` as data (docexam.details), to be worded in the reader's language."""
    if key in CODE_FIELDS:
        return _code_disagreement(key, viz, fields)
    field = viz_field(key)
    if field is None:
        return None
    mrz, iso = _mrz_value(field, fields)
    if mrz is None:
        return None
    agrees = check_field(field, viz, mrz=mrz, mrz_iso=iso, truncated=fields.name.possibly_truncated, ocr=True,
                         language=name_language(fields.issuing_state)).agrees
    if agrees is None and field.is_date and (date := printed_date(viz)) is not None:
        agrees = date_agrees(*date[:3], four_digit_year=date[3], mrz_raw=mrz, mrz_iso=iso)
    if agrees is not False:
        return None
    if field.is_date:
        return say("viz_date_differs", field=_field_word(key), viz=viz, mrz=mrz)
    if field is VIZField.DOCUMENT_NUMBER:
        return say("viz_number_differs", viz=viz, mrz=mrz)
    return say("viz_name_differs", field=_field_word(key), viz=viz, mrz=mrz)


#: A VIZ date with the month in the state's language first, then in English or French (Part 3, 3.8): 31 DES/DEC 66.
_NATIONAL_FIRST = re.compile(r"\W{0,2}\d{1,2}\s*[^\W\d_]{3,4}\.?\s*/\s*[A-Z]{3,4}\.?\s+\d{2}\W{0,2}")


def _calendar_date(viz: str) -> bool:
    """Whether the VIZ date as read is a date of the calendar (2000 stands for a two-digit year: 29 FEB passes)."""
    found = printed_date(viz)
    if found is None:
        return False
    day, month, year, four = found
    try:
        dt.date(year if four else 2000 + year % 100, month, day)
    except ValueError:
        return False
    return True


def decisive(key: str, viz: str, fields: MRZFields, *, confirmed: bool = False) -> bool:
    """Whether a disagreement on ``key`` is worth an alarm rather than a note. Dates are, when read cleanly: their
    VIZ form is rigid (day, month in words, year) and a clean misread rarely yields another valid date (a date in
    digits is not: one digit misread is another date). A document number only when both have the same length (a
    character read twice or lost is the commonest misreading) and differ digit for digit or letter for letter.

    ``confirmed``: another reading of the field, its value prepared another way (:func:`_value_views`), gave the same
    value. Two readings that fail in different ways seldom fail to one wrong value: then a date in digits is an
    alarm too, a name that has nothing of the MRZ's (:func:`_name_far`), and a code (sex, nationality) printed as
    such, unless a state code one letter off that no state has (:func:`_code_misread`). An unconfirmed name or code never is: tesseract drops and splits words of names more often than forgers
    change them, and one letter is as easily misread as altered."""
    field = viz_field(key)
    if key in CODE_FIELDS:
        return confirmed and _code_of(key, viz) is not None and not _code_misread(key, viz, fields)
    if field is not None and field.is_date:
        if not _calendar_date(viz):
            return False  # a day or month no calendar has (65 DEC): a misread digit, not another date
        if confirmed:
            return True
        # The rigid forms with the month in words: DD MMM YY (a dot read for the space before the year), and the month
        # in the state's language first.
        if clean_date(re.sub(r"(?<=[A-Za-z])\.(?=\d)", " ", viz)):
            return True
        return _NATIONAL_FIRST.fullmatch(viz.strip().upper()) is not None and printed_date(viz) is not None
    if field is VIZField.DOCUMENT_NUMBER:
        return _number_altered(number_key(viz), number_key(fields.document_number))
    if field is not None and field.is_name:
        return confirmed and _name_differs(field, viz, fields)
    return False


def _name_differs(field: VIZField, viz: str, fields: MRZFields) -> bool:
    """Whether the VIZ name ``viz`` as read (:func:`tidy_name`) holds another name than the MRZ's: nothing of it
    (:func:`_name_far`), or one of its words another name (:func:`_word_far`)."""
    tidy = tidy_name(viz)
    return _name_far(field, tidy, fields) or _word_far(field, tidy, fields)


#: Marks OCR reads for the capital I in a name (its stroke alone), and the digit it reads for an O: a name has no
#: digits or marks but hyphens, apostrophes and commas (Doc 9303 Part 3, 4.6).
_NAME_LOOKALIKES = str.maketrans({"!": "I", "|": "I", "1": "I", "0": "O"})


def tidy_name(viz: str) -> str:
    """A VIZ name as read, with what OCR makes of its letters at the edges taken away: a capital I read as ``!`` or
    ``|`` (NAV! for NAVI) and an O as ``0`` read as the letters, and the marks and specks read before or after the
    name (a colon, a tilde, a quote: the print beside it in a box run on) left out. Where the reading runs on past
    the name into print beside it that reads as digits and marks (``TIVIRNUMUGETEZ3S``: the name, then a SPECIMEN
    overprint's letters), the clean name it starts with, when that is most of it (:data:`NAME_LEAD`) and four
    letters or more; a name garbled inside (``GIDA5BE``) stays as read, and is no clean name."""
    text = re.sub(r"^[^\w]+|[^\w]+$", "", viz.translate(_NAME_LOOKALIKES)).strip()
    if not re.fullmatch(_CLEAN_NAME, text):
        lead = re.match(_CLEAN_NAME, text)
        if lead is not None and len(_name_letters(lead.group(0))) >= 4 and len(lead.group(0)) >= NAME_LEAD * len(text):
            return lead.group(0).strip()
    return text


#: The least share of a VIZ name's reading the clean name it starts with must be, for the rest to be taken as print
#: beside the value the reading ran on into (:func:`tidy_name`): two characters in six at most.
NAME_LEAD = 2 / 3


#: Letters tesseract's model for ordinary text takes for one another in a sans-serif VIZ, beyond the letters it takes
#: for digits (:data:`docexam.mrz.viz.LOOKALIKES`): a document number differing only there is misread, not altered.
LETTER_CONFUSIONS = frozenset({frozenset("IJ"), frozenset("IL"), frozenset("JL"), frozenset("OQ"), frozenset("CG"),
                               frozenset("EF"), frozenset("PR"), frozenset("UV"), frozenset("MN"), frozenset("HN"),
                               frozenset("KX"), frozenset("VY")})


#: Digits tesseract takes for one another in small or soft sans-serif print: the rounded ones (their loops closed or
#: open by a pixel), and 1 and 7. Both views of one field (:func:`_value_views`) come from the same pixels and misread
#: alike, so they confirm each other's misreading: a real Chinese page at 95 dpi read 701529296 as 701829296 twice,
#: a development capture of CSP-TD3-1 at 150 dpi Y65692270 as Y65092270 (1 of 96 genuine numbers of 12 development
#: designs at 150-300 dpi alarmed so, 7 December 2026).
DIGIT_CONFUSIONS = (frozenset("035689"), frozenset("17"))


def _number_altered(read: str, mrz: str) -> bool:
    """Whether the document number ``read`` in the VIZ (:func:`number_key`, not translated) shows another number
    than the MRZ's rather than a misreading of it: the same length, and some character another of its own kind (a
    digit for a digit, a letter for a letter) that OCR does not confuse it with. A letter read for a digit (J for
    3) is the commonest misreading of a number that mixes both, and one character read twice or lost the next:
    either makes the difference a misreading; so does a single digit read as another of its group of
    :data:`DIGIT_CONFUSIONS` (two digits so read, or one outside its group, still show another number)."""
    if len(read) != len(mrz):
        return False
    differing = []
    for a, b in zip(read, mrz, strict=True):
        if a == b or a.translate(LOOKALIKES) == b.translate(LOOKALIKES) or frozenset((a, b)) in LETTER_CONFUSIONS:
            continue
        if a.isdigit() != b.isdigit():
            return False
        differing.append((a, b))
    if len(differing) == 1 and any({*differing[0]} <= group for group in DIGIT_CONFUSIONS):
        return False
    return bool(differing)


#: A name read cleanly: letters, its words parted by spaces, hyphens, apostrophes or a comma (a VIZ may print the
#: surname and the given names on one line, a comma between them: LIN, MEI-HUA).
_CLEAN_NAME = r"[^\W\d_]+(?:[\s'’\-,]+[^\W\d_]+)*"
#: How alike (difflib ratio of their letters) a VIZ name read cleanly and the MRZ's may be, at most, for the MRZ to
#: hold another name rather than a misreading of this one; a word of the VIZ name as alike as
#: :data:`docexam.mrz.viz.NAME_LIKENESS` to a word of the MRZ's also means the same name misread.
NAME_FAR = 0.5


def _name_far(field: VIZField, viz: str, fields: MRZFields) -> bool:
    """Whether the VIZ name ``viz``, read cleanly (letters, spaces, hyphens and apostrophes, three letters or more),
    has nothing of the MRZ's in any of its transliterations (Part 3, 6): not as a whole (:data:`NAME_FAR`), not one
    word of it. An MRZ name that may be truncated (Part 4, 4.2.3) is never far: its words may be initials."""
    from docexam.mrz.viz import NAME_LIKENESS, name_key, name_spellings

    if fields.name.possibly_truncated or not re.fullmatch(_CLEAN_NAME, viz.strip()):
        return False
    mrz = name_key(str(getattr(fields, field.value) or ""))
    mrz_letters = re.sub(r"[^A-Z]", "", mrz)
    if len(mrz_letters) < 3:
        return False
    compared = False
    for spelling in name_spellings(viz):
        letters = re.sub(r"[^A-Z]", "", spelling)
        if len(letters) < len(re.sub(r"[\W\d_]", "", spelling)):
            continue  # kept in its own script (the tables write the whole name, or none of it)
        if len(letters) < 3 or difflib.SequenceMatcher(None, letters, mrz_letters).ratio() > NAME_FAR:
            return False
        for word in spelling.split():
            if len(word) >= 3 and any(difflib.SequenceMatcher(None, word, m).ratio() >= NAME_LIKENESS
                                      for m in mrz.split()):
                return False
        compared = True
    return compared


def _word_far(field: VIZField, viz: str, fields: MRZFields) -> bool:
    """Whether the VIZ name ``viz`` (two words or more, read cleanly) is the MRZ's with one word another name: as many
    words as the MRZ's, in its order (Part 4, 4.2.3: the VIZ and the MRZ print the names alike), each as alike as
    :data:`docexam.mrz.viz.NAME_LIKENESS` to the MRZ's word in its place but one or more that have nothing of theirs
    (:data:`NAME_FAR`), in every transliteration (Part 3, 6), three letters or more each and one of them four or more:
    a word of three letters misread in two is as far from its own, whereas 'LUTON' read twice for 'VAL' (a real
    corpus page, re-printed) is another name. The words that agree show the field was read,
    and where; a second given name printed again for another holder's is this. An MRZ name that may be truncated is
    never far."""
    from docexam.mrz.viz import NAME_LIKENESS, name_key, name_spellings

    if fields.name.possibly_truncated or not re.fullmatch(_CLEAN_NAME, viz.strip()):
        return False
    mrz = name_key(str(getattr(fields, field.value) or "")).split()
    if len(mrz) < 2:
        return False
    compared = False
    for spelling in name_spellings(viz):
        words = spelling.split()
        if len(re.sub(r"[^A-Z]", "", spelling)) < len(re.sub(r"[\W\d_]", "", spelling)):
            continue  # kept in its own script
        if len(words) != len(mrz):
            return False
        ratios = [difflib.SequenceMatcher(None, w, m).ratio() for w, m in zip(words, mrz, strict=True)]
        far = [r <= NAME_FAR and min(len(w), len(m)) >= 3 and max(len(w), len(m)) >= 4
               for r, w, m in zip(ratios, words, mrz, strict=True)]
        if not any(far) or not all(f or r >= NAME_LIKENESS for f, r in zip(far, ratios, strict=True)):
            return False
        compared = True
    return compared


def understood(key: str, viz: str) -> bool:
    """Whether the VIZ text of ``key`` as read can be compared at all: a date in a printed form, a document number of
    three characters or more, a name with letters, a code printed as the code. What cannot be is not evidence
    either way: the field was not examined."""
    if key in CODE_FIELDS:
        return _code_of(key, viz) is not None
    field = viz_field(key)
    if field is None:
        return False
    if field.is_date:
        return printed_date(viz) is not None or read_date(viz) is not None
    if field is VIZField.DOCUMENT_NUMBER:
        return len(number_key(viz, ocr=True)) >= 3
    return len(_name_letters(viz)) >= 2


def _name_letters(text: str) -> str:
    """The letters of a name as read, in capitals without accents, in any script (a Cyrillic name read with the
    national models is a name too)."""
    return re.sub(r"[\W\d_]", "", plain_upper(text))


def _value_of(key: str, viz: str) -> object:
    """What the VIZ text of ``key`` says, for telling whether two readings agree: a date's (day, month, year), a
    number's or name's characters, a code."""
    if key in CODE_FIELDS:
        return _code_of(key, viz)
    field = viz_field(key)
    if field is not None and field.is_date:
        found = printed_date(viz) or ((*read_date(viz), False) if read_date(viz) else None)  # type: ignore[misc]
        return found[:3] if found else None
    if field is VIZField.DOCUMENT_NUMBER:
        return number_key(viz, ocr=True)
    return _name_letters(viz)


def _same_value(key: str, a: object, b: object) -> bool:
    """Whether two readings' values (:func:`_value_of`) are one: equal, or for a document number the same but for
    characters OCR takes for one another (:data:`LOOKALIKES`, :data:`LETTER_CONFUSIONS`: BI5415808 and BJ5415808)."""
    if a == b:
        return True
    field = viz_field(key)
    if field is VIZField.DOCUMENT_NUMBER and isinstance(a, str) and isinstance(b, str) and a and len(a) == len(b):
        return all(x == y or frozenset((x, y)) in LETTER_CONFUSIONS for x, y in zip(a, b, strict=True))
    if field is VIZField.DOCUMENT_NUMBER and isinstance(a, str) and isinstance(b, str) \
            and min(len(a), len(b)) >= NUMBER_CONFIRMS and abs(len(a) - len(b)) == 1:
        # one reading lost a character the other has (a 7 read as '/', dropped with the marks): the same number
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    if field is not None and field.is_name and isinstance(a, str) and isinstance(b, str) and a and b:
        # one name read twice, a letter misread or a speck read as a letter beside it (ХОФЁЛИНА НАХОЛОВНА Ів)
        return difflib.SequenceMatcher(None, a, b).ratio() >= NAME_CONFIRMS
    return False


#: How alike (difflib ratio of their letters) two readings of a name must be to read one name; and, at least, to be
#: readings of one name misread two ways rather than of a value that could not be read.
NAME_CONFIRMS = 0.85
NAME_READINGS_ALIKE = 0.5
#: The least length of two readings of a document number, one of them a character short, that confirm each other.
NUMBER_CONFIRMS = 6


def _readings_alike(names: Sequence[str]) -> bool:
    """Whether every two of the readings ``names`` of a name share as much as :data:`NAME_READINGS_ALIKE` of their
    letters (:func:`_name_letters`, difflib's ratio): 'TOLBERANI' and 'TOLBERAM' do, 'SARAK' and 'FAST' do not."""
    letters = [_name_letters(n) for n in names]
    return all(difflib.SequenceMatcher(None, a, b).ratio() >= NAME_READINGS_ALIKE
               for i, a in enumerate(letters) for b in letters[i + 1 :])


class Outcome(StrEnum):
    """What the VIZ field's readings say against the MRZ."""

    AGREES = "agrees"  # a reading agrees with the MRZ
    DIFFERS = "differs"  # confidently another value: an alarm
    DOUBTFUL = "doubtful"  # another value, but as likely a misreading: a note
    NOT_EXAMINED = "not_examined"  # nothing read that could be compared


@dataclass(frozen=True)
class FieldJudgement:
    """The VIZ field ``key`` against the MRZ: the :class:`Outcome`, the reading it rests on, and how it disagrees
    (docexam.details, None when it does not)."""

    key: str
    outcome: Outcome
    text: str = ""
    why: Said | None = None


def _digits_confirmed(key: str, text: str, readings: Sequence[tuple[str, float]], fields: MRZFields) -> bool:
    """Whether another reading confirms date ``text``'s disagreement with the MRZ in the part that disagrees, though
    it garbled another: the disagreement lies in the day or the year (it stays with the MRZ's month put in), and
    another reading has the same digits ('25 MOY 2032' beside '25 NOV 2032'); or it lies in the month alone, and
    another reading names the same month in words ('25 NOV 2o2?z' beside '25 NOV 2027')."""
    field = viz_field(key)
    if field is None or not field.is_date:
        return False
    found = printed_date(text)
    raw, iso = _mrz_value(field, fields)
    if found is None or raw is None or len(raw) != 6 or not raw.isdigit():
        return False
    day, month, year, four = found
    try:
        if date_agrees(day, int(raw[2:4]), year, four_digit_year=four, mrz_raw=raw, mrz_iso=iso):
            # Only the month differs: confirmed by another reading of the same month in words ('25 NOV 2o2?z' beside
            # '25 NOV 2027'), its digits garbled or not.
            return re.search(r"[^\W\d_]", text) is not None and sum(_month_word(t) == month for t, _ in readings) >= 2
    except ValueError:
        pass  # no such day in the MRZ's month: the day differs
    digits = re.sub(r"\D", "", text)
    return (sum(re.sub(r"\D", "", t) == digits for t, _ in readings) >= 2
            or any(_one_digit_impossible(digits, t) for t, _ in readings)
            or _part_confirmed(text, readings, raw))


def _differing(a: str, b: str) -> int:
    """How many characters of two document numbers of one length differ, look-alikes (:data:`LOOKALIKES`) taken
    as one."""
    return sum(x != y for x, y in zip(a.translate(LOOKALIKES), b.translate(LOOKALIKES), strict=True))


def _number_confirmed(key: str, text: str, readings: Sequence[tuple[str, float]], fields: MRZFields) -> bool:
    """Whether another reading vouches for document number ``text``'s disagreement with the MRZ though it is not the
    same: both of the MRZ number's length, each with at least half of its characters another, and the two alike but
    for one character. A misreading of the MRZ's number keeps most of it, and two readings made differently seldom
    land on one other number: their one difference is a misread of one of them ('47337355' beside '47337455' for
    69561148; 'R8OE8962' beside 'R8018962' for H1402723: real corpus pages at 100 dpi, re-printed)."""
    if viz_field(key) is not VIZField.DOCUMENT_NUMBER:
        return False
    mine, mrz = number_key(text), number_key(fields.document_number or "")
    if not mrz or len(mine) != len(mrz) or 2 * _differing(mine, mrz) < len(mrz):
        return False
    for other, _conf in readings:
        theirs = number_key(other)
        if theirs != mine and len(theirs) == len(mine) and _differing(theirs, mine) <= 1 \
                and 2 * _differing(theirs, mrz) >= len(mrz):
            return True
    return False


def _one_digit_impossible(digits: str, other: str) -> bool:
    """Whether reading ``other`` has ``digits`` but for one, which makes it no calendar date at all ('19.41.2032'
    beside '19.11.2032': the month's 1 read as 4; with ``digits``' digit there it is a date). A digit that makes a
    date impossible is misread, and the reading still vouches for every other digit as a second reading with them
    all would (:func:`_digits_confirmed`)."""
    theirs = re.sub(r"\D", "", other)
    if len(theirs) != len(digits) or sum(a != b for a, b in zip(theirs, digits, strict=True)) != 1:
        return False
    if printed_date(other) is not None or read_date(other) is not None:
        return False
    # that digit, not another part of the reading ('26 MOY 2032'), is what makes it no date: with ours, it is one
    k = next(i for i, (a, b) in enumerate(zip(theirs, digits, strict=True)) if a != b)
    at = [m.start() for m in re.finditer(r"\d", other)][k]
    return printed_date(other[:at] + digits[k] + other[at + 1 :]) is not None


def _word_confirmed(key: str, text: str, readings: Sequence[tuple[str, float]], fields: MRZFields) -> bool:
    """Whether a word of the VIZ name ``text`` that has nothing of any of the MRZ's words (:data:`NAME_FAR`, four
    letters or more) is read alike (:data:`NAME_CONFIRMS`) in another reading that garbled the rest: 'Zech Vapurl'
    beside 'Zid Vapurl' against the MRZ's ZIDI<PASAR (a Finnish page's second given name printed again, VAPURL read
    twice), as :func:`_part_confirmed` confirms a part of a date. A misread word keeps some of its letters, and is
    seldom misread the same way twice. An MRZ name that may be truncated (Part 4, 4.2.3) confirms nothing: its words may be cut."""
    from docexam.mrz.viz import name_key

    field = viz_field(key)
    if field is None or not field.is_name or fields.name.possibly_truncated:
        return False
    mrz = name_key(str(getattr(fields, field.value) or "")).split()

    def words(t: str) -> list[str]:
        return [w for w in name_key(tidy_name(t)).split() if w.isalpha()]

    far = [w for w in words(text) if len(w) >= 4
           and all(difflib.SequenceMatcher(None, w, m).ratio() <= NAME_FAR for m in mrz)]
    others = [words(t) for t, _ in readings if t and t != text]
    return any(any(difflib.SequenceMatcher(None, w, o).ratio() >= NAME_CONFIRMS for o in other)
               for w in far for other in others)


def _part_confirmed(text: str, readings: Sequence[tuple[str, float]], raw: str) -> bool:
    """Whether a part of date ``text`` in digits (its day, month, or year's last two) that differs from the MRZ's
    ``raw`` YYMMDD (Part 3, 4.8) in both its digits is read alike, in the same place among the digits, in another
    reading that garbled the rest: '1955.12.30' beside '1985.12.3D' against the MRZ's 880317 (the month 12 for 03, read
    twice). A misread digit (3 for 8) changes one digit of a part, seldom both, and seldom the same way twice."""
    found = printed_date(text)
    if found is None:
        return False
    day, month, year, _ = found
    groups = re.findall(r"\d+", text)
    others = [re.findall(r"\d+", t) for t, _ in readings]
    for value, mrz in ((f"{day:02d}", raw[4:6]), (f"{month:02d}", raw[2:4]), (f"{year % 100:02d}", raw[0:2])):
        if any(a == b for a, b in zip(value, mrz, strict=True)):
            continue
        for i, group in enumerate(groups):
            if group[-2:] != value:
                continue
            if sum(i < len(g) and g[i] == group for g in others) >= 2:  # this reading and another
                return True
    return False


def _month_letters(text: str) -> str:
    """A date as read with a month's O read as the digit 0 read as the letter ('140CT 55' is 14 OCT 55, 'N0V' is
    NOV): a run of letters and zeros that names a month with its zeros read as O. A zero beside digits only stays."""
    def letters(m: re.Match[str]) -> str:
        run = m.group(0).replace("0", "O")
        return run if "0" in m.group(0) and _month_word(run) is not None else m.group(0)

    return re.sub(r"[^\W\d_]*0[^\W\d_]+|[^\W\d_]+0[^\W\d_]*", letters, text)


def _month_word(text: str) -> int | None:
    """The month a date as read names in words (the first word of three letters or more that is a month's name in
    the tables of :func:`docexam.mrz.viz.printed_date`), whatever its digits read as; None when it names none."""
    for word in re.findall(r"[^\W\d_]{3,}", plain_upper(text)):
        found = printed_date(f"01 {word} 2000")
        if found is not None:
            return found[1]
    return None


def _year_of(text: str) -> int | None:
    """The one four-digit year (19xx or 20xx) a date as read holds, its day or month garbled ('- @% 2032'); None
    when it holds none, or more than one."""
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)
    return int(years[0]) if len(years) == 1 else None


def _year_judgement(key: str, read: VIZRead, fields: MRZFields) -> FieldJudgement:
    """A VIZ date none of whose readings is a whole date (:func:`understood`), judged on its year alone: every
    reading holds the same four-digit year (:func:`_year_of`) and it is not the MRZ's: the date differs whatever its
    day and month (a re-printed expiry date whose day is too small to read: '- @% 2032' and 'MAY 2032' against an MRZ
    saying 2028), an alarm when read so two ways; one reading, or readings of other years, a note; else (the year
    the MRZ's, or no year read) not examined."""
    field = viz_field(key)
    raw, iso = _mrz_value(field, fields) if field is not None else (None, None)
    years = [_year_of(t) for t, _ in read.readings if t]
    if iso is None or raw is None or not years or any(y is None for y in years):
        return FieldJudgement(key, Outcome.NOT_EXAMINED, read.text)
    mrz_year = int(iso[:4])
    if all(y == mrz_year for y in years):
        return FieldJudgement(key, Outcome.NOT_EXAMINED, read.text)
    why = say("viz_date_differs", field=_field_word(key), viz=read.text, mrz=raw)
    sharp = read.sharpness is None or read.sharpness >= MIN_SHARPNESS
    if len(years) >= 2 and len(set(years)) == 1 and sharp:
        return FieldJudgement(key, Outcome.DIFFERS, read.text, why)
    return FieldJudgement(key, Outcome.DOUBTFUL, read.text, why)


def judge(key: str, read: VIZRead, fields: MRZFields) -> FieldJudgement:
    """The readings of the VIZ field ``key`` against the MRZ's ``fields``, decided from all of them: one that agrees
    with the MRZ clears the field (the readings were made differently, and a misreading does not land on the MRZ's
    value); else one that disagrees :func:`decisive`\\ly is an alarm when another reading confirms its value (or, for a
    field read one way only, as a caller may give it, with tesseract's confidence); a disagreement that is not is a
    note; and when nothing read can be compared (:func:`understood`), the field was not examined."""
    field = viz_field(key)
    if field is not None and field.is_date:
        read = replace(read, readings=tuple((_month_letters(t), c) for t, c in read.readings))
    readable = [(t, c) for t, c in read.readings if t and understood(key, t)]
    if not readable:
        if field is not None and field.is_date:
            return _year_judgement(key, read, fields)
        return FieldJudgement(key, Outcome.NOT_EXAMINED, read.text)
    differing = []
    for text, conf in readable:
        why = viz_disagreement_said(key, text, fields)
        if why is None:
            return FieldJudgement(key, Outcome.AGREES, text)
        differing.append((text, conf, why))
    # Where the value was read more than one way, a disagreement alone is not trusted, only one another reading
    # confirms: a reading that could not be understood at all, or one that says a third value, shows the value is
    # hard to read here (blurred, small, under print: a blurred capture's expiry 30 read once 29 and once 39).
    several = len(read.readings) > 1
    if read.sharpness is not None and read.sharpness < MIN_SHARPNESS:
        text, _, why = differing[0]
        return FieldJudgement(key, Outcome.DOUBTFUL, text, why)  # too blurred here for any reading to accuse the MRZ
    for i, (text, conf, why) in enumerate(differing):
        value = _value_of(key, text)
        confirmed = (any(j != i and _same_value(key, _value_of(key, other), value) for j, (other, _, _) in enumerate(differing))
                     or _digits_confirmed(key, text, read.readings, fields)
                     or _number_confirmed(key, text, read.readings, fields)
                     or _word_confirmed(key, text, read.readings, fields))
        if (confirmed or (conf >= MIN_VIZ_CONFIDENCE and not several)) and decisive(key, text, fields, confirmed=confirmed):
            return FieldJudgement(key, Outcome.DIFFERS, text, why)
    if field is not None and field.is_name and len(differing) >= 2 and len(differing) == len(read.readings) \
            and all(_name_far(field, tidy_name(text), fields) for text, _, _ in differing) \
            and _readings_alike([tidy_name(text) for text, _, _ in differing]):
        # Each reading a name with nothing of the MRZ's, though not the same one: readings that fail in different
        # ways may differ from each other, but a misreading of the MRZ's name keeps some of it in one of them. They
        # must still read one name: readings with little in common ('SARAK' beside 'FAST' for GIDASBE, a Finnish
        # page at 120 dpi) show a value too small or soft to read, not another one.
        text, _, why = max(differing, key=lambda d: d[1])
        return FieldJudgement(key, Outcome.DIFFERS, text, why)
    text, _, why = differing[0]
    return FieldJudgement(key, Outcome.DOUBTFUL, text, why)


def read_viz(rectified: Mapping[str, np.ndarray], reference: Reference) -> dict[str, VIZRead] | None:
    """Tesseract's readings ``{field: VIZRead}`` of the VIZ fields the MRZ repeats, or None when they cannot be read
    here (no visible light, no ``viz:*`` regions, or tesseract not installed).

    Runs tesseract in a subprocess: a caller can run it in a thread while it does other work.
    """
    from docexam.ocr import tesseract

    keys = viz_keys(reference)
    if not keys or Light.VISIBLE not in rectified or not tesseract.available():
        return None
    return _viz_texts(rectified[Light.VISIBLE], reference, keys)


#: Languages whose names a VIZ prints in Cyrillic (Part 3, 3.1; :data:`docexam.ocr.languages.MODELS`): read with
#: the Latin model, such a name is Latin look-alikes, no evidence against the MRZ's transliteration either way.
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})


def _national_reading(visible: np.ndarray, reference: Reference, key: str, language: str | None = None) -> VIZRead | None:
    """The VIZ name ``key`` read with tesseract's models for national scripts (:data:`NATIONAL_SCRIPTS`, those
    installed), or with the model of the names' ``language`` when it is another (``aze+eng`` for Azerbaijani:
    :func:`docexam.ocr.languages.models_for`), both preparations of the value in one run (:func:`_value_views`);
    None when there are none or nothing is read."""
    from docexam.ocr import languages, tesseract

    langs = "+".join(lang for lang in NATIONAL_SCRIPTS if lang in tesseract.languages())
    own = languages.MODELS.get(language or "")
    if own is not None and own not in (*NATIONAL_SCRIPTS, languages.ENGLISH) and own in tesseract.languages():
        langs = languages.models_for(language).lang
    if not langs:
        return None
    grey = _grey(visible)
    crop, core = _field_crop(grey, reference.read_box(f"viz:{key}"))
    views = _value_views(crop, core=core) if crop is not None else []
    if not views:
        return None
    readings = []
    for words in tesseract.read_lines(views, lang=langs):
        text = " ".join(word.text for word in words)
        readings.append((text, float(np.mean([word.conf for word in words])) if words else 0.0))
    return VIZRead(tuple(readings), sharpness(crop[:, core[0] : core[1]])) if any(t for t, _ in readings) else None


#: The VIZ fields whose MRZ value a check digit covers (Doc 9303 Part 3, 4.9): compared with an MRZ whose check
#: digits all hold even when it was read with low confidence.
VOUCHED = frozenset({VIZField.DOCUMENT_NUMBER, VIZField.BIRTH_DATE, VIZField.EXPIRY_DATE})


def _viz_findings(reference, reading: ReadResult, light: str, cells, read_box: Box, texts: dict,
                  evidence: MRZEvidence, visible: np.ndarray | None = None, *,
                  only: frozenset[str] | None = None) -> list[Finding]:
    keys = [k for k in viz_keys(reference) if only is None or k in only]
    fields = reading.correction.result.fields
    layout = LAYOUTS[reading.correction.result.format]
    failing = {ch.name for ch in reading.correction.result.checks if not ch.valid}
    out = []
    for key in keys:
        read = texts.get(key)
        if isinstance(read, tuple):  # (text, confidence), as read_viz gave it before VIZRead
            read = VIZRead((read,))
        if read is None or not any(t for t, _ in read.readings):
            evidence.notes.append(say("viz_unread", field=_field_word(key)))
            continue
        judgement = judge(key, read, fields)
        evidence.viz[key] = judgement.text or read.text
        if judgement.outcome is not Outcome.AGREES and visible is not None and viz_field(key) in (VIZField.SURNAME, VIZField.GIVEN_NAMES):
            # A name printed in a national script (Cyrillic) reads as Latin look-alikes; the MRZ holds its
            # transliteration (Part 3, 6), which name_spellings compares it through.
            language = name_language(fields.issuing_state)
            national = _national_reading(visible, reference, key, language)
            own = judge(key, national, fields) if national is not None else None
            if own is not None and own.outcome is Outcome.AGREES:
                evidence.viz[key] = own.text
                continue
            if language in CYRILLIC_LANGUAGES:
                # the Latin model's reading of a Cyrillic name is no evidence: the national models' is, or none
                judgement = own if own is not None else replace(judgement, outcome=Outcome.NOT_EXAMINED)
                evidence.viz[key] = judgement.text or evidence.viz[key]
        if judgement.outcome is Outcome.AGREES:
            continue
        if judgement.outcome is Outcome.NOT_EXAMINED:
            if key in CODE_FIELDS and re.fullmatch(r"[^\W\d_]{4,}", read.text.strip()):
                continue  # printed as a word (UTOPIAN), not as the code: nothing to compare, nothing misread
            evidence.notes.append(say("viz_uncomparable", field=_field_word(key), viz=read.text))
            continue
        text, why = judgement.text, judgement.why
        score = 0.85 if judgement.outcome is Outcome.DIFFERS else 0.35
        said = _mrz_said(key, fields)
        observed = {"expected": f"mrz_value={said}" if said else "", "seen": f"viz_text={text}"}
        detail = say("viz_mismatch", why=why)
        # Both places are marked; where the MRZ field's own check digit fails, the MRZ is the likelier culprit and
        # the VIZ side is only a note.
        mrz_broken = VIZ_FIELDS[key].value in failing  # check digits are named after their field
        vbox = reference.regions[f"viz:{key}"]
        out.append(Finding(FindingKind.MRZ_VIZ_MISMATCH, Light.VISIBLE, tuple(int(v) for v in vbox),
                           min(score, 0.3) if mrz_broken else score, f"viz:{key}", said=detail, **observed))
        span = layout.fields.get(VIZ_FIELDS[key])
        if span is not None:
            out.append(Finding(FindingKind.MRZ_VIZ_MISMATCH, light, _span_box(cells, [span], read_box), score, "mrz",
                               said=detail, **observed))
    return out


def mrz_findings(rectified: Mapping[str, np.ndarray], reference: Reference, *, today: dt.date | None = None,
                 compare_viz: bool = True, viz: Mapping[str, VIZRead | tuple[str, float]] | None = None) -> tuple[list[Finding], MRZEvidence]:
    """Findings on the questioned document's MRZ: failing check digits, and VIZ fields the MRZ contradicts.

    Parameters
    ----------
    rectified : mapping of str to ndarray
        Per light, the questioned image in the reference frame (uint8, grey or RGB).
    reference : Reference
        Its ``mrz`` and ``viz:*`` regions place the findings (without them, the MRZ is searched for in the whole
        image and the VIZ is not compared).
    today : date, optional
        For the MRZ's date checks.
    compare_viz : bool
        Compare the VIZ with the MRZ (reading it with tesseract, when installed, unless ``viz`` is given).
    viz : dict, optional
        The VIZ already read (:func:`read_viz`), e.g. in a thread while the images were compared; a field's
        ``(text, confidence)`` is taken as one reading.

    Returns
    -------
    findings : list of Finding
    evidence : MRZEvidence
    """
    evidence = MRZEvidence()
    reading, light, read_box = read_mrz(rectified, reference, today=today)
    evidence.reading, evidence.light = reading, light
    if reading is None or reading.correction is None or reading.correction.result.format is None:
        tried = [x for x in MRZ_LIGHTS if x in rectified]
        evidence.notes.append(say("mrz_unread" if len(tried) > 1 else f"mrz_unread_{tried[0]}" if tried
                                  else "mrz_no_light"))
        return [], evidence
    c = reading.correction
    x, y, _, _ = read_box
    if reading.region is not None:
        corners = reading.region.corners + np.array([x, y], np.float32)
        x0, y0 = corners.min(axis=0)
        x1, y1 = corners.max(axis=0)
        read_box = (int(x0), int(y0), int(x1 - x0), int(y1 - y0))
    cells = _cell_boxes(reference, c.result.format, len(c.lines))
    findings = _with_check_digits(_check_findings(reading, light, cells, read_box), reading)
    findings += glyph_findings(reading, light, offset=(x, y))
    if not compare_viz or c.result.fields is None:
        return findings, evidence
    only = None
    if not trusted(c):
        if not c.result.valid:
            evidence.notes.append(say("viz_not_compared_unsure"))
            return findings, evidence
        # Read with low confidence but every check digit holds: the fields they cover (the document number and the
        # dates, Doc 9303 Part 3, 4.9) are vouched for by them and the composite; a name or code has none, and is
        # compared only where its own characters were read surely (trusted_span: a reading doubtful only in its
        # number's O and 0 still reads the name).
        layout = LAYOUTS[c.result.format]
        only = frozenset(k for k in viz_keys(reference) if viz_field(k) in VOUCHED
                         or (span := layout.fields.get(VIZ_FIELDS[k])) is not None and trusted_span(c, span))
        evidence.notes.append(say("viz_compared_vouched"))
        if not only:
            return findings, evidence
    texts = viz if viz is not None else read_viz(rectified, reference)
    if texts is None:
        evidence.notes.append(say("viz_not_compared_no_ocr"))
        return findings, evidence
    findings += _viz_findings(reference, reading, light, cells, read_box, texts, evidence,
                              rectified.get(Light.VISIBLE), only=only)
    return findings, evidence
