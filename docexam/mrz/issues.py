"""The stable codes of the MRZ engine's and the reader's errors and warnings, and the one place that reads a code
back from a message alone (readings stored before the codes were kept beside the messages).

A program decides on a code (:class:`IssueCode`) and the values in :attr:`docexam.mrz.result.Issue.params`, never
on the wording of a message: the messages can be reworded freely. Readings saved before codes were stored (a case's
MRZ findings hold the reading as it was then) have messages only; :func:`issue_from_message` recognises the wordings
those versions wrote, once, here, so nothing else parses an English sentence.
"""

from __future__ import annotations

import re
from enum import StrEnum

from docexam.i18n import N_, SOURCE_LANGUAGE, Translator
from docexam.mrz.result import Issue


class IssueCode(StrEnum):
    """Every code an :class:`~docexam.mrz.result.Issue` may carry. The values are stored in cases and bundles:
    add codes, never rename one."""

    # errors
    SHAPE = "shape"  # not 3 x 30, 2 x 36 or 2 x 44 characters
    CHARACTER = "character"  # characters outside the MRZ alphabet (Part 3, 4.3)
    DOCUMENT_CODE = "document_code"
    DOCUMENT_NUMBER = "document_number"  # a long number's continuation is malformed (Part 5 note j)
    STATE_CODE = "state_code"  # an issuing state or nationality that is not letters then fillers (Part 3, 5)
    CHECK_DIGIT = "check_digit"
    NAME = "name"
    DATE = "date"
    # errors (a sex other than M, F, < and X) and warnings (X)
    SEX = "sex"
    # warnings
    NAME_TRUNCATED = "name_truncated"
    STRAY_FILLERS = "stray_fillers"
    BIRTH_DATE_UNKNOWN = "birth_date_unknown"
    EXPIRED = "expired"
    UNDER_AGE = "under_age"
    BIRTH_AFTER_EXPIRY = "birth_after_expiry"
    UNKNOWN_CODE = "unknown_code"  # a state code not in ISO 3166-1 nor Doc 9303 Part 3, 5
    NATIONAL_DEVIATION = "national_deviation"  # a known national deviation (docexam.mrz.deviations), never normalised
    # the reader's own: the MRZ validates but the recogniser was unsure of some characters
    UNCONFIRMED_READING = "unconfirmed_reading"
    # the reader's own: the MRZ validates and the recogniser was sure, but its print was so small that it was found only
    # on a copy of the image twice as large, where a sure recogniser can still be wrong (docexam.read.locate)
    SMALL_PRINT = "small_print"
    # the reader's own: the MRZ validates, but the recogniser gave real confidence to another character at a position
    # where no check digit can tell the two apart (the same value modulo 10, Part 3, 4.9: 3 and X, 8 and S)
    CHECK_BLIND = "check_blind"
    # the reader's own: a second engine (tesseract) was asked, and what it changed
    SECOND_ENGINE = "second_engine"
    # the reader's own: the time budget ran out before every reading was tried (the MRZ is unconfirmed, not proven
    # invalid)
    SEARCH_CUT_SHORT = "search_cut_short"
    # the reader's own: a name holds letters the recogniser was unsure of; no check digit covers a name (Part 3,
    # 4.9), so the examiner checks it by eye (docexam.read.names); never corrected
    NAME_UNSURE = "name_unsure"
    # a stored message none of the wordings below matches
    OTHER = "other"


#: The message of :attr:`IssueCode.UNCONFIRMED_READING` (docexam.read.reader adds it).
UNCONFIRMED_MESSAGE = "the reading validates but the recogniser was unsure of it: check it by eye"
#: The message of :attr:`IssueCode.SMALL_PRINT` (docexam.read.reader adds it instead of UNCONFIRMED_MESSAGE).
SMALL_PRINT_MESSAGE = ("the reading validates, but the MRZ's print is so small in this image that it was found only on "
                       "an enlarged copy, where the recogniser can be sure of a wrong letter: check every character by "
                       "eye, or capture the document at a higher resolution")
