"""The PyInstaller build (``dist/docexam``), copied outside the source tree and run with an empty environment: the
checks of ``tools/dist_smoke.py``, one test each. Collected only when ``DOCEXAM_DIST`` names the built folder."""

import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("dist_smoke", ROOT / "tools" / "dist_smoke.py")
smoke = sys.modules["dist_smoke"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up
_spec.loader.exec_module(smoke)

DIST = Path(os.environ.get("DOCEXAM_DIST", ROOT / "dist" / "docexam")).resolve()


@pytest.fixture(scope="module")
def app():
    fresh, why = smoke.is_fresh(DIST)
    if not fresh:
        pytest.fail(f"DOCEXAM_DIST={DIST}: {why}", pytrace=False)
    work = Path(tempfile.mkdtemp(prefix="docexam-dist-test-"))
    try:
        yield smoke.copy_app(DIST, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_copy_lies_outside_the_source_tree(app):
    assert ROOT not in app.folder.resolve().parents
    assert (app.folder / "_internal" / "resources" / "ocrb_mlp.npz").is_file()
    assert (app.folder / "_internal" / "resources" / "ocrb_printsim.npz").is_file()
    assert (app.folder / "_internal" / "docexam" / "store" / "migrations" / "versions" / "0001_initial.py").is_file()


def test_version_and_engines(app):
    smoke.check_version(app)


def test_read_a_sample(app):
    smoke.check_read(app)


def test_compare_a_sample_pair(app):
    smoke.check_compare(app)


def test_gui_offscreen_opens_the_sample_case(app):
    smoke.check_gui(app)


def test_case_export_and_import_into_a_second_database(app):
    smoke.check_cases(app)


def test_help_and_a_report_in_azerbaijani_and_russian(app):
    smoke.check_languages(app)


def test_a_signed_report_verifies_and_is_refused_once_changed(app):
    smoke.check_signed_report(app)


def test_references_and_reports_without_the_system_fonts(app):
    if not smoke.can_hide_system_fonts():
        pytest.skip("hiding /usr/share/fonts needs `unshare -m` (root on Linux)")
    smoke.check_without_system_fonts(app)


def test_replacing_the_folder_keeps_the_cases(app):
    smoke.check_update(app, DIST)


def test_what_is_left_out(app):
    internal = app.folder / "_internal"
    for gone in ("tkinter", "scipy", "skimage", "sklearn", "matplotlib", "pytest", "hypothesis", "passporteye",
                 "PyInstaller", "psycopg_binary"):
        assert not (internal / gone).exists(), f"{gone} should not be shipped"
    plugins = {p.relative_to(internal / "PySide6" / "Qt" / "plugins").as_posix()
               for p in (internal / "PySide6" / "Qt" / "plugins").rglob("*.so")}
    assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/libqminimal.so"} <= plugins
    assert not [p for p in plugins if p.startswith(("imageformats/", "wayland", "platformthemes/", "egldevice"))]
    assert not list(internal.glob("PySide6/Qt/translations/*")) and not (internal / "pycountry" / "locales").exists()
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling, f"links to libraries left out: {dangling}"


def test_the_benchmark_runs_on_the_built_folder(tmp_path):
    import json
    import subprocess

    out = tmp_path / "figures.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "dist_bench.py"), "--dist", str(DIST), "--launches", "1",
                        "--reads", "1", "--json", str(out)], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "start to window" in r.stdout and "read one sample" in r.stdout
    fig = json.loads(out.read_text())
    assert 50 < fig["folder_mb"] < 1000
    for name in ("frozen", "source"):
        assert fig[name]["files_evicted"] > 100
        assert 0 < fig[name]["launch_cold_s"] < 60 and 0 < fig[name]["read_warm_s"][0] < 60
