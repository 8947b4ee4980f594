"""Word documents (.docx): paragraphs and table cells in reading order, then plain-text layout.

Blocks are joined with blank lines, so the plain-text cleaner sees the same paragraph
shape as in a .txt article. The file's core properties (author, created date) are not
used: they name whoever last saved the file and when, not the article's author or date.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import Errors, InputError
from ..records import Document
from .base import make_document

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARAGRAPH_BREAK = "\n\n"


def read_docx_document(path: Path, data: bytes) -> Document:
    """Read a .docx into a Document; E012 when it is not a readable Word file, E013 when empty."""
    from .cleaning import analyse_plain_text

    text = extract_docx_text(str(path), data)
    return make_document(path, data, MEDIA_TYPE, text, analyse_plain_text(text))


def extract_docx_text(source: str, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
    except (zipfile.BadZipFile, PackageNotFoundError, XMLSyntaxError, KeyError, ValueError, OSError) as exc:
        # A damaged zip, a zip without word/document.xml, or malformed XML inside it.
        raise InputError(source, Errors.E012.format(detail=_one_line(exc))) from None
    text = PARAGRAPH_BREAK.join(block for block in blocks if block)
    if not text:
        raise InputError(source, Errors.E013)
    return text


def _blocks(document):
    """Paragraph texts, and each table cell's paragraphs, in the order they appear."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _clean(item.text)
        elif isinstance(item, Table):
            yield from _table_blocks(item)


def _table_blocks(table):
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                yield _clean(paragraph.text)


def _clean(text: str) -> str:
    """Trim a block; Word's line breaks inside a paragraph stay as single newlines."""
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
