"""References built automatically from genuine specimens, compared with documents made by an independent simulator
(issue 19, "Measure"; issue 20, item 3).

For each design (``--designs`` development and held-out designs of the generator side by side, bench/heldout.py:
nothing is tuned on held-out ones) a genuine specimen is scanned (:func:`bench.simulate.reference_capture`),
annotated automatically (:func:`docexam.references.annotate.annotate`, no hand edits) and kept in a library in a
temporary database (:class:`docexam.store.library.ReferenceLibrary`); a second reference of the same design is
made from two specimens of different holders, its personalised areas learnt from their differences
(:func:`docexam.references.variable.learn_variable`). Questioned documents of other holders, genuine or altered by
bench/simulate.py (which imports nothing of the checks), are re-captured (150 to 600 dpi, turned, exposure and
white balance per light, blur, noise, JPEG) and compared (:func:`docexam.compare.pipeline.compare`) with each
reference as the library gives it back (:func:`docexam.references.convert.library_reference`).

The real specimen images of ../shared/corpus (visible light only) are re-personalised for invented holders
(bench/repersonalise.py: their holder's text inpainted and printed again, a valid MRZ for the new holder), and the
same is measured on them: the corpus image itself is the one-specimen reference, itself and one re-personalised
copy the two-specimen one.

Reported: genuine documents of other holders with any alarm (aim <= 5 % from one specimen, <= 2 % from two);
alterations found (an alarm in a light the alteration changed, overlapping its box: bench.simulate.found; aim
>= 90 % / >= 95 %) per kind, per design, development and held-out side by side, and on the real corpus; a ROC-style
table over alarm thresholds on the findings' scores; reference creation time per specimen at 300 dpi (aim <= 5 s);
comparison time against a library reference and a folder reference (aim <= 1 s for three lights); and what the
automatic annotation missed against the generator's truth.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/reference_bench.py [--designs 2] [--genuine 6] [--altered 6]
        [--real 10] [--seed 19] [--no-viz] [--quick] [--json FILE]
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
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench import simulate as sim  # noqa: E402
from bench.heldout import SPLITS, genuine_document, pick  # noqa: E402
from docexam.compare.geometry import RegistrationError  # noqa: E402
from docexam.compare.pipeline import compare  # noqa: E402
from docexam.compare.reference import load_reference  # noqa: E402
from docexam.references.annotate import annotate  # noqa: E402
from docexam.references.convert import comparison_regions, library_reference  # noqa: E402
from docexam.references.truth import RoleScore, generated_truth, score  # noqa: E402
from docexam.references.variable import learn_variable  # noqa: E402
from docexam.specimens import render  # noqa: E402
from docexam.specimens.designs import split  # noqa: E402
from docexam.store.library import ReferenceLibrary, prepare_specimen  # noqa: E402

TODAY = dt.date(2026, 11, 28)
DPI = 300
CORPUS = ROOT.parent / "shared" / "corpus"
#: The alarm thresholds of the ROC-style table (the comparison's own alarm level is 0.5).
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The references: from one genuine specimen, and from two of different holders.
MODES = ("one specimen", "two specimens")


def write_lights(folder: Path, images: dict[str, np.ndarray]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for light, img in images.items():
        files[light] = folder / f"{light}.png"
        cv2.imwrite(str(files[light]), cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_PNG_COMPRESSION, 1])
    return files


def build_reference(library: ReferenceLibrary, name: str, specimens: list[dict[str, np.ndarray]], *, dpi: float,
                    tmp: Path) -> tuple[object, float, object, int]:
    """A library reference from ``specimens`` (each ``{light: array}``), annotated automatically with no hand edit:
    its comparison Reference, the seconds per specimen it took (reading the files, annotating, learning the variable
    areas, storing), the annotation and the library's id of it."""
    files = [write_lights(tmp / f"{name}-{i}", s) for i, s in enumerate(specimens)]
    t0 = time.perf_counter()
    prepared = [prepare_specimen(f, dpi=dpi, source=f"{name} specimen {i + 1}") for i, f in enumerate(files)]
    pairs = [(p.images, annotate(p.images, dpi=p.dpi, specimen=p.uid, today=TODAY)) for p in prepared]
    annotation = learn_variable(pairs) if len(pairs) > 1 else pairs[0][1]
    kind = library.create(name, specimens=prepared, annotation=annotation)
    per_specimen = (time.perf_counter() - t0) / len(specimens)
    return library_reference(library, kind.id), per_specimen, annotation, kind.id


