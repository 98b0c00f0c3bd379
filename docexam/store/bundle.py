"""Export bundles: cases carried from a checkpoint laptop to the centre in one zip file, checked on arrival.

A bundle is a zip of ``manifest.json`` (the cases' rows, their audit trails, the size and SHA-256 of every image)
and ``blobs/<sha256>``, each image byte for byte (the captures' and the findings' evidence crops). Exporting appends a ``case.export`` entry to each case's trail
holding the SHA-256 of the case's rows as exported (its snapshot), so the rows, the trail and the images vouch for
one another: an edited row no longer matches the snapshot, an edited trail breaks its hash chain, an edited image
its SHA-256.

Import checks the whole bundle before it touches the database: the zip's names (only ``manifest.json`` and
``blobs/<64 hex digits>``: no ``../``, no absolute paths), its size once expanded (refused past
:data:`MAX_EXPANDED_BYTES`, counted while reading, not trusted from the headers), the manifest (at most
:data:`MAX_MANIFEST_BYTES`), every row against the schema's types, every chain, snapshot and image (each at most
:data:`MAX_IMAGE_BYTES`, what a capture may be, and used by a capture or named as a finding's evidence: nothing else
is stored). Then one
transaction adds what is new, reading the images again one at a time. Importing a bundle twice changes nothing; a
bundle whose trail continues the one already here (the same case exported again after more work) brings the new
work, unless the case here fails verification (the rows replaced would take the evidence with them); a case whose
history differs from the one here is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, Float, Integer, String, Table, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, StatementError

from docexam import jsonsafe
from docexam.errors import DocexamError, UntrustedInputError
from docexam.i18n import N_, _
from docexam.lights import Light
from docexam.store import audit as audit_mod
from docexam.store import trust
from docexam.store.accounts import Permission
from docexam.store.schema import SCHEMA_VERSION, CaseStatus, FindingSource, audit, audit_heads, blobs, captures, cases, documents, findings
from docexam.store.store import (
    _CAP_FIELDS,
    _CASE_FIELDS,
    _DOC_FIELDS,
    _FIND_FIELDS,
    MAX_CAPTURE_BYTES,
    Store,
    case_rows,
    evidence_shas,
    now,
    recorded_state,
)
from docexam.store.store import state_hash as snapshot
from docexam.verdicts import Verdict
from docexam.zipread import MemberDamaged, MemberTooLarge, read_member

FORMAT = "docexam-bundle"
VERSION = 1
#: Largest total size a bundle may expand to.
MAX_EXPANDED_BYTES = 2 * 1024**3
#: Largest manifest (about 3,000 cases with their comparisons and trails; a case's entry is a few kB to ~20 kB).
MAX_MANIFEST_BYTES = 64 * 1024**2
#: Largest image a bundle may carry: what a capture may be (docexam.store.store.MAX_CAPTURE_BYTES).
MAX_IMAGE_BYTES = MAX_CAPTURE_BYTES
_BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")

class BundleError(DocexamError, ValueError):
    """A bundle was refused; the message says why. The database was not changed."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(_("bundle {path} refused: {reason}; nothing was imported").format(path=self.path, reason=reason))


class UntrustedBundleError(BundleError):
    """A bundle was refused for who signed it, or did not: unsigned where signatures are required, signed by a key
    that is not trusted or is revoked, a signature that does not match, a replay (docexam.store.trust)."""


class ExportError(DocexamError, ValueError):
    """A bundle cannot be written where it was asked to be; nothing was exported."""


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
    """Write the cases ``idents`` (ids, references or uids) to the bundle ``out``, written whole or not at all: the
    cases' ``case.export`` entries are committed exactly when the bundle is in place."""
    out = Path(out)
    if not idents:
        raise ValueError("name at least one case to export")
    if out.is_dir() or str(out).endswith(("/", os.sep)):
        raise ExportError(_("{out} is a folder; give the bundle's file name, e.g. {example}").format(
            out=out, example=out / 'cases.dxb'))

    entries, images = write_bundle(store, out, idents, fmt=FORMAT, version=VERSION, key="cases",
                                   writable=lambda conn, i: store._writable(conn, i, allow_issued=True), table=cases, rows_of=case_rows, state_of=snapshot,
                                   action="case.export")
    return ExportReport(out, [e["case"]["reference"] for e in entries], images, out.stat().st_size)


