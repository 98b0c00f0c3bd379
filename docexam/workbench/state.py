"""The workstation's state objects. Each setter validates first (``ValueError`` with the allowed range), changes
the value, and emits its signal only when something changed, so widgets bound both ways do not loop."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from psygnal import Signal

from docexam.compare.result import LIGHTS, Box, Comparison, Finding, FindingKind, finding_quad

if TYPE_CHECKING:
    from docexam.store.store import CaseSummary, Store

# --------------------------------------------------------------------------------------------------------------
# Image adjustments


class Channel(StrEnum):
    """Which channel of a capture the viewer shows: all of them, one as grey, or their mean."""

    ALL = "all"
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"


BRIGHTNESS_RANGE = (-1.0, 1.0)
CONTRAST_RANGE = (0.1, 10.0)
GAMMA_RANGE = (0.1, 10.0)


def _in_range(name: str, value: float, lo: float, hi: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number from {lo:g} to {hi:g}, got {value!r}") from None
    if not (math.isfinite(v) and lo <= v <= hi):
        raise ValueError(f"{name} must be from {lo:g} to {hi:g}, got {value!r}")
    return v


class Adjustment:
    """Brightness, contrast, gamma and channel of the viewer, the same for every light of a document.

    ``out = ((in / 255) ** (1 / gamma) - 0.5) * contrast + 0.5 + brightness``, clipped: gamma above 1 lifts the
    shadows (faint UV fluorescence), contrast turns about mid-grey, brightness shifts by a share of the range.
    """

    changed = Signal()

    def __init__(self) -> None:
        self._brightness, self._contrast, self._gamma, self._channel = 0.0, 1.0, 1.0, Channel.ALL

    @property
    def brightness(self) -> float:
        return self._brightness

    @property
    def contrast(self) -> float:
        return self._contrast

    @property
    def gamma(self) -> float:
        return self._gamma

    @property
    def channel(self) -> Channel:
        return self._channel

    @property
    def is_identity(self) -> bool:
        return (self._brightness, self._contrast, self._gamma, self._channel) == (0.0, 1.0, 1.0, Channel.ALL)

    def set(self, *, brightness: float | None = None, contrast: float | None = None, gamma: float | None = None,
            channel: Channel | str | None = None) -> None:
        """Change any of the four; all are checked before any changes."""
        new = [self._brightness, self._contrast, self._gamma, self._channel]
        if brightness is not None:
            new[0] = _in_range("brightness", brightness, *BRIGHTNESS_RANGE)
        if contrast is not None:
            new[1] = _in_range("contrast", contrast, *CONTRAST_RANGE)
        if gamma is not None:
            new[2] = _in_range("gamma", gamma, *GAMMA_RANGE)
        if channel is not None:
            try:
                new[3] = Channel(channel)
            except ValueError:
                raise ValueError(f"channel must be one of {', '.join(c.value for c in Channel)}, got {channel!r}") from None
        if tuple(new) != (self._brightness, self._contrast, self._gamma, self._channel):
            self._brightness, self._contrast, self._gamma, self._channel = new
            self.changed.emit()

    def reset(self) -> None:
        self.set(brightness=0.0, contrast=1.0, gamma=1.0, channel=Channel.ALL)

    def lut(self) -> np.ndarray:
        """The 256-entry uint8 look-up table of brightness, contrast and gamma."""
        x = np.arange(256, dtype=np.float64) / 255.0
        y = (x ** (1.0 / self._gamma) - 0.5) * self._contrast + 0.5 + self._brightness
        return np.clip(np.round(y * 255.0), 0, 255).astype(np.uint8)

    def apply(self, image: np.ndarray) -> np.ndarray:
        """``image`` (uint8, (H, W) or (H, W, 3) RGB) as the viewer shows it: (H, W, 3) RGB, or (H, W) for a
        single channel or grey."""
        if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
            raise ValueError(f"image must be a uint8 numpy array, got {getattr(image, 'dtype', type(image).__name__)}")
        if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3) or image.size == 0:
            raise ValueError(f"image must be (H, W) grey or (H, W, 3) RGB, got shape {image.shape}")
        if image.ndim == 3 and self._channel is not Channel.ALL:
            if self._channel is Channel.GREY:
                image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)  # luma (ITU-R BT.601), as a grey scan
            else:
                image = np.ascontiguousarray(image[..., ("red", "green", "blue").index(self._channel.value)])
        if self.is_identity or (self._brightness, self._contrast, self._gamma) == (0.0, 1.0, 1.0):
            return image
        return cv2.LUT(image, self.lut())  # 8x faster than numpy's fancy indexing on a 300 dpi page


# --------------------------------------------------------------------------------------------------------------
# The view: zoom and pan

MIN_ZOOM = 1.0 / 64.0
MAX_ZOOM = 32.0


class ViewState:
    """Zoom (screen pixels per image pixel) and the image point at the viewport's centre.

    The viewport's size (screen pixels) is set by whoever draws it; :meth:`fit` and :meth:`show_box` use it. A fit
    holds until the examiner zooms or pans: a resized viewport (a window resized, a dock closed, one pane becoming
    two) is fitted again.
    """

    changed = Signal()

    def __init__(self) -> None:
        self._zoom = 1.0
        self._centre = (0.0, 0.0)
        self._viewport = (640, 480)
        self._fitted: tuple[int, int] | None = None  # the image size of the fit in force, if any

    @property
    def fitted(self) -> bool:
        """Whether the view is the fit of the whole image (and follows the viewport's size)."""
        return self._fitted is not None

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def centre(self) -> tuple[float, float]:
        return self._centre

    @property
    def viewport(self) -> tuple[int, int]:
        return self._viewport

    def set_viewport(self, width: int, height: int) -> None:
        if not (isinstance(width, int | np.integer) and isinstance(height, int | np.integer) and width > 0 and height > 0):
            raise ValueError(f"the viewport must be a positive width and height in pixels, got {width!r} x {height!r}")
        if (int(width), int(height)) == self._viewport:
            return
        self._viewport = (int(width), int(height))
        if self._fitted is not None:
            self.fit(self._fitted)

    def _set(self, zoom: float, centre: tuple[float, float], *, fitted: tuple[int, int] | None = None) -> None:
        self._fitted = fitted
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        centre = (float(centre[0]), float(centre[1]))
        if (zoom, centre) != (self._zoom, self._centre):
            self._zoom, self._centre = zoom, centre
            self.changed.emit()

    def set_view(self, zoom: float, centre: tuple[float, float]) -> None:
        """Both at once (one signal): how locked panes follow each other."""
        _in_range("zoom", zoom, MIN_ZOOM, MAX_ZOOM)
        if len(centre) != 2 or not all(math.isfinite(float(c)) for c in centre):
            raise ValueError(f"centre must be an (x, y) point in image pixels, got {centre!r}")
        self._set(float(zoom), (float(centre[0]), float(centre[1])))

    def zoom_by(self, factor: float, *, anchor: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor`` keeping the image point ``anchor`` (default: the centre) where it is on screen, as a
        mouse wheel zooms about the pointer. The zoom stops at :data:`MIN_ZOOM` and :data:`MAX_ZOOM`."""
        if not (isinstance(factor, int | float) and math.isfinite(factor) and factor > 0):
            raise ValueError(f"factor must be a positive number, got {factor!r}")
        new = min(max(self._zoom * factor, MIN_ZOOM), MAX_ZOOM)
        if anchor is None:
            self._set(new, self._centre)
            return
        ax, ay = anchor
        k = self._zoom / new
        self._set(new, (ax + (self._centre[0] - ax) * k, ay + (self._centre[1] - ay) * k))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the image by ``(dx, dy)`` screen pixels, as a drag does."""
        self._set(self._zoom, (self._centre[0] - dx / self._zoom, self._centre[1] - dy / self._zoom))

    def one_to_one(self) -> None:
        """One image pixel per screen pixel, about the same centre."""
        self._set(1.0, self._centre)

    def fit(self, image_size: tuple[int, int]) -> None:
        """The whole image (``(width, height)``) in the viewport, centred."""
        w, h = image_size
        if w <= 0 or h <= 0:
            raise ValueError(f"image_size must be a positive (width, height), got {image_size!r}")
        vw, vh = self._viewport
        self._set(min(vw / w, vh / h) * 0.98, (w / 2.0, h / 2.0), fitted=(w, h))

    def show_box(self, box: Box, *, margin: float = 0.5) -> None:
        """Centre on ``box`` (``(x, y, w, h)`` image pixels) and zoom so it fills the viewport with ``margin`` of
        its size around it (no closer than 8 screen pixels per image pixel): how selecting a finding shows it."""
        x, y, w, h = box
        if w <= 0 or h <= 0:
            raise ValueError(f"box must have a positive width and height, got {box!r}")
        vw, vh = self._viewport
        zoom = min(vw / (w * (1 + 2 * margin)), vh / (h * (1 + 2 * margin)), 8.0)
        self._set(zoom, (x + w / 2.0, y + h / 2.0))

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        vw, vh = self._viewport
        return (x - self._centre[0]) * self._zoom + vw / 2.0, (y - self._centre[1]) * self._zoom + vh / 2.0

    def to_image(self, sx: float, sy: float) -> tuple[float, float]:
        vw, vh = self._viewport
        return (sx - vw / 2.0) / self._zoom + self._centre[0], (sy - vh / 2.0) / self._zoom + self._centre[1]


def mm_per_pixel(dpi: float) -> float:
    """Millimetres per image pixel at ``dpi`` (for the ruler)."""
    if not (math.isfinite(dpi) and dpi > 0):
        raise ValueError(f"dpi must be positive, got {dpi!r}")
    return 25.4 / dpi


# --------------------------------------------------------------------------------------------------------------
# Comparison modes


class CompareMode(StrEnum):
    """How the questioned image is set against the reference."""

    SINGLE = "single"  # the questioned image alone
    SIDE_BY_SIDE = "side_by_side"  # two panes, zoom and pan locked (unless unlocked)
    OVERLAY = "overlay"  # the questioned image over the reference at an opacity
    SWIPE = "swipe"  # reference left of a slider, questioned right
    FLICKER = "flicker"  # alternating at a rate
    HEATMAP = "heatmap"  # the difference map over the questioned image


FLICKER_RANGE = (0.5, 20.0)


class CompareState:
    """Mode, overlay opacity, swipe position, flicker rate, locked panes, findings shown. ``changed`` carries the
    name of what changed."""

    changed = Signal(str)

    def __init__(self) -> None:
        self._mode = CompareMode.SINGLE
        self._opacity = 0.5
        self._swipe = 0.5
        self._flicker_hz = 2.0
        self._locked = True
        self._show_findings = True

    mode = property(lambda self: self._mode)
    opacity = property(lambda self: self._opacity)
    swipe = property(lambda self: self._swipe)
    flicker_hz = property(lambda self: self._flicker_hz)
    locked = property(lambda self: self._locked)
    show_findings = property(lambda self: self._show_findings)

    @property
    def flicker_interval_ms(self) -> int:
        """Milliseconds each image stays up when flickering."""
        return max(1, round(500.0 / self._flicker_hz))

    def _put(self, name: str, value: Any) -> None:
        if getattr(self, "_" + name) != value:
            setattr(self, "_" + name, value)
            self.changed.emit(name)

    def set_mode(self, mode: CompareMode | str) -> None:
        try:
            self._put("mode", CompareMode(mode))
        except ValueError:
            raise ValueError(f"mode must be one of {', '.join(m.value for m in CompareMode)}, got {mode!r}") from None

    def set_opacity(self, value: float) -> None:
        self._put("opacity", _in_range("opacity", value, 0.0, 1.0))

    def set_swipe(self, value: float) -> None:
        self._put("swipe", _in_range("swipe position", value, 0.0, 1.0))

    def set_flicker_hz(self, value: float) -> None:
        self._put("flicker_hz", _in_range("flicker rate (Hz)", value, *FLICKER_RANGE))

    def set_locked(self, value: bool) -> None:
        self._put("locked", bool(value))

    def set_show_findings(self, value: bool) -> None:
        self._put("show_findings", bool(value))


# --------------------------------------------------------------------------------------------------------------
# The open case


@dataclass(frozen=True)
class CaptureInfo:
    """One stored capture of the open case (its bytes stay in the store until shown)."""

    uid: str
    light: str
    sha256: str
    filename: str
    width: int = 0
    height: int = 0
    dpi: float | None = None
    document_uid: str | None = None


def finding_from_record(row: dict[str, Any]) -> Finding | None:
    """A stored comparison finding (a ``findings`` row of :meth:`Store.show`) as a :class:`Finding`, or None for
    findings of other kinds (an MRZ reading, the comparison's own summary, an examiner's note)."""
    try:
        kind = FindingKind(row["kind"])
    except ValueError:
        return None
    detail = row.get("detail") or {}
    box = row.get("region") or detail.get("bbox")
    if not box or len(box) != 4 or row.get("light") not in LIGHTS:
        return None
    return Finding(kind=kind, light=row["light"], bbox=tuple(int(v) for v in box), score=float(row.get("score") or 0.0),
                   region=detail.get("region"), detail=str(detail.get("detail", "")))


def on_capture(finding: Finding, homography: Any) -> Finding:
    """``finding`` (a box in reference-specimen pixels, as stored) moved onto the capture it was found on: the box
    around its corners through the inverse of the light's registration ``homography`` (capture to reference). A
    reopened case shows its raw captures, not the rectified images of a comparison no longer in memory. Without a
    usable homography the finding is returned as it is."""
    if homography is None:
        return finding
    try:
        quad = finding_quad(finding.bbox, homography)
    except ValueError:
        return finding
    x0, y0 = np.floor(quad.min(axis=0))
    x1, y1 = np.ceil(quad.max(axis=0))
    return dataclasses.replace(finding, bbox=(int(x0), int(y0), int(x1 - x0), int(y1 - y0)))


@dataclass
class CaseView:
    """What the workstation shows of the open case, read from the store in one go."""

    summary: CaseSummary
    documents: list[dict[str, Any]] = field(default_factory=list)
    captures: list[CaptureInfo] = field(default_factory=list)
    reading: dict[str, Any] | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)

    def latest(self, light: str) -> CaptureInfo | None:
        """The newest capture in ``light``."""
        for cap in reversed(self.captures):
            if cap.light == light:
                return cap
        return None

    @property
    def lights(self) -> list[str]:
        """The lights with a capture, in examination order (visible, UV, IR, then others)."""
        seen = {c.light for c in self.captures}
        return [x for x in LIGHTS if x in seen] + sorted(seen - set(LIGHTS))


def load_case(store: Store, ident: int | str) -> CaseView:
    """The open-case view of case ``ident`` (one read of the store; images are not loaded)."""
    data = store.show(ident)
    summary = store.case(data["case"]["id"])
    docs_by_id = {d["id"]: d for d in data["documents"]}
    caps = [CaptureInfo(c["uid"], c["light"], c["sha256"], c.get("source_name") or "", c.get("width") or 0,
                        c.get("height") or 0, c.get("dpi"), docs_by_id.get(c.get("document_id"), {}).get("uid"))
            for c in data["captures"]]
    reading = None
    findings: list[Finding] = []
    last_comparison, aligned = None, {}
    for row in data["findings"]:
        if row["kind"] == "mrz":
            reading = row["detail"]
        elif row["kind"] == "comparison":
            last_comparison = row["uid"]
            aligned = (row.get("detail") or {}).get("aligned") or {}
    for row in data["findings"]:
        detail = row.get("detail") or {}
        if last_comparison is None or detail.get("comparison") == last_comparison:
            f = finding_from_record(row)
            if f is not None:
                findings.append(on_capture(f, (aligned.get(f.light) or {}).get("homography")))
    findings.sort(key=lambda f: -f.score)
    notes = [line for line in (data["case"].get("notes") or "").splitlines() if line.strip()]
    return CaseView(summary, data["documents"], caps, reading, findings, notes, data["audit"])


class Workbench:
    """The examiner's session: the store, the open case, the light on screen, the comparison and the selected
    finding, and the view objects the panes draw from.

    When panes are locked (:attr:`CompareState.locked`), :attr:`reference_view` follows :attr:`view`.
    """

    case_changed = Signal(object)  # CaseView | None
    light_changed = Signal(str)
    comparison_changed = Signal(object)  # Comparison | None
    selection_changed = Signal(object)  # int | None

    def __init__(self, store: Store) -> None:
        self.store = store
        self.view = ViewState()
        self.reference_view = ViewState()
        self.adjust = Adjustment()
        self.compare = CompareState()
        self._case: CaseView | None = None
        self._light = "visible"
        self._comparison: Comparison | None = None
        self._selected: int | None = None
        self._images: dict[str, np.ndarray] = {}
        self.view.changed.connect(self._follow)
        self.compare.changed.connect(lambda name: self._follow() if name == "locked" else None)

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
        """The current comparison's findings, or the stored ones of the open case, highest score first."""
        if self._comparison is not None:
            return list(self._comparison.findings)
        return list(self._case.findings) if self._case else []

    @property
    def selected(self) -> int | None:
        return self._selected

    def _follow(self) -> None:
        if self.compare.locked:
            self.reference_view.set_viewport(*self.view.viewport)
            self.reference_view.set_view(self.view.zoom, self.view.centre)

    # --- the case -----------------------------------------------------------------------------------------------

    def _need_case(self) -> CaseView:
        if self._case is None:
            raise ValueError("no case is open: open or create one first")
        return self._case

    def open_case(self, ident: int | str) -> CaseView:
        """Open case ``ident`` (id or reference): its captures, MRZ reading and stored findings."""
        view = load_case(self.store, ident)
        self._case, self._comparison, self._selected, self._images = view, None, None, {}
        lights = view.lights
        self._light = self._light if self._light in lights or not lights else lights[0]
        self.case_changed.emit(view)
        self.comparison_changed.emit(None)
        self.selection_changed.emit(None)
        self.light_changed.emit(self._light)
        return view

    def new_case(self, title: str, *, notes: str = "") -> CaseView:
        """Create a case and open it."""
        summary = self.store.create_case(title, notes=notes)
        return self.open_case(summary.id)

    def close_case(self) -> None:
        self._case, self._comparison, self._selected, self._images = None, None, None, {}
        self.case_changed.emit(None)
        self.comparison_changed.emit(None)
        self.selection_changed.emit(None)

    def refresh(self) -> CaseView:
        """Read the open case again (after a change made elsewhere: a worker thread, the command line)."""
        case = self._need_case()
        comparison, selected = self._comparison, self._selected
        view = load_case(self.store, case.summary.id)
        self._case = view
        self._images = {k: v for k, v in self._images.items() if k in {c.sha256 for c in view.captures}}
        self.case_changed.emit(view)
        self._comparison, self._selected = comparison, selected
        return view

    def set_light(self, light: str) -> None:
        """Show ``light``; it must be one of the open case's lights (or a standard light before any capture)."""
        allowed = self._case.lights if self._case and self._case.lights else list(LIGHTS)
        if light not in allowed:
            raise ValueError(f"no {light!r} capture in this case; the lights here are {', '.join(allowed)}")
        if light != self._light:
            self._light = light
            self.light_changed.emit(light)

    def image(self, light: str | None = None) -> np.ndarray | None:
        """The newest capture in ``light`` (default: the current light) as uint8 RGB, or None if there is none.
        Decoded once per capture."""
        from docexam.imageio import load_image_bytes

        case = self._need_case()
        cap = case.latest(light or self._light)
        if cap is None:
            return None
        if cap.sha256 not in self._images:
            page = load_image_bytes(self.store.blob(cap.sha256), name=cap.filename or cap.sha256[:12])[0]
            self._images[cap.sha256] = page.image
        return self._images[cap.sha256]

    def rectified(self, light: str | None = None) -> np.ndarray | None:
        """The questioned image of ``light`` in the reference frame, once compared."""
        if self._comparison is None:
            return None
        return self._comparison.rectified.get(light or self._light)

    def heatmap(self, light: str | None = None) -> np.ndarray | None:
        if self._comparison is None:
            return None
        return self._comparison.heatmaps.get(light or self._light)

    # --- changing it (each change is one store transaction with its audit entry) --------------------------------

    def set_verdict(self, verdict: str, *, note: str | None = None) -> CaseView:
        case = self._need_case()
        self.store.set_verdict(case.summary.id, verdict, note=note)
        return self.refresh()

    def add_note(self, text: str) -> CaseView:
        case = self._need_case()
        if not text or not text.strip():
            raise ValueError("a note needs some text")
        self.store.add_note(case.summary.id, text.strip())
        return self.refresh()

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show a comparison's rectified images, heat maps and findings (as a worker produced it)."""
        if comparison is not None and not isinstance(comparison, Comparison):
            raise ValueError(f"comparison must be a docexam.compare.result.Comparison, got {type(comparison).__name__}")
        self._comparison, self._selected = comparison, None
        self.comparison_changed.emit(comparison)
        self.selection_changed.emit(None)

    def select_finding(self, index: int | None) -> None:
        """Select finding ``index`` of :attr:`findings` (None: no selection), show its light, and zoom to it."""
        if index is None:
            if self._selected is not None:
                self._selected = None
                self.selection_changed.emit(None)
            return
        found = self.findings
        if not isinstance(index, int) or not 0 <= index < len(found):
            raise ValueError(f"there is no finding {index!r}; there are {len(found)}")
        f = found[index]
        if self._case is not None and f.light in (self._case.lights or LIGHTS) and f.light != self._light:
            self._light = f.light
            self.light_changed.emit(f.light)
        self._selected = index
        self.view.show_box(f.bbox)
        self.selection_changed.emit(index)
