"""Speaker rules loaded from a versioned data file and validated on load.

`stancetrace/data/attribution/speakers.v1.yaml` says which pronouns are resolved (and the
gender each needs), which relation nouns the KB can follow ("his successor"), and which
head nouns name a person ("the 88-year-old leader"), so an unresolved one blocks pronouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..actors.model import RELATION_KINDS
from .lexicon import DATA_DIR, read_rules_file, rules_error, rules_version, word_set

DEFAULT_SPEAKER_RULES = DATA_DIR / "speakers.v1.yaml"
GENDERS = ("m", "f")
# Relations the KB can follow: an office's chain (KnowledgeBase methods) or a family tie
# (KnowledgeBase.relative with that kind).
OFFICE_RELATIONS = ("successor", "predecessor")
FAMILY_RELATIONS = RELATION_KINDS  # the ties the actor KB can list
KB_RELATIONS = OFFICE_RELATIONS + FAMILY_RELATIONS
WORD_LISTS = ("person_nouns", "non_referring", "role_qualifiers")  # in SpeakerRules field order
# Optional word lists, passed to SpeakerRules by name.
GROUP_LISTS = ("group_nouns", "collective_nouns", "group_quantifiers", "report_nouns", "report_preps", "owner_nouns")
POSSESSOR_KINDS = ("person", "group")  # what a possessive pronoun's subject must be


@dataclass(frozen=True)
class SpeakerRules:
    version: str
    pronouns: dict[str, str]  # lower-cased pronoun -> gender it needs
    relations: dict[str, str]  # relation noun lemma -> KB method
    person_nouns: frozenset[str]
    non_referring: frozenset[str] = frozenset()
    role_qualifiers: frozenset[str] = frozenset()
    # Patterns of words dropped from a role phrase like the qualifiers ("the 88-year-old leader").
    role_qualifier_patterns: tuple[re.Pattern, ...] = ()
    group_nouns: frozenset[str] = frozenset()  # plural person nouns a modifier makes a state's voice
    collective_nouns: frozenset[str] = frozenset()  # "administration", "government": any number
    group_quantifiers: frozenset[str] = frozenset()  # "Some in the Trump administration"
    report_nouns: frozenset[str] = frozenset()  # "statements from X": X speaks
    report_preps: frozenset[str] = frozenset()
    owner_nouns: frozenset[str] = frozenset()  # "Obama's video said": the owner speaks
    possessives: dict[str, str] = field(default_factory=dict)  # "his" -> person, "their" -> group

    def qualifies(self, word: str) -> bool:
        """The word only describes the holder of a role ("new", "88-year-old")."""
        word = word.lower()
        return word in self.role_qualifiers or any(p.fullmatch(word) for p in self.role_qualifier_patterns)


def _mapping(path: Path, data: dict, key: str, allowed: tuple[str, ...]) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise rules_error(path, f"'{key}' must be a non-empty mapping")
    for word, target in value.items():
        if not isinstance(word, str) or target not in allowed:
            raise rules_error(path, f"'{key}': {word!r} -> {target!r}, expected one of {', '.join(allowed)}")
    return {w.lower(): t for w, t in value.items()}


def _optional_mapping(path: Path, data: dict, key: str, allowed: tuple[str, ...]) -> dict[str, str]:
    return _mapping(path, data, key, allowed) if key in data else {}


def _patterns(path: Path, data: dict, key: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in word_set(path, data, key))
    except re.error as exc:
        raise rules_error(path, f"'{key}': {exc}") from exc


def parse_speaker_rules(data: object, path: Path = DEFAULT_SPEAKER_RULES) -> SpeakerRules:
    """Validate the loaded YAML mapping and build SpeakerRules."""
    version = rules_version(data, path, "speakers")
    return SpeakerRules(version, _mapping(path, data, "pronouns", GENDERS),
                        _mapping(path, data, "relations", KB_RELATIONS),
                        *(word_set(path, data, key) for key in WORD_LISTS),
                        _patterns(path, data, "role_qualifier_patterns"),
                        **{key: word_set(path, data, key) for key in GROUP_LISTS},
                        possessives=_optional_mapping(path, data, "possessives", POSSESSOR_KINDS))


@lru_cache(maxsize=4)
def load_speaker_rules(path: str | Path = DEFAULT_SPEAKER_RULES) -> SpeakerRules:
    path = Path(path)
    return parse_speaker_rules(read_rules_file(path), path)