def entry_images(entry: dict[str, Any]) -> set[str]:
    """The SHA-256 of every image a bundle's entry carries: its captures' and its findings' evidence (a reference
    bundle's entries have captures only)."""
    shas = {c["sha256"] for c in entry["captures"]}
    for f in entry.get("findings") or ():
        shas.update(evidence_shas(f.get("detail")) if isinstance(f, dict) else ())
    return shas


def write_bundle(store: Store, out: Path, idents: list[int | str], *, fmt: str, version: int, key: str,
                 writable: Callable[[Connection, int | str], dict[str, Any]], table: Table,
                 rows_of: Callable[[Connection, int], dict[str, Any]], state_of: Callable[[dict[str, Any]], str],
                 action: str) -> tuple[list[dict[str, Any]], int]:
    """Write the bundle ``out`` (format ``fmt``, case and reference bundles alike) whole or not at all: the rows of
    each of ``idents`` (``writable`` finds one in ``table``, ``rows_of`` reads its rows, listed under ``key``), their
    trails, each ended by an ``action`` entry recording their snapshot (``state_of``), and their captures' images.
    The export entries are committed exactly when the bundle is in place. Returns the entries and the number of
    images written."""
    at = now()
    tmp = previous = None
    placed = False
    with store.engine.connect() as conn:
        tx = conn.begin()
        try:
            rows = [writable(conn, i) for i in idents]  # never vouch for rows changed behind our back
            entries = []
            seen = set()
            for row in rows:
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                conn.execute(update(table).where(table.c.id == row["id"]).values(updated_at=at))
                entry = rows_of(conn, row["id"])
                audit_mod.append(conn, row["uid"], at=at, actor=store.actor, action=action,
                                 detail={"snapshot": state_of(entry), "bundle": out.name, "by": store.origin},
                                 signer=store.signer)
                entry["audit"] = [e.to_dict() for e in audit_mod.entries(conn, row["uid"])]
                entries.append(entry)
            shas = sorted(set().union(*(entry_images(e) for e in entries)))
            manifest: dict[str, Any] = {"format": fmt, "version": version, "schema": SCHEMA_VERSION, "created_at": at,
                                        "origin": store.origin, "exported_by": store.actor,
                                        "blobs": {}, key: entries}
            try:
                station = trust.station_signer(store, conn)
            except trust.TrustError as e:
                raise ExportError(str(e)) from None
            if station is not None:  # the keys of everyone who signed its trails, vouched for by the station
                manifest["keys"] = trust.vouched_keys(conn, [e["audit"] for e in entries], station)
            out.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
            os.close(fd)
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
                for sha in shas:  # images are compressed already; stored as they are
                    data = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == sha)).scalar_one()
                    manifest["blobs"][sha] = len(data)
                    z.writestr(f"blobs/{sha}", bytes(data))
                z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1), compress_type=zipfile.ZIP_DEFLATED)
                if station is not None:  # over the whole manifest, its image list filled in
                    z.writestr(trust.SIGNATURE_MEMBER, trust.dumps(trust.signature_document(manifest, station)))
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            # The bundle takes its place as the last step before the commit, so that a bundle that cannot be put
            # there (a folder of that name, a full or read-only disk) leaves no export entry behind. Should the
            # commit then fail, the bundle goes again, and a file it replaced comes back: a bundle carrying an entry
            # this database lacks would fork the case's history from the next change made here.
            if out.exists():  # set aside (renamed: works on every file system a bundle is carried on)
                previous = Path(tmp).with_suffix(".previous")
                os.replace(out, previous)
            os.replace(tmp, out)
            tmp, placed = None, True
            tx.commit()
        except BaseException:
            tx.rollback()  # also after a commit that failed part-way (a no-op when nothing is left to undo)
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            if placed:
                out.unlink(missing_ok=True)
            if previous is not None and previous.exists():
                os.replace(previous, out)
            previous = None
            raise
        finally:
            if previous is not None:
                previous.unlink(missing_ok=True)
    return entries, len(shas)


# --- import ------------------------------------------------------------------------------------------------------


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BundleError(path, _("no such file"))
    if not zipfile.is_zipfile(path):
        raise BundleError(path, _("not a zip file (damaged, truncated, or not a docexam bundle)"))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise BundleError(path, _("the zip cannot be read ({error})").format(error=e)) from e


