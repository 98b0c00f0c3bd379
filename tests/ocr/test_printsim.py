"""The print-and-capture simulator: every effect does to the image what it claims, and a seed makes one image."""

import cv2
import numpy as np
import pytest

from docexam.ocr.training import printsim as ps


def rng(seed=0):
    return np.random.default_rng(seed)


OCRB = next(f for f in ps.available_faces() if f.name == "OCR-B")


@pytest.fixture(scope="module")
def block():
    return ps.render_block(["P<UTOERIKSSON<<ANNA<MARIA<<", "L898902C36UTO7408122F1204159"], face=OCRB, rng=rng(),
                           placement_jitter=0.0)


def flat(shape=(60, 200), level=0.8):
    return np.full(shape, level, np.float32)


def edge_energy(img, axis):
    return float((np.diff(img.astype(np.float32), axis=axis) ** 2).sum())


def test_the_same_seed_makes_the_same_capture_and_another_seed_another():
    texts = ["IDUTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    a, b = ps.simulate(texts, rng=rng(7)), ps.simulate(texts, rng=rng(7))
    c = ps.simulate(texts, rng=rng(8))
    assert np.array_equal(a.image, b.image) and a.recipe == b.recipe
    assert all(np.array_equal(x.centres, y.centres) for x, y in zip(a.lines, b.lines))
    assert a.image.shape != c.image.shape or not np.array_equal(a.image, c.image)


def test_a_mild_recipe_is_a_good_ocrb_print_captured_with_care():
    texts = ["L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    for seed in range(12):
        r = ps.simulate(texts, rng=rng(seed), mild=True).recipe
        assert r["face"].startswith("OCR-B") and r["capture"] in ("scan", "photo"), r
        assert r["technology"] in ("laser", "offset", "thermal") and 12 <= r["capture_pitch"] <= 32
        assert not r.get("glare") and not r.get("low_light") and not r.get("motion") and r.get("jpeg", 95) >= 50


def test_simulate_keeps_each_character_at_its_true_place():
    texts = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    for seed in range(6):
        sim = ps.simulate(texts, rng=rng(seed))
        assert sim.image.dtype == np.uint8 and [ln.text for ln in sim.lines] == texts
        h, w = sim.image.shape
        assert 26 * 0.8 < sim.pitch < 26 * 1.25
        for ln in sim.lines:
            assert np.all((ln.centres > 0) & (ln.centres < w)) and 0 < ln.y_centre < h
            assert np.allclose(np.diff(ln.centres), sim.pitch, rtol=0.15)
        # ink lies under the centres of the second line's characters (no fillers there), darker than the margins
        ln = sim.lines[1]
        cells = [sim.image[int(ln.y_centre - sim.pitch / 2) : int(ln.y_centre + sim.pitch / 2),
                           int(x - sim.pitch / 2) : int(x + sim.pitch / 2)] for x in ln.centres]
        darkest = np.median([float(c.min()) for c in cells])
        margin = float(np.median(sim.image[:, : int(sim.pitch)]))
        assert darkest < margin - 10, sim.recipe


def test_render_block_draws_each_line_where_its_centres_say(block):
    ink = block.ink
    assert ink.dtype == np.float32 and 0 <= ink.min() and ink.max() <= 1
    for pts in block.centres:
        y = int(pts[0, 1])
        half = int(block.pitch // 2)
        band = ink[y - half : y + half]
        assert band.sum() > 0.2 * ink.sum()
    assert np.allclose(np.diff(block.centres[1][:, 0]), block.pitch)
    narrow = ps.render_block(["MMMMMM"], face=OCRB, rng=rng(), width_scale=0.8, placement_jitter=0.0)
    wide = ps.render_block(["MMMMMM"], face=OCRB, rng=rng(), width_scale=1.1, placement_jitter=0.0)
    cols = lambda b: int((b.ink.max(axis=0) > 0.5).sum())  # noqa: E731
    assert cols(narrow) < cols(wide)


def test_every_face_draws_the_whole_alphabet():
    from docexam.mrz.alphabet import MRZ_ALPHABET

    faces = ps.available_faces()
    assert {"OCR-B", "DejaVu Sans Mono", "Hershey Simplex"} <= {f.name for f in faces}
    for face in faces:
        b = ps.render_block([MRZ_ALPHABET], face=face, rng=rng(), placement_jitter=0.0)
        for (x, y), ch in zip(b.centres[0], MRZ_ALPHABET):
            cell = b.ink[int(y - b.pitch) : int(y + b.pitch), int(x - b.pitch / 2) : int(x + b.pitch / 2)]
            assert cell.sum() > 3, (face.name, ch)


def test_training_faces_take_in_the_free_monospaced_faces_and_never_a_held_out_one():
    names = {f.name for f in ps.available_faces()}
    assert {name for name, _, _ in ps.TRAINING_MONO_FACES} <= names  # the Makefile installs their packages
    held_out = {name for name, _ in ps.HELD_OUT_FACES}
    assert {"Noto Sans Mono", "Noto Mono", "DejaVu Sans Mono Oblique"} <= held_out and len(held_out) >= 6
    assert not names & held_out
    assert not {f.path for f in ps.available_faces()} & {path for _, path in ps.HELD_OUT_FACES}


def test_every_held_out_face_is_installed_and_draws_the_whole_alphabet():
    from docexam.mrz.alphabet import MRZ_ALPHABET

    faces = ps.held_out_faces()
    assert [f.name for f in faces] == [name for name, _ in ps.HELD_OUT_FACES]
    for face in faces:
        b = ps.render_block([MRZ_ALPHABET], face=face, rng=rng(), placement_jitter=0.0)
        for (x, y), ch in zip(b.centres[0], MRZ_ALPHABET):
            cell = b.ink[int(y - b.pitch) : int(y + b.pitch), int(x - b.pitch / 2) : int(x + b.pitch / 2)]
            assert cell.sum() > 3, (face.name, ch)


def test_a_recut_glyph_keeps_its_place_and_weight_and_differs_in_its_details(block):
    glyph = ps.render_block(["O"], face=OCRB, rng=rng(), placement_jitter=0.0).ink
    centre = (glyph.shape[1] / 2, glyph.shape[0] / 2)
    assert np.array_equal(ps.recut_glyph(glyph, centre, rng=rng(), amount=0.0) > 0.5, glyph > 0.5)
    a = ps.recut_glyph(glyph, centre, rng=rng(1), amount=1.5)
    b = ps.recut_glyph(glyph, centre, rng=rng(2), amount=1.5)
    assert np.array_equal(a, ps.recut_glyph(glyph, centre, rng=rng(1), amount=1.5))
    assert float(a.sum()) == pytest.approx(float(glyph.sum()), rel=0.15)
    moments = lambda g: cv2.moments(g)  # noqa: E731
    m0, ma = moments(glyph), moments(a)
    assert abs(ma["m10"] / ma["m00"] - m0["m10"] / m0["m00"]) < 2 and abs(ma["m01"] / ma["m00"] - m0["m01"] / m0["m00"]) < 2
    changed = lambda g: ((g > 0.5) != (glyph > 0.5)).sum()  # noqa: E731
    assert changed(a) > 8 and changed(b) > 8 and ((a > 0.5) != (b > 0.5)).sum() > 8
    # its width stays the face's (OCR-B tells O from 0 by width alone)
    width = lambda g: int((g.max(axis=0) > 0.5).sum())  # noqa: E731
    assert abs(width(a) - width(glyph)) <= 1 and abs(width(b) - width(glyph)) <= 1
    # in a block, a character recut once looks the same wherever it recurs
    blk = ps.render_block(["OXO"], face=OCRB, rng=rng(3), placement_jitter=0.0, glyph_jitter=0.05)
    p = int(blk.pitch)
    cells = [blk.ink[:, int(x) - p // 2 : int(x) + p // 2] for x, _ in blk.centres[0]]
    assert np.array_equal(cells[0], cells[2]) and not np.array_equal(cells[0], cells[1])
    with pytest.raises(ValueError):
        ps.render_block(["O"], face=OCRB, rng=rng(), glyph_jitter=0.3)


def test_without_variants_a_face_prints_as_it_is_drawn():
    texts = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    face = next(f for f in ps.available_faces() if f.name == "DejaVu Sans Mono")
    plain = ps.simulate(texts, rng=rng(3), faces=[face], variants=False)
    assert "recut" not in plain.recipe
    assert np.array_equal(plain.image, ps.simulate(texts, rng=rng(3), faces=[face], variants=False).image)
    varied = ps.simulate(texts, rng=rng(3), faces=[face])
    assert varied.recipe["recut"] > 0
    assert varied.image.shape != plain.image.shape or not np.array_equal(varied.image, plain.image)


def test_ink_spread_s_aspect_weights_horizontal_and_vertical_strokes_unequally():
    ink = np.zeros((80, 80), np.float32)
    ink[10:14, 10:70] = 1  # a horizontal stroke, 4 pixels high
    ink[20:70, 40:44] = 1  # a vertical stroke, 4 pixels wide
    out = ps.ink_spread(ink, amount=0.2, sigma=1.5, aspect=2.0)
    weight = lambda a: (float(a[:19, 25].sum()), float(a[45, 30:60].sum()))  # ink across each stroke  # noqa: E731
    horizontal, vertical = weight(out)
    assert horizontal > 1.1 * vertical and weight(ps.ink_spread(ink, amount=0.2, sigma=1.5, aspect=0.5))[0] < 0.9 * vertical
    even_h, even_v = weight(ps.ink_spread(ink, amount=0.2, sigma=1.5))
    assert even_h == pytest.approx(even_v, rel=0.05)
    with pytest.raises(ValueError):
        ps.ink_spread(ink, amount=0.2, aspect=5)


def test_ink_spread_makes_strokes_bolder_or_thinner(block):
    base = float(block.ink.sum())
    assert float(ps.ink_spread(block.ink, amount=0.25).sum()) > 1.1 * base
    assert float(ps.ink_spread(block.ink, amount=-0.25).sum()) < 0.9 * base
    with pytest.raises(ValueError):
        ps.ink_spread(block.ink, amount=0.6)


def test_laser_toner_adds_specks_only_near_the_strokes(block):
    out = ps.laser_toner(block.ink, rng=rng(), scatter=0.05)
    added = (out > 0.4) & (block.ink < 0.1)
    assert added.sum() > 100
    far = ~cv2.dilate((block.ink > 0.3).astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    assert not (added & far).any()


def test_inkjet_prints_the_glyph_as_drops(block):
    out = ps.inkjet_dots(block.ink, rng=rng(), dot_step=4.0, gain=1.3)
    glyph = block.ink > 0.5
    assert out[glyph].mean() > 0.6  # the strokes are covered
    assert not np.array_equal(out > 0.5, glyph)
    # drops smaller than their spacing stay apart; wider ones merge into strokes
    parts = lambda a: cv2.connectedComponents((a > 0.5).astype(np.uint8))[0]  # noqa: E731
    apart = ps.inkjet_dots(block.ink, rng=rng(), dot_step=5.0, gain=0.7)
    merged = ps.inkjet_dots(block.ink, rng=rng(), dot_step=4.0, gain=1.8)
    assert parts(apart) > 4 * parts(block.ink) and parts(merged) < 2 * parts(block.ink)


def test_thermal_transfer_leaves_void_rows_across_the_strokes(block):
    out = ps.thermal_transfer(block.ink, rng=rng(), voids=0.3)
    rows_ink = block.ink.max(axis=1) > 0.5
    faded = rows_ink & (out.max(axis=1) < 0.45)
    assert faded.sum() >= 3
    clean = ps.thermal_transfer(block.ink, rng=rng(), voids=0.0)
    assert not (rows_ink & (clean.max(axis=1) < 0.45)).any() or (rows_ink & (clean.max(axis=1) < 0.45)).sum() < faded.sum()


def test_engraving_is_grey_with_a_bright_rim(block):
    out = ps.engraved(block.ink, rng=rng(), depth=0.6)
    assert 0.5 < out.max() < 0.95  # never the full black of ink
    assert out.min() < -0.02  # the rim lifts the paper beside the groove


def test_dot_matrix_breaks_the_strokes_into_dots(block):
    out = ps.dot_matrix(block.ink, dot_step=5.0)
    n_glyph = cv2.connectedComponents((block.ink > 0.5).astype(np.uint8))[0]
    n_dots = cv2.connectedComponents((out > 0.5).astype(np.uint8))[0]
    assert n_dots > 5 * n_glyph


def test_security_print_is_faint_and_of_its_kind():
    shape = (120, 600)
    g = ps.guilloche(shape, rng=rng(), strength=0.4)
    assert g.min() >= 0.6 - 1e-5 and g.max() <= 1.0
    assert 0.01 < (g < 0.8).mean() < 0.5  # thin lines, mostly paper
    t = ps.rainbow_tint(shape, rng=rng(), strength=0.3)
    assert t.max() - t.min() > 0.1 and np.abs(np.diff(t, axis=1)).max() < 0.02  # broad and smooth
    m = ps.microtext(shape, rng=rng(), strength=0.5, height_px=6)
    n = cv2.connectedComponents((m < 0.85).astype(np.uint8))[0]
    assert n > 100  # many tiny letters


def test_lay_ink_darkens_the_background_by_the_ink_density():
    bg = np.full((4, 4), 0.9, np.float32)
    ink = np.zeros((4, 4), np.float32)
    ink[0, 0] = 1
    out = ps.lay_ink(ink, bg, density=0.8)
    assert out[0, 0] == pytest.approx(0.9 * 0.2) and out[1, 1] == pytest.approx(0.9)


def test_downsample_lowers_resolution_and_keeps_the_mean(block):
    img = ps.lay_ink(block.ink, np.ones_like(block.ink))
    small = ps.downsample(img, factor=10 / 32)  # a 10-pixel pitch: 100 dpi
    assert small.shape[1] == round(img.shape[1] * 10 / 32)
    assert float(small.mean()) == pytest.approx(float(img.mean()), abs=0.01)
    with pytest.raises(ValueError):
        ps.downsample(img, factor=1.5)


def test_blurs_soften_edges_and_motion_blurs_along_its_direction(block):
    img = ps.lay_ink(block.ink, np.ones_like(block.ink)) * 255
    d = ps.defocus(img, radius=3)
    assert edge_energy(d, 1) < 0.7 * edge_energy(img, 1)
    m = ps.motion_blur(img, length=9, angle=0)
    assert edge_energy(m, 1) / edge_energy(img, 1) < 0.8 * edge_energy(m, 0) / edge_energy(img, 0)


def test_expose_sets_levels_and_uneven_light():
    refl = np.ones((50, 200), np.float32)
    refl[:, :20] = 0
    g = ps.expose(refl, white=200, black=20, gradient=0.4, angle=0)
    assert g[:, :20].max() == pytest.approx(20) and g[:, 25].mean() > 190
    assert g[:, -1].mean() < 0.7 * g[:, 25].mean()  # light falls off across the image


def test_glare_brightens_a_patch_and_flattens_its_contrast():
    img = np.tile(np.array([40, 200], np.float32), (80, 150))
    out = ps.glare(img, rng=rng(3), strength=150, radius=0.3)
    assert out.mean() > img.mean() + 5
    contrast = np.abs(np.diff(out, axis=1))
    assert contrast.min() < 0.8 * 160 and contrast.max() == pytest.approx(160, abs=3)


def test_low_light_noise_grows_with_its_settings_and_is_seeded():
    img = np.full((100, 100), 80, np.float32)
    quiet = ps.low_light_noise(img, rng=rng(), read_sigma=1, shot=0)
    loud = ps.low_light_noise(img, rng=rng(), read_sigma=8, shot=1.5)
    assert quiet.std() < 2 < 8 < loud.std()
    assert np.array_equal(loud, ps.low_light_noise(img, rng=rng(), read_sigma=8, shot=1.5))


def test_jpeg_at_low_quality_loses_more(block):
    img = ps.downsample(ps.lay_ink(block.ink, np.ones_like(block.ink)), factor=0.4) * 255
    low, high = ps.jpeg(img, quality=15), ps.jpeg(img, quality=95)
    assert np.abs(low - img).mean() > 2 * np.abs(high - img).mean() > 0
    with pytest.raises(ValueError):
        ps.jpeg(img, quality=0)


def test_screen_render_anti_aliases_and_hinting_snaps(block):
    refl = ps.lay_ink(block.ink, np.ones_like(block.ink))
    soft = ps.screen_render(refl, factor=0.3, gamma=2.2)
    greys = ((soft > 0.1) & (soft < 0.9)).mean()
    assert greys > 0.03  # grey fringes round the strokes
    hinted = ps.screen_render(refl, factor=0.3, gamma=1.0, hinting=1.0)
    assert set(np.unique(hinted)) <= {0.0, 1.0}


def test_moire_lays_broad_bands_over_a_flat_screen():
    img = np.full((60, 300), 150, np.float32)
    out = ps.moire(img, rng=rng(), period=1.08, strength=0.3, angle=0.5)
    cols = cv2.GaussianBlur(out, (0, 0), 3).mean(axis=0)  # detail below 3 pixels smoothed away
    assert cols.max() - cols.min() > 10  # beats far wider than the screen's pixels
    far = ps.moire(img, rng=rng(), period=3.5, strength=0.3, angle=0.5)  # no near agreement: no broad bands
    assert np.ptp(cv2.GaussianBlur(far, (0, 0), 3).mean(axis=0)) < 0.5 * (cols.max() - cols.min())


def test_to_reader_crop_scales_to_the_reader_pitch(block):
    img = ps.lay_ink(block.ink, np.ones_like(block.ink)) * 255
    k = 26 / block.pitch
    m = np.diag([k, k, 1.0])
    out = ps.to_reader_crop(img, matrix=m, out_size=(round(img.shape[1] * k), round(img.shape[0] * k)))
    assert out.shape == (round(img.shape[0] * k), round(img.shape[1] * k))
    assert float(out.mean()) == pytest.approx(float(img.mean()), rel=0.05)


def test_reader_centres_add_the_grids_errors_and_scale_zero_is_the_truth():
    line = ps.SimLine("A" * 44, 13 + 26 * np.arange(44.0), 30.0)
    xs, y, pitch = ps.reader_centres(line, 26.0, rng=rng(), scale=0)
    assert np.array_equal(xs, line.centres) and y == 30 and pitch == 26
    xs, y, pitch = ps.reader_centres(line, 26.0, rng=rng(1))
    off = np.abs(xs - line.centres)
    assert off.max() <= 0.3 * 26 + 1e-9 and off.mean() > 0.1 and pitch != 26


def test_reader_grid_is_the_readers_own_fit_near_the_truth():
    texts = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    found = 0
    for seed in range(4):
        sim = ps.simulate(texts, rng=rng(seed))
        grid = ps.reader_grid(sim)
        if grid is None:
            continue
        found += 1
        for (xs, y, pitch), line in zip(grid, sim.lines):
            assert len(xs) == 44 and np.abs(xs - line.centres).max() <= 0.4 * sim.pitch
            assert abs(pitch - sim.pitch) < 0.1 * sim.pitch and abs(y - line.y_centre) <= 0.4 * sim.pitch
    assert found >= 2


def test_mrz_like_text_uses_the_alphabet_and_its_runs():
    from docexam.mrz.alphabet import MRZ_ALPHABET

    text = "".join(ps.mrz_like_text(rng(s), 44) for s in range(50))
    assert set(text) == set(MRZ_ALPHABET) and "<<<" in text
    assert len(ps.mrz_like_text(rng(), 30)) == 30
    with pytest.raises(ValueError):
        ps.mrz_like_text(rng(), 0)


def test_simulator_checks_its_inputs(block):
    with pytest.raises(ValueError):
        ps.render_block([], face=OCRB, rng=rng())
    with pytest.raises(ValueError):
        ps.render_block(["ABC"], face=OCRB, rng=rng(), width_scale=3)
    with pytest.raises(ValueError):
        ps.inkjet_dots(np.zeros((5, 5, 3), np.float32), rng=rng())
    with pytest.raises(ValueError):
        ps.lay_ink(block.ink, np.ones((3, 3), np.float32))


def test_a_soft_share_of_zero_draws_what_the_recipe_drew_before_and_a_positive_one_softens_some_captures():
    texts = ["L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    soft_recipes = []
    for seed in range(30):
        a, b = ps.simulate(texts, rng=rng(seed)), ps.simulate(texts, rng=rng(seed), soft=0.0)
        assert np.array_equal(a.image, b.image) and a.recipe == b.recipe and "soft_focus" not in a.recipe
        r = ps.simulate(texts, rng=rng(seed), soft=1.0).recipe
        if r["capture"] in ("scan", "photo"):
            assert 0.4 <= r["soft_focus"] <= 1.8 and 7 <= r["capture_pitch"] <= 45, r
            soft_recipes.append(r)
        assert "soft_focus" not in ps.simulate(texts, rng=rng(seed), soft=1.0, mild=True).recipe
    assert len(soft_recipes) >= 15
    assert sum(r["capture_pitch"] < 14 for r in soft_recipes) > len(soft_recipes) / 3  # most in the smallest band
    with pytest.raises(ValueError, match="soft"):
        ps.simulate(texts, rng=rng(), soft=1.5)


def test_a_set_capture_samples_blurs_dims_and_compresses_as_it_says():
    texts = ["L898902C36UTO7408122F1204159ZE184226B<<<<<10"]

    def sim(**kw):
        return ps.simulate(texts, rng=rng(3), mild=True, capture=ps.Capture(9.0, **kw))

    clean, soft, dark, jpg = sim(), sim(blur=1.4), sim(contrast=0.3, noise=6.0), sim(jpeg=25)
    assert clean.recipe["capture"] == "set" and clean.recipe["capture_pitch"] == 9.0
    assert soft.recipe["soft_focus"] == 1.4 and jpg.recipe["jpeg"] == 25
    assert [ln.text for ln in soft.lines] == texts and abs(soft.pitch - clean.pitch) < 0.01
    # the same print and geometry: the soft focus takes edge energy away, the low light lowers paper and ink
    assert edge_energy(soft.image, 1) < 0.6 * edge_energy(clean.image, 1)
    assert np.percentile(dark.image, 90) < 0.45 * np.percentile(clean.image, 90)
    assert not np.array_equal(jpg.image, clean.image)
    for bad in ({"pitch": 2.0}, {"pitch": 9.0, "blur": -1.0}, {"pitch": 9.0, "contrast": 0.0}, {"pitch": 9.0, "jpeg": 0}):
        with pytest.raises(ValueError, match="capture|quality"):
            ps.Capture(**bad)
