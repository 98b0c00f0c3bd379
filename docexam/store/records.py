"""Typed records of what a case holds, as :meth:`docexam.store.Store.show` reads them (Qt-free, no database).

:class:`CaseRecord` is the case whole: its row (:class:`CaseInfo`), documents, captures, findings and audit trail,
each typed, with :meth:`CaseRecord.to_dict` giving the JSON of ``docexam case show --json``. A finding's ``detail``
is kept as stored (it is hashed into the audit trail); the findings docexam makes itself are read from it as typed
records, each with ``to_dict()`` and ``from_dict()`` side by side:

- an MRZ reading (kind ``mrz``): :class:`MRZReading`, the object of ``docexam read --json``, its errors and
  warnings as :class:`docexam.mrz.result.Issue` (code, message, field, values);
- a comparison with a reference specimen (kind ``comparison``): :class:`ComparisonRecord`, naming its reference
  by a :class:`ReferenceId` whichever front end made it.

The workstation, the report, the tasks and the command line find "the latest reading" and "the latest comparison"
through :meth:`CaseRecord.latest_reading` and :meth:`CaseRecord.latest_comparison` only.

Rows stored by older versions are read here, not migrated: a finding's detail is covered by the case's audit
trail (:func:`docexam.store.store.state_hash`), so rewriting it would make every such case look altered. An MRZ
reading stored with messages only gets its codes from :func:`docexam.mrz.issues.issue_from_message`; a comparison
whose reference is a bare family name (the workstation) or a folder path (the command line) gets a
:class:`ReferenceId` with that family, or that folder as its ``source``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from docexam.checkrun import CheckRun
from docexam.details import Said
from docexam.mrz.issues import issue_from_message
from docexam.mrz.result import Issue
from docexam.store.audit import Entry

if TYPE_CHECKING:
    from docexam.store.review import Review

_Row = TypeVar("_Row", "CaseInfo", "DocumentRecord", "CaptureRecord", "FindingRecord")

#: Finding kinds docexam writes itself besides a comparison's own findings.
MRZ_KIND = "mrz"
COMPARISON_KIND = "comparison"


def _fields_dict(obj: Any) -> dict[str, Any]:
    """A row record's fields in table-column order (the order ``case show --json`` prints them in)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _from_row(cls: type[_Row], d: Mapping[str, Any]) -> _Row:
    return cls(**{f.name: d.get(f.name) for f in dataclasses.fields(cls)})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------------------
# Rows


