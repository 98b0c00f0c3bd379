"""Other holders' documents of a real design, made from one real specimen image (visible light): the holder's
text found, inpainted from the background around it and printed again for an invented holder, with a valid MRZ
for that holder (issue 19, "Measure").

Written apart from docexam's reading and annotation (nothing of :mod:`docexam.compare` or
:mod:`docexam.references`): the words are tesseract's (pytesseract directly, ``--psm 11``); the holder's words are
those whose text the MRZ repeats (names, document number, dates in any printed form, a date misread by one digit
of its day or month too), the MRZ's lines those whose text is nearest the MRZ ``truth.json`` gives. The images are
read from ../shared/corpus at run time, never copied.

A genuine document of another holder has ALL its personal data printed in one process: one printer, one ink (Doc
9303 Part 2, 5.3: the personalisation is one layer over the background print). Printed again half done, some values
in an ink or a sharpness of their own beside the original's print, the document would be a mixed print, which is
what a forgery of a single field looks like. So each value printed again is printed as the specimen's printer
printed it: in the ink of its strokes' cores (the darkest of its ink: at 100 dpi the median of a value's ink pixels
is half paper), at full cover, its edge as soft as the document's own print (one blur for all its values and the
MRZ), one typeface for the document; the MRZ's lines at the height their ink fills. The holder's other values, which
the MRZ does not repeat (place of birth, date of issue, authority, sex, nationality: :func:`other_values`, lines of
print of a value's height and darkness in the values' columns or beside a value), are the same for the new holder
and stay the specimen's own print, in the ink the values printed again now match; they are counted among the
personalised areas of the layout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench import simulate as sim

#: The alteration kinds a visible-light image can carry (no UV or IR capture, the portrait not located).
REAL_KINDS = ("patch", "viz_reprint", "fixed_design")
#: MRZ formats re-personalised (their check digits are recomputed: Doc 9303 Part 4, 4.2.2; Part 5, 4.2.2; Part 6).
FORMATS = ("TD1", "TD2", "TD3")
#: Words in these notes mean the image is not a flat capture of a genuine document.
UNUSABLE_NOTES = ("rotated", "perspective", "tilted", "fictional", "sideways", "not a valid")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
MONTH_NAMES = ("JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
               "NOVEMBER", "DECEMBER")
OCRB_CAP = 0.723  # capital height of OCR-B as a fraction of its em
SANS_CAP = 0.729


class NotUsable(ValueError):
    """A corpus image this cannot re-personalise (its MRZ not found in it, too small, ...)."""


def usable(corpus: Path, *, limit: int | None = None) -> list[str]:
    """Corpus images of a data page with an ICAO MRZ that holds as printed, captured flat, at least 300 px high."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    out = []
    for name, t in sorted(truth.items()):
        if t.get("mrz") is None or t.get("format") not in FORMATS or not t.get("check_digits_valid_as_printed"):
            continue
        if any(w in (t.get("note") or "").lower() for w in UNUSABLE_NOTES):
            continue
        with Image.open(corpus / name) as im:
            if min(im.size) < 300:
                continue
        out.append(name)
    return out[:limit] if limit else out


# --- the MRZ of a new holder ---------------------------------------------------------------------------------------


def check_digit(data: str) -> str:
    """Doc 9303 Part 3, 4.9: weights 7, 3, 1; digits their value, A-Z 10-35, < 0."""
    total = 0
    for i, c in enumerate(data):
        v = int(c) if c.isdigit() else (ord(c) - 55 if "A" <= c <= "Z" else 0)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


#: Per format: (line, start, end) of the name, number, birth and expiry fields, the composite's line and position
#: and the spans it covers (Doc 9303 Part 4, 4.2.2 for TD3; Part 6, 4.2.2 for TD2; Part 5, 4.2.2 for TD1).
FIELDS = {
    "TD3": {"name": (0, 5, 44), "number": (1, 0, 9), "birth": (1, 13, 19), "expiry": (1, 21, 27),
            "composite": (1, 43, ((1, 0, 10), (1, 13, 20), (1, 21, 43)))},
    "TD2": {"name": (0, 5, 36), "number": (1, 0, 9), "birth": (1, 13, 19), "expiry": (1, 21, 27),
            "composite": (1, 35, ((1, 0, 10), (1, 13, 20), (1, 21, 35)))},
    "TD1": {"name": (2, 0, 30), "number": (0, 5, 14), "birth": (1, 0, 6), "expiry": (1, 8, 14),
            "composite": (1, 29, ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)))},
}


@dataclass(frozen=True)
class Holder:
    """The data the MRZ holds of one holder: names (identifiers), document number, dates."""

    surname: tuple[str, ...]
    given: tuple[str, ...]
    number: str
    birth: dt.date
    expiry: dt.date


def _yymmdd(d: dt.date) -> str:
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def _date(raw: str, *, expiry: bool) -> dt.date:
    yy, mm, dd = int(raw[0:2]), int(raw[2:4]), int(raw[4:6])
    year = 2000 + yy if (expiry or yy <= 26) else 1900 + yy
    return dt.date(year, mm, dd)


