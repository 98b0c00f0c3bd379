"""Parse and validate MRZ text in every Doc 9303 format.

:func:`parse` never raises on bad OCR text: every problem becomes an error or a warning in the
:class:`~docexam.mrz.result.MRZResult`. It raises only when misused (something that is not text).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import replace

from docexam.errors import MRZInputError
from docexam.mrz.checkdigit import checksum
from docexam.mrz.codes import CARD_FIRST, TD3_FIRST, VISA_FIRST, is_known_state, state_name
from docexam.mrz.dates import DateKind, MRZDate, parse_mrz_date
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Layout, MRZFormat
from docexam.mrz.names import MRZName, parse_name
from docexam.mrz.result import Check, Issue, MRZFields, MRZResult

_MRZ_LINE = re.compile(r"[A-Z0-9<]*")
#: Age under which a holder is flagged as a minor (most states' age of majority).
ADULT_AGE = 18

_SHAPES = "3 lines of 30 (TD1), 2 lines of 36 (TD2, MRV-B, French ID) or 2 lines of 44 (TD3, MRV-A)"


def split_lines(mrz: str | Sequence[str]) -> tuple[str, ...]:
    """Turn user input into MRZ lines: split text on newlines, trim each line, drop blank lines.

    Raises
    ------
    MRZInputError
        If ``mrz`` is neither a string nor a sequence of strings.
    """
    if type(mrz) is list or type(mrz) is tuple:  # the common case, without the generic path's work
        if all(type(x) is str and "\n" not in x and "\r" not in x for x in mrz):
            stripped = tuple([x.strip() for x in mrz])
            return stripped if all(stripped) else tuple(filter(None, stripped))
    if isinstance(mrz, str):
        raw = mrz.splitlines()
    elif isinstance(mrz, list | tuple | Sequence) and all(isinstance(x, str) for x in mrz):
        raw = [part for x in mrz for part in (x.splitlines() or [""])]
    else:
        raise MRZInputError("mrz", mrz)
    return tuple(s for s in (x.strip() for x in raw) if s)


def detect_format(lines: Sequence[str]) -> MRZFormat | None:
    """The format whose shape the lines have, or ``None``. 2x36 lines starting ``IDFRA`` are resolved by
    :func:`parse`, which tries the French layout and TD2 and keeps the one whose check digits hold."""
    n = len(lines)
    lengths = {len(x) for x in lines}
    if len(lengths) != 1:
        return None
    (length,) = lengths
    first = lines[0][:1].upper()
    if n == 3 and length == 30:
        return MRZFormat.TD1
    if n == 2 and length == 44:
        return MRZFormat.MRVA if first == "V" else MRZFormat.TD3
    if n == 2 and length == 36:
        if first == "V":
            return MRZFormat.MRVB
        return MRZFormat.FRA_ID if lines[0][:5].upper() == "IDFRA" else MRZFormat.TD2
    return None


def parse(mrz: str | Sequence[str], *, today: _dt.date | None = None) -> MRZResult:
    """Parse and validate an MRZ.

    Parameters
    ----------
    mrz : str or sequence of str
        The MRZ lines, as a list or as one text with newlines.
    today : datetime.date, optional
        Reference day for century inference, expiry and age (default: today).

    Returns
    -------
    MRZResult
        Format, typed fields, every check digit, errors and warnings. ``format`` is ``None`` when the text
        does not have the shape of any MRZ.
    """
    lines = split_lines(mrz)
    today = today or _dt.date.today()
    if not lines:
        return _not_an_mrz(lines, "empty input: no MRZ lines given")
    fmt = detect_format(lines)
    if fmt is None:
        return _not_an_mrz(lines, _shape_message(lines))
    if fmt is MRZFormat.FRA_ID:
        # The pre-2021 French card and a TD2 card from France share the shape: keep the layout that validates.
        french = _parse_layout(LAYOUTS[MRZFormat.FRA_ID], lines, today)
        if french.valid:
            return french
        td2 = _parse_layout(LAYOUTS[MRZFormat.TD2], lines, today)
        def good(r: MRZResult) -> int:
            return sum(c.valid for c in r.checks)

        return td2 if good(td2) > good(french) else french
    return _parse_layout(LAYOUTS[fmt], lines, today)


def _shape_message(lines: tuple[str, ...]) -> str:
    lengths = [len(x) for x in lines]
    shape = f"{len(lines)} line(s) of " + " and ".join(map(str, lengths)) + " characters"
    # Name the nearest format and the lines that are off, so a dropped or doubled character is easy to find.
    near = [(n, length, names) for n, length, names in _NEAR if n == len(lines)]
    if near:
        n, length, names = min(near, key=lambda s: sum(abs(x - s[1]) for x in lengths))
        off = [f"line {i + 1} has {x}" for i, x in enumerate(lengths) if x != length]
        if all(abs(x - length) <= 3 for x in lengths):
            return f"not an MRZ shape: got {shape}; {', '.join(off)} where a {names} line has {length}"
    return f"not an MRZ shape: got {shape}; an MRZ has {_SHAPES}"


_NEAR = ((3, 30, "TD1"), (2, 36, "TD2/MRV-B"), (2, 44, "TD3/MRV-A"))


def _not_an_mrz(lines: tuple[str, ...], message: str) -> MRZResult:
    return MRZResult(None, lines, None, (), (Issue("shape", message),), ())


def _check(
    name: str, text: str, at: int, covered: str, length: int, checks: list[Check], errors: list[Issue], filler_ok: bool = False
) -> None:
    """Compare the digit printed at ``at`` with the one computed over ``covered``; record the check."""
    found = text[at]
    total = checksum(covered)
    expected = None if total is None else str(total)
    if filler_ok and not covered.strip("<"):
        # An unused TD3 personal number: its check digit may be 0 or < (Part 4, 4.2.2.2, position 43).
        valid = found in "<0"
        expected = found if valid else "<"
    else:
        valid = found == expected
    line, col = divmod(at, length)
    checks.append(Check(name, expected, found, valid, line, col))
    if not valid:
        errors.append(
            Issue(
                "check_digit",
                f"{name.replace('_', ' ')} check digit fails: printed {found!r} at line {line + 1} column {col + 1}, "
                f"computed {expected!r}" + ("" if expected else " (the data holds non-MRZ characters)"),
                name,
            )
        )


def _parse_layout(layout: Layout, lines: tuple[str, ...], today: _dt.date) -> MRZResult:
    errors: list[Issue] = []
    warnings: list[Issue] = []
    checks: list[Check] = []
    for i, line in enumerate(lines):
        if not _MRZ_LINE.fullmatch(line):
            errors.append(_character_issue(i, line))
    text = "".join(lines)
    if errors:
        text = text.upper()  # read the fields anyway, so the examiner sees what the lines would say
    fmt = layout.format
    plan = layout.plan
    length = plan.length

    # Document code (Part 4 4.2.2.1, Part 5 note k, Part 6 note k, Part 7 4.2.2.1).
    code = text[plan.document_code]
    _check_document_code(fmt, code, errors)

    # Document number, with the TD1/TD2 long number (Part 5 note j and 4.2.4; Part 6 note j).
    number = text[plan.document_number]
    optional = text[plan.optional_data]
    number_check_at = plan.document_number_check.start
    if text[number_check_at] == "<" and number[-1] != "<" and (fmt is MRZFormat.TD1 or fmt is MRZFormat.TD2):
        end = optional.find("<")
        if end >= 2:
            number += optional[: end - 1]
            number_check_at = plan.optional_data.start + end - 1
            optional = optional[end + 1 :]
        else:
            errors.append(
                Issue(
                    "document_number",
                    "the document number check digit is a filler, which marks a long document number, but the "
                    "optional data does not continue it with a check digit and a filler",
                    "document_number",
                )
            )
    _check("document_number", text, number_check_at, number, length, checks, errors)

    birth = parse_mrz_date(text[plan.birth_date], DateKind.BIRTH, today)
    _check("birth_date", text, plan.birth_date_check.start, birth.raw, length, checks, errors)
    expiry: MRZDate | None = None
    if plan.expiry_date is not None:
        expiry = parse_mrz_date(text[plan.expiry_date], DateKind.EXPIRY, today)
        _check("expiry_date", text, plan.expiry_date_check.start, expiry.raw, length, checks, errors)
    if plan.optional_data_check is not None:
        _check("optional_data", text, plan.optional_data_check.start, text[plan.optional_data], length, checks, errors, True)
    if plan.composite_covers is not None and plan.composite_check is not None:
        covered = "".join([text[s] for s in plan.composite_covers])
        _check("composite", text, plan.composite_check.start, covered, length, checks, errors)

    # Names. The French card keeps the surname on line 1 and the given names on line 2.
    if fmt is MRZFormat.FRA_ID:
        # Given names are separated by "<<" on these cards, so they are split here, not by the ICAO grammar.
        surname = parse_name(text[plan.name])
        assert plan.optional_data_2 is not None  # the French card's layout has it
        given_raw = text[plan.optional_data_2]
        name = replace(surname, raw=surname.raw + given_raw, secondary=tuple(g for g in given_raw.split("<") if g))
        optional_2 = None
        nationality = "FRA"
    else:
        name = parse_name(text[plan.name])
        optional_2 = text[plan.optional_data_2].strip("<") if plan.optional_data_2 is not None else None
        nationality = text[plan.nationality]
    if name.invalid_characters or name.possibly_truncated or name.stray_fillers or not (name.primary or name.secondary):
        _check_name(name, errors, warnings)

    issuing = text[plan.issuing_state]
    for label, value in (("issuing state", issuing), ("nationality", nationality)):
        if not is_known_state(value):
            warnings.append(
                Issue(
                    "unknown_code",
                    f"{label} code {value!r} is not in ISO 3166-1 nor in Doc 9303 Part 3 section 5",
                    label.replace(" ", "_"),
                    {"label": label, "value": value},
                )
            )

    sex = text[plan.sex]
    if sex not in _SEXES:
        if sex == "X":
            warnings.append(Issue("sex", "sex is 'X': Doc 9303 writes an unspecified sex as '<' in the MRZ", "sex"))
        else:
            errors.append(Issue("sex", f"sex {sex!r} is not M, F or < (Part 4, 4.2.2.2)", "sex"))

    _check_dates(birth, expiry, today, errors, warnings)

    fields = MRZFields(
        document_code=code.rstrip("<"),
        issuing_state=issuing.rstrip("<"),
        name=name,
        document_number=number.rstrip("<"),
        nationality=nationality.rstrip("<"),
        birth_date=birth,
        expiry_date=expiry,
        sex=sex,
        optional_data=optional.strip("<"),
        optional_data_2=optional_2,
    )
    return MRZResult(fmt, lines, fields, tuple(checks), tuple(errors), tuple(warnings))


_SEXES = frozenset("MF<")


def _character_issue(i: int, line: str) -> Issue:
    bad = [(j, c) for j, c in enumerate(line) if not ("A" <= c <= "Z" or "0" <= c <= "9" or c == "<")]
    lower = all(c.islower() for _, c in bad)
    shown = ", ".join(f"{c!r} at column {j + 1}" for j, c in bad[:6]) + (" ..." if len(bad) > 6 else "")
    hint = "lower-case letters: the MRZ is upper case" if lower else "only A-Z, 0-9 and < may appear"
    return Issue("character", f"line {i + 1} has characters outside the MRZ alphabet ({hint}): {shown}")


_USUAL_CODES = {MRZFormat.TD3: frozenset({"P<", "PP", "PO", "PD", "PS"}), MRZFormat.TD1: frozenset({"I<", "ID", "IR"}),
                MRZFormat.TD2: frozenset({"I<", "ID"}), MRZFormat.MRVA: frozenset({"V<"}), MRZFormat.MRVB: frozenset({"V<"})}


def _check_document_code(fmt: MRZFormat, code: str, errors: list[Issue]) -> None:
    if code in _USUAL_CODES.get(fmt, ()):
        return
    first, second = code[:1], code[1:2]
    if fmt is MRZFormat.TD3:
        allowed, where = TD3_FIRST, "a passport (TD3) code starts with P (Part 4, 4.2.2.1)"
    elif fmt in (MRZFormat.MRVA, MRZFormat.MRVB):
        allowed, where = VISA_FIRST, "a visa code starts with V (Part 7, 4.2.2.1)"
    elif fmt is MRZFormat.FRA_ID:
        allowed, where = frozenset("I"), "the French identity card code is ID"
    else:
        allowed, where = CARD_FIRST, f"a {fmt.value} code starts with A, C or I (Part 5/6, note k)"
    if first not in allowed:
        errors.append(Issue("document_code", f"document code {code!r}: {where}", "document_code"))
    elif fmt in (MRZFormat.TD1, MRZFormat.TD2) and (second == "V" or code == "AI" and fmt is MRZFormat.TD1):
        errors.append(Issue("document_code", f"document code {code!r} is reserved (Part 5/6, note k)", "document_code"))
    elif fmt is MRZFormat.TD2 and code == "AC":
        errors.append(Issue("document_code", "document code 'AC' is not used on TD2 (Part 6, note k)", "document_code"))


def _check_name(name: MRZName, errors: list[Issue], warnings: list[Issue]) -> None:
    if name.invalid_characters:
        errors.append(
            Issue("name", f"the name holds {name.invalid_characters!r}: names use only A-Z and < (Part 3, 4.6)", "name")
        )
    if not name.primary and not name.secondary:
        errors.append(Issue("name", "the name field is empty", "name"))
    if name.possibly_truncated:
        warnings.append(
            Issue("name_truncated", "the name fills its field to the last position: it may have been truncated", "name")
        )
    if name.stray_fillers:
        warnings.append(
            Issue("stray_fillers", f"stray fillers in the name field {name.raw!r} (Part 3, 4.6 allows < and << only)", "name",
                  {"raw": name.raw})
        )


def _check_dates(
    birth: MRZDate, expiry: MRZDate | None, today: _dt.date, errors: list[Issue], warnings: list[Issue]
) -> None:
    if birth.problem:
        errors.append(Issue("date", f"date of birth: {birth.problem}", "birth_date"))
    elif birth.partly_unknown:
        warnings.append(
            Issue("birth_date_unknown", f"date of birth {birth.raw!r} is partly or wholly unknown (fillers, Part 3, 4.8)", "birth_date",
                  {"raw": birth.raw})
        )
    if expiry is not None:
        if expiry.problem:
            errors.append(Issue("date", f"date of expiry: {expiry.problem}", "expiry_date"))
        elif expiry.value and expiry.value < today:
            warnings.append(Issue("expired", f"the document expired on {expiry.value.isoformat()}", "expiry_date",
                                  {"expiry": expiry.value.isoformat()}))
    if birth.value:
        age = today.year - birth.value.year - ((today.month, today.day) < (birth.value.month, birth.value.day))
        if age < ADULT_AGE:
            warnings.append(
                Issue("under_age", f"the holder, born {birth.value.isoformat()}, is {age}: under {ADULT_AGE}", "birth_date",
                      {"birth": birth.value.isoformat(), "age": str(age), "adult": str(ADULT_AGE)})
            )
        if expiry is not None and expiry.value and birth.value >= expiry.value:
            warnings.append(
                Issue(
                    "birth_after_expiry",
                    f"date of birth {birth.value.isoformat()} is not before date of expiry {expiry.value.isoformat()}",
                    "birth_date",
                    {"birth": birth.value.isoformat(), "expiry": expiry.value.isoformat()},
                )
            )


def describe_state(code: str) -> str:
    """``"UTO (Utopia (specimen))"``, or the code alone when unknown."""
    name = state_name(code)
    return f"{code} ({name})" if name else code
