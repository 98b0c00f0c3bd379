import random

import numpy as np
import pytest

from docexam.lights import LIGHTS, Light
from docexam.mrz import parse
from docexam.specimens import FAMILIES, Kind, alter, make_specimen, random_specimen, render
from docexam.specimens.design import REFERENCE_DPI, FamilyName
from docexam.specimens.designs import Split, design, parse_code, split
from docexam.specimens.persons import random_document
from tests.conftest import TODAY

#: Each kind must change its claimed lights by at least this much (mean absolute difference in the region).
MIN_CHANGE = 2.0

#: Generated development designs that every kind must work on too: two of each family, of states with Latin,
#: Latin-with-diacritics and Cyrillic labels, and the one with right-to-left art.
DESIGNS = ("ARC-TD3-1", "NVR-TD3-3", "CSP-TD1-3", "BRL-TD1-1", "ZLN-TD2-5", "ELD-TD2-1", "KST-MRVA-7", "OPH-MRVA-1",
           "MVN-MRVB-3", "ATL-MRVB-1")


def test_the_generated_designs_tried_are_development_designs_of_every_family():
    assert all(split(code) is Split.DEVELOPMENT for code in DESIGNS)
    assert {parse_code(code)[1] for code in DESIGNS} == set(FamilyName)


@pytest.fixture(scope="module")
def genuine():
    out = {}
    for name in [*FAMILIES, *DESIGNS]:
        s = random_specimen(design(name), 21, today=TODAY)
        out[name] = (s, render(s))
    return out


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("fam", [*sorted(FAMILIES), *DESIGNS])
def test_each_alteration_changes_what_it_claims_and_nothing_else(genuine, kind, fam):
    s, before = genuine[fam]
    forged, alt = alter(s, kind, seed=5)
    after = render(forged)
    x, y, w, h = alt.box.px(REFERENCE_DPI)
    inside = np.zeros(before[Light.VISIBLE].shape[:2], bool)
    inside[max(y, 0) : y + h, max(x, 0) : x + w] = True
    for light in LIGHTS:
        diff = np.abs(after[light].astype(np.int16) - before[light].astype(np.int16)).max(axis=2)
        assert diff[~inside].max(initial=0) == 0, f"{kind} changed {light} outside its box"
        changed = diff[inside].mean()
        if light in alt.lights:
            assert changed >= MIN_CHANGE, f"{kind} claims {light} but changed it by only {changed:.2f}"
        else:
            assert changed == 0, f"{kind} changed {light}, which it does not claim"


@pytest.mark.parametrize("code", DESIGNS)
def test_every_kind_keeps_the_mrz_parsing_and_its_box_on_the_page(genuine, code):
    s, before = genuine[code]
    height, width = before[Light.VISIBLE].shape[:2]
    for kind in Kind:
        forged, alt = alter(s, kind, seed=11)
        r = parse(forged.mrz, today=TODAY)
        assert r.format == parse(s.mrz, today=TODAY).format
        assert r.valid == (kind is not Kind.MRZ_CHECK_DIGIT), kind
        x, y, w, h = alt.box.px(REFERENCE_DPI)
        assert w > 0 and h > 0 and x < width and y < height and x + w > 0 and y + h > 0, kind


def test_a_generated_designs_cyrillic_name_is_altered_in_cyrillic_and_a_date_in_its_printed_form():
    fam = design("NVR-TD3-3")
    seen = {}
    for seed in range(60):
        s = make_specimen(fam, random_document(fam, random.Random(seed), today=TODAY, language="ru"))
        forged, _ = alter(s, Kind.VIZ_ALTERATION, seed=seed)
        (key, edit), = forged.edits.items()
        seen.setdefault(key, (s.viz[key], edit.value))
    assert {"surname", "given_names", "birth_date"} <= seen.keys()
    for key in ("surname", "given_names"):
        old, new = seen[key]
        assert new != old and all("\u0400" <= ch <= "\u04ff" or ch in " -" for ch in new), new
    assert seen["surname"][1].startswith(seen["surname"][0][:-2])  # a new ending
    assert seen["given_names"][1][:-1] == seen["given_names"][0].split()[0][:-1]  # the first name's last letter
    # a date keeps the printed form (day, month in two languages, two-digit year): only its year moves
    old, new = seen["birth_date"]
    assert new[2:-2] == old[2:-2] and new[-2:] != old[-2:]


def test_mrz_check_digit_tampering_fails_a_check(genuine):
    s, _ = genuine["td3"]
    forged, _ = alter(s, Kind.MRZ_CHECK_DIGIT, seed=1)
    assert parse(s.mrz, today=TODAY).valid and not parse(forged.mrz, today=TODAY).valid


def test_recomputed_mrz_validates_but_disagrees_with_the_viz(genuine):
    s, _ = genuine["td1"]
    forged, alt = alter(s, Kind.MRZ_RECOMPUTED, seed=1)
    r = parse(forged.mrz, today=TODAY)
    assert r.valid
    assert r.fields.birth_date.value != s.data.birth_date
    assert forged.viz["birth_date"] == s.viz["birth_date"]


def test_counterfeit_paper_glows_under_uv(genuine):
    s, before = genuine["td2"]
    forged, _ = alter(s, Kind.COUNTERFEIT_PAPER, seed=1)
    after = render(forged)
    assert after[Light.UV].mean() > before[Light.UV].mean() + 60


def test_alterations_are_seeded():
    s = random_specimen(FAMILIES["td3"], 2, today=TODAY)
    a1, k1 = alter(s, Kind.VIZ_ALTERATION, seed=8)
    a2, k2 = alter(s, Kind.VIZ_ALTERATION, seed=8)
    assert k1 == k2 and a1.edits == a2.edits


@pytest.mark.parametrize(("kind", "difficulty", "message"), [("nope", "normal", "unknown alteration"), ("viz_alteration", "extreme", "difficulty")])
def test_bad_arguments(kind, difficulty, message):
    s = random_specimen(FAMILIES["td3"], 2, today=TODAY)
    with pytest.raises(ValueError, match=message):
        alter(s, kind, seed=1, difficulty=difficulty)


def test_a_viz_name_is_re_printed_in_the_script_the_viz_prints_it_in():
    fam = FAMILIES["td3"]
    for seed in range(40):
        s = make_specimen(fam, random_document(fam, random.Random(seed), today=TODAY, language="ru"))
        forged, alteration = alter(s, Kind.VIZ_ALTERATION, seed=seed)
        (key, edit), = forged.edits.items()
        if key in ("surname", "given_names"):
            assert all("\u0400" <= c <= "\u04ff" or c == " " for c in edit.value), edit.value
            assert edit.value != s.viz[key] == edit.original
            return
    pytest.fail("no name was altered in 40 seeds")
