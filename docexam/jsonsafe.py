"""JSON from outside, read with bounds: the one reader for every JSON file or member docexam did not write itself
in this run (a bundle's manifest, an exercise handout's list, a trainee's answers, an answer key, a reference's
``specimen.json``).

Python's ``json`` decodes nesting by recursion: ``[[[[...]]]]`` a hundred thousand deep ends in a ``RecursionError``
(and a shallower file still leaves a structure that every later walk over it may fail on). Here a document nested
deeper than :data:`MAX_DEPTH` is refused, as are files larger than :data:`MAX_FILE_BYTES`, text that is not UTF-8,
and ``NaN``, ``Infinity`` or numbers beyond a float's range (not JSON, though Python writes and reads them): each as an
:class:`~docexam.errors.UntrustedInputError` naming the source.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

from docexam.errors import UntrustedInputError

#: The deepest nesting of arrays and objects accepted. docexam's own files are at most 6 deep (an answer key:
#: key, capture, homographies, light, row, value); the bound leaves room for other tools' answers.
MAX_DEPTH = 64

#: The largest JSON file :func:`load_file` reads: answer keys and answers are kilobytes.
MAX_FILE_BYTES = 16 * 1024 * 1024

# A JSON string (escapes included); what is left once they are gone holds brackets only as structure.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text`` (0 for a scalar): counted without recursion, by taking
    away the innermost pairs of brackets level by level. Meaningful for valid JSON; for other text, an upper bound
    of sorts that stops at ``MAX_DEPTH + 1``."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    level = 0
    while brackets and level <= MAX_DEPTH:
        peeled = _INNERMOST.sub("", brackets)
        if peeled == brackets:  # unbalanced: not JSON, which the decoder will say
            break
        brackets, level = peeled, level + 1
    return level + (1 if brackets and level > MAX_DEPTH else 0)


def loads(data: str | bytes, *, source: str, max_depth: int = MAX_DEPTH) -> Any:
    """Decode JSON ``data`` (UTF-8 when bytes) read from ``source``.

    Raises
    ------
    UntrustedInputError
        Not UTF-8, not JSON, nested deeper than ``max_depth``, or holding ``NaN``/``Infinity``.
    """
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise UntrustedInputError(source, f"is not UTF-8 text (byte {e.start})", "save it as UTF-8 JSON") from None
    else:
        text = data
    try:
        obj = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except RecursionError:
        obj, deep = None, True
    except json.JSONDecodeError as e:
        raise UntrustedInputError(source, f"is not JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except ValueError as e:  # NaN, Infinity (from _no_constant), numbers too long to convert
        raise UntrustedInputError(source, f"is not JSON ({e})") from None
    else:
        deep = depth(text) > max_depth
    if deep:
        raise UntrustedInputError(
            source, f"nests arrays or objects more than {max_depth} deep", "it was not written by docexam or a tool "
            "for it: check where it came from"
        )
    return obj


def load_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """:func:`loads` of a file, refused past ``max_bytes`` (counted as read, not from the size the folder gives).

    Raises
    ------
    UntrustedInputError
        Missing, a folder, unreadable, larger than ``max_bytes``, or refused by :func:`loads`.
    """
    p = Path(path)
    try:
        with open(p, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise UntrustedInputError(str(p), "does not exist", "check the path") from None
    except IsADirectoryError:
        raise UntrustedInputError(str(p), "is a folder, not a JSON file") from None
    except OSError as e:
        raise UntrustedInputError(str(p), f"cannot be read ({e.strerror or e})", "check its permissions") from None
    if len(data) > max_bytes:
        raise UntrustedInputError(str(p), f"is larger than the {max_bytes:,} bytes docexam reads from a JSON file")
    return loads(data, source=str(p), max_depth=max_depth)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise ValueError(f"the number {text[:20]} is too large")
    return value


__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "depth", "load_file", "loads"]
