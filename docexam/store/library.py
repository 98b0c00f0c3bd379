"""The examiner's reference library in the case store (issue 19): document types, their genuine specimens with
their captures, and the annotation versions, kept in the cases' database and audited as cases are.

:class:`ReferenceLibrary` works on a :class:`~docexam.store.Store`. Each public method is one transaction: a type is
created with its specimens and first annotation whole or not at all, and a kill at any moment leaves the database
as before the call or as after it. Images are decoded, checked and hashed before the write lock is taken
(:func:`prepare_specimen`), and kept byte for byte in ``blobs`` by their SHA-256, as a case's captures are (the same
image in a case and in the library is stored once).

An annotation version is written once and never rewritten: a corrected annotation is the next version, and the
versions before it stay (a comparison records the version it used). Each type has its own audit chain, named by its
uid, whose entries record the SHA-256 of the type's rows (:func:`reference_state`), so rows changed behind docexam's
back are found by ``docexam case verify`` and refuse further changes; the store's chain records types created and
imported.

The records read back are those of :mod:`docexam.references.model` (:class:`DocumentType` with its
:class:`Specimen` and :class:`Annotation` versions), their ``id`` the uid that names a type, specimen or annotation
in every database; :class:`ReferenceSummary` is a type's line in a list, with its local integer id too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from docexam.errors import DocexamError, UntrustedInputError
from docexam.i18n import N_, _
from docexam.lights import LIGHTS
from docexam.references.model import Annotation, Capture, DocumentType, Specimen
from docexam.store import audit as audit_mod
from docexam.store.accounts import Permission
from docexam.store.schema import blobs, reference_annotations, reference_captures, reference_specimens, reference_types
from docexam.store.store import MAX_ID, PreparedCapture, Store, _escape, now, prepare_capture_image, record_change, refuse_changed_behind

if TYPE_CHECKING:
    import numpy as np

    from docexam.imageio import LoadedImage

_TYPE_FIELDS = ("uid", "name", "name_key", "state", "document_code", "format", "series", "issued_from", "issued_until",
                "notes", "synthetic", "created_at", "updated_at", "origin")
_SPEC_FIELDS = ("uid", "captured_by", "captured_at", "provenance", "created_at")
_RCAP_FIELDS = ("uid", "light", "sha256", "size", "width", "height", "dpi", "source_name", "created_at")
_ANN_FIELDS = ("uid", "version", "annotation", "created_at", "created_by")

#: Two specimens of one type differ in physical size (width or height, in millimetres from their pixels and dpi) by
#: at most this share: the same design scanned twice differs by a crop's margin, while the formats of Doc 9303
#: Part 3 differ by a third or more (ID-1 85.6 x 54 mm, ID-2 105 x 74, ID-3 125 x 88).
SIZE_TOLERANCE = 0.06
#: A capture whose grey levels spread less than this (standard deviation, 0-255) shows no document: a blank scan,
#: a lid left open, a black frame.
MIN_CONTRAST = 4.0
#: The resolutions a specimen may be captured at (dots per inch).
MIN_DPI, MAX_DPI = 50.0, 5000.0


class ReferenceNotFoundError(DocexamError, LookupError):
    def __init__(self, ident: object) -> None:
        self.ident = ident
        super().__init__(_("no reference {ident} in this database; `docexam reference list` shows them").format(
            ident=repr(ident)))


class ReferenceInputError(DocexamError, ValueError):
    """A reference, specimen or annotation given is not acceptable; the message says which and what would be.
    Nothing was written."""


class ResolutionUnknownError(ReferenceInputError):
    """A specimen's images record no resolution and none was given (``where`` names the specimen): the command line
    asks for ``--dpi``, the workstation for its own resolution field."""

    def __init__(self, where: str) -> None:
        self.where = where
        super().__init__(_("{where}: its images do not record their resolution; say it (--dpi 600)").format(where=where))


def _check_period(issued_from: Any, issued_until: Any) -> None:
    """A type's issue period as create and describe take it: dates or None, and not ending before it begins."""
    for label, value in ((N_("issued from"), issued_from), (N_("issued until"), issued_until)):
        if value is not None and not isinstance(value, dt.date):
            raise ReferenceInputError(_("{label} {value} is not a date").format(label=_(label), value=repr(value)))
    if issued_from and issued_until and issued_until < issued_from:
        raise ReferenceInputError(_("the issue period ends ({end}) before it begins ({start})").format(
            end=issued_until, start=issued_from))


def name_key(name: str) -> str:
    return " ".join(name.upper().split())


