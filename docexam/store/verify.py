"""``case verify``: every audit chain, signature, case row and image of a store checked, fast enough for a large
store (issue 22: 100,000 cases in well under a minute on a two-core checkpoint laptop).

What is checked is what :meth:`docexam.store.Store.verify` always checked (see :mod:`docexam.store.audit` and
:mod:`docexam.store.signing`); how it is read is what makes it fast:

- each table is read once, in order, in a few large queries (the audit trail ordered by chain and sequence, the
  cases with their documents, captures and findings in slices of ids), never one query per case;
- the Ed25519 verification of each signed entry, most of the cost, runs in worker threads (``cryptography``
  releases the GIL while OpenSSL verifies) while the main thread goes on hashing the chains, each public key parsed
  once;
- each entry's JSON detail is parsed only where its meaning is needed (the last state a case trail records, the
  store's own entries).

A verify that finds nothing wrong can leave a **checkpoint** (table ``verify_checkpoints``): the largest audit row
id it checked, how many entries, chains and cases there were, the largest capture ids whose images it re-hashed, a
digest of the trust list, and a digest of every chain's head as it verified it (the heads themselves are kept in
``verified_heads``), signed by the signed-in user who ran it. The next verify can then check only what changed
since (:func:`since_last`, ``docexam case verify``'s default; ``--full`` checks everything):

- what it proves: the checkpoint is intact (its signature, by a key on the trust list that is not revoked, and the
  heads it lists); every chain's entry at the head the last verify checked still holds that hash, so no verified
  entry was rewritten with its chain recomputed (however far back the edit) and no chain was cut short; every
  entry written since chains onto that head, is signed by its author's trusted key (not revoked), and the heads
  recorded now are where those entries end; no entry appeared below the last verify's mark; the rows of every case
  whose trail grew since match the state it records; every image added since matches its SHA-256;
- what it does not: an entry below the mark edited in place without recomputing any hash (its stored hash left
  as it was), the rows of a case untouched since changed behind docexam's back, an image verified before altered
  in place: each is found by ``--full``, which a centre runs regularly (the checkpoint tells when it last did).

Where the checkpoint cannot be trusted or used (none yet, not signed in a store with accounts, the trust list
changed since, counts that do not add up), the full verify runs instead and says why; a checkpoint that does not
match its own signature or heads is reported as a problem too. A verify that finds a problem leaves no checkpoint.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select

from docexam.store import audit as audit_mod
from docexam.store import signing
from docexam.store.schema import (
    audit,
    audit_heads,
    blobs,
    captures,
    cases,
    documents,
    findings,
    reference_captures,
    reference_types,
    verified_heads,
    verify_checkpoints,
)
from docexam.store.store import evidence_shas, recorded_state, rows_of_case, state_hash, trust_list

#: Signed entries handed to a worker thread at a time, and how many such batches may wait at once (memory).
BATCH = 2000
MAX_WAITING = 8
#: Cases whose rows are read and hashed together.
CASE_SLICE = 5000

_ENTRY_COLUMNS = (audit.c.id, audit.c.chain, audit.c.seq, audit.c.at, audit.c.actor, audit.c.action, audit.c.detail,
                  audit.c.prev_hash, audit.c.hash, audit.c.signer, audit.c.signature)


@dataclass
class Findings:
    """What a verify found, and what it saw (for the checkpoint a verify that holds leaves behind)."""

    problems: list[str] = field(default_factory=list)
    cases: int = 0
    captures: int = 0
    blobs: int = 0
    chains: int = 0
    entries: int = 0
    references: int = 0
    #: The chains' heads as verified: ``{chain: (seq, hash)}``.
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: The largest audit row id seen.
    last_row: int = 0
    #: The largest capture and reference capture ids whose images were checked.
    last_capture: int = 0
    last_reference_capture: int = 0
    #: "full", or "since-last" (only what changed since ``since``, the checkpoint started from).
    mode: str = "full"
    since: Checkpoint | None = None
    #: Why a verify asked for since the last one checked everything instead.
    note: str | None = None
    #: Entries checked (all of them, or those written since the checkpoint).
    checked: int = 0
    trust: str = ""
    #: The chains written to since the checkpoint (since-last).
    grown: set[str] = field(default_factory=set)


def workers() -> int:
    """Threads verifying signatures: one per processor (the main thread hashes meanwhile), at least one."""
    return max(1, min(8, os.cpu_count() or 1))


def _verify_batch(jobs: list[tuple[signing.SignatureCheck, audit_mod.Entry, signing.TrustedKey, Any]]
                  ) -> list[tuple[str, int, str]]:
    from cryptography.exceptions import InvalidSignature

    out = []
    for check, e, key, pub in jobs:
        valid = False
        if pub is not None and isinstance(e.signature, str) and signing.HEX128.match(e.signature):
            try:
                pub.verify(bytes.fromhex(e.signature), signing.ENTRY_LABEL + e.hash.encode("ascii"))
                valid = True
            except InvalidSignature:
                pass
        problem = check.finish(e, key, valid)
        if problem is not None:
            out.append((check.chain, e.seq, problem))
    return out


class SignaturePool:
    """Signed entries verified in worker threads, in batches; :meth:`results` waits for them all."""

    def __init__(self, n: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=n or workers(), thread_name_prefix="docexam-verify")
        self._keys: dict[str, Any] = {}
        self._batch: list[tuple[signing.SignatureCheck, audit_mod.Entry, signing.TrustedKey, Any]] = []
        self._waiting: list[Future[list[tuple[str, int, str]]]] = []
        self._done: list[tuple[str, int, str]] = []
        self.checked = 0

    def _public(self, key: signing.TrustedKey) -> Any:
        if key.key_id not in self._keys:
            try:
                self._keys[key.key_id] = signing.public_key(key.public_key)
            except ValueError:
                self._keys[key.key_id] = None
        return self._keys[key.key_id]

    def add(self, check: signing.SignatureCheck) -> None:
        for e, key in check.pending:
            self._batch.append((check, e, key, self._public(key)))
        check.pending = []
        if len(self._batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        self.checked += len(self._batch)
        self._waiting.append(self._pool.submit(_verify_batch, self._batch))
        self._batch = []
        while len(self._waiting) > MAX_WAITING:
            self._done += self._waiting.pop(0).result()

    def results(self) -> list[tuple[str, int, str]]:
        """Every problem found, as ``(chain, seq, problem)``."""
        self._flush()
        for f in self._waiting:
            self._done += f.result()
        self._waiting = []
        self._pool.shutdown()
        return self._done

    def close(self) -> None:
        """Stop: what waits is dropped (after a failure elsewhere)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _chains(conn: Connection, *, after: int = 0) -> Iterator[tuple[str, list[audit_mod.Entry], list[int]]]:
    """Every chain's entries in sequence order (and their row ids), one chain at a time, from one ordered read."""
    query = select(*_ENTRY_COLUMNS).order_by(audit.c.chain, audit.c.seq)
    if after:
        query = query.where(audit.c.id > after)
    chain: str | None = None
    items: list[audit_mod.Entry] = []
    rows: list[int] = []
    Entry = audit_mod.Entry
    for r in conn.execute(query):
        if r[1] != chain:
            if chain is not None:
                yield chain, items, rows
            chain, items, rows = r[1], [], []
        items.append(Entry(*r[1:]))
        rows.append(r[0])
    if chain is not None:
        yield chain, items, rows


