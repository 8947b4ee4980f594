#!/usr/bin/env python3
"""Compute the offsets of the demo corpus gold from its hand-written source.

The source (examples/corpus/gold/corpus.gold.yaml) names every span by its words, never
by number. This tool reads each document exactly as stancetrace does
(`stancetrace.ingest.read_document(path).text`: the decoded file for .txt, the extracted
text for .html/.pdf/.docx), finds the words, and writes the two SCHEMA.md files:

    examples/corpus/gold/corpus.documents.jsonl
    examples/corpus/gold/corpus.attributions.jsonl

Matching: a string matches where its words occur in order with any run of whitespace
between them (PDF and HTML extraction re-flow lines); the stored field is the text as it
is in the document. A string that starts or ends with a word character must start or end
on a word boundary ("he" never matches inside "the").

Which occurrence:
  * `content`: must be unique in the document, or give `content_n` (0-based occurrence).
  * `cue` and `speaker_mention`: `cue_n` / `speaker_n` pick an occurrence explicitly;
    otherwise the candidates outside the content span inside the paragraph(s) holding the
    content are used: the nearest one before the content, else (or with `cue_after: true`
    / `speaker_after: true`) the nearest one after it; if the paragraph has none, the
    nearest one before the content anywhere in the document.
  * documents: `body: [first words, last words]` gives the body span.
Anything not found, or a `content` that occurs more than once without `content_n`, is an
error: the tool prints every problem and exits 1 without writing.

    .venv/bin/python tools/anchor_gold.py            # write the JSONL files
    .venv/bin/python tools/anchor_gold.py --check    # also run ../shared/gold/check_gold.py on them
    .venv/bin/python tools/anchor_gold.py --show     # print every anchored span in context
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
GOLD_DIR = CORPUS / "gold"
SOURCE = GOLD_DIR / "corpus.gold.yaml"
OUT_DOCS = GOLD_DIR / "corpus.documents.jsonl"
OUT_ATTRS = GOLD_DIR / "corpus.attributions.jsonl"
CHECK_GOLD = ROOT.parent / "shared" / "gold" / "check_gold.py"

ATTR_ORDER = ("doc", "content", "content_start", "content_end", "type", "cue", "cue_start", "cue_end",
              "speaker_mention", "speaker_start", "speaker_end", "speaker", "said_on", "said_on_basis",
              "target", "event", "note")
ATTR_KEYS = {"content", "content_n", "type", "cue", "cue_n", "cue_after", "speaker_mention", "speaker_n",
             "speaker_after", "speaker", "said_on", "said_on_basis", "target", "event", "note"}
DOC_KEYS = {"title", "authors", "publisher", "published", "published_basis", "published_range", "body",
            "attributions", "note"}


class AnchorError(Exception):
    pass


def pattern(needle: str) -> re.Pattern[str]:
    words = needle.split()
    if not words:
        raise AnchorError("empty string")
    body = r"\s+".join(re.escape(w) for w in words)
    if re.match(r"\w", words[0]):
        body = r"(?<!\w)" + body
    if re.search(r"\w$", words[-1]):
        body = body + r"(?!\w)"
    return re.compile(body)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern(needle).finditer(text)]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) (blank-line separated) that hold text[start:end]."""
    left = text.rfind("\n\n", 0, start)
    left = 0 if left < 0 else left + 2
    right = text.find("\n\n", end)
    right = len(text) if right < 0 else right
    return left, right


