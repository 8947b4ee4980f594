"""The name and role-phrase scanners: a trie pattern that matches as the alternation of
the words sorted longest first does (no KB needed)."""

import re

import pytest

from stancetrace.actors.mentions import longest_first

NAMES = ["Ali", "Ali Khamenei", "Ali Akbar Velayati", "Khamenei", "Pérez de Cuéllar", "U.S.", "US", "Ali-Akbar"]
TEXTS = [
    "Ali Khamenei met Ali Akbar Velayati and Ali.",
    "Ali Khameneis, Ali-Akbar and Ali Khamenei-led forces",  # a longer name cut off: the shorter one fits
    "the U.S. and US-based Pérez de Cuéllar; Pérez de Cuéllarx",
    "",
]


def _alternation(words, flags=0):
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w-])", flags)


@pytest.mark.parametrize("text", TEXTS)
def test_actors_mentions_longest_first_matches_as_the_sorted_alternation(text):
    trie = re.compile(r"(?<![\w])" + longest_first(NAMES) + r"(?![\w-])")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _alternation(NAMES).finditer(text)]


def test_actors_mentions_longest_first_ignores_case_like_the_alternation():
    phrases = ["supreme leader", "Supreme Leader of Iran", "foreign minister", "Foreign Ministry"]
    text = "The SUPREME LEADER of iran and the foreign ministry; the Foreign Minister."
    trie = re.compile(r"(?<![\w])" + longest_first(phrases, ignore_case=True) + r"(?![\w-])", re.I)
    found = [m.group() for m in trie.finditer(text)]
    assert found == [m.group() for m in _alternation(phrases, re.I).finditer(text)]
    assert found == ["SUPREME LEADER of iran", "foreign ministry", "Foreign Minister"]


def test_actors_mentions_longest_first_of_no_words_matches_nothing():
    assert re.compile(longest_first([])).search("anything") is None
