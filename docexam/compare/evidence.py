"""The images that show a finding to the examiner: the reference and the questioned document (registered, in the
reference frame) cropped to the finding's box with a margin, and their difference.

Made after the comparison, for its findings only (:func:`attach_evidence`): cropping is cheap, encoding PNGs is not
(about 5 ms a crop), so the comparison itself does not wait for it, and a caller that neither keeps nor shows the
findings never pays it. The crops are small (:data:`EVIDENCE_SIDE` pixels at most on their longer side) and
lossless; each is kept by the SHA-256 of its PNG (:class:`~docexam.compare.result.FindingEvidence`), as the case
store keeps every image.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.compare.result import Box, Comparison, Finding, FindingEvidence

#: Longest side of an evidence crop, pixels: a report's crop of 35 mm at 185 dpi, a third of a laptop's dock.
EVIDENCE_SIDE = 256
#: The margin around a finding's box, as a share of its longer side, and at least this many reference pixels
#: (about 2 mm at 300 dpi): the finding is seen in its surroundings.
MARGIN_SHARE = 0.15
MIN_MARGIN_PX = 24
#: The grey-level difference (0-255) shown at full strength in the difference image: differences of print
#: against paper (about 100 levels and more) saturate, the capture's noise and a sub-pixel misregistration after
#: the light blur (a few levels) stay dark.
FULL_SCALE = 96.0
#: The PNG compression level: fast (1) rather than small (the crops are small already).
_PNG_LEVEL = 1


@dataclass(frozen=True, eq=False)
class EvidenceCrops:
    """The three evidence images of a finding as arrays (uint8 RGB, one size), with the box they show in reference
    pixels and the scale they were reduced by (1.0: full resolution)."""

    box: Box
    scale: float
    reference: np.ndarray
    questioned: np.ndarray
    difference: np.ndarray

    def images(self) -> dict[str, np.ndarray]:
        """``{"reference": ..., "questioned": ..., "difference": ...}``, in the order they are shown."""
        return {"reference": self.reference, "questioned": self.questioned, "difference": self.difference}


def evidence_box(bbox: Box, shape: tuple[int, int], *, margin_share: float = MARGIN_SHARE,
                 min_margin: int = MIN_MARGIN_PX) -> Box:
    """The box the crops show: ``bbox`` (``(x, y, w, h)``) grown by a margin on every side and kept within an image
    of ``shape`` (``(height, width)``).

    Raises
    ------
    ValueError
        If ``bbox`` is not four whole numbers with a positive size, or lies wholly outside the image.
    """
    if len(bbox) != 4 or not all(isinstance(v, (int, np.integer)) for v in bbox) or bbox[2] <= 0 or bbox[3] <= 0:
        raise ValueError(f"bbox must be (x, y, w, h) in whole pixels with w, h > 0, got {bbox!r}")
    if margin_share < 0 or min_margin < 0:
        raise ValueError(f"the margin must not be negative, got {margin_share!r} and {min_margin!r}")
    h_img, w_img = shape
    x, y, w, h = (int(v) for v in bbox)
    m = max(int(min_margin), round(margin_share * max(w, h)))
    x0, y0 = max(0, x - m), max(0, y - m)
    x1, y1 = min(w_img, x + w + m), min(h_img, y + h + m)
    if x1 <= x0 or y1 <= y0:
        raise ValueError(f"bbox {bbox!r} lies outside the {w_img}x{h_img} image")
    return x0, y0, x1 - x0, y1 - y0


def _rgb(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)


def difference_image(reference: np.ndarray, questioned: np.ndarray, *, full_scale: float = FULL_SCALE) -> np.ndarray:
    """The difference of two registered crops of one size as a false-colour image (uint8 RGB, OpenCV's inferno
    map, as the workstation's heat map: dark where they agree, yellow where they differ most).

    Each channel of ``questioned`` is first brought to ``reference``'s exposure (the ratio of their medians), so a
    capture a stop darker does not light up the whole crop; both are blurred lightly (sigma 1 pixel) so that a
    sub-pixel misregistration does not outline every stroke. The largest channel difference is shown, full
    strength at ``full_scale`` grey levels.

    Raises
    ------
    ValueError
        If the crops are not uint8 images of one size, or ``full_scale`` is not positive.
    """
    for name, img in (("reference", reference), ("questioned", questioned)):
        if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim not in (2, 3) or img.size == 0:
            raise ValueError(f"the {name} crop must be a non-empty uint8 image, got "
                             f"{getattr(img, 'dtype', type(img).__name__)} {getattr(img, 'shape', '')}")
    if reference.shape[:2] != questioned.shape[:2]:
        raise ValueError(f"the crops differ in size: {reference.shape[:2]} and {questioned.shape[:2]}")
    if not full_scale > 0:
        raise ValueError(f"full_scale must be above 0, got {full_scale!r}")
    r = cv2.GaussianBlur(_rgb(reference), (0, 0), 1.0)
    q = cv2.GaussianBlur(_rgb(questioned), (0, 0), 1.0)
    med_r = np.median(r[::3, ::3].reshape(-1, 3), axis=0)  # every ninth pixel: the paper's level all the same
    med_q = np.median(q[::3, ::3].reshape(-1, 3), axis=0)
    gain = np.where(med_q > 4.0, med_r / np.maximum(med_q, 1e-6), 1.0).clip(0.25, 4.0)
    matched = cv2.multiply(q, (*(float(g) for g in gain), 1.0), dtype=cv2.CV_8U) if np.any(gain != 1.0) else q
    diff = cv2.absdiff(matched, r).max(axis=2).astype(np.float32)
    grey = np.clip(diff * (255.0 / full_scale), 0, 255).astype(np.uint8)
    out: np.ndarray = cv2.cvtColor(cv2.applyColorMap(grey, cv2.COLORMAP_INFERNO), cv2.COLOR_BGR2RGB)
    return out


def evidence_crops(reference: np.ndarray, questioned: np.ndarray, bbox: Box, *, side: int = EVIDENCE_SIDE) -> EvidenceCrops:
    """The crops of a finding's box (:func:`evidence_box`) from the reference image and the questioned image
    registered to it (one size), reduced to at most ``side`` pixels on the longer side, and their difference.

    Raises
    ------
    ValueError
        If the images are not uint8 images of one size, ``side`` is below 16, or ``bbox`` is not in the images.
    """
    if not isinstance(reference, np.ndarray) or not isinstance(questioned, np.ndarray):
        raise ValueError("the reference and questioned images must be numpy arrays")
    if reference.shape[:2] != questioned.shape[:2]:
        raise ValueError(f"the questioned image must be registered to the reference (one size), got "
                         f"{questioned.shape[:2]} and {reference.shape[:2]}")
    if reference.dtype != np.uint8 or questioned.dtype != np.uint8:
        raise ValueError(f"the images must be uint8, got {reference.dtype} and {questioned.dtype}")
    if side < 16:
        raise ValueError(f"side must be at least 16 pixels, got {side!r}")
    box = evidence_box(bbox, reference.shape[:2])
    x, y, w, h = box
    scale = min(1.0, side / max(w, h))
    crops = []
    for img in (reference, questioned):
        crop = _rgb(img[y : y + h, x : x + w])
        if scale < 1.0:
            size = (max(1, round(w * scale)), max(1, round(h * scale)))
            crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
        crops.append(np.ascontiguousarray(crop))
    return EvidenceCrops(box, scale, crops[0], crops[1], difference_image(crops[0], crops[1]))


def encode_png(img: np.ndarray) -> bytes:
    """An RGB (or grey) uint8 image as PNG bytes."""
    if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim not in (2, 3) or img.size == 0:
        raise ValueError("the image must be a non-empty uint8 array")
    bgr = cv2.cvtColor(img, cv2.COLOR_RGB2BGR) if img.ndim == 3 else img
    ok, buf = cv2.imencode(".png", bgr, [cv2.IMWRITE_PNG_COMPRESSION, _PNG_LEVEL])
    if not ok:  # pragma: no cover - OpenCV encodes every uint8 image as PNG
        raise ValueError("OpenCV could not encode the image as PNG")
    return buf.tobytes()


def decode_png(data: bytes) -> np.ndarray:
    """PNG bytes (an evidence image) as a uint8 RGB array; ``ValueError`` for bytes that are not an image."""
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError("not an image the evidence could have been kept as (PNG)")
    out: np.ndarray = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    return out


def finding_crops(finding: Finding, rectified: Mapping[str, np.ndarray], reference: Mapping[str, np.ndarray], *,
                  side: int = EVIDENCE_SIDE) -> EvidenceCrops | None:
    """The crops of one finding from the questioned images registered to the reference (``rectified``, per light)
    and the reference's images, or None when either lacks the finding's light."""
    q, r = rectified.get(finding.light), reference.get(finding.light)
    if q is None or r is None or q.shape[:2] != r.shape[:2]:
        return None
    return evidence_crops(r, q, finding.bbox, side=side)


def attach_evidence(comparison: Comparison, reference: Mapping[str, np.ndarray], *, side: int = EVIDENCE_SIDE) -> int:
    """Give each finding of ``comparison`` that lacks one its evidence (:class:`FindingEvidence`): crops of
    ``reference`` (``{light: image}``, the reference specimen's images) and of the comparison's rectified images,
    their PNGs kept in ``comparison.evidence_images`` by SHA-256. Findings in a light the comparison did not
    register keep none. Returns the number of findings given evidence."""
    made = 0
    findings = []
    for f in comparison.findings:
        crops = None if f.evidence is not None else finding_crops(f, comparison.rectified, reference, side=side)
        if crops is None:
            findings.append(f)
            continue
        shas = {}
        for role, img in crops.images().items():
            data = encode_png(img)
            sha = hashlib.sha256(data).hexdigest()
            comparison.evidence_images[sha] = data
            shas[role] = sha
        findings.append(dataclasses.replace(f, evidence=FindingEvidence(crops.box, **shas)))
        made += 1
    comparison.findings = findings
    return made
