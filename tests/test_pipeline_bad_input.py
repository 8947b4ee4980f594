"""A batch with bad files: one clear line each, the rest ingested, exit status says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancetrace.cli import app
from stancetrace.errors import InputError
from stancetrace.pipeline import ingest
from stancetrace.store import SQLiteStore

GOOD = "Tehran, May 14, 2019\n\nThe supreme leader said talks with Washington were poison.\n"


@pytest.fixture
def batch(tmp_path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    return folder


def test_pipeline_bad_files_are_reported_and_the_rest_is_stored(batch, tmp_path):
    errors: list[InputError] = []
    with SQLiteStore(tmp_path / "s.db") as store:
        summary = ingest([str(batch), str(tmp_path / "missing.txt")], store, with_attributions=False,
                         on_error=errors.append)
        stored = [d.doc for d in store.documents()]
        logged = store.errors()
    assert stored == ["good.txt"]
    assert (summary.ingested, summary.failed) == (1, 3)
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert reasons["empty.txt"].startswith("E002")
    assert reasons["missing.txt"].startswith("E001")
    assert reasons["loop"].startswith("E014")
    assert len(logged) == 3


def test_pipeline_unreadable_file_is_one_error(batch, tmp_path, monkeypatch):
    # Root can read any file, so simulate the permission failure at the read itself.
    real = Path.read_bytes

    def deny(self):
        if self.name == "good.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    errors: list[InputError] = []
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest([str(batch / "good.txt")], store, with_attributions=False, on_error=errors.append)
    assert [e.reason for e in errors] == ["E007 permission denied"]


def test_pipeline_reingesting_the_same_bytes_is_a_no_op(batch, tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        first = ingest([str(batch / "good.txt")], store, with_attributions=False)
        second = ingest([str(batch / "good.txt")], store, with_attributions=False)
        assert store.count_documents() == 1
    assert (first.ingested, second.ingested, second.unchanged) == (1, 0, 1)


def test_cli_ingest_prints_one_line_per_bad_file_and_exits_non_zero(batch, tmp_path):
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(batch), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 2  # empty.txt and the symlink loop
    assert any("empty.txt: E002" in line for line in error_lines)
    assert "ingested 1, unchanged 0, failed 2" in result.stderr


def test_cli_docs_and_show_list_the_stored_document(batch, tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(batch / "good.txt"), "--db", db, "--quiet"])
    listing = runner.invoke(app, ["docs", "--db", db])
    assert "good.txt" in listing.stdout
    shown = runner.invoke(app, ["show", "good.txt", "--db", db])
    assert shown.exit_code == 0 and "media_type" in shown.stdout


def test_cli_show_unknown_id_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(app, ["show", "ffff", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr.strip() == "stancetrace: E022 no document with id starting 'ffff'"


def test_cli_export_writes_jsonl_csv_and_parquet(batch, tmp_path):
    import pyarrow.parquet as pq

    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(batch / "good.txt"), "--db", db, "--quiet"])
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"docs.{fmt}"
        result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 0
    assert pq.read_table(tmp_path / "docs.parquet").column("doc").to_pylist() == ["good.txt"]


def test_cli_import_does_not_load_spacy():
    import subprocess
    import sys

    code = "import sys, stancetrace.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert out.stdout.strip() == "False"
