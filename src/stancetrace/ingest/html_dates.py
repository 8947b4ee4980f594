"""The published date of an HTML page, from its markup (htmldate), never a guess.

htmldate first reads the page's own date markup (meta tags, JSON-LD, <time>, the URL);
only when that finds nothing do we let it search the visible text. Its answers are then
checked: a date after today is impossible, a date equal to today is how a page that
prints "today's date" in its header looks, and a January 1st from the text search is
how htmldate reports a bare year (a copyright line); all three become unknown.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

# The earliest publication date we believe from markup. htmldate's own floor is
# 1995-01-01 (the early web); we keep it, so a page about 1988 is not dated 1988.
EARLIEST_DATE = "1995-01-01"
# htmldate's fill-in for a date that only has a year: month 1, day 1.
YEAR_ONLY_SUFFIX = "-01-01"

METHOD_MARKUP = "markup"  # meta tags, JSON-LD, <time>, URL: what the page states about itself
METHOD_TEXT = "text"  # htmldate's search through the visible text

# htmldate logs every parse it tries at DEBUG/WARNING; a batch of pages would drown stderr.
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PublishedDate:
    value: str  # YYYY-MM-DD
    method: str  # METHOD_MARKUP or METHOD_TEXT


def find_published(html: str, url: str | None = None, today: dt.date | None = None) -> PublishedDate | None:
    """The page's original publication date as YYYY-MM-DD, or None when it does not say."""
    from htmldate import find_date

    today = today or dt.date.today()
    settings = {
        "url": url,
        "original_date": True,  # the first publication, not the last update
        "min_date": EARLIEST_DATE,
        "max_date": today.isoformat(),
        "outputformat": "%Y-%m-%d",
    }
    markup = find_date(html, extensive_search=False, **settings)
    if markup and _believable(markup, today):
        return PublishedDate(markup, METHOD_MARKUP)
    if markup:
        return None  # the markup's date is impossible: a text search would only guess
    searched = find_date(html, extensive_search=True, **settings)
    if searched and _believable(searched, today) and not searched.endswith(YEAR_ONLY_SUFFIX):
        return PublishedDate(searched, METHOD_TEXT)
    return None


def _believable(value: str, today: dt.date) -> bool:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return day < today
