"""The store contract: every back end (SQLite, PostgreSQL) passes the same tests.

Round trip, idempotent re-ingest, atomic documents and batches, search, ordering, errors,
and the same named migrations. The PostgreSQL half runs on a throwaway server
(tests/pg_server.py) and skips only where no server binary is installed.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from stancetrace.errors import StoreError
from stancetrace.store import open_store
from stancetrace.store import migrations as sqlite_migrations
from stancetrace.store import pg_schema
from tests.conftest import REPO
from tests.pg_server import postgres_url  # noqa: F401  (fixture)
from tests.test_store_sqlite import make_attribution, make_document

BACK_ENDS = ("sqlite", "postgresql")


def _integrity_errors() -> tuple[type[BaseException], ...]:
    import psycopg

    return (sqlite3.IntegrityError, psycopg.IntegrityError)


# Separate processes writing the same batch at the same moment, each with its own connection.
WRITER_PROCESSES = 2
WRITER = textwrap.dedent(
    """
    import json, sys
    from stancetrace.store import open_store
    from tests.test_store_contract import numbered
    with open_store(sys.argv[1]) as store:
        print("ready", flush=True)
        sys.stdin.readline()  # the go signal: every writer has connected
        print(json.dumps(store.add_documents([numbered(n) for n in range(1, 9)])), flush=True)
    """
)


@pytest.fixture(params=BACK_ENDS)
def any_url(request, tmp_path) -> str:
    return str(tmp_path / "contract.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")


@pytest.fixture
def any_store(any_url):
    with open_store(any_url) as store:
        yield store


def numbered(n: int, text: str = "Khamenei said talks were poison."):
    document = make_document(text=text, doc=f"{n:03d}.txt", id_=f"{n:064x}")
    return document, [make_attribution(document)]


def stored_whole_or_absent(store, document, attributions) -> bool:
    """The atomicity invariant: all of a document's rows, or none of them."""
    if not store.has_document(document.id):
        return not list(store.attributions(document.id)) and not store.search(f'"{document.doc}"')
    return len(list(store.attributions(document.id))) == len(attributions)


def test_store_contract_round_trips_a_document_and_its_attributions(any_store):
    document, attributions = numbered(1)
    assert any_store.add_document(document, attributions) is True
    assert any_store.document(document.id[:12]) == document
    assert any_store.document("001.txt") == document
    (stored,) = list(any_store.attributions(document.id))
    assert stored.to_record() == {**attributions[0].to_record(), "doc_id": document.id}
    assert stored.content == document.text[stored.content_start : stored.content_end]


def test_store_contract_re_ingest_is_a_no_op(any_store):
    document, attributions = numbered(1)
    assert any_store.add_documents([(document, attributions)]) == [True]
    assert any_store.add_documents([(document, attributions), numbered(2)]) == [False, True]
    assert any_store.count_documents() == 2
    assert sum(any_store.attribution_counts().values()) == 2


def test_store_contract_known_ids_names_only_stored_documents(any_store):
    any_store.add_document(*numbered(1))
    assert any_store.known_ids([f"{1:064x}", f"{2:064x}"]) == {f"{1:064x}"}


def test_store_contract_failed_document_leaves_no_rows(any_store):
    document, attributions = numbered(1)
    attributions[0].content = None  # NOT NULL violated inside the document's transaction
    with pytest.raises(_integrity_errors()):
        any_store.add_document(document, attributions)
    assert any_store.count_documents() == 0
    assert any_store.search("poison") == []


def test_store_contract_failed_batch_leaves_every_document_whole_or_absent(any_store):
    batch = [numbered(n) for n in range(1, 5)]
    batch[2][1][0].content = None
    with pytest.raises(_integrity_errors()):
        any_store.add_documents(batch)
    assert not any_store.has_document(batch[2][0].id)
    assert all(stored_whole_or_absent(any_store, d, a) for d, a in batch)


def test_store_contract_search_finds_body_words_and_marks_them(any_store):
    any_store.add_document(*numbered(1))
    any_store.add_document(*numbered(2, text="The president spoke about the economy."))
    hits = any_store.search("poison")
    assert [h["doc"] for h in hits] == ["001.txt"]
    assert "[poison]" in hits[0]["snippet"]
    assert any_store.search("nonexistentword") == []


def test_store_contract_lists_documents_by_date_undated_first(any_store):
    later, _ = numbered(1)
    undated, _ = numbered(2)
    undated.published, undated.published_basis, undated.published_span = None, "unknown", None
    earlier, _ = numbered(3)
    earlier.published = "2001"
    for document in (later, undated, earlier):
        any_store.add_document(document)
    assert [d.doc for d in any_store.documents()] == ["002.txt", "003.txt", "001.txt"]


def test_store_contract_unknown_or_ambiguous_prefix_says_so(any_store):
    any_store.add_document(*numbered(1))
    any_store.add_document(*numbered(2))
    with pytest.raises(StoreError, match="E022"):
        any_store.document("ffff")
    with pytest.raises(StoreError, match="E023"):
        any_store.document("0000")


def test_store_contract_records_ingest_errors_in_order(any_store):
    any_store.record_error("bad.txt", "E002 empty file (0 bytes)")
    any_store.record_error("worse.pdf", "E010 PDF is encrypted")
    errors = any_store.errors()
    assert [(e["source"], e["reason"][:4]) for e in errors] == [("bad.txt", "E002"), ("worse.pdf", "E010")]
    assert errors[0]["at"].endswith("Z")


def test_store_contract_both_back_ends_have_the_same_named_migrations():
    assert [m.__name__ for m in pg_schema.MIGRATIONS] == [m.__name__ for m in sqlite_migrations.MIGRATIONS]


def test_store_contract_two_writer_processes_never_duplicate_a_document(any_url):
    open_store(any_url).close()  # the schema exists before the writers race
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, any_url], cwd=REPO, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for _ in range(WRITER_PROCESSES)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outcomes = [json.loads(writer.communicate(timeout=120)[0]) for writer in writers]
    assert all(writer.returncode == 0 for writer in writers)
    # Each document was stored by exactly one writer; the other found it there.
    assert [sum(column) for column in zip(*outcomes)] == [1] * 8
    with open_store(any_url) as store:
        assert store.count_documents() == 8
        assert store.attribution_counts() == {f"{n:064x}": 1 for n in range(1, 9)}
