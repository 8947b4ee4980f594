"""Commands of the datasets area: inspect how a CSV/JSONL/Parquet collection will be read."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app, clean_errors


@app.command("columns")
@clean_errors
def columns(
    path: Path = typer.Argument(..., help="A .csv, .jsonl, .ndjson or .parquet dataset (one article per row)."),
    overrides: str = typer.Option(None, "--columns", help="Overrides as for ingest, e.g. text=body,published=pubdate."),
) -> None:
    """Show which column of a dataset each field (text, html, title, published ...) is read from."""
    from ..ingest.collections import ReadOptions, column_mapping
    from ..ingest.metadata import parse_column_overrides

    mapping = column_mapping(path, ReadOptions(columns=parse_column_overrides(overrides)))
    for field in ("id", "text", "html", "title", "authors", "publisher", "published", "url"):
        print(f"{field:10} {mapping.get(field, '—')}")
