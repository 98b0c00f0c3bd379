"""The package's and the checkpoint build's fonts reach Qt: the MRZ panel draws in OCR-B on a laptop without Debian's
font packages."""

import shutil

from PySide6.QtGui import QFontDatabase

from docexam.gui import app
from tests.conftest import ROOT


def test_fonts_in_a_folder_are_registered(qapp, tmp_path):
    (tmp_path / "fonts").mkdir()
    shutil.copy(ROOT / "docexam" / "fonts" / "OCRB.otf", tmp_path / "fonts" / "OCRB.otf")
    (tmp_path / "fonts" / "broken.ttf").write_bytes(b"not a font")
    families = app.register_fonts(tmp_path / "fonts")
    assert len(families) == 1 and "OCR" in families[0].upper()
    assert families[0] in QFontDatabase.families()
    assert app.register_fonts(tmp_path / "no-such-folder") == []


def test_the_packages_fonts_and_the_bundles_are_registered(qapp, tmp_path, monkeypatch):
    """OCR-B for the MRZ panel comes with the package, so a pip install without fonts-ocr-b has it too."""
    monkeypatch.setattr("docexam.paths.install_root", lambda: tmp_path)
    families = app.register_bundled_fonts()
    assert {"OCR B", "DejaVu Sans", "DejaVu Sans Mono"} <= set(families)
    (tmp_path / "fonts").mkdir()
    shutil.copy(ROOT / "docexam" / "fonts" / "DejaVuSerif.ttf", tmp_path / "fonts" / "Extra.ttf")
    assert app.register_bundled_fonts() == families + ["DejaVu Serif"]
