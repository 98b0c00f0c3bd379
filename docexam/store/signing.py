"""Ed25519 keys and signatures: who wrote an audit entry, which station made a bundle (issue 22).

Each user and each station (an installation: a checkpoint laptop, the centre) has an Ed25519 key
(``cryptography``). A key is named by its id, the SHA-256 of its raw 32-byte public key in hex. Its private half is
kept in the store as PKCS #8 PEM encrypted with ``BestAvailableEncryption``; the password that encryption is given
is not the owner's passphrase itself but an Argon2id derivation of it (memory-hard, with its own salt), since the
PEM's own key derivation is cheap to try passphrases against should the database leak.

What is signed, each prefixed with its own label so that a signature of one kind can never pass for another:

- an audit entry: its hash (:func:`docexam.store.audit.entry_hash`), which covers the entry and, through the
  previous hash, every entry before it on its chain;
- a bundle: the SHA-256 of its manifest's canonical JSON (:func:`docexam.store.audit.canonical`), which lists every
  row, trail and image (by SHA-256) it carries.

The trust list (table ``trusted_keys``) holds the public keys whose signatures a store accepts.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docexam.errors import DocexamError
from docexam.i18n import _

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ENTRY_LABEL = b"docexam-audit-entry-v1\n"
BUNDLE_LABEL = b"docexam-bundle-v1\n"
REPORT_LABEL = b"docexam-report-v1\n"
CHECKPOINT_LABEL = b"docexam-verify-checkpoint-v1\n"
#: What the private-key column holds: ``argon2id$t=<passes>,m=<KiB>,p=<lanes>$<salt hex>$<PEM>``; a key wrapped before
#: the cost was written down (``argon2id$<salt hex>$<PEM>``) was wrapped at :data:`KDF_COST`'s figures.
_WRAP = re.compile(r"^argon2id\$(?:t=([0-9]{1,3}),m=([0-9]{1,8}),p=([0-9]{1,3})\$)?([0-9a-f]{32})\$"
                   r"(-----BEGIN ENCRYPTED PRIVATE KEY-----.+)$", re.S)
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX128 = re.compile(r"^[0-9a-f]{128}$")
#: Argon2id's cost for the key-encryption password (RFC 9106's second recommendation: 64 MiB, 3 passes).
KDF_TIME_COST = 3
KDF_MEMORY_KIB = 64 * 1024
KDF_PARALLELISM = 4
KDF_COST = (KDF_TIME_COST, KDF_MEMORY_KIB, KDF_PARALLELISM)


#: Set (to 1) together with pytest's own PYTEST_CURRENT_TEST, new passphrase hashes and key wraps are made at
#: :data:`TEST_KDF_COST` instead: the test suite signs in and makes keys thousands of times, each 0.15 s at the real
#: cost. Outside a pytest run it does nothing; what is made under it records its cost, so it is read back right
#: (and tests/store/test_kdf_cost.py checks the real cost is what is used without it).
TEST_KDF_ENV = "DOCEXAM_TEST_FAST_KDF"
TEST_KDF_COST = (1, 8, 1)


def kdf_cost() -> tuple[int, int, int]:
    """The Argon2id cost (passes, KiB, lanes) new passphrase hashes and key wraps are made at: :data:`KDF_COST`,
    unless a test run asks for :data:`TEST_KDF_COST` (:data:`TEST_KDF_ENV`)."""
    if os.environ.get(TEST_KDF_ENV) == "1" and os.environ.get("PYTEST_CURRENT_TEST"):
        return TEST_KDF_COST
    return KDF_COST


class KeyKind:
    EXAMINER = "examiner"
    STATION = "station"


class SignatureError(DocexamError, ValueError):
    """A signature, a key or a passphrase was refused; the message says which and what to do."""


def key_id(public_key: bytes) -> str:
    """A key's id: SHA-256 of its raw 32-byte public key, hex."""
    return hashlib.sha256(public_key).hexdigest()


def _kek(passphrase: str, salt: bytes, cost: tuple[int, int, int]) -> bytes:
    """The password the PEM is encrypted with: Argon2id of ``passphrase`` at ``cost`` (passes, KiB, lanes), hex, as
    PEM passwords are bytes."""
    from argon2.low_level import Type, hash_secret_raw

    time_cost, memory_kib, lanes = cost
    raw = hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=time_cost, memory_cost=memory_kib,
                          parallelism=lanes, hash_len=32, type=Type.ID)
    return raw.hex().encode("ascii")


@dataclass(frozen=True)
class NewKey:
    """A key just made: its id, raw public key (hex) and private key wrapped for the store."""

    key_id: str
    public_key: str
    private_key: str = field(repr=False)


