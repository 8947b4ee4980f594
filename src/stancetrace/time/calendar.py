"""Resolving temporal expressions to dates against a reference.

Every value is an interval of days `[earliest, latest]`, and every output is the
coarsest calendar value that the whole interval shares: one day -> 'YYYY-MM-DD', one
month -> 'YYYY-MM', one year -> 'YYYY', more -> null. So nothing is ever guessed:
"yesterday" in an article dated only '2019' gives null unless the document's range
keeps it inside one year, and "on Sunday" in an article of 2014-09 gives '2014'.

Conventions (tested in tests/test_time_calendar.py):
- A month and day without a year ("on May 14") is its latest occurrence on or before
  the reference date, so "in December" in a January article is the previous year.
- A weekday ("on Sunday") is its latest occurrence on or before the reference date: in an
  article published on a Tuesday, "on Tuesday" is that same day (news style uses the
  weekday for today), "last Tuesday" the week before, "next Tuesday" the week after.
- "this past May" / "last May" is the latest May strictly before the reference month.
- Decades ("in the 1980s") are found but resolve to null: the format has no decade.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .expressions import TemporalExpression

DAYS_PER_WEEK = 7
SATURDAY = 5  # date.weekday() of Saturday


@dataclass(frozen=True)
class Interval:
    earliest: date
    latest: date

    def value(self) -> tuple[str | None, str | None]:
        """(value, granularity): the coarsest calendar unit the whole interval shares."""
        a, b = self.earliest, self.latest
        if a == b:
            return a.isoformat(), "day"
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.year:04d}-{a.month:02d}", "month"
        if a.year == b.year:
            return f"{a.year:04d}", "year"
        return None, None


@dataclass(frozen=True)
class Reference(Interval):
    """The date expressions are counted from: the document's date, as far as it is known."""

    @classmethod
    def from_value(cls, value: str) -> Reference:
        span = interval_of(value)
        return cls(span.earliest, span.latest)

    @classmethod
    def from_document(cls, published: str | None, published_range=None) -> Reference | None:
        """The document's date narrowed by its range; None when neither is usable."""
        span = _safe_interval(published) if published else None
        if published_range:
            low, high = _safe_interval(published_range[0]), _safe_interval(published_range[-1])
            if low and high:
                ranged = Interval(low.earliest, high.latest)
                span = _intersect(span, ranged) if span else ranged
        return cls(span.earliest, span.latest) if span else None


@dataclass(frozen=True)
class ResolvedExpression:
    """An expression with the interval it stands for (None when it cannot be told)."""

    expression: TemporalExpression
    interval: Interval | None
    after_reference: bool = False  # later than the document's latest date: not a statement date

    @property
    def value(self) -> str | None:
        return self.interval.value()[0] if self.interval else None

    @property
    def granularity(self) -> str | None:
        return self.interval.value()[1] if self.interval else None

    @property
    def basis(self) -> str:
        return self.expression.basis if self.value else "unknown"


