"""The coding pattern language: one indexed scan finds what each pattern finds alone."""

from stancetrace.coding.rules import load_rules
from stancetrace.coding.targets import Context, issue_for, topical_issues
from stancetrace.coding.text import PatternIndex, any_match, patterns, words

PATTERNS = patterns(["lift* ~ sanctions", "no war", "negotiat*", "a", "~ talks", "u.s.", "war|wars"])
SENTENCES = [
    "We will never negotiate; no war, no negotiation.",
    "They lifted the harsh sanctions on Iran and the U.S. welcomed talks.",
    "Nothing here matches.",
    "",
]


def test_coding_text_index_finds_every_match_of_every_pattern():
    index = PatternIndex((p, p.source) for p in PATTERNS)
    for sentence in SENTENCES:
        toks = words(sentence)
        expected = sorted((s, e, p.source) for p in PATTERNS for s, e in p.find(toks))
        assert sorted((s, e, source) for s, e, _, source in index.find(toks)) == expected


def test_coding_text_any_match_says_whether_some_pattern_matches():
    for sentence in SENTENCES:
        toks = words(sentence)
        assert any_match(PATTERNS, toks) == any(p.find(toks) for p in PATTERNS)
    assert any_match(PATTERNS, words("they were negotiating")) is True
    assert any_match(PATTERNS, words("Nothing here matches.")) is False


def test_coding_text_words_spell_out_contractions_only_where_there_are_some():
    assert words("We won't and can’t; we cannot.") == ["we", "will", "not", "and", "can", "not", ";", "we", "can",
                                                       "not", "."]
    assert words("No war, no negotiation.") == ["no", "war", ",", "no", "negotiation", "."]


def test_coding_targets_topical_issues_are_those_issue_for_looks_at():
    rules = load_rules()
    named = set()
    for issue in rules.issues[:5]:
        topic = issue.topic[0].source.replace("*", "").replace("~", "").replace("|", " ").split()
        toks = words(" ".join(topic))
        topics = topical_issues(toks, rules)
        assert {n for n, i in enumerate(rules.issues) if any_match(i.topic, toks)} == topics
        named |= topics
        for with_counterpart in (True, False):
            assert issue_for(toks, (), rules, Context(), with_counterpart) is \
                issue_for(toks, (), rules, Context(), with_counterpart, topics=topics)
    assert named  # the words of a topic name at least their own issue
