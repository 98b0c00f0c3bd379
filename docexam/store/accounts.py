"""Accounts and roles: who may do what in a case store, and signing in (issue 22).

A store starts without accounts and works as it always has: every change is recorded under the operating-system
user's name (``$DOCEXAM_EXAMINER``, else the login name) and nothing is signed. The first account made
(:func:`add_user` on a store without one, no sign-in needed) is its administrator; from then on every change needs
a signed-in user whose role allows it, the acting examiner in the audit trail is that user, and each entry is
signed with the user's key (:mod:`docexam.store.signing`). Reading (listing, showing, verifying cases) needs no
sign-in, except an exercise's answer keys, which a trainee never reads.

Passphrases are kept as Argon2id hashes (argon2-cffi's ``PasswordHasher``, RFC 9106 parameters), never as text.
Signing in also unlocks the user's newest key with the same passphrase.

On PostgreSQL the database enforces the roles too, through its own roles and grants (:mod:`docexam.store.grants`).
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select, update

from docexam.errors import DocexamError
from docexam.i18n import N_, _
from docexam.store import audit as audit_mod
from docexam.store import signing
from docexam.store.schema import signing_keys, trusted_keys, users

if TYPE_CHECKING:
    from docexam.store.store import Store

#: The environment variables a script signs in with (the command line prompts on a terminal instead).
USER_ENV = "DOCEXAM_USER"
PASSPHRASE_ENV = "DOCEXAM_PASSPHRASE"
#: The passphrase of an account being made, for scripts (the command line prompts twice on a terminal instead).
NEW_PASSPHRASE_ENV = "DOCEXAM_NEW_PASSPHRASE"
#: The passphrase a station key is kept under when it is not the signed-in user's.
STATION_PASSPHRASE_ENV = "DOCEXAM_STATION_PASSPHRASE"
MIN_PASSPHRASE = 8
_NAME = re.compile(r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]{1,200}$")


class Role(enum.StrEnum):
    ADMINISTRATOR = "administrator"
    EXAMINER = "examiner"
    REVIEWER = "reviewer"
    TRAINER = "trainer"
    TRAINEE = "trainee"


class Permission(enum.StrEnum):
    CASE_WRITE = "change cases (open, attach, record findings and verdicts, submit, issue, export, import)"
    CASE_REVIEW = "review another examiner's case"
    REFERENCE_WRITE = "change the reference library"
    EXERCISE_KEYS_READ = "read exercise answer keys"
    EXERCISE_KEYS_WRITE = "keep exercise answer keys"
    ATTEMPT_RECORD = "record training attempts"
    ACCOUNTS = "manage accounts, station keys and the trust list"


_P = Permission
#: What each role may do. A reviewer is an examiner who also reviews; a trainee only records attempts.
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.EXAMINER: frozenset({_P.CASE_WRITE, _P.REFERENCE_WRITE, _P.EXERCISE_KEYS_READ, _P.ATTEMPT_RECORD}),
    Role.REVIEWER: frozenset({_P.CASE_WRITE, _P.CASE_REVIEW, _P.REFERENCE_WRITE, _P.EXERCISE_KEYS_READ,
                              _P.ATTEMPT_RECORD}),
    Role.TRAINER: frozenset({_P.EXERCISE_KEYS_READ, _P.EXERCISE_KEYS_WRITE, _P.ATTEMPT_RECORD}),
    Role.TRAINEE: frozenset({_P.ATTEMPT_RECORD}),
}


class AccessError(DocexamError, PermissionError):
    """The signed-in user (or nobody signed in) may not do this; the message says who may."""


class SignInError(DocexamError, PermissionError):
    """Signing in failed (no such account, a wrong passphrase, a disabled account); nothing was done."""


class AccountInputError(DocexamError, ValueError):
    """A value given for an account is not acceptable; the message says which and what would be."""


@dataclass(frozen=True)
class User:
    uid: str
    name: str
    role: Role
    disabled: bool
    created_at: str
    created_by: str

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "name": self.name, "role": self.role.value, "disabled": self.disabled,
                "created_at": self.created_at, "created_by": self.created_by}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> User:
        return cls(str(d["uid"]), str(d["name"]), Role(d["role"]), bool(d["disabled"]), str(d["created_at"]),
                   str(d["created_by"]))

    def may(self, permission: Permission) -> bool:
        return not self.disabled and permission in PERMISSIONS[self.role]


@dataclass(frozen=True, eq=False)
class Session:
    """Who is signed in to a store: the user, their unlocked key, and the passphrase (kept to unlock the station's
    key when a bundle is signed; never written anywhere)."""

    user: User
    key: signing.SigningKey | None
    passphrase: str = field(repr=False)


def parse_role(value: Role | str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise AccountInputError(_("unknown role {value}; choose one of: {choices}").format(
            value=repr(value), choices=', '.join(r.value for r in Role))) from None


def check_name(name: str) -> str:
    if not isinstance(name, str) or name != name.strip() or not _NAME.match(name):
        raise AccountInputError(_("{name} cannot be an account name: give 1 to 200 printable characters, without "
                                  "leading or trailing spaces").format(name=repr(name)))
    return name


def check_passphrase(passphrase: str | None) -> str:
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        raise AccountInputError(_("a passphrase must be at least {n} characters long").format(n=MIN_PASSPHRASE))
    return passphrase


def hash_passphrase(passphrase: str) -> str:
    """Argon2id of ``passphrase`` in its own encoded form, which records the cost it was made at (the
    :func:`docexam.store.signing.kdf_cost`: RFC 9106's second recommendation)."""
    from argon2 import PasswordHasher

    time_cost, memory_kib, lanes = signing.kdf_cost()
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=lanes).hash(passphrase)


