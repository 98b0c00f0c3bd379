"""docexam's own MRZ character recogniser: a small neural network run with numpy alone.

It classifies one character cell of a straightened MRZ line. Cells are cut on the MRZ's fixed pitch
(Doc 9303 Part 3, 4.4: 2.54 mm), so the recogniser sees each character at a known place and scale:
:func:`cell_geometry` says how a cell is cut, :func:`normalise_cells` turns the crops into the network's input
(ink coverage relative to the line's paper and ink, 30 x 20), and the network is one hidden layer of rectified units
and a softmax over the 37 MRZ characters (:class:`MLP`).

The bundled weights (``resources/ocrb_mlp.npz``, 300 KB, loads in milliseconds; checkpoint laptops read MRZs without
tesseract) were trained on Debian's OCR-B glyphs rendered with simple augmentation (issue 4). ``tools/train_ocrb.py``
now trains on MRZs made by the print-and-capture simulator (:mod:`docexam.ocr.training.printsim`: the OCR-B cuts
and the monospaced faces some issuers print instead, each glyph re-cut a little, laser, inkjet, thermal-transfer and
engraved print, security print under the text, scans, phone photos and screenshots down to about 100 dpi; six
faces are held out of training to measure how it reads a typeface it never saw), cut with the same two functions
where the reader's own grid puts them; the model it made, ``resources/ocrb_printsim.npz``, is read together with
the font-trained one (:class:`Ensemble`: the geometric mean of their probabilities, weighted by
:data:`MODEL_WEIGHTS`: nine tenths of the say to the simulator-trained network; resources/README.md has the
comparisons). ``$DOCEXAM_OCRB_MODEL`` names other model files (and their weights) to read with.
The simulator and the training script are never imported when a document is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from docexam.errors import DocexamError
from docexam.mrz.alphabet import MRZ_ALPHABET
from docexam.paths import resources_dir

#: Network input: a cell resized to this (height, width).
CELL_SHAPE = (30, 20)
#: A cell is one pitch wide and this many pitches high, centred on the line's centre line.
CELL_HEIGHT_PITCHES = 1.5
MODEL_FILE = "ocrb_mlp.npz"


class ModelMissing(DocexamError, FileNotFoundError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"the OCR-B model {path} is missing; run `python tools/train_ocrb.py` to train it, or reinstall docexam")


def cell_geometry(x_centre: float, y_centre: float, pitch: float) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the cell around a character centred at (x_centre, y_centre) on a line of ``pitch``."""
    half_w, half_h = pitch / 2, pitch * CELL_HEIGHT_PITCHES / 2
    return x_centre - half_w, y_centre - half_h, x_centre + half_w, y_centre + half_h


def line_levels(gray: np.ndarray) -> tuple[float, float]:
    """(paper, ink) grey levels of a line image: robust percentiles, so one stain does not set the contrast."""
    hist = np.bincount(gray.ravel(), minlength=256).cumsum()
    paper = float(np.searchsorted(hist, 0.90 * hist[-1]))
    ink = float(np.searchsorted(hist, 0.03 * hist[-1]))
    if paper - ink < 10:
        ink = paper - 10
    return paper, ink


