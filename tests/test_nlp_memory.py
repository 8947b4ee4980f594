"""Parsing does not make a long-running process grow (issue 3: documents stream).

spaCy adds every new word it meets to the model's StringStore and Vocab and to the
lemmatizer's memo, and never forgets them; `nlp.parsing_zone` frees them when a zone ends and
`pipeline.analyse_many` parses every batch inside one. The tests feed words the model has
never seen (the worst case: a leak grows with each) and compare two equal windows of work,
so warm-up and other jobs on the machine do not count.
"""

from __future__ import annotations

import gc
import random
import string
import tracemalloc

import pytest

from stancetrace import pipeline
from stancetrace.nlp import load_model, parsing_zone

# Texts per window, and made-up words per text: 6,000 new words a window, a few seconds.
WINDOW_TEXTS = 150
WORDS_PER_TEXT = 40
# Lemmatizer memo bound for these tests, so that it is reached within the first window.
SMALL_LEMMA_CACHE = 1_000
# Traced bytes a window may add (allocator noise, a memo refilling up to its bound);
# without the zone a window of new words adds several MB.
WINDOW_GROWTH_BYTES = 600_000
# Windows measured after the warm-up; one may hold a one-off allocation.
MEASURED_WINDOWS = 3
SEED = 20240603


def _texts(rng: random.Random, n: int) -> list[str]:
    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(6, 11)))

    return [" ".join(word() for _ in range(WORDS_PER_TEXT)).capitalize() + "." for _ in range(n)]


def _parse_window(nlp, texts: list[str]) -> None:
    with parsing_zone(nlp):
        for doc in nlp.pipe(texts):
            _ = [tok.lemma_ for tok in doc]  # what the stages read; copies out as str


@pytest.fixture
def nlp(monkeypatch):
    monkeypatch.setattr("stancetrace.nlp.LEMMA_CACHE_MAX", SMALL_LEMMA_CACHE)
    return load_model()


def test_nlp_memory_zone_keeps_vocabulary_flat(nlp):
    rng = random.Random(SEED)
    _parse_window(nlp, _texts(rng, WINDOW_TEXTS))
    strings = len(nlp.vocab.strings)  # (len(nlp.vocab) counts every lexeme ever made)
    _parse_window(nlp, _texts(rng, WINDOW_TEXTS))
    assert len(nlp.vocab.strings) == strings
    for _, pipe in nlp.pipeline:
        assert len(getattr(pipe, "cache", None) or ()) <= SMALL_LEMMA_CACHE + WINDOW_TEXTS * WORDS_PER_TEXT


def test_nlp_memory_windows_do_not_keep_growing(nlp):
    # A leak adds memory in every window; a one-off event (a dict or arena doubling its
    # table, a cache of another test reaching its bound) shows in one window only. So the
    # second-largest of three windows' growths must stay under the bound.
    rng = random.Random(SEED + 1)
    windows = [_texts(rng, WINDOW_TEXTS) for _ in range(1 + MEASURED_WINDOWS)]
    _parse_window(nlp, windows[0])  # warm-up: lazily built tables, first-use caches
    growths = []
    tracemalloc.start()
    try:
        for texts in windows[1:]:
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            _parse_window(nlp, texts)
            gc.collect()
            growths.append(tracemalloc.get_traced_memory()[0] - before)
    finally:
        tracemalloc.stop()
    assert sorted(growths)[-2] < WINDOW_GROWTH_BYTES, growths


def test_nlp_memory_analyse_many_frees_new_words(nlp, tmp_path):
    rng = random.Random(SEED + 2)
    paths = []
    for k, text in enumerate(_texts(rng, 6)):
        path = tmp_path / f"made-up-{k}.txt"
        path.write_text(f"Made-up words {k}\n\n“{text}” Senator Smith said on Monday.\n", encoding="utf-8")
        paths.append(path)
    documents = [pipeline.load_document(p) for p in paths]
    list(pipeline.analyse_many(documents[:1], nlp=nlp))  # warm-up
    before = len(nlp.vocab.strings)
    results = list(pipeline.analyse_many(documents[1:], nlp=nlp))
    assert len(nlp.vocab.strings) == before
    assert len(results) == len(documents) - 1
    # Records are plain values: reading them after the zone ended is safe.
    for attribution in (a for atts in results for a in atts):
        assert all(isinstance(v, (str, int, float, type(None))) for v in attribution.to_record().values())


def test_nlp_memory_parsing_zone_accepts_a_model_without_zones():
    with parsing_zone(object()):
        pass
