"""The README documents every command (docs, CLI help and tests say the same thing)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from stancetrace.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(group, prefix=""):
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from command_paths(command, path + " ")
        else:
            yield path


def test_docs_readme_names_every_cli_command():
    click_app = typer.main.get_command(app)
    missing = [p for p in command_paths(click_app) if f"stancetrace {p}" not in README]
    assert missing == [], f"README lacks: {missing}"


def test_docs_readme_shows_the_two_make_commands():
    assert "make demo" in README and "make test" in README