def _read_image(path: Path, z: zipfile.ZipFile, sha: str, size: int, limit: int) -> bytes:
    """The image ``blobs/<sha>``, read bounded by ``limit`` and checked against its listed size and SHA-256."""
    name = f"blobs/{sha}"
    try:
        data = read_member(z, name, limit)  # counted as it expands: headers can lie
    except KeyError:
        raise BundleError(path, _("image {sha}... is missing from the zip").format(sha=sha[:12])) from None
    except MemberTooLarge:
        raise BundleError(path, _("{name} expands past the size allowed (zip bomb?)").format(name=name)) from None
    except MemberDamaged as e:
        raise BundleError(path, _("{name} is damaged or truncated ({error})").format(name=name, error=e)) from e
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
        raise BundleError(path, _("image {sha}... does not match its SHA-256 (altered or damaged)").format(sha=sha[:12]))
    return data


def _check_image(path: Path, z: zipfile.ZipFile, sha: str, size: int, limit: int) -> int:
    """:func:`_read_image` without keeping the bytes: hashed as they expand, a megabyte at a time. Returns the size."""
    name = f"blobs/{sha}"
    h, n = hashlib.sha256(), 0
    try:
        with z.open(name) as f:
            while chunk := f.read(1 << 20):
                n += len(chunk)
                if n > limit:
                    raise BundleError(path, _("{name} expands past the size allowed (zip bomb?)").format(name=name))
                h.update(chunk)
    except KeyError:
        raise BundleError(path, _("image {sha}... is missing from the zip").format(sha=sha[:12])) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error) as e:
        raise BundleError(path, _("{name} is damaged or truncated ({error})").format(name=name, error=e)) from e
    if n != size or h.hexdigest() != sha:
        raise BundleError(path, _("image {sha}... does not match its SHA-256 (altered or damaged)").format(sha=sha[:12]))
    return n


def _read_bundle(path: Path) -> dict[str, Any]:
    """The manifest of a case bundle, every check done, or BundleError."""
    return read_bundle(path, key="cases", check_manifest=_check_manifest)


def read_bundle(path: Path, *, key: str, check_manifest: Callable[[Path, Any], None]) -> dict[str, Any]:
    """The manifest of a bundle whose entries are under ``key`` (case and reference bundles alike), every check
    done (the zip's names and sizes, ``check_manifest``, its images read and hashed one at a time, not kept), or
    BundleError."""
    with _open_zip(path) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise BundleError(path, _("the zip holds two entries with the same name"))
        for name in names:
            if name not in ("manifest.json", trust.SIGNATURE_MEMBER) and not _BLOB_NAME.match(name):
                raise BundleError(path, _("unexpected entry {name} (a bundle holds manifest.json, {signature} and "
                                          "blobs/<sha256> only)").format(name=repr(name),
                                                                         signature=trust.SIGNATURE_MEMBER))
        if "manifest.json" not in names:
            raise BundleError(path, _("no manifest.json"))
        declared = sum(i.file_size for i in infos)
        if declared > MAX_EXPANDED_BYTES:
            raise BundleError(path, _("it would expand to {size:,} bytes, more than the {limit:,} allowed").format(
                size=declared, limit=MAX_EXPANDED_BYTES))
        budget = MAX_EXPANDED_BYTES
        try:
            raw = read_member(z, "manifest.json", min(MAX_MANIFEST_BYTES, budget))
        except MemberTooLarge:
            raise BundleError(path, _("manifest.json expands past the size allowed ({limit:,} bytes; zip bomb?)").format(
                limit=min(MAX_MANIFEST_BYTES, budget))) from None
        except MemberDamaged as e:
            raise BundleError(path, _("manifest.json is damaged or truncated ({error})").format(error=e)) from e
        budget -= len(raw)
        try:
            manifest = jsonsafe.loads(raw, source="manifest.json")
        except UntrustedInputError as e:
            raise BundleError(path, f"manifest.json {e.reason}") from None
        del raw
        check_manifest(path, manifest)
        for info in infos:
            if info.filename in ("manifest.json", trust.SIGNATURE_MEMBER):
                continue
            sha = info.filename[len("blobs/"):]
            if sha not in manifest["blobs"]:
                raise BundleError(path, _("image {sha}... is not listed in the manifest").format(sha=sha[:12]))
            size = manifest["blobs"][sha]
            budget -= _check_image(path, z, sha, size, min(size, budget))
    missing = set(manifest["blobs"]) - {n[len("blobs/"):] for n in names if n.startswith("blobs/")}
    if missing:
        raise BundleError(path, _("{n} image(s) listed in the manifest are missing from the zip").format(n=len(missing)))
    used = set().union(*(entry_images(e) for e in manifest[key]))
    for sha in sorted(set(manifest["blobs"]) - used):
        raise BundleError(path, _("image {sha}... is listed in the manifest but no capture in it uses it, nor is it a "
                                  "finding's evidence (a bundle carries its captures' images and its findings' "
                                  "evidence only)").format(sha=sha[:12]))
    checked: dict[str, Any] = manifest  # check_manifest found it an object
    return checked


