"""Parse and validate MRZ text in every Doc 9303 format.

:func:`parse` never raises on bad OCR text: every problem becomes an error or a warning in the
:class:`~docexam.mrz.result.MRZResult`. It raises only when misused (something that is not text).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from docexam.errors import MRZInputError
from docexam.mrz.checkdigit import TO_VALUES, checksum
from docexam.mrz.codes import CARD_FIRST, TD3_FIRST, VISA_FIRST, is_known_state, state_name
from docexam.mrz.dates import DateKind, MRZDate, parse_mrz_date
from docexam.mrz.deviations import Seen, deviations_in
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import Field, Layout, MRZFormat, Plan
from docexam.mrz.names import MRZName, parse_name
from docexam.mrz.result import Check, Issue, MRZFields, MRZResult

_MRZ_LINE = re.compile(r"[A-Z0-9<]*")
#: Age under which a holder is flagged as a minor (most states' age of majority).
ADULT_AGE = 18

_FRA_ID = MRZFormat.FRA_ID  # looked up once: an enum member's attribute is slow to reach on the hot path

_SHAPES = "3 lines of 30 (TD1), 2 lines of 36 (TD2, MRV-B, French ID) or 2 lines of 44 (TD3, MRV-A)"


def split_lines(mrz: str | Sequence[str]) -> tuple[str, ...]:
    """Turn user input into MRZ lines: split text on newlines, trim each line, drop blank lines.

    Raises
    ------
    MRZInputError
        If ``mrz`` is neither a string nor a sequence of strings.
    """
    if type(mrz) is list or type(mrz) is tuple:  # the common case, without the generic path's work
        try:
            stripped = tuple([x.strip() for x in mrz])
            joined = "".join(stripped)  # raises unless every line is text
        except (AttributeError, TypeError):
            pass
        else:
            if "\n" not in joined and "\r" not in joined:
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
    if n != 2 and n != 3:
        return None
    length = len(lines[0])
    if len(lines[1]) != length or (n == 3 and len(lines[2]) != length):
        return None
    first = lines[0][:1].upper()
    if n == 3:
        return MRZFormat.TD1 if length == 30 else None
    if length == 44:
        return MRZFormat.MRVA if first == "V" else MRZFormat.TD3
    if length == 36:
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
    if fmt is _FRA_ID:
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


def _check_issue(name: str, expected: str | None, found: str, line: int, col: int) -> Issue:
    return Issue(
        "check_digit",
        f"{name.replace('_', ' ')} check digit fails: printed {found!r} at line {line + 1} column {col + 1}, "
        f"computed {expected!r}" + ("" if expected else " (the data holds non-MRZ characters)"),
        name,
    )


#: Per format, the check digits other than the document number's (whose span a long number moves): name, where the
#: digit is, what it covers as (start, stop, phase of the 7-3-1 weights at start), and whether an all-filler field
#: may have 0 or < (the TD3 personal number, Part 4, 4.2.2.2). Built once from the declarative layouts.
_FIXED_CHECKS: dict[MRZFormat, tuple[tuple[str, int, tuple[tuple[int, int, int], ...], bool], ...]] = {}


def _fixed_checks(layout: Layout) -> tuple[tuple[str, int, tuple[tuple[int, int, int], ...], bool], ...]:
    out = []
    for spec in layout.checks:
        if spec.name == "document_number":
            continue
        spans, k = [], 0
        for span in spec.covers:
            spans.append((span.start, span.stop, k % 3))
            k += span.stop - span.start
        out.append((spec.name, spec.digit.start, tuple(spans), spec.name == "optional_data"))
    order = {"birth_date": 0, "expiry_date": 1, "optional_data": 2, "composite": 3}  # the order results list them
    return tuple(sorted(out, key=lambda c: order.get(c[0], 9)))


_W = ((7, 3, 1), (3, 1, 7), (1, 7, 3))


def _weighted(v: bytes, spans: tuple[tuple[int, int, int], ...]) -> int:
    """Sum of the check-digit values ``v`` (Part 3, 4.9) over ``spans``, weighted 7-3-1 from each span's phase."""
    total = 0
    for a, b, phase in spans:
        w0, w1, w2 = _W[phase]
        total += w0 * sum(v[a:b:3]) + w1 * sum(v[a + 1 : b : 3]) + w2 * sum(v[a + 2 : b : 3])
    return total


