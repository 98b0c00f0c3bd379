"""Known national deviations from Doc 9303, as data: what each looks like in an MRZ, where it is known from, and the
section it departs from (or the provision it uses that readers often do not expect).

An MRZ that shows one is reported with a ``national_deviation`` warning (:data:`IssueCode.NATIONAL_DEVIATION`) naming
it and its source, beside whatever errors it has: a deviation is never normalised away (a French card is not read as
TD2, a nationality printed as digits is not turned into a code) and never makes an invalid MRZ valid. The examiner
decides whether the document should show it.

Add a deviation by adding a row to :data:`DEVIATIONS`, with the evidence for it in ``source``: a Doc 9303 section,
a public specimen, or an image of the peer corpus (``../shared/corpus``) that shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docexam.mrz.alphabet import DIGITS, FILLER, LETTERS
from docexam.mrz.layout import MRZFormat

_MRZ_CHARS = frozenset(LETTERS + DIGITS + FILLER)


@dataclass(frozen=True)
class Seen:
    """What a deviation's test looks at: the format, the joined lines, and the fields the parser read (as printed,
    fillers kept)."""

    format: MRZFormat
    text: str
    document_code: str
    issuing_state: str
    nationality: str
    name: str
    long_number: bool


@dataclass(frozen=True)
class Deviation:
    """One known deviation: a stable ``key`` (stored in the warning's params), what it is in words, the source that
    documents it, and the test that recognises it."""

    key: str
    description: str
    source: str
    applies: Callable[[Seen], bool]


#: Document codes of TD3 documents that Doc 9303 itself names or that most issuers use (Part 4, 4.2.2.1: P, then one
#: letter at the issuer's discretion or a filler).
_COMMON_TD3_CODES = frozenset({"P<", "PP", "PO", "PD", "PS"})

def _receipt_number(optional: str) -> bool:
    """Whether optional data starts as a United States immigration case receipt number: three letters (the
    service centre: EAC, WAC, LIN, SRC, NBC, MSC, IOE...) and ten digits."""
    return (len(optional) >= 13 and all(c in LETTERS for c in optional[:3])
            and all(c in DIGITS for c in optional[3:13]))


DEVIATIONS: tuple[Deviation, ...] = (
    Deviation(
        "fra_id_1988",
        "French national identity card issued before 2021: 2 lines of 36 in France's own layout (surname on line 1, "
        "given names and an office code on line 2, no expiry date), not TD2",
        "Doc 9303 Part 6, 4.2.2 (the TD2 layout it departs from); the card as issued until 2021, when France moved to "
        "the TD1 card (Regulation (EU) 2019/1157); bench/mrz_parse_bench.py regression case",
        lambda s: s.format is MRZFormat.FRA_ID,
    ),
    Deviation(
        "long_document_number",
        "document number longer than 9 characters: a filler in place of its check digit, the rest of the number and "
        "its check digit at the start of the optional data",
        "Doc 9303 Part 5 note j (TD1) and Part 6 note j (TD2): the provision many readers do not expect (Belgian "
        "cards use it: bench/mrz_parse_bench.py regression case)",
        lambda s: s.long_number,
    ),
    Deviation(
        "nationality_not_a_code",
        "nationality printed as something other than a three-letter code (digits on Romanian identity cards)",
        "Doc 9303 Part 5, 4.2.2.2 and Part 6, 4.2.2.2 (nationality: a code of Part 3, section 5); shown by the "
        "Romanian card of the peer corpus (passporteye/100_id-rou.jpg)",
        lambda s: s.format is not MRZFormat.FRA_ID and any(c in DIGITS for c in s.nationality),
    ),
    Deviation(
        "national_characters",
        "national characters in the MRZ (an N with tilde on Spanish identity cards of the old layout) instead of their "
        "transliteration",
        "Doc 9303 Part 3, 4.3 (the MRZ's character set) and section 6 (transliterations, N with tilde as N or NXX); "
        "shown by the old Spanish DNI of the peer corpus (passporteye/0_id-esp.png)",
        lambda s: any(c not in _MRZ_CHARS for c in s.text.upper()),
    ),
    Deviation(
        "usa_card_receipt_number",
        "United States card of the first machine-readable generation (the permanent resident card, and the border "
        "crossing card or 'laser visa' issued from 1998 to 2008, of nearly the same design): an immigration case "
        "receipt number (three letters naming the service centre, ten digits) in the optional data of line 1; the "
        "check digits of cards of this layout are not always Doc 9303's (a sample card fails its document number and "
        "composite checks as printed), so a failing check on one calls for a look at the card, not a verdict alone",
        "Doc 9303 Part 5, 4.2.2 (TD1 line 1: positions 16 to 30 optional data at the issuer's discretion; the check "
        "digits of Part 3, 4.9); the United States cards of the peer corpus (passporteye/100_id-usa.jpg, "
        "passporteye/33_id-usa.jpg, the latter failing two checks as printed); the first-generation border crossing "
        "card described as nearly identical to the permanent resident card of its time (Wikipedia, 'Border Crossing "
        "Card', Description)",
        lambda s: s.format is MRZFormat.TD1 and s.issuing_state == "USA" and _receipt_number(s.text[15:30]),
    ),
    Deviation(
        "td3_code_second_letter",
        "passport document code with an uncommon second letter (not P<, PP, PO, PD or PS): the issuer's own type "
        "letter, which a reader expecting a filler there may misread",
        "Doc 9303 Part 4, 4.2.2.1 (positions 1 to 2: P, then one letter at the issuer's discretion, else a filler)",
        lambda s: s.format is MRZFormat.TD3 and s.document_code[:1] == "P" and s.document_code[1:2] in LETTERS
        and s.document_code not in _COMMON_TD3_CODES,
    ),
)


def deviations_in(seen: Seen) -> tuple[Deviation, ...]:
    """The known deviations ``seen`` shows, in :data:`DEVIATIONS` order."""
    return tuple(d for d in DEVIATIONS if d.applies(seen))


__all__ = ["DEVIATIONS", "Deviation", "Seen", "deviations_in"]