def holder_of(lines: list[str], fmt: str) -> Holder:
    f = FIELDS[fmt]
    li, a, b = f["name"]
    surname, _, given = lines[li][a:b].rstrip("<").partition("<<")
    li, a, b = f["number"]
    number = lines[li][a:b].rstrip("<")
    li, a, b = f["birth"]
    birth = _date(lines[li][a:b], expiry=False)
    li, a, b = f["expiry"]
    expiry = _date(lines[li][a:b], expiry=True)
    return Holder(tuple(t for t in surname.split("<") if t), tuple(t for t in given.split("<") if t), number, birth, expiry)


def invented_name(rng: random.Random, length: int) -> str:
    """A name of syllables about ``length`` letters long (no real person's)."""
    target = max(2, length + rng.randint(-1, 1))
    out = ""
    while len(out) < target:
        out += rng.choice("BDFGKLMNPRSTVZ") + rng.choice("AEIOU") + (rng.choice("NRSL") if rng.random() < 0.3 else "")
    return out[:target]


def new_holder(old: Holder, rng: random.Random, *, today: dt.date, shown: frozenset[str] | None = None) -> Holder:
    """An invented holder in ``old``'s place. What the VIZ does not show (``shown``: ``surname:0``, ``number``,
    ``birth``... as :func:`personal_words` names them; default all) stays ``old``'s, so that the VIZ the
    re-personalisation leaves and the new MRZ agree."""
    def keep(what: str) -> bool:
        return shown is not None and what not in shown

    number = old.number if keep("number") else "".join(
        rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if c.isalpha() else str(rng.randint(0, 9)) if c.isdigit() else c
        for c in old.number)
    birth = old.birth if keep("birth") else dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 55 * 365))
    expiry = old.expiry if keep("expiry") else today + dt.timedelta(days=rng.randint(200, 3600))
    surname = tuple(t if keep(f"surname:{i}") else invented_name(rng, len(t)) for i, t in enumerate(old.surname))
    given = tuple(t if keep(f"given:{i}") else invented_name(rng, len(t)) for i, t in enumerate(old.given))
    return Holder(surname, given, number, birth, expiry)


def complete(personal: list[tuple[Word, str, str]]) -> list[tuple[Word, str, str]]:
    """``personal`` without the words of a date the VIZ was not found to show whole (day, month and year, or one
    word of all three): such a date is kept as it is."""
    parts: dict[str, set[str]] = {}
    for _, what, part in personal:
        parts.setdefault(what, set()).add(part)
    whole = {w for w, p in parts.items() if "whole" in p or p >= {"day", "month", "year"}}
    return [(w, what, part) for w, what, part in personal if what not in ("birth", "expiry") or what in whole]


def value_boxes(grey: np.ndarray, personal: list[tuple[Word, str, str]]) -> list[tuple[Word, str, str]]:
    """``personal`` with a word tesseract boxed far taller than the other values (its box taking in the caption
    above it: CHN's "HUA" with "names)") cut to the rows its value's ink fills (:func:`_ink_rows`): the new value is
    printed at the box's top and at its height, so a box that tall printed it half a line up and twice the size."""
    if not personal:
        return personal
    height = float(np.median([w.box[3] for w, _, _ in personal]))
    out = []
    for w, what, part in personal:
        if w.box[3] > TALL_BOX * height:
            w = dataclasses.replace(w, box=_ink_rows(grey, w.box))
        else:
            # A box some rows taller than its value's letters, with print of a caption in them (100_pass-ltu's
            # '“BASANAVICIENE': the foot of "1. Pavardė / Surname / Nom" read as a quote mark, 23 rows for letters
            # filling 10 to 17): the caption, on every holder's document, was erased with the old value, and the new
            # value printed that much higher and larger. Cut to the rows the value's darkest ink spans and a row of
            # its strokes' soft edge each way (tesseract's boxes of values alone span as much).
            top, bottom = _value_rows(grey, w.box)
            top, bottom = max(w.box[1], top - 1), min(w.box[1] + w.box[3] - 1, bottom + 1)
            if (bottom - top + 1) <= w.box[3] - CAPTION_ROWS:
                w = dataclasses.replace(w, box=(w.box[0], top, w.box[2], bottom - top + 1), read=w.box)
        out.append((w, what, part))
    return out


#: Rows of a value's box beyond its letters' (and their soft edge) that are print of something else (a caption).
CAPTION_ROWS = 3


def _value_rows(grey: np.ndarray, box: sim.Box) -> tuple[int, int]:
    """The first and last row (image rows) of ``box`` holding the value's darkest ink: pixels within 15 % of the
    darkest print's depth below the paper. A caption's letters in the box, smaller and thinner, are captured
    lighter; the value's letters, ascenders and accents too, have such cores."""
    x, y, w, h = box
    y0 = max(0, y)
    crop = grey[y0 : y + h, max(0, x) : x + w].astype(np.float32)
    if crop.size == 0:
        return y, y + h - 1
    paper, dark = np.percentile(crop, 90), np.percentile(crop, 2)
    rows = np.flatnonzero((crop < paper - 0.85 * (paper - dark)).any(axis=1))
    if rows.size == 0:
        return y, y + h - 1
    return y0 + int(rows[0]), y0 + int(rows[-1])


#: A word's box this many times the values' median height takes in more than its value.
TALL_BOX = 1.4


