"""Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert & Smith
(2011), steps 1–8 of FORECASTING.md, vectorised over dyads and over Monte Carlo draws.

Every known ambiguity of the reconstruction is an option with a documented default. The
defaults follow FORECASTING.md literally; `SCHOLZ_2011` is the option set that reproduces
Scholz et al.'s Table 2 on the 1994 emission-standards case (medians 8.43, 9.62, 9.96
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
# Draws solved together: a chunk's rounds run on (n(n − 1)/2, chunk) pair arrays of about
# CHUNK_CELLS / 2 cells each, large enough that numpy's per-call overhead (about 0.4 ms per
# round) is amortised and small enough to stay in the CPU's cache. The arrays are reused
# from round to round and chunk to chunk (`_Workspace`), so their size costs no page faults.
# 2**15 and 2**16 cost the same on a 18-issue DEU sample, 2**14 and 2**17 more.
CHUNK_CELLS = 2**16
PROBABILITY_EPSILON = 1e-12
# Actors closer than this fraction of the scale hold the same position and do not contest
# it: their expected utilities are rounding noise around zero (1e-16), which must not
# count as a win (found on jittered DEU draws).
SAME_POSITION = 1e-9
# stop="stable": a round that moves no actor by more than this fraction of the scale ends the run.
STABLE_TOLERANCE = 1e-9
# offer="by_type": conflicts are taken before compromises, compromises before capitulations.
OFFER_RANK = {"conflict": 0, "compromise": 1, "capitulation": 2}
# An offer's score at or above this many scale lengths marks "no offer" (a real score, the
# movement plus 2 × the scale per rank of offer="by_type", is at most 5 scale lengths).
NO_OFFER_SCALES = 8.0
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
        work = _Workspace()
        for start in range(0, len(x), chunk):
            part = slice(start, start + chunk)
            ran = max(ran, self._run_chunk(positions[:, part], s[part], w[part], scale, table.lo, risk[part], work))
        positions = positions[: ran + 1]
        self.positions_ = [p.reshape(batch + (n,)) for p in positions]
        self.risk_ = risk.reshape(batch + (n,))
        return [{k: v.reshape(batch) for k, v in summary_round(p, w).items()} for p in positions]

    def _run_chunk(self, positions, s, w, scale, lo, risk_out, work) -> int:
        """All rounds for one chunk of draws, written into ``positions[1:]``; returns the
        number of rounds run (fewer than ``rounds`` only with stop="stable")."""
        x = positions[0]
        for t in range(1, self.rounds + 1):
            new_x, risk = self._round(x, s, w, scale, lo, work)
            positions[t] = new_x
            risk_out[...] = risk
            if self.stop == "stable" and np.max(np.abs(new_x - x), initial=0.0) <= STABLE_TOLERANCE * scale:
                positions[t + 1 :] = new_x
                return t
            x = positions[t]
        return self.rounds

    # -- one round -------------------------------------------------------------------
    def _round(self, x, s, w, scale, lo, work):
        """One round with the actors of every draw in ascending order of position (every
        dyad term is then computed once per pair of actors, see `_Pairs`); the new
        positions and risk exponents are returned in the actors' own order."""
        rows = np.arange(x.shape[0])[:, None]
        order = np.argsort(x, axis=1, kind="stable")
        new_x, risk = self._sorted_round(x[rows, order], s[rows, order], w[rows, order], scale, lo, order, work)
        own_x, own_risk = np.empty_like(new_x), np.empty_like(risk)
        own_x[rows, order] = new_x
        own_risk[rows, order] = risk
        return own_x, own_risk

    def _sorted_round(self, x, s, w, scale, lo, actor, work):
        """Steps 1–7 on actors sorted by position; x, s, w are (draws, n).

        Every dyad term is held per pair (a, b), a < b in that order, in two arrays: "up"
        for the lower actor a challenging b (E_a(b)), "down" for b challenging a (E_b(a));
        a matrix's transpose is then the other array, and every symmetric term (distance,
        logarithms) is computed once. Pair arrays are (pairs, draws) and actor arrays
        (n, draws), so that spreading an actor's value over its pairs copies whole rows."""
        dtype = s.dtype
        n_batch = x.shape[0]
        pairs = _pairs(x.shape[1])

        def pair_array(name, kind=dtype):
            return work(name, pairs.n_pairs, n_batch, kind)

        def by_actor(values):  # (draws, n) -> contiguous (n, draws)
            return np.ascontiguousarray(values.T)

        z = by_actor(x - lo)
        z_low = _gather(z, pairs.lower, pair_array("z_low", np.float64))
        z_up = _gather(z, pairs.upper, pair_array("z_up", np.float64))
        prob_up, prob_down = _pair_win_probability(z, by_actor(w), z_low, z_up, self.probability, self.numerator, work)
        if dtype == np.float64 and lo == 0:
            x_low, x_up = z_low, z_up  # x − 0 is x
        else:
            xd = by_actor(x.astype(dtype, copy=False))
            x_low, x_up = _gather(xd, pairs.lower, pair_array("x_low")), _gather(xd, pairs.upper, pair_array("x_up"))
        distance = np.subtract(x_up, x_low, out=pair_array("distance"))  # |x_a − x_b|: positions ascend
        d = np.divide(distance, dtype.type(scale), out=pair_array("d"))
        st = by_actor(s)
        s_low, s_up = _gather(st, pairs.lower, pair_array("s_low")), _gather(st, pairs.upper, pair_array("s_up"))
        # contest = w(1 − P): E = U_s − contest·(U_s − U_f) − Q·U_sq − (1 − Q)[...], w the
        # responder's salience (the upper actor's when the lower one challenges) or the challenger's.
        weight_up, weight_down = (s_up, s_low) if self.salience == "responder" else (s_low, s_up)
        contest_up = np.subtract(1, prob_up.astype(dtype, copy=False), out=pair_array("contest_up"))
        contest_up *= weight_up
        contest_down = np.subtract(1, prob_down.astype(dtype, copy=False), out=pair_array("contest_down"))
        contest_down *= weight_down
        up = {"name": "up", "d": d, "contest": contest_up}
        down = {"name": "down", "d": d, "contest": contest_down}
        q = float(self.status_quo_probability)
        if q < 1:
            mu = weighted_median(x, w) if self.centre == "median" else weighted_mean(x, w)
            m = by_actor((np.abs(x - mu[:, None]) / scale).astype(dtype))  # the challenger's
            up["m"], down["m"] = m[pairs.lower], m[pairs.upper]
        risk = np.ones_like(x)
        if not self.risk:
            e_up, e_down = self._expected_utility(up, None, work), self._expected_utility(down, None, work)
            return self._resolve(x, e_up, e_down, e_down, e_up, distance, scale, actor, work), risk
        security = self._security(up, down, pairs, work)  # (n, draws)
        hi, lo_sec = security.max(axis=0, keepdims=True), security.min(axis=0, keepdims=True)
        spread = hi - lo_sec
        index = np.where(spread > 0, (2 * security - hi - lo_sec) / np.where(spread > 0, spread, 1.0), 0.0)
        risk = (1 - index / RISK_DIVISOR) / (1 + index / RISK_DIVISOR)
        # log(0.5 ∓ 0.5 d), one logarithm per pair of actors.
        log_low = np.multiply(d, -0.5, out=pair_array("log_low"))
        log_low += 0.5
        np.log(np.maximum(log_low, np.finfo(dtype).tiny, out=log_low), out=log_low)
        log_high = np.multiply(d, 0.5, out=pair_array("log_high"))
        log_high += 0.5
        np.log(log_high, out=log_high)
        r = risk.astype(dtype)
        linear = bool(np.all(r == 1))
        offset = UTILITY_OFFSET - q * (UTILITY_OFFSET - UTILITY_SCALE * np.power(0.5, r))
        # The lower actor's exponent on every pair, then the upper actor's.
        by_low = _Exponent("low", r, offset, pairs.lower, log_low, log_high, linear, work)
        by_up = _Exponent("up", r, offset, pairs.upper, log_low, log_high, linear, work)
        # a = E_i(j) as the dyad (i → j) is judged, b = E_j(i) likewise, for "up" (i lower) and "down".
        if self.perspective == "own":
            # each side with its own exponent: E_a(b) with r_a, E_b(a) with r_b.
            a_up = b_down = self._expected_utility(up, by_low, work)
            a_down = b_up = self._expected_utility(down, by_up, work)
        elif self.perspective == "challenger":
            a_up, b_up = self._expected_utility(up, by_low, work), self._expected_utility(down, by_low, work)
            a_down, b_down = self._expected_utility(down, by_up, work), self._expected_utility(up, by_up, work)
        else:
            # the responder j judges both: E_i(j) and E_j(i) with r_j.
            a_up, b_up = self._expected_utility(up, by_up, work), self._expected_utility(down, by_up, work)
            a_down, b_down = self._expected_utility(down, by_low, work), self._expected_utility(up, by_low, work)
        return self._resolve(x, a_up, a_down, b_up, b_down, distance, scale, actor, work), risk.T

    def _security(self, up, down, pairs, work) -> np.ndarray:
        """Step 5's security levels (n, draws) from the first pass (r = 1), in float64. With
        Q = 1 the linear utilities reduce E_i(j) to 2d(1 − 2·contest), so no full pass is
        needed. Each sum runs over the full matrix in the order of the actors, as it always has."""
        d = up["d"]
        n_batch, n = d.shape[1], len(pairs.diagonal)
        cells = work("security_cells", pairs.n_cells, n_batch, d.dtype)
        cells[-1] = 0.0  # the diagonal
        if float(self.status_quo_probability) == 1.0:
            # 2d(1 − 2·contest); doubling is exact, so 2d is shared by both directions.
            double_d = np.multiply(d, 2.0, out=work("double_d", pairs.n_pairs, n_batch, d.dtype))
            for side, part in ((up, pairs.up), (down, pairs.down)):
                expected = np.multiply(side["contest"], -2.0, out=cells[part])
                expected += 1.0
                expected *= double_d
        else:
            for side, part in ((up, pairs.up), (down, pairs.down)):
                cells[part] = self._expected_utility(side, None, work)
        full = cells.take(pairs.by_challenger, axis=0, mode="clip",
                          out=work("security_full", n * n, n_batch, d.dtype)).reshape(n, n, n_batch)  # [i, j] = E_i(j)
        if self.security == "others":
            return full.sum(axis=0, dtype=np.float64)  # Σ_i, in the order of i
        # Σ_j over contiguous rows (numpy's pairwise summation), as in a (draws, n, n) matrix.
        return np.ascontiguousarray(full.transpose(2, 0, 1)).sum(axis=2, dtype=np.float64).T

    def _expected_utility(self, side, exponent, work):
        """E_i(j) (step 4) on every pair of one direction (``side``: d, contest and, with
        Q < 1, the challenger's m), judged with ``exponent`` (an `_Exponent`; None is r = 1).

        With U = 2 − 4·base^r: E = U_s − s(1 − P)(U_s − U_f) − Q·U_sq − (1 − Q)[T U_b + (1 − T) U_w],
        the powers taken as exp(r · log base) from logarithms computed once per round.
        """
        d = side["d"]
        q = float(self.status_quo_probability)
        value = work(f"expected_{side['name']}_{exponent.name if exponent else 'linear'}", *d.shape, d.dtype)
        if exponent is None:
            low = 0.5 - 0.5 * d
            value[...] = d  # high − low
            value *= side["contest"]
            value += low
            value *= -UTILITY_SCALE
            value += UTILITY_OFFSET - q * (UTILITY_OFFSET - UTILITY_SCALE * 0.5)
        else:
            low, high = exponent.powers()
            np.subtract(high, low, out=value)
            value *= side["contest"]
            value += low
            value *= -UTILITY_SCALE
            value += exponent.offset
        if q < 1:
            m = side["m"]
            r = 1.0 if exponent is None or exponent.linear else exponent.r
            u_better = _utility(0.5 - 0.25 * (m + d), r)
            u_worse = _utility(0.5 + 0.25 * (m + d), r)
            closer = m < d  # T = 1: i is nearer the median than j
            value -= (1 - q) * np.where(closer, u_better, u_worse)
        return value

    def _resolve(self, x, a_up, a_down, b_up, b_down, distance, scale, actor, work):
        """Steps 6–7: offers from the dyads' outcomes, then each actor takes one offer.

        ``a`` is what the challenger expects, ``b`` what the responder expects, on every
        pair for the lower actor challenging ("up") and the upper one ("down");
        ``distance`` is the pair's |x_a − x_b| (overwritten). An offer from i to j moves j
        the fraction ``step`` of the way to x_i: 1 (conflict won by i, or capitulation) or
        the compromise fraction. ``actor[b, i]`` is the own index of sorted actor i: among
        equally good offers j takes the one from the sender listed first in the table.
        Returns the new positions, (draws, n) in sorted order.
        """
        n_batch, n = x.shape
        pairs = _pairs(n)
        dtype = a_up.dtype
        # Actors at one position have nothing to contest: their offers move nobody (+inf).
        reach = distance  # overwritten: the caller no longer needs the distances
        reach[distance <= SAME_POSITION * scale] = np.inf
        no_offer = NO_OFFER_SCALES * scale
        spare = work("resolve_spare", pairs.n_pairs, n_batch, dtype)
        # score: how far the offer moves j (ranked by type first with offer="by_type"), or
        # no_offer and above where i makes j no offer; one spare row for the diagonal.
        score = work("score", pairs.n_cells, n_batch, dtype)
        step = work("step", pairs.n_cells, n_batch, dtype)
        score[-1], step[-1] = np.inf, 1.0
        sides = ((a_up, b_up, pairs.up), (a_down, b_down, pairs.down))
        for a, b, part in sides:
            # i makes j an offer when (a > b or b <= 0) and a > 0, that is a > max(b, 0)
            # (no expected utility is NaN: the inputs are checked finite).
            silent = np.less_equal(a, np.maximum(b, 0, out=spare))
            _offer_step(a, b, out=step[part])
            if self.compromise == "complement" or self.offer == "by_type":
                compromise = b < 0
                compromise &= a > -b  # here a > 0 > b, so |a| > |b| is a > −b
                if self.compromise == "complement":
                    np.subtract(1.0, step[part], out=step[part], where=compromise)
            side_score = np.multiply(step[part], reach, out=score[part])
            if self.offer == "by_type":
                # Lexicographic (type, movement): a movement is at most the scale.
                rank = np.where(b > 0, OFFER_RANK["conflict"],
                                np.where(compromise, OFFER_RANK["compromise"], OFFER_RANK["capitulation"]))
                side_score += rank * (2.0 * scale)
            if self.offer == "highest_eu":
                side_score[silent] = np.inf
            else:
                np.maximum(side_score, np.multiply(silent, no_offer, out=spare), out=side_score)
        rows = np.arange(n_batch)
        own_rank = np.empty_like(actor)
        own_rank[rows[:, None], actor] = np.arange(n)
        # cell[j, b, o]: the flat index of sender o's (own index) offer to receiver j (sorted) in draw b.
        cell = (pairs.by_receiver * n_batch).take(own_rank, axis=1, mode="clip",
                                                  out=work("cell", n, n_batch * n, np.intp).reshape(n, n_batch, n))
        cell += rows[None, :, None]
        offers = work("offers", n, n_batch * n, dtype).reshape(n, n_batch, n)
        if self.offer == "highest_eu":
            # Only the offers whose sender expects most; ties go to the least movement.
            expects = np.full((pairs.n_cells, n_batch), -np.inf, dtype=dtype)
            for a, _, part in sides:
                np.copyto(expects[part], a, where=score[part] < np.inf)
            top = np.take(expects.ravel(), cell, out=offers, mode="clip").max(axis=2)  # (receiver, draws)
            for a, _, part in sides:
                receiver = pairs.upper if part is pairs.up else pairs.lower
                score[part][a < top[receiver]] = np.inf
        best = score.ravel().take(cell, out=offers, mode="clip").argmin(axis=2)  # lowest own index among ties
        chosen = cell.reshape(-1, n)[np.arange(n * n_batch), best.ravel()].reshape(n, n_batch).T
        received = score.ravel()[chosen] < (np.inf if self.offer == "highest_eu" else no_offer)
        chosen_step = step.ravel()[chosen].astype(np.float64)
        target = x[rows[:, None], own_rank[rows[:, None], best.T]]
        # A full move lands exactly on the target, so actors who joined x_i share it exactly.
        moved = np.where(chosen_step >= 1.0, target, x + chosen_step * (target - x))
        return np.where(received, moved, x)


