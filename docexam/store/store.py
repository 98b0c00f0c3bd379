"""The case store: examination cases, their documents, captures and findings, and the audit trail of every change.

Each public method is one transaction: it either happens whole, with its audit entry, or not at all (a kill at
any moment leaves the database as before the call or as after it). Images are kept byte for byte in the database,
addressed by their SHA-256, so a capture and its image are committed together.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import platform
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, and_, func, insert, or_, select, union_all, update

from docexam.errors import DocexamError
from docexam.i18n import N_, _
from docexam.lights import Light
from docexam.store import audit as audit_mod
from docexam.store.accounts import Permission
from docexam.store.db import StoreError, ensure_schema, make_engine, reader, resolve_url, sqlite_read_only
from docexam.store.records import CaptureRecord, CaseInfo, CaseRecord, ComparisonRecord, DocumentRecord, FindingRecord
from docexam.store.schema import (
    CaseStatus,
    FindingSource,
    audit,
    blobs,
    captures,
    cases,
    documents,
    exercise_keys,
    findings,
    specimens,
    training_attempts,
    trusted_keys,
)
from docexam.verdicts import Confidence, FraudType, Verdict

if TYPE_CHECKING:
    from docexam.imageio import LoadedImage
    from docexam.store.accounts import Session, User
    from docexam.store.review import Review

_CASE_FIELDS = ("uid", "reference", "title", "examiner", "status", "verdict", "verdict_note", "notes", "created_at",
                "updated_at", "origin")
_DOC_FIELDS = ("uid", "family", "issuing_state", "number", "holder", "holder_key", "birth_date", "expiry_date", "mrz",
               "created_at")
_CAP_FIELDS = ("uid", "light", "sha256", "size", "width", "height", "dpi", "source_name", "captured_at", "created_at")
_FIND_FIELDS = ("uid", "kind", "light", "region", "score", "source", "detail", "created_at")

#: The largest row id a database column holds on every backend (SQLite and PostgreSQL integer): a larger number
#: given for a case or a document names none (and would not fit the query).
MAX_ID = 2**31 - 1

#: Largest image a capture may be (bytes).
MAX_CAPTURE_BYTES = 200 * 1024 * 1024


def case_rows(conn: Connection, case_id: int) -> dict[str, Any]:
    """A case's rows as they travel and are hashed: the case, its documents, captures and findings, in the order
    they were added, without local ids (documents, captures and findings name each other by uid)."""
    case = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().one()
    docs = conn.execute(select(documents).where(documents.c.case_id == case_id).order_by(documents.c.id)).mappings().all()
    caps = conn.execute(select(captures).where(captures.c.document_id.in_([d["id"] for d in docs] or [-1]))
                        .order_by(captures.c.id)).mappings().all()
    finds = conn.execute(select(findings).where(findings.c.case_id == case_id).order_by(findings.c.id)).mappings().all()
    return rows_of_case(case, docs, caps, finds)


def rows_of_case(case: Any, docs: Any, caps: Any, finds: Any) -> dict[str, Any]:
    """:func:`case_rows` from the rows read (mappings, each list in id order): one definition for the rows of one
    case read alone and for those of many read at once (:mod:`docexam.store.verify`)."""
    doc_uid = {d["id"]: d["uid"] for d in docs}
    cap_uid = {c["id"]: c["uid"] for c in caps}
    return {
        "case": {k: case[k] for k in _CASE_FIELDS},
        "documents": [{k: d[k] for k in _DOC_FIELDS} for d in docs],
        "captures": [{**{k: c[k] for k in _CAP_FIELDS}, "document": doc_uid[c["document_id"]]} for c in caps],
        "findings": [{**{k: f[k] for k in _FIND_FIELDS}, "document": doc_uid.get(f["document_id"]),
                      "capture": cap_uid.get(f["capture_id"])} for f in finds],
    }


def state_hash(rows: dict[str, Any]) -> str:
    """SHA-256 of a case's rows (:func:`case_rows`). Every audit entry of a change records it ("state"; an export
    entry's "snapshot"), so rows changed behind docexam's back no longer match the trail's last word on them."""
    body = {k: rows[k] for k in ("case", "documents", "captures", "findings")}
    return hashlib.sha256(audit_mod.canonical(body).encode("utf-8")).hexdigest()


def recorded_state(trail: list[audit_mod.Entry]) -> str | None:
    """The case state the last entry of a case's trail that records one says."""
    for e in reversed(trail):
        try:
            detail = json.loads(e.detail)
        except ValueError:
            return None
        if isinstance(detail, dict) and ("state" in detail or "snapshot" in detail):
            return detail.get("state") or detail.get("snapshot")
    return None


def refuse_changed_behind(what: str, recorded: str | None, state: str) -> None:
    """Refuse a change to ``what`` (a case or a reference type) whose rows' ``state`` is not the one its trail last
    ``recorded`` (changed behind docexam's back): the change's own audit entry would otherwise vouch for them."""
    if recorded != state:
        raise StoreError(_("{what} was changed behind docexam's back (its rows differ from what its audit trail "
                           "recorded); nothing more is written to it. Run `docexam case verify` and report it").format(
                             what=what))


def record_change(conn: Connection, table: Table, row: dict[str, Any], *, at: str, actor: str, action: str,
                  detail: dict[str, Any], state_of: Callable[[Connection, int], str],
                  signer: audit_mod.Signer | None = None) -> None:
    """Record a change to ``row`` of ``table`` (a case or a reference type) made in this transaction: its time, and
    an audit entry on its chain with its rows' new state (``state_of``)."""
    conn.execute(update(table).where(table.c.id == row["id"]).values(updated_at=at))
    state = state_of(conn, row["id"])
    audit_mod.append(conn, row["uid"], at=at, actor=actor, action=action, detail={**detail, "state": state},
                     signer=signer)


