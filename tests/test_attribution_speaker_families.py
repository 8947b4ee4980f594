"""Speaker families of issue 3: subjects the parse misplaces, report nouns, role phrases
with an age, surnames introduced by a full name, and state-of-mind cues. Hand-built parses."""

from dataclasses import replace
from types import SimpleNamespace

from spacy.tokens import Doc
from spacy.vocab import Vocab

from stancetrace.attribution.cues import _subject
from stancetrace.attribution.extract import _mental
from stancetrace.attribution.lexicon import load_lexicon
from stancetrace.attribution.speaker_rules import load_speaker_rules
from stancetrace.attribution.speakers import SpeakerResolver

LEX = load_lexicon()


def parse(words, heads, deps, pos, tags=None, lemmas=None):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas or [w.lower() for w in words])


def test_cues_two_subjects_take_the_nearest():
    # "Leader \n\n Khamenei said": a heading run into the paragraph is a second subject.
    doc = parse(["Leader", "\n\n", "Khamenei", "said"], [3, 0, 3, 3], ["nsubj", "dep", "nsubj", "ROOT"],
                ["NOUN", "SPACE", "PROPN", "VERB"], lemmas=["leader", "\n\n", "khamenei", "say"])
    assert _subject(doc[3], LEX).text == "Khamenei"


def test_cues_participle_root_takes_the_clause_subject():
    # "Khomeini welcomed it, emphasizing that we stand": the parse made "emphasizing" the root.
    words = ["Khomeini", "welcomed", "it", ",", "emphasizing", "that", "we", "stand"]
    doc = parse(words, [1, 4, 1, 4, 4, 7, 7, 4], ["nsubj", "ccomp", "dobj", "punct", "ROOT", "mark", "nsubj", "ccomp"],
                ["PROPN", "VERB", "PRON", "PUNCT", "VERB", "SCONJ", "PRON", "VERB"],
                tags=["NNP", "VBD", "PRP", ",", "VBG", "IN", "PRP", "VBP"])
    assert _subject(doc[4], LEX).text == "Khomeini"


def test_cues_report_noun_belongs_to_its_verbs_subject():
    # "The Leader delivered a speech saying ...": the speech's speaker is who delivered it.
    words = ["The", "Leader", "delivered", "a", "speech", "saying", "no"]
    doc = parse(words, [1, 2, 2, 4, 2, 4, 5], ["det", "nsubj", "ROOT", "det", "dobj", "acl", "dobj"],
                ["DET", "PROPN", "VERB", "DET", "NOUN", "VERB", "DET"],
                lemmas=["the", "leader", "deliver", "a", "speech", "say", "no"])
    assert _subject(doc[5], LEX).text == "Leader"


def test_speaker_rules_age_is_a_role_qualifier():
    rules = load_speaker_rules()
    assert rules.qualifies("88-year-old") and rules.qualifies("new") and not rules.qualifies("opposition")


def test_extract_mental_verb_without_report_is_not_an_attribution():
    lex = replace(LEX, mental_verbs=frozenset({"believe"}))
    doc = parse(["he", "believes", "Iran", "wins"], [1, 1, 3, 1], ["nsubj", "ROOT", "nsubj", "ccomp"],
                ["PRON", "VERB", "PROPN", "VERB"], lemmas=["he", "believe", "iran", "win"])
    assert _mental(doc[1], lex)
    # "As he told Aznar, he believes Iran wins": the report vouches for the belief.
    doc = parse(["As", "he", "told", "Aznar", ",", "he", "believes", "Iran", "wins"], [2, 2, 6, 2, 6, 6, 6, 8, 6],
                ["mark", "nsubj", "advcl", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp"],
                ["SCONJ", "PRON", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PROPN", "VERB"],
                lemmas=["as", "he", "tell", "aznar", ",", "he", "believe", "iran", "win"])
    assert not _mental(doc[6], lex)


class _KB:
    NAMES = {"ali-khamenei": "Ali Khamenei", "mojtaba-khamenei": "Mojtaba Khamenei"}

    def candidates(self, mention):
        return {a: "alias" for a in self.NAMES} if mention == "Khamenei" else {}

    def actor(self, actor_id):
        return SimpleNamespace(name=self.NAMES[actor_id], aliases=(), gender="m", kind="person")


def _resolver(text):
    return SpeakerResolver(SimpleNamespace(text=text, published="2026-01-01", published_range=None), kb=_KB())


def test_speakers_surname_follows_the_full_name_given_earlier():
    text = "Ayatollah Ali Khamenei met Aznar. Later Khamenei said no."
    assert _resolver(text)._introduced("Khamenei", text.rindex("Khamenei")) == "ali-khamenei"


def test_speakers_surname_with_two_full_names_stays_unknown():
    text = "Ali Khamenei died; Mojtaba Khamenei leads. Khamenei said no."
    assert _resolver(text)._introduced("Khamenei", text.rindex("Khamenei")) is None