def _offer_step(a, b, out):
    """The fraction of the way to x_i that an offer moves j: −b/a for a compromise
    (a > 0 > b, a > −b), else 1; written into ``out`` (where i makes j no offer the value
    is meaningless). Computed as min(−b/a, 1) where b/a < 0 and 1 elsewhere, on the bits of
    b/a: a negative float's bits, read as an unsigned integer, lie above the sign bit and
    order like its magnitude, so one subtraction and one minimum select without a branch."""
    with np.errstate(divide="ignore", invalid="ignore"):  # a = 0: no offer anyway
        np.divide(b, a, out=out)
    bits = out.view(_UNSIGNED[out.dtype])
    sign, one = _SIGN_BIT[out.dtype], _ONE_BITS[out.dtype]
    bits -= sign + 1  # strictly negative b/a: |b/a| − 1 ulp; anything else wraps above `one`
    np.minimum(bits, one - 1, out=bits)
    bits += 1
    return out


# Bit patterns used by `_offer_step` for each precision.
_UNSIGNED = {np.dtype(np.float64): np.uint64, np.dtype(np.float32): np.uint32}
_SIGN_BIT = {np.dtype(np.float64): np.uint64(1 << 63), np.dtype(np.float32): np.uint32(1 << 31)}
_ONE_BITS = {np.dtype(np.float64): np.float64(1.0).view(np.uint64),
             np.dtype(np.float32): np.float32(1.0).view(np.uint32)}


