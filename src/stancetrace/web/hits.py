"""Hit lists (search and actor pages) and the search form's pick lists, rendered to HTML
in one pass over the rows.

A search page shows 20 statement hits and 10 document hits. As a Jinja macro per hit, the
list cost about half of the page's service time: a macro call, a context, a filter call and
an autoescape of each field, per hit. Here each hit is one f-string whose every value from
the store goes through `escaped` (the standard library's `html.escape`: the same five
characters as autoescaping, at half the cost of `markupsafe.escape`, which builds a
`Markup` object per value), and comes out with the markup the macro made (same classes,
links and text; see tests/test_web_hits.py). A pick list's options depend only on the
cached choices and the chosen value, so each is rendered once and kept. The templates call
these as filters: `{{ rows|statement_hits }}`.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import quote

from markupsafe import Markup

from ..report.rendering import actor_label
from ..store.reading import SNIPPET_START, SNIPPET_STOP

# Characters of a quote shown in a hit before it is cut at a word (Jinja's `truncate(240)`),
# what is appended then, and how far past the limit a quote may run uncut (Jinja's leeway).
HIT_QUOTE_CHARS = 240
HIT_QUOTE_ELLIPSIS = "..."
HIT_QUOTE_LEEWAY = 5
# Pick lists kept rendered (one per list and chosen value: a handful of lists), and actor
# paths kept encoded.
PICK_LISTS_KEPT = 512


def escaped(value: Any) -> str:
    """A stored value as HTML text: `& < > " '` escaped, as autoescaping does."""
    return html.escape(value if type(value) is str else str(value))


def shorten(text: str, limit: int = HIT_QUOTE_CHARS) -> str:
    """`text` cut at the last word boundary before `limit` (with an ellipsis) when longer."""
    if len(text) <= limit + HIT_QUOTE_LEEWAY:
        return text
    return text[: limit - len(HIT_QUOTE_ELLIPSIS)].rsplit(" ", 1)[0] + HIT_QUOTE_ELLIPSIS


def statement_hit(s: dict[str, Any]) -> str:
    """One statement: its (shortened) quote linking to its page, then speaker, target,
    event, date, type and document."""
    speaker = str(s["speaker"])
    details = f'<a href="{actor_path(speaker)}">{escaped(speaker)}</a>'
    if s["target"]:
        details += f" → {escaped(actor_label(s['target']))}"
    if s["event"]:
        details += f' · <span class="tag">{escaped(s["event"])}</span>'
    details += (f' · {escaped(s["said_on"] or "undated")} · {escaped(s["type"])}'
                f' · <a href="/documents/{escaped(s["document_id"])}">{escaped(s["document_title"] or s["doc"])}</a>')
    return (f'<div class="hit"><a href="/statements/{escaped(s["id"])}" class="statement-link">'
            f'“{escaped(shorten(s["content"] or ""))}”</a>\n<div class="muted">{details}</div></div>\n')


@lru_cache(maxsize=PICK_LISTS_KEPT)
def actor_path(actor_id: str) -> str:
    """The actor page's path; percent-encoded, so it holds no character HTML escapes.
    Kept per id: a few hundred speakers recur in every hit list."""
    return "/actors/" + quote(actor_id, safe="/")


def statement_hits(rows: Iterable[dict[str, Any]]) -> Markup:
    return Markup("".join(map(statement_hit, rows)))


def snippet_html(snippet: str) -> str:
    """A search snippet with its matched words (between SNIPPET_START and SNIPPET_STOP)
    marked as quotes; everything else escaped."""
    first, *rest = snippet.split(SNIPPET_START)
    parts = [escaped(first)]
    for part in rest:
        matched, _, after = part.partition(SNIPPET_STOP)
        parts.append(f'<span class="quote">{escaped(matched)}</span>{escaped(after)}')
    return "".join(parts)


def document_hit(d: dict[str, Any]) -> str:
    """One document: title linking to its page, publisher, date with its basis, file, snippet."""
    markup = (f'<div class="hit"><a href="/documents/{escaped(d["id"])}" class="document-link">'
              f'{escaped(d["title"] or d["doc"])}</a>\n<div class="muted">{escaped(d["publisher"] or "publisher unknown")}'
              f' · {escaped(d["published"] or "undated")} ({escaped(d["published_basis"])}) · {escaped(d["doc"])}</div>')
    if d.get("snippet"):
        markup += f'\n<div>{snippet_html(d["snippet"])}</div>'
    return markup + "</div>\n"


def document_hits(rows: Iterable[dict[str, Any]]) -> Markup:
    return Markup("".join(map(document_hit, rows)))


def pick_list(values: tuple[str, ...], chosen: str | None) -> Markup:
    """The `<option>`s of a filter's pick list ("any" first), `chosen` selected."""
    return _pick_list(tuple(values), chosen)


@lru_cache(maxsize=PICK_LISTS_KEPT)
def _pick_list(values: tuple[str, ...], chosen: str | None) -> Markup:
    options = ['<option value="">any</option>']
    for value in values:
        selected = " selected" if value == chosen else ""
        options.append(f'<option value="{escaped(value)}"{selected}>{escaped(value)}</option>')
    return Markup("".join(options))


FILTERS = {"statement_hits": statement_hits, "document_hits": document_hits, "pick_list": pick_list}
