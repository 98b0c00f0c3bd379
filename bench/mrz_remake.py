"""An MRZ re-made with new data and valid check digits over a genuine document, the VIZ left as it was (issue 20),
written apart from the checks that look for it.

The alteration imports nothing of :mod:`docexam.compare` or :mod:`docexam.references` (bench/simulate.py's rule,
held by tests/bench/test_mrz_remake.py; only the measuring, :func:`run_design`, runs the comparison): the MRZ is written with :mod:`docexam.mrz` (its check digits, Doc 9303 Part 3, 4.9) and printed on the
image with :mod:`bench.simulate`'s inpainting and printing, as a forger would: the old lines' ink taken away in
visible light and IR alike, the new lines printed in OCR-B in their place.

:func:`remake_text` changes one data element the VIZ also shows (Part 3, 4.1), drawn at random: the date of birth
or of expiry (its day, month or year), the document number (one to three characters, each a digit for a digit
or a letter for a letter), the surname or the given names (another invented name), the sex, the nationality; every
check digit is computed again so the MRZ validates. :func:`remake_images` prints it.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/mrz_remake.py [--designs 2] [--per-design 6] [--seed 20]
        [--splits development,held-out] [--json FILE]

measures it, with genuine re-captures of the same designs beside it, on development and held-out designs side
by side (bench/heldout.py: nothing is tuned on held-out designs), each document compared with its design's own
reference (:func:`docexam.specimens.exercise.write_reference`, as bench/compare_bench.py's design packs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench import simulate as sim  # noqa: E402
from docexam.mrz import parse  # noqa: E402
from docexam.mrz.checkdigit import compute_check_digit  # noqa: E402
from docexam.mrz.formats import LAYOUTS  # noqa: E402
from docexam.mrz.layout import Field  # noqa: E402

#: The data elements :func:`remake_text` may change (the MRZ fields the VIZ repeats, Part 3, 4.1).
FIELDS = ("birth_date", "expiry_date", "document_number", "surname", "given_names", "sex", "nationality")
#: Three-letter codes a re-made nationality takes (Doc 9303 Part 3, 5: ICAO's specimen states and a few others).
CODES = ("UTO", "D<<", "FRA", "GBR", "ITA", "NLD", "ESP", "AZE", "RUS", "UKR", "POL", "SWE")
_SYLLABLES = ("KA", "LO", "MI", "RE", "SU", "TAN", "BER", "VIK", "DOR", "PEL", "ZAR", "NU", "GOR", "LIN", "SEM")


def _invented_name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(words))


def _other_date(raw: str, rng: random.Random, *, part: str) -> str:
    """YYMMDD ``raw`` with its ``part`` (``day``, ``month``, ``year``) changed, still a calendar date."""
    yy, mm, dd = int(raw[:2]), int(raw[2:4]), int(raw[4:])
    while True:
        y, m, d = yy, mm, dd
        if part == "year":
            y = (yy + rng.choice((-9, -7, -4, -2, -1, 1, 2, 3, 5))) % 100
        elif part == "month":
            m = rng.choice([v for v in range(1, 13) if v != mm])
        else:
            d = rng.choice([v for v in range(1, 29) if v != dd])
        try:
            dt.date(2000 + y, m, d)
        except ValueError:
            continue
        return f"{y:02d}{m:02d}{d:02d}"


def _other_number(number: str, rng: random.Random) -> str:
    chars = list(number)
    places = [i for i, c in enumerate(chars) if c != "<"]
    for i in rng.sample(places, min(len(places), rng.randint(1, 3))):
        c = chars[i]
        pool = "0123456789" if c.isdigit() else "ABCDEFGHJKLMNPRSTUVWXYZ"
        chars[i] = rng.choice([p for p in pool if p != c])
    return "".join(chars)


def remake_text(lines: list[str] | tuple[str, ...], rng: random.Random, *, field: str | None = None) -> tuple[tuple[str, ...], str, str, str]:
    """``lines`` with one data element changed and every check digit computed again (Part 3, 4.9): ``(new lines,
    field, old value, new value)``. ``field``: which (:data:`FIELDS`), else drawn at random."""
    lines = list(lines)
    result = parse(lines)
    layout = LAYOUTS[result.format]
    fields = result.fields
    flat = list("".join(lines))
    field = field or rng.choice(FIELDS)
    if field == "expiry_date" and (Field.EXPIRY_DATE not in layout.fields or fields.expiry_date is None):
        field = "birth_date"

    def put(span, value: str) -> None:
        value = (value + "<" * len(span))[: len(span)]
        flat[span.start : span.stop] = list(value)

    if field in ("birth_date", "expiry_date"):
        span = layout.fields[Field.BIRTH_DATE if field == "birth_date" else Field.EXPIRY_DATE]
        old = "".join(flat[span.start : span.stop])
        new = _other_date(old, rng, part=rng.choice(("day", "month", "year")))
        put(span, new)
    elif field == "document_number":
        span = layout.fields[Field.DOCUMENT_NUMBER]
        old = "".join(flat[span.start : span.stop]).rstrip("<")
        new = _other_number(old, rng)
        put(span, new)
    elif field in ("surname", "given_names"):
        span = layout.fields[Field.NAME]
        surname, given = fields.surname, fields.given_names
        old = surname if field == "surname" else given
        new = _invented_name(rng, max(1, len(old.split())))
        surname, given = (new, given) if field == "surname" else (surname, new)
        name = surname.replace(" ", "<") + ("<<" + given.replace(" ", "<") if given else "")
        if len(name) > len(span):
            new = new.split()[0]
            surname, given = (new, fields.given_names) if field == "surname" else (fields.surname, new)
            name = (surname.replace(" ", "<") + "<<" + given.replace(" ", "<"))[: len(span)]
        put(span, name)
    elif field == "sex":
        span = layout.fields[Field.SEX]
        old = flat[span.start]
        new = "F" if old != "F" else "M"
        put(span, new)
    else:
        span = layout.fields[Field.NATIONALITY]
        old = "".join(flat[span.start : span.stop])
        new = rng.choice([c for c in CODES if c != old])
        put(span, new)
    for spec in layout.checks:  # the fields' own check digits first, the composite (which covers them) last
        if spec.name != "composite":
            flat[spec.digit.start] = compute_check_digit("".join(sp.of("".join(flat)) for sp in spec.covers))
    for spec in layout.checks:
        if spec.name == "composite":
            flat[spec.digit.start] = compute_check_digit("".join(sp.of("".join(flat)) for sp in spec.covers))
    text = "".join(flat)
    out = tuple(text[i : i + layout.length] for i in range(0, len(text), layout.length))
    assert parse(list(out)).valid, out
    return out, field, old.replace("<", " ").strip(), new.replace("<", " ").strip()


def remake_images(images: Mapping[str, np.ndarray], layout: sim.Layout, old: tuple[str, ...], new: tuple[str, ...],
                  rng: random.Random) -> tuple[dict[str, np.ndarray], sim.Alteration]:
    """``images`` (``{light: RGB}`` in the document frame) with every MRZ line that changed from ``old`` to ``new``
    taken away (its ink inpainted from the paper around it, in every light it shows in) and printed again in OCR-B
    in its place, black in visible light and IR alike (the MRZ's ink absorbs IR, Part 3, 4.3). The alteration's box
    is the changed characters' cells; its lights those the images show it in (:func:`bench.simulate.changed_lights`)."""
    out = {k: np.ascontiguousarray(v).copy() for k, v in images.items()}
    font = sim._font_path("OCRB.otf")
    box: sim.Box | None = None
    for (line_box, chars), before, after in zip(layout.mrz_lines, old, new, strict=True):
        if before == after:
            continue
        lx, ly, lw, lh = line_box
        pitch = lw / chars
        grey = cv2.cvtColor(out["visible"], cv2.COLOR_RGB2GRAY)
        mask = sim.ink_mask(grey, box=line_box, darker_by=35)
        ys, xs = np.nonzero(mask)
        if not len(ys):
            continue
        cap = float(ys.max() - ys.min() + 1)
        for light in out:
            light_mask = sim.ink_mask(cv2.cvtColor(out[light], cv2.COLOR_RGB2GRAY), box=line_box, darker_by=25) | mask
            sim.inpaint(out[light], light_mask, box=line_box, grow=2)
        glyphs = sim.text_mask(after, font=font, cap_px=cap * rng.uniform(0.97, 1.03))
        width = int(round(pitch * (len(after) - 1) + glyphs.shape[1] / len(after)))
        glyphs = cv2.resize(glyphs, (max(1, width), glyphs.shape[0]), interpolation=cv2.INTER_AREA)
        at = (int(round(lx + xs.min() + rng.uniform(-0.1, 0.1) * pitch)), int(round(ly + ys.min())))
        h = min(glyphs.shape[0], out["visible"].shape[0] - at[1])
        w = min(glyphs.shape[1], out["visible"].shape[1] - at[0])
        ink = rng.uniform(15, 45)
        for light in out:
            sim._blend(out[light], (at[0], at[1], w, h), np.full((h, w, 3), ink, np.float32), glyphs[:h, :w] * 0.95)
        for col, (a, b) in enumerate(zip(before, after, strict=True)):
            if a != b:
                cell = (int(lx + col * pitch), ly, max(1, int(round(pitch))), lh)
                box = cell if box is None else sim.union(box, cell)
    if box is None:
        raise ValueError("no MRZ line changed")
    lights = sim.changed_lights(images, out, box)
    return out, sim.Alteration("mrz_remade", lights or ("visible", "ir"), box, "")


# --- measuring -------------------------------------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 28)
DPI = 300


def run_design(code: str, tmp: Path, *, seed: int, count: int, modes: tuple[str, ...] = ("generator",),
               viz: bool = True) -> list[dict]:
    """``count`` genuine re-captures and ``count`` re-made MRZs of design ``code``, each of another holder, compared
    with each reference of ``modes``: ``generator`` (the design's own, :func:`docexam.specimens.exercise.write_reference`),
    ``one`` and ``two`` (built automatically from one or two scanned genuine specimens and kept in a library, as
    bench/reference_bench.py builds them). One row per document and reference."""
    # The measurement, not the alteration: the comparison and the references are imported only here.
    from bench.heldout import genuine_document
    from bench.reference_bench import build_reference, generator_reference
    from docexam.compare.pipeline import compare
    from docexam.specimens import render
    from docexam.specimens.designs import split
    from docexam.store.library import ReferenceLibrary

    rng = random.Random(f"mrz-remake:{seed}:{code}")
    refs = {}
    if "generator" in modes:
        refs["generator"] = generator_reference(code, tmp / f"{code}-generator")
    built = [m for m in modes if m in ("one", "two")]
    library = ReferenceLibrary.open(tmp / f"library-{code}.db", actor="mrz-remake") if built else None
    if built:
        specimens = [genuine_document(code, i, seed=seed, today=TODAY) for i in range(2)]
        scans = [sim.reference_capture({str(k): v for k, v in render(s, dpi=DPI).items()}, rng)[0] for s in specimens]
        for mode in built:
            n = 1 if mode == "one" else 2
            refs[mode] = build_reference(library, f"{code} {mode}", scans[:n], dpi=DPI, tmp=tmp)[0]
    rows = []
    try:
        for i in range(2 * count):
            holder = genuine_document(code, 10 + i, seed=seed, today=TODAY)
            images = {str(k): v for k, v in render(holder, dpi=DPI).items()}
            base: dict = {"design": code, "split": split(code).value, "genuine": i % 2 == 0}
            alteration = None
            if not base["genuine"]:
                new, field, old_value, new_value = remake_text(holder.mrz, rng)
                layout = sim.generated_layout(holder.family, dpi=DPI, mrz_lines=len(holder.mrz), chars=len(holder.mrz[0]))
                images, alteration = remake_images(images, layout, tuple(holder.mrz), new, rng)
                base |= {"field": field, "old": old_value, "new": new_value}
            shot, draw = sim.recapture(images, rng, doc_dpi=DPI)
            for mode, reference in refs.items():
                row = base | {"mode": mode, "dpi": draw.dpi}
                t = time.perf_counter()
                try:
                    comparison, evidence = compare(shot, reference, today=TODAY, compare_viz=viz)
                except ValueError as e:  # registration failed (RegistrationError is a ValueError)
                    rows.append(row | {"failure": str(e), "found": False, "alarms": ["registration failed"], "viz": {},
                                       "notes": [], "ms": 0.0})
                    continue
                row["ms"] = (time.perf_counter() - t) * 1000
                alarms = comparison.alarms
                row["viz"] = dict(evidence.viz)
                row["notes"] = evidence.note_words()
                row["alarms"] = [f"{f.kind.value}/{f.light}" for f in alarms]
                if alteration is not None:
                    # the findings are placed in the reference's frame, which is the document's frame at DPI
                    row["found"] = any(sim.found(f.bbox, f.light, alteration) for f in alarms)
                rows.append(row)
    finally:
        if library is not None:
            library.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    from bench.heldout import SPLITS, pick

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--designs", type=int, default=2, help="development and held-out designs each (default 2)")
    ap.add_argument("--per-design", type=int, default=6, help="re-made MRZs (and as many genuine) per design")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--splits", default="development,held-out")
    ap.add_argument("--modes", default="generator", help="references: generator, one, two (comma-separated)")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    chosen = pick(args.designs, seed=args.seed)
    wanted = {s.strip() for s in args.splits.split(",")}
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for s in SPLITS:
            if s.value not in wanted:
                continue
            for code in chosen[s]:
                rows += run_design(code, Path(tmp), seed=args.seed, count=args.per_design,
                                   modes=tuple(m.strip() for m in args.modes.split(",")))
                print(f"  {code} ({s.value}) done", flush=True)
    by_split: dict[str, dict] = defaultdict(lambda: {"remade": 0, "found": 0, "genuine": 0, "alarmed": 0,
                                                     "per_field": defaultdict(lambda: [0, 0]), "ms": []})
    for r in rows:
        b = by_split[f"{r['split']}, {r['mode']} reference"]
        b["ms"].append(r["ms"])
        if r["genuine"]:
            b["genuine"] += 1
            b["alarmed"] += bool(r["alarms"])
        else:
            b["remade"] += 1
            b["found"] += r["found"]
            b["per_field"][r["field"]][0] += 1
            b["per_field"][r["field"]][1] += r["found"]
    print(f"\nMRZ re-made with valid check digits (bench/mrz_remake.py, seed {args.seed}):")
    for name, b in by_split.items():
        print(f"  {name}: found {b['found']}/{b['remade']}, genuine with any alarm {b['alarmed']}/{b['genuine']}, "
              f"ms median {statistics.median(b['ms']):.0f}")
        for f, (n, k) in sorted(b["per_field"].items()):
            print(f"    {f:<16} {k}/{n}")
    for r in rows:
        if not r["genuine"] and not r["found"]:
            print(f"  missed ({r['mode']}): {r['design']} {r['field']} {r['old']!r} -> {r['new']!r} at {r['dpi']} dpi; VIZ read {r['viz']}; notes {r['notes']}")
        if r["genuine"] and r["alarms"]:
            print(f"  genuine alarmed ({r['mode']}): {r['design']} at {r['dpi']} dpi: {r['alarms']}; VIZ read {r['viz']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