def new_mrz(lines: list[str], fmt: str, holder: Holder) -> list[str]:
    """``lines`` with ``holder``'s names, number and dates, every check digit the fields carry recomputed."""
    rows = [list(line) for line in lines]
    f = FIELDS[fmt]

    def put(spec, text: str, *, cd: bool) -> None:
        li, a, b = spec
        rows[li][a:b] = list(text[: b - a].ljust(b - a, "<"))
        if cd and b < len(rows[li]) and rows[li][b].isdigit():
            rows[li][b] = check_digit("".join(rows[li][a:b]))

    li, a, b = f["name"]
    name = "<".join(holder.surname) + "<<" + "<".join(holder.given)
    put(f["name"], name, cd=False)
    put(f["number"], holder.number, cd=True)
    put(f["birth"], _yymmdd(holder.birth), cd=True)
    put(f["expiry"], _yymmdd(holder.expiry), cd=True)
    li, pos, spans = f["composite"]
    if rows[li][pos].isdigit():
        rows[li][pos] = check_digit("".join("".join(rows[s][x:y]) for s, x, y in spans))
    return ["".join(r) for r in rows]


# --- the words of the image ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    box: sim.Box
    conf: float
    #: The box tesseract drew, where :func:`value_boxes` cut it to the value's letters (the document's print
    #: softness is measured on it as before the cut).
    read: sim.Box | None = None


def read_words(rgb: np.ndarray) -> list[Word]:
    """tesseract's words (``--psm 11``), upscaled first so that small images read; boxes in ``rgb``'s pixels."""
    import pytesseract

    scale = max(1.0, min(3.0, 1400 / max(rgb.shape[:2])))
    img = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else rgb
    page = Image.fromarray(img)
    page.format = "PPM"  # written for tesseract uncompressed, not as pytesseract's PNG (0.5 s of a page's run)
    data = pytesseract.image_to_data(page, config="--psm 11 -c load_system_dawg=0 -c load_freq_dawg=0",
                                     output_type=pytesseract.Output.DICT)
    out = []
    for i, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][i]) >= 0:
            box = tuple(int(round(data[k][i] / scale)) for k in ("left", "top", "width", "height"))
            out.append(Word(text.strip(), box, float(data["conf"][i])))  # type: ignore[arg-type]
    return out


def _norm(text: str) -> str:
    return re.sub(r"[^A-Z0-9<]", "", text.upper())


def _same_line(a: Word, b: Word) -> bool:
    ca, cb = a.box[1] + a.box[3] / 2, b.box[1] + b.box[3] / 2
    return abs(ca - cb) < 0.6 * max(a.box[3], b.box[3])


