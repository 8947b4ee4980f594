"""Scoring every model on the DEU issues (Thomson et al.; DEU III, Arregui & Perarnaud 2021).

Aggregation that reproduces the published baselines (23.68 and 28.36 on 353 issues): keep
issues with an outcome and at least one coded position; an actor counts when it has both a
position and a salience (a position without a salience has weight 0); every capability is 1;
saliences 0–100 become 0–1; the median is the lower weighted median.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ConfigError, Errors
from .table import ActorTable

# DEU columns: p<actor> position, s<actor> salience; these p-columns are not actors.
NON_ACTOR_COLUMNS = {"prnr", "prname", "prnrnmc", "proc", "proccde"}
# Saliences and positions are coded on 0–100.
DEU_SCALE = (0.0, 100.0)
SALIENCE_PERCENT = 100.0
# An outcome within this many points of the forecast counts as a hit.
HIT_WINDOW = 10.0
# Paired bootstrap of per-issue errors: resamples and the interval's coverage.
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_COVERAGE = 0.95
BOOTSTRAP_SEED = 20240601


@dataclass(frozen=True)
class DeuIssue:
    issue: str
    table: ActorTable
    outcome: float


def _number(cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        return float("nan")


def load_deu(path: str | Path) -> list[DeuIssue]:
    """Read deu3.tsv into one ActorTable per usable issue (see the module docstring)."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
    except OSError as error:
        raise ConfigError(Errors.E409.format(path=path, detail=error.strerror or str(error))) from error
    if not rows or "out" not in rows[0] or "isnr" not in rows[0]:
        raise ConfigError(Errors.E409.format(path=path, detail="no header with 'isnr' and 'out' columns"))
    header = rows[0]
    column = {name: i for i, name in enumerate(header)}
    actors = [c[1:] for c in header if c.startswith("p") and c not in NON_ACTOR_COLUMNS and "s" + c[1:] in column]
    issues = []
    for row in rows[1:]:
        if len(row) < len(header) or not row[column["isnr"]].strip():
            continue  # the GDP line the copier added, or a short row
        outcome = _number(row[column["out"]])
        position = np.array([_number(row[column["p" + a]]) for a in actors])
        salience = np.array([_number(row[column["s" + a]]) for a in actors])
        coded = ~np.isnan(position)
        if np.isnan(outcome) or not coded.any():
            continue
        names = tuple(a for a, keep in zip(actors, coded) if keep)
        sal = np.nan_to_num(salience[coded], nan=0.0) / SALIENCE_PERCENT
        table = ActorTable(
            names=names, position=position[coded], salience=sal, capability=np.ones(len(names)),
            lo=DEU_SCALE[0], hi=DEU_SCALE[1], status_quo=_number(row[column["rp"]]) if "rp" in column else None,
        )
        issues.append(DeuIssue(issue=row[column["isnr"]], table=table, outcome=outcome))
    return issues


def evaluate(issues: list[DeuIssue], models: dict, baseline: str = "compromise") -> dict:
    """MAE, median absolute error, hit rate within HIT_WINDOW points, and paired-bootstrap
    95 % intervals of each model's MAE and of its MAE minus the baseline's, per model."""
    outcome = np.array([i.outcome for i in issues])
    errors = {}
    for name, model in models.items():
        forecast = np.array([model.fit(i.table).predict() for i in issues])
        errors[name] = np.abs(forecast - outcome)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    resample = rng.integers(0, len(issues), size=(BOOTSTRAP_RESAMPLES, len(issues)))
    tail = (1 - BOOTSTRAP_COVERAGE) / 2 * 100
    report = {"n_issues": len(issues), "baseline": baseline, "models": {}}
    base = errors.get(baseline)
    for name, err in errors.items():
        boot = err[resample].mean(axis=1)
        entry = {
            "mae": round(float(err.mean()), 3),
            "mae_ci95": [round(float(v), 3) for v in np.percentile(boot, [tail, 100 - tail])],
            "median_ae": round(float(np.median(err)), 3),
            "hit_rate_10": round(float(np.mean(err <= HIT_WINDOW)), 3),
        }
        if base is not None:
            diff = (err - base)[resample].mean(axis=1)
            entry["mae_minus_baseline"] = round(float((err - base).mean()), 3)
            entry["mae_minus_baseline_ci95"] = [round(float(v), 3) for v in np.percentile(diff, [tail, 100 - tail])]
        report["models"][name] = entry
    return report


def render(report: dict) -> str:
    """A plain-text table of an `evaluate` report."""
    lines = [f"DEU issues: {report['n_issues']} (differences against {report['baseline']})",
             f"{'model':18} {'MAE':>7} {'95% CI':>17} {'MedAE':>7} {'hit≤10':>7} {'Δ vs base':>10} {'95% CI of Δ':>18}"]
    for name, m in report["models"].items():
        ci = f"[{m['mae_ci95'][0]:.2f}, {m['mae_ci95'][1]:.2f}]"
        delta = m.get("mae_minus_baseline", float("nan"))
        dci = m.get("mae_minus_baseline_ci95", [float("nan")] * 2)
        lines.append(f"{name:18} {m['mae']:7.2f} {ci:>17} {m['median_ae']:7.2f} {m['hit_rate_10']:7.2f} "
                     f"{delta:10.2f} {'[%.2f, %.2f]' % tuple(dci):>18}")
    return "\n".join(lines)
