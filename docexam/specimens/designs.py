"""Many document designs, not one: fictional issuing states, each with its own layouts, art and security features.

A design is one document series of one family (a state's passport, its identity card, its visa), named by a code::

    UTO-TD3          Utopia's passport, the design docexam started with (and UTO-TD1, UTO-TD2, UTO-MRVA)
    CSP-TD1-3        Caspiana's identity card, variant 3

Everything about a generated design (page layout, captions and their languages, fonts, palette, background art,
UV and IR behaviour, extras such as a signature or a perforated number) is drawn from a random generator seeded by
its code, so the same code always gives the same design. The Utopia designs are the hand-made families of
:mod:`docexam.specimens.design`, unchanged.

The issuing states are invented; their codes are not ISO 3166-1 codes, nor the codes Doc 9303 Part 3, section 5
reserves for organisations and persons without a nationality (tests/specimens check both), except Utopia's ``UTO``
(Part 3, 5, Part G: the code for specimens).

**Development and held-out designs.** Every benchmark of the comparison, the reference tools and the reader reports
its figures on development designs and on held-out designs side by side (see README, "Measuring on what was not
tuned on"): a generated design with an odd variant number is a development design, one with an even variant number
is held out and no threshold may be tuned on it. Utopia's designs are development designs.
"""

from __future__ import annotations

import colorsys
import random
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from docexam.mrz import MRZFormat
from docexam.mrz.name_practice import register_name_language
from docexam.specimens import art, labels
from docexam.specimens.design import FAMILIES, Box, Family, FamilyName, FieldSlot
from docexam.specimens.persons import add_state

#: Variants per state and family that :func:`catalogue` lists (the generator makes any variant from 1 to 999).
CATALOGUE_VARIANTS = 8
MAX_VARIANT = 999


class Split(StrEnum):
    DEVELOPMENT = "development"
    HELD_OUT = "held-out"


@dataclass(frozen=True)
class State:
    """A fictional issuing state: its code, its name in English and in its own language, the adjective of its
    nationals, its second label language and the language its holders' names are written in."""

    code: str
    name: str
    native_name: str
    adjective: str
    language: str
    name_language: str | None
    #: A right-to-left title printed as art on some of its designs (Hebrew), or not.
    rtl_art: bool = False


#: The invented states (Utopia's designs are the families of docexam.specimens.design, not generated).
STATES: tuple[State, ...] = (
    State("ARC", "ARCADIA", "ARCADIA", "ARCADIAN", "es", "es"),
    State("ATL", "ATLANTIS", "ATLANTIS", "ATLANTEAN", "de", "de"),
    State("ELD", "ELDORADO", "ELDORADO", "ELDORADIAN", "fr", "fr"),
    State("CSP", "CASPIANA", "KASPİANA", "CASPIANIAN", "az", "az"),
    State("NVR", "NOVARIA", "НОВАРИЯ", "NOVARIAN", "ru", "ru"),
    State("ZLN", "ZELENIA", "ЗЕЛЕНІЯ", "ZELENIAN", "uk", "uk"),
    State("KST", "KESTRIA", "KESTRİYA", "KESTRIAN", "tr", "tr"),
    State("BRL", "BOREALIS", "BOREALIA", "BOREALIAN", "pl", "pl"),
    State("MVN", "MORAVENA", "MORAVENA", "MORAVENIAN", "cs", "cs"),
    State("OPH", "OPHIRIA", "OPHIRIA", "OPHIRIAN", "en", None, rtl_art=True),
)
_STATE = {s.code: s for s in STATES}
for _s in STATES:
    add_state(_s.code, _s.name, _s.adjective)
    register_name_language(_s.code, _s.name_language)  # the VIZ's names are read and checked in it

_CODE = re.compile(r"^(?P<state>[A-Z]{3})-(?P<family>TD1|TD2|TD3|MRVA|MRVB)(?:-(?P<variant>[1-9][0-9]{0,2}))?$")


