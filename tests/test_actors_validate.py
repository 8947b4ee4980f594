"""`actors validate` and the data-file checks on load."""

from pathlib import Path

import pytest

from stancetrace.actors import KnowledgeBase
from stancetrace.actors.loader import load_data
from stancetrace.actors.validate import validate
from stancetrace.errors import ConfigError


def _kb_with(tmp_path: Path, body: str) -> KnowledgeBase:
    (tmp_path / "user.yaml").write_text("version: stancetrace.actors.v1\nactors:\n" + body, encoding="utf-8")
    return KnowledgeBase(load_data([tmp_path], include_user=False))


def test_actors_validate_shipped_kb_has_no_problems():
    assert validate(KnowledgeBase(load_data(include_user=False))) == []


def test_actors_validate_reports_overlapping_holders_of_one_office(tmp_path):
    kb = _kb_with(tmp_path, """
  - {id: usurper, name: The Usurper, kind: person,
     tenures: [{role: iran/supreme-leader, start: 2000-01-01, end: 2001-01-01, source: test}]}
""")
    assert any("overlap" in p and "usurper" in p for p in validate(kb))


def test_actors_validate_reports_reversed_interval_unknown_role_and_missing_source(tmp_path):
    kb = _kb_with(tmp_path, """
  - {id: someone, name: Someone, kind: person, country: atlantis,
     tenures: [{role: iran/foreign-minister, start: 2001-01-01, end: 2000-01-01, source: test},
               {role: atlantis/king, start: 1990}]}
""")
    problems = "\n".join(validate(kb))
    assert "ends before it starts" in problems
    assert "unknown role 'atlantis/king'" in problems
    assert "no source" in problems
    assert "unknown country id 'atlantis'" in problems


def test_actors_validate_bad_date_is_refused_on_load(tmp_path):
    with pytest.raises(ConfigError, match="E202"):
        _kb_with(tmp_path, "  - {id: x, name: X, kind: person, tenures: [{role: r, start: 2001-13-45}]}\n")


def test_actors_validate_bad_kind_names_the_choices(tmp_path):
    with pytest.raises(ConfigError, match="expected one of"):
        _kb_with(tmp_path, "  - {id: x, name: X, kind: planet}\n")


def test_actors_validate_user_entry_adds_to_but_does_not_override_curated(tmp_path):
    kb = _kb_with(tmp_path, """
  - {id: hassan-rouhani, name: Wrong Name, kind: person, aliases: [Doctor Rouhani],
     tenures: [{role: iran/president, start: 1900-01-01, source: user}]}
""")
    actor = kb.actor("hassan-rouhani")
    assert actor.name == "Hassan Rouhani"
    assert "Doctor Rouhani" in actor.aliases
    assert all(t.possible_start.year > 1900 for t in actor.tenures_of("iran/president"))
