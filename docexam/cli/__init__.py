"""The ``docexam`` command line.

Start-up stays light: only :mod:`argparse` is imported here; each command imports what it needs when it runs,
so ``docexam --help`` and ``docexam mrz`` never load Qt, OpenCV or numpy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from docexam import __version__

#: Exit codes shared by every command.
EXIT_OK = 0
EXIT_INVALID = 1  # the command ran, and what it checked failed (an invalid MRZ, a failed verification)
EXIT_USAGE = 2  # bad arguments or unreadable input
EXIT_INTERNAL = 3  # docexam failed (a bug): one line on stderr, the traceback in the log (docexam.cli.crash)

EXIT_STATUS_HELP = (
    "Exit status: 0 when all went well; 1 when what was checked failed (an invalid MRZ, a comparison alarm, a "
    "failed verification); 2 for bad arguments or input that cannot be used (an unreadable file, an unknown case); "
    "3 when docexam itself failed (a bug: one line on stderr names the log file holding the details, in your user "
    "state folder, e.g. ~/.local/state/docexam/log/errors.log); 130 when interrupted."
)


def iso_date(text: str):
    """argparse type for ``--today``: a date written YYYY-MM-DD."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _add_mrz(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "mrz",
        help="parse and validate MRZ lines typed or piped in",
        description=(
            "Parse and validate a machine readable zone (TD1, TD2, TD3, MRV-A, MRV-B, pre-2021 French ID). "
            "Give the lines as arguments, or '-' to read MRZs from standard input, one block of lines per MRZ, "
            "blocks separated by a blank line. Exit status: 0 when every MRZ is valid, 1 when any is not, 2 for bad "
            "arguments or no MRZ on standard input, 3 when docexam itself failed."
        ),
    )
    p.add_argument("lines", nargs="+", metavar="LINE", help="the MRZ lines, or - for standard input")
    p.add_argument("--json", action="store_true", help="print one JSON object per MRZ (JSON Lines)")
    p.add_argument(
        "--correct",
        action="store_true",
        help="first fix OCR look-alikes (0/O, 1/I, 8/B, </K...) using the check digits, and report what changed",
    )
    p.add_argument("--today", metavar="YYYY-MM-DD", type=iso_date, help="judge dates as of this day (default: today)")
    p.set_defaults(run=_lazy("docexam.cli.mrz_cmd", "run"))


def _add_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="validate the bundled specimen MRZs and a broken one, and show a correction (what `make run` does)",
    )
    p.add_argument("--samples", metavar="DIR", help="folder of .mrz sample files (default: the bundled samples)")
    from docexam.cli.case_cmd import add_db_option

    add_db_option(p)
    p.set_defaults(run=_lazy("docexam.cli.demo_cmd", "run"))


def _add_gui(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "gui",
        help="the examiner's workstation (what `docexam` alone starts)",
        description="Open the desktop workstation: cases, captures in every light, comparison with the reference "
                    "specimen, MRZ, findings, verdict and PDF report.",
    )
    p.add_argument("--case", metavar="ID", help="open this case (id or reference)")
    p.add_argument("--sample", action="store_true",
                   help="open the bundled sample case (made in the case store the first time; what `make run` does)")
    p.add_argument("--startup-time", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    from docexam.cli.case_cmd import add_db_option

    add_db_option(p)
    p.set_defaults(run=_lazy("docexam.gui.app", "run"))
    return p


def _lazy(module: str, attr: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), attr)(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docexam",
        description="Forensic examination of travel documents: read and validate MRZs, compare lights, keep cases.",
        epilog=EXIT_STATUS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"docexam {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_mrz(sub)
    _add_demo(sub)
    _add_gui(sub)
    from docexam.cli import (  # argparse only; the work loads on run
        case_cmd,
        compare_cmd,
        engines_cmd,
        exercise_cmd,
        read_cmd,
    )

    read_cmd.add_parser(sub, _lazy)
    compare_cmd.add_parser(sub, _lazy)
    exercise_cmd.add_parser(sub, _lazy)
    case_cmd.add_parser(sub, _lazy)
    engines_cmd.add_parser(sub, _lazy)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
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
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug: not exit 1, which says "invalid" or "alarm" (docexam.cli.crash)
        from docexam.cli.crash import report

        return report(exc, parser, argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
