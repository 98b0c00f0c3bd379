"""Synthetic travel documents of the specimen state Utopia, in visible, UV and IR light, with seeded forgeries.

>>> from docexam.specimens import family, random_specimen, render, alter
>>> s = random_specimen(family("td3"), seed=1, today=datetime.date(2026, 11, 28))   # doctest: +SKIP
>>> forged, alteration = alter(s, "photo_substitution", seed=2)                      # doctest: +SKIP
>>> images = render(forged)   # {Light.VISIBLE: array, Light.UV: array, Light.IR: array}  # doctest: +SKIP

Modules: :mod:`design` (the families' fixed designs), :mod:`persons` (synthetic holders), :mod:`art` (security
printing), :mod:`face` (procedural portraits), :mod:`render` (the three lights), :mod:`forgery` (alterations with
their regions), :mod:`capture` (scanner and phone conditions), :mod:`exercise` (packs, answer keys, scoring).
"""

from docexam.specimens.design import FAMILIES, REFERENCE_DPI, Family, FamilyName, family
from docexam.specimens.forgery import Alteration, Kind, alter
from docexam.specimens.render import Features, Specimen, make_specimen, random_specimen, render

__all__ = [
    "FAMILIES",
    "REFERENCE_DPI",
    "Alteration",
    "Family",
    "FamilyName",
    "Features",
    "Kind",
    "Specimen",
    "alter",
    "family",
    "make_specimen",
    "random_specimen",
    "render",
]
