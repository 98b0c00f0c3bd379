"""Keys and the trust list: examiners' and stations' keys made, exported, trusted and revoked; bundles signed by
the station that made them and checked against the trust list where they arrive (issue 22).

A station is an installation (a checkpoint laptop, the centre): its key is made by an administrator
(``docexam key create --station``) and kept encrypted with ``$DOCEXAM_STATION_PASSPHRASE``, else with that
administrator's passphrase (on a checkpoint laptop the officer who installed it). A bundle carries a
``signature.json``: the station's key id and public key and its signature over the SHA-256 of the manifest's
canonical JSON, which lists every row, trail and image. The manifest carries too the public keys of everyone whose
signature is in its trails, vouched for by that signature.

Where a store has accounts or a trust list, ``case import`` takes a bundle only when its station's key is on the
trust list and not revoked, its signature holds over its content, each trail entry's signature holds (by a key on
the trust list or vouched for by the station) and it is not older than a bundle of that station imported before
(a replay). The reason of a refusal is said in words.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from docexam import jsonsafe
from docexam.errors import DocexamError, UntrustedInputError
from docexam.i18n import N_, _
from docexam.store import audit as audit_mod
from docexam.store import signing
from docexam.store.accounts import STATION_PASSPHRASE_ENV, AccessError, Permission, has_accounts, newest_key
from docexam.store.schema import audit as audit_table
from docexam.store.schema import bundle_imports, signing_keys, trusted_keys

if TYPE_CHECKING:
    from docexam.store.store import Store

PUBLIC_KEY_FORMAT = "docexam-public-key"
SIGNATURE_FORMAT = "docexam-signature"
SIGNATURE_MEMBER = "signature.json"
MAX_SIGNATURE_BYTES = 64 * 1024
_KINDS = (signing.KeyKind.EXAMINER, signing.KeyKind.STATION)


class TrustError(DocexamError, ValueError):
    """A key cannot be made, exported, trusted or revoked as asked; the message says why."""


@dataclass(frozen=True)
class PublicKey:
    """A key as it is handed from one store to another (``docexam key export``, ``docexam trust add``)."""

    key_id: str
    owner_kind: str
    owner: str
    public_key: str

    def to_dict(self) -> dict[str, Any]:
        return {"format": PUBLIC_KEY_FORMAT, "version": 1, "key_id": self.key_id, "owner_kind": self.owner_kind,
                "owner": self.owner, "public_key": self.public_key}

    @classmethod
    def from_dict(cls, d: Any, *, source: str = "the key") -> PublicKey:
        """A public key checked whole: its fields, its kind, and its id being its public key's SHA-256."""
        if not isinstance(d, dict):
            raise TrustError(_("{source} is not a docexam public key (a JSON object from `docexam key export`)").format(
                source=source))
        pub, kid, kind, owner = d.get("public_key"), d.get("key_id"), d.get("owner_kind"), d.get("owner")
        if not (isinstance(pub, str) and signing.HEX64.match(pub) and isinstance(kid, str)):
            raise TrustError(_("{source}: no public key in hex, or no key id").format(source=source))
        if kind not in _KINDS or not isinstance(owner, str) or not 0 < len(owner) <= 200:
            raise TrustError(_("{source}: its owner and kind (examiner or station) are missing or malformed").format(
                source=source))
        if signing.key_id(bytes.fromhex(pub)) != kid:
            raise TrustError(_("{source}: its key id is not its public key's SHA-256 (altered)").format(source=source))
        try:
            signing.public_key(pub)
        except ValueError:
            raise TrustError(_("{source}: not an Ed25519 public key").format(source=source)) from None
        return cls(kid, kind, owner, pub)


def _record(store: Store, conn: Connection, at: str, action: str, detail: dict[str, Any]) -> None:
    audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=store.actor, action=action, detail=detail,
                     signer=store.signer)


def station_name(store: Store) -> str:
    return store.origin


