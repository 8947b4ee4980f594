"""Hit lists (search and actor pages) rendered to HTML in one pass over the rows.

A search page shows 20 statement hits and 10 document hits. As a Jinja macro per hit, the
list cost about half of the page's service time: a macro call, a context, a filter call and
an autoescape of each field, per hit. Here each hit is one f-string whose every value from
the store goes through `markupsafe.escape`, as autoescaping would, and comes out with the
markup the macro made (same classes, links and text; see tests/test_web_hits.py). The
templates call these as filters: `{{ rows|statement_hits }}`.
"""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import quote

from markupsafe import Markup, escape

from ..report.rendering import actor_label
from ..store.reading import SNIPPET_START, SNIPPET_STOP

# Characters of a quote shown in a hit before it is cut at a word (Jinja's `truncate(240)`),
# what is appended then, and how far past the limit a quote may run uncut (Jinja's leeway).
HIT_QUOTE_CHARS = 240
HIT_QUOTE_ELLIPSIS = "..."
HIT_QUOTE_LEEWAY = 5


def shorten(text: str, limit: int = HIT_QUOTE_CHARS) -> str:
    """`text` cut at the last word boundary before `limit` (with an ellipsis) when longer."""
    if len(text) <= limit + HIT_QUOTE_LEEWAY:
        return text
    return text[: limit - len(HIT_QUOTE_ELLIPSIS)].rsplit(" ", 1)[0] + HIT_QUOTE_ELLIPSIS


def statement_hit(s: dict[str, Any]) -> str:
    """One statement: its (shortened) quote linking to its page, then speaker, target,
    event, date, type and document."""
    speaker = str(s["speaker"])
    details = f'<a href="/actors/{escape(quote(speaker, safe="/"))}">{escape(speaker)}</a>'
    if s["target"]:
        details += f" → {escape(actor_label(s['target']))}"
    if s["event"]:
        details += f' · <span class="tag">{escape(s["event"])}</span>'
    details += (f' · {escape(s["said_on"] or "undated")} · {escape(s["type"])}'
                f' · <a href="/documents/{escape(s["document_id"])}">{escape(s["document_title"] or s["doc"])}</a>')
    return (f'<div class="hit"><a href="/statements/{escape(s["id"])}" class="statement-link">'
            f'“{escape(shorten(s["content"] or ""))}”</a>\n<div class="muted">{details}</div></div>\n')


def statement_hits(rows: Iterable[dict[str, Any]]) -> Markup:
    return Markup("".join(map(statement_hit, rows)))


def snippet_html(snippet: str) -> str:
    """A search snippet with its matched words (between SNIPPET_START and SNIPPET_STOP)
    marked as quotes; everything else escaped."""
    first, *rest = snippet.split(SNIPPET_START)
    parts = [str(escape(first))]
    for part in rest:
        matched, _, after = part.partition(SNIPPET_STOP)
        parts.append(f'<span class="quote">{escape(matched)}</span>{escape(after)}')
    return "".join(parts)


def document_hit(d: dict[str, Any]) -> str:
    """One document: title linking to its page, publisher, date with its basis, file, snippet."""
    html = (f'<div class="hit"><a href="/documents/{escape(d["id"])}" class="document-link">'
            f'{escape(d["title"] or d["doc"])}</a>\n<div class="muted">{escape(d["publisher"] or "publisher unknown")}'
            f' · {escape(d["published"] or "undated")} ({escape(d["published_basis"])}) · {escape(d["doc"])}</div>')
    if d.get("snippet"):
        html += f'\n<div>{snippet_html(d["snippet"])}</div>'
    return html + "</div>\n"


def document_hits(rows: Iterable[dict[str, Any]]) -> Markup:
    return Markup("".join(map(document_hit, rows)))


FILTERS = {"statement_hits": statement_hits, "document_hits": document_hits}
