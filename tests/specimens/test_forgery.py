import random

import numpy as np
import pytest

from docexam.lights import LIGHTS, Light
from docexam.mrz import parse
from docexam.specimens import FAMILIES, Kind, alter, random_specimen, render
from docexam.specimens.design import REFERENCE_DPI
from docexam.specimens.persons import random_document
from docexam.specimens.render import make_specimen
from tests.conftest import TODAY

#: Each kind must change its claimed lights by at least this much (mean absolute difference in the region).
MIN_CHANGE = 2.0


@pytest.fixture(scope="module")
def genuine():
    out = {}
    for name, fam in FAMILIES.items():
        s = random_specimen(fam, 21, today=TODAY)
        out[name] = (s, render(s))
    return out


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("fam", sorted(FAMILIES))
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
