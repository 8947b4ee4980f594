"""Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert & Smith
(2011), steps 1–8 of FORECASTING.md, vectorised over dyads and over Monte Carlo draws.

Every known ambiguity of the reconstruction is an option with a documented default. The
defaults follow FORECASTING.md literally; `SCHOLZ_2011` is the option set that reproduces
Scholz et al.'s Table 2 on the 1994 emission-standards case (medians 8.42, 9.61, 9.96
against the published 8.4, 9.9, 9.9; tests/test_forecast_expected_utility.py).
"""

from __future__ import annotations

import functools

import numpy as np

from .base import BargainingModel, summary_round
from .table import ActorTable, weighted_mean, weighted_median

# Step 2: utilities are 2 − 4·(0.5 ∓ ...)^r; these are the constants of that formula.
UTILITY_OFFSET = 2.0
UTILITY_SCALE = 4.0
# Step 5: the risk index R in [-1, 1] maps to r = (1 − R/RISK_DIVISOR) / (1 + R/RISK_DIVISOR),
# so r ranges over [0.5, 2] (Bueno de Mesquita's choice, kept by Scholz et al.).
RISK_DIVISOR = 3.0
# Draws solved together: every round of a chunk runs on (chunk, n, n) arrays of about this
# many cells: large enough that numpy's per-call overhead is amortised, small enough to stay
# in the CPU cache and to be recycled by malloc instead of being mapped afresh (2**16 cells
# cost 15 s of system time in page faults over the DEU benchmark; 2**13 cost 50 % more user
# time). With the pairwise (upper-triangle) terms 2**14 and 2**15 cost the same user time
# on a 36-issue sample, and 2**14 a third of the page faults (293k against 899k minor faults).
CHUNK_CELLS = 2**14
PROBABILITY_EPSILON = 1e-12
# Actors closer than this fraction of the scale hold the same position and do not contest
# it: their expected utilities are rounding noise around zero (1e-16), which must not
# count as a win (found on jittered DEU draws).
SAME_POSITION = 1e-9
# stop="stable": a round that moves no actor by more than this fraction of the scale ends the run.
STABLE_TOLERANCE = 1e-9
# offer="by_type": conflicts are taken before compromises, compromises before capitulations.
OFFER_RANK = {"conflict": 0, "compromise": 1, "capitulation": 2}
# The options under which the model reproduces Scholz, Calbert & Smith (2011) Table 2 (see
# docs/forecasting.md): one win-probability denominator for the whole round (the sum of
# every dyad's), both expected utilities of a dyad judged with the responder's risk
# exponent, and offers taken by type (conflict, compromise, capitulation) before movement.
SCHOLZ_2011 = {"probability": "global", "perspective": "responder", "offer": "by_type"}


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
      offer ["least_move"]  an actor accepts the offer that moves it least; "highest_eu": the
                            one whose sender expects most from it (ties: least movement);
                            "by_type": a conflict it lost before a compromise before a
                            capitulation, least movement within a type (Scholz et al.).
      probability ["dyad"]  denominator of P_i: Σ_k c_k s_k ||x_k−x_j|−|x_k−x_i|| per dyad;
                            "capability": Σ_k c_k s_k |x_i−x_j| (abstainers count against both);
                            "global": the dyad denominators summed over every ordered pair of
                            actors, one normaliser per round (Scholz et al.; P is then small).
      status_quo_probability [1.0]  Q of step 4 (Scholz uses 1).
      risk [True]           step 5: recompute utilities with risk exponents r_i; False keeps r = 1.
      perspective ["own"]   whose risk exponent judges a dyad (i challenges j) in step 6: each
                            side's own ("own": E_i(j) with r_i, E_j(i) with r_j); the
                            challenger's ("challenger": both with r_i); or the responder's
                            ("responder": both with r_j, Scholz et al.).
      numerator ["support"] numerator of P_i: the supporters' weighted preference for x_i
                            (FORECASTING.md), or "net": everyone's, opponents subtracted, floored at 0.
      centre ["median"]     μ of steps 1–2: the weighted median, or the weighted "mean".
      precision ["double"]  float64, or "single" (float32 utilities: less memory traffic; a
                            rounding difference can flip a near-tie, so single draws may
                            differ; medians of 1,000 DEU draws agree within 0.05).

    ``ExpectedUtility(**SCHOLZ_2011)`` reproduces Scholz et al.'s Table 2.

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
        self._check_option("offer", {"least_move", "highest_eu", "by_type"})
        self._check_option("probability", {"dyad", "capability", "global"})
        self._check_option("risk", {True, False})
        self._check_option("perspective", {"own", "challenger", "responder"})
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
        x = table.position.reshape(-1, n).astype(np.float64)
        s = table.salience.reshape(-1, n).astype(dtype)
        w = table.weight.reshape(-1, n).astype(np.float64)
        scale = table.scale_range
        n_rounds = self.rounds
        # positions[t] holds every draw's positions after round t; rounds past a stable
        # chunk's last repeat its positions (stop="stable" then trims to the longest run).
        positions = np.empty((n_rounds + 1,) + x.shape)
        positions[0] = x
        risk = np.ones_like(x)
        ran = 0
        chunk = max(1, CHUNK_CELLS // (n * n))
        for start in range(0, len(x), chunk):
            part = slice(start, start + chunk)
            ran = max(ran, self._run_chunk(positions[:, part], s[part], w[part], scale, table.lo, risk[part]))
        positions = positions[: ran + 1]
        self.positions_ = [p.reshape(batch + (n,)) for p in positions]
        self.risk_ = risk.reshape(batch + (n,))
        return [{k: v.reshape(batch) for k, v in summary_round(p, w).items()} for p in positions]

    def _run_chunk(self, positions, s, w, scale, lo, risk_out) -> int:
        """All rounds for one chunk of draws, written into ``positions[1:]``; returns the
        number of rounds run (fewer than ``rounds`` only with stop="stable")."""
        x = positions[0]
        for t in range(1, self.rounds + 1):
            new_x, risk = self._round(x, s, w, scale, lo)
            positions[t] = new_x
            risk_out[...] = risk
            moved = np.max(np.abs(new_x - x)) if new_x.size else 0.0
            x = positions[t]
            if self.stop == "stable" and moved <= STABLE_TOLERANCE * scale:
                positions[t + 1 :] = x
                return t
        return self.rounds

    # -- one round -------------------------------------------------------------------
    def _round(self, x, s, w, scale, lo):
        """One round with the actors of every draw in ascending order of position (the
        dyad terms are then computed once per pair, see `_win_probability`); the new
        positions and risk exponents are returned in the actors' own order."""
        rows = np.arange(x.shape[0])[:, None]
        order = np.argsort(x, axis=1, kind="stable")
        new_x, risk = self._sorted_round(x[rows, order], s[rows, order], w[rows, order], scale, lo, order)
        own_x, own_risk = np.empty_like(new_x), np.empty_like(risk)
        own_x[rows, order] = new_x
        own_risk[rows, order] = risk
        return own_x, own_risk

    def _sorted_round(self, x, s, w, scale, lo, actor):
        dtype = s.dtype
        mu = weighted_median(x, w) if self.centre == "median" else weighted_mean(x, w)
        prob = _win_probability(x - lo, w, self.probability, self.numerator, presorted=True).astype(dtype, copy=False)
        xd = x.astype(dtype, copy=False)
        distance = np.abs(xd[:, :, None] - xd[:, None, :])
        d = distance / dtype.type(scale)  # d[b, i, j]
        weight = s[:, None, :] if self.salience == "responder" else s[:, :, None]
        # contest = w(1 − P): E = U_s − contest·(U_s − U_f) − Q·U_sq − (1 − Q)[...].
        contest = np.subtract(1, prob, out=prob)
        contest *= weight
        parts = {"d": d, "m": (np.abs(x - mu[:, None]) / scale).astype(dtype)[:, :, None], "contest": contest}
        risk = np.ones_like(x)
        if not self.risk:
            expected = self._expected_utility(parts, None)
            return self._resolve(x, expected, np.swapaxes(expected, 1, 2), distance, scale, actor), risk
        security = self._security(parts)
        hi, lo_sec = security.max(axis=1, keepdims=True), security.min(axis=1, keepdims=True)
        spread = hi - lo_sec
        index = np.where(spread > 0, (2 * security - hi - lo_sec) / np.where(spread > 0, spread, 1.0), 0.0)
        risk = (1 - index / RISK_DIVISOR) / (1 + index / RISK_DIVISOR)
        # log(0.5 ∓ 0.5 d) is symmetric in (i, j): one logarithm per pair of actors.
        pairs = _pairs(x.shape[1])
        d_pair = np.subtract(xd[:, pairs.upper], xd[:, pairs.lower])  # x ascends: no abs
        d_pair /= dtype.type(scale)
        low = np.multiply(d_pair, -0.5)
        low += 0.5
        parts["log_low"] = _symmetric(np.log(np.maximum(low, np.finfo(dtype).tiny, out=low), out=low),
                                      np.log(dtype.type(0.5)), pairs)
        high = np.multiply(d_pair, 0.5)
        high += 0.5
        parts["log_high"] = _symmetric(np.log(high, out=high), np.log(dtype.type(0.5)), pairs)
        r = risk.astype(dtype)
        # by_row[b, i, j] = E_i(j) judged with r_i; by_column: judged with r_j.
        by_row = self._expected_utility(parts, r[:, :, None])
        if self.perspective == "own":
            expected, perceived = by_row, np.swapaxes(by_row, 1, 2)
        elif self.perspective == "challenger":
            # i judges both: E_i(j) with r_i, and E_j(i) with r_i (by_column transposed).
            expected = by_row
            perceived = np.swapaxes(self._expected_utility(parts, r[:, None, :]), 1, 2)
        else:
            # the responder j judges both: E_i(j) with r_j, and E_j(i) with r_j.
            expected = self._expected_utility(parts, r[:, None, :])
            perceived = np.swapaxes(by_row, 1, 2)
        return self._resolve(x, expected, perceived, distance, scale, actor), risk

    def _security(self, parts) -> np.ndarray:
        """Step 5's security levels from the first pass (r = 1), in float64. With Q = 1 the
        linear utilities reduce E_i(j) to 2d(1 − 2·contest), so no full pass is needed."""
        if float(self.status_quo_probability) == 1.0:
            expected = np.multiply(parts["contest"], -2.0)
            expected += 1.0
            expected *= parts["d"]
            expected *= 2.0
            n = expected.shape[-1]
            expected[:, np.arange(n), np.arange(n)] = 0.0
        else:
            expected = self._expected_utility(parts, None)
        axis = 1 if self.security == "others" else 2
        return expected.sum(axis=axis, dtype=np.float64)

    def _expected_utility(self, parts, r3):
        """E[b, i, j]: what i expects from challenging j (step 4), zero on the diagonal.
        ``r3`` holds the risk exponent for each (i, j), broadcastable to (B, n, n); None is r = 1.

        With U = 2 − 4·base^r: E = U_s − s(1 − P)(U_s − U_f) − Q·U_sq − (1 − Q)[T U_b + (1 − T) U_w],
        the powers taken as exp(r · log base) from logs computed once per round.
        """
        d = parts["d"]
        if r3 is None:
            low = 0.5 - 0.5 * d
            value = d.copy()  # high − low
            quo = 0.5
        else:
            low = np.multiply(r3, parts["log_low"])
            np.exp(low, out=low)
            value = np.multiply(r3, parts["log_high"])
            np.exp(value, out=value)
            value -= low
            quo = np.power(0.5, r3)
        # value = 2 − 4·low − 4·contest·(high − low) − Q(2 − 4·quo), built in place.
        value *= parts["contest"]
        value += low
        value *= -UTILITY_SCALE
        q = float(self.status_quo_probability)
        value += UTILITY_OFFSET - q * (UTILITY_OFFSET - UTILITY_SCALE * quo)
        if q < 1:
            m = parts["m"]
            r = 1.0 if r3 is None else r3
            u_better = _utility(0.5 - 0.25 * (m + d), r)
            u_worse = _utility(0.5 + 0.25 * (m + d), r)
            closer = m < d  # T = 1: i is nearer the median than j
            value -= (1 - q) * np.where(closer, u_better, u_worse)
        n = value.shape[-1]
        value[:, np.arange(n), np.arange(n)] = 0.0
        return value

    def _resolve(self, x, expected, perceived, distance, scale, actor):
        """Steps 6–7: offers from the dyads' outcomes, then each actor takes one offer.

        ``distance[b, i, j] = |x_i − x_j|``. An offer from i to j moves j the fraction
        ``step[b, i, j]`` of the way to x_i: 1 (conflict won by i, or capitulation) or the
        compromise fraction. ``actor[b, i]`` is the own index of sorted actor i: among
        equally good offers j takes the one from the sender listed first in the table.
        """
        a = expected  # a[b, i, j] = E_i(j)
        b = perceived  # b[b, i, j] = E_j(i), judged as the perspective option says
        # i makes j an offer (actors at the same position have nothing to contest).
        wins = (a > b) | (b <= 0)
        wins &= a > 0
        wins &= distance > SAME_POSITION * scale
        compromise = (b < 0) & (a > -b)  # here a > 0 > b, so |a| > |b| is a > −b
        compromise &= wins
        step = np.ones(a.shape, dtype=a.dtype)
        np.divide(-b, a, out=step, where=compromise)  # |b / a|
        if self.compromise == "complement":
            np.subtract(1.0, step, out=step, where=compromise)
        score = np.multiply(step, distance)
        if self.offer == "highest_eu":
            # Only the offers whose sender expects most; ties go to the least movement.
            top = np.where(wins, a, -np.inf).max(axis=1, keepdims=True)
            wins_scored = wins & (a >= top)
        else:
            wins_scored = wins
            if self.offer == "by_type":
                # Lexicographic (type, movement): a movement is at most the scale.
                rank = np.where(b > 0, OFFER_RANK["conflict"],
                                np.where(compromise, OFFER_RANK["compromise"], OFFER_RANK["capitulation"]))
                score += rank * (2.0 * scale)
        np.copyto(score, np.inf, where=~wins_scored)
        n_batch, n = x.shape
        # best[b, j]: the sender whose offer j takes; ties go to the lowest own index.
        tied = score == score.min(axis=1, keepdims=True)
        best = np.argmin(np.where(tied, actor[:, :, None], n), axis=1)
        flat = (np.arange(n_batch)[:, None] * n + best) * n + np.arange(n)
        chosen_step = step.reshape(-1)[flat].astype(np.float64)
        target = x.reshape(-1)[best + np.arange(n_batch)[:, None] * n]
        received = wins.any(axis=1)
        # A full move lands exactly on the target, so actors who joined x_i share it exactly.
        moved = np.where(chosen_step >= 1.0, target, x + chosen_step * (target - x))
        return np.where(received, moved, x)


def _utility(base, r):
    """2 − 4·base^r; linear (no power) where every r is 1, the first pass."""
    if np.all(r == 1):
        return UTILITY_OFFSET - UTILITY_SCALE * base
    return UTILITY_OFFSET - UTILITY_SCALE * np.power(base, r)


def _win_probability(z: np.ndarray, w: np.ndarray, denominator: str, numerator: str = "support",
                     presorted: bool = False) -> np.ndarray:
    """P[b, i, j], the probability that i beats j (step 3), from everyone's weighted support.

    Actor k's support for x_i over x_j is w_k f_k with f_k = |z_k − z_j| − |z_k − z_i|. On a
    line, for z_i < z_j, f_k = clip(z_i + z_j − 2 z_k, −D, D) with D = z_j − z_i: D left of
    z_i, 0 at the midpoint m, −D right of z_j, and continuous (so ties need no care). With
    A(t) = Σ_{z_k<t} w_k and B(t) = Σ_{z_k<t} w_k z_k, the lower actor's positive support is
    D·A(z_i) + (z_i + z_j)(A(m) − A(z_i)) − 2(B(m) − B(z_i))
      = (z_i + z_j) A(m) − 2 B(m) + 2 C(z_i),   C(t) = B(t) − t·A(t):
    prefix sums over the sorted positions and one search per dyad, O(n² log n) instead of
    O(n³). The net support of the lower actor over the higher is F_j − F_i with
    F_i = Σ_k w_k |z_k − z_i|; the dyad's total |support| is 2·(lower's positive) − net,
    and each side's positive support is (total ± net) / 2.

    The dyad total is symmetric, so it is computed once per unordered pair a < b of the
    sorted positions (a is then the lower actor) and written to both (a, b) and (b, a).

    Denominators: "dyad" the total per dyad; "capability" Σ_k w_k |z_i − z_j|; "global" the
    totals summed over every ordered pair of actors (one normaliser per draw).
    ``numerator="net"`` uses max(net, 0). z must be >= 0 (positions minus the scale's low end).
    ``presorted=True`` promises every row of z ascending (the model's rounds sort the
    actors first) and skips the sort and the return to the actors' own order.
    """
    n_batch, n = z.shape
    rows = np.arange(n_batch)[:, None]
    z = z.astype(np.float64, copy=False)
    w = w.astype(np.float64, copy=False)
    if presorted:
        zs, ws = z, w
    else:
        order = np.argsort(z, axis=1, kind="stable")
        zs, ws = z[rows, order], w[rows, order]
    below_w = np.zeros((n_batch, n + 1))
    below_wz = np.zeros((n_batch, n + 1))
    np.cumsum(ws, axis=1, out=below_w[:, 1:])
    np.cumsum(ws * zs, axis=1, out=below_wz[:, 1:])
    total_w, total_wz = below_w[:, -1:], below_wz[:, -1:]
    # 2·C and F at each sorted position.
    c_sorted = 2.0 * (below_wz[:, :-1] - zs * below_w[:, :-1])
    far = (zs * below_w[:, :-1] - below_wz[:, :-1]
           + (total_wz - below_wz[:, 1:]) - zs * (total_w - below_w[:, 1:]))
    pairs = _pairs(n)
    z_low, z_up = zs[:, pairs.lower], zs[:, pairs.upper]
    flat = _count_below(zs, 0.5 * z_low + 0.5 * z_up)  # the rank of every dyad's midpoint
    flat += rows * (n + 1)
    total = np.add(z_low, z_up)
    total *= below_w.ravel()[flat]
    total -= 2.0 * below_wz.ravel()[flat]
    total += c_sorted[:, pairs.lower]
    np.maximum(total, 0.0, out=total)  # the lower actor's positive support
    net = far[:, pairs.upper] - far[:, pairs.lower]  # Σ_k w_k f_k, lower over upper
    total *= 2.0
    total -= net
    if numerator == "net":
        pos_low, pos_up = np.maximum(net, 0.0), np.maximum(-net, 0.0)
    else:
        pos_low = np.add(total, net)
        pos_low *= 0.5
        pos_up = np.subtract(total, net)
        pos_up *= 0.5
    if denominator == "capability":
        norm = (z_up - z_low) * total_w
    elif denominator == "global":
        norm = np.broadcast_to(2.0 * total.sum(axis=1, keepdims=True), total.shape)
    else:
        norm = total
    # Actors at one position have no contest (P = 0.5, as for any zero denominator); a
    # denominator below this floor (relative to the draw's Σ w·z) is rounding noise.
    floor = PROBABILITY_EPSILON * (1.0 + total_wz + total_w)
    invalid = norm <= floor
    invalid |= z_low == z_up
    np.divide(pos_low, norm, out=pos_low, where=~invalid)
    np.divide(pos_up, norm, out=pos_up, where=~invalid)
    np.copyto(pos_low, 0.5, where=invalid)
    np.copyto(pos_up, 0.5, where=invalid)
    out = np.empty((n_batch, n * n))
    out[:, pairs.above] = pos_low
    out[:, pairs.below] = pos_up
    out[:, pairs.diagonal] = 0.5
    out = out.reshape(n_batch, n, n)
    if presorted:
        return out
    rank = np.argsort(order, axis=1)  # back to the actors' own order
    return out[rows[:, :, None], rank[:, :, None], rank[:, None, :]]


def _count_below(sorted_rows: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """For each key[b, p], how many of sorted_rows[b] lie strictly below it (numpy's
    searchsorted, side="left", row by row): a branch-free binary search, all keys at once."""
    n_batch, n = sorted_rows.shape
    width = 1 << n.bit_length()  # a power of two above n; the padding (+inf) is never below
    padded = np.full((n_batch, width), np.inf)
    padded[:, :n] = sorted_rows
    padded = padded.ravel()
    count = np.zeros(keys.shape, dtype=np.intp)
    base = np.arange(n_batch)[:, None] * width - 1
    probe = np.empty_like(count)
    below = np.empty(keys.shape, dtype=bool)
    value = np.empty(keys.shape)
    step = width // 2
    while step:
        np.add(count, base + step, out=probe)
        np.take(padded, probe, out=value)
        np.less(value, keys, out=below)
        count += below * step if step > 1 else below
        step //= 2
    return count


class _Pairs:
    """Index arrays over n sorted actors: the unordered pairs a < b (``lower``, ``upper``)
    and their flat positions above and below the diagonal of an n × n matrix."""

    def __init__(self, n: int):
        self.lower, self.upper = np.triu_indices(n, 1)
        self.above = self.lower * n + self.upper
        self.below = self.upper * n + self.lower
        self.diagonal = np.arange(n) * (n + 1)


def _symmetric(pair_values: np.ndarray, diagonal, pairs: _Pairs) -> np.ndarray:
    """The (B, n, n) symmetric matrices with ``pair_values[b, p]`` at (a, b) and (b, a) of
    pair p, and ``diagonal`` on the diagonal."""
    n_batch = pair_values.shape[0]
    n = len(pairs.diagonal)
    out = np.empty((n_batch, n * n), dtype=pair_values.dtype)
    out[:, pairs.above] = pair_values
    out[:, pairs.below] = pair_values
    out[:, pairs.diagonal] = diagonal
    return out.reshape(n_batch, n, n)


@functools.lru_cache(maxsize=None)
def _pairs(n: int) -> _Pairs:
    return _Pairs(n)
