"""The SQLite file is a public surface: readable views, working FTS, declared foreign keys,
checked with plain sqlite3 as Datasette or any SQLite browser would see it."""

from __future__ import annotations

import sqlite3

from tests.browser.demo_store import build_demo_store


def test_web_database_has_readable_views_fts_and_foreign_keys(tmp_path):
    db = build_demo_store(tmp_path / "demo.db", files=("2013-09-18-heroic-flexibility.txt",), hostile=False)
    conn = sqlite3.connect(db)
    views = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"statements", "speakers"} <= views
    columns = [row[1] for row in conn.execute("PRAGMA table_info(statements)")]
    assert columns[:3] == ["statement_id", "speaker", "target"] and "document_title" in columns
    found = conn.execute(
        "SELECT s.quote FROM attributions_fts JOIN statements s ON s.statement_id = attributions_fts.rowid"
        " WHERE attributions_fts MATCH 'flexibility'").fetchall()
    assert any("heroic flexibility" in quote for (quote,) in found)
    keys = {(row[2], row[3], row[4]) for row in conn.execute("PRAGMA foreign_key_list(attributions)")}
    assert ("documents", "document_id", "id") in keys
    speakers = dict(conn.execute("SELECT speaker, statements FROM speakers"))
    assert speakers["ali-khamenei"] == conn.execute(
        "SELECT count(*) FROM statements WHERE speaker = 'ali-khamenei'").fetchone()[0]


def test_web_database_fts_follows_deletes_and_updates(tmp_path):
    db = build_demo_store(tmp_path / "demo.db", files=("2013-09-18-heroic-flexibility.txt",), hostile=False)
    conn = sqlite3.connect(db)
    count = "SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH 'flexibility'"
    assert conn.execute(count).fetchone()[0] > 0
    conn.execute("UPDATE attributions SET content = 'replaced words' WHERE content LIKE '%flexibility%'")
    assert conn.execute(count).fetchone()[0] == 0
    conn.execute("DELETE FROM attributions")
    assert conn.execute("SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH 'replaced'").fetchone()[0] == 0


def test_web_database_every_statement_filter_has_an_index():
    """A list filtered by speaker, target, event or type (no words) reads its index, newest
    first, instead of walking every statement in date order."""
    from stancetrace.report.record import HIT_COLUMNS, StatementFilter, _statement_query
    from stancetrace.store import SQLiteStore
    from stancetrace.store.reading import SQLITE

    with SQLiteStore(":memory:") as store:
        for name, value in (("speaker", "ali-khamenei"), ("target", "israel"), ("event", "AGREE"), ("type", "block")):
            sql, args = _statement_query(StatementFilter(**{name: value}, since="2013"), False, SQLITE, HIT_COLUMNS)
            plan = " ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, args))
            assert f"USING INDEX attributions_{name} ({name}=?" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
