"""The screenshot script (``make screenshots``, docs/ and the README): it runs headless too, and each comparison mode
gives its own picture of the whole window."""

import importlib.util

import numpy as np
from PIL import Image

from docexam.workbench import CompareMode
from tests.conftest import ROOT


def test_one_screenshot_per_comparison_mode_each_different(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    paths = shots.take(tmp_path / "docs", size=(1200, 800))
    assert [p.name for p in paths] == [f"screenshot-{m.value}.png" for m in CompareMode] + ["screenshot-finding.png"]
    images = {p.stem.removeprefix("screenshot-"): np.asarray(Image.open(p).convert("RGB"), dtype=np.int16) for p in paths}
    assert all(im.shape[:2] == (800, 1200) for im in images.values())
    names = list(images)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if {a, b} != {"single", "flicker"}:  # a flicker still shows the questioned image, as single does
                assert (np.abs(images[a] - images[b]).max(axis=2) > 40).mean() > 0.001, (a, b)


def test_the_evidence_of_the_top_finding_shows_in_the_window_of_a_laptop_and_enlarged(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    shot, large, listed, cut = shots.take_evidence(tmp_path / "docs")
    assert cut == []  # no text of the window cut at 1366x768
    window = np.asarray(Image.open(shot).convert("RGB"), dtype=np.int16)
    enlarged = np.asarray(Image.open(large).convert("RGB"), dtype=np.int16)
    checks = np.asarray(Image.open(listed).convert("RGB"), dtype=np.int16)
    assert window.shape[:2] == enlarged.shape[:2] == checks.shape[:2] == (768, 1366)
    assert (np.abs(window - enlarged).max(axis=2) > 40).mean() > 0.15  # the enlarged crops drawn over the window
    assert (np.abs(window - checks).max(axis=2) > 40).mean() > 0.15  # the list of checks drawn over the window
