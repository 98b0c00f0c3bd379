"""What a comparison of a questioned document with its reference specimen produces: typed results, no loose dicts.

Coordinates are always reference-specimen pixels (the frame of the reference images; for the generator's
references, 300 dpi document pixels), boxes ``(x, y, w, h)`` as in the exercise answer keys.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from docexam.checkrun import CheckRun as CheckRun  # the comparison's result type too (one class, below both floors)
from docexam.details import Said
from docexam.i18n import N_

#: A finding with a score at or above this is an alarm: the examiner must look at it. Below, it is a note.
ALARM = 0.5
#: The level of a difference map (0 same, 1 wholly different) from which the fixed design counts as differing from
#: the specimen: the checks report regions above it (:func:`docexam.compare.checks.check_design`) and the heat map's
#: legend marks it.
DIFFERENCE_THRESHOLD = 0.5
#: How an alarm (red) and a note (amber) are drawn wherever findings are shown: the comparison's overlay, the
#: workstation's viewer, the PDF report. RGB.
ALARM_COLOUR = (230, 30, 30)
NOTE_COLOUR = (240, 170, 0)


def grade(value: float, *, note: float, alarm: float, certain: float) -> float:
    """A score: 0 up to ``note``, rising to :data:`ALARM` at ``alarm`` and to 1 at ``certain`` (increasing)."""
    if not math.isfinite(value) or value <= note:
        return 0.0
    if value < alarm:
        return ALARM * (value - note) / (alarm - note)
    return min(1.0, ALARM + (1 - ALARM) * (value - alarm) / (certain - alarm))


class FindingKind(StrEnum):
    """What a finding says, in the examiner's words."""

    DIFFERENCE = "difference"  # structure or intensity differs from the reference where the design is fixed
    PAPER_FLUORESCENCE = "paper_fluorescence"  # UV: the paper glows (optical brighteners) where the reference is dull
    UV_FEATURE_MISSING = "uv_feature_missing"  # UV: an expected fluorescent feature is absent or weak
    UV_UNEXPECTED = "uv_unexpected"  # UV: fluorescence where the reference has none
    IR_NO_DROPOUT = "ir_no_dropout"  # IR: an area that should drop out stays dark
    IR_DROPOUT = "ir_dropout"  # IR: an area that should stay dark (IR-absorbing ink) fades
    B900 = "b900"  # IR: characters printed in daylight fade in IR one by one (the MRZ's B900 ink, Doc 9303 Part 3, 4.11)
    PORTRAIT = "portrait"  # the portrait differs from a printed-in portrait (substitution)
    VIZ_FIELD = "viz_field"  # a visual-inspection-zone field shows erasure or re-printing
    MRZ_CHECK = "mrz_check"  # an MRZ check digit does not hold
    MRZ_VIZ_MISMATCH = "mrz_viz_mismatch"  # the MRZ and the VIZ disagree
    NOT_EXAMINED = "not_examined"  # a part of the document outside the capture: not compared (a note, never an alarm)


#: Each kind in words, for the languages whose reports show words rather than the codes (docexam.report; marked for
#: the catalogues of docexam.i18n, translated where shown). The codes stay what JSON and the store keep.
FINDING_WORDS: dict[str, str] = {
    FindingKind.DIFFERENCE: N_("difference from the specimen"),
    FindingKind.PAPER_FLUORESCENCE: N_("paper fluorescence"),
    FindingKind.UV_FEATURE_MISSING: N_("UV feature missing"),
    FindingKind.UV_UNEXPECTED: N_("unexpected UV fluorescence"),
    FindingKind.IR_NO_DROPOUT: N_("no IR dropout"),
    FindingKind.IR_DROPOUT: N_("IR dropout"),
    FindingKind.B900: N_("characters fading in IR (B900)"),
    FindingKind.PORTRAIT: N_("portrait"),
    FindingKind.VIZ_FIELD: N_("VIZ field"),
    FindingKind.MRZ_CHECK: N_("MRZ check digit"),
    FindingKind.MRZ_VIZ_MISMATCH: N_("MRZ and VIZ disagree"),
    FindingKind.NOT_EXAMINED: N_("not examined"),
}


