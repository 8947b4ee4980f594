"""Distributed extraction on Dask: many worker processes analyse, one driver writes.

    stancetrace ingest PATH... --workers 4                   # a LocalCluster on this machine
    stancetrace ingest PATH... --scheduler tcp://HOST:8786   # an existing cluster

The driver discovers files, skips those already stored (resumable), and submits batches
of paths. Each worker loads the spaCy model once (`ModelPlugin`), reads and analyses its
batch with the same `pipeline.analyse` as a single process, and returns documents with
their attributions. The driver writes results in submission order, one
`store.add_documents` per batch (one transaction per batch on PostgreSQL, per document
on SQLite), so the stored records, and their order, are those of a single-process run.

Failures: a document whose analysis raises is reported once (E804) and the rest of its
batch is kept; a worker that dies has its batch re-run by the scheduler, and a batch that
keeps killing workers is split and each document tried alone once more (E803 if it still
kills one). Workers must see the paths (a shared filesystem on a remote cluster).
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, Errors, InputError
from .ingest import discover
from .ingest.collections import ReadOptions, is_dataset, load_manifest
from .peak_memory import peak_resident_bytes
from .pipeline import IngestSummary, read_found
from .records import Attribution, Document

# Documents per task. Big enough that scheduling (~1 ms a task) and a PostgreSQL commit
# are small next to analysing the batch (~0.1-0.5 s a document); small enough that a dead
# worker loses little work and the progress bar moves.
BATCH_SIZE = 16
# Tasks queued per worker: one running, the rest waiting, so no worker idles while the
# driver writes; bounds the driver's memory whatever the corpus size.
BATCHES_IN_FLIGHT_PER_WORKER = 3
# spaCy's parser is CPU-bound and holds the GIL: one thread per worker process.
THREADS_PER_WORKER = 1
# Seconds to wait for an existing scheduler to answer.
CONNECT_TIMEOUT_S = 30
# Bytes read at a time when hashing a file to see whether it is already stored.
HASH_CHUNK_BYTES = 1 << 20

# What a worker runs on each document: `pipeline.analyse` (extraction, dating, coding;
# whatever it is at run time), so a distributed run stores what a single process stores.
Analyser = Callable[[Document], list[Attribution]]


@dataclass
class ScaleOptions:
    """Where to run: `workers` processes on this machine, or an existing `scheduler`."""

    workers: int = 1
    scheduler: str | None = None
    batch_size: int = BATCH_SIZE
    with_attributions: bool = True

    def validate(self) -> None:
        if self.scheduler is None and (not isinstance(self.workers, int) or self.workers < 1):
            raise ConfigError(Errors.E807.format(value=self.workers))
        if self.scheduler is not None and "://" not in self.scheduler:
            raise ConfigError(Errors.E808.format(address=self.scheduler))


@dataclass
class Analysed:
    """One document analysed by a worker."""

    document: Document
    attributions: list[Attribution] = field(default_factory=list)


@dataclass
class Failed:
    """A file or document that could not be read or analysed (picklable, unlike InputError)."""

    source: str
    reason: str


Result = Analysed | Failed


def model_plugin():
    from distributed import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        """Loads the spaCy model once when a worker starts (cached per process)."""

        name = "stancetrace-model"

        def setup(self, worker) -> None:
            from .nlp import load_model

            load_model()

    return ModelPlugin()


# -- on the workers -----------------------------------------------------------------


def analyse_batch(files: list[str], options: ReadOptions, manifest, with_attributions: bool = True,
                  analyser: Analyser | None = None) -> list[Result]:
    """Read and analyse a batch of files; one result per document, in order."""
    read: list[Document | Failed] = []
    for path in files:
        for item in read_found(Path(path), manifest, options):
            read.append(Failed(item.source, item.reason) if isinstance(item, InputError) else item)
    if not with_attributions:
        return [item if isinstance(item, Failed) else Analysed(item) for item in read]
    if analyser is None:
        from .pipeline import analyse as analyser
    return [item if isinstance(item, Failed) else _analyse_one(item, analyser) for item in read]


def _analyse_one(document: Document, analyser: Analyser) -> Result:
    try:
        return Analysed(document, analyser(document))
    except Exception as exc:  # noqa: BLE001 - one bad document never fails its batch; it is reported
        return Failed(document.source, Errors.E804.format(kind=type(exc).__name__, detail=exc))


# -- on the driver ------------------------------------------------------------------


@contextmanager
def connect(options: ScaleOptions):
    """A Dask client on a new LocalCluster (`workers` processes) or an existing scheduler."""
    options.validate()
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(Errors.E805) from exc
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout=CONNECT_TIMEOUT_S)
        except OSError as exc:
            raise ConfigError(Errors.E806.format(address=options.scheduler, detail=exc)) from exc
        with client:
            yield client
        return
    with LocalCluster(n_workers=options.workers, threads_per_worker=THREADS_PER_WORKER, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def ingest_distributed(
    paths: Iterable[str],
    store,
    options: ScaleOptions,
    *,
    read_options: ReadOptions | None = None,
    client=None,
    analyser: Analyser | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_document: Callable[[str], None] = lambda p: None,
) -> IngestSummary:
    """Analyse on a Dask cluster and store in batches; same records as `pipeline.ingest`.

    Pass `client` to reuse a connected Dask client; otherwise one is made from `options`.
    """
    if client is None:
        with connect(options) as made:
            return ingest_distributed(paths, store, options, read_options=read_options, client=made,
                                      analyser=analyser, on_error=on_error, on_document=on_document)
    client.register_plugin(model_plugin())
    run = _Run(client, store, options, read_options or ReadOptions(), analyser, on_error, on_document)
    return run.all(paths)


class _Run:
    """One distributed ingest: submits batches, writes their results in order."""

    def __init__(self, client, store, options, read_options, analyser, on_error, on_document):
        self.client, self.store, self.options = client, store, options
        self.read_options, self.analyser = read_options, analyser
        self.on_error, self.on_document = on_error, on_document
        self.summary = IngestSummary()
        self.manifest = None
        self.resuming = store.count_documents() > 0

    def all(self, paths: Iterable[str]) -> IngestSummary:
        window: deque = deque()
        limit = max(1, self._worker_count()) * BATCHES_IN_FLIGHT_PER_WORKER
        for entry in self._entries(paths):
            window.append(entry)
            if len(window) >= limit:
                self._write(*window.popleft())
        while window:
            self._write(*window.popleft())
        return self.summary

    def _worker_count(self) -> int:
        return len(self.client.scheduler_info().get("workers", {})) or self.options.workers

    def _entries(self, paths: Iterable[str]) -> Iterator[tuple[list[str], object]]:
        """(files, future-or-results) in discovery order; errors ride along as results."""
        manifest, manifest_errors = (
            load_manifest(self.read_options.meta) if self.read_options.meta else (None, []))
        for error in manifest_errors:
            yield [], [Failed(error.source, error.reason)]
        self.manifest = self.client.scatter(manifest, broadcast=True) if manifest else None
        for batch in self._batches(paths):
            if isinstance(batch, Failed):
                yield [], [batch]
            else:
                yield batch, self._submit(batch)

    def _batches(self, paths: Iterable[str]) -> Iterator[list[str] | Failed]:
        batch: list[str] = []
        for found in discover(paths):
            if isinstance(found, InputError):
                yield Failed(found.source, found.reason)
                continue
            batch.append(str(found))
            if len(batch) >= self.options.batch_size:
                yield from self._unstored(batch)
                batch = []
        if batch:
            yield from self._unstored(batch)

    def _unstored(self, batch: list[str]) -> Iterator[list[str]]:
        """The batch less files already stored (a resumed run); dataset rows are checked on write."""
        if not self.resuming:
            yield batch
            return
        ids = {path: file_id(path) for path in batch if not is_dataset(Path(path))}
        known = self.store.known_ids(i for i in ids.values() if i)
        for path in batch:
            if path in ids and ids[path] in known:
                self.summary.unchanged += 1
                self.on_document(path)
        remaining = [path for path in batch if not (path in ids and ids[path] in known)]
        if remaining:
            yield remaining

    def _submit(self, files: list[str]):
        return self.client.submit(analyse_batch, files, self.read_options, self.manifest,
                                  self.options.with_attributions, self.analyser, pure=False)

    def _write(self, files: list[str], pending) -> None:
        results = pending if isinstance(pending, list) else self._gather(files, pending)
        analysed = [r for r in results if isinstance(r, Analysed)]
        outcomes = self.store.add_documents([(r.document, r.attributions) for r in analysed])
        for result, outcome in zip(analysed, outcomes):
            self._count(result.document.source, outcome)
        for failed in (r for r in results if isinstance(r, Failed)):
            self._fail(InputError(failed.source, failed.reason))

    def _gather(self, files: list[str], future) -> list[Result]:
        from distributed.scheduler import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            if len(files) == 1:
                return [Failed(files[0], Errors.E803.format(count=_allowed_failures() + 1))]
            # One at a time: a task queued on a worker that another document kills is
            # counted as suspect too, so running them side by side could give up an
            # innocent document. This path runs only after a batch killed its workers.
            return [result for path in files for result in self._gather([path], self._submit([path]))]

    def _count(self, source: str, outcome) -> None:
        if isinstance(outcome, InputError):
            self._fail(outcome)
            return
        if outcome:
            self.summary.ingested += 1
        else:
            self.summary.unchanged += 1
        self.on_document(source)

    def _fail(self, error: InputError) -> None:
        self.summary.failed += 1
        self.summary.errors.append(error)
        self.store.record_error(error.source, error.reason)
        self.on_error(error)
        self.on_document(error.source)


def file_id(path: str) -> str | None:
    """A loose file's document id (sha256 of its bytes), or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(HASH_CHUNK_BYTES), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _allowed_failures() -> int:
    import dask

    return int(dask.config.get("distributed.scheduler.allowed-failures"))


def worker_peak_memory(client) -> dict[str, int]:
    """Peak resident memory of each worker process, in bytes."""
    return client.run(peak_resident_bytes)
