"""PDF files: the text layer (pypdf), pages separated by blank lines, then plain-text layout.

No OCR: a PDF whose pages carry no text (a scan) is reported as such (E011) instead of
being stored empty. An encrypted PDF is tried with the empty password first, which
opens the many files that are "encrypted" only to restrict printing or copying.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ..errors import Errors, InputError
from ..records import Document
from .base import make_document

MEDIA_TYPE = "application/pdf"
PAGE_BREAK = "\n\n"

# pypdf warns on every small irregularity of real-world files; the outcome is decided here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf_document(path: Path, data: bytes) -> Document:
    """Read a PDF's text layer into a Document; E009 corrupt, E010 encrypted, E011 no text."""
    from .cleaning import analyse_plain_text

    text = extract_pdf_text(str(path), data)
    return make_document(path, data, MEDIA_TYPE, text, analyse_plain_text(text))


def extract_pdf_text(source: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        _open_encrypted(source, reader)
        pages = [_page_text(page) for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        # pypdf signals a damaged file with whichever of these its parser hits first.
        raise InputError(source, Errors.E009.format(detail=_one_line(exc))) from None
    text = PAGE_BREAK.join(page for page in pages if page)
    if not text.strip():
        raise InputError(source, Errors.E011)
    return text


def _open_encrypted(source: str, reader) -> None:
    if not reader.is_encrypted:
        return
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("")
    except (NotImplementedError, ValueError, DependencyError) as exc:
        # An unsupported cipher, or AES without the optional `cryptography` package.
        raise InputError(source, f"{Errors.E010} ({_one_line(exc)})") from None
    if not opened:
        raise InputError(source, Errors.E010)


def _page_text(page) -> str:
    """One page's text with trailing spaces and surrounding blank lines trimmed."""
    lines = [line.rstrip() for line in (page.extract_text() or "").splitlines()]
    return "\n".join(lines).strip("\n")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
