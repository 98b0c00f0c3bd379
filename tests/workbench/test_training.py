"""Training, Qt-free: pack options checked, generation with progress and cancel, marks, scoring, the stored attempt."""

import json

import pytest

from docexam.store import Store
from docexam.workbench import training
from docexam.workbench.tasks import Cancelled, CancelToken
from docexam.workbench.training import Attempt, Marks, PackCancelled, PackOptions
from tests.conftest import TODAY


def options(folder, **change):
    return PackOptions(**({"count": 3, "families": ("td1",), "difficulty": "normal", "seed": 1, "out": folder,
                           "today": TODAY} | change))


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """A pack of three documents, written once for the module, and the progress reported on the way."""
    out = tmp_path_factory.mktemp("training") / "pack"
    seen = []
    manifest = training.generate(options(out), progress=lambda f, m: seen.append((f, m)))
    return out, manifest, seen


def perfect_answers(pack_dir):
    docs = {}
    for doc, key in training.answer_key(pack_dir).items():
        docs[doc] = {"verdict": key["verdict"],
                     "marks": [{"bbox": list(a.bbox), "light": a.lights[0]} for a in key["alterations"]]}
    return {"documents": docs}


@pytest.mark.parametrize(("change", "words"), [
    ({"count": 0}, "from 1 to"), ({"families": ()}, "at least one"),
    ({"families": ("td9",)}, "unknown document family"),
    ({"difficulty": "extreme"}, "unknown difficulty"), ({"seed": -1}, "seed"), ({"out": " "}, "folder"),
])
def test_bad_options_are_refused_with_the_reason(tmp_path, change, words):
    with pytest.raises(ValueError, match=words):
        options(tmp_path / "new", **change)


@pytest.mark.parametrize(("change", "words"), [
    ({"designs": ("CSP-TD9-3",)}, "not a design code"), ({"designs": ("CSP-TD1-3",), "families": ("td3",)}, "not one of"),
    ({"designs": 0}, "positive whole number"), ({"designs": ()}, "design codes"), ({"families": ("mrvb",)}, "unknown document family"),
])
def test_bad_designs_are_refused_with_the_generators_reason(tmp_path, change, words):
    with pytest.raises(ValueError, match=words):
        options(tmp_path / "new", **change)


def test_a_plan_of_designs_is_generate_packs_designs(tmp_path):
    assert options(tmp_path / "a", designs=2, families=()).designs == 2  # no family: any of the five
    named = options(tmp_path / "b", designs=["UTO-TD1", "ZLN-TD1-1"])
    assert named.designs == ("UTO-TD1", "ZLN-TD1-1") and named.families == ("td1",)
    seen = []
    manifest = training.generate(options(tmp_path / "c", count=1, designs=("ZLN-MRVB-1",), families=()),
                                 progress=lambda f, m: seen.append(m))
    assert manifest["designs"] == ["ZLN-MRVB-1"] and (tmp_path / "c" / "reference" / "zln-mrvb-1").is_dir()
    assert "ZLN-MRVB-1" in seen[0]
    assert training.answer_key(tmp_path / "c")["doc-0001"]["design"] == "ZLN-MRVB-1"


def test_a_folder_holding_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="already holds files"):
        options(tmp_path)
    assert options(tmp_path / "new").out == tmp_path / "new"


def test_generation_reports_progress_per_document(pack):
    out, manifest, seen = pack
    assert manifest["count"] == 3 and (out / "pack.json").exists()
    assert [f for f, _ in seen] == [0.0, 1 / 3, 2 / 3, 1.0]
    assert seen[-1][1] == "3 of 3 documents written"


