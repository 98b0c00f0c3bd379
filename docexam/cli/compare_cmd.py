"""``docexam compare``: compare a questioned document with its reference specimen in every light."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from docexam.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, add_json_option, add_today_option, lazy
from docexam.cli.terminal import TerminalText, json_line, printable


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "compare",
        help="compare a questioned document with its reference specimen in visible, UV and IR light",
        description="Register each light of the questioned document to the reference specimen, compare them, and "
        "list where they differ: the fixed design, UV paper and features, IR dropout, portrait, VIZ fields, MRZ check "
        "digits and MRZ against VIZ. Each folder holds visible.*, uv.* and/or ir.* images; a reference folder may "
        "hold specimen.json naming its regions (as exercise packs write it). Exit status: 0 when nothing reaches the "
        "alarm level, 1 when something does, 2 for usage errors or when the document cannot be registered.",
    )
    p.add_argument("--reference", required=True, metavar="DIR", help="the reference specimen's folder")
    p.add_argument("--questioned", required=True, metavar="DIR", help="the questioned document's folder")
    add_json_option(p, "print the result as one JSON object")
    p.add_argument("--out", metavar="DIR", help="write each light's rectified image, difference heat map and overlay here")
    p.add_argument("--no-viz", action="store_true", help="do not read the VIZ with tesseract to compare it with the MRZ")
    add_today_option(p, "judge MRZ dates as of this day (default: today)")
    p.add_argument("--case", metavar="ID", help="store the questioned images and the findings in this case")
    add_db_option(p)
    p.set_defaults(run=lazy("docexam.cli.compare_cmd", "run"))


def _print(comparison, evidence, out) -> None:
    out.write("aligned:\n")
    for light, a in comparison.alignments.items():
        out.write(f"  {light:<8} residual {a.residual_px:.2f} px ({a.method}, {a.inliers} matches)\n")
    if evidence.reading is not None and evidence.reading.correction is not None:
        c = evidence.reading.correction
        out.write(f"MRZ ({evidence.light}): {'valid' if evidence.reading.valid else 'NOT VALID'}\n")
        for line in c.lines:
            out.write(f"  {line}\n")
    for note in evidence.notes:
        out.write(f"note: {note}\n")
    alarms = comparison.alarms
    out.write(f"findings: {len(comparison.findings)} ({len(alarms)} alarm{'s' if len(alarms) != 1 else ''})\n")
    for f in comparison.findings:
        x, y, w, h = f.bbox
        flag = "ALARM" if f.alarm else "note "
        out.write(f"  {flag} {f.score:.2f} {f.light:<7} {f.kind.value:<20} [{x}, {y}, {w}, {h}]"
                  f"{' ' + f.region if f.region else ''}\n         {f.detail}\n")
    out.write(f"compared in {comparison.elapsed_ms:.0f} ms\n")


def _out_folder_problem(out: str) -> str | None:
    """Why ``--out`` cannot take the images, or None: it must be a folder, or a path one can be made at."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        return "is a file: name a folder for the images (created if missing)"
    if path.is_dir():
        return None if os.access(path, os.W_OK | os.X_OK) else "is a folder you cannot write to"
    parent = next((p for p in path.parents if p.exists()), Path("."))
    if not parent.is_dir():
        return f"cannot be made: {parent} is a file"
    return None if os.access(parent, os.W_OK | os.X_OK) else f"cannot be made: {parent} is not writable"


def run(args: argparse.Namespace) -> int:
    from docexam.cli.case_cmd import open_case
    from docexam.compare.geometry import RegistrationError
    from docexam.compare.pipeline import compare
    from docexam.compare.reference import CaptureSetError, comparison_record, load_lights, load_reference
    from docexam.errors import DocexamError
    from docexam.imageio import ImageReadError
    from docexam.inspector import Inspector

    out_problem = _out_folder_problem(args.out) if args.out else None
    if out_problem:  # before any work: the images would be written last
        print(printable(f"docexam compare: --out {args.out} {out_problem}", newlines=True), file=sys.stderr)
        return EXIT_USAGE
    store = open_case(args, "compare")  # a wrong case is a usage error, before any work
    try:
        reference = load_reference(args.reference)
        questioned = load_lights(args.questioned)
        comparison, evidence = compare(questioned, reference, today=args.today, compare_viz=not args.no_viz,
                                       inspector=Inspector(Path(args.out)) if args.out else None)
    except (CaptureSetError, ImageReadError, RegistrationError) as e:
        print(f"docexam compare: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as e:  # a reference without a light the questioned set has, and the like
        print(f"docexam compare: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    result = {"reference": str(args.reference), "questioned": str(args.questioned), **comparison.to_dict(),
              "mrz": evidence.to_dict()}
    if store is not None:
        folder = Path(args.questioned)
        images = {light: next(p for p in sorted(folder.iterdir()) if p.stem.lower() == light and p.is_file())
                  for light in questioned}
        summary = comparison_record(comparison, evidence, reference, questioned=str(args.questioned))
        try:
            row = store.record_comparison(args.case, images, summary, result["findings"])
        except DocexamError as e:
            print(printable(f"docexam compare: not stored in case {args.case}: {e}", newlines=True), file=sys.stderr)
            return EXIT_USAGE
        result["stored"] = {"case": args.case, "finding": row["uid"]}
    if args.json:
        sys.stdout.write(json_line(result) + "\n")
    else:
        out = TerminalText(sys.stdout)  # VIZ text read by tesseract, notes: escaped
        _print(comparison, evidence, out)
        if store is not None:
            out.write(f"stored in case {args.case}\n")
    return EXIT_INVALID if comparison.alarms else EXIT_OK
