"""A pane's view without Qt: the follow-the-pointer zoom, its limits, a pan by screen pixels, a fit that follows the
viewport until the examiner zooms or pans, and the ruler's millimetres."""

import pytest

from docexam.workbench.view import MAX_ZOOM, MIN_ZOOM, ViewState, mm_per_pixel


def test_zoom_about_a_point_keeps_that_point_under_the_pointer():
    v = ViewState()
    v.set_viewport(800, 600)
    v.set_view(1.0, (400, 300))
    anchor = (500.0, 350.0)
    before = v.to_screen(*anchor)
    v.zoom_by(2.5, anchor=anchor)
    assert v.zoom == 2.5
    assert v.to_screen(*anchor) == pytest.approx(before)
    assert v.to_image(*v.to_screen(123, 45)) == pytest.approx((123, 45))


def test_zoom_stops_at_its_limits_and_pan_moves_by_screen_pixels():
    v = ViewState()
    v.zoom_by(1e6)
    assert v.zoom == MAX_ZOOM
    v.zoom_by(1e-9)
    assert v.zoom == MIN_ZOOM
    v.set_view(2.0, (100, 100))
    v.pan_by(40, -20)  # drag right and up: the image moves with the pointer
    assert v.centre == pytest.approx((80, 110))
    with pytest.raises(ValueError):
        v.zoom_by(0)
    with pytest.raises(ValueError):
        v.set_viewport(0, 10)


def test_fit_and_show_box():
    v = ViewState()
    v.set_viewport(1000, 500)
    v.fit((2000, 2000))
    assert v.zoom == pytest.approx(0.25 * 0.98) and v.centre == (1000, 1000)
    v.show_box((100, 200, 50, 20), margin=0.5)
    assert v.centre == (125, 210)
    x0, y0 = v.to_screen(100, 200)
    x1, y1 = v.to_screen(150, 220)
    assert 0 < x0 < x1 < 1000 and 0 < y0 < y1 < 500  # the whole box is on screen
    assert v.zoom == 8.0  # a small box: no closer than 8 screen pixels per image pixel
    v.show_box((0, 0, 400, 100), margin=0.5)  # 400 px and half its size either side fill the 1000 px width
    assert v.zoom == pytest.approx(1000 / 800) and v.centre == (200, 50)


def test_millimetres_per_pixel():
    assert mm_per_pixel(300) == pytest.approx(0.084666, rel=1e-4)
    with pytest.raises(ValueError):
        mm_per_pixel(0)


def test_a_fit_follows_the_viewport_until_the_examiner_zooms_or_pans():
    v = ViewState()
    v.set_viewport(400, 300)
    v.fit((800, 600))
    assert v.fitted and v.zoom == pytest.approx(0.49)
    v.set_viewport(800, 600)  # the window grew, or one pane became the whole view
    assert v.zoom == pytest.approx(0.98) and v.centre == (400.0, 300.0)
    v.zoom_by(2.0)
    assert not v.fitted
    v.set_viewport(400, 300)
    assert v.zoom == pytest.approx(1.96)  # the examiner's zoom is kept
    v.fit((800, 600))
    v.pan_by(10, 0)
    assert not v.fitted


def test_the_same_view_set_again_keeps_the_fit_as_a_locked_pane_echoes_it():
    v = ViewState()
    v.set_viewport(400, 300)
    v.fit((800, 600))
    seen = []
    v.events.connect(lambda *a: seen.append(a))
    v.set_view(v.zoom, v.centre)  # the reference pane, locked, hands the same view back
    assert v.fitted and seen == []
    v.set_viewport(800, 600)  # so a mode change (one pane becoming two, or one) still refits
    assert v.zoom == pytest.approx(0.98)
    v.set_view(0.5, v.centre)  # a different view is the examiner's: the fit ends
    assert not v.fitted