class UnknownDesignError(ValueError):
    """A design code the generator cannot make; the message lists the states and families it can."""


def parse_code(code: str) -> tuple[str, FamilyName, int | None]:
    """``(state, family, variant)`` of a design code (variant ``None`` for Utopia's designs).

    Raises
    ------
    UnknownDesignError
        For a code of another shape, an unknown state, or Utopia with a variant.
    """
    if not isinstance(code, str):
        raise UnknownDesignError(f"a design code is a string such as UTO-TD3 or CSP-TD1-3, got {code!r}")
    text = code.strip().upper()
    alias = {f.value.upper(): f for f in FAMILIES}
    if text in alias:  # a family's name alone: Utopia's design of it
        return "UTO", alias[text], None
    m = _CODE.match(text)
    if not m:
        raise UnknownDesignError(f"{code!r} is not a design code: write STATE-FAMILY-VARIANT such as CSP-TD1-3 "
                                 f"(families TD1, TD2, TD3, MRVA, MRVB; variants 1 to {MAX_VARIANT}), or UTO-TD3 "
                                 "for Utopia's passport; `docexam exercise designs` lists them")
    state, fam, variant = m["state"], FamilyName(m["family"].lower()), m["variant"]
    if state == "UTO":
        if variant is not None or fam not in FAMILIES:
            raise UnknownDesignError(f"{code!r}: Utopia has one design per family ({', '.join(sorted(f.design for f in FAMILIES.values()))})")
        return state, fam, None
    if state not in _STATE:
        raise UnknownDesignError(f"{code!r}: no fictional state {state!r}; the states are UTO, {', '.join(_STATE)}")
    if variant is None:
        raise UnknownDesignError(f"{code!r}: give a variant number, e.g. {state}-{m['family']}-1")
    return state, fam, int(variant)


def split(code: str) -> Split:
    """Whether a design is for development or held out for measuring (odd variants and Utopia: development)."""
    _, _, variant = parse_code(code)
    return Split.DEVELOPMENT if variant is None or variant % 2 == 1 else Split.HELD_OUT


def design(code: str) -> Family:
    """The design called ``code``: Utopia's hand-made family, or the generated design (cached)."""
    state, fam, variant = parse_code(code)
    if variant is None:
        return FAMILIES[fam]
    return _generate(_STATE[state], fam, variant)


def catalogue(*, families: tuple[FamilyName, ...] | None = None, which: Split | None = None) -> list[str]:
    """The design codes the generator lists: Utopia's four, then every state x family x variant 1 to
    :data:`CATALOGUE_VARIANTS`, filtered by family and split."""
    fams = tuple(FamilyName) if families is None else tuple(FamilyName(f) for f in families)
    codes = [f.design for f in FAMILIES.values() if f.name in fams]
    codes += [f"{s.code}-{f.value.upper()}-{v}" for s in STATES for f in fams for v in range(1, CATALOGUE_VARIANTS + 1)]
    return [c for c in codes if which is None or split(c) is which]


def choose(count: int, *, seed: int, families: tuple[FamilyName, ...] | None = None, which: Split | None = None) -> list[str]:
    """``count`` distinct generated designs for a pack, drawn from the catalogue by ``seed``: one design of each
    (state, family) before a second variant of any, so a pack of 20 shows 20 different states' documents as long
    as it can. (A pack without a number of designs uses Utopia's, as packs always did.)"""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"the number of designs must be a positive whole number, got {count!r}")
    pool = [c for c in catalogue(families=families, which=which) if not c.startswith("UTO-")]
    if count > len(pool):
        raise ValueError(f"asked for {count} designs; the catalogue has {len(pool)} generated designs of these families")
    rng = random.Random(f"designs:{seed}")
    rng.shuffle(pool)
    seen: set[str] = set()
    first: list[str] = []
    rest: list[str] = []
    for c in pool:
        group = c.rsplit("-", 1)[0]
        (rest if group in seen else first).append(c)
        seen.add(group)
    return (first + rest)[:count]


