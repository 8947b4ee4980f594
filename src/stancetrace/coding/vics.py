"""VICS coding of the verbs in a statement (Walker, Schafer & Young 1998).

Each clause with an event trigger gives one coded verb: its subject is `self` when a
first-person word or the speaker's own state comes before the trigger in the clause, `other`
when a third-person word or another actor does; clauses with neither are not coded (VICS
codes only verbs whose subject it can place). The category is the event's VICS value
(data/coding/vics.v1.yaml); ±3 are deeds, the rest words.
"""

from __future__ import annotations

from dataclasses import dataclass

from .events import best, hits
from .rules import Rules
from .text import Pattern

CLAUSE_ENDS = frozenset({".", ";", "?", "!", "but", "however"})
DEED = 3  # |category| of a deed: reward (+3) or punish (-3); the others are words


@dataclass(frozen=True)
class VicsVerb:
    subject: str  # self | other
    category: int  # -3..+3, never 0
    deed: bool
    domain: str  # foreign | domestic
    event: str
    trigger: str

    def as_dict(self) -> dict:
        return {"subject": self.subject, "category": self.category,
                "kind": "deed" if self.deed else "word", "domain": self.domain, "event": self.event}


def clauses(toks: list[str]) -> list[list[str]]:
    out, current = [], []
    for tok in toks:
        if tok in CLAUSE_ENDS:
            if current:
                out.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        out.append(current)
    return out


def _first(pats: tuple[Pattern, ...], toks: list[str]) -> int | None:
    starts = [s for p in pats for s, _ in p.find(toks)]
    return min(starts) if starts else None


def subject_of(clause: list[str], before: int, rules: Rules, self_names: tuple[Pattern, ...]) -> str | None:
    """`self`, `other` or None from the words before the verb at index `before`."""
    head = clause[:before]
    mine = [i for i in (_first(rules.vics.self_words, head), _first(self_names, head)) if i is not None]
    theirs = _first(rules.vics.other_words, head)
    if mine and (theirs is None or min(mine) <= theirs):
        return "self"
    if theirs is not None:
        return "other"
    return None


def code_verbs(toks: list[str], rules: Rules, *, domain: str, self_names: tuple[Pattern, ...] = ()) -> list[VicsVerb]:
    verbs = []
    for clause in clauses(toks):
        chosen = best(hits(clause, rules))
        if chosen is None or chosen.event not in rules.vics.categories:
            continue
        subject = subject_of(clause, chosen.start, rules, self_names)
        if subject is None:
            continue
        category = rules.vics.categories[chosen.event]
        verbs.append(VicsVerb(subject, category, abs(category) == DEED, domain, chosen.event, chosen.trigger))
    return verbs
