"""DOCX reader: paragraphs (and table cells) joined by blank lines; broken files fail cleanly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from stancetrace.errors import InputError
from stancetrace.ingest import read_document


def _docx(tmp_path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    path = tmp_path / "article.docx"
    document.save(path)
    return path


def test_docx_paragraphs_are_joined_with_blank_lines(tmp_path):
    path = _docx(tmp_path, ["Envoy rejects proposal", "", "The envoy said the plan was unacceptable."])
    document = read_document(path)
    assert document.text == "Envoy rejects proposal\n\nThe envoy said the plan was unacceptable."
    assert document.media_type.endswith("wordprocessingml.document")


def test_docx_table_cells_follow_the_paragraph_before_them(tmp_path):
    path = _docx(tmp_path, ["Votes by party:"], table=[["Party", "Seats"], ["Reform", "12"]])
    assert read_document(path).text == "Votes by party:\n\nParty\n\nSeats\n\nReform\n\n12"


def test_docx_body_span_indexes_the_stored_text(tmp_path):
    document = read_document(_docx(tmp_path, ["Headline", "A sentence of the body."]))
    assert 0 <= document.body_start < document.body_end <= len(document.text)


def test_docx_broken_zip_is_e012(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this zip stops here")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason.startswith("E012 DOCX cannot be read")
    assert "\n" not in caught.value.reason


def test_docx_broken_xml_is_e012(tmp_path):
    good = _docx(tmp_path, ["Fine text."])
    broken = tmp_path / "bad-xml.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut the XML mid-element
            target.writestr(item, data)
    with pytest.raises(InputError) as caught:
        read_document(broken)
    assert caught.value.reason.startswith("E012 DOCX cannot be read")


def test_docx_zip_without_a_word_document_is_e012(tmp_path):
    path = tmp_path / "not-word.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason.startswith("E012")


def test_docx_without_any_text_is_e013(tmp_path):
    with pytest.raises(InputError) as caught:
        read_document(_docx(tmp_path, ["", "   "]))
    assert caught.value.reason == "E013 no text after extraction"
