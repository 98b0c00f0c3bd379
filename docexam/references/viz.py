"""The VIZ values a document's MRZ repeats, found by content: tesseract's words over the page, matched with the MRZ's
fields (Doc 9303 Part 3, 4.1: the MRZ repeats the VIZ's mandatory data elements).

A date is matched in any printed form (``12 AUG/AOÛT 74``, ``12.08.1974``: Part 3, 3.8), a document number as the
MRZ compares it (look-alike characters taken as one), a name in any of its transliterations (Part 3, 6) and however
truncated (Part 4, 4.2.3), the sex and the state's code as printed. Only the value's words are boxed, never the
caption above it. Dates the MRZ does not repeat (the date of issue) are kept as VIZ fields without a mirrored field:
they are the holder's data too.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from docexam.compare.result import union_box
from docexam.mrz.name_practice import name_language
from docexam.mrz.result import MRZFields
from docexam.mrz.viz import VIZField, date_agrees, name_spellings, number_key, plain_upper, printed_date
from docexam.ocr.languages import ModelChoice
from docexam.references.boxes import box_back, clip_box, turned
from docexam.references.model import NAME_AGAIN, Box, Region, Role

if TYPE_CHECKING:
    from docexam.ocr.tesseract import Word

__all__ = ["CAPTION_WORDS", "Match", "NameReading", "caption_word", "find_viz", "match_words", "national_models",
           "read_name"]

#: Pixels per millimetre tesseract is given the page at (300 dpi: VIZ values of 2-3 mm are 24-35 px high).
WORK_PX_PER_MM = 300 / 25.4
#: The blur (Gaussian sigma, in the capture's own pixels) of the third reading of the page's ink.
SOURCE_BLUR = 0.5
#: Words per span tried as one value (a date of three words, a name of several).
MAX_SPAN = 5
#: The fields every document prints in a form OCR reads (not names: a script tesseract has no model for): while one
#: of them is missing after the first reading, the page is read a second time.
SURE_FIELDS = {VIZField.DOCUMENT_NUMBER.value, VIZField.BIRTH_DATE.value, VIZField.EXPIRY_DATE.value, "sex"}
#: Tesseract's models for names in Cyrillic, used when installed (Debian's tesseract-ocr-rus, -ukr) and the names
#: were not found in Latin letters, whatever the issuing state (a state's other script is read with its language's
#: model: :func:`national_models`).
CYRILLIC = ("rus", "ukr")
#: Likeness (difflib ratio of the letters) from which a VIZ name is the MRZ's.
NAME_LIKENESS = 0.8
#: Words of the VIZ's field captions in English, French and Spanish, one of which every mandatory field's caption
#: prints (Doc 9303 Part 3, 3.3: a caption in another language is followed by "/" and its equivalent in one of the
#: three; Part 4, 4.1's data element directory names the fields), written as :func:`plain_upper` writes them. Only
#: words no holder's value prints: not PASSPORT, OFFICE, AUTHORITY or DOCUMENT, which an issuing authority's name may
#: hold ("HM PASSPORT OFFICE"), nor the short TYPE, CODE, SEX, NO.
CAPTION_WORDS = frozenset({
    "SURNAME", "SURNAMES", "GIVEN", "NAMES", "NATIONALITY", "BIRTH", "EXPIRY", "SIGNATURE", "HOLDER", "HOLDERS",
    "PRENOMS", "NATIONALITE", "NAISSANCE", "SEXE", "DELIVRANCE", "EXPIRATION", "TITULAIRE", "NUMERO",
    "APELLIDOS", "NOMBRES", "NACIONALIDAD", "NACIMIENTO", "CADUCIDAD", "EXPEDICION", "VENCIMIENTO", "FIRMA",
})


@dataclass(frozen=True)
class _Word:
    text: str
    conf: float
    box: Box
    line: tuple[int, int, int]


@dataclass(frozen=True)
class Match:
    """A span of words read as a VIZ value: the field it mirrors (None for a date the MRZ does not repeat), its
    box, how well it matched (0 to 1) and tesseract's confidence."""

    field: str | None
    box: Box
    score: float
    conf: float
    text: str


