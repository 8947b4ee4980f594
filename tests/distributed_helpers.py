"""Analysers that misbehave on purpose, for tests/test_distributed.py.

They stand in for `pipeline.analyse_many` on the Dask workers (pickled by value, so the
workers need not import the tests package) and return no attributions otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path


def _quiet(documents):
    return iter([[] for _ in documents])


def die_once(documents, *, target: str, marker: str):
    """Kill the worker process the first time `target` is analysed (a marker file remembers)."""
    if any(d.doc == target for d in documents) and not Path(marker).exists():
        Path(marker).write_text("died")
        os._exit(1)
    return _quiet(documents)


def always_die(documents, *, target: str):
    """Kill the worker process whenever `target` is analysed."""
    if any(d.doc == target for d in documents):
        os._exit(1)
    return _quiet(documents)


def raise_on(documents, *, target: str, calls: str):
    """Raise on `target`; append a line to `calls` for every attempt at it."""
    if any(d.doc == target for d in documents):
        with open(calls, "a", encoding="utf-8") as log:
            log.write("attempt\n")
        raise ValueError(f"cannot analyse {target}")
    return _quiet(documents)
