"""The worst bundles of issue 16 imported in a child whose address space is capped: an image no capture uses that
expands to 150 MB from a few hundred kilobytes, and a 250 MiB manifest. Both are refused within the cap (before the
fix the first was read whole and stored, the second parsed whole at 557 MB)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from docexam.store import Store
from docexam.store.bundle import export_cases
from tests.limits import GIB, REPORT_RSS, run_limited
from tests.store.conftest import make_png

MB = 1 << 20


@pytest.fixture
def genuine_bundle(tmp_path) -> Path:
    with Store.open(tmp_path / "src.sqlite", actor="tester") as s:
        case = s.create_case("memory")
        s.attach(case.id, make_png(tmp_path / "a.png", 1), light="visible")
        return export_cases(s, [case.id], tmp_path / "genuine.dxb").path


def grown(src: Path, out: Path, *, blob_zeros: int = 0, manifest_padding: int = 0) -> Path:
    """``src`` written again with an image of ``blob_zeros`` zero bytes listed in its manifest (no capture uses
    it) and its manifest padded with ``manifest_padding`` spaces, streamed a megabyte at a time."""
    import hashlib

    with zipfile.ZipFile(src) as z:
        items = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(items.pop("manifest.json"))
    if blob_zeros:
        h = hashlib.sha256()
        for _ in range(blob_zeros // MB):
            h.update(bytes(MB))
        manifest["blobs"][h.hexdigest()] = blob_zeros
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)
        if blob_zeros:
            with z.open(f"blobs/{h.hexdigest()}", "w", force_zip64=True) as f:
                for _ in range(blob_zeros // MB):
                    f.write(bytes(MB))
        with z.open("manifest.json", "w", force_zip64=True) as f:
            f.write(json.dumps(manifest).encode())
            for _ in range(manifest_padding // MB):
                f.write(b" " * MB)
    return out


IMPORT = """
from docexam.store import Store
from docexam.store.bundle import BundleError, import_bundle
with Store.open({db!r}) as s:
    try:
        import_bundle(s, {path!r})
        outcome = "imported"
    except BundleError as e:
        outcome = str(e)
    blobs = s.verify().blobs
print(json.dumps({{"outcome": outcome, "blobs": blobs, "rss_kb": {rss}}}))
"""


@pytest.mark.parametrize("kind, grow, why", [
    ("unused image of 150 MB", {"blob_zeros": 150 * MB}, "no capture in it uses it"),
    ("manifest of 250 MiB", {"manifest_padding": 250 * MB}, "manifest.json expands past the size allowed"),
])
def test_the_worst_bundles_are_refused_within_a_memory_cap(genuine_bundle, tmp_path, kind, grow, why):
    bad = grown(genuine_bundle, tmp_path / "bad.dxb", **grow)
    assert bad.stat().st_size < 2 * MB  # a small file...
    r = run_limited(IMPORT.format(db=str(tmp_path / "dst.sqlite"), path=str(bad), rss=REPORT_RSS), limit=GIB)
    assert "died" not in r, r.get("died")
    assert why in r["outcome"] and r["blobs"] == 0  # ...refused, and nothing stored
    assert r["rss_kb"] < 400 * 1024, r  # the 250 MiB manifest alone would be more
