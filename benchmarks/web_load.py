"""Load test of the web app on loopback: p95 latency of search and statement pages.

    .venv/bin/python benchmarks/web_load.py [--rows 100000] [--clients 20] [--seconds 20] [--db FILE]
        [--workers 1 [2 ...]] [--threads 4] [--tool auto|wrk|httpx] [--baseline-src DIR [--baseline-db FILE]]
        [--rounds 1]

1. Ingests the demo corpus (examples/corpus, real extraction) into a temporary store,
   then copies its documents and attributions until there are at least --rows
   attributions (copies get new ids; the search index follows through its triggers).
2. Measures the in-process service time: the app called directly (no sockets), one request
   at a time, wall and CPU milliseconds per request.
3. Starts `stancetrace serve` on a free loopback port in a separate process, and loads it
   from --clients concurrent connections for --seconds per page kind with `wrk` (Debian
   package `wrk`; a C client that leaves the CPU to the server) or, without it, with
   asyncio/httpx clients (a Python client that competes with the server for the CPU and
   adds its own queueing: its figures are upper bounds). Prints p50/p95/p99 per kind, each
   with the load average at that moment (the machine may be shared).
With --baseline-src DIR (a checkout's `src`, e.g. `git archive HEAD src | tar -x -C DIR`)
the same runs are made against a server importing stancetrace from DIR, interleaved with
ours, so before and after see the same machine load; --baseline-db gives that server its
own copy of the store when ours has migrated --db to a schema the baseline does not know
(an older checkout refuses a newer schema). Several --workers values (e.g.
`--workers 1 2`) start one server of ours per value, also interleaved in the same run.
Target (issue 7): p95 < 100 ms for search and statement pages at 20 concurrent clients.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
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
# Distinct URLs per page kind: enough that no handful of hot rows decides the figures.
URLS_PER_KIND = 2000
# Requests per kind for the in-process service time (one at a time).
SERVICE_REQUESTS = 300
KINDS = ("search", "statement")
# wrk script: cycles through the paths in the file named by $PATHS, prints percentiles (ms).
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.1f %.1f %.1f\\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""
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


def start_server(db: Path, port: int, workers: int, threads: int, src: Path | None = None) -> subprocess.Popen:
    """`stancetrace serve` in its own process; with `src`, importing stancetrace from there."""
    command = [str(Path(sys.executable).with_name("stancetrace")), "serve", "--db", str(db), "--port", str(port)]
    if src is None:
        command += ["--workers", str(workers), "--threads", str(threads)]
    env = {**os.environ, **({"PYTHONPATH": str(src)} if src else {})}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, cwd=src or REPO)
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

    queue = list(reversed(paths * (1 + int(seconds))))
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


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def load_with_httpx(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    started = time.perf_counter()
    latencies, failures = asyncio.run(fire(base, paths, clients, seconds))
    ms = [v * 1000 for v in latencies]
    return {"requests": len(ms), "failed": failures, "rate": len(ms) / (time.perf_counter() - started),
            "p50": percentile(ms, 50), "p95": percentile(ms, 95), "p99": percentile(ms, 99)}


def load_with_wrk(base: str, paths_file: Path, script: Path, clients: int, seconds: float) -> dict:
    command = ["wrk", "-t2", f"-c{clients}", f"-d{seconds:.0f}s", "-s", str(script), base]
    started = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True,
                         env={**os.environ, "PATHS": str(paths_file)}).stdout
    requests, failed, p50, p95, p99 = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    return {"requests": int(requests), "failed": int(failed), "rate": int(requests) / (time.perf_counter() - started),
            "p50": float(p50), "p95": float(p95), "p99": float(p99)}


def service_times(db: Path, folder: Path) -> dict[str, dict]:
    """In-process: each kind's URLs through the app one at a time (no sockets, no concurrency)."""
    import httpx

    from stancetrace.web import WebOptions, create_app

    app = create_app(WebOptions(db=str(db)))
    result = {}

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://local") as session:
            for kind in KINDS:
                paths = (folder / f"{kind}.txt").read_text().split()[:SERVICE_REQUESTS]
                for path in paths[:20]:  # warm the caches and the page cache
                    await session.get(path)
                wall = []
                cpu = time.process_time()
                for path in paths:
                    started = time.perf_counter()
                    await session.get(path)
                    wall.append((time.perf_counter() - started) * 1000)
                result[kind] = {"mean": statistics.mean(wall), "p95": percentile(wall, 95),
                                "cpu": (time.process_time() - cpu) * 1000 / len(paths)}

    asyncio.run(run())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="attributions to reach by replication")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20, help="load time per page kind and server")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the interleaved runs this many times")
    parser.add_argument("--workers", type=int, nargs="+", default=[1],
                        help="`serve --workers` of the server under test; several values compare them in one run")
    parser.add_argument("--threads", type=int, default=4, help="`serve --threads` of the server under test")
    parser.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--baseline-src", type=Path, help="a checkout's src/ to measure as 'before'")
    parser.add_argument("--baseline-db", type=Path,
                        help="the store the baseline serves (default --db): a copy at the baseline's schema")
    parser.add_argument("--db", type=Path, help="store to use: built there when missing, reused when present")
    parser.add_argument("--service-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    tool = ("wrk" if shutil.which("wrk") else "httpx") if args.tool == "auto" else args.tool
    with tempfile.TemporaryDirectory(prefix="stancetrace-load-") as name:
        folder = Path(name)
        db = args.db or folder / "load.db"
        if not db.exists():
            started = time.perf_counter()
            total, documents = build_store(db, args.rows)
            print(f"store: {total} attributions in {documents} documents, built in "
                  f"{time.perf_counter() - started:.0f} s ({db.stat().st_size / 1e6:.0f} MB)")
        max_id = sqlite3.connect(db).execute("SELECT max(id) FROM attributions").fetchone()[0]
        rng = random.Random(7)
        for kind in KINDS:
            (folder / f"{kind}.txt").write_text("\n".join(urls(kind, URLS_PER_KIND, max_id, rng)) + "\n")
        if args.service_only:  # a child of a --baseline-src run: print, as JSON, and stop
            print(json.dumps(service_times(db, folder)))
            return
        script = folder / "paths.lua"
        script.write_text(WRK_SCRIPT)
        baseline_db = args.baseline_db or db
        # label -> (src to import from or None for this checkout, `serve --workers`, store)
        servers = {} if args.baseline_src is None else {"before": (args.baseline_src, 1, baseline_db)}
        for workers in args.workers:
            servers["after" if len(args.workers) == 1 else f"after-w{workers}"] = (None, workers, db)
        print(f"load tool: {tool}; {args.clients} clients, {args.seconds:.0f} s per run; "
              f"servers under test: --workers {' / '.join(map(str, args.workers))} --threads {args.threads};"
              f" {os.cpu_count()} CPUs")
        print(f"{'server':7} {'page':10} {'service ms (mean / p95 / cpu)':>30}   load average")
        measured = {"before": args.baseline_src, "after": None} if args.baseline_src else {"after": None}
        for label, src in measured.items():  # in-process: one app, whatever the process count
            times = service_times(db, folder) if src is None else _service_in_child(src, baseline_db)
            load = " ".join(f"{v:.2f}" for v in os.getloadavg())
            for kind in KINDS:
                t = times[kind]
                print(f"{label:7} {kind:10} {t['mean']:11.2f} / {t['p95']:5.2f} / {t['cpu']:5.2f}          {load}")
        print(f"{'server':9} {'page':10} {'requests':>8} {'failed':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7}"
              f" {'p99 ms':>7}   load average")
        running = {}
        try:
            for label, (src, workers, served) in servers.items():
                port = free_port()
                running[label] = (start_server(served, port, workers, args.threads, src), f"http://127.0.0.1:{port}")
                for kind in KINDS:  # warm up: caches, page cache, worker threads
                    paths = (folder / f"{kind}.txt").read_text().split()[:50]
                    load_with_httpx(running[label][1], paths, 4, 30)
            for _ in range(args.rounds):
                for kind in KINDS:
                    for label in servers:
                        base = running[label][1]
                        if tool == "wrk":
                            found = load_with_wrk(base, folder / f"{kind}.txt", script, args.clients, args.seconds)
                        else:
                            paths = (folder / f"{kind}.txt").read_text().split()
                            found = load_with_httpx(base, paths, args.clients, args.seconds)
                        load = " ".join(f"{v:.2f}" for v in os.getloadavg())
                        print(f"{label:9} {kind:10} {found['requests']:8d} {found['failed']:6d} {found['rate']:6.0f}"
                              f" {found['p50']:7.1f} {found['p95']:7.1f} {found['p99']:7.1f}   {load}", flush=True)
        finally:
            for process, _ in running.values():
                process.terminate()
                process.wait(timeout=10)


def _service_in_child(src: Path, db: Path) -> dict[str, dict]:
    """Service times of the baseline, measured in a process that imports it from `src`."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--service-only", "--db", str(db)], capture_output=True,
                         text=True, check=True, cwd=src, env={**os.environ, "PYTHONPATH": str(src)}).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
