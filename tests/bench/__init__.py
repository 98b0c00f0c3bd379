"""Tests of the benchmarks' own code (simulators, rates, the reference benchmark)."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT


def checks_imported_by(code: str) -> list[str]:
    """The modules of ``docexam.compare`` and ``docexam.references`` that running ``code`` (Python, in a fresh
    interpreter at the repository's root) imports: a simulator used for measuring must import none of them."""
    probe = code + ";import sys as _s; print(sorted(m for m in _s.modules if m.startswith(('docexam.compare', 'docexam.references'))))"
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return ast.literal_eval(r.stdout.strip().splitlines()[-1])
