"""Named pipeline steps whose intermediate images can be inspected (``--debug-dir``, and later the GUI).

Like PassportEye's pipeline, but the keys are an enum rather than strings, and nothing swallows exceptions: a
step either returns its result or raises.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np


class Step(StrEnum):
    GRAY = "01-gray"
    TEXT = "02-dark-text"  # black-hat: dark strokes on a lighter surround
    LINES = "03-line-mask"  # characters merged into lines
    CANDIDATES = "04-candidates"  # line candidates and the chosen MRZ
    CROP = "05-mrz-crop"  # the MRZ straightened
    CELLS = "06-cells"  # character cells on the pitch


class Inspector:
    """Collects the images of each step; writes them to a folder when one is given."""

    def __init__(self, folder: Path | None = None, prefix: str = "") -> None:
        self.folder = folder
        self.prefix = prefix
        self.images: dict[Step, np.ndarray] = {}

    @property
    def active(self) -> bool:
        return self.folder is not None

    def keep(self, step: Step, image: np.ndarray) -> None:
        if not self.active:
            return
        self.images[step] = image
        self.folder.mkdir(parents=True, exist_ok=True)
        img = image
        if img.dtype != np.uint8:
            img = np.clip(img * (255.0 if img.max() <= 1.0 else 1.0), 0, 255).astype(np.uint8)
        if img.ndim == 3:
            img = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
        cv2.imwrite(str(self.folder / f"{self.prefix}{step.value}.png"), img)
