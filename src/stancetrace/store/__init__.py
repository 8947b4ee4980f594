"""Storage back ends. SQLite is the embedded default."""

from .sqlite import SQLiteStore


def open_store(url: str) -> SQLiteStore:
    """Open the store a `--db` option names (a SQLite file path)."""
    return SQLiteStore(url)


__all__ = ["SQLiteStore", "open_store"]
