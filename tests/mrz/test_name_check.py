"""The VIZ name in national script against the MRZ name: every spelling Doc 9303 Part 3, section 6 allows is accepted,
national practice is accepted apart and named, and every changed letter is flagged where it stands, with what the
tables expected there."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docexam.i18n import Translator
from docexam.mrz.name_check import AGREEMENT_WORDS, ChangeKind, LetterChange, NameAgreement, NameCheck, check_name
from docexam.mrz.name_practice import NAME_PRACTICES, name_language, practices_for, register_name_language
from docexam.mrz.transliterate import LATIN, NATIONAL_PRACTICE, spellings, transliterate
from docexam.specimens.names import LANGUAGES, holder_name


@pytest.mark.parametrize(("viz", "mrz", "language"), [
    ("MÜLLER", "MUELLER", "de"), ("MÜLLER", "MULLER", "de"), ("MÜLLER", "MUXXLLER", "de"),  # 6.A: UE or UXX or U
    ("ÖZTÜRK", "OZTURK", "tr"), ("ÖZTÜRK", "OEZTUERK", "tr"),  # a preference is not a narrower table
    ("ŞÜKÜR İLQAR", "SUKUR<ILQAR", "az"), ("ÇÖLLÜ", "COELLUE", "az"), ("TOĞRUL", "TOGRUL", "az"),
    ("PEÑA NÚÑEZ", "PENXXA<NUNEZ", "es"), ("ŁUKASZ ŻÓŁĆ", "LUKASZ<ZOLC", "pl"), ("ŘEHOŘ", "REHOR", "cs"),
    ("ИВАНОВА", "IVANOVA", "ru"), ("ЮЛИЯ", "IULIIA", "ru"), ("ЩЕРБА", "SHCHERBA", "ru"),
    ("ЮЛІЯ", "YULIIA", "uk"), ("ГРИГОРІЙ", "HRYHORII", "uk"), ("ЄВГЕН", "YEVHEN", "uk"),
    ("ГРИГОРИЙ", "HRIHORII", None), ("ГРИГОРИЙ", "GRIGORII", None),  # no language: every language's column
    ("D’ARTAGNAN", "DARTAGNAN", "fr"), ("ANNA-MARIA", "ANNA<MARIA", None),
])
def test_a_spelling_the_tables_allow_is_accepted_as_the_tables(viz, mrz, language):
    result = check_name(viz, mrz, language=language)
    assert result.agreement is NameAgreement.TABLES, result
    assert result.agrees is True and result.changes == () and result.practices == ()


@pytest.mark.parametrize(("viz", "mrz", "language", "practices"), [
    ("ƏLİYEVA", "ALIYEVA", "az", ("az_schwa",)),  # 6.A has no Ə
    ("ŞAHİN", "SHAHIN", "az", ("az_digraphs",)),
    ("İLYİN", "ILYIN", "az", ()),
    ("ИЛЬИН", "ILIN", "ru", ("cyrillic_soft_sign",)),
    ("ЗГУРСЬКИЙ", "ZGHURSKYI", "uk", ("uk_zgh", "cyrillic_soft_sign")),
])
def test_national_practice_is_accepted_and_named(viz, mrz, language, practices):
    result = check_name(viz, mrz, language=language)
    assert result.agrees is True and result.practices == practices
    assert result.agreement is (NameAgreement.NATIONAL_PRACTICE if practices else NameAgreement.TABLES)
    if practices:
        # without practice, the same MRZ is not accepted by the tables alone
        assert check_name(viz, mrz, language=language, practice=False).agreement is not NameAgreement.TABLES


def test_a_practice_is_only_that_languages():
    assert check_name("ŞAHİN", "SHAHIN", language="tr").agreement is NameAgreement.DIFFERS
    assert practices_for("tr") == () and {p.key for p in practices_for("az")} == {"az_schwa", "az_digraphs"}
    assert practices_for(None) == NAME_PRACTICES


@pytest.mark.parametrize(("viz", "mrz", "language", "position", "found", "expected"), [
    ("ŞƏFƏQ", "SAFAG", "az", 4, "G", ("Q",)),
    ("ƏLİYEVA", "ELIYEVA", "az", 0, "E", ("A",)),  # Ə is A by practice, never E
    ("MÜLLER", "MILLER", "de", 1, "I", ("UE", "UXX", "U")),
    ("ИВАНОВА", "IVANOVO", "ru", 6, "O", ("A",)),
    ("ЮЛІЯ", "YULIIE", "uk", 5, "E", ("IA",)),
    ("ALIYEVA<<SABINA", "ALIYEVA<<SABINO", None, 14, "O", ("A",)),  # positions count the fillers
])
def test_a_changed_letter_is_flagged_where_it_stands_with_what_was_expected(viz, mrz, language, position, found, expected):
    result = check_name(viz, mrz, language=language)
    assert result.agreement is NameAgreement.DIFFERS and result.agrees is False
    (change,) = result.changes
    assert change.kind is ChangeKind.CHANGED
    assert (change.mrz_position, mrz[change.mrz_position]) == (position, found)
    assert change.expected == expected
    assert str(position + 1) in change.message and found in change.message


def test_a_missing_or_extra_letter_and_a_lost_separator_are_flagged():
    missing = check_name("ИВАНОВА", "IVNOVA", language="ru").changes
    assert [c.kind for c in missing] == [ChangeKind.MISSING] and missing[0].viz == "А"
    extra = check_name("ANNA", "ANNNA").changes
    assert [c.kind for c in extra] == [ChangeKind.EXTRA] and extra[0].found == "N"
    assert [c.kind for c in check_name("ANNA MARIA", "ANNAMARIA").changes] == [ChangeKind.SEPARATOR]


def test_a_truncated_mrz_name_is_accepted_only_when_it_may_be_truncated():
    # Part 4, 4.2.3: letters go from the last components first, each down to its initial; trailing ones dropped
    assert check_name("NUSANELA PEGUIMENA", "N<P", truncated=True).agrees is True
    assert check_name("NUSANELA PEGUIMENA", "N<P", truncated=True).truncated
    assert check_name("ЯРОСЛАВА ЮРІЇВНА", "YAROSLAVA<Y", language="uk", truncated=True).agrees is True
    assert check_name("NUSANELA PEGUIMENA", "N<P").agrees is False
    assert check_name("NUSANELA PEGUIMENA", "N<Q", truncated=True).agrees is False


def test_characters_no_table_covers_are_reported_not_guessed():
    result = check_name("ӘЛИЕВ", "ALIEV")  # Kazakh Ә: not in 6.B
    assert result.agreement is NameAgreement.UNCOVERED and result.agrees is None and result.uncovered == "Ә"
    assert check_name("", "ALIEV").agreement is NameAgreement.NOT_COMPARED
    assert check_name("|||", "ALIEV").agreement is NameAgreement.NOT_COMPARED
    with pytest.raises(ValueError, match="ISO 639"):
        check_name("ANNA", "ANNA", language="Azeri")


def test_the_result_round_trips_and_speaks_the_examiners_language():
    result = check_name("ŞƏFƏQ", "SAFAG", language="az")
    assert NameCheck.from_dict(result.to_dict()) == result
    assert LetterChange.from_dict(result.changes[0].to_dict()) == result.changes[0]
    assert result.to_dict()["agreement"] == "differs"  # codes, not sentences
    assert "SAFAG" in result.message and "SAFAQ" in result.message
    for lang in ("az", "ru"):
        for agreement in (NameAgreement.TABLES, NameAgreement.NATIONAL_PRACTICE, NameAgreement.DIFFERS):
            assert Translator(lang).gettext(AGREEMENT_WORDS[agreement]) != AGREEMENT_WORDS[agreement]


def test_every_practice_has_a_source_and_the_gap_fillers_are_what_transliterate_writes():
    keys = [p.key for p in NAME_PRACTICES]
    assert len(keys) == len(set(keys)) and all(p.source and p.description and p.languages for p in NAME_PRACTICES)
    for p in NAME_PRACTICES:
        for text, spelled in p.spellings.items():
            if p.fills_gap:  # a character the tables omit, written as the practice writes it
                assert text not in LATIN and NATIONAL_PRACTICE[text] == spelled[:1]
                assert transliterate(text, language=p.languages[0]) == spelled[0]
            else:  # an alternative to the tables' spelling, which stays what transliterate writes
                assert transliterate(text, language=p.languages[0]) not in spelled


def test_the_issuing_states_name_language():
    assert name_language("AZE") == "az" and name_language("UKR") == "uk" and name_language("D<<") == "de"
    assert name_language("UTO") is None and name_language(None) is None
    register_name_language("QQQ", "az")
    try:
        assert name_language("QQQ") == "az"
    finally:
        register_name_language("QQQ", None)
    assert name_language("QQQ") is None
    with pytest.raises(ValueError, match="ISO 639"):
        register_name_language("QQQ", "Azeri")


# -- the generator's names: what the design generator prints and writes is what the check accepts ----------------

@given(st.integers(0, 10_000), st.sampled_from(LANGUAGES), st.sampled_from("MF"))
def test_every_generated_name_and_its_transliteration_agree(seed, language, sex):
    surname, given_names = holder_name(random.Random(seed), language, sex=sex)
    for name in (surname, given_names):
        assert check_name(name, transliterate(name, language=language), language=language).agrees is True


@given(st.integers(0, 10_000), st.sampled_from(LANGUAGES), st.data())
def test_every_allowed_spelling_is_accepted_and_any_changed_letter_flagged(seed, language, data):
    surname, _ = holder_name(random.Random(seed), language, sex="F")
    allowed = sorted(spellings(surname, language=language, limit=8))
    mrz = data.draw(st.sampled_from(allowed))
    assert check_name(surname, mrz, language=language).agrees is True
    letters = [i for i, c in enumerate(mrz) if c.isalpha()]
    i = data.draw(st.sampled_from(letters))
    new = data.draw(st.sampled_from([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != mrz[i]]))
    altered = mrz[:i] + new + mrz[i + 1:]
    result = check_name(surname, altered, language=language)
    if altered.replace("'", "") in {s.replace("'", "") for s in spellings(surname, language=language, limit=10_000)}:
        return  # the change made another allowed spelling (UE -> UA is not, but U -> ... may be)
    if result.agreement is NameAgreement.NATIONAL_PRACTICE:
        return  # the change made a spelling of national practice (S -> SH is a letter more, so rare)
    assert result.agrees is False
    assert [c.mrz_position for c in result.changes] == [i], result


def test_a_typed_viz_name_that_differs_says_which_letter_and_practice_needs_the_names_language():
    from docexam.mrz.viz import VIZField, check_field

    differs = check_field(VIZField.SURNAME, "ƏLİYEVA", mrz="ELIYEVA")
    assert differs.agrees is False and "position 1" in differs.note and "Ə" in differs.note
    assert check_field(VIZField.SURNAME, "ŞAHİN", mrz="SHAHIN", language="az").agrees is True
    assert "az_digraphs" in check_field(VIZField.SURNAME, "ŞAHİN", mrz="SHAHIN", language="az").note
    assert check_field(VIZField.SURNAME, "ŞAHİN", mrz="SHAHIN").agrees is False  # whose practice? not known
    assert check_field(VIZField.SURNAME, "ƏLİYEVA", mrz="ALIYEVA").agrees is True  # as before
