"""One change-event style for the workstation's state: evented dataclasses whose fields are checked when set and
announced only when changed, with changes of several fields announced once they are all set."""

import pytest

from docexam.workbench import Adjustment, Channel, CompareState, ViewState
from docexam.workbench.events import set_together


def test_a_direct_assignment_is_checked_like_a_setter_and_leaves_the_value_as_it_was():
    a, c, v = Adjustment(), CompareState(), ViewState()
    with pytest.raises(ValueError, match="gamma must be from 0.1 to 10"):
        a.gamma = 50
    with pytest.raises(ValueError, match="mode must be one of"):
        c.mode = "blink"
    with pytest.raises(ValueError, match="centre must be an"):
        v.centre = (1.0, float("nan"))
    assert (a.gamma, c.mode, v.centre) == (1.0, "single", (0.0, 0.0))
    a.channel = "red"
    assert a.channel is Channel.RED  # stored as the enum, whatever was given


def test_each_field_has_its_own_signal_with_the_new_and_the_old_value():
    a = Adjustment()
    gammas = []
    a.events.gamma.connect(lambda new, old: gammas.append((new, old)))
    a.set(gamma=2.0, brightness=0.1)
    a.set(gamma=2.0)
    assert gammas == [(2.0, 1.0)]


def test_zoom_and_centre_changed_together_are_announced_once_both_are_set():
    v = ViewState()
    v.set_viewport(800, 600)
    seen = []
    v.events.connect(lambda: seen.append((v.zoom, v.centre)))
    v.set_view(4.0, (100, 50))
    assert seen == [(4.0, (100.0, 50.0))] * 2  # one per field, each seeing the whole change


def test_set_together_announces_only_the_fields_that_changed():
    c = CompareState()
    names = []
    c.events.connect(lambda info: names.append(info.signal.name))
    set_together(c, opacity=0.5, swipe=0.25, locked=True)
    assert names == ["swipe"]


def test_assigning_the_zoom_ends_a_fit_as_zooming_does():
    v = ViewState()
    v.set_viewport(400, 300)
    v.fit((800, 600))
    assert v.fitted
    v.zoom = 2.0
    assert not v.fitted
    v.set_viewport(800, 600)
    assert v.zoom == 2.0  # the examiner's zoom is kept when the window grows


def test_state_objects_are_compared_by_identity_and_can_be_dictionary_keys():
    a, b = Adjustment(), Adjustment()
    assert a != b and len({a: 1, b: 2}) == 2


def test_opening_a_case_announces_case_comparison_selection_light_and_reference_in_that_order(tmp_path):
    from docexam.store import Store
    from docexam.workbench import Workbench

    store = Store.open(tmp_path / "cases.db", actor="examiner-1")
    try:
        bench = Workbench(store)
        case = bench.new_case("Passport UTO")
        seen = []
        bench.events.connect(lambda info: seen.append((info.signal.name, info.args[0])))
        bench.open_case(case.summary.id)  # the same case again: every pane is told, even of what did not change
        assert [name for name, _ in seen] == ["case", "comparison", "selected", "light", "reference"]
        assert seen[0][1] is bench.case
        assert seen[1:] == [("comparison", None), ("selected", None), ("light", "visible"), ("reference", None)]
    finally:
        store.close()
