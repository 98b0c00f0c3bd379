"""Export bundles: what leaves one store arrives whole in another, and anything damaged or forged is refused."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from sqlalchemy import event, text

from docexam.store import Store, bundle
from docexam.store.audit import STORE_CHAIN, entries
from docexam.store.bundle import BundleError, export_cases, import_bundle
from docexam.store.schema import audit, blobs
from tests.conftest import copy_sqlite
from tests.store.conftest import SPECIMEN, make_png, reading, row_counts, table_rows

LOCAL_IDS = ("id", "case_id", "document_id", "capture_id")


def portable(store: Store, ident) -> dict:
    """A case as show() gives it, with database-local ids replaced by uids, for comparing two databases."""
    shown = store.show(ident).to_dict()
    doc_uid = {d["id"]: d["uid"] for d in shown["documents"]}
    cap_uid = {c["id"]: c["uid"] for c in shown["captures"]}
    return {
        "case": {k: v for k, v in shown["case"].items() if k != "id"},
        "documents": [{k: v for k, v in d.items() if k not in LOCAL_IDS} for d in shown["documents"]],
        "captures": [{**{k: v for k, v in c.items() if k not in LOCAL_IDS}, "document": doc_uid[c["document_id"]]}
                     for c in shown["captures"]],
        "findings": [{**{k: v for k, v in f.items() if k not in LOCAL_IDS}, "document": doc_uid.get(f["document_id"]),
                      "capture": cap_uid.get(f["capture_id"])} for f in shown["findings"]],
        "audit": shown["audit"],
    }


def trail(store: Store, chain: str) -> list[dict]:
    with store.engine.connect() as conn:
        return [e.to_dict() for e in entries(conn, chain)]


def assert_same_case(a: Store, b: Store, uid: str) -> None:
    pa, pb = portable(a, uid), portable(b, uid)
    assert pa == pb
    for cap in pa["captures"]:
        assert a.blob(cap["sha256"]) == b.blob(cap["sha256"])
        assert hashlib.sha256(b.blob(cap["sha256"])).hexdigest() == cap["sha256"]


def fill(store: Store, images: dict[str, Path]) -> tuple:
    """Two cases to export, with captures, a reading, a verdict, a note, an image shared by both; and a third case
    that stays behind."""
    one = store.create_case("Passport UTO, border post 4", notes="seized 03:10")
    two = store.create_case("ID card ARC")
    store.create_case("not exported")
    store.attach(one.id, images["ir"], light="ir", captured_at="2026-11-27T03:20:00+00:00")
    store.record_reading(one.id, images["visible"], reading("WETOR OSO", "VANSEN QUIMA", "R03753663"))
    store.add_finding(one.id, kind="uv-feature", detail={"seen": False, "text": "no UV fibres"}, source="examiner",
                      light="uv", region=[10.5, 20, 30, 40], score=0.25)
    store.set_verdict(one.id, "counterfeit", note="no UV fibres, offset print")
    store.attach(two.id, images["ir"], light="ir")  # the same image: one blob
    store.attach(two.id, images["uv"], light="uv")
    store.add_note(two.id, "holder says it was renewed")
    return one, two


@pytest.fixture
def source(store, images):
    """The examiner's store, on each backend."""
    return (store, *fill(store, images))


@pytest.fixture
def target(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path}/centre.sqlite", actor="centre")
    yield s
    s.close()


@pytest.fixture
def bundle_path(source, tmp_path) -> Path:
    store, one, two = source
    return export_cases(store, [one.reference, two.id], tmp_path / "out" / "cases.dxb").path


# --- round trips ---------------------------------------------------------------------------------------------------


def check_round_trip(src: Store, dst: Store, one, two, path: Path) -> None:
    report = import_bundle(dst, path)
    assert sorted(report.added) == sorted([one.reference, two.reference]) and report.updated == report.unchanged == []
    assert report.images == 3
    for case in (one, two):
        assert_same_case(src, dst, case.uid)
        assert trail(src, case.uid) == trail(dst, case.uid)
        assert trail(dst, case.uid)[-1]["action"] == "case.export"
    assert {c.uid for c in dst.list_cases()} == {one.uid, two.uid}
    counts = row_counts(dst)
    assert (counts["cases"], counts["documents"], counts["captures"], counts["findings"], counts["blobs"]) == (2, 2, 4, 2, 3)
    imported = [json.loads(e["detail"]) for e in trail(dst, STORE_CHAIN)]
    assert [e["action"] for e in trail(dst, STORE_CHAIN)] == ["case.import", "case.import"]
    assert {d["case"] for d in imported} == {one.uid, two.uid} and {d["bundle"] for d in imported} == {path.name}
    assert {d["from"] for d in imported} == {src.origin}
    for store in (src, dst):
        report = store.verify()
        assert report.ok, report.problems


