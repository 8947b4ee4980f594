"""The one interface every bargaining model follows (scikit-learn's shape).

- The constructor only stores keyword options, each with a documented default.
- ``fit(data)`` validates on use, accepts a `Scenario` (its point values) or an
  `ActorTable` (possibly a batch of Monte Carlo draws), and returns ``self``.
- Learned state ends in ``_``: ``forecast_`` (batch shape), ``rounds_`` (a list of
  ``{"median", "mean"}`` arrays per round; one entry for one-shot models), ``table_``.
- ``predict()`` returns ``forecast_`` (a float for a single table).
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

from ..errors import ConfigError, Errors
from .table import ActorTable, weighted_mean, weighted_median


class BargainingModel:
    """Base class: parameter handling, input coercion and the fitted-state check."""

    name: str = "model"

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [p.name for p in signature.parameters.values() if p.kind == p.KEYWORD_ONLY]

    def get_params(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> "BargainingModel":
        known = self._param_names()
        for key, value in params.items():
            if key not in known:
                raise ConfigError(Errors.E406.format(model=self.name, option=key, value=value,
                                                     expected=f"one of {known}"))
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({options})"

    def _check_option(self, option: str, allowed) -> None:
        value = getattr(self, option)
        if value not in allowed:
            raise ConfigError(Errors.E406.format(model=self.name, option=option, value=value,
                                                 expected=f"one of {sorted(allowed)}"))

    def _check_positive_int(self, option: str) -> None:
        value = getattr(self, option)
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ConfigError(Errors.E406.format(model=self.name, option=option, value=value,
                                                 expected="a positive integer"))

    @staticmethod
    def _as_table(data) -> ActorTable:
        if isinstance(data, ActorTable):
            return data.check()
        to_table = getattr(data, "to_table", None)
        if to_table is None:
            raise ConfigError(Errors.E400.format(
                detail=f"cannot fit on {type(data).__name__}; pass a Scenario or an ActorTable"))
        return to_table().check()

    def fit(self, data) -> "BargainingModel":
        self._validate_options()
        table = self._as_table(data).broadcast()
        self.table_ = table
        self.rounds_ = self._solve(table)
        self.forecast_ = self._final(table)
        return self

    def predict(self):
        if not hasattr(self, "forecast_"):
            raise ConfigError(Errors.E407.format(model=self.name, method="predict"))
        forecast = self.forecast_
        return float(forecast) if np.ndim(forecast) == 0 else forecast

    # Subclasses implement these two.
    def _validate_options(self) -> None:
        """Raise ConfigError for an invalid option value."""

    def _solve(self, table: ActorTable) -> list[dict[str, np.ndarray]]:
        raise NotImplementedError

    def _final(self, table: ActorTable) -> np.ndarray:
        return self.rounds_[-1]["median"]


def summary_round(position: np.ndarray, weight: np.ndarray) -> dict[str, np.ndarray]:
    """The median and mean of a set of positions (one entry of ``rounds_``)."""
    return {"median": weighted_median(position, weight), "mean": weighted_mean(position, weight)}
