"""Case store benchmark: how long a second writer waits while a large scan is attached.

``Store.attach`` (and ``read --case``, ``compare --case``) decode and hash an image before the transaction that
writes it takes the database's write lock. This bench attaches a large synthetic scan (a JPEG of 81 million pixels,
under the 100 million ``docexam.imageio.MAX_PIXELS`` allows) in one thread and, as soon as its decoding starts,
opens a case from a second store in another thread, timing:

* the attach: the decode and hash (done without the lock) and the whole call;
* the second writer's ``create_case``, which would have waited for the whole decode (and past the 15 s busy
  timeout, failed with "database is locked") when the lock was taken first. Aim: under 1 s.

Each figure is the median of ``--repeat`` runs, on SQLite (WAL) in a temporary folder.

    .venv/bin/python bench/store_lock_bench.py [--side 9000] [--repeat 3] [--quick] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

import docexam.imageio  # noqa: E402
from docexam.store import Store  # noqa: E402


def large_scan(path: Path, side: int) -> Path:
    """A ``side`` x ``side`` RGB JPEG: smooth gradients with some noise, like a scan (a few MB on disk)."""
    rng = np.random.default_rng(7)
    x = np.linspace(0, 127, side).astype(np.uint16)
    y = (x + rng.integers(0, 16, side).astype(np.uint16)) // 2
    img = np.empty((side, side, 3), np.uint8)
    for c in range(3):
        img[..., c] = np.add.outer(y, x // (c + 1)).astype(np.uint8)  # at most 63 + 127
    Image.fromarray(img).save(path, quality=90)
    return path


def one_run(folder: Path, scan: Path, i: int) -> dict:
    url = f"sqlite:///{folder}/run{i}.sqlite"
    with Store.open(url, actor="examiner") as first, Store.open(url, actor="colleague") as second:
        case = first.create_case("the large scan")
        second.create_case("warm-up")  # both stores have a connection open already
        decoding = threading.Event()
        decoded: list[float] = []
        real = docexam.imageio.load_images

        def load(path, *args, **kwargs):
            decoding.set()
            t = time.perf_counter()
            try:
                return real(path, *args, **kwargs)
            finally:
                decoded.append(time.perf_counter() - t)

        docexam.imageio.load_images = load
        wait: list[float] = []
        errors: list[BaseException] = []

        def colleague() -> None:
            decoding.wait()
            time.sleep(0.05)  # well inside the decode
            t = time.perf_counter()
            try:
                second.create_case("opened while the scan decodes")
            except BaseException as e:  # noqa: BLE001 - raised again in the main thread below
                errors.append(e)
            wait.append(time.perf_counter() - t)

        other = threading.Thread(target=colleague)
        other.start()
        t = time.perf_counter()
        try:
            first.attach(case.id, scan, light="visible")
        finally:
            docexam.imageio.load_images = real
        attach_s = time.perf_counter() - t
        other.join()
        if errors:
            raise errors[0]
        return {"decode_s": decoded[0], "attach_s": attach_s, "second_writer_wait_s": wait[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--side", type=int, default=9000, help="the scan's width and height in pixels (default 9000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a 3000 x 3000 scan, one run (the smoke test's setting)")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    side, repeat = (3000, 1) if args.quick else (args.side, args.repeat)
    print(f"Case store lock benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="docexam-lock-bench-") as tmp:
        folder = Path(tmp)
        scan = large_scan(folder / "scan.jpg", side)
        runs = [one_run(folder, scan, i) for i in range(repeat)]
        size = scan.stat().st_size
    fig = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    fig |= {"side": side, "megapixels": side * side / 1e6, "file_bytes": size, "runs": repeat}
    print(f"\nA {side} x {side} JPEG ({fig['megapixels']:.0f} Mpx, {size / 1e6:.1f} MB) attached while a second store "
          f"opens a case (median of {repeat}):")
    print(f"  decoding (before the transaction)        {fig['decode_s']:>7.2f} s")
    print(f"  the whole attach                         {fig['attach_s']:>7.2f} s")
    print(f"  the second writer's wait (create_case)   {fig['second_writer_wait_s']:>7.3f} s   aim: under 1 s")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
