"""What a trainee sees of an exercise, Qt-free: a pack document's captures brought into its reference specimen's
frame (the answer keys' frame), the reference beside them, the light shown, whether marks are being drawn, and
the key's regions once the attempt is scored.

A pack's captures are photographs of the document (turned, out of plane, on a background), while marks and the
answer keys are boxes in reference-specimen pixels (:mod:`docexam.specimens.exercise`). So each document is
registered to its design's reference (:func:`docexam.compare.geometry.register_set`, the examiner's own first
step) before it is shown: a box drawn on the aligned capture is a box in the key's frame, and the key drawn over
it lands on the alteration. :func:`load_document` does that work (about a second and a half: for a worker thread);
:class:`TraineeView` is the state the viewer mirrors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from psygnal import SignalGroupDescriptor

from docexam.i18n import _
from docexam.lights import LIGHTS
from docexam.specimens.designs import parse_code
from docexam.workbench.references import document_reference, folder_design
from docexam.workbench.tasks import CancelToken, Progress
from docexam.workbench.training import KeyRegion, capture_paths


@dataclass(frozen=True, eq=False)
class DocumentImages:
    """A pack document as the trainee's viewer shows it.

    ``questioned`` holds ``{light: image}``: the captures warped into the reference frame when ``aligned``, else the
    captures as they are (``problem`` says why they could not be aligned: marks cannot be drawn on them then).
    ``reference`` holds the images of the document's reference specimen (empty when the pack has none for it): that
    of its ``design`` (``UTO-TD1``, ``CSP-TD1-3``), of the ``family`` (``td1``).
    """

    document: str
    family: str | None
    questioned: Mapping[str, np.ndarray]
    reference: Mapping[str, np.ndarray] = field(default_factory=dict)
    aligned: bool = False
    problem: str = ""
    design: str | None = None

    @property
    def lights(self) -> tuple[str, ...]:
        return tuple(light for light in LIGHTS if light in self.questioned)

    @property
    def reference_name(self) -> str:
        """The reference as the viewer names it: a generated design's code (``CSP-TD1-3``), Utopia's by its family
        (``TD1``), as before there were designs."""
        if self.design and not self.design.startswith("UTO-"):
            return self.design
        return (self.family or "").upper()

    @property
    def size(self) -> tuple[int, int] | None:
        """``(width, height)`` of the questioned images (the reference frame's when aligned), or None."""
        for light in self.lights:
            h, w = self.questioned[light].shape[:2]
            return int(w), int(h)
        return None


def load_document(pack: Path, document: str, *, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> DocumentImages:
    """Read ``document``'s captures and its reference specimen (its design's, :func:`document_reference`), and bring
    the captures into the reference frame.

    Never raises for a document that cannot be aligned (no reference, a registration that fails): it comes back
    with ``aligned`` False and the reason in ``problem``, shown as captured.

    Raises
    ------
    ValueError
        ``document`` has no captures in ``pack``.
    docexam.workbench.tasks.Cancelled
        ``cancel`` was set.
    """
    from docexam.compare.geometry import register_set, warp_to_reference
    from docexam.compare.reference import load_lights, load_reference

    report = progress or (lambda _f, _m: None)
    cancel = cancel or CancelToken()
    pack = Path(pack)
    if not capture_paths(pack, document):
        raise ValueError(_("{document} has no captures in {pack}").format(document=document, pack=pack))
    report(0.0, f"reading {document}")
    questioned = {k: v for k, v in load_lights(pack / document).items() if k in LIGHTS}
    folder = document_reference(pack, document)
    if folder is None:
        return DocumentImages(document, None, questioned,
                              problem="The pack has no reference specimen for this document: it is shown as "
                                      "captured, and marks can only be typed.")
    reference = load_reference(pack / "reference" / folder)
    design = folder_design(pack / "reference" / folder)
    family = reference.family or (parse_code(design)[1].value if design else None)
    cancel.check(f"opening {document}")
    report(0.3, f"aligning {document} with the {design or folder} reference")
    try:
        alignments = register_set(questioned, reference)
    except ValueError as e:  # RegistrationError: the capture stays as it is, the trainee is told
        return DocumentImages(document, family, questioned, dict(reference.images), design=design,
                              problem=f"{document} could not be aligned with its reference ({e}): it is shown as "
                                      "captured, and marks can only be typed.")
    cancel.check(f"opening {document}")
    report(0.9, f"bringing {document} into the reference frame")
    rectified = {light: warp_to_reference(image, alignments[light], reference.images[light].shape)
                 for light, image in questioned.items() if light in alignments and light in reference.images}
    return DocumentImages(document, family, rectified, dict(reference.images), aligned=True, design=design)


def box_from_drag(start: Sequence[float], end: Sequence[float], size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The box ``(x, y, w, h)`` a drag from ``start`` to ``end`` (image pixels, either direction) draws on an image of
    ``size`` ``(width, height)``, cut to the image; None when it is less than 2 pixels either way once cut (a click,
    or a drag outside the image)."""
    w_img, h_img = size
    if w_img <= 0 or h_img <= 0:
        raise ValueError(f"size must be a positive (width, height), got {size!r}")
    x0, x1 = sorted((float(start[0]), float(end[0])))
    y0, y1 = sorted((float(start[1]), float(end[1])))
    x0, y0 = max(0.0, x0), max(0.0, y0)
    x1, y1 = min(float(w_img), x1), min(float(h_img), y1)
    x, y = round(x0), round(y0)
    w, h = round(x1) - x, round(y1) - y
    if w < 2 or h < 2:
        return None
    return x, y, w, h


def _light(value: Any) -> str:
    if value not in LIGHTS:
        raise ValueError(_("light must be one of {names}, got {value}").format(
            names=', '.join(LIGHTS), value=repr(value)))
    return str(value)


def _regions(value: Any) -> tuple[KeyRegion, ...]:
    regions = tuple(value)
    if not all(isinstance(r, KeyRegion) for r in regions):
        raise ValueError("key regions must be KeyRegion objects (from training.answer_key)")
    return regions


_CHECKS: dict[str, Callable[[Any], Any]] = {"light": _light, "drawing": bool, "key": _regions}


@dataclass(eq=False)
class TraineeView:
    """What the trainee's viewer shows: the ``document`` (None: none yet), its ``images`` once loaded, the ``light``,
    whether a left drag draws a mark (``drawing``; else it pans), and the ``key``'s regions of the document once
    the attempt is scored (empty before). Evented (:mod:`docexam.workbench.events`)."""

    document: str | None = None
    images: DocumentImages | None = None
    light: str = "visible"
    drawing: bool = True
    key: tuple[KeyRegion, ...] = ()
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __setattr__(self, name: str, value: Any) -> None:
        check = _CHECKS.get(name)
        super().__setattr__(name, check(value) if check else value)

    def show_document(self, document: str) -> None:
        """Start showing ``document``: its images are those of :meth:`set_images` once loaded; no key yet."""
        if document != self.document:
            self.images = None
            self.key = ()
        self.document = document

    def set_images(self, images: DocumentImages) -> None:
        """The loaded images of a document; ignored unless it is the one shown (the trainee moved on meanwhile)."""
        if not isinstance(images, DocumentImages):
            raise ValueError(f"images must be DocumentImages, got {type(images).__name__}")
        if images.document != self.document:
            return
        self.images = images
        if images.lights and self.light not in images.lights:
            self.light = images.lights[0]

    def set_light(self, light: str) -> None:
        if self.images is not None and self.images.lights and light not in self.images.lights:
            raise ValueError(_("{document} has no {light} capture; its lights are {names}").format(
                document=self.document, light=light, names=', '.join(self.images.lights)))
        self.light = light

    def set_drawing(self, on: bool) -> None:
        self.drawing = on

    def set_key(self, document: str, regions: Sequence[KeyRegion]) -> None:
        """The key's regions of ``document`` (after scoring); ignored unless it is the one shown."""
        if document == self.document:
            self.key = _regions(regions)

    @property
    def can_draw(self) -> bool:
        """Whether marks drawn now are in the key's frame: the document is shown aligned with its reference."""
        return self.images is not None and self.images.aligned

    def image(self) -> np.ndarray | None:
        """The questioned image in the light shown."""
        return None if self.images is None else self.images.questioned.get(self.light)

    def reference_image(self) -> np.ndarray | None:
        return None if self.images is None else self.images.reference.get(self.light)

    def key_in_light(self) -> list[KeyRegion]:
        """The key's regions that show in the light on screen."""
        return [r for r in self.key if self.light in r.lights]
