"""The published date of an HTML page, from what the page states about itself; never a guess.

We first read the page's own date markup ourselves, family by family, in this order:

* ``jsonld``   schema.org ``datePublished`` / ``dateCreated`` in JSON-LD scripts;
* ``meta``     <meta> tags such as ``article:published_time``, ``date``, ``dc.date.issued``;
* ``itemprop`` a visible element marked ``itemprop="datePublished"``;
* ``time``     a <time> element marked as the publication time (``pubdate``, class
  ``published`` ...);
* ``url``      a date path in the page's own URL (``/2020/07/09/``).

The names of every family are data (``data/ingest/html_dates.yaml``). A timestamp is read
as written, in its own offset ("2020-06-29T00:16+03:00" is June 29th, the publisher's
local day), not converted to UTC. A timestamp in UTC ("...Z") does not say the local
day: when another family gives a date-only value that a time zone could make of that
instant, that local date is taken instead.

Only when the page has no date markup at all do we ask htmldate, first its markup-only
search, then its search of the visible text. Its answers are then checked: a date after
today is impossible, a date equal to today is how a page that prints "today's date" in
its header looks, and a January 1st from the text search is how htmldate reports a bare
year (a copyright line); all three become unknown. Modified/updated fields are never
read as the published date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import cache

from ..errors import ConfigError
from .markers import load_rules

# The earliest publication date we take from htmldate. Its own floor is 1995-01-01 (the
# early web); we keep it for its guesses, so a page about 1988 is not dated 1988.
EARLIEST_DATE = "1995-01-01"
# The earliest date we believe from the page's own publication markup. Archives put
# articles of any age online with their original date (the demo corpus has 1989); a
# year before 1800 in a publication field is a placeholder ("0001-01-01"), not a date.
EARLIEST_MARKUP_YEAR = 1800
# htmldate's fill-in for a date that only has a year: month 1, day 1.
YEAR_ONLY_SUFFIX = "-01-01"
# How far a UTC timestamp may be from the publisher's local clock: the furthest west
# offset with a news press is UTC-10 (Hawaii), the furthest east UTC+14 (Line Islands).
# A local date is taken over a UTC one only if the local clock could show it.
WEST_OFFSET = dt.timedelta(hours=10)
EAST_OFFSET = dt.timedelta(hours=14)
# Years that are Solar Hijri (Jalali) when a date field carries them: 1300-1499 AP is
# 1921-2121 CE, and no web page is dated in the Gregorian years 1300-1499.
JALALI_YEARS = range(1300, 1500)
# A value longer than this is a paragraph, not a date field.
MAX_VALUE_CHARS = 120

METHOD_MARKUP = "markup"  # htmldate's markup-only search (meta, JSON-LD, <time>, URL)
METHOD_TEXT = "text"  # htmldate's search through the visible text
# Families in the order they are believed. meta before jsonld: a page's meta tags speak
# for the page itself, while its JSON-LD may also describe other objects (entries of a
# live blog, related items); on the Media Cloud set the first meta date agrees with the
# gold date on 101 of 106 pages, the first JSON-LD date on 115 of 123. image (a date
# path in the lead image's address, the upload day) is the weakest (31 of 38) and comes
# last: it decides only pages with no other date markup, and is never a local-day hint.
FAMILIES = ("meta", "jsonld", "itemprop", "time", "url", "image")

# htmldate logs every parse it tries at DEBUG/WARNING; a batch of pages would drown stderr.
logging.getLogger("htmldate").setLevel(logging.ERROR)

# ISO 8601, extended ("2020-07-09T10:04:04Z") or basic ("20200413T163807Z"), time optional.
_ISO = re.compile(
    r"^(\d{4})(?:-(\d{1,2})-(\d{1,2})|((?:0[1-9]|1[0-2]))((?:[0-2]\d|3[01])))(?![\d-])"
    r"(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{1,2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_DOTTED = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")  # 09.07.2020 (day first)
_SLASHED_YMD = re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_UTC_ZONES = ("Z", "+00:00", "+0000", "-00:00", "-0000")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTER_BOUNDARY_BEFORE, _LETTER_BOUNDARY_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"


@dataclass(frozen=True)
class PublishedDate:
    value: str  # YYYY-MM-DD
    method: str  # a family of FAMILIES, or METHOD_MARKUP / METHOD_TEXT (htmldate)
    evidence: str | None = None  # the date as the page writes it in visible text


@dataclass(frozen=True)
class Candidate:
    day: dt.date
    family: str
    utc: dt.datetime | None = None  # the instant, when the value was a UTC timestamp
    local: bool = False  # the publisher's local day: a date alone, or a time with its own offset
    written: str | None = None  # the visible text it was read from


def find_published(html: str, url: str | None = None, today: dt.date | None = None) -> PublishedDate | None:
    """The page's original publication date as YYYY-MM-DD, or None when it does not say."""
    today = today or dt.date.today()
    by_family = markup_candidates(html, url)
    found = [c for family in FAMILIES for c in by_family[family]]
    believable = [c for c in found if EARLIEST_MARKUP_YEAR <= c.day.year and c.day < today]
    if believable:
        chosen = _localised(believable[0], believable)
        return PublishedDate(chosen.day.isoformat(), chosen.family, chosen.written)
    if found:
        return None  # the markup's dates are impossible: a text search would only guess
    guess = _htmldate(html, url, today)
    if guess and guess.value in _revision_days(html):
        return None  # htmldate fell back on the page's revision date: not a publication date
    return guess


