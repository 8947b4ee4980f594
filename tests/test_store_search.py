"""Search means the same on both back ends: the same query finds the same documents and
statements in SQLite (FTS5) and PostgreSQL (tsvector/GIN), with English stemming, quotes
(curly or straight) and other punctuation ignored, phrases, prefixes and AND/OR/NOT, and
a malformed query is the same friendly E704 on both. Stores made before that upgrade in
place: opening one rebuilds its search index.

The PostgreSQL half runs on the throwaway server of tests/pg_server.py (its cluster's
LC_CTYPE is C, where PostgreSQL's own parser would read a curly quote as a letter) and
skips only where no server binary is installed.
"""

from __future__ import annotations

import sqlite3

import pytest

from stancetrace.records import Attribution, Document
from stancetrace.report.record import QueryError, StatementFilter, find_documents, find_statements
from stancetrace.store import migrations as sqlite_migrations
from stancetrace.store import open_store, pg_schema
from stancetrace.store.fulltext import (
    TOKENIZER,
    SearchSyntaxError,
    attribution_search,
    attribution_searches,
    fts5_query,
    tsquery,
)
from tests.pg_server import shared_server

BACK_ENDS = ("sqlite", "postgresql")

# file -> (title, body, the quoted words of its one statement)
ARTICLES = {
    "talks.txt": ("Leader rules out talks",
                  "Khamenei said there would be no negotiation with America.",
                  "there would be no negotiation with America"),
    "curly.txt": ("A speech to commanders",
                  "The leader called for ‘heroic flexibility’ in diplomacy.",
                  "‘heroic flexibility’ in diplomacy"),
    "straight.txt": ("Rouhani at the UN",
                     'Rouhani said "heroic flexibility" had been shown.',
                     '"heroic flexibility" had been shown'),
    "apart.txt": ("A reversal",
                  "Flexibility, the cleric said, is heroic only once.",
                  "is heroic only once"),
    "edge.txt": ("Heroic",
                 "Flexibility was the word of the year in Tehran; Rohaní's U.S.-Iran talks went on.",
                 "Rohaní's U.S.-Iran talks went on"),
}
# Queries with the files they find, in documents and in statements, on every back end.
EXPECTED = {
    # stemming: plural and singular, a verb form, either way round
    "negotiations": ({"talks.txt"}, {"talks.txt"}),
    "negotiation": ({"talks.txt"}, {"talks.txt"}),
    # a phrase: adjacent words in order, whatever quotes surround them in the text or query
    '"heroic flexibility"': ({"curly.txt", "straight.txt"}, {"curly.txt", "straight.txt"}),
    "“heroic flexibility”": ({"curly.txt", "straight.txt"}, {"curly.txt", "straight.txt"}),
    # single quotes, straight or curly, are punctuation (’ is also an apostrophe): words
    "‘heroic flexibility’": ({"curly.txt", "straight.txt", "apart.txt", "edge.txt"},
                             {"curly.txt", "straight.txt"}),
    # words without a phrase: anywhere in the document or statement
    "heroic flexibility": ({"curly.txt", "straight.txt", "apart.txt", "edge.txt"}, {"curly.txt", "straight.txt"}),
    # prefixes (the stem of the typed prefix, as FTS5 does: "negot*" finds "negoti")
    "negot*": ({"talks.txt"}, {"talks.txt"}),
    "flexib*": ({"curly.txt", "straight.txt", "apart.txt", "edge.txt"}, {"curly.txt", "straight.txt"}),
    '"heroic flex"*': ({"curly.txt", "straight.txt"}, {"curly.txt", "straight.txt"}),
    # operators; NOT binds tighter than AND, AND than OR
    "flexibility NOT rouhani": ({"curly.txt", "apart.txt", "edge.txt"}, {"curly.txt", "straight.txt"}),
    "america OR rouhani": ({"talks.txt", "straight.txt"}, {"talks.txt"}),
    "heroic AND (america OR diplomacy)": ({"curly.txt"}, {"curly.txt"}),
    # diacritics and punctuation inside words
    "rohani": ({"edge.txt"}, {"edge.txt"}),
    "U.S.-Iran": ({"edge.txt"}, {"edge.txt"}),
    '"us iran"': (set(), set()),
    # punctuation only: nothing to find, on either back end
    "— …": (set(), set()),
}
MALFORMED = ('"unbalanced', "AND OR", "(talks", "talks)", "*", "NOT talks", "talks OR", "()")