#: The message of :attr:`IssueCode.CHECK_BLIND`, with the character chosen, its rival and where (from 1).
CHECK_BLIND_MESSAGE = N_("the reading validates, but its check digits cannot tell {chosen} from {rival} at line "
                         "{line}, position {position}, and the recogniser was not sure which it is: check that character "
                         "by eye")
#: The message of :attr:`IssueCode.SEARCH_CUT_SHORT`, with what was left untried.
SEARCH_CUT_SHORT_MESSAGE = ("the reading stopped at its time budget before trying {skipped}: the MRZ is unconfirmed, "
                            "not proven invalid; check it by eye")
#: The message of :attr:`IssueCode.NAME_UNSURE`, with the name as read, the unsure characters in brackets.
NAME_UNSURE_MESSAGE = N_("letters of the name {marked} (in brackets) were read with little confidence or through "
                         "coloured print: no check digit covers a name, check it by eye")

# The wordings docexam has written, each with its code, the field it concerns and the names of its values. Only
# for readings stored with messages alone: new readings carry the codes and values themselves.
_WORDINGS: list[tuple[re.Pattern[str], IssueCode, str | None, tuple[str, ...]]] = [
    (re.compile(r"the document expired on (\S+)"), IssueCode.EXPIRED, "expiry_date", ("expiry",)),
    (re.compile(r"the holder, born (\S+), is (\d+): under (\d+)"), IssueCode.UNDER_AGE, "birth_date",
     ("birth", "age", "adult")),
    (re.compile(r"(issuing state|nationality) code '([^']*)' is not in ISO 3166-1.*"), IssueCode.UNKNOWN_CODE, None,
     ("label", "value")),
    (re.compile(r"date of birth (\S+) is not before date of expiry (\S+)"), IssueCode.BIRTH_AFTER_EXPIRY,
     "birth_date", ("birth", "expiry")),
    (re.compile(r"date of birth '([^']*)' is partly or wholly unknown.*"), IssueCode.BIRTH_DATE_UNKNOWN, "birth_date",
     ("raw",)),
    (re.compile(r"the name fills its field to the last position.*"), IssueCode.NAME_TRUNCATED, "name", ()),
    (re.compile(r"stray fillers in the name field '([^']*)'.*"), IssueCode.STRAY_FILLERS, "name", ("raw",)),
    (re.compile(r"sex is 'X'.*"), IssueCode.SEX, "sex", ()),
    (re.compile(r"the reading validates but the recogniser was unsure of it.*"), IssueCode.UNCONFIRMED_READING, None,
     ()),
    (re.compile(r"the reading validates, but the MRZ's print is so small in this image.*"), IssueCode.SMALL_PRINT,
     None, ()),
    (re.compile(r"national deviation \((\w+)\): .* \(source: (.*)\)"), IssueCode.NATIONAL_DEVIATION, None,
     ("deviation", "source")),
    (re.compile(r"a second engine \((\w+)\) was needed because .*"), IssueCode.SECOND_ENGINE, None, ("engine",)),
    (re.compile(r"the reading stopped at its time budget before trying (.*): the MRZ is unconfirmed.*"),
     IssueCode.SEARCH_CUT_SHORT, None, ("skipped",)),
    (re.compile(r"letters of the name (.*) \(in brackets\) were read with little confidence or through coloured "
                r"print: .*"), IssueCode.NAME_UNSURE, "name", ("marked",)),
    (re.compile(r"(.+) check digit fails: .*"), IssueCode.CHECK_DIGIT, None, ("check",)),
    (re.compile(r"the document number check digit is a filler.*"), IssueCode.DOCUMENT_NUMBER, "document_number", ()),
    (re.compile(r"sex '.*' is not M, F or <.*"), IssueCode.SEX, "sex", ()),
    (re.compile(r"line \d+ has characters outside the MRZ alphabet.*"), IssueCode.CHARACTER, None, ()),
    (re.compile(r"document code .*"), IssueCode.DOCUMENT_CODE, "document_code", ()),
    (re.compile(r"the name (holds .*|field is empty)"), IssueCode.NAME, "name", ()),
    (re.compile(r"date of (birth|expiry): .*"), IssueCode.DATE, None, ("which",)),
    (re.compile(r"not an MRZ shape: .*"), IssueCode.SHAPE, None, ()),
]


