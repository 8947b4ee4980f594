"""Command-line interface. Each area registers its commands on the shared app."""

from __future__ import annotations

# Importing a module registers its commands; order sets the order in --help.
from . import ingest as _ingest  # noqa: F401
from . import attribution as _attribution  # noqa: F401
from . import actors as _actors  # noqa: F401
from . import datasets as _datasets  # noqa: F401
from . import forecast as _forecast  # noqa: F401
from . import eval as _eval  # noqa: F401
from . import analysis as _analysis  # noqa: F401
from . import web as _web  # noqa: F401
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
