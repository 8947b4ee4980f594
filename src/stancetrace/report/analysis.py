"""The analysis stage (`stancetrace.analysis`) as the brief and web pages see it.

Rows here are statement dicts from `record.find_statements`; they are turned into the
analysis stage's `Statement` values (id "#<row id>", as `analysis.series.from_store`
names them), and its results are mapped back to rows so pages can show the sentences.
"""

from __future__ import annotations

from typing import Any

# Usual names of the VICS indices (Walker, Schafer & Young 1998), for table captions.
VICS_MEANINGS = {
    "P-1": "nature of the political universe (friendly … hostile)",
    "P-2": "realisation of political values (optimism)",
    "P-3": "predictability of the political future",
    "P-4a": "control over history: self",
    "P-4b": "control over history: others",
    "P-5": "role of chance",
    "I-1": "strategic direction (cooperation … conflict)",
    "I-2": "intensity of tactics",
    "I-3": "risk orientation",
    "I-4a": "timing: cooperation vs conflict",
    "I-4b": "timing: words vs deeds",
}


def _statements(rows: list[dict[str, Any]]):
    from ..analysis.series import Statement
    from ..coding.rules import load_rules

    rules = load_rules()
    result = []
    for row in rows:
        score = rules.goldstein(row["event"])
        result.append(Statement(
            f"#{row['id']}", row["speaker"], row["target"], rules.canonical(row["event"]),
            None if score is None else round(score / 10.0, 3), row["said_on"], row["doc"],
            row["content"], row["type"], row["content_start"],
        ))
    return result


def reversals(actor: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each change of position on a target: the last statement before and first after."""
    from ..analysis import reversals as found_reversals
    from ..analysis.series import Selection

    statements = _statements(rows)
    by_id = {f"#{row['id']}": row for row in rows}
    result = []
    for target in found_reversals.targets_of(statements, actor):
        for shift in found_reversals.reversals(statements, Selection(actor, target)):
            result.append({
                "target": target, "direction": shift.direction,
                "before_span": shift.before.span, "after_span": shift.after.span,
                "before_mean": round(shift.before.mean, 2), "after_mean": round(shift.after.mean, 2),
                "before": by_id[shift.before.statements[-1].id], "after": by_id[shift.after.statements[0].id],
            })
    return result


def operational_code(actor: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """VICS indices with 95 % intervals and the number of coded verbs behind each."""
    from ..analysis import opcode_profile

    profile = opcode_profile(actor, _statements(rows))
    table = []
    for name, value in profile.values.items():
        low, high = profile.intervals.get(name, (value, value))
        side = "other" if name.startswith("P-") and not name.startswith("P-4") else "self"
        table.append({"index": name, "name": VICS_MEANINGS.get(name, name), "value": round(value, 3),
                      "low": round(low, 2), "high": round(high, 2), "count": profile.count(side),
                      "thin": side in profile.thin})
    return table
