"""Paragraphs and sentences of a text, as sorted offsets (no NLP model needed).

A paragraph is a line of the text, or several when a line is wrapped (as PDF text is):
a line that ends inside a sentence (on a word, a comma, a colon or a dash, not on
. ! ? or a closing quote) runs on into the next non-blank line. A sentence ends at . ! ? (with any closing quote or
bracket) followed by space and a capital, digit or opening quote, unless the word before
the period is a listed abbreviation ("Gen.", "Nov.") or a run of initials ("U.S.").
Good enough to tell "the same sentence" and "the next sentence" for statement dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BOUNDARY = re.compile(r"[.!?…]+[”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\w+)\.$")
_INITIALS = re.compile(r"(?:\b[A-Z]\.)+$")
_LINE = re.compile(r"[^\n]+")
# A line ending on one of these runs on into the next line (a soft wrap).
_RUNS_ON = re.compile(r"[\w,;:\-–—]\s*$")


class TextIndex:
    """Sentence and paragraph boundaries of text[start:end]."""

    def __init__(self, text: str, start: int, end: int, abbreviations: frozenset[str]):
        self.text = text
        self.paragraphs = _paragraphs(text, start, end)
        self.sentences = []
        for para_start, para_end in self.paragraphs:
            self.sentences.extend(_sentences(text, para_start, para_end, abbreviations))
        self._sentence_starts = [s for s, _ in self.sentences]
        self._paragraph_starts = [s for s, _ in self.paragraphs]

    def sentence_index(self, position: int) -> int | None:
        """Index of the sentence holding `position` (None outside every sentence)."""
        i = bisect_right(self._sentence_starts, position) - 1
        return i if i >= 0 and position < self.sentences[i][1] else None

    def paragraph_index(self, position: int) -> int | None:
        i = bisect_right(self._paragraph_starts, position) - 1
        return i if i >= 0 and position < self.paragraphs[i][1] else None

    def same_paragraph(self, first: int, second: int) -> bool:
        one = self.paragraph_index(first)
        return one is not None and one == self.paragraph_index(second)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines, a soft-wrapped line joined with the line right after it."""
    spans: list[tuple[int, int]] = []
    runs_on = False
    for m in _LINE.finditer(text, start, end):
        if not m.group(0).strip():
            runs_on = False
            continue
        follows = bool(spans) and runs_on and text.count("\n", spans[-1][1], m.start()) == 1
        spans[-1:] = [(spans[-1][0], m.end())] if follows else spans[-1:] + [(m.start(), m.end())]
        runs_on = _RUNS_ON.search(m.group(0)) is not None
    return spans


def _sentences(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        head = text[max(start, m.start() - 12) : m.start() + 1]
        word = _WORD_BEFORE.search(head)
        if text[m.start()] == "." and (_INITIALS.search(head) or (word and word.group(1) in abbreviations)):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans
