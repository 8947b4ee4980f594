"""An evidence brief on one actor: one self-contained HTML (or Markdown) file.

    from stancetrace.report import ReportOptions, write_report
    write_report("stancetrace.db", ReportOptions(actor="ali-khamenei"), "brief.html")

Everything shown comes from the store and the actor KB. Parts that need the analysis
stage (reversals, operational code) say plainly when that stage gave nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Errors, StoreError
from . import analysis
from .charts import timeline_svg
from .evidence import context_segments
from .record import StatementFilter, connect_readonly, ensure_schema, find_statements

FORMATS = ("html", "md")
# Most statements a brief reads; beyond this the brief is a summary of the first ones
# by date and says so. Ten times the largest actor in the demo corpus.
BRIEF_MAX_STATEMENTS = 5_000
# Key statements shown per target: enough to see a line, few enough to read.
KEY_STATEMENTS_PER_TARGET = 3
# A target with fewer dated statements than this is "thin evidence": one or two
# quotes cannot show a position, let alone a change.
THIN_EVIDENCE_MIN = 3
# Speaker resolutions below this confidence are listed as doubtful (pronoun and
# inherited speakers score under it in actors/kb.py).
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class ReportOptions:
    actor: str
    target: str | None = None
    since: str | None = None
    until: str | None = None
    format: str = "html"


@dataclass
class Brief:
    options: ReportOptions
    actor: dict[str, Any]
    roles: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    truncated: bool
    chart_svg: str | None
    key_statements: list[dict[str, Any]]
    event_table: list[dict[str, Any]]
    reversals: list[dict[str, Any]] | None
    opcode: list[dict[str, Any]] | None
    gaps: dict[str, Any] = field(default_factory=dict)
    db_name: str = ""


def build_brief(conn: sqlite3.Connection, options: ReportOptions, kb=None, db_name: str = "") -> Brief:
    """Gather what the store and KB say about `options.actor`."""
    if options.format not in FORMATS:
        raise ConfigError(Errors.E706.format(fmt=options.format, expected=", ".join(FORMATS)))
    if kb is None:
        from ..actors import load_kb

        kb = load_kb()
    where = StatementFilter(speaker=options.actor, target=options.target, since=options.since, until=options.until)
    rows = find_statements(conn, where, limit=BRIEF_MAX_STATEMENTS + 1, context=True)
    truncated = len(rows) > BRIEF_MAX_STATEMENTS
    rows = rows[:BRIEF_MAX_STATEMENTS]
    person = kb.actor(options.actor)
    if person is None and not rows:
        raise StoreError(Errors.E707.format(actor=options.actor, db=db_name or "the database"))
    for row in rows:
        row["segments"] = context_segments(row)
    return Brief(
        options=options,
        actor=actor_summary(kb, options.actor),
        roles=roles_over_time(kb, options.actor),
        statements=rows,
        truncated=truncated,
        chart_svg=timeline_svg(rows),
        key_statements=key_statements(rows),
        event_table=event_table(rows),
        reversals=analysis.reversals(options.actor, rows),
        opcode=analysis.operational_code(options.actor, rows),
        gaps=gaps(rows),
        db_name=db_name,
    )


def actor_summary(kb, actor_id: str) -> dict[str, Any]:
    actor = kb.actor(actor_id)
    if actor is None:
        return {"id": actor_id, "name": actor_id, "kind": None, "in_kb": False}
    return {
        "id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
        "born": actor.born.text if actor.born else None, "died": actor.died.text if actor.died else None,
        "aliases": list(actor.aliases), "in_kb": True,
    }


def roles_over_time(kb, actor_id: str) -> list[dict[str, Any]]:
    actor = kb.actor(actor_id)
    if actor is None:
        return []
    roles = []
    for tenure in sorted(actor.tenures, key=lambda t: t.possible_start):
        role = kb.roles.get(tenure.role)
        roles.append({
            "role": role.name if role else tenure.role, "role_id": tenure.role,
            "start": tenure.start.text if tenure.start else None,
            "end": tenure.end.text if tenure.end else None,
            "source": tenure.source, "note": tenure.note,
        })
    return roles


def key_statements(rows: list[dict]) -> list[dict[str, Any]]:
    """Per target (most statements first): the coded, most confident, earliest ones."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["target"] or "", []).append(row)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    result = []
    for target, members in ranked:
        chosen = sorted(members, key=lambda r: (r["event"] is None, -r["confidence"], r["said_on"] or "9999", r["id"]))
        picked = sorted(chosen[:KEY_STATEMENTS_PER_TARGET], key=lambda r: (r["said_on"] or "9999", r["id"]))
        result.append({"target": target or None, "count": len(members), "statements": picked})
    return result


def event_table(rows: list[dict]) -> list[dict[str, Any]]:
    """Counts of each (target, event) with the first and last date they were said."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["target"] or "", row["event"] or "")
        cell = cells.setdefault(key, {"target": key[0] or None, "event": key[1] or None, "count": 0,
                                      "first": None, "last": None})
        cell["count"] += 1
        if row["said_on"]:
            cell["first"] = min(filter(None, (cell["first"], row["said_on"])))
            cell["last"] = max(filter(None, (cell["last"], row["said_on"])))
    return sorted(cells.values(), key=lambda c: (c["target"] or "~", -c["count"], c["event"] or "~"))


def gaps(rows: list[dict]) -> dict[str, Any]:
    """What the record does not support: undated, uncoded, doubtful and thin evidence."""
    dated_by_target: dict[str, int] = {}
    for row in rows:
        if row["said_on"]:
            dated_by_target[row["target"] or ""] = dated_by_target.get(row["target"] or "", 0) + 1
    targets = {row["target"] or "" for row in rows}
    return {
        "undated": [r for r in rows if not r["said_on"]],
        "document_dated": [r for r in rows if r["said_on"] and r["said_on_basis"] == "document"],
        "no_target": sum(1 for r in rows if not r["target"]),
        "no_event": sum(1 for r in rows if not r["event"]),
        "low_confidence": [r for r in rows if r["confidence"] < LOW_CONFIDENCE],
        "low_confidence_threshold": LOW_CONFIDENCE,
        "thin_targets": sorted(
            ({"target": t or None, "dated": dated_by_target.get(t, 0)} for t in targets
             if dated_by_target.get(t, 0) < THIN_EVIDENCE_MIN),
            key=lambda c: (c["target"] or "~"),
        ),
        "thin_min": THIN_EVIDENCE_MIN,
    }


def render(brief: Brief) -> str:
    from .rendering import environment

    name = "brief.html.j2" if brief.options.format == "html" else "brief.md.j2"
    css = (Path(__file__).parent / "templates" / "brief.css").read_text(encoding="utf-8")
    return environment(brief.options.format).get_template(name).render(brief=brief, css=css)


def write_report(db: str | Path, options: ReportOptions, out: str | Path) -> Brief:
    """Build the brief from the store at `db` and write it to `out`."""
    ensure_schema(db)
    conn = connect_readonly(db)
    try:
        brief = build_brief(conn, options, db_name=Path(db).name)
    finally:
        conn.close()
    Path(out).write_text(render(brief), encoding="utf-8")
    return brief
