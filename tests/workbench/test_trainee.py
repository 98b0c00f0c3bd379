"""What a trainee sees, Qt-free: a pack document aligned with its reference (the key's frame), the reference found
from the key or the pack, a drag turned into a box, and the viewer's state that ignores a document the trainee has left."""

import json
import shutil

import numpy as np
import pytest

from docexam.workbench import training
from docexam.workbench.trainee import DocumentImages, TraineeView, box_from_drag, document_reference, load_document
from docexam.workbench.training import Attempt, KeyRegion
from tests.workbench.test_training import options


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("trainee") / "pack"
    training.generate(options(out, count=2, families=("td1",), seed=3))
    return out


def _grey(image):
    return image.astype(np.float64).mean(axis=2) if image.ndim == 3 else image.astype(np.float64)


def _correlation(a, b):
    a, b = _grey(a).ravel(), _grey(b).ravel()
    return float(np.corrcoef(a, b)[0, 1])


def test_a_document_is_shown_in_its_references_frame_so_a_box_on_it_is_a_box_of_the_key(pack):
    seen = []
    images = load_document(pack, "doc-0001", progress=lambda f, m: seen.append(f))
    assert images.aligned and images.problem == "" and images.family == "td1"
    assert images.lights == ("visible", "uv", "ir")
    ref = images.reference["visible"]
    assert images.size == (ref.shape[1], ref.shape[0])
    for light in images.lights:
        assert images.questioned[light].shape == images.reference[light].shape
    # Aligned: the questioned visible image lies over the reference (fixed design, another holder); shifted by 20
    # pixels it does not.
    q = images.questioned["visible"]
    assert _correlation(q, ref) > 0.6
    assert _correlation(q, ref) > _correlation(np.roll(q, 20, axis=1), ref) + 0.1
    assert seen[0] == 0.0 and seen == sorted(seen)


def test_the_reference_comes_from_the_key_the_pack_or_its_only_reference(pack, tmp_path):
    assert document_reference(pack, "doc-0002") == "td1"
    copy = tmp_path / "copy"
    shutil.copytree(pack, copy)
    (copy / "pack.json").unlink()
    assert document_reference(copy, "doc-0002") == "td1"  # one reference in the pack
    shutil.copytree(copy / "reference" / "td1", copy / "reference" / "td3")
    assert document_reference(copy, "doc-0002") == "td1"  # two, and the answer key says which
    (copy / "doc-0002" / "key.json").unlink()
    assert document_reference(copy, "doc-0002") is None  # two, and nothing says which