def reference_rows(conn: Connection, type_id: int) -> dict[str, Any]:
    """A type's rows as they travel and are hashed: the type, its specimens, their captures and the annotation
    versions, in the order they were added, without local ids (captures name their specimen by uid)."""
    t = conn.execute(select(reference_types).where(reference_types.c.id == type_id)).mappings().one()
    specs = conn.execute(select(reference_specimens).where(reference_specimens.c.type_id == type_id)
                         .order_by(reference_specimens.c.id)).mappings().all()
    spec_uid = {s["id"]: s["uid"] for s in specs}
    caps = conn.execute(select(reference_captures).where(reference_captures.c.specimen_id.in_(list(spec_uid) or [-1]))
                        .order_by(reference_captures.c.id)).mappings().all()
    anns = conn.execute(select(reference_annotations).where(reference_annotations.c.type_id == type_id)
                        .order_by(reference_annotations.c.version)).mappings().all()
    return {
        "type": {k: (bool(t[k]) if k == "synthetic" else t[k]) for k in _TYPE_FIELDS},
        "specimens": [{k: s[k] for k in _SPEC_FIELDS} for s in specs],
        "captures": [{**{k: c[k] for k in _RCAP_FIELDS}, "specimen": spec_uid[c["specimen_id"]]} for c in caps],
        "annotations": [{k: a[k] for k in _ANN_FIELDS} for a in anns],
    }


def reference_state(rows: dict[str, Any]) -> str:
    """SHA-256 of a type's rows (:func:`reference_rows`), recorded by every audit entry of a change to it."""
    body = {k: rows[k] for k in ("type", "specimens", "captures", "annotations")}
    return hashlib.sha256(audit_mod.canonical(body).encode("utf-8")).hexdigest()


def recorded_state(trail: list[audit_mod.Entry]) -> str | None:
    """The state the last entry of a type's trail that records one says."""
    for e in reversed(trail):
        d = e.details
        if "state" in d or "snapshot" in d:
            return d.get("state") or d.get("snapshot")
    return None


