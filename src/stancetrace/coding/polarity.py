"""Polarity and modality of a statement: negation, conditionals, future vs done, questions,
compound slogans and reported denials. Markers come from data/coding/polarity.v2.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import Polarity
from .text import any_match



@dataclass(frozen=True)
class Modality:
    """How the statement presents its act."""

    conditional: bool = False  # "only if the US returns to the deal"
    tense: str = "present"  # future | done | present
    question: bool = False  # "The proof?" is a question mark in the content
    denial: bool = False  # reported through a denial cue ("denied that ...")
    slogan: tuple[str, ...] = ()  # items of a compound slogan ("war", "negotiation")
    yielded: bool = False  # said as yielding ("with the deepest reluctance"): agreeing is conceding

    def as_dict(self) -> dict:
        return {"conditional": self.conditional, "tense": self.tense, "question": self.question,
                "denial": self.denial, "slogan": list(self.slogan), "yielded": self.yielded}


def negated(toks: list[str], start: int, rules: Polarity) -> bool:
    """Whether the trigger starting at word `start` is negated: a negator in the `window`
    words before it, with no clause break between ("will not negotiate", "never pledge")."""
    for i in range(start - 1, -1, -1):
        if toks[i] in rules.clause_breaks:
            break
        if toks[i] in rules.negators and (start - i <= rules.window or _wide(toks, i, rules)):
            return True
    return False


def _wide(toks: list[str], i: int, rules: Polarity) -> bool:
    """A negated copula ("is not", "was never") negates its whole predicate."""
    return i > 0 and toks[i - 1] in rules.wide_scope


def modality(toks: list[str], cue_toks: list[str], rules: Polarity, slogan_words: frozenset[str] = frozenset(),
             yield_markers: tuple = ()) -> Modality:
    """The modality of a statement from its content words and its cue words."""
    return Modality(
        conditional=_conditional(toks, rules),
        tense=_tense(toks, rules),
        question="?" in toks,
        denial=bool(cue_toks) and any_match(rules.denial_cues, cue_toks),
        slogan=slogan_items(" ".join(t for t in toks if t != ","), rules, slogan_words),
        yielded=bool(yield_markers) and any_match(yield_markers, toks),
    )


def _conditional(toks: list[str], rules: Polarity) -> bool:
    """A condition in the words, not counting concessive "even if" or comparative "as if"."""
    if not any_match(rules.conditionals, toks):
        return False
    if not rules.not_conditionals:
        return True
    masked = list(toks)
    for pattern in rules.not_conditionals:
        for start, end in pattern.find(toks):
            masked[start:end] = ["_"] * (end - start)
    return any_match(rules.conditionals, masked)


def _tense(toks: list[str], rules: Polarity) -> str:
    if any_match(rules.future, toks):
        return "future"
    if any(t in rules.done for t in toks):
        return "done"
    return "present"


def slogan_items(text: str, rules: Polarity, slogan_words: frozenset[str]) -> tuple[str, ...]:
    """The items a compound slogan rejects: "no war no negotiation" -> ("war", "negotiation").
    Only items that name an issue (its `slogan_words`) make a slogan: "neither supported nor
    opposed" is not one."""
    for pattern in rules.slogans:
        found = pattern.search(text)
        if found and {found.group("a"), found.group("b")} & slogan_words:
            return (found.group("a"), found.group("b"))
    return ()
