"""The designs' captions, titles and state names: every key in every language, the design's field keys among them,
capitals as each language writes them, and a glyph for every character in the fonts the designs print with."""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from docexam.paths import font_file
from docexam.specimens.design import FAMILIES, FamilyName
from docexam.specimens.labels import CAPTION_KEYS, KINDS, LANGUAGES, STATE_FORMS, TITLE_LANGUAGES, caption, state_name, title, upper
from docexam.specimens.names import ALPHABETS

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
#: The fonts the specimen designs print captions, titles and names in (named by where Debian installs them).
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansCondensed.ttf",
         "DejaVuSansCondensed-Bold.ttf", "DejaVuSansMono.ttf")


@pytest.fixture(scope="module")
def cmaps():
    """Each font's characters, from the file the designs draw with (the package's copy first)."""
    return {name: set(TTFont(font_file(str(DEJAVU / name)), lazy=True).getBestCmap()) for name in FONTS}


def _every_text():
    for key in CAPTION_KEYS:
        for lang in LANGUAGES:
            yield caption(key, lang)
            yield caption(key, lang, capitals=True)
    for kind in KINDS:
        for lang in LANGUAGES:
            yield title(kind, lang)
    for form in STATE_FORMS:
        for lang in LANGUAGES:
            yield state_name(form, "ARCADIA", lang)


def test_every_key_has_a_caption_in_every_language():
    for key in CAPTION_KEYS:
        texts = [caption(key, lang) for lang in LANGUAGES]
        assert all(t and t == t.strip() for t in texts), key
    for lang in LANGUAGES:  # no two fields share a caption
        assert len({caption(k, lang) for k in CAPTION_KEYS}) == len(CAPTION_KEYS), lang


def test_the_designs_field_keys_and_kinds_all_have_words():
    keys = {f.key for fam in FAMILIES.values() for f in fam.fields}
    assert keys <= set(CAPTION_KEYS) and {"signature", "remarks"} <= set(CAPTION_KEYS)
    for kind in KINDS:
        assert all(title(kind, lang) for lang in TITLE_LANGUAGES)
        assert all(title(kind, lang) == upper(title(kind, lang), lang) for lang in LANGUAGES)


def test_the_words_are_the_languages():
    assert [caption("surname", lang) for lang in LANGUAGES] == [
        "Surname", "Nom", "Soyadı", "Фамилия", "Прізвище", "Soyadı", "Nazwisko", "Příjmení", "Name", "Apellidos"]
    assert (caption("given_names", "az"), caption("birth_date", "az"), caption("nationality", "az"),
            caption("sex", "az"), caption("issue_date", "az"), caption("expiry_date", "az")) == (
        "Adı", "Doğum tarixi", "Vətəndaşlığı", "Cinsi", "Verilmə tarixi", "Etibarlıdır")
    assert (caption("given_names", "ru"), caption("birth_date", "ru")) == ("Имя", "Дата рождения")
    assert (title("passport", "az"), title("identity_card", "az"), title("passport", "cs")) == (
        "PASPORT", "ŞƏXSİYYƏT VƏSİQƏSİ", "CESTOVNÍ PAS")
    assert caption("number", "en", kind="passport") == "Passport No." and caption("number", "fr", kind="visa") == "N° du visa"
    assert caption("number", "en", kind="identity_card") == "Document No."
    # Utopia's bilingual captions are these words
    for slot in FAMILIES[FamilyName.TD3].fields:
        if slot.key in ("surname", "given_names", "nationality", "birth_date", "sex"):
            assert slot.caption == f"{caption(slot.key, 'en')}/{caption(slot.key, 'fr')}"


def test_hebrew_is_only_for_titles_and_is_hebrew():
    assert all(all("\u05d0" <= c <= "\u05ea" or c == " " for c in title(k, "he")) for k in KINDS)
    with pytest.raises(ValueError, match="no captions in language 'he'"):
        caption("surname", "he")


def test_capitals_are_the_languages_own():
    assert upper("Verilmə tarixi", "az") == "VERİLMƏ TARİXİ" and upper("Doğum yeri", "tr") == "DOĞUM YERİ"
    assert upper("Adı", "tr") == "ADI" and upper("Verilmə tarixi", "en") == "VERILMƏ TARIXI"
    assert caption("birth_place", "az", capitals=True) == "DOĞUM YERİ"
    assert state_name("republic", "Kaspiana", "az") == "KASPİANA RESPUBLİKASI"


def test_state_names_put_the_name_in_its_place():
    assert [state_name("republic", "ARCADIA", lang) for lang in ("en", "fr", "ru", "tr", "es")] == [
        "REPUBLIC OF ARCADIA", "RÉPUBLIQUE D'ARCADIA", "РЕСПУБЛИКА ARCADIA", "ARCADIA CUMHURİYETİ", "REPÚBLICA DE ARCADIA"]
    assert state_name("kingdom", "BOREALIS", "fr") == "ROYAUME DE BOREALIS"
    assert state_name("federal_republic", "ATLANTIS", "de") == "BUNDESREPUBLIK ATLANTIS"


def test_unknown_keys_languages_and_kinds_are_refused():
    for call, match in ((lambda: caption("height", "en"), "keys are"), (lambda: caption("surname", "it"), "languages are"),
                        (lambda: title("driving_licence", "en"), "kinds are"), (lambda: caption("number", "en", kind="card"), "kind"),
                        (lambda: state_name("empire", "X", "en"), "forms are")):
        with pytest.raises(ValueError, match=match):
            call()


def test_every_character_has_a_glyph_in_the_designs_fonts(cmaps):
    texts = list(_every_text())
    chars = {c for t in texts for c in t} | {c for a in ALPHABETS.values() for c in a} | set("'’-")
    for font, cmap in cmaps.items():
        missing = sorted(c for c in chars if ord(c) not in cmap)
        # DejaVu Sans Mono has no capital sharp s: a design must not print German names' values in it
        assert missing == (["ẞ"] if font == "DejaVuSansMono.ttf" else []), (font, missing)
    hebrew = {c for k in KINDS for c in title(k, "he")}
    assert all(ord(c) in cmaps["DejaVuSans.ttf"] and ord(c) in cmaps["DejaVuSans-Bold.ttf"] for c in hebrew)


def test_the_glyphs_draw_ink_with_pillow():
    from PIL import ImageFont

    font = ImageFont.truetype(font_file(str(DEJAVU / "DejaVuSans.ttf")), 24)
    chars = {c for t in _every_text() for c in t if not c.isspace()} | {c for k in KINDS for c in title(k, "he") if c != " "}
    blank = [c for c in sorted(chars) if font.getmask(c).getbbox() is None]
    assert not blank, blank


def test_the_examples_in_the_language_modules_docstrings_hold():
    import doctest

    from docexam.mrz import transliterate as transliterate_module
    from docexam.specimens import labels as labels_module
    from docexam.specimens import names as names_module

    for module in (transliterate_module, labels_module, names_module):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
