"""The trainee's viewer: a pack document beside its reference specimen, in one light, with the trainee's marks and,
after scoring, the answer key drawn over it. A left drag on the questioned image draws a mark (a rubber band in
the light shown) while "Draw marks" is on; the middle button, or a left drag with drawing off, pans.

Everything it shows is read from a :class:`~docexam.workbench.trainee.TraineeView` and the document's
:class:`~docexam.workbench.training.Marks`; a drawn box is handed out through ``mark_drawn(light, bbox)`` for the
trainee panel to add (the attempt is the panel's).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from docexam.gui.i18n import light_label, light_word
from docexam.gui.viewer import ImageCanvas, listen
from docexam.lights import LIGHTS
from docexam.workbench.trainee import TraineeView, box_from_drag
from docexam.workbench.training import KeyRegion, Mark, Marks
from docexam.workbench.view import ViewState

MARK_COLOUR = QColor(0, 200, 255)  # the trainee's marks and the rubber band
KEY_COLOUR = QColor(40, 220, 60)  # the answer key's regions, after scoring


class MarkCanvas(ImageCanvas):
    """The questioned image with the trainee's marks in the light shown, the key's regions once scored, and the
    rubber band while a mark is drawn. ``mark_drawn(str, tuple)`` gives the light and ``(x, y, w, h)``."""

    mark_drawn = Signal(str, tuple)

    def __init__(self, view: ViewState, state: TraineeView, parent: QWidget | None = None) -> None:
        super().__init__(view, None, parent)
        self.state = state
        self.marks: list[Mark] = []
        self._band: tuple[tuple[float, float], tuple[float, float]] | None = None

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = list(marks)
        self.update()

    @property
    def band(self) -> tuple[int, int, int, int] | None:
        """The box being drawn (image pixels), or None."""
        size = self.content_size()
        if self._band is None or size is None:
            return None
        return box_from_drag(*self._band, size)

    def _draws(self, event: QMouseEvent) -> bool:
        return (event.button() == Qt.MouseButton.LeftButton and self.state.drawing and self.state.can_draw
                and self.content_size() is not None and not self.ruler_on
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._draws(event):
            p = self.view.to_image(event.position().x(), event.position().y())
            self._band = (p, p)
            self.update()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._band is not None:
            self._band = (self._band[0], self.view.to_image(event.position().x(), event.position().y()))
            self.update()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._band is not None and event.button() == Qt.MouseButton.LeftButton:
            self._band = (self._band[0], self.view.to_image(event.position().x(), event.position().y()))
            box = self.band
            self._band = None
            self.update()
            if box is not None:
                self.mark_drawn.emit(self.state.light, box)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.state.drawing and self.state.can_draw:
            return  # a double click while drawing is two clicks, not a fit
        super().mouseDoubleClickEvent(event)

    def _screen_rect(self, box: tuple[int, int, int, int]) -> QRectF:
        x, y, w, h = box
        return QRectF(QPointF(*self.view.to_screen(x, y)), QPointF(*self.view.to_screen(x + w, y + h)))

    def draw_overlay(self, painter: QPainter) -> None:
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        fm = QFontMetricsF(painter.font())
        light = self.state.light
        for i, m in enumerate(self.marks, start=1):
            if m.light != light:
                continue
            painter.setPen(QPen(MARK_COLOUR, 2.0, Qt.PenStyle.DashLine))
            r = self._screen_rect(m.bbox)
            painter.drawRect(r)
            text = self.tr("mark {number}").format(number=i) + (f": {m.kind.replace('_', ' ')}" if m.kind else "")
            self._draw_label(painter, QPointF(r.left(), max(0.0, r.top() - fm.height() - 6)), text,
                             colour=QColor(0, 0, 0), background=MARK_COLOUR)
        for region in self.state.key:
            shows = light in region.lights
            painter.setPen(QPen(KEY_COLOUR, 3.0 if shows else 1.5, Qt.PenStyle.SolidLine if shows else Qt.PenStyle.DotLine))
            r = self._screen_rect(region.bbox)
            painter.drawRect(r)
            text = self.tr("key: {kind} ({lights})").format(kind=region.kind.replace("_", " "),
                                                            lights=", ".join(light_word(x) for x in region.lights))
            self._draw_label(painter, QPointF(r.left(), r.bottom() + 4), text, colour=QColor(0, 0, 0),
                             background=KEY_COLOUR)
        band = self.band
        if band is not None:
            painter.setPen(QPen(MARK_COLOUR, 1.5))
            painter.setBrush(QColor(0, 200, 255, 50))
            painter.drawRect(self._screen_rect(band))
        painter.restore()


class ExerciseView(QWidget):
    """A pack document against its reference (left), in the light of ``state``, with the marks of the document and
    the key. Its own zoom and pan (the two panes locked), fitted whenever a document or light is shown."""

    mark_drawn = Signal(str, tuple)

    def __init__(self, state: TraineeView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state if state is not None else TraineeView()
        self.view = ViewState()
        self.reference_view = ViewState()
        self._marks: Marks | None = None
        self.reference_canvas = ImageCanvas(self.reference_view)
        self.reference_canvas.setObjectName("exerciseReference")
        self.canvas = MarkCanvas(self.view, self.state)
        self.canvas.setObjectName("exerciseQuestioned")
        self.canvas.mark_drawn.connect(self.mark_drawn)
        self.title = QLabel()
        self.title.setObjectName("exerciseTitle")
        self.light_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.title, 1)
        for light in LIGHTS:
            b = QToolButton()
            b.setText(light_label(light))
            b.setCheckable(True)
            b.clicked.connect(lambda _on, lt=light: self._choose_light(lt))
            group.addButton(b)
            bar.addWidget(b)
            self.light_buttons[light] = b
        self.draw_button = QToolButton()
        self.draw_button.setText(self.tr("Draw marks"))
        self.draw_button.setCheckable(True)
        self.draw_button.setToolTip(self.tr("Drag on the questioned image to mark a suspicious region in the light "
                                            "shown (off: a drag pans; the middle button always pans)"))
        self.draw_button.toggled.connect(self.state.set_drawing)
        bar.addWidget(self.draw_button)
        panes = QHBoxLayout()
        panes.setContentsMargins(0, 0, 0, 0)
        panes.setSpacing(2)
        panes.addWidget(self.reference_canvas, 1)
        panes.addWidget(self.canvas, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addLayout(panes, 1)
        self.view.events.connect(self._follow)
        listen(self, self.state.events, self._state_changed)
        self.refresh()

    def _follow(self, *_: object) -> None:
        self.reference_view.set_viewport(*self.view.viewport)
        self.reference_view.set_view(self.view.zoom, self.view.centre)

    def _choose_light(self, light: str) -> None:
        try:
            self.state.set_light(light)
        except ValueError:
            self.refresh()

    def set_marks(self, marks: Marks | None) -> None:
        """Mirror ``marks`` (the shown document's, from the attempt)."""
        if self._marks is not None:
            self._marks.events.items.disconnect(self._marks_changed)
        self._marks = marks
        if marks is not None:
            marks.events.items.connect(self._marks_changed)
        self._marks_changed()

    def _marks_changed(self, *_: object) -> None:
        self.canvas.set_marks(list(self._marks) if self._marks is not None else [])

    def _state_changed(self, info: object = None) -> None:
        name = getattr(getattr(info, "signal", None), "name", "")
        self.refresh(fit=name in ("images", "light", "document"))

    def refresh(self, *, fit: bool = True) -> None:
        s = self.state
        img, ref = s.image(), s.reference_image()
        light = light_label(s.light)
        self.canvas.set_image(img)
        self.reference_canvas.set_image(ref)
        if s.document is None:
            self.canvas.set_message(self.tr("Choose a document in the Exercise panel."))
        elif s.images is None:
            self.canvas.set_message(self.tr("Opening {document}…").format(document=s.document))
        else:
            self.canvas.set_message(s.images.problem)
        self.reference_canvas.set_message("" if ref is not None or s.images is None
                                          else self.tr("No reference specimen for this document."))
        self.canvas.set_caption(f"{s.document}, {light}" if img is not None else "")
        self.reference_canvas.set_caption(self.tr("Reference {name}, {light}").format(name=s.images.reference_name,
                                                                                      light=light)
                                          if ref is not None and s.images is not None else "")
        title = "<b>{}</b>".format(self.tr("Exercise"))
        self.title.setText(f"{title} — {s.document}" if s.document else title)
        lights = s.images.lights if s.images is not None else ()
        for light_name, b in self.light_buttons.items():
            b.setEnabled(light_name in lights)
            b.setChecked(light_name == s.light)
        self.draw_button.setEnabled(s.can_draw)
        self.draw_button.setChecked(s.drawing)
        self.canvas.setCursor(Qt.CursorShape.CrossCursor if s.drawing and s.can_draw else Qt.CursorShape.ArrowCursor)
        if fit and img is not None:
            self.canvas.fit()
        self.canvas.update()

    def key_regions(self) -> list[KeyRegion]:
        return list(self.state.key)
