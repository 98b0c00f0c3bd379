"""``docexam demo``: what ``make run`` shows until the workstation exists.

Validates every bundled sample MRZ (ICAO specimens and synthetic Utopia documents), explains a broken one in
full, and corrects an OCR misreading with the check digits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docexam.cli.common import EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, lazy
from docexam.cli.terminal import TerminalText
from docexam.i18n import _, ngettext


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "demo",
        help=_("validate the bundled specimen MRZs and a broken one, and show a correction (what `make run` does)"),
    )
    p.add_argument("--samples", metavar="DIR", help=_("folder of .mrz sample files (default: the bundled samples)"))
    add_db_option(p)
    p.set_defaults(run=lazy("docexam.cli.demo_cmd", "run"))


def read_sample(path: Path) -> list[str]:
    """MRZ lines of a sample file; lines starting with '#' describe the sample."""
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]


def describe_sample(path: Path) -> str:
    notes = [x[1:].strip() for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("#")]
    return notes[0] if notes else path.stem


def run(args: argparse.Namespace) -> int:
    from docexam.mrz import parse
    from docexam.mrz.correct import candidates_from_text, correct
    from docexam.mrz.explain import FORMAT_NAMES, explain, verdict
    from docexam.paths import samples_dir

    folder = Path(args.samples) if args.samples else samples_dir() / "mrz"
    files = sorted(folder.glob("*.mrz"))
    if not files:
        print("docexam demo: " + _("no .mrz sample files in {folder}").format(folder=folder), file=sys.stderr)
        return EXIT_USAGE
    out = TerminalText(sys.stdout)  # --samples may name anyone's files
    out.write(_("docexam MRZ engine: {n} sample MRZs from {folder}").format(n=len(files), folder=folder) + "\n\n")
    broken = []
    for path in files:
        if path.stem.startswith("ocr-"):
            continue
        result = parse(read_sample(path))
        kind = FORMAT_NAMES.get(result.format, _("not an MRZ")) if result.format else _("not an MRZ")
        out.write(f"{path.name}\n  {describe_sample(path)}\n  {kind}; {verdict(result)}\n")
        if result.fields:
            f = result.fields
            out.write("  " + _("{surname}, {given_names}; {code} {number} issued by {state}").format(
                surname=f.surname, given_names=f.given_names or "-", code=f.document_code, number=f.document_number,
                state=f.issuing_state) + "\n")
        if not result.valid:
            broken.append((path, result))
    for path, result in broken[:1]:
        out.write("\n" + _("In full, {name}:").format(name=path.name) + f"\n{explain(result)}\n")
    for path in files:
        if path.stem.startswith("ocr-"):
            lines = read_sample(path)
            fixed = correct(candidates_from_text(lines))
            out.write("\n" + _("OCR correction, {name} ({what}):").format(name=path.name, what=describe_sample(path)) + "\n")
            out.write("  read:      " + "\n             ".join(lines) + "\n")
            out.write("  corrected: " + "\n             ".join(fixed.lines) + "\n")
            for c in fixed.changes:
                out.write("    " + _("line {line} position {position}: {read} -> {corrected}").format(
                    line=c.line + 1, position=c.column + 1, read=repr(c.read), corrected=repr(c.corrected)) + "\n")
            out.write(f"  {verdict(fixed.result)}\n")
    _specimens(out)
    _compare_demo(out)
    return _case_demo(out, args)


def _specimens(out) -> None:
    """The bundled synthetic documents: what their keys say, and their MRZs checked."""
    import json

    from docexam.mrz import parse
    from docexam.mrz.explain import verdict
    from docexam.paths import samples_dir

    keys = sorted((samples_dir() / "specimens").glob("*/key.json"))
    if not keys:
        return
    out.write("\n" + _("Synthetic specimens ({folder}), each captured in visible, UV and IR light:").format(
        folder=samples_dir() / "specimens") + "\n")
    for path in keys:
        key = json.loads(path.read_text(encoding="utf-8"))
        kinds = ", ".join(a["kind"].replace("_", " ") for a in key["alterations"]) or _("no alteration")
        out.write(f"  {key['id']:<24} {key['family']:<5} " + _("key: {verdict} ({kinds}); MRZ: {mrz}").format(
            verdict=key["verdict"], kinds=kinds, mrz=verdict(parse(key["mrz"]))) + "\n")
    out.write("  " + _("Make more with: {command}").format(
        command="docexam exercise generate --count 20 --seed 1 --out pack/") + "\n")


def _compare_demo(out) -> None:
    """Each bundled specimen compared, light by light, with its family's reference (rendered for the occasion)."""
    import json
    import tempfile

    from docexam.compare.pipeline import compare
    from docexam.compare.reference import load_lights, load_reference
    from docexam.paths import samples_dir
    from docexam.specimens.exercise import write_reference

    keys = sorted((samples_dir() / "specimens").glob("*/key.json"))
    if not keys:
        return
    out.write("\n" + _("Each compared with its reference specimen in visible, UV and IR light (docexam compare):")
              + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        refs = {}
        for path in keys:
            fam = json.loads(path.read_text(encoding="utf-8"))["family"]
            if fam not in refs:
                write_reference(Path(tmp) / fam, fam)
                refs[fam] = load_reference(Path(tmp) / fam)
            comparison, evidence = compare(load_lights(path.parent), refs[fam])
            alarms = comparison.alarms
            said = "; ".join(sorted({f"{f.kind.value.replace('_', ' ')} ({', '.join(x.light for x in alarms if x.kind is f.kind)})"
                                     for f in alarms})) or _("nothing at the alarm level")
            worst = max(a.residual_px for a in comparison.alignments.values())
            out.write(f"  {path.parent.name:<24} " + _("aligned within {worst:.2f} px, {ms:.0f} ms: {said}").format(
                worst=worst, ms=comparison.elapsed_ms, said=said) + "\n")
    out.write("  " + _("Compare your own with: {command}").format(
        command="docexam compare --reference DIR --questioned DIR [--out DIR] [--case ID]") + "\n")


DEMO_TITLE = "docexam demo: the bundled specimens"


def _case_demo(out, args: argparse.Namespace) -> int:
    """Read each bundled specimen's IR capture and keep it, with its reading, in a demo case of the case store
    (the embedded database unless --db or $DOCEXAM_DB say otherwise); then verify the store."""
    from docexam.errors import DocexamError
    from docexam.paths import samples_dir
    from docexam.read.reader import read_file
    from docexam.store import Store

    images = sorted((samples_dir() / "specimens").glob("*/ir.jpg"))
    if not images:
        return EXIT_OK
    try:
        store = Store.open(args.db)
    except DocexamError as e:
        print(f"docexam demo: {e}", file=sys.stderr)
        return EXIT_USAGE
    with store:
        found = [c for c in store.list_cases(query=DEMO_TITLE) if c.title == DEMO_TITLE]
        case = found[-1] if found else store.create_case(DEMO_TITLE, notes="made by `make run`; safe to ignore")
        kept = {c.source_name for c in store.show(case.id).captures}
        out.write("\n" + _("Case store ({url}), case {reference}:").format(
            url=store.engine.url.render_as_string(hide_password=True), reference=case.reference) + "\n")
        for path in images:
            name = f"{path.parent.name}-{path.name}"
            (_path, result), = read_file(path, engine="ocrb")
            state = _("valid") if result.valid else _("not valid")
            if name in kept:
                out.write(f"  {name:<30} " + _("read in {ms:.0f} ms: {state} (kept earlier)").format(
                    ms=result.elapsed_ms, state=state) + "\n")
                continue
            # keep the capture under a name that says which specimen it is
            import shutil
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / name
                shutil.copyfile(path, copy)
                store.record_reading(case.id, copy, {"path": str(path), **result.to_dict()}, light="ir")
            out.write(f"  {name:<30} " + _("read in {ms:.0f} ms: {state}, kept with its reading").format(
                ms=result.elapsed_ms, state=state) + "\n")
        report = store.verify()
        out.write("  " + _("verify: {cases} case(s), {captures} capture(s), {chains} audit trail(s): ").format(
            cases=report.cases, captures=report.captures, chains=report.chains)
                  + (_("every image and trail holds") if report.ok else ngettext("{n} PROBLEM(S)", "{n} PROBLEM(S)", len(report.problems)).format(
                      n=len(report.problems))) + "\n")
        out.write("  " + _("See it with: {command}").format(command=f"docexam case show {case.reference}") + "\n")
    return EXIT_OK if report.ok else 1
