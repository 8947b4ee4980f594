"""Memory growth of one long-running analysing process (what a Dask worker does).

Runs `stancetrace.pipeline.analyse` over the PolNeAR train texts (then the dev texts, then
the same texts again) one document at a time in this process, as a worker does, and prints
the resident memory (RSS) every --every documents, with the sizes of the spaCy model's
StringStore. With --trace, tracemalloc snapshots are taken at two document counts
and the lines whose allocations grew most between them are printed (what keeps growing).

Growth is reported as the slope between two windows (MB per 100 documents in the first and
in the second half of the run), not as absolute values, so another job's noise or the
warm-up of the first documents do not count as growth.

Usage:  .venv/bin/python benchmarks/memory_growth.py [--docs 1000] [--every 50]
        .venv/bin/python benchmarks/memory_growth.py --docs 600 --trace 200 600   (RSS after 200 counts tracemalloc's own)
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "data" / "polnear"
# Default run: long enough that a per-document leak of a few KB shows above noise.
DEFAULT_DOCS = 1000
# Documents between two RSS lines.
DEFAULT_EVERY = 50
# Lines of the tracemalloc difference to print.
TOP_LINES = 25
# Frames kept per traced allocation (1: group by the line that allocated).
TRACE_FRAMES = 1
MB = 1_000_000


def rss_mb() -> float:
    """Current resident set size of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / MB
    return float("nan")


def corpus_paths() -> list[Path]:
    """PolNeAR train then dev article texts, in a stable order."""
    return [p for split in ("train", "dev") for p in sorted((POLNEAR / split / "text").glob("*.txt"))]


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB per 100 documents over (documents, MB) points."""
    if len(points) < 2:
        return float("nan")
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return 100 * sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--every", type=int, default=DEFAULT_EVERY)
    parser.add_argument("--trace", type=int, nargs=2, metavar=("FROM", "TO"),
                        help="tracemalloc snapshots after these document counts")
    parser.add_argument("--json", action="store_true", help="print a JSON summary last")
    args = parser.parse_args(argv)

    from stancetrace.nlp import load_model
    from stancetrace.pipeline import analyse, load_document

    nlp = load_model()
    paths = corpus_paths()
    if not paths:
        print(f"no texts under {POLNEAR}", file=sys.stderr)
        return 2
    snapshots = {}
    points: list[tuple[int, float]] = []
    started = time.perf_counter()
    print(f"{'docs':>6} {'rss MB':>8} {'strings':>9} {'s':>7}")
    for done, path in enumerate(itertools.islice(itertools.cycle(paths), args.docs), 1):
        analyse(load_document(path))
        if args.trace and done in args.trace:
            # Tracing starts at FROM (it slows spaCy several times): what was allocated
            # after FROM and is still alive at TO is what grows.
            gc.collect()
            if not tracemalloc.is_tracing():
                tracemalloc.start(TRACE_FRAMES)
            snapshots[done] = tracemalloc.take_snapshot()
        if done % args.every == 0 or done == args.docs:
            gc.collect()
            points.append((done, rss_mb()))
            print(f"{done:>6} {points[-1][1]:>8.1f} {len(nlp.vocab.strings):>9} "
                  f"{time.perf_counter() - started:>7.1f}", flush=True)

    half = args.docs // 2
    first = slope([p for p in points if p[0] <= half])
    second = slope([p for p in points if p[0] > half])
    print(f"RSS growth: {first:.2f} MB/100 docs in documents 1-{half}, "
          f"{second:.2f} MB/100 docs in documents {half + 1}-{args.docs}")

    if len(snapshots) == 2:
        a, b = (snapshots[k] for k in sorted(snapshots))
        lo, hi = sorted(snapshots)
        print(f"\ntracemalloc: top {TOP_LINES} lines by growth between document {lo} and {hi}")
        for stat in b.compare_to(a, "lineno")[:TOP_LINES]:
            print(f"  {stat.size_diff / 1024:>9.1f} KiB {stat.count_diff:>+8} blocks  {stat.traceback}")
    if args.json:
        print(json.dumps({"docs": args.docs, "points": points, "slope_first": first,
                          "slope_second": second, "strings": len(nlp.vocab.strings)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