def cut_cells(gray: np.ndarray, centres_x: np.ndarray, y_centre: float, pitch: float, *,
              levels: tuple[float, float] | None = None) -> np.ndarray:
    """Crop and resize every cell of one line: (N, H, W) float32 ink in [0, 1] (1 = full ink).

    ``gray`` is the (H, W) uint8 line or block image, dark ink on light paper.
    """
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError(f"gray must be a 2-D uint8 image, got {gray.dtype} with shape {gray.shape}")
    paper, ink = levels or line_levels(gray)
    h, w = CELL_SHAPE
    out = np.empty((len(centres_x), h, w), np.float32)
    # The cells of a line have one size (to the last bit or two of each cell's own arithmetic): the source smoothed
    # for a scale is kept for the next cell of that scale, not smoothed again for each.
    smoothed: dict[float, np.ndarray] = {}
    # Affine crop with sub-pixel placement: maps the cell rectangle (cell_geometry, its arithmetic written out: the rows
    # are the line's, the same for every cell) onto the (h, w) output.
    half_w, half_h = pitch / 2, pitch * CELL_HEIGHT_PITCHES / 2
    y0, y1 = y_centre - half_h, y_centre + half_h
    sy = (y1 - y0) / h
    m = np.zeros((2, 3), np.float32)
    m[1] = 0, sy, y0 + sy / 2 - 0.5
    for i, xc in enumerate(np.asarray(centres_x, dtype=np.float64).tolist()):
        x0, x1 = xc - half_w, xc + half_w
        sx = (x1 - x0) / w
        m[0] = sx, 0, x0 + sx / 2 - 0.5
        src = gray
        if sx > 1.5:  # shrinking a lot: smooth first so thin strokes are not lost between samples
            if sx not in smoothed:
                k = int(sx) | 1
                smoothed[sx] = cv2.GaussianBlur(gray, (k, k), sx / 3)
            src = smoothed[sx]
        out[i] = cv2.warpAffine(src, m, (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    return normalise_cells(out, paper=paper, ink=ink)


def normalise_cells(cells: np.ndarray, *, paper: float, ink: float) -> np.ndarray:
    """Grey cells -> ink coverage in [0, 1] relative to the line's paper and ink levels."""
    return np.clip((paper - cells.astype(np.float32)) / max(paper - ink, 1.0), 0.0, 1.0)


@dataclass(frozen=True)
class MLP:
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    mean: np.ndarray
    std: np.ndarray

    def probabilities(self, cells: np.ndarray) -> np.ndarray:
        """(N, len(MRZ_ALPHABET)) softmax probabilities for (N, H, W) normalised cells."""
        x = (cells.reshape(len(cells), -1) - self.mean) / self.std
        h = np.maximum(x @ self.w1 + self.b1, 0.0)
        z = h @ self.w2 + self.b2
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @property
    def classes(self) -> int:
        return int(self.w2.shape[1])


@dataclass(frozen=True)
class Ensemble:
    """Several networks read together: the normalised geometric mean of their probabilities, so a character is
    certain only where every network is. ``weights`` (one per member; default equal, summing to 1) weigh each
    network's log-probabilities (each floored at 1e-12: no network vetoes a character without bound):
    p ~ prod p_i ** w_i."""
    members: tuple[MLP, ...]
    weights: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("an ensemble needs at least one network")
        if self.weights is not None and (len(self.weights) != len(self.members)
                                         or not all(w > 0 and np.isfinite(w) for w in self.weights)):
            raise ValueError(f"weights must be one positive number per network, got {self.weights}")

    def probabilities(self, cells: np.ndarray) -> np.ndarray:
        weights = self.weights or (1 / len(self.members),) * len(self.members)
        logp = sum(w * np.log(np.maximum(m.probabilities(cells), 1e-12)) for w, m in zip(weights, self.members))
        logp -= logp.max(axis=1, keepdims=True)
        e = np.exp(logp)
        return e / e.sum(axis=1, keepdims=True)

    @property
    def classes(self) -> int:
        return min(m.classes for m in self.members)


#: The simulator-trained network (issue 21, item 1), read together with :data:`MODEL_FILE` by default.
PRINTSIM_MODEL_FILE = "ocrb_printsim.npz"
#: The bundled networks the recogniser reads with, together (:class:`Ensemble`): the font-trained one alone read
#: fewer real and stamped MRZs, the simulator-trained one alone fewer real ones (OCR-B's 0 read as Q and D) and hard
#: synthetic captures (resources/README.md).
MODEL_FILES = (MODEL_FILE, PRINTSIM_MODEL_FILE)
#: Each of :data:`MODEL_FILES`' weight in the ensemble (:class:`Ensemble`): the simulator-trained network has most of
#: the say. Where the two read different first choices, it is the one right far more often (simulated development
#: cells of the training faces, seed 777001: 61% against the font-trained network's 10%; on OCR-B's own cells 57%
#: against 16%), and the font-trained network is sure of OCR-B's shapes in faces that draw them otherwise (another
#: face's narrow O is OCR-B's 0 to it). Over all those cells equal weights read 88.5% right against 91.7%, and were
#: sure (0.99) of a wrong character four times as often (1.2% against 0.3%); the font-trained network keeps a tenth,
#: which the real corpus needs (OCR-B's 0 read as Q and D by the simulator-trained one alone). resources/README.md
#: has the measurements.
MODEL_WEIGHTS = (0.1, 0.9)
#: Names other model files to read with (several joined by ``os.pathsep``, read together, each with its weight in the
#: ensemble after an ``@`` where they are not all equal: ``a.npz@0.3:b.npz@0.7``; a benchmark comparing models runs
#: once with each); unset: the bundled ones.
MODEL_ENV = "DOCEXAM_OCRB_MODEL"
#: Where a model file's name ends and its weight in the ensemble begins, in a model spec (:data:`MODEL_ENV`).
WEIGHT_SEP = "@"


def model_paths() -> tuple[Path, ...]:
    """The model files the recogniser reads: ``$DOCEXAM_OCRB_MODEL``'s when set, else the bundled :data:`MODEL_FILES`."""
    named = os.environ.get(MODEL_ENV)
    if named:
        return tuple(Path(_weighed(part)[0]) for part in named.split(os.pathsep) if part)
    return tuple(resources_dir() / name for name in MODEL_FILES)


def _weighed(part: str) -> tuple[str, float | None]:
    """(file, weight or None) of one part of a model spec (``FILE`` or ``FILE@WEIGHT``)."""
    name, sep, weight = part.rpartition(WEIGHT_SEP)
    if sep and name:
        try:
            return name, float(weight)
        except ValueError:
            pass  # an @ in the file's name
    return part, None


def model_path() -> Path:
    """The first of :func:`model_paths` (the one a single-file caller names)."""
    return model_paths()[0]


def load_model(path: str | None = None) -> MLP | Ensemble:
    """The network in ``path`` (several joined by ``os.pathsep``, each ``FILE`` or ``FILE@WEIGHT``: read together;
    default: :func:`model_paths` with :data:`MODEL_WEIGHTS`), read once per file."""
    return _load(path if path else _default_spec(os.environ.get(MODEL_ENV)))


@lru_cache(maxsize=4)
def _default_spec(named: str | None) -> str:
    """The model spec of ``$DOCEXAM_OCRB_MODEL`` (``named``), else the bundled :data:`MODEL_FILES` with their
    :data:`MODEL_WEIGHTS`, once per value of it: finding the bundled files resolves the install's folder on the file
    system, which every line read would otherwise do again."""
    if named:
        return named
    return os.pathsep.join(f"{p}{WEIGHT_SEP}{w}" for p, w in zip(model_paths(), MODEL_WEIGHTS))


@lru_cache(maxsize=4)
def _load(path: str) -> MLP | Ensemble:
    parts = [_weighed(part) for part in path.split(os.pathsep) if part]
    weights = [w for _, w in parts]
    if len(parts) == 1:
        if weights[0] is not None:
            raise ValueError(f"a weight is given to a network only among several: {path}")
        return _load_one(parts[0][0])
    # several files: read with all of them together
    if any(w is None for w in weights) and any(w is not None for w in weights):
        raise ValueError(f"give every model file a weight, or none: {path}")
    given = tuple(w for w in weights if w is not None)
    return Ensemble(tuple(_load_one(name) for name, _ in parts), given or None)


@lru_cache(maxsize=8)
def _load_one(path: str) -> MLP:
    p = Path(path)
    if not p.exists():
        raise ModelMissing(p)
    with np.load(p) as z:
        return MLP(*(z[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2", "mean", "std")))


def classify(cells: np.ndarray, *, top: int = 4, model: MLP | Ensemble | None = None) -> list[list[tuple[str, float]]]:
    """Top candidates per cell, best first: the corrector's input for one line."""
    if cells.ndim != 3 or cells.shape[1:] != CELL_SHAPE:
        raise ValueError(f"cells must be (N, {CELL_SHAPE[0]}, {CELL_SHAPE[1]}), got {cells.shape}")
    p = (model or load_model()).probabilities(cells)
    order = np.argsort(-p, axis=1)[:, :top]
    return [[(MRZ_ALPHABET[j], float(p[i, j])) for j in order[i]] for i in range(len(cells))]