def passphrase_matches(stored: str, passphrase: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(stored, passphrase)
    except (VerificationError, InvalidHashError):
        return False


def _user(row: Any) -> User:
    return User(row.uid, row.name, Role(row.role), bool(row.disabled), row.created_at, row.created_by)


def has_accounts(conn: Connection) -> bool:
    return bool(conn.execute(select(func.count()).select_from(users)).scalar())


def list_users(conn: Connection) -> list[User]:
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def find_user(conn: Connection, name: str) -> User | None:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return _user(row) if row is not None else None


def require(store: Store, conn: Connection, permission: Permission, what: str, *, need_key: bool = True) -> None:
    """Refuse ``what`` unless the store has no accounts (it works as before them) or the signed-in user, still
    enabled, holds ``permission`` (and, ``need_key``, a key that is not revoked to sign with). ``what`` is said in the
    examiner's language when it is marked with ``N_`` where it is given."""
    what = _(what)
    session = store.session
    if session is None:
        if has_accounts(conn):
            raise AccessError(_("this store has accounts: sign in to {what} (set {user} and {passphrase}, or answer the "
                                "prompt on a terminal); nothing was done").format(
                                  what=what, user=USER_ENV, passphrase=PASSPHRASE_ENV))
        return
    current = find_user(conn, session.user.name)
    if current is None or current.disabled:
        raise AccessError(_("the account {name} is disabled or gone; nothing was done").format(name=session.user.name))
    if not current.may(permission):
        who = ", ".join(r.value for r, ps in PERMISSIONS.items() if permission in ps)
        raise AccessError(_("{name} is a {role} and may not {what} (only: {who}); nothing was done").format(
            name=current.name, role=current.role.value, what=what, who=who))
    if need_key and session.key is None:
        revoked = conn.execute(select(trusted_keys).join(signing_keys, signing_keys.c.key_id == trusted_keys.c.key_id)
                               .where(signing_keys.c.owner == current.name, trusted_keys.c.revoked_at.is_not(None))
                               .order_by(trusted_keys.c.revoked_at.desc())).first()
        why = f" ({signing.TrustedKey.from_dict(revoked._mapping).refusal(translated=True)})" if revoked is not None else ""
        raise AccessError(_("{name} has no signing key that is not revoked{why}, and may not {what} until they make "
                            "one (docexam key create); nothing was done").format(name=current.name, why=why, what=what))
    if session.key is not None:
        # a key revoked while its owner was signed in signs nothing more
        row = conn.execute(select(trusted_keys).where(trusted_keys.c.key_id == session.key.key_id)).first()
        if row is not None and row.revoked_at is not None:
            key = signing.TrustedKey.from_dict(row._mapping)
            raise AccessError(_("{refusal}; sign in again to sign with a key that is not revoked (or make one: docexam "
                                "key create), then {what}; nothing was done").format(refusal=key.refusal(translated=True), what=what))


def _record(store: Store, conn: Connection, at: str, action: str, detail: dict[str, Any]) -> None:
    audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=store.actor, action=action, detail=detail,
                     signer=store.signer)


def _insert_key(conn: Connection, new: signing.NewKey, *, kind: str, owner: str, at: str, by: str) -> None:
    conn.execute(insert(signing_keys).values(key_id=new.key_id, owner_kind=kind, owner=owner, public_key=new.public_key,
                                             private_key=new.private_key, created_at=at))
    conn.execute(insert(trusted_keys).values(key_id=new.key_id, owner_kind=kind, owner=owner, public_key=new.public_key,
                                             source="local", vouched_by=None, added_at=at, added_by=by))


