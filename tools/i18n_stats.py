"""The share of docexam's marked strings translated per language (issue 23), for the notes and the README.

    python tools/i18n_stats.py [--list]

Counts every string marked for translation in docexam/ (not docexam/gui/, which Qt translates), as Babel extracts
it, against each catalogue docexam/locale/<lang>/LC_MESSAGES/docexam.po; ``--list`` names what is left.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("i18n_catalogue", Path(__file__).resolve().parent / "i18n_catalogue.py")
assert _spec is not None and _spec.loader is not None
catalogue = sys.modules.setdefault("i18n_catalogue", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(catalogue)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the share of docexam's marked strings translated per language")
    parser.add_argument("--list", action="store_true", help="name the strings missing or untranslated")
    args = parser.parse_args(argv)
    template = catalogue.extract()
    by_module: dict[str, int] = {}
    for message in template:
        if message.id:
            for filename, _line in message.locations[:1]:
                top = "/".join(Path(filename).parts[:2])
                by_module[top] = by_module.get(top, 0) + 1
    print("marked strings by where they are marked first: "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_module.items(), key=lambda kv: -kv[1])))
    print("language  translated  of  share")
    for c in catalogue.coverage(template=template):
        print(f"{c.lang:<9} {c.translated:>10}  {c.marked:>3}  {c.share:6.1%}")
        if args.list:
            for key in c.missing:
                print(f"    missing: {key}")
            for key in c.untranslated:
                print(f"    untranslated: {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
