"""Forgery-detection exercise packs: generate documents with an answer key, and score a trainee's answers.

A pack is a folder::

    pack.json                       what was generated (seed, difficulty, families, reference date, documents)
    reference/<family>/{visible,uv,ir}.png, specimen.json   clean reference specimens, document coordinates
    doc-0001/{visible,uv,ir}.png    the capture of one questioned document
    doc-0001/key.json               its answer key

Everything is derived from the seed and the reference date: the same command writes the same bytes. Files are
written to a temporary name and renamed, so a killed run never leaves a half-written image or key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from docexam.specimens.capture import capture, sample_conditions
from docexam.specimens.design import FAMILIES, REFERENCE_DPI, FamilyName, family
from docexam.specimens.forgery import DIFFICULTIES, VERDICT, Kind, alter
from docexam.specimens.persons import DocumentData
from docexam.specimens.render import LIGHTS, Specimen, make_specimen, random_specimen, render

#: Share of genuine documents in a pack (true negatives), per difficulty.
GENUINE_SHARE = {"easy": 0.3, "normal": 0.25, "hard": 0.2}
VERDICTS = ("genuine", "altered", "counterfeit")


def write_png(path: Path, rgb: np.ndarray) -> None:
    """Write an RGB image atomically (temporary file, then rename)."""
    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_PNG_COMPRESSION, 3])
    if not ok:
        raise OSError(f"could not encode {path.name} as PNG")
    _write_atomic(path, buf.tobytes())


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_json(path: Path, obj: dict) -> None:
    _write_atomic(path, (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def reference_specimen(name: FamilyName | str) -> Specimen:
    """The clean reference specimen of a family: the design personalised for the specimen holder."""
    fam = family(name)
    data = DocumentData(
        family=fam.name, issuing_state="UTO", surname="SPECIMEN", given_names="UTOPIA", sex="F", nationality="UTO",
        birth_date=dt.date(1980, 1, 1), birth_place="ZENITH", document_number="UTO000000", issue_date=dt.date(2025, 1, 1),
        expiry_date=dt.date(2035, 1, 1) if fam.name is FamilyName.TD3 else dt.date(2030, 1, 1),
        authority="UTOPIA SPECIMEN OFFICE", personal_number="", portrait_seed=9303,
    )
    return make_specimen(fam, data)


def reference_description(name: FamilyName | str, *, dpi: int = REFERENCE_DPI) -> dict:
    """What ``specimen.json`` says of a family's reference: its regions of interest in pixels at ``dpi`` and which
    of them are printed in IR-absorbing ink (see :mod:`docexam.compare.reference`)."""
    fam = family(name)
    ref = reference_specimen(fam.name)
    return {
        "family": fam.name.value, "title": fam.title, "dpi": dpi, "size_mm": [fam.width, fam.height],
        "mrz": list(ref.mrz),
        "regions": {
            "portrait": list(fam.portrait.px(dpi)),
            "uv_emblem": list(fam.emblem.px(dpi)),
            "mrz": list(fam.mrz_box(len(ref.mrz)).px(dpi)),
            **({"ghost": list(fam.ghost.px(dpi))} if fam.ghost else {}),
            **{f"viz:{f.key}": list(f.value_box().px(dpi)) for f in fam.fields},
        },
        "ir_absorbing": ["mrz", "portrait"] + [f"viz:{f.key}" for f in fam.fields if f.ir_absorbing],
    }


def write_reference(folder: Path, name: FamilyName | str, *, dpi: int = REFERENCE_DPI) -> None:
    """Write a family's reference specimen to ``folder``: ``{visible,uv,ir}.png`` and ``specimen.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    for light, img in render(reference_specimen(name), dpi=dpi).items():
        write_png(folder / f"{light.value}.png", img)
    _write_json(folder / "specimen.json", reference_description(name, dpi=dpi))


@dataclass(frozen=True)
class GeneratedDocument:
    id: str
    key: dict


def generate_document(index: int, *, seed: int, families: Sequence[FamilyName], difficulty: str,
                      today: dt.date) -> tuple[GeneratedDocument, dict]:
    """One questioned document: its key and its captured images per light (not yet written)."""
    rng = random.Random(f"{seed}:{index}")
    fam = FAMILIES[families[rng.randrange(len(families))]]
    specimen = random_specimen(fam, rng.randrange(2**31), today=today)
    alterations = []
    if rng.random() >= GENUINE_SHARE[difficulty]:
        kind = rng.choice(list(Kind))
        specimen, alteration = alter(specimen, kind, seed=rng.randrange(2**31), difficulty=difficulty)
        alterations.append(alteration)
    images = render(specimen)
    conditions = sample_conditions(seed=rng.randrange(2**31), difficulty=difficulty)
    shot = capture({light.value: images[light] for light in LIGHTS}, conditions, reference_dpi=REFERENCE_DPI,
                   seed=rng.randrange(2**31))
    doc_id = f"doc-{index + 1:04d}"
    key = {
        "id": doc_id,
        "family": fam.name.value,
        "reference": f"reference/{fam.name.value}",
        "mrz": list(specimen.mrz),
        "viz": {k: (e.value if (e := specimen.edits.get(k)) else v) for k, v in specimen.viz.items()},
        "data": specimen.data.to_dict(),
        "capture": conditions.to_dict() | {
            "reference_dpi": REFERENCE_DPI,
            # unrounded: the perspective terms are tiny and rounding them moves points by pixels
            "homographies": {k: np.asarray(v, dtype=float).tolist() for k, v in shot.homographies.items()},
        },
        "alterations": [a.to_key() for a in alterations],
        "verdict": VERDICT[alterations[0].kind] if alterations else "genuine",
    }
    return GeneratedDocument(doc_id, key), shot.images


