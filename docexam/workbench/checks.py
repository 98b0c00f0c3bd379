"""What the open case's newest comparison checked, light by light, with each check's outcome, and what it could not
check: the rows the workstation's "Checks performed" dialog shows (the PDF report lists the same,
``docexam.report.pdf``, its checks table). A check that ran and found nothing is the positive support of a
"genuine" conclusion, so the examiner sees every one, not only the findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docexam.checkrun import REGISTRATION_LABEL, Outcome

if TYPE_CHECKING:
    from docexam.store.records import ComparisonRecord

__all__ = ["CheckLine", "ChecksView", "Outcome", "checks_view"]


@dataclass(frozen=True)
class CheckLine:
    """One check in one light (``light`` None: the document as a whole), its label in the reader's language."""

    light: str | None
    label: str
    outcome: Outcome
    alarms: int = 0
    notes: int = 0


@dataclass(frozen=True)
class ChecksView:
    """The checks of a stored comparison and what it could not check, in the reader's language. ``lines`` is None
    for a comparison stored before the checks were recorded (which is not "no check ran")."""

    lines: tuple[CheckLine, ...] | None
    not_checked: tuple[str, ...] = ()

    def count(self, outcome: Outcome) -> int:
        """How many checks ended with ``outcome``."""
        return sum(1 for c in self.lines or () if c.outcome is outcome)


def _default_number(value: float) -> str:
    return f"{value:.2f}"


def checks_view(record: ComparisonRecord, gettext: Callable[[str], str] | None = None, *,
                number: Callable[[float], str] = _default_number) -> ChecksView:
    """The checks ``record`` ran and what it could not check, worded with ``gettext`` (English without one) and its
    figures written with ``number`` (the reader's decimal sign)."""
    words = gettext if gettext is not None else (lambda s: s)
    notes = tuple(record.mrz.note_words(gettext)) if record.mrz is not None else ()
    if record.checks is None:
        return ChecksView(None, notes)
    lines = []
    for c in record.checks:
        label = words(c.label)
        a = record.aligned.get(c.light) if c.light else None
        if c.state is Outcome.REGISTERED and a is not None:
            label = words(REGISTRATION_LABEL).format(
                method=a.method, residual=number(a.residual_px) if a.residual_px is not None else "-")
        lines.append(CheckLine(c.light, label, c.state, c.alarms, c.notes))
    return ChecksView(tuple(lines), notes)