def _tagged(words: Sequence[Word], reading: int) -> list[_Word]:
    """Tesseract's words of one reading of the page, each with its line tagged by ``reading``: the same line number
    in two readings is not one line."""
    return [_Word(w.text, w.conf, w.box, (reading, w.line[0] * 1000 + w.line[1], w.line[2])) for w in words]


def _spans(words: Sequence[_Word]) -> list[list[_Word]]:
    """Runs of up to MAX_SPAN neighbouring words of one line (no wide gap: another column starts there)."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    out = []
    for members in lines.values():
        members.sort(key=lambda w: w.box[0])
        for i in range(len(members)):
            span = [members[i]]
            out.append(list(span))
            for j in range(i + 1, min(len(members), i + MAX_SPAN)):
                prev, nxt = members[j - 1], members[j]
                height = max(prev.box[3], nxt.box[3])
                if nxt.box[0] - (prev.box[0] + prev.box[2]) > 2.5 * height:
                    break
                span.append(nxt)
                out.append(list(span))
    return out


def _letters(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text)


@functools.lru_cache(maxsize=8192)
def _name_score(text: str, mrz: str, *, truncated: bool, language: str | None = None) -> float:
    """How alike a span of words read and an MRZ name are (the best of its spellings, in the names' ``language`` when
    it is known; 0..1): the same spans are scored again each time :func:`find_viz` reads more words, hence the
    cache."""
    m = _letters(mrz.upper())
    if len(m) < 2:
        return 0.0
    best = 0.0
    for spelling in name_spellings(text, language=language):
        v = _letters(spelling)
        if not v:
            continue
        if truncated and v.startswith(m):
            return 1.0
        best = max(best, difflib.SequenceMatcher(None, v, m).ratio())
    return best if (len(m) >= 4 or best == 1.0) else 0.0


#: The least length of a document number found in the VIZ with one character read wrongly, added or lost (a dotted
#: zero read "0Q": development ARC-TD3-1, seed 67, "DN0Q039383" for DN0039383). A word of eight letters and digits
#: that is not the number lands within one edit of it by chance fewer than once in 10^9 (8 x 35 of the 36^8 words
#: of its length), so such a word is the number misread.
NUMBER_EDIT_LENGTH = 8


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one character changed, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1 :]


def match_words(words: Sequence[_Word], fields: MRZFields, *, value_height: float) -> list[Match]:
    """The best span of ``words`` for each field of ``fields`` the VIZ repeats, and the other printed dates.
    ``value_height``: the least height of a value's word (pixels); a lone letter or code in smaller print is taken
    for a caption's."""
    candidates: list[Match] = []
    dates: dict[str, tuple[str, str | None]] = {VIZField.BIRTH_DATE.value: (fields.birth_date.raw, fields.birth_date.isoformat())}
    if fields.expiry_date is not None:
        dates[VIZField.EXPIRY_DATE.value] = (fields.expiry_date.raw, fields.expiry_date.isoformat())
    names = {VIZField.SURNAME.value: fields.surname, VIZField.GIVEN_NAMES.value: fields.given_names}
    language = name_language(fields.issuing_state)
    number = number_key(fields.document_number, ocr=True)
    for span in _spans(words):
        text = " ".join(w.text for w in span)
        box = union_box([w.box for w in span])
        conf = float(np.mean([w.conf for w in span]))
        date = printed_date(text)
        if date is not None:
            d, mo, y, four = date
            mirrored = [k for k, (raw, iso) in dates.items()
                        if date_agrees(d, mo, y, four_digit_year=four, mrz_raw=raw, mrz_iso=iso)]
            candidates.append(Match(mirrored[0] if mirrored else None, box, 1.0, conf, text))
            continue
        if len(span) <= 2 and len(number) >= 5:
            key = number_key(text, ocr=True)
            if key == number or (len(number) >= NUMBER_EDIT_LENGTH and _one_edit(key, number)):
                candidates.append(Match(VIZField.DOCUMENT_NUMBER.value, box, 1.0 if key == number else 0.8, conf, text))
                continue
        for key, mrz in names.items():
            score = _name_score(text, mrz, truncated=fields.name.possibly_truncated, language=language)
            if score >= NAME_LIKENESS:
                candidates.append(Match(key, box, score, conf, text))
        if len(span) == 1 and span[0].box[3] >= value_height:  # a code or a letter: not one of a caption's
            word = span[0].text.strip(" .,:;'\"`-_|").upper()
            if word and word == fields.sex.replace("<", "X") and len(word) == 1:
                candidates.append(Match("sex", box, 0.7, conf, text))
            elif _sex_with_specks(span[0].text, fields.sex) and _alone(span[0], words):
                # the letter read with the microprint or guilloche line running through it as small letters ("Fo",
                # "Foo"): the letter's share of the box
                x, y, bw, bh = box
                candidates.append(Match("sex", (x, y, max(1, round(bw / len(span[0].text.strip()))), bh), 0.6, conf, text))
            elif len(word) == 3 and word == fields.issuing_state:
                candidates.append(Match("issuing_state", box, 0.8, conf, text))
            elif len(word) == 3 and word == fields.nationality:
                candidates.append(Match("nationality", box, 0.8, conf, text))
    # Each field once, the best-matching and longest span first; a span used for one field is not used again.
    # (A VIZ prints its values in capitals: a name in mixed case is more likely a signature or a caption.)
    # A date the MRZ repeats is surer than one it does not: a misreading of it (01.07.2014 read 04.07.2014) is not.
    candidates.sort(key=lambda m: (-m.score, m.field is None, -len(m.text), not m.text.isupper(), -m.conf))
    chosen: list[Match] = []
    taken_fields: set[str] = set()
    for m in candidates:
        if m.field is not None and m.field in taken_fields:
            continue
        if any(_overlaps(m.box, c.box) for c in chosen):
            continue
        chosen.append(m)
        if m.field is not None:
            taken_fields.add(m.field)
    chosen = _names_in_reading_order(chosen, names, truncated=fields.name.possibly_truncated, language=language)
    return chosen + _names_again(words, chosen, names, value_height=value_height)


