"""The reference library in the case store (issue 19): types, specimens, annotation versions, audited, atomic, on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import text

from docexam.errors import StoreError
from docexam.references.model import Annotation, Expect, Expectation, Region, Role
from docexam.store import Store
from docexam.store import audit as audit_mod
from docexam.store.library import ReferenceInputError, ReferenceLibrary, ReferenceNotFoundError, prepare_specimen
from docexam.store.schema import reference_annotations
from tests.store.conftest import make_png, row_counts


def specimen_files(folder: Path, seed: int, size=(120, 84), lights=("visible", "uv", "ir")) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {light: make_png(folder / f"{light}.png", seed + i, size) for i, light in enumerate(lights)}


def annotation(specimen: str, *, mrz=(4, 60, 110, 20)) -> Annotation:
    return Annotation(specimen, 300.0, (
        Region("mrz", Role.MRZ, mrz, expectations=(Expectation("ir", Expect.ABSORBS),)),
        Region("portrait", Role.PORTRAIT, (4, 4, 30, 40)),
        Region("surname", Role.VIZ_FIELD, (40, 10, 60, 8), field="surname"),
    ))


@pytest.fixture
def library(store) -> ReferenceLibrary:
    return ReferenceLibrary(store)


@pytest.fixture
def utopia(library, tmp_path):
    """A type with one specimen (three lights) and its first annotation."""
    spec = prepare_specimen(specimen_files(tmp_path / "spec1", 1), dpi=300, source="spec1")
    kind = library.create("Utopia passport 2025", specimens=[spec], annotation=annotation(spec.uid), state="uto",
                          document_code="p", format="td3", series="A")
    return kind, spec


def test_a_type_is_kept_with_its_specimen_captures_and_annotation(library, utopia, tmp_path):
    kind, spec = utopia
    shown = library.show(kind.id)
    assert (shown.name, shown.state, shown.document_code, shown.format, shown.series) == (
        "Utopia passport 2025", "UTO", "P", "TD3", "A")
    assert [s.id for s in shown.specimens] == [spec.uid]
    assert {c.light for c in shown.specimens[0].captures} == {"visible", "uv", "ir"}
    assert shown.specimens[0].size == (120, 84) and shown.specimens[0].captures[0].dpi == 300.0
    current = shown.annotation
    assert current.version == 1 and current.specimen == spec.uid and current.created_by == "tester"
    assert current.region("surname").field == "surname" and current.region("mrz").expects("ir") is Expect.ABSORBS
    # the images come back pixel for pixel (PNG), by the current annotation's specimen
    images = library.images(kind.id)
    for light, path in specimen_files(tmp_path / "again", 1).items():
        assert np.array_equal(images[light], np.asarray(Image.open(path).convert("RGB")))
    # by local id, uid or a uid's first characters
    assert library.show(library.summary(kind.id).id).id == library.show(kind.id[:8]).id == kind.id
    with pytest.raises(ReferenceNotFoundError, match="docexam reference list"):
        library.show("999")


def test_list_searches_by_state_code_format_and_name(library, utopia, tmp_path):
    spec = prepare_specimen(specimen_files(tmp_path / "card", 7, size=(101, 64)), dpi=300)
    library.create("Arcadia identity card", specimens=[spec], state="ARC", document_code="ID", format="td1")
    library.create("Utopia visa (synthetic)", state="UTO", document_code="V", format="MRV-A", synthetic=True)
    names = lambda found: [s.name for s in found]  # noqa: E731
    assert names(library.list()) == ["Arcadia identity card", "Utopia passport 2025", "Utopia visa (synthetic)"]
    assert names(library.list(state="uto")) == ["Utopia passport 2025", "Utopia visa (synthetic)"]
    assert names(library.list(state="UTO", code="p")) == ["Utopia passport 2025"]
    assert names(library.list(format="td1")) == ["Arcadia identity card"]
    assert names(library.list(name="identity")) == ["Arcadia identity card"]
    assert names(library.list(name="100%")) == []  # % is searched for, not a wildcard
    assert names(library.list(synthetic=True)) == ["Utopia visa (synthetic)"]
    first = library.list(code="P")[0]
    assert (first.specimens, first.lights, first.version) == (1, ("visible", "uv", "ir"), 1)
    assert library.list(code="V")[0].to_dict()["version"] == 0


def test_a_corrected_annotation_is_a_new_version_and_the_old_one_stays(store, library, utopia):
    kind, spec = utopia
    with store.engine.connect() as conn:
        first = conn.execute(text("SELECT annotation FROM reference_annotations WHERE version = 1")).scalar()
    kept = library.annotate(kind.id, annotation(spec.uid, mrz=(4, 62, 110, 20)), note="MRZ moved down 2 px")
    assert kept.version == 2 and kept.note == "MRZ moved down 2 px"
    shown = library.show(kind.id)
    assert [a.version for a in shown.annotations] == [1, 2]
    assert shown.annotation.region("mrz").box == (4, 62, 110, 20)
    assert shown.annotations[0].region("mrz").box == (4, 60, 110, 20)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT annotation FROM reference_annotations WHERE version = 1")).scalar() == first
        actions = [e.action for e in audit_mod.entries(conn, kind.id)]
    assert actions == ["reference.create", "reference.specimen", "reference.annotate", "reference.annotate"]
    assert store.verify().ok and store.verify().references == 1


def test_an_annotation_that_does_not_fit_its_specimen_is_refused_and_nothing_is_written(store, library, utopia):
    kind, spec = utopia
    before = row_counts(store)
    with pytest.raises(ReferenceInputError, match="outside the specimen's 120x84 images"):
        library.annotate(kind.id, annotation(spec.uid, mrz=(4, 70, 110, 20)))
    with pytest.raises(ReferenceInputError, match="does not have"):
        library.annotate(kind.id, annotation("another-specimen"))
    assert row_counts(store) == before


def test_specimens_of_different_sizes_are_not_one_type(store, library, tmp_path):
    passport = prepare_specimen(specimen_files(tmp_path / "p", 1, size=(148, 104)), dpi=300, source="passport")
    card = prepare_specimen(specimen_files(tmp_path / "c", 2, size=(101, 64)), dpi=300, source="card")
    before = row_counts(store)
    with pytest.raises(ReferenceInputError, match="card is a document of 9 x 5 mm, passport one of 13 x 9 mm"):
        library.create("mixed", specimens=[passport, card])
    assert row_counts(store) == before
    kind = library.create("passport", specimens=[passport])
    with pytest.raises(ReferenceInputError, match="not one design"):
        library.add_specimen(kind.id, card)
    # the same document at twice the resolution is the same size
    twice = prepare_specimen(specimen_files(tmp_path / "p2", 3, size=(296, 208)), dpi=600, source="passport 600 dpi")
    assert len(library.add_specimen(kind.id, twice).specimens) == 2


def test_unusable_captures_are_refused_before_any_write(tmp_path):
    with pytest.raises(ReferenceInputError, match="differ in size"):
        prepare_specimen({"visible": make_png(tmp_path / "v.png", 1, (60, 40)),
                          "ir": make_png(tmp_path / "i.png", 2, (61, 40))}, dpi=300)
    blank = tmp_path / "blank.png"
    Image.new("RGB", (60, 40), (250, 250, 250)).save(blank)
    with pytest.raises(ReferenceInputError, match="shows no document"):
        prepare_specimen({"visible": blank}, dpi=300)
    with pytest.raises(ReferenceInputError, match="do not record their resolution"):
        prepare_specimen({"visible": make_png(tmp_path / "v.png", 1, (60, 40))})
    with pytest.raises(ReferenceInputError, match="no capture"):
        prepare_specimen({}, dpi=300)
    with pytest.raises(ReferenceInputError, match="not one a specimen is captured at"):
        prepare_specimen({"visible": make_png(tmp_path / "v.png", 1, (60, 40))}, dpi=10)
    dpi_file = tmp_path / "dpi.png"
    Image.open(make_png(tmp_path / "v.png", 1, (60, 40))).save(dpi_file, dpi=(600, 600))
    assert prepare_specimen({"visible": dpi_file}).dpi == pytest.approx(600, abs=0.1)


def test_a_create_that_fails_part_way_leaves_nothing(store, library, tmp_path, monkeypatch):
    spec = prepare_specimen(specimen_files(tmp_path / "s", 1), dpi=300)
    before = row_counts(store)
    real = audit_mod.append

    def failing(conn, chain, *, action, **kw):
        if action == "reference.annotate":
            raise OSError("the machine went down")
        return real(conn, chain, action=action, **kw)

    monkeypatch.setattr(audit_mod, "append", failing)
    with pytest.raises(OSError):
        library.create("half", specimens=[spec], annotation=annotation(spec.uid))
    assert row_counts(store) == before


def test_rows_changed_behind_docexams_back_are_found_and_refuse_changes(store, library, utopia):
    kind, spec = utopia
    with store.engine.begin() as conn:
        conn.execute(reference_annotations.update().values(annotation=json.dumps({"forged": True})))
    report = store.verify()
    assert any("changed behind docexam's back" in p and "Utopia passport 2025" in p for p in report.problems)
    with pytest.raises(StoreError, match="changed behind docexam's back"):
        library.annotate(kind.id, annotation(spec.uid))


def test_an_image_kept_by_a_case_and_a_reference_is_stored_once(store, library, tmp_path):
    files = specimen_files(tmp_path / "s", 1, lights=("visible",))
    case = store.create_case("a genuine document used as a reference")
    store.attach(case.id, files["visible"], light="visible")
    library.create("from a case", specimens=[prepare_specimen(files, dpi=300)])
    assert row_counts(store)["blobs"] == 1
    assert store.verify().ok


def test_reopening_keeps_the_library(store_url, tmp_path):
    with Store.open(store_url, actor="a") as s:
        ReferenceLibrary(s).create("kept", state="UTO")
    with Store.open(store_url, actor="b") as s:
        assert [x.name for x in ReferenceLibrary(s).list()] == ["kept"]


def test_choose_reference_by_the_mrz_then_the_issue_period(library, tmp_path):
    import datetime as dt

    from docexam.store.library import choose_reference

    spec = prepare_specimen(specimen_files(tmp_path / "s", 1), dpi=300)
    genuine = library.create("UTO passport 2020", specimens=[spec], annotation=annotation(spec.uid), state="UTO",
                             document_code="P", format="TD3", issued_from=dt.date(2020, 1, 1))
    synthetic = library.create("UTO passport (generator)", state="UTO", document_code="P", format="TD3",
                               synthetic=True)
    library.create("UTO diplomatic passport", state="UTO", document_code="PD", format="TD3")
    library.create("ARC passport", state="ARC", document_code="P", format="TD3")

    choice = choose_reference(library, state="UTO", document_code="P", format="TD3", expiry=dt.date(2031, 5, 1))
    assert choice.picked.uid == genuine.id
    assert "issuing state UTO, document code P and format TD3 match" in choice.why
    assert "1 other reference(s) match too" in choice.why and [o.uid for o in choice.others] == [synthetic.id]
    # a document that expired before the genuine type was first issued: the other is preferred
    old = choose_reference(library, state="UTO", document_code="P", format="TD3", expiry=dt.date(2019, 5, 1))
    assert old.picked.uid == synthetic.id and "an issue period that may hold the document" in old.why
    # a type coded P covers PO (the second letter is the issuer's); PD has its own
    assert choose_reference(library, state="UTO", document_code="PO", format="TD3").picked.uid == genuine.id
    assert choose_reference(library, state="UTO", document_code="PD", format="TD3").picked.name == "UTO diplomatic passport"
    assert choose_reference(library, state="UTO", document_code="P", format="TD1") is None
    assert choose_reference(library, state="ZZZ", document_code="P", format="TD3") is None
    assert choose_reference(library, state=None, document_code="P", format="TD3") is None


def test_a_types_details_are_said_again_audited_without_a_new_annotation_version(store, library, utopia):
    import datetime as dt

    kind, spec = utopia
    shown = library.describe(kind.id, name="Utopia passport, 2025 series", state="uto", document_code="PO",
                             format="TD3", series="B", issued_from=dt.date(2025, 1, 1), notes="from the issuer")
    assert (shown.name, shown.state, shown.document_code, shown.format, shown.series, shown.issued_from,
            shown.issued_until, shown.notes) == ("Utopia passport, 2025 series", "UTO", "PO", "TD3", "B",
                                                 dt.date(2025, 1, 1), None, "from the issuer")
    assert [a.version for a in shown.annotations] == [1] and shown.annotation == kind.annotation
    assert [s.name for s in library.list(name="2025 series")] == ["Utopia passport, 2025 series"]
    with store.engine.connect() as conn:
        last = audit_mod.entries(conn, kind.id)[-1]
    assert last.action == "reference.describe" and last.details["changed"]["series"] == ["A", "B"]
    assert set(last.details["changed"]) == {"name", "document_code", "series", "issued_from", "notes"}
    before = row_counts(store)
    library.describe(kind.id, name=shown.name, state="UTO", document_code="PO", format="td3", series="B",
                     issued_from=dt.date(2025, 1, 1), notes="from the issuer")  # nothing changed: nothing written
    assert row_counts(store) == before
    for bad, match in (({"name": " "}, "needs a name"), ({"name": "x", "state": "U1"}, "not a code"),
                       ({"name": "x", "format": "TD9"}, "format"),
                       ({"name": "x", "issued_from": dt.date(2025, 1, 1), "issued_until": dt.date(2024, 1, 1)},
                        "ends")):
        with pytest.raises(ReferenceInputError, match=match):
            library.describe(kind.id, **bad)
    assert row_counts(store) == before and store.verify().ok


def test_specimens_added_with_a_learnt_annotation_are_one_transaction(store, library, utopia, tmp_path):
    kind, spec = utopia
    second = prepare_specimen(specimen_files(tmp_path / "spec2", 7), dpi=300, source="spec2")
    shown = library.add_specimens(kind.id, [second], annotation=annotation(spec.uid, mrz=(4, 62, 110, 20)))
    assert len(shown.specimens) == 2 and shown.annotation.version == 2
    assert shown.annotation.region("mrz").box == (4, 62, 110, 20)
    before = row_counts(store)
    third = prepare_specimen(specimen_files(tmp_path / "spec3", 9), dpi=300, source="spec3")
    with pytest.raises(ReferenceInputError, match="outside the specimen"):  # the annotation refused: no specimen either
        library.add_specimens(kind.id, [third], annotation=annotation(spec.uid, mrz=(4, 70, 110, 20)))
    assert row_counts(store) == before and len(library.show(kind.id).specimens) == 2
