"""Speed of the time stage: words/s of `date_attributions` over the seed documents with
their gold attributions, and of `find_expressions` alone; with --spacy, bare spaCy
`nlp.pipe` on the same texts for comparison (the stage must add little to a run).

    .venv/bin/python benchmarks/time_speed.py [--repeat 20] [--spacy]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import fields
from pathlib import Path

from stancetrace.ingest import read_document
from stancetrace.records import Attribution
from stancetrace.time import date_attributions, find_expressions

SHARED = Path(__file__).resolve().parents[2] / "shared"
_FIELDS = {f.name for f in fields(Attribution)} - {"said_on", "said_on_basis"}


def load_seeds():
    gold = SHARED / "gold"
    meta = {d["doc"]: d for d in map(json.loads, (gold / "seeds.documents.jsonl").open(encoding="utf-8"))}
    lines = [json.loads(line) for line in (gold / "seeds.attributions.jsonl").open(encoding="utf-8")]
    for name, m in sorted(meta.items()):
        doc = read_document(SHARED / "seeds" / name)
        doc.published = m["published"]
        doc.published_range = tuple(m["published_range"]) if m["published_range"] else None
        doc.body_start, doc.body_end = m["body_start"], m["body_end"]
        atts = [Attribution(**{k: v for k, v in g.items() if k in _FIELDS}) for g in lines if g["doc"] == name]
        yield doc, atts


def rate(words: int, seconds: float) -> str:
    return f"{words / seconds:,.0f} words/s ({seconds * 1000:.1f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--spacy", action="store_true", help="also time bare spaCy nlp.pipe")
    args = parser.parse_args()
    seeds = list(load_seeds())
    words = sum(len(d.text.split()) for d, _ in seeds) * args.repeat
    date_attributions(*seeds[0])  # load the vocabulary and compile patterns once
    started = time.perf_counter()
    for _ in range(args.repeat):
        for doc, atts in seeds:
            find_expressions(doc.text, doc.body_start, doc.body_end)
    print(f"find_expressions:  {rate(words, time.perf_counter() - started)}")
    started = time.perf_counter()
    for _ in range(args.repeat):
        for doc, atts in seeds:
            date_attributions(doc, atts)
    print(f"date_attributions: {rate(words, time.perf_counter() - started)}"
          f"  [{len(seeds)} docs, {sum(len(a) for _, a in seeds)} attributions, x{args.repeat}]")
    if args.spacy:
        import spacy

        nlp = spacy.load("en_core_web_sm")
        texts = [d.text for d, _ in seeds] * max(1, args.repeat // 10)
        started = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        spacy_words = sum(len(t.split()) for t in texts)
        print(f"spaCy nlp.pipe:    {rate(spacy_words, time.perf_counter() - started)}")


if __name__ == "__main__":
    main()
