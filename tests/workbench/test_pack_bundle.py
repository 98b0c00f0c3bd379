"""Exercise packs handed out as one file: written whole, opened only when every file checks, keys optional."""

import json
import zipfile

import pytest

from docexam.workbench import training
from docexam.workbench.pack_bundle import PackBundleError, export_pack, open_pack
from tests.workbench.test_training import options, perfect_answers


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("handout") / "pack"
    training.generate(options(out, count=2, seed=5))
    return out


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_handout_with_keys_opens_to_the_same_pack_and_scores(pack, tmp_path):
    bundle = export_pack(pack, tmp_path / "week-3.zip")
    opened = open_pack(bundle, tmp_path / "trainee")
    assert _files(opened) == _files(pack)
    assert training.pack_documents(opened) == training.pack_documents(pack)
    assert training.score_attempt(opened, perfect_answers(pack))["total"]["score"] == pytest.approx(100.0)
    assert open_pack(bundle, tmp_path / "trainee") == opened  # opened twice: the same folder, nothing new
    assert len(list((tmp_path / "trainee").iterdir())) == 1


def test_a_handout_of_generated_designs_carries_their_reference_folders(tmp_path):
    pack = tmp_path / "pack"
    training.generate(options(pack, count=1, seed=2, designs=("ZLN-TD1-1",)))
    opened = open_pack(export_pack(pack, tmp_path / "designs.zip", with_keys=False), tmp_path / "trainee")
    assert _files(opened / "reference") == _files(pack / "reference") and (opened / "reference" / "zln-td1-1").is_dir()
    assert json.loads((opened / "pack.json").read_text())["documents"][0]["reference"] == "reference/zln-td1-1"


def test_a_handout_without_keys_gives_nothing_away(pack, tmp_path):
    opened = open_pack(export_pack(pack, tmp_path / "exam.zip", with_keys=False), tmp_path / "trainee")
    assert not list(opened.glob("doc-*/key.json"))
    assert all("verdict" not in d for d in json.loads((opened / "pack.json").read_text())["documents"])
    assert training.pack_documents(opened) == training.pack_documents(pack)
    with pytest.raises(ValueError, match="answer keys"):
        training.answer_key(opened)


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
        for info in z.infolist():
            data = z.read(info.filename)
            for name, new in change(info.filename, data):
                out.writestr(name, new)


@pytest.mark.parametrize("change, words", [
    (lambda n, d: [(n, d[:-7] + b"tampered" if n.endswith("visible.png") else d)], "SHA-256"),
    (lambda n, d: [(n, d)] + ([("../../evil.sh", b"rm -rf /")] if n == "pack.json" else []), "not a file of an exercise pack"),
    (lambda n, d: [] if n.endswith("ir.png") else [(n, d)], "does not match its list"),
    (lambda n, d: [] if n == "handout.json" else [(n, d)], "no handout.json"),
])
def test_a_changed_handout_is_refused_and_nothing_is_unpacked(pack, tmp_path, change, words):
    good = export_pack(pack, tmp_path / "good.zip")
    bad = tmp_path / "bad.zip"
    _rewrite(good, bad, change)
    with pytest.raises(PackBundleError, match=words):
        open_pack(bad, tmp_path / "trainee")
    assert not (tmp_path / "trainee").exists() or not any((tmp_path / "trainee").iterdir())


def test_a_handout_expanding_past_the_limit_is_refused(pack, tmp_path, monkeypatch):
    import docexam.workbench.pack_bundle as pb

    bundle = export_pack(pack, tmp_path / "big.zip")
    monkeypatch.setattr(pb, "MAX_EXPANDED_BYTES", 10_000)
    with pytest.raises(PackBundleError, match="zip bomb"):
        open_pack(bundle, tmp_path / "trainee")
    assert not any((tmp_path / "trainee").iterdir())


