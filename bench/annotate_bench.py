"""The automatic annotation of references (issue 19, item 2): per role, recall and precision against the generator's
truth on development and held-out designs side by side (bench/heldout.py: no threshold is tuned on held-out ones),
what it finds on the real specimen images of ../shared/corpus (visible light only, MRZ truth only: the portrait and
VIZ are counted, and drawn for looking at with --draw), and the time per specimen (the issue asks 5 s at 300 dpi).

    python bench/annotate_bench.py [--count 6] [--seed 19] [--draw /tmp/annotate] [--no-real] [--learn]
                                   [--quick] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.heldout import SPLITS, pick  # noqa: E402
from docexam.imageio import load_images  # noqa: E402
from docexam.lights import Light  # noqa: E402
from docexam.references.annotate import NoDocumentError, annotate, learn_variable  # noqa: E402
from docexam.references.model import Annotation, Role  # noqa: E402
from docexam.references.truth import RoleScore, generated_truth, score  # noqa: E402
from docexam.specimens import random_specimen, render  # noqa: E402
from docexam.specimens.designs import design  # noqa: E402

TODAY = dt.date(2026, 11, 28)
CORPUS = ROOT.parent / "shared" / "corpus"
COLOURS = {Role.PORTRAIT: (255, 0, 0), Role.GHOST: (255, 0, 255), Role.MRZ: (0, 160, 0), Role.VIZ_FIELD: (0, 0, 255),
           Role.PERSONALISED: (255, 170, 0), Role.UV_FEATURE: (0, 200, 200)}


def draw(image: np.ndarray, annotation: Annotation, path: Path) -> None:
    vis = image.copy()
    thick = max(1, round(max(vis.shape) / 700))
    for r in annotation.regions:
        x, y, w, h = r.box
        colour = COLOURS.get(r.role, (0, 0, 0))
        cv2.rectangle(vis, (x, y), (x + w - 1, y + h - 1), colour, thick)
        cv2.putText(vis, r.field or r.role.value, (x + 2, max(10, y - 3)), cv2.FONT_HERSHEY_SIMPLEX,
                    0.35 * thick, colour, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.cvtColor(vis, cv2.COLOR_RGB2BGR))


def fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:5.2f}"


def generated(count: int, seed: int, draw_dir: Path | None, learn: bool) -> dict:
    designs = pick(count, seed=seed)
    totals = {s: {} for s in SPLITS}  # type: dict
    times: dict = {s: [] for s in SPLITS}
    learnt: dict = {s: [] for s in SPLITS}
    for sp in SPLITS:
        for code in designs[sp]:
            fam = design(code)
            specimen = random_specimen(fam, seed, today=TODAY)
            images = {str(k): v for k, v in render(specimen, dpi=300).items()}
            t0 = time.perf_counter()
            ann = annotate(images, dpi=300, specimen=code, today=TODAY)
            times[sp].append(time.perf_counter() - t0)
            scores = score(ann, generated_truth(specimen, images, dpi=300))
            misses = [m for s in scores.values() for m in s.misses]
            print(f"  {sp.value:11s} {code:12s} {times[sp][-1]:4.1f} s  missed: {'; '.join(misses) or '-'}")
            for key, s in scores.items():
                totals[sp].setdefault(key, RoleScore()).add(s)
            if draw_dir is not None:
                draw(images[Light.VISIBLE], ann, draw_dir / f"{code}.png")
            if learn:
                other = random_specimen(fam, seed + 1, today=TODAY)
                other_images = {str(k): v for k, v in render(other, dpi=300).items()}
                t0 = time.perf_counter()
                other_ann = annotate(other_images, dpi=300, today=TODAY)
                refined = learn_variable([(images, ann), (other_images, other_ann)])
                learnt[sp].append(time.perf_counter() - t0)
                covered = _covered(refined, generated_truth(specimen, images, dpi=300))
                print(f"  {'':11s} {'':12s} learn_variable: personalised areas cover {covered:.0%} of the true "
                      f"personal data ({len(refined.by_role(Role.PERSONALISED))} regions)")
    keys = sorted({k for s in SPLITS for k in totals[s]})
    print(f"\nper role ({count} development and {count} held-out designs, one genuine specimen each, 300 dpi, "
          "three lights)")
    print(f"  {'role':24s} {'dev recall':>10s} {'precision':>9s} {'expect':>6s}   {'held recall':>11s} "
          f"{'precision':>9s} {'expect':>6s}")
    for k in keys:
        cells = []
        for sp in SPLITS:
            s = totals[sp].get(k, RoleScore())
            exp = s.expect_right / s.expect_total if s.expect_total else None
            cells.append(f"{fmt(s.recall):>10s} {fmt(s.precision):>9s} {fmt(exp):>6s}")
        print(f"  {k:24s} {cells[0]}   {cells[1]}")
    for sp in SPLITS:
        if times[sp]:
            print(f"  time per specimen, {sp.value}: median {statistics.median(times[sp]):.2f} s, max "
                  f"{max(times[sp]):.2f} s")
        if learnt[sp]:
            print(f"  second specimen annotated and learnt from, {sp.value}: median "
                  f"{statistics.median(learnt[sp]):.2f} s")
    return {sp.value: {"roles": {k: {"recall": s.recall, "precision": s.precision, "expect_right": s.expect_right,
                                      "expect_wrong": s.expect_wrong, "expect_total": s.expect_total}
                                  for k, s in totals[sp].items()},
                       "time_s": {"median": statistics.median(times[sp]) if times[sp] else None,
                                  "max": max(times[sp], default=None)}}
            for sp in SPLITS}


def _covered(annotation: Annotation, truth: list) -> float:
    """Share of the true personal-data regions (MRZ, portrait, ghost, VIZ values) whose centre lies in a
    PERSONALISED region."""
    personal = [t for t in truth if t.role is not Role.UV_FEATURE]
    boxes = [r.box for r in annotation.by_role(Role.PERSONALISED)]
    inside = 0
    for t in personal:
        cx, cy = t.box[0] + t.box[2] / 2, t.box[1] + t.box[3] / 2
        inside += any(b[0] <= cx <= b[0] + b[2] and b[1] <= cy <= b[1] + b[3] for b in boxes)
    return inside / max(1, len(personal))


def real(draw_dir: Path | None, limit: int | None = None) -> dict:
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    print(f"\nreal documents (../shared/corpus, visible light only; {len(truth)} images)")
    print(f"  {'image':34s} {'mrz':>4s} {'read':>5s} {'portrait':>8s} {'ghost':>5s} {'viz fields':>10s}  time")
    counts = {"images": 0, "mrz": 0, "mrz_read": 0, "portrait": 0, "ghost": 0, "viz": 0, "viz_images": 0}
    times = []
    for name, t in sorted(truth.items())[:limit]:
        if t.get("mrz") is None:
            continue
        counts["images"] += 1
        rgb = load_images(CORPUS / name, pages=1)[0].image
        t0 = time.perf_counter()
        try:
            ann = annotate({"visible": rgb}, dpi=300, specimen=name, today=TODAY)
        except NoDocumentError:
            print(f"  {name:34s} no document found")
            continue
        times.append(time.perf_counter() - t0)
        mrz = ann.by_role(Role.MRZ)
        read_ok = bool(mrz) and "did not read" not in mrz[0].note
        viz = [r.field for r in ann.by_role(Role.VIZ_FIELD) if r.field]
        counts["mrz"] += bool(mrz)
        counts["mrz_read"] += read_ok
        counts["portrait"] += bool(ann.by_role(Role.PORTRAIT))
        counts["ghost"] += bool(ann.by_role(Role.GHOST))
        counts["viz"] += len(viz)
        counts["viz_images"] += bool(viz)
        print(f"  {name:34s} {'yes' if mrz else 'no':>4s} {'valid' if read_ok else '-':>5s} "
              f"{'yes' if ann.by_role(Role.PORTRAIT) else 'no':>8s} {'yes' if ann.by_role(Role.GHOST) else 'no':>5s} "
              f"{len(viz):>10d}  {times[-1]:.1f} s  {', '.join(v or '' for v in viz)}")
        if draw_dir is not None:
            draw(rgb, ann, draw_dir / "real" / f"{Path(name).stem}.png")
    n = counts["images"]
    print(f"  of {n} images with an MRZ: MRZ found {counts['mrz']}, read valid {counts['mrz_read']}, portrait "
          f"{counts['portrait']}, ghost {counts['ghost']}, VIZ fields {counts['viz']} on {counts['viz_images']} images; "
          f"median time {statistics.median(times):.2f} s")
    return counts | {"median_time_s": statistics.median(times) if times else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=6, help="designs per split (default 6)")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--draw", type=Path, help="write each annotation drawn on its visible image here")
    ap.add_argument("--no-real", action="store_true", help="skip the real corpus")
    ap.add_argument("--learn", action="store_true", help="also learn the variable areas from a second holder")
    ap.add_argument("--quick", action="store_true", help="one design per split, four real images (the smoke test)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    figures = {"generated": generated(1 if args.quick else args.count, args.seed, args.draw, args.learn)}
    if not args.no_real:
        figures["real"] = real(args.draw, 4 if args.quick else None)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
