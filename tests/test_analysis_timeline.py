"""Timelines keep undated and coarsely dated statements apart."""

from stancetrace.analysis.series import Selection, Statement, timeline


def _s(n, said_on, score):
    return Statement(f"#{n}", "a", "t", "REJECT" if score else None, score, said_on, "d", "x", "direct", n)


def test_analysis_timeline_undated_statements_are_listed_apart():
    t = timeline([_s(1, "2013-02-07", -0.4), _s(2, None, -0.4), _s(3, "2013", -0.4)], Selection("a", "t"), "month")
    assert [p.period for p in t.periods] == ["2013-02"]
    assert [s.id for s in t.undated] == ["#2"]
    assert [s.id for s in t.coarser] == ["#3"]


def test_analysis_timeline_period_lists_its_attribution_ids():
    t = timeline([_s(1, "2013-02-07", -0.4), _s(2, "2013-09-17", 0.35)], Selection("a", "t"), "year")
    (year,) = t.periods
    assert year.ids == ["#1", "#2"] and year.mean == round((-0.4 + 0.35) / 2, 3)
