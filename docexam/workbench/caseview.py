"""The open case as the workstation shows it, decoded from the store in one read: its captures, MRZ reading,
stored findings (moved onto the captures they were found on), notes and audit trail."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from docexam.compare.result import Finding, FindingEvidence, FindingKind, finding_quad
from docexam.lights import LIGHTS
from docexam.store.review import Review

if TYPE_CHECKING:
    from docexam.store.audit import Entry
    from docexam.store.records import ComparisonRecord, DocumentRecord, FindingRecord, MRZReading
    from docexam.store.store import CaseSummary, Store


@dataclass(frozen=True)
class CaptureInfo:
    """One stored capture of the open case (its bytes stay in the store until shown)."""

    uid: str
    light: str
    sha256: str
    filename: str
    width: int = 0
    height: int = 0
    dpi: float | None = None
    document_uid: str | None = None


def finding_from_record(row: FindingRecord) -> Finding | None:
    """A stored comparison finding (a finding of :meth:`Store.show`) as a :class:`Finding`, or None for findings of
    other kinds (an MRZ reading, the comparison's own summary, an examiner's note)."""
    try:
        kind = FindingKind(row.kind)
    except ValueError:
        return None
    box = row.box
    if not box or len(box) != 4 or row.light not in LIGHTS:
        return None
    x, y, w, h = (int(v) for v in box)
    detail = row.detail if isinstance(row.detail, dict) else {}
    evidence = None
    if isinstance(detail.get("evidence"), dict):
        try:
            evidence = FindingEvidence.from_dict(detail["evidence"])
        except ValueError:  # a damaged record: the finding is shown without its images
            evidence = None
    return Finding(kind=kind, light=row.light, bbox=(x, y, w, h), score=float(row.score or 0.0),
                   region=row.region_name, detail=row.text, expected=str(detail.get("expected") or ""),
                   seen=str(detail.get("seen") or ""), evidence=evidence, said=row.said)


def on_capture(finding: Finding, homography: Any) -> Finding:
    """``finding`` (a box in reference-specimen pixels, as stored) moved onto the capture it was found on: the box
    around its corners through the inverse of the light's registration ``homography`` (capture to reference). A
    reopened case shows its raw captures, not the rectified images of a comparison no longer in memory. Without a
    usable homography the finding is returned as it is."""
    if homography is None:
        return finding
    try:
        quad = finding_quad(finding.bbox, homography)
    except ValueError:
        return finding
    x0, y0 = np.floor(quad.min(axis=0))
    x1, y1 = np.ceil(quad.max(axis=0))
    return dataclasses.replace(finding, bbox=(int(x0), int(y0), int(x1 - x0), int(y1 - y0)))


@dataclass(frozen=True)
class VerdictRecord:
    """The case's recorded verdict as the case panel shows it: the verdict, its reason (None: recorded without
    one), who recorded it and when (from its audit entry), and the case's status."""

    verdict: str
    reason: str | None
    actor: str
    at: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VerdictRecord:
        return cls(str(d["verdict"]), d.get("reason"), str(d["actor"]), str(d["at"]), str(d["status"]))

    @property
    def when(self) -> str:
        """``2026-12-04 10:00`` (UTC) of the ISO time stored."""
        return self.at[:16].replace("T", " ")


@dataclass
class CaseView:
    """What the workstation shows of the open case, read from the store in one go."""

    summary: CaseSummary
    documents: list[DocumentRecord] = field(default_factory=list)
    captures: list[CaptureInfo] = field(default_factory=list)
    reading: MRZReading | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    audit: list[Entry] = field(default_factory=list)
    #: The newest comparison's registration of each light (capture pixels to reference pixels, 3x3), and its
    #: findings in the reference frame (``findings`` holds them moved onto the captures), in the same order.
    registrations: dict[str, list[list[float]]] = field(default_factory=dict)
    reference_findings: list[Finding] = field(default_factory=list)
    #: The reason recorded with the verdict (None: none, or no verdict).
    verdict_note: str | None = None
    #: Where the conclusion stands in its technical review (draft, submitted, agreed, returned, issued), with the
    #: reviewers' comments, read from the trail (docexam.store.review).
    review: Review = field(default_factory=Review)
    #: The newest comparison as stored (its checks with their outcome, what it could not check), None for none.
    comparison: ComparisonRecord | None = None

    @property
    def verdict_record(self) -> VerdictRecord | None:
        """The recorded verdict with its reason, who and when; None while the case has no verdict."""
        if not self.summary.verdict:
            return None
        entry = next((e for e in reversed(self.audit) if e.action == "case.verdict"), None)
        actor, at = (entry.actor, entry.at) if entry is not None else (self.summary.examiner, self.summary.updated_at)
        return VerdictRecord(self.summary.verdict, self.verdict_note, actor, at, self.summary.status)

    def latest(self, light: str) -> CaptureInfo | None:
        """The newest capture in ``light``."""
        for cap in reversed(self.captures):
            if cap.light == light:
                return cap
        return None

    @property
    def lights(self) -> list[str]:
        """The lights with a capture, in examination order (visible, UV, IR, then others)."""
        seen = {c.light for c in self.captures}
        return [x for x in LIGHTS if x in seen] + sorted(seen - set(LIGHTS))


def load_case(store: Store, ident: int | str) -> CaseView:
    """The open-case view of case ``ident`` (one read of the store; images are not loaded): the newest MRZ reading,
    and the findings of the newest comparison (every stored comparison finding when there is no comparison)."""
    record = store.show(ident)
    summary = store.case(record.case.id)
    caps = []
    for c in record.captures:
        doc = record.document(c.document_id)
        caps.append(CaptureInfo(c.uid, c.light, c.sha256, c.source_name or "", c.width or 0, c.height or 0, c.dpi,
                                doc.uid if doc is not None else None))
    latest = record.latest_reading()
    compared = record.latest_comparison()
    comparison = compared.comparison if compared is not None else None
    rows = record.findings_of(compared) if compared is not None else record.findings
    pairs: list[tuple[Finding, Finding]] = []
    for row in rows:
        f = finding_from_record(row)
        if f is not None:
            pairs.append((on_capture(f, comparison.homography(f.light) if comparison is not None else None), f))
    pairs.sort(key=lambda p: -p[0].score)
    registrations = {}
    if comparison is not None:
        for light in comparison.aligned:
            h = comparison.homography(light)
            if h is not None:
                registrations[light] = h
    return CaseView(summary, record.documents, caps, latest.reading if latest is not None else None,
                    [p[0] for p in pairs], record.case.note_lines, record.audit, registrations,
                    [p[1] for p in pairs] if comparison is not None else [], record.case.verdict_note, record.review,
                    comparison)
