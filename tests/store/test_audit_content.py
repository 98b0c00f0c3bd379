"""What an audit entry records, in words (the workstation's audit list expands an entry to these lines; no Qt)."""

from __future__ import annotations

from docexam.store.audit import AuditLine, Entry, canonical, describe


def entry(action: str, detail: dict) -> Entry:
    return Entry("c", 4, "2026-12-04T10:00:00+00:00", "A. Examiner", action, canonical(detail), "0" * 64, "1" * 64)


def lines(e: Entry) -> list[str]:
    return [str(x) for x in e.content]


def test_two_verdicts_are_told_apart_by_verdict_reason_and_status():
    first = entry("case.verdict", {"verdict": "genuine", "note": None, "previous": None, "status": "concluded",
                                   "previous_status": "open", "state": "ab" * 32})
    second = entry("case.verdict", {"verdict": "forged/altered", "note": "photo substituted", "previous": "genuine",
                                    "status": "concluded", "previous_status": "concluded", "state": "cd" * 32})
    assert lines(first) == ["verdict: genuine", "reason: none given (recorded without a reason)",
                            "status: open → concluded", "case state: sha256 abababababababab…"]
    assert lines(second) == ["verdict: forged/altered", "reason: photo substituted", "previous verdict: genuine",
                             "status: concluded → concluded", "case state: sha256 cdcdcdcdcdcdcdcd…"]
    assert (first.headline, second.headline) == ("case.verdict: genuine", "case.verdict: forged/altered")


def test_an_older_verdict_entry_without_status_reads_too():
    old = entry("case.verdict", {"verdict": "pseudo", "note": "x", "previous": None, "state": "00" * 32})
    assert lines(old)[:2] == ["verdict: pseudo", "reason: x"] and not any(x.startswith("status") for x in lines(old))


def test_a_capture_names_its_file_and_light_first():
    e = entry("capture.add", {"capture": "u-1", "light": "uv", "sha256": "f" * 64, "size": 1234,
                              "source_name": "scan-uv.png", "state": "00" * 32})
    assert lines(e)[:3] == ["file: scan-uv.png", "light: uv", "bytes: 1234"]
    assert e.headline == "capture.add: scan-uv.png"


def test_a_withdrawal_says_what_and_why_and_unknown_actions_show_every_key():
    w = entry("case.verdict_withdrawn", {"previous": "genuine", "reason": "wrong series", "previous_note": "ok",
                                         "status": "reopened", "previous_status": "concluded"})
    assert lines(w) == ["withdrawn verdict: genuine", "why: wrong series", "its reason: ok",
                        "status: concluded → reopened"]
    assert describe("new.action", {"b": [1, 2], "a": "x"}) == (AuditLine("a", "x"), AuditLine("b", "1, 2"))
    assert entry("case.note", {}).headline == "case.note"


def test_an_entry_round_trips_and_a_detail_that_is_not_an_object_reads_as_empty():
    e = entry("case.note", {"text": "UV shows a second laminate"})
    assert Entry.from_dict(e.to_dict()) == e
    assert AuditLine.from_dict(AuditLine("a", "b").to_dict()) == AuditLine("a", "b")
    assert Entry("c", 1, "t", "x", "case.note", "[1]", "0", "1").content == ()
    assert Entry("c", 1, "t", "x", "case.note", "not json", "0", "1").details == {}
