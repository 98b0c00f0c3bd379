"""The image canvas: one capture drawn through the :class:`~docexam.workbench.Adjustment` at the zoom and centre of a
:class:`~docexam.workbench.ViewState`, with a loupe, a ruler in millimetres and the findings' boxes.

The canvas holds no view of its own: the wheel, drags and keys call the view's methods, and the canvas redraws when
the view says it changed. Painting never converts the image: the adjusted QImage is built once (again only when
the image or the adjustment changes), with halved copies for zooming out, so a paint draws at most about twice the
pixels it shows.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from docexam.compare import result
from docexam.compare.result import Finding
from docexam.gui.qimage import to_display_qimage
from docexam.workbench.adjust import Adjustment
from docexam.workbench.view import ViewState, mm_per_pixel

#: Above this zoom (screen pixels per image pixel) image pixels are drawn as squares: an examiner must see the
#: scanner's pixels, not an interpolation of them. Below it, smooth sampling.
NEAREST_ABOVE = 2.0
#: One wheel notch, and one ``+``/``-`` key press, zooms by this factor.
ZOOM_STEP = 1.25
#: An arrow key moves the image by this many screen pixels.
ARROW_STEP = 60
#: The loupe magnifies this many times the canvas's zoom, in a circle of this radius (screen pixels).
LOUPE_FACTOR = 4.0
LOUPE_RADIUS = 90
#: The scale bar is the longest of these lengths (mm) that fits in this many screen pixels.
SCALE_BAR_MM = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)
SCALE_BAR_MAX_PX = 160

BACKGROUND = QColor(48, 48, 48)
ALARM_COLOUR = QColor(*result.ALARM_COLOUR)  # findings scoring at or above docexam.compare.result.ALARM
NOTE_COLOUR = QColor(*result.NOTE_COLOUR)  # findings below it
RULER_COLOUR = QColor(0, 230, 255)
TEXT_COLOUR = QColor(235, 235, 235)
LABEL_BACKGROUND = QColor(0, 0, 0, 170)


def listen(widget: QWidget, signal: Any, slot: Callable[..., Any]) -> None:
    """Connect a psygnal ``signal`` of the Qt-free state to ``slot``, a method of ``widget``, for as long as the
    widget's C++ object lives.

    The state usually outlives its widgets; a Qt object deleted behind its Python wrapper must not be called (its
    methods raise), and the state must not keep a closed widget alive. So the relay holds the method weakly and
    disconnects itself once the widget is gone.
    """
    method = weakref.WeakMethod(slot)

    def relay(*args: Any) -> None:
        bound = method()
        if bound is None or not shiboken6.isValid(bound.__self__):
            signal.disconnect(relay)
            return
        bound(*args)

    signal.connect(relay)


def check_image(image: np.ndarray | None, what: str = "image") -> np.ndarray | None:
    """``image`` if it is None or a uint8 (H, W) grey or (H, W, 3) RGB array (checked when set, not when painted,
    so that a wrong array raises where it was given)."""
    if image is None:
        return None
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError(f"{what} must be a uint8 numpy array, got {getattr(image, 'dtype', type(image).__name__)}")
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3) or image.size == 0:
        raise ValueError(f"{what} must be (H, W) grey or (H, W, 3) RGB, got shape {image.shape}")
    return image


def _transform(zoom: float, anchor_image: tuple[float, float], anchor_screen: tuple[float, float]) -> QTransform:
    """The painter transform from image pixels to screen pixels placing ``anchor_image`` at ``anchor_screen``."""
    return QTransform(zoom, 0.0, 0.0, zoom, anchor_screen[0] - anchor_image[0] * zoom,
                      anchor_screen[1] - anchor_image[1] * zoom)


class ImageLayer:
    """One image as a canvas draws it: converted once to a QImage by ``convert`` (e.g. the adjustment, then the
    display format), with a pyramid of halved copies built as zooming out needs them.

    ``set_image`` with the same array object keeps the conversion; :meth:`invalidate` drops it (the adjustment
    changed).
    """

    def __init__(self, convert: Callable[[np.ndarray], QImage] = to_display_qimage) -> None:
        self._convert = convert
        self._image: np.ndarray | None = None
        self._levels: list[QImage] = []

    @property
    def image(self) -> np.ndarray | None:
        return self._image

    @property
    def size(self) -> tuple[int, int] | None:
        """``(width, height)`` in image pixels, or None without an image."""
        return None if self._image is None else (int(self._image.shape[1]), int(self._image.shape[0]))

    def set_image(self, image: np.ndarray | None) -> bool:
        """Show ``image`` (None: nothing); True when it is a different array from before."""
        if image is self._image:
            return False
        if image is not None and (not isinstance(image, np.ndarray) or image.ndim not in (2, 3) or image.size == 0):
            raise ValueError(f"image must be a non-empty (H, W) or (H, W, C) numpy array, got "
                             f"{getattr(image, 'shape', type(image).__name__)}")
        self._image, self._levels = image, []
        return True

    def invalidate(self) -> None:
        self._levels = []

    def level(self, zoom: float) -> QImage:
        """The smallest pyramid level with at least ``zoom`` of the image's resolution (the full image from 1 up)."""
        if self._image is None:
            raise ValueError("the layer has no image")
        if not self._levels:
            self._levels = [self._convert(self._image)]
        width = self._levels[0].width()
        i = 0
        while True:
            cur = self._levels[i]
            nw, nh = cur.width() // 2, cur.height() // 2
            if nw < 16 or nh < 16 or nw / width < zoom:
                return cur
            if i + 1 == len(self._levels):
                self._levels.append(cur.scaled(nw, nh, Qt.AspectRatioMode.IgnoreAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
            i += 1

    def draw(self, painter: QPainter, zoom: float, visible: QRectF) -> None:
        """Draw the part of the image inside ``visible`` (image pixels) with ``painter``, whose transform maps image
        pixels to the screen at ``zoom``."""
        size = self.size
        if size is None:
            return
        w, h = size
        r = visible.intersected(QRectF(0, 0, w, h))
        if r.isEmpty():
            return
        x0, y0 = max(0, math.floor(r.left())), max(0, math.floor(r.top()))
        x1, y1 = min(w, math.ceil(r.right())), min(h, math.ceil(r.bottom()))
        img = self.level(min(zoom, 1.0))
        sx, sy = img.width() / w, img.height() / h
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, zoom <= NEAREST_ABOVE)
        source = QRectF(x0 * sx, y0 * sy, (x1 - x0) * sx, (y1 - y0) * sy)
        painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), img, source)


