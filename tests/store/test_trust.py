"""Signed bundles and the trust list (issue 22): a bundle from a checkpoint is taken at the centre only when a
trusted, unrevoked station signed exactly what it carries; each attack is refused with its reason, nothing changed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from docexam.store import Store, audit, signing, trust
from docexam.store.accounts import add_user
from docexam.store.bundle import BundleError, export_cases, import_bundle
from docexam.store.store import state_hash
from tests.store.conftest import row_counts

OFFICER, OFFICER_PASS = "Oto Ficera", "officer passphrase"
CHIEF, CHIEF_PASS = "Chi Centra", "centre passphrase"


@pytest.fixture
def checkpoint(tmp_path):
    """A checkpoint laptop's store: its officer (the administrator), the station key, one case."""
    s = Store.open(tmp_path / "checkpoint.sqlite", actor="installer")
    add_user(s, OFFICER, "administrator", OFFICER_PASS)
    trust.create_key(s, station=True)
    s.case_ = s.create_case("Passport UTO, border post 4")  # type: ignore[attr-defined]
    s.add_note(s.case_.id, "photo edges look cut")  # type: ignore[attr-defined]
    yield s
    s.close()


@pytest.fixture
def centre(store_url, checkpoint):
    """The centre's store (SQLite or PostgreSQL), trusting the checkpoint's station key."""
    s = Store.open(store_url, actor="installer")
    add_user(s, CHIEF, "administrator", CHIEF_PASS)
    trust.add_trusted(s, trust.export_key(checkpoint, station=True))
    yield s
    s.close()


def _export(store: Store, path: Path) -> Path:
    export_cases(store, [store.case_.id], path)  # type: ignore[attr-defined]
    return path


def _rewrite(src: Path, dst: Path, *, manifest=None, signature=None) -> Path:
    """A copy of the bundle ``src`` with its manifest and signature passed through the given functions."""
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    m = json.loads(members["manifest.json"])
    if manifest is not None:
        m = manifest(m)
        members["manifest.json"] = json.dumps(m, ensure_ascii=False, indent=1).encode()
    if signature is not None:
        members[trust.SIGNATURE_MEMBER] = json.dumps(signature(m, json.loads(members[trust.SIGNATURE_MEMBER]))).encode()
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return dst


def _refused(centre: Store, path: Path, reason: str) -> None:
    before = row_counts(centre)
    with pytest.raises(BundleError, match=reason) as e:
        import_bundle(centre, path)
    assert "nothing was imported" in str(e.value)
    assert row_counts(centre) == before


def test_a_signed_bundle_from_a_trusted_station_is_imported_and_verifies(checkpoint, centre, tmp_path):
    path = _export(checkpoint, tmp_path / "b.dxb")
    with zipfile.ZipFile(path) as z:
        assert trust.SIGNATURE_MEMBER in z.namelist()
    report = import_bundle(centre, path)
    assert report.added == [checkpoint.case_.reference]  # type: ignore[attr-defined]
    assert import_bundle(centre, path).unchanged == report.added  # twice: nothing changes
    shown = centre.show(checkpoint.case_.reference)  # type: ignore[attr-defined]
    assert {e.actor for e in shown.audit} == {OFFICER} and all(e.signature for e in shown.audit)
    assert centre.verify().ok, centre.verify().problems
    # the officer's key came in vouched for by the station
    (officer,) = [k for k in trust.list_trusted(centre) if k.owner == OFFICER]
    assert officer.source == "vouched" and officer.owner_kind == "examiner"


def test_an_unsigned_bundle_is_refused_where_trust_is_in_force(centre, tmp_path):
    legacy = Store.open(tmp_path / "legacy.sqlite", actor="old officer")
    legacy.case_ = legacy.create_case("old case")  # type: ignore[attr-defined]
    path = _export(legacy, tmp_path / "old.dxb")
    legacy.close()
    _refused(centre, path, "not signed by a station, and this store takes signed bundles only")


def test_a_bundle_resigned_with_an_untrusted_key_is_refused(checkpoint, centre, tmp_path):
    path = _export(checkpoint, tmp_path / "b.dxb")
    new = signing.generate("a forger's passphrase")
    forger = signing.unlock(new.private_key, "a forger's passphrase", key=new.key_id, owner="Some Station",
                            owner_kind="station")
    forged = _rewrite(path, tmp_path / "forged.dxb", signature=lambda m, _: trust.signature_document(m, forger))
    _refused(centre, forged, "signed by the key .* of Some Station .* not on this store's trust list")


