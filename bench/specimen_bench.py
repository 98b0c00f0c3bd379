"""Synthetic specimen benchmark: time to render a three-light set, to capture it, and to write a pack document.

There is no peer for this: the figures are docexam's own (issue: a full three-light set at 300 dpi well under a
second). Run with ``make bench`` or ``python bench/specimen_bench.py [--repeat N] [--quick]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docexam.specimens import FAMILIES, Kind, alter, random_specimen, render  # noqa: E402
from docexam.specimens.capture import capture, sample_conditions  # noqa: E402
from docexam.specimens.exercise import generate_pack  # noqa: E402

TODAY = dt.date(2026, 11, 28)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for i in range(repeat):
        t = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    repeat = 2 if args.quick else args.repeat
    figures: dict = {}
    print(f"Specimen benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}; 300 dpi, median of {repeat} (ms)")
    print(f"  {'family':<6}{'first render':>14}{'render 3 lights':>17}{'forged render':>15}{'capture':>10}")
    for name, fam in FAMILIES.items():
        t0 = time.perf_counter()
        render(random_specimen(fam, 10_000, today=TODAY))  # cold: builds the family's static layers
        cold = time.perf_counter() - t0
        warm = timed(lambda i, fam=fam: render(random_specimen(fam, i, today=TODAY)), repeat)
        forged = timed(lambda i, fam=fam: render(alter(random_specimen(fam, i, today=TODAY), list(Kind)[i % len(Kind)], seed=i)[0]), repeat)
        images = {k.value: v for k, v in render(random_specimen(fam, 1, today=TODAY)).items()}
        cap = timed(lambda i, images=images: capture(images, sample_conditions(seed=i, difficulty="normal"), seed=i), repeat)
        row = {"cold_ms": cold * 1000, "render_ms": statistics.median(warm) * 1000,
               "forged_render_ms": statistics.median(forged) * 1000, "capture_ms": statistics.median(cap) * 1000}
        figures[name.value] = row
        print(f"  {name.value:<6}{row['cold_ms']:>14.0f}{row['render_ms']:>17.0f}{row['forged_render_ms']:>15.0f}{row['capture_ms']:>10.0f}")
    n = 4 if args.quick else 20
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        generate_pack(Path(tmp), count=n, seed=1, difficulty="normal", today=TODAY)
        per_doc = (time.perf_counter() - t) / n
    figures["pack_ms_per_document"] = per_doc * 1000
    print(f"\n  exercise pack, normal difficulty: {per_doc * 1000:.0f} ms per document (render, capture, three PNGs, key), "
          f"{n} documents, reference specimens included")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
