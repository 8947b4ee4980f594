"""Every reading command on both back ends: `quotes`, `timeline`, `reversals`, `profile`,
`report`, `export` and the web app's JSON API run on a small SQLite store and on the same
records in PostgreSQL, and say the same thing.

The store holds the demo-corpus documents with their gold attributions (added directly,
no spaCy) and one hostile document. The PostgreSQL half runs on the throwaway server of
tests/pg_server.py and skips only where no server binary is installed.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stancetrace.cli import app
from stancetrace.store import open_store
from stancetrace.web import WebOptions, create_app
from tests.browser.demo_store import CORPUS, DEMO_FILES, gold_attributions, hostile_document
from tests.pg_server import shared_server

BACK_ENDS = ("sqlite", "postgresql")
ACTOR = "ali-khamenei"
# Fields that legitimately differ between two stores of the same records.
PER_STORE_FIELDS = ("ingested_at",)
runner = CliRunner()


def fill(url: str) -> str:
    """Store the demo records at `url` (same records, same order on every back end)."""
    from stancetrace.pipeline import read_documents

    with open_store(url) as store:
        for document in read_documents([str(CORPUS / name) for name in DEMO_FILES]):
            store.add_document(document, gold_attributions(document.doc))
        store.add_document(*hostile_document())
    return url


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory) -> str:
    return fill(str(tmp_path_factory.mktemp("both") / "demo.db"))


@pytest.fixture(scope="module")
def postgresql_db() -> str:
    return fill(shared_server().create_database())


@pytest.fixture(params=BACK_ENDS)
def db(request) -> str:
    return request.getfixturevalue(f"{request.param}_db")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_commands_quotes_lists_the_same_rows(db, sqlite_db):
    out = run("quotes", "--speaker", ACTOR, "--since", "2013", "--db", db)
    assert "heroic" in out.lower()
    assert out == run("quotes", "--speaker", ACTOR, "--since", "2013", "--db", sqlite_db)


def test_commands_timeline_reversals_and_profile_agree(db, sqlite_db):
    for command in (["timeline", ACTOR, "--granularity", "year"], ["reversals", ACTOR], ["profile", ACTOR, "--json"]):
        out = run(*command, "--db", db)
        assert out == run(*command, "--db", sqlite_db), command
    timeline = run("timeline", ACTOR, "--db", db)
    assert "2013" in timeline and "#" in timeline


def test_commands_export_writes_the_same_records(db, sqlite_db):
    for table in ("documents", "attributions"):
        args = ["export", "--table", table, "--format", "jsonl"]
        if table == "attributions":
            args.append("--join-documents")
        rows = [json.loads(line) for line in run(*args, "--db", db).splitlines()]
        assert rows and rows == [json.loads(line) for line in run(*args, "--db", sqlite_db).splitlines()]


def test_commands_report_writes_the_same_brief(db, sqlite_db, tmp_path):
    briefs = []
    for source in (db, sqlite_db):
        out = tmp_path / f"brief-{len(briefs)}.md"
        run("report", ACTOR, "--format", "md", "--out", str(out), "--db", source)
        briefs.append(out.read_text(encoding="utf-8"))
    assert "heroic flexibility" in briefs[0].lower()
    # The brief names its database; everything else is the same.
    assert _without_db_name(briefs[0]) == _without_db_name(briefs[1])


def _without_db_name(text: str) -> list[str]:
    return [line for line in text.splitlines() if "demo.db" not in line and "postgresql" not in line
            and "stancetrace_" not in line]


@pytest.fixture
def clients(db, sqlite_db):
    """(client on the store under test, client on the SQLite reference store)."""
    return TestClient(create_app(WebOptions(db=db))), TestClient(create_app(WebOptions(db=sqlite_db)))


def get_json(client: TestClient, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return _drop_per_store(response.json())


def _drop_per_store(value):
    if isinstance(value, dict):
        return {k: _drop_per_store(v) for k, v in value.items() if k not in PER_STORE_FIELDS}
    if isinstance(value, list):
        return [_drop_per_store(v) for v in value]
    return value


def test_commands_web_search_endpoint_agrees(clients):
    tested, reference = clients
    for params in ({"speaker": ACTOR, "page_size": 5}, {"q": '"correct diplomacy"'}, {"q": "poison"},
                   {"since": "2013", "until": "2015-10"}, {"speaker": ACTOR, "page": 2, "page_size": 3}):
        found = get_json(tested, "/api/search", **params)
        expected = get_json(reference, "/api/search", **params)
        assert found["statements"] == expected["statements"], params
        assert [d["id"] for d in found["documents"]] == [d["id"] for d in expected["documents"]], params
    assert get_json(tested, "/api/search", q='"correct diplomacy"')["statements"]["items"]


def test_commands_web_search_splits_words_at_curly_quotes(clients):
    # The demo text has ‘heroic flexibility,’ in curly quotes: on every back end (and in a
    # PostgreSQL database whose LC_CTYPE is C, as the test cluster's) the quote is not a letter.
    tested, reference = clients
    params = {"q": '"heroic flexibility"'}
    found = get_json(tested, "/api/search", **params)
    assert found == get_json(reference, "/api/search", **params)
    assert len(found["documents"]) == 2 and all("\x01heroic flexibility\x02" in d["snippet"] for d in found["documents"])


def test_commands_web_search_marks_document_hits(clients):
    tested, _ = clients
    documents = get_json(tested, "/api/search", q="flexibility")["documents"]
    assert documents and "\x01" in documents[0]["snippet"] and "\x02" in documents[0]["snippet"]


def test_commands_web_statement_document_and_actor_endpoints_agree(clients):
    tested, reference = clients
    hit = get_json(tested, "/api/search", q='"heroic flexibility"')["statements"]["items"][0]
    paths = [f"/api/statements/{hit['id']}", f"/api/documents/{hit['document_id']}", "/api/documents/hostile.txt",
             f"/api/actors/{ACTOR}"]
    for path in paths:
        assert get_json(tested, path) == get_json(reference, path), path
    assert "heroic flexibility" in get_json(tested, paths[0])["paragraph_text"].lower()
    assert tested.get("/api/statements/999999").status_code == 404