def test_export_then_import_keeps_everything(source, target, bundle_path, images):
    store, one, two = source
    check_round_trip(store, target, one, two, bundle_path)
    caps = {c["light"]: c for c in target.show(one.uid).to_dict()["captures"]}
    assert target.blob(caps["visible"]["sha256"]) == images["visible"].read_bytes()
    assert target.blob(caps["ir"]["sha256"]) == images["ir"].read_bytes()
    (mrz,) = [f for f in target.show(one.uid).to_dict()["findings"] if f["kind"] == "mrz"]
    assert mrz["detail"]["fields"]["document_number"] == "R03753663"
    assert [c.reference for c in target.list_cases(number="R03753663")] == [one.reference]


def test_export_report_and_trail(source, bundle_path):
    store, one, two = source
    for case in (one, two):
        last = trail(store, case.uid)[-1]
        detail = json.loads(last["detail"])
        assert last["action"] == "case.export" and detail["bundle"] == "cases.dxb" and len(detail["snapshot"]) == 64
    with zipfile.ZipFile(bundle_path) as z:
        names = sorted(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
    assert names[-1] == "manifest.json" and len(names) == 4  # three images, one manifest
    assert [e["case"]["uid"] for e in manifest["cases"]] == [one.uid, two.uid]
    assert not list(bundle_path.parent.glob("*.part"))


def test_sqlite_to_postgresql(sqlite_store, images, tmp_path, postgres_url):
    one = sqlite_store.create_case("Passport")
    two = sqlite_store.create_case("ID card")
    sqlite_store.attach(one.id, images["ir"], light="ir")
    sqlite_store.record_reading(one.id, images["visible"], reading("WETOR OSO", "VANSEN QUIMA", "R03753663"))
    sqlite_store.set_verdict(one.id, "forged")
    sqlite_store.add_finding(one.id, kind="note", detail={"x": 1.5}, source="examiner", region=[1, 2, 3, 4])
    sqlite_store.attach(two.id, images["ir"], light="ir")
    sqlite_store.attach(two.id, images["uv"], light="uv")
    path = export_cases(sqlite_store, [one.id, two.id], tmp_path / "b.zip").path
    with Store.open(postgres_url, actor="centre") as pg:
        assert pg.engine.dialect.name == "postgresql"
        check_round_trip(sqlite_store, pg, one, two, path)
        # and back again after work at the centre
        pg.add_note(one.uid, "checked at the centre")
        back = export_cases(pg, [one.uid], tmp_path / "back.zip").path
        assert import_bundle(sqlite_store, back).updated == [one.reference]
        assert_same_case(pg, sqlite_store, one.uid)
        assert sqlite_store.verify().ok and pg.verify().ok


def test_import_twice_changes_nothing(source, target, bundle_path):
    store, one, two = source
    import_bundle(target, bundle_path)
    before = row_counts(target), table_rows(target, audit), table_rows(target, blobs)
    report = import_bundle(target, bundle_path)
    assert sorted(report.unchanged) == sorted([one.reference, two.reference])
    assert report.added == report.updated == [] and report.images == 0
    assert (row_counts(target), table_rows(target, audit), table_rows(target, blobs)) == before


def test_import_into_the_store_it_came_from_changes_nothing(source, bundle_path):
    store, one, two = source
    before = row_counts(store)
    report = import_bundle(store, bundle_path)
    assert sorted(report.unchanged) == sorted([one.reference, two.reference]) and not report.added + report.updated
    assert row_counts(store) == before


def test_continued_work_is_imported_as_an_update(source, target, bundle_path, images, tmp_path):
    store, one, two = source
    import_bundle(target, bundle_path)
    store.attach(one.id, make_png(tmp_path / "late.png", 7), light="coaxial")
    store.set_verdict(one.id, "genuine", note="second opinion")
    second = export_cases(store, [one.id, two.id], tmp_path / "second.dxb").path
    before = row_counts(target)
    report = import_bundle(target, second)
    # two.id was exported again too: its trail grew by that export, so it is brought up to date as well
    assert sorted(report.updated) == sorted([one.reference, two.reference]) and report.added == report.unchanged == []
    assert report.images == 1
    after = row_counts(target)
    assert after["cases"] == before["cases"] and after["captures"] == before["captures"] + 1
    assert after["blobs"] == before["blobs"] + 1
    for case in (one, two):
        assert_same_case(store, target, case.uid)
        assert trail(store, case.uid) == trail(target, case.uid)
    assert target.case(one.uid).verdict == "genuine"
    assert [e["action"] for e in trail(target, STORE_CHAIN)][-2:] == ["case.update", "case.update"]
    assert target.verify().ok
    # the older bundle now brings nothing: the trail here already holds it
    snapshot = row_counts(target), portable(target, one.uid)
    report = import_bundle(target, bundle_path)
    assert sorted(report.unchanged) == sorted([one.reference, two.reference]) and not report.added + report.updated
    assert (row_counts(target), portable(target, one.uid)) == snapshot


def test_work_at_the_centre_comes_back(source, target, bundle_path, tmp_path):
    store, one, _ = source
    import_bundle(target, bundle_path)
    target.set_verdict(one.uid, "pseudo", note="centre's view")
    back = export_cases(target, [one.uid], tmp_path / "back.dxb").path
    assert import_bundle(store, back).updated == [one.reference]
    assert store.case(one.id).verdict == "pseudo"
    assert_same_case(store, target, one.uid)
    assert store.verify().ok


def test_conflicting_history_is_refused(source, target, bundle_path, tmp_path):
    store, one, two = source
    import_bundle(target, bundle_path)
    target.add_note(one.uid, "the centre wrote this")
    store.add_note(one.id, "the checkpoint wrote this")
    forked = export_cases(store, [one.id], tmp_path / "forked.dxb").path
    before = row_counts(target), table_rows(target, audit), portable(target, one.uid)
    with pytest.raises(BundleError, match=f"case {one.reference} is already here with a different history"):
        import_bundle(target, forked)
    assert (row_counts(target), table_rows(target, audit), portable(target, one.uid)) == before
    assert target.verify().ok


def test_a_bundle_of_several_cases_is_refused_whole(source, target, tmp_path):
    # the first case would be new here, the second conflicts: neither is imported
    store, one, two = source
    first = export_cases(store, [two.id], tmp_path / "two.dxb").path
    import_bundle(target, first)
    target.add_note(two.uid, "centre")
    store.add_note(two.id, "checkpoint")
    both = export_cases(store, [one.id, two.id], tmp_path / "both.dxb").path
    before = row_counts(target)
    with pytest.raises(BundleError, match="different history"):
        import_bundle(target, both)
    assert row_counts(target) == before
    assert [c.uid for c in target.list_cases()] == [two.uid]


def test_export_of_an_unknown_case_writes_nothing(source, tmp_path):
    from docexam.store import CaseNotFoundError

    store, one, _ = source
    before = row_counts(store), trail(store, one.uid)
    with pytest.raises(CaseNotFoundError):
        export_cases(store, [one.id, "DX-0000-NONE"], tmp_path / "x" / "b.dxb")
    assert (row_counts(store), trail(store, one.uid)) == before
    assert not (tmp_path / "x" / "b.dxb").exists()


def test_export_that_cannot_commit_leaves_no_bundle(source, tmp_path):
    """A bundle must never exist without the export entries of its cases in this database: if it did, the next
    change here would fork the case's history from the one the bundle carries, and the centre would refuse every
    later export of the case."""
    store, one, _ = source
    before = trail(store, one.uid)

    def fail(conn):
        raise RuntimeError("the database went away at commit")

    event.listen(store.engine, "commit", fail)
    try:
        with pytest.raises(RuntimeError, match="went away"):
            export_cases(store, [one.id], tmp_path / "out" / "b.dxb")
    finally:
        event.remove(store.engine, "commit", fail)
    assert trail(store, one.uid) == before
    assert list((tmp_path / "out").iterdir()) == []  # neither the bundle nor its temporary file


# --- refusals ------------------------------------------------------------------------------------------------------


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path: Path, items: list[tuple[str, bytes]], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        for name, data in items:
            z.writestr(name, data)
    return path


def rewritten(path: Path, out: Path, *, manifest=None, blob=None, extra=()) -> Path:
    """The bundle at ``path`` written again to ``out``, with its manifest changed by ``manifest(m)``, every image
    by ``blob(data)``, and ``extra`` (name, bytes) entries added."""
    items = read_zip(path)
    m = json.loads(items.pop("manifest.json"))
    if manifest is not None:
        manifest(m)
    entries_ = [(n, blob(d) if blob else d) for n, d in items.items()] + list(extra)
    entries_.append(("manifest.json", json.dumps(m).encode()))
    return write_zip(out, entries_)


def lie_about_size(path: Path, name: str, size: int) -> None:
    """Patch the uncompressed size of entry ``name`` in its local header and its central directory record."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
        start_dir = z.start_dir
    assert data[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, info.header_offset + 22, size)
    pos = start_dir
    while data[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<HHH", data, pos + 28)
        if bytes(data[pos + 46:pos + 46 + n]).decode() == name:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos += 46 + n + m + k
    else:
        raise AssertionError(f"{name} not in the central directory")
    path.write_bytes(bytes(data))


def zeros_sha(n: int) -> str:
    return hashlib.sha256(bytes(n)).hexdigest()


def _edit_title(m):
    m["cases"][0]["case"]["title"] = "Passport UTO, border post 5"


def _edit_capture_light(m):
    m["cases"][0]["captures"][0]["light"] = "uv"


def _drop_finding(m):
    m["cases"][0]["findings"].pop()


def _edit_audit(m):
    (entry,) = [e for e in m["cases"][0]["audit"] if e["action"] == "capture.add" and '"light":"ir"' in e["detail"]]
    entry["detail"] = entry["detail"].replace('"light":"ir"', '"light":"uv"')


def _drop_audit(m):
    del m["cases"][0]["audit"][2]


def _drop_origin(m):
    del m["origin"]


def _newer_schema(m):
    m["schema"] = 99


TAMPERED_MANIFESTS = {
    "case row edited": (_edit_title, "its rows differ from what its export recorded"),
    "capture row edited": (_edit_capture_light, "its rows differ from what its export recorded"),
    "finding removed": (_drop_finding, "its rows differ from what its export recorded"),
    "audit entry edited": (_edit_audit, "its audit trail does not hold"),
    "audit entry removed": (_drop_audit, "its audit trail does not hold"),
    "origin removed": (_drop_origin, "manifest.json"),
    "newer schema": (_newer_schema, "newer docexam"),
}


def _tampered_manifest(kind):
    change, _ = TAMPERED_MANIFESTS[kind]
    return lambda path, out: rewritten(path, out, manifest=change)


def _tampered_image(path, out):
    def flip(data):
        data = bytearray(data)
        data[len(data) // 2] ^= 0x01
        return bytes(data)
    return rewritten(path, out, blob=flip)


def _missing_image(path, out):
    items = read_zip(path)
    dropped = sorted(n for n in items if n.startswith("blobs/"))[0]
    return write_zip(out, [(n, d) for n, d in items.items() if n != dropped])


def _truncated(path, out):
    data = path.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def _cut_short(path, out):
    # the central directory kept, the data before it damaged: every entry's data shifted
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("manifest.json")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start:start + 64] = bytes(64)
    out.write_bytes(bytes(data))
    return out


def _with_entry(name):
    return lambda path, out: rewritten(path, out, extra=[(name, b"owned")])


def _not_a_zip(path, out):
    out.write_text("this is a report, not a bundle\n")
    return out


def _no_manifest(path, out):
    return write_zip(out, [(n, d) for n, d in read_zip(path).items() if n != "manifest.json"])


def _duplicate_entry(path, out):
    import warnings
    items = read_zip(path)
    name = sorted(n for n in items if n.startswith("blobs/"))[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name; that is the point
        return rewritten(path, out, extra=[(name, items[name])])


def _empty_file(path, out):
    out.write_bytes(b"")
    return out


REFUSALS = {
    **{k: (_tampered_manifest(k), v[1]) for k, v in TAMPERED_MANIFESTS.items()},
    "image bytes changed": (_tampered_image, "does not match its SHA-256"),
    "image missing": (_missing_image, "missing from the zip"),
    "truncated": (_truncated, "not a zip file"),
    "manifest data damaged": (_cut_short, "manifest.json"),
    "entry ../evil": (_with_entry("../evil"), "unexpected entry '../evil'"),
    "entry /abs": (_with_entry("/abs"), "unexpected entry '/abs'"),
    "entry blobs/../../x": (_with_entry("blobs/../../x"), "unexpected entry 'blobs/../../x'"),
    "entry blobs/<upper-case hex>": (_with_entry("blobs/" + "A" * 64), "unexpected entry"),
    "unexpected entry": (_with_entry("notes.txt"), "unexpected entry 'notes.txt'"),
    "two entries of one name": (_duplicate_entry, "two entries with the same name"),
    "not a zip": (_not_a_zip, "not a zip file"),
    "empty file": (_empty_file, "not a zip file"),
    "no manifest": (_no_manifest, "no manifest.json"),
}


@pytest.fixture(scope="module")
def genuine_made(tmp_path_factory):
    """A SQLite store filled and its good bundle exported, once a module: (database file, case one, case two,
    bundle)."""
    folder = tmp_path_factory.mktemp("genuine")
    images = {light: Path(shutil.copy(SPECIMEN / f"{light}.jpg", folder / f"{light}.jpg")) for light in ("ir", "visible", "uv")}
    with Store.open(f"sqlite:///{folder}/only.sqlite", actor="tester") as s:
        one, two = fill(s, images)
        path = export_cases(s, [one.id, two.id], folder / "genuine.dxb").path
    return folder / "only.sqlite", one, two, path


@pytest.fixture
def genuine(genuine_made, tmp_path):
    """A good bundle, exported from a SQLite store: (store, case one, case two, path); the test's own copies of both."""
    db, one, two, path = genuine_made
    store = Store.open(f"sqlite:///{copy_sqlite(db, tmp_path / 'only.sqlite')}", actor="tester")
    yield store, one, two, Path(shutil.copyfile(path, tmp_path / "genuine.dxb"))
    store.close()


@pytest.fixture
def lived_in_target(store, images):
    """The centre's store, on each backend, with a case of its own, so that 'unchanged' means something."""
    case = store.create_case("the centre's own case")
    store.attach(case.id, images["uv"], light="uv")
    return store


def assert_refused(target: Store, path: Path, why: str) -> BundleError:
    before = row_counts(target), table_rows(target, audit)
    with pytest.raises(BundleError) as err:
        import_bundle(target, path)
    assert why in str(err.value), str(err.value)
    assert str(path) in str(err.value) and "nothing was imported" in str(err.value)
    assert (row_counts(target), table_rows(target, audit)) == before
    assert target.verify().ok
    return err.value


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_refused(kind, genuine, lived_in_target, tmp_path):
    *_, bundle_path = genuine
    make, why = REFUSALS[kind]
    bad = make(bundle_path, tmp_path / "bad.dxb")
    assert_refused(lived_in_target, bad, why)
    # the genuine bundle still imports (the refusal was about the damage, not about the target)
    assert len(import_bundle(lived_in_target, bundle_path).added) == 2


def test_missing_bundle(lived_in_target, tmp_path):
    assert_refused(lived_in_target, tmp_path / "nowhere.dxb", "no such file")


def test_zip_bomb_refused_by_its_declared_size(genuine, lived_in_target, tmp_path, monkeypatch):
    *_, bundle_path = genuine
    monkeypatch.setattr(bundle, "MAX_EXPANDED_BYTES", 1_000_000)
    n = 3_000_000
    bomb = rewritten(bundle_path, tmp_path / "bomb.dxb", extra=[(f"blobs/{zeros_sha(n)}", bytes(n))],
                     manifest=lambda m: m["blobs"].__setitem__(zeros_sha(n), n))
    assert bomb.stat().st_size < 1_000_000 and sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) > 1_000_000
    assert_refused(lived_in_target, bomb, "would expand to")


