"""The cue lexicon is data, validated on load."""

import pytest

from stancetrace.attribution.lexicon import load_lexicon, parse_lexicon
from stancetrace.errors import ConfigError


def test_lexicon_shipped_rules_load_with_version():
    lex = load_lexicon()
    assert lex.version == "stancetrace.cues.v3"
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
