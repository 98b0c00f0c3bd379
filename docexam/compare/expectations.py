"""What each region of an examiner's reference should show in IR and under UV, checked against the specimen itself.

A library reference's annotation says, region by region, whether its ink absorbs in IR or drops out (carbon and
B900 inks stay dark at about 870 nm, dye inks vanish: Doc 9303 Part 3, 4.5 and 4.11) and whether it fluoresces
under UV, in which colour, or stays dull (Part 3, 4.11: the substrate must not fluoresce unless for security). The
regions are whatever the annotation holds: the MRZ, every VIZ field, the signature, a document number printed or
perforated elsewhere, UV and IR features (:attr:`docexam.compare.reference.Reference.expected`), not a fixed list
of names.

Each measure is taken on the questioned document and on the reference specimen alike, in the same box, and the two
are compared: the specimen's own measure is what the region shows on a genuine document of the type, so a field
printed over background art that absorbs a little in IR, or a glow dimmed by the print over it, is no evidence. The
holder's data differ between the two documents, so only integrals over the region are compared (the ink's IR
darkness for its daylight darkness, the glow above the paper), never the pixels.

A folder's reference (``specimen.json``) is checked as it always was, by :func:`docexam.compare.checks.ir_regions`
and :func:`docexam.compare.checks.uv_personalisation`; these checks replace those two for a library reference.
"""

from __future__ import annotations

import numpy as np

from docexam.compare.checks import _MIN_INK, _REPORT, Examination, _crop, _fluorescence, _grade, ink_ratio, working_box
from docexam.compare.reference import Expected
from docexam.compare.result import Finding, FindingKind, measured, rgb
from docexam.details import say
from docexam.lights import Expect, Light

__all__ = ["check_ir_expectations", "check_uv_expectations", "glow"]

#: Regions whose light behaviour has checks of their own (the portrait's photograph checks, the UV emblem's).
_OWN_CHECKS = {Light.IR: frozenset({"portrait"}), Light.UV: frozenset({"portrait", "uv_emblem"})}
#: Where the specimen's IR ratio is taken from, clamped: an absorbing ink keeps at least half its daylight darkness
#: (:data:`docexam.references.inks.ABSORBS_FROM`), an ink that drops out at most a fifth.
_ABSORBING_AT_LEAST = 0.5
_DROPPING_AT_MOST = 0.2
#: Grey levels above the paper from which a pixel glows under UV (the annotation's own threshold,
#: :data:`docexam.references.inks.GLOW_ABOVE_PAPER`).
GLOW_ABOVE_PAPER = 15.0


def _box(exam: Examination, expected: Expected) -> tuple[int, int, int, int] | None:
    h, w = exam.fixed.shape
    return working_box(expected.box, exam.scale, (w, h))


def _regions(exam: Examination, light: Light) -> list[tuple[str, Expected, tuple[int, int, int, int]]]:
    out = []
    for name, e in sorted((exam.reference.expected or {}).items()):
        if name in _OWN_CHECKS[light] or (e.ir if light is Light.IR else e.uv) is None:
            continue
        box = _box(exam, e)
        if box is not None and box[2] >= 2 and box[3] >= 2:
            out.append((name, e, box))
    return out


# --- IR --------------------------------------------------------------------------------------------------------


def check_ir_expectations(exam: Examination) -> list[Finding]:
    """Each region expected to absorb in IR keeps its ink as dark, for its daylight darkness, as the specimen's ink
    there does; each region expected to drop out vanishes as far as the specimen's does.

    The measure is :func:`docexam.compare.checks.ink_ratio` (IR darkness of the ink for its daylight darkness: about 1
    for absorbing ink, about 0 for ink that drops out), taken on both documents; the grading is that of
    :func:`docexam.compare.checks.ir_regions` applied to the questioned ratio against the specimen's own (the same
    where the specimen's ink is ideal).
    """
    if Light.IR not in exam.questioned or Light.VISIBLE not in exam.questioned:
        return []
    out = []
    for name, e, box in _regions(exam, Light.IR):
        ratio, ink = ink_ratio(exam, box)
        if ink < _MIN_INK:
            continue
        own, own_ink = ink_ratio(exam, box, reference=True)
        if own_ink < _MIN_INK:
            continue  # the specimen has no ink there to say what the region shows
        bbox = e.box
        # the measure on both documents: what the specimen's ink there shows is what is expected
        expected, seen = measured("ir_ink_ratio", own), measured("ir_ink_ratio", ratio)
        if e.ir is Expect.ABSORBS:
            base = float(np.clip(own, _ABSORBING_AT_LEAST, 1.0))
            kept = ratio / base
            s = _grade(1 - kept, note=0.3, alarm=0.45, certain=0.7)
            if s < _REPORT:
                continue
            if ratio >= 0.1 and name != "mrz":
                out.append(Finding(FindingKind.VIZ_FIELD, Light.IR, bbox, s, name, expected=expected, seen=seen,
                                   said=say("ir_reprinted_vs", name=name, ratio=ratio, own=own)))
            else:
                out.append(Finding(FindingKind.IR_DROPOUT, Light.IR, bbox, s, name, expected=expected, seen=seen,
                                   said=say("ir_fades_vs", name=name, ratio=ratio, own=own)))
        else:
            excess = ratio - float(np.clip(own, 0.0, _DROPPING_AT_MOST))
            s_ink = _grade(excess, note=0.2, alarm=0.45, certain=0.7)
            s_residue = _grade(excess, note=0.04, alarm=0.08, certain=0.2)
            if excess >= 0.45 and s_ink >= _REPORT:
                out.append(Finding(FindingKind.IR_NO_DROPOUT, Light.IR, bbox, s_ink, name, expected=expected, seen=seen,
                                   said=say("ir_stays_dark_vs", name=name, ratio=ratio, own=max(own, 0))))
            elif s_residue >= _REPORT:
                kind = FindingKind.VIZ_FIELD if name.startswith("viz:") else FindingKind.IR_NO_DROPOUT
                out.append(Finding(kind, Light.IR, bbox, max(s_residue, s_ink), name, expected=expected, seen=seen,
                                   said=say("ir_residue", name=name, ratio=ratio, own=max(own, 0))))
    return out


