"""Finding cases in the store, as the case browser filters them (Qt-free)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docexam.i18n import _
from docexam.verdicts import Verdict

if TYPE_CHECKING:
    from docexam.store.store import CaseSummary, Store

#: The verdict filter's choice for cases without a verdict yet.
NO_VERDICT = "none"


def _date(name: str, value: str | dt.date | None) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(_("{name} must be a date as YYYY-MM-DD, got {value}").format(
            name=name, value=repr(value))) from None


@dataclass(frozen=True)
class CaseFilter:
    """What the examiner typed in the case browser. Empty fields do not filter.

    ``text`` matches the case reference, title, document number or holder; ``number``, ``holder`` and ``state``
    are exact (holder: its words, in any case); ``verdict`` is a :class:`~docexam.verdicts.Verdict` value or
    :data:`NO_VERDICT`; ``since`` and ``until`` bound the day the case was opened, both included.
    """

    text: str = ""
    number: str = ""
    holder: str = ""
    state: str = ""
    verdict: str = ""
    since: dt.date | str | None = None
    until: dt.date | str | None = None

    def __post_init__(self) -> None:
        since, until = _date("since", self.since), _date("until", self.until)
        if since and until and since > until:
            raise ValueError(_("the date range is empty: since {since} is after until {until}").format(
                since=since, until=until))
        object.__setattr__(self, "since", since)
        object.__setattr__(self, "until", until)
        allowed = [v.value for v in Verdict] + [NO_VERDICT]
        if self.verdict and self.verdict not in allowed:
            raise ValueError(_("verdict must be one of {names}, got {verdict}").format(
                names=', '.join(allowed), verdict=repr(self.verdict)))
        state = self.state.strip().upper()
        if state and not (len(state) == 3 and state.replace("<", "").isalpha()):
            raise ValueError(_("state must be a three-letter code such as UTO, got {state}").format(
                state=repr(self.state)))
        object.__setattr__(self, "state", state)

    def search(self, store: Store, *, limit: int = 500) -> list[CaseSummary]:
        """The matching cases, most recently changed first, at most ``limit``."""
        since, until = _date("since", self.since), _date("until", self.until)  # dates by now (__post_init__)
        found = store.list_cases(
            query=self.text.strip() or None, number=self.number.strip() or None, holder=self.holder.strip() or None,
            state=self.state or None, since=since.isoformat() if since else None,
            until=until.isoformat() if until else None, limit=None if self.verdict else limit)
        if self.verdict == NO_VERDICT:
            found = [c for c in found if not c.verdict]
        elif self.verdict:
            found = [c for c in found if c.verdict == self.verdict]
        return found[:limit]


def changed_on(store: Store, day: dt.date) -> list[CaseSummary]:
    """The cases last changed on ``day`` in local time (the store keeps UTC), most recently changed first: the
    checkpoint's end-of-day bundle. A case changed at 00:30 local time east of Greenwich counts on its local day, not
    on the UTC day before."""
    if not isinstance(day, dt.date):
        raise ValueError(f"day must be a datetime.date, got {day!r}")
    return [c for c in store.list_cases() if dt.datetime.fromisoformat(c.updated_at).astimezone().date() == day]
