"""An examiner's reference library: document types, genuine specimens and their annotations, as typed records.

The records are plain data, shared by the store (``docexam.store``, which keeps them in the case database,
audited, with content-addressed images), the automatic annotation (:mod:`docexam.references.annotate`), the command
line (``docexam reference ...``), the workstation's reference editor and the comparison (which turns an annotation
into the :class:`docexam.compare.reference.Reference` it checks against). Each has ``to_dict()`` and
``from_dict()`` side by side; ``from_dict`` reads untrusted JSON (an import, an edited annotation file) and raises
:class:`~docexam.errors.UntrustedInputError` saying where it is wrong.

Regions are in the pixels of the specimen's visible capture (all its lights are registered to it), ``(x, y, w, h)``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from docexam.errors import UntrustedInputError
from docexam.i18n import _
from docexam.lights import LIGHTS, Expect

Box = tuple[int, int, int, int]

#: The field of a word of the holder's name printed again elsewhere in the VIZ (an alias, a name at birth, a name in
#: another script's transcription): the holder's data, as the names are, compared with nothing.
NAME_AGAIN = "name_again"


class Role(StrEnum):
    """What a region of a reference is."""

    PORTRAIT = "portrait"
    GHOST = "ghost"  # secondary (ghost) portrait
    MRZ = "mrz"
    VIZ_FIELD = "viz_field"  # a VIZ field; ``field`` names it (a docexam.mrz.viz.VIZField value, e.g. "surname")
    SIGNATURE = "signature"
    DOCUMENT_NUMBER = "document_number"  # printed, perforated or engraved elsewhere than the VIZ field
    UV_FEATURE = "uv_feature"
    IR_FEATURE = "ir_feature"
    PERSONALISED = "personalised"  # varies from holder to holder: its fixed-design difference is not evidence
    FIXED_DESIGN = "fixed_design"  # the same on every genuine document of the type


class Source(StrEnum):
    """Who drew a region: the automatic annotation (marked so, and correctable) or an examiner."""

    AUTOMATIC = "automatic"
    EXAMINER = "examiner"


@dataclass(frozen=True)
class Expectation:
    light: str  # a docexam.lights.Light value
    expect: Expect
    colour: tuple[int, int, int] | None = None  # the fluorescence's RGB, as measured on the specimen

    def to_dict(self) -> dict[str, Any]:
        return {"light": self.light, "expect": self.expect.value, **({"colour": list(self.colour)} if self.colour else {})}

    @classmethod
    def from_dict(cls, d: object, *, where: str) -> Expectation:
        d = _object(d, where)
        light = d.get("light")
        if light not in LIGHTS:
            raise UntrustedInputError(where, _("light is {light}; it is one of {names}").format(
                light=repr(light), names=', '.join(LIGHTS)))
        colour = d.get("colour")
        if colour is not None:
            if not (isinstance(colour, list) and len(colour) == 3 and all(_int(c) and 0 <= c <= 255 for c in colour)):
                raise UntrustedInputError(where, _("colour is not [r, g, b] of whole numbers 0-255"))
            colour = tuple(int(c) for c in colour)
        return cls(str(light), _enum(Expect, d.get("expect"), f"{where}.expect"), colour)


@dataclass(frozen=True)
class Region:
    """One annotated region: its role, where it is, which MRZ field it mirrors (VIZ fields), what it should show in
    each light, who drew it, and how sure the automatic annotation was (0 to 1; 1 for an examiner's)."""

    id: str
    role: Role
    box: Box
    field: str | None = None
    expectations: tuple[Expectation, ...] = ()
    source: Source = Source.AUTOMATIC
    confidence: float = 1.0
    note: str = ""

    def expects(self, light: str) -> Expect | None:
        return next((e.expect for e in self.expectations if e.light == light), None)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "role": self.role.value, "box": list(self.box)}
        if self.field:
            d["field"] = self.field
        if self.expectations:
            d["expectations"] = [e.to_dict() for e in self.expectations]
        d["source"] = self.source.value
        d["confidence"] = round(self.confidence, 4)
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: object, *, where: str = "region") -> Region:
        d = _object(d, where)
        rid = _short_id(d, where, "id is not a name of 1 to 64 characters")
        box = d.get("box")
        if not (isinstance(box, list) and len(box) == 4 and all(_int(v) for v in box) and box[2] > 0 and box[3] > 0
                and box[0] >= 0 and box[1] >= 0):
            raise UntrustedInputError(where, _("box is not [x, y, w, h] in whole pixels with a positive size"))
        fld = d.get("field")
        if fld is not None and not isinstance(fld, str):
            raise UntrustedInputError(where, _("field is not a name"))
        raw = d.get("expectations", [])
        if not isinstance(raw, list):
            raise UntrustedInputError(where, _("expectations is not a list"))
        conf = d.get("confidence", 1.0)
        if isinstance(conf, bool) or not isinstance(conf, int | float) or not 0 <= conf <= 1:
            raise UntrustedInputError(where, _("confidence is not a number from 0 to 1"))
        note = d.get("note", "")
        if not isinstance(note, str):
            raise UntrustedInputError(where, _("note is not text"))
        return cls(rid, _enum(Role, d.get("role"), f"{where}.role"), tuple(int(v) for v in box), fld,  # type: ignore[arg-type]
                   tuple(Expectation.from_dict(e, where=f"{where}.expectations[{i}]") for i, e in enumerate(raw)),
                   _enum(Source, d.get("source", "automatic"), f"{where}.source"), float(conf), note)


