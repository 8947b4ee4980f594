"""The knowledge base: who an actor is, who held an office on a date, who followed whom.

Built once from the data files (see `loader`) into dictionaries keyed by normalised
names and role phrases, so a lookup is a few dictionary reads and a scan over the
handful of tenures of one office. Every answer that depends on a date is given only
when the data settles it; otherwise the answer is None.
"""

from __future__ import annotations

from datetime import date

from .loader import KBData
from .model import Actor, ActorMatch, Mention, Tenure
from .names import plain_key, sound_key, strip_honorifics, surname

# Confidence of a name match by how it was made. Chosen by hand so that any exact form
# outranks any derived one; they are ordinal, not calibrated probabilities.
CONFIDENCE_NAMED = 1.0       # the actor's full canonical name
CONFIDENCE_ALIAS = 0.95      # a listed alias or transliteration
CONFIDENCE_SURNAME = 0.9     # last word of the canonical name, not listed
CONFIDENCE_SOUND = 0.8       # matched only through the spelling-tolerant key
CONFIDENCE_ROLE = 0.9        # a role phrase resolved on a date
DATE_RESOLVED_FACTOR = 0.9   # several candidates, one left after using the date
# Role phrases are few and repeat across a corpus; the memo is cleared when this full.
ROLE_MEMO_SIZE = 4096

DateOrRange = date | tuple[date, date]


def as_range(on: DateOrRange) -> tuple[date, date]:
    """A date or a (first, last) pair as an inclusive (first, last) pair."""
    if isinstance(on, tuple):
        first, last = on
        return (first, last) if first <= last else (last, first)
    return on, on


