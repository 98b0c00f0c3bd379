"""Security-printing artwork masks (docexam.specimens.art): shapes, ranges, determinism, geometry, validation."""

from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docexam.paths import font_file
from docexam.specimens import art

# The files the renderer draws with (docexam.paths.font_file: the package's copies, docexam/fonts/).
OCRB = Path(font_file("/usr/share/fonts/opentype/ocr-b/OCRB.otf"))
DEJAVU = Path(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
DEJAVU_BOLD = Path(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))

#: A TD3 data page (125 x 88 mm) at 150 dpi: big enough for the artwork's proportions, small enough to be fast.
PAGE = (519, 738)
RAINBOW = [(236, 226, 206), (214, 234, 228), (226, 218, 240)]


@pytest.fixture(scope="module")
def fonts():
    missing = [str(p) for p in (OCRB, DEJAVU, DEJAVU_BOLD) if not p.is_file()]
    if missing:
        pytest.fail(f"fonts missing: {missing}; the package ships them in docexam/fonts/")
    return {"ocrb": str(OCRB), "dejavu": str(DEJAVU), "bold": str(DEJAVU_BOLD)}


def assert_mask(mask, shape):
    assert mask.shape == shape and mask.dtype == np.float32
    assert np.isfinite(mask).all() and mask.min() >= 0 and mask.max() <= 1


def components(mask, threshold=0.0):
    n, labels, stats, centroids = cv2.connectedComponentsWithStats((mask > threshold).astype(np.uint8), connectivity=8)
    return n - 1, labels, stats[1:], centroids[1:]


# ---------------------------------------------------------------------------------------------------- guilloche


@pytest.mark.parametrize("style", art.GUILLOCHE_STYLES)
def test_guilloche_is_a_fine_antialiased_mask_with_moderate_coverage(style):
    m = art.guilloche(PAGE, seed=3, style=style)
    assert_mask(m, PAGE)
    assert 0.05 <= m.mean() <= 0.35
    assert (m == 0).mean() > 0.4  # mostly empty between the lines
    soft = ((m > 0.02) & (m < 0.6)).sum() / (m > 0.02).sum()
    assert soft > 0.3  # anti-aliased edges, not a binary raster


@pytest.mark.parametrize("style", art.GUILLOCHE_STYLES)
def test_guilloche_coverage_grows_with_density(style):
    cov = [art.guilloche((260, 370), seed=5, style=style, density=d).mean() for d in (0.2, 0.5, 1, 2, 4)]
    assert all(a < b for a, b in zip(cov, cov[1:])), cov
    assert cov[-1] > 2 * cov[2] > 4 * cov[0]


@pytest.mark.parametrize("style", art.GUILLOCHE_STYLES)
def test_guilloche_is_deterministic_and_seeded(style):
    a = art.guilloche((200, 300), seed=11, style=style)
    assert np.array_equal(a, art.guilloche((200, 300), seed=11, style=style))
    assert np.abs(a - art.guilloche((200, 300), seed=12, style=style)).mean() > 0.02


@pytest.mark.parametrize("style", art.GUILLOCHE_STYLES)
def test_guilloche_coverage_is_resolution_independent_when_the_line_width_scales(style):
    """The same pattern at twice the resolution with twice the line width (drawn as a double line) inks alike."""
    low = art.guilloche((260, 370), seed=4, style=style, line_width_px=1.0).mean()
    high = art.guilloche((520, 740), seed=4, style=style, line_width_px=2.0).mean()
    assert high == pytest.approx(low, rel=0.2)


def test_guilloche_line_width_sets_the_ink_per_line():
    # The same lines (line width / density fixed), 3x as wide: about 3x the ink.
    a = art.guilloche((260, 370), seed=4, style="mesh", line_width_px=0.5, density=0.5).mean()
    b = art.guilloche((260, 370), seed=4, style="mesh", line_width_px=1.5, density=1.5).mean()
    assert 2.2 < b / a < 3.6


NEW_STYLES = ("spirograph", "lattice", "concentric", "moire", "radial")


def test_guilloche_offers_the_new_styles_with_their_options():
    assert set(NEW_STYLES) <= set(art.GUILLOCHE_STYLES)
    assert set(art.GUILLOCHE_OPTIONS) == set(art.GUILLOCHE_STYLES)


@pytest.mark.parametrize("style", art.GUILLOCHE_STYLES)
def test_guilloche_spacing_px_sets_the_line_spacing(style):
    a = art.guilloche((300, 420), seed=2, style=style, spacing_px=6.0)
    b = art.guilloche((300, 420), seed=2, style=style, spacing_px=12.0)
    assert 1.5 < a.mean() / b.mean() < 2.6  # half the lines, about half the ink


def test_guilloche_spacing_px_equal_to_the_density_spacing_draws_the_same_lines():
    # mesh at density 1 and line width 1 spaces its lines 6 px apart.
    assert np.array_equal(art.guilloche((120, 160), seed=3, style="mesh", spacing_px=6.0),
                          art.guilloche((120, 160), seed=3, style="mesh"))