Box = tuple[int, int, int, int]

#: The codes of :data:`EXPECTED_SEEN` in words, for the report (marked for the catalogues of docexam.i18n, translated
#: where shown; the workstation shows the same words through Qt's catalogues). JSON and the store keep the codes.
OBSERVATION_WORDS: dict[str, str] = {
    "design_as_specimen": N_("the design as on the specimen"),
    "design_differs": N_("the design differs"),
    "paper_glow_as_specimen": N_("paper glowing as the specimen's"),
    "paper_glow_differs": N_("paper glowing otherwise"),
    "uv_feature_present": N_("the UV feature glowing"),
    "uv_feature_weak": N_("the UV feature weak or missing"),
    "no_uv_glow": N_("no glow under UV"),
    "uv_glow": N_("a glow under UV"),
    "ir_dropout": N_("ink dropping out in IR"),
    "ir_dark": N_("ink dark in IR"),
    "ir_fading_characters": N_("characters fading in IR"),
    "portrait_as_printed": N_("a portrait printed as the specimen's"),
    "portrait_differs": N_("a portrait unlike the specimen's"),
    "field_as_printed": N_("the field printed as the specimen's"),
    "field_altered": N_("signs of erasure or re-printing"),
    "check_digit_holds": N_("the check digit holding"),
    "check_digit_fails": N_("the check digit failing"),
    "check_digit": N_("check digit"),  # with its value: check_digit=7
    "mrz_value": N_("the MRZ's value"),  # with it: mrz_value=040306
    "viz_text": N_("the VIZ reading"),  # with what it reads: viz_text=05 MAR 04
    "mrz_matches_viz": N_("the MRZ matching the VIZ"),
    "mrz_differs_from_viz": N_("the MRZ differing from the VIZ"),
    "in_capture": N_("inside the capture"),
    "outside_capture": N_("outside the capture"),
    "print_exposed": N_("the design's print within the capture's range"),
    "print_clipped": N_("the design's print clipped white by the exposure"),
    # measured values of the UV and IR checks (ir_ink_ratio=0.12), each with what the specimen shows as the expected
    "ir_ink_ratio": N_("IR darkness of the ink for its daylight darkness"),  # 1 absorbing, 0 dropping out
    "uv_glow_ratio": N_("glow under UV for the specimen's"),  # 1: as bright, relative to the paper
    "uv_glow_share": N_("share of the area glowing under UV"),
    "uv_spot": N_("a spot glowing under UV"),  # with its area and colour: uv_spot=12 mm² RGB(200,240,60)
    "uv_colour": N_("colour of the glow under UV"),  # uv_colour=RGB(255,152,95)
    "pattern_correlation": N_("correlation with the specimen's pattern"),
    "registration_trusted": N_("a registration to the specimen that can be trusted"),
    "registration_uncertain": N_("a registration too uncertain to compare pixel by pixel"),
}

#: The codes of :data:`OBSERVATION_WORDS` a check gives with a measured value (``code=value``).
MEASURED: frozenset[str] = frozenset({"check_digit", "mrz_value", "viz_text", "ir_ink_ratio", "uv_glow_ratio",
                                      "uv_glow_share", "uv_spot", "uv_colour", "pattern_correlation"})


def measured(code: str, value: float | str, *, low: float | None = None) -> str:
    """A finding's ``expected`` or ``seen`` as a measure, language-neutral: ``code=value`` with a number to two
    decimals (``ir_ink_ratio=0.12``), or a range from ``low`` (``ir_ink_ratio=0.05-0.12``), or a value given as text
    (``uv_colour=RGB(255,152,95)``). ``code`` must be one of :data:`MEASURED`."""
    if code not in MEASURED:
        raise ValueError(f"{code!r} is no measured observation; add it to OBSERVATION_WORDS and MEASURED")
    if isinstance(value, str):
        return f"{code}={value}"
    number = f"{float(value):.2f}"
    if low is not None and f"{float(low):.2f}" != number:
        number = f"{float(low):.2f}-{number}"
    return f"{code}={number}"


