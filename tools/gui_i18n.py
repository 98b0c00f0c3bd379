"""The workstation's Qt translation catalogues (docexam/gui/translations/docexam_<lang>.ts), issue 23.

    python tools/gui_i18n.py update     # extract the strings docexam/gui marks (pyside6-lupdate) into every .ts
    python tools/gui_i18n.py compile    # every .ts to its .qm (pyside6-lrelease; make locale, which run/test/dist run)
    python tools/gui_i18n.py stats      # the share of strings translated per language
    python tools/gui_i18n.py stats --list   # ... and the ones left

What is marked: ``self.tr()``, ``QCoreApplication.translate()`` and ``QT_TRANSLATE_NOOP()`` in docexam/gui/*.py (Qt's
own extraction). Strings no longer marked become obsolete entries (``-no-obsolete`` drops them); an entry not yet
translated is ``type="unfinished"``, which tests/gui/test_translations.py counts as missing. The rest of docexam is
translated through gettext (tools/i18n_catalogue.py).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "docexam" / "gui"
CATALOGUES = GUI / "translations"
LANGUAGES = ("az", "ru")


def ts_file(lang: str, root: Path = ROOT) -> Path:
    return root / "docexam" / "gui" / "translations" / f"docexam_{lang}.ts"


def _tool(name: str) -> str:
    """PySide6's lupdate or lrelease: the venv's pyside6-<name> beside this Python, else the binary in PySide6."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.is_file():
        return str(beside)
    import PySide6

    return str(Path(PySide6.__file__).resolve().parent / name)


def sources(root: Path = ROOT) -> list[str]:
    return [str(p.relative_to(root)) for p in sorted((root / "docexam" / "gui").glob("*.py"))]


def update(root: Path = ROOT) -> None:
    for lang in LANGUAGES:
        ts = ts_file(lang, root)
        ts.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none", "-target-language", lang,
                        *sources(root), "-ts", str(ts.relative_to(root))], cwd=root, check=True)
        # lupdate takes the code's "#:" documentation comments for notes to translators: they are not.
        text = ts.read_text(encoding="utf-8")
        ts.write_text(re.sub(r"\n *<extracomment>.*?</extracomment>", "", text, flags=re.S), encoding="utf-8")


def compile_ts(ts: Path) -> Path:
    """The .qm of the catalogue ``ts`` (a path absolute or relative to the working folder, as make names it)."""
    ts = ts.resolve()
    qm = ts.with_suffix(".qm")
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@dataclass(frozen=True)
class Share:
    lang: str
    total: int
    translated: int
    missing: tuple[tuple[str, str], ...]  # (context, source) of each unfinished entry

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def share(lang: str, root: Path = ROOT) -> Share:
    """How much of ``lang``'s catalogue is translated (every form of a plural, no entry unfinished)."""
    total, done, missing = 0, 0, []
    for context in ET.parse(ts_file(lang, root)).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            total += 1
            forms = [f.text for f in translation.iter("numerusform")] if translation is not None else []
            texts = forms or [translation.text if translation is not None else None]
            if kind != "unfinished" and all(t and t.strip() for t in texts):
                done += 1
            else:
                missing.append((name, message.findtext("source") or ""))
    return Share(lang, total, done, tuple(missing))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the workstation's Qt translation catalogues")
    parser.add_argument("command", choices=("update", "compile", "stats"))
    parser.add_argument("files", nargs="*", type=Path, help="compile: the .ts files (default: every one)")
    parser.add_argument("--list", action="store_true", help="stats: name the strings left")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "compile":
        for ts in args.files or [ts_file(lang) for lang in LANGUAGES]:
            qm = compile_ts(ts)
            print(qm.relative_to(ROOT) if qm.is_relative_to(ROOT) else qm)
    else:
        for lang in LANGUAGES:
            s = share(lang)
            print(f"workstation {lang}: {s.translated}/{s.total} strings translated ({s.percent:.1f}%)")
            if args.list:
                for context, source in s.missing:
                    print(f"  {context}: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
