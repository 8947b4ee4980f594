from __future__ import annotations

import numpy as np
import pytest

from stancetrace.forecast import ActorTable, NashBargaining, zone_of_agreement


def veto_table(us_reservation: float, iran_reservation: float) -> ActorTable:
    return ActorTable(names=("US", "Iran", "E3"), position=[0, 90, 30], salience=[0.8, 0.9, 0.5],
                      capability=[1, 0.6, 0.4], status_quo=75.0, veto=[True, True, False],
                      reservation=[us_reservation, iran_reservation, np.nan])


def test_nash_empty_zone_forecasts_the_status_quo_and_names_the_blockers():
    model = NashBargaining().fit(veto_table(5, 40))
    assert model.predict() == 75.0
    assert bool(model.no_deal_)
    assert model.blocking_ == ["Iran", "US"]


def test_nash_open_zone_forecasts_inside_it():
    model = NashBargaining().fit(veto_table(50, 20))
    low, high = (float(v) for v in model.zopa_)
    assert (low, high) == (20.0, 50.0)
    assert low <= model.predict() <= high
    assert not bool(model.no_deal_) and model.blocking_ == []


def test_nash_reservation_defaults_to_the_status_quo():
    table = ActorTable(names=("a", "b"), position=[0, 100], salience=[1, 1], capability=[1, 1],
                       status_quo=60.0, veto=[True, False])
    low, high = zone_of_agreement(table)
    assert (float(low), float(high)) == (0.0, 60.0)


def test_nash_symmetric_actors_without_veto_meet_in_the_middle():
    table = ActorTable(names=("a", "b"), position=[20, 80], salience=[1, 1], capability=[1, 1])
    for utility in ("quadratic", "linear"):
        assert NashBargaining(utility=utility).fit(table).predict() == pytest.approx(50.0, abs=1e-6)


def test_nash_more_weight_pulls_the_solution():
    table = ActorTable(names=("a", "b"), position=[20, 80], salience=[1, 1], capability=[3, 1])
    assert NashBargaining().fit(table).predict() < 50.0


def test_nash_status_quo_variant_runs_and_stays_in_zone():
    table = ActorTable(names=("a", "b", "c"), position=[10, 60, 90], salience=[1, 1, 1], capability=[1, 1, 1],
                       status_quo=40.0)
    forecast = NashBargaining(disagreement="status_quo").fit(table).predict()
    assert 0.0 <= forecast <= 100.0
