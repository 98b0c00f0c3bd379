"""Forgery-detection training, Qt-free: a pack's options checked before anything is written, its generation with
progress and cancel (for a worker thread), a trainee's marks and verdicts, scoring against the answer keys, and the
attempt kept in the store.

Packs, keys and scoring are :mod:`docexam.specimens.exercise`'s; this module only gives them the shape the
workstation needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from psygnal import SignalGroupDescriptor

from docexam.i18n import _
from docexam.lights import LIGHTS
from docexam.specimens.design import FAMILIES, FamilyName
from docexam.specimens.exercise import VERDICTS, check_answers, generate_pack, load_key, pack_designs, score
from docexam.specimens.forgery import DIFFICULTIES, Kind
from docexam.workbench.tasks import Cancelled, CancelToken, Progress

if TYPE_CHECKING:
    from docexam.store.store import Store

#: The most documents one pack may hold: a pack of 500 takes about ten minutes and a gigabyte.
MAX_COUNT = 500
#: What a trainee may say a mark shows: the kinds of alteration the packs seed.
MARK_KINDS = tuple(k.value for k in Kind)

# --------------------------------------------------------------------------------------------------------------
# Generating a pack


@dataclass(frozen=True)
class PackOptions:
    """What to generate: ``count`` documents of ``families`` at ``difficulty`` from ``seed`` into ``out``.

    ``designs`` as :func:`docexam.specimens.exercise.generate_pack` takes it: ``None``, Utopia's design of each of
    ``families``; a number N, N generated designs of ``families`` (all five families, MRV-B among them, when
    ``families`` is empty) chosen by the seed; or design codes (``("CSP-TD1-3", "UTO-TD3")``), of ``families``
    when those are given.

    Raises
    ------
    ValueError
        On construction, for anything :func:`generate` would refuse or regret: a count outside 1..MAX_COUNT, no or
        unknown families, unknown designs or designs of other families, an unknown difficulty, a negative seed, no
        output folder, or one that already holds files (a pack must not mix with other files: scoring reads every
        ``doc-*/key.json`` there).
    """

    count: int
    families: tuple[str, ...]
    difficulty: str
    seed: int
    out: Path
    today: dt.date | None = None
    designs: int | tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or not 1 <= self.count <= MAX_COUNT:
            raise ValueError(_("the number of documents must be from 1 to {max_count}, got {count}").format(
                max_count=MAX_COUNT, count=repr(self.count)))
        fams = tuple(self.families)
        if not fams and self.designs is None:
            raise ValueError(_("choose at least one document family"))
        # Utopia has a design of four families; generated designs are of all five (MRV-B visas among them).
        known = [f.value for f in (FAMILIES if self.designs is None else FamilyName)]
        for f in fams:
            if f not in known:
                raise ValueError(_("unknown document family {family}; choose from {names}").format(
                    family=repr(f), names=', '.join(known)))
        object.__setattr__(self, "families", tuple(dict.fromkeys(fams)))
        if self.difficulty not in DIFFICULTIES:
            raise ValueError(_("unknown difficulty {difficulty}; choose one of {names}").format(
                difficulty=repr(self.difficulty), names=', '.join(DIFFICULTIES)))
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(_("the seed must be a whole number from 0, got {seed}").format(seed=repr(self.seed)))
        if self.designs is not None:
            designs = self.designs if isinstance(self.designs, int) else tuple(self.designs)
            pack_designs(designs, seed=self.seed, families=self.families or None)  # raises what generate would
            object.__setattr__(self, "designs", designs)
        if not str(self.out).strip():
            raise ValueError(_("choose a folder to write the pack to"))
        out = Path(self.out).expanduser()
        object.__setattr__(self, "out", out)
        if out.exists() and not out.is_dir():
            raise ValueError(_("{out} is a file: choose a folder for the pack").format(out=out))
        if out.is_dir() and any(out.iterdir()):
            raise ValueError(_("{out} already holds files: choose a new or empty folder for the pack").format(out=out))


class PackCancelled(Cancelled):
    """The trainer cancelled a pack part-way: the documents written so far stay, each complete with its key, but
    the pack has no ``pack.json``."""

    def __init__(self, done: int, total: int, out: Path) -> None:
        super().__init__(_("generating the pack"))
        self.done, self.total, self.out = done, total, out
        self.args = (f"the pack was cancelled after {done} of {total} document(s); {out} holds those, without "
                     "pack.json",)


def generate(options: PackOptions, *, progress: Progress | None = None, cancel: CancelToken | None = None) -> dict:
    """Write the pack ``options`` describe and return its manifest (as ``docexam exercise generate``).

    Progress is reported once before the reference specimens are drawn and after each document (the generator
    reports nothing finer). Cancelling takes effect between documents: the current one is finished first, so no
    image or key is left half-written.

    Raises
    ------
    Cancelled
        ``cancel`` was set before anything was written.
    PackCancelled
        ``cancel`` was set part-way (a :class:`Cancelled` too).
    """
    if not isinstance(options, PackOptions):
        raise TypeError(f"options must be a PackOptions, got {type(options).__name__}")
    report = progress or (lambda _f, _m: None)
    cancel = cancel or CancelToken()
    cancel.check("generating the pack")
    drawn = (', '.join(options.families) if options.designs is None else
             f"{options.designs} designs" if isinstance(options.designs, int) else ', '.join(options.designs))
    report(0.0, f"drawing the reference specimens ({drawn})")

    def each(done: int, total: int) -> None:
        report(done / total, f"{done} of {total} documents written")
        if cancel.cancelled and done < total:
            raise PackCancelled(done, total, options.out)

    return generate_pack(options.out, count=options.count, seed=options.seed, families=list(options.families) or None,
                         difficulty=options.difficulty, today=options.today, progress=each, designs=options.designs)


# --------------------------------------------------------------------------------------------------------------
# A trainee's marks


@dataclass(frozen=True)
class Mark:
    """A region a trainee marked as suspicious: its light, box ``(x, y, w, h)`` in reference-specimen pixels (the
    answer keys' frame), and optionally what the trainee thinks it shows."""

    light: str
    bbox: tuple[int, int, int, int]
    kind: str | None = None

    def to_answer(self) -> dict[str, Any]:
        """The mark as ``docexam exercise score --answers`` reads it."""
        return {"bbox": list(self.bbox), "light": self.light, **({"kind": self.kind} if self.kind else {})}


def make_mark(light: str, bbox: Sequence[float], kind: str | None = None) -> Mark:
    """A checked :class:`Mark`.

    Raises
    ------
    ValueError
        An unknown light or kind, or a box that is not four numbers with a positive width and height inside the
        image (x and y from 0).
    """
    if light not in LIGHTS:  # the lights of the pack's captures
        raise ValueError(_("a mark's light must be one of {names}, got {light}").format(
            names=', '.join(LIGHTS), light=repr(light)))
    try:
        values = [float(v) for v in bbox]
    except (TypeError, ValueError):
        raise ValueError(_("a mark's box must be four numbers x, y, width, height, got {bbox}").format(
            bbox=repr(bbox))) from None
    if len(values) != 4:
        raise ValueError(_("a mark's box must be four numbers x, y, width, height, got {bbox}").format(bbox=repr(bbox)))
    x, y, w, h = (round(v) for v in values)
    if w <= 0 or h <= 0:
        raise ValueError(_("a mark needs a positive width and height, got {w} x {h}").format(w=w, h=h))
    if x < 0 or y < 0:
        raise ValueError(_("a mark starts inside the image (x and y from 0), got x={x}, y={y}").format(x=x, y=y))
    if kind is not None and kind not in MARK_KINDS:
        raise ValueError(_("unknown kind {kind}; choose one of {names}, or none").format(
            kind=repr(kind), names=', '.join(MARK_KINDS)))
    return Mark(light, (x, y, w, h), kind or None)


@dataclass(eq=False)
class Marks:
    """A document's marks, in the order they were made. Evented (:mod:`docexam.workbench.events`): ``events.items``
    emits ``(new, old)`` after each change."""

    items: tuple[Mark, ...] = ()
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "items":
            value = tuple(value)
            if not all(isinstance(m, Mark) for m in value):
                raise ValueError("marks must be Mark objects (make them with make_mark)")
        super().__setattr__(name, value)

    def add(self, light: str, bbox: Sequence[float], kind: str | None = None) -> Mark:
        """Add a mark (checked by :func:`make_mark`) and return it."""
        mark = make_mark(light, bbox, kind)
        self.items = (*self.items, mark)
        return mark

    def remove(self, index: int) -> Mark:
        if not isinstance(index, int) or not 0 <= index < len(self.items):
            raise ValueError(_("there is no mark {index}; there are {count}").format(
                index=repr(index), count=len(self.items)))
        mark = self.items[index]
        self.items = self.items[:index] + self.items[index + 1:]
        return mark

    def clear(self) -> None:
        self.items = ()

    @staticmethod
    def validate(light: str, bbox: Sequence[float], kind: str | None = None) -> str | None:
        """Why a mark would be refused, or None if it would be taken."""
        try:
            make_mark(light, bbox, kind)
        except ValueError as e:
            return str(e)
        return None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Mark]:
        return iter(self.items)

    def __getitem__(self, index: int) -> Mark:
        return self.items[index]

    def to_answers(self) -> list[dict[str, Any]]:
        return [m.to_answer() for m in self.items]


