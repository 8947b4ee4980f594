"""Schema migrations: named functions, each run once in its own transaction and
recorded in `schema_migrations`. Add a new function at the end; never edit an old one.

Tables and columns are named for the reader: the SQLite file is a public surface
(it opens in Datasette or any SQLite browser).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def m001_documents(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,              -- sha256 of the input bytes
            doc TEXT NOT NULL,                -- file name, or FILE#ROW
            source TEXT NOT NULL,             -- path as ingested
            media_type TEXT NOT NULL,
            text TEXT NOT NULL,               -- the text all offsets index into
            body_start INTEGER NOT NULL,
            body_end INTEGER NOT NULL,
            body_excluded TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end], ...]
            title TEXT,
            title_start INTEGER,
            title_end INTEGER,
            authors TEXT NOT NULL DEFAULT '[]',         -- JSON list of names
            publisher TEXT,
            published TEXT,                   -- YYYY-MM-DD, YYYY-MM or YYYY
            published_basis TEXT NOT NULL DEFAULT 'unknown',
            published_earliest TEXT,
            published_latest TEXT,
            published_start INTEGER,          -- evidence span of an explicit date
            published_end INTEGER,
            url TEXT,
            basis TEXT NOT NULL DEFAULT '{}', -- JSON: where each field came from
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            document_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE attributions (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            doc TEXT NOT NULL,
            type TEXT NOT NULL,
            content TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            cue TEXT, cue_start INTEGER, cue_end INTEGER,
            speaker TEXT NOT NULL DEFAULT 'unknown',
            speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER,
            speaker_method TEXT NOT NULL DEFAULT 'unknown',
            confidence REAL NOT NULL DEFAULT 0,
            said_on TEXT,
            said_on_basis TEXT NOT NULL DEFAULT 'unknown',
            said_on_granularity TEXT,
            said_on_start INTEGER, said_on_end INTEGER,
            target TEXT,
            event TEXT,
            rules TEXT                          -- rule-set version that made the row
        );
        CREATE INDEX attributions_document ON attributions(document_id);
        CREATE INDEX attributions_speaker ON attributions(speaker, said_on);
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL                  -- person | organisation | state | media
        );
        CREATE TABLE actor_roles (
            actor_id TEXT NOT NULL REFERENCES actors(id),
            role TEXT NOT NULL,
            organisation TEXT,
            start_date TEXT,
            end_date TEXT,
            source TEXT
        );
        CREATE TABLE ingest_errors (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        """
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [m001_documents]


def schema_version(conn: sqlite3.Connection) -> int:
    return len(applied(conn))