def folder_reference(reference, annotation, folder: Path) -> Path:
    """The same reference written as a folder (its images and a specimen.json of the same regions)."""
    write_lights(folder, reference.images)
    regions, absorbing = comparison_regions(annotation)
    (folder / "specimen.json").write_text(json.dumps({"regions": {k: list(v) for k, v in regions.items()},
                                                      "ir_absorbing": sorted(absorbing), "dpi": reference.dpi}))
    return folder


def compare_one(questioned: dict[str, np.ndarray], reference, *, viz: bool) -> dict:
    """One comparison: every finding (kind, light, box, score) and its time, or why registration failed."""
    t0 = time.perf_counter()
    try:
        comparison, _ = compare(questioned, reference, today=TODAY, compare_viz=viz)
    except RegistrationError as e:
        return {"failure": str(e), "findings": [], "ms": (time.perf_counter() - t0) * 1000}
    return {"failure": None, "ms": (time.perf_counter() - t0) * 1000,
            "findings": [{"kind": f.kind.value, "light": f.light, "bbox": list(f.bbox), "score": float(f.score),
                          "region": f.region} for f in comparison.findings]}


def judge(result: dict, alteration: sim.Alteration | None) -> dict:
    """What a comparison's findings say of a questioned document: the highest score of any finding (a genuine
    one alarms at that level), the highest of those that find the alteration, and the alarms (score >= 0.5)."""
    findings = result["findings"]
    top = max((f["score"] for f in findings), default=0.0)
    hit = 0.0
    if alteration is not None:
        hit = max((f["score"] for f in findings if sim.found(f["bbox"], f["light"], alteration)), default=0.0)
    alarms = [f"{f['kind']}/{f['light']}" for f in findings if f["score"] >= 0.5]
    return {"top": top, "hit": hit, "alarms": alarms, "failure": result["failure"], "ms": result["ms"]}


def questioned_set(rng: random.Random, images: dict[str, np.ndarray], *, doc_dpi: float, dpi_range) -> dict[str, np.ndarray]:
    out, _ = sim.recapture(images, rng, doc_dpi=doc_dpi, dpi=dpi_range)
    return out


# --- the generator's designs ---------------------------------------------------------------------------------------


def run_design(code: str, library: ReferenceLibrary, tmp: Path, *, seed: int, genuine: int, altered: int,
               modes: tuple[str, ...], viz: bool, timing: bool) -> dict:
    rng = random.Random(f"reference-bench:{seed}:{code}")
    specimens = [genuine_document(code, i, seed=seed, today=TODAY) for i in range(2)]
    clean = [{str(k): v for k, v in render(s, dpi=DPI).items()} for s in specimens]
    scans = [sim.reference_capture(c, rng)[0] for c in clean]
    refs, creation, annotations, ids = {}, {}, {}, {}
    for mode in modes:
        n = 1 if mode == "one specimen" else 2
        refs[mode], creation[mode], annotations[mode], ids[mode] = build_reference(
            library, f"{code} {mode}", scans[:n], dpi=DPI, tmp=tmp)
    scores = score(annotations[modes[0]], generated_truth(specimens[0], {k: v for k, v in render(specimens[0], dpi=DPI).items()}, dpi=DPI))
    missed = [m for s in scores.values() for m in s.misses]
    rows = []
    kinds = list(sim.KINDS)
    rng.shuffle(kinds)
    for i in range(genuine + altered):
        holder = genuine_document(code, 10 + i, seed=seed, today=TODAY)
        images = {str(k): v for k, v in render(holder, dpi=DPI).items()}
        alteration = None
        if i >= genuine:
            kind = kinds[(i - genuine) % len(kinds)]
            other = genuine_document(code, 100 + i, seed=seed, today=TODAY)
            images, alteration = sim.alter_generated(holder, images, kind, rng, dpi=DPI, other=other)
        questioned = questioned_set(rng, images, doc_dpi=DPI, dpi_range=(150, 600))
        for mode in modes:
            j = judge(compare_one(questioned, refs[mode], viz=viz), alteration)
            rows.append({"design": code, "split": split(code).value, "mode": mode, "doc": i,
                         "kind": alteration.kind if alteration else None,
                         "alteration": alteration.to_dict() if alteration else None} | j)
    out = {"rows": rows, "creation_s": creation, "annotation_missed": missed,
           "annotation_scores": {k: {"hits": s.hits, "truths": s.truths} for k, s in scores.items()}}
    if timing:
        out["timing"] = time_comparisons(code, library, ids[modes[0]], annotations[modes[0]], tmp, rng, seed=seed,
                                         viz=viz, repeats=1 if genuine + altered <= 2 else 3)
    print(f"  {code:12s} {split(code).value:11s} reference " + ", ".join(f"{m} {creation[m]:.1f} s/specimen" for m in modes)
          + f"; annotation missed: {'; '.join(missed) or '-'}")
    return out


