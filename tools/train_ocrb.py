"""Train docexam's MRZ character recogniser on simulated print and capture (by default into resources/ocrb_printsim.npz).

    .venv/bin/python tools/train_ocrb.py [--cells 250000] [--epochs 14] [--hidden 384] [--workers 2] [--seed 9303]
        [--soft 0] [--init FILE] [--lr 0.002] [--out FILE]

``--soft`` draws that share of the full recipe's scans and photos in soft focus (``printsim.simulate``); ``--init``
fine-tunes a model's weights (its input normalisation kept) instead of starting at random.

The defaults made ``resources/ocrb_printsim.npz`` (read together with ``resources/ocrb_mlp.npz``; 9 minutes on this
2-core machine while others ran; see resources/README.md for how it reads the held-out faces and compares with the
model before it, and with the font-only model this script's earlier version made).

Training data are MRZ blocks made by the print-and-capture simulator (``docexam.ocr.training.printsim``: the OCR-B
cuts and the monospaced faces issuers print instead, laser, inkjet, thermal-transfer, engraved and perforated print,
dot gain, security print under the text, scans, phone photos, screenshots and photos of screens down to a 8-pixel
pitch, blur, glare, low light, JPEG, moire, the reader's straightening residue), cut into cells with the functions the
reader uses (``docexam.ocr.ocrb.cut_cells`` on the crop's ``line_levels``) where the reader's grid puts them
(``printsim.reader_grid``: the reader's own fit) or might (``printsim.reader_centres``: pitch, phase and centre line
a little off). A one-hidden-layer network is trained with
numpy (Adam, cross-entropy). Seeded: the same arguments write the same model, whatever ``--workers``.
The real documents of ``../shared/corpus`` are never used here: they measure (bench/read_bench.py).

Faces: the OCR-B cuts, DejaVu Sans Mono and Sans, WenQuanYi Micro Hei Mono, two Hershey stroke fonts and the free
monospaced faces of ``printsim.TRAINING_MONO_FACES`` (Liberation Mono, FreeMono, Go Mono, Hack, Inconsolata, Fira
Code, Anonymous Pro), each glyph re-cut a little per document (``printsim.recut_glyph``). HELD OUT, never trained on
(``printsim.HELD_OUT_FACES``; this script refuses to train on them; ``bench/font_bench.py`` measures them): Noto Sans
Mono, Noto Mono, DejaVu Sans Mono Oblique, JetBrains Mono, Courier Prime and mononoki.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docexam.mrz.alphabet import MRZ_ALPHABET as ALPHABET  # noqa: E402
from docexam.ocr.ocrb import CELL_SHAPE, MLP, PRINTSIM_MODEL_FILE, cut_cells, line_levels  # noqa: E402
from docexam.ocr.training import printsim  # noqa: E402

#: Blocks simulated per task: the unit of seeding, so the data do not depend on the number of workers.
CHUNK = 24


def training_faces() -> tuple[printsim.Face, ...]:
    """The faces the model learns from: every installed training face, never one of ``printsim.HELD_OUT_FACES``
    (the faces that measure how it reads a typeface it has never seen)."""
    faces = printsim.available_faces()
    held_out = {name for name, _ in printsim.HELD_OUT_FACES} | {path for _, path in printsim.HELD_OUT_FACES}
    leaked = [f.name for f in faces if f.name in held_out or f.path in held_out]
    if leaked:
        raise ValueError(f"held-out faces among the training faces: {', '.join(leaked)}")
    return faces


def _chunk(seed: np.random.SeedSequence, blocks: int, soft: float = 0.0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Cells, labels and each cell's recipe tag (face / capture) of ``blocks`` simulated MRZs."""
    rng = np.random.default_rng(seed)
    faces = training_faces()
    xs, ys, tags = [], [], []
    for _ in range(blocks):
        n = int(rng.choice([30, 36, 44]))
        k = 3 if n == 30 else 2
        texts = [printsim.mrz_like_text(rng, n) for _ in range(k)]
        # a third of the blocks mild (a good OCR-B print captured with care): without them the model learns every
        # OCR-B O and 0 as possibly blurred into the other and stays unsure of them on clean documents
        sim = printsim.simulate(texts, rng=rng, faces=faces, mild=bool(rng.random() < 1 / 3), soft=soft)
        levels = line_levels(sim.image)
        tag = f"{sim.recipe['face']} / {sim.recipe['capture']}"
        # half the blocks are cut where the reader's own grid falls, the others with its errors drawn at random
        grid = printsim.reader_grid(sim) if rng.random() < 0.5 else None
        for i, line in enumerate(sim.lines):
            centres, y, pitch = grid[i] if grid else printsim.reader_centres(line, sim.pitch, rng=rng)
            xs.append(cut_cells(sim.image, centres, y, pitch, levels=levels))
            ys.append(np.array([ALPHABET.index(c) for c in line.text]))
            tags += [tag] * len(line.text)
    return np.concatenate(xs), np.concatenate(ys).astype(np.int64), tags


