"""National characters of a name written in the MRZ's A-Z: Doc 9303 Part 3, section 6.

The VIZ prints a name as the holder writes it, in Latin letters with diacritics or in another script (Part 3, 3.1);
the MRZ holds it in upper-case A-Z only, transliterated by the issuing State (Part 3, 4.6). Section 6 gives the
recommended transliterations: 6.A for the multinational Latin-based characters (for a few, two or three options,
``Ü`` -> ``UE`` or ``UXX`` or ``U``), 6.B for Cyrillic (one column, with exceptions for some languages: Ukrainian
``Г`` -> ``H``, Serbian ``Ж`` -> ``Z``...), 6.C for Arabic script (teh marbuta XTA, XAH at a component's end;
shadda doubling the letter before; vowel signs not encoded). :func:`transliterate` writes the issuer's choice, :func:`spellings` every
form the tables allow, which is what a name in the MRZ may be compared with.

A character the tables do not list raises :class:`~docexam.errors.TransliterationError` (a ``ValueError``) naming
it, with two exceptions of national practice, kept apart (:data:`NATIONAL_PRACTICE`): the Azerbaijani schwa ``Ə``,
which 6.A omits and Azerbaijan's documents write as ``A``, and the Cyrillic soft sign ``Ь``, which 6.B omits and
the documents that print it leave out of the MRZ.

>>> transliterate("ŞƏFƏQ-ÇƏLİKLİ"), transliterate("МИХАЙЛЕНКО", language="uk")
('SAFAQ-CALIKLI', 'MYKHAILENKO')
>>> sorted(spellings("MÜLLER"))
['MUELLER', 'MULLER', 'MUXXLLER']
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from docexam.errors import TransliterationError
from docexam.mrz.name_practice import NAME_PRACTICES

__all__ = ["ARABIC", "CYRILLIC", "CYRILLIC_EXCEPTIONS", "LATIN", "SHADDA", "TEH_MARBUTA", "base_before", "final_at", "NATIONAL_PRACTICE", "spellings", "table_options", "transliterate"]

#: Doc 9303 Part 3, 6.A: multinational Latin-based characters (upper case; the table's code points), the options
#: in the table's order, the first being the one :func:`transliterate` writes. The letters A-Z stand for themselves.
LATIN: dict[str, tuple[str, ...]] = {
    "\u00c0": ("A",), "\u00c1": ("A",), "\u00c2": ("A",), "\u00c3": ("A",), "\u00c4": ("AE", "A"), "\u00c5": ("AA", "A"),
    "\u00c6": ("AE",), "\u00c7": ("C",), "\u00c8": ("E",), "\u00c9": ("E",), "\u00ca": ("E",), "\u00cb": ("E",),
    "\u00cc": ("I",), "\u00cd": ("I",), "\u00ce": ("I",), "\u00cf": ("I",), "\u00d0": ("D",), "\u00d1": ("N", "NXX"),
    "\u00d2": ("O",), "\u00d3": ("O",), "\u00d4": ("O",), "\u00d5": ("O",), "\u00d6": ("OE", "O"), "\u00d8": ("OE",),
    "\u00d9": ("U",), "\u00da": ("U",), "\u00db": ("U",), "\u00dc": ("UE", "UXX", "U"), "\u00dd": ("Y",),
    "\u00de": ("TH",),
    "\u0100": ("A",), "\u0102": ("A",), "\u0104": ("A",), "\u0106": ("C",), "\u0108": ("C",), "\u010a": ("C",),
    "\u010c": ("C",), "\u010e": ("D",), "\u0110": ("D",), "\u0112": ("E",), "\u0114": ("E",), "\u0116": ("E",),
    "\u0118": ("E",), "\u011a": ("E",), "\u011c": ("G",), "\u011e": ("G",), "\u0120": ("G",), "\u0122": ("G",),
    "\u0124": ("H",), "\u0126": ("H",), "\u0128": ("I",), "\u012a": ("I",), "\u012c": ("I",), "\u012e": ("I",),
    "\u0130": ("I",), "\u0131": ("I",), "\u0132": ("IJ",), "\u0134": ("J",), "\u0136": ("K",), "\u0139": ("L",),
    "\u013b": ("L",), "\u013d": ("L",), "\u013f": ("L",), "\u0141": ("L",), "\u0143": ("N",), "\u0145": ("N",),
    "\u0147": ("N",), "\u014a": ("N",), "\u014c": ("O",), "\u014e": ("O",), "\u0150": ("O",), "\u0152": ("OE",),
    "\u0154": ("R",), "\u0156": ("R",), "\u0158": ("R",), "\u015a": ("S",), "\u015c": ("S",), "\u015e": ("S",),
    "\u0160": ("S",), "\u0162": ("T",), "\u0164": ("T",), "\u0166": ("T",), "\u0168": ("U",), "\u016a": ("U",),
    "\u016c": ("U",), "\u016e": ("U",), "\u0170": ("U",), "\u0172": ("U",), "\u0174": ("W",), "\u0176": ("Y",),
    "\u0178": ("Y",), "\u0179": ("Z",), "\u017b": ("Z",), "\u017d": ("Z",), "\u1e9e": ("SS",),
}

#: Doc 9303 Part 3, 6.B: Cyrillic characters (upper case), the general column. The soft sign ``Ь`` (U+042C) is not
#: in the table (see :data:`NATIONAL_PRACTICE`), nor are the Kazakh letters ``Ә Қ Ң Ө Ұ Ү`` (only ``Ғ Һ І`` are).
CYRILLIC: dict[str, str] = {
    "\u0401": "E", "\u0402": "D", "\u0404": "IE", "\u0405": "DZ", "\u0406": "I", "\u0407": "I", "\u0408": "J",
    "\u0409": "LJ", "\u040a": "NJ", "\u040c": "K", "\u040e": "U", "\u040f": "DZ",
    "\u0410": "A", "\u0411": "B", "\u0412": "V", "\u0413": "G", "\u0414": "D", "\u0415": "E", "\u0416": "ZH",
    "\u0417": "Z", "\u0418": "I", "\u0419": "I", "\u041a": "K", "\u041b": "L", "\u041c": "M", "\u041d": "N",
    "\u041e": "O", "\u041f": "P", "\u0420": "R", "\u0421": "S", "\u0422": "T", "\u0423": "U", "\u0424": "F",
    "\u0425": "KH", "\u0426": "TS", "\u0427": "CH", "\u0428": "SH", "\u0429": "SHCH", "\u042a": "IE", "\u042b": "Y",
    "\u042d": "E", "\u042e": "IU", "\u042f": "IA", "\u046a": "U", "\u0474": "Y", "\u0490": "G", "\u0492": "G",
    "\u04ba": "C",  # as the table gives it
}

#: Doc 9303 Part 3, 6.C: Arabic script (Appendix B, B.5, explains the scheme). ``""`` where the table says "Not
#: encoded" (the short vowels and other marks, the tatweel, and the obsolete Maghribi letters: B.5.8 note 1). Teh marbuta
#: (U+0629) and shadda (U+0651) depend on their place: :data:`TEH_MARBUTA`, :data:`SHADDA`.
ARABIC: dict[str, str] = {
    "\u0621": "XE", "\u0622": "XAA", "\u0623": "XAE", "\u0624": "U", "\u0625": "I", "\u0626": "XI", "\u0627": "A",
    "\u0628": "B", "\u062a": "T", "\u062b": "XTH", "\u062c": "J", "\u062d": "XH", "\u062e": "XKH", "\u062f": "D",
    "\u0630": "XDH", "\u0631": "R", "\u0632": "Z", "\u0633": "S", "\u0634": "XSH", "\u0635": "XSS", "\u0636": "XDZ",
    "\u0637": "XTT", "\u0638": "XZZ", "\u0639": "E", "\u063a": "G", "\u0640": "", "\u0641": "F", "\u0642": "Q",
    "\u0643": "K", "\u0644": "L", "\u0645": "M", "\u0646": "N", "\u0647": "H", "\u0648": "W", "\u0649": "XAY",
    "\u064a": "Y", "\u064b": "", "\u064c": "", "\u064d": "", "\u064e": "", "\u064f": "", "\u0650": "", "\u0652": "",
    "\u0670": "", "\u0671": "XXA", "\u0679": "XXT", "\u067c": "XRT", "\u067e": "P", "\u0681": "XKE", "\u0685": "XXH",
    "\u0686": "XC", "\u0688": "XXD", "\u0689": "XDR", "\u0691": "XXR", "\u0693": "XRR", "\u0696": "XRX",
    "\u0698": "XJ", "\u069a": "XXS", "\u069c": "", "\u06a2": "", "\u06a7": "", "\u06a8": "", "\u06a9": "XKK",
    "\u06ab": "XXK", "\u06ad": "XNG", "\u06af": "XGG", "\u06ba": "XNN", "\u06bc": "XXN", "\u06be": "XDO",
    "\u06c0": "XYH", "\u06c1": "XXG", "\u06c2": "XGE", "\u06c3": "XTG", "\u06cc": "XYA", "\u06cd": "XXY",
    "\u06d0": "Y", "\u06d2": "XYB", "\u06d3": "XBE",
}
#: Teh marbuta: XTA, except at the end of a name component, XAH (6.C note 2).
TEH_MARBUTA = {"\u0629": ("XTA", "XAH")}
#: Shadda denotes doubling: the preceding letter's spelling is repeated (6.C note 3: عبّاس -> EBBAS).
SHADDA = "\u0651"

#: Doc 9303 Part 3, 6.B's exceptions by language (ISO 639-1): anywhere in a name, then only as the first
#: character of a name component ("if Ukrainian first character").
CYRILLIC_EXCEPTIONS: dict[str, dict[str, str]] = {
    "be": {"\u0401": "IO", "\u0413": "H"},
    "bg": {"\u0429": "SHT"},
    "mk": {"\u040c": "KJ", "\u040f": "DJ", "\u0425": "H", "\u0426": "C", "\u0492": "GJ"},
    "sr": {"\u0413": "H", "\u0416": "Z", "\u0425": "H", "\u0426": "C", "\u0427": "C", "\u0428": "S"},
    "uk": {"\u0413": "H", "\u0418": "Y"},
}
_CYRILLIC_INITIAL: dict[str, dict[str, str]] = {
    "uk": {"\u0404": "YE", "\u0407": "YI", "\u0419": "Y", "\u042e": "YU", "\u042f": "YA"},
}

#: Characters section 6 omits, written as the issuing States do: Azerbaijan writes the schwa ``Ə`` as ``A``;
#: Russian, Ukrainian and Belarusian documents leave the soft sign ``Ь`` out (``ИЛЬИН`` -> ``ILIN``). The rows of
#: :data:`docexam.mrz.name_practice.NAME_PRACTICES` that fill a gap of the tables, with their sources.
NATIONAL_PRACTICE: dict[str, tuple[str, ...]] = {
    text: spelled for p in NAME_PRACTICES if p.fills_gap for text, spelled in p.spellings.items() if len(text) == 1}

#: Where 6.A gives options, the one a language's issuers write when it is not the first: Turkish and Azerbaijani
#: documents drop the diaeresis (``Ö`` -> ``O``, ``Ü`` -> ``U``), both allowed by the table.
_PREFERRED: dict[str, dict[str, str]] = {
    "az": {"\u00d6": "O", "\u00dc": "U"},
    "tr": {"\u00d6": "O", "\u00dc": "U"},
}

# Part 3, 4.6: spaces and hyphens separate name components (one filler each), a comma too; apostrophes are
# omitted by the MRZ writer (kept here as "'" so it can tell them from separators); other punctuation is omitted.
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2212"
_APOSTROPHES = "'\u2018\u2019\u02bc\u02b9`\u00b4"
_LANGUAGE = re.compile(r"[a-z]{2,3}")
#: Options a name's characters may multiply into; a name is spelled in at most this many ways.
DEFAULT_LIMIT = 64


def _check_language(language: str | None) -> None:
    if language is not None and not (isinstance(language, str) and _LANGUAGE.fullmatch(language)):
        raise ValueError(f"language must be an ISO 639 code in lower case (uk, ru, tr...) or None, got {language!r}")


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    # Composed upper case: a decomposed U+0308 joins its U, and ß becomes SS (as 6.A's ẞ).
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


def _initial(text: str, i: int) -> bool:
    """Whether position ``i`` begins a name component."""
    return i == 0 or not (text[i - 1].isalpha() or text[i - 1] in _APOSTROPHES)


def _letter_options(ch: str, language: str | None, initial: bool, final: bool = False,
                    previous: str | None = None) -> tuple[str, ...] | None:
    """The transliterations of one upper-case character, recommended first; None when it is not a letter the
    tables (or :data:`NATIONAL_PRACTICE`) cover."""
    found = table_options(ch, language, initial=initial, final=final, previous=previous)
    return found if found is not None else NATIONAL_PRACTICE.get(ch)


def base_before(text: str, i: int) -> str | None:
    """The letter before position ``i``, passing over marks (an Arabic vowel sign NFC puts before a shadda)."""
    j = i - 1
    while j >= 0 and unicodedata.category(text[j]) == "Mn":
        j -= 1
    return text[j] if j >= 0 else None


def final_at(text: str, i: int) -> bool:
    """Whether the letter at ``i`` ends a name component (only marks, such as Arabic vowel signs, follow it)."""
    j = i + 1
    while j < len(text) and unicodedata.category(text[j]) == "Mn":
        j += 1
    return j == len(text) or not text[j].isalpha()


def table_options(ch: str, language: str | None, *, initial: bool = False, final: bool = False,
                  previous: str | None = None) -> tuple[str, ...] | None:
    """What section 6's tables let the MRZ write for one upper-case character of a name in ``language``, the
    recommended spelling first (6.A's options; 6.B's column or the language's exception, ``initial`` when it begins
    a name component; 6.C's, ``final`` when it ends one, and for shadda the ``previous`` character's spelling
    repeated); the letters A-Z stand for themselves. None for a character the tables do not list (national practice,
    :mod:`docexam.mrz.name_practice`, is not consulted)."""
    if "A" <= ch <= "Z":
        return (ch,)
    if ch in LATIN:
        options = LATIN[ch]
        preferred = _PREFERRED.get(language or "", {}).get(ch)
        return (preferred, *(o for o in options if o != preferred)) if preferred else options
    if ch in CYRILLIC:
        if initial and ch in _CYRILLIC_INITIAL.get(language or "", {}):
            return (_CYRILLIC_INITIAL[language or ""][ch],)
        return (CYRILLIC_EXCEPTIONS.get(language or "", {}).get(ch, CYRILLIC[ch]),)
    if ch in ARABIC:
        return (ARABIC[ch],)
    if ch in TEH_MARBUTA:
        return (TEH_MARBUTA[ch][1 if final else 0],)
    if ch == SHADDA and previous is not None:
        return table_options(previous, language)
    return None


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def _options(text: str, language: str | None, *, keep_unknown: bool) -> list[tuple[str, ...]]:
    """Per character of (prepared) ``text``: what the MRZ may write for it."""
    out: list[tuple[str, ...]] = []
    for i, ch in enumerate(text):
        letter = _letter_options(ch, language, _initial(text, i), final_at(text, i), base_before(text, i))
        if letter is not None:
            out.append(letter)
        elif keep_unknown:
            out.append((ch,))
        elif ch.isspace() or ch == ",":
            out.append((" ",))
        elif ch in _HYPHENS:
            out.append(("-",))
        elif ch in _APOSTROPHES:
            out.append(("'",))
        elif unicodedata.category(ch).startswith("P"):
            out.append(("",))  # Part 3, 4.6: other punctuation is omitted
        elif ch.isdigit():
            raise TransliterationError(ch, text, "numeric characters are not used in names (Doc 9303 Part 3, 4.6)")
        else:
            where = "a Cyrillic letter" if "CYRILLIC" in unicodedata.name(ch, "") else "a character"
            raise TransliterationError(
                ch, text, f"{_describe(ch)} is {where} Doc 9303 Part 3, section 6 (tables 6.A and 6.B) does not "
                "transliterate; write the MRZ name explicitly")
    return out


def _tidy(text: str) -> str:
    """Runs of spaces as one, none at either end."""
    return " ".join(text.split())


def transliterate(text: str, *, language: str | None = None) -> str:
    """``text`` as the MRZ writes it: upper case A-Z, with the spaces, hyphens and apostrophes that separate or
    join its components (the MRZ writer turns them into fillers or drops them, Part 3, 4.6).

    Parameters
    ----------
    text : str
        A name as the VIZ prints it, in Latin letters with diacritics or in Cyrillic, any case.
    language : str, optional
        The name's language (ISO 639-1): Cyrillic follows 6.B's exceptions for ``be``, ``bg``, ``mk``, ``sr`` and
        ``uk``; ``tr`` and ``az`` write ``Ö``, ``Ü`` as ``O``, ``U`` (6.A's second option). Otherwise the general
        column and 6.A's first option.

    Raises
    ------
    TransliterationError
        A ``ValueError`` naming a character section 6 does not cover (a digit, Kazakh ``Ә``, Romanian ``Ș``...).
    """
    _check_language(language)
    prepared = _prepare(text)
    return _tidy("".join(options[0] for options in _options(prepared, language, keep_unknown=False)))


def spellings(text: str, *, language: str | None = None, limit: int = DEFAULT_LIMIT, keep_unknown: bool = False) -> set[str]:
    """Every form of ``text`` section 6 lets the MRZ hold: each option of 6.A (``MÜLLER`` -> ``MUELLER``,
    ``MUXXLLER``, ``MULLER``) and, for Cyrillic, the general column and every language's exceptions unless
    ``language`` names one. At most ``limit`` forms per language, those with the recommended options first.

    With ``keep_unknown``, characters the tables do not cover (digits, punctuation, an OCR's stray marks) are kept
    as they are instead of raising, and separators are left for the caller: for comparing text that may not be a
    name at all (:func:`docexam.mrz.viz.name_spellings`).
    """
    _check_language(language)
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    prepared = _prepare(text)
    languages: list[str | None] = [language]
    if language is None and any(ch in CYRILLIC for ch in prepared):
        languages += sorted(set(CYRILLIC_EXCEPTIONS) | set(_CYRILLIC_INITIAL))
    out: set[str] = set()
    for lang in languages:
        options = _options(prepared, lang, keep_unknown=keep_unknown)
        for combination in itertools.islice(itertools.product(*options), limit):
            joined = "".join(combination)
            out.add(joined if keep_unknown else _tidy(joined))
    return out
