"""Where another holder's VIZ data may be printed, from one specimen: its values run on to the right, and the value
lines of the VIZ's columns the MRZ did not explain are found; captions and other columns are not."""

import cv2
import numpy as np
import pytest

from docexam.references.holder_text import holder_text
from docexam.references.model import Annotation, Region, Role, Source


def _page() -> np.ndarray:
    page = np.full((400, 900, 3), 235, np.uint8)
    for y, text, scale in ((60, "SURNAME", 0.4), (90, "TOMORON", 0.9), (150, "WESTHOLM", 0.9),
                           (210, "PASSPORT OFFICE", 0.9)):
        cv2.putText(page, text, (50, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (20, 20, 20), 2)
    cv2.putText(page, "ARC", (420, 150), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2)  # another column
    return page


def _annotation(source: Source) -> Annotation:
    return Annotation("s", 300, (
        Region("viz-surname", Role.VIZ_FIELD, (46, 69, 140, 25), field="surname", source=source),
        Region("portrait", Role.PORTRAIT, (650, 40, 200, 260), source=source),
    ))


def test_values_run_on_and_unexplained_value_lines_of_the_column_are_found():
    runs, lines = holder_text(_page(), _annotation(Source.AUTOMATIC))
    (run,) = runs.values()
    assert set(runs) == {"viz-surname"}
    assert run[:2] == (46, 69) and run[3] == 25 and 186 < run[0] + run[2] < 650  # longer, not into the portrait
    tops = sorted(b[1] for b in lines)
    assert len(tops) == 2 and 120 < tops[0] < 135 and 180 < tops[1] < 195, lines  # WESTHOLM, PASSPORT OFFICE
    assert all(45 <= b[0] <= 55 for b in lines)  # not the caption, not the other column's ARC


def test_regions_an_examiner_drew_are_taken_as_drawn():
    assert holder_text(_page(), _annotation(Source.EXAMINER)) == ({}, [])


def test_bad_input_says_what_is_wrong():
    with pytest.raises(ValueError, match=r"\(H, W, 3\) uint8"):
        holder_text(np.zeros((10, 10), np.uint8), _annotation(Source.AUTOMATIC))


def test_a_values_height_is_its_inks_not_its_box_which_at_100_dpi_takes_in_the_caption():
    """At 100 dpi tesseract's box of a value often runs up into its caption: a value's box twice its letters' height
    made the lines of a value's height looked for twice too tall, and none was found (a real passport's date of
    expiry, nationality and number row)."""
    from docexam.references.holder_text import text_height

    page = _page()
    grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    assert abs(text_height(grey, (46, 69, 140, 25)) - 20) <= 3  # TOMORON's capitals, about 20 px
    assert abs(text_height(grey, (46, 40, 140, 56)) - 20) <= 3  # with the caption SURNAME above it in the box
    inflated = Annotation("s", 300, (
        Region("viz-surname", Role.VIZ_FIELD, (46, 40, 140, 56), field="surname", source=Source.AUTOMATIC),
        Region("portrait", Role.PORTRAIT, (650, 40, 200, 260), source=Source.AUTOMATIC),
    ))
    _, lines = holder_text(page, inflated)
    tops = sorted(b[1] for b in lines)
    assert len(tops) == 2 and 120 < tops[0] < 135 and 180 < tops[1] < 195, lines  # WESTHOLM, PASSPORT OFFICE


def test_a_caption_printed_as_large_and_dark_as_a_value_is_no_value_line():
    # A design may print a caption as a value is printed (the second Utopia page of the corpus: "Signature" in the
    # values' black and size, below the number): once the annotation names it a caption (fixed design), it is neither
    # another holder's line nor the end of a value's run.
    page = _page()
    cv2.putText(page, "SIGNATURE", (50, 270), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2)
    automatic = _annotation(Source.AUTOMATIC)
    _, before = holder_text(page, automatic)
    assert any(240 < b[1] < 255 for b in before), before  # without the caption region: taken for a value line
    caption = Region("caption-1", Role.FIXED_DESIGN, (48, 248, 170, 26), source=Source.AUTOMATIC)
    _, after = holder_text(page, Annotation("s", 300, (*automatic.regions, caption)))
    assert not any(240 < b[1] < 255 for b in after), after
    assert sorted(b[1] for b in after) == sorted(b[1] for b in before if not 240 < b[1] < 255)


@pytest.mark.parametrize(("word", "caption"), [
    ("Signature", True), ("Surname/Nom", True), ("Holder's", True), ("Prénoms", True), ("Nacionalidad", True),
    ("NUMÉRO", True), ("PASSPORT", False), ("OFFICE", False), ("TOMORON", False), ("Sex", False), ("Signa", False),
])
def test_caption_words_are_those_of_the_field_captions_in_english_french_and_spanish(word, caption):
    from docexam.references.viz import caption_word

    assert caption_word(word) is caption


def test_a_line_run_on_under_the_portraits_bottom_edge_ends_at_the_portrait():
    """A value line whose padded rows reach a few pixels into the portrait above it runs on up to the portrait, not
    under its edge to the page's: another holder's photograph there was measured as the line's ink (a generated
    card's authority line, reference_bench development seed 37). A portrait that ends above the line's rows does not
    end it."""
    page = _page()
    surname = _annotation(Source.AUTOMATIC).regions[0]

    def office(portrait_bottom: int | None) -> tuple[int, int, int, int]:
        regions = (surname,) if portrait_bottom is None else (
            surname, Region("portrait", Role.PORTRAIT, (650, 20, 200, portrait_bottom - 20), source=Source.AUTOMATIC))
        return next(b for b in holder_text(page, Annotation("s", 300, regions))[1] if 180 < b[1] < 195)

    x, y, w, h = office(None)  # PASSPORT OFFICE, run on to the page's edge
    assert x + w > 860
    assert office(y + 3)[0] + office(y + 3)[2] < 650  # the portrait reaches 3 px into its rows
    assert office(y - 2)[0] + office(y - 2)[2] > 860  # it ends 2 px above them


def test_a_line_of_digits_is_measured_from_its_top_to_its_baseline_not_along_its_bars():
    """Digits in a light sans are fullest along their top and baseline (the bars of 2, 5, 7) and three times sparser
    between: measured about the fullest row alone, dates 29 px high were 5 px (development BRL-TD3-3, seed 71), and
    no line of the values' height was found."""
    from docexam.references.holder_text import ink_rows, text_height

    grey = np.full((80, 300), 220, np.uint8)
    for x in range(20, 260, 24):  # ten "7"s and "2"s: a bar at the top and at the baseline, two thin uprights
        grey[20:23, x : x + 16] = 30
        grey[46:49, x : x + 16] = 30
        grey[20:49, x + 13 : x + 15] = 30
        grey[20:35, x : x + 2] = 30
    assert ink_rows(grey, (10, 10, 280, 50)) == (20, 29)
    assert text_height(grey, (10, 10, 280, 50)) == 29


def test_a_value_line_beside_a_value_on_its_row_is_another_holders_value():
    """A value printed in a second column of the VIZ, on a found value's row (the place of birth beside the sex, under
    its own caption: development BRL-TD3-3, seed 71), is a value line though no found value starts in its column; a
    line of a value's size on no value's row and in no value's column is not (the other column's ARC)."""
    page = _page()
    cv2.putText(page, "OLD HARBOUR", (300, 90), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2)
    _, lines = holder_text(page, _annotation(Source.AUTOMATIC))
    beside = [b for b in lines if 290 <= b[0] <= 305]
    assert len(beside) == 1 and 65 < beside[0][1] < 75, lines
    assert not any(410 <= b[0] <= 425 for b in lines)  # ARC, at y 150: no value's row


def test_a_value_joined_to_print_just_left_of_it_still_starts_in_the_column():
    """A card's border of dots printed 9 px left of the place of birth joined it into one line starting at the page's
    edge, out of every value's column, and another holder's place was a fixed-design difference (development
    CSP-TD1-1, seed 61: 3 of 3 genuine documents alarmed). The line is taken from where its ink starts again in the
    column."""
    page = _page()
    page[135:155, 50:200] = 235  # WESTHOLM moved right, beside a column of border dots
    cv2.putText(page, "WESTHOLM", (56, 150), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2)
    for y in range(20, 390, 24):
        cv2.circle(page, (38, y), 8, (20, 20, 20), -1)
    runs, lines = holder_text(page, _annotation(Source.AUTOMATIC))
    westholm = [b for b in lines if 120 < b[1] < 135]
    assert len(westholm) == 1 and 50 <= westholm[0][0] <= 60, lines  # from the W, not from the dots
    assert not any(b[0] < 47 for b in lines)  # the dots are no value line
