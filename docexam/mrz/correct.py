"""Correct OCR readings of an MRZ with the check digits and the field alphabets.

An OCR engine gives, for each character position, a few candidate characters with confidences. The most
probable reading often breaks a rule the MRZ itself states: a letter in a date, ``O`` where a check digit
says ``0``, ``K`` where the name field can only hold fillers. :func:`correct` returns the most probable
reading that satisfies every rule it can, and names the checks it could not satisfy.

How (per format layout, :mod:`docexam.mrz.formats`):

1. Each position keeps only candidates its field allows (digits in dates and check digits, letters in codes
   and names, ``M``/``F``/``<`` for sex). Characters commonly confused in OCR-B (``0/O/D/Q``, ``1/I/L``,
   ``8/B``, ``5/S``, ``2/Z``, ``6/G``, ``<``/``K``/``X``...) are added as penalised alternatives, so that even a
   single-candidate reading can be corrected.
2. Each field with a check digit is searched best-first over its positions' candidates (k-best), keeping the
   most probable readings whose check digit holds (and whose date is a real date).
3. The composite check digit then chooses among those readings, again best-first.
4. Issuing state and nationality prefer known codes; names follow the grammar of Part 3, 4.6 (components,
   ``<<`` between identifiers, fillers to the end), which turns a ``K`` amid trailing fillers back into ``<``.

The structure (format, long document number) is decided from the most probable characters.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from docexam.errors import CandidateError
from docexam.mrz.alphabet import DIGITS, FILLER, LETTERS, MRZ_ALPHABET
from docexam.mrz.checkdigit import CHAR_VALUE, WEIGHTS, checksum
from docexam.mrz.codes import is_known_state
from docexam.mrz.formats import LAYOUTS
from docexam.mrz.layout import CharClass, CheckSpec, Field, Layout, MRZFormat, Span
from docexam.mrz.parser import detect_format, parse
from docexam.mrz.result import MRZResult

Candidates = Sequence[Sequence[Sequence[tuple[str, float]]]]

CLASS_CHARS: dict[CharClass, frozenset[str]] = {
    CharClass.LETTER: frozenset(LETTERS + FILLER),
    CharClass.DIGIT: frozenset(DIGITS),
    CharClass.DIGIT_OR_FILLER: frozenset(DIGITS + FILLER),
    CharClass.ALNUM: frozenset(MRZ_ALPHABET),
    CharClass.SEX: frozenset("MF<"),
}

#: OCR-B look-alikes: what a read character may really be. Symmetric pairs are listed once each way.
CONFUSIONS: dict[str, str] = {
    "0": "ODQ", "O": "0DQ", "D": "0O", "Q": "0O",
    "1": "IL7T", "I": "1LT", "L": "1I", "T": "17I", "7": "T1",
    "8": "B", "B": "8",
    "5": "S", "S": "5",
    "2": "Z", "Z": "2",
    "6": "G", "G": "6",
    "4": "A", "A": "4",
    "9": "", "U": "V", "V": "UY", "Y": "V",
    "M": "HN", "H": "MN", "N": "MH",
    "F": "EP", "E": "F", "P": "F",
    "<": "KXC", "K": "<X", "X": "<K", "C": "<",
}
#: Letters read among the digits of an alphanumeric field that are taken for the 0 they look like: the round ones,
#: which numbering schemes leave out for that likeness (Germany's card numbers mix C, F, G, H, J... with digits, but
#: no D, O, Q or U). O and Q beside a digit; U and D only between two digits (Finland's personal codes end in a
#: check letter, U among them). Other letters are printed among digits, and G (16) taken for 6 could not be caught.
DIGIT_LOOKALIKES = {"O": "0", "Q": "0", "U": "0", "D": "0"}
#: The longest run of O and Q (_ROUND) among digits read as digits (two: a "00" read "OO", which no check digit
#: catches at weights 7 and 3).
_ROUND_RUN = 2
_ROUND = "OQ"
#: Engine confidence above which a character that fits its field is taken as read (no look-alikes are tried).
SURE = 0.99
#: Log-probability penalty of a look-alike that the OCR engine did not propose itself.
CONFUSION_LOGP = math.log(0.02)
#: Log-probability of a character allowed by the field that nothing suggested (last resort).
UNSUGGESTED_LOGP = math.log(1e-6)
_LN2 = math.log(2)
#: How many readings a field's best-first search may try before giving up on its check digit.
SEARCH_BUDGET = 4000
#: How much less probable (log) a known state code may be than the code as read, and still be preferred to it:
#: the same odds as :data:`SURE`, so an unknown code is kept only when the engine is that sure of it.
CODE_PREFERENCE_LOGP = math.log(100)
#: Valid readings kept per field for the composite check.
KEEP_PER_FIELD = 8


@dataclass(frozen=True, slots=True)
class Change:
    """A character the correction changed: (line, column) from 0, the character read and the one chosen."""

    line: int
    column: int
    read: str
    corrected: str


@dataclass(frozen=True, slots=True)
class BlindRival:
    """Another character the engine proposed where no check digit can tell it from the one chosen: (line, column)
    from 0, the character chosen, the rival and the engine's confidence in the rival.

    Every check digit weighs a character's value by 7, 3 or 1 and adds modulo 10 (Doc 9303 Part 3, 4.9), and those
    weights share no factor with 10, so two characters whose values differ by a multiple of 10 (3 and X, 6 and G,
    8 and S, 0 and U, P and F) leave every check digit as it was: a reading that holds with one holds with the other."""

    line: int
    column: int
    chosen: str
    rival: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Correction:
    """The corrected reading, its parse, what was changed and how sure each character is."""

    lines: tuple[str, ...]
    result: MRZResult
    changes: tuple[Change, ...]
    #: Per line, per character: the confidence of the chosen character (0 to 1).
    char_confidence: tuple[tuple[float, ...], ...]
    #: Geometric mean of the chosen characters' confidences.
    confidence: float
    #: Per position of an alphanumeric field a check digit covers, the engine's likeliest other character that no
    #: check digit tells from the chosen one (:class:`BlindRival`), when it proposed one.
    blind_rivals: tuple[BlindRival, ...] = ()

    @property
    def failing_checks(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.result.checks if not c.valid)


def candidates_from_text(lines: Sequence[str], *, confidence: float = 0.9) -> list[list[list[tuple[str, float]]]]:
    """Candidates for text read without confidences (typed, or from an engine that gives none).

    Each character gets ``confidence``; the correction's look-alikes supply the alternatives.
    """
    if not 0.0 < confidence <= 1.0:
        raise ValueError(f"confidence must be in (0, 1], got {confidence}")
    return [[[(c, confidence)] for c in line] for line in lines]


def _validate(candidates: Candidates) -> list[list[list[tuple[str, float]]]]:
    """``candidates`` as lists of (upper-case character, float) pairs, or :class:`CandidateError` for the first thing
    that is not one."""
    # What a recogniser gives (lists of lists of (str, float) tuples) is taken in one pass that asks only for those
    # exact types; anything else, or anything wrong, is looked at by the general pass, which says what is wrong.
    if type(candidates) is list:
        out = []
        for line in candidates:
            if type(line) is not list:
                return _validate_any(candidates)
            positions = []
            for options in line:
                if type(options) is not list or not options:
                    return _validate_any(candidates)
                opts = []
                for item in options:
                    if type(item) is not tuple or len(item) != 2:
                        return _validate_any(candidates)
                    ch, p = item
                    if type(ch) is not str or len(ch) != 1 or type(p) is not float or not 0.0 <= p <= 1.0:
                        return _validate_any(candidates)  # NaN too: it compares false
                    opts.append((ch.upper(), p))
                positions.append(opts)
            out.append(positions)
        return out
    return _validate_any(candidates)


def _validate_any(candidates: Candidates) -> list[list[list[tuple[str, float]]]]:
    if isinstance(candidates, str) or not isinstance(candidates, Sequence):
        raise CandidateError(0, None, f"expected lines of positions of (char, confidence) pairs, got {type(candidates).__name__}")
    out = []
    for i, line in enumerate(candidates):
        if isinstance(line, str) or not isinstance(line, Sequence):
            raise CandidateError(i, None, f"a line must be a sequence of positions, got {type(line).__name__}")
        positions = []
        for j, options in enumerate(line):
            if isinstance(options, str) or not isinstance(options, Sequence) or not options:
                raise CandidateError(i, j, "each position needs a non-empty list of (char, confidence) pairs")
            opts = []
            for item in options:
                if not (isinstance(item, tuple | list) and len(item) == 2):
                    raise CandidateError(i, j, f"{item!r} is not a (char, confidence) pair")
                ch, p = item
                if not isinstance(ch, str) or len(ch) != 1:
                    raise CandidateError(i, j, f"{ch!r} is not a single character")
                if not isinstance(p, int | float) or not 0.0 <= p <= 1.0 or math.isnan(p):
                    raise CandidateError(i, j, f"confidence {p!r} is not in [0, 1]")
                opts.append((ch.upper(), float(p)))
            positions.append(opts)
        out.append(positions)
    return out


def _options(cands: list[tuple[str, float]], allowed: frozenset[str], *, digits_kept: bool = True) -> list[tuple[float, str]]:
    """Allowed characters for a position, as (log-probability, char), most probable first.

    ``digits_kept=False`` for names: "numeric characters shall not be used in the name fields of the MRZ" (Part 3,
    4.6), so a digit there is always a misreading, however sure the engine was, never something printed.
    """
    best: dict[str, float] = {}
    mixed = "A" in allowed and "0" in allowed  # document numbers and optional data
    top_char, top_p = max(cands, key=lambda o: o[1])
    if top_p >= SURE and (top_char in allowed or (digits_kept and top_char.isdigit())):
        # The engine is sure: the character is taken as read. A digit changed on the document, or digits printed in a
        # letter field (a Romanian card's nationality "132"), must stay as printed and fail the checks, not be
        # "corrected" into a valid MRZ. A letter in a digits-only field is always a misreading, however sure.
        return [(math.log(top_p), top_char)]
    for ch, p in cands:
        lp = math.log(max(p, 1e-9))
        if ch in allowed and lp > best.get(ch, -math.inf):
            best[ch] = lp
        # Look-alikes are listed most likely first; each later one is half as likely. Where letters and
        # digits are both allowed, a digit read as a letter is the likelier mistake (numbers are mostly
        # digits), so turning a digit into a letter costs one rank more: it breaks mod-10 ties.
        for rank, alt in enumerate(CONFUSIONS.get(ch, "")):
            rank += mixed and ch.isdigit() and alt.isalpha()
            alt_lp = lp + CONFUSION_LOGP - rank * _LN2
            if alt in allowed and alt_lp > best.get(alt, -math.inf):
                best[alt] = alt_lp
    if not best:
        best = {c: UNSUGGESTED_LOGP for c in allowed}
    return sorted(((lp, c) for c, lp in best.items()), reverse=True)


def _k_best(options: Sequence[Sequence[tuple[float, object]]]) -> Iterator[tuple[float, tuple[int, ...]]]:
    """Index vectors into ``options`` in decreasing total score (each successor increments one index
    at or after the last one incremented, so every vector is produced once)."""
    n = len(options)
    start = tuple([0] * n)
    heap = [(-sum(o[0][0] for o in options), start, 0)]
    while heap:
        neg, idx, last = heapq.heappop(heap)
        yield -neg, idx
        for k in range(last, n):
            if idx[k] + 1 < len(options[k]):
                nxt = idx[:k] + (idx[k] + 1,) + idx[k + 1 :]
                score = -neg - options[k][idx[k]][0] + options[k][idx[k] + 1][0]
                heapq.heappush(heap, (-score, nxt, k))


@dataclass(slots=True)
class _Group:
    """Positions decided together: a field and its check digit, or a free segment."""

    positions: list[int]
    accept: Callable[[str], bool]
    readings: list[tuple[float, str]]  # filled by the search: (score, text), best first


def _search(group: _Group, options: dict[int, list[tuple[float, str]]], keep: int) -> None:
    opts = [options[p] for p in group.positions]
    found: list[tuple[float, str]] = []
    first: tuple[float, str] | None = None
    chars = [[c for _, c in o] for o in opts]
    for tries, (score, idx) in enumerate(_k_best(opts)):
        text = "".join([chars[k][i] for k, i in enumerate(idx)])
        if first is None:
            first = (score, text)
        if group.accept(text):
            found.append((score, text))
            if len(found) >= keep:
                break
        if tries >= SEARCH_BUDGET:
            break
    group.readings = found or [first]  # type: ignore[list-item]


def _check_ok(data: str, digit: str, *, filler_ok: bool = False) -> bool:
    if filler_ok and data.strip("<") == "":
        return digit in "<0"
    total = checksum(data)
    return total is not None and digit == str(total)


def _date_ok(raw: str, *, birth: bool) -> bool:
    mm, dd = raw[2:4], raw[4:6]
    for part, hi in ((mm, 12), (dd, 31)):
        if part == "<<" and birth:
            continue
        if not part.isdigit() or not 1 <= int(part) <= hi:
            return False
    return raw[:2].isdigit() or (birth and raw[:2] == "<<")


def _name_viterbi(options: list[list[tuple[float, str]]]) -> str:
    """Best name under the grammar of Part 3, 4.6, as a soft constraint (violations are penalised)."""
    # States: 0 start, 1 in primary component, 2 one filler after primary, 3 after "<<" (secondary may start),
    # 4 in secondary component, 5 one filler after secondary, 6 filler tail (only fillers follow).
    penalty = math.log(1e-4)

    def step(state: int, ch: str) -> tuple[int, float]:
        letter = ch != "<"
        table = {
            0: (1, 0.0) if letter else (2, 0.0),
            1: (1, 0.0) if letter else (2, 0.0),
            2: (1, 0.0) if letter else (3, 0.0),
            3: (4, 0.0) if letter else (6, 0.0),
            4: (4, 0.0) if letter else (5, 0.0),
            5: (4, 0.0) if letter else (6, 0.0),
            6: (6, penalty) if letter else (6, 0.0),
        }
        return table[state]

    best: dict[int, tuple[float, str]] = {0: (0.0, "")}
    for opts in options:
        nxt: dict[int, tuple[float, str]] = {}
        for state, (score, text) in best.items():
            for lp, ch in opts:
                s2, pen = step(state, ch)
                cand = score + lp + pen
                if s2 not in nxt or cand > nxt[s2][0]:
                    nxt[s2] = (cand, text + ch)
        best = nxt
    return max(best.values())[1]


def correct(candidates: Candidates, *, today: _dt.date | None = None) -> Correction:
    """Most probable MRZ reading that satisfies the field alphabets and the check digits.

    Parameters
    ----------
    candidates : sequence of lines, each a sequence of positions, each a sequence of (char, confidence)
        What the OCR engine proposes for every character, confidences in [0, 1].
    today : datetime.date, optional
        Passed to :func:`~docexam.mrz.parser.parse`.

    Returns
    -------
    Correction
        The reading, its parse (``result.valid`` tells whether every check holds), the changes made to the
        engine's first choices, and per-character confidences.

    Raises
    ------
    CandidateError
        If ``candidates`` is not shaped as described (a ``ValueError``).
    """
    cands = _validate(candidates)
    top = ["".join(max(pos, key=lambda o: o[1])[0] for pos in line) for line in cands]
    fmt = detect_format(top)
    if fmt is None:
        return _finish(cands, top, top, today)
    if fmt is MRZFormat.FRA_ID:
        tried = [(_correct_layout(LAYOUTS[f], cands, top), f) for f in (MRZFormat.FRA_ID, MRZFormat.TD2)]
        results = [(parse(lines, today=today), lines, f) for lines, f in tried]
        valid = [(lines, f) for r, lines, f in results if r.valid]
        chosen, f = valid[0] if valid else tried[0]
        return _finish(cands, top, chosen, today, codes=_code_positions(LAYOUTS[f]), blind=_blind_positions(LAYOUTS[f]))
    layout = LAYOUTS[fmt]
    return _finish(cands, top, _correct_layout(layout, cands, top), today, codes=_code_positions(layout),
                   blind=_blind_positions(layout))


def _code_positions(layout: Layout) -> frozenset[int]:
    """The positions (counted over the lines joined) of the issuing state's and the nationality's codes: three
    letters (Doc 9303 Part 3, 5), or fillers."""
    f = layout.fields
    return frozenset(p for field in (Field.ISSUING_STATE, Field.NATIONALITY) if field in f
                     for p in range(f[field].start, f[field].stop))


def _blind_positions(layout: Layout) -> frozenset[int]:
    """The positions (counted over the lines joined) of alphanumeric fields that a check digit covers: where a
    character may be taken for another of the same value modulo 10 without any check failing (:class:`BlindRival`).
    Dates are digits only, and no two digits share a value modulo 10."""
    covered = {p for check in layout.checks for span in check.covers for p in range(span.start, span.stop)}
    allowed = _allowed_chars(layout)
    return frozenset(p for p in covered if allowed[p] == CLASS_CHARS[CharClass.ALNUM])


def _long_number(layout: Layout, flat: str) -> bool:
    """Whether a TD1 or TD2 reading carries a document number longer than nine characters: a filler in the check
    digit's place, the number's overflow in the optional data (Part 5 note j, Part 6 note j)."""
    f = layout.fields
    if layout.format not in (MRZFormat.TD1, MRZFormat.TD2):
        return False
    num, check, opt = f[Field.DOCUMENT_NUMBER], f[Field.DOCUMENT_NUMBER_CHECK], f[Field.OPTIONAL_DATA]
    return flat[check.start] == "<" and flat[num.stop - 1] != "<" and opt.of(flat).find("<") >= 2


_ALLOWED: dict[int, tuple[Layout, tuple[frozenset[str], ...]]] = {}


def _allowed_chars(layout: Layout) -> tuple[frozenset[str], ...]:
    """The characters each position of ``layout`` allows (``CLASS_CHARS[layout.class_at(p)]``), worked out once per
    layout (class_at walks the fields for every position)."""
    kept = _ALLOWED.get(id(layout))
    if kept is None or kept[0] is not layout:
        kept = _ALLOWED[id(layout)] = (layout, tuple(CLASS_CHARS[layout.class_at(p)] for p in range(layout.total)))
    return kept[1]


def _among_digits(flat: str, p: int, span: Span) -> bool:
    """Whether the round letter at ``p`` (one of :data:`DIGIT_LOOKALIKES`) stands among digits of the field ``span``:
    a digit on both sides, or, for a lone O or Q, a digit on one side and a digit or a filler on the other. A run of
    O and Q up to :data:`_ROUND_RUN` long counts when digits stand on both sides of the run (blur takes away the
    width that tells OCR-B's O from 0; a "QO" opening a number is letters: random numbering schemes print them);
    longer, it is letters printed as letters. U and D, which a blur does not turn into a 0 as readily, count alone
    only (a U counts as 0 in every check, so a rule for pairs of them would turn a printed "UU" into "00" unseen)."""
    lo = hi = p
    if flat[p] in _ROUND:
        while lo > span.start and flat[lo - 1] in _ROUND:
            lo -= 1
        while hi + 1 < span.stop and flat[hi + 1] in _ROUND:
            hi += 1
    if hi - lo + 1 > _ROUND_RUN:
        return False
    left = flat[lo - 1] if lo > span.start else FILLER
    right = flat[hi + 1] if hi + 1 < span.stop else FILLER
    if left in DIGITS and right in DIGITS:
        return True
    return (lo == hi and flat[p] in _ROUND and {left, right} <= set(DIGITS + FILLER)
            and bool({left, right} & set(DIGITS)))


def _correct_layout(layout: Layout, cands: list[list[list[tuple[str, float]]]], top: list[str]) -> list[str]:
    flat_cands = [pos for line in cands for pos in line]
    flat_top = "".join(top)
    f = layout.fields
    allowed = _allowed_chars(layout)
    options = {p: _options(flat_cands[p], allowed[p]) for p in range(layout.total)}
    chosen = list(flat_top)
    # K and < have the same check-digit value (20 = 0 mod 10), so no check can tell them apart where letters are
    # allowed. Structure can: in document numbers and optional data, a K or X with fillers on both sides (or a
    # filler and the field's end) sits in the filler run, so the filler is made the likelier reading.
    covered = {p for check in layout.checks for span in check.covers for p in range(span.start, span.stop)}
    for field in (Field.DOCUMENT_NUMBER, Field.OPTIONAL_DATA, Field.OPTIONAL_DATA_2):
        if field in f and layout.classes[field] is CharClass.ALNUM and not (
            layout.format is MRZFormat.FRA_ID and field is Field.OPTIONAL_DATA_2
        ):
            span = f[field]
            first = span.start
            if field is Field.OPTIONAL_DATA and _long_number(layout, flat_top):
                # The optional data proper starts after the long number's overflow and its terminating filler.
                first = span.start + span.of(flat_top).find("<") + 1
            for p in range(span.start, span.stop):
                left = flat_top[p - 1] if p > span.start else "<"
                right = flat_top[p + 1] if p + 1 < span.stop else "<"
                if flat_top[p] in "KX" and left == "<" and right == "<" and p > first:
                    read_lp = options[p][0][0]
                    options[p] = sorted(
                        [(read_lp, "<")] + [(lp + CONFUSION_LOGP, c) for lp, c in options[p] if c != "<"], reverse=True
                    )
                # Likewise a round letter read among digits (DIGIT_LOOKALIKES): U (30) counts as 0 mod 10, and O (24)
                # and 0 swapped twice at weights 3 and 7 cancel in every check; OCR-B's O and 0 differ only in width,
                # which a blurred capture loses. There the 0 is the likelier reading; where a check digit covers the
                # position it still keeps a single O that is really printed (Part 3, 4.9). Where none does, the
                # letter stays as read. Two O or Q side by side (a number's "00" read "OO": the pair that cancels at
                # weights 7 and 3) are among digits when digits stand on both sides of the pair (_among_digits).
                elif p in covered and flat_top[p] == "0" and left in DIGITS and right in DIGITS:
                    # ...and a 0 read between two digits stays a digit: the round letters are what numbering schemes
                    # leave out there, so a check digit that holds only with one of them is a check that fails (a
                    # forged number, its check digit left as it was, read "LC2Q26764" and valid).
                    options[p] = [(lp, c) for lp, c in options[p] if c not in DIGIT_LOOKALIKES]
                elif p in covered and flat_top[p] in DIGIT_LOOKALIKES and _among_digits(flat_top, p, span):
                    read_lp, letter = options[p][0][0], flat_top[p]
                    digit = DIGIT_LOOKALIKES[letter]
                    options[p] = sorted(
                        [(read_lp, digit), (read_lp - _LN2, letter)]
                        + [(lp, c) for lp, c in options[p] if c not in (digit, letter)],
                        reverse=True,
                    )

    def fix(p: int, ch: str) -> None:
        options[p] = [(0.0, ch)]

    groups: dict[str, _Group] = {}
    # Document number and its check digit, with the TD1/TD2 long number (Part 5 note j, Part 6 note j).
    num, num_check, opt = f[Field.DOCUMENT_NUMBER], f[Field.DOCUMENT_NUMBER_CHECK], f[Field.OPTIONAL_DATA]
    number_positions = list(range(num.start, num.stop))
    check_pos = num_check.start
    opt_free = list(range(opt.start, opt.stop))
    if _long_number(layout, flat_top):
        end = opt.of(flat_top).find("<")
        fix(check_pos, "<")
        fix(opt.start + end, "<")
        number_positions += list(range(opt.start, opt.start + end - 1))
        check_pos = opt.start + end - 1
        options[check_pos] = _options(flat_cands[check_pos], CLASS_CHARS[CharClass.DIGIT])
        opt_free = list(range(opt.start + end + 1, opt.stop))
    groups["document_number"] = _Group(
        number_positions + [check_pos], lambda t: _check_ok(t[:-1], t[-1]), []
    )
    for field, check_field, birth in ((Field.BIRTH_DATE, Field.BIRTH_DATE_CHECK, True), (Field.EXPIRY_DATE, Field.EXPIRY_DATE_CHECK, False)):
        if field in f:
            positions = list(range(f[field].start, f[field].stop)) + [f[check_field].start]
            def accept(t: str, b: bool = birth) -> bool:
                return _date_ok(t[:6], birth=b) and _check_ok(t[:6], t[6])

            groups[field.value] = _Group(positions, accept, [])
    if Field.OPTIONAL_DATA_CHECK in f:
        positions = opt_free + [f[Field.OPTIONAL_DATA_CHECK].start]
        groups["optional_data"] = _Group(positions, lambda t: _check_ok(t[:-1], t[-1], filler_ok=True), [])
        opt_free = []
    # Free segments: optional data without a check digit of its own.
    free_segments = [opt_free] if opt_free else []
    if Field.OPTIONAL_DATA_2 in f and layout.format is not MRZFormat.FRA_ID:
        free_segments.append(list(range(f[Field.OPTIONAL_DATA_2].start, f[Field.OPTIONAL_DATA_2].stop)))
    for i, seg in enumerate(free_segments):
        groups[f"free{i}"] = _Group(seg, lambda t: True, [])

    # Names: grammar first, then they are fixed for the composite (the French card's composite covers them).
    name_fields = [Field.NAME] + ([Field.OPTIONAL_DATA_2] if layout.format is MRZFormat.FRA_ID else [])
    for field in name_fields:
        span = f[field]
        for p in range(span.start, span.stop):
            options[p] = _options(flat_cands[p], allowed[p], digits_kept=False)
        text = _name_viterbi([options[p] for p in range(span.start, span.stop)])
        for p, ch in zip(range(span.start, span.stop), text):
            fix(p, ch)
    # Codes: prefer a known state or organisation, but only over a reading that is itself doubtful. No check digit
    # covers these fields, so a confident unknown code (an old or national code, "<<<" for none) is kept as read.
    for field in (Field.ISSUING_STATE, Field.NATIONALITY):
        if field in f:
            positions = list(range(f[field].start, f[field].stop))
            read = f[field].of(flat_top)
            if any(c.isdigit() for c in read) and any(c in LETTERS for c in read):
                # A code printed in digits is kept as read, however it fails (a national numeric code), but a code
                # mixing letters and digits is no code of any kind (Part 3, 5: three letters): its digit is a misread
                # look-alike (a state's O read as 0 by a network sure of it), however sure the engine was.
                for p in positions:
                    if flat_top[p].isdigit():
                        options[p] = _options(flat_cands[p], allowed[p], digits_kept=False)
            top_score = sum(options[p][0][0] for p in positions)
            g = _Group(positions, lambda t: is_known_state(t) or t == "<<<", [])
            _search(g, options, 1)
            score, text = g.readings[0]
            if top_score - score <= CODE_PREFERENCE_LOGP:
                for p, ch in zip(positions, text):
                    fix(p, ch)

    for g in groups.values():
        _search(g, options, KEEP_PER_FIELD)

    composite = next((c for c in layout.checks if c.name == "composite"), None)
    if composite is not None:
        _solve_composite(layout, composite, groups, options)
    else:
        for g in groups.values():
            for p, ch in zip(g.positions, g.readings[0][1]):
                fix(p, ch)

    for p in range(layout.total):
        chosen[p] = options[p][0][1]
    text = "".join(chosen)
    return [text[i : i + layout.length] for i in range(0, layout.total, layout.length)]


def _solve_composite(layout: Layout, composite: CheckSpec, groups: dict[str, _Group],
                     options: dict[int, list[tuple[float, str]]]) -> None:
    weight_at: dict[int, int] = {}
    k = 0
    for span in composite.covers:
        for p in range(span.start, span.stop):
            weight_at[p] = WEIGHTS[k]
            k += 1
    inside = [g for g in groups.values() if any(p in weight_at for p in g.positions)]
    outside = [g for g in groups.values() if g not in inside]
    for g in outside:
        for p, ch in zip(g.positions, g.readings[0][1]):
            options[p] = [(0.0, ch)]
    grouped = {p for g in inside for p in g.positions}
    # Fixed contribution of covered positions outside every group (codes, names, fixed fillers).
    fixed = sum(CHAR_VALUE.get(options[p][0][1], 0) * w for p, w in weight_at.items() if p not in grouped)

    def contribution(g: _Group, text: str) -> int:
        return sum(CHAR_VALUE.get(ch, 0) * weight_at.get(p, 0) for p, ch in zip(g.positions, text))

    lists = [[(score, text, contribution(g, text)) for score, text in g.readings] for g in inside]
    digit_opts = options[composite.digit.start]
    lists.append([(lp, ch, -CHAR_VALUE[ch]) for lp, ch in digit_opts])
    scored = [[(item[0], item) for item in lst] for lst in lists]
    best = None
    for tries, (_, idx) in enumerate(_k_best(scored)):
        picks = [lists[i][j] for i, j in enumerate(idx)]
        if best is None:
            best = picks
        if (fixed + sum(p[2] for p in picks)) % 10 == 0:
            best = picks
            break
        if tries >= SEARCH_BUDGET:
            break
    assert best is not None
    for g, pick in zip(inside, best[:-1]):
        for p, ch in zip(g.positions, pick[1]):
            options[p] = [(0.0, ch)]
    options[composite.digit.start] = [(0.0, best[-1][1])]


#: The least share of its say an engine must give letters and fillers at a code's position for a letter there to be
#: judged among letters alone (see :func:`_finish`).
CODE_LETTER_MASS = 0.1


def _finish(cands: list[list[list[tuple[str, float]]]], top: list[str], lines: list[str],
            today: _dt.date | None, *, codes: frozenset[int] = frozenset(),
            blind: frozenset[int] = frozenset()) -> Correction:
    changes = []
    conf_lines = []
    logs = []
    rivals = []
    flat = 0
    for i, (line, read) in enumerate(zip(lines, top)):
        confs = []
        for j, ch in enumerate(line):
            probs = dict(sorted(cands[i][j], key=lambda o: o[1]))  # the highest confidence wins
            # A look-alike the engine did not propose is as sure as the correction's penalty makes it.
            p = probs.get(ch, max(probs.values()) * math.exp(CONFUSION_LOGP))
            if flat + j in codes and ch in probs and ch not in DIGITS:
                # A code holds letters or fillers only (Part 3, 5): a letter there is as sure as the engine is of
                # it once the say it gave digits is taken away (P(letter | no digit)), when it gave letters and
                # fillers a real share (an OCR-B O the engine was 0.74 sure was a 0 and 0.25 an O is an O). A
                # look-alike it gave next to no say keeps its own small confidence, and the reading stays unconfirmed.
                digits = sum(q for c, q in probs.items() if c in DIGITS)
                if digits > 0 and sum(q for c, q in probs.items() if c not in DIGITS) >= CODE_LETTER_MASS:
                    p = min(1.0, probs[ch] / (1.0 - digits))
            confs.append(p)
            logs.append(math.log(max(p, 1e-6)))
            if ch != read[j]:
                changes.append(Change(i, j, read[j], ch))
            value = CHAR_VALUE.get(ch) if flat + j in blind else None
            if value is not None:
                same = [(q, c) for c, q in probs.items()
                        if c != ch and c in CHAR_VALUE and (CHAR_VALUE[c] - value) % 10 == 0]
                if same:
                    q, c = max(same)
                    rivals.append(BlindRival(i, j, ch, c, q))
        conf_lines.append(tuple(confs))
        flat += len(line)
    confidence = math.exp(sum(logs) / len(logs)) if logs else 0.0
    return Correction(tuple(lines), parse(lines, today=today), tuple(changes), tuple(conf_lines), confidence,
                      tuple(rivals))
