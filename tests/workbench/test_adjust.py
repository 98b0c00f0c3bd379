"""The viewer's adjustment without Qt: the look-up table as documented, the channel views, and a change announced
only when something changed, after every value was checked."""

import numpy as np
import pytest

from docexam.workbench.adjust import Adjustment, Channel


def _recorder(signal):
    seen = []
    signal.connect(lambda *a: seen.append(a))
    return seen


def test_identity_adjustment_returns_the_image_untouched():
    img = np.arange(48, dtype=np.uint8).reshape(4, 4, 3)
    assert Adjustment().apply(img) is img


def test_brightness_contrast_gamma_change_the_look_up_table_as_documented():
    a = Adjustment()
    a.set(gamma=2.0)
    lut = a.lut()
    assert lut[0] == 0 and lut[255] == 255 and lut[64] == round(255 * (64 / 255) ** 0.5)  # shadows lifted
    a.set(gamma=1.0, contrast=2.0)
    assert a.lut()[128] in (128, 129) and a.lut()[64] < 64 and a.lut()[192] > 192
    a.set(contrast=1.0, brightness=0.2)
    assert a.lut()[100] == 100 + 51


def test_channel_views():
    img = np.zeros((2, 2, 3), np.uint8)
    img[..., 0], img[..., 1], img[..., 2] = 10, 20, 60
    a = Adjustment()
    a.set(channel="green")
    assert a.apply(img).shape == (2, 2) and (a.apply(img) == 20).all()
    a.set(channel=Channel.GREY)
    assert (a.apply(img) == 22).all()  # luma, 0.299 R + 0.587 G + 0.114 B, as a grey scanner sees it


def test_the_adjusted_image_is_the_look_up_table_applied_to_each_pixel():
    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, (31, 47, 3), dtype=np.uint8)
    a = Adjustment()
    a.set(brightness=-0.1, contrast=1.7, gamma=0.6)
    assert np.array_equal(a.apply(img), a.lut()[img])
    a.set(channel="blue")
    assert np.array_equal(a.apply(img), a.lut()[img[..., 2]])


def test_adjustment_emits_only_on_change_and_validates_before_changing():
    a = Adjustment()
    seen = _recorder(a.events)
    a.set(brightness=0.0)
    assert seen == []
    a.set(brightness=0.1)
    assert len(seen) == 1
    with pytest.raises(ValueError, match="gamma must be from 0.1 to 10"):
        a.set(brightness=0.5, gamma=0)
    assert a.brightness == 0.1 and len(seen) == 1  # nothing changed
    with pytest.raises(ValueError, match="channel must be one of"):
        a.set(channel="infrared")
    with pytest.raises(ValueError, match="uint8"):
        a.apply(np.zeros((2, 2), np.float32))
