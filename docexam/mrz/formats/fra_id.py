"""The French national identity card issued until March 2021: 2 lines of 36 in its own layout.

It predates Doc 9303's TD2 and is not an ICAO layout, so the positions come from the French specification as
implemented by readers of these cards, not from Doc 9303:

* line 1: ``ID`` (1-2), ``FRA`` (3-5), surname (6-30), issuing department and office (31-36);
* line 2: document number (1-12: year and month of issue, department, sequence), its check digit (13),
  given names (14-27, separated by ``<<``), date of birth (28-33), its check digit (34), sex (35), and a
  composite check digit (36) over line 1 and line 2 positions 1 to 35.

There is no date of expiry in the MRZ (the card is valid 10 or 15 years from the issue month).
"""

from docexam.mrz.formats._two_line import FIELD_CHECKS
from docexam.mrz.layout import CharClass, Field, MRZFormat, make_layout

F = Field
FRA_ID = make_layout(
    MRZFormat.FRA_ID,
    lines=2,
    length=36,
    fields={
        F.DOCUMENT_CODE: (1, 1, 2),
        F.ISSUING_STATE: (1, 3, 5),
        F.NAME: (1, 6, 30),  # surname only; the given names are on line 2
        F.OPTIONAL_DATA: (1, 31, 36),  # department and office of issue
        F.DOCUMENT_NUMBER: (2, 1, 12),
        F.DOCUMENT_NUMBER_CHECK: (2, 13, 13),
        F.OPTIONAL_DATA_2: (2, 14, 27),  # given names: kept in a separate span, read as names
        F.BIRTH_DATE: (2, 28, 33),
        F.BIRTH_DATE_CHECK: (2, 34, 34),
        F.SEX: (2, 35, 35),
        F.COMPOSITE_CHECK: (2, 36, 36),
    },
    checks={name: FIELD_CHECKS[name] for name in ("document_number", "birth_date")}
    | {"composite": (F.COMPOSITE_CHECK, ((1, 1, 36), (2, 1, 35)))},
    # The number's issue year and month and its sequence number are digits; the department in between may hold
    # letters (Corsica: 2A, 2B).
    position_classes={(2, 1, 4): CharClass.DIGIT, (2, 8, 12): CharClass.DIGIT},
)
