"""The shared PostgreSQL store: the SQLite store's interface and logical schema, for a team
that writes from many processes (or a Dask cluster) into one database.

- Document ids are primary keys and rows go in with `ON CONFLICT DO NOTHING`, so two
  writers ingesting the same article never duplicate it (nor its attributions).
- `add_documents(batch)` writes a whole batch in one transaction: after a crash a batch is
  either fully stored or absent, and so is every document in it.
- Full-text search is a `tsvector` per document and per attribution, each with a GIN
  index (`pg_schema.py`), holding the words SQLite's FTS5 tokenizer finds (`fulltext.py`):
  the same query finds the same rows on both back ends.

    store = PostgresStore("postgresql://user@localhost/stancetrace")
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from ..errors import Errors, InputError, StoreError
from ..records import Attribution, Document
from . import pg_schema
from .fulltext import SnippetMarks, attribution_searches, document_search, document_snippets, tsquery
from .reading import ISO_TIME_FORMAT, POSTGRES, StoreLifecycle
from .sqlite import _end, _start, attribution_from_row, document_from_row

# URL schemes that name this back end in `--db`.
URL_SCHEMES = ("postgresql://", "postgres://")

# Columns stored as jsonb; rows are turned back into JSON text so the SQLite store's row
# readers (one code path for Document and Attribution) can read them.
JSON_COLUMNS = ("body_excluded", "authors", "basis")

# How `search` marks a hit and how many words of context it shows, as SQLiteStore.search.
SEARCH_SNIPPET_MARKS = SnippetMarks("[", "]", "…", 12)

DOCUMENT_COLUMNS = (
    "id", "doc", "source", "media_type", "text", "body_start", "body_end", "body_excluded",
    "title", "title_start", "title_end", "authors", "publisher", "published", "published_basis",
    "published_earliest", "published_latest", "published_start", "published_end", "url", "basis",
)
ATTRIBUTION_COLUMNS = (
    "document_id", "doc", "type", "content", "content_start", "content_end", "cue", "cue_start",
    "cue_end", "speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_method",
    "confidence", "said_on", "said_on_basis", "said_on_granularity", "said_on_start", "said_on_end",
    "target", "event", "rules",
)
INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(DOCUMENT_COLUMNS))}) ON CONFLICT (id) DO NOTHING RETURNING id"
)
INSERT_FTS = "INSERT INTO documents_fts (document_id, title, search) VALUES (%s, %s, %s::tsvector)"
# An attribution and its index row in one statement (the index row needs the new id).
INSERT_ATTRIBUTION = (
    f"WITH stored AS (INSERT INTO attributions ({', '.join(ATTRIBUTION_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(ATTRIBUTION_COLUMNS))}) RETURNING id) "
    "INSERT INTO attributions_fts (attribution_id, search) SELECT id, %s::tsvector FROM stored"
)
# Byte-wise ordering ("C" collation) and NULLs first, as SQLite orders, whatever the
# database's locale.
DOCUMENT_ORDER = 'ORDER BY published COLLATE "C" NULLS FIRST, doc COLLATE "C", id'


def is_postgres_url(url: str) -> bool:
    return str(url).startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(StoreLifecycle):
    """Documents and their attributions in a PostgreSQL database (same interface as SQLiteStore)."""

    dialect = POSTGRES

    def __init__(self, url: str, read_only: bool = False):
        self.url = url
        self.path = redact(url)  # what messages show, as SQLiteStore.path
        psycopg = _psycopg()
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(Errors.E801.format(url=self.path, detail=str(exc).strip())) from exc
        if read_only:  # what `serve` and `report` open: the database refuses any write
            self.conn.execute("SET default_transaction_read_only = on")
        else:
            pg_schema.migrate(self.conn)

    # -- writing ---------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = %s", (document_id,)).fetchone()
        return row is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored (one round trip)."""
        rows = self.conn.execute("SELECT id FROM documents WHERE id = ANY(%s)", (list(ids),)).fetchall()
        return {row[0] for row in rows}

    def add_document(self, document: Document, attributions: Iterable[Attribution] = ()) -> bool:
        """Store a document and its attributions atomically. False if it was already there."""
        with self.conn.transaction(), self.conn.cursor() as cur:
            return self._insert(cur, [(document, list(attributions))])[0]

    def add_documents(self, batch: Sequence[tuple[Document, list[Attribution]]]) -> list[bool | InputError]:
        """Store a batch in one transaction; per document: True (stored), False (already there),
        or the InputError of a document the database refused (the rest of the batch is stored)."""
        psycopg = _psycopg()
        # Rows are locked in id order, so writers with overlapping batches cannot deadlock.
        order = sorted(range(len(batch)), key=lambda i: batch[i][0].id)
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                stored = dict(zip(order, self._insert(cur, [batch[i] for i in order])))
            return [stored[i] for i in range(len(batch))]
        except (psycopg.DataError, psycopg.errors.ProgramLimitExceeded):
            return [self._add_alone(document, attributions) for document, attributions in batch]

    def _add_alone(self, document: Document, attributions: list[Attribution]) -> bool | InputError:
        """One document in its own transaction, after its batch was refused: isolates the bad one."""
        psycopg = _psycopg()
        try:
            return self.add_document(document, attributions)
        except (psycopg.DataError, psycopg.errors.ProgramLimitExceeded) as exc:
            detail = str(exc).strip().splitlines()[0]
            return InputError(document.source, Errors.E802.format(detail=detail))

    def record_error(self, source: str, reason: str) -> None:
        self.conn.execute("INSERT INTO ingest_errors (source, reason) VALUES (%s, %s)", (source, reason))

    def _insert(self, cur, batch: Sequence[tuple[Document, list[Attribution]]]) -> list[bool]:
        """Insert documents (each True if new, False if another writer or an earlier run stored
        it) with their index rows and attributions: three pipelined statements, whatever the
        batch's size, as round trips and not rows are what a batch of news articles waits on."""
        cur.executemany(INSERT_DOCUMENT, [_document_values(d) for d, _ in batch], returning=True)
        new = [_returned_a_row(cur, first=(i == 0)) for i in range(len(batch))]
        kept = [(d, attributions) for (d, attributions), is_new in zip(batch, new) if is_new]
        if kept:
            cur.executemany(INSERT_FTS, [(d.id, d.title or "", document_search(d)) for d, _ in kept])
        statements = [(d, a) for d, attributions in kept for a in attributions]
        if statements:
            searches = attribution_searches((a.content, a.speaker_mention, a.cue) for _, a in statements)
            cur.executemany(INSERT_ATTRIBUTION, [
                (*_attribution_values(d, a), search) for (d, a), search in zip(statements, searches)
            ])
        return new

    # -- reading ---------------------------------------------------------------------

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def documents(self) -> Iterator[Document]:
        # A named (server-side) cursor streams: memory does not grow with the corpus.
        with self.conn.transaction(), self.conn.cursor(name="documents", row_factory=_dict_row()) as cur:
            cur.execute(f"SELECT * FROM documents {DOCUMENT_ORDER}")
            for row in cur:
                yield stored_document(row)

    def document(self, id_prefix: str) -> Document:
        rows = self._dicts(
            "SELECT * FROM documents WHERE id LIKE %s || '%%' OR doc = %s LIMIT 3", (id_prefix, id_prefix)
        )
        if not rows:
            raise StoreError(Errors.E022.format(prefix=id_prefix))
        if len(rows) > 1:
            raise StoreError(Errors.E023.format(prefix=id_prefix, count=len(rows)))
        return stored_document(rows[0])

    def attributions(self, document_id: str | None = None) -> Iterator[Attribution]:
        sql, args = "SELECT * FROM attributions", ()
        if document_id:
            sql, args = sql + " WHERE document_id = %s", (document_id,)
        order = ' ORDER BY document_id COLLATE "C", content_start, id'
        with self.conn.transaction(), self.conn.cursor(name="attributions", row_factory=_dict_row()) as cur:
            cur.execute(sql + order, args)
            for row in cur:
                yield attribution_from_row(row)

    def attribution_counts(self) -> dict[str, int]:
        """Number of attributions per document id."""
        rows = self.conn.execute("SELECT document_id, count(*) FROM attributions GROUP BY document_id")
        return {document_id: count for document_id, count in rows}

    def errors(self) -> list[dict[str, Any]]:
        return self._dicts(
            """SELECT source, reason, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
               FROM ingest_errors ORDER BY id"""
        )

    def attribution_by_id(self, attribution_id: int) -> Attribution | None:
        """One attribution by its row id (the `#N` of timelines and the web app), or None."""
        rows = self._dicts("SELECT * FROM attributions WHERE id = %s", (attribution_id,))
        return attribution_from_row(rows[0]) if rows else None

    def numbered_attributions(self) -> Iterator[tuple[int, Attribution]]:
        """Every attribution with its row id, in the order they were stored."""
        with self.conn.transaction(), self.conn.cursor(name="numbered", row_factory=_dict_row()) as cur:
            cur.execute("SELECT * FROM attributions ORDER BY id")
            for row in cur:
                yield row["id"], attribution_from_row(row)

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query written for `self.dialect`, shaped as SQLite returns them:
        JSON columns as JSON text, times as ISO text."""
        return [{k: _sqlite_shaped(v) for k, v in row.items()} for row in self._dicts(sql, tuple(args))]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching a query (`fulltext.py`: words, "phrases", prefix*, AND/OR/NOT),
        best first by PostgreSQL's rank, with FTS5's snippet; SearchSyntaxError if malformed."""
        rows = self._dicts(
            """WITH q AS (SELECT %s::tsquery AS query)
               SELECT d.* FROM q, documents_fts f JOIN documents d ON d.id = f.document_id
               WHERE f.search @@ q.query
               ORDER BY ts_rank(f.search, q.query) DESC, d.id LIMIT %s""",
            (tsquery(query), limit),
        )
        documents = [stored_document(row) for row in rows]
        snippets = document_snippets(documents, query, SEARCH_SNIPPET_MARKS)
        return [{"id": d.id, "doc": d.doc, "title": d.title, "snippet": snippet}
                for d, snippet in zip(documents, snippets)]

    def _dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.conn.cursor(row_factory=_dict_row()) as cur:
            cur.execute(sql, args)
            return cur.fetchall()