def applied(conn: sqlite3.Connection) -> set[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name TEXT PRIMARY KEY,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    done = applied(conn)
    known = {m.__name__ for m in MIGRATIONS}
    unknown = done - known
    if unknown:
        from ..errors import Errors, StoreError

        raise StoreError(Errors.E021.format(found=len(done), known=len(known)))
    ran = []
    for migration in MIGRATIONS:
        if migration.__name__ in done:
            continue
        # executescript commits implicitly, so wrap the DDL in an explicit transaction.
        conn.execute("BEGIN IMMEDIATE")
        try:
            _run_in_transaction(conn, migration)
            conn.execute("INSERT INTO schema_migrations(name) VALUES (?)", (migration.__name__,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(migration.__name__)
    return ran


def _run_in_transaction(conn: sqlite3.Connection, migration) -> None:
    # executescript() would COMMIT first; run the statements one by one instead.
    recorder = _StatementRecorder()
    migration(recorder)
    for statement in recorder.statements:
        conn.execute(statement)


class _StatementRecorder:
    """Stands in for a connection so a migration's script can be split into statements."""

    def __init__(self):
        self.statements: list[str] = []

    def executescript(self, script: str) -> None:
        import sqlite3 as _sqlite3

        buffer = ""
        for line in script.splitlines(keepends=True):
            buffer += line
            if _sqlite3.complete_statement(buffer):
                self.statements.append(buffer.strip())
                buffer = ""
        if buffer.strip():
            self.statements.append(buffer.strip())

    def execute(self, statement: str) -> None:
        self.statements.append(statement)


def m002_statements_for_readers(conn: sqlite3.Connection) -> None:
    """Full-text search over what was said, and views named for a reader (Datasette).

    `attributions_fts` is an external-content FTS5 index kept in step by triggers (with
    English stemming, so "negotiation" finds "negotiations");
    `statements` joins each attribution to its document; `speakers` counts them.
    """
    conn.executescript(
        """
        CREATE VIRTUAL TABLE attributions_fts USING fts5(
            content, speaker_mention, cue, content = 'attributions', content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO attributions_fts(attributions_fts) VALUES ('rebuild');
        CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
            INSERT INTO attributions_fts(rowid, content, speaker_mention, cue)
            VALUES (new.id, new.content, new.speaker_mention, new.cue);
        END;
        CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
            INSERT INTO attributions_fts(attributions_fts, rowid, content, speaker_mention, cue)
            VALUES ('delete', old.id, old.content, old.speaker_mention, old.cue);
        END;
        CREATE TRIGGER attributions_fts_update AFTER UPDATE ON attributions BEGIN
            INSERT INTO attributions_fts(attributions_fts, rowid, content, speaker_mention, cue)
            VALUES ('delete', old.id, old.content, old.speaker_mention, old.cue);
            INSERT INTO attributions_fts(rowid, content, speaker_mention, cue)
            VALUES (new.id, new.content, new.speaker_mention, new.cue);
        END;
        CREATE INDEX attributions_target ON attributions(target, said_on);
        CREATE INDEX attributions_said_on ON attributions(said_on);
        CREATE VIEW statements AS
            SELECT a.id AS statement_id, a.speaker, a.target, a.event, a.type,
                   a.said_on, a.said_on_basis, a.content AS quote, a.cue, a.speaker_mention,
                   a.speaker_method, a.confidence, a.rules,
                   d.title AS document_title, d.publisher AS document_publisher,
                   d.published AS document_published, d.doc AS document_file,
                   a.document_id
            FROM attributions a JOIN documents d ON d.id = a.document_id;
        CREATE VIEW speakers AS
            SELECT speaker, count(*) AS statements, count(DISTINCT document_id) AS documents,
                   min(said_on) AS first_said_on, max(said_on) AS last_said_on
            FROM attributions GROUP BY speaker;
        """
    )


MIGRATIONS.append(m002_statements_for_readers)


def m003_stemmed_document_search(conn: sqlite3.Connection) -> None:
    """Document search stems English as statement search does ("negotiations" finds
    "negotiation"), with the tokenizer of `fulltext.TOKENIZER`, which the PostgreSQL store
    shares: one query finds the same rows on both back ends.

    FTS5 cannot change a table's tokenizer, so `documents_fts` is rebuilt from its own
    rows, keeping their rowids (the order search hits are read in).
    """
    conn.executescript(
        """
        CREATE TEMP TABLE documents_fts_rows AS
            SELECT rowid AS row_id, document_id, title, body FROM documents_fts;
        DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            document_id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO documents_fts(rowid, document_id, title, body)
            SELECT row_id, document_id, title, body FROM documents_fts_rows ORDER BY row_id;
        DROP TABLE documents_fts_rows;
        """
    )


MIGRATIONS.append(m003_stemmed_document_search)


def m004_statement_search_for_datasette(conn: sqlite3.Connection) -> None:
    """Datasette offers full-text search on `attributions` (a search box, `?_search=`).

    Datasette finds a table's FTS index by the text of its definition, `content="table"`
    (double quotes, no spaces); m002 wrote `content = 'attributions'`, which SQLite reads
    the same but Datasette misses. The index is recreated with the same columns and
    tokenizer, quoted as Datasette looks for it, and rebuilt from `attributions`. The
    triggers of m002 keep it in step as before: they name the table, not its definition.
    """
    conn.executescript(
        """
        DROP TABLE attributions_fts;
        CREATE VIRTUAL TABLE attributions_fts USING fts5(
            content, speaker_mention, cue, content="attributions", content_rowid="id",
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO attributions_fts(attributions_fts) VALUES ('rebuild');
        """
    )


MIGRATIONS.append(m004_statement_search_for_datasette)



def m005_statement_filter_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for the event and type filters, newest first, as m001 and m002 made for
    speaker and target. Without them a list filtered by a rare event or type (no words)
    walked every statement in date order: 13 ms for `event=AGREE`, 100 ms for a type no
    statement has, at 100k statements."""
    conn.executescript(
        """
        CREATE INDEX attributions_event ON attributions(event, said_on);
        CREATE INDEX attributions_type ON attributions(type, said_on);
        """
    )


MIGRATIONS.append(m005_statement_filter_indexes)
