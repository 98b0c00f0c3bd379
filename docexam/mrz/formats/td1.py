"""TD1: identity cards and other TD1 size documents, 3 lines of 30 (Doc 9303 Part 5).

A document number longer than 9 characters keeps its 9 principal characters in positions 6 to 14, a filler
in 15 instead of the check digit, and continues at the start of the optional data (positions 16 on) followed by
its check digit and a filler (Part 5, 4.2.2.3 note j, and 4.2.4).
"""

from docexam.mrz.formats._two_line import FIELD_CHECKS
from docexam.mrz.layout import Field, MRZFormat, make_layout

F = Field
TD1 = make_layout(
    MRZFormat.TD1,
    lines=3,
    length=30,
    # Part 5, 4.2.2.1 (upper), 4.2.2.2 (middle), 4.2.2.3 (lower line).
    fields={
        F.DOCUMENT_CODE: (1, 1, 2),
        F.ISSUING_STATE: (1, 3, 5),
        F.DOCUMENT_NUMBER: (1, 6, 14),
        F.DOCUMENT_NUMBER_CHECK: (1, 15, 15),
        F.OPTIONAL_DATA: (1, 16, 30),
        F.BIRTH_DATE: (2, 1, 6),
        F.BIRTH_DATE_CHECK: (2, 7, 7),
        F.SEX: (2, 8, 8),
        F.EXPIRY_DATE: (2, 9, 14),
        F.EXPIRY_DATE_CHECK: (2, 15, 15),
        F.NATIONALITY: (2, 16, 18),
        F.OPTIONAL_DATA_2: (2, 19, 29),
        F.COMPOSITE_CHECK: (2, 30, 30),
        F.NAME: (3, 1, 30),
    },
    # Part 5, 4.2.4.
    checks=FIELD_CHECKS | {"composite": (F.COMPOSITE_CHECK, ((1, 6, 30), (2, 1, 7), (2, 9, 15), (2, 19, 29)))},
)
