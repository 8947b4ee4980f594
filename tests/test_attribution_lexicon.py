"""The cue lexicon is data, validated on load."""

import pytest

from stancetrace.attribution.lexicon import load_lexicon, parse_lexicon
from stancetrace.errors import ConfigError


def test_lexicon_shipped_rules_load_with_version():
    lex = load_lexicon()
    assert lex.version == "stancetrace.cues.v5"
    for lemma in ("say", "reproach", "declaim", "reiterate", "underline", "dub", "brand", "decry"):
        assert lemma in lex.verbs
    assert lex.cue_for("rail", {"against"}).particle == "against"
    assert lex.cue_for("hammer", {"home"}).particle == "home"


def test_lexicon_rejects_unknown_frame():
    with pytest.raises(ConfigError, match="E301"):
        parse_lexicon({"version": "stancetrace.cues.v9", "verbs": {"say": ["thatt"]}})


def test_lexicon_rejects_bad_version():
    with pytest.raises(ConfigError, match="E300"):
        parse_lexicon({"version": "v1", "verbs": {"say": ["that"]}})


def test_lexicon_earlier_rule_sets_still_load():
    from stancetrace.attribution.lexicon import DATA_DIR

    assert load_lexicon(DATA_DIR / "cues.v4.yaml").version == "stancetrace.cues.v4"
    assert load_lexicon(DATA_DIR / "cues.v4.yaml").source_objects == {}
    assert load_lexicon(DATA_DIR / "cues.v3.yaml").version == "stancetrace.cues.v3"
    assert load_lexicon(DATA_DIR / "cues.v1.yaml").mental_verbs == frozenset()


def test_lexicon_particle_cue_wins_over_the_bare_verb():
    lex = load_lexicon()
    assert lex.cue_for("accuse", {"of", "trump"}).particle == "of"
    assert lex.cue_for("respond", {"to"}).frames == frozenset({"np"})
    assert lex.cue_for("ask", {"if"}).frames >= {"whether"}


def test_lexicon_noun_objects_map_nouns_to_prepositions():
    lex = load_lexicon()
    assert "for" in lex.noun_objects["call"] and "of" in lex.noun_objects["criticism"]
    assert "raise" in lex.producing_verbs


def test_lexicon_rejects_noun_objects_that_are_not_a_mapping():
    with pytest.raises(ConfigError, match="noun_objects"):
        parse_lexicon({"version": "stancetrace.cues.v9", "verbs": {"say": ["that"]}, "noun_objects": ["call"]})


def test_lexicon_rejects_unknown_filter():
    with pytest.raises(ConfigError, match="unknown filter"):
        parse_lexicon({"version": "stancetrace.cues.v9", "verbs": {"say": ["that"]}, "filters": {"mind_verbs": []}})


def test_lexicon_states_of_mind_are_filtered_and_speech_is_not():
    lex = load_lexicon()
    assert {"believe", "want", "support", "confident"} <= lex.mental_verbs
    assert not {"say", "insist", "reject", "denounce"} & lex.mental_verbs


def test_lexicon_source_objects_map_a_preposition_to_source_nouns():
    lex = load_lexicon()
    assert lex.source_objects["in"] >= {"poll", "survey"}


def test_lexicon_rejects_source_objects_that_are_not_a_mapping():
    with pytest.raises(ConfigError, match="source_objects"):
        parse_lexicon({"version": "stancetrace.cues.v9", "verbs": {"say": ["that"]}, "source_objects": ["in"]})
