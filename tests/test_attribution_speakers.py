"""Speakers: which tokens name a speaker, and how a mention becomes an actor id.

Parses are built by hand (the model is not the point) and the KB is a small fake with
the KnowledgeBase methods the resolver calls."""

import datetime as dt
from types import SimpleNamespace

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from stancetrace.attribution.speaker_mentions import naming_token, speaker_token
from stancetrace.attribution.speaker_rules import parse_speaker_rules
from stancetrace.attribution.speakers import UNKNOWN, SpeakerResolver, refine_speakers
from stancetrace.errors import ConfigError
from stancetrace.records import Attribution


def parse(words, heads, deps, pos=None, ents=None, lemmas=None, spaces=None):
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos or ["X"] * len(words),
               ents=ents, lemmas=lemmas or [w.lower() for w in words])


ACTORS = {
    "ali-khamenei": ("m", "person"), "mojtaba-khamenei": ("m", "person"), "hassan-rouhani": ("m", "person"),
    "ruhollah-khomeini": ("m", "person"), "iran": (None, "state"),
}
NAMES = {"khamenei": {"ali-khamenei": "alias", "mojtaba-khamenei": "alias"}, "ali khamenei": {"ali-khamenei": "name"},
         "rouhani": {"hassan-rouhani": "alias"}, "khomeini": {"ruhollah-khomeini": "alias"}, "tehran": {"iran": "alias"}}
LEADERS = [("ruhollah-khomeini", dt.date(1979, 1, 1), dt.date(1989, 6, 3)),
           ("ali-khamenei", dt.date(1989, 6, 4), dt.date(2026, 2, 28)),
           ("mojtaba-khamenei", dt.date(2026, 3, 9), dt.date(2099, 1, 1))]


class FakeKB:
    """Names, one office ("the leader") with dated holders, and successors."""

    def candidates(self, mention):
        return dict(NAMES.get(mention.lower(), {}))

    def match_name(self, mention, on=None):
        found = sorted(self.candidates(mention))
        if len(found) > 1 and on is not None:
            first, last = on if isinstance(on, tuple) else (on, on)
            found = [a for a in found if any(a == who and s <= first and last <= e for who, s, e in LEADERS)]
        return SimpleNamespace(actor_id=found[0], method="alias", confidence=0.9) if len(found) == 1 else None

    def holder(self, phrase, on):
        if phrase.lower().removeprefix("the ") != "leader":
            return None
        first, last = on if isinstance(on, tuple) else (on, on)
        who = [a for a, s, e in LEADERS if s <= first and last <= e]
        return SimpleNamespace(actor_id=who[0], method="role", confidence=0.9) if who else None

    def actor(self, actor_id):
        gender, kind = ACTORS.get(actor_id, (None, None))
        return SimpleNamespace(gender=gender, kind=kind)

    def successor(self, actor_id):
        ids = [a for a, _, _ in LEADERS]
        return ids[ids.index(actor_id) + 1] if actor_id in ids[:-1] else None


def resolver(published="2013-11-26"):
    document = SimpleNamespace(published=published, published_range=None)
    return SpeakerResolver(document, kb=FakeKB())


# ---- which token names the speaker --------------------------------------------------------

def test_speaker_mentions_dateline_gives_way_to_apposed_subject():
    # TEHRAN , March 22 — the leader said
    doc = parse(["TEHRAN", ",", "March", "22", "—", "the", "leader", "said"],
                [7, 0, 0, 2, 0, 6, 0, 7], ["nsubj", "punct", "npadvmod", "nummod", "punct", "det", "appos", "ROOT"],
                ["PROPN", "PUNCT", "PROPN", "NUM", "PUNCT", "DET", "NOUN", "VERB"])
    assert naming_token(doc[0]).text == "leader"


def test_speaker_mentions_dateline_without_apposition_uses_the_other_subject():
    doc = parse(["ROME", ",", "the", "leader", "said"], [4, 0, 3, 4, 4], ["nsubj", "punct", "det", "nsubj", "ROOT"],
                ["PROPN", "PUNCT", "DET", "NOUN", "VERB"])
    assert naming_token(doc[0]).text == "leader"


