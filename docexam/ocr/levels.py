"""The grey levels of paper and ink in an image of printed text."""

from __future__ import annotations

import cv2
import numpy as np


def paper_and_ink(gray: np.ndarray) -> tuple[float, float]:
    """(paper, ink) grey levels of a (H, W) uint8 image: the medians of the two sides of Otsu's threshold, so that
    noise does not set the contrast (a percentile would pick the darkest speck) and blurred strokes still reach full
    ink at their core. The ink is kept at least 10 levels below the paper."""
    thr, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark, light = gray[gray <= thr], gray[gray > thr]
    ink = float(np.median(dark)) if dark.size else 0.0
    paper = float(np.median(light)) if light.size else 255.0
    return paper, min(ink, paper - 10)
