"""The core stays Qt-free (only docexam/gui may import PySide6), and the command line stays light."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "docexam"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pytestqt")


def qt_imports_outside_gui(package: Path) -> list[str]:
    """Every ``import PySide6...`` / ``from PySide6...`` in a module outside ``<package>/gui``."""
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] == "gui":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module",
                "__import__",
            ):
                names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for name in names:
                if name.split(".")[0] in QT_MODULES:
                    found.append(f"{rel}:{node.lineno} imports {name}")
    return found


def test_no_qt_import_outside_gui():
    assert qt_imports_outside_gui(PACKAGE) == []


def test_the_qt_import_check_catches_violations(tmp_path):
    pkg = tmp_path / "docexam"
    (pkg / "gui").mkdir(parents=True)
    (pkg / "gui" / "window.py").write_text("from PySide6 import QtWidgets\n")
    (pkg / "core.py").write_text("import os\nfrom PySide6.QtCore import QObject\n")
    (pkg / "lazy.py").write_text("import importlib\nqt = importlib.import_module('PySide6.QtGui')\n")
    assert qt_imports_outside_gui(pkg) == ["core.py:2 imports PySide6.QtCore", "lazy.py:2 imports PySide6.QtGui"]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return set(out.split())


HEAVY = {"PySide6", "cv2", "numpy", "sqlalchemy", "PIL", "pytesseract", "passporteye", "pycountry", "pyhanko",
         "pyhanko_certvalidator", "asn1crypto"}


def test_cli_startup_imports_nothing_heavy():
    loaded = _modules_after("from docexam.cli import build_parser; build_parser().format_help()")
    assert not {m.split(".")[0] for m in loaded} & HEAVY


def test_mrz_engine_imports_no_gui_or_image_stack():
    loaded = _modules_after("import docexam.mrz, docexam.mrz.correct, docexam.cli.mrz_cmd")
    assert not {m.split(".")[0] for m in loaded} & (HEAVY - {"pycountry"})
