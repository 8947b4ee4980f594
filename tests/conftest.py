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
