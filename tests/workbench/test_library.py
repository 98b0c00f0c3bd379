"""The workstation's reference library, Qt-free: the browser's search, making a reference from captures and from
the generator's folder, the reference proposed for an MRZ reading, and the editor's draft of an annotation (each
change the examiner's, saved as the next version and read back)."""

import numpy as np
import pytest
from PIL import Image

from docexam.lights import Light
from docexam.paths import samples_dir
from docexam.references.model import Annotation, Expect, Region, Role, Source
from docexam.store import Store
from docexam.store.library import ReferenceInputError, ReferenceLibrary, ReferenceSummary
from docexam.store.records import MRZReading
from docexam.workbench.library import (
    AnnotationDraft,
    NewReference,
    add_synthetic,
    create_reference,
    issue_period,
    matches,
    propose,
    row_details,
    search,
    specimen_sources,
    synthetic_folder,
)
from docexam.workbench.tasks import reference_folder

SAMPLE = samples_dir() / "specimens" / "td3-genuine"


def summary(name, state=None, code=None, fmt=None, synthetic=False, **kw):
    return ReferenceSummary(1, "u", name, state, code, fmt, synthetic, 1, ("visible",), 1, "t", "t", **kw)


def test_the_search_matches_every_word_against_state_code_format_name_or_kind():
    uto = summary("Utopia passport 2025", "UTO", "P", "TD3")
    gen = summary("passport data page (TD1) (CSP-TD1-3)", "CSP", "I", "TD1", synthetic=True)
    assert matches(uto, "") and matches(uto, "uto p td3") and matches(uto, "passport 2025")
    assert matches(uto, "td-3")  # the format as people write it
    assert not matches(uto, "uto td1") and not matches(uto, "caspiana")
    assert [s.name for s in search([uto, gen], "synthetic")] == [gen.name]
    assert [s.name for s in search([uto, gen], "genuine PASSPORT")] == [uto.name]


def test_the_issue_period_in_words():
    assert issue_period(summary("a", issued_from="2019-01-01", issued_until="2024-12-31")) == "2019-01-01 to 2024-12-31"
    assert issue_period(summary("a", issued_from="2019-01-01")) == "from 2019-01-01"
    assert issue_period(summary("a")) == ""


def test_loose_captures_are_one_specimen_and_each_folder_another(tmp_path):
    for name in ("scan.png", "scan_uv.png", "scan_ir.png"):
        Image.fromarray(np.full((20, 30, 3), 128, np.uint8)).save(tmp_path / name)
    found = specimen_sources([tmp_path / "scan.png", tmp_path / "scan_uv.png", tmp_path / "scan_ir.png", SAMPLE])
    assert [sorted(s) for s in found] == [["ir", "uv", "visible"], ["ir", "uv", "visible"]]
    assert found[0]["uv"].name == "scan_uv.png" and found[1]["visible"].parent == SAMPLE
    with pytest.raises(ReferenceInputError, match="both visible captures"):
        specimen_sources([tmp_path / "scan.png", tmp_path / "scan.png"])
    with pytest.raises(ReferenceInputError, match="no capture given"):
        specimen_sources([tmp_path / "nothing.txt"])


@pytest.fixture
def library(tmp_path):
    store = Store.open(tmp_path / "c.db")
    yield ReferenceLibrary(store)
    store.close()


def test_a_reference_made_from_a_genuine_folder_is_annotated_automatically_and_typed_by_its_mrz(library):
    steps = []
    created = create_reference(library.store, NewReference("Utopia passport", dpi=300), paths=[SAMPLE],
                               progress=lambda f, m: steps.append(m))
    s = created.summary
    assert (s.state, s.document_code, s.format, s.synthetic, s.specimens, s.version) == ("UTO", "P", "TD3", False, 1, 1)
    assert "MRZ" in created.how and steps[-1] == "writing the reference"
    regions = library.show(s.uid).annotation.regions
    assert {Role.MRZ, Role.PORTRAIT, Role.VIZ_FIELD} <= {r.role for r in regions}
    assert all(r.source is Source.AUTOMATIC for r in regions)
    details = row_details(library, [s.uid])[s.uid]
    assert details.thumbnail is not None and max(details.thumbnail.shape[:2]) == 96