def mrz_lines(words: list[Word], lines: list[str]) -> list[tuple[sim.Box, int]]:
    """The box and character count of each MRZ line: the run of words on one text line whose text is nearest it."""
    found = []
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.box[1]):
        for r in rows:
            if _same_line(r[0], w):
                r.append(w)
                break
        else:
            rows.append([w])
    for line in lines:
        best, best_ratio = None, 0.0
        for r in rows:
            r = sorted(r, key=lambda w: w.box[0])
            for i in range(len(r)):  # the longest run ending anywhere that matches best
                for j in range(i + 1, len(r) + 1):
                    text = "".join(_norm(w.text) for w in r[i:j])
                    if len(text) < len(line) // 3:
                        continue
                    ratio = difflib.SequenceMatcher(None, text, line).ratio()
                    if ratio > best_ratio:
                        best, best_ratio = r[i:j], ratio
        if best is None or best_ratio < 0.5:
            raise NotUsable(f"MRZ line {line!r} not found in the image")
        box = best[0].box
        for w in best[1:]:
            box = sim.union(box, w.box)
        text = "".join(_norm(w.text) for w in best)
        found.append((box, text))
    # the pitch from a line that ends in a character, not a filler (the composite check digit's line): its words
    # run from its first character to its last; a line of fillers at its end is read with some of them or none
    ends = [box[2] / len(line) for (box, _), line in zip(found, lines, strict=True) if not line.endswith("<")]
    pitch = sorted(ends)[len(ends) // 2] if ends else max(box[2] / max(1, len(text)) for box, text in found)
    return [((box[0], box[1], int(round(pitch * len(line))), box[3]), len(line))
            for (box, _), line in zip(found, lines, strict=True)]


def _date_parts(d: dt.date) -> dict[str, str]:
    parts = {f"{d.day:02d}": "day", str(d.day): "day", str(d.year): "year", f"{d.year % 100:02d}": "year"}
    parts |= {MONTHS[d.month - 1]: "month", f"{d.month:02d}": "month"}
    return parts


def _date_forms(d: dt.date) -> dict[str, slice]:
    """The digits of ``d`` in the forms a VIZ prints it in, each with the slice of its day and month."""
    return {f"{d.day:02d}{d.month:02d}{d.year}": slice(0, 4), f"{d.day:02d}{d.month:02d}{d.year % 100:02d}": slice(0, 4),
            f"{d.year}{d.month:02d}{d.day:02d}": slice(4, 8)}


def _misread_date(digits: str, d: dt.date) -> bool:
    """Whether ``digits`` are ``d``'s in one of its forms with one digit of the day or month misread (tesseract reads
    a 5 as 8, a 1 as 4 or 7). Never a digit of the year: a date of issue is often the date of expiry ten years before,
    one digit of the year apart."""
    for form, day_month in _date_forms(d).items():
        if len(form) == len(digits):
            wrong = [i for i, (a, b) in enumerate(zip(form, digits, strict=True)) if a != b]
            if len(wrong) == 1 and day_month.start <= wrong[0] < day_month.stop:
                return True
    return False


def personal_words(words: list[Word], holder: Holder, mrz_boxes: list[sim.Box]) -> list[tuple[Word, str, str]]:
    """The words the MRZ repeats, each as ``(word, what, part)``: ``what`` is ``surname:i``, ``given:i``,
    ``number``, ``birth`` or ``expiry``; ``part`` a date's ``day``, ``month``, ``year`` or ``whole``."""
    out: list[tuple[Word, str, str]] = []
    candidates = [w for w in words if not any(sim._overlap_share(w.box, m) > 0.3 for m in mrz_boxes)]
    for w in candidates:
        t = _norm(w.text).replace("<", "")
        if len(t) < 2:
            continue
        for i, tok in enumerate(holder.surname):
            if t == tok or (len(tok) >= 5 and difflib.SequenceMatcher(None, t, tok).ratio() >= 0.85):
                out.append((w, f"surname:{i}", "name"))
        for i, tok in enumerate(holder.given):
            if t == tok or (len(tok) >= 5 and difflib.SequenceMatcher(None, t, tok).ratio() >= 0.85):
                out.append((w, f"given:{i}", "name"))
        if len(holder.number) >= 5 and (t == holder.number or holder.number in t):
            out.append((w, "number", "name"))
    exact = {w.box for w in candidates for d in (holder.birth, holder.expiry)
             if re.sub(r"\D", "", _norm(w.text)) in _date_forms(d) and len(_norm(w.text)) >= 6}
    for what, d in (("birth", holder.birth), ("expiry", holder.expiry)):
        digits = _date_forms(d)
        parts = _date_parts(d)
        tagged = []
        near = []
        for w in candidates:
            t = _norm(w.text)
            if re.sub(r"\D", "", t) in digits and len(t) >= 6:
                out.append((w, what, "whole"))
            elif len(t) >= 6 and w.box not in exact and _misread_date(re.sub(r"\D", "", t), d):
                near.append(w)
            elif t in parts or t[:3] in MONTHS and t[:3] == MONTHS[d.month - 1]:
                tagged.append((w, parts.get(t, "month")))
        if len(near) == 1 and not any(what_ == what for _, what_, part_ in out if part_ == "whole"):
            out.append((near[0], what, "whole"))  # the date read with one digit of its day or month wrong
        for w, part in tagged:  # a day and a year of the date side by side on one line make it the date
            near = [p for v, p in tagged if v is not w and _same_line(v, w)
                    and abs((v.box[0] + v.box[2] / 2) - (w.box[0] + w.box[2] / 2)) < 14 * max(v.box[3], w.box[3])]
            if {part, *near} >= {"day", "year"}:
                out.append((w, what, part))
    # A word that reads as several of the names (SPECIMEN SPECIMEN) is the first of them not yet printed, in reading
    # order (the VIZ prints the surname before the given names: Doc 9303 Part 4, 4.2.3 orders the MRZ alike).
    names = [what for what in [f"surname:{i}" for i in range(len(holder.surname))]
             + [f"given:{i}" for i in range(len(holder.given))]]
    matched: dict[sim.Box, list[str]] = {}
    for w, what, _ in out:
        if what in names:
            matched.setdefault(w.box, []).append(what)
    taken: set[str] = set()
    chosen: dict[sim.Box, str] = {}
    for box in sorted(matched, key=lambda b: (b[1] // max(1, b[3] // 2), b[0])):
        free = [what for what in names if what in matched[box] and what not in taken]
        chosen[box] = free[0] if free else matched[box][0]
        taken.add(chosen[box])
    seen, unique = set(), []
    for w, what, part in out:
        if w.box in chosen and what != chosen[w.box]:
            continue
        if w.box not in seen:
            seen.add(w.box)
            unique.append((w, what, part))
    return unique


def replacement(word: Word, what: str, part: str, old: Holder, new: Holder) -> str:
    """The text ``word`` (the ``what``/``part`` of ``old``) reads for ``new``, in the same form and case."""
    text = word.text
    if what.startswith(("surname", "given")):
        kind, i = what.split(":")
        value = (new.surname if kind == "surname" else new.given)[int(i)]
        return value if text.isupper() or not text.isalpha() else value.capitalize()
    if what == "number":
        return text.upper().replace(old.number, new.number) if old.number in text.upper() else new.number
    d_old = old.birth if what == "birth" else old.expiry
    d_new = new.birth if what == "birth" else new.expiry
    if part == "whole":
        digits = iter(re.sub(r"\D", "", _whole(d_new, re.sub(r"\D", "", text), d_old)))
        return "".join(next(digits, c) if c.isdigit() else c for c in text)
    if part == "day":
        return f"{d_new.day:0{len(text)}d}" if text.isdigit() else text
    if part == "year":
        return str(d_new.year)[-len(text):] if text.isdigit() else text
    if text[:3].upper() in MONTHS:
        full = MONTH_NAMES[MONTHS.index(text[:3].upper())]
        old_name, new_name = (full, MONTH_NAMES[d_new.month - 1]) if text.upper().startswith(full) else (
            MONTHS[d_old.month - 1], MONTHS[d_new.month - 1])
        rest = text[len(old_name):].split("/")[0]  # another language's month after a slash is left out
        new_name = new_name if text[:3].isupper() else new_name.capitalize()
        return new_name + rest
    return f"{d_new.month:0{len(text)}d}" if text.isdigit() else text


def _whole(d: dt.date, digits: str, old: dt.date) -> str:
    """``d`` in the form ``digits`` print ``old`` in (the nearest form of the same length: a digit may be misread)."""
    forms = [(f"{old.day:02d}{old.month:02d}{old.year}", f"{d.day:02d}{d.month:02d}{d.year}"),
             (f"{old.year}{old.month:02d}{old.day:02d}", f"{d.year}{d.month:02d}{d.day:02d}"),
             (f"{old.day:02d}{old.month:02d}{old.year % 100:02d}", f"{d.day:02d}{d.month:02d}{d.year % 100:02d}")]
    same = [(sum(a != b for a, b in zip(o, digits, strict=True)), n) for o, n in forms if len(o) == len(digits)]
    return min(same)[1] if same else forms[-1][1]


# --- the holder's other values ---------------------------------------------------------------------------------------

#: Grey levels by which a value's ink is darker than the paper around it (background lines: 20-50).
VALUE_INK = 60
#: A word or line of print is one of the holder's values when its tallest letter is this share of the height of the
#: values the MRZ repeats (tesseract's boxes of them; captions: about half), and its darkest ink no more than this
#: many grey levels lighter than theirs.
VALUE_HEIGHT = (0.75, 1.3)
VALUE_DARKNESS = 45


def tallest_letter(grey: np.ndarray, box: sim.Box) -> int:
    """The height of the tallest blob of ink in ``box`` (pixels): a word's capitals, which at 100 dpi run into each
    other, and into a caption's letters where they touch."""
    mask = sim.ink_mask(grey, box=box, darker_by=VALUE_INK).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return max((int(st[3]) for st in stats[1:] if st[4] >= 4), default=0)


def _darkest(grey: np.ndarray, box: sim.Box) -> float:
    x, y, w, h = box
    crop = grey[max(0, y) : y + h, max(0, x) : x + w]
    return float(np.percentile(crop, 5)) if crop.size else 255.0


def _lines_of_print(grey: np.ndarray, height: float) -> list[sim.Box]:
    """Lines of dark print whose letters are about ``height`` high: the letters (blobs of ink of that height) of a
    word and the words of a line joined."""
    k = max(9, round(1.5 * height) | 1)
    background = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    dark = ((background.astype(np.int16) - grey.astype(np.int16)) > VALUE_INK).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    lo, hi = VALUE_HEIGHT
    keep = np.zeros(n, np.uint8)
    for i in range(1, n):
        if lo * height <= stats[i][3] <= hi * height and stats[i][4] >= 4 and stats[i][2] <= 3 * height:
            keep[i] = 1
    letters = keep[labels]
    joined = cv2.dilate(letters, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(0.7 * height)), 1)))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:] if lo * height <= h <= hi * height]


