"""Storage back ends. SQLite is the embedded default; a postgresql:// URL opens the
shared PostgreSQL store (same interface, same logical schema)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .sqlite import SQLiteStore

if TYPE_CHECKING:
    from .postgres import PostgresStore


def open_store(url: str) -> "SQLiteStore | PostgresStore":
    """Open the store a `--db` option names: a SQLite file path, or postgresql://USER@HOST/DB."""
    from .postgres import is_postgres_url

    if is_postgres_url(str(url)):
        from .postgres import PostgresStore

        return PostgresStore(str(url))
    return SQLiteStore(url)


__all__ = ["SQLiteStore", "open_store"]
