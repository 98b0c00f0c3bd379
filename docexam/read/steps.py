"""The reader's named steps, each an image a :class:`docexam.inspector.Inspector` keeps (``read --debug-dir``)."""

from __future__ import annotations

from enum import StrEnum


class ReadStep(StrEnum):
    GRAY = "01-gray"
    TEXT = "02-dark-text"  # black-hat: dark strokes on a lighter surround
    LINES = "03-line-mask"  # characters merged into lines
    CANDIDATES = "04-candidates"  # line candidates and the chosen MRZ
    CROP = "05-mrz-crop"  # the MRZ straightened
    CELLS = "06-cells"  # character cells on the pitch
    CELLS_READ = "07-cells-read"  # what the cells are read from, when it differs: overprint lifted, soft focus sharpened
