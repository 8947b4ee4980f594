"""Coding time as a share of extraction time, measured in one run over the demo corpus
(or the folders given): extract (parse + attributions + dates), then code the same
attributions with the same documents. Prints both times and the ratio (goal: <= 0.10)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from stancetrace.attribution import extract_many
from stancetrace.coding import code_attributions
from stancetrace.coding.parsed import ParseRecorder
from stancetrace.coding.rules import load_rules
from stancetrace.errors import InputError
from stancetrace.nlp import load_model
from stancetrace.pipeline import read_documents
from stancetrace.time import date_attributions

ROOT = Path(__file__).resolve().parent.parent


def main(paths: list[str]) -> None:
    documents = [d for d in read_documents(paths) if not isinstance(d, InputError)]
    nlp = ParseRecorder(load_model())  # loaded before timing, as the pipeline runs it (Docs kept)
    load_rules()  # likewise loaded once per process, before timing
    started = time.perf_counter()
    extracted = [date_attributions(d, a) for d, a in zip(documents, extract_many(documents, nlp=nlp))]
    extract_s = time.perf_counter() - started
    started = time.perf_counter()
    coded = [code_attributions(d, a, doc=nlp.take(d)) for d, a in zip(documents, extracted)]
    coding_s = time.perf_counter() - started
    n = sum(len(a) for a in coded)
    print(f"documents {len(documents)}, attributions {n}")
    print(f"extract {extract_s:.3f} s, coding {coding_s:.3f} s, ratio {coding_s / extract_s:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(ROOT / "examples" / "corpus")])