#: What each column of the tables a bundle writes may hold, beyond its SQL type (see _check_row).
_CHOICES = {
    ("cases", "status"): {v.value for v in CaseStatus},
    ("cases", "verdict"): {v.value for v in Verdict},
    ("captures", "light"): {v.value for v in Light},
    ("findings", "source"): {v.value for v in FindingSource},
}
_TIMES = {"created_at", "updated_at", "captured_at", "at"}
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")
#: The largest integer every database docexam runs on keeps in an Integer column (PostgreSQL's integer).
_INT_MAX = 2**31 - 1


def _is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _json_text(value: str) -> tuple[bool, Any]:
    try:
        return True, jsonsafe.loads(value, source="a row")
    except UntrustedInputError:
        return False, None


def _check_row(table: Table, row: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    """What is wrong with a bundle's ``row`` for ``table`` (its ``fields``), by the schema's types, lengths and
    nullability and by what docexam writes in each column; None when it may be written as it is."""
    for name in fields:
        col = table.c[name]
        value = row[name]
        where = f"{name}={value!r}" if len(repr(value)) <= 60 else f"{name} ({type(value).__name__})"
        if value is None:
            if not col.nullable:
                return f"{where}: a value is required"
            continue
        if isinstance(col.type, Integer):
            if isinstance(value, bool) or not isinstance(value, int) or not -_INT_MAX - 1 <= value <= _INT_MAX:
                return f"{where}: not a whole number a database column holds"
        elif isinstance(col.type, Float):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                return f"{where}: not a finite number"
        elif isinstance(col.type, String):  # Text too
            if not isinstance(value, str):
                return f"{where}: not text"
            if col.type.length is not None and len(value) > col.type.length:
                return f"{name}: longer than the {col.type.length} characters it may be"
            if "\x00" in value:
                return f"{name}: holds a NUL character"
        choices = _CHOICES.get((table.name, name))
        if choices is not None and value not in choices:
            return f"{where}: not one of {', '.join(sorted(choices))}"
        if name in _TIMES:
            try:
                dt.datetime.fromisoformat(value)
            except ValueError:
                return f"{where}: not an ISO 8601 time"
        if name == "uid" and not _is_uuid(value):
            return f"{where}: not a UUID"
        if name in ("sha256", "prev_hash", "hash", "signer") and not _HEX64.fullmatch(value):
            return f"{where}: not a SHA-256 in hex"
        if name == "signature" and not _HEX128.fullmatch(value):
            return f"{where}: not an Ed25519 signature in hex"
    if table is findings:
        ok, detail = _json_text(row["detail"])
        if not ok or not isinstance(detail, dict):
            return "detail: not a JSON object"
        if row["region"] is not None:
            ok, region = _json_text(row["region"])
            if not ok or not (isinstance(region, list) and len(region) == 4 and all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in region)):
                return "region: not a JSON list of four numbers [x, y, w, h]"
    if table is captures:
        for name in ("size", "width", "height"):
            if row[name] is not None and row[name] < (0 if name == "size" else 1):
                return f"{name}={row[name]!r}: out of range"
    if table is audit:
        ok, detail = _json_text(row["detail"])
        if not ok:
            return "detail: not JSON"
    return None