def revocations(conn: Connection, store_trail: list[audit_mod.Entry], rows: list[int]) -> dict[str, int]:
    """``{key id: audit row id}`` of each ``trust.revoke`` entry of the store's trail (see
    :class:`docexam.store.signing.SignatureCheck`)."""
    out: dict[str, int] = {}
    for e, row in zip(store_trail, rows, strict=True):
        if e.action == "trust.revoke":
            key = e.details.get("key")
            if isinstance(key, str):
                out.setdefault(key, row)
    return out


def _pins(store_trail: list[audit_mod.Entry]) -> tuple[dict[str, list[tuple[int, str, str | None, str]]], set[str]]:
    """What the store's signed entries pin of each case trail: ``{case uid: [(store seq, pinned hash, its signer,
    the case in words)]}``, and the cases the store's trail says were opened or imported here."""
    pins: dict[str, list[tuple[int, str, str | None, str]]] = {}
    store_cases: set[str] = set()
    for e in store_trail:
        if e.action not in ("case.create", "case.import", "case.update"):
            continue
        try:
            detail = json.loads(e.detail)
            if e.action != "case.update":
                store_cases.add(detail["case"])
            pinned = detail.get("head") if e.signature is not None else None
            if pinned is None:
                continue
            what = f"case {detail.get('reference', detail['case'])}"
            # the head's signer as the store's signed entry recorded it (a case opened here: its own)
            signer = e.signer if e.action == "case.create" else detail.get("head_signer")
            pins.setdefault(detail["case"], []).append((e.seq, pinned, signer, what))
        except (ValueError, KeyError, TypeError):  # an altered entry, reported by check_chain
            pass
    return pins, store_cases


