"""Who is signed in to the workstation and what they may do now (issue 22), Qt-free.

The workstation asks the store (:mod:`docexam.store.accounts`, :mod:`docexam.store.review`), which decides and
refuses; this module only tells the widgets beforehand which actions to offer and, for each one withheld, why, as a
:class:`Blocked` code the window says in its own words. A store without accounts works as it always has: everything
is offered, except reviewing a case of one's own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docexam.store.accounts import PERMISSIONS, Permission, Role, User
from docexam.store.review import Review, ReviewState

if TYPE_CHECKING:
    from docexam.store.store import CaseSummary, Store
    from docexam.workbench.caseview import CaseView


class Blocked(enum.StrEnum):
    """Why an action is not offered now."""

    NO_CASE = "no case"  # no case is open
    READ_ONLY = "read only"  # the store can only be read
    SIGN_IN = "sign in"  # the store has accounts and nobody is signed in
    ROLE = "role"  # the signed-in user's role may not (roles_allowed says whose may)
    NO_KEY = "no key"  # the signed-in user has no key that is not revoked to sign with
    NO_VERDICT = "no verdict"  # submit: no verdict recorded
    NOT_DRAFT = "not draft"  # submit: submitted, agreed or issued already
    NOT_SUBMITTED = "not submitted"  # review: the case is not awaiting review
    OWN_CASE = "own case"  # review: the case's examiner, or who recorded or submitted its verdict
    NOT_AGREED = "not agreed"  # issue: no reviewer agreed with the conclusion
    ISSUED = "issued"  # the case was issued: nothing more is written to it


def roles_allowed(permission: Permission) -> list[Role]:
    """The roles that hold ``permission``, in the order :class:`Role` lists them."""
    return [r for r in Role if permission in PERMISSIONS[r]]


@dataclass(frozen=True)
class ReviewActions:
    """What the open case offers now: each action None (offered) or why not. ``change`` covers recording a verdict, a
    note, importing and comparing; ``review`` both agreeing and returning."""

    change: Blocked | None
    submit: Blocked | None
    review: Blocked | None
    issue: Blocked | None

    def to_dict(self) -> dict[str, Any]:
        return {k: (None if v is None else v.value) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReviewActions:
        return cls(*(None if d.get(k) is None else Blocked(d[k]) for k in ("change", "submit", "review", "issue")))


class Signoff:
    """The workstation's sign-in over ``store``: whether it needs one, who is signed in, what they may do."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.accounts = store.has_accounts()

    @property
    def user(self) -> User | None:
        session = self.store.session
        return session.user if session is not None else None

    @property
    def needs_sign_in(self) -> bool:
        """The store has accounts and nobody is signed in."""
        return self.accounts and self.user is None

    def sign_in(self, name: str, passphrase: str) -> User:
        """Sign ``name`` in (SignInError when refused; nothing changes then)."""
        user = self.store.sign_in(name, passphrase)
        self.accounts = True
        return user

    def sign_out(self) -> None:
        """Nobody is signed in any more: the store refuses changes until someone is."""
        from docexam.store.store import default_actor

        self.store.session = None
        self.store.actor = default_actor()
        self.accounts = self.store.has_accounts()

    def user_names(self) -> list[str]:
        """The names of the accounts that may sign in (not disabled), for the sign-in dialog."""
        from docexam.store.accounts import list_users

        with self.store._reader.connect() as conn:
            return [u.name for u in list_users(conn) if not u.disabled]

    def blocked(self, permission: Permission, *, need_key: bool = True) -> Blocked | None:
        """Why the signed-in user may not do what ``permission`` covers, or None when they may (always in a store
        without accounts). The store checks again when asked."""
        if self.store.read_only and permission is not Permission.EXERCISE_KEYS_READ:
            return Blocked.READ_ONLY
        if not self.accounts:
            return None
        session = self.store.session
        if session is None:
            return Blocked.SIGN_IN
        if not session.user.may(permission):
            return Blocked.ROLE
        if need_key and session.key is None:
            return Blocked.NO_KEY
        return None

    def may(self, permission: Permission) -> bool:
        return self.blocked(permission, need_key=False) is None

    def is_own(self, summary: CaseSummary, review: Review) -> bool:
        """Whether the signed-in user (the store's actor) examined the case, or recorded or submitted its verdict:
        then a second examiner reviews it (docexam.store.review)."""
        return self.store.actor in {summary.examiner, review.concluded_by, review.submitted_by} - {None}

    def actions(self, case: CaseView | None) -> ReviewActions:
        """What the open ``case`` offers the signed-in user now."""
        if case is None:
            return ReviewActions(Blocked.NO_CASE, Blocked.NO_CASE, Blocked.NO_CASE, Blocked.NO_CASE)
        r = case.review
        write = self.blocked(Permission.CASE_WRITE)
        change = Blocked.ISSUED if r.issued else write
        submit = change or (Blocked.NO_VERDICT if not case.summary.verdict else
                            None if r.state in (ReviewState.DRAFT, ReviewState.RETURNED) else Blocked.NOT_DRAFT)
        review = (Blocked.ISSUED if r.issued else self.blocked(Permission.CASE_REVIEW)
                  or (None if r.state is ReviewState.SUBMITTED else Blocked.NOT_SUBMITTED)
                  or (Blocked.OWN_CASE if self.is_own(case.summary, r) else None))
        issue = Blocked.ISSUED if r.issued else write or (None if r.state is ReviewState.AGREED else Blocked.NOT_AGREED)
        return ReviewActions(change, submit, review, issue)


@dataclass(frozen=True)
class QueueEntry:
    """A case awaiting review as the review queue lists it: the case, its review, and whether it is the signed-in
    user's own (then not theirs to review)."""

    summary: CaseSummary
    review: Review
    own: bool

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.summary.to_dict(), "review": self.review.to_dict(), "own": self.own}


def review_queue(signoff: Signoff) -> list[QueueEntry]:
    """The cases submitted and awaiting a reviewer, oldest submission first, each marked when it is the signed-in
    user's own."""
    return [QueueEntry(s, r, signoff.is_own(s, r)) for s, r in signoff.store.review_queue()]
