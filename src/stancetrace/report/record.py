"""The stored record read for people: statements with their documents, filtered.

Works on what `connect_readonly` opens (a read-only `sqlite3.Connection`, or a read-only
PostgreSQL store for a postgresql:// URL) or on any store, so the brief, the web app and its
JSON API read the same rows through the same filters on both back ends. Queries are written
once; the store's `dialect` supplies placeholders, search and ordering fragments.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import Errors, StanceTraceError, StoreError
from ..store.fulltext import SearchSyntaxError
from ..store.reading import Dialect, as_reader
from .evidence import CONTEXT_REACH

# Statement types of SCHEMA.md, for filter validation and the search form.
STATEMENT_TYPES = ("direct", "partial", "mixed", "indirect", "block")
# Longest search text accepted (characters): longer input is a paste accident or abuse.
MAX_QUERY_CHARS = 200
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Order of document search hits, most recently stored first, per back end. In SQLite the
# index's own rowid order (a row is added to documents_fts with its document, in the same
# transaction): ordering by d.rowid instead sorted every match in a temporary B-tree and
# computed the snippet of each before the LIMIT, 100-360 ms per common word at 13k documents
# against under 1 ms (docs/web.md, Load). Belongs in `Dialect` (store/reading.py) as
# `document_search_order`; other back ends use their `document_recency`.
_DOCUMENT_HIT_ORDER = {"sqlite": "documents_fts.rowid DESC"}
_FTS_ERROR = re.compile(r"fts5|syntax error|unterminated|no such column|unknown special query", re.I)

STATEMENT_COLUMNS = """
    a.id, a.document_id, a.doc, a.type, a.content, a.content_start, a.content_end,
    a.cue, a.cue_start, a.cue_end, a.speaker, a.speaker_mention, a.speaker_start,
    a.speaker_end, a.speaker_method, a.confidence, a.said_on, a.said_on_basis,
    a.said_on_granularity, a.said_on_start, a.said_on_end, a.target, a.event, a.rules,
    d.title AS document_title, d.publisher AS document_publisher,
    d.published AS document_published, d.published_basis AS document_published_basis
"""
# What a list of hits shows of each statement (web/hits.py): a page of them reads these
# instead of every column.
HIT_COLUMNS = """
    a.id, a.document_id, a.doc, a.type, a.content, a.speaker, a.said_on, a.target, a.event,
    d.title AS document_title
"""
# The text window a statement's sentence is cut from, fetched with the row so a page
# never loads whole documents: `context_start` is its offset in the document. {max} and
# {min} are the dialect's scalar greatest/least.
CONTEXT_COLUMNS = f"""
    {{max}}(0, {{min}}(a.content_start, coalesce(a.speaker_start, a.content_start),
               coalesce(a.cue_start, a.content_start)) - {CONTEXT_REACH}) AS context_start,
    substr(d.text, {{max}}(0, {{min}}(a.content_start, coalesce(a.speaker_start, a.content_start),
               coalesce(a.cue_start, a.content_start)) - {CONTEXT_REACH}) + 1,
           {{max}}(a.content_end, coalesce(a.speaker_end, 0), coalesce(a.cue_end, 0))
           - {{min}}(a.content_start, coalesce(a.speaker_start, a.content_start),
                 coalesce(a.cue_start, a.content_start)) + 2 * {CONTEXT_REACH}) AS context_text
