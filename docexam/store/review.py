"""The technical review of a case's conclusion (issue 22; ISO/IEC 17025, 7.7 and ISO 21043-4: every conclusion is
checked by a second competent examiner before the report is issued).

A conclusion moves through draft, submitted (for review), reviewed (agreed, or returned with comments) and issued:

- the examiner records a verdict (the conclusion: the verdict wording, the fraud type and the examiner's confidence;
  :meth:`docexam.store.Store.set_verdict`) and submits it (``case.submit``);
- a reviewer, who is neither the case's examiner nor the one who recorded or submitted the verdict, agrees or
  returns it with comments (``case.review``);
- an agreed case is issued (``case.issue``): only then is its report final, and nothing more is written to it.

Any change to the case after submission (a verdict, a note, a capture, a finding) sends it back to draft: the review
covered the case as it was. The state is read from the case's audit trail (:func:`review_of`), whose entries are
signed by their authors, and travels with the case in bundles; no column holds it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docexam.errors import DocexamError
from docexam.i18n import N_, _
from docexam.store import audit as audit_mod
from docexam.verdicts import Confidence, FraudType, Verdict

if TYPE_CHECKING:
    from docexam.store.store import Store


class ReviewState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    AGREED = "agreed"  # reviewed: agreed
    RETURNED = "returned"  # reviewed: returned with comments
    ISSUED = "issued"


#: The states' words, marked for the catalogues: the report says where a case that is not issued stands.
_STATE_WORDINGS = (N_("draft"), N_("submitted"), N_("agreed"), N_("returned"))

SUBMIT, REVIEW, ISSUE = "case.submit", "case.review", "case.issue"
#: Entries that do not change what was reviewed.
_NEUTRAL = frozenset({SUBMIT, REVIEW, ISSUE, "case.export"})


class ReviewError(DocexamError, ValueError):
    """A step of the review cannot be taken now (the case's state, or who asks); the message says why and what to do."""


@dataclass(frozen=True)
class ReviewComment:
    """A reviewer's word on a submission: agreed or returned, with the comment."""

    reviewer: str
    at: str
    agreed: bool
    comment: str

    def to_dict(self) -> dict[str, Any]:
        return {"reviewer": self.reviewer, "at": self.at, "agreed": self.agreed, "comment": self.comment}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReviewComment:
        return cls(str(d["reviewer"]), str(d["at"]), bool(d["agreed"]), str(d.get("comment") or ""))


@dataclass(frozen=True)
class Review:
    """Where a case's conclusion stands, read from its trail: the state, the conclusion (verdict, fraud type,
    confidence) and who recorded it, who submitted, reviewed and issued it, and every reviewer's comment."""

    state: ReviewState = ReviewState.DRAFT
    verdict: str | None = None
    fraud_type: str | None = None
    confidence: str | None = None
    concluded_by: str | None = None
    submitted_by: str | None = None
    submitted_at: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    issued_by: str | None = None
    issued_at: str | None = None
    comments: tuple[ReviewComment, ...] = field(default_factory=tuple)

    @property
    def issued(self) -> bool:
        return self.state is ReviewState.ISSUED

    @property
    def last_comment(self) -> ReviewComment | None:
        return self.comments[-1] if self.comments else None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__ if k not in ("state", "comments")}
        return {"state": self.state.value, **d, "comments": [c.to_dict() for c in self.comments]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Review:
        return cls(ReviewState(d["state"]), **{k: d.get(k) for k in cls.__dataclass_fields__
                                                 if k not in ("state", "comments")},
                   comments=tuple(ReviewComment.from_dict(c) for c in d.get("comments") or ()))


def review_of(trail: list[audit_mod.Entry]) -> Review:
    """The review state of a case from its audit ``trail`` (oldest first)."""
    state = ReviewState.DRAFT
    values: dict[str, Any] = {}
    comments: list[ReviewComment] = []
    for e in trail:
        d = e.details
        if e.action == "case.verdict":
            values.update(verdict=d.get("verdict"), fraud_type=d.get("fraud_type"), confidence=d.get("confidence"),
                          concluded_by=e.actor)
        elif e.action == "case.verdict_withdrawn":
            values.update(verdict=None, fraud_type=None, confidence=None, concluded_by=None)
        if e.action == SUBMIT:
            state = ReviewState.SUBMITTED
            values.update(submitted_by=e.actor, submitted_at=e.at, reviewed_by=None, reviewed_at=None)
        elif e.action == REVIEW:
            agreed = d.get("outcome") == "agreed"
            state = ReviewState.AGREED if agreed else ReviewState.RETURNED
            values.update(reviewed_by=e.actor, reviewed_at=e.at)
            comments.append(ReviewComment(e.actor, e.at, agreed, str(d.get("comment") or "")))
        elif e.action == ISSUE:
            state = ReviewState.ISSUED
            values.update(issued_by=e.actor, issued_at=e.at)
        elif e.action not in _NEUTRAL and state is not ReviewState.DRAFT:
            state = ReviewState.DRAFT  # changed after submission: reviewed again
            values.update(submitted_by=None, submitted_at=None, reviewed_by=None, reviewed_at=None, issued_by=None,
                          issued_at=None)
    return Review(state, comments=tuple(comments), **values)


def parse_conclusion(verdict: Verdict, fraud_type: FraudType | str | None,
                     confidence: Confidence | str | None) -> tuple[FraudType | None, Confidence | None]:
    """The fraud type and confidence of a conclusion, checked against its verdict: an inconclusive verdict has no
    fraud type; a genuine document can only be used by an impostor."""
    from docexam.store.store import CaseInputError

    ft = cf = None
    if fraud_type is not None:
        ft = FraudType.named(str(fraud_type))
        if ft is None:
            raise CaseInputError(_("unknown fraud type {value}; choose one of: {choices}").format(
                value=repr(fraud_type), choices=FraudType.words()))
    if confidence is not None:
        cf = Confidence.named(str(confidence))
        if cf is None:
            raise CaseInputError(_("unknown confidence {value}; choose one of: {choices}").format(
                value=repr(confidence), choices=Confidence.words()))
    if ft is not None and verdict is Verdict.INCONCLUSIVE:
        raise CaseInputError(_("an inconclusive verdict has no fraud type; leave it out, or record the verdict found"))
    if ft is not None and verdict is Verdict.GENUINE and ft is not FraudType.IMPOSTOR:
        raise CaseInputError(_("a genuine document cannot be a {fraud}; the fraud a genuine document can serve is "
                               "{impostor}").format(fraud=ft.value, impostor=FraudType.IMPOSTOR.value))
    return ft, cf


def _step(store: Store, ident: int | str, action: str, detail: dict[str, Any], check) -> Review:
    from docexam.store.accounts import Permission
    from docexam.store.store import now

    at = now()
    with store.engine.begin() as conn:
        store.require(conn, Permission.CASE_REVIEW if action == REVIEW else Permission.CASE_WRITE,
                      {SUBMIT: N_("submit cases for review"), REVIEW: N_("review cases"), ISSUE: N_("issue cases")}[action])
        case = store._writable(conn, ident, allow_issued=True)
        check(case, review_of(audit_mod.entries(conn, case["uid"])))
        store._touch(conn, case, at, action, detail)
    return store.review(case["id"])


def submit(store: Store, ident: int | str) -> Review:
    """Submit the case's conclusion for technical review (a draft, or one returned, with a verdict)."""
    def check(case: dict[str, Any], r: Review) -> None:
        if r.state not in (ReviewState.DRAFT, ReviewState.RETURNED):
            raise ReviewError(_("case {case} is {state}, not a draft: nothing to submit").format(
                case=case['reference'], state=r.state.value))
        if case["verdict"] is None:
            raise ReviewError(_("case {case} has no verdict to review; record one first (docexam case verdict)").format(
                case=case['reference']))

    return _step(store, ident, SUBMIT, {}, check)


def review(store: Store, ident: int | str, *, agree: bool, comment: str | None) -> Review:
    """Agree with a submitted conclusion, or return it with comments (a comment is required then). The reviewer is
    never the case's examiner, nor who recorded or submitted its verdict."""
    text = (comment or "").strip()
    if not agree and not text:
        raise ReviewError(_("say why the case is returned: --comment TEXT (the examiner reads it beside the findings)"))
    reviewer = store.actor

    def check(case: dict[str, Any], r: Review) -> None:
        if r.state is not ReviewState.SUBMITTED:
            raise ReviewError(_("case {case} is {state}; only a submitted case is reviewed").format(
                case=case['reference'], state=r.state.value))
        own = {case["examiner"], r.concluded_by, r.submitted_by} - {None}
        if reviewer in own:
            raise ReviewError(_("{reviewer} cannot review case {case}: it is their own (its examiner, or who recorded or "
                                "submitted its verdict); a second examiner reviews it").format(
                                  reviewer=reviewer, case=case['reference']))

    return _step(store, ident, REVIEW, {"outcome": "agreed" if agree else "returned", "comment": text or None}, check)


def issue(store: Store, ident: int | str) -> Review:
    """Issue a case whose conclusion a reviewer agreed with: its report is final from then on."""
    def check(case: dict[str, Any], r: Review) -> None:
        if r.state is not ReviewState.AGREED:
            raise ReviewError(_("case {case} is {state}: only a case whose review agreed is issued (docexam case submit, "
                                "then a reviewer: docexam case review --agree)").format(
                                  case=case['reference'], state=r.state.value))

    return _step(store, ident, ISSUE, {}, check)
