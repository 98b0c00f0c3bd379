"""docexam read: formats, batches with bad files, JSON Lines, exit codes."""

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "specimens"


def docexam(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docexam", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


@pytest.fixture(scope="module")
def truth():
    return {p.parent.name: json.loads(p.read_text())["mrz"] for p in SAMPLES.glob("*/key.json")}


def test_reads_the_bundled_samples_as_json_lines(truth):
    r = docexam("read", "--json", "--engine", "ocrb", str(SAMPLES / "td3-genuine" / "visible.jpg"), str(SAMPLES / "td1-genuine" / "ir.jpg"))
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["lines"] for o in objs] == [truth["td3-genuine"], truth["td1-genuine"]]
    for o in objs:
        assert {"path", "found", "format", "lines", "valid", "fields", "checks", "confidence", "engine", "elapsed_ms"} <= o.keys()
        assert o["valid"] and o["engine"] == "ocrb" and 0 < o["confidence"] <= 1
    assert r.returncode == 0


def test_other_formats_and_orientations(tmp_path, truth):
    img = cv2.imread(str(SAMPLES / "td3-genuine" / "visible.jpg"))
    files = {
        "a.png": img,
        "b.tif": cv2.rotate(img, cv2.ROTATE_90_CLOCKWISE),
        "c.bmp": cv2.rotate(img, cv2.ROTATE_180),
        "d.webp": cv2.rotate(img, cv2.ROTATE_90_COUNTERCLOCKWISE),
    }
    for name, im in files.items():
        assert cv2.imwrite(str(tmp_path / name), im, [cv2.IMWRITE_WEBP_QUALITY, 101] if name.endswith("webp") else [])
    r = docexam("read", "--json", "--engine", "ocrb", str(tmp_path))  # a folder is expanded
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(objs) == 4 and all(o["lines"] == truth["td3-genuine"] for o in objs), objs
    assert r.returncode == 0


def test_bad_files_fail_alone_and_the_batch_goes_on(tmp_path, truth):
    good = SAMPLES / "td1-genuine" / "visible.jpg"
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    (tmp_path / "notes.txt").write_text("not an image")
    huge = tmp_path / "huge.png"
    from PIL import Image

    Image.new("1", (20000, 20000)).save(huge)  # tiny on disk, 400 million pixels once decoded
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((400, 600), 235, np.uint8))
    paths = [str(tmp_path / "empty.png"), str(tmp_path / "corrupt.jpg"), str(good), str(tmp_path / "notes.txt"),
             str(huge), str(tmp_path / "missing.png"), str(blank)]
    r = docexam("read", "--json", "--engine", "ocrb", *paths)
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["path"] for o in objs] == paths
    errors = {o["path"]: o.get("error") for o in objs}
    for bad in (0, 1, 3, 4, 5):
        assert errors[paths[bad]], paths[bad]
    assert "pixels" in errors[str(huge)] or "large" in errors[str(huge)]
    assert objs[2]["lines"] == truth["td1-genuine"] and objs[2]["valid"]
    assert objs[6]["found"] is False and objs[6]["valid"] is False
    assert r.returncode == 1


def test_readable_output_and_debug_dir(tmp_path):
    r = docexam("read", "--engine", "ocrb", "--debug-dir", str(tmp_path / "dbg"), str(SAMPLES / "td3-photo-substitution" / "ir.jpg"))
    assert r.returncode == 0, r.stderr
    assert "read with ocrb" in r.stdout and "VALID" in r.stdout
    assert len(list((tmp_path / "dbg").rglob("*.png"))) >= 5


def test_no_images_is_a_usage_error(tmp_path):
    r = docexam("read", str(tmp_path))
    assert r.returncode == 2 and "no images" in r.stderr


def test_a_time_limit_from_the_environment_that_is_no_number_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("DOCEXAM_READ_TIME_LIMIT", "quick")
    r = docexam("read", str(SAMPLES / "td3-genuine" / "visible.jpg"))
    assert r.returncode == 2 and "DOCEXAM_READ_TIME_LIMIT" in r.stderr and "'quick'" in r.stderr, r.stderr
    assert not r.stdout


