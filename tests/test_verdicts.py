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


def test_an_exercise_verdict_is_shown_in_the_casework_wording_and_stored_as_before():
    assert [(e.verdict, e.label) for e in ExerciseVerdict] == [
        (Verdict.GENUINE, "genuine"), (Verdict.FORGED, "forged/altered"), (Verdict.COUNTERFEIT, "counterfeit")]
    assert all(e.verdict is Verdict.named(e.value) for e in ExerciseVerdict)  # the stored words name the same verdict


@pytest.mark.parametrize(("text", "exercise"), [
    ("altered", ExerciseVerdict.ALTERED), ("Forged/Altered ", ExerciseVerdict.ALTERED), ("forged", None),
    ("genuine", ExerciseVerdict.GENUINE), ("COUNTERFEIT", ExerciseVerdict.COUNTERFEIT), ("pseudo", None), ("x", None),
    (None, None),
])
def test_an_exercise_verdict_is_named_by_its_stored_value_or_the_casework_wording(text, exercise):
    assert ExerciseVerdict.named(text) is exercise


def test_a_stored_value_reads_in_the_casework_wording():
    assert [ExerciseVerdict.label_of(v) for v in ("altered", "genuine", "counterfeit", None, "odd")] == [
        "forged/altered", "genuine", "counterfeit", None, "odd"]
