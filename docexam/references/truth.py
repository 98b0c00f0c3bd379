"""The true annotation of a generated document, from its design (:mod:`docexam.specimens.designs`), and how an
automatic annotation scores against it: what the tests of :mod:`docexam.references.annotate` and
``bench/annotate_bench.py`` measure with.

A VIZ value's true box is where its ink is: the difference between the document and the same document with its
VIZ values left blank, inside the field's slot (a slot is as wide as the longest value it may hold).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from docexam.lights import Light
from docexam.references.boxes import overlap
from docexam.references.model import Annotation, Box, Expect, Expectation, Region, Role, Source
from docexam.specimens.render import Specimen, render

__all__ = ["MIRRORED", "RoleScore", "generated_truth", "iou", "score"]

#: The design's VIZ slots that repeat an MRZ field, and the field they repeat (Doc 9303 Part 3, 4.1).
MIRRORED = {"number": "document_number", "surname": "surname", "given_names": "given_names",
            "birth_date": "birth_date", "expiry_date": "expiry_date", "sex": "sex", "code": "issuing_state"}


def iou(a: Box, b: Box) -> float:
    inter = overlap(a, b)
    return inter / float(a[2] * a[3] + b[2] * b[3] - inter) if inter else 0.0


def _ink_box(diff: np.ndarray, slot: Box) -> Box | None:
    x, y, w, h = slot
    ys, xs = np.nonzero(diff[max(0, y) : y + h, max(0, x) : x + w])
    if xs.size < 10:
        return None
    return int(x + xs.min()), int(y + ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


def generated_truth(specimen: Specimen, images: Mapping[str, np.ndarray], *, dpi: int) -> list[Region]:
    """The regions a perfect annotation of the generated ``specimen`` (rendered as ``images`` at ``dpi``) holds:
    MRZ, portrait, ghost, the VIZ values the MRZ repeats (their ink), the UV emblem; with their IR and UV
    behaviour."""
    fam = specimen.family
    out = [Region("mrz", Role.MRZ, fam.mrz_box(len(specimen.mrz)).px(dpi), source=Source.EXAMINER,
                  expectations=(Expectation(Light.IR.value, Expect.ABSORBS),)),
           Region("portrait", Role.PORTRAIT, fam.portrait.px(dpi), source=Source.EXAMINER)]
    if fam.ghost is not None:
        out.append(Region("ghost", Role.GHOST, fam.ghost.px(dpi), source=Source.EXAMINER,
                          expectations=(Expectation(Light.IR.value, Expect.DROPS_OUT),
                                        Expectation(Light.UV.value, Expect.FLUORESCES))))
    if fam.signature is not None:
        out.append(Region("signature", Role.SIGNATURE, fam.signature.px(dpi), source=Source.EXAMINER))
    if specimen.features.uv_emblem == "present":
        out.append(Region("uv-emblem", Role.UV_FEATURE, fam.emblem.px(dpi), source=Source.EXAMINER,
                          expectations=(Expectation(Light.UV.value, Expect.FLUORESCES),)))
    blank = render(specimen.replace(viz={k: "" for k in specimen.viz}), dpi=dpi)[Light.VISIBLE]
    diff = np.abs(images[Light.VISIBLE].astype(np.int16) - blank.astype(np.int16)).max(axis=2) > 40
    for slot in fam.fields:
        if slot.key not in MIRRORED or not specimen.viz.get(slot.key):
            continue
        box = _ink_box(diff, slot.value_box().px(dpi))
        if box is None:
            continue
        ir_absorbs = slot.ir_absorbing or (slot.key == "number" and fam.engraved_number)
        expects = [Expectation(Light.IR.value, Expect.ABSORBS if ir_absorbs else Expect.DROPS_OUT)]
        if slot.uv_fluorescent and specimen.features.uv_number:
            expects.append(Expectation(Light.UV.value, Expect.FLUORESCES))
        out.append(Region(f"viz-{MIRRORED[slot.key]}", Role.VIZ_FIELD, box, MIRRORED[slot.key], tuple(expects),
                          Source.EXAMINER, note=specimen.viz[slot.key]))
    return out


@dataclass
class RoleScore:
    """Found against true regions of one role (or VIZ field): ``hits`` true regions found (IoU at least the
    threshold), ``truths`` true regions, ``found`` regions the annotation drew, ``right`` of those that hit a true
    one; and of the true regions' expectations (``expect_total``), how many the found ones hold (``expect_right``)
    and contradict (``expect_wrong``: the opposite asserted)."""

    hits: int = 0
    truths: int = 0
    found: int = 0
    right: int = 0
    expect_right: int = 0
    expect_wrong: int = 0
    expect_total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: RoleScore) -> None:
        self.hits += other.hits
        self.truths += other.truths
        self.found += other.found
        self.right += other.right
        self.expect_right += other.expect_right
        self.expect_wrong += other.expect_wrong
        self.expect_total += other.expect_total
        self.misses += other.misses

    @property
    def recall(self) -> float | None:
        return self.hits / self.truths if self.truths else None

    @property
    def precision(self) -> float | None:
        return self.right / self.found if self.found else None


#: IoU from which a found region is the true one, per role: a UV emblem's slot is larger than its drawing.
IOU = {Role.MRZ: 0.6, Role.PORTRAIT: 0.6, Role.GHOST: 0.5, Role.VIZ_FIELD: 0.4, Role.UV_FEATURE: 0.3,
       Role.SIGNATURE: 0.3}


def _key(r: Region) -> str:
    return f"viz:{r.field}" if r.role is Role.VIZ_FIELD else r.role.value


def score(annotation: Annotation, truth: Iterable[Region]) -> dict[str, RoleScore]:
    """Per role (VIZ fields per field: ``viz:surname``...), how ``annotation`` finds the regions of ``truth``."""
    truth = list(truth)
    out: dict[str, RoleScore] = {}
    found = [r for r in annotation.regions if r.role in IOU and not (r.role is Role.VIZ_FIELD and r.field is None)]
    for t in truth:
        s = out.setdefault(_key(t), RoleScore())
        s.truths += 1
        same = [r for r in found if _key(r) == _key(t)]
        best = max(same, key=lambda r: iou(r.box, t.box), default=None)
        if best is None or iou(best.box, t.box) < IOU[t.role]:
            s.misses.append(f"{t.id}: {'not found' if best is None else f'IoU {iou(best.box, t.box):.2f}'}")
            continue
        s.hits += 1
        for e in t.expectations:
            got = best.expects(e.light)
            s.expect_total += 1  # one not drawn is not right (the examiner must add it), nor wrong
            s.expect_right += got is e.expect
            s.expect_wrong += got is not None and got is not e.expect
    for r in found:
        s = out.setdefault(_key(r), RoleScore())
        s.found += 1
        s.right += any(_key(t) == _key(r) and iou(r.box, t.box) >= IOU[r.role] for t in truth)
    return out
