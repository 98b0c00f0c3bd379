"""Seeded alterations of a genuine specimen, each recorded with its kind, the lights that show it and its region.

Every alteration returns a new :class:`~docexam.specimens.render.Specimen` and an :class:`Alteration` whose
``box`` (document millimetres) bounds every pixel the alteration changes in any light: the tests render the
genuine and the altered document and require the difference to be inside the box, in the claimed lights, and
nowhere else.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from docexam.lights import Light
from docexam.mrz import compute_check_digit, parse
from docexam.mrz.alphabet import DIGITS
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Field
from docexam.specimens.design import MRZ_CHAR_HEIGHT_MM, MRZ_LINE_SPACING_MM, MRZ_PITCH_MM, REFERENCE_DPI, Box, FieldSlot, mm_to_px
from docexam.specimens.render import CAP_HEIGHT, FONTS, FieldEdit, Paper, Specimen, moved_emblem_box
from docexam.verdicts import ExerciseVerdict


class Kind(StrEnum):
    PHOTO_SUBSTITUTION = "photo_substitution"
    VIZ_ALTERATION = "viz_alteration"
    MRZ_CHECK_DIGIT = "mrz_check_digit"  # a character changed: a check digit fails
    MRZ_RECOMPUTED = "mrz_recomputed"  # MRZ re-made with valid check digits; no longer matches the VIZ
    COUNTERFEIT_PAPER = "counterfeit_paper"  # ordinary paper: glows under UV, no fibres
    UV_FEATURE_MISSING = "uv_feature_missing"
    UV_FEATURE_WRONG = "uv_feature_wrong"
    IR_NO_DROPOUT = "ir_no_dropout"  # a field that should drop out in IR stays dark


#: What the examiner's verdict should be for a document carrying each kind.
VERDICT: dict[Kind, ExerciseVerdict] = {
    Kind.PHOTO_SUBSTITUTION: ExerciseVerdict.ALTERED,
    Kind.VIZ_ALTERATION: ExerciseVerdict.ALTERED,
    Kind.MRZ_CHECK_DIGIT: ExerciseVerdict.ALTERED,
    Kind.MRZ_RECOMPUTED: ExerciseVerdict.ALTERED,
    Kind.COUNTERFEIT_PAPER: ExerciseVerdict.COUNTERFEIT,
    Kind.UV_FEATURE_MISSING: ExerciseVerdict.COUNTERFEIT,
    Kind.UV_FEATURE_WRONG: ExerciseVerdict.COUNTERFEIT,
    Kind.IR_NO_DROPOUT: ExerciseVerdict.COUNTERFEIT,
}


@dataclass(frozen=True)
class Alteration:
    kind: Kind
    lights: tuple[Light, ...]
    box: Box  # millimetres on the document
    detail: str

    def to_key(self) -> dict:
        """The answer key's entry: bbox as [x, y, w, h] in reference-specimen pixels."""
        return {"kind": self.kind.value, "lights": [x.value for x in self.lights],
                "bbox": list(self.box.px(REFERENCE_DPI)), "detail": self.detail}


DIFFICULTIES = ("easy", "normal", "hard")


def alter(specimen: Specimen, kind: Kind | str, *, seed: int, difficulty: str = "normal") -> tuple[Specimen, Alteration]:
    """Apply one alteration of ``kind`` to a genuine ``specimen``.

    Raises
    ------
    ValueError
        For an unknown kind or difficulty.
    """
    try:
        kind = Kind(kind)
    except ValueError:
        raise ValueError(f"unknown alteration kind {kind!r}; choose one of {', '.join(k.value for k in Kind)}") from None
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}")
    rng = random.Random(seed)
    return _KINDS[kind](specimen, rng, difficulty)


