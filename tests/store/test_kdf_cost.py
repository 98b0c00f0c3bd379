"""The cost passphrase hashes and key wraps are made at: RFC 9106's outside a test run, recorded in what is made."""

from __future__ import annotations

import pytest

from docexam.store import signing
from docexam.store.accounts import hash_passphrase, passphrase_matches


@pytest.fixture
def real_cost(monkeypatch):
    monkeypatch.delenv(signing.TEST_KDF_ENV, raising=False)


def test_without_the_test_switch_hashes_and_wraps_cost_64_mib_and_3_passes(real_cost):
    assert signing.kdf_cost() == (3, 64 * 1024, 4)
    digest = hash_passphrase("a long enough passphrase")
    assert digest.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passphrase_matches(digest, "a long enough passphrase")
    key = signing.generate("a long enough passphrase")
    assert key.private_key.startswith("argon2id$t=3,m=65536,p=4$")
    signing.unlock(key.private_key, "a long enough passphrase", key=key.key_id, owner="x", owner_kind="examiner")


def test_the_test_switch_alone_does_nothing_outside_pytest(monkeypatch):
    monkeypatch.setenv(signing.TEST_KDF_ENV, "1")
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    assert signing.kdf_cost() == signing.KDF_COST


def test_what_the_test_switch_made_is_read_back_at_its_own_cost_whatever_the_switch(monkeypatch):
    monkeypatch.setenv(signing.TEST_KDF_ENV, "1")
    assert signing.kdf_cost() == signing.TEST_KDF_COST
    key = signing.generate("a long enough passphrase")
    digest = hash_passphrase("a long enough passphrase")
    assert key.private_key.startswith("argon2id$t=1,m=8,p=1$") and "$m=8,t=1,p=1$" in digest
    monkeypatch.delenv(signing.TEST_KDF_ENV)
    signing.unlock(key.private_key, "a long enough passphrase", key=key.key_id, owner="x", owner_kind="examiner")
    assert passphrase_matches(digest, "a long enough passphrase")
    with pytest.raises(signing.SignatureError, match="wrong passphrase"):
        signing.unlock(key.private_key, "another passphrase", key=key.key_id, owner="x", owner_kind="examiner")


def test_a_key_wrapped_before_its_cost_was_recorded_unlocks_at_the_real_cost(real_cost):
    key = signing.generate("a long enough passphrase")
    legacy = key.private_key.replace("argon2id$t=3,m=65536,p=4$", "argon2id$", 1)
    assert legacy != key.private_key
    unlocked = signing.unlock(legacy, "a long enough passphrase", key=key.key_id, owner="x", owner_kind="examiner")
    assert unlocked.key_id == key.key_id
    with pytest.raises(signing.SignatureError, match="wrong passphrase"):
        signing.unlock(legacy, "another one entirely", key=key.key_id, owner="x", owner_kind="examiner")


def test_a_wrap_naming_a_cost_docexam_never_makes_is_refused_before_deriving_anything():
    key = signing.generate("a long enough passphrase")
    cost = signing.kdf_cost()
    made = "argon2id$t={},m={},p={}$".format(*cost)
    for absurd in ("t=1,m=99999999,p=1", "t=0,m=65536,p=4", "t=3,m=4,p=4"):
        changed = key.private_key.replace(made, f"argon2id${absurd}$", 1)
        with pytest.raises(signing.SignatureError, match=absurd):
            signing.unlock(changed, "a long enough passphrase", key=key.key_id, owner="x", owner_kind="examiner")
