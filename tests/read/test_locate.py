"""The MRZ locator on captures it finds hard: print across the lines, turned pages, lines of other print nearby."""

from dataclasses import replace

import cv2
import numpy as np
import pytest

from docexam.lights import Light
from docexam.read.locate import locate_mrz
from docexam.specimens import random_specimen, render
from docexam.specimens.capture import CaptureConditions, capture
from docexam.specimens.design import MRZ_LINE_SPACING_MM, MRZ_PITCH_MM, mm_to_px
from docexam.specimens.designs import design
from docexam.specimens.overprint import STAMP_COLOURS, stamp
from tests.conftest import TODAY


def _shot(code: str, seed: int, *, rotation: float, dpi: int = 280, stamped_at: float | None = None, surface: int = 60,
          colour: str = "green"):
    """A capture of a document of design ``code`` turned by ``rotation`` degrees, stamped over its MRZ's first line
    at character ``stamped_at``; and, per MRZ line, the centres of its first and last characters in the capture."""
    fam = design(code)
    specimen = random_specimen(fam, seed, today=TODAY)
    visible = render(specimen)[Light.VISIBLE]
    n, length = len(specimen.mrz), len(specimen.mrz[0])
    if stamped_at is not None:
        visible = stamp(visible, fam, n, colour=STAMP_COLOURS[colour], at_char=stamped_at, seed=seed)
    cond = CaptureConditions(dpi=dpi, rotation_deg=rotation, perspective=0.0, blur_sigma_px=0.6, noise_sigma=2.0,
                             illumination=0.1, jpeg_quality=None, background_rgb=(surface,) * 3, margin=0.08,
                             misregistration_px=0.0)
    shot = capture({"visible": visible}, cond, seed=seed)
    ends = _line_ends(fam, n, length, shot.homographies["visible"])
    gray = cv2.cvtColor(shot.images["visible"], cv2.COLOR_RGB2GRAY)
    return specimen, gray, ends, mm_to_px(MRZ_LINE_SPACING_MM, dpi)


def _line_ends(fam, n: int, length: int, homography: np.ndarray) -> list[np.ndarray]:
    """Per MRZ line of a document of design ``fam``, the centres of its first and last characters in a capture whose
    homography from the 300 dpi rendering is ``homography``."""
    ends = []
    for i in range(n):
        y = mm_to_px(fam.mrz_bottom_centre - (n - 1 - i) * MRZ_LINE_SPACING_MM, 300)
        pts = np.array([[mm_to_px(fam.mrz_left + (k + 0.5) * MRZ_PITCH_MM, 300), y, 1.0] for k in (0, length - 1)])
        q = pts @ homography.T
        ends.append(q[:, :2] / q[:, 2:])
    return ends


def _holds_the_mrz(region, specimen, ends, spacing) -> bool:
    """The region has the MRZ's lines, holds every line's first and last character, and not much more across."""
    if region is None or region.lines != len(specimen.mrz):
        return False
    quad = region.corners.astype(np.float32).reshape(-1, 1, 2)
    inside = min(cv2.pointPolygonTest(quad, (float(x), float(y)), True) for e in ends for x, y in e)
    tl, _, _, bl = region.corners.astype(np.float64)
    return inside > -0.15 * spacing and np.linalg.norm(bl - tl) < (len(specimen.mrz) + 1) * spacing


@pytest.mark.parametrize(("code", "seed", "rotation", "at"), [("UTO-TD3", 4, 14.0, 14.0), ("UTO-TD2", 9, -12.0, 10.0)])
def test_lines_a_stamp_joins_on_a_turned_page_are_found_as_lines(code, seed, rotation, at):
    specimen, gray, ends, spacing = _shot(code, seed, rotation=rotation, stamped_at=at)
    assert _holds_the_mrz(locate_mrz(gray), specimen, ends, spacing)


def test_a_card_s_three_lines_are_found_when_a_stamp_thickens_two_of_them():
    # A stamp across a TD1's first two lines made them measure taller than the third; the two were taken for an MRZ of
    # two lines of 30 characters, which no layout has (Doc 9303 Part 5: 3 x 30).
    specimen, gray, ends, spacing = _shot("UTO-TD1", 2, rotation=9.0, stamped_at=8.0)
    assert _holds_the_mrz(locate_mrz(gray), specimen, ends, spacing)


def test_a_small_card_in_a_large_screenshot_is_found_on_a_finer_look():
    # A card shown small on a light page of a large screen: its text is 4 pixels high in the working copy, where its
    # lines cannot be told apart; on a copy twice as fine its three lines are found (Doc 9303 Part 5: 3 x 30).
    specimen, gray, ends, spacing = _shot("UTO-TD1", 7, rotation=0.0, dpi=300, surface=235)
    k = 9.0 / mm_to_px(MRZ_PITCH_MM, 300)  # a character pitch of 9 screen pixels
    small = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    screen = np.full((1440, 2560), 240, np.uint8)
    screen[:60] = 60  # a title bar
    y0, x0 = 700, 300
    screen[y0 : y0 + small.shape[0], x0 : x0 + small.shape[1]] = small
    ends = [(e + 0.5) * k - 0.5 + (x0, y0) for e in ends]
    assert _holds_the_mrz(locate_mrz(screen), specimen, ends, spacing * k)


