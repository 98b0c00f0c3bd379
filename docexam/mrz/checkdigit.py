"""MRZ check digits (Doc 9303 Part 3, section 4.9).

Modulus 10 over the character values with the repeating weights 7, 3, 1; digits are their own value,
``A``..``Z`` are 10..35 and the filler ``<`` is 0.
"""

from __future__ import annotations

from itertools import cycle, islice

from docexam.mrz.alphabet import DIGITS, FILLER, LETTERS

#: Character values for the check-digit calculation (Part 3, 4.9): digits their own value, A..Z 10..35, < 0.
CHAR_VALUE: dict[str, int] = {FILLER: 0} | {c: v for v, c in enumerate(DIGITS + LETTERS)}

#: The weights 7, 3, 1 repeated, long enough for the longest covered string (a TD1 composite is 61 chars).
WEIGHTS: tuple[int, ...] = tuple(islice(cycle((7, 3, 1)), 128))


#: str.translate table turning each MRZ character into the character whose code is its value (0..35).
_TO_VALUES = {i: 255 for i in range(36)}  # control characters must not pass for values
_TO_VALUES.update({ord(c): v for c, v in CHAR_VALUE.items()})
#: The same table for callers that turn a whole MRZ into values at once (the parser: one translation for every check).
TO_VALUES = _TO_VALUES


def checksum(data: str) -> int | None:
    """Weighted sum of ``data`` modulo 10, or ``None`` when it holds a non-MRZ character.

    This is the lenient form used on OCR text, which must never raise. Characters are turned into their values
    in one ``translate`` and the weights, which repeat every three characters, are applied to strided slices,
    so no Python-level loop runs (this is the parser's hottest function).
    """
    v = data.translate(_TO_VALUES).encode("latin-1", "replace")
    if v and max(v) > 35:  # an untranslated character: not in the MRZ alphabet
        return None
    return (7 * sum(v[0::3]) + 3 * sum(v[1::3]) + sum(v[2::3])) % 10


def compute_check_digit(data: str) -> str:
    """Return the check digit of ``data`` as a one-character string.

    Parameters
    ----------
    data : str
        Characters of the data element, each in ``A-Z``, ``0-9`` or ``<``.

    Raises
    ------
    TypeError
        If ``data`` is not a string.
    ValueError
        If ``data`` holds a character outside the MRZ alphabet, or is longer than 128 characters.

    Examples
    --------
    >>> compute_check_digit("AB2134<<<")   # Doc 9303 Part 3, Appendix A
    '5'
    """
    if not isinstance(data, str):
        raise TypeError(f"data must be str, got {type(data).__name__}")
    if len(data) > len(WEIGHTS):
        raise ValueError(f"data is {len(data)} characters long; no MRZ data element exceeds {len(WEIGHTS)}")
    bad = sorted({c for c in data if c not in CHAR_VALUE})
    if bad:
        raise ValueError(f"{bad!r} not in the MRZ alphabet (A-Z, 0-9, <); upper-case the text first")
    return str(checksum(data))