@dataclass(frozen=True)
class CaseInfo:
    """A case's own row."""

    id: int
    uid: str
    reference: str
    title: str
    examiner: str
    status: str
    verdict: str | None
    verdict_note: str | None
    notes: str
    created_at: str
    updated_at: str
    origin: str

    def to_dict(self) -> dict[str, Any]:
        return _fields_dict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CaseInfo:
        return _from_row(cls, d)

    @property
    def note_lines(self) -> list[str]:
        """The examiner's notes, one per line, blank lines dropped."""
        return [line for line in (self.notes or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class DocumentRecord:
    """A questioned document of the case, with the details read from its MRZ or typed."""

    id: int
    uid: str
    case_id: int
    family: str | None
    issuing_state: str | None
    number: str | None
    holder: str | None
    holder_key: str | None
    birth_date: str | None
    expiry_date: str | None
    mrz: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return _fields_dict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DocumentRecord:
        return _from_row(cls, d)


@dataclass(frozen=True)
class CaptureRecord:
    """A stored image of a document in one light (its bytes stay in the store, named by ``sha256``)."""

    id: int
    uid: str
    document_id: int
    light: str
    sha256: str
    size: int
    width: int | None
    height: int | None
    dpi: float | None
    source_name: str
    captured_at: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return _fields_dict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CaptureRecord:
        return _from_row(cls, d)


@dataclass(frozen=True)
class FindingRecord:
    """A finding of the case: an MRZ reading, a comparison, one of a comparison's findings, or an examiner's.

    ``detail`` is the JSON object as stored; :attr:`reading` and :attr:`comparison` read it as a typed record for
    the kinds they concern. ``region`` is ``[x, y, w, h]`` (for a comparison's finding, in reference pixels).
    """

    id: int
    uid: str
    case_id: int
    document_id: int | None
    capture_id: int | None
    kind: str
    light: str | None
    region: list[float] | None
    score: float | None
    source: str
    detail: dict[str, Any]
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return _fields_dict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> FindingRecord:
        return _from_row(cls, d)

    @property
    def reading(self) -> MRZReading | None:
        """The MRZ reading of a finding of kind ``mrz``, else None."""
        return MRZReading.from_dict(self.detail) if self.kind == MRZ_KIND else None

    @property
    def comparison(self) -> ComparisonRecord | None:
        """The comparison of a finding of kind ``comparison``, else None."""
        return ComparisonRecord.from_dict(self.detail) if self.kind == COMPARISON_KIND else None

    @property
    def comparison_uid(self) -> str | None:
        """For one of a comparison's findings, the uid of that comparison's finding."""
        value = self.detail.get("comparison") if isinstance(self.detail, dict) else None
        return value if isinstance(value, str) else None

    @property
    def box(self) -> list[float] | None:
        """``[x, y, w, h]``: the finding's region, else the box its detail gives (a comparison's ``bbox``)."""
        if self.region:
            return self.region
        value = self.detail.get("bbox") if isinstance(self.detail, dict) else None
        return list(value) if isinstance(value, list) else None

    @property
    def region_name(self) -> str | None:
        """The named region of the reference a comparison's finding concerns (``portrait``), if any."""
        value = self.detail.get("region") if isinstance(self.detail, dict) else None
        return str(value) if value else None

    @property
    def text(self) -> str:
        """What the finding says in words (a comparison finding's ``detail``, an examiner's ``text``), or ""."""
        d = self.detail if isinstance(self.detail, dict) else {}
        value = d.get("detail") if isinstance(d.get("detail"), str) else d.get("text")
        return str(value or "")

    @property
    def said(self) -> Said | None:
        """A comparison finding's detail as a code and its figures (docexam.details), None for one stored before
        codes and for other findings."""
        d = self.detail if isinstance(self.detail, dict) else {}
        return Said.from_dict({"code": d.get("detail_code"), "args": d.get("detail_args") or {}})

    def words(self, gettext: Callable[[str], str] | None = None) -> str:
        """:attr:`text` in ``gettext``'s language: a comparison finding's detail from its code, else as stored (an
        older record's English, an examiner's own words)."""
        said = self.said
        return said.text(gettext) if said is not None else self.text


# --------------------------------------------------------------------------------------------------------------
# An MRZ reading


@dataclass(frozen=True)
class CorrectedChar:
    """A character the check-digit correction changed: where (from 1), what was read, what it was taken as."""

    line: int
    position: int
    read: str
    corrected: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "position": self.position, "read": self.read, "corrected": self.corrected}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CorrectedChar:
        return cls(int(d["line"]), int(d["position"]), str(d.get("read", "")), str(d.get("corrected", "")))


def _issues(d: Mapping[str, Any]) -> tuple[tuple[Issue, ...], tuple[Issue, ...]]:
    """(errors, warnings) of a stored reading: from its ``issues`` (codes kept), else from its messages alone."""
    issues = d.get("issues")
    if isinstance(issues, list):
        errors = tuple(Issue.from_dict(i) for i in issues if i.get("severity") == "error")
        warnings = tuple(Issue.from_dict(i) for i in issues if i.get("severity") != "error")
        return errors, warnings
    return (tuple(issue_from_message(m) for m in d.get("errors") or []),
            tuple(issue_from_message(m) for m in d.get("warnings") or []))


@dataclass(frozen=True)
class MRZReading:
    """An MRZ reading as it travels and is stored: the object of ``docexam read --json``
    (:meth:`docexam.read.reader.ReadResult.to_dict`) or of ``docexam mrz --json`` (no recogniser, so no
    ``found``, ``engine`` or confidences).

    ``fields`` is the parsed fields' JSON (:meth:`docexam.mrz.result.MRZFields.to_dict`); ``checks`` says per
    check digit whether it holds, ``check_digits`` gives the expected and printed digits.
    """

    format: str | None = None
    lines: tuple[str, ...] = ()
    valid: bool = False
    fields: dict[str, Any] | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    found: bool | None = None
    engine: str | None = None
    elapsed_ms: float | None = None
    confidence: float | None = None
    char_confidence: tuple[tuple[float | None, ...], ...] | None = None
    corrections: tuple[CorrectedChar, ...] | None = None
    check_digits: dict[str, dict[str, str | None]] | None = None
    region: list[list[float]] | None = None
    path: str | None = None
    page: int | None = None

    @property
    def error_messages(self) -> list[str]:
        return [i.message for i in self.errors]

    @property
    def warning_messages(self) -> list[str]:
        return [i.message for i in self.warnings]

    def has_issue(self, code: str) -> bool:
        return any(i.code == code for i in self.errors + self.warnings)

    def to_dict(self) -> dict[str, Any]:
        """The stored form: the messages (as older versions read them) and the issues with their codes."""
        d: dict[str, Any] = {}
        for key in ("found", "engine", "elapsed_ms"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        d |= {"format": self.format, "lines": list(self.lines), "valid": self.valid, "fields": self.fields,
              "checks": dict(self.checks), "errors": self.error_messages, "warnings": self.warning_messages,
              "issues": [dict(i.to_dict(), severity="error") for i in self.errors]
              + [dict(i.to_dict(), severity="warning") for i in self.warnings]}
        if self.confidence is not None:
            d["confidence"] = self.confidence
        if self.char_confidence is not None:
            d["char_confidence"] = [list(line) for line in self.char_confidence]
        if self.corrections is not None:
            d["corrections"] = [c.to_dict() for c in self.corrections]
        for key in ("check_digits", "region", "path", "page"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MRZReading:
        errors, warnings = _issues(d)
        conf = d.get("char_confidence")
        corrections = d.get("corrections")
        return cls(
            format=d.get("format"),
            lines=tuple(str(x) for x in d.get("lines") or ()),
            valid=bool(d.get("valid")),
            fields=dict(d["fields"]) if isinstance(d.get("fields"), Mapping) else None,
            checks={str(k): bool(v) for k, v in (d.get("checks") or {}).items()},
            errors=errors,
            warnings=warnings,
            found=d.get("found"),
            engine=d.get("engine"),
            elapsed_ms=d.get("elapsed_ms"),
            confidence=float(d["confidence"]) if d.get("confidence") is not None else None,
            char_confidence=(tuple(tuple(float(c) if c is not None else None for c in line) for line in conf)
                             if isinstance(conf, list) else None),
            corrections=(tuple(CorrectedChar.from_dict(c) for c in corrections
                               if isinstance(c, Mapping) and "line" in c and "position" in c)
                         if isinstance(corrections, list) else None),
            check_digits=d.get("check_digits"),
            region=d.get("region"),
            path=d.get("path"),
            page=d.get("page"),
        )


# --------------------------------------------------------------------------------------------------------------
# A comparison with a reference specimen


@dataclass(frozen=True)
class ReferenceId:
    """Which reference specimen a comparison was made with, the same whichever front end made it: its family
    (``td3``) and the SHA-256 of its content (:func:`docexam.compare.reference.reference_id`: images, regions and
    IR-absorbing regions), which two copies of one specimen share wherever they are kept.

    ``source`` is only for comparisons stored before this identity was: the folder the command line named then.
    A reference from the examiner's library (:mod:`docexam.store.library`) is named too by its type's uid
    (``library``) and the annotation ``version`` the comparison used (both None for a folder's reference, and left
    out of the stored form then, as before).
    """

    family: str | None = None
    sha256: str | None = None
    source: str | None = None
    library: str | None = None
    version: int | None = None
    #: The generator's design (``CSP-TD1-3``) of a synthetic reference that is not Utopia's; left out of the stored
    #: form when None, as before.
    design: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"family": self.family, "sha256": self.sha256}
        if self.source is not None:
            d["source"] = self.source
        if self.library is not None:
            d["library"] = self.library
            d["version"] = self.version
        if self.design is not None:
            d["design"] = self.design
        return d

    @classmethod
    def from_dict(cls, value: Mapping[str, Any] | str | None) -> ReferenceId:
        """From the stored form, or from what older versions stored: the family name (the workstation) or the
        reference folder's path (the command line)."""
        if isinstance(value, Mapping):
            library, version, design = value.get("library"), value.get("version"), value.get("design")
            return cls(value.get("family"), value.get("sha256"), value.get("source"),
                       library if isinstance(library, str) else None,
                       version if isinstance(version, int) and not isinstance(version, bool) else None,
                       design if isinstance(design, str) and design else None)
        if not value:
            return cls()
        text = str(value)
        if "/" in text or "\\" in text:
            return cls(source=text)
        return cls(family=text)

    def same_as(self, other: ReferenceId) -> bool:
        """Whether two comparisons were made with the same reference: by content when both know it, else by
        family, else by folder."""
        if self.sha256 and other.sha256:
            return self.sha256 == other.sha256
        if self.family or other.family:
            return self.family == other.family and self.design == other.design
        return self.source is not None and self.source == other.source

    @property
    def label(self) -> str:
        """How a report names it: ``td3 (SHA-256 1a2b3c4d5e6f...)``, the folder of an older comparison, or ""."""
        parts = [self.design or self.family or ""]
        if self.library:
            parts.append(f"library reference {self.library[:8]}" + (f" version {self.version}" if self.version else ""))
        if self.sha256:
            parts.append(f"(SHA-256 {self.sha256[:12]}...)")
        elif self.source and not self.family:
            parts.append(self.source)
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class AlignmentRecord:
    """How one light was registered to the reference (:meth:`docexam.compare.result.Alignment.to_dict`):
    ``homography`` maps capture pixels to reference pixels."""

    method: str
    residual_px: float | None = None
    inliers: int | None = None
    homography: list[list[float]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"residual_px": self.residual_px, "inliers": self.inliers, "method": self.method,
                "homography": self.homography}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AlignmentRecord:
        residual = d.get("residual_px")
        inliers = d.get("inliers")
        h = d.get("homography")
        return cls(str(d.get("method") or "not registered"),
                   float(residual) if isinstance(residual, (int, float)) else None,
                   int(inliers) if isinstance(inliers, (int, float)) else None,
                   [[float(v) for v in row] for row in h] if isinstance(h, list) else None)


@dataclass(frozen=True)
class EvidenceRecord:
    """The comparison's MRZ evidence (:meth:`docexam.compare.mrz_viz.MRZEvidence.to_dict`): the light the MRZ was
    read in, the VIZ values read, what could not be checked, and the MRZ reading's gist."""

    light: str | None = None
    viz: dict[str, str] = field(default_factory=dict)
    #: What could not be checked, in English (as stored before codes) ...
    notes: tuple[str, ...] = ()
    mrz: dict[str, Any] | None = None
    #: ... and as codes with their figures (docexam.details), one per note; empty for a comparison stored before
    said: tuple[Said, ...] = ()

    def note_words(self, gettext: Callable[[str], str] | None = None) -> list[str]:
        """The notes in ``gettext``'s language: from their codes, else (stored before codes) as stored."""
        return [s.text(gettext) for s in self.said] if self.said else list(self.notes)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"light": self.light, "viz": dict(self.viz), "notes": list(self.notes)}
        if self.said:
            d["notes_said"] = [s.to_dict() for s in self.said]
        if self.mrz is not None:
            d["mrz"] = dict(self.mrz)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> EvidenceRecord:
        viz = d.get("viz")
        mrz = d.get("mrz")
        stored, coded = d.get("notes"), d.get("notes_said")
        notes = tuple(str(n) for n in stored) if isinstance(stored, list | tuple) else ()
        # the codes are taken only when every note has one this version knows: else the stored English is shown
        said = [Said.from_dict(x) for x in coded] if isinstance(coded, list | tuple) else []
        return cls(d.get("light"), {str(k): str(v) for k, v in viz.items()} if isinstance(viz, Mapping) else {},
                   notes, dict(mrz) if isinstance(mrz, Mapping) else None,
                   tuple(s for s in said if s is not None) if said and None not in said and len(said) == len(notes)
                   else ())


#: A check a stored comparison ran (the one type: :class:`docexam.checkrun.CheckRun`, read back by its from_dict).
CheckRecord = CheckRun

@dataclass(frozen=True)
class ComparisonRecord:
    """A comparison with a reference specimen as a case stores it (its findings are findings of their own, naming
    this one's finding): the reference, each light's registration, the number of alarms, the MRZ evidence, the
    questioned folder when the command line made it, and the checks it ran with their outcome (None for a
    comparison stored before they were recorded: "checks not recorded", which is not "no check ran")."""

    reference: ReferenceId = field(default_factory=ReferenceId)
    aligned: dict[str, AlignmentRecord] = field(default_factory=dict)
    alarms: int = 0
    elapsed_ms: float | None = None
    mrz: EvidenceRecord | None = None
    questioned: str | None = None
    checks: tuple[CheckRecord, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"reference": self.reference.to_dict()}
        if self.questioned is not None:
            d["questioned"] = self.questioned
        d |= {"aligned": {k: a.to_dict() for k, a in self.aligned.items()}, "alarms": self.alarms,
              "elapsed_ms": self.elapsed_ms}
        if self.mrz is not None:
            d["mrz"] = self.mrz.to_dict()
        if self.checks is not None:
            d["checks"] = [c.to_dict() for c in self.checks]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ComparisonRecord:
        aligned = d.get("aligned")
        checks = d.get("checks")
        mrz = d.get("mrz")
        alarms = d.get("alarms")
        elapsed = d.get("elapsed_ms")
        return cls(
            ReferenceId.from_dict(d.get("reference")),
            {str(k): AlignmentRecord.from_dict(v) for k, v in aligned.items() if isinstance(v, Mapping)}
            if isinstance(aligned, Mapping) else {},
            int(alarms) if isinstance(alarms, (int, float)) else 0,
            float(elapsed) if isinstance(elapsed, (int, float)) else None,
            EvidenceRecord.from_dict(mrz) if isinstance(mrz, Mapping) else None,
            d.get("questioned"),
            tuple(CheckRecord.from_dict(c) for c in checks if isinstance(c, Mapping)) if isinstance(checks, list)
            else None,
        )

    def homography(self, light: str) -> list[list[float]] | None:
        a = self.aligned.get(light)
        return a.homography if a is not None else None


# --------------------------------------------------------------------------------------------------------------
# The case whole


@dataclass(frozen=True)
class CaseRecord:
    """Everything about one case (:meth:`docexam.store.Store.show`): its row, documents, captures (without image
    bytes), findings and audit trail, each in the order it was added."""

    case: CaseInfo
    documents: list[DocumentRecord] = field(default_factory=list)
    captures: list[CaptureRecord] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    audit: list[Entry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``docexam case show --json``."""
        return {"case": self.case.to_dict(), "documents": [d.to_dict() for d in self.documents],
                "captures": [c.to_dict() for c in self.captures], "findings": [f.to_dict() for f in self.findings],
                "audit": [e.to_dict() for e in self.audit]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CaseRecord:
        return cls(CaseInfo.from_dict(d["case"]), [DocumentRecord.from_dict(x) for x in d.get("documents") or []],
                   [CaptureRecord.from_dict(x) for x in d.get("captures") or []],
                   [FindingRecord.from_dict(x) for x in d.get("findings") or []],
                   [Entry(**x) for x in d.get("audit") or []])

    # --- selectors ----------------------------------------------------------------------------------------------

    @property
    def review(self) -> Review:
        """Where the case's conclusion stands in its technical review, read from its trail."""
        from docexam.store.review import review_of

        return review_of(self.audit)

    @property
    def readings(self) -> list[FindingRecord]:
        """The MRZ reading findings, oldest first (:attr:`FindingRecord.reading` is each reading)."""
        return [f for f in self.findings if f.kind == MRZ_KIND]

    @property
    def comparisons(self) -> list[FindingRecord]:
        """The comparison findings, oldest first (:attr:`FindingRecord.comparison` is each comparison)."""
        return [f for f in self.findings if f.kind == COMPARISON_KIND]

    def latest_reading(self) -> FindingRecord | None:
        """The newest MRZ reading's finding (its reading: ``.reading``), or None."""
        found = self.readings
        return found[-1] if found else None

    def latest_comparison(self) -> FindingRecord | None:
        """The newest comparison's finding (its comparison: ``.comparison``), or None."""
        found = self.comparisons
        return found[-1] if found else None

    def findings_of(self, comparison: FindingRecord) -> list[FindingRecord]:
        """The findings the comparison ``comparison`` (a finding of kind ``comparison``) made, in stored order."""
        return [f for f in self.findings if f.comparison_uid == comparison.uid]

    def capture(self, capture_id: int | None) -> CaptureRecord | None:
        """The capture with local id ``capture_id``, or None."""
        return next((c for c in self.captures if c.id == capture_id), None)

    def document(self, document_id: int | None) -> DocumentRecord | None:
        return next((d for d in self.documents if d.id == document_id), None)

    def finding(self, uid: str) -> FindingRecord | None:
        return next((f for f in self.findings if f.uid == uid), None)

    def captures_of(self, document: DocumentRecord) -> list[CaptureRecord]:
        return [c for c in self.captures if c.document_id == document.id]

    def newest_captures(self) -> dict[str, CaptureRecord]:
        """The newest capture of each light, in the order the lights were first captured."""
        out: dict[str, CaptureRecord] = {}
        for c in self.captures:
            out[c.light] = c
        return out
