"""Regression tests for the seed traps of issue 3 (item 7): the wrong leader must never
be named. Needs ../shared (skipped when absent) and the spaCy model."""

import json

import pytest

from stancetrace.ingest import read_document
from stancetrace.pipeline import analyse


def _gold(shared, doc):
    lines = (shared / "gold" / "seeds.attributions.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["doc"] == doc]


@pytest.fixture(scope="module")
def analysed():
    cache = {}

    def get(seeds, name):
        if name not in cache:
            cache[name] = analyse(read_document(seeds / name))
        return cache[name]

    return get


def _paired(atts, g):
    from stancetrace.eval.attributions import spans_match

    from stancetrace.eval.attributions import _iou

    span = (g["content_start"], g["content_end"])
    cands = [a for a in atts if spans_match((a.content_start, a.content_end), span)]
    # Nested attributions pair with their own prediction (SCHEMA.md 'Matching').
    return sorted(cands, key=lambda a: -_iou((a.content_start, a.content_end), span))[:1]


@pytest.mark.parametrize("doc,needle,forbidden", [
    ("002_f2c565c7ccc5981d.txt", "negotiations with America as taboo", "ruhollah-khomeini"),  # "his successor"
    ("002_f2c565c7ccc5981d.txt", "more deadly than drinking hemlock", "ali-khamenei"),
    ("004_92e4960f2acc8bfd.txt", "poisoned chal", "ali-khamenei"),  # Khomeini's chalice
    ("004_92e4960f2acc8bfd.txt", "Cooperation between Iran and America", "ali-khamenei"),  # Firouzabadi's "he"
    ("004_92e4960f2acc8bfd.txt", "sign a defense and security agreement", "ali-khamenei"),  # Naghdi
    ("004_92e4960f2acc8bfd.txt", "golden ring of resistance", "hossein-hamedani"),  # Velayati
    ("004_92e4960f2acc8bfd.txt", "symbol of resistance against global", "ali-akbar-velayati"),  # Hamedani
    ("000_3401f9aef8b54661.txt", "terrorism is a growing global threat", "ali-khamenei"),  # Rouhani
    ("001_6be18840935062ed.txt", "cancer condemned to disappear", "jose-maria-aznar"),  # Aznar recounting
])
def test_attribution_seeds_trap_never_names_wrong_leader(seeds, analysed, doc, needle, forbidden):
    golds = [g for g in _gold(seeds.parent, doc) if needle in g["content"]]
    assert golds, needle
    for g in golds:
        for a in _paired(analysed(seeds, doc), g):
            assert a.speaker in (g["speaker"], "unknown"), (needle, a.speaker)
            assert g["speaker"] == forbidden or a.speaker != forbidden


def test_attribution_seeds_offsets_reproduce_text(seeds, analysed):
    for path in sorted(seeds.glob("*.txt")):
        text = read_document(path).text
        for a in analysed(seeds, path.name):
            assert text[a.content_start : a.content_end] == a.content
            if a.speaker_start is not None:
                assert text[a.speaker_start : a.speaker_end] == a.speaker_mention
