"""Checkpoint build benchmark: the built folder (``dist/docexam``) against the source install (``.venv/bin/docexam``).

* **folder size**: every file of the folder, in MB (10^6 bytes) and MiB; aim <= 250 MB;
* **start to window**: ``docexam gui --sample --startup-time --quit-after 0``, from the process start to the main window
  shown with the sample case open, measured from outside (the interpreter's or bootloader's own start included, as
  ``bench/gui_bench.py`` does); once **cold** (the application's files, and for the source install the venv, the
  source tree and Python's standard library, evicted from the page cache with ``posix_fadvise(DONTNEED)``, as after a
  reboot), then the median of ``--launches`` **warm** launches;
* **read one sample**: ``docexam read --json`` on a sample's IR capture, the wall time of the whole process, cold once
  and the median of ``--reads`` warm runs.

Both run the same way: from a temporary directory outside the source tree, with an empty environment (HOME and XDG
folders in a temporary directory, PATH naming an empty folder so no tesseract, QT_QPA_PLATFORM=offscreen), and a
first launch of each that makes the sample case and renders the reference is not counted. The built folder is used
where it is (build it with ``make dist``); nothing is run in parallel.

    .venv/bin/python bench/dist_bench.py [--dist dist/docexam] [--launches 5] [--reads 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "specimens/td3-genuine/ir.jpg"


def folder_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*"))


def evict(roots: list[Path]) -> int:
    """Drop the files under ``roots`` from the page cache (clean pages only, so sync first); the number of files."""
    os.sync()
    n = 0
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        for p in files:
            try:
                fd = os.open(p, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                n += 1
            finally:
                os.close(fd)
    return n


class Install:
    def __init__(self, name: str, exe: Path, files: list[Path], samples: Path, work: Path) -> None:
        self.name, self.exe, self.files, self.samples = name, exe, files, samples
        self.work = work / name
        (self.work / "empty-bin").mkdir(parents=True)
        (self.work / "runtime").mkdir(mode=0o700)
        home = self.work / "home"
        self.env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
                    "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
                    "XDG_RUNTIME_DIR": str(self.work / "runtime"), "PATH": str(self.work / "empty-bin"),
                    "QT_QPA_PLATFORM": "offscreen"}

    def launch(self) -> float:
        """Seconds from starting the GUI to its window shown with the sample case open."""
        t0 = time.perf_counter()
        p = subprocess.Popen([str(self.exe), "gui", "--sample", "--startup-time", "--quit-after", "0"],
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=self.env, cwd=self.work)
        shown = None
        for line in p.stderr:
            if line.startswith("window shown") and shown is None:
                shown = time.perf_counter() - t0
        p.wait(120)
        if p.returncode != 0 or shown is None:
            raise SystemExit(f"{self.name}: docexam gui failed (exit {p.returncode})")
        return shown

    def read(self) -> float:
        t0 = time.perf_counter()
        p = subprocess.run([str(self.exe), "read", "--json", str(self.samples / SAMPLE)], capture_output=True,
                           text=True, env=self.env, cwd=self.work, timeout=120)
        seconds = time.perf_counter() - t0
        if p.returncode != 0 or not json.loads(p.stdout.splitlines()[0]).get("valid"):
            raise SystemExit(f"{self.name}: docexam read failed (exit {p.returncode}): {p.stderr[-500:]}")
        return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dist", default=str(ROOT / "dist" / "docexam"), help="the built folder (default dist/docexam)")
    ap.add_argument("--launches", type=int, default=5)
    ap.add_argument("--reads", type=int, default=5)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    dist = Path(args.dist).resolve()
    if not (dist / "docexam").is_file():
        raise SystemExit(f"{dist / 'docexam'} is missing: build it with `make dist`")
    source_exe = Path(sys.prefix) / "bin" / "docexam"
    if not source_exe.is_file():
        raise SystemExit(f"{source_exe} is missing: run this with the venv's Python (.venv/bin/python)")

    size = folder_bytes(dist)
    print(f"Checkpoint build benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores")
    print(f"  folder size: {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB) for {dist} (aim <= 250 MB)")

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    libdir, ldlibrary = sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("LDLIBRARY")
    libpython = Path(libdir or "/nonexistent") / (ldlibrary or "-")
    work = Path(tempfile.mkdtemp(prefix="docexam-dist-bench-"))
    try:
        installs = [
            Install("frozen", dist / "docexam", [dist], dist / "_internal" / "samples", work),
            Install("source", source_exe, [Path(sys.prefix), ROOT / "docexam", ROOT / "resources", stdlib, libpython],
                    ROOT / "samples", work),
        ]
        figures: dict = {"folder_mb": size / 1e6, "folder_mib": size / 2**20}
        for inst in installs:
            inst.launch()  # makes the sample case and renders the reference into the cache: not counted
            evicted = evict(inst.files)
            cold_launch = inst.launch()
            warm = [inst.launch() for _ in range(args.launches)]
            evict(inst.files)
            cold_read = inst.read()
            reads = [inst.read() for _ in range(args.reads)]
            figures[inst.name] = {"launch_cold_s": cold_launch, "launch_warm_s": warm, "read_cold_s": cold_read,
                                  "read_warm_s": reads, "files_evicted": evicted}
        print("  start to window with the sample case open (gui --sample), measured from outside:")
        for inst in installs:
            f = figures[inst.name]
            print(f"    {inst.name:<6} cold {f['launch_cold_s']:.2f} s, "
                  f"warm median {statistics.median(f['launch_warm_s']):.2f} s (of {args.launches})")
        print(f"  read one sample ({SAMPLE}), wall time of the process:")
        for inst in installs:
            f = figures[inst.name]
            print(f"    {inst.name:<6} cold {f['read_cold_s']:.2f} s, "
                  f"warm median {statistics.median(f['read_warm_s']):.2f} s (of {args.reads})")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
