"""Resolving expressions against a reference date: weekday arithmetic, year boundaries,
coarse references, chaining."""

from __future__ import annotations

from stancetrace.time import Reference, find_expressions, resolve_all


def resolve(text: str, published: str | None, published_range=None) -> list[tuple[str | None, str]]:
    reference = Reference.from_document(published, published_range)
    return [(r.value, r.basis) for r in resolve_all(find_expressions(text), reference)]


def test_calendar_on_sunday_in_a_tuesday_article_is_the_sunday_before():
    # 2024-05-14 is a Tuesday
    assert resolve("on Sunday", "2024-05-14") == [("2024-05-12", "relative")]


def test_calendar_weekday_of_the_publication_day_is_that_same_day():
    # decided: news style names today's weekday ("said on Tuesday" in Tuesday's paper)
    assert resolve("on Tuesday", "2024-05-14") == [("2024-05-14", "relative")]
    assert resolve("last Tuesday", "2024-05-14") == [("2024-05-07", "relative")]
    assert resolve("next Tuesday", "2024-05-14") == [("2024-05-21", "relative")]


def test_calendar_yesterday_today_last_week():
    assert resolve("yesterday", "2024-05-14") == [("2024-05-13", "relative")]
    assert resolve("today", "2024-05-14") == [("2024-05-14", "relative")]
    # last week is Monday 6 to Sunday 12 May: only the month is sure
    assert resolve("last week", "2024-05-14") == [("2024-05", "relative")]
    # from Tuesday 7 May, last week runs 29 April to 5 May: only the year is sure
    assert resolve("last week", "2024-05-07") == [("2024", "relative")]


def test_calendar_month_day_takes_the_year_of_the_reference():
    assert resolve("on November 9", "2008-11-12") == [("2008-11-09", "explicit")]
    assert resolve("in an October 30 speech", "2008-11-12") == [("2008-10-30", "explicit")]


def test_calendar_december_in_a_january_article_is_the_previous_year():
    assert resolve("on December 20", "2015-01-05") == [("2014-12-20", "explicit")]
    assert resolve("in December", "2015-01-05") == [("2014-12", "explicit")]


def test_calendar_this_past_may_and_last_may():
    assert resolve("this past May", "2014-09-02") == [("2014-05", "relative")]
    assert resolve("last May", "2014-05-20") == [("2013-05", "relative")]


def test_calendar_explicit_years_need_no_reference():
    assert resolve("In 2013, he said", None) == [("2013", "explicit")]
    assert resolve("in August 1988", None) == [("1988-08", "explicit")]


def test_calendar_decade_resolves_to_unknown():
    assert resolve("In the 1980s, he said", "2019") == [(None, "unknown")]


def test_calendar_relative_phrase_in_an_undated_article_is_unknown():
    assert resolve("yesterday", None) == [(None, "unknown")]
    assert resolve("on May 14", None) == [(None, "unknown")]


def test_calendar_narrow_range_gives_only_the_coarse_value():
    # undated article whose content bounds it to one year: yesterday is in 2014, no more
    assert resolve("yesterday", None, ("2014-06-29", "2014-12-31")) == [("2014", "relative")]
    # a range over two years tells nothing
    assert resolve("yesterday", None, ("2014-06-29", "2015-10-31")) == [(None, "unknown")]


def test_calendar_year_only_document_gives_no_day_for_relative_phrases():
    assert resolve("on Sunday", "2019") == [(None, "unknown")]
    assert resolve("on May 14", "2019", ("2019-05-14", "2019-12-31")) == [("2019-05-14", "explicit")]


def test_calendar_a_week_later_counts_from_the_previous_date():
    text = "They signed a letter on July 23. A week later, he wrote another."
    assert resolve(text, "2014-09-02") == [("2014-07-23", "explicit"), ("2014-07-30", "relative")]


def test_calendar_chaining_crosses_month_and_year_ends():
    assert resolve("On December 30, 2013 he spoke, and four days later he wrote", None) == [
        ("2013-12-30", "explicit"),
        ("2014-01-03", "relative"),
    ]


def test_calendar_chaining_without_a_previous_date_is_unknown():
    assert resolve("The next day, he wrote", "2014-09-02") == [(None, "unknown")]


def test_calendar_years_ago_keeps_year_precision():
    assert resolve("twenty-nine years ago", "2008-11-12") == [("1979", "relative")]


def test_calendar_seasons():
    assert resolve("in the summer of 2013", None) == [("2013", "explicit")]
    assert resolve("last summer", "2014-09-02") == [("2014", "relative")]
    assert resolve("last summer", "2014-07-02") == [("2013", "relative")]


def test_calendar_future_dates_are_flagged_after_the_reference():
    (r,) = resolve_all(find_expressions("his term ends in 2021"), Reference.from_value("2019"))
    assert r.after_reference and r.value == "2021"


def test_calendar_impossible_day_is_unknown_not_an_error():
    assert resolve("on February 30", "2014-09-02") == [(None, "unknown")]