def time_comparisons(code: str, library: ReferenceLibrary, ident: int, annotation, tmp: Path, rng: random.Random, *,
                     seed: int, viz: bool, repeats: int = 3) -> dict:
    """A genuine document captured at 300 dpi, compared with the library reference and with the same reference
    as a folder: loading each reference, and each comparison, in milliseconds (the median of ``repeats``)."""
    holder = genuine_document(code, 999, seed=seed, today=TODAY)
    images = {str(k): v for k, v in render(holder, dpi=DPI).items()}
    questioned = questioned_set(rng, images, doc_dpi=DPI, dpi_range=(DPI, DPI))
    folder = folder_reference(library_reference(library, ident), annotation, tmp / f"{code}-folder")
    out = {}
    for how, load in (("library", lambda: library_reference(library, ident)), ("folder", lambda: load_reference(folder))):
        loads, runs = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            ref = load()
            loads.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            compare(questioned, ref, today=TODAY, compare_viz=viz)
            runs.append((time.perf_counter() - t0) * 1000)
        out[how] = {"compare_ms": statistics.median(runs), "load_ms": statistics.median(loads)}
    return out


# --- figures -------------------------------------------------------------------------------------------------------


def summarise(rows: list[dict]) -> dict:
    genuine = [r for r in rows if r["kind"] is None]
    altered = [r for r in rows if r["kind"] is not None]
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in altered:
        per_kind[r["kind"]][0] += 1
        per_kind[r["kind"]][1] += r["hit"] >= 0.5
    g_alarmed = [r for r in genuine if r["top"] >= 0.5]
    found = sum(r["hit"] >= 0.5 for r in altered)
    ms = [r["ms"] for r in rows if not r["failure"]]
    return {"genuine": len(genuine), "genuine_with_alarm": len(g_alarmed),
            "genuine_alarm_rate": len(g_alarmed) / max(1, len(genuine)),
            "alterations": len(altered), "found": found, "found_rate": found / max(1, len(altered)),
            "per_kind": {k: {"alterations": v[0], "found": v[1], "rate": v[1] / max(1, v[0])}
                         for k, v in sorted(per_kind.items(), key=lambda kv: sim.KINDS.index(kv[0]))},
            "registration_failures": sum(bool(r["failure"]) for r in rows),
            "median_ms": statistics.median(ms) if ms else None,
            "genuine_alarms": sorted({a for r in g_alarmed for a in r["alarms"]}),
            "roc": roc(rows)}


def roc(rows: list[dict]) -> list[dict]:
    genuine = [r["top"] for r in rows if r["kind"] is None]
    hits = [r["hit"] for r in rows if r["kind"] is not None]
    return [{"threshold": t, "genuine_alarm_rate": sum(s >= t for s in genuine) / max(1, len(genuine)),
             "found_rate": sum(s >= t for s in hits) / max(1, len(hits))} for t in THRESHOLDS]


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.0%}" if d else "-"


