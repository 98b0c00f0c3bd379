"""``docexam exercise designs`` lists what the generator makes; ``exercise generate`` takes --designs N or --design
CODE[,CODE...] (one or the other), and refuses a code it cannot make with exit 2 and the generator's words."""

import json

from docexam.specimens.designs import catalogue, split
from tests.cli.test_cli import docexam


def test_designs_json_lists_the_catalogue_with_splits():
    r = docexam("exercise", "designs", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [row["code"] for row in rows] == catalogue()
    assert {row["split"] for row in rows} == {"development", "held-out"}
    for row in rows:
        assert row["split"] == split(row["code"]).value
        assert {"state", "family", "title"} <= row.keys() and row["code"].startswith(row["state"] + "-")
    assert rows[0]["code"] == "UTO-TD3" and rows[0]["split"] == "development"


def test_designs_filtered_by_family_and_split_for_people():
    r = docexam("exercise", "designs", "--family", "mrvb", "--split", "held-out")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["CODE", "STATE", "FAMILY", "SPLIT", "TITLE"]
    rows = [line.split() for line in lines[1:] if line.strip() and "-MRVB-" in line]
    assert rows and all(row[2] == "mrvb" and row[3] == "held-out" and int(row[0].rsplit("-", 1)[1]) % 2 == 0 for row in rows)
    assert len(rows) == len(catalogue(families=("mrvb",), which=split("ARC-MRVB-2")))
    bad = docexam("exercise", "designs", "--family", "td9")
    assert bad.returncode == 2 and "unknown family" in bad.stderr


def test_generate_from_named_designs(tmp_path):
    out = tmp_path / "pack"
    r = docexam("exercise", "generate", "--count", "2", "--seed", "4", "--out", str(out), "--design", "KST-TD2-1,UTO-TD1",
                "--difficulty", "easy", "--today", "2026-11-28")
    assert r.returncode == 0, r.stderr
    assert "designs: KST-TD2-1, UTO-TD1" in r.stdout
    assert sorted(p.name for p in (out / "reference").iterdir()) == ["kst-td2-1", "td1"]
    manifest = json.loads((out / "pack.json").read_text(encoding="utf-8"))
    assert manifest["designs"] == ["KST-TD2-1", "UTO-TD1"]
    assert all(d["design"] in manifest["designs"] for d in manifest["documents"])
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"documents": {d["id"]: {"verdict": d["verdict"]} for d in manifest["documents"]}}))
    r = docexam("exercise", "score", "--key", str(out), "--answers", str(answers))
    assert r.returncode == 0 and "2/2 verdicts right" in r.stdout, r.stderr
    for d in manifest["documents"]:  # a generated design is named beside the family; Utopia's as before
        line = next(line for line in r.stdout.splitlines() if line.startswith(d["id"]))
        assert ("KST-TD2-1" in line) == (d["design"] == "KST-TD2-1") and "UTO-" not in line


def test_generate_from_a_number_of_designs(tmp_path):
    out = tmp_path / "pack"
    r = docexam("exercise", "generate", "--count", "2", "--seed", "4", "--out", str(out), "--designs", "2",
                "--families", "td3,mrvb", "--today", "2026-11-28")
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / "pack.json").read_text(encoding="utf-8"))
    assert len(manifest["designs"]) == 2 and all(c.split("-")[1] in ("TD3", "MRVB") for c in manifest["designs"])
    assert sorted(p.name for p in (out / "reference").iterdir()) == sorted(c.lower() for c in manifest["designs"])


def test_bad_designs_are_exit_2_with_the_generators_message(tmp_path):
    out = tmp_path / "never"
    for args, message in [
        (("--design", "CSP-TD9-3"), "'CSP-TD9-3' is not a design code"),
        (("--design", "QQQ-TD1-1"), "no fictional state 'QQQ'"),
        (("--design", ","), "at least one design code"),
        (("--design", "CSP-TD1-3", "--families", "td3"), "not one of the families asked for"),
        (("--designs", "0"), "positive whole number"),
        (("--designs", "2", "--design", "CSP-TD1-3"), "not allowed with"),
    ]:
        r = docexam("exercise", "generate", "--count", "1", "--seed", "1", "--out", str(out), *args)
        assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
        assert not out.exists()
