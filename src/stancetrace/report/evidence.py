"""Evidence in its place: the sentence or paragraph around a span, and marked segments.

Offsets are Python str indices into a document's text (see records.py). These helpers
never rewrite text: they choose spans and cut the text into segments, each carrying the
names of the marks that cover it, so a template can wrap them (escaped) in elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# How far we look either side of a statement for its sentence or paragraph (chars).
# A long news paragraph is ~1,000 characters; beyond that we cut rather than scroll.
CONTEXT_REACH = 1_200
# A "paragraph" longer than this is probably hard-wrapped text without blank lines;
# fall back to single line breaks, then to this cap.
PARAGRAPH_MAX = 2_400

# A sentence ends at . ! ? (and closing quotes) before a space, but not after an initial
# or the letters of an abbreviation such as "U.S." or "Mr.".
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)[.!?][\"'”’)\]]*\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Mark:
    """A span to mark: `kind` names it for CSS (quote, cue, speaker, date), `ref` links it."""

    start: int
    end: int
    kind: str
    ref: str | None = None


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(sorted(set(self.kinds)))

    @property
    def ref(self) -> str | None:
        """The innermost (last opened) mark's link, for nested statements."""
        return self.refs[-1] if self.refs else None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end): from after the previous sentence end or
    paragraph break to the next one, within CONTEXT_REACH."""
    low, high = max(0, start - CONTEXT_REACH), min(len(text), end + CONTEXT_REACH)
    left = low
    for found in _SENTENCE_END.finditer(text, low, start):
        left = found.end()
    blank = text.rfind("\n", low, start)
    left = max(left, blank + 1 if blank >= 0 else low)
    right = high
    found = _SENTENCE_END.search(text, end, high)
    if found:
        right = found.start() + len(found.group(0).rstrip())
    newline = text.find("\n", end, high)
    if newline >= 0:
        right = min(right, newline)
    return left, max(right, end)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph holding [start, end): blank-line breaks first, then line breaks."""
    for breaks in (_BLANK_LINE, re.compile(r"\n")):
        left, right = _between(text, start, end, breaks)
        if right - left <= PARAGRAPH_MAX:
            return left, right
    return max(0, start - PARAGRAPH_MAX // 2), min(len(text), end + PARAGRAPH_MAX // 2)


def _between(text: str, start: int, end: int, breaks: re.Pattern) -> tuple[int, int]:
    left = 0
    for found in breaks.finditer(text, max(0, start - PARAGRAPH_MAX * 4), start):
        left = found.end()
    following = breaks.search(text, end)
    return left, following.start() if following else len(text)


def segments(text: str, marks: list[Mark], offset: int = 0) -> list[Segment]:
    """Cut `text` (which starts at `offset` in its document) at every mark boundary.

    >>> [(s.text, s.kinds) for s in segments("he said no", [Mark(3, 7, "cue")])]
    [('he ', []), ('said', ['cue']), (' no', [])]
    """
    end_of_text = offset + len(text)
    inside = [m for m in marks if m.start < end_of_text and m.end > offset and m.end > m.start]
    cuts = {offset, end_of_text}
    for mark in inside:
        cuts.add(max(mark.start, offset))
        cuts.add(min(mark.end, end_of_text))
    ordered = sorted(cuts)
    # Wider marks first, so the narrower (inner) one's ref comes last.
    inside.sort(key=lambda m: (m.start, -m.end))
    pieces = []
    for left, right in zip(ordered, ordered[1:]):
        covering = [m for m in inside if m.start <= left and right <= m.end]
        pieces.append(
            Segment(
                text[left - offset : right - offset],
                [m.kind for m in covering],
                [m.ref for m in covering if m.ref],
            )
        )
    return pieces


def statement_marks(row: dict) -> list[Mark]:
    """The quote, cue, speaker mention and date evidence of one attribution row."""
    ref = str(row.get("id")) if row.get("id") is not None else None
    spans = [
        ("content_start", "content_end", "quote"),
        ("cue_start", "cue_end", "cue"),
        ("speaker_start", "speaker_end", "speaker"),
        ("said_on_start", "said_on_end", "date"),
    ]
    return [
        Mark(row[s], row[e], kind, ref)
        for s, e, kind in spans
        if row.get(s) is not None and row.get(e) is not None
    ]


def context_segments(row: dict) -> list[Segment]:
    """The sentence(s) holding a statement, its speaker and cue, cut into marked segments.
    `row` carries `context_text` and `context_start` (see record.CONTEXT_COLUMNS)."""
    window, origin = row["context_text"] or "", row["context_start"] or 0
    marks = statement_marks(row)
    first = min(m.start for m in marks if m.kind != "date") - origin
    last = max(m.end for m in marks if m.kind != "date") - origin
    left, right = sentence_bounds(window, max(first, 0), min(last, len(window)))
    return segments(window[left:right], marks, origin + left)