def make_data(n_cells: int, seed: int, *, workers: int = 1, chunk: int = CHUNK, soft: float = 0.0
              ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``n_cells`` simulated cells, their labels and recipe tags, from tasks of ``chunk`` blocks (about 80 cells
    each) seeded one by one from ``seed``; ``soft``: the simulator's share of soft-focus captures
    (``printsim.simulate``)."""
    n_chunks = max(1, int(np.ceil(n_cells / (chunk * 80))))
    seeds = np.random.SeedSequence(seed).spawn(n_chunks)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_chunk, seeds, [chunk] * n_chunks, [soft] * n_chunks))
    else:
        parts = [_chunk(s, chunk, soft) for s in seeds]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    tags = [t for p in parts for t in p[2]]
    return x[:n_cells], y[:n_cells], tags[:n_cells]


def train(x: np.ndarray, y: np.ndarray, *, hidden: int, epochs: int, seed: int, init: MLP | None = None,
          lr: float = 2e-3) -> MLP:
    """A network trained on cells ``x`` and labels ``y``: from random weights, or from ``init``'s (fine-tuning:
    its weights and its input normalisation kept as the start, ``hidden`` then being its)."""
    rng = np.random.default_rng(seed)
    n, d = len(x), int(np.prod(CELL_SHAPE))
    x = x.reshape(n, d)
    k = len(ALPHABET)
    if init is None:
        mean, std = x.mean(axis=0), x.std(axis=0) + 0.05
        params = {
            "w1": (rng.normal(0, np.sqrt(2 / d), (d, hidden))).astype(np.float32),
            "b1": np.zeros(hidden, np.float32),
            "w2": (rng.normal(0, np.sqrt(2 / hidden), (hidden, k))).astype(np.float32),
            "b2": np.zeros(k, np.float32),
        }
    else:
        mean, std = init.mean.astype(np.float32), init.std.astype(np.float32)
        params = {key: np.array(getattr(init, key), np.float32) for key in ("w1", "b1", "w2", "b2")}
    xn = ((x - mean) / std).astype(np.float32)
    m = {key: np.zeros_like(v) for key, v in params.items()}
    v2 = {key: np.zeros_like(v) for key, v in params.items()}
    b1, b2, eps, batch, step = 0.9, 0.999, 1e-8, 256, 0
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss_sum = 0.0
        if epoch == int(epochs * 0.6) or epoch == int(epochs * 0.85):
            lr /= 3
        for s in range(0, n, batch):
            bi = order[s : s + batch]
            xb, yb = xn[bi], y[bi]
            h_pre = xb @ params["w1"] + params["b1"]
            h = np.maximum(h_pre, 0)
            z = h @ params["w2"] + params["b2"]
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            loss_sum += -np.log(p[np.arange(len(bi)), yb] + 1e-9).sum()
            gz = p
            gz[np.arange(len(bi)), yb] -= 1
            gz /= len(bi)
            grads = {"w2": h.T @ gz, "b2": gz.sum(0)}
            gh = (gz @ params["w2"].T) * (h_pre > 0)
            grads["w1"] = xb.T @ gh + 1e-5 * params["w1"]
            grads["b1"] = gh.sum(0)
            step += 1
            for key in params:
                m[key] = b1 * m[key] + (1 - b1) * grads[key]
                v2[key] = b2 * v2[key] + (1 - b2) * grads[key] ** 2
                mh = m[key] / (1 - b1**step)
                vh = v2[key] / (1 - b2**step)
                params[key] -= (lr * mh / (np.sqrt(vh) + eps)).astype(np.float32)
        print(f"  epoch {epoch + 1}/{epochs}: loss {loss_sum / n:.4f}", flush=True)
    return MLP(params["w1"], params["b1"], params["w2"], params["b2"], mean.astype(np.float32), std.astype(np.float32))


def report(model: MLP, x: np.ndarray, y: np.ndarray, tags: list[str]) -> float:
    """Held-out accuracy, overall and per face and capture (the weakest first)."""
    right = model.probabilities(x).argmax(axis=1) == y
    by: dict[str, list[bool]] = {}
    for key, ok in zip(tags, right):
        for part in key.split(" / "):
            by.setdefault(part, []).append(bool(ok))
    for part, oks in sorted(by.items(), key=lambda kv: np.mean(kv[1])):
        print(f"  {part:28s} {np.mean(oks):.2%} of {len(oks)}")
    return float(right.mean())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", type=int, default=250_000)
    ap.add_argument("--test-cells", type=int, default=12_000)
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--hidden", type=int, default=384)
    ap.add_argument("--workers", type=int, default=2, help="processes simulating data (the data do not depend on it)")
    ap.add_argument("--seed", type=int, default=9303)
    ap.add_argument("--chunk", type=int, default=CHUNK, help="blocks a seeded task simulates (the data depend on it)")
    ap.add_argument("--soft", type=float, default=0.0,
                    help="share of the full recipe's scans and photos captured in soft focus (printsim.simulate)")
    ap.add_argument("--init", metavar="FILE", help="fine-tune this model's weights instead of starting at random")
    ap.add_argument("--lr", type=float, default=2e-3, help="Adam's learning rate at the start")
    ap.add_argument("--out", default=str(ROOT / "resources" / PRINTSIM_MODEL_FILE))
    args = ap.parse_args(argv)
    t = time.perf_counter()
    x, y, _ = make_data(args.cells, args.seed, workers=args.workers, chunk=args.chunk, soft=args.soft)
    xt, yt, tags = make_data(args.test_cells, args.seed + 1, workers=args.workers, chunk=args.chunk, soft=args.soft)
    print(f"data: {len(x)} training and {len(xt)} test cells in {time.perf_counter() - t:.0f} s", flush=True)
    init = None
    if args.init:
        with np.load(args.init) as f:
            init = MLP(*(f[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2", "mean", "std")))
    model = train(x, y, hidden=args.hidden, epochs=args.epochs, seed=args.seed, init=init, lr=args.lr)
    acc = report(model, xt, yt, tags)
    print(f"held-out simulated cell accuracy: {acc:.4%}  ({time.perf_counter() - t:.0f} s in all)")
    np.savez_compressed(args.out, **{k: getattr(model, k).astype(np.float16 if k.startswith("w") else np.float32)
                                     for k in ("w1", "b1", "w2", "b2", "mean", "std")})
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