def rgb(colour: Sequence[float] | np.ndarray) -> str:
    """An RGB colour as a measured value: ``RGB(255,152,95)``."""
    return "RGB(" + ",".join(str(int(round(float(v)))) for v in colour) + ")"

#: What each kind of finding expects and sees, as language-neutral codes, for a finding whose check gave nothing
#: more precise (``expected``/``seen`` of :class:`Finding`; a check may give ``code=value`` instead, such as
#: ``check_digit=7``). Rendered in words where shown (the workstation's and the report's tables of these codes).
EXPECTED_SEEN: dict[str, tuple[str, str]] = {
    FindingKind.DIFFERENCE: ("design_as_specimen", "design_differs"),
    FindingKind.PAPER_FLUORESCENCE: ("paper_glow_as_specimen", "paper_glow_differs"),
    FindingKind.UV_FEATURE_MISSING: ("uv_feature_present", "uv_feature_weak"),
    FindingKind.UV_UNEXPECTED: ("no_uv_glow", "uv_glow"),
    FindingKind.IR_NO_DROPOUT: ("ir_dropout", "ir_dark"),
    FindingKind.IR_DROPOUT: ("ir_dark", "ir_dropout"),
    FindingKind.B900: ("ir_dark", "ir_fading_characters"),
    FindingKind.PORTRAIT: ("portrait_as_printed", "portrait_differs"),
    FindingKind.VIZ_FIELD: ("field_as_printed", "field_altered"),
    FindingKind.MRZ_CHECK: ("check_digit_holds", "check_digit_fails"),
    FindingKind.MRZ_VIZ_MISMATCH: ("mrz_matches_viz", "mrz_differs_from_viz"),
    FindingKind.NOT_EXAMINED: ("in_capture", "outside_capture"),
}

#: Other pairs of ``expected``/``seen`` codes a kind may give, for a finding of another cause than its usual one (a
#: part not examined because the light's registration is uncertain, not because it lies outside the capture).
OTHER_EXPECTED_SEEN: dict[str, tuple[tuple[str, str], ...]] = {
    FindingKind.NOT_EXAMINED: (("registration_trusted", "registration_uncertain"), ("print_exposed", "print_clipped")),
}


def union_box(boxes: Sequence[Box]) -> Box:
    """The smallest ``(x, y, w, h)`` holding every one of ``boxes`` (at least one)."""
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


@dataclass(frozen=True)
class FindingEvidence:
    """The images that show a finding: the reference and the questioned image (registered, in the reference frame)
    cropped to the finding's box with a margin, and their difference, each a PNG kept by its SHA-256 (the case
    store's blobs, a bundle's ``blobs/<sha256>``, ``compare --evidence DIR``'s files). Made by
    :func:`docexam.compare.evidence.attach_evidence`.

    Attributes
    ----------
    box : tuple of int
        ``(x, y, w, h)`` of the crops in reference pixels (the finding's box and its margin, within the image).
    reference, questioned, difference : str
        SHA-256 (hex) of each PNG.
    """

    box: Box
    reference: str
    questioned: str
    difference: str

    @property
    def images(self) -> dict[str, str]:
        """``{"reference": sha256, "questioned": ..., "difference": ...}``, in the order they are shown."""
        return {"reference": self.reference, "questioned": self.questioned, "difference": self.difference}

    def to_dict(self) -> dict:
        return {"box": [int(v) for v in self.box], **self.images}

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> FindingEvidence:
        """Read :meth:`to_dict`'s object back; raises ``ValueError`` for one that is not."""
        try:
            box = tuple(int(v) for v in d["box"])  # type: ignore[attr-defined]
            shas = [d[k] for k in ("reference", "questioned", "difference")]
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"a finding's evidence is a box and three SHA-256 digests, got {d!r}") from None
        if len(box) != 4 or not all(isinstance(v, str) and _HEX64.fullmatch(v) for v in shas):
            raise ValueError(f"a finding's evidence is a box and three SHA-256 digests, got {d!r}")
        return cls((box[0], box[1], box[2], box[3]), *(str(v) for v in shas))


