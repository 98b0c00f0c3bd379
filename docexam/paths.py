"""Where the bundled resources and samples are: beside the package in a source checkout, or inside the
PyInstaller bundle (``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def samples_dir() -> Path:
    return install_root() / "samples"


def resources_dir() -> Path:
    return install_root() / "resources"


def font_file(system_path: str) -> str:
    """A font docexam draws with: the copy in the bundle's ``fonts/`` folder when there is one (the PyInstaller
    build carries Debian's OCR-B and DejaVu fonts, as a checkpoint laptop may have neither), else ``system_path``."""
    bundled = install_root() / "fonts" / Path(system_path).name
    return str(bundled) if bundled.is_file() else system_path


def log_dir() -> Path:
    """docexam's log folder, in the user's state folder (platformdirs: ``$XDG_STATE_HOME/docexam/log``, by default
    ``~/.local/state/docexam/log``, on Linux; ``%LOCALAPPDATA%\\docexam\\Logs`` on Windows)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("docexam", appauthor=False))


def error_log_file() -> Path:
    """The file the command line appends the traceback of an internal error to (a bug, not a finding)."""
    return log_dir() / "errors.log"