def interval_of(value: str) -> Interval:
    """'2014', '2014-09' or '2014-09-02' as an interval of days (ValueError otherwise)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return Interval(date(parts[0], 1, 1), date(parts[0], 12, 31))
    if len(parts) == 2:
        return _month(parts[0], parts[1])
    if len(parts) == 3:
        day = date(*parts)
        return Interval(day, day)
    raise ValueError(f"not a date: {value!r}")


def _safe_interval(value: str) -> Interval | None:
    try:
        return interval_of(str(value))
    except (ValueError, TypeError):
        return None


def _intersect(a: Interval, b: Interval) -> Interval:
    low, high = max(a.earliest, b.earliest), min(a.latest, b.latest)
    return Interval(low, high) if low <= high else a


def _month(year: int, month: int) -> Interval:
    last = _calendar.monthrange(year, month)[1]
    return Interval(date(year, month, 1), date(year, month, last))


def _year(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31))


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _hull(first: Interval | None, second: Interval | None) -> Interval | None:
    if first is None or second is None:
        return None
    return Interval(min(first.earliest, second.earliest), max(first.latest, second.latest))


def _at_both_ends(reference: Interval, at_day) -> Interval | None:
    """Apply a monotone day -> interval function at both ends of the reference."""
    return _hull(at_day(reference.earliest), at_day(reference.latest))


# -- one function per kind: (expression, day) -> Interval | None ------------------------

def _month_day_at(e: TemporalExpression, day: date) -> Interval | None:
    year = day.year if (e.month, e.day) <= (day.month, day.day) else day.year - 1
    try:
        found = date(year, e.month, e.day)
    except ValueError:
        return None
    return Interval(found, found)


def _month_at(e: TemporalExpression, day: date) -> Interval:
    if e.modifier == "current":
        return _month(day.year, e.month)
    if e.modifier == "future":
        return _month(day.year if e.month > day.month else day.year + 1, e.month)
    inclusive = e.modifier != "relative_past"
    before = e.month < day.month or (inclusive and e.month == day.month)
    return _month(day.year if before else day.year - 1, e.month)


def _season_span(first: int, last: int, year: int) -> Interval:
    """The season whose first month falls in `year` (winter runs into the next year)."""
    end_year = year + 1 if last < first else year
    return Interval(_month(year, first).earliest, _month(end_year, last).latest)


def _season_at(e: TemporalExpression, day: date) -> Interval:
    first, last = e.months
    this_year = _season_span(first, last, day.year)
    if e.modifier == "current":
        return this_year
    if e.modifier == "future":
        return this_year if this_year.earliest > day else _season_span(first, last, day.year + 1)
    # relative past: the latest season that has ended before the reference day
    return this_year if this_year.latest < day else _season_span(first, last, day.year - 1)


def _weekday_at(e: TemporalExpression, day: date) -> Interval:
    back = (day.weekday() - e.weekday) % DAYS_PER_WEEK
    if e.modifier == "strict_past" and back == 0:
        back = DAYS_PER_WEEK
    if e.modifier == "future":
        back = -((e.weekday - day.weekday()) % DAYS_PER_WEEK or DAYS_PER_WEEK)
    found = day - timedelta(days=back)
    return Interval(found, found)


def _period_at(unit: str, count: int, day: date) -> Interval:
    """The day, week (Monday-Sunday), weekend, month or year `count` units from `day`'s."""
    if unit == "day":
        found = day + timedelta(days=count)
        return Interval(found, found)
    if unit in ("week", "weekend"):
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=count)
        start = monday + timedelta(days=SATURDAY) if unit == "weekend" else monday
        return Interval(start, monday + timedelta(days=DAYS_PER_WEEK - 1))
    if unit == "month":
        return _month(*_add_months(day.year, day.month, count))
    return _year(day.year + count)


def _shift_at(unit: str, count: int, day: date) -> Interval:
    """`count` units from a day, keeping the unit's precision ("a week ago" is a day)."""
    if unit in ("day", "week"):
        found = day + timedelta(days=count * (DAYS_PER_WEEK if unit == "week" else 1))
        return Interval(found, found)
    return _period_at(unit, count, day)


def _counted(e: TemporalExpression, span: Interval, step) -> Interval | None:
    least, most = e.amount
    return _hull(step(e.unit, least, span.earliest), step(e.unit, most, span.latest))


def resolve(e: TemporalExpression, reference: Interval | None, previous: Interval | None = None) -> Interval | None:
    """The interval an expression stands for, or None when the text does not tell."""
    if e.kind == "date":
        return _month_day_at(e, date(e.year, 12, 31))
    if e.kind == "month_year":
        return _month(e.year, e.month)
    if e.kind == "year":
        return _year(e.year)
    if e.kind == "season" and e.year:
        return _season_span(*e.months, e.year)
    if e.kind == "chained":
        return _counted(e, previous, _shift_at) if previous else None
    if reference is None or not e.can_date or e.kind == "decade":
        return None
    if e.kind in ("relative_day", "relative_period"):
        return _counted(e, reference, _period_at)
    if e.kind == "ago":
        return _counted(e, reference, _shift_at)
    by_kind = {"month_day": _month_day_at, "month": _month_at, "season": _season_at, "weekday": _weekday_at}
    return _at_both_ends(reference, lambda day: by_kind[e.kind](e, day))


def resolve_all(expressions: list[TemporalExpression], reference: Interval | None) -> list[ResolvedExpression]:
    """Resolve in text order; "a week later" counts from the previous dating expression."""
    resolved, previous = [], None
    for e in expressions:
        try:
            interval = resolve(e, reference, previous)
        except (ValueError, OverflowError):  # a calendar day that does not exist (February 30)
            interval = None
        late = bool(interval and reference and interval.earliest > reference.latest)
        resolved.append(ResolvedExpression(e, interval, after_reference=late))
        if e.can_date and not late:
            previous = interval
    return resolved