def _names_again(words: Sequence[_Word], chosen: Sequence[Match], names: dict[str, str], *,
                 value_height: float) -> list[Match]:
    """The words of value size (``value_height``) outside the values ``chosen`` that are a word of the holder's
    names as the MRZ holds them (three letters or more): the holder's name printed again (CHN's "Also known as: MAY
    LIN" repeats the surname). Another holder's document prints their name there, so the line is the holder's
    data, not the fixed design."""
    name_words = {w for mrz in names.values() for w in re.sub(r"[^A-Z]+", " ", mrz or "").split() if len(w) >= 3}
    out: list[Match] = []
    for w in words:
        letters = re.sub(r"[^A-Z]", "", plain_upper(w.text))
        if letters not in name_words or len(letters) < len(w.text.strip(" .,:;'\"`-_|")) or w.box[3] < value_height:
            continue
        if any(_overlaps(w.box, m.box) for m in [*chosen, *out]):
            continue
        out.append(Match(NAME_AGAIN, w.box, 0.9, w.conf, w.text))
    return out


def _sex_with_specks(text: str, sex: str) -> bool:
    """Whether ``text`` is the sex's capital letter (F, M or X: Doc 9303 Part 4, 4.1.1.1, field 07) followed by one
    or two lower-case letters or marks, as tesseract reads the letter with a line of microprint or guilloche
    running through it beside it; no value printed in capitals reads so."""
    letter = sex.replace("<", "X")
    t = text.strip()
    return len(letter) == 1 and 2 <= len(t) <= 3 and t[0] == letter and all(c.islower() or not c.isalnum() for c in t[1:])


def _alone(word: _Word, words: Sequence[_Word]) -> bool:
    """Whether no other word of at least half ``word``'s height lies within its height of it on its line: a lone
    letter's, not the start of a word tesseract split ("Fi nland")."""
    x, y, w, h = word.box
    for o in words:
        if o is word or o.box[3] < 0.5 * h or min(y + h, o.box[1] + o.box[3]) - max(y, o.box[1]) < 0.5 * min(h, o.box[3]):
            continue
        gap = max(o.box[0] - (x + w), x - (o.box[0] + o.box[2]))
        if gap < h:
            return False
    return True


def _reading_order(box: Box) -> tuple[float, float]:
    """A box's place in reading order: its line (by the middle of its height, in units of its height), then across."""
    return (box[1] + box[3] / 2) / max(1, box[3]), box[0]


