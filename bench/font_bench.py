"""How the MRZ recogniser reads typefaces it was never trained on, face by face (issue 21, item 1).

Each face prints the same valid MRZs (TD3, TD1 and TD2 of Utopia's families in turn, holders drawn from seeds 5000
on) through the print-and-capture simulator (``docexam.ocr.training.printsim.simulate``, the full recipe or, with
``--mild``, a good print captured with care; capture seeds 7000 on; each face as it is drawn, without the training's
re-cut glyphs), and the reader reads each capture end to end
(``read_gray``, engine ``ocrb``, no time budget). Per face: MRZs read exactly (every line), characters right (a
line not read counts all its characters wrong), valid-but-wrong readings (every check holds, and a character is
wrong; in brackets those of them confirmed, with no letter of a name left for the examiner to check by eye), and the
reading thread's CPU time per capture.

The faces are the held-out ones (``printsim.HELD_OUT_FACES``, never used in training) unless ``--faces`` names
others (``training``: the training faces). ``--models A,B`` reads everything once with each model set (as
``$DOCEXAM_OCRB_MODEL`` names them: several files joined by ``:`` read together; ``default`` is the bundled pair),
capture by capture in turn, so their CPU times are taken in the same conditions.

    .venv/bin/python bench/font_bench.py [--faces held-out|training|NAME,NAME] [--n 24] [--mild] [--models default,FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from docexam.mrz.alphabet import MRZ_ALPHABET  # noqa: E402
from docexam.ocr.ocrb import MODEL_ENV, cut_cells, line_levels, load_model  # noqa: E402
from docexam.ocr.training import printsim  # noqa: E402
from docexam.read.budget import Budget  # noqa: E402
from docexam.read.reader import read_gray  # noqa: E402
from docexam.specimens import FAMILIES, random_specimen  # noqa: E402

TODAY = dt.date(2026, 11, 28)
FAMILY_CYCLE = ("td3", "td1", "td2")


def pick_faces(spec: str) -> list[printsim.Face]:
    if spec == "held-out":
        return list(printsim.held_out_faces())
    pool = {f.name: f for f in (*printsim.available_faces(), *printsim.held_out_faces())}
    if spec == "training":
        return list(printsim.available_faces())
    missing = [n for n in spec.split(",") if n not in pool]
    if missing:
        raise SystemExit(f"no such face installed: {', '.join(missing)} (known: {', '.join(pool)})")
    return [pool[n] for n in spec.split(",")]


def capture(face: printsim.Face, i: int, *, mild: bool) -> tuple[np.ndarray, list[str], printsim.Simulated]:
    """The i-th capture of ``face``: a valid MRZ printed and captured, padded with paper as a crop around it."""
    spec = random_specimen(FAMILIES[FAMILY_CYCLE[i % 3]], 5000 + i, today=TODAY)
    sim = printsim.simulate(list(spec.mrz), rng=np.random.default_rng(7000 + i), faces=[face], mild=mild,
                            variants=False)
    pad = int(2 * sim.pitch)
    paper = int(np.percentile(sim.image, 90))
    img = cv2.copyMakeBorder(sim.image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=paper)
    return img, list(spec.mrz), sim


def use(models: str) -> None:
    """Read with the model set ``models`` from now on ("default": the bundled networks), the recogniser alone as the
    reader (both find the models through ``$DOCEXAM_OCRB_MODEL``)."""
    if models == "default":
        os.environ.pop(MODEL_ENV, None)
    else:
        os.environ[MODEL_ENV] = models


def cells_right(sim: printsim.Simulated, models: str) -> int:
    """Characters the model set's first choice gets right in cells cut at their true places (the recogniser alone,
    without the reader's grid or corrections)."""
    use(models)
    model = load_model()
    levels = line_levels(sim.image)
    cells = np.concatenate([cut_cells(sim.image, ln.centres, ln.y_centre, sim.pitch, levels=levels) for ln in sim.lines])
    truth = np.array([MRZ_ALPHABET.index(c) for ln in sim.lines for c in ln.text])
    return int((model.probabilities(cells).argmax(axis=1) == truth).sum())