def article(doc: str) -> tuple[Document, list[Attribution]]:
    title, body, quoted = ARTICLES[doc]
    text = f"{title}\n\n{body}"
    document = Document(doc=doc, id=f"{sorted(ARTICLES).index(doc) + 1:064x}", source=f"/news/{doc}",
                        media_type="text/plain", text=text, body_start=len(title) + 2, body_end=len(text),
                        title=title, published="2013-09-17", published_basis="explicit")
    start = text.index(quoted)
    said = Attribution(doc=doc, content=quoted, content_start=start, content_end=start + len(quoted),
                       type="indirect", speaker="ali-khamenei", said_on="2013-09-17")
    return document, [said]


def fill(url: str) -> str:
    # In id order: PostgreSQL writes a batch in id order (writers lock rows in one order),
    # SQLite in the batch's, and hits come most recently stored first.
    with open_store(url) as store:
        store.add_documents([article(doc) for doc in sorted(ARTICLES)])
    return url


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory) -> str:
    return fill(str(tmp_path_factory.mktemp("search") / "search.db"))


@pytest.fixture(scope="module")
def postgresql_db() -> str:
    return fill(shared_server().create_database())


@pytest.fixture(params=BACK_ENDS)
def searched(request):
    with open_store(request.getfixturevalue(f"{request.param}_db")) as store:
        yield store


def statement_files(store, query: str) -> set[str]:
    return {row["doc"] for row in find_statements(store, StatementFilter(query=query), limit=100)}


def document_files(store, query: str) -> set[str]:
    return {row["doc"] for row in find_documents(store, query, limit=100)}


@pytest.mark.parametrize("query", EXPECTED)
def test_store_search_finds_the_expected_documents_and_statements(searched, query):
    documents, statements = EXPECTED[query]
    assert document_files(searched, query) == documents
    assert statement_files(searched, query) == statements
    assert {hit["doc"] for hit in searched.search(query)} == documents


def test_store_search_stems_negotiations_to_negotiation(searched):
    (hit,) = find_documents(searched, "negotiations")
    assert hit["doc"] == "talks.txt" and "\x01negotiation\x02" in hit["snippet"]
    (said,) = find_statements(searched, StatementFilter(query="negotiations"))
    assert said["content"] == "there would be no negotiation with America"


def test_store_search_curly_and_straight_quotes_are_punctuation(searched):
    straight, curly = document_files(searched, "'heroic flexibility'"), document_files(searched, "‘heroic flexibility’")
    assert straight == curly == {"curly.txt", "straight.txt", "apart.txt", "edge.txt"}
    snippets = {hit["doc"]: hit["snippet"] for hit in find_documents(searched, '"heroic flexibility"')}
    assert "‘\x01heroic flexibility\x02’" in snippets["curly.txt"]
    assert '"\x01heroic flexibility\x02"' in snippets["straight.txt"]


def test_store_search_phrase_needs_adjacent_words_in_one_field(searched):
    # apart.txt has both words, not adjacent; edge.txt ends its title with "Heroic" and
    # starts its body with "Flexibility": a phrase never runs from one field into the next.
    assert document_files(searched, "heroic flexibility") >= {"apart.txt", "edge.txt"}
    assert document_files(searched, '"heroic flexibility"') == {"curly.txt", "straight.txt"}
    assert document_files(searched, '"flexibility heroic"') == set()


@pytest.mark.parametrize("query", MALFORMED)
def test_store_search_malformed_query_is_the_same_friendly_error(searched, query):
    with pytest.raises(QueryError, match="E704"):
        find_statements(searched, StatementFilter(query=query))
    with pytest.raises(QueryError, match="E704"):
        find_documents(searched, query)
    with pytest.raises(SearchSyntaxError, match="E704"):
        searched.search(query)


def test_store_search_same_rows_in_the_same_order_on_both_back_ends(sqlite_db, postgresql_db):
    with open_store(sqlite_db) as sqlite_store, open_store(postgresql_db) as postgres_store:
        for query in EXPECTED:
            statements = [find_statements(store, StatementFilter(query=query)) for store in (sqlite_store, postgres_store)]
            assert [(s["doc"], s["content"]) for s in statements[0]] == [(s["doc"], s["content"]) for s in statements[1]]
            documents = [find_documents(store, query) for store in (sqlite_store, postgres_store)]
            assert [(d["doc"], d["snippet"]) for d in documents[0]] == [(d["doc"], d["snippet"]) for d in documents[1]]


def test_store_search_one_query_is_written_for_each_engine():
    query = 'negotiations OR “heroic flexibility” NOT ‘poison’'
    assert fts5_query(query) == '("negotiations" OR ("heroic flexibility" NOT "‘poison’"))'
    assert tsquery(query) == "('negoti' | (('heroic' <-> 'flexibl') & !'poison'))"
    assert (fts5_query("— …"), tsquery("— …")) == ('""', "'*'")  # no word: matches nothing


