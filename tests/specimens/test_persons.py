"""Synthetic holders: Utopia's documents drawn as they always were, names in national scripts with their MRZ
transliteration, documents of a registered state, and the document data's JSON both ways."""

import hashlib
import json
import random
import re

import pytest

from docexam.mrz import parse
from docexam.mrz.transliterate import transliterate
from docexam.mrz.viz import same_name
from docexam.specimens import persons
from docexam.specimens.design import FamilyName, family
from docexam.specimens.names import ALPHABETS, LANGUAGES
from docexam.specimens.persons import STATES, DocumentData, add_state, mrz_lines, random_document, viz_values
from tests.conftest import TODAY

UTOPIA_FAMILIES = (FamilyName.TD3, FamilyName.TD1, FamilyName.TD2, FamilyName.MRVA)
#: sha256 of the documents and VIZ values of seeds 0-199 of Utopia's four families, as drawn before names in
#: national scripts and registered states existed.
UTOPIA_DRAWS = "339d7b36f0cdf1724c0a6c41065e918a53fd532c681a66b48375f6aff3812915"


def _utopia_digest():
    h = hashlib.sha256()
    for name in UTOPIA_FAMILIES:
        fam = family(name)
        for seed in range(200):
            d = random_document(fam, random.Random(seed), today=TODAY)
            h.update(json.dumps(d.to_dict(), sort_keys=True).encode())
            h.update(json.dumps(viz_values(fam, d), sort_keys=True).encode())
    return h.hexdigest()


@pytest.fixture
def registry():
    """STATES as it was, after the test."""
    saved = dict(STATES)
    yield STATES
    STATES.clear()
    STATES.update(saved)


def test_utopias_documents_are_drawn_as_they_always_were(registry):
    assert _utopia_digest() == UTOPIA_DRAWS
    add_state("CSP", "CASPIANA", "CASPIANIAN")
    add_state("AAB", "AABLAND", "AABLANDER")  # sorted before ARC: registering must not shift the draws
    assert _utopia_digest() == UTOPIA_DRAWS


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_holder_in_a_national_script_has_the_transliteration_in_the_mrz(language):
    for name in (FamilyName.TD3, FamilyName.TD1, FamilyName.MRVA):
        fam = family(name)
        for seed in range(15):
            d = random_document(fam, random.Random(seed), today=TODAY, language=language)
            assert set(d.surname_viz + d.given_names_viz) <= set(ALPHABETS[language]) | set(" -'")
            assert d.surname == transliterate(d.surname_viz, language=language)
            assert d.given_names == transliterate(d.given_names_viz, language=language)
            viz = viz_values(fam, d)
            assert viz["surname"] == d.surname_viz and viz["given_names"] == d.given_names_viz
            result = parse(mrz_lines(fam, d), today=TODAY)
            assert result.valid, result.errors
            mrz_name = result.fields.name
            truncated = mrz_name.possibly_truncated
            assert same_name(d.surname_viz, mrz_name.surname, truncated=truncated)
            if mrz_name.given_names:
                assert same_name(d.given_names_viz, mrz_name.given_names, truncated=truncated)


def test_a_russian_holders_mrz_name_is_latin_and_the_viz_cyrillic():
    fam = family(FamilyName.TD3)
    d = random_document(fam, random.Random(3), today=TODAY, language="ru")
    assert re.fullmatch(r"[А-ЯЁ \-]+", d.surname_viz) and re.fullmatch(r"[A-Z \-']+", d.surname)
    assert mrz_lines(fam, d)[0].startswith("P<" + d.issuing_state.ljust(3, "<") + d.surname.split()[0][:10])


def test_the_same_seed_and_language_give_the_same_document():
    fam = family(FamilyName.TD1)
    assert random_document(fam, random.Random(9), today=TODAY, language="az") == random_document(
        fam, random.Random(9), today=TODAY, language="az")


def test_a_registered_states_documents_are_issued_by_it(registry):
    add_state("CSP", "CASPIANA", "CASPIANIAN")
    add_state("CSP", "CASPIANA", "CASPIANIAN")  # again, the same: nothing happens
    fam = family(FamilyName.TD3)
    docs = [random_document(fam, random.Random(s), today=TODAY, state="CSP", language="az") for s in range(200)]
    assert all(d.issuing_state == "CSP" for d in docs)
    share = sum(d.nationality == "CSP" for d in docs) / len(docs)
    assert 0.82 < share < 0.97
    d = next(d for d in docs if d.nationality == "CSP")
    assert viz_values(fam, d)["nationality"] == "CASPIANIAN"
    assert parse(mrz_lines(fam, d), today=TODAY).valid


def test_states_are_registered_only_with_a_code_and_words(registry):
    for args in (("CS", "X", "Y"), ("csp", "X", "Y"), ("CSP", "", "Y"), ("CSP", "X", " "), ("UTO", "ELSEWHERE", "ELSEWHERIAN")):
        with pytest.raises(ValueError):
            add_state(*args)
    with pytest.raises(ValueError, match="add_state"):
        random_document(family(FamilyName.TD3), random.Random(0), today=TODAY, state="QQQ")


def test_the_document_datas_json_has_the_viz_names_only_when_there_are_any():
    fam = family(FamilyName.TD3)
    plain = random_document(fam, random.Random(1), today=TODAY)
    national = random_document(fam, random.Random(1), today=TODAY, language="uk")
    assert plain.surname_viz is None and "surname_viz" not in plain.to_dict() and "given_names_viz" not in plain.to_dict()
    assert national.to_dict()["surname_viz"] == national.surname_viz
    for d in (plain, national):
        assert DocumentData.from_dict(json.loads(json.dumps(d.to_dict()))) == d


def test_the_module_draws_from_the_first_four_states_by_default():
    assert persons._DRAWN_STATES == ("ARC", "ATL", "ELD", "UTO")
