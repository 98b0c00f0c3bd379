"""How the MRZ recogniser reads small captures in soft focus, low light and heavy JPEG: a development split made by
the print-and-capture simulator alone (issue 21).

``recapture_bench.py`` measures the real corpus re-captured blurred, dark or compressed; nothing may be tuned on it.
This benchmark makes the same kinds of capture from the simulator (``printsim.simulate`` with a set
``printsim.Capture``), for choosing and diagnosing on: valid MRZs (TD3, TD1 and TD2 of Utopia's families in turn,
holders drawn from seeds 60000 on) printed in the TRAINING faces (``--print good``: a good OCR-B print as the
simulator's mild recipe draws it; ``any``: the full recipe's print, every training face), captured at a pitch of
``--pitch`` pixels (drawn uniformly in the range; capture seeds 910000 on, which no training run draws) under:

- ``clean``: nothing more (the control at the same small pitch);
- ``blur``: a Gaussian soft focus of 0.8 to 1.6 pixels;
- ``dark``: a photo in low light: a fifth to two fifths of the contrast, sensor noise of 4 to 8 grey levels, JPEG 80;
- ``jpeg``: JPEG quality 20 to 40.

Per condition and model set: the recogniser alone on cells cut at their true places (first choice right) and on
cells cut where the reader's grid might put them (``printsim.reader_centres``), the reader end to end (``read_gray``,
engine ``ocrb``, no time budget: characters right, a line not read counting all its characters wrong; MRZs exact,
valid-but-wrong, in brackets those confirmed), and the confusions the
cells at their true places make most (truth -> read). ``--models A,B`` reads everything once with each model set
(``$DOCEXAM_OCRB_MODEL``'s syntax; ``default`` is the bundled pair), capture by capture in turn.

    .venv/bin/python bench/soft_capture_bench.py [--conditions clean,blur,dark,jpeg] [--n 60] [--print good|any]
        [--pitch 7,11] [--models default,FILE] [--cells-only]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from font_bench import FAMILY_CYCLE, TODAY, read, use  # noqa: E402

from docexam.mrz.alphabet import MRZ_ALPHABET  # noqa: E402
from docexam.ocr.ocrb import cut_cells, line_levels, load_model  # noqa: E402
from docexam.ocr.training import printsim  # noqa: E402
from docexam.specimens import FAMILIES, random_specimen  # noqa: E402

CONDITIONS = ("clean", "blur", "dark", "jpeg")
SPEC_SEED, CAPTURE_SEED = 60000, 910000


def condition(name: str, pitch: float, rng: np.random.Generator) -> printsim.Capture:
    if name == "clean":
        return printsim.Capture(pitch)
    if name == "blur":
        return printsim.Capture(pitch, blur=float(rng.uniform(0.8, 1.6)))
    if name == "dark":
        return printsim.Capture(pitch, contrast=float(rng.uniform(0.2, 0.4)), noise=float(rng.uniform(4, 8)), jpeg=80)
    if name == "jpeg":
        return printsim.Capture(pitch, jpeg=int(rng.integers(20, 41)))
    raise SystemExit(f"unknown condition {name!r} (known: {', '.join(CONDITIONS)})")


def capture(name: str, i: int, *, good: bool, pitch: tuple[float, float]
            ) -> tuple[np.ndarray, list[str], printsim.Simulated]:
    """The i-th capture under condition ``name``: a valid MRZ printed in a training face, captured as the condition
    sets, padded with paper as a crop around it."""
    spec = random_specimen(FAMILIES[FAMILY_CYCLE[i % 3]], SPEC_SEED + i, today=TODAY)
    rng = np.random.default_rng([CAPTURE_SEED + i, CONDITIONS.index(name)])
    cap = condition(name, float(rng.uniform(*pitch)), rng)
    sim = printsim.simulate(list(spec.mrz), rng=rng, faces=printsim.available_faces(), mild=good, capture=cap)
    pad = int(2 * sim.pitch)
    paper = int(np.percentile(sim.image, 90))
    img = cv2.copyMakeBorder(sim.image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=paper)
    return img, list(spec.mrz), sim


def first_choices(sim: printsim.Simulated, models: str, *, grid_rng: np.random.Generator | None) -> list[str]:
    """The model set's first choice for every character, cut at its true place (``grid_rng`` None) or where the
    reader's grid might put it."""
    use(models)
    model = load_model()
    levels = line_levels(sim.image)
    parts = []
    for ln in sim.lines:
        if grid_rng is None:
            centres, y, pitch = ln.centres, ln.y_centre, sim.pitch
        else:
            centres, y, pitch = printsim.reader_centres(ln, sim.pitch, rng=grid_rng)
        parts.append(cut_cells(sim.image, centres, y, pitch, levels=levels))
    return [MRZ_ALPHABET[k] for k in model.probabilities(np.concatenate(parts)).argmax(axis=1)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument("--n", type=int, default=60, help="captures per condition")
    ap.add_argument("--print", dest="print_kind", choices=("good", "any"), default="good")
    ap.add_argument("--pitch", default="7,11", help="the capture's pitch range in pixels")
    ap.add_argument("--models", default="default", help="model sets to compare, joined by ','")
    ap.add_argument("--cells-only", action="store_true", help="the recogniser on cells alone, no end-to-end reading")
    args = ap.parse_args(argv)
    lo, hi = (float(v) for v in args.pitch.split(","))
    sets = args.models.split(",")
    names = [c for c in args.conditions.split(",") if c]
    print(f"{len(names)} conditions x {args.n} captures, {args.print_kind} print, pitch {lo:g}-{hi:g} px; "
          f"model sets: {sets}")
    totals = {m: Counter() for m in sets}
    for name in names:
        per = {m: Counter() for m in sets}
        confusions = {m: Counter() for m in sets}
        for i in range(args.n):
            img, truth, sim = capture(name, i, good=args.print_kind == "good", pitch=(lo, hi))
            chars = "".join(truth)
            for m in sets:
                p = per[m]
                got = first_choices(sim, m, grid_rng=None)
                p["cells"] += len(chars)
                p["true_right"] += sum(a == b for a, b in zip(chars, got))
                confusions[m].update(f"{a}->{b}" for a, b in zip(chars, got) if a != b)
                grid = first_choices(sim, m, grid_rng=np.random.default_rng(CAPTURE_SEED + 500000 + i))
                p["grid_right"] += sum(a == b for a, b in zip(chars, grid))
                if args.cells_only:
                    continue
                lines, valid, confirmed, _ = read(img, m)
                exact = lines == truth
                p["read_right"] += sum(sum(a == b for a, b in zip(t, got)) if got and len(got) == len(t) else 0
                                       for t, got in zip(truth, lines or [None] * len(truth)))
                p["n"] += 1
                p["exact"] += exact
                p["vbw"] += valid and not exact
                p["cbw"] += confirmed and not exact
                if valid and not exact and lines:
                    wrong = [f"{t[k]}->{g[k]}" for t, g in zip(truth, lines) for k in range(min(len(t), len(g)))
                             if t[k] != g[k]]
                    print(f"  valid but wrong ({'confirmed' if confirmed else 'a name flagged'}): {name} #{i} "
                          f"{m[-40:]}: {', '.join(wrong)} {sim.recipe}", flush=True)
        for m in sets:
            p = per[m]
            totals[m].update(p)
            ends = "" if args.cells_only else (f"  read: chars {p['read_right'] / p['cells']:7.2%}  exact {p['exact']:3d}/"
                                               f"{p['n']}  valid-but-wrong {p['vbw']} (confirmed {p['cbw']})")
            top = ", ".join(f"{k} {v}" for k, v in confusions[m].most_common(8))
            print(f"{name:6s} {m[-40:]:>40s}  cells true {p['true_right'] / p['cells']:7.2%}  "
                  f"grid {p['grid_right'] / p['cells']:7.2%}{ends}  | {top}", flush=True)
    for m in sets:
        t = totals[m]
        ends = "" if args.cells_only else (f"  read: chars {t['read_right'] / t['cells']:7.2%}  exact {t['exact']:3d}/"
                                           f"{t['n']}  valid-but-wrong {t['vbw']} (confirmed {t['cbw']})")
        print(f"{'all':6s} {m[-40:]:>40s}  cells true {t['true_right'] / t['cells']:7.2%}  "
              f"grid {t['grid_right'] / t['cells']:7.2%}{ends}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