def other_values(grey: np.ndarray, words: list[Word], anchors: list[sim.Box], mrz: list[sim.Box]) -> list[sim.Box]:
    """The holder's values the MRZ does not repeat (or that were not read): tesseract's words, and lines of print
    it did not read (a lone letter: the sex), whose letters are of the height of ``anchors``' (the values the MRZ
    repeats; captions' are about half) and as dark, that start in an anchor's column (within a letter's height) or
    lie on the line of a value found, to its right; none on the MRZ (``mrz``) or over an anchor."""
    if not anchors:
        return []
    height = float(np.median([a[3] for a in anchors]))
    darkest = float(np.median([_darkest(grey, b) for b in anchors]))
    boxes = [w.box for w in words if any(c.isalnum() for c in w.text)]
    boxes += [b for b in _lines_of_print(grey, 0.8 * height) if not any(sim._overlap_share(b, w) > 0.2 for w in boxes)]
    lo, hi = VALUE_HEIGHT
    lines = [b for b in boxes
             if lo * height <= tallest_letter(grey, b) <= hi * height
             and _darkest(grey, b) <= darkest + VALUE_DARKNESS
             and not any(sim._overlap_share(b, m) > 0.2 for m in mrz)
             and not any(sim._overlap_share(b, a) > 0.3 or sim._overlap_share(a, b) > 0.3 for a in anchors)]
    columns = [a[0] for a in anchors]

    def same_line(a: sim.Box, b: sim.Box) -> bool:
        return abs((a[1] + a[3] / 2) - (b[1] + b[3] / 2)) < 0.4 * height

    found = [b for b in lines if any(abs(b[0] - c) <= 0.6 * height for c in columns)]
    grown = True
    while grown:
        grown = False
        for b in lines:
            if b not in found and any(same_line(b, v) and v[0] < b[0] <= v[0] + v[2] + 15 * height
                                      for v in found + anchors):
                found.append(b)
                grown = True
    return sorted(found, key=lambda b: (b[1], b[0]))


