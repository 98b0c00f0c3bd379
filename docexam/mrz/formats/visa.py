"""Machine readable visas, MRV-A (2x44) and MRV-B (2x36) (Doc 9303 Part 7).

Visas have no composite check digit, and the optional data has no check digit of its own.
Part 7 note j allows document numbers over 9 characters but gives them no overflow field: only the 9
principal characters are in the MRZ.
"""

from docexam.mrz.layout import Field, Layout, MRZFormat, make_layout

F = Field


def _visa(fmt: MRZFormat, length: int) -> Layout:
    return make_layout(
        fmt,
        lines=2,
        length=length,
        # Part 7, 4.2.2.1 / 7.2.2.1 (upper) and 4.2.2.2 / 7.2.2.2 (lower line): same fields, the name and
        # the optional data are 8 characters shorter on MRV-B.
        fields={
            F.DOCUMENT_CODE: (1, 1, 2),
            F.ISSUING_STATE: (1, 3, 5),
            F.NAME: (1, 6, length),
            F.DOCUMENT_NUMBER: (2, 1, 9),
            F.DOCUMENT_NUMBER_CHECK: (2, 10, 10),
            F.NATIONALITY: (2, 11, 13),
            F.BIRTH_DATE: (2, 14, 19),
            F.BIRTH_DATE_CHECK: (2, 20, 20),
            F.SEX: (2, 21, 21),
            F.EXPIRY_DATE: (2, 22, 27),
            F.EXPIRY_DATE_CHECK: (2, 28, 28),
            F.OPTIONAL_DATA: (2, 29, length),
        },
        checks={
            "document_number": (F.DOCUMENT_NUMBER_CHECK, (F.DOCUMENT_NUMBER,)),
            "birth_date": (F.BIRTH_DATE_CHECK, (F.BIRTH_DATE,)),
            "expiry_date": (F.EXPIRY_DATE_CHECK, (F.EXPIRY_DATE,)),
        },
    )


MRVA = _visa(MRZFormat.MRVA, 44)
MRVB = _visa(MRZFormat.MRVB, 36)
