"""Scaling benchmark: distributed ingest with 1 and 2 Dask workers, and store write speed.

The corpus is the PolNeAR train and dev texts (../shared/data/polnear), repeated until
there are --docs documents; each repeat ends in one more newline, so every copy is a new
document (same bytes would be an "unchanged" no-op) while its analysis is the same work.

For each worker count: a LocalCluster (processes, 1 thread each) is started (start-up,
including each worker loading spaCy, is timed apart), then `ingest_distributed` runs the
full `pipeline.analyse` (whatever it is at run time) and writes into a fresh SQLite file.
Reported: documents/s, the 2-vs-1 ratio, and each worker's peak resident memory.

Then the analysed records are written again, with no analysis, into a fresh SQLite file
(one transaction per document) and into PostgreSQL (one transaction per batch): documents/s
and attributions/s for each. PostgreSQL is a throwaway server started here with durable
settings (fsync on), or the database --postgres names.

Usage:  .venv/bin/python benchmarks/scale.py [--docs 5000] [--workers 1,2] [--json]
The default (--docs 200) takes a few minutes on two cores; 5,000 documents take about an hour.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
# Default corpus size: big enough to average out the first batches, small enough for a
# quick check on two shared cores. --docs 5000 is the measurement.
DEFAULT_DOCS = 200
DEFAULT_WORKERS = "1,2"
MB = 1_000_000


def build_corpus(folder: Path, count: int) -> list[Path]:
    """`count` distinct text files made from the PolNeAR texts, repeated."""
    texts = sorted(POLNEAR.glob("train/text/*.txt")) + sorted(POLNEAR.glob("dev/text/*.txt"))
    written: list[Path] = []
    for n in range(count):
        source = texts[n % len(texts)]
        repeat = n // len(texts)
        target = folder / f"{n:06d}-{source.name}"
        target.write_bytes(source.read_bytes() + b"\n" * repeat)
        written.append(target)
    return written


def cpu_seconds() -> float:
    """CPU time (user + system) this process has used; run on each worker."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_workers(corpus: Path, workers: int, batch_size: int, scratch: Path) -> dict:
    from stancetrace.distributed import ScaleOptions, connect, ingest_distributed, worker_peak_memory
    from stancetrace.store import open_store

    options = ScaleOptions(workers=workers, batch_size=batch_size)
    started = time.perf_counter()
    with connect(options) as client:
        from stancetrace.distributed import model_plugin

        client.register_plugin(model_plugin())  # load spaCy now, outside the timed run
        startup = time.perf_counter() - started
        db = scratch / f"workers-{workers}.db"
        cpu_before, load_before = client.run(cpu_seconds), os.getloadavg()[0]
        with open_store(str(db)) as store:
            began = time.perf_counter()
            summary = ingest_distributed([str(corpus)], store, options, client=client)
            elapsed = time.perf_counter() - began
        cpu = {w: spent - cpu_before.get(w, 0.0) for w, spent in client.run(cpu_seconds).items()}
        peaks = worker_peak_memory(client)
    return {
        "workers": workers,
        "documents": summary.ingested,
        "failed": summary.failed,
        "seconds": round(elapsed, 2),
        "documents_per_s": round(summary.ingested / elapsed, 2),
        "startup_s": round(startup, 2),
        "peak_memory_mb_per_worker": sorted(round(v / MB) for v in peaks.values()),
        "cpu_s_per_worker": sorted(round(v, 1) for v in cpu.values()),
        # Documents per CPU-second of the workers: the per-core rate, whatever else the
        # machine was running (the wall-clock rate is not, on shared cores).
        "documents_per_cpu_s": round(summary.ingested / max(sum(cpu.values()), 1e-9), 2),
        "load_average_before": round(load_before, 1),
        "load_average_after": round(os.getloadavg()[0], 1),
        "db": str(db),
    }


def stored_records(db: str) -> list[tuple]:
    from stancetrace.store import open_store

    with open_store(db) as store:
        by_document: dict[str, list] = {}
        for attribution in store.attributions():
            by_document.setdefault(attribution.doc_id, []).append(attribution)
        return [(d, by_document.get(d.id, [])) for d in store.documents()]