@dataclass(frozen=True)
class Annotation:
    """A version of a reference type's annotation: its regions, in the pixels of ``specimen`` (a specimen's id)
    at ``dpi``. A corrected annotation is a new version; a comparison records the version it used."""

    specimen: str
    dpi: float
    regions: tuple[Region, ...] = ()
    version: int = 1
    created: dt.datetime | None = None
    created_by: str = ""
    note: str = ""

    def by_role(self, role: Role) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.role is role)

    def region(self, rid: str) -> Region:
        for r in self.regions:
            if r.id == rid:
                return r
        raise KeyError(_("no region {rid} in this annotation; it has {ids}").format(
            rid=repr(rid), ids=', '.join(r.id for r in self.regions) or _("none")))

    def revised(self, regions: tuple[Region, ...], *, by: str, note: str = "") -> Annotation:
        """The next version, with ``regions``."""
        return replace(self, regions=regions, version=self.version + 1, created=None, created_by=by, note=note)

    def to_dict(self) -> dict[str, Any]:
        return {"specimen": self.specimen, "dpi": self.dpi, "version": self.version,
                **({"created": self.created.isoformat()} if self.created else {}),
                **({"created_by": self.created_by} if self.created_by else {}),
                **({"note": self.note} if self.note else {}),
                "regions": [r.to_dict() for r in self.regions]}

    @classmethod
    def from_dict(cls, d: object, *, where: str = "annotation") -> Annotation:
        d = _object(d, where)
        spec = d.get("specimen")
        if not isinstance(spec, str) or not spec:
            raise UntrustedInputError(where, _("specimen is not a specimen's id"))
        dpi = d.get("dpi")
        if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not 50 <= dpi <= 5000:
            raise UntrustedInputError(where, _("dpi is {dpi}, not a resolution from 50 to 5000").format(dpi=repr(dpi)))
        version = d.get("version", 1)
        if not _int(version) or version < 1:
            raise UntrustedInputError(where, _("version is not a whole number from 1"))
        raw = d.get("regions")
        if not isinstance(raw, list):
            raise UntrustedInputError(where, _("regions is not a list"))
        regions = tuple(Region.from_dict(r, where=f"{where}.regions[{i}]") for i, r in enumerate(raw))
        ids = [r.id for r in regions]
        if len(set(ids)) != len(ids):
            raise UntrustedInputError(where, _("regions: two regions share an id ({names})").format(
                names=', '.join(sorted({i for i in ids if ids.count(i) > 1}))))
        created = d.get("created")
        try:
            when = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
        except ValueError:
            raise UntrustedInputError(where, _("created is not an ISO 8601 time")) from None
        by, note = d.get("created_by", ""), d.get("note", "")
        if not isinstance(by, str) or not isinstance(note, str):
            raise UntrustedInputError(where, _("created_by and .note are text"))
        return cls(spec, float(dpi), regions, int(version), when, by, note)


