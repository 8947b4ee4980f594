"""The temporal vocabulary (month and weekday names, relative phrases, false friends),
loaded from `data/time/vocabulary.yml` and validated on load.

A malformed file raises `ConfigError` naming the file, the key and what was expected,
so a bad edit fails at start-up rather than dating statements wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, Errors

VOCABULARY_PATH = Path(__file__).resolve().parent.parent / "data" / "time" / "vocabulary.yml"
VOCABULARY_VERSION = "stancetrace.time.v1"
UNITS = ("day", "week", "weekend", "month", "year")



@dataclass(frozen=True)
class Vocabulary:
    """Validated vocabulary; every name list is as written in the data file."""

    version: str
    months: dict[str, list[str]]
    weekdays: list[str]
    month_prepositions: dict[str, list[str]]
    year_prepositions: dict[str, list[str]]
    seasons: dict[str, tuple[int, int]]
    relative_days: dict[str, int]
    relative_periods: dict[str, tuple[str, int]]
    duration_determiners: list[str]
    chained_fixed: dict[str, tuple[str, int]]
    chained_directions: dict[str, int]
    units: list[str]
    numbers: dict[str, int]
    vague_numbers: dict[str, tuple[int, int]]
    anaphora: list[str]
    subject_pronouns: list[str]
    habitual_adverbs: list[str]
    pluperfect_auxiliaries: list[str]
    not_present_tense: list[str]
    false_friends: list[str]
    abbreviations: list[str]

    def month_number(self, name: str) -> int:
        """1-12 for a full name or abbreviation (with or without its period)."""
        key = name.rstrip(".").lower()
        for number, (full, abbreviations) in enumerate(self.months.items(), start=1):
            if key == full.lower() or key in (a.lower() for a in abbreviations):
                return number
        raise KeyError(name)


def _fail(path: Path, key: str, detail: str) -> ConfigError:
    return ConfigError(Errors.E050.format(path=path, key=key, detail=detail))


def _strings(raw: Any, path: Path, key: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
        raise _fail(path, key, f"must be a list of non-empty strings, got {raw!r}")
    return list(raw)


def _ints(raw: Any, path: Path, key: str) -> dict[str, int]:
    if not isinstance(raw, dict) or not all(isinstance(v, int) for v in raw.values()):
        raise _fail(path, key, f"must map phrases to integers, got {raw!r}")
    return {str(k): v for k, v in raw.items()}


def _pairs(raw: Any, path: Path, key: str, first: type) -> dict[str, tuple]:
    if not isinstance(raw, dict):
        raise _fail(path, key, f"must be a mapping, got {type(raw).__name__}")
    pairs = {}
    for phrase, value in raw.items():
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], first)
                and isinstance(value[1], int)):
            raise _fail(path, f"{key}.{phrase}", f"must be [{first.__name__}, int], got {value!r}")
        if first is str and value[0] not in UNITS:
            raise _fail(path, f"{key}.{phrase}", f"unit '{value[0]}', expected one of {', '.join(UNITS)}")
        pairs[str(phrase)] = (value[0], value[1])
    return pairs


def _months(raw: Any, path: Path) -> dict[str, list[str]]:
    if not isinstance(raw, dict) or len(raw) != 12:
        raise _fail(path, "months", "must map the 12 month names to their abbreviations")
    return {str(name): _strings(abbr or [], path, f"months.{name}") if abbr else [] for name, abbr in raw.items()}


def _groups(raw: Any, path: Path, key: str, required: tuple[str, ...]) -> dict[str, list[str]]:
    if not isinstance(raw, dict) or set(raw) != set(required):
        raise _fail(path, key, f"must have exactly the keys {', '.join(required)}")
    return {name: _strings(raw[name], path, f"{key}.{name}") for name in required}


def _seasons(raw: Any, path: Path) -> dict[str, tuple[int, int]]:
    seasons = {}
    for name, months in (raw or {}).items():
        if not (isinstance(months, list) and len(months) == 2 and all(isinstance(m, int) and 1 <= m <= 12 for m in months)):
            raise _fail(path, f"seasons.{name}", f"must be [first month, last month] in 1-12, got {months!r}")
        seasons[str(name)] = (months[0], months[1])
    return seasons


def parse_vocabulary(raw: Any, path: Path = VOCABULARY_PATH) -> Vocabulary:
    """Validate a loaded YAML mapping and build the Vocabulary."""
    if not isinstance(raw, dict):
        raise _fail(path, "(top level)", "must be a mapping")
    if raw.get("version") != VOCABULARY_VERSION:
        raise _fail(path, "version", f"is {raw.get('version')!r}, expected {VOCABULARY_VERSION!r}")
    weekdays = _strings(raw.get("weekdays"), path, "weekdays")
    if len(weekdays) != 7:
        raise _fail(path, "weekdays", f"must list 7 days from Monday, got {len(weekdays)}")
    vague = {}
    for phrase, bounds in (raw.get("vague_numbers") or {}).items():
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, int) for b in bounds)):
            raise _fail(path, f"vague_numbers.{phrase}", f"must be [least, most], got {bounds!r}")
        vague[str(phrase)] = (bounds[0], bounds[1])
    return Vocabulary(
        version=raw["version"],
        months=_months(raw.get("months"), path),
        weekdays=weekdays,
        month_prepositions=_groups(raw.get("month_prepositions"), path, "month_prepositions",
                                   ("explicit", "boundary", "relative_past", "current", "future")),
        year_prepositions=_groups(raw.get("year_prepositions"), path, "year_prepositions", ("explicit", "boundary")),
        seasons=_seasons(raw.get("seasons"), path),
        relative_days=_ints(raw.get("relative_days"), path, "relative_days"),
        relative_periods=_pairs(raw.get("relative_periods"), path, "relative_periods", str),
        duration_determiners=_strings(raw.get("duration_determiners"), path, "duration_determiners"),
        chained_fixed=_pairs(raw.get("chained_fixed"), path, "chained_fixed", str),
        chained_directions=_ints(raw.get("chained_directions"), path, "chained_directions"),
        units=_strings(raw.get("units"), path, "units"),
        numbers=_ints(raw.get("numbers"), path, "numbers"),
        vague_numbers=vague,
        anaphora=_strings(raw.get("anaphora"), path, "anaphora"),
        subject_pronouns=_strings(raw.get("subject_pronouns"), path, "subject_pronouns"),
        habitual_adverbs=_strings(raw.get("habitual_adverbs"), path, "habitual_adverbs"),
        pluperfect_auxiliaries=_strings(raw.get("pluperfect_auxiliaries"), path, "pluperfect_auxiliaries"),
        not_present_tense=_strings(raw.get("not_present_tense"), path, "not_present_tense"),
        false_friends=_strings(raw.get("false_friends"), path, "false_friends"),
        abbreviations=_strings(raw.get("abbreviations"), path, "abbreviations"),
    )


def read_vocabulary(path: Path) -> Vocabulary:
    """Load and validate a vocabulary file (a ConfigError when it is unreadable or wrong)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(path, "(file)", f"cannot be read: {exc}") from None
    return parse_vocabulary(raw, path)


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    return read_vocabulary(VOCABULARY_PATH)
