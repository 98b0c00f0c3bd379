"""TD2: identity cards and other TD2 size documents, 2 lines of 36 (Doc 9303 Part 6).

A document number longer than 9 characters: the 9 principal characters in line 2 positions 1 to 9, a filler in
10, the rest at the start of the optional data (positions 29 to 35) followed by its check digit and a filler
(Part 6, 4.2.2.2 note j).
"""

from docexam.mrz.layout import Field, MRZFormat, make_layout

F = Field
TD2 = make_layout(
    MRZFormat.TD2,
    lines=2,
    length=36,
    # Part 6, 4.2.2.1 (upper) and 4.2.2.2 (lower line).
    fields={
        F.DOCUMENT_CODE: (1, 1, 2),
        F.ISSUING_STATE: (1, 3, 5),
        F.NAME: (1, 6, 36),
        F.DOCUMENT_NUMBER: (2, 1, 9),
        F.DOCUMENT_NUMBER_CHECK: (2, 10, 10),
        F.NATIONALITY: (2, 11, 13),
        F.BIRTH_DATE: (2, 14, 19),
        F.BIRTH_DATE_CHECK: (2, 20, 20),
        F.SEX: (2, 21, 21),
        F.EXPIRY_DATE: (2, 22, 27),
        F.EXPIRY_DATE_CHECK: (2, 28, 28),
        F.OPTIONAL_DATA: (2, 29, 35),
        F.COMPOSITE_CHECK: (2, 36, 36),
    },
    # Part 6, 4.2.4.
    checks={
        "document_number": (F.DOCUMENT_NUMBER_CHECK, (F.DOCUMENT_NUMBER,)),
        "birth_date": (F.BIRTH_DATE_CHECK, (F.BIRTH_DATE,)),
        "expiry_date": (F.EXPIRY_DATE_CHECK, (F.EXPIRY_DATE,)),
        "composite": (F.COMPOSITE_CHECK, ((2, 1, 10), (2, 14, 20), (2, 22, 35))),
    },
)
