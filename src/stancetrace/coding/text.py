"""Words and word patterns: the small matching language of the coding data files.

A pattern is space-separated tokens matched against lower-cased words: `x*` is any word
starting with x, `a|b` either word (each may end in `*`), `~` up to GAP_MAX words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GAP_MAX = 3  # words a `~` may skip: "lifted the night curfew", "sent tons of food"

_CONTRACTIONS = [
    (re.compile(r"\bwon['’]t\b"), "will not"),
    (re.compile(r"\bcan['’]t\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bshan['’]t\b"), "shall not"),
    (re.compile(r"n['’]t\b"), " not"),
]
_WORD = re.compile(r"[a-z0-9]+(?:[.'’-][a-z0-9]+)*\.?|[,;:?!]")


def words(text: str) -> list[str]:
    """Lower-cased words and clause punctuation of `text`, contractions spelled out."""
    low = text.lower()
    for pattern, replacement in _CONTRACTIONS:
        low = pattern.sub(replacement, low)
    out = []
    for token in _WORD.findall(low):
        # Keep "u.s." whole; drop a sentence-final full stop glued to an ordinary word.
        if token.endswith(".") and token.count(".") == 1:
            out.extend([token[:-1], "."])
        else:
            out.append(token.replace("’", "'"))
    return out


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern; `source` is its text in the data file."""

    source: str
    steps: tuple[tuple[tuple[str, bool], ...] | None, ...]  # None = gap

    @classmethod
    def parse(cls, source: str) -> "Pattern":
        steps = []
        for part in source.lower().split():
            if part == "~":
                steps.append(None)
            else:
                steps.append(tuple((alt.rstrip("*"), alt.endswith("*")) for alt in part.split("|")))
        return cls(source, tuple(steps))

    def match_at(self, toks: list[str], i: int) -> int | None:
        """End index (exclusive) of a match starting at word i, or None."""
        return _match(self.steps, 0, toks, i)

    def find(self, toks: list[str]) -> list[tuple[int, int]]:
        """Every (start, end) word span the pattern matches, left to right."""
        found = []
        for i in range(len(toks)):
            end = self.match_at(toks, i)
            if end is not None:
                found.append((i, end))
        return found


def _word_ok(alts, word: str) -> bool:
    return any(word.startswith(stem) if prefix else word == stem for stem, prefix in alts)


def _match(steps, s: int, toks: list[str], i: int) -> int | None:
    if s == len(steps):
        return i
    step = steps[s]
    if step is None:
        for skip in range(GAP_MAX + 1):
            end = _match(steps, s + 1, toks, i + skip)
            if end is not None:
                return end
        return None
    if i < len(toks) and _word_ok(step, toks[i]):
        return _match(steps, s + 1, toks, i + 1)
    return None


def patterns(sources) -> tuple[Pattern, ...]:
    return tuple(Pattern.parse(s) for s in sources)


def any_match(pats, toks: list[str]) -> bool:
    return any(p.find(toks) for p in pats)


class PatternIndex:
    """Patterns indexed by their first word, so a text is scanned once rather than once per
    pattern: (start, end, payload) of every match, left to right."""

    def __init__(self, entries):
        self.exact: dict[str, list] = {}
        self.prefix: dict[str, list] = {}
        self.loose: list = []  # patterns starting with a gap or a one-letter stem
        for pattern, payload in entries:
            first = pattern.steps[0] if pattern.steps else None
            if first is None:
                self.loose.append((pattern, payload))
                continue
            for stem, is_prefix in first:
                if not is_prefix:
                    self.exact.setdefault(stem, []).append((pattern, payload))
                elif len(stem) >= 2:
                    self.prefix.setdefault(stem[:2], []).append((stem, pattern, payload))
                else:
                    self.loose.append((pattern, payload))

    def find(self, toks: list[str]) -> list[tuple[int, int, object]]:
        found = []
        for i, tok in enumerate(toks):
            seen = set()
            candidates = list(self.exact.get(tok, ()))
            candidates += [(p, load) for stem, p, load in self.prefix.get(tok[:2], ()) if tok.startswith(stem)]
            candidates += self.loose
            for pattern, payload in candidates:
                key = (id(pattern), id(payload))
                if key in seen:
                    continue
                seen.add(key)
                end = pattern.match_at(toks, i)
                if end is not None:
                    found.append((i, end, pattern, payload))
        return found