"""


class QueryError(StanceTraceError):
    """A search or filter value a user typed that we cannot run; the message says why."""


@dataclass(frozen=True)
class StatementFilter:
    """Which statements to show. Every field is optional; dates are YYYY[-MM[-DD]]."""

    query: str | None = None  # FTS5 query over what was said, the cue and speaker mention
    speaker: str | None = None
    target: str | None = None
    event: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None

    def validated(self) -> "StatementFilter":
        values = {f.name: (getattr(self, f.name) or "").strip() or None for f in fields(self)}
        if values["query"] and len(values["query"]) > MAX_QUERY_CHARS:
            raise QueryError(Errors.E701.format(length=len(values["query"]), limit=MAX_QUERY_CHARS))
        for name in ("since", "until"):
            if values[name] and not _PARTIAL_DATE.match(values[name]):
                raise QueryError(Errors.E702.format(field=name, value=values[name]))
        if values["type"] and values["type"] not in STATEMENT_TYPES:
            raise QueryError(Errors.E703.format(value=values["type"], expected=", ".join(STATEMENT_TYPES)))
        if values["event"]:
            values["event"] = values["event"].upper()
        return StatementFilter(**values)

    def as_params(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


def connect_readonly(path: str | Path):
    """Open an existing store for reading only; it must have been migrated. A SQLite file
    gives a `sqlite3.Connection`, a postgresql:// URL a read-only `PostgresStore`."""
    from ..store.postgres import PostgresStore, is_postgres_url

    if is_postgres_url(str(path)):
        return PostgresStore(str(path), read_only=True)
    found = Path(path)
    if not found.is_file():
        raise StoreError(Errors.E700.format(path=path))
    conn = sqlite3.connect(found.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def ensure_schema(path: str | Path) -> None:
    """Bring an older store up to date (only adds the search index and views), once."""
    from ..store import open_store
    from ..store.postgres import is_postgres_url

    if not is_postgres_url(str(path)) and not Path(path).is_file():
        raise StoreError(Errors.E700.format(path=path))
    open_store(path).close()


def find_statements(
    conn,
    where: StatementFilter,
    *,
    limit: int = 50,
    offset: int = 0,
    context: bool = False,
    columns: str = STATEMENT_COLUMNS,
) -> list[dict[str, Any]]:
    """Statements matching `where`, newest first: by date said (undated last), or for a
    query most recently stored first. `columns` (STATEMENT_COLUMNS or HIT_COLUMNS) say what
    each row holds."""
    reader = as_reader(conn)
    sql, args = _statement_query(where.validated(), context, reader.dialect, columns)
    sql += reader.dialect.fill(" LIMIT {p} OFFSET {p}")
    return _run(reader, sql, [*args, limit, offset], where.query)


def _run(reader, sql: str, args: list[Any], query: str | None) -> list[dict[str, Any]]:
    """Rows of a search; a query the full-text engine cannot parse is the user's QueryError."""
    try:
        return reader.rows(sql, args)
    except sqlite3.OperationalError as exc:
        if query and _FTS_ERROR.search(str(exc)):
            raise QueryError(Errors.E704.format(query=query)) from exc
        raise


def _search_argument(dialect: Dialect, query: str) -> str:
    """The user's query written for the back end; one that is malformed is the user's QueryError."""
    try:
        return dialect.search_query(query)
    except SearchSyntaxError as exc:
        raise QueryError(str(exc)) from exc


def _statement_query(where: StatementFilter, context: bool, dialect: Dialect,
                     columns: str = STATEMENT_COLUMNS) -> tuple[str, list[Any]]:
    if context:
        columns += "," + CONTEXT_COLUMNS.format(max=dialect.greatest, min=dialect.least)
    sql = f"SELECT {columns} FROM attributions a JOIN documents d ON d.id = a.document_id"
    conditions, args = [], []
    if where.query:
        sql += dialect.statement_search_join
        conditions.append(dialect.statement_search_condition)
        args.append(_search_argument(dialect, where.query))
    for name in ("speaker", "target", "event", "type"):
        value = getattr(where, name)
        if value:
            conditions.append(dialect.fill(f"a.{name} = {{p}}"))
            args.append(value)
    # A partial date is a range: "2013" may be any day of 2013. A statement is kept when
    # its range overlaps the filter's; '~' sorts after digits and '-' (byte-wise),
    # closing the prefix.
    c = dialect.byte_order
    if where.since:  # the first condition only lets the said_on index narrow the scan
        conditions.append(dialect.fill(f"a.said_on{c} >= {{p}} AND (a.said_on || '~'){c} >= {{p}}"))
        args += [where.since[:4], where.since]
    if where.until:
        conditions.append(dialect.fill(f"a.said_on{c} <= ({{p}} || '~'){c}"))
        args.append(where.until)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    # Newest first. Hits of a query come in the index's own (storage) order: ranking by
    # bm25 costs 20-40 ms per common word at 100k statements, rowid order under 1 ms.
    if where.query:
        sql += " ORDER BY " + dialect.statement_search_order
    else:
        sql += f" ORDER BY a.said_on{c} DESC{dialect.nulls_last}, a.id DESC"
    return sql, args


def find_documents(conn, query: str | None, *, limit: int = 20, offset: int = 0,
                   since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Documents whose title or body match `query` (all documents when it is empty)."""
    reader = as_reader(conn)
    dialect, c = reader.dialect, reader.dialect.byte_order
    args: list[Any] = []
    conditions = []
    columns = "d.id, d.doc, d.title, d.publisher, d.published, d.published_basis"
    if query:
        sql = f"SELECT {columns}, {dialect.document_search_snippet} AS snippet FROM {dialect.document_search_from}"
        conditions.append(dialect.document_search_condition)
        args.append(_search_argument(dialect, query))
        order = f" ORDER BY {_DOCUMENT_HIT_ORDER.get(dialect.name, dialect.document_recency)}"
    else:
        sql = f"SELECT {columns}, NULL AS snippet FROM documents d"
        order = f" ORDER BY d.published{c} DESC{dialect.nulls_last}, {dialect.document_recency}"
    if since:
        conditions.append(dialect.fill(f"(d.published || '~'){c} >= {{p}}"))
        args.append(since)
    if until:
        conditions.append(dialect.fill(f"d.published{c} <= ({{p}} || '~'){c}"))
        args.append(until)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    rows = _run(reader, sql + order + dialect.fill(" LIMIT {p} OFFSET {p}"), [*args, limit, offset], query)
    return dialect.document_snippets(rows, query) if query else rows


def statement(conn, statement_id: int) -> dict[str, Any]:
    reader = as_reader(conn)
    rows = reader.rows(reader.dialect.fill(
        f"SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id"
        " WHERE a.id = {p}"), (statement_id,))
    if not rows:
        raise LookupError(Errors.E705.format(what="statement", key=statement_id))
    return rows[0]


def document_row(conn, document_id: str) -> dict[str, Any]:
    """A document by full id or file name (never a prefix: ids in links are whole)."""
    reader = as_reader(conn)
    rows = reader.rows(reader.dialect.fill("SELECT * FROM documents WHERE id = {p} OR doc = {p} LIMIT 1"),
                       (document_id, document_id))
    if not rows:
        raise LookupError(Errors.E705.format(what="document", key=document_id))
    return rows[0]


def document_statements(conn, document_id: str) -> list[dict[str, Any]]:
    reader = as_reader(conn)
    return reader.rows(reader.dialect.fill(
        f"SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id"
        " WHERE a.document_id = {p} ORDER BY a.content_start, a.id"), (document_id,))


def text_window(conn, document_id: str, start: int, length: int) -> str | None:
    """`length` characters of a document's text from offset `start`, without loading it whole."""
    reader = as_reader(conn)
    rows = reader.rows(reader.dialect.fill(
        "SELECT substr(text, CAST({p} AS integer) + 1, CAST({p} AS integer)) AS window"
        " FROM documents WHERE id = {p}"), (start, length, document_id))
    return rows[0]["window"] if rows else None


def top_targets(conn, speaker: str, limit: int = 10) -> list[dict[str, Any]]:
    reader = as_reader(conn)
    c = reader.dialect.byte_order
    return reader.rows(reader.dialect.fill(
        f"SELECT coalesce(target, '') AS target, count(*) AS statements, min(said_on{c}) AS first_said_on,"
        f" max(said_on{c}) AS last_said_on FROM attributions WHERE speaker = {{p}}"
        f" GROUP BY coalesce(target, '') ORDER BY statements DESC, coalesce(target, ''){c} LIMIT {{p}}"),
        (speaker, limit))


def distinct_values(conn, column: str, limit: int = 200) -> list[str]:
    """Values for a filter's pick list (speaker, target, event): most frequent first."""
    if column not in ("speaker", "target", "event"):
        raise ValueError(column)
    reader = as_reader(conn)
    c = reader.dialect.byte_order
    rows = reader.rows(reader.dialect.fill(
        f"SELECT {column} AS value FROM attributions WHERE {column} IS NOT NULL"
        f" GROUP BY {column} ORDER BY count(*) DESC, {column}{c} LIMIT {{p}}"), (limit,))
    return [row["value"] for row in rows]