# --- the generator ---------------------------------------------------------------------------------------------

#: Page size (mm), the MRZ's left edge and the centre of its last line from the top, per family (Doc 9303 Part 4
#: 4.2 and Part 5 4.2 and Part 7: the MRZ's place is fixed; the rest of the page is the state's to design).
_PAGE = {
    FamilyName.TD3: (125.0, 88.0, 6.0, 88.0 - 6.35),
    FamilyName.TD2: (105.0, 74.0, 6.0, 74.0 - 5.6),
    FamilyName.TD1: (85.6, 54.0, 5.0, 54.0 - 4.8),
    FamilyName.MRVA: (120.0, 80.0, 6.0, 80.0 - 6.35),
    FamilyName.MRVB: (105.0, 74.0, 5.0, 74.0 - 5.6),
}
_FORMAT = {FamilyName.TD3: MRZFormat.TD3, FamilyName.TD2: MRZFormat.TD2, FamilyName.TD1: MRZFormat.TD1,
           FamilyName.MRVA: MRZFormat.MRVA, FamilyName.MRVB: MRZFormat.MRVB}
_CODE_OF = {FamilyName.TD3: "P", FamilyName.TD2: "I", FamilyName.TD1: "ID", FamilyName.MRVA: "V", FamilyName.MRVB: "V"}
_KIND = {FamilyName.TD3: "passport", FamilyName.TD2: "residence_permit", FamilyName.TD1: "identity_card",
         FamilyName.MRVA: "visa", FamilyName.MRVB: "visa"}
_FIELDS = {
    FamilyName.TD3: ("type", "code", "number", "surname", "given_names", "nationality", "birth_date", "sex", "birth_place",
                     "issue_date", "authority", "expiry_date"),
    FamilyName.TD2: ("surname", "given_names", "nationality", "sex", "birth_date", "number", "expiry_date", "authority"),
    FamilyName.TD1: ("surname", "given_names", "sex", "nationality", "birth_date", "number", "expiry_date", "birth_place",
                     "issue_date", "authority"),
    FamilyName.MRVA: ("valid_for", "number", "surname", "given_names", "birth_date", "sex", "nationality", "issue_date",
                      "expiry_date", "entries", "authority"),
    FamilyName.MRVB: ("valid_for", "number", "surname", "given_names", "birth_date", "sex", "nationality", "issue_date",
                      "expiry_date", "entries"),
}
#: The TD1 card's back carries these (beside the MRZ).
_TD1_BACK = ("birth_place", "issue_date", "authority")
#: Width a field's value needs (mm at a 2.4 mm capital height), for packing the rows.
_WIDTH = {"type": 10, "code": 12, "number": 30, "surname": 60, "given_names": 60, "nationality": 30, "birth_date": 30,
          "sex": 9, "birth_place": 44, "issue_date": 30, "authority": 38, "expiry_date": 30, "valid_for": 40, "entries": 18}
_FULL_ROW = {"surname", "given_names"}

_FLUORESCENT = ((196, 236, 120), (120, 240, 150), (250, 230, 90), (255, 150, 90), (255, 110, 170), (110, 200, 255),
                (255, 190, 60), (180, 140, 255))
_FIBRE_COLOURS = ((235, 70, 70), (90, 230, 110), (110, 150, 255), (250, 220, 80), (230, 110, 230))


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return round(r * 255), round(g * 255), round(b * 255)


def _caption(key: str, st: State, kind: str, order: bool, upper: bool) -> str:
    """A field's caption in the state's language and English (in the design's order), or English alone."""
    en = labels.caption(key, "en", kind=kind, capitals=upper)
    own = labels.caption(key, st.language, kind=kind, capitals=upper)
    return en if own == en else (f"{own} / {en}" if order else f"{en} / {own}")


