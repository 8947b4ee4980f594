"""Words per second of `extract_many` against bare `nlp.pipe` on the same texts.

    .venv/bin/python benchmarks/attribution_speed.py [FOLDER ...] [--limit N]

Default texts: ../shared/seeds and ../shared/data/polnear/dev/text. The model is loaded
once; both runs parse the same body spans. Prints both rates and their ratio (target >= 0.8).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from stancetrace.attribution import extract_many
from stancetrace.ingest import read_document
from stancetrace.nlp import load_model

DEFAULT = [Path("../shared/seeds"), Path("../shared/data/polnear/dev/text")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    paths = [p for folder in args.folders for p in sorted(folder.glob("*.txt"))][: args.limit]
    documents = [read_document(p) for p in paths]
    texts = [d.text[s.start : s.end] for d in documents for s in d.body_spans]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    list(nlp.pipe(texts[:2]))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(atts) for atts in extract_many(documents, nlp=nlp))
    ours = time.perf_counter() - t0
    print(f"documents {len(documents)}  words {words}  attributions {found}")
    print(f"nlp.pipe      {words / bare:9.0f} words/s")
    print(f"extract_many  {words / ours:9.0f} words/s")
    print(f"ratio         {bare / ours:9.3f}  (target >= 0.8)")


if __name__ == "__main__":
    main()
