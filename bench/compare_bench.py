"""Comparison benchmark: questioned documents against their reference specimens, in visible, UV and IR light.

Two parts in one run, each at ``--difficulty normal`` and ``hard``:

* **Utopia**, as this benchmark always measured it (figures comparable with earlier runs): exercise packs of
  ``--count`` documents per difficulty (``docexam exercise generate``), each document compared with its family's
  reference as ``docexam compare`` does;
* **generated designs**: ``--designs N`` development designs and N held-out designs (README, "Measuring on what
  was not tuned on": odd variants develop, even variants are held out and nothing is tuned on them), ``--per-design``
  documents of each per difficulty (a pack of that design, ``docexam exercise generate --design CODE``), compared
  with the design's own reference (rendered at 300 dpi with its ``specimen.json`` regions). Figures per design, and development and held-out side
  by side, in total and per alteration kind.

Reported against the answer keys:

* alterations found: a finding at the alarm level overlapping the key's region in a light that shows it (the
  trainee scoring rule, :func:`docexam.specimens.exercise.mark_matches`), per kind; aim >= 95 %;
* genuine documents with any alarm (false alarms); aim <= 5 %; and alarms on altered documents that match no
  alteration;
* registration error against the truth: the key's exact homographies map a grid of reference points into the
  capture, the registration maps them back; the distance in reference pixels (300 dpi); aim <= 1 px median;
* milliseconds per three-light comparison (registration, checks, MRZ and VIZ reading; the images already
  decoded, their decoding reported apart); aim <= 1 s on a 2-core machine.

No peer is run: the examiners' alternative is a video spectral comparator worked by hand.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/compare_bench.py [--count 120] [--designs 3] [--per-design 8]
        [--design CSP-TD1-3,NVR-TD3-2] [--packs DIR] [--quick]
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
import zlib
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bench.heldout import SPLITS, grouped, named, pick, side_by_side  # noqa: E402
from docexam.compare.geometry import RegistrationError  # noqa: E402
from docexam.compare.pipeline import compare  # noqa: E402
from docexam.compare.reference import load_lights, load_reference  # noqa: E402
from docexam.specimens.designs import Split, split  # noqa: E402
from docexam.specimens.exercise import generate_pack, mark_matches  # noqa: E402

TODAY = dt.date(2026, 11, 28)


def true_error(alignment, key_h: np.ndarray, shape: tuple[int, int]) -> float:
    """Mean distance (reference px) between a 12x8 grid of reference points and where the registration puts them
    back after the key's exact homography took them into the capture."""
    h, w = shape
    gx, gy = np.meshgrid(np.linspace(0, w - 1, 12), np.linspace(0, h - 1, 8))
    ref = np.stack([gx.ravel(), gy.ravel(), np.ones(gx.size)], axis=1)
    cap = ref @ key_h.T
    cap /= cap[:, 2:]
    back = cap @ np.asarray(alignment.homography).T
    back = back[:, :2] / back[:, 2:]
    return float(np.sqrt(((back - ref[:, :2]) ** 2).sum(axis=1)).mean())


