"""docexam's translation catalogues (docexam/locale/<lang>/LC_MESSAGES/docexam.po), kept with Babel (issue 23).

    python tools/i18n_catalogue.py update     # extract the marked strings, merge them into every .po (new ones empty)
    python tools/i18n_catalogue.py compile    # every .po to its .mo (make locale; make run/test/dist run it)
    python tools/i18n_catalogue.py stats      # the share of strings translated per language (tools/i18n_stats.py)

What is marked: the calls :mod:`docexam.i18n` defines (``_``, ``N_``, ``gettext``, ``ngettext``) and the report's own
(``tr``, ``trn``: :mod:`docexam.report.pdf`) in every module of docexam/ except docexam/gui/, whose strings go
through Qt's translation system. Strings no longer marked stay in a .po as obsolete entries (``#~``) until removed by
hand; a translation is never guessed from a similar string (no fuzzy matching).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docexam"
DOMAIN = "docexam"
LANGUAGES = ("az", "ru")
#: The marking calls and which arguments are the message (and its plural).
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2),
                                               "tr": None, "trn": (1, 2)}
#: Which files are read: Python modules of docexam/, docexam/gui/ left to Qt.
METHOD_MAP = [("gui/**.py", "ignore"), ("**.py", "python")]


def po_file(lang: str, root: Path = ROOT) -> Path:
    return root / "docexam" / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT) -> Catalog:
    """Every marked string of docexam/ (not docexam/gui/), with where it is marked."""
    template = Catalog(domain=DOMAIN, project="docexam", charset="utf-8")
    package = root / "docexam"
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), METHOD_MAP, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
        template.add(message, None, [(f"docexam/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def read(lang: str, root: Path = ROOT) -> Catalog:
    with po_file(lang, root).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=116, sort_output=False, include_previous=False)
    path.write_bytes(buf.getvalue())


def update(root: Path = ROOT) -> None:
    template = extract(root)
    for lang in LANGUAGES:
        path = po_file(lang, root)
        catalog = read(lang, root) if path.is_file() else Catalog(locale=lang, domain=DOMAIN, project="docexam")
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        write(catalog, path)
        print(f"{path.relative_to(root)}: {len(catalog)} strings")


def compile_po(po: Path) -> Path:
    """``po`` to the ``.mo`` beside it (fuzzy entries left out, as ``msgfmt`` does)."""
    lang = po.parent.parent.name
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    mo = po.with_suffix(".mo")
    buf = io.BytesIO()
    write_mo(buf, catalog)
    mo.write_bytes(buf.getvalue())
    return mo


@dataclass(frozen=True)
class Coverage:
    """How much of what is marked one language's catalogue translates."""

    lang: str
    marked: int  # strings marked in the code
    translated: int  # of those, translated (not empty, not fuzzy)
    missing: tuple[str, ...]  # marked, with no entry in the catalogue
    untranslated: tuple[str, ...]  # with an entry, empty or fuzzy

    @property
    def share(self) -> float:
        return self.translated / self.marked if self.marked else 1.0


def _key(message: object) -> str:
    return message[0] if isinstance(message, (tuple, list)) else str(message)


def coverage(root: Path = ROOT, template: Catalog | None = None) -> list[Coverage]:
    template = template if template is not None else extract(root)
    marked = [_key(m.id) for m in template if m.id]
    out = []
    for lang in LANGUAGES:
        path = po_file(lang, root)
        catalog = read(lang, root) if path.is_file() else Catalog(locale=lang, domain=DOMAIN)
        missing, untranslated, translated = [], [], 0
        for key in marked:
            entry = catalog.get(key)
            if entry is None:
                missing.append(key)
            elif entry.fuzzy or not (all(entry.string) if isinstance(entry.string, (tuple, list)) else entry.string):
                untranslated.append(key)
            else:
                translated += 1
        out.append(Coverage(lang, len(marked), translated, tuple(missing), tuple(untranslated)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("update", "compile", "stats"))
    parser.add_argument("files", nargs="*", type=Path, help="compile: the .po files (default: every language's)")
    args = parser.parse_args(argv)
    if args.action == "update":
        update()
    elif args.action == "compile":
        for po in args.files or [po_file(lang) for lang in LANGUAGES]:  # make names them relative to the root
            mo = compile_po(po.resolve())
            print(f"docexam: compiled {mo.relative_to(ROOT) if mo.is_relative_to(ROOT) else mo}")
    else:
        for c in coverage():
            print(f"{c.lang}: {c.translated} of {c.marked} strings translated ({c.share:.1%}); "
                  f"{len(c.missing)} missing, {len(c.untranslated)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