def _names_in_reading_order(chosen: list[Match], names: dict[str, str], *, truncated: bool,
                            language: str | None = None) -> list[Match]:
    """``chosen`` with the surname and the given names swapped when each of the two values reads as either name
    (a specimen's SPECIMEN SPECIMEN, a holder whose names are alike) and the given names come first: the VIZ prints
    the primary identifier's field before the secondary identifier's (Doc 9303 Part 4, 4.1.1.1, fields 04 and 05;
    Part 3, 3.4), so that the likeness alone must not decide which is which."""
    surname = next((m for m in chosen if m.field == VIZField.SURNAME.value), None)
    given = next((m for m in chosen if m.field == VIZField.GIVEN_NAMES.value), None)
    if surname is None or given is None or _reading_order(surname.box) <= _reading_order(given.box):
        return chosen
    either = (_name_score(surname.text, names[VIZField.GIVEN_NAMES.value], truncated=truncated,
                          language=language) >= surname.score - 0.05
              and _name_score(given.text, names[VIZField.SURNAME.value], truncated=truncated,
                              language=language) >= given.score - 0.05)
    if not either:
        return chosen
    swapped = {id(surname): replace(surname, field=VIZField.GIVEN_NAMES.value),
               id(given): replace(given, field=VIZField.SURNAME.value)}
    return [swapped.get(id(m), m) for m in chosen]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def ink_only(grey: np.ndarray) -> np.ndarray:
    """``grey`` as black ink on white: what is much darker than its surroundings (printed values, captions), without
    the guilloche and tints behind it, which tesseract reads as specks or loses words to."""
    k = max(9, round(grey.shape[0] / 60) | 1)
    background = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    ink = background.astype(np.int16) - grey.astype(np.int16)
    # Background lines stand 20-50 grey levels from the paper, printed values 120 and more.
    return np.clip(255 - (ink - 50) * 3, 0, 255).astype(np.uint8)


def national_models(language: str | None) -> list[str]:
    """The ``-l`` arguments the names of a VIZ in ``language`` are read with after English, those installed:
    Russian's and Ukrainian's models (as always: a Cyrillic name of any state), and the language's own model when it
    is another (``aze`` for Azerbaijani, whose ``Ə`` English reads as ``O``; Doc 9303 Part 3, 3.1: the VIZ prints the
    name in the State's language)."""
    from docexam.ocr import languages, tesseract

    out = []
    cyrillic = "+".join(lang for lang in CYRILLIC if lang in tesseract.languages())
    if cyrillic:
        out.append(cyrillic)
    if language in languages.MODELS:
        choice = languages.models_for(language)
        own = languages.MODELS[language]
        if own in choice.installed and own not in (*CYRILLIC, languages.ENGLISH):
            out.append(choice.lang)
    return out


def blank_out(grey: np.ndarray, boxes: Sequence[Box], *, level: int | None = None) -> np.ndarray:
    """A copy of ``grey`` with ``boxes`` filled with ``level``, by default the page's own (the median of what lies
    outside them), not white: tesseract binarises the whole page at one threshold (Otsu's), and a white portrait's
    worth of page on a tinted design moved it into the guilloche, which then read as specks over every value
    (development seed 43, a generated TD3 printed on a green guilloche captured a little dark: no name found beside
    its blanked portrait, every other holder's document alarmed there)."""
    work = grey.copy()
    outside = np.ones(grey.shape, bool)
    for tx, ty, tw, th in boxes:
        outside[max(0, ty) : max(0, ty + th), max(0, tx) : max(0, tx + tw)] = False
    if level is None:
        level = int(np.median(grey[outside])) if outside.any() else 255
    for tx, ty, tw, th in boxes:
        work[max(0, ty) : max(0, ty + th), max(0, tx) : max(0, tx + tw)] = level
    return work


#: The most the first reading of a page may take (seconds): tesseract looks for words in every blob of a page read as
#: sparse text, and a page of dense guilloche took it 25 s (development OPH-MRVB-5, seed 43; the page's ink alone,
#: read beside it, 0.8 s), where a page takes 0.5 to 3 s on this 2-core machine.
PAGE_SECONDS = 8.0