def read(img: np.ndarray, models: str) -> tuple[list[str] | None, bool, bool, float]:
    """(lines read, valid, confirmed, thread CPU seconds) with the model set ``models`` ("default": the bundled
    pair). Confirmed: valid with no letter of a name left for the examiner to check (``ReadResult.confirmed``)."""
    use(models)
    t = time.thread_time()
    r = read_gray(img, engine="ocrb", today=TODAY, budget=Budget(None))
    cpu = time.thread_time() - t
    return (list(r.correction.lines) if r.correction else None), bool(r.valid), r.confirmed, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--faces", default="held-out")
    ap.add_argument("--n", type=int, default=24, help="captures per face")
    ap.add_argument("--mild", action="store_true", help="a good print captured with care, not the full recipe")
    ap.add_argument("--models", default="default", help="model sets to compare, joined by ','")
    ap.add_argument("--cells-only", action="store_true", help="the recogniser on cells at their true places alone")
    args = ap.parse_args(argv)
    faces = pick_faces(args.faces)
    sets = args.models.split(",")
    print(f"{len(faces)} faces x {args.n} captures ({'mild' if args.mild else 'full'} recipe); model sets: {sets}")
    # exact, n, chars right, chars, vbw, cpu, cells right, confirmed but wrong
    totals = {m: [0, 0, 0, 0, 0, [], 0, 0] for m in sets}
    for face in faces:
        per = {m: [0, 0, 0, 0, 0, [], 0, 0] for m in sets}
        flags: dict[str, list[str]] = {m: [] for m in sets}
        for i in range(args.n):
            img, truth, sim = capture(face, i, mild=args.mild)
            for m in sets:
                per[m][6] += cells_right(sim, m)
                if args.cells_only:
                    per[m][3] += sum(len(t) for t in truth)
                    per[m][5].append(0.0)
                    continue
                lines, valid, confirmed, cpu = read(img, m)
                exact = lines == truth
                right = sum(sum(a == b for a, b in zip(t, got)) if got and len(got) == len(t) else 0
                            for t, got in zip(truth, lines or [None] * len(truth)))
                p = per[m]
                p[0] += exact
                p[1] += 1
                p[2] += right
                p[3] += sum(len(t) for t in truth)
                p[4] += valid and not exact
                p[7] += confirmed and not exact
                p[5].append(cpu)
                flags[m].append("1" if exact else ("V" if valid else "0"))
                if valid and not exact and lines:
                    wrong = [f"{t[k]}->{got[k]}" for t, got in zip(truth, lines) for k in range(min(len(t), len(got)))
                             if t[k] != got[k]]
                    kind = "confirmed" if confirmed else "a name flagged"
                    print(f"  valid but wrong ({kind}): {face.name} #{i} {m[-40:]}: {', '.join(wrong)}", flush=True)
        for m in sets:
            p = per[m]
            print(f"{face.name:26s} {m[-40:]:>40s}  cells {p[6] / p[3]:7.2%}  exact {p[0]:2d}/{args.n}  "
                  f"chars {p[2] / p[3]:7.2%}  valid-but-wrong {p[4]} (confirmed {p[7]})  cpu median {statistics.median(p[5]) * 1000:4.0f} ms"
                  f"  {''.join(flags[m])}", flush=True)
            t = totals[m]
            for k in (0, 1, 2, 3, 4, 7):
                t[k] += p[k]
            t[5] += p[5]
            t[6] += p[6]
    for m in sets:
        t = totals[m]
        print(f"{'all':26s} {m[-40:]:>40s}  cells {t[6] / t[3]:7.2%}  exact {t[0]:3d}/{len(faces) * args.n}  "
              f"chars {t[2] / t[3]:7.2%}  valid-but-wrong {t[4]} (confirmed {t[7]})  cpu median {statistics.median(t[5]) * 1000:.0f} ms, "
              f"mean {statistics.mean(t[5]) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
