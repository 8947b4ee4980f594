"""Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert & Smith
(2011), steps 1–8 of FORECASTING.md, vectorised over dyads and over Monte Carlo draws.

Every known ambiguity of the reconstruction is an option with a documented default; the
defaults are the ones that reproduce Scholz et al.'s Table 2 medians (8.4, 9.9, 9.9) on
the 1994 emission-standards case (tests/test_forecast_expected_utility.py).
"""

from __future__ import annotations

import numpy as np

from .base import BargainingModel, summary_round
from .table import ActorTable, weighted_mean, weighted_median

# Step 2: utilities are 2 − 4·(0.5 ∓ ...)^r; these are the constants of that formula.
UTILITY_OFFSET = 2.0
UTILITY_SCALE = 4.0
# Step 5: the risk index R in [-1, 1] maps to r = (1 − R/RISK_DIVISOR) / (1 + R/RISK_DIVISOR),
# so r ranges over [0.5, 2] (Bueno de Mesquita's choice, kept by Scholz et al.).
RISK_DIVISOR = 3.0
# Draws per chunk in the O(n³) support computation: keeps the 4-d temporary (chunk × n³
# floats, 7 MB for 30 actors) in cache; 32 was fastest of 16/32/64/256 on the dev machine.
PROBABILITY_CHUNK = 32
PROBABILITY_EPSILON = 1e-12
# stop="stable": a round that moves no actor by more than this fraction of the scale ends the run.
STABLE_TOLERANCE = 1e-9


