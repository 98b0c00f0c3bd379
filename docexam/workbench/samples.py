"""The bundled sample case the workstation opens on first start (``make run``): a synthetic TD3 passport of the
specimen state Utopia with a substituted photograph, in visible, UV and IR light, its MRZ read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docexam.i18n import _
from docexam.lights import LIGHTS
from docexam.paths import samples_dir

if TYPE_CHECKING:
    from docexam.store.store import CaseSummary, Store

SAMPLE_TITLE = "Sample: UTO passport, photograph substituted (synthetic)"
SAMPLE_FOLDER = "td3-photo-substitution"


def ensure_sample_case(store: Store) -> CaseSummary:
    """The sample case, made the first time (each capture imported with its MRZ read, as the workstation does)."""
    from docexam.workbench.tasks import import_capture

    found = [c for c in store.list_cases(query="Sample: UTO passport") if c.title == SAMPLE_TITLE]
    if found and found[-1].captures >= len(LIGHTS):
        return found[-1]
    case = found[-1] if found else store.create_case(SAMPLE_TITLE, notes="bundled sample; safe to delete")
    folder = samples_dir() / "specimens" / SAMPLE_FOLDER
    have = {c.light for c in store.show(case.id).captures}
    for light in LIGHTS:
        path = next(iter(sorted(folder.glob(f"{light}.*"))), None)
        if path is None:
            raise FileNotFoundError(_("the bundled sample {folder}.* is missing; reinstall docexam").format(
                folder=folder / light))
        if light not in have:
            import_capture(store, case.id, path, light=light)
    return store.case(case.id)