def test_a_valid_but_untrusted_reading_is_flagged_before_its_verdict(monkeypatch, capsys):
    from docexam.cli import main
    from docexam.mrz.correct import candidates_from_text, correct
    from docexam.read import reader

    lines = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    unsure = correct(candidates_from_text(lines, confidence=0.3))
    assert unsure.result.valid  # the check digits hold...
    result = reader.ReadResult(True, "ocrb", unsure, None, 5.0)
    assert not result.valid  # ...but the recogniser was unsure, so the reading is not trusted
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: [(0, result)])
    code = main(["read", str(SAMPLES / "td3-genuine" / "visible.jpg")])
    out = capsys.readouterr().out
    assert code == 1
    assert "UNCONFIRMED" in out and out.index("UNCONFIRMED") < out.index("Verdict")


def test_a_character_the_check_digits_cannot_settle_is_named_before_the_verdict(monkeypatch, capsys):
    from docexam.cli import main
    from docexam.mrz.correct import correct
    from docexam.read import reader

    # L898902C3's first letter: L (21) and B (11) share a value modulo 10, and the recogniser saw both
    lines = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    cands = [[[(ch, 0.99)] for ch in line] for line in lines]
    cands[1][0] = [("L", 0.6), ("B", 0.3)]
    result = reader.ReadResult(True, "ocrb", correct(cands), None, 5.0)
    assert result.correction.result.valid and not result.valid
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: [(0, result)])
    assert main(["read", str(SAMPLES / "td3-genuine" / "visible.jpg")]) == 1
    out = capsys.readouterr().out
    assert "at line 2 position 1 they cannot tell 'L' from 'B'" in out
    assert out.index("UNCONFIRMED") < out.index("Verdict") and "recogniser was unsure of this reading" not in out
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: [(0, result)])
    assert main(["read", "--json", str(SAMPLES / "td3-genuine" / "visible.jpg")]) == 1
    obj = json.loads(capsys.readouterr().out)
    assert obj["status"] == "unconfirmed"
    blind = [i for i in obj["issues"] if i["code"] == "check_blind"]
    assert len(blind) == 1 and blind[0]["params"] == {"chosen": "L", "rival": "B", "line": "2", "position": "1"}


def test_a_sure_reading_of_print_found_only_enlarged_says_the_print_was_small_not_the_recogniser_unsure(
        monkeypatch, capsys):
    from docexam.cli import main
    from docexam.mrz.correct import candidates_from_text, correct
    from docexam.read import reader
    from docexam.read.locate import MRZRegion

    lines = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    sure = correct(candidates_from_text(lines, confidence=0.99))
    region = MRZRegion(np.zeros((20, 200), np.uint8), 2, np.zeros((4, 2)), 0.0, 4.0, enlarged=True)
    result = reader.ReadResult(True, "ocrb", sure, region, 5.0)
    assert sure.result.valid and reader.trusted(sure) and not result.valid and result.small_print
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: [(0, result)])
    code = main(["read", str(SAMPLES / "td3-genuine" / "visible.jpg")])
    out = capsys.readouterr().out
    assert code == 1
    assert "print is so small in this image" in out and out.index("UNCONFIRMED") < out.index("Verdict")
    assert "recogniser was unsure" not in out
    # the same reading found at the image's own size is valid; an unsure one found enlarged is unsure, not small
    assert reader.ReadResult(True, "ocrb", sure, MRZRegion(region.crop, 2, region.corners, 0.0, 4.0), 5.0).valid
    unsure = reader.ReadResult(True, "ocrb", correct(candidates_from_text(lines, confidence=0.3)), region, 5.0)
    assert not unsure.small_print and unsure.unconfirmed_issue.code == "unconfirmed_reading"


def test_ir_gives_the_infrared_capture_of_the_same_framing_and_one_of_another_size_is_not_used(tmp_path):
    from tests.workbench.test_tasks import _grey_scan_with_ir

    specimen, paths = _grey_scan_with_ir(tmp_path)
    r = docexam("read", "--json", "--engine", "ocrb", "--ir", str(paths["ir"]), str(paths["visible"]))
    (obj,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert r.returncode == 0, r.stderr
    assert obj["lines"] == list(specimen.mrz) and any("infrared" in n for n in obj["notes"])
    r = docexam("read", "--json", "--engine", "ocrb", "--ir", str(paths["small ir"]), str(paths["visible"]))
    (obj,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert "not the size of the infrared capture" in r.stderr
    assert not any("lifted out" in n and "infrared" in n for n in obj["notes"])
    r = docexam("read", "--ir", str(tmp_path / "missing.png"), str(paths["visible"]))
    assert r.returncode == 2 and "--ir" in r.stderr