def core_ink(image: np.ndarray, box: sim.Box) -> tuple[float, float, float]:
    """The colour of the ink of the print in ``box``: its strokes' cores (the darkest sixth of its ink pixels; a
    capture at 100 dpi blurs every stroke, and the median of its ink is half paper)."""
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    x, y, w, h = box
    px = image[y : y + h, x : x + w][sim.ink_mask(grey, box=box, darker_by=30)].astype(np.float32)
    if len(px) < 4:
        return 30.0, 30.0, 40.0
    lum = px.mean(axis=1)
    return tuple(float(v) for v in np.median(px[lum <= np.percentile(lum, 16)], axis=0))  # type: ignore[return-value]


def softness(grey: np.ndarray, box: sim.Box) -> float | None:
    """How soft the print in ``box`` is: the depth of its ink below the paper over its steepest edges' slope (a step
    blurred by a Gaussian of sigma s has the slope depth / (2.5 s)), pixels; None without ink."""
    x, y, w, h = box
    crop = grey[max(0, y) : y + h, max(0, x) : x + w].astype(np.float32)
    if crop.size < 16:
        return None
    k = max(3, (max(h, 8) // 2) | 1)
    depth = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))) - crop
    core = float(np.percentile(depth, 97))
    if core < VALUE_INK:
        return None
    slope = np.hypot(cv2.Sobel(crop, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(crop, cv2.CV_32F, 0, 1, ksize=3)) / 8
    return core / max(float(np.percentile(slope, 97)), 1.0)


def print_softness(cap_px: float, font: str, sigma: float) -> float:
    """:func:`softness` of a word printed at ``cap_px`` with the edge blurred by ``sigma`` (pixels)."""
    mask = np.pad(sim.text_mask("ABEMN2480", font=font, cap_px=cap_px), 4)
    if sigma > 0.05:
        mask = cv2.GaussianBlur(mask, (0, 0), sigma)
    grey = (220 * (1 - 0.85 * mask)).astype(np.uint8)
    return softness(grey, (0, 0, grey.shape[1], grey.shape[0])) or 0.0


#: Edge blurs (pixels) the printed values are chosen from: the one as soft as the document's own print.
SIGMAS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5)


def _full_cover(mask: np.ndarray) -> np.ndarray:
    """A blurred print's cover with its strokes' cores brought back to full cover: a printer's ink covers the paper
    in a stroke however thin, only the capture blurs its edge."""
    top = float(np.percentile(mask[mask > 0.05], 95)) if (mask > 0.05).any() else 1.0
    return np.clip(mask / max(top, 0.05), 0.0, 1.0)


def print_value(img: np.ndarray, text: str, *, at: tuple[int, int], cap_px: float, font: str, colour,
                sigma: float, opacity: float = 1.0) -> sim.Box:
    """``text`` printed as :func:`bench.simulate.print_text` does, its edge blurred by ``sigma``."""
    mask = sim.text_mask(text, font=font, cap_px=cap_px)
    pad = 2 if sigma > 0.05 else 0
    if pad:
        mask = _full_cover(cv2.GaussianBlur(np.pad(mask, pad), (0, 0), sigma))
    x, y = at[0] - pad, at[1] - pad
    sx, sy = max(0, -x), max(0, -y)
    h = min(mask.shape[0], img.shape[0] - y) - sy
    w = min(mask.shape[1], img.shape[1] - x) - sx
    if h <= 0 or w <= 0:
        return at[0], at[1], 0, 0
    sim._blend(img, (x + sx, y + sy, w, h), np.broadcast_to(np.float32(colour), (h, w, 3)),
           mask[sy : sy + h, sx : sx + w] * opacity)
    return x + sx, y + sy, w, h


# --- printing ------------------------------------------------------------------------------------------------------


def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(6, size))


def mrz_softness(height: int, pitch: float, sigma: float) -> float:
    """:func:`softness` of MRZ characters :func:`print_mrz_line` prints ``height`` pixels tall at ``pitch``, their edge
    blurred by ``sigma`` (pixels)."""
    line = "L898902C36UTO7408122F"
    pad = max(4, height)
    w = max(1, round(pitch * len(line)))
    img = np.full((height + 2 * pad, w + 2 * pad, 3), 220, np.uint8)
    print_mrz_line(img, line, (pad, pad, w, height), colour=(30, 30, 30), sigma=sigma)
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    return softness(grey, (pad, pad, w, height)) or 0.0


