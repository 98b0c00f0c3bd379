"""The workstation's long jobs, Qt-free: plain functions that report progress and can be cancelled.

The GUI runs them in worker threads (:mod:`docexam.gui.workers`); the tests call them directly. Each takes
``progress(fraction, message)`` and a :class:`CancelToken`, checks the token between steps, and changes the
case store only in its last step, in one transaction: a job cancelled or killed part-way leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docexam.errors import DocexamError
from docexam.i18n import _
from docexam.imageio import IMAGE_SUFFIXES
from docexam.lights import MRZ_LIGHTS, Light
from docexam.store.records import MRZReading

if TYPE_CHECKING:
    import numpy as np

    from docexam.compare.reference import Reference
    from docexam.compare.result import Comparison
    from docexam.store.store import Store

Progress = Callable[[float, str], None]

#: MRZ formats whose family has a synthetic reference specimen (docexam.specimens).
_FAMILY_OF_FORMAT = {"TD3": "td3", "TD1": "td1", "TD2": "td2", "MRVA": "mrva"}


class Cancelled(DocexamError, RuntimeError):
    """The examiner cancelled the job; nothing was stored."""

    def __init__(self, job: str) -> None:
        super().__init__(_("{job} was cancelled; nothing was stored").format(job=job))
        self.job = job


class CancelToken:
    """Set from the UI thread, checked by the job between its steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self, job: str) -> None:
        if self._event.is_set():
            raise Cancelled(job)


def _quiet(_fraction: float, _message: str) -> None:
    pass


# --------------------------------------------------------------------------------------------------------------
# Importing a capture, with its MRZ read


@dataclass(frozen=True)
class ImportedCapture:
    path: Path
    light: str
    capture_uid: str
    reading: MRZReading | None  # the MRZ reading stored, when the light shows the MRZ and one was found


def import_capture(store: Store, case: int | str, path: str | os.PathLike, *, light: str, read_mrz: bool = True,
                   progress: Progress = _quiet, cancel: CancelToken | None = None) -> ImportedCapture:
    """Attach the image file at ``path`` to ``case`` in ``light``; in visible and IR light, read its MRZ first and
    store the reading with it (one transaction either way).

    Raises
    ------
    docexam.imageio.ImageReadError
        The file is not a usable image (nothing is stored).
    Cancelled
        ``cancel`` was set before the store was changed.
    """
    from docexam.imageio import load_images

    cancel = cancel or CancelToken()
    p = Path(path)
    progress(0.05, f"loading {p.name}")
    page = load_images(p, pages=1)[0]  # a bad file fails here, before anything is stored
    reading = None
    if read_mrz and light in MRZ_LIGHTS:
        from docexam.read.reader import read_image

        cancel.check(f"importing {p.name}")
        progress(0.3, f"reading the MRZ of {p.name}")
        # in colour: a stamp across the MRZ is lifted out (docexam.read.overprint), and with the document's IR
        # capture of the same framing, the print IR does not see too
        ir = case_ir_capture(store, case, page.image.shape[:2]) if light != Light.IR else None
        result = read_image(page.image, ir=ir)
        reading = {"path": str(p), **result.to_dict()}
    cancel.check(f"importing {p.name}")
    progress(0.9, f"storing {p.name}")
    stored = None
    if reading is not None and reading.get("found"):
        row = store.record_reading(case, p, reading, light=light)
        uid = _capture_of_finding(store, case, row["uid"])
        stored = MRZReading.from_dict(reading)
    else:
        uid = store.attach(case, p, light=light)["uid"]
    progress(1.0, f"{p.name} imported")
    return ImportedCapture(p, light, uid, stored)


