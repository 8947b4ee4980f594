"""Load test of the web app on loopback: p95 latency of search and statement pages.

    .venv/bin/python benchmarks/web_load.py [--rows 100000] [--clients 20] [--requests 2000] [--seconds 60]

1. Ingests the demo corpus (examples/corpus, real extraction) into a temporary store,
   then copies its documents and attributions until there are at least --rows
   attributions (copies get new ids; the search index follows through its triggers).
2. Starts `stancetrace serve` on a free loopback port in a separate process.
3. Fires --requests requests per page kind from --clients concurrent asyncio/httpx
   clients (bounded by --seconds), and prints latency percentiles per kind.
Target (issue 7): p95 < 100 ms for search and statement pages at 20 concurrent clients.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
SEARCHES = ["negotiation", "America", "talks", '"heroic flexibility"', "poison", "sanctions", "war",
            "United States", "enemy", "trust"]
FILTERS = [{}, {"speaker": "ali-khamenei"}, {"type": "direct"}, {"since": "2013", "until": "2019"}]


def build_store(path: Path, rows: int) -> tuple[int, int]:
    from stancetrace.pipeline import ingest
    from stancetrace.store import SQLiteStore

    with SQLiteStore(path) as store:
        summary = ingest([str(CORPUS)], store)
        print(f"demo corpus: {summary.line}", file=sys.stderr)
        conn = store.conn
        base = conn.execute("SELECT count(*) FROM attributions").fetchone()[0]
        if base == 0:
            raise SystemExit("extraction gave no attributions; nothing to replicate")
        copies = -(-rows // base) - 1
        conn.execute("BEGIN")
        conn.execute("CREATE TEMP TABLE originals AS SELECT id FROM documents")
        for n in range(1, copies + 1):
            conn.execute(
                """INSERT INTO documents (id, doc, source, media_type, text, body_start, body_end, body_excluded,
                       title, title_start, title_end, authors, publisher, published, published_basis,
                       published_earliest, published_latest, published_start, published_end, url, basis)
                   SELECT id || '-' || ?1, doc || ' (copy ' || ?1 || ')', source, media_type, text, body_start,
                       body_end, body_excluded, title, title_start, title_end, authors, publisher, published,
                       published_basis, published_earliest, published_latest, published_start, published_end,
                       url, basis FROM documents WHERE id IN (SELECT id FROM originals)""",
                (n,),
            )
            conn.execute(
                """INSERT INTO documents_fts (document_id, title, body)
                   SELECT document_id || '-' || ?1, title, body FROM documents_fts
                   WHERE document_id IN (SELECT id FROM originals)""",
                (n,),
            )
            conn.execute(
                """INSERT INTO attributions (document_id, doc, type, content, content_start, content_end, cue,
                       cue_start, cue_end, speaker, speaker_mention, speaker_start, speaker_end, speaker_method,
                       confidence, said_on, said_on_basis, said_on_granularity, said_on_start, said_on_end,
                       target, event, rules)
                   SELECT document_id || '-' || ?1, doc, type, content, content_start, content_end, cue,
                       cue_start, cue_end, speaker, speaker_mention, speaker_start, speaker_end, speaker_method,
                       confidence, said_on, said_on_basis, said_on_granularity, said_on_start, said_on_end,
                       target, event, rules FROM attributions WHERE document_id IN (SELECT id FROM originals)""",
                (n,),
            )
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
        total = conn.execute("SELECT count(*) FROM attributions").fetchone()[0]
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    return total, documents


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("stancetrace")), "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"server exited: {process.stderr.read()}")
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start in 60 s")


def urls(kind: str, count: int, max_id: int, rng: random.Random) -> list[str]:
    if kind == "statement":
        return [f"/statements/{rng.randint(1, max_id)}" for _ in range(count)]
    from urllib.parse import urlencode

    result = []
    for _ in range(count):
        params = {"q": rng.choice(SEARCHES), **rng.choice(FILTERS)}
        if rng.random() < 0.2:
            params["page"] = rng.randint(2, 5)
        result.append("/?" + urlencode(params))
    return result


async def fire(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    import httpx

    queue = list(reversed(paths))
    latencies: list[float] = []
    failures = 0
    deadline = time.monotonic() + seconds

    async def client(session: httpx.AsyncClient) -> None:
        nonlocal failures
        while queue and time.monotonic() < deadline:
            path = queue.pop()
            started = time.perf_counter()
            response = await session.get(base + path)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                failures += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))
    return latencies, failures


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="attributions to reach by replication")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="requests per page kind")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per page kind")
    parser.add_argument("--db", type=Path, help="store to use: built there when missing, reused when present")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stancetrace-load-") as folder:
        db = args.db or Path(folder) / "load.db"
        if not db.exists():
            started = time.perf_counter()
            total, documents = build_store(db, args.rows)
            print(f"store: {total} attributions in {documents} documents, built in "
                  f"{time.perf_counter() - started:.0f} s ({db.stat().st_size / 1e6:.0f} MB)")
        max_id = sqlite3.connect(db).execute("SELECT max(id) FROM attributions").fetchone()[0]
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            rng = random.Random(7)
            asyncio.run(fire(base, urls("search", 50, max_id, rng) + urls("statement", 50, max_id, rng), 4, 30))
            print(f"{'page':10} {'requests':>8} {'failed':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
            for kind in ("search", "statement"):
                started = time.perf_counter()
                latencies, failures = asyncio.run(
                    fire(base, urls(kind, args.requests, max_id, rng), args.clients, args.seconds))
                elapsed = time.perf_counter() - started
                ms = [v * 1000 for v in latencies]
                print(f"{kind:10} {len(ms):8d} {failures:6d} {len(ms) / elapsed:7.0f} {percentile(ms, 50):7.1f}"
                      f" {percentile(ms, 95):7.1f} {percentile(ms, 99):7.1f}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