@dataclass(frozen=True)
class Capture:
    """One light of a genuine specimen: the image's content hash (the store keeps the bytes by it) and its
    resolution."""

    light: str
    sha256: str
    dpi: float
    width: int
    height: int

    def to_dict(self) -> dict[str, Any]:
        return {"light": self.light, "sha256": self.sha256, "dpi": self.dpi, "width": self.width, "height": self.height}

    @classmethod
    def from_dict(cls, d: object, *, where: str = "capture") -> Capture:
        d = _object(d, where)
        light, sha = d.get("light"), d.get("sha256")
        if light not in LIGHTS:
            raise UntrustedInputError(where, _("light is {light}; it is one of {names}").format(
                light=repr(light), names=', '.join(LIGHTS)))
        if not (isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)):
            raise UntrustedInputError(where, _("sha256 is not a SHA-256 in lower-case hex"))
        dpi, w, h = d.get("dpi"), d.get("width"), d.get("height")
        if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not 50 <= dpi <= 5000:
            raise UntrustedInputError(where, _("dpi is {dpi}, not a resolution from 50 to 5000").format(dpi=repr(dpi)))
        if not (_int(w) and _int(h) and w >= 1 and h >= 1):  # type: ignore[operator]
            raise UntrustedInputError(where, _("width and height are not whole numbers of pixels from 1"))
        return cls(str(light), sha, float(dpi), int(w), int(h))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Specimen:
    """A genuine specimen of a document type: its captures per light and where it came from."""

    id: str
    captures: tuple[Capture, ...]
    captured_by: str = ""
    captured_at: dt.date | None = None
    provenance: str = ""  # from what: "specimen booklet from the issuer", "genuine document, case 2026-114"...

    def capture(self, light: str) -> Capture | None:
        return next((c for c in self.captures if c.light == light), None)

    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` in pixels of its captures (all of one size: one frame), (0, 0) without any."""
        return (self.captures[0].width, self.captures[0].height) if self.captures else (0, 0)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "captures": [c.to_dict() for c in self.captures], "captured_by": self.captured_by,
                "captured_at": self.captured_at.isoformat() if self.captured_at else None,
                "provenance": self.provenance}

    @classmethod
    def from_dict(cls, d: object, *, where: str = "specimen") -> Specimen:
        d = _object(d, where)
        sid = _short_id(d, where, "id is not a specimen's id")
        raw = d.get("captures")
        if not isinstance(raw, list):
            raise UntrustedInputError(where, _("captures is not a list"))
        by, prov = d.get("captured_by", ""), d.get("provenance", "")
        if not isinstance(by, str) or not isinstance(prov, str):
            raise UntrustedInputError(where, _("captured_by and provenance are text"))
        return cls(sid, tuple(Capture.from_dict(c, where=f"{where}.captures[{i}]") for i, c in enumerate(raw)), by,
                   _date(d.get("captured_at"), f"{where}.captured_at"), prov)


@dataclass(frozen=True)
class DocumentType:
    """A reference type: the document it describes (state, code, format, name and series, issue period), its
    genuine specimens and its annotation versions (the last is the current one). ``synthetic`` marks the
    generator's designs."""

    id: str
    name: str
    state: str | None = None
    document_code: str | None = None
    format: str | None = None  # a docexam.mrz.MRZFormat value
    series: str = ""
    issued_from: dt.date | None = None
    issued_until: dt.date | None = None
    notes: str = ""
    synthetic: bool = False
    specimens: tuple[Specimen, ...] = ()
    annotations: tuple[Annotation, ...] = field(default_factory=tuple)

    @property
    def annotation(self) -> Annotation | None:
        """The current annotation (the highest version), or None before any."""
        return max(self.annotations, key=lambda a: a.version) if self.annotations else None

    def specimen(self, sid: str) -> Specimen | None:
        return next((s for s in self.specimens if s.id == sid), None)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "state": self.state, "document_code": self.document_code,
                "format": self.format, "series": self.series,
                "issued_from": self.issued_from.isoformat() if self.issued_from else None,
                "issued_until": self.issued_until.isoformat() if self.issued_until else None,
                "notes": self.notes, "synthetic": self.synthetic,
                "specimens": [s.to_dict() for s in self.specimens],
                "annotations": [a.to_dict() for a in self.annotations]}

    @classmethod
    def from_dict(cls, d: object, *, where: str = "type") -> DocumentType:
        d = _object(d, where)
        tid, name = d.get("id"), d.get("name")
        if not (isinstance(tid, str) and tid) or not (isinstance(name, str) and name.strip()):
            raise UntrustedInputError(where, _("id and name are not text"))
        texts = {k: d.get(k) for k in ("state", "document_code", "format")}
        if any(v is not None and not isinstance(v, str) for v in texts.values()):
            raise UntrustedInputError(where, _("state, document_code and format are text or null"))
        series, notes, synthetic = d.get("series", ""), d.get("notes", ""), d.get("synthetic", False)
        if not isinstance(series, str) or not isinstance(notes, str) or not isinstance(synthetic, bool):
            raise UntrustedInputError(where, _("series and notes are text, synthetic true or false"))
        specimens, annotations = d.get("specimens", []), d.get("annotations", [])
        if not isinstance(specimens, list) or not isinstance(annotations, list):
            raise UntrustedInputError(where, _("specimens and annotations are lists"))
        return cls(tid, name, texts["state"], texts["document_code"], texts["format"], series,
                   _date(d.get("issued_from"), f"{where}.issued_from"),
                   _date(d.get("issued_until"), f"{where}.issued_until"), notes, synthetic,
                   tuple(Specimen.from_dict(s, where=f"{where}.specimens[{i}]") for i, s in enumerate(specimens)),
                   tuple(Annotation.from_dict(a, where=f"{where}.annotations[{i}]") for i, a in enumerate(annotations)))


def _object(d: object, where: str) -> Mapping[str, Any]:
    if not isinstance(d, dict):
        raise UntrustedInputError(where, _("not a JSON object"))
    return d


def _short_id(d: Mapping[str, Any], where: str, problem: str) -> str:
    """``d``'s id, text of 1 to 64 characters (a region's or a specimen's), or UntrustedInputError saying ``problem``."""
    value = d.get("id")
    if not (isinstance(value, str) and 0 < len(value) <= 64):
        raise UntrustedInputError(where, problem)
    return value


def _date(v: object, where: str) -> dt.date | None:
    if v is None:
        return None
    try:
        return dt.date.fromisoformat(v) if isinstance(v, str) else _no_date()
    except ValueError:
        raise UntrustedInputError(where, _("{value} is not a date written YYYY-MM-DD").format(value=repr(v))) from None


def _no_date() -> dt.date:
    raise ValueError(_("not text"))


def _int(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and float(v).is_integer()


def _enum(kind: type[StrEnum], value: object, where: str) -> Any:
    try:
        return kind(str(value))
    except ValueError:
        raise UntrustedInputError(where, _("{value} is not one of {names}").format(
            value=repr(value), names=', '.join(m.value for m in kind))) from None
