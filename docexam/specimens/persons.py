"""Synthetic holders and their document data: invented names, places and numbers, never real people.

Everything is drawn from a seeded :class:`random.Random`, so the same seed always gives the same holder.
Documents are issued by the ICAO specimen state Utopia (``UTO``, Doc 9303 Part 3, section 5, Part G) or by a few
invented states whose codes are not ISO 3166-1 codes (the MRZ engine warns about them, as it should).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass, replace

from docexam.mrz import generate
from docexam.mrz.alphabet import DIGITS
from docexam.mrz.viz import viz_date
from docexam.specimens.design import Family, FamilyName

#: Invented issuing states: code -> (name in the VIZ, nationality adjective).
STATES: dict[str, tuple[str, str]] = {
    "UTO": ("UTOPIA", "UTOPIAN"),
    "ATL": ("ATLANTIS", "ATLANTEAN"),
    "ELD": ("ELDORADO", "ELDORADIAN"),
    "ARC": ("ARCADIA", "ARCADIAN"),
}
_SYLLABLES = ("AN", "BER", "CA", "DO", "EL", "FIN", "GA", "HAL", "IS", "JO", "KA", "LIN", "MA", "NOR", "O", "PE",
              "QUI", "RA", "SO", "TA", "UL", "VAN", "WE", "XA", "YR", "ZE", "LO", "MI", "SEN", "TOR", "RI", "NA")
_PLACES = ("ZENITH", "NOVA PORT", "LAKESIDE", "EASTMERE", "HIGHFIELD", "SOUTHBAY", "OLD HARBOUR", "WESTHOLM")


#: Digits of the optional personal number per family (it must fit the MRZ's optional data field).
_PERSONAL_LENGTH = {FamilyName.TD3: 10, FamilyName.TD1: 10, FamilyName.TD2: 7, FamilyName.MRVA: 0, FamilyName.MRVB: 0}


def _name(rng: random.Random, parts: tuple[int, int]) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*parts)))


@dataclass(frozen=True)
class DocumentData:
    """The personal and document data printed on one document."""

    family: FamilyName
    issuing_state: str
    surname: str
    given_names: str
    sex: str
    nationality: str
    birth_date: dt.date
    birth_place: str
    document_number: str
    issue_date: dt.date
    expiry_date: dt.date
    authority: str
    personal_number: str
    portrait_seed: int

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: (v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in d.items()}


def random_document(family: Family, rng: random.Random, *, today: dt.date) -> DocumentData:
    """A plausible synthetic holder and document of ``family``, valid on ``today`` (Utopia most of the time)."""
    state = "UTO" if rng.random() < 0.7 else rng.choice(sorted(STATES))
    surname = _name(rng, (2, 3))
    if rng.random() < 0.2:
        surname += " " + _name(rng, (2, 3))
    given = " ".join(_name(rng, (2, 3)) for _ in range(rng.randint(1, 2)))
    birth = today - dt.timedelta(days=rng.randint(18 * 365, 80 * 365))
    issue = today - dt.timedelta(days=rng.randint(30, 4 * 365))
    years = 10 if family.name is FamilyName.TD3 else 5
    expiry = issue.replace(year=issue.year + years) - dt.timedelta(days=1) if not (issue.month == 2 and issue.day == 29) else dt.date(issue.year + years, 2, 28)
    if family.name in (FamilyName.MRVA, FamilyName.MRVB):
        expiry = issue + dt.timedelta(days=rng.choice((30, 90, 180, 365)))
        expiry = max(expiry, today + dt.timedelta(days=7))
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q: not mistaken for 1 and 0
    number = rng.choice(letters) + rng.choice(letters + DIGITS) + "".join(rng.choice(DIGITS) for _ in range(7))
    return DocumentData(
        family=family.name,
        issuing_state=state,
        surname=surname,
        given_names=given,
        sex=rng.choice("MF"),
        nationality=state if rng.random() < 0.9 else rng.choice(sorted(STATES)),
        birth_date=birth,
        birth_place=rng.choice(_PLACES),
        document_number=number,
        issue_date=issue,
        expiry_date=expiry,
        # (one draw of a place whatever the family: the dict is built before .get, and Utopia's documents depend on it)
        authority={FamilyName.TD3: "PASSPORT OFFICE", FamilyName.MRVA: (place := rng.choice(_PLACES)), FamilyName.MRVB: place}.get(family.name, "MINISTRY OF INTERIOR"),
        personal_number="".join(rng.choice(DIGITS) for _ in range(rng.choice((0, _PERSONAL_LENGTH[family.name])))),
        portrait_seed=rng.randrange(2**31),
    )


def mrz_lines(family: Family, data: DocumentData) -> tuple[str, ...]:
    """The MRZ printed on the document, written by the MRZ engine's generator."""
    optional = data.personal_number if family.name not in (FamilyName.MRVA, FamilyName.MRVB) else ""
    return generate(
        family.mrz_format,
        document_code=family.document_code,
        issuing_state=data.issuing_state,
        nationality=data.nationality,
        surname=data.surname,
        given_names=data.given_names,
        document_number=data.document_number,
        birth_date=data.birth_date,
        expiry_date=data.expiry_date,
        sex=data.sex,
        optional_data=optional,
    )


def viz_values(family: Family, data: DocumentData) -> dict[str, str]:
    """Each VIZ field's printed value."""
    values = {
        "type": family.document_code,
        "code": data.issuing_state,
        "number": data.document_number,
        "surname": data.surname,
        "given_names": data.given_names,
        "nationality": STATES.get(data.nationality, (data.nationality, data.nationality))[1],
        "birth_date": viz_date(data.birth_date),
        "sex": data.sex,
        "birth_place": data.birth_place,
        "issue_date": viz_date(data.issue_date),
        "authority": data.authority,
        "expiry_date": viz_date(data.expiry_date),
        "valid_for": "ALL UTOPIAN STATES" if data.issuing_state == "UTO" else "ALL STATES",
        "entries": "MULT",
    }
    return {f.key: values[f.key] for f in family.fields}


def with_changes(data: DocumentData, **changes) -> DocumentData:
    return replace(data, **changes)
