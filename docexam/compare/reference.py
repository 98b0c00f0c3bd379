"""Reference specimens and questioned capture sets as the comparison reads them from folders.

A folder holds ``visible.*``, ``uv.*``, ``ir.*`` (any subset; any format :func:`docexam.imageio.load_images`
reads). A reference folder may also hold ``specimen.json`` (as the exercise packs write it) naming its regions of
interest in reference pixels and which of them are printed in IR-absorbing ink::

    {"family": "td3", "dpi": 300, "regions": {"portrait": [x, y, w, h], "uv_emblem": [...], "mrz": [...],
     "viz:surname": [...], ...}, "ir_absorbing": ["mrz", "portrait", "viz:surname", ...]}

Without it, the comparison still registers and differences the images, but makes no region-specific checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from docexam.compare.result import LIGHTS, Box
from docexam.errors import DocexamError
from docexam.imageio import load_images

_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")


class CaptureSetError(DocexamError, ValueError):
    """A reference or questioned folder cannot be used; the message says which file and what to do."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        self.reason = reason
        super().__init__(f"{folder}: {reason}")


@dataclass(frozen=True)
class Reference:
    """A genuine reference specimen: its images per light (uint8 RGB, one frame) and what its regions should show."""

    images: dict[str, np.ndarray] = field(repr=False)
    regions: dict[str, Box] = field(default_factory=dict)
    ir_absorbing: frozenset[str] = frozenset()
    dpi: float = 300.0
    family: str | None = None

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
    folder = Path(folder)
    if not folder.is_dir():
        raise CaptureSetError(folder, "not a folder; give a folder holding visible.*, uv.* and/or ir.* images")
    found: dict[str, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in _SUFFIXES and p.stem.lower() in LIGHTS:
            light = p.stem.lower()
            if light in found:
                raise CaptureSetError(folder, f"two images for {light} light ({found[light].name}, {p.name}); keep one")
            found[light] = p
    if not found:
        raise CaptureSetError(folder, "holds no visible.*, uv.* or ir.* image")
    return {light: load_images(found[light], pages=1)[0].image for light in LIGHTS if light in found}


def load_reference(folder: str | Path) -> Reference:
    """The reference specimen in ``folder`` (images, and ``specimen.json`` when present).

    Raises
    ------
    CaptureSetError
        As :func:`load_lights`, or when the images differ in size or ``specimen.json`` is malformed.
    """
    folder = Path(folder)
    images = load_lights(folder)
    shapes = {img.shape[:2] for img in images.values()}
    if len(shapes) != 1:
        raise CaptureSetError(folder, f"the reference images differ in size ({sorted(shapes)}); a reference is one frame")
    meta_path = folder / "specimen.json"
    if not meta_path.exists():
        return Reference(images)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        regions = {str(k): tuple(int(v) for v in box) for k, box in meta.get("regions", {}).items()}
        if any(len(b) != 4 or b[2] <= 0 or b[3] <= 0 for b in regions.values()):
            raise ValueError("a region is not [x, y, w, h] with positive size")
        ir = frozenset(str(k) for k in meta.get("ir_absorbing", []))
        return Reference(images, regions, ir, float(meta.get("dpi", 300)), meta.get("family"))
    except (ValueError, TypeError, AttributeError) as e:
        raise CaptureSetError(folder, f"specimen.json is malformed ({e}); regions must be {{name: [x, y, w, h]}}") from None
