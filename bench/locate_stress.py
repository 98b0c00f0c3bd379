"""Where the MRZ locator fails: a stress set of captures made apart from the reader, development beside held-out.

Each capture is a generated document (Utopia's designs and the development designs; the held-out split takes the
held-out designs, on seeds of its own: nothing is tuned on it) taken in one of these ways:

- ``rotated``: a desk photo turned up to 15 degrees either way;
- ``quarter``: the same turned a quarter, a half or three quarters (plus up to 15 degrees);
- ``perspective``: a phone held at an angle (corners moved up to 8 % of the diagonal);
- ``screenshot``: the page shown on a screen, shrunk with anti-aliasing to a character pitch of 8 to 12 pixels;
- ``lowres``: a scan at 100 to 150 dpi, JPEG-compressed;
- ``stamped``: a coloured entry stamp across the MRZ's first line, turned 4 to 15 degrees;
- ``edge``: the image cut off just under the MRZ's last line (a card's MRZ at the page edge), sometimes upside down;
- ``tight``: a crop of the MRZ alone, with less than a character of margin on some side.

The truth is where the document's MRZ lines are (the generator's geometry, Doc 9303 Part 3, 4.10, carried through
the capture's exact homography and the cut or shrink that follows). A capture is *located* when the locator's region
has the document's number of lines and holds the centres of every line's first and last characters, and no more
than half a line spacing of other text across; *read* when :func:`docexam.read.reader.read_image` (built-in
recogniser, no time limit) gives the MRZ exactly. The locator's CPU time (thread time) is reported per kind.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/locate_stress.py [--per-kind 8] [--kinds rotated,stamped] [--no-read]
        [--save DIR] [--show-failures]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
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

from docexam.imageio import to_gray  # noqa: E402
from docexam.lights import Light  # noqa: E402
from docexam.read.budget import Budget  # noqa: E402
from docexam.read.locate import locate_mrz  # noqa: E402
from docexam.read.reader import read_image  # noqa: E402
from docexam.specimens import random_specimen, render  # noqa: E402
from docexam.specimens.capture import CaptureConditions, capture  # noqa: E402
from docexam.specimens.design import MRZ_LINE_SPACING_MM, MRZ_PITCH_MM, REFERENCE_DPI, mm_to_px  # noqa: E402
from docexam.specimens.designs import Split, catalogue, design  # noqa: E402
from docexam.specimens.overprint import STAMP_COLOURS, stamp  # noqa: E402

TODAY = dt.date(2026, 11, 28)
KINDS = ("rotated", "quarter", "perspective", "screenshot", "lowres", "stamped", "edge", "tight")
#: Seeds of each split: the held-out split's are never looked at to tune anything.
SEED_BASE = {Split.DEVELOPMENT: 0, Split.HELD_OUT: 500_000}


@dataclasses.dataclass
class Item:
    label: str
    image: np.ndarray  # (H, W, 3) RGB uint8
    mrz: list[str]
    #: per line, the centres of its first and last characters in the image, (2, 2) x, y
    ends: list[np.ndarray]
    spacing: float  # line spacing in image pixels


def _designs(which: Split) -> list[str]:
    codes = catalogue(which=which)
    return codes if which is Split.HELD_OUT else [c for c in codes if c.startswith("UTO-")] + codes


def _conditions(rng: random.Random, *, dpi: int, rotation: float, perspective: float, blur: float, noise: float,
                jpeg: int | None, margin: float) -> CaptureConditions:
    grey = rng.randrange(40, 220)
    return CaptureConditions(dpi=dpi, rotation_deg=rotation, perspective=perspective, blur_sigma_px=blur,
                             noise_sigma=noise, illumination=rng.uniform(0.0, 0.2), jpeg_quality=jpeg,
                             background_rgb=(grey, grey, grey), margin=margin, misregistration_px=0.0)


def _wrapped(degrees: float) -> float:
    """``degrees`` in (-180, 180]."""
    out = (degrees + 180) % 360 - 180
    return 180.0 if out <= -180 else out


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def make_item(kind: str, which: Split, index: int) -> Item:
    """Capture ``index`` of ``kind`` in split ``which`` (the same arguments always give the same image)."""
    rng = random.Random(f"locate-stress:{kind}:{SEED_BASE[which] + index}")
    codes = _designs(which)
    code = codes[rng.randrange(len(codes))]
    fam = design(code)
    spec = random_specimen(fam, rng.randrange(2**31), today=TODAY)
    visible = render(spec)[Light.VISIBLE]
    n = len(spec.mrz)
    length = len(spec.mrz[0])
    if kind == "stamped":
        visible = stamp(visible, fam, n, colour=STAMP_COLOURS[rng.choice(sorted(STAMP_COLOURS))],
                        at_char=rng.uniform(3, length - 8), seed=index)
    # the MRZ lines' first and last character centres on the document, at the rendering's resolution
    doc_ends = []
    for i in range(n):
        y = mm_to_px(fam.mrz_bottom_centre - (n - 1 - i) * MRZ_LINE_SPACING_MM, REFERENCE_DPI)
        xs = [mm_to_px(fam.mrz_left + (k + 0.5) * MRZ_PITCH_MM, REFERENCE_DPI) for k in (0, length - 1)]
        doc_ends.append(np.array([[xs[0], y], [xs[1], y]], np.float64))
    turn = rng.uniform(-15, 15)
    post_scale, post_jpeg, cut = 1.0, None, None
    if kind == "rotated":
        cond = _conditions(rng, dpi=rng.randrange(200, 301), rotation=turn, perspective=rng.uniform(0, 0.02),
                           blur=rng.uniform(0.3, 1.0), noise=rng.uniform(1, 5), jpeg=rng.randrange(70, 91),
                           margin=rng.uniform(0.04, 0.15))
    elif kind == "quarter":
        quarter = rng.choice((90.0, 180.0, -90.0))
        cond = _conditions(rng, dpi=rng.randrange(200, 301), rotation=_wrapped(quarter + turn),
                           perspective=rng.uniform(0, 0.02), blur=rng.uniform(0.3, 1.0), noise=rng.uniform(1, 5),
                           jpeg=rng.randrange(70, 91), margin=rng.uniform(0.04, 0.15))
    elif kind == "perspective":
        cond = _conditions(rng, dpi=rng.randrange(200, 351), rotation=rng.uniform(-10, 10),
                           perspective=rng.uniform(0.04, 0.08), blur=rng.uniform(0.5, 1.5), noise=rng.uniform(2, 6),
                           jpeg=rng.randrange(60, 91), margin=rng.uniform(0.05, 0.2))
    elif kind == "screenshot":
        # rendered sharp, then shown on a screen: shrunk with an area filter to a pitch of 8 to 12 pixels
        cond = _conditions(rng, dpi=300, rotation=0.0, perspective=0.0, blur=0.0, noise=0.0, jpeg=None,
                           margin=rng.uniform(0.0, 0.08))
        post_scale = rng.uniform(8.0, 12.0) / mm_to_px(MRZ_PITCH_MM, 300)
        post_jpeg = rng.choice((None, None, rng.randrange(75, 95)))
    elif kind == "lowres":
        cond = _conditions(rng, dpi=150, rotation=rng.uniform(-3, 3), perspective=0.0, blur=rng.uniform(0.2, 0.7),
                           noise=rng.uniform(1, 4), jpeg=None, margin=rng.uniform(0.03, 0.1))
        post_scale = rng.uniform(100, 150) / 150
        post_jpeg = rng.randrange(55, 90)
    elif kind == "stamped":
        cond = _conditions(rng, dpi=rng.randrange(250, 301), rotation=rng.choice((-1, 1)) * rng.uniform(4, 15),
                           perspective=rng.uniform(0, 0.02), blur=rng.uniform(0.3, 1.0), noise=rng.uniform(1, 4),
                           jpeg=rng.choice((None, rng.randrange(75, 95))), margin=rng.uniform(0.04, 0.12))
    elif kind == "edge":
        cond = _conditions(rng, dpi=rng.randrange(200, 301), rotation=_wrapped(rng.choice((0.0, 180.0)) + rng.uniform(-4, 4)),
                           perspective=0.0, blur=rng.uniform(0.3, 1.0), noise=rng.uniform(1, 4),
                           jpeg=rng.randrange(70, 95), margin=rng.uniform(0.02, 0.1))
        cut = "edge"
    elif kind == "tight":
        cond = _conditions(rng, dpi=rng.randrange(200, 301), rotation=rng.uniform(-5, 5), perspective=0.0,
                           blur=rng.uniform(0.3, 1.0), noise=rng.uniform(1, 4), jpeg=rng.randrange(75, 95),
                           margin=0.05)
        cut = "tight"
    else:
        raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    shot = capture({"visible": visible}, cond, seed=index)
    img = shot.images["visible"]
    h = shot.homographies["visible"]

    def mapped(p: np.ndarray) -> np.ndarray:
        q = np.c_[p, np.ones(len(p))] @ h.T
        return q[:, :2] / q[:, 2:]

    ends = [mapped(e) for e in doc_ends]
    spacing_px = mm_to_px(MRZ_LINE_SPACING_MM, cond.dpi)
    char_h = 0.95 * spacing_px * 2.42 / MRZ_LINE_SPACING_MM
    if cut is not None:
        pts = np.concatenate(ends)
        u = ends[0][1] - ends[0][0]
        u /= np.linalg.norm(u)
        v = np.array([-u[1], u[0]])
        if (ends[-1][0] - ends[0][0]) @ v < 0:
            v = -v  # v points from the first line to the last
        if cut == "edge":
            # cut along the last line, 0.6 to 1.6 character heights below its centre (the far side is kept)
            below = float(max(pts @ v)) + char_h * rng.uniform(0.6, 1.6)
            hh, ww = img.shape[:2]
            ys, xs = np.mgrid[0:hh, 0:ww]
            outside = (xs * v[0] + ys * v[1]) > below
            img = img.copy()
            img[outside] = np.array(cond.background_rgb, np.uint8)
            # then the frame is cropped to the document's side of the cut
            keep = np.argwhere(~outside)
            y0, x0 = keep.min(axis=0)
            y1, x1 = keep.max(axis=0) + 1
        else:
            pitch = mm_to_px(MRZ_PITCH_MM, cond.dpi)
            corners = np.concatenate([pts + u * pitch * s + v * char_h * t for s in (-1, 1) for t in (-1, 1)])
            lo, hi = corners.min(axis=0), corners.max(axis=0)
            margin = [rng.uniform(0.2, 1.2) * pitch for _ in range(4)]
            x0, y0 = (max(0, int(lo[0] - margin[0])), max(0, int(lo[1] - margin[1])))
            x1, y1 = (min(img.shape[1], int(hi[0] + margin[2])), min(img.shape[0], int(hi[1] + margin[3])))
        img = np.ascontiguousarray(img[y0:y1, x0:x1])
        ends = [e - (x0, y0) for e in ends]
    if post_scale != 1.0:
        hh, ww = img.shape[:2]
        size = (max(1, round(ww * post_scale)), max(1, round(hh * post_scale)))
        img = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
        sx, sy = size[0] / ww, size[1] / hh
        ends = [(e + 0.5) * (sx, sy) - 0.5 for e in ends]
        spacing_px *= post_scale
    if post_jpeg is not None:
        img = _jpeg(img, post_jpeg)
    label = f"{which.value[:4]}-{kind}-{index:03d}-{code}"
    return Item(label, img, list(spec.mrz), ends, spacing_px)


def located(region, item: Item) -> tuple[bool, str]:
    """Whether ``region`` is the item's MRZ (see the module's docstring), and why not."""
    if region is None:
        return False, "nothing found"
    if region.lines != len(item.mrz):
        return False, f"{region.lines} lines for {len(item.mrz)}"
    quad = region.corners.astype(np.float32).reshape(-1, 1, 2)
    inside = [cv2.pointPolygonTest(quad, (float(x), float(y)), True) for e in item.ends for x, y in e]
    if min(inside) < -0.15 * item.spacing:
        return False, f"a line's end outside the region by {-min(inside) / item.spacing:.1f} line spacings"
    # the region's extent across the lines, against the MRZ's own
    tl, tr, _br, bl = region.corners.astype(np.float64)
    across = np.linalg.norm(bl - tl)
    along = np.linalg.norm(tr - tl)
    true_across = (len(item.mrz) - 1) * item.spacing
    if across > true_across + 2.0 * item.spacing:
        return False, f"region {across / item.spacing:.1f} line spacings high for {len(item.mrz) - 1}"
    true_along = np.linalg.norm(item.ends[0][1] - item.ends[0][0])
    if along > 1.5 * true_along + 4 * item.spacing:
        return False, "region far longer than the lines"
    return True, ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-kind", type=int, default=8, help="captures per kind and split (default 8)")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"kinds to make (default all: {','.join(KINDS)})")
    ap.add_argument("--splits", default="development,held-out", help="splits (default development,held-out)")
    ap.add_argument("--no-read", action="store_true", help="locate only, do not read")
    ap.add_argument("--save", type=Path, help="write every capture as PNG into this folder")
    ap.add_argument("--show-failures", action="store_true", help="list every capture not located or not read")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    splits = [Split(s) for s in args.splits.split(",") if s]
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    print(f"MRZ locator stress set, {dt.datetime.now():%Y-%m-%d %H:%M}, {args.per_kind} captures per kind and split")
    table: dict[tuple[str, Split], list[tuple[bool, bool | None, float, str]]] = {}
    for kind in kinds:
        for which in splits:
            rows = []
            for i in range(args.per_kind):
                item = make_item(kind, which, i)
                if args.save:
                    cv2.imwrite(str(args.save / f"{item.label}.png"), cv2.cvtColor(item.image, cv2.COLOR_RGB2BGR))
                gray = to_gray(item.image)
                t = time.thread_time()
                region = locate_mrz(gray)
                cpu = (time.thread_time() - t) * 1000
                ok, why = located(region, item)
                read = None
                if not args.no_read:
                    r = read_image(item.image, engine="ocrb", today=TODAY, budget=Budget.unlimited())
                    read = r.correction is not None and list(r.correction.lines) == item.mrz
                    if not read:
                        why = (why + "; " if why else "") + "not read exactly"
                rows.append((ok, read, cpu, why))
                if args.show_failures and why:
                    print(f"  {item.label}: {why}")
            table[(kind, which)] = rows
    heads = [s.value for s in splits]
    print(f"\n{'kind':<13}" + "".join(f"{h + ' located':>22}{h + ' read':>18}" for h in heads)
          + "".join(f"{h + ' locate CPU ms':>24}" for h in heads))
    totals: dict[Split, list] = {s: [] for s in splits}
    for kind in kinds:
        cells, cpus = [], []
        for which in splits:
            rows = table[(kind, which)]
            totals[which] += rows
            cells.append(f"{sum(r[0] for r in rows)}/{len(rows)}".rjust(22))
            cells.append((f"{sum(bool(r[1]) for r in rows)}/{len(rows)}" if not args.no_read else "-").rjust(18))
            cpus.append(f"{statistics.median(r[2] for r in rows):.0f} / {max(r[2] for r in rows):.0f}".rjust(24))
        print(f"{kind:<13}" + "".join(cells) + "".join(cpus))
    cells, cpus = [], []
    for which in splits:
        rows = totals[which]
        cells.append(f"{sum(r[0] for r in rows)}/{len(rows)}".rjust(22))
        cells.append((f"{sum(bool(r[1]) for r in rows)}/{len(rows)}" if not args.no_read else "-").rjust(18))
        cpus.append(f"{statistics.median(r[2] for r in rows):.0f} / {max(r[2] for r in rows):.0f}".rjust(24))
    print(f"{'all':<13}" + "".join(cells) + "".join(cpus))
    print("(locate CPU ms: median / maximum thread time of locate_mrz alone)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