def _run_checks(layout: Layout, text: str, clean: bool, number_spans: tuple[tuple[int, int, int], ...],
                number_check_at: int) -> list[tuple[str, str | None, str, bool, int]]:
    """Every check digit of ``text``: (name, expected, found, valid, offset), in the order results list them."""
    fmt = layout.format
    checks_spec = _FIXED_CHECKS.get(fmt)
    if checks_spec is None:
        checks_spec = _FIXED_CHECKS[fmt] = _fixed_checks(layout)
    v = text.translate(TO_VALUES).encode("latin-1", "replace") if clean else b""
    out: list[tuple[str, str | None, str, bool, int]] = []
    for name, at, spans, filler_ok in (("document_number", number_check_at, number_spans, False),) + checks_spec:
        found = text[at]
        if clean:
            expected: str | None = str(_weighted(v, spans) % 10)
        else:
            total = checksum("".join([text[a:b] for a, b, _ in spans]))
            expected = None if total is None else str(total)
        if filler_ok and not text[spans[0][0] : spans[0][1]].strip("<"):
            # An unused TD3 personal number: its check digit may be 0 or < (Part 4, 4.2.2.2, position 43).
            valid = found in "<0"
            expected = found if valid else "<"
        else:
            valid = found == expected
        out.append((name, expected, found, valid, at))
    return out


def _fast_checks(layout: Layout, long_end: int | None = None) -> Callable[[bytes, bytes], bool]:
    """A function of (the text's ASCII codes, their check-digit values) saying whether every check digit of ``layout``
    holds (with a long document number ending ``long_end`` characters into the optional data: Part 5 note j), its
    slices written out: no loop, no look-up, no string built, this is the parser's hottest line. A filler printed for
    the check digit of an all-filler field that allows it (Part 4, 4.2.2.2) holds where 0 is computed: both are worth
    0 in the composite too. Only for text of the MRZ's alphabet (Part 3, 4.3); a check that fails is listed by
    :func:`_run_checks`."""
    spec = _fixed_checks(layout)
    f = layout.fields
    number, opt = f[Field.DOCUMENT_NUMBER], f[Field.OPTIONAL_DATA]
    number_spans: tuple[tuple[int, int, int], ...] = ((number.start, number.stop, 0),)
    number_check = f[Field.DOCUMENT_NUMBER_CHECK].start
    if long_end is not None:
        number_spans += ((opt.start, opt.start + long_end - 1, len(number) % 3),)
        number_check = opt.start + long_end - 1
    checks = [(number_spans, number_check, False)] + [(sp, at, ok) for _, at, sp, ok in spec]
    # Every span cut at every boundary of every span: the pieces the checks share (the composite covers the fields
    # the others do). Each piece's three strided sums are taken once (a stride of a few characters added up as it
    # is, a longer one with sum()); a check adds its pieces' sums weighted from the phase of the 7-3-1 weights where
    # each piece starts in it.
    cuts = sorted({x for spans, _, _ in checks for a, b, _ in spans for x in (a, b)})
    lines: list[str] = []
    names: dict[tuple[int, int], list[str | None]] = {}
    for a, b in zip(cuts, cuts[1:]):
        if any(sa <= a and b <= sb for spans, _, _ in checks for sa, sb, _ in spans):
            names[a, b] = []
            for k in range(3):
                stride = range(a + k, b, 3)
                if not stride:
                    names[a, b].append(None)
                    continue
                names[a, b].append(f"p{a}_{k}")
                total = f"sum(v[{a + k}:{b}:3])" if len(stride) > 3 else "+".join(f"v[{i}]" for i in stride)
                lines.append(f"    p{a}_{k} = {total}")
    holds = []
    for spans, at, filler_ok in checks:
        terms = []
        for sa, sb, phase in spans:
            for a, b in zip(cuts, cuts[1:]):
                if sa <= a and b <= sb:
                    ph = (phase + a - sa) % 3
                    terms += [name if _W[ph][k] == 1 else f"{_W[ph][k]}*{name}"
                              for k, name in enumerate(names[a, b]) if name is not None]
        computed = "(" + "+".join(terms) + ")%10"
        # the ASCII code of the digit printed (48 is "0"): a letter or a filler never equals a digit computed
        a, b, _ = spans[0]
        holds.append(f"(t[{at}]-48 == {computed} if t[{at}] != 60 or t[{a}:{b}].strip(b'<') else {computed} == 0)"
                     if filler_ok else f"t[{at}]-48 == {computed}")
    source = "\n".join(["def checks(t, v):", *lines, f"    return {' and '.join(holds)}"])
    namespace: dict[str, Callable[[bytes, bytes], bool]] = {}
    exec(source, namespace)  # the layout's own integers, nothing from the input
    return namespace["checks"]


