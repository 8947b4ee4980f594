"""Reversals: change points in an actor–target stance series, with a minimum-evidence rule.

The series is the actor's dated statements that perform an event, each scored by its
Goldstein weight / 10. An optimal segmentation (least squares plus a cost per segment,
by dynamic programming) cuts the series only between different dates and only into
segments of at least MIN_EVIDENCE statements. A cut is reported as a reversal when the mean
stance changes sign across it by at least MIN_SHIFT; each reversal names the statements
before and after it. Undated statements never enter the series.

Coarse dates are ranges, not their first day: a statement dated only "2013" may have been made
on any day of 2013. A statement whose range holds another statement's date ("2013" holds
"2013-09-17") cannot be ordered against it, so it takes no part in finding the cuts; afterwards
it joins the one segment whose territory (from the end of the segment before to the start of
the one after) holds its whole range, or, when its range straddles a cut, is listed apart as
"too coarsely dated to place". Statements that hold no other's date (a series of years, say)
are ordered as usual. The shift test uses the ordered statements only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .series import Selection, Statement, select

# Statements needed on each side of a shift: one or two statements (often one speech
# reported twice) are an episode, three on separate reports are a position.
MIN_EVIDENCE = 3
# Cost of one more segment, in squared score units. A shift between REJECT (-0.4) and
# SUPPORT (+0.35) with 3 statements each side saves 3*3/6 * 0.75**2 = 0.84 > 0.5; moves
# inside one stance (DISAPPROVE -0.2 vs REJECT -0.4) save far less.
SEGMENT_PENALTY = 0.5
# Smallest change of mean stance that counts as a reversal (same scale, -1..+1).
MIN_SHIFT = 0.4


@dataclass(frozen=True)
class Segment:
    statements: tuple[Statement, ...]
    coarse: tuple[Statement, ...] = ()  # coarsely dated statements placed in this segment

    @property
    def mean(self) -> float:
        return sum(s.score for s in self.statements) / len(self.statements)

    @property
    def span(self) -> str:
        return f"{self.statements[0].said_on}..{self.statements[-1].said_on}"


@dataclass(frozen=True)
class Reversal:
    actor: str
    target: str | None
    before: Segment
    after: Segment
    unplaced: tuple[Statement, ...] = ()  # coarse dates that straddle this cut

    @property
    def direction(self) -> str:
        return "toward cooperation" if self.after.mean > self.before.mean else "toward conflict"


def series(statements: list[Statement], selection: Selection) -> list[Statement]:
    dated, _ = select(statements, selection)
    return [s for s in dated if s.score is not None]


def split_coarse(points: list[Statement]) -> tuple[list[Statement], list[Statement]]:
    """(ordered, coarse): coarse statements hold another statement's date in their range."""
    coarse = [p for p in points if any(p.contains(q) for q in points)]
    return [p for p in points if p not in coarse], coarse


def place(parts: list[Segment], coarse: list[Statement]) -> tuple[list[Segment], list[Statement]]:
    """Coarse statements added to the segment whose territory holds their whole range."""
    if not parts:
        return parts, coarse
    placed: list[list[Statement]] = [[] for _ in parts]
    unplaced = []
    for c in coarse:
        homes = [k for k in range(len(parts)) if _territory_holds(parts, k, c)]
        if len(homes) == 1:
            placed[homes[0]].append(c)
        else:
            unplaced.append(c)
    return [Segment(p.statements, tuple(extra)) for p, extra in zip(parts, placed)], unplaced


def _territory_holds(parts: list[Segment], k: int, c: Statement) -> bool:
    after_previous = k == 0 or c.first_day > parts[k - 1].statements[-1].last_day
    before_next = k == len(parts) - 1 or c.last_day < parts[k + 1].statements[0].first_day
    return after_previous and before_next


def segments(points: list[Statement], min_evidence: int = MIN_EVIDENCE, penalty: float = SEGMENT_PENALTY) -> list[Segment]:
    """Least-cost segmentation of `points` (already in time order)."""
    n = len(points)
    if n < 2 * min_evidence:
        return [Segment(tuple(points))] if points else []
    scores = [p.score for p in points]
    sums, squares = [0.0], [0.0]
    for x in scores:
        sums.append(sums[-1] + x)
        squares.append(squares[-1] + x * x)

    def cost(i: int, j: int) -> float:
        total = sums[j] - sums[i]
        return squares[j] - squares[i] - total * total / (j - i)

    cuttable = {k for k in range(1, n) if points[k - 1].sort_key()[:2] != points[k].sort_key()[:2]}
    best, back = [0.0] + [float("inf")] * n, [0] * (n + 1)
    for j in range(min_evidence, n + 1):
        for i in [0] + [k for k in range(min_evidence, j - min_evidence + 1) if k in cuttable]:
            if i and best[i] == float("inf"):
                continue
            value = best[i] + cost(i, j) + penalty
            if value < best[j]:
                best[j], back[j] = value, i
    cuts, j = [], n
    while j > 0:
        cuts.append((back[j], j))
        j = back[j]
    return [Segment(tuple(points[i:j])) for i, j in reversed(cuts)]


def reversals(statements: list[Statement], selection: Selection, *, min_evidence: int = MIN_EVIDENCE,
              min_shift: float = MIN_SHIFT) -> list[Reversal]:
    ordered, coarse = split_coarse(series(statements, selection))
    parts, unplaced = place(segments(ordered, min_evidence), coarse)
    found = []
    for before, after in zip(parts, parts[1:]):
        if before.mean * after.mean < 0 and abs(after.mean - before.mean) >= min_shift:
            cut = (before.statements[-1].last_day, after.statements[0].first_day)
            straddling = tuple(c for c in unplaced if c.first_day <= cut[1] and c.last_day >= cut[0])
            found.append(Reversal(selection.actor, selection.target, before, after, straddling))
    return found


def targets_of(statements: list[Statement], actor: str) -> list[str]:
    """Every target the actor has a scored, dated statement about, most statements first."""
    counts: dict[str, int] = {}
    for s in statements:
        if s.speaker == actor and s.target and s.said_on and s.score is not None:
            counts[s.target] = counts.get(s.target, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t))


def render(found: list[Reversal], shown: int = 3) -> str:
    if not found:
        return "no reversal with enough evidence on each side"
    lines = []
    for r in found:
        lines.append(f"{r.actor} → {r.target}: {r.before.mean:+.2f} ({r.before.span}, n={len(r.before.statements)})"
                     f" → {r.after.mean:+.2f} ({r.after.span}, n={len(r.after.statements)}), {r.direction}")
        lines.append("  before:")
        lines.extend(_line(s) for s in r.before.statements[-shown:])
        lines.append("  after:")
        lines.extend(_line(s) for s in r.after.statements[:shown])
        for title, group in (("coarsely dated, placed before", r.before.coarse),
                             ("coarsely dated, placed after", r.after.coarse),
                             ("too coarsely dated to place (range straddles the cut)", r.unplaced)):
            if group:
                lines.append(f"  {title}:")
                lines.extend(_line(s) for s in group)
    return "\n".join(lines)


def _line(s: Statement) -> str:
    text = " ".join(s.content.split())
    return f"    {s.said_on:<10} {s.event:<10} {s.id}  {text[:70]}"
