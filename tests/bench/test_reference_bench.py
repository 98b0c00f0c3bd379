"""bench/reference_bench.py's options and figures: which documents it makes, what it counts, and that a run in two
processes gives the rows of a run in one. No times are asserted."""

import json
import random

import pytest

from bench import reference_bench as rb
from bench import simulate as sim


def test_kinds_are_taken_in_turn_or_per_kind_and_only_those_asked_for():
    assert len(rb.schedule(sim.KINDS, random.Random(1), altered=6, per_kind=0)) == 6
    assert sorted(rb.schedule(sim.KINDS, random.Random(1), altered=6, per_kind=0)) == sorted(sim.KINDS)
    plan = rb.schedule(sim.KINDS, random.Random(1), altered=6, per_kind=5)
    assert len(plan) == 30 and all(plan.count(k) == 5 for k in sim.KINDS)
    two = rb.schedule(("uv_spot", "mrz_ir"), random.Random(1), altered=3, per_kind=0)
    assert len(two) == 3 and set(two) == {"uv_spot", "mrz_ir"}
    # the default draws the order as the benchmark always did, so its figures stay comparable
    order = list(sim.KINDS)
    random.Random(1).shuffle(order)
    assert rb.schedule(sim.KINDS, random.Random(1), altered=12, per_kind=0) == order * 2


def test_the_options_name_kinds_modes_and_splits_and_refuse_unknown_ones(capsys):
    words = rb._words("generator,one", rb.MODE_NAMES, "reference mode")
    assert words == (rb.GENERATOR, "one specimen")
    assert rb._words("dev,held-out", rb.SPLIT_NAMES, "split") == ("development", "held-out")
    with pytest.raises(SystemExit):
        rb.main(["--kinds", "patch,smudge", "--designs", "0", "--real", "0"])
    assert "unknown kind 'smudge'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        rb.main(["--jobs", "0", "--designs", "0", "--real", "0"])


def _row(kind, *, top, hit=0.0, lights=("visible",), hit_by_light=None, top_by_light=None, alarms=()):
    alteration = None if kind is None else {"kind": kind, "lights": list(lights), "box": [0, 0, 10, 10], "detail": ""}
    return {"design": "X", "split": "development", "mode": "one specimen", "doc": 0, "kind": kind,
            "alteration": alteration, "top": top, "hit": hit, "top_by_light": top_by_light or {},
            "hit_by_light": hit_by_light or {}, "alarms": list(alarms), "failure": None, "ms": 1.0}


def test_the_summary_counts_per_kind_per_light_and_the_alarms_on_genuine_documents():
    rows = [
        _row(None, top=0.0),
        _row(None, top=0.7, top_by_light={"uv": 0.7}, alarms=["uv_fluorescence/uv", "uv_fluorescence/uv"]),
        _row("uv_spot", top=0.9, hit=0.9, lights=("uv",), hit_by_light={"uv": 0.9}),
        _row("patch", top=0.8, hit=0.6, lights=("visible", "uv"), hit_by_light={"visible": 0.6, "uv": 0.2}),
        _row("patch", top=0.4, hit=0.0, lights=("visible",), hit_by_light={"visible": 0.0}),
        _row("patch", top=0.0, hit=0.0, lights=()),  # changed no light: no alteration to find
    ]
    s = rb.summarise(rows)
    assert s["unchanged"] == 1
    assert (s["genuine_alarmed"]["n"], s["genuine_alarmed"]["of"]) == (1, 2)
    assert s["genuine_per_light"]["uv"]["n"] == 1
    assert (s["found_all"]["n"], s["found_all"]["of"]) == (2, 3)
    assert (s["per_kind"]["patch"]["found"], s["per_kind"]["patch"]["alterations"]) == (1, 2)
    assert s["per_kind"]["patch"]["low"] < 0.5 < s["per_kind"]["patch"]["high"]
    # per light: each alteration counts in every light it changed, found there only by an alarm in that light
    assert (s["per_light"]["visible"]["n"], s["per_light"]["visible"]["of"]) == (1, 2)
    assert (s["per_light"]["uv"]["n"], s["per_light"]["uv"]["of"]) == (1, 2)
    assert s["per_kind_light"]["patch"]["uv"]["n"] == 0 and s["per_kind_light"]["uv_spot"]["uv"]["n"] == 1
    assert s["genuine_alarm_counts"] == {"uv_fluorescence/uv": 1}  # documents, not findings
    assert s["scores"]["genuine_top"]["max"] == 0.7 and s["scores"]["per_kind_found"]["uv_spot"]["q50"] == 0.9
    at = {r["threshold"]: r for r in s["roc_table"]}
    assert at[0.5]["genuine_alarmed"]["n"] == 1 and at[0.8]["genuine_alarmed"]["n"] == 0
    assert at[0.8]["per_kind"]["uv_spot"]["n"] == 1 and at[0.8]["per_kind"]["patch"]["n"] == 0
    assert s["operating_points"]["genuine <= 3%"]["threshold"] == 0.8
    assert len(s["roc"]) == len(rb.THRESHOLDS)


# no genuine document: an altered one goes through the same comparison and judging (the smoke run has genuine ones)
TINY = ["--designs", "1", "--genuine", "0", "--altered", "1", "--kinds", "uv_spot", "--modes", "generator",
        "--splits", "dev,held-out", "--no-viz", "--no-timing"]


def _rows(path):
    rows = json.loads(path.read_text())["generated"]["rows"]
    return [{k: v for k, v in r.items() if k != "ms"} for r in rows]


def test_two_processes_give_the_rows_of_one_against_the_generators_reference(tmp_path, capsys):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert rb.main([*TINY, "--jobs", "1", "--json", str(one)]) == 0
    assert rb.main([*TINY, "--jobs", "2", "--json", str(two)]) == 0
    out = capsys.readouterr().out
    assert "reference: generator reference" in out and "ROC per kind, development" in out
    rows = _rows(one)
    assert rows == _rows(two)
    assert {r["split"] for r in rows} == {"development", "held-out"}
    assert {r["mode"] for r in rows} == {rb.GENERATOR}
    assert [r["kind"] for r in rows] == ["uv_spot", "uv_spot"]
    fig = json.loads(one.read_text())
    assert fig["options"]["modes"] == [rb.GENERATOR] and "real" not in fig
    dev = fig["generated"]["per_split"]["development"][rb.GENERATOR]
    assert dev["genuine_alarmed"]["of"] == 0 and dev["per_kind"]["uv_spot"]["alterations"] == 1
    assert "uv" in dev["per_light"] and len(dev["roc_table"]) == len(rb.ROC_THRESHOLDS)


def test_the_memory_a_design_left_is_printed_and_plausible():
    from bench.reference_bench import peak_mb, resident_mb

    now, peak = resident_mb(), peak_mb()
    assert 1 < now <= peak + 1  # a Python process with numpy holds some memory, never more than its peak
