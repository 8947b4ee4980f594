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


def test_statements_lead_event_dates_later_reports_of_its_speaker():
    text = ("Ayatollah Ali Khamenei yesterday rejected the offer.\n\n"
            "“We will not negotiate,” Khamenei said. Analysts said little.")
    a = attribution(text, "said", "We will not negotiate,")
    a.speaker = "ali-khamenei"
    b = attribution(text, "said", "little", nth_cue=1)
    (first, second) = date_attributions(document(text, "2013-02-08"), [a, b])
    assert (first.said_on, first.said_on_basis) == ("2013-02-07", "relative")
    assert (second.said_on, second.said_on_basis) == ("2013", "document")


def test_statements_same_speaker_keeps_the_news_day_over_a_flashback():
    text = ("Khamenei said yesterday “talks are possible.”\n\n"
            "In February he had said “talks are useless.”\n\n"
            "“The guards must stay out of politics,” Khamenei said.")
    specs = [("said", "talks are possible."), ("said", "talks are useless.", 1),
             ("said", "The guards must stay out of politics,", 2)]
    atts = [attribution(text, *spec) for spec in specs]
    for a in atts:
        a.speaker = "ali-khamenei"
    out = date_attributions(document(text, "2013-09-18"), atts)
    assert [a.said_on for a in out] == ["2013-09-17", "2013-02", "2013-09-17"]


def test_statements_other_speakers_date_does_not_carry():
    text = "Obama's video, released on Friday, urged a new start. Khamenei replied that words were not enough."
    a = attribution(text, "urged", "a new start")
    a.speaker = "barack-obama"
    b = attribution(text, "replied", "words were not enough")
    b.speaker = "ali-khamenei"
    out = date_attributions(document(text, "2009-03-22"), [a, b])
    assert [x.said_on for x in out] == ["2009-03-20", "2009"]


def test_statements_pronoun_sentence_continues_the_sentence_before():
    text = "Biden was asked in an interview on Sunday whether to lift sanctions. He replied that he would not."
    assert dated(text, "2021-02-09", ("replied", "he would not")) == [("2021-02-07", "relative")]


def test_statements_chained_phrase_counts_from_the_statement_before():
    text = ("The leader said on Tuesday “we are ready.” Talks had stalled in June. "
            "The president had made the same point the day before: “we are ready too.”")
    out = dated(text, "2013-09-18", ("said", "we are ready."), ("had made the same point", "we are ready too."))
    assert out == [("2013-09-17", "relative"), ("2013-09-16", "relative")]


def test_statements_soft_wrapped_lines_form_one_sentence():
    text = "This past May, in a meeting with officials, the leader\nwarned that “war will not come.”"
    assert dated(text, "2019-11-20", ("warned", "war will not come.")) == [("2019-05", "relative")]


def test_statements_aside_between_date_and_cue_does_not_cut_them():
    text = "Writing on 17 July 1988, while still president, he declared that Iran accepts."
    assert dated(text, "1989-06-05", ("declared", "Iran accepts")) == [("1988-07-17", "explicit")]


def test_statements_more_than_once_is_habitual():
    text = "The president has said more than once that he is ready to talk."
    assert dated(text, "2013-02-08", ("has said", "he is ready to talk")) == [(None, "unknown")]


def test_statements_named_word_takes_the_date_of_the_quote_it_refers_to():
    text = ("The leader said yesterday “the proof is experience.”\n\n"
            "What the leader calls “experience” is the record of 2018.")
    a = attribution(text, "said", "the proof is experience.")
    b = attribution(text, "calls", "experience”")  # the second "experience", closing mark included
    for x in (a, b):
        x.speaker = "ali-khamenei"
    out = date_attributions(document(text, "2025-02-08"), [a, b])
    assert [x.said_on for x in out] == ["2025-02-07", "2025-02-07"]


def test_statements_cueless_quote_after_a_quote_of_its_speaker_shares_its_date():
    text = "“War will not happen,” Khamenei said on Monday. “Talks are forbidden.”"
    a = attribution(text, "said", "War will not happen,")
    b = attribution(text, None, "Talks are forbidden.")
    for x in (a, b):
        x.speaker = "ali-khamenei"
    out = date_attributions(document(text, "2018-08-14"), [a, b])
    assert [x.said_on for x in out] == ["2018-08-13", "2018-08-13"]


