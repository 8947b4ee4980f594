"""PDF reader: the text layer becomes the document text; damaged, locked and scanned files fail cleanly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from stancetrace.errors import InputError
from stancetrace.ingest import read_document

reportlab = pytest.importorskip("reportlab", reason="reportlab (dev dependency) builds the test PDFs")


def _pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF with a real text layer: one list of lines per page."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for lines in pages:
        y = 780
        for line in lines:
            sheet.drawString(72, y, line)
            y -= 20
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def _encrypted(data: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    # RC4 needs no optional crypto package (pypdf wants `cryptography` for AES).
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_text_layer_becomes_document_text(tmp_path):
    path = _write(tmp_path, "speech.pdf", _pdf_bytes([["Leader warns of talks"], ["The envoy said talks would resume."]]))
    document = read_document(path)
    assert document.media_type == "application/pdf"
    assert "Leader warns of talks" in document.text
    assert "The envoy said talks would resume." in document.text


def test_pdf_pages_are_separated_by_a_blank_line(tmp_path):
    path = _write(tmp_path, "two.pdf", _pdf_bytes([["First page line."], ["Second page line."]]))
    assert read_document(path).text == "First page line.\n\nSecond page line."


def test_pdf_body_span_indexes_the_stored_text(tmp_path):
    path = _write(tmp_path, "span.pdf", _pdf_bytes([["A headline", "", "Body sentence one."]]))
    document = read_document(path)
    assert 0 <= document.body_start < document.body_end <= len(document.text)
    assert "Body sentence one." in document.text[document.body_start : document.body_end]


def test_pdf_corrupt_file_is_e009(tmp_path):
    path = _write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason.startswith("E009 PDF cannot be read")
    assert "\n" not in caught.value.reason


def test_pdf_encrypted_with_a_password_is_e010(tmp_path):
    path = _write(tmp_path, "locked.pdf", _encrypted(_pdf_bytes([["Secret minutes."]]), user_password="letmein"))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason == "E010 PDF is encrypted"


def test_pdf_encrypted_with_empty_password_still_opens(tmp_path):
    path = _write(tmp_path, "restricted.pdf", _encrypted(_pdf_bytes([["Copying is restricted."]]), user_password=""))
    assert "Copying is restricted." in read_document(path).text


def test_pdf_without_text_layer_is_e011(tmp_path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.rect(72, 600, 200, 100, fill=1)  # a drawing, like a scanned page: no text objects
    sheet.showPage()
    sheet.save()
    path = _write(tmp_path, "scan.pdf", buffer.getvalue())
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason.startswith("E011 PDF has no text layer")
