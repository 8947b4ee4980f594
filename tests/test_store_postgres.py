"""What only the PostgreSQL store promises: batches in one transaction, concurrent writers
that never duplicate, GIN-indexed search, refused documents isolated, and every command
working against a postgresql:// URL. Runs on a throwaway server (tests/pg_server.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading

import pytest
from typer.testing import CliRunner

from stancetrace.cli import app
from stancetrace.errors import InputError, StoreError
from stancetrace.store import SQLiteStore, open_store
from stancetrace.store.pg_schema import MIGRATIONS
from stancetrace.store.postgres import PostgresStore, redact
from tests.conftest import REPO, SHARED
from tests.pg_server import postgres_url  # noqa: F401  (fixture)
from tests.test_store_contract import numbered

# Writers racing to store the same batch in the concurrency test.
RACING_WRITERS = 4


def test_store_postgres_open_store_dispatches_on_the_url(postgres_url, tmp_path):
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)
    with open_store(str(tmp_path / "local.db")) as store:
        assert isinstance(store, SQLiteStore)


def test_store_postgres_unreachable_server_is_one_clear_error_without_the_password():
    with pytest.raises(StoreError, match="E801") as caught:
        PostgresStore("postgresql://someone:secret@127.0.0.1:1/nowhere?connect_timeout=2")
    assert "secret" not in str(caught.value)
    assert redact("postgresql://u:pw@host/db") == "postgresql://u:***@host/db"


def test_store_postgres_concurrent_first_opens_migrate_once(postgres_url):
    opened: list[PostgresStore] = []
    threads = [threading.Thread(target=lambda: opened.append(PostgresStore(postgres_url))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = [row[0] for row in opened[0].conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == sorted(m.__name__ for m in MIGRATIONS)
    for store in opened:
        store.close()


def test_store_postgres_concurrent_writers_never_duplicate(postgres_url):
    batch = [numbered(n) for n in range(1, 9)]
    stores = [PostgresStore(postgres_url) for _ in range(RACING_WRITERS)]
    start = threading.Barrier(RACING_WRITERS)
    outcomes: list[list[bool]] = []

    def write(store):
        start.wait()
        outcomes.append(store.add_documents(batch))

    threads = [threading.Thread(target=write, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store = stores[0]
    assert store.count_documents() == len(batch)
    assert store.attribution_counts() == {d.id: 1 for d, _ in batch}
    # Each document was stored by exactly one writer; the others saw it already there.
    assert [sum(column) for column in zip(*outcomes)] == [1] * len(batch)
    for opened in stores:
        opened.close()


def test_store_postgres_refused_document_is_isolated_and_reported(postgres_url):
    batch = [numbered(n) for n in range(1, 4)]
    batch[1][0].title = "NUL\x00byte"  # PostgreSQL text cannot hold NUL
    with open_store(postgres_url) as store:
        outcomes = store.add_documents(batch)
        assert outcomes[0] is True and outcomes[2] is True
        assert isinstance(outcomes[1], InputError) and outcomes[1].reason.startswith("E802")
        assert store.known_ids(d.id for d, _ in batch) == {batch[0][0].id, batch[2][0].id}


def test_store_postgres_search_uses_the_gin_index(postgres_url):
    with open_store(postgres_url) as store:
        for n in range(1, 4):
            store.add_document(*numbered(n))
        store.conn.execute("SET enable_seqscan = off")  # a tiny table would otherwise be scanned
        plan = "\n".join(row[0] for row in store.conn.execute(
            "EXPLAIN SELECT document_id FROM documents_fts WHERE search @@ websearch_to_tsquery('simple', 'poison')"))
    assert "documents_fts_search" in plan


def test_store_postgres_killed_writer_leaves_no_document_of_its_batch(postgres_url):
    # The child dies by SIGKILL after sending every row of a batch of four, before the commit.
    script = textwrap.dedent(
        f"""
        import os, signal
        from stancetrace.store.postgres import PostgresStore
        from tests.test_store_contract import numbered
        store = PostgresStore({postgres_url!r})
        store.add_document(*numbered(99))
        original = PostgresStore._insert
        def insert_then_die(self, cur, batch):
            original(self, cur, batch)
            cur.execute("SELECT 1")  # the server has taken every row
            os.kill(os.getpid(), signal.SIGKILL)
        PostgresStore._insert = insert_then_die
        store.add_documents([numbered(n) for n in range(1, 5)])
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO)
    assert result.returncode == -9
    with open_store(postgres_url) as store:
        assert [d.doc for d in store.documents()] == ["099.txt"]
        assert sum(store.attribution_counts().values()) == 1


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the repository")
def test_store_postgres_every_store_command_works_on_a_postgresql_url(postgres_url, tmp_path):
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(SHARED / "seeds"), "--db", postgres_url, "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    assert "ingested 5, unchanged 0, failed 0" in ingested.output
    listed = runner.invoke(app, ["docs", "--db", postgres_url])
    assert listed.exit_code == 0 and "000_3401f9aef8b5" in listed.output
    shown = runner.invoke(app, ["show", "000_3401f9aef8b54661.txt", "--db", postgres_url])
    assert shown.exit_code == 0 and "published" in shown.output
    exported = runner.invoke(app, ["export", "--db", postgres_url, "--table", "attributions"])
    rows = [json.loads(line) for line in exported.output.splitlines()]
    assert exported.exit_code == 0 and rows and all("speaker" in row for row in rows)
    quoted = runner.invoke(app, ["quotes", "--db", postgres_url, "--speaker", "ali-khamenei"], env={"COLUMNS": "200"})
    assert quoted.exit_code == 0 and "ali-khamenei" in quoted.output
    again = runner.invoke(app, ["ingest", str(SHARED / "seeds"), "--db", postgres_url, "--quiet"])
    assert "ingested 0, unchanged 5, failed 0" in again.output
