"""textacy's `direct_quotations` next to our `extract` on the same texts (dev-only).

    .venv/bin/pip install textacy     # dev dependency, not a runtime one
    .venv/bin/python benchmarks/textacy_compare.py --gold ../shared/data/polnear/dev [--beliefs]

Scores both with the same matcher (SCHEMA.md 'Matching') against PolNeAR brat gold.
A document on which textacy raises (unbalanced quote marks) counts as zero predictions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stancetrace.eval.attributions import Line, score
from stancetrace.eval.brat import load_gold
from stancetrace.attribution.extract import Options
from stancetrace.ingest import read_document
from stancetrace.nlp import load_model
from stancetrace.pipeline import analyse_many


def textacy_lines(documents, nlp) -> tuple[list[Line], int]:
    from textacy.extract.triples import direct_quotations

    lines, failed = [], 0
    for document in documents:
        doc = nlp(document.text)
        try:
            for _speaker, _cue, content in direct_quotations(doc):
                lines.append(Line(document.doc, content.start_char, content.end_char))
        except (ValueError, IndexError, KeyError):
            failed += 1
    return lines, failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=Path("../shared/data/polnear/dev"))
    parser.add_argument("--beliefs", action="store_true", help="ours at PolNeAR's scope (states of mind too)")
    args = parser.parse_args()
    gold, paths = load_gold(args.gold)
    documents = [read_document(p) for p in paths]
    nlp = load_model()
    analysed = analyse_many(documents, nlp=nlp, extract_options=Options(beliefs=args.beliefs))
    ours = [Line.from_record(a.to_record()) for atts in analysed for a in atts]
    theirs, failed = textacy_lines(documents, nlp)
    a, b = score(gold, ours, canonical=False), score(gold, theirs, canonical=False)
    print(f"{'':12}{'stancetrace':>14}{'textacy':>14}")
    for key in ("precision", "recall", "f1"):
        print(f"{key:12}{a[key]!s:>14}{b[key]!s:>14}")
    for key in ("quoted", "unquoted"):
        print(f"{key + ' R':12}{a['recall_by_type'].get(key)!s:>14}{b['recall_by_type'].get(key)!s:>14}")
    print(f"textacy failed on {failed} of {len(documents)} documents")


if __name__ == "__main__":
    main()
