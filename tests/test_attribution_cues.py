"""Cue, speaker and content from hand-built parses (no model needed)."""

from spacy.tokens import Doc
from spacy.lang.en import English

from stancetrace.attribution.cues import find_cues
from stancetrace.attribution.lexicon import load_lexicon

VOCAB = English().vocab  # lexical attributes (is_punct) without a trained model


def _doc(words, heads, deps, pos, lemmas):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def _insisted(subject="Khamenei", subject_pos="PROPN"):
    words = [subject, "insisted", "that", "Tehran", "will", "not", "cooperate", "."]
    heads = [1, 1, 6, 6, 6, 6, 1, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "aux", "neg", "ccomp", "punct"]
    pos = [subject_pos, "VERB", "SCONJ", "PROPN", "AUX", "PART", "VERB", "PUNCT"]
    lemmas = [subject, "insist", "that", "Tehran", "will", "not", "cooperate", "."]
    return _doc(words, heads, deps, pos, lemmas)


def test_cues_indirect_that_clause():
    doc = _insisted()
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert doc[hit.start].text == "insisted"
    assert doc[hit.speaker].text == "Khamenei"
    assert doc[hit.content[0] : hit.content[1]].text == "Tehran will not cooperate"
    assert not hit.author


def test_cues_author_voice_is_marked():
    doc = _insisted("I", "PRON")
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert hit.author


def test_cues_hypothetical_is_filtered():
    words = ["Iran", "would", "argue", "that", "it", "wins", "."]
    heads = [2, 2, 2, 5, 5, 2, 2]
    deps = ["nsubj", "aux", "ROOT", "mark", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "AUX", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"]
    lemmas = ["Iran", "would", "argue", "that", "it", "win", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    assert find_cues(doc, load_lexicon(), [False] * len(doc)) == []


def test_cues_quoted_tokens_are_never_cues():
    doc = _insisted()
    assert find_cues(doc, load_lexicon(), [True] * len(doc)) == []


def test_cues_according_to_names_source():
    words = ["Ghalibaf", "leads", ",", "according", "to", "the", "Times", "."]
    heads = [1, 1, 1, 1, 3, 6, 4, 1]
    deps = ["nsubj", "ROOT", "punct", "prep", "prep", "det", "pobj", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "VERB", "ADP", "DET", "PROPN", "PUNCT"]
    lemmas = ["Ghalibaf", "lead", ",", "accord", "to", "the", "Times", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert hit.kind == "phrase" and doc[hit.speaker].text == "Times"
    assert doc[hit.content[0] : hit.content[1]].text == "Ghalibaf leads"


def test_cues_name_frame_reports_object_and_label():
    words = ["Trump", "called", "the", "charges", "fabricated", "."]
    heads = [1, 1, 3, 1, 1, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "oprd", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADJ", "PUNCT"]
    lemmas = ["Trump", "call", "the", "charge", "fabricated", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert doc[hit.content[0] : hit.content[1]].text == "the charges fabricated"


def test_cues_intention_verb_takes_infinitive():
    words = ["Clinton", "wants", "to", "triple", "AmeriCorps", "."]
    heads = [1, 1, 3, 1, 3, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Clinton", "want", "to", "triple", "AmeriCorps", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert doc[hit.speaker].text == "Clinton"
    assert doc[hit.content[0] : hit.content[1]].text == "to triple AmeriCorps"


def test_cues_can_makes_a_cue_hypothetical():
    words = ["The", "US", "can", "not", "dismiss", "Iranian", "discourse", "."]
    heads = [1, 4, 4, 4, 4, 6, 4, 4]
    deps = ["det", "nsubj", "aux", "neg", "ROOT", "amod", "dobj", "punct"]
    pos = ["DET", "PROPN", "AUX", "PART", "VERB", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["the", "US", "can", "not", "dismiss", "iranian", "discourse", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    assert find_cues(doc, load_lexicon(), [False] * len(doc)) == []


def test_cues_stance_adjective_after_copula():
    # "Many Democrats are afraid that turnout may fall." (be is the root, the adjective its acomp)
    words = ["Many", "Democrats", "are", "afraid", "that", "turnout", "may", "fall", "."]
    heads = [1, 2, 2, 2, 7, 7, 7, 3, 2]
    deps = ["amod", "nsubj", "ROOT", "acomp", "mark", "nsubj", "aux", "ccomp", "punct"]
    pos = ["ADJ", "PROPN", "AUX", "ADJ", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"]
    lemmas = ["many", "Democrats", "be", "afraid", "that", "turnout", "may", "fall", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert doc[hit.start].text == "afraid" and doc[hit.speaker].text == "Democrats"
    assert doc[hit.content[0] : hit.content[1]].text == "turnout may fall"


def test_cues_stance_adjective_needs_the_copula_and_no_modal():
    # "an afraid voter" is no stance; "They would be willing to go" is hypothetical.
    words = ["They", "would", "be", "willing", "to", "go", "."]
    heads = [2, 2, 2, 2, 5, 3, 2]
    deps = ["nsubj", "aux", "ROOT", "acomp", "aux", "xcomp", "punct"]
    pos = ["PRON", "AUX", "AUX", "ADJ", "PART", "VERB", "PUNCT"]
    lemmas = ["they", "would", "be", "willing", "to", "go", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    assert find_cues(doc, load_lexicon(), [False] * len(doc)) == []


def test_cues_evidence_verb_takes_a_noun_phrase():
    # "Polls show a close contest": what a poll or report shows is attributed to it.
    words = ["Polls", "show", "a", "close", "contest", "."]
    heads = [1, 1, 4, 4, 1, 1]
    deps = ["nsubj", "ROOT", "det", "amod", "dobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["poll", "show", "a", "close", "contest", "."]
    doc = _doc(words, heads, deps, pos, lemmas)
    [hit] = find_cues(doc, load_lexicon(), [False] * len(doc))
    assert doc[hit.content[0] : hit.content[1]].text == "a close contest"
