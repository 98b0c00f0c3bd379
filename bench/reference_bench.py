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

A third reference, ``--modes generator``, is the design's own reference as the generator makes it (its clean
rendering with its ``specimen.json``, as ``docexam compare --reference DIR`` reads a pack's reference folder): the same
independent alterations and re-captures against it are issue 20's own measurement. The alterations and re-captures
do not depend on the references chosen (the generator's reference draws nothing).

Each rate is given with its 95 % Wilson interval (bench/rates.py); ``--per-kind N`` gives N altered documents of
each kind per design, so that per-kind cells are rates and not examples; ``--jobs N`` runs the designs in N
processes (each design draws from its own seed: the rows are the same as with one job).

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/reference_bench.py [--designs 2] [--genuine 6] [--altered 6 | --per-kind N]
        [--kinds patch,uv_spot] [--modes generator,one,two] [--splits dev,held-out,real] [--real 10] [--real-altered N] [--seed 19]
        [--jobs 2] [--no-viz] [--no-timing] [--quick] [--json FILE]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench import rates  # noqa: E402
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
from docexam.specimens.exercise import write_reference  # noqa: E402
from docexam.store.library import ReferenceLibrary, prepare_specimen  # noqa: E402

TODAY = dt.date(2026, 11, 28)
DPI = 300
CORPUS = ROOT.parent / "shared" / "corpus"
#: The alarm thresholds of the ROC-style table (the comparison's own alarm level is 0.5).
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The finer thresholds of the ROC-style table per kind (and the operating points read from it).
ROC_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
#: The references built automatically: from one genuine specimen, and from two of different holders (the default).
MODES = ("one specimen", "two specimens")
#: The design's own reference as the generator makes it, with its specimen.json (generated designs only).
GENERATOR = "generator reference"
#: ``--modes`` words and the references they name, in the order they are reported.
MODE_NAMES = {"generator": GENERATOR, "one": MODES[0], "two": MODES[1]}
#: ``--splits`` words and the splits they name.
SPLIT_NAMES = {"dev": "development", "development": "development", "held-out": "held-out", "heldout": "held-out",
               "held": "held-out", "real": "real"}


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
    one alarms at that level) and per light, the highest of those that find the alteration in all and per light it
    changed, and the alarms (score >= 0.5) as check/light."""
    findings = result["findings"]
    top = max((f["score"] for f in findings), default=0.0)
    top_by_light: dict[str, float] = {}
    for f in findings:
        top_by_light[f["light"]] = max(top_by_light.get(f["light"], 0.0), f["score"])
    hit_by_light: dict[str, float] = {}
    if alteration is not None:
        for light in alteration.lights:
            hit_by_light[light] = max((f["score"] for f in findings if f["light"] == light
                                       and sim.found(f["bbox"], f["light"], alteration)), default=0.0)
    hit = max(hit_by_light.values(), default=0.0)
    alarms = [f"{f['kind']}/{f['light']}" for f in findings if f["score"] >= 0.5]
    return {"top": top, "hit": hit, "top_by_light": top_by_light, "hit_by_light": hit_by_light, "alarms": alarms,
            "failure": result["failure"], "ms": result["ms"]}


def questioned_set(rng: random.Random, images: dict[str, np.ndarray], *, doc_dpi: float, dpi_range) -> dict[str, np.ndarray]:
    out, _ = sim.recapture(images, rng, doc_dpi=doc_dpi, dpi=dpi_range)
    return out


# --- the generator's designs ---------------------------------------------------------------------------------------


def generator_reference(code: str, folder: Path):
    """The design's own reference as the generator makes it: its reference specimen rendered clean at 300 dpi with
    its ``specimen.json`` (:func:`docexam.specimens.exercise.write_reference`, a pack's ``reference/<design>``),
    loaded as ``docexam compare --reference DIR`` loads it."""
    write_reference(folder, code, dpi=DPI)
    return load_reference(folder)


def schedule(kinds: tuple[str, ...], rng: random.Random, *, altered: int, per_kind: int) -> list[str]:
    """The kinds of a design's altered documents: ``kinds`` in an order drawn by ``rng``, taken in turn, ``altered``
    documents in all, or ``per_kind`` of each when it is given."""
    order = [k for k in sim.KINDS if k in kinds]
    rng.shuffle(order)
    n = per_kind * len(order) if per_kind else altered
    return [order[j % len(order)] for j in range(n)] if order else []


def run_design(code: str, library: ReferenceLibrary, tmp: Path, *, seed: int, genuine: int, altered: int,
               modes: tuple[str, ...], viz: bool, timing: bool, kinds: tuple[str, ...] = sim.KINDS,
               per_kind: int = 0) -> dict:
    """Every reference of ``modes`` made for design ``code``, and ``genuine`` genuine and the scheduled altered
    documents of other holders compared with each: one row per document and reference. Everything drawn comes from
    one generator seeded by ``seed`` and ``code``, in the same order whichever references are made."""
    rng = random.Random(f"reference-bench:{seed}:{code}")
    specimens = [genuine_document(code, i, seed=seed, today=TODAY) for i in range(2)]
    clean = [{str(k): v for k, v in render(s, dpi=DPI).items()} for s in specimens]
    scans = [sim.reference_capture(c, rng)[0] for c in clean]
    refs, creation, annotations, ids = {}, {}, {}, {}
    for mode in modes:
        if mode == GENERATOR:
            refs[mode] = generator_reference(code, tmp / f"{code}-generator")
            continue
        n = 1 if mode == "one specimen" else 2
        refs[mode], creation[mode], annotations[mode], ids[mode] = build_reference(
            library, f"{code} {mode}", scans[:n], dpi=DPI, tmp=tmp)
    built = [m for m in modes if m != GENERATOR]
    scores = {}
    if built:
        truth = generated_truth(specimens[0], {k: v for k, v in render(specimens[0], dpi=DPI).items()}, dpi=DPI)
        scores = score(annotations[built[0]], truth)
    missed = [m for s in scores.values() for m in s.misses]
    rows = []
    plan = [None] * genuine + schedule(kinds, rng, altered=altered, per_kind=per_kind)
    for i, kind in enumerate(plan):
        holder = genuine_document(code, 10 + i, seed=seed, today=TODAY)
        images = {str(k): v for k, v in render(holder, dpi=DPI).items()}
        alteration = None
        if kind is not None:
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
    if timing and built:
        out["timing"] = time_comparisons(code, library, ids[built[0]], annotations[built[0]], tmp, rng, seed=seed,
                                         viz=viz, repeats=1 if len(plan) <= 2 else 3)
    print(f"  {code:12s} {split(code).value:11s} {len(plan)} documents; reference "
          + (", ".join(f"{m} {creation[m]:.1f} s/specimen" for m in built) or "the generator's")
          + f"; annotation missed: {'; '.join(missed) or '-'}; memory {resident_mb():.0f} MB, peak {peak_mb():.0f} MB",
          flush=True)
    return out


def resident_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is not there). Printed after each design, so that
    memory growing across documents shows (a registration memo that kept every document alive grew a worker by
    ~4.5 MB per comparison until the kernel killed it; issue 20)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def design_job(job: dict) -> dict:
    """:func:`run_design` in a worker process (or in this one): each design with a library of its own."""
    job = dict(job)
    code, tmp = job.pop("code"), Path(job.pop("tmp"))
    with ReferenceLibrary.open(tmp / f"library-{code}.db", actor="reference-bench") as library:
        return run_design(code, library, tmp, **job)


def run_jobs(jobs: list[dict], workers: int, work=None) -> list[dict]:
    """``work`` (:func:`design_job` by default) of each of ``jobs``, ``workers`` at a time, each in a process of
    its own (spawned: nothing of this process's threads is inherited; the memory a design took is given back when
    it ends, and a process that dies, killed for memory say, loses its own design only: its result is
    ``{"code" or "name": ..., "crashed": why}``). The results in the order of ``jobs``."""
    work = work or design_job
    if workers <= 1 or len(jobs) <= 1:
        return [work(j) for j in jobs]

    def isolated(job: dict) -> dict:
        with concurrent.futures.ProcessPoolExecutor(max_workers=1,
                                                    mp_context=multiprocessing.get_context("spawn")) as pool:
            try:
                return pool.submit(work, job).result()
            except concurrent.futures.BrokenExecutor as e:
                who = {k: job[k] for k in ("code", "name") if k in job}
                print(f"  {', '.join(map(str, who.values()))}: its process died ({e}); left out", flush=True)
                return who | {"crashed": str(e)}

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as threads:
        return list(threads.map(isolated, jobs))


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
    """The figures of ``rows`` (one reference mode): genuine documents with an alarm and alterations found, in all,
    per kind and per light, each with its 95 % interval; the score distributions; the ROC-style tables; which checks
    alarm on genuine documents. A comparison whose registration failed counts as no alarm. An alteration that
    changed no light (the simulator's own measure, :func:`bench.simulate.changed_lights`: a blank piece of paper
    stuck on blank paper) is no alteration to find: counted apart, as ``unchanged``, and left out of every figure."""
    unchanged = sum(r["kind"] is not None and not r["alteration"]["lights"] for r in rows)
    rows = [r for r in rows if r["kind"] is None or r["alteration"]["lights"]]
    genuine = [r for r in rows if r["kind"] is None]
    altered = [r for r in rows if r["kind"] is not None]
    kinds = [k for k in sim.KINDS if any(r["kind"] == k for r in altered)]
    of_kind = {k: [r for r in altered if r["kind"] == k] for k in kinds}
    g_alarmed = [r for r in genuine if r["top"] >= 0.5]
    found = sum(r["hit"] >= 0.5 for r in altered)
    ms = [r["ms"] for r in rows if not r["failure"]]
    lights = [li for li in sim.LIGHTS if any(li in r["alteration"]["lights"] for r in altered)]

    def found_in(rs: list[dict], light: str) -> dict:
        changed = [r for r in rs if light in r["alteration"]["lights"]]
        return rates.rate(sum(r["hit_by_light"].get(light, 0.0) >= 0.5 for r in changed), len(changed))

    seen_lights = sorted({li for r in genuine for li in r["top_by_light"]}, key=lambda li: (li not in sim.LIGHTS, li))
    alarm_counts = Counter(a for r in genuine for a in set(r["alarms"]))
    table = rates.roc_table([r["top"] for r in genuine], {k: [r["hit"] for r in v] for k, v in of_kind.items()},
                            ROC_THRESHOLDS)
    return {"genuine": len(genuine), "genuine_with_alarm": len(g_alarmed),
            "genuine_alarm_rate": len(g_alarmed) / max(1, len(genuine)),
            "genuine_alarmed": rates.rate(len(g_alarmed), len(genuine)),
            "genuine_per_light": {li: rates.rate(sum(r["top_by_light"].get(li, 0.0) >= 0.5 for r in genuine),
                                                 len(genuine)) for li in seen_lights},
            "alterations": len(altered), "found": found, "found_rate": found / max(1, len(altered)),
            "found_all": rates.rate(found, len(altered)),
            "per_kind": {k: {"alterations": len(v), "found": sum(r["hit"] >= 0.5 for r in v),
                             "rate": sum(r["hit"] >= 0.5 for r in v) / len(v)}
                         | {b: rates.rate(sum(r["hit"] >= 0.5 for r in v), len(v))[b] for b in ("low", "high")}
                         for k, v in of_kind.items()},
            "per_light": {li: found_in(altered, li) for li in lights},
            "per_kind_light": {k: {li: found_in(v, li) for li in lights if any(li in r["alteration"]["lights"] for r in v)}
                               for k, v in of_kind.items()},
            "registration_failures": sum(bool(r["failure"]) for r in rows), "unchanged": unchanged,
            "median_ms": statistics.median(ms) if ms else None,
            "genuine_alarms": sorted(alarm_counts),
            "genuine_alarm_counts": dict(alarm_counts.most_common()),
            "scores": {"genuine_top": rates.quantiles([r["top"] for r in genuine]),
                       "altered_found": rates.quantiles([r["hit"] for r in altered]),
                       "altered_top": rates.quantiles([r["top"] for r in altered]),
                       "per_kind_found": {k: rates.quantiles([r["hit"] for r in v]) for k, v in of_kind.items()}},
            "roc": roc(rows), "roc_table": table,
            "operating_points": {f"genuine <= {a:.0%}": rates.operating_point(table, genuine_at_most=a)
                                 for a in (0.03, 0.05)}}


def roc(rows: list[dict]) -> list[dict]:
    genuine = [r["top"] for r in rows if r["kind"] is None]
    hits = [r["hit"] for r in rows if r["kind"] is not None]
    return [{"threshold": t, "genuine_alarm_rate": sum(s >= t for s in genuine) / max(1, len(genuine)),
             "found_rate": sum(s >= t for s in hits) / max(1, len(hits))} for t in THRESHOLDS]


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.0%}" if d else "-"


def _dist(q: dict) -> str:
    if not q["count"]:
        return "-"
    return " ".join(f"{q[k]:.2f}" for k in ("q05", "q25", "q50", "q75", "q95"))


def report(title: str, groups: dict[str, dict], modes: tuple[str, ...]) -> None:
    """Print ``groups`` (column name -> {mode: summary}) side by side, one block per reference mode: rates with
    their 95 % Wilson intervals, per kind and per light, the score distributions, the ROC-style tables, and which
    checks alarm on genuine documents."""
    width = 26
    print(f"\n{title}  (n/N rate [95% Wilson interval])")
    for mode in modes:
        cols = {name: g[mode] for name, g in groups.items() if mode in g}
        if not cols:
            continue

        def line(label: str, cells: list[str], indent: int = 4) -> None:
            print(" " * indent + f"{label:<{38 - indent}}" + "".join(f"{c:>{width}}" for c in cells))

        print(f"\n  reference: {mode}" + " " * (26 - len(mode)) + "".join(f"{c:>{width}}" for c in cols))
        line("genuine with any alarm", [rates.show(v["genuine_alarmed"]) for v in cols.values()])
        for li in sorted({li for v in cols.values() for li in v["genuine_per_light"]}):
            line(f"an alarm in {li}", [rates.show(v["genuine_per_light"][li]) if li in v["genuine_per_light"] else "-"
                                       for v in cols.values()], 6)
        line("alterations found", [rates.show(v["found_all"]) for v in cols.values()])
        kinds = [k for k in sim.KINDS if any(k in v["per_kind"] for v in cols.values())]
        for k in kinds:
            line(k, [rates.show({"n": v["per_kind"][k]["found"], "of": v["per_kind"][k]["alterations"],
                                 "rate": v["per_kind"][k]["rate"], "low": v["per_kind"][k]["low"],
                                 "high": v["per_kind"][k]["high"]}) if k in v["per_kind"] else "-"
                     for v in cols.values()], 6)
        print("    found in the light it changed (an alteration counts in every light it changed)")
        for li in [li for li in sim.LIGHTS if any(li in v["per_light"] for v in cols.values())]:
            line(li, [rates.show(v["per_light"][li]) if li in v["per_light"] else "-" for v in cols.values()], 6)
            for k in kinds:
                cells = [rates.show(v["per_kind_light"][k][li]) if li in v["per_kind_light"].get(k, {}) else "-"
                         for v in cols.values()]
                if any(c != "-" for c in cells):
                    line(f"{li} {k}", cells, 8)
        line("registration failures", [str(v["registration_failures"]) for v in cols.values()])
        if any(v.get("unchanged") for v in cols.values()):
            line("alterations changing no light",
                 [str(v.get("unchanged", 0)) for v in cols.values()])
        print("    score distribution (q05 q25 q50 q75 q95)")
        line("genuine: highest score", [_dist(v["scores"]["genuine_top"]) for v in cols.values()], 6)
        line("altered: score finding it", [_dist(v["scores"]["altered_found"]) for v in cols.values()], 6)
        for k in kinds:
            line(k, [_dist(v["scores"]["per_kind_found"][k]) if k in v["scores"]["per_kind_found"] else "-"
                     for v in cols.values()], 8)
        print("    ROC (alarm threshold: genuine with an alarm / alterations found)")
        for i, t in enumerate(THRESHOLDS):
            line(f"score >= {t}", [f"{v['roc'][i]['genuine_alarm_rate']:.0%} / {v['roc'][i]['found_rate']:.0%}"
                                   for v in cols.values()], 6)
        for name, v in cols.items():
            heads = ["genuine", "found"] + kinds
            print(f"    ROC per kind, {name} (% at each threshold)")
            print("      " + f"{'score >=':<10}" + "".join(f"{h[:11]:>12}" for h in heads))
            for row in v["roc_table"]:
                cells = [row["genuine_alarmed"], row["found"]] + [row["per_kind"].get(k) for k in kinds]
                print("      " + f"{row['threshold']:<10}" + "".join(
                    f"{'-' if c is None or c['rate'] is None else format(c['rate'], '.0%'):>12}" for c in cells))
            for label, op in v["operating_points"].items():
                print(f"      {label} of genuine alarmed: " + (
                    f"from score {op['threshold']}, found {rates.show(op['found'])}" if op else "no threshold"))
            if v["genuine_alarm_counts"]:
                print(f"    {name}, alarms on genuine documents (check/light: documents): "
                      + ", ".join(f"{a} {n}" for a, n in v["genuine_alarm_counts"].items()))


def by_mode(rows: list[dict], modes: tuple[str, ...]) -> dict[str, dict]:
    return {m: summarise([r for r in rows if r["mode"] == m]) for m in modes}


def generated(args, modes: tuple[str, ...], tmp: Path) -> dict:
    chosen = pick(args.designs, seed=args.seed)
    splits = [s for s in SPLITS if s.value in args.splits]
    print(f"generated designs: {'; '.join(f'{s.value} ' + ', '.join(chosen[s]) for s in splits)}")
    jobs = [{"code": code, "tmp": str(tmp), "seed": args.seed, "genuine": args.genuine, "altered": args.altered,
             "modes": modes, "viz": not args.no_viz, "timing": k == 0 and not args.no_timing and (not args.quick or s == splits[0]),
             "kinds": args.kinds, "per_kind": args.per_kind}
            for s in splits for k, code in enumerate(chosen[s])]
    results = {j["code"]: out for j, out in zip(jobs, run_jobs(jobs, args.jobs), strict=True) if "crashed" not in out}
    crashed = [j["code"] for j in jobs if j["code"] not in results]
    rows = [r for v in results.values() for r in v["rows"]]
    per_split = {s.value: by_mode([r for r in rows if r["split"] == s.value], modes) for s in splits}
    report("Generated designs, development against held-out", per_split, modes)
    per_design = {code: by_mode(v["rows"], modes) for code, v in results.items()}
    print("\n  per design:")
    for code, g in per_design.items():
        print(f"    {code:12s} {split(code).value:11s}" + "".join(
            f"  {m}: genuine alarmed {pct(g[m]['genuine_with_alarm'], g[m]['genuine'])}, found "
            f"{pct(g[m]['found'], g[m]['alterations'])}" for m in modes))
    built = [m for m in modes if m != GENERATOR]
    creation = {m: [v["creation_s"][m] for v in results.values()] for m in built}
    timing = {code: v["timing"] for code, v in results.items() if "timing" in v}
    if creation and results:
        print("\n  reference creation per specimen at 300 dpi (read, annotate, learn, store; wall-clock on a shared "
              "machine): " + "; ".join(f"{m} median {statistics.median(c):.1f} s, max {max(c):.1f} s"
                                       for m, c in creation.items()))
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
    if totals:
        print(f"  what the annotation got wrong (regions of the generator's truth missed, {built[0]} references): "
              + ", ".join(f"{k} {t.truths - t.hits}/{t.truths}" for k, t in sorted(totals.items()) if t.hits < t.truths))
    if crashed:
        print(f"  left out, their process died: {', '.join(crashed)}")
    return {"per_split": per_split, "per_design": per_design, "creation_s": creation, "timing": timing,
            "annotation_missed": missed, "crashed": crashed, "rows": rows}


def real_image(job: dict) -> dict:
    """One real corpus image (``job["name"]``), re-personalised for other holders, altered and compared with the
    references of ``job["modes"]`` built from it (a library of its own, so that it can run in a worker process):
    its rows, or why it could not be used."""
    from bench import repersonalise as rp

    name, tmp, modes = job["name"], Path(job["tmp"]), job["modes"]
    rng = random.Random(f"reference-bench-real:{job['seed']}:{name}")
    try:
        doc = rp.RealDocument.read(CORPUS, name)
    except rp.NotUsable as e:
        return {"name": name, "not_used": str(e), "rows": []}
    kinds = [k for k in rp.REAL_KINDS if k in job["kinds"]] * max(1, job["per_kind"])
    if job["real_altered"]:  # that many, the kinds in turn
        kinds = [kinds[i % len(kinds)] for i in range(job["real_altered"])] if kinds else []
    rows: list[dict] = []
    notes: list[str] = []
    # the second specimen of the two-specimen reference, the questioned documents, and a donor of VIZ values
    holders = [doc.repersonalise(rng) for _ in range(2 + job["real_genuine"] + len(kinds))]
    refs = {}
    with ReferenceLibrary.open(tmp / f"library-{Path(name).stem}.db", actor="reference-bench") as library:
        for mode in modes:
            specimens = [{"visible": doc.image}] + ([{"visible": holders[0].image}] if mode == "two specimens" else [])
            try:
                refs[mode], _, _, _ = build_reference(library, f"{name} {mode}", specimens, dpi=doc.dpi,
                                                      tmp=tmp / Path(name).stem)
            except ValueError as e:
                notes.append(f"no {mode} reference ({e})")
    for i, h in enumerate(holders[1:-1]):
        images = {"visible": h.image}
        alteration = None
        if i >= job["real_genuine"]:
            kind = kinds[i - job["real_genuine"]]
            if kind == "viz_reprint":  # another holder's value of the field, as a forger would print
                values = {k: v for k, v in holders[-1].texts.items() if v != h.texts.get(k)}
                images, alteration = sim.alter_viz(images, h.layout, rng, values=values or None)
            else:
                images, alteration = sim.ALTER[kind](images, h.layout, rng)
        questioned = questioned_set(rng, images, doc_dpi=doc.dpi, dpi_range=(doc.dpi, doc.dpi * 2))
        for mode, ref in refs.items():
            j = judge(compare_one(questioned, ref, viz=job["viz"]), alteration)
            rows.append({"design": name, "split": "real", "mode": mode, "doc": i,
                         "kind": alteration.kind if alteration else None,
                         "alteration": alteration.to_dict() if alteration else None} | j)
    return {"name": name, "not_used": None, "rows": rows, "notes": notes, "dpi": doc.dpi,
            "personal": len(doc.personal), "modes": list(refs)}


def real(args, modes: tuple[str, ...], tmp: Path) -> dict:
    from bench import repersonalise as rp

    candidates = rp.usable(CORPUS)
    print(f"\nreal specimens (../shared/corpus, visible light): the first {args.real} of {len(candidates)} flat data "
          "pages with a valid MRZ that can be re-personalised", flush=True)
    rows: list[dict] = []
    used: list[str] = []
    base = {"tmp": str(tmp), "modes": modes, "seed": args.seed, "kinds": args.kinds, "per_kind": args.per_kind,
            "real_genuine": args.real_genuine, "real_altered": args.real_altered, "viz": not args.no_viz}
    left = list(candidates)
    while left and len(used) < args.real:
        # as many candidates at once as there are jobs (and images still wanted): the first usable ones are kept,
        # in the corpus's order, whatever the number of jobs
        take = min(args.jobs, args.real - len(used))
        batch, left = left[:take], left[take:]
        for out in run_jobs([base | {"name": n} for n in batch], args.jobs, real_image):
            name = out["name"]
            if out.get("crashed"):
                continue
            if out["not_used"]:
                print(f"  {name}: not used ({out['not_used']})")
                continue
            if len(used) >= args.real:
                break
            used.append(name)
            rows += out["rows"]
            for note in out["notes"]:
                print(f"  {name}: {note}")
            mine = out["rows"]
            print(f"  {name:30s} {out['dpi']:4.0f} dpi, {out['personal']} personal words, " + "; ".join(
                f"{m}: genuine alarmed {sum(r['top'] >= 0.5 for r in mine if r['mode'] == m and r['kind'] is None)}, "
                f"found {sum(r['hit'] >= 0.5 for r in mine if r['mode'] == m and r['kind'])}/"
                f"{sum(1 for r in mine if r['mode'] == m and r['kind'])}" for m in out["modes"]), flush=True)
    out = by_mode(rows, modes)
    report("Real specimens re-personalised (visible light only)", {"real corpus": out}, modes)
    return {"summary": out, "images": used, "rows": rows}


def _words(text: str, names: dict[str, str], what: str) -> tuple[str, ...]:
    out = []
    for w in (v.strip() for v in text.split(",")):
        if w not in names:
            raise argparse.ArgumentTypeError(f"unknown {what} {w!r}: choose from {', '.join(dict.fromkeys(names))}")
        if names[w] not in out:
            out.append(names[w])
    if not out:
        raise argparse.ArgumentTypeError(f"give at least one {what}")
    return tuple(out)


def _commit() -> str:
    import subprocess

    try:
        r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, timeout=10)
        return r.stdout.strip() or "?"
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--designs", type=int, default=2, metavar="N", help="N development and N held-out designs (default 2)")
    ap.add_argument("--genuine", type=int, default=6, help="genuine documents of other holders per design (default 6)")
    ap.add_argument("--altered", type=int, default=6, help="altered documents per design, kinds in turn (default 6)")
    ap.add_argument("--per-kind", type=int, default=0, metavar="N",
                    help="N altered documents of each kind per design (and per real image), instead of --altered")
    ap.add_argument("--kinds", type=lambda t: _words(t, {k: k for k in sim.KINDS}, "kind"), default=sim.KINDS,
                    metavar="K[,K...]", help=f"only these alteration kinds (default all: {','.join(sim.KINDS)})")
    ap.add_argument("--modes", type=lambda t: _words(t, MODE_NAMES, "reference mode"), metavar="M[,M...]",
                    help="the references compared with: generator (the design's own reference with its "
                         "specimen.json), one (built from one specimen), two (from two); default one,two")
    ap.add_argument("--splits", type=lambda t: _words(t, SPLIT_NAMES, "split"), default=("development", "held-out", "real"),
                    metavar="S[,S...]", help="dev, held-out, real (default all three)")
    ap.add_argument("--jobs", type=int, default=1, metavar="N",
                    help="N processes over the designs (the same rows as one; default 1)")
    ap.add_argument("--real", type=int, default=10, help="real corpus images (default 10; 0: none)")
    ap.add_argument("--real-genuine", type=int, default=2, help="genuine re-personalised documents per real image")
    ap.add_argument("--real-altered", type=int, default=0, metavar="N",
                    help="N altered documents per real image, the kinds in turn (default 0: one of each kind, or "
                         "--per-kind of each)")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--no-viz", action="store_true", help="do not read the VIZ with tesseract in the comparison")
    ap.add_argument("--no-timing", action="store_true", help="no comparison timings (rates only)")
    ap.add_argument("--one-specimen", action="store_true", help="only references from one specimen")
    ap.add_argument("--quick", action="store_true",
                    help="a design per split, two documents each (the first split's timed), one real image with one genuine "
                         "and one altered")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    if args.quick:
        args.designs, args.genuine, args.altered, args.real, args.real_genuine, args.real_altered = 1, 1, 1, 1, 1, 1
        args.one_specimen, args.no_viz = True, True
    if args.jobs < 1 or args.per_kind < 0 or args.real_altered < 0:
        ap.error("--jobs is at least 1, --per-kind and --real-altered at least 0")
    modes = args.modes or (MODES[:1] if args.one_specimen else MODES)
    modes = tuple(m for m in (GENERATOR, *MODES) if m in modes)
    print(f"Reference benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, commit {_commit()}, seed {args.seed}, "
          f"references: {', '.join(modes)}; kinds: {', '.join(args.kinds)}; "
          + (f"{args.per_kind} altered per kind" if args.per_kind else f"{args.altered} altered")
          + f" and {args.genuine} genuine per design ({args.real_genuine} per real image); {args.jobs} job(s); OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (times are wall-clock: read the rates)",
          flush=True)
    figures: dict = {"options": {"designs": args.designs, "genuine": args.genuine, "altered": args.altered,
                                 "per_kind": args.per_kind, "kinds": list(args.kinds), "modes": list(modes),
                                 "splits": list(args.splits), "real": args.real, "seed": args.seed,
                                 "viz": not args.no_viz, "jobs": args.jobs, "commit": _commit()}}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.designs and {"development", "held-out"} & set(args.splits):
            figures["generated"] = generated(args, modes, tmp)
        real_modes = tuple(m for m in modes if m != GENERATOR)  # a real image has no generator's reference
        if args.real and "real" in args.splits and real_modes:
            figures["real"] = real(args, real_modes, tmp)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
