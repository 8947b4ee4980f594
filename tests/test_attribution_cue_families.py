"""Cue families of the shipped cue rule set (stancetrace.cues.v5), each on small made-up texts (needs the
spaCy model): what is reported, with which content, and what is not an attribution."""

from stancetrace.attribution.extract import _paragraph_doc


def _contents(atts):
    return {a.content: a for a in atts}


# --- paragraphs ------------------------------------------------------------------------


def test_cue_families_each_paragraph_opens_a_sentence():
    from stancetrace.nlp import load_model

    nlp = load_model()
    doc = nlp(_paragraph_doc(nlp, "The mayor spoke at noon.”\n\nCouncil member Dana Ruiz said the vote would wait."))
    dana = next(t for t in doc if t.text == "Council")
    assert dana.is_sent_start


def test_cue_families_cue_after_a_paragraph_break_keeps_its_own_clause(attributions):
    text = ("“We will not raise the fare this year,” the mayor said. “Riders have paid enough.”\n\n"
            "Council member Dana Ruiz said the budget vote would wait until March.")
    att = _contents(attributions(text))["the budget vote would wait until March"]
    assert att.cue == "said" and att.speaker_mention == "Dana Ruiz"


# --- what is reported ------------------------------------------------------------------


def test_cue_families_speech_verb_with_a_prepositional_object(attributions):
    atts = _contents(attributions("The governor responded to the mayor's remarks."))
    assert atts["the mayor's remarks"].cue == "responded to"


def test_cue_families_particle_object_is_the_content(attributions):
    atts = _contents(attributions("The senator accused the mayor of hiding the audit from voters."))
    att = atts["hiding the audit from voters"]
    assert att.cue == "accused" and att.speaker_mention == "The senator"


def test_cue_families_one_word_name_is_an_object_a_pronoun_is_not(attributions):
    assert "Ruiz" in _contents(attributions("The union endorsed Ruiz on Friday."))
    assert attributions("The union denounced it on Friday.") == []


def test_cue_families_clause_opened_by_the_particle(attributions):
    atts = _contents(attributions("The mayor is calling for the state to fund the new bridge."))
    att = atts["the state to fund the new bridge"]
    assert att.cue == "calling for" and att.speaker_mention == "The mayor"


def test_cue_families_indirect_question(attributions):
    atts = _contents(attributions("The candidate asked the workers if they planned to vote in March."))
    assert atts["they planned to vote in March"].cue == "asked"


def test_cue_families_passive_report_with_an_agent(attributions):
    atts = _contents(attributions("The secret meeting was first reported by the Valley Gazette."))
    att = atts["The secret meeting"]
    assert att.speaker_mention == "the Valley Gazette"


def test_cue_families_as_clause_vouches_for_its_main_clause(attributions):
    text = "As the Valley Gazette reported today, the inspector sent letters to three council members."
    att = _contents(attributions(text))["the inspector sent letters to three council members"]
    assert att.cue == "reported" and att.speaker_mention == "the Valley Gazette"


def test_cue_families_report_noun_with_a_prepositional_object(attributions):
    atts = _contents(attributions("The mayor's calls for a ban on night flights drew loud applause."))
    assert atts["a ban on night flights"].speaker_mention == "The mayor"
    atts = _contents(attributions("The union voiced criticism of the new contract on Monday."))
    assert atts["the new contract"].cue == "criticism of"


def test_cue_families_report_noun_owned_through_by(attributions):
    text = "The city disputed claims by two inspectors that the bridge was unsafe."
    assert _contents(attributions(text))["the bridge was unsafe"].speaker_mention == "two inspectors"


def test_cue_families_subject_through_a_predicate_adjective(attributions):
    text = "Older voters were more likely to say that the economy was their first concern."
    att = _contents(attributions(text))["the economy was their first concern"]
    assert att.speaker_mention == "Older voters"


def test_cue_families_subject_of_a_clause_after_a_temporal_preposition(attributions):
    text = "After saying he was tired of the campaign, the senator left the hall."
    assert _contents(attributions(text))["he was tired of the campaign"].speaker_mention == "the senator"


def test_cue_families_poll_share_keeps_a_state_of_mind(attributions):
    text = "Fifty-six percent of the voters believe that the new tax is unfair."
    assert "the new tax is unfair" in _contents(attributions(text))


# --- what is not an attribution --------------------------------------------------------


def test_cue_families_state_of_mind_without_a_report_is_not_an_attribution(attributions):
    assert attributions("The minister firmly believes that the new tax will pass.") == []
    assert attributions("The council supports the new bridge over the river.") == []


def test_cue_families_state_of_mind_with_a_quote_is_reported(attributions):
    text = "The minister wants “a fair and open deal for every farmer in the valley.”"
    assert "a fair and open deal for every farmer in the valley." in _contents(attributions(text))


def test_cue_families_modal_on_the_governing_verb_makes_it_hypothetical(attributions):
    text = "A mayor who wanted a deal would first have to explain that the fare must rise."
    assert attributions(text) == []


def test_cue_families_subject_naming_no_one(attributions):
    assert attributions("Nothing in the mayor's record suggests she meant to run again.") == []


def test_cue_families_question_by_the_writer(attributions):
    assert attributions("Was the governor simply responding to a perceived snub from the mayor?") == []


def test_cue_families_naming_participle(attributions):
    text = "A group of students is performing a play called “The Long Winter of Our Town” this week."
    assert attributions(text) == []


def test_cue_families_report_noun_without_an_owner(attributions):
    text = "Addressing the council directly with a call to reopen the bridge will force a decision."
    assert attributions(text) == []


def test_cue_families_author_voice_is_not_a_mixed_attribution(attributions):
    text = "I've written before that the “no fare, no service” slogan is less a plan than a mood."
    assert all(a.type != "mixed" for a in attributions(text))


# --- the shape of the content ----------------------------------------------------------


def test_cue_families_sentence_adverbial_before_a_parenthetical_cue(attributions):
    atts = _contents(attributions("Still, the mayor said, the council has to decide who pays for the bridge."))
    assert "Still" not in atts and "the council has to decide who pays for the bridge" in atts


def test_cue_families_subject_before_a_parenthetical_cue_stays(attributions):
    atts = _contents(attributions("The bridge, the mayor insisted, would open in May."))
    assert {"The bridge", "would open in May"} <= set(atts)


def test_cue_families_semicolon_ends_the_clause_a_parenthetical_cue_reports(attributions):
    text = ("In the mayor's eyes, the fare is the key to the budget because riders have never complained; "
            "instead, she contends, the council has cut service every year.")
    atts = attributions(text)
    assert [a.content for a in atts] == ["the council has cut service every year"]


def test_cue_families_according_to_drops_a_one_word_piece_and_a_new_conjunct(attributions):
    assert attributions("That's according to filings made by the campaign in May.") == []
    text = "Ruiz has won 40 delegates so far, according to a tally by the Gazette, but his path is narrow."
    atts = _contents(attributions(text))
    assert "Ruiz has won 40 delegates so far" in atts and "but his path is narrow" not in atts


def test_cue_families_according_to_leaves_a_report_to_its_own_cue(attributions):
    text = "“The proof is experience,” the mayor said, according to the city news service."
    assert all(a.cue != "according to" for a in attributions(text))
