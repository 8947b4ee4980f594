"""One call from a scenario file to a forecast report (JSON-ready dict), and its renderings:
a plain table, markdown with each input's evidence sentences, an SVG of the distribution."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from . import make_model
from .analysis import DEFAULT_DRAWS, DEFAULT_SEED, breaking_point, sensitivity, simulate, zopa
from .evidence import evidence_rows
from .scenario import Quantity, Scenario

SENSITIVITY_ROWS = 10  # rows of the sensitivity table shown in reports
HISTOGRAM_BINS = 30
SVG_WIDTH, SVG_HEIGHT, SVG_MARGIN = 640, 280, 40


def forecast_scenario(scenario: Scenario, model: str = "nash", options: dict | None = None,
                      draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
                      docs_dir: Path | None = None, store=None, with_evidence: bool = True) -> dict:
    """Monte Carlo forecast, ZOPA, sensitivity, breaking points and evidence for a scenario."""
    estimator = make_model(model, **(options or {}))
    result = simulate(estimator, scenario, draws=draws, seed=seed)
    outcomes = result.pop("outcomes")
    point = make_model(model, **(options or {})).fit(scenario)
    report = {
        **result,
        "scenario": scenario.id or scenario.path,
        "issue": scenario.issue,
        "scale": {"low": scenario.lo, "high": scenario.hi,
                  "low_label": scenario.low_label, "high_label": scenario.high_label},
        "point_forecast": point.predict(),
        "rounds": [{"median": float(r["median"]), "mean": float(r["mean"])} for r in point.rounds_],
        "rounds_monte_carlo": result["rounds"],
        "inputs": [_input_row(a) for a in scenario.actors],
        "zopa": zopa(scenario),
        "sensitivity": sensitivity(make_model(model, **(options or {})), scenario)[:SENSITIVITY_ROWS],
        "breaking_points": [breaking_point(make_model(model, **(options or {})), scenario, p.name)
                            for p in scenario.pressures] if scenario.status_quo else [],
        "evidence": evidence_rows(scenario, docs_dir, store) if with_evidence else [],
        "histogram": _histogram(outcomes, scenario.lo, scenario.hi),
    }
    return report


def _describe(q: Quantity | None) -> str:
    if q is None:
        return "—"
    if q.dist == "fixed":
        return f"{q.value:g}"
    if q.dist == "normal":
        return f"N({q.value:g}, {q.sd:g})"
    mode = f" mode {q.value:g}" if q.dist == "triangular" else ""
    return f"[{q.low:g}, {q.high:g}]{mode}"


def _input_row(actor) -> dict:
    return {"actor": actor.actor, "name": actor.name, "position": _describe(actor.position),
            "salience": _describe(actor.salience), "capability": _describe(actor.capability),
            "veto": actor.veto, "reservation": _describe(actor.reservation)}


def _histogram(outcomes: np.ndarray, lo: float, hi: float) -> dict:
    counts, edges = np.histogram(outcomes, bins=HISTOGRAM_BINS, range=(lo, hi))
    return {"counts": counts.tolist(), "edges": [float(e) for e in edges]}


def render_table(report: dict) -> str:
    lines = [
        f"{report['scenario']}: {report['issue']}",
        f"model {report['model']}  draws {report['draws']}  seed {report['seed']}",
        f"forecast {report['forecast']:.2f}   50% [{report['interval_50'][0]:.2f}, {report['interval_50'][1]:.2f}]"
        f"   90% [{report['interval_90'][0]:.2f}, {report['interval_90'][1]:.2f}]   point {report['point_forecast']:.2f}",
        "rounds (point inputs): " + "  ".join(
            f"{t}: median {r['median']:.2f} mean {r['mean']:.2f}" for t, r in enumerate(report["rounds"])),
    ]
    z = report["zopa"]
    if z["veto_players"]:
        zone = "EMPTY — forecast is the status quo; blocked by " + " and ".join(z["blocking_names"]) if z["empty"] \
            else f"[{z['low']:.2f}, {z['high']:.2f}]"
        lines.append(f"zone of agreement of {', '.join(z['veto_players'])}: {zone}")
    for b in report["breaking_points"]:
        found = "not reached in its range" if b["breaking_point"] is None else \
            f"{b['breaking_point']:.3g} (forecast there {b['forecast_at_breaking_point']:.2f})"
        lines.append(f"breaking point of '{b['pressure']}' (now {b['current']:g}): {found}")
    if report["sensitivity"]:
        lines.append("sensitivity (input swept over its range, others at point values):")
        for s in report["sensitivity"]:
            lines.append(f"  {s['actor'][:32]:32} {s['input']:11} {s['low']:7.3g}..{s['high']:<7.3g} "
                         f"forecast {s['forecast_at_low']:7.2f} -> {s['forecast_at_high']:7.2f}  swing {s['swing']:.2f}")
    return "\n".join(lines)


def render_markdown(report: dict) -> str:
    scale = report["scale"]
    out = [f"# Forecast: {report['issue']}", "",
           f"Scale {scale['low']:g} ({scale['low_label']}) to {scale['high']:g} ({scale['high_label']}).", "",
           "```", render_table(report), "```", "", "## Inputs", "",
           "| actor | position | salience | capability | veto | reservation |", "|---|---|---|---|---|---|"]
    for r in report["inputs"]:
        out.append(f"| {r['name']} | {r['position']} | {r['salience']} | {r['capability']} | "
                   f"{'yes' if r['veto'] else ''} | {r['reservation']} |")
    if report["evidence"]:
        out += ["", "## Evidence", ""]
        for e in report["evidence"]:
            out.append(f"- **{e['actor']}, {e['input']}** ({e['ref']}): “{e['text']}”")
    return "\n".join(out) + "\n"


def write_svg(report: dict, path: Path) -> None:
    """A histogram of the Monte Carlo outcomes with the forecast and the status quo marked."""
    counts = report["histogram"]["counts"]
    edges = report["histogram"]["edges"]
    lo, hi = edges[0], edges[-1]
    plot_w, plot_h = SVG_WIDTH - 2 * SVG_MARGIN, SVG_HEIGHT - 2 * SVG_MARGIN
    peak = max(max(counts), 1)

    def sx(v):
        return SVG_MARGIN + (v - lo) / (hi - lo) * plot_w

    bars = []
    for count, left, right in zip(counts, edges[:-1], edges[1:]):
        height = count / peak * plot_h
        bars.append(f'<rect x="{sx(left):.1f}" y="{SVG_MARGIN + plot_h - height:.1f}" '
                    f'width="{max(sx(right) - sx(left) - 1, 0.5):.1f}" height="{height:.1f}" fill="#4a78a8"/>')
    marks = [(report["forecast"], "#c0392b", "forecast")]
    if report["zopa"]["status_quo"] is not None:
        marks.append((report["zopa"]["status_quo"], "#555", "status quo"))
    for value, colour, label in marks:
        x = sx(value)
        bars.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{SVG_MARGIN}" y2="{SVG_MARGIN + plot_h}" '
                    f'stroke="{colour}" stroke-width="2"/><text x="{x + 3:.1f}" y="{SVG_MARGIN + 12}" '
                    f'font-size="11" fill="{colour}">{label} {value:.1f}</text>')
    title = escape(f"{report['model']}: {report['issue']} ({report['draws']} draws)")
    axis = (f'<text x="{SVG_MARGIN}" y="{SVG_HEIGHT - 12}" font-size="11">{lo:g} {escape(report["scale"]["low_label"])}</text>'
            f'<text x="{SVG_WIDTH - SVG_MARGIN}" y="{SVG_HEIGHT - 12}" font-size="11" text-anchor="end">'
            f'{hi:g} {escape(report["scale"]["high_label"])}</text>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{SVG_HEIGHT}">'
           f'<text x="{SVG_MARGIN}" y="20" font-size="13">{title}</text>{"".join(bars)}{axis}</svg>\n')
    Path(path).write_text(svg, encoding="utf-8")
