"""The inspector both pipelines keep their steps' images with: by step (and light), written whole or not at all."""

from enum import StrEnum

import cv2
import numpy as np

from docexam.inspector import Inspector


class Demo(StrEnum):
    GREY = "01-grey"
    MASK = "02-mask"


def test_an_inspector_without_folder_or_collect_keeps_nothing():
    inspector = Inspector()
    inspector.keep(Demo.GREY, np.zeros((4, 4), np.uint8))
    assert not inspector.active and inspector.images == {}


def test_images_are_kept_by_step_and_light_and_written_as_png(tmp_path):
    inspector = Inspector(tmp_path / "out", prefix="doc-")
    rgb = np.zeros((6, 8, 3), np.uint8)
    rgb[..., 0] = 200  # red, so a channel swap would show
    inspector.keep(Demo.GREY, rgb, "uv")
    inspector.keep(Demo.MASK, np.full((6, 8), 0.5, np.float32))
    assert set(inspector.images) == {(Demo.GREY, "uv"), (Demo.MASK, None)}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc-02-mask.png", "doc-uv-01-grey.png"]
    back = cv2.imread(str(tmp_path / "out" / "doc-uv-01-grey.png"))
    assert back[0, 0].tolist() == [0, 0, 200]  # BGR on disk: the red stayed red
    assert cv2.imread(str(tmp_path / "out" / "doc-02-mask.png"), cv2.IMREAD_GRAYSCALE)[0, 0] == 127


def test_collect_keeps_images_without_writing(tmp_path):
    inspector = Inspector(collect=True)
    inspector.keep(Demo.GREY, np.zeros((4, 4), np.uint8), "ir")
    assert inspector.active and (Demo.GREY, "ir") in inspector.images
