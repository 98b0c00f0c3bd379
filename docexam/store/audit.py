"""The append-only audit trail: hash chains of who did what and when.

Each case has its own chain (named by the case's uid), and the store has one ("store") that records cases opened
and imported. An entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON (chain,
sequence number, time, actor, action, detail), so changing, removing or inserting an entry breaks every later
hash; the chain's head (last sequence number and hash) is kept apart, so cutting entries off the end is detected
too. A case's chain travels with it in export bundles and is checked again on import.

What a chain alone cannot stop is someone with write access recomputing every hash after an edit. Since issue 22
every entry written by a signed-in user is also signed by that user's Ed25519 key (``signer``, ``signature``: see
:mod:`docexam.store.signing`), over its hash, which covers the entry and all before it: an edited entry whose chain
was recomputed no longer matches its signature, and a forger would need the author's private key. Entries written
before a store had accounts carry no signature and are protected by the chain alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from docexam.store.schema import audit, audit_heads

#: The hash a chain's first entry points back to.
GENESIS = "0" * 64
STORE_CHAIN = "store"


def canonical(value: Any) -> str:
    """The JSON text hashed and stored: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Entry:
    chain: str
    seq: int
    at: str
    actor: str
    action: str
    detail: str  # canonical JSON
    prev_hash: str
    hash: str
    signer: str | None = None  # key id of the Ed25519 key that signed the hash (docexam.store.signing)
    signature: str | None = None  # hex

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        # signer and signature: absent from bundles made before entries were signed
        return cls(d["chain"], d["seq"], d["at"], d["actor"], d["action"], d["detail"], d["prev_hash"], d["hash"],
                   d.get("signer"), d.get("signature"))

    @property
    def details(self) -> dict[str, Any]:
        """The entry's detail as the object it was written from ({} if it is not one)."""
        try:
            value = json.loads(self.detail)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def content(self) -> tuple[AuditLine, ...]:
        """What the entry records, in words: the verdict and its reason, the file attached, the note added...
        (see :func:`describe`)."""
        return describe(self.action, self.details)

    @property
    def headline(self) -> str:
        """One line that tells the entry from others of its action: its action and its first line's value
        (``case.verdict: forged/altered``)."""
        lines = self.content
        return f"{self.action}: {lines[0].value}" if lines else self.action


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One thing an audit entry records: ``label`` (``verdict``, ``reason``, ``file``...) and its ``value`` as text."""

    label: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "value": self.value}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AuditLine:
        return cls(str(d["label"]), str(d["value"]))

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


#: For each action, the detail keys shown first and the label they are shown with; every other key follows under
#: its own name (the ``state`` hash last).
_LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "case.create": (("reference", "reference"), ("title", "title"), ("examiner", "examiner"), ("origin", "opened at")),
    "case.verdict": (("verdict", "verdict"), ("note", "reason"), ("previous", "previous verdict"), ("fraud_type", "fraud type"),
                     ("confidence", "confidence")),
    "case.verdict_withdrawn": (("previous", "withdrawn verdict"), ("reason", "why"), ("previous_note", "its reason")),
    "case.note": (("text", "note"),),
    "capture.add": (("source_name", "file"), ("light", "light"), ("size", "bytes"), ("sha256", "sha256"),
                    ("capture", "capture")),
    "finding.add": (("kind", "kind"), ("source", "by"), ("finding", "finding"), ("sha256", "sha256")),
    "document.add": (("document", "document"),),
    "document.update": (("fields", "fields"), ("from", "from"), ("document", "document")),
    "case.export": (("bundle", "bundle"), ("by", "exported at")),
    "case.import": (("reference", "case"), ("bundle", "bundle"), ("from", "from")),
    "case.update": (("reference", "case"), ("bundle", "bundle"), ("from", "from")),
    "reference.create": (("name", "name"), ("issuing_state", "issuing state"), ("document_code", "document code"),
                         ("format", "format"), ("reference", "reference")),
    "reference.specimen": (("specimen", "specimen"), ("provenance", "provenance")),
    "reference.annotate": (("version", "annotation version"), ("note", "note"), ("regions", "regions"),
                           ("specimen", "specimen")),
    "reference.export": (("bundle", "bundle"), ("by", "exported at")),
    "reference.import": (("name", "reference"), ("bundle", "bundle"), ("from", "from")),
    "case.review": (("outcome", "review"), ("comment", "comment")),
    "user.add": (("name", "user"), ("role", "role"), ("key", "key")),
    "user.disable": (("name", "user"), ("reason", "why")),
    "key.create": (("owner", "owner"), ("kind", "kind"), ("key", "key")),
    "trust.add": (("owner", "owner"), ("kind", "kind"), ("key", "key")),
    "trust.revoke": (("owner", "owner"), ("reason", "why"), ("key", "key")),
    "reference.update": (("name", "reference"), ("bundle", "bundle"), ("from", "from")),
}


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return canonical(value)
    return str(value)


def describe(action: str, detail: dict[str, Any]) -> tuple[AuditLine, ...]:
    """What an entry of ``action`` with ``detail`` records, as labelled lines: for a verdict its verdict, its reason
    (or that none was given), the previous verdict and the status it moved the case to."""
    out: list[AuditLine] = []
    done = {"state", "status", "previous_status", "snapshot"}
    for key, label in _LABELS.get(action, ()):
        done.add(key)
        value = detail.get(key)
        if action == "case.verdict" and key == "note" and not value:
            out.append(AuditLine(label, "none given (recorded without a reason)"))
        elif value is not None and value != "":
            out.append(AuditLine(label, _text(value)))
    if "status" in detail:
        before = detail.get("previous_status")
        out.append(AuditLine("status", f"{before} → {detail['status']}" if before else str(detail["status"])))
    out += [AuditLine(k, _text(v)) for k, v in sorted(detail.items()) if k not in done and v is not None]
    if isinstance(detail.get("state"), str):
        out.append(AuditLine("case state", f"sha256 {detail['state'][:16]}…"))
    return tuple(out)


def entry_hash(prev_hash: str, chain: str, seq: int, at: str, actor: str, action: str, detail: str) -> str:
    body = canonical({"chain": chain, "seq": seq, "at": at, "actor": actor, "action": action, "detail": detail})
    return hashlib.sha256((prev_hash + "\n" + body).encode("utf-8")).hexdigest()


class Signer(Protocol):
    """What signs an entry: the signed-in user's unlocked key (:class:`docexam.store.signing.SigningKey`)."""

    key_id: str

    def sign_entry(self, entry_hash: str) -> str: ...


