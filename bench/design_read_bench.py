"""Reading every design: ``docexam read`` on genuine documents of many generated designs, development and held-out.

A pack of ``--count`` genuine documents (default 200) of ``--designs`` generated designs (default 20: of every
family, TD1, TD2, TD3, MRV-A and MRV-B, as many development designs as held-out ones; README, "Measuring on what was
not tuned on"), each captured as an exercise pack captures it (``--difficulty normal``: scanner and phone conditions,
rotation, blur, JPEG) and read as ``docexam read`` reads a file (:func:`docexam.read.reader.read_file`, engine
``auto``), in visible light and in IR. Every reading is one of:

* **exact**: valid, and every line as printed;
* **valid but wrong**: the reader says valid and a character differs (the worst outcome);
* **failed**: no MRZ found, or a reading that does not validate or is not confirmed.

The aim is 100 % exact and no valid-but-wrong reading. Figures per design, per family and per split (development
and held-out side by side); every failed reading is listed with the reader's notes and the design's features (its
fonts, frame, background under IR, window, perforation), so what breaks the reader can be told apart.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/design_read_bench.py [--count 200] [--designs 20] [--keep DIR] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as `docexam read` runs (see docexam/__init__.py)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import random  # noqa: E402

from bench.heldout import SPLITS, genuine_document, grouped, pick, side_by_side  # noqa: E402
from docexam.read.reader import read_file  # noqa: E402
from docexam.specimens import render  # noqa: E402
from docexam.specimens.capture import capture, sample_conditions  # noqa: E402
from docexam.specimens.design import REFERENCE_DPI, FamilyName  # noqa: E402
from docexam.specimens.designs import Split, design, split  # noqa: E402
from docexam.specimens.exercise import write_png  # noqa: E402

TODAY = dt.date(2026, 11, 28)
LIGHTS = ("visible", "ir")
OUTCOMES = ("exact", "valid_but_wrong", "failed")


def pick_designs(count: int, *, seed: int) -> list[str]:
    """``count`` generated designs, half development and half held-out, of the same families in both halves (every
    family once ``count`` >= 10; :func:`bench.heldout.pick`)."""
    chosen = pick((count + 1) // 2, seed=seed)
    return (chosen[Split.DEVELOPMENT] + chosen[Split.HELD_OUT][: count // 2])


def features(code: str) -> str:
    """The design's features that may matter to the reader, in a few words."""
    d = design(code)
    bits = [f"value font {d.value_font}", f"guilloche {d.guilloche_style}"]
    if d.frame:
        bits.append(f"frame {d.frame}")
    if d.background_ir:
        bits.append(f"background in IR {d.background_ir}")
    if d.caption_ir:
        bits.append(f"captions in IR {d.caption_ir}")
    if d.window:
        bits.append("window")
    if d.perforation:
        bits.append("perforated number")
    if d.signature:
        bits.append("signature" + (" (IR)" if d.signature_ir else ""))
    if d.rosettes:
        bits.append(f"{len(d.rosettes)} rosette(s)")
    if d.name_language:
        bits.append(f"names in {d.name_language}")
    return ", ".join(bits)


def outcome(lines: list[str] | None, valid: bool, truth: list[str]) -> str:
    if valid:
        return "exact" if lines == truth else "valid_but_wrong"
    return "failed"


def make_and_read(codes: list[str], count: int, *, seed: int, difficulty: str, folder: Path) -> list[dict]:
    """``count`` genuine documents of ``codes`` in turn, captured and written as PNG, each light read from its file."""
    rows = []
    for i in range(count):
        code = codes[i % len(codes)]
        spec = genuine_document(code, i, seed=seed, today=TODAY)
        rng = random.Random(f"{seed}:{code}:{i}:capture")
        images = render(spec)
        shot = capture({light.value: images[light] for light in images if light.value in LIGHTS},
                       sample_conditions(seed=rng.randrange(2**31), difficulty=difficulty), reference_dpi=REFERENCE_DPI,
                       seed=rng.randrange(2**31))
        doc = f"doc-{i + 1:04d}"
        for light in LIGHTS:
            path = folder / f"{doc}-{code}-{light}.png"
            write_png(path, shot.images[light])
            t = time.perf_counter()
            _, r = read_file(path, engine="auto", today=TODAY)[0]
            ms = (time.perf_counter() - t) * 1000
            lines = list(r.correction.lines) if r.correction else None
            got = outcome(lines, r.valid, list(spec.mrz))
            reason = ""
            if got != "exact":
                if not r.found or r.correction is None:
                    reason = "no MRZ found" + (f" ({'; '.join(r.notes)})" if r.notes else "")
                elif lines == list(spec.mrz):
                    reason = "every line right but not confirmed (a character read with low confidence)"
                else:
                    wrong = sum(a != b for x, y in zip(lines, spec.mrz) for a, b in zip(x, y)) if len(lines) == len(spec.mrz) else None
                    reason = (f"{wrong} character(s) wrong" if wrong is not None else f"{len(lines)} lines read of {len(spec.mrz)}") + \
                        (", validates" if r.valid else ", does not validate") + (f" ({'; '.join(r.notes)})" if r.notes else "")
            rows.append({"doc": doc, "design": code, "family": design(code).name.value, "split": split(code).value,
                         "light": light, "outcome": got, "reason": reason, "ms": ms, "path": str(path),
                         "truth": list(spec.mrz), "read": lines})
    return rows