_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Finding:
    """One place where the questioned document disagrees with the reference.

    Attributes
    ----------
    kind : FindingKind
    light : str
        One of :data:`docexam.lights.LIGHTS`.
    bbox : tuple of int
        ``(x, y, w, h)`` in reference pixels.
    score : float
        0 (no doubt) to 1 (certain); :data:`ALARM` and above is an alarm.
    region : str or None
        The named region of interest it concerns (``"portrait"``, ``"viz:birth_date"``, ``"mrz"``, ...), if any.
    detail : str
        Plain words for the examiner and the report, in English (as stored and printed in JSON since the start);
        made from ``said`` when a check gives that.
    expected, seen : str
        What the reference says should be there and what the questioned document shows, as language-neutral codes
        (``ir_dark``, or ``code=value`` such as ``check_digit=7``); left empty, the kind's (:data:`EXPECTED_SEEN`).
    evidence : FindingEvidence or None
        The crops that show it, once made (:func:`docexam.compare.evidence.attach_evidence`); None before, and for
        findings stored before evidence was kept.
    said : Said or None
        The detail as data (docexam.details): a code and its figures, put in words in the reader's language where
        the finding is shown. None for a finding stored before codes (its English ``detail`` is shown).
    """

    kind: FindingKind
    light: str
    bbox: Box
    score: float
    region: str | None = None
    detail: str = ""
    expected: str = ""
    seen: str = ""
    evidence: FindingEvidence | None = None
    said: Said | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        expected, seen = EXPECTED_SEEN.get(self.kind, ("", ""))
        if not self.expected:
            object.__setattr__(self, "expected", expected)
        if not self.seen:
            object.__setattr__(self, "seen", seen)
        if self.said is not None and not self.detail:
            object.__setattr__(self, "detail", self.said.text())

    @property
    def alarm(self) -> bool:
        return self.score >= ALARM

    def words(self, gettext: Callable[[str], str] | None = None) -> str:
        """The detail in ``gettext``'s language (docexam.details.Said.text), else the English ``detail``."""
        return self.said.text(gettext) if self.said is not None else self.detail

    def to_dict(self) -> dict:
        d: dict[str, object] = {"kind": self.kind.value, "light": self.light, "bbox": [int(v) for v in self.bbox],
             "score": round(float(self.score), 3), "region": self.region, "detail": self.detail,
             "alarm": self.alarm, "expected": self.expected, "seen": self.seen}
        if self.evidence is not None:
            d["evidence"] = self.evidence.to_dict()
        if self.said is not None:  # the detail as codes, for a reader in another language (docexam.details)
            said = self.said.to_dict()
            d["detail_code"], d["detail_args"] = said["code"], said["args"]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> Finding:
        """Read :meth:`to_dict`'s object back (``alarm`` follows from the score; a stored finding without
        ``expected``, ``seen``, ``evidence`` or a detail code, kept before they were, reads with the kind's codes and
        none).
        Raises ``ValueError`` for an unknown kind or a box that is not four numbers."""
        try:
            kind = FindingKind(str(d["kind"]))
            x, y, w, h = (int(v) for v in d["bbox"])  # type: ignore[attr-defined]
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"not a comparison finding: {d!r:.200}") from None
        evidence = d.get("evidence")
        return cls(kind, str(d.get("light", "")), (x, y, w, h), float(d.get("score") or 0.0),  # type: ignore[arg-type]
                   str(d["region"]) if d.get("region") else None, str(d.get("detail") or ""),
                   str(d.get("expected") or ""), str(d.get("seen") or ""),
                   FindingEvidence.from_dict(evidence) if isinstance(evidence, Mapping) else None,
                   Said.from_dict({"code": d.get("detail_code"), "args": d.get("detail_args") or {}}))


