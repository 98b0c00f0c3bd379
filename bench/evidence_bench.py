"""What a finding's evidence costs (issue 20 item 4): the 3-light comparison of the bundled samples at 300 dpi, and
after it the evidence crops of its findings (cropping, the difference image, three PNGs each), in milliseconds.

    .venv/bin/python bench/evidence_bench.py [--repeat 5] [--quick] [--json FILE]

The evidence is made after the comparison (``docexam.compare.evidence.attach_evidence``), for its findings only: a
genuine document with no finding pays nothing; the comparison's own time (``elapsed_ms``) does not include it.
A document with many findings is simulated by cropping 20 boxes of the altered sample.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docexam.compare.evidence import attach_evidence
from docexam.compare.pipeline import compare
from docexam.compare.reference import load_lights, load_reference
from docexam.compare.result import Finding, FindingKind
from docexam.paths import samples_dir
from docexam.specimens.exercise import write_reference

SAMPLES = ("td3-genuine", "td3-photo-substitution")


def run(repeat: int) -> dict[str, dict[str, float]]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        write_reference(Path(tmp) / "td3", "td3")
        reference = load_reference(Path(tmp) / "td3")
        for name in SAMPLES:
            questioned = load_lights(samples_dir() / "specimens" / name)
            compared, evidence, findings = [], [], 0
            for _ in range(repeat):
                comparison, _ = compare(questioned, reference, compare_viz=False)
                compared.append(comparison.elapsed_ms)
                t = time.perf_counter()
                findings = attach_evidence(comparison, reference.images)
                evidence.append((time.perf_counter() - t) * 1000)
            out[name] = {"findings": findings, "compare_ms": statistics.median(compared),
                         "evidence_ms": statistics.median(evidence)}
            if name == "td3-photo-substitution":  # twenty findings of 2 to 25 mm, over the three lights
                h, w = reference.shape
                many = [Finding(FindingKind.DIFFERENCE, ("visible", "uv", "ir")[i % 3],
                                (40 + 61 * i % (w - 400), 30 + 37 * i % (h - 400), 24 + 13 * i, 20 + 11 * i), 0.6)
                        for i in range(20)]
                times = []
                for _ in range(repeat):
                    comparison.findings, comparison.evidence_images = list(many), {}
                    t = time.perf_counter()
                    attach_evidence(comparison, reference.images)
                    times.append((time.perf_counter() - t) * 1000)
                out["20 findings"] = {"findings": 20, "compare_ms": float("nan"), "evidence_ms": statistics.median(times)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="one run each")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    figures = run(1 if args.quick else args.repeat)
    print(f"{'sample':<26}{'findings':>9}{'compare ms':>12}{'evidence ms':>13}")
    for name, f in figures.items():
        print(f"{name:<26}{f['findings']:>9}{f['compare_ms']:>12.0f}{f['evidence_ms']:>13.1f}")
    if args.json:
        args.json.write_text(json.dumps({k: {kk: (None if vv != vv else vv) for kk, vv in v.items()}
                                         for k, v in figures.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
