"""The comparison view: the questioned document against its reference specimen, in the light and the mode of a
:class:`~docexam.workbench.Workbench`.

Everything it shows is read from the workbench: the questioned image (the comparison's rectified image, which is in
the reference frame, or else the raw capture), the difference map, the findings of the light and the selected one,
the mode, opacity, swipe position and flicker rate of :class:`~docexam.workbench.CompareState`. The only things it
keeps are the reference images (they come from a specimen folder, not from the case) and which image a flicker
shows at this instant.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from psygnal import EmissionInfo
from PySide6.QtCore import QLocale, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QHideEvent, QLinearGradient, QMouseEvent, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from docexam.compare.result import DIFFERENCE_THRESHOLD
from docexam.gui.i18n import light_label, light_phrase
from docexam.gui.qimage import HEAT_LUT, heatmap_qimage
from docexam.gui.viewer import ImageCanvas, ImageLayer, check_image, listen
from docexam.imageio import ImageReadError
from docexam.workbench.adjust import Adjustment
from docexam.workbench.comparison import CompareMode, CompareState, HeatSummary, summarise_heat
from docexam.workbench.state import Workbench
from docexam.workbench.view import ViewState

#: The swipe line can be grabbed this many screen pixels either side of it.
SWIPE_GRAB_PX = 8

#: In heat map mode every compared pixel of the design is tinted at least this much, so that small differences show
#: on the scale too (a map that stayed transparent below the threshold looked like no map at all).
HEAT_FLOOR_ALPHA = 0.35
#: The legend's colour bar, screen pixels.
LEGEND_BAR = (240, 12)

#: Modes that set the questioned image against the reference in one pane.
_BLENDED = (CompareMode.OVERLAY, CompareMode.SWIPE, CompareMode.FLICKER)


def _light_name(light: str) -> str:
    return light_phrase(light)


class CompositeCanvas(ImageCanvas):
    """The questioned image and, as ``compare.mode`` says, the reference (overlay, swipe, flicker) or the difference
    map over it, in one pane on ``view``. Mode, opacity and swipe position are read from ``compare`` at each paint;
    dragging the swipe line sets ``compare.set_swipe``."""

    def __init__(self, view: ViewState, adjust: Adjustment | None, compare: CompareState,
                 parent: QWidget | None = None) -> None:
        super().__init__(view, adjust, parent)
        self.compare = compare
        self.reference_layer = ImageLayer(self._convert)
        # The colours of the difference map, not adjusted; full colour from the threshold up.
        self.heat_layer = ImageLayer(lambda heat: heatmap_qimage(heat, floor_alpha=HEAT_FLOOR_ALPHA,
                                                                 full_at=DIFFERENCE_THRESHOLD))
        self._heat_summary: HeatSummary | None = None
        self._showing_reference = False
        self._swiping = False

    def set_reference(self, image: np.ndarray | None) -> None:
        """The reference image of the light (None: none), in the reference frame."""
        if self.reference_layer.set_image(check_image(image, "the reference image")):
            self.update()

    def set_heatmap(self, heat: np.ndarray | None) -> None:
        """The difference map (float, 0 to 1, reference frame) drawn over the questioned image in heat map mode."""
        if heat is not None and (not isinstance(heat, np.ndarray) or heat.ndim != 2
                                 or not np.issubdtype(heat.dtype, np.floating)):
            raise ValueError(f"the difference map must be a 2-D float array, got "
                             f"{getattr(heat, 'dtype', type(heat).__name__)} {getattr(heat, 'shape', '')}")
        if self.heat_layer.set_image(heat):
            self.update()

    def set_heat_summary(self, summary: HeatSummary | None) -> None:
        """What the legend says of the difference map shown (None: no legend)."""
        if summary != self._heat_summary:
            self._heat_summary = summary
            self.update()

    @property
    def heat_summary(self) -> HeatSummary | None:
        return self._heat_summary

    def legend_rect(self) -> QRectF | None:
        """Where the heat map's legend is drawn (screen pixels), or None when there is none."""
        if self.compare.mode is not CompareMode.HEATMAP or self.heat_layer.image is None or self._heat_summary is None:
            return None
        fm = QFontMetricsF(self.font())
        w = LEGEND_BAR[0] + 24
        h = LEGEND_BAR[1] + 3 * fm.height() + 20
        return QRectF(self.width() - w - 12, self.height() - h - 12, w, h)

    def _draw_legend(self, painter: QPainter) -> None:
        box = self.legend_rect()
        summary = self._heat_summary
        if box is None or summary is None:
            return
        fm = QFontMetricsF(painter.font())
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 190))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor(235, 235, 235))
        x0, y = box.left() + 12, box.top() + 6
        painter.drawText(QRectF(x0, y, LEGEND_BAR[0], fm.height()), Qt.AlignmentFlag.AlignLeft,
                         self.tr("Difference from the specimen"))
        y += fm.height() + 2
        bar = QRectF(x0, y, LEGEND_BAR[0], LEGEND_BAR[1])
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for i in range(0, 256, 32):
            gradient.setColorAt(i / 255.0, QColor(*(int(c) for c in HEAT_LUT[i])))
        gradient.setColorAt(1.0, QColor(*(int(c) for c in HEAT_LUT[255])))
        painter.fillRect(bar, gradient)
        tx = bar.left() + bar.width() * summary.threshold
        painter.setPen(QPen(QColor(255, 255, 255), 2.0))
        painter.drawLine(QPointF(tx, bar.top() - 3), QPointF(tx, bar.bottom() + 3))
        if summary.peak > 0:  # where the largest difference lies on the scale
            px = bar.left() + bar.width() * summary.peak
            painter.setPen(QPen(QColor(0, 0, 0), 3.0))
            painter.drawLine(QPointF(px, bar.bottom()), QPointF(px, bar.bottom() + 5))
            painter.setPen(QPen(QColor(255, 255, 255), 1.0))
            painter.drawLine(QPointF(px, bar.bottom()), QPointF(px, bar.bottom() + 5))
        y = bar.bottom() + 4
        painter.setPen(QColor(235, 235, 235))
        row = QRectF(x0, y, LEGEND_BAR[0], fm.height())
        painter.drawText(row, Qt.AlignmentFlag.AlignLeft, self.tr("0 same"))
        painter.drawText(QRectF(tx - 40, y, 80, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                         QLocale().toString(summary.threshold, "f", 2))
        painter.drawText(row, Qt.AlignmentFlag.AlignRight, self.tr("1 different"))
        y += fm.height() + 2
        painter.setPen(QColor(255, 120, 90) if summary.above else QColor(150, 230, 150))
        painter.drawText(QRectF(x0, y, LEGEND_BAR[0], fm.height()), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(summary.legend(), Qt.TextElideMode.ElideRight, LEGEND_BAR[0]))
        painter.restore()

    @property
    def showing_reference(self) -> bool:
        """In flicker mode, whether the reference is up at this instant (else the questioned image)."""
        return self._showing_reference

    def set_showing_reference(self, on: bool) -> None:
        if bool(on) != self._showing_reference:
            self._showing_reference = bool(on)
            self.update()

    def invalidate(self) -> None:
        self.reference_layer.invalidate()
        super().invalidate()

    def _blends_reference(self) -> bool:
        return self.compare.mode in _BLENDED and self.reference_layer.image is not None

    def swipe_x(self) -> float:
        """The swipe line's x in screen pixels (a share of the pane's width: it stays put while zooming)."""
        return self.compare.swipe * self.width()

    # --- painting -----------------------------------------------------------------------------------------------

    def draw_scene(self, painter: QPainter, zoom: float, visible: QRectF) -> None:
        mode = self.compare.mode
        q, r = self.layer, self.reference_layer
        if not self._blends_reference():
            q.draw(painter, zoom, visible)
            if mode is CompareMode.HEATMAP:
                self.heat_layer.draw(painter, zoom, visible)
        elif mode is CompareMode.OVERLAY:
            r.draw(painter, zoom, visible)
            painter.setOpacity(self.compare.opacity)
            q.draw(painter, zoom, visible)
            painter.setOpacity(1.0)
        elif mode is CompareMode.FLICKER:
            (r if self._showing_reference else q).draw(painter, zoom, visible)
        else:  # SWIPE: the line's place in image pixels, so the loupe shows the same split
            split = self.view.to_image(self.swipe_x(), 0.0)[0]
            left, right = visible.left(), visible.right()
            for layer, x0, x1 in ((r, left, max(left, min(split, right))), (q, max(left, min(split, right)), right)):
                if x1 > x0:
                    part = QRectF(x0, visible.top(), x1 - x0, visible.height())
                    painter.save()
                    painter.setClipRect(part, Qt.ClipOperation.IntersectClip)
                    layer.draw(painter, zoom, part)
                    painter.restore()

    def draw_overlay(self, painter: QPainter) -> None:
        self._draw_legend(painter)
        if self.compare.mode is CompareMode.SWIPE and self._blends_reference():
            x = self.swipe_x()
            painter.setPen(QPen(QColor(0, 0, 0, 160), 3.0))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            painter.setPen(QPen(QColor(255, 255, 255), 1.0))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            painter.setBrush(QColor(255, 255, 255))
            painter.drawEllipse(QPointF(x, self.height() / 2.0), 6.0, 6.0)

    # --- the swipe line -----------------------------------------------------------------------------------------

    def _near_swipe_line(self, x: float) -> bool:
        return (self.compare.mode is CompareMode.SWIPE and self._blends_reference()
                and abs(x - self.swipe_x()) <= SWIPE_GRAB_PX)

    def _swipe_to(self, x: float) -> None:
        if self.width() > 0:
            self.compare.set_swipe(min(max(x / self.width(), 0.0), 1.0))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if (event.button() == Qt.MouseButton.LeftButton and not self.ruler_on
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                and self._near_swipe_line(event.position().x())):
            self._swiping = True
            self._swipe_to(event.position().x())
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._swiping:
            self._swipe_to(event.position().x())
            return
        if event.buttons() == Qt.MouseButton.NoButton and not self.ruler_on:
            if self._near_swipe_line(event.position().x()):
                self.setCursor(Qt.CursorShape.SplitHCursor)
            else:
                self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._swiping:
            self._swiping = False
            return
        super().mouseReleaseEvent(event)


class CompareView(QWidget):
    """The questioned document against its reference, bound to ``workbench``.

    Side by side, the reference pane (left) draws on ``workbench.reference_view`` and the questioned pane (right)
    on ``workbench.view``; when the panes are locked, moving either moves both. The other modes use the
    questioned pane alone. The flicker timer runs only in flicker mode while the view is shown.

    Reference images come from a specimen folder: :meth:`set_reference_images`.
    """

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self._references: dict[str, np.ndarray] = {}
        self._reference_dpi: float | None = None
        self._heat_summaries: dict[str, tuple[np.ndarray, HeatSummary]] = {}
        self.reference_canvas = ImageCanvas(workbench.reference_view, workbench.adjust)
        self.questioned_canvas = CompositeCanvas(workbench.view, workbench.adjust, workbench.compare)
        self.reference_canvas.setObjectName("referenceCanvas")
        self.questioned_canvas.setObjectName("questionedCanvas")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.reference_canvas, 1)
        layout.addWidget(self.questioned_canvas, 1)
        self.flicker_timer = QTimer(self)
        self.flicker_timer.setInterval(workbench.compare.flicker_interval_ms)
        self.flicker_timer.timeout.connect(self.flicker_tick)
        events = workbench.events
        for signal in (events.case, events.light, events.comparison, events.selected):
            listen(self, signal, self._workbench_changed)
        listen(self, workbench.compare.events, self._compare_changed)
        listen(self, workbench.reference_view.events, self._reference_view_changed)
        self.refresh()

    # --- inputs -------------------------------------------------------------------------------------------------

    def set_reference_images(self, images: Mapping[str, np.ndarray], *, dpi: float | None = None) -> None:
        """The reference specimen's images, ``{light: uint8 (H, W, 3) RGB or (H, W) grey}`` in one frame (that of
        the comparison's rectified images), and its resolution (for the ruler; None: unknown). ``{}`` clears them."""
        checked = {str(light): check_image(image, f"the {light} reference image")
                   for light, image in dict(images).items()}
        if dpi is not None and not (float(dpi) > 0):
            raise ValueError(f"dpi must be positive, got {dpi!r}")
        self._references = checked
        self._reference_dpi = None if dpi is None else float(dpi)
        self.refresh()

    @property
    def reference_images(self) -> dict[str, np.ndarray]:
        return dict(self._references)

    # --- mirroring the workbench --------------------------------------------------------------------------------

    def _heat_summary(self, light: str, heat: np.ndarray) -> HeatSummary:
        """The summary of ``heat``, worked out once per map (refresh runs on every selection and mode change)."""
        kept = self._heat_summaries.get(light)
        if kept is None or kept[0] is not heat:
            kept = (heat, summarise_heat(heat))
            self._heat_summaries[light] = kept
        return kept[1]

    def _questioned(self) -> tuple[np.ndarray | None, bool, float | None, str]:
        """The questioned image of the light, whether it is in the reference frame, its dpi, and why there is none."""
        wb = self.workbench
        light = wb.light
        rectified = wb.rectified(light)
        if rectified is not None:
            return rectified, True, self._reference_dpi, ""
        if wb.case is None:
            return None, False, None, self.tr("No case is open.")
        cap = wb.case.latest(light)
        if cap is None:
            return None, False, None, self.tr("This case has no capture in {light}.").format(light=_light_name(light), label=light_label(light))
        try:
            return wb.image(light), False, cap.dpi, ""
        except ImageReadError as e:
            return None, False, None, self.tr("The {light} capture cannot be shown: {reason}.").format(
                light=_light_name(light), label=light_label(light), reason=e.reason)

    def refresh(self) -> None:
        """Show what the workbench holds now (called on every change of its case, light, comparison, selection
        and mode)."""
        wb = self.workbench
        mode, light = wb.compare.mode, wb.light
        name, label = _light_name(light), light_label(light)
        questioned, in_frame, q_dpi, why = self._questioned()
        reference = self._references.get(light)
        heat = wb.heatmap(light)
        q, r = self.questioned_canvas, self.reference_canvas

        message = why
        if questioned is not None and mode is CompareMode.HEATMAP and heat is None:
            questioned = None  # a capture without its map would pass for "no difference"
            message = (self.tr("No difference map yet: compare the case with its reference specimen to see where it "
                               "differs.")
                       if wb.comparison is None else self.tr("The comparison has no difference map in {light}.").format(
                           light=name, label=label))
        elif questioned is not None and mode is CompareMode.HEATMAP and heat is not None:
            message = self._heat_summary(light, heat).message(name)
        elif questioned is not None and mode in _BLENDED:
            if reference is None:
                message = self.tr("No reference image in {light}: load the reference specimen.").format(light=name, label=label)
            elif not in_frame:
                message = self.tr("Not compared yet: the capture is not aligned with the reference.")
        q.set_image(questioned)
        q.set_reference(reference)
        q.set_heatmap(heat if mode is CompareMode.HEATMAP else None)
        q.set_heat_summary(self._heat_summary(light, heat) if mode is CompareMode.HEATMAP and heat is not None else None)
        q.set_dpi(q_dpi)
        q.set_message(message)
        r.set_image(reference)
        r.set_dpi(self._reference_dpi)
        r.set_message("" if reference is not None else self.tr(
            "No reference image in {light}: load the reference specimen.").format(light=name, label=label))
        r.setVisible(mode is CompareMode.SIDE_BY_SIDE)
        if mode is not CompareMode.FLICKER:
            q.set_showing_reference(False)
        self._show_findings(in_frame)
        self._update_captions()
        self._sync_timer()

    def _show_findings(self, questioned_in_frame: bool) -> None:
        wb = self.workbench
        shown: list = []
        selected = None
        if wb.compare.show_findings:
            every = wb.findings
            chosen = every[wb.selected] if wb.selected is not None and wb.selected < len(every) else None
            shown = [f for f in every if f.light == wb.light]
            selected = next((i for i, f in enumerate(shown) if f is chosen), None)
        # Findings are boxes in the reference frame: a raw capture is not in it.
        if questioned_in_frame:
            self.questioned_canvas.set_findings(shown, selected)
        else:
            self.questioned_canvas.set_findings([])
        self.reference_canvas.set_findings(shown, selected)

    def _update_captions(self) -> None:
        c = self.workbench.compare
        name, label = _light_name(self.workbench.light), light_label(self.workbench.light)
        q = self.questioned_canvas
        if q.image is None:
            caption = ""
        elif c.mode is CompareMode.OVERLAY and q.reference_layer.image is not None:
            caption = self.tr("Questioned over reference ({opacity}), {light}").format(
                opacity=QLocale().toString(round(c.opacity * 100)) + "%", light=name, label=label)
        elif c.mode is CompareMode.SWIPE and q.reference_layer.image is not None:
            caption = self.tr("Reference | questioned, {light}").format(light=name, label=label)
        elif c.mode is CompareMode.FLICKER and q.reference_layer.image is not None:
            caption = (self.tr("Reference, {light}") if q.showing_reference
                       else self.tr("Questioned, {light}")).format(light=name, label=label)
        elif c.mode is CompareMode.HEATMAP:
            caption = self.tr("Difference map, {light}").format(light=name, label=label)
        else:
            caption = self.tr("Questioned, {light}").format(light=name, label=label)
        q.set_caption(caption)
        self.reference_canvas.set_caption(self.tr("Reference, {light}").format(light=name, label=label) if self.reference_canvas.image is not None else "")

    def _workbench_changed(self, *_: object) -> None:
        self.refresh()

    def _compare_changed(self, info: EmissionInfo) -> None:
        name = info.signal.name
        if name in ("mode", "show_findings"):
            self.refresh()
        elif name == "flicker_hz":
            self.flicker_timer.setInterval(self.workbench.compare.flicker_interval_ms)
        elif name in ("opacity", "swipe"):
            self._update_captions()
            self.questioned_canvas.update()

    def _reference_view_changed(self, *_: object) -> None:
        # The state makes the reference view follow the questioned one; when locked, the reverse is done here so
        # that a wheel or drag on the reference pane moves both (the same values come back without a signal).
        wb = self.workbench
        if wb.compare.locked:
            wb.view.set_view(wb.reference_view.zoom, wb.reference_view.centre)

    # --- flicker ------------------------------------------------------------------------------------------------

    def _sync_timer(self) -> None:
        run = (self.workbench.compare.mode is CompareMode.FLICKER and self.isVisible()
               and self.questioned_canvas.reference_layer.image is not None)
        if run and not self.flicker_timer.isActive():
            self.flicker_timer.start()
        elif not run and self.flicker_timer.isActive():
            self.flicker_timer.stop()

    def flicker_tick(self) -> None:
        """Swap the questioned and the reference image (the flicker timer's slot)."""
        q = self.questioned_canvas
        q.set_showing_reference(not q.showing_reference)
        self._update_captions()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.flicker_timer.stop()