def case_ir_capture(store: Store, case: int | str, shape: tuple[int, ...]) -> np.ndarray | None:
    """The image of the newest IR capture of ``case``'s questioned document (its first, where imports go) when it has
    the framing ``shape`` ((H, W): the same size as the capture being read, so the MRZ's place is the same), else
    None. The reader lifts out what is dark in visible light but not in IR: the MRZ absorbs in B900 (Doc 9303 Part 3,
    4.5 and 4.11); a capture of another size is not of the same framing and is not used."""
    from docexam.imageio import load_image_bytes

    shown = store.show(case)
    if not shown.documents:
        return None
    document = shown.documents[0].id
    ir = [c for c in shown.captures if c.light == Light.IR and c.document_id == document]
    if not ir:
        return None
    cap = ir[-1]
    if cap.width is not None and cap.height is not None and sorted((cap.width, cap.height)) != sorted(shape[:2]):
        return None  # not the same size in either orientation: no need to decode it
    image = load_image_bytes(store.blob(cap.sha256), name=cap.source_name or "IR", pages=1)[0].image
    return image if image.shape[:2] == tuple(shape[:2]) else None


def _capture_of_finding(store: Store, case: int | str, finding_uid: str) -> str:
    record = store.show(case)
    finding = record.finding(finding_uid)
    capture = record.capture(finding.capture_id) if finding is not None else None
    return capture.uid if capture is not None else ""


# --------------------------------------------------------------------------------------------------------------
# Comparing with a reference specimen


def family_of_reading(reading: MRZReading | None) -> str | None:
    """The specimen family of a reading's MRZ format (``"TD3"`` -> ``"td3"``), if docexam has a reference of it."""
    return _FAMILY_OF_FORMAT.get(reading.format or "") if reading is not None else None


def reference_design(reading: MRZReading | None) -> str | None:
    """The design of the reference specimen a case needs, from its MRZ reading: the one an answer key or a
    reference's ``specimen.json`` beside the capture it was read from names (a pack document taken in as a case:
    its ``design``, or for an older pack Utopia's design of its ``family``), else Utopia's design of the reading's
    family, as before there were many designs; None when neither says."""
    from docexam.workbench.references import design_beside, utopia_design

    if reading is None:
        return None
    named = design_beside(reading.path)
    if named is not None:
        return named
    family = family_of_reading(reading)
    return utopia_design(family) if family is not None else None


def reference_folder(design: str, *, cache: Path | None = None) -> Path:
    """The folder of the synthetic reference specimen of ``design`` (a design code such as ``CSP-TD1-3``, or a
    family's name for Utopia's design of it), rendered once into the user's cache folder (``platformdirs``) and
    kept there, in the design's folder (:attr:`docexam.specimens.design.Family.folder`: Utopia's by family name, as
    before)."""
    from docexam.specimens import FAMILIES
    from docexam.specimens.exercise import write_reference
    from docexam.workbench.references import canonical, design_folder

    code = canonical(design) if isinstance(design, str) else None
    if code is None:
        raise ValueError(_("no reference specimen of family {design}; the families are {names}, and generated designs "
                           "are named by their codes (`docexam exercise designs` lists them)").format(
            design=repr(design), names=', '.join(FAMILIES)))
    name = design_folder(code)
    if cache is None:
        import platformdirs

        cache = Path(platformdirs.user_cache_dir("docexam")) / "references"
    folder = cache / name
    if not (folder / "specimen.json").exists():
        tmp = cache / f".{name}-{os.getpid()}-{threading.get_ident()}"
        write_reference(tmp, name if code.startswith("UTO-") else code)
        try:
            os.replace(tmp, folder)
        except OSError:  # another process rendered it meanwhile
            if not (folder / "specimen.json").exists():
                raise
    return folder


@dataclass
class CaseComparison:
    comparison: Comparison
    evidence: Any  # docexam.compare.mrz_viz.MRZEvidence
    reference: Reference
    stored: dict[str, Any] | None = None  # the comparison's finding row
    lights: list[str] = field(default_factory=list)


