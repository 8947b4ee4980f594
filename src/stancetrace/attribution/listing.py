"""Stored attributions as readable rows (the `stancetrace quotes` table).

Works from the store only (no spaCy): each row carries the sentence around the content,
cut from the stored document text at sentence punctuation or paragraph breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Errors, StanceTraceError

TYPES = ("direct", "partial", "mixed", "indirect", "block")
# The context shown around a content span stops at a sentence end or paragraph break,
# and never runs further than this many characters either side.
CONTEXT_MAX_CHARS = 240
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s|\n\s*\n")


@dataclass
class QuoteRow:
    said_on: str | None
    speaker: str
    speaker_mention: str | None
    type: str
    cue: str | None
    content: str
    context: str
    doc: str


def context(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) holding text[start:end], on one line."""
    lo = max(0, start - CONTEXT_MAX_CHARS)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + CONTEXT_MAX_CHARS))
    right = m.start() + 1 if m else min(len(text), end + CONTEXT_MAX_CHARS)
    return " ".join(text[left:right].split())


def quote_rows(store, *, speaker: str | None = None, since: str | None = None, until: str | None = None,
               kind: str | None = None) -> Iterator[QuoteRow]:
    """Stored attributions filtered by speaker id, said_on range (ISO prefixes) and type."""
    if kind is not None and kind not in TYPES:
        raise StanceTraceError(Errors.E305.format(value=kind, expected=", ".join(TYPES)))
    texts: dict[str, str] = {}
    for att in store.attributions():
        if speaker and att.speaker != speaker:
            continue
        if kind and att.type != kind:
            continue
        if since and (att.said_on is None or att.said_on < since):
            continue
        if until and (att.said_on is None or att.said_on[: len(until)] > until):
            continue
        if att.doc_id not in texts:
            texts[att.doc_id] = store.document(att.doc_id).text
        yield QuoteRow(att.said_on, att.speaker, att.speaker_mention, att.type, att.cue, att.content,
                       context(texts[att.doc_id], att.content_start, att.content_end), att.doc)
