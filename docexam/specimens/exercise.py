"""Forgery-detection exercise packs: generate documents with an answer key, and score a trainee's answers.

A pack is a folder::

    pack.json                       what was generated (seed, difficulty, families, designs, reference date, documents)
    reference/<design>/{visible,uv,ir}.png, specimen.json   clean reference specimens, document coordinates
    doc-0001/{visible,uv,ir}.png    the capture of one questioned document
    doc-0001/key.json               its answer key (its design, and its reference folder)

A pack's documents are drawn from a few designs (:mod:`docexam.specimens.designs`): by default Utopia's design of
each family asked for, as packs always were (their reference folders keep the family's name, ``reference/td3``);
or ``designs=N`` generated designs chosen by the seed, or designs named by their codes (``reference/csp-td1-3``:
:attr:`Family.folder <docexam.specimens.design.Family.folder>`).

Everything is derived from the seed and the reference date: the same command writes the same bytes. The pack is
written into a temporary folder beside ``out`` and renamed into place when complete, so a failed or killed run never
leaves a half-written pack (a cancelled one keeps its complete documents, without ``pack.json``). A folder that
already holds files is refused; an existing pack is replaced only when asked (``replace=True``), whole.

Answers and answer keys are read as untrusted input (:mod:`docexam.jsonsafe`) and checked before scoring: a file of
the wrong shape is an :class:`~docexam.errors.UntrustedInputError` saying where.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from docexam.errors import DocexamError, UntrustedInputError
from docexam.i18n import _
from docexam.jsonsafe import load_file
from docexam.lights import LIGHTS
from docexam.mrz.transliterate import transliterate
from docexam.specimens.capture import capture, sample_conditions
from docexam.specimens.design import FAMILIES, REFERENCE_DPI, Family, FamilyName, family
from docexam.specimens.designs import STATES, UnknownDesignError, choose, design, parse_code
from docexam.specimens.forgery import DIFFICULTIES, VERDICT, Kind, alter
from docexam.specimens.names import holder_name
from docexam.specimens.persons import DocumentData
from docexam.specimens.render import Specimen, make_specimen, random_specimen, render
from docexam.verdicts import ExerciseVerdict

#: Share of genuine documents in a pack (true negatives), per difficulty.
GENUINE_SHARE = {"easy": 0.3, "normal": 0.25, "hard": 0.2}
#: The verdicts an answer key and an attempt may give.
VERDICTS: tuple[ExerciseVerdict, ...] = tuple(ExerciseVerdict)

#: The reference dates a pack may be generated for: documents are dated up to a century before and a decade after.
EARLIEST_TODAY = dt.date(1900, 1, 1)
LATEST_TODAY = dt.date(2999, 12, 31)


class PackWriteError(DocexamError, ValueError):
    """An exercise pack cannot be written where asked (the folder is a file, holds other files, cannot be created);
    the message says what to do."""


#: How a pack's PNGs are written: every row filtered as "up" (its difference from the row above) instead of
#: libpng's trying each filter on each row: on a generated capture's noise the choice gains nothing and took a third
#: of the time (a hard pack of a TD1 and a TD3 design, 6 captures and 6 reference images: 7.1 -> 4.7 s, 49.4 -> 49.0
#: MB; the references' clean renders 3% larger). And zlib level 1, not 3: the captures' noise leaves little for
#: the higher level to find (a quarter to a third of the raw size either way): 180 -> 115 ms an image, 15%
#: larger. An OpenCV without the filter flag makes its own choice.
_PNG_PARAMS = [cv2.IMWRITE_PNG_COMPRESSION, 1] + (
    [cv2.IMWRITE_PNG_FILTER, cv2.IMWRITE_PNG_FILTER_UP] if hasattr(cv2, "IMWRITE_PNG_FILTER_UP") else [])


def write_png(path: Path, rgb: np.ndarray) -> None:
    """Write an RGB image atomically (temporary file, then rename)."""
    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), _PNG_PARAMS)
    if not ok:
        raise OSError(_("could not encode {name} as PNG").format(name=path.name))
    _write_atomic(path, buf.tobytes())


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_json(path: Path, obj: dict) -> None:
    _write_atomic(path, (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def _design_of(name: Family | FamilyName | str) -> Family:
    """A design given as itself, a design code (``UTO-TD3``, ``CSP-TD1-3``) or a family's name (``td3``: Utopia's)."""
    return name if isinstance(name, Family) else design(name)


def reference_specimen(name: Family | FamilyName | str) -> Specimen:
    """The clean reference specimen of a design (a :class:`Family`, a design code, or a family's name for Utopia's
    design of it): the design personalised for the specimen holder of its state. Utopia's is SPECIMEN UTOPIA; a
    design whose holders' names are printed in a language of their own shows a fixed name of that language (the same
    for every design of the state), with its Doc 9303 Part 3, section 6 transliteration in the MRZ.

    Raises
    ------
    UnknownDesignError
        ``name`` is no design the generator can make (a ``ValueError``).
    """
    fam = _design_of(name)
    state = next((s.name for s in STATES if s.code == fam.state), "UTOPIA")
    surname, given, surname_viz, given_viz = "SPECIMEN", state, None, None
    if fam.name_language is not None:
        surname_viz, given_viz = holder_name(random.Random(f"specimen:{fam.state}"), fam.name_language, sex="F")
        surname = transliterate(surname_viz, language=fam.name_language)
        given = transliterate(given_viz, language=fam.name_language)
    data = DocumentData(
        family=fam.name, issuing_state=fam.state, surname=surname, given_names=given, sex="F", nationality=fam.state,
        birth_date=dt.date(1980, 1, 1), birth_place="ZENITH", document_number=f"{fam.state}000000",
        issue_date=dt.date(2025, 1, 1), expiry_date=dt.date(2035, 1, 1) if fam.name is FamilyName.TD3 else dt.date(2030, 1, 1),
        authority=f"{state} SPECIMEN OFFICE", personal_number="", portrait_seed=9303,
        surname_viz=surname_viz, given_names_viz=given_viz,
    )
    return make_specimen(fam, data)


def reference_description(name: Family | FamilyName | str, *, dpi: int = REFERENCE_DPI) -> dict:
    """What ``specimen.json`` says of a design's reference: its family and design, its regions of interest in pixels
    at ``dpi`` and which of them are printed in IR-absorbing ink (see :mod:`docexam.compare.reference`)."""
    fam = _design_of(name)
    ref = reference_specimen(fam)
    return {
        "family": fam.name.value, "design": fam.design, "title": fam.title, "dpi": dpi, "size_mm": [fam.width, fam.height],
        "mrz": list(ref.mrz),
        "regions": {
            "portrait": list(fam.portrait.px(dpi)),
            "uv_emblem": list(fam.emblem.px(dpi)),
            "mrz": list(fam.mrz_box(len(ref.mrz)).px(dpi)),
            **({"ghost": list(fam.ghost.px(dpi))} if fam.ghost else {}),
            **{f"viz:{f.key}": list(f.value_box().px(dpi)) for f in fam.fields},
            # The holder's own marks besides the VIZ: the signature and the number perforated through the page
            # differ from holder to holder, so the comparison must know them for personalised areas.
            **({"signature": list(fam.signature.px(dpi))} if fam.signature else {}),
            **({"perforation": list(fam.perforation.px(dpi))} if fam.perforation else {}),
        },
        "ir_absorbing": ["mrz", "portrait"] + [f"viz:{f.key}" for f in fam.fields if f.ir_absorbing]
        + (["signature"] if fam.signature and fam.signature_ir else []),
    }


def write_reference(folder: Path, name: Family | FamilyName | str, *, dpi: int = REFERENCE_DPI) -> None:
    """Write a design's reference specimen to ``folder``: ``{visible,uv,ir}.png`` and ``specimen.json`` (a pack
    keeps it in ``reference/<Family.folder>``)."""
    fam = _design_of(name)
    folder.mkdir(parents=True, exist_ok=True)
    for light, img in render(reference_specimen(fam), dpi=dpi).items():
        write_png(folder / f"{light.value}.png", img)
    _write_json(folder / "specimen.json", reference_description(fam, dpi=dpi))


def pack_designs(designs: int | Sequence[str] | None, *, seed: int, families: Sequence[str] | None = None) -> list[str]:
    """The design codes a pack's documents are drawn from (each document picks one, by the seed).

    ``designs``: ``None``, Utopia's design of each of ``families`` (all four by default; a family named twice is
    drawn twice as often, as packs always did); a number N, N distinct generated designs of those families chosen
    by ``seed`` (:func:`docexam.specimens.designs.choose`: MRV-B visas among them when no family is named); or the
    design codes themselves (``CSP-TD1-3``, ``UTO-TD3``), whose families must then be among ``families`` when
    those are given.

    Raises
    ------
    ValueError
        An unknown family, a number of designs that is not a positive whole number or more than the catalogue
        holds; an :class:`~docexam.specimens.designs.UnknownDesignError` (a ``ValueError``) for a code the generator
        cannot make, or one of another family than those asked for.
    """
    if designs is None:
        return [family(f).design for f in (families or [f.value for f in FAMILIES])]
    fams = tuple(_family_name(f) for f in families) if families else None
    if isinstance(designs, int) and not isinstance(designs, bool):
        return choose(designs, seed=seed, families=fams)
    if isinstance(designs, str):
        designs = [designs]
    if not isinstance(designs, Sequence) or not designs:
        raise ValueError(_("designs must be a number of designs or a list of design codes such as CSP-TD1-3, got "
                           "{designs}").format(designs=repr(designs)))
    codes: list[str] = []
    for code in designs:
        state, fam, variant = parse_code(code)
        if fams is not None and fam not in fams:
            raise UnknownDesignError(_("design {code} is of family {family}, not one of the families asked for "
                                       "({names}): name designs of those families, or leave the families out").format(
                code=repr(code), family=fam.value, names=', '.join(f.value for f in fams)))
        codes.append(FAMILIES[fam].design if variant is None else f"{state}-{fam.value.upper()}-{variant}")
    return list(dict.fromkeys(codes))


def _family_name(name: str) -> FamilyName:
    try:
        return FamilyName(name)
    except ValueError:
        raise ValueError(_("unknown document family {name}; choose one of {names}").format(
            name=repr(name), names=', '.join(f.value for f in FamilyName))) from None


@dataclass(frozen=True)
class GeneratedDocument:
    id: str
    key: dict


def generate_document(index: int, *, seed: int, designs: Sequence[str], difficulty: str,
                      today: dt.date) -> tuple[GeneratedDocument, dict]:
    """One questioned document of one of ``designs`` (codes, :func:`pack_designs`): its key and its captured images
    per light (not yet written)."""
    rng = random.Random(f"{seed}:{index}")
    fam = design(designs[rng.randrange(len(designs))])
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
        "design": fam.design,
        "reference": f"reference/{fam.folder}",
        "mrz": list(specimen.mrz),
        "viz": {k: (e.value if (e := specimen.edits.get(k)) else v) for k, v in specimen.viz.items()},
        "data": specimen.data.to_dict(),
        "capture": conditions.to_dict() | {
            "reference_dpi": REFERENCE_DPI,
            # unrounded: the perspective terms are tiny and rounding them moves points by pixels
            "homographies": {k: np.asarray(v, dtype=float).tolist() for k, v in shot.homographies.items()},
        },
        "alterations": [a.to_key() for a in alterations],
        "verdict": VERDICT[alterations[0].kind] if alterations else ExerciseVerdict.GENUINE,
    }
    return GeneratedDocument(doc_id, key), shot.images


def generate_pack(out: Path, *, count: int, seed: int, families: Sequence[str] | None = None, difficulty: str = "normal",
                  today: dt.date | None = None, progress: Callable[[int, int], None] | None = None,
                  replace: bool = False, designs: int | Sequence[str] | None = None) -> dict:
    """Write an exercise pack of ``count`` documents to ``out`` and return its manifest.

    The documents are drawn from the designs :func:`pack_designs` makes of ``designs`` and ``families``: by default
    Utopia's design of each family, as packs always were (the same seed writes the same images); a number N of
    generated designs chosen by the seed; or the designs named by their codes. Each design's reference specimen is
    written to ``reference/<Family.folder>``.

    The pack is written into a temporary folder beside ``out`` and renamed to ``out`` once complete. ``out`` may be
    missing or an empty folder; with ``replace``, it may also be an exercise pack, which the new one replaces
    whole (no old ``doc-*`` folder is left beside the new pack). A failure leaves ``out`` as it was; a
    ``progress`` callback that raises (a cancel) keeps the documents completed so far in ``out``, without
    ``pack.json``.

    Raises
    ------
    ValueError
        For a count below 1, an unknown family, design or difficulty (:func:`pack_designs`), a reference date
        outside :data:`EARLIEST_TODAY`..:data:`LATEST_TODAY`.
    PackWriteError
        ``out`` is a file, a folder holding other files (or a pack, without ``replace``), or cannot be written.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(_("count must be a positive whole number, got {count}").format(count=repr(count)))
    if difficulty not in DIFFICULTIES:
        raise ValueError(_("unknown difficulty {difficulty}; choose one of {names}").format(
            difficulty=repr(difficulty), names=', '.join(DIFFICULTIES)))
    codes = pack_designs(designs, seed=seed, families=families)
    fams = ([family(f).name for f in (families or [f.value for f in FAMILIES])] if designs is None
            else list(dict.fromkeys(parse_code(c)[1] for c in codes)))
    today = today or dt.date.today()
    if not EARLIEST_TODAY <= today <= LATEST_TODAY:
        raise ValueError(_("the reference date {today} is outside {earliest} to {latest}: give the day the exercise is set in, e.g. "
              "today's date").format(today=today.isoformat(), earliest=EARLIEST_TODAY.isoformat(), latest=LATEST_TODAY.isoformat()))
    out = Path(out)
    old = _check_target(out, replace=replace)
    tmp = _temporary_folder(out)
    try:
        for code in sorted(set(codes)):
            fam = design(code)
            write_reference(tmp / "reference" / fam.folder, fam)
        docs = []
        for i in range(count):
            doc, images = generate_document(i, seed=seed, designs=codes, difficulty=difficulty, today=today)
            folder = tmp / doc.id
            folder.mkdir()
            for light, img in images.items():
                write_png(folder / f"{light}.png", img)
            _write_json(folder / "key.json", doc.key)  # the key last: a folder with a key is complete
            docs.append({"id": doc.id, "family": doc.key["family"], "design": doc.key["design"],
                         "reference": doc.key["reference"], "verdict": doc.key["verdict"]})
            if progress:
                try:
                    progress(i + 1, count)
                except Exception:
                    if i + 1 < count and old is None:  # cancelled part-way: the complete documents stay
                        _move_into_place(tmp, out, old=None)
                    raise
        manifest = {"seed": seed, "count": count, "difficulty": difficulty, "families": [f.value for f in fams],
                    "designs": list(dict.fromkeys(codes)), "reference_date": today.isoformat(), "documents": docs}
        _write_json(tmp / "pack.json", manifest)
        _move_into_place(tmp, out, old=old)
    except OSError as e:
        raise PackWriteError(_("cannot write the pack to {out}: {error}; choose a folder you can write to, on a disk "
                               "with room").format(out=out, error=e.strerror or e)) from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def _check_target(out: Path, *, replace: bool) -> Path | None:
    """Refuse what ``out`` must not be; return it when it is a pack to replace (None when missing or empty)."""
    if out.exists() and not out.is_dir():
        raise PackWriteError(_("{out} is a file: choose a folder for the pack").format(out=out))
    try:
        entries = sorted(out.iterdir()) if out.is_dir() else []
    except OSError as e:
        raise PackWriteError(_("cannot list {out} ({error}): choose a folder you can write to").format(
            out=out, error=e.strerror or e)) from e
    if not entries:
        return None
    # A pack, or what a cancel left of one (its complete documents, no pack.json): nothing but a pack's entries.
    is_pack = all(e.is_file() if e.name == "pack.json" else _is_pack_folder(e) for e in entries)
    if not is_pack:
        raise PackWriteError(_("{out} already holds files: choose a new or empty folder for the pack").format(out=out))
    if not replace:
        raise PackWriteError(_("{out} already holds an exercise pack: choose a new folder, or replace that pack "
                               "(`--replace`; its documents and keys are deleted)").format(out=out))
    return out


