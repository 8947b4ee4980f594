"""What each page shows, as plain dicts: the HTML pages and the JSON API render the same
values. Route handlers stay thin; everything here is a function of the database."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..report import analysis
from ..report.brief import actor_summary, roles_over_time
from ..report.charts import timeline_svg
from ..report.evidence import PARAGRAPH_MAX, Mark, paragraph_bounds, segments, statement_marks
from ..report.record import (
    STATEMENT_COLUMNS, StatementFilter, connect_readonly, distinct_values, document_row,
    document_statements, find_documents, find_statements, statement, text_window, top_targets,
)

# Rows per page unless asked otherwise, and the most a client may ask for.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Furthest page a client may ask for: deep OFFSETs cost a scan; filter instead.
MAX_PAGE = 500
# Documents listed beside statement hits on a search page.
DOCUMENT_HITS = 10
# Searches whose document hits are kept: the list depends only on the words and dates
# (never on the statement filters or page), and cutting its snippets is most of a search
# page's query time (FTS5 tokenizes each hit's whole body).
DOCUMENT_SEARCHES_KEPT = 1024
# Statements drawn on an actor's timeline (the newest are dropped beyond this).
ACTOR_CHART_MAX = 2_000
SAFE_URL_SCHEMES = ("http", "https")
# Text fetched either side of a statement to find its paragraph in (chars).
PARAGRAPH_REACH = 4 * PARAGRAPH_MAX


@dataclass(frozen=True)
class Page:
    number: int = 1
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


@dataclass
class Database:
    """One read-only store (a SQLite file or a postgresql:// URL) shared by every request,
    with a connection per thread."""

    path: str
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def conn(self):
        opened = getattr(self._local, "conn", None)
        if opened is None:
            opened = self._local.conn = connect_readonly(self.path)
        return opened

    @lru_cache(maxsize=4)
    def choices(self, column: str) -> tuple[str, ...]:
        return tuple(distinct_values(self.conn(), column))

    def changed(self) -> None:
        """Forget cached pick lists, document hits and charts after an upload."""
        self.choices.cache_clear()
        _document_hits.cache_clear()
        _actor_chart.cache_clear()

    def __hash__(self) -> int:
        return hash(self.path)


def paged(rows: list[dict], page: Page) -> dict[str, Any]:
    """Rows of one page (fetched with one extra to tell whether a next page exists)."""
    return {"page": page.number, "page_size": page.size, "has_next": len(rows) > page.size,
            "items": rows[: page.size]}


def search_view(db: Database, where: StatementFilter, page: Page,
                columns: str = STATEMENT_COLUMNS) -> dict[str, Any]:
    """Statements matching `where` (rows of `columns`: the API's whole records, or the
    HIT_COLUMNS a page of hits shows) and, on page 1 without statement filters, the documents."""
    conn = db.conn()
    rows = find_statements(conn, where, limit=page.size + 1, offset=page.offset, columns=columns)
    documents = []
    if page.number == 1 and not (where.speaker or where.target or where.event or where.type):
        documents = list(_document_hits(db, (where.query or "").strip() or None, where.since, where.until))
    return {"filters": where.as_params(), "statements": paged(rows, page), "documents": documents}


def statement_view(db: Database, statement_id: int) -> dict[str, Any]:
    conn = db.conn()
    row = statement(conn, statement_id)
    marks = statement_marks(row)
    first, last = min(m.start for m in marks), max(m.end for m in marks)
    # The paragraph lies within PARAGRAPH_REACH of the statement; fetch only that much.
    left = max(0, first - PARAGRAPH_REACH)
    window = text_window(conn, row["document_id"], left, last - left + PARAGRAPH_REACH)
    para_left, para_right = paragraph_bounds(window, first - left, last - left)
    row["paragraph"] = segments(window[para_left:para_right], marks, left + para_left)
    row["date_evidence"] = _span_text(conn, row["document_id"], row["said_on_start"], row["said_on_end"])
    return row


def document_view(db: Database, document_id: str) -> dict[str, Any]:
    conn = db.conn()
    row = document_row(conn, document_id)
    said = document_statements(conn, row["id"])
    marks = [m for s in said for m in statement_marks(s) if m.kind != "date"]
    marks += [Mark(row["body_start"], row["body_end"], "body")]
    row["segments"] = segments(row["text"], marks)
    row["statements"] = said
    row["safe_url"] = row["url"] if _safe_url(row["url"]) else None
    return row


def actor_view(db: Database, actor_id: str, page: Page, kb=None) -> dict[str, Any]:
    if kb is None:
        from ..actors import load_kb

        kb = load_kb()
    conn = db.conn()
    rows = find_statements(conn, StatementFilter(speaker=actor_id), limit=page.size + 1, offset=page.offset)
    targets = top_targets(conn, actor_id)
    if kb.actor(actor_id) is None and not targets:
        raise LookupError(f"E705 no actor '{actor_id}'")
    chart, reversals, opcode = _actor_chart(db, actor_id)
    return {
        "actor": actor_summary(kb, actor_id), "roles": roles_over_time(kb, actor_id),
        "chart_svg": chart, "reversals": reversals, "profile": opcode,
        "top_targets": targets, "statements": paged(rows, page),
    }


@lru_cache(maxsize=DOCUMENT_SEARCHES_KEPT)
def _document_hits(db: Database, query: str | None, since: str | None, until: str | None) -> tuple[dict, ...]:
    """Documents matching the words, most recently stored first (shared: read, never change)."""
    return tuple(find_documents(db.conn(), query, limit=DOCUMENT_HITS, since=since, until=until))


@lru_cache(maxsize=64)
def _actor_chart(db: Database, actor_id: str):
    rows = find_statements(db.conn(), StatementFilter(speaker=actor_id), limit=ACTOR_CHART_MAX)
    return timeline_svg(rows), analysis.reversals(actor_id, rows), analysis.operational_code(actor_id, rows)


def _span_text(conn, document_id: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None:
        return None
    return text_window(conn, document_id, start, end - start)


def _safe_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme.lower() in SAFE_URL_SCHEMES
