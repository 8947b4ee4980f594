"""eval documents: scores against a small gold file written in the test."""

from __future__ import annotations

import json

import pytest

from stancetrace.errors import StanceTraceError
from stancetrace.eval import documents
from stancetrace.records import Span

TEXT = ("Veloria Rejects Northern Talks\n\nMar 3, 2011\n\n"
        + ("The minister of Veloria said the talks were pointless and left early. " * 10).strip() + "\n\nComments\n")


def write_gold(tmp_path, **overrides):
    body_start = TEXT.index("The minister")
    row = {"doc": "a.txt", "title": "Veloria Rejects Northern Talks", "authors": [], "publisher": None,
           "published": "2011-03-03", "published_basis": "explicit", "published_range": None,
           "body_start": body_start, "body_end": TEXT.index("\n\nComments")}
    row.update(overrides)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return gold


def test_eval_documents_span_scores_count_characters():
    assert documents.span_scores([Span(0, 50)], Span(25, 75)) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert documents.span_scores([], Span(0, 10))["f1"] == 0.0


def test_eval_documents_title_match_folds_quotes_and_spaces():
    assert documents.same_text("Iran’s  Leader", "Iran's Leader")
    assert not documents.same_text("Iran's Leader", None)


def test_eval_documents_run_scores_our_reading_and_trafilatura(tmp_path):
    report = documents.run(write_gold(tmp_path), tmp_path)
    (scored,) = report["documents"]
    assert scored["title"]["correct"] and scored["published"]["explicit_correct"]
    assert scored["body"]["stancetrace"]["f1"] == 1.0
    assert set(scored["body"]) == {"stancetrace", "trafilatura_text", "trafilatura_paragraphs"}
    assert report["summary"]["invented_dates"] == 0
    assert "a.txt" in documents.render(report)


def test_eval_documents_counts_an_invented_date(tmp_path):
    report = documents.run(write_gold(tmp_path, published=None, published_basis="unknown"), tmp_path)
    assert report["summary"]["invented_dates"] == 1


def test_eval_documents_bad_gold_line_is_a_numbered_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt"}\n', encoding="utf-8")
    with pytest.raises(StanceTraceError, match="E031 .* line 1: missing body_start"):
        documents.run(gold, tmp_path)


def test_eval_documents_locate_lines_finds_rewrapped_output():
    spans, unlocated = documents.locate_lines("talks  were\npointless\nnot there", "the talks were\npointless.")
    assert [(s.start, s.end) for s in spans] == [(4, 14), (15, 24)]
    assert unlocated == len("not there")
