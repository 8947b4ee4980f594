"""Name normalisation: the keys under which names and aliases are indexed.

Two keys per name. The *plain* key folds case, accents, apostrophes and hyphens
("Khamene'i" -> "khamenei"). The *sound* key also folds the usual variation of Persian
names written in Latin letters, so spellings nobody listed still meet: zh/j
(Ahmadinezhad), q/gh (Qalibaf), ou/ow/u/o (Rouhani, Rowhani, Ruhani), and drops the
inner vowels altogether, since transliterations disagree most about vowels. The sound
key is only used when the plain key finds nothing, and with a lower confidence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`ʼʻ"
_SEPARATORS = re.compile(r"[\s\-_.]+")
# Ordered: digraphs first so "kh" does not become "k" + "h" in later rules.
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    ("zh", "j"), ("dj", "j"), ("ph", "f"), ("q", "gh"), ("ck", "k"), ("w", "u"), ("y", "i"),
)
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def plain_key(name: str) -> str:
    """Lower case, no accents, no apostrophes; words joined by single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate({ord(ch): None for ch in _APOSTROPHES})
    return _SEPARATORS.sub(" ", stripped.lower()).strip()


@lru_cache(maxsize=65536)
def sound_key(name: str) -> str:
    """A spelling-tolerant key: consonant skeleton of each word, first letter kept."""
    words = []
    for word in plain_key(name).split():
        for old, new in _SOUND_RULES:
            word = word.replace(old, new)
        skeleton = word[0] + _VOWELS.sub("", word[1:]) if word else word
        words.append(_DOUBLE.sub(r"\1", skeleton))
    return " ".join(words)


def strip_honorifics(key: str, honorifics: frozenset[str], longest: int) -> str:
    """Remove leading honorifics and ranks from a plain key ("ayatollah ali khamenei")."""
    words = key.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in range(min(longest, len(words) - 1), 0, -1):
            if " ".join(words[:size]) in honorifics:
                words = words[size:]
                changed = True
                break
    return " ".join(words)


def surname(name: str) -> str:
    """The last word of a plain key: what articles use on second mention."""
    words = plain_key(name).split()
    return words[-1] if words else ""
