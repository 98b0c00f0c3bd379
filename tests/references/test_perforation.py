"""A number perforated through the page is found as the holder's document number, without reading it; print that
is not a line of like holes (guilloche, text, the real corpus's pages) is not taken for one."""

import cv2
import numpy as np
import pytest

from docexam.references.annotate import annotate
from docexam.references.model import Role
from docexam.references.perforation import find_perforation
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from tests.conftest import CORPUS, TODAY

PX_PER_MM = 300 / 25.4
#: 5 x 7 dot-matrix digits (rows top to bottom), drawn here independently of the generator's perforating laser.
DIGITS = {
    "0": ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
    "1": ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
    "4": ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
    "7": ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
    "9": ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
}


def _page(number: str | None, *, turned: bool = True) -> tuple[np.ndarray, tuple[int, int, int, int] | None]:
    """A 300 dpi page with wavy background lines and a caption, and ``number`` perforated (holes 0.35 mm,
    apart, centre to centre 0.6 mm) along its right edge, turned a quarter; the box of the holes."""
    page = np.full((1000, 1400), 235, np.uint8)
    for k in range(0, 1000, 9):
        pts = np.array([[x, k + 6 * np.sin(x / 40 + k)] for x in range(0, 1400, 10)], np.int32)
        cv2.polylines(page, [pts], False, 200, 1, cv2.LINE_AA)
    cv2.putText(page, "PASSPORT / PASSEPORT 0123456789", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 60, 3)
    if number is None:
        return page, None
    hole, step = 4, 7
    strip = np.full((7 * step + 8, len(number) * 6 * step + 8), 0, np.uint8)
    for i, ch in enumerate(number):
        for r, row in enumerate(DIGITS[ch]):
            for c, on in enumerate(row):
                if on == "1":
                    cv2.circle(strip, (4 + (6 * i + c) * step + step // 2, 4 + r * step + step // 2), hole // 2, 255, -1)
    if turned:
        strip = np.rot90(strip).copy()
    h, w = strip.shape
    y0, x0 = 200, 1300 - w
    page[y0 : y0 + h, x0 : x0 + w][strip > 0] = 70
    ys, xs = np.nonzero(strip)
    return page, (x0 + int(xs.min()), y0 + int(ys.min()), int(xs.max() - xs.min()), int(ys.max() - ys.min()))


@pytest.mark.parametrize("turned", [True, False])
def test_a_perforated_number_is_found_along_or_across_the_page(turned):
    page, truth = _page("4019770140", turned=turned)
    found = find_perforation(page, px_per_mm=PX_PER_MM)
    assert found is not None
    (x, y, w, h), confidence, holes = found
    tx, ty, tw, th = truth
    assert x <= tx + 3 and y <= ty + 3 and x + w >= tx + tw - 3 and y + h >= ty + th - 3  # the whole number
    assert w * h <= 1.6 * (tw + 10) * (th + 10)
    assert holes >= 100 and 0 < confidence <= 1


def test_print_that_is_not_a_line_of_holes_is_not_taken_for_one():
    page, _ = _page(None)
    assert find_perforation(page, px_per_mm=PX_PER_MM) is None


def test_a_line_of_holes_inside_a_region_already_found_is_that_regions():
    page, truth = _page("4019770140")
    x, y, w, h = truth
    assert find_perforation(page, px_per_mm=PX_PER_MM, avoid=[(x - 20, y - 20, w + 40, h + 40)]) is None


def test_the_generators_perforated_design_gets_a_document_number_region():
    images = {str(k): v for k, v in render(random_specimen(design("NVR-TD3-1"), 7, today=TODAY), dpi=300).items()}
    ann = annotate(images, dpi=300, today=TODAY)
    numbers = [r for r in ann.regions if r.role is Role.DOCUMENT_NUMBER]
    assert len(numbers) == 1 and "perforated" in numbers[0].note
    fam = design("NVR-TD3-1")
    px, py, pw, ph = fam.perforation.px(300)
    x, y, w, h = numbers[0].box
    assert x < px + pw and px < x + w and y < py + ph and py < y + h
    # the personalised area takes it in
    assert any(r.role is Role.PERSONALISED and r.box[0] <= x and r.box[0] + r.box[2] >= x + w for r in ann.regions)


def test_no_real_corpus_page_is_taken_for_a_perforated_one(corpus_truth):
    """The real pages, scanned or photographed at 95 to 164 dpi, are below the resolution holes are looked for at;
    enlarged to 300 dpi (their text as large as a 300 dpi scan's, softer), none of their print is a line of holes."""
    for name in corpus_truth:
        grey = cv2.imread(str(CORPUS / name), cv2.IMREAD_GRAYSCALE)
        if grey is None:
            continue
        assert find_perforation(grey, px_per_mm=120 / 25.4) is None, name
        big = cv2.resize(grey, None, fx=2.5, fy=2.5, interpolation=cv2.INTER_CUBIC)
        assert find_perforation(big, px_per_mm=300 / 25.4) is None, name


@pytest.mark.parametrize("grey,ppm", [(np.zeros((0, 0), np.uint8), 10.0), (np.zeros((50, 50), np.float32), 10.0),
                                      (np.zeros((50, 50), np.uint8), 0.0), (np.zeros((50, 50), np.uint8), float("nan"))])
def test_bad_input_is_a_value_error(grey, ppm):
    with pytest.raises(ValueError):
        find_perforation(grey, px_per_mm=ppm)
