"""Fixtures of the GUI tests: a workbench over a temporary store, and input events QTest cannot send (a wheel turn,
a mouse move carrying its buttons)."""

from types import SimpleNamespace

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from docexam.gui.qimage import to_array
from docexam.store import Store
from docexam.workbench import Workbench


@pytest.fixture
def workbench(tmp_path):
    """A :class:`Workbench` over an empty SQLite store in ``tmp_path``."""
    store = Store.open(tmp_path / "c.db")
    yield Workbench(store)
    store.close()


@pytest.fixture
def bench(workbench):
    """The same workbench, by its short name."""
    return workbench


@pytest.fixture
def add_capture(tmp_path):
    """``add_capture(workbench, light, image, dpi=300)``: store ``image`` (uint8 RGB) as a PNG capture of the open
    case (a new case when none is open) and re-read the case."""

    def add(bench, light, image, dpi=300):
        if bench.case is None:
            bench.new_case("GUI test")
        path = tmp_path / f"{light}-{len(list(tmp_path.glob('*.png')))}.png"
        Image.fromarray(image).save(path, dpi=(dpi, dpi))
        bench.store.attach(bench.case.summary.id, path, light=light)
        bench.refresh()

    return add


@pytest.fixture
def grab():
    """``grab(widget)``: what the widget paints, as a uint8 (H, W, 3) RGB array indexed ``[y, x]``."""
    return lambda widget: to_array(widget.grab().toImage())


def _send(widget, event):
    QApplication.sendEvent(widget, event)


@pytest.fixture
def mouse():
    """Mouse events sent straight to a widget: ``wheel(w, pos, notches)``, ``move(w, pos, buttons)``,
    ``drag(w, start, end, button=..., modifiers=..., steps=4)``."""
    L, NB, NM = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier

    def event(kind, pos, button, buttons, modifiers):
        p = QPointF(*pos)
        return QMouseEvent(kind, p, p, button, buttons, modifiers)

    def wheel(widget, pos, notches=1, modifiers=NM):
        p = QPointF(*pos)
        _send(widget, QWheelEvent(p, p, QPoint(0, 0), QPoint(0, round(120 * notches)), NB, modifiers,
                                  Qt.ScrollPhase.NoScrollPhase, False))

    def move(widget, pos, buttons=NB, modifiers=NM):
        _send(widget, event(QEvent.Type.MouseMove, pos, NB, buttons, modifiers))

    def drag(widget, start, end, button=L, modifiers=NM, steps=4):
        _send(widget, event(QEvent.Type.MouseButtonPress, start, button, button, modifiers))
        for i in range(1, steps + 1):
            t = i / steps
            move(widget, (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t), button, modifiers)
        _send(widget, event(QEvent.Type.MouseButtonRelease, end, button, NB, modifiers))

    def double_click(widget, pos, button=L):
        _send(widget, event(QEvent.Type.MouseButtonDblClick, pos, button, button, NM))

    return SimpleNamespace(wheel=wheel, move=move, drag=drag, double_click=double_click)

