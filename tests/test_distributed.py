"""Distributed ingest on a real Dask LocalCluster (2 worker processes, shared by the module).

Same records as a single process on the seeds and PolNeAR dev texts; a dead worker's
batch is retried; a failing document is reported once; a killed driver loses nothing and
leaves nothing half-written, and the re-run resumes.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import cloudpickle  # noqa: E402  (a dependency of distributed)
import dask  # noqa: E402

import tests.distributed_helpers as helpers  # noqa: E402
from stancetrace.distributed import ScaleOptions, ingest_distributed  # noqa: E402
from stancetrace.pipeline import ingest  # noqa: E402
from stancetrace.store import open_store  # noqa: E402
from tests.conftest import REPO, SHARED  # noqa: E402
from tests.pg_server import postgres_url  # noqa: F401, E402  (fixture)

# PolNeAR dev texts added to the five seeds: enough for several batches, few enough to
# keep the module near a minute on two shared cores.
POLNEAR_TEXTS = 9
# Deaths a task may cause before the scheduler gives up on it (dask's default is 3;
# 1 keeps the crash tests short).
ALLOWED_FAILURES = 1
# Documents per batch in these tests: small, so a short corpus makes many batches.
TEST_BATCH = 2
# Seconds a test waits for the killed driver to have stored something.
KILL_WAIT_S = 120

cloudpickle.register_pickle_by_value(helpers)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for path in sorted((SHARED / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:POLNEAR_TEXTS]:
        shutil.copy(path, folder / f"polnear-{path.name}")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The records of a single-process run over the corpus."""
    with open_store(str(tmp_path_factory.mktemp("reference") / "one.db")) as store:
        summary = ingest([str(corpus)], store)
        assert summary.failed == 0
        return records(store)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                          scheduler_port=0) as cluster, Client(cluster) as connected:
            yield connected


@pytest.fixture(params=("sqlite", "postgresql"))
def store_url(request, tmp_path) -> str:
    return str(tmp_path / "run.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def records(store):
    return [d.to_record() for d in store.documents()], [a.to_record() for a in store.attributions()]


def small_corpus(tmp_path: Path, names=("a", "b", "c", "d", "e")) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    for name in names:
        (folder / f"{name}.txt").write_text(f"Article {name}.\n\nThe minister said talks about {name} went well.\n")
    return folder


def test_distributed_two_workers_store_the_same_records_as_one_process(corpus, reference, client, store_url):
    with open_store(store_url) as store:
        summary = ingest_distributed([str(corpus)], store, ScaleOptions(workers=2), client=client)
        assert (summary.ingested, summary.failed) == (len(reference[0]), 0)
        assert records(store) == reference
    assert sum(1 for _ in reference[1]) > 0  # the comparison covered attributions, not only documents


def test_distributed_re_run_skips_stored_documents(corpus, reference, client, tmp_path):
    with open_store(str(tmp_path / "twice.db")) as store:
        ingest_distributed([str(corpus)], store, ScaleOptions(workers=2), client=client)
        again = ingest_distributed([str(corpus)], store, ScaleOptions(workers=2), client=client)
    assert (again.ingested, again.unchanged, again.failed) == (0, len(reference[0]), 0)


def test_distributed_each_worker_loads_the_model_once(client, tmp_path):
    # Placed before the tests that kill workers: a restarted worker loads the model afresh
    # and, on a loaded machine, may take minutes to come back.
    client.wait_for_workers(2, timeout=KILL_WAIT_S)
    folder = small_corpus(tmp_path, names=("a", "b", "c", "d", "e", "f"))
    with open_store(str(tmp_path / "s.db")) as store:  # the real analyser, as `ingest` runs it
        summary = ingest_distributed([str(folder)], store, ScaleOptions(workers=2, batch_size=TEST_BATCH), client=client)
    assert (summary.ingested, summary.failed) == (6, 0)
    loads = client.run(helpers.model_loads)
    assert len(loads) == 2
    # The plugin loaded it when the worker started; every batch after that reused it.
    assert all(loaded == 1 for loaded, _ in loads.values()), loads
    assert sum(reused for _, reused in loads.values()) >= 6 // TEST_BATCH


def test_distributed_dead_worker_has_its_batch_retried(client, tmp_path):
    folder = small_corpus(tmp_path)
    analyser = functools.partial(helpers.die_once, target="c.txt", marker=str(tmp_path / "died"))
    with open_store(str(tmp_path / "s.db")) as store:
        summary = ingest_distributed([str(folder)], store, ScaleOptions(workers=2, batch_size=TEST_BATCH),
                                     client=client, analyser=analyser)
        assert (tmp_path / "died").exists()  # a worker really died
        assert (summary.ingested, summary.failed) == (5, 0)
        assert store.count_documents() == 5


def test_distributed_failing_document_is_reported_once_and_not_retried(client, tmp_path):
    folder = small_corpus(tmp_path)
    calls = tmp_path / "calls.log"
    analyser = functools.partial(helpers.raise_on, target="b.txt", calls=str(calls))
    with open_store(str(tmp_path / "s.db")) as store:
        summary = ingest_distributed([str(folder)], store, ScaleOptions(workers=2, batch_size=TEST_BATCH),
                                     client=client, analyser=analyser)
        errors = store.errors()
        assert (summary.ingested, summary.failed) == (4, 1)
        assert [(Path(e["source"]).name, e["reason"][:4]) for e in errors] == [("b.txt", "E804")]
        assert "ValueError: cannot analyse b.txt" in errors[0]["reason"]
    assert calls.read_text().count("attempt") == 1


def test_distributed_document_that_keeps_killing_workers_is_given_up(client, tmp_path):
    folder = small_corpus(tmp_path, names=("a", "b"))
    analyser = functools.partial(helpers.always_die, target="b.txt")
    with open_store(str(tmp_path / "s.db")) as store:
        summary = ingest_distributed([str(folder)], store, ScaleOptions(workers=2, batch_size=TEST_BATCH),
                                     client=client, analyser=analyser)
        assert (summary.ingested, summary.failed) == (1, 1)
        assert store.errors()[0]["reason"].startswith("E803")


def test_distributed_invalid_worker_count_says_what_to_give():
    from stancetrace.errors import ConfigError

    with pytest.raises(ConfigError, match="E807"):
        ScaleOptions(workers=0).validate()
    with pytest.raises(ConfigError, match="E808"):
        ScaleOptions(scheduler="localhost").validate()


DRIVER = textwrap.dedent(
    """
    import sys
    from stancetrace.distributed import ScaleOptions, ingest_distributed
    from stancetrace.store import open_store
    corpus, url, scheduler, batch = sys.argv[1:5]
    with open_store(url) as store:
        summary = ingest_distributed([corpus], store, ScaleOptions(scheduler=scheduler, batch_size=int(batch)))
    print(summary.line)
    """
)


def run_driver(corpus: Path, url: str, scheduler: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(corpus), url, scheduler, str(TEST_BATCH)],
                            cwd=REPO, stdout=subprocess.PIPE, text=True, **kwargs)