class ExpectedUtility(BargainingModel):
    """The expected-utility (challenge and response) model.

    Options (keyword-only, defaults in brackets):
      rounds [3]            number of rounds (an upper bound when stop="stable").
      stop ["fixed"]        "fixed": run all rounds; "stable": stop early once no position moves.
      salience ["responder"] whose salience weights the contest term of E_i(j): the
                            responder's s_j (standard) or the challenger's s_i.
      security ["others"]   Sec_i = Σ_j E_j(i), what others expect from challenging i
                            (standard), or "own": Σ_j E_i(j).
      compromise ["fraction"] j moves |b/a| of the way towards x_i ("fraction"), or
                            1 − |b/a| of the way ("complement").
      offer ["least_move"]  an actor accepts the offer that moves it least, or the one
                            whose sender expects most from it ("highest_eu"; ties go to the
                            offer that moves it least).
      probability ["dyad"]  denominator of P_i: Σ_k c_k s_k ||x_k−x_j|−|x_k−x_i|| per dyad,
                            or "capability": Σ_k c_k s_k |x_i−x_j| (abstainers count against both).
      status_quo_probability [1.0]  Q of step 4 (Scholz uses 1).
      risk [True]           step 5: recompute utilities with risk exponents r_i; False keeps r = 1.
      perspective ["own"]   in step 6, b = E_j(i) computed with j's own risk exponent ("own"), or
                            as i perceives it, with i's exponent ("challenger").
      numerator ["support"] numerator of P_i: the supporters' weighted preference for x_i
                            (FORECASTING.md), or "net": everyone's, opponents subtracted, floored at 0.
      centre ["median"]     μ of steps 1–2: the weighted median, or the weighted "mean".
      precision ["double"]  float64, or "single" (float32: about twice as fast for large Monte
                            Carlo batches; a rounding difference can flip a near-tie, so single
                            draws may differ; medians of 1,000 DEU draws agree within 0.05).

    Fitted: ``forecast_`` (median after the last round), ``rounds_`` (round 0 = the inputs,
    then one ``{"median", "mean"}`` per round), ``positions_`` (positions after each round),
    ``risk_`` (the r_i of the last round).
    """

    name = "expected_utility"

    def __init__(self, *, rounds: int = 3, stop: str = "fixed", salience: str = "responder",
                 security: str = "others", compromise: str = "fraction", offer: str = "least_move",
                 probability: str = "dyad", status_quo_probability: float = 1.0, risk: bool = True,
                 perspective: str = "own", numerator: str = "support", centre: str = "median",
                 precision: str = "double"):
        self.rounds = rounds
        self.stop = stop
        self.salience = salience
        self.security = security
        self.compromise = compromise
        self.offer = offer
        self.probability = probability
        self.status_quo_probability = status_quo_probability
        self.risk = risk
        self.perspective = perspective
        self.numerator = numerator
        self.centre = centre
        self.precision = precision

    def _validate_options(self) -> None:
        self._check_positive_int("rounds")
        self._check_option("stop", {"fixed", "stable"})
        self._check_option("salience", {"responder", "challenger"})
        self._check_option("security", {"others", "own"})
        self._check_option("compromise", {"fraction", "complement"})
        self._check_option("offer", {"least_move", "highest_eu"})
        self._check_option("probability", {"dyad", "capability"})
        self._check_option("risk", {True, False})
        self._check_option("perspective", {"own", "challenger"})
        self._check_option("numerator", {"support", "net"})
        self._check_option("centre", {"median", "mean"})
        self._check_option("precision", {"double", "single"})
        q = self.status_quo_probability
        if not isinstance(q, (int, float)) or not 0 <= q <= 1:
            from ..errors import ConfigError, Errors

            raise ConfigError(Errors.E406.format(model=self.name, option="status_quo_probability",
                                                 value=q, expected="a number in [0, 1]"))

    def _solve(self, table: ActorTable) -> list[dict[str, np.ndarray]]:
        batch = table.batch_shape
        n = table.n_actors
        dtype = np.float32 if self.precision == "single" else np.float64
        x = table.position.reshape(-1, n).astype(dtype)
        s = table.salience.reshape(-1, n).astype(dtype)
        w = table.weight.reshape(-1, n).astype(dtype)
        scale = table.scale_range
        rounds = [summary_round(x, w)]
        positions = [x.copy()]
        risk = np.ones_like(x)
        for _ in range(self.rounds):
            new_x, risk = self._round(x, s, w, scale, table.lo)
            moved = np.max(np.abs(new_x - x)) if new_x.size else 0.0
            x = new_x
            positions.append(x.copy())
            rounds.append(summary_round(x, w))
            if self.stop == "stable" and moved <= STABLE_TOLERANCE * scale:
                break
        self.positions_ = [p.reshape(batch + (n,)) for p in positions]
        self.risk_ = risk.reshape(batch + (n,))
        return [{k: v.reshape(batch) for k, v in r.items()} for r in rounds]

    # -- one round -------------------------------------------------------------------
    def _round(self, x, s, w, scale, lo):
        mu = weighted_median(x, w) if self.centre == "median" else weighted_mean(x, w)
        prob = _win_probability(x - lo, w, self.probability, self.numerator)
        distance = np.abs(x[:, :, None] - x[:, None, :])
        d = distance / scale  # d[b, i, j]
        weight = s[:, None, :] if self.salience == "responder" else s[:, :, None]
        # Per-round pieces shared by every pass: E = U_s − w(1 − P)(U_s − U_f) − Q·U_sq − ...
        parts = {"d": d, "m": np.abs(x - mu[:, None])[:, :, None] / scale,
                 "contest": weight * (1 - prob), "low": 0.5 - 0.5 * d, "high": 0.5 + 0.5 * d}
        ones = np.ones_like(x)
        expected = self._expected_utility(parts, None)
        risk = ones
        if self.risk:
            security = expected.sum(axis=1) if self.security == "others" else expected.sum(axis=2)
            hi, lo_sec = security.max(axis=1, keepdims=True), security.min(axis=1, keepdims=True)
            spread = hi - lo_sec
            index = np.where(spread > 0, (2 * security - hi - lo_sec) / np.where(spread > 0, spread, 1.0), 0.0)
            risk = (1 - index / RISK_DIVISOR) / (1 + index / RISK_DIVISOR)
            parts["log_low"] = np.log(np.maximum(parts["low"], np.finfo(x.dtype).tiny))
            parts["log_high"] = np.log(parts["high"])
            expected = self._expected_utility(parts, risk[:, :, None])
        if self.perspective == "challenger" and self.risk:
            # i judges j's expected utility with i's own risk exponent: G[b, j, i] = E_j(i) under r_i.
            perceived = np.swapaxes(self._expected_utility(parts, risk[:, None, :]), 1, 2)
        else:
            perceived = np.swapaxes(expected, 1, 2)
        return self._resolve(x, expected, perceived, distance), risk

    def _expected_utility(self, parts, r3):
        """E[b, i, j]: what i expects from challenging j (step 4), zero on the diagonal.
        ``r3`` holds the risk exponent for each (i, j), broadcastable to (B, n, n); None is r = 1.

        With U = 2 − 4·base^r: E = U_s − s(1 − P)(U_s − U_f) − Q·U_sq − (1 − Q)[T U_b + (1 − T) U_w],
        the powers taken as exp(r · log base) from logs computed once per round.
        """
        if r3 is None:
            low, high, quo = parts["low"], parts["high"], 0.5
        else:
            low = np.exp(r3 * parts["log_low"])
            high = np.exp(r3 * parts["log_high"])
            quo = np.power(0.5, r3)
        value = UTILITY_OFFSET - UTILITY_SCALE * low - UTILITY_SCALE * parts["contest"] * (high - low)
        q = float(self.status_quo_probability)
        value -= q * (UTILITY_OFFSET - UTILITY_SCALE * quo)
        if q < 1:
            d, m = parts["d"], parts["m"]
            r = 1.0 if r3 is None else r3
            u_better = _utility(0.5 - 0.25 * (m + d), r)
            u_worse = _utility(0.5 + 0.25 * (m + d), r)
            closer = m < d  # T = 1: i is nearer the median than j
            value -= (1 - q) * np.where(closer, u_better, u_worse)
        n = value.shape[-1]
        value[:, np.arange(n), np.arange(n)] = 0.0
        return value

    def _resolve(self, x, expected, perceived, distance):
        """Steps 6–7: offers from the dyads' outcomes, then each actor takes one offer.

        ``distance[b, i, j] = |x_i − x_j|``. An offer from i to j moves j the fraction
        ``step[b, i, j]`` of the way to x_i: 1 (conflict won by i, or capitulation) or the
        compromise fraction.
        """
        a = expected  # a[b, i, j] = E_i(j)
        b = perceived  # b[b, i, j] = E_j(i) as i perceives it
        # i makes j an offer; actors at the same position have nothing to contest (their
        # E is zero up to rounding, which must not count as a win).
        wins = (a > 0) & ((b <= 0) | (a > b)) & (distance > 0)
        compromise = wins & (b < 0) & (a > -b)  # here a > 0 > b, so |a| > |b| is a > −b
        step = np.ones_like(a)
        np.divide(-b, a, out=step, where=compromise)  # |b / a|
        if self.compromise == "complement":
            np.subtract(1.0, step, out=step, where=compromise)
        score = step * distance
        if self.offer == "highest_eu":
            # Only the offers whose sender expects most; ties go to the least movement.
            top = np.where(wins, a, -np.inf).max(axis=1, keepdims=True)
            wins_scored = wins & (a >= top)
        else:
            wins_scored = wins
        score[~wins_scored] = np.inf
        best = np.argmin(score, axis=1)
        chosen_step = np.take_along_axis(step, best[:, None, :], axis=1)[:, 0, :]
        target = np.take_along_axis(x, best, axis=1)
        received = wins.any(axis=1)
        return np.where(received, x + chosen_step * (target - x), x)


