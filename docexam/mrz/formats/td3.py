"""TD3: machine readable passports and other TD3 size documents, 2 lines of 44 (Doc 9303 Part 4)."""

from docexam.mrz.formats._two_line import FIELD_CHECKS, two_line_fields
from docexam.mrz.layout import CharClass, Field, MRZFormat, make_layout

F = Field
TD3 = make_layout(
    MRZFormat.TD3,
    lines=2,
    length=44,
    # Part 4, 4.2.2.1 (upper line) and 4.2.2.2 (lower line).
    fields=two_line_fields(44)
    | {
        F.OPTIONAL_DATA: (2, 29, 42),  # personal number
        F.OPTIONAL_DATA_CHECK: (2, 43, 43),
        F.COMPOSITE_CHECK: (2, 44, 44),
    },
    # Part 4, 4.2.4. The personal number check digit may be '<' when the field is all fillers (4.2.2.2).
    checks=FIELD_CHECKS
    | {
        "optional_data": (F.OPTIONAL_DATA_CHECK, (F.OPTIONAL_DATA,)),
        "composite": (F.COMPOSITE_CHECK, ((2, 1, 10), (2, 14, 20), (2, 22, 43))),
    },
    classes={F.OPTIONAL_DATA_CHECK: CharClass.DIGIT_OR_FILLER},
)
