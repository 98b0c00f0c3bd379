"""``docexam engines``: the version and the MRZ engines this installation found (no Qt is loaded).

The built-in ``ocrb`` recogniser needs only its model file in ``resources/``; tesseract is optional (Debian's
``tesseract-ocr`` on PATH, or wherever ``pytesseract`` is told to look). On a checkpoint laptop this says, before any
document is read, whether ``docexam read --engine auto`` will be able to fall back on tesseract.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from docexam import __version__
from docexam.cli.common import EXIT_INVALID, EXIT_OK, Subparsers, add_json_option, lazy
from docexam.i18n import _


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "engines",
        help=_("print the version and the MRZ engines found (built-in ocrb model, tesseract or not)"),
        description=_("Print docexam's version and which MRZ engines this installation can use: the built-in OCR-B "
                      "recogniser (with its model file) and tesseract (its path and version, or why it cannot be used). "
                      "Exit status: 0 when the built-in engine is usable (tesseract is optional), 1 when its model is "
                      "missing or broken."),
    )
    add_json_option(p, _("print one JSON object"))
    p.set_defaults(run=lazy("docexam.cli.engines_cmd", "run"))


def ocrb_status() -> dict:
    """The built-in engine: its model file and whether it loads."""
    from docexam.ocr import ocrb
    from docexam.paths import resources_dir

    paths = [str(resources_dir() / name) for name in ocrb.MODEL_FILES]
    try:
        model = ocrb.load_model(os.pathsep.join(paths))
        classes = model.classes
    except Exception as e:  # noqa: BLE001 - missing, truncated or not a model: said, never raised
        return {"available": False, "model": paths[0], "models": paths, "reason": str(e)}
    return {"available": True, "model": paths[0], "models": paths, "classes": classes, "reason": None}


def engines() -> dict:
    from docexam.ocr import tesseract

    return {"version": __version__, "frozen": bool(getattr(sys, "frozen", False)),
            "engines": {"ocrb": ocrb_status(), "tesseract": tesseract.status()}}


def run(args: argparse.Namespace) -> int:
    info = engines()
    ocrb, tess = info["engines"]["ocrb"], info["engines"]["tesseract"]
    if args.json:
        sys.stdout.write(json.dumps(info, ensure_ascii=False) + "\n")
    else:
        out = sys.stdout
        build = _(" (checkpoint build)") if info["frozen"] else ""
        out.write(f"docexam {info['version']}{build}\n")
        out.write(_("MRZ engines:") + "\n")
        if ocrb["available"]:
            out.write("  ocrb       " + _("built in: model {model} ({n} characters)").format(
                model=", ".join(ocrb["models"]), n=ocrb["classes"]) + "\n")
        else:
            out.write("  ocrb       " + _("NOT USABLE: {reason}").format(reason=ocrb["reason"]) + "\n")
        if tess["available"]:
            out.write("  tesseract  " + _("found: version {version} at {path}").format(
                version=tess["version"], path=tess["path"] or tess["command"]) + "\n")
        else:
            out.write("  tesseract  " + _("not found ({reason}); optional: the built-in ocrb engine reads MRZs "
                                         "without it").format(reason=tess["reason"]) + "\n")
    return EXIT_OK if ocrb["available"] else EXIT_INVALID
