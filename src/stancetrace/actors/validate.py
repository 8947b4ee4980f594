"""Cross-entry checks of a loaded KB: what `stancetrace actors validate` reports.

Each problem is one line naming the actor and what to fix. Shape errors were already
refused on load (see `loader`); these are the ones that need the whole KB in view.
"""

from __future__ import annotations

import re
from itertools import combinations

from .kb import KnowledgeBase
from .model import Tenure

ACTOR_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def validate(kb: KnowledgeBase) -> list[str]:
    """All problems found, in a stable order; an empty list means the KB is consistent."""
    problems: list[str] = []
    for actor in sorted(kb.actors(), key=lambda a: a.id):
        problems += _actor_problems(kb, actor)
    for role_id in sorted(kb.roles):
        role = kb.roles[role_id]
        if role.country is not None and role.country not in kb:
            problems.append(f"role {role_id}: unknown country '{role.country}'")
        if role.single_holder:
            problems += _overlaps(role_id, kb.tenures(role_id))
    return problems


def _actor_problems(kb: KnowledgeBase, actor) -> list[str]:
    where = f"{actor.id} ({actor.origin})"
    problems = []
    if not ACTOR_ID.match(actor.id):
        problems.append(f"{where}: id is not lower-case words joined by hyphens")
    if actor.country is not None and actor.country not in kb:
        problems.append(f"{where}: unknown country id '{actor.country}'")
    if not actor.source and not actor.tenures:
        problems.append(f"{where}: no source")
    if actor.born and actor.died and actor.born.earliest > actor.died.latest:
        problems.append(f"{where}: born {actor.born.text} after died {actor.died.text}")
    for tenure in actor.tenures:
        problems += _tenure_problems(kb, actor, tenure, where)
    for relation in actor.relations:
        if relation.actor_id not in kb:
            problems.append(f"{where}: {relation.kind} '{relation.actor_id}' is not in the KB")
        if not relation.source:
            problems.append(f"{where}: {relation.kind} {relation.actor_id}: no source")
    return problems


def _tenure_problems(kb: KnowledgeBase, actor, tenure: Tenure, where: str) -> list[str]:
    span = f"{tenure.role} {_text(tenure)}"
    problems = []
    if tenure.role not in kb.roles:
        problems.append(f"{where}: {span}: unknown role '{tenure.role}'")
    if not tenure.source:
        problems.append(f"{where}: {span}: no source")
    if tenure.start and tenure.end and tenure.start.earliest > tenure.end.latest:
        problems.append(f"{where}: {span}: ends before it starts")
    if actor.died and tenure.start and tenure.start.earliest > actor.died.latest:
        problems.append(f"{where}: {span}: starts after the death on {actor.died.text}")
    return problems


def _overlaps(role_id: str, tenures: list[Tenure]) -> list[str]:
    """Two people certainly holding a one-holder office on the same day."""
    problems = []
    for a, b in combinations(tenures, 2):
        if a.actor_id == b.actor_id:
            continue
        first, last = max(a.certain_start, b.certain_start), min(a.certain_end, b.certain_end)
        if first <= last:
            problems.append(
                f"role {role_id}: {a.actor_id} {_text(a)} and {b.actor_id} {_text(b)} overlap from {first}"
            )
    return problems


def _text(tenure: Tenure) -> str:
    start = tenure.start.text if tenure.start else "…"
    end = tenure.end.text if tenure.end else "…"
    return f"[{start} – {end}]"
