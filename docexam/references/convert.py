"""Between a library reference's annotation and the regions the comparison checks, both ways.

- :func:`comparison_regions` and :func:`comparison_reference`: the current annotation of a library reference as the
  :class:`docexam.compare.reference.Reference` the comparison checks against, its regions named as ``specimen.json``
  names them (``mrz``, ``portrait``, ``ghost``, ``uv_emblem``, ``viz:<field>``; the names
  :mod:`docexam.compare.checks` and :mod:`docexam.compare.mrz_viz` look for) and the regions expected to absorb in
  IR listed apart; and, whatever their role, every area of the holder's data left out of the fixed-design difference
  and what every region should show in IR and UV as measured on the specimen (:func:`comparison_expectations`,
  checked by :mod:`docexam.compare.expectations`).
- :func:`annotation_from_specimen` and :func:`type_from_specimen`: the generator's reference folder
  (``specimen.json``, as exercise packs write it) as an annotation and a document type, so that the generator's
  designs sit in the library beside the examiner's, marked synthetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docexam.errors import UntrustedInputError
from docexam.i18n import _
from docexam.lights import Light
from docexam.references.model import NAME_AGAIN, Annotation, DocumentType, Expect, Expectation, Region, Role, Source

if TYPE_CHECKING:
    import numpy as np

    from docexam.compare.reference import Expected, Reference
    from docexam.store.library import ReferenceLibrary

#: The comparison's name of the first region of each role it checks (VIZ fields are ``viz:<field>``).
ROLE_NAMES: dict[Role, str] = {Role.MRZ: "mrz", Role.PORTRAIT: "portrait", Role.GHOST: "ghost",
                               Role.UV_FEATURE: "uv_emblem"}
_NAME_ROLES = {name: role for role, name in ROLE_NAMES.items()}
VIZ_PREFIX = "viz:"


def comparison_regions(annotation: Annotation) -> tuple[dict[str, tuple[int, int, int, int]], frozenset[str]]:
    """``(regions, ir_absorbing)`` as the comparison names them: the first region of each role of
    :data:`ROLE_NAMES`, each VIZ field as ``viz:<field>`` (its first region), and the names of those expected to
    absorb in IR. Regions of other roles (signature, personalised area...) reach the comparison through
    :func:`comparison_expectations`."""
    regions: dict[str, tuple[int, int, int, int]] = {}
    absorbing: set[str] = set()
    for r in annotation.regions:
        if r.role is Role.VIZ_FIELD:
            if not r.field or r.field == NAME_AGAIN:
                # the holder's name printed again is the holder's data (a personalised area), not a field to read
                continue
            name = f"{VIZ_PREFIX}{r.field}"
        elif r.role in ROLE_NAMES:
            name = ROLE_NAMES[r.role]
        else:
            continue
        if name in regions:
            continue
        regions[name] = r.box
        if r.expects(Light.IR) is Expect.ABSORBS:
            absorbing.add(name)
    return regions, frozenset(absorbing)


#: The roles that carry the holder's data: their content differs from document to document, so they are left out of
#: the fixed-design difference (whatever else is checked of them).
PERSONAL_ROLES = frozenset({Role.PORTRAIT, Role.GHOST, Role.MRZ, Role.VIZ_FIELD, Role.SIGNATURE, Role.DOCUMENT_NUMBER,
                            Role.PERSONALISED})
#: What the comparison checks of a region in each light (the other expectations, VISIBLE, are the design's).
_CHECKED = {Light.IR: (Expect.ABSORBS, Expect.DROPS_OUT), Light.UV: (Expect.FLUORESCES, Expect.DULL)}


def comparison_names(annotation: Annotation) -> dict[str, Region]:
    """Every region of ``annotation`` under the name the comparison gives it: the names of
    :func:`comparison_regions` for the regions it names, the region's own id for the others (prefixed with its
    role when the id is one of those names)."""
    named, _other = comparison_regions(annotation)
    out: dict[str, Region] = {}
    taken: set[str] = set()
    for r in annotation.regions:
        if r.role is Role.VIZ_FIELD and r.field:
            name: str | None = f"{VIZ_PREFIX}{r.field}"
        else:
            name = ROLE_NAMES.get(r.role)
        if name is None or name in taken or name not in named:
            name = r.id if r.id not in named and r.id not in out else f"{r.role.value}:{r.id}"
        taken.add(name)
        out[name] = r
    return out


def _legacy(named: Mapping[str, object], absorbing: frozenset[str]) -> dict[str, tuple[Expect | None, Expect | None]]:
    """What ``specimen.json``'s rule says of each named region (IR, UV): the IR-absorbing ones absorb, the other
    personalised ones but the portraits drop out, the UV emblem fluoresces; nothing else."""
    out = {}
    for name in named:
        ir = Expect.ABSORBS if name in absorbing else (
            Expect.DROPS_OUT if name not in ("portrait", "ghost", "uv_emblem") else None)
        out[name] = (ir, Expect.FLUORESCES if name == "uv_emblem" else None)
    return out


def comparison_expectations(annotation: Annotation
                            ) -> tuple[tuple[tuple[int, int, int, int], ...], dict[str, Expected] | None]:
    """``(personal, expected)`` of the comparison's Reference for ``annotation``: the boxes of the holder's data the
    named regions do not cover (personalised areas, signature, document numbers, the variable areas learnt from
    several specimens, VIZ fields beyond the first of each; any region of a role of :data:`PERSONAL_ROLES`), and
    what each region should show in IR and UV (:class:`~docexam.compare.reference.Expected`) by its
    :func:`comparison_names` name.

    An annotation that says no more than ``specimen.json`` does (the generator's, :func:`annotation_from_specimen`)
    gives None: its IR-absorbing list says it all, and it is compared as the folder is."""
    from docexam.compare.reference import Expected

    named, absorbing = comparison_regions(annotation)
    personal: list[tuple[int, int, int, int]] = []
    expected: dict[str, Expected] = {}
    for name, r in comparison_names(annotation).items():
        is_personal = r.role in PERSONAL_ROLES
        if is_personal and name not in named:
            personal.append(r.box)
        ir, uv = r.expects(Light.IR), r.expects(Light.UV)
        ir = ir if ir in _CHECKED[Light.IR] else None
        uv = uv if uv in _CHECKED[Light.UV] else None
        if ir is None and uv is None:
            continue
        colour = next((e.colour for e in r.expectations if e.light == Light.UV and e.colour), None)
        expected[name] = Expected(r.box, ir, uv, colour if uv is Expect.FLUORESCES else None, is_personal)
    legacy = _legacy(named, absorbing)
    if not personal and set(expected) <= set(named) and all((e.ir, e.uv) == legacy[n] for n, e in expected.items()) \
            and all(legacy[n] == (None, None) for n in set(named) - set(expected)):
        return (), None
    return tuple(personal), expected


def _with_holder_text(images: Mapping[str, np.ndarray], runs: dict[str, tuple[int, int, int, int]],
                      lines: list[tuple[int, int, int, int]], personal: tuple[tuple[int, int, int, int], ...],
                      expected: dict[str, Expected] | None
                      ) -> tuple[tuple[tuple[int, int, int, int], ...], dict[str, Expected] | None]:
    """``personal`` and ``expected`` with where another holder's VIZ data may be printed
    (:func:`docexam.references.holder_text.holder_text`: an automatic annotation's values run on, and the value lines
    the MRZ does not explain), the latter with what their ink shows in IR and UV, measured on the specimen as the
    annotation measures its regions (:mod:`docexam.references.inks`)."""
    from docexam.compare.reference import Expected
    from docexam.references.inks import ir_behaviour, uv_behaviour

    personal += tuple(b for b in [*runs.values(), *lines] if b not in personal)
    if expected is None:
        return personal, expected  # compared by specimen.json's rule: nothing is measured
    expected = dict(expected)
    for i, box in enumerate(lines, start=1):
        ir = ir_behaviour(images[Light.VISIBLE], images[Light.IR], box) if Light.IR in images else None
        uv, colour = uv_behaviour(images[Light.UV], box) if Light.UV in images else (None, None)
        if ir is not None or uv is not None:
            expected[f"holder-text-{i}"] = Expected(box, ir[0] if ir is not None else None, uv,
                                                    colour if uv is Expect.FLUORESCES else None)
    return personal, expected


def _values_run_on(annotation: Annotation, runs: dict[str, tuple[int, int, int, int]]
                   ) -> dict[str, tuple[int, int, int, int]]:
    """Where an automatic annotation's VIZ values are read: run on to the right as far as another holder's may be
    printed (:func:`docexam.references.holder_text.holder_text`), so that the VIZ is read whole. Names vary in
    length without bound; a date or a number of another holder, or one printed again in another typeface, may run
    a little past the specimen's (another month's name, wider glyphs: a re-printed date's year fell outside its
    box and the field could not be compared). The comparison reads what starts in the value's own box and runs on
    from it without a gap wider than a word's (:func:`docexam.compare.mrz_viz._run_on_from`), not what is printed
    further along the line."""
    return {name: runs[r.id] for name, r in comparison_names(annotation).items()
            if name.startswith(VIZ_PREFIX) and r.id in runs and runs[r.id] != r.box}


def comparison_reference(kind: DocumentType, images: Mapping[str, np.ndarray], *,
                         annotation: Annotation | None = None) -> Reference:
    """The library reference ``kind`` as the comparison's :class:`~docexam.compare.reference.Reference`: the images
    of its annotation's specimen (``images``, ``{light: RGB array}``, all of one size) with the regions of
    ``annotation`` (default: the current one; none before any), naming the type and the version it came from.

    Raises
    ------
    ValueError
        The images differ in size, or a region lies outside them.
    """
    from docexam.compare.reference import Reference

    if not images:
        raise ValueError(_("reference {name} has no image to compare with").format(name=repr(kind.name)))
    shapes = {img.shape[:2] for img in images.values()}
    if len(shapes) != 1:
        raise ValueError(_("the images of reference {name} differ in size ({shapes})").format(
            name=repr(kind.name), shapes=sorted(shapes)))
    height, width = shapes.pop()
    annotation = annotation if annotation is not None else kind.annotation
    regions: dict[str, tuple[int, int, int, int]] = {}
    absorbing: frozenset[str] = frozenset()
    personal: tuple[tuple[int, int, int, int], ...] = ()
    expected: dict[str, Expected] | None = None
    read_boxes: dict[str, tuple[int, int, int, int]] = {}
    dpi = next((c.dpi for s in kind.specimens for c in s.captures), 300.0)
    if annotation is not None:
        regions, absorbing = comparison_regions(annotation)
        dpi = annotation.dpi
        for r in annotation.regions:
            x, y, w, h = r.box
            if x + w > width or y + h > height:
                name = next((n for n, b in regions.items() if b == r.box), r.id)
                raise ValueError(_("region {name} of reference {reference} lies outside its {width}x{height} images").format(
                    name=repr(name), reference=repr(kind.name), width=width, height=height))
        personal, expected = comparison_expectations(annotation)
        if Light.VISIBLE in images:
            from docexam.references.holder_text import holder_text

            runs, lines = holder_text(images[Light.VISIBLE], annotation)
            personal, expected = _with_holder_text(images, runs, lines, personal, expected)
            read_boxes = _values_run_on(annotation, runs)
    family = kind.format.lower().replace("-", "") if kind.format else None
    return Reference(dict(images), regions, absorbing, float(dpi), family, library=kind.id,
                     version=annotation.version if annotation is not None else None, personal=personal,
                     expected=expected, read_boxes=read_boxes)


def library_reference(library: ReferenceLibrary, ident: int | str, *, version: int | None = None) -> Reference:
    """The comparison's Reference of the library's type ``ident`` with its annotation ``version`` (default: the
    current one), on the images of that version's specimen: what a comparison was made with, found again from
    what it recorded (:class:`docexam.store.records.ReferenceId` ``library`` and ``version``).

    Raises
    ------
    docexam.store.library.ReferenceNotFoundError
        No such type here.
    ValueError
        No such version, or its regions do not fit the images.
    """
    kind = library.show(ident)
    annotation = kind.annotation
    if version is not None:
        annotation = next((a for a in kind.annotations if a.version == version), None)
        if annotation is None:
            raise ValueError(_("reference {name} has no annotation version {version} (it has {versions})").format(
                name=repr(kind.name), version=version, versions=', '.join(str(a.version) for a in kind.annotations) or _("none")))
    images = library.images(kind.id, specimen=annotation.specimen if annotation is not None else None)
    return comparison_reference(kind, images, annotation=annotation)


@dataclass(frozen=True)
class MRZIdentity:
    """What a document's MRZ says of its type: issuing ``state``, ``document_code``, ``format`` (a
    :class:`docexam.mrz.MRZFormat` value) and ``expiry`` date, whether the reading is ``valid`` (check digits hold
    and the recogniser was sure), and ``how`` it was read, in words. All None when no MRZ was read."""

    state: str | None = None
    document_code: str | None = None
    format: str | None = None
    expiry: dt.date | None = None
    valid: bool = False
    how: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "document_code": self.document_code, "format": self.format,
                "expiry": self.expiry.isoformat() if self.expiry else None, "valid": self.valid, "how": self.how}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MRZIdentity:
        expiry = d.get("expiry")
        return cls(d.get("state"), d.get("document_code"), d.get("format"),
                   dt.date.fromisoformat(expiry) if isinstance(expiry, str) else None, bool(d.get("valid")),
                   str(d.get("how") or ""))


def mrz_identity(images: Mapping[str, np.ndarray], *, today: dt.date | None = None) -> MRZIdentity:
    """The MRZ of a document's captures ``{light: RGB array}``, read in IR then visible light (the lights the MRZ is
    printed to be read in, Doc 9303 Part 3, 4.3), the first valid reading kept, else the last one with a format."""
    from docexam.imageio import to_gray
    from docexam.lights import MRZ_LIGHTS
    from docexam.read.reader import read_gray

    best = MRZIdentity(how="no MRZ could be read in " + " or ".join(str(x) for x in MRZ_LIGHTS if x in images))
    for light in MRZ_LIGHTS:
        if light not in images:
            continue
        r = read_gray(to_gray(images[light]), today=today)
        mrz = r.mrz
        if mrz is not None and mrz.format is not None and mrz.fields is not None:
            expiry = mrz.fields.expiry_date.value if mrz.fields.expiry_date is not None else None
            best = MRZIdentity(mrz.fields.issuing_state, mrz.fields.document_code.replace("<", "") or None,
                               mrz.format.value, expiry, r.valid,
                               f"{'valid' if r.valid else 'not valid'} MRZ read in {light} light")
            if r.valid:
                break
    return best


def _box(value: object, name: str, source: str) -> tuple[int, int, int, int]:
    if not (isinstance(value, list) and len(value) == 4
            and all(isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer() for v in value)):
        raise UntrustedInputError(source, _("region {name} is not [x, y, w, h] in whole pixels").format(
            name=repr(name)))
    x, y, w, h = (int(v) for v in value)
    if x < 0 or y < 0 or w <= 0 or h <= 0:
        raise UntrustedInputError(source, _("region {name} has no positive size inside the image").format(
            name=repr(name)))
    return x, y, w, h


def annotation_from_specimen(meta: Mapping[str, Any], *, specimen: str, source: str = "specimen.json") -> Annotation:
    """The annotation of the generator's reference described by ``meta`` (``specimen.json``'s object) for the
    library specimen ``specimen``: each named region with its role (``viz:<field>`` a VIZ field mirroring that MRZ
    field), IR-absorbing regions expected to absorb in IR and the other VIZ fields to drop out, the UV emblem to
    fluoresce. The generator knows where it drew them: the regions are not guesses (confidence 1, not automatic).
    ``comparison_regions`` of it gives ``meta``'s regions and IR-absorbing list back."""
    regions = meta.get("regions")
    if not isinstance(regions, dict):
        raise UntrustedInputError(source, _('it names no regions ({"regions": {name: [x, y, w, h]}})'))
    absorbing = meta.get("ir_absorbing", [])
    if not (isinstance(absorbing, list) and all(isinstance(v, str) for v in absorbing)):
        raise UntrustedInputError(source, _("'ir_absorbing' is not a list of region names"))
    dpi = meta.get("dpi", 300)
    if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not 50 <= dpi <= 5000:
        raise UntrustedInputError(source, _("'dpi' is {dpi}, not a resolution from 50 to 5000").format(dpi=repr(dpi)))
    out: list[Region] = []
    for name, value in regions.items():
        box = _box(value, str(name), source)
        expectations: tuple[Expectation, ...] = ()
        if name in absorbing:
            expectations = (Expectation(Light.IR.value, Expect.ABSORBS),)
        if str(name).startswith(VIZ_PREFIX):
            role, fld = Role.VIZ_FIELD, str(name)[len(VIZ_PREFIX):]
            if name not in absorbing:
                expectations = (Expectation(Light.IR.value, Expect.DROPS_OUT),)
        elif name in _NAME_ROLES:
            role, fld = _NAME_ROLES[name], None
            if role is Role.UV_FEATURE:
                expectations += (Expectation(Light.UV.value, Expect.FLUORESCES),)
        else:
            continue  # a region the comparison does not know: not the library's either
        out.append(Region(str(name)[:64], role, box, fld, expectations, Source.EXAMINER, 1.0,
                          "drawn by the generator"))
    return Annotation(specimen, float(dpi), tuple(out), note="the generator's specimen.json")


def type_from_specimen(meta: Mapping[str, Any]) -> dict[str, Any]:
    """What ``specimen.json`` says of the document type: ``name`` (its title and design), issuing ``state``,
    ``document_code`` and ``format`` (from its MRZ, Doc 9303 Part 4, 4.2.2 and Part 3, 5), ``series`` (the design)."""
    from docexam.mrz import parse

    mrz = meta.get("mrz")
    state = code = fmt = None
    if isinstance(mrz, list) and all(isinstance(x, str) for x in mrz) and mrz:
        result = parse(mrz)
        if result.format is not None:
            fmt = result.format.value
            state = result.fields.issuing_state if result.fields else None
            code = (result.fields.document_code if result.fields else None) or mrz[0][:2].replace("<", "") or None
    design = meta.get("design") if isinstance(meta.get("design"), str) else None
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    family = meta.get("family") if isinstance(meta.get("family"), str) else None
    name = " ".join(x for x in (title or (family or "reference").upper(), f"({design})" if design else "") if x)
    return {"name": name, "state": state, "document_code": code, "format": fmt, "series": design or ""}