def test_speaker_mentions_apposed_name_names_a_role_subject():
    # the speaker of the Majlis , Hashemi Rafsanjani , said
    doc = parse(["the", "adviser", ",", "Ali", "Velayati", ",", "said"], [1, 6, 1, 4, 1, 1, 6],
                ["det", "nsubj", "punct", "compound", "appos", "punct", "ROOT"],
                ["DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB"], ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"])
    assert naming_token(doc[1]).text == "Velayati"


def test_speaker_mentions_subject_inside_the_reported_words_is_refused():
    doc = parse(["Sepah", "should", "stay", "out"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "prt"], ["PROPN", "AUX", "VERB", "ADP"])
    assert speaker_token(doc[0], 100, (90, 91), (100, 120)) is None


def test_speaker_mentions_paragraph_break_between_subject_and_cue_is_refused():
    # the parse ran two paragraphs together: "we" (first paragraph) became the subject of "said"
    doc = parse(["we", "wait", ".", "\n\n", "It", "had", "said"], [1, 1, 1, 2, 6, 6, 1],
                ["nsubj", "ROOT", "punct", "dep", "nsubj", "aux", "conj"],
                ["PRON", "VERB", "PUNCT", "SPACE", "PRON", "AUX", "VERB"], spaces=[True, False, False, False, True, True, False])
    cue = (doc[6].idx, doc[6].idx + 4)
    assert speaker_token(doc[0], 0, cue, (cue[1] + 1, cue[1] + 20)) is None
    assert speaker_token(doc[4], 0, cue, (cue[1] + 1, cue[1] + 20)).i == 4


def test_speaker_mentions_state_in_a_reported_clause_is_not_speaking():
    # Obama said that Iran wanted talks: "wanted" is Obama's report of Iran, so Obama speaks
    doc = parse(["Obama", "said", "that", "Iran", "wanted", "talks"], [1, 1, 4, 4, 1, 4],
                ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj"], ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "NOUN"],
                ["B-PERSON", "O", "O", "B-GPE", "O", "O"], lemmas=["obama", "say", "that", "iran", "want", "talk"])
    assert speaker_token(doc[3], 0, (doc[4].idx, doc[4].idx + 6), (30, 40)).text == "Obama"
    assert speaker_token(doc[0], 0, (doc[1].idx, doc[1].idx + 4), (30, 40)).i == 0


def test_speaker_mentions_state_under_a_verb_that_reports_nothing_speaks():
    # "groups which form what Tehran calls X": "form" is no report, Tehran speaks
    doc = parse(["groups", "form", "what", "Tehran", "calls", "resistance"], [1, 1, 4, 4, 1, 4],
                ["nsubj", "ROOT", "dobj", "nsubj", "ccomp", "oprd"], ["NOUN", "VERB", "PRON", "PROPN", "VERB", "NOUN"],
                ["O", "O", "O", "B-GPE", "O", "O"], lemmas=["group", "form", "what", "tehran", "call", "resistance"])
    assert speaker_token(doc[3], 0, (doc[4].idx, doc[4].idx + 5), (30, 40)).text == "Tehran"


# ---- pronouns --------------------------------------------------------------------------------

def _he(offset):
    doc = parse(["he"], [0], ["nsubj"], ["PRON"])  # a Token needs its Doc kept alive
    return doc[0], offset


def test_speakers_pronoun_takes_the_nearest_subject_not_the_last_remembered():
    r = resolver()
    r.note_subject(500, "Khamenei")  # "Ayatollah Ali Khamenei kept his distance" (a sentence subject)
    r.remember(100, r._match("Rouhani"))  # an earlier attribution, processed later
    tok, at = _he(560)
    assert r.resolve(tok, "he", at).speaker == "ali-khamenei"


def test_speakers_unresolved_person_between_blocks_the_pronoun():
    # "His father had set the tone. In a speech he said ...": we cannot name "his father"
    r = resolver("2026-03-13")
    r.remember(100, r._match("Rouhani"))
    doc = parse(["His", "father"], [1, 1], ["poss", "nsubj"], ["PRON", "NOUN"])
    father = doc[1]
    r.remember(300, r.resolve(father, "His father", 300), father)
    tok, at = _he(350)
    assert r.resolve(tok, "he", at).speaker == UNKNOWN


def test_speakers_pronoun_skips_a_state_but_not_a_person_of_unknown_gender():
    r = resolver()
    r.remember(100, r._match("Rouhani"))
    r.remember(200, r._match("Tehran"))
    tok, at = _he(250)
    assert r.resolve(tok, "he", at).speaker == "hassan-rouhani"


@pytest.mark.parametrize("word", ["I", "we", "it", "they", "nothing"])
def test_speakers_other_pronouns_stay_unknown(word):
    r = resolver()
    r.remember(100, r._match("Rouhani"))
    doc = parse([word], [0], ["nsubj"], ["PRON"])
    assert r.resolve(doc[0], word, 200).speaker == UNKNOWN


def test_speakers_pronoun_never_reaches_past_the_window():
    r = resolver()
    r.remember(0, r._match("Rouhani"))
    tok, at = _he(5000)
    assert r.resolve(tok, "he", at).speaker == UNKNOWN


# ---- roles and relations -----------------------------------------------------------------------

def test_speakers_his_successor_follows_the_kb_from_the_pronoun_owner():
    r = resolver(None)
    r.remember(10, r._match("Khomeini"))
    doc = parse(["His", "successor"], [1, 1], ["poss", "nsubj"], ["PRON", "NOUN"])
    assert r.resolve(doc[1], "His successor", 40).speaker == "ali-khamenei"


def test_speakers_new_leader_is_the_holder_on_the_date():
    r = resolver("2026-03-13")
    doc = parse(["The", "new", "leader"], [2, 2, 2], ["det", "amod", "nsubj"], ["DET", "ADJ", "NOUN"])
    assert r.resolve(doc[2], "The new leader", 10).speaker == "mojtaba-khamenei"


def test_speakers_his_father_follows_a_family_relation_of_the_kb():
    class FamilyKB(FakeKB):
        def relative(self, actor_id, kind):
            return {("mojtaba-khamenei", "father"): "ali-khamenei"}.get((actor_id, kind))

    r = SpeakerResolver(SimpleNamespace(published="2026-03-13", published_range=None), kb=FamilyKB())
    r.remember(10, r.resolved("mojtaba-khamenei", "named", 0.95))
    doc = parse(["His", "father"], [1, 1], ["poss", "nsubj"], ["PRON", "NOUN"])
    assert r.resolve(doc[1], "His father", 40).speaker == "ali-khamenei"
    doc = parse(["His", "son"], [1, 1], ["poss", "nsubj"], ["PRON", "NOUN"])
    assert r.resolve(doc[1], "His son", 40).speaker == UNKNOWN  # the KB lists no son: never a guess


def test_speakers_pronoun_inside_an_owned_phrase_means_the_owner():
    # "events increase Rouhani 's resolve to expand the plan he calls reform"
    words = ["events", "increase", "Rouhani", "'s", "resolve", "to", "expand", "the", "plan", "he", "calls", "reform"]
    doc = parse(words, [1, 1, 4, 2, 1, 6, 4, 8, 6, 10, 8, 10],
                ["nsubj", "ROOT", "poss", "case", "dobj", "aux", "acl", "det", "dobj", "nsubj", "relcl", "oprd"],
                ["NOUN", "VERB", "PROPN", "PART", "NOUN", "PART", "VERB", "DET", "NOUN", "PRON", "VERB", "NOUN"],
                ["O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "O"])
    assert resolver().resolve(doc[9], "he", doc[9].idx).speaker == "hassan-rouhani"
    she = parse([w if w != "he" else "she" for w in words], [t.head.i for t in doc], [t.dep_ for t in doc],
                [t.pos_ for t in doc], ["O", "O", "B-PERSON"] + ["O"] * 9)
    assert resolver().resolve(she[9], "she", she[9].idx).speaker == UNKNOWN  # Rouhani is no "she"


def test_speakers_relative_pronoun_is_resolved_through_its_antecedent():
    doc = parse(["Rouhani", ",", "who", "said", "no"], [0, 0, 3, 0, 3], ["ROOT", "punct", "nsubj", "relcl", "dobj"],
                ["PROPN", "PUNCT", "PRON", "VERB", "DET"], ["B-PERSON", "O", "O", "O", "O"])
    assert resolver().resolve(doc[2], "who", doc[2].idx).speaker == "hassan-rouhani"


def test_speakers_bare_role_means_the_one_holder_named_just_before():
    from stancetrace.actors import load_kb

    text = "The ruling puts him at odds with President Hassan Rouhani. The president has said talks are possible."
    document = SimpleNamespace(text=text, published="2015-10-08", published_range=None)
    at = text.index("The president")
    assert SpeakerResolver(document, kb=load_kb())._role_anaphor("The president", at).speaker == "hassan-rouhani"
    text = "Barack Obama spoke with President Hassan Rouhani. The president said talks are possible."
    document = SimpleNamespace(text=text, published="2015-10-08", published_range=None)
    at = text.index("The president")
    assert SpeakerResolver(document, kb=load_kb())._role_anaphor("The president", at).speaker == UNKNOWN


def test_speakers_state_adjective_naming_a_report_speaks_for_the_state():
    from stancetrace.actors import load_kb

    doc = parse(["Iranian", "statements", "pledged"], [1, 2, 2], ["amod", "nsubj", "ROOT"], ["ADJ", "NOUN", "VERB"],
                ["B-NORP", "O", "O"], lemmas=["iranian", "statement", "pledge"])
    r = SpeakerResolver(SimpleNamespace(text="", published="2015-10-08", published_range=None), kb=load_kb())
    assert r.resolve(doc[0], "Iranian", 0).speaker == "iran"


def _att(mention, speaker, method, said_on, basis="explicit"):
    return Attribution(doc="d", content="x", content_start=50, content_end=60, type="direct", speaker_mention=mention,
                       speaker_start=0, speaker_end=len(mention), speaker=speaker, speaker_method=method,
                       said_on=said_on, said_on_basis=basis)


def test_speakers_ambiguous_surname_is_decided_by_the_statement_date():
    document = SimpleNamespace(published="2026-03-13", published_range=None)
    before = _att("Khamenei", "mojtaba-khamenei", "alias", "2026-01-20")
    spanning = _att("Khamenei", "mojtaba-khamenei", "alias", "2026")
    refine_speakers(document, [before, spanning], kb=FakeKB())
    assert before.speaker == "ali-khamenei"
    assert spanning.speaker == UNKNOWN


def test_speakers_role_is_rechecked_on_an_explicit_statement_date():
    document = SimpleNamespace(published="2013-02-08", published_range=None)
    att = _att("the leader", "ali-khamenei", "role", "1988-07-20")
    refine_speakers(document, [att], kb=FakeKB())
    assert att.speaker == "ruhollah-khomeini"


# ---- rules file ---------------------------------------------------------------------------------

def test_speaker_rules_reject_an_unknown_gender():
    with pytest.raises(ConfigError, match="pronouns"):
        parse_speaker_rules({"version": "stancetrace.speakers.v1", "pronouns": {"he": "x"},
                             "relations": {"successor": "successor"}})


def test_speaker_rules_possessives_name_a_person_or_a_group():
    base = {"version": "stancetrace.speakers.v1", "pronouns": {"he": "m"}, "relations": {"father": "father"}}
    rules = parse_speaker_rules({**base, "possessives": {"his": "person", "their": "group"}, "owner_nouns": ["video"]})
    assert rules.possessives == {"his": "person", "their": "group"} and "video" in rules.owner_nouns
    with pytest.raises(ConfigError, match="possessives"):
        parse_speaker_rules({**base, "possessives": {"his": "owner"}})
    with pytest.raises(ConfigError, match="relations"):
        parse_speaker_rules({**base, "relations": {"cousin": "cousin"}})


def test_speakers_state_inside_a_report_is_described_unless_it_names_a_report():
    text = "Obama said that Tehran wanted talks. Rouhani sought to rebut recent Tehran statements that suggested a deal."
    document = SimpleNamespace(text=text, published="2015-10-08", published_range=None)

    def att(content, cue, mention, speaker):
        start, cue_at, at = text.index(content), text.index(cue), text.index(mention)
        return Attribution(doc="d", content=content, content_start=start, content_end=start + len(content),
                           type="indirect", cue=cue, cue_start=cue_at, cue_end=cue_at + len(cue), speaker_mention=mention,
                           speaker_start=at, speaker_end=at + len(mention), speaker=speaker, speaker_method="alias")

    outer = att("Tehran wanted talks", "said", "Obama", "barack-obama")
    described = att("talks", "wanted", "Tehran", "iran")
    rebutted = att("recent Tehran statements that suggested a deal", "rebut", "Rouhani", "hassan-rouhani")
    reported = att("a deal", "suggested", "Tehran statements", "iran")
    reported.speaker_mention, reported.speaker_end = "Tehran", reported.speaker_start + len("Tehran")
    refine_speakers(document, [outer, described, rebutted, reported], kb=FakeKB())
    assert described.speaker == UNKNOWN  # Obama's account of Tehran
    assert reported.speaker == "iran"  # Tehran made the statements Rouhani rebuts
