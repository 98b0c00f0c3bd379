"""Where the bundled resources and samples are: beside the package in a source checkout, or inside the
PyInstaller bundle (``sys._MEIPASS``); and the fonts docexam draws with, which ship in the package (``docexam/fonts/``)."""

from __future__ import annotations

import sys
from pathlib import Path

from docexam.errors import FontMissingError


def install_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def samples_dir() -> Path:
    return install_root() / "samples"


def resources_dir() -> Path:
    return install_root() / "resources"


def fonts_dir() -> Path:
    """The fonts docexam ships as package data (``docexam/fonts/``, with their licences and a README saying where each
    comes from): beside this module in a source checkout, a wheel's install and the PyInstaller bundle alike."""
    return Path(__file__).resolve().parent / "fonts"


def font_file(system_path: str, *, required: bool = True) -> str:
    """The file of a font docexam draws with, named by where Debian installs it (``system_path``).

    Looked for, by its file name, in the package's own fonts (:func:`fonts_dir`), then in the PyInstaller bundle's
    ``fonts/`` folder (the optional CJK font the checkpoint build carries), then at ``system_path``. The package's copy
    comes first even where the system has the font, so what is drawn does not depend on the machine.

    Raises
    ------
    docexam.errors.FontMissingError
        None of the three has it and ``required`` is true. An optional font (``required=False``: the report's
        fallback for Chinese, Japanese and Korean) gives ``system_path`` back instead, and its caller copes.
    """
    name = Path(system_path).name
    for folder in (fonts_dir(), install_root() / "fonts"):
        candidate = folder / name
        if candidate.is_file():
            return str(candidate)
    if required and not Path(system_path).is_file():
        raise FontMissingError(name, system_path, str(fonts_dir()))
    return system_path


def log_dir() -> Path:
    """docexam's log folder, in the user's state folder (platformdirs: ``$XDG_STATE_HOME/docexam/log``, by default
    ``~/.local/state/docexam/log``, on Linux; ``%LOCALAPPDATA%\\docexam\\Logs`` on Windows)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("docexam", appauthor=False))


def error_log_file() -> Path:
    """The file the command line appends the traceback of an internal error to (a bug, not a finding)."""
    return log_dir() / "errors.log"