# --- specimens read before the write lock --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PreparedSpecimen:
    """A genuine specimen's captures read, checked and hashed, ready to be written (:func:`prepare_specimen`), with
    its uid drawn already, so that its annotation can be made (slow) before the write lock is taken."""

    uid: str
    captures: dict[str, PreparedCapture] = field(repr=False)
    images: dict[str, np.ndarray] = field(repr=False)
    dpi: float
    source: str
    captured_by: str = ""
    captured_at: dt.date | None = None
    provenance: str = ""

    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` in pixels (every light one frame)."""
        first = next(iter(self.captures.values()))
        return first.width, first.height

    @property
    def specimen(self) -> Specimen:
        return Specimen(self.uid, tuple(Capture(light, c.sha256, self.dpi, c.width, c.height)
                                        for light, c in self.captures.items()),
                        self.captured_by, self.captured_at, self.provenance)


def prepare_specimen(files: Mapping[str, str | os.PathLike[str]], *, dpi: float | None = None, source: str = "",
                     captured_by: str = "", captured_at: dt.date | None = None, provenance: str = "") -> PreparedSpecimen:
    """Read one genuine specimen's captures ``{light: image file}`` for :meth:`ReferenceLibrary.create`: each file
    bounded, decoded and hashed (:func:`docexam.store.store.prepare_capture`), all of one size (one frame: the
    annotation's pixels are every light's), each showing something (a blank capture holds no document), at ``dpi``
    (else the resolution the visible file records; a reference needs it, to be compared with captures of other
    resolutions).

    Raises
    ------
    ReferenceInputError
        No capture, an unknown light, captures of different sizes, a blank capture, no resolution.
    docexam.imageio.ImageReadError
        A file that is not an image docexam reads.
    """
    where = source or "the specimen"
    if not files:
        raise ReferenceInputError(_("{where}: no capture; give visible.*, uv.* and/or ir.* images of the specimen").format(
            where=where))
    unknown = [k for k in files if k not in LIGHTS]
    if unknown:
        raise ReferenceInputError(_("{where}: unknown light(s) {lights}; a specimen is captured in {choices}").format(
            where=where, lights=', '.join(map(repr, unknown)), choices=', '.join(LIGHTS)))
    pages = {light.value: prepare_capture_image(files[light], light=light) for light in LIGHTS if light in files}
    return _specimen(pages, where=where, dpi=dpi, source=source, captured_by=captured_by, captured_at=captured_at,
                     provenance=provenance)


def prepare_specimen_from_case(store: Store, case: int | str, *, dpi: float | None = None,
                               provenance: str | None = None) -> PreparedSpecimen:
    """A case's questioned document as a genuine specimen ("use this document as a reference"): the newest capture
    of each of its lights (visible, UV, IR) from the store, checked as :func:`prepare_specimen` checks files."""
    from docexam.imageio import load_image_bytes
    from docexam.lights import Light

    record = store.show(case)
    newest = {light: c for light, c in record.newest_captures().items() if light in LIGHTS}
    reference = record.case.reference
    if not newest:
        raise ReferenceInputError(_("case {case} has no visible, UV or IR capture to make a reference of").format(
            case=reference))
    pages = {}
    for light in LIGHTS:
        c = newest.get(light.value)
        if c is None:
            continue
        data = store.blob(c.sha256)
        page = load_image_bytes(data, name=f"case {reference} {light.value} capture {c.source_name}", pages=1)[0]
        h, w = page.image.shape[:2]
        pages[light.value] = (PreparedCapture(Light(light), data, c.sha256, w, h, page.dpi, c.source_name), page)
    return _specimen(pages, where=f"case {reference}", dpi=dpi, source=f"case {reference}", captured_by="",
                     captured_at=None, provenance=provenance if provenance is not None else
                     f"genuine document of case {reference}")


def _specimen(pages: Mapping[str, tuple[PreparedCapture, LoadedImage]], *, where: str, dpi: float | None,
              source: str, captured_by: str, captured_at: dt.date | None, provenance: str) -> PreparedSpecimen:
    import numpy as np

    captures: dict[str, PreparedCapture] = {}
    images: dict[str, np.ndarray] = {}
    for light, (cap, page) in pages.items():  # in LIGHTS order: visible first, its resolution the specimen's
        grey = page.image.mean(axis=2) if page.image.ndim == 3 else page.image
        if float(np.std(grey[:: max(1, grey.shape[0] // 256), :: max(1, grey.shape[1] // 256)])) < MIN_CONTRAST:
            raise ReferenceInputError(_("{where}: {name} shows no document (it is of one even tone); capture the "
                                        "specimen again").format(where=where, name=cap.source_name))
        captures[light], images[light] = cap, page.image
    sizes = {(c.width, c.height) for c in captures.values()}
    if len(sizes) != 1:
        shown = ", ".join(f"{light} {c.width}x{c.height}" for light, c in captures.items())
        raise ReferenceInputError(_("{where}: its captures differ in size ({sizes}); a specimen's lights are one frame "
                                    "(capture them without moving the document, cropped alike)").format(
                                      where=where, sizes=shown))
    if dpi is None:
        dpi = next((c.dpi for c in captures.values() if c.dpi), None)
        if dpi is None:
            raise ResolutionUnknownError(where)
    if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not MIN_DPI <= dpi <= MAX_DPI:
        raise ReferenceInputError(_("{where}: a resolution of {dpi} dpi is not one a specimen is captured at "
                                    "({low:.0f} to {high:.0f})").format(where=where, dpi=repr(dpi), low=MIN_DPI,
                                                                        high=MAX_DPI))
    return PreparedSpecimen(str(uuid.uuid4()), captures, images, float(dpi), source or "", captured_by, captured_at,
                            provenance)


def physical_size(width: int, height: int, dpi: float) -> tuple[float, float]:
    """Millimetres of ``width`` x ``height`` pixels at ``dpi``."""
    return width / dpi * 25.4, height / dpi * 25.4


def same_size_problem(sizes: Sequence[tuple[str, int, int, float]]) -> str | None:
    """Why specimens ``(name, width, height, dpi)`` cannot be one type (their documents differ in size: different
    formats or designs), or None."""
    if len(sizes) < 2:
        return None
    names = [name for name, *_rest in sizes]
    mm = [physical_size(w, h, d) for _name, w, h, d in sizes]
    for name, other in zip(names[1:], mm[1:], strict=True):
        if any(abs(a - b) > SIZE_TOLERANCE * max(a, b) for a, b in zip(other, mm[0], strict=True)):
            return _("{name} is a document of {width:.0f} x {height:.0f} mm, {first} one of {first_width:.0f} x "
                     "{first_height:.0f} mm: they are not one design (give each its own reference), or one of them is "
                     "cropped with a margin or given the wrong resolution").format(
                         name=name, width=other[0], height=other[1], first=names[0], first_width=mm[0][0],
                         first_height=mm[0][1])
    return None


def new_id(conn: Connection, statement: Any) -> int:
    """Run an insert and give the row's local id."""
    key = conn.execute(statement).inserted_primary_key
    assert key is not None  # every table here has an integer primary key
    return int(key[0])


# --- summaries -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceSummary:
    """A reference type as a list shows it: local ``id``, ``uid`` (the same in every database), what it describes,
    how many specimens, the lights captured, and its current annotation version (0 before any)."""

    id: int
    uid: str
    name: str
    state: str | None
    document_code: str | None
    format: str | None
    synthetic: bool
    specimens: int
    lights: tuple[str, ...]
    version: int
    created_at: str
    updated_at: str
    issued_from: str | None = None  # ISO dates
    issued_until: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "uid": self.uid, "name": self.name, "state": self.state,
                "document_code": self.document_code, "format": self.format, "synthetic": self.synthetic,
                "specimens": self.specimens, "lights": list(self.lights), "version": self.version,
                "issued_from": self.issued_from, "issued_until": self.issued_until,
                "created_at": self.created_at, "updated_at": self.updated_at}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ReferenceSummary:
        return cls(int(d["id"]), str(d["uid"]), str(d["name"]), d.get("state"), d.get("document_code"),
                   d.get("format"), bool(d.get("synthetic")), int(d.get("specimens") or 0),
                   tuple(d.get("lights") or ()), int(d.get("version") or 0), str(d["created_at"]),
                   str(d["updated_at"]), d.get("issued_from"), d.get("issued_until"))

    def may_have_issued(self, expiry: dt.date) -> bool:
        """Whether a document expiring on ``expiry`` may be of this type: not when the type was first issued after
        that day (its issue period, when known, begins later than the document ends). The issue date itself is not
        in the MRZ, and validity periods are the issuer's, so the end of the period is not used."""
        return self.issued_from is None or dt.date.fromisoformat(self.issued_from) <= expiry


def _upper(value: str | None, what: str, length: int) -> str | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().upper()
    if len(text) > length or not all(c.isascii() and (c.isalpha() or c == "<") for c in text):
        raise ReferenceInputError(_("{what} {value} is not a code of 1 to {length} letters").format(
            what=_(what), value=repr(value), length=length))
    return text


def _format(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    from docexam.mrz import MRZFormat

    text = str(value).strip().upper().replace("-", "")
    try:
        return MRZFormat(text).value
    except ValueError:
        raise ReferenceInputError(_("format {value} is not one of {choices}").format(
            value=repr(value), choices=', '.join(f.value for f in MRZFormat))) from None


# --- the library ---------------------------------------------------------------------------------------------------


class ReferenceLibrary:
    """The reference library of the store ``store`` (its database, actor and site)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, actor: str | None = None) -> ReferenceLibrary:
        """The library of the database ``db`` (as :meth:`docexam.store.Store.open` picks it); closing it closes the
        store."""
        return cls(Store.open(db, actor=actor))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ReferenceLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------------------------------

    def _type_row(self, conn: Connection, ident: int | str) -> dict[str, Any]:
        text = str(ident).strip()
        cond = [reference_types.c.uid == text]
        if text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ID:
            cond.append(reference_types.c.id == int(text))
        row = conn.execute(select(reference_types).where(or_(*cond))).mappings().first()
        if row is None and 8 <= len(text) < 36 and all(c in "0123456789abcdef-" for c in text.lower()):
            found = conn.execute(select(reference_types).where(
                reference_types.c.uid.like(f"{_escape(text.lower())}%", escape="\\")).limit(2)).mappings().all()
            if len(found) > 1:
                raise ReferenceInputError(_("{ident} begins the uid of more than one reference; give more of it").format(
                    ident=repr(ident)))
            row = found[0] if found else None
        if row is None:
            raise ReferenceNotFoundError(ident)
        return dict(row)

    def show(self, ident: int | str) -> DocumentType:
        """A type whole: its specimens with their captures, and every annotation version (the last is current)."""
        with self.store._reader.connect() as conn:
            row = self._type_row(conn, ident)
            return self._document_type(conn, row)

    def summary(self, ident: int | str) -> ReferenceSummary:
        with self.store._reader.connect() as conn:
            row = self._type_row(conn, ident)
            return self._summaries(conn, [row])[0]

    def _document_type(self, conn: Connection, row: dict[str, Any]) -> DocumentType:
        rows = reference_rows(conn, row["id"])
        caps: dict[str, list[Capture]] = {}
        for c in rows["captures"]:
            caps.setdefault(c["specimen"], []).append(Capture(c["light"], c["sha256"], c["dpi"], c["width"], c["height"]))
        specimens = tuple(Specimen(s["uid"], tuple(caps.get(s["uid"], ())), s["captured_by"],
                                   dt.date.fromisoformat(s["captured_at"]) if s["captured_at"] else None,
                                   s["provenance"]) for s in rows["specimens"])
        annotations = tuple(Annotation.from_dict(json.loads(a["annotation"]), where=f"annotation {a['version']}")
                            for a in rows["annotations"])
        return DocumentType(row["uid"], row["name"], row["state"], row["document_code"], row["format"], row["series"],
                            dt.date.fromisoformat(row["issued_from"]) if row["issued_from"] else None,
                            dt.date.fromisoformat(row["issued_until"]) if row["issued_until"] else None,
                            row["notes"], bool(row["synthetic"]), specimens, annotations)

    def _summaries(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> list[ReferenceSummary]:
        ids = [r["id"] for r in rows] or [-1]
        n_spec: dict[int, int] = dict(conn.execute(select(reference_specimens.c.type_id, func.count()).where(
            reference_specimens.c.type_id.in_(ids)).group_by(reference_specimens.c.type_id)).all())
        version = dict(conn.execute(select(reference_annotations.c.type_id, func.max(reference_annotations.c.version))
                                    .where(reference_annotations.c.type_id.in_(ids))
                                    .group_by(reference_annotations.c.type_id)).all())
        lights: dict[int, set[str]] = {}
        for type_id, light in conn.execute(select(reference_specimens.c.type_id, reference_captures.c.light).select_from(
                reference_captures.join(reference_specimens)).where(reference_specimens.c.type_id.in_(ids)).distinct()):
            lights.setdefault(type_id, set()).add(light)
        return [ReferenceSummary(r["id"], r["uid"], r["name"], r["state"], r["document_code"], r["format"],
                                 bool(r["synthetic"]), n_spec.get(r["id"], 0),
                                 tuple(x.value for x in LIGHTS if x in lights.get(r["id"], set())), version.get(r["id"], 0),
                                 r["created_at"], r["updated_at"], r["issued_from"], r["issued_until"]) for r in rows]

    def list(self, *, state: str | None = None, code: str | None = None, format: str | None = None,
             name: str | None = None, synthetic: bool | None = None) -> list[ReferenceSummary]:
        """The types, by state, code and name; each filter given narrows: ``state`` (UTO), ``code`` (P: the MRZ's
        document code, Doc 9303 Part 4, 4.2.2), ``format`` (TD3), ``name`` (words of it, any case), ``synthetic``."""
        q = select(reference_types).order_by(reference_types.c.state, reference_types.c.document_code,
                                             reference_types.c.name_key, reference_types.c.id)
        if state:
            q = q.where(reference_types.c.state == str(state).strip().upper())
        if code:
            q = q.where(reference_types.c.document_code == str(code).strip().upper())
        if format:
            q = q.where(reference_types.c.format == _format(format))
        if name and name.strip():
            q = q.where(reference_types.c.name_key.like(f"%{_escape(name_key(name))}%", escape="\\"))
        if synthetic is not None:
            q = q.where(reference_types.c.synthetic == bool(synthetic))
        with self.store._reader.connect() as conn:
            return self._summaries(conn, [dict(r) for r in conn.execute(q).mappings()])

    def images(self, ident: int | str, *, specimen: str | None = None) -> dict[str, np.ndarray]:
        """``{light: RGB array}`` of one specimen of the type (``specimen``: its uid; default: the specimen of the
        current annotation, else the first), decoded from the stored bytes."""
        from docexam.imageio import load_image_bytes

        kind = self.show(ident)
        if specimen is None:
            current = kind.annotation
            specimen = current.specimen if current is not None else (kind.specimens[0].id if kind.specimens else None)
        spec = kind.specimen(specimen) if specimen else None
        if spec is None:
            raise ReferenceInputError((_("reference {name} has no specimen {specimen}") if specimen
                                       else _("reference {name} has no specimen")).format(
                                           name=repr(kind.name), specimen=repr(specimen)))
        return {c.light: load_image_bytes(self.store.blob(c.sha256), name=f"{kind.name} {c.light}", pages=1)[0].image
                for c in spec.captures}

    # --- writing ---------------------------------------------------------------------------------------------------

    def _writable(self, conn: Connection, ident: int | str) -> dict[str, Any]:
        self.store.require(conn, Permission.REFERENCE_WRITE, N_("change the reference library"))
        row = self._type_row(conn, ident)
        refuse_changed_behind(f"reference {row['name']!r} ({row['uid']})", recorded_state(audit_mod.entries(conn, row["uid"])),
                              reference_state(reference_rows(conn, row["id"])))
        return row

    def _touch(self, conn: Connection, row: dict[str, Any], at: str, action: str, detail: dict[str, Any]) -> None:
        record_change(conn, reference_types, row, at=at, actor=self.store.actor, action=action, detail=detail,
                      state_of=lambda conn, type_id: reference_state(reference_rows(conn, type_id)),
                      signer=self.store.signer)

    def create(self, name: str, *, specimens: Sequence[PreparedSpecimen] = (), annotation: Annotation | None = None,
               state: str | None = None, document_code: str | None = None, format: str | None = None,
               series: str = "", issued_from: dt.date | None = None, issued_until: dt.date | None = None,
               notes: str = "", synthetic: bool = False) -> DocumentType:
        """A new reference type with its genuine ``specimens`` and first ``annotation`` (of one of them), in one
        transaction. Specimens of visibly different sizes are refused (:func:`same_size_problem`)."""
        name = (name or "").strip()
        if not name:
            raise ReferenceInputError(_("a reference needs a name, e.g. --name 'Utopia passport 2025'"))
        values = {"state": _upper(state, N_("state"), 3), "document_code": _upper(document_code, N_("document code"), 2),
                  "format": _format(format)}
        _check_period(issued_from, issued_until)
        problem = same_size_problem([(s.source or s.uid, *s.size, s.dpi) for s in specimens])
        if problem:
            raise ReferenceInputError(problem)
        if len({s.uid for s in specimens}) != len(specimens):
            raise ReferenceInputError(_("the same specimen is given twice"))
        at = now()
        uid = str(uuid.uuid4())
        row: dict[str, Any] = dict(uid=uid, name=name, name_key=name_key(name), **values, series=series or "",
                   issued_from=issued_from.isoformat() if issued_from else None,
                   issued_until=issued_until.isoformat() if issued_until else None, notes=notes or "",
                   synthetic=bool(synthetic), created_at=at, updated_at=at, origin=self.store.origin)
        with self.store.engine.begin() as conn:
            self.store.require(conn, Permission.REFERENCE_WRITE, N_("change the reference library"))
            type_id = new_id(conn, insert(reference_types).values(**row))
            row["id"] = type_id
            audit_mod.append(conn, uid, at=at, actor=self.store.actor, action="reference.create",
                             detail={"name": name, "issuing_state": values["state"], "document_code": values["document_code"],
                                     "format": values["format"], "synthetic": bool(synthetic),
                                     "state": reference_state(reference_rows(conn, type_id))}, signer=self.store.signer)
            audit_mod.append(conn, audit_mod.STORE_CHAIN, at=at, actor=self.store.actor, action="reference.create",
                             detail={"reference": uid, "name": name}, signer=self.store.signer)
            for s in specimens:
                self._add_specimen(conn, row, s, at)
            if annotation is not None:
                self._annotate(conn, row, annotation, at, note=annotation.note)
        return self.show(uid)

    def describe(self, ident: int | str, *, name: str, state: str | None = None, document_code: str | None = None,
                 format: str | None = None, series: str = "", issued_from: dt.date | None = None,
                 issued_until: dt.date | None = None, notes: str = "") -> DocumentType:
        """Say again what the type describes (its name, issuing state, document code, format, series, issue period
        and notes; each given whole), in one transaction, audited with the fields changed (old and new). The
        annotation versions are untouched: what a type is called or was issued in is not where its regions lie.
        Nothing is written when nothing changed."""
        name = (name or "").strip()
        if not name:
            raise ReferenceInputError(_("a reference needs a name, e.g. 'Utopia passport 2025'"))
        _check_period(issued_from, issued_until)
        values: dict[str, Any] = {
            "name": name, "name_key": name_key(name), "state": _upper(state, N_("state"), 3),
            "document_code": _upper(document_code, N_("document code"), 2), "format": _format(format),
            "series": (series or "").strip(), "issued_from": issued_from.isoformat() if issued_from else None,
            "issued_until": issued_until.isoformat() if issued_until else None, "notes": notes or ""}
        with self.store.engine.begin() as conn:
            row = self._writable(conn, ident)
            changed = {k: [row[k], v] for k, v in values.items() if k != "name_key" and row[k] != v}
            if changed:
                conn.execute(update(reference_types).where(reference_types.c.id == row["id"]).values(**values))
                self._touch(conn, row, now(), "reference.describe", {"changed": changed})
        return self.show(row["uid"])

    def add_specimen(self, ident: int | str, specimen: PreparedSpecimen) -> DocumentType:
        """Add a genuine specimen to a type (one transaction); refused when its document's size is not the type's."""
        return self.add_specimens(ident, [specimen])

    def add_specimens(self, ident: int | str, specimens: Sequence[PreparedSpecimen], *,
                      annotation: Annotation | None = None) -> DocumentType:
        """Add genuine ``specimens`` to a type and, when given, keep ``annotation`` (learnt with them) as its next
        version, all in one transaction: refused whole when a specimen's document's size is not the type's or the
        annotation does not fit its specimen."""
        if not specimens:
            raise ReferenceInputError(_("no specimen given: choose the captures of a genuine document"))
        if len({s.uid for s in specimens}) != len(specimens):
            raise ReferenceInputError(_("the same specimen is given twice"))
        with self.store.engine.begin() as conn:
            row = self._writable(conn, ident)
            at = now()
            for s in specimens:
                self._add_specimen(conn, row, s, at)
            if annotation is not None:
                self._annotate(conn, row, annotation, at, note=annotation.note)
        return self.show(row["uid"])

    def _add_specimen(self, conn: Connection, row: dict[str, Any], s: PreparedSpecimen, at: str) -> None:
        if conn.execute(select(reference_specimens.c.id).where(reference_specimens.c.uid == s.uid)).first() is not None:
            raise ReferenceInputError(_("specimen {uid} is in the library already").format(uid=s.uid))
        others = [(f"specimen {r.uid[:8]}", r.width, r.height, r.dpi) for r in conn.execute(
            select(reference_specimens.c.uid, reference_captures.c.width, reference_captures.c.height,
                   reference_captures.c.dpi).select_from(reference_captures.join(reference_specimens))
            .where(reference_specimens.c.type_id == row["id"]).distinct())]
        problem = same_size_problem([*others[:1], (s.source or f"specimen {s.uid[:8]}", *s.size, s.dpi)])
        if problem:
            raise ReferenceInputError(_("{problem}; nothing was written to reference {name}").format(
                problem=problem, name=repr(row['name'])))
        spec_id = new_id(conn, insert(reference_specimens).values(
            uid=s.uid, type_id=row["id"], captured_by=s.captured_by or self.store.actor,
            captured_at=s.captured_at.isoformat() if s.captured_at else None, provenance=s.provenance or "",
            created_at=at))
        shown = []
        for light, c in s.captures.items():
            if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == c.sha256)).first() is None:
                conn.execute(insert(blobs).values(sha256=c.sha256, size=len(c.data), data=c.data))
            conn.execute(insert(reference_captures).values(
                uid=str(uuid.uuid4()), specimen_id=spec_id, light=light, sha256=c.sha256, size=len(c.data),
                width=c.width, height=c.height, dpi=s.dpi, source_name=c.source_name, created_at=at))
            shown.append({"light": light, "sha256": c.sha256, "size": len(c.data), "source_name": c.source_name})
        self._touch(conn, row, at, "reference.specimen", {"specimen": s.uid, "captures": shown,
                                                          "provenance": s.provenance or None})

    def annotate(self, ident: int | str, annotation: Annotation, *, note: str | None = None) -> Annotation:
        """Keep ``annotation`` as the type's next version (its ``version``, time and author are set here); the
        versions before it stay. Its regions must lie in its specimen's images."""
        with self.store.engine.begin() as conn:
            row = self._writable(conn, ident)
            return self._annotate(conn, row, annotation, now(), note=annotation.note if note is None else note)

    def _annotate(self, conn: Connection, row: dict[str, Any], annotation: Annotation, at: str, *, note: str) -> Annotation:
        spec = conn.execute(select(reference_specimens.c.id).where(and_(
            reference_specimens.c.uid == annotation.specimen, reference_specimens.c.type_id == row["id"]))).first()
        if spec is None:
            raise ReferenceInputError(_("the annotation is of specimen {specimen}, which reference {name} does not "
                                        "have; `docexam reference show` lists its specimens").format(
                                          specimen=repr(annotation.specimen), name=repr(row['name'])))
        size = conn.execute(select(reference_captures.c.width, reference_captures.c.height, reference_captures.c.dpi)
                            .where(reference_captures.c.specimen_id == spec[0]).limit(1)).first()
        if size is not None:
            problem = annotation_problem(annotation, width=size.width, height=size.height)
            if problem:
                raise ReferenceInputError(_("{problem}; nothing was written to reference {name}").format(
                    problem=problem, name=repr(row['name'])))
        version = (conn.execute(select(func.max(reference_annotations.c.version))
                                .where(reference_annotations.c.type_id == row["id"])).scalar() or 0) + 1
        kept = replace(annotation, version=version, created=dt.datetime.fromisoformat(at), created_by=self.store.actor,
                       note=note or "")
        text = audit_mod.canonical(kept.to_dict())
        conn.execute(insert(reference_annotations).values(uid=str(uuid.uuid4()), type_id=row["id"], version=version,
                                                          annotation=text, created_at=at, created_by=self.store.actor))
        self._touch(conn, row, at, "reference.annotate", {
            "version": version, "specimen": kept.specimen, "regions": len(kept.regions), "note": kept.note or None,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})
        return kept


def annotation_problem(annotation: Annotation, *, width: int, height: int) -> str | None:
    """Why ``annotation`` does not fit its specimen's ``width`` x ``height`` images (a region outside them), or None."""
    for r in annotation.regions:
        x, y, w, h = r.box
        if x + w > width or y + h > height:
            return (f"region {r.id!r} {[x, y, w, h]} lies outside the specimen's {width}x{height} images")
    return None


def verify_references(conn: Connection) -> tuple[int, list[str]]:
    """The number of reference types and what is wrong with them (rows changed behind docexam's back, a type without
    a trail or not in the store's trail); :meth:`docexam.store.Store.verify` adds these to its report."""
    problems: list[str] = []
    known = set()
    for e in audit_mod.entries(conn, audit_mod.STORE_CHAIN):
        if e.action in ("reference.create", "reference.import"):
            uid = e.details.get("reference")
            if isinstance(uid, str):
                known.add(uid)
    n = 0
    for r in conn.execute(select(reference_types.c.id, reference_types.c.uid, reference_types.c.name)).all():
        n += 1
        trail = audit_mod.entries(conn, r.uid)
        if not trail:
            problems.append(f"reference {r.name!r} ({r.uid}) has no audit trail")
        elif recorded_state(trail) != reference_state(reference_rows(conn, r.id)):
            problems.append(f"reference {r.name!r} ({r.uid}): its rows differ from the state its audit trail last "
                            "recorded (changed behind docexam's back)")
        if r.uid not in known:
            problems.append(f"reference {r.name!r} ({r.uid}) is not in the store's trail (added behind docexam's back)")
    missing = conn.execute(select(reference_captures.c.uid, reference_captures.c.sha256).outerjoin(
        blobs, blobs.c.sha256 == reference_captures.c.sha256).where(blobs.c.sha256.is_(None))).all()
    for uid, sha in missing:
        problems.append(f"reference capture {uid} has lost its image {sha[:12]}...")
    return n, problems


def read_annotation_file(path: str | os.PathLike[str], kind: DocumentType) -> Annotation:
    """The edited annotation in the JSON file ``path`` for type ``kind``: an annotation object (as ``docexam
    reference show --json`` prints the current one), its ``specimen`` and ``dpi`` taken from the current annotation
    when left out. Raises UntrustedInputError saying where it is wrong."""
    from docexam.jsonsafe import load_file

    source = str(path)
    data = load_file(Path(path))
    if isinstance(data, dict) and isinstance(data.get("annotation"), dict):
        data = data["annotation"]  # the "current" object of `reference show --json`, pasted whole
    if not isinstance(data, dict):
        raise UntrustedInputError(source, _("not a JSON object"), _('write {"regions": [...]} as `docexam reference '
                                                                     'show --json` prints the current annotation'))
    current = kind.annotation
    default_spec = current.specimen if current else (kind.specimens[0].id if kind.specimens else None)
    spec = kind.specimen(str(data.get("specimen") or default_spec))
    filled = {**data, "specimen": data.get("specimen") or default_spec,
              "dpi": data.get("dpi") or (current.dpi if current else (spec.captures[0].dpi if spec and spec.captures
                                                                      else None))}
    return Annotation.from_dict(filled, where=source)


