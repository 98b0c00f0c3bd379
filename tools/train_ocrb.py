"""Train docexam's OCR-B character recogniser and write resources/ocrb_mlp.npz.

    .venv/bin/python tools/train_ocrb.py [--cells 90000] [--epochs 14] [--seed 9303]

Training data are MRZ-like lines drawn with the real OCR-B font (Debian's fonts-ocr-b) at the ICAO fixed pitch,
then degraded the way scans and phone photos are (scale, blur, noise, contrast, stroke width, small rotation,
JPEG), and cut into cells with the same functions the reader uses (docexam.ocr.ocrb.cut_cells), with the
segmentation errors the reader makes (cell centres and pitch off by a little). A one-hidden-layer network is
trained with numpy (Adam, cross-entropy). Seeded: the same arguments write the same model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docexam.mrz.alphabet import MRZ_ALPHABET as ALPHABET  # noqa: E402
from docexam.ocr.ocrb import CELL_SHAPE, MLP, MODEL_FILE, cut_cells  # noqa: E402

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
#: Debian ships OCR-B in several cuts; printers' OCR-B varies as much as Regular, Sharp and (slightly) Oblique do.
#: The Outline and Inverted cuts are not print-like and are left out.
_FONTS = Path("/usr/share/fonts/opentype/ocr-b")
OCRB_CUTS = [str(_FONTS / f) for f in ("OCRB.otf", "OCRB.otf", "OCRBS.otf", "OCRBL.otf") if (_FONTS / f).exists()] or [OCRB]
EM_PER_PITCH = 3.35 / 2.54  # OCR-B size 1: 2.42 mm capitals (0.723 em) on a 2.54 mm pitch
CAP = 0.723


def render_line(rng: np.random.Generator, text: str, pitch: float) -> tuple[np.ndarray, np.ndarray, float]:
    """A degraded line image, the true x centres of its cells, and the line's centre y."""
    size = pitch * EM_PER_PITCH * rng.uniform(0.88, 1.12)
    font = ImageFont.truetype(str(rng.choice(OCRB_CUTS)), max(6, round(size)))
    margin = int(pitch * 1.5)
    w, h = int(len(text) * pitch + 2 * margin), int(pitch * 3)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    y_centre = h / 2 + rng.uniform(-0.1, 0.1) * pitch
    baseline = y_centre + CAP * font.size / 2
    centres = margin + (np.arange(len(text)) + 0.5) * pitch
    for ch, xc in zip(text, centres):
        adv = font.getlength(ch)
        draw.text((xc - adv / 2 + rng.normal(0, 0.03) * pitch, baseline + rng.normal(0, 0.03) * pitch), ch, font=font, fill=0, anchor="ls")
    a = np.asarray(img, np.float32)
    # stroke width: thinner, or bolder as real personalisation printers often are
    k = int(rng.choice([-1, 0, 0, 1, 1, 2])) if pitch > 14 else int(rng.choice([0, 0, 1]))
    if k:
        size_k = 2 if k != 2 else 3
        a = (cv2.erode if k > 0 else cv2.dilate)(a, np.ones((size_k, size_k), np.uint8))  # erode grows dark ink
    # printed security background behind the MRZ: faint lines and blotches
    if rng.random() < 0.6:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        waves = np.sin(xx * rng.uniform(0.05, 0.4) + np.sin(yy * rng.uniform(0.02, 0.2)) * rng.uniform(2, 12))
        a = np.minimum(a, 255 - rng.uniform(10, 70) * (waves > rng.uniform(0.6, 0.95)))
    # resolution lost at capture and recovered by the reader's resampling
    if rng.random() < 0.35:
        f = rng.uniform(1.5, 3.0)
        small = cv2.resize(a, (max(8, int(w / f)), max(8, int(h / f))), interpolation=cv2.INTER_AREA)
        a = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    # small rotation about the line centre (deskew is never perfect)
    ang = rng.normal(0, 0.4)
    m = cv2.getRotationMatrix2D((w / 2, y_centre), ang, 1.0)
    a = cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    # blur, contrast, noise, JPEG
    sigma = rng.uniform(0, 0.09) * pitch
    if sigma > 0.3:
        a = cv2.GaussianBlur(a, (0, 0), sigma)
    paper, ink = rng.uniform(150, 250), rng.uniform(0, 110)
    a = ink + (paper - ink) * a / 255.0
    a += rng.normal(0, rng.uniform(0, 9), a.shape)
    # uneven light across the line
    a *= np.linspace(1 - rng.uniform(0, 0.2), 1, w)[None, :] if rng.random() < 0.5 else 1.0
    a = np.clip(a, 0, 255).astype(np.uint8)
    if rng.random() < 0.4:
        ok, buf = cv2.imencode(".jpg", a, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(35, 95))])
        a = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    # rotate the transformed centres with the line
    xs = m[0, 0] * centres + m[0, 1] * y_centre + m[0, 2]
    return a, xs, float(m[1, 0] * centres.mean() + m[1, 1] * y_centre + m[1, 2])


