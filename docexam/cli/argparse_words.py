"""argparse's own words (``usage:``, ``options``, ``show this help message and exit``, its error messages) in the
examiner's language (issue 23).

argparse translates them with the standard library's :func:`gettext.gettext`, whose catalogue docexam does not ship;
:func:`install` points argparse at :mod:`docexam.i18n` instead, and the messages are marked here (as argparse 3.11
writes them, ``%``-placeholders and all) so that they are extracted into docexam's catalogues. A word argparse writes
that is not here stays English: nothing breaks.
"""

from __future__ import annotations

import argparse

from docexam import i18n
from docexam.i18n import N_

__all__ = ["WORDS", "install"]

#: argparse's messages a user of ``docexam`` may see, marked for extraction (translated by argparse's own calls).
WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"), N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"), N_("expected one argument"), N_("expected at most one argument"),
    N_("expected at least one argument"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"), N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
)


def _plurals() -> None:  # pragma: no cover - never called: marks argparse's one plural for extraction
    i18n.ngettext("expected %s argument", "expected %s arguments", 2)


def install() -> None:
    """Make argparse say its words through docexam's catalogues, in the language current when it says them (argparse
    looks up its module's ``_`` and ``ngettext`` each time it speaks)."""
    setattr(argparse, "_", i18n._)  # noqa: B010 - the names argparse imported from gettext, replaced on purpose
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010
