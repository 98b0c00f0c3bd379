"""The comparison mode and its settings without Qt: each change named, each value checked."""

import pytest

from docexam.workbench.comparison import CompareMode, CompareState


def _recorder(signal):
    seen = []
    signal.connect(lambda *a: seen.append(a))
    return seen


def test_compare_state_names_what_changed_and_checks_ranges():
    c = CompareState()
    seen = _recorder(c.events)
    c.set_mode("overlay")
    c.set_mode(CompareMode.OVERLAY)
    c.set_opacity(0.25)
    c.set_flicker_hz(4)
    assert [s[0].signal.name for s in seen] == ["mode", "opacity", "flicker_hz"]
    assert c.flicker_interval_ms == 125
    with pytest.raises(ValueError, match="mode must be one of"):
        c.set_mode("blink")
    with pytest.raises(ValueError, match="opacity"):
        c.set_opacity(1.5)
    with pytest.raises(ValueError, match="flicker"):
        c.set_flicker_hz(100)
