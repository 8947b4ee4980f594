from __future__ import annotations

import csv

import numpy as np
import pytest

from stancetrace.forecast import ActorTable, ExpectedUtility
from stancetrace.forecast.expected_utility import SCHOLZ_2011, STABLE_TOLERANCE, _win_probability
from stancetrace.forecast.scenario import load_scenario

from .conftest import REPO

SCHOLZ_TABLE_2_MEDIANS = [8.4, 9.9, 9.9]  # rounds 1–3, Scholz, Calbert & Smith (2011)
SCHOLZ_TABLE_2_MEANS = [7.4, 7.5, 7.6]  # the same table's means (shared/data/scholz-1994/README.md)


def brute_force_probability(z, w):
    support = w[None, None, :] * (np.abs(z[None, None, :] - z[None, :, None]) - np.abs(z[None, None, :] - z[:, None, None]))
    positive = np.where(support > 0, support, 0).sum(-1)
    total = np.abs(support).sum(-1)
    return np.where(total > 0, positive / np.where(total > 0, total, 1), 0.5)


def test_expected_utility_win_probability_matches_the_definition():
    rng = np.random.default_rng(7)
    z = np.round(rng.uniform(0, 10, (3, 9)))  # ties included
    w = rng.uniform(0, 1, (3, 9))
    fast = _win_probability(z, w, "dyad")
    for b in range(3):
        np.testing.assert_allclose(fast[b], brute_force_probability(z[b], w[b]), atol=1e-12)


def test_expected_utility_scholz_inputs_match_the_published_round_zero(shared):
    rows = list(csv.DictReader(open(shared / "data" / "scholz-1994" / "actors.csv", encoding="utf-8")))
    scenario = load_scenario(REPO / "examples" / "scenarios" / "scholz-1994.yaml")
    assert [a.actor for a in scenario.actors] == [r["actor"] for r in rows]
    model = ExpectedUtility(rounds=3).fit(scenario)
    assert model.rounds_[0]["median"] == 7.0  # README: round 0 is 7
    assert float(model.rounds_[0]["mean"]) == pytest.approx(7.39, abs=0.005)  # the compromise model
    assert len(model.rounds_) == 4 and len(model.positions_) == 4


def test_expected_utility_reproduces_scholz_table_2(shared):
    scenario = load_scenario(REPO / "examples" / "scenarios" / "scholz-1994.yaml")
    model = ExpectedUtility(rounds=3, **SCHOLZ_2011).fit(scenario)
    medians = [float(r["median"]) for r in model.rounds_[1:4]]
    np.testing.assert_allclose(medians, SCHOLZ_TABLE_2_MEDIANS, atol=0.35)
    means = [float(r["mean"]) for r in model.rounds_[1:4]]
    np.testing.assert_allclose(means, SCHOLZ_TABLE_2_MEANS, atol=0.1)


def test_expected_utility_scholz_table_2_needs_the_global_denominator(shared):
    # The structural difference: with per-dyad probabilities the medians stay at the inputs'.
    scenario = load_scenario(REPO / "examples" / "scenarios" / "scholz-1994.yaml")
    per_dyad = dict(SCHOLZ_2011, probability="dyad")
    model = ExpectedUtility(rounds=3, **per_dyad).fit(scenario)
    medians = [float(r["median"]) for r in model.rounds_[1:4]]
    assert np.max(np.abs(np.array(medians) - SCHOLZ_TABLE_2_MEDIANS)) > 0.35


def test_expected_utility_global_probability_matches_the_definition():
    rng = np.random.default_rng(11)
    z = np.round(rng.uniform(0, 10, (4, 8)))
    w = rng.uniform(0, 1, (4, 8))
    fast = _win_probability(z, w, "global")
    for b in range(4):
        support = w[b][None, None, :] * (np.abs(z[b][None, None, :] - z[b][None, :, None])
                                         - np.abs(z[b][None, None, :] - z[b][:, None, None]))
        expected = np.where(support > 0, support, 0).sum(-1) / np.abs(support).sum()
        apart = z[b][:, None] != z[b][None, :]
        np.testing.assert_allclose(fast[b][apart], expected[apart], atol=1e-12)


