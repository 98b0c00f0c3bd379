"""A name as the VIZ prints it (in national script) against the MRZ's, letter by letter, through Doc 9303 Part 3,
section 6's transliteration tables and the documented national practice.

The VIZ prints the holder's name as written in the State's language (Part 3, 3.1), the MRZ its transliteration in
A-Z (Part 3, 4.6 and section 6). An MRZ name *agrees* when some spelling the tables allow for the name's language
gives it exactly (6.A's options, ``Ö`` -> ``OE`` or ``O``; 6.B's column or the language's exception, Ukrainian
``Г`` -> ``H``), or, reported apart, when a documented national practice does
(:data:`docexam.mrz.name_practice.NAME_PRACTICES`: Azerbaijani ``Ə`` -> ``A``). Otherwise the check aligns the two
(each VIZ character with one of its spellings, an edit where none fits) and names every MRZ letter that differs: its
position in the MRZ name, what stands there, and what the tables (and practice) allow for the VIZ letter it stands
for. An MRZ name that may be truncated (Part 4, 4.2.3: a letter in the field's last position) may stop short of a
component's end and leave out trailing components.

The result (:class:`NameCheck`) carries codes and values, never a sentence to parse: :attr:`NameCheck.message` words it
in the current language.

>>> check_name("ŞƏFƏQ", "SAFAQ", language="az").agreement.value
'national_practice'
>>> [(c.mrz_position, c.found, c.expected) for c in check_name("ŞƏFƏQ", "SAFAG", language="az").changes]
[(4, 'G', ('Q',))]
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from docexam.i18n import N_, _
from docexam.mrz.name_practice import practices_for
from docexam.mrz.transliterate import CYRILLIC, CYRILLIC_EXCEPTIONS, base_before, final_at, table_options

__all__ = ["ChangeKind", "LetterChange", "NameAgreement", "NameCheck", "check_name"]


class NameAgreement(StrEnum):
    """How an MRZ name stands to the VIZ name (codes stored as they are; the words are :data:`AGREEMENT_WORDS`)."""

    TABLES = "tables"  # a spelling Doc 9303 Part 3, section 6 allows
    NATIONAL_PRACTICE = "national_practice"  # needs a documented national practice (name_practice)
    DIFFERS = "differs"  # letters differ: see the changes
    UNCOVERED = "uncovered"  # agrees where it can be checked; some VIZ characters no table or practice covers
    NOT_COMPARED = "not_compared"  # no letters on one side

    @property
    def agrees(self) -> bool | None:
        """True for an agreement, False for a difference, None when nothing (or not everything) could be checked."""
        return {NameAgreement.TABLES: True, NameAgreement.NATIONAL_PRACTICE: True,
                NameAgreement.DIFFERS: False}.get(self)


class ChangeKind(StrEnum):
    CHANGED = "changed"  # another letter (or letters) where the VIZ letter's spelling stands
    MISSING = "missing"  # the VIZ letter has no counterpart in the MRZ
    EXTRA = "extra"  # an MRZ letter no VIZ letter accounts for
    SEPARATOR = "separator"  # a filler where the VIZ has none, or none where it separates components


#: The agreements in words, translated where shown.
AGREEMENT_WORDS: dict[NameAgreement, str] = {
    NameAgreement.TABLES: N_("transliterated as Doc 9303 Part 3, section 6 allows"),
    NameAgreement.NATIONAL_PRACTICE: N_("transliterated by national practice"),
    NameAgreement.DIFFERS: N_("not a transliteration of the VIZ name"),
    NameAgreement.UNCOVERED: N_("characters the transliteration tables do not cover"),
    NameAgreement.NOT_COMPARED: N_("no name to compare"),
}


@dataclass(frozen=True)
class LetterChange:
    """One difference between the MRZ name and the VIZ name's allowed spellings. Positions are 0-based indexes into
    the texts as given (the MRZ name with its fillers, the VIZ name as printed)."""

    kind: ChangeKind
    mrz_position: int
    viz_position: int
    #: The VIZ character(s) (empty for an extra MRZ letter).
    viz: str
    #: What the MRZ has there (empty for a missing letter).
    found: str
    #: What the tables allow for ``viz`` there, recommended first, then national practice's spellings.
    expected: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "mrz_position": self.mrz_position, "viz_position": self.viz_position,
                "viz": self.viz, "found": self.found, "expected": list(self.expected)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LetterChange:
        return cls(ChangeKind(d["kind"]), int(d["mrz_position"]), int(d["viz_position"]), str(d["viz"]),
                   str(d["found"]), tuple(d["expected"]))

    @property
    def message(self) -> str:
        """The change in the current language (positions counted from 1)."""
        expected = " / ".join(e or "-" for e in self.expected)
        if self.kind is ChangeKind.MISSING:
            return _("position {position}: nothing where {viz} gives {expected}").format(
                position=self.mrz_position + 1, viz=self.viz, expected=expected)
        if self.kind is ChangeKind.EXTRA:
            return _("position {position}: {found}, which no letter of the VIZ name gives").format(
                position=self.mrz_position + 1, found=self.found)
        if self.kind is ChangeKind.SEPARATOR:
            return _("position {position}: the components are separated differently").format(
                position=self.mrz_position + 1)
        return _("position {position}: {found} where {viz} gives {expected}").format(
            position=self.mrz_position + 1, found=self.found, viz=self.viz, expected=expected)


@dataclass(frozen=True)
class NameCheck:
    """A VIZ name against the MRZ's: the agreement, the allowed spelling closest to the MRZ (what the MRZ should
    read), the language whose rules were applied, the national practices used, the changes, and whether the MRZ was
    taken as truncated."""

    viz: str
    mrz: str
    agreement: NameAgreement
    spelling: str = ""
    language: str | None = None
    practices: tuple[str, ...] = ()
    changes: tuple[LetterChange, ...] = ()
    truncated: bool = False
    #: VIZ characters neither the tables nor a practice cover (compared as any one letter).
    uncovered: str = ""

    @property
    def agrees(self) -> bool | None:
        return self.agreement.agrees

    def to_dict(self) -> dict[str, Any]:
        return {"viz": self.viz, "mrz": self.mrz, "agreement": self.agreement.value, "spelling": self.spelling,
                "language": self.language, "practices": list(self.practices),
                "changes": [c.to_dict() for c in self.changes], "truncated": self.truncated,
                "uncovered": self.uncovered}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NameCheck:
        return cls(str(d["viz"]), str(d["mrz"]), NameAgreement(d["agreement"]), str(d.get("spelling", "")),
                   d.get("language"), tuple(d.get("practices", ())),
                   tuple(LetterChange.from_dict(c) for c in d.get("changes", ())), bool(d.get("truncated", False)),
                   str(d.get("uncovered", "")))

    @property
    def message(self) -> str:
        """The outcome in the current language."""
        if self.agreement is NameAgreement.DIFFERS:
            return _("the MRZ name {mrz} is not a transliteration of the VIZ name {viz} (it would read {spelling}): "
                     "{changes}").format(mrz=self.mrz, viz=self.viz, spelling=self.spelling,
                                         changes="; ".join(c.message for c in self.changes))
        if self.agreement is NameAgreement.NATIONAL_PRACTICE:
            return _("the MRZ name {mrz} is the VIZ name {viz} transliterated by national practice ({practices}), "
                     "not by Doc 9303 Part 3, section 6").format(mrz=self.mrz, viz=self.viz,
                                                                 practices=", ".join(self.practices))
        if self.agreement is NameAgreement.TABLES:
            return _("the MRZ name {mrz} is the VIZ name {viz} transliterated as Doc 9303 Part 3, section 6 "
                     "allows").format(mrz=self.mrz, viz=self.viz)
        if self.agreement is NameAgreement.UNCOVERED:
            return _("the VIZ name {viz} has characters the transliteration tables do not cover ({characters}); "
                     "the rest agrees with the MRZ name {mrz}").format(viz=self.viz, mrz=self.mrz,
                                                                       characters=" ".join(self.uncovered))
        return _("no name to compare: VIZ {viz}, MRZ {mrz}").format(viz=self.viz or "-", mrz=self.mrz or "-")


# ----------------------------------------------------------------------------------------------------- normalising

_SEP = " "
# Part 3, 4.6: spaces, hyphens and commas separate name components (a filler each in the MRZ); apostrophes and
# other punctuation are left out.
_SEPARATORS = frozenset(" ,<-\u2010\u2011\u2012\u2013\u2212\t")


def _normal_viz(text: str) -> list[tuple[str, int]]:
    """The VIZ name's characters in upper case (NFC), with their positions in ``text``: separators as one space,
    punctuation dropped. Positions follow ``text`` when upper-casing keeps its length (it does for names)."""
    nfc = unicodedata.normalize("NFC", text)
    upper = unicodedata.normalize("NFC", nfc.upper())
    same_length = len(upper) == len(nfc) == len(text)
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(upper):
        pos = i if same_length else min(i, len(text) - 1)
        if ch in _SEPARATORS or ch.isspace():
            if out and out[-1][0] != _SEP:
                out.append((_SEP, pos))
        elif ch.isalpha() or ch.isdigit() or unicodedata.category(ch) == "Mn":
            out.append((ch, pos))  # marks too: 6.C spells some (shadda) and drops the others
        # punctuation and apostrophes: left out
    while out and out[-1][0] == _SEP:
        out.pop()
    return out


def _normal_mrz(text: str) -> list[tuple[str, int]]:
    """The MRZ name's characters with their positions: fillers and other separators as one space."""
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(text.upper()):
        if ch in _SEPARATORS or ch.isspace():
            if out and out[-1][0] != _SEP:
                out.append((_SEP, i))
        elif not unicodedata.category(ch).startswith("P"):
            out.append((ch, i))
    while out and out[-1][0] == _SEP:
        out.pop()
    return out


