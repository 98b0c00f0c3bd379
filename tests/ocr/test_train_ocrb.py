"""tools/train_ocrb.py runs end to end on a tiny setting and its data are seeded."""

import importlib.util

import numpy as np
import pytest

from docexam.ocr import ocrb
from tests.conftest import ROOT


def _tool():
    spec = importlib.util.spec_from_file_location("train_ocrb", ROOT / "tools" / "train_ocrb.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_training_data_are_reader_cells_with_labels_and_the_same_seed_makes_the_same():
    tool = _tool()
    x, y, tags = tool.make_data(150, 5, chunk=1)
    assert x.shape == (150, *ocrb.CELL_SHAPE) and x.dtype == np.float32 and 0 <= x.min() and x.max() <= 1
    assert y.shape == (150,) and y.max() < 37 and len(tags) == 150 and " / " in tags[0]
    x2, y2, _ = tool.make_data(150, 5, chunk=1)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    x3, _, _ = tool.make_data(150, 6, chunk=1)
    assert not np.array_equal(x, x3)


def test_training_runs_end_to_end_and_writes_a_model_the_recogniser_loads(tmp_path, capsys):
    out = tmp_path / "m.npz"
    assert _tool().main(["--cells", "300", "--test-cells", "80", "--epochs", "2", "--hidden", "16", "--workers", "1",
                         "--chunk", "2", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "held-out simulated cell accuracy" in said and "epoch 2/2" in said
    model = ocrb.load_model(str(out))
    assert model.w1.shape == (ocrb.CELL_SHAPE[0] * ocrb.CELL_SHAPE[1], 16) and model.w2.shape == (16, 37)
    cells = np.zeros((3, *ocrb.CELL_SHAPE), np.float32)
    assert len(ocrb.classify(cells, model=model)) == 3


def test_training_refuses_a_held_out_face(monkeypatch):
    from docexam.ocr.training import printsim

    tool = _tool()
    assert not {f.name for f in tool.training_faces()} & {name for name, _ in printsim.HELD_OUT_FACES}
    name, path = printsim.HELD_OUT_FACES[0]
    leaked = (*printsim.available_faces(), printsim.Face(name, "mono", path))
    monkeypatch.setattr(printsim, "available_faces", lambda: leaked)
    with pytest.raises(ValueError, match=name):
        tool.make_data(50, 5, chunk=1)


def test_fine_tuning_starts_from_the_given_model_and_keeps_its_input_normalisation():
    tool = _tool()
    x, y, _ = tool.make_data(200, 11, chunk=1, soft=1.0)
    start = tool.train(x, y, hidden=8, epochs=1, seed=3)
    same = tool.train(x, y, hidden=8, epochs=0, seed=4, init=start)
    assert all(np.array_equal(getattr(same, k), getattr(start, k)) for k in ("w1", "b1", "w2", "b2", "mean", "std"))
    tuned = tool.train(x[:100], y[:100], hidden=8, epochs=1, seed=4, init=start, lr=1e-3)
    assert np.array_equal(tuned.mean, start.mean) and np.array_equal(tuned.std, start.std)
    assert not np.array_equal(tuned.w1, start.w1)
    # a small step from the start, not a network drawn anew
    assert np.abs(tuned.w1 - start.w1).max() < 0.1 * np.abs(start.w1).max()
