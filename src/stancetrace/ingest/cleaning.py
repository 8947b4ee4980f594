"""Plain-text layout: which lines are title, byline, dateline, body, page chrome.

Web pages saved as text keep their furniture: a kind label ("Brief Analysis"), an
author box, link residue like `[Name \\(/experts/x\\)](#)`, photo captions, and after
the article a "RECOMMENDED" list, "TOPICS", "View Citations", "Comments". The
cleaner reads the text as lines, in three passes, and only chooses spans:

1. the head, from the top: blank lines, chrome, a title, bylines, a dateline and an
   author box, up to the first line of prose, which starts the body;
2. the tail: the body ends before the first end-of-article marker ("RECOMMENDED",
   "Comments" ...), then trailing author notes, footnotes, series numbers
   ("Policy #1426") and ornaments are walked back over;
3. inside the body: captions, "Advertisement" and link lines become
   `Layout.body_excluded`.

What each kind of line looks like is data (`data/ingest/chrome.yaml`); this module
only says where in the page each kind may stand. The text is never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import BASIS_EXPLICIT, Span
from .base import Layout
from .markers import load_rules
from .textdates import TextDate, dateline, lead_dateline

# Non-blank lines read at the top of a page before giving up on finding the body: the
# seeds need at most 8 (title, byline, date, author box, label); navigation menus
# saved with a page can add a few dozen.
HEAD_MAX_LINES = 40
# A title is one line of at most this many characters and at least this many words.
# Headlines on news and think-tank sites run 40-150 characters; 250 leaves room for
# long ones while keeping one-sentence paragraphs (usually 300+) out.
TITLE_MAX_CHARS = 250
TITLE_MIN_WORDS = 2
# In an author box, lines up to this long are names and job titles (the longest
# "Senior Fellow, Program on ..." titles we saw are ~70 characters).
AUTHOR_BOX_SHORT_LINE = 80
AUTHOR_BOX_MAX_LINES = 12
# An outlet's name on its own line or in a byline: "The Washington Institute for Near
# East Policy" is 8 words; longer capitalised runs are headlines.
OUTLET_MAX_WORDS = 8
# Author notes are one or two sentences: 400 characters holds the seeds' (72-149)
# with room, and keeps a body paragraph that happens to start with a name out.
BIO_MAX_CHARS = 400
# A dateline is short: the longest legitimate one ("Posted on Wednesday, September
# 24, 2014 at 10:32 AM EDT | Updated ...") is ~100 characters.
DATELINE_MAX_CHARS = 120
# Captions are one or two sentences (the seeds' is 164 characters).
CAPTION_MAX_CHARS = 400
# A caption repeated without its credit is matched when it is at least this long, so
# that a short credit-less line ("Tehran") is not taken for a caption.
CAPTION_MIN_CORE_CHARS = 20
MAX_CAPTIONS = 200
# An end-of-article marker closes the body only after this much body text: a "Share"
# or "Related" line in the first paragraphs is navigation, not the article's end.
# The seeds' bodies are 5,000-14,000 characters; the shortest news briefs ~500.
MIN_BODY_BEFORE_END_MARKER = 500

# Characters that are not content at either end of a line (U+FEFF: a byte-order mark
# kept at index 0 by decode.py; U+200B: zero-width space left by web editors).
_SPACE = " \t\r\f\v\u00a0\u200b\ufeff"
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|al-[\w'’-]+|el-[\w'’-]+|bin|ibn|van|von|de|da|del|der|la|le|du)"
_NAME = rf"[A-Z][\w'’.-]+(?:\s+{_NAME_WORD}){{1,4}}"
_NAME_ONLY = re.compile(rf"{_NAME}$")
_BIO = re.compile(
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:,\s[^,]{{1,160}},)?"
    r"\s+(?:is|was|are|were|serves\s+as|has\s+been)\s+(?P<rest>.+)"
)
_ORGANISATION = re.compile(r"\bat\s+(?P<org>(?:[Tt]he\s+)?[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|for|on|and|the|in)){0,8})")
_ORG_LINKS = {"of", "for", "on", "and", "the", "in", "&"}
_LINK_DECORATION = re.compile(r"\\?\([^)]*\\?\)|[\[\]]")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_SENTENCE_END = re.compile(r"[.,;:][\"'”’)]*$")


def _whole_line(patterns: list[str]) -> re.Pattern:
    return re.compile(r"(?:%s)\s*:?" % "|".join(f"(?:{p})" for p in patterns), re.I)


def _any_line(patterns: list[str]) -> re.Pattern:
    # Anchored on a literal newline (not `^` with re.M) so the regex engine can skip
    # ahead to the next line break instead of trying every position: 10x faster.
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"\n[{_SPACE}]*(?:{alternatives})[{_SPACE}]*:?[{_SPACE}]*(?=\n|\Z)", re.I)


def _search_lines(pattern: re.Pattern, text: str, start: int, end: int) -> Iterator[re.Match]:
    """Matches of an `_any_line` pattern for lines starting in [start, end).

    Starts one character early so a line beginning exactly at `start` has its newline.
    (A line at index 0 has none; callers only search from the body's first line on,
    which is prose by construction.)
    """
    return pattern.finditer(text, max(0, start - 1), end)


class ChromeRules:
    """The line patterns of `data/ingest/chrome.yaml`, compiled once."""

    KEYS = ("end_of_article", "author_box", "kind_labels", "link_residue", "inline_chrome", "series_numbers",
            "ornaments", "copyright", "footnotes", "caption_credits", "caption_prefixes", "byline_prefixes",
            "author_roles", "publisher_roles", "outlet_words")

    def __init__(self) -> None:
        rules = load_rules("chrome", self.KEYS)
        self.version: str = rules["version"]
        self.end_of_article = _whole_line(rules["end_of_article"])
        self.author_box = _whole_line(rules["author_box"])
        self.kind_label = _whole_line(rules["kind_labels"])
        self.link_residue = _whole_line(rules["link_residue"])
        self.inline = _whole_line(rules["inline_chrome"] + rules["caption_prefixes"])
        self.series_number = _whole_line(rules["series_numbers"])
        self.ornament = re.compile("|".join(rules["ornaments"]))
        self.copyright = re.compile("|".join(rules["copyright"]), re.I)
        self.footnote = _whole_line(rules["footnotes"])
        self.caption_prefix = _whole_line(rules["caption_prefixes"])
        credits = "|".join(f"(?:{c})" for c in rules["caption_credits"])
        # A credit in brackets at the end of a line: "(Reuters)", "(AP Photo/Vahid Salemi)".
        self.caption_credit = re.compile(rf"\(\s*(?:{credits})(?:\s*/[^()\n]{{0,60}})?\s*\)[ \t\r]*$", re.I | re.M)
        self.byline_line = re.compile(r"(?:%s)\s+(?P<names>.+)" % "|".join(rules["byline_prefixes"]), re.I)
        self.author_role = re.compile(r"\b(?:%s)" % "|".join(rules["author_roles"]), re.I)
        self.publisher_role = re.compile(r"\b(?:%s)" % "|".join(rules["publisher_roles"]), re.I)
        self.outlet = re.compile(r"(?:%s)" % "|".join(rules["outlet_words"]), re.I)
        # One regex pass over a long body finds these lines (a Python loop over the
        # lines of a 100 MB file would take most of the ingest time).
        self.inline_lines = _any_line(rules["inline_chrome"] + rules["caption_prefixes"] + rules["link_residue"])
        self.end_lines = _any_line(rules["end_of_article"])

    def is_chrome(self, line: str) -> bool:
        """Furniture that may stand anywhere outside the body's prose."""
        return any(p.fullmatch(line) for p in (self.kind_label, self.link_residue, self.inline, self.series_number,
                                                self.ornament))

    def byline(self, line: str) -> tuple[list[str], str | None]:
        """(authors, outlet) of a byline ("By Jane Roe and John Doe, The Daily Example")."""
        match = self.byline_line.fullmatch(line)
        if not match:
            return [], None
        cleaned = _LINK_DECORATION.sub(" ", match.group("names"))
        parts = [p.strip(_SPACE + ".") for p in _NAME_SEPARATORS.split(cleaned)]
        outlets = [p for p in parts if self.outlet_name(p)]
        names = [p for p in parts if _NAME_ONLY.match(p) and not self.author_role.search(p) and p not in outlets]
        if not (parts and names and parts[0] in names):
            return [], None
        return names, outlets[0] if outlets else None

    def outlet_name(self, line: str) -> bool:
        """A short capitalised name whose last word names a kind of outlet ("Evening Post")."""
        words = line.split()
        return (0 < len(words) <= OUTLET_MAX_WORDS and all(w[0].isupper() or w.lower() in _ORG_LINKS for w in words)
                and self.outlet.fullmatch(words[-1]) is not None)

    def author_note(self, line: str) -> tuple[list[str], str | None] | None:
        """(names, organisation) of a note like "Jane Roe is a fellow at the X Institute."."""
        if len(line) > BIO_MAX_CHARS:
            return None
        match = _BIO.match(line)
        if not match or not self.author_role.search(match.group("rest")):
            return None
        names = [n for n in _NAME_SEPARATORS.split(match.group("names")) if _NAME_ONLY.match(n)]
        organisation = None
        if self.publisher_role.search(match.group("rest")):
            found = _ORGANISATION.search(match.group("rest"))
            organisation = _trim_organisation(found.group("org")) if found else None
        return names, organisation

    def copyright_owner(self, line: str) -> str | None:
        match = self.copyright.fullmatch(line)
        owner = match.group("owner").strip(_SPACE + ".,") if match and match.group("owner") else None
        return owner or None


