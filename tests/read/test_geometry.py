"""The reader's geometry before any character is read: the grid's pitch, the line length, which region to search
first (issue 21, items 2 and 5)."""

import dataclasses

import cv2
import numpy as np

from docexam.lights import Light
from docexam.read.reader import Engine, read_gray
from docexam.read.segment import (
    LINE_END_SLACK,
    _autocorrelation_pitch,
    _refine_on_line,
    fit_grid,
    line_bands,
    line_length_evidence,
    segment_lines,
    segment_lines_followed,
)
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.capture import capture, sample_conditions
from tests.conftest import TODAY


def _periodic(n: int, pitch: float, x0: float, size: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    profile = np.zeros(size, np.float32)
    for i in range(n):
        a = x0 + i * pitch + 0.15 * pitch
        profile[int(a) : int(a + rng.uniform(0.45, 0.75) * pitch)] = rng.uniform(8, 20)
    return profile


def test_a_caption_beside_the_line_does_not_stretch_the_grid():
    # Six cells' worth of larger print left of the MRZ (a caption, an arrow pointing at the zone): the extent of the
    # ink says a pitch a fifth too large, the period of the characters says the right one.
    pitch, x0, n = 23.8, 220.0, 44
    profile = _periodic(n, pitch, x0, 1300)
    for a in (8, 38, 68, 98, 128, 158):
        profile[a : a + 20] = 14
    p, o = fit_grid(profile, n, char_height=28.0)
    assert abs(p - pitch) < 0.3 and abs(o - x0) < 0.3 * pitch


def test_fewer_cells_than_the_line_holds_are_not_fitted_inside_it_at_its_period():
    # 36 cells asked of a line of 44 (a visa's MRV-A read as an MRV-B): at the line's own period the first 36
    # characters would read, and validate, as a line that ends there; the line's next character beside the window
    # says it does not.
    pitch, x0 = 26.0, 60.0
    profile = _periodic(44, pitch, x0, 1300)
    p, _ = fit_grid(profile, 36, char_height=30.0)
    assert p > 1.1 * pitch


def test_a_condensed_font_s_pitch_under_three_quarters_of_its_height_is_fitted_on_its_period():
    # A national card's MRZ in a condensed monospaced font: the pitch two thirds of the inked rows' height, below the
    # range OCR-B's proportions alone would search. The correlation's highest value at the range's end is no period
    # (taken for one, a grid a pitch too wide started a cell early: every character of the line one cell late).
    pitch, x0, n = 22.3, 40.0, 30
    for seed in range(6):
        p, o = fit_grid(_periodic(n, pitch, x0, 750, seed=seed), n, char_height=33.0)
        assert abs(p - pitch) < 0.3 and abs(o - x0) < 0.3 * pitch, seed
    # a period outside the range searched is not measured at all, rather than measured as the range's end
    assert _autocorrelation_pitch(_periodic(60, 10.0, 5.0, 700), 12.0, 18.0) is None
    assert abs(_autocorrelation_pitch(_periodic(60, 10.0, 5.0, 700), 8.0, 18.0) - 10.0) < 0.3


def _ink(n: int, pitch: float = 26.0, lines: int = 2, height: int = 30) -> tuple[np.ndarray, list[tuple[int, int]]]:
    w = round((n + 4) * pitch)
    ink = np.zeros((lines * 2 * height + height, w), np.float32)
    bands = []
    for k in range(lines):
        a = height + 2 * k * height
        bands.append((a, a + height))
        row = _periodic(n, pitch, 2 * pitch, w, seed=k) > 0
        ink[a : a + height, row] = 1.0
    return ink, bands


def test_the_line_length_comes_from_the_geometry_before_reading():
    for n in (44, 36):
        ink, bands = _ink(n)
        assert line_length_evidence(ink, bands, (44, 36)) == n
    ink, bands = _ink(40)  # between the two: no decision, both are read
    assert line_length_evidence(ink, bands, (44, 36)) is None
    assert line_length_evidence(np.zeros((90, 900), np.float32), [(30, 60)], (44, 36)) is None


def test_print_beside_the_lines_down_the_crop_s_height_does_not_join_them_into_one_band():
    # A phone's screenshot of a photographed page: the screen's black bar beside the MRZ's right end, dark in every row
    # of the crop, lifted the whole crop's row profile over a fifth of its peak, so the two lines' rows made one run
    # as tall as the crop and were taken for one band.
    ink, bands = _ink(44, pitch=15.0, height=19)
    alone = line_bands(ink, 2)
    assert len(alone) == 2 and all(abs(a - a0) <= 3 and abs(b - b0) <= 3 for (a, b), (a0, b0) in zip(alone, bands))
    ink = np.hstack([ink, np.zeros((ink.shape[0], 140), np.float32)])
    ink[:, -130:] = 1.0  # a sixth of the crop's width, dark from top to bottom
    assert line_bands(ink, 2) == alone


def test_a_quarter_turned_page_is_looked_along_its_columns_before_rows_of_holes_are_searched(monkeypatch):
    # Rows of perforation holes (a laser-perforated number) run along the image's rows beside an MRZ turned a
    # quarter: they read unsurely, so the look along the columns comes before any search of them.
    import docexam.read.reader as reader

    specimen = random_specimen(FAMILIES["td3"], 12, today=TODAY)
    cond = dataclasses.replace(sample_conditions(seed=4, difficulty="easy"), rotation_deg=90.0, dpi=300)
    gray = cv2.cvtColor(capture({"visible": render(specimen)[Light.VISIBLE]}, cond, seed=4).images["visible"],
                        cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    step = int(w * 0.02)
    for row in range(3):
        for k in range(28):
            if k % 3 != 2:
                cv2.circle(gray, (int(w * 0.15) + k * step, int(h * 0.15) + row * step), max(3, step // 4), 40, -1)
    searched = []
    read_ocrb = reader._read_ocrb

    def spy(region, *args, **kwargs):
        out = read_ocrb(region, *args, **kwargs)  # raises when the region gives way: not searched
        searched.append(region.angle)
        return out

    monkeypatch.setattr(reader, "_read_ocrb", spy)
    r = read_gray(gray, engine=Engine.OCRB, today=TODAY)
    assert r.valid and r.correction.lines == specimen.mrz
    assert searched and abs(searched[0]) > 45  # the MRZ along the columns was the first region searched


def _grid_near_one_by_one(prof: np.ndarray, n: int, p0: float) -> tuple[float, float, float]:
    """segment._grid_near a pitch at a time, as it was written first: the reference the search at once must equal."""
    xs = np.arange(len(prof), dtype=np.float64)
    cum = np.concatenate([[0.0], np.cumsum(prof, dtype=np.float64)])
    cum_x = np.arange(len(cum), dtype=np.float64)
    best = (np.inf, p0, 0.0)
    phases01 = np.arange(16) / 16.0
    for p in np.linspace(p0 * 0.97, p0 * 1.03, 13):
        count = int((len(prof) - 1) / p) + 1
        if count < n + 1:
            continue
        # every phase at once: rows are phases, columns are cell boundaries
        edges = phases01[:, None] * p + np.arange(count)[None, :] * p
        boundary = np.interp(edges.ravel(), xs, prof).reshape(edges.shape)
        ink_in = np.interp(edges.ravel(), cum_x, cum).reshape(edges.shape)
        windows = ink_in[:, n:] - ink_in[:, :-n]  # ink inside each run of n cells
        # ...less the ink of the cells just outside it: the MRZ has clear margins, so a window shifted by one cell
        # (a thin first "I" left out, an empty cell taken in at the end) leaves ink just outside.
        cells = np.diff(ink_in, axis=1)
        padded = np.pad(cells, ((0, 0), (1, 1)))
        before = padded[:, : windows.shape[1]]
        after = padded[:, n + 1 : n + 1 + windows.shape[1]]
        windows = windows - 1.5 * (before + after)
        valid = edges[:, n:] < len(prof)
        windows = np.where(valid, windows, -np.inf)
        k = np.argmax(windows, axis=1)
        rows = np.arange(len(phases01))
        csum = np.concatenate([np.zeros((len(rows), 1)), np.cumsum(boundary, axis=1)], axis=1)
        boundary_mean = (csum[rows, k + n + 1] - csum[rows, k]) / (n + 1)
        cost = boundary_mean - 0.002 * windows[rows, k] / n
        i = int(np.argmin(cost))
        if cost[i] < best[0]:
            best = (float(cost[i]), float(p), float(edges[i, k[i]]))
    return best


def test_the_grid_searched_at_every_pitch_at_once_is_the_grid_searched_a_pitch_at_a_time():
    from docexam.read.segment import _grid_near

    rng = np.random.default_rng(0)
    for trial in range(300):
        size, n = int(rng.integers(40, 1400)), int(rng.choice([30, 36, 44]))
        if trial % 2:  # a line of characters at a pitch, with uneven ink
            x = np.arange(size)
            prof = (np.sin(2 * np.pi * x / (size / n * rng.uniform(0.8, 1.05))) > 0.2) * rng.random(size)
        else:
            prof = np.abs(rng.normal(size=size)) * (rng.random(size) < 0.7)
        prof = prof.astype(np.float32)
        p0 = float(rng.uniform(0.5, 1.4) * size / n)  # some too wide for n cells: no grid at all
        assert _grid_near(prof, n, p0) == _grid_near_one_by_one(prof, n, p0)


def _keystoned(n: int, pitches: tuple[float, ...], x0s: tuple[float, ...], height: int = 30):
    """Ink of lines of ``n`` glyphs, each line with its own pitch and start (a page photographed at an angle: the
    line nearer the camera longer), and the true centres of each line's glyphs."""
    w = round(max(x + (n + 3) * p for p, x in zip(pitches, x0s)))
    ink = np.zeros((2 * len(pitches) * height + height, w), np.float32)
    bands, truth = [], []
    for k, (p, x0) in enumerate(zip(pitches, x0s)):
        a = height + 2 * k * height
        bands.append((a, a + height))
        for i in range(n):
            left = x0 + i * p + 0.2 * p
            ink[a : a + height, int(round(left)) : int(round(left + 0.6 * p))] = 1.0
        truth.append(x0 + (np.arange(n) + 0.5) * p)
    return ink, bands, truth


def test_each_line_follows_its_own_ink_when_perspective_makes_one_longer():
    # Two lines of 44 characters, the lower one 1.2 % wider and starting 0.15 of a cell earlier (a passport page
    # photographed from below its lower edge): the grid shared by both lines leaves the lines' end cells a sixth of a
    # cell and more off their glyphs; following each line does not.
    n = 44
    ink, bands, truth = _keystoned(n, (34.0, 34.4), (40.0, 35.0))
    shared, followed = segment_lines_followed(ink, bands, n)
    assert all(np.array_equal(a.centres, b.centres) for a, b in zip(shared, segment_lines(ink, bands, n)))
    off_shared = max(float(np.abs(ln.centres - t).max()) / 34.0 for ln, t in zip(shared, truth))
    off_followed = max(float(np.abs(ln.centres - t).max()) / 34.0 for ln, t in zip(followed, truth))
    assert off_shared > 0.15
    assert off_followed < 0.06


def test_a_line_following_its_ink_never_slips_by_a_character():
    # A stain right of the lower line, a cell away: it may not pull that line's grid by a whole cell.
    n, pitch = 44, 30.0
    ink, bands, truth = _keystoned(n, (pitch, pitch), (60.0, 60.0))
    a, b = bands[1]
    ink[a:b, int(60 + (n + 0.2) * pitch) : int(60 + (n + 0.8) * pitch)] = 1.0
    ink[a:b, 70:85] = 0.0  # and a faint first character
    for ln, t in zip(segment_lines_followed(ink, bands, n)[1], truth):
        assert float(np.abs(ln.centres - t).max()) < LINE_END_SLACK * pitch


def test_one_line_is_read_on_the_grid_it_would_have_had_alone():
    ink, bands, _ = _keystoned(30, (30.0,), (50.0,))
    shared, followed = segment_lines_followed(ink, bands, 30)
    assert np.array_equal(shared[0].centres, followed[0].centres)


def test_a_line_s_own_grid_never_reaches_out_past_its_ink():
    # The line's glyphs are 0.7 % further apart than the shared grid's cells, but its last two are too faint to ink the
    # profile (a visa's last fillers): following the glyphs would push the grid's end out past the line's ink, where a
    # cell reads what lies beyond the MRZ (a document's edge read as a 1). It may pull an end in, never push it out.
    n, pitch = 44, 28.0
    ink, bands, _ = _keystoned(n, (pitch * 1.007,), (40.0,))
    prof = ink[bands[0][0] : bands[0][1]].sum(axis=0)
    prof[int(40 + (n - 2) * pitch * 1.007) :] = 0
    p, x = _refine_on_line(prof, n, pitch, 40.0)
    assert x + n * p <= 40.0 + n * pitch + 1e-6
    # with the line's ink running on to its end, the same grid follows it out
    full = ink[bands[0][0] : bands[0][1]].sum(axis=0)
    p, x = _refine_on_line(full, n, pitch, 40.0)
    assert x + n * p > 40.0 + n * pitch + 0.15 * pitch


def test_a_visa_s_last_filler_is_not_read_past_the_mrz_on_the_line_s_own_grid():
    # read_bench's synthetic capture 40 at seed 11 (an MRV-A, normal difficulty): the second line's own grid reached
    # out past its last filler to the document's edge, read as a confident 1 and confirmed.
    import random

    from docexam.mrz import parse
    from docexam.specimens import alter
    from docexam.specimens.forgery import Kind

    i, seed = 40, 11
    rng = random.Random(f"{seed}:{i}")
    fam = FAMILIES[sorted(FAMILIES)[i % len(FAMILIES)]]
    spec = random_specimen(fam, rng.randrange(2**31), today=TODAY)
    if rng.random() < 0.3:
        spec, _ = alter(spec, rng.choice([k for k in Kind if k.value.startswith(("photo", "viz", "mrz"))]), seed=i)
    images = render(spec)
    shot = capture({"visible": images[Light.VISIBLE]}, sample_conditions(seed=rng.randrange(2**31), difficulty="normal"),
                   seed=i).images["visible"]
    from docexam.read.reader import read_image

    r = read_image(shot, engine=Engine.OCRB, today=TODAY)
    assert parse(spec.mrz, today=TODAY).format.value == "MRVA"
    assert r.correction is not None and r.correction.lines == spec.mrz


def test_shearing_the_inked_rows_alone_gives_the_whole_crop_s_column_sums():
    # (issue 21) estimate_shear shears only the runs of rows that hold ink; the sums must be those of shearing the
    # whole crop, to the bit, so that the lean found is the same.
    from docexam.read.segment import SHEARS, _stroke_alignment, deshear, ink_map

    def whole(strong, shears):
        h, w = strong.shape
        out = []
        for s in shears:
            p = cv2.warpAffine(strong, np.float32([[1, s, -s * h / 2], [0, 1, 0]]), (w, h), flags=cv2.INTER_LINEAR,
                               borderValue=0).sum(axis=0)
            out.append(float(p @ p))
        return np.array(out)

    from docexam.read.locate import locate_mrz

    specimen = random_specimen(FAMILIES["td1"], 6, today=TODAY)
    shot = capture({"visible": render(specimen)[Light.VISIBLE]}, sample_conditions(seed=6, difficulty="easy"), seed=6)
    crop = locate_mrz(cv2.cvtColor(shot.images["visible"], cv2.COLOR_RGB2GRAY)).crop
    for lean in (0.0, -0.2, 0.3):
        strong = (ink_map(deshear(crop, lean)) > 0.45).astype(np.float32)
        assert np.array_equal(_stroke_alignment(strong, SHEARS), whole(strong, SHEARS))
    strong = np.zeros((40, 90), np.float32)
    strong[3:5, 10:20] = strong[30:31, 50:80] = strong[39, :] = 1.0  # runs apart, one on the last row
    assert np.array_equal(_stroke_alignment(strong, SHEARS), whole(strong, SHEARS))
    assert np.array_equal(_stroke_alignment(np.zeros((5, 9), np.float32), SHEARS[:2]), [0.0, 0.0])


def test_the_grid_search_s_interpolation_is_numpy_s_to_the_last_bit():
    from docexam.read.numeric import interp_unit

    rng = np.random.default_rng(3)
    for trial in range(200):
        m = int(rng.integers(2, 1500))
        fp = rng.random(m) * 1000
        if trial % 2:
            fp = np.cumsum(fp).astype(np.float32)
        x = rng.uniform(-3, m + 3, size=(7, 5, int(rng.integers(1, 60))))
        x.ravel()[:4] = np.floor(x.ravel()[:4])  # on a sample
        x.ravel()[4] = m - 1  # on the last
        expected = np.interp(x.ravel(), np.arange(m, dtype=np.float64), fp).reshape(x.shape)
        assert np.array_equal(interp_unit(x, fp), expected), trial


def test_the_steep_grids_are_read_in_order_of_the_ink_they_cross():
    # Two lines of 44 glyphs whose pitch shrinks by about a third from left to right (a page photographed steeply:
    # foreshortening 0.18): of the twelve steep grids only the four crossing the least ink are read
    # (reader.STEEP_READS), so the print's own foreshortening must come first and no grid of the other sign be read.
    from docexam.read.reader import PERSPECTIVE_WARPS, STEEP_READS
    from docexam.read.segment import _foreshorten, grids_by_ink

    n, c, height, width = 44, 0.18, 30, 1400
    edges = 50 + (width - 100) * _foreshorten(np.arange(n + 1) / n, c)  # cell boundaries, foreshortened
    ink = np.zeros((5 * height, width), np.float32)
    bands = [(height, 2 * height), (3 * height, 4 * height)]
    for a, b in bands:
        for left, right in zip(edges[:-1], edges[1:]):
            p = right - left
            ink[a:b, int(round(left + 0.2 * p)) : int(round(left + 0.8 * p))] = 1.0
    order = [g[0] for g in grids_by_ink(ink, bands, n, warps=PERSPECTIVE_WARPS)]
    assert sorted(order) == sorted(PERSPECTIVE_WARPS)
    assert order[0] == c
    assert set(order[:STEEP_READS]) <= {w for w in PERSPECTIVE_WARPS if w > 0}
    # the same print reversed (the narrow cells on the left): the grids of the other sign come first
    assert {g[0] for g in grids_by_ink(ink[:, ::-1], bands, n, warps=PERSPECTIVE_WARPS)[:STEEP_READS]} <= {
        w for w in PERSPECTIVE_WARPS if w < 0}
