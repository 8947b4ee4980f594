from __future__ import annotations

import numpy as np
import pytest

from stancetrace.forecast import ActorTable, Compromise, WeightedMedian, weighted_median
from stancetrace.forecast.deu import evaluate, load_deu


def test_baselines_weighted_mean_by_hand():
    table = ActorTable(names=("a", "b"), position=[0, 100], salience=[1.0, 0.5], capability=[1, 1])
    model = Compromise().fit(table)
    assert model.predict() == pytest.approx(100 * 0.5 / 1.5)
    np.testing.assert_allclose(model.sensitivity_, [1 / 1.5, 0.5 / 1.5])


def test_baselines_weighted_median_is_the_lower_median_at_exact_halves():
    assert weighted_median(np.array([10.0, 20.0]), np.array([1.0, 1.0])) == 10.0
    assert weighted_median(np.array([30.0, 10.0, 20.0]), np.array([1.0, 1.0, 3.0])) == 20.0
    table = ActorTable(names=("a", "b", "c"), position=[0, 40, 100], salience=[0.3, 0.3, 0.5], capability=[1, 1, 1])
    assert WeightedMedian().fit(table).predict() == 40.0


def test_baselines_reproduce_the_published_deu_figures(shared):
    issues = load_deu(shared / "data" / "deu" / "deu3.tsv")
    report = evaluate(issues, {"compromise": Compromise(), "median": WeightedMedian()})
    assert report["n_issues"] == 353
    assert report["models"]["compromise"]["mae"] == pytest.approx(23.68, abs=0.005)
    assert report["models"]["median"]["mae"] == pytest.approx(28.36, abs=0.005)
    low, high = report["models"]["median"]["mae_minus_baseline_ci95"]
    assert low < 4.68 < high
