"""A fast scan of a text for actor names, with the role title written before each name.

"Iranian President Hassan Rouhani" is one mention: actor hassan-rouhani, role
iran/president, no qualifier. "former president Hassan Rouhani" carries the qualifier
`former`, "president-elect Barack Obama" `elect`, "then-US secretary of state James
Baker" `then`. Role phrases with no name ("the supreme leader") are mentions with a
role and no actor. Names are matched case-sensitively (they are capitalised in prose,
and "US" or "IS" must not match "us" or "is"); role phrases case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Mention
from .names import plain_key

# How far back from a name to look for its title. Long enough for
# "Basij Organization Commander IRGC Brigadier General" (51 characters).
TITLE_LOOKBACK_CHARS = 160
# Longest title, country and honorific phrases, in words.
MAX_TITLE_WORDS = 8
MAX_COUNTRY_WORDS = 3
MAX_HONORIFIC_WORDS = 3
_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”]+|,")
# A parenthesis between title and name ("Council Secretary (EDC) Mohsen Rezaei") is skipped.
_PARENTHESES = re.compile(r"\([^()]{0,40}\)")
# A token ending a sentence: "Palestine." but not "U.S." (a dot inside marks an abbreviation).
_SENTENCE_END = re.compile(r"^[^.]+[.!?]$")


@dataclass
class _Scanner:
    names: re.Pattern
    phrases: re.Pattern
    qualifiers: dict[str, str]
    honorifics: frozenset[str]


def _scanner(kb) -> _Scanner:
    cached = kb.__dict__.get("_scanner")
    if cached is None:
        cached = _build_scanner(kb)
        kb.__dict__["_scanner"] = cached
    return cached


def _build_scanner(kb) -> _Scanner:
    forms: set[str] = set()
    for actor in kb.actors():
        for form in (actor.name, *actor.aliases):
            if len(form) >= 2:
                forms.add(form)
    names = re.compile(r"(?<![\w])" + longest_first(forms) + r"(?![\w-])")
    role_phrases = {p for role in kb.roles.values() for p in role.phrases if " " in p or len(p) > 6}
    phrases = re.compile(r"(?<![\w])" + longest_first(role_phrases, ignore_case=True) + r"(?![\w])", re.IGNORECASE)
    qualifiers = {plain_key(word).strip(): name for name, words in kb.data.qualifiers.items() for word in words}
    qualifiers = {k: v for k, v in qualifiers.items() if k}
    return _Scanner(names, phrases, qualifiers, frozenset(plain_key(h) for h in kb.data.honorifics))


def longest_first(words, ignore_case: bool = False) -> str:
    """A regex group matching the longest of `words` that fits (then the next longest, as the
    rest of the pattern requires): the same matches as the plain alternation of the words
    sorted longest first, written as a trie so that each position is tried once per letter
    rather than once per word (the names alternation tried 500 words at every character).

    Under `ignore_case` letters of different case share a branch, which is exact for ASCII;
    other words keep the plain alternation (a non-ASCII letter may match a sibling branch)."""
    if ignore_case and not all(w.isascii() for w in words):
        return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char.lower() if ignore_case else char, {})
        node[_WORD_END] = {}
    return "(?:" + (_trie_branches(root) or "(?!)") + ")"


_WORD_END = ""  # trie key marking that a word ends at this node


def _trie_branches(node: dict) -> str:
    """The node's continuations, each tried before the word that ends here (longest first)."""
    branches = [re.escape(char) + _trie_branches(child) for char, child in sorted(node.items()) if char != _WORD_END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _WORD_END not in node:
        return body
    return ("(?:" + body + ")" if len(branches) == 1 and len(body) > 1 else body) + "?"


def find_mentions(kb, text: str) -> list[Mention]:
    """Name mentions (with their titles) and bare role phrases, in text order."""
    scanner = _scanner(kb)
    mentions: list[Mention] = []
    for found in scanner.names.finditer(text):
        actor_ids = tuple(sorted(kb.name_key_candidates(_key(found.group()))))
        if not actor_ids:
            continue
        mentions.append(_titled(kb, scanner, text, found.start(), found.end(), actor_ids))
    covered = [(m.start, m.end) for m in mentions]
    for found in scanner.phrases.finditer(text):
        if any(start <= found.start() < end or start < found.end() <= end for start, end in covered):
            continue
        roles = kb.roles_for(found.group())
        if roles:
            mentions.append(Mention(found.start(), found.end(), found.group(), (), None, roles, ""))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _key(form: str) -> str:
    key = plain_key(form)
    return key[4:] if key.startswith("the ") else key


def _titled(kb, scanner: _Scanner, text: str, start: int, end: int, actor_ids: tuple[str, ...]) -> Mention:
    """A name mention, widened to its title when one stands right before it."""
    if not any(_holds_offices(kb, a) for a in actor_ids):
        # A title only ever narrows a name to its holders: with no tenures at all (a state, a
        # party), the mention is the name whatever stands before it; no need to read it.
        return Mention(start, end, text[start:end], actor_ids)
    window_start = max(0, start - TITLE_LOOKBACK_CHARS)
    words = _words(text, window_start, start)
    parsed = _parse_title(kb, scanner, words)
    if parsed is None:
        return Mention(start, end, text[start:end], actor_ids)
    title_start, roles, qualifier = parsed
    held = tuple(r for r in roles if any(kb.actor(a) and kb.actor(a).tenures_of(r) for a in actor_ids))
    if not held:
        return Mention(start, end, text[start:end], actor_ids)
    holders = tuple(a for a in actor_ids if any(kb.actor(a).tenures_of(r) for r in held))
    role = held[0] if len(held) == 1 else None
    return Mention(title_start, end, text[title_start:end], holders, role, held, qualifier)


def _holds_offices(kb, actor_id: str) -> bool:
    actor = kb.actor(actor_id)
    return actor is not None and bool(actor.tenures)


def _words(text: str, lo: int, hi: int) -> list[tuple[str, int]]:
    """Plain-key words of text[lo:hi], each with the offset of the token it came from."""
    words: list[tuple[str, int]] = []
    window = text[lo:hi]
    if "(" in window:
        window = _PARENTHESES.sub(lambda m: " " * len(m.group()), window)
    for token in _TOKEN.finditer(window):
        at = lo + token.start()
        for word in _token_words(token.group()):
            words.append((word, at))
    return words


@lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[str, ...]:
    """The words one token gives `_words`: itself for a comma, else its plain-key words and
    "." when it ends a sentence (once per token string: every name reads the 160 characters
    before it)."""
    if token == ",":
        return (",",)
    words = tuple(plain_key(token).split())
    return words + (".",) if _SENTENCE_END.search(token) else words


def _parse_title(kb, scanner: _Scanner, words: list[tuple[str, int]]):
    """Read backwards: [qualifier] [country] [qualifier] TITLE [-elect] [,] [honorifics] NAME."""
    keys = [w for w, _ in words]
    found = _title_before(kb, scanner, keys, len(keys))
    if found is None:
        return None
    roles, title_at, qualifier = found
    first = title_at
    country = None
    for _ in range(2):  # qualifier and country may come in either order
        if first and scanner.qualifiers.get(keys[first - 1]) in ("former", "then") and not qualifier:
            qualifier, first = scanner.qualifiers[keys[first - 1]], first - 1
            continue
        state, at = _longest_suffix(keys, first, MAX_COUNTRY_WORDS, kb.country_of_key)
        local = tuple(r for r in roles if kb.roles[r].country == state)
        if state and country is None and local:  # a country word that fits no role is not context
            country, first, roles = state, at, local
    return (words[first][1], roles, qualifier) if roles else None


def _title_before(kb, scanner: _Scanner, keys: list[str], end: int):
    """The title ending at `end`, looking past honorifics and ranks and one comma.

    A title is tried before each honorific is dropped, because some words are both
    ("IRGC Commander Major General ...": "commander" ends the title, not a rank).
    """
    comma_seen = False
    while end:
        qualifier, title_end = "", end
        if scanner.qualifiers.get(keys[end - 1]) == "elect":
            qualifier, title_end = "elect", end - 1
        roles, title_at = _longest_suffix(keys, title_end, MAX_TITLE_WORDS, kb.title_roles)
        if roles:
            return roles, title_at, qualifier
        if keys[end - 1] == "," and not comma_seen:
            comma_seen, end = True, end - 1
            continue
        size = _honorific_suffix(keys, end, scanner.honorifics)
        if not size:
            return None
        end -= size
    return None


def _honorific_suffix(keys: list[str], end: int, honorifics: frozenset[str]) -> int:
    for size in range(min(MAX_HONORIFIC_WORDS, end), 0, -1):
        if " ".join(keys[end - size:end]) in honorifics:
            return size
    return 0


def _longest_suffix(keys: list[str], end: int, most: int, lookup):
    for size in range(min(most, end), 0, -1):
        if "," in keys[end - size:end] or "." in keys[end - size:end]:
            continue
        found = lookup(" ".join(keys[end - size:end]))
        if found:
            return found, end - size
    return None, end
