"""What the two-line ICAO formats (TD2, TD3, MRV-A, MRV-B) share.

Upper line: document code (1-2), issuing state (3-5), name (6 to the end). Lower line positions 1 to 28: document
number (1-9) and its check digit (10), nationality (11-13), date of birth (14-19) and its check digit (20),
sex (21), date of expiry (22-27) and its check digit (28). (Part 4, 4.2.2; Part 6, 4.2.2; Part 7, 4.2.2 and 7.2.2.)
"""

from docexam.mrz.layout import Field

F = Field


def two_line_fields(length: int) -> dict[Field, tuple[int, int, int]]:
    return {
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
    }


#: The three field check digits every format has (TD1 places them elsewhere but names them the same).
FIELD_CHECKS = {
    "document_number": (F.DOCUMENT_NUMBER_CHECK, (F.DOCUMENT_NUMBER,)),
    "birth_date": (F.BIRTH_DATE_CHECK, (F.BIRTH_DATE,)),
    "expiry_date": (F.EXPIRY_DATE_CHECK, (F.EXPIRY_DATE,)),
}
