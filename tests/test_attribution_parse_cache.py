"""Per-parse memos give what spaCy would compute on each access (no model needed)."""

import spacy

from stancetrace.attribution.parse_cache import doc_ents, doc_text, token_starting_at


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
