"""The lights a document is examined in: one name, one label and one wavelength each, for every floor.

A capture is taken in visible light, in UV at 365 nm (what fluoresces: optical brighteners in the paper, security
fibres, UV inks) and in near IR at about 870 nm (what absorbs: carbon-black inks such as the MRZ's, which stay
while IR-transparent inks drop out: the MRZ must absorb in the B900 band, Doc 9303 Part 3, 4.5 and 4.11; the
substrate must not fluoresce under UV unless for security, Part 3, 4.11). The case store also files coaxial,
transmitted and other captures, which the comparison does not use.

:class:`Light` is a :class:`~enum.StrEnum`: its members are the strings the store keeps (``"visible"``, ``"uv"``,
``"ir"``...), equal to them and hashed like them, so a mapping keyed by one is looked up with the other.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

from docexam.i18n import N_

__all__ = ["LIGHTS", "MRZ_LIGHTS", "Expect", "Light", "light_from_name"]


class Light(StrEnum):
    """A light a capture is taken in."""

    VISIBLE = "visible"
    UV = "uv"
    IR = "ir"
    COAXIAL = "coaxial"
    TRANSMITTED = "transmitted"
    OTHER = "other"

    @classmethod
    def named(cls, value: object) -> Light | None:
        """The light ``value`` names (a member or its string), None when it names none."""
        return cls._value2member_map_.get(value) if isinstance(value, str) else None  # type: ignore[return-value]

    @property
    def wavelength_nm(self) -> int | None:
        """The wavelength of a narrow-band light (UV 365, IR 870), None for the broad-band ones."""
        return _WAVELENGTHS.get(self)

    @property
    def label(self) -> str:
        """The light on a button or in a menu: ``"Visible"``, ``"UV 365 nm"``, ``"IR 870 nm"``."""
        nm = self.wavelength_nm
        return f"{self.word} {nm} nm" if nm else self.word.capitalize()

    @property
    def word(self) -> str:
        """The light in a table cell: ``"visible"``, ``"UV"``, ``"IR"``, ``"coaxial"``..."""
        return self.value.upper() if self.wavelength_nm else self.value

    @property
    def phrase(self) -> str:
        """The light in a sentence, after "in": ``"visible light"``, ``"UV"``, ``"IR"``."""
        return self.word if self.wavelength_nm else f"{self.value} light"

    @property
    def heading(self) -> str:
        """The light as a heading: ``"Visible light"``, ``"UV light"``, ``"Coaxial light"``..."""
        return f"{self.word[0].upper()}{self.word[1:]} light"


_WAVELENGTHS = {Light.UV: 365, Light.IR: 870}
#: The words the properties above make, marked for the catalogues of docexam.i18n (the report translates them where
#: it shows them): each light's heading and word.
_WORDS = (N_("Visible light"), N_("UV light"), N_("IR light"), N_("Coaxial light"), N_("Transmitted light"),
          N_("Other light"), N_("visible"), N_("UV"), N_("IR"), N_("coaxial"), N_("transmitted"), N_("other"))


class Expect(StrEnum):
    """What a region of a document should show in one light: the word the reference library's annotation
    (:mod:`docexam.references.model`) and the comparison's checks (:mod:`docexam.compare.expectations`) share."""

    ABSORBS = "absorbs"  # dark: IR-absorbing (B900) ink, carbon, laser engraving
    DROPS_OUT = "drops_out"  # invisible: ink transparent in that light
    FLUORESCES = "fluoresces"  # glows under UV (with a colour)
    DULL = "dull"  # does not glow under UV (security paper)
    VISIBLE = "visible"  # simply printed: should look as on the specimen

#: The lights a document is rendered, captured and compared in, in the order they are examined.
LIGHTS: tuple[Light, ...] = (Light.VISIBLE, Light.UV, Light.IR)
#: The lights the MRZ is read in, best first: it is printed black and absorbs in the B900 band (Doc 9303 Part 3,
#: 4.11), so in IR only its ink stays while the background prints drop out; under UV it is not read.
MRZ_LIGHTS: tuple[Light, ...] = (Light.IR, Light.VISIBLE)

#: Words for each light in capture file names, as scanners and video spectral comparators write them
#: ("doc1_UV365.jpg"), in the order they are tried.
_FILE_WORDS: tuple[tuple[Light, tuple[str, ...]], ...] = (
    (Light.UV, ("uv", "365", "ultraviolet")),
    (Light.IR, ("ir", "870", "infrared", "nir")),
    (Light.VISIBLE, ("visible", "vis", "white", "wl", "rgb")),
)


def light_from_name(path: str | os.PathLike[str]) -> Light | None:
    """The light a capture's file name names (``passport_uv.jpg`` -> ``Light.UV``), or None."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in Path(path).stem.lower()).split() if w]
    for light, names in _FILE_WORDS:
        if any(w in names or (w.startswith(light) and w[len(light):].isdigit()) for w in words):
            return light
    return None