def test_zip_bomb_whose_header_lies(genuine, lived_in_target, tmp_path, monkeypatch):
    """The headers say the image is 1000 bytes; it expands to 20 MB. Reading stops near the size it was told (or
    the budget), it never expands the whole bomb, and the bundle is refused."""
    *_, bundle_path = genuine
    monkeypatch.setattr(bundle, "MAX_EXPANDED_BYTES", 1_000_000)
    n = 20_000_000
    sha = zeros_sha(n)
    bomb = rewritten(bundle_path, tmp_path / "bomb.dxb", extra=[(f"blobs/{sha}", bytes(n))],
                     manifest=lambda m: m["blobs"].__setitem__(sha, 1000))
    lie_about_size(bomb, f"blobs/{sha}", 1000)
    assert zipfile.ZipFile(bomb).getinfo(f"blobs/{sha}").file_size == 1000
    expanded = []
    real_decompressobj = zlib.decompressobj

    class Counting:
        def __init__(self, *a):
            self.d = real_decompressobj(*a)

        def decompress(self, data, max_length=0):
            out = self.d.decompress(data, max_length)
            expanded.append(len(out))
            return out

        def __getattr__(self, name):
            return getattr(self.d, name)

    monkeypatch.setattr(zipfile.zlib, "decompressobj", Counting)
    err = assert_refused(lived_in_target, bomb, sha[:12])
    assert "damaged" in err.reason or "expands past" in err.reason or "SHA-256" in err.reason, err.reason
    # everything inflated while reading the bundle: its three images, the manifest, at most a chunk of the bomb
    assert 400_000 < sum(expanded) < 4_000_000