_FAST: dict[tuple[MRZFormat, int | None], Callable[[bytes, bytes], bool]] = {}


_MONTH = "(?:0[1-9]|1[0-2])"
_DAY_OF_EVERY_MONTH = "(?:0[1-9]|1[0-9]|2[0-8])"


#: The issuing state's code (Doc 9303 Part 3, 5): three letters, or fewer padded with fillers to the right (D<< for
#: Germany); all fillers where a document leaves it out. A filler before a letter, or a digit, is no code: a reading
#: of line 1 shifted by a character, or an O misread, which no check digit covers. Not the nationality: real cards
#: put other data there (the Romanian identity card of the corpus, '132', its check digits holding as printed).
_STATE_CODE = "(?:[A-Z]{3}|[A-Z]{2}<|[A-Z]<<|<<<)"
_STATE_CODE_RE = re.compile(_STATE_CODE)


def _usual_shape(layout: Layout) -> re.Pattern[str]:
    """A regular expression the joined lines of a usual MRZ of ``layout`` match: the MRZ alphabet (Part 3, 4.3); names
    of letters and fillers with at least one letter (4.6); M, F or < for sex; dates of six digits with a month and a
    day every month has (4.8). A text that does not match is looked at field by field (the French card's names always
    are: its given names sit on line 2)."""
    f = layout.fields
    special: dict[int, str] = {}
    for field in (Field.BIRTH_DATE, Field.EXPIRY_DATE):
        if field in f:
            special[f[field].start] = f"[0-9]{{2}}{_MONTH}{_DAY_OF_EVERY_MONTH}"
            special.update({p: "" for p in range(f[field].start + 1, f[field].stop)})
    special[f[Field.SEX].start] = "[MF<]"
    special[f[Field.ISSUING_STATE].start] = _STATE_CODE
    special.update({p: "" for p in range(f[Field.ISSUING_STATE].start + 1, f[Field.ISSUING_STATE].stop)})
    if layout.format is not MRZFormat.FRA_ID:
        name = f[Field.NAME]
        # someone named: a letter after at most all but one fillers (the first non-filler; no backtracking)
        special[name.start] = f"(?=<{{0,{len(name) - 1}}}[A-Z])[A-Z<]{{{len(name)}}}"
        special.update({p: "" for p in range(name.start + 1, name.stop)})
    parts: list[str] = []
    run = 0
    for p in range(layout.total + 1):
        if p < layout.total and p not in special:
            run += 1
            continue
        if run:
            parts.append(f"[A-Z0-9<]{{{run}}}")
            run = 0
        if p < layout.total:
            parts.append(special[p])
    return re.compile("".join(parts))


def _number_spans(plan: Plan, long_end: int | None) -> tuple[tuple[int, int, int], ...]:
    """What the document number's check digit covers, as :func:`_weighted` spans: the number field, and a long
    number's continuation in the optional data (Part 5 note j)."""
    number, optional = plan.document_number, plan.optional_data
    spans: tuple[tuple[int, int, int], ...] = ((number.start, number.stop, 0),)
    if long_end is not None:
        spans += ((optional.start, optional.start + long_end - 1, (number.stop - number.start) % 3),)
    return spans


def _spots(layout: Layout) -> tuple[Any, ...]:
    """What the parser looks up for every MRZ of ``layout``, in one tuple: the usual shape's expression, the check
    digits' function, the usual document codes, where the code is, the number's last character and its check digit,
    the optional data, whether a long number may continue there (TD1, TD2: Part 5 note j, Part 6 note j), the
    plan of slices, and whether the layout is the French card's."""
    plan = layout.plan
    fast = _FAST[layout.format, None] = _fast_checks(layout)
    return (_usual_shape(layout), fast, _USUAL_CODES.get(layout.format, frozenset()), plan.document_code,
            plan.document_number.stop - 1, plan.document_number_check.start, plan.optional_data,
            layout.format in (MRZFormat.TD1, MRZFormat.TD2), plan, layout.format is MRZFormat.FRA_ID)


_SPOTS: dict[MRZFormat, tuple[Any, ...]] = {}
#: bytes.translate table: an MRZ character's ASCII code to its check-digit value (Part 3, 4.9), for clean text.
_VALUE_BYTES = bytes(TO_VALUES.get(i, 255) for i in range(256))