def with_speakers(atts, *speakers):
    for a, s in zip(atts, speakers):
        a.speaker = s
    return atts


def test_statements_background_date_in_a_follow_on_sentence_gives_way_to_the_frame():
    text = ("In an October 30 speech, the leader reiterated that “the gap is deep.” He urged Iranians to "
            "read the documents seized twenty-nine years ago, saying that “they show the truth.” "
            "The leader added, “the hatred is deep.”")
    atts = with_speakers([attribution(text, "reiterated", "the gap is deep."),
                          attribution(text, "saying", "they show the truth."),
                          attribution(text, "added", "the hatred is deep.")], "k", "k", "k")
    out = date_attributions(document(text, "2008-11-12"), atts)
    assert [(a.said_on, a.said_on_basis) for a in out] == [("2008-10-30", "explicit")] * 3


def test_statements_pluperfect_cue_keeps_its_own_older_date():
    text = ("In an October 30 speech, the leader reiterated that “the gap is deep.” He had said in 2001 "
            "that “talks are poison.”")
    atts = with_speakers([attribution(text, "reiterated", "the gap is deep."),
                          attribution(text, "said", "talks are poison.")], "k", "k")
    out = date_attributions(document(text, "2008-11-12"), atts)
    assert [a.said_on for a in out] == ["2008-10-30", "2001"]


def test_statements_frame_does_not_carry_to_another_named_speaker():
    text = "On Monday the speaker said that the decision was made. In New York, the envoy said a truce could follow."
    atts = with_speakers([attribution(text, "said", "the decision was made"),
                          attribution(text, "said", "a truce could follow", 1)], "rafsanjani", "envoy")
    out = date_attributions(document(text, "1988-07-21"), atts)
    assert [(a.said_on, a.said_on_basis) for a in out] == [("1988-07-18", "relative"), ("1988", "document")]


def test_statements_colon_after_a_named_speaker_takes_the_paragraph_frame():
    text = ("In an October 30 speech, the leader said that ties were “beyond politics.” "
            "The leader went further: “The hatred is deep.”")
    atts = with_speakers([attribution(text, "said", "beyond politics."),
                          attribution(text, ":", "The hatred is deep.")], "k", "k")
    atts[1].speaker_start = text.index("The leader went")
    atts[1].speaker_end = atts[1].speaker_start + len("The leader")
    out = date_attributions(document(text, "2008-11-14"), atts)
    assert [a.said_on for a in out] == ["2008-10-30", "2008-10-30"]


def test_statements_bare_colon_stays_undated():
    text = "The doctrine is clear: “resistance is the only path.”"
    out = date_attributions(document(text, "2014-09-02"), [attribution(text, ":", "resistance is the only path.")])
    assert [(a.said_on, a.said_on_basis) for a in out] == [(None, "unknown")]


def test_statements_quote_running_over_paragraphs_shares_the_document_date():
    text = ("“The ceasefire taught the system a lesson,” said the historian. “Whoever leads next inherits it.\n\n"
            "“What nobody can say is whether he will use it.”")
    atts = [attribution(text, "said", "The ceasefire taught the system a lesson,"),
            attribution(text, None, "Whoever leads next inherits it."),
            attribution(text, None, "What nobody can say is whether he will use it.")]
    out = date_attributions(document(text, "1989-06-05"), with_speakers(atts, "h", "h", "h"))
    assert [(a.said_on, a.said_on_basis) for a in out] == [("1989", "document")] * 3


def test_statements_opening_word_pattern_matches_where_one_pattern_per_word_would():
    import re

    from stancetrace.time.statements import _opening_word

    adverbs = ("more than once", "repeatedly", "often", "again and again")
    for text in ("  repeatedly, in speeches", "more than once before", "oftentimes", "often.", "never", ""):
        one_each = any(re.match(rf"\s*{re.escape(a)}\b", text) for a in adverbs)
        assert bool(_opening_word(adverbs, r"\b", r"\s*").match(text)) == one_each
    assert _opening_word((), r"\b").match("anything") is None
