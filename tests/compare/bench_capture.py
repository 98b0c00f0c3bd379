"""A generated design's own reference and a genuine document of another holder of it captured again by the bench's
independent simulator (bench/simulate.recapture), as the registration probes of issue 20 drew them, for the tests."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from bench import reference_bench as rb
from bench import simulate as sim
from bench.heldout import genuine_document
from docexam.compare.reference import Reference
from docexam.specimens import render


def recaptured(code: str, folder: Path, *, seed: int, index: int = 0, key: str | None = None,
               dpi: tuple[float, float] = (150, 600)) -> tuple[Reference, dict[str, np.ndarray], np.ndarray]:
    """The design's generator reference (written to ``folder``), genuine document ``10 + index`` of ``seed`` captured
    again with ``random.Random(key)`` (default ``regerr:{seed}:{code}:{index}``) at ``dpi``, and the homography
    taking the reference frame into the capture."""
    reference = rb.generator_reference(code, folder / code)
    holder = genuine_document(code, 10 + index, seed=seed, today=rb.TODAY)
    images = {str(k): v for k, v in render(holder, dpi=rb.DPI).items()}
    rng = random.Random(key if key is not None else f"regerr:{seed}:{code}:{index}")
    shot, draw = sim.recapture(images, rng, doc_dpi=rb.DPI, dpi=dpi)
    return reference, shot, np.array(draw.homography)
