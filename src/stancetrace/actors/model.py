"""Plain values of the actor knowledge base: actors, dated tenures, matches, mentions.

Dates in the data may be a day (`2013-08-03`), a month (`2026-02`) or a year (`1998`)
when the public record is not precise. A coarse date is kept as the span of days it
could mean, so a lookup can tell "certainly held" from "might have held" and answer
unknown inside the uncertain part instead of guessing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

# Open ends of an interval. Kept finite so comparisons and arithmetic stay simple.
DATE_MIN = date(1, 1, 1)
DATE_MAX = date(9999, 12, 31)

ACTOR_KINDS = ("person", "organisation", "state", "media")
GENDERS = ("m", "f")
MATCH_METHODS = ("named", "alias", "role")

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date known to a day, a month or a year: the first and last day it can be."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, value: object) -> "FuzzyDate":
        """Read `date`, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        if isinstance(value, date):
            return cls(value, value, value.isoformat())
        text = str(value).strip()
        found = _ISO_PARTIAL.match(text)
        if not found:
            raise ValueError(f"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in found.groups())
        if month is None:
            return cls(date(year, 1, 1), date(year, 12, 31), text)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return cls(date(year, month, 1), date(year, month, last), text)
        exact = date(year, month, day)
        return cls(exact, exact, text)


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person holding one role over an inclusive interval. `None` ends are open."""

    actor_id: str
    role: str
    start: FuzzyDate | None
    end: FuzzyDate | None
    source: str
    note: str = ""

    @property
    def possible_start(self) -> date:
        return self.start.earliest if self.start else DATE_MIN

    @property
    def possible_end(self) -> date:
        return self.end.latest if self.end else DATE_MAX

    @property
    def certain_start(self) -> date:
        """First day the holder certainly held the role (end of a coarse start date)."""
        return self.start.latest if self.start else DATE_MIN

    @property
    def certain_end(self) -> date:
        """Last day the holder certainly held the role (start of a coarse end date)."""
        return self.end.earliest if self.end else DATE_MAX

    def certainly_covers(self, first: date, last: date) -> bool:
        return self.certain_start <= first and last <= self.certain_end

    def may_overlap(self, first: date, last: date) -> bool:
        return self.possible_start <= last and first <= self.possible_end


# Family relations an actor entry may list ("relations: [{relation: father, actor: ...}]").
RELATION_KINDS = ("father", "mother", "son", "daughter", "brother", "sister", "husband", "wife")


@dataclass(frozen=True, slots=True)
class Relation:
    """A public family tie: `actor_id` is the actor's `kind` ("father": the actor's father)."""

    kind: str
    actor_id: str
    source: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, state or media outlet, under one stable id."""

    id: str
    name: str
    kind: str
    gender: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    tenures: tuple[Tenure, ...] = ()
    born: FuzzyDate | None = None
    died: FuzzyDate | None = None
    source: str = ""
    origin: str = "shipped"  # "shipped" or the path of the user KB file it came from
    relations: tuple[Relation, ...] = ()

    def tenures_of(self, role: str) -> tuple[Tenure, ...]:
        return tuple(tenure for tenure in self.tenures if tenure.role == role)


@dataclass(frozen=True, slots=True)
class RoleDef:
    """An office: who it belongs to, whether one person holds it at a time, how it is named."""

    id: str
    name: str
    country: str | None
    single_holder: bool
    phrases: tuple[str, ...]
    titles: tuple[str, ...] = ()  # forms written before a name: "President", "Foreign Minister"


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """The answer to "who is this?": an actor id, how it was found, and how sure we are."""

    actor_id: str
    method: str
    confidence: float
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming actors or a role. `qualifier` is 'former', 'then', 'elect' or ''."""

    start: int
    end: int
    text: str
    actor_ids: tuple[str, ...] = ()
    role: str | None = None
    roles: tuple[str, ...] = field(default=())
    qualifier: str = ""
