"""Nash bargaining with veto players and the zone of possible agreement (ZOPA).

A veto player v accepts x when u_v(x) >= u_v(r_v), r_v its reservation point (the status
quo when the scenario gives none). Utilities are single-peaked and symmetric, so v's
acceptable set is the interval x_v ± |r_v − x_v|; the ZOPA is the intersection of these
intervals with the scale. An empty ZOPA forecasts the status quo ("no deal") and names the
veto players whose intervals do not meet.
"""

from __future__ import annotations

import numpy as np

from .base import BargainingModel, summary_round
from .table import ActorTable

# Grid search for the maximiser: a coarse pass over the ZOPA, then a fine pass around
# the best coarse point; 65 × 65 points resolve the optimum to about 1/1000 of the zone.
COARSE_POINTS = 65
FINE_POINTS = 65
FINE_HALF_WIDTH = 2  # coarse steps searched on each side of the best coarse point
# Bisection steps on the derivative of the (concave) "worst" objective: 60 halvings of the
# zone reach float precision on any scale.
BISECTION_STEPS = 60
# A zone narrower than this fraction of the scale counts as empty (no room to agree).
EMPTY_ZONE_TOLERANCE = 1e-9
# Gains below this are treated as zero inside the logarithm (keeps log finite at the edge).
MIN_GAIN = 1e-12


