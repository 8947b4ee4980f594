"""Finding temporal expressions in text, with their spans.

`find_expressions(text, start, end)` returns every expression in `text[start:end]` as a
`TemporalExpression` (span into `text`, kind, and the calendar fields it states). Nothing
is resolved here: "on Sunday" is a weekday, "May 14" a month and day without a year;
`stancetrace.time.calendar` turns them into dates against a reference.

Patterns are compiled once from the vocabulary file. Month and weekday names must be
capitalised; a month named alone needs a preposition ("in May"), so "May" the modal verb
and "March" the noun are not dates; phrases listed as false friends ("Million Man March")
remove any expression they overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocabulary import Vocabulary, load_vocabulary

# Kinds, by how they are resolved (see calendar.py).
EXPLICIT_KINDS = ("date", "month_day", "month_year", "month", "year", "decade", "season")
RELATIVE_KINDS = ("weekday", "relative_day", "relative_period", "ago", "chained")
# Kinds that bound a span ("from 2012 to 2014", "since 2001"): they never date a statement.
SPAN_KINDS = ("range", "boundary")

# Years we read as years (a four-digit number in this range after "in", "of", ...).
FIRST_YEAR, LAST_YEAR = 1600, 2099
_YEAR = r"(?:1[6-9]|20)\d\d"
# Full patterns run in a window around each trigger word ("ago", a month name, a year):
# the longest expression reaches about 45 characters before its trigger ("twenty-nine
# years ago") and 30 after it, lookaheads included ("May 14, 2008" after "May").
TRIGGER_LOOKBACK = 60
TRIGGER_LOOKAHEAD = 40
_TOKEN = re.compile(r"\w+")
# The word right before a relative period ("over the last year", "since last week"), looked
# for within this many characters (a longest preposition and its spaces).
WORD_BEFORE_REACH = 16
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_YEAR_FAMILIES = frozenset(("iso", "range", "year"))
_DECADE_FAMILIES = frozenset(("decade",))
_NO_FAMILIES = frozenset()


@dataclass(frozen=True)
class TemporalExpression:
    """One temporal expression: its span in the document text and what it states."""

    start: int
    end: int
    text: str
    kind: str  # one of EXPLICIT_KINDS, RELATIVE_KINDS or SPAN_KINDS
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    modifier: str | None = None  # explicit | relative_past | current | future | strict_past
    unit: str | None = None  # day | week | weekend | month | year
    amount: tuple[int, int] | None = None  # signed count, least and most
    months: tuple[int, int] | None = None  # a season's first and last month

    @property
    def basis(self) -> str:
        """'explicit' for calendar words, 'relative' for phrases counted from a reference."""
        if self.kind in RELATIVE_KINDS or self.modifier in ("relative_past", "current", "future"):
            return "relative"
        return "explicit"

    @property
    def can_date(self) -> bool:
        """False for spans and limits ("from 2012 to 2014", "since 2001")."""
        return self.kind not in SPAN_KINDS


def _alternation(words) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


class ExpressionFinder:
    """Precompiled patterns over one vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        v = vocabulary
        full = _alternation(v.months)
        abbreviated = _alternation(a for abbrs in v.months.values() for a in abbrs)
        month = rf"(?P<month>(?:{full})|(?:{abbreviated})\.?)"
        weekday = _alternation(v.weekdays)
        number = self._number_pattern()
        units = _alternation(v.units)
        mp, yp = v.month_prepositions, v.year_prepositions
        month_mod = _alternation(w for group in mp.values() for w in group)
        year_mod = _alternation(w for group in yp.values() for w in group)
        seasons = _alternation(v.seasons)
        self._patterns: list[tuple[str, re.Pattern]] = [
            ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
            ("mdy", re.compile(rf"\b{month}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.,]?\d)"
                               rf"(?:,?\s+(?P<year>{_YEAR})\b(?![,.]?\d))?")),
            ("dmy", re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?![\w])"
                               rf"(?:,?\s+(?P<year>{_YEAR})\b)?")),
            ("my", re.compile(rf"\b{month}(?![\w]),?\s+(?:of\s+)?(?P<year>{_YEAR})\b(?![,.]?\d)")),
            ("month", re.compile(rf"\b(?P<mod>(?i:{month_mod}))\s*(?:(?i:early|late|mid-?)\s*)?"
                                 rf"(?P<month>{full})\b(?!,?\s+\d)")),
            ("range", re.compile(rf"\b(?i:from|between)\s+(?P<year>{_YEAR})\s+(?i:to|and|until|through)\s+{_YEAR}\b"
                                 rf"|\b{_YEAR}\s*[-–—]\s*(?:{_YEAR}|\d\d)\b")),
            ("decade", re.compile(rf"\b(?:(?i:in|during|of|since|by|through)\s+)?(?i:the)\s+"
                                  rf"(?:(?i:early|late|mid-?)\s*)?(?:(?:1[6-9]|20)\d0|[’']\d0)[’']?s\b")),
            ("year", re.compile(rf"\b(?P<mod>(?i:{year_mod}))\s+(?:(?i:early|late|mid-?)\s*)?"
                                rf"(?:(?i:a|an|the|his|her|their|its)\s+)?(?P<year>{_YEAR})\b(?![,.]?\d)")),
            ("season", re.compile(rf"(?i:\b(?P<mod>this\s+past|last|this|next|in|during|early|late)\s+)?"
                                  rf"(?i:the\s+)?(?P<season>(?i:{seasons}))\b"
                                  rf"(?:\s+(?i:of\s+)?(?P<year>{_YEAR})\b)?")),
            ("weekday", re.compile(rf"(?:\b(?P<mod>(?i:this\s+past|last|this\s+coming|this|next|on))\s+)?"
                                   rf"\b(?P<weekday>{weekday})\b(?!,?\s+(?:{full}|{abbreviated}|\d))"
                                   rf"(?:\s+(?i:morning|afternoon|evening|night))?")),
            ("relative_day", re.compile(rf"\b(?i:{_alternation(v.relative_days)})\b")),
            ("relative_period", re.compile(rf"\b(?i:{_alternation(v.relative_periods)})\b")),
            ("ago", re.compile(rf"\b(?P<n>{number})\s+(?P<unit>(?i:{units}))s?\s+(?i:ago)\b")),
            ("counted", re.compile(rf"\b(?P<n>{number})\s+(?P<unit>(?i:{units}))s?\s+"
                                   rf"(?P<dir>(?i:{_alternation(v.chained_directions)}))\b")),
            ("chained", re.compile(rf"\b(?i:{_alternation(v.chained_fixed)})\b")),
        ]
        self._exact, self._lower = self._compile_triggers()
        self._lookup = self._lookup_table()
        # A false friend overlapping an expression lies within its own length of it.
        self._false_friend_reach = max(map(len, v.false_friends), default=0)
        self._false_friends = re.compile(rf"\b(?:{_alternation(v.false_friends)})\b") if v.false_friends else None
        self._month_mod = {w.lower(): group for group, words in mp.items() for w in words}
        self._year_mod = {w.lower(): group for group, words in yp.items() for w in words}

    def _compile_triggers(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Words that can start or end an expression, and the families they call for.

        One pass over the words of a text finds these; the full patterns then run only in
        a window around each. Exact words are case-sensitive (month and weekday names);
        the others are looked up lower-cased.
        """
        v = self.vocabulary
        exact: dict[str, set[str]] = {}
        for name, abbreviations in v.months.items():
            for word in (name, *abbreviations):
                exact.setdefault(word, set()).update(("mdy", "dmy", "my", "month"))
        for name in v.weekdays:
            exact.setdefault(name, set()).add("weekday")
        lower: dict[str, set[str]] = {}
        for phrase in (*v.relative_days, *v.relative_periods, *v.chained_fixed):
            lower.setdefault(phrase.split()[-1].lower(), set()).update(("relative_day", "relative_period", "chained"))
        for season in v.seasons:
            lower.setdefault(season.lower(), set()).add("season")
        lower.setdefault("ago", set()).add("ago")
        for direction in v.chained_directions:
            lower.setdefault(direction.lower(), set()).add("counted")
        return exact, lower

    def _lookup_table(self) -> dict[str, frozenset[str]]:
        """Trigger word -> families, with lower-case words also as written at a sentence start."""
        table = {word: frozenset(f) for word, f in self._lower.items()}
        table |= {word.capitalize(): f for word, f in table.items()}
        return table | {word: frozenset(f) for word, f in self._exact.items()}

    def _numeric_families(self, word: str) -> frozenset[str]:
        if word.isdigit():
            return _YEAR_FAMILIES if len(word) == 4 and FIRST_YEAR <= int(word) <= LAST_YEAR else _NO_FAMILIES
        return _DECADE_FAMILIES if word.endswith("0s") and word[:-1].isdigit() else _NO_FAMILIES

    def _hits(self, text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
        """Spans of trigger words by family. The distinct words are collected in one C-level
        pass; only the few that are triggers are then located."""
        hits: dict[str, list[tuple[int, int]]] = {}
        for w in set(_TOKEN.findall(text, start, end)):
            families = self._lookup.get(w)
            if families is None:
                families = self._numeric_families(w) if w[0].isdigit() else _NO_FAMILIES
            if not families:
                continue
            for span in _word_spans(text, w, start, end):
                for family in families:
                    hits.setdefault(family, []).append(span)
        return hits

    def _matches(self, pattern: re.Pattern, hits: list[tuple[int, int]], text: str, start: int, end: int):
        """Matches of one family in text[start:end] that cover one of its trigger words."""
        seen = set()
        for hit_start, hit_end in hits:
            low, high = max(start, hit_start - TRIGGER_LOOKBACK), min(end, hit_end + TRIGGER_LOOKAHEAD)
            for m in pattern.finditer(text, low, high):
                if m.start() <= hit_start < m.end() and m.span() not in seen:
                    seen.add(m.span())
                    yield m

    def _number_pattern(self) -> str:
        v = self.vocabulary
        tens = [w for w, n in v.numbers.items() if n >= 20 and n % 10 == 0]
        ones = [w for w, n in v.numbers.items() if 1 <= n <= 9 and w not in ("a", "an")]
        compound = rf"(?:{_alternation(tens)})[-\s](?:{_alternation(ones)})"
        words = _alternation(list(v.numbers) + list(v.vague_numbers))
        return rf"(?i:{compound}|{words}|\d{{1,3}})"

    def count(self, phrase: str) -> tuple[int, int] | None:
        """The amount a number phrase states: "four" -> (4, 4), "several" -> (2, 9)."""
        v = self.vocabulary
        key = re.sub(r"\s+", " ", phrase.lower())
        if key.isdigit():
            return int(key), int(key)
        if key in v.vague_numbers:
            return v.vague_numbers[key]
        if key in v.numbers:
            return v.numbers[key], v.numbers[key]
        parts = re.split(r"[-\s]", key)
        if len(parts) == 2 and all(p in v.numbers for p in parts):
            total = v.numbers[parts[0]] + v.numbers[parts[1]]
            return total, total
        return None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[TemporalExpression]:
        """Every temporal expression in text[start:end], in text order, without overlaps."""
        end = len(text) if end is None else end
        found = []
        hits = self._hits(text, start, end)
        for family, pattern in self._patterns:
            for match in self._matches(pattern, hits.get(family, ()), text, start, end):
                expression = self._build(family, match)
                if expression is not None:
                    found.append(expression)
        return [e for e in _longest_first(found) if not self._false_friend(text, e)]

    def _false_friend(self, text: str, e: TemporalExpression) -> bool:
        """True when a listed false friend ("Million Man March") overlaps the expression."""
        if self._false_friends is None:
            return False
        reach = self._false_friend_reach
        low, high = max(0, e.start - reach), min(len(text), e.end + reach)
        return any(m.start() < e.end and e.start < m.end() for m in self._false_friends.finditer(text, low, high))

    def _build(self, family: str, m: re.Match) -> TemporalExpression | None:
        builder = getattr(self, f"_build_{family}")
        return builder(m, dict(start=m.start(), end=m.end(), text=m.group(0)))

    def _build_iso(self, m, span):
        return _dated("date", span, int(m["year"]), int(m["mon"]), int(m["day"]))

    def _build_mdy(self, m, span):
        year = int(m["year"]) if m["year"] else None
        return _dated("date" if year else "month_day", span, year, self.vocabulary.month_number(m["month"]), int(m["day"]))

    _build_dmy = _build_mdy

    def _build_my(self, m, span):
        return TemporalExpression(**span, kind="month_year", year=int(m["year"]),
                                  month=self.vocabulary.month_number(m["month"]))

    def _build_month(self, m, span):
        group = self._month_mod[re.sub(r"\s+", " ", m["mod"].lower())]
        kind = "boundary" if group == "boundary" else "month"
        return TemporalExpression(**span, kind=kind, month=self.vocabulary.month_number(m["month"]), modifier=group)

    def _build_range(self, m, span):
        return TemporalExpression(**span, kind="range")

    def _build_decade(self, m, span):
        return TemporalExpression(**span, kind="decade")

    def _build_year(self, m, span):
        group = self._year_mod[m["mod"].lower()]
        kind = "boundary" if group == "boundary" else "year"
        return TemporalExpression(**span, kind=kind, year=int(m["year"]), modifier=group)

    def _build_season(self, m, span):
        mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
        if not m["year"] and mod not in ("this past", "last", "this", "next"):
            return None  # "the fall of Mosul", "in spring" with no year: not a date we can use
        if m["season"][0].isupper() and not mod:
            return None  # "Spring" capitalised alone is a name ("Arab Spring" is also listed)
        modifier = {"this past": "relative_past", "last": "relative_past", "this": "current", "next": "future"}.get(mod, "explicit")
        if m["year"]:
            modifier = "explicit"
        return TemporalExpression(**span, kind="season", year=int(m["year"]) if m["year"] else None,
                                  months=self.vocabulary.seasons[m["season"].lower()], modifier=modifier)

    def _build_weekday(self, m, span):
        mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
        modifier = {"last": "strict_past", "this past": "strict_past", "next": "future", "this coming": "future"}.get(mod, "explicit")
        return TemporalExpression(**span, kind="weekday", weekday=self.vocabulary.weekdays.index(m["weekday"]), modifier=modifier)

    def _build_relative_day(self, m, span):
        offset = self.vocabulary.relative_days[_phrase(m.group(0))]
        return TemporalExpression(**span, kind="relative_day", unit="day", amount=(offset, offset))

    def _build_relative_period(self, m, span):
        unit, offset = self.vocabulary.relative_periods[_phrase(m.group(0))]
        before = _WORD_BEFORE.search(m.string, max(0, m.start() - WORD_BEFORE_REACH), m.start())
        word = before.group(1).lower() if before else ""
        if word in self.vocabulary.duration_determiners:
            return None  # "over the last year", "the last year of the war": a stretch, not a date
        if word in self._year_mod and self._year_mod[word] == "boundary":
            return TemporalExpression(**span, kind="boundary", unit=unit)  # "since last year"
        return TemporalExpression(**span, kind="relative_period", unit=unit, amount=(offset, offset))

    def _build_ago(self, m, span):
        low, high = self.count(m["n"]) or (None, None)
        if low is None:
            return None
        return TemporalExpression(**span, kind="ago", unit=m["unit"].lower(), amount=(-high, -low))

    def _build_counted(self, m, span):
        bounds = self.count(m["n"])
        if bounds is None:
            return None
        sign = self.vocabulary.chained_directions[m["dir"].lower()]
        amounts = sorted((sign * bounds[0], sign * bounds[1]))
        return TemporalExpression(**span, kind="chained", unit=m["unit"].lower(), amount=(amounts[0], amounts[1]))

    def _build_chained(self, m, span):
        unit, amount = self.vocabulary.chained_fixed[_phrase(m.group(0))]
        return TemporalExpression(**span, kind="chained", unit=unit, amount=(amount, amount))


def _word_spans(text: str, word: str, start: int, end: int):
    """Spans of `word` as a whole \\w+ token in text[start:end]."""
    at = text.find(word, start, end)
    while at != -1:
        after = at + len(word)
        if (at == start or not _is_word_char(text[at - 1])) and (after == end or not _is_word_char(text[after])):
            yield at, after
        at = text.find(word, after, end)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _phrase(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def _dated(kind, span, year, month, day) -> TemporalExpression | None:
    """A day-month(-year) expression, or None when the numbers are not a calendar day."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return TemporalExpression(**span, kind=kind, year=year, month=month, day=day, modifier="explicit")


def _longest_first(found: list[TemporalExpression]) -> list[TemporalExpression]:
    """Keep the longest of overlapping matches (earliest first on ties), in text order."""
    kept: list[TemporalExpression] = []
    for e in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        if not any(k.start < e.end and e.start < k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)


@lru_cache(maxsize=1)
def default_finder() -> ExpressionFinder:
    return ExpressionFinder(load_vocabulary())


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[TemporalExpression]:
    """Temporal expressions in text[start:end] with spans into `text` (see module doc)."""
    return default_finder().find(text, start, end)