def report(title: str, groups: dict[str, dict], modes: tuple[str, ...]) -> None:
    """Print ``groups`` (column name -> {mode: summary}) side by side, one block per reference mode."""
    width = 20
    print(f"\n{title}")
    for mode in modes:
        cols = {name: g[mode] for name, g in groups.items() if mode in g}
        print(f"  reference from {mode}:" + "".join(f"{c:>{width}}" for c in cols))
        print(f"    {'genuine with any alarm':<34}" + "".join(f"{pct(v['genuine_with_alarm'], v['genuine']):>{width}}" for v in cols.values()))
        print(f"    {'alterations found':<34}" + "".join(f"{pct(v['found'], v['alterations']):>{width}}" for v in cols.values()))
        kinds = [k for k in sim.KINDS if any(k in v["per_kind"] for v in cols.values())]
        for k in kinds:
            cells = [pct(v["per_kind"][k]["found"], v["per_kind"][k]["alterations"]) if k in v["per_kind"] else "-" for v in cols.values()]
            print(f"      {k:<32}" + "".join(f"{c:>{width}}" for c in cells))
        print(f"    {'registration failures':<34}" + "".join(f"{v['registration_failures']:>{width}}" for v in cols.values()))
        print(f"    {'ms per comparison, median':<34}" + "".join(f"{v['median_ms'] or 0:>{width}.0f}" for v in cols.values()))
        print("    ROC (alarm threshold: genuine with an alarm / alterations found)")
        for i, t in enumerate(THRESHOLDS):
            cells = [f"{v['roc'][i]['genuine_alarm_rate']:.0%} / {v['roc'][i]['found_rate']:.0%}" for v in cols.values()]
            print(f"      score >= {t:<25}" + "".join(f"{c:>{width}}" for c in cells))
        for name, v in cols.items():
            if v["genuine_alarms"]:
                print(f"    {name}, alarms on genuine documents: {', '.join(v['genuine_alarms'])}")


def by_mode(rows: list[dict], modes: tuple[str, ...]) -> dict[str, dict]:
    return {m: summarise([r for r in rows if r["mode"] == m]) for m in modes}


def generated(args, modes: tuple[str, ...], library: ReferenceLibrary, tmp: Path) -> dict:
    chosen = pick(args.designs, seed=args.seed)
    print(f"generated designs: {'; '.join(f'{s.value} ' + ', '.join(chosen[s]) for s in SPLITS)}")
    results = {}
    for s in SPLITS:
        for k, code in enumerate(chosen[s]):
            results[code] = run_design(code, library, tmp, seed=args.seed, genuine=args.genuine, altered=args.altered,
                                       modes=modes, viz=not args.no_viz, timing=k == 0)
    rows = [r for v in results.values() for r in v["rows"]]
    per_split = {s.value: by_mode([r for r in rows if r["split"] == s.value], modes) for s in SPLITS}
    report("Generated designs, development against held-out", per_split, modes)
    per_design = {code: by_mode(v["rows"], modes) for code, v in results.items()}
    print("\n  per design:")
    for code, g in per_design.items():
        print(f"    {code:12s} {split(code).value:11s}" + "".join(
            f"  {m}: genuine alarmed {pct(g[m]['genuine_with_alarm'], g[m]['genuine'])}, found "
            f"{pct(g[m]['found'], g[m]['alterations'])}" for m in modes))
    creation = {m: [v["creation_s"][m] for v in results.values()] for m in modes}
    timing = {code: v["timing"] for code, v in results.items() if "timing" in v}
    print("\n  reference creation per specimen at 300 dpi (read, annotate, learn, store): " + "; ".join(
        f"{m} median {statistics.median(c):.1f} s, max {max(c):.1f} s" for m, c in creation.items()))
    for code, t in timing.items():
        print(f"  comparison at 300 dpi, three lights, {code}: library reference {t['library']['compare_ms']:.0f} ms "
              f"(loaded in {t['library']['load_ms']:.0f} ms), folder reference {t['folder']['compare_ms']:.0f} ms "
              f"(loaded in {t['folder']['load_ms']:.0f} ms)")
    missed = {code: v["annotation_missed"] for code, v in results.items()}
    totals: dict[str, RoleScore] = {}
    for v in results.values():
        for k, sc in v["annotation_scores"].items():
            totals.setdefault(k, RoleScore())
            totals[k].hits += sc["hits"]
            totals[k].truths += sc["truths"]
    print("  what the annotation got wrong (regions of the generator's truth missed, one-specimen references): "
          + ", ".join(f"{k} {t.truths - t.hits}/{t.truths}" for k, t in sorted(totals.items()) if t.hits < t.truths))
    return {"per_split": per_split, "per_design": per_design, "creation_s": creation, "timing": timing,
            "annotation_missed": missed, "rows": rows}