def _is_pack_folder(entry: Path) -> bool:
    return entry.is_dir() and (entry.name == "reference" or entry.name.startswith("doc-"))


def _temporary_folder(out: Path) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.part-", dir=out.parent))
    except OSError as e:
        raise PackWriteError(_("cannot write the pack to {out}: {error}; choose a folder you can write to").format(
            out=out, error=e.strerror or e)) from e


def _move_into_place(tmp: Path, out: Path, *, old: Path | None) -> None:
    """Rename the finished folder ``tmp`` to ``out``: over an empty folder directly, over a pack (``old``) by moving
    the pack aside first and deleting it once the new one is in place."""
    if old is None:
        if out.is_dir():
            out.rmdir()  # empty (checked): rename() cannot replace a folder on every system
        os.replace(tmp, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(old, aside / "pack")
    try:
        os.replace(tmp, out)
    except BaseException:
        os.replace(aside / "pack", old)  # put the old pack back
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)


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
    UntrustedInputError
        If the file is unreadable, not JSON (within :mod:`docexam.jsonsafe`'s bounds) or not of that shape; the
        message says where. A ``ValueError``.
    """
    obj = load_file(path)
    docs = obj.get("documents") if isinstance(obj, dict) else None
    if not isinstance(docs, dict):
        raise UntrustedInputError(
            str(path), _('expected an object with "documents": {"doc-0001": {"verdict": ..., "marks": [...]}}')
        )
    return check_answers(docs, source=str(path))


def check_answers(docs: Mapping[str, object], *, source: str) -> dict[str, dict]:
    """The answers per document (``{"doc-0001": {"verdict": ..., "marks": [...]}}``) once checked: each an object,
    its verdict one of :data:`VERDICTS` (or its casework wording, ``forged/altered``: given back as the stored value)
    or null, its marks a list of objects with a ``bbox`` of four finite numbers
    and, if given, a ``light`` as text.

    Raises
    ------
    UntrustedInputError
        The first thing of the wrong shape, named with ``source`` and the document.
    """
    out: dict[str, dict] = {}
    for doc_id, ans in docs.items():
        if not isinstance(ans, Mapping):
            raise UntrustedInputError(source, _("the answer for {doc_id} must be an object with a verdict and marks").format(
                doc_id=doc_id))
        verdict = ans.get("verdict")
        named = ExerciseVerdict.named(verdict) if isinstance(verdict, str) else None
        if verdict is not None and named is None:
            raise UntrustedInputError(source, _("{doc_id} has verdict {verdict}; use one of {names} ({labels} in the "
                                                "casework wording)").format(
                doc_id=doc_id, verdict=repr(verdict), names=', '.join(VERDICTS), labels=', '.join(v.label for v in VERDICTS)))
        marks = ans.get("marks", [])
        if not isinstance(marks, list | tuple):
            raise UntrustedInputError(source, _('{doc_id} has marks {marks}; marks are a list of {{"bbox": [x, y, w, h], "light": ...}}').format(doc_id=doc_id, marks=repr(marks)))
        for m in marks:
            box = m.get("bbox") if isinstance(m, Mapping) else None
            if not _is_box(box):
                raise UntrustedInputError(source, _("{doc_id} has a mark without a [x, y, w, h] bbox of numbers: {mark}").format(
                    doc_id=doc_id, mark=repr(m)))
            if "light" in m and not isinstance(m["light"], str):
                raise UntrustedInputError(source, _("{doc_id} has a mark whose light is not a name: {mark}").format(
                    doc_id=doc_id, mark=repr(m)))
        out[str(doc_id)] = dict(ans) | ({"verdict": named.value} if named is not None else {})
    return out


def _is_box(box: object) -> bool:
    return (isinstance(box, list | tuple) and len(box) == 4
            and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in box))


def load_key(path: Path) -> dict:
    """A document's answer key (``doc-NNNN/key.json``), checked for what scoring reads: ``id``, ``family`` and
    ``verdict`` (one of :data:`VERDICTS`) as text, ``design`` as text if there is one, ``alterations`` a list of objects with a ``kind``, the
    ``lights`` that show it (a list of names) and a ``bbox`` of four numbers.

    Raises
    ------
    UntrustedInputError
        The key is unreadable, not JSON or lacks one of those; the message says which.
    """
    key = load_file(path)
    src = str(path)
    hint = "the key was not written by `docexam exercise generate` or was edited: generate the pack again"
    if not isinstance(key, dict):
        raise UntrustedInputError(src, _("an answer key must be a JSON object"), hint)
    for name in ("id", "family", "verdict"):
        if not isinstance(key.get(name), str):
            raise UntrustedInputError(src, _("the answer key has no {name} (text)").format(name=repr(name)), hint)
    if not isinstance(key.get("design", ""), str):  # keys written before there were many designs have none
        raise UntrustedInputError(src, _("the answer key's 'design' is not a design code (text)"), hint)
    if key["verdict"] not in VERDICTS:
        raise UntrustedInputError(src, _("the answer key's verdict {key} is not one of {names}").format(
            key=repr(key['verdict']), names=', '.join(VERDICTS)),
                                  hint)
    alterations = key.get("alterations")
    if not isinstance(alterations, list):
        raise UntrustedInputError(src, _("the answer key has no list of 'alterations'"), hint)
    for i, a in enumerate(alterations, 1):
        if not (isinstance(a, dict) and isinstance(a.get("kind"), str)):
            raise UntrustedInputError(src, _("alteration {number} of the answer key has no 'kind'").format(
                number=i), hint)
        lights = a.get("lights")
        if not (isinstance(lights, list) and all(isinstance(v, str) for v in lights)):
            raise UntrustedInputError(src, _("alteration {number} of the answer key has no list of 'lights'").format(
                number=i), hint)
        if not _is_box(a.get("bbox")):
            raise UntrustedInputError(src, _("alteration {number} of the answer key has no [x, y, w, h] 'bbox' of "
                                             "numbers").format(number=i),
                                      hint)
        if not isinstance(a.get("detail", ""), str):
            raise UntrustedInputError(src, _("alteration {number} of the answer key has a 'detail' that is not text").format(
                number=i), hint)
    return key


def score(pack: Path, answers: Mapping[str, dict]) -> dict:
    """Score answers (checked by :func:`check_answers`) against a pack's keys: per document and in total.

    Raises
    ------
    ValueError
        The folder holds no answer keys; an :class:`~docexam.errors.UntrustedInputError` for a key or an answer of
        the wrong shape.
    """
    keys = sorted(Path(pack).glob("doc-*/key.json"))
    if not keys:
        raise ValueError(_("{pack} holds no doc-*/key.json answer keys: is it an exercise pack?").format(pack=pack))
    answers = check_answers(answers, source="the answers")
    rows = []
    for key_path in keys:
        key = load_key(key_path)
        ans = answers.get(key["id"], {})
        marks = ans.get("marks", [])
        found = sum(any(mark_matches(m, a) for m in marks) for a in key["alterations"])
        false_marks = sum(not any(mark_matches(m, a) for a in key["alterations"]) for m in marks)
        rows.append({
            "id": key["id"], "family": key["family"], "design": key.get("design"), "expected": key["verdict"], "answered": ans.get("verdict"),
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
