"""The bundled specimen samples are what their script makes, and their keys are right."""

import importlib.util
import json

import cv2
import numpy as np

from docexam.mrz import parse
from tests.conftest import ROOT, TODAY

SAMPLES = ROOT / "samples" / "specimens"


def test_samples_regenerate_identically(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(out=tmp_path / "s", docs=tmp_path / "docs") == 0
    names = [name for name, *_ in mod.SAMPLES]
    assert sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()) == sorted(names)
    for name in names:
        assert json.loads((tmp_path / "s" / name / "key.json").read_text()) == json.loads((SAMPLES / name / "key.json").read_text())
        for light in ("visible", "uv", "ir"):
            a = cv2.imread(str(tmp_path / "s" / name / f"{light}.jpg")).astype(np.int16)
            b = cv2.imread(str(SAMPLES / name / f"{light}.jpg")).astype(np.int16)
            assert a.shape == b.shape and np.abs(a - b).mean() < 1.0


def test_sample_keys_describe_the_documents():
    verdicts = {}
    for key_path in sorted(SAMPLES.glob("*/key.json")):
        key = json.loads(key_path.read_text())
        verdicts[key["id"]] = key["verdict"]
        assert parse(key["mrz"], today=TODAY).valid
        assert (key["verdict"] == "genuine") == (not key["alterations"])
    assert verdicts == {"td1-genuine": "genuine", "td1-viz-alteration": "altered", "td3-genuine": "genuine",
                        "td3-photo-substitution": "altered"}
