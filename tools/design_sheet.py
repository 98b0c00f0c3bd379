"""A contact sheet of generated document designs: one genuine document per row, in visible, UV and IR light.

Each row is labelled with the design's code, its split (development or held out: README, "Measuring on what was not
tuned on") and its title. The designs are drawn by ``--seed`` (as many development as held-out ones, every family
among them), Utopia's passport first for comparison. Writes ``docs/designs-contact-sheet.jpg`` (about 1800 px wide,
JPEG quality 80). Everything is seeded: the same arguments write the same picture.

    .venv/bin/python tools/design_sheet.py [--designs 12] [--seed 18] [--out docs/designs-contact-sheet.jpg]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.design_read_bench import pick_designs  # noqa: E402
from bench.heldout import genuine_document  # noqa: E402
from docexam.lights import LIGHTS  # noqa: E402
from docexam.specimens import render  # noqa: E402
from docexam.specimens.designs import design, split  # noqa: E402

TODAY = dt.date(2026, 11, 28)
WIDTH = 1800
LABEL_W = 250
GAP = 10
#: The widest page (MRV-A, 120 x 80 mm) fills its third of the row at this height.
PANEL_H = int((WIDTH - LABEL_W - 4 * GAP) / 3 / 1.5)


def row(code: str, *, seed: int) -> np.ndarray:
    """One design's row: its label, then the three lights of one genuine document, scaled to :data:`PANEL_H`."""
    images = render(genuine_document(code, 0, seed=seed, today=TODAY))
    out = np.full((PANEL_H + 2 * GAP, WIDTH, 3), 255, np.uint8)
    x = LABEL_W + GAP
    for light in LIGHTS:
        img = images[light]
        w = round(img.shape[1] * PANEL_H / img.shape[0])
        out[GAP : GAP + PANEL_H, x : x + w] = cv2.resize(img, (w, PANEL_H), interpolation=cv2.INTER_AREA)
        cv2.putText(out, light.value, (x + 4, GAP + PANEL_H - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 255), 3, cv2.LINE_AA)
        cv2.putText(out, light.value, (x + 4, GAP + PANEL_H - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (20, 20, 20), 1, cv2.LINE_AA)
        x += w + GAP
    d = design(code)
    held = split(code).value
    lines = [(code, 0.8, 2, (20, 20, 20)), (held, 0.6, 2, (170, 30, 30) if held == "held-out" else (30, 110, 30))]
    words, line = d.title.split(), ""
    for word in words:  # the title wrapped to the label column
        if len(line) + len(word) > 24:
            lines.append((line.strip(), 0.45, 1, (60, 60, 60)))
            line = ""
        line += word + " "
    lines.append((line.strip(), 0.45, 1, (60, 60, 60)))
    y = GAP + 30
    for text, scale, thick, colour in lines:
        cv2.putText(out, text, (GAP, y), cv2.FONT_HERSHEY_SIMPLEX, scale, colour, thick, cv2.LINE_AA)
        y += int(34 * scale) + 8
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--designs", type=int, default=12, help="generated designs, half of them held out (default 12)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "designs-contact-sheet.jpg")
    ap.add_argument("--quality", type=int, default=80)
    args = ap.parse_args(argv)
    codes = ["UTO-TD3", *pick_designs(args.designs, seed=args.seed)]
    sheet = np.concatenate([row(c, seed=args.seed) for c in codes])
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(sheet, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, args.quality])
    if not ok:
        raise OSError("could not encode the contact sheet as JPEG")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buf.tobytes())
    print(f"wrote {args.out} ({sheet.shape[1]} x {sheet.shape[0]} px, {len(buf) / 1e6:.2f} MB): {', '.join(codes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
