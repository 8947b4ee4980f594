"""The two baselines reported next to every other model (FORECASTING.md)."""

from __future__ import annotations

import numpy as np

from .base import BargainingModel, summary_round
from .table import ActorTable, weighted_mean, weighted_median


class Compromise(BargainingModel):
    """The compromise model: O = Σ c s x / Σ c s (capability × salience weighted mean).

    Its exact sensitivity to actor i's position is c_i s_i / Σ c_k s_k, available after
    fitting as ``sensitivity_`` (the "who to work on" table).
    """

    name = "compromise"

    def __init__(self):
        pass

    def _solve(self, table: ActorTable) -> list[dict[str, np.ndarray]]:
        weight = table.weight
        total = weight.sum(axis=-1, keepdims=True)
        self.sensitivity_ = np.where(total > 0, weight / np.where(total > 0, total, 1.0), 1.0 / table.n_actors)
        return [summary_round(table.position, weight)]

    def _final(self, table: ActorTable) -> np.ndarray:
        return weighted_mean(table.position, table.weight)


class WeightedMedian(BargainingModel):
    """The capability × salience weighted (lower) median: the position that wins every
    pairwise vote in which each actor backs the nearer alternative with weight c s."""

    name = "median"

    def __init__(self):
        pass

    def _solve(self, table: ActorTable) -> list[dict[str, np.ndarray]]:
        return [summary_round(table.position, table.weight)]

    def _final(self, table: ActorTable) -> np.ndarray:
        return weighted_median(table.position, table.weight)
