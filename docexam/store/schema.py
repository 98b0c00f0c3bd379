"""The case store's schema: the one place that defines its tables (SQLAlchemy Core).

The Alembic migrations in :mod:`docexam.store.migrations` build exactly this schema; a test compares the migrated
database with these definitions on SQLite and on PostgreSQL, so the two cannot drift apart.

Every row that travels between databases in a bundle has a ``uid`` (a UUID in text), unique everywhere; integer
``id`` columns are local to one database.
"""

from __future__ import annotations

import enum

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text, UniqueConstraint

#: Bumped with each migration that changes the tables; bundles record it.
SCHEMA_VERSION = 4

# Names for constraints, so that migrations can refer to them on every database.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class CaseStatus(enum.StrEnum):
    """Where a case's review stands; the store moves it as the verdict is recorded or withdrawn (stored as text, so
    a new state needs no migration)."""

    OPEN = "open"  # no verdict yet
    CONCLUDED = "concluded"  # a verdict is recorded
    REOPENED = "reopened"  # its verdict was withdrawn; under review again
    CLOSED = "closed"


class FindingSource(enum.StrEnum):
    AUTOMATIC = "automatic"
    EXAMINER = "examiner"


def _uid() -> Column:
    return Column("uid", String(36), nullable=False, unique=True)


