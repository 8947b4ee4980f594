"""Reversals on the demo corpus as the real pipeline ingests it (parse, attribution, dates, coding)."""

from pathlib import Path

import pytest

from stancetrace.analysis import Selection, load_statements
from stancetrace.analysis.reversals import reversals
from stancetrace.pipeline import ingest
from stancetrace.store import open_store

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def demo_statements(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with open_store(db) as store:
        ingest([str(CORPUS)], store)
    return load_statements(db)


@pytest.mark.slow
def test_analysis_demo_reversals_khomeini_accepts_the_ceasefire_in_1988(demo_statements):
    found = reversals(demo_statements, Selection("ruhollah-khomeini", "issue:iran-iraq-ceasefire"))
    assert [(r.direction, r.after.statements[0].said_on[:7]) for r in found] == [("toward cooperation", "1988-07")]


@pytest.mark.slow
def test_analysis_demo_reversals_khamenei_heroic_flexibility_and_its_end(demo_statements):
    found = reversals(demo_statements, Selection("ali-khamenei", "issue:negotiation-with-us"))
    turns = [(r.direction, r.after.statements[0].said_on[:4]) for r in found]
    assert turns[0] == ("toward cooperation", "2013")
    assert turns[0][0] != turns[-1][0] and len(turns) == 2  # the 2013 opening ends: one return, no noise
    assert all(r.after.statements[0].said_on[:4] <= "2015" for r in found)  # nothing inside 2015-2025


@pytest.mark.slow
def test_analysis_demo_reversals_steady_rejection_of_the_us_is_no_shift(demo_statements):
    assert reversals(demo_statements, Selection("ali-khamenei", "united-states")) == []
