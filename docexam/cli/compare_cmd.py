"""``docexam compare``: compare a questioned document with its reference specimen in every light."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from docexam.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, add_json_option, add_today_option, lazy
from docexam.cli.terminal import TerminalText, checks_summary, json_line, printable
from docexam.i18n import N_, _, ngettext


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "compare",
        help=_("compare a questioned document with its reference specimen in visible, UV and IR light"),
        description=_("Register each light of the questioned document to the reference specimen, compare them, and "
        "list where they differ: the fixed design, UV paper and features, IR dropout, portrait, VIZ fields, MRZ check "
        "digits and MRZ against VIZ. Each folder holds visible.*, uv.* and/or ir.* images; a reference folder may "
        "hold specimen.json naming its regions (as exercise packs write it); a library reference brings its current "
        "annotation, and the comparison records its version. Exit status: 0 when nothing reaches the "
        "alarm level, 1 when something does, 2 for usage errors or when the document cannot be registered."),
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--reference", metavar="DIR|auto",
                       help=_("the reference specimen's folder, or auto: the library's reference whose issuing state, "
                              "document code and format match the questioned document's MRZ (it says which, and why)"))
    which.add_argument("--reference-id", metavar="ID", help=_("a reference of the library (`docexam reference list`)"))
    p.add_argument("--questioned", required=True, metavar="DIR", help=_("the questioned document's folder"))
    add_json_option(p, _("print the result as one JSON object"))
    p.add_argument("--out", metavar="DIR", help=_("write each light's rectified image, difference heat map and overlay here"))
    p.add_argument("--evidence", metavar="DIR",
                   help=_("write each finding's evidence here: the reference and the questioned document cropped to "
                          "it, and their difference, as PNG files (NN-LIGHT-KIND-reference.png, ...)"))
    p.add_argument("--no-viz", action="store_true", help=_("do not read the VIZ with tesseract to compare it with the MRZ"))
    add_today_option(p, N_("judge MRZ dates as of this day (default: today)"))
    p.add_argument("--case", metavar="ID", help=_("store the questioned images and the findings in this case"))
    add_db_option(p)
    p.set_defaults(run=lazy("docexam.cli.compare_cmd", "run"))


def _observation(code: str) -> str:
    """A finding's ``expected`` or ``seen`` in the reader's words (docexam.compare.result.OBSERVATION_WORDS), a
    measured value after a colon (``ir_ink_ratio=0.12``: the words of ``ir_ink_ratio``, then 0.12)."""
    from docexam.compare.result import OBSERVATION_WORDS

    name, sep, value = code.partition("=")
    words = _(OBSERVATION_WORDS[name]) if name in OBSERVATION_WORDS else name
    return f"{words}: {value}" if sep else words


def _print(comparison, evidence, out) -> None:
    out.write(_("aligned:") + "\n")
    for light, a in comparison.alignments.items():
        out.write(f"  {light:<8} " + _("residual {residual:.2f} px ({method}, {n} matches)").format(
            residual=a.residual_px, method=a.method, n=a.inliers) + "\n")
    if evidence.reading is not None and evidence.reading.correction is not None:
        c = evidence.reading.correction
        out.write(_("MRZ ({light}): {validity}").format(
            light=evidence.light, validity=_("valid") if evidence.reading.valid else _("NOT VALID")) + "\n")
        for line in c.lines:
            out.write(f"  {line}\n")
    for note in evidence.note_words(_):
        out.write(_("note: {note}").format(note=note) + "\n")
    if comparison.checks:
        from docexam.store.records import ComparisonRecord
        from docexam.workbench.checks import checks_view

        summary = {k: v for k, v in comparison.to_dict().items() if k != "findings"}
        view = checks_view(ComparisonRecord.from_dict({**summary, "mrz": evidence.to_dict()}), _)
        out.write(_("checks: {summary}").format(summary=checks_summary(view)) + "\n")
    alarms = comparison.alarms
    out.write(ngettext("findings: {n} ({alarms} alarm)", "findings: {n} ({alarms} alarms)", len(alarms)).format(
        n=len(comparison.findings), alarms=len(alarms)) + "\n")
    # the flag column as wide as the longer of its two words in this language ("ALARM", "note " in English)
    alarm_word, note_word = _("ALARM"), _("note")
    width = max(len(alarm_word), len(note_word))
    for f in comparison.findings:
        x, y, w, h = f.bbox
        flag = (alarm_word if f.alarm else note_word).ljust(width)
        out.write(f"  {flag} {f.score:.2f} {f.light:<7} {f.kind.value:<20} [{x}, {y}, {w}, {h}]"
                  f"{' ' + f.region if f.region else ''}\n         {f.words(_)}\n")
        if f.expected or f.seen:
            out.write("         " + _("expected {expected}; seen {seen}").format(
                expected=_observation(f.expected), seen=_observation(f.seen)) + "\n")
    out.write(_("compared in {ms:.0f} ms").format(ms=comparison.elapsed_ms) + "\n")


def _write_evidence(folder: Path, comparison, findings: list[dict]) -> None:
    """Write each finding's evidence images into ``folder`` as ``NN-LIGHT-KIND-ROLE.png`` (NN its place in the list,
    highest score first), and name the files in its JSON object's ``evidence`` (``files``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(findings, 1):
        ev = f.get("evidence")
        if not ev:
            continue
        files = {}
        for role in ("reference", "questioned", "difference"):
            path = folder / f"{i:02d}-{f['light']}-{f['kind']}-{role}.png"
            path.write_bytes(comparison.evidence_images[ev[role]])
            files[role] = str(path)
        ev["files"] = files