#: The issues worded again in another language from the values they keep (Issue.params), by code; the English is
#: docexam.mrz.parser's wording. Messages without values are translated as they are (MRZ_MESSAGES).
ISSUE_WORDINGS = {
    "expired": N_("the document expired on {expiry}"),
    "under_age": N_("the holder, born {birth}, is {age}: under {adult}"),
    "unknown_code": N_("{label} code {value} is not in ISO 3166-1 nor in Doc 9303 Part 3 section 5"),
    "state_code": N_("{label} code {value} is not a code: letters, then fillers to its three positions (Doc 9303 "
                     "Part 3, 5: D<< for Germany)"),
    "birth_after_expiry": N_("date of birth {birth} is not before date of expiry {expiry}"),
    "birth_date_unknown": N_("date of birth {raw} is partly or wholly unknown (fillers, Part 3, 4.8)"),
    "stray_fillers": N_("stray fillers in the name field {raw} (Part 3, 4.6 allows < and << only)"),
    # the reader's own issues, worded where their English is defined
    "name_unsure": NAME_UNSURE_MESSAGE,
    "check_blind": CHECK_BLIND_MESSAGE,
}
MRZ_MESSAGES = (
    N_("issuing state"), N_("nationality"),
    N_("the name fills its field to the last position: it may have been truncated"),
    N_("sex is 'X': Doc 9303 writes an unspecified sex as '<' in the MRZ"),
    N_("the reading validates but the recogniser was unsure of it: check it by eye"),
    N_("the reading validates, but the MRZ's print is so small in this image that it was found only on an enlarged "
       "copy, where the recogniser can be sure of a wrong letter: check every character by eye, or capture the "
       "document at a higher resolution"),
    N_("the name field is empty"),
    N_("document code 'AC' is not used on TD2 (Part 6, note k)"),
    N_("the document number check digit is a filler, which marks a long document number, but the optional data does "
       "not continue it with a check digit and a filler"),
)



def worded(issue: Issue, words: Translator) -> str:
    """``issue``'s message in ``words``' language (docexam.i18n): worded again from its code and values where
    :data:`ISSUE_WORDINGS` has it, a fixed message translated as it is; in English, and for anything else, the
    message as it was written."""
    if words.lang == SOURCE_LANGUAGE:
        return issue.message
    wording = ISSUE_WORDINGS.get(issue.code)
    params = dict(issue.params or {})
    if wording is not None and params and all(f"{{{k}}}" in wording for k in params):
        for key in ("value", "raw"):  # quoted as the English messages quote them
            if key in params:
                params[key] = repr(params[key])
        if "label" in params:
            params["label"] = words.gettext(params["label"])
        try:
            return words.gettext(wording).format(**params)
        except (KeyError, IndexError, ValueError):
            return issue.message
    return words.gettext(issue.message)


def issue_from_message(message: str) -> Issue:
    """The issue a stored ``message`` (an error or warning of an older reading) was made from: its code, field and
    values as far as the wording gives them; :attr:`IssueCode.OTHER` when no known wording matches."""
    text = str(message).strip()
    for pattern, code, field, names in _WORDINGS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        params = dict(zip(names, m.groups(), strict=False))
        if code is IssueCode.UNKNOWN_CODE:
            field = params["label"].replace(" ", "_")
        elif code is IssueCode.CHECK_DIGIT:
            field = params.pop("check").replace(" ", "_")
        elif code is IssueCode.DATE:
            field = f"{params.pop('which')}_date"
        return Issue(code.value, text, field, params or None)
    return Issue(IssueCode.OTHER.value, text, None)
