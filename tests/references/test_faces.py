"""OpenCV's face cascade as docexam runs it: the shipped file, and the evaluation that stands in for
cv2.CascadeClassifier where the installed OpenCV has none (OpenCV 5)."""

from __future__ import annotations

import datetime as dt
import hashlib

import cv2
import numpy as np
import pytest

from docexam.references import faces
from docexam.references.truth import iou
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design


def test_the_cascade_ships_unmodified_with_its_licence():
    data = faces.CASCADE_FILE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == "7c31331d494f20e216b397ad99d824d92ab91ebb15db3bcda6a2f8e684d238d3"
    assert b"Redistribution and use in source and binary forms" in data[:3000]
    cascade = faces.load_cascade()
    assert (cascade.width, cascade.height) == (45, 45)
    assert len(cascade.feature) == sum(n for _, _, n in cascade.stages) == 149


def test_the_evaluation_finds_what_opencv_4_finds(monkeypatch):
    # OpenCV 4.14's cv2.CascadeClassifier.detectMultiScale (scaleFactor 1.1, minNeighbors 3) on this rendering,
    # shrunk to 500 px wide, found one face at (53, 118, 60, 60).
    monkeypatch.delattr(cv2, "CascadeClassifier", raising=False)
    visible = render(random_specimen(design("ARC-TD3-1"), 3, today=dt.date(2026, 1, 1)), dpi=300)["visible"]
    grey = cv2.cvtColor(visible, cv2.COLOR_RGB2GRAY)
    s = 500 / max(grey.shape)
    grey = cv2.resize(grey, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    found = faces.detect_faces(grey)
    assert len(found) == 1 and iou(found[0], (53, 118, 60, 60)) >= 0.9, found


def test_no_face_is_found_in_a_page_of_text_or_a_blank():
    blank = np.full((400, 600), 230, np.uint8)
    assert faces.detect_faces(blank) == []
    text = blank.copy()
    for i in range(12):
        cv2.putText(text, "P<UTOERIKSSON<<ANNA<MARIA<<<", (10, 30 + 30 * i), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 20, 2)
    assert faces.detect_faces(text) == []


@pytest.mark.parametrize(("image", "kw", "message"), [
    (np.zeros((50, 50, 3), np.uint8), {}, "2-D uint8"),
    (np.zeros((50, 50), np.float32), {}, "2-D uint8"),
    (np.zeros((50, 50), np.uint8), {"scale_factor": 1.0}, "above 1"),
])
def test_bad_input_is_refused(image, kw, message):
    with pytest.raises(ValueError, match=message):
        faces.detect_faces(image, **kw)
