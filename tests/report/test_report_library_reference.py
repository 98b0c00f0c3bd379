"""The report finds a comparison's library reference again in the case database, at the annotation version the
comparison used (not the current one), and says why when it cannot."""

from __future__ import annotations

import json
from dataclasses import replace

from docexam.compare.reference import reference_id
from docexam.references.convert import annotation_from_specimen, library_reference
from docexam.report.pdf import _find_reference
from docexam.specimens.exercise import write_reference
from docexam.store import Store
from docexam.store.library import ReferenceLibrary, prepare_specimen
from docexam.store.records import ReferenceId


def test_the_report_loads_the_library_reference_at_the_version_compared_with(tmp_path):
    folder = tmp_path / "td3"
    write_reference(folder, "td3")
    meta = json.loads((folder / "specimen.json").read_text())
    with Store.open(tmp_path / "cases.sqlite", actor="tester") as store:
        library = ReferenceLibrary(store)
        spec = prepare_specimen({light: folder / f"{light}.png" for light in ("visible", "uv", "ir")}, dpi=300)
        kind = library.create("UTO passport", specimens=[spec], format="TD3", state="UTO", document_code="P",
                              annotation=annotation_from_specimen(meta, specimen=spec.uid))
        compared = reference_id(library_reference(library, kind.id))
        assert (compared.library, compared.version) == (kind.id, 1)
        moved = kind.annotation.region("mrz")
        library.annotate(kind.id, replace(kind.annotation, regions=tuple(
            replace(r, box=(r.box[0], r.box[1] - 4, r.box[2], r.box[3])) if r is moved else r
            for r in kind.annotation.regions)))
        found, why = _find_reference(compared, cache=tmp_path / "cache", store=store)
        assert found is not None and why == "" and reference_id(found).sha256 == compared.sha256
        assert found.regions["mrz"] == moved.box  # version 1's, not the current version 2's
        missing, why = _find_reference(ReferenceId("td3", compared.sha256, library=kind.id, version=7),
                                       cache=tmp_path / "cache", store=store)
        assert missing is None and "has no annotation version 7 (it has 1, 2)" in why
        gone, why = _find_reference(ReferenceId("td3", compared.sha256, library="0" * 8 + "-gone", version=1),
                                    cache=tmp_path / "cache", store=store)
        assert gone is None and "could not be loaded" in why
