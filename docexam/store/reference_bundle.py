"""Reference bundles: the centre publishes its reference library to the checkpoint laptops in one zip file, checked on
arrival as case bundles are (:mod:`docexam.store.bundle`, whose limits and checks this reuses).

A reference bundle is a zip of ``manifest.json`` (format ``docexam-references``: each type's rows, its audit trail,
the size and SHA-256 of every image) and ``blobs/<sha256>``, each image byte for byte. Exporting appends a
``reference.export`` entry to each type's trail holding the SHA-256 of the rows exported (its snapshot), so the rows,
the trail and the images vouch for one another.

Import checks the whole bundle before it touches the database (names, expanded size, manifest size, every row
against the schema, every annotation as :meth:`docexam.references.model.Annotation.from_dict` reads it, every
trail, snapshot and image), then adds what is new in one transaction. Importing a bundle twice changes nothing; a
bundle whose trail continues the one here (new specimens or annotation versions since) brings them, every version
kept; a type whose history differs from the one here is refused, as is a bundle from a newer schema.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, StatementError

from docexam import jsonsafe
from docexam.errors import UntrustedInputError
from docexam.i18n import _
from docexam.lights import LIGHTS
from docexam.references.model import Annotation
from docexam.store import audit as audit_mod
from docexam.store.bundle import (
    BundleError,
    ExportError,
    _check_row,
    _is_uuid,
    check_images_and_origin,
    check_trail,
    import_entries,
    read_bundle,
    write_bundle,
    write_trail,
)
from docexam.store.library import (
    _ANN_FIELDS,
    _RCAP_FIELDS,
    _SPEC_FIELDS,
    _TYPE_FIELDS,
    ReferenceLibrary,
    annotation_problem,
    new_id,
    recorded_state,
    reference_rows,
    reference_state,
)
from docexam.store.schema import SCHEMA_VERSION, reference_annotations, reference_captures, reference_specimens, reference_types
from docexam.store.store import Store

FORMAT = "docexam-references"
VERSION = 1


@dataclass
class ReferenceExportReport:
    path: Path
    references: list[str]  # uids
    images: int
    bytes: int


@dataclass
class ReferenceImportReport:
    path: Path
    added: list[str] = field(default_factory=list)  # names of types new here
    updated: list[str] = field(default_factory=list)  # types whose trail the bundle continued
    unchanged: list[str] = field(default_factory=list)  # already here as in the bundle (or newer here)
    images: int = 0  # images new here

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "images": self.images}


# --- export --------------------------------------------------------------------------------------------------------


def export_references(store: Store, idents: list[int | str], out: str | os.PathLike[str]) -> ReferenceExportReport:
    """Write the reference types ``idents`` (ids or uids) to the bundle ``out``, whole or not at all: their
    ``reference.export`` entries are committed exactly when the bundle is in place."""
    out = Path(out)
    if not idents:
        raise ValueError("name at least one reference to export")
    if out.is_dir() or str(out).endswith(("/", os.sep)):
        raise ExportError(_("{out} is a folder; give the bundle's file name, e.g. {example}").format(
            out=out, example=out / 'references.zip'))
    # Written as case bundles are: the bundle takes its place as the last step before the commit (see bundle.py).
    entries, images = write_bundle(store, out, idents, fmt=FORMAT, version=VERSION, key="references",
                                   writable=ReferenceLibrary(store)._writable, table=reference_types,
                                   rows_of=reference_rows, state_of=reference_state, action="reference.export")
    return ReferenceExportReport(out, [e["type"]["uid"] for e in entries], images, out.stat().st_size)


# --- import --------------------------------------------------------------------------------------------------------


def _read_bundle(path: Path) -> dict[str, Any]:
    """The manifest of a reference bundle, every check done (as a case bundle's), or BundleError."""
    return read_bundle(path, key="references", check_manifest=_check_manifest)


def _date_ok(value: Any) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _check_manifest(path: Path, m: Any) -> None:
    def need(cond: bool, what: str) -> None:
        if not cond:
            raise BundleError(path, f"manifest.json: {what}")

    need(isinstance(m, dict) and m.get("format") == FORMAT,
         "not a docexam reference bundle (`docexam case import` takes case bundles)"
         if isinstance(m, dict) and m.get("format") == "docexam-bundle" else "not a docexam reference bundle manifest")
    need(isinstance(m.get("schema"), int) and not isinstance(m.get("schema"), bool) and m["schema"] <= SCHEMA_VERSION,
         f"made by a newer docexam (schema {m.get('schema')!r}, this one knows {SCHEMA_VERSION}); update docexam here "
         "first")
    need(m.get("version") == VERSION, f"bundle version {m.get('version')!r}; this docexam reads version {VERSION}")
    check_images_and_origin(need, m)
    need(isinstance(m.get("references"), list) and m["references"], "no references")
    uids: set[str] = set()
    for e in m["references"]:
        need(isinstance(e, dict) and isinstance(e.get("type"), dict)
             and all(isinstance(e.get(k), list) for k in ("specimens", "captures", "annotations", "audit")),
             "a reference entry is malformed")
        t = e["type"]
        need(all(k in t for k in _TYPE_FIELDS) and isinstance(t["uid"], str), "a reference row lacks fields")
        name = t["name"]
        need(_is_uuid(t["uid"]) and t["uid"] != audit_mod.STORE_CHAIN, f"reference {name!r}: its uid is not a UUID")
        need(t["uid"] not in uids, f"reference {name!r} is in the bundle twice")
        uids.add(t["uid"])
        need(isinstance(t["synthetic"], bool), f"reference {name!r}: synthetic is not true or false")
        need(_date_ok(t["issued_from"]) and _date_ok(t["issued_until"]), f"reference {name!r}: an issue date is not a date")
        need(all(isinstance(s, dict) and all(k in s for k in _SPEC_FIELDS) for s in e["specimens"]),
             f"reference {name!r}: a specimen row lacks fields")
        spec_uids = {s["uid"] for s in e["specimens"]}
        need(len(spec_uids) == len(e["specimens"]), f"reference {name!r}: a specimen is listed twice")
        for c in e["captures"]:
            need(isinstance(c, dict) and all(k in c for k in _RCAP_FIELDS) and c.get("specimen") in spec_uids,
                 f"reference {name!r}: a capture row is malformed")
            need(c["light"] in LIGHTS, f"reference {name!r}: a capture's light {c['light']!r} is not one of "
                                       f"{', '.join(LIGHTS)}")
            need(isinstance(c["sha256"], str) and c["sha256"] in m["blobs"],
                 f"reference {name!r}: capture {c['uid']} has no image in the bundle")
            need(c["size"] == m["blobs"][c["sha256"]], f"reference {name!r}: capture {c['uid']}'s size is not its image's")
        need(all(isinstance(a, dict) and all(k in a for k in _ANN_FIELDS) for a in e["annotations"]),
             f"reference {name!r}: an annotation row lacks fields")
        rows = [*e["specimens"], *e["captures"], *e["annotations"]]
        need(all(v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool)) for r in rows
                 for v in r.values()), f"reference {name!r}: a row holds a value that is neither text nor a number")
        for table, fields, items in ((reference_types, tuple(k for k in _TYPE_FIELDS if k != "synthetic"), [t]),
                                     (reference_specimens, _SPEC_FIELDS, e["specimens"]),
                                     (reference_captures, _RCAP_FIELDS, e["captures"]),
                                     (reference_annotations, _ANN_FIELDS, e["annotations"])):
            for r in items:
                wrong = _check_row(table, r, fields)
                need(wrong is None, f"reference {name!r}: a {table.name} row does not fit the schema ({wrong})")
        sizes: dict[str, set[tuple[int, int]]] = {}
        for c in e["captures"]:
            sizes.setdefault(c["specimen"], set()).add((c["width"], c["height"]))
        need(all(len(v) == 1 for v in sizes.values()),
             f"reference {name!r}: a specimen's captures differ in size (a specimen's lights are one frame)")
        need([a["version"] for a in e["annotations"]] == list(range(1, len(e["annotations"]) + 1)),
             f"reference {name!r}: its annotation versions are not 1, 2, 3...")
        for a in e["annotations"]:
            try:
                ann = Annotation.from_dict(jsonsafe.loads(a["annotation"], source="an annotation"),
                                           where=f"annotation {a['version']}")
            except UntrustedInputError as err:
                raise BundleError(path, _("manifest.json: reference {name}: {error}").format(name=repr(name),
                                                                                            error=err)) from None
            need(ann.specimen in spec_uids and ann.version == a["version"],
                 f"reference {name!r}: annotation {a['version']} is of no specimen of the bundle, or of another version")
            size = next(iter(sizes.get(ann.specimen, set())), None)
            wrong = annotation_problem(ann, width=size[0], height=size[1]) if size else None
            need(wrong is None, f"reference {name!r}: annotation {a['version']}: {wrong}")
        check_trail(path, f"reference {name!r}", t["uid"], e["audit"], action="reference.export",
                    state=reference_state(e))


