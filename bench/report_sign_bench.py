"""What the report's signatures cost (issue 22): signing a PDF report inside the PDF (PAdES, pyHanko, with its
visible box) and beside it (the detached ``.sig``), and checking both as ``docexam case verify-report`` does, per
report, beside the cost of writing the report itself; and what importing pyHanko costs the first signature of a run.

    .venv/bin/python bench/report_sign_bench.py [--reports 10] [--quick] [--json FILE]

The report is of a case with the three captures of the genuine TD3 specimen (visible, IR, UV), a few MB: the
signature's digest runs over the whole file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docexam.report import write_report  # noqa: E402
from docexam.report.pdfsign import sign_report_file, verify_report  # noqa: E402
from docexam.store import Store, trust  # noqa: E402
from docexam.store.accounts import add_user  # noqa: E402

PASS = "bench passphrase"
SPECIMEN = ROOT / "samples" / "specimens" / "td3-genuine"


def import_cost() -> float:
    """Seconds a fresh interpreter takes to import what signing and checking use (pyHanko and its dependencies)."""
    code = ("import time; t = time.perf_counter(); "
            "import pyhanko.sign.signers, pyhanko.sign.validation.generic_cms, pyhanko.stamp; "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def run(reports: int) -> dict[str, object]:
    figures: dict[str, list[float]] = {"write_ms": [], "sign_in_pdf_ms": [], "sign_detached_ms": [],
                                       "verify_ms": []}
    sizes = []
    with tempfile.TemporaryDirectory() as tmp:
        url = Path(tmp) / "cases.sqlite"
        with Store.open(url, actor="bench") as s:
            add_user(s, "Ben Cha", "administrator", PASS)
        with Store.open(url, user="Ben Cha", passphrase=PASS) as store:
            case = store.create_case("Passport UTO, bench")
            for light in ("visible", "ir", "uv"):
                store.attach(case.id, SPECIMEN / f"{light}.jpg", light=light)
            store.set_verdict(case.id, "genuine", note="all features present")
            for i in range(reports + 1):  # the first round warms up (imports, fonts); it is not counted
                out = Path(tmp) / f"report-{i}.pdf"
                t0 = time.perf_counter()
                info = write_report(store, case.id, out)
                t1 = time.perf_counter()
                signed = sign_report_file(store, info, case.id)
                t2 = time.perf_counter()
                trust.sign_report(store, out)
                t3 = time.perf_counter()
                check = verify_report(store, out)
                t4 = time.perf_counter()
                assert signed is not None and check.ok, check.problems
                if i:
                    for name, v in zip(figures, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                        figures[name].append(v * 1e3)
                    sizes.append(signed.size)
    return {"reports": reports, "report_bytes": statistics.median(sizes),
            "median": {k: statistics.median(v) for k, v in figures.items()},
            "max": {k: max(v) for k, v in figures.items()}, "import_pyhanko_s": import_cost()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=10, help="reports written, signed and checked (default 10)")
    ap.add_argument("--quick", action="store_true", help="2 reports, for the test suite's smoke run")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    fig = run(2 if args.quick else args.reports)
    m = fig["median"]
    assert isinstance(m, dict)
    print(f"Report of {fig['report_bytes'] / 1e6:.1f} MB, median of {fig['reports']}: written in "
          f"{m['write_ms']:.0f} ms; signed inside the PDF (PAdES, Ed25519, with its box) {m['sign_in_pdf_ms']:.0f} ms, "
          f"detached .sig {m['sign_detached_ms']:.1f} ms; checked (both signatures, trust list) {m['verify_ms']:.0f} ms")
    print(f"Importing pyHanko (the first signature or check of a run): {fig['import_pyhanko_s']:.2f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=1))


if __name__ == "__main__":
    main()