def create_key(store: Store, *, station: bool = False) -> PublicKey:
    """A new key: the signed-in user's (encrypted with their passphrase; their older keys stay trusted for what
    they signed) or, for an administrator, the station's (see the module's note)."""
    from docexam.store.accounts import _insert_key
    from docexam.store.store import now

    session = store.session
    if session is None:
        raise AccessError(_("sign in to make a key (a store without accounts has no keys: `docexam user add` makes "
                            "its administrator first)"))
    kind = signing.KeyKind.STATION if station else signing.KeyKind.EXAMINER
    owner = station_name(store) if station else session.user.name
    passphrase = (os.environ.get(STATION_PASSPHRASE_ENV) or session.passphrase) if station else session.passphrase
    new = signing.generate(passphrase)
    at = now()
    with store.engine.begin() as conn:
        if station:
            store.require(conn, Permission.ACCOUNTS, N_("make the station's key"))
        else:
            store.require(conn, Permission.ATTEMPT_RECORD, N_("make a key"), need_key=False)
        _insert_key(conn, new, kind=kind, owner=owner, at=at, by=store.actor)
        if not station:  # signs from now on, this entry first
            store.session = type(session)(session.user, signing.unlock(new.private_key, passphrase, key=new.key_id,
                                                                       owner=owner, owner_kind=kind), passphrase)
        _record(store, conn, at, "key.create", {"key": new.key_id, "owner": owner, "kind": kind})
    return PublicKey(new.key_id, kind, owner, new.public_key)


def export_key(store: Store, *, station: bool = False, user: str | None = None) -> PublicKey:
    """The public half of the station's newest key, or of ``user``'s (default: the signed-in user's)."""
    with store._reader.connect() as conn:
        if station:
            row = conn.execute(select(signing_keys).where(signing_keys.c.owner_kind == signing.KeyKind.STATION)
                               .order_by(signing_keys.c.id.desc())).first()
            if row is None:
                raise TrustError(_("this store has no station key; an administrator makes it: docexam key create --station"))
        else:
            name = user or (store.session.user.name if store.session is not None else None)
            if name is None:
                raise TrustError(_("whose key? sign in, or name the user (--user NAME), or say --station"))
            row = newest_key(conn, name, signing.KeyKind.EXAMINER)
            if row is None:
                raise TrustError(_("{name} has no key in this store").format(name=name))
    return PublicKey(row.key_id, row.owner_kind, row.owner, row.public_key)


def read_public_key(path: str | os.PathLike[str]) -> PublicKey:
    try:
        data = jsonsafe.load_file(path)
    except (UntrustedInputError, OSError) as e:
        raise TrustError(_("cannot read the key {path}: {error}").format(path=path, error=e)) from None
    if not isinstance(data, dict) or data.get("format") != PUBLIC_KEY_FORMAT:
        raise TrustError(_("{path} is not a docexam public key (made by `docexam key export`)").format(path=path))
    return PublicKey.from_dict(data, source=str(path))


def list_trusted(store: Store) -> list[signing.TrustedKey]:
    with store._reader.connect() as conn:
        return [signing.TrustedKey.from_dict(r._mapping)
                for r in conn.execute(select(trusted_keys).order_by(trusted_keys.c.added_at, trusted_keys.c.id))]


def add_trusted(store: Store, key: PublicKey) -> signing.TrustedKey:
    """Put ``key`` on the trust list (administrators only). A key there already is left as it is; a revoked one is
    never trusted again."""
    from docexam.store.store import now

    at = now()
    with store.engine.begin() as conn:
        store.require(conn, Permission.ACCOUNTS, N_("change the trust list"))
        here = conn.execute(select(trusted_keys).where(trusted_keys.c.key_id == key.key_id)).first()
        if here is not None:
            found = signing.TrustedKey.from_dict(here._mapping)
            if found.revoked:
                raise TrustError(_("{refusal}; a revoked key is never trusted again (its owner makes a new one)").format(
                    refusal=found.refusal(translated=True)))
            return found
        row = dict(key_id=key.key_id, owner_kind=key.owner_kind, owner=key.owner, public_key=key.public_key,
                   source="added", vouched_by=None, added_at=at, added_by=store.actor)
        conn.execute(insert(trusted_keys).values(**row))
        _record(store, conn, at, "trust.add", {"key": key.key_id, "owner": key.owner, "kind": key.owner_kind})
    return signing.TrustedKey.from_dict(row)


_PREFIX = re.compile(r"^[0-9a-f]{8,64}$")


