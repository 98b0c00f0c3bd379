"""The trainee's viewer: a document beside its reference in the light of the state, a drag on the questioned image
that hands out a mark in image pixels, the marks and the key drawn over it."""

import numpy as np
import pytest

from docexam.gui.exercise_view import KEY_COLOUR, MARK_COLOUR, ExerciseView
from docexam.workbench.trainee import DocumentImages, TraineeView
from docexam.workbench.training import KeyRegion, Marks


def images(doc="doc-0001", aligned=True):
    q = np.full((200, 300, 3), 200, np.uint8)
    r = np.full((200, 300, 3), 120, np.uint8)
    return DocumentImages(doc, "td1", {"visible": q, "uv": q[..., ::-1].copy()}, {"visible": r, "uv": r},
                          aligned=aligned, problem="" if aligned else "could not be aligned")


@pytest.fixture
def view(qtbot):
    v = ExerciseView(TraineeView())
    qtbot.addWidget(v)
    v.resize(900, 500)
    v.show()
    qtbot.waitExposed(v)
    v.state.show_document("doc-0001")
    v.state.set_images(images())
    return v


def test_the_document_and_its_reference_are_shown_fitted_in_the_light_chosen(view):
    c, r = view.canvas, view.reference_canvas
    assert c.image is view.state.images.questioned["visible"] and r.image is view.state.images.reference["visible"]
    assert view.view.fitted and c.caption == "doc-0001, Visible" and r.caption == "Reference TD1, Visible"
    assert view.light_buttons["visible"].isChecked() and not view.light_buttons["ir"].isEnabled()
    view.light_buttons["uv"].click()
    assert view.state.light == "uv" and c.image is view.state.images.questioned["uv"]


def test_a_drag_on_the_questioned_image_hands_out_a_mark_in_image_pixels(qtbot, view, mouse, grab):
    got = []
    view.mark_drawn.connect(lambda light, box: got.append((light, box)))
    c, v = view.canvas, view.view
    start, end = v.to_screen(40, 30), v.to_screen(140, 110)
    mouse.drag(c, start, end)
    assert len(got) == 1 and got[0][0] == "visible"
    x, y, w, h = got[0][1]
    assert abs(x - 40) <= 1 and abs(y - 30) <= 1 and abs(w - 100) <= 2 and abs(h - 80) <= 2
    assert v.fitted  # drawing does not pan
    marks = Marks()
    view.set_marks(marks)
    marks.add(*got[0])
    shot = grab(c)
    sx, sy = (round(t) for t in v.to_screen(90, 30))
    assert any(np.abs(shot[yy, sx].astype(int) - [MARK_COLOUR.red(), MARK_COLOUR.green(), MARK_COLOUR.blue()]).max() < 40
               for yy in range(sy - 2, sy + 3))


def test_with_drawing_off_or_an_unaligned_document_a_drag_pans(qtbot, view, mouse):
    got = []
    view.mark_drawn.connect(lambda *a: got.append(a))
    view.draw_button.setChecked(False)
    assert not view.state.drawing
    mouse.drag(view.canvas, (300, 250), (350, 280))
    assert got == [] and not view.view.fitted
    view.draw_button.setChecked(True)
    view.state.set_images(images(aligned=False))
    assert not view.draw_button.isEnabled() and view.canvas.message == "could not be aligned"
    mouse.drag(view.canvas, (300, 250), (350, 280))
    assert got == []


def test_the_key_is_drawn_over_the_image_once_given(view, grab):
    c, v = view.canvas, view.view
    sx, sy = (round(t) for t in v.to_screen(150, 50))
    before = grab(c)[sy - 2:sy + 3, sx]
    green = np.array([KEY_COLOUR.red(), KEY_COLOUR.green(), KEY_COLOUR.blue()])
    assert not any(np.abs(p.astype(int) - green).max() < 40 for p in before)
    view.state.set_key("doc-0001", [KeyRegion("photo_substitution", ("visible",), (100, 50, 80, 60))])
    after = grab(c)[sy - 2:sy + 3, sx]
    assert any(np.abs(p.astype(int) - green).max() < 40 for p in after)
