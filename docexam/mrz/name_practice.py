"""National practice in writing names into the MRZ where Doc 9303 Part 3, section 6 is silent or its issuers depart
from it, as data: what the VIZ prints, what the MRZ writes, for which languages, and the source that documents it.

Section 6 *recommends* transliterations (6.A Latin, 6.B Cyrillic, 6.C Arabic); a State may write a character the
tables omit (the Azerbaijani schwa ``Ə``) and may keep a spelling of its own. The name check
(:mod:`docexam.mrz.name_check`) accepts an MRZ name spelled by a row of :data:`NAME_PRACTICES` as *national practice*,
kept apart from a spelling the tables allow, so the examiner sees which rule made the two agree (Part 3, 7: deviations
are the issuing State's to publish; the examiner decides whether the document should show one).

Rows marked ``fills_gap`` give the only spelling docexam knows for a character the tables omit:
:func:`docexam.mrz.transliterate.transliterate` writes it (the generator's MRZs use it). The others are alternatives
to a table's spelling, accepted by the check only.

Add a practice by adding a row, with the evidence in ``source``. Names of languages are ISO 639-1 codes; the
language of a state's names is :func:`name_language` (the ICAO code of the issuing state, Part 3, section 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["NAME_PRACTICES", "NamePractice", "name_language", "practices_for", "register_name_language"]


@dataclass(frozen=True)
class NamePractice:
    """One national practice: ``spellings`` maps what the VIZ prints (one or two upper-case characters) to what the
    MRZ writes for it (in order of use), for names in ``languages``."""

    key: str
    languages: tuple[str, ...]
    spellings: MappingProxyType[str, tuple[str, ...]]
    description: str
    source: str
    #: The tables have no spelling for these characters: this row's first spelling is the one docexam writes.
    fills_gap: bool = False


def _row(key: str, languages: tuple[str, ...], spellings: dict[str, tuple[str, ...]], description: str, source: str,
         *, fills_gap: bool = False) -> NamePractice:
    return NamePractice(key, languages, MappingProxyType(spellings), description, source, fills_gap)


NAME_PRACTICES: tuple[NamePractice, ...] = (
    _row("az_schwa", ("az",), {"\u018f": ("A",)},
         "the Azerbaijani schwa \u018f written A (\u018fL\u0130YEV -> ALIYEV)",
         "Doc 9303 Part 3, 6.A has no \u018f (U+018F); A is its spelling in the Latin-letter use of Azerbaijani names "
         "(\u018fliyev: Aliyev, M\u0259mm\u0259dov: Mammadov); no Azerbaijani specimen in ../shared/corpus shows an MRZ to "
         "confirm it",
         fills_gap=True),
    _row("cyrillic_soft_sign", ("ru", "uk", "be"), {"\u042c": ("",)},
         "the Cyrillic soft sign \u042c left out (\u0418\u041b\u042c\u0418\u041d -> ILIN)",
         "Doc 9303 Part 3, 6.B has no \u042c (U+042C); it has no sound of its own and the MRZ writes nothing for it, as "
         "Ukraine's national romanisation does (Cabinet of Ministers Resolution No. 55, 27 January 2010)",
         fills_gap=True),
    _row("uk_zgh", ("uk",), {"\u0417\u0413": ("ZGH",)},
         "Ukrainian \u0417\u0413 written ZGH, to tell it from \u0416 (ZH)",
         "Ukraine's national romanisation (Cabinet of Ministers Resolution No. 55, 27 January 2010), which the "
         "Ukrainian exceptions of Doc 9303 Part 3, 6.B follow; 6.B itself gives Z and H"),
    _row("az_digraphs", ("az",), {"\u015e": ("SH",), "\u00c7": ("CH",)},
         "Azerbaijani \u015e and \u00c7 written SH and CH (the English-style romanisation) instead of 6.A's S and C",
         "not Doc 9303 (Part 3, 6.A gives S and C): the English-style spelling of Azerbaijani names that holders "
         "carry from documents spelled through Russian (\u0428 SH, \u0427 CH, Part 3, 6.B); accepted as national "
         "practice for the examiner to confirm"),
)

#: The language a State writes its holders' names in (Part 3, section 5 codes): the name check's and the VIZ
#: reader's default when the caller knows only the issuing State.
_NAME_LANGUAGES: dict[str, str] = {
    "AZE": "az", "RUS": "ru", "UKR": "uk", "BLR": "be", "BGR": "bg", "SRB": "sr", "MKD": "mk", "TUR": "tr",
    "POL": "pl", "CZE": "cs", "D": "de", "D<<": "de", "AUT": "de", "ESP": "es", "FRA": "fr", "GBR": "en",
    "USA": "en", "IRL": "en",
}


def register_name_language(state: str, language: str | None) -> None:
    """Say that ``state`` (an issuing state's code) writes its holders' names in ``language`` (ISO 639-1); None
    forgets it. The specimen generator registers its fictional states so."""
    if not (isinstance(state, str) and 1 <= len(state) <= 3):
        raise ValueError(f"state must be an issuing state's code (Doc 9303 Part 3, section 5), got {state!r}")
    if language is None:
        _NAME_LANGUAGES.pop(state, None)
        return
    if not (isinstance(language, str) and language.isalpha() and language.islower() and len(language) in (2, 3)):
        raise ValueError(f"language must be an ISO 639 code in lower case (az, ru, uk...), got {language!r}")
    _NAME_LANGUAGES[state] = language


def name_language(state: str | None) -> str | None:
    """The language ``state``'s names are written in, None when docexam does not know (fillers ignored: ``D<<``)."""
    if not state:
        return None
    return _NAME_LANGUAGES.get(state) or _NAME_LANGUAGES.get(state.rstrip("<"))


def practices_for(language: str | None) -> tuple[NamePractice, ...]:
    """The practices a name in ``language`` may follow; every one when the language is not known."""
    if language is None:
        return NAME_PRACTICES
    return tuple(p for p in NAME_PRACTICES if language in p.languages)