@pytest.mark.parametrize(("code", "seed", "rotation", "blur"), [
    ("UTO-TD3", 1, 0.0, 1.8), ("UTO-TD1", 2, 0.0, 1.8), ("NVR-TD3-7", 3, 10.0, 1.8),
    ("UTO-TD1", 3, 0.0, 1.5),  # the middle line's rows 12 px high at a 9.6 px pitch: lost, and two lines were read
])
def test_small_print_in_soft_focus_is_found_though_its_characters_touch(code, seed, rotation, blur):
    # A phone photo of a page in soft focus: characters 9.6 px apart blurred by 1.5-1.8 px leave under 8% of a line's
    # length blank between them, which was read as a rule or a shadow, not text, and no MRZ was found. Its strokes
    # still repeat at OCR-B's pitch for its height (Doc 9303 Part 3, 4.4 and 4.10).
    specimen, gray, ends, spacing = _shot(code, seed, rotation=rotation, dpi=150)
    k = 0.64
    gray = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    ends = [(e + 0.5) * k - 0.5 for e in ends]
    soft = cv2.GaussianBlur(gray, (0, 0), blur)
    assert _holds_the_mrz(locate_mrz(soft), specimen, ends, spacing * k)


def test_a_line_without_gaps_is_text_only_at_the_font_s_pitch_for_its_height():
    from docexam.read.locate import LineCandidate, _blurred_text

    line = LineCandidate((100.0, 100.0), 400.0, 11.0, 0.0, np.zeros((4, 2), np.float32), gaps=0.02, height=10.0,
                         pitch=9.6, regularity=0.7)
    assert _blurred_text(line)
    assert not _blurred_text(replace(line, regularity=0.4))  # no pitch to speak of: a rule, an edge, a shadow
    assert not _blurred_text(replace(line, pitch=13.0))  # a guilloche's period, unlike the font's for the height
    assert not _blurred_text(replace(line, pitch=6.0))
    assert _blurred_text(replace(line, height=12.5))  # rows grown by a blur of a sixth of the pitch
    assert not _blurred_text(replace(line, height=0.0))  # rows not measured


def _small_dark_card():
    """A development design's card (KST-TD1-3) photographed small in low light: a 364 x 443 picture, characters 9 px
    apart, a third of the contrast, noise; its specimen, the grey picture, its MRZ lines' ends, their spacing."""
    from docexam.specimens.capture import CaptureConditions

    fam = design("KST-TD1-3")
    specimen = random_specimen(fam, 158803084, today=TODAY)
    cond = CaptureConditions(dpi=292, rotation_deg=-6.898, perspective=0.0155, blur_sigma_px=0.166, noise_sigma=2.76,
                             illumination=0.0197, jpeg_quality=77, background_rgb=(27, 26, 29), margin=0.0687,
                             misregistration_px=1.3)
    shot = capture({"visible": render(specimen)[Light.VISIBLE]}, cond, seed=10)
    k = 0.2824
    small = cv2.resize(cv2.cvtColor(shot.images["visible"], cv2.COLOR_RGB2GRAY), None, fx=k, fy=k,
                       interpolation=cv2.INTER_AREA)
    rng = np.random.default_rng(10)
    dark = np.clip(small * 0.3 + 10 + rng.normal(0, 6, small.shape), 0, 255).astype(np.uint8)
    ends = [(e + 0.5) * k - 0.5 for e in _line_ends(fam, len(specimen.mrz), len(specimen.mrz[0]),
                                                    shot.homographies["visible"])]
    return specimen, dark, ends, mm_to_px(MRZ_LINE_SPACING_MM, cond.dpi) * k


def test_a_small_dark_photo_s_lines_are_found_on_a_copy_twice_as_large():
    # At its own size the card's three lines, 4 px apart and turned 7 degrees, merged into one blob and no MRZ's lines
    # were found; on a copy twice as large they are.
    specimen, dark, ends, spacing = _small_dark_card()
    assert max(dark.shape) <= 600
    region = locate_mrz(dark)
    assert _holds_the_mrz(region, specimen, ends, spacing) and region.enlarged


