"""Quoted attributions that were missed, one family per test (needs the spaCy model).

Each text is made up; each family was measured on PolNeAR (issue 3, quoted recall).
"""

import pytest

from stancetrace.attribution import extract
from stancetrace.ingest import read_document


@pytest.fixture()
def attributions(tmp_path):
    def run(body):
        path = tmp_path / "a.txt"
        path.write_text("A headline\n\n" + body + "\n", encoding="utf-8")
        return {a.content: a for a in extract(read_document(path))}

    return run


def test_extract_quote_outside_mixed_content_keeps_its_cue(attributions):
    text = ("“That just isn’t fair,” Lane said. “You squeezed your tellers to the breaking point” to drive up "
            "the stock price and your pay, she said, alluding to the bank’s fierce drive to “cross-sell” or make "
            "customers open up more accounts.")
    atts = attributions(text)
    assert "cross-sell" in atts
    assert atts["cross-sell"].speaker_mention == "she"


def test_extract_short_sentence_quote_after_a_colon(attributions):
    text = ("With leaders worried about turnout, Governor Lane is rolling out a new and more personal "
            "campaign message: \"It's about me.\"")
    att = attributions(text)["It's about me."]
    assert att.cue == ":" and "Lane" in att.speaker_mention


def test_extract_short_question_takes_the_cue_after_it(attributions):
    text = "The crowd had gone quiet by then.\n\n“You winning?” she said, and turned back to the screen."
    att = attributions(text)["You winning?"]
    assert att.cue == "said" and att.speaker_mention == "she"


def test_extract_scare_quote_ending_a_sentence_is_not_a_sentence_quote(attributions):
    text = "The column closes with a clear hint about the candidate’s “health.”"
    assert "health." not in attributions(text)


def test_extract_closing_punctuation_inside_marks_keeps_the_cue(attributions):
    text = "Nine people were hurt by an explosion that the mayor described as “an intentional act.”"
    att = attributions(text)["an intentional act."]
    assert att.cue == "described" and att.speaker_mention == "the mayor"


def test_extract_comma_after_a_verb_introduces_the_quote(attributions):
    text = "She continued, “For us, all we are asking for is a chance to have our case heard in court.”"
    att = attributions(text)["For us, all we are asking for is a chance to have our case heard in court."]
    assert att.type == "direct" and att.cue == "continued" and att.speaker_mention == "She"


def test_extract_verbless_quote_with_trailing_dash_name(attributions):
    text = ("Readers sent us their verdicts on the debate.\n\n"
            "“No plan, no temper, a real fiasco from start to finish.” ― Oscar Perez\n\n"
            "The campaign did not answer.")
    att = attributions(text)["No plan, no temper, a real fiasco from start to finish."]
    assert att.cue == "―" and att.speaker_mention == "Oscar Perez"


def test_extract_short_quote_with_speech_tag_after_it(attributions):
    text = "Did that mean he would vote for the mayor?\n\n\"No, no, no, no,\" he said, laughing."
    att = attributions(text)["No, no, no, no,"]
    assert att.cue == "said" and att.speaker_mention == "he"


def test_extract_cue_before_comma_takes_a_short_quote(attributions):
    text = "Graham, who also campaigned in the state, tweeted, \"Thank you Indiana! #Graham2016\" on Friday."
    assert attributions(text)["Thank you Indiana! #Graham2016"].cue == "tweeted"


def test_extract_show_title_after_possessive_is_not_a_quote(attributions):
    text = "In an interview on CBS’s “Face the Nation,” the senator said the deal was “a disaster.”"
    atts = attributions(text)
    assert "Face the Nation," not in atts
    assert [a.cue for content, a in atts.items() if "a disaster" in content] == ["said"]


def test_extract_quote_after_headline_colon_is_quoted_words(attributions):
    text = "The paper used one of the voter’s remarks as its headline: “Finally. Someone who thinks like me.”"
    att = attributions(text)["Finally. Someone who thinks like me."]
    assert att.cue == ":" and att.speaker_mention == "The paper"


def test_extract_period_inside_marks_keeps_a_mixed_quote_mixed(attributions):
    text = "The minister welcomed the idea but said Washington first had to quiet its “threatening rhetoric.”"
    atts = attributions(text)
    att = atts["Washington first had to quiet its “threatening rhetoric"]
    assert att.type == "mixed" and att.cue == "said"
    assert "the idea" not in atts  # the act the quote reports, not a second statement


def test_extract_title_after_a_title_word_is_still_filtered(attributions):
    text = "She wrote a column headlined “Why the Deal Will Fail” for the weekly."
    assert "Why the Deal Will Fail" not in attributions(text)




def test_extract_title_cased_sentence_is_a_title_not_a_quote(attributions):
    text = "Lane is the co-host of a weekly politics programme: “So, That Happened.”"
    atts = attributions(text)
    assert "So, That Happened." not in atts
    text = "Lane summed up the week for listeners: “So, that happened.”"
    assert attributions(text)["So, that happened."].cue == ":"