def test_expected_utility_full_moves_land_exactly_on_the_target():
    from stancetrace.forecast.analysis import jitter

    table = ActorTable(names=tuple("abcdefg"), position=[3, 20, 47, 55, 80, 91, 97],
                       salience=[0.9, 0.3, 0.6, 0.5, 0.8, 0.4, 0.7], capability=[2, 1, 1, 1, 3, 1, 2])
    model = ExpectedUtility(rounds=3).fit(jitter(table, 200, seed=4))
    full_moves = 0
    for before, after in zip(model.positions_[:-1], model.positions_[1:]):
        near = np.abs(after[:, :, None] - before[:, None, :]) < 1e-9  # lands (almost) on a position
        exact = after[:, :, None] == before[:, None, :]
        moved = (after != before)[:, :, None]
        assert np.array_equal(near & moved, exact & moved)  # never 1e-14 off, which would be "apart"
        full_moves += int((exact & moved).sum())
    assert full_moves > 0


def test_expected_utility_perspective_and_offer_options_are_validated():
    from stancetrace.errors import ConfigError

    table = ActorTable(names=("a", "b"), position=[0, 100], salience=[0.5, 0.5], capability=[1, 1])
    for option in ({"perspective": "sender"}, {"offer": "first"}, {"probability": "total"}):
        with pytest.raises(ConfigError):
            ExpectedUtility(**option).fit(table)
    for option in ({"perspective": "responder"}, {"offer": "by_type"}, {"probability": "global"}):
        assert np.isfinite(ExpectedUtility(**option).fit(table).predict())


def test_expected_utility_rounds_move_positions_and_stop_when_stable():
    table = ActorTable(names=("a", "b", "c"), position=[0, 50, 100], salience=[0.9, 0.5, 0.2], capability=[3, 1, 1])
    fixed = ExpectedUtility(rounds=6).fit(table)
    assert len(fixed.rounds_) == 7
    stable = ExpectedUtility(rounds=50, stop="stable").fit(table)
    assert len(stable.rounds_) < 51
    last, before = stable.positions_[-1], stable.positions_[-2]
    assert np.max(np.abs(last - before)) <= STABLE_TOLERANCE * 100


def test_expected_utility_options_change_the_dynamics():
    table = ActorTable(names=tuple("abcde"), position=[0, 20, 55, 80, 100], salience=[0.9, 0.3, 0.6, 0.5, 0.8],
                       capability=[2, 1, 1, 1, 3])
    outcomes = {str(opts): [float(r["median"]) for r in ExpectedUtility(rounds=4, **opts).fit(table).rounds_]
                for opts in ({}, {"offer": "highest_eu"}, {"risk": False}, {"security": "own"})}
    assert len({tuple(v) for v in outcomes.values()}) > 1


def reference_round(x, s, c, scale):
    """FORECASTING.md steps 1–7 written as plain loops, the standard options throughout."""
    n, w = len(x), c * s
    from stancetrace.forecast import weighted_median

    def expected(r):
        e = np.zeros((n, n))
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                d = abs(x[i] - x[j]) / scale
                support = w * (np.abs(x - x[j]) - np.abs(x - x[i]))
                total = np.abs(support).sum()
                p = support[support > 0].sum() / total if total > 0 else 0.5
                u_s, u_f, u_q = (2 - 4 * (0.5 - 0.5 * d) ** r[i], 2 - 4 * (0.5 + 0.5 * d) ** r[i], 2 - 4 * 0.5 ** r[i])
                e[i, j] = s[j] * (p * u_s + (1 - p) * u_f) + (1 - s[j]) * u_s - u_q
        return e

    first = expected(np.ones(n))
    security = first.sum(axis=0)
    index = (2 * security - security.max() - security.min()) / (security.max() - security.min())
    e = expected((1 - index / 3) / (1 + index / 3))
    new = x.copy()
    for j in range(n):
        best = None
        for i in range(n):
            a, b = e[i, j], e[j, i]
            if i != j and x[i] != x[j] and a > 0 and (b <= 0 or a > b):
                step = -b / a if b < 0 and a > -b else 1.0
                if best is None or step * abs(x[i] - x[j]) < best[0]:
                    best = (step * abs(x[i] - x[j]), x[j] + step * (x[i] - x[j]))
        if best:
            new[j] = best[1]
    assert weighted_median(x, w) is not None
    return new


