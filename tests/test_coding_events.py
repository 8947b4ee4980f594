"""Event coding: polarity, modality and the mapping table, on sentences built for the test."""

import pytest

from stancetrace.coding import code_sentence
from stancetrace.coding.rules import load_rules
from stancetrace.records import Attribution
from stancetrace.coding import code_attribution


@pytest.mark.parametrize("text, event", [
    ("We will negotiate with them.", "CONSULT"),
    ("We will not negotiate with them.", "REJECT"),
    ("We will never cooperate with Washington.", "REJECT"),
    ("The ministers agreed to a ceasefire.", "AGREE"),
    ("The government rejected the peace plan.", "REJECT"),
    ("The rebels threatened to shell the towns.", "THREATEN"),
    ("They accused the government of violating the truce.", "DISAPPROVE"),
    ("The council demanded the withdrawal of the troops.", "DEMAND"),
])
def test_coding_events_negation_flips_cooperation_to_rejection(text, event):
    assert code_sentence(text).event == event


def test_coding_events_conditional_offer_is_a_demand():
    coding = code_sentence("We will return to talks only if the US returns to the deal.")
    assert coding.modality.conditional
    assert coding.event == "DEMAND"


def test_coding_events_question_performs_no_act():
    assert code_sentence("Will they threaten us again?").event is None


def test_coding_events_future_and_done_are_told_apart():
    assert code_sentence("We will support the plan.").modality.tense == "future"
    assert code_sentence("They had rejected the plan.").modality.tense == "done"


def test_coding_events_compound_slogan_rejects_each_item():
    a = Attribution(doc="x", content="no war, no negotiation", content_start=0, content_end=22, type="partial")
    coding = code_attribution(a)
    assert coding.event == "REJECT"
    assert ("issue:negotiation-with-us", "REJECT") in coding.components
    assert ("issue:war-with-us", "REJECT") in coding.components


def test_coding_events_reported_denial_inverts_the_content():
    a = Attribution(doc="x", content="the Americans were lying", content_start=0, content_end=24,
                    type="indirect", cue="denied")
    assert code_attribution(a).event == "SUPPORT"


def test_coding_events_mapping_table_gives_cameo_and_goldstein():
    coding = code_sentence("The rebels threatened to shell the towns.")
    assert (coding.cameo, coding.goldstein, coding.score) == ("13", -6.0, -0.6)


def test_coding_events_new_plover_names_are_aliases():
    rules = load_rules()
    assert rules.canonical("ACCUSE") == "DISAPPROVE"
    assert rules.canonical("REQUEST") == "DEMAND"


def _said(content, cue="said", kind="direct"):
    return code_attribution(Attribution(doc="x", content=content, content_start=0, content_end=len(content),
                                        type=kind, cue=cue))


def test_coding_events_named_deed_is_described_unless_announced():
    assert _said("to read the documents seized by students").event is None
    assert _said("We will attack their bases.").event == "THREATEN"
    assert code_sentence("Police seized the documents.").event == "COERCE"  # a news sentence reports the deed


def test_coding_events_threat_outranks_a_demand_of_the_same_tier():
    assert _said("We insist on victory until the sea turns into hell for them.").event == "THREATEN"


def test_coding_events_reluctant_acceptance_is_a_concession():
    assert _said("he accepted the ceasefire with the deepest reluctance", kind="indirect").event == "CONCEDE"


def test_coding_events_even_if_is_not_a_condition():
    assert not code_sentence("We will fight even if it takes years.").modality.conditional


def test_coding_events_negated_copula_negates_the_predicate():
    assert code_sentence("They say it is not a move to continue the talks.").event == "REJECT"
    assert code_sentence("They say it is a move to continue the talks.").event != "REJECT"


def test_coding_events_denying_a_pejorative_defends_its_subject():
    assert _said("the idea that flexibility meant retreat", cue="rejected", kind="indirect").event == "SUPPORT"


def test_coding_events_predictive_modal_performs_nothing():
    # An epistemic "should" predicts an outcome; the outcome it names is not offered either.
    assert _said("should lead to cooperation and the renewal of relations", kind="indirect").event is None
    assert _said("They should stop the attacks.").event == "DEMAND"  # advice to an actor is still a demand


def test_coding_events_judging_a_third_partys_interest_performs_nothing():
    assert _said("they know that war is not to their benefit.").event is None
    assert _said("This plan is not beneficial.").event == "REJECT"


def test_coding_events_maxim_with_generic_subject_aims_at_no_one():
    assert _said("Whoever thinks that they will change is naive.").event is None
    assert _said("A fighter who gives ground must never forget his enemy.").event is None
    assert _said("Their leaders are naive.").event == "DISAPPROVE"  # an evaluation of named people


def test_coding_events_nested_report_performs_nothing():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Khamenei", "dubbed", "Israel", "a", "cancer", "condemned", "to", "disappear"]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 4, 1, 4, 7, 5],
              deps=["nsubj", "ROOT", "dobj", "det", "oprd", "acl", "aux", "xcomp"],
              pos=["PROPN", "VERB", "PROPN", "DET", "NOUN", "VERB", "PART", "VERB"],
              ents=["B-PERSON", "O", "B-GPE", "O", "O", "O", "O", "O"])
    report = Attribution(doc="x", content=doc.text, content_start=0, content_end=len(doc.text),
                         type="mixed", cue="recounted")
    assert code_attribution(report, doc=doc).event is None  # the account of another's words
    assert code_attribution(report).event == "DISAPPROVE"  # without the parse: the words alone