def pick(text: str, needle: str, what: str, span: tuple[int, int], n: int | None, after: bool) -> tuple[int, int]:
    found = occurrences(text, needle)
    if not found:
        raise AnchorError(f"{what} {needle!r} not found")
    if n is not None:
        if not 0 <= n < len(found):
            raise AnchorError(f"{what} {needle!r}: occurrence {n} asked, {len(found)} found")
        return found[n]
    cs, ce = span
    outside = [o for o in found if o[1] <= cs or o[0] >= ce]
    if not outside:
        raise AnchorError(f"{what} {needle!r} occurs only inside the content")
    ps, pe = paragraph_bounds(text, cs, ce)
    local = [o for o in outside if o[0] >= ps and o[1] <= pe]
    before = [o for o in local if o[1] <= cs]
    later = [o for o in local if o[0] >= ce]
    if after and later:
        return later[0]
    if not after and before:
        return before[-1]
    if later and not after:
        return later[0]
    if before and after:
        return before[-1]
    earlier = [o for o in outside if o[1] <= cs]
    if earlier:
        return earlier[-1]
    raise AnchorError(f"{what} {needle!r}: no occurrence in the content's paragraph or before it")


def read_text(doc: str) -> str:
    from stancetrace.ingest import read_document

    path = CORPUS / doc
    if not path.is_file():
        raise AnchorError(f"document file {path} not found")
    return read_document(path).text


def anchor_attribution(doc: str, text: str, spec: dict) -> dict:
    unknown = set(spec) - ATTR_KEYS
    if unknown:
        raise AnchorError(f"unknown keys {sorted(unknown)}")
    for key in ("content", "type", "speaker", "said_on_basis"):
        if key not in spec:
            raise AnchorError(f"missing {key!r}")
    found = occurrences(text, spec["content"])
    if not found:
        raise AnchorError(f"content {spec['content'][:60]!r} not found")
    if "content_n" in spec:
        n = spec["content_n"]
        if not 0 <= n < len(found):
            raise AnchorError(f"content {spec['content'][:60]!r}: occurrence {n} asked, {len(found)} found")
        cs, ce = found[n]
    elif len(found) > 1:
        raise AnchorError(f"content {spec['content'][:60]!r} is ambiguous ({len(found)} occurrences); give content_n")
    else:
        cs, ce = found[0]
    rec = {"doc": doc, "content": text[cs:ce], "content_start": cs, "content_end": ce, "type": spec["type"]}
    for field, n_key, after_key, out in (("cue", "cue_n", "cue_after", "cue"),
                                          ("speaker_mention", "speaker_n", "speaker_after", "speaker")):
        needle = spec.get(field)
        if needle is None:
            rec[field], rec[f"{out}_start"], rec[f"{out}_end"] = None, None, None
            continue
        s, e = pick(text, needle, field, (cs, ce), spec.get(n_key), bool(spec.get(after_key)))
        rec[field], rec[f"{out}_start"], rec[f"{out}_end"] = text[s:e], s, e
    said = spec.get("said_on")
    rec["speaker"] = spec["speaker"]
    rec["said_on"] = None if said is None else str(said)
    rec["said_on_basis"] = spec["said_on_basis"]
    rec["target"] = spec.get("target")
    rec["event"] = spec.get("event")
    if spec.get("note"):
        rec["note"] = spec["note"]
    return {k: rec[k] for k in ATTR_ORDER if k in rec}


def anchor_document(doc: str, text: str, spec: dict) -> dict:
    unknown = set(spec) - DOC_KEYS
    if unknown:
        raise AnchorError(f"unknown keys {sorted(unknown)}")
    first, last = spec["body"]
    starts = occurrences(text, first)
    ends = occurrences(text, last)
    if len(starts) != 1 or len(ends) != 1:
        raise AnchorError(f"body strings must each occur once (start {len(starts)}x, end {len(ends)}x)")
    published = spec.get("published")
    rec = {
        "doc": doc,
        "title": spec.get("title"),
        "authors": list(spec.get("authors") or []),
        "publisher": spec.get("publisher"),
        "published": None if published is None else str(published),
        "published_basis": spec["published_basis"],
        "published_range": spec.get("published_range"),
        "body_start": starts[0][0],
        "body_end": ends[0][1],
    }
    if spec.get("note"):
        rec["note"] = spec["note"]
    return rec