def check_images_and_origin(need: Callable[[bool, str], None], m: dict[str, Any]) -> None:
    """Check a manifest's image list (SHA-256 to size, each at most a capture's limit) and its origin with ``need``
    (case and reference bundles alike)."""
    need(isinstance(m.get("blobs"), dict) and all(isinstance(k, str) and _HEX64.fullmatch(k)
                                                   and isinstance(v, int) and not isinstance(v, bool) and v >= 0
                                                   for k, v in m["blobs"].items()),
         "the image list is malformed")
    for sha, size in m["blobs"].items():
        need(size <= MAX_IMAGE_BYTES, f"image {sha[:12]}... is {size:,} bytes, more than the {MAX_IMAGE_BYTES:,} a "
                                      "capture may be")
    need(isinstance(m.get("origin"), str), "no origin (the database it was exported from)")


def _check_manifest(path: Path, m: Any) -> None:
    def need(cond: bool, what: str) -> None:
        if not cond:
            raise BundleError(path, f"manifest.json: {what}")

    need(isinstance(m, dict) and m.get("format") == FORMAT, "not a docexam bundle manifest")
    need(m.get("version") == VERSION, f"bundle version {m.get('version')!r}; this docexam reads version {VERSION}")
    need(isinstance(m.get("schema"), int) and m["schema"] <= SCHEMA_VERSION,
         f"made by a newer docexam (schema {m.get('schema')!r}); update docexam here first")
    check_images_and_origin(need, m)
    need(isinstance(m.get("cases"), list) and m["cases"], "no cases")
    uids: set[str] = set()
    for e in m["cases"]:
        need(isinstance(e, dict) and all(isinstance(e.get(k), list) for k in ("documents", "captures", "findings", "audit"))
             and isinstance(e.get("case"), dict), "a case entry is malformed")
        case = e["case"]
        need(all(k in case for k in _CASE_FIELDS) and isinstance(case["uid"], str), "a case row lacks fields")
        ref = case["reference"]
        need(case["uid"] != audit_mod.STORE_CHAIN and _is_uuid(case["uid"]),
             f"case {ref!r}: its uid {case['uid']!r} is not a UUID (docexam makes every case's uid one; "
             f"{audit_mod.STORE_CHAIN!r} names the store's own trail)")
        need(case["uid"] not in uids, f"case {ref!r} is in the bundle twice")
        uids.add(case["uid"])
        need(all(isinstance(d, dict) and all(k in d for k in _DOC_FIELDS) for d in e["documents"]), f"case {ref}: a document row lacks fields")
        doc_uids = {d["uid"] for d in e["documents"]}
        for c in e["captures"]:
            need(isinstance(c, dict) and all(k in c for k in _CAP_FIELDS) and c.get("document") in doc_uids,
                 f"case {ref}: a capture row is malformed")
            need(isinstance(c["sha256"], str) and c["sha256"] in m["blobs"],
                 f"case {ref}: capture {c['uid']} has no image in the bundle")
            need(c["size"] == m["blobs"][c["sha256"]], f"case {ref}: capture {c['uid']}'s size is not its image's")
        cap_uids = {c["uid"] for c in e["captures"]}
        for f in e["findings"]:
            need(isinstance(f, dict) and all(k in f for k in _FIND_FIELDS) and f.get("document") in doc_uids | {None}
                 and f.get("capture") in cap_uids | {None}, f"case {ref}: a finding row is malformed")
            need(all(sha in m["blobs"] for sha in evidence_shas(f["detail"])),
                 f"case {ref}: finding {f['uid']} has an evidence image missing from the bundle")
        rows = [case, *e["documents"], *e["captures"], *e["findings"]]
        need(all(v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool)) for r in rows for v in r.values()),
             f"case {ref}: a row holds a value that is neither text nor a number")
        # Every row as the schema types it, before anything is written: a row docexam could not show or report
        # (a finding's detail that is not JSON, a size in words) must not reach the database.
        for table, fields, items in ((cases, _CASE_FIELDS, [case]), (documents, _DOC_FIELDS, e["documents"]),
                                     (captures, _CAP_FIELDS, e["captures"]), (findings, _FIND_FIELDS, e["findings"])):
            for r in items:
                wrong = _check_row(table, r, fields)
                need(wrong is None, f"case {ref}: a {table.name[:-1]} row does not fit the schema ({wrong})")
        check_trail(path, f"case {ref}", case["uid"], e["audit"], action="case.export", state=snapshot(e))