def generate(passphrase: str) -> NewKey:
    """A new Ed25519 key, its private half encrypted with ``passphrase`` (see the module's note)."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if not passphrase:
        raise SignatureError(_("a key needs a passphrase to protect it"))
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    salt = secrets.token_bytes(16)
    cost = kdf_cost()
    pem = private.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8,
                                ser.BestAvailableEncryption(_kek(passphrase, salt, cost))).decode("ascii")
    t, m, p = cost
    return NewKey(key_id(public), public.hex(), f"argon2id$t={t},m={m},p={p}${salt.hex()}${pem}")


@dataclass(frozen=True, eq=False)
class SigningKey:
    """An unlocked private key, able to sign; its owner (a user's name or a station's) and kind."""

    key_id: str
    owner: str
    owner_kind: str
    private: Ed25519PrivateKey = field(repr=False)

    def sign(self, label: bytes, message: bytes) -> str:
        return self.private.sign(label + message).hex()

    def sign_entry(self, entry_hash: str) -> str:
        """The signature (hex) of an audit entry's hash (:class:`docexam.store.audit.Signer`)."""
        return self.sign(ENTRY_LABEL, entry_hash.encode("ascii"))


def unlock(wrapped: str, passphrase: str, *, key: str, owner: str, owner_kind: str) -> SigningKey:
    """The private key ``wrapped`` (as the store keeps it) unlocked with ``passphrase``; SignatureError when the
    passphrase is wrong."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    m = _WRAP.match(wrapped or "")
    if m is None:
        raise SignatureError(_("the private key {key}... of {owner} is not in the form docexam keeps keys in; make a "
                               "new one (docexam key create)").format(key=key[:12], owner=owner))
    cost = KDF_COST if m.group(1) is None else (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if not (1 <= cost[0] <= 10 and 8 * cost[2] <= cost[1] <= 1024 * 1024 and 1 <= cost[2] <= 16):
        # a cost no docexam made (a changed database): refused rather than spending minutes or gigabytes on it
        raise SignatureError(_("the private key {key}... of {owner} names a key-derivation cost docexam does not make "
                               "({cost}); make a new one (docexam key create)").format(
                                   key=key[:12], owner=owner, cost=m.group(0).split("$")[1]))
    try:
        private = ser.load_pem_private_key(m.group(5).encode("ascii"),
                                           _kek(passphrase, bytes.fromhex(m.group(4)), cost))
    except (ValueError, TypeError):
        raise SignatureError(_("the passphrase does not unlock the key of {owner} (wrong passphrase); nothing was "
                               "done").format(owner=owner)) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise SignatureError(_("the key {key}... of {owner} is not an Ed25519 key").format(key=key[:12], owner=owner))
    return SigningKey(key, owner, owner_kind, private)


def public_key(hex_key: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))


class Verifier:
    """Checks signatures against public keys given by their hex form, each key parsed once."""

    def __init__(self) -> None:
        self._keys: dict[str, Any] = {}

    def verify(self, public_hex: str, signature_hex: str, label: bytes, message: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        if not (isinstance(signature_hex, str) and HEX128.match(signature_hex)):
            return False
        pub = self._keys.get(public_hex)
        if pub is None:
            try:
                pub = self._keys[public_hex] = public_key(public_hex)
            except ValueError:
                return False
        try:
            pub.verify(bytes.fromhex(signature_hex), label + message)
        except InvalidSignature:
            return False
        return True

    def entry(self, public_hex: str, entry_hash: str, signature_hex: str) -> bool:
        return self.verify(public_hex, signature_hex, ENTRY_LABEL, entry_hash.encode("ascii"))


def manifest_digest(manifest: dict[str, Any]) -> str:
    """SHA-256 (hex) of a bundle manifest's canonical JSON: what a station signs."""
    from docexam.store.audit import canonical

    return hashlib.sha256(canonical(manifest).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TrustedKey:
    """A public key on a store's trust list: whose (``owner``, of ``owner_kind``), where it came from (``source``:
    ``local`` made here, ``added`` by an administrator, ``vouched`` for by the station ``vouched_by`` in a bundle),
    and its revocation, if any."""

    key_id: str
    owner_kind: str
    owner: str
    public_key: str
    source: str
    vouched_by: str | None
    added_at: str
    added_by: str
    revoked_at: str | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, d: Any) -> TrustedKey:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def revoked_before(self, at: str) -> bool:
        """Whether the key was revoked at or before ``at`` (an ISO time): what it signed then is not accepted."""
        return self.revoked_at is not None and at >= self.revoked_at

    def refusal(self, *, translated: bool = False) -> str:
        """Why this key's revocation refuses what it signed, in words: in English, as the problems of a verify keep
        it (``case verify --json``), or ``translated`` into the examiner's language, as a refusal says it."""
        words = (_("the key {key}... of {owner} ({kind}) was revoked on {at} by {who}: {why}") if translated else
                 "the key {key}... of {owner} ({kind}) was revoked on {at} by {who}: {why}")
        return words.format(key=self.key_id[:12], owner=self.owner, kind=self.owner_kind,
                            at=(self.revoked_at or '')[:19], who=self.revoked_by, why=self.revoke_reason)