def revoke(store: Store, key_prefix: str, *, reason: str) -> signing.TrustedKey:
    """Revoke the trusted key whose id starts with ``key_prefix`` (at least 8 hex digits), saying why: what it signs
    from now on is refused, here and in bundles."""
    from docexam.store.store import now

    prefix = (key_prefix or "").strip().lower()
    if not _PREFIX.match(prefix):
        raise TrustError(_("{prefix} is not a key id: give at least its first 8 hex digits (docexam trust list)").format(
            prefix=repr(key_prefix)))
    if not isinstance(reason, str) or not reason.strip():
        raise TrustError(_("say why the key is revoked (it goes into the audit trail)"))
    at = now()
    with store.engine.begin() as conn:
        store.require(conn, Permission.ACCOUNTS, N_("change the trust list"))
        rows = conn.execute(select(trusted_keys).where(trusted_keys.c.key_id.startswith(prefix))).all()
        if len(rows) != 1:
            raise TrustError((_("no key on the trust list starts with {prefix}") if not rows else
                              _("more than one key on the trust list starts with {prefix}")).format(prefix=prefix))
        key = signing.TrustedKey.from_dict(rows[0]._mapping)
        if key.revoked:
            raise TrustError(_("{refusal} already").format(refusal=key.refusal(translated=True)))
        conn.execute(update(trusted_keys).where(trusted_keys.c.key_id == key.key_id)
                     .values(revoked_at=at, revoked_by=store.actor, revoke_reason=reason.strip()))
        _record(store, conn, at, "trust.revoke", {"key": key.key_id, "owner": key.owner, "reason": reason.strip()})
    return signing.TrustedKey.from_dict({**key.to_dict(), "revoked_at": at, "revoked_by": store.actor,
                                         "revoke_reason": reason.strip()})


# --- bundles ---------------------------------------------------------------------------------------------------


def station_signer(store: Store, conn: Connection) -> signing.SigningKey | None:
    """The key that signs a bundle made here: the station's newest key, unlocked; None in a store with neither
    accounts nor a station key (its bundles stay unsigned, as before)."""
    row = conn.execute(select(signing_keys).where(signing_keys.c.owner_kind == signing.KeyKind.STATION)
                       .order_by(signing_keys.c.id.desc())).first()
    if row is None:
        if has_accounts(conn):
            raise TrustError(_("this store has accounts but no station key, and its bundles must be signed; an "
                               "administrator makes the key: docexam key create --station; nothing was exported"))
        return None
    passphrase = os.environ.get(STATION_PASSPHRASE_ENV) or (store.session.passphrase if store.session else None)
    if passphrase is None:
        raise TrustError(_("the station key is locked: sign in, or set {env}; nothing was exported").format(
            env=STATION_PASSPHRASE_ENV))
    try:
        return signing.unlock(row.private_key, passphrase, key=row.key_id, owner=row.owner,
                              owner_kind=signing.KeyKind.STATION)
    except signing.SignatureError:
        raise TrustError(_("the station key of {owner} is not kept under your passphrase: set {env} to the "
                           "station's passphrase; nothing was exported").format(owner=row.owner,
                                                                                env=STATION_PASSPHRASE_ENV)) from None


def vouched_keys(conn: Connection, trails: list[list[dict[str, Any]]], station: signing.SigningKey) -> dict[str, Any]:
    """The public keys a bundle carries for the signers of its ``trails`` (and its station)."""
    signers = {x.get("signer") for trail in trails for x in trail if x.get("signer")} | {station.key_id}
    rows = conn.execute(select(trusted_keys).where(trusted_keys.c.key_id.in_(sorted(signers)))).all()
    return {r.key_id: {"owner_kind": r.owner_kind, "owner": r.owner, "public_key": r.public_key} for r in rows}


def signature_document(manifest: dict[str, Any], station: signing.SigningKey) -> dict[str, Any]:
    """The ``signature.json`` of a bundle whose manifest is ``manifest`` (its keys included)."""
    from cryptography.hazmat.primitives import serialization as ser

    digest = signing.manifest_digest(manifest)
    public = station.private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw).hex()
    return {"format": SIGNATURE_FORMAT, "version": 1, "signer": station.key_id, "owner": station.owner,
            "owner_kind": station.owner_kind, "public_key": public, "manifest": digest,
            "signature": station.sign(signing.BUNDLE_LABEL, bytes.fromhex(digest))}


def read_signature(path: Path) -> dict[str, Any] | None:
    """The bundle's ``signature.json``, or None when it has none (an unsigned bundle)."""
    import zipfile

    from docexam.zipread import MemberDamaged, MemberTooLarge, read_member

    with zipfile.ZipFile(path) as z:
        if SIGNATURE_MEMBER not in z.namelist():
            return None
        try:
            raw = read_member(z, SIGNATURE_MEMBER, MAX_SIGNATURE_BYTES)
            value = jsonsafe.loads(raw, source=SIGNATURE_MEMBER)
        except (MemberTooLarge, MemberDamaged, UntrustedInputError) as e:
            raise TrustError(_("{member} cannot be read ({error})").format(member=SIGNATURE_MEMBER, error=e)) from None
    if not isinstance(value, dict):
        raise TrustError(_("{member} is not a JSON object").format(member=SIGNATURE_MEMBER))
    return value


