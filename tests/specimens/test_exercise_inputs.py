"""Exercise packs at their input boundaries: where a pack is written (atomically, never over other files), and the
answers and answer keys that scoring reads from outside (checked, never a traceback)."""

import json
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docexam.specimens.exercise as exercise
from docexam.errors import UntrustedInputError
from docexam.specimens.exercise import PackWriteError, generate_pack, load_answers, load_key, score
from tests.conftest import ROOT, TODAY
from tests.test_jsonsafe import JSON_VALUES


def _generate(out, **kw):
    return generate_pack(out, **({"count": 1, "seed": 7, "families": ["td1"], "today": TODAY} | kw))


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("inputs") / "pack"
    _generate(out, count=2)
    return out


def _copy(pack, tmp_path):
    return shutil.copytree(pack, tmp_path / "copy")


def _entries(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# --- where a pack is written ----------------------------------------------------------------------------------


def test_a_pack_is_not_written_over_a_file_or_a_folder_of_other_files(tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(PackWriteError, match="is a file"):
        _generate(tmp_path / "a-file")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep")
    with pytest.raises(PackWriteError, match="already holds files"):
        _generate(tmp_path / "notes", replace=True)  # not a pack: never replaced
    assert _entries(tmp_path / "notes") == ["mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "notes"]  # no temporary folder left


def test_an_empty_folder_takes_a_pack(tmp_path):
    (tmp_path / "empty").mkdir()
    assert _generate(tmp_path / "empty")["count"] == 1
    assert (tmp_path / "empty" / "pack.json").is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_an_existing_pack_is_refused_or_replaced_whole(pack, tmp_path):
    old = _copy(pack, tmp_path)
    with pytest.raises(PackWriteError, match="already holds an exercise pack.*--replace"):
        _generate(old)
    assert _entries(old) == _entries(pack)
    manifest = _generate(old, replace=True)  # one document where there were two
    assert [d["id"] for d in manifest["documents"]] == ["doc-0001"]
    assert sorted(p.name for p in old.glob("doc-*")) == ["doc-0001"]  # no old doc-0002 left to be scored
    assert score(old, {})["total"]["documents"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_a_failed_run_leaves_nothing_and_an_old_pack_as_it_was(pack, tmp_path, monkeypatch):
    real = exercise.generate_document

    def fail_second(index, **kw):
        if index == 1:
            raise OSError(28, "No space left on device")
        return real(index, **kw)

    monkeypatch.setattr(exercise, "generate_document", fail_second)
    with pytest.raises(PackWriteError, match="No space left on device"):
        _generate(tmp_path / "new", count=2)
    assert list(tmp_path.iterdir()) == []
    old = _copy(pack, tmp_path)
    with pytest.raises(PackWriteError):
        _generate(old, count=2, replace=True)
    assert _entries(old) == _entries(pack) and sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_a_cancel_keeps_the_complete_documents_without_pack_json(tmp_path):
    class Stop(Exception):
        pass

    def progress(done, total):
        raise Stop

    with pytest.raises(Stop):
        _generate(tmp_path / "p", count=2, progress=progress)
    assert (tmp_path / "p" / "doc-0001" / "key.json").is_file() and not (tmp_path / "p" / "pack.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]
    with pytest.raises(PackWriteError, match="already holds an exercise pack"):
        _generate(tmp_path / "p")
    assert _generate(tmp_path / "p", replace=True)["count"] == 1  # what the cancel left is replaced whole
    assert (tmp_path / "p" / "pack.json").is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["p"]


@pytest.mark.parametrize("today", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_a_reference_date_outside_the_range_is_refused_before_anything_is_written(tmp_path, today):
    import datetime as dt

    with pytest.raises(ValueError, match="outside 1900-01-01 to 2999-12-31"):
        _generate(tmp_path / "p", today=dt.date.fromisoformat(today))
    assert list(tmp_path.iterdir()) == []


# --- answers and keys read from outside --------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "words"), [
    ({"documents": {"doc-0001": {"verdict": "genuine", "marks": 5}}}, "marks 5; marks are a list"),
    ({"documents": {"doc-0001": {"marks": [{"bbox": ["1", "2", "3", "4"]}]}}}, "bbox of numbers"),
    ({"documents": {"doc-0001": {"marks": [{"bbox": [1, 2, 3, True]}]}}}, "bbox of numbers"),
    ({"documents": {"doc-0001": {"marks": [{"bbox": [1, 2, 3, 4], "light": ["uv"]}]}}}, "light is not a name"),
    ({"documents": {"doc-0001": {"marks": [7]}}}, "bbox"),
    ({"documents": {"doc-0001": "altered"}}, "must be an object"),
])
def test_answers_of_the_wrong_shape_are_explained(tmp_path, answers, words):
    f = tmp_path / "answers.json"
    f.write_text(json.dumps(answers))
    with pytest.raises(UntrustedInputError, match=words) as e:
        load_answers(f)
    assert e.value.source == str(f)


def test_deeply_nested_answers_are_refused(tmp_path):
    f = tmp_path / "answers.json"
    f.write_text('{"documents": {"doc-0001": {"marks": ' + "[" * 50_000 + "]" * 50_000 + "}}}")
    with pytest.raises(UntrustedInputError, match="deep"):
        load_answers(f)


@pytest.mark.parametrize(("change", "words"), [
    (lambda k: k.pop("id"), "no 'id'"),
    (lambda k: k.update(verdict="forged"), "verdict 'forged'"),
    (lambda k: k.update(alterations="none"), "list of 'alterations'"),
    (lambda k: k.update(alterations=[{"kind": "x", "bbox": [1, 2, 3, 4]}]), "list of 'lights'"),
    (lambda k: k.update(alterations=[{"kind": "x", "lights": ["uv"], "bbox": ["1", "2", "3", "4"]}]), "'bbox'"),
    (lambda k: k.update(alterations=[{"lights": ["uv"], "bbox": [1, 2, 3, 4]}]), "no 'kind'"),
])
def test_an_answer_key_of_the_wrong_shape_is_explained(pack, tmp_path, change, words):
    copy = _copy(pack, tmp_path)
    path = copy / "doc-0001" / "key.json"
    key = json.loads(path.read_text())
    change(key)
    path.write_text(json.dumps(key))
    with pytest.raises(UntrustedInputError, match=words) as e:
        score(copy, {})
    assert e.value.source == str(path) and "generate the pack again" in str(e.value)


def test_the_keys_generate_pack_writes_pass_the_check(pack):
    for path in sorted(pack.glob("doc-*/key.json")):
        assert load_key(path)["id"] == path.parent.name


_MARK = st.fixed_dictionaries({"bbox": st.one_of(st.lists(st.integers(-5, 2000) | st.floats(), min_size=4, max_size=4),
                                                 JSON_VALUES)},
                              optional={"light": st.sampled_from(["visible", "uv", "ir"]) | JSON_VALUES})
_ANSWER = st.fixed_dictionaries({}, optional={"verdict": st.sampled_from(["genuine", "altered", "counterfeit"]) | JSON_VALUES,
                                              "marks": st.lists(_MARK, max_size=3) | JSON_VALUES})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["doc-0001", "doc-0002", "doc-9999"]), _ANSWER | JSON_VALUES, max_size=3))
def test_any_answers_score_or_are_refused_as_untrusted_input(pack, answers):
    # The fuzz boundary of scoring: whatever a trainee's file holds, a score or the one domain error.
    try:
        result = score(pack, answers)
    except UntrustedInputError:
        return
    assert 0 <= result["total"]["score"] <= 100


# --- the command line ---------------------------------------------------------------------------------------------


def _docexam(*args, **kw):
    return subprocess.run([sys.executable, "-m", "docexam", *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, **kw)


def test_cli_generate_refuses_with_exit_2(pack, tmp_path):
    (tmp_path / "f").write_text("x")
    for out, today, words in [(tmp_path / "f", "2026-11-28", "is a file"), ("/proc/docexam-pack", "2026-11-28", "cannot write"),
                              (tmp_path / "p", "0001-01-01", "outside 1900-01-01"),
                              (pack, "2026-11-28", "already holds an exercise pack")]:
        r = _docexam("exercise", "generate", "--count", 1, "--seed", 1, "--families", "td1", "--out", out, "--today", today)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_cli_generate_replace_replaces_the_pack(pack, tmp_path):
    old = _copy(pack, tmp_path)
    r = _docexam("exercise", "generate", "--count", 1, "--seed", 3, "--families", "td1", "--out", old, "--today",
                 "2026-11-28", "--replace")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in old.glob("doc-*")) == ["doc-0001"]


def test_cli_score_explains_bad_answers_with_exit_2(pack, tmp_path):
    for name, text, words in [("marks.json", '{"documents": {"doc-0001": {"marks": 5}}}', "marks 5"),
                              ("deep.json", "[" * 100_000 + "]" * 100_000, "deep")]:
        (tmp_path / name).write_text(text)
        r = _docexam("exercise", "score", "--key", pack, "--answers", tmp_path / name)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, r.stderr
