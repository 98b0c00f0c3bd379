"""The MRZ engine (Qt-free): parse, validate, generate and correct every Doc 9303 MRZ format.

>>> from docexam.mrz import parse
>>> r = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
...            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])
>>> r.format.value, r.fields.surname, r.check("composite").valid
('TD3', 'ERIKSSON', True)
"""

from docexam.mrz.checkdigit import compute_check_digit
from docexam.mrz.dates import MRZDate
from docexam.mrz.layout import MRZFormat
from docexam.mrz.names import MRZName
from docexam.mrz.parser import detect_format, parse, split_lines
from docexam.mrz.result import Check, Issue, MRZFields, MRZResult

__all__ = [
    "Check",
    "Issue",
    "MRZDate",
    "MRZFields",
    "MRZFormat",
    "MRZName",
    "MRZResult",
    "compute_check_digit",
    "detect_format",
    "parse",
    "split_lines",
]

from docexam.mrz.generator import generate

__all__ += ["generate"]
