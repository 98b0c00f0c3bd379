"""The name field: primary and secondary identifiers (Doc 9303 Part 3, section 4.6).

The primary identifier comes first, then two fillers ``<<``, then the secondary identifier; components
within either are separated by one filler; fillers complete the field. A holder with a single name has only
a primary identifier. When the name does not fit it is truncated so that the last position of the field holds
a letter, and a letter in the last position must be taken as a possible truncation (Part 4, 4.2.3;
Part 5, 4.2.3; Part 6, 4.2.3; Part 7, 4.2.3 and 7.2.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_CHARS = re.compile(r"[A-Z<]*")


@dataclass(slots=True)  # not frozen: a frozen __init__ costs ~0.75 us and the parser makes many
class MRZName:
    """A parsed name field."""

    raw: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    #: A letter stands in the last position: the issuer may have cut the name (Part 4, 4.2.3.4).
    possibly_truncated: bool
    #: More fillers than the grammar allows between components (``ANNA<<<MARIA``), or leading fillers.
    stray_fillers: bool
    #: Characters other than A-Z and ``<`` (digits are not allowed in names, Part 3, 4.6).
    invalid_characters: str

    @property
    def surname(self) -> str:
        return " ".join(self.primary)

    @property
    def given_names(self) -> str:
        return " ".join(self.secondary)


def parse_name(raw: str) -> MRZName:
    """Split a name field into identifiers. Never raises on bad text."""
    invalid = "" if _NAME_CHARS.fullmatch(raw) else "".join(sorted({c for c in raw if not ("A" <= c <= "Z" or c == "<")}))
    body = raw.rstrip("<")
    primary_text, sep, secondary_text = body.partition("<<")
    primary = tuple(filter(None, primary_text.split("<")))
    # Within the secondary identifier a further "<<" is not a separator of anything: it is stray.
    secondary = tuple(filter(None, secondary_text.split("<")))
    stray = (
        raw.startswith("<") and not raw.startswith("<<")  # a lone leading filler
        or "<<" in primary_text
        or "<<" in secondary_text
        or bool(sep) and secondary_text.startswith("<")
    )
    # An empty primary identifier ("<<ANNA") is written by some issuers for single-name holders.
    truncated = bool(raw) and raw[-1] != "<"
    return MRZName(raw, primary, secondary, truncated, stray, invalid)


def _clean_components(components: tuple[str, ...] | list[str], what: str) -> list[str]:
    from docexam.errors import MRZGenerationError

    out: list[str] = []
    for comp in components:
        # Part 3, 4.6: hyphens and spaces separate components; apostrophes and other punctuation are dropped.
        for part in re.split(r"[\s\-,]+", comp.upper()):
            # Apostrophes (straight or typographic) and full stops are dropped without a filler.
            part = re.sub(r"['\u2019\u2018`.]", "", part)
            if not part:
                continue
            if not re.fullmatch(r"[A-Z]+", part):
                raise MRZGenerationError(
                    what, comp, "names in the MRZ use only A-Z; transliterate national characters first (Part 3, section 6)"
                )
            out.append(part)
    return out


def _shorten(components: list[str], budget: int) -> list[str]:
    """Remove letters from the last components first, down to an initial each, until the components joined
    by single fillers fit in ``budget``; drop trailing components only if even initials do not fit."""
    comps = list(components)
    excess = len("<".join(comps)) - budget
    for i in range(len(comps) - 1, -1, -1):
        if excess <= 0:
            break
        cut = min(excess, len(comps[i]) - 1)
        comps[i] = comps[i][: len(comps[i]) - cut]
        excess -= cut
    dropped = False
    while excess > 0 and len(comps) > 1:
        excess -= len(comps.pop()) + 1
        dropped = True
    # A dropped component may free more room than was needed: the kept ones take letters back (the last first), so
    # the field still ends with a letter and reads as possibly truncated (Part 4, 4.2.3).
    for i in range(len(comps) - 1, -1, -1):
        if not dropped or excess >= 0:
            break
        back = min(-excess, len(components[i]) - len(comps[i]))
        comps[i] = components[i][: len(comps[i]) + back]
        excess += back
    if excess > 0:
        comps[0] = comps[0][: budget]
    return comps


def format_name(primary: tuple[str, ...] | list[str], secondary: tuple[str, ...] | list[str], length: int) -> str:
    """Write a name field of ``length`` characters, truncating as Doc 9303 requires when it does not fit.

    Truncation (Part 4, 4.2.3; Part 5, 4.2.2.3 and 4.2.3): the primary identifier is shortened, if need be, so
    that ``<<`` and at least the first letter of the secondary identifier fit; then the secondary identifier is
    shortened to the room left. Letters go from the last components first, each kept down to its initial, so the
    field always ends with a letter (which tells readers the name may be truncated). The exact choice of letters
    is the issuer's; this is the one ICAO's own examples mostly follow (``CHAYAPA<DE<K``, ``ARNPOL<PETCH<CHARONGU``).
    """
    from docexam.errors import MRZGenerationError

    prim = _clean_components(primary, "surname")
    sec = _clean_components(secondary, "given_names")
    if not prim and not sec:
        raise MRZGenerationError("surname", "", "a holder needs at least a primary or a secondary identifier")
    full = "<".join(prim) + ("<<" + "<".join(sec) if sec else "")
    if len(full) <= length:
        return full.ljust(length, "<")
    if not sec:
        return "<".join(_shorten(prim, length)).ljust(length, "<")
    budget = length - 3
    while True:
        kept = _shorten(prim, budget)
        room = length - len("<".join(kept)) - 2
        field = "<".join(kept) + "<<" + "<".join(_shorten(sec, room))
        # Part 4, 4.2.3: the field must end with a letter. When the secondary identifier's components cannot fill
        # its room (initials that do not fit were dropped), the primary gives up a letter more.
        if len(field) == length or len("<".join(kept)) <= len(prim) * 2 - 1:
            return field.ljust(length, "<")
        budget = len("<".join(kept)) - 1