def test_a_valid_signature_over_edited_content_is_refused(checkpoint, centre, tmp_path):
    path = _export(checkpoint, tmp_path / "b.dxb")
    edited = _rewrite(path, tmp_path / "edited.dxb", manifest=lambda m: {**m, "exported_by": "Chi Centra"})
    _refused(centre, edited, "does not match its content")


def test_an_entry_edited_and_its_chain_recomputed_is_refused_even_resigned_by_the_station(checkpoint, centre, tmp_path):
    # A station insider without the officer's key edits the note, recomputes the trail's hashes and the snapshot,
    # and signs the bundle again with the station's own (trusted) key: the officer's signature gives it away.
    path = _export(checkpoint, tmp_path / "b.dxb")
    with checkpoint.engine.connect() as conn:
        station = trust.station_signer(checkpoint, conn)

    def edit(m):
        e = m["cases"][0]
        e["case"]["notes"] = "nothing odd"
        prev = audit.GENESIS
        for x in e["audit"]:
            if x["action"] == "case.note":
                x["detail"] = audit.canonical({**json.loads(x["detail"]), "text": "nothing odd"})
            if x["action"] == "case.export":
                x["detail"] = audit.canonical({**json.loads(x["detail"]), "snapshot": state_hash(e)})
            x["prev_hash"] = prev
            x["hash"] = prev = audit.entry_hash(prev, x["chain"], x["seq"], x["at"], x["actor"], x["action"], x["detail"])
        return m

    forged = _rewrite(path, tmp_path / "forged.dxb", manifest=edit,
                      signature=lambda m, _: trust.signature_document(m, station))
    _refused(centre, forged, "a trail's signature does not hold: .*signature does not match it")


def test_a_bundle_of_a_revoked_station_is_refused(checkpoint, centre, tmp_path):
    path = _export(checkpoint, tmp_path / "b.dxb")
    station = trust.export_key(checkpoint, station=True)
    trust.revoke(centre, station.key_id[:10], reason="laptop stolen at border post 4")
    _refused(centre, path, "revoked key: .* laptop stolen at border post 4")


def test_a_revoked_examiners_entries_come_in_only_when_the_centre_holds_them_already(checkpoint, centre, tmp_path):
    first = _export(checkpoint, tmp_path / "first.dxb")
    assert import_bundle(centre, first).added
    later = checkpoint.create_case("ID card UTO, border post 4")
    path = tmp_path / "later.dxb"
    export_cases(checkpoint, [later.id], path)  # every entry dated before the revocation below
    officer = trust.export_key(checkpoint, user=OFFICER)
    trust.revoke(centre, officer.key_id[:12], reason="key copied off the laptop")
    assert not import_bundle(centre, first).added  # what the centre held before the revocation still comes in
    _refused(centre, path, "signed by a revoked key .* key copied off the laptop.* is not in this store already")


def test_an_older_bundle_replayed_after_a_newer_one_is_refused(checkpoint, centre, tmp_path):
    old = _export(checkpoint, tmp_path / "old.dxb")
    checkpoint.add_note(checkpoint.case_.id, "second look: laminate lifted")  # type: ignore[attr-defined]
    new = _export(checkpoint, tmp_path / "new.dxb")
    assert import_bundle(centre, new).added
    _refused(centre, old, "an older bundle replayed after a newer one is refused")


def test_trust_is_managed_by_administrators_only_and_a_revoked_key_stays_revoked(checkpoint, centre, tmp_path):
    from docexam.store.accounts import AccessError

    add_user(centre, "Eli Examo", "examiner", "examiner passphrase")
    key = trust.export_key(checkpoint)  # the officer's own key
    with Store.open(centre.engine.url.render_as_string(hide_password=False), user="Eli Examo",
                    passphrase="examiner passphrase") as examiner:
        with pytest.raises(AccessError, match="may not change the trust list"):
            trust.add_trusted(examiner, key)
    trust.add_trusted(centre, key)
    trust.revoke(centre, key.key_id, reason="left the service")
    with pytest.raises(trust.TrustError, match="never trusted again"):
        trust.add_trusted(centre, key)
    with pytest.raises(trust.TrustError, match="its key id is not its public key's SHA-256"):
        trust.PublicKey.from_dict({**key.to_dict(), "key_id": "0" * 64})