class _Exponent:
    """One actor's risk exponent on every pair (the lower or the upper actor's, ``name``),
    with the powers (0.5 ∓ 0.5 d)^r it gives, computed on first use. ``r`` and ``offset``
    (the status-quo term of E for that r) are (n, draws)."""

    def __init__(self, name, r, offset, actor, log_low, log_high, linear, work):
        shape = log_low.shape
        self.name, self.linear, self._work = name, linear, work
        self.r = _gather(r, actor, work(f"r_{name}", *shape, r.dtype))
        self.offset = _gather(offset, actor, work(f"offset_{name}", *shape, r.dtype))
        self._logs = (log_low, log_high)
        self._powers = None

    def powers(self):
        if self._powers is None:
            log_low, log_high = self._logs
            shape, dtype = log_low.shape, log_low.dtype
            low = np.multiply(self.r, log_low, out=self._work(f"power_low_{self.name}", *shape, dtype))
            _exp_in_place(low)  # (0.5 − 0.5 d)^r underflows where d is close to 1
            high = np.multiply(self.r, log_high, out=self._work(f"power_high_{self.name}", *shape, dtype))
            np.exp(high, out=high)
            self._powers = (low, high)
        return self._powers


def _exp_in_place(values):
    """np.exp(values, out=values), bit for bit, without numpy's slow path: its vector exp
    falls back to one element at a time for a whole vector of lanes when one lane's result
    is subnormal or zero (ten times slower), so such arguments are computed apart."""
    slow = values < _EXP_FAST_LOWER[values.dtype]
    if not slow.any():
        return np.exp(values, out=values)
    flat = values.reshape(-1)
    index = np.flatnonzero(slow)
    tail = flat[index]
    flat[index] = 0.0
    np.exp(values, out=values)
    flat[index] = np.exp(tail)
    return values


