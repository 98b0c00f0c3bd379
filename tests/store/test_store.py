"""The case store's behaviour, on SQLite and on PostgreSQL: cases, verdicts, captures, readings, search, audit."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from docexam.imageio import ImageReadError
from docexam.store import CaseInputError, CaseNotFoundError, Verdict
from docexam.store import store as store_mod
from docexam.store.audit import GENESIS, STORE_CHAIN, entries, entry_hash
from docexam.store.store import state_hash
from tests.store.conftest import make_png, reading, row_counts


def trail(store, case) -> list:
    with store.engine.connect() as conn:
        return entries(conn, case.uid)


def store_trail(store) -> list:
    with store.engine.connect() as conn:
        return entries(conn, STORE_CHAIN)


# --- cases ---------------------------------------------------------------------------------------------------------


def test_create_list_show(store):
    first = store.create_case("Passport UTO L898902C3, border post 4", notes="brought in by the night shift")
    second = store.create_case("ID card ARC", examiner="B. Second")
    assert re.fullmatch(r"DX-\d{4}-[0-9A-F]{10}", first.reference) and first.reference != second.reference
    assert (first.examiner, second.examiner) == ("tester", "B. Second")
    assert first.status == "open" and first.verdict is None and (first.documents, first.captures) == (0, 0)
    # one case, by id, by reference, by uid (and by the id as text, as the command line gives it)
    for ident in (first.id, str(first.id), first.reference, first.uid, f"  {first.reference} "):
        assert store.case(ident) == first
    assert [c.reference for c in store.list_cases()] == [second.reference, first.reference]
    assert [c.reference for c in store.list_cases(limit=1)] == [second.reference]
    shown = store.show(first.reference).to_dict()
    assert shown["case"]["title"] == "Passport UTO L898902C3, border post 4"
    assert shown["case"]["notes"] == "brought in by the night shift"
    assert shown["documents"] == shown["captures"] == shown["findings"] == []
    assert [e["action"] for e in shown["audit"]] == ["case.create"]


def test_unknown_case_and_empty_title(store):
    store.create_case("a case")
    before = row_counts(store)
    with pytest.raises(CaseNotFoundError, match="DX-0000-NOPE"):
        store.case("DX-0000-NOPE")
    with pytest.raises(CaseNotFoundError):
        store.set_verdict(999999, "genuine")
    with pytest.raises(CaseInputError, match="title"):
        store.create_case("   ")
    assert row_counts(store) == before


def test_verdicts_standard_wordings_and_aliases(store):
    case = store.create_case("Passport")
    for v in Verdict:  # every standard wording, as written in reports
        assert store.set_verdict(case.id, v.value).verdict == v.value
    aliases = {
        "forged": "forged/altered", "Altered": "forged/altered", "FORGED": "forged/altered",
        "forged-altered": "forged/altered", "fraudulently_obtained": "fraudulently obtained",
        "Fraudulently-Obtained": "fraudulently obtained", " Genuine ": "genuine", "fantasy": "fantasy",
    }
    for given, stored in aliases.items():
        assert store.set_verdict(case.reference, given, note=f"from {given!r}").verdict == stored
    assert store.set_verdict(case.uid, Verdict.PSEUDO, note="the enum itself").verdict == "pseudo"
    shown = store.show(case.id).to_dict()
    assert shown["case"]["verdict"] == "pseudo" and shown["case"]["verdict_note"] == "the enum itself"
    details = [json.loads(e["detail"]) for e in shown["audit"] if e["action"] == "case.verdict"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", d.pop("state")) for d in details)  # each records the case's new state
    verdicts = details
    assert len(verdicts) == len(Verdict) + len(aliases) + 1
    assert verdicts[len(Verdict) + 1] == {"verdict": "forged/altered", "note": "from 'Altered'", "previous": "forged/altered",
                                          "status": "concluded", "previous_status": "concluded"}
    assert verdicts[0] == {"verdict": "genuine", "note": None, "previous": None, "status": "concluded",
                           "previous_status": "open"}
    assert all(b["previous"] == a["verdict"] for a, b in zip(verdicts, verdicts[1:]))


def test_bad_verdict_lists_the_choices_and_changes_nothing(store):
    case = store.create_case("Passport")
    store.set_verdict(case.id, "counterfeit")
    before = row_counts(store), store.show(case.id)
    with pytest.raises(CaseInputError) as err:
        store.set_verdict(case.id, "fake")
    message = str(err.value)
    assert "'fake'" in message
    for v in Verdict:
        assert v.value in message
    assert (row_counts(store), store.show(case.id)) == before


# --- captures ------------------------------------------------------------------------------------------------------


def test_attach_round_trip_byte_for_byte(store, images):
    case = store.create_case("Passport")
    ir = store.attach(case.id, images["ir"], light="ir", captured_at="2026-11-27T09:00:00+00:00")
    vis = store.attach(case.reference, images["visible"], light="VISIBLE")
    for cap, path in ((ir, images["ir"]), (vis, images["visible"])):
        data = path.read_bytes()
        assert cap["sha256"] == hashlib.sha256(data).hexdigest() and cap["size"] == len(data)
        assert store.blob(cap["sha256"]) == data
        assert cap["source_name"] == path.name
    assert (ir["light"], vis["light"]) == ("ir", "visible")
    assert ir["width"] > 0 and ir["height"] > 0 and ir["captured_at"] == "2026-11-27T09:00:00+00:00"
    assert ir["document_id"] == vis["document_id"]  # both of the questioned document, made on the first attach
    summary = store.case(case.id)
    assert (summary.documents, summary.captures) == (1, 2)
    shown = store.show(case.id).to_dict()
    assert [c["uid"] for c in shown["captures"]] == [ir["uid"], vis["uid"]]
    assert "data" not in shown["captures"][0]


def test_same_image_twice_is_stored_once(store, images, tmp_path):
    one = store.create_case("one")
    two = store.create_case("two")
    copy = tmp_path / "renamed.jpg"
    copy.write_bytes(images["ir"].read_bytes())
    a = store.attach(one.id, images["ir"], light="ir")
    b = store.attach(one.id, copy, light="other")
    c = store.attach(two.id, images["ir"], light="ir")
    assert a["sha256"] == b["sha256"] == c["sha256"] and len({a["uid"], b["uid"], c["uid"]}) == 3
    counts = row_counts(store)
    assert counts["blobs"] == 1 and counts["captures"] == 3
    store.attach(two.id, images["visible"], light="visible")
    assert row_counts(store)["blobs"] == 2
    assert store.blob(a["sha256"]) == images["ir"].read_bytes()
    assert store.verify().ok


@pytest.mark.parametrize("kind", ["text", "truncated-jpeg", "empty", "missing"])
def test_attach_of_a_non_image_changes_nothing(store, images, tmp_path, kind):
    case = store.create_case("Passport")
    store.attach(case.id, images["ir"], light="ir")
    path = tmp_path / "bad.jpg"
    if kind == "text":
        path.write_text("not an image at all\n")
    elif kind == "truncated-jpeg":
        data = images["visible"].read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "empty":
        path.write_bytes(b"")
    before = row_counts(store), store.show(case.id)
    with pytest.raises(ImageReadError):
        store.attach(case.id, path, light="uv")
    assert (row_counts(store), store.show(case.id)) == before


def test_first_attach_failing_leaves_no_document(store, tmp_path):
    case = store.create_case("Passport")
    bad = tmp_path / "x.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    before = row_counts(store)
    with pytest.raises(ImageReadError):
        store.attach(case.id, bad, light="visible")
    assert row_counts(store) == before and before["documents"] == 0
    assert [e.action for e in trail(store, case)] == ["case.create"]


def test_bad_light(store, images):
    case = store.create_case("Passport")
    before = row_counts(store)
    with pytest.raises(CaseInputError) as err:
        store.attach(case.id, images["ir"], light="infrared-ish")
    for light in ("visible", "uv", "ir", "coaxial", "transmitted", "other"):
        assert light in str(err.value)
    assert row_counts(store) == before


def test_missing_blob(store):
    from docexam.store import StoreError

    with pytest.raises(StoreError, match="no image"):
        store.blob("0" * 64)


# --- readings and search -------------------------------------------------------------------------------------------


class Clock:
    """Replaces docexam.store.store.now, so cases can be created on chosen days."""

    def __init__(self, monkeypatch) -> None:
        self.day = "2026-01-01"
        self.n = 0
        monkeypatch.setattr(store_mod, "now", self)

    def __call__(self) -> str:
        self.n += 1
        return f"{self.day}T10:00:{self.n // 1000000:02d}.{self.n % 1000000:06d}+00:00"


@pytest.fixture
def searchable(store, tmp_path, monkeypatch):
    """Three cases with documents filled from readings, created on three days, and one without any document."""
    clock = Clock(monkeypatch)
    made = {}
    for i, (day, title, r) in enumerate([
        ("2026-01-10", "Passport at border post 4", reading("WETOR OSO", "VANSEN QUIMA", "R03753663", "UTO", "1994-06-22")),
        ("2026-03-05", "Passport from the airport", reading("ERIKSSON", "ANNA MARIA", "L898902C3", "UTO", "1974-08-12")),
        ("2026-03-05", "Residence card", reading("MUSTERMANN", "ERIKA", "C01X00T47", "D", "1983-08-12", "2031-10-31")),
        ("2026-11-28", "Unread envelope", None),
    ]):
        clock.day = day
        case = store.create_case(title)
        if r is not None:
            store.record_reading(case.id, make_png(tmp_path / f"r{i}.png", i), r)
        made[title.split()[0] if i != 1 else "Airport"] = case
    return made


def refs(cases) -> list[str]:
    return [c.reference for c in cases]


def test_record_reading_fills_the_document(store, images):
    case = store.create_case("Passport")
    r = reading("WETOR OSO", "VANSEN QUIMA", "R03753663")
    finding = store.record_reading(case.id, images["ir"], r, light="ir")
    assert finding["kind"] == "mrz" and finding["source"] == "automatic" and finding["score"] == pytest.approx(0.9731)
    shown = store.show(case.id).to_dict()
    (doc,) = shown["documents"]
    assert doc["family"] == "td3" and doc["issuing_state"] == "UTO" and doc["number"] == "R03753663"
    assert doc["holder"] == "WETOR OSO VANSEN QUIMA" and doc["holder_key"] == "WETOR OSO VANSEN QUIMA"
    assert (doc["birth_date"], doc["expiry_date"]) == ("1994-06-22", "2036-04-30")
    assert doc["mrz"] == "\n".join(r["lines"])
    (cap,) = shown["captures"]
    assert cap["light"] == "ir" and store.blob(cap["sha256"]) == images["ir"].read_bytes()
    (f,) = shown["findings"]
    assert f["detail"] == r and f["capture_id"] == cap["id"] and f["document_id"] == doc["id"]
    assert [e["action"] for e in shown["audit"]] == ["case.create", "document.add", "capture.add", "finding.add", "document.update"]
    # a second reading never overwrites what the first filled
    store.record_reading(case.id, images["visible"], reading("OTHER", "NAME", "X00000000", "ZZZ"))
    (doc,) = store.show(case.id).to_dict()["documents"]
    assert doc["number"] == "R03753663" and doc["holder"] == "WETOR OSO VANSEN QUIMA"


def test_record_reading_of_a_bad_image_changes_nothing(store, tmp_path):
    case = store.create_case("Passport")
    bad = tmp_path / "bad.jpg"
    bad.write_text("nope")
    before = row_counts(store)
    with pytest.raises(ImageReadError):
        store.record_reading(case.id, bad, reading("A", "B", "C"))
    assert row_counts(store) == before


def test_search_by_query(store, searchable):
    s = searchable
    assert refs(store.list_cases(query="border post")) == refs([s["Passport"]])
    assert refs(store.list_cases(query="PASSPORT")) == refs([s["Airport"], s["Passport"]])  # newest first
    assert refs(store.list_cases(query="l898902")) == refs([s["Airport"]])  # a document number, any case
    assert refs(store.list_cases(query="vansen quima")) == refs([s["Passport"]])  # holder words
    assert refs(store.list_cases(query="wetor<oso")) == refs([s["Passport"]])  # written as in the MRZ
    assert refs(store.list_cases(query=s["Residence"].reference.lower())) == refs([s["Residence"]])
    assert store.list_cases(query="nobody such") == []


def test_search_by_number_holder_state(store, searchable):
    s = searchable
    assert refs(store.list_cases(number="R03753663")) == refs([s["Passport"]])
    assert refs(store.list_cases(number=" r03753663 ")) == refs([s["Passport"]])
    assert store.list_cases(number="R0375366") == []  # exact, not a prefix
    assert refs(store.list_cases(holder="anna maria")) == refs([s["Airport"]])
    assert refs(store.list_cases(holder="Eriksson Anna")) == refs([s["Airport"]])
    assert store.list_cases(holder="anna eriksson") == []  # words in order
    assert refs(store.list_cases(state="uto")) == refs([s["Airport"], s["Passport"]])
    assert refs(store.list_cases(state="D")) == refs([s["Residence"]])
    assert refs(store.list_cases(state="UTO", holder="wetor")) == refs([s["Passport"]])
    assert store.list_cases(state="D", number="R03753663") == []


def test_search_by_date(store, searchable):
    s = searchable
    all_refs = refs(store.list_cases())
    assert all_refs == refs([s["Unread"], s["Residence"], s["Airport"], s["Passport"]])
    assert refs(store.list_cases(since="2026-03-05")) == refs([s["Unread"], s["Residence"], s["Airport"]])
    assert refs(store.list_cases(until="2026-03-05")) == refs([s["Residence"], s["Airport"], s["Passport"]])
    assert refs(store.list_cases(since="2026-03-05", until="2026-03-05")) == refs([s["Residence"], s["Airport"]])
    assert refs(store.list_cases(since="2026-03-06", until="2026-11-27")) == []
    assert refs(store.list_cases(since="2026-01-01", until="2026-01-10", query="passport")) == refs([s["Passport"]])
    with pytest.raises(CaseInputError, match="YYYY-MM-DD"):
        store.list_cases(until="yesterday")


def test_summaries_count_documents_and_captures(store, searchable, images):
    s = searchable
    store.attach(s["Passport"].id, images["uv"], light="uv")
    by_ref = {c.reference: c for c in store.list_cases()}
    assert (by_ref[s["Passport"].reference].documents, by_ref[s["Passport"].reference].captures) == (1, 2)
    assert (by_ref[s["Unread"].reference].documents, by_ref[s["Unread"].reference].captures) == (0, 0)


# --- audit trail ---------------------------------------------------------------------------------------------------


def test_audit_trail_order_and_content(store, images):
    case = store.create_case("Passport", examiner="A. Examiner")
    other = store.create_case("Other")
    cap = store.attach(case.id, images["ir"], light="ir")
    store.set_verdict(case.id, "forged", note="photo substituted")
    store.add_note(case.id, "UV shows a second laminate")
    store.attach(other.id, images["uv"], light="uv")  # another case: its own chain
    finding = store.add_finding(case.id, kind="laminate", detail={"text": "edge lifted"}, source="examiner",
                                light="uv", region=[1, 2, 3, 4], score=0.5, capture_uid=cap["uid"])
    items = trail(store, case)
    assert [e.action for e in items] == ["case.create", "document.add", "capture.add", "case.verdict", "case.note", "finding.add"]
    assert [e.seq for e in items] == [1, 2, 3, 4, 5, 6]
    assert {e.actor for e in items} == {"tester"} and {e.chain for e in items} == {case.uid}
    assert items[0].prev_hash == GENESIS
    for a, b in zip(items, items[1:]):
        assert b.prev_hash == a.hash and b.at >= a.at
    for e in items:
        assert e.hash == entry_hash(e.prev_hash, e.chain, e.seq, e.at, e.actor, e.action, e.detail)
    details = [json.loads(e.detail) for e in items]
    states = [d.pop("state") for d in details]  # every entry records the case's state after the change
    assert all(re.fullmatch(r"[0-9a-f]{64}", x) for x in states) and len(set(states)) == len(states)
    assert states[-1] == state_hash(case_rows_now(store, case.id))
    assert details[0] == {"reference": case.reference, "title": "Passport", "examiner": "A. Examiner", "origin": store.origin}
    assert details[2] == {"capture": cap["uid"], "light": "ir", "sha256": cap["sha256"], "size": cap["size"], "source_name": "ir.jpg"}
    assert details[3] == {"verdict": "forged/altered", "note": "photo substituted", "previous": None,
                          "status": "concluded", "previous_status": "open"}
    assert details[4] == {"text": "UV shows a second laminate"}
    assert details[5]["finding"] == finding["uid"] and details[5]["kind"] == "laminate" and details[5]["source"] == "examiner"
    assert details[5]["sha256"] == hashlib.sha256(finding["detail"].encode()).hexdigest()
    assert store.case(case.id).updated_at == items[-1].at
    assert [e.action for e in trail(store, other)] == ["case.create", "document.add", "capture.add"]
    st = store_trail(store)
    assert [(e.action, json.loads(e.detail)["case"]) for e in st] == [("case.create", case.uid), ("case.create", other.uid)]
    assert store.show(case.id).to_dict()["audit"] == [e.to_dict() for e in items]


def case_rows_now(store, case_id):
    from docexam.store.store import case_rows

    with store.engine.connect() as conn:
        return case_rows(conn, case_id)


def test_audit_actor_is_the_stores(store_url, images):
    from docexam.store import Store

    with Store.open(store_url, actor="first") as a:
        case = a.create_case("Passport")
    with Store.open(store_url, actor="second") as b:
        b.attach(case.id, images["ir"], light="ir")
        assert [(e.action, e.actor) for e in trail(b, case)] == [("case.create", "first"), ("document.add", "second"), ("capture.add", "second")]
        assert b.verify().ok


def test_verify_passes_on_a_normal_store(store, images, tmp_path):
    one = store.create_case("one")
    two = store.create_case("two")
    store.create_case("three, empty")
    store.attach(one.id, images["ir"], light="ir")
    store.attach(one.id, images["visible"], light="visible")
    store.record_reading(two.id, images["ir"], reading("WETOR OSO", "VANSEN QUIMA", "R03753663"), light="ir")
    store.set_verdict(two.id, "genuine")
    report = store.verify()
    assert report.ok, report.problems
    assert (report.cases, report.captures, report.blobs, report.chains) == (3, 3, 2, 4)


def test_verify_on_an_empty_store(store):
    report = store.verify()
    assert report.ok and (report.cases, report.captures, report.blobs, report.chains) == (0, 0, 0, 0)


def test_search_wildcards_typed_are_searched_for(store, searchable):
    # % and _ typed in a search match themselves: "%" alone is not "every case"
    assert store.list_cases(query="%") == [] and store.list_cases(query="_") == []
    assert store.list_cases(holder="%") == []
    case = store.create_case("Lot 4_B: 100% counterfeit")
    assert refs(store.list_cases(query="4_B")) == refs([case]) and refs(store.list_cases(query="100%")) == refs([case])


def test_a_reader_neither_waits_for_a_writer_nor_blocks_one(tmp_path):
    """SQLite: readers begin DEFERRED (a WAL snapshot), writers IMMEDIATE."""
    import time

    from docexam.store import Store

    url = f"sqlite:///{tmp_path}/cases.sqlite"
    with Store.open(url) as writer, Store.open(url) as other:
        case = writer.create_case("held")
        with writer.engine.connect() as conn:
            trans = conn.begin()  # a writer holding the write lock...
            conn.exec_driver_sql("UPDATE cases SET notes = 'busy'")
            t = time.perf_counter()
            assert refs(other.list_cases()) == refs([case])  # ...does not hold up a reader
            assert other.show(case.id).to_dict()["case"]["notes"] == ""  # which sees the last committed state
            assert time.perf_counter() - t < 2.0
            trans.rollback()
        with other._reader.connect() as conn:  # and a reader in a transaction does not hold up a writer
            conn.exec_driver_sql("SELECT count(*) FROM cases").scalar()
            t = time.perf_counter()
            writer.set_verdict(case.id, "genuine")
            assert time.perf_counter() - t < 2.0


def test_reference_specimens_and_training_attempts(store):
    spec = store.add_specimen(family="td3", name="UTO passport, 2026 series", lights=["visible", "uv", "ir"],
                              regions=[{"name": "photo", "box": [10, 20, 300, 400], "expect": {"uv": "no glow"}}])
    assert store.specimens(family="td3") == [spec] and store.specimens(family="td1") == []
    with pytest.raises(CaseInputError, match="unknown light"):
        store.add_specimen(family="td3", name="x", lights=["infrared"], regions=[])
    with pytest.raises(CaseInputError, match="a region must be"):
        store.add_specimen(family="td3", name="x", lights=["uv"], regions=[{"name": "photo"}])
    store.record_attempt(exercise="pack-1", trainee="T. Rainee", answers={"doc-0001": {"verdict": "genuine"}}, score=0.5)
    store.record_attempt(exercise="pack-2", trainee="T. Rainee", answers={}, score=1.0)
    with pytest.raises(CaseInputError, match="between 0 and 1"):
        store.record_attempt(exercise="pack-1", trainee="T. Rainee", answers={}, score=50)
    assert [a["score"] for a in store.attempts(trainee="T. Rainee")] == [0.5, 1.0]
    assert [a["exercise"] for a in store.attempts(exercise="pack-1")] == ["pack-1"]
    assert [e.action for e in store_trail(store)] == ["specimen.add", "attempt.add", "attempt.add"]
    assert store.verify().ok


def test_a_comparison_is_stored_whole_or_not_at_all(store, images, tmp_path):
    case = store.create_case("comparison")
    findings = [{"kind": "portrait", "light": light, "bbox": [71, 154, 378, 484], "score": 1.0, "region": "portrait",
                 "detail": "glued photograph", "alarm": True} for light in ("visible", "uv", "ir")]
    summary = {"reference": "reference/td3", "aligned": {"visible": {"residual_px": 0.1}}, "alarms": 3}
    before = row_counts(store)
    broken = dict(images, uv=tmp_path / "missing.jpg")  # the second image fails after the first was attached
    with pytest.raises((CaseInputError, ImageReadError, OSError)):
        store.record_comparison(case.id, broken, summary, findings)
    assert row_counts(store) == before
    row = store.record_comparison(case.id, images, summary, findings)
    shown = store.show(case.id).to_dict()
    by_kind = {}
    for f in shown["findings"]:
        by_kind.setdefault(f["kind"], []).append(f)
    assert len(by_kind["comparison"]) == 1 and by_kind["comparison"][0]["uid"] == row["uid"]
    assert sorted(f["light"] for f in by_kind["portrait"]) == ["ir", "uv", "visible"]
    assert all(f["source"] == "automatic" and f["score"] == 1.0 for f in by_kind["portrait"])
    assert len(shown["captures"]) == 3
    assert store.verify().ok


# --- the review state ----------------------------------------------------------------------------------------------


def test_status_follows_the_review_a_verdict_concludes_a_withdrawal_reopens(store):
    case = store.create_case("Passport")
    assert store.case(case.id).status == "open"
    concluded = store.set_verdict(case.id, "forged", note="photo substituted")
    assert (concluded.status, concluded.verdict) == ("concluded", "forged/altered")
    reopened = store.withdraw_verdict(case.reference, reason="the reference was the wrong series")
    assert (reopened.status, reopened.verdict) == ("reopened", None)
    assert store.show(case.id).case.verdict_note is None
    again = store.set_verdict(case.id, "genuine", note="right series")
    assert again.status == "concluded"
    items = trail(store, case)
    assert [e.action for e in items][-3:] == ["case.verdict", "case.verdict_withdrawn", "case.verdict"]
    withdrawn = items[-2].details
    assert withdrawn["previous"] == "forged/altered" and withdrawn["previous_note"] == "photo substituted"
    assert (withdrawn["previous_status"], withdrawn["status"]) == ("concluded", "reopened")
    assert store.verify().ok  # the rows changed only with their audit entries


def test_a_withdrawal_needs_a_reason_and_a_verdict(store):
    case = store.create_case("Passport")
    with pytest.raises(CaseInputError, match="no verdict to withdraw"):
        store.withdraw_verdict(case.id, reason="second look")
    store.set_verdict(case.id, "genuine", note="all checks pass")
    with pytest.raises(CaseInputError, match="say why"):
        store.withdraw_verdict(case.id, reason="  ")
    assert store.case(case.id).status == "concluded" and len(trail(store, case)) == 2


def test_a_blank_reason_is_stored_as_none_given(store):
    case = store.create_case("Passport")
    store.set_verdict(case.id, "genuine", note="   ")
    assert store.show(case.id).case.verdict_note is None
    assert trail(store, case)[-1].details["note"] is None
