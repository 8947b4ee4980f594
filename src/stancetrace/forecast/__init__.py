"""Bargaining forecasts: where can a negotiation land?

Models share one interface (``fit(scenario)`` returns self, ``predict()``); see
docs/forecasting.md. Importing this package does not load spaCy.
"""

from __future__ import annotations

from ..errors import ConfigError, Errors
from .base import BargainingModel
from .baselines import Compromise, WeightedMedian
from .expected_utility import ExpectedUtility
from .nash import NashBargaining, zone_of_agreement
from .table import ActorTable, weighted_mean, weighted_median

# Registered by name, in the order reports list them (baselines first).
MODELS: dict[str, type[BargainingModel]] = {
    "compromise": Compromise,
    "median": WeightedMedian,
    "expected_utility": ExpectedUtility,
    "nash": NashBargaining,
}


# Short names accepted wherever a model is named (CLI --model, make_model).
ALIASES = {"eu": "expected_utility", "mean": "compromise", "weighted_mean": "compromise",
           "weighted_median": "median"}


def make_model(name: str, **options) -> BargainingModel:
    """A model by its registered name (or an alias), constructed with keyword options."""
    name = ALIASES.get(name, name)
    if name not in MODELS:
        raise ConfigError(Errors.E405.format(name=name, expected=list(MODELS)))
    return MODELS[name](**options)


__all__ = [
    "ALIASES", "MODELS", "ActorTable", "BargainingModel", "Compromise", "ExpectedUtility", "NashBargaining",
    "WeightedMedian", "make_model", "weighted_mean", "weighted_median", "zone_of_agreement",
]
