"""The SQLite file in Datasette (issue 7): a store of demo-corpus documents served by a real
Datasette, in process through its ASGI client, and checked as a person browsing it sees it:
readable table names, the statement columns, a working search box, the document a
statement comes from (foreign key), and an older file upgraded on opening."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a dev dependency")

from stancetrace.store import SQLiteStore  # noqa: E402
from stancetrace.store import migrations as sqlite_migrations  # noqa: E402
from stancetrace.web.datasette_metadata import main as write_metadata  # noqa: E402
from stancetrace.web.datasette_metadata import metadata  # noqa: E402
from tests.browser.demo_store import build_demo_store  # noqa: E402

DEMO_FILES = ("2013-09-18-heroic-flexibility.txt", "2015-10-08-talks-forbidden.txt")
READABLE_NAME = re.compile(r"^[a-z]+(_[a-z]+)*$")
ATTRIBUTION_COLUMNS = [
    "id", "document_id", "doc", "type", "content", "content_start", "content_end",
    "cue", "cue_start", "cue_end", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "speaker_method", "confidence", "said_on", "said_on_basis", "said_on_granularity",
    "said_on_start", "said_on_end", "target", "event", "rules",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("datasette") / "demo.db", files=DEMO_FILES, hostile=False)


def browse(db, *paths: str, with_metadata: bool = False) -> list:
    """Datasette's responses to `paths`, serving `db` (as `datasette db [--metadata ...]` would)."""

    async def run():
        server = datasette_app.Datasette(files=[str(db)], metadata=metadata(db) if with_metadata else None)
        await server.invoke_startup()
        return [await server.client.get(path) for path in paths]

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this one, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as thread:
        responses = thread.submit(asyncio.run, run()).result()
    for path, response in zip(paths, responses):
        assert response.status_code == 200, (path, response.text[:500])
    return responses


def rows_with(db, word: str) -> set[int]:
    """Ids of the statements whose text the search index matches for `word`, by plain SQL."""
    conn = sqlite3.connect(db)
    return {row[0] for row in conn.execute(
        "SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?", (word,))}


def test_web_datasette_lists_tables_and_views_by_readable_names(demo_db):
    index, page = browse(demo_db, "/demo.json", "/demo")
    tables = {t["name"]: t for t in index.json()["tables"]}
    shown = {name for name, t in tables.items() if not t["hidden"]}
    assert shown == {"documents", "attributions", "actors", "actor_roles", "ingest_errors", "schema_migrations"}
    assert all(READABLE_NAME.match(name) for name in shown)
    # The search indexes and their shadow tables are there but tucked away.
    assert all(name.startswith(("attributions_fts", "documents_fts")) for name in set(tables) - shown)
    views = {view["name"] for view in index.json()["views"]}
    assert {"statements", "speakers"} <= views
    for name in ("attributions", "documents", "statements", "speakers"):
        assert f'href="/demo/{name}"' in page.text, name
    assert tables["attributions"]["count"] == len(_all_ids(demo_db)) > 0


def _all_ids(db) -> set[int]:
    return {row[0] for row in sqlite3.connect(db).execute("SELECT id FROM attributions")}


def test_web_datasette_attributions_json_has_the_record_columns(demo_db):
    (table,) = browse(demo_db, "/demo/attributions.json?_shape=objects&_size=max")
    answer = table.json()
    assert answer["columns"] == ATTRIBUTION_COLUMNS
    quotes = [row["content"] for row in answer["rows"]]
    assert len(quotes) == len(_all_ids(demo_db)) and any("heroic flexibility" in q for q in quotes)
    (statements,) = browse(demo_db, "/demo/statements.json?_shape=objects&_size=max")
    assert statements.json()["columns"][:6] == ["statement_id", "speaker", "target", "event", "type", "said_on"]


def test_web_datasette_search_box_finds_statements_with_stemming(demo_db):
    index, page, found, stemmed = browse(
        demo_db, "/demo.json", "/demo/attributions",
        "/demo/attributions.json?_search=flexibility&_shape=array&_size=max",
        "/demo/attributions.json?_search=negotiations&_shape=array&_size=max")
    tables = {t["name"]: t for t in index.json()["tables"]}
    assert tables["attributions"]["fts_table"] == "attributions_fts"
    assert 'name="_search"' in page.text  # the search box a person types into
    hits = found.json()
    assert hits and {row["id"] for row in hits} == rows_with(demo_db, "flexibility")
    assert all("flexib" in (row["content"] + (row["cue"] or "")).lower() for row in hits)
    said = " ".join(row["content"].lower() for row in stemmed.json())
    assert "negotiation" in said  # "negotiations" finds the singular too


def test_web_datasette_shows_the_document_of_each_statement(demo_db):
    index, labelled, document_page = browse(
        demo_db, "/demo.json", "/demo/attributions.json?_labels=on&_shape=array&_size=max",
        "/demo/documents.json?_shape=array")
    tables = {t["name"]: t for t in index.json()["tables"]}
    outgoing = {(k["column"], k["other_table"], k["other_column"]) for k in tables["attributions"]["foreign_keys"]["outgoing"]}
    assert ("document_id", "documents", "id") in outgoing
    incoming = {(k["other_table"], k["other_column"]) for k in tables["documents"]["foreign_keys"]["incoming"]}
    assert ("attributions", "document_id") in incoming
    titles = {d["id"]: d["title"] for d in document_page.json()}
    for row in labelled.json():
        assert row["document_id"] == {"value": row["document_id"]["value"], "label": titles[row["document_id"]["value"]]}
    assert "Heroic Flexibility" in " ".join(row["document_id"]["label"] or "" for row in labelled.json())


def test_web_datasette_metadata_describes_tables_and_searches_statements(demo_db, capsys):
    write_metadata([str(demo_db)])
    written = json.loads(capsys.readouterr().out)
    assert set(written["databases"]) == {"demo"}
    index, found, page = browse(
        demo_db, "/demo.json", "/demo/statements.json?_search=flexibility&_shape=array&_size=max",
        "/demo/statements", with_metadata=True)
    hidden = {t["name"] for t in index.json()["tables"] if t["hidden"]}
    assert "schema_migrations" in hidden
    assert {row["statement_id"] for row in found.json()} == rows_with(demo_db, "flexibility")
    assert "Each statement with its document" in page.text and "what was said" in page.text


def test_web_datasette_finds_the_search_of_an_older_file_after_it_is_opened(tmp_path, monkeypatch):
    """A file made before the index was quoted for Datasette is upgraded when a store opens it."""
    with monkeypatch.context() as older:
        older.setattr(sqlite_migrations, "MIGRATIONS", sqlite_migrations.MIGRATIONS[:2])
        db = build_demo_store(tmp_path / "demo.db", files=DEMO_FILES, hostile=False)
    (before,) = browse(db, "/demo.json")
    assert {t["name"]: t for t in before.json()["tables"]}["attributions"]["fts_table"] is None
    SQLiteStore(db).close()
    after, found = browse(db, "/demo.json", "/demo/attributions.json?_search=flexibility&_shape=array")
    assert {t["name"]: t for t in after.json()["tables"]}["attributions"]["fts_table"] == "attributions_fts"
    assert {row["id"] for row in found.json()} == rows_with(db, "flexibility") != set()
