"""Accounts, roles and signed audit entries (issue 22): who may do what, and history that cannot be rewritten."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text, update

from docexam.store import Store, audit
from docexam.store.accounts import AccessError, AccountInputError, SignInError, add_user, disable_user, list_users
from docexam.store.schema import audit as audit_table
from docexam.store.schema import audit_heads
from tests.store.conftest import row_counts

ADMIN, EXAMINER, TRAINEE, TRAINER = "Ana Adoro", "Eli Examo", "Tio Trainu", "Ria Trena"
PASS = {ADMIN: "admin passphrase", EXAMINER: "examiner passphrase", TRAINEE: "trainee passphrase",
        TRAINER: "trainer passphrase"}


@pytest.fixture
def staffed(store_url):
    """A store with an administrator, an examiner, a trainer and a trainee; returned signed in as nobody."""
    with Store.open(store_url, actor="installer") as s:
        add_user(s, ADMIN, "administrator", PASS[ADMIN])  # the first account: no sign-in
        add_user(s, EXAMINER, "examiner", PASS[EXAMINER])
        add_user(s, TRAINER, "trainer", PASS[TRAINER])
        add_user(s, TRAINEE, "trainee", PASS[TRAINEE])
    return store_url


def signed_in(url, name) -> Store:
    return Store.open(url, user=name, passphrase=PASS[name])


def test_a_store_without_accounts_works_as_before(store):
    case = store.create_case("Passport UTO")
    (entry,) = store.show(case.id).audit
    assert entry.actor == "tester" and entry.signer is None and entry.signature is None
    assert not store.has_accounts() and store.verify().ok


def test_the_first_account_is_the_administrator_and_signs_its_own_creation(store):
    with pytest.raises(AccountInputError, match="first account of a store is its administrator"):
        add_user(store, EXAMINER, "examiner", PASS[EXAMINER])
    assert not store.has_accounts()
    user = add_user(store, ADMIN, "administrator", PASS[ADMIN])
    assert user.role.value == "administrator" and store.actor == ADMIN
    with store.engine.connect() as conn:
        last = audit.entries(conn, audit.STORE_CHAIN)[-1]
    assert last.action == "user.add" and last.actor == ADMIN and last.signature is not None
    assert store.verify().ok


def test_a_change_without_sign_in_is_refused_and_nothing_changes(staffed):
    with Store.open(staffed, actor="someone") as s:
        before = row_counts(s)
        with pytest.raises(AccessError, match="sign in to open cases"):
            s.create_case("Passport UTO")
        assert row_counts(s) == before


def test_a_wrong_passphrase_is_refused(staffed):
    with pytest.raises(SignInError, match="wrong passphrase"):
        Store.open(staffed, user=EXAMINER, passphrase="not the passphrase")
    with pytest.raises(SignInError, match="no such account"):
        Store.open(staffed, user="Nobody Here", passphrase=PASS[EXAMINER])


def test_the_signed_in_examiner_acts_and_signs(staffed):
    with signed_in(staffed, EXAMINER) as s:
        case = s.create_case("Passport UTO")
        s.add_note(case.id, "seen under UV")
        trail = s.show(case.id).audit
        assert {e.actor for e in trail} == {EXAMINER} and all(e.signature for e in trail)
        assert s.case(case.id).examiner == EXAMINER
        assert s.verify().ok


def test_roles_limit_what_a_user_may_do(staffed):
    with signed_in(staffed, TRAINEE) as s:
        before = row_counts(s)
        with pytest.raises(AccessError, match="trainee and may not open cases"):
            s.create_case("Passport UTO")
        with pytest.raises(AccessError, match="may not add accounts"):
            add_user(s, "Mio Neuva", "examiner", "another passphrase")
        assert row_counts(s) == before
    with signed_in(staffed, EXAMINER) as s:
        with pytest.raises(AccessError, match="examiner and may not add accounts"):
            add_user(s, "Mio Neuva", "examiner", "another passphrase")


def test_a_trainee_never_reads_exercise_keys(staffed):
    keys = {"doc-001": {"verdict": "genuine"}, "doc-002": {"verdict": "forged", "alterations": [{"kind": "photo"}]}}
    with signed_in(staffed, TRAINER) as s:
        assert s.keep_exercise_keys("pack-7", keys) == 2
        assert s.exercise_keys("pack-7") == keys
    with signed_in(staffed, TRAINEE) as s:
        with pytest.raises(AccessError, match="trainee and may not read exercise answer keys"):
            s.exercise_keys("pack-7")
        s.record_attempt(exercise="pack-7", trainee=TRAINEE, answers={"doc-001": "genuine"}, score=0.5)
    with Store.open(staffed) as s:  # nobody signed in
        with pytest.raises(AccessError, match="sign in to read exercise answer keys"):
            s.exercise_keys("pack-7")


def test_a_disabled_account_cannot_sign_in_and_the_last_administrator_stays(staffed):
    with signed_in(staffed, ADMIN) as s:
        with pytest.raises(AccountInputError, match="only administrator"):
            disable_user(s, ADMIN, reason="leaving")
        disable_user(s, EXAMINER, reason="left the centre")
        with s.engine.connect() as conn:
            assert [u.name for u in list_users(conn) if u.disabled] == [EXAMINER]
    with pytest.raises(SignInError, match="disabled"):
        signed_in(staffed, EXAMINER)


def _rewrite(store: Store, chain: str, seq: int, *, resign=None, **changes) -> None:
    """Edit entry ``seq`` of ``chain`` and recompute every hash after it and the head, as someone with write access
    to the database could: the chain holds again, only signatures can tell. ``resign`` (a key) signs every entry
    again, as the holder of that key could."""
    with store.engine.begin() as conn:
        if changes:
            conn.execute(update(audit_table).where(audit_table.c.chain == chain, audit_table.c.seq == seq)
                         .values(**changes))
        prev = audit.GENESIS
        for e in audit.entries(conn, chain):
            h = audit.entry_hash(prev, e.chain, e.seq, e.at, e.actor, e.action, e.detail)
            signed = {"signer": resign.key_id, "signature": resign.sign_entry(h)} if resign is not None else {}
            conn.execute(update(audit_table).where(audit_table.c.chain == chain, audit_table.c.seq == e.seq)
                         .values(prev_hash=prev, hash=h, **signed))
            prev = h
        conn.execute(update(audit_heads).where(audit_heads.c.chain == chain).values(hash=prev))


def test_an_edited_entry_with_its_chain_recomputed_is_caught_by_its_signature(staffed):
    with signed_in(staffed, EXAMINER) as s:
        case = s.create_case("Passport UTO")
        s.set_verdict(case.id, "counterfeit", note="offset print")
        s.add_note(case.id, "checked twice")
        entry = next(e for e in s.show(case.id).audit if e.action == "case.verdict")
        detail = json.loads(entry.detail) | {"verdict": "genuine"}
        _rewrite(s, case.uid, entry.seq, detail=audit.canonical(detail))
        with s.engine.connect() as conn:  # the chain itself holds again
            assert audit.check_chain(case.uid, audit.entries(conn, case.uid), None) == []
        problems = s.verify().problems
    assert any(f"entry {entry.seq} (case.verdict" in p and "signature does not match" in p for p in problems), problems


def test_stripped_signatures_with_the_chain_recomputed_are_caught(staffed):
    with signed_in(staffed, EXAMINER) as s:
        case = s.create_case("Passport UTO")
        s.add_note(case.id, "first look")
        with s.engine.begin() as conn:
            conn.execute(update(audit_table).where(audit_table.c.chain == case.uid).values(signer=None, signature=None))
        _rewrite(s, case.uid, 2, detail=audit.canonical({"text": "nothing to see"}))
        problems = s.verify().problems
    assert any("entry 1 is no longer signed as the store's signed entry" in p for p in problems), problems


def test_an_entry_signed_by_someone_else_is_caught(staffed):
    with signed_in(staffed, EXAMINER) as s:
        case = s.create_case("Passport UTO")
        with s.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET actor = :a WHERE chain = :c"), {"a": ADMIN, "c": case.uid})
        _rewrite(s, case.uid, 1, resign=s.session.key)  # the examiner's own key, passing an entry off as another's
        problems = s.verify().problems
    assert any(f"says it was done by {ADMIN} but is signed with the key of {EXAMINER}" in p for p in problems), problems


def test_entries_of_a_store_without_accounts_stay_valid_after_the_first_account(store):
    case = store.create_case("old case")
    add_user(store, ADMIN, "administrator", PASS[ADMIN])
    store.add_note(case.id, "after the accounts")
    trail = store.show(case.id).audit
    assert [e.signature is not None for e in trail] == [False, True]
    assert store.verify().ok
    with store.engine.connect() as conn:
        assert conn.execute(select(audit_table.c.signer).where(audit_table.c.chain == case.uid)).scalars().all()[0] is None
