"""Scoring by SCHEMA.md 'Matching'."""

from stancetrace.eval.attributions import Line, score, spans_match


def test_eval_attributions_half_of_shorter_span_matches():
    assert spans_match((0, 10), (5, 40))
    assert not spans_match((0, 10), (6, 40))


def test_eval_attributions_borderline_not_required_nor_false_positive():
    gold = [Line("d", 0, 10, "direct", "a"), Line("d", 20, 30, "partial", "b", borderline=True)]
    report = score(gold, [Line("d", 0, 10, speaker="a"), Line("d", 20, 30, speaker="b")])
    assert report["recall"] == 1.0 and report["precision"] == 1.0 and report["borderline_matches"] == 1


def test_eval_attributions_misattribution_counts_named_wrong_speaker_only():
    gold = [Line("d", 0, 10, "direct", "ali-khamenei"), Line("d", 20, 30, "direct", "ruhollah-khomeini")]
    preds = [Line("d", 0, 10, speaker="unknown"), Line("d", 20, 30, speaker="ali-khamenei")]
    report = score(gold, preds)
    assert report["misattributions"] == 1
    assert report["canonical_speaker_accuracy"] == 0.0


def test_eval_attributions_split_quote_is_two_correct_predictions():
    report = score([Line("d", 0, 100, "direct", "x")], [Line("d", 0, 45), Line("d", 55, 100)])
    assert report["true_positive"] == 2 and report["recall"] == 1.0