# Below these arguments exp's result is close to or below the smallest normal number.
_EXP_FAST_LOWER = {np.dtype(np.float64): -700.0, np.dtype(np.float32): -80.0}


class _Workspace:
    """Arrays reused from round to round and chunk to chunk of one fit, by name and shape.
    A fresh array of this size is mapped anew by malloc and costs page faults on first use
    (a sixth of the model's time when every round allocated its arrays)."""

    def __init__(self):
        self._arrays = {}

    def __call__(self, name, rows, columns, dtype=np.float64):
        key = (name, rows, columns, dtype)
        array = self._arrays.get(key)
        if array is None:
            array = self._arrays[key] = np.empty((rows, columns), dtype)
        return array


def _gather(values, rows, out):
    """values[rows] written into ``out`` (np.take's "clip" mode skips the bounds check's
    buffering; the indices are always in range)."""
    return values.take(rows, axis=0, out=out, mode="clip")


def _utility(base, r):
    """2 − 4·base^r; linear (no power) where every r is 1, the first pass."""
    if np.all(r == 1):
        return UTILITY_OFFSET - UTILITY_SCALE * base
    return UTILITY_OFFSET - UTILITY_SCALE * np.power(base, r)


def _win_probability(z: np.ndarray, w: np.ndarray, denominator: str, numerator: str = "support",
                     presorted: bool = False) -> np.ndarray:
    """P[b, i, j], the probability that i beats j (step 3), as a full matrix in the actors'
    own order (``presorted=True``: z ascends in every row, and the matrix is in that order).
    The model itself uses `_pair_win_probability`."""
    n_batch, n = z.shape
    rows = np.arange(n_batch)[:, None]
    z = z.astype(np.float64, copy=False)
    w = w.astype(np.float64, copy=False)
    if presorted:
        zs, ws = z, w
    else:
        order = np.argsort(z, axis=1, kind="stable")
        zs, ws = z[rows, order], w[rows, order]
    pairs = _pairs(n)
    zt, wt = np.ascontiguousarray(zs.T), np.ascontiguousarray(ws.T)
    pos_low, pos_up = _pair_win_probability(zt, wt, zt[pairs.lower], zt[pairs.upper], denominator, numerator)
    out = np.empty((n_batch, n * n))
    out[:, pairs.above] = pos_low.T
    out[:, pairs.below] = pos_up.T
    out[:, pairs.diagonal] = 0.5
    out = out.reshape(n_batch, n, n)
    if presorted:
        return out
    rank = np.argsort(order, axis=1)  # back to the actors' own order
    return out[rows[:, :, None], rank[:, :, None], rank[:, None, :]]


