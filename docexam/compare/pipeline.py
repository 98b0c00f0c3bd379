"""The comparison pipeline: questioned capture set and reference specimen in, findings out, every step inspectable.

Steps (:class:`CompareStep`), each kept per light by a :class:`docexam.inspector.Inspector` (``--out DIR``):

1. ``rectified``: each light registered to the reference (:func:`geometry.register_set`) and warped into its frame;
   a document partly outside the frame is compared on what the capture shows, and the rest reported as not
   examined (:func:`geometry.coverage`);
2. ``heatmap``: the difference of the fixed design from the reference (:func:`checks.run_checks`), with the
   light-specific checks' findings;
3. MRZ check digits and MRZ-against-VIZ (:func:`mrz_viz.mrz_findings`), the VIZ read by tesseract in a thread
   while the images are compared (tesseract runs in its own process, so the two cores both work);
4. ``overlay``: the rectified image with the difference in red and every finding boxed, for the report.

Nothing here catches exceptions: a step either returns its result or raises.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from enum import StrEnum

import cv2
import numpy as np

from docexam.compare.checks import NOT_EXAMINED_SCORE, mask_box, run_checks
from docexam.compare.geometry import ResidualField, coverage, register_set, residual_field, warp_to_reference
from docexam.compare.mrz_viz import MRZEvidence, mrz_findings, read_viz
from docexam.compare.normalise import channel_max
from docexam.compare.performed import checks_performed
from docexam.compare.reference import Reference
from docexam.compare.result import ALARM_COLOUR, NOTE_COLOUR, OTHER_EXPECTED_SEEN, Alignment, Comparison, Finding, FindingKind
from docexam.details import say
from docexam.i18n import _
from docexam.inspector import Inspector
from docexam.lights import Light


class CompareStep(StrEnum):
    RECTIFIED = "rectified"  # the questioned light in the reference frame
    HEATMAP = "heatmap"  # difference of the fixed design, 0 (same) to 1 (different), as a colour map
    OVERLAY = "overlay"  # the rectified image, the difference in red, the findings boxed


def heat_colours(heatmap: np.ndarray) -> np.ndarray:
    """A difference map (float 0..1) as an RGB image (OpenCV's inferno colour map: dark = same)."""
    grey = np.clip(heatmap * 255.0, 0, 255).astype(np.uint8)
    return cv2.cvtColor(cv2.applyColorMap(grey, cv2.COLORMAP_INFERNO), cv2.COLOR_BGR2RGB)


def overlay(rectified: np.ndarray, heatmap: np.ndarray | None, findings: list[Finding], light: str) -> np.ndarray:
    """The rectified image with the difference shown in red and the light's findings boxed (alarms red, notes
    amber), as the report and the GUI show it."""
    img = rectified if rectified.ndim == 3 else cv2.cvtColor(rectified, cv2.COLOR_GRAY2RGB)
    out = img.astype(np.float32)
    if heatmap is not None:
        a = np.clip(heatmap, 0, 1)[..., None] * 0.6
        out = out * (1 - a) + np.array(ALARM_COLOUR, np.float32) * a
    out = out.astype(np.uint8)
    thick = max(2, round(max(out.shape[:2]) / 500))
    for f in findings:
        if f.light != light:
            continue
        x, y, w, h = f.bbox
        cv2.rectangle(out, (x, y), (x + w, y + h), ALARM_COLOUR if f.alarm else NOTE_COLOUR, thick)
    return out


#: What an alignment's method says when a residual distortion was taken out (:func:`geometry.residual_field`), with
#: the largest displacement it made.
RESIDUAL_METHOD = "+ distortion up to {px:.1f} px"
#: Least share of the reference frame a capture may leave out before the part outside it is reported as not examined.
MIN_UNSEEN = 0.002
#: A finding mostly (this share of its box) outside the capture is the capture's edge, not the document's.
_OUTSIDE_SHARE = 0.5


def _filled(rectified: np.ndarray, reference: np.ndarray, unseen: np.ndarray) -> np.ndarray:
    """``rectified`` with the part the capture does not show taken from the reference, at the capture's exposure
    (per channel, from what both show): the checks then find nothing there instead of the capture's edge
    resampled, and their fits over the page (lighting, paper, fibres) rest on what was captured."""
    seen = ~unseen & (channel_max(reference) > 20)
    ref = reference.astype(np.float32)
    out = rectified.astype(np.float32)
    if seen.sum() >= 64:
        gain = np.median(out[seen] / np.maximum(ref[seen], 1.0), axis=0)
    else:
        gain = np.ones(3, np.float32)
    out[unseen] = ref[unseen] * gain
    filled: np.ndarray = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    return filled


def _outside_capture(findings: list[Finding], unseen: Mapping[str, np.ndarray]) -> list[Finding]:
    """The findings less those mostly outside their light's capture, and per light a note saying which part of the
    document it leaves out (not examined: a partial capture is compared on what it shows)."""
    out = []
    for f in findings:
        m = unseen.get(f.light)
        if m is not None:
            x, y, w, h = f.bbox
            if m[y : y + h, x : x + w].mean() >= _OUTSIDE_SHARE:
                continue
        out.append(f)
    for light, m in unseen.items():  # each with a share of the page unseen (MIN_UNSEEN): never empty
        box = mask_box(m)
        assert box is not None
        out.append(Finding(FindingKind.NOT_EXAMINED, light, box, NOT_EXAMINED_SCORE, None,
                           said=say("not_examined", share=m.mean(), light=light)))
    return out


#: The kinds of finding that do not rest on the registration's pixel alignment: the paper's glow over the page, the
#: MRZ as read (its check digits, and against the VIZ as read). Every other kind compares the rectified capture with
#: the specimen place by place (the fixed design, the portrait, the fields' inks), and the fibres' density.
_ALIGNMENT_FREE = frozenset({FindingKind.PAPER_FLUORESCENCE, FindingKind.MRZ_CHECK, FindingKind.MRZ_VIZ_MISMATCH,
                             FindingKind.NOT_EXAMINED})
#: The highest score a finding resting on an uncertain registration keeps: a note, never an alarm.
UNCERTAIN_SCORE = 0.45
#: The score of the note that says a light's registration is uncertain: reported, never an alarm.
_UNCERTAIN_NOTE_SCORE = 0.35
#: What that note expected and saw (result.OTHER_EXPECTED_SEEN).
REGISTRATION_EXPECTED, REGISTRATION_SEEN = OTHER_EXPECTED_SEEN[FindingKind.NOT_EXAMINED][0]


def on_pixels(finding: Finding) -> bool:
    """Whether ``finding`` rests on the capture's pixel alignment with the specimen (:data:`_ALIGNMENT_FREE`; the
    fibres' density over the page does not)."""
    return finding.kind not in _ALIGNMENT_FREE and finding.region != "fibres"


def _uncertain_registration(findings: list[Finding], alignments: Mapping[str, Alignment],
                            shape: tuple[int, int]) -> list[Finding]:
    """The findings, those of a light whose registration is uncertain (:attr:`Alignment.uncertain`) that rest on
    its pixel alignment (:func:`on_pixels`) made notes, and per such light a note saying why (with the fit's
    figures): a fit that failed the trust rule may be pixels off (development MVN-TD2-1 in visible light alone:
    10.7 px), so its difference map's alarms, and its clean passes, mean nothing."""
    uncertain = {light: a.uncertain for light, a in alignments.items() if a.uncertain is not None}
    if not uncertain:
        return findings
    out = [replace(f, score=min(f.score, UNCERTAIN_SCORE)) if f.light in uncertain and on_pixels(f) else f
           for f in findings]
    h, w = shape
    for light, said in uncertain.items():
        out.append(Finding(FindingKind.NOT_EXAMINED, light, (0, 0, int(w), int(h)), _UNCERTAIN_NOTE_SCORE, None,
                           expected=REGISTRATION_EXPECTED, seen=REGISTRATION_SEEN, said=said))
    return out


def compare(questioned: Mapping[str, np.ndarray], reference: Reference, *, today: dt.date | None = None,
            compare_viz: bool = True, inspector: Inspector | None = None) -> tuple[Comparison, MRZEvidence]:
    """Compare a questioned capture set with its reference specimen in every light both have.

    Parameters
    ----------
    questioned : mapping of str to ndarray
        ``{light: image}`` for some of ``"visible"``, ``"uv"``, ``"ir"``: uint8 RGB (or grey) captures of one
        document, any size and orientation, with background around it.
    reference : Reference
        The reference specimen (:func:`docexam.compare.reference.load_reference`).
    today : date, optional
        For the MRZ's date checks.
    compare_viz : bool
        Read the VIZ with tesseract (when installed) and compare it with the MRZ.
    inspector : Inspector, optional
        Keeps every step's image, per light (``<light>-<step>.png`` in its folder).

    Returns
    -------
    comparison : Comparison
        Alignments per light, findings (highest score first), rectified images and difference maps.
    evidence : MRZEvidence
        The MRZ reading and the VIZ texts behind the MRZ findings, and what could not be checked.

    Raises
    ------
    ValueError
        If ``questioned`` is empty, names an unknown light or one the reference lacks, or holds unusable images.
    docexam.compare.geometry.RegistrationError
        If the document cannot be found and registered in the anchor light.
    """
    t0 = time.perf_counter()
    missing = sorted(set(questioned) - set(reference.images))
    if missing:
        raise ValueError(_("the reference has no {names} image to compare with; give the reference those lights or "
                           "leave them out of the questioned set").format(names=', '.join(missing)))
    alignments = register_set(questioned, reference)

    def rectify(light: str, residual: ResidualField | None = None) -> np.ndarray:
        img = questioned[light]
        img = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
        return warp_to_reference(img, alignments[light], reference.shape, residual=residual)

    # What the homography leaves (a lens that bends lines, a page not flat) is measured on the visible light's fixed
    # design and taken out of every light: the lights of one set share the capture's optics and the page's shape.
    # Each light is warped once, with the field where there is one; only the visible light's homography-only warp,
    # which the field is measured on, is made again then.
    plain: dict[str, np.ndarray] = {}
    field = None
    if Light.VISIBLE in alignments:
        plain[Light.VISIBLE] = rectify(Light.VISIBLE)
        field = residual_field(plain[Light.VISIBLE], reference)
    rectified = {light: plain[light] if light in plain and field is None else rectify(light, field)
                 for light in alignments}
    if field is not None:
        for light, alignment in alignments.items():
            alignments[light] = replace(alignment, method=f"{alignment.method} {RESIDUAL_METHOD.format(px=field.largest_px)}")
    unseen = {light: ~coverage(questioned[light].shape, alignment, reference.shape)
              for light, alignment in alignments.items()}
    unseen = {light: m for light, m in unseen.items() if m.mean() >= MIN_UNSEEN}
    examined = {light: _filled(img, reference.images[light], unseen[light]) if light in unseen else img
                for light, img in rectified.items()}
    with ThreadPoolExecutor(max_workers=1) as pool:
        viz = pool.submit(read_viz, rectified, reference) if compare_viz else None
        findings, heatmaps = run_checks(examined, reference)
        findings = _outside_capture(findings, unseen)
        for light, m in unseen.items():
            heatmaps[light][m] = 0.0
        mrz, evidence = mrz_findings(rectified, reference, today=today, compare_viz=compare_viz,
                                     viz=viz.result() if viz is not None else None)
    findings = sorted(_uncertain_registration(findings + mrz, alignments, reference.shape), key=lambda f: -f.score)
    read = evidence.reading
    checks = checks_performed(list(rectified), reference, findings, alignments, mrz_light=evidence.light,
                              mrz_read=read is not None and read.correction is not None
                              and read.correction.result.format is not None,
                              viz_compared=bool(evidence.viz))
    comparison = Comparison(alignments, findings, rectified, heatmaps, (time.perf_counter() - t0) * 1000, checks,
                            reference.library, reference.version)
    if inspector is not None:
        for light, img in rectified.items():
            inspector.keep(CompareStep.RECTIFIED, img, light)
            heat = heatmaps.get(light)
            if heat is not None:
                inspector.keep(CompareStep.HEATMAP, heat_colours(heat), light)
            inspector.keep(CompareStep.OVERLAY, overlay(img, heat, findings, light), light)
    return comparison, evidence