@lru_cache(maxsize=1)
def chrome_rules() -> ChromeRules:
    return ChromeRules()


@dataclass
class _Found:
    """What the head and tail passes learn besides the body's ends."""

    title: Span | None = None
    byline_authors: list[str] = field(default_factory=list)
    note_authors: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    dates: list[TextDate] = field(default_factory=list)

    def add_note(self, note: tuple[list[str], str | None]) -> None:
        names, organisation = note
        self.note_authors.extend(names)
        if organisation:
            self.organisations.append(organisation)


def analyse_plain_text(text: str) -> Layout:
    """Find the body span and the metadata lines of a plain text. Never rewrites it."""
    rules = chrome_rules()
    found = _Found()
    captions = caption_lines(text, rules)
    body_start = _read_head(text, rules, captions, found)
    if body_start is None:
        start, end = _trim(text, 0, len(text))
        return Layout(start, end)
    body_end = _read_tail(text, body_start, rules, captions, found)
    excluded = _inline_chrome(text, body_start, body_end, rules, captions)
    return _layout(text, body_start, body_end, excluded, found)


def _layout(text: str, body_start: int, body_end: int, excluded: list[Span], found: _Found) -> Layout:
    layout = Layout(body_start, body_end, body_excluded=excluded)
    if found.title:
        layout.title, layout.title_span = found.title.text(text), found.title
    layout.authors = _unique(found.byline_authors or found.note_authors)
    publishers = found.outlets + found.organisations
    layout.publisher = publishers[0] if publishers else None
    publication = next((d for d in found.dates if not d.revision), None)
    if publication:
        layout.published = publication.value
        layout.published_basis = BASIS_EXPLICIT
        layout.published_span = Span(publication.start, publication.end)
    return layout


