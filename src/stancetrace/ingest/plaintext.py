"""Plain text (.txt/.md): decode, then find the body and metadata lines.

PLACEHOLDER: the encoding detection and page-chrome cleaning are being built in
`decode.py` and `cleaning.py`.
"""

from __future__ import annotations

from pathlib import Path

from ..records import Document
from .base import Layout, make_document


def read_text_document(path: Path, data: bytes) -> Document:
    text = data.decode("utf-8")
    return make_document(path, data, "text/plain", text, Layout(0, len(text)))
