"""What coding reads from the pipeline's parse (needs the spaCy model)."""

import pytest

from stancetrace.coding.parsed import Parsed, _columns, negated_words, reports_third_party


@pytest.fixture(scope="module")
def doc():
    from stancetrace.nlp import load_model

    return load_model()("Imam Hussein never pledged allegiance. Khamenei dubbed Israel a cancer, and Iran did not agree.")


def test_coding_parsed_columns_are_the_tokens_labels_and_heads(doc):
    deps, pos, heads = _columns(doc)
    assert [doc.vocab.strings[d] for d in deps] == [t.dep_ for t in doc]
    assert [doc.vocab.strings[p] for p in pos] == [t.pos_ for t in doc]
    assert heads == [t.head.i for t in doc]


def test_coding_parsed_negated_words_are_the_heads_of_neg(doc):
    span = Parsed.of(doc).span(0, len(doc.text))
    assert negated_words(span) == frozenset(t.head.lower_ for t in doc if t.dep_ == "neg")
    assert negated_words(span) == {"pledged", "agree"}


def test_coding_parsed_nested_report_needs_a_third_party_subject(doc):
    start = doc.text.index("Khamenei")
    span = Parsed.of(doc).span(start, doc.text.index(",", start))
    said = lambda word: word in ("dubbed", "said")  # noqa: E731
    assert reports_third_party(span, lambda name: False, said) is True  # Khamenei (PERSON) dubbed ...
    assert reports_third_party(span, lambda name: True, said) is False  # the speaker's own side
