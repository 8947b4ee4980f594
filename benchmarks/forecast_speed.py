"""Speed: every DEU issue × every forecast model × 1,000 Monte Carlo draws.

    .venv/bin/python benchmarks/forecast_speed.py [--data ../shared/data/deu/deu3.tsv]
        [--draws 1000] [--workers 2]

Each issue's expert codings are jittered (positions ± 5 points, saliences ± 0.10, uniform;
see stancetrace.forecast.analysis.jitter) and every model solves all draws of an issue in
one vectorised fit. Issues are spread over `--workers` threads (numpy releases the GIL in
its array kernels). Prints wall and CPU seconds (user + system, all threads) per model and
in total, and the load average: on a shared machine the wall time mostly measures the
other jobs, the CPU time the code. The target is under 60 s wall.
"""

from __future__ import annotations

import os

# One BLAS thread per worker: the workers already use the cores, and nested threading
# oversubscribes a small machine. Set before numpy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

from stancetrace.forecast import MODELS  # noqa: E402
from stancetrace.forecast.analysis import simulate  # noqa: E402
from stancetrace.forecast.deu import load_deu  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "deu" / "deu3.tsv"
TARGET_SECONDS = 60.0  # the issue's speed target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eu-precision", choices=["double", "single"], default="double",
                        help="ExpectedUtility(precision=...); single is about a quarter cheaper")
    args = parser.parse_args()
    issues = load_deu(args.data)
    total = 0.0
    cpu_start = time.process_time()
    print(f"{len(issues)} DEU issues × {args.draws} draws, {args.workers} worker thread(s), "
          f"expected-utility precision {args.eu_precision}")
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for name, cls in MODELS.items():
            start, cpu = time.perf_counter(), time.process_time()
            options = {"precision": args.eu_precision} if name == "expected_utility" else {}
            results = list(pool.map(
                lambda issue: simulate(cls(**options), issue.table, args.draws, args.seed)["forecast"], issues))
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"{name:18} {elapsed:7.2f} s wall {time.process_time() - cpu:7.2f} s CPU  ({len(results)} issues)")
    verdict = "under" if total < TARGET_SECONDS else "OVER"
    cpu = time.process_time() - cpu_start
    print(f"{'total':18} {total:7.2f} s wall, {cpu:.2f} s CPU ({verdict} the {TARGET_SECONDS:.0f} s target;"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
