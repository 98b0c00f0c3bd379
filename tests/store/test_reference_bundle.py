"""Reference bundles: the library travels whole from the centre to a checkpoint, every version kept, importing twice
changes nothing, and a tampered, truncated or newer bundle is refused with nothing written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from docexam.store import Store
from docexam.store.bundle import BundleError, export_cases
from docexam.store.library import ReferenceLibrary, prepare_specimen
from docexam.store.reference_bundle import export_references, import_references
from docexam.store.schema import SCHEMA_VERSION, reference_annotations, reference_captures, reference_specimens, reference_types
from tests.store.conftest import row_counts, table_rows
from tests.store.test_library import annotation, specimen_files

DROP = ("id", "type_id", "specimen_id")


def fill(library: ReferenceLibrary, tmp_path: Path):
    one = prepare_specimen(specimen_files(tmp_path / "one", 1), dpi=300, source="one")
    two = prepare_specimen(specimen_files(tmp_path / "two", 11), dpi=300, source="two")
    kind = library.create("Utopia passport 2025", specimens=[one, two], annotation=annotation(one.uid), state="UTO",
                          document_code="P", format="TD3")
    library.annotate(kind.id, annotation(one.uid, mrz=(4, 62, 110, 20)), note="moved")
    other = library.create("Utopia visa", state="UTO", document_code="V", synthetic=True)
    return kind, other, one


@pytest.fixture
def target(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path}/checkpoint.sqlite", actor="checkpoint")
    yield s
    s.close()


def same_library(a: Store, b: Store) -> None:
    for table in (reference_types, reference_specimens, reference_captures, reference_annotations):
        assert table_rows(a, table, drop=DROP) == table_rows(b, table, drop=DROP)


def test_a_bundle_carries_the_library_whole_and_importing_twice_changes_nothing(store, target, tmp_path):
    kind, other, one = fill(ReferenceLibrary(store), tmp_path)
    out = tmp_path / "library.zip"
    exported = export_references(store, [kind.id, other.id], out)
    assert sorted(exported.references) == sorted([kind.id, other.id]) and exported.images == 6
    report = import_references(target, out)
    assert sorted(report.added) == ["Utopia passport 2025", "Utopia visa"] and report.images == 6
    same_library(store, target)
    shown = ReferenceLibrary(target).show(kind.id)
    assert [a.version for a in shown.annotations] == [1, 2] and shown.annotation.note == "moved"
    assert ReferenceLibrary(target).images(kind.id, specimen=one.uid).keys() == {"visible", "uv", "ir"}
    assert target.verify().ok and target.verify().references == 2
    before = row_counts(target)
    again = import_references(target, out)
    assert (again.added, again.updated, sorted(again.unchanged), again.images) == (
        [], [], ["Utopia passport 2025", "Utopia visa"], 0)
    assert row_counts(target) == before


def test_a_later_bundle_brings_new_versions_and_keeps_the_old(store, target, tmp_path):
    library = ReferenceLibrary(store)
    kind, _, one = fill(library, tmp_path)
    export_references(store, [kind.id], tmp_path / "first.zip")
    import_references(target, tmp_path / "first.zip")
    library.annotate(kind.id, annotation(one.uid, mrz=(4, 63, 110, 20)), note="third")
    export_references(store, [kind.id], tmp_path / "second.zip")
    report = import_references(target, tmp_path / "second.zip")
    assert report.updated == ["Utopia passport 2025"] and report.images == 0
    assert [a.version for a in ReferenceLibrary(target).show(kind.id).annotations] == [1, 2, 3]
    assert target.verify().ok
    # the older bundle again: already here, nothing changes
    assert import_references(target, tmp_path / "first.zip").unchanged == ["Utopia passport 2025"]


def rewrite(src: Path, dst: Path, change) -> Path:
    """A copy of the bundle ``src`` with its manifest passed through ``change``."""
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dst, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    return dst


def _edit_annotation(m):
    a = m["references"][0]["annotations"][0]
    a["annotation"] = a["annotation"].replace('"box":[4,60,110,20]', '"box":[4,61,110,20]')


def _outside(m):
    a = m["references"][0]["annotations"][0]
    a["annotation"] = a["annotation"].replace('"box":[4,60,110,20]', '"box":[4,70,110,20]')


def _newer(m):
    m["schema"] = SCHEMA_VERSION + 1


def _rename(m):
    m["references"][0]["type"]["name"] = "Utopia passport 2026"


def _drop_version(m):
    m["references"][0]["annotations"].pop()


@pytest.mark.parametrize("change, message", [
    (_edit_annotation, "differ from what its export recorded"),
    (_rename, "differ from what its export recorded"),
    (_drop_version, "differ from what its export recorded"),
    (_outside, "annotation 1: region 'mrz' \\[4, 70, 110, 20\\] lies outside the specimen's 120x84 images"),
    (_newer, "made by a newer docexam"),
])
def test_a_tampered_or_newer_bundle_is_refused_and_nothing_is_written(store, target, tmp_path, change, message):
    kind, _, _ = fill(ReferenceLibrary(store), tmp_path)
    out = export_references(store, [kind.id], tmp_path / "library.zip").path
    bad = rewrite(out, tmp_path / "bad.zip", change)
    before = row_counts(target)
    with pytest.raises(BundleError, match=message) as e:
        import_references(target, bad)
    assert "nothing was imported" in str(e.value)
    assert row_counts(target) == before


def test_a_truncated_bundle_or_a_changed_image_is_refused(store, target, tmp_path):
    kind, _, _ = fill(ReferenceLibrary(store), tmp_path)
    out = export_references(store, [kind.id], tmp_path / "library.zip").path
    data = out.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    before = row_counts(target)
    with pytest.raises(BundleError, match="not a zip file|damaged|truncated"):
        import_references(target, cut)
    with zipfile.ZipFile(out) as z:
        members = {n: z.read(n) for n in z.namelist()}
    blob = next(n for n in members if n.startswith("blobs/"))
    members[blob] = members[blob][:-1] + bytes([members[blob][-1] ^ 1])
    with zipfile.ZipFile(tmp_path / "flipped.zip", "w") as z:
        for n, d in members.items():
            z.writestr(n, d)
    with pytest.raises(BundleError, match="does not match its SHA-256"):
        import_references(target, tmp_path / "flipped.zip")
    assert row_counts(target) == before


def test_a_case_bundle_is_not_a_reference_bundle(store, target, tmp_path):
    case = store.create_case("a case")
    out = export_cases(store, [case.id], tmp_path / "cases.zip").path
    with pytest.raises(BundleError, match="docexam case import"):
        import_references(target, out)


def test_a_type_with_another_history_here_is_refused(store, target, tmp_path):
    library = ReferenceLibrary(store)
    kind, _, one = fill(library, tmp_path)
    export_references(store, [kind.id], tmp_path / "first.zip")
    import_references(target, tmp_path / "first.zip")
    ReferenceLibrary(target).annotate(kind.id, annotation(one.uid), note="edited at the checkpoint")
    library.annotate(kind.id, annotation(one.uid), note="edited at the centre")
    export_references(store, [kind.id], tmp_path / "second.zip")
    before = row_counts(target)
    with pytest.raises(BundleError, match="different history"):
        import_references(target, tmp_path / "second.zip")
    assert row_counts(target) == before


def test_a_bundle_from_a_laptop_arrives_whole_in_either_database(store, tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/laptop.sqlite", actor="laptop") as laptop:
        kind, other, _ = fill(ReferenceLibrary(laptop), tmp_path)
        out = export_references(laptop, [kind.id, other.id], tmp_path / "library.zip").path
        report = import_references(store, out)
        assert sorted(report.added) == ["Utopia passport 2025", "Utopia visa"]
        same_library(laptop, store)
    assert store.verify().ok and ReferenceLibrary(store).list(synthetic=True)[0].name == "Utopia visa"
    assert import_references(store, out).unchanged == ["Utopia passport 2025", "Utopia visa"]


def test_details_said_again_and_a_specimen_added_at_the_centre_reach_the_checkpoint(store, target, tmp_path):
    import datetime as dt

    library = ReferenceLibrary(store)
    kind, other, one = fill(library, tmp_path)
    export_references(store, [kind.id, other.id], tmp_path / "first.zip")
    import_references(target, tmp_path / "first.zip")
    library.describe(kind.id, name="Utopia passport, 2025 series", state="UTO", document_code="P", format="TD3",
                     series="2025", issued_from=dt.date(2025, 1, 1), notes="from the issuer")
    three = prepare_specimen(specimen_files(tmp_path / "three", 21), dpi=300, source="three")
    library.add_specimens(kind.id, [three], annotation=annotation(one.uid, mrz=(4, 61, 110, 20)))
    export_references(store, [kind.id, other.id], tmp_path / "second.zip")
    report = import_references(target, tmp_path / "second.zip")
    assert "Utopia passport, 2025 series" in report.updated and not report.added
    same_library(store, target)
    shown = ReferenceLibrary(target).show(kind.id)
    assert (shown.series, shown.issued_from, shown.notes) == ("2025", dt.date(2025, 1, 1), "from the issuer")
    assert len(shown.specimens) == 3 and [a.version for a in shown.annotations] == [1, 2, 3]
    assert target.verify().ok