def markup_candidates(html: str, url: str | None = None) -> dict[str, list[Candidate]]:
    """Every publication date the page's markup states, by family, in document order."""
    tree = _parse(html)
    if tree is None:
        return {family: [] for family in FAMILIES}
    return {
        "jsonld": _from_jsonld(tree),
        "meta": _from_meta(tree),
        "itemprop": _from_itemprop(tree),
        "time": _from_time(tree),
        "url": _from_urls(_page_urls(tree, url), "url"),
        "image": _from_urls(_image_urls(tree), "image"),
    }


def _revision_days(html: str) -> set[str]:
    """Days the page declares as revisions (modified/updated fields), as YYYY-MM-DD."""
    tree = _parse(html)
    if tree is None:
        return set()
    rules = _rules()
    values = _meta_values(tree, rules["revision_meta_names"])
    for key in rules["revision_jsonld_keys"]:
        values += re.findall(rf'"{re.escape(key)}"\s*:\s*"([^"]{{4,{MAX_VALUE_CHARS}}})"', html)
    return {c.day.isoformat() for c in (read_value(v, "revision") for v in values) if c}


def _localised(chosen: Candidate, candidates: list[Candidate]) -> Candidate:
    """For a UTC instant, the first local-day candidate a local clock could show instead."""
    if chosen.utc is None:
        return chosen
    earliest, latest = (chosen.utc - WEST_OFFSET).date(), (chosen.utc + EAST_OFFSET).date()
    for other in candidates:
        if other.local and other.day != chosen.day and earliest <= other.day <= latest:
            return other
    return chosen


def _htmldate(html: str, url: str | None, today: dt.date) -> PublishedDate | None:
    from htmldate import find_date

    settings = {
        "url": url,
        "original_date": True,  # the first publication, not the last update
        "min_date": EARLIEST_DATE,
        "max_date": today.isoformat(),
        "outputformat": "%Y-%m-%d",
    }
    markup = find_date(html, extensive_search=False, **settings)
    if markup and _before(markup, today):
        return PublishedDate(markup, METHOD_MARKUP)
    if markup:
        return None
    searched = find_date(html, extensive_search=True, **settings)
    if searched and _before(searched, today) and not searched.endswith(YEAR_ONLY_SUFFIX):
        return PublishedDate(searched, METHOD_TEXT)
    return None


def _before(value: str, today: dt.date) -> bool:
    try:
        return dt.date.fromisoformat(value) < today
    except ValueError:
        return False


# --- the families -------------------------------------------------------------------


def _parse(html: str):
    import lxml.html
    from lxml.etree import ParserError

    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", errors="replace"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError):
        return None


def _from_jsonld(tree) -> list[Candidate]:
    scripts = [s.text or "" for s in tree.iter("script") if "ld+json" in (s.get("type") or "").lower()]
    found = []
    for key in _rules()["jsonld_keys"]:
        pattern = re.compile(rf'"{re.escape(key)}"\s*:\s*"([^"]{{4,{MAX_VALUE_CHARS}}})"')
        for script in scripts:
            found += [c for c in (read_value(m.group(1), "jsonld") for m in pattern.finditer(script)) if c]
    return found