def _out_folder_problem(out: str) -> str | None:
    """Why ``--out`` cannot take the images, or None: it must be a folder, or a path one can be made at."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        return _("is a file: name a folder for the images (created if missing)")
    if path.is_dir():
        return None if os.access(path, os.W_OK | os.X_OK) else _("is a folder you cannot write to")
    parent = next((p for p in path.parents if p.exists()), Path("."))
    if not parent.is_dir():
        return _("cannot be made: {parent} is a file").format(parent=parent)
    return None if os.access(parent, os.W_OK | os.X_OK) else _("cannot be made: {parent} is not writable").format(
        parent=parent)


def _format_word(value: str | None) -> str | None:
    """A format as the MRZ names it (``TD3``, ``MRVB``), from a family's name (``td3``) or a format's."""
    return value.upper().replace("-", "") if value else None


def _reference_format(reference, library_ref: dict | None, *, today, read: bool = True) -> str | None:
    """The reference's MRZ format: its type's (a library reference), its family's (``specimen.json``), else (with
    ``read``) as its own MRZ reads."""
    from docexam.references.convert import mrz_identity

    known = (library_ref or {}).get("format") or reference.family
    if known:
        return _format_word(str(known))
    return _format_word(mrz_identity(reference.images, today=today).format) if read else None


def _format_problem(reference_format: str | None, questioned_format: str | None, name: str) -> str | None:
    """Why a reference of ``reference_format`` cannot be compared with a document whose MRZ is of
    ``questioned_format`` (Doc 9303 Part 3, 2 and Parts 4-6: each format its own size and layout), or None."""
    if not reference_format or not questioned_format or reference_format == questioned_format:
        return None
    return _("the reference {name} is of format {reference_format}, the questioned document's MRZ is "
             "{questioned_format}: documents of different formats cannot be compared; give a reference of its format "
             "(`docexam reference list --format {questioned_format}`, or --reference auto)").format(
        name=name, reference_format=reference_format, questioned_format=questioned_format)


def _why_not_registered(reference, questioned: dict, library_ref: dict | None, name: str, *, today) -> str:
    """What the examiner is told when the questioned document cannot be registered to the reference: a reference of
    another format, or a capture with no document in it, when either is what happened."""
    from docexam.references.convert import mrz_identity

    mrz = mrz_identity(questioned, today=today)
    problem = _format_problem(_reference_format(reference, library_ref, today=today), _format_word(mrz.format), name)
    if problem is not None:
        return problem
    if mrz.format is None:
        return _("no document was found in the questioned capture: no MRZ could be read and nothing of the "
                 "reference's design was recognised; capture the whole document, data page up and in focus")
    return ""


class NoMatchingReferenceError(ValueError):
    """``--reference auto`` found no reference for the questioned document; the message says what was looked for."""


def _library_reference(args: argparse.Namespace, questioned: dict):
    """The comparison's reference from the library (``--reference-id``, or ``--reference auto`` by the MRZ), and what
    the result says of it."""
    from docexam.references.convert import library_reference, mrz_identity
    from docexam.store.library import ReferenceLibrary, choose_reference

    with ReferenceLibrary.open(args.db) as library:
        why = None
        ident = args.reference_id
        if ident is None:
            mrz = mrz_identity(questioned, today=args.today)
            if mrz.state is None:
                raise NoMatchingReferenceError(_("cannot pick a reference: {how}; give one with --reference-id ID "
                                                 "(`docexam reference list`) or --reference DIR").format(how=mrz.how))
            choice = choose_reference(library, state=mrz.state, document_code=mrz.document_code, format=mrz.format,
                                      expiry=mrz.expiry)
            if choice is None:
                raise NoMatchingReferenceError(
                    _("no reference in the library matches the questioned document ({how}: issuing state "
                      "{state}, document code {code}, format {format}); `docexam reference list "
                      "--state {state}` shows those of its state; make one with `docexam reference create`, or "
                      "give --reference DIR").format(how=mrz.how, state=mrz.state, code=mrz.document_code,
                                                     format=mrz.format))
            ident, why = choice.picked.uid, choice.why
        kind = library.show(ident)
        summary = library.summary(kind.id)
        reference = library_reference(library, kind.id)
    return reference, {"id": summary.id, "uid": kind.id, "name": kind.name, "format": kind.format,
                       "version": reference.version, "synthetic": kind.synthetic, **({"why": why} if why else {})}


def _reference_name(args: argparse.Namespace, library_ref: dict | None) -> str:
    return printable(str(library_ref["name"])) if library_ref else str(args.reference)


def run(args: argparse.Namespace) -> int:
    from docexam.cli.case_cmd import open_case
    from docexam.compare.evidence import attach_evidence
    from docexam.compare.geometry import RegistrationError
    from docexam.compare.pipeline import compare
    from docexam.compare.reference import CaptureSetError, comparison_record, load_lights, load_reference
    from docexam.errors import DocexamError
    from docexam.imageio import ImageReadError
    from docexam.inspector import Inspector

    for option, folder in (("--out", args.out), ("--evidence", args.evidence)):
        out_problem = _out_folder_problem(folder) if folder else None
        if out_problem:  # before any work: the images would be written last
            print(printable(f"docexam compare: {option} {folder} {out_problem}", newlines=True), file=sys.stderr)
            return EXIT_USAGE
    store = open_case(args, "compare")  # a wrong case is a usage error, before any work
    library_ref: dict[str, object] | None = None
    try:
        if args.reference_id is not None or args.reference == "auto":
            questioned = load_lights(args.questioned)
            reference, library_ref = _library_reference(args, questioned)
        else:
            reference = load_reference(args.reference)
            questioned = load_lights(args.questioned)
        comparison, evidence = compare(questioned, reference, today=args.today, compare_viz=not args.no_viz,
                                       inspector=Inspector(Path(args.out)) if args.out else None)
    except RegistrationError as e:
        print(f"docexam compare: {printable(e, newlines=True)}", file=sys.stderr)
        why = _why_not_registered(reference, questioned, library_ref, _reference_name(args, library_ref),
                                  today=args.today)
        if why:  # the usual reasons: a reference of another format, or no document at all
            print(f"docexam compare: {printable(why, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    except (CaptureSetError, ImageReadError) as e:
        print(f"docexam compare: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, DocexamError) as e:  # a reference without a light the questioned set has, and the like
        print(f"docexam compare: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    read = evidence.reading.correction if evidence.reading is not None else None
    read_format = read.result.format.value if read is not None and read.result.format is not None else None
    problem = _format_problem(_reference_format(reference, library_ref, today=args.today, read=False),
                              _format_word(read_format), _reference_name(args, library_ref))
    if problem is not None:  # registered onto a reference of another format: its findings mean nothing
        print(f"docexam compare: {printable(problem, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    attach_evidence(comparison, reference.images)
    result = {"reference": str(library_ref["uid"]) if library_ref else str(args.reference),
              **({"library": library_ref} if library_ref else {}), "questioned": str(args.questioned),
              **comparison.to_dict(), "mrz": evidence.to_dict()}
    if store is not None:
        folder = Path(args.questioned)
        images = {light: next(p for p in sorted(folder.iterdir()) if p.stem.lower() == light and p.is_file())
                  for light in questioned}
        summary = comparison_record(comparison, evidence, reference, questioned=str(args.questioned))
        try:
            row = store.record_comparison(args.case, images, summary, result["findings"],
                                          evidence=comparison.evidence_images)
        except DocexamError as e:
            print(printable("docexam compare: " + _("not stored in case {case}: {error}").format(case=args.case, error=e),
                            newlines=True), file=sys.stderr)
            return EXIT_USAGE
        result["stored"] = {"case": args.case, "finding": row["uid"]}
    if args.evidence:
        _write_evidence(Path(args.evidence), comparison, result["findings"])
    if args.json:
        sys.stdout.write(json_line(result) + "\n")
    else:
        out = TerminalText(sys.stdout)  # VIZ text read by tesseract, notes: escaped
        if library_ref:
            out.write(_("reference: {name} (library reference {id}, {uid}, annotation version {version})").format(
                name=library_ref["name"], id=library_ref["id"], uid=library_ref["uid"],
                version=library_ref["version"] or _("none")) + "\n")
            if library_ref.get("why"):
                out.write("  " + _("picked: {why}").format(why=library_ref["why"]) + "\n")
        _print(comparison, evidence, out)
        if library_ref and comparison.findings:
            out.write(_("findings made against annotation version {version} of {name}").format(
                version=library_ref["version"] or _("none"), name=library_ref["name"]) + "\n")
        if store is not None:
            out.write(_("stored in case {case}").format(case=args.case) + "\n")
    return EXIT_INVALID if comparison.alarms else EXIT_OK
