"""Sentences, paragraphs and marked segments cut from a document's own text."""

from __future__ import annotations

from stancetrace.report.evidence import Mark, paragraph_bounds, segments, sentence_bounds
from stancetrace.report.record import StatementFilter, find_statements

TEXT = "First sentence here. Then he said “no talks” firmly. Last one.\n\nNext paragraph."


def test_report_evidence_sentence_bounds_stop_at_sentence_ends():
    start = TEXT.index("no talks")
    left, right = sentence_bounds(TEXT, start, start + 8)
    assert TEXT[left:right] == "Then he said “no talks” firmly."


def test_report_evidence_paragraph_bounds_stop_at_blank_lines():
    start = TEXT.index("Next")
    left, right = paragraph_bounds(TEXT, start, start + 4)
    assert TEXT[left:right] == "Next paragraph."


def test_report_evidence_segments_nest_marks_and_keep_text():
    start = TEXT.index("no talks")
    marks = [Mark(start - 1, start + 9, "quote", "7"), Mark(start, start + 2, "cue")]
    pieces = segments(TEXT, marks)
    assert "".join(p.text for p in pieces) == TEXT
    inner = next(p for p in pieces if p.text == "no")
    assert inner.css == "cue quote" and inner.ref == "7"


def test_report_record_date_filters_treat_partial_dates_as_ranges(store):
    from tests.browser.demo_store import gold_attributions
    from stancetrace.pipeline import read_documents
    from tests.browser.demo_store import CORPUS

    document = next(read_documents([str(CORPUS / "2015-10-08-talks-forbidden.txt")]))
    store.add_document(document, gold_attributions(document.doc))
    dates = {r["said_on"] for r in find_statements(store.conn, StatementFilter(since="2015-09", until="2015-09"))}
    assert dates and all(d.startswith("2015") for d in dates)
    assert "2015-09" in dates  # a month-dated statement overlaps its month


def test_report_evidence_sentence_bounds_skip_abbreviations():
    text = 'Earlier. He met the new U.S. president, and Mr. Smith said "no" today. Next.'
    start = text.index('"no"') + 1
    left, right = sentence_bounds(text, start, start + 2)
    assert text[left:right] == 'He met the new U.S. president, and Mr. Smith said "no" today.'