@dataclass
class BundleTrust:
    """What a checked bundle's signature says: its station's key (None: unsigned, accepted only where no trust is
    in force), the manifest's digest, and the keys it vouches for that this store does not hold yet."""

    station: str | None
    digest: str
    created_at: str
    vouched: dict[str, PublicKey]


def check_bundle(conn: Connection, path: Path, manifest: dict[str, Any], key: str) -> BundleTrust:
    """Check a bundle's signatures against this store's trust list (see the module's note); TrustError with the
    reason, nothing written."""
    here = {r.key_id: signing.TrustedKey.from_dict(r._mapping) for r in conn.execute(select(trusted_keys))}
    # Trust is in force in a store with accounts, or with keys of its own or added by hand (the keys a signed
    # bundle brought into a store without either are kept to verify its entries, not to refuse others).
    in_force = any(k.source != "vouched" for k in here.values()) or has_accounts(conn)
    digest = signing.manifest_digest(manifest)
    doc = read_signature(path)
    created: str = manifest["created_at"] if isinstance(manifest.get("created_at"), str) else ""
    verifier = signing.Verifier()
    if doc is None:
        if in_force:
            raise TrustError(_("it is not signed by a station, and this store takes signed bundles only (the station "
                               "that made it needs a key: docexam key create --station)"))
        station = None
    else:
        try:
            signed = PublicKey.from_dict({**doc, "key_id": doc.get("signer")}, source=SIGNATURE_MEMBER)
        except TrustError as e:
            raise TrustError(_("its signature is malformed ({error})").format(error=e)) from None
        if doc.get("format") != SIGNATURE_FORMAT or doc.get("version") != 1:
            raise TrustError(_("{member} is not a docexam bundle signature").format(member=SIGNATURE_MEMBER))
        if doc.get("manifest") != digest or not verifier.verify(signed.public_key, str(doc.get("signature")),
                                                                signing.BUNDLE_LABEL, bytes.fromhex(digest)):
            raise TrustError(_("its signature by {owner} does not match its content (edited after it was signed, or "
                               "signed by another key than it says)").format(owner=signed.owner))
        trusted = here.get(signed.key_id)
        if in_force and trusted is None:
            raise TrustError(_("it is signed by the key {key}... of {owner} ({kind}), which is not on this store's "
                               "trust list; if that station is yours, an administrator adds its key (docexam trust "
                               "add) and the bundle is imported again").format(
                                 key=signed.key_id[:12], owner=signed.owner, kind=signed.owner_kind))
        if trusted is not None and trusted.revoked:
            raise TrustError(_("it is signed by a revoked key: {refusal}").format(refusal=trusted.refusal(translated=True)))
        station = signed.key_id
        row = conn.execute(select(bundle_imports).where(bundle_imports.c.signer == station)).first()
        if row is not None and row.bundle != digest and created < row.created_at:
            raise TrustError(_("it was made at {made} by {owner}, before the bundle of that station imported here "
                               "already (made at {newer}): an older bundle replayed after a newer one is refused").format(
                                 made=created[:19], owner=signed.owner, newer=row.created_at[:19]))
    carried = manifest.get("keys") if doc is not None else None
    vouched: dict[str, PublicKey] = {}
    if carried is not None:
        if not isinstance(carried, dict):
            raise TrustError(_("manifest.json: its key list is malformed"))
        for kid, value in carried.items():
            pk = PublicKey.from_dict({**value, "key_id": kid} if isinstance(value, dict) else None,
                                     source=f"manifest.json: key {str(kid)[:12]}")
            if pk.key_id not in here:
                vouched[pk.key_id] = pk
    keys = {**{k: signing.TrustedKey(k, v.owner_kind, v.owner, v.public_key, "vouched", station, "", "")
               for k, v in vouched.items()}, **here}
    revoked = {k for k, v in keys.items() if v.revoked}
    for item in manifest[key]:
        trail = [audit_mod.Entry.from_dict(x) for x in item["audit"]]
        chain = trail[0].chain if trail else "?"
        problems = signing.check_signatures(chain, trail, keys, verifier)
        if problems:
            raise TrustError(_("a trail's signature does not hold: {problem}").format(problem=problems[0]))
        # The time an entry claims is its signer's word: one signed by a revoked key is taken only when this store
        # holds it already (it was here before the revocation), never on the strength of an earlier time it claims.
        late = [x for x in trail if x.signer in revoked]
        if late:
            here_already = {h for (h,) in conn.execute(select(audit_table.c.hash)
                                                       .where(audit_table.c.chain == chain))}
            for x in late:
                if x.hash not in here_already:
                    raise TrustError(_("a trail's signature does not hold: chain {chain}: entry {seq} ({action}, {at}) is "
                                       "signed by a revoked key ({refusal}) and is not in this store already: the "
                                       "earlier time it claims cannot be trusted").format(
                                         chain=chain, seq=x.seq, action=x.action, at=x.at[:19],
                                         refusal=keys[str(x.signer)].refusal(translated=True)))
    return BundleTrust(station, digest, created, vouched)