def check_signatures(chain: str, items: list[Any], keys: dict[str, TrustedKey], verifier: Verifier,
                     revoked_from: dict[str, int] | None = None, rows: list[int] | None = None) -> list[str]:
    """What is wrong with the signatures of a chain's entries (:class:`docexam.store.audit.Entry`, in order):
    each signed entry's key is on the trust list (``keys``), was not revoked when it signed, belongs to the entry's
    actor (an examiner's key), and its signature holds over the entry's hash; and no entry after a signed one is
    unsigned (signatures removed). Empty when all hold. The chain's hashes are :func:`docexam.store.audit.check_chain`'s
    to check. ``revoked_from`` and ``rows`` (see :class:`SignatureCheck`): where each revoked key's revocation and
    each entry stand in the store's order of writing."""
    check = SignatureCheck(chain, keys, revoked_from)
    problems = [p for _, p in check.structure(items, rows)]
    for e, key in check.pending:
        found = check.finish(e, key, verifier.entry(key.public_key, e.hash, e.signature))
        if found is not None:
            problems.append(found)
    return problems


class SignatureCheck:
    """:func:`check_signatures` in two halves, so that the costly part, the Ed25519 verification of each entry, can
    be done elsewhere (in threads, by :mod:`docexam.store.verify`): :meth:`structure` checks what needs no
    cryptography and lists in ``pending`` each entry whose signature is to be verified, :meth:`finish` says what is
    wrong with one once it has been.

    A revoked key's signatures are refused when made at or after its revocation. The time an entry claims is the
    signer's word, and a thief of the key can back-date it; so where the store recorded the revocation in its own
    trail, ``revoked_from`` gives its place in the store's order of entries (``{key id: audit row id of the
    trust.revoke entry}``), and an entry is refused too when it, or any entry before it in its chain, was written
    after that place (the audit row ids given to :meth:`structure`), whatever time it claims.
    """

    def __init__(self, chain: str, keys: dict[str, TrustedKey], revoked_from: dict[str, int] | None = None, *,
                 signed_from: int | None = None) -> None:
        self.chain = chain
        self.keys = keys
        self.revoked_from = revoked_from or {}
        #: The first signed entry of the chain, when entries before those given to structure() were (incremental).
        self.signed_from = signed_from
        self.pending: list[tuple[Any, TrustedKey]] = []
        self._latest: dict[int, int] = {}

    def _where(self, e: Any) -> str:
        return f"chain {self.chain}: entry {e.seq} ({e.action}, {e.at[:19]})"

    def structure(self, items: list[Any], rows: list[int] | None = None) -> list[tuple[int, str]]:
        """What is wrong without checking a signature, as ``(seq, problem)``; fills ``pending``. ``rows``: the audit
        row id of each of ``items`` (the store's order of writing), where they come from this store."""
        problems: list[tuple[int, str]] = []
        signed_from = self.signed_from
        latest = 0
        for i, e in enumerate(items):
            if rows is not None:
                latest = max(latest, rows[i])
                self._latest[e.seq] = latest
            if e.signer is None and e.signature is None:
                if signed_from is not None:
                    problems.append((e.seq, f"{self._where(e)} is not signed, though entry {signed_from} before it is "
                                     "(its signature was removed, or it was added behind docexam's back)"))
                continue
            signed_from = signed_from if signed_from is not None else e.seq
            key = self.keys.get(e.signer) if isinstance(e.signer, str) else None
            if key is None:
                problems.append((e.seq, f"{self._where(e)} is signed by the key {str(e.signer)[:12]}..., which is not "
                                 "on the trust list"))
            else:
                self.pending.append((e, key))
        return problems

    def finish(self, e: Any, key: TrustedKey, valid: bool) -> str | None:
        """What is wrong with ``e``, signed by ``key``, whose signature was found ``valid`` or not."""
        where = self._where(e)
        if not valid:
            return f"{where}: its signature does not match it (altered after it was signed, its chain recomputed)"
        if key.owner_kind == KeyKind.EXAMINER and key.owner != e.actor:
            return f"{where} says it was done by {e.actor} but is signed with the key of {key.owner}"
        if key.revoked_before(e.at):
            return f"{where} was signed after {key.refusal()}"
        place = self.revoked_from.get(key.key_id)
        if key.revoked and place is not None and self._latest.get(e.seq, 0) > place:
            return (f"{where} was written after {key.refusal()}, though it claims an earlier time (back-dated): the "
                    "store recorded the revocation before it")
        return None