def _page_words(page: np.ndarray, *, lang: str = "eng") -> list[Word]:
    """The words of a whole page read again (its taken regions blanked otherwise, another language's models), or
    none when tesseract does not finish within :data:`PAGE_SECONDS`."""
    from docexam.ocr import tesseract

    try:
        return tesseract.read_words(page, lang=lang, seconds=PAGE_SECONDS)
    except tesseract.TesseractTimeout:
        return []


def find_viz(grey: np.ndarray, fields: MRZFields, *, taken: Sequence[Box] = (), px_per_mm: float,
             degrees: float = 0.0, language: str | None = None) -> list[Region]:
    """The VIZ fields of the page ``grey`` that repeat the MRZ's ``fields`` (and the dates it does not repeat), as
    VIZ_FIELD regions. ``taken``: regions already found (portrait, MRZ), blanked before reading; ``degrees``: how
    far to turn the page (counter-clockwise) to stand its text upright; ``language``: the names' language (ISO
    639-1), by default the issuing state's (:func:`docexam.mrz.name_practice.name_language`), whose model reads the
    names when English did not find them. Empty when tesseract is not installed."""
    from docexam.ocr import tesseract

    if not tesseract.available():
        return []
    scale = float(np.clip(WORK_PX_PER_MM / px_per_mm, 0.5, 3.0))
    if abs(scale - 1.0) <= 0.1:
        scale = 1.0
    back = None

    def upright(img: np.ndarray) -> np.ndarray:
        nonlocal back
        if degrees:
            img, back = turned(img, degrees)
        if scale != 1.0:
            img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
        return img

    # What is taken is blanked white; on a tinted page that moves tesseract's one threshold into the guilloche, so
    # where the names are still missing at the end the page is read again with it blanked in the page's own level
    # (blank_out). Not first: at 100 dpi the white blank is what reads some values (real corpus, Polish and Chinese
    # pages: a birth date and the issuing state found only so).
    work = upright(blank_out(grey, taken, level=255))
    # A lone letter or code is a value when printed 1.9 mm high or more (captions: about 1.2 mm, 1.7 mm with their
    # descenders); names, numbers and dates are told from captions by what they say.
    value_height = 1.9 * scale * px_per_mm
    # The page, then its ink alone, then that ink smoothed, each read only if the readings before it lack a sure
    # field; read one ahead on a second core (tesseract.ReadAhead), as most pages need two or three readings.
    with tesseract.ReadAhead() as ahead:
        page, ink = ahead.start(work, seconds=PAGE_SECONDS), ahead.start(ink_only(work))
        try:
            words = _tagged(page(), 1)
        except tesseract.TesseractTimeout:
            words = []  # a page of dense background art: its ink alone is read, as it would be next anyway
        matches = match_words(words, fields, value_height=value_height)
        if not SURE_FIELDS <= {m.field for m in matches}:
            # A small capture enlarged (a JPEG of 100 dpi, its values 10-12 px high, taken up two or three times)
            # brings its blocks and the background's hatching up with it, coarse specks tesseract reads as letters
            # or loses words to: the ink is read again with detail finer than the source's own pixels smoothed away.
            smooth = (ahead.start(ink_only(cv2.GaussianBlur(work, (0, 0), SOURCE_BLUR * max(1.0, scale))))
                      if SOURCE_BLUR else None)
            # Tesseract loses words where background lines cross them: read the ink alone too, and take both readings.
            words += _tagged(ink(), 2)
            matches = match_words(words, fields, value_height=value_height)
            if not SURE_FIELDS <= {m.field for m in matches} and smooth is not None:
                words += _tagged(smooth(), 50)
                matches = match_words(words, fields, value_height=value_height)
    names = {VIZField.SURNAME.value, VIZField.GIVEN_NAMES.value}
    if not (names | {"sex"}) <= {m.field for m in matches} and matches:
        # Read as sparse text, a name with national letters falls apart (SVOŇÁK as "S" and "K") and a lone letter
        # (the sex) is not read at all: each line of a value's height nothing was found on is read as one line.
        words += _line_words(work, words, matches)
        matches = match_words(words, fields, value_height=value_height)
    if language is None:
        language = name_language(fields.issuing_state)
    if taken and not names <= {m.field for m in matches}:
        level = upright(blank_out(grey, taken))
        if not np.array_equal(level, work):
            work = level
            words += _tagged(_page_words(work), 60)
            matches = match_words(words, fields, value_height=value_height)
    for reading, lang in enumerate(national_models(language), start=3):
        if names <= {m.field for m in matches}:
            break
        # Names printed in Cyrillic or with national letters (the MRZ holds their Part 3, 6 transliteration): read
        # with those models too.
        words += _tagged(_page_words(work, lang=lang), reading)
        matches = match_words(words, fields, value_height=value_height)
    out: list[Region] = []
    for m in matches:
        box = _on_page(m.box, scale=scale, back=back, shape=grey.shape, pad=(0.15, 0.2))
        if box is None:
            continue
        if m.field == NAME_AGAIN:
            rid = f"viz-name-again-{len([r for r in out if r.field == NAME_AGAIN]) + 1}"
            note = "the holder's name printed again (an alias?)"
        else:
            rid = f"viz-{m.field}" if m.field else f"viz-date-{len([r for r in out if r.field is None]) + 1}"
            note = "" if m.field else "a printed date the MRZ does not repeat (the date of issue?)"
        out.append(Region(rid, Role.VIZ_FIELD, box, m.field,
                          confidence=round(min(1.0, m.score * (0.5 + 0.5 * m.conf)), 3), note=note))
    out = _cut_to_value_rows(grey, out) if back is None else out
    return out + _captions(words, matches, scale=scale, back=back, shape=grey.shape)


