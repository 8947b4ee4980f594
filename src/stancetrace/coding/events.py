"""The PLOVER event a statement performs, from its words and its cue.

Order of evidence: an explicit act word in the content (tier 1), then the cue verb
("denounced"), then an implied act in the content (tier 2: "must", "naive", "negotiations").
Negation maps a trigger to its `negated` event; a condition turns cooperation into a DEMAND;
a question performs no act; a reported denial inverts the act; a compound slogan rejects
each item.
"""

from __future__ import annotations

from dataclasses import dataclass

from .polarity import Modality, negated
from .rules import Issue, Rules
from .text import PatternIndex, any_match

CUE_TIER = 1.5  # the cue verb ranks between explicit (1) and implied (2) content acts


@dataclass(frozen=True)
class Hit:
    event: str | None
    tier: float
    start: int
    negated: bool
    trigger: str
    length: int = 1  # words matched: at one start the longer (more specific) pattern wins
    rank: int = 1  # 0 for an event that outranks others of its tier (rules.outranks)


def hits(toks: list[str], rules: Rules, on_issue: bool = False, issue: Issue | None = None,
         negated_words: frozenset[str] = frozenset(), statement: bool = False,
         described: frozenset[str] = frozenset()) -> list[Hit]:
    """Every trigger found in `toks`, with negation applied, questions left out.
    `negated_words`: words a parse marks as negated (spaCy "neg" heads), when there is one.
    `statement`: the words are someone's statement, so a material deed they name counts only
    when announced (see `_announced`). `described`: act verbs a parse gives a third-party
    subject ("Imam Hussein never pledged"): the statement describes them, performs nothing."""
    questions = _question_spans(toks)
    topic = {s for p in issue.topic for s, _ in p.find(toks)} if issue is not None else set()
    inert = _not_acts(toks, rules)
    maxims = _maxim_spans(toks, rules)
    found = []
    for start, end, pattern, trigger in _index(rules).find(toks):
        if start in inert or any(a <= start < b for a, b in questions):
            continue
        if trigger.tier == 2 and any(a <= start < b for a, b in maxims):
            continue  # "Whoever thinks ... is naive": a maxim about anyone, aimed at no one
        if trigger.tier == 1 and toks[start] in described:
            continue
        neg = negated(toks, start, rules.polarity) or toks[start] in negated_words
        event = trigger.negated if neg else trigger.event
        if on_issue and trigger.on_issue and not neg:
            event = trigger.on_issue
        if statement and not neg and _material(trigger.event, rules):
            event = _announced(toks, start, trigger.event, rules)
        if start in topic and not neg and trigger.event == "CONSULT":
            continue  # naming the issue ("the nuclear negotiations") is its topic, not an act
        found.append(Hit(event, trigger.tier, start, neg, pattern.source, end - start, _rank(event, rules)))
    if issue is not None:
        found.extend(_issue_hits(toks, rules, issue, questions))
    return found


_INDEXES: dict[int, PatternIndex] = {}


def _index(rules: Rules) -> PatternIndex:
    """The trigger index of a rule set, built once."""
    if id(rules) not in _INDEXES:
        _INDEXES[id(rules)] = PatternIndex((p, t) for t in rules.triggers for p in t.patterns)
    return _INDEXES[id(rules)]


def _issue_hits(toks, rules: Rules, issue: Issue, questions) -> list[Hit]:
    out = []
    for pattern in issue.against:
        for start, end in pattern.find(toks):
            if any(a <= start < b for a, b in questions):
                continue
            neg = negated(toks, start, rules.polarity)
            # An issue's own stance phrase is the most specific evidence: it outranks (rank 0).
            out.append(Hit("AGREE" if neg else "REJECT", 1, start, neg, pattern.source, end - start, 0))
    return out


def _material(event: str, rules: Rules) -> bool:
    category = rules.categories.get(event)
    return category is not None and category.kind == "material"


def _announced(toks: list[str], start: int, event: str, rules: Rules) -> str | None:
    """A deed named in a statement is performed only as an announcement ("we will strike"):
    a threat or a promise; otherwise the statement describes it and performs nothing."""
    window = toks[max(0, start - rules.announce_window):start]
    if not rules.announced or not any_match(rules.polarity.future, window):
        return None
    kind = "conflict" if rules.categories[event].goldstein < 0 else "cooperation"
    return rules.announced.get(kind)


def _rank(event: str | None, rules: Rules) -> int:
    return 0 if event in rules.outranks else 1