def _parse_layout(layout: Layout, lines: tuple[str, ...], today: _dt.date) -> MRZResult:
    """The verdict now (format, errors); the fields, checks and warnings when first asked for (MRZResult.deferred)."""
    errors: list[Issue] = []
    text = "".join(lines)
    fmt = layout.format
    spots = _SPOTS.get(fmt)
    if spots is None:
        spots = _SPOTS[fmt] = _spots(layout)
    usual, fast, usual_codes, code_at, number_last, number_check_at, optional_span, long_numbers, plan, french = spots
    # The usual MRZ (one regular expression per format): then the alphabet, the names, the sex and the dates need
    # no look of their own below.
    plain = usual.fullmatch(text) is not None
    clean = plain or _MRZ_LINE.fullmatch(text) is not None
    if not clean:
        for i, line in enumerate(lines):
            if not _MRZ_LINE.fullmatch(line):
                errors.append(_character_issue(i, line))
        text = text.upper()  # read the fields anyway, so the examiner sees what the lines would say
    length = plan.length

    # Document code (Part 4 4.2.2.1, Part 5 note k, Part 6 note k, Part 7 4.2.2.1).
    code = text[code_at]
    if code not in usual_codes:
        _check_document_code(fmt, code, errors)

    # Document number, with the TD1/TD2 long number (Part 5 note j and 4.2.4; Part 6 note j).
    long_end = None
    if long_numbers and text[number_check_at] == "<" and text[number_last] != "<":
        end = text[optional_span].find("<")
        if end >= 2:
            long_end = end
            number_check_at = optional_span.start + end - 1
            fast = _FAST.get((fmt, long_end))
            if fast is None:
                fast = _FAST[fmt, long_end] = _fast_checks(layout, long_end)
        else:
            errors.append(
                Issue(
                    "document_number",
                    "the document number check digit is a filler, which marks a long document number, but the "
                    "optional data does not continue it with a check digit and a filler",
                    "document_number",
                )
            )

    # Check digits (Part 3, 4.9). Most MRZs are clean: every check digit computed by the format's own expression
    # (_fast_checks) and compared at once; the checks are listed one by one only when one fails.
    raw_checks: list[tuple[str, str | None, str, bool, int]] | None = None
    if not (clean and fast(ascii_ := text.encode("ascii"), ascii_.translate(_VALUE_BYTES))):
        raw_checks = _run_checks(layout, text, clean, _number_spans(plan, long_end), number_check_at)
        for name, expected, found, valid, at in raw_checks:
            if not valid:
                row, col = divmod(at, length)
                errors.append(_check_issue(name, expected, found, row, col))

    if not plain or french:
        # Names (Part 3, 4.6): only A-Z and <, and someone named. The French card keeps the given names on line 2.
        name_raw = text[plan.name]
        if french:
            # Someone is named when the surname's primary identifier or the given names (line 2) hold a letter.
            named = name_raw.partition("<<")[0].strip("<") or text[plan.optional_data_2].strip("<")
        else:
            named = name_raw.strip("<")
        if not named or _NAME_CHARS.fullmatch(name_raw) is None:
            _name_errors(_name_of(fmt, text, plan), errors)
    if not plain:
        issuing = text[plan.issuing_state]
        if _STATE_CODE_RE.fullmatch(issuing) is None:
            errors.append(Issue("state_code", f"issuing state code {issuing!r} is not a code: letters, then fillers to "
                                "its three positions (Doc 9303 Part 3, 5: D<< for Germany)", "issuing_state",
                                {"label": "issuing state", "value": issuing}))
        sex = text[plan.sex]
        if sex not in _SEXES and sex != "X":
            errors.append(Issue("sex", f"sex {sex!r} is not M, F or < (Part 4, 4.2.2.2)", "sex"))

        # Dates (Part 3, 4.8): six digits with a month and a day every month has are dates (two ASCII digits compare as
        # their numbers); the rest is parse_mrz_date's to judge.
        raw = text[plan.birth_date]
        if not (raw.isdigit() and raw.isascii() and "01" <= raw[2:4] <= "12" and "01" <= raw[4:6] <= "28"):
            problem = parse_mrz_date(raw, DateKind.BIRTH, today).problem
            if problem:
                errors.append(Issue("date", f"date of birth: {problem}", "birth_date"))
        if plan.expiry_date is not None:
            raw = text[plan.expiry_date]
            if not (raw.isdigit() and raw.isascii() and "01" <= raw[2:4] <= "12" and "01" <= raw[4:6] <= "28"):
                problem = parse_mrz_date(raw, DateKind.EXPIRY, today).problem
                if problem:
                    errors.append(Issue("date", f"date of expiry: {problem}", "expiry_date"))

    def complete() -> tuple[MRZFields, tuple[Check, ...], tuple[Issue, ...]]:
        every = raw_checks if raw_checks is not None else _run_checks(layout, text, clean, _number_spans(plan, long_end),
                                                                      number_check_at)
        return _complete(layout, text, today, every, long_end)

    return MRZResult.deferred(fmt, lines, tuple(errors), complete)