@dataclass(frozen=True, eq=False)
class PreparedCapture:
    """An image file read, checked and hashed, ready to be written as a capture: all the slow work (decoding a
    large scan can take seconds) done before a transaction takes the database's write lock."""

    light: Light
    data: bytes = field(repr=False)
    sha256: str
    width: int
    height: int
    dpi: float | None
    source_name: str


def prepare_capture(path: str | os.PathLike, *, light: Light | str) -> PreparedCapture:
    """Read the image file at ``path`` for :meth:`Store.attach`: its light checked, its size bounded
    (:data:`MAX_CAPTURE_BYTES`), decoded once to check it is an image and learn its size and dpi, its SHA-256."""
    return prepare_capture_image(path, light=light)[0]


def prepare_capture_image(path: str | os.PathLike, *, light: Light | str) -> tuple[PreparedCapture, LoadedImage]:
    """:func:`prepare_capture`, and the image as it was decoded (the reference library annotates it)."""
    lt = parse_light(light)
    p = Path(path)
    from docexam.imageio import load_images  # checks it is an image, and gives its size and dpi

    try:
        size = p.stat().st_size
    except OSError:
        size = 0  # load_images says what is wrong with it
    if size > MAX_CAPTURE_BYTES:  # refused before it is decoded or read into memory
        raise CaseInputError(_("{path} is {size:,} bytes, more than the {limit:,} a capture may be").format(
            path=p, size=size, limit=MAX_CAPTURE_BYTES))
    page = load_images(p, pages=1)[0]
    data = p.read_bytes()
    if len(data) > MAX_CAPTURE_BYTES:
        raise CaseInputError(_("{path} is {size:,} bytes, more than the {limit:,} a capture may be").format(
            path=p, size=len(data), limit=MAX_CAPTURE_BYTES))
    h, w = page.image.shape[:2]
    return PreparedCapture(lt, data, hashlib.sha256(data).hexdigest(), w, h, page.dpi, p.name), page


class CaseNotFoundError(DocexamError, LookupError):
    def __init__(self, ident: object) -> None:
        self.ident = ident
        super().__init__(_("no case {ident} in this database; `docexam case list` shows the cases").format(
            ident=repr(ident)))


class CaseInputError(DocexamError, ValueError):
    """A value given for a case is not acceptable; the message says which and what would be."""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def default_actor() -> str:
    """Who is working in a store without accounts: ``$DOCEXAM_EXAMINER``, else the login name (a store with
    accounts acts as the signed-in user instead: :mod:`docexam.store.accounts`)."""
    name = os.environ.get("DOCEXAM_EXAMINER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): OSError from 3.13, KeyError before
        return "unknown"


def holder_key(name: str | None) -> str | None:
    return " ".join(name.upper().replace("<", " ").split()) if name else None


@dataclass(frozen=True)
class CaseSummary:
    id: int
    uid: str
    reference: str
    title: str
    examiner: str
    status: str
    verdict: str | None
    created_at: str
    updated_at: str
    documents: int = 0
    captures: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class VerifyReport:
    cases: int
    captures: int
    blobs: int
    chains: int
    problems: list[str] = field(default_factory=list)
    references: int = 0  # reference types of the library (docexam.store.library)
    #: "full", or "since-last": only what changed since the checkpoint of ``since`` (docexam.store.verify).
    mode: str = "full"
    since: str | None = None  # the time of the last verify started from
    since_by: str | None = None
    #: Why a verify asked for since the last one checked everything instead.
    note: str | None = None
    entries: int = 0  # audit entries checked (since-last: those written since)
    #: The checkpoint this verify left (its time), or None and why not (``unrecorded``: "read-only", "not-signed-in"
    #: in a store with accounts, whose checkpoints are signed, or "not-written": the database busy, full or refusing).
    recorded: str | None = None
    unrecorded: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "ok": self.ok}