def generate_pack(out: Path, *, count: int, seed: int, families: Sequence[str] | None = None, difficulty: str = "normal",
                  today: dt.date | None = None, progress: Callable[[int, int], None] | None = None) -> dict:
    """Write an exercise pack of ``count`` documents to ``out`` and return its manifest.

    Raises
    ------
    ValueError
        For a count below 1, an unknown family or difficulty.
    """
    if not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive whole number, got {count!r}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}")
    fams = [family(f).name for f in (families or [f.value for f in FamilyName])]
    today = today or dt.date.today()
    out.mkdir(parents=True, exist_ok=True)
    for name in sorted(set(fams)):
        write_reference(out / "reference" / name.value, name)
    docs = []
    for i in range(count):
        doc, images = generate_document(i, seed=seed, families=fams, difficulty=difficulty, today=today)
        folder = out / doc.id
        folder.mkdir(exist_ok=True)
        for light, img in images.items():
            write_png(folder / f"{light}.png", img)
        _write_json(folder / "key.json", doc.key)  # the key last: a folder with a key is complete
        docs.append({"id": doc.id, "family": doc.key["family"], "verdict": doc.key["verdict"]})
        if progress:
            progress(i + 1, count)
    manifest = {"seed": seed, "count": count, "difficulty": difficulty, "families": [f.value for f in fams],
                "reference_date": today.isoformat(), "documents": docs}
    _write_json(out / "pack.json", manifest)
    return manifest


# --- scoring ---------------------------------------------------------------------------------------------------


def _overlap(a: Sequence[float], b: Sequence[float]) -> tuple[float, float]:
    """(intersection over union, intersection over the area of ``a``) of two [x, y, w, h] boxes."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    iw = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = iw * ih
    union = aw * ah + bw * bh - inter
    return (inter / union if union > 0 else 0.0), (inter / (aw * ah) if aw * ah > 0 else 0.0)


def mark_matches(mark: dict, alteration: dict) -> bool:
    """A trainee's mark finds an alteration when it overlaps the key's region (IoU >= 0.1, or at least half of the
    mark inside it) and, if it names a light, the light is one that shows the alteration."""
    iou, inside = _overlap(mark["bbox"], alteration["bbox"])
    light_ok = "light" not in mark or mark["light"] in alteration["lights"]
    return light_ok and (iou >= 0.1 or inside >= 0.5)


def load_answers(path: Path) -> dict[str, dict]:
    """Answers as ``{"documents": {"doc-0001": {"verdict": ..., "marks": [{"bbox": [x, y, w, h], "light": ...}]}}}``.

    Raises
    ------
    ValueError
        If the file is not JSON of that shape; the message says where.
    """
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not JSON ({e.msg} at line {e.lineno})") from None
    docs = obj.get("documents") if isinstance(obj, dict) else None
    if not isinstance(docs, dict):
        raise ValueError(f'{path}: expected an object with "documents": {{"doc-0001": {{"verdict": ..., "marks": [...]}}}}')
    for doc_id, ans in docs.items():
        if not isinstance(ans, dict):
            raise ValueError(f"{path}: the answer for {doc_id} must be an object")
        if ans.get("verdict") is not None and ans["verdict"] not in VERDICTS:
            raise ValueError(f"{path}: {doc_id} has verdict {ans['verdict']!r}; use one of {', '.join(VERDICTS)}")
        for m in ans.get("marks", []):
            box = m.get("bbox") if isinstance(m, dict) else None
            if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, int | float) for v in box)):
                raise ValueError(f"{path}: {doc_id} has a mark without a [x, y, w, h] bbox: {m!r}")
    return docs


def score(pack: Path, answers: dict[str, dict]) -> dict:
    """Score answers against a pack's keys: per document and in total."""
    keys = sorted(pack.glob("doc-*/key.json"))
    if not keys:
        raise ValueError(f"{pack} holds no doc-*/key.json answer keys: is it an exercise pack?")
    rows = []
    for key_path in keys:
        key = json.loads(key_path.read_text(encoding="utf-8"))
        ans = answers.get(key["id"], {})
        marks = ans.get("marks", [])
        found = sum(any(mark_matches(m, a) for m in marks) for a in key["alterations"])
        false_marks = sum(not any(mark_matches(m, a) for a in key["alterations"]) for m in marks)
        rows.append({
            "id": key["id"], "family": key["family"], "expected": key["verdict"], "answered": ans.get("verdict"),
            "verdict_correct": ans.get("verdict") == key["verdict"], "alterations": len(key["alterations"]),
            "found": found, "false_marks": false_marks,
            "kinds": [a["kind"] for a in key["alterations"]],
        })
    n, alts = len(rows), sum(r["alterations"] for r in rows)
    correct, found, false = (sum(r[k] for r in rows) for k in ("verdict_correct", "found", "false_marks"))
    points = max(0.0, correct + found - 0.5 * false)
    return {
        "documents": rows,
        "total": {"documents": n, "verdicts_correct": correct, "alterations": alts, "alterations_found": found,
                  "false_marks": false, "unanswered": sum(r["answered"] is None for r in rows),
                  # one point per right verdict and per alteration found, half a point off per false mark
                  "score": round(100 * points / (n + alts), 1)},
    }