def _rows(keys: tuple[str, ...], width: float, rng: random.Random) -> list[list[str]]:
    """Pack fields into rows of at most ``width`` mm: names alone on their row, short fields side by side."""
    rows: list[list[str]] = []
    for key in keys:
        need = _WIDTH[key]
        if rows and key not in _FULL_ROW and not (set(rows[-1]) & _FULL_ROW):
            used = sum(_WIDTH[k] for k in rows[-1]) + 4 * len(rows[-1])
            if used + need <= width and len(rows[-1]) < 3 and rng.random() < 0.85:
                rows[-1].append(key)
                continue
        rows.append([key])
    return rows


def _place_fields(keys: tuple[str, ...], st: State, kind: str, *, x0: float, x1: float, y0: float, y1: float, rng: random.Random,
                  ir: frozenset[str], uv: frozenset[str], order: bool, upper: bool, size: float) -> tuple[FieldSlot, ...]:
    """Lay the fields out in rows between x0..x1 and y0..y1 (the caption above each value)."""
    rows = _rows(keys, x1 - x0, rng)
    pitch = min(7.5, (y1 - y0) / max(1, len(rows)))
    size = min(size, pitch * 0.38)
    slots = []
    for r, row in enumerate(rows):
        baseline = y0 + pitch * r + size + 1.3 + size * 0.2 + 0.6
        widths = [_WIDTH[k] for k in row]
        spare = (x1 - x0) - sum(widths) - 4 * (len(row) - 1)
        x = x0
        for k, w in zip(row, widths):
            room = w + (spare if k == row[-1] else 0.0)
            if k not in _FULL_ROW:  # a short value's slot stays near its width (its box is what alterations erase)
                room = min(room, w * 1.3)
            slots.append(FieldSlot(k, _caption(k, st, kind, order, upper), round(x, 2), round(baseline, 2), round(size, 2),
                                   ir_absorbing=k in ir, uv_fluorescent=k in uv, max_width=round(max(6.0, room), 2)))
            x += _WIDTH[k] + 4
    return tuple(slots)


