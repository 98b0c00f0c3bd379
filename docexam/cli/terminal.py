"""Text the command line prints, made safe for a terminal.

Titles, notes, file names and MRZ text come from examiners, bundles and pipes; stored as given (evidence is not
altered), they may hold escape sequences, bells, carriage returns or bidirectional overrides that would rewrite
the examiner's screen or hide part of a line. Every human-readable output of such text goes through
:func:`printable`, every JSON line through :func:`json_line`.
"""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from docexam.workbench.checks import ChecksView

#: Bidirectional embeddings, overrides and isolates (Unicode TR 9): they reorder the rest of a terminal line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Categories escaped wherever they appear: controls (C0, DEL, C1), lone surrogates (bytes that were not UTF-8),
#: line and paragraph separators.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _unsafe(ch: str) -> bool:
    if " " <= ch <= "~":  # printable ASCII, the common case
        return False
    return ch in _BIDI_CONTROLS or unicodedata.category(ch) in _ESCAPED_CATEGORIES


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, newlines: bool = False) -> str:
    """``text`` with every character that would act on a terminal written as a Python-style escape (``\\x1b``,
    ``\\x07``, ``\\n``, ``\\u202e``...); other characters, any script's letters among them, are kept.
    ``newlines=True`` keeps line feeds, for text printed over several lines on purpose (notes)."""
    text = str(text)
    if all(" " <= ch <= "~" for ch in text):
        return text
    return "".join(
        ch if (newlines and ch == "\n") or not _unsafe(ch) else _escape(ch) for ch in text
    )


def json_line(obj: object, **kwargs) -> str:
    """One JSON line for ``obj``, non-ASCII text kept readable (``ensure_ascii=False``) but every character that
    would act on a terminal escaped as ``\\uXXXX``. ``json.dumps`` escapes only U+0000-U+001F by itself: DEL, the
    C1 controls (U+0080-U+009F, CSI among them), lone surrogates, U+2028/U+2029 and bidirectional overrides would
    be written raw. The escapes are JSON's own, so a reader gets the stored text back unchanged."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    if text.isascii() and "\x7f" not in text:
        return text
    # Outside strings JSON is ASCII, so every such character is inside a string, where \\uXXXX means itself (the
    # C0 controls are escaped already).
    return "".join(f"\\u{ord(ch):04x}" if ch >= "\x7f" and _unsafe(ch) else ch for ch in text)


class TerminalText:
    """A text stream whose every write goes through :func:`printable` (line feeds kept): for commands whose
    human-readable output quotes file names, OCR text or answers throughout. JSON goes through :func:`json_line`
    to the raw stream instead (``\\x1b`` is no JSON escape)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text, newlines=True))

    def flush(self) -> None:
        self.stream.flush()


def checks_summary(view: ChecksView) -> str:
    """How many checks a comparison ran passed, found alarms, found notes only (:mod:`docexam.workbench.checks`), in
    the reader's language; "checks not recorded" for a comparison stored before they were."""
    from docexam.i18n import _, ngettext
    from docexam.workbench.checks import Outcome

    if view.lines is None:
        return _("checks not recorded (stored by an earlier version)")
    passed = view.count(Outcome.PASSED)
    parts = [ngettext("{n} check passed", "{n} checks passed", passed).format(n=passed)]
    if alarmed := view.count(Outcome.ALARM):
        parts.append(ngettext("{n} with alarms", "{n} with alarms", alarmed).format(n=alarmed))
    if noted := view.count(Outcome.NOTE):
        parts.append(ngettext("{n} with notes only", "{n} with notes only", noted).format(n=noted))
    return ", ".join(parts)