def add_user(store: Store, name: str, role: Role | str, passphrase: str) -> User:
    """Make an account, with its own signing key under ``passphrase``. On a store without accounts this is its
    administrator, made without a sign-in (``role`` must then be the administrator's); else the signed-in user must
    be an administrator. The account's creation is signed: by the new administrator's own key for the first."""
    from docexam.store.store import now

    check_name(name)
    r = parse_role(role)
    check_passphrase(passphrase)
    at = now()
    new_key = signing.generate(passphrase)  # Argon2 and the key before the write lock is taken
    digest = hash_passphrase(passphrase)
    with store.engine.begin() as conn:
        first = not has_accounts(conn)
        if first:
            if r is not Role.ADMINISTRATOR:
                raise AccountInputError(_("the first account of a store is its administrator; make {name} with --role "
                                          "administrator, then the {role}s").format(name=name, role=r.value))
        else:
            require(store, conn, Permission.ACCOUNTS, N_("add accounts"))
        if find_user(conn, name) is not None:
            raise AccountInputError(_("there is already an account {name}").format(name=name))
        by = name if first else store.actor
        user = User(str(uuid.uuid4()), name, r, False, at, by)
        conn.execute(insert(users).values(uid=user.uid, name=name, role=r.value, password_hash=digest, disabled=False,
                                          created_at=at, created_by=by))
        _insert_key(conn, new_key, kind=signing.KeyKind.EXAMINER, owner=name, at=at, by=by)
        if first:  # from here on the store is signed: the administrator's own creation is its first signed entry
            key = signing.unlock(new_key.private_key, passphrase, key=new_key.key_id, owner=name,
                                 owner_kind=signing.KeyKind.EXAMINER)
            store.session = Session(user, key, passphrase)
            store.actor = name
        _record(store, conn, at, "user.add", {"user": user.uid, "name": name, "role": r.value, "key": new_key.key_id})
    return user


def disable_user(store: Store, name: str, *, reason: str) -> User:
    """Disable an account (administrators only): it can no longer sign in; its signatures stay valid."""
    from docexam.store.store import now

    if not isinstance(reason, str) or not reason.strip():
        raise AccountInputError(_("say why the account is disabled (it goes into the audit trail)"))
    at = now()
    with store.engine.begin() as conn:
        require(store, conn, Permission.ACCOUNTS, N_("disable accounts"))
        user = find_user(conn, name)
        if user is None:
            raise AccountInputError(_("no account {name}; `docexam user list` shows them").format(name=name))
        if user.disabled:
            raise AccountInputError(_("the account {name} is disabled already").format(name=name))
        admins = [u for u in list_users(conn) if u.role is Role.ADMINISTRATOR and not u.disabled]
        if user.role is Role.ADMINISTRATOR and len(admins) == 1:
            raise AccountInputError(_("{name} is the store's only administrator; make another before disabling it").format(
                name=name))
        conn.execute(update(users).where(users.c.name == name).values(disabled=True))
        _record(store, conn, at, "user.disable", {"user": user.uid, "name": name, "reason": reason.strip()})
    return User(user.uid, user.name, user.role, True, user.created_at, user.created_by)


def newest_key(conn: Connection, owner: str, kind: str, *, usable: bool = False) -> Any:
    """The newest key of ``owner`` kept here (``usable``: among those not revoked), or None."""
    q = select(signing_keys).where(signing_keys.c.owner == owner, signing_keys.c.owner_kind == kind)
    if usable:
        revoked = select(trusted_keys.c.key_id).where(trusted_keys.c.revoked_at.is_not(None))
        q = q.where(signing_keys.c.key_id.not_in(revoked))
    return conn.execute(q.order_by(signing_keys.c.id.desc())).first()


def sign_in(store: Store, name: str, passphrase: str) -> User:
    """Sign ``name`` in to ``store``: the passphrase checked against its Argon2id hash, the account enabled, its
    newest key unlocked. From then on the store acts as that user and signs with that key."""
    with store._reader.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
        key_row = newest_key(conn, name, signing.KeyKind.EXAMINER, usable=True) if row is not None else None
    if row is None or not passphrase_matches(row.password_hash, passphrase or ""):
        raise SignInError(_("cannot sign in as {name}: no such account, or a wrong passphrase; nothing was done").format(
            name=repr(name)))
    user = _user(row)
    if user.disabled:
        raise SignInError(_("the account {name} is disabled; an administrator can say why (docexam user list)").format(
            name=name))
    key = None
    if key_row is not None:
        key = signing.unlock(key_row.private_key, passphrase, key=key_row.key_id, owner=name,
                             owner_kind=signing.KeyKind.EXAMINER)
    store.session = Session(user, key, passphrase)
    store.actor = name
    return user
