"""The intermediate images of a pipeline, kept by named step so they can be looked at (``read --debug-dir``,
``compare --out``, the tests).

Like PassportEye's pipeline, but the steps are an enum of the pipeline's own (:class:`docexam.read.steps.ReadStep`,
:class:`docexam.compare.pipeline.CompareStep`) rather than strings, and nothing swallows exceptions: a step either
returns its result or raises. One inspector serves both pipelines: the reader keeps one image a step, the
comparison one a step and light.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

__all__ = ["Inspector"]


class Inspector:
    """Keeps each step's image (per light, when given one) while active, and writes it as
    ``<prefix><light>-<step>.png`` (``<prefix><step>.png`` without a light) when it has a folder.

    Parameters
    ----------
    folder : Path, optional
        Where the images are written, each whole or not at all (written beside it, then renamed).
    prefix : str
        Put before every file name.
    collect : bool
        Keep the images in :attr:`images` without a folder. An inspector with neither keeps nothing, and the
        pipelines skip the work of drawing what only it would show (:attr:`active`).
    """

    def __init__(self, folder: Path | None = None, prefix: str = "", *, collect: bool = False) -> None:
        self.folder = folder
        self.prefix = prefix
        self.collect = collect
        self.images: dict[tuple[StrEnum, str | None], np.ndarray] = {}

    @property
    def active(self) -> bool:
        """Whether anything is kept: a pipeline draws a step's picture only for an active inspector."""
        return self.folder is not None or self.collect

    def keep(self, step: StrEnum, image: np.ndarray, light: str | None = None) -> None:
        """Keep ``image`` (uint8, or float 0..1; grey or RGB) as ``step``'s, for ``light`` when given."""
        if not self.active:
            return
        self.images[(step, light)] = image
        if self.folder is None:
            return
        name = f"{self.prefix}{light}-{step.value}" if light is not None else f"{self.prefix}{step.value}"
        img = image
        if img.dtype != np.uint8:
            img = np.clip(img * (255.0 if img.max() <= 1.0 else 1.0), 0, 255).astype(np.uint8)
        if img.ndim == 3:
            img = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
        ok, buf = cv2.imencode(".png", img)
        if not ok:
            raise OSError(f"could not encode the {name} image")
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{name}.png.part"
        tmp.write_bytes(buf.tobytes())
        tmp.replace(self.folder / f"{name}.png")
