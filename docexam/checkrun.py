"""One check a comparison ran in one light and what it found: made by the comparison (``docexam.compare``), stored
with it and read back by the store (``docexam.store.records``), listed by the report. It lives below both floors so
that the two share one type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from docexam.i18n import N_

#: A light's registration as a check (its method and residual filled in); the report words it in its own language.
REGISTRATION_LABEL = N_("registration to the specimen ({method}, residual {residual} px)")


class Outcome(StrEnum):
    """How a check ended: a light's registration, nothing found, notes only, or at least one alarm."""

    REGISTERED = "registered"
    PASSED = "passed"
    NOTE = "note"
    ALARM = "alarm"


@dataclass(frozen=True)
class CheckRun:
    """One check a comparison ran in one light, and what it found: its findings and how many are alarms. A check
    that ran and found nothing is the positive support of a "genuine" conclusion, so the report lists them all.

    ``check`` is a stable code (:data:`docexam.compare.performed.CHECKS`), ``label`` the examiner's words;
    ``light`` is None for checks of the document as a whole (the MRZ against the VIZ).
    """

    check: str
    light: str | None
    label: str
    findings: int = 0
    alarms: int = 0

    @property
    def state(self) -> Outcome:
        """How it ended (:class:`Outcome`): the one rule the report, the workstation and the command line word."""
        if self.check.startswith("registration:"):
            return Outcome.REGISTERED
        if not self.findings:
            return Outcome.PASSED
        return Outcome.ALARM if self.alarms else Outcome.NOTE

    @property
    def notes(self) -> int:
        """Its findings that are notes, not alarms."""
        return self.findings - self.alarms

    @property
    def outcome(self) -> str:
        """"registered" for a light's registration, "passed", or how many alarms and notes it found."""
        if self.state in (Outcome.REGISTERED, Outcome.PASSED):
            return self.state.value
        return ", ".join(([f"{self.alarms} alarm(s)"] if self.alarms else [])
                         + ([f"{self.notes} note(s)"] if self.notes else []))

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "light": self.light, "label": self.label, "findings": self.findings,
                "alarms": self.alarms}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CheckRun:
        """A stored check, read leniently: a missing label is its code, missing counts are 0."""
        light = d.get("light")
        n, alarms = d.get("findings"), d.get("alarms")
        return cls(str(d.get("check") or ""), str(light) if light else None, str(d.get("label") or d.get("check") or ""),
                   int(n) if isinstance(n, (int, float)) else 0, int(alarms) if isinstance(alarms, (int, float)) else 0)