# --- lines -------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding blanks."""
    while start < end and text[start] in _SPACE + "\n":
        start += 1
    while end > start and text[end - 1] in _SPACE + "\n":
        end -= 1
    return start, end


def _lines_forward(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's content from `start`, blanks trimmed."""
    while start <= len(text):
        newline = text.find("\n", start)
        stop = len(text) if newline < 0 else newline
        yield _trim(text, start, stop)
        if newline < 0:
            return
        start = newline + 1


def _lines_backward(text: str, stop: int, floor: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's content ending before `stop`, back to `floor`."""
    while stop > floor:
        newline = text.rfind("\n", floor, stop)
        start = floor if newline < 0 else newline + 1
        yield _trim(text, start, stop)
        stop = newline if newline >= 0 else floor


# --- captions ----------------------------------------------------------------------


def caption_lines(text: str, rules: ChromeRules | None = None) -> set[tuple[int, int]]:
    """Spans of photo-caption lines: credited ones and their uncredited repeats."""
    rules = rules or chrome_rules()
    spans: set[tuple[int, int]] = set()
    cores: set[str] = set()
    for credit in rules.caption_credit.finditer(text):
        start, end = _trim(text, text.rfind("\n", 0, credit.start()) + 1, credit.end())
        if end - start > CAPTION_MAX_CHARS:
            continue
        spans.add((start, end))
        core = text[start : credit.start()].rstrip(_SPACE + ".,;:-—")
        if len(core) >= CAPTION_MIN_CORE_CHARS:
            cores.add(core)
        if len(spans) >= MAX_CAPTIONS:
            break
    for core in sorted(cores):
        spans.update(_repeats(text, core))
    return spans


def _repeats(text: str, core: str) -> Iterator[tuple[int, int]]:
    """Lines that consist of `core` (plus closing punctuation)."""
    position = text.find(core)
    while position >= 0:
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        before, after = text[start:position], text[position + len(core) : end]
        if not before.strip(_SPACE) and not after.strip(_SPACE + ".,;:"):
            yield _trim(text, start, end)
        position = text.find(core, position + len(core))


# --- head --------------------------------------------------------------------------


def _read_head(text: str, rules: ChromeRules, captions: set[tuple[int, int]], found: _Found) -> int | None:
    """Where the body starts; records title, bylines, dateline and notes on the way."""
    seen, box_lines, in_box, dek_taken = 0, 0, False, False
    for start, end in _lines_forward(text):
        if start == end:
            continue
        seen += 1
        if seen > HEAD_MAX_LINES:
            return None
        line = text[start:end]
        if in_box and box_lines < AUTHOR_BOX_MAX_LINES and _is_author_box_line(line, rules, found):
            box_lines += 1
            continue
        in_box = False
        if (start, end) in captions:
            continue
        if rules.author_box.fullmatch(line):
            in_box, box_lines = True, 0
            continue
        if _is_head_metadata(text, start, end, rules, found) or rules.is_chrome(line):
            continue
        if rules.end_of_article.fullmatch(line):
            continue  # navigation ("Share", "Topics") above the article
        if _looks_like_title(line):
            if found.title is None:
                found.title = _title_span(text, start, end)
                continue
            if not dek_taken:
                dek_taken = True  # a second headline-like line: a subtitle, not prose
                continue
        return start
    return None


def _is_author_box_line(line: str, rules: ChromeRules, found: _Found) -> bool:
    note = rules.author_note(line)
    if note:
        found.add_note(note)
        return True
    if rules.link_residue.fullmatch(line):
        return True
    return len(line) <= AUTHOR_BOX_SHORT_LINE and not rules.kind_label.fullmatch(line) and not _looks_like_title(line)


def _is_head_metadata(text: str, start: int, end: int, rules: ChromeRules, found: _Found) -> bool:
    """A dateline, byline or author note in the head; records what it says."""
    line = text[start:end]
    lead = lead_dateline(text, start, end)
    if lead and _SENTENCE_END.search(line):
        found.dates.append(lead)
        return False  # the dateline opens the first paragraph: the line is body
    date = dateline(text, start, end) if end - start <= DATELINE_MAX_CHARS else None
    if date:
        found.dates.append(date)
    names, outlet = rules.byline(_first_segment(line))
    if names:
        found.byline_authors.extend(names)
    if outlet is None and not (date or names) and rules.outlet_name(line):
        outlet = line
    if outlet:
        found.outlets.append(outlet)
    note = None if (date or names or outlet) else rules.author_note(line)
    if note:
        found.add_note(note)
    return bool(date or names or outlet or note)


def _first_segment(line: str) -> str:
    return re.split(r"\s[|·•]\s", line, maxsplit=1)[0]


def _looks_like_title(line: str) -> bool:
    line = _MARKDOWN_HEADING.sub("", line, count=1)
    if not 0 < len(line) <= TITLE_MAX_CHARS or len(line.split()) < TITLE_MIN_WORDS:
        return False
    return not _SENTENCE_END.search(line) and not line[0].islower()


def _title_span(text: str, start: int, end: int) -> Span:
    heading = _MARKDOWN_HEADING.match(text, start, end)
    return Span(heading.end() if heading else start, end)


# --- tail --------------------------------------------------------------------------


def _read_tail(text: str, body_start: int, rules: ChromeRules, captions: set[tuple[int, int]], found: _Found) -> int:
    """Where the body ends: before the end-of-article furniture and trailing notes."""
    cut = _end_marker(text, body_start, rules)
    for start, end in _lines_backward(text, cut, body_start):
        if start == end:
            continue
        if not _is_tail_chrome(text, start, end, rules, captions, found):
            return end
    return _trim(text, body_start, cut)[1]


def _end_marker(text: str, body_start: int, rules: ChromeRules) -> int:
    marker = next(_search_lines(rules.end_lines, text, body_start + MIN_BODY_BEFORE_END_MARKER, len(text)), None)
    return _trim(text, marker.start(), marker.end())[0] if marker else len(text)


def _is_tail_chrome(text: str, start: int, end: int, rules: ChromeRules, captions: set[tuple[int, int]],
                    found: _Found) -> bool:
    line = text[start:end]
    if (start, end) in captions or rules.is_chrome(line) or rules.footnote.fullmatch(line):
        return True
    if rules.end_of_article.fullmatch(line):
        return True
    note = rules.author_note(line)
    if note:
        found.add_note(note)
        return True
    owner = rules.copyright_owner(line)
    if owner:
        found.organisations.append(owner)
        return True
    date = dateline(text, start, end) if end - start <= DATELINE_MAX_CHARS else None
    if date and _is_prefixed(line, date, start):
        found.dates.append(date)
        return True
    return False


def _is_prefixed(line: str, date: TextDate, line_start: int) -> bool:
    """A tail date counts only when words say what it is ("Published on ...")."""
    return bool(line[: date.start - line_start].strip(_SPACE + ",:|·•—–-"))


# --- inside the body ---------------------------------------------------------------


def _inline_chrome(text: str, body_start: int, body_end: int, rules: ChromeRules,
                   captions: set[tuple[int, int]]) -> list[Span]:
    spans = {span for span in captions if body_start <= span[0] and span[1] <= body_end}
    for match in _search_lines(rules.inline_lines, text, body_start, body_end):
        start, end = _trim(text, match.start(), match.end())
        if start < end:
            spans.add((start, end))
    return [Span(s, e) for s, e in sorted(spans)]


def _trim_organisation(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in {"of", "for", "on", "and", "the", "in"}:
        words.pop()
    if words and words[-1].endswith(".") and words[-1].count(".") == 1:
        words[-1] = words[-1][:-1]  # the sentence's full stop, not an abbreviation's ("D.C.")
    return " ".join(words)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return list(seen)
