"""A small store for report, web and browser tests: demo-corpus documents with their
gold attributions (which carry targets and events), plus one hostile document.

Documents are read by the real readers; attributions come from the gold file so the
pages have coded content without loading spaCy.
"""

from __future__ import annotations

import json
from pathlib import Path

from stancetrace.records import Attribution, Document
from stancetrace.store import SQLiteStore

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
DEMO_FILES = (
    "1988-07-21-ceasefire-dispatch.txt",
    "2009-03-22-nowruz-reply.txt",
    "2013-09-18-heroic-flexibility.txt",
    "2015-10-08-talks-forbidden.txt",
    "2025-02-08-not-wise.txt",
    "undated-essay-the-long-no.txt",
)
HOSTILE_TITLE = '<script>window.pwned=1</script>Evil <b>title</b>'
HOSTILE_QUOTE = '<img src=x onerror="window.pwned=2">javascript:alert(1)'


def gold_attributions(doc: str) -> list[Attribution]:
    rows = [json.loads(line) for line in (CORPUS / "gold" / "corpus.attributions.jsonl").open(encoding="utf-8")]
    result = []
    for row in rows:
        if row["doc"] != doc:
            continue
        row.pop("note", None)
        granularity = {10: "day", 7: "month", 4: "year"}.get(len(row.get("said_on") or ""))
        result.append(Attribution(**row, speaker_method="named", confidence=0.9 if row["speaker"] != "unknown" else 0.2,
                                  said_on_granularity=granularity, rules="gold"))
    return result


def hostile_document() -> tuple[Document, list[Attribution]]:
    text = (f"{HOSTILE_TITLE}\n\nAn official said \"{HOSTILE_QUOTE}\" on Monday.\n\n"
            "<script>document.body.innerHTML='owned'</script>\n")
    start = text.index(HOSTILE_QUOTE)
    cue = text.index("said")
    document = Document(
        doc="hostile.txt", id="f" * 64, source="hostile.txt", media_type="text/plain", text=text,
        body_start=0, body_end=len(text), title=HOSTILE_TITLE, publisher="<i>Bad</i> Press",
        url="javascript:alert(3)",
    )
    said = Attribution(
        doc="hostile.txt", content=HOSTILE_QUOTE, content_start=start, content_end=start + len(HOSTILE_QUOTE),
        type="direct", cue="said", cue_start=cue, cue_end=cue + 4, speaker="unknown",
        speaker_mention="An official", speaker_start=text.index("An official"),
        speaker_end=text.index("An official") + 11, confidence=0.1,
    )
    return document, [said]


def build_demo_store(path: Path, files: tuple[str, ...] = DEMO_FILES, hostile: bool = True) -> Path:
    from stancetrace.pipeline import read_documents

    with SQLiteStore(path) as store:
        for document in read_documents([str(CORPUS / name) for name in files]):
            store.add_document(document, gold_attributions(document.doc))
        if hostile:
            store.add_document(*hostile_document())
    return path