def _from_meta(tree) -> list[Candidate]:
    names = _rules()["meta_names"]
    by_name: dict[str, list[Candidate]] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in names:
            candidate = read_value(meta.get("content") or "", "meta")
            if candidate:
                by_name.setdefault(name, []).append(candidate)
    return [c for name in names for c in by_name.get(name, [])]


def _from_itemprop(tree) -> list[Candidate]:
    props = set(_rules()["itemprops"])
    elements = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag != "meta"
                and (e.get("itemprop") or "").strip().lower() in props]
    return [c for c in (_from_element(e, "itemprop") for e in elements) if c]


def _from_time(tree) -> list[Candidate]:
    markers = _rules()["time_markers"]
    found = []
    for element in tree.iter("time"):
        labels = f"{element.get('class') or ''} {element.get('itemprop') or ''}".lower()
        if element.get("pubdate") is not None or any(marker in labels for marker in markers):
            candidate = _from_element(element, "time")
            if candidate:
                found.append(candidate)
    return found


def _from_element(element, family: str) -> Candidate | None:
    """An element's machine-readable datetime=/content=, else its visible text."""
    for attribute in ("datetime", "content"):
        value = element.get(attribute)
        if value and value.strip():
            candidate = read_value(value, family)
            if candidate:
                return candidate
    text = " ".join(element.text_content().split())
    return read_value(text, family, visible=True) if text else None


