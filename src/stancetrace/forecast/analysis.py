"""Uncertainty and analysis over a scenario: Monte Carlo outcome distribution, sensitivity
table, zone of possible agreement and breaking-point search over a pressure variable."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..errors import ConfigError, Errors
from .base import BargainingModel
from .nash import EMPTY_ZONE_TOLERANCE, blocking_veto_players, zone_of_agreement
from .scenario import Scenario
from .table import ActorTable

DEFAULT_DRAWS = 1000
DEFAULT_SEED = 0
# Interval coverages reported with every Monte Carlo forecast.
INTERVAL_50 = (25.0, 75.0)
INTERVAL_90 = (5.0, 95.0)
# Breaking-point search: pressure levels tried across the declared range, and the move
# away from the status quo (fraction of the scale) that counts as leaving it.
PRESSURE_LEVELS = 201
LEAVES_QUO_FRACTION = 0.01
# DEU benchmark uncertainty: positions ± this many points, saliences ± this fraction.
JITTER_POSITION = 5.0
JITTER_SALIENCE = 0.10


def simulate(model: BargainingModel, scenario: Scenario | ActorTable, draws: int = DEFAULT_DRAWS,
             seed: int | None = DEFAULT_SEED, pressure: dict | None = None) -> dict:
    """Fit the model on `draws` sampled tables; the outcome distribution and its summary."""
    if not isinstance(draws, int) or draws < 1:
        raise ConfigError(Errors.E411.format(what="draws", value=draws, expected="a positive integer"))
    if isinstance(scenario, Scenario):
        table = scenario.sample(draws, seed, pressure) if draws > 1 else scenario.to_table(pressure=pressure)
    else:
        table = jitter(scenario, draws, seed) if draws > 1 else scenario
    model.fit(table)
    outcomes = np.atleast_1d(np.asarray(model.forecast_, dtype=float))
    rounds = [{"median": float(np.median(r["median"])), "mean": float(np.median(r["mean"]))} for r in model.rounds_]
    return {
        "model": model.name,
        "options": model.get_params(),
        "draws": draws,
        "seed": seed,
        "forecast": float(np.median(outcomes)),
        "interval_50": [float(v) for v in np.percentile(outcomes, INTERVAL_50)],
        "interval_90": [float(v) for v in np.percentile(outcomes, INTERVAL_90)],
        "rounds": rounds,
        "outcomes": outcomes,
        "no_deal_share": float(np.mean(model.no_deal_)) if hasattr(model, "no_deal_") else None,
    }


def jitter(table: ActorTable, draws: int, seed: int | None = DEFAULT_SEED,
           position: float = JITTER_POSITION, salience: float = JITTER_SALIENCE) -> ActorTable:
    """`draws` copies of a point table with uniform noise on positions and saliences (the
    uncertainty assumed for DEU, whose expert codings are points)."""
    rng = np.random.default_rng(seed)
    n = table.n_actors
    pos = np.clip(table.position + rng.uniform(-position, position, (draws, n)), table.lo, table.hi)
    sal = np.clip(table.salience + rng.uniform(-salience, salience, (draws, n)), 0.0, 1.0)
    return replace(table, position=pos, salience=sal, capability=np.broadcast_to(table.capability, (draws, n)))


def sensitivity(model: BargainingModel, scenario: Scenario) -> list[dict]:
    """For every uncertain input: the forecast with that input at the low and at the high
    end of its range (all others at their point values), sorted by swing, largest first.
    Both ends of every input are solved in one batched fit."""
    cases = []
    for index, actor in enumerate(scenario.actors):
        for key in ("position", "salience", "capability", "reservation"):
            quantity = getattr(actor, key)
            if quantity is not None and quantity.uncertain:
                cases.append((index, actor.name, key, quantity.bounds()))
    if not cases:
        return []
    overrides_table = _batched_overrides(scenario, cases)
    forecasts = np.asarray(model.fit(overrides_table).forecast_).reshape(len(cases), 2)
    rows = [
        {"actor": name, "input": key, "low": lo, "high": hi,
         "forecast_at_low": float(f[0]), "forecast_at_high": float(f[1]), "swing": float(abs(f[1] - f[0]))}
        for (index, name, key, (lo, hi)), f in zip(cases, forecasts)
    ]
    return sorted(rows, key=lambda r: -r["swing"])


def _batched_overrides(scenario: Scenario, cases) -> ActorTable:
    point = scenario.to_table()
    n = point.n_actors
    values = {k: np.tile(getattr(point, k), (len(cases) * 2, 1)) for k in ("position", "salience", "capability", "reservation")}
    for row, (index, _, key, (lo, hi)) in enumerate(cases):
        values[key][2 * row, index] = lo
        values[key][2 * row + 1, index] = hi
    values["position"] = np.clip(values["position"], point.lo, point.hi)
    values["salience"] = np.clip(values["salience"], 0, 1)
    quo = np.full(len(cases) * 2, np.nan if point.status_quo is None else point.status_quo)
    return replace(point, status_quo=quo, **{k: v.reshape(-1, n) for k, v in values.items()})


def zopa(scenario: Scenario | ActorTable, pressure: dict | None = None) -> dict:
    """The zone of possible agreement of the veto players at the point values."""
    table = scenario.to_table(pressure=pressure) if isinstance(scenario, Scenario) else scenario
    low, high = (float(v) for v in zone_of_agreement(table))
    empty = low > high + EMPTY_ZONE_TOLERANCE * table.scale_range
    display = {a.actor: a.name for a in scenario.actors} if isinstance(scenario, Scenario) else {}
    blocking = blocking_veto_players(table) if empty else []
    return {
        "veto_players": [display.get(n, n) for n, v in zip(table.names, table.veto) if v],
        "low": None if empty else low, "high": None if empty else high, "empty": bool(empty),
        "blocking": blocking,  # actor ids (or free names)
        "blocking_names": [display.get(n, n) for n in blocking],
        "status_quo": None if table.status_quo is None else float(table.status_quo),
    }


def breaking_point(model: BargainingModel, scenario: Scenario, pressure: str,
                   levels: int = PRESSURE_LEVELS) -> dict:
    """The smallest level of `pressure` (over its declared range) at which the forecast
    leaves the status quo by more than LEAVES_QUO_FRACTION of the scale. All levels are
    solved in one batched fit."""
    p = scenario.pressure(pressure)
    if scenario.status_quo is None:
        raise ConfigError(Errors.E402.format(path=scenario.path, where="issue.status_quo",
                                             detail="a breaking-point search needs a status quo"))
    grid = np.linspace(p.low, p.high, levels)
    table = scenario.to_table(pressure={pressure: grid})
    table = replace(table, status_quo=np.full(levels, scenario.status_quo.value))
    forecasts = np.asarray(model.fit(table).forecast_, dtype=float)
    moved = np.abs(forecasts - scenario.status_quo.value) > LEAVES_QUO_FRACTION * (scenario.hi - scenario.lo)
    found = bool(moved.any())
    first = int(np.argmax(moved)) if found else None
    return {
        "pressure": pressure, "model": model.name, "range": [p.low, p.high], "current": p.value,
        "status_quo": scenario.status_quo.value,
        "breaking_point": float(grid[first]) if found else None,
        "forecast_at_breaking_point": float(forecasts[first]) if found else None,
        "forecast_at_current": float(np.interp(p.value, grid, forecasts)),
    }
