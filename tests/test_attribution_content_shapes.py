"""Content before its cue, "by saying", and colon speakers, from hand-built parses."""

from spacy.tokens import Doc
from spacy.lang.en import English

from stancetrace.attribution.cues import find_cues
from stancetrace.attribution.extract import _colon_speaker
from stancetrace.attribution.lexicon import load_lexicon

VOCAB = English().vocab


def _doc(words, heads, deps, pos, lemmas, tags=None):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags)


def _hits(doc):
    return find_cues(doc, load_lexicon(), [False] * len(doc))


def test_cues_pseudo_cleft_wh_object_is_content():
    words = ["That", "was", "what", "Wahl", "said", "."]
    doc = _doc(words, [1, 1, 4, 4, 1, 1], ["nsubj", "ROOT", "dobj", "nsubj", "ccomp", "punct"],
               ["PRON", "AUX", "PRON", "PROPN", "VERB", "PUNCT"], ["that", "be", "what", "Wahl", "say", "."],
               ["DT", "VBD", "WP", "NNP", "VBD", "."])
    [hit] = _hits(doc)
    assert doc[hit.speaker].text == "Wahl"
    assert doc[hit.content[0] : hit.content[1]].text == "what"


def test_cues_wh_object_outside_a_cleft_is_not_content():
    words = ["This", "brief", "reviews", "what", "he", "said", "."]
    doc = _doc(words, [1, 2, 2, 5, 5, 2, 2], ["det", "nsubj", "ROOT", "dobj", "nsubj", "ccomp", "punct"],
               ["DET", "NOUN", "VERB", "PRON", "PRON", "VERB", "PUNCT"],
               ["this", "brief", "review", "what", "he", "say", "."], ["DT", "NN", "VBZ", "WP", "PRP", "VBD", "."])
    assert all(h.content is None for h in _hits(doc))


def test_cues_fronted_fragment_before_comma_is_content():
    words = ["People", "like", "Scott", ",", "he", "said", "."]
    doc = _doc(words, [5, 0, 1, 5, 5, 5, 5], ["dep", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"],
               ["NOUN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
               ["people", "like", "Scott", ",", "he", "say", "."])
    [hit] = _hits(doc)
    assert doc[hit.content[0] : hit.content[1]].text == "People like Scott"


def _began(prep):
    words = ["Dean", "began", prep, "saying", "he", "would", "quit", "."]
    return _doc(words, [1, 1, 1, 2, 6, 6, 3, 1], ["nsubj", "ROOT", "prep", "pcomp", "nsubj", "aux", "ccomp", "punct"],
                ["PROPN", "VERB", "ADP", "VERB", "PRON", "AUX", "VERB", "PUNCT"],
                ["Dean", "begin", prep, "say", "he", "would", "quit", "."],
                ["NNP", "VBD", "IN", "VBG", "PRP", "MD", "VB", "."])


def test_cues_by_saying_takes_the_verbs_subject():
    doc = _began("by")
    [hit] = _hits(doc)
    assert doc[hit.speaker].text == "Dean"


def test_cues_without_saying_has_no_speaker():
    doc = _began("without")
    [hit] = _hits(doc)
    assert hit.speaker is None


def test_extract_colon_object_of_quote_speaks():
    words = ["His", "website", "quoted", "him", "at", "length", ":"]
    doc = _doc(words, [1, 2, 2, 2, 2, 4, 2], ["poss", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
               ["PRON", "NOUN", "VERB", "PRON", "ADP", "NOUN", "PUNCT"],
               ["his", "website", "quote", "he", "at", "length", ":"])
    assert _colon_speaker(doc[6], load_lexicon()).text == "him"


def test_extract_colon_relative_clause_subject_speaks():
    words = ["The", "formula", "echoes", "one", "the", "leader", "used", ":"]
    doc = _doc(words, [1, 2, 2, 2, 5, 6, 3, 2], ["det", "nsubj", "ROOT", "dobj", "det", "nsubj", "relcl", "punct"],
               ["DET", "NOUN", "VERB", "NUM", "DET", "NOUN", "VERB", "PUNCT"],
               ["the", "formula", "echo", "one", "the", "leader", "use", ":"])
    assert _colon_speaker(doc[7], load_lexicon()).text == "leader"
