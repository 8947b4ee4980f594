"""The cue lexicon and filters, loaded from a versioned data file and validated on load.

The rule set lives in `stancetrace/data/attribution/cues.v5.yaml` (v1, v3 and v4 kept for
comparison); its `version` is stored in `Attribution.rules` of every record, so a stored
row says which rules made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError, Errors

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "attribution"
DEFAULT_RULES = DATA_DIR / "cues.v5.yaml"

FRAMES = ("that", "to", "np", "name", "whether")
FILTER_KEYS = ("author_subjects", "hypothetical_aux", "conditional_marks", "title_cues", "mental_verbs",
               "naming_participles", "empty_subjects")


@dataclass(frozen=True)
class Cue:
    lemma: str  # the verb's lemma
    particle: str | None  # "against" in "rail against", "home" in "hammer home"
    frames: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    version: str
    verbs: dict[str, tuple[Cue, ...]]  # lemma -> its cues (with or without particle)
    nouns: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]  # lower-cased word sequences
    author_subjects: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    title_cues: frozenset[str]
    mental_verbs: frozenset[str] = frozenset()  # cues of a state of mind: quotes only, no indirect
    naming_participles: frozenset[str] = frozenset()  # "a show called ...": naming, not reporting
    empty_subjects: frozenset[str] = frozenset()  # "nothing suggests ...": no one reports
    # Colon introductions: verbs whose object is the speaker ("His website quoted him:"),
    # and verbs whose subject speaks the words after the colon even in a relative clause
    # ("The formula echoes one the leader used:").
    object_speaker_verbs: frozenset[str] = frozenset()
    colon_speaker_verbs: frozenset[str] = frozenset()
    # Words naming a share of a poll's respondents ("56 percent", "a majority of voters"):
    # a state of mind such a subject holds was given as an answer, so it is reported.
    poll_shares: frozenset[str] = frozenset()
    # Report nouns whose prepositional object is the content ("calls for a ban": call ->
    # {for}), and verbs whose subject owns such a noun as their object ("raised questions").
    noun_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    producing_verbs: frozenset[str] = frozenset()
    # Prepositions whose object, when it is one of these nouns, is a source for the rest of
    # the sentence, as "according to X" is ("In the latest CBS poll, Clinton led by 5").
    source_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    # "He's said he'll fight": forms of a contracted "has" the parse reads as a passive "is",
    # and subjects that name no one ("It's said that ...").
    contracted_has: frozenset[str] = frozenset()
    expletive_subjects: frozenset[str] = frozenset()

    def cue_for(self, lemma: str, child_words: set[str]) -> Cue | None:
        """The cue for a verb lemma, given the lower-cased words of its children."""
        best = None
        for cue in self.verbs.get(lemma, ()):
            if cue.particle is None:
                best = best or cue
            elif cue.particle in child_words:
                return cue
        return best


def rules_error(path: Path, detail: str) -> ConfigError:
    return ConfigError(Errors.E300.format(path=path, detail=detail))


def read_rules_file(path: Path) -> object:
    """The parsed YAML of an attribution rule file; E300 naming the file when unreadable."""
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise rules_error(path, str(exc)) from exc


def rules_version(data: object, path: Path, family: str) -> str:
    """The version of a rule file whose top is a mapping and whose version names `family`
    ("cues", "quotes", "speakers"); E300 naming the file otherwise."""
    if not isinstance(data, dict):
        raise rules_error(path, f"expected a mapping at the top, got {type(data).__name__}")
    version = data.get("version")
    if not isinstance(version, str) or not version.startswith(f"stancetrace.{family}."):
        raise rules_error(path, f"'version' must look like 'stancetrace.{family}.v1', got {version!r}")
    return version


def word_set(path: Path, data: dict, key: str) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise rules_error(path, f"'{key}' must be a list of non-empty strings")
    return frozenset(v.lower() for v in value)


def parse_lexicon(data: object, path: Path = DEFAULT_RULES) -> Lexicon:
    """Validate the loaded YAML mapping and build a Lexicon."""
    version = rules_version(data, path, "cues")
    verbs_raw = data.get("verbs")
    if not isinstance(verbs_raw, dict) or not verbs_raw:
        raise rules_error(path, "'verbs' must be a non-empty mapping of lemma -> frames")
    verbs: dict[str, list[Cue]] = {}
    for key, frames in verbs_raw.items():
        if not isinstance(key, str) or not key.strip():
            raise rules_error(path, f"cue {key!r} is not a word")
        if not isinstance(frames, list):
            raise rules_error(path, f"frames of cue '{key}' must be a list, got {frames!r}")
        for frame in frames:
            if frame not in FRAMES:
                raise ConfigError(Errors.E301.format(path=path, frame=frame, cue=key, expected=", ".join(FRAMES)))
        parts = key.lower().split()
        if len(parts) > 2:
            raise rules_error(path, f"cue '{key}' has more than one particle")
        cue = Cue(parts[0], parts[1] if len(parts) == 2 else None, frozenset(frames))
        verbs.setdefault(cue.lemma, []).append(cue)
    phrases = data.get("source_phrases", [])
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise rules_error(path, "'source_phrases' must be a list of phrases")
    filters = data.get("filters", {})
    if not isinstance(filters, dict):
        raise rules_error(path, "'filters' must be a mapping")
    unknown = set(filters) - set(FILTER_KEYS)
    if unknown:
        raise rules_error(path, f"unknown filter {sorted(unknown)}, expected one of {', '.join(FILTER_KEYS)}")
    return Lexicon(
        version=version,
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns=word_set(path, data, "nouns"),
        object_speaker_verbs=word_set(path, data.get("colon", {}), "object_speakers"),
        colon_speaker_verbs=word_set(path, data.get("colon", {}), "subject_speakers"),
        source_phrases=tuple(tuple(p.lower().split()) for p in phrases),
        poll_shares=word_set(path, data, "poll_shares"),
        noun_objects=_word_map(path, data, "noun_objects"),
        source_objects=_word_map(path, data, "source_objects"),
        contracted_has=word_set(path, data, "contracted_has"),
        expletive_subjects=word_set(path, data, "expletive_subjects"),
        producing_verbs=word_set(path, data, "producing_verbs"),
        **{key: word_set(path, filters, key) for key in FILTER_KEYS},
    )


def _word_map(path: Path, data: dict, key: str) -> dict[str, frozenset[str]]:
    """A mapping of word -> list of words ("noun_objects": noun -> prepositions,
    "source_objects": preposition -> nouns)."""
    raw = data.get(key, {})
    if not isinstance(raw, dict):
        raise rules_error(path, f"'{key}' must be a mapping of word -> list of words")
    out = {}
    for word in raw:
        if not isinstance(word, str) or not word.strip():
            raise rules_error(path, f"{key} key {word!r} is not a word")
        out[word.lower()] = word_set(path, raw, word)
    return out


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path = DEFAULT_RULES) -> Lexicon:
    path = Path(path)
    return parse_lexicon(read_rules_file(path), path)