def _pin_problems(pins: list[tuple[int, str, str | None, str]], items: list[audit_mod.Entry]) -> list[tuple[int, str]]:
    by_hash = {e.hash: e for e in items}
    out = []
    for seq, pinned, signer, what in pins:
        head = by_hash.get(pinned)
        if head is None:
            out.append((seq, f"{what}: its trail no longer holds the entry the store's signed entry {seq} recorded "
                             "(rewritten)"))
        elif signer is not None and head.signer != signer:
            out.append((seq, f"{what}: its entry {head.seq} is no longer signed as the store's signed entry {seq} "
                             "recorded (its signature removed or replaced)"))
    return out


def check_case_rows(conn: Connection, states: dict[str, str | None], heads: dict[str, Any], store_cases: set[str],
                    found: Findings) -> None:
    """Each case's rows hashed and compared with the state its trail last recorded, the cases read in slices."""
    last = 0
    seen: set[str] = set()
    while True:
        slice_ = conn.execute(select(cases).where(cases.c.id > last).order_by(cases.c.id).limit(CASE_SLICE)).mappings().all()
        if not slice_:
            break
        lo, hi = slice_[0]["id"], slice_[-1]["id"]
        last = hi
        docs: dict[int, list[Any]] = {}
        doc_case: dict[int, int] = {}
        for d in conn.execute(select(documents).where(documents.c.case_id.between(lo, hi)).order_by(documents.c.id)).mappings():
            docs.setdefault(d["case_id"], []).append(d)
            doc_case[d["id"]] = d["case_id"]
        caps: dict[int, list[Any]] = {}
        for c in conn.execute(select(captures).join(documents, documents.c.id == captures.c.document_id)
                              .where(documents.c.case_id.between(lo, hi)).order_by(captures.c.id)).mappings():
            caps.setdefault(doc_case[c["document_id"]], []).append(c)
        finds: dict[int, list[Any]] = {}
        for f in conn.execute(select(findings).where(findings.c.case_id.between(lo, hi)).order_by(findings.c.id)).mappings():
            finds.setdefault(f["case_id"], []).append(f)
        for row in slice_:
            found.cases += 1
            uid, ref = row["uid"], row["reference"]
            seen.add(uid)
            if uid not in heads:
                found.problems.append(f"case {ref} has no audit trail")
            elif states.get(uid) != state_hash(rows_of_case(row, docs.get(row["id"], []), caps.get(row["id"], []),
                                                            finds.get(row["id"], []))):
                found.problems.append(f"case {ref}: its rows differ from the state its audit trail last recorded "
                                      "(changed behind docexam's back)")
            if uid not in store_cases:
                found.problems.append(f"case {ref} is not in the store's trail (added behind docexam's back)")
    for uid in store_cases - seen:
        found.problems.append(f"case {uid} was opened here but is gone from the database (deleted behind docexam's back)")


