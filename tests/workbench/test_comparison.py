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


def test_a_difference_map_is_summed_up_by_its_peak_and_its_share_above_the_threshold():
    import numpy as np

    from docexam.compare.result import DIFFERENCE_THRESHOLD
    from docexam.workbench.comparison import summarise_heat

    heat = np.zeros((10, 10), np.float32)
    heat[:, :5] = 0.07  # the compared design, all alike the specimen
    calm = summarise_heat(heat)
    assert calm.peak == pytest.approx(0.07) and calm.share_above == 0.0 and not calm.above
    assert calm.threshold == DIFFERENCE_THRESHOLD
    assert "No difference above the threshold (0.50) in UV" in calm.message("UV")
    assert calm.legend() == "largest 0.07, none above 0.50"
    heat[0, :5] = 0.9
    heat[1, 0] = np.nan  # not compared
    hot = summarise_heat(heat)
    assert hot.above and hot.peak == pytest.approx(0.9) and hot.share_above == pytest.approx(5 / 49)
    assert hot.message("UV") == "" and hot.legend() == "largest 0.90, 10.2% above 0.50"
    assert summarise_heat(heat, threshold=0.95).share_above == 0.0
    with pytest.raises(ValueError, match="2-D float"):
        summarise_heat(np.zeros((3, 3), np.uint8))
    with pytest.raises(ValueError, match="threshold"):
        summarise_heat(heat, threshold=0.0)