# --------------------------------------------------------------------------------------------------------------
# A pack to answer, and its keys


def pack_documents(pack: Path) -> list[str]:
    """The questioned documents of a pack (``doc-*`` folders with at least one capture), in order. A copy handed to
    trainees has no keys, so keys are not needed here."""
    pack = Path(pack)
    if not pack.is_dir():
        raise ValueError(_("{pack} is not a folder: open an exercise pack's folder").format(pack=pack))
    docs = sorted(p.name for p in pack.glob("doc-*") if p.is_dir() and any(p.glob("*.png")))
    if not docs:
        raise ValueError(_("{pack} holds no doc-* folders with captures: is it an exercise pack?").format(pack=pack))
    return docs


def capture_paths(pack: Path, document: str) -> dict[str, Path]:
    """``{light: path}`` of a document's captures (for the viewer)."""
    folder = Path(pack) / document
    return {light: folder / f"{light}.png" for light in LIGHTS if (folder / f"{light}.png").exists()}


@dataclass(frozen=True)
class KeyRegion:
    """One alteration of an answer key: what was done, the lights that show it, and where (reference pixels)."""

    kind: str
    lights: tuple[str, ...]
    bbox: tuple[int, int, int, int]
    detail: str = ""


def answer_key(pack: Path) -> dict[str, dict[str, Any]]:
    """Per document: its expected ``verdict``, ``family``, ``design`` (None in a pack written before there were many
    designs: Utopia's) and ``alterations`` (a list of :class:`KeyRegion`).

    Raises
    ------
    ValueError
        The folder has no ``doc-*/key.json``; an :class:`~docexam.errors.UntrustedInputError` when a key is
        unreadable or of the wrong shape (:func:`docexam.specimens.exercise.load_key`).
    """
    keys = sorted(Path(pack).glob("doc-*/key.json"))
    if not keys:
        raise ValueError(_("{pack} holds no doc-*/key.json answer keys: open the pack with its keys to score").format(
            pack=pack))
    out = {}
    for path in keys:
        key = load_key(path)
        out[key["id"]] = {"verdict": key["verdict"], "family": key["family"], "design": key.get("design"),
                          "alterations": [KeyRegion(a["kind"], tuple(a["lights"]), tuple(int(v) for v in a["bbox"]),
                                                    a.get("detail", "")) for a in key["alterations"]]}
    return out


