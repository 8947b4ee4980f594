"""What a statement is about or addressed to: an issue (data/coding/issues.v2.yaml) or an
actor of the KB.

Order: an issue with a counterpart whose topic is in the statement (and whose counterpart is
named in the statement or the document); else the first actor named in the statement who is
not the speaker's own side; else an issue without counterpart; else, when the statement
performs an act or speaks of "they"/"you", the state the document mentions most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Attribution
from .rules import Issue, Rules
from .text import PatternIndex, any_match, words

CONTEXT_KINDS = ("state",)  # actors that can be the document's implied counterpart


@dataclass
class Context:
    """What the document as a whole tells the coder (computed once per document)."""

    states: Counter = field(default_factory=Counter)
    text: str = ""  # the document text, to read the sentence around a partial quote
    body: str = ""  # the body's text, whose words are read only if an issue's `needs` are looked for
    needs_met: dict = field(default_factory=dict)  # issue id -> its `needs` occur in the document
    _body_words: list[str] | None = field(default=None, init=False, repr=False)

    def body_words(self) -> list[str]:
        """`words(body)`, made on first use: few statements ask, and a body has thousands."""
        if self._body_words is None:
            self._body_words = words(self.body)
        return self._body_words

    def mentions_needs(self, issue: Issue) -> bool:
        if issue.id not in self.needs_met:
            self.needs_met[issue.id] = any_match(issue.needs, self.body_words())
        return self.needs_met[issue.id]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (a partial quote's topic is in the writer's words)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start))
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return text[left + 1 : min(ends) if ends else len(text)]


def document_context(body: str, kb, text: str = "") -> Context:
    states: Counter = Counter()
    if kb is not None:
        for mention in kb.find_mentions(body):
            for actor_id in mention.actor_ids[:1]:
                actor = kb.actor(actor_id)
                if actor is not None and actor.kind in CONTEXT_KINDS:
                    states[actor_id] += 1
    return Context(states, text, body)


def own_side(attribution: Attribution, kb) -> set[str]:
    """The speaker and the state the speaker speaks for."""
    side = {attribution.speaker}
    actor = kb.actor(attribution.speaker) if kb is not None else None
    if actor is not None and actor.country:
        side.add(actor.country)
    return side


def issue_for(toks: list[str], slogan: tuple[str, ...], rules: Rules, context: Context,
              with_counterpart: bool, topics: frozenset[int] | None = None) -> Issue | None:
    """The first issue (with or without counterpart) the words are about. `topics`: the
    `topical_issues` of `toks`, when the caller already has them."""
    topics = topical_issues(toks, rules) if topics is None else topics
    for n, issue in enumerate(rules.issues):
        if bool(issue.counterpart) != with_counterpart:
            continue
        topical = n in topics or any(w in issue.slogan_words for w in slogan)
        if topical and (not issue.needs or any_match(issue.needs, toks) or context.mentions_needs(issue)):
            return issue
    return None


def topical_issues(toks: list[str], rules: Rules) -> frozenset[int]:
    """Positions in `rules.issues` of the issues whose topic the words name: one scan of the
    words through every topic pattern at once, rather than one scan per issue."""
    return frozenset(n for *_, n in _topic_index(rules.issues).find(toks))


_TOPICS: dict[int, tuple] = {}  # id(issues) -> (the issues, their topic index)


def _topic_index(issues) -> PatternIndex:
    entry = _TOPICS.get(id(issues))
    if entry is None or entry[0] is not issues:
        index = PatternIndex((p, n) for n, issue in enumerate(issues) for p in issue.topic)
        entry = _TOPICS[id(issues)] = (issues, index)
    return entry[1]


def named_actor(content: str, side: set[str], kb, not_actors: tuple[str, ...] = ()) -> str | None:
    """The first actor named in `content` outside the speaker's side; place names that
    contain an alias ("the West Bank") are masked first, offsets kept."""
    if kb is None:
        return None
    for pattern in _masks(tuple(not_actors)):
        content = pattern.sub(lambda m: "_" * len(m.group()), content)
    for mention in kb.find_mentions(content):
        ids = [i for i in mention.actor_ids if i not in side]
        if ids and len(ids) == len(mention.actor_ids):
            return ids[0]
    return None


@lru_cache(maxsize=8)
def _masks(not_actors: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """The `not_actors` place names compiled once (they are masked in every statement)."""
    return tuple(re.compile(re.escape(name), re.I) for name in not_actors)


def context_actor(side: set[str], context: Context) -> str | None:
    for actor_id, _ in sorted(context.states.items(), key=lambda kv: (-kv[1], kv[0])):
        if actor_id not in side:
            return actor_id
    return None
