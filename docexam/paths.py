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