def _pair_win_probability(zs, ws, z_low, z_up, denominator: str, numerator: str = "support", work=None):
    """(P_a, P_b) on every pair a < b of actors sorted by position: the probability that the
    lower actor a beats b, and that b beats a (step 3), from everyone's weighted support.

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

    Denominators: "dyad" the total per dyad; "capability" Σ_k w_k |z_i − z_j|; "global" the
    totals summed over every ordered pair of actors (one normaliser per draw).
    ``numerator="net"`` uses max(net, 0). ``zs`` (n, draws) ascends in every column and is
    >= 0 (positions minus the scale's low end), ``ws`` the weights; ``z_low``, ``z_up``
    (pairs, draws) are zs at each pair's actors. Returns two (pairs, draws) arrays.
    """
    work = work or _Workspace()
    n, n_batch = zs.shape
    shape = z_low.shape
    zs = zs.astype(np.float64, copy=False)
    ws = ws.astype(np.float64, copy=False)
    below_w = np.zeros((n + 1, n_batch))
    below_wz = np.zeros((n + 1, n_batch))
    np.cumsum(ws, axis=0, out=below_w[1:])
    np.cumsum(ws * zs, axis=0, out=below_wz[1:])
    total_w, total_wz = below_w[-1:], below_wz[-1:]
    # 2·C and F at each sorted position.
    c_sorted = 2.0 * (below_wz[:-1] - zs * below_w[:-1])
    far = (zs * below_w[:-1] - below_wz[:-1]
           + (total_wz - below_wz[1:]) - zs * (total_w - below_w[1:]))
    pairs = _pairs(n)
    spare = work("probability_spare", *shape)
    midpoint = np.multiply(z_low, 0.5, out=work("midpoint", *shape))
    midpoint += np.multiply(z_up, 0.5, out=spare)
    flat = _count_below(zs, midpoint, work, stride=n_batch)  # every dyad's midpoint rank, as a flat index
    total = np.add(z_low, z_up, out=work("total", *shape))
    total *= below_w.ravel().take(flat, out=spare, mode="clip")
    below_wz.ravel().take(flat, out=spare, mode="clip")
    spare *= 2.0
    total -= spare
    total += _gather(c_sorted, pairs.lower, spare)
    np.maximum(total, 0.0, out=total)  # the lower actor's positive support
    net = _gather(far, pairs.upper, work("net", *shape))
    net -= _gather(far, pairs.lower, spare)  # Σ_k w_k f_k, lower over upper
    total *= 2.0
    total -= net
    if numerator == "net":
        pos_low = np.maximum(net, 0.0, out=work("pos_low", *shape))
        pos_up = np.maximum(np.negative(net, out=spare), 0.0, out=work("pos_up", *shape))
    else:
        pos_low = np.add(total, net, out=work("pos_low", *shape))
        pos_low *= 0.5
        pos_up = np.subtract(total, net, out=work("pos_up", *shape))
        pos_up *= 0.5
    if denominator == "capability":
        norm = (z_up - z_low) * total_w
    elif denominator == "global":
        norm = np.broadcast_to(2.0 * total.sum(axis=0), total.shape)  # Σ over the pairs, in their order
    else:
        norm = total
    # Actors at one position have no contest (P = 0.5, as for any zero denominator); a
    # denominator below this floor (relative to the draw's Σ w·z) is rounding noise.
    floor = PROBABILITY_EPSILON * (1.0 + total_wz + total_w)
    invalid = norm <= floor
    invalid |= z_low == z_up
    with np.errstate(divide="ignore", invalid="ignore"):  # the invalid cells are overwritten
        np.divide(pos_low, norm, out=pos_low)
        np.divide(pos_up, norm, out=pos_up)
    pos_low[invalid] = 0.5
    pos_up[invalid] = 0.5
    return pos_low, pos_up


