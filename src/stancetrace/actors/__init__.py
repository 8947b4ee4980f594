"""The actor knowledge base: names, aliases and dated offices of political actors.

    from stancetrace.actors import load_kb
    kb = load_kb()
    kb.match_name("Ahmadinezhad")                      # ActorMatch('mahmoud-ahmadinejad', ...)
    kb.holder("the supreme leader", date(1988, 7, 20)) # ActorMatch('ruhollah-khomeini', ...)

Data files live in `stancetrace/data/actors/`; a user KB (folder or file of the same
YAML shape) is read from $STANCETRACE_ACTORS or ~/.local/share/stancetrace/actors.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .kb import KnowledgeBase
from .loader import load_data
from .model import Actor, ActorMatch, FuzzyDate, Mention, Relation, RoleDef, Tenure


@lru_cache(maxsize=8)
def _cached_kb(extra: tuple[str, ...], include_user: bool, env: tuple) -> KnowledgeBase:
    return KnowledgeBase(load_data([Path(p) for p in extra], include_user=include_user))


def load_kb(extra: list[str | Path] | None = None, *, include_user: bool = True) -> KnowledgeBase:
    """The shipped KB plus the user KB and any `extra` files; cached per arguments."""
    from .loader import USER_KB_ENV
    import os

    env = (os.environ.get(USER_KB_ENV), os.environ.get("XDG_DATA_HOME"))
    return _cached_kb(tuple(str(p) for p in extra or ()), include_user, env)


def clear_cache() -> None:
    """Forget loaded KBs (after the user KB changed on disk)."""
    _cached_kb.cache_clear()


__all__ = ["Actor", "ActorMatch", "FuzzyDate", "KnowledgeBase", "Mention", "Relation", "RoleDef", "Tenure",
           "clear_cache", "load_kb"]
