"""The comparison view mirrors the workbench: its light, comparison, mode, opacity, swipe, flicker, locked panes,
findings and selection; and its panes change the workbench back (the napari shape)."""

import numpy as np
import pytest

from docexam.compare.result import Comparison, Finding, FindingKind
from docexam.gui.compare_view import CompareView
from docexam.workbench import CompareMode

W, H = 120, 80
CAPTURE = (0, 0, 200)  # the raw questioned capture (not in the reference frame)
RECTIFIED = (200, 40, 40)  # the questioned image warped into the reference frame
REFERENCE = (40, 200, 40)
UV_RECTIFIED = (150, 0, 150)


def solid(rgb, width=W, height=H):
    return np.full((height, width, 3), rgb, np.uint8)


def comparison(*, heat=True):
    hm = np.zeros((H, W), np.float32)
    hm[:, W // 2:] = 1.0
    # highest score first, as the pipeline gives them; clear of row 40 where the tests look at the colours
    findings = [Finding(FindingKind.PORTRAIT, "visible", (4, 4, 20, 20), 0.9),
                Finding(FindingKind.UV_UNEXPECTED, "uv", (20, 2, 10, 10), 0.7),
                Finding(FindingKind.VIZ_FIELD, "visible", (90, 60, 20, 15), 0.3)]
    return Comparison(alignments={}, findings=findings,
                      rectified={"visible": solid(RECTIFIED), "uv": solid(UV_RECTIFIED)},
                      heatmaps={"visible": hm} if heat else {})


@pytest.fixture
def view(qtbot, workbench, add_capture):
    add_capture(workbench, "visible", solid(CAPTURE, 150, 100))
    add_capture(workbench, "uv", solid((30, 30, 30), 150, 100))
    v = CompareView(workbench)
    qtbot.addWidget(v)
    v.set_reference_images({"visible": solid(REFERENCE), "uv": solid((90, 90, 90))}, dpi=300)
    v.resize(400, 200)
    v.show()
    qtbot.waitExposed(v)
    workbench.view.set_view(1.0, (W / 2, H / 2))
    return v


def centre_colour(canvas, grab, dx=0):
    px = grab(canvas)
    return tuple(int(c) for c in px[canvas.height() // 2, canvas.width() // 2 + dx])


def test_single_mode_shows_the_capture_until_compared_then_the_rectified_image(view, workbench, grab):
    q = view.questioned_canvas
    assert not view.reference_canvas.isVisible()
    assert centre_colour(q, grab) == CAPTURE and q.dpi == 300
    assert q.findings == []  # the raw capture is not in the reference frame of the boxes
    workbench.set_comparison(comparison())
    assert centre_colour(q, grab) == RECTIFIED
    assert [f.kind for f in q.findings] == [FindingKind.PORTRAIT, FindingKind.VIZ_FIELD]  # this light's
    workbench.set_light("uv")
    assert centre_colour(q, grab) == UV_RECTIFIED and [f.light for f in q.findings] == ["uv"]


def test_without_a_case_the_view_says_so(qtbot, workbench, grab):
    v = CompareView(workbench)
    qtbot.addWidget(v)
    v.resize(300, 200)
    v.show()
    assert v.questioned_canvas.image is None and v.questioned_canvas.message == "No case is open."


def test_overlay_blends_the_questioned_image_over_the_reference_at_the_opacity(view, workbench, grab):
    workbench.set_comparison(comparison())
    workbench.compare.set_mode(CompareMode.OVERLAY)
    q = view.questioned_canvas
    workbench.compare.set_opacity(0.0)
    assert centre_colour(q, grab) == REFERENCE
    workbench.compare.set_opacity(1.0)
    assert centre_colour(q, grab) == RECTIFIED
    workbench.compare.set_opacity(0.5)
    mixed = centre_colour(q, grab)
    assert all(abs(m - (a + b) / 2) <= 2 for m, a, b in zip(mixed, RECTIFIED, REFERENCE, strict=True))
    assert "50%" in q.caption


def test_overlay_before_comparing_warns_that_the_capture_is_not_aligned(view, workbench):
    workbench.compare.set_mode(CompareMode.OVERLAY)
    assert "not aligned" in view.questioned_canvas.message
    view.set_reference_images({})
    assert "No reference image in visible light" in view.questioned_canvas.message


def test_swipe_shows_the_reference_left_of_the_line_and_dragging_moves_it(view, workbench, grab, mouse):
    workbench.set_comparison(comparison())
    workbench.compare.set_mode(CompareMode.SWIPE)
    q = view.questioned_canvas
    assert centre_colour(q, grab, -20) == REFERENCE and centre_colour(q, grab, +20) == RECTIFIED
    workbench.compare.set_swipe(0.25)
    assert centre_colour(q, grab, -20) == RECTIFIED
    line = q.swipe_x()
    mouse.drag(q, (line + 2, 100), (q.width() * 0.75, 100))
    assert workbench.compare.swipe == pytest.approx(0.75, abs=0.01)
    assert workbench.view.centre == (W / 2, H / 2)  # the drag moved the line, not the image
    assert centre_colour(q, grab, +20) == REFERENCE


def test_flicker_alternates_on_the_timer_and_stops_outside_its_mode_and_when_hidden(view, workbench, grab, qtbot):
    workbench.set_comparison(comparison())
    q = view.questioned_canvas
    assert not view.flicker_timer.isActive()
    workbench.compare.set_flicker_hz(4.0)
    workbench.compare.set_mode(CompareMode.FLICKER)
    assert view.flicker_timer.isActive() and view.flicker_timer.interval() == 125
    assert centre_colour(q, grab) == RECTIFIED
    view.flicker_tick()
    assert centre_colour(q, grab) == REFERENCE and q.caption.startswith("Reference")
    qtbot.waitUntil(lambda: centre_colour(q, grab) == RECTIFIED, timeout=2000)  # the timer's own tick
    workbench.compare.set_mode(CompareMode.SINGLE)
    assert not view.flicker_timer.isActive()
    workbench.compare.set_mode(CompareMode.FLICKER)
    view.hide()
    assert not view.flicker_timer.isActive()
    view.show()
    assert view.flicker_timer.isActive()


def test_locked_side_by_side_panes_follow_each_other(view, workbench, grab, mouse):
    workbench.set_comparison(comparison())
    workbench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
    q, r = view.questioned_canvas, view.reference_canvas
    assert r.isVisible() and r.x() < q.x()
    assert centre_colour(r, grab) == REFERENCE and centre_colour(q, grab) == RECTIFIED
    mouse.wheel(r, (r.width() / 2, r.height() / 2), 2)
    assert workbench.reference_view.zoom == pytest.approx(1.25 ** 2)
    assert workbench.view.zoom == pytest.approx(1.25 ** 2)
    mouse.drag(q, (50, 50), (80, 50))
    assert workbench.reference_view.centre == pytest.approx(workbench.view.centre)
    assert workbench.view.centre[0] == pytest.approx(W / 2 - 30 / 1.25 ** 2)


def test_unlocked_side_by_side_panes_move_alone(view, workbench, mouse):
    workbench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
    workbench.compare.set_locked(False)
    q, r = view.questioned_canvas, view.reference_canvas
    before = (workbench.view.zoom, workbench.view.centre)
    mouse.wheel(r, (r.width() / 2, r.height() / 2), 1)
    assert workbench.reference_view.zoom == pytest.approx(1.25)
    assert (workbench.view.zoom, workbench.view.centre) == before
    ref = (workbench.reference_view.zoom, workbench.reference_view.centre)
    mouse.drag(q, (50, 50), (90, 60))
    assert workbench.view.centre != before[1]
    assert (workbench.reference_view.zoom, workbench.reference_view.centre) == ref


def test_the_heat_map_mode_without_a_comparison_says_so(view, workbench, grab):
    workbench.compare.set_mode(CompareMode.HEATMAP)
    q = view.questioned_canvas
    assert q.image is None and "No difference map yet" in q.message
    assert centre_colour(q, grab, -40) != CAPTURE  # not the capture passing for "no difference"


def test_the_heat_map_colours_the_differences_over_the_questioned_image(view, workbench, grab):
    workbench.set_comparison(comparison())
    workbench.compare.set_mode(CompareMode.HEATMAP)
    q = view.questioned_canvas
    assert q.message == "" and q.caption.startswith("Difference map")
    assert centre_colour(q, grab, -20) == RECTIFIED  # heat 0: transparent
    hot = centre_colour(q, grab, +20)  # heat 1: red over the image
    assert hot != RECTIFIED and hot[0] > hot[1] + 100 and hot[0] > hot[2] + 100
    workbench.set_comparison(comparison(heat=False))
    assert q.image is None and "no difference map in visible" in q.message


def test_findings_follow_show_findings_and_the_selection(view, workbench):
    workbench.set_comparison(comparison())
    q, r = view.questioned_canvas, view.reference_canvas
    assert q.selected is None and len(r.findings) == 2
    workbench.select_finding(1)  # the UV one
    assert workbench.light == "uv" and [f.light for f in q.findings] == ["uv"] and q.selected == 0
    workbench.select_finding(2)
    assert workbench.light == "visible" and q.findings[q.selected].kind is FindingKind.VIZ_FIELD
    workbench.compare.set_show_findings(False)
    assert q.findings == [] and r.findings == []


def test_the_adjustment_applies_to_the_reference_too(view, workbench, grab):
    workbench.set_comparison(comparison())
    workbench.compare.set_mode(CompareMode.FLICKER)
    view.flicker_tick()
    workbench.adjust.set(channel="green")
    assert centre_colour(view.questioned_canvas, grab) == (REFERENCE[1],) * 3


def test_reference_images_are_checked(view):
    with pytest.raises(ValueError, match="uv reference image must be a uint8"):
        view.set_reference_images({"uv": np.zeros((4, 4), np.float32)})


def test_the_heat_map_has_a_legend_with_its_scale_and_says_when_nothing_is_above_the_threshold(view, workbench, grab):
    from docexam.gui.qimage import HEAT_LUT

    workbench.set_comparison(comparison())
    workbench.compare.set_mode(CompareMode.HEATMAP)
    q = view.questioned_canvas
    box = q.legend_rect()
    assert box is not None and q.heat_summary.above and q.message == ""
    px = grab(q)
    row = px[int(box.top() + 6 + q.fontMetrics().height() + 2 + 6)]  # through the colour bar
    left, right = row[int(box.left() + 14)], row[int(box.right() - 14)]
    assert np.abs(left.astype(int) - HEAT_LUT[0]).max() < 30 and np.abs(right.astype(int) - HEAT_LUT[255]).max() < 30
    calm = comparison()
    calm.heatmaps["visible"] = np.where(calm.heatmaps["visible"] > 0, np.float32(0.1), np.float32(0.0))
    workbench.set_comparison(calm)
    assert not q.heat_summary.above and "No difference above the threshold (0.50) in visible light" in q.message
    assert q.legend_rect() is not None
    shown = centre_colour(q, grab, +20)  # a small difference still shows, tinted on the scale (blue end)
    assert shown != RECTIFIED and shown[2] > RECTIFIED[2] + 20
    workbench.compare.set_mode(CompareMode.SINGLE)
    assert q.legend_rect() is None and q.heat_summary is None and q.message == ""


def test_a_fitted_view_refits_when_the_mode_changes_the_panes_and_when_resized_unless_zoomed(view, workbench, qtbot):
    workbench.set_comparison(comparison())
    q = view.questioned_canvas
    q.fit()
    single = workbench.view.zoom
    workbench.compare.set_mode(CompareMode.SIDE_BY_SIDE)  # two panes, each about half as wide
    qtbot.waitUntil(lambda: workbench.view.zoom < single * 0.75)
    assert workbench.view.fitted and workbench.reference_view.zoom == pytest.approx(workbench.view.zoom)
    workbench.compare.set_mode(CompareMode.OVERLAY)
    qtbot.waitUntil(lambda: workbench.view.zoom == pytest.approx(single))
    view.resize(800, 400)
    qtbot.waitUntil(lambda: workbench.view.zoom > single * 1.5)
    assert workbench.view.fitted
    workbench.view.zoom_by(1.25)  # the examiner zoomed: the view stays as it is
    zoomed = workbench.view.zoom
    workbench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
    qtbot.wait(50)
    assert workbench.view.zoom == pytest.approx(zoomed) and not workbench.view.fitted
