"""Reading brat standoff gold (PolNeAR layout)."""

import pytest

from stancetrace.errors import StanceTraceError
from stancetrace.eval.brat import load_gold


def test_eval_brat_reads_relations_and_discontinuous_content(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text = "Headline.\n\nTrump will win, he said, “easily.”"
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")
    ann = ("T1\tSource 27 29\the\nT2\tCue 30 34\tsaid\n"
           "T3\tContent 11 25;36 44\tTrump will win “easily.\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
    (tmp_path / "attributions" / "a_ab12.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "a_cd34.ann").write_text("", encoding="utf-8")  # second annotator ignored
    gold, texts = load_gold(tmp_path)
    assert [t.name for t in texts] == ["a.txt"]
    [line] = gold
    assert (line.start, line.end, line.speaker_start, line.quoted) == (11, 44, 27, True)


def test_eval_brat_wrong_layout_is_a_clean_error(tmp_path):
    with pytest.raises(StanceTraceError, match="E303"):
        load_gold(tmp_path)


def test_eval_brat_polnear_dev_parses(shared):
    gold, texts = load_gold(shared / "data" / "polnear" / "dev")
    assert len(texts) == 84 and len(gold) > 2000