def _count_below(columns: np.ndarray, keys: np.ndarray, work=None, stride: int = 1) -> np.ndarray:
    """For each key[p, b], how many of columns[:, b] (ascending) lie strictly below it
    (numpy's searchsorted, side="left", column by column), times ``stride``; with
    ``stride`` = the number of columns, plus b: the flat index of that row of column b.
    A branch-free binary search, all keys at once."""
    work = work or _Workspace()
    n, n_batch = columns.shape
    width = 1 << n.bit_length()  # a power of two above n; the padding (+inf) is never below
    padded = np.full((width, n_batch), np.inf)
    padded[:n] = columns
    flat = padded.ravel()
    probe = work("probe", *keys.shape, np.intp)
    below = work("below", *keys.shape, bool)
    value = work("value", *keys.shape)
    draw = np.arange(n_batch)
    step = width // 2
    # The first probe is one row for all keys; afterwards `probe` is the flat index of the
    # next probe, count·n_batch + (step − 1)·n_batch + b.
    np.less(padded[step - 1], keys, out=below)
    np.multiply(below, np.intp(step * n_batch), out=probe)
    probe += draw
    step //= 2
    if step:
        probe += (step - 1) * n_batch
    while step:
        flat.take(probe, out=value, mode="clip")
        np.less(value, keys, out=below)
        probe += np.multiply(below, np.intp(step * n_batch), out=work("probe_step", *keys.shape, np.intp))
        step //= 2
        if step:
            probe -= step * n_batch  # from (2·step − 1) to (step − 1) rows past the count
    # probe is now count·n_batch + b.
    if stride != n_batch:
        probe -= draw
        probe //= n_batch
        probe *= stride
    return probe


