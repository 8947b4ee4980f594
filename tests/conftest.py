"""Shared fixtures: paths to ../shared (skipped when absent) and small stores."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture
def seeds(shared) -> Path:
    return shared / "seeds"


@pytest.fixture
def store(tmp_path):
    from stancetrace.store import SQLiteStore

    with SQLiteStore(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def attributions(tmp_path):
    """Attributions of a made-up article body (a headline is put above it), as `extract` finds them."""
    from stancetrace.attribution import extract
    from stancetrace.ingest import read_document

    def run(body, options=None):
        path = tmp_path / "a.txt"
        path.write_text("A headline\n\n" + body + "\n", encoding="utf-8")
        return extract(read_document(path), options=options)

    return run