class Store:
    """A case store on one database. ``Store.open()`` picks the database as the command line does.

    Who acts: in a store without accounts, ``actor`` (else :func:`default_actor`), as before accounts existed; in a
    store with accounts, the signed-in user (:meth:`sign_in`, or ``$DOCEXAM_USER`` and ``$DOCEXAM_PASSPHRASE`` at
    :meth:`open`), whose key signs every audit entry; a change without a sign-in is refused there.
    """

    def __init__(self, engine: Engine, *, actor: str | None = None, origin: str | None = None) -> None:
        self.engine = engine
        self._reader = reader(engine)  # reads never take SQLite's write lock
        self.actor = actor or default_actor()
        #: The signed-in user and their unlocked key, or None (docexam.store.accounts).
        self.session: Session | None = None
        self.origin = origin or os.environ.get("DOCEXAM_SITE") or platform.node() or "unknown"
        #: Why this store can only be read (a SQLite file in a read-only file or folder), or None.
        self.read_only: str | None = None

    @classmethod
    def open(cls, db: str | os.PathLike | None = None, *, actor: str | None = None, user: str | None = None,
             passphrase: str | None = None) -> Store:
        """The store of ``db`` (see :func:`resolve_url`), migrated when needed. ``user`` (else ``$DOCEXAM_USER``)
        is signed in with ``passphrase`` (else ``$DOCEXAM_PASSPHRASE``); a failed sign-in raises SignInError."""
        from docexam.store import accounts

        url = resolve_url(db)
        read_only = sqlite_read_only(url)
        engine = make_engine(url, read_only=read_only)
        try:
            ensure_schema(engine, read_only=read_only)
            store = cls(engine, actor=actor)
            store.read_only = read_only
            user = user if user is not None else os.environ.get(accounts.USER_ENV) or None
            if user is not None:
                if passphrase is None:
                    passphrase = os.environ.get(accounts.PASSPHRASE_ENV)
                if passphrase is None:
                    raise accounts.SignInError(_("no passphrase to sign in as {user}: set {env} (or run the command on "
                                                 "a terminal to be asked)").format(user=repr(user),
                                                                                   env=accounts.PASSPHRASE_ENV))
                store.sign_in(user, passphrase)
        except BaseException:
            engine.dispose()
            raise
        return store

    def sign_in(self, user: str, passphrase: str) -> User:
        """Act as ``user`` from now on (see :func:`docexam.store.accounts.sign_in`)."""
        from docexam.store.accounts import sign_in

        return sign_in(self, user, passphrase)

    def has_accounts(self) -> bool:
        """Whether the store has accounts (then every change needs a signed-in user)."""
        from docexam.store.accounts import has_accounts

        with self._reader.connect() as conn:
            return has_accounts(conn)

    @property
    def signer(self) -> audit_mod.Signer | None:
        """The key that signs this store's new audit entries: the signed-in user's, or None."""
        return self.session.key if self.session is not None else None

    def require(self, conn: Connection, permission: Permission, what: str, *, need_key: bool = True) -> None:
        """Refuse ``what`` unless the signed-in user may (or the store has no accounts yet)."""
        from docexam.store.accounts import require

        require(self, conn, permission, what, need_key=need_key)

    @property
    def where(self) -> str:
        """The database in words: a SQLite file's path, else its URL without the password."""
        from docexam.store.db import describe

        return describe(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- cases --------------------------------------------------------------------------------------------------

    def create_case(self, title: str, *, examiner: str | None = None, notes: str = "") -> CaseSummary:
        title = (title or "").strip()
        if not title:
            raise CaseInputError(_("a case needs a title, e.g. --title 'Passport UTO L898902C3, border post 4'"))
        at = now()
        with self.engine.begin() as conn:
            self.require(conn, Permission.CASE_WRITE, N_("open cases"))
            examiner = examiner or self.actor
            # The reference (DX-<year>-<10 hex digits of the uid>) is short enough to say on the phone; drawn again
            # in the rare event it is taken here (40 bits: one chance in ten million among 100,000 cases).
            for _attempt in range(8):
                uid = str(uuid.uuid4())
                reference = f"DX-{at[:4]}-{uid.replace('-', '')[:10].upper()}"
                if conn.execute(select(cases.c.id).where(cases.c.reference == reference)).first() is None:
                    break
            row = dict(uid=uid, reference=reference, title=title, examiner=examiner, status=CaseStatus.OPEN.value,
                       verdict=None, verdict_note=None, notes=notes, created_at=at, updated_at=at, origin=self.origin)
            case_id = conn.execute(insert(cases).values(**row)).inserted_primary_key[0]
            first = audit_mod.append(conn, uid, at=at, actor=self.actor, action="case.create",
                                     detail={"reference": reference, "title": title, "examiner": examiner,
                                             "origin": self.origin, "state": state_hash(case_rows(conn, case_id))},
                                     signer=self.signer)
            # A signed store entry pins the case's first entry ("head"), so that a case trail stripped of its
            # signatures and recomputed is caught (verify()).
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=self.actor, action="case.create",
                             detail={"case": uid, "reference": reference}
                             | ({"head": first.hash} if self.signer is not None else {}), signer=self.signer)
        return self.case(case_id)

    def _case_row(self, conn: Connection, ident: int | str) -> dict[str, Any]:
        text = str(ident).strip()
        cond = [cases.c.reference == text, cases.c.uid == text]
        if text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ID:  # larger: no id
            cond.append(cases.c.id == int(text))
        row = conn.execute(select(cases).where(or_(*cond))).mappings().first()
        if row is None:
            raise CaseNotFoundError(ident)
        return dict(row)

    def case(self, ident: int | str) -> CaseSummary:
        with self._reader.connect() as conn:
            row = self._case_row(conn, ident)
            return self._summary(conn, row)

    def _summary(self, conn: Connection, row: dict[str, Any]) -> CaseSummary:
        n_docs = conn.execute(select(func.count()).select_from(documents).where(documents.c.case_id == row["id"])).scalar()
        n_caps = conn.execute(
            select(func.count()).select_from(captures.join(documents)).where(documents.c.case_id == row["id"])
        ).scalar()
        return CaseSummary(row["id"], row["uid"], row["reference"], row["title"], row["examiner"], row["status"],
                           row["verdict"], row["created_at"], row["updated_at"], n_docs, n_caps)

    def _writable(self, conn: Connection, ident: int | str, *, allow_issued: bool = False) -> dict[str, Any]:
        """The case row of ``ident``, for a change: refused when the signed-in user may not change cases, when the
        case's rows are not in the state its trail last recorded (changed behind docexam's back), since the
        change's own entry would otherwise vouch for them, or (unless ``allow_issued``: an export, a review step)
        when the case is issued (docexam.store.review)."""
        from docexam.store.review import review_of

        self.require(conn, Permission.CASE_WRITE, N_("change cases"))
        case = self._case_row(conn, ident)
        trail = audit_mod.entries(conn, case["uid"])
        refuse_changed_behind(_("case {case}").format(case=case['reference']), recorded_state(trail), state_hash(case_rows(conn, case["id"])))
        if not allow_issued:
            r = review_of(trail)
            if r.issued:
                raise CaseInputError(_("case {case} was issued on {day} by {who}: its conclusion and report stand, "
                                       "and nothing more is written to it; open a new case for further work").format(
                                         case=case['reference'], day=(r.issued_at or '')[:10], who=r.issued_by))
        return case

    def review_queue(self) -> list[tuple[CaseSummary, Review]]:
        """The cases submitted for technical review and not yet reviewed, oldest submission first: a reviewer's
        queue (the trails of cases ever submitted are read; the others are not)."""
        from docexam.store.review import SUBMIT, ReviewState, review_of

        out = []
        with self._reader.connect() as conn:
            submitted = select(audit.c.chain).where(audit.c.action == SUBMIT).distinct()
            for row in conn.execute(select(cases).where(cases.c.uid.in_(submitted))).mappings().all():
                r = review_of(audit_mod.entries(conn, row["uid"]))
                if r.state is ReviewState.SUBMITTED:
                    out.append((self._summary(conn, dict(row)), r))
        return sorted(out, key=lambda x: x[1].submitted_at or "")

    def review(self, ident: int | str) -> Review:
        """Where the case's conclusion stands in its technical review (docexam.store.review)."""
        from docexam.store.review import review_of

        with self._reader.connect() as conn:
            case = self._case_row(conn, ident)
            return review_of(audit_mod.entries(conn, case["uid"]))

    def _touch(self, conn: Connection, case: dict[str, Any], at: str, action: str, detail: dict[str, Any]) -> None:
        """Record a change to ``case`` made in this transaction: its time, and an audit entry with the new state."""
        record_change(conn, cases, case, at=at, actor=self.actor, action=action, detail=detail,
                      state_of=lambda conn, case_id: state_hash(case_rows(conn, case_id)), signer=self.signer)

    def set_verdict(self, ident: int | str, verdict: Verdict | str, *, note: str | None = None,
                    fraud_type: FraudType | str | None = None, confidence: Confidence | str | None = None) -> CaseSummary:
        """Record the examiner's verdict and its reason (None: recorded without one, the examiner having said so);
        the case is then concluded. One transaction with its audit entry (verdict, reason, previous verdict and
        status, and the conclusion's ``fraud_type`` and ``confidence`` when given: docexam.store.review)."""
        from docexam.store.review import parse_conclusion

        v = parse_verdict(verdict)
        ft, cf = parse_conclusion(v, fraud_type, confidence)
        scale = {k: x.value for k, x in (("fraud_type", ft), ("confidence", cf)) if x is not None}
        note = note.strip() if isinstance(note, str) and note.strip() else None
        at = now()
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            status = CaseStatus.CONCLUDED.value
            conn.execute(update(cases).where(cases.c.id == case["id"]).values(verdict=v.value, verdict_note=note, status=status))
            self._touch(conn, case, at, "case.verdict", {"verdict": v.value, "note": note, "previous": case["verdict"],
                                                        "status": status, "previous_status": case["status"]} | scale)
        return self.case(case["id"])

    def withdraw_verdict(self, ident: int | str, *, reason: str) -> CaseSummary:
        """Withdraw the case's verdict, saying why: the case is reopened for review. One transaction with its audit
        entry (the verdict and reason withdrawn, and why)."""
        if not isinstance(reason, str) or not reason.strip():
            raise CaseInputError(_("say why the verdict is withdrawn (it goes into the audit trail)"))
        at = now()
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            if case["verdict"] is None:
                raise CaseInputError(_("case {case} has no verdict to withdraw").format(case=case['reference']))
            status = CaseStatus.REOPENED.value
            conn.execute(update(cases).where(cases.c.id == case["id"]).values(verdict=None, verdict_note=None, status=status))
            self._touch(conn, case, at, "case.verdict_withdrawn",
                        {"reason": reason.strip(), "previous": case["verdict"], "previous_note": case["verdict_note"],
                         "status": status, "previous_status": case["status"]})
        return self.case(case["id"])

    def add_note(self, ident: int | str, text: str) -> None:
        at = now()
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            notes = (case["notes"] + "\n" if case["notes"] else "") + text
            conn.execute(update(cases).where(cases.c.id == case["id"]).values(notes=notes))
            self._touch(conn, case, at, "case.note", {"text": text})

    # --- documents and captures -----------------------------------------------------------------------------------

    def _document(self, conn: Connection, case: dict[str, Any], document: int | None, at: str) -> int:
        if document is not None:
            if isinstance(document, bool) or not isinstance(document, int) or not 1 <= document <= MAX_ID:
                raise CaseInputError(_("case {case} has no document {document}; `docexam case show` lists them").format(
                    case=case['reference'], document=repr(document)))
            row = conn.execute(select(documents.c.id).where(and_(documents.c.id == document, documents.c.case_id == case["id"]))).first()
            if row is None:
                raise CaseInputError(_("case {case} has no document {document}; `docexam case show` lists them").format(
                    case=case['reference'], document=document))
            return row[0]
        row = conn.execute(select(documents.c.id).where(documents.c.case_id == case["id"]).order_by(documents.c.id)).first()
        if row is not None:
            return row[0]
        uid = str(uuid.uuid4())
        doc_id = conn.execute(insert(documents).values(uid=uid, case_id=case["id"], created_at=at)).inserted_primary_key[0]
        self._touch(conn, case, at, "document.add", {"document": uid})
        return doc_id

    def attach(self, ident: int | str, path: str | os.PathLike, *, light: Light | str,
               document: int | None = None, captured_at: str | None = None) -> dict[str, Any]:
        """Store the image file at ``path`` as a capture of the case's questioned document (the first one, made
        when the case has none), byte for byte. Returns the capture's row."""
        image = prepare_capture(path, light=light)  # decoded and hashed before the write lock is taken
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            return self._attach(conn, case, image, document=document, captured_at=captured_at)

    def _attach(self, conn: Connection, case: dict[str, Any], image: PreparedCapture, *,
                document: int | None = None, captured_at: str | None = None) -> dict[str, Any]:
        at = now()
        doc_id = self._document(conn, case, document, at)
        if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == image.sha256)).first() is None:
            conn.execute(insert(blobs).values(sha256=image.sha256, size=len(image.data), data=image.data))
        row = dict(uid=str(uuid.uuid4()), document_id=doc_id, light=image.light.value, sha256=image.sha256,
                   size=len(image.data), width=image.width, height=image.height, dpi=image.dpi,
                   source_name=image.source_name, captured_at=captured_at, created_at=at)
        row["id"] = conn.execute(insert(captures).values(**row)).inserted_primary_key[0]
        self._touch(conn, case, at, "capture.add", {"capture": row["uid"], "light": image.light.value,
                                                    "sha256": image.sha256, "size": len(image.data),
                                                    "source_name": image.source_name})
        return row

    # --- reference specimens and training attempts ------------------------------------------------------------------

    def add_specimen(self, *, family: str, name: str, lights: list[str], regions: list[dict[str, Any]]) -> dict[str, Any]:
        """Keep a reference specimen: its family, the lights it was captured in, and its regions of interest, each
        ``{"name": ..., "box": [x, y, w, h], "expect": {light: what it should show}}``."""
        if not name.strip() or not family.strip():
            raise CaseInputError(_("a reference specimen needs a family and a name"))
        bad = [x for x in lights if x not in {v.value for v in Light}]
        if bad:
            raise CaseInputError(_("unknown light(s) {lights}; choose from: {choices}").format(
                lights=bad, choices=', '.join(v.value for v in Light)))
        for r in regions:
            if not (isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("box"), list)
                    and len(r["box"]) == 4 and isinstance(r.get("expect", {}), dict)):
                raise CaseInputError(f"a region must be {{'name': str, 'box': [x, y, w, h], 'expect': {{light: text}}}}, got {r!r}")
        at = now()
        row = dict(uid=str(uuid.uuid4()), family=family.strip(), name=name.strip(), lights=json.dumps(sorted(lights)),
                   regions=audit_mod.canonical(regions), created_at=at)
        with self.engine.begin() as conn:
            self.require(conn, Permission.REFERENCE_WRITE, N_("keep reference specimens"))
            row["id"] = conn.execute(insert(specimens).values(**row)).inserted_primary_key[0]
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=self.actor, action="specimen.add",
                             detail={"specimen": row["uid"], "family": row["family"], "name": row["name"],
                                     "sha256": hashlib.sha256(audit_mod.canonical({k: row[k] for k in row if k != "id"}).encode()).hexdigest()},
                             signer=self.signer)
        return _specimen_out(row)

    def specimens(self, *, family: str | None = None) -> list[dict[str, Any]]:
        q = select(specimens).order_by(specimens.c.family, specimens.c.name)
        if family:
            q = q.where(specimens.c.family == family)
        with self._reader.connect() as conn:
            return [_specimen_out(dict(r)) for r in conn.execute(q).mappings()]

    def record_attempt(self, *, exercise: str, trainee: str, answers: dict[str, Any], score: float) -> dict[str, Any]:
        """Keep a trainee's attempt at an exercise (``docexam exercise score`` gives the score)."""
        if not trainee.strip() or not exercise.strip():
            raise CaseInputError(_("a training attempt needs the exercise and the trainee"))
        if not 0.0 <= float(score) <= 1.0:
            raise CaseInputError(_("a score is between 0 and 1, got {score}").format(score=score))
        at = now()
        row = dict(uid=str(uuid.uuid4()), exercise=exercise.strip(), trainee=trainee.strip(),
                   answers=audit_mod.canonical(answers), score=float(score), created_at=at)
        with self.engine.begin() as conn:
            self.require(conn, Permission.ATTEMPT_RECORD, N_("record training attempts"))
            row["id"] = conn.execute(insert(training_attempts).values(**row)).inserted_primary_key[0]
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=self.actor, action="attempt.add",
                             detail={"attempt": row["uid"], "exercise": row["exercise"], "trainee": row["trainee"],
                                     "score": row["score"], "answers_sha256": hashlib.sha256(row["answers"].encode()).hexdigest()},
                             signer=self.signer)
        return {**row, "answers": answers}

    def attempts(self, *, trainee: str | None = None, exercise: str | None = None) -> list[dict[str, Any]]:
        q = select(training_attempts).order_by(training_attempts.c.created_at)
        if trainee:
            q = q.where(training_attempts.c.trainee == trainee)
        if exercise:
            q = q.where(training_attempts.c.exercise == exercise)
        with self._reader.connect() as conn:
            return [{**dict(r), "answers": json.loads(r["answers"])} for r in conn.execute(q).mappings()]

    def keep_exercise_keys(self, exercise: str, keys: dict[str, dict[str, Any]]) -> int:
        """Keep an exercise pack's answer keys (``{document: its key.json}``) for trainers; a key kept already is
        replaced only by the same one. Returns how many were new."""
        if not isinstance(exercise, str) or not exercise.strip():
            raise CaseInputError(_("name the exercise whose keys are kept"))
        if not keys or not all(isinstance(k, str) and k and len(k) <= 200 and isinstance(v, dict) for k, v in keys.items()):
            raise CaseInputError(_("exercise keys are {document name: its key object}, at least one"))
        at = now()
        added = 0
        with self.engine.begin() as conn:
            self.require(conn, Permission.EXERCISE_KEYS_WRITE, N_("keep exercise answer keys"))
            for document, answer in sorted(keys.items()):
                text = audit_mod.canonical(answer)
                here = conn.execute(select(exercise_keys.c.answer).where(
                    and_(exercise_keys.c.exercise == exercise, exercise_keys.c.document == document))).scalar()
                if here is not None:
                    if here != text:
                        raise CaseInputError(_("exercise {exercise}: the key of {document} kept here differs from the one "
                                               "given; nothing was kept").format(exercise=exercise, document=document))
                    continue
                conn.execute(insert(exercise_keys).values(uid=str(uuid.uuid4()), exercise=exercise, document=document,
                                                          answer=text, created_at=at, created_by=self.actor))
                added += 1
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=self.actor, action="exercise.keys",
                             detail={"exercise": exercise, "documents": len(keys), "added": added}, signer=self.signer)
        return added

    def exercise_keys(self, exercise: str) -> dict[str, dict[str, Any]]:
        """The answer keys kept for ``exercise`` (``{document: key}``); never for a trainee, nor for nobody signed
        in to a store with accounts (AccessError)."""
        with self._reader.connect() as conn:
            self.require(conn, Permission.EXERCISE_KEYS_READ, N_("read exercise answer keys"))
            rows = conn.execute(select(exercise_keys.c.document, exercise_keys.c.answer)
                                .where(exercise_keys.c.exercise == exercise).order_by(exercise_keys.c.document)).all()
        return {r.document: json.loads(r.answer) for r in rows}

    def blob(self, sha256: str) -> bytes:
        with self._reader.connect() as conn:
            data = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == sha256)).scalar()
        if data is None:
            raise StoreError(_("no image with SHA-256 {sha256} in this database").format(sha256=sha256))
        return bytes(data)

    # --- findings -----------------------------------------------------------------------------------------------

    def add_finding(self, ident: int | str, *, kind: str, detail: dict[str, Any], source: FindingSource | str,
                    light: str | None = None, region: list[float] | None = None, score: float | None = None,
                    capture_uid: str | None = None) -> dict[str, Any]:
        src = FindingSource(source)
        at = now()
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            return self._add_finding(conn, case, at, kind=kind, detail=detail, source=src, light=light, region=region,
                                     score=score, capture_uid=capture_uid)

    def _add_finding(self, conn, case, at, *, kind, detail, source, light, region, score, capture_uid) -> dict[str, Any]:
        capture_id = document_id = None
        if capture_uid is not None:
            cap = conn.execute(select(captures.c.id, captures.c.document_id).where(captures.c.uid == capture_uid)).first()
            if cap is None:
                raise CaseInputError(_("no capture {capture} in case {case}").format(capture=capture_uid,
                                                                                        case=case['reference']))
            capture_id, document_id = cap
        row = dict(uid=str(uuid.uuid4()), case_id=case["id"], document_id=document_id, capture_id=capture_id, kind=kind,
                   light=light, region=json.dumps(region) if region is not None else None, score=score,
                   source=source.value, detail=audit_mod.canonical(detail), created_at=at)
        row["id"] = conn.execute(insert(findings).values(**row)).inserted_primary_key[0]
        self._touch(conn, case, at, "finding.add", {"finding": row["uid"], "kind": kind, "source": source.value,
                                                    "sha256": hashlib.sha256(row["detail"].encode()).hexdigest()})
        return row

    def record_comparison(self, ident: int | str, images: dict[str, str | os.PathLike],
                          summary: ComparisonRecord | dict[str, Any], findings: list[dict[str, Any]], *,
                          stored: dict[str, str] | None = None,
                          evidence: Mapping[str, bytes] | None = None) -> dict[str, Any]:
        """Store a ``docexam compare`` result in one transaction: the questioned images (``{light: path}``) as
        captures, the comparison (its ``summary``: reference, alignments, MRZ evidence; a dict is read as
        :meth:`ComparisonRecord.from_dict` reads one) as one automatic finding of kind ``comparison``, and each of its ``findings`` (``Finding.to_dict()``) as an automatic finding
        on the capture of its light. ``stored`` (``{light: capture uid}``) names images the case already holds
        (the workstation compares those) instead of attaching them again. ``evidence`` (``{sha256: PNG bytes}``,
        :attr:`docexam.compare.result.Comparison.evidence_images`) are the images the findings' ``evidence`` names,
        kept as blobs beside the captures (:meth:`blob` reads them). A kill part-way leaves none of it.
        Returns the comparison's finding row."""
        record = summary if isinstance(summary, ComparisonRecord) else ComparisonRecord.from_dict(summary)
        prepared = {light: prepare_capture(path, light=light) for light, path in images.items()}  # before the lock
        kept = _evidence_blobs(findings, evidence or {})
        at = now()
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            captured = {light: self._attach(conn, case, image) for light, image in prepared.items()}
            for light, uid in (stored or {}).items():
                row = conn.execute(select(captures.c.uid).select_from(captures.join(documents)).where(
                    and_(captures.c.uid == uid, documents.c.case_id == case["id"]))).first()
                if row is None:
                    raise CaseInputError(_("case {case} has no capture {capture}").format(case=case['reference'],
                                                                                          capture=uid))
                captured[light] = {"uid": uid}
            for sha, data in kept.items():
                if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first() is None:
                    conn.execute(insert(blobs).values(sha256=sha, size=len(data), data=data))
            anchor = next(iter(captured.values()), None)
            row = self._add_finding(conn, case, at, kind="comparison", detail=record.to_dict(), source=FindingSource.AUTOMATIC,
                                    light=None, region=None, score=max((f["score"] for f in findings), default=0.0),
                                    capture_uid=anchor["uid"] if anchor else None)
            for f in findings:
                cap = captured.get(f["light"])
                self._add_finding(conn, case, at, kind=f["kind"], detail=f | {"comparison": row["uid"]},
                                  source=FindingSource.AUTOMATIC, light=f["light"], region=list(f["bbox"]),
                                  score=f["score"], capture_uid=cap["uid"] if cap else None)
        return row

    def record_reading(self, ident: int | str, path: str | os.PathLike, reading: dict[str, Any], *,
                       light: str = "visible") -> dict[str, Any]:
        """Store a ``docexam read`` result (its JSON object) as an automatic MRZ finding, attaching the image it was
        read from, and fill the questioned document's details from the MRZ where they are still empty."""
        image = prepare_capture(path, light=light)  # decoded and hashed before the write lock is taken
        at = now()
        with self.engine.begin() as conn:
            case = self._writable(conn, ident)
            capture = self._attach(conn, case, image)
            finding = self._add_finding(conn, case, at, kind="mrz", detail=reading, source=FindingSource.AUTOMATIC,
                                        light=light, region=None, score=reading.get("confidence"), capture_uid=capture["uid"])
            fields = reading.get("fields") or {}
            if reading.get("lines"):
                doc = conn.execute(select(documents).where(documents.c.id == capture["document_id"])).mappings().one()
                holder = " ".join(x for x in (fields.get("surname"), fields.get("given_names")) if x) or None
                values = {k: v for k, v in {
                    "family": reading.get("format"), "issuing_state": fields.get("issuing_state"),
                    "number": fields.get("document_number"), "holder": holder, "holder_key": holder_key(holder),
                    "birth_date": fields.get("birth_date"), "expiry_date": fields.get("expiry_date"),
                    "mrz": "\n".join(reading["lines"]),
                }.items() if v and not doc[k]}
                if values:
                    conn.execute(update(documents).where(documents.c.id == doc["id"]).values(**values))
                    self._touch(conn, case, at, "document.update", {"document": doc["uid"], "from": "mrz",
                                                                    "fields": sorted(values)})
        return finding

    # --- search -------------------------------------------------------------------------------------------------

    def list_cases(self, *, query: str | None = None, number: str | None = None, holder: str | None = None,
                   state: str | None = None, since: str | None = None, until: str | None = None,
                   limit: int | None = None) -> list[CaseSummary]:
        """Cases, newest first. ``query`` matches the reference, title, document number or holder; the others are
        exact document number, holder name (words in any case), issuing state, and created date range (ISO)."""
        q = select(cases).order_by(cases.c.updated_at.desc(), cases.c.id.desc())
        doc_conds = []
        if number:
            doc_conds.append(documents.c.number == number.strip().upper())
        if holder:
            doc_conds.append(documents.c.holder_key.like(f"%{_escape(holder_key(holder))}%", escape="\\"))
        if state:
            doc_conds.append(documents.c.issuing_state == state.strip().upper())
        if doc_conds:
            q = q.where(cases.c.id.in_(select(documents.c.case_id).where(and_(*doc_conds))))
        if query:
            # % and _ typed in a search are searched for, not wildcards
            like, upper = f"%{_escape(query.strip())}%", f"%{_escape(query.strip().upper())}%"
            holder_like = f"%{_escape(holder_key(query) or '')}%"
            # References and document numbers are upper case (as `number=` assumes), so a plain LIKE of the query
            # in upper case finds them. For titles: SQLite's LIKE ignores ASCII case already, as its lower() does,
            # so ilike's lower(x) LIKE lower(y) would only double the cost of the scan there.
            title = (cases.c.title.like(like, escape="\\") if self.engine.dialect.name == "sqlite"
                     else cases.c.title.ilike(like, escape="\\"))
            # One list of matching case ids (each table scanned once), not an OR with a subquery, which SQLite
            # evaluates row by row while walking the cases in date order.
            q = q.where(cases.c.id.in_(union_all(
                select(cases.c.id).where(or_(cases.c.reference.like(upper, escape="\\"), title)),
                select(documents.c.case_id).where(or_(
                    documents.c.number.like(upper, escape="\\"), documents.c.holder_key.like(holder_like, escape="\\"))),
            )))
        if since:
            q = q.where(cases.c.created_at >= since)
        if until and (after := _day_after(until)) is not None:
            q = q.where(cases.c.created_at < after)
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= MAX_ID):
            raise CaseInputError(_("the limit must be a whole number from 1 to {most:,}, got {limit}").format(
                most=MAX_ID, limit=repr(limit)))
        if limit:
            q = q.limit(limit)
        # The counts in the same query, for the listed cases only (not two more queries per case).
        page = q.subquery()
        n_docs = select(func.count()).select_from(documents).where(documents.c.case_id == page.c.id).scalar_subquery()
        n_caps = (select(func.count()).select_from(captures.join(documents))
                  .where(documents.c.case_id == page.c.id).scalar_subquery())
        q = select(page, n_docs.label("n_documents"), n_caps.label("n_captures")).order_by(
            page.c.updated_at.desc(), page.c.id.desc())
        with self._reader.connect() as conn:
            return [CaseSummary(r["id"], r["uid"], r["reference"], r["title"], r["examiner"], r["status"], r["verdict"],
                                r["created_at"], r["updated_at"], r["n_documents"], r["n_captures"])
                    for r in conn.execute(q).mappings()]

    def show(self, ident: int | str) -> CaseRecord:
        """Everything about one case: its row, documents, captures (without image bytes), findings, audit trail."""
        with self._reader.connect() as conn:
            case = self._case_row(conn, ident)
            docs = [DocumentRecord.from_dict(r) for r in conn.execute(
                select(documents).where(documents.c.case_id == case["id"]).order_by(documents.c.id)).mappings()]
            caps = [CaptureRecord.from_dict(r) for r in conn.execute(
                select(captures).join(documents).where(documents.c.case_id == case["id"]).order_by(captures.c.id)).mappings()]
            finds = [dict(r) for r in conn.execute(select(findings).where(findings.c.case_id == case["id"]).order_by(findings.c.id)).mappings()]
            trail = audit_mod.entries(conn, case["uid"])
        for f in finds:
            f["detail"] = json.loads(f["detail"])
            f["region"] = json.loads(f["region"]) if f["region"] else None
        return CaseRecord(CaseInfo.from_dict(case), docs, caps, [FindingRecord.from_dict(f) for f in finds], list(trail))

    # --- verification -------------------------------------------------------------------------------------------

    def verify(self, *, since_last: bool = False, record: bool = False) -> VerifyReport:
        """Re-hash every image and check every audit chain and its signatures; the report lists each problem
        found (docexam.store.verify). ``since_last``: only what changed since the last checkpoint, where there is
        one that can be used (else everything, the report's ``note`` saying why). ``record``: a verify that finds
        nothing wrong leaves its checkpoint for the next one, signed by the signed-in user (in a store with accounts,
        only when someone is signed in; never in a store open read-only)."""
        from docexam.store import verify as verify_mod

        with self._reader.connect() as conn:
            found = verify_mod.since_last(conn) if since_last else verify_mod.full(conn)
            accounts = record and self.session is None and self.has_accounts()
        recorded = unrecorded = None
        if record and not found.problems:
            if self.read_only:
                unrecorded = "read-only"
            elif accounts:
                unrecorded = "not-signed-in"
            else:
                from sqlalchemy.exc import DBAPIError

                try:
                    recorded = verify_mod.record(self.engine, found, at=now(), actor=self.actor,
                                                 key=self.session.key if self.session is not None else None).at
                except (StoreError, DBAPIError):  # busy, full, no grant: the verify's own result stands
                    unrecorded = "not-written"
        cp = found.since
        return VerifyReport(found.cases, found.captures, found.blobs, found.chains, found.problems, found.references,
                            found.mode, cp.at if cp else None, cp.actor if cp else None, found.note, found.checked,
                            recorded, unrecorded)


