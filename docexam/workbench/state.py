"""The examiner's session (:class:`Workbench`): the store, the open case, the light on screen, the reference
specimen in use, the comparison and the selected finding, with the state objects the panes draw from (:mod:`~docexam.workbench.adjust`,
:mod:`~docexam.workbench.view`, :mod:`~docexam.workbench.comparison`, :mod:`~docexam.workbench.caseview`). Each
setter validates first (``ValueError`` with the allowed range), changes the value, and emits its signal only when
something changed, so widgets bound both ways do not loop."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
from psygnal import Signal, SignalGroup

from docexam.compare.reference import Reference
from docexam.compare.result import Comparison, Finding
from docexam.i18n import _
from docexam.lights import LIGHTS, Light
from docexam.workbench.adjust import Adjustment
from docexam.workbench.cases import changed_on
from docexam.workbench.caseview import CaseView, load_case
from docexam.workbench.comparison import CompareState
from docexam.workbench.signoff import Signoff
from docexam.workbench.view import ViewState

if TYPE_CHECKING:
    from docexam.store.store import CaseSummary, Store


class WorkbenchEvents(SignalGroup):
    """The workbench's signals, one per attribute, each emitting ``(new, old)`` as an evented field does
    (:mod:`docexam.workbench.events`). Opening or closing a case announces the case, the comparison, the selection,
    the light and the reference (none: a case starts without one), in that order, even those that did not change:
    every pane redraws from the case it is given."""

    case = Signal(object, object)  # CaseView | None
    light = Signal(str, str)
    comparison = Signal(object, object)  # Comparison | None
    selected = Signal(object, object)  # int | None
    reference = Signal(object, object)  # Reference | None


class Workbench:
    """The examiner's session: the store, the open case, the light on screen, the reference specimen in use, the
    comparison and the selected finding, and the view objects the panes draw from. Changes are announced on :attr:`events`
    (:class:`WorkbenchEvents`).

    When panes are locked (:attr:`CompareState.locked`), :attr:`reference_view` follows :attr:`view`.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.events = WorkbenchEvents()
        self.view = ViewState()
        self.reference_view = ViewState()
        self.adjust = Adjustment()
        self.compare = CompareState()
        self._case: CaseView | None = None
        self._light = Light.VISIBLE
        self._comparison: Comparison | None = None
        self._selected: int | None = None
        self._reference: Reference | None = None
        self._reference_source: str | None = None
        self._images: dict[str, np.ndarray] = {}
        #: Who is signed in and what they may do (docexam.workbench.signoff).
        self.signoff = Signoff(store)
        self.view.events.connect(self._follow)
        self.compare.events.locked.connect(self._follow)

    # --- reading the state --------------------------------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self._case

    @property
    def light(self) -> str:
        return self._light

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def findings(self) -> list[Finding]:
        """The current comparison's findings, or the stored ones of the open case, highest score first: in the
        reference frame for a light shown through its stored registration (:meth:`rectified`), else on the capture."""
        if self._comparison is not None:
            return list(self._comparison.findings)
        if self._case is None:
            return []
        case = self._case
        if len(case.reference_findings) != len(case.findings):
            return list(case.findings)
        return [ref if self._registered(ref.light) else cap for cap, ref in zip(case.findings, case.reference_findings)]

    @property
    def selected(self) -> int | None:
        return self._selected

    @property
    def reference(self) -> Reference | None:
        """The reference specimen the open case is compared with, or None until one is loaded or chosen."""
        return self._reference

    @property
    def reference_source(self) -> str | None:
        """Where :attr:`reference` came from, in the examiner's words: ``"TD3 specimen"`` or the folder chosen."""
        return self._reference_source

    @property
    def can_compare(self) -> bool:
        """Whether the open case has captures and a reference specimen to compare them with."""
        return self._case is not None and bool(self._case.captures) and self._reference is not None

    def needed_reference_design(self) -> str | None:
        """The design of the bundled reference specimen to load for the open case
        (:func:`docexam.workbench.tasks.reference_design`: the one the answer key beside its captures names, else
        Utopia's design of its MRZ reading's family), while no reference is in use (None with a reference, without a
        case, or when nothing names a design docexam has a specimen of)."""
        if self._case is None or self._reference is not None:
            return None
        from docexam.workbench.tasks import reference_design

        return reference_design(self._case.reading)

    def needed_reference_family(self) -> str | None:
        """The family of :meth:`needed_reference_design` (``"td3"``)."""
        design = self.needed_reference_design()
        if design is None:
            return None
        from docexam.specimens.designs import parse_code

        return parse_code(design)[1].value

    def todays_cases(self, today: dt.date | None = None) -> list[CaseSummary]:
        """The cases changed on ``today`` (default: the computer's date), in local time, most recently changed first:
        what a checkpoint carries to the centre at the end of its day."""
        return changed_on(self.store, today or dt.date.today())

    def _follow(self) -> None:
        if self.compare.locked:
            self.reference_view.set_viewport(*self.view.viewport)
            self.reference_view.set_view(self.view.zoom, self.view.centre)

    # --- the case -----------------------------------------------------------------------------------------------

    def _need_case(self) -> CaseView:
        if self._case is None:
            raise ValueError(_("no case is open: open or create one first"))
        return self._case

    def open_case(self, ident: int | str) -> CaseView:
        """Open case ``ident`` (id or reference): its captures, MRZ reading and stored findings."""
        view = load_case(self.store, ident)
        old = self._case, self._comparison, self._selected, self._light, self._reference
        self._case, self._comparison, self._selected, self._images = view, None, None, {}
        self._reference = self._reference_source = None
        lights = view.lights
        self._light = self._light if self._light in lights or not lights else lights[0]
        self.events.case.emit(view, old[0])
        self.events.comparison.emit(None, old[1])
        self.events.selected.emit(None, old[2])
        self.events.light.emit(self._light, old[3])
        self.events.reference.emit(None, old[4])
        return view

    def new_case(self, title: str, *, notes: str = "") -> CaseView:
        """Create a case and open it."""
        summary = self.store.create_case(title, notes=notes)
        return self.open_case(summary.id)

    def close_case(self) -> None:
        old = self._case, self._comparison, self._selected, self._reference
        self._case, self._comparison, self._selected, self._images = None, None, None, {}
        self._reference = self._reference_source = None
        self.events.case.emit(None, old[0])
        self.events.comparison.emit(None, old[1])
        self.events.selected.emit(None, old[2])
        self.events.reference.emit(None, old[3])

    def refresh(self) -> CaseView:
        """Read the open case again (after a change made elsewhere: a worker thread, the command line)."""
        case = self._need_case()
        comparison, selected = self._comparison, self._selected
        view = load_case(self.store, case.summary.id)
        self._case = view
        shas = {c.sha256 for c in view.captures}
        self._images = {k: v for k, v in self._images.items() if k.removeprefix("rectified:").split(":")[0] in shas}
        self.events.case.emit(view, case)
        self._comparison, self._selected = comparison, selected
        return view

    def set_light(self, light: str) -> None:
        """Show ``light``; it must be one of the open case's lights (or a standard light before any capture)."""
        allowed = self._case.lights if self._case and self._case.lights else list(LIGHTS)
        if light not in allowed:
            raise ValueError(_("no {light} capture in this case; the lights here are {names}").format(
                light=repr(light), names=', '.join(allowed)))
        if light != self._light:
            old, self._light = self._light, light
            self.events.light.emit(light, old)

    def show_imported(self, light: str) -> bool:
        """After a capture in ``light`` was imported (and :meth:`refresh`): show visible light when that capture is
        visible, or when the light on screen has no capture; else keep the light the examiner chose. An examination
        starts in visible light, whatever order the workers finish a set of imports in. True when the image on
        screen changed (to be fitted)."""
        case = self._need_case()
        lights = case.lights
        if light not in lights:
            raise ValueError(_("no {light} capture in this case; the lights here are {names}").format(
                light=repr(light), names=', '.join(lights)))
        before = self._light
        if light == Light.VISIBLE or before not in lights:
            self.set_light(Light.VISIBLE if Light.VISIBLE in lights else light)
        return self._light != before or self._light == light

    def image(self, light: str | None = None) -> np.ndarray | None:
        """The newest capture in ``light`` (default: the current light) as uint8 RGB, or None if there is none.
        Decoded once per capture."""
        from docexam.imageio import load_image_bytes

        case = self._need_case()
        cap = case.latest(light or self._light)
        if cap is None:
            return None
        if cap.sha256 not in self._images:
            page = load_image_bytes(self.store.blob(cap.sha256), name=cap.filename or cap.sha256[:12], pages=1)[0]
            self._images[cap.sha256] = page.image
        return self._images[cap.sha256]

    def rectified(self, light: str | None = None) -> np.ndarray | None:
        """The questioned image of ``light`` in the reference frame: the comparison's, or for a reopened case, the
        newest capture warped with the registration its last comparison stored, once a reference specimen with
        that light is in use (so side by side shows both in one frame and the stored findings outline on both)."""
        light = light or self._light
        if self._comparison is not None:
            return self._comparison.rectified.get(light)
        if not self._registered(light):
            return None
        case, reference = self._need_case(), self._reference
        assert reference is not None
        cap = case.latest(light)
        assert cap is not None
        shape = reference.images[light].shape
        h = np.asarray(case.registrations[light], dtype=float)
        key = f"rectified:{cap.sha256}:{light}:{shape[0]}x{shape[1]}:{hash(h.tobytes())}"
        if key not in self._images:
            from docexam.compare.geometry import warp_to_reference
            from docexam.compare.result import Alignment

            image = self.image(light)
            if image is None:
                return None
            self._images[key] = warp_to_reference(image, Alignment(light, h, 0.0, 0, "stored"), shape)
        return self._images[key]

    def _registered(self, light: str) -> bool:
        """Whether ``light`` can be shown through a stored registration: a reopened case (no comparison in memory)
        whose last comparison registered it, a capture in it, and a reference specimen in use with that light."""
        case, reference = self._case, self._reference
        return (self._comparison is None and case is not None and reference is not None and light in reference.images
                and light in case.registrations and case.latest(light) is not None)

    def heatmap(self, light: str | None = None) -> np.ndarray | None:
        if self._comparison is None:
            return None
        return self._comparison.heatmaps.get(light or self._light)

    # --- changing it (each change is one store transaction with its audit entry) --------------------------------

    def set_verdict(self, verdict: str, *, note: str | None = None, fraud_type: str | None = None,
                    confidence: str | None = None) -> CaseView:
        """Record the open case's conclusion: the verdict, its reason, the fraud type and the examiner's confidence
        (None: not stated; docexam.store.review checks them against the verdict)."""
        case = self._need_case()
        self.store.set_verdict(case.summary.id, verdict, note=note, fraud_type=fraud_type, confidence=confidence)
        return self.refresh()

    def submit_for_review(self) -> CaseView:
        """Submit the open case's conclusion for technical review (docexam.store.review.submit)."""
        from docexam.store import review

        review.submit(self.store, self._need_case().summary.id)
        return self.refresh()

    def review_case(self, *, agree: bool, comment: str | None = None) -> CaseView:
        """Agree with the open case's submitted conclusion, or return it with ``comment`` (required then)."""
        from docexam.store import review

        review.review(self.store, self._need_case().summary.id, agree=agree, comment=comment)
        return self.refresh()

    def issue(self) -> CaseView:
        """Issue the open case, whose review agreed: its report is final from then on."""
        from docexam.store import review

        review.issue(self.store, self._need_case().summary.id)
        return self.refresh()

    def withdraw_verdict(self, reason: str) -> CaseView:
        """Withdraw the open case's verdict, saying why; the case is reopened."""
        case = self._need_case()
        self.store.withdraw_verdict(case.summary.id, reason=reason)
        return self.refresh()

    def add_note(self, text: str) -> CaseView:
        case = self._need_case()
        if not text or not text.strip():
            raise ValueError(_("a note needs some text"))
        self.store.add_note(case.summary.id, text.strip())
        return self.refresh()

    def set_reference(self, reference: Reference | None, source: str | None = None) -> None:
        """Compare the open case with ``reference`` (None: with none); ``source`` says where it came from."""
        if reference is not None and not isinstance(reference, Reference):
            raise ValueError(f"reference must be a docexam.compare.reference.Reference, got {type(reference).__name__}")
        if reference is not None and not (isinstance(source, str) and source.strip()):
            raise ValueError(_("say where the reference came from (a specimen family or a folder)"))
        old = self._reference
        self._reference, self._reference_source = reference, source if reference is not None else None
        if reference is not old:
            self.events.reference.emit(reference, old)

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show a comparison's rectified images, heat maps and findings (as a worker produced it)."""
        if comparison is not None and not isinstance(comparison, Comparison):
            raise ValueError(f"comparison must be a docexam.compare.result.Comparison, got {type(comparison).__name__}")
        old = self._comparison, self._selected
        self._comparison, self._selected = comparison, None
        self.events.comparison.emit(comparison, old[0])
        self.events.selected.emit(None, old[1])

    def select_finding(self, index: int | None) -> None:
        """Select finding ``index`` of :attr:`findings` (None: no selection), show its light, and zoom to it."""
        if index is None:
            if self._selected is not None:
                old, self._selected = self._selected, None
                self.events.selected.emit(None, old)
            return
        found = self.findings
        if not isinstance(index, int) or not 0 <= index < len(found):
            raise ValueError(_("there is no finding {index}; there are {count}").format(
                index=repr(index), count=len(found)))
        f = found[index]
        if self._case is not None and f.light in (self._case.lights or LIGHTS) and f.light != self._light:
            old_light, self._light = self._light, f.light
            self.events.light.emit(f.light, old_light)
        old, self._selected = self._selected, index
        self.view.show_box(f.bbox)
        self.events.selected.emit(index, old)
