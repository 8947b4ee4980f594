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


# ---- groups and reporters (a group named by a state or organisation speaks for it) -------------

GROUP_ACTORS = {"iran": SimpleNamespace(kind="state", gender=None, country=None),
                "irgc": SimpleNamespace(kind="organisation", gender=None, country="iran"),
                "donald-trump": SimpleNamespace(kind="person", gender="m", country="united-states"),
                "united-states": SimpleNamespace(kind="state", gender=None, country=None)}
GROUP_NAMES = {"irgc": "irgc", "trump": "donald-trump", "u.s.": "united-states", "iran": "iran"}


class GroupKB:
    """State adjectives, names of states, organisations and a person, and nothing else."""

    def country_of_key(self, key):
        return {"iranian": "iran", "american": "united-states"}.get(key)

    def match_name(self, mention, on=None):
        found = GROUP_NAMES.get(mention.lower())
        return SimpleNamespace(actor_id=found, method="named", confidence=1.0) if found else None

    def holder(self, phrase, on):
        return None

    def actor(self, actor_id):
        return GROUP_ACTORS[actor_id]

    def candidates(self, mention):
        return {}


def group_resolver():
    return SpeakerResolver(SimpleNamespace(published="2014-07-23", published_range=None), kb=GroupKB())


def _spoken(doc, head):
    text = doc[: head + 1].text
    return group_resolver().resolve(doc[head], text, 0)


def test_speakers_group_with_a_state_adjective_speaks_for_the_state():
    # "senior Iranian officials said"
    doc = parse(["senior", "Iranian", "officials", "said"], [2, 2, 3, 3], ["amod", "amod", "nsubj", "ROOT"],
                ["ADJ", "ADJ", "NOUN", "VERB"], tags=["JJ", "JJ", "NNS", "VBD"],
                lemmas=["senior", "iranian", "official", "say"])
    found = _spoken(doc, 2)
    assert (found.speaker, found.method) == ("iran", "group")


def test_speakers_group_with_an_organisation_modifier_speaks_for_it():
    doc = parse(["IRGC", "commanders", "pledged"], [1, 2, 2], ["compound", "nsubj", "ROOT"], ["PROPN", "NOUN", "VERB"],
                tags=["NNP", "NNS", "VBD"], lemmas=["irgc", "commander", "pledge"])
    assert _spoken(doc, 1).speaker == "irgc"


def test_speakers_group_without_a_naming_modifier_is_unknown():
    # "Senior officials said": which state is the reader's inference, not the text's
    doc = parse(["Senior", "officials", "said"], [1, 2, 2], ["amod", "nsubj", "ROOT"], ["ADJ", "NOUN", "VERB"],
                tags=["JJ", "NNS", "VBD"], lemmas=["senior", "official", "say"])
    assert _spoken(doc, 1).speaker == "unknown"


def test_speakers_single_person_noun_is_not_a_group():
    # "an Iranian official said" is one unnamed person, not Iran
    doc = parse(["an", "Iranian", "official", "said"], [2, 2, 3, 3], ["det", "amod", "nsubj", "ROOT"],
                ["DET", "ADJ", "NOUN", "VERB"], tags=["DT", "JJ", "NN", "VBD"], lemmas=["an", "iranian", "official", "say"])
    assert _spoken(doc, 2).speaker == "unknown"


def test_speakers_quantifier_takes_a_collective_named_by_a_person():
    # "Some in the Trump administration expressed": the administration is the president's state
    from stancetrace.attribution.speakers import mention_span

    doc = parse(["Some", "in", "the", "Trump", "administration", "expressed"], [5, 0, 4, 4, 1, 5],
                ["nsubj", "prep", "det", "compound", "pobj", "ROOT"], ["PRON", "ADP", "DET", "PROPN", "NOUN", "VERB"],
                tags=["DT", "IN", "DT", "NNP", "NN", "VBN"])
    assert mention_span(doc[0]) == (0, 5)
    assert _spoken(doc, 0).speaker == "united-states"


def test_speaker_mentions_report_noun_gives_way_to_its_reporter():
    from stancetrace.attribution.speaker_mentions import naming_token

    # "Recent statements from officials outline ..." -> officials
    doc = parse(["Recent", "statements", "from", "officials", "outline"], [1, 4, 1, 2, 4],
                ["amod", "nsubj", "prep", "pobj", "ROOT"], ["ADJ", "NOUN", "ADP", "NOUN", "VERB"],
                lemmas=["recent", "statement", "from", "official", "outline"])
    assert naming_token(doc[1]).text == "officials"
    # "recent U.S. statements suggested" -> U.S.
    doc = Doc(Vocab(), words=["recent", "U.S.", "statements", "suggested"], heads=[2, 2, 3, 3],
              deps=["amod", "compound", "nsubj", "ROOT"], pos=["ADJ", "PROPN", "NOUN", "VERB"],
              lemmas=["recent", "u.s.", "statement", "suggest"], ents=["O", "B-GPE", "O", "O"])
    assert naming_token(doc[2]).text == "U.S."
    # "the statement said" has no reporter: it stays
    doc = parse(["the", "statement", "said"], [1, 2, 2], ["det", "nsubj", "ROOT"], ["DET", "NOUN", "VERB"],
                lemmas=["the", "statement", "say"])
    assert naming_token(doc[1]).text == "statement"


def test_speaker_mentions_subject_in_a_reported_clause_is_marked():
    from stancetrace.attribution.speaker_mentions import in_reported_clause

    # "He warned that a wrestler must never forget": the wrestler blocks no later "he"
    doc = parse(["He", "warned", "that", "wrestler", "forgets"], [1, 1, 4, 4, 1],
                ["nsubj", "ROOT", "mark", "nsubj", "ccomp"], ["PRON", "VERB", "SCONJ", "NOUN", "VERB"])
    assert in_reported_clause(doc[3]) and not in_reported_clause(doc[0])
