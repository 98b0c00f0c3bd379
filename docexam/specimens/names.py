"""Invented holder names in the national scripts of the specimen designs' languages, never real people.

A name is built from syllables and endings that carry the language's letters (Azerbaijani ``Ə Ş Ğ``, Polish ``Ł Ż``,
Cyrillic for Russian and Ukrainian...) and its name shapes (Russian and Polish surnames that change with the
holder's sex, Spanish double surnames, patronymics), drawn from a seeded :class:`random.Random`. Names are in upper
case as a VIZ prints them; every one can be written into the MRZ by :func:`docexam.mrz.transliterate.transliterate`
(Doc 9303 Part 3, section 6), which is why Kazakh is not offered: 6.B has no ``Ә Қ Ң Ө Ұ Ү``.

>>> import random
>>> holder_name(random.Random(1), "az", sex="F")
('VƏMİRLİ', 'AYCƏNÜNƏ SUMÖZÜNƏ')
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["ALPHABETS", "LANGUAGES", "SCRIPTS", "holder_name"]


@dataclass(frozen=True)
class _Namebook:
    """How a language's invented names are made."""

    #: Syllables a surname's or a given name's stem is made of (the first one never a word-final-only syllable).
    syllables: tuple[str, ...]
    #: Surname endings as (masculine, feminine): the same twice where the language does not change them.
    surname_endings: tuple[tuple[str, str], ...]
    male_endings: tuple[str, ...]
    female_endings: tuple[str, ...]
    #: Words or prefixes put before some surnames (``DE ``, ``VON ``, ``O'``), and how often.
    particles: tuple[str, ...] = ()
    particle_rate: float = 0.0
    #: How often a holder has two surnames (Spanish: always) and two given names.
    double_surname_rate: float = 0.08
    double_given_rate: float = 0.2
    #: Patronymic endings (masculine, feminine) added after the given name, and how often.
    patronymics: tuple[tuple[str, str], ...] = ()
    patronymic_rate: float = 0.0
    #: Joins two surnames (a space or a hyphen) and two given names.
    surname_join: str = "-"
    given_join: str = " "
    #: The script's vowels, and the consonants put between two pieces that would meet vowel to vowel.
    vowels: str = "AEIOUYÀÂÆÉÈÊËÎÏÔŒÙÛÜŸÁÍÓÚĄĘÓĚŮÝÄÖƏİ"
    links: str = "LNRM"


