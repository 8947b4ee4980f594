"""The analysis stage as the brief and web pages see it.

Reversals and the operational code are computed by `stancetrace.analysis`. Until that
stage offers them, these functions return None, and pages say "not available in this
build" instead of showing anything made up here.
"""

from __future__ import annotations

import importlib
from typing import Any


def _stage(name: str):
    module = importlib.import_module("stancetrace.analysis")
    return getattr(module, name, None)


def reversals(statements: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Changes of position: each {target, before, after} with the two statement rows."""
    found = _stage("reversals")
    return None if found is None else list(found(statements))


def operational_code(statements: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Rows of {index, name, value, low, high, count} (VICS indices with intervals)."""
    found = _stage("operational_code")
    return None if found is None else list(found(statements))