def wait_until_stored(url: str, driver: subprocess.Popen, at_least: int) -> None:
    deadline = time.monotonic() + KILL_WAIT_S
    while time.monotonic() < deadline and driver.poll() is None:
        with open_store(url) as store:
            if store.count_documents() >= at_least:
                return
        time.sleep(0.05)
    raise AssertionError("the driver stored nothing in time, or finished before it could be killed")


def test_distributed_killed_driver_loses_nothing_and_the_re_run_resumes(corpus, reference, client, store_url):
    documents, attributions = reference
    scheduler = client.scheduler.address
    open_store(store_url).close()  # create the schema before the driver and the poller race to
    driver = run_driver(corpus, store_url, scheduler)
    wait_until_stored(store_url, driver, at_least=TEST_BATCH)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    with open_store(store_url) as store:
        kept, kept_attributions = records(store)
    assert 0 < len(kept) < len(documents)
    expected = {d["id"]: [a for a in attributions if a["doc_id"] == d["id"]] for d in documents}
    for document in kept:  # every stored document is whole
        assert [a for a in kept_attributions if a["doc_id"] == document["id"]] == expected[document["id"]]

    rerun = run_driver(corpus, store_url, scheduler)
    out, _ = rerun.communicate(timeout=KILL_WAIT_S * 2)
    assert f"ingested {len(documents) - len(kept)}, unchanged {len(kept)}, failed 0" in out
    with open_store(store_url) as store:
        assert sorted(map(str, records(store)[1])) == sorted(map(str, attributions))
        assert len(list(store.documents())) == len(documents)


def test_distributed_cli_ingest_uses_an_existing_scheduler(client, tmp_path):
    from typer.testing import CliRunner

    from stancetrace.cli import app

    folder, db = small_corpus(tmp_path), str(tmp_path / "cli.db")
    address = client.scheduler.address  # tcp://127.0.0.1:PORT
    assert address.startswith("tcp://")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--scheduler", address, "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "ingested 5, unchanged 0, failed 0" in result.output
    with open_store(db) as store:
        assert store.count_documents() == 5


def test_distributed_unreachable_scheduler_is_one_clear_error(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from stancetrace import distributed
    from stancetrace.cli import app
    from tests.pg_server import free_port

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT_S", 2)
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    result = CliRunner().invoke(app, ["ingest", str(small_corpus(tmp_path)), "--scheduler", address,
                                      "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "E806" in result.output and address in result.output and "Traceback" not in result.output
