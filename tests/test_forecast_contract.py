"""The contract every forecast model meets (in the manner of scikit-learn's estimator checks)."""

from __future__ import annotations

import numpy as np
import pytest

from stancetrace.errors import ConfigError
from stancetrace.forecast import MODELS, ActorTable, make_model

MODEL_NAMES = list(MODELS)


def small_table(seed: int = 1, n: int = 6) -> ActorTable:
    rng = np.random.default_rng(seed)
    return ActorTable(names=tuple(f"a{i}" for i in range(n)), position=rng.uniform(0, 100, n),
                      salience=rng.uniform(0.1, 1, n), capability=rng.uniform(0.5, 2, n), status_quo=50.0)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_fit_returns_self_and_sets_fitted_state(name):
    model = make_model(name)
    assert model.fit(small_table()) is model
    assert isinstance(model.predict(), float)
    assert model.rounds_ and {"median", "mean"} <= set(model.rounds_[0])
    assert model.table_.n_actors == 6


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_predict_before_fit_says_what_to_do(name):
    with pytest.raises(ConfigError, match="E407.*call fit"):
        make_model(name).predict()


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_params_round_trip_and_unknown_option_rejected(name):
    model = make_model(name)
    params = model.get_params()
    assert type(model)(**params).get_params() == params
    with pytest.raises(ConfigError, match="E406"):
        model.set_params(no_such_option=1)


@pytest.mark.parametrize("name", [n for n in MODEL_NAMES if MODELS[n]().get_params()])
def test_forecast_contract_invalid_option_fails_on_fit_not_construction(name):
    option = next(iter(make_model(name).get_params()))
    model = make_model(name, **{option: "nonsense"})  # constructors only store
    with pytest.raises(ConfigError, match=f"E406.*{option}"):
        model.fit(small_table())


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_forecast_stays_on_the_scale(name):
    for seed in range(5):
        forecast = make_model(name).fit(small_table(seed)).predict()
        assert 0.0 <= forecast <= 100.0


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_unanimity_forecasts_the_common_position(name):
    table = ActorTable(names=("a", "b", "c"), position=[37.0] * 3, salience=[0.5, 0.9, 0.2],
                       capability=[1, 2, 3], status_quo=37.0)
    assert make_model(name).fit(table).predict() == pytest.approx(37.0, abs=1e-6)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_actor_order_does_not_matter(name):
    table = small_table(3)
    order = np.array([4, 2, 0, 5, 1, 3])
    shuffled = ActorTable(names=tuple(table.names[i] for i in order), position=table.position[order],
                          salience=table.salience[order], capability=table.capability[order], status_quo=50.0)
    assert make_model(name).fit(shuffled).predict() == pytest.approx(make_model(name).fit(table).predict(), abs=1e-6)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_batch_equals_one_fit_per_draw(name):
    tables = [small_table(seed) for seed in range(4)]
    batch = ActorTable(names=tables[0].names, position=np.stack([t.position for t in tables]),
                       salience=np.stack([t.salience for t in tables]),
                       capability=np.stack([t.capability for t in tables]), status_quo=50.0)
    together = make_model(name).fit(batch).predict()
    assert together.shape == (4,)
    one_by_one = [make_model(name).fit(t).predict() for t in tables]
    np.testing.assert_allclose(together, one_by_one, atol=1e-6)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_forecast_contract_invalid_table_is_rejected_with_advice(name):
    table = ActorTable(names=("a", "b"), position=[10, 20], salience=[0.5, 40], capability=[1, 1])
    with pytest.raises(ConfigError, match="E400.*salience outside"):
        make_model(name).fit(table)


def test_forecast_contract_unknown_model_lists_the_known_ones():
    with pytest.raises(ConfigError, match="E405.*compromise"):
        make_model("oracle")
