"""Commands over documents: ingest, extract, docs, show, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .app import BELIEFS_OPTION, DEFAULT_DB, app, clean_errors, console, extract_options

DB_OPTION = typer.Option(
    DEFAULT_DB, "--db", help="SQLite file to use (created if missing), or a postgresql://USER@HOST/DB URL."
)
COLUMNS_OPTION = typer.Option(
    None, "--columns", help="Dataset column names, e.g. text=body,published=pubdate (overrides the well-known names)."
)
META_OPTION = typer.Option(
    None, "--meta", help="CSV/JSONL manifest of per-file metadata: a path or doc column plus title, published, ..."
)


@app.command()
@clean_errors
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or globs."),
    db: str = DB_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, only errors and the summary."),
    columns: str = COLUMNS_OPTION,
    meta: Path = META_OPTION,
    workers: int = typer.Option(
        0, "--workers", help="Analyse on a local Dask cluster of N worker processes (0: in this process)."
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Analyse on an existing Dask cluster, e.g. tcp://HOST:8786 (workers must see the files)."
    ),
    beliefs: bool = BELIEFS_OPTION,
) -> None:
    """Read articles (txt, md, html, pdf, docx; csv, jsonl, parquet datasets: one per row) into the database."""
    from ..store import open_store
    from .progress import progress_reporter

    options = _read_options(columns, meta)
    with open_store(db) as store, progress_reporter(quiet) as tick:
        if workers or scheduler:
            from ..distributed import ScaleOptions, ingest_distributed

            scale = ScaleOptions(workers=workers, scheduler=scheduler)
            summary = ingest_distributed(paths, store, scale, read_options=options, on_error=_print_error,
                                         on_document=tick, analyser=_analyser(beliefs))
        else:
            from ..pipeline import ingest as run_ingest

            summary = run_ingest(paths, store, options=options, extract_options=extract_options(beliefs),
                                 on_error=_print_error, on_document=tick)
    print(summary.line, file=sys.stderr if quiet else sys.stdout)
    if summary.failed:
        raise typer.Exit(1)


def _analyser(beliefs: bool):
    """What each Dask worker runs on a document: `pipeline.analyse` with the flags' options
    (a partial of a module function, so it pickles)."""
    from functools import partial

    from ..pipeline import analyse

    return partial(analyse, extract_options=extract_options(beliefs)) if beliefs else None


def _print_error(error) -> None:
    print(f"error: {error.source}: {error.reason}", file=sys.stderr)


def _read_options(columns: str | None, meta: Path | None):
    from ..ingest.collections import ReadOptions
    from ..ingest.metadata import parse_column_overrides

    return ReadOptions(columns=parse_column_overrides(columns), meta=meta)


@app.command()
@clean_errors
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders or globs."),
    documents: bool = typer.Option(False, "--documents", help="Print document records instead of attributions."),
    fmt: str = typer.Option("jsonl", "--format", help="Output format: jsonl."),
    columns: str = COLUMNS_OPTION,
    meta: Path = META_OPTION,
    beliefs: bool = BELIEFS_OPTION,
) -> None:
    """Print records for files without a database (the record contract of SCHEMA.md)."""
    from ..errors import InputError
    from ..pipeline import analyse, read_documents

    failed = 0
    for item in read_documents(paths, _read_options(columns, meta)):
        if isinstance(item, InputError):
            _print_error(item)
            failed += 1
            continue
        records = [item.to_record()] if documents else [a.to_record() for a in analyse(item, extract_options(beliefs))]
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
@clean_errors
def docs(db: str = DB_OPTION) -> None:
    """List the stored documents."""
    from rich.table import Table

    from ..store import open_store

    table = Table("id", "doc", "title", "published", "basis", "authors", "attributions")
    with open_store(db) as store:
        counts = store.attribution_counts()
        for d in store.documents():
            table.add_row(
                d.id[:12], d.doc, (d.title or "")[:60], d.published or "—", d.published_basis,
                ", ".join(d.authors)[:40], str(counts.get(d.id, 0)),
            )
    console().print(table)


@app.command()
@clean_errors
def show(
    doc_id: str = typer.Argument(..., help="Document id (a unique prefix is enough) or file name."),
    db: str = DB_OPTION,
    text: bool = typer.Option(False, "--text", help="Also print the body text."),
) -> None:
    """Print one document with its metadata."""
    from ..store import open_store

    with open_store(db) as store:
        document = store.document(doc_id)
    record = document.to_record()
    for key, value in record.items():
        print(f"{key:16} {json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value}")
    if text:
        print()
        for span in document.body_spans:
            print(span.text(document.text))


@app.command()
@clean_errors
def export(
    db: str = DB_OPTION,
    table: str = typer.Option("documents", "--table", help="documents or attributions."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet."),
    out: Path = typer.Option(None, "--out", help="Output file (stdout when omitted; required for parquet)."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the full document text."),
    join_documents: bool = typer.Option(
        False, "--join-documents", help="With --table attributions: add each document's metadata (document_* columns)."
    ),
) -> None:
    """Export stored documents or attributions."""
    from ..export import export as run_export
    from ..store import open_store

    with open_store(db) as store:
        count = run_export(store, table, fmt, out, with_text, join_documents)
    if out:
        print(f"wrote {count} rows to {out}", file=sys.stderr)
