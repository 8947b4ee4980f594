"""Scenario files: the issue, its scale, the status quo, actors with uncertain and
evidence-linked inputs, veto players with reservation points, and pressure variables.

Loaded from YAML and validated against ``data/forecast/scenario.schema.yaml``; every
error names the file, the place in it and what to write instead (E401–E404).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..errors import ConfigError, Errors
from .table import ActorTable

SCHEMA_RESOURCE = ("stancetrace", "data/forecast/scenario.schema.yaml")
# A KB id is a lower-case slug ("ali-khamenei", "us_state_department"); anything with a
# capital letter or a space is a free name and is never looked up in the actor KB.
KB_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$")
# Sensitivity and sampling of a normal input use these quantiles as its "range".
NORMAL_LOW_QUANTILE_Z = -1.6448536269514722  # 5th percentile of the standard normal
DEFAULT_CAPABILITY = 1.0  # an actor without a capability counts as an equal


@lru_cache(maxsize=1)
def schema() -> dict:
    package, name = SCHEMA_RESOURCE
    return yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Evidence:
    """A document span {doc, start, end} or a stored attribution id."""

    doc: str | None = None
    start: int | None = None
    end: int | None = None
    attribution: int | None = None
    note: str | None = None

    @property
    def ref(self) -> str:
        return f"attribution {self.attribution}" if self.attribution is not None else f"{self.doc}[{self.start}:{self.end}]"


@dataclass(frozen=True)
class Quantity:
    """A number, a range (uniform, or triangular with a mode) or a normal distribution."""

    dist: str = "fixed"  # fixed | uniform | triangular | normal
    value: float = 0.0  # the point value: the number, the mode, the midpoint or the mean
    low: float | None = None
    high: float | None = None
    sd: float | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def uncertain(self) -> bool:
        return self.dist != "fixed"

    def bounds(self) -> tuple[float, float]:
        """The range swept by the sensitivity table (5th–95th percentile for a normal)."""
        if self.dist == "fixed":
            return self.value, self.value
        if self.dist == "normal":
            spread = -NORMAL_LOW_QUANTILE_Z * self.sd
            return self.value - spread, self.value + spread
        return self.low, self.high

    def sample(self, rng: np.random.Generator, draws: int) -> np.ndarray:
        if self.dist == "fixed":
            return np.full(draws, self.value)
        if self.dist == "uniform":
            return rng.uniform(self.low, self.high, draws)
        if self.dist == "triangular":
            if self.high == self.low:
                return np.full(draws, self.value)
            return rng.triangular(self.low, self.value, self.high, draws)
        return rng.normal(self.value, self.sd, draws)


@dataclass(frozen=True)
class Actor:
    actor: str  # KB id or free name
    name: str
    position: Quantity
    salience: Quantity
    capability: Quantity
    veto: bool = False
    reservation: Quantity | None = None


@dataclass(frozen=True)
class Effect:
    actor: str
    input: str
    shift: float  # change of the input per unit of pressure


@dataclass(frozen=True)
class Pressure:
    name: str
    low: float
    high: float
    value: float
    effects: tuple[Effect, ...]
    evidence: tuple[Evidence, ...] = ()


@dataclass
class Scenario:
    issue: str
    lo: float
    hi: float
    actors: list[Actor]
    status_quo: Quantity | None = None
    low_label: str = ""
    high_label: str = ""
    title: str = ""
    id: str = ""
    documents: dict[str, str] = field(default_factory=dict)
    pressures: list[Pressure] = field(default_factory=list)
    path: str = "<scenario>"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.actor for a in self.actors)

    def pressure(self, name: str) -> Pressure:
        for p in self.pressures:
            if p.name == name:
                return p
        raise ConfigError(Errors.E410.format(name=name, expected=[p.name for p in self.pressures]))

    def to_table(self, overrides: dict | None = None, pressure: dict | None = None) -> ActorTable:
        """The point values as an ActorTable. ``overrides`` maps (actor index, input) to a
        value or an array of values (a batch); ``pressure`` maps a pressure name to a level
        (a number or an array: one level per draw)."""
        values = {key: np.array([getattr(a, key).value for a in self.actors]) for key in ("position", "salience", "capability")}
        values["reservation"] = np.array([a.reservation.value if a.reservation else np.nan for a in self.actors])
        return self._assemble(values, overrides or {}, pressure)

    def sample(self, draws: int, seed: int | None = 0, pressure: dict | None = None) -> ActorTable:
        """A batch of `draws` tables, every uncertain input drawn independently (seeded)."""
        rng = np.random.default_rng(seed)
        values = {}
        for key in ("position", "salience", "capability"):
            values[key] = np.stack([getattr(a, key).sample(rng, draws) for a in self.actors], axis=-1)
        values["reservation"] = np.stack(
            [a.reservation.sample(rng, draws) if a.reservation else np.full(draws, np.nan) for a in self.actors], axis=-1)
        quo = self.status_quo.sample(rng, draws) if self.status_quo else None
        return self._assemble(values, {}, pressure, quo)

    def _assemble(self, values, overrides, pressure, quo=None) -> ActorTable:
        values = {k: np.asarray(v, dtype=float) for k, v in values.items()}
        for (index, key), value in overrides.items():
            column = np.asarray(value, dtype=float)
            shape = np.broadcast_shapes(values[key].shape[:-1], column.shape) + (len(self.actors),)
            values[key] = np.broadcast_to(values[key], shape).copy()
            values[key][..., index] = column
        for name, level in (pressure or {}).items():
            p = self.pressure(name)
            level = np.asarray(level, dtype=float)
            for effect in p.effects:
                index = self.names.index(effect.actor)
                key = effect.input
                base = values[key]
                if key == "reservation":
                    fallback = self.status_quo.value if self.status_quo else np.nan
                    base = np.where(np.isnan(base), fallback, base)
                shape = np.broadcast_shapes(base.shape[:-1], level.shape) + (len(self.actors),)
                base = np.broadcast_to(base, shape).copy()
                base[..., index] = base[..., index] + effect.shift * level
                values[key] = base
        values["position"] = np.clip(values["position"], self.lo, self.hi)
        values["salience"] = np.clip(values["salience"], 0.0, 1.0)
        values["capability"] = np.maximum(values["capability"], 0.0)
        values["reservation"] = np.clip(values["reservation"], self.lo, self.hi)
        if quo is None:
            quo = self.status_quo.value if self.status_quo else None
        return ActorTable(
            names=self.names, position=values["position"], salience=values["salience"],
            capability=values["capability"], lo=self.lo, hi=self.hi, status_quo=quo,
            veto=np.array([a.veto for a in self.actors]), reservation=values["reservation"],
        )


# -- loading and validation ----------------------------------------------------------

def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario YAML file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(Errors.E401.format(path=path, detail=error.strerror or str(error))) from error
    except yaml.YAMLError as error:
        raise ConfigError(Errors.E401.format(path=path, detail=f"not valid YAML ({error})")) from error
    return parse_scenario(data, str(path))


def parse_scenario(data: Any, path: str = "<scenario>") -> Scenario:
    """Validate a scenario held as plain data (as YAML would load it)."""
    v = _Validator(path)
    v.section(data, "scenario", "scenario")
    issue = v.section(data["issue"], "issue", "issue")
    scale = v.section(issue["scale"], "scale", "issue.scale")
    lo, hi = v.number(scale["low"], "issue.scale.low"), v.number(scale["high"], "issue.scale.high")
    if not hi > lo:
        v.fail("issue.scale", f"low ({lo}) must be below high ({hi}); the range is reversed or empty")
    quo = v.quantity(issue["status_quo"], "issue.status_quo", (lo, hi)) if "status_quo" in issue else None
    if not isinstance(data["actors"], list) or not data["actors"]:
        v.fail("actors", "expected a non-empty list of actors")
    actors = [v.actor(item, f"actors[{i}]", lo, hi) for i, item in enumerate(data["actors"])]
    names = [a.actor for a in actors]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        v.fail("actors", f"actor {duplicates[0]!r} is listed twice; merge the entries")
    pressures = [v.pressure(item, f"pressures[{i}]", names) for i, item in enumerate(data.get("pressures") or [])]
    documents = data.get("documents") or {}
    return Scenario(
        issue=str(issue.get("name", "")), lo=lo, hi=hi, actors=actors, status_quo=quo,
        low_label=str(scale.get("low_label", "")), high_label=str(scale.get("high_label", "")),
        title=str(data.get("title", "")), id=str(data.get("id", "")),
        documents={str(k): str(p) for k, p in documents.items()}, pressures=pressures, path=path,
    )


def _kb():
    """The actor knowledge base when that area is installed, else None."""
    try:
        from ..actors import load_kb  # built in parallel; optional here
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # noqa: BLE001 — a broken or absent KB must not stop a forecast
        return None


def _kb_has(kb, actor_id: str) -> bool:
    try:
        return kb.actor(actor_id) is not None
    except (KeyError, LookupError):
        return False


class _Validator:
    def __init__(self, path: str):
        self.path = path
        self.schema = schema()
        self.kb = None
        self.kb_loaded = False

    def fail(self, where: str, detail: str):
        raise ConfigError(Errors.E402.format(path=self.path, where=where, detail=detail))

    def section(self, data, name: str, where: str) -> dict:
        spec = self.schema["sections"][name]
        if not isinstance(data, dict):
            self.fail(where, f"expected a mapping with keys {sorted(spec['keys'])}, got {type(data).__name__}")
        unknown = sorted(set(data) - set(spec["keys"]))
        if unknown:
            self.fail(where, f"unknown key {unknown[0]!r}, expected one of {sorted(spec['keys'])}")
        missing = [k for k in spec["required"] if k not in data]
        if missing:
            self.fail(where, f"missing required key {missing[0]!r}")
        for key, kind in spec["keys"].items():
            if key in data and kind in ("string", "bool", "list", "mapping", "number"):
                self.typed(data[key], kind, f"{where}.{key}")
        return data

    def typed(self, value, kind: str, where: str):
        ok = {
            "string": lambda x: isinstance(x, (str, int, float)) and not isinstance(x, bool),
            "bool": lambda x: isinstance(x, bool),
            "list": lambda x: isinstance(x, list),
            "mapping": lambda x: isinstance(x, dict),
            "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool) and np.isfinite(x),
        }[kind]
        if not ok(value):
            self.fail(where, f"expected a {kind}, got {value!r}")
        return value

    def number(self, value, where: str) -> float:
        return float(self.typed(value, "number", where))

    def quantity(self, value, where: str, bounds: tuple[float, float], what: str = "value") -> Quantity:
        lo, hi = bounds
        evidence: tuple[Evidence, ...] = ()
        if isinstance(value, bool):
            self.fail(where, f"expected a number, a [low, high] range or a mapping, got {value!r}")
        if isinstance(value, (int, float)):
            q = Quantity("fixed", float(value))
        elif isinstance(value, list):
            if len(value) != 2:
                self.fail(where, f"a range is [low, high], got {len(value)} values")
            a, b = (self.number(x, where) for x in value)
            q = self._range(a, b, None, where)
        elif isinstance(value, dict):
            self.section(value, "quantity", where)
            evidence = self.evidence(value.get("evidence", []), f"{where}.evidence")
            q = self._mapping(value, where)
            q = Quantity(q.dist, q.value, q.low, q.high, q.sd, evidence)
        else:
            self.fail(where, f"expected a number, a [low, high] range or a mapping, got {value!r}")
        for point in (q.value, q.low, q.high):
            if point is not None and not lo <= point <= hi:
                self.fail(where, f"{what} {point:g} outside [{lo:g}, {hi:g}]")
        return q

    def _range(self, a, b, mode, where) -> Quantity:
        if a > b:
            self.fail(where, f"range [{a:g}, {b:g}] is reversed; write [{b:g}, {a:g}]")
        if mode is None:
            return Quantity("uniform", (a + b) / 2, a, b)
        if not a <= mode <= b:
            self.fail(where, f"mode {mode:g} outside its range [{a:g}, {b:g}]")
        return Quantity("triangular", mode, a, b)

    def _mapping(self, value: dict, where: str) -> Quantity:
        dist = value.get("dist")
        if dist is not None and dist not in self.schema["distributions"]:
            self.fail(where, f"unknown dist {dist!r}, expected one of {self.schema['distributions']}")
        num = {k: self.number(value[k], f"{where}.{k}") for k in ("value", "low", "high", "mode", "mean", "sd") if k in value}
        if dist == "normal" or "mean" in num or "sd" in num:
            if "mean" not in num or "sd" not in num:
                self.fail(where, "a normal distribution needs both mean and sd")
            if num["sd"] < 0:
                self.fail(where, f"sd must be >= 0, got {num['sd']:g}")
            return Quantity("normal", num["mean"], None, None, num["sd"])
        if "low" in num or "high" in num:
            if "low" not in num or "high" not in num:
                self.fail(where, "a range needs both low and high")
            return self._range(num["low"], num["high"], num.get("mode"), where)
        if "value" not in num:
            self.fail(where, "give a value, low and high, or mean and sd")
        return Quantity("fixed", num["value"])

    def evidence(self, items, where: str) -> tuple[Evidence, ...]:
        if not isinstance(items, list):
            self.fail(where, "expected a list of {attribution: ID} or {doc, start, end}")
        out = []
        for i, item in enumerate(items):
            here = f"{where}[{i}]"
            self.section(item, "evidence", here)
            if "attribution" in item:
                out.append(Evidence(attribution=int(item["attribution"]), note=item.get("note")))
                continue
            if not all(k in item for k in ("doc", "start", "end")):
                self.fail(here, "a document span needs doc, start and end (or give an attribution id)")
            start, end = int(item["start"]), int(item["end"])
            if not 0 <= start < end:
                self.fail(here, f"span [{start}, {end}) is empty or reversed; start must be below end")
            out.append(Evidence(doc=str(item["doc"]), start=start, end=end, note=item.get("note")))
        return tuple(out)

    def actor(self, item, where: str, lo: float, hi: float) -> Actor:
        self.section(item, "actor", where)
        actor_id = str(item["actor"])
        if KB_ID_PATTERN.match(actor_id):
            if not self.kb_loaded:
                self.kb, self.kb_loaded = _kb(), True
            if self.kb is not None and not _kb_has(self.kb, actor_id):
                raise ConfigError(Errors.E404.format(path=self.path, where=f"{where}.actor", actor=actor_id))
        veto = bool(item.get("veto", False))
        reservation = item.get("reservation")
        if reservation is not None and not veto:
            self.fail(f"{where}.reservation", "only a veto player has a reservation point; add 'veto: true'")
        return Actor(
            actor=actor_id, name=str(item.get("name", actor_id)),
            position=self.quantity(item["position"], f"{where}.position", (lo, hi), "position"),
            salience=self.quantity(item["salience"], f"{where}.salience", (0.0, 1.0), "salience"),
            capability=self.quantity(item.get("capability", DEFAULT_CAPABILITY), f"{where}.capability",
                                     (0.0, np.inf), "capability"),
            veto=veto,
            reservation=self.quantity(reservation, f"{where}.reservation", (lo, hi), "reservation")
            if reservation is not None else None,
        )

    def pressure(self, item, where: str, names: list[str]) -> Pressure:
        self.section(item, "pressure", where)
        rng = item["range"]
        if len(rng) != 2:
            self.fail(f"{where}.range", "expected [low, high]")
        low, high = (self.number(x, f"{where}.range") for x in rng)
        if low > high:
            self.fail(f"{where}.range", f"range [{low:g}, {high:g}] is reversed; write [{high:g}, {low:g}]")
        effects = []
        for i, effect in enumerate(item["effects"]):
            here = f"{where}.effects[{i}]"
            self.section(effect, "effect", here)
            if effect["actor"] not in names:
                raise ConfigError(Errors.E403.format(path=self.path, where=f"{here}.actor", actor=effect["actor"],
                                                     expected=names))
            if effect["input"] not in self.schema["effect_inputs"]:
                self.fail(f"{here}.input", f"unknown input {effect['input']!r}, expected one of {self.schema['effect_inputs']}")
            effects.append(Effect(str(effect["actor"]), str(effect["input"]), self.number(effect["shift"], f"{here}.shift")))
        value = self.number(item.get("value", low), f"{where}.value")
        return Pressure(str(item["name"]), low, high, value, tuple(effects),
                        self.evidence(item.get("evidence", []), f"{where}.evidence"))
