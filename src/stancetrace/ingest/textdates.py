"""Publication dates written in article text: datelines such as "Nov 12, 2008".

A *dateline* is a line that is a date and little else: a prefix ("Posted on",
"Published"), a weekday, a place ("TEHRAN,"), a time ("10:32 AM ET") and separators
may stand around it. A sentence that mentions a date ("met on May 14, 2019 in Oman")
is never a dateline, which is how dates of events in the body stay out of the
publication date. The cleaner only asks about lines of the page head (and prefixed
lines of the tail), see `cleaning.py`.

Only complete dates are returned: day, month and year (YYYY-MM-DD); month and year
(YYYY-MM); a year alone only when a prefix says it is the publication year. A date
without a year ("Nov. 12") is not complete and is left unknown; so is a numeric date
whose day and month cannot be told apart (03/04/2014 gives the year only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .markers import load_rules

DAY, MONTH, YEAR = "day", "month", "year"

# Years outside this range are not read as publication dates: the earliest printed
# news we could meet is from the 1600s, and a year far ahead is a typo or a number.
MIN_YEAR, MAX_YEAR = 1600, 2100

# Capitalised words before a comma that may name the place of a dateline ("NEW YORK,",
# "Tehran,"). Three covers "Rio de Janeiro" and "Washington D.C." without letting a
# sentence through.
MAX_PLACE_WORDS = 3

_SEPARATORS = re.compile(r"\s[|·•—–]\s|\s-\s")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?", re.I)
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class TextDate:
    """A date found in a text: its ISO value and the span of its words."""

    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str  # day | month | year
    start: int
    end: int
    revision: bool = False  # introduced by "Updated"/"Last modified": not the publication date


@dataclass(frozen=True)
class _Match:
    value: str
    granularity: str
    start: int
    end: int


class _Vocabulary:
    """The date words of `data/ingest/dates.yaml`, compiled once."""

    def __init__(self) -> None:
        rules = load_rules("dates", ("months", "weekdays", "published_prefixes", "revision_prefixes", "time_zones"))
        self.months: dict[str, int] = {str(k).lower(): int(v) for k, v in rules["months"].items()}
        self.weekdays = {str(w).lower() for w in rules["weekdays"]}
        self.published = {str(w).lower() for w in rules["published_prefixes"]}
        self.revision = {str(w).lower() for w in rules["revision_prefixes"]}
        self.time_zones = {str(w).lower() for w in rules["time_zones"]}
        month = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        ordinal = r"(?:st|nd|rd|th)?"
        self.patterns = [
            (re.compile(r"\b(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})\b"), DAY),
            (re.compile(rf"\b(?P<mn>{month})\.?\s+(?P<d>\d{{1,2}}){ordinal},?\s+(?P<y>\d{{4}})\b", re.I), DAY),
            (re.compile(rf"\b(?P<d>\d{{1,2}}){ordinal}\s+(?:of\s+)?(?P<mn>{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I), DAY),
            (re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b"), "numeric"),
            (re.compile(rf"\b(?P<mn>{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I), MONTH),
            (re.compile(r"\b(?P<y>\d{4})\b"), YEAR),
        ]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


def dates_in(segment: str) -> list[TextDate]:
    """Every complete date written in `segment`, left to right (offsets into it)."""
    found: list[_Match] = []
    for pattern, kind in _vocabulary().patterns:
        for match in pattern.finditer(segment):
            if any(match.start() < other.end and other.start < match.end() for other in found):
                continue  # a longer, more specific reading already covers these words
            read = _read(match, kind)
            if read is not None:
                found.append(read)
    found.sort(key=lambda m: m.start)
    return [TextDate(m.value, m.granularity, m.start, m.end) for m in found]


def dateline(text: str, start: int, end: int) -> TextDate | None:
    """Read the line text[start:end] as a dateline; the date's span indexes `text`.

    A line holding both a publication and a revision date ("Published May 1, 2019 |
    Updated May 3, 2019") gives the publication date; a line with only a revision date
    gives it with `revision=True`.
    """
    line = text[start:end]
    readings = [reading for part_start, part in _segments(line) if (reading := _segment_date(part, part_start + start))]
    if not readings:
        return None
    first_publication = next((r for r in readings if not r.revision), None)
    return first_publication or readings[0]


def _segments(line: str) -> list[tuple[int, str]]:
    """The parts of a line split at " | ", " · ", " — " (offset, text)."""
    parts, cursor = [], 0
    for separator in _SEPARATORS.finditer(line):
        parts.append((cursor, line[cursor : separator.start()]))
        cursor = separator.end()
    parts.append((cursor, line[cursor:]))
    return parts


def _segment_date(segment: str, offset: int) -> TextDate | None:
    found = dates_in(segment)
    if len(found) != 1:
        return None  # no date, or a list of dates: not a dateline
    only = found[0]
    residue = segment[: only.start] + " " + segment[only.end :]
    words = _residue_words(residue)
    if words is None:
        return None
    vocabulary = _vocabulary()
    revision = any(w in vocabulary.revision for w in words)
    prefixed = revision or any(w in vocabulary.published for w in words)
    if only.granularity == YEAR and not prefixed:
        return None  # a bare number on a line is not said to be a publication year
    return TextDate(only.value, only.granularity, offset + only.start, offset + only.end, revision)


def _residue_words(residue: str) -> list[str] | None:
    """The dateline words around a date, or None when anything else is there."""
    vocabulary = _vocabulary()
    residue = _TIME.sub(" ", residue)
    residue = _strip_place(residue)
    words = []
    for token in _TOKEN.findall(residue):
        lowered = token.lower()
        if not token[0].isalnum():
            continue  # punctuation and separators
        if lowered in vocabulary.weekdays or lowered in vocabulary.published:
            words.append(lowered)
        elif lowered in vocabulary.revision or lowered in vocabulary.time_zones:
            words.append(lowered)
        else:
            return None
    return words


def _strip_place(residue: str) -> str:
    """Drop a leading place name before a comma or dash ("TEHRAN, ", "Tehran — ")."""
    match = re.match(r"\s*((?:[A-Z][\w.'’-]*\s*){1,%d})[,—–-]" % MAX_PLACE_WORDS, residue)
    if not match:
        return residue
    words = {w.lower() for w in match.group(1).split()}
    vocabulary = _vocabulary()
    if words & (vocabulary.published | vocabulary.revision | vocabulary.weekdays):
        return residue  # "Posted," or "Tuesday," is not a place
    return residue[match.end() :]


def _read(match: re.Match, kind: str) -> _Match | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if kind == YEAR:
        return _Match(f"{year:04d}", YEAR, match.start(), match.end())
    if kind == "numeric":
        return _read_numeric(match, year)
    month = _vocabulary().months[groups["mn"].lower()] if groups.get("mn") else int(groups["m"])
    if kind == MONTH:
        return _Match(f"{year:04d}-{month:02d}", MONTH, match.start(), match.end()) if 1 <= month <= 12 else None
    return _checked_day(year, month, int(groups["d"]), match)


def _read_numeric(match: re.Match, year: int) -> _Match | None:
    """03/04/2014 is March 4 in the US and 3 April elsewhere: only an impossible month decides."""
    first, second = int(match.group("a")), int(match.group("b"))
    if first > 12 >= second:
        return _checked_day(year, second, first, match)
    if second > 12 >= first:
        return _checked_day(year, first, second, match)
    if first > 12 and second > 12:
        return None
    return _Match(f"{year:04d}", YEAR, match.start(), match.end())


def _checked_day(year: int, month: int, day: int, match: re.Match) -> _Match | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return _Match(value.isoformat(), DAY, match.start(), match.end())


# A wire-style lead dateline ends with a dash (or a credit and a dash) within this many
# characters of the line start: "NEW YORK, Sept. 2, 2014 (Reuters) —" is 37.
LEAD_DATELINE_MAX_CHARS = 80
_LEAD_END = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[—–]\s|\s*(?:\([^()\n]{1,40}\)\s*)?\s-{1,2}\s")


def lead_dateline(text: str, start: int, end: int) -> TextDate | None:
    """The dateline that opens a first paragraph: "TEHRAN, March 22, 2009 — Iran's ..."."""
    lead = _LEAD_END.search(text, start, min(end, start + LEAD_DATELINE_MAX_CHARS))
    if lead is None:
        return None
    found = _segment_date(text[start : lead.start()], start)
    return found if found and found.granularity != YEAR else None