_BOOKS: dict[str, _Namebook] = {
    "en": _Namebook(
        syllables=("ASH", "BRAD", "CAR", "DEN", "EL", "FAR", "GRAN", "HAR", "KEN", "LOCK", "MAR", "NOR", "PEM", "RAD",
                   "SHEL", "THORN", "WIN", "WHIT", "BUR", "COL", "AL", "BRO", "DUN", "GIL"),
        surname_endings=tuple((e, e) for e in ("TON", "SON", "LEY", "FORD", "WELL", "WOOD", "HAM", "BY", "ER", "INGS")),
        male_endings=("", "EN", "ALD", "RICK", "TON", "IAN"),
        female_endings=("A", "ELLE", "ETTE", "YN", "IE", "ORA"),
        particles=("O'", "MAC"), particle_rate=0.08,
    ),
    "fr": _Namebook(
        syllables=("BÉ", "LÈ", "CHÂ", "MOU", "RE", "DU", "LA", "VIÈ", "GÉ", "FRAN", "ROU", "MAR", "BEAU", "CÔ", "FÈ",
                   "JÉ", "DÉ", "BLAN", "PÉ", "SAU", "THI", "NOË", "LOÏ", "AU", "É", "FÊ", "BRÊ"),
        surname_endings=tuple((e, e) for e in ("TEAU", "ET", "AULT", "IER", "ÈRE", "AND", "OT", "ÇON", "ŒUF", "ELLE", "Y")),
        male_endings=("IN", "EL", "ÔME", "AND", "ÇOIS", "Y", "ERT"),
        female_endings=("INE", "ETTE", "ÈLE", "IE", "ÉE", "ANNE", "ÎNE"),
        particles=("DE ", "DU ", "LE "), particle_rate=0.12, double_given_rate=0.25, given_join="-",
    ),
    "az": _Namebook(
        syllables=("ƏL", "ŞƏ", "MƏM", "GÜL", "ÇİN", "TOĞ", "RÜS", "NƏ", "SƏF", "QAR", "DAĞ", "XAN", "BƏY", "KÖÇ",
                   "İL", "AY", "TU", "ŞIR", "VƏ", "HÜ", "CƏ", "ZƏR", "OR", "YA", "LƏ", "FƏ", "ÖZ", "MİR", "SU", "QI"),
        surname_endings=(("OV", "OVA"), ("OV", "OVA"), ("LI", "LI"), ("ZADƏ", "ZADƏ"), ("BƏYLİ", "BƏYLİ")),
        male_endings=("", "AN", "ƏT", "İM", "UR", "ŞAD"),
        female_endings=("Ə", "A", "ANƏ", "ÜNƏ", "İYYƏ"),
        double_surname_rate=0.0,
    ),
    "tr": _Namebook(
        syllables=("AY", "KAR", "ÖZ", "ÇE", "Şİ", "GÜ", "DE", "MİR", "YIL", "TAŞ", "KA", "BU", "ER", "SU", "TU", "İL",
                   "IŞ", "ÇA", "LI", "NUR", "SEL", "ÜN", "CAN", "DUR", "DAĞ", "OĞ"),
        surname_endings=tuple((e, e) for e in ("OĞLU", "ER", "TAŞ", "KAN", "SOY", "GÜL", "DEMİR", "ÇAY", "TÜRK", "KÖK")),
        male_endings=("", "AN", "ER", "HAN", "İN", "UÇ"),
        female_endings=("E", "A", "NUR", "GÜL", "SU", "İYE"),
        double_surname_rate=0.0,
    ),
    "pl": _Namebook(
        syllables=("KO", "WAL", "NO", "WIE", "DĄB", "ŁO", "ŻA", "ŚWI", "KRÓ", "GRZE", "SZCZE", "MIE", "RZY", "CHO",
                   "PIĘ", "BRO", "ŹRÓ", "GOŚ", "JA", "WRÓ", "MAŁ", "ZIE", "SOŁ", "TOM", "MAĆ", "ĆWI"),
        surname_endings=(("SKI", "SKA"), ("CKI", "CKA"), ("WSKI", "WSKA"), ("IŃSKI", "IŃSKA"), ("AK", "AK"),
                         ("CZYK", "CZYK"), ("EK", "EK"), ("UŁA", "UŁA"), ("ĘGA", "ĘGA")),
        male_endings=("", "AN", "EK", "SŁAW", "MIR", "USZ", "ARD"),
        female_endings=("A", "INA", "SŁAWA", "MIRA", "ELA", "ŻYNA"),
    ),
    "cs": _Namebook(
        syllables=("NO", "DVO", "ŘE", "HO", "ČER", "SVO", "BO", "KŘI", "ŠTĚ", "PO", "ŽÁ", "DU", "MRÁ", "TŮ", "VÍT",
                   "JA", "ĎÁ", "LU", "TĚ", "ZDE", "BRA", "KOU", "HÁ", "JI", "ÚL", "LÉ"),
        surname_endings=(("ÁK", "ÁKOVÁ"), ("ÍK", "ÍKOVÁ"), ("EK", "KOVÁ"), ("SKÝ", "SKÁ"), ("NÝ", "NÁ"),
                         ("DA", "DOVÁ"), ("ÍŘ", "ÍŘOVÁ"), ("OUŠ", "OUŠOVÁ"), ("ŇÁK", "ŇÁKOVÁ")),
        male_endings=("", "ĚJ", "ÍK", "OSLAV", "MÍR", "AN", "OŠ"),
        female_endings=("A", "ÍNA", "ĚNA", "OSLAVA", "IE", "ŤA"),
    ),
    "de": _Namebook(
        syllables=("MÜL", "SCHRÖ", "WEI", "HOF", "BRAND", "KRÄ", "STEI", "FRIE", "GRÜN", "HEL", "LIN", "BÖ", "WAL",
                   "RÜ", "KÖ", "BAU", "FLEI", "GRO", "TRAU", "EN", "ALT", "GOT"),
        surname_endings=tuple((e, e) for e in ("MANN", "ER", "BACH", "BERG", "HÄUSER", "STÄDT", "BRÜCK", "ẞER", "MEIER",
                                                "HÖFER", "LE", "KE", "ẞNER")),
        male_endings=("", "HARD", "BERT", "OLF", "FRIED", "MUT", "WIN"),
        female_endings=("E", "A", "RUN", "HILD", "TRAUD", "LINDE", "GARD"),
        particles=("VON ", "VON DER "), particle_rate=0.08,
    ),
    "es": _Namebook(
        syllables=("GAR", "MEN", "RO", "TO", "PE", "SAN", "LO", "BRI", "NU", "CAS", "MU", "PA", "VI", "AL", "CA",
                   "DI", "OR", "PI", "SE", "GUI", "ZA", "PEÑ", "MUÑ", "IBA"),
        surname_endings=tuple((e, e) for e in ("EZ", "ÁNEZ", "ÍNEZ", "ÉNDEZ", "ÓN", "ÍA", "EDA", "ERO", "IÑO", "UÑA",
                                                "ÜELLO", "ALES")),
        male_endings=("O", "ÍN", "ÉS", "EL", "IO", "ÁN", "ÚN"),
        female_endings=("A", "ÍA", "INA", "ELA", "ENA", "ÓN"),
        particles=("DE LA ", "DEL "), particle_rate=0.06, double_surname_rate=1.0, surname_join=" ",
    ),
    "ru": _Namebook(
        syllables=("БО", "ВЛА", "ГРИ", "ДМИ", "ЖУ", "ЗО", "КИ", "ЛЮ", "МИ", "НА", "ОЛ", "ПЕ", "РУ", "СВЕ", "ТИ", "ФЁ",
                   "ХО", "ЦВЕ", "ЧЕ", "ШУ", "ЩЕ", "ЭР", "ЮР", "ЯР", "ГО", "ДО", "КРА", "ЛО", "СЫ", "ТРО", "ЗВЯ",
                   "БЕЛ", "МОЛ", "ГЛЕ", "ИЛЬ"),
        surname_endings=(("ОВ", "ОВА"), ("ЕВ", "ЕВА"), ("ИН", "ИНА"), ("СКИЙ", "СКАЯ"), ("ЦКИЙ", "ЦКАЯ"),
                         ("ЁВ", "ЁВА"), ("ЫХ", "ЫХ")),
        male_endings=("", "ИЙ", "ЕЙ", "ОР", "АН", "ИМ"),
        female_endings=("А", "ИЯ", "ИНА", "ЕНА", "ЯНА"),
        double_surname_rate=0.0, double_given_rate=0.0,
        patronymics=(("ОВИЧ", "ОВНА"), ("ЕВИЧ", "ЕВНА")), patronymic_rate=0.4,
        vowels="АЕЁИОУЫЭЮЯ", links="ЛНРМВ",
    ),
    "uk": _Namebook(
        syllables=("КО", "ВАЛ", "ШЕВ", "ГРИ", "БО", "ЛІ", "МИ", "ТКА", "ПЕТ", "ДО", "ЗІ", "ЇЖ", "ЄВ", "ҐА", "ЯР",
                   "ЮР", "ОЛЕ", "СТЕ", "ЧУ", "ЩУ", "ЖИ", "ГА", "ХО", "ЦИ", "М'Я", "В'Ю", "КІ", "СИ"),
        surname_endings=(("ЕНКО", "ЕНКО"), ("УК", "УК"), ("ЧУК", "ЧУК"), ("СЬКИЙ", "СЬКА"), ("ИЧ", "ИЧ"),
                         ("ЕЦЬ", "ЕЦЬ"), ("ИШИН", "ИШИНА")),
        male_endings=("", "ИЙ", "О", "АН", "ІЙ", "ИР"),
        female_endings=("А", "ІЯ", "ИНА", "ЕНА", "Я"),
        double_surname_rate=0.0, double_given_rate=0.0,
        patronymics=(("ОВИЧ", "ІВНА"), ("ЕВИЧ", "ЇВНА")), patronymic_rate=0.3,
        vowels="АЕЄИІЇОУЮЯ", links="ЛНРМВ",
    ),
}