def append(conn: Connection, chain: str, *, at: str, actor: str, action: str, detail: dict[str, Any],
           signer: Signer | None = None) -> Entry:
    """Add an entry to ``chain`` within the caller's transaction, signed by ``signer`` when given.

    The head row is written first: on PostgreSQL that locks it until the transaction ends, and SQLite transactions
    here begin IMMEDIATE, so two writers of one chain take turns and never fork it.
    """
    text = canonical(detail)
    bump = update(audit_heads).where(audit_heads.c.chain == chain).values(seq=audit_heads.c.seq + 1)
    if not conn.execute(bump).rowcount:
        # A new chain. Two PostgreSQL transactions can both find no head (the store's chain in a new database): the
        # second one's insert waits for the first to commit, then fails, and it appends after the first's entry.
        try:
            with conn.begin_nested():
                conn.execute(insert(audit_heads).values(chain=chain, seq=0, hash=GENESIS))
        except IntegrityError:
            pass
        conn.execute(bump)
    seq, prev = conn.execute(select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.chain == chain)).one()
    h = entry_hash(prev, chain, seq, at, actor, action, text)
    key, signature = (signer.key_id, signer.sign_entry(h)) if signer is not None else (None, None)
    conn.execute(insert(audit).values(chain=chain, seq=seq, at=at, actor=actor, action=action, detail=text, prev_hash=prev,
                                      hash=h, signer=key, signature=signature))
    conn.execute(update(audit_heads).where(audit_heads.c.chain == chain).values(hash=h))
    return Entry(chain, seq, at, actor, action, text, prev, h, key, signature)


def entries(conn: Connection, chain: str) -> list[Entry]:
    rows = conn.execute(select(audit).where(audit.c.chain == chain).order_by(audit.c.seq)).mappings()
    return [Entry(r["chain"], r["seq"], r["at"], r["actor"], r["action"], r["detail"], r["prev_hash"], r["hash"],
                  r["signer"], r["signature"]) for r in rows]


def check_chain(chain: str, items: list[Entry], head: tuple[int, str] | None,
                after: tuple[int, str] | None = None) -> list[str]:
    """What is wrong with a chain's entries (in sequence order) and its recorded head; empty when it holds.
    ``after``: the chain's entries up to that one (its sequence number and hash) were checked already, and
    ``items`` are those after it."""
    problems = []
    start, prev = after if after is not None else (0, GENESIS)
    for i, e in enumerate(items, start=start + 1):
        if e.chain != chain:
            problems.append(f"chain {chain}: entry {e.seq} belongs to chain {e.chain}")
        if e.seq != i:
            problems.append(f"chain {chain}: entry {i} is missing (found {e.seq} in its place)")
            break
        if e.prev_hash != prev:
            problems.append(f"chain {chain}: entry {e.seq} does not follow entry {e.seq - 1} (history changed or removed)")
        expected = entry_hash(e.prev_hash, e.chain, e.seq, e.at, e.actor, e.action, e.detail)
        if expected != e.hash:
            problems.append(f"chain {chain}: entry {e.seq} ({e.action}, {e.at}) was altered after it was written")
        prev = e.hash
    if head is not None:
        seq, h = head
        last = items[-1].hash if items else after[1] if after is not None else h
        if seq != start + len(items) or h != last:
            problems.append(f"chain {chain}: the recorded head is entry {seq}, the trail has {start + len(items)} (entries "
                            "removed or added)")
    return problems
