"""The verdict on an MRZ in words, for the terminal and for reports."""

from __future__ import annotations

from docexam.i18n import N_
from docexam.mrz.codes import state_name
from docexam.mrz.layout import MRZFormat
from docexam.mrz.result import MRZResult

FORMAT_NAMES: dict[MRZFormat, str] = {
    MRZFormat.TD1: N_("TD1 identity card (3 x 30)"),
    MRZFormat.TD2: N_("TD2 card (2 x 36)"),
    MRZFormat.TD3: N_("TD3 passport (2 x 44)"),
    MRZFormat.MRVA: N_("MRV-A visa (2 x 44)"),
    MRZFormat.MRVB: N_("MRV-B visa (2 x 36)"),
    MRZFormat.FRA_ID: N_("French national identity card, pre-2021 layout (2 x 36)"),
}

#: Each format and check digit as the examiner names them (marked for the catalogues of docexam.i18n: the report
#: translates them where it shows them).
CHECK_NAMES = {
    "document_number": N_("document number"),
    "birth_date": N_("date of birth"),
    "expiry_date": N_("date of expiry"),
    "optional_data": N_("optional data"),
    "composite": N_("composite"),
}


def _state(code: str) -> str:
    name = state_name(code)
    return f"{code} ({name})" if name else f"{code} (unknown code)"


def verdict(result: MRZResult) -> str:
    """One sentence: is the MRZ sound, and if not, why not."""
    if result.format is None:
        return "NOT AN MRZ: " + "; ".join(i.message for i in result.errors)
    if result.valid:
        extra = f", with {len(result.warnings)} warning(s) to review" if result.warnings else ""
        return f"VALID: the MRZ is well-formed and every check digit holds{extra}."
    failed = [CHECK_NAMES.get(c.name, c.name) for c in result.checks if not c.valid]
    why = f"check digit(s) failing: {', '.join(failed)}" if failed else f"{len(result.errors)} error(s)"
    return f"INVALID: {why}."


def explain(result: MRZResult) -> str:
    """A readable report: the lines, each field, each check with its digits, errors, warnings, verdict."""
    out: list[str] = []
    title = FORMAT_NAMES.get(result.format, "unrecognised") if result.format else "unrecognised text"
    out.append(f"MRZ: {title}")
    for line in result.lines:
        out.append(f"    {line}")
    f = result.fields
    if f is not None:
        rows = [
            ("Document code", f.document_code),
            ("Issuing state", _state(f.issuing_state)),
            ("Surname", f.surname or "(none)"),
            ("Given names", f.given_names or "(none)"),
            ("Document number", f.document_number),
            ("Nationality", _state(f.nationality)),
            ("Date of birth", f"{f.birth_date.isoformat() or 'unknown or invalid'} ({f.birth_date.raw})"),
            ("Sex", {"M": "male", "F": "female", "<": "unspecified"}.get(f.sex, f.sex)),
        ]
        if f.expiry_date is not None:
            rows.append(("Date of expiry", f"{f.expiry_date.isoformat() or 'invalid'} ({f.expiry_date.raw})"))
        rows.append(("Optional data", f.optional_data or "(empty)"))
        if f.optional_data_2 is not None:
            rows.append(("Optional data 2", f.optional_data_2 or "(empty)"))
        out.append("Fields")
        out += [f"  {k:<17}{v}" for k, v in rows]
    if result.checks:
        out.append("Check digits")
        for c in result.checks:
            mark = "ok  " if c.valid else "FAIL"
            out.append(
                f"  {mark} {CHECK_NAMES.get(c.name, c.name):<16}printed {c.found!r}, computed {c.expected!r}"
                f"  (line {c.line + 1}, position {c.column + 1})"
            )
    if result.errors:
        out.append("Errors")
        out += [f"  - {i.message}" for i in result.errors]
    if result.warnings:
        out.append("Warnings")
        out += [f"  - {i.message}" for i in result.warnings]
    out.append("Verdict: " + verdict(result))
    return "\n".join(out)
