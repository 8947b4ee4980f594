"""Analysers that misbehave on purpose, for tests/test_distributed.py.

They stand in for `pipeline.analyse` on the Dask workers (pickled by value, so the
workers need not import the tests package) and find no attributions otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path


def die_once(document, *, target: str, marker: str):
    """Kill the worker process the first time `target` is analysed (a marker file remembers)."""
    if document.doc == target and not Path(marker).exists():
        Path(marker).write_text("died")
        os._exit(1)
    return []


def always_die(document, *, target: str):
    """Kill the worker process whenever `target` is analysed."""
    if document.doc == target:
        os._exit(1)
    return []


def raise_on(document, *, target: str, calls: str):
    """Raise on `target`; append a line to `calls` for every attempt at it."""
    if document.doc == target:
        with open(calls, "a", encoding="utf-8") as log:
            log.write("attempt\n")
        raise ValueError(f"cannot analyse {target}")
    return []


def model_loads() -> tuple[int, int]:
    """(loads, reuses) of the spaCy model in this worker process so far."""
    from stancetrace.nlp import load_model

    info = load_model.cache_info()
    return info.misses, info.hits
