"""What every ``docexam`` command shares: the exit statuses, the options written the same way everywhere (``--db``,
``--json``, ``--today``), and :func:`lazy`, which lets a command's parser name its work without importing it.

Only the standard library is imported here: every command's parser is built at start-up, for ``docexam --help``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from docexam.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import datetime as dt

#: Exit statuses shared by every command (a script may rely on them).
EXIT_OK = 0
EXIT_INVALID = 1  # the command ran, and what it checked failed (an invalid MRZ, a comparison alarm, a failed verification)
EXIT_USAGE = 2  # bad arguments or input that cannot be used (an unreadable file, an unknown case)
EXIT_INTERNAL = 3  # docexam failed (a bug): one line on stderr, the traceback in the log (docexam.cli.crash)
EXIT_INTERRUPTED = 130  # Ctrl-C, as the shell reports a process ended by SIGINT (128 + 2)

#: The exit statuses in words, for ``docexam --help`` (translated there: docexam.i18n).
EXIT_STATUS_HELP = N_(
    "Exit status: 0 when all went well; 1 when what was checked failed (an invalid MRZ, a comparison alarm, a "
    "failed verification); 2 for bad arguments or input that cannot be used (an unreadable file, an unknown case); "
    "3 when docexam itself failed (a bug: one line on stderr names the log file holding the details, in your user "
    "state folder, e.g. ~/.local/state/docexam/log/errors.log); 130 when interrupted."
)

#: What ``add_parser(sub)`` of a command module looks like.
Subparsers = argparse._SubParsersAction


def iso_date(text: str) -> dt.date:
    """argparse type for ``--today`` and the like: a date written YYYY-MM-DD."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text} is not a date; write it as YYYY-MM-DD").format(text=repr(text))) from None


def add_db_option(p: argparse.ArgumentParser) -> None:
    """``--db URL_OR_PATH``: the case database of every command that reads or writes cases."""
    p.add_argument("--db", metavar="URL_OR_PATH",
                   help=_("the case database: a SQLite file or a SQLAlchemy URL such as postgresql+psycopg://user@host/db "
                          "(default: $DOCEXAM_DB, else the embedded database in your data folder)"))


def add_json_option(p: argparse.ArgumentParser, help: str | None = None) -> None:
    """``--json``: machine-readable output instead of the text for people (``help`` says its shape)."""
    p.add_argument("--json", action="store_true", help=help)


def add_today_option(p: argparse.ArgumentParser, help: str = N_("judge dates as of this day (default: today)")) -> None:
    """``--today YYYY-MM-DD``: the day dates are judged against, so a run can be repeated (tests, exercise packs)."""
    p.add_argument("--today", metavar="YYYY-MM-DD", type=iso_date, help=_(help))


def fail(command: str, e: object) -> int:
    """Say on stderr why ``docexam <command>`` could not do its work (input it cannot use: an unknown case, an
    unreadable file) and return :data:`EXIT_USAGE`."""
    import sys

    from docexam.cli.terminal import printable

    print(f"docexam {command}: {printable(e, newlines=True)}", file=sys.stderr)
    return EXIT_USAGE


def usage_errors() -> tuple[type[Exception], ...]:
    """The errors a command reports with :func:`fail`: docexam's own, which say what to do, and the system's."""
    from docexam.errors import DocexamError

    return (DocexamError, OSError)


class _ImportSummary(Protocol):  # what case and reference imports report (store.bundle's and reference_bundle's reports)
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    images: int


def print_import(bundle: object, report: _ImportSummary) -> None:
    """Print what an import of ``bundle`` added, updated and found already here (case and reference bundles)."""
    from docexam.cli.terminal import printable

    parts = [_("{n} added").format(n=len(report.added)), _("{n} updated").format(n=len(report.updated)),
             _("{n} already here").format(n=len(report.unchanged))]
    print(ngettext("imported {bundle}: {parts}, {n} new image(s)", "imported {bundle}: {parts}, {n} new image(s)",
                   report.images).format(bundle=printable(bundle), parts=", ".join(parts), n=report.images))
    for label, names in ((_("added"), report.added), (_("updated"), report.updated),
                         (_("already here"), report.unchanged)):
        if names:
            print(f"  {label}: {printable(', '.join(names))}")


def open_store(db: str | None, *, writes: bool = True):
    """The case store of ``--db``, signed in: as ``$DOCEXAM_USER`` with ``$DOCEXAM_PASSPHRASE`` (the passphrase
    asked for on a terminal when only the user is set), or, for a command that ``writes`` to a store with accounts,
    as the user named at a prompt on a terminal. A store without accounts acts as before (the login name)."""
    import getpass
    import os
    import sys

    from docexam.store import Store
    from docexam.store.accounts import PASSPHRASE_ENV, USER_ENV

    terminal = sys.stdin.isatty() and sys.stderr.isatty()
    user = os.environ.get(USER_ENV) or None
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if user is not None and passphrase is None and terminal:
        passphrase = getpass.getpass(f"docexam: passphrase of {user}: ")
    store = Store.open(db, user=user, passphrase=passphrase)
    if writes and store.session is None and terminal and store.has_accounts():
        try:
            print("docexam: this store has accounts; sign in", file=sys.stderr)
            name = input("user: ").strip()
            store.sign_in(name, getpass.getpass(f"passphrase of {name}: "))
        except BaseException:
            store.close()
            raise
    return store


def lazy(module: str, attr: str) -> Callable[[argparse.Namespace], int]:
    """A ``run`` for ``set_defaults`` that imports ``module`` and calls its ``attr`` only when the command runs
    (and looks it up then, so a test may replace it)."""
    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), attr)(args)

    return run