def test_manifest_bomb_whose_header_lies(genuine, lived_in_target, tmp_path, monkeypatch):
    *_, bundle_path = genuine
    monkeypatch.setattr(bundle, "MAX_EXPANDED_BYTES", 1_000_000)
    items = read_zip(bundle_path)
    manifest = items.pop("manifest.json")
    padded = manifest + b" " * 5_000_000  # still valid JSON once whole
    bomb = write_zip(tmp_path / "bomb.dxb", [*items.items(), ("manifest.json", padded)])
    lie_about_size(bomb, "manifest.json", len(manifest))
    assert_refused(lived_in_target, bomb, "manifest.json")


def test_manifest_expanding_past_the_budget(genuine, lived_in_target, tmp_path, monkeypatch):
    *_, bundle_path = genuine
    monkeypatch.setattr(bundle, "MAX_MANIFEST_BYTES", 100_000)
    items = read_zip(bundle_path)
    padded = items.pop("manifest.json") + b" " * 200_000
    bomb = write_zip(tmp_path / "bomb.dxb", [*items.items(), ("manifest.json", padded)])
    assert_refused(lived_in_target, bomb, "manifest.json expands past the size allowed")


def test_case_with_a_trail_here_but_no_row_is_refused(genuine, lived_in_target):
    _, one, _, bundle_path = genuine
    import_bundle(lived_in_target, bundle_path)
    with lived_in_target.engine.begin() as conn:
        conn.execute(text("DELETE FROM cases WHERE uid = :u"), {"u": one.uid})
    assert_refused_quietly = row_counts(lived_in_target)
    with pytest.raises(BundleError, match="has a trail for it but not the case"):
        import_bundle(lived_in_target, bundle_path)
    assert row_counts(lived_in_target) == assert_refused_quietly


def _resealed_with_a_list_for_a_title(m):
    """What a forger who knows the format would do: change a row, then recompute the snapshot and every hash."""
    from docexam.store.audit import GENESIS, canonical, entry_hash
    from docexam.store.store import state_hash

    case = m["cases"][0]
    case["case"]["title"] = ["not", "text"]
    trail = case["audit"]
    detail = json.loads(trail[-1]["detail"])
    detail["snapshot"] = state_hash(case)
    trail[-1]["detail"] = canonical(detail)
    prev = GENESIS
    for e in trail:
        e["prev_hash"] = prev
        e["hash"] = prev = entry_hash(prev, e["chain"], e["seq"], e["at"], e["actor"], e["action"], e["detail"])


def test_a_resealed_bundle_with_rows_this_database_refuses_is_refused_cleanly(genuine, lived_in_target, tmp_path):
    *_, bundle_path = genuine
    bad = rewritten(bundle_path, tmp_path / "resealed.dxb", manifest=_resealed_with_a_list_for_a_title)
    assert_refused(lived_in_target, bad, "a row holds a value that is neither text nor a number")
