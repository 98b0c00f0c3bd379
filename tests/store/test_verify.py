"""``case verify`` since the last one (docexam.store.verify): only what changed is checked, yet an edit of an entry
verified before, its chain recomputed, a tampered checkpoint, and entries signed by a revoked key however they are
dated, are found; a verify that finds a problem leaves no checkpoint (issue 22)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update

from docexam.store import Store, trust
from docexam.store import audit as audit_mod
from docexam.store.accounts import AccessError, add_user
from docexam.store.schema import audit, audit_heads, verified_heads, verify_checkpoints

ADMIN, EXAMINER = "Ana Adoro", "Eli Examo"
PASS = {ADMIN: "admin passphrase", EXAMINER: "examiner passphrase"}


@pytest.fixture
def signed(sqlite_store):
    """A store with accounts, three cases by its administrator (signed in), and a full verify's checkpoint."""
    add_user(sqlite_store, ADMIN, "administrator", PASS[ADMIN])
    for title in ("Passport UTO", "ID card", "Visa"):
        c = sqlite_store.create_case(title)
        sqlite_store.add_note(c.id, "looked at under UV")
    report = sqlite_store.verify(record=True)
    assert report.ok and report.mode == "full" and report.recorded, report
    return sqlite_store


def checkpoints(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(verify_checkpoints)).scalar()


def rewrite(store: Store, chain: str, seq: int, old: str, new: str) -> None:
    """Edit entry ``seq`` of ``chain`` and recompute every hash after it, as someone with write access could."""
    with store.engine.begin() as conn:
        rows = conn.execute(select(audit).where(audit.c.chain == chain).order_by(audit.c.seq)).mappings().all()
        prev = audit_mod.GENESIS
        for r in rows:
            detail = r["detail"].replace(old, new) if r["seq"] == seq else r["detail"]
            h = audit_mod.entry_hash(prev, chain, r["seq"], r["at"], r["actor"], r["action"], detail)
            conn.execute(update(audit).where(audit.c.id == r["id"]).values(detail=detail, prev_hash=prev, hash=h))
            prev = h
        conn.execute(update(audit_heads).where(audit_heads.c.chain == chain).values(hash=prev))


def test_since_last_checks_only_what_was_written_since_and_leaves_a_new_checkpoint(signed):
    quiet = signed.verify(since_last=True, record=True)
    assert quiet.ok and quiet.mode == "since-last" and quiet.entries == 0 and quiet.since is not None
    case = signed.list_cases()[0]
    signed.add_note(case.id, "second look")
    signed.set_verdict(case.id, "genuine", note="all features present")
    report = signed.verify(since_last=True, record=True)
    assert report.ok, report.problems
    assert report.mode == "since-last" and report.entries == 2 and report.recorded
    assert checkpoints(signed) == 3


def test_an_old_entry_edited_and_its_chain_recomputed_is_found_since_the_last_verify(signed):
    case = signed.list_cases()[-1]
    signed.add_note(case.id, "second look")  # the chain grows after the checkpoint too
    rewrite(signed, case.uid, 2, "looked at under UV", "looked at under IR")
    report = signed.verify(since_last=True, record=True)
    assert not report.ok and report.mode == "since-last"
    assert any(f"chain {case.uid}: entry 2 is no longer the one" in p for p in report.problems), report.problems
    assert report.recorded is None and checkpoints(signed) == 1  # nothing changed: no checkpoint over it
    full = signed.verify()
    assert any(f"chain {case.uid}: entry 2 (case.note" in p and "signature does not match" in p
               for p in full.problems), full.problems


def test_a_rewritten_chain_in_a_store_without_signatures_is_found_since_the_last_verify(sqlite_store):
    # with no signature to fail, the head the last verify recorded is what shows the rewrite
    case = sqlite_store.create_case("Passport UTO")
    sqlite_store.add_note(case.id, "looked at under UV")
    sqlite_store.add_note(case.id, "and under IR")
    assert sqlite_store.verify(record=True).recorded
    rewrite(sqlite_store, case.uid, 2, "under UV", "under white light")
    assert sqlite_store.verify().ok  # the chain recomputed holds together: the full verify cannot tell
    report = sqlite_store.verify(since_last=True)
    assert any(f"chain {case.uid}: entry 3 is no longer the one" in p for p in report.problems), report.problems


def test_a_new_entry_whose_signature_does_not_hold_is_found_since_the_last_verify(signed):
    case = signed.list_cases()[0]
    signed.add_note(case.id, "second look")
    with signed.engine.begin() as conn:
        conn.execute(text("UPDATE audit SET signature = :s WHERE chain = :c AND seq = 3"), {"s": "ab" * 64, "c": case.uid})
    report = signed.verify(since_last=True, record=True)
    assert any(f"chain {case.uid}: entry 3 (case.note" in p and "signature does not match" in p
               for p in report.problems), report.problems
    assert not report.recorded and checkpoints(signed) == 1


