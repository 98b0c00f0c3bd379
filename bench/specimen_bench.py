"""Synthetic specimen benchmark: time to render a three-light set, to capture it, and to write a pack document.

There is no peer for this: the figures are docexam's own (issue: a full three-light set at 300 dpi well under a
second), for Utopia's families and for ``--designs N`` development and N held-out generated designs, with figures
per design and per family. Run with ``make bench`` or ``python bench/specimen_bench.py [--repeat N] [--designs N]
[--quick]``.
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


def time_designs(count: int, *, seed: int, repeat: int) -> dict:
    """Render time of a three-light set at 300 dpi per generated design (first render apart: it builds the design's
    static layers), then per family, development and held-out designs together (rendering is not tuned)."""
    from bench.heldout import pick
    from docexam.specimens.designs import design

    chosen = pick(count, seed=seed)
    rows: dict[str, dict] = {}
    print(f"\n  generated designs ({count} development, {count} held-out), 300 dpi, median of {repeat} (ms)")
    print(f"  {'design':<14}{'split':<13}{'first render':>14}{'render 3 lights':>17}{'capture':>10}")
    for split, codes in chosen.items():
        for code in codes:
            fam = design(code)
            t0 = time.perf_counter()
            images = render(random_specimen(fam, 10_000, today=TODAY))
            cold = time.perf_counter() - t0
            warm = timed(lambda i, fam=fam: render(random_specimen(fam, i, today=TODAY)), repeat)
            lights = {k.value: v for k, v in images.items()}
            cap = timed(lambda i, lights=lights: capture(lights, sample_conditions(seed=i, difficulty="normal"), seed=i), repeat)
            rows[code] = {"family": fam.name.value, "split": split.value, "cold_ms": cold * 1000,
                          "render_ms": statistics.median(warm) * 1000, "capture_ms": statistics.median(cap) * 1000}
            r = rows[code]
            print(f"  {code:<14}{split.value:<13}{r['cold_ms']:>14.0f}{r['render_ms']:>17.0f}{r['capture_ms']:>10.0f}")
    per_family: dict[str, dict] = {}
    print(f"\n  per family over those designs (ms): {'designs':>8}{'render median':>15}{'render max':>12}{'first render max':>18}")
    for fam_name in sorted({r["family"] for r in rows.values()}):
        of = [r for r in rows.values() if r["family"] == fam_name]
        per_family[fam_name] = {"designs": len(of), "render_median_ms": statistics.median(r["render_ms"] for r in of),
                                "render_max_ms": max(r["render_ms"] for r in of), "cold_max_ms": max(r["cold_ms"] for r in of)}
        f = per_family[fam_name]
        print(f"  {fam_name:<36}{f['designs']:>8}{f['render_median_ms']:>15.0f}{f['render_max_ms']:>12.0f}{f['cold_max_ms']:>18.0f}")
    worst = max(r["render_ms"] for r in rows.values())
    worst_cold = max(r["cold_ms"] for r in rows.values())
    print(f"  slowest three-light set {worst:.0f} ms, slowest first render (static layers included) {worst_cold:.0f} ms "
          f"(aim: under 1000 ms)")
    return {"per_design": rows, "per_family": per_family, "render_max_ms": worst, "cold_max_ms": worst_cold}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--designs", type=int, default=6, metavar="N",
                    help="also time N development and N held-out generated designs (default 6, so 12; 0: none)")
    ap.add_argument("--seed", type=int, default=3, help="draws the generated designs")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
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
    if args.quick:
        args.designs = 1
    if args.designs:
        figures["designs"] = time_designs(args.designs, seed=args.seed, repeat=repeat)
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
