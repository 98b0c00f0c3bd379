"""The real corpus re-captured under conditions no reader here was tuned on: docexam against PassportEye, one run.

``read_bench.py`` measures the real documents as they are; the unseen real images an examiner meets are often worse:
a smaller scan, a phone in low light, a strongly compressed file, a soft focus. This benchmark degrades each image of
``../shared/corpus/passporteye/`` in one of those ways and reads it with both readers, so that what the reader does
on captures it has not seen is measured on real print and real designs rather than on the generator's (whose
capture simulator the reader's thresholds were chosen against). Nothing in docexam is tuned on these figures: they
are reported, as a held-out capture split.

Conditions (each image's noise seeded from its name, so runs compare):

- ``down0.6``: resized to 0.6 of its size (area averaging): a scan at 60% of its resolution;
- ``dark``: a photo in low light: contrast to 0.3, sensor noise (sigma 6 grey levels), JPEG quality 80;
- ``jpeg25``: JPEG quality 25 (a file sent through a messenger);
- ``blur1.2``: Gaussian blur of 1.2 px (a soft focus).

An image whose characters would end up under ``--min-pitch`` pixels apart (7 by default: about 70 dpi for OCR-B) is
left out of that condition and counted apart: nobody reads those, and half the corpus is already small.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/recapture_bench.py [--conditions down0.6,dark,jpeg25,blur1.2] [--no-peer]
        [--min-pitch 7] [--json FILE] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from read_bench import TODAY, read_docexam, read_passporteye, run_set  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def _down(rgb: np.ndarray, factor: float) -> np.ndarray:
    h, w = rgb.shape[:2]
    return cv2.resize(rgb, (max(1, round(w * factor)), max(1, round(h * factor))), interpolation=cv2.INTER_AREA)


def _dark(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    x = rgb.astype(np.float32) * 0.3 + 10 + rng.normal(0, 6, rgb.shape)
    return _jpeg(np.clip(x, 0, 255).astype(np.uint8), 80)


#: condition: (how it changes an RGB image, the factor it scales the characters' pitch by)
CONDITIONS = {
    "down0.6": (lambda rgb, rng: _down(rgb, 0.6), 0.6),
    "dark": (_dark, 1.0),
    "jpeg25": (lambda rgb, rng: _jpeg(rgb, 25), 1.0),
    "blur1.2": (lambda rgb, rng: cv2.GaussianBlur(rgb, (0, 0), 1.2), 1.0),
}


def _pitch(rgb: np.ndarray) -> float | None:
    from docexam.imageio import to_gray
    from docexam.read.locate import locate_mrz

    region = locate_mrz(to_gray(rgb))
    return None if region is None else region.pitch_estimate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--conditions", default=",".join(CONDITIONS), help=f"any of {', '.join(CONDITIONS)}")
    ap.add_argument("--min-pitch", type=float, default=7.0, metavar="PX")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--quick", action="store_true", help="four images, two conditions, no peer: the suite's smoke run")
    args = ap.parse_args(argv)
    if args.quick:
        args.conditions, args.no_peer = "down0.6,jpeg25", True
    wanted = [c.strip() for c in args.conditions.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in CONDITIONS]
    if unknown:
        ap.error(f"unknown condition(s) {', '.join(unknown)}; known: {', '.join(CONDITIONS)}")
    truth_file = CORPUS / "truth.json"
    if not truth_file.exists():
        print(f"recapture_bench: the corpus is missing: {truth_file}", file=sys.stderr)
        return 1
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    if args.quick:
        truth = {name: truth[name] for name in sorted(truth)[:4]}
    from docexam.imageio import load_images

    originals = {name: load_images(CORPUS / name)[0].image for name in truth}
    pitches = {name: _pitch(rgb) for name, rgb in originals.items()}
    readers = {"docexam ocrb": lambda p: read_docexam(p, "ocrb"), "docexam auto": lambda p: read_docexam(p, "auto")}
    if not args.no_peer:
        readers["passporteye"] = read_passporteye
    print(f"MRZ reading on re-captured real documents ({len(truth)} corpus images), reference day {TODAY}")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for condition in wanted:
            change, factor = CONDITIONS[condition]
            folder = Path(tmp) / condition
            folder.mkdir()
            items, left_out = [], []
            for name, rgb in originals.items():
                pitch = pitches[name]
                if pitch is not None and pitch * factor < args.min_pitch:
                    left_out.append(Path(name).name)
                    continue
                rng = np.random.default_rng(zlib.crc32(f"{condition}:{name}".encode()))
                path = folder / (Path(name).stem + ".png")
                cv2.imwrite(str(path), cv2.cvtColor(change(rgb, rng), cv2.COLOR_RGB2BGR))
                mrz = truth[name]["mrz"]
                items.append((Path(name).name, path, mrz, bool(truth[name].get("check_digits_valid_as_printed", True))))
            title = f"Condition {condition}: {len(items)} images"
            if left_out:
                title += f" ({len(left_out)} left out, characters under {args.min_pitch:g} px apart: {', '.join(left_out)})"
            figures[condition] = run_set(title, items, readers, {})
            for reader in readers:
                if figures[condition][reader]["not_exact_images"]:
                    print(f"  {reader}, not exact: {', '.join(figures[condition][reader]['not_exact_images'])}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
