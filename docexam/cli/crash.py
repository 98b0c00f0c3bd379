"""An error no command expected (a bug in docexam): its own exit status, one line on stderr, the traceback in a log.

Exit status 1 means a finding (an invalid MRZ, a comparison alarm, a failed verification), so a crash must not exit
1: a script would take it for a finding about the document. The log is appended to, never rewritten, and writing it
can never change the exit status: when the log cannot be written, the traceback goes to stderr instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

#: The log is renamed to errors.log.1 (replacing the one before) once it passes this size, so a script failing in
#: a loop cannot fill the disk.
MAX_LOG_BYTES = 1 << 20
#: The longest exception message quoted on the one line (the whole message is in the log).
MAX_MESSAGE_CHARS = 300


def command_name(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str:
    """``docexam case list`` for ``["case", "list", "--limit", ...]``: the program and the sub-commands named."""
    words = [parser.prog]
    current = parser
    for token in argv:
        subparsers = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if not subparsers or token not in subparsers[0].choices:
            break
        words.append(token)
        current = subparsers[0].choices[token]
    return " ".join(words)


def _entry(exc: BaseException, argv: Sequence[str]) -> bytes:
    from docexam import __version__

    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    head = (f"==== {now} docexam {__version__}, Python {platform.python_version()}, {platform.platform()}, "
            f"pid {os.getpid()}\ncommand: docexam {shlex.join(argv)}\n")
    text = head + "".join(traceback.format_exception(exc)) + "\n"
    return text.encode("utf-8", "backslashreplace")


def append_to_log(data: bytes, path: Path) -> None:
    """Append ``data`` to ``path`` in one ``O_APPEND`` write (concurrent writers' entries do not interleave),
    readable by the user alone (a traceback may quote case data)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except FileNotFoundError:
        pass
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def report(exc: BaseException, parser: argparse.ArgumentParser, argv: Sequence[str]) -> int:
    """Say on one line that docexam failed, where the traceback is, and return the internal-error exit status."""
    from docexam.cli.common import EXIT_INTERNAL
    from docexam.cli.terminal import printable
    from docexam.i18n import _

    try:
        command = command_name(parser, argv)
    except Exception:  # noqa: BLE001 - the message must come out whatever went wrong
        command = "docexam"
    message = str(exc).strip().splitlines()
    what = type(exc).__name__ + (f": {message[0]}" if message else "")
    if len(what) > MAX_MESSAGE_CHARS:
        what = what[:MAX_MESSAGE_CHARS] + "..."
    where, traceback_text = "", ""
    try:
        from docexam.paths import error_log_file

        path = error_log_file()
        append_to_log(_entry(exc, argv), path)
        where = _("the traceback is in {path}").format(path=path)
    except Exception as log_error:  # noqa: BLE001 - a failing log must not change the exit status
        where = _("the log could not be written ({error}), so the traceback follows").format(
            error=f"{type(log_error).__name__}: {log_error}")
        traceback_text = "".join(traceback.format_exception(exc))
    try:
        print(f"{command}: " + _("internal error ({what}); this is a bug in docexam, not a finding about the document: "
                                 "{where}").format(what=printable(what), where=printable(where)), file=sys.stderr)
        if traceback_text:
            sys.stderr.write(traceback_text)
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - stderr itself is gone: the exit status still says it
        pass
    return EXIT_INTERNAL