def check_trail(path: Path, what: str, uid: str, entries: Any, *, action: str, state: str) -> None:
    """Check the audit trail ``entries`` a bundle carries for ``what`` (chain ``uid``): each entry fits the schema,
    the chain holds, and it ends with the export (``action``) that recorded ``state`` as the rows' snapshot; or
    BundleError (case and reference bundles alike)."""
    def need(cond: bool, problem: str) -> None:
        if not cond:
            raise BundleError(path, f"manifest.json: {what}: {problem}")

    need(all(isinstance(x, dict) for x in entries), "an audit entry is malformed")
    try:
        trail = [audit_mod.Entry(**x) for x in entries]
    except TypeError as err:
        raise BundleError(path, _("{what}: an audit entry is malformed ({error})").format(what=what, error=err)) from None
    for x in entries:
        wrong = _check_row(audit, {"signer": None, "signature": None, **x}, tuple(audit_mod.Entry.__slots__))
        need(wrong is None, f"an audit entry does not fit the schema ({wrong})")
    problems = audit_mod.check_chain(uid, trail, None)
    need(not problems, f"its audit trail does not hold ({problems[0] if problems else ''})")
    need(bool(trail) and trail[-1].action == action, "the trail does not end with its export")
    need(trail[-1].details.get("snapshot") == state, "its rows differ from what its export recorded (edited after export)")


def import_bundle(store: Store, path: str | os.PathLike) -> ImportReport:
    """Check the bundle at ``path`` whole, then add its cases in one transaction."""
    path = Path(path)
    manifest = _read_bundle(path)
    try:
        return _import(store, path, manifest)
    except (StatementError, DBAPIError) as e:  # rows whose values this database refuses (types, lengths)
        reason = getattr(e, "orig", None) or e
        raise BundleError(path, _("its rows do not fit this database ({reason})").format(
            reason=str(reason).splitlines()[0])) from e


def _tampered_here(conn: Connection, case_id: int, uid: str, local: list[audit_mod.Entry]) -> str | None:
    """What ``case verify`` would find wrong with the case here (its trail, or its rows against the trail's last
    word), or None."""
    head = conn.execute(select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.chain == uid)).first()
    problems = audit_mod.check_chain(uid, local, tuple(head) if head is not None else None)
    if head is None:
        problems.append(f"chain {uid}: its head is missing")
    if problems:
        return problems[0]
    if recorded_state(local) != snapshot(case_rows(conn, case_id)):
        return "its rows differ from the state its audit trail last recorded (changed behind docexam's back)"
    return None


def brings_news(path: Path, what: str, noun: str, exists: bool, local: list[audit_mod.Entry],
                trail: list[audit_mod.Entry]) -> bool:
    """Whether the bundle's ``trail`` for ``what`` (a ``noun``, here when it ``exists``) adds entries to the one here
    (``local``), which it must continue; BundleError when the two histories differ (case and reference bundles)."""
    if not exists:
        if local:
            raise BundleError(path, _("{what}: this database has a trail for it but not the {noun} (run `docexam case "
                                      "verify`)").format(what=what, noun=noun))
        return True
    n = min(len(local), len(trail))
    if [x.hash for x in local[:n]] != [x.hash for x in trail[:n]]:
        raise BundleError(path, _("{what} is already here with a different history (here {here} trail entries, in "
                                  "the bundle {there})").format(what=what, here=len(local), there=len(trail)))
    return len(trail) > len(local)


def _import(store: Store, path: Path, manifest: dict[str, Any]) -> ImportReport:
    return import_entries(store, path, manifest, ImportReport(path), key="cases", row_key="case", table=cases,
                          noun="case", name_of=lambda row: row["reference"], what_of=lambda row: _("case {case}").format(case=row['reference']),
                          ids_of=lambda row: {"case": row["uid"], "reference": row["reference"]},
                          check_here=_check_here, apply=_apply)


def _check_here(conn: Connection, path: Path, row: dict[str, Any], case_id: int | None,
                local: list[audit_mod.Entry]) -> None:
    ref = row["reference"]
    if case_id is not None:
        # Its rows here are about to be replaced by the bundle's: never when they fail verification, which the
        # import would otherwise erase (the evidence of the tampering is in the rows replaced).
        wrong = _tampered_here(conn, case_id, row["uid"], local)
        if wrong is not None:
            raise BundleError(path, _("case {case} fails verification here ({wrong}); importing over it would erase "
                                      "that evidence. Run `docexam case verify` and report it").format(
                                        case=ref, wrong=wrong))
    elif conn.execute(select(cases.c.id).where(cases.c.reference == ref)).first() is not None:
        raise BundleError(path, _("another case here has the reference {case}").format(case=ref))


