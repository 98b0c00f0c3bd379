"""``docexam reference``: the examiner's reference library (create from genuine specimens, list, show, annotate,
export, import), kept in the case database.

The database: ``--db URL_OR_PATH``, else ``$DOCEXAM_DB``, else the embedded SQLite file in the user's data folder.
A reference is named by its id (local to one database) or its uid (the same in every database; its first eight
characters are enough).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from docexam.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_db_option,
    add_json_option,
    add_today_option,
    fail,
    iso_date,
    lazy,
    print_import,
    usage_errors,
)
from docexam.cli.terminal import json_line, printable
from docexam.i18n import N_, _, ngettext


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("reference", help=_("the reference library: genuine specimens of each document type, annotated"),
                       description=_("The examiner's reference library (create from genuine specimens, list, show, "
                                     "annotate, export, import), kept in the case database. The database: --db "
                                     "URL_OR_PATH, else $DOCEXAM_DB, else the embedded SQLite file in the user's data "
                                     "folder."))
    rs = p.add_subparsers(title=_("reference commands"), metavar="COMMAND")

    def cmd(name: str, help: str, fn: str) -> argparse.ArgumentParser:
        q = rs.add_parser(name, help=help, description=help)
        add_db_option(q)
        q.set_defaults(run=lazy("docexam.cli.reference_cmd", fn))
        return q

    q = cmd("create", _("make a reference from genuine specimens: each FOLDER holds visible.*, uv.* and/or ir.* of one "
                        "specimen; annotated automatically (correct it with `reference annotate`)"), "run_create")
    q.add_argument("folders", nargs="*", metavar="FOLDER", help=_("one folder per genuine specimen of the type"))
    q.add_argument("--name", help=_("what the reference is, e.g. 'Utopia passport, 2025 series'"))
    q.add_argument("--state", help=_("issuing state code, e.g. UTO"))
    q.add_argument("--code", help=_("document code as the MRZ begins, e.g. P, ID, V"))
    q.add_argument("--format", help=_("MRZ format: TD1, TD2, TD3, MRVA or MRVB"))
    q.add_argument("--series", default="", help=_("the series or version of the design"))
    q.add_argument("--issued-from", type=iso_date, metavar="YYYY-MM-DD", help=_("first day documents of it were issued"))
    q.add_argument("--issued-until", type=iso_date, metavar="YYYY-MM-DD", help=_("last day documents of it were issued"))
    q.add_argument("--notes", default="", help=_("free notes"))
    q.add_argument("--dpi", type=float, help=_("the captures' resolution, when their files do not record it"))
    q.add_argument("--provenance", default="", help=_("where the specimens come from, e.g. 'specimen booklet, 2025'"))
    q.add_argument("--captured-by", default="", help=_("who captured them (default: you)"))
    q.add_argument("--no-annotate", action="store_true", help=_("keep the specimens without an automatic annotation"))
    q.add_argument("--from-case", metavar="CASE", action="append", default=[],
                   help=_("use a case's questioned document as a genuine specimen (its newest visible, UV and IR "
                          "captures); may be repeated, and given with folders"))
    q.add_argument("--synthetic-from", metavar="FOLDER",
                   help=_("import the generator's reference folder (images and specimen.json, as exercise packs write "
                          "it), marked synthetic, its regions as the generator drew them"))
    add_today_option(q, N_("judge the MRZ's dates as of this day (default: today)"))
    add_json_option(q, _('print {"id": ..., "uid": ...} of the new reference'))

    q = cmd("list", _("list the references, searched by state, code, format or name"), "run_list")
    q.add_argument("--state", help=_("issuing state code, e.g. UTO"))
    q.add_argument("--code", help=_("document code, e.g. P"))
    q.add_argument("--format", help=_("MRZ format, e.g. TD3"))
    q.add_argument("--name", help=_("words of its name (any case)"))
    kind = q.add_mutually_exclusive_group()
    kind.add_argument("--synthetic", action="store_true", default=None, help=_("only the generator's"))
    kind.add_argument("--genuine", action="store_true", help=_("only those made from genuine specimens"))
    add_json_option(q, _("one JSON object per reference per line"))

    q = cmd("show", _("one reference: its specimens and captures, its current annotation, its versions"), "run_show")
    q.add_argument("reference", metavar="ID", help=_("id, uid, or the uid's first characters"))
    add_json_option(q, _("the reference whole (every annotation version) with its audit trail"))

    q = cmd("annotate", _("keep an edited annotation as the reference's next version (the versions before it stay)"),
            "run_annotate")
    q.add_argument("reference", metavar="ID", help=_("id, uid, or the uid's first characters"))
    q.add_argument("--regions", required=True, metavar="FILE.json",
                   help=_("the annotation, as `reference show --json` prints the current one (edited)"))
    q.add_argument("--note", help=_("what was corrected (goes into the audit trail)"))
    add_json_option(q, _("print the new version"))

    q = cmd("export", _("write references to one bundle (zip: manifest, images, audit trails) for other sites"),
            "run_export")
    q.add_argument("references", nargs="+", metavar="ID", help=_("the references to write: ids or uids"))
    q.add_argument("--out", required=True, metavar="FILE.zip", help=_("the bundle to write"))

    q = cmd("import", _("check a reference bundle whole, then add its references (importing twice changes nothing)"),
            "run_import")
    q.add_argument("bundle", metavar="FILE.zip", help=_("a bundle from `docexam reference export`"))
    add_json_option(q, _("print what was added, updated and already here"))
    p.set_defaults(run=lambda args: (p.print_help(), EXIT_USAGE)[1])


def _annotation_word(version: int | None) -> str:
    return _("annotation version {version}").format(version=version) if version else _("not annotated")


def _library(args: argparse.Namespace) -> Any:
    from docexam.cli.common import open_store
    from docexam.store.library import ReferenceLibrary

    return ReferenceLibrary(open_store(args.db))


def run_create(args: argparse.Namespace) -> int:
    if args.synthetic_from:
        if args.folders or args.from_case:
            return fail("reference create", _("give either --synthetic-from FOLDER or the genuine specimens, not both"))
        return _create_synthetic(args)
    if not args.folders and not args.from_case:
        return fail("reference create", _("give the folder of at least one genuine specimen (visible.*, uv.*, ir.*), "
                                          "or --from-case CASE"))
    if not (args.name or "").strip():
        return fail("reference create", _("give the reference a name: --name 'Utopia passport, 2025 series'"))
    from docexam.compare.reference import light_files
    from docexam.store.library import prepare_specimen, prepare_specimen_from_case, same_size_problem

    try:
        specimens = [prepare_specimen(light_files(f), dpi=args.dpi, source=str(f), captured_by=args.captured_by,
                                      provenance=args.provenance) for f in args.folders]
        if args.from_case:
            from docexam.cli.common import open_store

            with open_store(args.db, writes=False) as store:
                specimens += [prepare_specimen_from_case(store, c, dpi=args.dpi, provenance=args.provenance or None)
                              for c in args.from_case]
        problem = same_size_problem([(s.source, *s.size, s.dpi) for s in specimens])
        if problem:
            return fail("reference create", _("{problem}; nothing was written").format(problem=problem))
        try:
            from docexam.workbench.library import automatic_annotation

            annotation = None if args.no_annotate else automatic_annotation(specimens, today=args.today)
        except ValueError as e:  # no document found, specimens of different designs: said, nothing written
            return fail("reference create", _("{error}; nothing was written (--no-annotate keeps the specimens "
                                              "unannotated)").format(error=e))
        state, code, fmt = args.state, args.code, args.format
        if not (state and code and fmt):  # what is not said is read from the first specimen's MRZ
            from docexam.references.convert import mrz_identity

            mrz = mrz_identity(specimens[0].images, today=args.today)
            if mrz.valid:
                state, code, fmt = state or mrz.state, code or mrz.document_code, fmt or mrz.format
                print("docexam reference create: " + _("issuing state {state}, document code {code}, format {format} "
                                                       "(from the {how} of {source})").format(
                    state=state, code=code, format=fmt, how=printable(mrz.how), source=printable(specimens[0].source)),
                    file=sys.stderr)
            else:
                print("docexam reference create: " + _("note: {how} of {source}; give --state, --code and --format so "
                                                       "that `compare --reference auto` can pick it").format(
                    how=printable(mrz.how), source=printable(specimens[0].source)), file=sys.stderr)
        with _library(args) as library:
            kind = library.create(args.name, specimens=specimens, annotation=annotation, state=state,
                                  document_code=code, format=fmt, series=args.series,
                                  issued_from=args.issued_from, issued_until=args.issued_until, notes=args.notes)
            summary = library.summary(kind.id)
    except usage_errors() as e:
        return fail("reference create", e)
    _print_created(args, summary)
    return EXIT_OK


def _print_created(args: argparse.Namespace, summary: Any) -> None:
    if args.json:
        print(json_line({"id": summary.id, "uid": summary.uid}))
    else:
        print(ngettext("created reference {id} ({uid}): {name}, {n} specimen(s), {annotation}",
                       "created reference {id} ({uid}): {name}, {n} specimen(s), {annotation}", summary.specimens).format(
            id=summary.id, uid=summary.uid, name=printable(summary.name), n=summary.specimens,
            annotation=_annotation_word(summary.version)))


def _create_synthetic(args: argparse.Namespace) -> int:
    from docexam.workbench.library import NewReference, add_synthetic

    about = NewReference(args.name or "", args.state, args.code, args.format, args.series or "", dpi=args.dpi)
    try:
        with _library(args) as library:
            summary = add_synthetic(library, args.synthetic_from, about=about, notes=args.notes)
    except usage_errors() as e:
        return fail("reference create", e)
    _print_created(args, summary)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    synthetic = True if args.synthetic else (False if args.genuine else None)
    try:
        with _library(args) as library:
            found = library.list(state=args.state, code=args.code, format=args.format, name=args.name,
                                 synthetic=synthetic)
    except usage_errors() as e:
        return fail("reference list", e)
    for s in found:
        if args.json:
            print(json_line(s.to_dict()))
        else:
            what = " ".join(printable(x) for x in (s.state, s.document_code, s.format) if x) or "-"
            synthetic_mark = "  [" + _("synthetic") + "]" if s.synthetic else ""
            print(f"{s.id:>5}  {s.uid[:8]}  {what:<14} {printable(s.name)}{synthetic_mark}  "
                  + ngettext("{n} specimen(s)", "{n} specimen(s)", s.specimens).format(n=s.specimens) + ", "
                  + ("/".join(s.lights) or _("no capture")) + ", "
                  + (_("version {version}").format(version=s.version) if s.version else _("not annotated")))
    if not found and not args.json:
        print(_("no references match") if any((args.state, args.code, args.format, args.name, synthetic is not None))
              else _("no references; make one with `docexam reference create`"))
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from docexam.store import audit as audit_mod

    try:
        with _library(args) as library:
            kind = library.show(args.reference)
            summary = library.summary(kind.id)
            with library.store._reader.connect() as conn:
                trail = audit_mod.entries(conn, kind.id)
    except usage_errors() as e:
        return fail("reference show", e)
    current = kind.annotation
    if args.json:
        print(json_line({"id": summary.id, "uid": kind.id, **{k: v for k, v in kind.to_dict().items() if k != "id"},
                         "current": current.to_dict() if current else None,
                         "audit": [e.to_dict() for e in trail]}))
        return EXIT_OK
    p = printable
    print(_("Reference {id} ({uid}): {name}").format(id=summary.id, uid=kind.id, name=p(kind.name))
          + ("  [" + _("synthetic") + "]" if kind.synthetic else ""))
    print("  " + _("state {state}, document code {code}, format {format}").format(
        state=p(kind.state or "-"), code=p(kind.document_code or "-"), format=p(kind.format or "-"))
          + (", " + _("series {series}").format(series=p(kind.series)) if kind.series else ""))
    if kind.issued_from or kind.issued_until:
        print("  " + _("issued {start} to {end}").format(start=kind.issued_from or "...", end=kind.issued_until or "..."))
    if kind.notes:
        print("  " + _("notes: {notes}").format(notes=p(kind.notes)))
    for s in kind.specimens:
        w, h = s.size
        print("  " + (_("specimen {id}: {w}x{h} at {dpi:g} dpi").format(id=s.id[:8], w=w, h=h, dpi=s.captures[0].dpi)
                      if s.captures else _("specimen {id}").format(id=s.id[:8])), end="")
        print(f", {', '.join(c.light for c in s.captures)}" + (f"; {p(s.provenance)}" if s.provenance else ""))
    if current is None:
        print("  " + _("annotation: none yet (`docexam reference annotate`)"))
    else:
        print("  " + _("annotation version {version} of {count}, specimen {specimen}, by {who}").format(
            version=current.version, count=len(kind.annotations), specimen=current.specimen[:8],
            who=p(current.created_by or "-")) + (f": {p(current.note)}" if current.note else ""))
        for r in current.regions:
            expects = ", ".join(f"{e.light} {e.expect.value}" for e in r.expectations)
            print(f"    {p(r.id):<20} {r.role.value:<16} {list(r.box)}"
                  + (" " + _("mirrors {field}").format(field=p(r.field)) if r.field else "")
                  + (f"  ({expects})" if expects else "") + f"  [{r.source.value}, {r.confidence:.2f}]")
            if r.note:  # what the automatic annotation says of it (a box to check)
                print(f"      {p(r.note)}")
    print("  " + ngettext("audit trail ({n} entries):", "audit trail ({n} entries):", len(trail)).format(n=len(trail)))
    for entry in trail:
        print(f"    {entry.seq:>3}  {p(entry.at[:19])}  {p(entry.actor):<12}  {p(entry.headline)}")
    return EXIT_OK


def run_annotate(args: argparse.Namespace) -> int:
    from docexam.store.library import read_annotation_file

    try:
        with _library(args) as library:
            kind = library.show(args.reference)
            annotation = read_annotation_file(args.regions, kind)
            kept = library.annotate(kind.id, annotation, note=args.note)
    except usage_errors() as e:
        return fail("reference annotate", e)
    if args.json:
        print(json_line(kept.to_dict()))
    else:
        print(ngettext("reference {name}: annotation version {version} kept ({n} region(s)); the versions before it "
                       "stay", "reference {name}: annotation version {version} kept ({n} region(s)); the versions "
                       "before it stay", len(kept.regions)).format(name=printable(kind.name), version=kept.version,
                                                                  n=len(kept.regions)))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from docexam.store.reference_bundle import export_references

    try:
        with _library(args) as library:
            r = export_references(library.store, args.references, args.out)
    except usage_errors() as e:
        return fail("reference export", e)
    print(_("wrote {path}: {references} reference(s), {images} image(s), {size:,} bytes").format(
        path=printable(r.path), references=len(r.references), images=r.images, size=r.bytes))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from docexam.store.reference_bundle import import_references

    try:
        with _library(args) as library:
            r = import_references(library.store, args.bundle)
    except usage_errors() as e:
        return fail("reference import", e)
    if args.json:
        print(json_line(r.to_dict()))
        return EXIT_OK
    print_import(args.bundle, r)
    return EXIT_OK
