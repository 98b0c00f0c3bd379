"""The case store: examination cases that are never lost (SQLite on laptops, PostgreSQL at the centre).

Plain Python over SQLAlchemy Core: no Qt. :mod:`docexam.store.schema` is the one place that defines the tables.
"""

from docexam.store.db import StoreError, default_path, resolve_url
from docexam.store.records import CaseRecord, ComparisonRecord, FindingRecord, MRZReading, ReferenceId
from docexam.store.schema import CaptureLight, CaseStatus, FindingSource, Verdict
from docexam.store.store import CaseInputError, CaseNotFoundError, CaseSummary, Store, VerifyReport

__all__ = [
    "CaptureLight",
    "CaseInputError",
    "CaseNotFoundError",
    "CaseRecord",
    "CaseStatus",
    "CaseSummary",
    "ComparisonRecord",
    "FindingRecord",
    "FindingSource",
    "MRZReading",
    "ReferenceId",
    "Store",
    "StoreError",
    "Verdict",
    "VerifyReport",
    "default_path",
    "resolve_url",
]
