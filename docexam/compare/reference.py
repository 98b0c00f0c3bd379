"""Reference specimens and questioned capture sets as the comparison reads them from folders.

A folder holds ``visible.*``, ``uv.*``, ``ir.*`` (any subset; any format :func:`docexam.imageio.load_images`
reads). A reference folder may also hold ``specimen.json`` (as the exercise packs write it) naming its regions of
interest in reference pixels and which of them are printed in IR-absorbing ink::

    {"family": "td3", "dpi": 300, "regions": {"portrait": [x, y, w, h], "uv_emblem": [...], "mrz": [...],
     "viz:surname": [...], ...}, "ir_absorbing": ["mrz", "portrait", "viz:surname", ...]}

Without it, the comparison still registers and differences the images, but makes no region-specific checks.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from docexam.compare.result import Box
from docexam.errors import DocexamError, UntrustedInputError
from docexam.i18n import N_, _
from docexam.imageio import IMAGE_SUFFIXES, load_images
from docexam.jsonsafe import load_file
from docexam.lights import LIGHTS, Expect

if TYPE_CHECKING:
    from docexam.compare.mrz_viz import MRZEvidence
    from docexam.compare.result import Comparison
    from docexam.store.records import ComparisonRecord, ReferenceId


class CaptureSetError(DocexamError, ValueError):
    """A reference or questioned folder cannot be used; the message says which file and what to do."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        self.reason = reason
        super().__init__(f"{folder}: {reason}")


@dataclass(frozen=True)
class Expected:
    """What one region of an examiner's reference should show in IR and under UV, as its annotation says (measured
    on the genuine specimen, or set by the examiner): ``ir`` ABSORBS or DROPS_OUT, ``uv`` FLUORESCES (in ``colour``,
    RGB, when measured) or DULL, None where nothing is asserted. ``personal``: the region holds the holder's data
    (its content differs from document to document, so it is left out of the fixed-design difference and only its
    inks are judged); a fixed-design feature (a UV or IR feature) is compared as design too."""

    box: Box
    ir: Expect | None = None
    uv: Expect | None = None
    colour: tuple[int, int, int] | None = None
    personal: bool = True

    def to_dict(self) -> dict[str, object]:
        return {"box": list(self.box), "ir": self.ir.value if self.ir else None,
                "uv": self.uv.value if self.uv else None, "colour": list(self.colour) if self.colour else None,
                "personal": self.personal}

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> Expected:
        box, colour, ir, uv = d.get("box"), d.get("colour"), d.get("ir"), d.get("uv")
        if not (isinstance(box, list) and len(box) == 4 and all(_whole(v) for v in box)):
            raise ValueError(_("an expectation's box is {box}, not [x, y, w, h] in whole pixels").format(box=repr(box)))
        if colour is not None and not (isinstance(colour, list) and len(colour) == 3 and all(_whole(v) for v in colour)):
            raise ValueError(_("an expectation's colour is {colour}, not [r, g, b]").format(colour=repr(colour)))
        return cls(tuple(int(v) for v in box), Expect(ir) if ir else None, Expect(uv) if uv else None,  # type: ignore[arg-type]
                   tuple(int(v) for v in colour) if colour else None, bool(d.get("personal", True)))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Reference:
    """A genuine reference specimen: its images per light (uint8 RGB, one frame) and what its regions should show.

    ``regions`` are the named regions the checks look for (``mrz``, ``portrait``, ``ghost``, ``uv_emblem``,
    ``viz:<field>``); every other named region is personalised. A folder's ``specimen.json`` says which of them
    absorb in IR (``ir_absorbing``; the others drop out). An examiner's library reference says more
    (:func:`docexam.references.convert.comparison_reference`): the other areas of the holder's data (``personal``:
    personalised areas, signature, document numbers, the variable areas learnt from several specimens), left out of
    the fixed-design difference whatever their role, and what each annotated region should show in each light as
    measured on the specimen (``expected``, checked by :mod:`docexam.compare.expectations` instead of the
    ``ir_absorbing`` rule).
    """

    images: dict[str, np.ndarray] = field(repr=False)
    regions: dict[str, Box] = field(default_factory=dict)
    ir_absorbing: frozenset[str] = frozenset()
    dpi: float = 300.0
    family: str | None = None
    #: A reference from the examiner's library (:mod:`docexam.store.library`): its type's uid and the annotation
    #: version its regions come from (None for a folder's).
    library: str | None = None
    version: int | None = None
    #: The generator's design a folder's reference renders (``specimen.json``'s ``design``), when it is not one of
    #: Utopia's (whose family says it all, as before).
    design: str | None = None
    #: Boxes of the holder's data besides the named regions (reference pixels), left out of the fixed-design difference.
    personal: tuple[Box, ...] = ()
    #: What each annotated region should show in IR and UV, by region name (a library reference's annotation); None
    #: when ``specimen.json``'s rule says it (a folder's reference: ``ir_absorbing`` absorb, the rest drop out).
    expected: Mapping[str, Expected] | None = None
    #: Where a ``viz:<field>`` region's value is read when another holder's may run longer than the specimen's
    #: (an automatic annotation's names), reference pixels; the region itself otherwise.
    read_boxes: Mapping[str, Box] = field(default_factory=dict)

    def read_box(self, name: str) -> Box:
        """Where the VIZ value of region ``name`` is read."""
        return self.read_boxes.get(name, self.regions[name])

    @property
    def shape(self) -> tuple[int, int]:
        return next(iter(self.images.values())).shape[:2]


