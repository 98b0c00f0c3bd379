"""``docexam exercise``: generate forgery-detection exercise packs and score trainees' answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docexam.cli.common import EXIT_OK, EXIT_USAGE, Subparsers, add_db_option, add_json_option, add_today_option, lazy
from docexam.cli.terminal import json_line, printable
from docexam.i18n import N_, _, ngettext

#: The difficulties of a pack, translated where they are printed.
DIFFICULTIES = (N_("easy"), N_("normal"), N_("hard"))


def _word(text: str | None) -> str | None:
    """``text`` (a verdict's or a difficulty's wording) in the current language; None and "" stay as they are (the
    empty string would be the catalogue's header)."""
    return _(text) if text else text


def run_generate(args: argparse.Namespace) -> int:
    from docexam.errors import FontMissingError

    try:
        from docexam.specimens.exercise import VERDICTS, generate_pack  # finds the renderer's fonts
    except FontMissingError as e:
        print(f"docexam exercise generate: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE

    today = args.today
    families = [f.strip() for f in args.families.split(",")] if args.families else None
    designs: int | list[str] | None = args.designs
    if args.design is not None:
        designs = [c.strip() for c in args.design.split(",") if c.strip()]
        if not designs:
            print("docexam exercise generate: " + _("--design needs at least one design code, such as CSP-TD1-3 "
                                                    "(`docexam exercise designs` lists them)"), file=sys.stderr)
            return EXIT_USAGE

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print("\r  " + _("{done}/{total} documents").format(done=done, total=total), end="" if done < total else "\n",
                  file=sys.stderr)

    try:
        manifest = generate_pack(Path(args.out), count=args.count, seed=args.seed, families=families,
                                 difficulty=args.difficulty, today=today, progress=progress, replace=args.replace,
                                 designs=designs)
    except ValueError as e:  # PackWriteError too: a file, a folder holding files, one that cannot be written
        print(f"docexam exercise generate: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    verdicts = {v.label: sum(d["verdict"] == v for d in manifest["documents"]) for v in VERDICTS}
    print(_("wrote {count} documents to {out} ({verdicts}), difficulty {difficulty}, seed {seed}, reference date "
            "{date}").format(count=manifest["count"], out=args.out,
                             verdicts=", ".join(f"{n} {_word(v)}" for v, n in verdicts.items()),
                             difficulty=_word(manifest["difficulty"]), seed=manifest["seed"], date=manifest["reference_date"]))
    print(_("designs: {designs} (reference specimens in reference/)").format(designs=", ".join(manifest["designs"])))
    print(_("answer keys: doc-*/key.json (remove them from the copy you hand out)"))
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    from docexam.specimens.exercise import load_answers, score
    from docexam.verdicts import ExerciseVerdict

    try:
        result = score(Path(args.key), load_answers(Path(args.answers)))
    except (OSError, ValueError) as e:
        print(f"docexam exercise score: {printable(e, newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    if args.trainee:
        from docexam.cli.common import open_store
        from docexam.errors import DocexamError
        from docexam.jsonsafe import load_file

        try:
            answers = load_file(args.answers)  # read and checked above: kept as the trainee gave them
            with open_store(args.db) as store:
                store.record_attempt(exercise=str(Path(args.key).resolve()), trainee=args.trainee, answers=answers,
                                     score=result["total"]["score"] / 100)
        except DocexamError as e:
            print("docexam exercise score: " + _("the attempt was not kept: {error}").format(
                error=printable(e, newlines=True)), file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        print(json_line(result))
        return EXIT_OK
    for r in result["documents"]:
        answered = ExerciseVerdict.label_of(r["answered"])
        verdict = _("right") if r["verdict_correct"] else _("WRONG (answered {answered}, key {key})").format(
            answered=_word(answered) or _("nothing"), key=_word(ExerciseVerdict.label_of(r["expected"])))
        found = ", " + _("found {found}/{alterations} ({kinds})").format(
            found=r["found"], alterations=r["alterations"], kinds=", ".join(r["kinds"])) if r["alterations"] else ""
        false = ", " + ngettext("{n} false mark(s)", "{n} false mark(s)", r["false_marks"]).format(
            n=r["false_marks"]) if r["false_marks"] else ""
        design = f" {r['design']}" if r.get("design") and not r["design"].startswith("UTO-") else ""  # Utopia's: as before
        print(printable(f"{r['id']} {r['family']:<5}{design} " + _("verdict {verdict}").format(verdict=verdict)
                        + f"{found}{false}"))  # answers and keys are files
    t = result["total"]
    print("\n" + _("{right}/{documents} verdicts right, {found}/{alterations} alterations found, {false} false mark(s), "
                   "{unanswered} unanswered: score {score}/100").format(
        right=t["verdicts_correct"], documents=t["documents"], found=t["alterations_found"],
        alterations=t["alterations"], false=t["false_marks"], unanswered=t["unanswered"], score=t["score"]))
    return EXIT_OK


def run_designs(args: argparse.Namespace) -> int:
    from docexam.specimens.design import FamilyName
    from docexam.specimens.designs import Split, catalogue, describe

    try:
        families = tuple(FamilyName(f.strip().lower()) for f in args.family.split(",")) if args.family else None
    except ValueError:
        print("docexam exercise designs: " + _("unknown family in {family}; choose from {choices}").format(
            family=repr(printable(args.family)), choices=", ".join(f.value for f in FamilyName)), file=sys.stderr)
        return EXIT_USAGE
    rows = [describe(code) for code in catalogue(families=families, which=Split(args.split) if args.split else None)]
    if args.json:
        print(json_line(rows))
        return EXIT_OK
    print(f"{_('CODE'):<12} {_('STATE'):<5} {_('FAMILY'):<6} {_('SPLIT'):<11} {_('TITLE')}")
    for r in rows:
        print(printable(f"{r['code']:<12} {r['state']:<5} {r['family']:<6} {r['split']:<11} {r['title']}"))
    dev = sum(r["split"] == Split.DEVELOPMENT for r in rows)
    print("\n" + _("{n} designs: {dev} for development, {held} held out for measuring (no threshold is tuned on them); "
                   "the generator makes any variant from 1 to 999 (even variants are held out)").format(
        n=len(rows), dev=dev, held=len(rows) - dev))
    return EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("exercise", help=_("generate forgery-detection exercise packs and score trainees"))
    esub = p.add_subparsers(title=_("exercise commands"), metavar="ACTION", required=True)
    g = esub.add_parser("generate", help=_("write a pack of synthetic documents (visible, UV, IR) with answer keys"))
    g.add_argument("--count", type=int, required=True, help=_("number of documents"))
    g.add_argument("--seed", type=int, required=True,
                   help=_("the same seed and --today give the same pack, byte for byte"))
    g.add_argument("--out", required=True, metavar="DIR",
                   help=_("folder to write: a new or empty one (the pack is written beside it and renamed into place)"))
    g.add_argument("--replace", action="store_true",
                   help=_("if --out holds an exercise pack, replace it whole (its documents and keys are deleted)"))
    g.add_argument("--families", metavar="LIST",
                   help=_("comma-separated: td3,td1,td2,mrva (default: all); with --designs also mrvb, and with "
                          "--design the named designs must be of these families"))
    which = g.add_mutually_exclusive_group()
    which.add_argument("--designs", type=int, metavar="N",
                       help=_("draw the documents from N distinct generated designs of fictional states, chosen by the "
                              "seed (default: Utopia's design of each family)"))
    which.add_argument("--design", metavar="CODE[,CODE...]",
                       help=_("draw the documents from these designs, e.g. CSP-TD1-3,UTO-TD3 (`docexam exercise "
                              "designs` lists them)"))
    g.add_argument("--difficulty", choices=DIFFICULTIES, default="normal",
                   help=_("how hard the alterations are to see: easy, normal or hard (default: normal)"))
    add_today_option(g, N_("reference date for the documents' dates (default: today)"))
    g.set_defaults(run=lazy("docexam.cli.exercise_cmd", "run_generate"))
    d = esub.add_parser("designs", help=_("list the document designs packs can be made of"),
                        description=_("Every design of the catalogue: Utopia's four, and for each fictional state and "
                                      "family variants 1 to 8. Odd variants are for development, even ones are held "
                                      "out for measuring."))
    d.add_argument("--family", metavar="F",
                   help=_("only designs of this family (td3, td1, td2, mrva, mrvb; comma-separated)"))
    d.add_argument("--split", choices=("development", "held-out"), help=_("only development or only held-out designs"))
    add_json_option(d, _("print one JSON list of designs: code, state, state_name, family, format, title, split, "
                         "languages, names"))
    d.set_defaults(run=lazy("docexam.cli.exercise_cmd", "run_designs"))
    s = esub.add_parser("score", help=_("score a trainee's answers against a pack's keys"),
                        description=_('ANSWERS is JSON: {{"documents": {{"doc-0001": {{"verdict": '
                                      '"genuine|altered|counterfeit" (or "forged/altered"), "marks": [{{"bbox": [x, y, '
                                      'w, h], "light": "visible|uv|ir"}}]}}}}}}, boxes in reference specimen pixels. '
                                      "Score: a point per right verdict and per alteration found, half a point off per "
                                      "false mark, as a percentage.").format())
    s.add_argument("--key", required=True, metavar="DIR", help=_("the exercise pack with its doc-*/key.json"))
    s.add_argument("--answers", required=True, metavar="ANSWERS.json", help=_("the trainee's answers (see above)"))
    add_json_option(s, _("print the result as one JSON object"))
    s.add_argument("--trainee", metavar="NAME",
                   help=_("keep the attempt under this trainee's name in the case store"))
    add_db_option(s)
    s.set_defaults(run=lazy("docexam.cli.exercise_cmd", "run_score"))