#: The languages names can be made in (ISO 639-1).
LANGUAGES: tuple[str, ...] = tuple(_BOOKS)
#: The script each language's names are printed in.
SCRIPTS: dict[str, str] = {lang: ("Cyrillic" if lang in ("ru", "uk") else "Latin") for lang in LANGUAGES}
#: The upper-case letters each language writes (its names use no others, besides space, hyphen and apostrophe).
ALPHABETS: dict[str, str] = {
    "en": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "fr": "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",
    "az": "ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ",
    "tr": "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ",
    "pl": "AĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ",
    "cs": "AÁBCČDĎEÉĚFGHIÍJKLMNŇOÓPQRŘSŠTŤUÚŮVWXYÝZŽ",
    "de": "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜẞ",
    "es": "ABCDEFGHIJKLMNÑOPQRSTUVWXYZÁÉÍÓÚÜ",
    "ru": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "uk": "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ",
}
_NOT_OFFERED = {
    "kk": "Kazakh's letters Ә Қ Ң Ө Ұ Ү have no transliteration in Doc 9303 Part 3, 6.B, so its names could not be "
          "written into the MRZ",
}


def _book(language: str) -> _Namebook:
    book = _BOOKS.get(language)
    if book is None:
        why = _NOT_OFFERED.get(language, "")
        raise ValueError(f"no names for language {language!r}" + (f": {why}" if why else "")
                         + f"; choose one of {', '.join(LANGUAGES)}")
    return book