def _utility(base, r):
    """2 − 4·base^r; linear (no power) where every r is 1, the first pass."""
    if np.all(r == 1):
        return UTILITY_OFFSET - UTILITY_SCALE * base
    return UTILITY_OFFSET - UTILITY_SCALE * np.power(base, r)


def _win_probability(z: np.ndarray, w: np.ndarray, denominator: str, numerator: str = "support") -> np.ndarray:
    """P[b, i, j], the probability that i beats j (step 3), from everyone's weighted support.

    Actor k's support for x_i over x_j is w_k (|z_k − z_j| − |z_k − z_i|). Only the positive
    part needs an O(n³) pass (one batched matrix product per chunk of draws): the net
    support is D_j − D_i with D_i = Σ_k w_k |z_k − z_i|, so the sum of absolute supports
    (the "dyad" denominator) is 2·positive − net. ``numerator="net"`` uses max(net, 0)
    instead of the positive part (everyone's support, opponents subtracted).
    """
    n_batch, n = z.shape
    out = np.empty((n_batch, n, n), dtype=z.dtype)
    upper_i, upper_j = np.triu_indices(n, 1)
    for start in range(0, n_batch, PROBABILITY_CHUNK):
        zz, ww = z[start : start + PROBABILITY_CHUNK], w[start : start + PROBABILITY_CHUNK]
        m = len(zz)
        dist = np.abs(zz[:, :, None] - zz[:, None, :])  # dist[b, k, i] = |z_k − z_i|
        far = np.einsum("bk,bki->bi", ww, dist)
        net = far[:, None, :] - far[:, :, None]  # Σ_k w_k (|z_k − z_j| − |z_k − z_i|)
        # Positive support for i over j, for i < j only: the other half follows from
        # positive_ji = positive_ij − net_ij, which halves the O(n³) work.
        support = dist[:, :, upper_j] - dist[:, :, upper_i]  # [b, k, pair]
        np.maximum(support, 0.0, out=support)
        half = np.matmul(ww[:, None, :], support)[:, 0, :]
        positive = np.zeros((m, n, n), dtype=z.dtype)
        positive[:, upper_i, upper_j] = half
        positive[:, upper_j, upper_i] = half - net[:, upper_i, upper_j]
        if denominator == "dyad":
            norm = 2 * positive - net
        else:
            norm = dist * ww.sum(axis=1)[:, None, None]
        if numerator == "net":
            positive = np.maximum(net, 0.0)
        # Relative floor: a denominator this small is float noise around an exact zero.
        valid = norm > PROBABILITY_EPSILON * (1.0 + np.abs(positive))
        out[start : start + m] = np.where(valid, positive / np.where(valid, norm, 1.0), 0.5)
    return out
