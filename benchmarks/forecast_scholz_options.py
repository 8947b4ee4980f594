"""Every combination of the expected-utility model's ambiguity options on the Scholz 1994
case, ranked by the largest distance of the round 1–3 medians from Scholz, Calbert & Smith's
Table 2 (8.4, 9.9, 9.9; tolerance 0.35). `SCHOLZ_2011` is among them (see docs/forecasting.md).

    .venv/bin/python benchmarks/forecast_scholz_options.py [--top 10]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from stancetrace.forecast import ExpectedUtility
from stancetrace.forecast.scenario import load_scenario

SCENARIO = Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "scholz-1994.yaml"
TABLE_2_MEDIANS = (8.4, 9.9, 9.9)
TOLERANCE = 0.35  # the "within 0.35"
OPTION_VALUES = {
    "salience": ("responder", "challenger"),
    "security": ("others", "own"),
    "compromise": ("fraction", "complement"),
    "offer": ("least_move", "highest_eu", "by_type"),
    "probability": ("dyad", "capability", "global"),
    "perspective": ("own", "challenger", "responder"),
    "numerator": ("support", "net"),
    "centre": ("median", "mean"),
    "risk": (True, False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    scenario = load_scenario(SCENARIO)
    results = []
    for values in itertools.product(*OPTION_VALUES.values()):
        options = dict(zip(OPTION_VALUES, values))
        model = ExpectedUtility(rounds=len(TABLE_2_MEDIANS), **options).fit(scenario)
        medians = [float(r["median"]) for r in model.rounds_[1:]]
        gap = max(abs(m - t) for m, t in zip(medians, TABLE_2_MEDIANS))
        results.append((gap, medians, options))
    within = sum(gap <= TOLERANCE for gap, _, _ in results)
    results.sort(key=lambda r: r[0])
    print(f"{len(results)} option sets; target medians {TABLE_2_MEDIANS}; {within} within {TOLERANCE}")
    for gap, medians, options in results[: args.top]:
        changed = {k: v for k, v in options.items() if v != OPTION_VALUES[k][0]}
        print(f"max gap {gap:5.2f}  medians {[round(m, 2) for m in medians]}  non-default options {changed}")


if __name__ == "__main__":
    main()
