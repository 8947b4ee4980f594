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
    if "'" in low or "’" in low or "cannot" in low:  # every contraction has one of these
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
    tests: tuple = ()  # per step: a compiled word test (None = gap), made by `parse`

    @classmethod
    def parse(cls, source: str) -> "Pattern":
        steps = []
        for part in source.lower().split():
            if part == "~":
                steps.append(None)
            else:
                steps.append(tuple((alt.rstrip("*"), alt.endswith("*")) for alt in part.split("|")))
        return cls(source, tuple(steps), tuple(_compile(step) for step in steps))

    def match_at(self, toks: list[str], i: int) -> int | None:
        """End index (exclusive) of a match starting at word i, or None."""
        return _match(self.tests, 0, toks, i)

    def find(self, toks: list[str]) -> list[tuple[int, int]]:
        """Every (start, end) word span the pattern matches, left to right."""
        first = self.tests[0] if self.tests else None
        found = []
        for i, tok in enumerate(toks):
            # Cheap test of the first word before the full match (most positions fail here).
            if first is not None and not first(tok):
                continue
            end = self.match_at(toks, i)
            if end is not None:
                found.append((i, end))
        return found


def _compile(alts):
    """One step's word test as a compiled regex match (None for a gap)."""
    if alts is None:
        return None
    body = "|".join(re.escape(stem) + (".*" if prefix else "") for stem, prefix in alts)
    return re.compile(f"(?:{body})\\Z", re.S).match


def _match(tests, s: int, toks: list[str], i: int) -> int | None:
    if s == len(tests):
        return i
    test = tests[s]
    if test is None:
        for skip in range(GAP_MAX + 1):
            end = _match(tests, s + 1, toks, i + skip)
            if end is not None:
                return end
        return None
    if i < len(toks) and test(toks[i]):
        return _match(tests, s + 1, toks, i + 1)
    return None


def patterns(sources) -> tuple[Pattern, ...]:
    return tuple(Pattern.parse(s) for s in sources)


_GROUPS: dict[int, tuple] = {}  # id(patterns tuple) -> (the tuple, its index): built once


def any_match(pats, toks: list[str]) -> bool:
    """Whether any of `pats` matches: one scan of `toks` through the group's first-word index."""
    if not isinstance(pats, tuple):
        return any(p.find(toks) for p in pats)
    entry = _GROUPS.get(id(pats))
    if entry is None or entry[0] is not pats:
        entry = _GROUPS[id(pats)] = (pats, PatternIndex((p, None) for p in pats))
    return entry[1].any(toks)


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

    def any(self, toks: list[str]) -> bool:
        """Whether some pattern matches somewhere (stops at the first match). Candidates are
        tried in place, no list built per word: this runs for every statement and rule group."""
        exact, prefix, loose = self.exact, self.prefix, self.loose
        for i, tok in enumerate(toks):
            for p, _ in exact.get(tok, ()):
                if p.match_at(toks, i) is not None:
                    return True
            for stem, p, _ in prefix.get(tok[:2], ()):
                if tok.startswith(stem) and p.match_at(toks, i) is not None:
                    return True
            for p, _ in loose:
                if p.match_at(toks, i) is not None:
                    return True
        return False

    def find(self, toks: list[str]) -> list[tuple[int, int, object]]:
        found = []
        exact, prefix, loose = self.exact, self.prefix, self.loose
        for i, tok in enumerate(toks):
            # The candidates of `any`, in that order; most words have none (no list made).
            candidates = exact.get(tok, ())
            stems = prefix.get(tok[:2])
            if stems:
                candidates = [*candidates, *((p, load) for stem, p, load in stems if tok.startswith(stem))]
            if loose:
                candidates = [*candidates, *loose]
            if not candidates:
                continue
            seen = set()
            for pattern, payload in candidates:
                key = (id(pattern), id(payload))
                if key in seen:
                    continue
                seen.add(key)
                end = pattern.match_at(toks, i)
                if end is not None:
                    found.append((i, end, pattern, payload))
        return found
