"""docexam's command line run inside the test's own process, as ``python -m docexam ARGS`` would run it.

A new interpreter costs 0.6-1 s of imports a command (SQLAlchemy, OpenCV, the CLI's modules); the long command-line
stories (accounts, keys, cases) run dozens of commands. They run them here, with the environment, standard input
and output a process would have; tests/cli/test_cli.py and test_exit_codes.py keep running real processes (the
entry points, exit codes, signals, bytes on the pipes)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping
from contextlib import ExitStack
from unittest import mock


def run_docexam(args: list[str], *, env: Mapping[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    """``docexam ARGS`` with ``env`` as the whole environment and ``stdin`` as its (non-terminal) input: its exit
    code and what it wrote to stdout and stderr, as :func:`subprocess.run` with ``text=True`` gives them. Argparse's
    exits (``--help``, a usage error) are exit codes, as in a process."""
    from docexam.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = {name: io.TextIOWrapper(buf, encoding="utf-8", errors="backslashreplace", write_through=True)
               for name, buf in (("stdout", out), ("stderr", err))}
    fake_in = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    with ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, env, clear=True))
        stack.enter_context(mock.patch.object(sys, "stdin", fake_in))
        stack.enter_context(mock.patch.object(sys, "stdout", streams["stdout"]))
        stack.enter_context(mock.patch.object(sys, "stderr", streams["stderr"]))
        try:
            code = main(list(args))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return subprocess.CompletedProcess(["docexam", *args], code, out.getvalue().decode("utf-8"),
                                       err.getvalue().decode("utf-8"))
