"""The visual inspection zone (VIZ) against the MRZ, as text: dates in their printed forms, names with
transliteration tolerance, document numbers.

The MRZ repeats the VIZ's mandatory data elements (Doc 9303 Part 3, 4.1), so where they disagree one of them was
altered, or misread. These are pure functions on strings, no images and no OCR: the comparison
(:mod:`docexam.compare.mrz_viz`) gives them tesseract's reading of the printed fields with ``ocr=True`` (look-alike
characters and a likeness of names tolerated, dates only in their printed form), the workstation's MRZ panel
(:mod:`docexam.workbench.mrz_view`) what the examiner types. What a disagreement is worth stays with the caller.

The VIZ fields are named as the MRZ's fields (:class:`VIZField`); the specimen designs' printed slot for the document
number, and so a reference's ``viz:number`` region, says ``number`` (:func:`viz_field` takes either).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from docexam.errors import TransliterationError
from docexam.mrz.transliterate import spellings

__all__ = [
    "LOOKALIKES",
    "MONTHS_EN",
    "MONTHS_FR",
    "NAME_LIKENESS",
    "FieldCheck",
    "VIZField",
    "check_field",
    "clean_date",
    "date_agrees",
    "name_key",
    "name_spellings",
    "number_key",
    "parse_date",
    "plain_upper",
    "printed_date",
    "read_date",
    "same_name",
    "same_number",
    "viz_date",
    "viz_field",
    "viz_values",
]

# --------------------------------------------------------------------------------------------------------------
# Fields


class VIZField(StrEnum):
    """A VIZ field the MRZ repeats (Doc 9303 Part 3, 4.1), named as the MRZ's field."""

    SURNAME = "surname"
    GIVEN_NAMES = "given_names"
    DOCUMENT_NUMBER = "document_number"
    BIRTH_DATE = "birth_date"
    EXPIRY_DATE = "expiry_date"

    @property
    def label(self) -> str:
        """The field as the examiner reads it: ``"Date of birth"``."""
        return _LABELS[self]

    @property
    def is_date(self) -> bool:
        return self in (VIZField.BIRTH_DATE, VIZField.EXPIRY_DATE)

    @property
    def is_name(self) -> bool:
        return self in (VIZField.SURNAME, VIZField.GIVEN_NAMES)


_LABELS = {VIZField.SURNAME: "Surname", VIZField.GIVEN_NAMES: "Given names",
           VIZField.DOCUMENT_NUMBER: "Document number", VIZField.BIRTH_DATE: "Date of birth",
           VIZField.EXPIRY_DATE: "Date of expiry"}
#: Other keys for the fields: the specimen designs' printed slot (and a reference's ``viz:number`` region).
_ALIASES = {"number": VIZField.DOCUMENT_NUMBER}


def viz_field(key: str) -> VIZField | None:
    """The field ``key`` names (an MRZ field name, or ``number`` for the document number), None for any other."""
    return _ALIASES.get(key) or VIZField._value2member_map_.get(key)  # type: ignore[return-value]


def viz_values(values: Mapping[str, object] | None) -> dict[VIZField, str]:
    """``values`` keyed by :class:`VIZField` (``number`` is taken for ``document_number``); other keys and None
    values dropped."""
    out: dict[VIZField, str] = {}
    for key, value in (values or {}).items():
        field = viz_field(key)
        if field is not None and value is not None:
            out[field] = str(value)
    return out


# --------------------------------------------------------------------------------------------------------------
# Dates

