"""Statements of one actor as a series in time, and the timeline table.

A statement's place in time is its `said_on` at the granularity the text gave it (day, month
or year). It is never moved to a guessed date: undated statements are kept apart, and a
statement dated more coarsely than the timeline's granularity (a year in a monthly view) is
listed apart too.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ConfigError, Errors
from ..records import Attribution

GRANULARITIES = ("year", "month", "day")
_DATE_LEN = {"year": 4, "month": 7, "day": 10}  # length of the ISO prefix at each granularity
NEUTRAL = "neutral"  # the stance label of a statement with no event


@dataclass(frozen=True)
class Statement:
    id: str  # "#<row id>" in a store; "<doc>@<content_start>" in a records file
    speaker: str
    target: str | None
    event: str | None
    score: float | None  # Goldstein weight / 10: cooperation (+) ... conflict (-)
    said_on: str | None
    doc: str
    content: str
    type: str
    content_start: int = 0

    @property
    def granularity(self) -> str | None:
        if not self.said_on:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.said_on))

    @property
    def first_day(self) -> date | None:
        if not self.said_on:
            return None
        parts = [int(p) for p in self.said_on.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    @property
    def last_day(self) -> date | None:
        """The last day the date allows ("2013" -> 2013-12-31): a coarse date is a range."""
        first = self.first_day
        if first is None:
            return None
        if self.granularity == "year":
            return date(first.year, 12, 31)
        if self.granularity == "month":
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return first

    def contains(self, other: "Statement") -> bool:
        """Whether this statement's date range strictly holds the other's ("2013" holds "2013-09-17")."""
        return (self.first_day <= other.first_day and other.last_day <= self.last_day
                and (self.first_day, self.last_day) != (other.first_day, other.last_day))

    def sort_key(self) -> tuple:
        return (self.first_day or date.max, len(self.said_on or ""), self.doc, self.content_start)


def statement(a: Attribution, ident: str, rules) -> Statement:
    score = rules.goldstein(a.event)
    return Statement(ident, a.speaker, a.target, rules.canonical(a.event),
                     None if score is None else round(score / 10.0, 3),
                     a.said_on, a.doc, a.content, a.type, a.content_start)


def from_store(db: str, rules) -> list[Statement]:
    """Every attribution of a store (SQLite file or postgresql:// URL), with its row id."""
    from ..store import open_store

    with open_store(db) as store:
        return [statement(a, f"#{row_id}", rules) for row_id, a in store.numbered_attributions()]


def from_records(path: Path, rules) -> list[Statement]:
    """Attribution records (our `extract` output, or gold) from a JSONL file."""
    out = []
    fields = Attribution.__dataclass_fields__
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            a = Attribution(**{k: v for k, v in record.items() if k in fields})
        except (ValueError, TypeError) as exc:
            raise ConfigError(Errors.E608.format(path=path, line=n, detail=exc)) from exc
        out.append(statement(a, f"{a.doc}@{a.content_start}", rules))
    return out


@dataclass(frozen=True)
class Selection:
    actor: str
    target: str | None = None
    since: str | None = None
    until: str | None = None

    def keeps(self, s: Statement) -> bool:
        if s.speaker != self.actor or (self.target and s.target != self.target):
            return False
        if s.said_on and self.since and s.said_on[: len(self.since)] < self.since:
            return False
        if s.said_on and self.until and s.said_on[: len(self.until)] > self.until:
            return False
        return True


def select(statements: list[Statement], selection: Selection) -> tuple[list[Statement], list[Statement]]:
    """(dated, undated) statements of the selection, each in time order."""
    kept = sorted((s for s in statements if selection.keeps(s)), key=Statement.sort_key)
    return [s for s in kept if s.said_on], [s for s in kept if not s.said_on]


@dataclass
class Period:
    period: str
    statements: list[Statement] = field(default_factory=list)

    @property
    def scored(self) -> list[Statement]:
        return [s for s in self.statements if s.score is not None]

    @property
    def mean(self) -> float | None:
        scored = self.scored
        return round(sum(s.score for s in scored) / len(scored), 3) if scored else None

    @property
    def events(self) -> Counter:
        return Counter(s.event or NEUTRAL for s in self.statements)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statements]


@dataclass
class Timeline:
    selection: Selection
    granularity: str
    periods: list[Period]
    coarser: list[Statement]  # dated less precisely than the granularity: listed apart
    undated: list[Statement]


def check_granularity(value: str) -> str:
    if value not in GRANULARITIES:
        raise ConfigError(Errors.E605.format(value=value, expected=", ".join(GRANULARITIES)))
    return value


def timeline(statements: list[Statement], selection: Selection, granularity: str = "month") -> Timeline:
    check_granularity(granularity)
    dated, undated = select(statements, selection)
    width = _DATE_LEN[granularity]
    periods: dict[str, Period] = {}
    coarser = []
    for s in dated:
        if len(s.said_on) < width:
            coarser.append(s)
            continue
        key = s.said_on[:width]
        periods.setdefault(key, Period(key)).statements.append(s)
    return Timeline(selection, granularity, [periods[k] for k in sorted(periods)], coarser, undated)


def render_timeline(t: Timeline) -> str:
    sel = t.selection
    head = f"{sel.actor} → {sel.target or 'all targets'}, by {t.granularity}"
    lines = [head, f"{'period':<10} {'n':>3} {'stance':>7}  events  [attribution ids]"]
    for p in t.periods:
        mean = "" if p.mean is None else f"{p.mean:+.2f}"
        events = ", ".join(f"{e}×{n}" if n > 1 else e for e, n in sorted(p.events.items()))
        lines.append(f"{p.period:<10} {len(p.statements):>3} {mean:>7}  {events}  [{', '.join(p.ids)}]")
    if not t.periods:
        lines.append("(no dated statements)")
    for title, group in ((f"dated only more coarsely than a {t.granularity}", t.coarser), ("undated (not placed in time)", t.undated)):
        if group:
            lines.append(f"{title}: {len(group)}")
            lines.extend(f"  {s.said_on or '----':<10} {s.event or NEUTRAL:<11} {s.id}  {_short(s.content)}" for s in group)
    return "\n".join(lines)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