def test_a_reading_of_print_found_only_enlarged_is_never_confirmed():
    # Print this small is read with less certainty than the recogniser's confidence says: a letter of a name, which no
    # check digit covers, can be read wrongly and surely. The reading is given, unconfirmed: every character is to be
    # checked against the document.
    from docexam.read.reader import ReadStatus, read_gray

    specimen, dark, _, _ = _small_dark_card()
    result = read_gray(dark, today=TODAY)
    assert result.correction is not None and list(result.correction.lines) == list(specimen.mrz)
    assert result.correction.result.valid and not result.valid and not result.confirmed
    assert result.status is ReadStatus.UNCONFIRMED
    # said as what it is: the print was small, not the recogniser unsure (it was sure)
    assert result.small_print and result.unconfirmed_issue.code == "small_print"


def test_the_counted_columns_are_numpy_s_histogram():
    from docexam.read.locate import _uniform_histogram

    rng = np.random.default_rng(5)
    for i in range(400):
        lo = float(rng.uniform(-300, 300))
        hi = lo + float(rng.uniform(1, 900))
        x = rng.uniform(lo, hi, int(rng.integers(1, 2000))).astype(np.float32)
        if i % 2:
            x = np.concatenate([x, np.float32([lo, hi])])  # values on the outer edges
        x = x[(x >= lo) & (x <= hi)]
        bins = max(1, int(hi - lo))
        assert np.array_equal(_uniform_histogram(x, bins, lo, hi), np.histogram(x, bins=bins, range=(lo, hi))[0])


def test_the_points_less_an_origin_are_numpy_s_difference():
    from docexam.read.locate import _less

    rng = np.random.default_rng(11)
    for n in (1, 7, 3000):
        pts = rng.uniform(0, 1200, (n, 2)).astype(np.float32)
        origin = rng.uniform(0, 1200, 2).astype(np.float32)
        assert np.array_equal(_less(pts, origin), pts - origin)


def test_the_strokes_near_a_line_are_numpy_s_nonzero_pixels():
    from docexam.read.locate import LineCandidate, _strokes_near

    rng = np.random.default_rng(3)
    strokes = np.where(rng.random((300, 400)) < 0.1, 255, 0).astype(np.uint8)
    for centre, length, angle in (((200.0, 150.0), 120.0, 3.0), ((5.0, 5.0), 40.0, -80.0), ((390.0, 290.0), 300.0, 0.0)):
        c = LineCandidate(centre, length, 10.0, angle, np.zeros((0, 2), np.float32))
        got = _strokes_near(strokes, c)
        u = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
        reach = np.abs(u) * (length + 20.0) + np.abs(u[::-1]) * 30.0
        x0, y0 = (int(max(0, np.floor(centre[i] - reach[i]))) for i in (0, 1))
        x1, y1 = int(min(400, np.ceil(centre[0] + reach[0]) + 1)), int(min(300, np.ceil(centre[1] + reach[1]) + 1))
        ys, xs = np.nonzero(strokes[y0:y1, x0:x1])
        assert got.dtype == np.float32 and np.array_equal(got, np.stack([xs + x0, ys + y0], axis=1).astype(np.float32))
    assert _strokes_near(np.zeros((50, 50), np.uint8), LineCandidate((25.0, 25.0), 20.0, 5.0, 0.0,
                                                                     np.zeros((0, 2), np.float32))).shape == (0, 2)


def test_following_a_line_survives_a_position_a_rounding_below_its_first_bin():
    # (along.min() - lo) / step rounds up to a whole number for a position a hair below lo + 25 steps: the first
    # edge lands above that position, which np.searchsorted put in bin -1 and np.bincount refused (a ValueError out
    # of read_gray on a steep phone photo).
    from docexam.read.locate import _follow

    lo, pitch = 56.63934229092593, 8.474197953984302
    first = np.float64(-155.21560655868163)
    assert np.floor((first - lo) / (pitch / 2)) * (pitch / 2) + lo > first  # the rounding this is about
    along = np.concatenate([first + np.arange(0, 60, 0.5), np.linspace(lo, lo + 40, 80)])
    got = _follow(along, lo, lo + 40, pitch)
    assert got[0] <= lo and got[1] >= lo + 40


def _bins_of(counts: list[int], lo: float, step: float) -> np.ndarray:
    """Stroke positions along a line: ``counts[i]`` of them spread over the half-pitch bin starting at lo + i*step."""
    return np.concatenate([lo + step * i + (np.arange(n) + 0.5) * step / max(n, 1) for i, n in enumerate(counts)])


def test_a_line_is_followed_over_its_faint_fillers_but_not_into_a_solid_shape():
    from docexam.read.locate import _follow

    pitch, lo = 10.0, 0.0
    line = [40] * 20  # the component: 10 characters at 2 half-pitch bins each, [0, 100)
    # faint fillers beyond, one blank bin between: followed (the walk was made for them)
    got = _follow(_bins_of(line + [0, 9, 8, 0, 10], lo, 5.0), lo, 100.0, pitch)
    assert got[1] == 125.0
    # an icon beside the page (a solid shape, ten times a character's ink) one blank bin beyond: not text
    got = _follow(_bins_of(line + [0, 400, 420, 410], lo, 5.0), lo, 100.0, pitch)
    assert got[1] == 100.0