# --------------------------------------------------------------------------------------------------------------
# Answers, scoring, the attempt


@dataclass
class Attempt:
    """A trainee's answers to a pack as they are being given: per document a verdict and its :class:`Marks`."""

    documents: list[str]
    verdicts: dict[str, str | None] = field(default_factory=dict)
    marks: dict[str, Marks] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for doc in self.documents:
            self.marks.setdefault(doc, Marks())
            self.verdicts.setdefault(doc, None)

    def _need(self, document: str) -> None:
        if document not in self.marks:
            raise ValueError(_("there is no document {document} in this pack").format(document=repr(document)))

    def set_verdict(self, document: str, verdict: str | None) -> None:
        self._need(document)
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(_("a verdict is one of {names}, got {verdict}").format(
                names=', '.join(VERDICTS), verdict=repr(verdict)))
        self.verdicts[document] = verdict

    def marks_of(self, document: str) -> Marks:
        self._need(document)
        return self.marks[document]

    def answered(self, document: str) -> bool:
        """Whether ``document`` has an answer: a verdict or at least one mark (what the document list ticks)."""
        self._need(document)
        return self.verdicts[document] is not None or len(self.marks[document]) > 0

    def answers(self) -> dict[str, dict[str, Any]]:
        """``{"documents": {...}}`` as ``docexam exercise score --answers`` reads it; documents neither judged nor
        marked are left out (unanswered)."""
        docs = {}
        for doc in self.documents:
            verdict, marks = self.verdicts[doc], self.marks[doc]
            if verdict is not None or len(marks):
                docs[doc] = {"verdict": verdict, "marks": marks.to_answers()}
        return {"documents": docs}


def _check_answers(answers: Mapping[str, Any]) -> dict[str, dict]:
    docs = answers.get("documents", answers) if isinstance(answers, Mapping) else None
    if not isinstance(docs, Mapping):
        raise ValueError(_('answers must be {"documents": {"doc-0001": {"verdict": ..., "marks": [...]}}}'))
    return check_answers(docs, source="the answers")


def score_attempt(pack: Path, answers: Mapping[str, Any]) -> dict:
    """Score ``answers`` (``{"documents": {...}}``, or the inner mapping) against the pack's keys with
    :func:`docexam.specimens.exercise.score`: per document and in total, ``total["score"]`` out of 100.

    Raises
    ------
    ValueError
        Answers of the wrong shape, or a folder without answer keys.
    """
    return score(Path(pack), _check_answers(answers))


def record_attempt(store: Store, pack: Path, *, trainee: str, answers: Mapping[str, Any],
                   result: Mapping[str, Any]) -> dict:
    """Keep the attempt in the store as ``docexam exercise score --trainee`` does: the pack's absolute path as the
    exercise, the answers, the score from 0 to 1."""
    docs = _check_answers(answers)
    return store.record_attempt(exercise=str(Path(pack).resolve()), trainee=trainee, answers={"documents": docs},
                                score=float(result["total"]["score"]) / 100)