#: The months as a VIZ abbreviates them, January first: Doc 9303 Part 3, 3.8, Table 1 (English and French).
MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
MONTHS_FR = ("JAN", "FÉV", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOÛT", "SEPT", "OCT", "NOV", "DÉC")


def plain_upper(text: str) -> str:
    """Upper case without accents (``AOÛT`` -> ``AOUT``; a Cyrillic Ё -> Е), in any script."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).upper()


_MONTHS_FR_PLAIN = tuple(plain_upper(m) for m in MONTHS_FR)
#: Month words an examiner may type: both tables, and the French abbreviations of everyday writing (janv., févr.).
_TYPED_MONTHS = ({m: i + 1 for i, m in enumerate(MONTHS_EN)} | {m: i + 1 for i, m in enumerate(_MONTHS_FR_PLAIN)}
                 | {"JANV": 1, "FEVR": 2})


def viz_date(d: dt.date) -> str:
    """A date as the VIZ prints it, the month in two languages (Part 3, 3.8): ``12 AUG/AOÛT 74``."""
    return f"{d.day:02d} {MONTHS_EN[d.month - 1]}/{MONTHS_FR[d.month - 1]} {d.year % 100:02d}"


def read_date(text: str) -> tuple[int, int, int] | None:
    """(day, month, two-digit year) of a printed VIZ date as OCR read it, ``12 AUG/AOÛT 74`` (Part 3, 3.8), found
    anywhere in ``text`` (a stray character before the day or after the year is passed over); None when there is
    none. The English month decides."""
    m = re.search(r"(\d{1,2})\s*([A-Z]{3})\D*?(\d{2})(?!\d)", text.upper())
    if not m or m.group(2) not in MONTHS_EN:
        return None
    return int(m.group(1)), MONTHS_EN.index(m.group(2)) + 1, int(m.group(3))


def clean_date(text: str) -> bool:
    """Whether a printed VIZ date was read in its rigid form, ``DD MMM[/MMM] YY``: then a disagreement with the MRZ
    is evidence. Tolerated: stray punctuation at either end (a rule or a quote mark beside the field), and the slash
    read as ``I``, ``l``, ``|``, ``1`` or lost, provided the second month repeats the first in English or French
    (``21 NOVINOV 96``, ``08 JUNJUIN 98``). Anything else (``06 NOVINGW 35``) shows the OCR struggled there, and its
    digits cannot be trusted either."""
    plain = plain_upper(text).strip(" \t-_.,:;'\"`\u2014\u2013\u201c\u201d\u2018\u2019")
    m = re.fullmatch(r"(\d{1,2})\s*([A-Z]{3})(?:\s*[/|Il1]?\s*([A-Z]{3,4})\.?)?\s+\d{2}", plain)
    if not m or m.group(2) not in MONTHS_EN:
        return False
    second = m.group(3)
    return second is None or second in (m.group(2), _MONTHS_FR_PLAIN[MONTHS_EN.index(m.group(2))])


def parse_date(text: str) -> tuple[int, int, int, bool] | None:
    """``(day, month, year, four_digit_year)`` of a date as an examiner types it or a VIZ prints it: ``12.08.1974``,
    ``12/08/74``, ``1974-08-12``, ``12 AUG 74``, ``12 AUG/AOÛT 1974``, ``12AUG74`` (Part 3, 3.8 allows the month in
    words or in digits, the year in two or four); None when it is none of these or not a calendar date."""
    t = plain_upper(text).strip()
    m = re.fullmatch(r"(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})", t)
    if m:
        y, mo, d, four = int(m.group(1)), int(m.group(2)), int(m.group(3)), True
    elif m := re.fullmatch(r"(\d{1,2})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d{4}|\d{2})", t):
        d, mo, y, four = int(m.group(1)), int(m.group(2)), int(m.group(3)), len(m.group(3)) == 4
    elif m := re.fullmatch(r"(\d{1,2})[\s.-]*([A-Z]{3,})\.?(?:\s*/\s*[A-Z]{3,}\.?)?[\s.-]*(\d{4}|\d{2})", t):
        month = m.group(2)
        found = _TYPED_MONTHS.get(month[:4]) or _TYPED_MONTHS.get(month[:3])
        if found is None:
            return None
        mo, d, y, four = found, int(m.group(1)), int(m.group(3)), len(m.group(3)) == 4
    else:
        return None
    try:
        dt.date(y if four else 2000 + y, mo, d)  # 2000 is a leap year: 29 FEB of a two-digit year is let through
    except ValueError:
        return None
    return d, mo, y, four


def printed_date(text: str) -> tuple[int, int, int, bool] | None:
    """``(day, month, year, four_digit_year)`` of a date as a VIZ prints it in any form OCR read it in: every form
    :func:`parse_date` takes (``12.08.1974``, ``1974-08-12``, ``12 AUG 74``), the month in the state's language first
    and then in English or French (``31 DES/DEC 66``, ``26 MAÍ/MAY 99``: Part 3, 3.8), and :func:`read_date`'s
    ``DD MMM YY`` with a stray character either side; None when it is none of these."""
    t = text.strip(" .,:;'\"`-_|")
    parsed = parse_date(t)
    if parsed is not None:
        return parsed
    second = re.sub(r"([^\W\d_]{3,})\.?\s*/\s*([A-Za-z]{3,})", r"\2", t)
    if second != t and (parsed := parse_date(second)) is not None:
        return parsed
    read = read_date(t)
    if read is not None and re.fullmatch(r"\D{0,2}\d{1,2}\s*[A-Z]{3}.*?\d{2}\D{0,2}", t.upper()):
        return (*read, False)
    return None


def date_agrees(day: int, month: int, year: int, *, four_digit_year: bool = False, mrz_raw: str | None,
                mrz_iso: str | None = None) -> bool | None:
    """Whether a VIZ date is the MRZ's: a four-digit year against the MRZ date's meaning (``mrz_iso``) when it has
    one, else as the MRZ prints it, YYMMDD (Part 3, 4.8). None when the MRZ date is not six digits."""
    if four_digit_year and mrz_iso:
        return dt.date(year, month, day) == dt.date.fromisoformat(mrz_iso)
    if not mrz_raw or len(mrz_raw) != 6 or not mrz_raw.isdigit():
        return None
    return (year % 100, month, day) == (int(mrz_raw[:2]), int(mrz_raw[2:4]), int(mrz_raw[4:]))


# --------------------------------------------------------------------------------------------------------------
# Names

#: A name is compared in at most this many of its spellings (the first ones, recommended transliterations first).
_MAX_SPELLINGS = 64


def name_key(text: str) -> str:
    """A name as the MRZ would compare it: fillers, hyphens and runs of spaces as one space, apostrophes dropped,
    accents removed, upper case (Part 3, 4.6 and 6)."""
    text = plain_upper(text).replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[<\-,.]", " ", text).split())


#: National letters an OCR model may read as plain Latin letters, by the names' language (ISO 639-1): the letter, and
#: what it is read as. Azerbaijani's schwa ``Ə`` has no Latin look-alike the transliteration tables know: the State
#: writes it ``A`` in the MRZ (:data:`docexam.mrz.name_practice.NAME_PRACTICES`, ``az_schwa``), while tesseract's
#: English and Azerbaijani models read a printed ``Ə`` as ``O`` or ``E`` (``MƏMÜNƏ`` read ``MOMUNO``), which is then
#: compared with the MRZ's ``MAMUNA`` as another name. Only the names' own language's letters are tried.
OCR_READ_AS: dict[str, tuple[tuple[str, str], ...]] = {"az": (("\u018f", "OE"),)}


def name_spellings(text: str, *, language: str | None = None) -> set[str]:
    """Every :func:`name_key` of ``text`` its national characters may be transliterated to in the MRZ (Part 3,
    section 6, :mod:`docexam.mrz.transliterate`): ``MÜLLER`` -> ``MULLER``, ``MUELLER``, ``MUXXLLER``;
    ``ИВАНОВА`` -> ``IVANOVA``. Characters the tables do not cover are kept (OCR text need not be a name); a name
    they cover is also spelled as its MRZ writes it (``ST.JOHN`` -> ``STJOHN``, Part 3, 4.6: punctuation omitted).
    With the names' ``language``, OCR text is also spelled with each letter an OCR model reads a national letter as
    (:data:`OCR_READ_AS`) taken for that letter, all of its occurrences at once (``MOMUNO``: ``MƏMUNƏ``, ``MAMUNA``)."""
    variants = {text}
    for letter, read_as in OCR_READ_AS.get(language or "", ()):
        upper = text.upper()
        variants |= {upper.replace(r, letter) for r in read_as if r in upper}
    out: set[str] = set()
    for variant in variants:
        found = spellings(variant, limit=_MAX_SPELLINGS, keep_unknown=True)
        try:
            found |= spellings(variant, limit=_MAX_SPELLINGS)
        except TransliterationError:
            pass  # not a name the tables can write: its kept-as-is spellings stand
        out |= {name_key(variant)} | {name_key(s) for s in found}
    return out


def _letters(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text)


#: OCR'd names: how alike the VIZ and MRZ spellings must be (difflib ratio of their letters) to count as the same
#: name; tesseract drops, splits and misreads letters of names, and the MRZ may transliterate (Part 3, 6) and
#: truncate (Part 4, 4.2.3) what the VIZ prints.
NAME_LIKENESS = 0.75


def _abbreviates(mrz_key: str, viz_key: str) -> bool:
    """Whether ``mrz_key`` is ``viz_key`` truncated as Part 4, 4.2.3 truncates: components cut from the end, each
    down to its initial at least, trailing components dropped (``N P`` of ``NUSANELA PEGUIMENA``)."""
    m, v = mrz_key.split(), viz_key.split()
    return 0 < len(m) <= len(v) and all(b.startswith(a) for a, b in zip(m, v))


def same_name(viz: str, mrz: str, *, truncated: bool = False, ocr: bool = False, language: str | None = None) -> bool:
    """Whether a VIZ name is the MRZ's: compared as :func:`name_key`, in any of its transliterations; an MRZ name
    that may be truncated (Part 4, 4.2.3) matches a VIZ name it begins, or whose components its components begin
    (``N P`` of ``NUSANELA PEGUIMENA``). With ``ocr``, letters only (OCR splits and joins words) and a likeness of
    :data:`NAME_LIKENESS` is enough, and the letters an OCR model reads the ``language``'s national letters as are
    taken for them (:data:`OCR_READ_AS`)."""
    m = name_key(mrz)
    for v in name_spellings(viz, language=language if ocr else None):
        if truncated and _abbreviates(m, v):
            return True
        if ocr:
            v, m_ = _letters(v), _letters(m)
        else:
            m_ = m
        if v == m_ or (truncated and m_ and v.startswith(m_)):
            return True
        if ocr and v and m_ and difflib.SequenceMatcher(None, v, m_).ratio() >= NAME_LIKENESS:
            return True
    return False


# --------------------------------------------------------------------------------------------------------------
# Document numbers

#: What an OCR engine's model for ordinary text takes for what in a sans-serif VIZ: compared through this, a
#: misread is not mistaken for an alteration (an altered digit is still a different digit).
LOOKALIKES = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "$": "5",
                            "B": "8", "G": "6", "A": "4", "£": "E", "€": "E"})


def number_key(text: str, *, ocr: bool = False) -> str:
    """A document number as the MRZ would compare it: capitals and digits only (fillers, spaces and punctuation
    dropped); with ``ocr``, look-alike characters (:data:`LOOKALIKES`) taken as one."""
    text = text.upper()
    if ocr:
        text = text.translate(LOOKALIKES)
    return re.sub(r"[^A-Z0-9]", "", text)


def same_number(viz: str, mrz: str, *, ocr: bool = False) -> bool:
    """Whether a VIZ document number is the MRZ's (compared as :func:`number_key`)."""
    return number_key(viz, ocr=ocr) == number_key(mrz, ocr=ocr)


# --------------------------------------------------------------------------------------------------------------
# One field


@dataclass(frozen=True)
class FieldCheck:
    """A VIZ value against the MRZ's: ``agrees`` None when either cannot be understood (no evidence either way),
    ``note`` why, or how they agree when it is not plain (a truncated MRZ name)."""

    field: VIZField
    agrees: bool | None
    note: str = ""


def check_field(field: VIZField, viz: str, *, mrz: str | None, mrz_iso: str | None = None, truncated: bool = False,
                ocr: bool = False, language: str | None = None) -> FieldCheck:
    """The VIZ text of ``field`` against the MRZ's value.

    Parameters
    ----------
    field : VIZField
    viz : str
        The VIZ text, as typed (``ocr=False``) or as OCR read the printed field (``ocr=True``).
    mrz : str or None
        The MRZ's value: for a date as printed, YYMMDD.
    mrz_iso : str, optional
        For a date, what the MRZ date means (ISO 8601), compared with a four-digit VIZ year.
    truncated : bool
        For a name, whether the MRZ name may be truncated.
    ocr : bool
        OCR text: look-alike characters and a likeness of names tolerated, dates read only in their printed form
        (:func:`read_date`, two-digit year) and found anywhere in the text.
    language : str, optional
        For a name, its language (ISO 639-1): a documented national practice of it (Azerbaijani ``Ş`` -> ``SH``) is
        accepted with a note; typed names that differ say which letters (:func:`docexam.mrz.name_check.check_name`).
    """
    if field.is_date:
        if ocr:
            read = read_date(viz)
            parsed = (*read, False) if read is not None else None
        else:
            parsed = parse_date(viz)
        if parsed is None:
            return FieldCheck(field, None, "not understood as a date")
        d, mo, y, four = parsed
        same = date_agrees(d, mo, y, four_digit_year=four, mrz_raw=mrz, mrz_iso=mrz_iso)
        return FieldCheck(field, same, "the MRZ date is not a date" if same is None else "")
    if field is VIZField.DOCUMENT_NUMBER:
        return FieldCheck(field, same_number(viz, mrz or "", ocr=ocr))
    if ocr and not (any(_letters(s) for s in name_spellings(viz)) and _letters(name_key(mrz or ""))):
        return FieldCheck(field, None, "no name to compare")
    if same_name(viz, mrz or "", ocr=ocr, language=language):
        return FieldCheck(field, True)
    if truncated and same_name(viz, mrz or "", truncated=True, ocr=ocr, language=language):
        return FieldCheck(field, True, "the MRZ name is truncated")
    if not ocr:
        # Typed text: which letters differ, and what the tables expected there (docexam.mrz.name_check); a
        # national practice of the names' language, when it is known, makes them agree with a note.
        from docexam.mrz.name_check import NameAgreement, check_name
        from docexam.mrz.name_practice import NAME_PRACTICES

        letters = check_name(viz, mrz or "", language=language, truncated=truncated)
        gaps = {p.key for p in NAME_PRACTICES if p.fills_gap}
        if letters.agreement is NameAgreement.NATIONAL_PRACTICE and language is None and not set(letters.practices) <= gaps:
            # a practice of some language, but the name's is not known: the tables' word on it
            letters = check_name(viz, mrz or "", truncated=truncated, practice=False)
        if letters.agreement is NameAgreement.NATIONAL_PRACTICE:
            return FieldCheck(field, True, letters.message)
        if letters.agreement is NameAgreement.DIFFERS:
            return FieldCheck(field, False, letters.message)
    return FieldCheck(field, False)
