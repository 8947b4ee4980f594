"""The SQLite store: schema, idempotent ingest, atomic documents, search."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

from stancetrace.records import Attribution, Document, Span
from stancetrace.store import SQLiteStore
from stancetrace.store.migrations import MIGRATIONS


def make_document(text="Khamenei said talks were poison.", doc="a.txt", id_="a" * 64) -> Document:
    return Document(doc=doc, id=id_, source=f"/tmp/{doc}", media_type="text/plain", text=text,
                    body_start=0, body_end=len(text), title="A title", title_span=None,
                    authors=["A. Writer"], published="2019-05-14", published_basis="explicit",
                    published_span=Span(0, 3), basis={"published": "explicit"})


def make_attribution(document: Document) -> Attribution:
    return Attribution(doc=document.doc, content="poison", content_start=25, content_end=31,
                       type="partial", cue="said", cue_start=9, cue_end=13, speaker="ali-khamenei",
                       speaker_mention="Khamenei", speaker_start=0, speaker_end=8)


def test_store_sqlite_uses_wal_and_records_migrations(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations")]
    assert names == [m.__name__ for m in MIGRATIONS]


def test_store_sqlite_reopening_runs_no_migration_twice(tmp_path):
    SQLiteStore(tmp_path / "s.db").close()
    with SQLiteStore(tmp_path / "s.db") as store:
        count = store.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    assert count == len(MIGRATIONS)


def test_store_sqlite_round_trips_a_document_and_its_attributions(store):
    document = make_document()
    assert store.add_document(document, [make_attribution(document)])
    again = store.document("aaaa")
    assert again == document
    (stored,) = list(store.attributions(document.id))
    assert stored.content == document.text[stored.content_start : stored.content_end]
    assert stored.speaker == "ali-khamenei"


def test_store_sqlite_same_document_twice_is_a_no_op(store):
    document = make_document()
    assert store.add_document(document) is True
    assert store.add_document(document) is False
    assert store.count_documents() == 1


def test_store_sqlite_full_text_search_finds_body_words(store):
    store.add_document(make_document())
    hits = store.search("poison")
    assert [h["doc"] for h in hits] == ["a.txt"]
    assert "[poison]" in hits[0]["snippet"]


def test_store_sqlite_failed_attribution_insert_leaves_no_document(store):
    document = make_document()
    broken = make_attribution(document)
    broken.content = None  # violates NOT NULL inside the document's transaction
    try:
        store.add_document(document, [broken])
    except sqlite3.IntegrityError:
        pass
    assert store.count_documents() == 0
    assert store.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0


def test_store_sqlite_process_killed_mid_document_leaves_no_partial_rows(tmp_path):
    db = tmp_path / "killed.db"
    # The child stores one document, then dies by SIGKILL after writing the second
    # document's row but before its attributions and commit.
    script = textwrap.dedent(
        f"""
        import os, signal
        from stancetrace.store import SQLiteStore
        from stancetrace.store.sqlite import SQLiteStore as S
        import tests.test_store_sqlite as t
        store = SQLiteStore({str(db)!r})
        store.add_document(t.make_document(doc="first.txt", id_="1" * 64))
        def die(self, document, attributions):
            os.kill(os.getpid(), signal.SIGKILL)
        S._insert_attributions = die
        store.add_document(t.make_document(doc="second.txt", id_="2" * 64))
        """
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path.parent) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = subprocess.run([sys.executable, "-c", script], cwd=repo, env=env)
    assert result.returncode == -signal.SIGKILL
    with SQLiteStore(db) as store:
        assert [d.doc for d in store.documents()] == ["first.txt"]
        assert store.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