@dataclass(frozen=True)
class Measurement:
    """A ruler measurement between two image points (image pixels), in millimetres when the dpi is known."""

    start: tuple[float, float]
    end: tuple[float, float]
    dpi: float | None = None

    @property
    def pixels(self) -> float:
        return math.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1])

    @property
    def mm(self) -> float | None:
        return None if self.dpi is None else self.pixels * mm_per_pixel(self.dpi)

    @property
    def text(self) -> str:
        if self.mm is None:
            return QCoreApplication.translate("ImageCanvas", "{value} px").format(value=QLocale().toString(self.pixels, "f", 1))
        return QCoreApplication.translate("ImageCanvas", "{value} mm").format(value=QLocale().toString(self.mm, "f", 2))


def scale_bar_mm(zoom: float, dpi: float, max_px: float = SCALE_BAR_MAX_PX) -> float:
    """The scale bar's length in mm: the longest of :data:`SCALE_BAR_MM` no longer than ``max_px`` on screen."""
    px_per_mm = zoom / mm_per_pixel(dpi)
    fitting = [mm for mm in SCALE_BAR_MM if mm * px_per_mm <= max_px]
    return fitting[-1] if fitting else SCALE_BAR_MM[0]


class ImageCanvas(QWidget):
    """One image at the zoom and centre of ``view``, through ``adjust`` (None: as it is).

    Mouse: the wheel zooms about the pointer, a left (or middle) drag pans, a double click fits; shift+drag, or any
    left drag in ruler mode, measures. Keys: ``+``/``=`` and ``-`` zoom, ``0`` fits, ``1`` shows one image pixel
    per screen pixel, arrows move the view (the image moves the other way), ``L`` toggles the loupe, ``R`` the
    ruler, ``Esc`` clears the measurement.

    Signals: ``measurement_changed(Measurement | None)``, ``loupe_toggled(bool)``, ``ruler_toggled(bool)``.

    Subclasses draw more than one image by overriding :meth:`draw_scene` (image pixels) and :meth:`draw_overlay`
    (screen pixels); :meth:`content_size` is what :meth:`fit` fits.
    """

    measurement_changed = Signal(object)
    loupe_toggled = Signal(bool)
    ruler_toggled = Signal(bool)

    def __init__(self, view: ViewState, adjust: Adjustment | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.adjust = adjust
        self.layer = ImageLayer(self._convert)
        self._dpi: float | None = None
        self._findings: list[Finding] = []
        self._selected: int | None = None
        self._loupe = False
        self._ruler = False
        self._measurement: Measurement | None = None
        self._measuring = False
        self._drag: QPointF | None = None
        self._pointer: QPointF | None = None
        self._message = ""
        self._caption = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(64, 48)
        listen(self, view.events, self._view_changed)
        if adjust is not None:
            listen(self, adjust.events, self._adjust_changed)

    # --- what it shows ------------------------------------------------------------------------------------------

    def _convert(self, image: np.ndarray) -> QImage:
        return to_display_qimage(self.adjust.apply(image) if self.adjust is not None else image)

    def set_image(self, image: np.ndarray | None) -> None:
        """Show ``image`` (uint8 (H, W) grey or (H, W, 3) RGB; None: nothing). The view is not changed: call
        :meth:`fit` (or the view's methods) to frame it."""
        if self.layer.set_image(check_image(image)):
            self.update()

    @property
    def image(self) -> np.ndarray | None:
        return self.layer.image

    def content_size(self) -> tuple[int, int] | None:
        """``(width, height)`` of what the canvas shows, in image pixels, or None when it shows nothing."""
        return self.layer.size

    def set_dpi(self, dpi: float | None) -> None:
        """The image's resolution, for the ruler and scale bar in millimetres (None: unknown, the ruler counts
        pixels)."""
        if dpi is not None:
            mm_per_pixel(float(dpi))  # validates
            dpi = float(dpi)
        if dpi != self._dpi:
            self._dpi = dpi
            if self._measurement is not None:
                self._set_measurement(Measurement(self._measurement.start, self._measurement.end, dpi))
            self.update()

    @property
    def dpi(self) -> float | None:
        return self._dpi

    def set_findings(self, findings: Sequence[Finding], selected: int | None = None) -> None:
        """Draw the boxes of ``findings`` (image pixels): alarms red, notes amber; ``selected`` (an index into
        ``findings``) thicker, with its kind."""
        findings = list(findings)
        if selected is not None and not 0 <= selected < len(findings):
            raise ValueError(f"selected must index the {len(findings)} findings, got {selected!r}")
        if (findings, selected) != (self._findings, self._selected):
            self._findings, self._selected = findings, selected
            self.update()

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    @property
    def selected(self) -> int | None:
        return self._selected

    def set_message(self, text: str) -> None:
        """A message over the canvas (centred when there is no image, a banner at the top otherwise); "" for none."""
        if text != self._message:
            self._message = text
            self.update()

    @property
    def message(self) -> str:
        return self._message

    def set_caption(self, text: str) -> None:
        """A short label in the top-left corner (which image a pane shows)."""
        if text != self._caption:
            self._caption = text
            self.update()

    @property
    def caption(self) -> str:
        return self._caption

    def fit(self) -> None:
        """Fit the whole image in the canvas."""
        size = self.content_size()
        if size is not None:
            self.view.fit(size)

    # --- loupe and ruler ----------------------------------------------------------------------------------------

    @property
    def loupe_on(self) -> bool:
        return self._loupe

    def set_loupe(self, on: bool) -> None:
        """Show a round magnifier (:data:`LOUPE_FACTOR` times the zoom) at the pointer."""
        on = bool(on)
        if on != self._loupe:
            self._loupe = on
            self.update()
            self.loupe_toggled.emit(on)

    def toggle_loupe(self) -> None:
        self.set_loupe(not self._loupe)

    @property
    def ruler_on(self) -> bool:
        return self._ruler

    def set_ruler(self, on: bool) -> None:
        """Ruler mode: a left drag measures instead of panning, and a scale bar shows when the dpi is known."""
        on = bool(on)
        if on != self._ruler:
            self._ruler = on
            self._rest_cursor()
            self.update()
            self.ruler_toggled.emit(on)

    def _rest_cursor(self) -> None:
        if self._ruler:
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()

    def toggle_ruler(self) -> None:
        self.set_ruler(not self._ruler)

    @property
    def measurement(self) -> Measurement | None:
        return self._measurement

    def measure(self, start: tuple[float, float], end: tuple[float, float]) -> Measurement:
        """Measure from ``start`` to ``end`` (image pixels), as a ruler drag does."""
        m = Measurement((float(start[0]), float(start[1])), (float(end[0]), float(end[1])), self._dpi)
        self._set_measurement(m)
        return m

    def clear_measurement(self) -> None:
        self._set_measurement(None)

    def _set_measurement(self, m: Measurement | None) -> None:
        if m != self._measurement:
            self._measurement = m
            self.update()
            self.measurement_changed.emit(m)

    # --- state events -------------------------------------------------------------------------------------------

    def _view_changed(self, *_: object) -> None:
        self.update()

    def _adjust_changed(self, *_: object) -> None:
        self.invalidate()

    def invalidate(self) -> None:
        """Convert the images again at the next paint (the adjustment changed)."""
        self.layer.invalidate()
        self.update()

    # --- painting -----------------------------------------------------------------------------------------------

    def image_transform(self) -> QTransform:
        """Image pixels to screen pixels, as :meth:`ViewState.to_screen` maps them."""
        vw, vh = self.view.viewport
        return _transform(self.view.zoom, self.view.centre, (vw / 2.0, vh / 2.0))

    def visible_image_rect(self) -> QRectF:
        x0, y0 = self.view.to_image(0, 0)
        x1, y1 = self.view.to_image(self.width(), self.height())
        return QRectF(QPointF(x0, y0), QPointF(x1, y1))

    def draw_scene(self, painter: QPainter, zoom: float, visible: QRectF) -> None:
        """Draw the image(s) in image pixels: ``painter`` maps them to the screen at ``zoom``; ``visible`` is the
        part on screen. The canvas and its loupe both call this."""
        self.layer.draw(painter, zoom, visible)

    def draw_overlay(self, painter: QPainter) -> None:
        """Draw on top of the image in screen pixels (before the findings, ruler and loupe)."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), BACKGROUND)
        if self.content_size() is None:
            if self._message:
                p.setPen(TEXT_COLOUR)
                p.drawText(self.rect().adjusted(16, 16, -16, -16),
                           Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
        else:
            p.save()
            p.setTransform(self.image_transform())
            self.draw_scene(p, self.view.zoom, self.visible_image_rect())
            p.restore()
            self.draw_overlay(p)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._draw_findings(p)
            self._draw_ruler(p)
            if self._loupe and self._pointer is not None:
                self._draw_loupe(p, self._pointer)
            if self._message:  # a banner below the caption, wrapped to the pane's width
                top = 8 + (QFontMetricsF(p.font()).height() + 8 if self._caption else 0)
                self._draw_banner(p, top, self._message)
        if self._caption:
            self._draw_label(p, QPointF(8, 8), self._caption)
        p.end()

    def _draw_label(self, p: QPainter, at: QPointF, text: str, *, centre: bool = False,
                    colour: QColor = TEXT_COLOUR, background: QColor = LABEL_BACKGROUND) -> None:
        fm = QFontMetricsF(p.font())
        w, h = fm.horizontalAdvance(text) + 10, fm.height() + 4
        box = QRectF(at.x() - (w / 2 if centre else 0), at.y(), w, h)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(background)
        p.drawRoundedRect(box, 3, 3)
        p.setPen(colour)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()

    def _draw_banner(self, p: QPainter, top: float, text: str) -> None:
        fm = QFontMetricsF(p.font())
        room = max(40.0, self.width() - 24.0)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        bound = fm.boundingRect(QRectF(0, 0, room, 10_000), int(flags), text)
        w, h = min(room, bound.width()) + 10, bound.height() + 4
        box = QRectF((self.width() - w) / 2.0, top, w, h)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(LABEL_BACKGROUND)
        p.drawRoundedRect(box, 3, 3)
        p.setPen(TEXT_COLOUR)
        p.drawText(box, flags, text)
        p.restore()

    def _draw_findings(self, p: QPainter) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp boxes, whole pixels wide
        for i, f in enumerate(self._findings):
            x, y, w, h = f.bbox
            (sx0, sy0), (sx1, sy1) = self.view.to_screen(x, y), self.view.to_screen(x + w, y + h)
            chosen = i == self._selected
            pen = QPen(ALARM_COLOUR if f.alarm else NOTE_COLOUR, 4.0 if chosen else 2.0)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(QPointF(sx0, sy0), QPointF(sx1, sy1)))
            if chosen:
                fm = QFontMetricsF(p.font())
                self._draw_label(p, QPointF(sx0, max(0.0, sy0 - fm.height() - 8)), f"{f.kind.value}  {f.score:.2f}",
                                 colour=QColor(255, 255, 255) if f.alarm else QColor(0, 0, 0), background=pen.color())
        p.restore()

    def _draw_ruler(self, p: QPainter) -> None:
        m = self._measurement
        if m is not None:
            a, b = QPointF(*self.view.to_screen(*m.start)), QPointF(*self.view.to_screen(*m.end))
            p.setPen(QPen(RULER_COLOUR, 2.0))
            p.drawLine(a, b)
            d = b - a
            n = math.hypot(d.x(), d.y())
            if n > 0:  # end ticks across the line
                t = QPointF(-d.y() / n * 6, d.x() / n * 6)
                p.drawLine(a - t, a + t)
                p.drawLine(b - t, b + t)
            self._draw_label(p, (a + b) / 2 + QPointF(8, 8), m.text, colour=RULER_COLOUR)
        if self._ruler and self._dpi is not None:
            mm = scale_bar_mm(self.view.zoom, self._dpi)
            px = mm * self.view.zoom / mm_per_pixel(self._dpi)
            x0, y = 16.0, self.height() - 16.0
            p.setPen(QPen(QColor(0, 0, 0), 5.0))
            p.drawLine(QPointF(x0, y), QPointF(x0 + px, y))
            p.setPen(QPen(QColor(255, 255, 255), 3.0))
            p.drawLine(QPointF(x0, y), QPointF(x0 + px, y))
            fm = QFontMetricsF(p.font())
            self._draw_label(p, QPointF(x0, y - fm.height() - 12), self.tr("{value} mm").format(value=QLocale().toString(float(mm), "g", 6)))

    def _draw_loupe(self, p: QPainter, at: QPointF) -> None:
        r = LOUPE_RADIUS
        zoom = self.view.zoom * LOUPE_FACTOR
        ix, iy = self.view.to_image(at.x(), at.y())
        circle = QPainterPath()
        circle.addEllipse(at, r, r)
        p.save()
        p.setClipPath(circle)  # in screen pixels: the clip keeps the transform it was set under
        p.fillPath(circle, BACKGROUND)
        p.setTransform(_transform(zoom, (ix, iy), (at.x(), at.y())))
        self.draw_scene(p, zoom, QRectF(ix - r / zoom, iy - r / zoom, 2 * r / zoom, 2 * r / zoom))
        p.restore()
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor(255, 255, 255), 2.0))
        p.drawEllipse(at, r, r)
        p.setPen(QPen(QColor(255, 255, 255, 160), 1.0))
        p.drawLine(at - QPointF(6, 0), at + QPointF(6, 0))
        p.drawLine(at - QPointF(0, 6), at + QPointF(0, 6))

    # --- input --------------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.view.set_viewport(max(1, self.width()), max(1, self.height()))
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta == 0 or self.content_size() is None:
            event.ignore()
            return
        pos = event.position()
        self.view.zoom_by(ZOOM_STEP ** (delta / 120.0), anchor=self.view.to_image(pos.x(), pos.y()))
        event.accept()

    def _measures(self, event: QMouseEvent) -> bool:
        return (event.button() == Qt.MouseButton.LeftButton and self.content_size() is not None
                and (self._ruler or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._measures(event):
            self._measuring = True
            start = self.view.to_image(pos.x(), pos.y())
            self.measure(start, start)
        elif event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            self._drag = pos
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        self._pointer = pos
        if self._measuring and self._measurement is not None:
            self.measure(self._measurement.start, self.view.to_image(pos.x(), pos.y()))
        elif self._drag is not None:
            d = pos - self._drag
            self._drag = pos
            self.view.pan_by(d.x(), d.y())
        elif self._loupe:
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._measuring:
            self._measuring = False
        elif self._drag is not None:
            self._drag = None
            self._rest_cursor()
        else:
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and not self._ruler:
            self.fit()
        else:
            super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: Any) -> None:  # noqa: N802
        self._pointer = None
        if self._loupe:
            self.update()
        super().leaveEvent(event)

    def actual_pixels(self) -> None:
        """One image pixel per device pixel (on a HiDPI screen, where Qt scales, that is not one logical pixel)."""
        self.view.set_view(1.0 / max(self.devicePixelRatioF(), 1e-3), self.view.centre)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        k = Qt.Key
        key = event.key()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier):
            super().keyPressEvent(event)  # the window's shortcuts
        elif key in (k.Key_Plus, k.Key_Equal):
            self.view.zoom_by(ZOOM_STEP)
        elif key in (k.Key_Minus, k.Key_Underscore):
            self.view.zoom_by(1.0 / ZOOM_STEP)
        elif key == k.Key_0:
            self.fit()
        elif key == k.Key_1:
            self.actual_pixels()
        elif key in _ARROWS:
            dx, dy = _ARROWS[key]
            self.view.pan_by(dx * ARROW_STEP, dy * ARROW_STEP)
        elif key == k.Key_L:
            self.toggle_loupe()
        elif key == k.Key_R:
            self.toggle_ruler()
        elif key == k.Key_Escape and self._measurement is not None:
            self.clear_measurement()
        else:
            super().keyPressEvent(event)


# An arrow looks that way: the image moves the other way.
_ARROWS = {Qt.Key.Key_Left: (1, 0), Qt.Key.Key_Right: (-1, 0), Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