def import_references(store: Store, path: str | os.PathLike[str]) -> ReferenceImportReport:
    """Check the reference bundle at ``path`` whole, then add its types in one transaction."""
    path = Path(path)
    manifest = _read_bundle(path)
    try:
        return _import(store, path, manifest)
    except (StatementError, DBAPIError) as e:  # rows this database refuses (a specimen here under another type...)
        reason = getattr(e, "orig", None) or e
        raise BundleError(path, _("its rows do not fit this database ({reason})").format(
            reason=str(reason).splitlines()[0])) from e


def _import(store: Store, path: Path, manifest: dict[str, Any]) -> ReferenceImportReport:
    return import_entries(store, path, manifest, ReferenceImportReport(path), key="references", row_key="type",
                          table=reference_types, noun="reference", name_of=lambda row: row["name"],
                          what_of=lambda row: f"reference {row['name']!r}",
                          ids_of=lambda row: {"reference": row["uid"], "name": row["name"]},
                          check_here=_check_here, apply=_apply)


def _check_here(conn: Connection, path: Path, row: dict[str, Any], type_id: int | None,
                local: list[audit_mod.Entry]) -> None:
    if type_id is not None and recorded_state(local) != reference_state(reference_rows(conn, type_id)):
        raise BundleError(path, _("reference {name} fails verification here (its rows differ from its trail); importing "
                                  "over it would erase that evidence. Run `docexam case verify` and report it").format(
                                    name=repr(row['name'])))


