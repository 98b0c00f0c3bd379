"""Other holders' documents of a real design (bench/repersonalise.py): a valid MRZ for each new holder, the VIZ
printed again where the holder's words were, the rest of the page left as it was."""

import datetime as dt
import random

import numpy as np
import pytest

from bench import repersonalise as rp
from docexam.mrz import parse
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]


def test_the_check_digit_is_doc_9303s():
    assert rp.check_digit("L898902C3") == "6" and rp.check_digit("740812") == "2" and rp.check_digit("120415") == "9"


@pytest.mark.parametrize(("lines", "fmt"), [(TD3, "TD3"), (TD1, "TD1"), (TD2, "TD2")])
def test_a_new_holders_mrz_is_valid_and_says_the_new_holder(lines, fmt):
    assert parse(lines).valid
    old = rp.holder_of(lines, fmt)
    assert old.surname == ("ERIKSSON",) and old.birth == dt.date(1974, 8, 12)
    for seed in range(5):
        new = rp.new_holder(old, random.Random(seed), today=dt.date(2026, 11, 28))
        mrz = rp.new_mrz(lines, fmt, new)
        result = parse(mrz, today=dt.date(2026, 11, 28))
        assert result.valid, (mrz, result)
        assert result.fields.birth_date.value == new.birth and result.fields.surname == " ".join(new.surname)
        assert [len(x) for x in mrz] == [len(x) for x in lines]


def test_what_the_viz_does_not_show_stays_the_old_holders():
    old = rp.holder_of(TD3, "TD3")
    new = rp.new_holder(old, random.Random(1), today=dt.date(2026, 11, 28), shown=frozenset({"surname:0"}))
    assert new.surname != old.surname and (new.given, new.number, new.birth, new.expiry) == (
        old.given, old.number, old.birth, old.expiry)


def test_dates_are_printed_again_in_the_form_they_had():
    old = rp.holder_of(TD3, "TD3")
    new = rp.Holder(("X",), ("Y",), "AB1234567", dt.date(1980, 3, 5), dt.date(2030, 11, 20))
    word = rp.Word
    assert rp.replacement(word("12.08.1974", (0, 0, 1, 1), 90), "birth", "whole", old, new) == "05.03.1980"
    assert rp.replacement(word("AUG/AOUT", (0, 0, 1, 1), 90), "birth", "month", old, new) == "MAR"
    assert rp.replacement(word("AUGUST", (0, 0, 1, 1), 90), "birth", "month", old, new) == "MARCH"
    assert rp.replacement(word("74", (0, 0, 1, 1), 90), "birth", "year", old, new) == "80"
    assert rp.replacement(word("Eriksson", (0, 0, 1, 1), 90), "surname:0", "name", old, new) == "X"


def test_a_real_specimen_is_repersonalised_where_its_holders_words_are():
    doc = rp.RealDocument.read(CORPUS, "passporteye/passport-td3.png")
    assert 200 < doc.dpi < 280  # the image's 1334 px across a 125 mm page
    whats = {what for _, what, _ in doc.personal}
    assert {"surname:0", "given:0", "number", "birth", "expiry"} <= whats
    other = doc.repersonalise(random.Random(3))
    assert parse(other.mrz, today=dt.date(2026, 11, 28)).valid and other.mrz != doc.mrz
    assert set(other.texts) == set(other.layout.fields) and all(other.texts.values())
    changed = np.abs(other.image.astype(int) - doc.image.astype(int)).max(axis=2) > 20
    inside = np.zeros_like(changed)
    for x, y, w, h in other.layout.personalised:
        inside[max(0, y - 8) : y + h + 8, max(0, x - 8) : x + w + 8] = True
    assert changed.sum() > 1000 and changed[~inside].sum() == 0


def test_every_value_of_the_new_holder_is_printed_in_one_ink():
    """A genuine document of another holder has all its personal data printed in one process: the values the MRZ
    repeats are printed again in the ink the holder's other values (place of birth, date of issue, authority, sex...)
    keep, never lighter beside the original's print (a mixed print is what a forgery looks like)."""
    doc = rp.RealDocument.read(CORPUS, "passporteye/passport-td3.png")
    assert len(doc.others) >= 5  # the sex, the nationality, the place of birth, the date of issue, the authority...
    other = doc.repersonalise(random.Random(3))
    def ink(img, box):
        return np.array(rp.core_ink(img, rp.sim._clip(rp._grown(box, 2), img.shape[:2])))

    for (word, _, _), box in zip(doc.personal, other.layout.fields.values(), strict=True):
        # printed again as the specimen's printer printed the value: its strokes' cores in the same ink
        assert np.abs(ink(other.image, box) - ink(doc.image, word.box)).max() <= 8, (word, box)
    for b in doc.others:  # the same for the new holder: the specimen's own print
        x, y, w, h = b
        assert np.abs(other.image[y : y + h, x : x + w].astype(int) - doc.image[y : y + h, x : x + w].astype(int)).mean() < 3


def test_a_word_read_as_two_names_is_the_surname_first_then_the_given_name():
    holder = rp.Holder(("SPECIMEN",), ("SPECIMEN",), "007007007", dt.date(1982, 12, 25), dt.date(2014, 7, 1))
    words = [rp.Word("SPECIMEN", (180, 123, 82, 17), 95), rp.Word("SPECIMEN", (177, 93, 85, 17), 79)]
    found = {w.box[1]: what for w, what, _ in rp.personal_words(words, holder, [])}
    assert found == {93: "surname:0", 123: "given:0"}


