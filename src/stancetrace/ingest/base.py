"""What every reader returns, and how a reader's result becomes a Document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..records import BASIS_EXPLICIT, BASIS_UNKNOWN, Document, Span


@dataclass
class Layout:
    """Where the body is in a text and what metadata its lines carry.

    Produced by the plain-text cleaner (and by HTML/PDF/DOCX readers). Spans index
    into the text the layout was computed for; the text itself is never rewritten.
    """

    body_start: int
    body_end: int
    body_excluded: list[Span] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    published_basis: str = BASIS_UNKNOWN
    published_span: Span | None = None
    url: str | None = None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_document(path: Path, data: bytes, media_type: str, text: str, layout: Layout) -> Document:
    basis = {}
    if layout.title:
        basis["title"] = BASIS_EXPLICIT
    if layout.authors:
        basis["authors"] = BASIS_EXPLICIT
    if layout.publisher:
        basis["publisher"] = BASIS_EXPLICIT
    basis["published"] = layout.published_basis
    return Document(
        doc=path.name,
        id=sha256_hex(data),
        source=str(path),
        media_type=media_type,
        text=text,
        body_start=layout.body_start,
        body_end=layout.body_end,
        body_excluded=list(layout.body_excluded),
        title=layout.title,
        title_span=layout.title_span,
        authors=list(layout.authors),
        publisher=layout.publisher,
        published=layout.published,
        published_basis=layout.published_basis,
        published_span=layout.published_span,
        url=layout.url,
        basis=basis,
    )
