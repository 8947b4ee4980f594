"""A timeline chart (PNG or SVG) with matplotlib: one dot per statement, the period means as
a line, reversals as dashed lines, undated statements counted in a box apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import ConfigError, Errors
from .series import Timeline

FORMATS = (".png", ".svg")
EVENT_COLOURS = {"cooperation": "#1b7837", "conflict": "#b2182b"}
MAX_LABELLED_IDS = 3  # ids written next to a period point; more are summarised as "+N"


def _x(period: str) -> date:
    parts = [int(p) for p in period.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def draw(t: Timeline, out: Path, reversals=()) -> Path:
    if out.suffix.lower() not in FORMATS:
        raise ConfigError(Errors.E607.format(path=out))
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ConfigError(Errors.E610) from exc
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for p in t.periods:
        for s in p.scored:
            colour = EVENT_COLOURS["cooperation" if s.score > 0 else "conflict"]
            ax.scatter(_x(p.period), s.score, color=colour, alpha=0.5, s=24)
    means = [(_x(p.period), p.mean, p) for p in t.periods if p.mean is not None]
    if means:
        ax.plot([m[0] for m in means], [m[1] for m in means], color="black", lw=1, marker="o", ms=4)
        for x, y, p in means:
            ids = p.ids[:MAX_LABELLED_IDS]
            more = f" +{len(p.ids) - len(ids)}" if len(p.ids) > len(ids) else ""
            ax.annotate(f"{p.period} n={len(p.statements)}\n" + "\n".join(ids) + more, (x, y),
                        fontsize=5, xytext=(3, 4), textcoords="offset points")
    for r in reversals:
        ax.axvline(r.after.statements[0].first_day, color="grey", ls="--", lw=1)
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("stance (Goldstein / 10): conflict − … + cooperation")
    sel = t.selection
    ax.set_title(f"{sel.actor} → {sel.target or 'all targets'} (by {t.granularity})")
    apart = len(t.undated) + len(t.coarser)
    ax.text(1.01, 0.5, f"not placed in time:\n{len(t.undated)} undated\n{len(t.coarser)} dated only\nmore coarsely",
            transform=ax.transAxes, fontsize=7, va="center",
            bbox={"boxstyle": "round", "fc": "#f3f3f3", "ec": "#999"}) if apart else None
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
