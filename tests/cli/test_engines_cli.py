"""``docexam engines``: the version and the MRZ engines found, said without loading Qt."""

import argparse
import json
import shutil
import subprocess
import sys

import pytest

from docexam import __version__
from docexam.cli import engines_cmd
from docexam.ocr import tesseract
from tests.conftest import ROOT


def run_engines(capsys, *, as_json: bool) -> tuple[int, str]:
    code = engines_cmd.run(argparse.Namespace(json=as_json))
    return code, capsys.readouterr().out


@pytest.fixture
def fresh_tesseract_probe():
    tesseract.clear_cache()
    yield
    tesseract.clear_cache()


def test_engines_names_the_builtin_model_and_the_tesseract_found(capsys, fresh_tesseract_probe):
    code, out = run_engines(capsys, as_json=True)
    info = json.loads(out)
    assert code == 0
    assert info["version"] == __version__ and info["frozen"] is False
    ocrb = info["engines"]["ocrb"]
    assert ocrb["available"] and ocrb["model"] == str(ROOT / "resources" / "ocrb_mlp.npz") and ocrb["classes"] == 37
    assert ocrb["models"] == [str(ROOT / "resources" / "ocrb_mlp.npz"), str(ROOT / "resources" / "ocrb_printsim.npz")]
    tess = info["engines"]["tesseract"]
    if shutil.which("tesseract"):
        assert tess["available"] and tess["path"] == shutil.which("tesseract") and tess["version"].count(".") >= 1
    else:
        assert not tess["available"] and tess["reason"]


def test_engines_says_tesseract_is_missing_and_still_succeeds(capsys, monkeypatch, tmp_path, fresh_tesseract_probe):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    code, out = run_engines(capsys, as_json=False)
    assert code == 0, "tesseract is optional: the built-in engine is enough"
    assert out.splitlines()[0] == f"docexam {__version__}"
    assert "ocrb       built in: model " in out
    assert "tesseract  not found (cannot run" in out and "the built-in ocrb engine reads MRZs without it" in out


def test_engines_fails_when_the_builtin_model_is_missing(capsys, monkeypatch, tmp_path):
    import docexam.paths

    monkeypatch.setattr(docexam.paths, "resources_dir", lambda: tmp_path)
    code, out = run_engines(capsys, as_json=False)
    assert code == 1
    assert f"ocrb       NOT USABLE: the OCR-B model {tmp_path / 'ocrb_mlp.npz'} is missing" in out


def test_engines_command_loads_no_qt():
    code = ("import sys; from docexam.cli import main; rc = main(['engines']);"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'; sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "MRZ engines:" in r.stdout