def write_speed(url: str, records: list[tuple], batch_size: int) -> dict:
    from stancetrace.store import open_store

    attributions = sum(len(a) for _, a in records)
    with open_store(url) as store:
        began = time.perf_counter()
        for start in range(0, len(records), batch_size):
            store.add_documents(records[start : start + batch_size])
        elapsed = time.perf_counter() - began
        sizes = stored_bytes(store)
    return {
        "bytes_per_document": round(sum(sizes.values()) / max(len(records), 1)),
        "bytes_by_table": sizes,
        "documents": len(records),
        "attributions": attributions,
        "seconds": round(elapsed, 2),
        "documents_per_s": round(len(records) / elapsed, 1),
        "attributions_per_s": round(attributions / elapsed, 1),
    }


# The tables (with their indexes and TOAST) whose size is the store's size on PostgreSQL.
PG_TABLES = ("documents", "documents_fts", "attributions", "attributions_fts", "ingest_errors")


def stored_bytes(store) -> dict[str, int]:
    """Bytes the store occupies: the SQLite file (after a checkpoint), or each PostgreSQL table
    with its indexes and TOAST."""
    if hasattr(store, "url"):
        return {t: store.conn.execute("SELECT pg_total_relation_size(%s)", (t,)).fetchone()[0] for t in PG_TABLES}
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"file": Path(store.path).stat().st_size}


def postgres_url(given: str | None, scratch: Path):
    """(url, server-to-stop) for the write test, or (None, None) without a server."""
    if given:
        return given, None
    sys.path.insert(0, str(REPO))
    from tests.pg_server import ThrowawayPostgres, server_bin_dir

    bin_dir = server_bin_dir()
    if bin_dir is None:
        return None, None
    server = ThrowawayPostgres(bin_dir, durable=True).start()
    return server.create_database(), server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="documents in the corpus")
    parser.add_argument("--workers", default=DEFAULT_WORKERS, help="worker counts to compare, e.g. 1,2")
    parser.add_argument("--batch-size", type=int, default=None, help="documents per task and per write batch")
    parser.add_argument("--postgres", default=None, help="postgresql:// URL of an empty database to write to")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        sys.exit(f"benchmark needs the PolNeAR texts in {POLNEAR}")
    from stancetrace.distributed import BATCH_SIZE

    batch_size = args.batch_size or BATCH_SIZE
    scratch = Path(tempfile.mkdtemp(prefix="stancetrace-scale-"))
    try:
        report = measure(args, batch_size, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(report, indent=2) if args.json else render(report))


def measure(args, batch_size: int, scratch: Path) -> dict:
    corpus = scratch / "corpus"
    corpus.mkdir()
    files = build_corpus(corpus, args.docs)
    report: dict = {"documents": len(files), "megabytes": round(sum(f.stat().st_size for f in files) / MB, 1),
                    "batch_size": batch_size, "runs": []}
    for workers in (int(w) for w in args.workers.split(",")):
        report["runs"].append(run_workers(corpus, workers, batch_size, scratch))
    rates = {run["workers"]: run["documents_per_s"] for run in report["runs"]}
    if 1 in rates and 2 in rates:
        report["speedup_2_vs_1"] = round(rates[2] / rates[1], 2)
    records = stored_records(report["runs"][-1]["db"])
    report["write_sqlite"] = write_speed(str(scratch / "write.db"), records, batch_size)
    url, server = postgres_url(args.postgres, scratch)
    try:
        report["write_postgresql"] = write_speed(url, records, batch_size) if url else "no PostgreSQL server"
    finally:
        if server:
            server.stop()
    return report


def render(report: dict) -> str:
    lines = [f"corpus: {report['documents']} documents, {report['megabytes']} MB, batch {report['batch_size']}"]
    for run in report["runs"]:
        lines.append(
            f"{run['workers']} worker(s): {run['documents_per_s']} documents/s ({run['documents']} in "
            f"{run['seconds']} s; start-up {run['startup_s']} s), peak memory per worker "
            f"{run['peak_memory_mb_per_worker']} MB, CPU s per worker {run['cpu_s_per_worker']} "
            f"({run['documents_per_cpu_s']} documents per CPU-second), load average "
            f"{run['load_average_before']} -> {run['load_average_after']}, failed {run['failed']}")
    if "speedup_2_vs_1" in report:
        lines.append(f"2 vs 1 workers: {report['speedup_2_vs_1']}x")
    for name in ("write_sqlite", "write_postgresql"):
        result = report[name]
        if isinstance(result, dict):
            lines.append(f"{name}: {result['documents_per_s']} documents/s, {result['attributions_per_s']} "
                         f"attributions/s ({result['documents']} documents in {result['seconds']} s), "
                         f"{result['bytes_per_document']} bytes per document stored")
        else:
            lines.append(f"{name}: {result}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
