"""Export bundles: cases carried from a checkpoint laptop to the centre in one zip file, checked on arrival.

A bundle is a zip of ``manifest.json`` (the cases' rows, their audit trails, the size and SHA-256 of every image)
and ``blobs/<sha256>``, each image byte for byte. Exporting appends a ``case.export`` entry to each case's trail
holding the SHA-256 of the case's rows as exported (its snapshot), so the rows, the trail and the images vouch for
one another: an edited row no longer matches the snapshot, an edited trail breaks its hash chain, an edited image
its SHA-256.

Import checks the whole bundle before it touches the database: the zip's names (only ``manifest.json`` and
``blobs/<64 hex digits>``: no ``../``, no absolute paths), its size once expanded (refused past
:data:`MAX_EXPANDED_BYTES`, counted while reading, not trusted from the headers), the manifest, every chain,
snapshot and image. Then one transaction adds what is new. Importing a bundle twice changes nothing; a bundle
whose trail continues the one already here (the same case exported again after more work) brings the new work;
a case whose history differs from the one here is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, StatementError

from docexam.errors import DocexamError
from docexam.store import audit as audit_mod
from docexam.store.schema import SCHEMA_VERSION, audit, audit_heads, blobs, captures, cases, documents, findings
from docexam.store.store import (
    _CAP_FIELDS,
    _CASE_FIELDS,
    _DOC_FIELDS,
    _FIND_FIELDS,
    Store,
    case_rows,
    now,
)
from docexam.store.store import state_hash as snapshot
from docexam.zipread import MemberDamaged, MemberTooLarge, read_member

FORMAT = "docexam-bundle"
VERSION = 1
#: Largest total size a bundle may expand to.
MAX_EXPANDED_BYTES = 2 * 1024**3
#: Largest manifest.
MAX_MANIFEST_BYTES = 256 * 1024**2
_BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")

class BundleError(DocexamError, ValueError):
    """A bundle was refused; the message says why. The database was not changed."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"bundle {self.path} refused: {reason}; nothing was imported")


@dataclass
class ExportReport:
    path: Path
    cases: list[str]
    images: int
    bytes: int


@dataclass
class ImportReport:
    path: Path
    added: list[str] = field(default_factory=list)  # references of cases new here
    updated: list[str] = field(default_factory=list)  # cases whose trail the bundle continued
    unchanged: list[str] = field(default_factory=list)  # already here, as in the bundle (or newer here)
    images: int = 0  # images new here


# --- export ------------------------------------------------------------------------------------------------------


def export_cases(store: Store, idents: list[int | str], out: str | os.PathLike) -> ExportReport:
    """Write the cases ``idents`` (ids, references or uids) to the bundle ``out``, written whole or not at all."""
    out = Path(out)
    if not idents:
        raise ValueError("name at least one case to export")
    at = now()
    entries = []
    tmp = None
    try:
        with store.engine.begin() as conn:
            rows = [store._writable(conn, i) for i in idents]  # never vouch for rows changed behind our back
            seen = set()
            for row in rows:
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                conn.execute(update(cases).where(cases.c.id == row["id"]).values(updated_at=at))
                entry = case_rows(conn, row["id"])
                audit_mod.append(conn, row["uid"], at=at, actor=store.actor, action="case.export",
                                 detail={"snapshot": snapshot(entry), "bundle": out.name, "by": store.origin})
                entry["audit"] = [e.to_dict() for e in audit_mod.entries(conn, row["uid"])]
                entries.append(entry)
            shas = sorted({c["sha256"] for e in entries for c in e["captures"]})
            manifest = {"format": FORMAT, "version": VERSION, "schema": SCHEMA_VERSION, "created_at": at,
                        "origin": store.origin, "exported_by": store.actor,
                        "blobs": {}, "cases": entries}
            out.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
            os.close(fd)
            total = 0
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
                for sha in shas:  # images are compressed already; stored as they are
                    data = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == sha)).scalar_one()
                    manifest["blobs"][sha] = len(data)
                    total += len(data)
                    z.writestr(f"blobs/{sha}", bytes(data))
                z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1), compress_type=zipfile.ZIP_DEFLATED)
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        # The export entries are committed; only now may the bundle appear (whole). A bundle carrying an entry
        # this database lacks would fork the case's history from the next change made here.
        os.replace(tmp, out)
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return ExportReport(out, [e["case"]["reference"] for e in entries], len(shas), out.stat().st_size)


# --- import ------------------------------------------------------------------------------------------------------


