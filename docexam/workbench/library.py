"""The workstation's side of the reference library (issue 19, item 3), Qt-free: the browser's search and rows, the
thumbnails, making a reference from captures (a folder, files, or the open case's) with its automatic annotation,
the reference proposed for a case by its MRZ, and the editor's draft of an annotation (:class:`AnnotationDraft`).

The library itself is :class:`docexam.store.library.ReferenceLibrary`; what is written goes through it (one
transaction per change, audited). The long steps (decoding captures, the automatic annotation) are tasks in the
shape of :mod:`docexam.workbench.tasks` (``progress`` and ``cancel`` keyword arguments), for the GUI's workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from psygnal import SignalGroupDescriptor

from docexam.i18n import _
from docexam.lights import LIGHTS, Expect, Light, light_from_name
from docexam.references.model import Annotation, Box, DocumentType, Expectation, Region, Role, Source
from docexam.store.library import ReferenceChoice, ReferenceInputError, ReferenceLibrary, ReferenceSummary
from docexam.workbench.tasks import CancelToken, Progress

if TYPE_CHECKING:
    import numpy as np

    from docexam.store.library import PreparedSpecimen
    from docexam.store.records import MRZReading
    from docexam.store.store import Store

#: Long side of a browser thumbnail, pixels.
THUMBNAIL_PX = 96

#: What the editor offers per light (Doc 9303 Part 2 lists IR-absorbing inks and UV-fluorescent features among the
#: security features an examiner checks in those lights).
LIGHT_EXPECTS: dict[str, tuple[Expect, ...]] = {
    Light.VISIBLE.value: (Expect.VISIBLE,),
    Light.UV.value: (Expect.FLUORESCES, Expect.DULL, Expect.VISIBLE),
    Light.IR.value: (Expect.ABSORBS, Expect.DROPS_OUT, Expect.VISIBLE),
}

#: The words of each role, as the editor shows them.
ROLE_LABELS: dict[Role, str] = {
    Role.PORTRAIT: "Portrait", Role.GHOST: "Ghost image", Role.MRZ: "MRZ", Role.VIZ_FIELD: "VIZ field",
    Role.SIGNATURE: "Signature", Role.DOCUMENT_NUMBER: "Document number", Role.UV_FEATURE: "UV feature",
    Role.IR_FEATURE: "IR feature", Role.PERSONALISED: "Personalised area", Role.FIXED_DESIGN: "Fixed design",
}

#: The words of each expectation.
EXPECT_LABELS: dict[Expect, str] = {
    Expect.ABSORBS: "absorbs (dark)", Expect.DROPS_OUT: "drops out", Expect.FLUORESCES: "fluoresces",
    Expect.DULL: "dull (no glow)", Expect.VISIBLE: "as on the specimen",
}

#: The fluorescence colours the editor offers for a region that fluoresces in UV (RGB as a capture under 365 nm
#: shows them); a colour measured on the specimen, or picked, is kept as it is. Doc 9303 Part 2 names UV-fluorescent
#: inks and fibres, in visible colours, among a travel document's security features.
FLUORESCENCE_COLOURS: dict[str, tuple[int, int, int]] = {
    "blue": (60, 110, 255), "green": (50, 210, 90), "yellow": (240, 225, 50), "orange": (255, 150, 40),
    "red": (235, 50, 50), "violet": (165, 80, 240), "white": (235, 235, 245),
}

# --- the browser ---------------------------------------------------------------------------------------------------


def matches(summary: ReferenceSummary, query: str) -> bool:
    """Whether ``summary`` answers the browser's search ``query``: every word of it is the reference's issuing
    state, document code or format, or is in its name (any case), or says its kind (``synthetic``, ``genuine``). An
    empty query matches every reference."""
    name = summary.name.upper()
    codes = {c.upper() for c in (summary.state, summary.document_code, summary.format) if c}
    codes.add("SYNTHETIC" if summary.synthetic else "GENUINE")
    for word in query.upper().split():
        if word in codes or word in name or (summary.format and word.replace("-", "") == summary.format.upper()):
            continue
        return False
    return True


def search(summaries: Iterable[ReferenceSummary], query: str) -> list[ReferenceSummary]:
    return [s for s in summaries if matches(s, query)]


def issue_period(summary: ReferenceSummary) -> str:
    """The issue period in words: ``2019-01-01 to 2024-12-31``, ``from 2019-01-01``, ``until ...`` or ``""``."""
    a, b = summary.issued_from, summary.issued_until
    if a and b:
        return f"{a} to {b}"
    return f"from {a}" if a else (f"until {b}" if b else "")


@dataclass(frozen=True)
class LibraryRow:
    """One row of the library browser: the summary and the texts of its columns."""

    summary: ReferenceSummary

    COLUMNS: ClassVar[tuple[str, ...]] = ("Name", "State", "Code", "Format", "Series", "Issued", "Specimens",
                                          "Version", "Kind")

    def cells(self, series: str = "") -> tuple[str, ...]:
        s = self.summary
        return (s.name, s.state or "", s.document_code or "", s.format or "", series, issue_period(s),
                str(s.specimens), f"v{s.version}" if s.version else "none",
                "synthetic" if s.synthetic else "genuine")


def thumbnail(library: ReferenceLibrary, ident: int | str, *, size: int = THUMBNAIL_PX) -> np.ndarray | None:
    """A small RGB picture of the reference's visible capture (of its current annotation's specimen, else its first
    specimen, else any light), long side ``size`` pixels; None when it has no capture."""
    import cv2

    from docexam.imageio import load_image_bytes

    if size < 8:
        raise ValueError(f"size must be at least 8 pixels, got {size}")
    kind = library.show(ident)
    current = kind.annotation
    spec = kind.specimen(current.specimen) if current is not None else None
    spec = spec or (kind.specimens[0] if kind.specimens else None)
    if spec is None or not spec.captures:
        return None
    capture = spec.capture(Light.VISIBLE) or spec.captures[0]
    image = load_image_bytes(library.store.blob(capture.sha256), name=f"{kind.name} {capture.light}", pages=1)[0].image
    h, w = image.shape[:2]
    scale = size / max(h, w)
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return small if small.ndim == 3 else cv2.cvtColor(small, cv2.COLOR_GRAY2RGB)


@dataclass(frozen=True, eq=False)
class RowDetails:
    """What the browser shows of a reference beyond its summary: its ``series`` and ``thumbnail`` (RGB, or None)."""

    series: str
    thumbnail: np.ndarray | None


def row_details(library: ReferenceLibrary, idents: Sequence[int | str], *, size: int = THUMBNAIL_PX,
                progress: Progress | None = None, cancel: CancelToken | None = None) -> dict[int | str, RowDetails]:
    """:class:`RowDetails` of each of ``idents`` (a task for a worker: decoding the captures takes a while)."""
    out: dict[int | str, RowDetails] = {}
    for i, ident in enumerate(idents):
        if cancel is not None:
            cancel.check("thumbnails")
        if progress is not None:
            progress(i / max(1, len(idents)), f"thumbnail {i + 1} of {len(idents)}")
        out[ident] = RowDetails(library.show(ident).series, thumbnail(library, ident, size=size))
    return out


# --- making a reference --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewReference:
    """What the examiner says of a reference to make: its ``name`` (required) and, when known, issuing ``state``,
    ``document_code``, ``format``, ``series`` (else read from the first specimen's MRZ)."""

    name: str
    state: str | None = None
    document_code: str | None = None
    format: str | None = None
    series: str = ""
    provenance: str = ""
    dpi: float | None = None  # the captures' resolution; None: as the images record it

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "state": self.state, "document_code": self.document_code, "format": self.format,
                "series": self.series, "provenance": self.provenance, "dpi": self.dpi}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NewReference:
        dpi = d.get("dpi")
        return cls(str(d["name"]), d.get("state"), d.get("document_code"), d.get("format"), str(d.get("series") or ""),
                   str(d.get("provenance") or ""), float(dpi) if isinstance(dpi, int | float) else None)