def compare_case(store: Store, case: int | str, reference: Reference, *, today: dt.date | None = None,
                 compare_viz: bool = True, record: bool = True, progress: Progress = _quiet,
                 cancel: CancelToken | None = None) -> CaseComparison:
    """Compare the newest capture of each light of ``case`` with ``reference`` (as ``docexam compare`` does) and
    store the result on those captures in one transaction.

    Raises
    ------
    ValueError
        The case has no capture in a light the reference has.
    docexam.compare.geometry.RegistrationError
        The document cannot be registered (nothing is stored).
    Cancelled
        ``cancel`` was set before the store was changed.
    """
    from docexam.compare.evidence import attach_evidence
    from docexam.compare.pipeline import compare
    from docexam.compare.reference import comparison_record
    from docexam.imageio import load_image_bytes

    cancel = cancel or CancelToken()
    shown = store.show(case)
    newest = {light: cap for light, cap in shown.newest_captures().items() if light in reference.images}
    if not newest:
        raise ValueError(_("case {reference} has no capture in a light the reference has ({names}); import the "
                           "questioned document's captures first").format(
            reference=shown.case.reference, names=', '.join(reference.images)))
    questioned = {}
    for i, (light, cap) in enumerate(newest.items()):
        cancel.check("the comparison")
        progress(0.05 + 0.15 * i / len(newest), f"loading the {light} capture")
        questioned[light] = load_image_bytes(store.blob(cap.sha256), name=cap.source_name or light, pages=1)[0].image
    cancel.check("the comparison")
    progress(0.25, f"registering and comparing {', '.join(questioned)} with the reference")
    comparison, evidence = compare(questioned, reference, today=today, compare_viz=compare_viz)
    cancel.check("the comparison")
    progress(0.85, "cropping the findings' evidence")
    attach_evidence(comparison, reference.images)
    result = CaseComparison(comparison, evidence, reference, lights=list(questioned))
    if record:
        progress(0.9, "storing the findings")
        summary = comparison_record(comparison, evidence, reference)
        result.stored = store.record_comparison(case, {}, summary, [f.to_dict() for f in comparison.findings],
                                                stored={light: cap.uid for light, cap in newest.items()},
                                                evidence=comparison.evidence_images)
    progress(1.0, f"{len(comparison.alarms)} alarm(s), {len(comparison.findings)} finding(s)")
    return result


# --------------------------------------------------------------------------------------------------------------
# A watched scanner folder


@dataclass
class FolderWatcher:
    """New image files in a scanner's output folder, each reported once, when it has stopped growing.

    Polled (the GUI calls :meth:`poll` from a timer): works the same on local disks and network shares, where
    change notifications are unreliable. Files present when watching starts are not reported.
    """

    folder: Path
    settle_s: float = 1.0
    _seen: set[str] = field(default_factory=set)
    _pending: dict[str, tuple[int, int, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        if not self.folder.is_dir():
            raise ValueError(_("{folder} is not a folder; choose the folder your scanner saves into").format(
                folder=self.folder))
        if not (self.settle_s >= 0):
            raise ValueError(f"settle_s must be at least 0 seconds, got {self.settle_s!r}")
        self._seen = {p.name for p in self._images()}

    def _images(self) -> Iterable[Path]:
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        return [Path(e.path) for e in entries
                if e.is_file() and Path(e.name).suffix.lower() in IMAGE_SUFFIXES and not e.name.startswith(".")]

    def poll(self, *, now: float | None = None) -> list[Path]:
        """Files that appeared since the last poll and whose size and modification time have not changed for
        :attr:`settle_s` seconds, oldest first."""
        now = time.monotonic() if now is None else now
        ready = []
        for p in self._images():
            if p.name in self._seen:
                continue
            try:
                st = p.stat()
            except OSError:
                continue
            sig = (st.st_size, st.st_mtime_ns)
            prev = self._pending.get(p.name)
            if prev is None or prev[:2] != sig:
                self._pending[p.name] = (*sig, now)
            elif st.st_size > 0 and now - prev[2] >= self.settle_s:
                ready.append((st.st_mtime_ns, p))
        for _mtime, p in sorted(ready):
            self._seen.add(p.name)
            self._pending.pop(p.name, None)
        return [p for _mtime, p in sorted(ready)]
