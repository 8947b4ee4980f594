from __future__ import annotations

import numpy as np
import pytest

from stancetrace.forecast import Compromise, NashBargaining, WeightedMedian
from stancetrace.forecast.analysis import breaking_point, jitter, sensitivity, simulate, zopa
from stancetrace.forecast.scenario import load_scenario, parse_scenario

from .conftest import REPO

US_IRAN = REPO / "examples" / "scenarios" / "us-iran-enrichment.yaml"

SCENARIO = {
    "issue": {"scale": {"low": 0, "high": 100}, "status_quo": 50},
    "actors": [
        {"actor": "Big", "position": [0, 40], "salience": 0.9, "capability": 5},
        {"actor": "Small", "position": [60, 100], "salience": 0.2, "capability": 1},
        {"actor": "Fixed", "position": 70, "salience": 0.5},
    ],
}


def test_analysis_monte_carlo_is_seeded_and_ordered():
    s = parse_scenario(SCENARIO)
    first = simulate(Compromise(), s, draws=400, seed=11)
    again = simulate(Compromise(), s, draws=400, seed=11)
    other = simulate(Compromise(), s, draws=400, seed=12)
    np.testing.assert_array_equal(first["outcomes"], again["outcomes"])
    assert not np.array_equal(first["outcomes"], other["outcomes"])
    lo90, hi90 = first["interval_90"]
    lo50, hi50 = first["interval_50"]
    assert lo90 <= lo50 <= first["forecast"] <= hi50 <= hi90
    assert lo90 < hi90  # the ranges produce a spread


def test_analysis_sensitivity_ranks_the_heavy_actor_first():
    rows = sensitivity(Compromise(), parse_scenario(SCENARIO))
    assert [(r["actor"], r["input"]) for r in rows] == [("Big", "position"), ("Small", "position")]
    assert rows[0]["swing"] > rows[1]["swing"] > 0
    # The compromise model's swing is exactly weight share × range.
    weights = np.array([4.5, 0.2, 0.5])
    assert rows[0]["swing"] == pytest.approx(40 * weights[0] / weights.sum())


def test_analysis_breaking_point_of_the_us_iran_pressure():
    s = load_scenario(US_IRAN)
    result = breaking_point(NashBargaining(), s, "pressure")
    # Khamenei's reservation 40 − 45·p must reach the US limit 5: p ≥ 0.778 (grid step 0.005).
    assert result["breaking_point"] == pytest.approx(0.78, abs=0.0051)
    assert result["forecast_at_current"] == 75.0
    assert result["forecast_at_breaking_point"] < 10


def test_analysis_zopa_of_the_us_iran_scenario_is_empty_with_both_blockers():
    z = zopa(load_scenario(US_IRAN))
    assert z["empty"] and z["blocking"] == ["ali-khamenei", "donald-trump"]
    assert z["blocking_names"] == ["Supreme Leader Ali Khamenei (Iran)", "Trump administration (United States)"]
    opened = zopa(load_scenario(US_IRAN), pressure={"pressure": 1.0})
    assert not opened["empty"] and opened["low"] <= opened["high"]


def test_analysis_jitter_keeps_inputs_valid():
    table = parse_scenario(SCENARIO).to_table()
    batch = jitter(table, 300, seed=1)
    assert batch.position.shape == (300, 3)
    assert batch.check()
    forecasts = WeightedMedian().fit(batch).predict()
    assert forecasts.shape == (300,)
