"""The image canvas: input changes the ViewState as it should, and the painted widget shows the image's pixels where
the view says, through the adjustment (the napari shape: build the model, build the widget, change one, look at the
other)."""

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt

import docexam.gui.viewer as viewer
from docexam.compare.result import Finding, FindingKind
from docexam.gui.qimage import HEAT_LUT, heatmap_qimage, heatmap_rgba, to_array, to_qimage
from docexam.gui.viewer import ARROW_STEP, ImageCanvas, Measurement, scale_bar_mm
from docexam.workbench import Adjustment, ViewState

GREY = (128, 128, 128)
RED = (255, 0, 0)


def image_with_square(width=100, height=80, square=(40, 20, 10, 10), colour=RED):
    img = np.full((height, width, 3), GREY, np.uint8)
    x, y, w, h = square
    img[y:y + h, x:x + w] = colour
    return img


@pytest.fixture
def canvas(qtbot):
    view, adjust = ViewState(), Adjustment()
    c = ImageCanvas(view, adjust)
    qtbot.addWidget(c)
    c.resize(300, 200)
    c.set_image(image_with_square())
    c.show()
    qtbot.waitExposed(c)
    return c


def at(pixels, x, y):
    return tuple(int(v) for v in pixels[int(round(y)), int(round(x))])


def test_resizing_sets_the_viewport(canvas, qtbot):
    assert canvas.view.viewport == (300, 200)
    canvas.resize(260, 170)
    qtbot.waitUntil(lambda: canvas.view.viewport == (260, 170), timeout=1000)


def test_the_wheel_zooms_about_the_pointer(canvas, mouse):
    view = canvas.view
    view.set_view(1.0, (50.0, 40.0))
    pointer = (230.0, 60.0)
    under = view.to_image(*pointer)
    mouse.wheel(canvas, pointer, 1)
    assert view.zoom == pytest.approx(1.25)
    assert view.to_screen(*under) == pytest.approx(pointer)
    mouse.wheel(canvas, pointer, -2)
    assert view.zoom == pytest.approx(1.25 / 1.25 ** 2)
    assert view.to_screen(*under) == pytest.approx(pointer)


def test_a_left_drag_pans_by_the_distance_dragged(canvas, mouse):
    view = canvas.view
    view.set_view(2.0, (50.0, 40.0))
    mouse.drag(canvas, (100, 100), (130, 80))
    assert view.centre == pytest.approx((50.0 - 30 / 2.0, 40.0 + 20 / 2.0))
    assert view.zoom == 2.0
    assert canvas.measurement is None  # a plain drag is not a measurement


