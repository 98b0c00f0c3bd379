"""TD3: machine readable passports and other TD3 size documents, 2 lines of 44 (Doc 9303 Part 4)."""

from docexam.mrz.layout import CharClass, Field, MRZFormat, make_layout

F = Field
TD3 = make_layout(
    MRZFormat.TD3,
    lines=2,
    length=44,
    # Part 4, 4.2.2.1 (upper line) and 4.2.2.2 (lower line).
    fields={
        F.DOCUMENT_CODE: (1, 1, 2),
        F.ISSUING_STATE: (1, 3, 5),
        F.NAME: (1, 6, 44),
        F.DOCUMENT_NUMBER: (2, 1, 9),
        F.DOCUMENT_NUMBER_CHECK: (2, 10, 10),
        F.NATIONALITY: (2, 11, 13),
        F.BIRTH_DATE: (2, 14, 19),
        F.BIRTH_DATE_CHECK: (2, 20, 20),
        F.SEX: (2, 21, 21),
        F.EXPIRY_DATE: (2, 22, 27),
        F.EXPIRY_DATE_CHECK: (2, 28, 28),
        F.OPTIONAL_DATA: (2, 29, 42),  # personal number
        F.OPTIONAL_DATA_CHECK: (2, 43, 43),
        F.COMPOSITE_CHECK: (2, 44, 44),
    },
    # Part 4, 4.2.4. The personal number check digit may be '<' when the field is all fillers (4.2.2.2).
    checks={
        "document_number": (F.DOCUMENT_NUMBER_CHECK, (F.DOCUMENT_NUMBER,)),
        "birth_date": (F.BIRTH_DATE_CHECK, (F.BIRTH_DATE,)),
        "expiry_date": (F.EXPIRY_DATE_CHECK, (F.EXPIRY_DATE,)),
        "optional_data": (F.OPTIONAL_DATA_CHECK, (F.OPTIONAL_DATA,)),
        "composite": (F.COMPOSITE_CHECK, ((2, 1, 10), (2, 14, 20), (2, 22, 43))),
    },
    classes={F.OPTIONAL_DATA_CHECK: CharClass.DIGIT_OR_FILLER},
)
