"""Which token names a speaker: relative pronouns, things a speaker used, possessives bound
by their clause, reported groups, a nearer person before the words, colon introductions.

Sentences are made up and parsed by hand (the model is not the point); offsets are the
hand-built Doc's own character offsets (base 0)."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from stancetrace.attribution.speaker_mentions import naming_token, speaker_token
from stancetrace.attribution.speakers import mention_span


def parse(words, heads, deps, pos, ents=None, tags=None, lemmas=None):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents, tags=tags,
               lemmas=lemmas or [w.lower() for w in words])


def cue_of(tok):
    return tok.idx, tok.idx + len(tok.text)


def after(doc, i):
    """A content span from token `i` to the end of the doc."""
    return doc[i].idx, len(doc.text)


# ---- relative pronouns ------------------------------------------------------------------

def test_speaker_mentions_relative_pronoun_is_the_mention_nearest_the_cue():
    # "Kamin , who stressed that rates rise": the mention is "who"; Kamin is resolved from it
    doc = parse(["Kamin", ",", "who", "stressed", "that", "rates", "rise"], [0, 0, 3, 0, 6, 6, 3],
                ["ROOT", "punct", "nsubj", "relcl", "mark", "nsubj", "ccomp"],
                ["PROPN", "PUNCT", "PRON", "VERB", "SCONJ", "NOUN", "VERB"], ["B-PERSON", "O", "O", "O", "O", "O", "O"])
    found = speaker_token(doc[0], 0, cue_of(doc[3]), after(doc, 5))
    assert found.text == "who"
    assert mention_span(found) == (2, 3)


def test_speaker_mentions_relative_clause_of_another_noun_keeps_the_subject():
    # "Kamin said rates that rose ...": the relative clause hangs from "rates", not from Kamin
    doc = parse(["Kamin", "met", "aides", "who", "said", "no"], [1, 1, 1, 4, 2, 4],
                ["nsubj", "ROOT", "dobj", "nsubj", "relcl", "dobj"], ["PROPN", "VERB", "NOUN", "PRON", "VERB", "DET"],
                ["B-PERSON", "O", "O", "O", "O", "O"])
    assert speaker_token(doc[0], 0, cue_of(doc[4]), after(doc, 5)).text == "Kamin"


# ---- a thing the speaker used --------------------------------------------------------------

def test_speaker_mentions_thing_a_cue_describes_gives_way_to_who_used_it():
    # "She spoke at a conference announcing that the city sued"
    words = ["She", "spoke", "at", "a", "conference", "announcing", "that", "the", "city", "sued"]
    doc = parse(words, [1, 1, 1, 4, 2, 4, 9, 8, 9, 5],
                ["nsubj", "ROOT", "prep", "det", "pobj", "acl", "mark", "det", "nsubj", "ccomp"],
                ["PRON", "VERB", "ADP", "DET", "NOUN", "VERB", "SCONJ", "DET", "NOUN", "VERB"])
    assert speaker_token(doc[4], 0, cue_of(doc[5]), after(doc, 7)).text == "She"


def test_speaker_mentions_report_a_speaker_cites_keeps_its_own_author():
    # "He cited a report that said taxes rose": the report said it, not he
    words = ["He", "cited", "a", "report", "that", "said", "taxes", "rose"]
    doc = parse(words, [1, 1, 3, 1, 5, 3, 7, 5], ["nsubj", "ROOT", "det", "dobj", "nsubj", "relcl", "nsubj", "ccomp"],
                ["PRON", "VERB", "DET", "NOUN", "PRON", "VERB", "NOUN", "VERB"])
    assert speaker_token(doc[3], 0, cue_of(doc[5]), after(doc, 6)).text != "He"


# ---- possessives bound by their clause ---------------------------------------------------

def test_speaker_mentions_possessive_is_the_subject_of_its_clause():
    # "Trump repeated his message that crime rose"
    words = ["Trump", "repeated", "his", "message", "that", "crime", "rose"]
    doc = parse(words, [1, 1, 3, 1, 6, 6, 3], ["nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "acl"],
                ["PROPN", "VERB", "PRON", "NOUN", "SCONJ", "NOUN", "VERB"], ["B-PERSON", "O", "O", "O", "O", "O", "O"])
    assert speaker_token(doc[2], 0, cue_of(doc[3]), after(doc, 5)).text == "Trump"


def test_speaker_mentions_possessive_with_another_person_between_stays():
    # "Obama thanked Netanyahu for his pledge to act": "his" may be either man's
    words = ["Obama", "thanked", "Netanyahu", "for", "his", "pledge", "to", "act"]
    doc = parse(words, [1, 1, 1, 1, 5, 3, 7, 5], ["nsubj", "ROOT", "dobj", "prep", "poss", "pobj", "aux", "acl"],
                ["PROPN", "VERB", "PROPN", "ADP", "PRON", "NOUN", "PART", "VERB"],
                ["B-PERSON", "O", "B-PERSON", "O", "O", "O", "O", "O"])
    assert speaker_token(doc[4], 0, cue_of(doc[5]), after(doc, 6)).text == "his"


def test_speaker_mentions_their_is_bound_by_a_plural_subject_through_its_predicate():
    # "Iranian statements were firm in their pledge to expand"
    words = ["Iranian", "statements", "were", "firm", "in", "their", "pledge", "to", "expand"]
    doc = parse(words, [1, 2, 2, 2, 3, 6, 4, 8, 6], ["amod", "nsubj", "ROOT", "acomp", "prep", "poss", "pobj", "aux", "acl"],
                ["ADJ", "NOUN", "AUX", "ADJ", "ADP", "PRON", "NOUN", "PART", "VERB"],
                ["B-NORP", "O", "O", "O", "O", "O", "O", "O", "O"], tags=["JJ", "NNS", "VBD", "JJ", "IN", "PRP$", "NN", "TO", "VB"],
                lemmas=["iranian", "statement", "be", "firm", "in", "their", "pledge", "to", "expand"])
    found = speaker_token(doc[5], 0, cue_of(doc[6]), after(doc, 7))
    assert found.text == "Iranian"  # the statements give way to the state that made them


# ---- owners and apposed names ------------------------------------------------------------

def test_speaker_mentions_what_a_person_speaks_through_is_theirs():
    # "Obama 's video said" -> Obama; "Iran 's economy" is no voice of Iran's
    doc = parse(["Obama", "'s", "video", "said"], [2, 0, 3, 3], ["poss", "case", "nsubj", "ROOT"],
                ["PROPN", "PART", "NOUN", "VERB"], ["B-PERSON", "O", "O", "O"])
    assert naming_token(doc[2]).text == "Obama"
    doc = parse(["Iran", "'s", "economy", "shows"], [2, 0, 3, 3], ["poss", "case", "nsubj", "ROOT"],
                ["PROPN", "PART", "NOUN", "VERB"], ["B-GPE", "O", "O", "O"])
    assert naming_token(doc[2]).text == "economy"


def test_speaker_mentions_common_noun_gives_way_to_an_apposed_proper_name():
    # "The weekly , Sobh , published" -> Sobh; "Kayhan , the Tehran daily , wrote" stays Kayhan
    doc = parse(["The", "weekly", ",", "Sobh", ",", "published"], [1, 5, 1, 1, 1, 5],
                ["det", "nsubj", "punct", "npadvmod", "punct", "ROOT"], ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB"])
    assert naming_token(doc[1]).text == "Sobh"
    doc = parse(["Kayhan", ",", "the", "Tehran", "daily", ",", "wrote"], [6, 0, 3, 0, 3, 0, 6],
                ["nsubj", "punct", "det", "appos", "npadvmod", "punct", "ROOT"],
                ["PROPN", "PUNCT", "DET", "PROPN", "NOUN", "PUNCT", "VERB"], ["B-ORG", "O", "O", "B-GPE", "O", "O", "O"])
    assert naming_token(doc[0]).text == "Kayhan"


def test_speaker_mentions_hyphenated_name_is_one_mention():
    doc = Doc(Vocab(), words=["Sobh", "-", "e", "-", "Sadegh", "wrote"], spaces=[False, False, False, False, True, False],
              heads=[5, 0, 0, 0, 0, 5], deps=["nsubj", "punct", "nummod", "punct", "appos", "ROOT"],
              pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "VERB"])
    assert mention_span(doc[0]) == (0, 5)


def test_speaker_mentions_entity_span_leaves_out_the_possessive_ending():
    doc = parse(["Ali", "Khamenei", "’s", "view"], [1, 3, 1, 3], ["compound", "poss", "case", "ROOT"],
                ["PROPN", "PROPN", "PART", "NOUN"], ["B-PERSON", "I-PERSON", "I-PERSON", "O"])
    assert mention_span(doc[1]) == (0, 2)


# ---- groups and things inside someone's report ---------------------------------------------

def test_speaker_mentions_group_in_a_reported_clause_gives_way_to_the_reporter():
    # "he told them that his people demanded war": the reporter speaks
    words = ["he", "told", "them", "that", "his", "people", "demanded", "war"]
    doc = parse(words, [1, 1, 1, 6, 5, 6, 1, 6], ["nsubj", "ROOT", "dobj", "mark", "poss", "nsubj", "ccomp", "dobj"],
                ["PRON", "VERB", "PRON", "SCONJ", "PRON", "NOUN", "VERB", "NOUN"],
                lemmas=["he", "tell", "they", "that", "his", "people", "demand", "war"])
    assert speaker_token(doc[5], 0, cue_of(doc[6]), after(doc, 7)).text == "he"


def test_speaker_mentions_conjoined_cue_shares_the_reported_clause():
    # "Khamenei said that talks brought harm and called them forbidden"
    words = ["Khamenei", "said", "that", "talks", "brought", "harm", "and", "called", "them", "forbidden"]
    doc = parse(words, [1, 1, 4, 4, 1, 4, 4, 4, 7, 7],
                ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj", "cc", "conj", "dobj", "oprd"],
                ["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "NOUN", "CCONJ", "VERB", "PRON", "VERB"],
                ["B-PERSON"] + ["O"] * 9, lemmas=["khamenei", "say", "that", "talk", "bring", "harm", "and", "call", "they", "forbid"])
    assert speaker_token(doc[3], 0, cue_of(doc[7]), after(doc, 9)).text == "Khamenei"


def test_speaker_mentions_person_in_a_reported_clause_speaks_for_himself():
    # "Obama said that Netanyahu called it folly": Netanyahu's own cue keeps him
    words = ["Obama", "said", "that", "Netanyahu", "called", "it", "folly"]
    doc = parse(words, [1, 1, 4, 4, 1, 4, 4], ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj", "oprd"],
                ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PRON", "NOUN"], ["B-PERSON", "O", "O", "B-PERSON", "O", "O", "O"],
                lemmas=["obama", "say", "that", "netanyahu", "call", "it", "folly"])
    assert speaker_token(doc[3], 0, cue_of(doc[4]), after(doc, 6)).text == "Netanyahu"


def test_speaker_mentions_person_named_by_the_kb_is_no_place():
    # the parse tagged "Khamenei" a place inside Aznar's report; the actor KB knows a person
    words = ["Aznar", "recounted", "how", "Khamenei", "dubbed", "Israel", "a", "cancer"]
    doc = parse(words, [1, 1, 4, 4, 1, 4, 7, 4], ["nsubj", "ROOT", "advmod", "nsubj", "ccomp", "dobj", "det", "oprd"],
                ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PROPN", "DET", "NOUN"],
                ["B-PERSON", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"],
                lemmas=["aznar", "recount", "how", "khamenei", "dub", "israel", "a", "cancer"])
    assert speaker_token(doc[3], 0, cue_of(doc[4]), after(doc, 7)).text == "Khamenei"


# ---- a nearer person, colon introductions ----------------------------------------------------

def _velayati_hamedani():
    # Velayati said , “ Syria is ours , ” and Hamedani reiterated it : “ Syria stands ”
    words = ["Velayati", "said", ",", "“", "Syria", "is", "ours", ",", "”", "and", "Hamedani", "reiterated", "it", ":",
             "“", "Syria", "stands", "”"]
    heads = [1, 1, 1, 5, 5, 1, 5, 5, 5, 1, 11, 1, 11, 1, 16, 16, 1, 16]
    deps = ["nsubj", "ROOT", "punct", "punct", "nsubj", "ccomp", "attr", "punct", "punct", "cc", "nsubj", "conj", "dobj",
            "punct", "punct", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "PUNCT", "PROPN", "AUX", "PRON", "PUNCT", "PUNCT", "CCONJ", "PROPN", "VERB", "PRON",
           "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = ["B-PERSON", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O", "B-PERSON"] + ["O"] * 7
    return parse(words, heads, deps, pos, ents, lemmas=[w.lower() for w in words])


def test_speaker_mentions_nearer_person_takes_the_words_from_the_cue():
    doc = _velayati_hamedani()
    second = (doc[15].idx, doc[16].idx + len(doc[16].text))
    assert speaker_token(doc[0], 0, cue_of(doc[1]), second) is None  # not Velayati's words
    assert speaker_token(doc[0], 0, cue_of(doc[13]), second).text == "Hamedani"  # the colon's


def test_speaker_mentions_colon_with_a_speaker_inside_the_quote_takes_the_writers_subject():
    # "Khamenei ’s view assumes conflict : “ America ’s policy is war ”"
    words = ["Khamenei", "’s", "view", "assumes", "conflict", ":", "“", "America", "’s", "policy", "is", "war", "”"]
    doc = parse(words, [2, 0, 3, 3, 3, 3, 10, 9, 7, 10, 3, 10, 10],
                ["poss", "case", "nsubj", "ROOT", "dobj", "punct", "punct", "poss", "case", "nsubj", "ccomp", "attr", "punct"],
                ["PROPN", "PART", "NOUN", "VERB", "NOUN", "PUNCT", "PUNCT", "PROPN", "PART", "NOUN", "AUX", "NOUN", "PUNCT"],
                ["B-PERSON"] + ["O"] * 6 + ["B-GPE"] + ["O"] * 5)
    quote = (doc[7].idx, doc[11].idx + 3)
    assert speaker_token(doc[9], 0, cue_of(doc[5]), quote).text == "Khamenei"