def tally(rows: list[dict]) -> dict:
    n = len(rows)
    out: dict = {"readings": n, "documents": len({(r["design"], r["doc"]) for r in rows})}
    for o in OUTCOMES:
        out[o] = sum(r["outcome"] == o for r in rows)
        out[f"{o}_rate"] = out[o] / max(1, n)
    out["median_ms"] = statistics.median(r["ms"] for r in rows) if rows else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=200, help="genuine documents (default 200), each read in visible and IR")
    ap.add_argument("--designs", type=int, default=20, help="generated designs, half of them held out (default 20)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--difficulty", default="normal", choices=("easy", "normal", "hard"))
    ap.add_argument("--keep", metavar="DIR", help="keep the captures here (by default they are deleted)")
    ap.add_argument("--quick", action="store_true", help="two designs, one document each, for the test suite's smoke run")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    if args.quick:
        args.count, args.designs = 2, 2
    codes = pick_designs(args.designs, seed=args.seed)
    print(f"Reading every design, {dt.datetime.now():%Y-%m-%d %H:%M}, {args.count} genuine documents of {len(codes)} "
          f"designs at {args.difficulty} difficulty, visible and IR, engine auto, OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}")
    for s in SPLITS:
        print(f"  {s.value}: {', '.join(c for c in codes if split(c) is s)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        rows = make_and_read(codes, args.count, seed=args.seed, difficulty=args.difficulty, folder=folder)
        print(f"(made and read {len(rows)} captures in {time.perf_counter() - t:.0f} s)")

    by_design = {d: tally(rs) for d, rs in grouped(rows, lambda r: r["design"]).items()}
    print(f"\nPer design (readings: visible and IR per document):\n  {'design':<14}{'split':<13}{'readings':>9}{'exact':>8}"
          f"{'valid but wrong':>17}{'failed':>8}{'median ms':>11}")
    for code in codes:
        v = by_design.get(code)
        if v:
            print(f"  {code:<14}{split(code).value:<13}{v['readings']:>9}{v['exact']:>8}{v['valid_but_wrong']:>17}"
                  f"{v['failed']:>8}{v['median_ms']:>11.0f}")
    cols = [("readings", "{readings}"), ("exact", "{exact} = {exact_rate:.1%}"),
            ("valid but wrong", "{valid_but_wrong}"), ("failed", "{failed} = {failed_rate:.1%}"),
            ("median ms", "{median_ms:.0f}")]
    per_family = {}
    print("\nPer family, development against held-out designs:")
    for fam in FamilyName:
        of = [r for r in rows if r["family"] == fam.value]
        if not of:
            continue
        per_family[fam.value] = {s.value: tally([r for r in of if r["split"] == s.value]) for s in SPLITS}
        side_by_side(fam.value.upper(), cols, {k: (v if v["readings"] else {}) for k, v in per_family[fam.value].items()}, width=20)
    per_split = {s.value: tally([r for r in rows if r["split"] == s.value]) for s in SPLITS}
    per_light = {f"{s.value} {light}": tally([r for r in rows if r["split"] == s.value and r["light"] == light])
                 for s in SPLITS for light in LIGHTS}
    print("\nAll families:")
    side_by_side("", cols, {k: (v if v["readings"] else {}) for k, v in per_split.items()}, width=20)
    side_by_side("per light", cols, {k: (v if v["readings"] else {}) for k, v in per_light.items()}, width=20)
    bad = [r for r in rows if r["outcome"] != "exact"]
    if bad:
        print(f"\nReadings that were not exact ({len(bad)}):")
        for r in bad:
            print(f"  {r['doc']} {r['design']:<12} {r['light']:<8} {r['outcome']}: {r['reason']}")
        print("\nThe designs of those readings:")
        for code in sorted({r["design"] for r in bad}):
            print(f"  {code}: {features(code)}")
    else:
        print("\nEvery reading exact.")
    total = tally(rows)
    print(f"\nIn all: {total['exact']}/{total['readings']} readings exact ({total['exact_rate']:.1%}, aim 100%), "
          f"{total['valid_but_wrong']} valid but wrong (aim 0), {total['failed']} failed")
    figures = {"designs": codes, "total": total, "per_split": per_split, "per_light": per_light, "per_family": per_family,
               "per_design": by_design,
               "not_exact": [{k: r[k] for k in ("doc", "design", "light", "outcome", "reason", "truth", "read")} for r in bad]}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
