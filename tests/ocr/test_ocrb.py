"""The built-in recogniser: its model loads, is small, reads rendered OCR-B lines, and another model can be named."""

import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.mrz.alphabet import MRZ_ALPHABET
from docexam.ocr import ocrb
from docexam.ocr.training import printsim as ps
from tests.conftest import ROOT

#: The model trained on the print-and-capture simulator (issue 21), and the one trained on the font (issue 4).
PRINTSIM_MODEL = ROOT / "resources" / "ocrb_printsim.npz"
FONT_MODEL = ROOT / "resources" / "ocrb_mlp.npz"
#: The two bundled networks, and both read together (the default).
MODELS = {"font": str(FONT_MODEL), "printsim": str(PRINTSIM_MODEL), "both": None}

LINES = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
         "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<"]


def rendered(face_name="OCR-B", pitch=26.0):
    """The lines drawn cleanly in ``face_name`` and brought to the reader's pitch, with their true centres."""
    face = next(f for f in ps.available_faces() if f.name == face_name)
    block = ps.render_block(LINES, face=face, rng=np.random.default_rng(0), placement_jitter=0.0)
    refl = ps.lay_ink(block.ink, np.ones_like(block.ink), density=0.95)
    k = pitch / block.pitch
    img = ps.expose(ps.downsample(refl, factor=k), white=235, black=15)
    lines = [(pts[:, 0] * k + 0.5 * k - 0.5, float(pts[:, 1].mean()) * k + 0.5 * k - 0.5) for pts in block.centres]
    return np.clip(img, 0, 255).astype(np.uint8), lines, pitch


def read(img, lines, pitch, model=None, *, sureness=None):
    """The first choice of every cell, line by line; ``sureness`` (a list) collects their probabilities."""
    levels = ocrb.line_levels(img)
    out = []
    for xs, y in lines:
        cands = ocrb.classify(ocrb.cut_cells(img, xs, y, pitch, levels=levels), model=model)
        out.append("".join(c[0][0] for c in cands))
        if sureness is not None:
            sureness += [c[0][1] for c in cands]
    return out


@pytest.mark.parametrize("which", ["font", "printsim"])
def test_each_model_loads_small_with_a_class_per_mrz_character(which):
    path = MODELS[which]
    assert Path(path).stat().st_size < 3 * 1024 * 1024
    model = ocrb.load_model(MODELS[which])
    assert model.w2.shape[1] == len(MRZ_ALPHABET) == 37
    assert model.w1.shape[0] == ocrb.CELL_SHAPE[0] * ocrb.CELL_SHAPE[1]


@pytest.mark.parametrize("which", sorted(MODELS))
@pytest.mark.parametrize("pitch", [26.0, 20.0])
def test_each_model_reads_rendered_ocrb_lines_and_is_sure_of_every_character(pitch, which):
    img, lines, p = rendered(pitch=pitch)
    sure = []
    assert read(img, lines, p, ocrb.load_model(MODELS[which]), sureness=sure) == LINES
    # the reader trusts a reading only when every character is read with 0.45 or more (read.reader.trusted): a clean
    # OCR-B O, 0 or D must not be left in doubt
    assert min(sure) > 0.6


@pytest.mark.parametrize("which", ["printsim", "both"])
def test_the_simulator_trained_model_reads_a_monospaced_sans_mrz(which):
    # 77_card-cmw of the real corpus is printed in this face; the font-only model reads it as garbage, and the
    # default pair, where the simulator-trained network has most of the say (MODEL_WEIGHTS), as that network does
    img, lines, p = rendered("DejaVu Sans Mono")
    got = read(img, lines, p, ocrb.load_model(MODELS[which]))
    wrong = [(t, a) for g, tl in zip(got, LINES) for a, t in zip(g, tl) if a != t]
    # this face's slashed zero is its one doubt (read as O: numeric fields' structure and check digits settle it)
    assert all(w == ("0", "O") for w in wrong) and len(wrong) <= 0.05 * sum(map(len, LINES)), got


def test_probabilities_are_a_distribution_and_classify_ranks_them():
    img, lines, p = rendered()
    cells = ocrb.cut_cells(img, *lines[0], p)
    probs = ocrb.load_model().probabilities(cells)
    assert probs.shape == (len(LINES[0]), 37) and np.allclose(probs.sum(axis=1), 1, atol=1e-5)
    top = ocrb.classify(cells, top=3)
    assert all(len(c) == 3 and c[0][1] >= c[1][1] >= c[2][1] for c in top)
    with pytest.raises(ValueError):
        ocrb.classify(cells[:, :10])


def test_another_model_file_is_named_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ocrb.MODEL_ENV, str(tmp_path / "none.npz"))
    with pytest.raises(ocrb.ModelMissing) as e:
        ocrb.load_model()
    assert "none.npz" in str(e.value) and isinstance(e.value, FileNotFoundError)
    model = ocrb.load_model(str(ocrb.resources_dir() / ocrb.MODEL_FILE))
    d, k = model.w1.shape[0], model.w2.shape[1]
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "other.npz", w1=rng.normal(size=(d, 8)), b1=np.zeros(8), w2=rng.normal(size=(8, k)),
             b2=np.zeros(k), mean=np.zeros(d), std=np.ones(d))
    monkeypatch.setenv(ocrb.MODEL_ENV, str(tmp_path / "other.npz"))
    assert ocrb.model_path() == tmp_path / "other.npz" and ocrb.load_model().w1.shape == (d, 8)
    monkeypatch.delenv(ocrb.MODEL_ENV)
    default = ocrb.load_model()
    assert isinstance(default, ocrb.Ensemble) and default.members[0] is model and default.classes == 37
    assert ocrb.model_paths() == (FONT_MODEL, PRINTSIM_MODEL)