def test_not_a_pack_is_refused_with_the_reason(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(PackBundleError, match="pack.json"):
        export_pack(tmp_path / "empty", tmp_path / "x.zip")
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(PackBundleError, match="not a readable zip"):
        open_pack(tmp_path / "junk.zip", tmp_path / "out")
    assert not (tmp_path / "x.zip").exists()


def _with_member(good, bad, name, data=b"x"):
    """``good`` with one more member, listed in handout.json with its hash (a re-sealed handout)."""
    import hashlib

    with zipfile.ZipFile(good) as z, zipfile.ZipFile(bad, "w") as out:
        manifest = json.loads(z.read("handout.json"))
        manifest["files"][name] = hashlib.sha256(data).hexdigest()
        for info in z.infolist():
            if info.filename != "handout.json":
                out.writestr(info.filename, z.read(info.filename))
        out.writestr(name, data)
        out.writestr("handout.json", json.dumps(manifest))


@pytest.mark.parametrize("name", ["reference/td1/..", "reference/td1/.", "reference/td1/.hidden", "reference/./td1/x"])
def test_dot_names_in_a_handout_are_refused_as_the_handout_error(pack, tmp_path, name):
    bad = tmp_path / "bad.zip"
    _with_member(export_pack(pack, tmp_path / "good.zip"), bad, name)
    with pytest.raises(PackBundleError, match="not a file of an exercise pack"):
        open_pack(bad, tmp_path / "trainee")
    assert not (tmp_path / "trainee").exists()


def test_a_deeply_nested_handout_list_is_refused(tmp_path):
    bad = tmp_path / "deep.zip"
    with zipfile.ZipFile(bad, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("handout.json", '{"files": ' + "[" * 200_000 + "]" * 200_000 + "}")
    with pytest.raises(PackBundleError, match="handout.json nests arrays or objects more than 64 deep"):
        open_pack(bad, tmp_path / "trainee")


def test_a_handout_list_past_its_limit_is_refused(tmp_path, monkeypatch):
    import docexam.workbench.pack_bundle as pb

    bad = tmp_path / "big.zip"
    with zipfile.ZipFile(bad, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("handout.json", '{"files": {}, "pad": "' + " " * 5000 + '"}')
    monkeypatch.setattr(pb, "MAX_MANIFEST_BYTES", 4096)
    with pytest.raises(PackBundleError, match="handout.json expands past"):
        open_pack(bad, tmp_path / "trainee")


def test_a_pack_json_that_is_not_a_pack_manifest_is_refused_on_export(pack, tmp_path):
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(pack, copy)
    (copy / "pack.json").write_text('["not", "a", "manifest"]')
    with pytest.raises(PackBundleError, match="no list of documents"):
        export_pack(copy, tmp_path / "x.zip", with_keys=False)
    assert not (tmp_path / "x.zip").exists()


def test_a_gigabyte_handout_list_is_refused_in_little_memory(tmp_path):
    # Issue 16: a 1 GiB handout.json (a megabyte zipped) was read whole, 2.15 GB of memory.
    from tests.limits import GIB, REPORT_RSS, run_limited

    bad = tmp_path / "huge.zip"
    with zipfile.ZipFile(bad, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("handout.json", "w", force_zip64=True) as f:
            f.write(b'{"files": {}, "pad": "')
            block = b" " * (1 << 20)
            for _ in range(1024):
                f.write(block)
            f.write(b'"}')
    out = run_limited(
        f"""
        from docexam.workbench.pack_bundle import PackBundleError, open_pack
        try:
            open_pack({str(bad)!r}, {str(tmp_path / "trainee")!r})
            out = {{"error": None}}
        except PackBundleError as e:
            out = {{"error": str(e)}}
        out["rss_kb"] = {REPORT_RSS}
        print(json.dumps(out))
        """,
        limit=1 * GIB,
    )
    assert "handout.json expands past 16 MiB" in (out.get("error") or ""), out
    assert out["rss_kb"] < 200 * 1024
