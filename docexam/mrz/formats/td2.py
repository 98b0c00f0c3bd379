"""TD2: identity cards and other TD2 size documents, 2 lines of 36 (Doc 9303 Part 6).

A document number longer than 9 characters: the 9 principal characters in line 2 positions 1 to 9, a filler in
10, the rest at the start of the optional data (positions 29 to 35) followed by its check digit and a filler
(Part 6, 4.2.2.2 note j).
"""

from docexam.mrz.formats._two_line import FIELD_CHECKS, two_line_fields
from docexam.mrz.layout import Field, MRZFormat, make_layout

F = Field
TD2 = make_layout(
    MRZFormat.TD2,
    lines=2,
    length=36,
    # Part 6, 4.2.2.1 (upper) and 4.2.2.2 (lower line).
    fields=two_line_fields(36) | {F.OPTIONAL_DATA: (2, 29, 35), F.COMPOSITE_CHECK: (2, 36, 36)},
    # Part 6, 4.2.4.
    checks=FIELD_CHECKS | {"composite": (F.COMPOSITE_CHECK, ((2, 1, 10), (2, 14, 20), (2, 22, 35)))},
)