def real(args, modes: tuple[str, ...], library: ReferenceLibrary, tmp: Path) -> dict:
    from bench import repersonalise as rp

    candidates = rp.usable(CORPUS)
    print(f"\nreal specimens (../shared/corpus, visible light): the first {args.real} of {len(candidates)} flat data "
          "pages with a valid MRZ that can be re-personalised")
    rows: list[dict] = []
    used: list[str] = []
    for name in candidates:
        if len(used) >= args.real:
            break
        rng = random.Random(f"reference-bench-real:{args.seed}:{name}")
        try:
            doc = rp.RealDocument.read(CORPUS, name)
        except rp.NotUsable as e:
            print(f"  {name}: not used ({e})")
            continue
        used.append(name)
        # the second specimen of the two-specimen reference, the questioned documents, and a donor of VIZ values
        holders = [doc.repersonalise(rng) for _ in range(2 + args.real_genuine + len(rp.REAL_KINDS))]
        refs = {}
        t_create = {}
        for mode in modes:
            specimens = [{"visible": doc.image}] + ([{"visible": holders[0].image}] if mode == "two specimens" else [])
            try:
                refs[mode], t_create[mode], _, _ = build_reference(library, f"{name} {mode}", specimens, dpi=doc.dpi, tmp=tmp)
            except ValueError as e:
                print(f"  {name}: no {mode} reference ({e})")
        for i, h in enumerate(holders[1:-1]):
            images = {"visible": h.image}
            alteration = None
            if i >= args.real_genuine:
                kind = rp.REAL_KINDS[i - args.real_genuine]
                if kind == "viz_reprint":  # another holder's value of the field, as a forger would print
                    values = {k: v for k, v in holders[-1].texts.items() if v != h.texts.get(k)}
                    images, alteration = sim.alter_viz(images, h.layout, rng, values=values or None)
                else:
                    images, alteration = sim.ALTER[kind](images, h.layout, rng)
            questioned = questioned_set(rng, images, doc_dpi=doc.dpi, dpi_range=(doc.dpi, doc.dpi * 2))
            for mode, ref in refs.items():
                j = judge(compare_one(questioned, ref, viz=not args.no_viz), alteration)
                rows.append({"design": name, "split": "real", "mode": mode, "doc": i,
                             "kind": alteration.kind if alteration else None,
                             "alteration": alteration.to_dict() if alteration else None} | j)
        mine = [r for r in rows if r["design"] == name]
        print(f"  {name:30s} {doc.dpi:4.0f} dpi, {len(doc.personal)} personal words, " + "; ".join(
            f"{m}: genuine alarmed {sum(r['top'] >= 0.5 for r in mine if r['mode'] == m and r['kind'] is None)}, "
            f"found {sum(r['hit'] >= 0.5 for r in mine if r['mode'] == m and r['kind'])}/"
            f"{sum(1 for r in mine if r['mode'] == m and r['kind'])}" for m in refs))
    out = by_mode(rows, modes)
    report("Real specimens re-personalised (visible light only)", {"real corpus": out}, modes)
    return {"summary": out, "images": used, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--designs", type=int, default=2, metavar="N", help="N development and N held-out designs (default 2)")
    ap.add_argument("--genuine", type=int, default=6, help="genuine documents of other holders per design (default 6)")
    ap.add_argument("--altered", type=int, default=6, help="altered documents per design, kinds in turn (default 6)")
    ap.add_argument("--real", type=int, default=10, help="real corpus images (default 10; 0: none)")
    ap.add_argument("--real-genuine", type=int, default=2, help="genuine re-personalised documents per real image")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--no-viz", action="store_true", help="do not read the VIZ with tesseract in the comparison")
    ap.add_argument("--one-specimen", action="store_true", help="only references from one specimen")
    ap.add_argument("--quick", action="store_true", help="a design per split, two documents each, one real image")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    if args.quick:
        args.designs, args.genuine, args.altered, args.real, args.real_genuine = 1, 1, 1, 1, 1
        args.one_specimen, args.no_viz = True, True
    modes = MODES[:1] if args.one_specimen else MODES
    print(f"Reference benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, seed {args.seed}, "
          f"OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (times are wall-clock)")
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        with ReferenceLibrary.open(tmp / "library.db", actor="reference-bench") as library:
            if args.designs:
                figures["generated"] = generated(args, modes, library, tmp)
            if args.real:
                figures["real"] = real(args, modes, library, tmp)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
