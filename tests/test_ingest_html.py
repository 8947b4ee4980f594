"""HTML reader: article body as blank-line paragraphs, metadata, honest dates, clean failures."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from stancetrace.errors import InputError
from stancetrace.ingest import read_document
from stancetrace.ingest.html import decode_html, read_html_document
from stancetrace.ingest.html_dates import find_published

# Fictional people and places only.
PARAGRAPHS = [
    "The governor of Eastmarch told reporters on Tuesday that the river treaty would not be signed this year.",
    "“We will not accept a deal that leaves our farmers without water,” Governor Alda Varn said in the capital.",
    "Officials from the neighbouring province of Westfold said they were disappointed and would ask for new talks.",
    "The treaty has been under negotiation for six years and covers the sharing of water from the Grey River.",
]


def _page(head: str = "", paragraphs: list[str] = PARAGRAPHS, charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>Governor rejects river treaty | Eastmarch Herald</title>
<meta property="og:title" content="Governor rejects river treaty">
<meta property="og:site_name" content="Eastmarch Herald">
<meta name="author" content="Mira Holt">
<link rel="canonical" href="https://herald.example/news/river-treaty">
{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Governor rejects river treaty</h1>{body}</article>
<footer><p>Copyright Eastmarch Herald. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def _read(tmp_path, html: str | bytes, name: str = "page.html"):
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return read_document(path)


def test_html_body_paragraphs_are_separated_by_blank_lines(tmp_path):
    document = _read(tmp_path, _page())
    body = document.text[document.body_start : document.body_end]
    assert body == "\n\n".join(PARAGRAPHS)
    assert document.media_type == "text/html"


def test_html_page_chrome_is_not_in_the_text(tmp_path):
    text = _read(tmp_path, _page()).text
    assert "Privacy policy" not in text
    assert "Sport" not in text


def test_html_metadata_title_author_publisher_url(tmp_path):
    document = _read(tmp_path, _page())
    assert document.title == "Governor rejects river treaty"
    assert document.authors == ["Mira Holt"]
    assert document.publisher == "Eastmarch Herald"
    assert document.url == "https://herald.example/news/river-treaty"


def test_html_title_span_reproduces_title_when_it_is_in_the_text(tmp_path):
    document = _read(tmp_path, _page())
    if document.title_span is None:
        assert document.title not in document.text.split("\n\n")
    else:
        assert document.title_span.text(document.text) == document.title
        assert document.body_start >= document.title_span.end


def test_html_published_date_from_markup_is_explicit(tmp_path):
    head = '<meta property="article:published_time" content="2019-03-14T09:30:00+00:00">'
    document = _read(tmp_path, _page(head))
    assert document.published == "2019-03-14"
    assert document.published_basis == "explicit"


def test_html_without_a_date_has_unknown_published(tmp_path):
    document = _read(tmp_path, _page())
    assert document.published is None
    assert document.published_basis == "unknown"


def test_html_dates_reject_a_date_after_today():
    html = _page('<meta property="article:published_time" content="2031-05-01T10:00:00Z">')
    assert find_published(html, today=dt.date(2024, 6, 1)) is None


def test_html_dates_reject_todays_date_as_a_guess():
    html = _page('<meta property="article:published_time" content="2024-06-01T10:00:00Z">')
    assert find_published(html, today=dt.date(2024, 6, 1)) is None
    assert find_published(html, today=dt.date(2024, 6, 2)).value == "2024-06-01"


def test_html_declared_latin1_is_decoded_as_windows_1252(tmp_path):
    quoted = ["\u201cWe will not sign,\u201d the governor said of the river treaty in Eastmarch." * 2] + PARAGRAPHS[2:]
    data = _page(paragraphs=quoted, charset="iso-8859-1").encode("cp1252")
    document = _read(tmp_path, data)
    assert "\u201cWe will not sign,\u201d" in document.text


def test_html_valid_utf8_wins_over_a_wrong_declaration():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Zürich – “quoted”</p></body></html>'
    assert "Zürich – “quoted”" in decode_html(data.encode("utf-8"))


def test_html_gzipped_page_is_read(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(_page().encode("utf-8")))
    document = read_html_document(path, path.read_bytes())
    assert PARAGRAPHS[1] in document.text


def test_html_without_body_is_e008(tmp_path):
    with pytest.raises(InputError) as caught:
        _read(tmp_path, "<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>")
    assert caught.value.reason == "E008 HTML page has no article body"


def test_html_body_spans_index_the_stored_text(tmp_path):
    document = _read(tmp_path, _page())
    for span in document.body_spans:
        assert 0 <= span.start < span.end <= len(document.text)