def test_a_reference_without_a_name_or_of_a_blank_capture_is_refused_and_nothing_written(library, tmp_path):
    with pytest.raises(ReferenceInputError, match="name"):
        create_reference(library.store, NewReference(" "), paths=[SAMPLE])
    Image.fromarray(np.full((300, 400, 3), 200, np.uint8)).save(tmp_path / "visible.png", dpi=(300, 300))
    with pytest.raises(ReferenceInputError, match="shows no document"):
        create_reference(library.store, NewReference("Blank"), paths=[tmp_path / "visible.png"])
    Image.fromarray(np.full((300, 400, 3), 200, np.uint8)).save(tmp_path / "nodpi.png")
    with pytest.raises(ReferenceInputError, match="give the resolution") as refused:
        create_reference(library.store, NewReference("No dpi"), paths=[SAMPLE / "visible.jpg"])
    assert "--dpi" not in str(refused.value)  # the command line's option is no use at the workstation
    from docexam.i18n import set_language

    try:  # the store's refusal is known by its type, not its English words, so it is reworded in any language
        set_language("az")
        with pytest.raises(ReferenceInputError, match="ayırdetmə") as refused:
            create_reference(library.store, NewReference("No dpi"), paths=[SAMPLE / "visible.jpg"])
        assert "--dpi" not in str(refused.value)
    finally:
        set_language(None)
    assert library.list() == []


def test_the_generators_folder_is_added_as_a_synthetic_reference_with_its_regions(library, tmp_path):
    folder = reference_folder("td3", cache=tmp_path / "cache")
    assert synthetic_folder([folder]) == folder and synthetic_folder([SAMPLE]) is None
    created = create_reference(library.store, NewReference("Utopia TD3 (generator)"), paths=[folder])
    s = created.summary
    assert s.synthetic and (s.state, s.document_code, s.format) == ("UTO", "P", "TD3") and s.version == 1
    assert library.show(s.uid).annotation.by_role(Role.MRZ)


def _reading(state="UTO", code="P", fmt="TD3", expiry="2030-01-01"):
    return MRZReading(format=fmt, lines=(), valid=True,
                      fields={"issuing_state": state, "document_code": code, "expiry_date": expiry})


def test_the_reference_proposed_for_an_mrz_is_of_its_state_code_and_format(library, tmp_path):
    synthetic = add_synthetic(library, reference_folder("td3", cache=tmp_path / "cache"))
    assert propose(library, _reading()).picked.uid == synthetic.uid
    assert propose(library, _reading(state="CSP")) is None
    assert propose(library, _reading(fmt="TD1")) is None
    assert propose(library, None) is None
    assert propose(library, MRZReading(format="TD3", lines=(), valid=False, fields=None)) is None


def _draft():
    base = Annotation("spec", 300.0, (Region("mrz", Role.MRZ, (10, 80, 100, 15), confidence=0.7),
                                      Region("portrait", Role.PORTRAIT, (5, 5, 30, 40), confidence=0.9)), 3)
    return AnnotationDraft.of(base, (120, 100))


def test_a_region_moved_becomes_the_examiners_and_stays_inside_the_specimen():
    draft, seen = _draft(), []
    draft.events.regions.connect(lambda new, old: seen.append(new))
    moved = draft.move("mrz", (12.4, 70.6, 150, 20))
    assert moved.box == (12, 71, 108, 20) and moved.source is Source.EXAMINER and moved.confidence == 1.0
    assert draft.region("portrait").source is Source.AUTOMATIC and len(seen) == 1 and draft.changed
    draft.move("mrz", (12, 71, 108, 20))  # no change: no event
    assert len(seen) == 1


def test_roles_fields_and_expectations_are_set_per_region_and_light():
    draft = _draft()
    draft.set_role("portrait", Role.VIZ_FIELD)
    draft.set_field("portrait", "surname")
    draft.set_expectation("portrait", Light.IR, Expect.DROPS_OUT)
    draft.set_expectation("portrait", Light.UV, Expect.FLUORESCES, colour=(10, 200, 30))
    r = draft.region("portrait")
    assert (r.role, r.field, r.expects("ir"), r.expects("uv")) == (Role.VIZ_FIELD, "surname", Expect.DROPS_OUT,
                                                                   Expect.FLUORESCES)
    assert [e.light for e in r.expectations] == ["uv", "ir"] and r.expectations[0].colour == (10, 200, 30)
    draft.set_expectation("portrait", Light.UV, None)
    draft.set_role("portrait", Role.SIGNATURE)  # a field only for a VIZ field
    assert draft.region("portrait").expects("uv") is None and draft.region("portrait").field is None
    with pytest.raises(ValueError, match="light"):
        draft.set_expectation("portrait", "xray", Expect.ABSORBS)


def test_regions_are_drawn_and_deleted():
    draft = _draft()
    new = draft.add((100, 90, 50, 50), Role.UV_FEATURE)
    assert new.id == "uv_feature-1" and new.box == (100, 90, 20, 10) and draft.selected == new.id
    second = draft.add((0, 0, 5, 5), Role.UV_FEATURE)
    assert second.id == "uv_feature-2" and draft.selected == second.id
    draft.delete(new.id)
    assert draft.selected == second.id and new.id not in {r.id for r in draft.regions}
    draft.delete(second.id)
    assert draft.selected is None and len(draft.regions) == 2
    with pytest.raises(KeyError):
        draft.select("nothing")


