"""Invented holder names per language: in the language's own letters, shaped by the holder's sex where the language
does that, the same for the same seed, and always writable into the MRZ (Doc 9303 Part 3, section 6)."""

import random
import re

import pytest

from docexam.mrz.names import format_name
from docexam.mrz.transliterate import transliterate
from docexam.specimens.names import ALPHABETS, LANGUAGES, SCRIPTS, holder_name

#: Letters that make a language's names its own: each turns up among a few hundred names.
CHARACTERISTIC = {
    "az": "ƏŞĞÇÖÜİI", "tr": "ŞĞÇÖÜİI", "pl": "ĄĆĘŁŃÓŚŹŻ", "cs": "ÁČĎÉĚÍŇŘŠŤÚŮÝŽ", "de": "ÄÖÜẞ",
    "fr": "ÂÇÉÈÊÎÏÔŒ", "es": "ÁÉÍÑÓÚÜ", "ru": "ЁЖЩЫЭЮЯ", "uk": "ҐЄІЇ'", "en": "'",
}


def _names(language, n=300, seed=0, **kw):
    rng = random.Random(seed)
    return [holder_name(rng, language, **kw) for _ in range(n)]


def test_the_languages_are_the_designs_and_each_has_its_alphabet():
    assert set(LANGUAGES) == {"en", "fr", "az", "ru", "uk", "tr", "pl", "cs", "de", "es"}
    assert set(ALPHABETS) == set(SCRIPTS) == set(LANGUAGES) and SCRIPTS["uk"] == "Cyrillic" and SCRIPTS["az"] == "Latin"


@pytest.mark.parametrize("language", LANGUAGES)
def test_names_are_in_the_languages_letters_and_reach_the_mrz(language):
    names = _names(language)
    letters = set(ALPHABETS[language]) | set(" -'")
    for surname, given in names:
        assert surname and given and set(surname + given) <= letters, (surname, given)
        assert surname == surname.upper() and given == given.upper()
        mrz = format_name([transliterate(surname, language=language)], [transliterate(given, language=language)], 39)
        assert re.fullmatch(r"[A-Z<]{39}", mrz)
    seen = set("".join(s + g for s, g in names))
    assert set(CHARACTERISTIC[language]) <= seen
    assert len(set(names)) > 250  # varied, not a handful repeated


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_seed_gives_the_same_names(language):
    assert _names(language, 20, seed=5) == _names(language, 20, seed=5) != _names(language, 20, seed=6)


def test_surnames_follow_the_holders_sex_where_the_language_does():
    for surname, _ in _names("ru", sex="F"):
        assert re.search(r"(ОВА|ЕВА|ЁВА|ИНА|АЯ|ЫХ)$", surname), surname
    for surname, _ in _names("ru", sex="M"):
        assert re.search(r"(ОВ|ЕВ|ЁВ|ИН|ИЙ|ЫХ)$", surname), surname
    assert all(not s.endswith(("SKI", "CKI")) for s, _ in _names("pl", sex="F"))
    assert all(s.endswith(("Á", "DOVÁ")) for s, _ in _names("cs", sex="F"))
    patronymics = [g.split()[-1] for _, g in _names("uk", sex="F") if " " in g]
    assert patronymics and all(p.endswith(("ІВНА", "ЇВНА")) for p in patronymics)


def test_spanish_holders_have_two_surnames():
    assert all(len(s.replace("DE LA ", "").replace("DEL ", "").split()) == 2 for s, _ in _names("es"))


def test_azerbaijani_li_follows_the_last_vowel():
    for surname, _ in _names("az", 500):
        m = re.search(r"([AIOUƏEİÖÜ])[^AIOUƏEİÖÜ]*(L[IİUÜ])$", surname)
        if m and not surname.endswith("BƏYLİ"):
            assert m.group(2) == {"A": "LI", "I": "LI", "O": "LU", "U": "LU", "Ö": "LÜ", "Ü": "LÜ"}.get(m.group(1), "Lİ"), surname


def test_kazakh_and_unknown_languages_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="6.B"):
        holder_name(random.Random(0), "kk")
    with pytest.raises(ValueError, match="choose one of"):
        holder_name(random.Random(0), "xx")
    with pytest.raises(ValueError, match="sex"):
        holder_name(random.Random(0), "ru", sex="X")
