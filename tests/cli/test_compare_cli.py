"""docexam compare: the bundled sample documents against a generated reference, as an examiner runs it."""

import json
import os
import shutil
import subprocess

import pytest

from docexam.specimens.exercise import write_reference
from tests.cli.inprocess import run_docexam
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "specimens"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reference") / "td3"
    write_reference(folder, "td3")
    return folder


def docexam(*args: str, db=None) -> subprocess.CompletedProcess:
    """``docexam ARGS``, run in this process (tests/cli/inprocess.py)."""
    return run_docexam(list(args), env={**os.environ, "OMP_THREAD_LIMIT": "1", **({"DOCEXAM_DB": str(db)} if db else {})})


def test_a_substituted_photo_is_an_alarm_in_every_light_with_json_and_images(reference, tmp_path):
    out = tmp_path / "out"
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-photo-substitution"),
                "--json", "--out", str(out), "--today", "2026-11-28")
    assert r.returncode == 1, r.stderr  # something reached the alarm level
    result = json.loads(r.stdout)
    assert set(result["aligned"]) == {"visible", "uv", "ir"}
    assert all(a["residual_px"] < 1.0 for a in result["aligned"].values())
    portrait = [f for f in result["findings"] if f["kind"] == "portrait" and f["alarm"]]
    assert {f["light"] for f in portrait} == {"visible", "uv", "ir"}
    for f in result["findings"]:
        assert len(f["bbox"]) == 4 and all(isinstance(v, int) for v in f["bbox"]) and 0 <= f["score"] <= 1
    key = json.loads((SAMPLES / "td3-photo-substitution" / "key.json").read_text())
    x, y, w, h = key["alterations"][0]["bbox"]
    px, py, pw, ph = portrait[0]["bbox"]
    assert px < x + w and x < px + pw and py < y + h and y < py + ph  # where the key says it is
    assert result["mrz"]["mrz"]["valid"] is True
    for light in ("visible", "uv", "ir"):
        for step in ("rectified", "heatmap", "overlay"):
            assert (out / f"{light}-{step}.png").stat().st_size > 1000


def test_a_genuine_sample_passes_and_says_so_in_words(reference):
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-genuine"),
                "--today", "2026-11-28")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "findings: 0 (0 alarms)" in r.stdout and "residual" in r.stdout and "MRZ (ir): valid" in r.stdout


def test_the_comparison_is_stored_in_a_case(reference, tmp_path):
    db = tmp_path / "cases.sqlite"
    case = json.loads(docexam("case", "create", "--title", "UTO passport", "--json", db=db).stdout)
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-photo-substitution"),
                "--case", str(case["id"]), "--json", "--today", "2026-11-28", db=db)
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["stored"]["case"] == str(case["id"])
    shown = json.loads(docexam("case", "show", str(case["id"]), "--json", db=db).stdout)
    kinds = [f["kind"] for f in shown["findings"]]
    assert kinds.count("comparison") == 1 and kinds.count("portrait") == 3
    assert len(shown["captures"]) == 3
    assert docexam("case", "verify", db=db).returncode == 0


def test_each_finding_says_what_was_expected_and_seen_with_its_evidence_written_and_stored(reference, tmp_path):
    import hashlib

    db = tmp_path / "cases.sqlite"
    case = json.loads(docexam("case", "create", "--title", "UTO passport", "--json", db=db).stdout)
    folder = tmp_path / "evidence"
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-photo-substitution"),
                "--case", str(case["id"]), "--json", "--evidence", str(folder), "--today", "2026-11-28", db=db)
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)["findings"]
    portrait = [f for f in findings if f["kind"] == "portrait"]
    assert len(portrait) == 3
    for f in portrait:
        assert (f["expected"], f["seen"]) == ("portrait_as_printed", "portrait_differs")
        ev = f["evidence"]
        x, y, w, h = ev["box"]
        bx, by, bw, bh = f["bbox"]
        assert x <= bx and y <= by and x + w >= bx + bw and y + h >= by + bh  # the finding and a margin
        for role in ("reference", "questioned", "difference"):
            data = (folder / ev["files"][role].rsplit("/", 1)[-1]).read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and hashlib.sha256(data).hexdigest() == ev[role]
        assert f"-{f['light']}-portrait-" in ev["files"]["difference"]
    shown = json.loads(docexam("case", "show", str(case["id"]), "--json", db=db).stdout)
    stored = [f["detail"] for f in shown["findings"] if f["kind"] == "portrait"]
    assert sorted(d["evidence"]["questioned"] for d in stored) == sorted(f["evidence"]["questioned"] for f in portrait)
    assert all("files" not in d["evidence"] for d in stored)  # where this run wrote them is not the case's
    assert docexam("case", "verify", db=db).returncode == 0


