"""The Typer application shared by the command modules.

Commands live in one module per area (ingest, eval, actors, forecast ...); each
parses options, calls one library function, and maps our errors to a clean exit.
Importing this must not import spaCy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import typer

from ..errors import StanceTraceError

app = typer.Typer(
    name="stancetrace",
    help="Who said what, when, to or about whom, and with what stance — with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_DB = "stancetrace.db"
BELIEFS_OPTION = typer.Option(
    False, "--beliefs",
    help="Also report unquoted states of mind (X believes/wants/expects that ...), as PolNeAR's guideline "
         "counts them. Off by default: a mind the writer describes is not words said.",
)


def extract_options(beliefs: bool):
    """The extraction options the command-line flags ask for (None: the defaults)."""
    from ..attribution.extract import Options

    return Options(beliefs=True) if beliefs else None


def fail(message: str, code: int = 1) -> None:
    print(f"stancetrace: {message}", file=sys.stderr)
    raise typer.Exit(code)


def clean_errors(command: Callable) -> Callable:
    """Turn a StanceTraceError into one line on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except StanceTraceError as error:
            fail(str(error))

    return wrapper


# Width for tables printed into a pipe or a log (rich falls back to 80 columns there,
# which folds every quote into a narrow column); a terminal uses its own width.
PIPE_WIDTH = 160


def console():
    """A rich Console for tables: the terminal's width, or PIPE_WIDTH when piped."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=PIPE_WIDTH)