_HEX64 = re.compile(r"[0-9a-f]{64}")
#: Largest evidence image (a PNG crop of at most a few hundred pixels a side is well under a megabyte).
MAX_EVIDENCE_BYTES = 8 * 1024 * 1024


def evidence_shas(detail: Any) -> list[str]:
    """The SHA-256 digests of the evidence images a comparison finding's ``detail`` names (``detail["evidence"]``,
    :meth:`docexam.compare.result.FindingEvidence.to_dict`), or none (a finding kept before evidence was, or of
    another kind). A stored ``detail`` may be given as its JSON text."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser: no evidence (refused elsewhere)
            return []
    ev = detail.get("evidence") if isinstance(detail, dict) else None
    if not isinstance(ev, dict):
        return []
    return [v for k in ("reference", "questioned", "difference") if isinstance(v := ev.get(k), str) and _HEX64.fullmatch(v)]


def _evidence_blobs(findings: list[dict[str, Any]], images: Mapping[str, bytes]) -> dict[str, bytes]:
    """The evidence images ``findings`` name, from ``images``, each checked against its SHA-256 and size."""
    out = {}
    for f in findings:
        for sha in evidence_shas(f):
            data = images.get(sha)
            if data is None:
                raise CaseInputError(f"finding {f.get('kind')} in {f.get('light')} names evidence image {sha[:12]}... "
                                     "that was not given: make the evidence with the comparison's images "
                                     "(docexam.compare.evidence.attach_evidence) and pass them as evidence=")
            if len(data) > MAX_EVIDENCE_BYTES or hashlib.sha256(data).hexdigest() != sha:
                raise CaseInputError(f"evidence image {sha[:12]}... does not match its SHA-256 or is too large")
            out[sha] = bytes(data)
    return out


def trust_list(conn: Connection) -> dict[str, Any]:
    """The store's trust list: ``{key id: docexam.store.signing.TrustedKey}``."""
    from docexam.store.signing import TrustedKey

    return {r.key_id: TrustedKey.from_dict(r._mapping) for r in conn.execute(select(trusted_keys))}


