"""The VIZ is read with the language models its names need, and a model that is missing is named with the package
that installs it, never a crash. make installs tesseract and the models (APT_PACKAGES), so these tests run."""

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docexam.errors import DocexamError
from docexam.mrz.name_check import NameAgreement, check_name
from docexam.ocr import tesseract
from docexam.ocr.languages import MODELS, LanguageModelMissing, ModelChoice, models_for, package, require
from docexam.paths import font_file

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def _line(text: str) -> np.ndarray:
    font = ImageFont.truetype(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 40)
    img = Image.new("L", (800, 120), 255)
    ImageDraw.Draw(img).text((30, 30), text, fill=0, font=font)
    return np.asarray(img)


def test_the_models_follow_the_names_language_with_english_beside():
    everything = frozenset(MODELS.values())
    assert models_for("az", available=everything).lang == "aze+eng"
    assert models_for("ru", available=everything).lang == "rus+eng"
    assert models_for("en", available=everything).lang == "eng"
    assert models_for(None, script="Cyrillic", available=everything).lang == "rus+ukr+eng"
    assert models_for(None, available=everything).lang == "eng"
    with pytest.raises(ValueError, match="no tesseract model is known for language 'xx'"):
        models_for("xx", available=everything)


def test_a_missing_model_is_named_with_its_package_and_reading_goes_on_with_english():
    choice = models_for("az", available=frozenset({"eng", "rus"}))
    assert not choice.complete and choice.missing == ("aze",) and choice.packages == ("tesseract-ocr-aze",)
    assert choice.lang == "eng"  # what can be read is read
    assert "tesseract-ocr-aze" in choice.message and "aze" in choice.message
    assert ModelChoice.from_dict(choice.to_dict()) == choice
    with pytest.raises(LanguageModelMissing) as err:
        require(choice)
    assert isinstance(err.value, DocexamError) and "apt install tesseract-ocr-aze" in str(err.value)
    assert require(models_for("az", available=frozenset({"aze", "eng"}))) == "aze+eng"
    assert package("aze_cyrl") == "tesseract-ocr-aze-cyrl"


def test_reading_with_a_model_tesseract_lacks_says_which_package_to_install():
    with pytest.raises(LanguageModelMissing, match="tesseract-ocr-xyz"):
        tesseract.read_words(_line("ANNA"), lang="eng+xyz")


def test_make_installs_the_models_of_every_language_the_design_generator_prints_names_in():
    from docexam.specimens.names import LANGUAGES

    listed = set(re.search(r"^TESSERACT_MODELS := (.*)$", MAKEFILE.read_text(), re.M).group(1).split())
    assert {MODELS[lang] for lang in LANGUAGES} - {"eng"} <= listed
    assert listed <= tesseract.languages()  # and they are installed here


def test_azerbaijani_letters_are_read_with_the_azerbaijani_model_and_the_names_then_agree():
    line = _line("ŞƏFƏQ ƏLİYEVA")
    choice = models_for("az")
    assert choice.complete
    read = " ".join(w.text for w in tesseract.read_words(line, lang=choice.lang))
    assert read == "ŞƏFƏQ ƏLİYEVA"
    assert check_name(read, "SAFAQ<ALIYEVA", language="az").agrees is True
    # English's model takes Ə for another letter: the check would flag letters that were never changed
    english = " ".join(w.text for w in tesseract.read_words(line, lang="eng"))
    assert check_name(english, "SAFAQ<ALIYEVA", language="az").agreement is NameAgreement.DIFFERS
