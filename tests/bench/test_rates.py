"""Rates with their Wilson intervals, score quantiles and ROC-style tables (bench/rates.py), on crafted inputs."""

import pytest

from bench import rates


@pytest.mark.parametrize(("n", "d", "low", "high"), [
    (0, 10, 0.0, 0.2775),    # none of ten: the rate may still be up to 28 %
    (10, 10, 0.7225, 1.0),
    (5, 10, 0.2366, 0.7634),
    (1, 20, 0.0089, 0.2361),
    (19, 20, 0.7639, 0.9911),
    (30, 40, 0.5980, 0.8580),
])
def test_the_wilson_interval_matches_its_published_values(n, d, low, high):
    lo, hi = rates.wilson(n, d)
    assert lo == pytest.approx(low, abs=5e-4) and hi == pytest.approx(high, abs=5e-4)


def test_the_wilson_interval_holds_the_rate_narrows_with_trials_and_is_whole_without_any():
    for n, d in [(1, 3), (7, 9), (0, 1), (40, 40)]:
        lo, hi = rates.wilson(n, d)
        assert 0 <= lo <= n / d <= hi <= 1
    assert rates.wilson(0, 0) == (0.0, 1.0)
    small, large = rates.wilson(5, 10), rates.wilson(50, 100)
    assert large[1] - large[0] < small[1] - small[0]
    with pytest.raises(ValueError, match="0 <= n <= d"):
        rates.wilson(3, 2)


def test_a_rate_is_shown_with_its_counts_and_interval_in_percent():
    r = rates.rate(12, 20)
    assert (r["n"], r["of"], r["rate"]) == (12, 20, 0.6)
    assert rates.show(r) == "12/20 60% [39-78]"
    assert rates.show(rates.rate(0, 0)) == "-" and rates.rate(0, 0)["rate"] is None


def test_quantiles_interpolate_between_the_sorted_scores():
    q = rates.quantiles([0.9, 0.0, 0.1, 0.5, 0.3])
    assert q["count"] == 5 and q["min"] == 0.0 and q["max"] == 0.9
    assert q["q50"] == 0.3 and q["q25"] == 0.1 and q["q75"] == 0.5
    assert q["q05"] == pytest.approx(0.02) and q["q95"] == pytest.approx(0.82)
    empty = rates.quantiles([])
    assert empty["count"] == 0 and empty["q50"] is None and empty["max"] is None


def test_the_roc_table_counts_genuine_alarms_and_finds_per_kind_at_each_threshold():
    genuine = [0.0, 0.2, 0.45, 0.6]  # one genuine document alarms at 0.5, two at 0.4
    found = {"patch": [0.9, 0.55, 0.0], "uv_spot": [0.3, 1.0]}
    table = rates.roc_table(genuine, found, (0.4, 0.5, 0.95))
    at = {row["threshold"]: row for row in table}
    assert [at[t]["genuine_alarmed"]["n"] for t in (0.4, 0.5, 0.95)] == [2, 1, 0]
    assert all(row["genuine_alarmed"]["of"] == 4 and row["found"]["of"] == 5 for row in table)
    assert [at[t]["found"]["n"] for t in (0.4, 0.5, 0.95)] == [3, 3, 1]
    assert [at[t]["per_kind"]["patch"]["n"] for t in (0.4, 0.5, 0.95)] == [2, 2, 0]
    assert [at[t]["per_kind"]["uv_spot"]["n"] for t in (0.4, 0.5, 0.95)] == [1, 1, 1]
    # the lowest threshold whose genuine alarm rate is within the bound: 0.5 allows 25 %, only 0.95 allows 0 %
    assert rates.operating_point(table, genuine_at_most=0.25)["threshold"] == 0.5
    assert rates.operating_point(table, genuine_at_most=0.0)["threshold"] == 0.95
    assert rates.operating_point(rates.roc_table([1.0], found, (0.5,)), genuine_at_most=0.03) is None