def _on_page(box: Box, *, scale: float, back: Any, shape: tuple[int, ...],
             pad: tuple[float, float] = (0.0, 0.0)) -> Box | None:
    """A box of the work copy :func:`find_viz` reads (``scale`` times the page, turned upright by ``back``'s inverse)
    in the page's pixels, grown by ``pad`` times its height across and down, clipped to ``shape``; None outside it."""
    x, y, bw, bh = (v / scale for v in box)
    pad_x, pad_y = pad[0] * bh, pad[1] * bh
    out: Box | None = (round(x - pad_x), round(y - pad_y), round(bw + 2 * pad_x), round(bh + 2 * pad_y))
    if back is not None and out is not None:
        out = box_back(out, back, shape)
    return clip_box(out, shape) if out is not None else None


def caption_word(text: str) -> bool:
    """Whether a word tesseract read is a word of a field's caption (:data:`CAPTION_WORDS`), read alone or joined to
    its neighbours by the caption's marks ("Surname/Nom", "Holder's")."""
    return any(w in CAPTION_WORDS for w in re.split(r"[^A-Z]+", plain_upper(text)) if len(w) >= 4)


def _captions(words: Sequence[_Word], matches: Sequence[Match], *, scale: float, back: Any,
              shape: tuple[int, ...]) -> list[Region]:
    """The words of field captions (:func:`caption_word`) read on the page, outside every value found, as regions of
    the fixed design in ``shape``'s pixels: print of the design, whatever its size and ink (a design that prints its
    captions as dark and as large as its values would otherwise have them taken for another holder's value lines,
    :mod:`docexam.references.holder_text`, and a caption erased there compared as the holder's print)."""
    out: list[Region] = []
    for w in words:
        if not caption_word(w.text) or any(_overlaps(w.box, m.box) for m in matches):
            continue
        box = _on_page(w.box, scale=scale, back=back, shape=shape)
        if box is None or any(_overlaps(box, r.box) for r in out):
            continue
        out.append(Region(f"caption-{len(out) + 1}", Role.FIXED_DESIGN, box, confidence=round(w.conf, 3),
                          note=f"a field caption ({w.text!r})"))
    return out


#: A value's box this many times as tall as the values' ink (median) takes in more than its value.
TALL_VALUE = 1.9


