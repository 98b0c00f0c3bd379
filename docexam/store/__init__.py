"""The case store: examination cases that are never lost (SQLite on laptops, PostgreSQL at the centre).

Plain Python over SQLAlchemy Core: no Qt. :mod:`docexam.store.schema` is the one place that defines the tables.
"""

from docexam.errors import (
    ForeignDatabaseError,
    SchemaRevisionError,
    StoreBusyError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
)
from docexam.store.db import default_path, resolve_url
from docexam.store.records import CaseRecord, ComparisonRecord, FindingRecord, MRZReading, ReferenceId
from docexam.store.schema import CaseStatus, FindingSource
from docexam.store.store import CaseInputError, CaseNotFoundError, CaseSummary, Store, VerifyReport
from docexam.verdicts import Verdict

__all__ = [
    "CaseInputError",
    "CaseNotFoundError",
    "CaseRecord",
    "CaseStatus",
    "CaseSummary",
    "ComparisonRecord",
    "FindingRecord",
    "FindingSource",
    "ForeignDatabaseError",
    "MRZReading",
    "ReferenceId",
    "SchemaRevisionError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreFullError",
    "StoreReadOnlyError",
    "StoreUnavailableError",
    "Verdict",
    "VerifyReport",
    "default_path",
    "resolve_url",
]
