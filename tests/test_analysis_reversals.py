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


def test_analysis_reversals_year_only_date_is_a_range_not_january_first():
    series = ([_s(i, f"2013-02-0{i + 1}", "REJECT", -0.4) for i in range(3)] + [_s(9, "2013", "SUPPORT", 0.35)]
              + [_s(i, f"2013-09-0{i - 3}", "SUPPORT", 0.35) for i in range(4, 7)])
    (shift,) = reversals(series, Selection("a", "t"))
    assert "#9" not in [s.id for s in shift.before.statements + shift.after.statements]
    assert [s.id for s in shift.unplaced] == ["#9"]  # "2013" straddles the Feb -> Sep cut


def test_analysis_reversals_coarse_date_inside_one_side_is_placed_there():
    series = ([_s(i, f"1987-0{i + 1}-10", "REJECT", -0.4) for i in range(3)] + [_s(8, "1988-07", "CONCEDE", 0.5)]
              + [_s(i, f"1988-07-2{i - 3}", "AGREE", 0.4) for i in range(4, 7)])
    (shift,) = reversals(series, Selection("a", "t"))
    assert [s.id for s in shift.after.coarse] == ["#8"] and not shift.unplaced
