"""Screenshots of the main window in each comparison mode, for ``docs/`` and the README.

The bundled sample case (a UTO passport with a substituted photograph) is opened in a throw-away store, its MRZ
read, compared with the TD3 reference specimen, and the window is captured once per comparison mode, plus once
with the top finding selected (zoomed to it). ``make screenshots`` runs this under Xvfb (a real X server, the same
platform plugin as a desktop); it also runs headless with ``QT_QPA_PLATFORM=offscreen``, as the test suite does.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py --out docs
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1600, 1000)


def take(out: Path, *, size: tuple[int, int] = SIZE, light: str = "visible") -> list[Path]:
    """Write ``screenshot-<mode>.png`` for every comparison mode and ``screenshot-finding.png`` into ``out``;
    return the paths. Raises RuntimeError when the sample case cannot be read or compared."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from docexam.gui.main_window import MainWindow
    from docexam.store import Store
    from docexam.workbench import CompareMode, Workbench
    from docexam.workbench.samples import ensure_sample_case

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp:
        for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            os.environ.setdefault(var, str(Path(tmp) / var.lower()))
        store = Store.open(Path(tmp) / "cases.db")
        window = MainWindow(Workbench(store), settings=QSettings(str(Path(tmp) / "gui.ini"), QSettings.Format.IniFormat))
        errors: list[str] = []
        window.error_shown.connect(lambda title, text: errors.append(f"{title}: {text}"))
        try:
            window.resize(*size)
            window.show()
            window.open_case(ensure_sample_case(store).id)

            def settle(deadline_s: float = 300.0) -> None:
                end = time.monotonic() + deadline_s
                while window.runner.busy or window.workbench.reference is None and not errors:
                    if time.monotonic() > end:
                        raise RuntimeError("the sample case did not finish loading in time")
                    app.processEvents()
                    time.sleep(0.01)
                for _ in range(5):
                    app.processEvents()
                if errors:
                    raise RuntimeError("; ".join(errors))

            settle()
            window.compare_with_reference()
            settle()
            bench = window.workbench
            if bench.comparison is None:
                raise RuntimeError("the comparison gave no result")
            bench.set_light(light)
            window.docks["findings"].raise_()
            paths = []
            for mode in CompareMode:
                bench.compare.set_mode(mode)
                if mode is CompareMode.FLICKER:
                    window.compare_view.flicker_timer.stop()  # a still: the questioned phase
                window._fit()
                settle()
                paths.append(_save(window, out / f"screenshot-{mode.value}.png"))
            bench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
            top = max(range(len(bench.findings)), key=lambda i: bench.findings[i].score)
            bench.select_finding(top)
            settle()
            paths.append(_save(window, out / "screenshot-finding.png"))
            return paths
        finally:
            window.close()
            window.runner.wait(20_000)
            store.close()


def _save(window, path: Path) -> Path:
    image = window.grab().toImage()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--light", default="visible", choices=("visible", "uv", "ir"))
    args = ap.parse_args()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        print("screenshots: no display; run under xvfb-run (make screenshots) or with QT_QPA_PLATFORM=offscreen",
              file=sys.stderr)
        return 2
    for p in take(args.out, light=args.light):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