# ----------------------------------------------------------------------------------------------------- aligning

#: Cost of a step: (letters changed, characters no table or practice covers, national practices used, truncation
#: used), compared in that order.
_Cost = tuple[int, int, int, int]


@dataclass(frozen=True)
class _Step:
    i0: int
    j0: int
    i1: int
    j1: int
    option: str  # the spelling the step used (for an edit: the one the MRZ should have had)
    practice: str | None = None
    kind: ChangeKind | None = None
    expected: tuple[str, ...] = ()
    uncovered: bool = False
    truncation: bool = False


def _options_at(vs: list[tuple[str, int]], i: int, language: str | None,
                practice: bool) -> list[tuple[int, str, str | None]]:
    """(VIZ characters consumed, spelling, practice key or None for the tables) for the letters at ``i``."""
    text = "".join(c for c, _ in vs)
    ch = text[i]
    initial = i == 0 or text[i - 1] == _SEP
    found = table_options(ch, language, initial=initial, final=final_at(text, i), previous=base_before(text, i))
    out: list[tuple[int, str, str | None]] = [(1, o, None) for o in (found or ())]
    for row in practices_for(language) if practice else ():
        for text, spelled in row.spellings.items():
            if "".join(c for c, _ in vs[i : i + len(text)]) == text:
                out += [(len(text), o, row.key) for o in spelled if (len(text), o, None) not in out]
    return out


