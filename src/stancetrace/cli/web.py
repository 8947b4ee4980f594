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
) -> None:
    """Browse and search the record in a local web app, with a JSON API under /api."""
    import uvicorn

    from ..web import WebOptions, create_app

    application = create_app(WebOptions(db=db, allow_ingest=allow_ingest))
    print(f"serving {db} at http://{host}:{port}/ (read-only{', uploads on' if allow_ingest else ''})", file=sys.stderr)
    uvicorn.run(application, host=host, port=port, log_level="warning")
