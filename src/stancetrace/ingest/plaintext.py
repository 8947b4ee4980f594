"""Plain text (.txt/.md/.text): decode the bytes, then find the body and metadata lines.

Decoding (`decode.py`) picks the encoding and refuses binary or damaged input; the
layout (`cleaning.py`) chooses the body span and reads title, bylines and datelines
without changing a character, so every offset indexes the decoded text.
"""

from __future__ import annotations

from pathlib import Path

from ..records import Document
from .base import make_document
from .cleaning import analyse_plain_text
from .decode import decode_text

MEDIA_TYPES = {".md": "text/markdown"}
DEFAULT_MEDIA_TYPE = "text/plain"


def read_text_document(path: Path, data: bytes) -> Document:
    """A Document for the bytes of a plain-text file; InputError if they are not text."""
    decoded = decode_text(data, str(path))
    layout = analyse_plain_text(decoded.text)
    media_type = MEDIA_TYPES.get(path.suffix.lower(), DEFAULT_MEDIA_TYPE)
    return make_document(path, data, media_type, decoded.text, layout)
