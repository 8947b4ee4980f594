"""Analysis over coded statements: timelines, reversals (change points), operational code.

Public API:
- `load_statements(db=None, records=None)`: statements from a store and/or JSONL records.
- `series.timeline(statements, Selection(actor, target), granularity)` and `render_timeline`.
- `reversals.reversals(statements, Selection(actor, target))` and `reversals.render`.
- `opcode_profile(actor, statements)`: VICS indices P-1..P-5, I-1..I-5 with intervals.
"""

from __future__ import annotations

from pathlib import Path

from .series import Selection, Statement, from_records, from_store, render_timeline, timeline


def load_statements(db: str | None = None, records: list[Path] | None = None) -> list[Statement]:
    from ..coding.rules import load_rules

    rules = load_rules()
    out = from_store(db, rules) if db else []
    for path in records or []:
        out.extend(from_records(Path(path), rules))
    return out


def resolve_actor(name: str) -> str:
    """An actor id from an id or a name ("Ali Khamenei")."""
    from ..actors import load_kb
    from ..errors import ConfigError, Errors

    kb = load_kb()
    if kb.actor(name) is not None:
        return name
    match = kb.match_name(name)
    if match is None:
        raise ConfigError(Errors.E604.format(actor=name))
    return match.actor_id if hasattr(match, "actor_id") else match.id


def opcode_profile(actor: str, statements: list[Statement]):
    from ..coding import code_attribution
    from ..coding.rules import load_rules
    from ..records import Attribution
    from . import opcode

    rules = load_rules()

    def code(s: Statement):
        a = Attribution(doc=s.doc, content=s.content, content_start=s.content_start,
                        content_end=s.content_start + len(s.content), type=s.type, speaker=s.speaker)
        return [(v.subject, v.category) for v in code_attribution(a, rules=rules, kb=_kb()).vics]

    return opcode.profile(actor, statements, code)


def _kb():
    from ..actors import load_kb

    return load_kb()


__all__ = ["Selection", "Statement", "load_statements", "opcode_profile", "render_timeline", "resolve_actor", "timeline"]
