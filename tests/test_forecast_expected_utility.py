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
    np.testing.assert_array_equal(_count_below(rows.T, keys.T).T, expected)  # columns are draws


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


# Option sets whose batched (vectorised) runs are checked draw by draw against single fits.
BATCH_OPTION_SETS = [{}, SCHOLZ_2011, {"offer": "highest_eu"}, {"risk": False}, {"perspective": "challenger"},
                     {"security": "own", "compromise": "complement"}, {"numerator": "net", "probability": "capability"},
                     {"status_quo_probability": 0.8, "centre": "mean"}, {"salience": "challenger"},
                     {"rounds": 8, "stop": "stable"}]
SEVEN_ACTORS = ActorTable(names=tuple("abcdefg"), position=[3, 20, 47, 55, 80, 91, 97],
                          salience=[0.9, 0.3, 0.6, 0.5, 0.8, 0.4, 0.7], capability=[2, 1, 1, 1, 3, 1, 2])


@pytest.mark.parametrize("options", BATCH_OPTION_SETS, ids=str)
def test_expected_utility_batched_draws_match_per_draw_fits(options):
    from dataclasses import replace

    from stancetrace.forecast.analysis import jitter

    draws = jitter(SEVEN_ACTORS, 40, seed=4)
    batched = ExpectedUtility(**options).fit(draws)
    for b in range(40):
        one = replace(draws, position=draws.position[b], salience=draws.salience[b], capability=draws.capability[b])
        single = ExpectedUtility(**options).fit(one)
        # stop="stable" runs a batch as long as its slowest draw; a stable draw repeats its positions.
        for t, positions in enumerate(single.positions_):
            np.testing.assert_allclose(batched.positions_[t][b], positions, atol=1e-9, rtol=0)
        np.testing.assert_allclose(batched.predict()[b], single.predict(), atol=1e-9, rtol=0)


# Seeded Monte Carlo results of the seven-actor table (200 draws, seed 4), recorded before the
# speed work on the expected-utility model; any rewrite must reproduce them.
PINNED_MONTE_CARLO = {
    "defaults": ({}, 78.42989010237096, [61.8498352692617, 81.45040870651631],
                 [24.593152124973415, 84.37264148389272], 14064.458291476483),
    "scholz_2011": (SCHOLZ_2011, 80.01208264971055, [77.40407695612593, 82.78376311243089],
                    [69.77025440703176, 84.44044222260253], 15831.610879757982),
}


@pytest.mark.parametrize("name", PINNED_MONTE_CARLO)
def test_expected_utility_seeded_monte_carlo_is_pinned(name):
    from stancetrace.forecast.analysis import simulate

    options, forecast, interval_50, interval_90, outcome_sum = PINNED_MONTE_CARLO[name]
    result = simulate(ExpectedUtility(**options), SEVEN_ACTORS, 200, seed=4)
    assert result["forecast"] == pytest.approx(forecast, abs=1e-9)
    np.testing.assert_allclose(result["interval_50"], interval_50, atol=1e-9, rtol=0)
    np.testing.assert_allclose(result["interval_90"], interval_90, atol=1e-9, rtol=0)
    assert float(result["outcomes"].sum()) == pytest.approx(outcome_sum, abs=1e-7)


def test_expected_utility_scholz_rounds_are_pinned():
    scenario = load_scenario(REPO / "examples" / "scenarios" / "scholz-1994.yaml")
    model = ExpectedUtility(rounds=3, **SCHOLZ_2011).fit(scenario)
    medians = [float(r["median"]) for r in model.rounds_[1:]]
    np.testing.assert_allclose(medians, [8.427217844825451, 9.619879025432802, 9.964258235393624], atol=1e-9, rtol=0)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_expected_utility_offer_step_is_the_compromise_fraction_or_one(dtype):
    from stancetrace.forecast.expected_utility import _offer_step

    rng = np.random.default_rng(8)
    a = rng.uniform(-1, 1, 5000).astype(dtype)
    edges = [0.0, -0.0, 0.5, -0.5, 1e-30, -1e-30, 2.0, -2.0, 0.25, -0.25]
    b = np.concatenate([rng.uniform(-1, 1, 4990), edges]).astype(dtype)
    offers = a > np.maximum(b, 0)  # the cells where i makes j an offer
    compromise = (b < 0) & (a > -b)
    expected = np.where(compromise, -b / np.where(a == 0, 1, a), 1).astype(dtype)
    step = _offer_step(a, b, out=np.empty_like(a))
    np.testing.assert_array_equal(step[offers], expected[offers])


def test_expected_utility_exp_in_place_matches_numpy_where_results_underflow():
    from stancetrace.forecast.expected_utility import _exp_in_place

    rng = np.random.default_rng(9)
    values = rng.uniform(-20, 0, 4000)
    values[rng.random(4000) < 0.05] = -1416.8  # r = 2 on a pair at opposite ends of the scale
    values[::97] = rng.uniform(-760, -700, values[::97].size)  # subnormal results and zeros
    expected = np.exp(values)
    np.testing.assert_array_equal(_exp_in_place(values.copy()), expected)