def _align(vs: list[tuple[str, int]], ms: list[tuple[str, int]], language: str | None, *, truncated: bool,
           practice: bool) -> tuple[_Cost, list[_Step]]:
    """The cheapest alignment of the VIZ characters with the MRZ's (a dynamic programme over both positions)."""
    n, m = len(vs), len(ms)
    mrz = "".join(c for c, _ in ms)
    best: dict[tuple[int, int], tuple[_Cost, _Step | None]] = {(0, 0): ((0, 0, 0, 0), None)}

    def relax(step: _Step, cost: _Cost) -> None:
        total = best[(step.i0, step.j0)][0]
        new = (total[0] + cost[0], total[1] + cost[1], total[2] + cost[2], total[3] + cost[3])
        key = (step.i1, step.j1)
        if key not in best or new < best[key][0]:
            best[key] = (new, step)

    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) not in best:
                continue
            if j < m:  # an MRZ character no VIZ character accounts for
                kind = ChangeKind.SEPARATOR if ms[j][0] == _SEP else ChangeKind.EXTRA
                relax(_Step(i, j, i, j + 1, "", kind=kind), (1, 0, 0, 0))
            if i == n:
                continue
            ch = vs[i][0]
            if ch == _SEP:
                if j < m and ms[j][0] == _SEP:
                    relax(_Step(i, j, i + 1, j + 1, _SEP), (0, 0, 0, 0))
                relax(_Step(i, j, i + 1, j, _SEP, kind=ChangeKind.SEPARATOR, expected=("<",)), (1, 0, 0, 0))
                continue
            if truncated and i > 0 and vs[i - 1][0] != _SEP and (j == m or ms[j][0] == _SEP):
                # Part 4, 4.2.3: the rest of this component cut off (an initial at least was kept) ...
                end = next((k for k in range(i, n) if vs[k][0] == _SEP), n)
                relax(_Step(i, j, end, j, "", truncation=True), (0, 0, 0, 1))
                if j == m:  # ... and the components after it dropped
                    relax(_Step(i, j, n, j, "", truncation=True), (0, 0, 0, 1))
            options = _options_at(vs, i, language, practice)
            if not options:  # a character no table covers: taken for any one letter, or none
                if j < m and ms[j][0] != _SEP:
                    relax(_Step(i, j, i + 1, j + 1, ms[j][0], uncovered=True), (0, 1, 0, 0))
                relax(_Step(i, j, i + 1, j, "", uncovered=True), (0, 1, 0, 0))
                continue
            expected = tuple(dict.fromkeys(o for _, o, _ in options))
            for k, option, row in options:
                seg = mrz[j : j + len(option)]
                used = 0 if row is None else 1
                if seg == option:
                    relax(_Step(i, j, i + k, j + len(option), option, row), (0, 0, used, 0))
                elif truncated and seg and j + len(seg) == m and option.startswith(seg):
                    # the field ends inside the letter's spelling (Ю -> YU cut to Y)
                    relax(_Step(i, j, i + k, m, seg, row, truncation=True), (0, 0, used, 1))
                elif option and len(seg) == len(option) and _SEP not in seg:
                    differing = sum(a != b for a, b in zip(seg, option, strict=True))
                    relax(_Step(i, j, i + k, j + len(option), option, row, ChangeKind.CHANGED, expected),
                          (differing, 0, used, 0))
            relax(_Step(i, j, i + 1, j, options[0][1], kind=ChangeKind.MISSING, expected=expected), (1, 0, 0, 0))
    if (n, m) not in best:  # cannot happen: every character can be dropped or added
        raise AssertionError("name alignment found no path")
    cost, steps = best[(n, m)][0], []
    key = (n, m)
    while key != (0, 0):
        step = best[key][1]
        assert step is not None
        steps.append(step)
        key = (step.i0, step.j0)
    return cost, steps[::-1]


