"""``docexam read``: read and validate the MRZ of scans and photos, one result per image (page)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docexam.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, add_json_option, add_today_option, lazy
from docexam.cli.terminal import TerminalText, json_line, printable
from docexam.i18n import _


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "read",
        help=_("read the MRZ of scans and photos (JPEG, PNG, TIFF, BMP, WebP; folders are expanded)"),
        description=_("Locate, read and validate the MRZ of each image (each page of a multi-page TIFF). An unreadable "
                      "file gets an error and the batch goes on. Exit status: 0 when every image gave a valid MRZ, 1 "
                      "when any did not (or could not be read), 2 for usage errors."),
    )
    p.add_argument("images", nargs="+", metavar="IMAGE", help=_("image files or folders"))
    add_json_option(p, _("one JSON object per image per line (JSON Lines)"))
    p.add_argument("--engine", choices=("auto", "ocrb", "tesseract"), default="auto",
                   help=_("ocrb: built in, no tesseract needed; tesseract: Debian's tesseract-ocr; auto (default): "
                          "ocrb, then tesseract when the reading does not validate and tesseract is installed"))
    p.add_argument("--time-limit", metavar="MS", type=float, default=None,
                   help=_("milliseconds of reading per image (default 380, or DOCEXAM_READ_TIME_LIMIT when set; "
                          "decoding included; 0: no limit, every "
                          "reading tried, tesseract included with --engine auto). A reading stopped by the limit says "
                          "what was left untried"))
    p.add_argument("--debug-dir", metavar="DIR", help=_("write every pipeline step's image here, one folder per image"))
    p.add_argument("--ir", metavar="FILE",
                   help=_("the document's infrared capture, of the same framing as the images: print it does not "
                          "show (a stamp, a signature) is lifted out of the MRZ before reading; an image of another "
                          "size is read without it"))
    add_today_option(p)
    p.add_argument("--case", metavar="ID", help=_("store each image and its reading in this case (as an MRZ finding)"))
    p.add_argument("--light", default="visible", help=_("with --case: the light the images were taken in (default visible)"))
    add_db_option(p)
    p.set_defaults(run=lazy("docexam.cli.read_cmd", "run"))


def run(args: argparse.Namespace) -> int:
    today = args.today
    from docexam.errors import DocexamError
    from docexam.imageio import iter_image_files
    from docexam.mrz.explain import explain
    from docexam.mrz.issues import IssueCode
    from docexam.read.names import NAME_CHECK_BELOW, unsure_names
    from docexam.read.reader import IR_OTHER_FRAMING, read_file

    debug = Path(args.debug_dir) if args.debug_dir else None
    from docexam.read.budget import default_limit_ms

    if args.time_limit is not None and not args.time_limit >= 0:
        print(printable("docexam read: " + _("--time-limit must be a number of milliseconds >= 0, got {value}").format(
            value=args.time_limit)),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        limit_ms = default_limit_ms() if args.time_limit is None else (args.time_limit or None)
    except ValueError as e:
        print(printable(f"docexam read: {e}"), file=sys.stderr)
        return EXIT_USAGE
    from docexam.cli.case_cmd import open_case

    ir = None
    if args.ir:
        from docexam.imageio import load_images

        try:
            ir = load_images(args.ir, pages=1)[0].image
        except (DocexamError, OSError) as e:
            print(printable("docexam read: " + _("--ir {path}: {error}").format(path=args.ir, error=e)),
                  file=sys.stderr)
            return EXIT_USAGE
    store = open_case(args, "read")  # a wrong case is a usage error, before any work
    status = EXIT_OK
    out = sys.stdout if args.json else TerminalText(sys.stdout)  # file names, OCR text: escaped
    first = True
    any_file = False
    for path in iter_image_files(args.images):
        any_file = True
        try:
            pages = read_file(path, engine=args.engine, debug_dir=debug, today=today, limit_ms=limit_ms, ir=ir)
        except (DocexamError, OSError) as e:
            status = EXIT_INVALID
            if args.json:
                # JSON stays language-neutral: an image's error in English, as ImageReadError keeps it
                out.write(json_line({"path": str(path), "error": getattr(e, "english", str(e))}) + "\n")
            else:
                out.write(("" if first else "\n") + f"{path}\n  " + _("error: {error}").format(error=e) + "\n")
            first = False
            continue
        for page, result in pages:
            if IR_OTHER_FRAMING in result.notes:
                print(printable(f"docexam read: {path}: " + _("not the size of the infrared capture {ir}: read "
                                                              "without it").format(ir=args.ir)), file=sys.stderr)
            if not result.valid:
                status = EXIT_INVALID
            if store is not None:
                try:
                    store.record_reading(args.case, path, {"path": str(path), "page": page, **result.to_dict()}, light=args.light)
                except DocexamError as e:
                    print(printable(f"docexam read: {path}: " + _("not stored in case {case}: {error}").format(
                        case=args.case, error=e)), file=sys.stderr)
                    status = EXIT_INVALID
            if args.json:
                obj = {"path": str(path), **({"page": page} if len(pages) > 1 else {}), **result.to_dict()}
                out.write(json_line(obj) + "\n")
                continue
            where = f"{path}" + (" " + _("(page {page})").format(page=page + 1) if len(pages) > 1 else "")
            out.write(("" if first else "\n") + where + "\n")
            first = False
            if not result.found or result.correction is None:
                out.write("  " + _("no MRZ found ({why}), {ms} ms").format(
                    why="; ".join(_(n) for n in result.notes) or _("no text lines of an MRZ"), ms=f"{result.elapsed_ms:.0f}") + "\n")
                continue
            c = result.correction
            out.write("  " + _("read with {engine} in {ms} ms, confidence {confidence}").format(
                engine=result.engine, ms=f"{result.elapsed_ms:.0f}", confidence=f"{c.confidence:.2f}") + "\n")
            if result.small_print:
                # The recogniser was sure, but of print found only on an enlarged copy of the image, where it can be
                # sure of a wrong letter of a name (docexam.read.reader.ReadResult.valid).
                out.write("  " + _("UNCONFIRMED: the check digits hold, but the MRZ's print is so small in this image "
                                   "that it was read from an enlarged copy; check every character against the "
                                   "document, or capture it at a higher resolution.") + "\n")
            elif (doubt := result.unconfirmed_issue) is not None and doubt.code == IssueCode.CHECK_BLIND:
                # A character the check digits cannot tell from a rival the recogniser also saw (3 and X: the same
                # value modulo 10, Doc 9303 Part 3, 4.9): the checks confirm neither.
                p = doubt.params or {}
                out.write("  " + _("UNCONFIRMED: the check digits hold, but at line {line} position {position} they "
                                   "cannot tell {chosen} from {rival}, and the recogniser was not sure which it is; "
                                   "check that character against the document.").format(
                    line=p["line"], position=p["position"], chosen=repr(p["chosen"]), rival=repr(p["rival"])) + "\n")
            elif c.result.valid and not result.valid:
                # Said before the verdict, which would otherwise read VALID: check digits alone can be satisfied by
                # a wrong reading the correction searched its way to.
                out.write("  " + _("UNCONFIRMED: the check digits hold, but the recogniser was unsure of this reading; "
                                   "check every character against the document.") + "\n")
            elif result.valid and not result.confirmed:
                # A name has no check digit (Doc 9303 Part 3, 4.9): with a letter of it to check by eye, the reading is
                # valid but not confirmed (JSON status name_unconfirmed).
                out.write("  " + _("NAME NOT CONFIRMED: the check digits hold, but a letter of the name is to be checked "
                                   "by eye (below); the reading is confirmed once the name is.") + "\n")
            out.write("  " + explain(c.result).replace("\n", "\n  ") + "\n")
            for ch in c.changes:
                out.write("  " + _("corrected line {line} position {position}: read {read}, checks say {corrected}").format(
                    line=ch.line + 1, position=ch.column + 1, read=repr(ch.read), corrected=repr(ch.corrected)) + "\n")
            for name in unsure_names(result.names):
                # No check digit covers a name (Doc 9303 Part 3, 4.9): the recogniser's confidence, and whether a
                # stamp lay across the letter, are the only evidence; such a letter is shown for the examiner to
                # check, never corrected.
                over = set(name.overprinted)
                letters = ", ".join(_("{char} at line {line} position {position} ({percent})").format(
                    char=repr(name.text[i]), line=name.line + 1, position=name.column + i + 1,
                    percent=f"{name.confidence[i]:.0%}" + (", " + _("under coloured print") if i in over else ""))
                    for i in name.unsure)
                out.write("  " + _("CHECK THE NAME BY EYE: {marked}: the letters in brackets were read with less than "
                                   "{threshold} confidence or through coloured print: {letters}").format(
                    marked=name.marked(), threshold=f"{NAME_CHECK_BELOW:.0%}", letters=letters) + "\n")
            if result.second_engine is not None:
                out.write(f"  {result.second_engine.message}\n")
            if result.skipped and not result.valid:
                out.write("  " + _("not tried within the time limit (--time-limit): {skipped}").format(
                    skipped="; ".join(result.skipped)) + "\n")
    if not any_file:
        print("docexam read: " + _("no images given"), file=sys.stderr)
        return EXIT_USAGE
    return status