def _photo(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    new = rng.randrange(2**31)
    while new == s.data.portrait_seed:
        new = rng.randrange(2**31)
    return s.replace(substituted_portrait=new), Alteration(
        Kind.PHOTO_SUBSTITUTION, (Light.VISIBLE, Light.UV, Light.IR), s.family.portrait,
        "portrait replaced by a glued photograph: glows under UV, fades in IR, hairline edge",
    )


#: What a forger writes at the end of a name, in the name's own script: a surname's new ending (in place of its last
#: two letters) and a given name's new last letter.
_ENDINGS = {"latin": (("EN", "ER", "OS", "IN"), "AEIOU"), "cyrillic": (("ЕН", "ЕР", "ОС", "ИН"), "АЕИОУ")}


def _script(text: str) -> str:
    """``cyrillic`` when ``text``'s letters are Cyrillic, else ``latin`` (diacritics and all)."""
    return "cyrillic" if any(ch.isalpha() and unicodedata.name(ch, "").startswith("CYRILLIC") for ch in text) else "latin"


def _in_case_of(ending: str, text: str) -> str:
    """``ending`` in lower case when the name it ends is printed in lower case there (``Əliyev``), else as it is."""
    return ending.lower() if text[-1:].islower() else ending


def _viz(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    # The new value is made from what the VIZ prints (a name in the holder's script, Cyrillic for a holder whose name
    # is, while the MRZ keeps its transliteration; a date in the design's form), so the re-printed field reads as a
    # forger would write it; the draws are Utopia's, in their order.
    d = s.data
    birth = d.birth_date.replace(year=d.birth_date.year - rng.choice((3, 5, 10)), day=min(d.birth_date.day, 28))
    expiry = d.expiry_date.replace(year=d.expiry_date.year + rng.choice((2, 5)), day=min(d.expiry_date.day, 28))
    surname, given = s.viz.get("surname", d.surname), s.viz.get("given_names", d.given_names)
    endings, vowels = _ENDINGS[_script(surname + given)]
    choices = {
        "birth_date": s.family.date_text(birth),
        "expiry_date": s.family.date_text(expiry),
        "surname": (surname[:-2] + _in_case_of(rng.choice(endings), surname) if len(surname) > 3
                    else surname + _in_case_of(endings[0], surname)),
    }
    first = given.split()[0] if given.split() else ""
    vowel = rng.choice(vowels)
    if first:
        choices["given_names"] = first[:-1] + _in_case_of(vowel, first)
    available = [k for k in choices if any(f.key == k for f in s.family.fields) and choices[k] != s.viz.get(k)]
    key = rng.choice(sorted(available))
    residue = {"easy": 0.55, "normal": 0.35, "hard": 0.18}[difficulty]
    edits = dict(s.edits) | {key: FieldEdit(choices[key], s.viz[key], residue)}
    slot = s.family.field(key)
    return s.replace(edits=edits), Alteration(
        Kind.VIZ_ALTERATION, (Light.VISIBLE, Light.IR), slot.value_box(),
        f"{key} re-printed as {choices[key]!r} over an erasure of {s.viz[key]!r}",
    )


def _mrz_cell(s: Specimen, line: int, col: int) -> Box:
    n = len(s.mrz)
    centre = s.family.mrz_bottom_centre - (n - 1 - line) * MRZ_LINE_SPACING_MM
    x = s.family.mrz_left + col * MRZ_PITCH_MM
    return Box(x - 0.6, centre - MRZ_CHAR_HEIGHT_MM * 1.1, MRZ_PITCH_MM + 1.2, MRZ_CHAR_HEIGHT_MM * 2.2)


def _mrz_digit(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    lines = list(s.mrz)
    layout = LAYOUTS[parse(lines).format]
    # A digit of the birth or expiry date, or of the document number: every check digit covering it then fails.
    candidates = [
        p for f in (Field.BIRTH_DATE, Field.EXPIRY_DATE, Field.DOCUMENT_NUMBER)
        for p in range(layout.fields[f].start, layout.fields[f].stop)
        if "".join(lines)[p].isdigit()
    ]
    p = rng.choice(candidates)
    line, col = divmod(p, layout.length)
    old = lines[line][col]
    new = rng.choice([d for d in DIGITS if d != old])
    lines[line] = lines[line][:col] + new + lines[line][col + 1 :]
    return s.replace(mrz=tuple(lines)), Alteration(
        Kind.MRZ_CHECK_DIGIT, (Light.VISIBLE, Light.IR), _mrz_cell(s, line, col),
        f"MRZ line {line + 1} position {col + 1} changed from {old} to {new}: its check digit no longer holds",
    )


def _mrz_recomputed(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    lines = list(s.mrz)
    fmt = parse(lines).format
    layout = LAYOUTS[fmt]
    text = list("".join(lines))
    birth = layout.fields[Field.BIRTH_DATE]
    old = "".join(text[birth.start : birth.stop])
    year = (int(old[:2]) - rng.choice((2, 4, 7))) % 100
    text[birth.start : birth.start + 2] = f"{year:02d}"
    # Recompute every check digit so the MRZ validates: only the VIZ comparison can reveal the change.
    check = layout.fields[Field.BIRTH_DATE_CHECK].start
    text[check] = compute_check_digit("".join(text[birth.start : birth.stop]))
    changed = [birth.start, birth.start + 1, check]
    for spec in layout.checks:
        if spec.name == "composite":
            flat = "".join(text)
            text[spec.digit.start] = compute_check_digit("".join(sp.of(flat) for sp in spec.covers))
            changed.append(spec.digit.start)
    flat = "".join(text)
    new_lines = tuple(flat[i : i + layout.length] for i in range(0, len(flat), layout.length))
    box = None
    for p in changed:
        if flat[p] != "".join(lines)[p]:
            cell = _mrz_cell(s, *divmod(p, layout.length))
            box = cell if box is None else box.union(cell)
    assert box is not None and parse(new_lines).valid
    return s.replace(mrz=new_lines), Alteration(
        Kind.MRZ_RECOMPUTED, (Light.VISIBLE, Light.IR), box,
        f"MRZ date of birth changed from {old} to {''.join(text[birth.start:birth.stop])} with recomputed check digits; the VIZ still shows the original",
    )


def _counterfeit(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    f = replace(s.features, paper=Paper.BRIGHTENED, fibres=False)
    page = Box(0.0, 0.0, s.family.width, s.family.height)
    return s.replace(features=f), Alteration(
        Kind.COUNTERFEIT_PAPER, (Light.UV,), page, "printed on ordinary paper: optical brighteners glow under UV, no fibres"
    )


def _uv_missing(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    f = replace(s.features, uv_emblem="missing")
    return s.replace(features=f), Alteration(Kind.UV_FEATURE_MISSING, (Light.UV,), s.family.emblem, "the UV-fluorescent emblem is missing")


def _uv_wrong(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    f = replace(s.features, uv_emblem="moved")
    return s.replace(features=f), Alteration(
        Kind.UV_FEATURE_WRONG, (Light.UV,), s.family.emblem.union(moved_emblem_box(s.family)),
        "the UV-fluorescent emblem is printed in the wrong place and size",
    )


def _printed_box(s: Specimen, slot: FieldSlot) -> Box:
    """Where ``slot``'s value is printed. On Utopia's designs the slot's whole value box, as their answer keys have
    always said; on generated designs, where a field's room may run to the end of its row, the box is cut to the
    printed value's width (and a millimetre more), so that a one-letter field is not a box the width of the page."""
    box = slot.value_box()
    if s.family.design.startswith("UTO-"):
        return box
    from PIL import ImageFont

    font = FONTS[s.family.value_font]
    size = mm_to_px(slot.size, REFERENCE_DPI) / CAP_HEIGHT[font]
    width = ImageFont.truetype(font, size).getlength(s.viz.get(slot.key, "")) * 25.4 / REFERENCE_DPI
    return Box(box.x, box.y, min(box.w, width + 2.5), box.h)


def _ir(s: Specimen, rng: random.Random, difficulty: str) -> tuple[Specimen, Alteration]:
    plain = [f for f in s.family.fields if not f.ir_absorbing and s.viz.get(f.key)]
    slot = rng.choice(plain)
    f = replace(s.features, ir_absorbing_extra=(*s.features.ir_absorbing_extra, slot.key))
    return s.replace(features=f), Alteration(
        Kind.IR_NO_DROPOUT, (Light.IR,), _printed_box(s, slot), f"{slot.key} printed in IR-absorbing ink: it should drop out in IR"
    )


_KINDS = {
    Kind.PHOTO_SUBSTITUTION: _photo,
    Kind.VIZ_ALTERATION: _viz,
    Kind.MRZ_CHECK_DIGIT: _mrz_digit,
    Kind.MRZ_RECOMPUTED: _mrz_recomputed,
    Kind.COUNTERFEIT_PAPER: _counterfeit,
    Kind.UV_FEATURE_MISSING: _uv_missing,
    Kind.UV_FEATURE_WRONG: _uv_wrong,
    Kind.IR_NO_DROPOUT: _ir,
}