def _join(rng: random.Random, book: _Namebook, left: str, right: str) -> str:
    """``left + right``, with a consonant between them where a vowel would meet a vowel."""
    if left and right and left[-1] in book.vowels and right[0] in book.vowels:
        return left + rng.choice(book.links) + right
    return left + right


def _stem(rng: random.Random, book: _Namebook, parts: tuple[int, int], ending: tuple[str, ...] = ("",)) -> str:
    """Syllables (three letters at least), then one of ``ending``."""
    word = ""
    for _ in range(rng.randint(*parts)):
        word = _join(rng, book, word, rng.choice(book.syllables))
    while len(word) < 3:
        word = _join(rng, book, word, rng.choice(book.syllables))
    return _join(rng, book, word, rng.choice(ending))


_AZ_BACK, _AZ_FRONT = "AIOU", "ƏEİÖÜ"


def _harmonised(stem: str, ending: str) -> str:
    """Azerbaijani ``-LI`` follows the stem's last vowel (``-LI``, ``-Lİ``, ``-LU``, ``-LÜ``)."""
    if ending != "LI":
        return ending
    last = next((c for c in reversed(stem) if c in _AZ_BACK + _AZ_FRONT), "A")
    return {"A": "LI", "I": "LI", "O": "LU", "U": "LU", "Ö": "LÜ", "Ü": "LÜ"}.get(last, "Lİ")


def _surname(rng: random.Random, book: _Namebook, language: str, female: bool) -> str:
    stem = _stem(rng, book, (1, 2))
    ending = rng.choice(book.surname_endings)[female]
    if language == "az":
        if ending in ("OV", "OVA") and stem[-1] in _AZ_BACK + _AZ_FRONT:
            return stem + ("YEVA" if female else "YEV")  # after a vowel
        ending = _harmonised(stem, ending)
    return _join(rng, book, stem, ending)


def holder_name(rng: random.Random, language: str, *, sex: str | None = None) -> tuple[str, str]:
    """An invented holder's ``(surname, given names)`` in ``language``'s script, upper case as the VIZ prints them.

    Parameters
    ----------
    rng : random.Random
        The draws; the same state gives the same name.
    language : str
        One of :data:`LANGUAGES`.
    sex : str, optional
        ``"M"`` or ``"F"``, for the languages whose surnames, given names and patronymics follow it; drawn when
        not given.
    """
    if not isinstance(rng, random.Random):
        raise ValueError(f"rng must be a random.Random, got {type(rng).__name__}")
    book = _book(language)
    if sex is None:
        sex = rng.choice("MF")
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be 'M' or 'F' (or None to draw it), got {sex!r}")
    female = sex == "F"
    surname = _surname(rng, book, language, female)
    if rng.random() < book.double_surname_rate:
        surname += book.surname_join + _surname(rng, book, language, female)
    if book.particles and rng.random() < book.particle_rate:
        particle = rng.choice(book.particles)
        surname = particle + surname
    endings = book.female_endings if female else book.male_endings
    names = [_stem(rng, book, (1, 2), endings)]
    if rng.random() < book.double_given_rate:
        names.append(_stem(rng, book, (1, 2), endings))
    given = book.given_join.join(names)
    if book.patronymics and rng.random() < book.patronymic_rate:
        given += " " + _stem(rng, book, (1, 2), tuple(p[female] for p in book.patronymics))
    return surname, given
