"""Which expression dates which attribution, and the fallbacks (date_attributions)."""

from __future__ import annotations

from stancetrace.records import Attribution, Document, Span
from stancetrace.time import date_attributions


def document(text: str, published: str | None = None, published_range=None) -> Document:
    return Document(doc="t.txt", id="0", source="t.txt", media_type="text/plain", text=text,
                    body_start=0, body_end=len(text), published=published, published_range=published_range)


def attribution(text: str, cue: str | None, content: str, nth_cue: int = 0) -> Attribution:
    start = text.index(content)
    a = Attribution(doc="t.txt", content=content, content_start=start, content_end=start + len(content),
                    type="direct")
    if cue is not None:
        at = -1
        for _ in range(nth_cue + 1):
            at = text.index(cue, at + 1)
        a.cue, a.cue_start, a.cue_end = cue, at, at + len(cue)
    return a


def dated(text, published, *specs, published_range=None):
    atts = [attribution(text, *spec) for spec in specs]
    out = date_attributions(document(text, published, published_range), atts)
    return [(a.said_on, a.said_on_basis) for a in out]


def test_statements_date_in_the_cue_sentence():
    text = "The minister spoke on March 3, saying “we will not negotiate.”"
    assert dated(text, "2015-04-01", ("saying", "we will not negotiate.")) == [("2015-03-03", "explicit")]


def test_statements_evidence_span_points_at_the_expression():
    text = "The minister spoke on March 3, saying “we will not negotiate.”"
    doc = document(text, "2015-04-01")
    (a,) = date_attributions(doc, [attribution(text, "saying", "we will not negotiate.")])
    assert text[a.said_on_start : a.said_on_end] == "March 3"
    assert a.said_on_granularity == "day"


def test_statements_date_inside_the_quote_does_not_date_the_statement():
    text = "The cleric said: “In 1979 we took the embassy.”"
    assert dated(text, "2015-04-01", ("said", "In 1979 we took the embassy.")) == [("2015", "document")]


def test_statements_on_sunday_resolves_against_the_publication_day():
    text = "The president said on Sunday that talks would resume."
    assert dated(text, "2024-05-14", ("said", "talks would resume")) == [("2024-05-12", "relative")]


def test_statements_each_speaker_takes_the_date_of_its_own_clause():
    text = ("In 2013, the adviser said, “the ring holds,” and this past May, the general, "
            "who served from 2010 to 2012, repeated it: “it still holds.”")
    assert dated(text, "2014-09-02", ("said", "the ring holds,"), ("repeated", "it still holds.")) == [
        ("2013", "explicit"),
        ("2014-05", "relative"),
    ]


def test_statements_opening_date_carries_to_the_next_sentences_of_the_paragraph():
    text = ("In a June 4 sermon, the cleric warned that “the enemy is near.” He added that "
            "“patience wins.”\nThe minister disagreed with him.")
    out = dated(text, "2010-07-01", ("warned", "the enemy is near."), ("added", "patience wins."),
                ("disagreed", "with him"))
    assert out == [("2010-06-04", "explicit"), ("2010-06-04", "explicit"), ("2010", "document")]


def test_statements_a_week_later_chains_from_the_previous_statement():
    text = ("The commanders signed a letter on July 23, pledging “support.” A week later, the general "
            "wrote a letter repeating “victory is near.”")
    out = dated(text, "2014-09-02", ("pledging", "support."), ("wrote", "victory is near."))
    assert out == [("2014-07-23", "explicit"), ("2014-07-30", "relative")]


def test_statements_even_then_points_back_to_the_date_just_given():
    text = "He accepted the truce in August 1988. Even then, he lamented: “this is poison.”"
    assert dated(text, None, ("lamented", "this is poison.")) == [("1988-08", "explicit")]


def test_statements_relative_phrase_in_undated_article_is_unknown():
    text = "The leader denounced the plan yesterday and insisted that talks were useless."
    assert dated(text, None, ("insisted", "talks were useless")) == [(None, "unknown")]


def test_statements_no_expression_and_no_document_date_is_unknown():
    text = "The leader insisted that talks were useless."
    assert dated(text, None, ("insisted", "talks were useless")) == [(None, "unknown")]


def test_statements_document_fallback_gives_the_year():
    text = "The leader insisted that talks were useless."
    assert dated(text, "2014-09-02", ("insisted", "talks were useless")) == [("2014", "document")]


def test_statements_habitual_reports_have_no_date():
    text = "As he often repeats, resistance works. He contends that the West lies. He long described talks as taboo."
    out = dated(text, "2014-09-02", ("repeats", "resistance works"), ("contends", "the West lies"),
                ("described", "talks as taboo"))
    assert out == [(None, "unknown")] * 3


def test_statements_present_tense_plural_is_a_current_report():
    text = "Some analysts say that a deal is close."
    assert dated(text, "2014-09-02", ("say", "a deal is close")) == [("2014", "document")]


def test_statements_no_cue_gets_no_document_date():
    text = "His “prudent resistance” doctrine endures."
    assert dated(text, "2014-09-02", (None, "prudent resistance")) == [(None, "unknown")]


def test_statements_outer_report_of_a_dated_meeting_is_unknown():
    text = ("In 2001, the leader met the prime minister. The prime minister recounted how the "
            "leader said that war was coming.")
    out = dated(text, "2026", ("recounted", "the leader said that war was coming"),
                ("said", "war was coming"))
    assert out == [(None, "unknown"), ("2001", "explicit")]


def test_statements_footnote_marker_lends_the_note_date():
    text = "According to an analysis [ii] by the institute, “resistance is key.”\n[ii] The Institute, Policy Brief, March 2014."
    assert dated(text, "2014-09-02", ("According to", "resistance is key.")) == [("2014-03", "explicit")]


def test_statements_future_year_does_not_date_a_statement():
    text = "The president, whose term ends in 2021, said that talks were over."
    assert dated(text, "2019", ("said", "talks were over")) == [("2019", "document")]


def test_statements_decade_blocks_the_document_fallback():
    text = "In the 1980s, the ayatollah vowed that “we will fight on.”"
    assert dated(text, "2019", ("vowed", "we will fight on.")) == [(None, "unknown")]


def test_statements_empty_input_returns_empty():
    assert date_attributions(document("Nothing here.", "2014"), []) == []


def test_statements_inputs_are_not_modified_and_order_is_kept():
    text = "B said on May 2 that yes. A said on May 1 that no."
    atts = [attribution(text, "said", "yes", 0), attribution(text, "said", "no", 1)]
    out = date_attributions(document(text, "2014-06-01"), list(reversed(atts)))
    assert [a.said_on for a in out] == ["2014-05-01", "2014-05-02"]
    assert atts[0].said_on is None


def test_statements_dates_in_excluded_page_chrome_are_ignored():
    text = "The leader said, in a caption dated June 1, 2014, that talks were useless."
    doc = document(text, "2014-09-02")
    doc.body_excluded = [Span(text.index("in a caption"), text.index(", that"))]
    (a,) = date_attributions(doc, [attribution(text, "said", "talks were useless")])
    assert (a.said_on, a.said_on_basis) == ("2014", "document")
