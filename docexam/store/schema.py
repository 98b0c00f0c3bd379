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
SCHEMA_VERSION = 2

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

Index("ix_cases_updated_at", cases.c.updated_at)
Index("ix_documents_birth_date", documents.c.birth_date)

__all__ = [
    "SCHEMA_VERSION",
    "CaseStatus",
    "FindingSource",
    "audit",
    "audit_heads",
    "blobs",
    "captures",
    "cases",
    "documents",
    "findings",
    "metadata",
    "reference_annotations",
    "reference_captures",
    "reference_specimens",
    "reference_types",
    "specimens",
    "training_attempts",
]
