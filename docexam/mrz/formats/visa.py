"""Machine readable visas, MRV-A (2x44) and MRV-B (2x36) (Doc 9303 Part 7).

Visas have no composite check digit, and the optional data has no check digit of its own.
Part 7 note j allows document numbers over 9 characters but gives them no overflow field: only the 9
principal characters are in the MRZ.
"""

from docexam.mrz.formats._two_line import FIELD_CHECKS, two_line_fields
from docexam.mrz.layout import Field, Layout, MRZFormat, make_layout


def _visa(fmt: MRZFormat, length: int) -> Layout:
    # Part 7, 4.2.2.1 / 7.2.2.1 (upper) and 4.2.2.2 / 7.2.2.2 (lower line): the same fields; the name and the
    # optional data are 8 characters shorter on MRV-B.
    return make_layout(
        fmt,
        lines=2,
        length=length,
        fields=two_line_fields(length) | {Field.OPTIONAL_DATA: (2, 29, length)},
        checks=FIELD_CHECKS,
    )


MRVA = _visa(MRZFormat.MRVA, 44)
MRVB = _visa(MRZFormat.MRVB, 36)
