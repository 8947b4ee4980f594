"""The stored record read for people: statements with their documents, filtered.

Works on a plain `sqlite3.Connection` (opened read-only by `connect_readonly`), so the
brief, the web app and its JSON API read the same rows through the same filters.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import Errors, StanceTraceError, StoreError
from .evidence import CONTEXT_REACH

# Statement types of SCHEMA.md, for filter validation and the search form.
STATEMENT_TYPES = ("direct", "partial", "mixed", "indirect", "block")
# Longest search text accepted (characters): longer input is a paste accident or abuse.
MAX_QUERY_CHARS = 200
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FTS_ERROR = re.compile(r"fts5|syntax error|unterminated|no such column|unknown special query", re.I)

STATEMENT_COLUMNS = """
    a.id, a.document_id, a.doc, a.type, a.content, a.content_start, a.content_end,
    a.cue, a.cue_start, a.cue_end, a.speaker, a.speaker_mention, a.speaker_start,
    a.speaker_end, a.speaker_method, a.confidence, a.said_on, a.said_on_basis,
    a.said_on_granularity, a.said_on_start, a.said_on_end, a.target, a.event, a.rules,
    d.title AS document_title, d.publisher AS document_publisher,
    d.published AS document_published, d.published_basis AS document_published_basis
"""
# The text window a statement's sentence is cut from, fetched with the row so a page
# never loads whole documents: `context_start` is its offset in the document.
CONTEXT_COLUMNS = f"""
    max(0, min(a.content_start, coalesce(a.speaker_start, a.content_start),
               coalesce(a.cue_start, a.content_start)) - {CONTEXT_REACH}) AS context_start,
    substr(d.text, max(0, min(a.content_start, coalesce(a.speaker_start, a.content_start),
               coalesce(a.cue_start, a.content_start)) - {CONTEXT_REACH}) + 1,
           max(a.content_end, coalesce(a.speaker_end, 0), coalesce(a.cue_end, 0))
           - min(a.content_start, coalesce(a.speaker_start, a.content_start),
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


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing store for reading only; it must have been migrated."""
    found = Path(path)
    if not found.is_file():
        raise StoreError(Errors.E700.format(path=path))
    conn = sqlite3.connect(found.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def ensure_schema(path: str | Path) -> None:
    """Bring an older store up to date (only adds the search index and views), once."""
    from ..store import SQLiteStore

    if not Path(path).is_file():
        raise StoreError(Errors.E700.format(path=path))
    SQLiteStore(path).close()


def find_statements(
    conn: sqlite3.Connection,
    where: StatementFilter,
    *,
    limit: int = 50,
    offset: int = 0,
    context: bool = False,
) -> list[dict[str, Any]]:
    """Statements matching `where`, newest first: by date said (undated last), or for a
    query most recently stored first."""
    sql, args = _statement_query(where.validated(), context)
    sql += " LIMIT ? OFFSET ?"
    try:
        rows = conn.execute(sql, (*args, limit, offset)).fetchall()
    except sqlite3.OperationalError as exc:
        if where.query and _FTS_ERROR.search(str(exc)):
            raise QueryError(Errors.E704.format(query=where.query)) from exc
        raise
    return [dict(row) for row in rows]


def _statement_query(where: StatementFilter, context: bool) -> tuple[str, list[Any]]:
    columns = STATEMENT_COLUMNS + ("," + CONTEXT_COLUMNS if context else "")
    sql = f"SELECT {columns} FROM attributions a JOIN documents d ON d.id = a.document_id"
    conditions, args = [], []
    if where.query:
        sql += " JOIN attributions_fts f ON f.rowid = a.id"
        conditions.append("attributions_fts MATCH ?")
        args.append(where.query)
    for name in ("speaker", "target", "event", "type"):
        value = getattr(where, name)
        if value:
            conditions.append(f"a.{name} = ?")
            args.append(value)
    # A partial date is a range: "2013" may be any day of 2013. A statement is kept when
    # its range overlaps the filter's; '~' sorts after digits and '-', closing the prefix.
    if where.since:  # the first condition only lets the said_on index narrow the scan
        conditions.append("a.said_on >= ? AND a.said_on || '~' >= ?")
        args += [where.since[:4], where.since]
    if where.until:
        conditions.append("a.said_on <= ? || '~'")
        args.append(where.until)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    # Newest first. Hits of a query come in the index's own (storage) order: ranking by
    # bm25 costs 20-40 ms per common word at 100k statements, rowid order under 1 ms.
    sql += " ORDER BY f.rowid DESC" if where.query else " ORDER BY a.said_on DESC, a.id DESC"
    return sql, args


def find_documents(conn: sqlite3.Connection, query: str | None, *, limit: int = 20, offset: int = 0,
                   since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Documents whose title or body match `query` (all documents when it is empty)."""
    args: list[Any] = []
    conditions = []
    if query:
        sql = ("SELECT d.id, d.doc, d.title, d.publisher, d.published, d.published_basis,"
               " snippet(documents_fts, 2, char(1), char(2), '…', 16) AS snippet"
               " FROM documents_fts JOIN documents d ON d.id = documents_fts.document_id")
        conditions.append("documents_fts MATCH ?")
        args.append(query)
        order = " ORDER BY documents_fts.rowid DESC"
    else:
        sql = ("SELECT d.id, d.doc, d.title, d.publisher, d.published, d.published_basis,"
               " NULL AS snippet FROM documents d")
        order = " ORDER BY d.published DESC, d.rowid DESC"
    if since:
        conditions.append("d.published || '~' >= ?")
        args.append(since)
    if until:
        conditions.append("d.published <= ? || '~'")
        args.append(until)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    try:
        rows = conn.execute(sql + order + " LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
    except sqlite3.OperationalError as exc:
        if query and _FTS_ERROR.search(str(exc)):
            raise QueryError(Errors.E704.format(query=query)) from exc
        raise
    return [dict(row) for row in rows]


def statement(conn: sqlite3.Connection, statement_id: int) -> dict[str, Any]:
    row = conn.execute(
        f"SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id"
        " WHERE a.id = ?",
        (statement_id,),
    ).fetchone()
    if row is None:
        raise LookupError(Errors.E705.format(what="statement", key=statement_id))
    return dict(row)


def document_row(conn: sqlite3.Connection, document_id: str) -> dict[str, Any]:
    """A document by full id or file name (never a prefix: ids in links are whole)."""
    row = conn.execute("SELECT * FROM documents WHERE id = ? OR doc = ? LIMIT 1", (document_id, document_id)).fetchone()
    if row is None:
        raise LookupError(Errors.E705.format(what="document", key=document_id))
    return dict(row)


def document_statements(conn: sqlite3.Connection, document_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id"
        " WHERE a.document_id = ? ORDER BY a.content_start, a.id",
        (document_id,),
    ).fetchall()
    return [dict(row) for row in rows]


def top_targets(conn: sqlite3.Connection, speaker: str, limit: int = 10) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT coalesce(target, '') AS target, count(*) AS statements, min(said_on) AS first_said_on,"
        " max(said_on) AS last_said_on FROM attributions WHERE speaker = ?"
        " GROUP BY coalesce(target, '') ORDER BY statements DESC, target LIMIT ?",
        (speaker, limit),
    ).fetchall()
    return [dict(row) for row in rows]


def distinct_values(conn: sqlite3.Connection, column: str, limit: int = 200) -> list[str]:
    """Values for a filter's pick list (speaker, target, event): most frequent first."""
    if column not in ("speaker", "target", "event"):
        raise ValueError(column)
    rows = conn.execute(
        f"SELECT {column} FROM attributions WHERE {column} IS NOT NULL"
        f" GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT ?",
        (limit,),
    ).fetchall()
    return [row[0] for row in rows]
