"""`stancetrace forecast SCENARIO` and `stancetrace forecast-eval deu FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import app, clean_errors


def _options(pairs: list[str]) -> dict:
    """`--option rounds=5 --option stop=stable` -> {"rounds": 5, "stop": "stable"}."""
    import yaml

    from ..errors import ConfigError, Errors

    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ConfigError(Errors.E411.format(what="--option", value=pair, expected="NAME=VALUE"))
        key, value = pair.split("=", 1)
        out[key.strip()] = yaml.safe_load(value)
    return out


@app.command("forecast")
@clean_errors
def forecast(
    scenario: Path = typer.Argument(..., help="Scenario YAML file (see docs/forecasting.md)."),
    model: str = typer.Option("nash", "--model", "-m", help="compromise, median, expected_utility (eu) or nash."),
    draws: int = typer.Option(1000, "--draws", "-n", help="Monte Carlo draws over the input ranges."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same result)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or markdown (with evidence sentences)."),
    option: list[str] = typer.Option(None, "--option", "-o", help="Model option NAME=VALUE (repeatable)."),
    docs: Path = typer.Option(None, "--docs", help="Folder holding the documents the evidence spans cite."),
    db: str = typer.Option(None, "--db", help="SQLite store to read cited documents and attributions from."),
    chart: Path = typer.Option(None, "--chart", help="Write an SVG of the outcome distribution here."),
) -> None:
    """Forecast where a negotiation lands: distribution, rounds, ZOPA, sensitivity, evidence."""
    from ..errors import ConfigError, Errors
    from ..forecast.report import forecast_scenario, render_markdown, render_table, write_svg
    from ..forecast.scenario import load_scenario

    if fmt not in ("table", "json", "markdown"):
        raise ConfigError(Errors.E411.format(what="--format", value=fmt, expected="table, json or markdown"))
    loaded = load_scenario(scenario)
    has_evidence = docs is not None or db is not None
    if db is not None:
        from ..store import open_store

        with open_store(db) as store:
            report = forecast_scenario(loaded, model, _options(option), draws, seed, docs, store)
    else:
        report = forecast_scenario(loaded, model, _options(option), draws, seed, docs, None, has_evidence)
    if chart is not None:
        write_svg(report, chart)
    if fmt == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    elif fmt == "markdown":
        print(render_markdown(report), end="")
    else:
        print(render_table(report))
        for row in report["evidence"]:
            print(f"  evidence {row['actor']} {row['input']} ({row['ref']}): {row['text']}")


eval_app = typer.Typer(help="Score the forecast models on published data.", no_args_is_help=True)
app.add_typer(eval_app, name="forecast-eval")


@eval_app.command("deu")
@clean_errors
def forecast_eval_deu(
    data: Path = typer.Argument(None, help="deu3.tsv (DEU I–III, Arregui & Perarnaud 2021)."),
    data_option: Path = typer.Option(None, "--data", help="The same file, given as an option."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Every model's MAE on the DEU issues, with paired-bootstrap 95 % intervals."""
    from ..errors import ConfigError, Errors
    from ..forecast import MODELS
    from ..forecast.deu import evaluate, load_deu, render

    path = data or data_option
    if path is None:
        raise ConfigError(Errors.E409.format(path="(none)", detail="give the deu3.tsv path (FILE or --data FILE)"))
    report = evaluate(load_deu(path), {name: cls() for name, cls in MODELS.items()})
    print(json.dumps(report, indent=2) if fmt == "json" else render(report))