def _returned_a_row(cur, first: bool) -> bool:
    """Whether the next statement of an `executemany(..., returning=True)` returned its row."""
    if not first:
        cur.nextset()
    return cur.fetchone() is not None


def _document_values(d: Document) -> tuple:
    earliest, latest = d.published_range or (None, None)
    return (
        d.id, d.doc, d.source, d.media_type, d.text, d.body_start, d.body_end,
        json.dumps([[s.start, s.end] for s in d.body_excluded]),
        d.title, _start(d.title_span), _end(d.title_span),
        json.dumps(d.authors), d.publisher, d.published, d.published_basis,
        earliest, latest, _start(d.published_span), _end(d.published_span),
        d.url, json.dumps(d.basis, sort_keys=True),
    )


def _attribution_values(d: Document, a: Attribution) -> tuple:
    return (
        d.id, a.doc, a.type, a.content, a.content_start, a.content_end,
        a.cue, a.cue_start, a.cue_end, a.speaker, a.speaker_mention,
        a.speaker_start, a.speaker_end, a.speaker_method, a.confidence,
        a.said_on, a.said_on_basis, a.said_on_granularity, a.said_on_start,
        a.said_on_end, a.target, a.event, a.rules,
    )


def _sqlite_shaped(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime(ISO_TIME_FORMAT)
    return value


def stored_document(row: dict[str, Any]) -> Document:
    """A Document from a `documents` row read as dicts."""
    return document_from_row(_json_text(row))


def _json_text(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, **{column: json.dumps(row[column]) for column in JSON_COLUMNS}}


def _dict_row():
    from psycopg.rows import dict_row

    return dict_row


def _psycopg():
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(Errors.E800) from exc
    return psycopg
