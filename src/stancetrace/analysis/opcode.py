"""Operational-code indices (VICS; Walker, Schafer & Young 1998) of one speaker.

Only the speaker's own words count: direct and block quotations. Indirect, mixed and partial
attributions are counted separately and left out of the indices. Formulas: docs/coding.md.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

CATEGORIES = (3, 2, 1, -1, -2, -3)  # reward, promise, appeal/support, oppose, threaten, punish
K = len(CATEGORIES)  # categories in the IQV
OWN_WORDS = ("direct", "block")  # attribution types that are the speaker's own words
# Coded verbs needed on a side (self or other) before its indices are interpreted; under
# this the profile prints the numbers with a warning and no reading (issue 5: "under 20").
MIN_VERBS_PER_SIDE = 20
BOOTSTRAP_DRAWS = 1000  # resamples for the 95 % intervals
BOOTSTRAP_SEED = 20240501  # fixed: the same input gives the same intervals
CI_LOW, CI_HIGH = 0.025, 0.975


@dataclass(frozen=True)
class Verb:
    subject: str  # self | other
    category: int  # one of CATEGORIES
    statement: str  # attribution id


def _share(values: list[int], test) -> float:
    return sum(1 for v in values if test(v)) / len(values)


def iqv(values: list[int]) -> float:
    """Index of qualitative variation over the six categories: (K/(K-1)) (1 - sum p^2)."""
    counts = Counter(values)
    return (K / (K - 1)) * (1 - sum((counts[c] / len(values)) ** 2 for c in CATEGORIES))


def side_indices(values: list[int]) -> dict[str, float]:
    """Direction, intensity, predictability/risk and utilities of one side's verbs."""
    if not values:
        return {}
    pos, neg = _share(values, lambda v: v > 0), _share(values, lambda v: v < 0)
    deeds = _share(values, lambda v: abs(v) == 3)
    out = {
        "direction": pos - neg,
        "intensity": sum(values) / (3 * len(values)),
        "variation": 1 - iqv(values),
        "coop_conflict_timing": 1 - abs(pos - neg),
        "words_deeds_timing": 1 - abs((1 - deeds) - deeds),
    }
    out.update({f"share_{c:+d}": _share(values, lambda v, c=c: v == c) for c in CATEGORIES})
    return out


def indices(self_verbs: list[int], other_verbs: list[int]) -> dict[str, float]:
    """P-1..P-5 and I-1..I-5 (I-5 as six shares)."""
    out: dict[str, float] = {}
    other, own = side_indices(other_verbs), side_indices(self_verbs)
    if other:
        out.update({"P-1": other["direction"], "P-2": other["intensity"], "P-3": other["variation"]})
    total = len(self_verbs) + len(other_verbs)
    if total:
        out["P-4a"] = len(self_verbs) / total
        out["P-4b"] = 1 - out["P-4a"]
    if "P-3" in out and "P-4a" in out:
        out["P-5"] = 1 - out["P-3"] * out["P-4a"]
    if own:
        out.update({"I-1": own["direction"], "I-2": own["intensity"], "I-3": own["variation"],
                    "I-4a": own["coop_conflict_timing"], "I-4b": own["words_deeds_timing"]})
        names = {3: "reward", 2: "promise", 1: "appeal", -1: "oppose", -2: "threaten", -3: "punish"}
        out.update({f"I-5 {names[c]}": own[f"share_{c:+d}"] for c in CATEGORIES})
    return out


def bootstrap(self_verbs: list[int], other_verbs: list[int], draws: int = BOOTSTRAP_DRAWS) -> dict[str, tuple[float, float]]:
    """95 % percentile intervals, resampling each side's verbs with replacement."""
    rng = random.Random(BOOTSTRAP_SEED)
    samples: dict[str, list[float]] = {}
    for _ in range(draws):
        s = [rng.choice(self_verbs) for _ in self_verbs]
        o = [rng.choice(other_verbs) for _ in other_verbs]
        for name, value in indices(s, o).items():
            samples.setdefault(name, []).append(value)
    return {name: (_quantile(v, CI_LOW), _quantile(v, CI_HIGH)) for name, v in samples.items()}


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass
class Profile:
    actor: str
    verbs: list[Verb]
    own_statements: int
    indirect_statements: int
    values: dict[str, float]
    intervals: dict[str, tuple[float, float]]

    def count(self, subject: str) -> int:
        return sum(1 for v in self.verbs if v.subject == subject)

    @property
    def thin(self) -> list[str]:
        """Sides with fewer than MIN_VERBS_PER_SIDE coded verbs."""
        return [side for side in ("self", "other") if self.count(side) < MIN_VERBS_PER_SIDE]


def profile(actor: str, statements, code) -> Profile:
    """`statements`: the actor's Statement list; `code(statement) -> [(subject, category)]`."""
    verbs, own, indirect = [], 0, 0
    for s in statements:
        if s.speaker != actor:
            continue
        if s.type not in OWN_WORDS:
            indirect += 1
            continue
        own += 1
        verbs.extend(Verb(subject, category, s.id) for subject, category in code(s))
    self_v = [v.category for v in verbs if v.subject == "self"]
    other_v = [v.category for v in verbs if v.subject == "other"]
    return Profile(actor, verbs, own, indirect, indices(self_v, other_v), bootstrap(self_v, other_v))


def render(p: Profile) -> str:
    lines = [f"operational code of {p.actor}: {p.own_statements} statements in own words (direct/block), "
             f"{p.indirect_statements} reported ones left out",
             f"coded verbs: self {p.count('self')}, other {p.count('other')}"]
    for side in p.thin:
        lines.append(f"WARNING: only {p.count(side)} {side} verbs (< {MIN_VERBS_PER_SIDE}): "
                     f"the {'I' if side == 'self' else 'P'}-indices are shown but not interpreted")
    lines.append(f"{'index':<14} {'value':>7}  95% interval")
    for name, value in p.values.items():
        low, high = p.intervals.get(name, (value, value))
        lines.append(f"{name:<14} {value:>+7.3f}  [{low:+.2f}, {high:+.2f}]")
    if not p.values:
        lines.append("(no coded verbs)")
    return "\n".join(lines)
