"""The typed values passed between stages, and their record (JSONL) form.

Field names follow ../shared/gold/SCHEMA.md so our output can be scored against gold
without glue. Offsets are Python str indices into `Document.text`, which is the input
exactly as decoded (for HTML/PDF/DOCX: the extracted text that is stored).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Where a metadata field came from (issue: collections and sidecar metadata).
BASIS_METADATA = "metadata"  # given by the user's manifest or dataset column
BASIS_EXPLICIT = "explicit"  # stated in the text (a dateline, a byline)
BASIS_INFERRED = "inferred"  # derived from content (e.g. officials' terms of office)
BASIS_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class Document:
    """One article: its text as decoded, where the body is, and what it says about itself."""

    doc: str  # file name (no folder), or FILE#ROW for a dataset row
    id: str  # sha256 of the input bytes (stable: re-ingesting is a no-op)
    source: str  # path as found on disk
    media_type: str  # text/plain, text/html, application/pdf, ...
    text: str
    body_start: int
    body_end: int
    # Spans inside [body_start, body_end) that are page chrome (repeated captions,
    # link residue); the body is the body span minus these.
    body_excluded: list[Span] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    published_basis: str = BASIS_UNKNOWN
    published_range: tuple[str, str] | None = None
    published_span: Span | None = None  # evidence for an explicit date
    url: str | None = None
    # Per-field provenance: {"title": "explicit", "published": "metadata", ...}
    basis: dict[str, str] = field(default_factory=dict)

    @property
    def body_spans(self) -> list[Span]:
        """The body as spans, with excluded chrome cut out."""
        spans, cursor = [], self.body_start
        for cut in sorted(self.body_excluded, key=lambda s: s.start):
            if cut.start > cursor:
                spans.append(Span(cursor, cut.start))
            cursor = max(cursor, cut.end)
        if cursor < self.body_end:
            spans.append(Span(cursor, self.body_end))
        return spans

    def to_record(self) -> dict[str, Any]:
        """The document line of SCHEMA.md, plus our own provenance fields."""
        return {
            "doc": self.doc,
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "published": self.published,
            "published_basis": self.published_basis,
            "published_range": list(self.published_range) if self.published_range else None,
            "body_start": self.body_start,
            "body_end": self.body_end,
            "body_excluded": [[s.start, s.end] for s in self.body_excluded],
            "media_type": self.media_type,
            "source": self.source,
            "url": self.url,
            "basis": dict(self.basis),
        }


@dataclass
class Attribution:
    """A speaker saying something, with every part anchored in the document text."""

    doc: str
    content: str
    content_start: int
    content_end: int
    type: str  # direct | partial | mixed | indirect | block
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str = "unknown"
    speaker_method: str = "unknown"  # named | alias | role | pronoun | inherited | unknown
    confidence: float = 0.0
    said_on: str | None = None
    said_on_basis: str = BASIS_UNKNOWN  # explicit | relative | document | unknown
    said_on_granularity: str | None = None  # day | month | year
    said_on_start: int | None = None
    said_on_end: int | None = None
    target: str | None = None
    event: str | None = None
    rules: str | None = None  # the rule-set version that produced this record
    doc_id: str | None = None

    def to_record(self) -> dict[str, Any]:
        return asdict(self)
