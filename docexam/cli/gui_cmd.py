"""``docexam gui``: the examiner's workstation (what ``docexam`` alone starts). Its parser only: the work is
:func:`docexam.gui.app.run`, imported when the command runs, so the rest of the command line never loads Qt."""

from __future__ import annotations

import argparse

from docexam.cli.common import Subparsers, add_db_option, lazy
from docexam.i18n import _


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "gui",
        help=_("the examiner's workstation (what `docexam` alone starts)"),
        description=_("Open the desktop workstation: cases, captures in every light, comparison with the reference "
                      "specimen, MRZ, findings, verdict and PDF report."),
    )
    p.add_argument("--case", metavar="ID", help=_("open this case (id or reference)"))
    p.add_argument("--sample", action="store_true",
                   help=_("open the bundled sample case (made in the case store the first time; what `make run` does)"))
    p.add_argument("--startup-time", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    add_db_option(p)
    p.set_defaults(run=lazy("docexam.gui.app", "run"))