def test_the_stored_comparison_names_its_reference_as_the_workstation_does(reference, tmp_path):
    from docexam.compare.reference import load_reference, reference_id
    from docexam.workbench.tasks import reference_folder

    db = tmp_path / "cases.sqlite"
    case = json.loads(docexam("case", "create", "--title", "UTO passport", "--json", db=db).stdout)
    docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-genuine"),
            "--case", str(case["id"]), "--json", "--today", "2026-11-28", db=db)
    shown = json.loads(docexam("case", "show", str(case["id"]), "--json", db=db).stdout)
    (stored,) = [f["detail"] for f in shown["findings"] if f["kind"] == "comparison"]
    # the same specimen as the workstation renders it into its cache: the same identity, not a folder path
    workstation = reference_id(load_reference(reference_folder("td3", cache=tmp_path / "cache")))
    assert stored["reference"] == workstation.to_dict() and workstation.family == "td3"
    assert stored["questioned"] == str(SAMPLES / "td3-genuine")


def test_bad_folders_and_images_are_usage_errors_with_a_reason(reference, tmp_path):
    r = docexam("compare", "--reference", str(reference), "--questioned", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "not a folder" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = docexam("compare", "--reference", str(reference), "--questioned", str(empty))
    assert r.returncode == 2 and "no visible" in r.stderr
    broken = tmp_path / "broken"
    shutil.copytree(SAMPLES / "td3-genuine", broken)
    (broken / "uv.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    r = docexam("compare", "--reference", str(reference), "--questioned", str(broken))
    assert r.returncode == 2 and "uv.jpg" in r.stderr and "Traceback" not in r.stderr
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td1-genuine"))
    assert r.returncode == 2 and "cannot register" in r.stderr  # a TD1 card against a passport reference
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-genuine"),
                "--case", "DX-0000-nonexistent", db=tmp_path / "c.sqlite")
    assert r.returncode == 2 and "DX-0000-nonexistent" in r.stderr


def test_an_out_that_is_a_file_is_refused_before_any_work(tmp_path):
    (tmp_path / "taken").write_text("x")
    # The reference folder does not exist either: --out is checked first, so that is what is reported.
    r = docexam("compare", "--reference", str(tmp_path / "none"), "--questioned", str(tmp_path / "none"),
                "--out", str(tmp_path / "taken"))
    assert r.returncode == 2 and "--out" in r.stderr and "is a file" in r.stderr, r.stderr
    r = docexam("compare", "--reference", str(tmp_path / "none"), "--questioned", str(tmp_path / "none"),
                "--out", str(tmp_path / "taken" / "below"))
    assert r.returncode == 2 and "cannot be made" in r.stderr, r.stderr


def test_a_specimen_json_that_is_a_folder_is_exit_2_with_the_reason(reference, tmp_path):
    ref = shutil.copytree(reference, tmp_path / "ref")
    (ref / "specimen.json").unlink()
    (ref / "specimen.json").mkdir()
    r = docexam("compare", "--reference", str(ref), "--questioned", str(SAMPLES / "td3-photo-substitution"), "--no-viz")
    assert r.returncode == 2 and "specimen.json is a folder" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_a_reference_of_another_format_and_a_capture_without_a_document_say_so(reference, tmp_path):
    import cv2
    import numpy as np

    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td1-genuine"), "--no-viz")
    assert r.returncode == 2 and "is of format TD3, the questioned document's MRZ is TD1" in r.stderr, r.stderr
    bare = tmp_path / "bare"  # no specimen.json: the reference's format read from its own MRZ
    shutil.copytree(reference, bare)
    (bare / "specimen.json").unlink()
    r = docexam("compare", "--reference", str(bare), "--questioned", str(SAMPLES / "td1-genuine"), "--no-viz")
    assert r.returncode == 2 and "is of format TD3, the questioned document's MRZ is TD1" in r.stderr, r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    cv2.imwrite(str(empty / "visible.png"), np.full((600, 900, 3), 190, np.uint8))
    r = docexam("compare", "--reference", str(reference), "--questioned", str(empty), "--no-viz")
    assert r.returncode == 2 and "no document was found in the questioned capture" in r.stderr, r.stderr


def test_the_text_output_says_what_each_finding_expected_and_saw(reference):
    r = docexam("compare", "--reference", str(reference), "--questioned", str(SAMPLES / "td3-photo-substitution"),
                "--no-viz", "--today", "2026-11-28")
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    portrait = [i for i, line in enumerate(lines) if " portrait " in line and line.lstrip().startswith(("ALARM", "note"))]
    assert portrait
    for i in portrait:  # the finding, its words, then what was expected and seen
        assert lines[i + 2].strip() == ("expected a portrait printed as the specimen's; seen a portrait unlike the "
                                        "specimen's"), lines[i : i + 3]


def test_a_measured_observation_is_worded_with_its_value():
    from docexam.cli.compare_cmd import _observation

    assert _observation("ir_ink_ratio=0.12") == "IR darkness of the ink for its daylight darkness: 0.12"
    assert _observation("uv_spot=12 mm\u00b2 RGB(200,240,60)") == "a spot glowing under UV: 12 mm\u00b2 RGB(200,240,60)"
    assert _observation("no_uv_glow") == "no glow under UV"
