"""``docexam demo``: what ``make run`` shows until the workstation exists.

Validates every bundled sample MRZ (ICAO specimens and synthetic Utopia documents), explains a broken one in
full, and corrects an OCR misreading with the check digits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docexam.cli import EXIT_OK, EXIT_USAGE
from docexam.mrz import parse
from docexam.mrz.correct import candidates_from_text, correct
from docexam.mrz.explain import FORMAT_NAMES, explain, verdict
from docexam.paths import samples_dir


def read_sample(path: Path) -> list[str]:
    """MRZ lines of a sample file; lines starting with '#' describe the sample."""
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]


def describe_sample(path: Path) -> str:
    notes = [x[1:].strip() for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("#")]
    return notes[0] if notes else path.stem


def run(args: argparse.Namespace) -> int:
    folder = Path(args.samples) if args.samples else samples_dir() / "mrz"
    files = sorted(folder.glob("*.mrz"))
    if not files:
        print(f"docexam demo: no .mrz sample files in {folder}", file=sys.stderr)
        return EXIT_USAGE
    out = sys.stdout
    out.write(f"docexam MRZ engine: {len(files)} sample MRZs from {folder}\n\n")
    broken = []
    for path in files:
        if path.stem.startswith("ocr-"):
            continue
        result = parse(read_sample(path))
        kind = FORMAT_NAMES.get(result.format, "not an MRZ") if result.format else "not an MRZ"
        out.write(f"{path.name}\n  {describe_sample(path)}\n  {kind}; {verdict(result)}\n")
        if result.fields:
            f = result.fields
            out.write(f"  {f.surname}, {f.given_names or '-'}; {f.document_code} {f.document_number} issued by {f.issuing_state}\n")
        if not result.valid:
            broken.append((path, result))
    for path, result in broken[:1]:
        out.write(f"\nIn full, {path.name}:\n{explain(result)}\n")
    for path in files:
        if path.stem.startswith("ocr-"):
            lines = read_sample(path)
            fixed = correct(candidates_from_text(lines))
            out.write(f"\nOCR correction, {path.name} ({describe_sample(path)}):\n")
            out.write("  read:      " + "\n             ".join(lines) + "\n")
            out.write("  corrected: " + "\n             ".join(fixed.lines) + "\n")
            for c in fixed.changes:
                out.write(f"    line {c.line + 1} position {c.column + 1}: {c.read!r} -> {c.corrected!r}\n")
            out.write(f"  {verdict(fixed.result)}\n")
    _specimens(out)
    return EXIT_OK


def _specimens(out) -> None:
    """The bundled synthetic documents: what their keys say, and their MRZs checked."""
    import json

    keys = sorted((samples_dir() / "specimens").glob("*/key.json"))
    if not keys:
        return
    out.write(f"\nSynthetic specimens ({samples_dir() / 'specimens'}), each captured in visible, UV and IR light:\n")
    for path in keys:
        key = json.loads(path.read_text(encoding="utf-8"))
        kinds = ", ".join(a["kind"].replace("_", " ") for a in key["alterations"]) or "no alteration"
        out.write(f"  {key['id']:<24} {key['family']:<5} key: {key['verdict']} ({kinds}); MRZ: {verdict(parse(key['mrz']))}\n")
    out.write("  Make more with: docexam exercise generate --count 20 --seed 1 --out pack/\n")
