"""Comparison benchmark: questioned documents against their reference specimens, in visible, UV and IR light.

Generates exercise packs (``docexam exercise generate``) at ``--difficulty normal`` and ``hard`` and compares every
document with its family's reference, as ``docexam compare`` does, and reports against the packs' answer keys:

* alterations found: a finding at the alarm level overlapping the key's region in a light that shows it (the
  trainee scoring rule, :func:`docexam.specimens.exercise.mark_matches`), per kind; aim >= 95 %;
* genuine documents with any alarm; aim <= 5 %; and alarms on altered documents that match no alteration;
* registration error against the truth: the key's exact homographies map a grid of reference points into the
  capture, the registration maps them back; the distance in reference pixels (300 dpi); aim <= 1 px median;
* milliseconds per three-light comparison (registration, checks, MRZ and VIZ reading; the images already
  decoded, their decoding reported apart); aim <= 1 s on a 2-core machine.

No peer is run: the examiners' alternative is a video spectral comparator worked by hand.
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
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from docexam.compare.geometry import RegistrationError  # noqa: E402
from docexam.compare.pipeline import compare  # noqa: E402
from docexam.compare.reference import load_lights, load_reference  # noqa: E402
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


def run_pack(pack: Path, *, viz: bool) -> dict:
    refs = {}
    kinds = defaultdict(lambda: [0, 0])  # kind -> [alterations, found]
    genuine = genuine_alarmed = 0
    stray_alarms = 0
    errors = defaultdict(list)
    ms, load_ms = [], []
    failed, missed, alarmed_genuine = [], [], []
    for doc in sorted(pack.glob("doc-*")):
        key = json.loads((doc / "key.json").read_text())
        fam = key["family"]
        if fam not in refs:
            refs[fam] = load_reference(pack / key["reference"])
        ref = refs[fam]
        t = time.perf_counter()
        captures = load_lights(doc)
        load_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        try:
            comparison, _ = compare(captures, ref, today=TODAY, compare_viz=viz)
        except RegistrationError as e:
            failed.append(f"{pack.name}/{doc.name}: {e}")
            for a in key["alterations"]:
                kinds[a["kind"]][0] += 1
            genuine += not key["alterations"]
            continue
        ms.append((time.perf_counter() - t) * 1000)
        for light, alignment in comparison.alignments.items():
            errors[light].append(true_error(alignment, np.asarray(key["capture"]["homographies"][light]), ref.shape))
        alarms = [{"bbox": list(f.bbox), "light": f.light} for f in comparison.alarms]
        for a in key["alterations"]:
            kinds[a["kind"]][0] += 1
            hit = any(mark_matches(m, a) for m in alarms)
            kinds[a["kind"]][1] += hit
            if not hit:
                missed.append(f"{doc.name} {a['kind']}")
        if key["alterations"]:
            stray_alarms += sum(not any(mark_matches(m, a) for a in key["alterations"]) for m in alarms)
        else:
            genuine += 1
            if alarms:
                genuine_alarmed += 1
                alarmed_genuine.append(f"{doc.name}: " + ", ".join(f"{f.kind.value}/{f.light}" for f in comparison.alarms))
    total = sum(v[0] for v in kinds.values())
    found = sum(v[1] for v in kinds.values())
    return {
        "documents": len(list(pack.glob("doc-*"))), "registration_failures": failed,
        "alterations": total, "found": found, "found_rate": found / max(1, total),
        "per_kind": {k: {"alterations": v[0], "found": v[1], "rate": v[1] / max(1, v[0])} for k, v in sorted(kinds.items())},
        "genuine": genuine, "genuine_with_alarm": genuine_alarmed, "genuine_alarm_rate": genuine_alarmed / max(1, genuine),
        "alarms_matching_no_alteration": stray_alarms,
        "residual_px": {light: {"median": statistics.median(v), "p90": float(np.percentile(v, 90)), "max": max(v)}
                        for light, v in errors.items()},
        "median_ms": statistics.median(ms) if ms else 0.0, "p90_ms": float(np.percentile(ms, 90)) if ms else 0.0,
        "load_median_ms": statistics.median(load_ms) if load_ms else 0.0,
        "missed": missed, "genuine_alarms": alarmed_genuine,
    }


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=120, help="documents per difficulty (two difficulties)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--packs", metavar="DIR", help="keep (or reuse) the generated packs here")
    ap.add_argument("--no-viz", action="store_true", help="do not read the VIZ with tesseract")
    ap.add_argument("--quick", action="store_true", help="a handful of documents, for the test suite's smoke run")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    count = 4 if args.quick else args.count
    print(f"Comparison benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {count} documents per difficulty, "
          f"OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.packs) if args.packs else Path(tmp)
        for difficulty in ("normal", "hard"):
            pack = base / f"pack-{difficulty}-{count}-{args.seed}"
            if not (pack / "pack.json").exists():
                t = time.perf_counter()
                generate_pack(pack, count=count, seed=args.seed, difficulty=difficulty, today=TODAY)
                print(f"(generated {count} {difficulty} documents in {time.perf_counter() - t:.0f} s)")
            figures[difficulty] = run_pack(pack, viz=not args.no_viz)
            report(f"difficulty {difficulty}", figures[difficulty])
    both = [figures[d] for d in figures]
    alts = sum(r["alterations"] for r in both)
    found = sum(r["found"] for r in both)
    gen = sum(r["genuine"] for r in both)
    gen_alarmed = sum(r["genuine_with_alarm"] for r in both)
    figures["total"] = {"alterations": alts, "found": found, "found_rate": found / max(1, alts), "genuine": gen,
                        "genuine_with_alarm": gen_alarmed, "genuine_alarm_rate": gen_alarmed / max(1, gen)}
    print(f"\nBoth difficulties: alterations found {found}/{alts} = {found / max(1, alts):.1%} (aim >= 95%), "
          f"genuine documents with an alarm {gen_alarmed}/{gen} = {gen_alarmed / max(1, gen):.1%} (aim <= 5%)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
