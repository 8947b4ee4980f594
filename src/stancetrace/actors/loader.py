"""Read the actor KB data files (shipped and user), check their shape, build plain values.

Shape errors (a missing id, a date that is not a date) stop loading with a numbered
message naming the file and entry. Cross-entry problems (an unknown role, two holders of
one office on the same day) are left to `validate`, so a user can still load and inspect
a KB while fixing it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors
from .model import ACTOR_KINDS, GENDERS, RELATION_KINDS, Actor, FuzzyDate, Relation, RoleDef, Tenure

DATA_VERSIONS = {
    "actors": "stancetrace.actors.v1",
    "roles": "stancetrace.roles.v1",
    "titles": "stancetrace.titles.v1",
    "events": "stancetrace.events.v1",
}
USER_KB_ENV = "STANCETRACE_ACTORS"


class _YAML_LOADER(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # noqa: N801
    """Safe loader (the C one when present: ten times faster on a Phoenix import) that
    keeps dates as text, so `FuzzyDate.parse` sees "2001-13-45" and reports it by field
    instead of YAML failing on it without saying where."""


_YAML_LOADER.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SHIPPED = "shipped"


@dataclass(frozen=True, slots=True)
class EventDef:
    """A named event; a document mentioning it was written on or after `after`."""

    id: str
    phrases: tuple[str, ...]
    after: date
    source: str


@dataclass
class KBData:
    """Everything the data files say, before indexing."""

    actors: dict[str, Actor] = field(default_factory=dict)
    roles: dict[str, RoleDef] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # "iranian" -> "iran"
    honorifics: tuple[str, ...] = ()
    qualifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    events: tuple[EventDef, ...] = ()
    files: tuple[str, ...] = ()


def shipped_dir() -> Path:
    return Path(str(resources.files("stancetrace") / "data" / "actors"))


def user_kb_path() -> tuple[Path | None, str]:
    """Where the user KB lives: $STANCETRACE_ACTORS, else the XDG data folder if present."""
    if os.environ.get(USER_KB_ENV):
        return Path(os.environ[USER_KB_ENV]).expanduser(), USER_KB_ENV
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    default = base / "stancetrace" / "actors"
    return (default if default.exists() else None), "default location"


def load_data(extra: list[Path] | None = None, *, include_user: bool = True) -> KBData:
    """Load the shipped files, then the user KB, then `extra` files or folders."""
    data = KBData()
    files = [(path, SHIPPED) for path in sorted(shipped_dir().glob("*.yaml"))]
    user_paths: list[Path] = list(extra or [])
    if include_user:
        found, origin = user_kb_path()
        if found is not None:
            if not found.exists():
                raise ConfigError(Errors.E210.format(path=found, origin=origin))
            user_paths.insert(0, found)
    for path in user_paths:
        for file in _yaml_files(path):
            files.append((file, str(file)))
    for file, origin in files:
        _load_file(data, file, origin)
    data.files = tuple(str(file) for file, _ in files)
    return data


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    if not path.exists():
        raise ConfigError(Errors.E200.format(path=path, detail="no such file or folder"))
    return [path]


def _read_yaml(path: Path) -> dict:
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E200.format(path=path, detail=exc)) from exc
    if not isinstance(loaded, dict):
        raise ConfigError(Errors.E200.format(path=path, detail="expected a mapping at the top"))
    return loaded


def _load_file(data: KBData, path: Path, origin: str) -> None:
    raw = _read_yaml(path)
    version = raw.get("version")
    kind = next((k for k, v in DATA_VERSIONS.items() if v == version), None)
    if kind is None:
        raise ConfigError(Errors.E209.format(path=path, found=version, expected=sorted(DATA_VERSIONS.values())))
    reader = {"actors": _load_actors, "roles": _load_roles, "titles": _load_titles, "events": _load_events}[kind]
    reader(data, raw, path, origin)


# ---- actors -------------------------------------------------------------------------

def _load_actors(data: KBData, raw: dict, path: Path, origin: str) -> None:
    sources = {str(k): str(v) for k, v in (raw.get("sources") or {}).items()}
    for index, entry in enumerate(raw.get("actors") or []):
        where = f"actor #{index + 1}"
        if not isinstance(entry, dict):
            raise ConfigError(Errors.E202.format(path=path, where=where, field="actors", detail="not a mapping"))
        actor = _actor(entry, sources, path, f"{where} ({entry.get('id', '?')})", origin)
        for adjective in entry.get("adjectives") or []:
            data.adjectives.setdefault(str(adjective).lower(), actor.id)
        _add_actor(data, actor, path, origin)


def _add_actor(data: KBData, actor: Actor, path: Path, origin: str) -> None:
    existing = data.actors.get(actor.id)
    if existing is None:
        data.actors[actor.id] = actor
    elif origin == SHIPPED or existing.origin == origin:
        raise ConfigError(Errors.E203.format(path=path, id=actor.id, first=existing.origin))
    else:
        data.actors[actor.id] = _merge_user(existing, actor)


def _merge_user(curated: Actor, user: Actor) -> Actor:
    """Curated fields win; the user adds aliases and tenures of roles the curated entry lacks."""
    known_roles = {tenure.role for tenure in curated.tenures}
    aliases = curated.aliases + tuple(a for a in user.aliases if a not in curated.aliases)
    tenures = curated.tenures + tuple(t for t in user.tenures if t.role not in known_roles)
    relations = curated.relations + tuple(r for r in user.relations if r not in curated.relations)
    return Actor(curated.id, curated.name, curated.kind, curated.gender or user.gender,
                 curated.country or user.country, aliases, tenures, curated.born or user.born,
                 curated.died or user.died, curated.source, curated.origin, relations)


def _actor(entry: dict, sources: dict, path: Path, where: str, origin: str) -> Actor:
    for name in ("id", "name", "kind"):
        if not entry.get(name):
            raise ConfigError(Errors.E201.format(path=path, where=where, field=name))
    actor_id = str(entry["id"])
    _check_choice(entry, "kind", ACTOR_KINDS, path, where)
    if entry.get("gender") is not None:
        _check_choice(entry, "gender", GENDERS, path, where)
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        raise ConfigError(Errors.E202.format(path=path, where=where, field="aliases", detail="expected a list"))
    tenures = tuple(
        _tenure(actor_id, item, sources, path, f"{where} tenure #{n + 1}")
        for n, item in enumerate(entry.get("tenures") or [])
    )
    relations = tuple(
        _relation(item, sources, path, f"{where} relation #{n + 1}")
        for n, item in enumerate(entry.get("relations") or [])
    )
    return Actor(
        id=actor_id, name=str(entry["name"]), kind=str(entry["kind"]), gender=entry.get("gender"),
        country=entry.get("country"), aliases=tuple(str(a) for a in aliases), tenures=tenures,
        born=_date(entry, "born", path, where), died=_date(entry, "died", path, where),
        source=_expand(entry.get("source", ""), sources), origin=origin, relations=relations,
    )


def _relation(item: object, sources: dict, path: Path, where: str) -> Relation:
    if not isinstance(item, dict) or not item.get("relation") or not item.get("actor"):
        raise ConfigError(Errors.E201.format(path=path, where=where, field="relation/actor"))
    _check_choice(item, "relation", RELATION_KINDS, path, where)
    return Relation(str(item["relation"]), str(item["actor"]), _expand(item.get("source", ""), sources))


def _tenure(actor_id: str, item: object, sources: dict, path: Path, where: str) -> Tenure:
    if not isinstance(item, dict) or not item.get("role"):
        raise ConfigError(Errors.E201.format(path=path, where=where, field="role"))
    return Tenure(
        actor_id=actor_id, role=str(item["role"]),
        start=_date(item, "start", path, where), end=_date(item, "end", path, where),
        source=_expand(item.get("source", ""), sources), note=str(item.get("note", "")),
    )


def _expand(source: object, sources: dict) -> str:
    """Replace short source keys ("wp-fm; Phoenix ...") by the full reference they stand for."""
    parts = [part.strip() for part in str(source or "").split(";")]
    return "; ".join(sources.get(part, part) for part in parts if part)


def _date(entry: dict, name: str, path: Path, where: str) -> FuzzyDate | None:
    value = entry.get(name)
    if value is None or value == "":
        return None
    try:
        return FuzzyDate.parse(value)
    except ValueError as exc:
        raise ConfigError(Errors.E202.format(path=path, where=where, field=name, detail=exc)) from exc


def _check_choice(entry: dict, name: str, allowed: tuple, path: Path, where: str) -> None:
    if entry[name] not in allowed:
        detail = f"got '{entry[name]}', expected one of {list(allowed)}"
        raise ConfigError(Errors.E202.format(path=path, where=where, field=name, detail=detail))


# ---- roles, titles, events ------------------------------------------------------------

def _load_roles(data: KBData, raw: dict, path: Path, origin: str) -> None:
    for index, entry in enumerate(raw.get("roles") or []):
        where = f"role #{index + 1} ({entry.get('id', '?')})"
        for name in ("id", "name", "phrases"):
            if not entry.get(name):
                raise ConfigError(Errors.E201.format(path=path, where=where, field=name))
        data.roles[str(entry["id"])] = RoleDef(
            id=str(entry["id"]), name=str(entry["name"]), country=entry.get("country"),
            single_holder=bool(entry.get("single_holder", False)),
            phrases=tuple(str(p).lower() for p in entry["phrases"]),
            titles=tuple(str(t).lower() for t in entry.get("titles") or ()),
        )


def _load_titles(data: KBData, raw: dict, path: Path, origin: str) -> None:
    data.honorifics = data.honorifics + tuple(str(h).lower() for h in raw.get("honorifics") or ())
    for name, words in (raw.get("qualifiers") or {}).items():
        data.qualifiers[str(name)] = data.qualifiers.get(str(name), ()) + tuple(str(w).lower() for w in words)


def _load_events(data: KBData, raw: dict, path: Path, origin: str) -> None:
    events = list(data.events)
    for index, entry in enumerate(raw.get("events") or []):
        where = f"event #{index + 1}"
        after = _date(entry, "after", path, where)
        if after is None or not entry.get("phrases"):
            raise ConfigError(Errors.E201.format(path=path, where=where, field="after/phrases"))
        events.append(EventDef(str(entry.get("id", where)), tuple(str(p) for p in entry["phrases"]),
                               after.earliest, str(entry.get("source", ""))))
    data.events = tuple(events)
