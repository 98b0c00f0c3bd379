"""docexam reference: the reference library from the command line (create, list, show, annotate, export, import),
and bad input refused with exit 2 and nothing written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from docexam.cli import main
from docexam.store.schema import SCHEMA_VERSION
from tests.store.conftest import make_png


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def specimen(folder: Path, seed: int, size=(120, 84), lights=("visible", "uv", "ir")) -> Path:
    folder.mkdir(parents=True)
    for i, light in enumerate(lights):
        make_png(folder / f"{light}.png", seed + i, size)
    return folder


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "library.sqlite")


def create(capsys, db, *folders: Path, name="Utopia passport 2025", extra=()) -> dict:
    code, out, err = run(capsys, "reference", "create", "--db", db, "--name", name, "--state", "UTO", "--code", "P",
                         "--format", "TD3", "--dpi", "300", "--no-annotate", *extra, *map(str, folders), "--json")
    assert code == 0, err
    return json.loads(out)


def listed(capsys, db, *args: str) -> list[dict]:
    code, out, err = run(capsys, "reference", "list", "--db", db, "--json", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_create_list_show_and_annotate_in_versions(capsys, db, tmp_path):
    made = create(capsys, db, specimen(tmp_path / "a", 1), specimen(tmp_path / "b", 9))
    assert isinstance(made["id"], int) and len(made["uid"]) == 36
    assert [r["name"] for r in listed(capsys, db, "--state", "uto", "--code", "P")] == ["Utopia passport 2025"]
    assert listed(capsys, db, "--state", "ARC") == [] and listed(capsys, db, "--synthetic") == []
    code, out, _ = run(capsys, "reference", "show", "--db", db, made["uid"][:8], "--json")
    shown = json.loads(out)
    assert code == 0 and shown["id"] == made["id"] and len(shown["specimens"]) == 2 and shown["current"] is None
    first = shown["specimens"][0]["id"]
    edited = tmp_path / "regions.json"
    edited.write_text(json.dumps({"regions": [
        {"id": "mrz", "role": "mrz", "box": [4, 60, 110, 20], "source": "examiner",
         "expectations": [{"light": "ir", "expect": "absorbs"}]}]}))
    code, out, err = run(capsys, "reference", "annotate", "--db", db, str(made["id"]), "--regions", str(edited))
    assert code == 0 and "annotation version 1 kept" in out, err
    current = json.loads(run(capsys, "reference", "show", "--db", db, str(made["id"]), "--json")[1])["current"]
    assert current["specimen"] == first and current["version"] == 1 and current["dpi"] == 300
    current["regions"][0]["box"] = [4, 62, 110, 20]  # the examiner moves the MRZ and saves the whole object back
    current["regions"][0]["note"] = "its lower line runs off the capture"
    edited.write_text(json.dumps(current))
    code, out, err = run(capsys, "reference", "annotate", "--db", db, str(made["id"]), "--regions", str(edited),
                         "--note", "MRZ 2 px lower", "--json")
    assert code == 0 and json.loads(out)["version"] == 2, err
    shown = json.loads(run(capsys, "reference", "show", "--db", db, str(made["id"]), "--json")[1])
    assert [a["version"] for a in shown["annotations"]] == [1, 2]
    assert shown["annotations"][0]["regions"][0]["box"] == [4, 60, 110, 20]
    assert shown["current"]["regions"][0]["box"] == [4, 62, 110, 20] and shown["current"]["note"] == "MRZ 2 px lower"
    code, out, _ = run(capsys, "reference", "show", "--db", db, str(made["id"]))
    assert "annotation version 2 of 2" in out and "reference.annotate" in out
    assert "\n      its lower line runs off the capture\n" in out  # a region's note, under its line
    assert run(capsys, "case", "verify", "--db", db)[0] == 0


def test_an_annotation_outside_the_specimen_or_malformed_is_refused(capsys, db, tmp_path):
    made = create(capsys, db, specimen(tmp_path / "a", 1))
    bad = tmp_path / "bad.json"
    for content, message in (
        ({"regions": [{"id": "mrz", "role": "mrz", "box": [4, 70, 110, 20]}]}, "outside the specimen's 120x84 images"),
        ({"regions": [{"id": "mrz", "role": "eyebrow", "box": [4, 6, 10, 20]}]}, "is not one of portrait"),
        ({"regions": [{"id": "mrz", "role": "mrz", "box": [4, 6, 0, 20]}]}, "positive size"),
        ([1, 2], "not a JSON object"),
    ):
        bad.write_text(json.dumps(content))
        code, _, err = run(capsys, "reference", "annotate", "--db", db, str(made["id"]), "--regions", str(bad))
        assert code == 2 and message in err, err
    bad.write_text("{not json")
    assert run(capsys, "reference", "annotate", "--db", db, str(made["id"]), "--regions", str(bad))[0] == 2
    assert listed(capsys, db)[0]["version"] == 0


def test_bad_input_is_refused_with_exit_2_and_nothing_written(capsys, db, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no image here")
    code, _, err = run(capsys, "reference", "create", "--db", db, "--name", "x", "--dpi", "300", str(empty))
    assert code == 2 and "holds no visible.*, uv.* or ir.* image" in err
    passport, card = specimen(tmp_path / "p", 1, size=(148, 104)), specimen(tmp_path / "c", 5, size=(101, 64))
    code, _, err = run(capsys, "reference", "create", "--db", db, "--name", "x", "--dpi", "300", "--no-annotate",
                       str(passport), str(card))
    assert code == 2 and "not one design" in err and "nothing was written" in err
    blank = tmp_path / "blank"
    blank.mkdir()
    Image.new("RGB", (120, 84), (255, 255, 255)).save(blank / "visible.png")
    code, _, err = run(capsys, "reference", "create", "--db", db, "--name", "x", "--dpi", "300", str(blank))
    assert code == 2 and "shows no document" in err
    code, _, err = run(capsys, "reference", "create", "--db", db, "--name", "x", str(passport))
    assert code == 2 and "--dpi" in err
    code, _, err = run(capsys, "reference", "create", "--db", db, str(passport), "--dpi", "300")
    assert code == 2 and "--name" in err
    code, _, err = run(capsys, "reference", "show", "--db", db, "42")
    assert code == 2 and "no reference '42'" in err
    assert listed(capsys, db) == []


def test_export_and_import_carry_the_library_and_refuse_bad_bundles(capsys, db, tmp_path):
    made = create(capsys, db, specimen(tmp_path / "a", 1))
    regions = tmp_path / "regions.json"
    for y in (60, 61):
        regions.write_text(json.dumps({"regions": [{"id": "mrz", "role": "mrz", "box": [4, y, 110, 20]}]}))
        assert run(capsys, "reference", "annotate", "--db", db, str(made["id"]), "--regions", str(regions))[0] == 0
    bundle = tmp_path / "library.zip"
    code, out, err = run(capsys, "reference", "export", "--db", db, made["uid"], "--out", str(bundle))
    assert code == 0 and "1 reference(s), 3 image(s)" in out, err
    checkpoint = str(tmp_path / "checkpoint.sqlite")

    with zipfile.ZipFile(bundle) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members["manifest.json"])
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bundle.read_bytes()[:-200])
    for name, change in (("tampered", lambda m: m["references"][0]["type"].update(name="Utopia passport 2026")),
                         ("newer", lambda m: m.update(schema=SCHEMA_VERSION + 1))):
        m = json.loads(json.dumps(manifest))
        change(m)
        with zipfile.ZipFile(tmp_path / f"{name}.zip", "w") as z:
            for n, data in members.items():
                z.writestr(n, json.dumps(m) if n == "manifest.json" else data)
    for bad, message in ((tmp_path / "tampered.zip", "edited after export"), (cut, "refused"),
                         (tmp_path / "newer.zip", "made by a newer docexam")):
        code, _, err = run(capsys, "reference", "import", "--db", checkpoint, str(bad))
        assert code == 2 and message in err and "nothing was imported" in err, err
    assert listed(capsys, checkpoint) == []

    code, out, err = run(capsys, "reference", "import", "--db", checkpoint, str(bundle), "--json")
    assert code == 0 and json.loads(out)["added"] == ["Utopia passport 2025"], err
    code, out, _ = run(capsys, "reference", "import", "--db", checkpoint, str(bundle))
    assert code == 0 and "0 added, 0 updated, 1 already here" in out
    shown = json.loads(run(capsys, "reference", "show", "--db", checkpoint, made["uid"], "--json")[1])
    assert [a["version"] for a in shown["annotations"]] == [1, 2]
    code, out, _ = run(capsys, "case", "verify", "--db", checkpoint)
    assert code == 0 and "1 reference(s) of the library" in out


def test_db_comes_from_the_environment_as_for_cases(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCEXAM_DB", str(tmp_path / "env.sqlite"))
    code, out, err = run(capsys, "reference", "create", "--name", "from env", "--dpi", "300", "--no-annotate",
                         str(specimen(tmp_path / "a", 1)), "--json")
    assert code == 0, err
    assert [json.loads(x)["name"] for x in run(capsys, "reference", "list", "--json")[1].splitlines()] == ["from env"]
    assert (tmp_path / "env.sqlite").exists()


class FakeAnnotator:
    """Stands for docexam.references.annotate and .variable: records what create asks of them."""

    def __init__(self, fail: str | None = None) -> None:
        self.calls: list[tuple] = []
        self.fail = fail

    def annotate(self, images, *, dpi, specimen="", today=None):
        from docexam.references.model import Annotation, Region, Role

        self.calls.append(("annotate", sorted(images), dpi, specimen))
        if self.fail:
            raise ValueError(self.fail)
        return Annotation(specimen, dpi, (Region("mrz", Role.MRZ, (2, 50, 100, 20)),), note="automatic")

    def learn_variable(self, specimens):
        from dataclasses import replace

        from docexam.references.model import Region, Role

        self.calls.append(("learn_variable", len(specimens)))
        first = specimens[0][1]
        return replace(first, regions=first.regions + (Region("personalised-1", Role.PERSONALISED, (0, 0, 50, 40)),))


@pytest.fixture
def annotator(monkeypatch):
    import sys
    import types

    fake = FakeAnnotator()
    for name, attr in (("docexam.references.annotate", "annotate"), ("docexam.references.variable", "learn_variable")):
        module = types.ModuleType(name)
        setattr(module, attr, getattr(fake, attr))
        monkeypatch.setitem(sys.modules, name, module)
    return fake


def test_create_annotates_automatically_and_learns_from_two_specimens(capsys, db, tmp_path, annotator):
    code, out, err = run(capsys, "reference", "create", "--db", db, "--name", "UTO passport", "--dpi", "300",
                         str(specimen(tmp_path / "a", 1)), str(specimen(tmp_path / "b", 9)), "--json")
    assert code == 0, err
    shown = json.loads(run(capsys, "reference", "show", "--db", db, str(json.loads(out)["id"]), "--json")[1])
    first, second = (s["id"] for s in shown["specimens"])
    assert annotator.calls == [("annotate", ["ir", "uv", "visible"], 300.0, first),
                               ("annotate", ["ir", "uv", "visible"], 300.0, second), ("learn_variable", 2)]
    assert shown["current"]["version"] == 1 and shown["current"]["specimen"] == first
    assert [r["id"] for r in shown["current"]["regions"]] == ["mrz", "personalised-1"]


def test_a_specimen_the_annotator_finds_no_document_in_is_refused(capsys, db, tmp_path, annotator):
    annotator.fail = "no MRZ and no portrait found in the visible capture"
    code, _, err = run(capsys, "reference", "create", "--db", db, "--name", "x", "--dpi", "300",
                       str(specimen(tmp_path / "a", 1)))
    assert code == 2 and "no MRZ and no portrait found" in err and "nothing was written" in err
    assert listed(capsys, db) == []


def test_what_is_not_said_is_read_from_the_specimens_mrz(capsys, db, tmp_path):
    from tests.conftest import ROOT

    code, out, err = run(capsys, "reference", "create", "--db", db, "--name", "UTO passport", "--dpi", "300",
                         "--no-annotate", "--today", "2026-11-28", str(ROOT / "samples" / "specimens" / "td3-genuine"))
    assert code == 0 and "issuing state UTO, document code P, format TD3 (from the valid MRZ read in ir light" in err
    (made,) = listed(capsys, db)
    assert (made["state"], made["document_code"], made["format"]) == ("UTO", "P", "TD3")
    code, out, err = run(capsys, "reference", "create", "--db", db, "--name", "noise", "--dpi", "300", "--no-annotate",
                         "--format", "TD1", str(specimen(tmp_path / "a", 1)))
    assert code == 0 and "no MRZ could be read" in err and "give --state, --code and --format" in err
    assert [(r["state"], r["format"]) for r in listed(capsys, db, "--name", "noise")] == [(None, "TD1")]


def test_a_cases_document_becomes_a_genuine_specimen(capsys, db, tmp_path):
    folder = specimen(tmp_path / "case-doc", 3)
    code, out, err = run(capsys, "case", "create", "--db", db, "--title", "genuine UTO passport", "--json")
    case = json.loads(out)
    for light in ("visible", "uv", "ir"):
        assert run(capsys, "case", "attach", "--db", db, str(case["id"]), str(folder / f"{light}.png"),
                   "--light", light)[0] == 0
    code, out, err = run(capsys, "reference", "create", "--db", db, "--name", "from the case", "--state", "UTO",
                         "--code", "P", "--format", "TD3", "--dpi", "300", "--no-annotate", "--from-case",
                         case["reference"], str(specimen(tmp_path / "b", 9)), "--json")
    assert code == 0, err
    shown = json.loads(run(capsys, "reference", "show", "--db", db, str(json.loads(out)["id"]), "--json")[1])
    assert len(shown["specimens"]) == 2
    assert shown["specimens"][1]["provenance"] == f"genuine document of case {case['reference']}"
    assert {c["light"] for c in shown["specimens"][1]["captures"]} == {"visible", "uv", "ir"}
    code, out, _ = run(capsys, "case", "verify", "--db", db)
    assert code == 0 and "checked 1 case(s), 3 capture(s), 6 image(s)" in out  # the case's images kept once
    empty = json.loads(run(capsys, "case", "create", "--db", db, "--title", "nothing attached", "--json")[1])
    code, _, err = run(capsys, "reference", "create", "--db", db, "--name", "x", "--from-case", str(empty["id"]))
    assert code == 2 and "has no visible, UV or IR capture" in err
