"""Quote marks paired by direction and context, not by count.

`find_quotes(text, start, end)` returns every quoted stretch inside `text[start:end]`
as a `Quote` (offsets into `text`). It never raises on odd input: a mark that cannot be
paired is dropped (an apostrophe, an elision, a stray mark), and a quote still open at
the end of a paragraph closes there, which is also how a quotation that runs over
several paragraphs is written (each paragraph re-opens it).

How a mark is read:
- curly and angle marks carry their direction (“ ” ‘ ’ « » ‹ › „), except a ” with
  space before and a letter after, which is an opener typed the wrong way round;
- a straight mark (" ') takes its direction from its neighbours (space before and a
  letter after opens; a letter before and space/punctuation after closes);
- ’ or ' between two letters (couldn’t, Iran’s) or after a digit/"s" with no single
  quote open (1980s’, leaders’) is an apostrophe;
- two straight apostrophes ('') are one double mark, as news archives (the NYT's,
  LexisNexis') encode “ and ”; they take their direction from their neighbours too;
- an opening single mark is kept only if a closer follows in the same paragraph within
  `MAX_SINGLE_QUOTE_CHARS`, otherwise it was an elision (‘Alawite, ‘em).

`names_a_work(text, quote)` tells a quoted title (CBS’s “Face the Nation”) from quoted
words, with the word lists of `stancetrace/data/attribution/quotes.v1.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import DATA_DIR, read_rules_file, rules_error, rules_version

DOUBLE, SINGLE, ANGLE = "double", "single", "angle"
OPEN, CLOSE, EITHER = "open", "close", "either"

# mark -> (family, direction)
MARKS: dict[str, tuple[str, str]] = {
    "“": (DOUBLE, OPEN),
    "”": (DOUBLE, CLOSE),
    "„": (DOUBLE, OPEN),
    '"': (DOUBLE, EITHER),
    "«": (ANGLE, OPEN),
    "»": (ANGLE, CLOSE),
    "‹": (SINGLE, OPEN),
    "›": (SINGLE, CLOSE),
    "‘": (SINGLE, OPEN),
    "’": (SINGLE, CLOSE),
    "'": (SINGLE, EITHER),
}
# Two straight apostrophes standing for a double mark ('' in archive text); matched
# before a lone ' so that they are read as one mark.
DOUBLED_APOSTROPHE = "''"
_MARK_RE = re.compile(re.escape(DOUBLED_APOSTROPHE) + "|[" + re.escape("".join(MARKS)) + "]")
# A paragraph break: a newline followed by optional spaces and another newline, or a
# newline before an indented / quoted line. Single newlines inside hard-wrapped text are
# not breaks.
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")

# Scare quotes, nested quotes and titles are short; a longer single-quoted stretch is
# almost always an apostrophe paired by accident. 300 characters covers the longest
# nested quote in the seeds (about 150) with room to spare.
MAX_SINGLE_QUOTE_CHARS = 300
# Characters that may sit right before an opening mark (besides whitespace).
_BEFORE_OPEN = "([{—–-/:;,"
# Characters that may sit right after a closing mark (besides whitespace).
_AFTER_CLOSE = ".,;:!?)]}—–-…/"


@dataclass(frozen=True)
class Quote:
    """One quoted stretch: marks at `open_at`/`close_at` (close_at None when recovered)."""

    open_at: int
    close_at: int | None
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or the paragraph end)
    family: str
    depth: int  # 0 for an outermost quote, 1 for a quote inside it, ...
    close_len: int = 1  # characters of the closing mark ('' is two)

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_len if self.close_at is not None else self.end


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _direction(text: str, i: int, lo: int, hi: int) -> str | None:
    """OPEN, CLOSE, EITHER or None (an apostrophe) for the mark at text[i]."""
    mark = text[i]
    width = 2 if text.startswith(DOUBLED_APOSTROPHE, i) else 1
    family, direction = (DOUBLE, EITHER) if width == 2 else MARKS[mark]
    before = text[i - 1] if i > lo else " "
    after = text[i + width] if i + width < hi else " "
    if family == SINGLE and mark in "’'" and width == 1:
        if _is_word(before) and _is_word(after):
            return None  # couldn’t, Iran’s, Shi’a
        beyond = text[i + 2] if i + 2 < hi else ""
        if before == "s" and after == " " and beyond.islower():
            return None  # a plural possessive: 1980s’ war, leaders’ views
    if direction != EITHER:
        if mark == "‘" and _is_word(before):
            return None  # a mis-typed apostrophe inside a word
        if mark == "”" and before.isspace() and _is_word(after):
            return OPEN  # a closer typed as opener: ”Fear. I am afraid ...” at a line start
        return direction
    space_before = before.isspace() or before in _BEFORE_OPEN or before in "“‘«"
    space_after = after.isspace() or after in _AFTER_CLOSE
    if space_before and not space_after:
        return OPEN
    if space_after and not space_before:
        return CLOSE
    return EITHER


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _PARAGRAPH_RE.finditer(text, start, end):
        if m.start() > cursor:
            spans.append((cursor, m.start()))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair_paragraph(text: str, lo: int, hi: int) -> list[Quote]:
    marks = []
    for m in _MARK_RE.finditer(text, lo, hi):
        i, width = m.start(), m.end() - m.start()
        direction = _direction(text, i, lo, hi)
        if direction is not None:
            marks.append((i, DOUBLE if width == 2 else MARKS[text[i]][0], direction, width))
    quotes: list[Quote] = []
    stack: list[tuple[int, str, int]] = []  # (position, family, mark width)

    def close(pos_open: int, family: str, pos_close: int, widths: tuple[int, int]) -> None:
        s, e = _strip(text, pos_open + widths[0], pos_close)
        quotes.append(Quote(pos_open, pos_close, s, e, family, 0, widths[1]))

    for i, family, direction, width in marks:
        open_families = [f for _, f, _ in stack]
        if direction == EITHER:
            # Straight or ambiguous marks: close when one of their family is open.
            direction = CLOSE if family in open_families else OPEN
        if direction == OPEN:
            if family == SINGLE and not _has_single_closer(text, i, hi, marks):
                continue  # an elision: ‘Alawite, ‘em
            stack.append((i, family, width))
            continue
        if family not in open_families:
            continue  # a closer with nothing open: an apostrophe (1980s’) or a stray mark
        # Pop through: inner single openers left unclosed were elisions.
        while stack:
            pos, fam, opened = stack.pop()
            if fam == family:
                close(pos, fam, i, (opened, width))
                break
    # Whatever is still open closes at the paragraph end (quotes over paragraphs,
    # a missing closer). Single marks never run to the end: they were elisions.
    for pos, fam, opened in stack:
        if fam != SINGLE:
            s, e = _strip(text, pos + opened, hi)
            if e > s:
                quotes.append(Quote(pos, None, s, e, fam, 0))
                break  # the outermost open quote covers the rest
    return quotes


def _has_single_closer(text: str, i: int, hi: int, marks) -> bool:
    limit = min(hi, i + MAX_SINGLE_QUOTE_CHARS)
    for j, family, direction, _ in marks:
        if j <= i or j >= limit:
            continue
        if family == SINGLE and direction in (CLOSE, EITHER):
            return True
    return False


def _with_depth(quotes: list[Quote]) -> list[Quote]:
    quotes = sorted(quotes, key=lambda q: (q.open_at, -q.outer_end))
    out: list[Quote] = []
    open_stack: list[Quote] = []
    for q in quotes:
        while open_stack and open_stack[-1].outer_end <= q.open_at:
            open_stack.pop()
        depth = len(open_stack)
        out.append(Quote(q.open_at, q.close_at, q.start, q.end, q.family, depth, q.close_len))
        open_stack.append(q)
    return out


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Every quoted stretch in text[start:end], sorted by opening mark, with depth."""
    end = len(text) if end is None else end
    found: list[Quote] = []
    for lo, hi in _paragraphs(text, start, end):
        found.extend(_pair_paragraph(text, lo, hi))
    return [q for q in _with_depth(found) if q.end > q.start]


