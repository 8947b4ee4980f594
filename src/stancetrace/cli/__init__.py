"""Command-line interface. Each area registers its commands on the shared app."""

from __future__ import annotations

from . import ingest as _ingest  # noqa: F401  (registers commands)
from . import eval as _eval  # noqa: F401
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
