"""Reversals on a constructed series and on the demo corpus gold (built from gold records, so
the test does not depend on the extractor)."""

from pathlib import Path

from stancetrace.analysis.reversals import MIN_EVIDENCE, reversals
from stancetrace.analysis.series import Selection, Statement, from_records
from stancetrace.coding.rules import load_rules

GOLD = Path(__file__).parent.parent / "examples" / "corpus" / "gold" / "corpus.attributions.jsonl"


def _s(n, said_on, event, score):
    return Statement(f"#{n}", "a", "t", event, score, said_on, "d", "x", "direct", n)


def test_analysis_reversals_needs_minimum_evidence_on_each_side():
    few = [_s(i, f"200{i}", "REJECT", -0.4) for i in range(MIN_EVIDENCE)] + [_s(9, "2009", "SUPPORT", 0.35)]
    assert reversals(few, Selection("a", "t")) == []


def test_analysis_reversals_names_statements_before_and_after():
    series = [_s(i, f"200{i}", "REJECT", -0.4) for i in range(3)] + [_s(i, f"201{i}", "SUPPORT", 0.35) for i in range(3)]
    (shift,) = reversals(series, Selection("a", "t"))
    assert [s.id for s in shift.before.statements] == ["#0", "#1", "#2"]
    assert shift.after.statements[0].said_on == "2010"


def test_analysis_reversals_demo_corpus_ceasefire_and_heroic_flexibility():
    statements = from_records(GOLD, load_rules())
    (ceasefire,) = reversals(statements, Selection("ruhollah-khomeini", "issue:iran-iraq-ceasefire"))
    assert ceasefire.after.statements[0].said_on.startswith("1988-07")
    turns = reversals(statements, Selection("ali-khamenei", "issue:negotiation-with-us"))
    # The 2013 turn, and (honestly reported) the 2015 return to rejection; nothing after.
    assert [r.after.statements[0].said_on[:7] for r in turns] == ["2013-09", "2015-09"]


def test_analysis_reversals_steady_rejection_of_the_us_is_no_shift():
    statements = from_records(GOLD, load_rules())
    assert reversals(statements, Selection("ali-khamenei", "united-states")) == []
    assert reversals(statements, Selection("ali-khamenei", "issue:negotiation-with-us", since="2015")) == []
