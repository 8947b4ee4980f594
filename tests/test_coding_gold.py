"""Pinned floors on gold (skipped when the shared data are absent)."""

from pathlib import Path

import pytest

from stancetrace.coding import evaluation

PLOVER = Path("/work/shared/data/plover/PLOVER_GSR_CAMEO.txt")
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
PLOVER_MACRO_F1_FLOOR = 0.75  # measured 0.78; the issue asks >= 0.70
CORPUS_EVENT_FLOOR = 0.78  # measured 0.807 on the demo corpus gold (events.v3)
SEEDS = Path("/work/shared/seeds")
SEEDS_GOLD = Path("/work/shared/gold/seeds.attributions.jsonl")
SEEDS_EVENT_FLOOR = 0.80  # measured 0.808 (events.v3); the issue asks >= 0.80


def test_coding_gold_plover_verbal_macro_f1_floor():
    if not PLOVER.is_file():
        pytest.skip("PLOVER gold not available")
    assert evaluation.run_plover(PLOVER)["macro_f1"] >= PLOVER_MACRO_F1_FLOOR


def test_coding_gold_demo_corpus_event_accuracy_floor():
    report = evaluation.run_gold(CORPUS / "gold" / "corpus.attributions.jsonl", CORPUS)
    assert report["accuracy"] >= CORPUS_EVENT_FLOOR


def test_coding_gold_seeds_event_accuracy_floor():
    if not SEEDS_GOLD.is_file():
        pytest.skip("seeds gold not available")
    assert evaluation.run_gold(SEEDS_GOLD, SEEDS)["accuracy"] >= SEEDS_EVENT_FLOOR
