"""The ``docexam`` command line.

Start-up stays light: only :mod:`argparse` is imported here; each command module (``<name>_cmd``) adds its own
parser and imports what it needs when it runs, so ``docexam --help`` and ``docexam mrz`` never load Qt, OpenCV or
numpy. What the commands share (exit statuses, ``--db``, ``--json``, ``--today``) is in :mod:`docexam.cli.common`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from docexam import __version__
from docexam.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_STATUS_HELP, EXIT_USAGE
from docexam.i18n import LANGUAGES, _, chosen_language, normalize, set_language

__all__ = ["EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    from docexam.cli.argparse_words import install

    install()  # argparse's own words (usage:, options, its errors) in the language too
    parser = argparse.ArgumentParser(
        prog="docexam",
        description=_("Forensic examination of travel documents: read and validate MRZs, compare lights, keep cases."),
        epilog=_(EXIT_STATUS_HELP),
    )
    parser.add_argument("--version", action="version", version=f"docexam {__version__}",
                        help=_("show docexam's version number and exit"))
    add_lang_option(parser)
    sub = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    from docexam.cli import (  # each command adds its own parser; its work is imported when it runs
        case_cmd,
        compare_cmd,
        demo_cmd,
        engines_cmd,
        exercise_cmd,
        gui_cmd,
        key_cmd,
        mrz_cmd,
        read_cmd,
        reference_cmd,
        user_cmd,
    )

    for command in (mrz_cmd, demo_cmd, gui_cmd, read_cmd, compare_cmd, exercise_cmd, case_cmd, reference_cmd,
                    user_cmd, key_cmd, engines_cmd):
        command.add_parser(sub)
    return parser


def add_lang_option(p: argparse.ArgumentParser, *, default: object = None) -> None:
    """``--lang az|ru|en``: the language of messages, help and reports (docexam.i18n); a command's own (``case
    report --lang``) takes ``default=argparse.SUPPRESS`` so it does not hide the one given before the command."""
    p.add_argument("--lang", choices=tuple(LANGUAGES), default=default,
                   help=_("the language of messages and reports: en (English), az (Azerbaijani) or ru (Russian); "
                          "default: $DOCEXAM_LANG, else the system's language"))


def language_asked(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names anywhere in ``argv`` (before ``--``), read before the parser is built so that
    its help is in that language; None when none is (or it names none docexam speaks: argparse then says so)."""
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(argv):
            return normalize(argv[i + 1])
        if token.startswith("--lang="):
            return normalize(token.partition("=")[2])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    before = chosen_language()
    asked = language_asked(argv)
    if asked is not None:
        set_language(asked)
    try:
        return _run(argv)
    finally:  # a caller in the same process (a test, a script) keeps the language it had
        set_language(before)


def _run(argv: list[str]) -> int:
    parser = build_parser()
    # `docexam` alone opens the workstation, as a desktop application's command does.
    args = parser.parse_args(argv or ["gui"])
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except BrokenPipeError:  # `docexam mrz --json - | head` must not print a traceback
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a bug: not exit 1, which says "invalid" or "alarm" (docexam.cli.crash)
        from docexam.cli.crash import report

        return report(exc, parser, argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
