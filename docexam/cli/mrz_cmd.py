"""``docexam mrz``: parse and validate MRZ text."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from docexam.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from docexam.mrz import parse
from docexam.mrz.explain import explain


def read_blocks(stream: TextIO) -> Iterator[list[str]]:
    """MRZ blocks from a text stream: consecutive non-blank lines, blocks separated by blank lines."""
    block: list[str] = []
    for raw in stream:
        line = raw.strip()
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def run(args: argparse.Namespace) -> int:
    today = args.today
    if args.lines == ["-"]:
        blocks: Iterator[list[str]] = read_blocks(sys.stdin)
    elif "-" in args.lines:
        print("docexam mrz: '-' (standard input) cannot be mixed with lines given as arguments", file=sys.stderr)
        return EXIT_USAGE
    else:
        blocks = iter([args.lines])

    if args.correct:
        from docexam.mrz.correct import candidates_from_text, correct

    status = EXIT_OK
    first = True
    out = sys.stdout
    for block in blocks:
        changes = ()
        if args.correct:
            fixed = correct(candidates_from_text([x.upper() for x in block]), today=today)
            result, changes = fixed.result, fixed.changes
            if result.format is None:  # nothing to correct against: report the text as given
                result = parse(block, today=today)
        else:
            result = parse(block, today=today)
        if not result.valid:
            status = EXIT_INVALID
        if args.json:
            obj = result.to_dict()
            if args.correct:
                obj["corrections"] = [
                    {"line": c.line + 1, "position": c.column + 1, "read": c.read, "corrected": c.corrected} for c in changes
                ]
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            if not first:
                out.write("\n")
            first = False
            out.write(explain(result) + "\n")
            for c in changes:
                out.write(f"  corrected line {c.line + 1} position {c.column + 1}: {c.read!r} -> {c.corrected!r}\n")
    if first and not args.json and args.lines == ["-"]:
        print("docexam mrz: no MRZ lines on standard input", file=sys.stderr)
        return EXIT_USAGE
    return status
