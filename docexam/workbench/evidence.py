"""A finding's evidence as the workstation shows it: its three images (reference, questioned, difference) decoded
from the comparison in memory or, for a reopened case, from the case store, and what it expected and saw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from docexam.compare.evidence import decode_png
from docexam.compare.result import Finding, FindingEvidence

if TYPE_CHECKING:
    from docexam.workbench.state import Workbench

#: The evidence images in the order they are shown, left to right.
ROLES = ("reference", "questioned", "difference")


@dataclass(frozen=True, eq=False)
class EvidenceView:
    """The evidence of one finding, ready to draw: its record and the three images (uint8 RGB) by role."""

    evidence: FindingEvidence
    images: dict[str, np.ndarray]


def split_observation(code: str) -> tuple[str, str | None]:
    """A finding's ``expected`` or ``seen`` (``code`` or ``code=value``) as ``(code, value or None)``."""
    name, sep, value = code.partition("=")
    return name, value if sep else None


def evidence_view(workbench: Workbench, finding: Finding) -> EvidenceView | None:
    """The evidence images of ``finding``: from the workbench's comparison when it made them, else from the store
    (a reopened case). None when the finding has none (stored before evidence was kept, or in a light that was not
    registered) or the store has lost one (``docexam case verify`` says which)."""
    ev = finding.evidence
    if ev is None:
        return None
    from docexam.errors import DocexamError

    made = workbench.comparison.evidence_images if workbench.comparison is not None else {}
    images = {}
    for role, sha in ev.images.items():
        data = made.get(sha)
        if data is None:
            try:
                data = workbench.store.blob(sha)
            except DocexamError:
                return None
        try:
            images[role] = decode_png(data)
        except ValueError:
            return None
    return EvidenceView(ev, images)
