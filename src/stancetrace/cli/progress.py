"""A progress bar for long runs that stays out of the way of pipes and --quiet."""

from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def progress_reporter(quiet: bool):
    """Yield a `tick(label)` callable; shows a rich spinner/bar on a terminal only."""
    if quiet or not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"), transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None, current="")

        def tick(label) -> None:
            progress.update(task, advance=1, current=str(label)[-50:])

        yield tick