def test_keys_zoom_fit_show_actual_pixels_and_pan(canvas, qtbot):
    view = canvas.view
    view.set_view(1.0, (50.0, 40.0))
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert view.zoom == pytest.approx(1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Equal)
    assert view.zoom == pytest.approx(1.25 ** 2)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert view.zoom == pytest.approx(1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert view.zoom == pytest.approx(min(300 / 100, 200 / 80) * 0.98) and view.centre == (50.0, 40.0)
    qtbot.keyClick(canvas, Qt.Key.Key_1)
    assert view.zoom == 1.0
    qtbot.keyClick(canvas, Qt.Key.Key_Right)  # look right: the image moves left
    assert view.centre == pytest.approx((50.0 + ARROW_STEP, 40.0))
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    assert view.centre == pytest.approx((50.0 + ARROW_STEP, 40.0 - ARROW_STEP))


def test_a_double_click_fits(canvas, mouse):
    canvas.view.set_view(5.0, (10.0, 10.0))
    mouse.double_click(canvas, (20, 20))
    assert canvas.view.centre == (50.0, 40.0) and canvas.view.zoom == pytest.approx(2.45)


def test_the_image_is_painted_where_the_view_says(canvas, grab):
    view = canvas.view
    view.set_view(2.0, (50.0, 40.0))
    px = grab(canvas)
    assert at(px, *view.to_screen(45, 25)) == RED  # the square's middle
    assert at(px, *view.to_screen(30, 60)) == GREY
    assert at(px, 2, 2) == tuple(viewer.BACKGROUND.getRgb()[:3])  # outside the image
    view.pan_by(-70, 30)
    px = grab(canvas)
    assert at(px, *view.to_screen(45, 25)) == RED
    assert at(px, 150 - 10 * 2 + 10, 100 - 30 * 2 + 10) != RED  # where the square was before the pan


def test_pixels_are_squares_above_twice_the_size_and_smoothed_below(canvas, grab):
    img = np.zeros((80, 100, 3), np.uint8)
    img[:, 50:] = 255  # a sharp edge at x = 50
    canvas.set_image(img)
    canvas.view.set_view(8.0, (50.0, 40.0))
    px = grab(canvas)
    edge = canvas.view.to_screen(50, 40)[0]
    assert at(px, edge - 2, 100) == (0, 0, 0) and at(px, edge + 1, 100) == (255, 255, 255)
    canvas.view.set_view(1.5, (50.0, 40.0))
    row = grab(canvas)[100, :, 0].astype(int)
    assert ((row > 20) & (row < 235)).any()  # interpolated across the edge


def test_the_adjustment_changes_the_painted_colours_and_the_conversion_is_cached(canvas, grab, monkeypatch):
    conversions = []
    real = viewer.to_display_qimage
    monkeypatch.setattr(viewer, "to_display_qimage", lambda a: conversions.append(a.shape) or real(a))
    canvas.invalidate()
    canvas.view.set_view(2.0, (50.0, 40.0))
    spot = canvas.view.to_screen(20, 60)
    assert at(grab(canvas), *spot) == GREY
    canvas.view.pan_by(5, 5)
    spot = canvas.view.to_screen(20, 60)
    assert at(grab(canvas), *spot) == GREY
    assert len(conversions) == 1  # panning repaints without converting again
    canvas.adjust.set(brightness=0.25)
    assert at(grab(canvas), *spot) == (192, 192, 192)
    canvas.adjust.set(channel="green")
    assert at(grab(canvas), *canvas.view.to_screen(45, 25)) == (64, 64, 64)  # red has no green: 0 + 0.25
    assert len(conversions) == 3


def test_the_loupe_toggles_and_magnifies_at_the_pointer(canvas, grab, mouse, qtbot):
    img = np.full((80, 100, 3), GREY, np.uint8)
    img[38:42, 48:52] = RED  # a 4 x 4 dot about (50, 40)
    canvas.set_image(img)
    canvas.view.set_view(1.0, (50.0, 40.0))
    pointer = canvas.view.to_screen(50, 40)
    mouse.move(canvas, pointer)
    beside = (pointer[0] + 6, pointer[1] + 3)  # 6 image pixels away at 1x, 1.5 in a 4x loupe
    assert at(grab(canvas), *beside) == GREY
    with qtbot.waitSignal(canvas.loupe_toggled) as toggled:
        qtbot.keyClick(canvas, Qt.Key.Key_L)
    assert toggled.args == [True] and canvas.loupe_on
    assert at(grab(canvas), *beside) == RED
    canvas.toggle_loupe()
    assert not canvas.loupe_on and at(grab(canvas), *beside) == GREY


def test_the_ruler_measures_in_millimetres_from_the_dpi(canvas, mouse, qtbot):
    canvas.view.set_view(2.0, (50.0, 40.0))
    canvas.set_dpi(254)  # 0.1 mm per pixel
    with qtbot.waitSignal(canvas.ruler_toggled):
        qtbot.keyClick(canvas, Qt.Key.Key_R)
    assert canvas.ruler_on
    with qtbot.waitSignal(canvas.measurement_changed):
        mouse.drag(canvas, (50, 50), (50 + 120, 50 + 160))  # 60 x 80 image pixels: 100 px
    m = canvas.measurement
    assert m.pixels == pytest.approx(100.0) and m.mm == pytest.approx(10.0) and m.text == "10.00 mm"
    assert canvas.view.centre == (50.0, 40.0)  # measuring does not pan
    canvas.set_dpi(None)
    assert canvas.measurement.text == "100.0 px"
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.measurement is None


def test_shift_drag_measures_without_ruler_mode(canvas, mouse):
    canvas.view.set_view(1.0, (50.0, 40.0))
    canvas.set_dpi(300)
    mouse.drag(canvas, (100, 100), (130, 140), modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert not canvas.ruler_on
    assert canvas.measurement == Measurement(canvas.view.to_image(100, 100), canvas.view.to_image(130, 140), 300.0)
    assert canvas.measurement.mm == pytest.approx(50 * 25.4 / 300)


def test_the_scale_bar_shows_a_round_length_in_mm(canvas, grab):
    assert scale_bar_mm(1.0, 254) == 10  # 10 px per mm: 10 mm is 100 px, 20 mm would be 200
    assert scale_bar_mm(4.0, 254) == 2
    canvas.view.set_view(1.0, (50.0, 40.0))
    canvas.set_dpi(254)
    y = canvas.height() - 16
    assert at(grab(canvas), 16 + 50, y) != (255, 255, 255)  # only in ruler mode
    canvas.set_ruler(True)
    px = grab(canvas)
    assert at(px, 16 + 50, y) == (255, 255, 255) and at(px, 16 + 95, y) == (255, 255, 255)
    assert at(px, 16 + 110, y) != (255, 255, 255)


def test_findings_are_boxed_red_for_alarms_amber_for_notes_and_the_selected_one_thicker(canvas, grab):
    canvas.set_image(np.full((80, 100, 3), GREY, np.uint8))
    canvas.view.set_view(2.0, (50.0, 40.0))
    alarm = Finding(FindingKind.PORTRAIT, "visible", (10, 10, 20, 20), 0.9)
    note = Finding(FindingKind.VIZ_FIELD, "visible", (60, 40, 20, 20), 0.2)
    canvas.set_findings([alarm, note])
    px = grab(canvas)
    lx, ty = canvas.view.to_screen(10, 10)
    nx, ny = canvas.view.to_screen(60, 40)
    assert at(px, lx, ty + 20) == tuple(viewer.ALARM_COLOUR.getRgb()[:3])
    assert at(px, nx, ny + 20) == tuple(viewer.NOTE_COLOUR.getRgb()[:3])
    assert at(px, lx + 2, ty + 20) == GREY  # a thin line
    canvas.set_findings([alarm, note], selected=0)
    assert at(grab(canvas), lx + 1, ty + 20) == tuple(viewer.ALARM_COLOUR.getRgb()[:3])
    with pytest.raises(ValueError, match="index the 2 findings"):
        canvas.set_findings([alarm, note], selected=2)


def test_without_an_image_the_canvas_shows_its_message_and_ignores_the_wheel(qtbot, grab, mouse):
    c = ImageCanvas(ViewState())
    qtbot.addWidget(c)
    c.resize(200, 120)
    c.show()
    blank = grab(c)
    c.set_message("No case is open.")
    assert (grab(c) != blank).any()
    mouse.wheel(c, (100, 60), 1)
    assert c.view.zoom == 1.0


def test_a_wrong_array_is_refused_when_given_not_when_painted(canvas):
    with pytest.raises(ValueError, match="uint8"):
        canvas.set_image(np.zeros((8, 8, 3), np.float32))
    with pytest.raises(ValueError, match=r"\(H, W, 3\) RGB"):
        canvas.set_image(np.zeros((8, 8, 4), np.uint8))
    assert canvas.image.shape == (80, 100, 3)  # the previous image stays


def test_a_closed_canvas_is_let_go_by_the_state(qtbot):
    view, adjust = ViewState(), Adjustment()
    c = ImageCanvas(view, adjust)
    c.set_image(image_with_square())
    shiboken6.delete(c)  # the C++ object goes; the wrapper and the state's connection remain
    view.zoom_by(2.0)  # would raise "already deleted" if the canvas were still called
    adjust.set(gamma=2.0)
    assert len(view.events.all) == 0 and len(adjust.events.all) == 0


def test_qimages_own_their_pixels_and_come_back_as_arrays():
    rgb = np.arange(5 * 7 * 3, dtype=np.uint8).reshape(5, 7, 3)
    grey = np.arange(5 * 7, dtype=np.uint8).reshape(5, 7)
    qi, qg = to_qimage(rgb.copy()), to_qimage(grey.copy())
    np.testing.assert_array_equal(to_array(qi), rgb)  # the array given is gone: the image kept a copy
    np.testing.assert_array_equal(to_array(qg), np.repeat(grey[..., None], 3, axis=2))
    np.testing.assert_array_equal(to_array(to_qimage(rgb[:, ::2])), rgb[:, ::2])  # a strided view
    with pytest.raises(ValueError, match="uint8"):
        to_qimage(rgb.astype(np.int16))


def test_the_heat_map_is_transparent_where_nothing_differs_and_red_where_everything_does():
    heat = np.array([[0.0, 0.25, 1.0, np.nan]], np.float32)
    rgba = heatmap_rgba(heat)
    assert rgba[0, 0, 3] == 0 and rgba[0, 3, 3] == 0  # NaN counts as no difference
    assert 0 < rgba[0, 1, 3] < rgba[0, 2, 3]
    assert tuple(rgba[0, 2, :3]) == tuple(HEAT_LUT[255]) and HEAT_LUT[255, 0] > 200 and HEAT_LUT[255, 1] < 30
    assert heatmap_qimage(heat).hasAlphaChannel()
    with pytest.raises(ValueError, match="2-D float"):
        heatmap_rgba(np.zeros((3, 3), np.uint8))
