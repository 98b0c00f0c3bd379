"""A generated design's own reference and a genuine document of another holder of it captured again by the bench's
independent simulator (bench/simulate.recapture), as the registration probes of issue 20 drew them; and a design's
one-specimen library reference with the documents bench/reference_bench.py compares with it, for the tests."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from bench import reference_bench as rb
from bench import simulate as sim
from bench.heldout import genuine_document
from docexam.compare.reference import Reference
from docexam.specimens import render
from docexam.store.library import ReferenceLibrary


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


def bench_documents(code: str, seed: int, tmp_path, count: int, *, scheduled: bool = True):
    """The one-specimen reference of ``code`` at ``seed`` and its first ``count`` documents with their alterations
    (None for a genuine one), as bench/reference_bench.py draws them: 3 genuine, then 2 of each kind (``scheduled``),
    or, not scheduled, genuine ones only, drawn without the kinds' draw before them."""
    rng = random.Random(f"reference-bench:{seed}:{code}")
    specimens = [genuine_document(code, i, seed=seed, today=rb.TODAY) for i in range(2)]
    scans = [sim.reference_capture({str(k): v for k, v in render(s, dpi=rb.DPI).items()}, rng)[0] for s in specimens]
    with ReferenceLibrary.open(tmp_path / "library.db", actor="test") as library:
        reference, _, _, _ = rb.build_reference(library, f"{code} one", scans[:1], dpi=rb.DPI, tmp=tmp_path)
    plan = [None] * 3 + rb.schedule(sim.KINDS, rng, altered=0, per_kind=2) if scheduled else [None] * count
    out = []
    for i, kind in enumerate(plan[:count]):
        holder = genuine_document(code, 10 + i, seed=seed, today=rb.TODAY)
        images = {str(k): v for k, v in render(holder, dpi=rb.DPI).items()}
        alteration = None
        if kind is not None:
            other = genuine_document(code, 100 + i, seed=seed, today=rb.TODAY)
            images, alteration = sim.alter_generated(holder, images, kind, rng, dpi=rb.DPI, other=other)
        out.append((rb.questioned_set(rng, images, doc_dpi=rb.DPI, dpi_range=(150, 600)), alteration))
    return reference, out
