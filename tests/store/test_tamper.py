"""Changes made behind docexam's back, with raw SQL: verify() must fail and say what it found."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from tests.store.conftest import reading


@pytest.fixture
def filled(store, images):
    """A store with two cases, their documents, captures, a finding and verdicts; verify() passes on it."""
    one = store.create_case("Passport UTO")
    two = store.create_case("ID card")
    store.attach(one.id, images["ir"], light="ir")
    store.record_reading(one.id, images["visible"], reading("WETOR OSO", "VANSEN QUIMA", "R03753663"))
    store.set_verdict(one.id, "counterfeit")
    store.attach(two.id, images["uv"], light="uv")
    store.add_note(two.id, "second look tomorrow")
    report = store.verify()
    assert report.ok, report.problems
    return store, one, two


def sql(store, statement: str, **params) -> int:
    with store.engine.begin() as conn:
        return conn.execute(text(statement), params).rowcount


def problems(store) -> list[str]:
    report = store.verify()
    assert not report.ok
    return report.problems


def test_edited_audit_detail(filled):
    store, one, _ = filled
    n = sql(store, "UPDATE audit SET detail = :d WHERE chain = :c AND action = 'case.verdict'",
            d='{"note":null,"previous":null,"verdict":"genuine"}', c=one.uid)
    assert n == 1
    found = problems(store)
    assert any(re.search(rf"chain {one.uid}: entry \d+ \(case.verdict, .*\) was altered", p) for p in found), found


def test_edited_audit_actor(filled):
    store, one, _ = filled
    assert sql(store, "UPDATE audit SET actor = 'someone else' WHERE chain = :c AND seq = 1", c=one.uid) == 1
    assert any(f"chain {one.uid}: entry 1 (case.create" in p and "altered" in p for p in problems(store))


def test_store_chain_entry_edited_into_garbage(filled):
    # verify() must report it, not fall over on the JSON it can no longer read
    store, one, _ = filled
    assert sql(store, "UPDATE audit SET detail = 'garbage' WHERE chain = 'store' AND seq = 1") == 1
    found = problems(store)
    assert any("chain store: entry 1 (case.create" in p and "altered" in p for p in found), found


def test_last_audit_entry_deleted(filled):
    store, one, _ = filled
    last = sql(store, "DELETE FROM audit WHERE chain = :c AND seq = (SELECT max(seq) FROM audit WHERE chain = :c)", c=one.uid)
    assert last == 1
    found = problems(store)
    assert any(f"chain {one.uid}: the recorded head is entry" in p and "removed or added" in p for p in found), found


def test_middle_audit_entry_deleted(filled):
    store, one, _ = filled
    assert sql(store, "DELETE FROM audit WHERE chain = :c AND seq = 2", c=one.uid) == 1
    found = problems(store)
    assert any(f"chain {one.uid}: entry 2 is missing" in p for p in found), found


def test_audit_entry_added_with_head_moved(filled):
    # an entry forged in by hand, with the head moved to it: its hash cannot be right without recomputing
    store, one, _ = filled
    with store.engine.begin() as conn:
        seq, h = conn.execute(text("SELECT seq, hash FROM audit_heads WHERE chain = :c"), {"c": one.uid}).one()
        conn.execute(text("INSERT INTO audit (chain, seq, at, actor, action, detail, prev_hash, hash) "
                          "VALUES (:c, :s, '2026-11-28T00:00:00+00:00', 'x', 'case.verdict', '{}', :p, :h)"),
                     {"c": one.uid, "s": seq + 1, "p": h, "h": "f" * 64})
        conn.execute(text("UPDATE audit_heads SET seq = :s, hash = :h WHERE chain = :c"), {"c": one.uid, "s": seq + 1, "h": "f" * 64})
    found = problems(store)
    assert any(f"chain {one.uid}: entry {seq + 1} (case.verdict" in p and "altered" in p for p in found), found


def test_case_row_deleted(filled):
    store, one, two = filled
    assert sql(store, "DELETE FROM cases WHERE id = :i", i=two.id) == 1
    found = problems(store)
    assert any(f"case {two.uid} was opened here but is gone" in p for p in found), found
    assert not any(one.uid in p or one.reference in p for p in found), found


def test_image_bytes_changed(filled):
    store, one, _ = filled
    cap = store.show(one.id).to_dict()["captures"][0]
    data = bytearray(store.blob(cap["sha256"]))
    data[len(data) // 2] ^= 0xFF  # the same size, one byte different
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE blobs SET data = :d WHERE sha256 = :s"), {"d": bytes(data), "s": cap["sha256"]})
    found = problems(store)
    assert found == [f"image {cap['sha256'][:12]}... does not match its SHA-256 (altered or damaged)"]


def test_image_size_changed(filled):
    store, one, _ = filled
    cap = store.show(one.id).to_dict()["captures"][0]
    assert sql(store, "UPDATE blobs SET size = size + 1 WHERE sha256 = :s", s=cap["sha256"]) == 1
    assert any(cap["sha256"][:12] in p for p in problems(store))


def test_case_inserted_without_audit(filled):
    store, _, _ = filled
    sql(store, "INSERT INTO cases (uid, reference, title, examiner, status, notes, created_at, updated_at, origin) "
               "VALUES ('11111111-2222-3333-4444-555555555555', 'DX-2026-SNEAKY', 'planted', 'x', 'open', '', "
               "'2026-11-28T00:00:00+00:00', '2026-11-28T00:00:00+00:00', 'nowhere')")
    found = problems(store)
    assert "case DX-2026-SNEAKY has no audit trail" in found
    assert "case DX-2026-SNEAKY is not in the store's trail (added behind docexam's back)" in found


def test_audit_head_deleted(filled):
    store, one, _ = filled
    assert sql(store, "DELETE FROM audit_heads WHERE chain = :c", c=one.uid) == 1
    assert f"case {one.reference} has no audit trail" in problems(store)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE cases SET verdict = 'genuine' WHERE uid = :u",
        "UPDATE documents SET number = 'X0000000' WHERE case_id = (SELECT id FROM cases WHERE uid = :u)",
        "DELETE FROM captures WHERE document_id IN (SELECT id FROM documents WHERE case_id = (SELECT id FROM cases WHERE uid = :u))",
        "DELETE FROM findings WHERE case_id = (SELECT id FROM cases WHERE uid = :u)",
    ],
    ids=["verdict", "document number", "capture deleted", "finding deleted"],
)
def test_rows_changed_behind_docexams_back(filled, statement):
    store, one, two = filled
    assert sql(store, statement, u=one.uid) >= 1
    found = problems(store)
    assert any(f"case {one.reference}: its rows differ from the state its audit trail last recorded" in p for p in found), found
    assert not any(two.reference in p for p in found), "the untouched case must not be reported"


def test_no_change_is_written_over_rows_changed_behind_docexams_back(filled, tmp_path):
    # Otherwise the next change would record the edited rows' state, and the edit would pass verify from then on.
    from docexam.store import StoreError
    from docexam.store.bundle import export_cases

    store, one, two = filled
    sql(store, "UPDATE cases SET verdict = 'genuine' WHERE uid = :u", u=one.uid)
    before = [e["hash"] for e in store.show(one.id).to_dict()["audit"]]
    for change in (lambda: store.set_verdict(one.id, "counterfeit"), lambda: store.add_note(one.id, "more"),
                   lambda: export_cases(store, [one.id], tmp_path / "b.zip")):
        with pytest.raises(StoreError, match="changed behind docexam's back"):
            change()
    assert [e["hash"] for e in store.show(one.id).to_dict()["audit"]] == before and not (tmp_path / "b.zip").exists()
    store.add_note(two.id, "the other case is fine")  # an untouched case can still be worked on
