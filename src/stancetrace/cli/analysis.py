"""`stancetrace timeline | reversals | profile` and `stancetrace eval events`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer

from .app import DEFAULT_DB, app, clean_errors
from .eval import eval_app

DB_OPTION = typer.Option(None, "--db", help=f"SQLite file to read (default {DEFAULT_DB} when no --records).")
RECORDS_OPTION = typer.Option(None, "--records", help="Attribution JSONL (extract output or gold); repeatable.")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _statements(db: str | None, records: list[Path] | None):
    from ..analysis import load_statements

    return load_statements(db if db or records else DEFAULT_DB, records)


def _date(value: str | None, option: str) -> str | None:
    from ..errors import ConfigError, Errors

    if value is not None and not _DATE.match(value):
        raise ConfigError(Errors.E606.format(value=value, option=option))
    return value


@app.command()
@clean_errors
def timeline(
    actor: str = typer.Argument(..., help="Actor id or name, e.g. ali-khamenei."),
    target: str = typer.Option(None, "--target", help="Only statements about this actor id."),
    issue: str = typer.Option(None, "--issue", help="Only statements about this issue (issue:... or its name)."),
    since: str = typer.Option(None, "--since", help="YYYY, YYYY-MM or YYYY-MM-DD."),
    until: str = typer.Option(None, "--until", help="YYYY, YYYY-MM or YYYY-MM-DD."),
    granularity: str = typer.Option("year", "--granularity", help="year, month or day."),
    out: Path = typer.Option(None, "--out", help="Write a chart: chart.png or chart.svg."),
    db: str = DB_OPTION,
    records: list[Path] = RECORDS_OPTION,
) -> None:
    """Stance of ACTOR over time: a table (each period lists its attribution ids) and a chart;
    undated statements are listed apart, never placed at a guessed date."""
    from ..analysis import Selection, render_timeline, resolve_actor
    from ..analysis import timeline as make_timeline
    from ..analysis.reversals import reversals

    if issue and not issue.startswith("issue:"):
        issue = "issue:" + issue
    selection = Selection(resolve_actor(actor), issue or target, _date(since, "--since"), _date(until, "--until"))
    statements = _statements(db, records)
    table = make_timeline(statements, selection, granularity)
    print(render_timeline(table))
    if out:
        from ..analysis.chart import draw

        print(f"chart: {draw(table, out, reversals(statements, selection))}")


@app.command(name="reversals")
@clean_errors
def reversals_command(
    actor: str = typer.Argument(..., help="Actor id or name."),
    target: str = typer.Option(None, "--target", help="One target (actor or issue id); default: every target."),
    db: str = DB_OPTION,
    records: list[Path] = RECORDS_OPTION,
) -> None:
    """Shifts of ACTOR's stance toward a target, each with the statements before and after
    (minimum evidence on each side: see docs/coding.md)."""
    from ..analysis import Selection, resolve_actor
    from ..analysis.reversals import render, reversals, targets_of

    actor_id = resolve_actor(actor)
    statements = _statements(db, records)
    for each in [target] if target else targets_of(statements, actor_id):
        print(f"== {actor_id} → {each}")
        print(render(reversals(statements, Selection(actor_id, each))))


@app.command()
@clean_errors
def profile(
    actor: str = typer.Argument(..., help="Actor id or name."),
    db: str = DB_OPTION,
    records: list[Path] = RECORDS_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Operational-code indices P-1..P-5, I-1..I-5 (VICS) of ACTOR's own words, with counts and
    bootstrap 95% intervals; warns under the minimum number of coded verbs."""
    from ..analysis import opcode_profile, resolve_actor
    from ..analysis.opcode import render

    result = opcode_profile(resolve_actor(actor), _statements(db, records))
    if as_json:
        print(json.dumps({"actor": result.actor, "self": result.count("self"), "other": result.count("other"),
                          "thin": result.thin, "indices": result.values,
                          "intervals": result.intervals}, indent=2))
    else:
        print(render(result))


@eval_app.command("events")
@clean_errors
def eval_events(
    plover: Path = typer.Option(None, "--plover", help="PLOVER_GSR_CAMEO.txt (PLOVER gold sentences)."),
    gold: Path = typer.Option(None, "--gold", help="attributions.jsonl gold with an event field."),
    docs: Path = typer.Option(None, "--docs", help="Folder holding the --gold documents."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Event coding: macro-F1 over the verbal PLOVER categories, and event accuracy on
    attribution gold (our coder over the gold attributions)."""
    from ..coding import evaluation

    reports = []
    if plover:
        reports.append(evaluation.run_plover(plover))
    if gold:
        reports.append(evaluation.run_gold(gold, docs or gold.parent))
    for report in reports:
        print(json.dumps(report, indent=2, default=str) if as_json else evaluation.render(report))
