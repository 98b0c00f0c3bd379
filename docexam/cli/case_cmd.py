"""``docexam case``: examination cases in the case store (create, attach, list, show, verdict, withdraw, report,
export, import, verify).

The database: ``--db URL_OR_PATH``, else ``$DOCEXAM_DB``, else the embedded SQLite file in the user's data folder.
"""

from __future__ import annotations

import argparse
import sys

from docexam.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_db_option,
    add_json_option,
    fail,
    iso_date,
    lazy,
    print_import,
    usage_errors,
)
from docexam.cli.terminal import checks_summary, json_line, printable
from docexam.i18n import LANGUAGES, N_, _, ngettext
from docexam.lights import Light
from docexam.verdicts import Verdict

#: The conclusion's scale (docexam.verdicts.FraudType and Confidence), spelt here so that parsing imports nothing.
FRAUD_TYPES = (N_("counterfeit"), N_("forgery"), N_("pseudo-document"), N_("fraudulently obtained genuine"), N_("impostor"))
CONFIDENCES = (N_("certain"), N_("highly probable"), N_("probable"), N_("indications"))


def open_case(args: argparse.Namespace, command: str):
    """The store holding ``args.case`` (for commands with ``--case``), or None without ``--case``. A case that does
    not exist, or a database that cannot be opened, is reported on stderr as ``docexam <command>: ...`` and raises
    SystemExit with the usage exit status, before any work is done."""
    if not args.case:
        return None
    from docexam.cli.common import open_store
    from docexam.errors import DocexamError, StoreReadOnlyError

    try:
        store = open_store(args.db)
        store.case(args.case)
        if store.read_only:  # said now, not after the work, whose result could not be stored
            store.close()
            raise StoreReadOnlyError(_("the database {where} is read-only here ({why}), so nothing could be stored in "
                                       "case {case}; get write permission on it and its folder, or leave out "
                                       "--case").format(where=store.where, why=store.read_only, case=args.case))
    except DocexamError as e:
        print(f"docexam {command}: {printable(e, newlines=True)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    return store


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("case", help=_("examination cases: create, attach captures, record verdicts, move them in bundles"),
                       description=_("``docexam case``: examination cases in the case store (create, attach, list, show, "
                                     "verdict, withdraw, report, export, import, verify). The database: ``--db "
                                     "URL_OR_PATH``, else ``$DOCEXAM_DB``, else the embedded SQLite file in the user's "
                                     "data folder."))
    cs = p.add_subparsers(title=_("case commands"), metavar="COMMAND")

    def cmd(name: str, help: str, fn: str) -> argparse.ArgumentParser:
        q = cs.add_parser(name, help=help, description=help)
        add_db_option(q)
        q.set_defaults(run=lazy("docexam.cli.case_cmd", fn))
        return q

    q = cmd("create", _("open a new case"), "run_create")
    q.add_argument("--title", required=True, help=_("what the case is about"))
    q.add_argument("--examiner", help=_("who examines it (default: $DOCEXAM_EXAMINER, else your login name)"))
    add_json_option(q, _("print the new case as a JSON object (with its id)"))

    q = cmd("attach", _("add a capture (an image file, kept byte for byte) to a case's questioned document"), "run_attach")
    q.add_argument("case", metavar="ID", help=_("case id, reference (DX-...) or uid"))
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--light", required=True, help=", ".join(Light).replace(f", {Light.OTHER}", _(" or {light}").format(
        light=Light.OTHER)))
    q.add_argument("--document", type=_row_id, metavar="N", help=_("document id within the case (default: the first)"))
    q.add_argument("--captured-at", metavar="WHEN", type=_when, help=_("when the capture was taken (ISO 8601, e.g. 2026-11-28T09:30)"))
    add_json_option(q)

    q = cmd("list", _("list cases, newest first, optionally searched"), "run_list")
    q.add_argument("--query", metavar="TEXT", help=_("reference, title, document number or holder name"))
    q.add_argument("--number", help=_("exact document number"))
    q.add_argument("--holder", help=_("holder name (words, any case)"))
    q.add_argument("--state", help=_("issuing state code, e.g. UTO"))
    q.add_argument("--since", metavar="YYYY-MM-DD", type=iso_date, help=_("opened on or after this day"))
    q.add_argument("--until", metavar="YYYY-MM-DD", type=iso_date, help=_("opened on or before this day"))
    q.add_argument("--limit", type=_limit, default=200, help=_("at most this many (default 200; 0 for all)"))
    add_json_option(q, _("one JSON object per case per line"))

    q = cmd("show", _("everything about one case: documents, captures, findings, audit trail"), "run_show")
    q.add_argument("case", metavar="ID")
    add_json_option(q)

    q = cmd("verdict", _("record the examiner's verdict"), "run_verdict")
    q.add_argument("case", metavar="ID")
    q.add_argument("verdict", metavar="VERDICT", help=Verdict.words(wording=_))
    reason = q.add_mutually_exclusive_group(required=True)
    reason.add_argument("--note", help=_("the reasons, in a sentence or two (required, or say --no-reason)"))
    reason.add_argument("--no-reason", action="store_true",
                        help=_("record the verdict without a reason (the audit trail says none was given)"))
    q.add_argument("--fraud-type", metavar="TYPE", help=_("the fraud found: {types}").format(
        types=", ".join(FRAUD_TYPES)))
    q.add_argument("--confidence", metavar="LEVEL", help=_("how sure the conclusion is: {levels}").format(
        levels=", ".join(CONFIDENCES)))

    q = cmd("submit", _("submit a case's conclusion for technical review by a second examiner"), "run_submit")
    q.add_argument("case", metavar="ID")
    add_json_option(q, _("print the review state as JSON"))

    q = cmd("review", _("review another examiner's submitted case: agree, or return it with comments"), "run_review")
    q.add_argument("case", metavar="ID")
    outcome = q.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--agree", action="store_true", help=_("agree with the conclusion"))
    outcome.add_argument("--return", dest="return_", action="store_true",
                         help=_("return it to the examiner (say why with --comment)"))
    q.add_argument("--comment", metavar="TEXT", help=_("the reviewer's comments (required with --return)"))
    add_json_option(q, _("print the review state as JSON"))

    q = cmd("queue", _("the cases submitted for technical review and awaiting a reviewer, oldest first"), "run_queue")
    add_json_option(q, _("one JSON object per case per line: the case and its review state"))

    q = cmd("issue", _("issue a case whose review agreed: its report is final, and the case takes no more changes"),
            "run_issue")
    q.add_argument("case", metavar="ID")
    add_json_option(q, _("print the review state as JSON"))

    q = cmd("withdraw", _("withdraw a case's verdict, saying why: the case is reopened for review"), "run_withdraw")
    q.add_argument("case", metavar="ID")
    q.add_argument("--reason", required=True, help=_("why the verdict is withdrawn (goes into the audit trail)"))

    q = cmd("export", _("write cases to one bundle file (zip: manifest, images, audit trails) to carry them"), "run_export")
    q.add_argument("cases", nargs="+", metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE")

    q = cmd("report", _("write a case's PDF report: case, verdict, document, MRZ, each light's capture with its findings "
                        "marked, notes, image hashes, audit trail"), "run_report")
    q.add_argument("case", metavar="ID", help=_("case id, reference (DX-...) or uid"))
    q.add_argument("--out", required=True, metavar="FILE.pdf",
                   help=_("the PDF to write; an existing file is replaced only by a whole report"))
    q.add_argument("--lang", choices=tuple(LANGUAGES), default=argparse.SUPPRESS,
                   help=_("the report's language: en (English), az (Azerbaijani) or ru (Russian); default: docexam's "
                          "--lang, $DOCEXAM_LANG, else the system's language"))
    q.add_argument("--bilingual", action="store_true",
                   help=_("English beside the national language's words (with --lang az or ru)"))

    q = cmd("verify-report", _("check a report's signatures (in the PDF, and FILE.pdf.sig beside it) against the "
                               "trust list; exit 1 when one fails or the PDF was changed after signing"),
            "run_verify_report")
    q.add_argument("report", metavar="FILE.pdf")
    add_json_option(q, _("print what was found as JSON (signers, problems)"))

    q = cmd("import", _("check a bundle whole, then add its cases (importing twice changes nothing)"), "run_import")
    q.add_argument("bundle", metavar="FILE")

    q = cmd("verify", _("re-hash every image and check every audit trail; exit 1 when anything fails"), "run_verify")
    how = q.add_mutually_exclusive_group()
    how.add_argument("--full", action="store_true",
                     help=_("check everything: every entry, signature, case and image (the default)"))
    how.add_argument("--since-last", action="store_true",
                     help=_("check only what was written since the last verify that found nothing wrong, and that "
                            "every chain still ends where that verify left it (an old entry rewritten with its chain "
                            "recomputed is found); it does not prove what --full does of an old entry edited without "
                            "its hash recomputed, the rows of a case unchanged since, or an image altered in place. "
                            "Everything is checked when there is no checkpoint to start from"))
    add_json_option(q, _("print the report as one JSON object"))
    p.set_defaults(run=lambda args: (p.print_help(), EXIT_USAGE)[1])


#: The largest id of a row (SQLite's and PostgreSQL's integer), kept here so that parsing needs no store import.
_MAX_ID = 2**31 - 1


def _whole_number(text: str, low: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= _MAX_ID:
        raise argparse.ArgumentTypeError(_("{text} is not {what}: give a whole number from {low} to {high}").format(
            text=repr(text), what=what, low=low, high=f"{_MAX_ID:,}"))
    return value


def _row_id(text: str) -> int:
    """argparse type: a row id (``--document``): a whole number from 1 to the largest id a database holds."""
    return _whole_number(text, 1, _("an id"))


def _limit(text: str) -> int:
    """argparse type: ``--limit`` (0 for no limit)."""
    return _whole_number(text, 0, _("a number of cases"))


def _when(text: str) -> str:
    """argparse type: an ISO 8601 time, kept as written (normalised)."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text} is not a time; write it as 2026-11-28T09:30 (ISO 8601)").format(
            text=repr(text))) from None


def _store(args: argparse.Namespace, *, command: str | None = None):
    """The store of ``--db``. A command that only reads (``command`` given) says on stderr when the database could
    only be opened read-only; one that writes is refused by the store with its own message."""
    from docexam.cli.common import open_store

    store = open_store(args.db, writes=command is None)
    if store.read_only and command:
        print(f"docexam case {command}: " + _("note: {where} is open read-only ({why}); cases can be listed, shown "
                                              "and checked, not changed").format(where=printable(store.where),
                                                                                  why=store.read_only), file=sys.stderr)
    return store


def run_create(args: argparse.Namespace) -> int:
    try:
        with _store(args) as store:
            case = store.create_case(args.title, examiner=args.examiner)
    except usage_errors() as e:
        return fail("case create", e)
    if args.json:
        print(json_line(case.to_dict()))
    else:
        print(_("opened case {reference} (id {id}): {title}, examiner {examiner}").format(
            reference=printable(case.reference), id=case.id, title=printable(case.title),
            examiner=printable(case.examiner)))
    return EXIT_OK


def _stops_the_batch(e: Exception) -> bool:
    """Whether an attach failure would fail every file the same way (an unknown case or light, a read-only
    database, a case changed behind docexam's back), so the files after it are not tried."""
    from docexam.errors import StoreBusyError, StoreError, StoreFullError
    from docexam.store import CaseInputError, CaseNotFoundError

    if isinstance(e, (StoreFullError, StoreBusyError)):
        return False
    return isinstance(e, (CaseNotFoundError, CaseInputError, StoreError))


def run_attach(args: argparse.Namespace) -> int:
    status = EXIT_OK
    try:
        store = _store(args)
    except usage_errors() as e:
        return fail("case attach", e)
    with store:
        for f in args.files:  # each file its own transaction: a bad one fails alone
            try:
                row = store.attach(args.case, f, light=args.light, document=args.document, captured_at=args.captured_at)
            except usage_errors() as e:
                print(f"docexam case attach: {printable(f)}: {printable(e, newlines=True)}", file=sys.stderr)
                status = EXIT_INVALID if status == EXIT_OK else status
                if _stops_the_batch(e):
                    return EXIT_USAGE
                continue  # an unreadable image, a full disk (a smaller file may still fit), a busy database
            if args.json:
                print(json_line({k: row[k] for k in ("id", "uid", "light", "sha256", "size", "width", "height", "dpi", "source_name")}))
            else:
                print(_("attached {file} ({light}, {width}x{height}, sha256 {sha}...)").format(
                    file=printable(f), light=printable(args.light), width=row["width"], height=row["height"],
                    sha=row["sha256"][:16]))
    return status


def run_list(args: argparse.Namespace) -> int:
    try:
        with _store(args, command="list") as store:
            found = store.list_cases(query=args.query, number=args.number, holder=args.holder, state=args.state,
                                     since=args.since and args.since.isoformat(),
                                     until=args.until and args.until.isoformat(), limit=args.limit)
    except usage_errors() as e:
        return fail("case list", e)
    for c in found:
        if args.json:
            print(json_line(c.to_dict()))
        else:
            verdict = printable(_(c.verdict) if c.verdict else _("no verdict"))
            captures = ngettext("{n} capture(s)", "{n} capture(s)", c.captures).format(n=c.captures)
            print(f"{c.id:>6}  {printable(c.reference)}  {printable(c.updated_at[:16].replace('T', ' '))}  "
                  f"{printable(_(c.status)):<9}  {verdict:<21}  {captures}  {printable(c.title)}")
    if not found and not args.json:
        searched = any((args.query, args.number, args.holder, args.state, args.since, args.until))
        print(_("no cases match") if searched else _("no cases"))
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from docexam.workbench.checks import checks_view

    try:
        with _store(args, command="show") as store:
            d = store.show(args.case)
    except usage_errors() as e:
        return fail("case show", e)
    if args.json:
        print(json_line(d.to_dict(), default=str))
        return EXIT_OK
    p = printable
    c = d.case
    print(_("Case {reference} (id {id}): {title}").format(reference=p(c.reference), id=c.id, title=p(c.title)))
    print("  " + _("examiner {examiner}, opened {when} UTC at {origin}, status {status}").format(
        examiner=p(c.examiner), when=p(c.created_at[:19]), origin=p(c.origin), status=p(_(c.status))))
    if c.verdict:
        recorded = next((e for e in reversed(d.audit) if e.action == "case.verdict"), None)
        why = p(c.verdict_note) if c.verdict_note else _("recorded without a reason")
        said = _("verdict: {verdict} ({why})").format(verdict=p(_(c.verdict)), why=why)
        if recorded is not None:
            said += _(", by {actor}, {when} UTC").format(actor=p(recorded.actor), when=p(recorded.at[:19]))
        print("  " + said)
    else:
        print("  " + _("verdict: none yet"))
    r = d.review
    if r.fraud_type or r.confidence:
        print("  " + _("conclusion: {fraud_type}, confidence {confidence}").format(
            fraud_type=p(_(r.fraud_type) if r.fraud_type else _("no fraud type")),
            confidence=p(_(r.confidence) if r.confidence else _("not stated"))))
    print("  " + _("review: {review}").format(review=_review_words(r)))
    for comment in r.comments:
        said = _("agreed") if comment.agreed else _("RETURNED")
        print(f"    {p(comment.at[:19])}  {p(comment.reviewer)}: {said}"
              + (f": {p(comment.comment)}" if comment.comment else ""))
    if c.notes:
        label = _("notes:") + " "
        print("  " + label + p(c.notes, newlines=True).replace("\n", "\n  " + " " * len(label)))
    for doc in d.documents:
        what = ", ".join(p(x) for x in (doc.family, doc.issuing_state, doc.number, doc.holder) if x) or _(
            "details not read yet")
        print("  " + _("document {id}: {what}").format(id=doc.id, what=what))
        for cap in d.captures_of(doc):
            print("    " + _("capture {id}: {light} {name} ({width}x{height}, {size} bytes, sha256 {sha}...)").format(
                id=cap.id, light=f"{p(cap.light):<11}", name=p(cap.source_name), width=cap.width, height=cap.height,
                size=f"{cap.size:,}", sha=p(cap.sha256[:16])))
    for f in d.findings:
        summary = f.detail.get("text") if isinstance(f.detail, dict) else None
        reading = f.reading
        if reading is not None:
            summary = (_("{format} MRZ, valid") if reading.valid else _("{format} MRZ, NOT valid")).format(
                format=reading.format)
        compared = f.comparison
        checks = checks_view(compared, _) if compared is not None else None
        if checks is not None:
            summary = checks_summary(checks)
        print("  " + _("finding {id}: {kind} ({source})").format(
            id=f.id, kind=p(f.kind), source=p(f.source) + (", " + p(f.light) if f.light else ""))
              + (f": {p(summary)}" if summary else ""))
        for note in checks.not_checked if checks is not None else ():
            print("    " + _("not checked: {note}").format(note=p(note)))
    print("  " + ngettext("audit trail ({n} entries):", "audit trail ({n} entries):", len(d.audit)).format(n=len(d.audit)))
    for entry in d.audit:
        print(f"    {entry.seq:>3}  {p(entry.at[:19])}  {p(entry.actor):<12}  {p(entry.headline)}")
    return EXIT_OK


def run_verdict(args: argparse.Namespace) -> int:
    if not args.no_reason and not (args.note or "").strip():
        print("docexam case verdict: " + _("--note is empty; give the reasons, or say --no-reason to record the "
                                           "verdict without one"), file=sys.stderr)
        return EXIT_USAGE
    try:
        with _store(args) as store:
            case = store.set_verdict(args.case, args.verdict, note=None if args.no_reason else args.note,
                                     fraud_type=args.fraud_type, confidence=args.confidence)
    except usage_errors() as e:
        return fail("case verdict", e)
    print(_("case {reference}: verdict {verdict} ({status})").format(
        reference=printable(case.reference), verdict=printable(_(case.verdict) if case.verdict else "-"),
        status=printable(_(case.status))))
    return EXIT_OK


def _review_words(r) -> str:
    p = printable
    if r.state.value == "issued":
        return _("issued by {issuer}, {when} UTC (reviewed by {reviewer})").format(
            issuer=p(r.issued_by), when=p((r.issued_at or "")[:19]), reviewer=p(r.reviewed_by))
    if r.state.value == "agreed":
        return _("agreed by {reviewer}; ready to issue").format(reviewer=p(r.reviewed_by))
    if r.state.value == "returned":
        return _("returned by {reviewer} with comments; a draft again").format(reviewer=p(r.reviewed_by))
    if r.state.value == "submitted":
        return _("submitted by {examiner}, awaiting a reviewer").format(examiner=p(r.submitted_by))
    return _("draft (not submitted for review)")


def _review_step(args: argparse.Namespace, command: str, step) -> int:
    try:
        with _store(args) as store:
            r = step(store)
            reference = store.case(args.case).reference
    except usage_errors() as e:
        return fail(f"case {command}", e)
    if args.json:
        print(json_line({"case": reference, **r.to_dict()}))
    else:
        print(_("case {reference}: {review}").format(reference=printable(reference), review=_review_words(r)))
    return EXIT_OK


def run_queue(args: argparse.Namespace) -> int:
    try:
        with _store(args, command="queue") as store:
            queue = store.review_queue()
    except usage_errors() as e:
        return fail("case queue", e)
    for case, r in queue:
        if args.json:
            print(json_line({"case": case.to_dict(), "review": r.to_dict()}))
        else:
            print(_("{reference}  submitted {when} by {examiner}  {verdict}  {title}").format(
                reference=printable(case.reference), when=printable((r.submitted_at or "")[:16].replace("T", " ")),
                examiner=printable(r.submitted_by), verdict=printable(_(r.verdict) if r.verdict else ""),
                title=printable(case.title)))
    if not queue and not args.json:
        print(_("no case awaits review"))
    return EXIT_OK


def run_submit(args: argparse.Namespace) -> int:
    from docexam.store.review import submit

    return _review_step(args, "submit", lambda store: submit(store, args.case))


def run_review(args: argparse.Namespace) -> int:
    from docexam.store.review import review

    return _review_step(args, "review", lambda store: review(store, args.case, agree=args.agree, comment=args.comment))


def run_issue(args: argparse.Namespace) -> int:
    from docexam.store.review import issue

    return _review_step(args, "issue", lambda store: issue(store, args.case))


def run_withdraw(args: argparse.Namespace) -> int:
    try:
        with _store(args) as store:
            case = store.withdraw_verdict(args.case, reason=args.reason)
    except usage_errors() as e:
        return fail("case withdraw", e)
    print(_("case {reference}: verdict withdrawn ({status})").format(reference=printable(case.reference),
                                                                     status=printable(_(case.status))))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from docexam.store.bundle import export_cases

    try:
        with _store(args) as store:
            r = export_cases(store, args.cases, args.out)
    except usage_errors() as e:
        return fail("case export", e)
    print(_("wrote {path}: {n} case(s) ({cases}), {images} image(s), {size} bytes").format(
        path=printable(r.path), n=len(r.cases), cases=printable(", ".join(r.cases)), images=r.images,
        size=f"{r.bytes:,}"))
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from docexam.report.signed import write_signed_report

    try:
        with _store(args, command="report") as store:
            # signed by the signed-in examiner inside the PDF, then the detached signature over the signed PDF
            done = write_signed_report(store, args.case, args.out, language=getattr(args, "lang", None),
                                       bilingual=args.bilingual)
            case = store.show(args.case).case
    except usage_errors() as e:
        return fail("case report", e)
    r = done.info
    if not case.verdict:
        print("docexam case report: " + _("warning: case {reference} has no verdict yet; the report says NO VERDICT YET "
                                          "(record one first: docexam case verdict)").format(
            reference=printable(case.reference)), file=sys.stderr)
    elif not done.issued and done.accounts:  # where accounts are, the review is the rule; said beside the PDF's mark
        print("docexam case report: " + _("note: case {reference} is not issued; the report is marked DRAFT (a final "
                                          "report needs a technical review: docexam case submit, review, issue)").format(
            reference=printable(case.reference)), file=sys.stderr)
    print(ngettext("wrote {path}: {n} page(s), {size} bytes, sha256 {sha}", "wrote {path}: {n} page(s), {size} bytes, "
                   "sha256 {sha}", r.pages).format(path=printable(r.path), n=r.pages, size=f"{r.size:,}", sha=r.sha256))
    if done.signer is not None:
        print(_("signed inside the PDF by {signer}").format(signer=printable(done.signer)))
    if done.signature is not None:
        print(_("signed: {path}").format(path=printable(done.signature)))
    return EXIT_OK


def run_verify_report(args: argparse.Namespace) -> int:
    from docexam.report.pdfsign import verify_report

    try:
        with _store(args, command="verify-report") as store:
            check = verify_report(store, args.report)
    except usage_errors() as e:
        print(f"docexam case verify-report: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print(json_line(check.to_dict()))
    if not check.ok:
        for problem in (*check.problems, *check.notes):
            print(f"docexam case verify-report: {printable(problem, newlines=True)}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        return EXIT_OK
    found = check.embedded
    if found is not None and check.signer is not None:
        key = check.signer
        print(_("{path}: signed inside the PDF by {owner} ({kind}, key {key}...) on {when}, on this store's trust "
                "list; the PDF is as it was signed").format(
            path=printable(args.report), owner=printable(key.owner), kind=key.owner_kind, key=key.key_id[:16],
            when=printable((found.signed_at or "?")[:19].replace("T", " "))))
        if found.draft:
            print("  " + _("signed as a DRAFT: the case was not issued when the report was made"))
    if check.detached is not None:
        key = check.detached
        print(_("{path}: signed by {owner} ({kind}, key {key}...), on this store's trust list; the PDF is as it was "
                "signed").format(path=printable(args.report), owner=printable(key.owner), kind=key.owner_kind,
                                 key=key.key_id[:16]))
    for note in check.notes:
        print("  " + _("note: {note}").format(note=printable(note)))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from docexam.store.bundle import BundleError, UntrustedBundleError, import_bundle

    try:
        with _store(args) as store:
            r = import_bundle(store, args.bundle)
    except UntrustedBundleError as e:  # who signed it (or did not): the command cannot go on with this bundle
        print(f"docexam case import: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    except BundleError as e:
        print(f"docexam case import: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_INVALID
    except usage_errors() as e:
        return fail("case import", e)
    print_import(args.bundle, r)
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    try:
        with _store(args, command="verify") as store:
            r = store.verify(since_last=args.since_last, record=True)
    except usage_errors() as e:
        return fail("case verify", e)
    if args.json:
        print(json_line(r.to_dict()))
        return EXIT_OK if r.ok else EXIT_INVALID
    if r.mode == "since-last":
        import datetime as dt

        from docexam.i18n import translator

        when = translator().datetime(dt.datetime.fromisoformat(r.since or ""), utc=True)
        print(_("checked what was written since the verify of {at} by {who}: {entries} audit entries; every chain "
                "still ends where that verify left it (run --full to check every entry and image)").format(
                    at=when, who=printable(r.since_by or ""), entries=r.entries))
    else:
        if r.note:
            print(_("checked everything: {why}").format(why=printable(r.note)))
        print(_("checked {cases} case(s), {captures} capture(s), {images} image(s), {chains} audit trail(s)").format(
            cases=r.cases, captures=r.captures, images=r.blobs, chains=r.chains)
              + (_(", {n} reference(s) of the library").format(n=r.references) if r.references else ""))
    if r.ok:
        print(_("all images match their SHA-256 and every audit trail holds") if r.mode == "full" else
              _("everything written since holds"))
        if r.recorded:
            print(_("checkpoint left for the next verify"))
        elif r.unrecorded == "not-signed-in":
            print(_("no checkpoint left for the next verify --since-last: nobody is signed in, and this store's "
                    "checkpoints are signed"))
        elif r.unrecorded == "not-written":
            print(_("no checkpoint left for the next verify --since-last: the database could not be written to just "
                    "now (busy, full, or not allowed)"))
        return EXIT_OK
    for p in r.problems:
        print("  " + _("PROBLEM: {problem}").format(problem=printable(p)))
    print(ngettext("{n} problem(s) found", "{n} problem(s) found", len(r.problems)).format(n=len(r.problems)),
          file=sys.stderr)
    return EXIT_INVALID
