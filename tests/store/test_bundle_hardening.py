"""Bundles from a careless or hostile sender: every member bounded, nothing stored that the manifest does not use,
every row typed as the schema types it, a case that fails verification never written over, the store's own trail
name reserved."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from docexam.store import bundle
from docexam.store.audit import GENESIS, STORE_CHAIN, canonical, entry_hash
from docexam.store.bundle import BundleError, export_cases, import_bundle
from docexam.store.store import state_hash
from tests.store import test_bundle as _bundle_tests
from tests.store.conftest import row_counts
from tests.store.test_bundle import assert_refused, read_zip, rewritten, write_zip

# The fixtures of test_bundle.py: a source store on each backend, a SQLite target, a genuine bundle (made once a
# module), a lived-in target.
source = _bundle_tests.source
target = _bundle_tests.target
genuine_made = _bundle_tests.genuine_made
genuine = _bundle_tests.genuine
lived_in_target = _bundle_tests.lived_in_target


def resealed(change):
    """A manifest edit as a forger who knows the format makes it: change a case's entry with ``change(entry)``,
    then recompute its snapshot, its trail's chain name and every hash, so only the checks of the rows' own
    content can refuse it."""

    def edit(m):
        entry = m["cases"][0]
        change(entry)
        trail = entry["audit"]
        detail = json.loads(trail[-1]["detail"])
        detail["snapshot"] = state_hash(entry)
        trail[-1]["detail"] = canonical(detail)
        prev = GENESIS
        for e in trail:
            e["chain"] = entry["case"]["uid"]
            e["prev_hash"] = prev
            e["hash"] = prev = entry_hash(prev, e["chain"], e["seq"], e["at"], e["actor"], e["action"], e["detail"])

    return edit


def _set(part: str, field: str, value, index: int = 0):
    def change(entry):
        rows = entry[part] if part != "case" else [entry["case"]]
        rows[index][field] = value
    return change


# --- item 5: rows typed as the schema types them -------------------------------------------------------------------

WRONGLY_TYPED = {
    "capture width in words": (_set("captures", "width", "wide"), "width='wide': not a whole number"),
    "capture size negative": (_set("captures", "size", -1), "size"),
    "capture dpi in words": (_set("captures", "dpi", "300"), "dpi='300': not a finite number"),
    "capture dpi infinite": (_set("captures", "dpi", 1e400), "manifest.json is not JSON"),
    "capture light unknown": (_set("captures", "light", "x-ray"), "light='x-ray': not one of"),
    "capture time in words": (_set("captures", "created_at", "yesterday"), "not an ISO 8601 time"),
    "finding detail not JSON": (_set("findings", "detail", "{not json"), "detail: not a JSON object"),
    "finding detail a list": (_set("findings", "detail", "[1, 2]"), "detail: not a JSON object"),
    "finding detail nested deeply": (_set("findings", "detail", "[" * 100_000 + "]" * 100_000), "not a JSON object"),
    "finding region short": (_set("findings", "region", "[1, 2]"), "region: not a JSON list of four numbers"),
    "finding score in words": (_set("findings", "score", "high"), "score='high': not a finite number"),
    "finding source unknown": (_set("findings", "source", "oracle"), "not one of automatic, examiner"),
    "case status unknown": (_set("case", "status", "archived"), "status='archived': not one of"),
    "case verdict unknown": (_set("case", "verdict", "guilty"), "verdict='guilty': not one of"),
    "case notes missing": (_set("case", "notes", None), "notes=None: a value is required"),
    "case examiner too long": (_set("case", "examiner", "E" * 201), "longer than the 200 characters"),
    "case title with NUL": (_set("case", "title", "a\x00b"), "NUL"),
    "finding uid not a UUID": (_set("findings", "uid", "finding-1"), "not a UUID"),
    "audit seq in words": (_set("audit", "seq", "one"), "audit"),
    "audit actor a number": (_set("audit", "actor", 7), "actor=7: not text"),
    "an integer too large for a database": (_set("captures", "height", 2**40), "not a whole number"),
}


@pytest.mark.parametrize("kind", list(WRONGLY_TYPED))
def test_a_resealed_bundle_with_wrongly_typed_rows_is_refused(kind, genuine, lived_in_target, tmp_path):
    *_, bundle_path = genuine
    change, why = WRONGLY_TYPED[kind]
    bad = rewritten(bundle_path, tmp_path / "resealed.dxb", manifest=resealed(change))
    err = assert_refused(lived_in_target, bad, why)
    assert "manifest.json" in str(err)


def test_what_is_imported_can_be_shown_and_reported(genuine, lived_in_target, tmp_path):
    """The other side of the checks above: a genuine bundle passes them, and every case it brings shows."""
    _, one, two, bundle_path = genuine
    import_bundle(lived_in_target, bundle_path)
    for case in (one, two):
        shown = lived_in_target.show(case.uid)
        assert shown.case.uid == case.uid and all(isinstance(f.detail, dict) for f in shown.findings)


# --- item 7: the store's own trail name -----------------------------------------------------------------------------


@pytest.mark.parametrize("uid", [STORE_CHAIN, "not-a-uuid", "8D2F0C7E-1D3B-4C51-9B7A-2E4F6A8C0B1D"])
def test_a_case_uid_that_is_not_a_uuid_is_refused(uid, genuine, lived_in_target, tmp_path):
    *_, bundle_path = genuine
    bad = rewritten(bundle_path, tmp_path / "store.dxb", manifest=resealed(_set("case", "uid", uid)))
    assert_refused(lived_in_target, bad, "is not a UUID")


def test_a_case_named_store_cannot_join_the_stores_trail_on_a_fresh_database(genuine, target, tmp_path):
    *_, bundle_path = genuine
    bad = rewritten(bundle_path, tmp_path / "store.dxb", manifest=resealed(_set("case", "uid", STORE_CHAIN)))
    with pytest.raises(BundleError, match="names the store's own trail"):
        import_bundle(target, bad)
    assert row_counts(target)["audit"] == 0 and target.verify().ok


# --- item 4: what the manifest does not use, and every member bounded ---------------------------------------------


def test_an_image_no_capture_uses_is_refused(genuine, lived_in_target, tmp_path):
    *_, bundle_path = genuine
    junk = os.urandom(50_000)
    import hashlib

    sha = hashlib.sha256(junk).hexdigest()
    bad = rewritten(bundle_path, tmp_path / "junk.dxb", extra=[(f"blobs/{sha}", junk)],
                    manifest=lambda m: m["blobs"].__setitem__(sha, len(junk)))
    assert_refused(lived_in_target, bad, f"image {sha[:12]}... is listed in the manifest but no capture in it uses it")


def test_an_image_larger_than_a_capture_may_be_is_refused(genuine, lived_in_target, tmp_path, monkeypatch):
    *_, bundle_path = genuine
    largest = max(zipfile.ZipFile(bundle_path).getinfo(n).file_size for n in read_zip(bundle_path) if n.startswith("blobs/"))
    monkeypatch.setattr(bundle, "MAX_IMAGE_BYTES", largest - 1)
    assert_refused(lived_in_target, bundle_path, f"bytes, more than the {largest - 1:,} a capture may be")
    monkeypatch.setattr(bundle, "MAX_IMAGE_BYTES", largest)
    assert len(import_bundle(lived_in_target, bundle_path).added) == 2


def test_the_limits_are_those_of_a_capture_and_a_modest_manifest():
    from docexam.store.store import MAX_CAPTURE_BYTES

    assert bundle.MAX_IMAGE_BYTES == MAX_CAPTURE_BYTES
    assert bundle.MAX_MANIFEST_BYTES < 250 * 1024**2  # the 250 MiB manifest of the report is refused


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory) -> tuple[Path, int, int]:
    """A genuine bundle of one case with two small images (made once): (path, manifest bytes, largest image)."""
    from docexam.store import Store
    from tests.store.conftest import make_png

    folder = tmp_path_factory.mktemp("small-bundle")
    with Store.open(folder / "s.sqlite", actor="tester") as s:
        case = s.create_case("boundary")
        s.attach(case.id, make_png(folder / "a.png", 1, size=(64, 40)), light="visible")
        s.attach(case.id, make_png(folder / "b.png", 2, size=(30, 20)), light="uv")
        path = export_cases(s, [case.id], folder / "b.dxb").path
    with zipfile.ZipFile(path) as z:
        sizes = {i.filename: i.file_size for i in z.infolist()}
    return path, sizes.pop("manifest.json"), max(sizes.values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(image_limit=st.integers(min_value=-3, max_value=3), manifest_limit=st.integers(min_value=-3, max_value=3),
       padding=st.integers(min_value=0, max_value=4))
def test_every_member_is_accepted_up_to_its_limit_and_refused_past_it(small_bundle, tmp_path_factory, monkeypatch,
                                                                        image_limit, manifest_limit, padding):
    """Property: with the limits set around the members' true sizes, a bundle is read exactly when its largest image
    and its manifest (padded with spaces, still the same JSON) are within their limits; past one, it is refused
    naming that member, never with another error."""
    path, manifest_size, largest = small_bundle
    out = tmp_path_factory.mktemp("b") / "padded.dxb"
    items = read_zip(path)
    manifest = items.pop("manifest.json") + b" " * padding
    write_zip(out, [*items.items(), ("manifest.json", manifest)])
    monkeypatch.setattr(bundle, "MAX_IMAGE_BYTES", largest + image_limit)
    monkeypatch.setattr(bundle, "MAX_MANIFEST_BYTES", manifest_size + manifest_limit)
    if padding > manifest_limit:
        with pytest.raises(BundleError, match="manifest.json expands past the size allowed"):
            bundle._read_bundle(out)
    elif image_limit < 0:
        with pytest.raises(BundleError, match="a capture may be"):
            bundle._read_bundle(out)
    else:
        assert bundle._read_bundle(out)["blobs"] == json.loads(manifest)["blobs"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=64), extra=st.binary(min_size=1, max_size=64), where=st.integers(0, 1))
def test_an_image_member_of_another_length_than_listed_is_refused(small_bundle, tmp_path_factory, cut, extra, where):
    """Property: an image shorter or longer than the manifest lists it (headers telling the truth about the new
    length) is refused as not matching its SHA-256 or as expanding past its size, whatever the bytes."""
    path, _, _ = small_bundle
    items = read_zip(path)
    name = sorted(n for n in items if n.startswith("blobs/"))[where]
    data = items[name]
    items[name] = data[:-cut] if len(extra) % 2 else data + extra
    out = tmp_path_factory.mktemp("b") / "resized.dxb"
    write_zip(out, list(items.items()))
    with pytest.raises(BundleError, match=f"{name[6:18]}|{name}") as err:
        bundle._read_bundle(out)
    assert "SHA-256" in err.value.reason or "expands past" in err.value.reason


# --- item 6: a case that fails verification is never written over ------------------------------------------------


TAMPERING = {
    "row edited": "UPDATE cases SET verdict = 'genuine' WHERE uid = :u",
    "audit detail edited": "UPDATE audit SET detail = replace(detail, 'counterfeit', 'genuine') WHERE chain = :u",
    "audit head moved back": "UPDATE audit_heads SET seq = seq - 1 WHERE chain = :u",
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_an_import_never_writes_over_a_case_that_fails_verification(kind, source, target, tmp_path):
    store, one, two = source
    import_bundle(target, export_cases(store, [one.id], tmp_path / "first.dxb").path)
    with target.engine.begin() as conn:
        assert conn.execute(text(TAMPERING[kind]), {"u": one.uid}).rowcount >= 1
    flagged = target.verify().problems
    assert any(one.reference in p or one.uid in p for p in flagged), flagged
    store.add_note(one.id, "more work at the checkpoint")
    later = export_cases(store, [one.id], tmp_path / "later.dxb").path  # continues the trail the centre holds
    before = row_counts(target)
    with pytest.raises(BundleError, match=f"case {one.reference} fails verification here .*erase that evidence"):
        import_bundle(target, later)
    assert row_counts(target) == before
    assert target.verify().problems == flagged  # the evidence is still there


def test_a_manifest_nested_too_deeply_is_refused(genuine, lived_in_target, tmp_path):
    *_, bundle_path = genuine
    items = read_zip(bundle_path)
    items["manifest.json"] = b"[" * 200_000 + b"]" * 200_000
    bad = write_zip(tmp_path / "deep.dxb", list(items.items()))
    assert_refused(lived_in_target, bad, "manifest.json nests arrays or objects more than")


# --- item 11: a failed export records nothing ------------------------------------------------------------------


def export_entries(store, uid) -> list[str]:
    return [e.action for e in store.show(uid).audit if e.action == "case.export"]


def test_an_export_onto_a_folder_is_refused_before_anything_is_recorded(source, tmp_path, capsys):
    from docexam.cli import main
    from docexam.store.bundle import ExportError

    store, one, _ = source
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder; give the bundle's file name"):
        export_cases(store, [one.id], folder)
    assert export_entries(store, one.uid) == [] and list(folder.iterdir()) == []
    if store.engine.dialect.name == "sqlite":
        status = main(["case", "export", "--db", store.engine.url.database, str(one.id), "--out", str(folder)])
        assert status == 2 and "is a folder" in capsys.readouterr().err
        assert export_entries(store, one.uid) == []


def test_a_bundle_that_cannot_be_put_in_place_records_no_export(source, tmp_path, monkeypatch):
    store, one, _ = source
    out = tmp_path / "out" / "b.dxb"
    real = os.replace

    def failing(src, dst):
        if Path(dst) == out:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(bundle.os, "replace", failing)
    with pytest.raises(OSError, match="No space left"):
        export_cases(store, [one.id], out)
    assert export_entries(store, one.uid) == [] and list(out.parent.iterdir()) == []
    assert store.verify().ok
    monkeypatch.setattr(bundle.os, "replace", real)
    export_cases(store, [one.id], out)
    assert export_entries(store, one.uid) == ["case.export"]


def test_a_commit_that_fails_brings_back_the_file_the_bundle_replaced(source, tmp_path):
    from sqlalchemy import event

    store, one, _ = source
    (tmp_path / "bundles").mkdir()
    out = tmp_path / "bundles" / "b.dxb"
    out.write_bytes(b"the bundle of yesterday")

    def fail(conn):
        raise RuntimeError("the database went away at commit")

    event.listen(store.engine, "commit", fail)
    try:
        with pytest.raises(RuntimeError, match="went away"):
            export_cases(store, [one.id], out)
    finally:
        event.remove(store.engine, "commit", fail)
    assert out.read_bytes() == b"the bundle of yesterday" and sorted(p.name for p in out.parent.iterdir()) == ["b.dxb"]
    assert export_entries(store, one.uid) == []
    export_cases(store, [one.id], out)  # and an export that goes through replaces it
    assert zipfile.is_zipfile(out) and export_entries(store, one.uid) == ["case.export"]
