"""PostgreSQL roles and grants: the database enforces docexam's roles too, not only the application (issue 22).

At the centre each examiner may connect to PostgreSQL as a login role of their own, member of one group role per
docexam role (``docexam_examiner``, ``docexam_reviewer``, ``docexam_trainer``, ``docexam_trainee``,
``docexam_administrator``). :func:`install` (``docexam user grants``, run by the database's owner) makes the group
roles and grants each what its docexam role needs, and no more:

- the audit trail is append-only for everyone but the administrator: INSERT, never UPDATE or DELETE, so history
  cannot be rewritten through the database either;
- a trainee reads no exercise answer keys (no SELECT on ``exercise_keys``) and writes only training attempts and
  their audit entries;
- only an administrator changes accounts (``users``) and revokes keys.

Roles are global to a PostgreSQL cluster, grants belong to the database: :func:`install` is run once per database
and again after a migration adds tables. SQLite has no roles: a laptop's file is protected by the operating
system's file permissions and the application's checks.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from docexam.i18n import _
from docexam.store.accounts import Role
from docexam.store.schema import metadata

PREFIX = "docexam_"
_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

#: Tables each role may change, beyond reading (INSERT, UPDATE, DELETE unless said otherwise).
_CASEWORK = ("cases", "documents", "captures", "findings", "reference_types", "reference_specimens",
             "reference_captures", "reference_annotations")
_APPEND = {"audit": "INSERT", "audit_heads": "INSERT, UPDATE", "blobs": "INSERT", "specimens": "INSERT",
           "training_attempts": "INSERT", "signing_keys": "INSERT", "bundle_imports": "INSERT, UPDATE",
           "trusted_keys": "INSERT"}
#: Anyone may leave a verify checkpoint (docexam.store.verify); each is signed, and the heads it lists are covered
#: by its signature, so a change to them is found rather than trusted.
_VERIFY = {"verify_checkpoints": "INSERT", "verified_heads": "INSERT, UPDATE, DELETE"}
_WRITES: dict[Role, dict[str, str]] = {
    Role.EXAMINER: {**{t: "INSERT, UPDATE, DELETE" for t in _CASEWORK}, **_APPEND, **_VERIFY},
    Role.REVIEWER: {**{t: "INSERT, UPDATE, DELETE" for t in _CASEWORK}, **_APPEND, **_VERIFY},
    Role.TRAINER: {"audit": "INSERT", "audit_heads": "INSERT, UPDATE", "training_attempts": "INSERT",
                   "exercise_keys": "INSERT", "signing_keys": "INSERT", "trusted_keys": "INSERT", **_VERIFY},
    Role.TRAINEE: {"audit": "INSERT", "audit_heads": "INSERT, UPDATE", "training_attempts": "INSERT", **_VERIFY},
}
#: Tables a role may not even read.
_HIDDEN: dict[Role, tuple[str, ...]] = {Role.TRAINEE: ("exercise_keys",)}


def group_role(role: Role) -> str:
    return PREFIX + role.value


def statements() -> list[str]:
    """The SQL :func:`install` runs, in order (each idempotent)."""
    tables = sorted(metadata.tables) + ["alembic_version"]
    out = []
    for role in Role:
        name = group_role(role)
        out.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
                   f"CREATE ROLE {name} NOLOGIN; END IF; END $$")
        out.append(f"REVOKE ALL ON {', '.join(tables)} FROM {name}")
        out.append(f"GRANT USAGE ON SCHEMA public TO {name}")
        out.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}")
        if role is Role.ADMINISTRATOR:
            out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(tables)} TO {name}")
            continue
        readable = [t for t in tables if t not in _HIDDEN.get(role, ())]
        out.append(f"GRANT SELECT ON {', '.join(readable)} TO {name}")
        for table, privileges in sorted(_WRITES[role].items()):
            out.append(f"GRANT {privileges} ON {table} TO {name}")
    return out


def install(conn: Connection) -> None:
    """Make the group roles and grant them their privileges on this database (PostgreSQL only)."""
    if conn.dialect.name != "postgresql":
        raise ValueError(_("roles and grants are PostgreSQL's; a SQLite store is protected by its file's permissions"))
    for sql in statements():
        conn.execute(text(sql))


def create_login(conn: Connection, login: str, role: Role) -> None:
    """A PostgreSQL login role ``login`` (a lower-case SQL identifier) in ``role``'s group role: the account an
    examiner connects to the database with (its password, or other authentication, is the database
    administrator's to set: ``ALTER ROLE ... PASSWORD``, pg_hba.conf)."""
    if not _IDENT.match(login):
        raise ValueError(_("{login} cannot be a PostgreSQL role name: lower-case letters, digits and _ only").format(
            login=repr(login)))
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first()
    if exists is None:
        conn.execute(text(f"CREATE ROLE {login} LOGIN"))
    conn.execute(text(f"GRANT {group_role(role)} TO {login}"))
