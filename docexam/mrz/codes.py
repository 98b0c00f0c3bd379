"""Document codes and the three-letter codes of issuing states, organisations and nationalities.

Issuing states and nationalities use ISO 3166-1 alpha-3 (through :mod:`pycountry`, loaded on first use)
plus the extensions of Doc 9303 Part 3, section 5, Parts A to H, listed here.
"""

from __future__ import annotations

from functools import lru_cache

#: Codes of Doc 9303 Part 3, section 5 that ISO 3166-1 does not hold, with their entity.
ICAO_EXTRA_CODES: dict[str, str] = {
    # Part A: letter codes not in ISO 3166-1.
    "D": "Germany",  # written D<< in the MRZ
    "GBD": "British Overseas Territories Citizen",
    "GBN": "British National (Overseas)",
    "GBO": "British Overseas Citizen",
    "GBP": "British Protected Person",
    "GBS": "British Subject",
    "RKS": "Republic of Kosovo",
    # Part B: other codes reserved by ISO 3166/MA.
    "EUE": "European Union",
    # Part C: United Nations travel documents.
    "UNO": "United Nations Organization or one of its officials",
    "UNA": "United Nations specialized agency or one of its officials",
    "UNK": "Resident of Kosovo, travel document issued by UNMIK",
    # Part D: other issuing authorities.
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XCC": "Caribbean Community (CARICOM)",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa (COMESA)",
    "XEC": "Economic Community of West African States (ECOWAS)",
    "XPO": "International Criminal Police Organization (INTERPOL)",
    "XES": "Organization of Eastern Caribbean States (OECS)",
    "XMP": "Parliamentary Assembly of the Mediterranean",
    "XOM": "Sovereign Military Order of Malta",
    "XDC": "Southern African Development Community",
    # Part E: persons without a defined nationality.
    "XXA": "Stateless person (1954 Convention)",
    "XXB": "Refugee (1951 Convention, 1967 Protocol)",
    "XXC": "Refugee, other than XXB",
    "XXX": "Person of unspecified nationality",
    # Part F: codes deprecated in ISO 3166, kept for backward compatibility.
    "ANT": "Netherlands Antilles",
    "NTZ": "Neutral Zone",
    # Part G: specimen documents.
    "UTO": "Utopia (specimen)",
    # Part H: used by ICAO when signing a master list.
    "IAO": "International Civil Aviation Organization",
}


@lru_cache(maxsize=1)
def _iso_codes() -> dict[str, str]:
    """ISO 3166-1's alpha-3 codes and names, as :mod:`pycountry` has them: read from its database file itself (2 ms),
    else through the package (35 ms: importing it loads importlib.metadata), which gives the same names."""
    try:
        import json
        from importlib.util import find_spec
        from pathlib import Path

        spec = find_spec("pycountry")  # where the package is, without importing it
        folders = list(spec.submodule_search_locations or ()) if spec else []
        with open(Path(folders[0], "databases", "iso3166-1.json"), encoding="utf-8") as f:
            codes = {str(c["alpha_3"]): str(c["name"]) for c in json.load(f)["3166-1"]}
        if codes:
            return codes
    except (OSError, ValueError, KeyError, TypeError, IndexError, ImportError):
        pass
    import pycountry  # deferred: only needed once a code is looked up

    return {c.alpha_3: c.name for c in pycountry.countries}


def state_name(code: str) -> str | None:
    """Name of the state or organisation behind an MRZ code (``"D<<"`` or ``"D"``), or ``None`` if unknown."""
    code = code.rstrip("<")
    return ICAO_EXTRA_CODES.get(code) or _iso_codes().get(code)


def is_known_state(code: str) -> bool:
    """Whether ``code`` is an issuing state, organisation or nationality code of Doc 9303 Part 3, section 5.

    Fillers pad short codes in the MRZ (Germany is ``D<<``); they are ignored here.
    """
    code = code.rstrip("<")
    return code in ICAO_EXTRA_CODES or code in _iso_codes()


# Document codes per format: the first character is fixed by the format, the second is the issuer's choice.
# Doc 9303 Part 4, 4.2.2.1: TD3 MRPs start with P.
# Part 5, 4.2.2.1 note k and Part 6 note k: TD1 and TD2 start with A, C or I; V is not used second,
# and C not after A (TD1: except the crew member certificate, AC); TD1 also forbids AI.
# Part 7, 4.2.2.1 and 7.2.2.1: visas start with V.
TD3_FIRST = frozenset("P")
CARD_FIRST = frozenset("ACI")
VISA_FIRST = frozenset("V")
