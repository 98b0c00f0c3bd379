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


@dataclass(frozen=True, slots=True)
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
    primary = tuple(c for c in primary_text.split("<") if c)
    # Within the secondary identifier a further "<<" is not a separator of anything: it is stray.
    secondary = tuple(c for c in secondary_text.split("<") if c)
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
            part = re.sub(r"[^A-Z]", "", part) if re.fullmatch(r"[A-Z'.]*", part) else part
            if not part:
                continue
            if not re.fullmatch(r"[A-Z]+", part):
                raise MRZGenerationError(
                    what, comp, "names in the MRZ use only A-Z; transliterate national characters first (Part 3, section 6)"
                )
            out.append(part)
    return out


def format_name(primary: tuple[str, ...] | list[str], secondary: tuple[str, ...] | list[str], length: int) -> str:
    """Write a name field of ``length`` characters, truncating as Doc 9303 requires when it does not fit.

    Truncation removes characters from the end of the name and, where that would leave a filler in the last
    position, shortens the component before it so that the field ends with a letter (Part 4, 4.2.3).
    """
    from docexam.errors import MRZGenerationError

    prim = _clean_components(primary, "surname")
    sec = _clean_components(secondary, "given_names")
    if not prim and not sec:
        raise MRZGenerationError("surname", "", "a holder needs at least a primary or a secondary identifier")
    full = "<".join(prim) + ("<<" + "<".join(sec) if sec else "")
    if len(full) <= length:
        return full.ljust(length, "<")
    chars = list(full)
    cut = length
    while chars[cut - 1] == "<":
        # Shorten the last component (of more than one letter) before the cut, pulling the next letter in.
        i = cut - 1
        while i >= 0 and chars[i] == "<":
            i -= 1
        j = i
        while j > 0 and chars[j - 1] != "<":
            j -= 1
        while i - j < 1 and j > 0:  # a one-letter component cannot lose its letter; go further back
            i = j - 1
            while i >= 0 and chars[i] == "<":
                i -= 1
            j = i
            while j > 0 and chars[j - 1] != "<":
                j -= 1
        if i < 0 or i - j < 1:
            break
        del chars[i]
    return "".join(chars[:length])