# --- picking a reference for a questioned document -----------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceChoice:
    """The reference :func:`choose_reference` picked for a questioned document, why, and the others that matched."""

    picked: ReferenceSummary
    why: str
    others: tuple[ReferenceSummary, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"picked": self.picked.to_dict(), "why": self.why, "others": [o.to_dict() for o in self.others]}


def _code_matches(kind_code: str | None, mrz_code: str) -> bool:
    """Whether a type's document code covers the MRZ's (Doc 9303 Part 4, 4.2.2: the first character is the kind of
    document, the second, optional, the issuer's choice: a type coded ``P`` covers ``P`` and ``PO``)."""
    if not kind_code:
        return False
    return mrz_code == kind_code or (len(kind_code) == 1 and mrz_code[:1] == kind_code)


def choose_reference(library: ReferenceLibrary, *, state: str | None, document_code: str | None,
                     format: str | None, expiry: dt.date | None = None) -> ReferenceChoice | None:
    """The library's reference for a document whose MRZ names issuing ``state``, ``document_code`` and ``format``
    (a :class:`docexam.mrz.MRZFormat` value), and the ``expiry`` date: the types of that state and format whose code
    covers the document's, the exact code first, then those whose issue period may hold the document
    (:meth:`ReferenceSummary.may_have_issued`), then those annotated, then genuine before synthetic, then the most
    specimens, then the latest changed; None when none matches."""
    if not state or not document_code or not format:
        return None
    code = document_code.replace("<", "").upper()
    found = [s for s in library.list(state=state, format=format) if _code_matches(s.document_code, code)]
    if not found:
        return None

    def fits(s: ReferenceSummary) -> bool:
        return expiry is None or s.may_have_issued(expiry)

    found.sort(key=lambda s: (s.document_code == code, fits(s), s.version > 0, not s.synthetic, s.specimens,
                              s.updated_at), reverse=True)
    best = found[0]
    why = (f"its issuing state {best.state}, document code {best.document_code} and format {best.format} match the "
           f"questioned document's MRZ ({state}, {code}, {format})")
    if expiry is not None and not fits(best):
        why += (f"; but it was first issued on {best.issued_from}, after the document's expiry date "
                f"{expiry.isoformat()}: check that it is the right series")
    if len(found) > 1:
        why += (f"; {len(found) - 1} other reference(s) match too, this one is preferred for "
                + ("its exact document code, " if best.document_code == code else "")
                + ("an issue period that may hold the document, " if expiry is not None and fits(best)
                   and not all(fits(o) for o in found[1:]) else "")
                + ("being annotated, " if best.version else "")
                + ("being made from genuine specimens, " if not best.synthetic else "")
                + f"its {best.specimens} specimen(s) and its latest change")
    return ReferenceChoice(best, why, tuple(found[1:]))
