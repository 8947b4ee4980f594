"""Per-parse memos give what spaCy would compute on each access (no model needed)."""

import pytest
import spacy

from stancetrace.attribution.parse_cache import (doc_ents, doc_text, entity_at, remember_text, sentence_start,
                                                token_starting_at)


def _doc():
    nlp = spacy.blank("en")
    doc = nlp("Ali  Khamenei said it.\n\nThe speaker replied.")
    doc.ents = [doc.char_span(0, 13, label="PERSON")]
    return doc


def test_parse_cache_text_and_ents_match_the_doc():
    doc = _doc()
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]


def test_parse_cache_token_starting_at_matches_a_scan():
    doc = _doc()
    for char in range(len(doc.text) + 1):
        scanned = next((t for t in doc if t.idx == char), None)
        found = token_starting_at(doc, char)
        assert (found.i if found is not None else None) == (scanned.i if scanned is not None else None)


def test_parse_cache_memos_are_per_doc():
    nlp = spacy.blank("en")
    first, second = nlp("one text"), nlp("another text")
    assert doc_text(first) == "one text" and doc_text(second) == "another text"


def test_parse_cache_remembered_text_is_given_back():
    nlp = spacy.blank("en")
    text = "Khamenei said:\n\n“No talks.”"
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    assert doc_text(doc) == doc.text == text


def test_parse_cache_sentence_start_matches_token_sent():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("He spoke. Then she replied at length.\n\nA new paragraph starts here.")
    for tok in doc:
        tok.is_sent_start = tok.i == 0 or doc[tok.i - 1].text in (".", "\n\n")
    assert [sentence_start(doc, tok.i) for tok in doc] == [tok.sent.start for tok in doc]


def test_parse_cache_sentence_start_needs_sentence_boundaries():
    doc = spacy.blank("en").make_doc("No parse here.")
    with pytest.raises(ValueError):
        sentence_start(doc, 0)  # as `doc[0].sent` raises


def test_parse_cache_entity_at_matches_a_scan():
    doc = _doc()
    for tok in doc:
        scanned = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        found = entity_at(doc, tok.i)
        assert (found and (found.start, found.end)) == (scanned and (scanned.start, scanned.end))