def _languages(vs: list[tuple[str, int]], language: str | None) -> list[str | None]:
    if language is not None:
        return [language]
    if any(c in CYRILLIC or "CYRILLIC" in unicodedata.name(c, "") for c, _ in vs):
        return [None, *sorted(CYRILLIC_EXCEPTIONS)]
    return [None]


def check_name(viz: str, mrz: str, *, language: str | None = None, truncated: bool = False,
               practice: bool = True) -> NameCheck:
    """The VIZ name ``viz`` against the MRZ name ``mrz``.

    Parameters
    ----------
    viz : str
        The name as the VIZ prints it (national script, any case), or one identifier of it.
    mrz : str
        The MRZ's name or the identifier it holds, with fillers (``ALIYEVA<<SABINA``) or spaces.
    language : str, optional
        The name's language (ISO 639-1; :func:`docexam.mrz.name_practice.name_language` of the issuing state):
        6.B's exceptions and the national practices of that language. Unknown: the general column and every
        language's exceptions are tried (the best taken), and every practice.
    truncated : bool
        The MRZ name may be truncated (Part 4, 4.2.3: the field ends with a letter).
    practice : bool
        Accept documented national practice (reported as :attr:`NameAgreement.NATIONAL_PRACTICE`); without it, only
        the tables.

    Never raises on odd text: characters no table covers are reported in :attr:`NameCheck.uncovered`.
    """
    if not isinstance(viz, str) or not isinstance(mrz, str):
        raise ValueError(f"viz and mrz must be text, got {type(viz).__name__} and {type(mrz).__name__}")
    if language is not None and not (isinstance(language, str) and language.isalpha() and language.islower()):
        raise ValueError(f"language must be an ISO 639 code in lower case (az, ru, uk...) or None, got {language!r}")
    vs, ms = _normal_viz(viz), _normal_mrz(mrz)
    if not any(c != _SEP for c, _ in vs) or not any(c != _SEP for c, _ in ms):
        return NameCheck(viz, mrz, NameAgreement.NOT_COMPARED, language=language)
    results = []
    for lang in _languages(vs, language):
        cost, steps = _align(vs, ms, lang, truncated=truncated, practice=practice)
        results.append((cost, lang, steps))
    cost, lang, steps = min(results, key=lambda r: r[0])
    return _result(viz, mrz, vs, ms, lang, steps, cost)