def _apply(conn: Connection, e: dict[str, Any], trail: list[audit_mod.Entry], local: list[audit_mod.Entry],
           type_id: int | None) -> None:
    """Write one type's rows as the bundle has them, and the trail entries this database lacks."""
    row = dict(e["type"])
    if type_id is None:
        type_id = new_id(conn, insert(reference_types).values(**row))
    else:
        conn.execute(update(reference_types).where(reference_types.c.id == type_id).values(**row))
        # The bundle's trail continues ours, so its rows hold everything here and more (versions are only added).
        spec_ids = [r[0] for r in conn.execute(select(reference_specimens.c.id)
                                               .where(reference_specimens.c.type_id == type_id))]
        if spec_ids:
            conn.execute(delete(reference_captures).where(reference_captures.c.specimen_id.in_(spec_ids)))
        conn.execute(delete(reference_specimens).where(reference_specimens.c.type_id == type_id))
        conn.execute(delete(reference_annotations).where(reference_annotations.c.type_id == type_id))
    new_specs: dict[str, int] = {}
    for s in e["specimens"]:
        new_specs[s["uid"]] = new_id(conn, insert(reference_specimens).values(**{k: s[k] for k in _SPEC_FIELDS},
                                                                             type_id=type_id))
    for c in e["captures"]:
        conn.execute(insert(reference_captures).values(**{k: c[k] for k in _RCAP_FIELDS},
                                                       specimen_id=new_specs[c["specimen"]]))
    for a in e["annotations"]:
        conn.execute(insert(reference_annotations).values(**{k: a[k] for k in _ANN_FIELDS}, type_id=type_id))
    write_trail(conn, row["uid"], trail, local)
