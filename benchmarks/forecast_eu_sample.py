"""Expected-utility CPU on a sample of DEU issues (every `--every`-th issue × `--draws`).

    .venv/bin/python benchmarks/forecast_eu_sample.py [--every 10] [--draws 1000]

One thread; prints wall, user and system seconds, minor page faults and the load average,
so that a change to the model can be compared quickly on a shared machine.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from stancetrace.forecast import ExpectedUtility  # noqa: E402
from stancetrace.forecast.analysis import simulate  # noqa: E402
from stancetrace.forecast.deu import load_deu  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "deu" / "deu3.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    issues = load_deu(args.data)[:: args.every]
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    for issue in issues:
        simulate(ExpectedUtility(), issue.table, args.draws, args.seed)
    after = resource.getrusage(resource.RUSAGE_SELF)
    print(f"{len(issues)} issues × {args.draws} draws: {time.perf_counter() - start:.2f} s wall, "
          f"{after.ru_utime - before.ru_utime:.2f} s user, {after.ru_stime - before.ru_stime:.2f} s sys, "
          f"{after.ru_minflt - before.ru_minflt} minor faults, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
