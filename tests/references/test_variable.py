"""Learning a document type's variable areas from two genuine specimens of different holders."""

from __future__ import annotations

import numpy as np
import pytest

from docexam.references.annotate import DesignMismatchError, annotate, learn_variable
from docexam.references.model import Role
from docexam.references.truth import MIRRORED, generated_truth
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from tests.conftest import TODAY


def _specimen(code: str, seed: int):
    specimen = random_specimen(design(code), seed, today=TODAY)
    images = {str(k): v for k, v in render(specimen, dpi=300).items()}
    return specimen, images, annotate(images, dpi=300, today=TODAY, ocr=False)


@pytest.fixture(scope="module")
def two_holders():
    return _specimen("ARC-TD3-1", 1), _specimen("ARC-TD3-1", 2)


def _centre_in(box, boxes) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return any(b[0] <= cx <= b[0] + b[2] and b[1] <= cy <= b[1] + b[3] for b in boxes)


def _slot(field: str | None) -> str:
    return next(k for k, v in MIRRORED.items() if v == field)


def _covered(box, boxes) -> float:
    """Share of ``box`` inside the union of ``boxes``."""
    x, y, w, h = box
    mask = np.zeros((h, w), bool)
    for bx, by, bw, bh in boxes:
        mask[max(0, by - y) : max(0, by + bh - y), max(0, bx - x) : max(0, bx + bw - x)] = True
    return float(mask.mean())


def test_two_holders_of_one_design_teach_where_the_holders_data_is(two_holders):
    (spec, images, ann), (other, other_images, other_ann) = two_holders
    # without OCR the single annotation knows nothing of the VIZ values; the second holder shows where they are
    truth = generated_truth(spec, images, dpi=300)
    before = [r.box for r in ann.by_role(Role.PERSONALISED)]
    viz = [t for t in truth if t.role is Role.VIZ_FIELD]
    assert viz and not all(_centre_in(t.box, before) for t in viz)
    learnt = learn_variable([(images, ann), (other_images, other_ann)])
    after = [r.box for r in learnt.by_role(Role.PERSONALISED)]
    # every value that differs between the two holders is found where it differs (a date of the same month differs
    # in its day and year only); the portrait, ghost and MRZ stay personalised
    differing = [t for t in viz if other.viz.get(_slot(t.field)) != spec.viz.get(_slot(t.field))]
    assert differing
    missed = [(t.id, round(_covered(t.box, after), 2)) for t in differing if _covered(t.box, after) < 0.3]
    assert not missed, missed
    for t in truth:
        if t.role in (Role.PORTRAIT, Role.MRZ, Role.GHOST):
            assert _covered(t.box, after) > 0.9, t.id
    # the fixed design stays fixed: the personalised areas cover well under half the page
    h, w = images["visible"].shape[:2]
    covered = sum(b[2] * b[3] for b in after)
    assert covered < 0.5 * h * w
    # the other regions are kept as they were
    assert [r for r in learnt.regions if r.role is not Role.PERSONALISED] == \
        [r for r in ann.regions if r.role is not Role.PERSONALISED]


def test_specimens_of_two_designs_are_refused(two_holders):
    (_, images, ann), _ = two_holders
    _, other_images, other_ann = _specimen("NVR-TD1-3", 1)
    with pytest.raises(DesignMismatchError, match="specimen 2 is not of the first specimen's design"):
        learn_variable([(images, ann), (other_images, other_ann)])


def test_one_specimen_is_not_enough(two_holders):
    (_, images, ann), _ = two_holders
    with pytest.raises(ValueError, match="two or more"):
        learn_variable([(images, ann)])
    with pytest.raises(ValueError, match="specimen 2 is not"):
        learn_variable([(images, ann), ({"uv": images["uv"]}, ann)])
