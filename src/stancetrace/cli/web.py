"""Commands for people: `report` (an evidence brief) and `serve` (the local web app)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .app import DEFAULT_DB, app, clean_errors


@app.command()
@clean_errors
def report(
    actor: str = typer.Argument(..., help="Actor id, e.g. ali-khamenei (find one with `stancetrace actors search`)."),
    out: Path = typer.Option(..., "--out", help="File to write, e.g. brief.html."),
    target: str = typer.Option(None, "--target", help="Only statements about this target (actor or issue id)."),
    since: str = typer.Option(None, "--since", help="Only statements said on or after YYYY[-MM[-DD]]."),
    until: str = typer.Option(None, "--until", help="Only statements said on or before YYYY[-MM[-DD]]."),
    fmt: str = typer.Option("html", "--format", help="html (one self-contained file) or md."),
    db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite file to read."),
) -> None:
    """Write an evidence brief on one actor: roles, timeline, key statements, gaps."""
    from ..report import ReportOptions, write_report

    brief = write_report(db, ReportOptions(actor=actor, target=target, since=since, until=until, format=fmt), out)
    print(f"wrote {out}: {len(brief.statements)} statement(s) by {brief.actor['name']}", file=sys.stderr)


@app.command()
@clean_errors
def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite file to serve (opened read-only)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default is this machine only."),
    port: int = typer.Option(8001, "--port", help="Port to listen on."),
    allow_ingest: bool = typer.Option(False, "--allow-ingest", help="Allow uploading new files (writes to --db)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes; one per CPU core serves the most requests."),
    threads: int = typer.Option(4, "--threads", min=1, help="Request threads per process (each request mostly holds the GIL)."),
) -> None:
    """Browse and search the record in a local web app, with a JSON API under /api."""
    import json
    import os
    from dataclasses import asdict

    import uvicorn

    from ..report.record import ensure_schema
    from ..web import WebOptions, create_app
    from ..web.app import OPTIONS_VARIABLE

    if workers > 1 and allow_ingest:
        # Each process caches pick lists and charts; an upload would refresh only its own.
        raise typer.BadParameter("--allow-ingest works with one process only: drop --workers", param_hint="--workers")
    options = WebOptions(db=db, allow_ingest=allow_ingest, threads=threads)
    mode = "read-only" + (", uploads on" if allow_ingest else "") + (f", {workers} processes" if workers > 1 else "")
    if workers == 1:
        application = create_app(options)
        print(f"serving {db} at http://{host}:{port}/ ({mode})", file=sys.stderr)
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    ensure_schema(db)  # once, before the processes open it
    os.environ[OPTIONS_VARIABLE] = json.dumps(asdict(options))
    print(f"serving {db} at http://{host}:{port}/ ({mode})", file=sys.stderr)
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config("stancetrace.web.app:app_from_environment", factory=True, workers=workers,
                            host=host, port=port, log_level="warning")
    Multiprocess(config, sockets=[_tcp_listener(config.bind_socket())]).run()


def _tcp_listener(sock):
    """The listening socket as asyncio must see it to turn Nagle off on each connection.

    uvicorn binds the socket of `--workers N` with `proto` 0, accepted sockets inherit it,
    and asyncio sets TCP_NODELAY only when `proto` is IPPROTO_TCP: every keep-alive
    response then waited ~40 ms for the client's delayed ACK (uvicorn issue #3149; p50 of
    the statement page 44 ms with two processes against 12 ms with one, docs/web.md).
    Same descriptor, same binding; only Python's view of its protocol changes."""
    import socket

    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
