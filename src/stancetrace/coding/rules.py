"""The coding rule sets (data/coding/*.yaml), validated on load.

Each file carries a version (`stancetrace.events.v3` ...); `Rules.version` joins them and is
stored with every coded record, so a stored row says which rules coded it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors
from .text import Pattern, patterns

EVENTS_VERSION = "stancetrace.events.v3"
POLARITY_VERSION = "stancetrace.polarity.v2"
ISSUES_VERSION = "stancetrace.issues.v2"
# A user's issue file may still say v1: v2 only adds optional keys, so v1 files read unchanged.
ISSUES_ACCEPTED = ("stancetrace.issues.v1", ISSUES_VERSION)
VICS_VERSION = "stancetrace.vics.v1"
ISSUES_ENV = "STANCETRACE_ISSUES"  # a user's own issue file, added to the shipped one
TIERS = (1, 2)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: 10x faster
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "coding"


@dataclass(frozen=True)
class Category:
    name: str
    cameo: str
    goldstein: float
    kind: str  # verbal | material


@dataclass(frozen=True)
class Trigger:
    event: str
    tier: int
    negated: str | None
    on_issue: str | None
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    counterpart: str | None
    topic: tuple[Pattern, ...]
    needs: tuple[Pattern, ...]
    against: tuple[Pattern, ...]
    slogan_words: tuple[str, ...]


@dataclass(frozen=True)
class Polarity:
    negators: frozenset[str]
    window: int
    clause_breaks: frozenset[str]
    conditionals: tuple[Pattern, ...]
    future: tuple[Pattern, ...]
    done: frozenset[str]
    denial_cues: tuple[Pattern, ...]
    slogans: tuple[re.Pattern, ...]
    not_conditionals: tuple[Pattern, ...] = ()
    wide_scope: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Vics:
    categories: dict[str, int]
    self_words: tuple[Pattern, ...]
    other_words: tuple[Pattern, ...]


@dataclass(frozen=True)
class Rules:
    categories: dict[str, Category]
    aliases: dict[str, str]
    verbal: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    polarity: Polarity
    issues: tuple[Issue, ...]
    vics: Vics
    version: str
    neutral_cues: tuple[Pattern, ...] = ()
    cooperative: frozenset[str] = frozenset()
    announce_window: int = 0
    announced: dict[str, str] | None = None  # conflict | cooperation -> event
    outranks: tuple[str, ...] = ()
    not_actors: tuple[str, ...] = ()
    yield_markers: tuple[Pattern, ...] = ()
    not_acts: tuple[Pattern, ...] = ()  # phrases that start no trigger (v3)
    generic_subjects: tuple[Pattern, ...] = ()  # a maxim's subject: its implied acts aim at no one (v3)
    report_verbs: tuple[Pattern, ...] = ()  # a nested report's main verb (v3)

    def canonical(self, event: str | None) -> str | None:
        """The event name we use for `event` (REQUEST -> DEMAND, ACCUSE -> DISAPPROVE ...)."""
        if event is None:
            return None
        name = event.strip().upper()
        return self.aliases.get(name, name)

    def goldstein(self, event: str | None) -> float | None:
        category = self.categories.get(self.canonical(event) or "")
        return category.goldstein if category else None

    @property
    def slogan_words(self) -> frozenset[str]:
        return frozenset(w for i in self.issues for w in i.slogan_words)

    def issue(self, issue_id: str) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)


def _read(name: str, path: Path | None, expected: str | tuple[str, ...]) -> dict:
    where = str(path) if path else f"stancetrace/data/coding/{name}"
    try:
        text = (path or DATA_DIR / name).read_text("utf-8")
        data = yaml.load(text, Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E600.format(path=where, detail=exc)) from exc
    if not isinstance(data, dict):
        raise ConfigError(Errors.E600.format(path=where, detail="expected a mapping at the top"))
    accepted = (expected,) if isinstance(expected, str) else expected
    if data.get("version") not in accepted:
        raise ConfigError(Errors.E601.format(path=where, found=data.get("version"), expected=" or ".join(accepted)))
    data["_where"] = where
    return data


def _need(entry: dict, key: str, where: str, kind: type | tuple):
    if key not in entry:
        raise ConfigError(Errors.E602.format(path=where, field=key, detail="missing"))
    if not isinstance(entry[key], kind):
        raise ConfigError(Errors.E602.format(path=where, field=key, detail=f"got {type(entry[key]).__name__}"))
    return entry[key]


def _categories(data: dict) -> dict[str, Category]:
    out = {}
    for name, entry in _need(data, "categories", data["_where"], dict).items():
        goldstein = _need(entry, "goldstein", f"{data['_where']}: {name}", (int, float))
        kind = _need(entry, "kind", f"{data['_where']}: {name}", str)
        out[name] = Category(name, str(entry.get("cameo", "")), float(goldstein), kind)
    return out


def _triggers(data: dict, categories: dict[str, Category]) -> tuple[Trigger, ...]:
    out = []
    for n, entry in enumerate(_need(data, "triggers", data["_where"], list)):
        where = f"{data['_where']}: trigger {n + 1}"
        event, tier = _need(entry, "event", where, str), _need(entry, "tier", where, int)
        for name in (event, entry.get("negated"), entry.get("on_issue")):
            if name is not None and name not in categories:
                raise ConfigError(Errors.E603.format(path=where, event=name, expected=", ".join(categories)))
        if tier not in TIERS:
            raise ConfigError(Errors.E602.format(path=where, field="tier", detail=f"got {tier}, expected 1 or 2"))
        pats = patterns(_need(entry, "patterns", where, list))
        out.append(Trigger(event, tier, entry.get("negated"), entry.get("on_issue"), pats))
    return tuple(out)


def _polarity(data: dict) -> Polarity:
    where = data["_where"]
    return Polarity(
        negators=frozenset(_need(data, "negators", where, list)),
        window=_need(data, "negation_window", where, int),
        clause_breaks=frozenset(_need(data, "clause_breaks", where, list)),
        conditionals=patterns(_need(data, "conditionals", where, list)),
        future=patterns(_need(data, "future", where, list)),
        done=frozenset(_need(data, "done", where, list)),
        denial_cues=patterns(_need(data, "denial_cues", where, list)),
        slogans=tuple(re.compile(s) for s in _need(data, "slogans", where, list)),
        not_conditionals=patterns(data.get("not_conditionals") or []),
        wide_scope=frozenset(data.get("wide_scope") or []),
    )


def _issues(data: dict) -> list[Issue]:
    out = []
    for entry in _need(data, "issues", data["_where"], list):
        where = f"{data['_where']}: {entry.get('id', '?')}"
        issue_id = _need(entry, "id", where, str)
        if not issue_id.startswith("issue:"):
            raise ConfigError(Errors.E602.format(path=where, field="id", detail="must start with 'issue:'"))
        out.append(Issue(
            id=issue_id, label=entry.get("label", issue_id), counterpart=entry.get("counterpart"),
            topic=patterns(_need(entry, "topic", where, list)), needs=patterns(entry.get("needs") or []),
            against=patterns(entry.get("against") or []), slogan_words=tuple(entry.get("slogan_words") or []),
        ))
    return out


def _vics(data: dict, categories: dict[str, Category]) -> Vics:
    where = data["_where"]
    cats = _need(data, "categories", where, dict)
    for event, value in cats.items():
        if event not in categories or value not in (-3, -2, -1, 1, 2, 3):
            raise ConfigError(Errors.E602.format(path=where, field=event, detail=f"got {value}, expected -3..-1 or 1..3"))
    return Vics(dict(cats), patterns(_need(data, "self_words", where, list)), patterns(_need(data, "other_words", where, list)))


def _merge_issues(shipped: list[Issue], extra: list[Issue]) -> tuple[Issue, ...]:
    by_id = {i.id: i for i in shipped}
    by_id.update({i.id: i for i in extra})
    return tuple(by_id.values())


@lru_cache(maxsize=4)
def load_rules(issues_path: str | None = None) -> Rules:
    """The shipped rule sets plus a user's issue file (argument, else $STANCETRACE_ISSUES)."""
    events = _read("events.v3.yaml", None, EVENTS_VERSION)
    categories = _categories(events)
    issue_data = _read("issues.v2.yaml", None, ISSUES_VERSION)
    issues = _issues(issue_data)
    user = issues_path or os.environ.get(ISSUES_ENV)
    if user:
        issues = _merge_issues(issues, _issues(_read(Path(user).name, Path(user), ISSUES_ACCEPTED)))
    version = "+".join((EVENTS_VERSION, POLARITY_VERSION, ISSUES_VERSION, VICS_VERSION))
    return Rules(
        categories=categories,
        aliases={k: v for k, v in (events.get("aliases") or {}).items()},
        verbal=tuple(events.get("verbal") or ()),
        triggers=_triggers(events, categories),
        polarity=_polarity(_read("polarity.v2.yaml", None, POLARITY_VERSION)),
        issues=tuple(issues),
        vics=_vics(_read("vics.v1.yaml", None, VICS_VERSION), categories),
        version=version,
        neutral_cues=patterns(events.get("neutral_cues") or []),
        cooperative=frozenset(events.get("cooperative") or []),
        announce_window=int(events.get("announce_window") or 0),
        announced=_announced(events, categories),
        outranks=tuple(events.get("outranks") or ()),
        yield_markers=patterns(events.get("yield_markers") or []),
        not_acts=patterns(events.get("not_acts") or []),
        generic_subjects=patterns(events.get("generic_subjects") or []),
        report_verbs=patterns(events.get("report_verbs") or []),
        not_actors=tuple(n.lower() for n in issue_data.get("not_actors") or ()),
    )


def _announced(data: dict, categories: dict[str, Category]) -> dict[str, str]:
    out = dict(data.get("announced") or {})
    for key, event in out.items():
        if key not in ("conflict", "cooperation") or event not in categories:
            raise ConfigError(Errors.E602.format(path=data["_where"], field=f"announced.{key}",
                                                 detail=f"got {event}, expected conflict|cooperation: a category"))
    return out