class _Pairs:
    """Index arrays over n sorted actors: the unordered pairs a < b (``lower``, ``upper``)
    and their flat positions above and below the diagonal of an n × n matrix; and the
    rows of a dyad array that holds the "up" pairs (a challenges b), then the "down"
    pairs (b challenges a), then one spare row for the diagonal: ``by_challenger[i·n + j]``
    and ``by_receiver[j, i]`` are the row of i challenging j."""

    def __init__(self, n: int):
        self.lower, self.upper = np.triu_indices(n, 1)
        self.above = self.lower * n + self.upper
        self.below = self.upper * n + self.lower
        self.diagonal = np.arange(n) * (n + 1)
        self.n_pairs = len(self.lower)
        self.up, self.down = slice(0, self.n_pairs), slice(self.n_pairs, 2 * self.n_pairs)
        self.n_cells = 2 * self.n_pairs + 1
        cell = np.full((n, n), 2 * self.n_pairs, dtype=np.intp)  # [challenger, responder]
        cell[self.lower, self.upper] = np.arange(self.n_pairs)
        cell[self.upper, self.lower] = self.n_pairs + np.arange(self.n_pairs)
        self.by_challenger = cell.ravel()
        self.by_receiver = np.ascontiguousarray(cell.T)


@functools.lru_cache(maxsize=None)
def _pairs(n: int) -> _Pairs:
    return _Pairs(n)
