import pytest
from hypothesis import given
from hypothesis import strategies as st

from docexam.errors import MRZGenerationError
from docexam.mrz.names import format_name, parse_name
from tests.mrz.strategies import component


def test_primary_and_secondary_identifiers():
    n = parse_name("ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
    assert n.primary == ("ERIKSSON",) and n.secondary == ("ANNA", "MARIA")
    assert n.surname == "ERIKSSON" and n.given_names == "ANNA MARIA"
    assert not n.possibly_truncated and not n.stray_fillers


def test_multiple_components_in_both_identifiers():
    n = parse_name("VAN<DER<MUELLEN<<MARTIN<<<<<<<")
    assert n.primary == ("VAN", "DER", "MUELLEN") and n.secondary == ("MARTIN",)


def test_single_name_holder_has_only_a_primary_identifier():
    n = parse_name("ARKFREITH<<<<<<<<<<<<<<<<<<<<<")
    assert n.primary == ("ARKFREITH",) and n.secondary == ()


def test_letter_in_last_position_means_possible_truncation():
    assert parse_name("NILAVADHANANANDA<<CHAYAPA<DE<K").possibly_truncated


@pytest.mark.parametrize("raw", ["ANNA<<<MARIA<<<<", "ERIKSSON<<ANNA<<MARIA<<<<", "<ANNA<<<<"])
def test_stray_fillers_are_noticed(raw):
    assert parse_name(raw).stray_fillers


def test_digits_in_a_name_are_reported_not_raised():
    assert parse_name("ER1KSSON<<ANNA<<<<<").invalid_characters == "1"


@pytest.mark.parametrize(
    ("primary", "secondary", "length", "field"),
    [
        (["ERIKSSON"], ["ANNA", "MARIA"], 39, "ERIKSSON<<ANNA<MARIA" + "<" * 19),
        # Part 3, 4.6: apostrophes dropped, hyphens become a filler.
        (["D'ARTAGNAN"], ["MARIE-ELISE"], 30, "DARTAGNAN<<MARIE<ELISE" + "<" * 8),
        # Part 4, 4.2.3.2: secondary identifier truncated to an initial.
        (["NILAVADHANANANDA"], ["CHAYAPA", "DEJTHAMRONG", "KRASUANG"], 39, "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"),
    ],
)
def test_format_name(primary, secondary, length, field):
    assert format_name(primary, secondary, length) == field


def test_truncation_never_ends_on_a_filler():
    # The cut would fall just after a component: the component before it gives up a letter instead.
    assert format_name(["AB"], ["CDEFG", "IJ"], 10) == "AB<<CDEF<I"
    assert format_name(["ABCDEFGH"], ["IJ"], 10) == "ABCDEFG<<I"
    # Dropping a component freed more room than needed: the initial left takes letters back.
    assert format_name(["DEL", "ALMENINEZ", "SANPALUEELLO"], ["GARBRINA", "ZANUMELA"], 30) == "DEL<ALMENINEZ<SANPALUEELLO<<GA"


def test_national_characters_must_be_transliterated_first():
    with pytest.raises(MRZGenerationError, match="transliterate"):
        format_name(["MÜLLER"], [], 30)


@given(st.lists(component, min_size=1, max_size=4), st.lists(component, min_size=0, max_size=4), st.sampled_from([30, 31, 39]))
def test_a_name_that_does_not_fit_ends_with_a_letter(primary, secondary, length):
    field = format_name(primary, secondary, length)
    full = "<".join(primary) + ("<<" + "<".join(secondary) if secondary else "")
    assert len(field) == length
    if len(full) > length:  # Part 4, 4.2.3: a truncated name is recognisable by its last character
        assert field[-1].isalpha() and parse_name(field).possibly_truncated
    else:
        assert field == full.ljust(length, "<")