def make_data(n_cells: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    total = 0
    weights = np.ones(len(ALPHABET))
    weights[ALPHABET.index("<")] = 6  # fillers are common in real MRZs
    weights /= weights.sum()
    while total < n_cells:
        n = int(rng.choice([30, 36, 44]))
        idx = rng.choice(len(ALPHABET), size=n, p=weights)
        text = "".join(ALPHABET[i] for i in idx)
        pitch = float(rng.choice([rng.uniform(11, 42), rng.uniform(20, 34)]))
        img, centres, yc = render_line(rng, text, pitch)
        # segmentation errors of the reader: centres, pitch and centre line a little off
        est_pitch = pitch * rng.uniform(0.96, 1.04)
        jitter = rng.normal(0, 0.06, n) * pitch + rng.normal(0, 0.05) * pitch
        cells = cut_cells(img, centres + jitter, yc + rng.normal(0, 0.06) * pitch, est_pitch)
        xs.append(cells)
        ys.append(idx)
        total += n
    return np.concatenate(xs)[:n_cells], np.concatenate(ys)[:n_cells].astype(np.int64)


def train(x: np.ndarray, y: np.ndarray, *, hidden: int, epochs: int, seed: int) -> MLP:
    rng = np.random.default_rng(seed)
    n, d = len(x), int(np.prod(CELL_SHAPE))
    x = x.reshape(n, d)
    mean, std = x.mean(axis=0), x.std(axis=0) + 0.05
    xn = ((x - mean) / std).astype(np.float32)
    k = len(ALPHABET)
    params = {
        "w1": (rng.normal(0, np.sqrt(2 / d), (d, hidden))).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "w2": (rng.normal(0, np.sqrt(2 / hidden), (hidden, k))).astype(np.float32),
        "b2": np.zeros(k, np.float32),
    }
    m = {key: np.zeros_like(v) for key, v in params.items()}
    v2 = {key: np.zeros_like(v) for key, v in params.items()}
    lr, b1, b2, eps, batch, step = 2e-3, 0.9, 0.999, 1e-8, 256, 0
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", type=int, default=150_000)
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--seed", type=int, default=9303)
    ap.add_argument("--out", default=str(ROOT / "resources" / MODEL_FILE))
    args = ap.parse_args(argv)
    t = time.perf_counter()
    x, y = make_data(args.cells, args.seed)
    xt, yt = make_data(6000, args.seed + 1)
    print(f"data: {len(x)} training and {len(xt)} test cells in {time.perf_counter() - t:.0f} s", flush=True)
    model = train(x, y, hidden=args.hidden, epochs=args.epochs, seed=args.seed)
    acc = (model.probabilities(xt).argmax(axis=1) == yt).mean()
    print(f"held-out cell accuracy: {acc:.4%}  ({time.perf_counter() - t:.0f} s in all)")
    np.savez_compressed(args.out, **{k: getattr(model, k).astype(np.float16 if k.startswith("w") else np.float32)
                                     for k in ("w1", "b1", "w2", "b2", "mean", "std")})
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
