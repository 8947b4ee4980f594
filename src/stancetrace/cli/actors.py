"""Commands of the actors area: show, who, search, validate, import-phoenix.

Thin: each parses options, calls the actors library, prints. The library is imported
inside the commands so `stancetrace --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer

from ..errors import ConfigError, Errors
from .app import app, clean_errors

actors_app = typer.Typer(help="The actor knowledge base: names, aliases, dated offices.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

KB_OPTION = typer.Option(None, "--kb", help="Extra KB file or folder (YAML), on top of the shipped and user KB.")


def _kb(extra: list[str] | None):
    from ..actors import load_kb

    return load_kb(extra or None)


def parse_on(value: str) -> date | tuple[date, date]:
    """`YYYY-MM-DD` or `START..END`."""
    try:
        if ".." in value:
            first, last = value.split("..", 1)
            return date.fromisoformat(first), date.fromisoformat(last)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(Errors.E206.format(value=value)) from exc


@actors_app.command("show")
@clean_errors
def show(actor_id: str = typer.Argument(..., help="Actor id, e.g. ali-khamenei."),
         kb_paths: list[str] = KB_OPTION,
         as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text.")) -> None:
    """Print an actor: name, kind, aliases and dated offices with their sources."""
    kb = _kb(kb_paths)
    actor = kb.actor(actor_id)
    if actor is None:
        raise ConfigError(Errors.E204.format(id=actor_id))
    if as_json:
        print(json.dumps(_actor_json(actor), ensure_ascii=False, indent=2))
        return
    print(f"{actor.id}: {actor.name} ({actor.kind}{', ' + actor.country if actor.country else ''})")
    if actor.aliases:
        print("  aliases: " + ", ".join(actor.aliases))
    for tenure in sorted(actor.tenures, key=lambda t: t.possible_start):
        start = tenure.start.text if tenure.start else "…"
        end = tenure.end.text if tenure.end else "…"
        print(f"  {tenure.role:40} {start:>10} – {end:<10}  [{tenure.source}]")


def _actor_json(actor) -> dict:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "gender": actor.gender,
            "country": actor.country, "aliases": list(actor.aliases),
            "tenures": [{"role": t.role, "start": t.start.text if t.start else None,
                         "end": t.end.text if t.end else None, "source": t.source} for t in actor.tenures]}


@actors_app.command("who")
@clean_errors
def who(role: str = typer.Argument(..., help='A role phrase: "supreme leader", "Iran\'s president".'),
        on: str = typer.Option(..., "--on", help="YYYY-MM-DD, or START..END for one holder over a range."),
        country: str = typer.Option(None, "--country", help="Country id for phrases like 'president'."),
        kb_paths: list[str] = KB_OPTION) -> None:
    """Who held an office on a date. Prints 'unknown' when the data does not settle it."""
    kb = _kb(kb_paths)
    if not kb.roles_for(role, country):
        examples = ", ".join(sorted({r.phrases[0] for r in kb.roles.values()})[:8])
        raise ConfigError(Errors.E205.format(phrase=role, examples=examples))
    match = kb.holder(role, parse_on(on), country)
    if match is None:
        print("unknown")
        return
    print(f"{match.actor_id}\t{kb.actor(match.actor_id).name}\t{match.role}")


@actors_app.command("search")
@clean_errors
def search(name: str = typer.Argument(..., help="Part of a name or alias, any spelling."),
           kb_paths: list[str] = KB_OPTION) -> None:
    """List actors whose id, name or alias contains NAME (or sounds like it)."""
    for actor in _kb(kb_paths).search(name):
        print(f"{actor.id}\t{actor.name}\t{actor.kind}")


@actors_app.command("validate")
@clean_errors
def validate(kb_paths: list[str] = KB_OPTION) -> None:
    """Check the shipped and user KB: unknown ids, overlapping holders, reversed dates, missing sources."""
    from ..actors.validate import validate as run_validate

    kb = _kb(kb_paths)
    problems = run_validate(kb)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise ConfigError(Errors.E208.format(count=len(problems)))
    print(f"ok: {len(kb)} actors, {len(kb.roles)} roles, {len(kb.data.files)} files")


@actors_app.command("import-phoenix")
@clean_errors
def import_phoenix(path: Path = typer.Argument(..., help="A Phoenix/PETRARCH .actors file."),
                   out: Path = typer.Option(None, "--out", help="User KB folder to write to (default: the user KB)."),
                   country: list[str] = typer.Option(None, "--country", help="Only entries with these ISO-3 codes, e.g. IRN.")) -> None:
    """Convert a Phoenix dictionary into user KB files; curated entries win on conflict."""
    from ..actors import clear_cache, load_kb
    from ..actors.loader import user_kb_path
    from ..actors.phoenix import import_phoenix as run_import

    target = out or user_kb_path()[0] or _default_user_dir()
    summary = run_import(path, target, load_kb(include_user=False), set(country) if country else None)
    clear_cache()
    print(summary.line)
    for file in summary.files:
        print(f"wrote {file}")


def _default_user_dir() -> Path:
    import os

    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "stancetrace" / "actors"
