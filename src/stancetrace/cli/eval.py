"""`stancetrace eval ...`: score our output against gold."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import app, clean_errors

eval_app = typer.Typer(help="Score extraction against gold files.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _emit(report: dict, as_json: bool, render) -> None:
    print(json.dumps(report, indent=2, ensure_ascii=False) if as_json else render(report))


@eval_app.command("documents")
@clean_errors
def eval_documents(
    gold: Path = typer.Option(..., "--gold", help="documents.jsonl gold (SCHEMA.md)."),
    docs: Path = typer.Option(..., "--docs", help="Folder holding the gold's documents."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Title, authors, published date and body-span character F1 against document gold."""
    from ..eval import documents

    _emit(documents.run(gold, docs), as_json, documents.render)


@eval_app.command("html")
@clean_errors
def eval_html(
    gold: Path = typer.Option(..., "--gold", help="ground-truth.json of the ScrapingHub benchmark."),
    html: Path = typer.Option(..., "--html", help="Folder of the benchmark's .html.gz pages."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Body-text token P/R/F1 on the article-extraction benchmark, ours next to trafilatura's."""
    from ..eval import html as html_benchmark

    _emit(html_benchmark.run(gold, html), as_json, html_benchmark.render)


@eval_app.command("dates")
@clean_errors
def eval_dates(
    gold: Path = typer.Option(..., "--gold", help="eval_mediacloud_2020.json of the htmldate test set."),
    html: Path = typer.Option(..., "--html", help="Folder of the test set's .html pages."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Published-date accuracy of our HTML reader, next to plain htmldate's on the same pages."""
    from ..eval import dates

    _emit(dates.run(gold, html), as_json, dates.render)
