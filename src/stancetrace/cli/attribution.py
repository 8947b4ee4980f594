"""Commands of the attribution area: `quotes`, `eval attributions`, `eval brat`."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import BELIEFS_OPTION, DEFAULT_DB, app, clean_errors, console, extract_options
from .eval import _emit, eval_app


@app.command()
@clean_errors
def quotes(
    speaker: str = typer.Option(None, "--speaker", help="Only this canonical actor id, e.g. ali-khamenei."),
    since: str = typer.Option(None, "--since", help="Said on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Said on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    kind: str = typer.Option(None, "--type", help="direct, partial, mixed, indirect or block."),
    db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite file to read."),
) -> None:
    """Who said what: stored attributions as a table, with the sentence in context."""
    from rich.table import Table

    from ..attribution.listing import quote_rows
    from ..store import open_store

    table = Table("said on", "speaker", "type", "cue", "content in context", "doc", show_lines=True)
    with open_store(db) as store:
        for row in quote_rows(store, speaker=speaker, since=since, until=until, kind=kind):
            who = row.speaker if row.speaker != "unknown" else f"unknown ({row.speaker_mention or '-'})"
            table.add_row(row.said_on or "-", who, row.type, row.cue or "-", row.context, row.doc)
    console().print(table)


@eval_app.command("attributions")
@clean_errors
def eval_attributions(
    gold: Path = typer.Option(..., "--gold", help="attributions.jsonl gold (SCHEMA.md)."),
    docs: Path = typer.Option(..., "--docs", help="Folder holding the gold's documents."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    beliefs: bool = BELIEFS_OPTION,
) -> None:
    """P/R/F1, recall by type, speaker-mention, canonical-speaker and said_on accuracy, misattributions."""
    from ..eval import attributions

    _emit(attributions.run(gold, docs, extract_options(beliefs)), as_json, attributions.render)


@eval_app.command("brat")
@clean_errors
def eval_brat(
    gold: Path = typer.Option(..., "--gold", help="PolNeAR-style folder with text/ and attributions/."),
    limit: int = typer.Option(None, "--limit", help="Score only the first N articles (quick checks)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    beliefs: bool = BELIEFS_OPTION,
) -> None:
    """P/R/F1, quoted and unquoted recall, speaker-mention accuracy on brat (PolNeAR) gold."""
    from ..eval import brat

    _emit(brat.run(gold, limit, extract_options(beliefs)), as_json, brat.render)