def check_images(conn: Connection, found: Findings) -> None:
    """Every image re-hashed, and every capture's image present."""
    found.last_capture = conn.execute(select(func.max(captures.c.id))).scalar() or 0
    found.last_reference_capture = conn.execute(select(func.max(reference_captures.c.id))).scalar() or 0
    for row in conn.execute(select(blobs.c.sha256, blobs.c.size, blobs.c.data)).yield_per(16):
        found.blobs += 1
        data = bytes(row.data)
        if hashlib.sha256(data).hexdigest() != row.sha256 or len(data) != row.size:
            found.problems.append(f"image {row.sha256[:12]}... does not match its SHA-256 (altered or damaged)")
    missing = conn.execute(select(captures.c.uid, captures.c.sha256).outerjoin(blobs, blobs.c.sha256 == captures.c.sha256)
                           .where(blobs.c.sha256.is_(None))).all()
    found.captures = conn.execute(select(func.count()).select_from(captures)).scalar() or 0
    for uid, sha in missing:
        found.problems.append(f"capture {uid} has lost its image {sha[:12]}...")
    have = {r[0] for r in conn.execute(select(blobs.c.sha256))}
    check_evidence(conn, found, lambda sha: sha in have)


def check_evidence(conn: Connection, found: Findings, kept: Any, case_ids: list[int] | None = None) -> None:
    """Every evidence image a finding (of ``case_ids``, default all) names is ``kept`` (a test of its SHA-256)."""
    query = select(findings.c.uid, findings.c.detail).where(findings.c.detail.contains('"evidence"'))
    if case_ids is not None:
        query = query.where(findings.c.case_id.in_(case_ids))
    for uid, detail in conn.execute(query):
        for sha in evidence_shas(detail):
            if not kept(sha):
                found.problems.append(f"finding {uid} has lost its evidence image {sha[:12]}...")


def full(conn: Connection, *, threads: int | None = None) -> Findings:
    """Everything checked (what :meth:`docexam.store.Store.verify` reports), on ``conn``, a snapshot of the store."""
    from docexam.store.library import verify_references

    found = Findings()
    found.trust = trust_digest(trust_list(conn))
    heads = {r.chain: (r.seq, r.hash) for r in conn.execute(select(audit_heads.c.chain, audit_heads.c.seq,
                                                                        audit_heads.c.hash))}
    keys = trust_list(conn)
    store_trail, store_rows = [], []
    for r in conn.execute(select(*_ENTRY_COLUMNS).where(audit.c.chain == audit_mod.STORE_CHAIN).order_by(audit.c.seq)):
        store_trail.append(audit_mod.Entry(*r[1:]))
        store_rows.append(r[0])
    revoked_from = revocations(conn, store_trail, store_rows)
    pins, store_cases = _pins(store_trail)
    del store_trail, store_rows
    # problems per chain, in the order of chains and, within one, the chain's own before its signatures'
    chain_problems: dict[str, list[str]] = {}
    signature_problems: dict[str, list[tuple[int, str]]] = {}
    pin_problems: list[tuple[int, str]] = []
    states: dict[str, str | None] = {}
    seen: set[str] = set()
    pool = SignaturePool(threads)
    try:
        for chain, items, rows in _chains(conn):
            seen.add(chain)
            found.entries += len(items)
            found.checked += len(items)
            found.last_row = max(found.last_row, max(rows))
            wrong = audit_mod.check_chain(chain, items, heads.get(chain))
            if wrong:
                chain_problems[chain] = wrong
            check = signing.SignatureCheck(chain, keys, revoked_from)
            early = check.structure(items, rows)
            if early:
                signature_problems[chain] = early
            pool.add(check)
            if chain in pins:
                pin_problems += _pin_problems(pins[chain], items)
            if chain != audit_mod.STORE_CHAIN:
                states[chain] = recorded_state(items)
            found.heads[chain] = (items[-1].seq, items[-1].hash)
        for chain, seq, problem in pool.results():
            signature_problems.setdefault(chain, []).append((seq, problem))
    finally:
        pool.close()
    for chain in set(heads) - seen:
        chain_problems[chain] = audit_mod.check_chain(chain, [], heads[chain])
    found.chains = len(seen | set(heads))
    for chain in sorted(seen | set(heads)):
        found.problems += chain_problems.get(chain, [])
        found.problems += [p for _, p in sorted(signature_problems.get(chain, []), key=lambda x: x[0])]
    for pinned in missing_chains(pins, states):
        pin_problems += pinned
    found.problems += [p for _, p in sorted(pin_problems, key=lambda x: x[0])]
    check_case_rows(conn, states, heads, store_cases, found)
    check_images(conn, found)
    found.references, wrong_refs = verify_references(conn)
    found.problems += wrong_refs
    return found