@dataclass(frozen=True)
class Alignment:
    """How one light of the questioned capture was brought into the reference frame.

    ``homography`` maps questioned-capture pixel coordinates ``(x, y, 1)`` to reference pixels.
    ``residual_px`` is the registration's own estimate of its error in reference pixels (the RMS distance of
    matched points after refinement), not a figure against a known truth. ``uncertain``, when set, says (as data,
    :class:`docexam.details.Said`) that the fit failed the registration's trust rule and with which figures: no light
    of the set registered surely, and this one was used all the same (it may be pixels off); the comparison then
    does not alarm on what it compares pixel by pixel in that light.
    """

    light: str
    homography: np.ndarray
    residual_px: float
    inliers: int
    method: str  # e.g. "features+ecc", "document-edges", "from:visible"
    uncertain: Said | None = field(default=None, compare=False)

    @property
    def trusted(self) -> bool:
        """Whether the fit passed the registration's trust rule (:attr:`uncertain` is None)."""
        return self.uncertain is None

    def to_dict(self) -> dict:
        d = {"residual_px": round(float(self.residual_px), 3), "inliers": int(self.inliers), "method": self.method,
             "homography": np.asarray(self.homography, dtype=float).round(8).tolist()}
        if self.uncertain is not None:
            said = self.uncertain.to_dict()
            d |= {"trusted": False, "uncertain_code": said["code"], "uncertain_args": said["args"]}
        return d


@dataclass
class Comparison:
    """The result of comparing one questioned capture set with one reference, light by light."""

    alignments: dict[str, Alignment]
    findings: list[Finding]
    #: per light, the questioned image warped into the reference frame (uint8 RGB)
    rectified: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    #: per light, the difference map in the reference frame (float32, 0 = same, 1 = wholly different)
    heatmaps: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    elapsed_ms: float = 0.0
    #: the checks that ran, per light, with their outcome (:func:`docexam.compare.performed.checks_performed`)
    checks: list[CheckRun] = field(default_factory=list)
    #: The library reference the findings came from: its type's uid and the annotation version (None for a folder's
    #: reference, and left out of ``to_dict`` then, as before).
    reference_library: str | None = None
    reference_version: int | None = None
    #: The evidence images of the findings (:class:`FindingEvidence`), PNG bytes by SHA-256, once made
    #: (:func:`docexam.compare.evidence.attach_evidence`)
    evidence_images: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def alarms(self) -> list[Finding]:
        return [f for f in self.findings if f.alarm]

    def to_dict(self) -> dict:
        d = {
            "aligned": {k: a.to_dict() for k, a in self.alignments.items()},
            "findings": [f.to_dict() for f in sorted(self.findings, key=lambda f: -f.score)],
            "alarms": len(self.alarms),
            "elapsed_ms": round(self.elapsed_ms, 1),
            "checks": [c.to_dict() for c in self.checks],
        }
        if self.reference_library is not None:
            d["reference_version"] = {"library": self.reference_library, "version": self.reference_version}
        return d


def finding_quad(bbox: Sequence[float], homography: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """The corners of a finding's box on the capture it was found on.

    Parameters
    ----------
    bbox : sequence of 4 numbers
        ``(x, y, w, h)`` in reference-specimen pixels, as a comparison's findings give it.
    homography : (3, 3) array_like
        The light's alignment as a comparison stores it: capture pixels ``(x, y, 1)`` to reference pixels.

    Returns
    -------
    numpy.ndarray
        ``(4, 2)`` capture pixel coordinates of the top-left, top-right, bottom-right and bottom-left corners of
        the box, through the inverse of ``homography``.
    """
    box = np.asarray(bbox, dtype=float)
    h = np.asarray(homography, dtype=float)
    if box.shape != (4,) or not np.all(np.isfinite(box)):
        raise ValueError(f"bbox must be four numbers (x, y, w, h), got {bbox!r}")
    if h.shape != (3, 3) or not np.all(np.isfinite(h)):
        raise ValueError(f"homography must be a 3x3 matrix of numbers, got shape {h.shape}")
    try:
        inverse = np.linalg.inv(h)
    except np.linalg.LinAlgError:
        raise ValueError("the homography is singular: it maps the capture onto a line, so it cannot be "
                         "inverted") from None
    x, y, w, hh = box
    ref = np.array([[x, y, 1.0], [x + w, y, 1.0], [x + w, y + hh, 1.0], [x, y + hh, 1.0]])
    cap = ref @ inverse.T
    if np.any(np.abs(cap[:, 2]) < 1e-12):
        raise ValueError("the box maps to infinity on the capture (a degenerate homography)")
    return cap[:, :2] / cap[:, 2:]