def _specimen_out(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "lights": json.loads(row["lights"]), "regions": json.loads(row["regions"])}


def parse_verdict(value: Verdict | str) -> Verdict:
    if isinstance(value, Verdict):
        return value
    found = Verdict.named(value)
    if found is not None:
        return found
    choices = ", ".join(v.value for v in Verdict)
    raise CaseInputError(_("unknown verdict {value}; choose one of: {choices}").format(value=repr(value), choices=choices))


def parse_light(value: Light | str) -> Light:
    try:
        return Light(str(value).strip().lower())
    except ValueError:
        raise CaseInputError(_("unknown light {value}; choose one of: {choices}").format(
            value=repr(value), choices=', '.join(x.value for x in Light))) from None


def _escape(text: str) -> str:
    """``text`` for a LIKE pattern with ``escape="\\"``: its own ``%``, ``_`` and ``\\`` match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _day_after(day: str) -> str | None:
    """The day after ``day`` (ISO), or None for the last day there is (9999-12-31: no bound at all)."""
    try:
        date = dt.date.fromisoformat(day[:10])
    except ValueError:
        raise CaseInputError(_("{day} is not a date; write it as YYYY-MM-DD").format(day=repr(day))) from None
    return None if date == dt.date.max else (date + dt.timedelta(days=1)).isoformat()