def _name_of(fmt: MRZFormat, text: str, plan: Plan) -> MRZName:
    if fmt is MRZFormat.FRA_ID:
        # Given names are separated by "<<" on these cards, so they are split here, not by the ICAO grammar.
        surname = parse_name(text[plan.name])
        given_raw = text[plan.optional_data_2]  # type: ignore[index]  # the French layout has it
        return replace(surname, raw=surname.raw + given_raw, secondary=tuple(g for g in given_raw.split("<") if g))
    return parse_name(text[plan.name])


def _complete(layout: Layout, text: str, today: _dt.date, raw_checks: list[tuple[str, str | None, str, bool, int]],
              long_end: int | None) -> tuple[MRZFields, tuple[Check, ...], tuple[Issue, ...]]:
    """What :func:`_parse_layout` leaves for later: the typed fields, the checks and the warnings, in the order the
    parser has always listed them."""
    fmt = layout.format
    plan = layout.plan
    length = plan.length
    warnings: list[Issue] = []
    checks = tuple(Check(name, expected, found, valid, *divmod(at, length)) for name, expected, found, valid, at in raw_checks)
    number = text[plan.document_number]
    optional = text[plan.optional_data]
    if long_end is not None:
        number += optional[: long_end - 1]
        optional = optional[long_end + 1 :]
    name = _name_of(fmt, text, plan)
    if fmt is MRZFormat.FRA_ID:
        optional_2 = None
        nationality = "FRA"
    else:
        optional_2 = text[plan.optional_data_2].strip("<") if plan.optional_data_2 is not None else None
        nationality = text[plan.nationality]
    _name_warnings(name, warnings)
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
    if sex == "X":
        warnings.append(Issue("sex", "sex is 'X': Doc 9303 writes an unspecified sex as '<' in the MRZ", "sex"))
    birth = parse_mrz_date(text[plan.birth_date], DateKind.BIRTH, today)
    expiry_at = plan.expiry_date
    expiry = None if expiry_at is None else parse_mrz_date(text[expiry_at], DateKind.EXPIRY, today)
    _date_warnings(birth, expiry, today, warnings)
    seen = Seen(fmt, text, text[plan.document_code], issuing, nationality, text[plan.name], long_end is not None)
    for deviation in deviations_in(seen):
        warnings.append(Issue("national_deviation", f"national deviation ({deviation.key}): {deviation.description} (source: {deviation.source})",
                              None, {"deviation": deviation.key, "source": deviation.source}))
    fields = MRZFields(
        document_code=text[plan.document_code].rstrip("<"),
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
    return fields, checks, tuple(warnings)


_SEXES = frozenset("MF<")
_NAME_CHARS = re.compile(r"[A-Z<]*")


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


def _name_errors(name: MRZName, errors: list[Issue]) -> None:
    if name.invalid_characters:
        errors.append(
            Issue("name", f"the name holds {name.invalid_characters!r}: names use only A-Z and < (Part 3, 4.6)", "name")
        )
    if not name.primary and not name.secondary:
        errors.append(Issue("name", "the name field is empty", "name"))


def _name_warnings(name: MRZName, warnings: list[Issue]) -> None:
    if name.possibly_truncated:
        warnings.append(
            Issue("name_truncated", "the name fills its field to the last position: it may have been truncated", "name")
        )
    if name.stray_fillers:
        warnings.append(
            Issue("stray_fillers", f"stray fillers in the name field {name.raw!r} (Part 3, 4.6 allows < and << only)", "name",
                  {"raw": name.raw})
        )


def _date_warnings(birth: MRZDate, expiry: MRZDate | None, today: _dt.date, warnings: list[Issue]) -> None:
    """The dates' warnings (their errors are the parser's, from the same :func:`parse_mrz_date` problems)."""
    if not birth.problem and birth.partly_unknown:
        warnings.append(
            Issue("birth_date_unknown", f"date of birth {birth.raw!r} is partly or wholly unknown (fillers, Part 3, 4.8)", "birth_date",
                  {"raw": birth.raw})
        )
    if expiry is not None and not expiry.problem and expiry.value and expiry.value < today:
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
