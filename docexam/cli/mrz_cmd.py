"""``docexam mrz``: parse and validate MRZ text."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TextIO

from docexam.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Subparsers, add_json_option, add_today_option, lazy
from docexam.cli.terminal import json_line, printable
from docexam.i18n import _

#: What bytes that are not UTF-8 text become: one U+FFFD each, so the positions of the other characters hold and
#: the parser reports the place as a character outside the MRZ alphabet.
NOT_TEXT = "\ufffd"
#: Trimmed from the ends of a line read: ASCII spaces only, so a no-break space or a line separator pasted in is
#: reported where it is, not silently dropped.
ASCII_SPACE = " \t\r\n\x0b\x0c"


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "mrz",
        help=_("parse and validate MRZ lines typed or piped in"),
        description=_(
            "Parse and validate a machine readable zone (TD1, TD2, TD3, MRV-A, MRV-B, pre-2021 French ID). "
            "Give the lines as arguments, or '-' to read MRZs from standard input, one block of lines per MRZ, "
            "blocks separated by a blank line. Exit status: 0 when every MRZ is valid, 1 when any is not, 2 for bad "
            "arguments or no MRZ on standard input, 3 when docexam itself failed."
        ),
    )
    p.add_argument("lines", nargs="+", metavar="LINE", help=_("the MRZ lines, or - for standard input"))
    add_json_option(p, _("print one JSON object per MRZ (JSON Lines)"))
    p.add_argument(
        "--correct",
        action="store_true",
        help=_("first fix OCR look-alikes (0/O, 1/I, 8/B, </K...) using the check digits, and report what changed"),
    )
    add_today_option(p)
    p.set_defaults(run=lazy("docexam.cli.mrz_cmd", "run"))


def as_text(line: str | bytes) -> str:
    """A line read from a pipe or an argument as text, whatever its bytes: undecodable bytes (which Python hands over
    as lone surrogates in arguments, or which would stop a strict decoder) become :data:`NOT_TEXT`."""
    if isinstance(line, str):
        try:
            line = line.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that no byte became
            return "".join(NOT_TEXT if "\ud800" <= ch <= "\udfff" else ch for ch in line)
    return line.decode("utf-8", "replace")


def _stdin_lines() -> Iterable[str | bytes]:
    buffer = getattr(sys.stdin, "buffer", None)  # bytes, so a stray 0xFF cannot stop the batch in the decoder
    return buffer if buffer is not None else sys.stdin


def read_blocks(stream: Iterable[str | bytes] | TextIO) -> Iterator[list[str]]:
    """MRZ blocks from a text or byte stream: consecutive non-blank lines, blocks separated by blank lines."""
    block: list[str] = []
    for raw in stream:
        line = as_text(raw).strip(ASCII_SPACE)
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def not_correctable(block: list[str]) -> list[str]:
    """Why ``--correct`` leaves ``block`` as given: one sentence per character that is not printable ASCII.

    The corrector turns a character it has no look-alike for into whatever its field allows (``<`` in a name), as
    OCR output needs; a byte that is not text, or a letter from another alphabet, typed or piped in is no OCR
    look-alike, and "correcting" it would make a damaged MRZ report valid.
    """
    reasons = []
    for i, line in enumerate(block):
        for j, ch in enumerate(line):
            if " " <= ch <= "~":
                continue
            if ch == NOT_TEXT:
                what = "bytes that are not UTF-8 text"
            else:
                kind = "a control character" if unicodedata.category(ch) == "Cc" else "not an ASCII character"
                what = f"{printable(repr(ch))} (U+{ord(ch):04X}), {kind}"
            reasons.append(f"line {i + 1} position {j + 1} holds {what}")
    return reasons


def run(args: argparse.Namespace) -> int:
    from docexam.mrz import parse
    from docexam.mrz.explain import explain

    today = args.today
    if args.lines == ["-"]:
        blocks: Iterator[list[str]] = read_blocks(_stdin_lines())
    elif "-" in args.lines:
        print("docexam mrz: " + _("'-' (standard input) cannot be mixed with lines given as arguments"), file=sys.stderr)
        return EXIT_USAGE
    else:
        blocks = iter([[as_text(x) for x in args.lines]])

    if args.correct:
        from docexam.mrz.correct import candidates_from_text, correct

    status = EXIT_OK
    first = True
    out = sys.stdout
    for block in blocks:
        changes = ()
        refused = not_correctable(block) if args.correct else []
        if args.correct and not refused:
            fixed = correct(candidates_from_text([x.upper() for x in block]), today=today)
            result, changes = fixed.result, fixed.changes
            if result.format is None:  # nothing to correct against: report the text as given
                result = parse(block, today=today)
        else:
            # Characters outside the MRZ alphabet are errors of the parse: a refused block reports invalid.
            result = parse(block, today=today)
        if not result.valid:
            status = EXIT_INVALID
        if args.json:
            obj = result.to_dict()
            if args.correct:
                obj["corrections"] = [
                    {"line": c.line + 1, "position": c.column + 1, "read": c.read, "corrected": c.corrected} for c in changes
                ]
                if refused:
                    obj["not_corrected"] = refused
            out.write(json_line(obj) + "\n")
        else:
            if not first:
                out.write("\n")
            out.write(printable(explain(result), newlines=True) + "\n")
            for c in changes:
                out.write("  " + _("corrected line {line} position {position}: {read} -> {corrected}").format(
                    line=c.line + 1, position=c.column + 1, read=repr(c.read), corrected=repr(c.corrected)) + "\n")
            for reason in refused:  # the reason as JSON gives it (English): what the character is
                out.write("  " + _("not corrected: {reason}; --correct only fixes OCR look-alikes in ASCII text").format(
                    reason=reason) + "\n")
        first = False
    if first and args.lines == ["-"]:  # in JSON too: an empty batch is no input, not a valid one
        print("docexam mrz: " + _("no MRZ lines on standard input"), file=sys.stderr)
        return EXIT_USAGE
    return status