def missing_chains(pins: dict[str, list[tuple[int, str, str | None, str]]],
                   states: dict[str, str | None]) -> Iterator[list[tuple[int, str]]]:
    """The pins of case trails that have no entry at all (their whole trail deleted)."""
    for uid, pinned in pins.items():
        if uid not in states:
            yield _pin_problems(pinned, [])


# --- checkpoints and the verify since the last one -----------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """What a verify that found nothing wrong checked (see the module's note); ``signer`` and ``signature`` over
    :meth:`body` (None in a store without accounts)."""

    id: int
    at: str
    actor: str
    mode: str
    last_row: int
    entries: int
    chains: int
    cases: int
    last_capture: int
    last_reference_capture: int
    heads: str
    trust: str
    signer: str | None = None
    signature: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, d: Any) -> Checkpoint:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__})

    def body(self) -> bytes:
        """What its signature is over: every field but its id and the signature's own."""
        d = {k: v for k, v in self.to_dict().items() if k not in ("id", "signer", "signature")}
        return audit_mod.canonical(d).encode("utf-8")

    @property
    def words(self) -> str:
        return f"the verify of {self.at[:19]} by {self.actor}"


def _heads(conn: Connection, table: Any) -> dict[str, tuple[int, str]]:
    """``{chain: (seq, hash)}`` of ``audit_heads`` or ``verified_heads``, read whole at once (100,000 rows)."""
    rows = conn.execute(select(table.c.chain, table.c.seq, table.c.hash)).all()
    return {chain: (seq, h) for chain, seq, h in rows}


def heads_digest(heads: dict[str, tuple[int, str]]) -> str:
    """SHA-256 over every chain's head (``chain seq hash``, one a line, in the order of chains)."""
    lines = "".join(f"{chain} {heads[chain][0]} {heads[chain][1]}\n" for chain in sorted(heads))
    return hashlib.sha256(lines.encode()).hexdigest()


def trust_digest(keys: dict[str, signing.TrustedKey]) -> str:
    """SHA-256 over the trust list (each key with its revocation, if any)."""
    return hashlib.sha256(audit_mod.canonical([keys[k].to_dict() for k in sorted(keys)]).encode("utf-8")).hexdigest()


def last_checkpoint(conn: Connection) -> Checkpoint | None:
    row = conn.execute(select(verify_checkpoints).order_by(verify_checkpoints.c.id.desc()).limit(1)).mappings().first()
    return Checkpoint.from_dict(row) if row is not None else None


