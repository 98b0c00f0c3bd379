"""What the benchmarks share to measure on designs they were not tuned on (README, "Measuring on what was not tuned on").

A generated design with an odd variant number, and every Utopia design, is a *development* design; one with an even
variant number is *held out* (:func:`docexam.specimens.designs.split`): no threshold is tuned on it, and every
benchmark reports both side by side. This module picks the designs a benchmark runs on, makes a genuine document of
a design, and groups and prints figures per design and per split.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable

from docexam.specimens import random_specimen
from docexam.specimens.design import FamilyName
from docexam.specimens.designs import Split, choose, design, split

#: The splits in the order every benchmark prints them: development first, held-out beside it.
SPLITS: tuple[Split, ...] = (Split.DEVELOPMENT, Split.HELD_OUT)


def pick(count: int, *, seed: int, families: tuple[FamilyName, ...] | None = None) -> dict[Split, list[str]]:
    """``count`` development and ``count`` held-out generated designs, drawn by ``seed``.

    Both splits get the same mix of families (taken in turn, in an order drawn by ``seed``: every family once
    ``count`` >= 5), so that a gap between them is not a difference of families; within a family each split draws
    its states and variants on its own (one design per state before a second variant of any, as packs draw them).
    """
    if count < 1:
        return {s: [] for s in SPLITS}
    fams = list(families or FamilyName)
    random.Random(f"bench-families:{seed}").shuffle(fams)
    wanted = Counter(fams[i % len(fams)] for i in range(count))
    out: dict[Split, list[str]] = {}
    for i, s in enumerate(SPLITS):
        codes: list[str] = []
        for k, (fam, n) in enumerate(wanted.items()):
            codes += choose(n, seed=seed * 100 + 10 * i + k, families=(fam,), which=s)
        out[s] = codes
    return out


def named(codes: Iterable[str]) -> dict[Split, list[str]]:
    """Design codes given by name (``--design``), sorted into their splits."""
    out: dict[Split, list[str]] = {s: [] for s in SPLITS}
    for code in codes:
        code = design(code).design  # canonical spelling; raises for an unknown code
        out[split(code)].append(code)
    return out


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
