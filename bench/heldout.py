"""What the benchmarks share to measure on designs they were not tuned on (README, "Measuring on what was not tuned on").

A generated design with an odd variant number, and every Utopia design, is a *development* design; one with an even
variant number is *held out* (:func:`docexam.specimens.designs.split`): no threshold is tuned on it, and every
benchmark reports both side by side. This module picks the designs a benchmark runs on, builds a design's reference
folder and one questioned document of a design, and adds up figures per design, per split and per family.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from docexam.lights import LIGHTS
from docexam.specimens import Kind, alter, random_specimen, render
from docexam.specimens.capture import capture, sample_conditions
from docexam.specimens.design import REFERENCE_DPI, FamilyName
from docexam.specimens.designs import Split, choose, design, parse_code, split

#: The splits in the order every benchmark prints them: development first, held-out beside it.
SPLITS: tuple[Split, ...] = (Split.DEVELOPMENT, Split.HELD_OUT)


def pick(count: int, *, seed: int, families: tuple[FamilyName, ...] | None = None) -> dict[Split, list[str]]:
    """``count`` development and ``count`` held-out generated designs, drawn by ``seed`` (one per state and family
    before a second variant of any, as packs draw them; each split by its own draw, so the two do not pair the same
    states and families)."""
    if count < 1:
        return {s: [] for s in SPLITS}
    return {s: choose(count, seed=seed * 2 + i, families=families, which=s) for i, s in enumerate(SPLITS)}


def named(codes: Iterable[str]) -> dict[Split, list[str]]:
    """Design codes given by name (``--design``), sorted into their splits."""
    out: dict[Split, list[str]] = {s: [] for s in SPLITS}
    for code in codes:
        code = design(code).design  # canonical spelling; raises for an unknown code
        out[split(code)].append(code)
    return out


def is_utopia(code: str) -> bool:
    return parse_code(code)[2] is None


def write_design_reference(folder: Path, code: str) -> None:
    """Write the reference folder of design ``code`` (``{visible,uv,ir}.png`` at 300 dpi and ``specimen.json``) as
    an exercise pack does."""
    from docexam.specimens.exercise import write_reference

    try:
        write_reference(folder, code)
    except ValueError:
        if not is_utopia(code):
            raise  # a write_reference that does not take design codes yet: only Utopia's families can be written
        write_reference(folder, design(code).name.value)


def questioned_document(code: str, index: int, *, seed: int, difficulty: str, today: dt.date,
                        genuine_share: float) -> tuple[dict, dict[str, np.ndarray]]:
    """One questioned document of design ``code``, as an exercise pack makes one: a random holder, one seeded
    alteration (or none, with probability ``genuine_share``), the three lights captured at ``difficulty``. Returns
    its answer key (the pack's key fields the benchmarks read, with ``design``) and its captured images."""
    rng = random.Random(f"{seed}:{code}:{index}")
    spec = random_specimen(design(code), rng.randrange(2**31), today=today)
    alterations = []
    if rng.random() >= genuine_share:
        spec, alteration = alter(spec, rng.choice(list(Kind)), seed=rng.randrange(2**31), difficulty=difficulty)
        alterations.append(alteration.to_key())
    images = render(spec)
    conditions = sample_conditions(seed=rng.randrange(2**31), difficulty=difficulty)
    shot = capture({light.value: images[light] for light in LIGHTS}, conditions, reference_dpi=REFERENCE_DPI,
                   seed=rng.randrange(2**31))
    key = {
        "id": f"doc-{index + 1:04d}", "design": code, "family": design(code).name.value, "mrz": list(spec.mrz),
        "capture": conditions.to_dict() | {
            "reference_dpi": REFERENCE_DPI,
            "homographies": {k: np.asarray(v, dtype=float).tolist() for k, v in shot.homographies.items()},
        },
        "alterations": alterations,
    }
    return key, shot.images


def genuine_document(code: str, index: int, *, seed: int, today: dt.date):
    """A genuine specimen of design ``code`` (holder drawn from ``seed`` and ``index``)."""
    rng = random.Random(f"{seed}:{code}:{index}")
    return random_specimen(design(code), rng.randrange(2**31), today=today)


def grouped(rows: list[dict], by: Callable[[dict], str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(by(r), []).append(r)
    return out


def side_by_side(title: str, labels: list[tuple[str, str]], columns: dict[str, dict], *, width: int = 16) -> None:
    """Print ``columns`` (name -> figures) side by side, one row per ``(label, key or formatter)``."""
    print(f"  {title:<40}" + "".join(f"{c:>{width}}" for c in columns))
    for label, fmt in labels:
        print(f"  {label:<40}" + "".join(f"{fmt.format(**v) if v else '-':>{width}}" for v in columns.values()))