# Times are ISO 8601 UTC text ("2026-11-28T13:20:17.123456+00:00"): the same on both databases, sortable, and
# hashed into the audit trail exactly as stored.
cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("reference", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("examiner", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("verdict", String(32)),
    Column("verdict_note", Text),
    Column("notes", Text, nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("origin", String(200), nullable=False),  # the database (site) the case was opened in
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("family", String(32)),
    Column("issuing_state", String(3), index=True),
    Column("number", String(64), index=True),
    Column("holder", Text),
    Column("holder_key", Text, index=True),  # upper-case, single-spaced holder name, for search
    Column("birth_date", String(10)),
    Column("expiry_date", String(10), index=True),
    Column("mrz", Text),  # the MRZ lines, newline-separated, as read or typed
    Column("created_at", String(40), nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),  # the file byte for byte
)

captures = Table(
    "captures",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("light", String(16), nullable=False),  # a docexam.lights.Light
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("width", Integer),
    Column("height", Integer),
    Column("dpi", Float),
    Column("source_name", Text, nullable=False),
    Column("captured_at", String(40)),
    Column("created_at", String(40), nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column("capture_id", Integer, ForeignKey("captures.id", ondelete="CASCADE")),
    Column("kind", String(64), nullable=False),
    Column("light", String(16)),
    Column("region", Text),  # JSON [x, y, w, h] in capture pixels, or null
    Column("score", Float),
    Column("source", String(16), nullable=False),
    Column("detail", Text, nullable=False),  # JSON: for an MRZ reading, the `docexam read --json` object
    Column("created_at", String(40), nullable=False),
)

# The append-only audit trail: one hash chain per case (chain = the case's uid) and one for the store ("store").
# Each entry's hash covers the previous entry's hash and the entry itself (see docexam.store.audit), and the chain's
# head is kept in audit_heads, so an edited, removed or inserted entry, or a truncated chain, is detected.
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chain", String(36), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("detail", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # Who signed the entry (the key id: SHA-256 of an Ed25519 public key, see docexam.store.signing) and the
    # signature over its hash, in hex; both null on entries written before accounts existed in the store.
    Column("signer", String(64)),
    Column("signature", String(128)),
    UniqueConstraint("chain", "seq"),
)

audit_heads = Table(
    "audit_heads",
    metadata,
    Column("chain", String(36), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

specimens = Table(
    "specimens",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("family", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("lights", Text, nullable=False),  # JSON list of lights with a reference capture
    Column("regions", Text, nullable=False),  # JSON: [{"name", "box": [x, y, w, h], "expect": {light: text}}]
    Column("created_at", String(40), nullable=False),
)

training_attempts = Table(
    "training_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("exercise", Text, nullable=False),
    Column("trainee", String(200), nullable=False),
    Column("answers", Text, nullable=False),  # JSON
    Column("score", Float, nullable=False),
    Column("created_at", String(40), nullable=False),
)

# The examiner's reference library (issue 19; docexam.references.model holds the records these rows are): document
# types, their genuine specimens, the specimens' captures (images in blobs, by SHA-256, as a case's are) and the
# annotation versions, each a JSON Annotation.to_dict(), written once and never rewritten (a correction is a new
# version). Each type has its own audit chain (named by its uid), as a case has.
reference_types = Table(
    "reference_types",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, index=True),  # upper-case, single-spaced name, for search
    Column("state", String(3), index=True),  # issuing state (Doc 9303 Part 3, 5)
    Column("document_code", String(2), index=True),  # P, PO, I, ID, V... (Doc 9303 Part 4, 4.2.2)
    Column("format", String(8), index=True),  # a docexam.mrz.MRZFormat value
    Column("series", Text, nullable=False),
    Column("issued_from", String(10)),
    Column("issued_until", String(10)),
    Column("notes", Text, nullable=False),
    Column("synthetic", Boolean, nullable=False),  # the generator's designs
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("origin", String(200), nullable=False),
)

reference_specimens = Table(
    "reference_specimens",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("type_id", Integer, ForeignKey("reference_types.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("captured_by", Text, nullable=False),
    Column("captured_at", String(10)),
    Column("provenance", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)

reference_captures = Table(
    "reference_captures",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("specimen_id", Integer, ForeignKey("reference_specimens.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("light", String(16), nullable=False),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("dpi", Float, nullable=False),
    Column("source_name", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)

reference_annotations = Table(
    "reference_annotations",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("type_id", Integer, ForeignKey("reference_types.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("annotation", Text, nullable=False),  # canonical JSON of Annotation.to_dict()
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(200), nullable=False),
    UniqueConstraint("type_id", "version"),
)

# Accounts, keys and trust (issue 22; docexam.store.accounts and docexam.store.signing). A user signs in with a
# passphrase (its Argon2id hash is kept, never the passphrase); each user and each station (an installation) has an
# Ed25519 key whose private half is kept encrypted with its owner's passphrase. The trust list holds the public keys
# whose signatures this store accepts: its own, those an administrator added, and those a trusted station vouched
# for in a bundle; a revoked key stays listed, with when, by whom and why.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # a docexam.store.accounts.Role
    Column("password_hash", Text, nullable=False),  # Argon2id, in its own encoded form ($argon2id$v=19$...)
    Column("disabled", Boolean, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(200), nullable=False),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_id", String(64), nullable=False, unique=True),  # SHA-256 of the raw public key, hex
    Column("owner_kind", String(16), nullable=False),  # "examiner" or "station"
    Column("owner", String(200), nullable=False, index=True),  # the user's name, or the station's (origin)
    Column("public_key", String(64), nullable=False),  # the raw 32-byte public key, hex
    Column("private_key", Text, nullable=False),  # PKCS #8 PEM, encrypted with the owner's passphrase
    Column("created_at", String(40), nullable=False),
)

trusted_keys = Table(
    "trusted_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_id", String(64), nullable=False, unique=True),
    Column("owner_kind", String(16), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("source", String(16), nullable=False),  # "local", "added" or "vouched" (by the station in vouched_by)
    Column("vouched_by", String(64)),
    Column("added_at", String(40), nullable=False),
    Column("added_by", String(200), nullable=False),
    Column("revoked_at", String(40)),
    Column("revoked_by", String(200)),
    Column("revoke_reason", Text),
)

# The newest bundle imported from each signing station: an older bundle of the same station arriving after it is
# a replay and refused (docexam.store.bundle).
bundle_imports = Table(
    "bundle_imports",
    metadata,
    Column("signer", String(64), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("bundle", String(64), nullable=False),  # SHA-256 of the manifest signed
)

# Exercise packs' answer keys, kept for trainers; a trainee's session never reads them (docexam.store.accounts).
exercise_keys = Table(
    "exercise_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    _uid(),
    Column("exercise", Text, nullable=False),
    Column("document", String(200), nullable=False),
    Column("answer", Text, nullable=False),  # canonical JSON of the document's key.json
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(200), nullable=False),
    UniqueConstraint("exercise", "document"),
)

# What the last `case verify` that found nothing wrong checked (docexam.store.verify): a checkpoint, signed by the
# signed-in user who ran it, and the head of every chain as it verified it. The next verify checks only what was
# written since (entries after last_row, chains whose head moved, cases whose trail grew, new images), and that the
# heads it left behind still hold. Kept in this database only; never in a bundle.
verify_checkpoints = Table(
    "verify_checkpoints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("mode", String(16), nullable=False),  # "full" or "since-last"
    Column("last_row", Integer, nullable=False),  # the largest audit id verified
    Column("entries", Integer, nullable=False),  # audit rows with an id up to last_row
    Column("chains", Integer, nullable=False),
    Column("cases", Integer, nullable=False),
    Column("last_capture", Integer, nullable=False),  # the largest captures id whose image was re-hashed
    Column("last_reference_capture", Integer, nullable=False),
    Column("heads", String(64), nullable=False),  # SHA-256 over verified_heads (docexam.store.verify.heads_digest)
    Column("trust", String(64), nullable=False),  # SHA-256 over the trust list as it was
    Column("signer", String(64)),  # key id; null in a store without accounts
    Column("signature", String(128)),
)

verified_heads = Table(
    "verified_heads",
    metadata,
    Column("chain", String(36), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

Index("ix_cases_updated_at", cases.c.updated_at)
Index("ix_documents_birth_date", documents.c.birth_date)

__all__ = [
    "SCHEMA_VERSION",
    "CaseStatus",
    "FindingSource",
    "audit",
    "audit_heads",
    "blobs",
    "bundle_imports",
    "captures",
    "cases",
    "documents",
    "exercise_keys",
    "findings",
    "metadata",
    "reference_annotations",
    "reference_captures",
    "reference_specimens",
    "reference_types",
    "signing_keys",
    "specimens",
    "training_attempts",
    "trusted_keys",
    "users",
    "verified_heads",
    "verify_checkpoints",
]
