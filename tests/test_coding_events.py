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