def _checkpoint_problem(cp: Checkpoint, keys: dict[str, signing.TrustedKey], accounts: bool) -> tuple[str | None, str | None]:
    """(a problem, a reason to check everything) with the checkpoint itself."""
    if cp.signer is None and cp.signature is None:
        return None, (f"the checkpoint {cp.words} is not signed (nobody was signed in)" if accounts else None)
    key = keys.get(cp.signer) if isinstance(cp.signer, str) else None
    if key is None:
        return (f"the checkpoint {cp.words} is signed by the key {str(cp.signer)[:12]}..., which is not on the trust "
                "list (altered)"), None
    if not signing.Verifier().verify(key.public_key, str(cp.signature), signing.CHECKPOINT_LABEL, cp.body()):
        return (f"the checkpoint {cp.words} does not match its signature (altered after it was made)"), None
    if key.owner_kind != signing.KeyKind.EXAMINER or key.owner != cp.actor:
        return f"the checkpoint {cp.words} is signed with the key of {key.owner}", None
    if key.revoked:
        return None, f"the checkpoint {cp.words} is signed by a key revoked since"
    return None, None


def since_last(conn: Connection, *, threads: int | None = None) -> Findings:
    """What changed since the last checkpoint checked (see the module's note), or everything (:func:`full`) when
    there is no checkpoint to start from or it cannot be used; ``note`` says why, ``problems`` what is wrong."""

    cp = last_checkpoint(conn)
    if cp is None:
        return _full_because(conn, threads, "no verify has left a checkpoint yet")
    # The costliest query (a lookup of each verified head's entry) runs on a connection of its own meanwhile: an
    # entry once written never changes, so its answer does not depend on the snapshot it reads.
    url = conn.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):  # no second connection to it
        here: Future[list[Any]] = Future()
        here.set_result(_rewritten_heads(conn))
        return _since(conn, cp, here, threads)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="docexam-verify") as aside:
        rewritten = aside.submit(_rewritten_elsewhere, conn.engine)
        return _since(conn, cp, rewritten, threads)


def _rewritten_heads(conn: Connection) -> list[Any]:
    """Each verified head whose entry no longer holds the hash it was verified with (or is gone)."""
    return list(conn.execute(
        select(verified_heads.c.chain, verified_heads.c.seq, audit.c.hash)
        .select_from(verified_heads.outerjoin(audit, and_(audit.c.chain == verified_heads.c.chain,
                                                           audit.c.seq == verified_heads.c.seq)))
        .where(or_(audit.c.hash.is_(None), audit.c.hash != verified_heads.c.hash))).all())


def _rewritten_elsewhere(engine: Any) -> list[Any]:
    with engine.connect() as conn:
        return _rewritten_heads(conn)


