"""The verdicts: the strings the store keeps, the names the command line takes, an exercise's three."""

import pytest

from docexam.verdicts import ExerciseVerdict, Verdict


def test_the_store_keeps_the_same_wording():
    assert [v.value for v in Verdict] == ["genuine", "counterfeit", "forged/altered", "fraudulently obtained", "fantasy",
                                          "pseudo", "inconclusive"]
    assert [v.value for v in ExerciseVerdict] == ["genuine", "altered", "counterfeit"]


@pytest.mark.parametrize(("text", "verdict"), [
    ("genuine", Verdict.GENUINE), (" Forged ", Verdict.FORGED), ("altered", Verdict.FORGED),
    ("forged/altered", Verdict.FORGED), ("Fraudulently-Obtained", Verdict.FRAUDULENTLY_OBTAINED),
    ("fraudulently_obtained", Verdict.FRAUDULENTLY_OBTAINED), ("fake", None),
])
def test_a_verdict_is_named_by_its_wording_or_its_name(text, verdict):
    assert Verdict.named(text) is verdict


def test_every_exercise_verdict_names_a_case_verdict():
    assert {Verdict.named(v) for v in ExerciseVerdict} == {Verdict.GENUINE, Verdict.FORGED, Verdict.COUNTERFEIT}


def test_the_command_line_lists_each_verdict_once():
    words = Verdict.words()
    assert words.startswith("genuine, counterfeit, forged (forged/altered), fraudulently-obtained")
    assert all(Verdict.named(w.split(" (")[0]) is not None for w in words.split(", "))