def compare_document(doc: Path, key: dict, ref, *, viz: bool) -> dict:
    """Compare one questioned document with its reference: one row of figures (what was found, what alarmed)."""
    design = key.get("design") or f"UTO-{key['family'].upper()}"
    row: dict = {"doc": f"{doc.parent.name}/{doc.name}", "design": design, "split": split(design).value,
                 "family": key["family"], "alterations": [], "genuine": not key["alterations"], "genuine_alarms": "",
                 "stray_alarms": 0, "residual_px": {}, "failure": None}
    t = time.perf_counter()
    captures = load_lights(doc)
    row["load_ms"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    try:
        comparison, _ = compare(captures, ref, today=TODAY, compare_viz=viz)
    except RegistrationError as e:
        row["failure"] = f"{row['doc']}: {e}"
        row["alterations"] = [(a["kind"], False) for a in key["alterations"]]
        return row
    row["ms"] = (time.perf_counter() - t) * 1000
    for light, alignment in comparison.alignments.items():
        row["residual_px"][light] = true_error(alignment, np.asarray(key["capture"]["homographies"][light]), ref.shape)
    alarms = [{"bbox": list(f.bbox), "light": f.light} for f in comparison.alarms]
    row["alterations"] = [(a["kind"], any(mark_matches(m, a) for m in alarms)) for a in key["alterations"]]
    if key["alterations"]:
        row["stray_alarms"] = sum(not any(mark_matches(m, a) for a in key["alterations"]) for m in alarms)
    elif alarms:
        row["genuine_alarms"] = ", ".join(f"{f.kind.value}/{f.light}" for f in comparison.alarms)
    return row


def run_pack(pack: Path, *, viz: bool) -> list[dict]:
    """Every document of a pack compared with the reference its key names: one row per document."""
    refs: dict[str, object] = {}
    rows = []
    for doc in sorted(pack.glob("doc-*")):
        key = json.loads((doc / "key.json").read_text())
        if key["reference"] not in refs:
            refs[key["reference"]] = load_reference(pack / key["reference"])
        rows.append(compare_document(doc, key, refs[key["reference"]], viz=viz))
    return rows


def summarise(rows: list[dict]) -> dict:
    """Found and false-alarm rates, registration error and time over ``rows``."""
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind -> [alterations, found]
    errors = defaultdict(list)
    for r in rows:
        for kind, hit in r["alterations"]:
            kinds[kind][0] += 1
            kinds[kind][1] += hit
        for light, e in r["residual_px"].items():
            errors[light].append(e)
    ms = [r["ms"] for r in rows if "ms" in r]
    load_ms = [r["load_ms"] for r in rows]
    genuine = [r for r in rows if r["genuine"]]
    genuine_alarmed = [r for r in genuine if r["genuine_alarms"]]
    total = sum(v[0] for v in kinds.values())
    found = sum(v[1] for v in kinds.values())
    return {
        "documents": len(rows), "registration_failures": [r["failure"] for r in rows if r["failure"]],
        "alterations": total, "found": found, "found_rate": found / max(1, total),
        "per_kind": {k: {"alterations": v[0], "found": v[1], "rate": v[1] / max(1, v[0])} for k, v in sorted(kinds.items())},
        "genuine": len(genuine), "genuine_with_alarm": len(genuine_alarmed),
        "genuine_alarm_rate": len(genuine_alarmed) / max(1, len(genuine)),
        "alarms_matching_no_alteration": sum(r["stray_alarms"] for r in rows),
        "residual_px": {light: {"median": statistics.median(v), "p90": float(np.percentile(v, 90)), "max": max(v)}
                        for light, v in errors.items()},
        "median_ms": statistics.median(ms) if ms else 0.0, "p90_ms": float(np.percentile(ms, 90)) if ms else 0.0,
        "load_median_ms": statistics.median(load_ms) if load_ms else 0.0,
        "missed": [f"{r['doc']} {kind}" for r in rows for kind, hit in r["alterations"] if not hit],
        "genuine_alarms": [f"{r['doc']}: {r['genuine_alarms']}" for r in genuine_alarmed],
    }


def design_seed(seed: int, code: str, difficulty: str) -> int:
    """A pack seed of its own per design and difficulty, so that no two packs draw the same holders and alterations."""
    return seed * 10_000 + zlib.crc32(f"{code}:{difficulty}".encode()) % 10_000


def report(name: str, r: dict) -> None:
    print(f"\n{name}: {r['documents']} documents, {r['alterations']} seeded alterations, {r['genuine']} genuine")
    print(f"  alterations found (alarm in the key's region and light): {r['found']}/{r['alterations']} = {r['found_rate']:.1%}")
    for kind, v in r["per_kind"].items():
        print(f"    {kind:<22} {v['found']:>3}/{v['alterations']:<3} {v['rate']:.0%}")
    print(f"  genuine documents with any alarm: {r['genuine_with_alarm']}/{r['genuine']} = {r['genuine_alarm_rate']:.1%}")
    print(f"  alarms on altered documents matching no alteration: {r['alarms_matching_no_alteration']}")
    for light, e in r["residual_px"].items():
        print(f"  registration error {light:<8} median {e['median']:.2f} px, 90th percentile {e['p90']:.2f}, max {e['max']:.2f}")
    print(f"  registration failures: {len(r['registration_failures'])}")
    for f in r["registration_failures"][:5]:
        print(f"    {f}")
    print(f"  ms per three-light comparison: median {r['median_ms']:.0f}, 90th percentile {r['p90_ms']:.0f} "
          f"(decoding the three PNGs: median {r['load_median_ms']:.0f} ms, apart)")
    if r["missed"]:
        print(f"  missed: {', '.join(r['missed'][:15])}{' ...' if len(r['missed']) > 15 else ''}")
    if r["genuine_alarms"]:
        print(f"  genuine with alarms: {'; '.join(r['genuine_alarms'][:8])}")


def report_designs(rows: list[dict]) -> dict:
    """Print and return the figures per design, per split side by side, and per alteration kind per split."""
    by_design = {d: summarise(rs) for d, rs in sorted(grouped(rows, lambda r: r["design"]).items(), key=lambda kv: (split(kv[0]) is not Split.DEVELOPMENT, kv[0]))}
    by_split = {s.value: summarise([r for r in rows if r["split"] == s.value]) for s in SPLITS}
    print(f"\nPer design ({len(rows)} documents, normal and hard):")
    print(f"  {'design':<14}{'split':<13}{'docs':>5}{'found':>14}{'genuine alarmed':>18}{'stray':>7}{'reg. fail':>10}{'ms':>7}")
    for d, r in by_design.items():
        print(f"  {d:<14}{split(d).value:<13}{r['documents']:>5}{r['found']:>6}/{r['alterations']:<3}{r['found_rate']:>5.0%}"
              f"{r['genuine_with_alarm']:>9}/{r['genuine']:<3}{r['genuine_alarm_rate']:>5.0%}{r['alarms_matching_no_alteration']:>7}"
              f"{len(r['registration_failures']):>10}{r['median_ms']:>7.0f}")
    print("\nDevelopment against held-out designs:")
    side_by_side("", [
        ("documents", "{documents}"),
        ("alterations found", "{found}/{alterations} = {found_rate:.1%}"),
        ("genuine documents with any alarm", "{genuine_with_alarm}/{genuine} = {genuine_alarm_rate:.1%}"),
        ("alarms matching no alteration", "{alarms_matching_no_alteration}"),
        ("registration failures", "{failures}"),
        ("ms per comparison, median", "{median_ms:.0f}"),
    ], {k: (v | {"failures": len(v["registration_failures"])}) if v["documents"] else {} for k, v in by_split.items()}, width=22)
    kinds = sorted({k for v in by_split.values() for k in v["per_kind"]})
    print("  found, per alteration kind:")
    for kind in kinds:
        cells = []
        for v in by_split.values():
            k = v["per_kind"].get(kind)
            cells.append(f"{k['found']}/{k['alterations']} = {k['rate']:.0%}" if k else "-")
        print(f"    {kind:<38}" + "".join(f"{c:>22}" for c in cells))
    for name, v in by_split.items():
        if v["missed"]:
            print(f"  {name}, missed: {', '.join(v['missed'][:20])}{' ...' if len(v['missed']) > 20 else ''}")
        if v["genuine_alarms"]:
            print(f"  {name}, genuine with alarms: {'; '.join(v['genuine_alarms'][:10])}")
        for f in v["registration_failures"][:5]:
            print(f"  {name}, registration failed: {f}")
    return {"per_design": by_design, "per_split": by_split}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=120, help="Utopia documents per difficulty (two difficulties); 0: none")
    ap.add_argument("--designs", type=int, default=3, metavar="N",
                    help="N development and N held-out generated designs beside Utopia (default 3; 0: Utopia only)")
    ap.add_argument("--design", metavar="CODE[,CODE...]", help="these designs instead of --designs' random draw")
    ap.add_argument("--per-design", type=int, default=8, metavar="M", help="documents per design and difficulty (default 8)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--packs", metavar="DIR", help="keep (or reuse) the generated packs here")
    ap.add_argument("--no-viz", action="store_true", help="do not read the VIZ with tesseract")
    ap.add_argument("--quick", action="store_true", help="a handful of documents, for the test suite's smoke run")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    count = 2 if args.quick else args.count
    if args.quick:
        args.designs, args.per_design = 1, 1
    chosen = named(c for c in args.design.split(",") if c.strip()) if args.design else pick(args.designs, seed=args.seed)
    print(f"Comparison benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {count} Utopia documents per difficulty, "
          f"{args.per_design} per generated design and difficulty, OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}")
    for s in SPLITS:
        print(f"  {s.value} designs: {', '.join(chosen[s]) or 'none'}")
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.packs) if args.packs else Path(tmp)
        utopia: list[dict] = []
        # --quick: two families, so that its packs of two documents write two reference specimens, not four
        families = ("td3", "td1") if args.quick else None
        for difficulty in ("normal", "hard") if count else ():
            pack = base / (f"pack-{difficulty}-{count}-{args.seed}" + ("-td3-td1" if families else ""))
            if not (pack / "pack.json").exists():
                t = time.perf_counter()
                generate_pack(pack, count=count, seed=args.seed, difficulty=difficulty, today=TODAY, families=families)
                print(f"(generated {count} {difficulty} documents in {time.perf_counter() - t:.0f} s)")
            rows = run_pack(pack, viz=not args.no_viz)
            utopia += rows
            figures[difficulty] = summarise(rows)
            report(f"Utopia, difficulty {difficulty}", figures[difficulty])
        if utopia:
            both = summarise(utopia)
            figures["total"] = {k: both[k] for k in ("alterations", "found", "found_rate", "genuine", "genuine_with_alarm",
                                                     "genuine_alarm_rate")}
            print(f"\nUtopia, both difficulties: alterations found {both['found']}/{both['alterations']} = {both['found_rate']:.1%} "
                  f"(aim >= 95%), genuine documents with an alarm {both['genuine_with_alarm']}/{both['genuine']} = "
                  f"{both['genuine_alarm_rate']:.1%} (aim <= 5%)")
        rows = []
        codes = [c for s in SPLITS for c in chosen[s]]
        t = time.perf_counter()
        for difficulty in ("normal", "hard") if codes and args.per_design else ():
            for code in codes:
                folder = base / f"design-{code.lower()}-{difficulty}-{args.per_design}-{args.seed}"
                if not (folder / "pack.json").exists():
                    generate_pack(folder, count=args.per_design, seed=design_seed(args.seed, code, difficulty), difficulty=difficulty,
                                  today=TODAY, designs=[code], replace=True)
                rows += run_pack(folder, viz=not args.no_viz)
        if rows:
            print(f"\n(generated and compared {len(rows)} documents of {len(codes)} designs in {time.perf_counter() - t:.0f} s)")
            figures["designs"] = report_designs(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