def test_expected_utility_vectorised_round_matches_a_loop_reference():
    rng = np.random.default_rng(5)
    for _ in range(3):
        x = np.round(rng.uniform(0, 100, 7), 1)
        s, c = rng.uniform(0.1, 1, 7), rng.uniform(0.5, 2, 7)
        table = ActorTable(names=tuple("abcdefg"), position=x, salience=s, capability=c)
        model = ExpectedUtility(rounds=1).fit(table)
        np.testing.assert_allclose(model.positions_[1], reference_round(x, s, c, 100.0), atol=1e-9)


def test_expected_utility_single_precision_tracks_double_on_a_batch():
    from stancetrace.forecast.analysis import jitter

    table = ActorTable(names=tuple("abcdef"), position=[0, 15, 40, 60, 85, 100], salience=[0.9, 0.3, 0.6, 0.5, 0.8, 0.4],
                       capability=[2, 1, 1, 1, 3, 1])
    batch = jitter(table, 400, seed=2)
    double = ExpectedUtility().fit(batch).predict()
    single = ExpectedUtility(precision="single").fit(batch).predict()
    assert not np.array_equal(double, single)  # the float32 path ran: rounding differs
    assert abs(float(np.median(double)) - float(np.median(single))) < 0.5
    assert np.mean(np.abs(double - single) < 1e-3) > 0.9  # most draws identical up to rounding


def test_expected_utility_midpoint_count_matches_searchsorted():
    from stancetrace.forecast.expected_utility import _count_below

    rng = np.random.default_rng(3)
    rows = np.sort(np.round(rng.uniform(0, 10, (5, 13))), axis=1)  # ties included
    keys = np.round(rng.uniform(-1, 11, (5, 40)) * 2) / 2  # keys equal to positions included
    expected = np.array([np.searchsorted(r, k, side="left") for r, k in zip(rows, keys)])
    np.testing.assert_array_equal(_count_below(rows, keys), expected)


def test_expected_utility_presorted_probability_matches_the_unsorted_path():
    rng = np.random.default_rng(9)
    z = np.round(rng.uniform(0, 10, (4, 11)))
    w = rng.uniform(0, 1, (4, 11))
    order = np.argsort(z, axis=1, kind="stable")
    rows = np.arange(4)[:, None]
    for denominator in ("dyad", "capability", "global"):
        sorted_p = _win_probability(z[rows, order], w[rows, order], denominator, presorted=True)
        own_p = _win_probability(z, w, denominator)
        np.testing.assert_allclose(sorted_p, own_p[rows[:, :, None], order[:, :, None], order[:, None, :]], atol=1e-12)


# DEU MAE of the expected-utility model on point inputs (docs/forecasting.md), pinned so that
# speed work cannot change results: the default options and SCHOLZ_2011.
DEU_MAE = {"defaults": 33.49, "scholz_2011": 32.878}
DEU_MAE_TOLERANCE = 0.05


def test_expected_utility_deu_mae_is_pinned(shared):
    from stancetrace.forecast.deu import evaluate, load_deu

    issues = load_deu(shared / "data" / "deu" / "deu3.tsv")
    report = evaluate(issues, {"defaults": ExpectedUtility(), "scholz_2011": ExpectedUtility(**SCHOLZ_2011)})
    for name, mae in DEU_MAE.items():
        assert report["models"][name]["mae"] == pytest.approx(mae, abs=DEU_MAE_TOLERANCE)
