import hashlib
import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

from docexam.mrz import parse
from docexam.specimens.exercise import generate_document, generate_pack, load_answers, mark_matches, pack_designs, score
from tests.conftest import ROOT, TODAY


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    manifest = generate_pack(out, count=8, seed=42, difficulty="normal", today=TODAY)
    return out, manifest


def _digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_pack_layout_and_keys(pack):
    out, manifest = pack
    assert manifest["count"] == 8 and len(manifest["documents"]) == 8
    for doc in manifest["documents"]:
        folder = out / doc["id"]
        for light in ("visible", "uv", "ir"):
            img = cv2.imread(str(folder / f"{light}.png"))
            assert img is not None and img.ndim == 3
        key = json.loads((folder / "key.json").read_text())
        assert {"family", "mrz", "viz", "capture", "alterations", "verdict"} <= key.keys()
        assert key["verdict"] in ("genuine", "altered", "counterfeit")
        assert (key["verdict"] == "genuine") == (key["alterations"] == [])
        for a in key["alterations"]:
            assert {"kind", "lights", "bbox"} <= a.keys() and len(a["bbox"]) == 4
        # every printed MRZ parses; only check-digit tampering makes it invalid
        tampered = any(a["kind"] == "mrz_check_digit" for a in key["alterations"])
        assert parse(key["mrz"], today=TODAY).valid != tampered
        ref = out / key["reference"]
        assert (ref / "visible.png").exists() and (ref / "specimen.json").exists()
        # Utopia's designs by default, in the family-named folders packs always had
        assert key["design"] == f"UTO-{key['family'].upper()}" and key["reference"] == f"reference/{key['family']}"
    assert manifest["designs"] == ["UTO-TD3", "UTO-TD1", "UTO-TD2", "UTO-MRVA"]
    assert not list(out.rglob("*.part"))  # nothing half-written


def test_same_seed_same_bytes_different_seed_differs(pack, tmp_path):
    out, _ = pack
    # a document depends on the seed and its number only, not on the pack's count: a pack of two with the fixture's
    # seed repeats the fixture's first two documents and its references byte for byte
    again = tmp_path / "again"
    generate_pack(again, count=2, seed=42, difficulty="normal", today=TODAY)
    for part in ("reference", "doc-0001", "doc-0002"):
        assert _digest(again / part) == _digest(out / part), part
    codes = pack_designs(None, seed=43)
    _, other = generate_document(0, seed=43, designs=codes, difficulty="normal", today=TODAY)
    a = cv2.cvtColor(cv2.imread(str(out / "doc-0001" / "visible.png")), cv2.COLOR_BGR2RGB)
    b = other["visible"]
    assert a.shape != b.shape or not np.array_equal(a, b)


def test_scoring_a_perfect_and_a_lazy_trainee(pack):
    out, _ = pack
    keys = [json.loads(p.read_text()) for p in sorted(out.glob("doc-*/key.json"))]
    perfect = {"documents": {k["id"]: {"verdict": k["verdict"], "marks": [{"bbox": a["bbox"], "light": a["lights"][0]} for a in k["alterations"]]} for k in keys}}
    lazy = {"documents": {k["id"]: {"verdict": "genuine", "marks": [{"bbox": [0, 0, 10, 10]}]} for k in keys}}
    p, lz = score(out, perfect["documents"])["total"], score(out, lazy["documents"])["total"]
    assert p["score"] == 100.0 and p["false_marks"] == 0 and p["alterations_found"] == p["alterations"]
    assert lz["verdicts_correct"] == sum(k["verdict"] == "genuine" for k in keys)
    assert lz["false_marks"] >= 1 and lz["score"] < p["score"]


def test_answers_in_the_casework_wording_score_as_the_stored_words(pack):
    out, _ = pack
    keys = [json.loads(p.read_text()) for p in sorted(out.glob("doc-*/key.json"))]
    wording = {"altered": "forged/altered", "genuine": "Genuine", "counterfeit": "counterfeit"}
    answers = {k["id"]: {"verdict": wording[k["verdict"]], "marks": []} for k in keys}
    result = score(out, answers)
    assert result["total"]["verdicts_correct"] == len(keys)
    assert [r["answered"] for r in result["documents"]] == [k["verdict"] for k in keys]  # stored words kept


def test_mark_must_name_a_light_that_shows_the_alteration():
    alt = {"bbox": [100, 100, 50, 50], "lights": ["uv"]}
    assert mark_matches({"bbox": [110, 110, 20, 20]}, alt)
    assert mark_matches({"bbox": [110, 110, 20, 20], "light": "uv"}, alt)
    assert not mark_matches({"bbox": [110, 110, 20, 20], "light": "ir"}, alt)
    assert not mark_matches({"bbox": [300, 300, 20, 20]}, alt)


@pytest.mark.parametrize(
    ("text", "message"),
    [("not json", "not JSON"), ('{"x": 1}', "documents"), ('{"documents": {"doc-0001": {"verdict": "fake"}}}', "verdict"),
     ('{"documents": {"doc-0001": {"marks": [{"bbox": [1, 2]}]}}}', "bbox")],
)
def test_bad_answer_files_are_explained(tmp_path, text, message):
    f = tmp_path / "answers.json"
    f.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_answers(f)


def test_cli_generate_and_score(tmp_path):
    out = tmp_path / "cli-pack"
    r = subprocess.run([sys.executable, "-m", "docexam", "exercise", "generate", "--count", "2", "--seed", "5", "--out", str(out),
                        "--families", "td1,mrva", "--difficulty", "easy", "--today", "2026-11-28"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "wrote 2 documents" in r.stdout
    keys = [json.loads(p.read_text()) for p in sorted(out.glob("doc-*/key.json"))]
    assert {k["family"] for k in keys} <= {"td1", "mrva"}
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"documents": {k["id"]: {"verdict": k["verdict"]} for k in keys}}))
    r = subprocess.run([sys.executable, "-m", "docexam", "exercise", "score", "--key", str(out), "--answers", str(answers), "--json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"]["verdicts_correct"] == 2
    # kept in the case store under the trainee's name, with the answers and the score
    db = tmp_path / "training.sqlite"
    r = subprocess.run([sys.executable, "-m", "docexam", "exercise", "score", "--key", str(out), "--answers", str(answers),
                        "--trainee", "T. Rainee", "--db", str(db)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    from docexam.store import Store

    with Store.open(db) as store:
        (attempt,) = store.attempts(trainee="T. Rainee")
        assert attempt["answers"] == json.loads(answers.read_text()) and 0 < attempt["score"] <= 1
        assert attempt["exercise"] == str(out.resolve()) and store.verify().ok
    bad = subprocess.run([sys.executable, "-m", "docexam", "exercise", "generate", "--count", "1", "--seed", "1", "--out",
                          str(tmp_path / "x"), "--families", "td9"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and "unknown document family" in bad.stderr