@pytest.mark.parametrize("tamper", ["heads", "checkpoint", "signature"])
def test_a_tampered_checkpoint_is_reported_and_everything_is_checked(signed, tamper):
    case = signed.list_cases()[0]
    rewrite(signed, case.uid, 2, "looked at under UV", "looked at under IR")
    with signed.engine.begin() as conn:
        head = conn.execute(select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.chain == case.uid)).one()
        if tamper == "heads":  # the verified heads brought in line with the rewrite
            conn.execute(update(verified_heads).where(verified_heads.c.chain == case.uid).values(hash=head.hash))
        elif tamper == "checkpoint":  # ...and the checkpoint's digest of them too
            conn.execute(update(verified_heads).where(verified_heads.c.chain == case.uid).values(hash=head.hash))
            from docexam.store.verify import heads_digest

            heads = {r.chain: (r.seq, r.hash) for r in conn.execute(select(verified_heads))}
            conn.execute(update(verify_checkpoints).values(heads=heads_digest(heads)))
        else:  # a field of the checkpoint changed under its signature
            conn.execute(update(verify_checkpoints).values(last_row=verify_checkpoints.c.last_row - 1))
    report = signed.verify(since_last=True, record=True)
    assert not report.ok and report.mode == "full"
    expected = "were altered" if tamper == "heads" else "does not match its signature"
    assert expected in report.problems[0], report.problems
    assert any("signature does not match" in p for p in report.problems[1:]), report.problems
    assert checkpoints(signed) == 1


def test_without_a_usable_checkpoint_everything_is_checked_and_it_says_why(signed):
    with signed.engine.begin() as conn:
        conn.execute(verify_checkpoints.delete())
    report = signed.verify(since_last=True)
    assert report.ok and report.mode == "full" and "no verify has left a checkpoint" in report.note
    assert not report.recorded and report.unrecorded is None  # not asked to


def test_a_verify_without_a_sign_in_leaves_no_checkpoint_in_a_store_with_accounts(signed, tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/only.sqlite", actor="someone") as anonymous:
        report = anonymous.verify(since_last=True, record=True)
    assert report.ok and report.mode == "since-last"
    assert report.recorded is None and report.unrecorded == "not-signed-in"
    assert checkpoints(signed) == 1


def test_a_trust_list_changed_since_the_last_verify_makes_it_check_everything(signed):
    add_user(signed, EXAMINER, "examiner", PASS[EXAMINER])
    key = trust.export_key(signed, user=EXAMINER)
    trust.revoke(signed, key.key_id[:12], reason="left the service")
    report = signed.verify(since_last=True, record=True)
    assert report.ok and report.mode == "full" and "trust list changed" in report.note
    assert signed.verify(since_last=True).mode == "since-last"


# --- revoked keys and back-dating ----------------------------------------------------------------------------------


def test_an_entry_back_dated_before_its_keys_revocation_is_refused(signed, tmp_path):
    url = f"sqlite:///{tmp_path}/only.sqlite"
    add_user(signed, EXAMINER, "examiner", PASS[EXAMINER])
    with Store.open(url, user=EXAMINER, passphrase=PASS[EXAMINER]) as thief:
        case = thief.create_case("Passport UTO")
        stolen = thief.session.key
        key = trust.revoke(signed, stolen.key_id[:12], reason="laptop stolen at border post 4")
        # the key's owner, still signed in, signs nothing more through docexam
        with pytest.raises(AccessError, match="revoked .* laptop stolen at border post 4"):
            thief.add_note(case.id, "after the revocation")
        # whoever holds the key writes behind docexam's back, dating the entry before the revocation
        back_dated = case.created_at
        assert back_dated < key.revoked_at
        with thief.engine.begin() as conn:
            audit_mod.append(conn, case.uid, at=back_dated, actor=EXAMINER, action="case.note",
                             detail={"text": "nothing to see"}, signer=stolen)
    found = signed.verify().problems
    assert len(found) == 1, found
    assert (f"chain {case.uid}: entry 2 (case.note" in found[0] and "written after the key" in found[0]
            and f"of {EXAMINER} (examiner) was revoked on {key.revoked_at[:19]} by {ADMIN}: laptop stolen at border "
            "post 4" in found[0] and "back-dated" in found[0]), found


def test_entries_signed_before_the_revocation_still_verify(signed):
    add_user(signed, EXAMINER, "examiner", PASS[EXAMINER])
    url = str(signed.engine.url)
    with Store.open(url, user=EXAMINER, passphrase=PASS[EXAMINER]) as examiner:
        examiner.create_case("Passport UTO")
        key = examiner.session.key
    trust.revoke(signed, key.key_id[:12], reason="left the service")
    assert signed.verify().ok