def _cut_to_value_rows(grey: np.ndarray, regions: list[Region]) -> list[Region]:
    """``regions`` with a box far taller than the values' print (tesseract's word box of a small capture taking in
    the captions above and below: FIN's given names boxed over three lines) cut to the rows its value's ink fills,
    padded as every value's box is: of the lines of print in the box, the one whose height is nearest the values'
    (a caption's line may hold more ink than a short value's, and is smaller). A box left so tall is read with its
    captions, and hides them from the fixed design."""
    from docexam.references.holder_text import ink_row_runs

    height = values_height(grey, [r.box for r in regions], padded=1.4)
    if height is None:
        return regions
    out = []
    for r in regions:
        if r.box[3] > TALL_VALUE * 1.4 * height:
            lines = [(top, h) for top, h in ink_row_runs(grey, r.box) if 0.6 * height <= h <= 1.5 * height]
            if lines:
                top, h = min(lines, key=lambda line: (abs(line[1] - height), -line[1]))
                pad = round(0.2 * h)
                box = clip_box((r.box[0], top - pad, r.box[2], h + 2 * pad), grey.shape)
                if box is not None:
                    r = replace(r, box=box)
        out.append(r)
    return out


def values_height(grey: np.ndarray, boxes: Sequence[Box], *, padded: float = 1.0) -> float | None:
    """The height (pixels) of the values' print in ``boxes`` (tesseract's boxes of the values found, grown by
    ``padded`` times their height), None for fewer than three measured: the median of their lines' ink
    (:func:`docexam.references.holder_text.ink_rows`), unless that is under half the boxes' own median height. Then
    the fullest rows are not the values': a line of microtext printed along every value's baseline (a generated
    Caspiana card), denser than the letters above it, measured 8 px under values 28 px high, so the values' boxes were
    cut down to it and the letters above compared as the fixed design; the boxes' height is the values' then, less a
    tenth (a word's box takes in its accents and descenders: DÉC, 29°)."""
    from docexam.references.holder_text import ink_rows

    rows = [ink_rows(grey, b) for b in boxes]
    heights = [h for found in rows if found is not None for h in found[1:]]
    if len(heights) < 3:
        return None
    ink = float(np.median(heights))
    box = 0.9 * float(np.median([b[3] for b in boxes])) / padded
    return ink if ink >= 0.5 * box else box


#: At most this many lines of print are read one by one (:func:`_line_words`), the longest first.
MAX_LINES = 16


def _line_words(work: np.ndarray, words: Sequence[_Word], matches: Sequence[Match]) -> list[_Word]:
    """The words of the lines of print of a value's height (the values found: ``matches``) on which no value was
    found, each line read alone as one line of text (``--psm 7``), in ``work``'s pixels."""
    from docexam.ocr import tesseract
    from docexam.references.holder_text import text_height, value_lines

    height = values_height(work, [m.box for m in matches]) or float(np.median([text_height(work, m.box) for m in matches]))
    found = [m.box for m in matches]
    lines = [b for b in value_lines(work, height)
             if not any(_overlap_share(b, f) > 0.3 for f in found)]
    lines = sorted(lines, key=lambda b: -b[2])[:MAX_LINES]
    pages, origins = [], []
    for x, y, w, h in lines:
        pad = max(2, round(0.3 * h))
        x0, y0 = max(0, x - pad), max(0, y - pad)
        crop = work[y0 : y + h + pad, x0 : x + w + pad]
        # Each line as printed and its ink alone (:func:`ink_only`): a line of microtext along a value's baseline
        # left tesseract 0.1 sure of the value above it as printed, 0.37 of its ink alone (a generated Caspiana card).
        for page in (crop, ink_only(crop)):
            pages.append(cv2.copyMakeBorder(page, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255))
            origins.append((x0 - 12, y0 - 12))
    out: list[_Word] = []
    # One tesseract run for all the lines (each its own page, read as one line): the model loads once, not per line.
    for k, (read, (ox, oy)) in enumerate(zip(tesseract.read_lines(pages), origins)):
        for word in read:
            if word.conf >= LINE_WORD_CONF:
                bx, by, bw, bh = word.box
                out.append(_Word(word.text, word.conf, (ox + bx, oy + by, bw, bh), (100 + k, 0, 0)))
    return out


#: A line's word read with less confidence than this is left out (specks and background lines: see
#: :func:`docexam.ocr.tesseract.read_words`, whose default it is).
LINE_WORD_CONF = 0.2


def _overlap_share(a: Box, b: Box) -> float:
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, iw) * max(0, ih) / max(1, a[2] * a[3])