def load_lights(folder: str | Path) -> dict[str, np.ndarray]:
    """``{light: RGB array}`` for the ``visible``/``uv``/``ir`` images in ``folder``.

    Raises
    ------
    CaptureSetError
        If the folder does not exist, holds two images for one light, or none at all.
    docexam.imageio.ImageReadError
        If an image cannot be read.
    """
    found = light_files(folder)
    return {light: load_images(found[light], pages=1)[0].image for light in LIGHTS if light in found}


def light_files(folder: str | Path) -> dict[str, Path]:
    """``{light: image file}`` of the ``visible``/``uv``/``ir`` images in ``folder`` (not read), in the order of
    :data:`docexam.lights.LIGHTS`; :class:`CaptureSetError` as :func:`load_lights`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CaptureSetError(folder, _("not a folder; give a folder holding visible.*, uv.* and/or ir.* images"))
    found: dict[str, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in IMAGE_SUFFIXES and p.stem.lower() in LIGHTS:
            light = p.stem.lower()
            if light in found:
                raise CaptureSetError(folder, _("two images for {light} light ({first}, {second}); keep one").format(
                    light=light, first=found[light].name, second=p.name))
            found[light] = p
    if not found:
        raise CaptureSetError(folder, _("holds no visible.*, uv.* or ir.* image"))
    return {light: found[light] for light in LIGHTS if light in found}


def load_reference(folder: str | Path) -> Reference:
    """The reference specimen in ``folder`` (images, and ``specimen.json`` when present).

    Raises
    ------
    CaptureSetError
        As :func:`load_lights`, or when the images differ in size or ``specimen.json`` is malformed.
    """
    folder = Path(folder)
    meta_path = folder / "specimen.json"
    meta = None
    if meta_path.exists() or meta_path.is_symlink():  # read before the images: a bad one fails before any work
        try:
            meta = load_file(meta_path)
        except UntrustedInputError as e:
            raise CaptureSetError(folder, _("specimen.json {reason}; {specimen_shape}").format(
                reason=e.reason, specimen_shape=_(_SPECIMEN_SHAPE))) from None
    images = load_lights(folder)
    shapes = {img.shape[:2] for img in images.values()}
    if len(shapes) != 1:
        raise CaptureSetError(folder, _("the reference images differ in size ({shapes}); a reference is one frame").format(
            shapes=sorted(shapes)))
    if meta is None:
        return Reference(images)
    try:
        regions, ir, dpi, family = _specimen_description(meta, shapes.pop())
    except (ValueError, TypeError) as e:
        raise CaptureSetError(folder, _("specimen.json is malformed ({error}); {specimen_shape}").format(
            error=e, specimen_shape=_(_SPECIMEN_SHAPE))) from None
    design = meta.get("design") if isinstance(meta, dict) else None
    if not isinstance(design, str) or not design or design.upper().startswith("UTO-"):
        design = None
    return Reference(images, regions, ir, dpi, family, design=design)


_SPECIMEN_SHAPE = N_(
    'it holds {"regions": {name: [x, y, w, h]}, "ir_absorbing": [name, ...], "dpi": number, "family": name}'
)


def _specimen_description(meta: object, shape: tuple[int, int]) -> tuple[dict[str, Box], frozenset[str], float, str | None]:
    """(regions, IR-absorbing region names, dpi, family) from ``specimen.json``'s object; ``ValueError`` saying what
    is wrong. A region is four whole numbers with a positive size, inside the reference images (``shape``)."""
    if not isinstance(meta, dict):
        raise ValueError(_("it is not a JSON object"))
    raw = meta.get("regions", {})
    if not isinstance(raw, dict):
        raise ValueError(_("'regions' is not an object"))
    height, width = shape
    regions: dict[str, Box] = {}
    for name, box in raw.items():
        if not (isinstance(box, list) and len(box) == 4 and all(_whole(v) for v in box)):
            raise ValueError(_("region {name} is not [x, y, w, h] in whole pixels").format(name=repr(name)))
        x, y, w, h = (int(v) for v in box)
        if w <= 0 or h <= 0:
            raise ValueError(_("region {name} has no positive size").format(name=repr(name)))
        if x < 0 or y < 0 or x + w > width or y + h > height:
            raise ValueError(_("region {name} {box} lies outside the {width}x{height} reference images").format(
                name=repr(name), box=[x, y, w, h], width=width, height=height))
        regions[str(name)] = (x, y, w, h)
    ir = meta.get("ir_absorbing", [])
    if not (isinstance(ir, list) and all(isinstance(v, str) for v in ir)):
        raise ValueError(_("'ir_absorbing' is not a list of region names"))
    dpi = meta.get("dpi", 300)
    if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not 0 < dpi <= 100_000:
        raise ValueError(_("'dpi' is {dpi}, not a resolution").format(dpi=repr(dpi)))
    family = meta.get("family")
    if family is not None and not isinstance(family, str):
        raise ValueError(_("'family' is not a name"))
    return regions, frozenset(ir), float(dpi), family


def _whole(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and float(v).is_integer()


def reference_id(reference: Reference) -> ReferenceId:
    """The identity a case stores for a comparison made with ``reference``, whichever front end made it: its family
    and the SHA-256 of what the comparison uses of it (each light's pixels and size, the regions and which of them
    are IR-absorbing, the resolution, and a library reference's personal areas and expectations), the same for two copies of one specimen wherever they are kept."""
    from docexam.store.records import ReferenceId  # the store's record type; the comparison does not need the store

    h = hashlib.sha256()
    for light in sorted(reference.images):
        img = np.ascontiguousarray(reference.images[light])
        h.update(f"{light}:{img.shape}:{img.dtype.str}\n".encode())
        h.update(img.tobytes())
    meta: dict[str, object] = {"regions": {k: list(v) for k, v in sorted(reference.regions.items())},
                               "ir_absorbing": sorted(reference.ir_absorbing), "dpi": reference.dpi}
    # An examiner's annotation says more; a reference without it (a folder's) is hashed as it always was.
    if reference.personal:
        meta["personal"] = [list(b) for b in reference.personal]
    if reference.expected is not None:
        meta["expected"] = {k: v.to_dict() for k, v in sorted(reference.expected.items())}
    if reference.read_boxes:
        meta["read_boxes"] = {k: list(v) for k, v in sorted(reference.read_boxes.items())}
    h.update(json.dumps(meta, sort_keys=True).encode())
    return ReferenceId(reference.family, h.hexdigest(), library=reference.library, version=reference.version,
                       design=reference.design)


def comparison_record(comparison: Comparison, evidence: MRZEvidence, reference: Reference, *,
                      questioned: str | None = None) -> ComparisonRecord:
    """What a case stores of a comparison with ``reference`` (its findings are stored apart): the reference's
    identity (:func:`reference_id`), each light's registration, the alarms, the MRZ evidence, and the questioned
    folder when there is one. The workstation and the command line both store this."""
    from docexam.store.records import ComparisonRecord

    summary = {k: v for k, v in comparison.to_dict().items() if k != "findings"}
    return ComparisonRecord.from_dict({"reference": reference_id(reference).to_dict(), "questioned": questioned,
                                       **summary, "mrz": evidence.to_dict()})
