"""Streaming benchmark: read a generated JSONL collection row by row, without NLP.

Generates a JSONL file of about --size bytes (fictional articles of a few kilobytes,
one row in HTML_EVERY as HTML), then reads every row into a Document through
`read_collection` (the same path as `stancetrace ingest data.jsonl`, minus the NLP and
the database unless --store is given) and reports rows/s, MB/s and the peak resident
memory of the process. The issue's bar: a 1 GB JSONL keeps peak memory under 1 GB.

    .venv/bin/python benchmarks/collections_stream.py               # 20 MB, quick
    .venv/bin/python benchmarks/collections_stream.py --size 1GB    # the issue's figure
    .venv/bin/python benchmarks/collections_stream.py --size 200MB --store
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from stancetrace.peak_memory import peak_resident_bytes

DEFAULT_SIZE = "20MB"
# One row in this many carries HTML instead of plain text, so both readers are timed.
HTML_EVERY = 10
# Paragraphs per generated article: 4-12 paragraphs of ~300 characters, a few kilobytes.
PARAGRAPHS = (4, 12)
SEED = 6

WORDS = ("council minister harbour bridge province talks agreement governor reporters spring "
         "winter tax budget election treaty border envoy parliament ceremony statement").split()
UNITS = {"": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", text.upper())
    if not match:
        raise argparse.ArgumentTypeError(f"size like 20MB or 1GB, got {text!r}")
    unit = match[2] if match[2].endswith("B") or not match[2] else match[2] + "B"
    return int(float(match[1]) * UNITS[unit])


def article(rng: random.Random, number: int) -> dict:
    paragraphs = []
    for _ in range(rng.randint(*PARAGRAPHS)):
        words = " ".join(rng.choice(WORDS) for _ in range(45))
        paragraphs.append(f"Governor Lina Marvast of Astoria said the {words}. \u201cWe will not wait,\u201d she said.")
    row = {"id": f"row-{number}", "title": f"Article {number}", "published": f"20{number % 25:02d}-05-14",
           "publisher": "Astoria Courier", "authors": ["Ida Pell"], "url": f"https://example.org/{number}"}
    if number % HTML_EVERY == 0:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        row["html"] = f"<html><head><title>Article {number}</title></head><body><article>{body}</article></body></html>"
    else:
        row["text"] = "\n\n".join(paragraphs) + "\n"
    return row


def generate(path: Path, size: int) -> int:
    rng, written, rows = random.Random(SEED), 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            line = json.dumps(article(rng, rows), ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            rows += 1
    return rows


def peak_rss_mb() -> float:
    return peak_resident_bytes() / (1 << 20)


def read_rows(path: Path, store_path: Path | None) -> tuple[int, int]:
    from stancetrace.ingest.collections import read_collection

    documents = errors = 0
    store = None
    if store_path is not None:
        from stancetrace.store import SQLiteStore

        store = SQLiteStore(store_path)
    for item in read_collection(path):
        if isinstance(item, Exception):
            errors += 1
            continue
        documents += 1
        if store is not None:
            store.add_document(item, [])
    if store is not None:
        store.close()
    return documents, errors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=parse_size(DEFAULT_SIZE), help="e.g. 20MB, 1GB")
    parser.add_argument("--keep", type=Path, help="write the JSONL here and keep it (default: a temporary folder)")
    parser.add_argument("--store", action="store_true", help="also write every document to a SQLite store")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
        path = args.keep or Path(tmp) / "collection.jsonl"
        started = time.perf_counter()
        generated = generate(path, args.size)
        print(f"generated {generated} rows, {path.stat().st_size / (1 << 20):.1f} MB "
              f"in {time.perf_counter() - started:.1f}s; peak RSS so far {peak_rss_mb():.0f} MB")
        started = time.perf_counter()
        documents, errors = read_rows(path, Path(tmp) / "bench.db" if args.store else None)
        elapsed = time.perf_counter() - started
        megabytes = path.stat().st_size / (1 << 20)
        print(f"read {documents} documents ({errors} errors) in {elapsed:.1f}s: "
              f"{documents / elapsed:,.0f} rows/s, {megabytes / elapsed:.1f} MB/s"
              f"{' (with SQLite store)' if args.store else ''}")
        print(f"peak RSS {peak_rss_mb():.0f} MB for a {megabytes:.0f} MB file")


if __name__ == "__main__":
    main()