# --- UV --------------------------------------------------------------------------------------------------------


def glow(exam: Examination, box: tuple[int, int, int, int], *, reference: bool) -> tuple[float, float, np.ndarray]:
    """How ``box`` glows under UV: the mean glow above the specimen's paper (grey levels, what does not glow counted
    as 0), the share of its pixels that glow (:data:`GLOW_ABOVE_PAPER` and more), and the mean RGB of those pixels
    (zeros when none)."""
    sigma = exam.blur[Light.UV] if reference else 0.0
    f = np.clip(_fluorescence(exam, box, reference=reference, sigma=sigma), 0, None)
    lit = f > GLOW_ABOVE_PAPER
    img = _crop(exam.references[Light.UV] if reference else exam.questioned[Light.UV], box)
    colour = img[lit].mean(axis=0) if lit.any() else np.zeros(3, np.float32)
    return float(f.mean()), float(lit.mean()), colour


def _chroma(rgb: np.ndarray) -> np.ndarray:
    return rgb / max(float(rgb.sum()), 1e-6)


def check_uv_expectations(exam: Examination) -> list[Finding]:
    """Each region expected to fluoresce glows, relative to the paper, about as much as the specimen's region and in
    its colour; each region expected to stay dull does not glow where the specimen's does not.

    A region of the holder's data (a fluorescent number, a ghost image) glows with its content, so its glow is
    compared leniently (as :func:`docexam.compare.checks.uv_personalisation` does); a fixed feature is the same on
    every document and must glow as much. Both images are normalised on their paper, so a paper's brighteners do not
    count here (:func:`docexam.compare.checks.paper_fluorescence` judges them).
    """
    if Light.UV not in exam.questioned:
        return []
    out = []
    for name, e, box in _regions(exam, Light.UV):
        q_mean, q_share, q_colour = glow(exam, box, reference=False)
        r_mean, r_share, r_colour = glow(exam, box, reference=True)
        if e.uv is Expect.FLUORESCES:
            if r_share < 0.02 or r_mean < 1.0:
                continue  # the specimen's region does not glow measurably here: nothing to compare with
            ratio = q_mean / r_mean
            if e.personal:
                s = _grade(1 - ratio, note=0.6, alarm=0.8, certain=0.95)
            else:
                s = _grade(1 - min(ratio, 1.0), note=0.3, alarm=0.5, certain=0.8)
            if s >= _REPORT:
                out.append(Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, e.box, s, name,
                                   expected=measured("uv_glow_ratio", 1.0), seen=measured("uv_glow_ratio", ratio),
                                   said=say("uv_weak", name=name, ratio=ratio)))
                continue
            if q_share >= 0.02:
                shift = float(np.abs(_chroma(q_colour) - _chroma(r_colour)).sum())
                s = _grade(shift, note=0.12, alarm=0.25, certain=0.45)
                if s >= _REPORT:
                    out.append(Finding(FindingKind.UV_FEATURE_MISSING, Light.UV, e.box, s, name,
                                       expected=measured("uv_colour", rgb(r_colour)),
                                       seen=measured("uv_colour", rgb(q_colour)),
                                       said=say("uv_colour", name=name, questioned=_rgb(q_colour),
                                                specimen=_rgb(r_colour))))
        else:  # DULL
            extra = q_share - r_share
            s = _grade(extra, note=0.1, alarm=0.2, certain=0.4)
            if s >= _REPORT:
                out.append(Finding(FindingKind.UV_UNEXPECTED, Light.UV, e.box, s, name,
                                   expected=measured("uv_glow_share", r_share), seen=measured("uv_glow_share", q_share),
                                   said=say("uv_dull_glows", extra=extra, name=name)))
    return out


def _rgb(colour: np.ndarray) -> str:
    return "(" + ", ".join(str(int(round(v))) for v in colour) + ")"