@cache
def _generate(st: State, fam: FamilyName, variant: int) -> Family:
    """The design of ``st``'s ``fam``, variant ``variant`` (made once per process)."""
    code = f"{st.code}-{fam.value.upper()}-{variant}"
    rng = random.Random(f"design:{code}")
    width, height, mrz_left, mrz_bottom = _PAGE[fam]
    td1 = fam is FamilyName.TD1
    back = height + 4.0 if td1 else 0.0  # the TD1 card's back, scanned below its front
    page_h = back + height if td1 else height
    visa = fam in (FamilyName.MRVA, FamilyName.MRVB)

    # Palette: one hue for the print, pale rainbow stops around it.
    hue = rng.random()
    print_ink = _hsv(hue, rng.uniform(0.35, 0.75), rng.uniform(0.28, 0.5))
    stops = rng.randint(2, 4)
    rainbow = tuple(_hsv(hue + rng.uniform(-0.25, 0.25), rng.uniform(0.06, 0.16), rng.uniform(0.9, 0.97)) for _ in range(stops))

    # Header band, the MRZ's clear band (Doc 9303 Part 3, 4.11), the portrait's side and size.
    header_h = rng.uniform(9.5, 13.0) if not td1 else rng.uniform(8.0, 10.0)
    clear_h = {FamilyName.TD3: rng.uniform(15.5, 18.0), FamilyName.MRVA: rng.uniform(15.5, 18.0),
               FamilyName.TD2: rng.uniform(14.0, 16.0), FamilyName.MRVB: rng.uniform(14.0, 16.0),
               FamilyName.TD1: rng.uniform(17.0, 19.5)}[fam]
    mrz_clear = Box(0.0, page_h - clear_h, width, clear_h)
    margin = rng.uniform(4.0, 6.5) if not td1 else rng.uniform(3.5, 4.5)
    body_bottom = (height - 3.0) if td1 else page_h - clear_h - 1.5
    pw = {FamilyName.TD3: rng.uniform(30.0, 35.0), FamilyName.TD2: rng.uniform(25.0, 29.0), FamilyName.TD1: rng.uniform(22.0, 26.0),
          FamilyName.MRVA: rng.uniform(28.0, 32.0), FamilyName.MRVB: rng.uniform(24.0, 28.0)}[fam]
    ph = min(pw * rng.uniform(1.22, 1.32), body_bottom - header_h - 2.0)
    pw = min(pw, ph / 1.2)
    portrait_left = rng.random() < 0.7
    # A laser-perforated number (TD3): a band on the side away from the portrait, kept clear of the text.
    perforated = fam is FamilyName.TD3 and rng.random() < 0.3
    left = margin + (9.0 if perforated and not portrait_left else 0.0)
    right = width - margin - (9.0 if perforated and portrait_left else 0.0)
    py = header_h + rng.uniform(0.5, 2.5)
    px = margin if portrait_left else width - margin - pw
    portrait = Box(round(px, 2), round(py, 2), round(pw, 2), round(ph, 2))
    ghost_w = pw * rng.uniform(0.35, 0.45)
    has_ghost = rng.random() < (0.35 if visa else 0.75)

    # The text area beside the portrait (and the ghost image's column at the far side, when it has one).
    tx0 = (px + pw + rng.uniform(4.0, 7.0)) if portrait_left else left
    tx1 = right if portrait_left else (px - rng.uniform(4.0, 7.0))
    ghost = None
    if has_ghost:
        gh = ghost_w * 1.25
        gy = rng.uniform(py + ph * 0.35, max(py + ph * 0.35, body_bottom - gh))
        if portrait_left:
            ghost = Box(round(right - ghost_w, 2), round(gy, 2), round(ghost_w, 2), round(gh, 2))
            tx1 = right - ghost_w - 3.0
        else:
            ghost = Box(round(left, 2), round(gy, 2), round(ghost_w, 2), round(gh, 2))
            tx0 = left + ghost_w + 3.0

    ir_choices = ("surname", "birth_date", "number", "expiry_date", "given_names", "nationality")
    keys = _FIELDS[fam]
    ir = frozenset(k for k in ir_choices if k in keys and rng.random() < 0.55) or frozenset({"number"} & set(keys)) or frozenset({keys[0]})
    uv_keys = [k for k in ("number", "surname", "birth_date", "expiry_date") if k in keys]
    uv = frozenset({rng.choice(uv_keys)}) | (frozenset({rng.choice(uv_keys)}) if rng.random() < 0.3 else frozenset())
    order, upper = rng.random() < 0.5, rng.random() < 0.4
    size = rng.uniform(2.2, 2.7)
    body_keys = tuple(k for k in keys if not (td1 and k in _TD1_BACK))
    # Fields keep their family's order mostly; a design swaps neighbours here and there.
    body = list(body_keys)
    for i in range(len(body) - 1):
        if rng.random() < 0.2 and not ({body[i], body[i + 1]} <= _FULL_ROW):
            body[i], body[i + 1] = body[i + 1], body[i]
    if "surname" in body and "given_names" in body and body.index("surname") > body.index("given_names"):
        i, j = body.index("given_names"), body.index("surname")
        body[i], body[j] = body[j], body[i]
    signature = None
    bottom = body_bottom
    if fam in (FamilyName.TD3, FamilyName.TD2, FamilyName.TD1) and rng.random() < 0.6:
        sig_h = rng.uniform(6.0, 8.0)
        signature = Box(round(portrait.x, 2), round(min(portrait.y + portrait.h + 1.0, body_bottom - sig_h), 2), round(pw, 2), round(sig_h, 2))
        if signature.y < portrait.y + portrait.h:
            signature = None
    fields = _place_fields(tuple(body), st, _KIND[fam], x0=tx0, x1=tx1, y0=header_h, y1=bottom, rng=rng, ir=ir, uv=uv,
                           order=order, upper=upper, size=size)
    if td1:
        back_keys = tuple(k for k in keys if k in _TD1_BACK)
        fields += _place_fields(back_keys, st, _KIND[fam], x0=margin, x1=width - margin, y0=back + 7.0, y1=page_h - clear_h - 1.0,
                                rng=rng, ir=ir, uv=uv, order=order, upper=upper, size=min(size, 2.2))

    # The UV emblem somewhere over the text area; a visible emblem in the header's corner.
    es = min(tx1 - tx0, body_bottom - header_h) * rng.uniform(0.55, 0.85)
    emblem = Box(round(rng.uniform(tx0, max(tx0, tx1 - es)), 2), round(rng.uniform(header_h, max(header_h, body_bottom - es)), 2), round(es, 2), round(es, 2))
    title_words = labels.title(_KIND[fam], st.language), labels.title(_KIND[fam], "en")
    title = title_words[1] if title_words[0] == title_words[1] else " / ".join(title_words if order else title_words[::-1])
    state_name = st.native_name if st.native_name == st.name else f"{st.native_name} / {st.name}"
    cap = header_h * rng.uniform(0.2, 0.26)
    vis_emblem = None
    hx = margin
    if rng.random() < 0.6:
        vs = header_h - 2.0
        vis_emblem = Box(round(margin, 2), 1.0, round(vs, 2), round(vs, 2))
        hx = margin + vs + 2.0
    header: tuple[tuple[str, float, float, float], ...] = ((state_name, round(hx, 2), round(header_h * 0.45, 2), round(cap, 2)),
              (title, round(hx, 2), round(header_h * 0.45 + cap * 1.9, 2), round(cap * 0.7, 2)))
    if td1:
        header += ((state_name, round(margin, 2), round(back + 5.0, 2), round(cap * 0.8, 2)),)
    art_text: tuple[tuple[str, float, float, float], ...] = ()
    if st.rtl_art and rng.random() < 0.8:
        art_text = ((labels.title(_KIND[fam], "he"), round(width * rng.uniform(0.45, 0.6), 2), round(header_h * 0.45, 2), round(cap * 0.8, 2)),)
    microtext = tuple(
        ((st.name + " ") * 6, Box(round(tx0, 2), round(y, 2), round(tx1 - tx0, 2), 0.3))
        for y in sorted(rng.uniform(header_h + 1, body_bottom - 1) for _ in range(rng.randint(0, 2)))
    )
    rosettes = tuple(
        Box(round(x, 2), round(y, 2), round(r, 2), round(r, 2))
        for r in [rng.uniform(14.0, 26.0) for _ in range(rng.randint(0, 2))]
        for x, y in [(rng.uniform(0, width - r), rng.uniform(header_h, max(header_h, body_bottom - r)))]
    )
    frame = rng.choice(art.FRAME_STYLES) if rng.random() < 0.5 else None
    page_number = (str(rng.randint(2, 3)), round(width - margin - 3.0, 2), round(header_h * 0.45, 2)) if fam is FamilyName.TD3 and rng.random() < 0.6 else None
    perforation = None
    if perforated:
        perforation = Box(round(width - margin - 6.0 if portrait_left else margin, 2), round(header_h + 2.0, 2), 6.0,
                          round(min(44.0, body_bottom - header_h - 4.0), 2))
    window = None
    if fam in (FamilyName.TD1, FamilyName.TD2) and rng.random() < 0.3 and ghost is not None:
        window = Box(ghost.x, round(ghost.y - 1.0, 2), ghost.w, round(min(ghost.h + 2.0, body_bottom - ghost.y + 1.0), 2))
        ghost = None
    bright = rng.random() < 0.2

    result = Family(
        name=fam,
        title=f"{st.name.title()} {labels.title(_KIND[fam], 'en').lower()} ({fam.value.upper()}), variant {variant}",
        mrz_format=_FORMAT[fam],
        document_code=_CODE_OF[fam] if fam is not FamilyName.TD1 or rng.random() < 0.5 else "I",
        width=width,
        height=page_h,
        header=header,
        portrait=portrait,
        ghost=ghost,
        emblem=emblem,
        fields=fields,
        mrz_left=mrz_left,
        mrz_bottom_centre=(back + mrz_bottom) if td1 else mrz_bottom,
        mrz_clear=mrz_clear,
        panels=(Box(0.0, 0.0, width, height), Box(0.0, back, width, height)) if td1 else (),
        corner_radius={FamilyName.TD3: 0.0, FamilyName.MRVA: 2.0, FamilyName.MRVB: 2.0}.get(fam, 3.18),
        guilloche_style=rng.choice(art.GUILLOCHE_STYLES),
        rainbow=rainbow,
        print_ink=print_ink,
        code=code,
        state=st.code,
        languages=("en", st.language) if st.language != "en" else ("en",),
        name_language=st.name_language,
        art_seed=rng.randrange(2**31),
        guilloche_density=round(rng.uniform(0.6, 1.6), 2),
        rainbow_axis=rng.choice((0, 1)),
        emblem_kind=rng.choice(art.EMBLEM_KINDS),
        emblem_uv=rng.choice(_FLUORESCENT),
        ghost_uv=rng.choice(_FLUORESCENT),
        uv_ink=rng.choice(_FLUORESCENT),
        paper_visible=_hsv(hue + rng.uniform(-0.1, 0.1), rng.uniform(0.02, 0.06), rng.uniform(0.95, 0.98)),
        paper_uv=_hsv(rng.uniform(0.6, 0.75), rng.uniform(0.3, 0.5), rng.uniform(0.5, 0.62)) if bright else _hsv(rng.uniform(0.6, 0.8), rng.uniform(0.4, 0.6), rng.uniform(0.14, 0.24)),
        fibre_colours=tuple(rng.sample(_FIBRE_COLOURS, rng.randint(1, 3))),
        fibre_area=rng.uniform(35.0, 140.0),
        header_font=rng.choice(("sans-bold", "serif-bold", "condensed-bold")),
        caption_font=rng.choice(("sans", "serif", "condensed")),
        # DejaVu Sans Mono has no capital sharp s (ẞ), which German names may hold
        value_font=rng.choice(tuple(f for f in ("sans", "sans-bold", "condensed", "condensed-bold", "mono", "serif")
                                    if f != "mono" or st.name_language != "de")),
        caption_size=round(rng.uniform(1.05, 1.4), 2),
        caption_ir=rng.choice((0.0, 0.0, 0.3, 0.6)),
        background_ir=rng.choice((0.0, 0.0, 0.0, 0.15)),
        visible_emblem=vis_emblem,
        rosettes=rosettes,
        microtext=microtext,
        frame=frame,
        frame_width=round(rng.uniform(1.5, 3.0), 2),
        art_text=art_text,
        signature=signature,
        signature_ir=rng.random() < 0.5,
        page_number=page_number,
        perforation=perforation,
        window=window,
        date_style=rng.choice(("icao", "icao", "numeric")),  # drawn late: the draws before it stay as they were
    )
    if fam in (FamilyName.TD1, FamilyName.TD2) and rng.random() < 0.4:
        # Laser engraving blackens the card's core: the number absorbs in IR whatever the printed fields do.
        result = replace(result, engraved_number=True, fields=tuple(
            replace(f, ir_absorbing=True) if f.key == "number" else f for f in result.fields))
    return result


def describe(code: str) -> dict:
    """What ``docexam exercise designs`` lists of a design: code, state, family, title, split, languages."""
    d = design(code)
    state = _STATE[d.state].name if d.state in _STATE else "UTOPIA"
    return {"code": d.design, "state": d.state, "state_name": state, "family": d.name.value, "format": d.mrz_format.value,
            "title": d.title, "split": split(code).value, "languages": list(d.languages), "names": d.name_language or "latin"}


__all__ = ["CATALOGUE_VARIANTS", "STATES", "Split", "State", "UnknownDesignError", "catalogue",
           "choose", "describe", "design", "parse_code", "split"]