def zone_of_agreement(table: ActorTable) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of the ZOPA for every draw; low > high when the zone is empty."""
    lo = np.full(table.batch_shape, table.lo)
    hi = np.full(table.batch_shape, table.hi)
    if not table.veto.any():
        return lo, hi
    reservation = np.where(np.isnan(table.reservation), table.quo()[..., None], table.reservation)
    radius = np.abs(reservation - table.position)
    lower = np.where(table.veto, table.position - radius, -np.inf)
    upper = np.where(table.veto, table.position + radius, np.inf)
    return np.maximum(lo, lower.max(axis=-1)), np.minimum(hi, upper.min(axis=-1))


def blocking_veto_players(table: ActorTable) -> list[str]:
    """For a single (unbatched) table with an empty ZOPA: the veto players whose
    acceptable intervals do not meet (the one demanding most and the one conceding least)."""
    if not table.veto.any():
        return []
    reservation = np.where(np.isnan(table.reservation), table.quo()[..., None], table.reservation)
    radius = np.abs(reservation - table.position)
    lower = np.where(table.veto, table.position - radius, -np.inf)
    upper = np.where(table.veto, table.position + radius, np.inf)
    low_blocker = int(np.argmax(lower))
    high_blocker = int(np.argmin(upper))
    if lower[low_blocker] <= upper[high_blocker] + EMPTY_ZONE_TOLERANCE * table.scale_range:
        return []
    return sorted({table.names[low_blocker], table.names[high_blocker]})


class NashBargaining(BargainingModel):
    """Asymmetric Nash bargaining solution: argmax over the ZOPA of Σ c_i s_i log gain_i(x).

    Options (keyword-only, defaults in brackets):
      utility ["quadratic"]  u_i(x) = −((x − x_i)/R)²; "linear": −|x − x_i|/R.
      disagreement ["worst"] what each actor's gain is measured from. "worst": veto players
                             from their reservation point (they can walk away), everyone else
                             from their worst point of the ZOPA (they cannot block), so every
                             actor counts and the product is finite inside the zone.
                             "status_quo": the literal textbook form, gains over the status
                             quo summed over the actors who gain at x (FORECASTING.md); with
                             gains below 1 this form favours x that few actors gain from, so
                             it is offered for comparison, not as the default.

    Fitted: ``forecast_``, ``zopa_`` (low, high), ``no_deal_`` (bool per draw) and
    ``blocking_`` (names of the blocking veto players, for a single table).
    """

    name = "nash"

    def __init__(self, *, utility: str = "quadratic", disagreement: str = "worst"):
        self.utility = utility
        self.disagreement = disagreement

    def _validate_options(self) -> None:
        self._check_option("utility", {"quadratic", "linear"})
        self._check_option("disagreement", {"worst", "status_quo"})

    def _u(self, x, ideal, scale):
        distance = (x - ideal) / scale
        return -(distance**2) if self.utility == "quadratic" else -np.abs(distance)

    def _objective(self, grid, table, zlo, zhi):
        """The literal "status_quo" objective at every grid point: grid (B, G) -> (B, G)."""
        ideal = table.position.reshape(-1, 1, table.n_actors)
        weight = table.weight.reshape(-1, 1, table.n_actors)
        scale = table.scale_range
        quo = table.quo().reshape(-1, 1, 1)
        gain = self._u(grid[..., None], ideal, scale) - self._u(quo, ideal, scale)
        return np.where(gain > 0, weight * np.log(np.maximum(gain, MIN_GAIN)), 0.0).sum(axis=-1)

    def _solve(self, table: ActorTable) -> list[dict[str, np.ndarray]]:
        zlo, zhi = zone_of_agreement(table)
        self.zopa_ = (zlo, zhi)
        empty = zlo > zhi + EMPTY_ZONE_TOLERANCE * table.scale_range
        quo = table.quo()
        self.no_deal_ = empty
        self.blocking_ = blocking_veto_players(table) if table.batch_shape == () else []
        flat_lo = np.where(empty, table.lo, zlo).reshape(-1, 1)
        flat_hi = np.where(empty, table.lo, zhi).reshape(-1, 1)
        if self.disagreement == "worst":
            solution = self._bisect(table, flat_lo[:, 0], flat_hi[:, 0]).reshape(table.batch_shape)
        else:
            solution = self._grid(table, flat_lo, flat_hi).reshape(table.batch_shape)
        if np.any(empty) and np.any(np.isnan(quo[empty])):
            from ..errors import ConfigError, Errors

            raise ConfigError(Errors.E400.format(
                detail="the zone of agreement is empty and the scenario has no status_quo to fall back on; add one"))
        self.solution_ = np.where(empty, quo, solution)
        return [summary_round(table.position, table.weight)]

    def _final(self, table: ActorTable) -> np.ndarray:
        return self.solution_

    def _floors(self, table, zlo, zhi):
        """Each actor's disagreement utility: its reservation's for a veto player, its worst
        point of the zone for everyone else. Shapes (B, n)."""
        n, scale = table.n_actors, table.scale_range
        ideal = table.position.reshape(-1, n)
        worst = np.minimum(self._u(zlo[:, None], ideal, scale), self._u(zhi[:, None], ideal, scale))
        reservation = np.where(np.isnan(table.reservation), table.quo()[..., None], table.reservation)
        own = self._u(np.broadcast_to(reservation, table.position.shape).reshape(-1, n), ideal, scale)
        return np.where(table.veto, own, worst)

    def _bisect(self, table, zlo, zhi):
        """Maximise the concave Σ w log(u − floor) by bisection on the sign of its slope.
        Each step reuses its arrays (fresh ones of a 1,000-draw batch cost page faults)."""
        n, scale = table.n_actors, table.scale_range
        ideal = table.position.reshape(-1, n)
        weight = table.weight.reshape(-1, n)
        floor = self._floors(table, zlo, zhi)
        low, high = zlo.copy(), zhi.copy()
        offset, gain, slope = (np.empty(ideal.shape) for _ in range(3))
        for _ in range(BISECTION_STEPS):
            mid = (low + high) / 2
            np.subtract(mid[:, None], ideal, out=offset)
            offset /= scale  # (x − x_i) / R, as in _u
            if self.utility == "quadratic":
                np.square(offset, out=gain)
                np.multiply(offset, -2, out=slope)  # d u / dx · R
            else:
                np.abs(offset, out=gain)
                np.negative(np.sign(offset, out=slope), out=slope)
            np.negative(gain, out=gain)  # u(mid)
            gain -= floor
            np.maximum(gain, MIN_GAIN, out=gain)
            slope /= scale
            slope *= weight
            slope /= gain
            rising = slope.sum(axis=1) > 0
            new_low, new_high = np.where(rising, mid, low), np.where(rising, high, mid)
            if np.array_equal(new_low, low) and np.array_equal(new_high, high):
                break  # every bracket is down to adjacent floats: the remaining steps repeat this one
            low, high = new_low, new_high
        return (low + high) / 2

    def _grid(self, table, flat_lo, flat_hi):
        """Coarse-then-fine grid search (the "status_quo" objective is not concave)."""
        steps = np.linspace(0.0, 1.0, COARSE_POINTS)
        grid = flat_lo + (flat_hi - flat_lo) * steps
        best = np.argmax(self._objective(grid, table, flat_lo, flat_hi), axis=1)
        step = (flat_hi - flat_lo) / (COARSE_POINTS - 1)
        centre = np.take_along_axis(grid, best[:, None], axis=1)
        fine = np.clip(centre + step * np.linspace(-FINE_HALF_WIDTH, FINE_HALF_WIDTH, FINE_POINTS), flat_lo, flat_hi)
        best_fine = np.argmax(self._objective(fine, table, flat_lo, flat_hi), axis=1)
        return np.take_along_axis(fine, best_fine[:, None], axis=1)[:, 0]
