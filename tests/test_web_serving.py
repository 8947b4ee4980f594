"""How the web app is served: templates, response headers, worker processes."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stancetrace.web.app import OPTIONS_VARIABLE, WebOptions, app_from_environment, template_environment
from tests.browser.demo_store import build_demo_store


def test_web_serving_templates_read_dict_keys_before_attributes():
    env = template_environment(WebOptions())
    row = {"items": "a key", "quote": "<b>said</b>"}
    assert env.from_string("{{ r.quote }} {{ r.items }}").render(r=row) == "&lt;b&gt;said&lt;/b&gt; a key"
    assert env.from_string("{{ r.missing is undefined }}").render(r=row) == "True"
    assert env.from_string("{% for k, v in r.items() %}{{ k }}{% endfor %}").render(r={"x": 1}) == "x"


def test_web_serving_worker_app_reads_options_from_environment(tmp_path, monkeypatch):
    db = build_demo_store(tmp_path / "demo.db", files=("2013-09-18-heroic-flexibility.txt",), hostile=False)
    monkeypatch.setenv(OPTIONS_VARIABLE, json.dumps({"db": str(db), "allow_ingest": False, "threads": 2}))
    with TestClient(app_from_environment()) as client:
        response = client.get("/", params={"q": "flexibility"})
        assert response.status_code == 200 and 'class="statement-link"' in response.text
        assert response.headers["x-frame-options"] == "DENY"
        assert client.get("/static/style.css").headers["content-security-policy"].startswith("default-src")


def test_web_serving_refuses_uploads_with_several_workers(tmp_path):
    from stancetrace.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--workers", "2", "--allow-ingest"])
    assert result.exit_code != 0 and "--allow-ingest" in result.output


def test_web_serving_workers_listener_lets_asyncio_turn_nagle_off():
    """`serve --workers N` hands its processes a socket asyncio recognises as TCP, so each
    connection gets TCP_NODELAY (uvicorn's own leaves proto 0: ~40 ms per keep-alive reply)."""
    import socket

    import uvicorn

    from stancetrace.cli.web import _tcp_listener

    sock = _tcp_listener(uvicorn.Config("stancetrace.web.app:app_from_environment", host="127.0.0.1",
                                        port=0).bind_socket())
    try:
        assert sock.proto == socket.IPPROTO_TCP and sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
