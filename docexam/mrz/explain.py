"""The verdict on an MRZ in words, for the terminal and for reports."""

from __future__ import annotations

from docexam.i18n import N_, Translator
from docexam.mrz.codes import state_name
from docexam.mrz.issues import worded
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


def _state(code: str, words: Translator) -> str:
    name = state_name(code)
    return f"{code} ({name})" if name else words.gettext("{code} (unknown code)").format(code=code)


def verdict(result: MRZResult, words: Translator | None = None) -> str:
    """One sentence: is the MRZ sound, and if not, why not (in ``words``' language, default the current one)."""
    words = words or Translator()
    if result.format is None:
        return words.gettext("NOT AN MRZ: {errors}").format(errors="; ".join(worded(i, words) for i in result.errors))
    if result.valid:
        if result.warnings:
            return words.ngettext(
                "VALID: the MRZ is well-formed and every check digit holds, with {n} warning(s) to review.",
                "VALID: the MRZ is well-formed and every check digit holds, with {n} warning(s) to review.",
                len(result.warnings)).format(n=len(result.warnings))
        return words.gettext("VALID: the MRZ is well-formed and every check digit holds.")
    failed = [words.gettext(CHECK_NAMES.get(c.name, c.name)) for c in result.checks if not c.valid]
    if failed:
        return words.gettext("INVALID: check digit(s) failing: {checks}.").format(checks=", ".join(failed))
    return words.ngettext("INVALID: {n} error(s).", "INVALID: {n} error(s).", len(result.errors)).format(
        n=len(result.errors))


def explain(result: MRZResult, words: Translator | None = None) -> str:
    """A readable report: the lines, each field, each check with its digits, errors, warnings, verdict (in
    ``words``' language, default the current one)."""
    words = words or Translator()
    out: list[str] = []
    if result.format:
        title = words.gettext(FORMAT_NAMES[result.format]) if result.format in FORMAT_NAMES else words.gettext("unrecognised")
    else:
        title = words.gettext("unrecognised text")
    out.append(words.gettext("MRZ: {title}").format(title=title))
    for line in result.lines:
        out.append(f"    {line}")
    f = result.fields
    if f is not None:
        none, empty = words.gettext("(none)"), words.gettext("(empty)")
        sexes = {"M": words.gettext("male"), "F": words.gettext("female"), "<": words.gettext("unspecified")}
        rows = [
            (words.gettext("Document code"), f.document_code),
            (words.gettext("Issuing state"), _state(f.issuing_state, words)),
            (words.gettext("Surname"), f.surname or none),
            (words.gettext("Given names"), f.given_names or none),
            (words.gettext("Document number"), f.document_number),
            (words.gettext("Nationality"), _state(f.nationality, words)),
            (words.gettext("Date of birth"), f"{f.birth_date.isoformat() or words.gettext('unknown or invalid')} ({f.birth_date.raw})"),
            (words.gettext("Sex"), sexes.get(f.sex, f.sex)),
        ]
        if f.expiry_date is not None:
            rows.append((words.gettext("Date of expiry"), f"{f.expiry_date.isoformat() or words.gettext('invalid')} ({f.expiry_date.raw})"))
        rows.append((words.gettext("Optional data"), f.optional_data or empty))
        if f.optional_data_2 is not None:
            rows.append((words.gettext("Optional data 2"), f.optional_data_2 or empty))
        out.append(words.gettext("Fields"))
        width = max(17, *(len(k) + 2 for k, _v in rows))  # 17 in English, as before; longer labels push the column
        out += [f"  {k:<{width}}{v}" for k, v in rows]
    if result.checks:
        out.append(words.gettext("Check digits"))
        names = [words.gettext(CHECK_NAMES.get(c.name, c.name)) for c in result.checks]
        width = max(16, *(len(n) + 1 for n in names))
        ok, fail = words.gettext("ok"), words.gettext("FAIL")
        marks = max(len(ok), len(fail))  # "ok  " and "FAIL" in English, as before
        for c, name in zip(result.checks, names):
            mark = (ok if c.valid else fail).ljust(marks)
            out.append(f"  {mark} {name:<{width}}" + words.gettext("printed {found}, computed {expected}  (line {line}, position "
                                                         "{position})").format(
                found=repr(c.found), expected=repr(c.expected), line=c.line + 1, position=c.column + 1))
    if result.errors:
        out.append(words.gettext("Errors"))
        out += [f"  - {worded(i, words)}" for i in result.errors]
    if result.warnings:
        out.append(words.gettext("Warnings"))
        out += [f"  - {worded(i, words)}" for i in result.warnings]
    out.append(words.gettext("Verdict: {verdict}").format(verdict=verdict(result, words)))
    return "\n".join(out)