def test_the_draft_is_saved_as_the_next_version_and_read_back(library):
    created = create_reference(library.store, NewReference("Utopia passport", dpi=300), paths=[SAMPLE])
    kind = library.show(created.summary.uid)
    draft = AnnotationDraft.of(kind.annotation, kind.specimens[0].size)
    mrz = kind.annotation.by_role(Role.MRZ)[0]
    x, y, w, h = mrz.box
    draft.move(mrz.id, (x - 4, y - 4, w + 8, h + 8))
    drawn = draft.add((20, 20, 60, 40), Role.UV_FEATURE)
    kept = draft.save(library, kind.id, note="MRZ box grown")
    again = library.show(kind.id)
    assert kept.version == 2 and again.annotation.version == 2 and [a.version for a in again.annotations] == [1, 2]
    assert again.annotation.note == "MRZ box grown"
    assert again.annotation.region(mrz.id).box == (x - 4, y - 4, w + 8, h + 8)
    assert again.annotation.region(mrz.id).source is Source.EXAMINER
    assert again.annotation.region(drawn.id).role is Role.UV_FEATURE
    assert again.annotations[0].region(mrz.id).box == mrz.box  # version 1 kept as it was
    assert not draft.changed and draft.base.version == 2


def test_a_generators_design_is_added_once_and_marked_synthetic(library, tmp_path, monkeypatch):
    from docexam.workbench.library import add_design

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = add_design(library.store, "csp-td1-3")
    assert first.synthetic and (first.state, first.format) == ("CSP", "TD1")
    assert library.show(first.uid).series == "CSP-TD1-3" and library.show(first.uid).annotation.by_role(Role.MRZ)
    assert add_design(library.store, "CSP-TD1-3").uid == first.uid and len(library.list()) == 1
    with pytest.raises(ValueError, match="not a design"):
        add_design(library.store, "XYZ-PASSPORT")


def test_a_fluorescence_colour_is_set_only_where_the_region_fluoresces():
    draft = _draft()
    with pytest.raises(ValueError, match="not expected to fluoresce"):
        draft.set_colour("mrz", Light.UV, (0, 0, 255))
    draft.set_expectation("mrz", Light.UV, Expect.FLUORESCES, colour=(0, 0, 255))
    draft.set_colour("mrz", Light.UV, [20, 230, 40])
    assert draft.region("mrz").expectations[0].colour == (20, 230, 40)
    draft.set_colour("mrz", Light.UV, None)
    assert draft.region("mrz").expectations[0].colour is None and draft.region("mrz").expects("uv") is Expect.FLUORESCES
    with pytest.raises(ValueError, match="0 to 255"):
        draft.set_colour("mrz", Light.UV, (0, 300, 0))


def test_a_types_description_round_trips_and_reads_typed_dates():
    import datetime as dt

    from docexam.workbench.library import TypeDescription, parse_day

    d = TypeDescription("Utopia passport", "UTO", "P", "TD3", "2025", dt.date(2025, 1, 1), None, "notes")
    assert TypeDescription.from_dict(d.to_dict()) == d
    assert parse_day(" 2019-03-01 ", "issued from") == dt.date(2019, 3, 1) and parse_day("", "issued from") is None
    with pytest.raises(ReferenceInputError, match="YYYY-MM-DD"):
        parse_day("1.3.2019", "issued from")


def test_a_second_specimen_of_an_unannotated_reference_gives_it_a_learnt_annotation(library, tmp_path):
    from docexam.specimens import random_specimen, render
    from docexam.specimens.designs import design
    from docexam.store.library import prepare_specimen
    from docexam.workbench.library import add_specimens
    from tests.conftest import TODAY

    folders = []
    for seed in (1, 2):
        folder = tmp_path / f"holder-{seed}"
        folder.mkdir()
        for light, image in render(random_specimen(design("ARC-TD3-1"), seed, today=TODAY), dpi=300).items():
            Image.fromarray(image).save(folder / f"{light}.png", dpi=(300, 300))
        folders.append(folder)
    first = prepare_specimen({p.stem: p for p in folders[0].iterdir()}, source="holder-1")
    kind = library.create("Arcadia passport", specimens=[first])
    assert kind.annotation is None
    seen = []
    added = add_specimens(library.store, kind.id, paths=[folders[1]], provenance="another holder", today=TODAY,
                          progress=lambda f, message: seen.append(message))
    assert (added.added, added.learnt_version, added.summary.specimens) == (1, 1, 2)
    shown = library.show(kind.id)
    assert shown.annotation.specimen == first.uid and "learnt from 2 specimens" in shown.annotation.note
    assert shown.annotation.by_role(Role.MRZ) and shown.annotation.by_role(Role.PERSONALISED)
    assert shown.specimens[1].provenance == "another holder" and any("learning" in m for m in seen)
    with pytest.raises(ReferenceInputError, match="no specimen given"):
        add_specimens(library.store, kind.id)
