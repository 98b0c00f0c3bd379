"""A reference folder's specimen.json read as untrusted input: refused with the reason, before the images load."""

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import docexam.compare.reference as reference_module
from docexam.compare.reference import CaptureSetError, load_reference
from tests.test_jsonsafe import JSON_VALUES


@pytest.fixture
def folder(tmp_path):
    ref = tmp_path / "ref"
    ref.mkdir()
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(ref / "visible.png")
    return ref


def _write(folder, meta) -> None:
    (folder / "specimen.json").write_text(meta if isinstance(meta, str) else json.dumps(meta))


def test_a_good_description_is_read(folder):
    _write(folder, {"family": "td3", "dpi": 300, "regions": {"mrz": [0, 30, 60, 10], "portrait": [1.0, 2, 3, 4]},
                    "ir_absorbing": ["mrz"]})
    ref = load_reference(folder)
    assert ref.regions == {"mrz": (0, 30, 60, 10), "portrait": (1, 2, 3, 4)} and ref.ir_absorbing == {"mrz"}
    assert ref.dpi == 300.0 and ref.family == "td3"


@pytest.mark.parametrize(("meta", "words"), [
    ("[" * 100_000 + "]" * 100_000, "more than 64 deep"),
    ("{not json", "is not JSON"),
    (["regions"], "not a JSON object"),
    ({"regions": {"mrz": ["0", "30", "60", "10"]}}, "region 'mrz' is not"),
    ({"regions": {"mrz": [0, 30, 60.5, 10]}}, "whole pixels"),
    ({"regions": {"mrz": [0, 30, 0, 10]}}, "no positive size"),
    ({"regions": {"mrz": [0, 30, 10**20, 10]}}, "outside the 60x40"),
    ({"regions": []}, "'regions' is not an object"),
    ({"ir_absorbing": "mrz"}, "'ir_absorbing'"),
    ({"dpi": 1e308}, "'dpi'"),
    ({"dpi": "300"}, "'dpi'"),
    ({"family": 3}, "'family'"),
])
def test_a_malformed_description_is_a_capture_set_error(folder, meta, words):
    _write(folder, meta)
    with pytest.raises(CaptureSetError, match=words) as e:
        load_reference(folder)
    assert "specimen.json" in str(e.value)


def test_a_folder_named_specimen_json_is_refused_before_the_images_load(folder, monkeypatch):
    (folder / "specimen.json").mkdir()
    loaded = []
    monkeypatch.setattr(reference_module, "load_lights", lambda f: loaded.append(f) or {})
    with pytest.raises(CaptureSetError, match="specimen.json is a folder"):
        load_reference(folder)
    assert loaded == []


def test_a_dangling_link_named_specimen_json_is_refused(folder):
    (folder / "specimen.json").symlink_to(folder / "gone.json")
    with pytest.raises(CaptureSetError, match="specimen.json does not exist"):
        load_reference(folder)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({}, optional={"regions": st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3)
                                           | JSON_VALUES, "ir_absorbing": JSON_VALUES, "dpi": JSON_VALUES,
                                           "family": JSON_VALUES}) | JSON_VALUES)
def test_any_description_is_read_or_refused_as_a_capture_set_error(folder, meta):
    # The fuzz boundary of specimen.json: a Reference with boxes inside the images, or the one domain error.
    _write(folder, meta)
    try:
        ref = load_reference(folder)
    except CaptureSetError:
        return
    assert all(0 <= x and 0 <= y and 0 < w and 0 < h and x + w <= 60 and y + h <= 40 for x, y, w, h in ref.regions.values())
