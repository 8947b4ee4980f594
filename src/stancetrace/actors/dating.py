"""Date an undated document by what it says: the offices its people hold, events, years.

Evidence, each a set of date intervals the document's date must fall in:
- a name with a current title ("President Hassan Rouhani"): within one of his tenures
  of that office (the possible span, so coarse dates never exclude the truth);
- "former"/"late" + title: after the earliest day one of those tenures could have ended;
- "then-" + title: after the tenure began (the text looks back at it);
- "-elect" + title: in the weeks before the tenure began;
- a named event from events.yaml: on or after the event;
- (weak) the latest year the text mentions, unless the year is announced as future
  ("by 2021", "ends in 2021").
Strong evidence is combined by vote: the dates most pieces agree on win, so one
historical aside ("Iraq's foreign minister Tariq Aziz" in a 2026 piece) is outvoted.
Weak evidence narrows the result only when it agrees with it. No lower bound means
nothing to go on: the answer is None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .model import DATE_MAX, DATE_MIN, Mention

# From a US presidential election (early November) to the inauguration is 77 days;
# 100 covers it and the shorter gap before an Iranian president's endorsement.
ELECT_WINDOW_DAYS = 100
# Words right before a year that make it a forecast, not a date already passed.
FUTURE_CUES = frozenset({"by", "before", "until", "till", "ends", "end", "expires", "due", "next", "upcoming",
                         "will", "in late", "after"})
_YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?:s)?(?![\d/-])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*(?:in\W+)?$")
# Years outside this are not publication-date evidence (historical or far future).
EARLIEST_YEAR = 1900
ONE_DAY = timedelta(days=1)

Interval = tuple[date, date]


def infer_date_range(kb, text: str, today: date | None = None) -> tuple[date, date] | None:
    """The narrowest (earliest, latest) the text's evidence allows, or None without evidence."""
    today = today or date.today()
    strong = _mention_evidence(kb, kb.find_mentions(text)) + _event_evidence(kb, text)
    if not strong:
        return None
    best = _vote(strong)
    year = _latest_past_year(text, today)
    if year is not None:
        narrowed = _intersect(best, [(date(year, 1, 1), DATE_MAX)])
        best = narrowed or best
    lo = min(a for a, _ in best)
    hi = max(b for _, b in best)
    hi = min(hi, today)
    if lo == DATE_MIN or hi < lo:
        return None
    return lo, hi


# ---- evidence ---------------------------------------------------------------------------

def _mention_evidence(kb, mentions: list[Mention]) -> list[list[Interval]]:
    seen: set[tuple] = set()
    evidence = []
    for mention in mentions:
        if not mention.actor_ids or not mention.roles:
            continue
        key = (mention.actor_ids, mention.roles, mention.qualifier)
        if key in seen:
            continue
        seen.add(key)
        tenures = [t for a in mention.actor_ids for r in mention.roles for t in kb.actor(a).tenures_of(r)]
        intervals = _intervals_for(tenures, mention.qualifier)
        if intervals:
            evidence.append(intervals)
    return evidence


def _intervals_for(tenures, qualifier: str) -> list[Interval]:
    if not tenures:
        return []
    if qualifier == "former":
        ends = [t.certain_end for t in tenures if t.certain_end < DATE_MAX]
        return [(min(ends) + ONE_DAY, DATE_MAX)] if ends else []
    if qualifier == "then":
        return [(min(t.possible_start for t in tenures), DATE_MAX)]
    if qualifier == "elect":
        window = timedelta(days=ELECT_WINDOW_DAYS)
        return _union([(t.possible_start - window, t.certain_start - ONE_DAY)
                       for t in tenures if t.possible_start > DATE_MIN + window])
    return _union([(t.possible_start, t.possible_end) for t in tenures])


def _event_evidence(kb, text: str) -> list[list[Interval]]:
    evidence = []
    for event in kb.data.events:
        pattern = r"(?<![\w])(?:" + "|".join(re.escape(p) for p in event.phrases) + r")(?![\w])(?!\s+of\b)"
        if re.search(pattern, text):
            evidence.append([(event.after, DATE_MAX)])
    return evidence


def _latest_past_year(text: str, today: date) -> int | None:
    latest = None
    for found in _YEAR.finditer(text):
        year = int(found.group(1))
        if not EARLIEST_YEAR <= year <= today.year:
            continue
        before = _WORD_BEFORE.search(text, max(0, found.start() - 24), found.start())
        if before and before.group(1).lower() in FUTURE_CUES:
            continue
        latest = year if latest is None else max(latest, year)
    return latest


# ---- interval arithmetic ---------------------------------------------------------------

def _union(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for lo, hi in sorted(i for i in intervals if i[0] <= i[1]):
        if merged and lo <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return _union(out)


def _vote(evidence: list[list[Interval]]) -> list[Interval]:
    """The dates covered by the most pieces of evidence (all of them when they agree)."""
    points = sorted({lo for e in evidence for lo, _ in e} | {hi + ONE_DAY for e in evidence for _, hi in e
                                                              if hi < DATE_MAX} | {DATE_MIN})
    best_count, best = 0, []
    for index, lo in enumerate(points):
        hi = points[index + 1] - ONE_DAY if index + 1 < len(points) else DATE_MAX
        count = sum(any(a <= lo and hi <= b for a, b in e) for e in evidence)
        if count > best_count:
            best_count, best = count, [(lo, hi)]
        elif count == best_count and count:
            best.append((lo, hi))
    return _union(best)
