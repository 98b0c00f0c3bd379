"""Synthetic holders and their document data: invented names, places and numbers, never real people.

Everything is drawn from a seeded :class:`random.Random`, so the same seed always gives the same holder.
Documents are issued by the ICAO specimen state Utopia (``UTO``, Doc 9303 Part 3, section 5, Part G) or by a few
invented states whose codes are not ISO 3166-1 codes (the MRZ engine warns about them, as it should); the design
generator registers its fictional states with :func:`add_state`. A holder's name may be drawn in a language's own
script (:mod:`docexam.specimens.names`): the VIZ prints it so, the MRZ its Doc 9303 Part 3, section 6
transliteration.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass, replace

from docexam.mrz import generate
from docexam.mrz.alphabet import DIGITS
from docexam.mrz.transliterate import transliterate
from docexam.specimens.design import Family, FamilyName
from docexam.specimens.names import holder_name

#: Invented issuing states: code -> (name in the VIZ, nationality adjective); :func:`add_state` registers more.
STATES: dict[str, tuple[str, str]] = {
    "UTO": ("UTOPIA", "UTOPIAN"),
    "ATL": ("ATLANTIS", "ATLANTEAN"),
    "ELD": ("ELDORADO", "ELDORADIAN"),
    "ARC": ("ARCADIA", "ARCADIAN"),
}
#: The states a document is drawn from when no state is asked for: these four, whatever is registered later, so
#: Utopia's documents stay the same draw for draw.
_DRAWN_STATES = ("ARC", "ATL", "ELD", "UTO")
_SYLLABLES = ("AN", "BER", "CA", "DO", "EL", "FIN", "GA", "HAL", "IS", "JO", "KA", "LIN", "MA", "NOR", "O", "PE",
              "QUI", "RA", "SO", "TA", "UL", "VAN", "WE", "XA", "YR", "ZE", "LO", "MI", "SEN", "TOR", "RI", "NA")
_PLACES = ("ZENITH", "NOVA PORT", "LAKESIDE", "EASTMERE", "HIGHFIELD", "SOUTHBAY", "OLD HARBOUR", "WESTHOLM")


#: Digits of the optional personal number per family (it must fit the MRZ's optional data field).
_PERSONAL_LENGTH = {FamilyName.TD3: 10, FamilyName.TD1: 10, FamilyName.TD2: 7, FamilyName.MRVA: 0, FamilyName.MRVB: 0}


def _name(rng: random.Random, parts: tuple[int, int]) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*parts)))


def add_state(code: str, name: str, adjective: str) -> None:
    """Register an issuing state (``add_state("CSP", "CASPIANA", "CASPIANIAN")``) for :func:`random_document`'s
    ``state`` and the nationality printed in the VIZ. Registering a state again with the same words does nothing.

    Raises
    ------
    ValueError
        For a code that is not three capitals A-Z (Doc 9303 Part 3, 5), an empty name or adjective, or a code
        already registered with other words.
    """
    if not (isinstance(code, str) and len(code) == 3 and all("A" <= c <= "Z" for c in code)):
        raise ValueError(f"a state code is three capitals A-Z (Doc 9303 Part 3, section 5), got {code!r}")
    if not (isinstance(name, str) and name.strip() and isinstance(adjective, str) and adjective.strip()):
        raise ValueError(f"state {code}: give its name and its nationals' adjective as text, got {name!r}, {adjective!r}")
    if STATES.get(code, (name, adjective)) != (name, adjective):
        raise ValueError(f"state {code} is already {STATES[code][0]} ({STATES[code][1]}); choose another code")
    STATES[code] = (name, adjective)


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
    #: The name as the VIZ prints it, in the holder's language and script (``ИВАНОВА``), where ``surname`` and
    #: ``given_names`` hold its transliteration for the MRZ (Doc 9303 Part 3, 3.1 and 6); None: the VIZ prints those.
    surname_viz: str | None = None
    given_names_viz: str | None = None

    def to_dict(self) -> dict:
        """Plain JSON (dates ISO 8601); the VIZ names only when there are any."""
        d = asdict(self)
        return {k: (v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in d.items()
                if v is not None or k not in _OPTIONAL}

    @classmethod
    def from_dict(cls, d: dict) -> DocumentData:
        """The data of :meth:`to_dict`."""
        day = dt.date.fromisoformat
        return cls(
            family=FamilyName(d["family"]), issuing_state=d["issuing_state"], surname=d["surname"],
            given_names=d["given_names"], sex=d["sex"], nationality=d["nationality"], birth_date=day(d["birth_date"]),
            birth_place=d["birth_place"], document_number=d["document_number"], issue_date=day(d["issue_date"]),
            expiry_date=day(d["expiry_date"]), authority=d["authority"], personal_number=d["personal_number"],
            portrait_seed=int(d["portrait_seed"]), surname_viz=d.get("surname_viz"), given_names_viz=d.get("given_names_viz"),
        )


_OPTIONAL = ("surname_viz", "given_names_viz")


def random_document(family: Family, rng: random.Random, *, today: dt.date, language: str | None = None,
                    state: str | None = None) -> DocumentData:
    """A plausible synthetic holder and document of ``family``, valid on ``today`` (Utopia most of the time).

    Parameters
    ----------
    language : str, optional
        The holder's name is drawn in this language's script (:func:`docexam.specimens.names.holder_name`): the VIZ
        prints it (``surname_viz``, ``given_names_viz``), the MRZ its transliteration (Doc 9303 Part 3, section 6),
        cut by the MRZ generator where it does not fit. By default a name of plain syllables.
    state : str, optional
        The issuing state (a code of :data:`STATES`), also the holder's nationality nine times in ten. By default
        Utopia seven times in ten, else one of the first four states.

    With neither, the draws are the same as they always were, so the same seed gives the same document.
    """
    if state is None:
        issuing = "UTO" if rng.random() < 0.7 else rng.choice(_DRAWN_STATES)
    elif state in STATES:
        issuing = state
    else:
        raise ValueError(f"no state {state!r}; register it with add_state() or choose one of {', '.join(sorted(STATES))}")
    sex: str | None = None
    surname_viz: str | None = None
    given_viz: str | None = None
    if language is None:
        surname = _name(rng, (2, 3))
        if rng.random() < 0.2:
            surname += " " + _name(rng, (2, 3))
        given = " ".join(_name(rng, (2, 3)) for _ in range(rng.randint(1, 2)))
    else:
        sex = rng.choice("MF")  # first: the name follows it
        surname_viz, given_viz = holder_name(rng, language, sex=sex)
        surname, given = transliterate(surname_viz, language=language), transliterate(given_viz, language=language)
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
        issuing_state=issuing,
        surname=surname,
        given_names=given,
        sex=sex if sex is not None else rng.choice("MF"),
        nationality=issuing if rng.random() < 0.9 else rng.choice(_DRAWN_STATES if state is None else sorted(STATES)),
        birth_date=birth,
        birth_place=rng.choice(_PLACES),
        document_number=number,
        issue_date=issue,
        expiry_date=expiry,
        # (one draw of a place whatever the family: the dict is built before .get, and Utopia's documents depend on it)
        authority={FamilyName.TD3: "PASSPORT OFFICE", FamilyName.MRVA: (place := rng.choice(_PLACES)), FamilyName.MRVB: place}.get(family.name, "MINISTRY OF INTERIOR"),
        personal_number="".join(rng.choice(DIGITS) for _ in range(rng.choice((0, _PERSONAL_LENGTH[family.name])))),
        portrait_seed=rng.randrange(2**31),
        surname_viz=surname_viz,
        given_names_viz=given_viz,
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
        "surname": data.surname_viz or data.surname,
        "given_names": data.given_names_viz or data.given_names,
        "nationality": STATES.get(data.nationality, (data.nationality, data.nationality))[1],
        "birth_date": family.date_text(data.birth_date),
        "sex": data.sex,
        "birth_place": data.birth_place,
        "issue_date": family.date_text(data.issue_date),
        "authority": data.authority,
        "expiry_date": family.date_text(data.expiry_date),
        "valid_for": "ALL UTOPIAN STATES" if data.issuing_state == "UTO" else "ALL STATES",
        "entries": "MULT",
    }
    return {f.key: values[f.key] for f in family.fields}


def with_changes(data: DocumentData, **changes) -> DocumentData:
    return replace(data, **changes)