def _since(conn: Connection, cp: Checkpoint, rewritten: Future[list[Any]], threads: int | None) -> Findings:
    from docexam.store.accounts import has_accounts

    keys = trust_list(conn)
    problem, reason = _checkpoint_problem(cp, keys, has_accounts(conn))
    if problem is not None:
        return _full_because(conn, threads, None, problem)
    if reason is not None:
        return _full_because(conn, threads, reason)
    if trust_digest(keys) != cp.trust:
        return _full_because(conn, threads, f"the trust list changed since {cp.words} (a key added or revoked)")
    verified = _heads(conn, verified_heads)
    if len(verified) != cp.chains or heads_digest(verified) != cp.heads:
        return _full_because(conn, threads, None, f"the chain heads {cp.words} recorded were altered (they no longer "
                             "match its checkpoint)")
    # counted as all entries less those after the mark: a count with no condition reads an index, not the table
    below = ((conn.execute(select(func.count()).select_from(audit)).scalar() or 0)
             - (conn.execute(select(func.count()).select_from(audit).where(audit.c.id > cp.last_row)).scalar() or 0))
    if below != cp.entries:
        return _full_because(conn, threads, f"the audit trail holds {below} entries up to the mark {cp.words} left, "
                             f"where it checked {cp.entries} (entries written out of order, or removed)")
    found = Findings(mode="since-last", since=cp, trust=cp.trust, last_row=cp.last_row, entries=cp.entries)
    # The entry at each verified head still holds it: a verified entry rewritten and its chain recomputed changes it.
    moved = rewritten.result()
    for chain, seq, now in sorted(moved):
        found.problems.append(f"chain {chain}: entry {seq} is {'gone' if now is None else 'no longer the one'} "
                              f"{cp.words} checked (history rewritten since)")
    heads = _heads(conn, audit_heads)
    revoked_from = {k: cp.last_row for k, key in keys.items() if key.revoked}
    pool = SignaturePool(threads)
    grown: dict[str, tuple[int, str]] = {}
    store_new: list[audit_mod.Entry] = []
    signature_problems: list[tuple[str, int, str]] = []
    try:
        for chain, items, rows in _chains(conn, after=cp.last_row):
            found.entries += len(items)
            found.checked += len(items)
            found.last_row = max(found.last_row, max(rows))
            after = verified.get(chain)
            found.problems += audit_mod.check_chain(chain, items, heads.get(chain), after=after)
            signed_from = None
            if after is not None:
                prior = conn.execute(select(audit.c.signer).where(and_(audit.c.chain == chain,
                                                                      audit.c.seq == after[0]))).first()
                signed_from = after[0] if prior is not None and prior.signer is not None else None
            check = signing.SignatureCheck(chain, keys, revoked_from, signed_from=signed_from)
            signature_problems += [(chain, seq, p) for seq, p in check.structure(items, rows)]
            pool.add(check)
            grown[chain] = (items[-1].seq, items[-1].hash)
            if chain == audit_mod.STORE_CHAIN:
                store_new = items
        signature_problems += pool.results()
    finally:
        pool.close()
    found.problems += [p for _, _, p in sorted(signature_problems, key=lambda x: (x[0], x[1]))]
    for chain in sorted({c for c, _ in heads.items() - verified.items()} | (verified.keys() - heads.keys())):
        if chain not in grown:
            found.problems.append(f"chain {chain}: its recorded head is not the one {cp.words} checked, and nothing "
                                  "was written to it since (history rewritten or cut short)")
    pins, opened = _pins(store_new)
    for uid, pinned in pins.items():
        trail = [audit_mod.Entry(*r[1:]) for r in conn.execute(
            select(*_ENTRY_COLUMNS).where(and_(audit.c.chain == uid, audit.c.hash.in_([p[1] for p in pinned]))))]
        found.problems += [p for _, p in _pin_problems(pinned, trail)]
    found.heads = {**verified, **grown}
    found.grown = set(grown)
    found.chains = len(found.heads)
    _check_grown_cases(conn, set(grown) - {audit_mod.STORE_CHAIN}, opened, cp, found)
    if found.note is not None:  # the counts did not add up: check everything
        return _full_because(conn, threads, found.note, *found.problems)
    _check_new_images(conn, cp, found)
    return found


def _check_grown_cases(conn: Connection, grown: set[str], opened: set[str], cp: Checkpoint, found: Findings) -> None:
    """The rows of every case (and reference type) whose trail grew since ``cp`` against the state it records; the
    number of cases as ``cp`` counted them and those opened or imported since."""
    from docexam.store.library import recorded_state as reference_recorded
    from docexam.store.library import reference_rows, reference_state
    from docexam.store.store import case_rows

    found.cases = conn.execute(select(func.count()).select_from(cases)).scalar() or 0
    known = set()
    chains = sorted(grown | opened)
    for lo in range(0, len(chains), 500):
        part = chains[lo:lo + 500]
        ids = []
        for row in conn.execute(select(cases.c.id, cases.c.uid, cases.c.reference).where(cases.c.uid.in_(part))):
            known.add(row.uid)
            ids.append(row.id)
            if recorded_state(audit_mod.entries(conn, row.uid)) != state_hash(case_rows(conn, row.id)):
                found.problems.append(f"case {row.reference}: its rows differ from the state its audit trail last "
                                      "recorded (changed behind docexam's back)")
        check_evidence(conn, found, lambda sha: conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha))
                       .first() is not None, ids)
        for row in conn.execute(select(reference_types.c.id, reference_types.c.uid, reference_types.c.name)
                                .where(reference_types.c.uid.in_(part))):
            known.add(row.uid)
            if reference_recorded(audit_mod.entries(conn, row.uid)) != reference_state(reference_rows(conn, row.id)):
                found.problems.append(f"reference {row.name!r} ({row.uid}): its rows differ from the state its audit "
                                      "trail last recorded (changed behind docexam's back)")
    for uid in sorted(opened - known):
        found.problems.append(f"case {uid} was opened here but is gone from the database (deleted behind docexam's back)")
    new = len(opened & known)
    if found.cases != cp.cases + new:
        found.note = (f"the store holds {found.cases} cases where {cp.words} counted {cp.cases} and {new} were opened "
                      "or imported since (cases added or removed behind docexam's back?)")


