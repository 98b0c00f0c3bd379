"""The checkpoint build's fonts reach Qt: the MRZ panel draws in OCR-B on a laptop without Debian's font packages."""

import shutil

from PySide6.QtGui import QFontDatabase

from docexam.gui import app


def test_fonts_in_the_bundle_folder_are_registered(qapp, tmp_path, monkeypatch):
    (tmp_path / "fonts").mkdir()
    shutil.copy("/usr/share/fonts/opentype/ocr-b/OCRB.otf", tmp_path / "fonts" / "OCRB.otf")
    (tmp_path / "fonts" / "broken.ttf").write_bytes(b"not a font")
    monkeypatch.setattr("docexam.paths.install_root", lambda: tmp_path)
    families = app.register_bundled_fonts()
    assert len(families) == 1 and "OCR" in families[0].upper()
    assert families[0] in QFontDatabase.families()


def test_a_source_install_has_no_bundle_fonts_to_register(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr("docexam.paths.install_root", lambda: tmp_path)
    assert app.register_bundled_fonts() == []
