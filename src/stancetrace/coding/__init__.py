"""Coding: the target, PLOVER event, CAMEO root, Goldstein weight and VICS verbs of each
attribution.

Public API:
- `code_attributions(document, attributions, doc=None) -> list[Attribution]`: copies with
  `target`, `event` and `rules` (the attribution rules + the coding rule versions) filled in.
- `code_attribution(attribution, ...) -> Coding`: the full coding of one statement
  (modality, cooperation–conflict score, VICS verbs ...).
- `code_sentence(text) -> Coding`: a bare sentence, as in the PLOVER gold.

Rules live in data/coding/*.yaml (see `rules.load_rules`); docs/coding.md describes them.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from ..records import Attribution, Document
from .events import Hit, cue_hit, decide, hits
from .parsed import Parsed, described_words, negated_words, reports_third_party
from .polarity import Modality, modality
from .rules import Rules, load_rules
from .targets import (Context, context_actor, document_context, issue_for, named_actor, own_side, sentence_around,
                      topical_issues)
from .text import Pattern, any_match, words
from .vics import VicsVerb, code_verbs

GOLDSTEIN_MAX = 10.0  # the Goldstein scale runs from -10 to +10; the score is weight / 10
SENTENCE = "sentence"  # code_sentence's type: a news sentence that reports deeds, not a statement
CLAUSE_TYPES = ("indirect", "mixed")  # content is a reported clause, so a denial cue denies it


@dataclass(frozen=True)
class Coding:
    target: str | None
    target_basis: str  # issue | named | context | none
    event: str | None
    cameo: str | None
    goldstein: float | None
    score: float | None  # cooperation (+1) ... conflict (-1)
    modality: Modality
    trigger: str | None
    components: tuple[tuple[str, str], ...]  # (target, event) of each slogan item
    vics: tuple[VicsVerb, ...]
    rules: str

    def as_dict(self) -> dict:
        return {"target": self.target, "target_basis": self.target_basis, "event": self.event,
                "cameo": self.cameo, "goldstein": self.goldstein, "score": self.score,
                "modality": self.modality.as_dict(), "trigger": self.trigger,
                "components": [list(c) for c in self.components],
                "vics": [v.as_dict() for v in self.vics], "rules": self.rules}


def _kb():
    from ..actors import load_kb

    return load_kb()


def code_attributions(document: Document, attributions: list[Attribution], doc=None, *,
                      rules: Rules | None = None, kb=None) -> list[Attribution]:
    """Attributions with target, event and rules set. `doc` is the parse the pipeline already
    made: a `Parsed` (Docs over body pieces), a Doc over `document.text`, or None (coding never
    parses)."""
    rules = rules or load_rules()
    kb = kb if kb is not None else _kb()
    context = context_for(document, kb)
    doc = Parsed.of(doc)
    own_side_names: dict[tuple[str, frozenset[str]], bool] = {}  # one document names the same few people
    out = []
    for attribution in attributions:
        # Only target and event are stored: the VICS verbs and the rest of `Coding` are not computed.
        decided = _decide(attribution, rules, kb, context, doc, own_side_names)
        event = decided.chosen.event if decided.chosen else None
        made_by = f"{attribution.rules}+{rules.version}" if attribution.rules else rules.version
        coded = copy(attribution)  # as dataclasses.replace, without its per-field checks
        coded.target, coded.event, coded.rules = decided.target, event, made_by
        out.append(coded)
    return out


def context_for(document: Document, kb) -> Context:
    body = " ".join(span.text(document.text) for span in document.body_spans)
    return document_context(body, kb, document.text)


def code_attribution(attribution: Attribution, *, rules: Rules | None = None, kb=None,
                     context: Context | None = None, doc=None) -> Coding:
    rules = rules or load_rules()
    context = context or Context()
    decided = _decide(attribution, rules, kb, context, doc)
    target, side = decided.target, decided.side
    domain = "foreign" if target and target not in side else "domestic"
    return _coding(target, decided.basis, decided.chosen, decided.mood, rules, context, side,
                   code_verbs(decided.toks, rules, domain=domain, self_names=_self_names(side, kb)))


@dataclass(frozen=True)
class _Decided:
    """What `code_attribution` decides before the VICS verbs (all `code_attributions` stores)."""

    target: str | None
    basis: str
    chosen: Hit | None
    mood: Modality
    side: set[str]
    toks: list[str]


def _decide(attribution: Attribution, rules: Rules, kb, context: Context, doc,
            own_side_names: dict | None = None) -> _Decided:
    toks, cue_toks = words(attribution.content), words(attribution.cue or "")
    mood = modality(toks, cue_toks, rules.polarity, rules.slogan_words, rules.yield_markers)
    side = own_side(attribution, kb)
    about = _about(attribution, toks, context)
    target, basis, issue = _target(attribution, about, mood, rules, kb, context, side)
    negated_words, described, nested = _parse_facts(attribution, Parsed.of(doc), side, kb, rules, own_side_names)
    found = [] if nested else hits(toks, rules, on_issue=issue is not None, issue=issue, negated_words=negated_words,
                                   statement=attribution.type != SENTENCE, described=described)
    chosen = decide(found, cue_hit(cue_toks, rules), mood, rules, clause=attribution.type in CLAUSE_TYPES)
    if target is None and chosen is not None:
        target = context_actor(side, context)
        basis = "context" if target else "none"
    return _Decided(target, basis, chosen, mood, side, toks)


def code_sentence(text: str, *, rules: Rules | None = None) -> Coding:
    """The event of a bare sentence (no speaker, cue or document)."""
    return code_attribution(Attribution(doc="", content=text, content_start=0, content_end=len(text),
                                        type=SENTENCE), rules=rules)


def _about(attribution: Attribution, toks: list[str], context: Context) -> list[str]:
    """The words that say what a statement is about: a partial quote ("likened them to
    'poison'") takes its topic from the sentence around it."""
    if attribution.type != "partial" or not context.text:
        return toks
    return words(sentence_around(context.text, attribution.content_start, attribution.content_end))


def _target(attribution, toks, mood, rules, kb, context, side):
    topics = topical_issues(toks, rules)
    issue = issue_for(toks, mood.slogan, rules, context, with_counterpart=True, topics=topics)
    if issue:
        return issue.id, "issue", issue
    actor = named_actor(" ".join(toks) if attribution.type == "partial" else attribution.content, side, kb,
                        rules.not_actors)
    if actor:
        return actor, "named", None
    issue = issue_for(toks, mood.slogan, rules, context, with_counterpart=False, topics=topics)
    if issue:
        return issue.id, "issue", issue
    if any_match(rules.vics.other_words, toks):
        actor = context_actor(side, context)
        if actor:
            return actor, "context", None
    return None, "none", None


def _coding(target, basis, chosen: Hit | None, mood, rules: Rules, context, side, verbs) -> Coding:
    event = chosen.event if chosen else None
    category = rules.categories.get(event) if event else None
    components = tuple(_slogan_components(mood.slogan, rules, context, side)) if mood.slogan else ()
    return Coding(
        target=target, target_basis=basis, event=event,
        cameo=category.cameo if category else None,
        goldstein=category.goldstein if category else None,
        score=round(category.goldstein / GOLDSTEIN_MAX, 3) if category else None,
        modality=mood, trigger=chosen.trigger if chosen else None, components=components,
        vics=tuple(verbs), rules=rules.version,
    )


def _slogan_components(items, rules: Rules, context, side):
    """Each slogan item rejected, as (target, REJECT): "no war, no negotiation"."""
    for item in items:
        issue = next((i for i in rules.issues if item in i.slogan_words), None)
        yield (issue.id if issue else item, "REJECT")


def _self_names(side: set[str], kb) -> tuple[Pattern, ...]:
    if kb is None:
        return ()
    names = []
    for actor_id in side:
        actor = kb.actor(actor_id)
        if actor is not None and actor.kind == "state":
            names.extend([actor.name, *actor.aliases])
    return tuple(Pattern.parse(n) for n in names if n)


def _parse_facts(attribution: Attribution, parsed: Parsed | None, side: set[str], kb, rules: Rules,
                 own_side_names: dict | None = None):
    """(negated words, described act verbs, nested report?) of the content, from the
    pipeline's parse. A nested report ("Khamenei dubbed Israel ...", in another speaker's
    account) performs none of the acts it names. `own_side_names` memoises `is_own_side`
    over one document's statements."""
    span = parsed.span(attribution.content_start, attribution.content_end) if parsed else None
    if span is None:
        return frozenset(), frozenset(), False
    memo = own_side_names if own_side_names is not None else {}
    sides = frozenset(side)

    def is_own_side(name: str) -> bool:
        key = (name, sides)
        if key not in memo:
            memo[key] = kb is not None and any(i in side for m in kb.find_mentions(name) for i in m.actor_ids)
        return memo[key]

    def is_report_verb(word: str) -> bool:
        return any_match(rules.report_verbs, [word])

    return negated_words(span), described_words(span, is_own_side), reports_third_party(span, is_own_side, is_report_verb)


__all__ = ["Coding", "code_attribution", "code_attributions", "code_sentence", "load_rules"]