def specimen_sources(paths: Iterable[str | Path]) -> list[dict[str, Path]]:
    """The genuine specimens in ``paths`` (what was dropped or chosen): each folder is one specimen
    (``visible.*``, ``uv.*``, ``ir.*``); loose image files are together one specimen, each file's light from its name
    (``visible``, ``uv``, ``ir``, ``..._uv``; a file naming none is the visible capture).

    Raises
    ------
    ReferenceInputError
        Nothing usable, or two loose files of one light.
    """
    from docexam.compare.reference import light_files
    from docexam.imageio import IMAGE_SUFFIXES

    specimens: list[dict[str, Path]] = []
    loose: dict[str, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            specimens.append(dict(light_files(p)))
        elif p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES:
            light = str(light_from_name(p) or Light.VISIBLE)
            if light in loose:
                raise ReferenceInputError(_("{first} and {second} are both {light} captures; give the captures of one specimen (or one folder per "
                                            "specimen)").format(first=loose[light].name, second=p.name, light=light))
            loose[light] = p
    if loose:
        specimens.insert(0, {light.value: loose[light.value] for light in LIGHTS if light.value in loose})
    if not specimens:
        raise ReferenceInputError(_("no capture given: drop a folder holding visible.*, uv.* and/or ir.* images of a "
                                    "genuine specimen, or the image files themselves"))
    return specimens


def synthetic_folder(paths: Sequence[str | Path]) -> Path | None:
    """The generator's reference folder among ``paths`` (one folder holding ``specimen.json``, as exercise packs and
    the workstation's bundled references write it), or None."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    return folders[0] if len(paths) == 1 and len(folders) == 1 and (folders[0] / "specimen.json").is_file() else None


def automatic_annotation(specimens: Sequence[PreparedSpecimen], *, today: dt.date | None = None) -> Annotation:
    """The automatic annotation of the first of ``specimens``, its personalised areas learnt from the others
    (:func:`docexam.references.variable.learn_variable`) when there are several."""
    from docexam.references.annotate import annotate
    from docexam.references.variable import learn_variable

    first = specimens[0]
    ann = annotate(first.images, dpi=first.dpi, specimen=first.uid, today=today)
    if len(specimens) > 1:
        pairs = [(first.images, ann)] + [(s.images, annotate(s.images, dpi=s.dpi, specimen=s.uid, today=today))
                                          for s in specimens[1:]]
        ann = learn_variable(pairs)
    return ann


@dataclass(frozen=True)
class Created:
    """A reference made: its summary, and what was read of its type from the MRZ (in words; empty when the examiner
    said it all)."""

    summary: ReferenceSummary
    how: str = ""


def create_reference(store: Store, about: NewReference, *, paths: Sequence[str | Path] = (),
                     case: int | str | None = None, today: dt.date | None = None,
                     progress: Progress | None = None, cancel: CancelToken | None = None) -> Created:
    """Make a reference from the genuine specimens in ``paths`` (:func:`specimen_sources`) and/or the open
    ``case``'s captures ("use this document as a reference"), annotated automatically, its state, code and format
    read from the first specimen's MRZ where ``about`` leaves them out. The generator's reference folder (one folder
    with ``specimen.json``) is added as a synthetic reference with the regions the generator drew. Nothing is written
    unless all of it succeeds.

    Raises
    ------
    ReferenceInputError
        No name, no specimen, specimens of different sizes, a blank capture.
    docexam.references.annotate.NoDocumentError
        Neither an MRZ nor a portrait in the visible capture.
    """
    from docexam.store.library import same_size_problem

    report = progress or (lambda fraction, message: None)
    token = cancel or CancelToken()
    if not about.name.strip():
        raise ReferenceInputError(_("give the reference a name, e.g. 'Utopia passport, 2025 series'"))
    synthetic = synthetic_folder(paths) if case is None else None
    if synthetic is not None:
        report(0.2, f"reading the generator's reference {synthetic.name}")
        return Created(add_synthetic(ReferenceLibrary(store), synthetic, about=about), "the generator's specimen.json")
    report(0.05, "reading the captures")
    specimens = _prepare(store, paths=paths, case=case, dpi=about.dpi, provenance=about.provenance)
    problem = same_size_problem([(s.source or s.uid, *s.size, s.dpi) for s in specimens])
    if problem:
        raise ReferenceInputError(_("{problem}; nothing was written").format(problem=problem))
    token.check("making the reference")
    report(0.2, f"annotating {len(specimens)} specimen(s) automatically (MRZ, portrait, VIZ fields, UV and IR)")
    annotation = automatic_annotation(specimens, today=today)
    token.check("making the reference")
    state, code, fmt, how = about.state, about.document_code, about.format, ""
    if not (state and code and fmt):
        from docexam.references.convert import mrz_identity

        report(0.85, "reading the document's type from its MRZ")
        mrz = mrz_identity(specimens[0].images, today=today)
        how = mrz.how
        if mrz.valid:
            state, code, fmt = state or mrz.state, code or mrz.document_code, fmt or mrz.format
    token.check("making the reference")
    report(0.95, "writing the reference")
    library = ReferenceLibrary(store)
    kind = library.create(about.name, specimens=specimens, annotation=annotation, state=state, document_code=code,
                          format=fmt, series=about.series)
    return Created(library.summary(kind.id), how)


# --- what a reference describes, and more specimens of it --------------------------------------------------------


@dataclass(frozen=True)
class TypeDescription:
    """What a reference describes, as the examiner edits it (the details dialog): its ``name`` (required), issuing
    ``state``, ``document_code``, ``format``, ``series``, issue period and ``notes``. Saving it
    (:meth:`save`) leaves the annotation versions as they are."""

    name: str
    state: str | None = None
    document_code: str | None = None
    format: str | None = None
    series: str = ""
    issued_from: dt.date | None = None
    issued_until: dt.date | None = None
    notes: str = ""

    @classmethod
    def of(cls, kind: DocumentType) -> TypeDescription:
        return cls(kind.name, kind.state, kind.document_code, kind.format, kind.series, kind.issued_from,
                   kind.issued_until, kind.notes)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "state": self.state, "document_code": self.document_code, "format": self.format,
                "series": self.series, "issued_from": self.issued_from.isoformat() if self.issued_from else None,
                "issued_until": self.issued_until.isoformat() if self.issued_until else None, "notes": self.notes}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TypeDescription:
        def day(v: object) -> dt.date | None:
            return dt.date.fromisoformat(v) if isinstance(v, str) and v else None

        return cls(str(d["name"]), d.get("state"), d.get("document_code"), d.get("format"), str(d.get("series") or ""),
                   day(d.get("issued_from")), day(d.get("issued_until")), str(d.get("notes") or ""))

    def save(self, library: ReferenceLibrary, ident: int | str) -> DocumentType:
        """Kept through :meth:`ReferenceLibrary.describe` (audited; the annotation's version unchanged)."""
        return library.describe(ident, name=self.name, state=self.state, document_code=self.document_code,
                                format=self.format, series=self.series, issued_from=self.issued_from,
                                issued_until=self.issued_until, notes=self.notes)


def parse_day(text: str, what: str) -> dt.date | None:
    """A date the examiner typed (``YYYY-MM-DD``; empty: not known)."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ReferenceInputError(_("{what} {text} is not a date written YYYY-MM-DD (e.g. 2019-03-01)").format(
            what=what, text=repr(text))) from None


def _prepare(store: Store, *, paths: Sequence[str | Path], case: int | str | None, dpi: float | None,
             provenance: str) -> list[PreparedSpecimen]:
    """The genuine specimens in ``paths`` and the ``case``'s captures, read and checked (before any write)."""
    from docexam.store.library import ResolutionUnknownError, prepare_specimen, prepare_specimen_from_case

    try:
        specimens = [prepare_specimen(files, dpi=dpi, source=str(Path(next(iter(files.values()))).parent),
                                      provenance=provenance)
                     for files in (specimen_sources(paths) if paths else [])]
        if case is not None:
            specimens.append(prepare_specimen_from_case(store, case, dpi=dpi, provenance=provenance or None))
    except ResolutionUnknownError as e:  # the store's wording names the command line's --dpi
        raise ReferenceInputError(_("{reason}; give the resolution the captures were made at (dpi)").format(
            reason=_("{where}: its images do not record their resolution").format(where=e.where))) from None
    if not specimens:
        raise ReferenceInputError(_("no specimen given: choose the captures of a genuine document, or open its case"))
    return specimens


@dataclass(frozen=True)
class SpecimensAdded:
    """Genuine specimens added to a reference: its summary after, how many were added, and the annotation version
    with the variable areas learnt from all its specimens (0: none was made, the reference had one specimen)."""

    summary: ReferenceSummary
    added: int
    learnt_version: int = 0


def add_specimens(store: Store, ident: int | str, *, paths: Sequence[str | Path] = (), case: int | str | None = None,
                  dpi: float | None = None, provenance: str = "", today: dt.date | None = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None) -> SpecimensAdded:
    """Add the genuine specimens in ``paths`` and/or the open ``case``'s captures to the library's reference
    ``ident``. With two or more specimens in all, the personalised areas of its current annotation are learnt again
    from all of them (:func:`docexam.references.variable.learn_variable`) and kept as its next version, in the same
    transaction as the specimens; nothing is written unless all of it succeeds.

    Raises
    ------
    ReferenceInputError
        No specimen, a blank capture, a document of another size than the reference's.
    docexam.references.variable.DesignMismatchError
        A specimen that is not of the reference's design.
    """
    from docexam.references.annotate import annotate
    from docexam.references.variable import learn_variable
    from docexam.store.library import same_size_problem

    report = progress or (lambda fraction, message: None)
    token = cancel or CancelToken()
    library = ReferenceLibrary(store)
    kind = library.show(ident)
    report(0.05, "reading the captures")
    new = _prepare(store, paths=paths, case=case, dpi=dpi, provenance=provenance)
    there = [(f"reference {kind.name!r}", *s.size, s.captures[0].dpi) for s in kind.specimens[:1] if s.captures]
    problem = same_size_problem([*there, *((s.source or s.uid, *s.size, s.dpi) for s in new)])
    if problem:
        raise ReferenceInputError(_("{problem}; nothing was written").format(problem=problem))
    token.check("adding the specimen")
    annotation = None
    if len(kind.specimens) + len(new) >= 2:
        report(0.2, f"learning the variable areas from {len(kind.specimens) + len(new)} specimens")
        base = kind.annotation
        if base is not None:
            base_images = library.images(kind.id, specimen=base.specimen)
        elif kind.specimens:
            base_images = library.images(kind.id, specimen=kind.specimens[0].id)
            base = annotate(base_images, dpi=kind.specimens[0].captures[0].dpi, specimen=kind.specimens[0].id,
                            today=today)
        else:
            base_images = new[0].images
            base = annotate(base_images, dpi=new[0].dpi, specimen=new[0].uid, today=today)
        others = [library.images(kind.id, specimen=s.id) for s in kind.specimens if s.id != base.specimen]
        others += [s.images for s in new if s.uid != base.specimen]
        token.check("adding the specimen")
        # learn_variable reads only the others' captures (registered onto the base); their annotations are not used.
        annotation = learn_variable([(base_images, base), *((images, base) for images in others)])
    token.check("adding the specimen")
    report(0.95, "writing the specimens")
    kept = library.add_specimens(kind.id, new, annotation=annotation)
    return SpecimensAdded(library.summary(kind.id), len(new), kept.annotation.version if annotation and kept.annotation
                          else 0)


def add_synthetic(library: ReferenceLibrary, folder: str | Path, *, about: NewReference | None = None,
                  notes: str = "") -> ReferenceSummary:
    """The generator's reference ``folder`` (``specimen.json`` and its images) added to the library, marked
    synthetic, with the regions the generator drew (``docexam reference create --synthetic-from`` and the
    workstation both add it so); what ``about`` says (name, state, code, format, series) before what
    ``specimen.json`` says, its ``dpi`` when ``specimen.json`` gives none."""
    from docexam.compare.reference import light_files
    from docexam.errors import UntrustedInputError
    from docexam.jsonsafe import load_file
    from docexam.references.convert import annotation_from_specimen, type_from_specimen
    from docexam.store.library import prepare_specimen

    folder = Path(folder)
    meta = load_file(folder / "specimen.json")
    if not isinstance(meta, dict):
        raise UntrustedInputError(str(folder / "specimen.json"), _("not a JSON object"))
    about = about or NewReference("")
    dpi = meta.get("dpi")
    spec = prepare_specimen(light_files(folder), dpi=dpi if isinstance(dpi, int | float) else about.dpi,
                            source=str(folder), provenance=f"the generator's reference {folder.name}")
    annotation = annotation_from_specimen(meta, specimen=spec.uid, source=str(folder / "specimen.json"))
    described = type_from_specimen(meta)
    kind = library.create(about.name.strip() or described["name"], specimens=[spec], annotation=annotation,
                          state=about.state or described["state"],
                          document_code=about.document_code or described["document_code"],
                          format=about.format or described["format"], series=about.series or described["series"],
                          notes=notes, synthetic=True)
    return library.summary(kind.id)


def add_design(store: Store, code: str, *, progress: Progress | None = None,
               cancel: CancelToken | None = None) -> ReferenceSummary:
    """The generator's design ``code`` (``UTO-TD3``, ``CSP-TD1-3``: :func:`docexam.specimens.designs.catalogue`) in
    the library, marked synthetic: its reference specimen drawn (once, into the user's cache) and added with the
    regions the generator drew; the reference already there when the library has that design's (nothing added
    twice).

    Raises
    ------
    ValueError
        ``code`` is not a design the generator makes.
    """
    from docexam.workbench.references import canonical
    from docexam.workbench.tasks import reference_folder

    named = canonical(code.strip().upper()) if isinstance(code, str) else None
    if named is None:
        raise ValueError(_("{code} is not a design of the generator (a code such as UTO-TD3 or CSP-TD1-3)").format(
            code=repr(code)))
    library = ReferenceLibrary(store)
    there = [s for s in library.list(synthetic=True) if library.show(s.uid).series == named]
    if there:
        return there[0]
    if progress is not None:
        progress(0.1, f"drawing the reference specimen of {named}")
    folder = reference_folder(named)
    if cancel is not None:
        cancel.check("adding the design")
    if progress is not None:
        progress(0.8, f"adding {named} to the library")
    return add_synthetic(library, folder)


# --- proposing a reference for a case ------------------------------------------------------------------------------


def propose(library: ReferenceLibrary, reading: MRZReading | None) -> ReferenceChoice | None:
    """The library's reference for a case whose MRZ reading is ``reading`` (:func:`choose_reference`: issuing
    state, document code and format, then the issue period against the expiry date), or None: no reading, a
    reading without those fields, or no reference matching them."""
    from docexam.store.library import choose_reference

    if reading is None or not reading.fields or not reading.format:
        return None
    fields = reading.fields
    expiry = None
    raw = fields.get("expiry_date")
    if isinstance(raw, str):
        try:
            expiry = dt.date.fromisoformat(raw)
        except ValueError:
            expiry = None
    code = fields.get("document_code")
    state = fields.get("issuing_state")
    return choose_reference(library, state=state if isinstance(state, str) else None,
                            document_code=code if isinstance(code, str) else None, format=reading.format, expiry=expiry)


# --- the editor's draft --------------------------------------------------------------------------------------------


def _clip(box: Sequence[float], width: int, height: int) -> Box:
    """``box`` in whole pixels inside a ``width`` x ``height`` image, at least 2 x 2."""
    x, y, w, h = (round(float(v)) for v in box)
    if w < 0:
        x, w = x + w, -w
    if h < 0:
        y, h = y + h, -h
    x = min(max(0, x), max(0, width - 2))
    y = min(max(0, y), max(0, height - 2))
    w = min(max(2, w), width - x)
    h = min(max(2, h), height - y)
    return x, y, w, h


@dataclass(eq=False)
class AnnotationDraft:
    """The annotation the editor shows and changes: its ``regions``, the ``selected`` one (an id or None) and the
    ``light`` shown, over ``base`` (the version it started from) on a specimen of ``size`` (width, height) pixels.

    Evented (:mod:`docexam.workbench.events`): ``events.regions``, ``events.selected``, ``events.light``. A region
    the examiner changes or draws becomes :attr:`Source.EXAMINER` (confidence 1); :meth:`annotation` is the next
    version to keep, :meth:`save` keeps it in the library.
    """

    base: Annotation
    size: tuple[int, int]
    regions: tuple[Region, ...] = ()
    selected: str | None = None
    light: str = Light.VISIBLE.value
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __post_init__(self) -> None:
        if not self.regions:
            self.regions = self.base.regions

    @classmethod
    def of(cls, base: Annotation, size: tuple[int, int]) -> AnnotationDraft:
        w, h = size
        if w < 2 or h < 2:
            raise ValueError(_("the specimen's size must be at least 2 x 2 pixels, got {w} x {h}").format(w=w, h=h))
        return cls(base, (int(w), int(h)), base.regions)

    @property
    def changed(self) -> bool:
        """Whether the regions differ from the version the draft started from."""
        return self.regions != self.base.regions

    def region(self, rid: str) -> Region:
        for r in self.regions:
            if r.id == rid:
                return r
        raise KeyError(_("no region {rid} in the annotation").format(rid=repr(rid)))

    def select(self, rid: str | None) -> None:
        if rid is not None:
            self.region(rid)
        self.selected = rid

    def set_light(self, light: str) -> None:
        if light not in LIGHTS:
            raise ValueError(_("light must be one of {names}, got {light}").format(
                names=', '.join(LIGHTS), light=repr(light)))
        self.light = str(light)

    def _replace(self, rid: str, **changes: Any) -> Region:
        old = self.region(rid)
        new = replace(old, **changes, source=Source.EXAMINER, confidence=1.0)
        if new != old:
            self.regions = tuple(new if r.id == rid else r for r in self.regions)
        return new

    def move(self, rid: str, box: Sequence[float]) -> Region:
        """Region ``rid`` moved or resized to ``box`` (x, y, w, h; kept inside the specimen)."""
        box = _clip(box, *self.size)
        if box == self.region(rid).box:
            return self.region(rid)
        return self._replace(rid, box=box)

    def set_role(self, rid: str, role: Role | str) -> Region:
        role = Role(role)
        return self._replace(rid, role=role, field=self.region(rid).field if role is Role.VIZ_FIELD else None)

    def set_field(self, rid: str, name: str | None) -> Region:
        """The MRZ field a VIZ field mirrors (a :class:`docexam.mrz.viz.VIZField` value), None for none."""
        return self._replace(rid, field=name or None)

    def set_expectation(self, rid: str, light: str, expect: Expect | str | None, *,
                        colour: tuple[int, int, int] | None = None) -> Region:
        """What region ``rid`` should show in ``light`` (None: nothing said)."""
        if light not in LIGHTS:
            raise ValueError(_("light must be one of {names}, got {light}").format(
                names=', '.join(LIGHTS), light=repr(light)))
        kept = tuple(e for e in self.region(rid).expectations if e.light != light)
        old = next((e for e in self.region(rid).expectations if e.light == light), None)
        if expect is not None:
            expect = Expect(expect)
            if colour is None and old is not None and old.expect is expect:
                colour = old.colour
            kept += (Expectation(str(light), expect, colour if expect is Expect.FLUORESCES else None),)
        order = {str(x): i for i, x in enumerate(LIGHTS)}
        return self._replace(rid, expectations=tuple(sorted(kept, key=lambda e: order.get(e.light, 9))))

    def set_colour(self, rid: str, light: str, colour: Sequence[int] | None) -> Region:
        """The colour region ``rid`` fluoresces in ``light`` (RGB 0-255; None: not said); the region must be
        expected to fluoresce there."""
        old = next((e for e in self.region(rid).expectations if e.light == light), None)
        if old is None or old.expect is not Expect.FLUORESCES:
            raise ValueError(_("region {rid} is not expected to fluoresce in {light}; say so first").format(
                rid=repr(rid), light=light))
        rgb: tuple[int, int, int] | None = None
        if colour is not None:
            if len(colour) != 3 or not all(0 <= int(c) <= 255 for c in colour):
                raise ValueError(_("a colour is three whole numbers from 0 to 255 (red, green, blue), got {colour}").format(
                    colour=repr(colour)))
            rgb = (int(colour[0]), int(colour[1]), int(colour[2]))
        kept = tuple(replace(e, colour=rgb) if e.light == light else e for e in self.region(rid).expectations)
        return self._replace(rid, expectations=kept)

    def set_note(self, rid: str, note: str) -> Region:
        return self._replace(rid, note=note)

    def add(self, box: Sequence[float], role: Role | str = Role.FIXED_DESIGN) -> Region:
        """A new region the examiner drew, selected."""
        taken = {r.id for r in self.regions}
        role = Role(role)
        n = 1
        while f"{role.value}-{n}" in taken:
            n += 1
        region = Region(f"{role.value}-{n}", role, _clip(box, *self.size), source=Source.EXAMINER, confidence=1.0)
        self.regions = (*self.regions, region)
        self.selected = region.id
        return region

    def delete(self, rid: str) -> None:
        self.region(rid)
        if self.selected == rid:
            self.selected = None
        self.regions = tuple(r for r in self.regions if r.id != rid)

    def annotation(self, *, by: str = "", note: str = "") -> Annotation:
        """The next version: the draft's regions over its base."""
        return self.base.revised(self.regions, by=by, note=note)

    def save(self, library: ReferenceLibrary, ident: int | str, *, note: str = "") -> Annotation:
        """Keep the draft as the reference's next annotation version (:meth:`ReferenceLibrary.annotate`); the
        draft then starts from it."""
        kept = library.annotate(ident, self.annotation(by=library.store.actor, note=note), note=note)
        self.base = kept
        self.regions = kept.regions
        return kept


__all__ = ["EXPECT_LABELS", "FLUORESCENCE_COLOURS", "LIGHT_EXPECTS", "ROLE_LABELS", "THUMBNAIL_PX", "AnnotationDraft", "Created", "LibraryRow",
           "NewReference", "RowDetails", "SpecimensAdded", "TypeDescription", "add_design", "add_specimens", "add_synthetic", "automatic_annotation", "create_reference", "issue_period", "matches",
           "parse_day", "propose", "row_details", "search", "specimen_sources", "synthetic_folder", "thumbnail"]