def _not_acts(toks: list[str], rules: Rules) -> set[int]:
    """Words from a phrase that names an act without performing it (rules.not_acts: "should
    lead to", "not to their benefit") to the next punctuation: no trigger starts there
    ("should lead to cooperation": the cooperation is predicted, not offered)."""
    inert = set()
    for a in {start for start, *_ in _not_acts_index(rules).find(toks)}:
        b = next((i for i in range(a, len(toks)) if toks[i] in _PUNCTUATION), len(toks))
        inert.update(range(a, b))
    return inert


_NOT_ACTS: dict[int, tuple] = {}  # id(rules.not_acts) -> (the tuple, its index)


def _not_acts_index(rules: Rules) -> PatternIndex:
    """The `not_acts` phrases indexed by first word (one scan of the words, not one per phrase)."""
    entry = _NOT_ACTS.get(id(rules.not_acts))
    if entry is None or entry[0] is not rules.not_acts:
        entry = _NOT_ACTS[id(rules.not_acts)] = (rules.not_acts, PatternIndex((p, None) for p in rules.not_acts))
    return entry[1]


def _maxim_spans(toks: list[str], rules: Rules) -> list[tuple[int, int]]:
    """Word spans of sentences whose subject is a generic person (rules.generic_subjects)."""
    if not rules.generic_subjects:
        return []
    spans, start = [], 0
    for i in range(len(toks) + 1):
        if i == len(toks) or toks[i] in _SENTENCE_ENDS:
            if any(p.match_at(toks, start) is not None for p in rules.generic_subjects):
                spans.append((start, i))
            start = i + 1
    return spans


_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
_PUNCTUATION = _SENTENCE_ENDS | {",", ":"}


def _question_spans(toks: list[str]) -> list[tuple[int, int]]:
    """Word spans of sentences that end in a question mark."""
    spans, start = [], 0
    for i, tok in enumerate(toks):
        if tok in (".", "!", "?"):
            if tok == "?":
                spans.append((start, i + 1))
            start = i + 1
    return spans


def best(found: list[Hit]) -> Hit | None:
    """The hit that decides: best tier, then an outranking event (a threat), then earliest,
    then the longest pattern at that word."""
    live = [h for h in found if h.event is not None]
    return min(live, key=lambda h: (h.tier, h.rank, h.start, -h.length)) if live else None


def cue_hit(cue_toks: list[str], rules: Rules) -> Hit | None:
    if not cue_toks or any_match(rules.neutral_cues, cue_toks):
        return None
    found = [h for h in hits(cue_toks, rules) if h.tier == 1]
    chosen = best(found)
    return Hit(chosen.event, CUE_TIER, chosen.start, chosen.negated, chosen.trigger, chosen.length, chosen.rank) if chosen else None


def decide(content: list[Hit], cue: Hit | None, mood: Modality, rules: Rules, *, clause: bool) -> Hit | None:
    """The event of the statement, with modality applied. `clause`: the content is a reported
    clause (indirect or mixed speech), so a denial cue denies it."""
    if mood.denial and clause:
        # Denying a pejorative ("denied that flexibility meant retreat") defends its subject.
        pejorative = [h for h in content if h.event in _DEFENDS]
        return _denied(best(pejorative) or best(content))
    chosen = best(content + ([cue] if cue else []))
    if mood.slogan:
        return Hit("REJECT", 1, 0, True, "slogan")
    if chosen is not None and chosen.event == "AGREE" and mood.yielded:
        return Hit("CONCEDE", chosen.tier, chosen.start, chosen.negated, "yield:" + chosen.trigger, chosen.length)
    if mood.conditional and (chosen is None or chosen.event in rules.cooperative):
        return Hit("DEMAND", 2, chosen.start if chosen else 0, False, "conditional")
    return chosen


_DEFENDS = ("DISAPPROVE", "REJECT")  # judgments whose denial is support (REJECT: a judgment of an issue)
_DENIAL_FLIP = {"DISAPPROVE": "SUPPORT", "REJECT": "SUPPORT", "THREATEN": None, "DEMAND": None}


def _denied(chosen: Hit | None) -> Hit:
    """What a speaker does by denying the content: rejecting it, or (when the content is
    itself negative, "denied that flexibility meant retreat") supporting the other side."""
    if chosen is None:
        return Hit("REJECT", CUE_TIER, 0, True, "denial")
    flipped = _DENIAL_FLIP.get(chosen.event, "REJECT")
    return Hit(flipped, chosen.tier, chosen.start, True, "denial:" + chosen.trigger)
