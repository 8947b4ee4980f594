"""Family relations in the actor KB: listed once, read from either end, never guessed."""

import pytest

from stancetrace.actors import load_kb
from stancetrace.actors.kb import KnowledgeBase
from stancetrace.actors.loader import KBData, _actor
from stancetrace.actors.validate import validate
from stancetrace.errors import ConfigError


def test_actors_relations_read_from_either_end():
    kb = load_kb(include_user=False)
    assert kb.relative("mojtaba-khamenei", "father") == "ali-khamenei"
    assert kb.relative("ali-khamenei", "son") == "mojtaba-khamenei"
    assert kb.relative("bill-clinton", "wife") == "hillary-clinton"
    assert kb.relative("ali-khamenei", "father") is None  # not listed: unknown, not a guess


def _kb(*entries):
    actors = {e["id"]: _actor(e, {}, "test.yaml", e["id"], "test") for e in entries}
    return KnowledgeBase(KBData(actors=actors))


def test_actors_relations_two_listed_children_name_no_single_son():
    kb = _kb({"id": "a", "name": "A", "kind": "person", "gender": "m", "source": "s"},
             {"id": "b", "name": "B", "kind": "person", "gender": "m", "source": "s",
              "relations": [{"relation": "father", "actor": "a", "source": "s"}]},
             {"id": "c", "name": "C", "kind": "person", "gender": "m", "source": "s",
              "relations": [{"relation": "father", "actor": "a", "source": "s"}]})
    assert kb.relative("a", "son") is None
    assert kb.relative("b", "father") == "a"


def test_actors_relations_unknown_kind_is_refused_on_load():
    with pytest.raises(ConfigError, match="relation"):
        _actor({"id": "b", "name": "B", "kind": "person", "relations": [{"relation": "cousin", "actor": "a"}]},
               {}, "test.yaml", "b", "test")


def test_actors_relations_to_an_actor_not_in_the_kb_fail_validation():
    kb = _kb({"id": "b", "name": "B", "kind": "person", "source": "s",
              "relations": [{"relation": "father", "actor": "nobody", "source": "s"}]})
    assert any("nobody" in problem for problem in validate(kb))