def build(source: Path) -> tuple[list[dict], list[dict], dict[str, str], list[str]]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    docs, attrs, texts, errors = [], [], {}, []
    for doc, spec in data["documents"].items():
        try:
            text = read_text(doc)
        except Exception as exc:  # a reader failing is reported with the file, then we stop
            errors.append(f"{doc}: cannot read: {exc}")
            continue
        texts[doc] = text
        try:
            docs.append(anchor_document(doc, text, spec))
        except AnchorError as exc:
            errors.append(f"{doc}: document: {exc}")
        for i, aspec in enumerate(spec.get("attributions") or []):
            try:
                attrs.append(anchor_attribution(doc, text, aspec))
            except AnchorError as exc:
                errors.append(f"{doc}: attribution #{i} ({str(aspec.get('content', ''))[:40]!r}): {exc}")
    return docs, attrs, texts, errors


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def show(attrs: list[dict], texts: dict[str, str]) -> None:
    for a in attrs:
        t = texts[a["doc"]]
        print(f"--- {a['doc']} [{a['type']}] {a['speaker']} {a['said_on']} ({a['said_on_basis']})")
        for field, key in (("speaker_mention", "speaker"), ("cue", "cue")):
            if a[field] is not None:
                s, e = a[f"{key}_start"], a[f"{key}_end"]
                print(f"    {field}: ...{t[max(0, s - 30):s]}[[{t[s:e]}]]{t[e:e + 30]}...".replace("\n", "⏎"))
        print(f"    content: {a['content'][:90]!r}")


def run_check_gold(docs: list[dict], attrs: list[dict], texts: dict[str, str]) -> int:
    """check_gold.py reads *.txt files from a folder: give it every document's text as read."""
    if not CHECK_GOLD.is_file():
        print(f"check_gold.py not found at {CHECK_GOLD}; skipped", file=sys.stderr)
        return 1
    rename = {d: d if d.endswith(".txt") else d + ".txt" for d in texts}
    # For HTML/PDF/DOCX the byline and outlet may live only in the file's metadata (<meta>,
    # PDF info, DOCX core properties), not in the extracted text check_gold.py searches.
    extracted = [r["doc"] for r in docs if not r["doc"].endswith(".txt")]
    docs = [dict(r, authors=[], publisher=None) if r["doc"] in extracted else r for r in docs]
    if extracted:
        print(f"note: authors/publisher of {len(extracted)} extracted documents come from file metadata "
              "and are not checked against the text")
    with tempfile.TemporaryDirectory() as tmp:
        for doc, text in texts.items():
            with open(os.path.join(tmp, rename[doc]), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        write_jsonl(Path(tmp, "d.jsonl"), [dict(r, doc=rename[r["doc"]]) for r in docs])
        write_jsonl(Path(tmp, "a.jsonl"), [dict(r, doc=rename[r["doc"]]) for r in attrs])
        return subprocess.call([sys.executable, str(CHECK_GOLD), "--seeds", tmp,
                                "--attributions", os.path.join(tmp, "a.jsonl"),
                                "--documents", os.path.join(tmp, "d.jsonl")])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--check", action="store_true", help="run check_gold.py on the result")
    ap.add_argument("--show", action="store_true", help="print each anchored cue and speaker in context")
    args = ap.parse_args(argv)
    docs, attrs, texts, errors = build(args.source)
    if errors:
        print(f"{len(errors)} error(s); nothing written:", file=sys.stderr)
        for e in errors:
            print("  ERROR " + e, file=sys.stderr)
        return 1
    write_jsonl(OUT_DOCS, docs)
    write_jsonl(OUT_ATTRS, attrs)
    print(f"wrote {OUT_DOCS.relative_to(ROOT)} ({len(docs)} documents) and "
          f"{OUT_ATTRS.relative_to(ROOT)} ({len(attrs)} attributions)")
    if args.show:
        show(attrs, texts)
    if args.check:
        return run_check_gold(docs, attrs, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
