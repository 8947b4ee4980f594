"""The actor table every model fits: one issue, n actors, optionally a batch of draws.

Arrays have shape ``(..., n)``: a single forecast uses ``(n,)``; a Monte Carlo run stacks
draws in front, ``(draws, n)``, so each model solves every draw in one vectorised pass.
The scale ``[lo, hi]``, the status quo and the veto flags do not vary across draws
(the status quo may: it is broadcast against the batch shape).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..errors import ConfigError, Errors


@dataclass(frozen=True)
class ActorTable:
    """Positions, saliences (0–1) and capabilities of n actors on one issue's scale."""

    names: tuple[str, ...]
    position: np.ndarray  # (..., n), on [lo, hi]
    salience: np.ndarray  # (..., n), in [0, 1]
    capability: np.ndarray  # (..., n), >= 0
    lo: float = 0.0
    hi: float = 100.0
    status_quo: np.ndarray | float | None = None  # (...) or scalar
    veto: np.ndarray = field(default=None)  # (n,) bool
    reservation: np.ndarray = field(default=None)  # (..., n); NaN = the status quo

    def __post_init__(self):
        n = len(self.names)
        for name in ("position", "salience", "capability"):
            object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=float))
        if self.veto is None:
            object.__setattr__(self, "veto", np.zeros(n, dtype=bool))
        if self.reservation is None:
            object.__setattr__(self, "reservation", np.full(n, np.nan))
        object.__setattr__(self, "veto", np.asarray(self.veto, dtype=bool))
        object.__setattr__(self, "reservation", np.asarray(self.reservation, dtype=float))

    @property
    def n_actors(self) -> int:
        return len(self.names)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        return np.broadcast_shapes(self.position.shape, self.salience.shape, self.capability.shape)[:-1]

    @property
    def scale_range(self) -> float:
        return self.hi - self.lo

    @property
    def weight(self) -> np.ndarray:
        """Capability × salience, the weight of an actor in every model."""
        return self.capability * self.salience

    def broadcast(self) -> "ActorTable":
        """The same table with position, salience and capability at one common shape."""
        shape = self.batch_shape + (self.n_actors,)
        return replace(
            self,
            position=np.broadcast_to(self.position, shape),
            salience=np.broadcast_to(self.salience, shape),
            capability=np.broadcast_to(self.capability, shape),
        )

    def quo(self) -> np.ndarray:
        """The status quo, broadcast to the batch shape (NaN when the scenario has none)."""
        value = np.nan if self.status_quo is None else self.status_quo
        return np.broadcast_to(np.asarray(value, dtype=float), self.batch_shape)

    def check(self) -> "ActorTable":
        """Validate on use: raise ConfigError saying what is wrong and how to fix it."""
        n = self.n_actors
        if n == 0:
            raise ConfigError(Errors.E400.format(detail="the actor table is empty; give at least one actor"))
        if not self.hi > self.lo:
            raise ConfigError(Errors.E400.format(detail=f"scale [{self.lo}, {self.hi}] is reversed or empty"))
        for name in ("position", "salience", "capability"):
            value = getattr(self, name)
            if value.shape[-1:] != (n,):
                raise ConfigError(Errors.E400.format(
                    detail=f"{name} has shape {value.shape}, expected (..., {n}) for {n} actors"))
            if not np.all(np.isfinite(value)):
                raise ConfigError(Errors.E400.format(detail=f"{name} holds NaN or infinite values"))
        if np.any((self.salience < 0) | (self.salience > 1)):
            raise ConfigError(Errors.E400.format(detail="salience outside [0, 1]; divide 0–100 saliences by 100"))
        if np.any(self.capability < 0):
            raise ConfigError(Errors.E400.format(detail="negative capability; capabilities must be >= 0"))
        if np.any((self.position < self.lo) | (self.position > self.hi)):
            raise ConfigError(Errors.E400.format(
                detail=f"a position lies outside the scale [{self.lo}, {self.hi}]"))
        return self


def weighted_median(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The lower weighted median along the last axis: the first position (in ascending
    order) at which the cumulative weight reaches half the total weight.

    This is the position that no weighted majority prefers to move from when every
    weight votes for the nearer alternative (linear losses); it is the definition that
    reproduces the published DEU baseline (28.36). Rows with zero total weight give the
    unweighted lower median.
    """
    x, w = np.broadcast_arrays(np.asarray(x, float), np.asarray(w, float))
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, axis=-1)
    ws = np.take_along_axis(w, order, axis=-1)
    total = ws.sum(axis=-1, keepdims=True)
    ws = np.where(total > 0, ws, 1.0)
    cum = np.cumsum(ws, axis=-1)
    half = cum[..., -1:] / 2
    # A small relative tolerance so that exact halves (common with 0–100 weights) count as reached.
    index = np.argmax(cum >= half * (1 - HALF_TOLERANCE), axis=-1)
    return np.take_along_axis(xs, index[..., None], axis=-1)[..., 0]


# Relative slack when comparing a cumulative weight with half the total: float sums of
# weights such as 0.08*0.8 are not exact, and an exact tie must count as reaching half.
HALF_TOLERANCE = 1e-12


def weighted_mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Σ w x / Σ w along the last axis; the plain mean where every weight is zero."""
    x, w = np.broadcast_arrays(np.asarray(x, float), np.asarray(w, float))
    total = w.sum(axis=-1)
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, (w * x).sum(axis=-1) / safe, x.mean(axis=-1))
