"""Write an MRZ from its fields: the mirror of :mod:`docexam.mrz.parser`.

Every format the parser reads can be produced, including TD1/TD2 long document numbers, so tests round-trip
and the specimen generator prints real MRZs. Bad fields raise :class:`~docexam.errors.MRZGenerationError`
(a ``ValueError``) naming the field and what to change.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from docexam.errors import MRZGenerationError
from docexam.mrz.checkdigit import compute_check_digit
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Field, Layout, MRZFormat, Span
from docexam.mrz.names import format_name

_ALNUM = re.compile(r"[A-Z0-9<]*")
_LETTERS = re.compile(r"[A-Z<]*")


def _date(value: _dt.date | str | None, field: str, *, unknown_ok: bool) -> str:
    if value is None:
        if unknown_ok:
            return "<<<<<<"
        raise MRZGenerationError(field, value, "a date is required")
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.strftime("%y%m%d")
    if isinstance(value, str) and len(value) == 6 and all(c.isdigit() or (unknown_ok and c == "<") for c in value):
        pairs = (value[0:2], value[2:4], value[4:6])
        if all(p.isdigit() or p == "<<" for p in pairs):
            return value
    raise MRZGenerationError(field, value, "give a datetime.date or YYMMDD" + (" (<< for unknown parts)" if unknown_ok else ""))


def _text(value: str, field: str, length: int, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str):
        raise MRZGenerationError(field, value, "must be a string")
    v = value.upper().replace(" ", "<")
    if not pattern.fullmatch(v):
        raise MRZGenerationError(field, value, f"only {what} may be written here")
    if len(v) > length:
        raise MRZGenerationError(field, value, f"at most {length} characters fit")
    return v.ljust(length, "<")


def _components(name: str | Sequence[str]) -> list[str]:
    if isinstance(name, str):
        return name.split()
    return list(name)


def generate(
    fmt: MRZFormat | str,
    *,
    document_code: str,
    issuing_state: str,
    surname: str | Sequence[str],
    given_names: str | Sequence[str] = "",
    document_number: str,
    nationality: str | None = None,
    birth_date: _dt.date | str | None,
    expiry_date: _dt.date | str | None = None,
    sex: str = "<",
    optional_data: str = "",
    optional_data_2: str = "",
    empty_optional_check: str = "<",
) -> tuple[str, ...]:
    """Write the MRZ lines of a document.

    Parameters
    ----------
    fmt : MRZFormat or str
        ``TD1``, ``TD2``, ``TD3``, ``MRVA``, ``MRVB`` or ``FRA_ID``.
    document_code, issuing_state, nationality : str
        Codes as printed without padding (``"P"``, ``"D"`` for Germany); padded with fillers here.
        ``nationality`` defaults to ``issuing_state``.
    surname, given_names : str or sequence of str
        Primary and secondary identifiers; components separated by spaces or hyphens, or given as a list.
        Names too long for the field are truncated as Doc 9303 requires.
    document_number : str
        Up to 9 characters; TD1 and TD2 take longer numbers (Part 5 note j, Part 6 note j).
    birth_date : datetime.date or str
        A date, or ``YYMMDD`` with ``<<`` for unknown parts (Part 3, 4.8).
    expiry_date : datetime.date or str
        Required for every format except ``FRA_ID``.
    sex : str
        ``M``, ``F`` or ``<``; ``X`` (as printed in the VIZ) is written ``<`` (Part 5, note f).
    optional_data, optional_data_2 : str
        Optional data (TD3: the personal number); ``optional_data_2`` is TD1 line 2's field.
    empty_optional_check : str
        TD3 check digit of an empty personal number: ``"<"`` or ``"0"`` (Part 4, 4.2.2.2).

    Returns
    -------
    tuple of str
        The MRZ lines.
    """
    try:
        fmt = MRZFormat(fmt)
    except ValueError:
        raise MRZGenerationError("format", fmt, f"choose one of {', '.join(f.value for f in MRZFormat)}") from None
    layout = LAYOUTS[fmt]
    out = ["<"] * layout.total

    def put(span: Span, value: str) -> None:
        out[span.start : span.stop] = value

    f = layout.fields
    code = _text(document_code, "document_code", 2, _LETTERS, "letters")
    first = {MRZFormat.TD3: "P", MRZFormat.MRVA: "V", MRZFormat.MRVB: "V", MRZFormat.FRA_ID: "I"}.get(fmt, "ACI")
    if code[0] not in first:
        raise MRZGenerationError("document_code", document_code, f"a {fmt.value} document code starts with {' or '.join(first)}")
    put(f[Field.DOCUMENT_CODE], code)
    put(f[Field.ISSUING_STATE], _text(issuing_state, "issuing_state", 3, _LETTERS, "letters"))
    nationality = issuing_state if nationality is None else nationality
    if Field.NATIONALITY in f:
        put(f[Field.NATIONALITY], _text(nationality, "nationality", 3, _LETTERS, "letters"))

    if fmt is MRZFormat.FRA_ID:
        put(f[Field.NAME], format_name(_components(surname), [], len(f[Field.NAME])))
        given = _components(given_names)
        # Given names are separated by "<<" on the French card.
        text = "<<".join(format_name([g], [], len(f[Field.OPTIONAL_DATA_2])).rstrip("<") for g in given)
        put(f[Field.OPTIONAL_DATA_2], text[: len(f[Field.OPTIONAL_DATA_2])].ljust(len(f[Field.OPTIONAL_DATA_2]), "<"))
    else:
        put(f[Field.NAME], format_name(_components(surname), _components(given_names), len(f[Field.NAME])))

    sex_v = {"X": "<"}.get(sex.upper(), sex.upper()) if isinstance(sex, str) else sex
    if sex_v not in ("M", "F", "<"):
        raise MRZGenerationError("sex", sex, "use M, F, < or X")
    put(f[Field.SEX], sex_v)

    birth = _date(birth_date, "birth_date", unknown_ok=True)
    put(f[Field.BIRTH_DATE], birth)
    put(f[Field.BIRTH_DATE_CHECK], compute_check_digit(birth))
    if Field.EXPIRY_DATE in f:
        expiry = _date(expiry_date, "expiry_date", unknown_ok=False)
        put(f[Field.EXPIRY_DATE], expiry)
        put(f[Field.EXPIRY_DATE_CHECK], compute_check_digit(expiry))
    elif expiry_date is not None:
        raise MRZGenerationError("expiry_date", expiry_date, f"{fmt.value} has no expiry date in the MRZ")

    number_len = len(f[Field.DOCUMENT_NUMBER])
    number = _text(document_number, "document_number", 64, _ALNUM, "A-Z, 0-9 and <").rstrip("<")
    if not number:
        raise MRZGenerationError("document_number", document_number, "a document number is required")
    opt_len = len(f[Field.OPTIONAL_DATA])
    optional = optional_data.upper().replace(" ", "<") if isinstance(optional_data, str) else optional_data
    if len(number) > number_len:
        if fmt not in (MRZFormat.TD1, MRZFormat.TD2):
            raise MRZGenerationError(
                "document_number", document_number, f"{fmt.value} holds at most {number_len} characters; only TD1 and TD2 take longer numbers"
            )
        # Part 5 note j / Part 6 note j: principal 9 characters, '<' for the check digit, the rest then its check
        # digit and a filler at the start of the optional data.
        overflow = number[number_len:]
        continued = overflow + compute_check_digit(number) + "<"
        if not overflow[-1:].isalnum() or len(continued) > opt_len:
            raise MRZGenerationError(
                "document_number", document_number, f"{fmt.value} takes at most {number_len + opt_len - 2} characters"
            )
        put(f[Field.DOCUMENT_NUMBER], number[:number_len])
        put(f[Field.DOCUMENT_NUMBER_CHECK], "<")
        optional = continued + optional
        if len(optional) > opt_len:
            raise MRZGenerationError("optional_data", optional_data, f"with a long document number, at most {opt_len - len(continued)} characters fit")
        put(f[Field.OPTIONAL_DATA], _text(optional, "optional_data", opt_len, _ALNUM, "A-Z, 0-9 and <"))
    else:
        padded = number.ljust(number_len, "<")
        put(f[Field.DOCUMENT_NUMBER], padded)
        put(f[Field.DOCUMENT_NUMBER_CHECK], compute_check_digit(padded))
        put(f[Field.OPTIONAL_DATA], _text(optional, "optional_data", opt_len, _ALNUM, "A-Z, 0-9 and <"))
    if Field.OPTIONAL_DATA_2 in f and fmt is not MRZFormat.FRA_ID:
        put(f[Field.OPTIONAL_DATA_2], _text(optional_data_2, "optional_data_2", len(f[Field.OPTIONAL_DATA_2]), _ALNUM, "A-Z, 0-9 and <"))
    elif optional_data_2:
        raise MRZGenerationError("optional_data_2", optional_data_2, f"{fmt.value} has a single optional data field")

    if Field.OPTIONAL_DATA_CHECK in f:
        opt_text = f[Field.OPTIONAL_DATA].of("".join(out))
        if opt_text.strip("<"):
            put(f[Field.OPTIONAL_DATA_CHECK], compute_check_digit(opt_text))
        elif empty_optional_check in ("<", "0"):
            put(f[Field.OPTIONAL_DATA_CHECK], empty_optional_check)
        else:
            raise MRZGenerationError("empty_optional_check", empty_optional_check, "use '<' or '0' (Part 4, 4.2.2.2)")
    _write_composite(layout, out)
    text = "".join(out)
    return tuple(text[i : i + layout.length] for i in range(0, layout.total, layout.length))


def _write_composite(layout: Layout, out: list[str]) -> None:
    for spec in layout.checks:
        if spec.name == "composite":
            text = "".join(out)
            out[spec.digit.start] = compute_check_digit("".join(s.of(text) for s in spec.covers))