def _page_urls(tree, url: str | None) -> list[str]:
    urls = [url] if url else []
    urls += [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    return urls + _meta_values(tree, ("og:url",))


def _image_urls(tree) -> list[str]:
    return _meta_values(tree, _rules()["image_meta_names"])


def _meta_values(tree, names) -> list[str]:
    return [m.get("content") for m in tree.iter("meta")
            if (m.get("property") or m.get("name") or "").strip().lower() in names and m.get("content")]


def _from_urls(urls: list[str], family: str) -> list[Candidate]:
    """Date paths in addresses; only the page's own address says the local day."""
    found = []
    for address in filter(None, urls):
        path = re.sub(r"^[a-z]+://[^/]+", "", address.strip(), flags=re.I).split("?")[0]
        for pattern in _url_patterns():
            match = pattern.search(path)
            day = match and _day(int(match["year"]), int(match["month"]), int(match["day"]))
            if day:
                found.append(Candidate(day, family, local=family == "url"))
                break
    return found


# --- reading one value ----------------------------------------------------------------


def read_value(value: str, family: str, visible: bool = False) -> Candidate | None:
    """A Candidate from one date field or visible date text, or None when it is no date."""
    original = value.strip()
    value = original.translate(_DIGITS)  # one character for one: positions stay valid
    if not value or len(value) > MAX_VALUE_CHARS:
        return None
    written = original if visible else None
    iso = _ISO.match(value)
    if iso:
        return _from_iso(iso, family, written)
    return _from_words(value, family, written)


def _from_iso(match: re.Match, family: str, written: str | None) -> Candidate | None:
    year, month, day_, basic_month, basic_day, hour, minute, second, zone = match.groups()
    if int(year) in JALALI_YEARS:
        day = jalali_to_gregorian(int(year), int(month or basic_month), int(day_ or basic_day))
        return Candidate(day, family, local=True, written=written) if day else None
    day = _day(int(year), int(month or basic_month), int(day_ or basic_day))
    if day is None:
        return None
    if hour is None:
        return Candidate(day, family, local=True, written=written)
    if zone not in _UTC_ZONES:  # as written: a local offset, or no zone at all
        return Candidate(day, family, local=zone is not None, written=written)
    try:
        instant = dt.datetime(day.year, day.month, day.day, int(hour), int(minute), int(second or 0))
    except ValueError:
        return Candidate(day, family, written=written)
    return Candidate(day, family, utc=instant, written=written)


def _from_words(value: str, family: str, written: str | None) -> Candidate | None:
    """Dates written with a month name (several languages, Jalali too) or day-first digits."""
    patterns = _word_patterns()
    match = patterns["dmy"].search(value)
    if match:
        day = _day(int(match[3]), _months()[match[2].lower()], int(match[1]))
    elif match := patterns["mdy"].search(value):
        day = _day(int(match[3]), _months()[match[1].lower()], int(match[2]))
    elif match := patterns["jalali"].search(value):
        day = jalali_to_gregorian(int(match[3]), _jalali_months()[match[2].lower()], int(match[1]))
    elif match := _SLASHED_YMD.search(value):
        day = _day(int(match[1]), int(match[2]), int(match[3]))
    elif match := _DOTTED.search(value):
        day = _day(int(match[3]), int(match[2]), int(match[1]))
    else:
        return None
    if day is None:
        return None
    return Candidate(day, family, local=True, written=written[match.start():match.end()] if written else None)


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Solar Hijri (Jalali) date, or None when it does not exist.

    Day count from the arithmetic 33-year cycle (as in the widely used jdf/jalaali
    conversions), exact for the years 1244-1503 AP (1865-2124 CE), which is all of the news.
    """
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        return None
    year += 1595
    days = -355668 + 365 * year + (year // 33) * 8 + ((year % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    try:
        gregorian = dt.date(1, 1, 1) + dt.timedelta(days=days + JALALI_EPOCH_SHIFT)
    except OverflowError:
        return None
    if month == 12 and day == 30 and gregorian == jalali_to_gregorian(year - 1595 + 1, 1, 1):
        return None  # 30 Esfand of a common year: it does not exist
    return gregorian


# Moves the day count above onto Python's proleptic Gregorian ordinal (1 January 1 CE =
# day 0 of the timedelta): the one shift that maps 1 Farvardin 1399 to 20 March 2020;
# the tests check it against other known pairs, leap years included.
JALALI_EPOCH_SHIFT = -366


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def written_forms(value: str) -> list[str]:
    """Ways an English page may print a YYYY-MM-DD date, for finding it in the text."""
    day = dt.date.fromisoformat(value)
    month, short = day.strftime("%B"), day.strftime("%b")
    return [value, f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}",
            f"{short}. {day.day}, {day.year}", f"{short} {day.day}, {day.year}", f"{day.day} {short} {day.year}"]


# --- the vocabulary -----------------------------------------------------------------


@cache
def _rules() -> dict:
    rules = load_rules("html_dates", ("jsonld_keys", "meta_names", "itemprops", "time_markers",
                                      "url_patterns", "image_meta_names", "revision_meta_names",
                                      "revision_jsonld_keys", "months", "jalali_months"))
    for key in ("meta_names", "image_meta_names", "revision_meta_names"):
        rules[key] = [name.lower() for name in rules[key]]
    return rules


@cache
def _months() -> dict[str, int]:
    """Month names of every language in one table; a name with two meanings is an error."""
    merged: dict[str, int] = {}
    for language, names in _rules()["months"].items():
        for name, number in names.items():
            name = str(name).lower()
            if merged.get(name, number) != number:
                raise ConfigError(f"html_dates months: '{name}' ({language}) is month {number} "
                                  f"but another language has it as month {merged[name]}")
            merged[name] = number
    return merged


@cache
def _jalali_months() -> dict[str, int]:
    return {str(name).lower(): number for name, number in _rules()["jalali_months"].items()}


@cache
def _url_patterns() -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in _rules()["url_patterns"]]


@cache
def _word_patterns() -> dict[str, re.Pattern]:
    def alternation(names) -> str:
        ordered = sorted(names, key=len, reverse=True)  # "sept" before "sep"
        return _LETTER_BOUNDARY_BEFORE + "(" + "|".join(map(re.escape, ordered)) + ")" + _LETTER_BOUNDARY_AFTER

    month, jalali = alternation(_months()), alternation(_jalali_months())
    return {
        "dmy": re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?{month}\.?,?"
                          rf"\s*(?:de\s+|del\s+)?(\d{{4}})(?!\d)", re.I),
        "mdy": re.compile(rf"{month}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I),
        "jalali": re.compile(rf"(?<!\d)(\d{{1,2}})\s+{jalali}\s+(1[34]\d\d)(?!\d)", re.I),
    }
