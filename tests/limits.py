"""Helpers for the tests of docexam's input limits: hostile files made cheaply, and code run in a child process
whose address space is capped, so that a regression that blows memory fails its test instead of the machine."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: A child Python with numpy, Pillow and docexam imported maps about 110 MB; the limits the tests give are a few
#: hundred megabytes above what the fixed code needs, and far below what the unfixed code took (3 GB and more).
GIB = 1 << 30


def deflated_zeros(n: int) -> bytes:
    """``n`` zero bytes, deflated (zlib stream, as TIFF's Adobe deflate wants), made without holding ``n`` bytes."""
    c = zlib.compressobj(1)
    block = bytes(1 << 20)
    parts = []
    for _ in range(n >> 20):
        parts.append(c.compress(block))
    parts.append(c.compress(bytes(n & ((1 << 20) - 1))))
    parts.append(c.flush())
    return b"".join(parts)


def tiff(path: Path, *, width: int, height: int, pages: int = 1, bits: int = 8, sample_format: int = 1) -> Path:
    """A little-endian TIFF of ``pages`` grey pages of ``width`` x ``height`` zeros, every page pointing at the same
    deflated strip: a multi-page file of any size claimed in a few hundred kilobytes, written in a blink.
    ``sample_format`` 1 is unsigned integers, 3 IEEE floats (with ``bits=32``)."""
    strip = deflated_zeros(width * height * bits // 8)
    strip_at = 8
    ifd_at = strip_at + len(strip) + (len(strip) & 1)
    entries = [  # (tag, type, value): types 3 SHORT, 4 LONG
        (256, 4, width), (257, 4, height), (258, 3, bits), (259, 3, 8), (262, 3, 1), (273, 4, strip_at),
        (277, 3, 1), (278, 4, height), (279, 4, len(strip)), (284, 3, 1), (339, 3, sample_format),
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_at) + strip + b"\x00" * (len(strip) & 1))
    for i in range(pages):
        here = ifd_at + i * ifd_size
        nxt = here + ifd_size if i + 1 < pages else 0
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value))
        out += struct.pack("<I", nxt)
    path.write_bytes(bytes(out))
    return path


def run_limited(code: str, *, limit: int, timeout: float = 120) -> dict:
    """Run ``code`` in a child Python with docexam importable and its address space capped at ``limit`` bytes;
    the code prints one JSON line last. Returns that, with ``"maxrss_kb"`` (the child's peak resident memory) and
    ``"returncode"``; a child that died (MemoryError, a signal) returns ``{"died": stderr tail, ...}``."""
    prelude = textwrap.dedent(
        f"""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, env=env,
        cwd=ROOT,
    )
    lines = proc.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        result = {}
    if not isinstance(result, dict) or proc.returncode != 0:
        result = {"died": proc.stderr[-2000:]}
    result["returncode"] = proc.returncode
    return result


#: Appended to a limited child's code: its peak resident memory, in kilobytes. Linux's VmHWM, not ru_maxrss,
#: which a child started by fork keeps from its parent (a test process grown large would count as the child's).
REPORT_RSS = "int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])"