class KnowledgeBase:
    """Lookup over actors, their names, and their dated tenures of offices."""

    def __init__(self, data: KBData):
        self.data = data
        self.roles = data.roles
        self._actors = data.actors
        self._honorifics = frozenset(data.honorifics)
        self._longest_honorific = max((len(h.split()) for h in data.honorifics), default=1)
        self._names: dict[str, dict[str, str]] = {}   # plain key -> {actor id: method}
        self._sounds: dict[str, set[str]] = {}
        self._tenures: dict[str, list[Tenure]] = {}
        self._phrases: dict[str, tuple[str, ...]] = {}  # role phrase key -> role ids
        self._titles: dict[str, tuple[str, ...]] = {}   # title key -> role ids
        self._countries: dict[str, str] = {}            # adjective or state name key -> state id
        self._role_memo: dict[tuple[str, str | None], tuple[str, ...]] = {}
        self._index()

    # ---- building --------------------------------------------------------------------

    def _index(self) -> None:
        for actor in self._actors.values():
            self._index_names(actor)
            for tenure in actor.tenures:
                self._tenures.setdefault(tenure.role, []).append(tenure)
        for tenures in self._tenures.values():
            tenures.sort(key=lambda t: (t.possible_start, t.possible_end))
        for role in self.roles.values():
            for phrase in role.phrases:
                key = _drop_the(plain_key(phrase))
                self._phrases[key] = self._phrases.get(key, ()) + (role.id,)
            for title in role.titles:
                key = plain_key(title)
                self._titles[key] = self._titles.get(key, ()) + (role.id,)
        for adjective, state in self.data.adjectives.items():
            self._countries[plain_key(adjective)] = state
        for actor in self._actors.values():
            if actor.kind == "state":
                for name in (actor.name, *actor.aliases):
                    self._countries.setdefault(_drop_the(plain_key(name)), actor.id)

    def _index_names(self, actor: Actor) -> None:
        forms = [(actor.name, "named"), (actor.id.replace("-", " "), "named")]
        forms += [(alias, "alias") for alias in actor.aliases]
        if actor.kind == "person":
            forms.append((surname(actor.name), "surname"))
        for form, method in forms:
            key = _drop_the(plain_key(form))
            if not key:
                continue
            methods = self._names.setdefault(key, {})
            if _rank(method) > _rank(methods.get(actor.id)):
                methods[actor.id] = method
            self._sounds.setdefault(sound_key(key), set()).add(actor.id)

    # ---- actors and names --------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __len__(self) -> int:
        return len(self._actors)

    def candidates(self, mention: str) -> dict[str, str]:
        """Every actor a name could mean, with how it matched (no date used)."""
        key = _drop_the(plain_key(mention))
        found = self._names.get(key)
        if not found:
            stripped = strip_honorifics(key, self._honorifics, self._longest_honorific)
            found = self._names.get(stripped)
        if not found:
            stripped, _role = self._strip_title(key)
            found = self._names.get(stripped) if stripped else None
        if found:
            return dict(found)
        ids = self._sounds.get(sound_key(strip_honorifics(key, self._honorifics, self._longest_honorific)))
        return {actor_id: "sound" for actor_id in sorted(ids or ())}

    def match_name(self, mention: str, on: DateOrRange | None = None) -> ActorMatch | None:
        """The one actor a name, alias or transliteration means (on a date, if several could)."""
        found = self.candidates(mention)
        if not found:
            return self._match_role_phrase(mention, on)
        _stripped, title_roles = self._strip_title(_drop_the(plain_key(mention)))
        if len(found) > 1 and title_roles:
            found = {a: m for a, m in found.items() if self._held_any(a, title_roles, on)} or found
        if len(found) > 1:
            best = _best_exact(found)
            if best is not None:
                return ActorMatch(best, _public_method(found[best]), _confidence(found[best]))
        if len(found) > 1 and on is not None:
            actor_id = self._prominent_on(sorted(found), as_range(on))
            if actor_id is None:
                return None
            method = found[actor_id]
            return ActorMatch(actor_id, _public_method(method), _confidence(method) * DATE_RESOLVED_FACTOR)
        if len(found) != 1:
            return None
        actor_id, method = next(iter(found.items()))
        return ActorMatch(actor_id, _public_method(method), _confidence(method))

    def search(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose id, name or alias contains `text` (or sounds like it)."""
        key = plain_key(text)
        hits = [a for a in self._actors.values()
                if key in a.id.replace("-", " ") or any(key in plain_key(n) for n in (a.name, *a.aliases))]
        if not hits:
            hits = [self._actors[i] for i in sorted(self._sounds.get(sound_key(key), ()))]
        return sorted(hits, key=lambda a: a.id)[:limit]

    def _match_role_phrase(self, mention: str, on: DateOrRange | None) -> ActorMatch | None:
        if on is None:
            return None
        return self.holder(mention, on)

    def _strip_title(self, key: str) -> tuple[str, tuple[str, ...]]:
        """Split a leading role title off a name key: "president rouhani" -> ("rouhani", roles)."""
        words = key.split()
        for size in range(min(len(words) - 1, 8), 0, -1):
            roles = self._titles.get(" ".join(words[:size]))
            if roles:
                rest = " ".join(words[size:])
                return strip_honorifics(rest, self._honorifics, self._longest_honorific), roles
        return "", ()

    def _held_any(self, actor_id: str, roles: tuple[str, ...], on: DateOrRange | None) -> bool:
        actor = self._actors[actor_id]
        first, last = as_range(on) if on is not None else (None, None)
        for tenure in actor.tenures:
            if tenure.role in roles and (first is None or tenure.may_overlap(first, last)):
                return True
        return False

    def _prominent_on(self, actor_ids: list[str], span: tuple[date, date]) -> str | None:
        """Of several namesakes, the only one in office over `span`, else the only one alive."""
        first, last = span
        in_office = [a for a in actor_ids
                     if any(t.certainly_covers(first, last) for t in self._actors[a].tenures)]
        possibly = [a for a in actor_ids
                    if any(t.may_overlap(first, last) for t in self._actors[a].tenures)]
        if len(in_office) == 1 and len(possibly) == 1:
            return in_office[0]
        if possibly:
            return None
        alive = [a for a in actor_ids if self._alive(self._actors[a], first, last)]
        return alive[0] if len(alive) == 1 else None

    @staticmethod
    def _alive(actor: Actor, first: date, last: date) -> bool:
        born_ok = actor.born is None or actor.born.latest <= first
        died_ok = actor.died is None or actor.died.earliest >= last
        return born_ok and died_ok

    # ---- roles -------------------------------------------------------------------------

    def roles_for(self, role_phrase: str, country: str | None = None) -> tuple[str, ...]:
        """Role ids a phrase can mean, narrowed by a country in the phrase or given."""
        memo_key = (role_phrase, country)
        roles = self._role_memo.get(memo_key)
        if roles is None:
            if len(self._role_memo) >= ROLE_MEMO_SIZE:
                self._role_memo.clear()
            roles, said_country = _parse_phrase(self, role_phrase)
            wanted = said_country or country
            if wanted is not None:
                roles = tuple(r for r in roles if self.roles[r].country == wanted)
            self._role_memo[memo_key] = roles
        return roles

    def holder(self, role_phrase: str, on: DateOrRange, country: str | None = None) -> ActorMatch | None:
        """Who held the office a phrase names, over the whole of `on`; None if not one person."""
        roles = self.roles_for(role_phrase, country)
        if len(roles) != 1:
            return None
        first, last = on if isinstance(on, tuple) else (on, on)
        if first > last:
            first, last = last, first
        return self.holder_of(roles[0], first, last)

    def holder_of(self, role: str, first: date, last: date) -> ActorMatch | None:
        found: Tenure | None = None
        for tenure in self._tenures.get(role, ()):
            if tenure.possible_start > last:
                break
            if tenure.possible_end < first:
                continue
            if found is not None and found.actor_id != tenure.actor_id:
                return None  # two holders may overlap the span: not one answer
            found = tenure
        if found is None or not found.certainly_covers(first, last):
            return None
        return ActorMatch(found.actor_id, "role", CONFIDENCE_ROLE, role)

    def tenures(self, role: str) -> list[Tenure]:
        return list(self._tenures.get(role, ()))

    def successor(self, actor_id: str, role: str | None = None) -> str | None:
        """Who next held the actor's (latest single-holder) office after the actor's last tenure."""
        chain, role_tenures = self._chain(actor_id, role)
        if not chain:
            return None
        last = max(chain, key=lambda t: t.possible_start)
        later = [t for t in role_tenures if t.possible_start > last.possible_start and t.actor_id != actor_id]
        return later[0].actor_id if later else None

    def predecessor(self, actor_id: str, role: str | None = None) -> str | None:
        """Who held the actor's office just before the actor's first tenure of it."""
        chain, role_tenures = self._chain(actor_id, role)
        if not chain:
            return None
        first = min(chain, key=lambda t: t.possible_start)
        earlier = [t for t in role_tenures if t.possible_start < first.possible_start and t.actor_id != actor_id]
        return earlier[-1].actor_id if earlier else None

    def relative(self, actor_id: str, kind: str) -> str | None:
        """The one actor the KB knows as the actor's `kind` ("father", "son", "wife"), read
        from either end of a listed relation; None when the KB knows none or several."""
        found = {r.actor_id for r in getattr(self._actors.get(actor_id), "relations", ())
                 if r.kind == kind}
        for other in self._actors.values():
            for relation in other.relations:
                if relation.actor_id == actor_id and _inverse(relation.kind, other.gender) == kind:
                    found.add(other.id)
        return found.pop() if len(found) == 1 else None

    def _chain(self, actor_id: str, role: str | None) -> tuple[list[Tenure], list[Tenure]]:
        actor = self._actors.get(actor_id)
        if actor is None:
            return [], []
        if role is not None and role not in self.roles:
            roles = self.roles_for(role, actor.country)
            role = roles[0] if len(roles) == 1 else None
            if role is None:
                return [], []
        if role is None:
            single = [t for t in actor.tenures if self.roles.get(t.role) and self.roles[t.role].single_holder]
            if not single:
                return [], []
            role = max(single, key=lambda t: t.possible_start).role
        return list(actor.tenures_of(role)), self._tenures.get(role, [])

    # ---- text --------------------------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        from .mentions import find_mentions

        return find_mentions(self, text)

    def infer_date_range(self, text: str) -> tuple[date, date] | None:
        from .dating import infer_date_range

        return infer_date_range(self, text)

    def country_of_key(self, key: str) -> str | None:
        return self._countries.get(key)

    def title_roles(self, key: str) -> tuple[str, ...]:
        return self._titles.get(key, ())

    def name_key_candidates(self, key: str) -> dict[str, str]:
        return self._names.get(key, {})


def _parse_phrase(kb: KnowledgeBase, phrase: str) -> tuple[tuple[str, ...], str | None]:
    key = _drop_the(plain_key(phrase))
    country = None
    words = key.split()
    for size in range(min(3, len(words) - 1), 0, -1):
        state = kb.country_of_key(" ".join(words[:size]))
        if state:
            country, key = state, " ".join(words[size:])
            break
    if " of " in key and key not in kb._phrases:
        head, _, tail = key.rpartition(" of ")
        state = kb.country_of_key(_drop_the(tail))
        if state and head in kb._phrases:
            country, key = state, head
    return kb._phrases.get(_drop_the(key), ()), country


# A relation read from the other end: X's father lists X as ("son" | "daughter") by X's gender.
_INVERSE = {"father": "child", "mother": "child", "son": "parent", "daughter": "parent",
            "brother": "sibling", "sister": "sibling", "husband": "spouse", "wife": "spouse"}
_BY_GENDER = {"child": {"m": "son", "f": "daughter"}, "parent": {"m": "father", "f": "mother"},
              "sibling": {"m": "brother", "f": "sister"}, "spouse": {"m": "husband", "f": "wife"}}


def _inverse(kind: str, gender: str | None) -> str | None:
    """What the listed relative is to the listing actor, given the listing actor's gender."""
    return _BY_GENDER[_INVERSE[kind]].get(gender or "")


def _drop_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


_METHOD_RANK = {None: 0, "sound": 1, "surname": 2, "alias": 3, "named": 4}


def _rank(method: str | None) -> int:
    return _METHOD_RANK[method]


def _best_exact(found: dict[str, str]) -> str | None:
    """One candidate matched by its full name while the others only by alias: take it."""
    named = [a for a, m in found.items() if m == "named"]
    return named[0] if len(named) == 1 else None


def _confidence(method: str) -> float:
    return {"named": CONFIDENCE_NAMED, "alias": CONFIDENCE_ALIAS,
            "surname": CONFIDENCE_SURNAME, "sound": CONFIDENCE_SOUND}[method]


def _public_method(method: str) -> str:
    return "named" if method == "named" else "alias"