@dataclass(frozen=True)
class NameReading:
    """A VIZ name as tesseract read it: the text (words left to right), their mean confidence (0..1), and the models
    it was read with (:class:`docexam.ocr.languages.ModelChoice`: what was missing, and its package)."""

    text: str
    conf: float
    models: ModelChoice

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "conf": self.conf, "models": self.models.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NameReading:
        return cls(str(d["text"]), float(d["conf"]), ModelChoice.from_dict(d["models"]))


def read_name(image: np.ndarray, *, language: str | None, script: str | None = None, px_per_mm: float,
              lang: str | None = None) -> NameReading:
    """The name printed in ``image`` (a VIZ value's box, grey or RGB uint8, a little margin around it), read with the
    models of its language (:func:`docexam.ocr.languages.models_for`: ``aze+eng`` for Azerbaijani, ``rus+eng`` for
    Russian; ``script`` stands in for an unknown language). A model that is not installed is not an error: the name
    is read with what is, and :attr:`NameReading.models` says what is missing and which package brings it.
    ``lang`` forces tesseract's models (to measure what another choice reads). Raises ValueError for an image that is
    not a uint8 array, TesseractUnavailable when tesseract cannot run."""
    from docexam.ocr import languages, tesseract

    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.ndim not in (2, 3) or min(image.shape[:2]) < 4:
        raise ValueError(f"image must be a (H, W) or (H, W, 3) uint8 array of 4 x 4 pixels or more, got "
                         f"{getattr(image, 'shape', type(image))}")
    if not px_per_mm > 0:
        raise ValueError(f"px_per_mm must be positive, got {px_per_mm}")
    choice = languages.models_for(language, script=script)
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    scale = float(np.clip(WORK_PX_PER_MM / px_per_mm, 0.5, 3.0))
    if abs(scale - 1.0) > 0.1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    best: tuple[float, float, str] = (0.0, 0.0, "")
    clean = ink_only(grey)
    top, bottom = _value_band(clean)
    for page in (grey[top:bottom], clean[top:bottom]):
        words = tesseract.read_words(cv2.copyMakeBorder(page, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255),
                                     lang=lang or choice.lang, line=True)
        # a name has letters only (Doc 9303 Part 3, 4.6): a word without one is a speck or a rule of the design
        words = [w for w in words if any(c.isalpha() for c in w.text)]
        if not words:
            continue
        # the surer reading, weighed by its letters: a stray bar read with some confidence is not a name
        score = sum(w.conf * sum(c.isalpha() for c in w.text) for w in words)
        if score > best[0]:
            text = " ".join(w.text for w in sorted(words, key=lambda w: w.box[0]))
            best = (score, float(np.mean([w.conf for w in words])), text)
    return NameReading(best[2], round(best[1], 3), choice)


def _value_band(ink: np.ndarray) -> tuple[int, int]:
    """Rows (top, bottom) of the value's line in a field's box (``ink``: :func:`ink_only`'s image): the rows its
    tallest letters span, with a margin of a third of their height for accents and descenders. A value is printed
    taller than the captions of its field and the next (above and below it), which are left out even when they hold
    more ink than a short value."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((ink < 160).astype(np.uint8), connectivity=8)
    # letters, not specks or rules: a few pixels high, narrower than tall rules of the design are long
    boxes = [stats[i] for i in range(1, count)
             if stats[i][cv2.CC_STAT_HEIGHT] >= 4 and stats[i][cv2.CC_STAT_WIDTH] <= 3 * stats[i][cv2.CC_STAT_HEIGHT]]
    if not boxes:
        return 0, ink.shape[0]
    tallest = max(b[cv2.CC_STAT_HEIGHT] for b in boxes)
    letters = [b for b in boxes if b[cv2.CC_STAT_HEIGHT] >= 0.7 * tallest]
    top = int(np.median([b[cv2.CC_STAT_TOP] for b in letters]))
    bottom = int(np.median([b[cv2.CC_STAT_TOP] + b[cv2.CC_STAT_HEIGHT] for b in letters]))
    margin = max(2, (bottom - top) // 3)
    return max(0, top - margin), min(ink.shape[0], bottom + margin)
