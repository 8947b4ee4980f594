"""Role resolutions per second (issue 4 asks for >= 100,000).

Run: .venv/bin/python benchmarks/actors_lookup.py [N]
Cycles through role phrases, countries and dates so the answer is not one cached value;
prints the rate and exits 1 when it is under the target.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

from stancetrace.actors import load_kb

TARGET_PER_SECOND = 100_000
QUERIES = [("the supreme leader", None), ("Iran's president", None), ("Majlis speaker", None),
           ("foreign minister", "iran"), ("Secretary of State", None), ("president", "united-states"),
           ("Quds Force commander", None), ("Israeli prime minister", None)]


def main(n: int = 300_000) -> int:
    kb = load_kb(include_user=False)
    days = [date(1979, 1, 1) + timedelta(days=37 * i) for i in range(470)]  # 1979..2026
    work = [(QUERIES[i % len(QUERIES)], days[i % len(days)]) for i in range(n)]
    started = time.perf_counter()
    answered = 0
    for (phrase, country), on in work:
        if kb.holder(phrase, on, country) is not None:
            answered += 1
    elapsed = time.perf_counter() - started
    rate = n / elapsed
    print(f"{n} role resolutions in {elapsed:.3f}s: {rate:,.0f} per second ({answered} answered)")
    return 0 if rate >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300_000))