def _result(viz: str, mrz: str, vs: list[tuple[str, int]], ms: list[tuple[str, int]], language: str | None,
            steps: list[_Step], cost: _Cost) -> NameCheck:
    changes: list[LetterChange] = []
    spelling: list[str] = []
    practices: list[str] = []
    uncovered = ""
    for s in steps:
        viz_text = "".join(c for c, _ in vs[s.i0 : s.i1])
        viz_pos = vs[s.i0][1] if s.i0 < len(vs) else (vs[-1][1] + 1 if vs else 0)
        mrz_pos = ms[s.j0][1] if s.j0 < len(ms) else (ms[-1][1] + 1 if ms else 0)
        if s.uncovered:
            uncovered += viz_text
        if s.practice and s.practice not in practices and s.kind is None:
            practices.append(s.practice)
        if not s.truncation and s.kind is not ChangeKind.EXTRA and not (s.kind is ChangeKind.SEPARATOR and not viz_text):
            spelling.append("<" if s.option == _SEP else s.option)
        if s.kind is None:
            continue
        found = "".join(c for c, _ in ms[s.j0 : s.j1])
        if s.kind is ChangeKind.CHANGED:
            # the first letter that differs is where the examiner looks
            first = next(k for k, (a, b) in enumerate(zip(found, s.option, strict=True)) if a != b)
            mrz_pos = ms[s.j0 + first][1]
        changes.append(LetterChange(s.kind, mrz_pos, viz_pos, viz_text, found.replace(_SEP, "<"), s.expected))
    truncated = any(s.truncation for s in steps)
    if changes:
        agreement = NameAgreement.DIFFERS
    elif uncovered:
        agreement = NameAgreement.UNCOVERED
    elif practices:
        agreement = NameAgreement.NATIONAL_PRACTICE
    else:
        agreement = NameAgreement.TABLES
    return NameCheck(viz, mrz, agreement, "".join(spelling), language, tuple(practices), tuple(changes), truncated,
                     "".join(dict.fromkeys(uncovered)))
