"""Phoenix/PETRARCH import and the actors CLI."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancetrace.actors import KnowledgeBase, load_kb
from stancetrace.actors.loader import load_data
from stancetrace.actors.phoenix import import_phoenix, parse_phoenix
from stancetrace.cli import app

PHOENIX = Path("/work/shared/data/phoenix/Phoenix.Countries.actors.txt")
SAMPLE = """\
# comment
IRAN_  [IRN]
+TEHRAN_
JOHN_DOE_  # CountryInfo.txt
+PRESIDENT_DOE
    [IRNGOV 790205-800204]
    [IRNGOV >20130804]
    [IRNELI <700101]
    [IRNGOV 9008223]
"""


def test_actors_phoenix_parses_entries_synonyms_and_dated_codes():
    entries = parse_phoenix(SAMPLE)
    assert [e.phrase for e in entries] == ["IRAN", "JOHN DOE"]
    assert entries[0].synonyms == ["TEHRAN"]
    assert entries[1].codes == [
        ("IRNGOV", date(1979, 2, 5), date(1980, 2, 3)),  # A-B means A <= d < B
        ("IRNGOV", date(2013, 8, 4), None),
        ("IRNELI", None, date(1969, 12, 31)),
    ]  # the malformed 7-digit date is skipped


def test_actors_phoenix_sample_import_merges_into_curated_state(tmp_path):
    source = tmp_path / "sample.actors.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    summary = import_phoenix(source, tmp_path / "kb", load_kb(include_user=False))
    kb = KnowledgeBase(load_data([tmp_path / "kb"], include_user=False))
    assert summary.bad_dates == 1
    assert kb.match_name("John Doe").actor_id == "john-doe"
    assert kb.actor("iran").name == "Iran"  # curated wins


@pytest.mark.slow
def test_actors_phoenix_iran_entries_resolve(tmp_path):
    if not PHOENIX.exists():
        pytest.skip("../shared/data/phoenix not available")
    import_phoenix(PHOENIX, tmp_path, load_kb(include_user=False), {"IRN"})
    kb = KnowledgeBase(load_data([tmp_path], include_user=False))
    assert kb.match_name("Mehdi Bazargan").actor_id == "mehdi-bazargan"
    assert kb.match_name("Mohammad Reza Pahlavi").actor_id == "mohammad-reza-pahlavi"
    assert kb.match_name("Hassan Rowhani").actor_id == "hassan-rouhani"
    assert kb.holder("Iran's president", date(2014, 1, 1)).actor_id == "hassan-rouhani"
    from stancetrace.actors.validate import validate
    assert validate(kb) == []


def test_actors_cli_who_show_search_validate(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCETRACE_ACTORS", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(app, ["actors", "who", "supreme leader", "--on", "1988-07-20", "--country", "iran"])
    assert result.exit_code == 0 and result.output.startswith("ruhollah-khomeini")
    result = runner.invoke(app, ["actors", "who", "supreme leader", "--on", "1989-01-01..1990-01-01"])
    assert result.output.strip() == "unknown"
    assert "iran/supreme-leader" in runner.invoke(app, ["actors", "show", "mojtaba-khamenei"]).output
    assert "hassan-rouhani" in runner.invoke(app, ["actors", "search", "Rowhani"]).output
    assert runner.invoke(app, ["actors", "validate"]).exit_code == 0


def test_actors_cli_bad_input_is_a_numbered_error(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCETRACE_ACTORS", str(tmp_path))
    runner = CliRunner()
    assert "E204" in runner.invoke(app, ["actors", "show", "nobody"]).output
    assert "E206" in runner.invoke(app, ["actors", "who", "supreme leader", "--on", "July 1988"]).output
    assert "E205" in runner.invoke(app, ["actors", "who", "dog catcher", "--on", "1988-07-20"]).output
