"""docexam.paths: resources, samples and fonts from a source checkout and from the PyInstaller bundle."""

import sys

from docexam import paths
from tests.conftest import ROOT

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def test_source_checkout_uses_the_repository_and_the_packages_fonts(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.install_root() == ROOT
    assert paths.resources_dir() == ROOT / "resources" and paths.samples_dir() == ROOT / "samples"
    assert paths.fonts_dir() == ROOT / "docexam" / "fonts"
    assert paths.font_file(OCRB) == str(ROOT / "docexam" / "fonts" / "OCRB.otf")


def test_bundle_uses_its_own_folders_and_the_fonts_it_carries(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources" and paths.samples_dir() == tmp_path / "samples"
    assert paths.font_file(WQY, required=False) == WQY, "without a bundled copy, the system's font"
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "wqy-microhei.ttc").write_bytes(b"font")
    (tmp_path / "fonts" / "OCRB.otf").write_bytes(b"font")
    assert paths.font_file(WQY) == str(tmp_path / "fonts" / "wqy-microhei.ttc")
    assert paths.font_file(OCRB) == str(paths.fonts_dir() / "OCRB.otf"), "the package's own copy comes first"


def test_the_error_log_is_in_the_users_state_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert paths.error_log_file() == tmp_path / "docexam" / "log" / "errors.log"
