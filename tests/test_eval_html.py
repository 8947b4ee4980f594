"""The article-extraction metric on hand-made cases, and our floor against trafilatura."""

from __future__ import annotations

import json

import pytest

from stancetrace.eval.html import corpus_scores, run, score_page, shingles, tokenize


def test_eval_html_tokens_are_word_runs_with_case_kept():
    assert tokenize("Hello, world! it's 2024_x") == ["Hello", "world", "it", "s", "2024_x"]


def test_eval_html_short_text_is_one_shingle():
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}


def test_eval_html_shingles_count_repeats():
    assert shingles("a b c d a b c d".split())[("a", "b", "c", "d")] == 2
    assert sum(shingles("a b c d e".split()).values()) == 2


def test_eval_html_identical_text_scores_one():
    page = score_page("one two three four five", "one two three four five")
    assert (page.precision, page.recall, page.exact) == (1.0, 1.0, True)


def test_eval_html_extra_text_lowers_precision_only():
    # gold shingles: (a b c d), (b c d e); prediction adds (c d e f): tp 2, fp 1, fn 0
    page = score_page("a b c d e", "a b c d e f")
    assert page.recall == 1.0
    assert page.precision == pytest.approx(2 / 3)


def test_eval_html_empty_prediction_is_left_out_of_precision():
    pages = [score_page("a b c d e", ""), score_page("a b c d", "a b c d")]
    assert pages[0].precision is None and pages[0].recall == 0.0
    scores = corpus_scores(pages)
    assert scores["precision"] == 1.0
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_eval_html_case_differences_count_as_errors():
    assert score_page("Alpha beta gamma delta", "alpha beta gamma delta").recall == 0.0


def test_eval_html_run_scores_pages_and_missing_ones(tmp_path):
    gold = {"p1": {"articleBody": "The council voted on the budget late on Monday night."}, "p2": {"articleBody": "x y z w"}}
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    pages = tmp_path / "html"
    pages.mkdir()
    (pages / "p1.html").write_text(f"<html><body><article><p>{gold['p1']['articleBody']}</p></article></body></html>")
    report = run(tmp_path / "gold.json", pages)
    assert report["pages"] == 2
    assert report["missing_pages"] == ["p2"]
    assert report["systems"]["stancetrace"]["recall"] == pytest.approx(0.5)


def test_eval_html_benchmark_floor_we_match_or_beat_trafilatura(shared):
    """The whole benchmark (181 pages) runs in about 15 s on one core, so no subsample."""
    root = shared / "data" / "article-extraction-benchmark"
    if not root.is_dir():
        pytest.skip("article-extraction benchmark not in ../shared/data")
    report = run(root / "ground-truth.json", root / "html")
    ours, theirs = report["systems"]["stancetrace"], report["systems"]["trafilatura"]
    assert report["pages"] == 181
    assert ours["f1"] >= theirs["f1"]
