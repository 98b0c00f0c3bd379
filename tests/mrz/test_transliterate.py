"""National characters into the MRZ's A-Z: the tables are Doc 9303 Part 3, section 6's, every result can be written
into an MRZ name field, and the VIZ-against-MRZ name check accepts every allowed spelling."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docexam.errors import TransliterationError
from docexam.mrz.names import format_name
from docexam.mrz.transliterate import CYRILLIC, CYRILLIC_EXCEPTIONS, LATIN, NATIONAL_PRACTICE, spellings, transliterate
from docexam.mrz.viz import FieldCheck, VIZField, check_field, name_spellings, same_name
from tests.conftest import SHARED

PART3 = SHARED / "reference" / "icao9303" / "doc9303-part3.txt"


def _section(start: str, end: str) -> list[str]:
    if not PART3.exists():
        pytest.fail(f"Doc 9303 Part 3 is missing: {PART3} (../shared beside the repo)")
    text = PART3.read_text(encoding="utf-8")
    begin = text.index(start, text.index("6.     TRANSLITERATIONS RECOMMENDED"))
    return text[begin:text.index(end, begin)].splitlines()


def test_the_latin_table_is_section_6a():
    rows = {}
    for line in _section("A.    Transliteration of Multinational", "B.    Transliteration of Cyrillic"):
        m = re.match(r"^([0-9A-F]{4}) \S .*? ([A-Z]+(?: or [A-Z]+)*) *$", line)
        if m:
            rows[chr(int(m.group(1), 16))] = tuple(m.group(2).split(" or "))
    assert len(rows) == 95  # every row of the table was read
    assert LATIN == {ch: options for ch, options in rows.items()}


def test_the_cyrillic_table_is_section_6b_with_its_exceptions():
    lines = _section("B.    Transliteration of Cyrillic", "C.    Transliteration of Arabic")
    rows = {}
    for i, line in enumerate(lines):
        m = re.match(r"^(04[0-9A-F]{2}) \S+ *(.*)$", line)
        if m:
            rest = m.group(2).strip() or next(n.strip() for n in lines[i + 1:] if n.strip())
            rows[chr(int(m.group(1), 16))] = rest.split()[0]
    assert len(rows) == 48
    assert CYRILLIC == rows
    # the exceptions, as the table words them
    assert CYRILLIC_EXCEPTIONS["uk"] == {"Г": "H", "И": "Y"} and CYRILLIC_EXCEPTIONS["be"] == {"Ё": "IO", "Г": "H"}
    assert CYRILLIC_EXCEPTIONS["bg"] == {"Щ": "SHT"} and CYRILLIC_EXCEPTIONS["sr"]["Ж"] == "Z"


@pytest.mark.parametrize(("text", "language", "mrz"), [
    ("ƏLİZADƏ", "az", "ALIZADA"), ("ŞÜKÜROĞLU", "az", "SUKUROGLU"), ("ÇÖLLÜ", "az", "COLLU"),
    ("IŞIK", "tr", "ISIK"), ("ığdır", "tr", "IGDIR"), ("ÖZTÜRK", "tr", "OZTURK"), ("ÖZTÜRK", None, "OEZTUERK"),
    ("ŁUKASZ ŻÓŁĆ-ŚWIĘCKA", "pl", "LUKASZ ZOLC-SWIECKA"), ("ŘEHOŘ DVOŘÁKOVÁ", "cs", "REHOR DVORAKOVA"),
    ("ŮRODŇÍK", "cs", "URODNIK"), ("MÜLLER-STRAẞE", "de", "MUELLER-STRASSE"), ("Groß", "de", "GROSS"),
    ("D’ARTAGNAN", "fr", "D'ARTAGNAN"), ("CŒUR Ÿ ÉLISE", "fr", "COEUR Y ELISE"), ("PEÑA NÚÑEZ", "es", "PENA NUNEZ"),
    ("ИВАНОВА", "ru", "IVANOVA"), ("ЖУКОВ ЩЕРБАКОВ", "ru", "ZHUKOV SHCHERBAKOV"), ("ВАСИЛЬЕВ", "ru", "VASILEV"),
    ("ЮЛИЯ ЯКОВЛЕВА", "ru", "IULIIA IAKOVLEVA"), ("ЪЫЭ", "ru", "IEYE"),
    ("ЮЛІЯ", "uk", "YULIIA"), ("ЄВГЕН", "uk", "YEVHEN"), ("ЙОСИП", "uk", "YOSYP"), ("МИХАЙЛЕНКО", "uk", "MYKHAILENKO"),
    ("ЇЖАК", "uk", "YIZHAK"), ("ЯЦЕНКО-ЮРЧУК", "uk", "YATSENKO-YURCHUK"), ("ҐАВА", "uk", "GAVA"),
    ("ЁЛКА ГОРКА", "be", "IOLKA HORKA"), ("ЁЛКА", "ru", "ELKA"), ("ЩЕРБА", "bg", "SHTERBA"),
    ("ЂУРА", "sr", "DURA"), ("ЖАРКО ЧУБРИЛО", "sr", "ZARKO CUBRILO"), ("ЌЕРКА", "mk", "KJERKA"),
])
def test_names_are_transliterated_as_section_6_recommends(text, language, mrz):
    assert transliterate(text, language=language) == mrz


def test_ukrainian_initials_are_per_name_component_not_per_name():
    assert transliterate("ЯНА ЮРІЇВНА", language="uk") == "YANA YURIIVNA"
    assert transliterate("П'ЯТАК", language="uk") == "P'IATAK"  # after an apostrophe: not a first character


@pytest.mark.parametrize(("text", "character"), [
    ("ӘЛИЕВ", "Ә"), ("ҚАЙРАТ", "Қ"), ("ȘTEFAN", "Ș"), ("ANNA2", "2"), ("ANNA+", "+"), ("ΑΘΗΝΑ", "Α"),
    ("ЋОРИЋ", "Ћ"),  # U+040B: 6.B's 0402 row is Dje (U+0402), Tshe is not in the table
])
def test_a_character_the_tables_do_not_cover_is_named(text, character):
    with pytest.raises(TransliterationError) as err:
        transliterate(text)
    assert isinstance(err.value, ValueError) and err.value.character == character and repr(character) in str(err.value)
    assert ("numeric" if character.isdigit() else f"U+{ord(character):04X}") in str(err.value)


def test_the_options_of_6a_are_all_spellings():
    assert spellings("MÜLLER") == {"MUELLER", "MUXXLLER", "MULLER"}
    assert spellings("PEÑA") == {"PENA", "PENXXA"} and spellings("ÅSA") == {"AASA", "ASA"}
    assert spellings("ÖZTÜRK", language="tr") == spellings("ÖZTÜRK")  # a preference, not a narrower table
    assert len(spellings("ÜÜÜÜÜÜÜÜ", limit=10)) == 10 and "UEUEUEUEUEUEUEUE" in spellings("ÜÜÜÜÜÜÜÜ", limit=1)


def test_cyrillic_without_a_language_is_spelled_in_every_languages_way():
    assert spellings("ГРИГОРИЙ") == {"GRIGORII", "HRIHORII", "HRYHORYI"}  # general, be/sr, uk
    assert spellings("ГРИГОРИЙ", language="ru") == {"GRIGORII"}
    assert spellings("ЩУКА") >= {"SHCHUKA", "SHTUKA"}


def test_a_bad_language_or_limit_is_refused():
    with pytest.raises(ValueError, match="ISO 639"):
        transliterate("ANNA", language="Ukrainian")
    with pytest.raises(ValueError, match="limit"):
        spellings("ANNA", limit=0)


def test_separators_are_kept_for_the_name_rules_and_other_punctuation_goes():
    assert transliterate("  ANNA,  MARIA.   VON-DER ") == "ANNA MARIA VON-DER"
    assert transliterate("O\u2019BRIEN–SMITH") == "O'BRIEN-SMITH"
    assert format_name([transliterate("D’ARTAGNAN")], [transliterate("ÉLISE-MARIE")], 39) == "DARTAGNAN<<ELISE<MARIE" + "<" * 17


# -- properties ------------------------------------------------------------------------------------------------

_COVERED = "".join(LATIN) + "".join(CYRILLIC) + "".join(NATIONAL_PRACTICE) + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "".join(c.lower() for c in _COVERED if len(c.lower()) == 1)
names = st.text(st.sampled_from(_COVERED + _LOWER + "  -'’,."), max_size=30)
languages = st.sampled_from([None, "ru", "uk", "be", "bg", "sr", "mk", "kk", "az", "tr", "pl", "cs", "de", "fr", "es"])


@given(names, languages)
def test_every_transliteration_is_mrz_name_text(text, language):
    out = transliterate(text, language=language)
    assert re.fullmatch(r"[A-Z'\- ]*", out) and out == " ".join(out.split())
    assert transliterate(out) == out  # A-Z stays as it is
    assert out in spellings(text, language=language)
    if re.search("[A-Z]", out):  # a name with a letter can be written into any name field
        field = format_name([out], [], 30)
        assert len(field) == 30 and re.fullmatch(r"[A-Z<]+", field)


@given(names)
def test_the_decomposed_form_of_a_name_is_the_same_name(text):
    assert transliterate(unicodedata.normalize("NFD", text)) == transliterate(text)


@given(names, languages)
def test_a_viz_name_matches_each_of_its_mrz_spellings(text, language):
    mrz = transliterate(text, language=language)
    assert same_name(text, mrz)
    if re.search("[A-Z]", mrz):
        assert same_name(text, mrz, ocr=True)


# -- the VIZ name check ----------------------------------------------------------------------------------------

def test_a_cyrillic_viz_name_matches_its_transliterated_mrz_name():
    assert same_name("ИВАНОВА", "IVANOVA") and same_name("Иванова", "IVANOVA")
    assert same_name("МИХАЙЛЕНКО", "MYKHAILENKO") and same_name("МИХАЙЛЕНКО", "MIKHAILENKO")
    assert not same_name("ИВАНОВА", "IVANOVE") and not same_name("ИВАНОВА", "PETROVA")
    assert same_name("ИВАНОВА-ПЕТРОВА", "IVANOVA", truncated=True)
    assert "IVANOVA" in name_spellings("ИВАНОВА")


def test_a_viz_name_with_azerbaijani_letters_matches_its_mrz_name():
    assert same_name("ƏLİYEVA", "ALIYEVA") and same_name("ŞƏKİ", "SAKI") and not same_name("ƏLİYEVA", "ELIYEVO")


def test_an_ocr_read_cyrillic_name_is_compared_not_dismissed():
    assert check_field(VIZField.SURNAME, "ИВАНОВА", mrz="IVANOVA", ocr=True) == FieldCheck(VIZField.SURNAME, True)
    assert check_field(VIZField.SURNAME, "|||", mrz="IVANOVA", ocr=True).agrees is None


def test_text_that_is_not_a_name_is_still_compared_without_raising():
    assert not same_name("ANNA2", "ANNA") and not same_name("Ә", "A") and same_name("ANNA<<", "ANNA")


def test_an_mrz_name_truncated_to_initials_matches_the_viz_name_it_abbreviates():
    # Part 4, 4.2.3: letters go from the last components first, each kept down to its initial
    assert same_name("NUSANELA PEGUIMENA", "N<P", truncated=True) and same_name("NUSANELA PEGUIMENA", "NUS<P", truncated=True)
    assert same_name("ЯРОСЛАВА ЮРІЇВНА", "YAROSLAVA<Y", truncated=True)
    assert not same_name("NUSANELA PEGUIMENA", "N<P")  # only a name that may be truncated
    assert not same_name("NUSANELA PEGUIMENA", "N<Q", truncated=True) and not same_name("ANNA", "A<M", truncated=True)
    assert same_name("NUSANELA PEGUIMENA", "N P", truncated=True, ocr=True)
