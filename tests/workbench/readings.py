"""MRZ readings shared by the workstation's tests: the ICAO Doc 9303 Part 4 TD3 example and an altered copy."""

from docexam.mrz import parse
from tests.conftest import TODAY

ICAO = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
# the year of birth altered from 1974 to 1975: the birth-date and composite check digits fail
ALTERED = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7508122F3204153ZE184226B<<<<<16"]


def reading_of(lines, **extra):
    """A ``docexam read --json`` object for ``lines`` (the reader's shape: checks as booleans only)."""
    r = parse(lines, today=TODAY).to_dict()
    d = {k: r[k] for k in ("format", "lines", "fields", "checks", "errors", "warnings")}
    d |= {"found": True, "engine": "ocrb", "valid": r["valid"], "confidence": 0.98,
          "char_confidence": [[1.0] * len(line) for line in lines], "corrections": []}
    return d | extra
