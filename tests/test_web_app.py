"""The web app through its HTTP interface: pages, JSON API, limits, hostile text, uploads."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from stancetrace.report.record import StatementFilter
from stancetrace.web import WebOptions, create_app
from tests.browser.demo_store import HOSTILE_QUOTE, HOSTILE_TITLE, build_demo_store


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("web") / "demo.db")


@pytest.fixture(scope="module")
def client(demo_db):
    return TestClient(create_app(WebOptions(db=str(demo_db))))


def test_web_search_finds_statements_with_stemming_and_filters(client):
    page = client.get("/", params={"q": "negotiation", "speaker": "ali-khamenei"})
    assert page.status_code == 200
    assert "negotiations" in page.text.lower() and 'class="statement-link"' in page.text


def test_web_search_fts_syntax_error_is_a_friendly_400(client):
    page = client.get("/", params={"q": '"unbalanced'})
    assert page.status_code == 400 and "E704" in page.text and "Traceback" not in page.text
    api = client.get("/api/search", params={"q": "AND OR"})
    assert api.status_code == 400 and "E704" in api.json()["error"]


def test_web_search_rejects_bad_dates_and_huge_pages(client):
    assert client.get("/api/search", params={"since": "last week"}).status_code == 400
    assert client.get("/api/search", params={"page_size": 1000}).status_code == 422
    assert client.get("/api/search", params={"q": "x" * 500}).status_code == 400


def test_web_api_search_is_paginated(client):
    first = client.get("/api/search", params={"speaker": "ali-khamenei", "page_size": 5}).json()
    second = client.get("/api/search", params={"speaker": "ali-khamenei", "page_size": 5, "page": 2}).json()
    assert first["statements"]["has_next"] and len(first["statements"]["items"]) == 5
    assert {s["id"] for s in first["statements"]["items"]}.isdisjoint(s["id"] for s in second["statements"]["items"])


def test_web_statement_page_marks_quote_cue_and_speaker(client):
    hit = client.get("/api/search", params={"q": '"heroic flexibility"'}).json()["statements"]["items"][0]
    page = client.get(f"/statements/{hit['id']}")
    assert page.status_code == 200
    paragraph = page.text.split('id="paragraph">', 1)[1].split("</blockquote>", 1)[0]
    for kind in ("quote", "cue", "speaker"):
        assert f'class="{kind}"' in paragraph, kind
    assert "confidence" in page.text and f"/documents/{hit['document_id']}" in page.text


def test_web_document_page_links_every_statement(client, demo_db):
    conn = sqlite3.connect(demo_db)
    document_id, count = conn.execute(
        "SELECT document_id, count(*) FROM attributions GROUP BY document_id ORDER BY 2 DESC LIMIT 1").fetchone()
    page = client.get(f"/documents/{document_id}")
    assert page.status_code == 200 and page.text.count('href="/statements/') >= count


def test_web_actor_page_shows_roles_chart_and_targets(client):
    page = client.get("/actors/ali-khamenei")
    assert page.status_code == 200
    assert "Supreme Leader of Iran" in page.text and "<svg" in page.text and "united-states" in page.text


def test_web_hostile_text_is_inert_everywhere(client):
    hostile = client.get("/api/search", params={"speaker": "unknown", "q": "onerror"}).json()["statements"]["items"]
    assert hostile, "the hostile statement is searchable"
    pages = [client.get(f"/statements/{hostile[0]['id']}"), client.get("/documents/hostile.txt"),
             client.get("/", params={"q": "pwned"}), client.get("/actors/unknown")]
    for page in pages:
        assert page.status_code == 200
        assert HOSTILE_QUOTE not in page.text and HOSTILE_TITLE not in page.text
        assert "<script>window" not in page.text and 'href="javascript:' not in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]


def test_web_unknown_ids_are_404_pages_not_errors(client):
    assert client.get("/statements/987654").status_code == 404
    assert client.get("/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/api/actors/nobody-at-all").json()["error"].startswith("E705")


def test_web_server_connection_is_read_only(client):
    conn = client.app.state.db.conn()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM documents")


def test_web_upload_is_off_unless_allowed(client):
    response = client.post("/api/documents", files={"files": ("a.txt", b"Hello.", "text/plain")})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["error"]


def test_web_upload_reports_per_file_errors_like_the_cli(tmp_path):
    db = build_demo_store(tmp_path / "up.db", files=(), hostile=False)
    uploads = TestClient(create_app(WebOptions(db=str(db), allow_ingest=True, max_upload_bytes=100)))
    response = uploads.post("/api/documents", files=[
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("../escape.txt", b"text", "text/plain")),
        ("files", ("big.txt", b"x" * 200, "text/plain")),
    ])
    assert response.status_code == 422
    reasons = {e["file"]: e["reason"][:4] for e in response.json()["errors"]}
    assert reasons == {"empty.txt": "E002", "../escape.txt": "E709", "big.txt": "E708"}
    assert not (tmp_path / "escape.txt").exists()


def test_web_openapi_documents_the_paginated_api(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/search", "/api/statements/{statement_id}", "/api/documents/{document_id}",
            "/api/actors/{actor_id}"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "speaker", "target", "event", "type", "since", "until", "page", "page_size"} <= names
    assert "/openapi.json" in client.get("/api").text


def test_web_search_document_hits_come_most_recently_stored_first(demo_db):
    from stancetrace.report.record import connect_readonly, find_documents

    hits = [row["id"] for row in find_documents(connect_readonly(demo_db), "the", limit=50)]
    stored = [row[0] for row in sqlite3.connect(demo_db).execute("SELECT id FROM documents ORDER BY rowid DESC")]
    assert len(hits) >= 2 and hits == [key for key in stored if key in set(hits)]


def test_web_search_page_reads_page_numbers_as_the_api_does(client):
    assert client.get("/", params={"q": "negotiation", "page": "2"}).status_code == 200
    assert client.get("/", params={"page": ""}).status_code == 200  # an empty field is the first page
    for bad in ("0", "x", "-1", "501", "1.5"):
        page = client.get("/", params={"page": bad})
        assert page.status_code == 422 and "page" in page.text, bad
    assert client.get("/", params={"page_size": "101"}).status_code == 422
    assert client.get("/actors/ali-khamenei", params={"page": "0"}).status_code == 422


def test_web_search_page_keeps_the_chosen_filters_selected(client):
    page = client.get("/", params={"speaker": "ali-khamenei", "type": "direct"})
    assert '<option value="ali-khamenei" selected>' in page.text and '<option value="direct" selected>' in page.text


def test_web_search_document_hits_show_a_new_document_after_an_upload(tmp_path):
    from stancetrace.pipeline import read_documents
    from stancetrace.store import SQLiteStore
    from stancetrace.web.views import Database, Page, search_view
    from tests.browser.demo_store import CORPUS

    db = build_demo_store(tmp_path / "grow.db", files=("2009-03-22-nowruz-reply.txt",), hostile=False)
    served = Database(str(db))
    before = search_view(served, StatementFilter(query="Vienna").validated(), Page())
    assert before["documents"] == []
    with SQLiteStore(db) as store:
        (document,) = read_documents([str(CORPUS / "2015-10-08-talks-forbidden.txt")])
        store.add_document(document)
    served.changed()  # what an upload calls once its files are stored
    after = search_view(served, StatementFilter(query="Vienna").validated(), Page())
    assert [d["doc"] for d in after["documents"]] == ["2015-10-08-talks-forbidden.txt"]
