"""The name check on documents whose names are printed in national script: does it accept every transliteration the
tables allow, and flag every changed letter? (issue 23, item 3)

Genuine documents of the generated designs whose holders' names are in a language of their own (Azerbaijani Latin
with ``Ə Ş Ğ İ ı Ç Ö Ü``, Russian and Ukrainian Cyrillic, Turkish, Polish, Czech, German, Spanish, French), as many
development designs (odd variants) as held-out ones (even), side by side. For each document and each identifier
(surname, given names), the VIZ name is checked against the MRZ's (:func:`docexam.mrz.name_check.check_name`, the
issuing state's language):

* **accepted**: the genuine MRZ name (the generator's transliteration) agrees, by the tables or national practice;
* **flagged**: the MRZ name with one letter changed (another letter A-Z at a drawn position: names carry no check
  digit, so the MRZ still validates) is found to differ, and **located**: the change is named at that position.

Twice: with the VIZ text as printed (ground truth, no OCR: the rules' own agreement), and as read from a capture
(the visible light rendered, re-captured by ``bench/simulate.py``'s :func:`recapture` with rotation, perspective,
150-600 dpi, blur, noise and JPEG, put back into the document frame with the capture's own homography (the
registration is not measured here), the value's box read by :func:`docexam.references.viz.read_name` with the models
of the issuing state's language, and, for comparison, with English's model alone). A name OCR misreads is
"not accepted" though the rules are right: the two passes tell the rules' errors from the OCR's.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/name_check_bench.py [--docs 24] [--seed 1] [--no-ocr] [--quick] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench.heldout import SPLITS, genuine_document, side_by_side  # noqa: E402
from bench.simulate import recapture  # noqa: E402
from docexam.lights import Light  # noqa: E402
from docexam.mrz import parse  # noqa: E402
from docexam.mrz.name_check import NameAgreement, check_name  # noqa: E402
from docexam.mrz.transliterate import spellings  # noqa: E402
from docexam.ocr import languages as ocr_languages  # noqa: E402
from docexam.references.viz import read_name  # noqa: E402
from docexam.specimens import render  # noqa: E402
from docexam.specimens.design import REFERENCE_DPI, FamilyName  # noqa: E402
from docexam.specimens.designs import STATES, Split, design  # noqa: E402

TODAY = dt.date(2026, 11, 28)
IDENTIFIERS = ("surname", "given_names")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PX_PER_MM = REFERENCE_DPI / 25.4


def designs(which: Split) -> list[str]:
    """Every generated design of ``which`` split whose names are in a national language (not English)."""
    variants = (1, 3) if which is Split.DEVELOPMENT else (2, 4)
    return [f"{s.code}-{fam.name}-{v}" for v in variants for s in STATES if s.name_language not in (None, "en")
            for fam in FamilyName]


def change_one_letter(mrz: str, rng: random.Random) -> tuple[str, int]:
    """``mrz`` (an identifier, fillers between components) with one letter replaced by another, and its position."""
    positions = [i for i, c in enumerate(mrz) if c in LETTERS]
    i = rng.choice(positions)
    return mrz[:i] + rng.choice([c for c in LETTERS if c != mrz[i]]) + mrz[i + 1:], i


def rectified_visible(spec, rng: random.Random) -> np.ndarray:
    """The visible light captured again (bench/simulate.py) and warped back into the document frame."""
    visible = render(spec)[Light.VISIBLE]
    shot, drawn = recapture({"visible": visible}, rng, doc_dpi=REFERENCE_DPI)
    h, w = visible.shape[:2]
    back = np.linalg.inv(np.array(drawn.homography, dtype=np.float64))
    return cv2.warpPerspective(shot["visible"], back, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def crop(image: np.ndarray, slot) -> np.ndarray:
    x, y, w, h = slot.value_box().px(REFERENCE_DPI)
    return np.ascontiguousarray(image[max(0, y) : y + h, max(0, x) : x + w])


def every_spelling_accepted(viz: str, *, language: str | None) -> tuple[int, int]:
    """(accepted, allowed): each spelling the tables allow for ``viz`` (:func:`spellings`, up to 64), written as the
    MRZ writes an identifier (components joined by fillers, apostrophes left out: Part 3, 4.6), checked."""
    allowed = {"<".join(s.replace("'", "").replace("-", " ").split()) for s in spellings(viz, language=language)}
    return sum(check_name(viz, m, language=language).agrees is True for m in allowed), len(allowed)


def judge(viz: str, mrz: str, altered: str, position: int, *, language: str | None, truncated: bool) -> dict:
    genuine = check_name(viz, mrz, language=language, truncated=truncated)
    changed = check_name(viz, altered, language=language, truncated=truncated)
    located = any(c.mrz_position == position for c in changed.changes)
    return {"accepted": genuine.agrees is True, "practice": genuine.agreement is NameAgreement.NATIONAL_PRACTICE,
            "flagged": changed.agrees is False, "located": located,
            "both": genuine.agrees is True and changed.agrees is False and located,
            "genuine": genuine, "changed": changed}


def run(split: Split, count: int, *, seed: int, ocr: bool) -> list[dict]:
    codes = designs(split)
    random.Random(f"name-bench:{seed}:{split.value}").shuffle(codes)
    # the languages in turn, Azerbaijani first, so that a few documents already show every one
    by_language: dict[str, list[str]] = {}
    for code in codes:
        by_language.setdefault(design(code).name_language or "", []).append(code)
    order = sorted(by_language, key=lambda lang: (lang != "az", lang))
    codes = [c for group in zip(*(by_language[lang] for lang in order), strict=False) for c in group]
    rows = []
    for i in range(count):
        code = codes[i % len(codes)]
        fam = design(code)
        language = fam.name_language
        spec = genuine_document(code, i, seed=seed, today=TODAY)
        reading = parse(list(spec.mrz), today=TODAY)
        name = reading.fields.name
        rng = random.Random(f"{seed}:{code}:{i}:names")
        image = rectified_visible(spec, rng) if ocr else None
        for key, parts in zip(IDENTIFIERS, (name.primary, name.secondary), strict=True):
            viz = spec.viz.get(key, "")
            mrz = "<".join(parts)
            if not viz or not mrz:
                continue
            altered, position = change_one_letter(mrz, rng)
            truncated = name.possibly_truncated
            row = {"split": split.value, "design": code, "language": language, "key": key, "viz": viz, "mrz": mrz,
                   "altered": altered, "truth": judge(viz, mrz, altered, position, language=language,
                                                      truncated=truncated)}
            row["truth"]["spellings"] = every_spelling_accepted(viz, language=language)
            if image is not None:
                box = crop(image, next(f for f in fam.fields if f.key == key))
                for label, lang in (("ocr", None), ("ocr_eng", "eng")):
                    t = time.perf_counter()
                    read = read_name(box, language=language, px_per_mm=PX_PER_MM, lang=lang)
                    row[label] = judge(read.text, mrz, altered, position, language=language, truncated=truncated)
                    row[label] |= {"text": read.text, "exact": read.text == viz, "ms": 1000 * (time.perf_counter() - t),
                                   "missing": read.models.missing}
            rows.append(row)
    return rows


def figures(rows: list[dict], which: str) -> dict | None:
    done = [r[which] for r in rows if which in r]
    if not done:
        return None
    n = len(done)

    def share(key: str) -> str:
        k = sum(d[key] for d in done)
        return f"{k}/{n} {100 * k / n:.0f}%"

    out = {"n": n, "accepted": share("accepted"), "practice": share("practice"), "flagged": share("flagged"),
           "located": share("located"), "both": share("both"),
           "counts": {k: sum(d[k] for d in done) for k in ("accepted", "practice", "flagged", "located", "both")}}
    if "spellings" in done[0]:
        ok, allowed = (sum(d["spellings"][k] for d in done) for k in (0, 1))
        out["spellings"] = f"{ok}/{allowed} {100 * ok / max(allowed, 1):.0f}%"
        out["counts"] |= {"spellings_accepted": ok, "spellings": allowed}
    if "exact" in done[0]:
        out["exact"] = share("exact")
        out["counts"]["exact"] = sum(d["exact"] for d in done)
        out["ms"] = f"{np.median([d['ms'] for d in done]):.0f}"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=24, help="documents per split (default 24)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-ocr", action="store_true", help="the rules on the printed text only (fast)")
    ap.add_argument("--show", type=int, default=8, help="misses listed per pass (default 8)")
    ap.add_argument("--quick", action="store_true", help="two documents per split, for the test suite's smoke run")
    ap.add_argument("--json", metavar="FILE", help="write the figures there")
    args = ap.parse_args(argv)
    if args.quick:
        args.docs = 2
    started = time.perf_counter()
    models = ocr_languages.models_for
    langs = sorted({s.name_language for s in STATES if s.name_language not in (None, "en")})
    print(f"name_check_bench: {args.docs} documents per split, seed {args.seed}, languages {', '.join(langs)}; "
          f"load {os.getloadavg()[0]:.1f}")
    missing = {lang: models(lang).missing for lang in langs if models(lang).missing}
    for lang, models_missing in missing.items():
        print(f"  {lang}: tesseract lacks {', '.join(models_missing)} "
              f"(apt install {' '.join(ocr_languages.package(m) for m in models_missing)}); read with English")
    rows = {s.value: run(s, args.docs, seed=args.seed, ocr=not args.no_ocr) for s in SPLITS}
    passes = [("truth", "VIZ text as printed (no OCR): the rules")]
    if not args.no_ocr:
        passes += [("ocr", "VIZ read with the state's language models"), ("ocr_eng", "VIZ read with English's model only")]
    labels = [("identifiers", "{n}"), ("genuine accepted (tables or practice)", "{accepted}"),
              ("  of them by national practice", "{practice}"), ("one changed letter flagged", "{flagged}"),
              ("  flagged at the changed position", "{located}"),
              ("genuine accepted and change located", "{both}")]
    saved: dict[str, dict] = {}
    for which, title in passes:
        print()
        cols = {s: figures(r, which) for s, r in rows.items()}
        saved[which] = cols
        side_by_side(title, labels + ([("VIZ read exactly", "{exact}"), ("median ms per name", "{ms}")]
                                      if which != "truth" else
                                      [("every spelling the tables allow accepted", "{spellings}")]), cols)
        per_language = {}
        for lang in langs:
            per_language[lang] = figures([r for rs in rows.values() for r in rs if r["language"] == lang], which)
        print(f"  {'per language (both splits)':<40}" + "".join(f"{lang:>16}" for lang in per_language))
        for label, fmt in labels[1:2] + labels[3:4] + ([("VIZ read exactly", "{exact}")] if which != "truth" else []):
            print(f"  {label:<40}" + "".join(f"{fmt.format(**v) if v else '-':>16}" for v in per_language.values()))
        misses = [(r, r[which]) for rs in rows.values() for r in rs
                  if which in r and not (r[which]["accepted"] and r[which]["flagged"])]
        for r, d in misses[: args.show]:
            what = "genuine not accepted" if not d["accepted"] else "change not flagged"
            check = d["genuine"] if not d["accepted"] else d["changed"]
            read = f" read {d['text']!r}" if "text" in d else ""
            print(f"    {r['design']} {r['key']}: {what}: VIZ {r['viz']!r}{read}, MRZ {r['mrz']} / altered "
                  f"{r['altered']}: {check.agreement.value} {[c.to_dict() for c in check.changes][:2]}")
        if len(misses) > args.show:
            print(f"    ... and {len(misses) - args.show} more")
    print(f"\n{time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"docs_per_split": args.docs, "seed": args.seed, "passes": saved,
                                               "missing_models": missing}, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
