"""The embedded SQLite store: WAL mode, versioned schema, one transaction per document."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Errors, StoreError
from ..records import Attribution, Document, Span
from .fulltext import fts5_query, search_body
from .migrations import migrate
from .reading import SQLITE, StoreLifecycle, sqlite_rows

# How long a writer waits for another process's lock before giving up (ms). Long
# enough for a concurrent `ingest` to finish a document.
BUSY_TIMEOUT_MS = 30_000


class SQLiteStore(StoreLifecycle):
    """Documents and their attributions in one SQLite file.

    >>> store = SQLiteStore(":memory:")
    >>> store.count_documents()
    0
    """

    dialect = SQLITE

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(Errors.E020.format(path=self.path, detail=exc)) from exc

    # -- writing ---------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def add_document(self, document: Document, attributions: Iterable[Attribution] = ()) -> bool:
        """Store a document and its attributions atomically. False if it was already there."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.has_document(document.id):
                self.conn.execute("ROLLBACK")
                return False
            self._insert_document(document)
            self._insert_attributions(document, attributions)
            self.conn.execute("COMMIT")
            return True
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def add_documents(self, batch) -> list[bool]:
        """Store a batch of (document, attributions): one transaction per document, so a
        crash keeps every finished document. True per document stored, False if it was there."""
        return [self.add_document(document, attributions) for document, attributions in batch]

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored."""
        return {id_ for id_ in ids if self.has_document(id_)}

    def record_error(self, source: str, reason: str) -> None:
        self.conn.execute("INSERT INTO ingest_errors(source, reason) VALUES (?, ?)", (source, reason))

    def _insert_document(self, d: Document) -> None:
        earliest, latest = d.published_range or (None, None)
        self.conn.execute(
            """INSERT INTO documents (id, doc, source, media_type, text, body_start, body_end,
                   body_excluded, title, title_start, title_end, authors, publisher, published,
                   published_basis, published_earliest, published_latest, published_start,
                   published_end, url, basis)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                d.id, d.doc, d.source, d.media_type, d.text, d.body_start, d.body_end,
                json.dumps([[s.start, s.end] for s in d.body_excluded]),
                d.title, _start(d.title_span), _end(d.title_span),
                json.dumps(d.authors), d.publisher, d.published, d.published_basis,
                earliest, latest, _start(d.published_span), _end(d.published_span),
                d.url, json.dumps(d.basis, sort_keys=True),
            ),
        )
        self.conn.execute(
            "INSERT INTO documents_fts(document_id, title, body) VALUES (?, ?, ?)",
            (d.id, d.title or "", search_body(d)),
        )

    def _insert_attributions(self, d: Document, attributions: Iterable[Attribution]) -> None:
        rows = [
            (
                d.id, a.doc, a.type, a.content, a.content_start, a.content_end,
                a.cue, a.cue_start, a.cue_end, a.speaker, a.speaker_mention,
                a.speaker_start, a.speaker_end, a.speaker_method, a.confidence,
                a.said_on, a.said_on_basis, a.said_on_granularity, a.said_on_start,
                a.said_on_end, a.target, a.event, a.rules,
            )
            for a in attributions
        ]
        self.conn.executemany(
            """INSERT INTO attributions (document_id, doc, type, content, content_start,
                   content_end, cue, cue_start, cue_end, speaker, speaker_mention,
                   speaker_start, speaker_end, speaker_method, confidence, said_on,
                   said_on_basis, said_on_granularity, said_on_start, said_on_end,
                   target, event, rules)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )

    # -- reading ---------------------------------------------------------------------

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def documents(self) -> Iterator[Document]:
        for row in self.conn.execute("SELECT * FROM documents ORDER BY published, doc"):
            yield document_from_row(row)

    def document(self, id_prefix: str) -> Document:
        rows = self.conn.execute(
            "SELECT * FROM documents WHERE id LIKE ? || '%' OR doc = ? LIMIT 3", (id_prefix, id_prefix)
        ).fetchall()
        if not rows:
            raise StoreError(Errors.E022.format(prefix=id_prefix))
        if len(rows) > 1:
            raise StoreError(Errors.E023.format(prefix=id_prefix, count=len(rows)))
        return document_from_row(rows[0])

    def attributions(self, document_id: str | None = None) -> Iterator[Attribution]:
        sql, args = "SELECT * FROM attributions", ()
        if document_id:
            sql, args = sql + " WHERE document_id = ?", (document_id,)
        for row in self.conn.execute(sql + " ORDER BY document_id, content_start", args):
            yield attribution_from_row(row)

    def attribution_counts(self) -> dict[str, int]:
        """Number of attributions per document id."""
        return dict(self.conn.execute("SELECT document_id, count(*) FROM attributions GROUP BY document_id"))

    def errors(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT source, reason, at FROM ingest_errors ORDER BY id")]

    def attribution_by_id(self, attribution_id: int) -> Attribution | None:
        """One attribution by its row id (the `#N` of timelines and the web app), or None."""
        row = self.conn.execute("SELECT * FROM attributions WHERE id = ?", (attribution_id,)).fetchone()
        return None if row is None else attribution_from_row(row)

    def numbered_attributions(self) -> Iterator[tuple[int, Attribution]]:
        """Every attribution with its row id, in the order they were stored."""
        for row in self.conn.execute("SELECT * FROM attributions ORDER BY id"):
            yield row["id"], attribution_from_row(row)

    def rows(self, sql: str, args: tuple | list = ()) -> list[dict[str, Any]]:
        """Rows of a read query written for `self.dialect`, as dicts."""
        return sqlite_rows(self.conn, sql, args)

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching a query (`fulltext.py`: words, "phrases", prefix*, AND/OR/NOT),
        best first by FTS5's rank; SearchSyntaxError if the query is malformed."""
        rows = self.conn.execute(
            """SELECT d.id, d.doc, d.title, snippet(documents_fts, 2, '[', ']', '…', 12) AS snippet
               FROM documents_fts JOIN documents d ON d.id = documents_fts.document_id
               WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?""",
            (fts5_query(query), limit),
        ).fetchall()
        return [dict(r) for r in rows]


def document_from_row(row: sqlite3.Row) -> Document:
    return Document(
        doc=row["doc"], id=row["id"], source=row["source"], media_type=row["media_type"],
        text=row["text"], body_start=row["body_start"], body_end=row["body_end"],
        body_excluded=[Span(s, e) for s, e in json.loads(row["body_excluded"])],
        title=row["title"], title_span=_span(row["title_start"], row["title_end"]),
        authors=json.loads(row["authors"]), publisher=row["publisher"],
        published=row["published"], published_basis=row["published_basis"],
        published_range=(
            (row["published_earliest"], row["published_latest"]) if row["published_earliest"] else None
        ),
        published_span=_span(row["published_start"], row["published_end"]),
        url=row["url"], basis=json.loads(row["basis"]),
    )


def attribution_from_row(row: sqlite3.Row) -> Attribution:
    fields = {k: row[k] for k in row.keys() if k not in ("id", "document_id")}
    return Attribution(doc_id=row["document_id"], **fields)


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None else Span(start, end)


def _start(span: Span | None) -> int | None:
    return span.start if span else None


def _end(span: Span | None) -> int | None:
    return span.end if span else None