def test_several_model_files_are_read_together_as_the_geometric_mean_of_their_probabilities(monkeypatch):
    monkeypatch.setenv(ocrb.MODEL_ENV, os.pathsep.join([str(FONT_MODEL), str(PRINTSIM_MODEL)]))
    both = ocrb.load_model()
    assert isinstance(both, ocrb.Ensemble) and len(both.members) == 2
    img, lines, p = rendered(pitch=20.0)
    cells = ocrb.cut_cells(img, lines[0][0], lines[0][1], p)
    pa, pb, pab = both.members[0].probabilities(cells), both.members[1].probabilities(cells), both.probabilities(cells)
    expected = np.sqrt(pa * pb)
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(pab, expected, atol=1e-5) and np.allclose(pab.sum(axis=1), 1.0)
    assert "".join(MRZ_ALPHABET[j] for j in pab.argmax(axis=1)) == LINES[0]


def _cut_cells_one_by_one(gray, centres_x, y_centre, pitch, levels):
    """The cells cut as cut_cells cut them before it kept a smoothed source per scale: each cell smoothed alone."""
    paper, ink = levels
    h, w = ocrb.CELL_SHAPE
    out = np.empty((len(centres_x), h, w), np.float32)
    for i, xc in enumerate(centres_x):
        x0, y0, x1, y1 = ocrb.cell_geometry(float(xc), y_centre, pitch)
        sx, sy = (x1 - x0) / w, (y1 - y0) / h
        m = np.array([[sx, 0, x0 + sx / 2 - 0.5], [0, sy, y0 + sy / 2 - 0.5]], np.float32)
        src = gray
        if sx > 1.5:
            k = int(sx) | 1
            src = cv2.GaussianBlur(gray, (k, k), sx / 3)
        out[i] = cv2.warpAffine(src, m, (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    return ocrb.normalise_cells(out, paper=paper, ink=ink)


@pytest.mark.parametrize("scale", [1.0, 1.33, 1.81])
def test_cells_cut_with_the_source_smoothed_once_per_scale_are_the_cells_cut_one_by_one(scale):
    # cells up to 47 pixels wide: shrunk to 20 by more than 1.5, so smoothed first (a grid fitted too wide cuts them so)
    img, lines, p = rendered()
    levels = ocrb.line_levels(img)
    for xs, y in lines:
        fast = ocrb.cut_cells(img, xs, y, p * scale, levels=levels)
        assert np.array_equal(fast, _cut_cells_one_by_one(img, xs, y, p * scale, levels))


def test_the_default_model_is_found_once_and_follows_the_environment(monkeypatch):
    monkeypatch.delenv(ocrb.MODEL_ENV, raising=False)
    spec = os.pathsep.join(f"{p}@{w}" for p, w in zip(ocrb.model_paths(), ocrb.MODEL_WEIGHTS))
    assert ocrb.load_model() is ocrb.load_model(spec)
    assert ocrb.load_model().weights == ocrb.MODEL_WEIGHTS
    monkeypatch.setenv(ocrb.MODEL_ENV, str(FONT_MODEL))
    assert ocrb.load_model() is ocrb.load_model(str(FONT_MODEL))


def test_model_files_are_read_together_with_their_weights(monkeypatch):
    # p ~ pa ** wa * pb ** wb: the weights set how much each network's say counts
    monkeypatch.setenv(ocrb.MODEL_ENV, os.pathsep.join([f"{FONT_MODEL}@0.2", f"{PRINTSIM_MODEL}@0.8"]))
    both = ocrb.load_model()
    assert isinstance(both, ocrb.Ensemble) and both.weights == (0.2, 0.8)
    assert ocrb.model_paths() == (FONT_MODEL, PRINTSIM_MODEL)
    img, lines, p = rendered("DejaVu Sans Mono", pitch=20.0)
    cells = ocrb.cut_cells(img, lines[1][0], lines[1][1], p)
    pa, pb, pab = both.members[0].probabilities(cells), both.members[1].probabilities(cells), both.probabilities(cells)
    expected = np.maximum(pa, 1e-12) ** 0.2 * np.maximum(pb, 1e-12) ** 0.8  # each floored: no unbounded veto
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(pab, expected, atol=1e-5)
    assert not np.allclose(pab, ocrb.Ensemble(both.members).probabilities(cells), atol=1e-3)


def test_a_model_spec_weighs_every_file_or_none(tmp_path):
    with pytest.raises(ValueError, match="every model file a weight"):
        ocrb.load_model(os.pathsep.join([f"{FONT_MODEL}@0.2", str(PRINTSIM_MODEL)]))
    with pytest.raises(ValueError, match="only among several"):
        ocrb.load_model(f"{FONT_MODEL}@0.5")
    with pytest.raises(ValueError, match="positive"):
        ocrb.load_model(os.pathsep.join([f"{FONT_MODEL}@0", f"{PRINTSIM_MODEL}@1"]))
    # an @ in a file's name is part of the name
    named = tmp_path / "model@home.npz"
    named.write_bytes(FONT_MODEL.read_bytes())
    assert ocrb.load_model(str(named)).w1.shape == ocrb.load_model(str(FONT_MODEL)).w1.shape