def print_mrz_line(img: np.ndarray, line: str, box: sim.Box, *, colour, sigma: float = 0.0) -> None:
    """``line`` in OCR-B, one character per pitch across ``box``, its capitals the box's height, its edge blurred
    by ``sigma`` (pixels) as the document's print is."""
    x0, y0, w, h = box
    pitch = w / len(line)
    cap = h
    font = _font(sim._font_path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"), round(cap / OCRB_CAP))
    pad = int(h)
    canvas = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    draw = ImageDraw.Draw(canvas)
    for i, c in enumerate(line):
        draw.text((pad + (i + 0.5) * pitch, pad + h - (h - cap) / 2), c, font=font, fill=255, anchor="ms")
    mask = np.asarray(canvas, np.float32) / 255
    if sigma > 0.05:
        mask = _full_cover(cv2.GaussianBlur(mask, (0, 0), sigma))
    bx, by = x0 - pad, y0 - pad
    sx, sy = max(0, -bx), max(0, -by)
    ex, ey = min(mask.shape[1], img.shape[1] - bx), min(mask.shape[0], img.shape[0] - by)
    sim._blend(img, (bx + sx, by + sy, ex - sx, ey - sy), np.broadcast_to(np.float32(colour), (ey - sy, ex - sx, 3)),
               mask[sy:ey, sx:ex])


@dataclass
class Repersonalised:
    """One invented holder's document of the real design: the image, where its personal data lie, its MRZ."""

    image: np.ndarray
    layout: sim.Layout
    mrz: list[str]
    holder: Holder
    #: What each field of ``layout`` reads now.
    texts: dict[str, str]


@dataclass
class RealDocument:
    """A real specimen image, what it says of its holder, where its MRZ and the holder's words lie."""

    name: str
    image: np.ndarray
    fmt: str
    mrz: list[str]
    holder: Holder
    mrz_boxes: list[tuple[sim.Box, int]]
    personal: list[tuple[Word, str, str]]
    dpi: float
    #: The holder's other values (:func:`other_values`), re-inked where they are.
    others: list[sim.Box] = dataclasses.field(default_factory=list)

    @classmethod
    def read(cls, corpus: Path, name: str) -> RealDocument:
        truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))[name]
        bgr = cv2.imread(str(corpus / name), cv2.IMREAD_COLOR)
        if bgr is None:
            raise NotUsable("the image does not decode")
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        lines, fmt = list(truth["mrz"]), truth["format"]
        words = read_words(rgb)
        boxes = mrz_lines(words, lines)
        pitch = boxes[0][0][2] / boxes[0][1]
        dpi = pitch / 0.1  # OCR-B size 1 at ten characters per inch (Doc 9303 Part 3, 4.2.2)
        if not 60 <= dpi <= 1200:
            raise NotUsable(f"the MRZ's pitch says {dpi:.0f} dpi")
        holder = holder_of(lines, fmt)
        personal = complete(personal_words(words, holder, [b for b, _ in boxes]))
        if not any(what.startswith(("surname", "given")) for _, what, _ in personal):
            raise NotUsable("none of the holder's names was found in the VIZ")
        grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        personal = value_boxes(grey, personal)
        others = other_values(grey, words, [w.box for w, _, _ in personal], [b for b, _ in boxes])
        return cls(name, rgb, fmt, lines, holder, boxes, personal, dpi, others)

    def repersonalise(self, rng: random.Random, *, today: dt.date = dt.date(2026, 11, 28)) -> Repersonalised:
        """The document of an invented holder, all its personal data printed in one process: each value the MRZ
        repeats inpainted and printed again for the new holder, the holder's other values re-inked where they are,
        all in the document's one personalisation ink (a value in the design's own ink keeps it), in one typeface,
        as soft as the document's print; and the MRZ printed again."""
        holder = new_holder(self.holder, rng, today=today, shown=frozenset(what for _, what, _ in self.personal))
        mrz = new_mrz(self.mrz, self.fmt, holder)
        img = self.image.copy()
        grey = cv2.cvtColor(self.image, cv2.COLOR_RGB2GRAY)
        anchors = [sim._clip(_grown(word.box, 2), img.shape[:2]) for word, _, _ in self.personal]
        others = [sim._clip(_grown(b, 2), img.shape[:2]) for b in self.others]
        texts_new = [replacement(word, what, part, self.holder, holder) for word, what, part in self.personal]
        # One typeface for the document: condensed when a new value would not fit its place in the regular one.
        regular = sim._font_path(sim._DEJAVU + "DejaVuSans.ttf")
        condensed = sim._font_path(sim._DEJAVU + "DejaVuSansCondensed.ttf")
        caps = [word.box[3] * (0.96 if _tall(text) else 0.72) for (word, _, _), text in zip(self.personal, texts_new, strict=True)]
        fits = all(sim.text_mask(text, font=regular, cap_px=cap).shape[1] <= word.box[2] * 1.15
                   for (word, _, _), text, cap in zip(self.personal, texts_new, caps, strict=True))
        font = regular if fits else condensed
        # As soft as the document's own print (its values, as captured).
        read = [sim._clip(_grown(word.read or word.box, 2), img.shape[:2]) for word, _, _ in self.personal]
        soft = [v for b in read + others if (v := softness(grey, b)) is not None]
        cap0 = float(np.median(caps))
        sigma = min(SIGMAS, key=lambda sg: abs(print_softness(cap0, font, sg) - float(np.median(soft)))) if soft else 0.0
        fields: dict[str, sim.Box] = {}
        texts: dict[str, str] = {}
        for k, ((word, what, part), text, cap, box) in enumerate(zip(self.personal, texts_new, caps, anchors, strict=True)):
            mask = sim.ink_mask(grey, box=box, darker_by=30)
            if word.read is not None:
                # A value cut from a caption it touches: only the rows of its darkest ink are erased (the inpainting
                # takes a pixel more each way), not the caption's foot that its box's soft edge reaches into.
                top, bottom = _value_rows(grey, word.box)
                rows = np.arange(box[1], box[1] + box[3])
                mask &= ((rows >= top) & (rows <= bottom))[:, None]
            colour = core_ink(self.image, box)
            sim.inpaint(img, mask, box=box, grow=1)
            width = sim.text_mask(text, font=font, cap_px=cap).shape[1]
            if width > word.box[2] * 1.15:  # smaller, not to run into the next word
                cap *= word.box[2] * 1.15 / width
            printed = print_value(img, text, at=(word.box[0], word.box[1] + (0 if _tall(text) else int(word.box[3] * 0.02))),
                                  cap_px=cap, font=font, colour=colour, sigma=sigma)
            fields[f"{what}-{part}-{k}"] = sim.union(word.box, printed) if printed[2] else word.box
            texts[f"{what}-{part}-{k}"] = text
        mrz_sigma = self.mrz_sigma if self.mrz_sigma is not None else sigma
        for (box, _), line in zip(self.mrz_boxes, mrz, strict=True):
            # Only the characters' rows are inpainted: the background print around them stays the design's.
            rows = _ink_rows(grey, box)
            area = sim._clip(_grown(rows, 3), img.shape[:2])
            mask = sim.ink_mask(grey, box=area, darker_by=30)
            colour = core_ink(self.image, area)
            sim.inpaint(img, mask, box=area, grow=1)
            print_mrz_line(img, line, rows, colour=colour, sigma=mrz_sigma)
        h, w = img.shape[:2]
        # Zone V among the holder's areas, not as the portrait's box: it holds the portrait somewhere in it
        portrait = zone_v(self.personal, self.others, self.mrz_boxes) if self.fmt == "TD3" else None
        layout = sim.Layout(self.dpi, (0, 0, w, h), None, fields, tuple(self.mrz_boxes),
                            tuple(fields.values()) + tuple(others) + tuple(b for b, _ in self.mrz_boxes)
                            + ((portrait,) if portrait is not None else ()))
        return Repersonalised(img, layout, mrz, holder, texts)

    @functools.cached_property
    def mrz_sigma(self) -> float | None:
        """The edge blur (pixels) of the MRZ printed again: as soft as the specimen's own MRZ print, measured on its
        characters' rows once for every holder (an MRZ may be printed sharper than the VIZ values, whose blur is
        taken when this is None, no MRZ print measured: the Croatian specimen's crisp MRZ printed as soft as its
        values differed from the specimen's below every line, as no document of the design would)."""
        grey = cv2.cvtColor(self.image, cv2.COLOR_RGB2GRAY)
        soft, sizes = [], []
        for (box, _), line in zip(self.mrz_boxes, self.mrz, strict=True):
            rows = _ink_rows(grey, box)
            if (v := softness(grey, rows)) is not None:
                soft.append(v)
                sizes.append((rows[3], rows[2] / max(len(line), 1)))
        if not soft:
            return None
        height, pitch = (float(np.median([s[i] for s in sizes])) for i in (0, 1))
        return min(SIGMAS, key=lambda sg: abs(mrz_softness(round(height), pitch, sg) - float(np.median(soft))))