def test_cancelling_before_the_start_writes_nothing(tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        training.generate(options(tmp_path / "p"), cancel=token)
    assert not (tmp_path / "p").exists()


def test_cancelling_part_way_stops_after_the_current_document(tmp_path):
    token = CancelToken()

    def progress(fraction, _message):
        if fraction > 0:
            token.cancel()  # as the Cancel button would, while the first document is written

    with pytest.raises(PackCancelled, match="after 1 of 3") as info:
        training.generate(options(tmp_path / "p"), progress=progress, cancel=token)
    assert isinstance(info.value, Cancelled)
    assert (tmp_path / "p" / "doc-0001" / "key.json").exists()
    assert not (tmp_path / "p" / "doc-0002").exists() and not (tmp_path / "p" / "pack.json").exists()


def test_marks_are_checked_and_emit_changes():
    marks = Marks()
    changes = []
    marks.events.items.connect(lambda: changes.append(len(marks)))
    m = marks.add("uv", [10, 20.4, 30, 40], "uv_feature_missing")
    assert m.bbox == (10, 20, 30, 40) and m.to_answer() == {"bbox": [10, 20, 30, 40], "light": "uv",
                                                              "kind": "uv_feature_missing"}
    assert Marks.validate("uv", [0, 0, 0, 5]) == "a mark needs a positive width and height, got 0 x 5"
    assert "light" in Marks.validate("xray", [0, 0, 5, 5])
    assert "kind" in Marks.validate("ir", [0, 0, 5, 5], "smudge")
    with pytest.raises(ValueError, match="four numbers"):
        marks.add("ir", [1, 2, 3])
    marks.remove(0)
    assert changes == [1, 0] and len(marks) == 0
    with pytest.raises(ValueError, match="no mark 0"):
        marks.remove(0)


def test_the_attempt_gives_answers_in_the_scoring_shape():
    attempt = Attempt(["doc-0001", "doc-0002"])
    attempt.set_verdict("doc-0001", "altered")
    attempt.marks_of("doc-0001").add("visible", (1, 2, 3, 4))
    assert attempt.answers() == {"documents": {"doc-0001": {"verdict": "altered",
                                                            "marks": [{"bbox": [1, 2, 3, 4], "light": "visible"}]}}}
    with pytest.raises(ValueError, match="verdict"):
        attempt.set_verdict("doc-0002", "forged")


def test_a_perfect_answer_scores_full_marks_and_an_empty_one_does_not(pack):
    out, _, _ = pack
    assert training.score_attempt(out, perfect_answers(out))["total"]["score"] == 100.0
    empty = training.score_attempt(out, {"documents": {}})
    assert empty["total"]["score"] == 0.0 and empty["total"]["unanswered"] == 3


def test_answers_of_the_wrong_shape_are_refused(pack):
    out, _, _ = pack
    with pytest.raises(ValueError, match="verdict 'forged'"):
        training.score_attempt(out, {"documents": {"doc-0001": {"verdict": "forged"}}})
    with pytest.raises(ValueError, match="box"):
        training.score_attempt(out, {"doc-0001": {"marks": [{"bbox": [1, 2]}]}})


def test_the_key_lists_each_documents_alterations(pack):
    out, manifest, _ = pack
    key = training.answer_key(out)
    assert sorted(key) == [d["id"] for d in manifest["documents"]]
    for doc in manifest["documents"]:
        raw = json.loads((out / doc["id"] / "key.json").read_text())
        assert [(a.kind, list(a.lights), list(a.bbox)) for a in key[doc["id"]]["alterations"]] == \
            [(a["kind"], a["lights"], a["bbox"]) for a in raw["alterations"]]
    assert training.pack_documents(out) == ["doc-0001", "doc-0002", "doc-0003"]
    assert set(training.capture_paths(out, "doc-0001")) == {"visible", "uv", "ir"}


def test_the_attempt_is_kept_in_the_store(pack, tmp_path):
    out, _, _ = pack
    answers = perfect_answers(out)
    result = training.score_attempt(out, answers)
    with Store.open(tmp_path / "c.db") as store:
        training.record_attempt(store, out, trainee="T. Rainee", answers=answers, result=result)
        kept = store.attempts(trainee="T. Rainee")
    assert len(kept) == 1
    assert kept[0]["score"] == 1.0 and kept[0]["exercise"] == str(out.resolve())
    assert kept[0]["answers"] == answers
