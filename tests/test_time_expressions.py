"""Finding temporal expressions: one test per expression family, plus false friends."""

from __future__ import annotations

import pytest

from stancetrace.time import find_expressions


def found(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.kind) for e in find_expressions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He spoke on November 9, 2008, in Tehran.", ("November 9, 2008", 2008, 11, 9)),
        ("He spoke on 9 November 2008 in Tehran.", ("9 November 2008", 2008, 11, 9)),
        ("Filed 2008-11-09.", ("2008-11-09", 2008, 11, 9)),
        ("Nov. 12, 2008", ("Nov. 12, 2008", 2008, 11, 12)),
    ],
)
def test_expressions_full_dates_give_year_month_and_day(text, expected):
    (e,) = find_expressions(text)
    assert (e.text, e.year, e.month, e.day) == expected
    assert e.kind == "date" and e.basis == "explicit"


def test_expressions_month_day_without_year_is_kept_for_the_reference():
    assert found("In an October 30 speech, he said") == [("October 30", "month_day")]
    assert found("During remarks on May 14, Khamenei called") == [("May 14", "month_day")]


def test_expressions_month_year_and_bare_month():
    assert found("in May 2013 he said") == [("May 2013", "month_year")]
    assert found("in early May he said") == [("in early May", "month")]


def test_expressions_this_past_may_is_relative():
    (e,) = find_expressions("and this past May, the general reiterated")
    assert (e.text, e.kind, e.modifier, e.basis) == ("this past May", "month", "relative_past", "relative")


def test_expressions_years_decades_ranges_and_limits():
    assert found("In 2001, he met Aznar") == [("In 2001", "year")]
    assert found("In the 1980s, Khomeini said") == [("In the 1980s", "decade")]
    assert found("who was the lead from 2012 to 2014, said") == [("from 2012 to 2014", "range")]
    assert found("he has said so since 2001") == [("since 2001", "boundary")]


def test_expressions_attributive_year_with_preposition_only():
    assert found("the 1991 U.S.-led coalition") == []
    assert found("in a 2013 interview") == [("in a 2013", "year")]


def test_expressions_weekdays_with_their_modifiers():
    assert [(e.text, e.weekday, e.modifier) for e in find_expressions("said on Sunday night")] == [
        ("on Sunday night", 6, "explicit")
    ]
    assert [e.modifier for e in find_expressions("last Tuesday")] == ["strict_past"]


def test_expressions_weekday_before_a_date_is_part_of_the_date():
    assert found("Sunday, May 12, 2024") == [("May 12, 2024", "date")]


@pytest.mark.parametrize(
    "text, unit, amount",
    [
        ("yesterday", "day", (-1, -1)),
        ("today", "day", (0, 0)),
        ("last week", "week", (-1, -1)),
        ("earlier this month", "month", (0, 0)),
        ("twenty-nine years ago", "year", (-29, -29)),
        ("3 days ago", "day", (-3, -3)),
    ],
)
def test_expressions_relative_to_the_document_date(text, unit, amount):
    (e,) = find_expressions(text)
    assert (e.unit, e.amount, e.basis) == (unit, amount, "relative")


@pytest.mark.parametrize(
    "text, unit, amount",
    [
        ("A week later, he wrote", "week", (1, 1)),
        ("four days later", "day", (4, 4)),
        ("the next day", "day", (1, 1)),
        ("two weeks earlier", "week", (-2, -2)),
        ("several days later", "day", (2, 9)),
    ],
)
def test_expressions_chained_to_the_previous_date(text, unit, amount):
    (e,) = find_expressions(text)
    assert (e.kind, e.unit, e.amount) == ("chained", unit, amount)


def test_expressions_seasons_need_a_year_or_a_modifier():
    assert found("in the summer of 2013") == [("in the summer of 2013", "season")]
    assert found("last summer") == [("last summer", "season")]
    assert found("The fall of Mosul to ISIS") == []


@pytest.mark.parametrize(
    "text",
    [
        "Khamenei may be hoping to stall",
        "May God protect us",
        "the March from Karbala",
        "an open letter titled “Million Man March to the Capital”",
        "the Arab Spring",
        "on Bloody Sunday",
        "an august body",
    ],
)
def test_expressions_false_friends_are_not_dates(text):
    assert find_expressions(text) == []


def test_expressions_false_friend_leaves_the_real_date_beside_it():
    text = "signed a letter titled “Million Man March from Karbala” on July 23, pledging"
    assert found(text) == [("July 23", "month_day")]


def test_expressions_spans_index_the_text():
    text = "Larijani spoke on November 9, saying so."
    (e,) = find_expressions(text, 5, len(text))
    assert text[e.start : e.end] == e.text == "November 9"


def test_expressions_found_at_a_sentence_start_and_in_long_phrases():
    assert found("Yesterday, he said") == [("Yesterday", "relative_day")]
    assert found("the day before yesterday") == [("the day before yesterday", "relative_day")]
    assert found("Twenty-nine years ago, students") == [("Twenty-nine years ago", "ago")]


@pytest.mark.parametrize("text", ["Over the last year he hardened.", "In the last week of the talks he spoke.",
                                  "He ruled for 30 years.", "For twenty-nine years he refused."])
def test_expressions_durations_are_not_dates(text):
    assert found(text) == []


def test_expressions_since_last_year_is_a_limit_not_a_date():
    (e,) = find_expressions("He has refused since last year.")
    assert (e.text, e.kind, e.can_date) == ("last year", "boundary", False)