def test_a_date_misread_in_its_day_is_the_holders_but_never_one_a_year_apart():
    holder = rp.Holder(("X",), ("Y",), "007007007", dt.date(1982, 12, 25), dt.date(2014, 7, 1))
    words = [rp.Word("28.12.1982.", (0, 100, 80, 15), 70), rp.Word("01.07.2004", (0, 200, 80, 15), 70)]
    found = {w.box[1]: what for w, what, _ in rp.personal_words(words, holder, [])}
    assert found == {100: "birth"}
    new = rp.Holder(("X",), ("Y",), "007007007", dt.date(1962, 1, 20), dt.date(2033, 11, 2))
    assert rp.replacement(words[0], "birth", "whole", holder, new) == "20.01.1962."


def test_a_word_boxed_with_the_caption_above_it_is_printed_again_at_its_values_rows():
    # tesseract boxed "HUA" with the small caption above it (rows 62-80 for a value in rows 73-80): printed at the
    # box's top and height, the new name stood half a line up and twice the size
    grey = np.full((120, 200), 230, np.uint8)
    grey[63:67, 100:130] = 150  # the caption's small letters
    grey[73:81, 100:130] = 40  # the value
    grey[73:81, 20:60] = 40
    words = [(rp.Word("LIN", (20, 73, 40, 8), 90), "surname:0", "name"),
             (rp.Word("HUA", (100, 62, 30, 19), 90), "given:1", "name"),
             (rp.Word("1976", (20, 100, 30, 9), 90), "birth", "year")]
    out = {w.text: w.box for w, _, _ in rp.value_boxes(grey, words)}
    assert out["HUA"] == (100, 73, 30, 8)
    assert out["LIN"] == (20, 73, 40, 8) and out["1976"] == (20, 100, 30, 9)  # boxes of a value's height kept


def test_a_passports_zone_v_is_the_holders_so_fixed_design_alterations_keep_off_the_portrait():
    # Doc 9303 Part 4, 3.2.2: Zone V (the portrait) along the page's left edge, the values in the columns right of it
    personal = [(rp.Word("ERIKSSON", (280, 140, 90, 17), 90), "surname:0", "name"),
                (rp.Word("L898902C3", (580, 100, 90, 17), 90), "number", "name")]
    mrz = [((40, 410, 680, 25), 44), ((40, 445, 680, 25), 44)]
    assert rp.zone_v(personal, [(284, 300, 40, 17)], mrz) == (0, 0, 278, 410)
    # a value near the page's left edge: no room for a portrait there
    assert rp.zone_v([(rp.Word("ERIKSSON", (30, 140, 90, 17), 90), "surname:0", "name")], [], mrz) is None


def test_a_value_box_reaching_into_a_caption_is_cut_to_the_values_letters():
    """tesseract boxed a caption's foot with the value (100_pass-ltu: '“BASANAVICIENE', 23 rows for letters filling
    10): the caption, on every holder's document, must not be erased with the old value, nor the new value printed
    higher and larger than the old one."""
    grey = np.full((60, 140), 210, np.uint8)
    grey[10:15:2, 8:60] = 125  # the caption: small, thin, lighter letters (rows 10-14)
    for x in range(10, 120, 9):  # the value's capitals: dark, rows 16-26
        grey[16:27, x : x + 2] = 30
        grey[16:18, x : x + 6] = 30
    word = rp.Word("“VALUE", (6, 9, 118, 18), 90.0)
    (out, what, part), = rp.value_boxes(grey, [(word, "surname:0", "name")])
    assert out.box == (6, 15, 118, 12) and out.read == (6, 9, 118, 18) and (what, part) == ("surname:0", "name")
    # a box that fits its letters (a row of soft edge each way) is left as tesseract drew it
    word = rp.Word("VALUE", (6, 15, 118, 13), 90.0)
    assert rp.value_boxes(grey, [(word, "surname:0", "name")])[0][0].box == (6, 15, 118, 13)


def test_a_caption_touching_a_value_is_left_as_it_was():
    # 100_pass-ltu: "1. Pavardė / Surname / Nom" (rows 74-79) touches the surname's letters (rows 80-90), which
    # tesseract boxed with it (rows 71-93). The caption is the design's, on every holder's document.
    doc = rp.RealDocument.read(CORPUS, "passporteye/100_pass-ltu.jpg")
    (word, _, _), = doc.personal
    assert 78 <= word.box[1] <= 80 and 11 <= word.box[3] <= 13, word.box
    other = doc.repersonalise(random.Random(3))
    changed = np.abs(other.image.astype(int) - doc.image.astype(int)).max(axis=2) > 20
    x, _, w, _ = word.box
    assert changed[66:78, x : x + w].sum() == 0 and changed[80:90, x : x + w].sum() > 300


def test_the_mrz_is_printed_again_as_soft_as_the_specimens_own_mrz():
    """The Croatian specimen's VIZ values are softer than its crisp MRZ: an MRZ printed again as soft as the values
    differed from the specimen's below every line, as no genuine document of the design does."""
    import cv2

    doc = rp.RealDocument.read(CORPUS, "passporteye/100_pass-hrv.jpg")
    other = doc.repersonalise(random.Random(1))
    before, after = (cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) for img in (doc.image, other.image))
    for box, _ in doc.mrz_boxes:
        rows = rp._ink_rows(before, box)
        assert rp.softness(after, rows) == pytest.approx(rp.softness(before, rows), rel=0.15)
    assert rp.mrz_softness(12, 10.0, 1.5) > rp.mrz_softness(12, 10.0, 0.3)  # the measure follows the blur