class _Tally(Protocol):
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    images: int


R = TypeVar("R", bound=_Tally)


def import_entries(store: Store, path: Path, manifest: dict[str, Any], report: R, *, key: str, row_key: str,
                   table: Table, noun: str, name_of: Callable[[dict[str, Any]], str],
                   what_of: Callable[[dict[str, Any]], str], ids_of: Callable[[dict[str, Any]], dict[str, Any]],
                   check_here: Callable[[Connection, Path, dict[str, Any], int | None, list[audit_mod.Entry]], None],
                   apply: Callable[[Connection, dict[str, Any], list[audit_mod.Entry], list[audit_mod.Entry], int | None],
                                   None]) -> R:
    """Add what is new in the checked ``manifest``'s entries (under ``key``, each a ``noun`` whose row, under
    ``row_key``, is kept in ``table``) in one transaction, tallied in ``report`` (case and reference bundles alike).
    Each entry's trail must continue the one here (:func:`brings_news`) and ``check_here`` may refuse it; ``apply``
    writes its rows and the store's trail records the import or update (``ids_of`` its row, named ``name_of``)."""
    at = now()
    with store.engine.begin() as conn:
        if key == "cases":
            store.require(conn, Permission.CASE_WRITE, N_("import cases"))
        else:
            store.require(conn, Permission.REFERENCE_WRITE, N_("import references"))
        try:
            signed = trust.check_bundle(conn, path, manifest, key)
        except trust.TrustError as e:
            raise UntrustedBundleError(path, str(e)) from None
        plans = []
        for e in manifest[key]:
            row = e[row_key]
            trail = [audit_mod.Entry(**x) for x in e["audit"]]
            local = audit_mod.entries(conn, row["uid"])
            exists = conn.execute(select(table.c.id).where(table.c.uid == row["uid"])).scalar()
            if not brings_news(path, what_of(row), noun, exists is not None, local, trail):
                report.unchanged.append(name_of(row))
                continue
            check_here(conn, path, row, exists, local)
            plans.append((e, trail, local, exists))
        report.images += insert_images(conn, path, manifest, [e for e, *_ in plans])
        for e, trail, local, row_id in plans:
            apply(conn, e, trail, local, row_id)
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=store.actor,
                             action=f"{noun}.import" if row_id is None else f"{noun}.update",
                             detail={**ids_of(e[row_key]), "bundle": path.name, "from": manifest["origin"],
                                     "head": trail[-1].hash}
                             | ({"head_signer": trail[-1].signer} if trail[-1].signer is not None else {}),
                             signer=store.signer)
            (report.added if row_id is None else report.updated).append(name_of(e[row_key]))
        trust.record_bundle(conn, signed, at=at)
    return report


def insert_images(conn: Connection, path: Path, manifest: dict[str, Any], entries: list[dict[str, Any]]) -> int:
    """Store the images of ``entries``' captures that this database lacks; returns how many."""
    added = 0
    needed = sorted(set().union(*(entry_images(e) for e in entries)))
    if needed:
        # Read again, one at a time, and checked again: the file could have changed since it was checked.
        with _open_zip(path) as z:
            for sha in needed:
                if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first() is None:
                    size = manifest["blobs"][sha]
                    conn.execute(insert(blobs).values(sha256=sha, size=size, data=_read_image(path, z, sha, size, size)))
                    added += 1
    return added


def write_trail(conn: Connection, uid: str, trail: list[audit_mod.Entry], local: list[audit_mod.Entry]) -> None:
    """Add the entries of the bundle's ``trail`` that this database's ``local`` trail of chain ``uid`` lacks, and
    move the chain's head to its end."""
    for x in trail[len(local):]:
        conn.execute(insert(audit).values(**x.to_dict()))
    if local:
        conn.execute(update(audit_heads).where(audit_heads.c.chain == uid).values(seq=trail[-1].seq, hash=trail[-1].hash))
    else:
        conn.execute(insert(audit_heads).values(chain=uid, seq=trail[-1].seq, hash=trail[-1].hash))


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
    write_trail(conn, row["uid"], trail, local)