def test_a_document_without_its_reference_is_shown_as_captured_and_says_why(pack, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(pack, copy)
    shutil.rmtree(copy / "reference")
    images = load_document(copy, "doc-0001")
    assert not images.aligned and images.reference == {}
    assert "no reference specimen" in images.problem and "typed" in images.problem
    assert images.questioned["visible"].shape[:2] != (0, 0)
    with pytest.raises(ValueError, match="no captures"):
        load_document(copy, "doc-0099")


def test_a_drag_becomes_a_box_in_either_direction_cut_to_the_image():
    assert box_from_drag((10, 20), (110, 70), (500, 300)) == (10, 20, 100, 50)
    assert box_from_drag((110, 70), (10, 20), (500, 300)) == (10, 20, 100, 50)
    assert box_from_drag((-30, -5), (40, 50), (500, 300)) == (0, 0, 40, 50)
    assert box_from_drag((480, 280), (900, 900), (500, 300)) == (480, 280, 20, 20)
    assert box_from_drag((5, 5), (6, 40), (500, 300)) is None  # a click, not a box
    assert box_from_drag((600, 10), (700, 90), (500, 300)) is None  # wholly outside
    with pytest.raises(ValueError, match="positive"):
        box_from_drag((0, 0), (1, 1), (0, 10))


def _images(doc, lights=("visible", "uv"), aligned=True):
    img = np.zeros((30, 40, 3), np.uint8)
    return DocumentImages(doc, "td1", {lt: img for lt in lights}, {lt: img for lt in lights}, aligned=aligned)


def test_the_view_shows_the_document_chosen_and_ignores_one_the_trainee_left():
    view = TraineeView()
    changed = []
    view.events.connect(lambda info: changed.append(info.signal.name))
    view.show_document("doc-0001")
    view.show_document("doc-0002")
    view.set_images(_images("doc-0001"))  # loaded too late: the trainee moved on
    assert view.images is None and view.image() is None and not view.can_draw
    view.set_images(_images("doc-0002"))
    assert view.image() is not None and view.reference_image() is not None and view.can_draw
    assert changed[:2] == ["document", "document"] and "images" in changed
    with pytest.raises(ValueError, match="no ir capture"):
        view.set_light("ir")
    view.set_light("uv")
    assert view.light == "uv"
    view.set_images(_images("doc-0002", lights=("ir",)))  # the light follows a document without it
    assert view.light == "ir"
    view.set_images(_images("doc-0002", aligned=False))
    assert not view.can_draw


def test_the_key_is_kept_for_the_document_shown_and_dropped_when_another_is_chosen():
    view = TraineeView()
    view.show_document("doc-0001")
    region = KeyRegion("photo_substitution", ("visible", "uv"), (1, 2, 3, 4))
    view.set_key("doc-0002", [region])
    assert view.key == ()
    view.set_key("doc-0001", [region])
    assert view.key == (region,)
    view.light = "ir"
    assert view.key_in_light() == []
    view.light = "uv"
    assert view.key_in_light() == [region]
    view.show_document("doc-0002")
    assert view.key == ()
    with pytest.raises(ValueError, match="KeyRegion"):
        view.set_key("doc-0002", [(1, 2, 3, 4)])
    with pytest.raises(ValueError, match="light must be one of"):
        view.light = "xray"


def test_a_document_counts_as_answered_with_a_verdict_or_a_mark():
    attempt = Attempt(["doc-0001", "doc-0002", "doc-0003"])
    attempt.set_verdict("doc-0001", "genuine")
    attempt.marks_of("doc-0002").add("uv", (1, 1, 5, 5))
    assert [attempt.answered(d) for d in attempt.documents] == [True, True, False]
    attempt.set_verdict("doc-0001", None)
    assert not attempt.answered("doc-0001")
    with pytest.raises(ValueError, match="no document"):
        attempt.answered("doc-0009")
    assert json.dumps(attempt.answers())  # still what the scorer reads


@pytest.fixture(scope="module")
def designs_pack(tmp_path_factory):
    """A pack drawn from three generated designs (and its manifest)."""
    out = tmp_path_factory.mktemp("trainee-designs") / "pack"
    manifest = training.generate(options(out, count=4, families=(), designs=3, seed=5))
    return out, manifest


def test_a_document_of_a_generated_design_is_set_against_that_designs_reference(designs_pack):
    from docexam.compare.reference import load_reference

    pack, manifest = designs_pack
    assert len(manifest["designs"]) == 3 and not any(d.startswith("UTO-") for d in manifest["designs"])
    keys = {d["id"]: json.loads((pack / d["id"] / "key.json").read_text(encoding="utf-8")) for d in manifest["documents"]}
    assert len({k["design"] for k in keys.values()}) >= 2  # the pack mixes designs: which reference matters
    for doc, key in keys.items():
        images = load_document(pack, doc)
        assert images.design == key["design"] and images.reference_name == key["design"]
        assert images.family == key["family"] and images.aligned, images.problem
        own = load_reference(pack / key["reference"])
        assert all(np.array_equal(images.reference[light], own.images[light]) for light in own.images)
        for other in {k["reference"] for k in keys.values()} - {key["reference"]}:
            assert not np.array_equal(images.reference["visible"], load_reference(pack / other).images["visible"])
        # aligned with its own design: its fixed print lies over the reference's
        assert _correlation(images.questioned["visible"], own.images["visible"]) > 0.5


def test_a_handout_without_keys_still_sets_each_document_against_its_own_design(designs_pack, tmp_path):
    pack, manifest = designs_pack
    copy = tmp_path / "handout"
    shutil.copytree(pack, copy)
    for key in copy.glob("doc-*/key.json"):
        key.unlink()
    assert len(list((copy / "reference").iterdir())) == 3
    for doc in manifest["documents"]:  # pack.json names each document's reference
        assert document_reference(copy, doc["id"]) == doc["reference"].removeprefix("reference/")
