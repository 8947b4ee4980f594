"""Charts as inline SVG strings (matplotlib, text drawn as paths: no font files needed).

Only presentation lives here: where a point goes and its colour. What an event means
for stance is the coding stage's business; the colours below only group PLOVER event
names for the eye, and the legend names the events as stored.
"""

from __future__ import annotations

import io
import re
from datetime import date

# Colour families for PLOVER event names (the legend shows the names themselves).
EVENT_COLOURS = {
    "REJECT": "#b2182b", "DISAPPROVE": "#d6604d", "ACCUSE": "#d6604d", "THREATEN": "#67001f",
    "DEMAND": "#f4a582", "REQUEST": "#f4a582", "COERCE": "#67001f", "ASSAULT": "#67001f",
    "AGREE": "#2166ac", "SUPPORT": "#4393c3", "CONSULT": "#92c5de", "CONCEDE": "#053061",
    "COOPERATE": "#4393c3", "AID": "#4393c3", "RETREAT": "#053061",
}
NO_EVENT_COLOUR = "#9a9a9a"
# Rows beyond this many targets are folded into "other targets" so labels stay legible.
TIMELINE_MAX_ROWS = 8
NO_TARGET = "(no target coded)"
OTHER_TARGETS = "(other targets)"
_SVG_START = re.compile(r"<svg\b")


def partial_date(value: str | None) -> date | None:
    """The first day a YYYY[-MM[-DD]] value can mean, or None."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")[:3]]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def timeline_svg(statements: list[dict], title: str = "") -> str | None:
    """Dated statements as points: x the date said, y the target, colour the event.
    Returns None when no statement is dated (the caller says so in words)."""
    points = [(partial_date(s.get("said_on")), s) for s in statements]
    points = [(when, s) for when, s in points if when]
    if not points:
        return None
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    rows = _rows([s.get("target") or NO_TARGET for _, s in points])
    figure = Figure(figsize=(8.0, 0.9 + 0.42 * len(rows)), dpi=96)
    axes = figure.add_subplot()
    used: dict[str, str] = {}
    for when, s in points:
        target = s.get("target") or NO_TARGET
        row = rows.index(target if target in rows else OTHER_TARGETS)
        event = s.get("event") or "no event coded"
        colour = EVENT_COLOURS.get(s.get("event") or "", NO_EVENT_COLOUR)
        used[event] = colour
        coarse = (s.get("said_on_granularity") or _granularity(s.get("said_on"))) != "day"
        axes.plot([when], [row], marker="o", markersize=8, linestyle="none", alpha=0.85,
                  markerfacecolor="white" if coarse else colour, markeredgecolor=colour, markeredgewidth=1.6)
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=8)
    axes.set_ylim(-0.7, len(rows) - 0.3)
    axes.invert_yaxis()
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(axis="x", color="#e5e5e5")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(title, fontsize=10, loc="left")
    handles = [Line2D([], [], marker="o", linestyle="none", color=c, label=e) for e, c in sorted(used.items())]
    handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                          markeredgecolor="#555", label="hollow: dated to month/year"))
    axes.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    figure.tight_layout()
    return _svg(figure)


def _rows(targets: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for target in targets:
        counts[target] = counts.get(target, 0) + 1
    ranked = sorted(counts, key=lambda t: (-counts[t], t))
    if len(ranked) <= TIMELINE_MAX_ROWS:
        return ranked
    return ranked[: TIMELINE_MAX_ROWS - 1] + [OTHER_TARGETS]


def _granularity(value: str | None) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""), "year")


def _svg(figure) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "stancetrace"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    start = _SVG_START.search(text)
    return text[start.start():] if start else text