@pytest.mark.parametrize(
    ("style", "options"),
    [
        ("spirograph", {"petals": 7, "amplitude": 0.5, "frequency": 4}),
        ("lattice", {"amplitude": 0.6, "frequency": 5, "angle_deg": 30}),
        ("concentric", {"centre": (-0.2, 1.1), "petals": 12, "amplitude": 0.8}),
        ("moire", {"amplitude": 0.3, "frequency": 2, "angle_deg": 4}),
        ("radial", {"centre": (0.3, 0.6), "amplitude": 0.5, "frequency": 8}),
    ],
)
def test_guilloche_options_are_deterministic_and_ink_the_page(style, options):
    a = art.guilloche(PAGE, seed=7, style=style, **options)
    assert_mask(a, PAGE)
    assert 0.05 <= a.mean() <= 0.35
    assert np.array_equal(a, art.guilloche(PAGE, seed=7, style=style, **options))
    assert np.abs(a - art.guilloche(PAGE, seed=8, style=style, **options)).mean() > 0.02
    # Each quarter of the page gets ink: a background, not a motif.
    h, w = PAGE
    for q in (a[: h // 2, : w // 2], a[: h // 2, w // 2 :], a[h // 2 :, : w // 2], a[h // 2 :, w // 2 :]):
        assert q.mean() > 0.03


def test_guilloche_radial_rays_leave_a_clear_disc_at_the_given_centre():
    m = art.guilloche(PAGE, seed=1, style="radial", centre=(0.3, 0.6))
    cy, cx = round(0.6 * PAGE[0] - 0.5), round(0.3 * PAGE[1] - 0.5)
    assert m[cy - 8 : cy + 9, cx - 8 : cx + 9].max() == 0
    assert m[cy - 60 : cy + 61, cx - 60 : cx + 61].mean() > 0.05


def test_guilloche_concentric_without_lobes_draws_circles_around_the_centre():
    m = art.guilloche((400, 400), seed=2, style="concentric", centre=(0.5, 0.5), petals=0)
    c = 199.5
    d = np.arange(20, 190)
    right = cv2.remap(m, (c + d).astype(np.float32)[None], np.full((1, d.size), c, np.float32), cv2.INTER_LINEAR)
    down = cv2.remap(m, np.full((1, d.size), c, np.float32), (c + d).astype(np.float32)[None], cv2.INTER_LINEAR)
    assert np.corrcoef(right[0], down[0])[0, 1] > 0.9  # the same rings along both axes


@pytest.mark.parametrize("style", ["lattice", "moire"])
def test_guilloche_angle_turns_the_lines(style):
    def across(m):  # gradient energy down the columns over along the rows: high for horizontal lines
        return np.abs(np.diff(m, axis=0)).sum() / np.abs(np.diff(m, axis=1)).sum()

    if style == "lattice":
        flat = art.guilloche((300, 300), seed=1, style=style, angle_deg=0, amplitude=0.3)
        upright = art.guilloche((300, 300), seed=1, style=style, angle_deg=90, amplitude=0.3)
        assert across(flat) > 1.5 > 1 / 1.5 > across(upright)
    else:  # the two fields are the given angle apart: their gradient directions spread with it
        narrow = art.guilloche((300, 300), seed=1, style=style, angle_deg=1, amplitude=0)
        wide = art.guilloche((300, 300), seed=1, style=style, angle_deg=30, amplitude=0)
        gy, gx = np.gradient(narrow)
        spread_narrow = np.std(np.arctan2(gy, gx)[np.hypot(gx, gy) > 0.05] % np.pi)
        gy, gx = np.gradient(wide)
        spread_wide = np.std(np.arctan2(gy, gx)[np.hypot(gx, gy) > 0.05] % np.pi)
        assert spread_wide > spread_narrow


@pytest.mark.parametrize(
    ("style", "bad", "message"),
    [
        ("waves", {"petals": 5}, "does not take petals; it takes no options besides spacing_px"),
        ("moire", {"centre": (0.5, 0.5)}, "does not take centre; it takes amplitude, frequency, angle_deg"),
        ("spirograph", {"petals": 2}, "petals must be an int between 3 and 24"),
        ("concentric", {"petals": 65}, "petals"),
        ("concentric", {"petals": 4.0}, "petals"),
        ("concentric", {"centre": (0.5, 3)}, "centre"),
        ("radial", {"centre": (0.5,)}, "centre"),
        ("radial", {"centre": "middle"}, "centre"),
        ("lattice", {"amplitude": 1.5}, "amplitude"),
        ("lattice", {"amplitude": -0.1}, "amplitude"),
        ("lattice", {"frequency": 0}, "frequency"),
        ("lattice", {"angle_deg": 91}, "angle_deg"),
        ("moire", {"angle_deg": 0}, r"angle_deg must be a number in \(0, 30\]"),
        ("mesh", {"spacing_px": 0}, "spacing_px"),
        ("mesh", {"spacing_px": 6, "density": 2}, "either density or spacing_px"),
    ],
)
def test_guilloche_bad_options_are_rejected(style, bad, message):
    with pytest.raises(ValueError, match=message):
        art.guilloche((40, 60), seed=0, style=style, **bad)


def test_guilloche_unknown_style_lists_the_styles():
    with pytest.raises(ValueError, match="expected one of 'rosette', .*'radial'"):
        art.guilloche((40, 60), seed=0, style="paisley")


# ------------------------------------------------------------------------------------------------------ rosette


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rosette_is_a_centred_medallion_96_percent_of_the_smaller_side(seed):
    shape = (300, 420)
    m = art.rosette(shape, seed=seed)
    assert_mask(m, shape)
    ys, xs = np.indices(shape)
    r = np.hypot(xs - 209.5, ys - 149.5)
    assert m[r > 0.48 * 300 + 2].max() == 0  # nothing outside the circle...
    assert m[(r > 0.44 * 300) & (r < 0.48 * 300)].mean() > 0.03  # ...and ink out to it
    assert 0.04 < m.mean() < 0.3
    cy, cx = (ys * m).sum() / m.sum(), (xs * m).sum() / m.sum()
    assert abs(cx - 209.5) < 2 and abs(cy - 149.5) < 2


def test_rosette_rings_and_petals_shape_it():
    plain = art.rosette((240, 240), seed=4, rings=0, petals=8)
    ringed = art.rosette((240, 240), seed=4, rings=4, petals=8)
    assert np.abs(plain - ringed).mean() > 0.05
    assert not np.array_equal(ringed, art.rosette((240, 240), seed=4, rings=4, petals=12))


def test_rosette_is_deterministic_and_seeded():
    a = art.rosette((200, 200), seed=3)
    assert np.array_equal(a, art.rosette((200, 200), seed=3))
    assert np.abs(a - art.rosette((200, 200), seed=4)).mean() > 0.02


def test_rosette_line_width_sets_the_ink():
    thin = art.rosette((300, 300), seed=1, rings=3, petals=9, line_width_px=1.0, spacing_px=6)
    wide = art.rosette((300, 300), seed=1, rings=3, petals=9, line_width_px=2.0, spacing_px=6)
    assert 1.4 < wide.mean() / thin.mean() < 2.6


# -------------------------------------------------------------------------------------------------------- frame


@pytest.mark.parametrize("style", art.FRAME_STYLES)
def test_frame_inks_the_band_along_all_four_edges_and_nothing_else(style):
    shape, band, inset = (400, 560), 24, 10
    m = art.frame(shape, width_px=band, style=style, seed=1, inset_px=inset)
    assert_mask(m, shape)
    outside = np.ones(shape, bool)
    outside[inset - 1 : shape[0] - inset + 1, inset - 1 : shape[1] - inset + 1] = False
    inside = np.zeros(shape, bool)
    inside[inset + band + 1 : shape[0] - inset - band - 1, inset + band + 1 : shape[1] - inset - band - 1] = True
    corner = inset + 2 * band  # the guilloche band turns the corners round, inside the square ones
    for rows in (slice(0, corner), slice(-corner, None)):
        for cols in (slice(0, corner), slice(-corner, None)):
            inside[rows, cols] = False
    assert m[outside].max() == 0 and m[inside].max() == 0
    sides = [m[inset : inset + band, 60:-60], m[-inset - band : -inset, 60:-60],
             m[60:-60, inset : inset + band], m[60:-60, -inset - band : -inset]]
    cover = [side.mean() for side in sides]
    assert min(cover) > 0.1, cover
    assert max(cover) < 1.6 * min(cover), cover  # the same on every side


def test_frame_styles_differ_and_are_deterministic():
    masks = [art.frame((200, 300), width_px=20, style=s, seed=2) for s in art.FRAME_STYLES]
    for i, a in enumerate(masks):
        assert np.array_equal(a, art.frame((200, 300), width_px=20, style=art.FRAME_STYLES[i], seed=2))
        for b in masks[i + 1 :]:
            assert np.abs(a - b).mean() > 0.01
    assert not np.array_equal(masks[1], art.frame((200, 300), width_px=20, style="guilloche", seed=3))


@pytest.mark.parametrize("style", art.FRAME_STYLES)
@pytest.mark.parametrize(("band", "line"), [(2.0, 1.0), (3.0, 1.5), (1.0, 4.0)])
def test_frame_narrow_bands_still_ink_within_the_band(style, band, line):
    m = art.frame((60, 80), width_px=band, style=style, inset_px=5, line_width_px=line)
    assert_mask(m, (60, 80))
    assert m[:, 40].sum() >= 0.3 * band  # some ink across the band (lines are at most a third of it wide)
    assert m[: 5 - 1].max() == 0 and m[5 + int(band) + 2 : -5 - int(band) - 2, 5 + int(band) + 2 : -5 - int(band) - 2].max() == 0


def test_frame_dots_are_beads():
    m = art.frame((300, 400), width_px=20, style="dots", seed=0)
    band = m.copy()
    band[19:-19, 19:-19] = 0  # drop the inner rule
    n, _, stats, _ = components(band, 0.5)
    assert n > 2 * (300 + 400) / 20 * 0.6  # a row of separate beads all round
    assert np.median(stats[:, cv2.CC_STAT_WIDTH]) < 16


# ------------------------------------------------------------------------------------------------------ rainbow


def test_rainbow_runs_from_the_first_to_the_last_colour():
    f = art.rainbow(PAGE, colors=RAINBOW, seed=2)
    assert f.shape == (*PAGE, 3) and f.dtype == np.float32
    assert f.min() >= 0 and f.max() <= 255
    np.testing.assert_allclose(f[:, 0].mean(axis=0), RAINBOW[0], atol=1.5)
    np.testing.assert_allclose(f[:, -1].mean(axis=0), RAINBOW[-1], atol=1.5)
    middle = f[:, PAGE[1] // 2].mean(axis=0)
    np.testing.assert_allclose(middle, RAINBOW[1], atol=6)


@pytest.mark.parametrize("axis", [0, 1])
def test_rainbow_two_colours_shift_monotonically_along_the_axis(axis):
    a, b = np.array((250, 200, 40)), np.array((40, 120, 230))
    f = art.rainbow((300, 400), colors=[tuple(a), tuple(b)], axis=axis, seed=9)
    profile = f.mean(axis=1 - axis)  # mean colour at each position along the axis
    t = (profile - a) @ (b - a) / ((b - a) @ (b - a))  # progress from a to b
    assert t[0] < 0.01 and t[-1] > 0.99
    assert np.all(np.diff(t) > -1e-4)
    across = f.std(axis=1 - axis).max()
    assert across > 0  # wavy transition lines...
    assert across < 0.1 * np.abs(b - a).max()  # ...but only slightly


def test_rainbow_is_deterministic_and_seeded():
    a = art.rainbow((120, 200), colors=RAINBOW, seed=1)
    assert np.array_equal(a, art.rainbow((120, 200), colors=RAINBOW, seed=1))
    assert not np.array_equal(a, art.rainbow((120, 200), colors=RAINBOW, seed=2))


def test_rainbow_positions_set_where_each_colour_is_met():
    even = art.rainbow((60, 401), colors=RAINBOW, seed=3)
    np.testing.assert_allclose(art.rainbow((60, 401), colors=RAINBOW, seed=3, positions=(0, 0.5, 1)), even, atol=0.01)
    early = art.rainbow((60, 401), colors=RAINBOW, seed=3, positions=[0.0, 0.2, 1.0])
    np.testing.assert_allclose(early[:, 80].mean(axis=0), RAINBOW[1], atol=6)  # the middle colour at 20%
    np.testing.assert_allclose(early[:, 0].mean(axis=0), RAINBOW[0], atol=1.5)
    np.testing.assert_allclose(early[:, -1].mean(axis=0), RAINBOW[-1], atol=1.5)


@pytest.mark.parametrize("positions", [(0, 1), (0, 0.5, 0.9), (0.1, 0.5, 1), (0, 0.6, 0.6), (0, 1.2, 1), "abc", 5])
def test_rainbow_bad_positions_are_rejected(positions):
    with pytest.raises(ValueError, match="positions"):
        art.rainbow((20, 30), colors=RAINBOW, positions=positions)


# ------------------------------------------------------------------------------------------------------- emblem


@pytest.mark.parametrize("kind", art.EMBLEM_KINDS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_emblem_is_centred_symmetric_and_about_70_percent_of_the_smaller_side(kind, seed):
    shape = (300, 420)
    m = art.emblem(shape, seed=seed, kind=kind)
    assert_mask(m, shape)
    ys, xs = np.indices(shape)
    cy, cx = (ys * m).sum() / m.sum(), (xs * m).sum() / m.sum()
    assert abs(cx - (shape[1] - 1) / 2) < 2 and abs(cy - (shape[0] - 1) / 2) < 0.05 * shape[0]
    assert np.abs(m - m[:, ::-1]).sum() < 0.05 * m.sum()  # mirror symmetric left-right
    rows, cols = np.nonzero(m.max(axis=1) > 0.5)[0], np.nonzero(m.max(axis=0) > 0.5)[0]
    extent = max(rows[-1] - rows[0], cols[-1] - cols[0]) / min(shape)
    assert 0.6 <= extent <= 0.75
    assert 0.04 < m.mean() < 0.4  # a motif, not a blank or a blob


@pytest.mark.parametrize("kind", art.EMBLEM_KINDS)
def test_emblem_is_deterministic_and_seeded(kind):
    a = art.emblem((160, 160), seed=4, kind=kind)
    assert np.array_equal(a, art.emblem((160, 160), seed=4, kind=kind))
    assert not np.array_equal(a, art.emblem((160, 160), seed=5, kind=kind))


def test_emblem_kinds_differ():
    masks = [art.emblem((160, 160), seed=1, kind=k) for k in art.EMBLEM_KINDS]
    for i in range(len(masks)):
        for j in range(i + 1, len(masks)):
            assert np.abs(masks[i] - masks[j]).mean() > 0.05


def test_emblem_offers_the_drawn_kinds():
    assert art.EMBLEM_KINDS[:3] == ("seal", "star", "shield")
    assert set(art.EMBLEM_KINDS[3:]) == {"sun", "wreath", "crown", "eagle", "mountain", "key", "tower"}


def ink_round(m, radius):
    """Whether there is ink, going once round the middle of the motif's extent at ``radius``."""
    rows, cols = np.nonzero(m.max(axis=1) > 0.5)[0], np.nonzero(m.max(axis=0) > 0.5)[0]
    cy, cx = (rows[0] + rows[-1]) / 2, (cols[0] + cols[-1]) / 2
    t = np.linspace(0, 2 * np.pi, 2048, endpoint=False)
    xs = (cx + radius * np.cos(t)).astype(np.float32)[None]
    ys = (cy + radius * np.sin(t)).astype(np.float32)[None]
    return cv2.remap(m, xs, ys, cv2.INTER_LINEAR)[0] > 0.5


def angular_runs(m, radius):
    """Separate runs of ink met going once round (0 for none, and for an unbroken ring)."""
    ink = ink_round(m, radius)
    return int((ink & ~np.roll(ink, 1)).sum())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_emblem_sun_has_rays_and_mountain_a_ring(seed):
    r = 0.35 * 300
    sun = art.emblem((300, 300), seed=seed, kind="sun")
    assert angular_runs(sun, 0.9 * r) >= 12  # separate long rays...
    assert angular_runs(sun, 0.2 * r) <= 8  # ...round a disc
    mountain = art.emblem((300, 300), seed=seed, kind="mountain")
    assert ink_round(mountain, 0.95 * r).all()  # an unbroken ring


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_emblem_tower_has_an_open_door_at_the_bottom(seed):
    m = art.emblem((300, 300), seed=seed, kind="tower")
    foot = np.nonzero(m.max(axis=1) > 0.5)[0][-1]
    row = m[foot - 3]
    assert row[145:155].max() < 0.5  # the middle of the tower's foot is the door...
    assert row[100:145].max() > 0.5 and row[155:200].max() > 0.5  # ...between walls


# ------------------------------------------------------------------------------------------------------- fibres


def test_fibres_count_and_labels():
    count = 60
    mask, label = art.fibres(PAGE, seed=8, count=count, length_px=(12, 30))
    assert_mask(mask, PAGE)
    assert label.shape == PAGE and label.dtype == np.int32
    assert np.array_equal(label > 0, mask > 0)  # labelled exactly where there is ink
    assert set(np.unique(label)) == {0, 1, 2, 3}
    n, comp, stats, _ = components(mask)
    assert 0.85 * count <= n <= count  # a few may cross and merge
    spans = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    assert np.median(spans) < 32  # short strokes...
    assert mask.mean() < 0.01  # ...scattered thinly
    # Uniformly scattered: every quarter of the page gets some.
    h, w = PAGE
    for rows in (slice(0, h // 2), slice(h // 2, h)):
        for cols in (slice(0, w // 2), slice(w // 2, w)):
            assert len(np.unique(comp[rows, cols])) > 1 + count // 10
    # Each fibre is one colour (a pixel where two cross takes one of theirs).
    single = sum(len(np.unique(label[comp == i + 1])) == 1 for i in range(n))
    assert single >= 0.9 * n


def test_fibres_width_and_length_set_the_ink():
    thin, _ = art.fibres((300, 400), seed=3, count=40, length_px=(20, 20), width_px=1.0)
    wide, _ = art.fibres((300, 400), seed=3, count=40, length_px=(20, 20), width_px=2.0)
    assert 1.6 < wide.sum() / thin.sum() < 2.4
    # 40 fibres of arc length >= 20 px, one pixel of ink across (minus what the border cuts off).
    assert 0.8 * 40 * 20 < thin.sum() < 1.4 * 40 * 20


def test_fibres_are_deterministic_and_seeded():
    a = art.fibres((200, 300), seed=1, count=30, length_px=(5, 20))
    b = art.fibres((200, 300), seed=1, count=30, length_px=(5, 20))
    c = art.fibres((200, 300), seed=2, count=30, length_px=(5, 20))
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_no_fibres():
    mask, label = art.fibres((50, 60), seed=0, count=0, length_px=(5, 10))
    assert not mask.any() and not label.any() and label.dtype == np.int32


# ---------------------------------------------------------------------------------------------------- microtext


def test_microtext_fills_the_width_at_the_cap_height():
    shape = (40, 600)
    m = art.microtext(shape, text="HIH", height_px=12)
    assert_mask(m, shape)
    rows = np.nonzero(m.mean(axis=1) > 0.05)[0]
    assert rows[-1] - rows[0] + 1 == pytest.approx(12, abs=1.5)  # caps only: the ink is the cap height
    assert abs((rows[0] + rows[-1]) / 2 - (shape[0] - 1) / 2) <= 1.5  # centred vertically
    cols = m.max(axis=0) > 0.2
    assert cols[:20].any() and cols[-20:].any()  # repeated across the full width
    n, _, _, _ = components(m, 0.2)
    assert n >= 2 * 600 // 40  # many glyphs


def test_microtext_tiny_text_is_a_delicate_line():
    m = art.microtext((12, 400), text="UTOPIA", height_px=3)
    assert_mask(m, (12, 400))
    rows = np.nonzero(m.mean(axis=1) > 0.02)[0]
    assert rows[-1] - rows[0] + 1 <= 6
    assert 0.05 < m[rows].mean() < 0.6


def test_microtext_seed_moves_the_start():
    a = art.microtext((20, 300), text="REPUBLIC OF UTOPIA", height_px=6, seed=0)
    assert np.array_equal(a, art.microtext((20, 300), text="REPUBLIC OF UTOPIA", height_px=6, seed=0))
    assert not np.array_equal(a, art.microtext((20, 300), text="REPUBLIC OF UTOPIA", height_px=6, seed=1))


def test_microtext_line_without_a_font_is_microtext():
    args = {"text": "REPUBLIC OF UTOPIA", "height_px": 3, "seed": 4}
    assert np.array_equal(art.microtext_line((10, 300), **args), art.microtext((10, 300), **args))


@pytest.mark.parametrize("font", [None, "dejavu"])
def test_microtext_line_taller_than_its_band_fills_the_band(fonts, font):
    path = None if font is None else fonts[font]
    m = art.microtext_line((1, 200), text="UTOPIA", height_px=1.4, font_path=path)
    assert_mask(m, (1, 200))
    assert np.array_equal(m, art.microtext_line((1, 200), text="UTOPIA", height_px=1.0, font_path=path))
    assert m.mean() > 0.05


def test_microtext_line_sets_any_script_the_font_has(fonts):
    shape = (40, 600)
    m = art.microtext_line(shape, text="НОВАРИЯ ŞĞÇ", height_px=12, font_path=fonts["dejavu"])
    assert_mask(m, shape)
    rows = np.nonzero(m.mean(axis=1) > 0.05)[0]
    assert 11 <= rows[-1] - rows[0] + 1 <= 18  # capitals (with the cedillas below and breves above)
    cols = m.max(axis=0) > 0.2
    assert cols[:20].any() and cols[-20:].any()  # repeated across the full width
    tiny = art.microtext_line((8, 600), text="НОВАРИЯ", height_px=2.5, font_path=fonts["dejavu"])
    assert 0.05 < tiny[np.nonzero(tiny.mean(axis=1) > 0.02)[0]].mean() < 0.6  # a grey, unreadable line
    other = art.microtext_line(shape, text="НОВАРИЯ ŞĞÇ", height_px=12, font_path=fonts["dejavu"], seed=1)
    assert not np.array_equal(m, other)


# ------------------------------------------------------------------------------------------------- perforation


def test_perforation_holes_are_separate_discs_along_the_strokes(fonts):
    shape, hole, pitch = (120, 520), 4.0, 7.0
    m = art.perforation_mask(shape, text="L898902C3", font_path=fonts["bold"], size_px=90, hole_px=hole, pitch_px=pitch)
    assert_mask(m, shape)
    n, _, stats, centroids = components(m, 0.3)
    assert n > 9 * 8  # several holes per character
    assert np.all(stats[:, cv2.CC_STAT_AREA] < 2.5 * np.pi * (hole / 2) ** 2)  # small, separate discs
    d = np.hypot(*(centroids[:, None, :] - centroids[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    assert d.min() >= pitch - 1.0  # (centroids of small anti-aliased discs are good to about half a pixel)
    glyphs = art.text_mask(shape, text="L898902C3", font_path=fonts["bold"], size_px=90, origin=(260, 60), anchor="mm")
    inside = glyphs[np.rint(centroids[:, 1]).astype(int), np.rint(centroids[:, 0]).astype(int)]
    assert np.all(inside > 0.5)  # every hole is in a glyph...
    near = cv2.dilate((m > 0.3).astype(np.uint8), np.ones((2 * int(pitch) + 9,) * 2, np.uint8)) > 0
    assert near[glyphs > 0.5].mean() > 0.97  # ...and the glyphs are perforated all along
    assert np.array_equal(m, art.perforation_mask(shape, text="L898902C3", font_path=fonts["bold"], size_px=90,
                                                  hole_px=hole, pitch_px=pitch))


def test_perforation_reads_as_the_number(fonts):
    """Blurred into strokes, the holes of a digit look like that digit more than like another."""
    def blur(m):
        return cv2.GaussianBlur(m, (0, 0), 3).ravel()

    glyph = {d: art.text_mask((80, 80), text=d, font_path=fonts["bold"], size_px=60, origin=(40, 40), anchor="mm")
             for d in "1702"}
    for digit, other in (("1", "7"), ("7", "1"), ("0", "2"), ("2", "0")):
        holes = blur(art.perforation_mask((80, 80), text=digit, font_path=fonts["bold"], size_px=60, hole_px=3))
        same = np.corrcoef(holes, blur(glyph[digit]))[0, 1]
        assert same > 0.8 and same > np.corrcoef(holes, blur(glyph[other]))[0, 1] + 0.1


# ------------------------------------------------------------------------------------------------------ engraved


def test_engraved_mask_is_the_text_with_a_lit_relief(fonts):
    shape = (80, 200)
    ink, shade = art.engraved_mask(shape, text="I", font_path=fonts["bold"], size_px=60, light_deg=180)
    assert_mask(ink, shape)
    assert np.array_equal(ink, art.text_mask(shape, text="I", font_path=fonts["bold"], size_px=60, origin=(100, 40),
                                             anchor="mm"))
    assert shade.shape == shape and shade.dtype == np.float32 and shade.min() >= -1 and shade.max() <= 1
    assert shade[:, :60].max() == 0 and shade[:, 140:].min() == 0  # flat ground far from the glyph
    cols = np.nonzero(ink.max(axis=0) > 0.5)[0]
    left, right = shade[:, cols[0] - 3 : cols[0] + 3], shade[:, cols[-1] - 2 : cols[-1] + 4]
    assert left.mean() > 0.1 and right.mean() < -0.1  # lit from the left: the left edge bright, the right dark
    _, turned = art.engraved_mask(shape, text="I", font_path=fonts["bold"], size_px=60, light_deg=0)
    np.testing.assert_allclose(turned, -shade, atol=1e-6)


# ---------------------------------------------------------------------------------------------------- text_mask


@pytest.mark.parametrize("font", ["ocrb", "dejavu"])
@pytest.mark.parametrize("pitch", [30.0, 15.25])
def test_text_mask_tracking_puts_glyph_centres_on_the_pitch(fonts, font, pitch):
    x0, size = 17.5, pitch * 1.3
    text = "IIIIIII"
    shape = (int(size * 2), int(x0 + pitch * (len(text) + 1)))
    m = art.text_mask(shape, text=text, font_path=fonts[font], size_px=size, origin=(x0, size * 1.4), tracking_px=pitch)
    assert_mask(m, shape)
    cols = m.sum(axis=0)
    centres = []
    for i in range(len(text)):
        lo, hi = int(x0 + i * pitch), int(np.ceil(x0 + (i + 1) * pitch))
        x = np.arange(lo, hi)
        centres.append((x * cols[lo:hi]).sum() / cols[lo:hi].sum())
    # Cell i spans [x0 + i * pitch, x0 + (i + 1) * pitch) in Pillow coordinates; pixel k's centre is at k + 0.5.
    expected = x0 + (np.arange(len(text)) + 0.5) * pitch - 0.5
    np.testing.assert_allclose(centres, expected, atol=0.3)


def test_text_mask_mrz_line_in_ocrb(fonts):
    line = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    shape, pitch = (80, 1400), 30.0
    m = art.text_mask(shape, text=line, font_path=fonts["ocrb"], size_px=40, origin=(30, 60), tracking_px=pitch)
    n, _, stats, centroids = components(m, 0.3)
    assert n == len(line)  # every glyph is one blob (no I/J dots or accents in the MRZ alphabet)...
    order = np.argsort(centroids[:, 0])
    cells = np.floor((centroids[order, 0] - 30) / pitch).astype(int)
    assert list(cells) == list(range(len(line)))  # ...in its own cell
    bottoms = (stats[:, cv2.CC_STAT_TOP] + stats[:, cv2.CC_STAT_HEIGHT])[order]
    letters = np.array([c != "<" for c in line])
    assert np.all(np.abs(bottoms[letters] - 60) <= 1)  # "ls": letters sit on the baseline y = 60
    assert np.all(bottoms[~letters] < 60)  # the filler "<" floats above it


@pytest.mark.parametrize(("anchor", "first_cell"), [("ls", 100.0), ("ms", 70.0), ("rs", 40.0), ("la", 100.0)])
def test_text_mask_tracking_anchor_places_the_whole_run(fonts, anchor, first_cell):
    m = art.text_mask(
        (80, 240), text="III", font_path=fonts["dejavu"], size_px=26, origin=(100, 40), anchor=anchor, tracking_px=20
    )
    n, comp, stats, _ = components(m)
    assert n == 3
    xs = np.indices(m.shape)[1]
    centres = sorted((xs * m)[comp == i].sum() / m[comp == i].sum() for i in (1, 2, 3))  # ink-weighted
    np.testing.assert_allclose(centres, first_cell + np.array([10, 30, 50]) - 0.5, atol=0.3)
    if anchor[1] == "s":
        assert np.all(np.abs(stats[:, cv2.CC_STAT_TOP] + stats[:, cv2.CC_STAT_HEIGHT] - 40) <= 1)
    else:  # "a": hanging from the ascender line
        assert np.all(stats[:, cv2.CC_STAT_TOP] > 40)


def test_text_mask_anchor_semantics_follow_pillow(fonts):
    shape = (100, 400)
    left = art.text_mask(shape, text="HELLO", font_path=fonts["dejavu"], size_px=30, origin=(200, 50), anchor="ls")
    mid = art.text_mask(shape, text="HELLO", font_path=fonts["dejavu"], size_px=30, origin=(200, 50), anchor="mm")
    cols = np.nonzero(left.max(axis=0) > 0.3)[0]
    assert 199 <= cols[0] <= 205  # starts at the origin (plus the side bearing)
    rows = np.nonzero(left.max(axis=1) > 0.3)[0]
    assert 48 <= rows[-1] <= 51  # baseline at the origin
    cols, rows = np.nonzero(mid.max(axis=0) > 0.3)[0], np.nonzero(mid.max(axis=1) > 0.3)[0]
    assert abs((cols[0] + cols[-1]) / 2 - 200) <= 2 and abs((rows[0] + rows[-1]) / 2 - 50) <= 3


def test_text_mask_clips_text_outside_the_shape(fonts):
    m = art.text_mask(
        (40, 100), text="ABCDEFGHIJ", font_path=fonts["ocrb"], size_px=30, origin=(-45, 30), tracking_px=20
    )
    assert_mask(m, (40, 100))
    assert m[:, :3].max() > 0 and m[:, -3:].max() > 0  # cut at both edges
    far = art.text_mask((40, 100), text="ABC", font_path=fonts["ocrb"], size_px=30, origin=(5000, 30))
    assert not far.any()


def test_text_mask_caches_fonts(fonts):
    art._font.cache_clear()
    for _ in range(3):
        art.text_mask((40, 100), text="A", font_path=fonts["bold"], size_px=20.1, origin=(5, 30))
    art.text_mask((40, 100), text="A", font_path=fonts["bold"], size_px=20.0, origin=(5, 30))  # same quarter px
    info = art._font.cache_info()
    assert info.misses == 1 and info.hits == 3


# --------------------------------------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None)
@given(
    h=st.integers(1, 120),
    w=st.integers(1, 120),
    seed=st.integers(0, 2**32),
    style=st.sampled_from(art.GUILLOCHE_STYLES),
    width=st.floats(0.05, 8),
    density=st.floats(0.2, 4),
)
def test_guilloche_any_valid_arguments_give_a_valid_mask(h, w, seed, style, width, density):
    assert_mask(art.guilloche((h, w), seed=seed, style=style, line_width_px=width, density=density), (h, w))


@settings(max_examples=25, deadline=None)
@given(
    h=st.integers(1, 120),
    w=st.integers(1, 120),
    seed=st.integers(0, 2**32),
    count=st.integers(0, 60),
    lengths=st.tuples(st.floats(0.5, 40), st.floats(0.5, 40)).map(sorted),
    width=st.floats(0.1, 6),
)
def test_fibres_any_valid_arguments_label_exactly_the_ink(h, w, seed, count, lengths, width):
    mask, label = art.fibres((h, w), seed=seed, count=count, length_px=tuple(lengths), width_px=width)
    assert_mask(mask, (h, w))
    assert np.array_equal(label > 0, mask > 0) and label.max() <= 3


@settings(max_examples=25, deadline=None)
@given(
    h=st.integers(16, 120),
    w=st.integers(16, 120),
    seed=st.integers(0, 2**32),
    width=st.floats(0.05, 8),
    petals=st.none() | st.integers(3, 36),
    rings=st.none() | st.integers(0, 12),
)
def test_rosette_any_valid_arguments_give_a_valid_mask(h, w, seed, width, petals, rings):
    assert_mask(art.rosette((h, w), seed=seed, line_width_px=width, petals=petals, rings=rings), (h, w))


@settings(max_examples=25, deadline=None)
@given(
    h=st.integers(4, 120),
    w=st.integers(4, 120),
    seed=st.integers(0, 2**32),
    style=st.sampled_from(art.FRAME_STYLES),
    band=st.floats(0.1, 1.0),
    inset=st.floats(0.0, 1.0),
    line=st.floats(0.1, 6),
)
def test_frame_any_fitting_band_gives_a_valid_mask(h, w, seed, style, band, inset, line):
    room = min(h, w) / 2 - 0.01
    band_px = band * room
    inset_px = inset * (room - band_px)
    m = art.frame((h, w), width_px=band_px, style=style, seed=seed, inset_px=inset_px, line_width_px=line)
    assert_mask(m, (h, w))


@settings(max_examples=25, deadline=None)
@given(
    h=st.integers(16, 120),
    w=st.integers(16, 120),
    seed=st.integers(0, 2**32),
    kind=st.sampled_from(art.EMBLEM_KINDS),
)
def test_emblem_any_valid_arguments_give_a_valid_mask(h, w, seed, kind):
    assert_mask(art.emblem((h, w), seed=seed, kind=kind), (h, w))


# --------------------------------------------------------------------------------------------------- validation

GOOD = {
    "guilloche": (art.guilloche, {"seed": 0}),
    "rainbow": (art.rainbow, {"colors": RAINBOW}),
    "emblem": (art.emblem, {"seed": 0}),
    "fibres": (art.fibres, {"seed": 0, "count": 3, "length_px": (4, 8)}),
    "microtext": (art.microtext, {"text": "ABC", "height_px": 5}),
    "text_mask": (art.text_mask, {"text": "ABC", "font_path": str(OCRB), "size_px": 20, "origin": (2, 30)}),
}


@pytest.mark.parametrize("name", sorted(GOOD))
@pytest.mark.parametrize(
    "shape", [(0, 10), (10, -1), (10,), (10, 10, 3), (10.0, 10), "ab", None, (True, 10), (10, 10**6)]
)
def test_bad_shapes_are_rejected(name, shape):
    func, kwargs = GOOD[name]
    with pytest.raises(ValueError, match="shape"):
        func(shape, **kwargs)


@pytest.mark.parametrize(
    ("name", "bad", "message"),
    [
        ("guilloche", {"style": "paisley"}, "style"),
        ("guilloche", {"seed": -1}, "seed"),
        ("guilloche", {"seed": 1.5}, "seed"),
        ("guilloche", {"density": 0}, "density"),
        ("guilloche", {"density": 5}, "density"),
        ("guilloche", {"line_width_px": 0}, "line_width_px"),
        ("guilloche", {"line_width_px": float("nan")}, "line_width_px"),
        ("rainbow", {"colors": [(1, 2, 3)]}, "at least 2"),
        ("rainbow", {"colors": []}, "colors"),
        ("rainbow", {"colors": [(1, 2), (3, 4)]}, "colors"),
        ("rainbow", {"colors": [(0, 0, 0), (0, 0, 300)]}, r"\[0, 255\]"),
        ("rainbow", {"colors": "red"}, "colors"),
        ("rainbow", {"axis": 2}, "axis"),
        ("rainbow", {"seed": -3}, "seed"),
        ("emblem", {"kind": "griffin"}, "kind"),
        ("fibres", {"count": -1}, "count"),
        ("fibres", {"count": 2.5}, "count"),
        ("fibres", {"length_px": (8, 4)}, "length_px"),
        ("fibres", {"length_px": (0, 4)}, "length_px"),
        ("fibres", {"length_px": 5}, "length_px"),
        ("fibres", {"width_px": -1}, "width_px"),
        ("microtext", {"text": ""}, "text"),
        ("microtext", {"text": "   "}, "text"),
        ("microtext", {"text": "PASSE\u00e9"}, "ASCII"),
        ("microtext", {"height_px": 0}, "height_px"),
        ("microtext", {"height_px": 50}, "height_px"),
        ("microtext", {"height_px": 300}, "height_px"),
        ("text_mask", {"text": ""}, "text"),
        ("text_mask", {"text": "AB\nCD"}, "text"),
        ("text_mask", {"anchor": "xx"}, "anchor"),
        ("text_mask", {"anchor": "sa"}, "anchor"),
        ("text_mask", {"font_path": "/nonexistent/font.otf"}, "font_path"),
        ("text_mask", {"font_path": __file__}, "cannot load the font"),
        ("text_mask", {"size_px": 0}, "size_px"),
        ("text_mask", {"tracking_px": 0}, "tracking_px"),
        ("text_mask", {"origin": (1,)}, "origin"),
        ("text_mask", {"origin": ("a", 2)}, "origin"),
    ],
)
def test_bad_arguments_are_rejected(name, bad, message):
    func, kwargs = GOOD[name]
    shape = (20, 40) if name != "emblem" else (40, 40)
    with pytest.raises(ValueError, match=message):
        func(shape, **{**kwargs, **bad})


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: art.rosette((100, 100), seed=0, petals=2), "petals"),
        (lambda: art.rosette((100, 100), seed=0, rings=13), "rings"),
        (lambda: art.rosette((100, 100), seed=-1), "seed"),
        (lambda: art.rosette((10, 100), seed=0), "shape"),
        (lambda: art.rosette((100, 100), seed=0, line_width_px=-1), "line_width_px"),
        (lambda: art.rosette((100, 100), seed=0, spacing_px=0), "spacing_px"),
        (lambda: art.frame((100, 100), width_px=-3), "width_px"),
        (lambda: art.frame((100, 100), width_px=10, style="baroque"),
         "unknown style 'baroque'; expected one of 'line', 'guilloche', 'dots', 'greek'"),
        (lambda: art.frame((100, 100), width_px=30, inset_px=25), "does not fit"),
        (lambda: art.frame((100, 100), width_px=10, inset_px=-1), "inset_px"),
        (lambda: art.frame((100, 100), width_px=10, line_width_px=0), "line_width_px"),
        (lambda: art.frame((100, 100, 3), width_px=10), "shape"),
    ],
)
def test_bad_arguments_of_the_new_generators_are_rejected(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("name", "bad", "message"),
    [
        ("microtext_line", {"text": "НОВАРИЯ"}, "ASCII"),
        ("microtext_line", {"font_path": "/nonexistent.ttf"}, "font_path"),
        ("microtext_line", {"font_path": str(DEJAVU), "height_px": 300}, "height_px"),
        ("microtext_line", {"height_px": 0}, "height_px"),
        ("microtext_line", {"font_path": str(DEJAVU), "text": " "}, "text"),
        ("microtext_line", {"font_path": str(DEJAVU), "seed": -1}, "seed"),
        ("perforation_mask", {"hole_px": 0}, "hole_px"),
        ("perforation_mask", {"hole_px": 4, "pitch_px": 3}, "at least hole_px"),
        ("perforation_mask", {"font_path": "/nonexistent.ttf"}, "font_path"),
        ("perforation_mask", {"text": ""}, "text"),
        ("perforation_mask", {"size_px": -2}, "size_px"),
        ("perforation_mask", {"anchor": "zz"}, "anchor"),
        ("engraved_mask", {"relief_px": 0}, "relief_px"),
        ("engraved_mask", {"light_deg": float("nan")}, "light_deg"),
        ("engraved_mask", {"font_path": 3}, "font_path"),
        ("engraved_mask", {"origin": (1,)}, "origin"),
    ],
)
def test_bad_arguments_of_the_text_features_are_rejected(name, bad, message):
    good = {
        "microtext_line": {"text": "ABC", "height_px": 5},
        "perforation_mask": {"text": "123", "font_path": str(DEJAVU_BOLD), "size_px": 20, "hole_px": 2},
        "engraved_mask": {"text": "123", "font_path": str(DEJAVU_BOLD), "size_px": 20},
    }
    with pytest.raises(ValueError, match=message):
        getattr(art, name)((20, 40), **{**good[name], **bad})


@pytest.mark.parametrize("name", ["microtext_line", "perforation_mask", "engraved_mask"])
def test_text_features_reject_bad_shapes(name):
    kwargs = {"text": "12", "font_path": str(DEJAVU_BOLD), "size_px": 20, "hole_px": 2, "height_px": 4}
    del kwargs[{"microtext_line": "size_px", "perforation_mask": "height_px", "engraved_mask": "height_px"}[name]]
    if name == "engraved_mask":
        del kwargs["hole_px"]
    elif name == "microtext_line":
        del kwargs["hole_px"]
    with pytest.raises(ValueError, match="shape"):
        getattr(art, name)((0, 10), **kwargs)


def test_emblem_needs_room():
    with pytest.raises(ValueError, match="shape"):
        art.emblem((10, 200), seed=0)


def test_numpy_integers_are_accepted():
    m = art.guilloche(np.array([20, 30]), seed=np.int64(3), style="mesh")
    assert m.shape == (20, 30)
    assert np.array_equal(m, art.guilloche((20, 30), seed=3, style="mesh"))


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        art.guilloche((10, 10), 0)  # type: ignore[misc]
