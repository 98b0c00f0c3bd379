"""Workstation benchmark: how fast the window is usable, how fast a case opens, and how long the UI thread is ever
kept from its events during an examination.

* **launch to a usable window**: ``docexam gui --startup-time`` in a fresh process, from the process start (the
  interpreter's own start included, measured from outside) to the main window shown with the sample case open;
  median of ``--launches``; aim <= 1.5 s;
* **opening a case with three captures** (visible, UV, IR): ``MainWindow.open_case`` until the first light is
  decoded and painted; median of ``--opens``; aim <= 300 ms;
* **longest UI-thread block during an examination**: a 10 ms timer on the UI thread notes the longest gap between
  its ticks while the window imports the three captures of a document (MRZ read in workers), compares them with the
  reference, switches through every light and comparison mode, selects each finding, records a verdict and writes
  the PDF report; aim <= 100 ms.

Runs headless (``QT_QPA_PLATFORM=offscreen`` unless a display is set). No peer is run: examiners today flick
between images by hand on a video spectral comparator's own software, which cannot be scripted here.

    .venv/bin/python bench/gui_bench.py [--launches 5] [--opens 10] [--quick] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "specimens" / "td3-photo-substitution"


def launch_times(n: int, db: Path, env: dict) -> list[float]:
    """Seconds from starting ``docexam gui`` to its window shown with the sample case open (measured outside)."""
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-m", "docexam", "gui", "--sample", "--db", str(db), "--startup-time",
                              "--quit-after", "0"], stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        shown = None
        for line in p.stderr:
            if line.startswith("window shown"):
                shown = time.perf_counter() - t0
        p.wait(60)
        if p.returncode != 0 or shown is None:
            raise SystemExit(f"docexam gui failed (exit {p.returncode})")
        out.append(shown)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--launches", type=int, default=5)
    ap.add_argument("--opens", type=int, default=10)
    ap.add_argument("--quick", action="store_true", help="one launch, three opens (the test suite's smoke run)")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    if args.quick:
        args.launches, args.opens = 1, 3

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from docexam.gui.main_window import MainWindow, UiWatch
    from docexam.store import Store
    from docexam.workbench import CompareMode, Workbench
    from docexam.workbench.samples import ensure_sample_case

    tmp = Path(tempfile.mkdtemp(prefix="docexam-gui-bench-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "cache"), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_DATA_HOME=str(tmp / "data"))
    os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")})
    db = tmp / "cases.db"
    print(f"Workstation benchmark, {time.strftime('%Y-%m-%d %H:%M')}, Qt platform "
          f"{os.environ.get('QT_QPA_PLATFORM') or 'default'}")

    # The first launch makes the sample case and renders the reference into the cache: not counted.
    launch_times(1, db, env)
    launches = launch_times(args.launches, db, env)
    print(f"  launch to a usable window (sample case open): median {statistics.median(launches):.2f} s "
          f"(of {len(launches)}; aim <= 1.5 s)")

    app = QApplication.instance() or QApplication([])
    store = Store.open(db)
    window = MainWindow(Workbench(store), settings=QSettings(str(tmp / "gui.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    sample = ensure_sample_case(store).id
    other = store.create_case("Benchmark: an empty case").id

    def wait_jobs() -> None:
        while window.runner.busy:
            app.processEvents()
            time.sleep(0.002)
        app.processEvents()

    opens = []
    for _ in range(args.opens):
        window.open_case(other)
        wait_jobs()
        window.workbench.close_case()
        app.processEvents()
        t0 = time.perf_counter()
        window.open_case(sample)
        window.compare_view.repaint()
        opens.append((time.perf_counter() - t0) * 1000)
        wait_jobs()
    print(f"  opening a case with three captures: median {statistics.median(opens):.0f} ms, "
          f"max {max(opens):.0f} ms (of {len(opens)}; aim <= 300 ms)")

    # An examination, as an examiner does it, with the UI thread watched throughout (and per step, to say where).
    watch = UiWatch()
    phases: dict[str, float] = {}

    def phase(name: str) -> None:
        if phase.current is not None:
            phases[phase.current] = watch.stop()
        phase.current = name
        if name is not None:
            watch.start()

    phase.current = None
    t0 = time.perf_counter()
    phase("new case and import of 3 captures (MRZ read in workers)")
    case = store.create_case("Benchmark: UTO passport examined").id
    window.open_case(case)
    window.import_files(sorted(SAMPLE.glob("*.jpg")))
    wait_jobs()
    if window.workbench.reference is None:
        raise SystemExit("the reference specimen was not loaded after the MRZ was read")
    phase("comparison (in a worker) and its result shown")
    job = window.compare_with_reference()
    wait_jobs()
    if job.error is not None:
        raise SystemExit(f"the comparison failed: {job.error}")
    phase("every light in every comparison mode")
    for light in window.workbench.case.lights:
        window.set_light(light)
        for mode in CompareMode:
            window.workbench.compare.set_mode(mode)
            window.compare_view.repaint()
            app.processEvents()
    phase("selecting each finding")
    for i in range(len(window.workbench.findings)):
        window.workbench.select_finding(i)
        window.compare_view.repaint()
        app.processEvents()
    phase("verdict")
    window.workbench.set_verdict("forged/altered", note="benchmark")
    app.processEvents()
    phase("PDF report (in a worker)")
    window.export_report(tmp / "report.pdf")
    wait_jobs()
    phase(None)
    blocked = max(phases.values())
    total = time.perf_counter() - t0
    print(f"  examination (import 3 captures, compare, every light and mode, {len(window.workbench.findings)} findings, "
          f"verdict, PDF): {total:.1f} s; longest UI-thread block {blocked:.0f} ms (aim <= 100 ms)")
    for name, ms in phases.items():
        print(f"    {name:<58} longest block {ms:4.0f} ms")
    window.close()
    store.close()
    figures = {"launch_s": {"median": statistics.median(launches), "all": launches},
               "open_case_ms": {"median": statistics.median(opens), "max": max(opens)},
               "examination": {"seconds": total, "longest_ui_block_ms": blocked, "blocks_ms": phases,
                               "findings": len(window.workbench.findings),
                               "report_bytes": (tmp / "report.pdf").stat().st_size}}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