DEFAULT_QUOTE_RULES = DATA_DIR / "quotes.v1.yaml"
# How far back from an opening mark to look for the word before it (a possessive or a
# preposition is a few characters; 40 allows for spaces and a long name before "’s").
TITLE_LOOKBEHIND_CHARS = 40
_LAST_WORD_RE = re.compile(r"(?:['’]s|\w+)$")
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’&.-]*")


@dataclass(frozen=True)
class QuoteRules:
    version: str
    title_name_cues: frozenset[str]  # case-sensitive: "on", not the "On" of a headline
    title_minor_words: frozenset[str]  # lower-cased
    speech_marks: frozenset[str]  # "!" in a title-cased quote: a chant, not a title


def _word_list(path: Path, data: dict, key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise rules_error(path, f"'titles.{key}' must be a non-empty list of words")
    return frozenset(value)


def parse_quote_rules(data: object, path: Path = DEFAULT_QUOTE_RULES) -> QuoteRules:
    """Validate the loaded YAML mapping and build QuoteRules."""
    version = rules_version(data, path, "quotes")
    titles = data.get("titles")
    if not isinstance(titles, dict):
        raise rules_error(path, "'titles' must be a mapping with name_cues, minor_words and speech_marks")
    minor = _word_list(path, titles, "minor_words")
    return QuoteRules(version, _word_list(path, titles, "name_cues"), frozenset(w.lower() for w in minor),
                      _word_list(path, titles, "speech_marks"))


@lru_cache(maxsize=4)
def load_quote_rules(path: str | Path = DEFAULT_QUOTE_RULES) -> QuoteRules:
    path = Path(path)
    return parse_quote_rules(read_rules_file(path), path)


def names_a_work(text: str, quote: Quote, rules: QuoteRules | None = None) -> bool:
    """The quote is a title in title case right after a possessive, "on" or "of" (MSNBC’s
    “Morning Joe”, on “Face the Nation,”): a show or a book named, not words reported."""
    rules = rules or load_quote_rules()
    before = text[max(0, quote.open_at - TITLE_LOOKBEHIND_CHARS) : quote.open_at].rstrip()
    last = _LAST_WORD_RE.search(before)
    if last is None or last.group(0) not in rules.title_name_cues:
        return False
    content = text[quote.start : quote.end]
    return not any(mark in content for mark in rules.speech_marks) and title_cased(content, rules)


def title_cased(content: str, rules: QuoteRules | None = None) -> bool:
    """Every word capitalised but the minor ones ("Contract with America."): how titles
    are written, and seldom spoken words."""
    rules = rules or load_quote_rules()
    words = _TITLE_WORD_RE.findall(content)
    return bool(words) and words[0][0].isupper() and \
        all(w[0].isupper() or w.lower() in rules.title_minor_words for w in words)