def _check_new_images(conn: Connection, cp: Checkpoint, found: Findings) -> None:
    """The images of captures added since ``cp`` re-hashed, and present."""
    found.captures = conn.execute(select(func.count()).select_from(captures)).scalar() or 0
    found.last_capture = conn.execute(select(func.max(captures.c.id))).scalar() or 0
    found.last_reference_capture = conn.execute(select(func.max(reference_captures.c.id))).scalar() or 0
    shas: dict[str, str] = {}
    for table, after in ((captures, cp.last_capture), (reference_captures, cp.last_reference_capture)):
        for uid, sha in conn.execute(select(table.c.uid, table.c.sha256).where(table.c.id > after)):
            shas.setdefault(sha, uid)
    for sha in sorted(shas):
        row = conn.execute(select(blobs.c.size, blobs.c.data).where(blobs.c.sha256 == sha)).first()
        if row is None:
            found.problems.append(f"capture {shas[sha]} has lost its image {sha[:12]}...")
            continue
        found.blobs += 1
        data = bytes(row.data)
        if hashlib.sha256(data).hexdigest() != sha or len(data) != row.size:
            found.problems.append(f"image {sha[:12]}... does not match its SHA-256 (altered or damaged)")


def _full_because(conn: Connection, threads: int | None, note: str | None, *problems: str) -> Findings:
    found = full(conn, threads=threads)
    found.note = note
    found.problems[:0] = list(problems)
    return found


def record(engine: Any, found: Findings, *, at: str, actor: str, key: signing.SigningKey | None) -> Checkpoint:
    """Leave the checkpoint of ``found`` (a verify that found nothing wrong), signed by ``key``: ``verified_heads``
    brought up to the heads it checked, and a new row of ``verify_checkpoints``."""
    if found.problems:
        raise ValueError("a verify that found problems leaves no checkpoint")
    cp = Checkpoint(0, at, actor, found.mode, found.last_row, found.entries, len(found.heads), found.cases,
                    found.last_capture, found.last_reference_capture, heads_digest(found.heads), found.trust)
    if key is not None:
        cp = Checkpoint(**{**cp.to_dict(), "signer": key.key_id,
                           "signature": key.sign(signing.CHECKPOINT_LABEL, cp.body())})
    with engine.begin() as conn:
        if found.mode == "full" or found.since is None:
            conn.execute(delete(verified_heads))
            rows = [{"chain": c, "seq": s, "hash": h} for c, (s, h) in found.heads.items()]
        else:
            changed = sorted(found.grown)
            for lo in range(0, len(changed), 500):
                conn.execute(delete(verified_heads).where(verified_heads.c.chain.in_(changed[lo:lo + 500])))
            rows = [{"chain": c, "seq": found.heads[c][0], "hash": found.heads[c][1]} for c in changed]
        for lo in range(0, len(rows), 10_000):
            conn.execute(insert(verified_heads), rows[lo:lo + 10_000])
        values = {k: v for k, v in cp.to_dict().items() if k != "id"}
        new_id = conn.execute(insert(verify_checkpoints).values(**values)).inserted_primary_key[0]
    return Checkpoint(**{**cp.to_dict(), "id": new_id})
