from __future__ import annotations

import copy
from types import SimpleNamespace

import numpy as np
import pytest

from stancetrace.errors import ConfigError
from stancetrace.forecast import scenario as scenario_module
from stancetrace.forecast.scenario import load_scenario, parse_scenario

from .conftest import REPO

EXAMPLES = REPO / "examples" / "scenarios"

BASE = {
    "issue": {"name": "test", "scale": {"low": 0, "high": 100}, "status_quo": 50},
    "actors": [
        {"actor": "Alpha", "position": 10, "salience": 0.5},
        {"actor": "Beta", "position": [60, 80], "salience": {"mean": 0.6, "sd": 0.1}, "capability": 2,
         "veto": True, "reservation": {"low": 40, "high": 60, "mode": 45}},
    ],
    "pressures": [{"name": "sanctions", "range": [0, 1], "effects": [{"actor": "Beta", "input": "reservation", "shift": -10}]}],
}


def with_change(path, value):
    data = copy.deepcopy(BASE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("name", ["scholz-1994.yaml", "us-iran-enrichment.yaml"])
def test_scenario_examples_load(name):
    scenario = load_scenario(EXAMPLES / name)
    assert scenario.actors and scenario.to_table().check()


def test_scenario_quantities_parse_to_point_values_and_samples():
    s = parse_scenario(BASE)
    table = s.to_table()
    np.testing.assert_allclose(table.position, [10, 70])
    np.testing.assert_allclose(table.reservation, [np.nan, 45])
    batch = s.sample(500, seed=3)
    assert batch.position.shape == (500, 2)
    assert batch.position[:, 1].min() >= 60 and batch.position[:, 1].max() <= 80
    assert np.all((batch.salience >= 0) & (batch.salience <= 1))
    np.testing.assert_array_equal(batch.position, s.sample(500, seed=3).position)


def test_scenario_pressure_shifts_the_declared_input():
    s = parse_scenario(BASE)
    shifted = s.to_table(pressure={"sanctions": 1.0})
    assert shifted.reservation[1] == pytest.approx(35.0)
    levels = s.to_table(pressure={"sanctions": np.array([0.0, 0.5])})
    np.testing.assert_allclose(levels.reservation[:, 1], [45.0, 40.0])


@pytest.mark.parametrize("path, value, message", [
    (("actors", 0, "salience"), 1.5, "salience 1.5 outside \\[0, 1\\]"),
    (("actors", 0, "position"), [80, 20], "range \\[80, 20\\] is reversed"),
    (("actors", 0, "position"), 140, "position 140 outside"),
    (("issue", "scale"), {"low": 10, "high": 0}, "reversed or empty"),
    (("actors", 0, "mood"), "grim", "unknown key 'mood'"),
    (("actors", 0, "reservation"), 30, "only a veto player has a reservation"),
    (("actors", 0, "salience"), {"dist": "cauchy", "low": 0, "high": 1}, "unknown dist 'cauchy'"),
    (("actors", 0, "position"), {"value": 5, "evidence": [{"doc": "a.txt", "start": 9, "end": 3}]}, "empty or reversed"),
    (("actors", 1, "salience"), {"mean": 0.5}, "needs both mean and sd"),
])
def test_scenario_invalid_input_gets_a_clear_error(path, value, message):
    with pytest.raises(ConfigError, match=f"E402 .*{message}"):
        parse_scenario(with_change(path, value), "bad.yaml")


def test_scenario_unknown_actor_in_a_pressure_rule_is_named():
    data = with_change(("pressures", 0, "effects", 0, "actor"), "Gamma")
    with pytest.raises(ConfigError, match="E403 .*unknown actor 'Gamma'.*Alpha"):
        parse_scenario(data, "bad.yaml")


def test_scenario_duplicate_actor_is_rejected():
    data = copy.deepcopy(BASE)
    data["actors"].append(dict(data["actors"][0]))
    with pytest.raises(ConfigError, match="listed twice"):
        parse_scenario(data)


def test_scenario_kb_ids_checked_only_when_the_kb_is_available(monkeypatch):
    kb = SimpleNamespace(actor=lambda actor_id: {"ali-khamenei": object()}.get(actor_id))
    data = with_change(("actors", 0, "actor"), "ali-khamenei")
    monkeypatch.setattr(scenario_module, "_kb", lambda: kb)
    assert parse_scenario(data).actors[0].actor == "ali-khamenei"
    with pytest.raises(ConfigError, match="E404 .*no-such-leader"):
        parse_scenario(with_change(("actors", 0, "actor"), "no-such-leader"))
    # Free names (capitals, spaces) are never looked up.
    assert parse_scenario(with_change(("actors", 0, "actor"), "Some Minister")).actors[0].actor == "Some Minister"
    monkeypatch.setattr(scenario_module, "_kb", lambda: None)
    assert parse_scenario(with_change(("actors", 0, "actor"), "no-such-leader")).actors[0].actor == "no-such-leader"


def test_scenario_unreadable_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="E401"):
        load_scenario(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("issue: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="E401 .*not valid YAML"):
        load_scenario(bad)