def test_store_search_statements_indexed_together_get_each_its_own_vector():
    statements = [
        ("Negotiations with the US are “poison”", "Khamenei", "called"),
        ("", "the Leader", None),  # an empty column still leaves its gap in the positions
        ("poison, poison and talks", None, "warned"),
    ]
    together = attribution_searches(statements)
    assert together == [attribution_search(*statement) for statement in statements]
    assert together == [
        "'negoti':1 'with':2 'the':3 'us':4 'ar':5 'poison':6 'khamenei':8 'call':10",
        "'the':2 'leader':3",
        "'poison':1,2 'and':3 'talk':4 'warn':7",
    ]


def test_store_search_sqlite_indexes_use_the_shared_tokenizer(sqlite_db):
    conn = sqlite3.connect(sqlite_db)
    definitions = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('documents_fts', 'attributions_fts')"))
    assert len(definitions) == 2
    assert all(f"'{TOKENIZER}'" in sql for sql in definitions.values())


# -- upgrading a store made before search was the same on both back ends -----------------


def test_store_search_old_sqlite_store_upgrades_and_rebuilds_its_index(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    monkeypatch.setattr(sqlite_migrations, "MIGRATIONS", sqlite_migrations.MIGRATIONS[:2])
    sqlite_migrations.migrate(old)
    monkeypatch.undo()
    old.execute("INSERT INTO documents (id, doc, source, media_type, text, body_start, body_end)"
                " VALUES ('d1', 'old.txt', '/old.txt', 'text/plain', 'No negotiation today.', 0, 21)")
    old.execute("INSERT INTO documents_fts (document_id, title, body) VALUES ('d1', '', 'No negotiation today.')")
    unstemmed = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'negotiations'"
    assert old.execute(unstemmed).fetchone()[0] == 0
    old.close()
    with open_store(str(path)) as store:
        assert [hit["doc"] for hit in store.search("negotiations")] == ["old.txt"]
        assert find_documents(store, "negotiations")[0]["doc"] == "old.txt"
        applied = {row[0] for row in store.conn.execute("SELECT name FROM schema_migrations")}
    assert applied == {m.__name__ for m in sqlite_migrations.MIGRATIONS}


def test_store_search_old_postgresql_store_upgrades_and_rebuilds_its_index(monkeypatch):
    import psycopg

    url = shared_server().create_database()
    with psycopg.connect(url, autocommit=True) as old:
        monkeypatch.setattr(pg_schema, "MIGRATIONS", pg_schema.MIGRATIONS[:2])
        pg_schema.migrate(old)
        monkeypatch.undo()
        old.execute("INSERT INTO documents (id, doc, source, media_type, text, body_start, body_end)"
                    " VALUES ('d1', 'old.txt', '/old.txt', 'text/plain', '‘Heroic flexibility’ and no negotiation.', 0, 40)")
        old.execute("INSERT INTO documents_fts (document_id, title, search)"
                    " VALUES ('d1', '', to_tsvector('simple', '‘Heroic flexibility’ and no negotiation.'))")
        old.execute("INSERT INTO attributions (document_id, doc, type, content, content_start, content_end)"
                    " VALUES ('d1', 'old.txt', 'direct', '‘Heroic flexibility’', 0, 20)")
    with open_store(url) as store:
        assert [hit["doc"] for hit in store.search("negotiations")] == ["old.txt"]
        assert [hit["doc"] for hit in store.search('"heroic flexibility"')] == ["old.txt"]
        assert [s["doc"] for s in find_statements(store, StatementFilter(query='"heroic flexibility"'))] == ["old.txt"]
        applied = {row[0] for row in store.conn.execute("SELECT name FROM schema_migrations")}
    assert applied == {m.__name__ for m in pg_schema.MIGRATIONS}


def test_store_search_postgresql_statement_search_uses_its_gin_index(postgresql_db):
    with open_store(postgresql_db) as store:
        store.conn.execute("SET enable_seqscan = off")  # the tiny table would otherwise be scanned
        sql = "EXPLAIN " + store.dialect.fill(
            "SELECT a.id FROM attributions a" + store.dialect.statement_search_join
            + " WHERE " + store.dialect.statement_search_condition)
        plan = "\n".join(row[0] for row in store.conn.execute(sql, (store.dialect.search_query("negotiations"),)))
    assert "attributions_fts_search" in plan