def record_bundle(conn: Connection, trust: BundleTrust, *, at: str) -> None:
    """After an import: the keys the bundle vouched for join the trust list (as vouched for by its station), and
    the station's newest bundle is remembered (replays)."""
    if trust.station is None:
        return
    for pk in trust.vouched.values():
        conn.execute(insert(trusted_keys).values(key_id=pk.key_id, owner_kind=pk.owner_kind, owner=pk.owner,
                                                 public_key=pk.public_key, source="vouched", vouched_by=trust.station,
                                                 added_at=at, added_by=f"bundle of {trust.station[:12]}"))
    row = conn.execute(select(bundle_imports).where(bundle_imports.c.signer == trust.station)).first()
    if row is None:
        conn.execute(insert(bundle_imports).values(signer=trust.station, created_at=trust.created_at,
                                                   bundle=trust.digest))
    elif trust.created_at >= row.created_at:
        conn.execute(update(bundle_imports).where(bundle_imports.c.signer == trust.station)
                     .values(created_at=trust.created_at, bundle=trust.digest))


# --- reports ---------------------------------------------------------------------------------------------------

REPORT_SIGNATURE_FORMAT = "docexam-report-signature"


def signature_path(path: Path) -> Path:
    """Where a report's detached signature is kept: beside it, ``<report>.sig``."""
    return path.with_name(path.name + ".sig")


def sign_report(store: Store, path: Path) -> Path | None:
    """Sign the report at ``path`` with the signed-in user's key: a detached ``<report>.sig`` (JSON: the file's
    SHA-256, the key and the signature over it). None, and nothing written, when nobody is signed in."""
    import hashlib

    key = store.session.key if store.session is not None else None
    if key is None:
        return None
    from cryptography.hazmat.primitives import serialization as ser

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    public = key.private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw).hex()
    doc = {"format": REPORT_SIGNATURE_FORMAT, "version": 1, "file": path.name, "sha256": digest,
           "signer": key.key_id, "owner": key.owner, "owner_kind": key.owner_kind, "public_key": public,
           "signature": key.sign(signing.REPORT_LABEL, bytes.fromhex(digest))}
    out = signature_path(path)
    out.write_text(dumps(doc) + "\n", encoding="utf-8")
    return out


def check_report(store: Store, path: Path) -> signing.TrustedKey:
    """Who signed the report at ``path`` (its ``.sig`` beside it), checked against this store's trust list; TrustError
    saying why when the signature is missing, does not match the file, or its key is unknown or revoked."""
    import hashlib

    sig = signature_path(path)
    try:
        doc = jsonsafe.load_file(sig)
    except (UntrustedInputError, OSError) as e:
        raise TrustError(_("no readable signature beside the report ({path}: {error})").format(path=sig, error=e)) from None
    if not isinstance(doc, dict) or doc.get("format") != REPORT_SIGNATURE_FORMAT:
        raise TrustError(_("{path} is not a docexam report signature").format(path=sig))
    signed = PublicKey.from_dict({**doc, "key_id": doc.get("signer")}, source=str(sig))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if doc.get("sha256") != digest or not signing.Verifier().verify(
            signed.public_key, str(doc.get("signature")), signing.REPORT_LABEL, bytes.fromhex(digest)):
        raise TrustError(_("the signature of {owner} does not match the report (the PDF was changed after it was "
                           "signed)").format(owner=signed.owner))
    return trusted_signer(store, signed.key_id, signed.owner)


def trusted_signer(store: Store, key_id: str, owner: str) -> signing.TrustedKey:
    """The key ``key_id`` that signed a report (said to be ``owner``'s) on this store's trust list; TrustError when it
    is not there or is revoked (a report's signature is checked against the trust list alone: no certificate chain,
    nothing fetched)."""
    with store._reader.connect() as conn:
        row = conn.execute(select(trusted_keys).where(trusted_keys.c.key_id == key_id)).first()
    if row is None:
        raise TrustError(_("the report is signed by the key {key}... of {owner}, which is not on this store's trust "
                           "list").format(key=key_id[:12], owner=owner))
    key = signing.TrustedKey.from_dict(row._mapping)
    if key.revoked:
        raise TrustError(_("the report is signed by a revoked key: {refusal}").format(refusal=key.refusal(translated=True)))
    return key


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)