def _simulated_capture(family: str, seed: int, condition: int, **capture):
    """The print-and-capture simulator's development capture of soft_capture_bench (its specimen seed ``60000 + i``,
    its capture seed ``[910000 + i, condition]``, pitch 7 to 11 px, a good print) with the condition's drawn
    ``capture`` options as callables of the generator, padded with paper: (specimen, image, simulated)."""
    from docexam.ocr.training import printsim
    from docexam.specimens import FAMILIES

    spec = random_specimen(FAMILIES[family], 60000 + seed, today=TODAY)
    rng = np.random.default_rng([910000 + seed, condition])
    pitch = float(rng.uniform(7, 11))
    cap = printsim.Capture(pitch, **{k: draw(rng) for k, draw in capture.items()})
    sim = printsim.simulate(list(spec.mrz), rng=rng, faces=printsim.available_faces(), mild=True, capture=cap)
    pad = int(2 * sim.pitch)
    img = cv2.copyMakeBorder(sim.image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=int(np.percentile(sim.image, 90)))
    return spec, img, sim


@pytest.mark.parametrize("seed", [16, 43])
def test_a_td1_large_and_soft_in_its_image_is_found_whole_on_a_coarser_look(monkeypatch, seed):
    # An MRZ cropped close, its characters 24-30 px apart, blurred 1.5 px before it was enlarged (soft_capture_bench's
    # development captures blur #16 and #43): the working copy's character size (its side / 90, 10-13 px) is under
    # half the characters' height, the morphology that merges a line fits inside the blurred line and the lines
    # break into pieces. Found before: one line of 25 characters, or two of 30 taken for a TD2's; both read as garbage.
    import docexam.read.locate as locate

    spec, img, sim = _simulated_capture("td1", seed, 1, blur=lambda rng: float(rng.uniform(0.8, 1.6)))
    region = locate_mrz(img)
    assert region.lines == 3 and abs(region.cells / 30 - 1) < 0.05
    assert 0.8 < region.pitch_estimate / sim.pitch < 1.25
    monkeypatch.setattr(locate, "COARSEN", 1)  # the coarser look no coarser: as before
    assert locate_mrz(img).lines < 3


def test_two_lines_whose_strokes_swell_into_the_blank_between_them_are_two_lines(monkeypatch):
    # A TD2 printed over a guilloche and sent as a JPEG of quality 24 (the print-and-capture simulator's development
    # capture soft_capture_bench jpeg #32): the swollen strokes and the background's specks fill all but 3 rows of
    # the blank between the lines, which were taken for one line's top and bottom strokes; the one "line", 76 px
    # high, put the pitch at 96 px and the crop at a third of its size, and no MRZ was read.
    import docexam.read.locate as locate
    from docexam.read.reader import read_gray

    spec, img, sim = _simulated_capture("td2", 32, 3, jpeg=lambda rng: int(rng.integers(20, 41)))
    region = locate_mrz(img)
    assert region.lines == 2 and 0.8 < region.pitch_estimate / sim.pitch < 1.5
    assert read_gray(img, engine="ocrb", today=TODAY).correction.lines == spec.mrz
    monkeypatch.setattr(locate, "SWOLLEN_HEIGHT", 100.0)  # the two runs always one line, as before
    assert locate_mrz(img).pitch_estimate > 2.5 * sim.pitch


def test_two_lines_whose_period_says_30_characters_are_read_as_a_td1_whatever_their_height_says(monkeypatch):
    # A thermal print that missed dot rows (soft_capture_bench's clean #16): the first line's ink is two thirds of
    # the second's height, so its width over its height says 44 characters, and the third line was not located. The
    # located lines' length over their strokes' period says 30: the region grown by a line is read first, and its
    # reading (three lines, most characters right) is kept over the two lines' garbage.
    import docexam.read.reader as reader

    spec, img, _sim = _simulated_capture("td1", 16, 0)
    region = locate_mrz(img)
    assert region.lines == 2 and abs(region.cells / 30 - 1) < 0.05
    got = reader.read_gray(img, engine="ocrb", today=TODAY)
    assert [len(x) for x in got.correction.lines] == [30, 30, 30]
    right = sum(a == b for t, g in zip(spec.mrz, got.correction.lines) for a, b in zip(t, g))
    assert right >= 80 and any("a TD1 (3 x 30)" in n for n in got.notes)
    monkeypatch.setattr(reader, "LAYOUT_TOLERANCE", 0.0)  # the period not taken as evidence: as before
    assert [len(x) for x in reader.read_gray(img, engine="ocrb", today=TODAY).correction.lines] != [30, 30, 30]
