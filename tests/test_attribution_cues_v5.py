"""What rule set stancetrace.cues.v5 adds to v4, each on small made-up texts (needs the
spaCy model): the content and speaker of each new construction, and its near misses."""

from stancetrace.attribution.extract import Options
from stancetrace.attribution.lexicon import DATA_DIR


def _contents(atts):
    return {a.content: a for a in atts}


def test_cues_v5_records_carry_the_new_rule_version(attributions):
    (att,) = attributions("The mayor said the budget vote would wait until March.")
    assert att.rules == "stancetrace.cues.v5"


def test_cues_v5_gerund_after_the_cue_is_the_content(attributions):
    att = _contents(attributions("The senator suggested closing the old plant by the end of the year."))[
        "closing the old plant by the end of the year"]
    assert att.cue == "suggested" and att.speaker_mention == "The senator"


def test_cues_v5_contracted_has_is_a_perfect_not_a_passive(attributions):
    att = _contents(attributions("Ruiz has been clear. She's said the council will not raise the fare."))[
        "the council will not raise the fare"]
    assert att.speaker_mention == "She"


def test_cues_v5_contracted_is_with_an_infinitive_stays_a_passive(attributions):
    assert attributions("The mayor's said to be furious with the council.") == []


def test_cues_v5_speech_tag_closing_the_sentence_tags_the_clause_before(attributions):
    atts = _contents(attributions(
        "The transit authority has also cut the late buses on three routes, the union's president told reporters."))
    att = atts["The transit authority has also cut the late buses on three routes"]
    assert att.cue == "told" and "president" in att.speaker_mention


def test_cues_v5_a_participle_after_a_comma_is_not_a_speech_tag(attributions):
    assert attributions("The mayor opened the new library on Monday, adding a wing for children.") == []


def test_cues_v5_made_clear_reports_its_clause(attributions):
    for text in ("The governor made clear that she would veto the bill.",
                 "The governor made it clear that she would veto the bill."):
        att = _contents(attributions(text))["she would veto the bill"]
        assert att.speaker_mention == "The governor"


def test_cues_v5_as_she_put_it_vouches_for_the_quote(attributions):
    (att,) = attributions("As the mayor put it, “The buses will run on time or not at all.”")
    assert att.type == "direct" and att.cue == "put it" and att.speaker_mention == "the mayor"


def test_cues_v5_apology_for_a_noun_phrase(attributions):
    att = _contents(attributions("The governor apologized for the delays in the payments."))["the delays in the payments"]
    assert att.cue == "apologized for"


def test_cues_v5_poll_opening_the_sentence_is_its_source(attributions):
    att = _contents(attributions("In the latest city poll, Ruiz led the mayor by nine points."))[
        "Ruiz led the mayor by nine points"]
    assert att.cue == "In" and att.speaker_mention == "the latest city poll"


def test_cues_v5_poll_describing_a_noun_is_no_source(attributions):
    assert attributions("Ruiz, who is third in the latest city poll, opened an office downtown.") == []


def test_cues_v5_according_to_keeps_a_clause_with_a_report_nested_inside(attributions):
    text = "Ruiz won most of the voters who believe the fare is too high, according to exit polls."
    att = _contents(attributions(text))["Ruiz won most of the voters who believe the fare is too high"]
    assert att.cue == "according to"


def test_cues_v5_according_to_still_gives_way_to_a_report_of_its_own(attributions):
    atts = attributions("The fare will not rise, the mayor said, according to the city's news service.")
    assert [a.cue for a in atts] == ["said"]


def test_cues_v5_object_of_a_relative_clause_is_what_was_reported(attributions):
    atts = _contents(attributions("He rejected the plan the mayor described on Monday."))
    assert atts["the plan"].cue == "described" and atts["the plan"].speaker_mention == "the mayor"


def test_cues_v5_conjunct_keeps_its_subject_across_a_relative_clause(attributions):
    atts = _contents(attributions(
        "The mayor has attacked loopholes that benefit developers, and has called for closing them this year."))
    assert atts["closing them this year"].speaker_mention == "The mayor"


def test_cues_v5_v4_rules_still_select_the_old_behaviour_for_new_cues(attributions):
    atts = attributions("The governor apologized for the delays in the payments.",
                        Options(rules=str(DATA_DIR / "cues.v4.yaml")))
    assert atts == []
