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

``--designs M`` also re-captures M generated captures of the development designs and M of the held-out designs
(``bench.heldout.pick``, as ``read_bench.py``'s design split) under the same conditions, each first scaled to a
character pitch drawn from ``--pitch`` once the condition is applied (7.5 to 11 px: the corpus's small captures,
where the conditions bite; the generator's own captures are at 12-35 px). The development figures are where a failure may be diagnosed; the held-out
ones are reported beside them and never tuned on.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/recapture_bench.py [--conditions down0.6,dark,jpeg25,blur1.2] [--no-peer]
        [--min-pitch 7] [--designs 80 [--pitch 7.5:11] [--seed 4]] [--json FILE] [--quick]
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
from read_bench import TODAY, read_docexam, read_passporteye, run_set, run_split, synthetic_set  # noqa: E402

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


def _pitch_range(text: str) -> tuple[float, float]:
    try:
        lo, hi = (float(x) for x in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LOW:HIGH in pixels, got {text!r}") from None
    if not 0 < lo <= hi:
        raise argparse.ArgumentTypeError(f"expected 0 < LOW <= HIGH, got {text!r}")
    return lo, hi


def design_sets(count: int, folder: Path, seed: int) -> dict[str, list[tuple[str, Path, list[str], bool]]]:
    """``count`` captures of the development and of the held-out generated designs (as ``read_bench.py``'s design
    split makes them, here with another seed), by split."""
    from bench.heldout import pick

    out = {}
    for i, (split, codes) in enumerate(pick(8, seed=seed).items()):
        sub = folder / f"designs-{split.value}"
        sub.mkdir()
        out[split.value] = synthetic_set(count, sub, seed + 7000 + 1000 * i, codes)
        print(f"{split.value} designs: {', '.join(codes)}")
    return out


def recaptured_designs(items, condition: str, pitches: tuple[float, float], folder: Path):
    """``items`` (read_bench's rows) scaled so that, changed by ``condition``, their characters are a pitch drawn from
    ``pitches`` apart, written to ``folder``; the captures whose MRZ the locator finds nowhere at full size (no pitch
    to scale by) are kept at their size."""
    from docexam.imageio import load_images

    change, shrink = CONDITIONS[condition]
    folder.mkdir()
    out = []
    for name, path, mrz, valid in items:
        rgb = load_images(path)[0].image
        rng = np.random.default_rng(zlib.crc32(f"{condition}:{name}".encode()))
        pitch = _pitch(rgb)
        if pitch is not None:  # the pitch drawn is the one after the condition (down0.6 shrinks it too)
            factor = rng.uniform(*pitches) / (pitch * shrink)
            if factor < 1:
                rgb = _down(rgb, factor)
        target = folder / name
        cv2.imwrite(str(target), cv2.cvtColor(change(rgb, rng), cv2.COLOR_RGB2BGR))
        out.append((name, target, mrz, valid))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--conditions", default=",".join(CONDITIONS), help=f"any of {', '.join(CONDITIONS)}")
    ap.add_argument("--min-pitch", type=float, default=7.0, metavar="PX")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--quick", action="store_true", help="four images, two conditions, two designs' captures per split, no peer: the suite's smoke run")
    ap.add_argument("--designs", type=int, default=0, metavar="M",
                    help="also M captures each of the development and held-out generated designs (default 0: none)")
    ap.add_argument("--pitch", type=_pitch_range, default=(7.5, 11.0), metavar="LOW:HIGH",
                    help="the designs' captures are scaled to a character pitch drawn from this range (default 7.5:11)")
    ap.add_argument("--seed", type=int, default=4, help="of the designs picked and their captures (default 4)")
    args = ap.parse_args(argv)
    if args.designs < 0:
        ap.error(f"--designs must be 0 or more, got {args.designs}")
    if args.quick:
        args.conditions, args.no_peer = "down0.6,jpeg25", True
        args.designs = 2  # and two captures of each split's designs
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
        if args.designs:
            print()
            sets = design_sets(args.designs, Path(tmp), args.seed)
            design_readers = {k: v for k, v in readers.items() if k != "passporteye"}
            for condition in wanted:
                changed = {split: recaptured_designs(items, condition, args.pitch, Path(tmp) / f"{split}-{condition}")
                           for split, items in sets.items()}
                figures[f"designs {condition}"] = run_split(
                    f"Generated designs, condition {condition}: {args.designs} captures each of 8 development and 8 "
                    f"held-out designs, scaled to a pitch of {args.pitch[0]:g}-{args.pitch[1]:g} px", changed,
                    design_readers, {})
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
