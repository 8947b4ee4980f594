"""read_text_document: bytes of a .txt/.md file to a Document, and the seed floor."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from stancetrace.eval.documents import span_scores
from stancetrace.ingest import read_document
from stancetrace.records import Span

# Issue 2: body-span character F1 averaged over the five seeds must stay at or above this.
SEED_BODY_F1_FLOOR = 0.98

PAGE = ("Veloria Rejects Northern Talks\n\nBy Ada Quill\n\n12 March 2011\n\n"
        "The minister of Veloria said talks with the northern alliance were “pointless”.\n\nComments\n")


def test_plaintext_reads_metadata_and_body_with_offsets_into_the_text(tmp_path):
    path = tmp_path / "veloria.txt"
    path.write_bytes(PAGE.encode("utf-8"))
    document = read_document(path)
    assert (document.doc, document.media_type) == ("veloria.txt", "text/plain")
    assert document.title == "Veloria Rejects Northern Talks"
    assert document.authors == ["Ada Quill"]
    assert (document.published, document.published_basis) == ("2011-03-12", "explicit")
    assert document.published_span.text(document.text) == "12 March 2011"
    assert document.text[document.body_start : document.body_end].startswith("The minister")
    assert document.text[document.body_start : document.body_end].endswith("“pointless”.")


def test_plaintext_utf8_bom_file_keeps_gold_offsets(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + PAGE.encode("utf-8"))
    document = read_document(path)
    as_gold_reads_it = path.read_text(encoding="utf-8")
    assert document.text == as_gold_reads_it
    assert document.title_span.text(as_gold_reads_it) == "Veloria Rejects Northern Talks"


def test_plaintext_cp1252_file_is_read(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes((PAGE * 3).encode("cp1252"))
    assert read_document(path).title == "Veloria Rejects Northern Talks"


def test_plaintext_markdown_has_its_media_type(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Veloria Rejects Northern Talks\n\nThe minister spoke for an hour.\n", encoding="utf-8")
    document = read_document(path)
    assert (document.media_type, document.title) == ("text/markdown", "Veloria Rejects Northern Talks")


def test_plaintext_seeds_meet_the_body_f1_floor_and_never_invent_a_date(shared):
    gold = [json.loads(line) for line in (shared / "gold" / "seeds.documents.jsonl").read_text().splitlines()]
    scores = []
    for row in gold:
        document = read_document(shared / "seeds" / row["doc"])
        scores.append(span_scores(document.body_spans, Span(row["body_start"], row["body_end"]))["f1"])
        if row["published_basis"] == "explicit":
            assert document.published == row["published"]
        else:
            assert document.published_basis != "explicit" and document.published is None
        if row["title"] is not None:
            assert document.title == row["title"]
    assert sum(scores) / len(scores) >= SEED_BODY_F1_FLOOR
