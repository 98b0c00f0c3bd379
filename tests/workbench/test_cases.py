"""The case browser's filter: each field narrows the list, and bad input is refused with a message."""

import pytest

from docexam.store import Store
from docexam.workbench.cases import NO_VERDICT, CaseFilter
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "specimens"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from docexam.workbench.tasks import import_capture

    s = Store.open(tmp_path_factory.mktemp("db") / "cases.db", actor="examiner-1")
    a = s.create_case("Passport, border post 4")
    import_capture(s, a.id, SAMPLE / "td3-genuine" / "visible.jpg", light="visible")
    s.set_verdict(a.id, "genuine")
    b = s.create_case("Identity card, airport")
    import_capture(s, b.id, SAMPLE / "td1-genuine" / "visible.jpg", light="visible")
    s.create_case("Visa sticker")
    yield s
    s.close()


def titles(cases):
    return sorted(c.title for c in cases)


def test_an_empty_filter_lists_every_case(store):
    assert titles(CaseFilter().search(store)) == ["Identity card, airport", "Passport, border post 4", "Visa sticker"]


def test_each_field_narrows_the_list(store):
    passport = store.show(store.list_cases(query="Passport")[0].id).to_dict()["documents"][0]
    assert titles(CaseFilter(text="airport").search(store)) == ["Identity card, airport"]
    assert titles(CaseFilter(number=passport["number"]).search(store)) == ["Passport, border post 4"]
    assert titles(CaseFilter(holder=passport["holder"].lower()).search(store)) == ["Passport, border post 4"]
    assert titles(CaseFilter(state=passport["issuing_state"].lower()).search(store)) != []
    assert titles(CaseFilter(verdict="genuine").search(store)) == ["Passport, border post 4"]
    assert titles(CaseFilter(verdict=NO_VERDICT).search(store)) == ["Identity card, airport", "Visa sticker"]
    assert titles(CaseFilter(until="2000-01-01").search(store)) == []
    assert len(CaseFilter().search(store, limit=2)) == 2


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "28.11.2026"}, "since must be a date as YYYY-MM-DD"),
    ({"since": "2026-12-01", "until": "2026-11-01"}, "the date range is empty"),
    ({"verdict": "fake"}, "verdict must be one of"),
    ({"state": "Utopia"}, "three-letter code"),
])
def test_bad_filters_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CaseFilter(**kwargs)


def test_dates_are_parsed(store):
    f = CaseFilter(since=TODAY.isoformat())
    assert f.since == TODAY


def test_the_days_cases_are_counted_in_local_time_not_utc(tmp_path, monkeypatch):
    import datetime as dt
    import time

    import docexam.store.store as store_module
    from docexam.workbench.cases import changed_on

    s = Store.open(tmp_path / "cases.db", actor="checkpoint")
    try:
        for title, at in (("before local midnight", "2026-12-03T10:59:00+00:00"),  # 23:59 at UTC+13
                          ("after local midnight", "2026-12-03T11:30:00+00:00"),  # 00:30 the next local day
                          ("late that day", "2026-12-04T10:00:00+00:00")):
            monkeypatch.setattr(store_module, "now", lambda at=at: at)
            s.create_case(title)
        monkeypatch.setenv("TZ", "CHECKPOINT-13")  # a checkpoint at UTC+13 (POSIX: hours west of Greenwich)
        time.tzset()
        assert [c.title for c in changed_on(s, dt.date(2026, 12, 4))] == ["late that day", "after local midnight"]
        assert titles(changed_on(s, dt.date(2026, 12, 3))) == ["before local midnight"]
        with pytest.raises(ValueError, match="day must be a datetime.date"):
            changed_on(s, "2026-12-04")
    finally:
        monkeypatch.undo()
        time.tzset()
        s.close()
