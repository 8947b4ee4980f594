"""Ingest throughput without the NLP stage: documents/s, MB/s and peak memory.

Each measurement runs `pipeline.ingest(..., with_attributions=False)` into a fresh
SQLite file in its own subprocess, so its peak resident set size is its own (see stancetrace.peak_memory):

* html   the article-extraction benchmark pages (../shared/data), decompressed to .html;
* text   the seed articles, each copied with a numbered last line so every copy is a new
         document (same bytes would be an "unchanged" no-op), or generated prose without
         ../shared;
* large  one generated plain-text file of LARGE_MB megabytes: peak RSS against its size;
* idle   a subprocess that only imports stancetrace: the baseline the others sit on.

Usage:  .venv/bin/python benchmarks/ingest_throughput.py [--json] [--large-mb 100]
Runs in about a minute on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stancetrace.peak_memory import peak_resident_bytes

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HTML_PAGES = SHARED / "data" / "article-extraction-benchmark" / "html"
SEEDS = SHARED / "seeds"
# Copies of the 5 seeds: 400 documents take a few seconds, enough to average out start-up.
TEXT_COPIES = 80
# The "100 MB text file".
LARGE_MB = 100
# The memory ceiling for the large file: about 10x its size.
MEMORY_FACTOR_TARGET = 10
MB = 1_000_000
# Fictional vocabulary for generated prose (no real text, no real quotations).
WORDS = (
    "the council minister river treaty talks province farmers water envoy said would not "
    "accept deal neighbouring officials asked for new meeting capital spokesman budget vote"
).split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--large-mb", type=int, default=LARGE_MB, help="size of the generated large text file")
    parser.add_argument("--worker", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(ingest_folder(Path(args.worker[0]), Path(args.worker[1]))))
        return
    results = run_all(args.large_mb)
    print(json.dumps(results, indent=2) if args.json else render(results))


def ingest_folder(folder: Path, db: Path) -> dict:
    """Worker: ingest every file under `folder`; report counts, time and own peak RSS."""
    from stancetrace.pipeline import ingest
    from stancetrace.store import SQLiteStore

    files = [p for p in folder.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    started = time.perf_counter()
    with SQLiteStore(db) as store:
        summary = ingest([str(folder)], store, with_attributions=False)
    seconds = time.perf_counter() - started
    return {
        "documents": summary.ingested,
        "failed": summary.failed,
        "bytes": size,
        "seconds": seconds,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _peak_rss_mb() -> float:
    return peak_resident_bytes() / MB


def run_all(large_mb: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="stancetrace-bench-") as tmp:
        root = Path(tmp)
        results = {"idle": _idle_baseline()}
        if HTML_PAGES.is_dir():
            results["html"] = _measure(_html_folder(root / "html"), root / "html.db")
        results["text"] = _measure(_text_folder(root / "text"), root / "text.db")
        large = _large_folder(root / "large", large_mb)
        results["large"] = _measure(large, root / "large.db")
        results["large"]["rss_over_size"] = results["large"]["peak_rss_mb"] / (results["large"]["bytes"] / MB)
        increment = results["large"]["peak_rss_mb"] - results["idle"]["peak_rss_mb"]
        results["large"]["rss_above_idle_over_size"] = increment / (results["large"]["bytes"] / MB)
        results["large"]["target"] = MEMORY_FACTOR_TARGET
    return results


def _measure(folder: Path, db: Path) -> dict:
    command = [sys.executable, __file__, "--worker", str(folder), str(db)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    result["documents_per_s"] = result["documents"] / result["seconds"] if result["seconds"] else 0.0
    result["mb_per_s"] = result["bytes"] / MB / result["seconds"] if result["seconds"] else 0.0
    shutil.rmtree(folder, ignore_errors=True)
    return result


def _idle_baseline() -> dict:
    code = (
        "import stancetrace.pipeline, stancetrace.store;"
        "from stancetrace.peak_memory import peak_resident_bytes;"
        f"print(peak_resident_bytes() / {MB})"
    )
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {"peak_rss_mb": float(finished.stdout.strip())}


def _html_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for page in sorted(HTML_PAGES.glob("*.html.gz")):
        (folder / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    return folder


def _text_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    sources = [p.read_text(encoding="utf-8") for p in seeds] or [_prose(random.Random(n), 4_000) for n in range(5)]
    for copy in range(TEXT_COPIES):
        for n, text in enumerate(sources):
            (folder / f"{n:03d}-{copy:04d}.txt").write_text(f"{text}\n\n(copy {copy})\n", encoding="utf-8")
    return folder


def _large_folder(folder: Path, megabytes: int) -> Path:
    """One article-shaped text file: a title line, then generated paragraphs."""
    folder.mkdir(parents=True)
    rng = random.Random(0)
    block = _prose(rng, MB)  # one generated megabyte, numbered on each repeat
    with open(folder / "large.txt", "w", encoding="utf-8") as out:
        out.write("Council rejects river treaty\n\n")
        for n in range(megabytes):
            out.write(f"Part {n}.\n\n{block}\n\n")
    return folder


def _prose(rng: random.Random, size: int) -> str:
    paragraphs, total = [], 0
    while total < size:
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "." for _ in range(5)]
        paragraphs.append(" ".join(sentences))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def render(results: dict) -> str:
    lines = [f"{'input':<8}{'docs':>7}{'failed':>7}{'MB':>9}{'seconds':>9}{'docs/s':>9}{'MB/s':>8}{'peak RSS MB':>13}"]
    for name in ("html", "text", "large"):
        if name in results:
            r = results[name]
            lines.append(
                f"{name:<8}{r['documents']:>7}{r['failed']:>7}{r['bytes'] / MB:>9.1f}{r['seconds']:>9.1f}"
                f"{r['documents_per_s']:>9.1f}{r['mb_per_s']:>8.2f}{r['peak_rss_mb']:>13.0f}"
            )
    lines.append(f"idle (import only) peak RSS: {results['idle']['peak_rss_mb']:.0f} MB")
    large = results["large"]
    lines.append(
        f"large file: peak RSS {large['rss_over_size']:.1f}x its size "
        f"({large['rss_above_idle_over_size']:.1f}x above idle); target < {large['target']}x"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