def _read_bundle(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and images of a bundle, every check done, or BundleError."""
    if not path.is_file():
        raise BundleError(path, "no such file")
    if not zipfile.is_zipfile(path):
        raise BundleError(path, "not a zip file (damaged, truncated, or not a docexam bundle)")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise BundleError(path, f"the zip cannot be read ({e})") from e
    with z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise BundleError(path, "the zip holds two entries with the same name")
        for name in names:
            if name != "manifest.json" and not _BLOB_NAME.match(name):
                raise BundleError(path, f"unexpected entry {name!r} (a bundle holds manifest.json and blobs/<sha256> only)")
        if "manifest.json" not in names:
            raise BundleError(path, "no manifest.json")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_EXPANDED_BYTES:
            raise BundleError(path, f"it would expand to {declared:,} bytes, more than the {MAX_EXPANDED_BYTES:,} allowed")
        budget = MAX_EXPANDED_BYTES

        def read(info: zipfile.ZipInfo, limit: int) -> bytes:
            nonlocal budget
            try:
                data = read_member(z, info, min(limit, budget))  # counted as it expands: headers can lie
            except MemberTooLarge:
                raise BundleError(path, f"{info.filename} expands past the size allowed (zip bomb?)") from None
            except MemberDamaged as e:
                raise BundleError(path, f"{info.filename} is damaged or truncated ({e})") from e
            budget -= len(data)
            return data

        raw = read(z.getinfo("manifest.json"), MAX_MANIFEST_BYTES)
        try:
            manifest = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise BundleError(path, f"manifest.json is not valid JSON ({e})") from e
        _check_manifest(path, manifest)
        images = {}
        for info in infos:
            if info.filename == "manifest.json":
                continue
            sha = info.filename[len("blobs/"):]
            if sha not in manifest["blobs"]:
                raise BundleError(path, f"image {sha[:12]}... is not listed in the manifest")
            data = read(info, manifest["blobs"][sha])
            if len(data) != manifest["blobs"][sha] or hashlib.sha256(data).hexdigest() != sha:
                raise BundleError(path, f"image {sha[:12]}... does not match its SHA-256 (altered or damaged)")
            images[sha] = data
    missing = set(manifest["blobs"]) - set(images)
    if missing:
        raise BundleError(path, f"{len(missing)} image(s) listed in the manifest are missing from the zip")
    return manifest, images


def _check_manifest(path: Path, m: Any) -> None:
    def need(cond: bool, what: str) -> None:
        if not cond:
            raise BundleError(path, f"manifest.json: {what}")

    need(isinstance(m, dict) and m.get("format") == FORMAT, "not a docexam bundle manifest")
    need(m.get("version") == VERSION, f"bundle version {m.get('version')!r}; this docexam reads version {VERSION}")
    need(isinstance(m.get("schema"), int) and m["schema"] <= SCHEMA_VERSION,
         f"made by a newer docexam (schema {m.get('schema')!r}); update docexam here first")
    need(isinstance(m.get("blobs"), dict) and all(isinstance(k, str) and re.fullmatch(r"[0-9a-f]{64}", k)
                                                   and isinstance(v, int) and v >= 0 for k, v in m["blobs"].items()),
         "the image list is malformed")
    need(isinstance(m.get("origin"), str), "no origin (the database it was exported from)")
    need(isinstance(m.get("cases"), list) and m["cases"], "no cases")
    for e in m["cases"]:
        need(isinstance(e, dict) and all(isinstance(e.get(k), list) for k in ("documents", "captures", "findings", "audit"))
             and isinstance(e.get("case"), dict), "a case entry is malformed")
        case = e["case"]
        need(all(k in case for k in _CASE_FIELDS) and isinstance(case["uid"], str), "a case row lacks fields")
        ref = case["reference"]
        need(all(isinstance(d, dict) and all(k in d for k in _DOC_FIELDS) for d in e["documents"]), f"case {ref}: a document row lacks fields")
        doc_uids = {d["uid"] for d in e["documents"]}
        for c in e["captures"]:
            need(isinstance(c, dict) and all(k in c for k in _CAP_FIELDS) and c.get("document") in doc_uids,
                 f"case {ref}: a capture row is malformed")
            need(c["sha256"] in m["blobs"], f"case {ref}: capture {c['uid']} has no image in the bundle")
        cap_uids = {c["uid"] for c in e["captures"]}
        for f in e["findings"]:
            need(isinstance(f, dict) and all(k in f for k in _FIND_FIELDS) and f.get("document") in doc_uids | {None}
                 and f.get("capture") in cap_uids | {None}, f"case {ref}: a finding row is malformed")
        rows = [case, *e["documents"], *e["captures"], *e["findings"]]
        need(all(v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool)) for r in rows for v in r.values()),
             f"case {ref}: a row holds a value that is neither text nor a number")
        try:
            trail = [audit_mod.Entry(**x) for x in e["audit"]]
        except TypeError as err:
            raise BundleError(path, f"case {ref}: an audit entry is malformed ({err})") from None
        problems = audit_mod.check_chain(case["uid"], trail, None)
        need(not problems, f"case {ref}: its audit trail does not hold ({problems[0] if problems else ''})")
        need(trail and trail[-1].action == "case.export", f"case {ref}: the trail does not end with its export")
        try:
            recorded = json.loads(trail[-1].detail)["snapshot"]
        except (ValueError, KeyError, TypeError):
            recorded = None
        need(recorded == snapshot(e), f"case {ref}: its rows differ from what its export recorded (edited after export)")


def import_bundle(store: Store, path: str | os.PathLike) -> ImportReport:
    """Check the bundle at ``path`` whole, then add its cases in one transaction."""
    path = Path(path)
    manifest, images = _read_bundle(path)
    try:
        return _import(store, path, manifest, images)
    except (StatementError, DBAPIError) as e:  # rows whose values this database refuses (types, lengths)
        reason = getattr(e, "orig", None) or e
        raise BundleError(path, f"its rows do not fit this database ({str(reason).splitlines()[0]})") from e


def _import(store: Store, path: Path, manifest: dict[str, Any], images: dict[str, bytes]) -> ImportReport:
    report = ImportReport(path)
    at = now()
    with store.engine.begin() as conn:
        plans = []
        for e in manifest["cases"]:
            uid, ref = e["case"]["uid"], e["case"]["reference"]
            trail = [audit_mod.Entry(**x) for x in e["audit"]]
            local = audit_mod.entries(conn, uid)
            exists = conn.execute(select(cases.c.id).where(cases.c.uid == uid)).scalar()
            if exists is None and local:
                raise BundleError(path, f"case {ref}: this database has a trail for it but not the case (run `docexam case verify`)")
            if exists is not None:
                n = min(len(local), len(trail))
                if [x.hash for x in local[:n]] != [x.hash for x in trail[:n]]:
                    raise BundleError(path, f"case {ref} is already here with a different history "
                                            f"(here {len(local)} trail entries, in the bundle {len(trail)})")
                if len(trail) <= len(local):
                    report.unchanged.append(ref)
                    continue
            elif conn.execute(select(cases.c.id).where(cases.c.reference == ref)).first() is not None:
                raise BundleError(path, f"another case here has the reference {ref}")
            plans.append((e, trail, local, exists))
        for sha, data in images.items():
            if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first() is None:
                conn.execute(insert(blobs).values(sha256=sha, size=len(data), data=data))
                report.images += 1
        for e, trail, local, case_id in plans:
            _apply(conn, e, trail, local, case_id)
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=store.actor,
                             action="case.import" if case_id is None else "case.update",
                             detail={"case": e["case"]["uid"], "reference": e["case"]["reference"],
                                     "bundle": path.name, "from": manifest["origin"], "head": trail[-1].hash})
            (report.added if case_id is None else report.updated).append(e["case"]["reference"])
    return report


def _apply(conn: Connection, e: dict[str, Any], trail: list, local: list, case_id: int | None) -> None:
    """Write one case's rows as the bundle has them, and the trail entries this database lacks."""
    row = dict(e["case"])
    if case_id is None:
        case_id = conn.execute(insert(cases).values(**row)).inserted_primary_key[0]
    else:
        conn.execute(update(cases).where(cases.c.id == case_id).values(**row))
        # Rows are the bundle's from here on: its trail continues ours, so it holds everything done here too.
        conn.execute(delete(findings).where(findings.c.case_id == case_id))
        doc_ids = [r[0] for r in conn.execute(select(documents.c.id).where(documents.c.case_id == case_id))]
        if doc_ids:
            conn.execute(delete(captures).where(captures.c.document_id.in_(doc_ids)))
        conn.execute(delete(documents).where(documents.c.case_id == case_id))
    doc_ids = {}
    for d in e["documents"]:
        doc_ids[d["uid"]] = conn.execute(insert(documents).values(**d, case_id=case_id)).inserted_primary_key[0]
    cap_ids = {}
    for c in e["captures"]:
        values = {k: c[k] for k in _CAP_FIELDS}
        cap_ids[c["uid"]] = conn.execute(insert(captures).values(**values, document_id=doc_ids[c["document"]])).inserted_primary_key[0]
    for f in e["findings"]:
        values = {k: f[k] for k in _FIND_FIELDS}
        conn.execute(insert(findings).values(**values, case_id=case_id, document_id=doc_ids.get(f["document"]),
                                             capture_id=cap_ids.get(f["capture"])))
    uid = row["uid"]
    for x in trail[len(local):]:
        conn.execute(insert(audit).values(**x.to_dict()))
    if local:
        conn.execute(update(audit_heads).where(audit_heads.c.chain == uid).values(seq=trail[-1].seq, hash=trail[-1].hash))
    else:
        conn.execute(insert(audit_heads).values(chain=uid, seq=trail[-1].seq, hash=trail[-1].hash))