def zone_v(personal: list[tuple[Word, str, str]], others: list[sim.Box], mrz: list[tuple[sim.Box, int]]) -> sim.Box | None:
    """Where a passport data page's portrait may lie: Zone V, along the page's left edge (Doc 9303 Part 4, 3.2.2 and
    Figure 8), from the top to the MRZ, up to the column the VIZ values start in (Zone II and III start at Zone V's
    right boundary). The holder's, as the portrait is: the fixed design's alterations are drawn away from it (the
    image is re-personalised without a new portrait, and an alteration of the portrait is not one of the fixed
    design). None when the values start within 15 % of the MRZ's width of the left edge (no room for a portrait)."""
    top_mrz = min(b[1] for b, _ in mrz)
    left = min((b[0] for b in [w.box for w, _, _ in personal] + list(others) if b[1] < top_mrz),
               default=None)
    width = max(b[0] + b[2] for b, _ in mrz)
    if left is None or left < 0.15 * width:
        return None
    return 0, 0, max(1, left - 2), top_mrz


def _ink_rows(grey: np.ndarray, box: sim.Box) -> sim.Box:
    """``box`` (an MRZ line as tesseract boxed it, often taller: specks, background print, the next line's tops) cut
    to the rows its characters fill: the run of rows around the fullest one where the dark half of the ink (between
    the paper and the darkest print) covers at least a third as much as there."""
    x, y, w, h = box
    crop = grey[max(0, y) : y + h, max(0, x) : x + w].astype(np.float32)
    if crop.size == 0:
        return box
    paper, dark = np.percentile(crop, 90), np.percentile(crop, 2)
    rows = (crop < (paper + dark) / 2).sum(axis=1)
    if rows.max() < 3:
        return box
    top = bottom = int(np.argmax(rows))
    while top > 0 and rows[top - 1] >= rows.max() / 3:
        top -= 1
    while bottom + 1 < len(rows) and rows[bottom + 1] >= rows.max() / 3:
        bottom += 1
    if bottom - top < 3:
        return box
    return x, max(0, y) + top, w, bottom - top + 1


def _tall(text: str) -> bool:
    """Whether ``text``'s ink box is its capitals' (capitals and digits) rather than lower case's x-height."""
    return text.isupper() or text.replace(".", "").replace("/", "").isdigit() or not any(c.islower() for c in text)


def _grown(box: sim.Box, by: int) -> sim.Box:
    return box[0] - by, box[1] - by, box[2] + 2 * by, box[3] + 2 * by
