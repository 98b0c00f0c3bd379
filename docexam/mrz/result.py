"""Typed results of reading an MRZ: fields, checks, errors and warnings.

The result classes are slotted and are not frozen: a frozen dataclass pays about 0.75 us per object in
``__init__``, a quarter of a parse. Treat them as values: nothing in docexam mutates a result once made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docexam.mrz.dates import MRZDate
from docexam.mrz.layout import MRZFormat
from docexam.mrz.names import MRZName


@dataclass(slots=True)  # not frozen: a frozen __init__ costs ~0.75 us and the parser makes many
class Issue:
    """One error or warning: a stable ``code`` for programs (:class:`docexam.mrz.issues.IssueCode`), a ``message``
    in words for people, the field it concerns, and the values the message states (``params``, e.g. the expiry
    date of an expired document), so a program never reads them back out of the message."""

    code: str
    message: str
    field: str | None = None
    params: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "field": self.field, "params": dict(self.params or {})}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Issue:
        params = d.get("params")
        return cls(str(d["code"]), str(d["message"]), d.get("field"),
                   {str(k): str(v) for k, v in params.items()} if params else None)


@dataclass(slots=True)  # not frozen: a frozen __init__ costs ~0.75 us and the parser makes many
class Check:
    """A check digit as printed (``found``) against the one computed from the data it covers (``expected``).

    ``expected`` is ``None`` when the covered data holds characters outside the MRZ alphabet.
    ``line`` and ``column`` (from 0) locate the printed digit.
    """

    name: str
    expected: str | None
    found: str
    valid: bool
    line: int
    column: int


@dataclass(slots=True)
class MRZFields:
    """The data elements of an MRZ, fillers removed. Dates keep what was printed and what it means."""

    document_code: str
    issuing_state: str
    name: MRZName
    document_number: str
    nationality: str
    birth_date: MRZDate
    #: ``None`` for formats without an expiry date in the MRZ (the pre-2021 French identity card).
    expiry_date: MRZDate | None
    sex: str
    optional_data: str
    #: The second optional data field (TD1 line 2); ``None`` for formats that have one field.
    optional_data_2: str | None = None

    @property
    def surname(self) -> str:
        return self.name.surname

    @property
    def given_names(self) -> str:
        return self.name.given_names

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_code": self.document_code,
            "issuing_state": self.issuing_state,
            "surname": self.surname,
            "given_names": self.given_names,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": self.birth_date.isoformat(),
            "birth_date_raw": self.birth_date.raw,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "expiry_date_raw": self.expiry_date.raw if self.expiry_date else None,
            "sex": self.sex,
            "optional_data": self.optional_data,
            "optional_data_2": self.optional_data_2,
            "name_possibly_truncated": self.name.possibly_truncated,
        }


class MRZResult:
    """Everything known about one MRZ. ``valid`` means: a known format and no error.

    The verdict (``format``, ``errors``, ``valid``) is decided when the result is made; the typed ``fields``, the
    ``checks`` and the ``warnings`` are built the first time one of them is asked for, from what the parser kept
    (:meth:`deferred`). A batch that wants verdicts only (a checkpoint archive of a million MRZs) does not pay for
    dates, names and state codes it never reads; a result that is looked at is the same either way.
    """

    __slots__ = ("format", "lines", "errors", "_fields", "_checks", "_warnings", "_complete")

    format: MRZFormat | None
    lines: tuple[str, ...]
    errors: tuple[Issue, ...]

    def __init__(self, format: MRZFormat | None, lines: tuple[str, ...], fields: MRZFields | None,
                 checks: tuple[Check, ...], errors: tuple[Issue, ...], warnings: tuple[Issue, ...]) -> None:
        self.format = format
        self.lines = lines
        self.errors = errors
        self._fields = fields
        self._checks = checks
        self._warnings = warnings
        self._complete: Callable[[], tuple[MRZFields | None, tuple[Check, ...], tuple[Issue, ...]]] | None = None

    @classmethod
    def deferred(cls, format: MRZFormat | None, lines: tuple[str, ...], errors: tuple[Issue, ...],
                 complete: Callable[[], tuple[MRZFields | None, tuple[Check, ...], tuple[Issue, ...]]]) -> MRZResult:
        """A result whose fields, checks and warnings ``complete()`` gives when first asked for."""
        self = cls.__new__(cls)
        self.format = format
        self.lines = lines
        self.errors = errors
        self._complete = complete
        return self

    def _fill(self) -> None:
        complete = self._complete
        if complete is not None:
            self._fields, self._checks, self._warnings = complete()
            self._complete = None

    @property
    def fields(self) -> MRZFields | None:
        if self._complete is not None:
            self._fill()
        return self._fields

    @property
    def checks(self) -> tuple[Check, ...]:
        if self._complete is not None:
            self._fill()
        return self._checks

    @property
    def warnings(self) -> tuple[Issue, ...]:
        if self._complete is not None:
            self._fill()
        return self._warnings

    def _key(self) -> tuple[object, ...]:
        return (self.format, self.lines, self.fields, self.checks, self.errors, self.warnings)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, MRZResult) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a value, compared by content, as the dataclass it was

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled and copied complete: what is left to build is a function of the parser's, not data
        return (MRZResult, (self.format, self.lines, self.fields, self.checks, self.errors, self.warnings))

    def __repr__(self) -> str:
        return (f"MRZResult(format={self.format!r}, lines={self.lines!r}, fields={self.fields!r}, "
                f"checks={self.checks!r}, errors={self.errors!r}, warnings={self.warnings!r})")

    @property
    def valid(self) -> bool:
        return self.format is not None and not self.errors

    def check(self, name: str) -> Check | None:
        """The check called ``name`` (``document_number``, ``birth_date``, ``expiry_date``, ``optional_data``,
        ``composite``), or ``None`` when the format has none."""
        for c in self.checks:
            if c.name == name:
                return c
        return None

    def has_issue(self, code: str) -> bool:
        return any(i.code == code for i in self.errors) or any(i.code == code for i in self.warnings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``docexam mrz --json``."""
        return {
            "format": self.format.value if self.format else None,
            "valid": self.valid,
            "lines": list(self.lines),
            "fields": self.fields.to_dict() if self.fields else None,
            "checks": {c.name: c.valid for c in self.checks},
            "check_digits": {c.name: {"expected": c.expected, "found": c.found} for c in self.checks},
            "errors": [i.message for i in self.errors],
            "warnings": [i.message for i in self.warnings],
            "issues": [dict(i.to_dict(), severity="error") for i in self.errors]
            + [dict(i.to_dict(), severity="warning") for i in self.warnings],
        }
