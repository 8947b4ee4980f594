"""What readers (briefs, the web app, analysis) need to write one query for both back ends.

A `Dialect` names the few places where SQLite and PostgreSQL SQL differ: the placeholder,
the scalar max/min functions, byte-wise text comparison, where NULLs sort, and full-text
search (FTS5 tables in SQLite, tsvector tables in PostgreSQL; `search_query` writes a
user's query for the engine, `fulltext.py`). Every store has a
`dialect` and a `rows(sql, args)` that returns plain dicts shaped as SQLite returns them
(JSON columns as JSON text, times as ISO text), so one reader serves both.

    reader = as_reader(store_or_sqlite_connection)
    reader.rows(f"SELECT id FROM attributions WHERE speaker = {reader.dialect.param}", ("x",))
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..records import Document, Span
from .fulltext import SnippetMarks, document_snippets, fts5_query, tsquery

# Marks around a document search hit in a snippet (the web templates split on them).
SNIPPET_START, SNIPPET_STOP = "\x01", "\x02"
# Words of context a document snippet shows around a hit.
SNIPPET_WORDS = 16
# Snippets of document hits: FTS5's snippet() with these marks, on every back end.
DOCUMENT_SNIPPET_MARKS = SnippetMarks(SNIPPET_START, SNIPPET_STOP, "…", SNIPPET_WORDS)
# How PostgreSQL prints times, matching SQLite's strftime('%Y-%m-%dT%H:%M:%SZ').
ISO_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Dialect:
    """SQL fragments that differ between back ends. Format strings take `p` (placeholder)."""

    name: str
    param: str  # placeholder for one argument
    greatest: str  # scalar maximum of several values
    least: str
    byte_order: str  # suffix making a text comparison or ordering byte-wise
    nulls_last: str  # suffix for a DESC ordering so NULLs come last, as in SQLite
    statement_search_join: str  # joins the statement index to attributions `a`
    statement_search_condition: str  # `a` matches the query (one placeholder)
    statement_search_order: str  # hits, most recently stored first
    document_search_from: str  # documents `d` with their index (query placeholder here or in condition)
    document_search_condition: str
    document_search_snippet: str
    document_recency: str  # most recently stored first (tie-break and hit order)
    # A user's query as the search conditions' argument; raises fulltext.SearchSyntaxError.
    search_query: Callable[[str], str]
    # Document hits (rows with `document_search_snippet` as `snippet`) with their snippet
    # text, given the user's query.
    document_snippets: Callable[[list[dict[str, Any]], str], list[dict[str, Any]]]

    def fill(self, sql: str) -> str:
        return sql.format(p=self.param)


def _snippets_made_by_the_query(rows: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    return rows  # SQLite's snippet() cut them in the query itself


SQLITE = Dialect(
    name="sqlite",
    param="?",
    greatest="max",
    least="min",
    byte_order="",
    nulls_last="",
    statement_search_join=" JOIN attributions_fts f ON f.rowid = a.id",
    statement_search_condition="attributions_fts MATCH ?",
    statement_search_order="f.rowid DESC",
    document_search_from="documents_fts JOIN documents d ON d.id = documents_fts.document_id",
    document_search_condition="documents_fts MATCH ?",
    document_search_snippet=f"snippet(documents_fts, 2, char(1), char(2), '…', {SNIPPET_WORDS})",
    document_recency="d.rowid DESC",
    search_query=fts5_query,
    document_snippets=_snippets_made_by_the_query,
)


def _snippets_from_bodies(rows: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Each row's `snippet` (JSON [title, text, body_start, body_end, body_excluded]) cut by
    FTS5's snippet(), as SQLite's documents_fts cuts it."""
    documents = []
    for row in rows:
        title, text, body_start, body_end, excluded = json.loads(row["snippet"])
        documents.append(Document(doc="", id="", source="", media_type="", text=text, title=title,
                                  body_start=body_start, body_end=body_end,
                                  body_excluded=[Span(start, end) for start, end in excluded]))
    for row, snippet in zip(rows, document_snippets(documents, query, DOCUMENT_SNIPPET_MARKS)):
        row["snippet"] = snippet
    return rows


POSTGRES = Dialect(
    name="postgresql",
    param="%s",
    greatest="greatest",
    least="least",
    byte_order=' COLLATE "C"',
    nulls_last=" NULLS LAST",
    statement_search_join=" JOIN attributions_fts f ON f.attribution_id = a.id",
    statement_search_condition="f.search @@ CAST(%s AS tsquery)",
    statement_search_order="a.id DESC",
    document_search_from=(
        "documents_fts f JOIN documents d ON d.id = f.document_id"
        " CROSS JOIN (SELECT CAST(%s AS tsquery) AS query) AS q"
    ),
    document_search_condition="f.search @@ q.query",
    # What `_snippets_from_bodies` cuts the snippet from.
    document_search_snippet="json_build_array(d.title, d.text, d.body_start, d.body_end, d.body_excluded)",
    document_recency="d.ingested_at DESC, d.id DESC",
    search_query=tsquery,
    document_snippets=_snippets_from_bodies,
)


class ConnectionReader:
    """A plain sqlite3 connection (e.g. opened read-only) as a reader."""

    dialect = SQLITE

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def rows(self, sql: str, args: tuple | list = ()) -> list[dict[str, Any]]:
        return sqlite_rows(self.conn, sql, args)

    def close(self) -> None:
        self.conn.close()


def sqlite_rows(conn: sqlite3.Connection, sql: str, args: tuple | list = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, tuple(args))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def as_reader(source):
    """A store (SQLite or PostgreSQL) or a sqlite3 connection, as something with `rows` and `dialect`."""
    if isinstance(source, sqlite3.Connection):
        return ConnectionReader(source)
    return source


class StoreLifecycle:
    """What every store does with its connection: close it, and close on leaving a `with`."""

    conn: Any

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
