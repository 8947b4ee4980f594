"""Beliefs in or out: by default a state of mind the writer describes ("X believes that
...") is not an attribution (SCHEMA.md: a speaker saying something); `--beliefs` reports it,
as PolNeAR's guideline does. Needs the spaCy model."""

import json

from typer.testing import CliRunner

from stancetrace.attribution import extract
from stancetrace.attribution.extract import Options
from stancetrace.cli import app
from stancetrace.ingest import read_document

BELIEF = "The minister firmly believes that the new tax will pass."
SPEECH = "The minister said that the new tax will pass."


def _article(tmp_path, body):
    path = tmp_path / "a.txt"
    path.write_text("A headline\n\n" + body + "\n", encoding="utf-8")
    return path


def test_beliefs_are_left_out_by_default_and_reported_on_request(tmp_path):
    document = read_document(_article(tmp_path, BELIEF))
    assert extract(document) == []
    [belief] = extract(document, options=Options(beliefs=True))
    assert (belief.type, belief.cue, belief.content) == ("indirect", "believes", "the new tax will pass")


def test_beliefs_option_leaves_what_was_said_unchanged(tmp_path):
    document = read_document(_article(tmp_path, SPEECH))
    plain = [a.to_record() for a in extract(document)]
    assert plain and plain == [a.to_record() for a in extract(document, options=Options(beliefs=True))]


def test_beliefs_flag_on_the_extract_command(tmp_path):
    path = _article(tmp_path, BELIEF)
    runner = CliRunner()
    without = runner.invoke(app, ["extract", str(path)])
    with_beliefs = runner.invoke(app, ["extract", str(path), "--beliefs"])
    assert without.exit_code == 0 and without.stdout.strip() == ""
    [record] = [json.loads(line) for line in with_beliefs.stdout.splitlines()]
    assert record["cue"] == "believes" and record["content"] == "the new tax will pass"
